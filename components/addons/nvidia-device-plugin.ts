/**
 * The NVIDIA device plugin (NVIDIA/k8s-device-plugin's Helm chart) for pools whose AMI has NVIDIA drivers but no
 * device plugin (AL2023 NVIDIA; Bottlerocket's NVIDIA variants ship their own). Not an EKS add-on, so not a row of
 * the EKS addon catalog (catalog.ts): a Helm release beside it, installed after the nodes like the catalog's
 * `after-nodes` rows, through the platform's Kubernetes provider. Chart facts: components/facts helm-charts. Pure.
 */
import { ConfigIssue } from "../core";
import { HELM_CHARTS } from "../facts";

/** The pinned chart (name, Helm repository, default version). */
export const NVIDIA_DEVICE_PLUGIN_CHART = HELM_CHARTS["nvidia-device-plugin"];
/** Namespace of the release (its pods run at `system-node-critical`). */
export const NVIDIA_DEVICE_PLUGIN_NAMESPACE = "kube-system";
/** The node label EKS managed node groups put on their nodes (`--node-labels`), valued with the node group name. */
export const NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";

/** A pool the plugin runs on: its node groups' names (`N`: strings, or Pulumi inputs in the component) and its taints. */
export interface GpuPoolPlacement<N = string> {
  readonly nodeGroupNames: readonly N[];
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** A Helm chart version: SemVer 2 without a leading v (Helm's `version` in Chart.yaml). */
export const CHART_VERSION_RE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const CHART_TOLERATIONS = [
  { key: "CriticalAddonsOnly", operator: "Exists" },
  { key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" },
];

/**
 * The chart's values: a required node affinity on the GPU pools' node groups (the chart's default affinity needs
 * node-feature-discovery labels or `nvidia.com/gpu.present`, which nodeadm adds only from Kubernetes 1.35), and
 * the chart's own tolerations plus every taint of those pools (the tolerations value replaces the chart's list).
 */
export function renderNvidiaDevicePluginValues(pools: readonly GpuPoolPlacement[]): Record<string, unknown> {
  const names = [...new Set(pools.flatMap((p) => p.nodeGroupNames))].sort();
  const seen = new Set<string>();
  const tolerations = [...CHART_TOLERATIONS, ...pools.flatMap((p) => p.taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value ?? "", effect: t.effect })))]
    .filter((t) => {
      const id = JSON.stringify(t);
      return seen.has(id) ? false : (seen.add(id), true);
    });
  return {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODEGROUP_LABEL, operator: "In", values: names }] }] } } },
    tolerations,
  };
}

const isStr = (v: unknown): v is string => typeof v === "string";
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The chart ships no values.schema.json (components/facts/data/helm-charts.json), so the values we set are checked by
 * the types Kubernetes gives them: a NodeAffinity with one non-empty `In` expression, and tolerations of strings.
 */
export function checkNvidiaDevicePluginValues(values: Record<string, unknown>, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const affinity = values.affinity;
  const terms = isObj(affinity) && isObj(affinity.nodeAffinity) && isObj(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution)
    ? affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : undefined;
  const exprs = Array.isArray(terms) && terms.length === 1 && isObj(terms[0]) ? terms[0].matchExpressions : undefined;
  const expr = Array.isArray(exprs) && exprs.length === 1 && isObj(exprs[0]) ? exprs[0] : undefined;
  if (!expr || !isStr(expr.key) || expr.operator !== "In" || !Array.isArray(expr.values) || expr.values.length === 0 || !expr.values.every(isStr)) {
    issues.push({ path: `${at}.affinity`, message: "must be a required node affinity with one non-empty In expression of strings" });
  }
  const tolerations = values.tolerations;
  if (!Array.isArray(tolerations) || !tolerations.every((t) => isObj(t) && Object.values(t).every(isStr))) {
    issues.push({ path: `${at}.tolerations`, message: "must be a list of tolerations whose fields are strings" });
  }
  return issues;
}

/** The version option: an exact chart version (Helm releases are pinned; there is no `latest`). */
export function validateNvidiaDevicePluginVersion(version: string, at: string): ConfigIssue[] {
  if (CHART_VERSION_RE.test(version)) return [];
  return [{ path: at, message: `must be an exact nvidia-device-plugin chart version like ${NVIDIA_DEVICE_PLUGIN_CHART.version} (no leading v, no "latest"), got "${version}"` }];
}
