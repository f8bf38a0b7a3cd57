/**
 * The container runtime options of a pool (`containerRuntime`, SPEC §11.3), declared once in a catalog (STYLE §9):
 * the `ContainerRuntimeOptions` type, how stack-wide and pool values merge, the stack config's zod schema (infra/)
 * and the README rows follow from it. Validation here covers the values alone and what each OS can express; the
 * renderers are containerd.ts (AL2023) and runtime-bottlerocket.ts. Pure.
 */
import type { ConfigIssue, FieldSpec, OptionSpec, OptionValue } from "../core";
import { BOTTLEROCKET_CONTAINER_NOT_EXPRESSIBLE, BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS, ECR_PULL_THROUGH_UPSTREAM_NAMES } from "../facts";

/** How the stack-wide value and a pool's combine: the pool's wins (`replace`), or maps merge key by key (`mapMerge`). */
export type ContainerRuntimeMergeRule = "replace" | "mapMerge";

/** One container runtime option. */
export interface ContainerRuntimeOptionRow {
  readonly shape: OptionSpec;
  /** TSDoc of the option. */
  readonly doc: string;
  /** README "default" column. */
  readonly default: string;
  /** README "meaning" column. */
  readonly meaning: string;
  readonly merge: ContainerRuntimeMergeRule;
}

/** Fields of `pullThroughCache`. */
export const PULL_THROUGH_CACHE_FIELDS = {
  /** `<account>.dkr.ecr.<region>`: the private registry holding the pull-through cache rules. */
  ecrAccountRegion: { kind: "string", required: true, description: "<12-digit account>.dkr.ecr.<region>, e.g. 111122223333.dkr.ecr.us-east-1" },
  /** Upstream registries with a rule under the console's default namespace (docker.io → docker-hub, ...). */
  upstreams: { kind: "list", of: { kind: "enum", values: ECR_PULL_THROUGH_UPSTREAM_NAMES }, required: true, description: "upstream registries that have a pull-through cache rule" },
} as const satisfies Readonly<Record<string, FieldSpec>>;

/** Every container runtime option, in output order. */
export const CONTAINER_RUNTIME_CATALOG = {
  /** Mirrors per registry host, tried in order before the registry itself, e.g. `{ "docker.io": ["https://mirror.example.com"] }`. @default - none */
  registryMirrors: {
    shape: { kind: "map", of: { kind: "stringList" } }, merge: "mapMerge", default: "none",
    meaning: "`{ host: [https://mirror, ...] }`; tried in order, then the registry itself (AL2023 hosts.toml, Bottlerocket `container-registry.mirrors`)",
    doc: "Mirrors per registry host, tried in order before the registry itself, e.g. `{ \"docker.io\": [\"https://mirror.example.com\"] }`. @default - none",
  },
  /** ECR pull-through cache rules used as mirrors of the listed upstreams (after `registryMirrors`). @default - none */
  pullThroughCache: {
    shape: { kind: "object", fields: PULL_THROUGH_CACHE_FIELDS }, merge: "replace", default: "none",
    meaning: "`{ ecrAccountRegion, upstreams }`: `https://<ecrAccountRegion>.amazonaws.com/v2/<namespace>` as the upstreams' mirror",
    doc: "ECR pull-through cache rules used as mirrors of the listed upstreams (after `registryMirrors`). @default - none",
  },
  /** containerd `max_concurrent_downloads` (layers pulled at once per image), >= 1. @default - containerd default 3 */
  maxConcurrentDownloads: {
    shape: { kind: "integer", min: 1 }, merge: "replace", default: "containerd default (3)", meaning: "layers containerd downloads at once per image",
    doc: "containerd `max_concurrent_downloads` (layers pulled at once per image), >= 1. @default - containerd default 3",
  },
  /** containerd `discard_unpacked_layers` (drop compressed layers once unpacked); AL2023 only. @default - AL2023: true (nodeadm's template); Bottlerocket: false, not settable */
  discardUnpackedLayers: {
    shape: { kind: "boolean" }, merge: "replace", default: "AL2023: true (nodeadm); Bottlerocket: false", meaning: "drop compressed layers once unpacked; `true` is refused on Bottlerocket (no setting)",
    doc: "containerd `discard_unpacked_layers` (drop compressed layers once unpacked); AL2023 only. @default - AL2023: true (nodeadm's template); Bottlerocket: false, not settable",
  },
} as const satisfies Readonly<Record<string, ContainerRuntimeOptionRow>>;

type Catalog = typeof CONTAINER_RUNTIME_CATALOG;
export type ContainerRuntimeOptionName = keyof Catalog;
/** A pool's container runtime options; each falls back to the stack-wide value, then to the node's own. */
export type ContainerRuntimeOptions = { readonly [K in ContainerRuntimeOptionName]?: OptionValue<Catalog[K]["shape"]> };
/** Each option's shape, by name (infra/ builds the zod schema from it). */
export type ContainerRuntimeOptionShapes = { readonly [K in ContainerRuntimeOptionName]: Catalog[K]["shape"] };

const ROWS: Readonly<Record<ContainerRuntimeOptionName, ContainerRuntimeOptionRow>> = CONTAINER_RUNTIME_CATALOG;
/** Every option name, in catalog order. */
export const CONTAINER_RUNTIME_OPTION_NAMES = Object.keys(CONTAINER_RUNTIME_CATALOG) as ContainerRuntimeOptionName[];
/** The shapes, in catalog order. */
export const CONTAINER_RUNTIME_OPTION_SHAPES = Object.fromEntries(CONTAINER_RUNTIME_OPTION_NAMES.map((k) => [k, ROWS[k].shape])) as ContainerRuntimeOptionShapes;
/** The catalog as plain rows. */
export const CONTAINER_RUNTIME_OPTION_ROWS = ROWS;

/** True when no option is set (nothing new is rendered then). */
export const isEmptyContainerRuntime = (o: ContainerRuntimeOptions): boolean => CONTAINER_RUNTIME_OPTION_NAMES.every((k) => o[k] === undefined);

/** The stack-wide options with a pool's over them, each by its row's merge rule; never writes to either. */
export function mergeContainerRuntimeOptions(base: ContainerRuntimeOptions, over: ContainerRuntimeOptions): ContainerRuntimeOptions {
  const merged: Record<string, unknown> = {};
  for (const k of CONTAINER_RUNTIME_OPTION_NAMES) {
    const value = ROWS[k].merge === "mapMerge" && (base[k] !== undefined || over[k] !== undefined)
      ? { ...(base[k] as object | undefined), ...(over[k] as object | undefined) }
      : over[k] ?? base[k];
    if (value !== undefined) merged[k] = value;
  }
  return merged;
}

/**
 * Which layer set an option (or, for `registryMirrors`, one host's list): `pool` or `stack`, or undefined when neither.
 * Issues about a stack-wide value are reported at the stack-wide key (SPEC §6).
 */
export function containerRuntimeSource(field: ContainerRuntimeOptionName, key: string | undefined, stack: ContainerRuntimeOptions, pool: ContainerRuntimeOptions): "pool" | "stack" | undefined {
  const at = (o: ContainerRuntimeOptions): unknown => {
    const v: unknown = o[field];
    return key !== undefined && typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>)[key] : v;
  };
  return at(pool) !== undefined ? "pool" : at(stack) !== undefined ? "stack" : undefined;
}

const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:\d{1,5})?$/;
const ECR_REGISTRY = /^\d{12}\.dkr\.ecr\.[a-z]{2}(-[a-z]+)+-\d+$/;

/** A mirror endpoint's problem, or undefined: https, a host, no credentials, query or fragment. */
function endpointProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL; give https://host[:port][/path]`;
  }
  if (u.protocol !== "https:") return `"${url}" must use https (containerd and Bottlerocket send pull credentials to mirrors; http is refused here)`;
  if (u.username || u.password) return `"${url}" must not carry credentials`;
  if (u.search || u.hash) return `"${url}" must not have a query or fragment`;
  return undefined;
}

function validateMirrors(mirrors: Readonly<Record<string, readonly string[]>>, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [host, endpoints] of Object.entries(mirrors)) {
    const hat = `${at}["${host}"]`;
    if (!HOST.test(host)) issues.push({ path: hat, message: `"${host}" is not a registry host name (lowercase, e.g. docker.io, registry.k8s.io, registry.example.com:5000)` });
    if (endpoints.length === 0) issues.push({ path: hat, message: "list at least one mirror URL, or leave the registry out" });
    endpoints.forEach((url, i) => {
      const problem = endpointProblem(url);
      if (problem) issues.push({ path: `${hat}[${i}]`, message: problem });
      else if (endpoints.indexOf(url) !== i) issues.push({ path: `${hat}[${i}]`, message: `"${url}" is listed twice` });
    });
  }
  return issues;
}

type PullThroughCache = NonNullable<ContainerRuntimeOptions["pullThroughCache"]>;

function validatePullThroughCache(p: PullThroughCache, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!ECR_REGISTRY.test(p.ecrAccountRegion)) {
    issues.push({ path: `${at}.ecrAccountRegion`, message: `"${p.ecrAccountRegion}" is not "<12-digit account>.dkr.ecr.<region>", e.g. 111122223333.dkr.ecr.us-east-1` });
  }
  if (p.upstreams.length === 0) issues.push({ path: `${at}.upstreams`, message: `list at least one upstream: ${ECR_PULL_THROUGH_UPSTREAM_NAMES.join(", ")}` });
  p.upstreams.forEach((u, i) => {
    if (!ECR_PULL_THROUGH_UPSTREAM_NAMES.includes(u)) issues.push({ path: `${at}.upstreams[${i}]`, message: `"${u}" is not an upstream ECR pull-through cache mirrors here; valid: ${ECR_PULL_THROUGH_UPSTREAM_NAMES.join(", ")}` });
    else if (p.upstreams.indexOf(u) !== i) issues.push({ path: `${at}.upstreams[${i}]`, message: `"${u}" is listed twice` });
  });
  issues.push({
    path: at, severity: "warning",
    message: "containerd sends a pull's credentials only to the image's own registry, and private ECR refuses anonymous pulls: "
      + "without ECR credentials for the mirror host on the node, pulls through the cache are refused and containerd falls back to the upstream",
  });
  return issues;
}

function validateForBottlerocket(o: ContainerRuntimeOptions, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (o.discardUnpackedLayers === true) {
    issues.push({ path: `${at}.discardUnpackedLayers`, message: `Bottlerocket cannot express it: ${BOTTLEROCKET_CONTAINER_NOT_EXPRESSIBLE.discardUnpackedLayers}; leave it out or set false` });
  }
  const max = BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS["max-concurrent-downloads"]?.max;
  if (o.maxConcurrentDownloads !== undefined && max !== undefined && o.maxConcurrentDownloads > max) {
    issues.push({ path: `${at}.maxConcurrentDownloads`, message: `Bottlerocket's settings.container-runtime.max-concurrent-downloads is a 32-bit integer (<= ${max}), got ${o.maxConcurrentDownloads}` });
  }
  return issues;
}

/** Every problem of a pool's merged options for its OS; `at` is `…containerRuntime`. */
export function validateContainerRuntime(o: ContainerRuntimeOptions, os: string, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (o.registryMirrors) issues.push(...validateMirrors(o.registryMirrors, `${at}.registryMirrors`));
  if (o.pullThroughCache) issues.push(...validatePullThroughCache(o.pullThroughCache, `${at}.pullThroughCache`));
  const n = o.maxConcurrentDownloads;
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) issues.push({ path: `${at}.maxConcurrentDownloads`, message: `must be an integer >= 1, got ${n}` });
  if (os === "BOTTLEROCKET") issues.push(...validateForBottlerocket(o, at));
  return issues;
}
