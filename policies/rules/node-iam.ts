/**
 * Node IAM roles carry no administrator-class managed policy. A stack rule: node roles are the roles node groups
 * name in `nodeRoleArn` (found through its property dependencies, or by the role name in a literal ARN) and the roles
 * Karpenter EC2NodeClasses name in `spec.role` (a role name; Karpenter makes the instance profile), and their
 * policies come from `aws:iam/rolePolicyAttachment:RolePolicyAttachment` resources and `managedPolicyArns`.
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { get, isUnknown, stringList } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { EC2_NODE_CLASS_TYPE, IAM_ROLE_TYPE, NODE_GROUP_TYPE, ROLE_POLICY_ATTACHMENT_TYPE } from "../../components/core";

/** AWS managed policies that make a node (and every pod that can reach its credentials) an administrator. */
export const ADMIN_POLICY_NAMES = ["AdministratorAccess", "PowerUserAccess", "IAMFullAccess"] as const;
const ADMIN_ARN = new RegExp(`^arn:aws[a-z-]*:iam::aws:policy/(${ADMIN_POLICY_NAMES.join("|")})$`);

export const isAdminPolicy = (arn: unknown): boolean => typeof arn === "string" && ADMIN_ARN.test(arn.trim());

/** The role name of a role ARN (`arn:aws:iam::123:role/path/name` → `name`). */
const roleNameOf = (arn: string): string | undefined => /:role\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];

interface NodeRoles {
  readonly urns: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
}

function nodeRolesOf(resources: readonly RuleResource[]): NodeRoles {
  const urns = new Set<string>();
  const names = new Set<string>();
  for (const ng of resources.filter((r) => r.type === NODE_GROUP_TYPE)) {
    for (const u of ng.propertyDependencies.nodeRoleArn ?? []) urns.add(u);
    const arn = ng.props.nodeRoleArn;
    const name = typeof arn === "string" ? roleNameOf(arn) : undefined;
    if (name) names.add(name);
  }
  for (const nc of resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE)) {
    const role = get(nc.props.spec, "role");
    if (typeof role === "string" && role !== "") names.add(roleNameOf(role) ?? role);
  }
  for (const role of resources.filter((r) => r.type === IAM_ROLE_TYPE && (urns.has(r.urn) || (typeof r.props.name === "string" && names.has(r.props.name))))) {
    urns.add(role.urn);
    if (typeof role.props.name === "string") names.add(role.props.name);
  }
  return { urns, names };
}

function attachesToNodeRole(att: RuleResource, roles: NodeRoles): boolean {
  if ((att.propertyDependencies.role ?? []).some((u) => roles.urns.has(u))) return true;
  const role = att.props.role;
  return typeof role === "string" && (roles.names.has(role) || roles.names.has(roleNameOf(role) ?? ""));
}

const adminVerdict = (arns: readonly unknown[], roleLabel: string): Verdict => {
  const admin = arns.filter(isAdminPolicy);
  return admin.length > 0 ? admin.map((a) => `node role ${roleLabel} has ${String(a)}`) : PASS;
};

function checkNodeRoles(resources: readonly RuleResource[]): StackFinding[] {
  const roles = nodeRolesOf(resources);
  const findings: StackFinding[] = [];
  for (const att of resources.filter((r) => r.type === ROLE_POLICY_ATTACHMENT_TYPE && attachesToNodeRole(r, roles))) {
    const label = typeof att.props.role === "string" ? att.props.role : att.name;
    findings.push({ urn: att.urn, name: att.name, type: att.type, verdict: isUnknown(att.props.policyArn) ? undecided("policyArn is unknown until deploy") : adminVerdict([att.props.policyArn], label) });
  }
  for (const role of resources.filter((r) => r.type === IAM_ROLE_TYPE && roles.urns.has(r.urn))) {
    findings.push({ urn: role.urn, name: role.name, type: role.type, verdict: adminVerdict(stringList(role.props.managedPolicyArns) ?? [], role.name) });
  }
  return findings;
}

const noAdminNodeRole: StackRule = {
  kind: "stack", id: "EKS-IAM-001", name: "eks-node-role-least-privilege",
  description: `Node IAM roles (of node groups and Karpenter EC2NodeClasses) have none of the managed policies ${ADMIN_POLICY_NAMES.join(", ")} attached.`,
  enforcementLevel: "mandatory", mapping: MAPPINGS.leastPrivilege,
  remediation: "Attach only the node policies (AmazonEKSWorkerNodePolicy, AmazonEKS_CNI_Policy, AmazonEC2ContainerRegistryPullOnly, AmazonSSMManagedInstanceCore) and narrow ones in workerpools:pools[].nodeRole.additionalPolicyArns; give pods their own roles through Pod Identity.",
  check: checkNodeRoles,
};

/** Stack rules on node IAM. */
export const NODE_IAM_RULES: readonly StackRule[] = [noAdminNodeRole];
