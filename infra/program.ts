/** The stack program: typed config → components → stack outputs. The same code runs under `pulumi up` and the offline plan. */
import * as pulumi from "@pulumi/pulumi";
import { Addons } from "../components/addons";
import { ControlPlane } from "../components/control-plane";
import { Network, NetworkArgs } from "../components/network";
import { WorkerPool } from "../components/worker-pool";
import type { ClusterConnection, PoolSubnet } from "../components/worker-pool";
import { addonsArgs, poolArgs } from "./component-args";
import type { PoolConfig, StackConfig } from "./stack-config";
import { VersionState, controlPlaneZones, stampSince } from "../components/patching";

/** What `pulumi stack output` shows. */
export interface StackOutputs {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** Node group names per pool name. */
  readonly pools: pulumi.Output<Record<string, string[]>>;
  /**
   * Deployed versions (a change freeze reads them back on the next deploy); per pool also `since` when it runs its
   * release and its `amiType` (AMI promotion reads them from the source stack).
   */
  readonly versions: pulumi.Output<VersionState>;
}

function networkArgs(config: StackConfig): NetworkArgs {
  const n = config.network;
  if (n.kind === "existing") return { vpcId: n.vpcId, privateSubnets: n.privateSubnets, publicSubnetIds: n.publicSubnetIds };
  return { vpcCidr: n.vpcCidr, availabilityZones: n.availabilityZones, clusterName: config.controlPlane.name, natGateways: n.natGateways, tags: config.tags };
}

/**
 * Creates pools wave by wave: every node group of wave N depends on every node group of wave N-1 (and
 * all on `ready`: the node-bootstrap addons and the subnets' egress), so one `pulumi up` patches the
 * canary wave first and stops there if it fails.
 */
function createPools(config: StackConfig, cluster: ClusterConnection, subnets: PoolSubnet[], ready: pulumi.Resource[]): WorkerPool[] {
  const byName = new Map<string, PoolConfig>(config.pools.map((p) => [p.name, p]));
  const pools: WorkerPool[] = [];
  let previousWave: pulumi.Resource[] = [];
  for (const wave of config.patching.waves) {
    const created = wave.map((name) => {
      const p = byName.get(name);
      if (!p) throw new Error(`wave names pool "${name}", which does not exist (validation should have refused it)`);
      return new WorkerPool(name, poolArgs(config, p, cluster, subnets), { dependsOn: [...ready, ...previousWave] });
    });
    previousWave = created.flatMap((pool) => pool.nodeGroups);
    pools.push(...created);
  }
  return pools;
}

/** The deployed version of every addon, by EKS addon name. */
function addonVersions(addons: Addons): pulumi.Output<Record<string, string>> {
  const pairs = [...addons.nodeBootstrap, ...addons.workloads].map((a) => pulumi.all([a.addonName, a.addonVersion]));
  return pulumi.all(pairs).apply((entries) => Object.fromEntries(entries));
}

/**
 * Registers the whole platform and returns the stack outputs. `deployed` (the previous `versions` output) keeps the
 * control plane's subnets in the AZs the cluster was created in (a new AZ's subnet serves pools only) and each pool's
 * `since` while its release is unchanged; a new release's `since` is `now` (the deploy's moment; offline `--now`).
 */
export function buildPlatform(config: StackConfig, deployed?: VersionState, now: Date = new Date()): StackOutputs {
  const network = new Network("network", networkArgs(config));
  const zones = controlPlaneZones([...new Set(config.availabilityZones)], deployed);
  const controlPlane = new ControlPlane("cluster", {
    ...config.controlPlane,
    tags: config.tags,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnets.filter((s) => zones.zones.includes(s.az)).map((s) => s.id),
    vpcResourceController: config.addons.vpcCni?.podSecurityGroups,
  });
  const addons = new Addons("addons", addonsArgs(config, controlPlane.clusterName, controlPlane.kubeconfig));
  const pools = createPools(config, controlPlane.connection, network.privateSubnets, [...addons.nodeBootstrap, ...network.egress]);
  addons.installAfterNodes(pools.flatMap((p) => p.nodeGroups), pools.flatMap((p) => p.devicePluginPlacement ?? []));
  const poolOutputs = pools.map((p) => p.nodeGroupNames.apply((names) => [p.poolName, names] as const));
  const poolVersions = pools.map((p) => p.deployedVersions.apply((v) => {
    const amiType = p.plan.image.amiType;
    return [p.poolName, stampSince({ ...v, ...(amiType ? { amiType } : {}) }, deployed?.pools[p.poolName], now)] as const;
  }));
  return {
    clusterName: controlPlane.clusterName,
    endpoint: controlPlane.endpoint,
    kubeconfig: controlPlane.kubeconfig,
    pools: pulumi.all(poolOutputs).apply((entries) => Object.fromEntries(entries)),
    versions: pulumi.all([pulumi.all(poolVersions), addonVersions(addons)]).apply(([entries, addonEntries]) => ({
      controlPlane: config.controlPlane.kubernetesVersion, pools: Object.fromEntries(entries), addons: addonEntries,
      creationAvailabilityZones: zones.creation,
    })),
  };
}
