/**
 * Pure change review of karpenter pools: per NodePool (with the EC2NodeClass it references), what a change does under
 * Karpenter's drift rules, read at the release we ship (1.14.1): the docs "Disruption" → Drift (aws/karpenter-provider-aws
 * tag v1.14.1, commit bde00654cd316fddb3dccfba3f5ac07039865429, website/content/en/docs/concepts/disruption.md), the
 * EC2NodeClass hash and its `hash:"ignore"` fields (pkg/apis/v1/ec2nodeclass.go) and dynamic checks
 * (pkg/cloudprovider/drift.go), and the NodePool hash of `spec.template` with `requirements` ignored
 * (kubernetes-sigs/karpenter tag v1.14.1, commit 6e7eab7a0f485d7225eb98995fad9b66c79b322b, pkg/apis/v1/nodepool.go).
 * A NodeClaim drifts when either hash changes (lists hashed as sets), or when a dynamic check fails: its AMI no longer
 * among those `amiSelectorTerms` resolve, its subnet, security groups or capacity reservation no longer selected, its
 * labels no longer meeting the `requirements`. The behavioural fields `spec.weight`, `spec.limits` and `spec.disruption`
 * never drift a node. Drifted nodes are replaced within the NodePool's disruption budgets.
 */
import { EC2_NODE_CLASS_TYPE, isRecord, NODE_POOL_TYPE, unionKeys } from "../../components/core";
import { FieldChange, diffUserData, stableJson } from "./change-diff";
import { requirementChanges } from "./karpenter-requirements";
import { PlatformResource, leafValues } from "./platform-review";

const POOL_LABEL = "workerpools/pool";

/** The parts of a plan resource this review reads (a ReviewResource satisfies it). */
export type KarpenterResource = Pick<PlatformResource, "type" | "name" | "inputs">;

/** `drift`: Karpenter replaces nodes; `no-replace`: only behavioural fields changed. */
export type KarpenterChangeKind = "none" | "no-replace" | "drift" | "create" | "delete";

/** One NodePool's review. Field changes: `roll` = the nodes drift, `in-place` = no node replaced. */
export interface KarpenterPoolReview {
  /** Pool name (the NodePool template's `workerpools/pool` label, else the NodePool's name). */
  readonly pool: string;
  /** Plan resource name of the NodePool. */
  readonly nodePool: string;
  readonly kind: KarpenterChangeKind;
  /** `nodePool.<path>` and `ec2NodeClass.<path>` changes (user data decoded: `ec2NodeClass.userData.kubelet.<field>`). */
  readonly changes: readonly FieldChange[];
  /** The disruption budgets drift is paced by (the current NodePool's; the baseline's for a removed pool). */
  readonly budgets: string;
  /** What happens to the pool's nodes, one sentence. */
  readonly effect: string;
}

/** Karpenter hashes lists as sets (hashstructure SlicesAsSets): a reordered list is no change. */
const setJson = (v: unknown): string => (Array.isArray(v) ? stableJson(v.map((x) => stableJson(x)).sort()) : stableJson(v));
const same = (a: unknown, b: unknown): boolean => setJson(a) === setJson(b);
const rec = (v: unknown): Readonly<Record<string, unknown>> => (isRecord(v) ? v : {});
const spec = (r: KarpenterResource | undefined): Readonly<Record<string, unknown>> => rec(r?.inputs.spec);

const BEHAVIOURAL = "behavioural NodePool field (spec.weight, spec.limits, spec.disruption): Karpenter does not consider it for drift; no node is replaced";
const TEMPLATE = "part of the NodePool's spec.template hash: every node of the NodePool drifts";
const STATIC = "a static EC2NodeClass field (in its hash): every node of the EC2NodeClass drifts";
const AMI = "dynamic drift check: nodes whose AMI is not among those the new amiSelectorTerms resolve drift (a new pinned alias: every node)";
const SUBNETS = "dynamic drift check: nodes in a subnet the new subnetSelectorTerms no longer select drift";
const GROUPS = "dynamic drift check: nodes whose security groups differ from those the new securityGroupSelectorTerms select drift";
const RESERVATIONS = "dynamic drift check: nodes in a capacity reservation the new capacityReservationSelectorTerms no longer select drift";
const IGNORED = "excluded from the EC2NodeClass hash (hash:\"ignore\") and from the dynamic checks: no node drifts; new nodes use it";
const USER_DATA = "userData is a static EC2NodeClass field (in its hash): every node of the EC2NodeClass drifts";

/** EC2NodeClass spec fields by their drift rule; every other field is static (hashed). */
const NODE_CLASS_WHY: Readonly<Record<string, string>> = {
  amiSelectorTerms: AMI, subnetSelectorTerms: SUBNETS, securityGroupSelectorTerms: GROUPS,
  capacityReservationSelectorTerms: RESERVATIONS, ipPrefixCount: IGNORED,
};
const NODE_POOL_BEHAVIOURAL = ["weight", "limits", "disruption"];

const change = (field: string, before: unknown, after: unknown, drifts: boolean, why: string): FieldChange =>
  ({ field, before, after, effect: drifts ? "roll" : "in-place", why });

/** Leaves of one spec key: records walked, lists and scalars whole. */
function leafChanges(prefix: string, key: string, b: unknown, a: unknown, drifts: boolean, why: string): FieldChange[] {
  if (!isRecord(b) && !isRecord(a)) return same(b, a) ? [] : [change(`${prefix}${key}`, b, a, drifts, why)];
  const [lb, la] = [leafValues(rec(b), `${key}.`), leafValues(rec(a), `${key}.`)];
  return unionKeys(lb, la).filter((k) => !same(lb[k], la[k])).map((k) => change(`${prefix}${k}`, lb[k], la[k], drifts, why));
}

function nodePoolChanges(before: KarpenterResource, after: KarpenterResource): FieldChange[] {
  const [b, a] = [spec(before), spec(after)];
  return unionKeys(b, a).flatMap((key): FieldChange[] => {
    if (NODE_POOL_BEHAVIOURAL.includes(key)) return leafChanges("nodePool.", key, b[key], a[key], false, BEHAVIOURAL);
    if (key !== "template") return leafChanges("nodePool.", key, b[key], a[key], false, "not in Karpenter's drift tables: assumed not to drift a node");
    const [tb, ta] = [rec(b.template), rec(a.template)];
    const [sb, sa] = [rec(tb.spec), rec(ta.spec)];
    const rest = (t: Readonly<Record<string, unknown>>, s: Readonly<Record<string, unknown>>) => ({ ...t, spec: Object.fromEntries(Object.entries(s).filter(([k]) => k !== "requirements")) });
    const [rb, ra] = [leafValues(rest(tb, sb), "template."), leafValues(rest(ta, sa), "template.")];
    const hashed = unionKeys(rb, ra).filter((k) => !same(rb[k], ra[k])).map((k) => change(`nodePool.${k}`, rb[k], ra[k], true, TEMPLATE));
    return [...hashed, ...requirementChanges(sb.requirements, sa.requirements)];
  });
}

/** The EC2NodeClass `userData` (plain text in the CR) compared setting by setting, as a launch template's. */
function userDataChanges(before: unknown, after: unknown): FieldChange[] {
  if (same(before, after)) return [];
  const b64 = (v: unknown): unknown => (typeof v === "string" ? Buffer.from(v, "utf8").toString("base64") : v);
  return diffUserData(b64(before), b64(after))
    .map((c) => change(`ec2NodeClass.userData.${c.field.replace(/^userData\.?/, "") || "text"}`, c.before, c.after, true, USER_DATA));
}

function nodeClassChanges(before: KarpenterResource | undefined, after: KarpenterResource | undefined): FieldChange[] {
  const [b, a] = [spec(before), spec(after)];
  return unionKeys(b, a).flatMap((key): FieldChange[] => {
    if (key === "userData") return userDataChanges(b[key], a[key]);
    const why = NODE_CLASS_WHY[key] ?? STATIC;
    return leafChanges("ec2NodeClass.", key, b[key], a[key], why !== IGNORED, why);
  });
}

/** The budgets in words: how many nodes at once (always-on budgets), then each scheduled budget (a freeze window's `nodes: "0"`). */
export function budgetParts(nodePoolSpec: Readonly<Record<string, unknown>>): { readonly atOnce: string; readonly windows: readonly string[] } {
  const raw = rec(nodePoolSpec.disruption).budgets;
  // A budget with `reasons` paces only those disruption reasons: one without Drifted does not pace drift.
  const list = (Array.isArray(raw) ? raw : []).filter(isRecord).filter((x) => !Array.isArray(x.reasons) || x.reasons.includes("Drifted"));
  const always = list.filter((x) => x.schedule === undefined).map((x) => String(x.nodes));
  const windows = list.filter((x) => x.schedule !== undefined).map((x) =>
    `nodes "${String(x.nodes)}" from \`${String(x.schedule)}\` (UTC) for ${String(x.duration)}${String(x.nodes) === "0" ? ": a freeze window, which holds them" : ""}`);
  const atOnce = !Array.isArray(raw) || raw.length === 0 ? "10% (Karpenter's default budget)" : list.length === 0 ? "every node (no budget paces drift)" : always.length > 0 ? always.join(" and ") : "every node outside the scheduled budgets";
  return { atOnce, windows };
}

function effectOf(kind: KarpenterChangeKind, budgets: ReturnType<typeof budgetParts>): string {
  switch (kind) {
    case "create": return "new pool: Karpenter launches its nodes on demand, as pending pods need them (none before)";
    case "delete": return "pool removed: the NodePool is deleted, and Karpenter drains and terminates its nodes (cascading deletion, not paced by the disruption budgets)";
    case "drift": return `drift: Karpenter replaces these nodes, at most ${budgets.atOnce} at a time (the NodePool's disruption budgets${budgets.windows.map((w) => `; ${w}`).join("")})`;
    case "no-replace": return "no node replaced: only behavioural fields changed (limits, weight, disruption budgets), which Karpenter applies to its next decisions";
    default: return "no change";
  }
}

const byName = (rs: readonly KarpenterResource[], type: string): Map<string, KarpenterResource> =>
  new Map(rs.filter((r) => r.type === type).map((r) => [r.name, r]));

/** The EC2NodeClass a NodePool references (`spec.template.spec.nodeClassRef.name`) in the same plan. */
function nodeClassOf(np: KarpenterResource | undefined, rs: readonly KarpenterResource[]): KarpenterResource | undefined {
  const ref = rec(rec(rec(spec(np).template).spec).nodeClassRef).name;
  return rs.find((r) => r.type === EC2_NODE_CLASS_TYPE && rec(r.inputs.metadata).name === ref);
}

function poolName(np: KarpenterResource): string {
  const label = rec(rec(rec(spec(np).template).metadata).labels)[POOL_LABEL];
  const name = rec(np.inputs.metadata).name;
  return typeof label === "string" ? label : typeof name === "string" ? name : np.name;
}

/** Every NodePool of either plan (current first), with its EC2NodeClass's changes. */
export function reviewKarpenterPools(current: readonly KarpenterResource[], baseline: readonly KarpenterResource[]): KarpenterPoolReview[] {
  const [after, before] = [byName(current, NODE_POOL_TYPE), byName(baseline, NODE_POOL_TYPE)];
  return [...new Set([...after.keys(), ...before.keys()])].map((name) => {
    const [b, a] = [before.get(name), after.get(name)];
    const np = (a ?? b) as KarpenterResource;
    const parts = budgetParts(spec(np));
    const base = { pool: poolName(np), nodePool: name, budgets: [parts.atOnce, ...parts.windows].join("; ") };
    if (!b || !a) {
      const kind = b ? "delete" : "create";
      return { ...base, kind, changes: [], effect: effectOf(kind, parts) };
    }
    const changes = [...nodePoolChanges(b, a), ...nodeClassChanges(nodeClassOf(b, baseline), nodeClassOf(a, current))];
    const kind: KarpenterChangeKind = changes.some((c) => c.effect === "roll") ? "drift" : changes.length > 0 ? "no-replace" : "none";
    return { ...base, kind, changes, effect: effectOf(kind, parts) };
  });
}
