/** A pool's further EBS volumes (`WorkerPoolArgs.extraVolumes`); planned and validated in volumes.ts. */
import type { EbsVolumeType } from "../facts";

/**
 * A further EBS volume of every node (launch template block device mapping; always encrypted, deleted with the node):
 * the root volume's options (size, type, IOPS, throughput) plus its device name and, on AL2023, where it is mounted.
 */
export interface ExtraVolume {
  /** EBS volume type. @default "gp3" */
  readonly type?: EbsVolumeType;
  /** Provisioned IOPS, as for the root volume (gp3, io1, io2; required for io1/io2). @default - none: gp3 has its baseline 3000 IOPS */
  readonly iops?: number;
  /** Provisioned throughput in MiB/s (gp3 only), at most 0.25 MiB/s per IOPS. @default - none: gp3 has its baseline 125 MiB/s */
  readonly throughput?: number;
  /** Block device mapping name, `/dev/sd[b-z]` or `/dev/xvd[b-z]`; never the root device (nor `/dev/xvdb` on Bottlerocket). */
  readonly deviceName: string;
  /** Size in GiB, within the volume type's EBS range. */
  readonly sizeGiB: number;
  /**
   * AL2023 only: formatted XFS (when blank) and mounted here before the kubelet starts, the directory's contents copied
   * onto it first: `/var/lib/containerd`, `/var/lib/kubelet`, or a path outside the OS's own directories (e.g. `/mnt/data`).
   * Bottlerocket mounts no extra volume (see README). @default - attached unformatted, not mounted
   */
  readonly mountPath?: string;
  /** A customer managed KMS key for this volume, as `rootVolume.kmsKeyArn`. @default - `rootVolume.kmsKeyArn` (EBS's AWS managed key without one) */
  readonly kmsKeyArn?: string;
}
