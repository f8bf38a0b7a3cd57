/**
 * Change-freeze windows (`workerpools:patching.freeze`) as Karpenter disruption budgets: `nodes: "0"` from the window's
 * start (a cron `schedule`, UTC, as Karpenter reads it) for its `duration`. Pure.
 */

/** A freeze window as `workerpools:patching.freeze` holds it (ISO 8601 instants, `to` exclusive). */
export interface FreezeInterval {
  readonly from: string;
  readonly to: string;
}

/** A NodePool `spec.disruption.budgets[]` entry. */
export interface DisruptionBudget {
  readonly nodes: string;
  /** Cron (5 fields, UTC). @default - always in force */
  readonly schedule?: string;
  /** `<h>h<m>m`, with `schedule`. @default - none */
  readonly duration?: string;
}

/** Karpenter's own default budget (NodePool CRD default), kept beside the freeze budgets. */
export const DEFAULT_BUDGET: DisruptionBudget = { nodes: "10%" };

/** Minutes → Karpenter's duration pattern (`90` → `1h30m`, `120` → `2h`, `30` → `30m`). */
export function budgetDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}m` : m === 0 ? `${h}h` : `${h}h${m}m`;
}

/**
 * One `nodes: "0"` budget per window not yet over at `now`, starting at the window's minute (rounded down) and lasting to
 * its end (rounded up). Cron has no year field: the budget recurs on the same date every year until the window leaves the
 * config (windows already over are dropped here, so a later `pulumi up` removes it).
 */
export function freezeBudgets(windows: readonly FreezeInterval[], now: Date): DisruptionBudget[] {
  return windows.flatMap((w): DisruptionBudget[] => {
    const from = Date.parse(w.from);
    const to = Date.parse(w.to);
    if (!(to > from) || to <= now.getTime()) return [];
    const start = new Date(Math.floor(from / 60_000) * 60_000);
    const minutes = Math.ceil((to - start.getTime()) / 60_000);
    const schedule = `${start.getUTCMinutes()} ${start.getUTCHours()} ${start.getUTCDate()} ${start.getUTCMonth() + 1} *`;
    return [{ nodes: "0", schedule, duration: budgetDuration(minutes) }];
  });
}
