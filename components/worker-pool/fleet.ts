/** Checks over a cluster's pools together (what no single pool shows): EKS's node group quota, CoreDNS's pool taints. Pure. */
import { ConfigIssue } from "../core";
import { eksLimit } from "../facts";
import type { Layout, Taint } from "./args";

/** The managed node groups a pool makes: one (`spread`) or one per AZ (`per-zone`). */
export const nodeGroupCount = (layout: Layout, availabilityZones: readonly string[]): number =>
  layout === "per-zone" ? availabilityZones.length : 1;

/** Pools shown by name in the quota warning; the rest are counted. */
const LISTED_POOLS = 5;

/**
 * A warning past EKS's default quota of managed node groups per cluster (adjustable in Service Quotas): creating the
 * group past it fails. `at` is the pools' path.
 */
export function validateNodeGroupQuota(pools: readonly { readonly name: string; readonly nodeGroups: number }[], at: string): ConfigIssue[] {
  const quota = eksLimit("managedNodeGroupsPerCluster");
  const total = pools.reduce((s, p) => s + p.nodeGroups, 0);
  if (total <= quota) return [];
  const top = [...pools].sort((x, y) => y.nodeGroups - x.nodeGroups);
  const listed = top.slice(0, LISTED_POOLS).map((p) => `${p.name} ${p.nodeGroups}`).join(", ");
  const rest = top.length > LISTED_POOLS ? `, and ${top.length - LISTED_POOLS} more pools` : "";
  return [{
    path: at,
    severity: "warning",
    message: `${total} managed node groups (per-zone pools make one per AZ: ${listed}${rest}), past EKS's default quota of ${quota} per cluster: creating node group ${quota + 1} fails unless "Managed node groups per cluster" was raised in Service Quotas (the quota is adjustable); or use spread layouts or fewer pools`,
  }];
}

/**
 * NoExecute taints on the pool CoreDNS runs on (`addons.coredns.pool`). CoreDNS tolerates its pool's taints, but the
 * coredns addon updates after every node group (it waits for nodes), so a NoExecute taint added to running nodes
 * evicts CoreDNS before the addon tolerates it: a DNS outage until the addon update. The order cannot be reversed
 * (on create the addon needs the nodes), so this is a warning with the safe sequence. `at` is the pool's path.
 */
export function corednsTaintWarnings(taints: readonly Taint[], corednsPool: string, at: string): ConfigIssue[] {
  return taints.flatMap((t, i): ConfigIssue[] => t.effect !== "NoExecute" ? [] : [{
    path: `${at}.taints[${i}]`,
    severity: "warning",
    message: `NoExecute on "${corednsPool}", CoreDNS's pool: added to running nodes it evicts CoreDNS before the coredns addon (updated after every node group) tolerates it, so DNS fails meanwhile. New clusters are fine; on a running one, move CoreDNS off the pool (addons.coredns.pool) and deploy, then add the taint and move CoreDNS back`,
  }]);
}
