/**
 * Cluster Autoscaler, pure (SPEC §11.4): the chart release for the Kubernetes minor, the Helm values (auto-discovery,
 * expander, balancing, placement on its pool), the priority expander's priorities, the IAM policy scoped by the
 * discovery tags, which node groups it discovers, and the validation of the options against the pools.
 */
import YAML from "yaml";
import { ConfigIssue } from "../core";
import { CLUSTER_AUTOSCALER, clusterAutoscalerRelease } from "../facts";
import { CHART_VERSION_RE, NODEGROUP_LABEL } from "../addons";
import type { ResolvedClusterAutoscalerOptions } from "./cluster-autoscaler-args";

/** Namespace, release and service account of the autoscaler (the Pod Identity association names them). */
export const CLUSTER_AUTOSCALER_NAMESPACE = "kube-system";
export const CLUSTER_AUTOSCALER_RELEASE = "cluster-autoscaler";
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";
/** The ConfigMap the priority expander reads (fixed by the autoscaler, in its own namespace). */
export const PRIORITY_EXPANDER_CONFIGMAP = "cluster-autoscaler-priority-expander";
/** The pod annotation that keeps the autoscaler from scaling down the node it runs on. */
export const SAFE_TO_EVICT_ANNOTATION = "cluster-autoscaler.kubernetes.io/safe-to-evict";

/** A pool as the autoscaler sees it: its node groups (resource names, per-group sizes) and its taints. */
export interface AutoscalerPool {
  readonly name: string;
  readonly layout: "spread" | "per-zone";
  readonly scaling: { readonly min: number; readonly max: number };
  readonly nodeGroups: readonly { readonly name: string; readonly min: number; readonly max: number }[];
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** One priority of the priority expander: the node groups of one pool. */
export interface AutoscalerPriority {
  readonly priority: number;
  readonly pool: string;
}

/** The autoscaler's plan. */
export interface ClusterAutoscalerPlan {
  readonly chart: string;
  readonly repository: string;
  readonly chartVersion: string;
  /** The image tag the platform sets (`auto` only; an explicit chart version keeps the chart's image). */
  readonly imageTag?: string;
  /** Where the version comes from. */
  readonly versionSource: string;
  /** The `expander` argument. */
  readonly expander: string;
  /** Highest first; empty with `least-waste`. */
  readonly priorities: readonly AutoscalerPriority[];
  readonly balanceSimilarNodeGroups: boolean;
  readonly pool: string;
  /** Every managed pool's node groups (EKS tags them all for discovery); `scalable`: min < max. */
  readonly discovers: readonly { readonly pool: string; readonly nodeGroup: string; readonly min: number; readonly max: number; readonly scalable: boolean }[];
}

const scalable = (p: Pick<AutoscalerPool, "scaling">): boolean => p.scaling.min < p.scaling.max;

/**
 * Priorities from the pools' order: every pool the autoscaler can resize (min < max), the first listed highest
 * (10 for the last, 10 more for each pool before it). The `priority` expander picks among the highest-priority node
 * groups that fit the pending pods; `least-waste` breaks ties (`expander: priority,least-waste`).
 */
export function planPriorities(pools: readonly Pick<AutoscalerPool, "name" | "scaling">[]): AutoscalerPriority[] {
  const candidates = pools.filter(scalable);
  return candidates.map((p, i) => ({ priority: 10 * (candidates.length - i), pool: p.name }));
}

/** The plan; call only with options {@link validateClusterAutoscaler} accepted. */
export function planClusterAutoscaler(o: ResolvedClusterAutoscalerOptions, pools: readonly AutoscalerPool[], kubernetesVersion: string): ClusterAutoscalerPlan {
  const release = o.version === "auto" ? clusterAutoscalerRelease(kubernetesVersion) : undefined;
  if (o.version === "auto" && release === undefined) throw new RangeError(`no Cluster Autoscaler chart for Kubernetes ${kubernetesVersion} (validation should have refused it)`);
  return {
    chart: CLUSTER_AUTOSCALER.chart,
    repository: CLUSTER_AUTOSCALER.repository,
    chartVersion: release?.chartVersion ?? o.version,
    ...(release ? { imageTag: `v${release.appVersion}` } : {}),
    versionSource: release ? `auto: Kubernetes ${kubernetesVersion} → chart ${release.chartVersion} (autoscaler ${release.appVersion}, ${release.tag})` : "explicit chart version",
    expander: o.expander === "priority" ? "priority,least-waste" : "least-waste",
    priorities: o.expander === "priority" ? planPriorities(pools) : [],
    balanceSimilarNodeGroups: pools.some((p) => p.layout === "per-zone" && scalable(p)),
    pool: o.pool,
    discovers: pools.flatMap((p) => p.nodeGroups.map((g) => ({ pool: p.name, nodeGroup: g.name, min: g.min, max: g.max, scalable: g.min < g.max }))),
  };
}

/** What the values need besides the plan, once known (Outputs resolved). */
export interface AutoscalerDeployFacts {
  readonly clusterName: string;
  readonly region: string;
  /** The EKS node group names of the pool it runs on. */
  readonly poolNodeGroupNames: readonly string[];
  readonly poolTaints: AutoscalerPool["taints"];
}

/** The chart's values: AWS auto-discovery of the cluster's tagged groups, the expander, and the pod on its pool. */
export function renderClusterAutoscalerValues(plan: ClusterAutoscalerPlan, f: AutoscalerDeployFacts): Record<string, unknown> {
  const names = [...new Set(f.poolNodeGroupNames)].sort();
  return {
    cloudProvider: "aws",
    awsRegion: f.region,
    autoDiscovery: { clusterName: f.clusterName },
    fullnameOverride: CLUSTER_AUTOSCALER_RELEASE,
    rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
    extraArgs: { expander: plan.expander, ...(plan.balanceSimilarNodeGroups ? { "balance-similar-node-groups": true } : {}) },
    ...(plan.imageTag ? { image: { tag: plan.imageTag } } : {}),
    podAnnotations: { [SAFE_TO_EVICT_ANNOTATION]: "false" },
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: NODEGROUP_LABEL, operator: "In", values: names }] }] } } },
    tolerations: f.poolTaints.map((t) => ({ key: t.key, operator: "Equal", value: t.value ?? "", effect: t.effect })),
  };
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The priority expander's `priorities` (YAML: priority → regexes of Auto Scaling group names). EKS names a managed
 * node group's Auto Scaling group `eks-<node group name>-<uuid>`, so each node group is matched by that prefix.
 */
export function renderPriorities(priorities: readonly AutoscalerPriority[], nodeGroupNames: Readonly<Record<string, readonly string[]>>): string {
  const doc = new Map<number, string[]>();
  for (const p of priorities) doc.set(p.priority, [...(doc.get(p.priority) ?? []), ...(nodeGroupNames[p.pool] ?? []).map((n) => `^eks-${escapeRegex(n)}-.*`)]);
  return YAML.stringify(doc, { sortMapEntries: (a, b) => Number(b.key) - Number(a.key) });
}

/** The IAM policy of the autoscaler's AWS docs: Describe* on every resource; scaling only groups tagged for this cluster. */
export function renderClusterAutoscalerPolicy(clusterName: string): Record<string, unknown> {
  const t = CLUSTER_AUTOSCALER.discoveryTags;
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "DescribeForDiscovery", Effect: "Allow", Action: [...CLUSTER_AUTOSCALER.describeActions], Resource: "*" },
      {
        Sid: "ScaleDiscoveredGroups", Effect: "Allow", Action: [...CLUSTER_AUTOSCALER.scalingActions], Resource: "*",
        Condition: { StringEquals: { [`aws:ResourceTag/${t.clusterPrefix}${clusterName}`]: t.clusterValue, [`aws:ResourceTag/${t.enabled}`]: t.enabledValue } },
      },
    ],
  };
}

/** Where the options and the pools are in stack config (the paths validation reports at). */
export interface AutoscalerPaths {
  /** e.g. `workerpools:autoscaling.clusterAutoscaler`. */
  readonly at: string;
  /** The path of pool `i`, e.g. `workerpools:pools[1]`. */
  readonly pool: (i: number) => string;
}

/**
 * The options against the pools: a known chart for the Kubernetes minor (`auto`) or an exact chart version, and a
 * pool to run on that exists and keeps at least one node. `pools`: the managed pools (the ones with node groups).
 */
export function validateClusterAutoscaler(
  o: ResolvedClusterAutoscalerOptions, pools: readonly Pick<AutoscalerPool, "name" | "scaling">[], kubernetesVersion: string, paths: AutoscalerPaths,
): ConfigIssue[] {
  if (!o.enabled) return [];
  const issues: ConfigIssue[] = [];
  const known = Object.keys(CLUSTER_AUTOSCALER.releases);
  if (o.version === "auto" && clusterAutoscalerRelease(kubernetesVersion) === undefined) {
    issues.push({ path: `${paths.at}.version`, message: `auto: no Cluster Autoscaler chart is known for Kubernetes ${kubernetesVersion} (known: ${known.join(", ")}); give an exact chart version` });
  } else if (o.version !== "auto" && !CHART_VERSION_RE.test(o.version)) {
    issues.push({ path: `${paths.at}.version`, message: `must be auto or an exact cluster-autoscaler chart version like ${CLUSTER_AUTOSCALER.releases[known[known.length - 1]].chartVersion}, got "${o.version}"` });
  }
  const i = pools.findIndex((p) => p.name === o.pool);
  if (i < 0) issues.push({ path: `${paths.at}.pool`, message: `no pool named "${o.pool}"; pools are ${pools.map((p) => p.name).join(", ")}` });
  else if (pools[i].scaling.min < 1) {
    issues.push({ path: `${paths.at}.pool`, message: `pool "${o.pool}" may scale to zero (${paths.pool(i)}.scaling.min is ${pools[i].scaling.min}); the autoscaler needs a pool with min >= 1 to run on` });
  }
  return issues;
}
