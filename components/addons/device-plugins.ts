/**
 * Device plugin Helm releases for accelerated pools, one row per plugin ({@link DEVICE_PLUGINS}): NVIDIA's
 * k8s-device-plugin for NVIDIA pools whose AMI ships none (AL2023; Bottlerocket's NVIDIA variants ship their own) and
 * AWS Neuron's neuron-helm-chart (its device plugin only) for Neuron pools (AL2023_x86_64_NEURON, and Bottlerocket on
 * its standard variant, which has the Neuron driver and no device plugin). Not EKS add-ons, so not rows of the EKS
 * addon catalog (catalog.ts): Helm releases beside it, installed after the nodes like the catalog's `after-nodes` rows,
 * through the platform's Kubernetes provider. Every list of them (config keys, options, releases, the plan's lines)
 * is derived from the rows. Chart facts: components/facts helm-charts. Pure.
 */
import { ConfigIssue, isRecord } from "../core";
import { ACCELERATOR_RESOURCES, AmiAccelerator, ChartToleration, EksAmiOperatingSystem, HELM_CHARTS, HelmChartFacts } from "../facts";
import { chartValuesIssues } from "./chart-values";

/** The accelerators a device plugin row serves: every accelerator an AMI variant carries drivers for (one row each). */
export type DevicePluginAccelerator = Exclude<AmiAccelerator, "none">;

/** One device plugin release. */
export interface DevicePluginRow {
  /** The key under `workerpools:addons` and of `AddonsArgs`. */
  readonly key: string;
  readonly accelerator: DevicePluginAccelerator;
  /** What the plan and messages call it. */
  readonly title: string;
  readonly chart: HelmChartFacts;
  /** Helm release name. */
  readonly releaseName: string;
  /** Namespace of the release (the DaemonSet runs at `system-node-critical` there). */
  readonly namespace: string;
  /** Values set besides the placement: the chart's component switches (nothing else of the chart is installed). */
  readonly switches: Readonly<Record<string, unknown>>;
  /** Extended resources the plugin advertises on a node (components/facts ACCELERATOR_RESOURCES; the first is the whole device). */
  readonly resources: readonly string[];
  /** Operating systems whose AMI for this accelerator ships the plugin itself (the platform installs none there). */
  readonly builtInOn: readonly EksAmiOperatingSystem[];
}

/** The device plugin releases, by accelerator. */
export const DEVICE_PLUGINS = [
  {
    key: "nvidiaDevicePlugin", accelerator: "nvidia", title: "NVIDIA's k8s-device-plugin", chart: HELM_CHARTS["nvidia-device-plugin"],
    releaseName: "nvidia-device-plugin", namespace: "kube-system", switches: {}, resources: ACCELERATOR_RESOURCES.nvidia, builtInOn: ["BOTTLEROCKET"],
  },
  {
    key: "neuronDevicePlugin", accelerator: "neuron", title: "AWS Neuron's device plugin (neuron-helm-chart)", chart: HELM_CHARTS["neuron-helm-chart"],
    releaseName: "neuron-device-plugin", namespace: "kube-system",
    // The device plugin only: the scheduler extension is for contiguous NeuronCore allocation with a second scheduler
    // (opt-in in the chart), node-problem-detector/recovery needs its own namespace and IAM, DRA excludes the plugin.
    switches: { devicePlugin: { enabled: true }, scheduler: { enabled: false }, npd: { enabled: false }, draDriver: { enabled: false } },
    resources: ACCELERATOR_RESOURCES.neuron, builtInOn: [],
  },
] as const satisfies readonly DevicePluginRow[];

/** One row of {@link DEVICE_PLUGINS}, with its literal key. */
export type DevicePlugin = (typeof DEVICE_PLUGINS)[number];
export type DevicePluginKey = DevicePlugin["key"];

/** The row of an accelerator. */
export const devicePluginFor = (accelerator: DevicePluginAccelerator): DevicePlugin => {
  const row = DEVICE_PLUGINS.find((r) => r.accelerator === accelerator);
  if (!row) throw new RangeError(`no device plugin row for ${accelerator}`);
  return row;
};

/** `f` of each row, by accelerator. */
export function perAccelerator<T>(f: (row: DevicePlugin) => T): Readonly<Record<DevicePluginAccelerator, T>> {
  return Object.fromEntries(DEVICE_PLUGINS.map((r) => [r.accelerator, f(r)])) as Record<DevicePluginAccelerator, T>;
}

/** The node label EKS managed node groups put on their nodes (`--node-labels`), valued with the node group name. */
export const NODEGROUP_LABEL = "eks.amazonaws.com/nodegroup";

/** The node label Karpenter puts on the nodes it launches, valued with the NodePool's name. */
export const NODEPOOL_LABEL = "karpenter.sh/nodepool";

/**
 * A pool a device plugin runs on: its accelerator, node groups' names (`N`: strings, or Pulumi inputs in the component)
 * or, for a karpenter pool, its NodePools' names, and taints.
 */
export interface AcceleratedPoolPlacement<N = string> {
  readonly accelerator: DevicePluginAccelerator;
  readonly nodeGroupNames: readonly N[];
  /** A karpenter pool's NodePools (its nodes carry `karpenter.sh/nodepool=<name>`). @default [] */
  readonly nodePoolNames?: readonly string[];
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

/** A Helm chart version: SemVer 2 without a leading v (Helm's `version` in Chart.yaml). */
export const CHART_VERSION_RE = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** How a release names its chart: an OCI reference, or the chart in a Helm repository. */
export function chartReference(chart: HelmChartFacts): { readonly chart: string; readonly repositoryOpts?: { readonly repo: string } } {
  return chart.repository.startsWith("oci://") ? { chart: `${chart.repository}/${chart.chart}` } : { chart: chart.chart, repositoryOpts: { repo: chart.repository } };
}

function merge(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const left = out[k];
    out[k] = isRecord(left) && isRecord(v) ? merge(left, v) : v;
  }
  return out;
}

/**
 * The chart's values: its switches, and at the chart's pod path a required node affinity on the pools' node groups
 * (the NVIDIA chart's default needs node-feature-discovery labels or `nvidia.com/gpu.present`, which nodeadm adds
 * only from Kubernetes 1.35; the Neuron chart's lists instance types, not pools) and the chart's own tolerations plus
 * every taint of those pools (a tolerations value replaces the chart's list).
 */
export function renderDevicePluginValues(row: DevicePluginRow, pools: readonly Omit<AcceleratedPoolPlacement, "accelerator">[]): Record<string, unknown> {
  const names = [...new Set(pools.flatMap((p) => p.nodeGroupNames))].sort();
  const nodePools = [...new Set(pools.flatMap((p) => p.nodePoolNames ?? []))].sort();
  // Node selector terms are ORed: a node of one of the node groups, or one Karpenter launched for one of the NodePools.
  const terms = [[NODEGROUP_LABEL, names], [NODEPOOL_LABEL, nodePools]] as const;
  const seen = new Set<string>();
  const taints: ChartToleration[] = pools.flatMap((p) => p.taints.map((t) => ({ key: t.key, operator: "Equal" as const, value: t.value ?? "", effect: t.effect })));
  const tolerations = [...row.chart.defaultTolerations, ...taints].filter((t) => {
    const id = JSON.stringify(t);
    return seen.has(id) ? false : (seen.add(id), true);
  });
  const pod = {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.filter(([, values]) => values.length > 0)
      .map(([key, values]) => ({ matchExpressions: [{ key, operator: "In", values }] })) } } },
    tolerations,
  };
  const at = row.chart.podValuesPath;
  return merge(row.switches, at === "" ? pod : { [at]: pod });
}

const isStr = (v: unknown): v is string => typeof v === "string";

/** The pod placement at the chart's pod path: a NodeAffinity with one non-empty `In` expression, and tolerations of strings. */
function placementIssues(pod: unknown, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const affinity = isRecord(pod) ? pod.affinity : undefined;
  const terms = isRecord(affinity) && isRecord(affinity.nodeAffinity) && isRecord(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution)
    ? affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms : undefined;
  const one = (term: unknown): boolean => {
    const exprs = isRecord(term) ? term.matchExpressions : undefined;
    const expr = Array.isArray(exprs) && exprs.length === 1 && isRecord(exprs[0]) ? exprs[0] : undefined;
    return expr !== undefined && isStr(expr.key) && expr.operator === "In" && Array.isArray(expr.values) && expr.values.length > 0 && expr.values.every(isStr);
  };
  if (!Array.isArray(terms) || terms.length === 0 || terms.length > 2 || !terms.every(one)) {
    issues.push({ path: `${at}.affinity`, message: "must be a required node affinity of one or two terms (node groups, NodePools), each one non-empty In expression of strings" });
  }
  const tolerations = isRecord(pod) ? pod.tolerations : undefined;
  if (!Array.isArray(tolerations) || !tolerations.every((t) => isRecord(t) && Object.values(t).every(isStr))) {
    issues.push({ path: `${at}.tolerations`, message: "must be a list of tolerations whose fields are strings" });
  }
  return issues;
}

/**
 * The charts ship no values.schema.json (components/facts/data/helm-charts.json), so the values we set are checked
 * against the keys of the chart's values.yaml shipped as data, and the placement by the types Kubernetes gives it.
 */
export function checkDevicePluginValues(row: DevicePluginRow, values: Readonly<Record<string, unknown>>, at: string): ConfigIssue[] {
  const unknown = chartValuesIssues(row.chart, values, at);
  const podPath = row.chart.podValuesPath;
  const pod = podPath === "" ? values : values[podPath];
  return [...unknown, ...placementIssues(pod, podPath === "" ? at : `${at}.${podPath}`)];
}

/** The version option: an exact chart version (Helm releases are pinned; there is no `latest`). */
export function validateDevicePluginVersion(row: DevicePluginRow, version: string, at: string): ConfigIssue[] {
  if (CHART_VERSION_RE.test(version)) return [];
  return [{ path: at, message: `must be an exact ${row.chart.chart} chart version like ${row.chart.version} (no leading v, no "latest"), got "${version}"` }];
}
