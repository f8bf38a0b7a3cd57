/**
 * The WorkerPool component under Pulumi's mock runtime (mocks set first, then the component loaded): a pool with tags,
 * additional node role policies and a volume key, and one with an existing role; what each registers.
 */
import * as pulumi from "@pulumi/pulumi";
import { PlanResource, StandInLog, installRecorder, offlineMocks, planResources } from "../../tools/plan";
import { named as namedIn, ofType as ofTypeIn } from "../fixtures/plan-resources";
import { IAM_ROLE_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

const S3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
const OWN = "arn:aws:iam::111122223333:policy/nodes-extra";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const TAGS = { team: "platform", "cost-center": "42" };
let resources: PlanResource[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(offlineMocks(new StandInLog(), { region: "us-east-1" }), "proj", "test", true);
  const recorded = installRecorder();
  const { WorkerPool } = await import("../../components/worker-pool");
  const cluster = { name: "c", endpoint: "https://e.example", certificateAuthority: "Q0E=", serviceCidr: "172.20.0.0/16", kubernetesVersion: "1.35" };
  const subnets = ["us-east-1a", "us-east-1b"].map((az) => ({ id: `subnet-${az}`, az }));
  const base = { cluster, subnets, instanceTypes: ["m6i.large"] };
  await pulumi.runtime.runInPulumiStack(() => {
    new WorkerPool("extras", { ...base, os: "BOTTLEROCKET", tags: TAGS, nodeRole: { additionalPolicyArns: [S3, OWN] }, rootVolume: { kmsKeyArn: KEY } });
    new WorkerPool("owned", { ...base, nodeRoleArn: "arn:aws:iam::111122223333:role/nodes" });
    return Promise.resolve({});
  });
  await pulumi.runtime.disconnect();
  resources = planResources(recorded);
});

const ofType = (type: string) => ofTypeIn(resources, type);
const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);
const POOL_TAGS = { ...TAGS, "workerpools/pool": "extras", "workerpools/layout": "spread" };

describe("a pool with tags, additional policies and a volume key", () => {
  it("attaches the required policies and each additional one to its role, the additional ones named by the ARN's hash", () => {
    const attachments = ofType(ROLE_POLICY_ATTACHMENT_TYPE).filter((a) => a.name.startsWith("extras-node-"));
    expect(attachments.map((a) => a.inputs.policyArn)).toEqual(expect.arrayContaining([S3, OWN]));
    expect(attachments).toHaveLength(6);
    const role = named(IAM_ROLE_TYPE, "extras-node");
    for (const a of attachments) expect(a.propertyDependencies.role).toEqual([role.urn]);
    expect(attachments.filter((a) => /^extras-node-extra-[0-9a-f]{8}$/.test(a.name))).toHaveLength(2);
  });

  it("makes the node group wait for every attachment, the additional ones included", () => {
    const ng = named(NODE_GROUP_TYPE, "extras");
    const urns = ofType(ROLE_POLICY_ATTACHMENT_TYPE).filter((a) => a.name.startsWith("extras-node-")).map((a) => a.urn);
    expect(ng.propertyDependencies.nodeRoleArn).toEqual(expect.arrayContaining(urns));
  });

  it("tags the role, the launch template, its instances and volumes and the node group with the pool's tags", () => {
    expect(named(IAM_ROLE_TYPE, "extras-node").inputs.tags).toEqual(POOL_TAGS);
    const lt = named(LAUNCH_TEMPLATE_TYPE, "extras-lt");
    expect(lt.inputs.tags).toEqual(POOL_TAGS);
    expect(lt.inputs.tagSpecifications).toEqual([{ resourceType: "instance", tags: POOL_TAGS }, { resourceType: "volume", tags: POOL_TAGS }]);
    expect(named(NODE_GROUP_TYPE, "extras").inputs.tags).toEqual(POOL_TAGS);
  });

  it("encrypts both Bottlerocket volumes with the key", () => {
    const mappings = named(LAUNCH_TEMPLATE_TYPE, "extras-lt").inputs.blockDeviceMappings as { deviceName: string; ebs: Record<string, unknown> }[];
    expect(mappings.map((m) => [m.deviceName, m.ebs.kmsKeyId, m.ebs.encrypted])).toEqual([["/dev/xvda", KEY, "true"], ["/dev/xvdb", KEY, "true"]]);
  });
});

describe("a pool with an existing role", () => {
  it("creates no role and no attachment, and sets no volume key", () => {
    expect(resources.some((r) => r.name.startsWith("owned-node"))).toBe(false);
    expect(named(NODE_GROUP_TYPE, "owned").inputs.nodeRoleArn).toBe("arn:aws:iam::111122223333:role/nodes");
    const mappings = named(LAUNCH_TEMPLATE_TYPE, "owned-lt").inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
    expect(mappings.every((m) => m.ebs.kmsKeyId === undefined)).toBe(true);
  });
});
