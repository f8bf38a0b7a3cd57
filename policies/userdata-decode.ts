/**
 * Decodes a launch template's base64 user data into the kubelet settings it carries: AL2023 (MIME multipart whose
 * `application/node.eks.aws` parts hold nodeadm `NodeConfig` documents, or a bare NodeConfig) or Bottlerocket
 * (TOML `settings.kubernetes`). Generic: every kubelet key is kept, whatever the renderer emitted. Pure.
 */
import { parse as parseToml } from "smol-toml";
import * as YAML from "yaml";
import { looksLikeMime, parseMultipart } from "./multipart";
import { isRecord } from "./rule-values";

/** Content type nodeadm reads NodeConfig documents from (amazon-eks-ami `nodeadm/doc/api.md`). */
export const NODEADM_CONTENT_TYPE = "application/node.eks.aws";

/** AL2023: the kubelet parts of every NodeConfig, merged in order as nodeadm merges them. */
export interface Al2023UserData {
  readonly os: "AL2023";
  /** `spec.kubelet.config` of every NodeConfig, deep-merged (later documents win). */
  readonly kubeletConfig: Readonly<Record<string, unknown>>;
  /** `spec.kubelet.flags` of every NodeConfig, in order. */
  readonly kubeletFlags: readonly string[];
  /** How many NodeConfig documents were found. */
  readonly nodeConfigs: number;
}

/** Bottlerocket: the `settings.kubernetes` table. */
export interface BottlerocketUserData {
  readonly os: "BOTTLEROCKET";
  readonly kubernetes: Readonly<Record<string, unknown>>;
}

/** User data that carries no kubelet settings we can read. */
export interface UnrecognizedUserData {
  readonly os: "unrecognized";
  readonly reason: string;
}

export type DecodedUserData = Al2023UserData | BottlerocketUserData | UnrecognizedUserData;

const unrecognized = (reason: string): UnrecognizedUserData => ({ os: "unrecognized", reason });

/** Deep merge of plain objects (`over` wins; lists and scalars replaced), as nodeadm merges NodeConfigs. */
export function deepMerge(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

function nodeConfigsOf(yamlText: string): Record<string, unknown>[] {
  return YAML.parseAllDocuments(yamlText)
    .map((d) => d.toJS() as unknown)
    .filter((d): d is Record<string, unknown> => isRecord(d) && d.kind === "NodeConfig");
}

function fromNodeConfigs(docs: readonly Record<string, unknown>[]): Al2023UserData {
  let kubeletConfig: Record<string, unknown> = {};
  const kubeletFlags: string[] = [];
  for (const doc of docs) {
    const kubelet = isRecord(doc.spec) ? doc.spec.kubelet : undefined;
    if (!isRecord(kubelet)) continue;
    if (isRecord(kubelet.config)) kubeletConfig = deepMerge(kubeletConfig, kubelet.config);
    if (Array.isArray(kubelet.flags)) kubeletFlags.push(...kubelet.flags.filter((f: unknown): f is string => typeof f === "string"));
  }
  return { os: "AL2023", kubeletConfig, kubeletFlags, nodeConfigs: docs.length };
}

function decodeMime(text: string): DecodedUserData {
  const parts = parseMultipart(text).filter((p) => p.mediaType === NODEADM_CONTENT_TYPE);
  if (parts.length === 0) return unrecognized(`MIME user data without an ${NODEADM_CONTENT_TYPE} part: no NodeConfig for nodeadm`);
  return fromNodeConfigs(parts.flatMap((p) => nodeConfigsOf(p.body)));
}

function tryToml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

function tryNodeConfigYaml(text: string): Record<string, unknown>[] {
  try {
    return nodeConfigsOf(text);
  } catch {
    return [];
  }
}

/** Decodes user data text (already base64-decoded). */
export function decodeUserDataText(text: string): DecodedUserData {
  if (looksLikeMime(text)) {
    try {
      return decodeMime(text);
    } catch (err) {
      return unrecognized(`unreadable MIME user data: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const nodeConfigs = tryNodeConfigYaml(text);
  if (nodeConfigs.length > 0) return fromNodeConfigs(nodeConfigs);
  const toml = tryToml(text);
  const settings = toml && isRecord(toml.settings) ? toml.settings : undefined;
  if (settings) return { os: "BOTTLEROCKET", kubernetes: isRecord(settings.kubernetes) ? settings.kubernetes : {} };
  if (text.startsWith("#!")) return unrecognized("a shell script: the kubelet is configured by commands the policy cannot read");
  return unrecognized("neither MIME with a nodeadm NodeConfig, a bare NodeConfig, nor Bottlerocket TOML settings");
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** Decodes a launch template's `userData` (base64, as the EC2 API takes it). */
export function decodeUserData(base64: string): DecodedUserData {
  const bytes = Buffer.from(base64.trim(), "base64");
  if (bytes.length === 0) return unrecognized("empty user data");
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) return unrecognized("gzip-compressed user data is not decoded");
  return decodeUserDataText(bytes.toString("utf8"));
}
