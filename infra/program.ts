/** The stack program: typed config → components → stack outputs. The same code runs under `pulumi up` and the offline plan. */
import * as pulumi from "@pulumi/pulumi";
import { Addons } from "../components/addons";
import type { AcceleratedPoolPlacement } from "../components/addons";
import { ControlPlane } from "../components/control-plane";
import { Network, NetworkArgs } from "../components/network";
import { WorkerPool } from "../components/worker-pool";
import { Tenants } from "../components/tenants";
import type { ClusterConnection, PoolSubnet } from "../components/worker-pool";
import { addonsArgs, poolArgs } from "./component-args";
import type { PoolConfig, StackConfig } from "./stack-config";
import { VersionState, controlPlaneZones, stampSince } from "../components/patching";
import { createClusterAutoscaler } from "./autoscaling";
import { Karpenter, karpenterDevicePluginPlacement } from "../components/autoscaling";
import { karpenterArgs } from "./karpenter-checks";

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
  if (n.kind === "existing") return { vpcId: n.vpcId, privateSubnets: n.privateSubnets, publicSubnetIds: n.publicSubnetIds, podSubnets: n.podSubnets };
  return { vpcCidr: n.vpcCidr, availabilityZones: n.availabilityZones, clusterName: config.controlPlane.name, natGateways: n.natGateways, tags: config.tags, podSecondaryCidr: n.podSecondaryCidr };
}

/**
 * Creates pools wave by wave: every node group of wave N depends on every node group of wave N-1 (and
 * all on `ready`: the node-bootstrap addons, the Cilium release, the ENIConfigs and the subnets' egress), so one `pulumi up` patches the
 * canary wave first and stops there if it fails.
 */
function createPools(config: StackConfig, cluster: ClusterConnection, subnets: PoolSubnet[], ready: pulumi.Resource[]): WorkerPool[] {
  const byName = new Map<string, PoolConfig>(config.pools.map((p) => [p.name, p]));
  const pools: WorkerPool[] = [];
  let previousWave: pulumi.Resource[] = [];
  for (const wave of config.patching.waves) {
    const created = wave.map((name) => {
      const p = byName.get(name);
      if (p?.provisioner === "karpenter") return undefined;
      if (!p) throw new Error(`wave names pool "${name}", which does not exist (validation should have refused it)`);
      return new WorkerPool(name, poolArgs(config, p, cluster, subnets), { dependsOn: [...ready, ...previousWave] });
    }).filter((pool): pool is WorkerPool => pool !== undefined);
    previousWave = created.flatMap((pool) => pool.nodeGroups);
    pools.push(...created);
  }
  return pools;
}

/** Karpenter and its pools (`workerpools:autoscaling.karpenter`), after the controller's pool and the node-bootstrap addons. */
function createKarpenter(config: StackConfig, controlPlane: ControlPlane, network: Network, pools: readonly WorkerPool[], addons: Addons): Karpenter | undefined {
  const k = config.autoscaling.karpenter;
  if (!k.enabled) return undefined;
  const host = config.pools.find((p) => p.name === k.pool);
  const cluster = controlPlane.connection;
  return new Karpenter("karpenter", {
    cluster, kubeconfig: controlPlane.kubeconfig, privateSubnetIds: network.privateSubnets.map((s) => s.id), version: k.version,
    interruptionQueue: k.interruptionQueue, controllerPlacement: { labels: host?.args.labels ?? {}, taints: host?.args.taints ?? [] },
    dependsOn: [...pools.filter((p) => p.poolName === k.pool).flatMap((p) => p.nodeGroups), ...addons.nodeBootstrap],
    pools: config.pools.filter((p) => p.provisioner === "karpenter").map((p) => ({ name: p.name, args: karpenterArgs(config, p, cluster, network.privateSubnets) })),
    freeze: config.patching.freeze, tags: config.tags,
  });
}

/** Device plugin placements of the karpenter pools with GPU or Neuron types (on their NodePools' nodes). */
function karpenterDevicePlugins(config: StackConfig, controlPlane: ControlPlane, network: Network): AcceleratedPoolPlacement[] {
  if (!config.autoscaling.karpenter.enabled) return [];
  return config.pools.filter((p) => p.provisioner === "karpenter")
    .flatMap((p) => karpenterDevicePluginPlacement(karpenterArgs(config, p, controlPlane.connection, network.privateSubnets), p.name) ?? []);
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
  const addons = new Addons("addons", {
    ...addonsArgs(config, controlPlane.clusterName, controlPlane.kubeconfig),
    apiServerEndpoint: controlPlane.endpoint, clusterSecurityGroupId: controlPlane.clusterSecurityGroupId, podSubnets: network.podSubnets,
  });
  const pools = createPools(config, controlPlane.connection, network.privateSubnets, [...addons.beforeNodes, ...network.egress]);
  addons.installAfterNodes(pools.flatMap((p) => p.nodeGroups), [...pools.flatMap((p) => p.devicePluginPlacement ?? []), ...karpenterDevicePlugins(config, controlPlane, network)]);
  if (config.tenants.length > 0) {
    // The tenants' namespaces and network policies wait for the CNI (with what else nodes wait for), as node groups do.
    new Tenants("tenants", {
      clusterName: controlPlane.clusterName, kubernetesVersion: config.controlPlane.kubernetesVersion, provider: addons.kubernetesProvider(),
      tenants: config.tenants, clusterAdmins: config.controlPlane.admins, waitFor: [...addons.nodeBootstrap], tags: config.tags,
    });
  }
  createClusterAutoscaler(config, controlPlane.clusterName, pools, addons);
  createKarpenter(config, controlPlane, network, pools, addons);
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
