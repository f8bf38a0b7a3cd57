/**
 * A pool's node auto-repair: the node group's `nodeRepairConfig` (EKS API NodeRepairConfig) and its validation against
 * the EKS API's ranges and the monitoring agent's conditions and reasons (components/facts node-repair.json). Pure.
 */
import { ConfigIssue, didYouMean } from "../core";
import {
  NODE_MONITORING_CONDITIONS, NODE_REPAIR_LIMITS, NodeRepairAction, conditionsReporting, isUnhealthyReasonOf, unhealthyReasonsOf,
} from "../facts";
import type { ResolvedWorkerPoolArgs } from "./args";
import type { AutoRepair } from "./auto-repair";
import { planAccelerator } from "./accelerator";

/** The threshold pairs: EKS takes at most one of each. */
export const REPAIR_THRESHOLD_PAIRS = [
  ["maxUnhealthyNodeThresholdCount", "maxUnhealthyNodeThresholdPercentage"],
  ["maxParallelNodesRepairedCount", "maxParallelNodesRepairedPercentage"],
] as const;
type ThresholdKey = (typeof REPAIR_THRESHOLD_PAIRS)[number][number];

/** The node group's `nodeRepairConfig`, as `aws.eks.NodeGroup` takes it. */
export interface NodeRepairConfigPlan {
  readonly enabled: boolean;
  readonly maxUnhealthyNodeThresholdCount?: number;
  readonly maxUnhealthyNodeThresholdPercentage?: number;
  readonly maxParallelNodesRepairedCount?: number;
  readonly maxParallelNodesRepairedPercentage?: number;
  readonly nodeRepairConfigOverrides?: readonly {
    readonly nodeMonitoringCondition: string; readonly nodeUnhealthyReason: string;
    readonly minRepairWaitTimeMins: number; readonly repairAction: NodeRepairAction;
  }[];
}

const thresholdsOf = (r: AutoRepair): [ThresholdKey, number][] =>
  REPAIR_THRESHOLD_PAIRS.flat().flatMap((k): [ThresholdKey, number][] => (r[k] === undefined ? [] : [[k, r[k]]]));

/** Thresholds and overrides go to EKS only while auto-repair is on (with it off they are kept in config, not sent). */
export function planNodeRepairConfig(a: ResolvedWorkerPoolArgs): NodeRepairConfigPlan {
  const r = a.autoRepair;
  if (!r.enabled) return { enabled: false };
  const overrides = r.overrides.map((o) => ({
    nodeMonitoringCondition: o.nodeMonitoringCondition, nodeUnhealthyReason: o.nodeUnhealthyReason,
    minRepairWaitTimeMins: o.minRepairWaitTimeMins, repairAction: o.repairAction,
  }));
  return { enabled: true, ...Object.fromEntries(thresholdsOf(r)), ...(overrides.length > 0 ? { nodeRepairConfigOverrides: overrides } : {}) };
}

function validateThresholds(r: AutoRepair, at: string): ConfigIssue[] {
  const L = NODE_REPAIR_LIMITS;
  const issues: ConfigIssue[] = [];
  for (const [count, pct] of REPAIR_THRESHOLD_PAIRS) {
    if (r[count] !== undefined && r[pct] !== undefined) issues.push({ path: `${at}.${pct}`, message: `give one of ${count} or ${pct}, not both (EKS refuses both)` });
  }
  for (const [key, v] of thresholdsOf(r)) {
    const pct = key.endsWith("Percentage");
    const [min, max] = pct ? [L.percentageMin, L.percentageMax] : [L.countMin, Infinity];
    if (!Number.isInteger(v) || v < min || v > max) issues.push({ path: `${at}.${key}`, message: `must be a whole number ${pct ? `between ${min} and ${max}` : `>= ${min}`}, got ${v}` });
  }
  return issues;
}

function validateOverrides(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const overrides = a.autoRepair.overrides;
  const bare = overrides.length > 0 && planAccelerator(a).kind === "none";
  overrides.forEach((o, i) => {
    const oAt = `${at}.overrides[${i}]`;
    if (!NODE_MONITORING_CONDITIONS.includes(o.nodeMonitoringCondition)) {
      issues.push({ path: `${oAt}.nodeMonitoringCondition`, message: `"${o.nodeMonitoringCondition}" is not a condition the EKS node monitoring agent sets${didYouMean(o.nodeMonitoringCondition, NODE_MONITORING_CONDITIONS)}; valid: ${NODE_MONITORING_CONDITIONS.join(", ")}` });
    } else if (!isUnhealthyReasonOf(o.nodeMonitoringCondition, o.nodeUnhealthyReason)) {
      const elsewhere = conditionsReporting(o.nodeUnhealthyReason);
      const known = unhealthyReasonsOf(o.nodeMonitoringCondition);
      issues.push({
        path: `${oAt}.nodeUnhealthyReason`,
        ...(elsewhere.length > 0 ? {} : { severity: "warning" as const }),
        message: elsewhere.length > 0
          ? `"${o.nodeUnhealthyReason}" is reported under ${elsewhere.join(", ")}, not ${o.nodeMonitoringCondition}: this override would never apply`
          : `"${o.nodeUnhealthyReason}" is not a ${o.nodeMonitoringCondition} reason in the shipped table (components/facts/data/node-repair.json${known.length > 0 ? `: ${known.join(", ")}` : ": none for this condition"}); the override applies only if the agent reports it`,
      });
    }
    if (!Number.isInteger(o.minRepairWaitTimeMins) || o.minRepairWaitTimeMins < NODE_REPAIR_LIMITS.minRepairWaitTimeMinsMin) {
      issues.push({ path: `${oAt}.minRepairWaitTimeMins`, message: `must be a whole number of minutes >= ${NODE_REPAIR_LIMITS.minRepairWaitTimeMinsMin}, got ${o.minRepairWaitTimeMins}` });
    }
    const first = overrides.findIndex((p) => p.nodeMonitoringCondition === o.nodeMonitoringCondition && p.nodeUnhealthyReason === o.nodeUnhealthyReason);
    if (first !== i) issues.push({ path: oAt, message: `${o.nodeMonitoringCondition}/${o.nodeUnhealthyReason} is already overridden by overrides[${first}]; give each condition and reason one action` });
    if (o.nodeMonitoringCondition === "AcceleratedHardwareReady" && bare) {
      issues.push({ path: `${oAt}.nodeMonitoringCondition`, severity: "warning", message: "the pool's nodes have no GPU or Neuron device, nothing reports AcceleratedHardwareReady and this override never applies" });
    }
  });
  return issues;
}

/**
 * Every problem of the pool's `autoRepair`; `at` is its path (`…autoRepair`). With auto-repair off, thresholds and
 * overrides are a warning, not an error: `workerpools:patching.autoRepair.enabled: false` turns repair off for the
 * whole fleet without making every pool that tuned it drop its settings, and they return when it is turned on again.
 */
export function validateAutoRepair(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const r = a.autoRepair;
  const tuned = [...thresholdsOf(r).map(([k]) => k), ...(r.overrides.length > 0 ? ["overrides"] : [])];
  const off: ConfigIssue[] = !r.enabled && tuned.length > 0
    ? [{ path: at, severity: "warning", message: `auto-repair is off, so ${tuned.join(", ")} ${tuned.length === 1 ? "is" : "are"} not sent to EKS (kept in config for when it is on again)` }]
    : [];
  return [...off, ...validateThresholds(r, at), ...validateOverrides(a, at)];
}
