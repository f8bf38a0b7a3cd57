/**
 * Pure change review of the tenants' objects (components/tenants): namespaces, ResourceQuotas, LimitRanges, the
 * isolating NetworkPolicies, and the EKS access entries with their namespace-scoped policy associations. Each object is
 * classified once across the two whole plans (by type and plan name: a create, a delete or an update), then attributed
 * to the tenants it belongs to before and after, so a namespace moved to another tenant, or a renamed tenant, is an
 * update of its labels, never a delete. Per tenant added, removed or changed: which objects come, go or change (field
 * by field), and what that does, as hazards: deleting a namespace deletes every object in it; a raised Pod Security
 * enforce level refuses new pods that break it; quota and limit changes apply to pods admitted afterwards only; an
 * access change changes who can act in the tenant's namespaces; an isolation change applies to running pods at once.
 */
import { POD_SECURITY_LEVELS, TENANT_LABEL } from "../../components/tenants";
import { ACCESS_ENTRY_TYPE, ACCESS_POLICY_ASSOCIATION_TYPE, LIMIT_RANGE_TYPE, NAMESPACE_TYPE, NETWORK_POLICY_TYPE, RESOURCE_QUOTA_TYPE, isRecord } from "../../components/core";
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
  /** The tenants it belongs to before and after, when they differ (a namespace moved between tenants). @default - the same */
  readonly tenants?: { readonly before: readonly string[]; readonly after: readonly string[] };
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

/** The plan's tenant objects keyed `type/name`, each with the tenants it belongs to. */
function objectsOf(rs: readonly TenantResource[]): Map<string, { readonly r: TenantResource; readonly tenants: readonly string[] }> {
  const nsTenants = namespaceTenants(rs);
  return new Map(rs.filter((x) => x.type in OBJECT_KINDS).map((r) => [`${r.type}/${r.name}`, { r, tenants: tenantsOf(r, rs, nsTenants) }]));
}

const PSA_ENFORCE = "pod-security.kubernetes.io/enforce";

/** A namespace's Pod Security enforce level raised (new pods refused) or lowered, and its version changed. */
function podSecurityHazards(ns: string, before: TenantResource, after: TenantResource): string[] {
  const [lb, la] = [labelsOf(before), labelsOf(after)];
  // No enforce label: Pod Security Admission's default, privileged (unless the cluster's admission configuration says otherwise).
  const level = (l: Record<string, unknown>): string => (typeof l[PSA_ENFORCE] === "string" ? l[PSA_ENFORCE] : "privileged");
  const [b, a] = [level(lb), level(la)];
  const rank = (v: string): number => (POD_SECURITY_LEVELS as readonly string[]).indexOf(v);
  const out: string[] = [];
  // A level this review does not know is taken as raised.
  if (b !== a && (rank(a) > rank(b) || rank(a) < 0 || rank(b) < 0)) {
    out.push(`the Pod Security enforce level of namespace ${ns} rises from ${b} to ${a}: new pods that break ${a} are refused at admission, controllers' replacement pods among them; running pods keep running`);
  } else if (b !== a) out.push(`the Pod Security enforce level of namespace ${ns} is lowered from ${b} to ${a}: pods it refused before are admitted`);
  const version = (l: Record<string, unknown>): string => (typeof l[`${PSA_ENFORCE}-version`] === "string" ? String(l[`${PSA_ENFORCE}-version`]) : "latest");
  const [vb, va] = [version(lb), version(la)];
  if (vb !== va) out.push(`the Pod Security enforce version of namespace ${ns} changes from ${vb} to ${va}: new pods are checked against that version's ${a} profile`);
  return out;
}

const principalOf = (r: TenantResource): string => (typeof r.inputs.principalArn === "string" ? r.inputs.principalArn : r.name);

/** The hazards of one object change (`prior`: the object in the baseline, for an update). */
function hazardsOf(o: TenantObjectChange, r: TenantResource, prior?: TenantResource): string[] {
  if (o.kind === "Namespace" && o.change === "delete") {
    return [`namespace ${nameOf(r)} is deleted, and with it every object in it (workloads, services, secrets, config maps, persistent volume claims, the tenant's quota and policies); nothing in it survives`];
  }
  if (o.kind === "Namespace" && o.change === "update" && prior) {
    const moved = o.tenants ? [`namespace ${nameOf(r)} moves from tenant ${o.tenants.before.join(", ") || "(none)"} to ${o.tenants.after.join(", ") || "(none)"}: its labels are updated in place, every object in it stays`] : [];
    return [...moved, ...podSecurityHazards(nameOf(r), prior, r)];
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

const sameTenants = (a: readonly string[], b: readonly string[]): boolean => stableJson([...a].sort()) === stableJson([...b].sort());

/** Reviews every tenant of either plan, current first; tenants with nothing changed are left out. */
export function reviewTenants(current: readonly TenantResource[], baseline: readonly TenantResource[]): TenantReview[] {
  const [now, before] = [objectsOf(current), objectsOf(baseline)];
  const tenantsIn = (m: typeof now): Set<string> => new Set([...m.values()].flatMap((x) => x.tenants));
  const [tenantsNow, tenantsBefore] = [tenantsIn(now), tenantsIn(before)];
  // Each object classified once across the two plans, then attributed to its tenants before and after.
  const changes = [...new Set([...now.keys(), ...before.keys()])].flatMap((k) => {
    const [x, y] = [now.get(k), before.get(k)];
    const r = (x ?? y)?.r as TenantResource;
    const [from, to] = [y?.tenants ?? [], x?.tenants ?? []];
    const base = { kind: OBJECT_KINDS[r.type], resource: r.name };
    const fields = x && y ? leafChanges(y.r.inputs, x.r.inputs) : [];
    const o: TenantObjectChange | undefined = !y ? { ...base, change: "create", fields }
      : !x ? { ...base, change: "delete", fields }
        : fields.length === 0 ? undefined
          : { ...base, change: "update", fields, ...(sameTenants(from, to) ? {} : { tenants: { before: from, after: to } }) };
    return o ? [{ o, r, prior: y?.r, tenants: [...new Set([...from, ...to])] }] : [];
  });
  return [...new Set([...tenantsNow, ...tenantsBefore])].flatMap((tenant): TenantReview[] => {
    const mine = changes.filter((c) => c.tenants.includes(tenant));
    if (mine.length === 0) return [];
    const change = !tenantsBefore.has(tenant) ? "added" : !tenantsNow.has(tenant) ? "removed" : "changed";
    const hazards = [...new Set(mine.flatMap(({ o, r, prior }) => hazardsOf(o, r, prior)))];
    return [{ tenant, change, objects: mine.map((c) => c.o), hazards }];
  });
}

/** Text lines of the tenants' review (none when nothing changed). */
export function renderTenantReview(reviews: readonly TenantReview[]): string[] {
  return reviews.flatMap((t) => [
    `  tenant ${t.tenant}: ${t.change}`,
    ...t.objects.map((o) => `    ${o.change} ${o.kind} ${o.resource}${o.tenants ? ` (tenant ${o.tenants.before.join(", ")} → ${o.tenants.after.join(", ")})` : ""}${o.fields.length > 0 ? `: ${o.fields.join("; ")}` : ""}`),
    ...t.hazards.map((h) => `    hazard: ${h}`),
  ]);
}
