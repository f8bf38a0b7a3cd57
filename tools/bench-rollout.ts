/**
 * The modelled `pulumi up` critical paths the benchmark prints, read from the offline plan's JSON document
 * (`rollout.criticalPaths`), so the bench shows exactly what the plan computed and never models it twice.
 * Expected shape (the hook the rollout model fills):
 *   rollout.criticalPaths.freshCreate  = { totalMinutes: number, steps?: [{ name: string, minutes: number }], assumptions?: string[] }
 *   rollout.criticalPaths.patchRollout = the same
 * Anything else (no rollout yet, another shape) gives `undefined` and the bench says the model is missing.
 */

/** One step of a critical path. */
export interface CriticalStep {
  readonly name: string;
  readonly minutes: number;
}

/** A modelled critical path: its total and, when the model gives them, its steps and assumptions. */
export interface CriticalPath {
  readonly totalMinutes: number;
  readonly steps: readonly CriticalStep[];
  readonly assumptions: readonly string[];
}

/** The two paths SPEC §9 asks for. */
export interface CriticalPaths {
  readonly freshCreate: CriticalPath;
  readonly patchRollout: CriticalPath;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function parseStep(v: unknown): CriticalStep | undefined {
  return isRecord(v) && typeof v.name === "string" && isNumber(v.minutes) ? { name: v.name, minutes: v.minutes } : undefined;
}

function parsePath(v: unknown): CriticalPath | undefined {
  if (!isRecord(v) || !isNumber(v.totalMinutes)) return undefined;
  const steps = Array.isArray(v.steps) ? v.steps.map(parseStep).filter((s): s is CriticalStep => s !== undefined) : [];
  const assumptions = Array.isArray(v.assumptions) ? v.assumptions.filter((a): a is string => typeof a === "string") : [];
  return { totalMinutes: v.totalMinutes, steps, assumptions };
}

/** Reads `rollout.criticalPaths` from a parsed plan document; `undefined` when absent or malformed. */
export function readCriticalPaths(planDocument: unknown): CriticalPaths | undefined {
  const rollout = isRecord(planDocument) ? planDocument.rollout : undefined;
  const paths = isRecord(rollout) ? rollout.criticalPaths : undefined;
  if (!isRecord(paths)) return undefined;
  const freshCreate = parsePath(paths.freshCreate);
  const patchRollout = parsePath(paths.patchRollout);
  return freshCreate && patchRollout ? { freshCreate, patchRollout } : undefined;
}

/** Minutes as `1 h 05 min` / `42 min`. */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min` : `${m} min`;
}

/** Text block for the bench output. */
export function renderCriticalPaths(paths: CriticalPaths | undefined): string {
  if (!paths) {
    return "Modelled `pulumi up` critical path: not available (the dev plan's JSON has no rollout.criticalPaths yet).";
  }
  const block = (title: string, p: CriticalPath): string[] => [
    `  ${title}: ${formatMinutes(p.totalMinutes)}`,
    ...p.steps.map((s) => `    - ${s.name}: ${formatMinutes(s.minutes)}`),
  ];
  const assumptions = [...new Set([...paths.freshCreate.assumptions, ...paths.patchRollout.assumptions])];
  return [
    "Modelled `pulumi up` critical path of the dev stack (from the plan's rollout model):",
    ...block("fresh create", paths.freshCreate),
    ...block("patch rollout", paths.patchRollout),
    ...(assumptions.length > 0 ? ["  assumptions:", ...assumptions.map((a) => `    - ${a}`)] : []),
  ].join("\n");
}
