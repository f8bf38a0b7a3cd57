import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { lookupInstanceType } from "../../components/facts";
import { loadStackConfig } from "../../infra/config";
import { GENERATED_AZS, generateStack, renderStackFile, seededRandom, writeStack } from "../../tools/gen";
import { readStackFile } from "../../tools/plan";

describe("seededRandom", () => {
  it("gives the same sequence for the same seed, in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(95);
  });

  it("gives another sequence for another seed", () => {
    const a = seededRandom(1);
    const b = seededRandom(2);
    expect(Array.from({ length: 10 }, () => a())).not.toEqual(Array.from({ length: 10 }, () => b()));
  });
});

describe("generateStack", () => {
  it("is deterministic per seed and pool count", () => {
    expect(generateStack({ pools: 50, seed: 42 })).toEqual(generateStack({ pools: 50, seed: 42 }));
    expect(renderStackFile(generateStack({ pools: 50, seed: 42 }), 42)).toBe(renderStackFile(generateStack({ pools: 50, seed: 42 }), 42));
  });

  it("depends on the seed", () => {
    expect(generateStack({ pools: 50, seed: 1 }).values.pools).not.toEqual(generateStack({ pools: 50, seed: 2 }).values.pools);
  });

  it.each([0, -1, 2.5])("refuses %p pools", (pools) => {
    expect(() => generateStack({ pools })).toThrow(/pools must be an integer >= 1/);
  });

  it.each([
    [1, 1], [2, 1], [10, 42], [50, 42], [200, 42], [200, 7], [120, 2026],
  ])("%i pools, seed %i: validates with loadStackConfig, no errors and no pool warnings", (pools, seed) => {
    const stack = generateStack({ pools, seed });
    const loaded = loadStackConfig(stack.values, new Date("2026-09-01T00:00:00Z"));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    // Past 30 node groups the quota warning (at workerpools:pools itself) is true of a generated stack too; no pool warns.
    expect(loaded.warnings.filter((w) => w.path.startsWith("workerpools:pools["))).toEqual([]);
    expect(stack.values.pools).toHaveLength(pools);
    expect(new Set(stack.values.pools.map((p) => p.name)).size).toBe(pools);
  });

  it("mixes layouts, OS, architectures and capacity types over 3 AZs", () => {
    const { values } = generateStack({ pools: 50, seed: 42 });
    const seen = (key: "layout" | "os" | "architecture" | "capacityType"): Set<unknown> => new Set(values.pools.map((p) => p[key]));
    expect(seen("layout")).toEqual(new Set(["spread", "per-zone"]));
    expect(seen("os")).toEqual(new Set(["AL2023", "BOTTLEROCKET"]));
    expect(seen("architecture")).toEqual(new Set(["x86_64", "arm64"]));
    expect(seen("capacityType")).toEqual(new Set(["ON_DEMAND", "SPOT"]));
    expect(values.cluster.network.availabilityZones).toEqual([...GENERATED_AZS]);
    for (const p of values.pools) expect((p.availabilityZones ?? GENERATED_AZS).length).toBeGreaterThanOrEqual(2);
  });

  it("uses only shipped instance types of the pool's architecture, several for SPOT", () => {
    const { values } = generateStack({ pools: 200, seed: 42 });
    for (const p of values.pools) {
      for (const t of p.instanceTypes ?? []) expect([t, lookupInstanceType(t)?.architecture]).toEqual([t, p.architecture]);
      if (p.capacityType === "SPOT") expect((p.instanceTypes ?? []).length).toBeGreaterThanOrEqual(3);
    }
  });
  it("never lets a rolling update take a whole node group (the policy pack's update-config rule)", () => {
    const { values } = generateStack({ pools: 200, seed: 42 });
    for (const p of values.pools) {
      const zones = (p.availabilityZones ?? GENERATED_AZS).length;
      const smallestGroupMax = p.layout === "per-zone" ? Math.floor((p.scaling?.max ?? 0) / zones) : p.scaling?.max ?? 0;
      if (p.update?.maxUnavailable !== undefined) expect([p.name, p.update.maxUnavailable < smallestGroupMax]).toEqual([p.name, true]);
      else expect(p.update?.maxUnavailablePercentage).toBeLessThanOrEqual(50);
    }
  });
});

describe("writeStack", () => {
  it("writes Pulumi.yaml and Pulumi.bench-N.yaml that the offline plan reads back unchanged", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "generate-stack-test-"));
    try {
      const written = writeStack(dir, { pools: 10, seed: 3 });
      expect(written.stack).toBe("bench-10");
      expect(written.files.map((f) => path.basename(f))).toEqual(["Pulumi.yaml", "Pulumi.bench-10.yaml"]);
      const file = readStackFile(dir, "bench-10");
      expect(file.project).toBe("eks-workerpools");
      expect(file.region).toBe("us-east-1");
      expect(file.values).toEqual(generateStack({ pools: 10, seed: 3 }).values);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
