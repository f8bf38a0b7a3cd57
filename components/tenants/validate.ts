/**
 * Validation of the tenants: names, namespaces (DNS-1123 labels, reserved, in two tenants), principals (IAM role or user
 * ARNs, not a cluster admin, not admin and viewer at once), quantities and pools. Pure; every issue at the path the user
 * wrote (`<at>[i].namespaces[j]`).
 */
import { AWS_PARTITIONS, ConfigIssue } from "../core";
import { isQuantity, parseQuantity, quantitySign } from "../kubelet";
import { PLATFORM_NAMESPACES } from "../addons";
import { ContainerResources, NETWORK_ISOLATIONS, POD_SECURITY_LEVELS, Quantity, ResolvedTenant } from "./args";

/** A DNS-1123 label: what Kubernetes accepts as a namespace name (and we as a tenant name). */
const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_LABEL_MAX = 63;
/** Kubernetes' own namespaces; with {@link PLATFORM_NAMESPACES}, no tenant may take them. */
export const KUBERNETES_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
export const RESERVED_NAMESPACES: readonly string[] = [...new Set([...KUBERNETES_NAMESPACES, ...PLATFORM_NAMESPACES])];
/** EKS access entries take IAM role and user ARNs (not an STS assumed-role session, not a group). */
const PRINCIPAL_ARN = new RegExp(`^arn:(${AWS_PARTITIONS.join("|")}):iam::\\d{12}:(role|user)/[\\w+=,.@/-]+$`);

/** What the tenants are checked against besides themselves. */
export interface TenantContext {
  /** Cluster admins (`workerpools:cluster.admins`) with the path they are written at. @default - none */
  readonly clusterAdmins?: readonly string[];
  readonly clusterAdminsPath?: string;
  /** Pool names; undefined: pools are not known here (the pool of a tenant is then not checked). */
  readonly poolNames?: readonly string[];
}

/** A DNS-1123 label problem of `value`, or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > DNS_1123_LABEL_MAX) return `"${value}" has ${value.length} characters; a DNS-1123 label has at most ${DNS_1123_LABEL_MAX}`;
  if (!DNS_1123_LABEL.test(value)) return `"${value}" is not a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit`;
  return undefined;
}

function quantityIssues(value: Quantity | undefined, at: string): ConfigIssue[] {
  if (value === undefined) return [];
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? [] : [{ path: at, message: `must be a non-negative quantity, got ${value}` }];
  if (!isQuantity(value)) return [{ path: at, message: `"${value}" is not a Kubernetes quantity (such as 500m, 2, 128Mi, 1.5Gi)` }];
  return quantitySign(value) === -1 ? [{ path: at, message: `must not be negative, got "${value}"` }] : [];
}

const amount = (q: Quantity | undefined): number | undefined => (q === undefined ? undefined : typeof q === "number" ? q : parseQuantity(q));

function limitsIssues(t: ResolvedTenant, at: string): ConfigIssue[] {
  const l = t.limits;
  if (!l) return [];
  const sides = [["defaultRequest", l.defaultRequest], ["default", l.default]] as const;
  const issues = sides.flatMap(([key, r]: readonly [string, ContainerResources | undefined]) =>
    (["cpu", "memory"] as const).flatMap((res) => quantityIssues(r?.[res], `${at}.limits.${key}.${res}`)));
  if (issues.length > 0) return issues;
  for (const res of ["cpu", "memory"] as const) {
    const request = amount(l.defaultRequest?.[res]);
    const limit = amount(l.default?.[res]);
    if (request !== undefined && limit !== undefined && request > limit) {
      issues.push({ path: `${at}.limits.defaultRequest.${res}`, message: `${String(l.defaultRequest?.[res])} is above the default limit ${String(l.default?.[res])}; Kubernetes refuses a LimitRange whose default request exceeds its default limit` });
    }
  }
  return issues;
}

function quotaIssues(t: ResolvedTenant, at: string): ConfigIssue[] {
  const q = t.quota;
  if (!q) return [];
  const pods = q.pods === undefined || (Number.isInteger(q.pods) && q.pods >= 0) ? [] : [{ path: `${at}.quota.pods`, message: `must be a non-negative integer, got ${q.pods}` }];
  return [...quantityIssues(q.cpu, `${at}.quota.cpu`), ...quantityIssues(q.memory, `${at}.quota.memory`), ...pods];
}

function principalIssues(t: ResolvedTenant, at: string, ctx: TenantContext): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const admins = new Set(ctx.clusterAdmins ?? []);
  const adminsAt = ctx.clusterAdminsPath ?? "cluster.admins";
  for (const role of ["admins", "viewers"] as const) {
    const seen = new Set<string>();
    t[role].forEach((arn, j) => {
      const path = `${at}.${role}[${j}]`;
      if (!PRINCIPAL_ARN.test(arn)) issues.push({ path, message: `"${arn}" is not an IAM role or user ARN (arn:aws:iam::<account>:role/<name>); EKS access entries take no other principal` });
      else if (admins.has(arn)) issues.push({ path, message: `${arn} is a cluster admin (${adminsAt}): it has a cluster-wide access entry already, and a principal has one access entry per cluster` });
      else if (seen.has(arn)) issues.push({ path, message: `${arn} is listed twice` });
      else if (role === "viewers" && t.admins.includes(arn)) issues.push({ path, message: `${arn} is also an admin of tenant "${t.name}"; list it once (admins can view)` });
      seen.add(arn);
    });
  }
  return issues;
}

function enumIssues(t: ResolvedTenant, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!(POD_SECURITY_LEVELS as readonly string[]).includes(t.podSecurity)) {
    issues.push({ path: `${at}.podSecurity`, message: `unknown Pod Security Admission level "${t.podSecurity}"; one of ${POD_SECURITY_LEVELS.join(", ")}` });
  }
  if (!(NETWORK_ISOLATIONS as readonly string[]).includes(t.networkIsolation)) {
    issues.push({ path: `${at}.networkIsolation`, message: `unknown "${t.networkIsolation}"; one of ${NETWORK_ISOLATIONS.join(", ")}` });
  }
  return issues;
}

/** Every problem of the tenants; `at` is the list's path (`workerpools:tenants`). */
export function validateTenants(tenants: readonly ResolvedTenant[], at: string, ctx: TenantContext = {}): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const nameOwner = new Map<string, number>();
  const namespaceOwner = new Map<string, string>();
  const poolOwner = new Map<string, string>();
  tenants.forEach((t, i) => {
    const tAt = `${at}[${i}]`;
    const nameProblem = dns1123LabelProblem(t.name);
    if (nameProblem) issues.push({ path: `${tAt}.name`, message: nameProblem });
    else if (nameOwner.has(t.name)) issues.push({ path: `${tAt}.name`, message: `duplicate tenant name "${t.name}" (also ${at}[${nameOwner.get(t.name)}])` });
    nameOwner.set(t.name, nameOwner.get(t.name) ?? i);
    if (t.namespaces.length === 0) issues.push({ path: `${tAt}.namespaces`, message: "a tenant needs at least one namespace" });
    t.namespaces.forEach((ns, j) => {
      const path = `${tAt}.namespaces[${j}]`;
      const owner = namespaceOwner.get(ns);
      const problem = dns1123LabelProblem(ns);
      if (problem) issues.push({ path, message: problem });
      else if (RESERVED_NAMESPACES.includes(ns)) issues.push({ path, message: `"${ns}" is reserved (Kubernetes' or the platform's own: ${RESERVED_NAMESPACES.join(", ")})` });
      else if (owner === t.name) issues.push({ path, message: `"${ns}" is listed twice` });
      else if (owner !== undefined) issues.push({ path, message: `namespace "${ns}" already belongs to tenant "${owner}"; a namespace belongs to one tenant` });
      if (owner === undefined) namespaceOwner.set(ns, t.name);
    });
    if (t.pool !== undefined) {
      const owner = poolOwner.get(t.pool);
      if (ctx.poolNames && !ctx.poolNames.includes(t.pool)) issues.push({ path: `${tAt}.pool`, message: `no pool named "${t.pool}"; pools are ${ctx.poolNames.join(", ")}` });
      else if (owner !== undefined) issues.push({ path: `${tAt}.pool`, message: `pool "${t.pool}" is already dedicated to tenant "${owner}"; a dedicated pool serves one tenant` });
      if (owner === undefined) poolOwner.set(t.pool, t.name);
    }
    issues.push(...principalIssues(t, tAt, ctx), ...quotaIssues(t, tAt), ...limitsIssues(t, tAt), ...enumIssues(t, tAt));
  });
  return issues;
}
