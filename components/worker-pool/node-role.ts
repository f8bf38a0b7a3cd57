/**
 * The pool's node IAM role: the managed policies nodes need, plus `nodeRole.additionalPolicyArns`; planned and
 * validated. Pure. Broad extra policies are legal and judged by policy EKS-IAM-001 (SPEC §6).
 */
import { AWS_PARTITIONS, ConfigIssue, parsePolicyArn } from "../core";
import { eksLimit } from "../facts";
import type { ResolvedWorkerPoolArgs } from "./args";

/** Managed policies a node role needs, and nothing more (SSM instead of SSH keys). */
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
  "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
] as const;

/** The node role a pool ends up with. */
export type NodeRolePlan =
  | {
      readonly kind: "created";
      /** Every policy attached, the required ones first, then the additional ones (each once, in the order given). */
      readonly policyArns: readonly string[];
      /** The additional policies, as attached (a subset of `policyArns`). */
      readonly additionalPolicyArns: readonly string[];
    }
  | { readonly kind: "existing" };

const REQUIRED: readonly string[] = NODE_ROLE_POLICIES;

/** The role's policies: the required ones, then each additional one not already attached. */
export function planNodeRole(a: ResolvedWorkerPoolArgs): NodeRolePlan {
  if (a.nodeRoleArn !== undefined) return { kind: "existing" };
  const additional = [...new Set(a.nodeRole.additionalPolicyArns)].filter((arn) => !REQUIRED.includes(arn));
  return { kind: "created", policyArns: [...REQUIRED, ...additional], additionalPolicyArns: additional };
}

function policyArnIssues(arn: string, i: number, list: readonly string[], listPath: string): ConfigIssue[] {
  const path = `${listPath}[${i}]`;
  const parsed = parsePolicyArn(arn);
  if (!parsed) {
    return [{ path, message: `"${arn.slice(0, 200)}" is not an IAM managed policy ARN: arn:<partition>:iam::<account id or aws>:policy/[path/]name, partition ${AWS_PARTITIONS.join(", ")} (e.g. arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess)` }];
  }
  if (REQUIRED.includes(arn)) return [{ path, severity: "warning", message: `${parsed.name} is attached to every node role already; ignored` }];
  if (list.indexOf(arn) !== i) return [{ path, severity: "warning", message: `${arn} is listed twice; attached once` }];
  return [];
}

/** `nodeRole.additionalPolicyArns`: ARN format, duplicates, `nodeRoleArn` beside it, and IAM's policies-per-role quota. */
export function validateNodeRole(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const list = a.nodeRole.additionalPolicyArns;
  const path = `${at}.nodeRole.additionalPolicyArns`;
  if (list.length === 0) return [];
  if (a.nodeRoleArn !== undefined) {
    return [{ path, message: "cannot be combined with nodeRoleArn: the pool attaches nothing to an existing role (its policies are its owner's); attach them there" }];
  }
  const issues = list.flatMap((arn, i) => policyArnIssues(arn, i, list, path));
  const plan = planNodeRole(a);
  const count = plan.kind === "created" ? plan.policyArns.length : 0;
  const [quota, max] = [eksLimit("managedPoliciesPerRole"), eksLimit("managedPoliciesPerRoleMax")];
  if (count > max) {
    issues.push({ path, message: `the node role would have ${count} managed policies (${REQUIRED.length} required + ${count - REQUIRED.length}); IAM allows at most ${max} per role even with a raised quota` });
  } else if (count > quota) {
    issues.push({ path, severity: "warning", message: `the node role would have ${count} managed policies (${REQUIRED.length} required + ${count - REQUIRED.length}); IAM's default quota is ${quota} per role (adjustable to ${max}): raise it before deploying` });
  }
  return issues;
}
