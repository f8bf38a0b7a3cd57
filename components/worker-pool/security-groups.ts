/**
 * The nodes' security groups and SSH access (`securityGroupIds`, `remoteAccess`): planned and validated. Pure.
 *
 * EKS attaches the cluster security group to managed nodes only while their launch template lists no security group:
 * "If you specify custom security groups in the launch template ..., Amazon EKS doesn't add the cluster security group"
 * (Amazon EKS User Guide, launch-templates.adoc, "Using custom security groups"). So a pool with extra groups or SSH
 * sources lists the cluster security group first, then its own; a pool with neither lists none, as before. EKS also
 * refuses a node group `remoteAccess` block beside a launch template ("Remote access configuration cannot be specified
 * with a launch template"), so SSH is the launch template's `keyName` plus a security group the pool creates.
 */
import { ConfigIssue } from "../core";
import { eksLimit } from "../facts";
import type { ResolvedWorkerPoolArgs } from "./args";

/** The port SSH listens on (AL2023's sshd; Bottlerocket's admin container). */
export const SSH_PORT = 22;

/**
 * A security group id as EC2 writes it: `sg-` and 8 or 17 lowercase hexadecimal digits (EC2 User Guide, "Resource IDs":
 * 8-character ids, then 17-character ids for security groups and the other resource types since 2016-2018).
 */
export const SECURITY_GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** EC2 key pair names: up to 255 ASCII characters (EC2 CreateKeyPair `KeyName`). */
export const KEY_PAIR_NAME_MAX_LENGTH = 255;

/** One entry of the launch template's security group list, in order. */
export type NodeSecurityGroup =
  | { readonly kind: "cluster" }
  | { readonly kind: "extra"; readonly id: string }
  | { readonly kind: "ssh" }
  | { readonly kind: "efa" };

/** How the pool's nodes are reached: their security groups, key pair and SSH ingress. */
export interface NodeAccessPlan {
  /**
   * The nodes' security groups, in order: the cluster security group, the extra ones, the pool's SSH security group, the
   * pool's EFA security group (launch template `vpcSecurityGroupIds`, or with `efa` the primary network interface's
   * `securityGroups`). @default - none listed (no extra groups, SSH sources or EFA): EKS attaches the cluster security group
   */
  readonly securityGroups?: readonly NodeSecurityGroup[];
  /** The launch template's `keyName`. @default - none */
  readonly keyName?: string;
  /** The pool's SSH security group: tcp/22 from each source security group. @default - none created */
  readonly ssh?: { readonly sourceSecurityGroupIds: readonly string[] };
}

/** Plans the pool's security groups and SSH from resolved args. */
export function planNodeAccess(a: ResolvedWorkerPoolArgs): NodeAccessPlan {
  const sources = a.remoteAccess?.sourceSecurityGroupIds ?? [];
  const ssh = sources.length > 0;
  const listed = a.securityGroupIds.length > 0 || ssh || a.efa;
  return {
    ...(listed ? {
      securityGroups: [
        { kind: "cluster" as const },
        ...a.securityGroupIds.map((id) => ({ kind: "extra" as const, id })),
        ...(ssh ? [{ kind: "ssh" as const }] : []),
        ...(a.efa ? [{ kind: "efa" as const }] : []),
      ],
    } : {}),
    ...(a.remoteAccess ? { keyName: a.remoteAccess.ec2SshKey } : {}),
    ...(ssh ? { ssh: { sourceSecurityGroupIds: sources } } : {}),
  };
}

/** Each id a well-formed security group id, none twice; `at` is the list's path. */
function validateIds(ids: readonly string[], at: string): ConfigIssue[] {
  return ids.flatMap((id, i): ConfigIssue[] => {
    if (!SECURITY_GROUP_ID.test(id)) return [{ path: `${at}[${i}]`, message: `"${id.slice(0, 80)}" is not a security group id: sg- and 8 or 17 lowercase hex digits, e.g. sg-0123456789abcdef0` }];
    return ids.indexOf(id) !== i ? [{ path: `${at}[${i}]`, message: `${id} is listed twice` }] : [];
  });
}

/** The number of security groups on the nodes' network interface against EC2's quota (default 5, at most 16). */
function validateCount(plan: NodeAccessPlan, a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const groups = plan.securityGroups ?? [];
  const [quota, max] = [eksLimit("securityGroupsPerNetworkInterface"), eksLimit("securityGroupsPerNetworkInterfaceMax")];
  if (groups.length <= quota) return [];
  const own = [plan.ssh ? "the pool's SSH security group" : "", a.efa ? "the pool's EFA security group" : ""].filter((x) => x !== "");
  const what = `the cluster security group, ${a.securityGroupIds.length} listed${own.length ? ` and ${own.join(" and ")}` : ""}`;
  if (groups.length > max) {
    return [{ path: `${at}.securityGroupIds`, message: `the nodes' network interface would get ${groups.length} security groups (${what}); EC2 allows at most ${max} even with a raised quota: list at most ${max - groups.length + a.securityGroupIds.length}` }];
  }
  return [{
    path: `${at}.securityGroupIds`, severity: "warning",
    message: `the nodes' network interface would get ${groups.length} security groups (${what}), over EC2's default quota of ${quota} per network interface (Amazon VPC quota L-2AFB9258, adjustable to ${max}): nodes fail to launch unless the account's quota is raised`,
  }];
}

/** SSH: a key pair name EC2 accepts, source ids, and what happens without sources. */
function validateRemoteAccess(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const r = a.remoteAccess;
  if (!r) return [];
  const issues: ConfigIssue[] = [];
  const key = r.ec2SshKey;
  if (key.length === 0 || key.length > KEY_PAIR_NAME_MAX_LENGTH || !/^[\x20-\x7e]+$/.test(key)) {
    issues.push({ path: `${at}.ec2SshKey`, message: `must name an EC2 key pair: 1-${KEY_PAIR_NAME_MAX_LENGTH} printable ASCII characters, got ${JSON.stringify(key.slice(0, 80))}${key.length > 80 ? ` (${key.length} characters)` : ""}` });
  }
  issues.push(...validateIds(r.sourceSecurityGroupIds, `${at}.sourceSecurityGroupIds`));
  if (r.sourceSecurityGroupIds.length === 0) {
    issues.push({
      path: `${at}.sourceSecurityGroupIds`, severity: "warning",
      message: "not given: the key pair is installed but no port 22 ingress is added (EKS's own remoteAccess would open port 22 to 0.0.0.0/0; this library never does); SSH reaches the nodes only where their other security groups allow it, e.g. from members of the cluster security group",
    });
  }
  return issues;
}

/** Every problem of the pool's security groups and SSH; `at` is the pool's path. */
export function validateNodeAccess(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const plan = planNodeAccess(a);
  const issues = [...validateIds(a.securityGroupIds, `${at}.securityGroupIds`), ...validateRemoteAccess(a, `${at}.remoteAccess`)];
  const clusterGroup = a.cluster.clusterSecurityGroupId;
  if (typeof clusterGroup === "string" && clusterGroup !== "") {
    a.securityGroupIds.forEach((id, i) => {
      if (id === clusterGroup) issues.push({ path: `${at}.securityGroupIds[${i}]`, message: `${id} is the cluster security group, which the pool always lists; remove it` });
    });
  }
  if (plan.securityGroups && clusterGroup === undefined) {
    const path = a.securityGroupIds.length > 0 ? `${at}.securityGroupIds` : plan.ssh ? `${at}.remoteAccess.sourceSecurityGroupIds` : `${at}.efa`;
    issues.push({ path, message: "needs the cluster's security group (cluster.clusterSecurityGroupId: ControlPlane.connection has it): a launch template that lists security groups gets none from EKS, and nodes without the cluster security group cannot reach the control plane" });
  }
  if (plan.ssh && a.cluster.vpcId === undefined) {
    issues.push({ path: `${at}.remoteAccess.sourceSecurityGroupIds`, message: "needs the cluster's VPC (cluster.vpcId: ControlPlane.connection has it) to create the pool's SSH security group in" });
  }
  if (a.efa && a.cluster.vpcId === undefined) {
    issues.push({ path: `${at}.efa`, message: "needs the cluster's VPC (cluster.vpcId: ControlPlane.connection has it) to create the pool's EFA security group in" });
  }
  return [...issues, ...validateCount(plan, a, at)];
}
