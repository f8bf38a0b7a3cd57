/** Typed factories for policy tests: rule resources, launch template user data from the real renderers. */
import { renderBottlerocketUserData, renderAl2023UserData } from "../../components/userdata";
import { HARDENED_KUBELET_DEFAULTS } from "../../components/kubelet";
import type { Rule, RuleContext, RuleResource, Verdict } from "../../policies/rule";
import { isNotApplicable, isUndecided, violationsOf } from "../../policies/rule";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

export const NOW = new Date("2026-11-22T12:00:00Z");
export const CTX: RuleContext = { now: NOW };

export const CLUSTER = {
  name: "test",
  apiServerEndpoint: "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com",
  certificateAuthority: "Q0E=",
  cidr: "172.20.0.0/16",
};

/** A rule resource; the URN is built from type and name. */
export function res(type: string, props: Record<string, unknown>, name = "r", deps: Record<string, string[]> = {}): RuleResource {
  return { urn: urnOf(type, name), type, name, props, propertyDependencies: deps };
}

export const urnOf = (type: string, name: string): string => `urn:pulumi:test::proj::${type}::${name}`;

export const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/** AL2023 user data (MIME + NodeConfig) from components/userdata/al2023.ts, hardened defaults plus `kubelet`. */
export function al2023UserData(kubelet: Record<string, unknown> = {}, kubeletFlags: string[] = []): string {
  return b64(renderAl2023UserData({ cluster: CLUSTER, kubeletConfig: { ...HARDENED_KUBELET_DEFAULTS, ...kubelet }, kubeletFlags }));
}

/** Bottlerocket user data (TOML) from components/userdata/bottlerocket.ts. */
export function bottlerocketUserData(kubernetes: Record<string, unknown> = {}): string {
  return b64(renderBottlerocketUserData({ cluster: CLUSTER, kubernetes }));
}

/** Every verdict of `rule` on `resources` (resource rules: on resources of their types). */
export function verdictsOf(rule: Rule, resources: readonly RuleResource[]): Verdict[] {
  if (rule.kind === "stack") return rule.check(resources, CTX).map((f) => f.verdict);
  return resources.filter((r) => rule.resourceTypes.includes(r.type)).map((r) => rule.check(r, CTX));
}

/** Summary of a rule run: violation messages, and how many verdicts were undecided / not applicable. */
export function run(rule: Rule, resources: readonly RuleResource[]) {
  const verdicts = verdictsOf(rule, resources);
  return {
    violations: verdicts.flatMap((v) => [...violationsOf(v)]),
    decided: verdicts.filter((v) => !isUndecided(v) && !isNotApplicable(v)).length,
    undecided: verdicts.filter(isUndecided).length,
    notApplicable: verdicts.filter(isNotApplicable).length,
  };
}

/**
 * A node group whose launch template lists security group `nodes`, and one `aws.vpc.SecurityGroupIngressRule` with
 * `rule` into it, linked through property dependencies as a preview records them (EKS-NG-001).
 */
export function sshStack(rule: Record<string, unknown>, suffix = ""): RuleResource[] {
  const group = res(SECURITY_GROUP_TYPE, { vpcId: "vpc-1" }, `nodes${suffix}`);
  const ingress = res(SECURITY_GROUP_INGRESS_RULE_TYPE, { securityGroupId: `nodes${suffix}-id`, ...rule }, `ssh-rule${suffix}`, { securityGroupId: [group.urn] });
  const lt = res(LAUNCH_TEMPLATE_TYPE, { vpcSecurityGroupIds: ["sg-cluster", `nodes${suffix}-id`] }, `ssh-lt${suffix}`, { vpcSecurityGroupIds: [group.urn] });
  const ng = res(NODE_GROUP_TYPE, { clusterName: "c", launchTemplate: { id: `ssh-lt${suffix}-id`, version: "1" } }, `ssh-ng${suffix}`, { launchTemplate: [lt.urn] });
  return [group, ingress, lt, ng];
}
