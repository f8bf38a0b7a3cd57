/** The change review tells what AWS refuses (min above the desired size `pulumi up` sends) and what breaks DNS, with the fix. */
import { ReviewResource, reviewChanges } from "../../tools/review";
import { changeReviewWarnings, renderChangeReview } from "../../tools/plan";
import { CLUSTER_TYPE, NODE_GROUP_TYPE } from "../../components/core";

function nodeGroup(name: string, pool: string, scaling: { minSize: number; maxSize: number; desiredSize: number }, inputs: Record<string, unknown> = {}): ReviewResource {
  return {
    type: NODE_GROUP_TYPE,
    name,
    ignoreChanges: ["scalingConfig.desiredSize"],
    inputs: {
      instanceTypes: ["m6i.large"], releaseVersion: "1.35.0-20251120", version: "1.35", subnetIds: [`subnet-${name}`], taints: [],
      updateConfig: { maxUnavailable: 1, updateStrategy: "DEFAULT" }, tags: { "workerpools/pool": pool, "workerpools/layout": "per-zone" },
      scalingConfig: scaling, ...inputs,
    },
  };
}
const CLUSTER: ReviewResource = { type: CLUSTER_TYPE, name: "cluster", inputs: { name: "platform-dev" } };
const zones = (pool: string, azs: string[], min: number, max: number, desired: number): ReviewResource[] => {
  const split = (t: number, i: number) => Math.floor(t / azs.length) + (i < t % azs.length ? 1 : 0);
  return azs.map((az, i) => nodeGroup(`${pool}-${az}`, pool, { minSize: split(min, i), maxSize: Math.max(split(max, i), 1), desiredSize: split(desired, i) }));
};

describe("raising min above the deployed desired size", () => {
  it("is refused by EKS: the review says so, with the command that raises the desired size first", () => {
    const before = [CLUSTER, nodeGroup("system", "system", { minSize: 3, maxSize: 6, desiredSize: 3 })];
    const after = [CLUSTER, nodeGroup("system", "system", { minSize: 5, maxSize: 6, desiredSize: 5 })];
    const g = reviewChanges(after, before).pools[0].nodeGroups[0];
    expect(g.hazards).toEqual([{
      kind: "refused", field: "scalingConfig.minSize", configKey: "scaling.min",
      message: expect.stringMatching(/^EKS refuses this update \(minimum can't be greater than desired size\): minSize 3 -> 5, but desiredSize stays 3/),
      fix: expect.stringMatching(/aws eks update-nodegroup-config --cluster-name platform-dev --nodegroup-name <EKS name of system.*--scaling-config minSize=3,maxSize=6,desiredSize=5; then `pulumi refresh`/),
    }]);
    const text = renderChangeReview(reviewChanges(after, before), "base.json");
    expect(text).toMatch(/system: EKS refuses this update as planned \(below\); once fixed: updated in place, nothing rolls/);
    expect(text).toMatch(/REFUSED BY EKS: EKS refuses this update/);
    expect(text).not.toMatch(/system: updated in place, nothing rolls/);
  });

  it("is reached by removing an AZ from a per-zone pool (min 3 over 3 zones is 1 each, over 2 it is 2 and 1)", () => {
    const before = [CLUSTER, ...zones("general", ["a", "b", "c"], 3, 12, 3)];
    const after = [CLUSTER, ...zones("general", ["a", "b"], 3, 12, 3)];
    const review = reviewChanges(after, before);
    const refused = review.pools[0].nodeGroups.filter((g) => g.hazards?.length);
    expect(refused.map((g) => g.nodeGroup)).toEqual(["general-a"]);
    expect(refused[0].hazards?.[0].message).toMatch(/minSize 1 -> 2, but desiredSize stays 1.*splits its counts over 2 node group\(s\) instead of 3 \(an AZ removed\)/);
    expect(changeReviewWarnings(review, ["system", "general"])).toEqual([{
      path: "workerpools:pools[1].scaling.min", severity: "warning",
      message: "EKS would refuse the update of node group general-a (scalingConfig.minSize): the change review says why and gives the fix",
    }]);
  });

  it("lowering max below the desired size is refused too (adding an AZ to a per-zone pool shrinks each share)", () => {
    const before = [CLUSTER, nodeGroup("general-a", "general", { minSize: 1, maxSize: 4, desiredSize: 4 })];
    const after = [CLUSTER, nodeGroup("general-a", "general", { minSize: 1, maxSize: 3, desiredSize: 1 })];
    expect(reviewChanges(after, before).pools[0].nodeGroups[0].hazards?.map((h) => [h.field, h.fix])).toEqual([
      ["scalingConfig.maxSize", expect.stringMatching(/lower the desired size first: .*minSize=1,maxSize=4,desiredSize=3/)],
    ]);
  });

  it("raising min within the deployed desired size is fine: no hazard, and the review still says nothing rolls", () => {
    const before = [CLUSTER, nodeGroup("system", "system", { minSize: 2, maxSize: 6, desiredSize: 3 })];
    const after = [CLUSTER, nodeGroup("system", "system", { minSize: 3, maxSize: 6, desiredSize: 3 })];
    const review = reviewChanges(after, before);
    expect(review.pools[0].nodeGroups[0].hazards).toBeUndefined();
    expect(renderChangeReview(review, "b")).toMatch(/system: updated in place, nothing rolls/);
  });

  it("a node group that is replaced anyway (a force-new input) is created with the new sizes: no hazard", () => {
    const before = [CLUSTER, nodeGroup("system", "system", { minSize: 3, maxSize: 6, desiredSize: 3 })];
    const after = [CLUSTER, nodeGroup("system", "system", { minSize: 5, maxSize: 6, desiredSize: 5 }, { instanceTypes: ["m6i.xlarge"] })];
    const g = reviewChanges(after, before).pools[0].nodeGroups[0];
    expect(g.consequence.kind).toBe("replace");
    expect(g.hazards).toBeUndefined();
  });

  it("without ignoreChanges the desired size sent is the new one", () => {
    const before = [CLUSTER, { ...nodeGroup("s", "s", { minSize: 1, maxSize: 6, desiredSize: 1 }), ignoreChanges: [] }];
    const after = [CLUSTER, { ...nodeGroup("s", "s", { minSize: 3, maxSize: 6, desiredSize: 3 }), ignoreChanges: [] }];
    expect(reviewChanges(after, before).pools[0].nodeGroups[0].hazards).toBeUndefined();
  });
});

describe("a NoExecute taint added to the CoreDNS pool", () => {
  const taint = { key: "dedicated", value: "system", effect: "NO_EXECUTE" };
  const before = [CLUSTER, nodeGroup("system", "system", { minSize: 3, maxSize: 6, desiredSize: 3 })];
  const after = [CLUSTER, nodeGroup("system", "system", { minSize: 3, maxSize: 6, desiredSize: 3 }, { taints: [taint] })];

  it("is a DNS outage in the review, with the safe sequence", () => {
    const review = reviewChanges(after, before, undefined, { corednsPool: "system" });
    expect(review.pools[0].nodeGroups[0].hazards).toEqual([expect.objectContaining({ kind: "outage", configKey: "taints", message: expect.stringMatching(/evict CoreDNS.*DNS fails/) })]);
    expect(renderChangeReview(review, "b")).toMatch(/OUTAGE: adds the NoExecute taint dedicated=system/);
  });

  it("on another pool, or already there, it is not", () => {
    expect(reviewChanges(after, before, undefined, { corednsPool: "general" }).pools[0].nodeGroups[0].hazards).toBeUndefined();
    expect(reviewChanges(after, after, undefined, { corednsPool: "system" }).pools[0].nodeGroups[0].hazards).toBeUndefined();
  });
});
