/** The Karpenter fields of a pool (`provisioner: karpenter`) and their defaults (applied only in {@link resolveKarpenterPool}). */

/** Who launches a pool's nodes: EKS managed node groups, or Karpenter from a `NodePool` + `EC2NodeClass`. */
export const PROVISIONERS = ["managed", "karpenter"] as const;
export type Provisioner = (typeof PROVISIONERS)[number];

/** Capacity types of a Karpenter pool, in EKS's spelling (NodePool requirement `karpenter.sh/capacity-type`). */
export const KARPENTER_CAPACITY_TYPES = ["SPOT", "ON_DEMAND"] as const;
export type KarpenterCapacityType = (typeof KARPENTER_CAPACITY_TYPES)[number];

/** Karpenter v1 `spec.disruption.consolidationPolicy` values (NodePool CRD). */
export const CONSOLIDATION_POLICIES = ["WhenEmpty", "WhenEmptyOrUnderutilized"] as const;
export type ConsolidationPolicy = (typeof CONSOLIDATION_POLICIES)[number];

/** An inclusive integer range; either bound may be left open. */
export interface IntRange {
  /** @default - no lower bound */
  readonly min?: number;
  /** @default - no upper bound */
  readonly max?: number;
}

/**
 * Which instance types Karpenter may launch, matched against the shipped instance table (and the pool's `architecture`):
 * the matching types are the pool's instance types for every rule of the pool model (max pods, accelerators, ...).
 */
export interface InstanceRequirements {
  /** Instance categories, the letters before the generation digit (`c`, `m`, `r`, `g`, `inf`, ...). @default - every category */
  readonly categories?: readonly string[];
  /** Instance generations (the digits after the category: 6 for `m6i`). @default - every generation */
  readonly generations?: IntRange;
  /** Default vCPUs. @default - no bound */
  readonly cpu?: IntRange;
}

/** NodePool `spec.limits`: the most the pool may hold in total. */
export interface KarpenterLimits {
  /** vCPUs, a Kubernetes quantity or a number. */
  readonly cpu: string | number;
  /** Memory, a Kubernetes quantity such as `4000Gi`. @default - no memory limit */
  readonly memory?: string;
}

/** NodePool `spec.disruption` and `spec.template.spec.expireAfter`. */
export interface KarpenterDisruption {
  /** @default "WhenEmptyOrUnderutilized" */
  readonly consolidationPolicy?: ConsolidationPolicy;
  /** A Go duration (`30s`, `5m`, `1h`) or `Never`. @default "0s" (Karpenter's default) */
  readonly consolidateAfter?: string;
  /** A Go duration or `Never`: nodes older than this are replaced. @default "720h" (Karpenter's default) */
  readonly expireAfter?: string;
}

/** The Karpenter fields of one pool. */
export interface KarpenterPoolOptions {
  /** @default - every type of the shipped table of the pool's architecture */
  readonly instanceRequirements?: InstanceRequirements;
  /** @default ["ON_DEMAND"] */
  readonly capacityTypes?: readonly KarpenterCapacityType[];
  /** Required: without limits a NodePool grows without bound. */
  readonly limits: KarpenterLimits;
  /** @default - { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "0s", expireAfter: "720h" } */
  readonly disruption?: KarpenterDisruption;
}

export const KARPENTER_POOL_DEFAULTS = {
  instanceRequirements: {},
  capacityTypes: ["ON_DEMAND"],
  disruption: { consolidationPolicy: "WhenEmptyOrUnderutilized", consolidateAfter: "0s", expireAfter: "720h" },
} as const;

export interface ResolvedKarpenterPool {
  readonly instanceRequirements: InstanceRequirements;
  readonly capacityTypes: readonly KarpenterCapacityType[];
  readonly limits: KarpenterLimits;
  readonly disruption: Required<KarpenterDisruption>;
}

/** Applies {@link KARPENTER_POOL_DEFAULTS}; never writes to `o`. */
export function resolveKarpenterPool(o: KarpenterPoolOptions): ResolvedKarpenterPool {
  const d = KARPENTER_POOL_DEFAULTS;
  return {
    instanceRequirements: o.instanceRequirements ?? d.instanceRequirements,
    capacityTypes: o.capacityTypes ?? d.capacityTypes,
    limits: o.limits,
    disruption: {
      consolidationPolicy: o.disruption?.consolidationPolicy ?? d.disruption.consolidationPolicy,
      consolidateAfter: o.disruption?.consolidateAfter ?? d.disruption.consolidateAfter,
      expireAfter: o.disruption?.expireAfter ?? d.disruption.expireAfter,
    },
  };
}
