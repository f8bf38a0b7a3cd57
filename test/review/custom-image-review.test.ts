/**
 * Custom images in the change review, the plan's version state and a change freeze (pure): a new imageId is named and
 * rolls the pool (a new launch template version); the pool's line says patching is the owner's; the offline version
 * state takes a custom pool's release from its launch template's imageId; inside a freeze a new imageId is held like a
 * new AMI release and the deployed image keeps booting.
 */
import * as path from "node:path";
import { renderAl2023UserData } from "../../components/userdata";
import { ReviewResource, reviewChanges } from "../../tools/review";
import { readStackFile, renderChangeReview, renderFreeze, versionStateOf } from "../../tools/plan";
import { applyFreeze } from "../../components/patching";
import { loadStackConfig } from "../../infra/config";
import { amiReleaseOf, desiredVersions, withVersions } from "../../infra/versions";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const CLUSTER = { name: "c", apiServerEndpoint: "https://api.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" };
const USER_DATA = Buffer.from(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: { maxPods: 29 } }), "utf8").toString("base64");
const [OLD, NEW] = ["ami-0aaaaaaaaaaaaaaaa", "ami-0bbbbbbbbbbbbbbbb"];

const nodeGroup = (name: string, pool: string): ReviewResource => ({
  type: NODE_GROUP_TYPE, name, ignoreChanges: ["scalingConfig.desiredSize"],
  inputs: {
    amiType: "CUSTOM", capacityType: "ON_DEMAND", instanceTypes: ["m6i.large"], launchTemplate: { id: `${pool}-lt-id`, version: "1" },
    scalingConfig: { minSize: 2, maxSize: 4, desiredSize: 4 }, subnetIds: ["subnet-a", "subnet-b"], tags: { "workerpools/pool": pool },
    updateConfig: { maxUnavailable: 1, updateStrategy: "DEFAULT" },
  },
});
const launchTemplate = (pool: string, imageId: string): ReviewResource => ({
  type: LAUNCH_TEMPLATE_TYPE, name: `${pool}-lt`, inputs: { imageId, userData: USER_DATA, tags: { "workerpools/pool": pool } },
});
const plan = (imageId: string): ReviewResource[] => [launchTemplate("gpu", imageId), nodeGroup("gpu", "gpu")];

describe("a new imageId in the change review", () => {
  const review = reviewChanges(plan(NEW), plan(OLD));
  const pool = review.pools[0];

  it("is a launch template change that rolls, and says nothing else patches a custom image", () => {
    expect(pool.launchTemplate).toEqual([expect.objectContaining({ field: "imageId", before: OLD, after: NEW, effect: "roll", why: expect.stringMatching(/a new custom image: .*nothing else patches a custom image/) })]);
  });

  it("rolls every node of the node group, maxUnavailable at a time", () => {
    expect(pool.nodeGroups[0].consequence).toMatchObject({ kind: "roll", because: ["launch template imageId"], rollout: { nodes: 4, batches: 4 } });
    expect(review.nodesReplaced).toBe(4);
    expect(pool.customImage).toBe(NEW);
  });

  it("the text names the change and who patches the image", () => {
    const text = renderChangeReview(review, "main");
    expect(text).toContain(`imageId: ${OLD} -> ${NEW}  [roll]`);
    expect(text).toMatch(/gpu: rolling update of 4 node\(s\) in 4 batch\(es\)[^\n]*because launch template imageId changed/);
    expect(text).toContain(`custom image: the pool moves to ${NEW}; patching it is the owner's (no recommended channel): a new imageId rolls the pool`);
  });

  it("an unchanged custom pool still says so", () => {
    expect(renderChangeReview(reviewChanges(plan(OLD), plan(OLD)), "main")).toContain(`pool gpu: no change\n  custom image: the pool boots ${OLD}; patching it is the owner's`);
  });
});

describe("a custom pool's versions", () => {
  it("offline: the release is the launch template's imageId; the Kubernetes version is not on the node group", () => {
    expect(versionStateOf([...plan(OLD)].map((r) => ({ ...r, inputs: { ...r.inputs } })), false).pools).toEqual({ gpu: { releaseVersion: OLD } });
  });

  it("desired: the configured image id, like a pinned release", () => {
    expect(amiReleaseOf({ channel: "custom", imageId: NEW })).toBe(NEW);
    expect(amiReleaseOf({ channel: "pinned", releaseVersion: "1.35.0-20251120" })).toBe("1.35.0-20251120");
    expect(amiReleaseOf({ channel: "recommended" })).toBeUndefined();
  });
});

describe("a change freeze and a custom image", () => {
  const dev = readStackFile(path.resolve(__dirname, "../.."), "dev");
  const pools = (dev.values.pools as Record<string, unknown>[]).map((p) => (p.name === "general" ? { ...p, ami: { channel: "custom", imageId: NEW } } : p));
  const loaded = loadStackConfig({ ...dev.values, pools }, new Date("2026-12-01T00:00:00Z"));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  const config = loaded.config;
  const windows = [{ from: "2026-12-20T00:00:00Z", to: "2027-01-04T00:00:00Z", reason: "year-end" }];
  const deployed = (general: { kubernetesVersion: string; releaseVersion: string }) => ({ controlPlane: "1.35", pools: { ...desiredVersions(config).pools, general }, addons: {} });

  it("holds a new imageId back and deploys the image that runs", () => {
    const d = applyFreeze(desiredVersions(config), deployed({ kubernetesVersion: "1.35", releaseVersion: OLD }), windows, new Date("2026-12-24T00:00:00Z"));
    expect(d.held).toEqual([expect.objectContaining({ target: "general", field: "releaseVersion", kept: OLD, desired: NEW })]);
    expect(withVersions(config, d.effective).pools.find((p) => p.name === "general")?.args.ami).toEqual({ channel: "custom", imageId: OLD });
    expect(renderFreeze(d, new Date("2026-12-24T00:00:00Z"))).toContain(`general releaseVersion (custom image): stays at ${OLD}; ${NEW} waits until 2027-01-04`);
  });

  it("holds a switch from EKS's AMI to a custom image back at the deployed release", () => {
    const d = applyFreeze(desiredVersions(config), deployed({ kubernetesVersion: "1.35", releaseVersion: "1.35.0-20251120" }), windows, new Date("2026-12-24T00:00:00Z"));
    expect(withVersions(config, d.effective).pools.find((p) => p.name === "general")?.args.ami).toEqual({ channel: "pinned", releaseVersion: "1.35.0-20251120" });
  });

  it("outside the window the new image deploys", () => {
    const d = applyFreeze(desiredVersions(config), deployed({ kubernetesVersion: "1.35", releaseVersion: OLD }), windows, new Date("2026-12-10T00:00:00Z"));
    expect(d.held).toEqual([]);
    expect(withVersions(config, d.effective).pools.find((p) => p.name === "general")?.args.ami).toEqual({ channel: "custom", imageId: NEW });
  });
});
