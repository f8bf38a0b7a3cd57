/** The benchmark's fleet case: the generated fleet, the interleaving of --all among the single plans, the ratios and targets. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FleetRound, fleetTargets, measureFleet, summarizeFleet, writeFleet, writeRssPreload } from "../../tools/bench";
import type { RunSample } from "../../tools/bench";
import { fleetStacks } from "../../tools/plan";

const sample = (wallMs: number, peakRssKiB = 200 * 1024, cpuMs = wallMs): RunSample => ({ wallMs, peakRssKiB, treeRssKiB: peakRssKiB, processes: 1, cpuMs, exitCode: 0 });

describe("bench fleet", () => {
  it("writes N valid stacks fleet-01 … with their own seeds, pool counts from the cycle, and their order", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fleet-"));
    const fleet = writeFleet(dir, 6, 42);
    expect(fleet.stacks).toEqual(["fleet-01", "fleet-02", "fleet-03", "fleet-04", "fleet-05", "fleet-06"]);
    expect(fleet.pools).toEqual([3, 4, 5, 6, 8, 3]);
    expect(fleetStacks(dir)).toEqual(fleet.stacks);
    const first = fs.readFileSync(path.join(dir, "Pulumi.fleet-01.yaml"), "utf8");
    expect(first).toMatch(/name: fleet-01/);
    expect(first).not.toBe(fs.readFileSync(path.join(dir, "Pulumi.fleet-06.yaml"), "utf8").replace(/fleet-06/g, "fleet-01"));
  });

  it("runs every single plan once per round and --all once, at a place that moves each round", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-fleet-order-"));
    const log = path.join(dir, "order.txt");
    const mark = (letter: string) => ({ file: process.execPath, args: ["-e", `require("node:fs").appendFileSync(${JSON.stringify(log)}, "${letter}")`], cwd: dir });
    const rounds = measureFleet(mark("*"), [mark("a"), mark("b"), mark("c")], { rounds: 2, preload: writeRssPreload(dir), scratch: dir, okCodes: [0] });
    expect(fs.readFileSync(log, "utf8")).toBe("*abc" + "ab*c");
    expect(rounds.map((r) => r.singles.length)).toEqual([3, 3]);
  });

  it("says how many single plans --all costs, paired per round, and its peak RSS", () => {
    const rounds: FleetRound[] = [
      { all: sample(4000, 600 * 1024, 5000), singles: [sample(800), sample(1000), sample(900)] },
      { all: sample(9000, 700 * 1024, 5200), singles: [sample(2000), sample(1800), sample(1900)] }, // a busy round: both slow
    ];
    const f = summarizeFleet({ dir: "", stacks: ["a", "b", "c"], pools: [3, 4, 5] }, rounds, "plan --all");
    expect(f.allInSinglePlans).toBe(4.59); // median (mean of the two) of 4000/900 and 9000/1900
    expect(f.allOverSinglesSum).toBe(1.53); // median of 4000/2700 and 9000/5700
    expect(f.allPeakRssMiB).toBe(700);
    expect(f.allCpuMs).toBe(5100);
    expect(fleetTargets(f).map((t) => [t.name, t.met])).toEqual([["plan --all (3 stacks) in single plans", true], ["peak RSS of plan --all, MiB", true]]);
    expect(fleetTargets({ ...f, allInSinglePlans: 10.5, allPeakRssMiB: 1024 }).map((t) => t.met)).toEqual([false, false]);
    expect(fleetTargets(undefined).every((t) => !t.met)).toBe(true);
  });
});
