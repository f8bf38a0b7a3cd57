/**
 * EKS-NG-001 in detail: which ingress permissions on a node group's launch template security groups count as SSH, however
 * they are written (vpc ingress rules, ec2 security group rules, inline ingress, network interface groups).
 */
import { findRule } from "../../policies/rules";
import { UNKNOWN } from "../../policies/rule-values";
import type { RuleResource } from "../../policies/rule";
import { res, run, sshStack } from "./policy-fixtures";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

const rule = findRule("EKS-NG-001");
if (!rule) throw new Error("no EKS-NG-001");
const judge = (resources: readonly RuleResource[]) => run(rule, resources);

/** A node group → launch template → security group `group` (by `property` of the launch template). */
function through(group: RuleResource, property = "vpcSecurityGroupIds", extra: readonly RuleResource[] = []): RuleResource[] {
  const lt = res(LAUNCH_TEMPLATE_TYPE, {}, "lt", { [property]: [group.urn] });
  return [group, ...extra, lt, res(NODE_GROUP_TYPE, { clusterName: "c" }, "workers", { launchTemplate: [lt.urn] })];
}

describe("EKS-NG-001 eks-nodegroup-no-remote-access", () => {
  it("is a stack rule judging every node group once (the subjects a preview shows)", () => {
    expect(rule.kind).toBe("stack");
    expect(judge([res(NODE_GROUP_TYPE, {}, "a"), res(NODE_GROUP_TYPE, {}, "b")])).toEqual({ violations: [], decided: 2, undecided: 0, notApplicable: 0 });
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ["tcp 22 from a group", { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "sg-0b" }, true],
    ["protocol 6 over a range holding 22", { ipProtocol: "6", fromPort: 0, toPort: 1024, cidrIpv4: "10.0.0.0/8" }, true],
    ["every protocol from a CIDR", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, true],
    ["every protocol from a group (node-to-node)", { ipProtocol: "-1", referencedSecurityGroupId: "sg-0b" }, false],
    ["tcp 443", { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }, false],
    ["udp 22", { ipProtocol: "udp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" }, false],
  ])("aws.vpc.SecurityGroupIngressRule: %s → SSH %s", (_, permission, ssh) => {
    expect(judge(sshStack(permission)).violations.length).toBe(ssh ? 1 : 0);
  });

  it("reads aws.ec2.SecurityGroupRule ingress (not egress) and names the source", () => {
    const group = res(SECURITY_GROUP_TYPE, {}, "nodes");
    const ingress = res(SECURITY_GROUP_RULE_TYPE, { type: "ingress", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] }, "bastion", { securityGroupId: [group.urn] });
    const egress = res(SECURITY_GROUP_RULE_TYPE, { type: "egress", protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }, "out", { securityGroupId: [group.urn] });
    expect(judge(through(group, "vpcSecurityGroupIds", [ingress, egress])).violations).toEqual([
      "port 22 is open to the nodes: ingress rule bastion admits tcp/22 from 203.0.113.0/24 into security group nodes of launch template lt",
    ]);
  });

  it("reads inline ingress of a group listed by a network interface", () => {
    const group = res(SECURITY_GROUP_TYPE, { ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 443, toPort: 443, self: true }] }, "open");
    expect(judge(through(group, "networkInterfaces")).violations).toEqual([
      "port 22 is open to the nodes: an inline ingress rule admits tcp/22 from 0.0.0.0/0 into security group open of launch template lt",
    ]);
  });

  it("ignores SSH rules on groups the launch template does not list", () => {
    const [listed, other] = [res(SECURITY_GROUP_TYPE, {}, "nodes"), res(SECURITY_GROUP_TYPE, {}, "bastion")];
    const rule22 = res(SECURITY_GROUP_INGRESS_RULE_TYPE, { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }, "to-bastion", { securityGroupId: [other.urn] });
    expect(judge([other, rule22, ...through(listed)]).violations).toEqual([]);
  });

  it("is undecided when a port is unknown until deploy, and still reports a remoteAccess block", () => {
    expect(judge(sshStack({ ipProtocol: "tcp", fromPort: UNKNOWN, toPort: 22, cidrIpv4: "10.0.0.0/8" })).undecided).toBe(1);
    expect(judge([res(NODE_GROUP_TYPE, { remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-1"] } }, "legacy")]).violations)
      .toEqual(["remoteAccess is set (ec2SshKey ops): EKS opens SSH to the nodes"]);
  });
});
