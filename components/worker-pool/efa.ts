/**
 * EFA network interfaces and cluster placement groups (`efa`, `placementGroup`): planned and validated. Pure.
 *
 * EC2 User Guide, efa-acc-inst-types ("Maximize network bandwidth on Amazon EC2 instances with multiple network cards"):
 * the primary network interface (network card 0, device index 0) is an EFA (EFA with ENA) interface, never EFA-only;
 * each further interface takes the next unused network card, device index 1, EFA or EFA-only; one EFA per network card.
 * Its P5 "use case 1" keeps one IP address per node: EFA-only on cards 1-31. We do the same on every type (the EKS User
 * Guide, device-management-efa, "Conserving IP address allocation": VPC CNI takes IPs on every IP-enabled interface),
 * as terraform-aws-eks v21 does by default (`enable_efa_only = true`, EFA on index 0 only).
 * The EFA security group admits all traffic from and to itself (EC2 User Guide, efa-start "Prepare an EFA-enabled
 * security group"); a cluster placement group lives in one AZ (EC2 User Guide, placement-strategies).
 */
import { ConfigIssue } from "../core";
import { acceleratorFacts } from "../facts";
import type { ResolvedWorkerPoolArgs } from "./args";

/** One network interface of the launch template. */
export interface EfaInterface {
  readonly networkCardIndex: number;
  readonly deviceIndex: number;
  /** `efa`: EFA with ENA (the primary, with the node's IP); `efa-only`: EFA device without an IP address. */
  readonly interfaceType: "efa" | "efa-only";
}

/** The pool's EFA interfaces and placement group. */
export interface EfaPlan {
  /** The launch template's `networkInterfaces` (empty: none listed). */
  readonly interfaces: readonly EfaInterface[];
  /** Whether the pool creates a cluster placement group for its launch template's `placement.groupName`. */
  readonly placementGroup: "none" | "cluster";
}

/** EFA interfaces one instance type supports (EC2 `MaximumEfaInterfaces`), 0 when none or unknown. */
export const maxEfaInterfaces = (instanceType: string): number => acceleratorFacts(instanceType)?.efa?.maxInterfaces ?? 0;

/** One EFA per network card, cards 0..count-1: the primary an EFA with ENA, the rest EFA-only at device index 1. */
export function planEfaInterfaces(count: number): EfaInterface[] {
  return Array.from({ length: count }, (_, card) => (card === 0
    ? { networkCardIndex: 0, deviceIndex: 0, interfaceType: "efa" as const }
    : { networkCardIndex: card, deviceIndex: 1, interfaceType: "efa-only" as const }));
}

/** The interfaces every type of the pool supports: as many as the type with the fewest EFA interfaces. */
export function planEfa(a: ResolvedWorkerPoolArgs): EfaPlan {
  const count = a.efa && a.instanceTypes.length > 0 ? Math.min(...a.instanceTypes.map(maxEfaInterfaces)) : 0;
  return { interfaces: planEfaInterfaces(count), placementGroup: a.efa || a.placementGroup === "cluster" ? "cluster" : "none" };
}

/** EFA: a cluster placement group, EFA-capable types (warning when they differ), an AMI with the EFA software. */
function validateEfaTypes(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (a.placementGroup !== "cluster") {
    issues.push({ path: `${at}.placementGroup`, message: `efa needs placementGroup: cluster (EFA traffic between nodes needs them close together), got ${a.placementGroup}` });
  }
  const counts = a.instanceTypes.map(maxEfaInterfaces);
  a.instanceTypes.forEach((t, i) => {
    if (counts[i] > 0) return;
    const known = acceleratorFacts(t) !== undefined;
    issues.push({ path: `${at}.instanceTypes[${i}]`, message: known ? `"${t}" does not support EFA (EC2 MaximumEfaInterfaces 0); drop efa or use an EFA type, e.g. p5.48xlarge, p4d.24xlarge, c5n.18xlarge` : `"${t}" is not in the shipped instance facts (components/facts/data/instance-accelerators.json), so its EFA support is unknown` });
  });
  const supported = counts.filter((c) => c > 0);
  if (supported.length === counts.length && new Set(counts).size > 1) {
    const min = Math.min(...counts);
    issues.push({ path: `${at}.instanceTypes`, severity: "warning", message: `the types support different numbers of EFA interfaces (${a.instanceTypes.map((t, i) => `${t} ${counts[i]}`).join(", ")}); the shared launch template lists ${min}, so the larger types run with ${min}` });
  }
  if (a.os === "AL2023" && supported.length > 0 && a.instanceTypes.every((t) => !acceleratorFacts(t)?.gpus && !acceleratorFacts(t)?.neuron)) {
    issues.push({ path: `${at}.efa`, severity: "warning", message: "the EKS AL2023 NVIDIA and Neuron AMIs and Bottlerocket carry the EFA software; this pool's AL2023 standard AMI may not (install it in pre-bootstrap user data, or use a custom AMI)" });
  }
  return issues;
}

/** Every problem of `efa` and `placementGroup`; `at` is the pool's path. */
export function validateEfa(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const issues = a.efa ? validateEfaTypes(a, at) : [];
  if ((a.efa || a.placementGroup === "cluster") && a.availabilityZones.length > 1) {
    const why = a.efa ? "efa's cluster placement group" : "placementGroup: cluster";
    issues.push({ path: `${at}.availabilityZones`, message: `${why}: a cluster placement group lives in one AZ, got ${a.availabilityZones.length} (${a.availabilityZones.join(", ")}); list one AZ` });
  }
  return issues;
}
