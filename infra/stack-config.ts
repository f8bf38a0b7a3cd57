/** The typed stack config after parsing, with the stack-level defaults (applied only in {@link resolveStackConfig}). */
import type { AddonsArgs } from "../components/addons";
import type { ControlPlaneArgs } from "../components/control-plane";
import type { KubeletOptions } from "../components/kubelet";
import type { ContainerRuntimeOptions } from "../components/userdata";
import type { PoolSubnet, WorkerPoolArgs } from "../components/worker-pool";
import type { NatGatewayMode } from "../components/network";
import type { RawStackConfig } from "./config-schema";
import type { FreezeWindow } from "../components/patching";
import type { TenantArgs } from "../components/tenants";
import { ResolvedClusterAutoscalerOptions, resolveClusterAutoscalerOptions } from "../components/autoscaling";
import { KARPENTER_CRD_VERSION } from "../components/facts";
import type { KarpenterPoolOptions, Provisioner } from "../components/autoscaling";

/** Stack-level defaults; component defaults live with the components. */
export const STACK_DEFAULTS = {
  /** The newest Kubernetes minor in the shipped EKS version table. */
  kubernetesVersion: "1.35",
  autoRepair: true,
  /** `workerpools:tags`: none. */
  tags: {},
  /** `workerpools:autoscaling.karpenter`: off; when on, the shipped release with its interruption queue. */
  karpenter: { enabled: false, version: KARPENTER_CRD_VERSION, interruptionQueue: true },
  /** `pools[].provisioner`. */
  provisioner: "managed",
} as const;

/** `workerpools:autoscaling.karpenter` with its defaults. */
export interface KarpenterConfig {
  readonly enabled: boolean;
  readonly version: string;
  /** The managed pool the controller runs on. @default - none (validation requires it when enabled) */
  readonly pool?: string;
  readonly interruptionQueue: boolean;
}

/** Create a VPC, or use existing subnets. */
export type NetworkConfig =
  | { readonly kind: "create"; readonly vpcCidr: string; readonly availabilityZones: readonly string[]; readonly natGateways?: NatGatewayMode; readonly podSecondaryCidr?: string }
  | { readonly kind: "existing"; readonly vpcId: string; readonly privateSubnets: readonly PoolSubnet[]; readonly publicSubnetIds: readonly string[]; readonly podSubnets?: readonly PoolSubnet[] };

/** `ami: { channel: promoted, from, soakDays }`: the pool deploys the release `from`'s pool of the same name has run `soakDays`. */
export interface PoolPromotion {
  /** The source stack: a stack of this project and organization, or `org/project/stack`. */
  readonly from: string;
  readonly soakDays: number;
  /** `ami.releaseVersion`: the release to create the pool with while nothing has soaked. @default - none: refuse */
  readonly fallback?: string;
}

/** A pool: its name and component args (cluster and subnets are wired by the program). */
export interface PoolConfig {
  readonly name: string;
  /**
   * Before promotion is resolved (infra/promotion.ts), a promoted pool's `ami` is its fallback release pinned, or the
   * recommended channel; afterwards the release chosen, pinned.
   */
  readonly args: Omit<WorkerPoolArgs, "cluster" | "subnets">;
  /** `provisioner`. */
  readonly provisioner: Provisioner;
  /** The Karpenter fields (`instanceRequirements`, `capacityTypes`, `limits`, `disruption`) as written; {} when none is. */
  readonly karpenter: Partial<KarpenterPoolOptions>;
  /** @default - not promoted */
  readonly promotion?: PoolPromotion;
}

/** A raw pool's `ami` split into the component's selection and the promotion (channel `promoted`). */
function splitAmi(ami: RawStackConfig["pools"][number]["ami"]): { ami?: WorkerPoolArgs["ami"]; promotion?: PoolPromotion } {
  if (ami?.channel !== "promoted") {
    if (ami === undefined) return {};
    const { from: _from, soakDays: _soak, channel, ...rest } = ami;
    return { ami: { ...rest, ...(channel !== undefined ? { channel } : {}) } };
  }
  // An imageId beside promoted is refused by the promotion checks (infra/promotion.ts), once.
  const { releaseVersion } = ami;
  return {
    ami: releaseVersion !== undefined ? { channel: "pinned", releaseVersion } : { channel: "recommended" },
    promotion: { from: ami.from ?? "", soakDays: ami.soakDays ?? 0, ...(releaseVersion !== undefined ? { fallback: releaseVersion } : {}) },
  };
}


/** Everything the program needs, typed. */
export interface StackConfig {
  readonly controlPlane: Omit<ControlPlaneArgs, "vpcId" | "privateSubnetIds" | "publicSubnetIds"> & { readonly kubernetesVersion: string };
  readonly network: NetworkConfig;
  /** `workerpools:tags`: on every taggable AWS resource (the pools' own tags over them). */
  readonly tags: Readonly<Record<string, string>>;
  /** The cluster's AZs, in order. */
  readonly availabilityZones: readonly string[];
  /** Cluster-wide kubelet defaults. */
  readonly kubelet: KubeletOptions;
  /** Stack-wide container runtime options (`workerpools:containerRuntime`), merged under each pool's. */
  readonly containerRuntime: ContainerRuntimeOptions;
  readonly addons: Omit<AddonsArgs, "clusterName" | "kubernetesVersion" | "kubeconfig">;
  readonly pools: readonly PoolConfig[];
  readonly patching: {
    /** Complete waves: the configured ones, then one wave of every pool they do not name. */
    readonly waves: readonly (readonly string[])[];
    readonly freeze: readonly FreezeWindow[];
  };
  /** `workerpools:tenants`: none by default. */
  readonly tenants: readonly TenantArgs[];
  /** `workerpools:autoscaling`, defaults applied. */
  readonly autoscaling: { readonly clusterAutoscaler: ResolvedClusterAutoscalerOptions; readonly karpenter: KarpenterConfig };
}

function resolveNetwork(raw: RawStackConfig): NetworkConfig {
  const n = raw.cluster.network;
  const cn = raw.addons?.vpcCni?.customNetworking;
  if (n.privateSubnets) {
    const podSubnets = Object.entries(cn?.podSubnets ?? {}).map(([az, id]) => ({ az, id }));
    return { kind: "existing", vpcId: n.vpcId ?? "", privateSubnets: n.privateSubnets, publicSubnetIds: (n.publicSubnets ?? []).map((s) => s.id), ...(podSubnets.length > 0 ? { podSubnets } : {}) };
  }
  const pods = cn?.secondaryCidr === undefined ? {} : { podSecondaryCidr: cn.secondaryCidr };
  return { kind: "create", vpcCidr: n.vpcCidr ?? "", availabilityZones: n.availabilityZones ?? [], ...(n.natGateways ? { natGateways: n.natGateways } : {}), ...pods };
}

/** Completes the waves: pools no wave names patch last, together. */
export function completeWaves(waves: readonly (readonly string[])[], poolNames: readonly string[]): string[][] {
  const named = new Set(waves.flat());
  const rest = poolNames.filter((n) => !named.has(n));
  return [...waves.map((w) => [...w]), ...(rest.length > 0 ? [rest] : [])].filter((w) => w.length > 0);
}

/** Applies the stack-level defaults to parsed config; never writes to `raw`. */
export function resolveStackConfig(raw: RawStackConfig): StackConfig {
  const network = resolveNetwork(raw);
  const azs = network.kind === "create" ? network.availabilityZones : [...new Set(network.privateSubnets.map((s) => s.az))];
  const fleetRepair = raw.patching?.autoRepair;
  const autoRepair = fleetRepair?.enabled ?? STACK_DEFAULTS.autoRepair;
  // A pool that takes `enabled` from the fleet-wide setting takes its reason too.
  const fleetReason = (own: RawStackConfig["pools"][number]["autoRepair"]) =>
    fleetRepair?.reason !== undefined && own?.enabled === undefined ? { reason: fleetRepair.reason } : {};
  const pools: PoolConfig[] = raw.pools.map(({ name, provisioner, instanceRequirements, capacityTypes, limits, disruption, instanceTypes, ami: rawAmi, ...pool }) => {
    const { ami, promotion } = splitAmi(rawAmi);
    return {
      name,
      args: { ...pool, instanceTypes: instanceTypes ?? [], ...(ami ? { ami } : {}), autoRepair: { enabled: autoRepair, ...fleetReason(pool.autoRepair), ...pool.autoRepair } },
      provisioner: provisioner ?? STACK_DEFAULTS.provisioner,
      karpenter: {
        ...(instanceRequirements ? { instanceRequirements } : {}), ...(capacityTypes ? { capacityTypes } : {}), ...(limits ? { limits } : {}), ...(disruption ? { disruption } : {}),
      },
      ...(promotion ? { promotion } : {}),
    };
  });
  const k = raw.autoscaling?.karpenter;
  const { network: _network, kubernetesVersion, ...cluster } = raw.cluster;
  return {
    controlPlane: { ...cluster, kubernetesVersion: kubernetesVersion ?? STACK_DEFAULTS.kubernetesVersion },
    network,
    tags: raw.tags ?? STACK_DEFAULTS.tags,
    availabilityZones: azs,
    kubelet: raw.kubelet ?? {},
    containerRuntime: raw.containerRuntime ?? {},
    addons: {
      ...raw.addons,
      ...(raw.cni ? { cni: raw.cni } : {}),
      kubeProxy: { ...raw.addons?.kubeProxy, ...raw.kubeProxy },
      nodeMonitoringAgent: { ...raw.addons?.nodeMonitoringAgent, enabled: raw.addons?.nodeMonitoringAgent?.enabled ?? pools.some((p) => p.args.autoRepair?.enabled !== false) },
    },
    pools,
    patching: {
      waves: completeWaves(raw.patching?.waves ?? [], pools.map((p) => p.name)),
      freeze: raw.patching?.freeze ?? [],
    },
    tenants: raw.tenants ?? [],
    autoscaling: {
      clusterAutoscaler: resolveClusterAutoscalerOptions(raw.autoscaling?.clusterAutoscaler, pools.map((p) => p.name)),
      karpenter: {
        enabled: k?.enabled ?? STACK_DEFAULTS.karpenter.enabled, version: k?.version ?? STACK_DEFAULTS.karpenter.version,
        ...(k?.pool !== undefined ? { pool: k.pool } : {}), interruptionQueue: k?.interruptionQueue ?? STACK_DEFAULTS.karpenter.interruptionQueue,
      },
    },
  };
}
