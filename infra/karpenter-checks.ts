/** Stack config checks of Karpenter (`workerpools:autoscaling.karpenter`, `provisioner: karpenter` pools), with paths. */
import type { ConfigIssue } from "../components/core";
import { KARPENTER_CRD_VERSION } from "../components/facts";
import { planKarpenterPool } from "../components/autoscaling";
import type { KarpenterPoolArgs, KarpenterPoolOptions } from "../components/autoscaling";
import { WORKER_POOL_DEFAULTS } from "../components/worker-pool";
import type { ClusterConnection, PoolSubnet } from "../components/worker-pool";
import { poolArgs } from "./component-args";
import type { PoolConfig, StackConfig } from "./stack-config";

/** Karpenter pool fields: only on `provisioner: karpenter` pools. */
const KARPENTER_FIELDS = ["instanceRequirements", "capacityTypes", "limits", "disruption"] as const satisfies readonly (keyof KarpenterPoolOptions)[];
/** Node group fields a karpenter pool has no use for (Karpenter sizes, places and replaces its nodes itself). */
const MANAGED_ONLY_FIELDS = ["scaling", "layout", "update", "capacityType", "capacityReservation", "placementGroup", "efa"] as const;

/** A karpenter pool's args: the pool's (as for a managed pool), its Karpenter fields, `instanceTypes` only when it lists some. */
export function karpenterArgs(config: StackConfig, pool: PoolConfig, cluster: ClusterConnection, subnets: readonly PoolSubnet[]): KarpenterPoolArgs {
  const { instanceTypes, ...args } = poolArgs(config, pool, cluster, subnets);
  return { ...args, ...(instanceTypes.length > 0 ? { instanceTypes } : {}), ...pool.karpenter, limits: pool.karpenter.limits ?? { cpu: 0 } };
}

/** The per-pool field rules: Karpenter fields only with provisioner karpenter, node group fields only without. */
export function validateProvisionerFields(p: PoolConfig, at: string): ConfigIssue[] {
  if (p.provisioner !== "karpenter") {
    return KARPENTER_FIELDS.filter((f) => p.karpenter[f] !== undefined).map((f) => ({ path: `${at}.${f}`, message: `only for provisioner: karpenter pools (this pool is managed: EKS managed node groups)` }));
  }
  const issues: ConfigIssue[] = MANAGED_ONLY_FIELDS.filter((f) => p.args[f] !== undefined)
    .map((f) => ({ path: `${at}.${f}`, message: `a managed node group field; a provisioner: karpenter pool is sized by limits and placed by Karpenter` }));
  if (p.karpenter.limits === undefined) issues.push({ path: `${at}.limits`, message: "required with provisioner: karpenter (e.g. { cpu: 1000, memory: 4000Gi }): without limits a NodePool grows without bound" });
  return issues;
}

/** A karpenter pool through the pool model and Karpenter's CRD schemas (placeholder cluster values). */
export function validateKarpenterPool(c: StackConfig, p: PoolConfig, cluster: ClusterConnection, subnets: readonly PoolSubnet[], at: string, now: Date): ConfigIssue[] {
  if (p.karpenter.limits === undefined) return [];
  const node = { name: c.controlPlane.name, apiServerEndpoint: "https://placeholder.eks.amazonaws.com", certificateAuthority: "", cidr: "172.20.0.0/16" };
  const r = planKarpenterPool(karpenterArgs(c, p, cluster, subnets), { name: p.name, clusterName: c.controlPlane.name, cluster: node, roleName: "node-role", freeze: c.patching.freeze, now }, at);
  return r.ok ? [...r.warnings] : [...r.issues];
}

/** `workerpools:autoscaling.karpenter`: version, controller pool, and karpenter pools only with it on. */
export function validateKarpenterConfig(c: StackConfig, at: string, poolPath: (i: number) => string, poolsComplete: boolean): ConfigIssue[] {
  const k = c.autoscaling.karpenter;
  const issues: ConfigIssue[] = [];
  c.pools.forEach((p, i) => {
    if (p.provisioner === "karpenter" && !k.enabled) issues.push({ path: `${poolPath(i)}.provisioner`, message: `karpenter needs ${at}.enabled: true (the controller that launches its nodes)` });
  });
  if (!k.enabled) return issues;
  if (k.version !== KARPENTER_CRD_VERSION) issues.push({ path: `${at}.version`, message: `"${k.version}" has no shipped CRD schemas to validate NodePools and EC2NodeClasses against; the shipped release is ${KARPENTER_CRD_VERSION}` });
  if (k.pool === undefined) return [...issues, { path: `${at}.pool`, message: "required when enabled: the managed pool the controller runs on" }];
  const pool = c.pools.find((p) => p.name === k.pool);
  if (pool === undefined) return poolsComplete ? [...issues, { path: `${at}.pool`, message: `no pool named "${k.pool}"; pools are ${c.pools.map((p) => p.name).join(", ")}` }] : issues;
  if (pool.provisioner === "karpenter") issues.push({ path: `${at}.pool`, message: `"${k.pool}" is a karpenter pool; the controller must run on a managed pool (it cannot launch its own nodes)` });
  else if ((pool.args.scaling?.min ?? WORKER_POOL_DEFAULTS.scaling.min) < 1) issues.push({ path: `${at}.pool`, message: `"${k.pool}" can scale to zero (scaling.min ${pool.args.scaling?.min}); the controller's pool needs min >= 1` });
  return issues;
}
