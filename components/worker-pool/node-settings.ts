/**
 * The node beyond the kubelet (SPEC §11.3): `instanceStorage`, `kernel.sysctls` and the `userData` escape hatches of a
 * pool, planned (what each node gets) and validated (what nodeadm, Bottlerocket or the kubelet would refuse or undo),
 * every problem at its config path. Rendering is components/userdata's. Pure.
 */
import { ConfigIssue } from "../core";
import {
  BOTTLEROCKET_EPHEMERAL_STORAGE, NODEADM_LOCAL_STORAGE, acceleratorFacts, compareVersions, isValidSysctlName, kubeletKernelTunable,
  KUBELET_KERNEL_TUNABLES_SOURCE,
} from "../facts";
import { KubeletPlan, effectiveKubelet } from "../kubelet";
import { InstanceStorageStrategy, SYSCTL_VALUE } from "../userdata";
import type { ResolvedWorkerPoolArgs } from "./args";

/** One node's instance store as the plan shows it. */
export interface NodeInstanceStore {
  readonly instanceType: string;
  /** Total instance store, GB. */
  readonly totalGB: number;
  /** Disks. @default - unknown */
  readonly disks?: number;
}

/** The pool's instance store plan: the strategy, what each type offers, and where it ends up. */
export interface InstanceStoragePlan {
  readonly strategy: Exclude<InstanceStorageStrategy, "none">;
  readonly perNode: readonly NodeInstanceStore[];
  /** What the node does with it, in words. */
  readonly layout: string;
}

/** Everything the pool's nodes get beyond the kubelet; absent parts are not set. */
export interface NodeSettingsPlan {
  readonly instanceStorage?: InstanceStoragePlan;
  readonly sysctls?: Readonly<Record<string, string>>;
  /** AL2023: the user's shell parts, by size in bytes, in order. */
  readonly preBootstrap?: readonly number[];
  /** Bottlerocket: the user's settings keys. */
  readonly bottlerocketSettings?: readonly string[];
}

function storageLayout(a: ResolvedWorkerPoolArgs, strategy: Exclude<InstanceStorageStrategy, "none">): string {
  if (a.os === "BOTTLEROCKET") return `one RAID0 array (apiclient ephemeral-storage init) with ${BOTTLEROCKET_EPHEMERAL_STORAGE.bindDirs.join(", ")} bound to it`;
  return strategy === "raid0"
    ? `one RAID0 array mounted at ${NODEADM_LOCAL_STORAGE.mountPath}/0 with ${NODEADM_LOCAL_STORAGE.bindMounts.join(", ")} bind-mounted onto it (nodeadm RAID0)`
    : `each disk mounted at ${NODEADM_LOCAL_STORAGE.mountPath}/1.. for workloads (nodeadm Mount); the kubelet and containerd stay on the root volume`;
}

/** The pool's node settings plan (empty when none is set, so pools without them plan as before). */
export function planNodeSettings(a: ResolvedWorkerPoolArgs): NodeSettingsPlan {
  const s = a.instanceStorage;
  const sysctls = Object.entries(a.kernel.sysctls);
  const { preBootstrap, bottlerocketSettings } = a.userData;
  return {
    ...(s === "none" ? {} : {
      instanceStorage: {
        strategy: s,
        perNode: a.instanceTypes.flatMap((t) => {
          const store = acceleratorFacts(t)?.instanceStore;
          return store ? [{ instanceType: t, totalGB: store.totalGB, ...(store.disks !== undefined ? { disks: store.disks } : {}) }] : [];
        }),
        layout: storageLayout(a, s),
      },
    }),
    ...(sysctls.length > 0 ? { sysctls: Object.fromEntries(sysctls.map(([k, v]): [string, string] => [k, String(v)]).sort(([x], [y]) => x.localeCompare(y))) } : {}),
    ...(preBootstrap.length > 0 ? { preBootstrap: preBootstrap.map((p) => Buffer.byteLength(p, "utf8")) } : {}),
    ...(Object.keys(bottlerocketSettings).length > 0 ? { bottlerocketSettings: Object.keys(bottlerocketSettings) } : {}),
  };
}

/** `, e.g. m6id.large` when the type's `d` variant exists with NVMe instance store. */
function storeVariantHint(t: string): string {
  const variant = t.replace(/^([a-z]+\d+[a-z]*)\./, "$1d.");
  return variant !== t && acceleratorFacts(variant)?.instanceStore?.nvme === true ? ` (e.g. ${variant})` : "";
}

function validateInstanceStorage(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const s = a.instanceStorage;
  if (s === "none") return [];
  const issues: ConfigIssue[] = [];
  if (a.os === "BOTTLEROCKET" && !BOTTLEROCKET_EPHEMERAL_STORAGE.strategies.includes(s)) {
    issues.push({ path: at, message: `Bottlerocket's ephemeral storage builds one RAID0 array (apiclient ephemeral-storage init) and cannot mount disks one by one; use raid0 or an AL2023 pool for ${s}` });
  }
  const release = a.ami.releaseVersion?.split("-")[0];
  if (a.os === "BOTTLEROCKET" && a.ami.channel === "pinned" && release !== undefined && /^\d+\.\d+\.\d+$/.test(release)
    && compareVersions(release, BOTTLEROCKET_EPHEMERAL_STORAGE.minimumRelease) < 0) {
    issues.push({ path: at, message: `Bottlerocket ${release} has no bootstrap commands or ephemeral-storage API (both from ${BOTTLEROCKET_EPHEMERAL_STORAGE.minimumRelease}); pin ${BOTTLEROCKET_EPHEMERAL_STORAGE.minimumRelease} or later` });
  }
  a.instanceTypes.forEach((t) => {
    const facts = acceleratorFacts(t);
    const store = facts?.instanceStore;
    if (facts === undefined) issues.push({ path: at, message: `${t} is not in the instance facts, so its instance store is unknown; ${s} needs every type to have NVMe instance store` });
    else if (!store) issues.push({ path: at, message: `${t} has no instance store (EC2 InstanceStorageInfo): ${s} needs local NVMe disks on every type${storeVariantHint(t)}, or set instanceStorage: none` });
    else if (!store.nvme) issues.push({ path: at, message: `${t}'s instance store is not NVMe: ${a.os === "BOTTLEROCKET" ? "Bottlerocket" : "nodeadm"} sets up NVMe instance store disks only, so ${s} would do nothing` });
  });
  return issues;
}

const INTEGER = /^-?\d+$/;

function validateSysctls(a: ResolvedWorkerPoolArgs, kubelet: KubeletPlan, at: string): ConfigIssue[] {
  const effective = effectiveKubelet({ os: a.os, kubernetesVersion: a.kubernetesVersion, plan: kubelet });
  const protect = effective.config.protectKernelDefaults === true;
  return Object.entries(a.kernel.sysctls).flatMap(([name, raw]): ConfigIssue[] => {
    const value = String(raw);
    const path = `${at}.${name}`;
    if (!isValidSysctlName(name)) return [{ path, message: `"${name}" is not a sysctl name (dotted lowercase segments, e.g. vm.max_map_count, at most 253 characters)` }];
    if (!SYSCTL_VALUE.test(value)) return [{ path, message: `${JSON.stringify(value)} is not a sysctl value: one line of letters, digits and _.,:/+=- separated by single spaces (e.g. "262144" or "4096 87380 6291456")` }];
    const expected = kubeletKernelTunable(name);
    if (expected === undefined || (INTEGER.test(value) && Number(value) === expected)) return [];
    const why = protect
      ? `the pool's kubelet runs with protectKernelDefaults: true and refuses to start unless ${name} is ${expected}`
      : `the kubelet (protectKernelDefaults: false) writes ${expected} over it at start`;
    return [{ path, message: `${why} (${KUBELET_KERNEL_TUNABLES_SOURCE}); leave it out or set ${expected}, got ${JSON.stringify(value)}` }];
  });
}

function validatePreBootstrap(a: ResolvedWorkerPoolArgs, at: string): ConfigIssue[] {
  const scripts = a.userData.preBootstrap;
  if (scripts.length > 0 && a.os === "BOTTLEROCKET") {
    return [{ path: at, message: "Bottlerocket runs no shell scripts from user data (it has no shell); use userData.bottlerocketSettings (e.g. settings.bootstrap-containers) or an AL2023 pool" }];
  }
  return scripts.flatMap((s, i): ConfigIssue[] => (s.startsWith("#!") ? [] : [{ path: `${at}[${i}]`, message: `must start with an interpreter line such as "#!/bin/bash" (cloud-init runs only text/x-shellscript parts that start with #!), got ${JSON.stringify(s.slice(0, 20))}` }]));
}

/**
 * Every problem of the pool's node settings except the Bottlerocket escape hatch (checked against the rendered
 * settings in limits.ts); `at` is the pool's path, `kubelet` its planned kubelet (whose protectKernelDefaults decides).
 */
export function validateNodeSettings(a: ResolvedWorkerPoolArgs, kubelet: KubeletPlan, at: string): ConfigIssue[] {
  const issues = [
    ...validateInstanceStorage(a, `${at}.instanceStorage`),
    ...validateSysctls(a, kubelet, `${at}.kernel.sysctls`),
    ...validatePreBootstrap(a, `${at}.userData.preBootstrap`),
  ];
  if (Object.keys(a.userData.bottlerocketSettings).length > 0 && a.os !== "BOTTLEROCKET") {
    issues.push({ path: `${at}.userData.bottlerocketSettings`, message: `only Bottlerocket reads settings; an ${a.os} pool takes userData.preBootstrap scripts` });
  }
  return issues;
}
