/** `workerpools:autoscaling.clusterAutoscaler` (SPEC §11.4): the options, their defaults (in one place) and the resolver. */

/** Expanders the platform configures: `priority` (the pools' order; ties by least-waste) or `least-waste`. */
export const CLUSTER_AUTOSCALER_EXPANDERS = ["priority", "least-waste"] as const;
export type ClusterAutoscalerExpander = (typeof CLUSTER_AUTOSCALER_EXPANDERS)[number];

/** The Cluster Autoscaler options. */
export interface ClusterAutoscalerOptions {
  /** Install the Cluster Autoscaler. @default false */
  readonly enabled?: boolean;
  /**
   * `auto`: the chart release matching the cluster's Kubernetes minor (components/facts cluster-autoscaler.json), image
   * tag included; or an exact chart version (its image is the chart's default). @default "auto"
   */
  readonly version?: string;
  /** @default "priority" */
  readonly expander?: ClusterAutoscalerExpander;
  /** The pool the autoscaler runs on (min >= 1, so it never scales away its own node). @default - the first pool */
  readonly pool?: string;
}

/** {@link ClusterAutoscalerOptions} with every default applied. */
export interface ResolvedClusterAutoscalerOptions {
  readonly enabled: boolean;
  readonly version: string;
  readonly expander: ClusterAutoscalerExpander;
  readonly pool: string;
}

/** The defaults of {@link ClusterAutoscalerOptions} (the pool's: the first pool). */
export const CLUSTER_AUTOSCALER_DEFAULTS = { enabled: false, version: "auto", expander: "priority" } as const;

/** Applies the defaults; `poolNames` in config order give the default pool. Never writes to `o`. */
export function resolveClusterAutoscalerOptions(o: ClusterAutoscalerOptions | undefined, poolNames: readonly string[]): ResolvedClusterAutoscalerOptions {
  const d = CLUSTER_AUTOSCALER_DEFAULTS;
  return { enabled: o?.enabled ?? d.enabled, version: o?.version ?? d.version, expander: o?.expander ?? d.expander, pool: o?.pool ?? poolNames[0] ?? "" };
}
