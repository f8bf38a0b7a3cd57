/**
 * A karpenter pool from the same pool model as a managed pool: its requirements matched to instance types, then the pool
 * resolved, validated and planned like a managed pool with those types, and its NodePool + EC2NodeClass rendered and
 * checked against Karpenter's CRD schemas. Pure: the component registers what this returns.
 */
import type { ConfigIssue } from "../core";
import { planWorkerPool, resolveWorkerPoolArgs, validateWorkerPool } from "../worker-pool";
import type { ResolvedWorkerPoolArgs, WorkerPoolArgs, WorkerPoolPlan } from "../worker-pool";
import { KarpenterPoolOptions, ResolvedKarpenterPool, resolveKarpenterPool } from "./karpenter-args";
import { matchInstanceTypes } from "./instance-requirements";
import { Ec2NodeClassManifest, NodeClassContext, renderEc2NodeClass } from "./karpenter-nodeclass";
import { NodePoolContext, NodePoolManifest, renderNodePool } from "./karpenter-nodepool";
import { validateKarpenterManifest } from "./karpenter-schema";

/** A karpenter pool's args: a pool's, whose `instanceTypes` (if given) further narrow what the requirements match. */
export type KarpenterPoolArgs = Omit<WorkerPoolArgs, "instanceTypes"> & { readonly instanceTypes?: readonly string[] } & KarpenterPoolOptions;

export interface KarpenterPoolPlan {
  readonly args: ResolvedWorkerPoolArgs;
  readonly karpenter: ResolvedKarpenterPool;
  readonly plan: WorkerPoolPlan;
  readonly nodePool: NodePoolManifest;
  readonly nodeClass: Ec2NodeClassManifest;
}

export type KarpenterPoolOutcome =
  | { readonly ok: true; readonly pool: KarpenterPoolPlan; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

/** The pool's args with the matched instance types (every type the requirements match, narrowed by `instanceTypes`). */
export function karpenterPoolArgs(a: KarpenterPoolArgs): { readonly args: ResolvedWorkerPoolArgs; readonly karpenter: ResolvedKarpenterPool } {
  const karpenter = resolveKarpenterPool(a);
  const { instanceRequirements: _r, capacityTypes: _c, limits: _l, disruption: _d, instanceTypes: only, ...pool } = a;
  const matched = matchInstanceTypes(karpenter.instanceRequirements, pool.architecture ?? "x86_64").filter((t) => only === undefined || only.includes(t));
  return { args: resolveWorkerPoolArgs({ ...pool, instanceTypes: matched }), karpenter };
}

/** Matches, validates, plans and renders one karpenter pool; `at` is its config path. */
export function planKarpenterPool(a: KarpenterPoolArgs, ctx: Omit<NodeClassContext & NodePoolContext, "name"> & { readonly name: string }, at: string): KarpenterPoolOutcome {
  const { args, karpenter } = karpenterPoolArgs(a);
  if (args.instanceTypes.length === 0) {
    return { ok: false, issues: [{ path: `${at}.instanceRequirements`, message: `matches no ${args.architecture} instance type of the shipped instance table (${JSON.stringify(karpenter.instanceRequirements)})` }] };
  }
  const issues = validateWorkerPool(args, at, ctx.now).filter((i) => !isManagedOnly(i, at));
  if (issues.some((i) => i.severity !== "warning")) return { ok: false, issues };
  const plan = planWorkerPool(args, at);
  const nodePool = renderNodePool(args, karpenter, ctx);
  const nodeClass = renderEc2NodeClass(args, plan, ctx);
  const schema = [...validateKarpenterManifest("NodePool", nodePool, `${at}(NodePool)`), ...validateKarpenterManifest("EC2NodeClass", nodeClass, `${at}(EC2NodeClass)`)];
  if (schema.length > 0) return { ok: false, issues: [...issues, ...schema] };
  return { ok: true, pool: { args, karpenter, plan, nodePool, nodeClass }, warnings: issues };
}

/** Issues of node-group fields a karpenter pool does not have (scaling, SPOT diversity: Karpenter picks from every type). */
const isManagedOnly = (i: ConfigIssue, at: string): boolean => i.path.startsWith(`${at}.scaling`) || (i.path === `${at}.instanceTypes` && i.message.includes("SPOT"));
