/** Pure: benchmark results → ratios, target verdicts, the printed table and the `bench/results.json` document. */
import * as os from "node:os";
import Table from "cli-table3";
import { pairedRatio, type CaseStats } from "./measure";
import type { CriticalPaths } from "./rollout";
import type { FleetResult } from "./fleet";

/** Roles: the SDK-load floor, the plans SPEC §9 asks for, and extra cases that explain them. */
export const CASE_ROLES = ["baseline", "plan", "variant"] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** One measured case. */
export interface CaseResult {
  /** Stable id: `baseline`, `plan-dev`, `plan-10`, …, `variant-…`. */
  readonly id: string;
  /** Label in the table, e.g. `plan(200)`. */
  readonly label: string;
  readonly role: CaseRole;
  /** The command line, as run. */
  readonly command: string;
  /** Worker pools in the planned stack. @default - not a plan */
  readonly pools?: number;
  /** Resources the plan registered (from its `--json` document). @default - not a plan */
  readonly resources?: number;
  readonly stats: CaseStats;
  /** What the case shows. @default - none */
  readonly note?: string;
}

/** The ratios SPEC §9 names, plus the marginal cost per pool. */
export interface Ratios {
  /** median plan(dev) / median baseline. */
  readonly planDevOverBaseline?: number;
  /** Median over rounds of plan(dev) / baseline in the same round (wall time; the cases run interleaved). */
  readonly planDevOverBaselinePaired?: number;
  /** median CPU time of plan(dev) / median CPU time of baseline (user + system: barely moved by other load). */
  readonly planDevOverBaselineCpu?: number;
  /** median plan(200) / median plan(10). */
  readonly t200OverT10?: number;
  /** (t(200) - t(10)) / 190: wall time each extra pool adds, ms. */
  readonly msPerPool?: number;
}

/** One target of issue 9 with its measured value. */
export interface TargetVerdict {
  readonly name: string;
  readonly limit: string;
  readonly value?: number;
  readonly met: boolean;
}

/** The machine the figures come from. */
export interface MachineInfo {
  readonly nproc: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load average when the bench started and ended (other work on the machine skews wall times). */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

/** `bench/results.json`. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly machine: MachineInfo;
  readonly method: Readonly<Record<string, string | number>>;
  readonly cases: readonly CaseResult[];
  readonly ratios: Ratios;
  readonly targets: readonly TargetVerdict[];
  /** Modelled `pulumi up` critical paths of the dev stack; `null` while the plan has no rollout model. */
  readonly criticalPaths: CriticalPaths | null;
  /** `plan --all` over a generated fleet against its single plans; `null` with `--fleet 0`. */
  readonly fleet: FleetResult | null;
}

const GIB_MIB = 1024;
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const medianOf = (cases: readonly CaseResult[], id: string): number | undefined => cases.find((c) => c.id === id)?.stats.wallMs.median;

/** The machine; `loadAtStart` is `os.loadavg()[0]` taken before the first case. */
export function machineInfo(loadAtStart: number): MachineInfo {
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: round(loadAtStart), end: round(os.loadavg()[0]) },
  };
}

/** Ratios between medians, for the plan cases present (`plan-10`, `plan-200`). */
export function computeRatios(cases: readonly CaseResult[]): Ratios {
  const [small, large] = [10, 200];
  const base = medianOf(cases, "baseline");
  const dev = medianOf(cases, "plan-dev");
  const tSmall = medianOf(cases, `plan-${small}`);
  const tLarge = medianOf(cases, `plan-${large}`);
  const baseCase = cases.find((c) => c.id === "baseline")?.stats;
  const devCase = cases.find((c) => c.id === "plan-dev")?.stats;
  const paired = baseCase && devCase ? pairedRatio(devCase.wallMs.samples, baseCase.wallMs.samples) : undefined;
  const cpu = baseCase && devCase && baseCase.cpuMs > 0 ? devCase.cpuMs / baseCase.cpuMs : undefined;
  return {
    ...(base && dev ? { planDevOverBaseline: round(dev / base) } : {}),
    ...(paired !== undefined ? { planDevOverBaselinePaired: round(paired) } : {}),
    ...(cpu !== undefined ? { planDevOverBaselineCpu: round(cpu) } : {}),
    ...(tSmall && tLarge ? { t200OverT10: round(tLarge / tSmall), msPerPool: round((tLarge - tSmall) / (large - small), 1) } : {}),
  };
}

/** The targets of issue 9, plan(dev)/baseline tightened to 1.3 by issue 19 (issue 9 asked 1.5). */
export function evaluateTargets(cases: readonly CaseResult[], ratios: Ratios): TargetVerdict[] {
  const rss200 = cases.find((c) => c.id === "plan-200")?.stats.peakRssMiB.max;
  const verdict = (name: string, limit: string, value: number | undefined, max: number): TargetVerdict =>
    ({ name, limit, ...(value === undefined ? {} : { value }), met: value !== undefined && value <= max });
  return [
    verdict("plan(dev) / baseline", "<= 1.3", ratios.planDevOverBaseline, 1.3),
    verdict("t(200) / t(10)", "<= 4", ratios.t200OverT10, 4),
    { ...verdict("peak RSS of plan(200), MiB", `< ${GIB_MIB}`, rss200, GIB_MIB), met: rss200 !== undefined && rss200 < GIB_MIB },
  ];
}

const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };
const secs = (ms: number): string => (ms / 1000).toFixed(2);

/** The per-case table. */
export function renderCaseTable(cases: readonly CaseResult[]): string {
  const base = medianOf(cases, "baseline");
  const table = new Table({
    head: ["case", "runs", "median s", "min s", "max s", "CPU s", "peak RSS MiB", "resources", "x baseline"],
    colAligns: ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
    style: { head: [], border: [] },
    chars: COMPACT,
  });
  for (const c of cases) {
    const w = c.stats.wallMs;
    const rss = c.stats.processes > 1 ? `${c.stats.peakRssMiB.max} (${c.stats.processes} procs)` : String(c.stats.peakRssMiB.max);
    const ratio = base ? (w.median / base).toFixed(2) : "";
    table.push([c.label, c.stats.runs, secs(w.median), secs(w.min), secs(w.max), secs(c.stats.cpuMs), rss, c.resources ?? "", ratio]);
  }
  return table.toString();
}

/** Ratios and target verdicts, one per line. */
export function renderSummary(ratios: Ratios, targets: readonly TargetVerdict[]): string {
  const lines = targets.map((t) => `  ${t.met ? "MET   " : "MISSED"} ${t.name} = ${t.value ?? "n/a"} (target ${t.limit})`);
  if (ratios.planDevOverBaselinePaired !== undefined) lines.push(`  plan(dev) / baseline, paired per round = ${ratios.planDevOverBaselinePaired}; by CPU time = ${ratios.planDevOverBaselineCpu ?? "n/a"}`);
  if (ratios.msPerPool !== undefined) lines.push(`  each pool beyond 10 adds ${ratios.msPerPool} ms (median wall time)`);
  return ["Targets (issues 9 and 19):", ...lines].join("\n");
}

/** Case notes, for the cases that carry one, and plans that exited 1 (mandatory policy violations, still planned in full). */
export function renderNotes(cases: readonly CaseResult[]): string {
  const exited = (c: CaseResult): string => (c.stats.exitCodes.some((x) => x !== 0) ? ` (exit ${c.stats.exitCodes.join("/")}: mandatory policy violations)` : "");
  const noted = cases.filter((c) => c.note || exited(c));
  return noted.length === 0 ? "" : ["Cases:", ...noted.map((c) => `  ${c.label}: ${c.note ?? ""}${exited(c)} [${c.command}]`)].join("\n");
}
