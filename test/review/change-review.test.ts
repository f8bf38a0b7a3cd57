import { renderBottlerocketUserData, renderAl2023UserData } from "../../components/userdata";
import { diffNodeGroupInputs, Consequence, ReviewResource, parsePlanResources, reviewChanges, userDataFields } from "../../tools/review";
import { describeChange, describeConsequence, renderChangeReview } from "../../tools/plan";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const CLUSTER = { name: "c", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const base64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");
const al2023 = (config: Record<string, unknown>): string => base64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: config }));
const bottlerocket = (kubernetes: Record<string, unknown>): string => base64(renderBottlerocketUserData({ cluster: CLUSTER, kubernetes }));

/** A node group as the plan records it (`workerpools/pool` tag, desired size ignored). */
function nodeGroup(name: string, pool: string, inputs: Record<string, unknown> = {}): ReviewResource {
  return {
    type: NODE_GROUP_TYPE,
    name,
    ignoreChanges: ["scalingConfig.desiredSize"],
    inputs: {
      amiType: "AL2023_x86_64_STANDARD",
      capacityType: "ON_DEMAND",
      instanceTypes: ["m6i.large"],
      labels: { role: pool },
      launchTemplate: { id: `${pool}-lt-id`, version: "1" },
      nodeRoleArn: `arn:aws:iam::123456789012:role/${pool}-node`,
      releaseVersion: "1.35.0-20251120",
      scalingConfig: { minSize: 3, maxSize: 6, desiredSize: 3 },
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      tags: { "workerpools/pool": pool },
      taints: [],
      updateConfig: { maxUnavailablePercentage: 33, updateStrategy: "DEFAULT" },
      version: "1.35",
      ...inputs,
    },
  };
}

const launchTemplate = (pool: string, userData: string, inputs: Record<string, unknown> = {}): ReviewResource => ({
  type: LAUNCH_TEMPLATE_TYPE,
  name: `${pool}-lt`,
  inputs: { userData, tags: { "workerpools/pool": pool }, metadataOptions: { httpTokens: "required" }, ...inputs },
});

const only = (current: ReviewResource[], baseline: ReviewResource[]) => {
  const review = reviewChanges(current, baseline);
  return { review, pool: review.pools[0], groups: review.pools[0].nodeGroups };
};
const kinds = (cs: readonly { consequence: Consequence }[]): string[] => cs.map((c) => c.consequence.kind);

describe("kubelet edit", () => {
  it("AL2023: names the NodeConfig field and rolls every node in batches", () => {
    const before = [launchTemplate("system", al2023({ imageGCHighThresholdPercent: 80, readOnlyPort: 0 })), nodeGroup("system", "system")];
    const after = [launchTemplate("system", al2023({ imageGCHighThresholdPercent: 85, readOnlyPort: 0 })), nodeGroup("system", "system")];
    const { pool, groups, review } = only(after, before);
    expect(pool.launchTemplate).toEqual([expect.objectContaining({ field: "kubelet.imageGCHighThresholdPercent", before: 80, after: 85, effect: "roll" })]);
    const c = groups[0].consequence;
    expect(c.kind).toBe("roll");
    if (c.kind !== "roll") return;
    expect(c.because).toEqual(["launch template kubelet.imageGCHighThresholdPercent"]);
    expect([c.rollout.nodes, c.rollout.maxUnavailable, c.rollout.batches]).toEqual([3, 1, 3]);
    expect(review.nodesReplaced).toBe(3);
    expect(describeConsequence(c)).toMatch(/^rolling update of 3 node\(s\) in 3 batch\(es\) of 1 \(DEFAULT\)/);
  });

  it("Bottlerocket: names the settings.kubernetes key", () => {
    const before = [launchTemplate("batch", bottlerocket({ "max-parallel-image-pulls": 4 })), nodeGroup("batch", "batch")];
    const after = [launchTemplate("batch", bottlerocket({ "max-parallel-image-pulls": 8 })), nodeGroup("batch", "batch")];
    const { pool, groups } = only(after, before);
    expect(pool.launchTemplate.map((c) => [c.field, c.before, c.after])).toEqual([["kubelet.max-parallel-image-pulls", 4, 8]]);
    expect(kinds(groups)).toEqual(["roll"]);
  });

  it("an unchanged launch template rolls nothing", () => {
    const resources = [launchTemplate("system", al2023({ readOnlyPort: 0 })), nodeGroup("system", "system")];
    const { pool, groups } = only(resources, resources);
    expect(pool.launchTemplate).toEqual([]);
    expect(kinds(groups)).toEqual(["none"]);
  });
});

describe("AMI release bump", () => {
  const zones = ["a", "b", "c"];
  const perZone = (release: string, update: Record<string, unknown>) =>
    zones.map((z) => nodeGroup(`general-${z}`, "general", { releaseVersion: release, scalingConfig: { minSize: 1, maxSize: 4, desiredSize: 2 }, subnetIds: [`subnet-${z}`], updateConfig: update }));

  it("rolls each per-zone node group, 1 batch of 2 with maxUnavailable 2", () => {
    const { groups } = only(perZone("1.35.0-20251205", { maxUnavailable: 2 }), perZone("1.35.0-20251120", { maxUnavailable: 2 }));
    expect(kinds(groups)).toEqual(["roll", "roll", "roll"]);
    for (const g of groups) {
      if (g.consequence.kind !== "roll") continue;
      expect(g.consequence.because).toEqual(["releaseVersion"]);
      expect([g.consequence.rollout.nodes, g.consequence.rollout.batches, g.consequence.rollout.surgeNodes]).toEqual([2, 1, 2]);
    }
  });

  it("rolls with the deployed updateConfig: the provider updates the version before the config", () => {
    const { groups } = only(perZone("1.35.0-20251205", { maxUnavailable: 2 }), perZone("1.35.0-20251120", { maxUnavailable: 1 }));
    const c = groups[0].consequence;
    expect(c.kind === "roll" && c.rollout.batches).toBe(2);
  });

  it("a Kubernetes version bump rolls too", () => {
    const { groups } = only([nodeGroup("system", "system", { version: "1.35" })], [nodeGroup("system", "system", { version: "1.34" })]);
    expect(groups[0].consequence).toMatchObject({ kind: "roll", because: ["version"] });
  });
});

describe("instance-type change", () => {
  it.each([
    ["another type", ["m6i.large", "m7i.large"]],
    ["the same types in another order (a list in the provider schema)", ["m6a.large", "m6i.large"]],
  ])("%s replaces the node group", (_, types) => {
    const before = [nodeGroup("system", "system", { instanceTypes: ["m6i.large", "m6a.large"] })];
    const { groups, review } = only([nodeGroup("system", "system", { instanceTypes: types })], before);
    expect(groups[0].consequence).toEqual({ kind: "replace", because: ["instanceTypes"], nodes: 3 });
    expect(review.nodesReplaced).toBe(3);
  });

  it("a replacement wins over a roll in the same change", () => {
    const before = [nodeGroup("system", "system")];
    const after = [nodeGroup("system", "system", { capacityType: "SPOT", releaseVersion: "1.35.0-20251205" })];
    expect(only(after, before).groups[0].consequence).toMatchObject({ kind: "replace", because: ["capacityType"] });
  });
});

describe("label, taint and scaling edits", () => {
  it("a label edit is applied in place: nothing rolls", () => {
    const { groups, review } = only([nodeGroup("general", "general", { labels: { role: "general", team: "web" } })], [nodeGroup("general", "general")]);
    expect(groups[0].consequence).toEqual({ kind: "in-place", because: ["labels"] });
    expect(review.nodesReplaced).toBe(0);
    expect(describeChange(groups[0].changes[0])).toBe("+team=web");
  });

  it("a taint edit is applied in place", () => {
    const taints = [{ key: "dedicated", value: "gpu", effect: "NO_SCHEDULE" }];
    expect(only([nodeGroup("g", "g", { taints })], [nodeGroup("g", "g")]).groups[0].consequence).toEqual({ kind: "in-place", because: ["taints"] });
  });

  it("a desired size change is ignored (the autoscaler owns it); max size changes in place", () => {
    const changes = diffNodeGroupInputs(
      nodeGroup("g", "g").inputs,
      nodeGroup("g", "g", { scalingConfig: { minSize: 3, maxSize: 9, desiredSize: 5 } }).inputs,
      ["scalingConfig.desiredSize"],
    );
    expect(changes.map((c) => [c.field, c.effect])).toEqual([["scalingConfig.desiredSize", "ignored"], ["scalingConfig.maxSize", "in-place"]]);
  });

  it("subnets in another order are the same set", () => {
    expect(diffNodeGroupInputs(nodeGroup("g", "g").inputs, nodeGroup("g", "g", { subnetIds: ["subnet-c", "subnet-a", "subnet-b"] }).inputs)).toEqual([]);
  });
});

describe("launch template changes that are not kubelet", () => {
  const ud = al2023({ readOnlyPort: 0 });
  it.each([
    ["tags only: no new version, nothing rolls", { tags: { "workerpools/pool": "p", team: "x" } }, "none"],
    ["tag specifications: a new version, every node rolls", { tagSpecifications: [{ resourceType: "instance", tags: { team: "x" } }] }, "roll"],
    ["a new name: a new launch template, the node group is replaced", { name: "p-lt-2" }, "replace"],
  ])("%s", (_, change, kind) => {
    const { groups } = only([launchTemplate("p", ud, change), nodeGroup("p", "p")], [launchTemplate("p", ud), nodeGroup("p", "p")]);
    expect(kinds(groups)).toEqual([kind]);
  });
});

describe("pools added, removed, and the recommended channel", () => {
  it("a new pool creates its node group, a removed one deletes it", () => {
    const r = reviewChanges([nodeGroup("new", "new")], [nodeGroup("old", "old")]);
    expect(r.pools.map((p) => [p.pool, p.nodeGroups[0].consequence.kind])).toEqual([["new", "create"], ["old", "delete"]]);
  });

  it("names the SSM parameter a recommended release comes from and what a newer release rolls", () => {
    const standIn = "offline-stand-in(/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version)";
    const g = nodeGroup("system", "system", { releaseVersion: standIn });
    const { groups, review } = only([g], [g]);
    expect(groups[0].consequence.kind).toBe("none");
    expect(groups[0].recommended?.parameter).toBe("/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version");
    expect(groups[0].recommended?.rollout.batches).toBe(3);
    expect(renderChangeReview(review, "main")).toContain("a release newer than the deployed one rolls 3 node(s) in 3 batch(es)");
  });
});

describe("parsePlanResources", () => {
  it("reads a plan document", () => {
    const doc = { resources: [{ urn: "u", type: NODE_GROUP_TYPE, name: "g", inputs: { version: "1.35" }, ignoreChanges: [] }, { junk: true }] };
    expect(parsePlanResources(doc)).toEqual([{ type: NODE_GROUP_TYPE, name: "g", inputs: { version: "1.35" }, ignoreChanges: [] }]);
  });
  it("says what is wrong with something else", () => {
    expect(parsePlanResources({ nope: 1 })).toMatch(/^not a plan document/);
  });
});

describe("userDataFields", () => {
  it("splits AL2023 MIME into NodeConfig kubelet config and cluster, other parts by Content-Type", () => {
    const d = userDataFields(al2023({ maxPods: 29 }));
    expect(d.format).toBe("al2023-nodeconfig");
    expect(d.kubelet).toEqual({ maxPods: 29 });
    expect(d.cluster).toMatchObject({ name: "c", apiServerEndpoint: "https://api.example" });
    const withScript = base64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: {}, extraParts: [{ contentType: "text/x-shellscript", body: "#!/bin/sh\necho hi\n" }] }));
    expect(userDataFields(withScript).other).toEqual({ "part[1] text/x-shellscript": "#!/bin/sh\necho hi\n" });
  });
  it("splits Bottlerocket TOML, cluster keys apart, other settings groups by name", () => {
    const d = userDataFields(base64(renderBottlerocketUserData({ cluster: CLUSTER, kubernetes: { "max-pods": 29 }, kernelModules: ["ip_vs"] })));
    expect(d.format).toBe("bottlerocket");
    expect(d.kubelet).toEqual({ "max-pods": 29 });
    expect(Object.keys(d.cluster).sort()).toEqual(["api-server", "cluster-certificate", "cluster-name"]);
    expect(d.other).toEqual({ "settings.kernel": { modules: { ip_vs: { allowed: true, autoload: true } } } });
  });
  it.each(["[unknown]", 42, base64("#!/bin/bash\necho hi\n")])("reports %j as unknown", (v) => {
    expect(userDataFields(v).format).toBe("unknown");
  });
  it("keeps a placeholder as other.value and unreadable text as other.text", () => {
    expect(userDataFields("[secret]").other).toEqual({ value: "[secret]" });
    expect(userDataFields(base64("#!/bin/bash\necho hi\n")).other).toEqual({ text: "#!/bin/bash\necho hi\n" });
  });
});
