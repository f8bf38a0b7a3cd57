/**
 * EKS-NG-001: no SSH into worker nodes. EKS opens SSH itself through a node group's `remoteAccess` block; a node group with
 * its own launch template (EKS refuses `remoteAccess` beside one) gets SSH from an ingress rule admitting tcp/22 into a
 * security group the launch template lists. Both are judged per node group: node group → `launchTemplate` property
 * dependency → launch template → `vpcSecurityGroupIds` / `networkInterfaces` dependencies → security groups → their
 * inline `ingress` and the ingress rules whose `securityGroupId` depends on them. Groups that are not resources of the
 * stack (ids written as text) cannot be read and are not judged. A Karpenter EC2NodeClass (no key pair field) is judged
 * on the security groups its `securityGroupSelectorTerms` select by tags (karpenter-placement.ts).
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { describe, get, isRecord, isUnknown } from "../rule-values";
import { resourceTags, selectedBy } from "./karpenter-placement";
import { MAPPINGS } from "./mappings";
import { EC2_NODE_CLASS_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, SECURITY_GROUP_INGRESS_RULE_TYPE, SECURITY_GROUP_RULE_TYPE, SECURITY_GROUP_TYPE } from "../../components/core";

const SSH_PORT = 22;

type ByUrn = ReadonlyMap<string, RuleResource>;

/** One ingress permission, however it was written. */
interface Permission {
  readonly protocol: unknown;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  /** Where traffic may come from, for the message; `cidr` when a CIDR block admits it. */
  readonly source: string;
  readonly cidr: boolean;
}

const firstString = (...values: unknown[]): string | undefined => values.find((v): v is string => typeof v === "string");

/**
 * `true` when the permission admits tcp/22: tcp (or protocol 6) over a port range holding 22, or every protocol from a
 * CIDR block. Every protocol from a security group (a group admitting its own members, the usual node-to-node rule) is
 * not taken as SSH access. `undefined` when a value is unknown until deploy.
 */
function admitsSsh(p: Permission): boolean | undefined {
  if (isUnknown(p.protocol) || isUnknown(p.fromPort) || isUnknown(p.toPort)) return undefined;
  const protocol = String(p.protocol).toLowerCase();
  if (protocol === "-1" || protocol === "all") return p.cidr;
  if (protocol !== "tcp" && protocol !== "6") return false;
  const [from, to] = [Number(p.fromPort), Number(p.toPort)];
  return from <= SSH_PORT && SSH_PORT <= to;
}

function cidrSource(...lists: unknown[]): string | undefined {
  const cidrs = lists.flatMap((l): unknown[] => (Array.isArray(l) ? l : [l])).filter((c): c is string => typeof c === "string");
  return cidrs.length > 0 ? cidrs.join(", ") : undefined;
}

/** The permissions a resource grants into `group` (an inline `ingress` list, or one rule resource). */
function permissionsOf(r: RuleResource): Permission[] {
  const p = r.props;
  if (r.type === SECURITY_GROUP_INGRESS_RULE_TYPE) {
    const cidr = cidrSource(p.cidrIpv4, p.cidrIpv6);
    const source = cidr ?? firstString(p.referencedSecurityGroupId, p.prefixListId) ?? describe(p.referencedSecurityGroupId);
    return [{ protocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort, source, cidr: cidr !== undefined }];
  }
  if (r.type === SECURITY_GROUP_RULE_TYPE) {
    if (p.type !== "ingress") return [];
    const cidr = cidrSource(p.cidrBlocks, p.ipv6CidrBlocks);
    const source = cidr ?? firstString(p.sourceSecurityGroupId) ?? (p.self === true ? "the group itself" : describe(p.sourceSecurityGroupId));
    return [{ protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort, source, cidr: cidr !== undefined }];
  }
  const inline: unknown[] = Array.isArray(p.ingress) ? p.ingress : [];
  return inline.filter(isRecord).map((i) => {
    const cidr = cidrSource(i.cidrBlocks, i.ipv6CidrBlocks);
    const groups: unknown[] = Array.isArray(i.securityGroups) ? i.securityGroups : [];
    const source = cidr ?? (groups.length > 0 ? groups.map((g) => describe(g)).join(", ") : i.self === true ? "the group itself" : "not set");
    return { protocol: i.protocol, fromPort: i.fromPort, toPort: i.toPort, source, cidr: cidr !== undefined };
  });
}

const dependencies = (r: RuleResource, property: string, type: string, byUrn: ByUrn): RuleResource[] =>
  (r.propertyDependencies[property] ?? []).map((u) => byUrn.get(u)).filter((d): d is RuleResource => d?.type === type);

/** The SSH openings into the security groups of one launch template, and whether some permission could not be read. */
function sshOpenings(lt: RuleResource, resources: readonly RuleResource[], byUrn: ByUrn): { messages: string[]; unknown: boolean } {
  const groups = [...dependencies(lt, "vpcSecurityGroupIds", SECURITY_GROUP_TYPE, byUrn), ...dependencies(lt, "networkInterfaces", SECURITY_GROUP_TYPE, byUrn)];
  return sshInto(groups, `launch template ${lt.name}`, resources);
}

/** The SSH openings into `groups` (of `owner`, for messages), and whether some permission could not be read. */
function sshInto(groups: readonly RuleResource[], owner: string, resources: readonly RuleResource[]): { messages: string[]; unknown: boolean } {
  const messages: string[] = [];
  let unknown = false;
  for (const group of groups) {
    const rules = resources.filter((r) => (r.type === SECURITY_GROUP_INGRESS_RULE_TYPE || r.type === SECURITY_GROUP_RULE_TYPE) && (r.propertyDependencies.securityGroupId ?? []).includes(group.urn));
    for (const granting of [group, ...rules]) {
      for (const p of permissionsOf(granting)) {
        const ssh = admitsSsh(p);
        if (ssh === undefined) unknown = true;
        if (ssh !== true) continue;
        const by = granting === group ? "an inline ingress rule" : `ingress rule ${granting.name}`;
        messages.push(`port ${SSH_PORT} is open to the nodes: ${by} admits tcp/${SSH_PORT} from ${p.source} into security group ${group.name} of ${owner}`);
      }
    }
  }
  return { messages, unknown };
}

function remoteAccessVerdict(ng: RuleResource, resources: readonly RuleResource[], byUrn: ByUrn): Verdict {
  const messages: string[] = [];
  const access = ng.props.remoteAccess;
  if (access !== undefined && access !== null) {
    const key = get(access, "ec2SshKey");
    messages.push(`remoteAccess is set${typeof key === "string" ? ` (ec2SshKey ${key})` : ""}: EKS opens SSH to the nodes`);
  }
  let unknown = false;
  for (const lt of dependencies(ng, "launchTemplate", LAUNCH_TEMPLATE_TYPE, byUrn)) {
    const found = sshOpenings(lt, resources, byUrn);
    messages.push(...found.messages);
    unknown ||= found.unknown;
  }
  if (messages.length > 0) return messages;
  return unknown ? undecided("a protocol or port of an ingress rule on the nodes' security groups is unknown until deploy") : PASS;
}

function nodeClassVerdict(nc: RuleResource, resources: readonly RuleResource[], groups: ReadonlyMap<RuleResource, Record<string, unknown>>): Verdict {
  const found = selectedBy(nc, "securityGroupSelectorTerms", groups);
  if ("verdict" in found) return found.verdict;
  const ssh = sshInto(found.selected, `EC2NodeClass ${nc.name} (by its securityGroupSelectorTerms)`, resources);
  if (ssh.messages.length > 0) return ssh.messages;
  return ssh.unknown ? undecided("a protocol or port of an ingress rule on the selected security groups is unknown until deploy") : PASS;
}

function checkRemoteAccess(resources: readonly RuleResource[]): StackFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const groups = resourceTags(resources, SECURITY_GROUP_TYPE);
  return [
    ...resources.filter((r) => r.type === NODE_GROUP_TYPE).map((ng) => ({ urn: ng.urn, name: ng.name, type: ng.type, verdict: remoteAccessVerdict(ng, resources, byUrn) })),
    ...resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE).map((nc) => ({ urn: nc.urn, name: nc.name, type: nc.type, verdict: nodeClassVerdict(nc, resources, groups) })),
  ];
}

const noRemoteAccess: StackRule = {
  kind: "stack", id: "EKS-NG-001", name: "eks-nodegroup-no-remote-access",
  description: `Worker nodes are not opened to SSH: node groups have no remoteAccess block, and no ingress rule admits tcp/${SSH_PORT} into a security group of their launch template (or that an EC2NodeClass selects by tags).`,
  enforcementLevel: "mandatory", mapping: MAPPINGS.workerAccess,
  remediation: "Drop workerpools:pools[].remoteAccess.sourceSecurityGroupIds (and any remoteAccess block or tcp/22 ingress on the nodes' security groups); reach nodes with SSM Session Manager. For deliberate SSH, lower EKS-NG-001 (and EKS-NODE-004 for the key pair) to advisory.",
  check: checkRemoteAccess,
};

/** Rules on remote access to worker nodes (run before the other node group rules, in the pack's report order). */
export const REMOTE_ACCESS_RULES: readonly StackRule[] = [noRemoteAccess];
