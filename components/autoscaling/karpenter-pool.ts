/**
 * A karpenter pool from the same pool model as a managed pool: its requirements matched to instance types, then the pool
 * resolved, validated and planned like a managed pool with those types, split into NodePools by fixed vCPU bands (the
 * steps of our maxPods formula: {@link splitCpuBands}), and each band's NodePool + EC2NodeClass rendered and checked
 * against Karpenter's CRD schemas. Pure: the component registers what this returns.
 */
import type { ConfigIssue } from "../core";
import { lookupInstanceType } from "../facts";
import { parseCpuMillicores } from "../kubelet";
import type { AcceleratedPoolPlacement } from "../addons";
import { planAccelerator, planWorkerPool, resolveWorkerPoolArgs, validateWorkerPool } from "../worker-pool";
import type { ResolvedWorkerPoolArgs, WorkerPoolArgs, WorkerPoolPlan } from "../worker-pool";
import { IntRange, KarpenterLimits, KarpenterPoolOptions, ResolvedKarpenterPool, resolveKarpenterPool } from "./karpenter-args";
import { bandNameIssues, bandWeight, shareLimits, splitCpuBands } from "./karpenter-bands";
import { matchInstanceTypes } from "./instance-requirements";
import { Ec2NodeClassManifest, NodeClassContext, renderEc2NodeClass } from "./karpenter-nodeclass";
import { NodePoolContext, NodePoolManifest, renderNodePool } from "./karpenter-nodepool";
import { validateKarpenterManifest } from "./karpenter-schema";

/** A karpenter pool's args: a pool's, whose `instanceTypes` (if given) further narrow what the requirements match. */
export type KarpenterPoolArgs = Omit<WorkerPoolArgs, "instanceTypes"> & { readonly instanceTypes?: readonly string[] } & KarpenterPoolOptions;

/** One NodePool + EC2NodeClass of a karpenter pool: a fixed band of its types by vCPUs. */
export interface KarpenterBandPlan {
  /** The NodePool's and EC2NodeClass's name, the fixed band's (`<pool>-cpu4-15`). */
  readonly name: string;
  /** The band's vCPUs within the pool's `instanceRequirements.cpu`. */
  readonly cpu: IntRange;
  /** The pool's args with the band's types. */
  readonly args: ResolvedWorkerPoolArgs;
  readonly plan: WorkerPoolPlan;
  /** The band's share of the pool's `limits`. */
  readonly limits: KarpenterLimits;
  readonly nodePool: NodePoolManifest;
  readonly nodeClass: Ec2NodeClassManifest;
}

export interface KarpenterPoolPlan {
  /** The pool's args with every matched type. */
  readonly args: ResolvedWorkerPoolArgs;
  readonly karpenter: ResolvedKarpenterPool;
  /** The NodePools, by ascending vCPUs: one per fixed band the matched types fall in. */
  readonly bands: readonly KarpenterBandPlan[];
}

export type KarpenterPoolOutcome =
  | { readonly ok: true; readonly pool: KarpenterPoolPlan; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

function split(a: KarpenterPoolArgs): { readonly pool: WorkerPoolArgs; readonly karpenter: ResolvedKarpenterPool; readonly matched: string[]; readonly narrowed: boolean } {
  const karpenter = resolveKarpenterPool(a);
  const { instanceRequirements: _r, capacityTypes: _c, limits: _l, disruption: _d, instanceTypes: only, ...rest } = a;
  const matched = matchInstanceTypes(karpenter.instanceRequirements, rest.architecture ?? "x86_64").filter((t) => only === undefined || only.includes(t));
  return { pool: { ...rest, instanceTypes: matched }, karpenter, matched, narrowed: only !== undefined };
}

/** The pool's args with the matched instance types (every type the requirements match, narrowed by `instanceTypes`). */
export function karpenterPoolArgs(a: KarpenterPoolArgs): { readonly args: ResolvedWorkerPoolArgs; readonly karpenter: ResolvedKarpenterPool } {
  const { pool, karpenter } = split(a);
  return { args: resolveWorkerPoolArgs(pool), karpenter };
}

/**
 * Issues the pool model reports at `instanceTypes` (`[i]` of the matched list) belong, for a pool that lists none, to
 * `instanceRequirements`, the key the user wrote: the types it matches are what they say.
 */
function atRequirements(i: ConfigIssue, at: string, narrowed: boolean): ConfigIssue {
  if (narrowed || !(i.path === `${at}.instanceTypes` || i.path.startsWith(`${at}.instanceTypes[`))) return i;
  return { ...i, path: `${at}.instanceRequirements`, message: `the types it matches: ${i.message}` };
}

/** Matches, validates, plans, splits and renders one karpenter pool; `at` is its config path. */
export function planKarpenterPool(a: KarpenterPoolArgs, ctx: Omit<NodeClassContext & NodePoolContext, "name"> & { readonly name: string }, at: string): KarpenterPoolOutcome {
  const { pool, karpenter, matched, narrowed } = split(a);
  const args = resolveWorkerPoolArgs(pool);
  const names = bandNameIssues(ctx.name, at);
  if (matched.length === 0) {
    return { ok: false, issues: [...names, { path: `${at}.instanceRequirements`, message: `matches no ${args.architecture} instance type of the shipped instance table (${JSON.stringify(karpenter.instanceRequirements)})` }] };
  }
  const issues = [...names, ...validateWorkerPool(args, at, ctx.now).filter((i) => !isManagedOnly(i, at)).map((i) => atRequirements(i, at, narrowed))];
  if (issues.some((i) => i.severity !== "warning")) return { ok: false, issues };
  const bandArgs = (types: readonly string[]): ResolvedWorkerPoolArgs => (types.length === matched.length ? args : resolveWorkerPoolArgs({ ...pool, instanceTypes: types }));
  const plans = new Map<string, WorkerPoolPlan>();
  const planOf = (b: ResolvedWorkerPoolArgs): WorkerPoolPlan => {
    const key = b.instanceTypes.join(",");
    const known = plans.get(key) ?? planWorkerPool(b, at);
    plans.set(key, known);
    return known;
  };
  const cuts = splitCpuBands(ctx.name, matched, karpenter.instanceRequirements.cpu);
  const limits = shareLimits(karpenter.limits, cuts.length);
  if (limits === undefined) return { ok: false, issues: [...issues, { path: `${at}.limits`, message: `is split among ${cuts.length} NodePools by vCPUs and must be Kubernetes quantities (e.g. { cpu: 1000, memory: 4000Gi }), got ${JSON.stringify(karpenter.limits)}` }] };
  const bands = cuts.map((cut, i): KarpenterBandPlan => {
    const bArgs = bandArgs(cut.instanceTypes);
    const plan = planOf(bArgs);
    const k = { ...karpenter, limits, instanceRequirements: { ...karpenter.instanceRequirements, cpu: cut.cpu } };
    const weight = bandWeight(i, cuts.length);
    const nodePool = renderNodePool(bArgs, k, { ...ctx, name: cut.name, pool: ctx.name, ...(weight !== undefined ? { weight } : {}) });
    const nodeClass = renderEc2NodeClass(bArgs, plan, { ...ctx, name: cut.name, pool: ctx.name });
    return { name: cut.name, cpu: cut.cpu, args: bArgs, plan, limits, nodePool, nodeClass };
  });
  // The bands share every field the user wrote: one issue per field, not one per band.
  const schema = [...new Map(bands.flatMap((b) => [...validateKarpenterManifest("NodePool", b.nodePool, `${at}(NodePool)`), ...validateKarpenterManifest("EC2NodeClass", b.nodeClass, `${at}(EC2NodeClass)`)])
    .map((i) => [`${i.path}\n${i.message}`, i] as const)).values()];
  if (schema.length > 0) return { ok: false, issues: [...issues, ...schema] };
  return { ok: true, pool: { args, karpenter, bands }, warnings: [...issues, ...shareIssues(bands, karpenter.limits, at)] };
}

/**
 * One warning per split pool: Karpenter's limits are per NodePool, so each band reaches only its share of the pool's
 * limits, never the whole; a band whose share is below its largest types' vCPUs never launches those.
 */
function shareIssues(bands: readonly KarpenterBandPlan[], limits: KarpenterLimits, at: string): ConfigIssue[] {
  if (bands.length < 2) return [];
  const below = bands.flatMap((b): string[] => {
    const share = parseCpuMillicores(String(b.limits.cpu)) ?? 0;
    const over = b.args.instanceTypes.filter((t) => (lookupInstanceType(t)?.vcpus ?? 0) * 1000 > share);
    return over.length === 0 ? [] : [`${b.name}'s share is below the vCPUs of ${over.length} of its types (${over.slice(0, 3).join(", ")}${over.length > 3 ? ", ..." : ""}), which Karpenter therefore never launches`];
  });
  const share = `cpu ${bands[0].limits.cpu}${bands[0].limits.memory !== undefined ? `, memory ${bands[0].limits.memory}` : ""}`;
  const whole = `cpu ${limits.cpu}${limits.memory !== undefined ? `, memory ${limits.memory}` : ""}`;
  return [{ path: `${at}.limits`, severity: "warning", message: `is shared equally among the pool's ${bands.length} NodePools (split by vCPUs: README "Karpenter pools"): each of ${bands.map((b) => b.name).join(", ")} reaches only its share, ${share}, not the pool's ${whole}${below.length > 0 ? `; ${below.join("; ")}` : ""}; raise limits (each band gets 1/${bands.length}) or narrow instanceRequirements.cpu to fewer bands` }];
}

/** Issues of node-group fields a karpenter pool does not have (scaling, SPOT diversity: Karpenter picks from every type). */
const isManagedOnly = (i: ConfigIssue, at: string): boolean => i.path.startsWith(`${at}.scaling`) || (i.path === `${at}.instanceTypes` && i.message.includes("SPOT"));

/**
 * Where the platform's device plugin runs for a karpenter pool of GPU or Neuron types whose AMI ships none (AL2023;
 * Bottlerocket NVIDIA ships its own): on the nodes of its NodePools, by Karpenter's `karpenter.sh/nodepool` label, and
 * tolerating its taints. Undefined for a pool without accelerators, with a built-in plugin, the plugin off, or invalid.
 */
export function karpenterDevicePluginPlacement(a: KarpenterPoolArgs, name: string): AcceleratedPoolPlacement | undefined {
  const r = planKarpenterPool(a, { name, clusterName: "", cluster: { name: "", apiServerEndpoint: "https://x", certificateAuthority: "", cidr: "172.20.0.0/16" }, roleName: "" }, name);
  if (!r.ok) return undefined;
  const accelerator = planAccelerator(r.pool.args);
  if (accelerator.devicePlugin !== "platform" || accelerator.kind === "none") return undefined;
  return { accelerator: accelerator.kind, nodeGroupNames: [], nodePoolNames: r.pool.bands.map((b) => b.name), taints: r.pool.args.taints };
}
