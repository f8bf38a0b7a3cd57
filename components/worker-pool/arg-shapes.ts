/** The shapes inside {@link WorkerPoolArgs}: enumerations and the sub-objects of a pool (re-exported by args.ts). */
import { AMI_ARCHITECTURES, AMI_OPERATING_SYSTEMS, AmiArchitecture, AmiOperatingSystem } from "./ami";
import { EBS_VOLUME_TYPES, EbsVolumeType } from "../facts";
import { INSTANCE_STORAGE_STRATEGIES, InstanceStorageStrategy } from "../userdata";

/** Node OSes (the AMI families EKS publishes). `AL2` exists only to be refused with a clear message. */
export const OPERATING_SYSTEMS = AMI_OPERATING_SYSTEMS;
export type OperatingSystem = AmiOperatingSystem;
export const ARCHITECTURES = AMI_ARCHITECTURES;
export type Architecture = AmiArchitecture;
/** EKS node group `capacityType`s; `CAPACITY_BLOCK` runs the nodes in an EC2 Capacity Block for ML (`capacityReservation.id`). */
export const CAPACITY_TYPES = ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"] as const;
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
export const AMI_CHANNELS = ["recommended", "pinned", "custom"] as const;
export type AmiChannel = (typeof AMI_CHANNELS)[number];
export { INSTANCE_STORAGE_STRATEGIES };
export type { InstanceStorageStrategy };

/** EC2 launch template `CapacityReservationPreference` values (EC2 API LaunchTemplateCapacityReservationSpecificationRequest). */
export const CAPACITY_RESERVATION_PREFERENCES = ["capacity-reservations-only", "open", "none"] as const;
export type CapacityReservationPreference = (typeof CAPACITY_RESERVATION_PREFERENCES)[number];
/** `none`: no placement group; `cluster`: a cluster placement group (one AZ, low-latency network between the nodes). */
export const PLACEMENT_GROUPS = ["none", "cluster"] as const;
export type PlacementGroupChoice = (typeof PLACEMENT_GROUPS)[number];

/**
 * The launch template's `capacityReservationSpecification`: a target (`id` or `resourceGroupArn`, not both) and/or a
 * preference. EC2 accepts a preference beside a target only when it is `capacity-reservations-only`.
 */
export interface CapacityReservation {
  /** On-Demand Capacity Reservation or Capacity Block id (`capacityReservationTarget.capacityReservationId`), e.g. `cr-0abc…`. @default - none */
  readonly id?: string;
  /** Capacity Reservation resource group ARN (`capacityReservationTarget.capacityReservationResourceGroupArn`). @default - none */
  readonly resourceGroupArn?: string;
  /** `capacityReservationPreference`. @default - none set: with a target, EC2 launches into the target */
  readonly preference?: CapacityReservationPreference;
}

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
  /**
   * A customer managed KMS key encrypting every volume of the launch template (`ebs.kmsKeyId`; extra volumes too, unless
   * they name their own): a key ARN (`arn:aws:kms:<region>:<account>:key/<id>`) or an alias ARN (`…:alias/<name>`), in
   * the cluster's region. Its key policy must let the Auto Scaling service-linked role (`AWSServiceRoleForAutoScaling`)
   * use it and create grants.
   * @default - none: EBS's AWS managed key (`aws/ebs`, or the account's default EBS key)
   */
  readonly kmsKeyArn?: string;
}

/** The node IAM role the pool creates. */
export interface NodeRoleOptions {
  /**
   * IAM managed policy ARNs attached besides the ones nodes need (`NODE_ROLE_POLICIES`); one of those listed again is
   * ignored, with a warning. Refused with `nodeRoleArn` (that role's policies are its owner's). Broad policies
   * (AdministratorAccess, PowerUserAccess, IAMFullAccess) are legal and judged by policy EKS-IAM-001.
   * @default []
   */
  readonly additionalPolicyArns?: readonly string[];
}

/** Which AMI release nodes run. */
export interface AmiSelection {
  /**
   * `recommended`: the public SSM parameter's release, resolved at every deploy; `pinned`: `releaseVersion`; `custom`: your
   * own image `imageId` in the launch template (node group `amiType: CUSTOM`, no `releaseVersion` nor `version`, complete
   * bootstrap user data), which nobody patches but you: a new `imageId` rolls the pool. The stack config's `promoted`
   * channel (another stack's soaked release, read through a StackReference) is resolved by the stack program
   * (infra/promotion.ts, `choosePromotion` in the patching folder) and reaches the pool as `pinned`.
   * @default "recommended"
   */
  readonly channel?: AmiChannel;
  /** Exact EKS AMI release version, required with `pinned`, e.g. `1.35.0-20251120`. @default - none */
  readonly releaseVersion?: string;
  /**
   * EC2 image id of your own AMI, required with `custom` (e.g. `ami-0abcdef1234567890`): an EKS-optimized AMI derivative of
   * the pool's `os` (nodeadm for AL2023, Bottlerocket's settings API) for the pool's Kubernetes version and architecture.
   * @default - none
   */
  readonly imageId?: string;
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
   * (one ingress rule per source). Without sources, no port 22 ingress is added (EKS's own remoteAccess would open port 22
   * to 0.0.0.0/0): SSH then reaches the nodes only where their other security groups allow it (the cluster security
   * group admits its own members), and validation warns.
   * @default []
   */
  readonly sourceSecurityGroupIds?: readonly string[];
}
