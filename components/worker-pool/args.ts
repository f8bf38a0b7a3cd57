/** Typed arguments of {@link WorkerPool}, their defaults (applied only in {@link resolveWorkerPoolArgs}). */
import * as pulumi from "@pulumi/pulumi";
import { resolveKubeProxySettings } from "../addons";
import type { DevicePluginAccelerator, KubeProxySettings, ResolvedKubeProxy } from "../addons";
import { AMI_ARCHITECTURES, AMI_OPERATING_SYSTEMS, Accelerator, AmiArchitecture, AmiOperatingSystem } from "./ami";
import { KubeletOptions } from "../kubelet";
import { EBS_VOLUME_TYPES, EbsVolumeType } from "../facts";
import type { ClusterConnection } from "../control-plane";
import type { PoolSubnet } from "../network";

/** Node OSes (the AMI families EKS publishes). `AL2` exists only to be refused with a clear message. */
export const OPERATING_SYSTEMS = AMI_OPERATING_SYSTEMS;
export type OperatingSystem = AmiOperatingSystem;
export const ARCHITECTURES = AMI_ARCHITECTURES;
export type Architecture = AmiArchitecture;
export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT"] as const;
export type CapacityType = (typeof CAPACITY_TYPES)[number];
export const LAYOUTS = ["spread", "per-zone"] as const;
/** `spread`: one node group over every AZ; `per-zone`: one node group per AZ (Cluster Autoscaler + zonal EBS). */
export type Layout = (typeof LAYOUTS)[number];
export const TAINT_EFFECTS = ["NoSchedule", "NoExecute", "PreferNoSchedule"] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];
export const VOLUME_TYPES = EBS_VOLUME_TYPES;
export type VolumeType = EbsVolumeType;
export const UPDATE_STRATEGIES = ["DEFAULT", "MINIMAL"] as const;
export type UpdateStrategy = (typeof UPDATE_STRATEGIES)[number];
export const AMI_CHANNELS = ["recommended", "pinned"] as const;
export type AmiChannel = (typeof AMI_CHANNELS)[number];

/** Node counts. For `per-zone` they are totals, split over the zones' node groups. */
export interface Scaling {
  /** Minimum nodes (`scalingConfig.minSize`). */
  readonly min: number;
  /** Maximum nodes (`scalingConfig.maxSize`). */
  readonly max: number;
  /** Initial desired nodes; later owned by the autoscaler (never reverted by `pulumi up`). */
  readonly desired: number;
}

/** A Kubernetes taint (node group `taints`; EKS's API spells effects NO_SCHEDULE etc., we take Kubernetes' spelling). */
export interface Taint {
  readonly key: string;
  /** @default "" */
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** Root EBS volume of every node (launch template block device mapping; always encrypted). */
export interface RootVolume {
  /** Size in GiB. @default 50 */
  readonly sizeGiB?: number;
  /** EBS volume type. @default "gp3" */
  readonly type?: VolumeType;
  /**
   * Provisioned IOPS (gp3, io1, io2; EC2 refuses io1/io2 without it and gp2 with it), within the type's EBS limits.
   * @default - none: gp3 has its baseline 3000 IOPS
   */
  readonly iops?: number;
  /** Provisioned throughput in MiB/s (gp3 only), at most 0.25 MiB/s per IOPS. @default - none: gp3 has its baseline 125 MiB/s */
  readonly throughput?: number;
}

/** Which AMI release nodes run. */
export interface AmiSelection {
  /** `recommended`: the public SSM parameter's release, resolved at every deploy; `pinned`: `releaseVersion`. @default "recommended" */
  readonly channel?: AmiChannel;
  /** Exact EKS AMI release version, required with `pinned`, e.g. `1.35.0-20251120`. @default - none */
  readonly releaseVersion?: string;
}

/** Node group `updateConfig`: give exactly one of `maxUnavailable` / `maxUnavailablePercentage`. */
export interface UpdatePolicy {
  /** Nodes replaced at once. @default - unset (maxUnavailablePercentage applies) */
  readonly maxUnavailable?: number;
  /** Percentage of nodes replaced at once, 1-100. @default 33 (when maxUnavailable is unset) */
  readonly maxUnavailablePercentage?: number;
  /** `updateConfig.updateStrategy`. @default "DEFAULT" */
  readonly strategy?: UpdateStrategy;
}

/** Node auto-repair (`nodeRepairConfig`). */
export interface AutoRepair {
  /** @default true */
  readonly enabled?: boolean;
  /** Why it is off (shown in the plan; policy EKS-NG-003 judges auto-repair off either way). @default - none */
  readonly reason?: string;
}

/**
 * SSH to the nodes: legal, and judged by policies EKS-NODE-004 (the key pair) and EKS-NG-001 (port 22 opened). Our node
 * groups always use a launch template, beside which EKS refuses a node group `remoteAccess` block, so the key goes into
 * the launch template's `keyName` and port 22 is opened by a security group the pool creates.
 */
export interface RemoteAccess {
  /** EC2 key pair name (launch template `keyName`). On Bottlerocket the admin container, which runs its SSH server, is enabled. */
  readonly ec2SshKey: string;
  /**
   * Security groups allowed to reach the nodes on tcp/22, by a security group the pool creates in the cluster's VPC
   * (one ingress rule per source). Without any, no port 22 ingress is added (EKS's own remoteAccess would open port 22
   * to 0.0.0.0/0): SSH then reaches the nodes only where their other security groups allow it (the cluster security
   * group admits its own members), and validation warns.
   * @default []
   */
  readonly sourceSecurityGroupIds?: readonly string[];
}

/** Arguments of one worker pool. Field names match `workerpools:pools[i]` in stack config. */
export interface WorkerPoolArgs {
  /** The cluster the pool joins. */
  readonly cluster: ClusterConnection;
  /** The cluster's private subnets with their AZs; the pool uses those of its AZs. */
  readonly subnets: readonly PoolSubnet[];
  /** @default "AL2023" */
  readonly os?: OperatingSystem;
  /** @default "x86_64" */
  readonly architecture?: Architecture;
  /**
   * The accelerator whose drivers the AMI carries, and so the node group's `amiType` (e.g. `AL2023_x86_64_NVIDIA`):
   * `auto` takes it from the instance facts (NVIDIA GPUs, AWS Neuron devices, or none); `none`, `nvidia` and `neuron`
   * are checked against the types (a GPU or Neuron type never gets an AMI without its drivers).
   * @default "auto"
   */
  readonly accelerator?: Accelerator;
  /** EC2 instance types, most preferred first; several diversify SPOT capacity. */
  readonly instanceTypes: readonly string[];
  /** @default "ON_DEMAND" */
  readonly capacityType?: CapacityType;
  /** @default - { min: 2, max: 4, desired: 2 } */
  readonly scaling?: Scaling;
  /** @default "spread" */
  readonly layout?: Layout;
  /** AZ subset; at least 2. @default - every AZ of `subnets` */
  readonly availabilityZones?: readonly string[];
  /** Kubernetes node labels (node group `labels`). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default [] */
  readonly taints?: readonly Taint[];
  /** @default - { sizeGiB: 50, type: "gp3" } */
  readonly rootVolume?: RootVolume;
  /** Pool kubelet options (already merged over cluster defaults by the caller, or not). @default {} */
  readonly kubelet?: KubeletOptions;
  /** @default - { channel: "recommended" } */
  readonly ami?: AmiSelection;
  /** @default - { maxUnavailablePercentage: 33, strategy: "DEFAULT" } */
  readonly update?: UpdatePolicy;
  /** Pool Kubernetes version `1.NN`, never newer than the control plane. @default - the cluster's */
  readonly kubernetesVersion?: string;
  /** @default - { enabled: true } */
  readonly autoRepair?: AutoRepair;
  /** IMDSv2 hop limit; 1 keeps pods off the node's credentials. @default 1 */
  readonly metadataHopLimit?: number;
  /**
   * Extra security groups of the nodes, added to the cluster security group, never replacing it: a launch template that
   * lists security groups gets none from EKS, so the pool's launch template lists the cluster's too.
   * @default [] - the launch template lists none, and EKS attaches the cluster security group
   */
  readonly securityGroupIds?: readonly string[];
  /** SSH access to the nodes. @default - none: no key pair, no port 22 opened (reach nodes through SSM Session Manager) */
  readonly remoteAccess?: RemoteAccess;
  /** Existing node IAM role ARN. @default - a role with only the managed policies nodes need */
  readonly nodeRoleArn?: pulumi.Input<string>;
  /** Extra tags on every resource of the pool. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** The cluster's vpc-cni prefix delegation (pass the addon's own option: it changes the max-pods formula). @default false */
  readonly prefixDelegation?: boolean;
  /**
   * The cluster's kube-proxy mode (IPVS makes nodes load the IPVS kernel modules); pass the addon's own settings.
   * @default - the kube-proxy addon's defaults (`ADDONS_DEFAULTS.kubeProxy`): mode iptables; scheduler rr in IPVS mode
   */
  readonly kubeProxy?: KubeProxySettings;
  /**
   * Per accelerator, whether the platform installs its device plugin (NVIDIA's on AL2023 NVIDIA pools, AWS Neuron's on
   * Neuron pools; pass the addons' `nodeSettings`); a pool whose AMI ships none and whose plugin is off is warned that
   * its devices are not allocatable. @default - { nvidia: false, neuron: false }
   */
  readonly devicePlugins?: Readonly<Partial<Record<DevicePluginAccelerator, boolean>>>;
}

/** Defaults of {@link WorkerPoolArgs}; the single place they are written. */
export const WORKER_POOL_DEFAULTS = {
  os: "AL2023",
  architecture: "x86_64",
  accelerator: "auto",
  capacityType: "ON_DEMAND",
  scaling: { min: 2, max: 4, desired: 2 },
  layout: "spread",
  labels: {},
  taints: [],
  rootVolume: { sizeGiB: 50, type: "gp3" },
  kubelet: {},
  ami: { channel: "recommended" },
  update: { maxUnavailablePercentage: 33, strategy: "DEFAULT" },
  autoRepair: { enabled: true },
  metadataHopLimit: 1,
  securityGroupIds: [],
  remoteAccessSourceSecurityGroupIds: [],
  tags: {},
  prefixDelegation: false,
  devicePlugins: { nvidia: false, neuron: false },
} as const satisfies Partial<WorkerPoolArgs> & { readonly remoteAccessSourceSecurityGroupIds: readonly string[] };

type Resolved<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** Resolved arguments: every default applied; optional-by-nature fields stay optional. */
export interface ResolvedWorkerPoolArgs
  extends Resolved<Omit<WorkerPoolArgs, "nodeRoleArn" | "rootVolume" | "ami" | "update" | "autoRepair" | "kubeProxy" | "remoteAccess" | "devicePlugins">> {
  readonly nodeRoleArn?: pulumi.Input<string>;
  readonly remoteAccess?: Required<RemoteAccess>;
  readonly rootVolume: RootVolume & Required<Pick<RootVolume, "sizeGiB" | "type">>;
  readonly ami: AmiSelection & { readonly channel: AmiChannel };
  readonly update: UpdatePolicy & { readonly strategy: UpdateStrategy };
  readonly autoRepair: AutoRepair & { readonly enabled: boolean };
  readonly kubeProxy: ResolvedKubeProxy;
  readonly devicePlugins: Readonly<Record<DevicePluginAccelerator, boolean>>;
}

/** Applies {@link WORKER_POOL_DEFAULTS} (and, for `kubeProxy`, the kube-proxy addon's defaults); never writes to `a`. */
export function resolveWorkerPoolArgs(a: WorkerPoolArgs): ResolvedWorkerPoolArgs {
  const d = WORKER_POOL_DEFAULTS;
  const update: UpdatePolicy = a.update ?? d.update;
  return {
    cluster: a.cluster,
    subnets: a.subnets,
    instanceTypes: a.instanceTypes,
    os: a.os ?? d.os,
    architecture: a.architecture ?? d.architecture,
    accelerator: a.accelerator ?? d.accelerator,
    capacityType: a.capacityType ?? d.capacityType,
    scaling: a.scaling ?? d.scaling,
    layout: a.layout ?? d.layout,
    availabilityZones: a.availabilityZones ?? [...new Set(a.subnets.map((s) => s.az))],
    labels: a.labels ?? d.labels,
    taints: a.taints ?? d.taints,
    rootVolume: { ...a.rootVolume, sizeGiB: a.rootVolume?.sizeGiB ?? d.rootVolume.sizeGiB, type: a.rootVolume?.type ?? d.rootVolume.type },
    kubelet: a.kubelet ?? d.kubelet,
    ami: { ...a.ami, channel: a.ami?.channel ?? d.ami.channel },
    update: {
      ...update,
      maxUnavailablePercentage: update.maxUnavailable === undefined ? update.maxUnavailablePercentage ?? d.update.maxUnavailablePercentage : update.maxUnavailablePercentage,
      strategy: update.strategy ?? d.update.strategy,
    },
    kubernetesVersion: a.kubernetesVersion ?? a.cluster.kubernetesVersion,
    autoRepair: { ...a.autoRepair, enabled: a.autoRepair?.enabled ?? d.autoRepair.enabled },
    metadataHopLimit: a.metadataHopLimit ?? d.metadataHopLimit,
    nodeRoleArn: a.nodeRoleArn,
    securityGroupIds: a.securityGroupIds ?? d.securityGroupIds,
    ...(a.remoteAccess ? { remoteAccess: { ...a.remoteAccess, sourceSecurityGroupIds: a.remoteAccess.sourceSecurityGroupIds ?? d.remoteAccessSourceSecurityGroupIds } } : {}),
    tags: a.tags ?? d.tags,
    prefixDelegation: a.prefixDelegation ?? d.prefixDelegation,
    kubeProxy: resolveKubeProxySettings(a.kubeProxy),
    devicePlugins: { nvidia: a.devicePlugins?.nvidia ?? d.devicePlugins.nvidia, neuron: a.devicePlugins?.neuron ?? d.devicePlugins.neuron },
  };
}

export type { ClusterConnection, PoolSubnet };
