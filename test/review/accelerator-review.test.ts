/**
 * The change review of an accelerator change: a node group's `amiType` is ForceNew in the provider
 * (components/facts/data/managed-node-update.json: nodeGroupFieldEffects.amiType "replace"), so a pool whose types move
 * from CPU to GPU (AL2023_x86_64_STANDARD -> AL2023_x86_64_NVIDIA) gets a new node group, and the review says so.
 */
import { ReviewResource, reviewChanges } from "../../tools/review";
import { describeConsequence } from "../../tools/plan";
import { nodeGroupFieldEffect } from "../../components/facts";
import { NODE_GROUP_TYPE } from "../../components/core";

const nodeGroup = (inputs: Record<string, unknown>): ReviewResource => ({
  type: NODE_GROUP_TYPE,
  name: "gpu",
  ignoreChanges: ["scalingConfig.desiredSize"],
  inputs: {
    amiType: "AL2023_x86_64_STANDARD", capacityType: "ON_DEMAND", instanceTypes: ["m6i.xlarge"], labels: {},
    launchTemplate: { id: "gpu-lt-id", version: "1" }, nodeRoleArn: "arn:aws:iam::123456789012:role/gpu-node",
    releaseVersion: "1.35.0-20251120", scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 }, subnetIds: ["subnet-a", "subnet-b"],
    tags: { "workerpools/pool": "gpu" }, taints: [], updateConfig: { maxUnavailablePercentage: 33, updateStrategy: "DEFAULT" }, version: "1.35",
    ...inputs,
  },
});

describe("an amiType change", () => {
  it("is tabled as a replacement", () => {
    expect(nodeGroupFieldEffect("amiType")).toBe("replace");
  });

  it("replaces the node group when only the AMI variant changes (standard -> NVIDIA)", () => {
    const review = reviewChanges([nodeGroup({ amiType: "AL2023_x86_64_NVIDIA" })], [nodeGroup({})]);
    const c = review.pools[0].nodeGroups[0].consequence;
    expect(c).toEqual({ kind: "replace", because: ["amiType"], nodes: 2 });
    expect(review.nodesReplaced).toBe(2);
    expect(describeConsequence(c)).toMatch(/^REPLACED because amiType changed \(ForceNew\): a new node group of 2 node\(s\)/);
  });

  it("names both amiType and instanceTypes when a pool moves from m6i to g5, the replacement covering the release bump", () => {
    const after = nodeGroup({ amiType: "AL2023_x86_64_NVIDIA", instanceTypes: ["g5.xlarge"], releaseVersion: "1.35.0-20251205" });
    const c = reviewChanges([after], [nodeGroup({})]).pools[0].nodeGroups[0].consequence;
    expect(c.kind).toBe("replace");
    if (c.kind !== "replace") return;
    expect([...c.because].sort()).toEqual(["amiType", "instanceTypes"]);
  });
});
