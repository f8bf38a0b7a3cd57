/**
 * The one user data decoder (the plan's change review and the policy pack both read user data through it): a launch
 * template's base64 user data → AL2023 (MIME multipart whose `application/node.eks.aws` parts hold nodeadm
 * `NodeConfig` documents, or a bare NodeConfig) or Bottlerocket (TOML `settings`), or the reason it is neither.
 * Generic: every kubelet key is kept, whatever the renderer emitted. Parses with `yaml`, `smol-toml` and the MIME
 * reader in core/. Pure; never throws.
 */
import { parse as parseToml } from "smol-toml";
import * as YAML from "yaml";
import { MimeLeaf, deepMerge, isRecord, looksLikeMime, parseMultipart, stringList } from "../core";
import { NODECONFIG_CONTENT_TYPE } from "./al2023";
import { DecodedContainerRuntime, readContainerdFragment, readRegistryHosts } from "./containerd";
import { readBottlerocketContainerRuntime } from "./runtime-bottlerocket";
import { parseAl2023SysctlPart } from "./node-settings";

/** Bottlerocket `settings.kubernetes` keys that connect the node to the cluster (written by `renderBottlerocketUserData`). */
export const BOTTLEROCKET_CLUSTER_KEYS = ["cluster-name", "api-server", "cluster-certificate"] as const;

type Json = Readonly<Record<string, unknown>>;

/** AL2023: every NodeConfig, and their kubelet and cluster parts merged in order as nodeadm merges them. */
export interface Al2023UserData {
  readonly os: "AL2023";
  /** Every `kind: NodeConfig` document, in order (MIME parts in order, documents within a part in order). */
  readonly nodeConfigs: readonly Json[];
  /** `spec.kubelet.config` of every NodeConfig, deep-merged (later documents win). */
  readonly kubeletConfig: Json;
  /** `spec.kubelet.flags` of every NodeConfig, in order. */
  readonly kubeletFlags: readonly string[];
  /** `spec.cluster` of every NodeConfig, deep-merged: how the node finds the cluster. */
  readonly cluster: Json;
  /** Every MIME part in order, NodeConfig parts and shell scripts alike; [] for a bare NodeConfig. */
  readonly parts: readonly MimeLeaf[];
  /** `spec.containerd.config` settings (later documents win) and the hosts.toml mirrors cloud-config parts write. */
  readonly containerRuntime: DecodedContainerRuntime;
  /** `spec.instance` of every NodeConfig, deep-merged (e.g. `localStorage.strategy`); {} when none sets it. */
  readonly instance: Json;
  /** The sysctls our `kernel.sysctls` part writes (components/userdata node-settings.ts); {} without that part. */
  readonly sysctls: Readonly<Record<string, string>>;
}

/** Bottlerocket: the TOML `settings`. */
export interface BottlerocketUserData {
  readonly os: "BOTTLEROCKET";
  /** Every settings group (`kubernetes`, `kernel`, ...). */
  readonly settings: Json;
  /** The `settings.kubernetes` table, cluster keys included. */
  readonly kubernetes: Json;
  /** The {@link BOTTLEROCKET_CLUSTER_KEYS} of `settings.kubernetes` that are set. */
  readonly cluster: Json;
  /** `settings.container-runtime` and `settings.container-registry.mirrors`, by our option names. */
  readonly containerRuntime: DecodedContainerRuntime;
  /** `settings.kernel.sysctl`; {} when absent. */
  readonly sysctls: Readonly<Record<string, string>>;
  /** `settings.bootstrap-commands` by name (e.g. ephemeral storage); {} when absent. */
  readonly bootstrapCommands: Json;
}

/** User data that carries no kubelet settings we can read. */
export interface UnrecognizedUserData {
  readonly os: "unrecognized";
  readonly reason: string;
  /** The user data as UTF-8 text (base64-decoded; gzip not inflated). */
  readonly text: string;
  /** The MIME parts, when it is readable MIME without a NodeConfig part; else []. */
  readonly parts: readonly MimeLeaf[];
}

export type DecodedUserData = Al2023UserData | BottlerocketUserData | UnrecognizedUserData;

const unrecognized = (reason: string, text: string, parts: readonly MimeLeaf[] = []): UnrecognizedUserData =>
  ({ os: "unrecognized", reason, text, parts });

function nodeConfigsOf(yamlText: string): Json[] {
  return YAML.parseAllDocuments(yamlText)
    .map((d) => d.toJS() as unknown)
    .filter((d): d is Record<string, unknown> => isRecord(d) && d.kind === "NodeConfig");
}

function fromNodeConfigs(docs: readonly Json[], parts: readonly MimeLeaf[]): Al2023UserData {
  let kubeletConfig: Json = {};
  let cluster: Json = {};
  let instance: Json = {};
  const kubeletFlags: string[] = [];
  let containerRuntime: DecodedContainerRuntime = {};
  for (const doc of docs) {
    const spec = isRecord(doc.spec) ? doc.spec : {};
    if (isRecord(spec.cluster)) cluster = deepMerge(cluster, spec.cluster);
    if (isRecord(spec.containerd) && typeof spec.containerd.config === "string") containerRuntime = { ...containerRuntime, ...readContainerdFragment(spec.containerd.config) };
    if (isRecord(spec.instance)) instance = deepMerge(instance, spec.instance);
    if (!isRecord(spec.kubelet)) continue;
    if (isRecord(spec.kubelet.config)) kubeletConfig = deepMerge(kubeletConfig, spec.kubelet.config);
    kubeletFlags.push(...(stringList(spec.kubelet.flags) ?? []));
  }
  const mirrors = readRegistryHosts(parts);
  if (Object.keys(mirrors).length > 0) containerRuntime = { ...containerRuntime, mirrors };
  const sysctls = Object.assign({}, ...parts.map((p) => parseAl2023SysctlPart(p.body) ?? {})) as Record<string, string>;
  return { os: "AL2023", nodeConfigs: docs, kubeletConfig, kubeletFlags, cluster, parts, containerRuntime, instance, sysctls };
}

function decodeMime(text: string): DecodedUserData {
  const parts = parseMultipart(text);
  const nodeParts = parts.filter((p) => p.mediaType === NODECONFIG_CONTENT_TYPE);
  if (nodeParts.length === 0) {
    return unrecognized(`MIME user data without an ${NODECONFIG_CONTENT_TYPE} part: no NodeConfig for nodeadm`, text, parts);
  }
  return fromNodeConfigs(nodeParts.flatMap((p) => nodeConfigsOf(p.body)), parts);
}

function tryToml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

function tryNodeConfigYaml(text: string): Json[] {
  try {
    return nodeConfigsOf(text);
  } catch {
    return [];
  }
}

function fromBottlerocket(settings: Json): BottlerocketUserData {
  const kubernetes = isRecord(settings.kubernetes) ? settings.kubernetes : {};
  const keys: readonly string[] = BOTTLEROCKET_CLUSTER_KEYS;
  const cluster = Object.fromEntries(Object.entries(kubernetes).filter(([k]) => keys.includes(k)));
  const kernel = isRecord(settings.kernel) ? settings.kernel : {};
  const sysctls = isRecord(kernel.sysctl) ? Object.fromEntries(Object.entries(kernel.sysctl).map(([k, v]) => [k, String(v)])) : {};
  const bootstrapCommands = isRecord(settings["bootstrap-commands"]) ? settings["bootstrap-commands"] : {};
  return { os: "BOTTLEROCKET", settings, kubernetes, cluster, containerRuntime: readBottlerocketContainerRuntime(settings), sysctls, bootstrapCommands };
}

/** Decodes user data text (already base64-decoded). */
export function decodeUserDataText(text: string): DecodedUserData {
  if (looksLikeMime(text)) {
    try {
      return decodeMime(text);
    } catch (err) {
      return unrecognized(`unreadable MIME user data: ${err instanceof Error ? err.message : String(err)}`, text);
    }
  }
  const nodeConfigs = tryNodeConfigYaml(text);
  if (nodeConfigs.length > 0) return fromNodeConfigs(nodeConfigs, []);
  const toml = tryToml(text);
  if (toml && isRecord(toml.settings)) return fromBottlerocket(toml.settings);
  if (text.startsWith("#!")) return unrecognized("a shell script: the kubelet is configured by commands the policy cannot read", text);
  return unrecognized("neither MIME with a nodeadm NodeConfig, a bare NodeConfig, nor Bottlerocket TOML settings", text);
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Decodes a launch template's `userData` (base64, as the EC2 API takes it). */
export function decodeUserData(base64: string): DecodedUserData {
  const bytes = Buffer.from(base64.trim(), "base64");
  const text = bytes.toString("utf8");
  if (bytes.length === 0) return unrecognized("empty user data", text);
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) return unrecognized("gzip-compressed user data is not decoded", text);
  return decodeUserDataText(text);
}
