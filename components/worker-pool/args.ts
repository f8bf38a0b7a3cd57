/** Typed arguments of {@link WorkerPool}, their defaults (applied only in {@link resolveWorkerPoolArgs}). */
import * as pulumi from "@pulumi/pulumi";
import { resolveKubeProxySettings } from "../addons";
import type { DevicePluginAccelerator, KubeProxySettings, ResolvedKubeProxy } from "../addons";
import type { Accelerator } from "./ami";
import { KubeletOptions } from "../kubelet";
import type { ContainerRuntimeOptions } from "../userdata";
import type { AutoRepair, NodeRepairOverride } from "./auto-repair";
import type { ExtraVolume } from "./extra-volume";
import type { ClusterConnection } from "../control-plane";
import type { PoolSubnet } from "../network";
import type { NodeKernel, NodeUserData, ResolvedNodeSettings } from "../userdata";
import type {
  AmiChannel, AmiSelection, Architecture, CapacityReservation, CapacityType, Layout, OperatingSystem, PlacementGroupChoice, RemoteAccess, RootVolume,
  Scaling, Taint, UpdatePolicy, UpdateStrategy, InstanceStorageStrategy, VolumeType, NodeRoleOptions,
} from "./arg-shapes";

export * from "./arg-shapes";

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
  /**
   * `CAPACITY_BLOCK` needs `capacityReservation.id` (the Capacity Block), one instance type (set in the launch template, as
   * EKS requires) and one AZ. @default "ON_DEMAND"
   */
  readonly capacityType?: CapacityType;
  /**
   * Launch into On-Demand Capacity Reservations or a Capacity Block (launch template `capacityReservationSpecification`).
   * Whether the reservation's AZ and instance type match the pool is checked by EC2 at launch, not offline.
   * @default - none: EC2's default (`open`: a matching open reservation, when there is one)
   */
  readonly capacityReservation?: CapacityReservation;
  /**
   * EFA network interfaces (one per network card, as many as every instance type supports), the cluster placement group
   * and a security group admitting all traffic between the pool's nodes. Needs `placementGroup: cluster`, one AZ and
   * EFA-capable instance types. @default false
   */
  readonly efa?: boolean;
  /** `cluster`: an `aws.ec2.PlacementGroup` (strategy cluster) in the launch template; one AZ. @default "none" */
  readonly placementGroup?: PlacementGroupChoice;
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
  /** More EBS volumes per node (AL2023: mounted before the kubelet starts). @default [] */
  readonly extraVolumes?: readonly ExtraVolume[];
  /** Pool kubelet options (already merged over cluster defaults by the caller, or not). @default {} */
  readonly kubelet?: KubeletOptions;
  /**
   * containerd registry mirrors, ECR pull-through cache, parallel layer downloads and layer discarding (already merged
   * over the stack-wide `workerpools:containerRuntime` by the caller, or not). @default {} - the AMI's own settings
   */
  readonly containerRuntime?: ContainerRuntimeOptions;
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
  /** The node role the pool creates (not with `nodeRoleArn`). @default - { additionalPolicyArns: [] } */
  readonly nodeRole?: NodeRoleOptions;
  /**
   * Tags on every AWS resource of the pool (node role, launch template and its instances and volumes, node groups, SSH
   * security group and rules), under the pool tags `workerpools/pool` and `workerpools/layout`. Keys and values follow
   * AWS's tag rules; at most 50 per resource, the two pool tags included.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The cluster's vpc-cni security groups for Pods (pass the addon's own option): every instance type must take a trunk
   * network interface. @default false
   */
  readonly podSecurityGroups?: boolean;
  /** The cluster's vpc-cni prefix delegation (pass the addon's own option: it changes the max-pods formula). @default false */
  readonly prefixDelegation?: boolean;
  /** The cluster's vpc-cni custom networking (the primary ENI carries no pod IPs: max pods use one ENI fewer). @default false */
  readonly customNetworking?: boolean;
  /**
   * The cluster runs Cilium (`cni.provider: cilium`): node groups start tainted `node.cilium.io/agent-not-ready=true:NoExecute`,
   * which the Cilium agent removes once it runs on the node. @default false
   */
  readonly ciliumAgentNotReadyTaint?: boolean;
  /**
   * The CNI the pool's nodes start under, as one word (`cilium-eni`, `cilium-chaining`, `+kube-proxy-replacement`):
   * the pool's resources and its instances are tagged `workerpools:cni=<it>`, so a change of CNI is a new launch
   * template version (an EC2NodeClass drift on karpenter pools) that replaces every node: a node keeps the pod networking
   * it started with. @default - no tag (what the stack program passes under vpc-cni, so stacks that never leave it keep
   *   their launch templates)
   */
  readonly cni?: string;
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
  /**
   * EC2 instance store (local NVMe) for the kubelet and containerd: `raid0` one array (AL2023 nodeadm RAID0, Bottlerocket
   * ephemeral storage), `mount` each disk on its own (AL2023 only). Every type must have NVMe instance store. @default "none"
   */
  readonly instanceStorage?: InstanceStorageStrategy;
  /** Kernel settings (`sysctls`). @default - { sysctls: {} } */
  readonly kernel?: NodeKernel;
  /** Escape hatches rendered after our user data (`preBootstrap`, `bottlerocketSettings`). @default - none */
  readonly userData?: NodeUserData;
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
  extraVolumes: [],
  kubelet: {},
  containerRuntime: {},
  ami: { channel: "recommended" },
  update: { maxUnavailablePercentage: 33, strategy: "DEFAULT" },
  autoRepair: { enabled: true },
  metadataHopLimit: 1,
  securityGroupIds: [],
  remoteAccessSourceSecurityGroupIds: [],
  nodeRole: { additionalPolicyArns: [] },
  tags: {},
  prefixDelegation: false,
  customNetworking: false,
  ciliumAgentNotReadyTaint: false,
  podSecurityGroups: false,
  devicePlugins: { nvidia: false, neuron: false },
  instanceStorage: "none",
  kernel: { sysctls: {} },
  userData: { preBootstrap: [], bottlerocketSettings: {} },
  efa: false,
  placementGroup: "none",
} as const satisfies Partial<WorkerPoolArgs> & { readonly remoteAccessSourceSecurityGroupIds: readonly string[] };

type Resolved<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** Resolved arguments: every default applied; optional-by-nature fields stay optional. */
export interface ResolvedWorkerPoolArgs
  extends Resolved<Omit<WorkerPoolArgs, "nodeRoleArn" | "rootVolume" | "extraVolumes" | "ami" | "update" | "autoRepair" | "kubeProxy" | "remoteAccess" | "kernel" | "userData" | "capacityReservation" | "nodeRole" | "devicePlugins" | "cni">>,
  ResolvedNodeSettings {
  readonly capacityReservation?: CapacityReservation;
  readonly cni?: string;
  readonly nodeRole: Required<NodeRoleOptions>;
  readonly nodeRoleArn?: pulumi.Input<string>;
  readonly remoteAccess?: Required<RemoteAccess>;
  readonly rootVolume: RootVolume & Required<Pick<RootVolume, "sizeGiB" | "type">>;
  readonly extraVolumes: readonly (ExtraVolume & { readonly type: VolumeType })[];
  readonly ami: AmiSelection & { readonly channel: AmiChannel };
  readonly update: UpdatePolicy & { readonly strategy: UpdateStrategy };
  readonly autoRepair: AutoRepair & { readonly enabled: boolean; readonly overrides: readonly NodeRepairOverride[] };
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
    ...(a.capacityReservation ? { capacityReservation: a.capacityReservation } : {}),
    efa: a.efa ?? d.efa,
    placementGroup: a.placementGroup ?? d.placementGroup,
    scaling: a.scaling ?? d.scaling,
    layout: a.layout ?? d.layout,
    availabilityZones: a.availabilityZones ?? [...new Set(a.subnets.map((s) => s.az))],
    labels: a.labels ?? d.labels,
    taints: a.taints ?? d.taints,
    rootVolume: { ...a.rootVolume, sizeGiB: a.rootVolume?.sizeGiB ?? d.rootVolume.sizeGiB, type: a.rootVolume?.type ?? d.rootVolume.type },
    extraVolumes: (a.extraVolumes ?? d.extraVolumes).map((v) => ({ ...v, type: v.type ?? d.rootVolume.type })),
    kubelet: a.kubelet ?? d.kubelet,
    containerRuntime: a.containerRuntime ?? d.containerRuntime,
    ami: { ...a.ami, channel: a.ami?.channel ?? d.ami.channel },
    update: {
      ...update,
      maxUnavailablePercentage: update.maxUnavailable === undefined ? update.maxUnavailablePercentage ?? d.update.maxUnavailablePercentage : update.maxUnavailablePercentage,
      strategy: update.strategy ?? d.update.strategy,
    },
    kubernetesVersion: a.kubernetesVersion ?? a.cluster.kubernetesVersion,
    autoRepair: { ...a.autoRepair, enabled: a.autoRepair?.enabled ?? d.autoRepair.enabled, overrides: a.autoRepair?.overrides ?? [] },
    metadataHopLimit: a.metadataHopLimit ?? d.metadataHopLimit,
    nodeRoleArn: a.nodeRoleArn,
    securityGroupIds: a.securityGroupIds ?? d.securityGroupIds,
    ...(a.remoteAccess ? { remoteAccess: { ...a.remoteAccess, sourceSecurityGroupIds: a.remoteAccess.sourceSecurityGroupIds ?? d.remoteAccessSourceSecurityGroupIds } } : {}),
    nodeRole: { additionalPolicyArns: a.nodeRole?.additionalPolicyArns ?? d.nodeRole.additionalPolicyArns },
    tags: a.tags ?? d.tags,
    prefixDelegation: a.prefixDelegation ?? d.prefixDelegation,
    customNetworking: a.customNetworking ?? d.customNetworking,
    ciliumAgentNotReadyTaint: a.ciliumAgentNotReadyTaint ?? d.ciliumAgentNotReadyTaint,
    ...(a.cni !== undefined ? { cni: a.cni } : {}),
    podSecurityGroups: a.podSecurityGroups ?? d.podSecurityGroups,
    kubeProxy: resolveKubeProxySettings(a.kubeProxy),
    devicePlugins: { nvidia: a.devicePlugins?.nvidia ?? d.devicePlugins.nvidia, neuron: a.devicePlugins?.neuron ?? d.devicePlugins.neuron },
    instanceStorage: a.instanceStorage ?? d.instanceStorage,
    kernel: { sysctls: a.kernel?.sysctls ?? d.kernel.sysctls },
    userData: { preBootstrap: a.userData?.preBootstrap ?? d.userData.preBootstrap, bottlerocketSettings: a.userData?.bottlerocketSettings ?? d.userData.bottlerocketSettings },
  };
}

export type { ClusterConnection, PoolSubnet };
