/**
 * AL2023 container runtime rendering, and reading it back. Pure.
 * - NodeConfig `spec.containerd.config`: a TOML fragment nodeadm deep-merges over its own containerd config
 *   (amazon-eks-ami nodeadm `internal/containerd/config.go`), written in the config version the AMI's containerd reads
 *   (2 for containerd 1.7, 3 for 2.x: facts `amiContainerd`), so nodeadm neither refuses it (1.7 with version 3
 *   keys) nor migrates it. Only `max_concurrent_downloads` and `discard_unpacked_layers` go there.
 * - Registry mirrors: one `hosts.toml` per registry under containerd's `config_path` directory
 *   (`/etc/containerd/certs.d/<host>/hosts.toml`, set by both nodeadm templates), written by a cloud-init
 *   `text/cloud-config` part (`write_files`: data, no shell). Not the CRI `registry.mirrors` table: containerd 1.7
 *   refuses it beside `config_path` and 2.x removed it. containerd reads the directory at every pull, so no restart.
 */
import { parse as parseToml, stringify } from "smol-toml";
import * as YAML from "yaml";
import { MimeLeaf, MimePart, getPath, isRecord, setPath } from "../core";
import { CONTAINERD_HOSTS_DIRECTORY, ContainerdConfigVersion, ContainerdKey, containerdKeyPath } from "../facts";
import type { ContainerRuntimeOptions } from "./container-runtime";
import type { RegistryMirror } from "./runtime-plan";

/** Content-Type of the part that writes the hosts.toml files. */
export const CLOUD_CONFIG_CONTENT_TYPE = "text/cloud-config";

const FRAGMENT_KEYS = ["maxConcurrentDownloads", "discardUnpackedLayers"] as const satisfies readonly ContainerdKey[];

/** The `spec.containerd.config` fragment in config `version`, or undefined when no setting goes there. */
export function renderContainerdFragment(o: ContainerRuntimeOptions, version: ContainerdConfigVersion): string | undefined {
  const doc: Record<string, unknown> = {};
  for (const key of FRAGMENT_KEYS) {
    if (o[key] !== undefined) setPath(doc, containerdKeyPath(version, key), o[key]);
  }
  return Object.keys(doc).length === 0 ? undefined : stringify(doc);
}

/** The hosts.toml of one registry: its mirrors as `[host."<url>"]` tables in try order (pull and resolve only). */
export function renderHostsToml(m: RegistryMirror): string {
  const host: Record<string, unknown> = {};
  for (const e of m.endpoints) host[e.url] = { capabilities: ["pull", "resolve"], ...(e.overridePath ? { override_path: true } : {}) };
  return stringify({ host });
}

/** Where a registry's hosts.toml goes. */
export const hostsTomlPath = (registry: string): string => `${CONTAINERD_HOSTS_DIRECTORY}/${registry}/hosts.toml`;

/** The cloud-config part writing every registry's hosts.toml, or undefined without mirrors. */
export function renderRegistryHostsPart(mirrors: readonly RegistryMirror[]): MimePart | undefined {
  if (mirrors.length === 0) return undefined;
  const files = mirrors.map((m) => ({ path: hostsTomlPath(m.host), owner: "root:root", permissions: "0644", content: renderHostsToml(m) }));
  const body = `#cloud-config\n${YAML.stringify({ write_files: files }, { sortMapEntries: true, lineWidth: 0 })}`;
  return { contentType: `${CLOUD_CONFIG_CONTENT_TYPE}; charset="us-ascii"`, body };
}

/** The container runtime a decoded AL2023 user data configures, by our option names. */
export interface DecodedContainerRuntime {
  readonly maxConcurrentDownloads?: unknown;
  readonly discardUnpackedLayers?: unknown;
  /** Mirror URLs per registry host, in try order. */
  readonly mirrors?: Readonly<Record<string, readonly string[]>>;
}

/** Reads `spec.containerd.config` (merged TOML text) back: each key in whichever config version it is written. */
export function readContainerdFragment(toml: string): Pick<DecodedContainerRuntime, "maxConcurrentDownloads" | "discardUnpackedLayers"> {
  let doc: unknown;
  try {
    doc = parseToml(toml);
  } catch {
    return {};
  }
  const out: Record<string, unknown> = {};
  for (const key of FRAGMENT_KEYS) {
    for (const version of [3, 2] as const) {
      const v = getPath(doc, containerdKeyPath(version, key));
      if (v !== undefined && out[key] === undefined) out[key] = v;
    }
  }
  return out;
}

const HOSTS_FILE = new RegExp(`^${CONTAINERD_HOSTS_DIRECTORY.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}/([^/]+)/hosts\\.toml$`);

/** True for the cloud-config part {@link renderRegistryHostsPart} writes (every file a hosts.toml). */
export function isRegistryHostsPart(p: MimeLeaf): boolean {
  return p.mediaType === CLOUD_CONFIG_CONTENT_TYPE && Object.keys(readRegistryHosts([p])).length > 0;
}

/** Mirror URLs per registry from cloud-config parts writing hosts.toml files (in file order). */
export function readRegistryHosts(parts: readonly MimeLeaf[]): Readonly<Record<string, readonly string[]>> {
  const out: Record<string, string[]> = {};
  for (const p of parts.filter((x) => x.mediaType === CLOUD_CONFIG_CONTENT_TYPE)) {
    let doc: unknown;
    try {
      doc = YAML.parse(p.body);
    } catch {
      continue;
    }
    const files = isRecord(doc) && Array.isArray(doc.write_files) ? doc.write_files : [];
    for (const f of files) {
      const host = isRecord(f) && typeof f.path === "string" ? HOSTS_FILE.exec(f.path)?.[1] : undefined;
      if (host === undefined || !isRecord(f) || typeof f.content !== "string") continue;
      try {
        const hosts = parseToml(f.content).host;
        out[host] = isRecord(hosts) ? Object.keys(hosts) : [];
      } catch {
        out[host] = [];
      }
    }
  }
  return out;
}
