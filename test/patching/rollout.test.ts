import {
  CREATE_SEC_BY_TYPE, PathTask, criticalPath, nodeGroupCreateSec, RolloutAssumptions, RolloutNodeGroup, UpdateSettings, batchCount, maxUnavailableNodes, planNodeGroupRollout, planRollout, resolveAssumptions,
} from "../../components/patching";
import { UPDATE_BEHAVIOR, nodeGroupFieldEffect } from "../../components/facts";
import { formatDuration } from "../../tools/plan";
import { CLUSTER_TYPE } from "../../components/core";

/** Explicit assumptions, so the expected numbers below do not move with the defaults. */
const A: RolloutAssumptions = { setupSec: 60, nodeLaunchSec: 60, nodeReadySec: 90, drainSec: 120, terminateSec: 60 };
/** drain 120 + cordon wait 60 (AWS) + terminate 60 + launch 60 + Ready 90. */
const BATCH = 390;

const group = (over: Partial<RolloutNodeGroup> & { update?: UpdateSettings } = {}): RolloutNodeGroup => ({
  name: "g",
  pool: "p",
  azCount: 3,
  nodes: 3,
  update: {},
  ...over,
});

describe("AWS facts", () => {
  it("carries the EKS User Guide numbers", () => {
    expect(UPDATE_BEHAVIOR).toEqual({ maxUnavailableDefault: 1, maxUnavailableQuota: 100, surgeAzMultiplier: 2, podEvictionTimeoutSec: 900, cordonWaitSec: 60 });
  });
  it.each([
    ["instanceTypes", "replace"],
    ["launchTemplate.id", "replace"],
    ["launchTemplate.version", "roll"],
    ["releaseVersion", "roll"],
    ["version", "roll"],
    ["labels", "in-place"],
    ["taints", "in-place"],
    ["scalingConfig.maxSize", "in-place"],
  ])("%s -> %s", (field, effect) => {
    expect(nodeGroupFieldEffect(field)).toBe(effect);
  });
});

describe("maxUnavailableNodes", () => {
  it.each<[number, UpdateSettings, number]>([
    [3, {}, 1],
    [3, { maxUnavailablePercentage: 33 }, 1],
    [10, { maxUnavailablePercentage: 33 }, 4],
    [10, { maxUnavailablePercentage: 50 }, 5],
    [1, { maxUnavailablePercentage: 1 }, 1],
    [500, { maxUnavailablePercentage: 50 }, 100],
    [2, { maxUnavailable: 5 }, 2],
    [300, { maxUnavailable: 150 }, 100],
    [0, { maxUnavailable: 3 }, 1],
  ])("%i nodes with %j -> %i at once", (nodes, update, expected) => {
    expect(maxUnavailableNodes(nodes, update)).toBe(expected);
  });
});

describe("batchCount", () => {
  it.each([[0, 1, 0], [3, 1, 3], [10, 4, 3], [10, 5, 2], [7, 3, 3], [1, 100, 1]])("%i nodes, %i at once -> %i", (n, per, b) => {
    expect(batchCount(n, per)).toBe(b);
  });
});

describe("planNodeGroupRollout", () => {
  it("DEFAULT: setup, surge, one batch per node, scale down", () => {
    const r = planNodeGroupRollout(group({ nodes: 3, update: { maxUnavailable: 1 } }), A);
    expect(r).toMatchObject({ batches: 3, maxUnavailable: 1, surgeNodes: 6, minNodesInService: 3, batchSec: BATCH });
    expect(r.phases).toEqual({ setupSec: 60, scaleUpSec: 150, upgradeSec: 3 * BATCH, scaleDownSec: 60 });
    expect(r.durationSec).toBe(60 + 150 + 3 * BATCH + 60);
    expect(r.drainTimeoutBoundSec).toBe(r.durationSec + 3 * (900 - 120));
  });

  it("MINIMAL: no surge, capacity dips by maxUnavailable", () => {
    const r = planNodeGroupRollout(group({ nodes: 10, update: { maxUnavailablePercentage: 50, strategy: "MINIMAL" } }), A);
    expect(r).toMatchObject({ maxUnavailable: 5, batches: 2, surgeNodes: 0, minNodesInService: 5 });
    expect(r.durationSec).toBe(60 + 2 * BATCH);
  });

  it("surge is the larger of 2 x AZs and maxUnavailable", () => {
    expect(planNodeGroupRollout(group({ azCount: 2, nodes: 20, update: { maxUnavailable: 10 } }), A).surgeNodes).toBe(10);
    expect(planNodeGroupRollout(group({ azCount: 1, nodes: 4, update: { maxUnavailable: 1 } }), A).surgeNodes).toBe(2);
  });

  it.each([
    ["an empty node group", group({ nodes: 0 })],
    ["a node group that does not roll", group({ rolls: false })],
  ])("%s takes no time", (_, g) => {
    const r = planNodeGroupRollout(g, A);
    expect(r.batches).toBe(0);
    expect(r.durationSec).toBe(0);
  });

  it("more nodes at once means fewer batches and less time", () => {
    const slow = planNodeGroupRollout(group({ nodes: 12, update: { maxUnavailable: 1 } }), A);
    const fast = planNodeGroupRollout(group({ nodes: 12, update: { maxUnavailable: 4 } }), A);
    expect([slow.batches, fast.batches]).toEqual([12, 3]);
    expect(fast.durationSec).toBeLessThan(slow.durationSec);
  });
});

describe("planRollout", () => {
  const nodeGroups: RolloutNodeGroup[] = [
    group({ name: "system", pool: "system", nodes: 3, update: { maxUnavailable: 1 } }),
    group({ name: "general-a", pool: "general", azCount: 1, nodes: 1, update: { maxUnavailable: 1 } }),
    group({ name: "general-b", pool: "general", azCount: 1, nodes: 2, update: { maxUnavailable: 1 } }),
    group({ name: "batch", pool: "batch", nodes: 4, update: { maxUnavailablePercentage: 50, strategy: "MINIMAL" } }),
  ];

  it("runs waves in order and node groups of a wave in parallel", () => {
    const r = planRollout({ nodeGroups, waves: [["system"], ["general", "batch"]], assumptions: A });
    expect(r.waves.map((w) => w.pools)).toEqual([["system"], ["general", "batch"]]);
    const general = (n: number) => 60 + 150 + n * BATCH + 60;
    expect(r.waves[0].durationSec).toBe(general(3));
    expect(r.waves[1].durationSec).toBe(Math.max(general(1), general(2), 60 + 2 * BATCH));
    expect(r.waves[1].slowest).toBe("general-b");
    expect(r.durationSec).toBe(r.waves[0].durationSec + r.waves[1].durationSec);
    expect(r.nodes).toBe(10);
    expect(r.batches).toBe(3 + 1 + 2 + 2);
  });

  it("puts pools no wave names in a last wave", () => {
    const r = planRollout({ nodeGroups, waves: [["system"]], assumptions: A });
    expect(r.waves.map((w) => w.pools)).toEqual([["system"], ["general", "batch"]]);
  });

  it("uses the default assumptions unless overridden", () => {
    expect(planRollout({ nodeGroups, waves: [] }).assumptions).toEqual(resolveAssumptions());
    expect(resolveAssumptions({ drainSec: 300 }).drainSec).toBe(300);
  });
});

describe("criticalPath", () => {
  const t = (id: string, durationSec: number, dependsOn: string[] = []): PathTask => ({ id, label: id, durationSec, dependsOn });

  it("follows the longest chain of waits", () => {
    const p = criticalPath([t("A", 10), t("B", 5, ["A"]), t("C", 20, ["A"]), t("D", 1, ["B", "C"])]);
    expect(p.durationSec).toBe(31);
    expect(p.steps.map((s) => [s.id, s.startSec, s.finishSec])).toEqual([["A", 0, 10], ["C", 10, 30], ["D", 30, 31]]);
  });

  it("leaves zero-length steps out and ignores unknown dependencies", () => {
    const p = criticalPath([t("comp", 0, ["X"]), t("X", 7, ["missing"])]);
    expect(p.durationSec).toBe(7);
    expect(p.steps.map((s) => s.id)).toEqual(["X"]);
  });

  it("terminates on a cycle", () => {
    const p = criticalPath([t("X", 3, ["Y"]), t("Y", 4, ["X"])]);
    expect(p.durationSec).toBe(7);
  });

  it("is empty for no tasks", () => {
    expect(criticalPath([])).toEqual({ durationSec: 0, steps: [] });
  });

  it("times a cluster at AWS's announced average and a node group as setup + launch + Ready", () => {
    expect(CREATE_SEC_BY_TYPE[CLUSTER_TYPE]).toBe(540);
    expect(nodeGroupCreateSec(A)).toBe(60 + 60 + 90);
  });
});

describe("formatDuration", () => {
  it.each([[0, "0s"], [59, "59s"], [75, "1m 15s"], [1440, "24m 00s"], [3720, "1h 02m"]])("%i s -> %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
