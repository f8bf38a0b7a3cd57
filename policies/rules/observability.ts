/**
 * Stack rules on observability: the Metrics API for autoscaling pools (metrics-server), and where the control plane's
 * and the nodes' logs go (the cluster's log types; the amazon-cloudwatch-observability add-on's dataplane logs).
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { get, isUnknown } from "../rule-values";
import { MAPPINGS } from "./mappings";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const ADDON = "aws:eks/addon:Addon";
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

const finding = (r: RuleResource, verdict: Verdict): StackFinding => ({ urn: r.urn, name: r.name, type: r.type, verdict });

/** The stack installs metrics-server: the EKS add-on, or a Helm release of its chart. */
function hasMetricsServer(resources: readonly RuleResource[]): boolean | "unknown" {
  const addons = resources.filter((r) => r.type === ADDON).map((r) => r.props.addonName);
  const charts = resources.filter((r) => r.type === HELM_RELEASE).map((r) => r.props.chart);
  const names = [...addons, ...charts];
  if (names.some((n) => n === "metrics-server")) return true;
  return names.some(isUnknown) ? "unknown" : false;
}

function checkMetricsServer(resources: readonly RuleResource[]): StackFinding[] {
  const present = hasMetricsServer(resources);
  return resources.filter((r) => r.type === NODE_GROUP).flatMap((ng) => {
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

/** Stack rules on observability. */
export const OBSERVABILITY_RULES: readonly StackRule[] = [metricsServer];

