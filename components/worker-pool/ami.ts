/**
 * EKS-optimized AMIs for managed node groups: the node group `amiType` and the public SSM parameters of the
 * recommended release per OS, architecture and accelerator (the variant table, `components/facts/data/
 * eks-ami-variants.json`, names its sources), and the pinned release formats.
 *
 * Release versions seen in SSM / API output: Amazon Linux "1.21.5-20220112" (eksctl-io/eksctl#4423),
 * AL2023 "1.29.0-20240227" (terraform-aws-modules/terraform-aws-eks#2951), "1.33.8-20260304"
 * (zama-ai/terraform-mpc-modules#98); Bottlerocket "1.5.2-1602f3a8" (eksctl-io/eksctl#4423),
 * "1.30.0-ca9b9399" (hashicorp/terraform-provider-aws#40903), "1.34.0-18d04e52" (EKS refused a bare "1.34.0" and
 * accepted the suffixed form: cloudposse/terraform-aws-eks-node-group#209). The accelerated variants use the same
 * formats: amazon-eks-ami's changelog gives one release (e.g. 1.36.2-20260714) to all five AL2023 AMIs of a
 * version, and Bottlerocket numbers its `-nvidia` variants' releases like the standard ones.
 */
import { ConfigIssue } from "../core";
import {
  AMI_ACCELERATORS, AMI_TYPES, AmiAccelerator, AmiType, EKS_AMI_ARCHITECTURES, EKS_AMI_OPERATING_SYSTEMS, EksAmiVariant,
  eksAmiVariant, unavailableAmiVariant,
} from "../facts";

/** Node operating systems with EKS-optimized AMIs (AL2 only up to Kubernetes 1.32). */
export const AMI_OPERATING_SYSTEMS = EKS_AMI_OPERATING_SYSTEMS;
export type AmiOperatingSystem = (typeof AMI_OPERATING_SYSTEMS)[number];

/** CPU architectures, as the SSM parameter paths spell them. */
export const AMI_ARCHITECTURES = EKS_AMI_ARCHITECTURES;
export type AmiArchitecture = (typeof AMI_ARCHITECTURES)[number];

/** EKS managed node group `amiType` values this library uses, standard and accelerated. */
export { AMI_TYPES, AMI_ACCELERATORS };
export type { AmiType, AmiAccelerator };

/**
 * A pool's `accelerator`: `auto` takes it from the instance facts (NVIDIA GPUs, AWS Neuron devices, or none);
 * the others say which drivers the AMI must carry, and are checked against the types.
 */
export const ACCELERATORS = ["auto", ...AMI_ACCELERATORS] as const;
export type Accelerator = (typeof ACCELERATORS)[number];

/** What selects one AMI family in SSM. */
export interface AmiSelector {
  /** Node operating system. */
  readonly os: AmiOperatingSystem;
  /** Kubernetes minor version, e.g. "1.35". */
  readonly kubernetesVersion: string;
  /** CPU architecture. */
  readonly architecture: AmiArchitecture;
  /** The accelerator whose drivers the AMI carries. @default "none" */
  readonly accelerator?: AmiAccelerator;
}

const MINOR_RE = /^\d+\.\d+$/;

function checkedVersion(v: string): string {
  if (!MINOR_RE.test(v)) throw new RangeError(`kubernetesVersion must be like "1.35", got ${JSON.stringify(v)}`);
  return v;
}

/**
 * The AMI variant for an OS, architecture and accelerator. Throws RangeError for a combination EKS publishes no AMI
 * for (validation refuses those first, with the reason: {@link amiVariantIssue}).
 */
export function amiVariantFor(os: AmiOperatingSystem, architecture: AmiArchitecture, accelerator: AmiAccelerator = "none"): EksAmiVariant {
  const v = eksAmiVariant(os, architecture, accelerator);
  if (v) return v;
  throw new RangeError(`no EKS AMI for ${os} ${architecture} with accelerator ${accelerator}: ${unavailableAmiVariant(os, architecture, accelerator)?.why ?? "not in the variant table"}`);
}

/** Why an OS, architecture and accelerator has no EKS AMI, or `undefined` when it has one. */
export const amiVariantIssue = (os: AmiOperatingSystem, architecture: AmiArchitecture, accelerator: AmiAccelerator): string | undefined =>
  eksAmiVariant(os, architecture, accelerator) ? undefined : unavailableAmiVariant(os, architecture, accelerator)?.why ?? "not in the variant table";

const fill = (template: string, s: AmiSelector): string => template.replace("{version}", checkedVersion(s.kubernetesVersion));

/**
 * Public SSM parameter whose value is the recommended AMI release version for a managed node group's
 * `releaseVersion`, e.g. `/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/x86_64/nvidia/recommended/release_version`
 * or `/aws/service/bottlerocket/aws-k8s-1.35-nvidia/arm64/latest/image_version`. Throws RangeError on a bad version
 * or a combination without an AMI.
 */
export const amiReleaseSsmParameter = (s: AmiSelector): string =>
  fill(amiVariantFor(s.os, s.architecture, s.accelerator).releaseParameter, s);

/** Public SSM parameter holding the recommended AMI ID (`.../recommended/image_id`, `.../latest/image_id`). */
export const amiImageIdSsmParameter = (s: AmiSelector): string =>
  fill(amiVariantFor(s.os, s.architecture, s.accelerator).imageIdParameter, s);

/** The EKS node group `amiType` for an OS, architecture and accelerator (throws RangeError where there is none). */
export const amiTypeFor = (os: AmiOperatingSystem, architecture: AmiArchitecture, accelerator: AmiAccelerator = "none"): AmiType =>
  amiVariantFor(os, architecture, accelerator).amiType;

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
 * Format check of a pinned AMI release version, in the format of the OS's variants (the table's `releaseFormat`,
 * the same for standard and accelerated variants). AL2023/AL2: "1.33.8-20260304" (its Kubernetes minor must
 * match `kubernetesVersion` when given); Bottlerocket: "1.30.0-ca9b9399" (OS version + commit).
 */
export function validateReleaseVersion(os: AmiOperatingSystem, version: unknown, at: string, kubernetesVersion?: string): ConfigIssue[] {
  if (typeof version !== "string") return [{ path: at, message: `must be a string, got ${version === null ? "null" : typeof version}` }];
  if (amiVariantFor(os, "x86_64").releaseFormat === "amazon-linux") return validateAmazonLinux(version, at, kubernetesVersion);
  if (BOTTLEROCKET_RELEASE.test(version)) return [];
  const hint = /^\d+\.\d+\.\d+$/.test(version) ? "; add the commit suffix as SSM's image_version shows it" : "";
  return [{ path: at, message: `must be a Bottlerocket release like "1.30.0-ca9b9399" (<os version>-<8 hex commit>), got ${JSON.stringify(version)}${hint}` }];
}
