/**
 * examples/stacks/Pulumi.custom-ami.yaml (after terraform-aws-eks examples/eks_managed_node_group, its
 * `bottlerocket_custom` and `complete` node groups with `ami_id` + `enable_bootstrap_user_data`) planned through the
 * real program under Pulumi's mock runtime: node groups with amiType CUSTOM and no releaseVersion or version, launch
 * templates with the image ids, and decoded user data that carries the whole bootstrap. One program run per file.
 */
import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import { PlanResource, PolicyResult, evaluatePolicies, hasMandatoryViolation, readStackFile, renderPools, runPlan, summarizePools } from "../../tools/plan";
import { decodeUserData } from "../../components/userdata";
import type { ConfigIssue } from "../../components/core";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const STACKS = path.resolve(__dirname, "../../examples/stacks");
const NOW = new Date("2026-12-01T00:00:00Z");
const [BR_IMAGE, AL_IMAGE] = ["ami-0b1a2c3d4e5f60718", "ami-0c0ffee1234567890"];

let resources: PlanResource[] = [];
let warnings: ConfigIssue[] = [];
let results: PolicyResult[] = [];
let config: Parameters<typeof summarizePools>[0] | undefined;

beforeAll(async () => {
  const run = await runPlan(readStackFile(STACKS, "custom-ami"), { now: NOW });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  warnings = run.warnings;
  config = run.config;
  results = evaluatePolicies(resources, {}, { now: NOW });
});

const inputs = (type: string, name: string): Record<string, unknown> => {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} ${name}`);
  return r.inputs;
};

describe("the custom-ami example stack", () => {
  it.each(["bottlerocket-custom", "complete"])("%s: amiType CUSTOM, no releaseVersion or version", (pool) => {
    const ng = inputs(NODE_GROUP_TYPE, pool);
    expect(ng.amiType).toBe("CUSTOM");
    expect(ng.releaseVersion).toBeUndefined();
    expect(ng.version).toBeUndefined();
  });

  it("keeps the published node groups' settings: SPOT over four types, 1/1/7, 33% at once, labels", () => {
    expect(inputs(NODE_GROUP_TYPE, "complete")).toMatchObject({
      capacityType: "SPOT", instanceTypes: ["m6i.large", "m5.large", "m5n.large", "m5zn.large"],
      scalingConfig: { minSize: 1, desiredSize: 1, maxSize: 7 }, updateConfig: { maxUnavailablePercentage: 33 },
      labels: { GithubRepo: "terraform-aws-eks", GithubOrg: "terraform-aws-modules" },
      taints: [{ key: "dedicated", value: "gpuGroup", effect: "NO_SCHEDULE" }],
    });
  });

  it("the system pool beside them stays on the recommended AL2023 AMI", () => {
    expect(inputs(NODE_GROUP_TYPE, "system")).toMatchObject({ amiType: "AL2023_x86_64_STANDARD", version: "1.35", releaseVersion: expect.stringMatching(/^offline-stand-in\(/) });
    expect(inputs(LAUNCH_TEMPLATE_TYPE, "system-lt").imageId).toBeUndefined();
  });

  it("AL2023 complete: the launch template's imageId and a NodeConfig with the cluster, kubelet config, labels and taints", () => {
    const lt = inputs(LAUNCH_TEMPLATE_TYPE, "complete-lt");
    expect(lt.imageId).toBe(AL_IMAGE);
    expect(lt.blockDeviceMappings).toEqual([expect.objectContaining({ deviceName: "/dev/xvda", ebs: expect.objectContaining({ volumeSize: 75, volumeType: "gp3", iops: 3000, throughput: 150 }) })]);
    const d = decodeUserData(String(lt.userData));
    if (d.os !== "AL2023") throw new Error(`not AL2023 user data: ${d.os}`);
    expect(Object.keys(d.cluster).sort()).toEqual(["apiServerEndpoint", "certificateAuthority", "cidr", "name"]);
    expect(d.cluster).toMatchObject({ name: "ex-eks-managed-node-group", cidr: "172.20.0.0/16" });
    expect(d.kubeletConfig).toMatchObject({ maxPods: expect.any(Number), readOnlyPort: 0 });
    expect(d.kubeletFlags).toEqual([
      `--node-labels=GithubOrg=terraform-aws-modules,GithubRepo=terraform-aws-eks,eks.amazonaws.com/capacityType=SPOT,eks.amazonaws.com/nodegroup-image=${AL_IMAGE}`,
      "--register-with-taints=dedicated=gpuGroup:NoSchedule",
    ]);
  });

  it("Bottlerocket custom: imageId, and settings.kubernetes with the cluster, DNS, max-pods, labels and taints", () => {
    const lt = inputs(LAUNCH_TEMPLATE_TYPE, "bottlerocket-custom-lt");
    expect(lt.imageId).toBe(BR_IMAGE);
    const d = decodeUserData(String(lt.userData));
    if (d.os !== "BOTTLEROCKET") throw new Error(`not Bottlerocket user data: ${d.os}`);
    expect(Object.keys(d.cluster).sort()).toEqual(["api-server", "cluster-certificate", "cluster-name"]);
    expect(d.kubernetes).toMatchObject({
      "cluster-dns-ip": "172.20.0.10", "max-pods": expect.any(Number),
      "node-labels": { label1: "foo", label2: "bar", "eks.amazonaws.com/capacityType": "ON_DEMAND", "eks.amazonaws.com/nodegroup-image": BR_IMAGE },
      "node-taints": { dedicated: ["experimental:PreferNoSchedule"], special: ["true:NoSchedule"] },
    });
    // The TOML parses with a second TOML reader too (Bottlerocket reads TOML, not our decoder).
    expect(parseToml(Buffer.from(String(lt.userData), "base64").toString("utf8"))).toHaveProperty("settings.kubernetes.cluster-name", "ex-eks-managed-node-group");
  });

  it("the plan names the image, says patching is the owner's, and lists the EKS labels the user data cannot carry", () => {
    if (!config) throw new Error("no config");
    const pools = summarizePools(config);
    expect(pools.find((p) => p.name === "complete")?.customImage).toMatchObject({
      imageId: AL_IMAGE, amiType: "CUSTOM", registerWithTaints: ["dedicated=gpuGroup:NoSchedule"], patching: expect.stringMatching(/no recommended channel; a new imageId rolls the pool/),
    });
    expect(pools.find((p) => p.name === "system")?.customImage).toBeUndefined();
    const text = renderPools(pools);
    expect(text).toContain(`custom image ${BR_IMAGE} (amiType CUSTOM; no releaseVersion or version on the node group)`);
    expect(text).toMatch(/not in the user data: eks\.amazonaws\.com\/nodegroup \(/);
  });

  it("plans without a mandatory violation; EKS-NG-007 (advisory) names both custom node groups", () => {
    expect(hasMandatoryViolation(results)).toBe(false);
    expect(results.filter((r) => r.ruleId === "EKS-NG-007" && !r.passed).map((r) => r.name).sort()).toEqual(["bottlerocket-custom", "complete"]);
    expect(warnings.filter((w) => /ami/.test(w.path))).toEqual([]);
  });
});
