/**
 * The Cluster Autoscaler's rendered Helm values against the chart (the chart ships no values.schema.json): every key a
 * key of the chart's values.yaml in every pinned chart, and every `extraArgs` entry a flag every pinned autoscaler
 * release defines, with a scalar value (the chart renders each as `--<flag>=<value>`). Facts: components/facts
 * cluster-autoscaler.json. Pure.
 */
import { ConfigIssue, isRecord } from "../core";
import { CLUSTER_AUTOSCALER } from "../facts";
import { chartValuesIssues } from "../addons";
import { AutoscalerPool, ClusterAutoscalerPlan, renderClusterAutoscalerValues } from "./cluster-autoscaler-plan";

const SOURCE = "components/facts/data/cluster-autoscaler.json";

const chartVersions = Object.values(CLUSTER_AUTOSCALER.releases).map((r) => r.chartVersion);
/** The chart versions whose values.yaml the keys were read from, as the messages name them. */
export const CLUSTER_AUTOSCALER_VALUES_VERSIONS = `${chartVersions[0]} to ${chartVersions[chartVersions.length - 1]}`;

const isScalar = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";

/** Every problem of `values` (the chart's values as rendered), at `at` + the key's path. */
export function checkClusterAutoscalerValues(values: Readonly<Record<string, unknown>>, at: string): ConfigIssue[] {
  const chart = { chart: CLUSTER_AUTOSCALER.chart, version: CLUSTER_AUTOSCALER_VALUES_VERSIONS, valuesKeys: CLUSTER_AUTOSCALER.valuesKeys };
  const keys = chartValuesIssues(chart, values, at, SOURCE);
  const extra = values.extraArgs;
  if (extra === undefined) return keys;
  if (!isRecord(extra)) return [...keys, { path: `${at}.extraArgs`, message: "must be a map of cluster-autoscaler flags to values" }];
  const flags = new Set(CLUSTER_AUTOSCALER.flags);
  const args = Object.entries(extra).flatMap(([flag, v]): ConfigIssue[] => {
    if (!flags.has(flag)) return [{ path: `${at}.extraArgs.${flag}`, message: `is not a flag of every pinned cluster-autoscaler release (config/flags/flags.go and main.go; ${SOURCE} flags)` }];
    return isScalar(v) ? [] : [{ path: `${at}.extraArgs.${flag}`, message: `must be a string, number or boolean (rendered as --${flag}=<value>), got ${JSON.stringify(v)}` }];
  });
  return [...keys, ...args];
}

/**
 * The values' problems before a resource is registered: the values rendered with placeholders for what is known only
 * once the cluster exists (names and region change no key), then checked.
 */
export function clusterAutoscalerValuesIssues(plan: ClusterAutoscalerPlan, pool: Pick<AutoscalerPool, "taints">, at: string): ConfigIssue[] {
  const probe = renderClusterAutoscalerValues(plan, { clusterName: "cluster", region: "region", poolNodeGroupNames: ["node-group"], poolTaints: pool.taints });
  return checkClusterAutoscalerValues(probe, at);
}
