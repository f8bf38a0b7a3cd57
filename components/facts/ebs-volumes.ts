/**
 * What EC2 accepts for an EBS volume's IOPS and throughput, per volume type, as data (`data/ebs-volume-limits.json`,
 * whose `source` names the Amazon EBS User Guide pages and the EC2 API reference).
 */
import raw from "./data/ebs-volume-limits.json";
import { isRecord } from "../core";

/** The EBS volume types a node volume may have, most recommended first. */
export const EBS_VOLUME_TYPES = ["gp3", "gp2", "io1", "io2"] as const;
export type EbsVolumeType = (typeof EBS_VOLUME_TYPES)[number];

/** Provisioned IOPS a volume type takes. */
export interface EbsIopsLimits {
  readonly min: number;
  readonly max: number;
  /** At most this many IOPS per GiB of volume size (gp3: above its baseline). */
  readonly maxPerGiB: number;
  /** EC2 refuses the volume without IOPS (io1, io2). */
  readonly required: boolean;
  /** IOPS the volume has when none are given, allowed whatever its size. @default - none */
  readonly baseline?: number;
}

/** Provisioned throughput (MiB/s) a volume type takes. */
export interface EbsThroughputLimits {
  readonly min: number;
  readonly max: number;
  /** At most this many MiB/s per provisioned IOPS. */
  readonly maxPerIops: number;
}

/** One volume type: what it takes; an absent member means EC2 refuses that parameter for the type. */
export interface EbsVolumeLimits {
  /** Volume sizes EBS creates for the type, GiB. */
  readonly sizeGiB: { readonly min: number; readonly max: number };
  readonly iops?: EbsIopsLimits;
  readonly throughput?: EbsThroughputLimits;
}

function num(v: unknown, where: string): number {
  if (typeof v === "number" && Number.isFinite(v) && v > 0) return v;
  throw new Error(`data/ebs-volume-limits.json: ${where} must be a positive number, got ${JSON.stringify(v)}`);
}

function parseIops(v: unknown, where: string): EbsIopsLimits | undefined {
  if (v === undefined) return undefined;
  const r = isRecord(v) ? v : {};
  const baseline = r.baseline === undefined ? {} : { baseline: num(r.baseline, `${where}.baseline`) };
  return { min: num(r.min, `${where}.min`), max: num(r.max, `${where}.max`), maxPerGiB: num(r.maxPerGiB, `${where}.maxPerGiB`), required: r.required === true, ...baseline };
}

function parseThroughput(v: unknown, where: string): EbsThroughputLimits | undefined {
  if (v === undefined) return undefined;
  const r = isRecord(v) ? v : {};
  return { min: num(r.min, `${where}.min`), max: num(r.max, `${where}.max`), maxPerIops: num(r.maxPerIops, `${where}.maxPerIops`) };
}

function parseLimits(): Readonly<Record<EbsVolumeType, EbsVolumeLimits>> {
  const types: Readonly<Record<string, unknown>> = raw.volumeTypes;
  const extra = Object.keys(types).filter((t) => !(EBS_VOLUME_TYPES as readonly string[]).includes(t));
  if (extra.length > 0) throw new Error(`data/ebs-volume-limits.json: unknown volume types ${extra.join(", ")}`);
  return Object.fromEntries(EBS_VOLUME_TYPES.map((t) => {
    const r = types[t];
    if (!isRecord(r)) throw new Error(`data/ebs-volume-limits.json: no entry for ${t}`);
    const iops = parseIops(r.iops, `volumeTypes.${t}.iops`);
    const throughput = parseThroughput(r.throughput, `volumeTypes.${t}.throughput`);
    const size = isRecord(r.sizeGiB) ? r.sizeGiB : {};
    const sizeGiB = { min: num(size.min, `volumeTypes.${t}.sizeGiB.min`), max: num(size.max, `volumeTypes.${t}.sizeGiB.max`) };
    return [t, { sizeGiB, ...(iops ? { iops } : {}), ...(throughput ? { throughput } : {}) }];
  })) as Record<EbsVolumeType, EbsVolumeLimits>;
}

const LIMITS = parseLimits();

/** What EC2 accepts for a volume type's IOPS and throughput. */
export const ebsVolumeLimits = (type: EbsVolumeType): EbsVolumeLimits => LIMITS[type];

/** The pages the limits come from. */
export const EBS_VOLUME_LIMITS_SOURCE: readonly string[] = raw.source.pages.map((p) => p.url);
