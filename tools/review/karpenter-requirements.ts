/**
 * NodePool requirements under Karpenter's drift check, read at kubernetes-sigs/karpenter tag v1.14.1 (commit
 * 6e7eab7a0f485d7225eb98995fad9b66c79b322b): pkg/controllers/nodeclaim/disruption/drift.go `areRequirementsDrifted`
 * (requirements are not in the NodePool hash; a NodeClaim drifts when its labels are not `Compatible` with them),
 * pkg/scheduling/requirements.go `Compatible` / `Intersects` and requirement.go (requirements on one key intersect; a
 * node without the label meets only `NotIn` and `DoesNotExist`; `Gt`/`Lt`/`Gte`/`Lte` need an integer value within
 * the bound). So a change drifts no node when every label value that met the old requirements of a key still meets
 * the new ones (widened: a bound raised or lowered outward, values added to `In`, values removed from `NotIn`, a
 * requirement removed), and drifts the nodes whose label value no longer does (narrowed).
 */
import { isRecord } from "../../components/core";
import { FieldChange, stableJson } from "./change-diff";

export interface NodeRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** A node's label for one key: its value, or `undefined` when the node does not have it. */
type Label = string | undefined;
const BOUNDS: Readonly<Record<string, (v: number, n: number) => boolean>> = {
  Gt: (v, n) => v > n, Lt: (v, n) => v < n, Gte: (v, n) => v >= n, Lte: (v, n) => v <= n,
};
const KNOWN = ["In", "NotIn", "Exists", "DoesNotExist", ...Object.keys(BOUNDS)];
const UNNAMED = "\u0000unnamed";
const integer = (v: string): number | undefined => (/^[+-]?\d+$/.test(v) ? Number(v) : undefined);

/** Whether a node with this label meets one requirement (a missing requirement is met by every label). */
function meets(q: NodeRequirement | undefined, label: Label): boolean {
  if (q === undefined) return true;
  if (q.operator === "In") return label !== undefined && q.values.includes(label);
  if (q.operator === "NotIn") return label === undefined || !q.values.includes(label);
  if (q.operator === "Exists") return label !== undefined;
  if (q.operator === "DoesNotExist") return label === undefined;
  const v = label === undefined ? undefined : integer(label);
  const n = integer(q.values[0] ?? "");
  return v !== undefined && n !== undefined && (BOUNDS[q.operator]?.(v, n) ?? false);
}

/**
 * Label values to try: none, one no requirement names, every value named, and around each bound the bound and
 * the first unnamed integers on either side (the requirements' answer is constant between those points).
 */
function candidates(rs: readonly NodeRequirement[]): Label[] {
  const named = new Set(rs.flatMap((q) => q.values));
  const bounds = rs.filter((q) => q.operator in BOUNDS).flatMap((q) => integer(q.values[0] ?? "") ?? []);
  const unnamed = (from: number, step: number): string => {
    let k = from;
    while (named.has(String(k))) k += step;
    return String(k);
  };
  const around = bounds.flatMap((n) => [String(n), String(n - 1), String(n + 1), unnamed(n - 1, -1), unnamed(n + 1, 1)]);
  const outer = bounds.length === 0 ? [] : [unnamed(Math.min(...bounds) - 1000, -1), unnamed(Math.max(...bounds) + 1000, 1)];
  return [undefined, UNNAMED, ...named, ...around, ...outer];
}

/** A label that met every `before` requirement and fails an `after` one (`{ label }`), else undefined. */
function lostLabel(before: readonly (NodeRequirement | undefined)[], after: readonly (NodeRequirement | undefined)[], tried: readonly Label[]): { readonly label: Label } | undefined {
  const i = tried.findIndex((l) => before.every((q) => meets(q, l)) && !after.every((q) => meets(q, l)));
  return i < 0 ? undefined : { label: tried[i] };
}

function requirementsOf(v: unknown): Map<string, NodeRequirement> {
  return new Map((Array.isArray(v) ? v : []).filter(isRecord).map((r) => {
    const q = { key: String(r.key), operator: String(r.operator), values: (Array.isArray(r.values) ? r.values : []).map(String) };
    return [`${q.key} ${q.operator}`, q];
  }));
}

const sameValues = (a: NodeRequirement, b: NodeRequirement): boolean => stableJson([...a.values].sort()) === stableJson([...b.values].sort());

/**
 * One change per requirement (`key operator`) added, removed or with other values. It drifts (`roll`) when the key's
 * requirements as a whole narrowed and this requirement is one that no longer admits a label it admitted.
 */
export function requirementChanges(before: unknown, after: unknown): FieldChange[] {
  const [b, a] = [requirementsOf(before), requirementsOf(after)];
  const ofKey = (m: Map<string, NodeRequirement>, key: string) => [...m.values()].filter((q) => q.key === key);
  return [...new Set([...b.keys(), ...a.keys()])].flatMap((k): FieldChange[] => {
    const [rb, ra] = [b.get(k), a.get(k)];
    if (rb && ra && sameValues(rb, ra)) return [];
    const key = (rb ?? ra)?.key ?? "";
    const [kb, ka] = [ofKey(b, key), ofKey(a, key)];
    const tried = candidates([...kb, ...ka]);
    const opaque = [rb, ra].some((q) => q !== undefined && !KNOWN.includes(q.operator));
    const lost = opaque ? undefined : lostLabel(kb, ka, tried);
    const drifts = opaque || (lost !== undefined && lostLabel([rb], [ra], tried) !== undefined);
    const field = `nodePool.template.spec.requirements[${k}]`;
    const example = lost?.label === undefined ? "without the label" : lost.label === UNNAMED ? `with a ${key} label of another value` : `labelled ${key}=${lost.label}`;
    const why = opaque ? `operator ${(rb ?? ra)?.operator ?? ""} is not in Karpenter's v1 API: assumed to drift the nodes whose labels no longer meet it`
      : drifts ? `requirements are checked against each node's labels (not hashed): nodes whose labels no longer meet those on ${key} drift (e.g. a node ${example})`
        : `requirements are checked against each node's labels (not hashed): every node that met those on ${key} still does (widened), none drifts; new nodes may use what is now allowed`;
    return [{ field, before: rb?.values, after: ra?.values, effect: drifts ? "roll" : "in-place", why }];
  });
}
