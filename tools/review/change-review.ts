/**
 * Pure change review: compares the current plan with a baseline plan (e.g. from main) and says, per pool,
 * what changed and what it does to the nodes: nothing rolls, a rolling update of N nodes in B batches, or a
 * node group replacement (and why), predicted from the provider's ForceNew fields and EKS's update rules.
 */
import { NodeGroupRollout, RolloutAssumptions, UpdateSettings, planNodeGroupRollout, resolveAssumptions } from "../../components/patching";
import { ChangeEffect, FieldChange, diffLaunchTemplateInputs, diffNodeGroupInputs, stableJson } from "./change-diff";
import { isFiniteNumber, isRecord, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";
import { ChangeHazard, ReviewContext, capacityBlockRollHazards, clusterNameOf, corednsTaintHazards, scalingHazards } from "./hazards";
import { AddonReview, ControlPlaneReview, reviewAddons, reviewControlPlane } from "./platform-review";
import { TenantReview, reviewTenants } from "./tenant-review";
import { CniChangeReview, nodeGroupsInBoth, reviewCni } from "./cni-review";
import { KarpenterPoolReview, reviewKarpenterPools } from "./karpenter-review";

/** Tag naming a resource's pool (components/worker-pool/plan.ts `poolTags`). */
export const POOL_TAG = "workerpools/pool";
/** Tag naming a resource's pool layout (`spread` or `per-zone`). */
export const LAYOUT_TAG = "workerpools/layout";
/** Prefix of offline stand-ins for values AWS resolves at deploy (tools/plan/mock-runtime.ts). */
export const STAND_IN_PREFIX = "offline-stand-in(";

/** The parts of a plan resource the review reads (a PlanResource satisfies it). */
export interface ReviewResource {
  /** Pulumi type token. */
  readonly type: string;
  /** Resource name. */
  readonly name: string;
  /** Inputs as recorded. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Input paths `pulumi up` does not change. @default [] */
  readonly ignoreChanges?: readonly string[];
  /** Parent URN (the cluster role's policy attachments are the ControlPlane component's children). @default - a root */
  readonly parent?: string;
}

/** What a change does to a node group's nodes. */
export type Consequence =
  | { readonly kind: "none" }
  | { readonly kind: "in-place"; readonly because: readonly string[] }
  | { readonly kind: "roll"; readonly because: readonly string[]; readonly rollout: NodeGroupRollout }
  | { readonly kind: "replace"; readonly because: readonly string[]; readonly nodes: number }
  | { readonly kind: "create"; readonly nodes: number }
  | { readonly kind: "delete"; readonly nodes: number };

/** One node group's review. */
export interface NodeGroupReview {
  /** Node group resource name. */
  readonly nodeGroup: string;
  /** Its input changes, plus a `launchTemplate.*` change derived from the launch template's. */
  readonly changes: readonly FieldChange[];
  /** What happens to its nodes. */
  readonly consequence: Consequence;
  /**
   * Set when the release comes from the recommended channel: AWS resolves `parameter` at deploy, and a
   * release newer than the deployed one rolls the node group as `rollout` says. @default - pinned or not known
   */
  readonly recommended?: { readonly parameter: string; readonly rollout: NodeGroupRollout };
  /** What AWS refuses in this change, or what it breaks for a while, each with the way around it. @default - none */
  readonly hazards?: readonly ChangeHazard[];
}

/** One pool's review. */
export interface PoolReview {
  /** Pool name. */
  readonly pool: string;
  /** Launch template changes (kubelet settings, volumes, metadata options...). */
  readonly launchTemplate: readonly FieldChange[];
  /** Node groups of either plan, current first. */
  readonly nodeGroups: readonly NodeGroupReview[];
  /** The custom image the pool boots now (its launch template's `imageId`): nobody patches it but its owner. @default - EKS's AMIs */
  readonly customImage?: string;
}

/** The whole review. */
export interface ChangeReview {
  /** Pools of either plan, current first. */
  readonly pools: readonly PoolReview[];
  /** Nodes replaced by rolling updates and replacements together. */
  readonly nodesReplaced: number;
  /** EKS addons whose configuration values changed (or that come or go): nothing when none did. */
  readonly addons: readonly AddonReview[];
  /** The control plane's changed inputs, zonal shift and cluster role policies. */
  readonly controlPlane: ControlPlaneReview;
  /** The CNI change (`workerpools:cni`) and the nodes this update leaves under the old CNI. @default - absent: same CNI */
  readonly cni?: CniChangeReview;
  /** Tenants added, removed or changed (their namespaces, quotas, limits, policies, access). @default - absent: none changed */
  readonly tenants?: readonly TenantReview[];
  /**
   * Karpenter pools (a NodePool in either plan): what Karpenter's drift does with each change. Their nodes are not in
   * `nodesReplaced` (Karpenter sizes the pool; the plan has no node count). @default - none (no karpenter pool)
   */
  readonly karpenterPools?: readonly KarpenterPoolReview[];
}

const num = (v: unknown): number => (isFiniteNumber(v) ? v : 0);

/** Reads a plan JSON (the `--json` document) into review resources; a string error when it is not one. */
export function parsePlanResources(doc: unknown): ReviewResource[] | string {
  if (!isRecord(doc) || !Array.isArray(doc.resources)) return "not a plan document: expected an object with a resources array (write one with npm run plan -- --json FILE)";
  return doc.resources.filter(isRecord).flatMap((r): ReviewResource[] => {
    if (typeof r.type !== "string" || typeof r.name !== "string") return [];
    const ignoreChanges = Array.isArray(r.ignoreChanges) ? r.ignoreChanges.map(String) : [];
    const parent = typeof r.parent === "string" && r.parent.length > 0 ? { parent: r.parent } : {};
    return [{ type: r.type, name: r.name, inputs: isRecord(r.inputs) ? r.inputs : {}, ignoreChanges, ...parent }];
  });
}

/** The pool a node group or launch template belongs to (its pool tag, else its name). */
export function poolOf(r: ReviewResource): string {
  const tags = r.inputs.tags;
  return isRecord(tags) && typeof tags[POOL_TAG] === "string" ? tags[POOL_TAG] : r.name.replace(/-lt$/, "");
}

/** The rollout input of a node group as deployed (`update` and size from its inputs). */
function rolloutOf(r: ReviewResource, a: RolloutAssumptions): NodeGroupRollout {
  const scaling = isRecord(r.inputs.scalingConfig) ? r.inputs.scalingConfig : {};
  const u = isRecord(r.inputs.updateConfig) ? r.inputs.updateConfig : {};
  const update: UpdateSettings = {
    ...(typeof u.maxUnavailable === "number" ? { maxUnavailable: u.maxUnavailable } : {}),
    ...(typeof u.maxUnavailablePercentage === "number" ? { maxUnavailablePercentage: u.maxUnavailablePercentage } : {}),
    ...(u.updateStrategy === "MINIMAL" || u.updateStrategy === "DEFAULT" ? { strategy: u.updateStrategy } : {}),
  };
  const azCount = Array.isArray(r.inputs.subnetIds) ? Math.max(r.inputs.subnetIds.length, 1) : 1;
  return planNodeGroupRollout({ name: r.name, pool: poolOf(r), azCount, nodes: num(scaling.desiredSize), update }, a);
}

const fieldsWith = (changes: readonly FieldChange[], effect: ChangeEffect): string[] =>
  [...new Set(changes.filter((c) => c.effect === effect).flatMap((c) => c.causes ?? [c.field]))];

/**
 * The consequence of `changes` for a node group that exists in both plans. A rolling update uses the
 * deployed `updateConfig` and size: the provider sends version changes before config changes.
 */
export function consequenceOf(changes: readonly FieldChange[], before: ReviewResource, after: ReviewResource, a: RolloutAssumptions): Consequence {
  const replace = fieldsWith(changes, "replace");
  if (replace.length > 0) return { kind: "replace", because: replace, nodes: num(isRecord(after.inputs.scalingConfig) ? after.inputs.scalingConfig.desiredSize : 0) };
  const roll = fieldsWith(changes, "roll");
  if (roll.length > 0) return { kind: "roll", because: roll, rollout: rolloutOf(before, a) };
  const inPlace = fieldsWith(changes, "in-place");
  return inPlace.length > 0 ? { kind: "in-place", because: inPlace } : { kind: "none" };
}

/** Launch template changes become node group changes: a new version rolls, a new template replaces. */
function viaLaunchTemplate(lt: readonly FieldChange[]): FieldChange[] {
  const out: FieldChange[] = [];
  const rolls = lt.filter((c) => c.effect === "roll").map((c) => c.field);
  const replaces = lt.filter((c) => c.effect === "replace").map((c) => c.field);
  if (replaces.length > 0) {
    out.push({ field: "launchTemplate.id", before: "current", after: "new launch template", effect: "replace", why: "the launch template is replaced", causes: replaces.map((f) => `launch template ${f}`) });
  }
  if (rolls.length > 0) {
    out.push({ field: "launchTemplate.version", before: "current", after: "next", effect: "roll", why: "a new launch template version", causes: rolls.map((f) => `launch template ${f}`) });
  }
  return out;
}

function standInParameter(v: unknown): string | undefined {
  return typeof v === "string" && v.startsWith(STAND_IN_PREFIX) ? v.slice(STAND_IN_PREFIX.length, -1) : undefined;
}

/** What {@link reviewNodeGroup} needs beyond the two resources. */
interface GroupScope {
  readonly pool: string;
  readonly cluster: string;
  readonly context: ReviewContext;
  /** Appended to scaling hazards: why this group's share changed. */
  readonly splitNote: string;
}

function reviewNodeGroup(name: string, before: ReviewResource | undefined, after: ReviewResource | undefined, lt: readonly FieldChange[], a: RolloutAssumptions, scope: GroupScope): NodeGroupReview {
  const desired = (r: ReviewResource): number => num(isRecord(r.inputs.scalingConfig) ? r.inputs.scalingConfig.desiredSize : 0);
  if (!before && after) return { nodeGroup: name, changes: [], consequence: { kind: "create", nodes: desired(after) } };
  if (before && !after) return { nodeGroup: name, changes: [], consequence: { kind: "delete", nodes: desired(before) } };
  const b = before as ReviewResource;
  const n = after as ReviewResource;
  const changes = [...diffNodeGroupInputs(b.inputs, n.inputs, n.ignoreChanges ?? []), ...viaLaunchTemplate(lt)];
  const parameter = standInParameter(n.inputs.releaseVersion);
  const recommended = parameter ? { recommended: { parameter, rollout: rolloutOf(b, a) } } : {};
  const consequence = consequenceOf(changes, b, n, a);
  // A replacement creates a new node group with the configured desired size: nothing to refuse there.
  const scaling = consequence.kind === "replace" ? [] : scalingHazards(b, n, scope.cluster, scope.splitNote);
  const block = capacityBlockRollHazards(b, n, consequence.kind === "roll", scope.cluster);
  const hazards = [...scaling, ...block, ...corednsTaintHazards(b, n, scope.pool, scope.context)];
  return { nodeGroup: name, changes, consequence, ...recommended, ...(hazards.length > 0 ? { hazards } : {}) };
}

const byName = (rs: readonly ReviewResource[], type: string): Map<string, ReviewResource> =>
  new Map(rs.filter((r) => r.type === type).map((r) => [r.name, r]));

/** Why a per-zone pool's node groups get new shares: it gains or loses an AZ (its counts split over the others). */
function splitNote(before: ReadonlyMap<string, ReviewResource>, after: ReadonlyMap<string, ReviewResource>): string {
  const perZone = [...after.values()].some((r) => isRecord(r.inputs.tags) && r.inputs.tags[LAYOUT_TAG] === "per-zone");
  if (!perZone || before.size === after.size) return "";
  return `; the per-zone pool now splits its counts over ${after.size} node group(s) instead of ${before.size} (an AZ ${after.size < before.size ? "removed" : "added"})`;
}

function reviewPool(pool: string, current: readonly ReviewResource[], baseline: readonly ReviewResource[], a: RolloutAssumptions, context: ReviewContext): PoolReview {
  const inPool = (rs: readonly ReviewResource[], type: string) => [...byName(rs, type).values()].filter((r) => poolOf(r) === pool);
  const ltBefore = inPool(baseline, LAUNCH_TEMPLATE_TYPE)[0];
  const ltAfter = inPool(current, LAUNCH_TEMPLATE_TYPE)[0];
  const launchTemplate = ltBefore && ltAfter ? diffLaunchTemplateInputs(ltBefore.inputs, ltAfter.inputs) : [];
  const before = new Map(inPool(baseline, NODE_GROUP_TYPE).map((r) => [r.name, r]));
  const after = new Map(inPool(current, NODE_GROUP_TYPE).map((r) => [r.name, r]));
  const names = [...new Set([...after.keys(), ...before.keys()])];
  const scope: GroupScope = { pool, cluster: clusterNameOf(current), context, splitNote: splitNote(before, after) };
  const image = ltAfter?.inputs.imageId;
  return {
    pool,
    launchTemplate,
    nodeGroups: names.map((n) => reviewNodeGroup(n, before.get(n), after.get(n), launchTemplate, a, scope)),
    ...(typeof image === "string" ? { customImage: image } : {}),
  };
}

/** Nodes a consequence replaces. */
export function nodesReplacedBy(c: Consequence): number {
  if (c.kind === "roll") return c.rollout.batches > 0 ? c.rollout.nodes : 0;
  return c.kind === "replace" ? c.nodes : 0;
}

/** Reviews every pool of either plan, current pools first; `context` says which pool CoreDNS runs on. */
export function reviewChanges(
  current: readonly ReviewResource[],
  baseline: readonly ReviewResource[],
  assumptions?: Partial<RolloutAssumptions>,
  context: ReviewContext = {},
): ChangeReview {
  const a = resolveAssumptions(assumptions);
  const poolsOf = (rs: readonly ReviewResource[]) => rs.filter((r) => r.type === NODE_GROUP_TYPE).map(poolOf);
  const names = [...new Set([...poolsOf(current), ...poolsOf(baseline)])];
  const pools = names.map((p) => reviewPool(p, current, baseline, a, context));
  const nodesReplaced = pools.flatMap((p) => p.nodeGroups).reduce((s, g) => s + nodesReplacedBy(g.consequence), 0);
  const tenants = reviewTenants(current, baseline);
  const karpenter = reviewKarpenterPools(current, baseline);
  const replaced = new Set(pools.flatMap((p) => p.nodeGroups).filter((g) => nodesReplacedBy(g.consequence) > 0).map((g) => g.nodeGroup));
  const cni = reviewCni(current, baseline, nodeGroupsInBoth(current, baseline, (n) => replaced.has(n)));
  return {
    pools, nodesReplaced, addons: reviewAddons(current, baseline), controlPlane: reviewControlPlane(current, baseline),
    ...(cni ? { cni } : {}), ...(tenants.length > 0 ? { tenants } : {}),
    ...(karpenter.length > 0 ? { karpenterPools: karpenter } : {}),
  };
}

/** True when nothing in the pool changes at all. */
export const unchanged = (p: PoolReview): boolean =>
  p.launchTemplate.length === 0 && p.nodeGroups.every((g) => g.consequence.kind === "none");

/** A short one-line text of a value for messages (multi-line text summarised, long text cut). */
export function showValue(v: unknown): string {
  if (v === undefined) return "(none)";
  const text = typeof v === "string" ? v : stableJson(v);
  const lines = text.split(/\r?\n/).filter((l) => l.trim().length > 0);
  if (lines.length > 1) return `${lines.length} lines: ${lines[0].slice(0, 40)}...`;
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
