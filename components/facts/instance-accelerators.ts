/**
 * EC2 accelerator and local-hardware facts per instance type (GPUs, AWS Neuron devices, other inference accelerators,
 * EFA, instance store, network cards), shipped as data in `data/instance-accelerators.json` with its sources named
 * there, parsed and checked once at load. A type the sources do not list is unknown, never assumed bare.
 */
import { dataReader } from "../core";
import rawTable from "./data/instance-accelerators.json";

/** GPU manufacturer as the source spells it (Karpenter's lower-kebab-cased EC2 `GpuInfo.Gpus[].Manufacturer`). */
export const GPU_VENDORS = ["nvidia", "amd", "habana"] as const;
export type GpuVendor = (typeof GPU_VENDORS)[number];

/** Instance-store disk media (EC2 User Guide's HDD / SSD). */
export const STORE_MEDIA = ["ssd", "hdd"] as const;
export type StoreMedia = (typeof STORE_MEDIA)[number];

/** The type's GPUs. */
export interface GpuFacts {
  /** GPUs on the type; 0 for a fractional-GPU type (EC2 reports Count 0 for g6f / gr6f). */
  readonly count: number;
  /** Manufacturer, e.g. `nvidia`. */
  readonly vendor: GpuVendor;
  /** Model as the source spells it (lower-kebab-case), e.g. `t4`, `h100`, `t4g`, `radeon-pro-v520`. */
  readonly model: string;
  /** GPU memory of the whole instance in MiB: count x per-GPU, or what a fractional type gets. */
  readonly memoryMiB: number;
  /** Memory of one GPU (EC2 `Gpus[].MemoryInfo.SizeInMiB`), or of the fraction a fractional type gets. */
  readonly memoryPerGpuMiB: number;
  /** True when the type gets part of one GPU (count 0 with a GPU named). */
  readonly fractional: boolean;
}

/** The type's AWS Neuron devices (Inferentia, Trainium). */
export interface NeuronFacts {
  /** Neuron devices (the `aws.amazon.com/neuron` resource). */
  readonly devices: number;
  /** NeuronCores over all devices (the `aws.amazon.com/neuroncore` resource). @default - unknown */
  readonly cores?: number;
  /** Device name as the source spells it, e.g. `inferentia2`, `trainium`. */
  readonly model: string;
}

/** Inference accelerators that are neither GPUs nor Neuron devices (EC2 `InferenceAcceleratorInfo`, e.g. dl2q). */
export interface OtherAcceleratorFacts {
  /** Accelerators on the type. */
  readonly count: number;
  /** Manufacturer as the source spells it, e.g. `qualcomm`. */
  readonly vendor: string;
  /** Name as the source spells it, e.g. `qualcomm-ai100`. */
  readonly model: string;
}

/** EFA support; present only when the type supports EFA. */
export interface EfaFacts {
  /** EC2 `NetworkInfo.EfaInfo.MaximumEfaInterfaces`. */
  readonly maxInterfaces: number;
}

/** The type's instance store; present only when it has one. */
export interface InstanceStoreFacts {
  /** Total instance-store size in GB (EC2 `InstanceStorageInfo.TotalSizeInGB`). */
  readonly totalGB: number;
  /** Number of disks. @default - unknown (the disk source does not list the type) */
  readonly disks?: number;
  /** True when EC2 exposes the disks as NVMe (they then need no block device mapping). */
  readonly nvme: boolean;
  /** Disk media. @default - unknown (the disk source does not list the type) */
  readonly media?: StoreMedia;
}

/** What the sources say of one instance type; absent groups mean "none per the source". */
export interface AcceleratorFacts {
  readonly instanceType: string;
  /** Key of the `rowSources` entry the row comes from. */
  readonly source: string;
  /** GPUs. @default - no GPU */
  readonly gpus?: GpuFacts;
  /** AWS Neuron devices. @default - no Neuron device */
  readonly neuron?: NeuronFacts;
  /** Other inference accelerators. @default - none */
  readonly otherAccelerators?: OtherAcceleratorFacts;
  /** EFA. @default - EFA not supported */
  readonly efa?: EfaFacts;
  /** Instance store. @default - no instance store */
  readonly instanceStore?: InstanceStoreFacts;
  /** Network cards (EC2 `NetworkInfo.NetworkCards` entries). @default - unknown (not in the network-card source) */
  readonly networkCards?: number;
}

/** One source file read for the table. */
export interface AcceleratorSourceRef {
  /** Repository, e.g. `aws/karpenter-provider-aws`. */
  readonly repo: string;
  /** File path in the repository. */
  readonly path: string;
  /** Commit read. */
  readonly commit: string;
  /** Commit date (YYYY-MM-DD). */
  readonly date: string;
  /** Date read (YYYY-MM-DD). */
  readonly retrieved: string;
  /** Columns this source provides. */
  readonly fields: readonly string[];
  /** How the source's values map to the columns. */
  readonly note: string;
}

/** Where the table comes from. */
export interface InstanceAcceleratorsSource {
  /** The sources a row can name in its `source` column, by key. */
  readonly rowSources: Readonly<Record<string, AcceleratorSourceRef>>;
  /** Sources of single columns (instance-store disks, network cards). */
  readonly supplements: readonly AcceleratorSourceRef[];
  /** Types of instance-types.json no row source lists: unknown. */
  readonly uncovered: readonly string[];
  readonly note: string;
}

const COLUMNS = [
  "instanceType", "source", "gpuCount", "gpuVendor", "gpuModel", "gpuMemoryMiBPerGpu", "neuronDevices", "neuronCores",
  "neuronModel", "acceleratorCount", "acceleratorVendor", "acceleratorModel", "efaMaxInterfaces", "storeTotalGB",
  "storeDisks", "storeNvme", "storeMedia", "networkCards",
] as const;

const { fail, record, list, str, strings } = dataReader("instance accelerators");
const whole = (v: unknown, at: string): number =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : fail(at, "a non-negative integer");
const positive = (v: unknown, at: string): number =>
  typeof v === "number" && Number.isInteger(v) && v > 0 ? v : fail(at, "a positive integer");
const isNull = (v: unknown, at: string, why: string): null => (v === null ? null : fail(at, `null (${why})`));
const optPositive = (v: unknown, at: string): number | undefined => (v === null ? undefined : positive(v, at));
const oneOf = <T extends string>(set: readonly T[], v: unknown, at: string): T =>
  set.find((s) => s === v) ?? fail(at, `one of ${set.join(" | ")}`);

function parseRef(v: unknown, at: string): AcceleratorSourceRef {
  const o = record(v, at);
  return {
    repo: str(o.repo, `${at}.repo`),
    path: str(o.path, `${at}.path`),
    commit: str(o.commit, `${at}.commit`),
    date: str(o.date, `${at}.date`),
    retrieved: str(o.retrieved, `${at}.retrieved`),
    fields: strings(o.fields, `${at}.fields`),
    note: str(o.note, `${at}.note`),
  };
}

function parseSource(v: unknown): InstanceAcceleratorsSource {
  const o = record(v, "source");
  const rows = record(o.rowSources, "source.rowSources");
  return {
    rowSources: Object.fromEntries(Object.entries(rows).map(([k, r]) => [k, parseRef(r, `source.rowSources.${k}`)])),
    supplements: list(o.supplements, "source.supplements").map((s, i) => parseRef(s, `source.supplements[${i}]`)),
    uncovered: strings(o.uncovered, "source.uncovered"),
    note: str(o.note, "source.note"),
  };
}

/** Columns 2-5: GPU count, vendor, model, per-GPU memory. No vendor = no GPU (count 0, the rest null). */
function parseGpus(r: readonly unknown[], at: string): GpuFacts | undefined {
  const count = whole(r[2], `${at}[2]`);
  if (r[3] === null) {
    if (count !== 0) fail(`${at}[2]`, "0 when gpuVendor is null");
    isNull(r[4], `${at}[4]`, "no GPU");
    isNull(r[5], `${at}[5]`, "no GPU");
    return undefined;
  }
  const perGpu = positive(r[5], `${at}[5]`);
  return {
    count, vendor: oneOf(GPU_VENDORS, r[3], `${at}[3]`), model: str(r[4], `${at}[4]`),
    memoryMiB: count === 0 ? perGpu : count * perGpu, memoryPerGpuMiB: perGpu, fractional: count === 0,
  };
}

/** Columns 6-8: Neuron devices, cores, model. 0 devices = none (the rest null). */
function parseNeuron(r: readonly unknown[], at: string): NeuronFacts | undefined {
  const devices = whole(r[6], `${at}[6]`);
  if (devices === 0) {
    isNull(r[7], `${at}[7]`, "no Neuron device");
    isNull(r[8], `${at}[8]`, "no Neuron device");
    return undefined;
  }
  const cores = optPositive(r[7], `${at}[7]`);
  return { devices, ...(cores === undefined ? {} : { cores }), model: str(r[8], `${at}[8]`) };
}

/** Columns 9-11: other accelerators, all null or all set. */
function parseOther(r: readonly unknown[], at: string): OtherAcceleratorFacts | undefined {
  if (r[9] === null) {
    isNull(r[10], `${at}[10]`, "no other accelerator");
    isNull(r[11], `${at}[11]`, "no other accelerator");
    return undefined;
  }
  return { count: positive(r[9], `${at}[9]`), vendor: str(r[10], `${at}[10]`), model: str(r[11], `${at}[11]`) };
}

/** Columns 13-16: store total GB, disks, NVMe, media. Total 0 = no store (the rest null). */
function parseStore(r: readonly unknown[], at: string): InstanceStoreFacts | undefined {
  const totalGB = whole(r[13], `${at}[13]`);
  if (totalGB === 0) {
    for (const i of [14, 15, 16]) isNull(r[i], `${at}[${i}]`, "no instance store");
    return undefined;
  }
  const disks = optPositive(r[14], `${at}[14]`);
  if (disks !== undefined && totalGB % disks !== 0) fail(`${at}[14]`, `a divisor of storeTotalGB ${totalGB}`);
  const nvme = typeof r[15] === "boolean" ? r[15] : fail(`${at}[15]`, "a boolean");
  const media = r[16] === null ? undefined : oneOf(STORE_MEDIA, r[16], `${at}[16]`);
  return { totalGB, ...(disks === undefined ? {} : { disks }), nvme, ...(media === undefined ? {} : { media }) };
}

function parseRow(v: unknown, at: string, sources: InstanceAcceleratorsSource): AcceleratorFacts {
  const r = list(v, at);
  if (r.length !== COLUMNS.length) fail(at, `a row of ${COLUMNS.length} values (${COLUMNS.join(", ")})`);
  const source = str(r[1], `${at}[1]`);
  if (!(source in sources.rowSources)) fail(`${at}[1]`, `a key of source.rowSources, got "${source}"`);
  const gpus = parseGpus(r, at);
  const neuron = parseNeuron(r, at);
  const otherAccelerators = parseOther(r, at);
  const efaMax = whole(r[12], `${at}[12]`);
  const instanceStore = parseStore(r, at);
  const networkCards = optPositive(r[17], `${at}[17]`);
  return {
    instanceType: str(r[0], `${at}[0]`),
    source,
    ...(gpus === undefined ? {} : { gpus }),
    ...(neuron === undefined ? {} : { neuron }),
    ...(otherAccelerators === undefined ? {} : { otherAccelerators }),
    ...(efaMax === 0 ? {} : { efa: { maxInterfaces: efaMax } }),
    ...(instanceStore === undefined ? {} : { instanceStore }),
    ...(networkCards === undefined ? {} : { networkCards }),
  };
}

function parseTable(raw: unknown): { source: InstanceAcceleratorsSource; byType: ReadonlyMap<string, AcceleratorFacts> } {
  const o = record(raw, "root");
  const columns = list(o.columns, "columns");
  if (columns.join() !== COLUMNS.join()) fail("columns", `[${COLUMNS.join(", ")}]`);
  const source = parseSource(o.source);
  const byType = new Map<string, AcceleratorFacts>();
  list(o.types, "types").forEach((row, i) => {
    const facts = parseRow(row, `types[${i}]`, source);
    if (byType.has(facts.instanceType)) fail(`types[${i}][0]`, `unique, "${facts.instanceType}" is listed twice`);
    byType.set(facts.instanceType, facts);
  });
  source.uncovered.forEach((t, i) => {
    if (byType.has(t)) fail(`source.uncovered[${i}]`, `a type without a row, "${t}" has one`);
  });
  return { source, byType };
}

const rawData: unknown = rawTable;
const table = parseTable(rawData);

/** The sources of the shipped table (repo, path, commit, dates, how each maps to the columns). */
export const instanceAcceleratorsSource: InstanceAcceleratorsSource = table.source;

/** Every instance type the table covers, in the data's order. */
export const ACCELERATOR_COVERED_TYPES: readonly string[] = [...table.byType.keys()];

/**
 * What the sources say of `instanceType`'s GPUs, Neuron devices, EFA, instance store and network cards, or
 * `undefined` when no source covers the type (unknown: do not read it as "no GPU").
 */
export function acceleratorFacts(instanceType: string): AcceleratorFacts | undefined {
  return table.byType.get(instanceType);
}

/**
 * The extended resources a node advertises for its accelerator once a device plugin runs, whole device first: the
 * resource names of the source above (Karpenter's instance type resources: `nvidia.com/gpu`; `aws.amazon.com/neuron`
 * per device and `aws.amazon.com/neuroncore` per core). EKS's ExtendedResourceToleration admission gives a pod that
 * requests one a toleration for a taint keyed by it (awsdocs/amazon-eks-user-guide latest/ug/clusters/platform-versions.adoc).
 */
export const ACCELERATOR_RESOURCES = {
  nvidia: ["nvidia.com/gpu"],
  neuron: ["aws.amazon.com/neuron", "aws.amazon.com/neuroncore"],
} as const satisfies Readonly<Record<"nvidia" | "neuron", readonly string[]>>;
