/**
 * Bottlerocket user data: TOML with the cluster's settings and the kubelet's `settings.kubernetes.*` keys
 * (from kubelet/ `splitForBottlerocket`), serialized with smol-toml (never line-by-line strings). Pure.
 */
import { stringify } from "smol-toml";
import { deepMerge, parseCidr, sortKeysDeep } from "../core";
import type { NodeConfigCluster } from "./al2023";
import type { BottlerocketBootstrapCommand, Sysctls } from "./node-settings";

/** Inputs of {@link renderBottlerocketUserData}. */
export interface BottlerocketUserDataInput {
  readonly cluster: NodeConfigCluster;
  /** `settings.kubernetes` keys from {@link splitForBottlerocket}. */
  readonly kubernetes: Readonly<Record<string, unknown>>;
  /** Kernel modules to allow and autoload (`settings.kernel.modules`). @default [] */
  readonly kernelModules?: readonly string[];
  /**
   * Enable the admin host container (`settings.host-containers.admin.enabled`), which runs Bottlerocket's SSH server with
   * the instance's EC2 key pair (the host itself has none). @default false
   */
  readonly adminContainer?: boolean;
  /** `container-registry` / `container-runtime` settings groups (runtime-bottlerocket.ts). @default {} */
  readonly containerSettings?: Readonly<Record<string, unknown>>;
  /** Kernel sysctls (`settings.kernel.sysctl`). @default {} */
  readonly sysctls?: Sysctls;
  /** Bootstrap commands by name (`settings.bootstrap-commands`), e.g. ephemeral storage. @default {} */
  readonly bootstrapCommands?: Readonly<Record<string, BottlerocketBootstrapCommand>>;
  /** The user's further settings (nested under `settings`), merged after ours; validation keeps them off our keys. @default {} */
  readonly extraSettings?: Readonly<Record<string, unknown>>;
}

/** Renders Bottlerocket user data (TOML), tables sorted by key at every level. */
export function renderBottlerocketUserData(input: BottlerocketUserDataInput): string {
  const kubernetes = {
    "cluster-name": input.cluster.name,
    "api-server": input.cluster.apiServerEndpoint,
    "cluster-certificate": input.cluster.certificateAuthority,
    ...input.kubernetes,
  };
  const settings: Record<string, unknown> = { ...input.containerSettings, kubernetes };
  const modules = input.kernelModules ?? [];
  const sysctls = Object.entries(input.sysctls ?? {}).map(([k, v]): [string, string] => [k, String(v)]);
  if (modules.length > 0 || sysctls.length > 0) {
    settings.kernel = {
      ...(modules.length > 0 ? { modules: Object.fromEntries(modules.map((m) => [m, { allowed: true, autoload: true }])) } : {}),
      ...(sysctls.length > 0 ? { sysctl: Object.fromEntries(sysctls) } : {}),
    };
  }
  if (input.adminContainer === true) settings["host-containers"] = { admin: { enabled: true } };
  if (Object.keys(input.bootstrapCommands ?? {}).length > 0) settings["bootstrap-commands"] = input.bootstrapCommands;
  return stringify(sortKeysDeep({ settings: deepMerge(settings, input.extraSettings ?? {}) }));
}

/**
 * The cluster DNS service address of an IPv4 service CIDR: its network address + 10 (EKS User Guide, launch templates:
 * "The value for --dns-cluster-ip is your service CIDR with .10 at the end"), e.g. 172.20.0.0/16 -> 172.20.0.10.
 * Undefined for anything else (Bottlerocket then asks EKS itself).
 */
export function clusterDnsIp(serviceCidr: string): string | undefined {
  const c = parseCidr(serviceCidr);
  if (!c) return undefined;
  const ip = (c.base + 10) % 2 ** 32;
  return [24, 16, 8, 0].map((s) => Math.floor(ip / 2 ** s) % 256).join(".");
}
