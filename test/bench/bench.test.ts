import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CaseStats, median, parseReports, runOnce, summarize, writeRssPreload, planCommand, CaseResult, computeRatios, evaluateTargets, formatDuration, readCriticalPaths,
  measureInterleaved, pairedRatio,
} from "../../tools/bench";

const stats = (medianMs: number, rssMiB = 100): CaseStats => ({
  runs: 5,
  wallMs: { min: medianMs, median: medianMs, max: medianMs, samples: [medianMs] },
  cpuSamples: [medianMs],
  peakRssMiB: { min: rssMiB, median: rssMiB, max: rssMiB },
  treeRssMiB: rssMiB,
  cpuMs: medianMs,
  processes: 1,
  exitCodes: [0],
});
const planCase = (id: string, medianMs: number, rssMiB?: number): CaseResult => ({ id, label: id, role: id === "baseline" ? "baseline" : "plan", command: id, stats: stats(medianMs, rssMiB) });

describe("bench statistics", () => {
  it.each([
    [[3], 3], [[5, 1, 3], 3], [[4, 1, 3, 2], 2.5], [[10, 10, 1, 1000, 10], 10],
  ])("median(%p) = %p", (xs, m) => expect(median(xs)).toBe(m));

  it("refuses the median of nothing", () => expect(() => median([])).toThrow(RangeError));

  it("parses the preload's per-process lines and skips malformed ones", () => {
    expect(parseReports("101 2048 1500\n\n102 4096 500\ngarbage\n103 0 1\n")).toEqual([
      { maxRssKiB: 2048, cpuMicros: 1500 },
      { maxRssKiB: 4096, cpuMicros: 500 },
    ]);
  });

  it("summarizes runs: wall spread, largest RSS in MiB, summed CPU", () => {
    const s = summarize([
      { wallMs: 1000, peakRssKiB: 102400, treeRssKiB: 153600, processes: 2, cpuMs: 900, exitCode: 1 },
      { wallMs: 3000, peakRssKiB: 204800, treeRssKiB: 256000, processes: 2, cpuMs: 1100, exitCode: 0 },
      { wallMs: 2000, peakRssKiB: 153600, treeRssKiB: 204800, processes: 2, cpuMs: 1000, exitCode: 0 },
    ]);
    expect(s.wallMs).toMatchObject({ min: 1000, median: 2000, max: 3000 });
    expect(s.peakRssMiB).toEqual({ min: 100, median: 150, max: 200 });
    expect(s.cpuMs).toBe(1000);
    expect(s.processes).toBe(2);
    expect(s.exitCodes).toEqual([0, 1]);
  });
});

describe("bench ratios and targets", () => {
  it("divides medians: plan(dev)/baseline and t(200)/t(10), and the cost per extra pool", () => {
    const r = computeRatios([planCase("baseline", 600), planCase("plan-dev", 900), planCase("plan-10", 1000), planCase("plan-200", 2900)]);
    expect(r).toEqual({ planDevOverBaseline: 1.5, planDevOverBaselinePaired: 1.5, planDevOverBaselineCpu: 1.5, t200OverT10: 2.9, msPerPool: 10 });
  });

  it("marks each target met or missed, and missing cases as missed", () => {
    const cases = [planCase("baseline", 600), planCase("plan-dev", 1200), planCase("plan-10", 1000), planCase("plan-200", 3000, 1100)];
    const verdicts = evaluateTargets(cases, computeRatios(cases));
    expect(verdicts.map((v) => [v.name, v.met])).toEqual([
      ["plan(dev) / baseline", false],
      ["t(200) / t(10)", true],
      ["peak RSS of plan(200), MiB", false],
    ]);
    expect(evaluateTargets([], {}).every((v) => !v.met)).toBe(true);
  });
});

describe("critical paths from the plan document", () => {
  const path = (durationSec: number): unknown => ({
    durationSec,
    steps: [{ id: "u1", label: "eks:index:Cluster cluster", startSec: 10, finishSec: 550, durationSec: 540 }, { label: 3 }],
  });
  const doc = (create: unknown, patch: unknown): unknown => ({
    rollout: { criticalPath: { create, patch }, patchScope: "fleet", fleet: { assumptions: { drainSec: 120, note: "x" } } },
  });

  it("reads rollout.criticalPath.create/patch, drops malformed steps, keeps numeric assumptions", () => {
    const read = readCriticalPaths(doc(path(1095), path(2280)));
    expect(read?.freshCreate).toEqual({ durationSec: 1095, steps: [{ label: "eks:index:Cluster cluster", startSec: 10, durationSec: 540 }] });
    expect(read?.patchRollout.durationSec).toBe(2280);
    expect(read?.patchScope).toBe("fleet");
    expect(read?.assumptionsSec).toEqual({ drainSec: 120 });
  });

  it.each([null, {}, { rollout: null }, doc(path(1), undefined), doc({ steps: [] }, path(1))])(
    "is undefined without both paths: %p",
    (d) => expect(readCriticalPaths(d)).toBeUndefined(),
  );

  it.each([[0, "0 s"], [10, "10 s"], [2520, "42 min"], [1095, "18 min 15 s"], [3600, "1 h 00 min"], [5724, "1 h 35 min"]])("formats %p s as %p", (sec, text) => expect(formatDuration(sec)).toBe(text));
});

describe("bench commands", () => {
  it("runs the plan script as npm does: script + appended arguments, node_modules/.bin on PATH", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    try {
      const cmd = planCommand(dir, "echo plan", ["--stack", "a b"]);
      const res = spawnSync(cmd.file, [...cmd.args], { cwd: cmd.cwd, env: { ...process.env, ...cmd.env } });
      expect(res.stdout.toString().trim()).toBe("plan --stack a b");
      expect(cmd.env?.PATH?.split(path.delimiter)[0]).toBe(path.join(dir, "node_modules", ".bin"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("measures a Node child's peak RSS and CPU through the preload, and fails on an unexpected exit code", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-test-"));
    try {
      const preload = writeRssPreload(dir);
      const grow = { file: process.execPath, args: ["-e", "const a = Buffer.alloc(64 * 1024 * 1024, 1); if (a[0] !== 1) process.exit(3)"], cwd: dir };
      const sample = runOnce(grow, preload, dir);
      expect(sample.processes).toBe(1);
      expect(sample.peakRssKiB).toBeGreaterThan(64 * 1024);
      expect(sample.cpuMs).toBeGreaterThan(0);
      expect(sample.exitCode).toBe(0);
      expect(runOnce({ ...grow, args: ["-e", "process.exit(1)"] }, preload, dir, [0, 1]).exitCode).toBe(1);
      expect(() => runOnce({ ...grow, args: ["-e", "process.exit(2)"] }, preload, dir)).toThrow(/exited with 2/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("interleaved measurement (a busy machine moves every case alike)", () => {
  it("runs every case once per round, the lead rotating: A B, B A, A B", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-interleave-"));
    const log = path.join(dir, "order.txt");
    const mark = (letter: string) => ({ file: process.execPath, args: ["-e", `require("node:fs").appendFileSync(${JSON.stringify(log)}, "${letter}")`], cwd: dir });
    const samples = measureInterleaved([{ cmd: mark("A") }, { cmd: mark("B") }], { runs: 3, preload: writeRssPreload(dir), scratch: dir });
    expect(fs.readFileSync(log, "utf8")).toBe("ABBAAB");
    expect(samples.map((s) => s.length)).toEqual([3, 3]);
  });

  it("pairs samples of the same round: a round where both were slow does not move the ratio", () => {
    expect(pairedRatio([100, 400, 110], [50, 200, 55])).toBe(2);
    expect(median([100, 400, 110]) / median([50, 200, 55])).toBe(2);
    expect(pairedRatio([100, 400, 120], [50, 100, 60])).toBe(2);
  });

  it("reports the paired and CPU-time ratios of plan(dev) to the baseline", () => {
    const base = { ...planCase("baseline", 500), stats: { ...stats(500), wallMs: { min: 400, median: 500, max: 900, samples: [400, 500, 900] }, cpuMs: 400 } };
    const dev = { ...planCase("plan-dev", 700), stats: { ...stats(700), wallMs: { min: 600, median: 700, max: 1800, samples: [600, 700, 1800] }, cpuMs: 520 } };
    const r = computeRatios([base, dev]);
    expect(r.planDevOverBaseline).toBe(1.4);
    expect(r.planDevOverBaselinePaired).toBe(1.5);
    expect(r.planDevOverBaselineCpu).toBe(1.3);
  });
});
