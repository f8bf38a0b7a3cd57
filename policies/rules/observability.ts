/**
 * Stack rules on observability: the Metrics API for autoscaling pools (metrics-server), and where the control plane's
 * and the nodes' logs go (the cluster's log types; the amazon-cloudwatch-observability add-on's dataplane logs).
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { get, isUnknown } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { CLUSTER_TYPES } from "./control-plane";
import { ADDON_TYPE, HELM_RELEASE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const finding = (r: RuleResource, verdict: Verdict): StackFinding => ({ urn: r.urn, name: r.name, type: r.type, verdict });

/** The stack installs metrics-server: the EKS add-on, or a Helm release of its chart. */
function hasMetricsServer(resources: readonly RuleResource[]): boolean | "unknown" {
  const addons = resources.filter((r) => r.type === ADDON_TYPE).map((r) => r.props.addonName);
  const charts = resources.filter((r) => r.type === HELM_RELEASE_TYPE).map((r) => r.props.chart);
  const names = [...addons, ...charts];
  if (names.some((n) => n === "metrics-server")) return true;
  return names.some(isUnknown) ? "unknown" : false;
}

function checkMetricsServer(resources: readonly RuleResource[]): StackFinding[] {
  const present = hasMetricsServer(resources);
  return resources.filter((r) => r.type === NODE_GROUP_TYPE).flatMap((ng) => {
    const min = get(ng.props, "scalingConfig", "minSize");
    const max = get(ng.props, "scalingConfig", "maxSize");
    if (isUnknown(min) || isUnknown(max)) return [finding(ng, undecided("scalingConfig is unknown until deploy"))];
    if (typeof min !== "number" || typeof max !== "number" || min >= max) return [];
    if (present === "unknown") return [finding(ng, undecided("an add-on name or chart is unknown until deploy"))];
    return [finding(ng, present ? PASS : [
      `node group ${ng.name} scales ${min}..${max}, but the stack installs no metrics-server: the Horizontal Pod Autoscaler and \`kubectl top\` get no resource metrics, so pods do not scale out and the pool's extra capacity goes unused`,
    ])];
  });
}

const metricsServer: StackRule = {
  kind: "stack", id: "EKS-OBS-001", name: "eks-metrics-server-for-autoscaling",
  description: "When any node group can scale (minSize < maxSize), the stack installs metrics-server (EKS add-on or Helm chart), so the Horizontal Pod Autoscaler has the resource metrics it scales pods on.",
  enforcementLevel: "advisory", mapping: MAPPINGS.metricsServer,
  remediation: "Keep workerpools:addons.metricsServer.enabled true (the default), or install metrics-server another way.",
  check: checkMetricsServer,
};

const CLUSTER_TYPE_SET: ReadonlySet<string> = new Set(CLUSTER_TYPES);
/** Helm charts that ship node logs when installed beside (or instead of) the CloudWatch add-on. */
const LOG_SHIPPER_CHARTS: readonly string[] = ["aws-for-fluent-bit", "fluent-bit", "amazon-cloudwatch-observability"];

/** Whether the amazon-cloudwatch-observability add-on ships the dataplane stream (the kubelet and kube-proxy journals). */
function cloudwatchShipsDataplane(addon: RuleResource): boolean | "unknown" {
  const raw = addon.props.configurationValues;
  if (isUnknown(raw)) return "unknown";
  if (raw === undefined) return true; // the add-on's own defaults ship all three streams
  let values: unknown;
  try { values = typeof raw === "string" ? JSON.parse(raw) : raw; } catch { return false; }
  if (get(values, "containerLogs", "enabled") === false) return false;
  return get(values, "containerLogs", "fluentBit", "config", "extraFiles", "dataplane-log.conf") !== "";
}

function dataplaneShipped(resources: readonly RuleResource[]): boolean | "unknown" {
  const cloudwatch = resources.filter((r) => r.type === ADDON_TYPE && r.props.addonName === "amazon-cloudwatch-observability").map(cloudwatchShipsDataplane);
  const charts = resources.filter((r) => r.type === HELM_RELEASE_TYPE).map((r) => r.props.chart);
  if (cloudwatch.includes(true) || charts.some((c) => typeof c === "string" && LOG_SHIPPER_CHARTS.includes(c))) return true;
  return cloudwatch.includes("unknown") || charts.some(isUnknown) ? "unknown" : false;
}

function checkLogsShipped(resources: readonly RuleResource[]): StackFinding[] {
  // No node group: no dataplane of ours to ship logs from (a control plane alone is judged by EKS-CP-004 / EKS-CP-008).
  if (!resources.some((r) => r.type === NODE_GROUP_TYPE)) return [];
  const dataplane = dataplaneShipped(resources);
  return resources.filter((r) => CLUSTER_TYPE_SET.has(r.type)).map((cluster) => {
    const types = cluster.props.enabledClusterLogTypes;
    if (isUnknown(types) || dataplane === "unknown") return finding(cluster, undecided("the cluster's log types or the log shipper's values are unknown until deploy"));
    const out: string[] = [];
    if (!Array.isArray(types) || types.length === 0) out.push("no control-plane log type is enabled: API server, audit, authenticator, controller manager and scheduler logs go nowhere");
    if (!dataplane) out.push("no dataplane logs are shipped: the kubelet, kube-proxy and container runtime journals stay on the nodes (lost with them, read only through SSM or SSH)");
    return finding(cluster, out);
  });
}

const logsShipped: StackRule = {
  kind: "stack", id: "EKS-OBS-002", name: "eks-logs-shipped",
  description: "In a stack with node groups, control-plane logs (the cluster's enabledClusterLogTypes) and dataplane logs (the kubelet, kube-proxy and container runtime journals: amazon-cloudwatch-observability with its dataplane stream, or a Fluent Bit chart) are shipped somewhere.",
  enforcementLevel: "advisory", mapping: MAPPINGS.auditLogsGuide,
  remediation: "Set workerpools:cluster.logging.types, and workerpools:addons.cloudwatchObservability.enabled: true (logs.dataplane defaults to true), or ship node journals another way.",
  check: checkLogsShipped,
};

/** Stack rules on observability. */
export const OBSERVABILITY_RULES: readonly StackRule[] = [metricsServer, logsShipped];

