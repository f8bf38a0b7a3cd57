/**
 * Pure critical path of a dependency graph of timed tasks (the longest chain of waits), and the modelled
 * create time of the resources this library registers. `pulumi up` starts a resource as soon as everything
 * it depends on is done, so the longest chain is the wall time of the deploy.
 */
import { CONTROL_PLANE_CREATE_SEC } from "../facts";
import { ROLLOUT_ASSUMPTIONS, RolloutAssumptions } from "./rollout";
import { ADDON_TYPE, CLUSTER_TYPE, KMS_KEY_TYPE, NAT_GATEWAY_TYPE } from "../core";

/** One task of the graph. */
export interface PathTask {
  /** Unique id (a resource URN). */
  readonly id: string;
  /** What to print, e.g. `aws:eks/nodeGroup:NodeGroup general-us-east-1a`. */
  readonly label: string;
  /** Seconds the task takes once started. */
  readonly durationSec: number;
  /** Ids this task waits for; unknown ids are ignored. */
  readonly dependsOn: readonly string[];
}

/** One step of a critical path. */
export interface PathStep {
  /** The task's id. */
  readonly id: string;
  /** The task's label. */
  readonly label: string;
  /** Seconds after the start of the deploy. */
  readonly startSec: number;
  /** Seconds after the start of the deploy. */
  readonly finishSec: number;
  /** The task's own seconds. */
  readonly durationSec: number;
}

/** The longest chain: its steps in order (zero-length steps left out) and its length. */
export interface CriticalPath {
  /** Wall time of the whole graph. */
  readonly durationSec: number;
  /** The chain's steps in order. */
  readonly steps: readonly PathStep[];
}

/**
 * The critical path of `tasks`. A dependency cycle (never produced by Pulumi) is cut where it closes, so
 * the function always terminates. Ties go to the task listed first.
 */
export function criticalPath(tasks: readonly PathTask[]): CriticalPath {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const finish = new Map<string, number>();
  const via = new Map<string, string | undefined>();
  const visiting = new Set<string>();
  const finishOf = (id: string): number => {
    const known = finish.get(id);
    if (known !== undefined) return known;
    const task = byId.get(id);
    if (!task || visiting.has(id)) return 0;
    visiting.add(id);
    let start = 0;
    let before: string | undefined;
    for (const dep of task.dependsOn) {
      const f = byId.has(dep) ? finishOf(dep) : 0;
      if (f > start) [start, before] = [f, dep];
    }
    visiting.delete(id);
    finish.set(id, start + task.durationSec);
    via.set(id, before);
    return start + task.durationSec;
  };
  let end: string | undefined;
  for (const t of tasks) if (end === undefined || finishOf(t.id) > finishOf(end)) end = t.id;
  const steps: PathStep[] = [];
  for (let id = end; id !== undefined; id = via.get(id)) {
    const t = byId.get(id) as PathTask;
    const f = finish.get(id) ?? 0;
    if (t.durationSec > 0) steps.unshift({ id, label: t.label, startSec: f - t.durationSec, finishSec: f, durationSec: t.durationSec });
  }
  return { durationSec: end === undefined ? 0 : finishOf(end), steps };
}

/** Modelled create time of a custom resource type not listed in {@link CREATE_SEC_BY_TYPE} (an API call). Assumption. */
export const DEFAULT_CREATE_SEC = 5;

/**
 * Modelled create time per resource type. The EKS cluster uses AWS's announced average (see
 * `managed-node-update.ts`); the others are our assumptions. Node groups: {@link nodeGroupCreateSec}.
 */
export const CREATE_SEC_BY_TYPE: Readonly<Record<string, number>> = {
  [CLUSTER_TYPE]: CONTROL_PLANE_CREATE_SEC,
  /** Assumption: NAT gateway from pending to available. */
  [NAT_GATEWAY_TYPE]: 120,
  /** Assumption: addon from CREATING to ACTIVE (its pods Ready). */
  [ADDON_TYPE]: 60,
  [KMS_KEY_TYPE]: 10,
};

/** Modelled creation of a node group: EKS setup, then its nodes launch and become Ready in parallel. */
export const nodeGroupCreateSec = (a: RolloutAssumptions = ROLLOUT_ASSUMPTIONS): number => a.setupSec + a.nodeLaunchSec + a.nodeReadySec;
