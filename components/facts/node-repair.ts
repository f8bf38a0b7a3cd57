/**
 * What EKS accepts in a managed node group's `nodeRepairConfig` and which unhealthy reasons the EKS node monitoring
 * agent reports per monitoring condition, shipped as data in `data/node-repair.json` (sources named there: the EKS API
 * reference's NodeRepairConfig and NodeRepairConfigOverrides, the EKS User Guide's node repair and node health pages).
 */
import raw from "./data/node-repair.json";
import { dataReader } from "../core";

const read = dataReader("node-repair");

/** Repair actions an override may name (EKS API `repairAction`). */
export const NODE_REPAIR_ACTIONS = ["Replace", "Reboot", "NoAction"] as const;
export type NodeRepairAction = (typeof NODE_REPAIR_ACTIONS)[number];

/** Ranges of the `nodeRepairConfig` numbers (EKS API reference). */
export interface NodeRepairLimits {
  /** Least count of `maxUnhealthyNodeThresholdCount` / `maxParallelNodesRepairedCount`. */
  readonly countMin: number;
  /** Range of the two `...Percentage` fields. */
  readonly percentageMin: number;
  readonly percentageMax: number;
  /** Least `minRepairWaitTimeMins` of an override. */
  readonly minRepairWaitTimeMinsMin: number;
}

/** One monitoring condition: the unhealthy reasons (issues of severity Condition) it is set with. */
interface ConditionFacts {
  readonly unhealthyReasons: readonly string[];
  readonly reasonPatterns: readonly RegExp[];
}

function load(): { limits: NodeRepairLimits; conditions: ReadonlyMap<string, ConditionFacts> } {
  const actions = read.strings(raw.repairActions, "repairActions");
  if (actions.join() !== NODE_REPAIR_ACTIONS.join()) read.fail("repairActions", NODE_REPAIR_ACTIONS.join(", "));
  const l = read.record(raw.limits, "limits");
  const limits = {
    countMin: read.num(l.countMin, "limits.countMin"), percentageMin: read.num(l.percentageMin, "limits.percentageMin"),
    percentageMax: read.num(l.percentageMax, "limits.percentageMax"), minRepairWaitTimeMinsMin: read.num(l.minRepairWaitTimeMinsMin, "limits.minRepairWaitTimeMinsMin"),
  };
  const conditions = new Map<string, ConditionFacts>();
  for (const [name, v] of Object.entries(read.record(raw.conditions, "conditions"))) {
    const c = read.record(v, `conditions.${name}`);
    conditions.set(name, {
      unhealthyReasons: read.strings(c.unhealthyReasons, `conditions.${name}.unhealthyReasons`),
      reasonPatterns: read.strings(c.reasonPatterns, `conditions.${name}.reasonPatterns`).map((p) => new RegExp(p)),
    });
  }
  return { limits, conditions };
}

const FACTS = load();

/** The `nodeRepairConfig` ranges. */
export const NODE_REPAIR_LIMITS: NodeRepairLimits = FACTS.limits;

/** Node conditions the monitoring agent sets, which an override's `nodeMonitoringCondition` names. */
export const NODE_MONITORING_CONDITIONS: readonly string[] = [...FACTS.conditions.keys()];

/** The unhealthy reasons the shipped table lists for `condition` (codes written as patterns, e.g. `DCGMHealthCode[0-9]+`). */
export function unhealthyReasonsOf(condition: string): readonly string[] {
  const c = FACTS.conditions.get(condition);
  return c ? [...c.unhealthyReasons, ...c.reasonPatterns.map((p) => p.source.replace(/^\^|\$$/g, ""))] : [];
}

/** True when the agent reports `reason` (an issue of severity Condition) under `condition`. */
export function isUnhealthyReasonOf(condition: string, reason: string): boolean {
  const c = FACTS.conditions.get(condition);
  return c !== undefined && (c.unhealthyReasons.includes(reason) || c.reasonPatterns.some((p) => p.test(reason)));
}

/** The conditions whose table lists `reason`, for a hint when an override pairs it with another one. */
export const conditionsReporting = (reason: string): string[] => NODE_MONITORING_CONDITIONS.filter((c) => isUnhealthyReasonOf(c, reason));
