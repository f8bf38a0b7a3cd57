/**
 * Pure change review of what is not a pool: each EKS addon's configuration values (decoded, compared value by value,
 * e.g. `vpc-cni.env.ENABLE_POD_ENI`) and the control plane's inputs (the `eks:index:Cluster` inputs, the ControlPlane
 * component's `zonalShiftConfig`, the cluster role's policy attachments), each change with what EKS does, from
 * components/facts/data/eks-platform-update.json.
 */
import * as YAML from "yaml";
import {
  ADDON_WORKLOADS, AddonWorkload, CLUSTER_ROLE_POLICY_EFFECT, PlatformFieldEffect, SCALE_ONLY_ADDON_KEYS, clusterInputEffect,
} from "../../components/facts";
import { ADDON_TYPE, CLUSTER_TYPE, CONTROL_PLANE_TYPE, isRecord, ROLE_POLICY_ATTACHMENT_TYPE, unionKeys } from "../../components/core";
import { FieldChange, stableJson } from "./change-diff";

/** The parts of a plan resource this review reads (a ReviewResource satisfies it). */
export interface PlatformResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Parent URN. @default - a root */
  readonly parent?: string;
}

/** One EKS addon's review: its changed configuration values and what the update does to its pods. */
export interface AddonReview {
  /** EKS addon name, e.g. `vpc-cni`. */
  readonly addon: string;
  /** Plan resource name, e.g. `addons-vpc-cni`. */
  readonly resource: string;
  /** `update`: UpdateAddon in place; `create` / `delete`: the addon comes or goes. */
  readonly kind: "update" | "create" | "delete";
  /** Per changed value, field `<addon>.<path>`, e.g. `vpc-cni.env.ENABLE_POD_ENI`; effect `in-place`. */
  readonly changes: readonly FieldChange[];
  /** What happens to its pods and nodes, one sentence. */
  readonly effect: string;
}

/** The control plane's review. */
export interface ControlPlaneReview {
  /** `replace` when a change is ForceNew, `in-place` when something changes, else `none`. */
  readonly consequence: "none" | "in-place" | "replace";
  /** Per changed input: `enabledClusterLogTypes`, `zonalShiftConfig.enabled`, `clusterRole.policyArns`... */
  readonly changes: readonly FieldChange[];
}

const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

/** Decoded `configurationValues` (JSON or YAML text); undefined when absent or not a mapping. */
export function decodeConfigurationValues(v: unknown): Record<string, unknown> | undefined {
  if (typeof v !== "string" || v.trim() === "") return undefined;
  try {
    const parsed: unknown = YAML.parse(v);
    return isRecord(parsed) ? parsed : { "(text)": v };
  } catch {
    return { "(text)": v };
  }
}

/** Leaf values by dotted path (objects are walked; lists and scalars are leaves). */
export function leafValues(value: Readonly<Record<string, unknown>>, prefix = ""): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (isRecord(v) && Object.keys(v).length > 0) Object.assign(out, leafValues(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

function workloadText(w: AddonWorkload | undefined): string {
  return w ? `the ${w.name} ${w.kind} (${w.namespace})${w.also ? ` and ${w.also}` : ""}` : "the addon's workloads";
}

/** What an addon configuration change does: UpdateAddon in place, the workload rolls its pods (or only scales). */
export function addonUpdateEffect(addon: string, paths: readonly string[]): string {
  const w = ADDON_WORKLOADS[addon];
  const what = workloadText(w);
  if (paths.length > 0 && paths.every((p) => SCALE_ONLY_ADDON_KEYS.includes(p))) {
    return `EKS updates the addon in place (UpdateAddon); ${what} only changes its replica count: pods are added or removed, none restarts; no node is replaced`;
  }
  const pods = w?.kind === "DaemonSet" ? `its pod on every node restarts, a few nodes at a time (DaemonSet rolling update)` : "its pods are replaced by a rolling update";
  return `EKS updates the addon in place (UpdateAddon) and ${what} gets a new pod template: ${pods}; no node is replaced`;
}

function reviewAddon(before: PlatformResource | undefined, after: PlatformResource | undefined): AddonReview | undefined {
  const r = (after ?? before) as PlatformResource;
  const addon = typeof r.inputs.addonName === "string" ? r.inputs.addonName : r.name;
  if (!before || !after) {
    const kind = before ? "delete" : "create";
    return { addon, resource: r.name, kind, changes: [], effect: kind === "create" ? `EKS installs the addon (CreateAddon): ${workloadText(ADDON_WORKLOADS[addon])} starts` : `EKS removes the addon (DeleteAddon) and ${workloadText(ADDON_WORKLOADS[addon])}` };
  }
  const [b, a] = [leafValues(decodeConfigurationValues(before.inputs.configurationValues) ?? {}), leafValues(decodeConfigurationValues(after.inputs.configurationValues) ?? {})];
  const paths = unionKeys(b, a).filter((k) => !same(b[k], a[k]));
  if (paths.length === 0) return undefined;
  const effect = addonUpdateEffect(addon, paths);
  const changes = paths.map((p): FieldChange => ({ field: `${addon}.${p}`, before: b[p], after: a[p], effect: "in-place", why: effect }));
  return { addon, resource: r.name, kind: "update", changes, effect };
}

const byName = (rs: readonly PlatformResource[], type: string): Map<string, PlatformResource> =>
  new Map(rs.filter((r) => r.type === type).map((r) => [r.name, r]));

/** Addons whose configuration values changed, or that come or go; current order first. */
export function reviewAddons(current: readonly PlatformResource[], baseline: readonly PlatformResource[]): AddonReview[] {
  const [after, before] = [byName(current, ADDON_TYPE), byName(baseline, ADDON_TYPE)];
  return [...new Set([...after.keys(), ...before.keys()])].flatMap((n) => reviewAddon(before.get(n), after.get(n)) ?? []);
}

/** Cluster inputs compared as one value (maps of their own resources, tags) rather than walked. */
const WHOLE_INPUTS = ["accessEntries", "tags"];
/** Cluster inputs the provider keeps as sets: order does not matter. */
const SET_INPUTS = ["enabledClusterLogTypes", "publicAccessCidrs", "privateSubnetIds", "publicSubnetIds"];

function clusterLeaves(inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (SET_INPUTS.includes(k) && Array.isArray(v)) out[k] = (v as unknown[]).map(String).sort();
    else if (!WHOLE_INPUTS.includes(k) && isRecord(v) && Object.keys(v).length > 0) Object.assign(out, leafValues(v, `${k}.`));
    else out[k] = v;
  }
  return out;
}

const UNTABLED: PlatformFieldEffect = {
  effect: "in-place",
  why: "not in the table of cluster inputs (components/facts/data/eks-platform-update.json): `pulumi preview` shows whether the provider updates or replaces",
};

function inputChanges(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): FieldChange[] {
  const [b, a] = [clusterLeaves(before), clusterLeaves(after)];
  return unionKeys(b, a).filter((k) => !same(b[k], a[k])).map((field) => {
    const e = clusterInputEffect(field) ?? UNTABLED;
    return { field, before: b[field], after: a[field], effect: e.effect, why: e.why };
  });
}

/** Policy ARNs attached to the cluster role: attachments whose parent is the ControlPlane component. */
function clusterRolePolicies(rs: readonly PlatformResource[]): string[] {
  return rs.filter((r) => r.type === ROLE_POLICY_ATTACHMENT_TYPE && (r.parent ?? "").includes(`${CONTROL_PLANE_TYPE}::`))
    .map((r) => String(r.inputs.policyArn)).sort();
}

/** The control plane's changed inputs, zonal shift and cluster role policies. */
export function reviewControlPlane(current: readonly PlatformResource[], baseline: readonly PlatformResource[]): ControlPlaneReview {
  const inputs = (rs: readonly PlatformResource[]): Record<string, unknown> => ({
    ...(rs.find((r) => r.type === CLUSTER_TYPE)?.inputs ?? {}),
    ...(rs.find((r) => r.type === CONTROL_PLANE_TYPE)?.inputs ?? {}),
  });
  const changes = inputChanges(inputs(baseline), inputs(current));
  const [pb, pa] = [clusterRolePolicies(baseline), clusterRolePolicies(current)];
  if (!same(pb, pa)) changes.push({ field: "clusterRole.policyArns", before: pb, after: pa, ...CLUSTER_ROLE_POLICY_EFFECT });
  const consequence = changes.some((c) => c.effect === "replace") ? "replace" : changes.length > 0 ? "in-place" : "none";
  return { consequence, changes };
}
