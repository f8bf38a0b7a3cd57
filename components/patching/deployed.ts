/**
 * Pure checks of the desired state against what is deployed (the stack's previous `versions` output, or offline a
 * baseline plan): changes EKS refuses whatever the config says (a version downgrade, a control plane upgrade of more
 * than one minor), and the AZs the control plane may use (EKS keeps a cluster's subnets in the AZs it was created in).
 */
import { ConfigIssue } from "../core";
import { parseMinor } from "../facts";
import type { VersionState } from "./freeze";

/** Where issues of {@link validateVersionChanges} are reported: the paths the user wrote. */
export interface VersionPaths {
  /** The control plane's version key, e.g. `workerpools:cluster.kubernetesVersion`. */
  readonly controlPlane: string;
  /** A pool's version key by pool name; undefined skips the pool. */
  readonly pool: (name: string) => string | undefined;
}

/** Minor versions between two `1.NN` versions (`to - from`); undefined when either is not one. */
function minorsBetween(from: string, to: string): number | undefined {
  const a = parseMinor(from);
  const b = parseMinor(to);
  return a === undefined || b === undefined || from.split(".")[0] !== to.split(".")[0] ? undefined : b - a;
}

/**
 * Version changes EKS refuses: a control plane or node group downgrade (UpdateClusterVersion and UpdateNodegroupVersion
 * only go forward), and a control plane upgrade of more than one minor version at a time. Nothing deployed: no issue.
 */
export function validateVersionChanges(desired: VersionState, deployed: VersionState | undefined, paths: VersionPaths): ConfigIssue[] {
  if (!deployed) return [];
  const issues: ConfigIssue[] = [];
  const cp = desired.controlPlane;
  const had = deployed.controlPlane;
  const step = cp !== undefined && had !== undefined ? minorsBetween(had, cp) : undefined;
  if (step !== undefined && step < 0) {
    issues.push({ path: paths.controlPlane, message: `the cluster runs Kubernetes ${had} (deployed); EKS cannot downgrade a cluster, got ${cp}: keep ${had} or newer` });
  } else if (step !== undefined && step > 1) {
    issues.push({ path: paths.controlPlane, message: `the cluster runs Kubernetes ${had} (deployed); EKS upgrades a cluster one minor version at a time, got ${cp}: deploy 1.${(parseMinor(had ?? "") ?? 0) + 1} first` });
  }
  for (const [name, want] of Object.entries(desired.pools)) {
    const path = paths.pool(name);
    const before = deployed.pools[name]?.kubernetesVersion;
    const now = want.kubernetesVersion;
    if (path === undefined || before === undefined || now === undefined) continue;
    const delta = minorsBetween(before, now);
    if (delta !== undefined && delta < 0) {
      issues.push({ path, message: `pool "${name}" runs Kubernetes ${before} (deployed); EKS cannot downgrade a managed node group, got ${now}: keep ${before}, or add a new pool on ${now} and remove this one` });
    }
  }
  return issues;
}

/** The AZs the control plane's subnets are in, against the configured AZs. */
export interface ControlPlaneZones {
  /** Configured AZs the control plane may use (config order): those it was created in. */
  readonly zones: readonly string[];
  /** Configured AZs it was not created in: their subnets serve pools only. */
  readonly added: readonly string[];
  /** The AZs the cluster was created in, to record in the `versions` output. */
  readonly creation: readonly string[];
  /** False when something is deployed but its creation AZs were not recorded (the configured AZs are assumed). */
  readonly known: boolean;
}

/**
 * EKS keeps a cluster's subnets in the AZs it was created in ("All subnets that you add must be in the same set of AZs as
 * originally provided when you created the cluster", EKS User Guide, network requirements): a new AZ's subnet never
 * goes on the control plane. Nothing deployed: the configured AZs are the creation AZs.
 */
export function controlPlaneZones(configured: readonly string[], deployed: VersionState | undefined): ControlPlaneZones {
  const recorded = deployed?.creationAvailabilityZones;
  if (recorded === undefined || recorded.length === 0) {
    return { zones: [...configured], added: [], creation: [...configured], known: deployed === undefined };
  }
  return {
    zones: configured.filter((az) => recorded.includes(az)),
    added: configured.filter((az) => !recorded.includes(az)),
    creation: [...recorded],
    known: true,
  };
}

/** Where issues of {@link validateControlPlaneZones} are reported. */
export interface ZonePaths {
  /** The network's key, e.g. `workerpools:cluster.network`. */
  readonly network: string;
  /** The key naming one configured AZ. */
  readonly zone: (az: string) => string;
}

/**
 * The plan says what {@link controlPlaneZones} decided: each added AZ (a warning: pools use it, the control plane
 * does not), an error when fewer than 2 creation AZs remain (EKS needs control plane subnets in 2 AZs), and a warning
 * when the creation AZs were not recorded.
 */
export function validateControlPlaneZones(configured: readonly string[], deployed: VersionState | undefined, paths: ZonePaths): ConfigIssue[] {
  const z = controlPlaneZones(configured, deployed);
  const created = z.creation.join(", ");
  const issues: ConfigIssue[] = z.added.map((az) => ({
    path: paths.zone(az),
    severity: "warning" as const,
    message: `${az} is not one of the AZs the cluster was created in (${created}): EKS keeps the control plane's subnets in those, so this AZ's subnet is not added to the cluster (eks.Cluster subnetIds); pools may use it`,
  }));
  if (z.known && z.zones.length < 2 && configured.length >= 2) {
    issues.push({ path: paths.network, message: `the control plane needs subnets in at least 2 of the AZs the cluster was created in (${created}); the config keeps ${z.zones.length === 0 ? "none" : z.zones.join(", ")}` });
  }
  if (!z.known) {
    issues.push({ path: paths.network, severity: "warning", message: `the deployed stack did not record the AZs its cluster was created in; assuming the configured ones (${configured.join(", ")}). If this deploy adds an AZ, deploy once without it first` });
  }
  return issues;
}
