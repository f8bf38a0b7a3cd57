/** Security groups for Pods need a trunk network interface: every instance type of the pool must take one. Pure. */
import { ConfigIssue } from "../core";
import { TRUNK_ENI_SOURCE, lookupInstanceType, trunkEniSupport } from "../facts";
import type { ResolvedWorkerPoolArgs } from "./args";

/**
 * With the cluster's `podSecurityGroups` on, each of the pool's instance types the VPC resource controller attaches no
 * trunk interface to is refused at `instanceTypes[i]` (pods with a SecurityGroupPolicy could never start there); a type
 * missing from the shipped table is a warning. `at` is the pool's path.
 */
export function validatePodSecurityGroupTypes(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  if (!a.podSecurityGroups) return [];
  return a.instanceTypes.flatMap((t, i): ConfigIssue[] => {
    const support = trunkEniSupport(t);
    if (support.kind === "compatible") return [];
    const path = `${at}.instanceTypes[${i}]`;
    if (support.kind === "incompatible") {
      return [{ path, message: `"${t}" takes no trunk network interface (IsTrunkingCompatible false in ${TRUNK_ENI_SOURCE}), which addons.vpcCni.podSecurityGroups needs; use a Nitro type such as m5, c6i, r6g (no t family)` }];
    }
    // An unknown type is already refused by the instance checks; only a type known there but not here is news.
    return lookupInstanceType(t) === undefined ? [] : [{ path, severity: "warning", message: `"${t}" is not in the shipped trunk interface table (${TRUNK_ENI_SOURCE}); security groups for Pods may not work on it` }];
  });
}

/** Branch interfaces (pods with their own security groups) per node: the fewest among the pool's types, when all are known. */
export function branchInterfacesPerNode(instanceTypes: readonly string[]): number | undefined {
  const counts = instanceTypes.flatMap((t) => {
    const s = trunkEniSupport(t);
    return s.kind === "compatible" ? [s.branchInterfaces] : [];
  });
  return counts.length > 0 && counts.length === instanceTypes.length ? Math.min(...counts) : undefined;
}
