/** Chooses and feeds the user data renderer of a pool's OS. Pure. */
import { parse as parseToml } from "smol-toml";
import { MimePart, isRecord } from "../core";
import { splitForBottlerocket } from "../kubelet";
import {
  NodeConfigCluster, bottlerocketEphemeralStorage, bottlerocketSettingsTable, nodeConfigInstance, renderAl2023Preparation, renderAl2023SysctlPart,
  renderAl2023UserData, renderBottlerocketUserData, renderPreBootstrapParts,
} from "../userdata";
import type { ResolvedWorkerPoolArgs } from "./args";
import type { WorkerPoolPlan } from "./plan";

function renderBottlerocket(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster, extras: boolean): string {
  const split = splitForBottlerocket(plan.kubelet.config, plan.kubelet.origin);
  // SSH on Bottlerocket is the admin container's: with a key pair, enable it.
  const adminContainer = plan.access.keyName !== undefined;
  const storage = bottlerocketEphemeralStorage(a.instanceStorage);
  const extra = extras ? a.userData.bottlerocketSettings : {};
  return renderBottlerocketUserData({
    cluster, kubernetes: split.settings, kernelModules: plan.preparation.kernelModules, ...(adminContainer ? { adminContainer } : {}),
    ...(Object.keys(a.kernel.sysctls).length > 0 ? { sysctls: a.kernel.sysctls } : {}),
    ...(storage ? { bootstrapCommands: storage } : {}),
    ...(Object.keys(extra).length > 0 ? { extraSettings: bottlerocketSettingsTable(extra) } : {}),
  });
}

/**
 * The user data text (not yet base64) of a pool. AL2023 parts: our sysctl script, the IPVS script, the user's
 * `preBootstrap` scripts, then the NodeConfig; a pool with only the IPVS script keeps it after the NodeConfig, where it
 * always was (unchanged user data, so no node replaced on upgrade).
 */
export function renderPoolUserData(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): string {
  if (a.os === "BOTTLEROCKET") return renderBottlerocket(a, plan, cluster, true);
  const ipvs = renderAl2023Preparation(plan.preparation);
  const sysctls = renderAl2023SysctlPart(a.kernel.sysctls);
  const pre = renderPreBootstrapParts(a.userData.preBootstrap);
  const ours = [sysctls, ipvs].filter((p): p is MimePart => p !== undefined);
  const scripts = sysctls !== undefined || pre.length > 0 ? { scriptParts: [...ours, ...pre] } : { extraParts: ours };
  const instance = nodeConfigInstance(a.instanceStorage);
  return renderAl2023UserData({ cluster, kubeletConfig: plan.kubelet.config, ...scripts, ...(instance ? { instance } : {}) });
}

/** Bottlerocket: the `settings` table we render for the pool without the user's escape hatch (what it must not touch). */
export function ourBottlerocketSettings(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): Record<string, unknown> {
  // `mount` has no Bottlerocket form (refused by validation): checked as if the pool set no instance storage.
  const pool = a.instanceStorage === "mount" ? { ...a, instanceStorage: "none" as const } : a;
  const settings = parseToml(renderBottlerocket(pool, plan, cluster, false)).settings;
  return isRecord(settings) ? settings : {};
}
