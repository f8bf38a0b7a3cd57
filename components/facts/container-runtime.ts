/**
 * Container runtime facts, as data with their sources named inside each file:
 * - `data/containerd-config.json`: which containerd (1.7 or 2) the AL2023 EKS AMI of each Kubernetes minor ships, so
 *   which containerd config version (2 or 3) nodeadm renders and merges `spec.containerd.config` over, and where each
 *   setting sits in that version (amazon-eks-ami `templates/al2023/variables-*.json`, nodeadm `internal/containerd`).
 * - `data/ecr-pull-through-cache.json`: the upstream registries an ECR pull-through cache rule can mirror and the
 *   console's default repository namespace of each (ECR user guide).
 * - `data/bottlerocket-container-settings.json`: Bottlerocket's `settings.container-runtime` keys and
 *   `settings.container-registry.mirrors` fields (bottlerocket-settings-sdk models), and what it cannot express.
 */
import { dataReader } from "../core";
import containerdRaw from "./data/containerd-config.json";
import ecrRaw from "./data/ecr-pull-through-cache.json";
import bottlerocketRaw from "./data/bottlerocket-container-settings.json";

/** containerd config file versions nodeadm renders: 2 (containerd 1.7), 3 (containerd 2.x). */
export const CONTAINERD_CONFIG_VERSIONS = [2, 3] as const;
export type ContainerdConfigVersion = (typeof CONTAINERD_CONFIG_VERSIONS)[number];

/** Settings whose place in the containerd config the data names. */
export const CONTAINERD_KEYS = ["maxConcurrentDownloads", "discardUnpackedLayers", "registryConfigPath"] as const;
export type ContainerdKey = (typeof CONTAINERD_KEYS)[number];

/** The containerd an AL2023 AMI ships and the config version nodeadm renders for it. */
export interface AmiContainerd {
  readonly containerd: "1.7" | "2";
  readonly configVersion: ContainerdConfigVersion;
  /** Why: the minor's entry, and a pinned release older than the switch. */
  readonly why: string;
}

/** A value the AMI's containerd runs with when the fragment does not set it. */
export interface ContainerdBaseValue {
  readonly value: unknown;
  readonly note: string;
}

const c = dataReader("containerd config");
const croot = c.record(containerdRaw, "root");
const minors = c.record(croot.minors, "minors");
const newer = c.record(croot.newerMinors, "newerMinors");
const versions = c.record(croot.configVersions, "configVersions");

const isContainerd = (v: unknown, at: string): "1.7" | "2" => (v === "1.7" || v === "2" ? v : c.fail(at, '"1.7" or "2"'));
const configVersionOf = (containerd: "1.7" | "2"): ContainerdConfigVersion => (containerd === "2" ? 3 : 2);

const KEY_PATHS: Readonly<Record<ContainerdConfigVersion, Readonly<Record<ContainerdKey, readonly string[]>>>> = {
  2: keyPaths("2"),
  3: keyPaths("3"),
};

function keyPaths(version: "2" | "3"): Readonly<Record<ContainerdKey, readonly string[]>> {
  const keys = c.record(c.record(versions[version], `configVersions.${version}`).keys, `configVersions.${version}.keys`);
  return Object.fromEntries(CONTAINERD_KEYS.map((k) => [k, c.strings(keys[k], `configVersions.${version}.keys.${k}`)])) as Record<ContainerdKey, readonly string[]>;
}

function baseValues(v: unknown, at: string): Readonly<Record<string, ContainerdBaseValue>> {
  return Object.fromEntries(Object.entries(c.record(v, at)).map(([k, e]) => {
    const r = c.record(e, `${at}.${k}`);
    return [k, { value: r.value, note: c.str(r.note, `${at}.${k}.note`) }];
  }));
}

/** Values nodeadm's containerd templates set (both versions): `discardUnpackedLayers`, `registryConfigPath`. */
export const CONTAINERD_AMI_BASE = baseValues(croot.amiBase, "amiBase");
/** containerd's own defaults for settings neither template sets: `maxConcurrentDownloads`. */
export const CONTAINERD_DEFAULTS = baseValues(croot.containerdDefault, "containerdDefault");
/** The `config_path` directory hosts.toml files go under (`<dir>/<registry host>/hosts.toml`). */
export const CONTAINERD_HOSTS_DIRECTORY = c.str(croot.hostsDirectory, "hostsDirectory");
/** Where the containerd data was read. */
export const CONTAINERD_CONFIG_SOURCE = c.record(croot.source, "source");

/** The TOML table path of `key` in a containerd config of `version`. */
export const containerdKeyPath = (version: ContainerdConfigVersion, key: ContainerdKey): readonly string[] => KEY_PATHS[version][key];

/**
 * The containerd of the AL2023 AMI of Kubernetes `minor` (`1.NN`); with `releaseDate` (`YYYYMMDD` of a pinned AMI
 * release) the minor's containerd before its switch to 2. Minors newer than the table take `newerMinors`.
 */
export function amiContainerd(minor: string, releaseDate?: string): AmiContainerd {
  const entry = minors[minor];
  if (entry === undefined) {
    const containerd = isContainerd(newer.containerd, "newerMinors.containerd");
    return { containerd, configVersion: configVersionOf(containerd), why: `Kubernetes ${minor} is newer than the table: containerd ${containerd} (the AMI build default)` };
  }
  const e = c.record(entry, `minors.${minor}`);
  const containerd = isContainerd(e.containerd, `minors.${minor}.containerd`);
  const since = e.since === undefined ? undefined : c.str(e.since, `minors.${minor}.since`);
  if (containerd === "2" && since !== undefined && releaseDate !== undefined && releaseDate < since) {
    return { containerd: "1.7", configVersion: 2, why: `AMI release ${releaseDate} predates containerd 2 on ${minor} (from ${since})` };
  }
  return { containerd, configVersion: configVersionOf(containerd), why: `AL2023 ${minor} AMIs ship containerd ${containerd}${since ? ` (from release ${since})` : ""}` };
}

/** An upstream registry an ECR pull-through cache rule can cache. */
export interface EcrUpstream {
  /** The rule's `upstreamRegistryUrl`. */
  readonly upstreamRegistryUrl: string;
  /** The console's default repository namespace (`ecrRepositoryPrefix`), e.g. `docker-hub`. */
  readonly namespace: string;
  /** Whether the rule needs a Secrets Manager credential for the upstream. */
  readonly credentialRequired: boolean;
}

const e = dataReader("ECR pull-through cache");
const eroot = e.record(ecrRaw, "root");

/** Upstreams by the registry host users write in image names (`docker.io`, `ghcr.io`, ...). */
export const ECR_PULL_THROUGH_UPSTREAMS: Readonly<Record<string, EcrUpstream>> = Object.fromEntries(
  Object.entries(e.record(eroot.upstreams, "upstreams")).map(([k, v]) => {
    const r = e.record(v, `upstreams.${k}`);
    const credentialRequired = typeof r.credentialRequired === "boolean" ? r.credentialRequired : e.fail(`upstreams.${k}.credentialRequired`, "a boolean");
    return [k, { upstreamRegistryUrl: e.str(r.upstreamRegistryUrl, `upstreams.${k}.upstreamRegistryUrl`), namespace: e.str(r.namespace, `upstreams.${k}.namespace`), credentialRequired }];
  }),
);
/** Their names, in data order. */
export const ECR_PULL_THROUGH_UPSTREAM_NAMES: readonly string[] = Object.keys(ECR_PULL_THROUGH_UPSTREAMS);

/** A Bottlerocket `settings.container-runtime` key. */
export interface BottlerocketContainerSetting {
  readonly tomlType: "integer" | "boolean" | "string";
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

const b = dataReader("bottlerocket container settings");
const broot = b.record(bottlerocketRaw, "root");
const tomlType = (v: unknown, at: string): BottlerocketContainerSetting["tomlType"] =>
  v === "integer" || v === "boolean" || v === "string" ? v : b.fail(at, "integer | boolean | string");

/** `settings.container-runtime.*` keys Bottlerocket's API accepts. */
export const BOTTLEROCKET_CONTAINER_RUNTIME_SETTINGS: Readonly<Record<string, BottlerocketContainerSetting>> = Object.fromEntries(
  Object.entries(b.record(broot.containerRuntime, "containerRuntime")).map(([k, v]) => {
    const r = b.record(v, `containerRuntime.${k}`);
    return [k, {
      tomlType: tomlType(r.tomlType, `containerRuntime.${k}.tomlType`),
      ...(r.enum !== undefined && { enum: b.strings(r.enum, `containerRuntime.${k}.enum`) }),
      ...(r.min !== undefined && { min: b.num(r.min, `containerRuntime.${k}.min`) }),
      ...(r.max !== undefined && { max: b.num(r.max, `containerRuntime.${k}.max`) }),
    }];
  }),
);
/** Fields of one `settings.container-registry.mirrors` entry. */
export const BOTTLEROCKET_MIRROR_FIELDS: readonly string[] = b.strings(broot.mirrorFields, "mirrorFields");
/** Container runtime options Bottlerocket has no setting for, with why. */
export const BOTTLEROCKET_CONTAINER_NOT_EXPRESSIBLE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(b.record(broot.notExpressible, "notExpressible")).map(([k, v]) => [k, b.str(v, `notExpressible.${k}`)]),
);
