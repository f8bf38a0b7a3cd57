/**
 * The WorkerPool component with a custom image under Pulumi's mock runtime (mocks set first, then the component loaded):
 * the node group gets `amiType: CUSTOM` and neither `releaseVersion` nor `version` (EKS refuses both beside an image id),
 * no SSM parameter is read, and the launch template gets `imageId` and the complete bootstrap; a recommended pool
 * beside it keeps its SSM release and version.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { decodeUserData } from "../../components/userdata";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

const IMAGE = "ami-0abcdef1234567890";
let resources: PlanResource[] = [];
let versions: Record<string, unknown> = {};
const standIns = new StandInLog();

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(standIns, { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { WorkerPool } = await import("../../components/worker-pool");
  const cluster = { name: "c", endpoint: "https://e.example", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35" };
  const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));
  const base = { cluster, subnets, instanceTypes: ["m6i.large"], nodeRoleArn: "arn:aws:iam::123456789012:role/nodes" };
  await pulumi.runtime.runInPulumiStack(async () => {
    const pools = [
      new WorkerPool("custom", { ...base, ami: { channel: "custom", imageId: IMAGE }, layout: "per-zone", labels: { role: "x" }, taints: [{ key: "k", value: "v", effect: "NoSchedule" }] }),
      new WorkerPool("managed", base),
    ];
    const entries = await Promise.all(pools.map((p) => new Promise<[string, unknown]>((resolve) => p.deployedVersions.apply((v) => resolve([p.poolName, v])))));
    versions = Object.fromEntries(entries);
    return {};
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
});

const of = (type: string, prefix: string) => resources.filter((r) => r.type === type && r.name.startsWith(prefix));

describe("a custom-image pool", () => {
  it("gives every node group amiType CUSTOM and no releaseVersion or version", () => {
    const groups = of(NODE_GROUP_TYPE, "custom");
    expect(groups.map((g) => g.name).sort()).toEqual(["custom-us-east-1a", "custom-us-east-1b"]);
    for (const g of groups) {
      expect(g.inputs.amiType).toBe("CUSTOM");
      expect("releaseVersion" in g.inputs).toBe(false);
      expect("version" in g.inputs).toBe(false);
      expect(g.inputs.labels).toEqual({ role: "x" });
    }
  });

  it("puts the image id and the complete bootstrap in the one launch template", () => {
    const [lt] = of(LAUNCH_TEMPLATE_TYPE, "custom");
    expect(lt.inputs.imageId).toBe(IMAGE);
    const d = decodeUserData(String(lt.inputs.userData));
    if (d.os !== "AL2023") throw new Error(d.os);
    expect(d.cluster).toEqual({ name: "c", apiServerEndpoint: "https://e.example", certificateAuthority: "Q0E=", cidr: "172.20.0.0/16" });
    expect(d.kubeletFlags).toEqual([
      `--node-labels=eks.amazonaws.com/capacityType=ON_DEMAND,eks.amazonaws.com/nodegroup-image=${IMAGE},role=x`,
      "--register-with-taints=k=v:NoSchedule",
    ]);
  });

  it("reads no SSM parameter, and records the image id as its deployed release", () => {
    expect(standIns.list().filter((e) => e.question.startsWith("ssm:")).map((e) => e.question))
      .toEqual(["ssm:GetParameter /aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version"]);
    expect(versions.custom).toEqual({ kubernetesVersion: "1.35", releaseVersion: IMAGE });
  });
});

describe("a recommended pool beside it", () => {
  it("keeps its amiType, version and SSM release, and no imageId", () => {
    const [g] = of(NODE_GROUP_TYPE, "managed");
    expect(g.inputs).toMatchObject({ amiType: "AL2023_x86_64_STANDARD", version: "1.35", releaseVersion: expect.stringMatching(/^offline-stand-in\(/) });
    expect(of(LAUNCH_TEMPLATE_TYPE, "managed")[0].inputs.imageId).toBeUndefined();
    expect(decodeUserData(String(of(LAUNCH_TEMPLATE_TYPE, "managed")[0].inputs.userData))).toMatchObject({ os: "AL2023", kubeletFlags: [] });
  });
});
