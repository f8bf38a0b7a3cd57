/**
 * What a pool's container runtime runs with, from its merged options: the registry mirrors in the order containerd
 * tries them (`registryMirrors`, then the ECR pull-through cache), and each setting with its origin, on AL2023 in the
 * containerd config version its AMI reads (facts `amiContainerd`). Pure; the renderers and the plan both use it.
 */
import { AmiContainerd, CONTAINERD_AMI_BASE, CONTAINERD_DEFAULTS, ECR_PULL_THROUGH_UPSTREAMS, amiContainerd } from "../facts";
import type { ContainerRuntimeOptions } from "./container-runtime";

/** One mirror endpoint. */
export interface MirrorEndpoint {
  readonly url: string;
  /** The URL's path replaces the registry API root `/v2` (containerd `override_path`): a path was given, or an ECR cache namespace. */
  readonly overridePath: boolean;
  /** `registryMirrors` or `pullThroughCache`. */
  readonly from: "registryMirrors" | "pullThroughCache";
}

/** A registry host's mirrors, in the order they are tried (the registry itself last). */
export interface RegistryMirror {
  readonly host: string;
  readonly endpoints: readonly MirrorEndpoint[];
}

/** The ECR registry host of `<account>.dkr.ecr.<region>` (China regions are under amazonaws.com.cn). */
export const ecrRegistryHost = (ecrAccountRegion: string): string =>
  `${ecrAccountRegion}.${/\.dkr\.ecr\.cn-/.test(ecrAccountRegion) ? "amazonaws.com.cn" : "amazonaws.com"}`;

const hasPath = (url: string): boolean => {
  try {
    return new URL(url).pathname.replace(/\/+$/, "") !== "";
  } catch {
    return false;
  }
};

/** Every host's mirrors: `registryMirrors` first (in the order given), then the pull-through cache; hosts sorted. */
export function registryMirrorsOf(o: ContainerRuntimeOptions): RegistryMirror[] {
  const byHost = new Map<string, MirrorEndpoint[]>();
  const add = (host: string, e: MirrorEndpoint): void => {
    const list = byHost.get(host) ?? [];
    if (!list.some((x) => x.url === e.url)) list.push(e);
    byHost.set(host, list);
  };
  for (const [host, urls] of Object.entries(o.registryMirrors ?? {})) {
    for (const url of urls) add(host, { url, overridePath: hasPath(url), from: "registryMirrors" });
  }
  const cache = o.pullThroughCache;
  for (const upstream of cache?.upstreams ?? []) {
    const rule = ECR_PULL_THROUGH_UPSTREAMS[upstream];
    if (cache && rule) add(upstream, { url: `https://${ecrRegistryHost(cache.ecrAccountRegion)}/v2/${rule.namespace}`, overridePath: true, from: "pullThroughCache" });
  }
  return [...byHost.keys()].sort().map((host) => ({ host, endpoints: byHost.get(host) ?? [] }));
}

/** Where an effective runtime setting comes from. */
export type RuntimeOrigin = "configured" | "ami-base" | "containerd-default" | "bottlerocket-built-in";

/** One effective setting. */
export interface RuntimeSetting {
  readonly value: unknown;
  readonly origin: RuntimeOrigin;
}

/** The effective container runtime of a pool's nodes. */
export interface EffectiveContainerRuntime {
  /** AL2023: the AMI's containerd and the config version the fragment is rendered in. @default - Bottlerocket: none */
  readonly containerd?: AmiContainerd;
  /** `maxConcurrentDownloads`, `discardUnpackedLayers`. */
  readonly settings: Readonly<Record<string, RuntimeSetting>>;
  readonly mirrors: readonly RegistryMirror[];
}

/** Inputs of {@link effectiveContainerRuntime}. */
export interface ContainerRuntimeInput {
  /** `AL2023` or `BOTTLEROCKET`. */
  readonly os: string;
  /** `1.NN`. */
  readonly kubernetesVersion: string;
  /** A pinned AMI release (`1.NN.P-YYYYMMDD`): its date picks containerd 1.7 before the minor's switch. @default - the newest release */
  readonly releaseVersion?: string;
  readonly options: ContainerRuntimeOptions;
}

const releaseDate = (releaseVersion: string | undefined): string | undefined => /-(\d{8})$/.exec(releaseVersion ?? "")?.[1];

/** The settings and mirrors the nodes run with, each setting with its origin (see the file comment). */
export function effectiveContainerRuntime(input: ContainerRuntimeInput): EffectiveContainerRuntime {
  const o = input.options;
  const configured = (v: unknown, fallback: RuntimeSetting): RuntimeSetting => (v === undefined ? fallback : { value: v, origin: "configured" });
  const downloads = configured(o.maxConcurrentDownloads, { value: CONTAINERD_DEFAULTS.maxConcurrentDownloads?.value, origin: "containerd-default" });
  const mirrors = registryMirrorsOf(o);
  if (input.os === "BOTTLEROCKET") {
    const discard = configured(o.discardUnpackedLayers, { value: false, origin: "bottlerocket-built-in" });
    return { settings: { maxConcurrentDownloads: downloads, discardUnpackedLayers: discard }, mirrors };
  }
  const discard = configured(o.discardUnpackedLayers, { value: CONTAINERD_AMI_BASE.discardUnpackedLayers?.value, origin: "ami-base" });
  return {
    containerd: amiContainerd(input.kubernetesVersion, releaseDate(input.releaseVersion)),
    settings: { maxConcurrentDownloads: downloads, discardUnpackedLayers: discard },
    mirrors,
  };
}
