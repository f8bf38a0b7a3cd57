/** The plan's view of a karpenter pool: its matched types, NodePool and EC2NodeClass (user data decoded like a launch template's). */
import { karpenterPoolArgs, planKarpenterPool } from "../../components/autoscaling";
import { decodeUserDataText } from "../../components/userdata";
import type { DecodedUserData } from "../../components/userdata";
import { placeholderCluster } from "../../infra/component-args";
import { karpenterArgs } from "../../infra/karpenter-checks";
import type { PoolConfig, StackConfig } from "../../infra/stack-config";

/** A karpenter pool in the plan's pool summary. */
export interface PoolKarpenterSummary {
  readonly karpenter: {
    readonly nodePool: Readonly<Record<string, unknown>>;
    readonly ec2NodeClass: Readonly<Record<string, unknown>>;
    /** The EC2NodeClass `userData`, decoded. */
    readonly userData: DecodedUserData;
  };
}

/** The pool's args for the summary: a karpenter pool's matched types; undefined for a managed pool. */
export function karpenterSummaryArgs(config: StackConfig, p: PoolConfig): ReturnType<typeof karpenterPoolArgs> | undefined {
  if (p.provisioner !== "karpenter") return undefined;
  const { cluster, subnets } = placeholderCluster(config);
  return karpenterPoolArgs(karpenterArgs(config, p, cluster, subnets));
}

/** The NodePool and EC2NodeClass the pool registers (placeholder cluster values), or {} for a managed pool. */
export function karpenterSummary(config: StackConfig, p: PoolConfig, now: Date = new Date()): PoolKarpenterSummary | Record<string, never> {
  if (p.provisioner !== "karpenter") return {};
  const { cluster, subnets } = placeholderCluster(config);
  const node = { name: config.controlPlane.name, apiServerEndpoint: "https://<cluster endpoint>", certificateAuthority: "<cluster CA>", cidr: "<service CIDR>" };
  const r = planKarpenterPool(karpenterArgs(config, p, cluster, subnets), { name: p.name, clusterName: config.controlPlane.name, cluster: node, roleName: "<karpenter node role>", freeze: config.patching.freeze, now }, p.name);
  if (!r.ok) return {};
  const nc = r.pool.nodeClass.spec;
  return { karpenter: { nodePool: r.pool.nodePool.spec, ec2NodeClass: nc, userData: decodeUserDataText(String(nc.userData)) } };
}

/** Text lines of a karpenter pool. */
export function renderPoolKarpenter(s: Partial<PoolKarpenterSummary>): string[] {
  if (!s.karpenter) return [];
  const np = s.karpenter.nodePool as { limits?: unknown; disruption?: unknown };
  const nc = s.karpenter.ec2NodeClass as { amiSelectorTerms?: unknown; kubelet?: unknown };
  return [
    `    Karpenter NodePool: limits ${JSON.stringify(np.limits)}, disruption ${JSON.stringify(np.disruption)}`,
    `    Karpenter EC2NodeClass: amiSelectorTerms ${JSON.stringify(nc.amiSelectorTerms)}, spec.kubelet ${JSON.stringify(nc.kubelet)} (the rest of the kubelet config in its user data, as above)`,
  ];
}
