/**
 * The tenants against the rest of the stack config: their own rules (components/tenants), the pools they name and the
 * cluster admins, the dedicated pools' labels and taints, and CoreDNS kept off dedicated pools. Pure.
 */
import { ConfigIssue } from "../components/core";
import { mergeTenantPlacement, resolveTenant, validateTenants } from "../components/tenants";
import type { StackConfig } from "./stack-config";

const NS = "workerpools";

/** Every tenant problem at the config path users wrote; `poolIndex[i]` is config pool i's index; pools absent: not checked. */
export function validateStackTenants(c: StackConfig, poolIndex: readonly number[], poolsComplete: boolean): ConfigIssue[] {
  const tenants = c.tenants.map(resolveTenant);
  const issues = validateTenants(tenants, `${NS}:tenants`, {
    clusterAdmins: c.controlPlane.admins ?? [],
    clusterAdminsPath: `${NS}:cluster.admins`,
    ...(poolsComplete ? { poolNames: c.pools.map((p) => p.name) } : {}),
  });
  c.pools.forEach((p, i) => {
    const tenant = tenants.find((t) => t.pool === p.name);
    if (tenant) issues.push(...mergeTenantPlacement(p.args, tenant.name, `${NS}:pools[${poolIndex[i]}]`).issues);
  });
  const coredns = c.addons.coredns?.pool;
  const owner = tenants.find((t) => coredns !== undefined && t.pool === coredns);
  if (owner) {
    issues.push({ path: `${NS}:addons.coredns.pool`, message: `"${coredns}" is dedicated to tenant "${owner.name}" (tainted tenant=${owner.name}:NoSchedule): cluster DNS would run on the tenant's nodes; choose a shared pool` });
  }
  return issues;
}
