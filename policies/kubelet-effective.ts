/**
 * The kubelet configuration a node actually runs with, from decoded user data: on AL2023 nodeadm's base config.json
 * under the NodeConfig's `kubelet.config` (nodeadm writes it as the kubelet drop-in config.json.d/40-nodeadm.conf),
 * under `kubelet.flags`; on Bottlerocket the values it fixes itself over the `settings.kubernetes` keys it maps
 * (standalone mode switching authentication off). Each value keeps its origin so a violation says where it came from.
 * Pure; facts ship as data (components/facts/data/nodeadm-kubelet-base.json,
 * components/facts/data/bottlerocket-kubernetes-settings.json and data/kubelet-platform-defaults.json).
 */
import platformDefaults from "./data/kubelet-platform-defaults.json";
import { BOTTLEROCKET_KUBERNETES_SETTINGS } from "../components/kubelet";
import { NODEADM_KUBELET_BASE_FIELDS } from "../components/facts";
import { get, isRecord } from "./rule-values";
import type { Al2023UserData, BottlerocketUserData } from "../components/userdata";

/** Where an effective kubelet value comes from. */
export type KubeletOrigin =
  | "NodeConfig kubelet.config" | "NodeConfig kubelet.flags" | "nodeadm base config.json"
  | "Bottlerocket settings.kubernetes" | "Bottlerocket built-in" | "Bottlerocket standalone mode" | "EC2NodeClass spec.kubelet";

/** One layer of configuration; higher layers win. */
interface Layer {
  readonly origin: KubeletOrigin;
  readonly config: Readonly<Record<string, unknown>>;
  /** Top-level fields this layer replaces whole (a kubelet flag replaces a map field, it does not merge). */
  readonly replaces: ReadonlySet<string>;
}

/** The layered kubelet configuration of one launch template. */
export interface EffectiveKubelet {
  readonly os: "AL2023" | "BOTTLEROCKET";
  /** Highest priority first. */
  readonly layers: readonly Layer[];
}

/** A value and where it came from; `value` undefined when no layer sets it (the kubelet's own default applies). */
export interface KubeletValue {
  readonly value: unknown;
  readonly origin?: KubeletOrigin;
}

type FlagType = "bool" | "int" | "string" | "thresholds";
/** Kubelet command-line flags read from NodeConfig `kubelet.flags`, with the config field each one sets. */
const FLAG_FIELDS: Readonly<Record<string, { readonly path: readonly string[]; readonly type: FlagType }>> = {
  "anonymous-auth": { path: ["authentication", "anonymous", "enabled"], type: "bool" },
  "authentication-token-webhook": { path: ["authentication", "webhook", "enabled"], type: "bool" },
  "authorization-mode": { path: ["authorization", "mode"], type: "string" },
  "read-only-port": { path: ["readOnlyPort"], type: "int" },
  "rotate-certificates": { path: ["rotateCertificates"], type: "bool" },
  "protect-kernel-defaults": { path: ["protectKernelDefaults"], type: "bool" },
  "make-iptables-util-chains": { path: ["makeIPTablesUtilChains"], type: "bool" },
  "streaming-connection-idle-timeout": { path: ["streamingConnectionIdleTimeout"], type: "string" },
  "eviction-hard": { path: ["evictionHard"], type: "thresholds" },
};

function flagValue(raw: string | undefined, type: FlagType): unknown {
  if (type === "bool") return raw === undefined || raw.toLowerCase() === "true";
  if (raw === undefined) return undefined;
  if (type === "int") return Number.isInteger(Number(raw)) ? Number(raw) : raw;
  if (type === "string") return raw;
  return Object.fromEntries(raw.split(",").map((t) => t.split("<")).filter((p) => p.length === 2).map(([k, v]) => [k.trim(), v.trim()]));
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = isRecord(next) ? next : (at[key] = {} as Record<string, unknown>);
  }
  at[path[path.length - 1]] = value;
}

/** The config fields set by kubelet flags (`--name=value`, bare `--name` for booleans); unknown flags ignored. */
export function flagsLayer(flags: readonly string[]): Layer {
  const config: Record<string, unknown> = {};
  const replaces = new Set<string>();
  for (const flag of flags) {
    const m = /^--?([a-z0-9-]+)(?:=(.*))?$/i.exec(flag.trim());
    const spec = m ? FLAG_FIELDS[m[1].toLowerCase()] : undefined;
    if (!m || !spec) continue;
    setPath(config, spec.path, flagValue(m[2], spec.type));
    if (spec.path.length === 1) replaces.add(spec.path[0]);
  }
  return { origin: "NodeConfig kubelet.flags", config, replaces };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * nodeadm's base config.json fields that are the same for every Kubernetes version: a launch template does not say
 * which version its nodes run, so the fields nodeadm sets only from some version on (featureGates, the shutdown
 * periods) are left out; no rule here judges them.
 */
const NODEADM_BASE: Readonly<Record<string, unknown>> = Object.fromEntries(
  NODEADM_KUBELET_BASE_FIELDS
    .filter((f) => f.value !== undefined && f.since === undefined && f.until === undefined && f.field !== "kind" && f.field !== "apiVersion")
    .map((f) => [f.field, f.value]),
);

/** The effective kubelet of an AL2023 node: flags over the NodeConfig drop-in over nodeadm's base config.json. */
export function al2023Kubelet(decoded: Pick<Al2023UserData, "kubeletConfig" | "kubeletFlags">): EffectiveKubelet {
  return {
    os: "AL2023",
    layers: [
      flagsLayer(decoded.kubeletFlags),
      { origin: "NodeConfig kubelet.config", config: decoded.kubeletConfig, replaces: NONE },
      { origin: "nodeadm base config.json", config: NODEADM_BASE, replaces: NONE },
    ],
  };
}

/** `settings.kubernetes` keys translated back to kubelet fields through Bottlerocket's settings map. */
function bottlerocketSettingsConfig(kubernetes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [field, setting] of Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped)) {
    if (Object.prototype.hasOwnProperty.call(kubernetes, setting.key)) setPath(config, field.split("."), kubernetes[setting.key]);
  }
  return config;
}

/** The effective kubelet of a Bottlerocket node: standalone mode, then built-in values, then mapped settings. */
export function bottlerocketKubelet(decoded: Pick<BottlerocketUserData, "kubernetes">): EffectiveKubelet {
  const fixed = Object.fromEntries(Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.fixed).map(([k, f]) => [k, f.value]));
  const standalone = decoded.kubernetes["standalone-mode"] === true;
  const layers: Layer[] = [
    { origin: "Bottlerocket built-in", config: fixed, replaces: NONE },
    { origin: "Bottlerocket settings.kubernetes", config: bottlerocketSettingsConfig(decoded.kubernetes), replaces: NONE },
  ];
  if (standalone) layers.unshift({ origin: "Bottlerocket standalone mode", config: platformDefaults.bottlerocketStandaloneMode, replaces: NONE });
  return { os: "BOTTLEROCKET", layers };
}

/** The user data layers Karpenter writes `spec.kubelet` over (its own NodeConfig, or settings.kubernetes on Bottlerocket). */
const NODE_CLASS_OVER: readonly KubeletOrigin[] = ["NodeConfig kubelet.config", "Bottlerocket settings.kubernetes"];

/**
 * A karpenter pool's node: Karpenter renders the EC2NodeClass's `spec.kubelet` into the node's bootstrap itself, merged
 * over the user data's kubelet config (so it sits just above that layer; flags and what Bottlerocket fixes stay above).
 */
export function withNodeClassKubelet(k: EffectiveKubelet, kubelet: Readonly<Record<string, unknown>>): EffectiveKubelet {
  const at = k.layers.findIndex((l) => NODE_CLASS_OVER.includes(l.origin));
  const layer: Layer = { origin: "EC2NodeClass spec.kubelet", config: kubelet, replaces: NONE };
  const i = at < 0 ? 0 : at;
  return { os: k.os, layers: [...k.layers.slice(0, i), layer, ...k.layers.slice(i)] };
}

/** The effective value at `path` (e.g. `["authentication", "anonymous", "enabled"]`) and the layer it came from. */
export function lookupKubelet(k: EffectiveKubelet, path: readonly string[]): KubeletValue {
  for (const layer of k.layers) {
    const replacedWhole = layer.replaces.has(path[0]) && Object.prototype.hasOwnProperty.call(layer.config, path[0]);
    const value = get(layer.config, ...path);
    if (value !== undefined || replacedWhole) return { value, origin: layer.origin };
  }
  return { value: undefined };
}
