/** Pure placement of a pool's node groups over AZs and subnets (`spread` or `per-zone`). */
import * as pulumi from "@pulumi/pulumi";
import type { Layout, PoolSubnet, Scaling } from "./args";

/** The resource name of a pool's node group: the pool name, plus `-<az>` for a per-zone group. */
export const nodeGroupResourceName = (pool: string, suffix: string): string => (suffix ? `${pool}-${suffix}` : pool);

/** One EKS managed node group to create for a pool. */
export interface NodeGroupPlacement {
  /** Suffix of the node group's resource name: `""` for spread, the AZ for per-zone. */
  readonly suffix: string;
  /** AZs the node group spans. */
  readonly availabilityZones: readonly string[];
  /** Subnet ids in those AZs. */
  readonly subnetIds: readonly pulumi.Input<string>[];
  /** This node group's share of the pool's counts. */
  readonly scaling: Scaling;
}

/**
 * Splits `total` over `n` parts as evenly as possible, earlier parts taking the remainder:
 * `splitEvenly(7, 3)` is `[3, 2, 2]`.
 */
export function splitEvenly(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

/**
 * `spread`: one node group over every pool AZ with the pool's counts. `per-zone`: one node group per AZ;
 * min, max and desired split evenly, so min <= desired <= max holds per zone whenever it holds for the
 * pool (the split is monotonic in the total); max is at least 1 per zone so every zone can scale up.
 */
export function planNodeGroups(
  layout: Layout,
  availabilityZones: readonly string[],
  subnets: readonly PoolSubnet[],
  scaling: Scaling,
): NodeGroupPlacement[] {
  const idsIn = (azs: readonly string[]) => subnets.filter((s) => azs.includes(s.az)).map((s) => s.id);
  if (layout === "spread") {
    return [{ suffix: "", availabilityZones, subnetIds: idsIn(availabilityZones), scaling }];
  }
  const n = availabilityZones.length;
  const mins = splitEvenly(scaling.min, n);
  const maxes = splitEvenly(scaling.max, n).map((m) => Math.max(m, 1));
  const desireds = splitEvenly(scaling.desired, n);
  return availabilityZones.map((az, i) => ({
    suffix: az,
    availabilityZones: [az],
    subnetIds: idsIn([az]),
    scaling: { min: mins[i], max: maxes[i], desired: desireds[i] },
  }));
}
