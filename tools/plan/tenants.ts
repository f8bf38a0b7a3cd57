/** Pure: the tenants of a stack as the plan shows them (namespaces, quota, Pod Security Admission, isolation, access, pool). */
import { planTenantAccess, planTenantNamespaces, resolveTenant, tenantTaint } from "../../components/tenants";
import type { StackConfig } from "../../infra/stack-config";

/** One principal's namespace-scoped access in a tenant. */
export interface TenantAccessSummary {
  readonly principalArn: string;
  readonly policyArn: string;
  /** Every namespace the association is scoped to (the principal's namespaces in all its tenants, one association per policy). */
  readonly namespaces: readonly string[];
}

/** One tenant in the plan. */
export interface TenantSummary {
  readonly tenant: string;
  readonly namespaces: readonly string[];
  /** The PSA level enforced, audited and warned, and the standards' version. */
  readonly podSecurity: { readonly level: string; readonly version: string };
  readonly isolation: "namespace" | "none";
  /** ResourceQuota `spec.hard` of each namespace. @default - none */
  readonly quota?: Readonly<Record<string, string>>;
  /** LimitRange Container defaults of each namespace. @default - none */
  readonly limits?: { readonly default?: Readonly<Record<string, string>>; readonly defaultRequest?: Readonly<Record<string, string>> };
  readonly access: readonly TenantAccessSummary[];
  /** The dedicated pool with the label and taint it gets. @default - none */
  readonly pool?: { readonly name: string; readonly label: string; readonly taint: string };
}

/** The tenants, in config order (empty: the stack has none). */
export function summarizeTenants(config: StackConfig): TenantSummary[] {
  const tenants = config.tenants.map(resolveTenant);
  const namespaces = planTenantNamespaces(tenants, config.controlPlane.kubernetesVersion);
  const access = planTenantAccess(tenants);
  return tenants.map((t) => {
    const first = namespaces.find((ns) => ns.tenant === t.name);
    const item = first?.limitRange?.limits[0];
    const taint = tenantTaint(t.name);
    return {
      tenant: t.name,
      namespaces: [...t.namespaces],
      podSecurity: { level: t.podSecurity, version: first?.labels["pod-security.kubernetes.io/enforce-version"] ?? "" },
      isolation: t.networkIsolation,
      ...(first?.quota ? { quota: first.quota.hard } : {}),
      ...(item ? { limits: { ...(item.default ? { default: item.default } : {}), ...(item.defaultRequest ? { defaultRequest: item.defaultRequest } : {}) } } : {}),
      access: access.flatMap((e) => e.associations.filter((a) => a.tenants.includes(t.name))
        .map((a) => ({ principalArn: e.principalArn, policyArn: a.policyArn, namespaces: a.namespaces }))),
      ...(t.pool ? { pool: { name: t.pool, label: `${taint.key}=${taint.value ?? ""}`, taint: `${taint.key}=${taint.value ?? ""}:${taint.effect}` } } : {}),
    };
  });
}

const pairs = (r: Readonly<Record<string, string>> | undefined): string => (r ? Object.entries(r).map(([k, v]) => `${k}=${v}`).join(", ") : "none");

/** Text, one block per tenant. */
export function renderTenants(tenants: readonly TenantSummary[]): string {
  const lines = ["Tenants (namespaces; Pod Security Admission; quota and limits per namespace; isolation; namespace-scoped access; pool):"];
  for (const t of tenants) {
    lines.push(`  ${t.tenant}: ${t.namespaces.join(", ")}`);
    lines.push(`    pod security: ${t.podSecurity.level} (enforce, audit, warn; ${t.podSecurity.version})`);
    lines.push(`    quota: ${pairs(t.quota)}; limits: default ${pairs(t.limits?.default)}, defaultRequest ${pairs(t.limits?.defaultRequest)}`);
    lines.push(`    isolation: ${t.isolation === "namespace" ? "ingress only from its own namespaces (NetworkPolicy tenant-isolation)" : "none"}`);
    for (const a of t.access) lines.push(`    access: ${a.principalArn} ${a.policyArn.split("/").pop() ?? a.policyArn} on ${a.namespaces.join(", ")}`);
    if (t.access.length === 0) lines.push("    access: none (cluster admins only)");
    lines.push(`    pool: ${t.pool ? `${t.pool.name} (label ${t.pool.label}, taint ${t.pool.taint})` : "shared pools"}`);
  }
  return lines.join("\n");
}
