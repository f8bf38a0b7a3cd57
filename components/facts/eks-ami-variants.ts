/**
 * The EKS-optimized AMI variants a managed node group can run, per OS, CPU architecture and accelerator: the node
 * group `amiType`, the public SSM parameters of the recommended release and image, and the release format. Shipped
 * as data in `data/eks-ami-variants.json` with its sources (amazon-eks-ami's changelog, the EKS User Guide,
 * terraform-aws-eks, eksctl, Bottlerocket), parsed and checked once at load. A combination without a variant is
 * listed as unavailable with the reason, so every combination is either one or the other.
 */
import { dataReader } from "../core";
import rawTable from "./data/eks-ami-variants.json";

/** Node operating systems with EKS-optimized AMIs (AL2 only up to Kubernetes 1.32). */
export const EKS_AMI_OPERATING_SYSTEMS = ["AL2023", "BOTTLEROCKET", "AL2"] as const;
export type EksAmiOperatingSystem = (typeof EKS_AMI_OPERATING_SYSTEMS)[number];

/** CPU architectures, as the SSM parameter paths spell them. */
export const EKS_AMI_ARCHITECTURES = ["x86_64", "arm64"] as const;
export type EksAmiArchitecture = (typeof EKS_AMI_ARCHITECTURES)[number];

/** The accelerator an AMI variant carries the drivers for: `none` (standard), NVIDIA GPUs, AWS Neuron devices. */
export const AMI_ACCELERATORS = ["none", "nvidia", "neuron"] as const;
export type AmiAccelerator = (typeof AMI_ACCELERATORS)[number];

/** EKS API `Nodegroup.amiType` values the table uses (each appears in at least one variant). */
export const AMI_TYPES = [
  "AL2023_x86_64_STANDARD", "AL2023_x86_64_NVIDIA", "AL2023_x86_64_NEURON", "AL2023_ARM_64_STANDARD", "AL2023_ARM_64_NVIDIA",
  "BOTTLEROCKET_x86_64", "BOTTLEROCKET_x86_64_NVIDIA", "BOTTLEROCKET_ARM_64", "BOTTLEROCKET_ARM_64_NVIDIA",
  "AL2_x86_64", "AL2_ARM_64",
] as const;
export type AmiType = (typeof AMI_TYPES)[number];

/** How a pinned release of the variant is spelled: Amazon Linux `1.35.0-20251120`, Bottlerocket `1.49.0-1a2b3c4d`. */
export const RELEASE_FORMATS = ["amazon-linux", "bottlerocket"] as const;
export type ReleaseFormat = (typeof RELEASE_FORMATS)[number];

/** One AMI variant. */
export interface EksAmiVariant {
  readonly os: EksAmiOperatingSystem;
  readonly architecture: EksAmiArchitecture;
  readonly accelerator: AmiAccelerator;
  readonly amiType: AmiType;
  /** SSM parameter of the recommended release (the node group's `releaseVersion`); `{version}` is the Kubernetes minor. */
  readonly releaseParameter: string;
  /** SSM parameter of the recommended image id; `{version}` as above. */
  readonly imageIdParameter: string;
  readonly releaseFormat: ReleaseFormat;
  /** Keys of `eksAmiVariantsSource.refs` that state the variant. */
  readonly sources: readonly string[];
}

/** A combination EKS publishes no AMI for, and why. */
export interface UnavailableAmiVariant {
  readonly os: EksAmiOperatingSystem;
  readonly architecture: EksAmiArchitecture;
  readonly accelerator: AmiAccelerator;
  readonly why: string;
  readonly sources: readonly string[];
}

/** One source read for the table. */
export interface AmiVariantRef {
  readonly repo: string;
  readonly path: string;
  /** Commit read. @default - none (a pull request thread; see `url`) */
  readonly commit?: string;
  /** Commit or merge date. @default - not recorded */
  readonly date?: string;
  /** Where a pull request thread is. @default - none */
  readonly url?: string;
  /** What the source states, as the table uses it. */
  readonly says: string;
}

/** Where the table comes from. */
export interface EksAmiVariantsSource {
  readonly retrieved: string;
  readonly note: string;
  readonly refs: Readonly<Record<string, AmiVariantRef>>;
}

const { fail, record, list, str, strings } = dataReader("EKS AMI variants");
const oneOf = <T extends string>(set: readonly T[], v: unknown, at: string): T =>
  set.find((s) => s === v) ?? fail(at, `one of ${set.join(" | ")}`);
const optStr = (v: unknown, at: string): string | undefined => (v === undefined ? undefined : str(v, at));

function parseRef(v: unknown, at: string): AmiVariantRef {
  const o = record(v, at);
  const [commit, date, url] = [optStr(o.commit, `${at}.commit`), optStr(o.date, `${at}.date`), optStr(o.url, `${at}.url`)];
  if (commit === undefined && url === undefined) fail(at, "given a commit or a url");
  return {
    repo: str(o.repo, `${at}.repo`), path: str(o.path, `${at}.path`), says: str(o.says, `${at}.says`),
    ...(commit === undefined ? {} : { commit }), ...(date === undefined ? {} : { date }), ...(url === undefined ? {} : { url }),
  };
}

function parseSources(v: unknown, at: string, refs: Readonly<Record<string, AmiVariantRef>>): readonly string[] {
  const keys = strings(v, at);
  if (keys.length === 0) fail(at, "at least one source");
  keys.forEach((k, i) => { if (!(k in refs)) fail(`${at}[${i}]`, `a key of source.refs, got "${k}"`); });
  return keys;
}

function parseParameter(v: unknown, at: string, leaf: string): string {
  const p = str(v, at);
  if (!p.startsWith("/aws/service/") || !p.includes("{version}") || !p.endsWith(`/${leaf}`)) fail(at, `an /aws/service/ path with {version} ending in /${leaf}`);
  return p;
}

function parseVariant(v: unknown, at: string, refs: Readonly<Record<string, AmiVariantRef>>): EksAmiVariant {
  const o = record(v, at);
  const os = oneOf(EKS_AMI_OPERATING_SYSTEMS, o.os, `${at}.os`);
  return {
    os,
    architecture: oneOf(EKS_AMI_ARCHITECTURES, o.architecture, `${at}.architecture`),
    accelerator: oneOf(AMI_ACCELERATORS, o.accelerator, `${at}.accelerator`),
    amiType: oneOf(AMI_TYPES, o.amiType, `${at}.amiType`),
    releaseParameter: parseParameter(o.releaseParameter, `${at}.releaseParameter`, os === "BOTTLEROCKET" ? "image_version" : "release_version"),
    imageIdParameter: parseParameter(o.imageIdParameter, `${at}.imageIdParameter`, "image_id"),
    releaseFormat: oneOf(RELEASE_FORMATS, o.releaseFormat, `${at}.releaseFormat`),
    sources: parseSources(o.sources, `${at}.sources`, refs),
  };
}

function parseUnavailable(v: unknown, at: string, refs: Readonly<Record<string, AmiVariantRef>>): UnavailableAmiVariant {
  const o = record(v, at);
  return {
    os: oneOf(EKS_AMI_OPERATING_SYSTEMS, o.os, `${at}.os`),
    architecture: oneOf(EKS_AMI_ARCHITECTURES, o.architecture, `${at}.architecture`),
    accelerator: oneOf(AMI_ACCELERATORS, o.accelerator, `${at}.accelerator`),
    why: str(o.why, `${at}.why`),
    sources: parseSources(o.sources, `${at}.sources`, refs),
  };
}

const keyOf = (c: { os: string; architecture: string; accelerator: string }): string => `${c.os}/${c.architecture}/${c.accelerator}`;

interface AmiVariantTable {
  readonly source: EksAmiVariantsSource;
  readonly variants: ReadonlyMap<string, EksAmiVariant>;
  readonly unavailable: ReadonlyMap<string, UnavailableAmiVariant>;
}

/** Parses the table; every OS x architecture x accelerator is exactly one variant or one unavailable entry. */
function parseTable(raw: unknown): AmiVariantTable {
  const o = record(raw, "root");
  const s = record(o.source, "source");
  const rawRefs = record(s.refs, "source.refs");
  const refs = Object.fromEntries(Object.entries(rawRefs).map(([k, r]) => [k, parseRef(r, `source.refs.${k}`)]));
  const source = { retrieved: str(s.retrieved, "source.retrieved"), note: str(s.note, "source.note"), refs };
  const seen = new Set<string>();
  const once = (key: string, at: string): void => {
    if (seen.has(key)) fail(at, `the only entry for ${key}`);
    seen.add(key);
  };
  const variants = new Map<string, EksAmiVariant>();
  list(o.variants, "variants").forEach((v, i) => {
    const variant = parseVariant(v, `variants[${i}]`, refs);
    once(keyOf(variant), `variants[${i}]`);
    variants.set(keyOf(variant), variant);
  });
  const unavailable = new Map<string, UnavailableAmiVariant>();
  list(o.unavailable, "unavailable").forEach((v, i) => {
    const entry = parseUnavailable(v, `unavailable[${i}]`, refs);
    once(keyOf(entry), `unavailable[${i}]`);
    unavailable.set(keyOf(entry), entry);
  });
  for (const os of EKS_AMI_OPERATING_SYSTEMS) for (const architecture of EKS_AMI_ARCHITECTURES) for (const accelerator of AMI_ACCELERATORS) {
    if (!seen.has(keyOf({ os, architecture, accelerator }))) fail("variants", `listing ${os}/${architecture}/${accelerator} (or unavailable listing why not)`);
  }
  const used = new Set([...variants.values()].map((v) => v.amiType));
  AMI_TYPES.forEach((t, i) => { if (!used.has(t)) fail(`AMI_TYPES[${i}]`, `used by a variant ("${t}" is not)`); });
  return { source, variants, unavailable };
}

const rawData: unknown = rawTable;
const table = parseTable(rawData);

/** The sources of the shipped table. */
export const eksAmiVariantsSource: EksAmiVariantsSource = table.source;

/** Every variant, in the data's order. */
export const EKS_AMI_VARIANTS: readonly EksAmiVariant[] = [...table.variants.values()];

/** Every combination without an AMI, with the reason. */
export const UNAVAILABLE_AMI_VARIANTS: readonly UnavailableAmiVariant[] = [...table.unavailable.values()];

/** The AMI variant for an OS, architecture and accelerator, or `undefined` when EKS publishes none (see {@link unavailableAmiVariant}). */
export function eksAmiVariant(os: EksAmiOperatingSystem, architecture: EksAmiArchitecture, accelerator: AmiAccelerator): EksAmiVariant | undefined {
  return table.variants.get(keyOf({ os, architecture, accelerator }));
}

/** Why there is no AMI for the combination, or `undefined` when there is one. */
export function unavailableAmiVariant(os: EksAmiOperatingSystem, architecture: EksAmiArchitecture, accelerator: AmiAccelerator): UnavailableAmiVariant | undefined {
  return table.unavailable.get(keyOf({ os, architecture, accelerator }));
}
