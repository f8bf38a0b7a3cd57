/**
 * The pool's node IAM role: the managed policies nodes need, plus `nodeRole.additionalPolicyArns`, plus with
 * `containerRuntime.pullThroughCache` an inline policy that lets the cache fill; planned and validated. Pure. Broad extra
 * policies are legal and judged by policy EKS-IAM-001 (SPEC §6).
 */
import { AWS_PARTITIONS, ConfigIssue, parsePolicyArn } from "../core";
import { ECR_PULL_THROUGH_UPSTREAMS, eksLimit } from "../facts";
import type { ContainerRuntimeOptions } from "../userdata";
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
      /** With `containerRuntime.pullThroughCache`: the inline policy letting the cache fill. @default - none */
      readonly pullThroughCachePolicy?: IamPolicyDocument;
    }
  | { readonly kind: "existing" };

const REQUIRED: readonly string[] = NODE_ROLE_POLICIES;

/** An IAM policy document, as IAM reads it. */
export interface IamPolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly { readonly Sid: string; readonly Effect: "Allow"; readonly Action: readonly string[]; readonly Resource: readonly string[] }[];
}

/**
 * What a pull through the ECR cache needs beyond pulling (ECR User Guide, pull-through-cache-iam): `ecr:BatchImportUpstreamImage`
 * to fetch the upstream image into the registry, `ecr:CreateRepository` when the cached image's repository does not exist yet.
 */
export const PULL_THROUGH_CACHE_ACTIONS = ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"] as const;

const ECR_ACCOUNT_REGION = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d+)$/;
const partitionOf = (region: string): string => (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws");

/**
 * The cache's repositories, `arn:<partition>:ecr:<region>:<account>:repository/<namespace>/*` per upstream's namespace (account
 * and region from `ecrAccountRegion`); empty when `ecrAccountRegion` is malformed (validation reports it) or no upstream is known.
 */
export function pullThroughCacheRepositoryArns(cache: NonNullable<ContainerRuntimeOptions["pullThroughCache"]>): string[] {
  const m = ECR_ACCOUNT_REGION.exec(cache.ecrAccountRegion);
  if (!m) return [];
  const [, account, region] = m;
  const namespaces = [...new Set(cache.upstreams.flatMap((u) => ECR_PULL_THROUGH_UPSTREAMS[u]?.namespace ?? []))];
  return namespaces.map((ns) => `arn:${partitionOf(region)}:ecr:${region}:${account}:repository/${ns}/*`);
}

/** The inline policy letting a pool's nodes fill the pull-through cache, or undefined without one. */
export function pullThroughCachePolicy(o: ContainerRuntimeOptions): IamPolicyDocument | undefined {
  const arns = o.pullThroughCache ? pullThroughCacheRepositoryArns(o.pullThroughCache) : [];
  if (arns.length === 0) return undefined;
  return { Version: "2012-10-17", Statement: [{ Sid: "EcrPullThroughCacheFill", Effect: "Allow", Action: [...PULL_THROUGH_CACHE_ACTIONS], Resource: arns }] };
}

/** The role's policies: the required ones, then each additional one not already attached; the cache's inline policy. */
export function planNodeRole(a: ResolvedWorkerPoolArgs): NodeRolePlan {
  if (a.nodeRoleArn !== undefined) return { kind: "existing" };
  const additional = [...new Set(a.nodeRole.additionalPolicyArns)].filter((arn) => !REQUIRED.includes(arn));
  const cache = pullThroughCachePolicy(a.containerRuntime);
  return { kind: "created", policyArns: [...REQUIRED, ...additional], additionalPolicyArns: additional, ...(cache ? { pullThroughCachePolicy: cache } : {}) };
}

/** With an existing `nodeRoleArn` and a pull-through cache: a warning naming the permissions that role needs. */
export function pullThroughCacheRoleIssues(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const doc = a.nodeRoleArn === undefined ? undefined : pullThroughCachePolicy(a.containerRuntime);
  if (!doc) return [];
  return [{
    path: `${at}.nodeRoleArn`, severity: "warning",
    message: `the pool uses containerRuntime.pullThroughCache and attaches nothing to an existing role: for the cache to fill, this role needs ${PULL_THROUGH_CACHE_ACTIONS.join(" and ")} on ${doc.Statement[0].Resource.join(", ")}`,
  }];
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
