/** Pure plan of a worker pool: node groups, launch template shape, kubelet config and tags. No resources. */
import { ConfigIssue } from "../core";
import { KubeletPlan, planKubeletConfig, Derivation, deriveKubelet } from "../kubelet";
import { NodePreparation, ipvsModules } from "../userdata";
import { CILIUM_AGENT_NOT_READY_TAINT } from "../addons";
import { NodeGroupPlacement, planNodeGroups } from "./zone-spread";
import type { OperatingSystem, ResolvedWorkerPoolArgs, Taint } from "./args";
import { NodeAccessPlan, planNodeAccess } from "./security-groups";
import { PoolAcceleratorPlan, planAccelerator } from "./accelerator";
import { PoolImage, planPoolImage } from "./image";
import { NodeRepairConfigPlan, planNodeRepairConfig } from "./repair";
import type { VolumeMount } from "../userdata";
import { NodeSettingsPlan, planNodeSettings } from "./node-settings";
import { CapacityPlan, planCapacity } from "./capacity";
import { EfaPlan, planEfa } from "./efa";
import { NodeRolePlan, planNodeRole } from "./node-role";


/** EKS API taint effects (`aws.eks.NodeGroup` `taints[].effect`) for Kubernetes' spelling. */
export const EKS_TAINT_EFFECT = {
  NoSchedule: "NO_SCHEDULE",
  NoExecute: "NO_EXECUTE",
  PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;

/**
 * The root/data volume device: AL2023 keeps everything on `/dev/xvda`; Bottlerocket boots from a small
 * OS volume (`/dev/xvda`) and puts containers and images on its data volume `/dev/xvdb`.
 */
export const dataVolumeDevice = (os: OperatingSystem): string => (os === "BOTTLEROCKET" ? "/dev/xvdb" : "/dev/xvda");

/** Tags naming the pool and its layout on every node group and launch template (policies group node groups by them). */
export const poolTags = (pool: string, layout: string): Record<string, string> => ({ "workerpools/pool": pool, "workerpools/layout": layout });

/** The tag keys {@link poolTags} sets; the pool's own tags cannot set them. */
export const POOL_TAG_KEYS: readonly string[] = Object.keys(poolTags("", ""));

/** The tags of every AWS resource of the pool: its `tags` under the pool tags (which win). */
/** The tag naming the CNI a pool's nodes start under (WorkerPoolArgs.cni): changing it replaces every node. */
export const CNI_TAG = "workerpools:cni";

export const planPoolTags = (a: Pick<ResolvedWorkerPoolArgs, "tags" | "layout" | "cni">, pool: string): Record<string, string> => ({
  ...a.tags, ...poolTags(pool, a.layout), ...(a.cni !== undefined ? { [CNI_TAG]: a.cni } : {}),
});

/**
 * Cluster Autoscaler node-template tags, so it can scale a node group up from zero knowing the labels and
 * taints its nodes will have. They belong on the node group's Auto Scaling group (EKS does not copy node
 * group tags there; it adds the auto-discovery tags `k8s.io/cluster-autoscaler/enabled` and
 * `k8s.io/cluster-autoscaler/<cluster>` to managed node groups' ASGs itself).
 */
export function autoscalerNodeTemplateTags(labels: Readonly<Record<string, string>>, taints: readonly Taint[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) tags[`k8s.io/cluster-autoscaler/node-template/label/${k}`] = v;
  for (const t of taints) tags[`k8s.io/cluster-autoscaler/node-template/taint/${t.key}`] = `${t.value ?? ""}:${t.effect}`;
  return tags;
}

/** A pool's kubelet: the emitted configuration, how derived values were obtained, and their issues. */
export interface PoolKubelet {
  readonly plan: KubeletPlan;
  readonly derivations: readonly Derivation[];
  readonly issues: readonly ConfigIssue[];
  /** Uncapped pods the CNI can address on the smallest type. */
  readonly addressablePods?: number;
}

/** Derives and layers the pool's kubelet configuration; `at` is the pool's config path (for issues). */
export function planPoolKubelet(a: ResolvedWorkerPoolArgs, at: string): PoolKubelet {
  const d = deriveKubelet({ instanceTypes: a.instanceTypes, prefixDelegation: a.prefixDelegation, customNetworking: a.customNetworking, options: a.kubelet }, at);
  return { plan: planKubeletConfig(a.kubelet, d.derived, d.eksDefaults), derivations: d.derivations, issues: d.issues, addressablePods: d.addressablePods };
}

/** What the node needs before the kubelet starts: the IPVS kernel modules in IPVS mode. */
export function planNodePreparation(a: ResolvedWorkerPoolArgs): NodePreparation {
  return { kernelModules: a.kubeProxy.mode === "ipvs" ? ipvsModules(a.kubeProxy.ipvsScheduler) : [] };
}

/** One EBS volume of the launch template; every one is encrypted. */
export interface BlockDevice {
  readonly deviceName: string;
  /** @default - the AMI snapshot's size */
  readonly sizeGiB?: number;
  readonly type: string;
  /** Provisioned IOPS. @default - none (the type's baseline) */
  readonly iops?: number;
  /** Provisioned throughput, MiB/s. @default - none (the type's baseline) */
  readonly throughput?: number;
  /** The customer managed KMS key (`ebs.kmsKeyId`). @default - none (EBS's AWS managed key) */
  readonly kmsKeyId?: string;
}

/**
 * AL2023: one root volume `/dev/xvda` of the pool's size. Bottlerocket: its OS volume `/dev/xvda` (the
 * AMI's size, but encrypted and gp3 like everything else) and the data volume `/dev/xvdb` of the pool's size.
 * The pool's IOPS and throughput go on the volume it sizes; its KMS key (`rootVolume.kmsKeyArn`) on every volume. Its
 * `extraVolumes` follow, in order.
 */
export function planBlockDevices(a: ResolvedWorkerPoolArgs): BlockDevice[] {
  const { sizeGiB, type, iops, throughput, kmsKeyArn } = a.rootVolume;
  const key = kmsKeyArn !== undefined ? { kmsKeyId: kmsKeyArn } : {};
  const data: BlockDevice = { deviceName: dataVolumeDevice(a.os), sizeGiB, type, ...(iops !== undefined ? { iops } : {}), ...(throughput !== undefined ? { throughput } : {}), ...key };
  const os: BlockDevice[] = a.os === "BOTTLEROCKET" ? [{ deviceName: "/dev/xvda", type: "gp3", ...key }, data] : [data];
  return [...os, ...planExtraBlockDevices(a)];
}

/** Everything about a pool that can be decided without AWS. */
export interface WorkerPoolPlan {
  readonly nodeGroups: readonly NodeGroupPlacement[];
  readonly kubelet: KubeletPlan;
  /** How derived kubelet values were obtained. */
  readonly derivations: readonly Derivation[];
  readonly preparation: NodePreparation;
  readonly taints: readonly { key: string; value: string; effect: string }[];
  readonly metadataOptions: { httpTokens: "required"; httpEndpoint: "enabled"; httpPutResponseHopLimit: number };
  readonly blockDevices: readonly BlockDevice[];
  /** The nodes' security groups, key pair and SSH ingress (`securityGroupIds`, `remoteAccess`). */
  readonly access: NodeAccessPlan;
  /** The accelerator, the node group's `amiType` and what one node offers (GPUs, Neuron devices). */
  readonly accelerator: PoolAcceleratorPlan;
  /** The image: its channel, the node group's `amiType`, and for a custom image its id and the bootstrap its user data carries. */
  readonly image: PoolImage;
  /** The node group's `nodeRepairConfig`. */
  readonly nodeRepair: NodeRepairConfigPlan;
  /** Extra volumes the AL2023 node formats and mounts before the kubelet starts (Bottlerocket: none). */
  readonly volumeMounts: readonly VolumeMount[];
  /** Instance store, sysctls and the user data escape hatches; {} when none is set. */
  readonly node: NodeSettingsPlan;
  /** The launch template's capacity reservation, market type (Capacity Block) and instance type (Capacity Block only). */
  readonly capacity: CapacityPlan;
  /** EFA network interfaces and the cluster placement group. */
  readonly efa: EfaPlan;
  /** The node role: the policies attached to the one the pool creates, or an existing role. */
  readonly nodeRole: NodeRolePlan;
}

/** Plans a pool from resolved, validated args. */
export function planWorkerPool(a: ResolvedWorkerPoolArgs, at = "pool"): WorkerPoolPlan {
  const kubelet = planPoolKubelet(a, at);
  const accelerator = planAccelerator(a);
  return {
    nodeGroups: planNodeGroups(a.layout, a.availabilityZones, a.subnets, a.scaling),
    kubelet: kubelet.plan,
    derivations: kubelet.derivations,
    preparation: planNodePreparation(a),
    taints: [...a.taints, ...(a.ciliumAgentNotReadyTaint ? [CILIUM_AGENT_NOT_READY_TAINT] : [])]
      .map((t) => ({ key: t.key, value: t.value ?? "", effect: EKS_TAINT_EFFECT[t.effect] })),
    metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: a.metadataHopLimit },
    blockDevices: planBlockDevices(a),
    access: planNodeAccess(a),
    accelerator,
    image: planPoolImage(a, accelerator.kind),
    nodeRepair: planNodeRepairConfig(a),
    volumeMounts: planVolumeMounts(a),
    node: planNodeSettings(a),
    capacity: planCapacity(a),
    efa: planEfa(a),
    nodeRole: planNodeRole(a),
  };
}

/** The extra volumes' block device mappings, in order; encrypted like every node volume. */
export function planExtraBlockDevices(a: ResolvedWorkerPoolArgs): BlockDevice[] {
  return a.extraVolumes.map((v) => ({
    deviceName: v.deviceName, sizeGiB: v.sizeGiB, type: v.type,
    ...(v.iops !== undefined ? { iops: v.iops } : {}), ...(v.throughput !== undefined ? { throughput: v.throughput } : {}),
    ...((v.kmsKeyArn ?? a.rootVolume.kmsKeyArn) !== undefined ? { kmsKeyId: v.kmsKeyArn ?? a.rootVolume.kmsKeyArn } : {}),
  }));
}

/** What the AL2023 node formats and mounts before the kubelet starts (Bottlerocket: nothing, validation refuses mounts). */
export const planVolumeMounts = (a: ResolvedWorkerPoolArgs): VolumeMount[] =>
  a.os === "BOTTLEROCKET" ? [] : a.extraVolumes.flatMap((v) => (v.mountPath === undefined ? [] : [{ deviceName: v.deviceName, mountPath: v.mountPath }]));
