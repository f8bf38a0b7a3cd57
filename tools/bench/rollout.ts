/**
 * The modelled `pulumi up` critical paths the benchmark prints, read from the dev plan's JSON document, so
 * the bench shows exactly what the plan's rollout model computed (tools/plan/rollout-section.ts) and never models
 * it twice. Read from the document (parsed once, like every JSON boundary):
 *   rollout.criticalPath.create | .patch = { durationSec, steps: [{ label, startSec, finishSec, durationSec }] }
 *   rollout.fleet.assumptions            = { <name>Sec: number }   (the model's stated assumptions)
 *   rollout.patchScope                   = "fleet" | "change-review"
 * A document without them (an older plan) gives `undefined` and the bench says the model is missing.
 */
import { isFiniteNumber, isRecord } from "../../components/core";

/** One step of a critical path. */
export interface CriticalStep {
  readonly label: string;
  readonly startSec: number;
  readonly durationSec: number;
}

/** A modelled critical path: its length and its steps in order. */
export interface CriticalPath {
  readonly durationSec: number;
  readonly steps: readonly CriticalStep[];
}

/** The two paths SPEC §9 asks for, and what they assume. */
export interface CriticalPaths {
  /** Everything created from nothing. */
  readonly freshCreate: CriticalPath;
  /** A patch rollout (the whole fleet, unless the plan ran against a baseline). */
  readonly patchRollout: CriticalPath;
  /** `fleet` or `change-review`. */
  readonly patchScope: string;
  /** The model's assumptions, name → seconds. */
  readonly assumptionsSec: Readonly<Record<string, number>>;
}

function parseStep(v: unknown): CriticalStep | undefined {
  if (!isRecord(v) || typeof v.label !== "string" || !isFiniteNumber(v.durationSec)) return undefined;
  return { label: v.label, startSec: isFiniteNumber(v.startSec) ? v.startSec : 0, durationSec: v.durationSec };
}

function parsePath(v: unknown): CriticalPath | undefined {
  if (!isRecord(v) || !isFiniteNumber(v.durationSec)) return undefined;
  const steps = Array.isArray(v.steps) ? v.steps.map(parseStep).filter((s): s is CriticalStep => s !== undefined) : [];
  return { durationSec: v.durationSec, steps };
}

function parseAssumptions(fleet: unknown): Record<string, number> {
  const a = isRecord(fleet) ? fleet.assumptions : undefined;
  return isRecord(a) ? Object.fromEntries(Object.entries(a).filter((e): e is [string, number] => isFiniteNumber(e[1]))) : {};
}

/** Reads the critical paths from a parsed plan document; `undefined` when absent or malformed. */
export function readCriticalPaths(planDocument: unknown): CriticalPaths | undefined {
  const rollout = isRecord(planDocument) ? planDocument.rollout : undefined;
  if (!isRecord(rollout) || !isRecord(rollout.criticalPath)) return undefined;
  const freshCreate = parsePath(rollout.criticalPath.create);
  const patchRollout = parsePath(rollout.criticalPath.patch);
  if (!freshCreate || !patchRollout) return undefined;
  const patchScope = typeof rollout.patchScope === "string" ? rollout.patchScope : "fleet";
  return { freshCreate, patchRollout, patchScope, assumptionsSec: parseAssumptions(rollout.fleet) };
}

/** Seconds as `10 s`, `18 min 15 s` or, from an hour, `1 h 05 min` (rounded to the minute). */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const m = Math.round(s / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

/** Text block for the bench output. */
export function renderCriticalPaths(paths: CriticalPaths | undefined): string {
  if (!paths) return "Modelled `pulumi up` critical path: not available (the dev plan's JSON has no rollout.criticalPath).";
  const block = (title: string, p: CriticalPath): string[] => [
    `  ${title}: ${formatDuration(p.durationSec)}`,
    ...p.steps.map((s) => `    at ${formatDuration(s.startSec).padEnd(12)} ${s.label} (${formatDuration(s.durationSec)})`),
  ];
  const assumptions = Object.entries(paths.assumptionsSec).map(([k, v]) => `${k} ${v}`).join(", ");
  return [
    "Modelled `pulumi up` critical path of the dev stack (the plan's rollout model):",
    ...block("fresh create", paths.freshCreate),
    ...block(`patch rollout (${paths.patchScope})`, paths.patchRollout),
    ...(assumptions ? [`  assumptions (s): ${assumptions}`] : []),
  ].join("\n");
}
