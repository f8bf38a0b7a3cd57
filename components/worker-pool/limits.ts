/**
 * Limits EC2 enforces on a pool's launch template, checked before anything is registered: the root volume's IOPS and
 * throughput (EBS limits per volume type, components/facts `ebsVolumeLimits`) and the size of the user data (EC2's
 * 16 KB, raw before base64). Pure.
 */
import { AWS_PARTITIONS, ConfigIssue, parseKmsKeyArn } from "../core";
import { ebsVolumeLimits, eksLimit } from "../facts";
import { NodeConfigCluster, validateBottlerocketSettings } from "../userdata";
import type { ResolvedWorkerPoolArgs } from "./args";
import { planWorkerPool } from "./plan";
import { ourBottlerocketSettings, renderPoolUserData } from "./userdata";

/** Root volume sizes EC2 accepts for a node's volume here (the AMI snapshot needs 20 GiB). */
export const ROOT_VOLUME_GIB = { min: 20, max: 16384 } as const;

const fmt = (n: number): string => n.toLocaleString("en-US");

/** An EBS volume as validated, root or extra: its size and type known. */
export type EbsVolumeSpec = Pick<ResolvedWorkerPoolArgs["rootVolume"], "sizeGiB" | "type" | "iops" | "throughput" | "kmsKeyArn">;

function validateIops(v: EbsVolumeSpec, at: string): ConfigIssue[] {
  const limits = ebsVolumeLimits(v.type).iops;
  if (!limits) return v.iops === undefined ? [] : [{ path: `${at}.iops`, message: `EC2 refuses provisioned IOPS on ${v.type} volumes (their IOPS follow the size); remove iops or use gp3, got ${v.iops}` }];
  const perGiB = Math.min(limits.max, Math.max(limits.baseline ?? 0, limits.maxPerGiB * v.sizeGiB));
  if (v.iops === undefined) {
    return limits.required ? [{ path: `${at}.iops`, message: `required: EC2 refuses ${v.type} volumes without provisioned IOPS; give ${fmt(limits.min)}-${fmt(perGiB)} for ${v.sizeGiB} GiB (${limits.maxPerGiB} IOPS per GiB)` }] : [];
  }
  if (v.iops < limits.min || v.iops > limits.max) return [{ path: `${at}.iops`, message: `${v.type} volumes take ${fmt(limits.min)}-${fmt(limits.max)} IOPS, got ${fmt(v.iops)}` }];
  if (v.iops > perGiB) {
    return [{ path: `${at}.iops`, message: `${v.type} allows at most ${limits.maxPerGiB} IOPS per GiB: ${fmt(perGiB)} for ${v.sizeGiB} GiB, got ${fmt(v.iops)}; raise sizeGiB to ${Math.ceil(v.iops / limits.maxPerGiB)} or lower iops` }];
  }
  return [];
}

function validateThroughput(v: EbsVolumeSpec, at: string): ConfigIssue[] {
  if (v.throughput === undefined) return [];
  const limits = ebsVolumeLimits(v.type).throughput;
  if (!limits) return [{ path: `${at}.throughput`, message: `EC2 takes provisioned throughput on gp3 volumes only, not ${v.type}; got ${v.throughput}` }];
  if (v.throughput < limits.min || v.throughput > limits.max) return [{ path: `${at}.throughput`, message: `${v.type} volumes take ${fmt(limits.min)}-${fmt(limits.max)} MiB/s, got ${fmt(v.throughput)}` }];
  const iops = v.iops ?? ebsVolumeLimits(v.type).iops?.baseline;
  if (iops !== undefined && v.throughput > limits.maxPerIops * iops) {
    const given = v.iops === undefined ? `the baseline ${fmt(iops)} IOPS` : `${fmt(iops)} IOPS`;
    return [{ path: `${at}.throughput`, message: `${v.type} allows at most ${limits.maxPerIops} MiB/s per IOPS: ${fmt(Math.floor(limits.maxPerIops * iops))} MiB/s with ${given}, got ${fmt(v.throughput)}; raise iops to ${fmt(Math.ceil(v.throughput / limits.maxPerIops))}` }];
  }
  return [];
}

/**
 * Any node volume: its size within `sizeGiB` (default: what EBS creates for its type), IOPS and throughput within
 * the EBS limits of its type, and its KMS key (in `region`, when known). `at` is the volume's path (`…rootVolume`,
 * `…extraVolumes[1]`).
 */
export function validateEbsVolume(
  v: EbsVolumeSpec, at: string, sizeGiB: { readonly min: number; readonly max: number } = ebsVolumeLimits(v.type).sizeGiB, region?: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!Number.isInteger(v.sizeGiB) || v.sizeGiB < sizeGiB.min || v.sizeGiB > sizeGiB.max) {
    issues.push({ path: `${at}.sizeGiB`, message: `must be between ${sizeGiB.min} and ${sizeGiB.max} GiB${sizeGiB === ROOT_VOLUME_GIB ? "" : ` (EBS ${v.type})`}, got ${v.sizeGiB}` });
  }
  return [...issues, ...validateIops(v, at), ...validateThroughput(v, at), ...validateVolumeKey(v.kmsKeyArn, `${at}.kmsKeyArn`, region)];
}

/**
 * `rootVolume.kmsKeyArn`: a KMS key ARN or alias ARN (the launch template's `kmsKeyId` also takes a bare key id or
 * alias, which this key, named for an ARN, does not), in `region` when it is known (EBS uses keys of the volume's region).
 */
export function validateVolumeKey(arn: string | undefined, at: string, region?: string): ConfigIssue[] {
  if (arn === undefined) return [];
  const key = parseKmsKeyArn(arn);
  if (!key) {
    return [{ path: at, message: `"${arn.slice(0, 200)}" is not a KMS key ARN (arn:<partition>:kms:<region>:<account id>:key/<key id>) or alias ARN (…:alias/<name>), partition ${AWS_PARTITIONS.join(", ")}` }];
  }
  if (region !== undefined && key.region !== region) {
    return [{ path: at, message: `the key is in ${key.region}, but the stack's nodes are in ${region} (aws:region): EBS encrypts a volume only with a key of its own region; use a key (or a multi-Region replica) in ${region}` }];
  }
  return [];
}

/** The root (Bottlerocket: data) volume: {@link validateEbsVolume} with the root's sizes ({@link ROOT_VOLUME_GIB}). `at` is `…rootVolume`. */
export const validateRootVolume = (v: EbsVolumeSpec, at: string, region?: string): ConfigIssue[] => validateEbsVolume(v, at, ROOT_VOLUME_GIB, region);

/**
 * Stand-ins for the cluster values only known at deploy, at the largest size they realistically reach, so a pool
 * whose user data fits with them fits with the real ones. The API server endpoint is
 * `https://<32 hex>.<3 chars>.<region>.eks.amazonaws.com` (about 75 characters; 128 assumed); the CA is the
 * base64 of the cluster CA's PEM, about 1,470 characters for EKS's 2048-bit RSA CA (4,096 assumed, room for a
 * 4096-bit key). The name and service CIDR are known from config; when not (an Output), EKS's 100-character
 * maximum name and the longest IPv4 CIDR are assumed.
 */
export const USER_DATA_STAND_INS = {
  endpointChars: 128,
  certificateAuthorityChars: 4096,
  clusterNameChars: 100,
  serviceCidr: "255.255.255.255/32",
} as const;

const known = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

/** The cluster connection the size check renders with: known values as they are, the rest as {@link USER_DATA_STAND_INS}. */
export function userDataSizingCluster(c: ResolvedWorkerPoolArgs["cluster"]): NodeConfigCluster {
  const s = USER_DATA_STAND_INS;
  const endpoint = "https://";
  return {
    name: known(c.name) ?? "n".repeat(s.clusterNameChars),
    apiServerEndpoint: known(c.endpoint) ?? `${endpoint}${"e".repeat(s.endpointChars - endpoint.length)}`,
    certificateAuthority: known(c.certificateAuthority) ?? "C".repeat(s.certificateAuthorityChars),
    cidr: known(c.serviceCidr) ?? s.serviceCidr,
  };
}

/** The user data text against EC2's limit (16 KB raw, before base64); `at` is the pool's path. */
export function validateUserDataBytes(text: string, at: string, assumed = ""): ConfigIssue[] {
  const max = eksLimit("userDataMaxBytes");
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes <= max) return [];
  return [{
    path: at,
    message: `its node user data is ${fmt(bytes)} bytes${assumed}, over EC2's ${fmt(max)}-byte limit (raw, before base64): the launch template would be refused; shorten the kubelet settings (featureGates, extra, allowedUnsafeSysctls, eviction maps), kernel.sysctls or userData by ${fmt(bytes - max)} bytes`,
  }];
}

/** Renders the pool's user data with {@link userDataSizingCluster} and checks its size; `at` is the pool's path. */
export function validatePoolUserDataSize(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const s = USER_DATA_STAND_INS;
  const text = renderPoolUserData(a, planWorkerPool(a, at), userDataSizingCluster(a.cluster));
  return validateUserDataBytes(text, at, ` (with the cluster endpoint and CA as ${s.endpointChars}- and ${fmt(s.certificateAuthorityChars)}-character stand-ins: they are known at deploy)`);
}

/** A Bottlerocket pool's `userData.bottlerocketSettings` against the model and the settings we render; `at` is the pool's path. */
export function validatePoolBottlerocketSettings(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  if (a.os !== "BOTTLEROCKET" || Object.keys(a.userData.bottlerocketSettings).length === 0) return [];
  const plan = planWorkerPool(a, at);
  const ours = ourBottlerocketSettings(a, plan, userDataSizingCluster(a.cluster));
  return validateBottlerocketSettings({ settings: a.userData.bottlerocketSettings, ours, nvidia: plan.accelerator.kind === "nvidia" }, `${at}.userData.bottlerocketSettings`);
}
