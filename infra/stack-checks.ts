/**
 * Checks of the stack config that no single component sees: the pools together (EKS's node group quota, taints on the
 * CoreDNS pool) and the config against what is deployed (version downgrades, AZs the control plane may use). Pure;
 * issues at the config paths users write.
 */
import { ConfigIssue } from "../components/core";
import { VersionState, validateControlPlaneZones, validateVersionChanges } from "../components/patching";
import { DEVICE_PLUGINS, DevicePlugin } from "../components/addons";
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
  return [...issues, ...nodeMonitoringAgentOff(c, poolIndex), ...DEVICE_PLUGINS.flatMap((row) => devicePluginWithoutPool(c, row))];
}

/** `nodeMonitoringAgent.enabled: false` while a pool has auto-repair on: EKS repairs on the agent's node conditions. */
function nodeMonitoringAgentOff(c: StackConfig, poolIndex: readonly number[]): ConfigIssue[] {
  if (c.addons.nodeMonitoringAgent?.enabled !== false) return [];
  const repaired = c.pools.flatMap((p, i) => (p.args.autoRepair?.enabled !== false ? [`${poolPath(poolIndex[i])}.autoRepair.enabled`] : []));
  if (repaired.length === 0) return [];
  return [{
    path: `${NS}:addons.nodeMonitoringAgent.enabled`,
    message: `false, but node auto-repair is on at ${repaired.join(", ")} (the default, or ${NS}:patching.autoRepair.enabled), and EKS repairs nodes on the conditions the node monitoring agent reports; turn auto-repair off there or keep the agent`,
  }];
}

/** A device plugin's `enabled: true` with no pool of its accelerator whose AMI ships none: nothing to install it on. */
function devicePluginWithoutPool(c: StackConfig, row: DevicePlugin): ConfigIssue[] {
  if (c.addons[row.key]?.enabled !== true) return [];
  const d = WORKER_POOL_DEFAULTS;
  const served = (os: string): boolean => !row.builtInOn.some((b) => b === os);
  const servedPool = c.pools.some((p) => served(p.args.os ?? d.os) && acceleratorKind(p.args.accelerator ?? d.accelerator, p.args.instanceTypes) === row.accelerator);
  const builtIn = row.builtInOn.length > 0 ? ` (${row.builtInOn.join(", ")} ${row.accelerator} AMIs ship their own device plugin)` : "";
  return servedPool ? [] : [{ path: `${NS}:addons.${row.key}.enabled`, severity: "warning", message: `true, but no pool is a ${row.accelerator} pool the platform would serve${builtIn}: nothing is installed` }];
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
