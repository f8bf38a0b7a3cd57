/**
 * The fleet case of the benchmark (issue 19): `npm run plan -- --all` over N generated stacks in one process against
 * the same N stacks planned one process each, interleaved in rounds: each round runs the N single plans and the
 * `--all` run once, the `--all` run at a rotating position among the singles, so load that comes and goes on the
 * machine hits both alike. Per round: the `--all` wall time over the round's median single plan ("costs K single
 * plans") and over the round's sum of single plans; medians over the rounds; the `--all` run's peak RSS.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeStack } from "../gen";
import { Command, RunSample, median, runOnce } from "./measure";

/** The generated fleet: stack names in one project directory. */
export interface GeneratedFleet {
  readonly dir: string;
  readonly stacks: readonly string[];
  readonly pools: readonly number[];
}

/** Pools per generated stack cycle through these (a fleet mixes small and mid-sized stacks, like dev's 3 pools). */
export const FLEET_POOL_CYCLE = [3, 4, 5, 6, 8] as const;

/** Writes `count` stacks `fleet-01` … into `dir` (one Pulumi.yaml), each with its own seed and a pool count from the cycle. */
export function writeFleet(dir: string, count: number, seed: number): GeneratedFleet {
  const stacks: string[] = [];
  const pools: number[] = [];
  for (let i = 0; i < count; i++) {
    const name = `fleet-${String(i + 1).padStart(2, "0")}`;
    const n = FLEET_POOL_CYCLE[i % FLEET_POOL_CYCLE.length];
    writeStack(dir, { pools: n, seed: seed + i, name });
    stacks.push(name);
    pools.push(n);
  }
  fs.writeFileSync(path.join(dir, "fleet.yaml"), `order: [${stacks.join(", ")}]\n`);
  return { dir, stacks, pools };
}

/** One round's samples. */
export interface FleetRound {
  readonly all: RunSample;
  readonly singles: readonly RunSample[];
}

/** Runs `rounds` rounds of the `--all` command and every single command; see the file comment. */
export function measureFleet(all: Command, singles: readonly Command[], opts: { rounds: number; preload: string; scratch: string; okCodes: readonly number[] }): FleetRound[] {
  const out: FleetRound[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    // the --all run goes before single plan number `at` (0: first, N: last), moving on by (N + 1) / rounds each round
    const at = (round * Math.ceil((singles.length + 1) / opts.rounds)) % (singles.length + 1);
    const samples: RunSample[] = [];
    let allSample: RunSample | undefined;
    for (let i = 0; i <= singles.length; i++) {
      if (i === at) allSample = runOnce(all, opts.preload, opts.scratch, opts.okCodes);
      if (i < singles.length) samples.push(runOnce(singles[i], opts.preload, opts.scratch, opts.okCodes));
    }
    if (!allSample) throw new Error("fleet round without its --all run");
    out.push({ all: allSample, singles: samples });
  }
  return out;
}

/** The fleet figures of `bench/results.json`. */
export interface FleetResult {
  readonly stacks: number;
  readonly poolsPerStack: readonly number[];
  readonly rounds: number;
  readonly command: string;
  /** `--all` wall time per round, ms. */
  readonly allMs: readonly number[];
  /** Per round: median and sum of the single plans' wall times, ms. */
  readonly singleMedianMs: readonly number[];
  readonly singlesSumMs: readonly number[];
  /** Median over rounds of `--all` / the round's median single plan: how many single plans the `--all` run costs. */
  readonly allInSinglePlans: number;
  /** Median over rounds of `--all` / the sum of the round's N single plans. */
  readonly allOverSinglesSum: number;
  /** CPU time, median over rounds, ms: the `--all` run, and one single plan (median of all single runs). */
  readonly allCpuMs: number;
  readonly singleCpuMs: number;
  /** Peak RSS of the `--all` run, max over rounds, MiB; and of the single plans. */
  readonly allPeakRssMiB: number;
  readonly singlePeakRssMiB: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const mib = (kib: number): number => Math.round((kib / 1024) * 10) / 10;

/** Ratios and figures over the rounds (pure). */
export function summarizeFleet(fleet: GeneratedFleet, rounds: readonly FleetRound[], command: string): FleetResult {
  const allMs = rounds.map((r) => r.all.wallMs);
  const singleMedianMs = rounds.map((r) => median(r.singles.map((s) => s.wallMs)));
  const singlesSumMs = rounds.map((r) => r.singles.reduce((a, s) => a + s.wallMs, 0));
  return {
    stacks: fleet.stacks.length, poolsPerStack: fleet.pools, rounds: rounds.length, command,
    allMs: allMs.map(Math.round), singleMedianMs: singleMedianMs.map(Math.round), singlesSumMs: singlesSumMs.map(Math.round),
    allInSinglePlans: round2(median(allMs.map((a, i) => a / singleMedianMs[i]))),
    allOverSinglesSum: round2(median(allMs.map((a, i) => a / singlesSumMs[i]))),
    allCpuMs: Math.round(median(rounds.map((r) => r.all.cpuMs))),
    singleCpuMs: Math.round(median(rounds.flatMap((r) => r.singles.map((s) => s.cpuMs)))),
    allPeakRssMiB: mib(Math.max(...rounds.map((r) => r.all.peakRssKiB))),
    singlePeakRssMiB: mib(Math.max(...rounds.flatMap((r) => r.singles.map((s) => s.peakRssKiB)))),
  };
}

/** The fleet targets of issue 19: `--all` over N stacks costs at most 10 single plans, peak RSS under 1 GiB. */
export function fleetTargets(f: FleetResult | undefined): { name: string; limit: string; value?: number; met: boolean }[] {
  return [
    { name: `plan --all (${f?.stacks ?? "N"} stacks) in single plans`, limit: "<= 10", ...(f ? { value: f.allInSinglePlans } : {}), met: f !== undefined && f.allInSinglePlans <= 10 },
    { name: "peak RSS of plan --all, MiB", limit: "< 1024", ...(f ? { value: f.allPeakRssMiB } : {}), met: f !== undefined && f.allPeakRssMiB < 1024 },
  ];
}

const secs = (ms: number): string => (ms / 1000).toFixed(2);

/** The fleet block of the bench output. */
export function renderFleet(f: FleetResult): string {
  const rows = f.allMs.map((a, i) => `    round ${i + 1}: --all ${secs(a)} s; single plans median ${secs(f.singleMedianMs[i])} s, sum ${secs(f.singlesSumMs[i])} s`);
  return [
    `Fleet: plan --all over ${f.stacks} generated stacks (${Math.min(...f.poolsPerStack)}-${Math.max(...f.poolsPerStack)} pools each) in one process, against the ${f.stacks} stacks planned one process each; ${f.rounds} interleaved round(s):`,
    ...rows,
    `  --all costs ${f.allInSinglePlans} single plans (median over rounds of --all / the round's median single plan); ${Math.round(f.allOverSinglesSum * 1000) / 10}% of the ${f.stacks} single plans' sum`,
    `  CPU: --all ${secs(f.allCpuMs)} s, one single plan ${secs(f.singleCpuMs)} s; peak RSS: --all ${f.allPeakRssMiB} MiB, a single plan ${f.singlePeakRssMiB} MiB`,
  ].join("\n");
}
