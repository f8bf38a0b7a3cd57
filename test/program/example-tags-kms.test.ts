/**
 * examples/stacks/Pulumi.tags-kms.yaml (after terraform-aws-eks's eks_managed_node_group "complete" node group), planned:
 * the stack tags and the pool's own on its resources, the provider's default tags merged only where the provider merges
 * them, the extra node role policies attached and waited for, the volume key in the launch template, and the plan's
 * pool summary showing all three.
 */
import * as path from "node:path";
import { PlanResource, PoolSummary, defaultTagsOf, readStackFile, runPlan, summarizePools, tagsSection } from "../../tools/plan";
import { named as namedIn } from "../fixtures/plan-resources";
import type { TagsSection } from "../../tools/plan";
import { ADDON_TYPE, CLUSTER_TYPE, IAM_ROLE_TYPE, KMS_KEY_TYPE, LAUNCH_TEMPLATE_TYPE, NAT_GATEWAY_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

const DIR = path.resolve(__dirname, "../../examples/stacks");
const STACK_TAGS = { Example: "ex-eks-managed-node-group", GithubRepo: "terraform-aws-eks", GithubOrg: "terraform-aws-modules" };
const KEY = "arn:aws:kms:eu-west-1:111122223333:alias/eks/ex-eks-managed-node-group/ebs";
const EXTRA = ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly", "arn:aws:iam::111122223333:policy/ex-eks-managed-node-group-node-additional"];
let resources: PlanResource[] = [];
let pools: PoolSummary[] = [];
let tags: TagsSection | undefined;

beforeAll(async () => {
  const file = readStackFile(DIR, "tags-kms");
  const run = await runPlan(file, { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  pools = summarizePools(run.config);
  tags = tagsSection(run.config.tags, defaultTagsOf(file.provider), resources);
});

const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);
const COMPLETE_TAGS = { ...STACK_TAGS, ExtraTag: "EKS managed node group complete example", "workerpools/pool": "complete", "workerpools/layout": "spread" };

describe("tags", () => {
  it("the complete pool's role, launch template (and its instances and volumes) and node group carry the stack and pool tags", () => {
    for (const [type, name] of [[IAM_ROLE_TYPE, "complete-node"], [LAUNCH_TEMPLATE_TYPE, "complete-lt"], [NODE_GROUP_TYPE, "complete"]]) {
      expect(named(type, name).inputs.tags).toEqual(COMPLETE_TAGS);
    }
    const specs = named(LAUNCH_TEMPLATE_TYPE, "complete-lt").inputs.tagSpecifications;
    expect(specs).toEqual([{ resourceType: "instance", tags: COMPLETE_TAGS }, { resourceType: "volume", tags: COMPLETE_TAGS }]);
  });

  it("the network, control plane and addons carry the stack tags; the default pool not the complete pool's", () => {
    expect(named(NAT_GATEWAY_TYPE, "network-nat-eu-west-1a").inputs.tags).toEqual(STACK_TAGS);
    expect(named(KMS_KEY_TYPE, "cluster-secrets").inputs.tags).toEqual(STACK_TAGS);
    expect(named(CLUSTER_TYPE, "cluster").inputs.tags).toEqual(STACK_TAGS);
    expect(named(ADDON_TYPE, "addons-vpc-cni").inputs.tags).toEqual(STACK_TAGS);
    expect(named(NODE_GROUP_TYPE, "default").inputs.tags).toEqual({ ...STACK_TAGS, "workerpools/pool": "default", "workerpools/layout": "spread" });
  });

  it("aws:defaultTags reach every taggable resource in the tags section, but not the instances and volumes", () => {
    expect(tags?.defaultTags).toEqual({ ManagedBy: "pulumi" });
    expect(tags?.resources.find((r) => r.resource === "aws:eks/nodeGroup:NodeGroup complete")?.tags).toEqual({ ManagedBy: "pulumi", ...COMPLETE_TAGS });
    expect(tags?.resources.find((r) => r.resource === "volumes launched from aws:ec2/launchTemplate:LaunchTemplate complete-lt")?.tags).toEqual(COMPLETE_TAGS);
    expect(tags?.withoutStackTags).toEqual([]);
  });
});

describe("the node role", () => {
  it("has the extra policies attached besides the required ones, and the node group waits for all six", () => {
    const attachments = resources.filter((r) => r.type === ROLE_POLICY_ATTACHMENT_TYPE && r.name.startsWith("complete-node-"));
    expect(attachments).toHaveLength(6);
    expect(attachments.map((a) => a.inputs.policyArn)).toEqual(expect.arrayContaining(EXTRA));
    const ng = named(NODE_GROUP_TYPE, "complete");
    for (const a of attachments) expect(ng.dependencies).toContain(a.urn);
    expect(resources.filter((r) => r.type === ROLE_POLICY_ATTACHMENT_TYPE && r.name.startsWith("default-node-"))).toHaveLength(4);
  });

  it("is shown in the pool summary, the required policies first", () => {
    const complete = pools.find((p) => p.name === "complete");
    expect(complete?.nodeRole?.policyArns.slice(4)).toEqual(EXTRA);
    expect(pools.find((p) => p.name === "default")?.nodeRole).toBeUndefined();
  });
});

describe("the volume key", () => {
  it("is the launch template's kmsKeyId on the encrypted gp3 root volume, with its IOPS and throughput", () => {
    const mappings = named(LAUNCH_TEMPLATE_TYPE, "complete-lt").inputs.blockDeviceMappings;
    expect(mappings).toEqual([{ deviceName: "/dev/xvda", ebs: { volumeSize: 75, volumeType: "gp3", iops: 3000, throughput: 150, kmsKeyId: KEY, encrypted: "true", deleteOnTermination: "true" } }]);
    expect(pools.find((p) => p.name === "complete")?.volumeKmsKeyArn).toBe(KEY);
  });

  it("is not set on the default pool (EBS's AWS managed key)", () => {
    const [m] = named(LAUNCH_TEMPLATE_TYPE, "default-lt").inputs.blockDeviceMappings as { ebs: Record<string, unknown> }[];
    expect(m.ebs.kmsKeyId).toBeUndefined();
  });
});
