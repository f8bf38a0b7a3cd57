/**
 * Pure planning of the tenants: per namespace its labels (Pod Security Admission, `tenant`), ResourceQuota, LimitRange
 * and isolating NetworkPolicy as Kubernetes objects; the EKS access entries, one per principal, with one namespace-scoped
 * policy association per access policy (EKS keys an association by cluster, principal and policy).
 */
import { createHash } from "node:crypto";
import { ContainerResources, PodSecurityLevel, Quantity, ResolvedTenant } from "./args";

/** The label of a tenant's namespaces and of its dedicated pool's nodes; the key of that pool's taint. */
export const TENANT_LABEL = "tenant";
export const ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy";
export const VIEW_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
/** The label the API server sets on every namespace (Kubernetes 1.22+): what the NetworkPolicy selects by. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
const PSA_MODES = ["enforce", "audit", "warn"] as const;

const quantity = (q: Quantity): string => String(q);
const resources = (r: ContainerResources | undefined): Record<string, string> | undefined => {
  const out = Object.fromEntries((["cpu", "memory"] as const).flatMap((k) => (r?.[k] === undefined ? [] : [[k, quantity(r[k])]])));
  return Object.keys(out).length > 0 ? out : undefined;
};

/** Pod Security Admission labels: the level enforced, audited and warned, each pinned to the cluster's minor. */
export function podSecurityLabels(level: PodSecurityLevel, kubernetesVersion: string): Record<string, string> {
  return Object.fromEntries(PSA_MODES.flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, level],
    [`pod-security.kubernetes.io/${mode}-version`, `v${kubernetesVersion}`],
  ]));
}

/** ResourceQuota `spec` (undefined: the tenant sets no quota). */
export function renderQuotaSpec(t: ResolvedTenant): { hard: Record<string, string> } | undefined {
  const q = t.quota;
  if (!q) return undefined;
  const hard = Object.fromEntries(([["cpu", q.cpu], ["memory", q.memory], ["pods", q.pods]] as const)
    .flatMap(([k, v]) => (v === undefined ? [] : [[k, quantity(v)]])));
  return Object.keys(hard).length > 0 ? { hard } : undefined;
}

/** One Container limit of a LimitRange. */
export interface LimitRangeItem {
  readonly type: "Container";
  readonly default?: Record<string, string>;
  readonly defaultRequest?: Record<string, string>;
}

/** LimitRange `spec` (undefined: the tenant sets no limits). */
export function renderLimitRangeSpec(t: ResolvedTenant): { limits: LimitRangeItem[] } | undefined {
  const def = resources(t.limits?.default);
  const req = resources(t.limits?.defaultRequest);
  if (!def && !req) return undefined;
  return { limits: [{ type: "Container", ...(def ? { default: def } : {}), ...(req ? { defaultRequest: req } : {}) }] };
}

/** NetworkPolicy `spec`: every pod of the namespace, ingress only from pods of the tenant's namespaces. */
export function renderIsolationSpec(t: ResolvedTenant) {
  return {
    podSelector: {},
    policyTypes: ["Ingress"],
    ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: [...t.namespaces] }] } }] }],
  };
}

/** One namespace of a tenant and its objects. */
export interface TenantNamespacePlan {
  readonly name: string;
  readonly tenant: string;
  readonly labels: Record<string, string>;
  readonly quota?: { hard: Record<string, string> };
  readonly limitRange?: { limits: LimitRangeItem[] };
  readonly networkPolicy?: ReturnType<typeof renderIsolationSpec>;
}

/** The namespaces of every tenant, in config order. */
export function planTenantNamespaces(tenants: readonly ResolvedTenant[], kubernetesVersion: string): TenantNamespacePlan[] {
  return tenants.flatMap((t) => t.namespaces.map((name) => {
    const quota = renderQuotaSpec(t);
    const limitRange = renderLimitRangeSpec(t);
    return {
      name, tenant: t.name,
      labels: { [TENANT_LABEL]: t.name, ...podSecurityLabels(t.podSecurity, kubernetesVersion) },
      ...(quota ? { quota } : {}),
      ...(limitRange ? { limitRange } : {}),
      ...(t.networkIsolation === "namespace" ? { networkPolicy: renderIsolationSpec(t) } : {}),
    };
  }));
}

/** An access policy association of one principal: the policy and the namespaces it is scoped to. */
export interface AccessAssociationPlan {
  readonly role: "admin" | "viewer";
  readonly policyArn: string;
  readonly namespaces: readonly string[];
  readonly tenants: readonly string[];
}

/** A principal's access entry (type STANDARD) and its associations. */
export interface AccessEntryPlan {
  /** Stable resource-name suffix: a hash of the ARN (adding or reordering principals leaves the others alone). */
  readonly key: string;
  readonly principalArn: string;
  readonly associations: readonly AccessAssociationPlan[];
}

const keyOf = (arn: string): string => createHash("sha256").update(arn).digest("hex").slice(0, 10);

/** One access entry per principal of the tenants; per policy, the union of its tenants' namespaces. */
export function planTenantAccess(tenants: readonly ResolvedTenant[]): AccessEntryPlan[] {
  const byPrincipal = new Map<string, Map<"admin" | "viewer", { namespaces: string[]; tenants: string[] }>>();
  for (const t of tenants) {
    for (const [role, arns] of [["admin", t.admins], ["viewer", t.viewers]] as const) {
      for (const arn of arns) {
        const roles = byPrincipal.get(arn) ?? new Map<"admin" | "viewer", { namespaces: string[]; tenants: string[] }>();
        const scope = roles.get(role) ?? { namespaces: [], tenants: [] };
        scope.namespaces.push(...t.namespaces.filter((ns) => !scope.namespaces.includes(ns)));
        if (!scope.tenants.includes(t.name)) scope.tenants.push(t.name);
        roles.set(role, scope);
        byPrincipal.set(arn, roles);
      }
    }
  }
  return [...byPrincipal].map(([principalArn, roles]) => ({
    key: keyOf(principalArn),
    principalArn,
    associations: (["admin", "viewer"] as const).flatMap((role) => {
      const scope = roles.get(role);
      return scope ? [{ role, policyArn: role === "admin" ? ADMIN_POLICY_ARN : VIEW_POLICY_ARN, ...scope }] : [];
    }),
  }));
}
