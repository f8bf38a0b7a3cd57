/**
 * EC2 instance facts the worker-pool maths needs (ENIs, IPv4 per ENI, vCPUs, memory, hypervisor, architecture),
 * shipped as data in `data/instance-types.json` with its sources named there, parsed and checked once at load.
 */
import { dataReader } from "../core";
import rawTable from "./data/instance-types.json";

/** Hypervisor as EC2 reports it; `none` is a bare-metal type (EC2 reports no hypervisor). */
export const HYPERVISORS = ["nitro", "xen", "none"] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

/** CPU architecture with EC2's names (the pool's `architecture` uses the same). */
export const INSTANCE_ARCHITECTURES = ["x86_64", "arm64"] as const;
export type InstanceArchitecture = (typeof INSTANCE_ARCHITECTURES)[number];

/** What we know about one instance type. Optional fields are absent when no shipped source lists the type. */
export interface InstanceFacts {
  /** EC2 instance type, e.g. `m6i.large`. */
  readonly instanceType: string;
  /** Maximum ENIs on the default network card (nodeadm's `defaultMaxENIs`); only that card carries pod IPs. */
  readonly maxEnis: number;
  /** IPv4 addresses per ENI (EC2 `Ipv4AddressesPerInterface`). */
  readonly ipv4PerEni: number;
  /** Default vCPUs. @default - unknown (type not in the vCPU source) */
  readonly vcpus?: number;
  /** Memory in MiB. @default - unknown (type not in the memory source) */
  readonly memoryMiB?: number;
  /** Hypervisor; prefix delegation needs `nitro`. @default - unknown */
  readonly hypervisor?: Hypervisor;
  /** CPU architecture. @default - unknown */
  readonly architecture?: InstanceArchitecture;
}

/** One source file read for the table. */
export interface InstanceTableSourceRef {
  /** Repository, e.g. `awslabs/amazon-eks-ami`. */
  readonly repo: string;
  /** File path in the repository. */
  readonly path: string;
  /** Commit read. */
  readonly commit: string;
  /** Date read (YYYY-MM-DD). */
  readonly retrieved: string;
  /** Columns of the table this source provides. */
  readonly fields: readonly string[];
  /** How the source's values map to the columns. */
  readonly note: string;
}

/** Where the table comes from: the ENI source, plus the sources of the optional columns. */
export interface InstanceTableSource extends InstanceTableSourceRef {
  /** Sources of `vcpus`, `memoryMiB`, `hypervisor`, `architecture`. */
  readonly supplements: readonly InstanceTableSourceRef[];
}

const COLUMNS = ["instanceType", "maxEnis", "ipv4PerEni", "vcpus", "memoryMiB", "hypervisor", "architecture"] as const;

const { fail, record, list, str } = dataReader("instance types");
const count = (v: unknown, at: string): number =>
  typeof v === "number" && Number.isInteger(v) && v > 0 ? v : fail(at, "a positive integer");
const optCount = (v: unknown, at: string): number | undefined => (v === null ? undefined : count(v, at));
const oneOf = <T extends string>(set: readonly T[], v: unknown, at: string): T | undefined =>
  v === null ? undefined : (set.find((s) => s === v) ?? fail(at, `null or one of ${set.join(" | ")}`));

function parseSourceRef(v: unknown, at: string): InstanceTableSourceRef {
  const o = record(v, at);
  return {
    repo: str(o.repo, `${at}.repo`),
    path: str(o.path, `${at}.path`),
    commit: str(o.commit, `${at}.commit`),
    retrieved: str(o.retrieved, `${at}.retrieved`),
    fields: list(o.fields, `${at}.fields`).map((f, i) => str(f, `${at}.fields[${i}]`)),
    note: str(o.note, `${at}.note`),
  };
}

function parseSource(v: unknown): InstanceTableSource {
  const supplements = list(record(v, "source").supplements, "source.supplements");
  return { ...parseSourceRef(v, "source"), supplements: supplements.map((s, i) => parseSourceRef(s, `source.supplements[${i}]`)) };
}

function parseRow(v: unknown, at: string): InstanceFacts {
  const r = list(v, at);
  if (r.length !== COLUMNS.length) fail(at, `a row of ${COLUMNS.length} values (${COLUMNS.join(", ")})`);
  const vcpus = optCount(r[3], `${at}[3]`);
  const memoryMiB = optCount(r[4], `${at}[4]`);
  const hypervisor = oneOf(HYPERVISORS, r[5], `${at}[5]`);
  const architecture = oneOf(INSTANCE_ARCHITECTURES, r[6], `${at}[6]`);
  // Unknown (null) columns are left out, so a facts object only carries what the sources say.
  return {
    instanceType: str(r[0], `${at}[0]`),
    maxEnis: count(r[1], `${at}[1]`),
    ipv4PerEni: count(r[2], `${at}[2]`),
    ...(vcpus === undefined ? {} : { vcpus }),
    ...(memoryMiB === undefined ? {} : { memoryMiB }),
    ...(hypervisor === undefined ? {} : { hypervisor }),
    ...(architecture === undefined ? {} : { architecture }),
  };
}

function parseTable(raw: unknown): { source: InstanceTableSource; byType: ReadonlyMap<string, InstanceFacts> } {
  const o = record(raw, "root");
  const columns = list(o.columns, "columns");
  if (columns.join() !== COLUMNS.join()) fail("columns", `[${COLUMNS.join(", ")}]`);
  const byType = new Map<string, InstanceFacts>();
  list(o.types, "types").forEach((row, i) => {
    const facts = parseRow(row, `types[${i}]`);
    if (byType.has(facts.instanceType)) fail(`types[${i}][0]`, `unique, "${facts.instanceType}" is listed twice`);
    byType.set(facts.instanceType, facts);
  });
  return { source: parseSource(o.source), byType };
}

const rawData: unknown = rawTable;
const table = parseTable(rawData);

/** The sources of the shipped table (repo, path, commit, date read). */
export const instanceTypesSource: InstanceTableSource = table.source;

/** Every instance type in the shipped table, in the source's order. */
export const KNOWN_INSTANCE_TYPES: readonly string[] = [...table.byType.keys()];

/** Facts for one instance type, or `undefined` when the shipped table does not list it. */
export function lookupInstanceType(name: string): InstanceFacts | undefined {
  return table.byType.get(name);
}
