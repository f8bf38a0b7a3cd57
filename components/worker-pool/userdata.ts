/** Chooses and feeds the user data renderer of a pool's OS. Pure. */
import { parse as parseToml } from "smol-toml";
import { MimePart, isRecord } from "../core";
import { KubeletConfigFields, splitForBottlerocket, toNodeTaints } from "../kubelet";
import {
  NodeConfigCluster, EffectiveContainerRuntime, bottlerocketContainerSettings, bottlerocketEphemeralStorage, bottlerocketSettingsTable, clusterDnsIp,
  effectiveContainerRuntime, nodeConfigInstance, renderAl2023Preparation, renderAl2023SysctlPart, renderAl2023UserData, renderAl2023VolumeMounts,
  renderBottlerocketUserData, renderContainerdFragment, renderPreBootstrapParts, renderRegistryHostsPart,
} from "../userdata";
import type { ResolvedWorkerPoolArgs, Taint } from "./args";
import type { CustomImageBootstrap } from "./image";
import type { WorkerPoolPlan } from "./plan";

/** The pool's container runtime as its nodes run it (a pinned AMI release picks its containerd). */
export function poolContainerRuntime(a: ResolvedWorkerPoolArgs): EffectiveContainerRuntime {
  const releaseVersion = a.ami.channel === "pinned" ? a.ami.releaseVersion : undefined;
  return effectiveContainerRuntime({ os: a.os, kubernetesVersion: a.kubernetesVersion, releaseVersion, options: a.containerRuntime });
}

/** A taint as the kubelet's `registerWithTaints` holds it. */
interface KubeletTaint { readonly key: string; readonly value: string; readonly effect: string }

/** The pool's taints, then those of the kubelet's own `registerWithTaints` (a kubelet flag replaces the config field). */
function taintsToRegister(taints: readonly Taint[], config: KubeletConfigFields): KubeletTaint[] {
  const own = Array.isArray(config.registerWithTaints) ? config.registerWithTaints : [];
  const fromConfig = own.flatMap((t: unknown): KubeletTaint[] => (isRecord(t) && typeof t.key === "string" && typeof t.effect === "string"
    ? [{ key: t.key, value: typeof t.value === "string" ? t.value : "", effect: t.effect }] : []));
  const pool = taints.map((t) => ({ key: t.key, value: t.value ?? "", effect: t.effect }));
  return [...pool, ...fromConfig].filter((t, i, all) => all.findIndex((o) => o.key === t.key && o.effect === t.effect) === i);
}

/**
 * Kubelet flags of a custom image's NodeConfig: the node labels and taints EKS's merged bootstrap would have passed
 * (`--node-labels`, `--register-with-taints`), keys sorted so equal pools render byte-identically.
 */
export function customImageKubeletFlags(bootstrap: CustomImageBootstrap, config: KubeletConfigFields): string[] {
  const labels = Object.entries(bootstrap.nodeLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`);
  const taints = taintsToRegister(bootstrap.taints, config).map((t) => `${t.key}=${t.value}:${t.effect}`);
  return [
    ...(labels.length > 0 ? [`--node-labels=${labels.join(",")}`] : []),
    ...(taints.length > 0 ? [`--register-with-taints=${taints.join(",")}`] : []),
  ];
}

/** Bottlerocket `settings.kubernetes` keys a custom image needs beyond the cluster connection and the kubelet's. */
function customBottlerocketSettings(bootstrap: CustomImageBootstrap, config: KubeletConfigFields, cidr: string): Record<string, unknown> {
  const taints = toNodeTaints(taintsToRegister(bootstrap.taints, config));
  const dns = clusterDnsIp(cidr);
  return {
    ...(dns !== undefined ? { "cluster-dns-ip": dns } : {}),
    "node-labels": { ...bootstrap.nodeLabels },
    ...("value" in taints && isRecord(taints.value) && Object.keys(taints.value).length > 0 ? { "node-taints": taints.value } : {}),
  };
}

function renderBottlerocket(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster, extras: boolean): string {
  const custom = plan.image.channel === "custom" ? plan.image.bootstrap : undefined;
  const config = plan.kubelet.config;
  const split = splitForBottlerocket(config, plan.kubelet.origin);
  const kubernetes = custom ? { ...split.settings, ...customBottlerocketSettings(custom, config, cluster.cidr) } : split.settings;
  // SSH on Bottlerocket is the admin container's: with a key pair, enable it.
  const adminContainer = plan.access.keyName !== undefined;
  const containerSettings = bottlerocketContainerSettings(a.containerRuntime, poolContainerRuntime(a).mirrors);
  const storage = bottlerocketEphemeralStorage(a.instanceStorage);
  const extra = extras ? a.userData.bottlerocketSettings : {};
  return renderBottlerocketUserData({
    cluster, kubernetes, kernelModules: plan.preparation.kernelModules, ...(adminContainer ? { adminContainer } : {}),
    ...(Object.keys(containerSettings).length > 0 ? { containerSettings } : {}),
    ...(Object.keys(a.kernel.sysctls).length > 0 ? { sysctls: a.kernel.sysctls } : {}),
    ...(storage ? { bootstrapCommands: storage } : {}),
    ...(Object.keys(extra).length > 0 ? { extraSettings: bottlerocketSettingsTable(extra) } : {}),
  });
}

/**
 * The user data text (not yet base64) of a pool. AL2023 parts: the extra volumes' mount script, our sysctl script,
 * the IPVS script, the user's `preBootstrap` scripts, then the NodeConfig, then the registry hosts cloud-config; a pool
 * whose only script is the IPVS one keeps it after the NodeConfig, where it always was (unchanged user data, so no node
 * replaced on upgrade). A custom image gets the complete bootstrap (EKS merges nothing into it): on AL2023 the node
 * labels and taints as kubelet flags; on Bottlerocket cluster-dns-ip, node-labels and node-taints.
 */
export function renderPoolUserData(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): string {
  if (a.os === "BOTTLEROCKET") return renderBottlerocket(a, plan, cluster, true);
  const custom = plan.image.channel === "custom" ? plan.image.bootstrap : undefined;
  const config = plan.kubelet.config;
  const ipvs = renderAl2023Preparation(plan.preparation);
  const mounts = renderAl2023VolumeMounts(plan.volumeMounts);
  const sysctls = renderAl2023SysctlPart(a.kernel.sysctls);
  const pre = renderPreBootstrapParts(a.userData.preBootstrap);
  const before = [mounts, sysctls].filter((p): p is MimePart => p !== undefined);
  const ipvsFirst = before.length > 0 || pre.length > 0;
  const partsBeforeNodeConfig = [...before, ...(ipvsFirst && ipvs ? [ipvs] : []), ...pre];
  const runtime = poolContainerRuntime(a);
  const containerdConfig = renderContainerdFragment(a.containerRuntime, runtime.containerd?.configVersion ?? 3);
  const hosts = renderRegistryHostsPart(runtime.mirrors);
  const extraParts = [ipvsFirst ? undefined : ipvs, hosts].filter((p): p is MimePart => p !== undefined);
  const kubeletFlags = custom ? customImageKubeletFlags(custom, config) : [];
  const instance = nodeConfigInstance(a.instanceStorage);
  return renderAl2023UserData({
    cluster, kubeletConfig: config, extraParts,
    ...(partsBeforeNodeConfig.length > 0 ? { partsBeforeNodeConfig } : {}),
    ...(containerdConfig !== undefined ? { containerdConfig } : {}), ...(kubeletFlags.length > 0 ? { kubeletFlags } : {}),
    ...(instance ? { instance } : {}),
  });
}

/** Bottlerocket: the `settings` table we render for the pool without the user's escape hatch (what it must not touch). */
export function ourBottlerocketSettings(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): Record<string, unknown> {
  // `mount` has no Bottlerocket form (refused by validation): checked as if the pool set no instance storage.
  const pool = a.instanceStorage === "mount" ? { ...a, instanceStorage: "none" as const } : a;
  const settings = parseToml(renderBottlerocket(pool, plan, cluster, false)).settings;
  return isRecord(settings) ? settings : {};
}
