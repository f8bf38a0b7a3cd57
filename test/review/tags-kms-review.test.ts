/**
 * The change review of the volume key and of tags: a new `rootVolume.kmsKeyArn` is a new `kmsKeyId` in the launch
 * template's block device, a new launch template version, and so a rolling update of the pool; a new tag changes the
 * node group's and the launch template's own tags in place, but the instances' and volumes' tags are launch data
 * (tagSpecifications), so it rolls the nodes too; a change of only the node group's tags rolls nothing.
 */
import { ReviewResource, diffLaunchTemplateInputs, reviewChanges } from "../../tools/review";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const poolTags = { "workerpools/pool": "p", "workerpools/layout": "spread" };
const ebs = (over: Record<string, unknown> = {}) => ({ volumeSize: 50, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", ...over });
const lt = (over: Record<string, unknown> = {}, tags: Record<string, string> = {}): ReviewResource => ({
  type: LAUNCH_TEMPLATE_TYPE, name: "p-lt", ignoreChanges: [],
  inputs: {
    userData: "[unknown]", blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: ebs() }],
    tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: { ...tags, ...poolTags } })),
    tags: { ...tags, ...poolTags }, ...over,
  },
});
const ng = (tags: Record<string, string> = {}): ReviewResource => ({
  type: NODE_GROUP_TYPE, name: "p", ignoreChanges: ["scalingConfig.desiredSize"],
  inputs: {
    amiType: "AL2023_x86_64_STANDARD", instanceTypes: ["m6i.large"], launchTemplate: { id: "p-lt-id", version: "1" }, releaseVersion: "1.35.0-20251120",
    scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 2 }, subnetIds: ["subnet-a"], tags: { ...tags, ...poolTags }, version: "1.35",
    updateConfig: { maxUnavailablePercentage: 33, updateStrategy: "DEFAULT" },
  },
});

describe("a new volume key", () => {
  it("is named by device and field, and rolls: a new launch template version", () => {
    const changes = diffLaunchTemplateInputs(lt().inputs, lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: ebs({ kmsKeyId: KEY }) }] }).inputs);
    expect(changes).toEqual([{ field: "blockDeviceMappings[/dev/xvda].ebs.kmsKeyId", before: undefined, after: KEY, effect: "roll", why: expect.stringMatching(/new launch template version.*EBS never re-encrypts an existing volume/) }]);
  });

  it("rolls every node of the pool", () => {
    const after = lt({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: ebs({ kmsKeyId: KEY }) }] });
    const c = reviewChanges([after, ng()], [lt(), ng()]).pools[0].nodeGroups[0].consequence;
    expect(c.kind).toBe("roll");
    expect(c.kind === "roll" && c.because).toEqual(["launch template blockDeviceMappings[/dev/xvda].ebs.kmsKeyId"]);
  });
});

describe("a new tag", () => {
  it("changes the launch template's tags in place and its tagSpecifications with a new version", () => {
    const changes = diffLaunchTemplateInputs(lt().inputs, lt({}, { team: "a" }).inputs);
    expect(changes.map((c) => [c.field, c.effect])).toEqual([["tagSpecifications", "roll"], ["tags", "in-place"]]);
    expect(changes[0].why).toMatch(/instances' and volumes' tags are launch data.*the launch template's and the node group's own tags change in place/);
  });

  it("so a stack or pool tag change rolls the pool's nodes (they carry the tags), the node group's tags in place", () => {
    const review = reviewChanges([lt({}, { team: "a" }), ng({ team: "a" })], [lt(), ng()]);
    const group = review.pools[0].nodeGroups[0];
    expect(group.changes.find((c) => c.field === "tags")?.effect).toBe("in-place");
    expect(group.consequence.kind === "roll" && group.consequence.because).toEqual(["launch template tagSpecifications"]);
  });

  it("on the node group alone (not reaching the launch template) rolls nothing", () => {
    const c = reviewChanges([lt(), ng({ team: "a" })], [lt(), ng()]).pools[0].nodeGroups[0].consequence;
    expect(c).toEqual({ kind: "in-place", because: ["tags"] });
  });
});
