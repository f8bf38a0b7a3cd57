/**
 * Pure change review of the tenants' objects (components/tenants): namespaces, ResourceQuotas, LimitRanges, the
 * isolating NetworkPolicies, and the EKS access entries with their namespace-scoped policy associations. Per tenant
 * added, removed or changed: which objects come, go or change (field by field), and what that does, as hazards:
 * deleting a namespace deletes every object in it; quota and limit changes apply to pods admitted afterwards only; an
 * access change changes who can act in the tenant's namespaces; an isolation change applies to running pods at once.
 */
import { TENANT_LABEL } from "../../components/tenants";
import { ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, isRecord, LIMIT_RANGE_TYPE, NAMESPACE_TYPE, NETWORK_POLICY_TYPE, RESOURCE_QUOTA_TYPE } from "../../components/core";
import { stableJson } from "./change-diff";

const OBJECT_KINDS: Readonly<Record<string, TenantObjectKind>> = {
  [NAMESPACE_TYPE]: "Namespace",
  [RESOURCE_QUOTA_TYPE]: "ResourceQuota",
  [LIMIT_RANGE_TYPE]: "LimitRange",
  [NETWORK_POLICY_TYPE]: "NetworkPolicy",
  [ACCESS_ENTRY_TYPE]: "AccessEntry",
  [ACCESS_POLICY_ASSOCIATION_TYPE]: "AccessPolicyAssociation",
};

export type TenantObjectKind = "Namespace" | "ResourceQuota" | "LimitRange" | "NetworkPolicy" | "AccessEntry" | "AccessPolicyAssociation";

/** The parts of a plan resource this review reads (a ReviewResource satisfies it). */
export interface TenantResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** One tenant object that comes, goes or changes. */
export interface TenantObjectChange {
  readonly kind: TenantObjectKind;
  /** Plan resource name. */
  readonly resource: string;
  readonly change: "create" | "delete" | "update";
  /** Changed input leaves, `path: before → after` (updates only). */
  readonly fields: readonly string[];
}

/** One tenant's review. */
export interface TenantReview {
  readonly tenant: string;
  readonly change: "added" | "removed" | "changed";
  readonly objects: readonly TenantObjectChange[];
  /** What the change does, one sentence each. */
  readonly hazards: readonly string[];
}

const labelsOf = (r: TenantResource): Record<string, unknown> => {
  const m = r.inputs.metadata;
  return isRecord(m) && isRecord(m.labels) ? m.labels : {};
};
const nameOf = (r: TenantResource): string => {
  const m = r.inputs.metadata;
  return isRecord(m) && typeof m.name === "string" ? m.name : r.name;
};

/** Namespace name → tenant, from the plan's tenant namespaces. */
function namespaceTenants(rs: readonly TenantResource[]): Map<string, string> {
  return new Map(rs.filter((r) => r.type === NAMESPACE_TYPE && typeof labelsOf(r)[TENANT_LABEL] === "string").map((r) => [nameOf(r), String(labelsOf(r)[TENANT_LABEL])]));
}

/** The tenants an object belongs to: its `tenant` label, else (access) the tenants of the namespaces it is scoped to. */
function tenantsOf(r: TenantResource, all: readonly TenantResource[], nsTenants: ReadonlyMap<string, string>): string[] {
  const label = labelsOf(r)[TENANT_LABEL];
  if (typeof label === "string") return [label];
  const scoped = (a: TenantResource): string[] => {
    const scope = a.inputs.accessScope;
    const namespaces = isRecord(scope) && Array.isArray(scope.namespaces) ? scope.namespaces.map(String) : [];
    return namespaces.flatMap((ns) => nsTenants.get(ns) ?? []);
  };
  if (r.type === ACCESS_POLICY_ASSOCIATION_TYPE) return [...new Set(scoped(r))];
  const associations = all.filter((a) => a.type === ACCESS_POLICY_ASSOCIATION_TYPE && a.name.startsWith(`${r.name}-`));
  return [...new Set(associations.flatMap(scoped))];
}

/** Changed leaves of two inputs (objects walked; arrays and scalars compared whole). */
function leafChanges(before: unknown, after: unknown, path = ""): string[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => leafChanges(before[k], after[k], path === "" ? k : `${path}.${k}`));
  }
  if (stableJson(before) === stableJson(after)) return [];
  const show = (v: unknown): string => (v === undefined ? "(none)" : typeof v === "string" ? v : stableJson(v));
  return [`${path}: ${show(before)} → ${show(after)}`];
}

/** Per tenant, its objects keyed `type/name`. */
function byTenant(rs: readonly TenantResource[]): Map<string, Map<string, TenantResource>> {
  const nsTenants = namespaceTenants(rs);
  const out = new Map<string, Map<string, TenantResource>>();
  for (const r of rs.filter((x) => x.type in OBJECT_KINDS)) {
    for (const t of tenantsOf(r, rs, nsTenants)) {
      const objects = out.get(t) ?? new Map<string, TenantResource>();
      objects.set(`${r.type}/${r.name}`, r);
      out.set(t, objects);
    }
  }
  return out;
}

const principalOf = (r: TenantResource): string => (typeof r.inputs.principalArn === "string" ? r.inputs.principalArn : r.name);

/** The hazards of one object change. */
function hazardsOf(o: TenantObjectChange, r: TenantResource): string[] {
  if (o.kind === "Namespace" && o.change === "delete") {
    return [`namespace ${nameOf(r)} is deleted, and with it every object in it (workloads, services, secrets, config maps, persistent volume claims, the tenant's quota and policies); nothing in it survives`];
  }
  if ((o.kind === "ResourceQuota" || o.kind === "LimitRange") && o.change !== "delete") {
    const what = o.kind === "ResourceQuota" ? "quota" : "container defaults";
    return [`the ${what} of namespace ${String(isRecord(r.inputs.metadata) ? r.inputs.metadata.namespace : "")} applies to pods admitted from now on; running pods keep what they were admitted with${o.kind === "ResourceQuota" ? " (a quota below current use blocks new pods until use drops)" : ""}`];
  }
  if ((o.kind === "ResourceQuota" || o.kind === "LimitRange") && o.change === "delete") {
    return [`the ${o.kind === "ResourceQuota" ? "quota" : "container defaults"} of ${o.resource} go: new pods are no longer ${o.kind === "ResourceQuota" ? "limited" : "given defaults"}`];
  }
  if (o.kind === "NetworkPolicy") return [`isolation ${o.change === "delete" ? "is removed" : "changes"} (${o.resource}): the network policy engine applies it to running pods at once`];
  if (o.kind === "AccessEntry" || o.kind === "AccessPolicyAssociation") {
    const policy = typeof r.inputs.policyArn === "string" ? ` ${r.inputs.policyArn.split("/").pop() ?? ""}` : "";
    const verb = o.change === "create" ? "gains" : o.change === "delete" ? "loses" : "changes";
    return [`who can act changes: ${principalOf(r)} ${verb}${policy} access${o.kind === "AccessEntry" ? " to the cluster (access entry)" : ""}`];
  }
  return [];
}

/** Reviews every tenant of either plan, current first; tenants with nothing changed are left out. */
export function reviewTenants(current: readonly TenantResource[], baseline: readonly TenantResource[]): TenantReview[] {
  const now = byTenant(current);
  const before = byTenant(baseline);
  const names = [...new Set([...now.keys(), ...before.keys()])];
  return names.flatMap((tenant): TenantReview[] => {
    const a = now.get(tenant) ?? new Map<string, TenantResource>();
    const b = before.get(tenant) ?? new Map<string, TenantResource>();
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    const changed = keys.flatMap((k): { o: TenantObjectChange; r: TenantResource }[] => {
      const x = a.get(k);
      const y = b.get(k);
      const r = (x ?? y) as TenantResource;
      const kind = OBJECT_KINDS[r.type];
      if (x && !y) return [{ o: { kind, resource: r.name, change: "create", fields: [] }, r }];
      if (!x && y) return [{ o: { kind, resource: r.name, change: "delete", fields: [] }, r }];
      const fields = leafChanges(y?.inputs, x?.inputs);
      return fields.length > 0 ? [{ o: { kind, resource: r.name, change: "update", fields }, r }] : [];
    });
    if (changed.length === 0) return [];
    const change = b.size === 0 ? "added" : a.size === 0 ? "removed" : "changed";
    const hazards = [...new Set(changed.flatMap(({ o, r }) => hazardsOf(o, r)))];
    return [{ tenant, change, objects: changed.map((c) => c.o), hazards }];
  });
}

/** Text lines of the tenants' review (none when nothing changed). */
export function renderTenantReview(reviews: readonly TenantReview[]): string[] {
  return reviews.flatMap((t) => [
    `  tenant ${t.tenant}: ${t.change}`,
    ...t.objects.map((o) => `    ${o.change} ${o.kind} ${o.resource}${o.fields.length > 0 ? `: ${o.fields.join("; ")}` : ""}`),
    ...t.hazards.map((h) => `    hazard: ${h}`),
  ]);
}
