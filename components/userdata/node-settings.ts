/**
 * The node beyond the kubelet, rendered per OS (SPEC §11.3): kernel sysctls, EC2 instance store for the kubelet and
 * containerd, and the escape hatches (AL2023 shell parts, Bottlerocket settings). Built as data, written by emitters
 * (sysctl.d lines, NodeConfig YAML fields, TOML tables), and read back by the decoder. Pure.
 *
 * - AL2023 sysctls: a shell part that writes `/etc/sysctl.d/99-workerpools.conf` (sorted after the AMI's
 *   `99-amazon.conf` and `99-kubernetes-cri.conf`, so its values win at every boot) and loads it; cloud-init runs it
 *   before `nodeadm-run.service` (`After=cloud-final.service`) starts the kubelet.
 * - AL2023 instance store: NodeConfig `spec.instance.localStorage.strategy`; nodeadm runs `setup-local-disks` in its
 *   run phase, before the kubelet.
 * - Bottlerocket: `settings.kernel.sysctl`, and a bootstrap command running `apiclient ephemeral-storage init` and
 *   `bind` (Bottlerocket 1.22.0+), which run before the kubelet and containerd start.
 */
import { parse as parseToml } from "smol-toml";
import type { MimePart } from "../core";
import { isRecord } from "../core";
import { BOTTLEROCKET_EPHEMERAL_STORAGE, NODEADM_LOCAL_STORAGE, isValidSysctlName } from "../facts";

/** `instanceStorage`: `none`, one RAID0 array (kubelet, containerd and pod logs on it), or each disk mounted on its own. */
export const INSTANCE_STORAGE_STRATEGIES = ["none", "raid0", "mount"] as const;
export type InstanceStorageStrategy = (typeof INSTANCE_STORAGE_STRATEGIES)[number];

/** Kernel sysctls by dotted name; values as sysctl.d writes them. */
export type Sysctls = Readonly<Record<string, string | number>>;

/** `kernel`: settings of the node's kernel. */
export interface NodeKernel {
  /**
   * Sysctls by dotted name, e.g. `{ "vm.max_map_count": "262144" }`: AL2023 writes them to /etc/sysctl.d before the
   * kubelet starts, Bottlerocket sets `settings.kernel.sysctl`. The kubelet's own (vm.overcommit_memory, kernel.panic...)
   * only at the value it expects. @default {}
   */
  readonly sysctls?: Sysctls;
}

/** `userData`: escape hatches rendered after our user data, never over the cluster's, the kubelet's or hardening keys. */
export interface NodeUserData {
  /** AL2023 only: shell scripts (each starting with `#!`), run in order after ours and before nodeadm starts the kubelet. @default [] */
  readonly preBootstrap?: readonly string[];
  /** Bottlerocket only: further settings by dotted key (`settings.motd`), checked against the settings model. @default {} */
  readonly bottlerocketSettings?: Readonly<Record<string, unknown>>;
}

/** Resolved {@link NodeKernel} and {@link NodeUserData}. */
export interface ResolvedNodeSettings {
  readonly kernel: { readonly sysctls: Sysctls };
  readonly userData: { readonly preBootstrap: readonly string[]; readonly bottlerocketSettings: Readonly<Record<string, unknown>> };
}

/** Where the AL2023 sysctl part writes its file. */
export const SYSCTL_CONF_PATH = "/etc/sysctl.d/99-workerpools.conf";
/** The comment line that marks our sysctl part (the decoder recognizes it). */
export const SYSCTL_PART_MARKER = "# workerpools: kernel.sysctls";
const HEREDOC = "SYSCTLS";
/** Content-Type of every shell part (cloud-init runs `text/x-shellscript` parts in order). */
export const SHELL_PART_CONTENT_TYPE = 'text/x-shellscript; charset="us-ascii"';

/** A sysctl value sysctl.d and Bottlerocket take as written: one line of these characters (numbers, lists, words). */
export const SYSCTL_VALUE = /^[A-Za-z0-9_.,:/+=-]+(?: [A-Za-z0-9_.,:/+=-]+)*$/;

const sysctlLines = (sysctls: Sysctls): string[] =>
  Object.keys(sysctls).sort().map((k) => `${k} = ${String(sysctls[k])}`);

/** The AL2023 shell part that writes and loads the sysctls; none without sysctls. Names and values are checked before use. */
export function renderAl2023SysctlPart(sysctls: Sysctls): MimePart | undefined {
  const names = Object.keys(sysctls);
  if (names.length === 0) return undefined;
  const bad = names.find((k) => !isValidSysctlName(k) || !SYSCTL_VALUE.test(String(sysctls[k])));
  if (bad !== undefined) throw new Error(`unsafe sysctl: ${bad}`);
  const lines = [
    "#!/bin/bash",
    SYSCTL_PART_MARKER,
    "set -euo pipefail",
    `cat > ${SYSCTL_CONF_PATH} <<'${HEREDOC}'`,
    ...sysctlLines(sysctls),
    HEREDOC,
    `sysctl -p ${SYSCTL_CONF_PATH}`,
  ];
  return { contentType: SHELL_PART_CONTENT_TYPE, body: `${lines.join("\n")}\n` };
}

/** The sysctls of our AL2023 sysctl part, or undefined when `body` is not that part. */
export function parseAl2023SysctlPart(body: string): Record<string, string> | undefined {
  const lines = body.split(/\r?\n/);
  if (lines[1] !== SYSCTL_PART_MARKER) return undefined;
  const start = lines.findIndex((l) => l.endsWith(`<<'${HEREDOC}'`));
  const end = lines.indexOf(HEREDOC, start + 1);
  if (start < 0 || end < 0) return undefined;
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1, end)) {
    const eq = line.indexOf("=");
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** The user's `preBootstrap` scripts as shell parts, in order (each already checked to start with `#!`). */
export const renderPreBootstrapParts = (scripts: readonly string[]): MimePart[] =>
  scripts.map((body) => ({ contentType: SHELL_PART_CONTENT_TYPE, body: body.endsWith("\n") ? body : `${body}\n` }));

/** NodeConfig `spec.instance.localStorage`. */
export interface NodeConfigLocalStorage {
  readonly strategy: string;
}

/** NodeConfig `spec.instance` for a strategy; none for `none`. */
export function nodeConfigInstance(strategy: InstanceStorageStrategy): { readonly localStorage: NodeConfigLocalStorage } | undefined {
  if (strategy === "none") return undefined;
  const value = NODEADM_LOCAL_STORAGE.strategies[strategy];
  if (value === undefined) throw new Error(`nodeadm has no local storage strategy for ${strategy}`);
  return { localStorage: { strategy: value } };
}

/** Name of the bootstrap command that sets up Bottlerocket ephemeral storage. */
export const EPHEMERAL_STORAGE_COMMAND = "workerpools-ephemeral-storage";

/** A Bottlerocket `settings.bootstrap-commands.<name>` entry. */
export interface BottlerocketBootstrapCommand {
  readonly commands: readonly (readonly string[])[];
  readonly essential: boolean;
  readonly mode: "always" | "once" | "off";
}

/**
 * The bootstrap command that builds one RAID0 array of the instance store and binds containerd's, the kubelet's and
 * the pod logs' directories to it, at every boot (instance store is empty after a stop); essential, so a node whose
 * storage failed never joins. None for `none`; `mount` has no Bottlerocket form (refused by validation).
 */
export function bottlerocketEphemeralStorage(strategy: InstanceStorageStrategy): Record<string, BottlerocketBootstrapCommand> | undefined {
  if (strategy === "none") return undefined;
  if (!BOTTLEROCKET_EPHEMERAL_STORAGE.strategies.includes(strategy)) throw new Error(`Bottlerocket ephemeral storage cannot do ${strategy}`);
  const commands = [
    ["apiclient", "ephemeral-storage", "init"],
    ["apiclient", "ephemeral-storage", "bind", "--dirs", ...BOTTLEROCKET_EPHEMERAL_STORAGE.bindDirs],
  ];
  return { [EPHEMERAL_STORAGE_COMMAND]: { commands, essential: true, mode: "always" } };
}

const UNSAFE_SEGMENTS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * A dotted Bottlerocket settings key (`settings.motd`, `settings.kernel.sysctl."vm.max_map_count"`) as its TOML key
 * segments, read by the TOML parser itself; undefined when it is not one TOML key.
 */
export function bottlerocketKeyPath(key: string): string[] | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(`${key} = true`);
  } catch {
    return undefined;
  }
  const path: string[] = [];
  let at: unknown = doc;
  while (isRecord(at)) {
    const keys = Object.keys(at);
    if (keys.length !== 1) return undefined;
    path.push(keys[0]);
    at = at[keys[0]];
  }
  return at === true && !path.some((seg) => UNSAFE_SEGMENTS.has(seg)) ? path : undefined;
}

/** User settings (dotted keys) as one nested table under `settings`, for merging after ours; keys must be valid. */
export function bottlerocketSettingsTable(settings: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(settings)) {
    const path = bottlerocketKeyPath(key);
    if (!path || path[0] !== "settings" || path.length < 2) throw new Error(`not a settings.* key: ${key}`);
    let at = out;
    for (const seg of path.slice(1, -1)) {
      const next = at[seg];
      at = isRecord(next) ? next : (at[seg] = {});
    }
    at[path[path.length - 1]] = value;
  }
  return out;
}
