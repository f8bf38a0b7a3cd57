/**
 * Pure: the Cluster Autoscaler in the plan, read back from the registered resources (the Helm release's chart and
 * values, the priority expander's ConfigMap, the Pod Identity association, the role's policy) and the node groups it
 * discovers (every managed node group: EKS tags their Auto Scaling groups for auto-discovery).
 */
import YAML from "yaml";
import { CLUSTER_TYPE, CONFIG_MAP_TYPE, HELM_RELEASE_TYPE, isRecord, NODE_GROUP_TYPE, POD_IDENTITY_ASSOCIATION_TYPE, ROLE_POLICY_TYPE } from "../../components/core";
import { clusterAutoscalerRelease } from "../../components/facts";
import type { StackConfig } from "../../infra/stack-config";
import type { PlanResource } from "./resources";

/** The autoscaler in the plan document. */
export interface ClusterAutoscalerSummary {
  readonly chart: string;
  readonly chartVersion: string;
  /** The image tag set (`auto`); absent: the chart's own. */
  readonly imageTag?: string;
  readonly versionSource: string;
  readonly expander: string;
  readonly balanceSimilarNodeGroups: boolean;
  /** Highest first: each priority's Auto Scaling group name patterns. */
  readonly priorities: readonly { readonly priority: number; readonly patterns: readonly string[] }[];
  readonly pool: string;
  /** `namespace/serviceAccount` of its Pod Identity association. */
  readonly serviceAccount: string;
  /** The tag conditions its scaling actions are limited to. */
  readonly scalingScopedBy: Readonly<Record<string, string>>;
  readonly discovers: readonly { readonly nodeGroup: string; readonly min: number; readonly max: number; readonly scalable: boolean }[];
  /** Resource names the release waits for. */
  readonly waitsFor: readonly string[];
}

const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;
const rec = (v: unknown): Record<string, unknown> => (isRecord(v) ? v : {});

/** The summary, or undefined when the stack installs no Cluster Autoscaler. */
export function summarizeClusterAutoscaler(config: StackConfig, resources: readonly PlanResource[]): ClusterAutoscalerSummary | undefined {
  const o = config.autoscaling.clusterAutoscaler;
  const release = resources.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.name === "cluster-autoscaler");
  if (!o.enabled || release === undefined) return undefined;
  const values = rec(release.inputs.values);
  const args = rec(values.extraArgs);
  const map = resources.find((r) => r.type === CONFIG_MAP_TYPE && rec(r.inputs.metadata).name === "cluster-autoscaler-priority-expander");
  const text = rec(map?.inputs.data).priorities;
  const parsed = typeof text === "string" ? rec(YAML.parse(text)) : {};
  const association = resources.find((r) => r.type === POD_IDENTITY_ASSOCIATION_TYPE && r.name === release.name);
  const policy = resources.find((r) => r.type === ROLE_POLICY_TYPE && r.name === release.name)?.inputs.policy;
  const statements = typeof policy === "string" ? (rec(JSON.parse(policy)).Statement as unknown[]) : [];
  const scoped = statements.map(rec).find((s) => s.Condition !== undefined);
  const known = o.version === "auto" ? clusterAutoscalerRelease(config.controlPlane.kubernetesVersion) : undefined;
  return {
    chart: String(release.inputs.chart),
    chartVersion: String(release.inputs.version),
    ...(isRecord(values.image) && typeof values.image.tag === "string" ? { imageTag: values.image.tag } : {}),
    versionSource: known ? `auto: Kubernetes ${config.controlPlane.kubernetesVersion} → chart ${known.chartVersion} (autoscaler ${known.appVersion}, ${known.tag})` : "explicit chart version (the chart's image)",
    expander: String(args.expander),
    balanceSimilarNodeGroups: args["balance-similar-node-groups"] === true,
    priorities: Object.entries(parsed).map(([k, v]) => ({ priority: Number(k), patterns: Array.isArray(v) ? v.map(String) : [] })).sort((a, b) => b.priority - a.priority),
    pool: o.pool,
    serviceAccount: `${String(association?.inputs.namespace)}/${String(association?.inputs.serviceAccount)}`,
    scalingScopedBy: Object.fromEntries(Object.entries(rec(rec(scoped?.Condition).StringEquals)).map(([k, v]) => [k, String(v)])),
    discovers: resources.filter((r) => r.type === NODE_GROUP_TYPE).map((g) => {
      const s = rec(g.inputs.scalingConfig);
      const [min, max] = [Number(s.minSize), Number(s.maxSize)];
      return { nodeGroup: g.name, min, max, scalable: min < max };
    }),
    waitsFor: release.dependencies.filter((d) => !d.includes(CLUSTER_TYPE)).map(nameOf),
  };
}

/** Text: the release, what it discovers and scales, its priorities, where it runs and what the autoscaler changes. */
export function renderClusterAutoscaler(s: ClusterAutoscalerSummary): string {
  const lines = [
    "Cluster Autoscaler:",
    `  release cluster-autoscaler: chart ${s.chart} ${s.chartVersion}${s.imageTag ? `, image ${s.imageTag}` : ""} (${s.versionSource})`,
    `  expander ${s.expander}${s.balanceSimilarNodeGroups ? "; balance-similar-node-groups (a per-zone pool's node groups grow together)" : ""}`,
    ...s.priorities.map((p) => `    priority ${p.priority}: ${p.patterns.join(", ")}`),
    `  runs on pool ${s.pool} (safe-to-evict false), Pod Identity ${s.serviceAccount}; scales only groups tagged ${Object.entries(s.scalingScopedBy).map(([k, v]) => `${k.replace("aws:ResourceTag/", "")}=${v}`).join(", ")}`,
    `  discovers (EKS tags every managed node group's Auto Scaling group): ${s.discovers.map((d) => `${d.nodeGroup} ${d.min}..${d.max}${d.scalable ? "" : " (fixed)"}`).join(", ")}`,
    "  desired sizes: the autoscaler's between min and max (pulumi ignores desiredSize after creation); AZ loss: it grows the other zones' node groups up to their max",
    `  waits for: ${s.waitsFor.join(", ")}`,
  ];
  return lines.join("\n");
}
