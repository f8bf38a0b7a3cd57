/**
 * The whole program on an edit of the dev stack with `securityGroupIds` and `remoteAccess`: the control plane's cluster
 * security group reaches the launch template (an offline stand-in, listed as one), SSH is planned, not refused, and the
 * policy pack judges what is rendered (EKS-NODE-004 the key pair, EKS-NG-001 the tcp/22 opening).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  CLUSTER_SECURITY_GROUP_STAND_IN, PlanResource, PoolSummary, StandIn, evaluatePolicies, hasMandatoryViolation, readStackFile, runPlan,
  summarizePools,
} from "../../tools/plan";
import { CLUSTER_TYPE, LAUNCH_TEMPLATE_TYPE, SECURITY_GROUP_TYPE, VPC_TYPE } from "../../components/core";

const ROOT = path.resolve(__dirname, "../..");
const [EXTRA, OPS] = ["sg-0123456789abcdef0", "sg-0fedcba9876543210"];
let resources: PlanResource[] = [];
let standIns: StandIn[] = [];
let pools: PoolSummary[] = [];

/** The dev stack with SSH and an extra group on `system` and a key pair only on `batch` (Bottlerocket). */
function editedDev(): string {
  const dev = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");
  const system = "      kubelet: { imageGCHighThresholdPercent: 80 }\n";
  const batch = "      kubelet: { maxParallelImagePulls: 4 }\n";
  if (!dev.includes(system) || !dev.includes(batch)) throw new Error("the dev stack changed: update this test's edit");
  return dev
    .replace(system, `${system}      securityGroupIds: [${EXTRA}]\n      remoteAccess: { ec2SshKey: ops, sourceSecurityGroupIds: [${OPS}] }\n`)
    .replace(batch, `${batch}      remoteAccess: { ec2SshKey: ops }\n`);
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "node-access-"));
  fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), editedDev());
  const run = await runPlan(readStackFile(dir, "dev"), { now: new Date("2026-12-01T00:00:00Z") });
  if (!run.ok) throw new Error(run.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  resources = run.resources;
  standIns = run.standIns;
  pools = summarizePools(run.config);
});

const named = (type: string, name: string): PlanResource => {
  const r = resources.find((x) => x.type === type && x.name === name);
  if (!r) throw new Error(`no ${type} named ${name}`);
  return r;
};

describe("the cluster security group", () => {
  it("comes from the control plane's eks.Cluster into the launch template, first", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "system-lt");
    expect(lt.inputs.vpcSecurityGroupIds).toEqual([CLUSTER_SECURITY_GROUP_STAND_IN.value, EXTRA, "system-ssh-id"]);
    expect(lt.propertyDependencies.vpcSecurityGroupIds).toEqual(expect.arrayContaining([named(CLUSTER_TYPE, "cluster").urn]));
    expect(CLUSTER_SECURITY_GROUP_STAND_IN.value).toContain("offline-stand-in");
  });

  it("is listed among the plan's stand-ins once a pool uses it", () => {
    expect(standIns).toContainEqual({ question: CLUSTER_SECURITY_GROUP_STAND_IN.question, value: CLUSTER_SECURITY_GROUP_STAND_IN.value });
  });

  it("is not listed by pools without either key (their launch templates list no group)", () => {
    for (const name of ["general-lt", "batch-lt"]) expect(named(LAUNCH_TEMPLATE_TYPE, name).inputs.vpcSecurityGroupIds).toBeUndefined();
  });
});

describe("SSH, planned", () => {
  it("creates the SSH group in the stack's VPC and sets the key pair on both pools", () => {
    expect(named(SECURITY_GROUP_TYPE, "system-ssh").inputs.vpcId).toBe("network-vpc-id");
    expect(named(SECURITY_GROUP_TYPE, "system-ssh").propertyDependencies.vpcId).toEqual([named(VPC_TYPE, "network-vpc").urn]);
    expect(named(LAUNCH_TEMPLATE_TYPE, "system-lt").inputs.keyName).toBe("ops");
    expect(named(LAUNCH_TEMPLATE_TYPE, "batch-lt").inputs.keyName).toBe("ops");
  });

  it("shows the groups and SSH in the pool summary", () => {
    const byName = new Map(pools.map((p) => [p.name, p]));
    expect(byName.get("system")?.access).toEqual({ securityGroups: ["cluster", EXTRA, "ssh"], keyName: "ops", sshFrom: [OPS] });
    expect(byName.get("batch")?.access).toEqual({ keyName: "ops" });
    expect(byName.get("general")?.access).toBeUndefined();
  });
});

describe("the policy pack on what is rendered", () => {
  const results = () => evaluatePolicies(resources, {}, { now: new Date("2026-12-01T00:00:00Z") });
  const failed = (id: string) => results().filter((r) => r.ruleId === id && !r.passed);

  it("EKS-NODE-004 fails the launch templates with a key pair", () => {
    expect(failed("EKS-NODE-004").map((r) => r.name).sort()).toEqual(["batch-lt", "system-lt"]);
  });

  it("EKS-NG-001 fails the node group whose launch template's SSH group admits tcp/22, not the key-only one", () => {
    const ng001 = failed("EKS-NG-001");
    expect(ng001.map((r) => r.name)).toEqual(["system"]);
    expect(ng001[0].messages).toEqual([`port 22 is open to the nodes: ingress rule system-ssh-${OPS} admits tcp/22 from ${OPS} into security group system-ssh of launch template system-lt`]);
  });

  it("is mandatory by default (exit 1) and passes when the user lowers both rules", () => {
    expect(hasMandatoryViolation(results())).toBe(true);
    expect(hasMandatoryViolation(evaluatePolicies(resources, { "EKS-NODE-004": "advisory", "EKS-NG-001": "advisory" }, { now: new Date("2026-12-01T00:00:00Z") }))).toBe(false);
  });
});
