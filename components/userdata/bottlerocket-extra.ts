/**
 * `userData.bottlerocketSettings`, checked before it is rendered after our settings: each dotted key must be one TOML
 * key under `settings`, name a group (and, where the model lists them, a field) of the Bottlerocket settings model
 * (components/facts `BOTTLEROCKET_SETTINGS_GROUPS`), hold a TOML value, and never touch a key we set for the cluster, the
 * kubelet or hardening, whether this pool renders it or not. Pure.
 */
import { ConfigIssue, didYouMean, isRecord } from "../core";
import { BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS, BOTTLEROCKET_SETTINGS_GROUPS, BOTTLEROCKET_SETTINGS_MODEL_SOURCE } from "../facts";
import { BOTTLEROCKET_KUBERNETES_SETTINGS } from "../kubelet";
import { bottlerocketKeyPath } from "./node-settings";

/** Why a settings path is ours; matched by prefix (`settings.host-containers.admin` covers everything below it). */
const RESERVED: readonly (readonly [string, string])[] = [
  ["settings.kubernetes.cluster-name", "it connects the node to the cluster and is rendered from the cluster"],
  ["settings.kubernetes.api-server", "it connects the node to the cluster and is rendered from the cluster"],
  ["settings.kubernetes.cluster-certificate", "it connects the node to the cluster and is rendered from the cluster"],
  ["settings.kubernetes.cluster-dns-ip", "it is the cluster's DNS service address (kubelet.clusterDNS renders it)"],
  ["settings.kubernetes.authentication-mode", "EKS nodes authenticate with their IAM role (aws mode)"],
  ["settings.kubernetes.bootstrap-token", "EKS nodes authenticate with their IAM role, not a bootstrap token"],
  ["settings.kubernetes.standalone-mode", "the node must join the cluster"],
  ["settings.kubernetes.node-labels", "the node group carries the pool's labels: set them in labels"],
  ["settings.kubernetes.node-taints", "the node group carries the pool's taints: set them in taints"],
  ["settings.kernel.sysctl", "sysctls go in kernel.sysctls, where the kubelet's protectKernelDefaults check applies"],
  ["settings.host-containers.admin", "the admin container is remoteAccess's (enabled with its key pair)"],
  ["settings.host-containers.control", "the control container is how SSM Session Manager reaches the nodes"],
];

const kubeletKeys = (): ReadonlyMap<string, string> => {
  const prefix = BOTTLEROCKET_KUBERNETES_SETTINGS.settingsPrefix;
  return new Map(Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).map(([field, s]) => [`${prefix}.${s.key}`, field]));
};

const dotted = (path: readonly string[]): string => path.map((s) => (/^[A-Za-z0-9_-]+$/.test(s) ? s : JSON.stringify(s))).join(".");
const within = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}.`);

/** Every leaf (path, value) of a value set at `path`: tables are expanded, lists and scalars are leaves. */
function leaves(path: readonly string[], value: unknown): (readonly [readonly string[], unknown])[] {
  if (!isRecord(value) || Object.keys(value).length === 0) return [[path, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves([...path, k], v));
}

function tomlProblem(value: unknown): string | undefined {
  if (value === null || value === undefined) return "TOML has no null: give a value or leave the key out";
  if (typeof value === "number" && !Number.isFinite(value)) return "not a finite number";
  if (Array.isArray(value)) return value.map(tomlProblem).find((p) => p !== undefined);
  if (isRecord(value)) return Object.values(value).map(tomlProblem).find((p) => p !== undefined);
  return undefined;
}

function modelProblem(path: readonly string[], value: unknown, nvidia: boolean): string | undefined {
  const groups = Object.keys(BOTTLEROCKET_SETTINGS_GROUPS).concat(nvidia ? BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS : []);
  const name = path[1];
  if (!groups.includes(name)) {
    const only = BOTTLEROCKET_NVIDIA_SETTINGS_GROUPS.includes(name) ? " (only the NVIDIA variants have it)" : "";
    return `Bottlerocket's aws-k8s settings have no group "${name}"${only}${didYouMean(name, groups)}; groups: ${groups.join(", ")} (${BOTTLEROCKET_SETTINGS_MODEL_SOURCE})`;
  }
  const g = BOTTLEROCKET_SETTINGS_GROUPS[name] ?? {};
  if (g.type === "string") return path.length === 2 && typeof value === "string" ? undefined : `settings.${name} is a string`;
  const [field, where] = g.fields ? [path[2], g.fields] : g.entries ? [path[3], g.entries] : [undefined, []];
  if (field !== undefined && !where.includes(field)) {
    return `Bottlerocket settings.${name}${g.entries ? ".<name>" : ""} has no key "${field}"${didYouMean(field, where)}; keys: ${where.join(", ")}`;
  }
  return undefined;
}

/** Inputs of {@link validateBottlerocketSettings}. */
export interface BottlerocketSettingsCheck {
  /** The user's dotted keys and values. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Our rendered `settings` table for this pool (parsed back), whose leaves the user's keys must not touch. */
  readonly ours: Readonly<Record<string, unknown>>;
  /** The pool runs an NVIDIA variant (two more groups). */
  readonly nvidia: boolean;
}

/** Kernel lockdown modes at least as strict as Bottlerocket's `integrity` default (hardening never weakened). */
const LOCKDOWN_HARDENED = ["integrity", "confidentiality"];

function reservedProblem(path: string, value: unknown, kubelet: ReadonlyMap<string, string>): string | undefined {
  if (path === "settings.kernel.lockdown") {
    return typeof value === "string" && LOCKDOWN_HARDENED.includes(value) ? undefined : `the kernel lockdown mode is hardening: ${LOCKDOWN_HARDENED.join(" or ")} (Bottlerocket's default is integrity), got ${JSON.stringify(value)}`;
  }
  const field = [...kubelet.keys()].find((k) => within(path, k));
  if (field !== undefined) return `it is the kubelet's ${kubelet.get(field) ?? ""}: set it in the pool's kubelet options, which are validated and planned`;
  return RESERVED.find(([prefix]) => within(path, prefix))?.[1];
}

/** Every problem of `userData.bottlerocketSettings`; `at` is that key's config path. */
export function validateBottlerocketSettings(c: BottlerocketSettingsCheck, at: string): ConfigIssue[] {
  const kubelet = kubeletKeys();
  const ourLeaves = leaves(["settings"], c.ours).map(([p]) => dotted(p));
  const issues: ConfigIssue[] = [];
  const seen: string[] = [];
  for (const [key, value] of Object.entries(c.settings)) {
    const path = bottlerocketKeyPath(key);
    const err = (message: string): void => { issues.push({ path: `${at}.${key}`, message }); };
    if (!path || path[0] !== "settings" || path.length < 2) { err(`must be a dotted TOML key under settings, e.g. settings.motd or settings.kernel.modules.sctp.allowed; got ${JSON.stringify(key)}`); continue; }
    const self = dotted(path);
    const overlap = seen.find((s) => within(self, s) || within(s, self));
    if (overlap !== undefined) err(`overlaps ${overlap}, given too: give each setting once`);
    seen.push(self);
    const toml = tomlProblem(value);
    if (toml) err(toml);
    for (const [leaf, v] of leaves(path, value)) {
      const p = dotted(leaf);
      const problem = modelProblem(leaf, v, c.nvidia) ?? reservedProblem(p, v, kubelet);
      const ours = ourLeaves.find((o) => within(o, p) || within(p, o));
      if (problem) err(`${p}: ${problem}`);
      else if (ours !== undefined) err(`${p}: the pool already renders ${ours}; an escape hatch never overrides our settings`);
    }
  }
  return issues;
}
