/**
 * Pure, minimal reader of a launch template's user data, for the change review: base64 → AL2023 MIME
 * multi-part with a nodeadm `NodeConfig` part (`application/node.eks.aws`, YAML), or Bottlerocket TOML
 * (`settings.kubernetes.*`). Never throws: what it cannot read it reports as `unknown`.
 */
import { parse as parseToml } from "smol-toml";
import * as YAML from "yaml";
import { isRecord } from "../../components/core";

export const USER_DATA_FORMATS = ["al2023-nodeconfig", "bottlerocket", "unknown"] as const;
export type UserDataFormat = (typeof USER_DATA_FORMATS)[number];

/** What the user data says, split the way a reviewer reads it. */
export interface DecodedUserData {
  readonly format: UserDataFormat;
  /** Kubelet settings by the name written: NodeConfig `spec.kubelet.config` keys, or Bottlerocket `settings.kubernetes` keys. */
  readonly kubelet: Readonly<Record<string, unknown>>;
  /** NodeConfig `spec.kubelet.flags`. */
  readonly kubeletFlags: readonly string[];
  /** How nodes find the cluster (NodeConfig `spec.cluster`; Bottlerocket cluster-name, api-server, cluster-certificate). */
  readonly cluster: Readonly<Record<string, unknown>>;
  /** Everything else: further MIME parts by Content-Type, other Bottlerocket settings groups, or the raw text. */
  readonly other: Readonly<Record<string, unknown>>;
}

/** NodeConfig's part Content-Type (nodeadm). */
const NODECONFIG_CONTENT_TYPE = "application/node.eks.aws";
/** Bottlerocket `settings.kubernetes` keys that connect to the cluster rather than configure kubelet. */
const BOTTLEROCKET_CLUSTER_KEYS = ["cluster-name", "api-server", "cluster-certificate"] as const;

const EMPTY: DecodedUserData = { format: "unknown", kubelet: {}, kubeletFlags: [], cluster: {}, other: {} };

/** One part of a MIME multi-part document. */
interface MimePartRead {
  readonly contentType: string;
  readonly body: string;
}

/** Splits a `multipart/*` document into parts; [] when it is not one. */
export function readMultipart(text: string): MimePartRead[] {
  const header = /^Content-Type:\s*multipart\/[^;\r\n]+;\s*boundary="?([^"\r\n;]+)"?/im.exec(text);
  if (!header) return [];
  const delimiter = `--${header[1]}`;
  const chunks = text.split(/\r?\n/).join("\n").split(`${delimiter}`).slice(1);
  return chunks.filter((c) => !c.startsWith("--")).map((chunk) => {
    const body = chunk.replace(/^\n/, "");
    const end = body.indexOf("\n\n");
    const head = end < 0 ? body : body.slice(0, end);
    const contentType = /^Content-Type:\s*([^\n]+)$/im.exec(head)?.[1].trim() ?? "text/plain";
    return { contentType, body: end < 0 ? "" : body.slice(end + 2).replace(/\n$/, "") };
  });
}

function readNodeConfigMime(parts: readonly MimePartRead[]): DecodedUserData {
  const other: Record<string, unknown> = {};
  let found: unknown;
  parts.forEach((p, i) => {
    if (p.contentType.split(";")[0].trim() === NODECONFIG_CONTENT_TYPE && found === undefined) found = safeYaml(p.body);
    else other[`part[${i}] ${p.contentType}`] = p.body;
  });
  const spec = isRecord(found) && isRecord(found.spec) ? found.spec : {};
  const kubelet = isRecord(spec.kubelet) ? spec.kubelet : {};
  return {
    format: found === undefined ? "unknown" : "al2023-nodeconfig",
    kubelet: isRecord(kubelet.config) ? kubelet.config : {},
    kubeletFlags: Array.isArray(kubelet.flags) ? kubelet.flags.map(String) : [],
    cluster: isRecord(spec.cluster) ? spec.cluster : {},
    other,
  };
}

function readBottlerocket(settings: Record<string, unknown>): DecodedUserData {
  const kubernetes = isRecord(settings.kubernetes) ? settings.kubernetes : {};
  const isCluster = (k: string): boolean => (BOTTLEROCKET_CLUSTER_KEYS as readonly string[]).includes(k);
  const pick = (keep: (k: string) => boolean): Record<string, unknown> =>
    Object.fromEntries(Object.entries(kubernetes).filter(([k]) => keep(k)));
  const other = Object.fromEntries(Object.entries(settings).filter(([k]) => k !== "kubernetes").map(([k, v]) => [`settings.${k}`, v]));
  return { format: "bottlerocket", kubelet: pick((k) => !isCluster(k)), kubeletFlags: [], cluster: pick(isCluster), other };
}

function safeYaml(text: string): unknown {
  try {
    return YAML.parse(text);
  } catch {
    return undefined;
  }
}

function safeToml(text: string): Record<string, unknown> | undefined {
  try {
    return parseToml(text);
  } catch {
    return undefined;
  }
}

/** Decodes the text of user data (already base64-decoded). */
export function readUserDataText(text: string): DecodedUserData {
  const parts = readMultipart(text);
  if (parts.length > 0) return readNodeConfigMime(parts);
  const toml = safeToml(text);
  if (toml && isRecord(toml.settings)) return readBottlerocket(toml.settings);
  return { ...EMPTY, other: { text } };
}

/**
 * Decodes a launch template's `userData` input (base64). Plan placeholders (`[unknown]`, `[secret]`) and
 * non-strings decode to `unknown` with the value kept in `other.value`.
 */
export function readUserData(userData: unknown): DecodedUserData {
  if (typeof userData !== "string" || userData.startsWith("[")) return { ...EMPTY, other: { value: userData } };
  return readUserDataText(Buffer.from(userData, "base64").toString("utf8"));
}
