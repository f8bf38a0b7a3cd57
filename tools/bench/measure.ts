/**
 * Measuring one benchmark case: run a command as a whole child process, time it (wall clock around a
 * synchronous spawn) and take its peak RSS from inside every Node process of the tree: a `--require`
 * preload (set through NODE_OPTIONS, so it reaches children such as the process tsx's CLI starts) appends
 * `process.resourceUsage().maxRSS` (the kernel's ru_maxrss, KiB) at exit. Works wherever Node runs, with no
 * dependency on GNU time; native helpers (esbuild's service) are not Node and are not counted. The same
 * preload reports each process's CPU time (user + system), a figure that stays meaningful on a busy machine.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/** A command to run: executable, arguments, extra environment. */
export interface Command {
  readonly file: string;
  readonly args: readonly string[];
  /** Added to (and overriding) the bench's own environment. @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Working directory. */
  readonly cwd: string;
}

/** One run's measurements. */
export interface RunSample {
  readonly wallMs: number;
  /** Largest peak RSS of any Node process of the run, KiB. */
  readonly peakRssKiB: number;
  /** Sum of the per-process peaks (an upper bound of the tree's peak), KiB. */
  readonly treeRssKiB: number;
  /** Node processes that reported (tsx's CLI runs the program in a second one). */
  readonly processes: number;
  /** CPU time (user + system) of every Node process of the run, summed, ms. */
  readonly cpuMs: number;
  readonly exitCode: number;
}

/** min / median / max. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** Statistics of the measured runs of one case (warm-up runs excluded). */
export interface CaseStats {
  readonly runs: number;
  readonly wallMs: Spread & { readonly samples: readonly number[] };
  /** CPU time of each measured run, ms, in run (round) order. */
  readonly cpuSamples: readonly number[];
  /** Peak RSS in MiB of the largest process, over the runs. */
  readonly peakRssMiB: Spread;
  /** Per-process peaks summed, MiB (median over runs). */
  readonly treeRssMiB: number;
  /** CPU time (user + system, all Node processes), ms, median over runs. */
  readonly cpuMs: number;
  /** Distinct exit codes of the measured runs. */
  readonly exitCodes: readonly number[];
  readonly processes: number;
}

/**
 * What the preload does; written to a temporary file (plain JS: it must load without tsx). With
 * BENCH_MODULES_FILE set it also writes the `@pulumi/*` module files the process loaded (for the
 * baseline that loads exactly those).
 */
const PRELOAD_SOURCE = `"use strict";
const fs = require("node:fs");
const out = process.env.BENCH_RSS_FILE;
const modules = process.env.BENCH_MODULES_FILE;
process.on("exit", () => {
  try {
    const u = process.resourceUsage();
    if (out) fs.appendFileSync(out, [process.pid, u.maxRSS, u.userCPUTime + u.systemCPUTime].join(" ") + "\\n");
    const pulumi = Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]@pulumi[\\\\/]/.test(f));
    if (modules && pulumi.length > 0) fs.writeFileSync(modules, JSON.stringify(pulumi));
  } catch { /* best effort: a missing figure shows as 0 */ }
});
`;

/** Writes the RSS preload into `dir` and returns its path. */
export function writeRssPreload(dir: string): string {
  const file = path.join(dir, "bench-rss-preload.cjs");
  fs.writeFileSync(file, PRELOAD_SOURCE);
  return file;
}

/** Median of a non-empty list (mean of the middle two for an even length). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** min / median / max of a non-empty list. */
export const spreadOf = (xs: readonly number[]): Spread => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs) });

/** One process's report: peak RSS (KiB) and CPU time (µs). */
export interface ProcessReport {
  readonly maxRssKiB: number;
  readonly cpuMicros: number;
}

/** Parses the preload's `pid maxRSS cpuMicros` lines; malformed lines are skipped. */
export function parseReports(text: string): ProcessReport[] {
  return text.split("\n").flatMap((line) => {
    const [, rss, cpu] = line.trim().split(/\s+/).map(Number);
    return Number.isFinite(rss) && rss > 0 ? [{ maxRssKiB: rss, cpuMicros: Number.isFinite(cpu) ? cpu : 0 }] : [];
  });
}

/** What a failed run printed, shortened for an error message. */
const tail = (s: string, n = 1500): string => (s.length > n ? `…${s.slice(-n)}` : s);

/** Runs `cmd` once; throws with its stderr when it exits with a code outside `okCodes`. */
export function runOnce(cmd: Command, preload: string, scratch: string, okCodes: readonly number[] = [0]): RunSample {
  const rssFile = path.join(scratch, `rss-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const nodeOptions = [process.env.NODE_OPTIONS ?? "", `--require ${JSON.stringify(preload)}`].join(" ").trim();
  const env = { ...process.env, ...cmd.env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile };
  const start = performance.now();
  const res = spawnSync(cmd.file, [...cmd.args], { cwd: cmd.cwd, env, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - start;
  const stderr = res.stderr?.toString() ?? "";
  if (res.error) throw new Error(`${cmd.file}: ${res.error.message}`);
  if (res.status === null || !okCodes.includes(res.status)) {
    throw new Error(`${[cmd.file, ...cmd.args].join(" ")} exited with ${res.status ?? res.signal}:\n${tail(stderr)}`);
  }
  const reports = fs.existsSync(rssFile) ? parseReports(fs.readFileSync(rssFile, "utf8")) : [];
  fs.rmSync(rssFile, { force: true });
  const peaks = reports.map((r) => r.maxRssKiB);
  return {
    wallMs, peakRssKiB: peaks.length > 0 ? Math.max(...peaks) : 0, treeRssKiB: peaks.reduce((a, b) => a + b, 0),
    processes: reports.length, cpuMs: reports.reduce((a, r) => a + r.cpuMicros, 0) / 1000, exitCode: res.status,
  };
}

const MIB = 1024;
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Statistics over measured samples. */
export function summarize(samples: readonly RunSample[]): CaseStats {
  const wall = samples.map((s) => s.wallMs);
  return {
    runs: samples.length,
    wallMs: { ...spreadOf(wall), samples: wall.map(Math.round) },
    cpuSamples: samples.map((x) => Math.round(x.cpuMs)),
    peakRssMiB: spreadOf(samples.map((s) => round1(s.peakRssKiB / MIB))),
    treeRssMiB: round1(median(samples.map((s) => s.treeRssKiB)) / MIB),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    exitCodes: [...new Set(samples.map((s) => s.exitCode))].sort(),
    processes: Math.max(...samples.map((s) => s.processes)),
  };
}

/** One case of an interleaved measurement. */
export interface InterleavedCase {
  readonly cmd: Command;
  readonly okCodes?: readonly number[];
}

/**
 * Measures several cases in rounds: each round runs every case once (A B C, then B C A, ...: each case leads a round in
 * turn), so a machine that gets busier or quieter during the bench moves every case alike and ratios between cases stay
 * honest. Returns the samples per case, in round order (sample i of every case comes from round i).
 */
export function measureInterleaved(cases: readonly InterleavedCase[], opts: { runs: number; preload: string; scratch: string }): RunSample[][] {
  const samples: RunSample[][] = cases.map(() => []);
  for (let round = 0; round < opts.runs; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      samples[i].push(runOnce(cases[i].cmd, opts.preload, opts.scratch, cases[i].okCodes));
    }
  }
  return samples;
}

/** Median over rounds of the per-round ratio `a[i] / b[i]` (paired samples of one interleaved measurement). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  return median(Array.from({ length: n }, (_, i) => a[i] / b[i]));
}

/** Runs `warmups` unmeasured runs then `runs` measured ones, one after the other. */
export function measure(cmd: Command, opts: { runs: number; warmups: number; preload: string; scratch: string; okCodes?: readonly number[] }): CaseStats {
  for (let i = 0; i < opts.warmups; i++) runOnce(cmd, opts.preload, opts.scratch, opts.okCodes);
  const samples = Array.from({ length: opts.runs }, () => runOnce(cmd, opts.preload, opts.scratch, opts.okCodes));
  return summarize(samples);
}
