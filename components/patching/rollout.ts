/**
 * Pure rollout model of EKS managed node group updates: per node group the nodes replaced at once, the
 * number of batches and a modelled duration, wave by wave. AWS's rules come from `managed-node-update.ts`
 * (EKS User Guide "Understand each phase of node updates"); the per-step times are our assumptions,
 * stated in {@link ROLLOUT_ASSUMPTIONS}.
 *
 * Model: setup (new launch template version, ASG update), then per batch of `maxUnavailable` nodes:
 * drain, cordon + 60 s wait, terminate, and launch + Ready of the replacements before the next batch.
 * `DEFAULT` launches new capacity first (scale up phase: a surge of up to 2 nodes per AZ or
 * maxUnavailable, whichever is larger) and removes the surge at the end (scale down); `MINIMAL`
 * terminates first and launches after, so capacity dips by maxUnavailable and there is no surge.
 */
import { UPDATE_BEHAVIOR } from "../facts";
import type { UpdateStrategy } from "../worker-pool";

/** Modelling assumptions (our estimates, not AWS figures), in seconds. */
export interface RolloutAssumptions {
  /** Setup phase: new launch template version, Auto Scaling group update. @default 60 */
  readonly setupSec: number;
  /** EC2 launch until the instance runs (RunInstances, volume, boot). @default 60 */
  readonly nodeLaunchSec: number;
  /** From running to kubelet `Ready` with the EKS labels (nodeadm or Bottlerocket join, CNI up). @default 90 */
  readonly nodeReadySec: number;
  /** Draining one node (evictions respecting PodDisruptionBudgets, graceful termination); nodes of a batch drain in parallel. @default 120 */
  readonly drainSec: number;
  /** Auto Scaling termination of a drained node. @default 60 */
  readonly terminateSec: number;
}

/** The assumptions used unless a caller overrides them. */
export const ROLLOUT_ASSUMPTIONS: RolloutAssumptions = {
  setupSec: 60,
  nodeLaunchSec: 60,
  nodeReadySec: 90,
  drainSec: 120,
  terminateSec: 60,
};

/** A node group's `updateConfig`: at most one of the two limits; neither means EKS's default (1 node). */
export interface UpdateSettings {
  /** Nodes replaced at once. @default - AWS default (1) unless maxUnavailablePercentage is set */
  readonly maxUnavailable?: number;
  /** Percentage of the node group's nodes replaced at once, rounded up, at least 1. @default - unset */
  readonly maxUnavailablePercentage?: number;
  /** @default "DEFAULT" */
  readonly strategy?: UpdateStrategy;
}

/** One node group to model. */
export interface RolloutNodeGroup {
  /** Node group resource name, e.g. `general-us-east-1a`. */
  readonly name: string;
  /** Pool the node group belongs to. */
  readonly pool: string;
  /** Availability zones the node group spans (the surge is per AZ). */
  readonly azCount: number;
  /** Nodes to replace: the node group's size (offline, its configured desired size). */
  readonly nodes: number;
  /** The node group's `updateConfig`. */
  readonly update: UpdateSettings;
  /** False when this node group does not roll in the change being modelled. @default true */
  readonly rolls?: boolean;
}

/** Input of {@link planRollout}. */
export interface RolloutInput {
  /** Every node group, any order. */
  readonly nodeGroups: readonly RolloutNodeGroup[];
  /** Ordered pool names per wave; pools no wave names form a last wave. */
  readonly waves: readonly (readonly string[])[];
  /** @default - {@link ROLLOUT_ASSUMPTIONS} */
  readonly assumptions?: Partial<RolloutAssumptions>;
}

/** The modelled rolling update of one node group. */
export interface NodeGroupRollout {
  /** Node group resource name. */
  readonly nodeGroup: string;
  /** Pool the node group belongs to. */
  readonly pool: string;
  /** Nodes replaced. */
  readonly nodes: number;
  /** `updateConfig.updateStrategy`. */
  readonly strategy: UpdateStrategy;
  /** Nodes replaced at once (after rounding, the AWS quota and the node count). */
  readonly maxUnavailable: number;
  /** ceil(nodes / maxUnavailable); 0 when nothing rolls. */
  readonly batches: number;
  /** Extra nodes the scale up phase may launch (DEFAULT only): max(2 x AZs, maxUnavailable). */
  readonly surgeNodes: number;
  /** Nodes of the old or new version in service at the lowest point. */
  readonly minNodesInService: number;
  /** Modelled seconds of one batch. */
  readonly batchSec: number;
  /** Modelled seconds per EKS update phase. */
  readonly phases: { readonly setupSec: number; readonly scaleUpSec: number; readonly upgradeSec: number; readonly scaleDownSec: number };
  /** Modelled seconds in total. */
  readonly durationSec: number;
  /** Seconds if every drain ran into the 15 min eviction timeout (after which the update fails with PodEvictionFailure). */
  readonly drainTimeoutBoundSec: number;
}

/** One wave: its node groups update in parallel; the next wave waits for all of them. */
export interface WaveRollout {
  /** 0-based position; waves run in this order. */
  readonly index: number;
  /** Pool names of the wave. */
  readonly pools: readonly string[];
  /** The wave's node groups, in input order. */
  readonly nodeGroups: readonly NodeGroupRollout[];
  /** The slowest node group's duration. */
  readonly durationSec: number;
  /** The slowest node group, if any rolls. @default - none */
  readonly slowest?: string;
}

/** The modelled rollout of the whole fleet. */
export interface Rollout {
  /** The assumptions the durations were modelled with. */
  readonly assumptions: RolloutAssumptions;
  /** Waves in order. */
  readonly waves: readonly WaveRollout[];
  /** Sum of the waves' durations. */
  readonly durationSec: number;
  /** Nodes replaced in all waves. */
  readonly nodes: number;
  /** Batches in all waves. */
  readonly batches: number;
}

/** Applies {@link ROLLOUT_ASSUMPTIONS} under `partial`. */
export const resolveAssumptions = (partial: Partial<RolloutAssumptions> = {}): RolloutAssumptions => ({ ...ROLLOUT_ASSUMPTIONS, ...partial });

/**
 * Nodes EKS replaces at once: `maxUnavailable`, or the percentage of `nodes` rounded up (assumption: EKS
 * never takes 0), or AWS's default of 1; never above the quota (100) nor above `nodes`.
 */
export function maxUnavailableNodes(nodes: number, update: UpdateSettings): number {
  const requested = update.maxUnavailable
    ?? (update.maxUnavailablePercentage !== undefined
      ? Math.max(1, Math.ceil((nodes * update.maxUnavailablePercentage) / 100))
      : UPDATE_BEHAVIOR.maxUnavailableDefault);
  return Math.max(1, Math.min(requested, UPDATE_BEHAVIOR.maxUnavailableQuota, Math.max(nodes, 1)));
}

/** Batches needed to replace `nodes` nodes `perBatch` at a time. */
export const batchCount = (nodes: number, perBatch: number): number => (nodes <= 0 ? 0 : Math.ceil(nodes / Math.max(perBatch, 1)));

/** Models the rolling update of one node group. */
export function planNodeGroupRollout(g: RolloutNodeGroup, a: RolloutAssumptions = ROLLOUT_ASSUMPTIONS): NodeGroupRollout {
  const strategy = g.update.strategy ?? "DEFAULT";
  const maxUnavailable = maxUnavailableNodes(g.nodes, g.update);
  const batches = g.rolls === false ? 0 : batchCount(g.nodes, maxUnavailable);
  const launch = a.nodeLaunchSec + a.nodeReadySec;
  const batchSec = a.drainSec + UPDATE_BEHAVIOR.cordonWaitSec + a.terminateSec + launch;
  const surge = strategy === "DEFAULT" && batches > 0;
  const phases = {
    setupSec: batches > 0 ? a.setupSec : 0,
    scaleUpSec: surge ? launch : 0,
    upgradeSec: batches * batchSec,
    scaleDownSec: surge ? a.terminateSec : 0,
  };
  const durationSec = phases.setupSec + phases.scaleUpSec + phases.upgradeSec + phases.scaleDownSec;
  return {
    nodeGroup: g.name,
    pool: g.pool,
    nodes: g.nodes,
    strategy,
    maxUnavailable,
    batches,
    surgeNodes: surge ? Math.max(UPDATE_BEHAVIOR.surgeAzMultiplier * g.azCount, maxUnavailable) : 0,
    minNodesInService: strategy === "DEFAULT" ? g.nodes : Math.max(g.nodes - maxUnavailable, 0),
    batchSec,
    phases,
    durationSec,
    drainTimeoutBoundSec: durationSec + batches * (UPDATE_BEHAVIOR.podEvictionTimeoutSec - a.drainSec),
  };
}

/** The waves to use: the given ones, then one wave of every pool they leave out, in input order. */
function completeWaves(waves: readonly (readonly string[])[], groups: readonly RolloutNodeGroup[]): string[][] {
  const named = new Set(waves.flat());
  const rest = [...new Set(groups.map((g) => g.pool))].filter((p) => !named.has(p));
  return [...waves.map((w) => [...w]), ...(rest.length > 0 ? [rest] : [])].filter((w) => w.length > 0);
}

/** Models a fleet rollout: waves in order, node groups of a wave in parallel. */
export function planRollout(input: RolloutInput): Rollout {
  const a = resolveAssumptions(input.assumptions);
  const waves = completeWaves(input.waves, input.nodeGroups).map((pools, index): WaveRollout => {
    const nodeGroups = input.nodeGroups.filter((g) => pools.includes(g.pool)).map((g) => planNodeGroupRollout(g, a));
    const slowest = nodeGroups.filter((g) => g.batches > 0).reduce<NodeGroupRollout | undefined>((s, g) => (!s || g.durationSec > s.durationSec ? g : s), undefined);
    return { index, pools, nodeGroups, durationSec: slowest?.durationSec ?? 0, ...(slowest ? { slowest: slowest.nodeGroup } : {}) };
  });
  const all = waves.flatMap((w) => w.nodeGroups);
  return {
    assumptions: a,
    waves,
    durationSec: waves.reduce((s, w) => s + w.durationSec, 0),
    nodes: all.filter((g) => g.batches > 0).reduce((s, g) => s + g.nodes, 0),
    batches: all.reduce((s, g) => s + g.batches, 0),
  };
}
