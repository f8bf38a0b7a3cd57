/**
 * Checks of the stack config that no single component sees: the pools together (EKS's node group quota, taints on the
 * CoreDNS pool) and the config against what is deployed (version downgrades, AZs the control plane may use). Pure;
 * issues at the config paths users write.
 */
import { ConfigIssue } from "../components/core";
import { VersionState, validateControlPlaneZones, validateVersionChanges } from "../components/patching";
import { WORKER_POOL_DEFAULTS, acceleratorKind, corednsTaintWarnings, nodeGroupCount, validateNodeGroupQuota } from "../components/worker-pool";
import type { StackConfig } from "./stack-config";
import { desiredVersions } from "./versions";

/** `workerpools:<key>` path builders (config.ts `configPath` without the import cycle). */
const NS = "workerpools";
const poolPath = (index: number): string => `${NS}:pools[${index}]`;

/** The pools together; `poolIndex[i]` is config pool i's index in `workerpools:pools`. */
export function validateAcrossPools(c: StackConfig, poolIndex: readonly number[], poolsComplete: boolean): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (poolsComplete) {
    const counts = c.pools.map((p) => ({
      name: p.name,
      nodeGroups: nodeGroupCount(p.args.layout ?? WORKER_POOL_DEFAULTS.layout, p.args.availabilityZones ?? c.availabilityZones),
    }));
    issues.push(...validateNodeGroupQuota(counts, `${NS}:pools`));
  }
  const coredns = c.addons.coredns?.pool;
  c.pools.forEach((p, i) => {
    if (coredns !== undefined && p.name === coredns) issues.push(...corednsTaintWarnings(p.args.taints ?? [], coredns, poolPath(poolIndex[i])));
  });
  return [...issues, ...nvidiaDevicePluginWithoutPool(c)];
}

/** `nvidiaDevicePlugin.enabled: true` with no AL2023 NVIDIA pool: nothing to install it on (Bottlerocket ships its own). */
function nvidiaDevicePluginWithoutPool(c: StackConfig): ConfigIssue[] {
  if (c.addons.nvidiaDevicePlugin?.enabled !== true) return [];
  const d = WORKER_POOL_DEFAULTS;
  const any = c.pools.some((p) => (p.args.os ?? d.os) === "AL2023" && acceleratorKind(p.args.accelerator ?? d.accelerator, p.args.instanceTypes) === "nvidia");
  return any ? [] : [{ path: `${NS}:addons.nvidiaDevicePlugin.enabled`, severity: "warning", message: "true, but no pool is an AL2023 NVIDIA pool (Bottlerocket NVIDIA variants ship their own device plugin): nothing is installed" }];
}

/** The key naming one configured AZ: `network.availabilityZones[i]`, or the first brought subnet in it. */
function zonePath(c: StackConfig, az: string): string {
  const at = `${NS}:cluster.network`;
  if (c.network.kind === "create") return `${at}.availabilityZones[${c.network.availabilityZones.indexOf(az)}]`;
  return `${at}.privateSubnets[${c.network.privateSubnets.findIndex((s) => s.az === az)}].az`;
}

/**
 * The config against the deployed state (the stack's previous `versions` output; offline, `--baseline`): versions EKS
 * will not move to, and AZs the control plane may not use. Nothing deployed: no issue.
 */
export function validateAgainstDeployed(c: StackConfig, poolIndex: readonly number[], deployed: VersionState | undefined): ConfigIssue[] {
  if (!deployed) return [];
  const index = new Map(c.pools.map((p, i) => [p.name, i]));
  const versions = validateVersionChanges(desiredVersions(c), deployed, {
    controlPlane: `${NS}:cluster.kubernetesVersion`,
    // A pool without its own version follows the cluster: a downgrade is reported once, at the cluster's key.
    pool: (name) => {
      const i = index.get(name);
      return i === undefined || c.pools[i].args.kubernetesVersion === undefined ? undefined : `${poolPath(poolIndex[i])}.kubernetesVersion`;
    },
  });
  const zones = validateControlPlaneZones([...new Set(c.availabilityZones)], deployed, { network: `${NS}:cluster.network`, zone: (az) => zonePath(c, az) });
  return [...versions, ...zones];
}
