/**
 * Pure capacity of each pool after the loss of one availability zone.
 *
 * `spread` (one node group over several AZs): the Auto Scaling group balances instances over its AZs, so
 * an AZ holds floor or ceil of desired / AZs nodes; which AZ holds the extra one is not known, so the
 * loss counted is the ceil (worst case). The group then relaunches the lost nodes in the remaining AZs.
 * `per-zone` (one node group per AZ): the lost zone's node group cannot launch anywhere else; the other
 * zones keep their nodes and an autoscaler may grow them up to their max sizes.
 * Source: Amazon EC2 Auto Scaling User Guide, "Auto Scaling group Availability Zone distribution"
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html):
 * the default `balanced-best-effort` keeps an equal number of instances per enabled AZ and, when launches
 * fail in one AZ, launches in another healthy AZ.
 */
import type { Layout, Scaling } from "../worker-pool";

/** One node group of a pool. */
export interface AzLossNodeGroup {
  /** Node group resource name. */
  readonly name: string;
  /** AZs its subnets are in. */
  readonly availabilityZones: readonly string[];
  /** Its share of the pool's counts. */
  readonly scaling: Scaling;
}

/** Pods that must keep running on a pool, e.g. CoreDNS placed on the system pool. */
export interface SystemPods {
  /** What they are, e.g. `CoreDNS`. */
  readonly name: string;
  /** Distinct nodes they want (replicas spread one per node). */
  readonly nodes: number;
}

/** One pool to assess. */
export interface AzLossPool {
  /** Pool name. */
  readonly name: string;
  /** `spread` or `per-zone`. */
  readonly layout: Layout;
  /** The pool's totals. */
  readonly scaling: Scaling;
  /** The pool's node groups. */
  readonly nodeGroups: readonly AzLossNodeGroup[];
  /** @default - none */
  readonly systemPods?: SystemPods;
}

/** What losing one AZ does to one pool. */
export interface AzLossCase {
  /** The AZ lost. */
  readonly lostAz: string;
  /** Nodes lost at once (for a multi-AZ node group, the worst case: ceil(desired / AZs)). */
  readonly nodesLost: number;
  /** desired - nodesLost. */
  readonly nodesLeft: number;
  /** nodesLeft / desired; 1 when desired is 0. */
  readonly fractionOfDesired: number;
  /** Nodes back without an autoscaler: multi-AZ node groups relaunch in the other AZs up to their desired size. */
  readonly restoredNodes: number;
  /** Most nodes the pool can have without the AZ: the max sizes of every node group that can still launch. */
  readonly maxNodesWithoutAz: number;
}

/** A capacity problem found; AZs whose loss has the same outcome are listed together. */
export interface AzLossWarning {
  /** Pool name. */
  readonly pool: string;
  /** AZs whose loss has this outcome. */
  readonly lostAzs: readonly string[];
  /** Starts with "losing <AZs> leaves ...". */
  readonly message: string;
}

/** The assessment of one pool. */
export interface PoolAzLoss {
  /** Pool name. */
  readonly pool: string;
  /** `spread` or `per-zone`. */
  readonly layout: Layout;
  /** The pool's desired nodes. */
  readonly desired: number;
  /** The pool's minimum nodes. */
  readonly min: number;
  /** One case per AZ the pool uses, in order. */
  readonly cases: readonly AzLossCase[];
  /** The case leaving the fewest nodes. @default - none (a pool without node groups) */
  readonly worst?: AzLossCase;
  /** Capacity problems, AZs with the same outcome merged. */
  readonly warnings: readonly AzLossWarning[];
}

/** True when losing `az` leaves node group `g` no AZ to launch in. */
const stranded = (g: AzLossNodeGroup, az: string): boolean => g.availabilityZones.every((z) => z === az);

/** Nodes node group `g` has in `az` at worst. */
const lostIn = (g: AzLossNodeGroup, az: string): number =>
  g.availabilityZones.includes(az) ? Math.ceil(g.scaling.desired / g.availabilityZones.length) : 0;

/** The case of losing `az`. */
export function azLossCase(pool: AzLossPool, az: string): AzLossCase {
  const desired = pool.scaling.desired;
  const nodesLost = Math.min(pool.nodeGroups.reduce((s, g) => s + lostIn(g, az), 0), desired);
  const nodesLeft = desired - nodesLost;
  const alive = pool.nodeGroups.filter((g) => !stranded(g, az));
  return {
    lostAz: az,
    nodesLost,
    nodesLeft,
    fractionOfDesired: desired === 0 ? 1 : nodesLeft / desired,
    restoredNodes: alive.reduce((s, g) => s + g.scaling.desired, 0),
    maxNodesWithoutAz: alive.reduce((s, g) => s + g.scaling.max, 0),
  };
}

/** What losing the AZ of `c` does, without naming the AZ ("leaves 2 node(s), ..."). */
function belowMinimum(c: AzLossCase, min: number): string | undefined {
  if (c.nodesLeft >= min) return undefined;
  const head = `leaves ${c.nodesLeft} node(s), below the minimum ${min}`;
  if (c.restoredNodes >= min) return `${head} until replacements in the other AZs are Ready`;
  if (c.maxNodesWithoutAz >= min) return `${head} until an autoscaler grows the other zones (on their own they stay at ${c.restoredNodes})`;
  // No node group outside the AZ (every group has max >= 1): a one-AZ pool, e.g. a cluster placement group or a Capacity Block.
  if (c.maxNodesWithoutAz === 0) return `${head}: the pool has no other AZ, so it is down until that AZ is back`;
  return `${head}, and the other zones' max sizes allow only ${c.maxNodesWithoutAz}; raise them or use layout spread`;
}

function outcomes(pool: AzLossPool, c: AzLossCase): string[] {
  const out: string[] = [];
  const low = belowMinimum(c, pool.scaling.min);
  if (low) out.push(low);
  const sys = pool.systemPods;
  if (sys && sys.nodes > 0 && c.nodesLeft === 0) out.push(`leaves no node for ${sys.name} until replacements are Ready`);
  else if (sys && c.nodesLeft < sys.nodes) {
    out.push(`leaves ${c.nodesLeft} node(s) for ${sys.nodes} ${sys.name} replicas; they share a node, so one more node failure takes ${sys.name} down`);
  }
  return out;
}

/** Warnings of every case, AZs with the same outcome merged. */
function warningsFor(pool: AzLossPool, cases: readonly AzLossCase[]): AzLossWarning[] {
  const byOutcome = new Map<string, string[]>();
  for (const c of cases) for (const o of outcomes(pool, c)) byOutcome.set(o, [...(byOutcome.get(o) ?? []), c.lostAz]);
  return [...byOutcome].map(([outcome, azs]) => ({
    pool: pool.name,
    lostAzs: azs,
    message: `losing ${azs.length > 1 ? `any one of ${azs.join(", ")}` : azs[0]} ${outcome}`,
  }));
}

/** Assesses one pool over every AZ it uses. */
export function assessAzLoss(pool: AzLossPool): PoolAzLoss {
  const azs = [...new Set(pool.nodeGroups.flatMap((g) => g.availabilityZones))];
  const cases = azs.map((az) => azLossCase(pool, az));
  const worst = cases.reduce<AzLossCase | undefined>((w, c) => (!w || c.nodesLeft < w.nodesLeft ? c : w), undefined);
  return {
    pool: pool.name,
    layout: pool.layout,
    desired: pool.scaling.desired,
    min: pool.scaling.min,
    cases,
    ...(worst ? { worst } : {}),
    warnings: warningsFor(pool, cases),
  };
}

/** Assesses every pool. */
export const assessFleetAzLoss = (pools: readonly AzLossPool[]): PoolAzLoss[] => pools.map(assessAzLoss);
