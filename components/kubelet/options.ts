/**
 * Typed kubelet options of a worker pool. Each field maps to one `KubeletConfiguration`
 * (kubelet.config.k8s.io/v1beta1) field of the same name unless its TSDoc says otherwise.
 * Cluster-wide defaults and a pool's options are merged field by field with {@link mergeKubeletOptions}.
 */

/** Resource quantities by resource name, e.g. `{ cpu: "100m", memory: "512Mi", "ephemeral-storage": "1Gi" }`. */
export type ResourceList = Readonly<Record<string, string>>;

/** Eviction signal thresholds, e.g. `{ "memory.available": "200Mi", "nodefs.available": "10%" }`. */
export type EvictionThresholds = Readonly<Record<string, string>>;

/** `cpuManagerPolicy` values the kubelet accepts. */
export const CPU_MANAGER_POLICIES = ["none", "static"] as const;
export type CpuManagerPolicy = (typeof CPU_MANAGER_POLICIES)[number];
/** `topologyManagerPolicy` values the kubelet accepts. */
export const TOPOLOGY_MANAGER_POLICIES = ["none", "best-effort", "restricted", "single-numa-node"] as const;
export type TopologyManagerPolicy = (typeof TOPOLOGY_MANAGER_POLICIES)[number];
/** `topologyManagerScope` values the kubelet accepts. */
export const TOPOLOGY_MANAGER_SCOPES = ["container", "pod"] as const;
export type TopologyManagerScope = (typeof TOPOLOGY_MANAGER_SCOPES)[number];

/** A hardened default switched off, with the reason recorded in the plan. */
export interface HardeningOverride {
  /** The `KubeletConfiguration` field whose hardened default is replaced, e.g. `readOnlyPort`. */
  readonly field: string;
  /** The value to use instead. */
  readonly value: unknown;
  /** Why: required, shown in the plan and in review. */
  readonly reason: string;
}

/** Kubelet options; every field is optional and falls back to the cluster default, then to the derived/EKS value. */
export interface KubeletOptions {
  /** `maxPods`. @default - derived from the instance types' ENIs (or prefix delegation), smallest over the pool's types */
  readonly maxPods?: number;
  /** `kubeReserved`. @default - derived with the EKS AMI formula from vCPUs and max pods */
  readonly kubeReserved?: ResourceList;
  /** `systemReserved`. @default - none (as the EKS AMI) */
  readonly systemReserved?: ResourceList;
  /** `evictionHard`; signals left out keep the EKS AMI defaults (we merge, the kubelet would zero them). @default - EKS AMI values */
  readonly evictionHard?: EvictionThresholds;
  /** `evictionSoft`; needs a grace period per signal in `evictionSoftGracePeriod`. @default - none */
  readonly evictionSoft?: EvictionThresholds;
  /** `evictionSoftGracePeriod`, Go durations per signal, e.g. `{ "memory.available": "1m30s" }`. @default - none */
  readonly evictionSoftGracePeriod?: Readonly<Record<string, string>>;
  /** `evictionMaxPodGracePeriod` in seconds for soft evictions. @default - kubelet default (0: the pod's own) */
  readonly evictionMaxPodGracePeriod?: number;
  /** `imageGCHighThresholdPercent`, 0-100. @default - kubelet default 85 */
  readonly imageGCHighThresholdPercent?: number;
  /** `imageGCLowThresholdPercent`, 0-100, below the high threshold. @default - kubelet default 80 */
  readonly imageGCLowThresholdPercent?: number;
  /** `containerLogMaxSize`, a quantity such as `10Mi`. @default - kubelet default 10Mi */
  readonly containerLogMaxSize?: string;
  /** `containerLogMaxFiles`, >= 2. @default - kubelet default 5 */
  readonly containerLogMaxFiles?: number;
  /** `shutdownGracePeriod`, a Go duration such as `60s`. @default - kubelet default 0s (graceful shutdown off) */
  readonly shutdownGracePeriod?: string;
  /** `shutdownGracePeriodCriticalPods`, a Go duration <= shutdownGracePeriod. @default - kubelet default 0s */
  readonly shutdownGracePeriodCriticalPods?: string;
  /** `cpuManagerPolicy`. @default - kubelet default none */
  readonly cpuManagerPolicy?: CpuManagerPolicy;
  /** `topologyManagerPolicy`. @default - kubelet default none */
  readonly topologyManagerPolicy?: TopologyManagerPolicy;
  /** `topologyManagerScope`. @default - kubelet default container */
  readonly topologyManagerScope?: TopologyManagerScope;
  /** `registryPullQPS`; 0 means unlimited. @default - kubelet default 5 */
  readonly registryPullQPS?: number;
  /** `registryBurst`, >= registryPullQPS. @default - kubelet default 10 */
  readonly registryBurst?: number;
  /** `maxParallelImagePulls`; needs serializeImagePulls false. @default - kubelet default (unlimited) */
  readonly maxParallelImagePulls?: number;
  /** `serializeImagePulls`. @default - kubelet default true */
  readonly serializeImagePulls?: boolean;
  /** `podPidsLimit`; -1 for no limit. @default - kubelet default -1 */
  readonly podPidsLimit?: number;
  /** `allowedUnsafeSysctls`, e.g. `["net.core.somaxconn"]`. @default - none */
  readonly allowedUnsafeSysctls?: readonly string[];
  /** `featureGates`, merged over the cluster default gates. @default - none */
  readonly featureGates?: Readonly<Record<string, boolean>>;
  /** Hardened defaults replaced on purpose, each with a reason. @default - none */
  readonly hardeningOverrides?: readonly HardeningOverride[];
  /** Any other `KubeletConfiguration` field by its exact name; still checked against the schema. @default - none */
  readonly extra?: Readonly<Record<string, unknown>>;
}

const MAP_FIELDS = ["kubeReserved", "systemReserved", "evictionHard", "evictionSoft", "evictionSoftGracePeriod", "featureGates", "extra"] as const;

/**
 * Merges cluster-wide defaults with a pool's options: a pool's scalar wins; maps are merged key by key
 * (the pool's keys win); `hardeningOverrides` and `allowedUnsafeSysctls` are concatenated.
 */
export function mergeKubeletOptions(base: KubeletOptions, over: KubeletOptions): KubeletOptions {
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const key of MAP_FIELDS) {
    if (base[key] !== undefined || over[key] !== undefined) merged[key] = { ...base[key], ...over[key] };
  }
  if (base.hardeningOverrides || over.hardeningOverrides) {
    merged.hardeningOverrides = [...(base.hardeningOverrides ?? []), ...(over.hardeningOverrides ?? [])];
  }
  if (base.allowedUnsafeSysctls || over.allowedUnsafeSysctls) {
    merged.allowedUnsafeSysctls = [...new Set([...(base.allowedUnsafeSysctls ?? []), ...(over.allowedUnsafeSysctls ?? [])])];
  }
  return merged;
}
