/** Node auto-repair arguments of a pool (`WorkerPoolArgs.autoRepair`, EKS `nodeRepairConfig`); planned and validated in repair.ts. */
import type { NodeRepairAction } from "../facts";

/**
 * One `nodeRepairConfig.nodeRepairConfigOverrides` entry: what EKS does, and after how long, for one unhealthy reason
 * of one monitoring condition (the EKS node monitoring agent's). EKS takes an override only with all four fields.
 */
export interface NodeRepairOverride {
  /** Node condition the agent sets, e.g. `AcceleratedHardwareReady`, `NetworkingReady` (components/facts node-repair.json). */
  readonly nodeMonitoringCondition: string;
  /** The agent's reason for it, e.g. `NvidiaXID13Error`, `IPAMDNotRunning`. */
  readonly nodeUnhealthyReason: string;
  /** Minutes the condition must last before the node is repaired, at least 1. */
  readonly minRepairWaitTimeMins: number;
  readonly repairAction: NodeRepairAction;
}

/**
 * Node auto-repair (`nodeRepairConfig`). Give at most one of each pair of thresholds; unset, EKS's defaults apply (it
 * stops repairing when a group of more than five nodes has more than 20% unhealthy). While auto-repair is off the
 * thresholds and overrides are kept in config but not sent (validation warns).
 */
export interface AutoRepair {
  /** @default true */
  readonly enabled?: boolean;
  /** Why it is off (shown in the plan; policy EKS-NG-003 judges auto-repair off either way). @default - none */
  readonly reason?: string;
  /** Repairs stop while more than this many nodes of the node group are unhealthy (>= 1). @default - EKS's default */
  readonly maxUnhealthyNodeThresholdCount?: number;
  /** Repairs stop while more than this percentage of the node group is unhealthy (1-100). @default - EKS's default */
  readonly maxUnhealthyNodeThresholdPercentage?: number;
  /** At most this many nodes are repaired at once (>= 1). @default - EKS's default */
  readonly maxParallelNodesRepairedCount?: number;
  /** At most this percentage of the unhealthy nodes is repaired at once (1-100). @default - EKS's default */
  readonly maxParallelNodesRepairedPercentage?: number;
  /** Per condition and reason: the repair action and the wait before it. @default [] */
  readonly overrides?: readonly NodeRepairOverride[];
}
