/** A tenant's dedicated pool: the label and NoSchedule taint `tenant=<name>` merged into the pool's own. Pure. */
import { ConfigIssue } from "../core";
import { TENANT_LABEL } from "./plan";

/** A node taint as pools write it (`WorkerPoolArgs.taints[]`). */
export interface PoolTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule";
}

/** The pool's labels and taints with the tenant's, and the conflicts (at `<at>.labels.tenant`, `<at>.taints[j]`). */
export interface TenantPlacement {
  readonly labels: Record<string, string>;
  readonly taints: PoolTaint[];
  readonly issues: ConfigIssue[];
}

/** The taint every node of tenant `name`'s pool carries: only pods tolerating it (the tenant's) land there. */
export const tenantTaint = (name: string): PoolTaint => ({ key: TENANT_LABEL, value: name, effect: "NoSchedule" });

/** Merges the tenant's label and taint into a pool's; a `tenant` label or taint of another value or effect is a conflict. */
export function mergeTenantPlacement(
  pool: { readonly labels?: Readonly<Record<string, string>>; readonly taints?: readonly PoolTaint[] }, tenant: string, at: string,
): TenantPlacement {
  const issues: ConfigIssue[] = [];
  const own = pool.labels?.[TENANT_LABEL];
  if (own !== undefined && own !== tenant) {
    issues.push({ path: `${at}.labels.${TENANT_LABEL}`, message: `"${own}", but the pool is dedicated to tenant "${tenant}" (label ${TENANT_LABEL}=${tenant}); remove the label or make it "${tenant}"` });
  }
  const wanted = tenantTaint(tenant);
  const taints = [...(pool.taints ?? [])];
  taints.forEach((t, j) => {
    if (t.key === TENANT_LABEL && ((t.value ?? "") !== tenant || t.effect !== wanted.effect)) {
      issues.push({ path: `${at}.taints[${j}]`, message: `${t.key}=${t.value ?? ""}:${t.effect} conflicts with the tenant taint ${TENANT_LABEL}=${tenant}:${wanted.effect} of the pool's tenant "${tenant}"; remove it` });
    }
  });
  const present = taints.some((t) => t.key === wanted.key && t.value === wanted.value && t.effect === wanted.effect);
  return { labels: { ...pool.labels, [TENANT_LABEL]: tenant }, taints: present ? taints : [...taints, wanted], issues };
}
