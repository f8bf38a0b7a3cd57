/** The plan's view of a karpenter pool: its matched types, its NodePools (one per CPU band) and EC2NodeClasses (user data decoded like a launch template's). */
import { karpenterPoolArgs, planKarpenterPool, recommendedAmiSelectorTerms } from "../../components/autoscaling";
import type { IntRange, KarpenterBandPlan, KarpenterLimits } from "../../components/autoscaling";
import { decodeUserDataText } from "../../components/userdata";
import type { DecodedUserData } from "../../components/userdata";
import { placeholderCluster } from "../../infra/component-args";
import { karpenterArgs } from "../../infra/karpenter-checks";
import type { PoolConfig, StackConfig } from "../../infra/stack-config";
import { ssmStandIn } from "./offline-values";

/** One NodePool of a karpenter pool in the plan. */
export interface KarpenterBandSummary {
  /** The fixed band's name, `<pool>-cpu4-15`. */
  readonly name: string;
  /** The band's vCPUs within the pool's range. */
  readonly cpu: IntRange;
  /** How many matched types the band holds. */
  readonly types: number;
  /** Its EC2NodeClass's `spec.kubelet.maxPods`: our formula's smallest value over the band's types. */
  readonly maxPods?: number;
  /** Its NodePool's `spec.limits`: its share of the pool's (no band reaches more). */
  readonly limits: KarpenterLimits;
  /** @default - none (a pool of one band) */
  readonly weight?: number;
}

/** A karpenter pool in the plan's pool summary. */
export interface PoolKarpenterSummary {
  readonly karpenter: {
    /** The first (or only) band's specs. */
    readonly nodePool: Readonly<Record<string, unknown>>;
    readonly ec2NodeClass: Readonly<Record<string, unknown>>;
    /** The EC2NodeClass `userData`, decoded. */
    readonly userData: DecodedUserData;
    /** Every NodePool, by ascending vCPUs. */
    readonly bands: readonly KarpenterBandSummary[];
  };
}

/** The pool's args for the summary: a karpenter pool's matched types; undefined for a managed pool. */
export function karpenterSummaryArgs(config: StackConfig, p: PoolConfig): ReturnType<typeof karpenterPoolArgs> | undefined {
  if (p.provisioner !== "karpenter") return undefined;
  const { cluster, subnets } = placeholderCluster(config);
  return karpenterPoolArgs(karpenterArgs(config, p, cluster, subnets));
}

/** The EC2NodeClass as the offline run registers it: a recommended channel pinned to its SSM parameter's (stand-in) release. */
function offlineNodeClass(b: KarpenterBandPlan): Readonly<Record<string, unknown>> {
  const image = b.plan.image;
  if (image.channel !== "recommended" || image.releaseParameter === undefined) return b.nodeClass.spec;
  return { ...b.nodeClass.spec, amiSelectorTerms: recommendedAmiSelectorTerms(b.args, ssmStandIn(image.releaseParameter)) };
}

/** The NodePools and EC2NodeClasses the pool registers (placeholder cluster values), or {} for a managed pool. */
export function karpenterSummary(config: StackConfig, p: PoolConfig, now: Date = new Date()): PoolKarpenterSummary | Record<string, never> {
  if (p.provisioner !== "karpenter") return {};
  const { cluster, subnets } = placeholderCluster(config);
  const node = { name: config.controlPlane.name, apiServerEndpoint: "https://<cluster endpoint>", certificateAuthority: "<cluster CA>", cidr: "<service CIDR>" };
  const r = planKarpenterPool(karpenterArgs(config, p, cluster, subnets), { name: p.name, clusterName: config.controlPlane.name, cluster: node, roleName: "<karpenter node role>", freeze: config.patching.freeze, now }, p.name);
  if (!r.ok) return {};
  const first = r.pool.bands[0];
  const nc = offlineNodeClass(first);
  const bands = r.pool.bands.map((b): KarpenterBandSummary => {
    const maxPods = b.plan.kubelet.config.maxPods;
    const weight = b.nodePool.spec.weight;
    return {
      name: b.name, cpu: b.cpu, types: b.args.instanceTypes.length,
      ...(typeof maxPods === "number" ? { maxPods } : {}), limits: b.limits, ...(typeof weight === "number" ? { weight } : {}),
    };
  });
  return { karpenter: { nodePool: first.nodePool.spec, ec2NodeClass: nc, userData: decodeUserDataText(String(nc.userData)), bands } };
}

const cpuText = (r: IntRange): string => `${r.min ?? 1}-${r.max ?? "up"} vCPUs`;

/** Text lines of a karpenter pool. */
export function renderPoolKarpenter(s: Partial<PoolKarpenterSummary>): string[] {
  if (!s.karpenter) return [];
  const np = s.karpenter.nodePool as { disruption?: unknown };
  const nc = s.karpenter.ec2NodeClass as { amiSelectorTerms?: unknown; kubelet?: unknown };
  const bands = s.karpenter.bands;
  return [
    ...(bands.length > 1 ? [`    Karpenter NodePools: ${bands.length}, split by fixed vCPU bands (limits shared equally: each NodePool reaches only its share; smallest band weighted first):`] : []),
    ...bands.map((b) => `    Karpenter NodePool ${b.name}: ${cpuText(b.cpu)}, ${b.types} types, maxPods ${b.maxPods ?? "unset"}, limits ${JSON.stringify(b.limits)}${b.weight !== undefined ? `, weight ${b.weight}` : ""}`),
    `    Karpenter disruption ${JSON.stringify(np.disruption)}`,
    `    Karpenter EC2NodeClass: amiSelectorTerms ${JSON.stringify(nc.amiSelectorTerms)}, spec.kubelet ${JSON.stringify(nc.kubelet)}${bands.length > 1 ? ` (band ${bands[0].name}; the others differ in maxPods and kubeReserved)` : ""} (the rest of the kubelet config in its user data, as above)`,
  ];
}
