/**
 * The WorkerPool component under Pulumi's mock runtime (mocks set first, then the component loaded): a pool with extra
 * security groups and SSH sources, one with a key pair only, and one with neither; what each registers.
 */
import type { PlanResource } from "../../tools/plan";
import { CLUSTER_SG, VPC, cluster, namedIn, planWorkerPools, subnets } from "./wiring-fixtures";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_TYPE, WORKER_POOL_TYPE } from "../../components/core";

const [EXTRA, OPS_A, OPS_B] = ["sg-0aaaaaaaaaaaaaaaa", "sg-0bbbbbbbbbbbbbbbb", "sg-0dddddddddddddddd"];
let resources: PlanResource[] = [];

beforeAll(async () => {
  const base = { cluster, subnets, instanceTypes: ["m6i.large"], nodeRoleArn: "arn:aws:iam::123456789012:role/nodes" };
  resources = await planWorkerPools((WorkerPool) => {
    new WorkerPool("ssh", { ...base, securityGroupIds: [EXTRA], remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: [OPS_A, OPS_B] } });
    new WorkerPool("keyonly", { ...base, remoteAccess: { ec2SshKey: "ops" } });
    new WorkerPool("plain", base);
  });
});

const named = (type: string, name: string): PlanResource => namedIn(resources, type, name);

describe("a pool with securityGroupIds and remoteAccess sources", () => {
  it("creates the SSH security group in the cluster's VPC, under the pool, with one tcp/22 rule per source", () => {
    const group = named(SECURITY_GROUP_TYPE, "ssh-ssh");
    expect(group.inputs).toMatchObject({ vpcId: VPC, description: "SSH (tcp/22) to the nodes of worker pool ssh", tags: { "workerpools/pool": "ssh" } });
    expect(group.inputs.ingress).toBeUndefined();
    expect(group.parent).toBe(named(WORKER_POOL_TYPE, "ssh").urn);
    const rules = resources.filter((r) => r.type === SECURITY_GROUP_INGRESS_RULE_TYPE);
    expect(rules.map((r) => r.name).sort()).toEqual([`ssh-ssh-${OPS_A}`, `ssh-ssh-${OPS_B}`]);
    for (const r of rules) {
      expect(r.inputs).toMatchObject({ securityGroupId: "ssh-ssh-id", ipProtocol: "tcp", fromPort: 22, toPort: 22 });
      expect(r.propertyDependencies.securityGroupId).toEqual([group.urn]);
      expect(r.inputs.cidrIpv4).toBeUndefined();
    }
    expect(rules.map((r) => r.inputs.referencedSecurityGroupId).sort()).toEqual([OPS_A, OPS_B]);
  });

  it("lists the cluster security group first, then the extra one, then the SSH group, and sets the key pair", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "ssh-lt");
    expect(lt.inputs.vpcSecurityGroupIds).toEqual([CLUSTER_SG, EXTRA, "ssh-ssh-id"]);
    expect(lt.propertyDependencies.vpcSecurityGroupIds).toEqual([named(SECURITY_GROUP_TYPE, "ssh-ssh").urn]);
    expect(lt.inputs.keyName).toBe("ops");
    expect(lt.inputs.networkInterfaces).toBeUndefined();
  });

  it("gives the node group no remoteAccess block (EKS refuses it beside a launch template)", () => {
    expect(named(NODE_GROUP_TYPE, "ssh").inputs.remoteAccess).toBeUndefined();
    expect(named(NODE_GROUP_TYPE, "ssh").propertyDependencies.launchTemplate).toEqual([named(LAUNCH_TEMPLATE_TYPE, "ssh-lt").urn]);
  });
});

describe("a pool with a key pair only", () => {
  it("sets keyName, lists no security group (EKS attaches the cluster's) and creates no SSH group", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "keyonly-lt");
    expect(lt.inputs.keyName).toBe("ops");
    expect(lt.inputs.vpcSecurityGroupIds).toBeUndefined();
    expect(resources.filter((r) => r.type === SECURITY_GROUP_TYPE && r.name.startsWith("keyonly"))).toEqual([]);
  });
});

describe("a pool with neither key", () => {
  it("keeps the launch template as before: no security group list, no key pair", () => {
    const lt = named(LAUNCH_TEMPLATE_TYPE, "plain-lt");
    expect(Object.keys(lt.inputs)).not.toContain("vpcSecurityGroupIds");
    expect(Object.keys(lt.inputs)).not.toContain("keyName");
    expect(resources.filter((r) => r.type === SECURITY_GROUP_TYPE || r.type === SECURITY_GROUP_INGRESS_RULE_TYPE).every((r) => r.name.startsWith("ssh-"))).toBe(true);
  });
});
