/**
 * A karpenter pool's `EC2NodeClass` (karpenter.k8s.aws/v1), from the same pool model as a managed pool: the kubelet
 * fields Karpenter types go in `spec.kubelet`, the rest of the kubelet and node settings in the same AL2023 NodeConfig /
 * Bottlerocket user data a managed pool's launch template carries. Pure.
 */
import type { KubeletConfigFields } from "../kubelet";
import type { NodeConfigCluster } from "../userdata";
import { planPoolTags, renderPoolUserData } from "../worker-pool";
import type { ResolvedWorkerPoolArgs, WorkerPoolPlan } from "../worker-pool";

/**
 * KubeletConfiguration fields the EC2NodeClass v1 CRD types in `spec.kubelet` (same names and shapes there). Karpenter
 * writes them into the node's bootstrap itself (and reads maxPods, reservations and eviction thresholds to size nodes),
 * so they leave our user data.
 */
export const KARPENTER_KUBELET_FIELDS = [
  "clusterDNS", "cpuCFSQuota", "evictionHard", "evictionMaxPodGracePeriod", "evictionSoft", "evictionSoftGracePeriod",
  "imageGCHighThresholdPercent", "imageGCLowThresholdPercent", "kubeReserved", "maxPods", "podsPerCore", "systemReserved",
] as const;

/** The pool's kubelet config split into Karpenter's `spec.kubelet` and the rest (for the user data). */
export function splitKarpenterKubelet(config: KubeletConfigFields): { readonly typed: KubeletConfigFields; readonly rest: KubeletConfigFields } {
  const typed: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) ((KARPENTER_KUBELET_FIELDS as readonly string[]).includes(k) ? typed : rest)[k] = v;
  return { typed, rest };
}

/** An `amiSelectorTerms[]` entry. */
export type AmiSelectorTerm = { readonly alias: string } | { readonly id: string };

/**
 * The pinned AMI selector: `al2023@v<date>` / `bottlerocket@v<x.y.z>` from the pinned release, or from `resolvedRelease`
 * (the recommended channel's release, read at `pulumi up`), so a new AMI rolls at `pulumi up`, never by Karpenter drift
 * to `@latest`. A custom image is selected by id. Undefined when the recommended release is not known yet.
 */
export function amiSelectorTerms(a: Pick<ResolvedWorkerPoolArgs, "os" | "ami">, resolvedRelease?: string): AmiSelectorTerm[] | undefined {
  if (a.ami.channel === "custom") return a.ami.imageId !== undefined ? [{ id: a.ami.imageId }] : undefined;
  const release = a.ami.channel === "pinned" ? a.ami.releaseVersion : resolvedRelease;
  if (release === undefined) return undefined;
  if (a.os === "BOTTLEROCKET") {
    const v = /^(\d+\.\d+\.\d+)/.exec(release);
    return v ? [{ alias: `bottlerocket@v${v[1]}` }] : undefined;
  }
  const date = /-(\d{8})$/.exec(release);
  return date ? [{ alias: `al2023@v${date[1]}` }] : undefined;
}

/** Karpenter's alias family of the OS (`al2023@…`, `bottlerocket@…`). */
const aliasFamily = (os: ResolvedWorkerPoolArgs["os"]): string => (os === "BOTTLEROCKET" ? "bottlerocket" : "al2023");

/**
 * The alias version of a recommended pool whose SSM value is not a release (the offline plan answers the parameter with
 * its labelled stand-in `offline-stand-in(<parameter>)`, listed among the plan's stand-ins). It names no AMI release
 * (Karpenter's are `v<date>` / `v<x.y.z>`, or `latest`), so Karpenter resolves no AMI for it rather than a wrong one; and
 * `bottlerocket@offline-stand-in` (29 characters) keeps within the CRD's 30-character alias (`maxLength: 30`,
 * components/facts/data/karpenter-crds.json; v1.14.1 pkg/apis/v1/ec2nodeclass.go `+kubebuilder:validation:MaxLength=30`)
 * and its CEL rules (`^[a-zA-Z0-9]+@.+$`, family al2 / al2023 / bottlerocket / windows*), which the whole stand-in does not.
 */
export const STAND_IN_ALIAS_VERSION = "offline-stand-in";

/**
 * The recommended channel's selector from the value its SSM parameter gave: the pinned alias of that release, or, for a
 * value that is not a release (the offline plan's stand-in), `<family>@offline-stand-in` ({@link STAND_IN_ALIAS_VERSION}),
 * so the EC2NodeClass is never `@latest` (Karpenter would follow new AMIs by drift).
 */
export function recommendedAmiSelectorTerms(a: Pick<ResolvedWorkerPoolArgs, "os" | "ami">, value: string): AmiSelectorTerm[] {
  return amiSelectorTerms({ os: a.os, ami: { channel: "pinned", releaseVersion: value } }) ?? [{ alias: `${aliasFamily(a.os)}@${STAND_IN_ALIAS_VERSION}` }];
}

/** What the EC2NodeClass needs beyond the pool model. */
export interface NodeClassContext {
  readonly name: string;
  /** The pool's name, for its tags. @default - `name` */
  readonly pool?: string;
  readonly clusterName: string;
  readonly cluster: NodeConfigCluster;
  /** The node role's name (Karpenter creates the instance profile). */
  readonly roleName: string;
  /** The recommended channel's AMI release. @default - unknown: pinned and custom pools only */
  readonly resolvedRelease?: string;
}

export interface Ec2NodeClassManifest {
  readonly apiVersion: "karpenter.k8s.aws/v1";
  readonly kind: "EC2NodeClass";
  readonly metadata: { readonly name: string };
  readonly spec: Readonly<Record<string, unknown>>;
}

/** The discovery tag Karpenter selects the cluster's private subnets and security group by. */
export const KARPENTER_DISCOVERY_TAG = "karpenter.sh/discovery";

function blockDeviceMappings(plan: WorkerPoolPlan, os: ResolvedWorkerPoolArgs["os"]): Record<string, unknown>[] {
  const data = os === "BOTTLEROCKET" ? "/dev/xvdb" : "/dev/xvda";
  return plan.blockDevices.map((d) => ({
    deviceName: d.deviceName,
    ...(d.deviceName === data ? { rootVolume: true } : {}),
    ebs: {
      ...(d.sizeGiB !== undefined ? { volumeSize: `${d.sizeGiB}Gi` } : {}), volumeType: d.type, encrypted: true, deleteOnTermination: true,
      ...(d.iops !== undefined ? { iops: d.iops } : {}), ...(d.throughput !== undefined ? { throughput: d.throughput } : {}),
      ...(d.kmsKeyId !== undefined ? { kmsKeyID: d.kmsKeyId } : {}),
    },
  }));
}

/** Renders the EC2NodeClass of a karpenter pool (`a.instanceTypes`: the matched types). */
export function renderEc2NodeClass(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, ctx: NodeClassContext): Ec2NodeClassManifest {
  const { typed, rest } = splitKarpenterKubelet(plan.kubelet.config);
  const userData = renderPoolUserData(a, { ...plan, kubelet: { ...plan.kubelet, config: rest } }, ctx.cluster);
  const discovery = { tags: { [KARPENTER_DISCOVERY_TAG]: ctx.clusterName } };
  // `@latest` only while the recommended release is not known yet (validation); the component registers the pinned one.
  const ami = amiSelectorTerms(a, ctx.resolvedRelease) ?? [{ alias: `${aliasFamily(a.os)}@latest` }];
  return {
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata: { name: ctx.name },
    spec: {
      ...(a.ami.channel === "custom" ? { amiFamily: a.os === "BOTTLEROCKET" ? "Bottlerocket" : "AL2023" } : {}),
      amiSelectorTerms: ami,
      role: ctx.roleName,
      subnetSelectorTerms: [discovery],
      securityGroupSelectorTerms: [discovery, ...a.securityGroupIds.map((id) => ({ id }))],
      metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: plan.metadataOptions.httpPutResponseHopLimit, httpTokens: "required" },
      blockDeviceMappings: blockDeviceMappings(plan, a.os),
      kubelet: typed,
      userData,
      tags: planPoolTags(a, ctx.pool ?? ctx.name),
    },
  };
}
