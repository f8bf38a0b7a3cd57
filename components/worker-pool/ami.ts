/**
 * EKS-optimized AMI facts for managed node groups: the public SSM parameters that hold the recommended
 * release version, the node group `amiType` per OS and architecture, and release-version formats.
 *
 * Sources:
 * - SSM paths: AWS EKS User Guide "Retrieve recommended Amazon Linux AMI IDs" and "Retrieve recommended
 *   Bottlerocket AMI IDs" (awsdocs/amazon-eks-user-guide latest/ug/nodes/retrieve-ami-id.adoc @0366452,
 *   retrieve-ami-id-bottlerocket.adoc @1fe584b) give `.../recommended/image_id` and `.../latest/image_id`;
 *   the sibling `release_version` / `image_version` parameters are the ones eksctl
 *   (pkg/ami/ssm_resolver.go, MakeManagedSSMParameterName) and terraform-aws-eks
 *   (modules/eks-managed-node-group/main.tf, ssm_ami_type_to_ssm_param) pass as a node group's releaseVersion.
 * - amiType values: EKS API Nodegroup.amiType, as spelled in those two files and in @pulumi/eks 4.3.0
 *   types/enums (AL2023_x86_64_STANDARD, AL2023_ARM_64_STANDARD, BOTTLEROCKET_x86_64, BOTTLEROCKET_ARM_64,
 *   AL2_x86_64, AL2_ARM_64).
 * - Release versions seen in SSM / API output: Amazon Linux "1.21.5-20220112" (eksctl-io/eksctl#4423),
 *   AL2023 "1.29.0-20240227" (terraform-aws-modules/terraform-aws-eks#2951), "1.33.8-20260304"
 *   (zama-ai/terraform-mpc-modules#98); Bottlerocket "1.5.2-1602f3a8" (eksctl-io/eksctl#4423),
 *   "1.30.0-ca9b9399" (hashicorp/terraform-provider-aws#40903), "1.34.0-18d04e52" (EKS refused a bare "1.34.0" and
 *   accepted the suffixed form: cloudposse/terraform-aws-eks-node-group#209).
 */
import { ConfigIssue } from "../core";

/** Node operating systems with EKS-optimized AMIs (AL2 only up to Kubernetes 1.32). */
export const AMI_OPERATING_SYSTEMS = ["AL2023", "BOTTLEROCKET", "AL2"] as const;
export type AmiOperatingSystem = (typeof AMI_OPERATING_SYSTEMS)[number];

/** CPU architectures, as the SSM parameter paths spell them. */
export const AMI_ARCHITECTURES = ["x86_64", "arm64"] as const;
export type AmiArchitecture = (typeof AMI_ARCHITECTURES)[number];

/** EKS managed node group `amiType` values this library uses (standard, non-GPU variants). */
export const AMI_TYPES = [
  "AL2023_x86_64_STANDARD",
  "AL2023_ARM_64_STANDARD",
  "BOTTLEROCKET_x86_64",
  "BOTTLEROCKET_ARM_64",
  "AL2_x86_64",
  "AL2_ARM_64",
] as const;
export type AmiType = (typeof AMI_TYPES)[number];

/** What selects one AMI family in SSM. */
export interface AmiSelector {
  /** Node operating system. */
  readonly os: AmiOperatingSystem;
  /** Kubernetes minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** CPU architecture. */
  readonly architecture: AmiArchitecture;
}

const MINOR_RE = /^\d+\.\d+$/;

function checkedVersion(v: string): string {
  if (!MINOR_RE.test(v)) throw new RangeError(`kubernetesVersion must be like "1.35", got ${JSON.stringify(v)}`);
  return v;
}

/** `amazon-linux-2023/x86_64/standard`, `amazon-linux-2-arm64`, ... (the Amazon Linux path segment). */
function amazonLinuxSegment(os: "AL2023" | "AL2", arch: AmiArchitecture): string {
  if (os === "AL2023") return `amazon-linux-2023/${arch}/standard`;
  return arch === "arm64" ? "amazon-linux-2-arm64" : "amazon-linux-2";
}

function ssmParameter(s: AmiSelector, leaf: "version" | "image_id"): string {
  const v = checkedVersion(s.kubernetesVersion);
  if (s.os === "BOTTLEROCKET") {
    return `/aws/service/bottlerocket/aws-k8s-${v}/${s.architecture}/latest/${leaf === "version" ? "image_version" : "image_id"}`;
  }
  return `/aws/service/eks/optimized-ami/${v}/${amazonLinuxSegment(s.os, s.architecture)}/recommended/${leaf === "version" ? "release_version" : "image_id"}`;
}

/**
 * Public SSM parameter whose value is the recommended AMI release version for a managed node group's
 * `releaseVersion`, e.g. `/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/standard/recommended/release_version`
 * or `/aws/service/bottlerocket/aws-k8s-1.35/arm64/latest/image_version`. Throws RangeError on a bad version.
 */
export const amiReleaseSsmParameter = (s: AmiSelector): string => ssmParameter(s, "version");

/** Public SSM parameter holding the recommended AMI ID (`.../recommended/image_id`, `.../latest/image_id`). */
export const amiImageIdSsmParameter = (s: AmiSelector): string => ssmParameter(s, "image_id");

const AMI_TYPE: Readonly<Record<AmiOperatingSystem, Readonly<Record<AmiArchitecture, AmiType>>>> = {
  AL2023: { x86_64: "AL2023_x86_64_STANDARD", arm64: "AL2023_ARM_64_STANDARD" },
  BOTTLEROCKET: { x86_64: "BOTTLEROCKET_x86_64", arm64: "BOTTLEROCKET_ARM_64" },
  AL2: { x86_64: "AL2_x86_64", arm64: "AL2_ARM_64" },
};

/** The EKS node group `amiType` for an OS and architecture. */
export const amiTypeFor = (os: AmiOperatingSystem, architecture: AmiArchitecture): AmiType => AMI_TYPE[os][architecture];

/** Amazon Linux (AL2, AL2023) release: `<kubernetes major.minor.patch>-<YYYYMMDD build date>`. */
const AMAZON_LINUX_RELEASE = /^(\d+)\.(\d+)\.(\d+)-(\d{4})(\d{2})(\d{2})$/;
/** Bottlerocket release: `<Bottlerocket OS major.minor.patch>-<8 hex commit>`; not tied to Kubernetes. */
const BOTTLEROCKET_RELEASE = /^\d+\.\d+\.\d+-[0-9a-f]{8}$/;

function validDate(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function validateAmazonLinux(version: string, at: string, kubernetesVersion?: string): ConfigIssue[] {
  const m = AMAZON_LINUX_RELEASE.exec(version);
  if (!m) {
    return [{ path: at, message: `must be an Amazon Linux EKS AMI release like "1.33.8-20260304" (<kubernetes version>-<YYYYMMDD>), got ${JSON.stringify(version)}` }];
  }
  const issues: ConfigIssue[] = [];
  if (!validDate(m[4], m[5], m[6])) issues.push({ path: at, message: `build date ${m[4]}${m[5]}${m[6]} in ${JSON.stringify(version)} is not a calendar date` });
  if (kubernetesVersion !== undefined && MINOR_RE.test(kubernetesVersion) && `${m[1]}.${m[2]}` !== kubernetesVersion) {
    issues.push({ path: at, message: `release ${version} is for Kubernetes ${m[1]}.${m[2]}, but the pool runs ${kubernetesVersion}; pick a ${kubernetesVersion}.x-<date> release` });
  }
  return issues;
}

/**
 * Format check of a pinned AMI release version. AL2023/AL2: "1.33.8-20260304" (its Kubernetes minor must
 * match `kubernetesVersion` when given); Bottlerocket: "1.30.0-ca9b9399" (OS version + commit).
 */
export function validateReleaseVersion(os: AmiOperatingSystem, version: unknown, at: string, kubernetesVersion?: string): ConfigIssue[] {
  if (typeof version !== "string") return [{ path: at, message: `must be a string, got ${version === null ? "null" : typeof version}` }];
  if (os !== "BOTTLEROCKET") return validateAmazonLinux(version, at, kubernetesVersion);
  if (BOTTLEROCKET_RELEASE.test(version)) return [];
  const hint = /^\d+\.\d+\.\d+$/.test(version) ? "; add the commit suffix as SSM's image_version shows it" : "";
  return [{ path: at, message: `must be a Bottlerocket release like "1.30.0-ca9b9399" (<os version>-<8 hex commit>), got ${JSON.stringify(version)}${hint}` }];
}
