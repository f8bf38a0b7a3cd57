/**
 * The whole program on the dev stack with `workerpools:tags`, `aws:defaultTags`, a pool's own tags and a broad extra node
 * policy: every resource of the plan whose type is taggable (components/facts/data/aws-taggable-types.json, generated
 * from @pulumi/aws) carries the stack tags, and so do the launch templates' instances and volumes and what
 * eks:index:Cluster tags inside itself; a new taggable resource that forgets them fails here. The plan's tags section
 * shows the provider's merge, and the policy pack judges the broad policy (EKS-IAM-001).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isTaggableAwsType } from "../../components/facts";
import { PlanResource, defaultTagsOf, evaluatePolicies, readStackFile, runPlan, tagsSection } from "../../tools/plan";
import type { TagsSection } from "../../tools/plan";
import { CLUSTER_TYPE, IAM_ROLE_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const STACK_TAGS = { team: "platform", "cost-center": "42" };
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
let resources: PlanResource[] = [];
let tags: TagsSection | undefined;

/** The dev stack, its file unchanged, plus stack tags, default tags, one pool's tags and a broad policy on another. */
function editedDev(): string {
  const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
  const system = "      kubelet: { imageGCHighThresholdPercent: 80 }\n";
  const batch = "      kubelet: { maxParallelImagePulls: 4 }\n";
  if (!dev.includes(system) || !dev.includes(batch) || !dev.includes("  aws:region: us-east-1\n")) throw new Error("the dev stack changed: update this test's edit");
  return dev
    .replace("  aws:region: us-east-1\n", `  aws:region: us-east-1\n  aws:defaultTags: { tags: { owner: sre, team: default-team } }\n  workerpools:tags: ${JSON.stringify(STACK_TAGS)}\n`)
    .replace(system, `${system}      tags: { workload: system, team: core }\n`)
    .replace(batch, `${batch}      nodeRole: { additionalPolicyArns: [${ADMIN}] }\n`);
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-tags-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), editedDev());
  const file = readStackFile(dir, "dev");
  const run = await runPlan(file, { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  tags = tagsSection(run.config.tags, defaultTagsOf(file.provider), resources);
});

const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
/** The stack tags a pool's resources carry: the system pool overrides `team`. */
const expectedFor = (r: PlanResource): Record<string, string> => (r.urn.includes("WorkerPool") && record(r.inputs.tags)["workerpools/pool"] === "system" ? { ...STACK_TAGS, team: "core" } : STACK_TAGS);

describe("every taggable AWS resource of the plan", () => {
  it("covers every kind of AWS resource the platform creates (the test is only as good as this list)", () => {
    const types = new Set(resources.filter((r) => isTaggableAwsType(r.type)).map((r) => r.type.split(":")[2]));
    expect([...types].sort()).toEqual([
      "Addon", "Eip", "InternetGateway", "Key", "LaunchTemplate", "LogGroup", "NatGateway", "NodeGroup", "PodIdentityAssociation", "Role", "RouteTable", "Subnet", "Vpc",
    ]);
  });

  it("carries the stack tags in its own tags", () => {
    const missing = resources.filter((r) => isTaggableAwsType(r.type))
      .filter((r) => !Object.entries(expectedFor(r)).every(([k, v]) => record(r.inputs.tags)[k] === v))
      .map((r) => `${r.type} ${r.name}`);
    expect(missing).toEqual([]);
  });

  it("launch templates put them on the instances and volumes they launch", () => {
    for (const lt of resources.filter((r) => r.type === LAUNCH_TEMPLATE_TYPE)) {
      const specs = lt.inputs.tagSpecifications as { resourceType: string; tags: Record<string, string> }[];
      expect(specs.map((s) => s.resourceType)).toEqual(["instance", "volume"]);
      for (const s of specs) expect(s.tags).toMatchObject(expectedFor(lt));
    }
  });

  it("eks:index:Cluster gets them for the EKS cluster and its role (tags) and for each access entry", () => {
    const cluster = resources.find((r) => r.type === CLUSTER_TYPE);
    expect(cluster?.inputs.tags).toEqual(STACK_TAGS);
    const entries = Object.values(record(cluster?.inputs.accessEntries)).map(record);
    expect(entries).toHaveLength(1);
    for (const e of entries) expect(e.tags).toEqual(STACK_TAGS);
  });

  it("the system pool's own tags add to and override the stack's on its resources only", () => {
    const system = resources.filter((r) => record(r.inputs.tags)["workerpools/pool"] === "system");
    expect(system.map((r) => r.type).sort()).toEqual([LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, IAM_ROLE_TYPE]);
    for (const r of system) expect(r.inputs.tags).toMatchObject({ workload: "system", team: "core", "cost-center": "42" });
    expect(resources.filter((r) => record(r.inputs.tags).workload !== undefined)).toHaveLength(3);
  });
});

describe("the tags section", () => {
  it("shows each resource's tags after the provider merges aws:defaultTags under them", () => {
    expect(tags?.defaultTags).toEqual({ owner: "sre", team: "default-team" });
    const vpc = tags?.resources.find((r) => r.resource === "aws:ec2/vpc:Vpc network-vpc");
    expect(vpc?.tags).toEqual({ owner: "sre", team: "platform", "cost-center": "42", Name: "network" });
    const instances = tags?.resources.find((r) => r.resource === "instances launched from aws:ec2/launchTemplate:LaunchTemplate general-lt");
    expect(instances?.tags).not.toHaveProperty("owner");
    expect(tags?.resources.find((r) => r.resource.startsWith("aws:eks/cluster:Cluster cluster-eksCluster"))?.tags).toEqual({ owner: "sre", team: "platform", "cost-center": "42", Name: "cluster-eksCluster" });
  });

  it("finds no resource without the stack tags, and counts the most tags on one against 50", () => {
    expect(tags?.withoutStackTags).toEqual([]);
    expect(tags?.most).toEqual({ resource: expect.stringMatching(/^aws:ec2\/subnet:Subnet network-/), count: 6, limit: 50 });
  });
});

describe("a broad extra node policy", () => {
  it("is attached and fails EKS-IAM-001 on that attachment only", () => {
    const attachment = resources.find((r) => r.type === ROLE_POLICY_ATTACHMENT_TYPE && r.inputs.policyArn === ADMIN);
    expect(attachment?.name).toMatch(/^batch-node-extra-[0-9a-f]{8}$/);
    const failed = evaluatePolicies(resources, {}, { now: new Date("2026-12-01T00:00:00Z") }).filter((p) => p.ruleId === "EKS-IAM-001" && !p.passed);
    expect(failed.map((p) => p.name)).toEqual([attachment?.name]);
  });
});
