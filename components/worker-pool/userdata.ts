/** Chooses and feeds the user data renderer of a pool's OS. Pure. */
import { splitForBottlerocket } from "../kubelet";
import {
  renderBottlerocketUserData, renderAl2023Preparation, NodeConfigCluster, renderAl2023UserData, EffectiveContainerRuntime, effectiveContainerRuntime,
  bottlerocketContainerSettings, renderContainerdFragment, renderRegistryHostsPart,
} from "../userdata";
import type { ResolvedWorkerPoolArgs } from "./args";
import type { WorkerPoolPlan } from "./plan";

/** The pool's container runtime as its nodes run it (a pinned AMI release picks its containerd). */
export function poolContainerRuntime(a: ResolvedWorkerPoolArgs): EffectiveContainerRuntime {
  const releaseVersion = a.ami.channel === "pinned" ? a.ami.releaseVersion : undefined;
  return effectiveContainerRuntime({ os: a.os, kubernetesVersion: a.kubernetesVersion, releaseVersion, options: a.containerRuntime });
}

/** The user data text (not yet base64) of a pool. */
export function renderPoolUserData(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): string {
  if (a.os === "BOTTLEROCKET") {
    const split = splitForBottlerocket(plan.kubelet.config, plan.kubelet.origin);
    // SSH on Bottlerocket is the admin container's: with a key pair, enable it.
    const adminContainer = plan.access.keyName !== undefined;
    const containerSettings = bottlerocketContainerSettings(a.containerRuntime, poolContainerRuntime(a).mirrors);
    return renderBottlerocketUserData({
      cluster, kubernetes: split.settings, kernelModules: plan.preparation.kernelModules, ...(adminContainer ? { adminContainer } : {}),
      ...(Object.keys(containerSettings).length > 0 ? { containerSettings } : {}),
    });
  }
  const script = renderAl2023Preparation(plan.preparation);
  const runtime = poolContainerRuntime(a);
  const containerdConfig = renderContainerdFragment(a.containerRuntime, runtime.containerd?.configVersion ?? 3);
  const hosts = renderRegistryHostsPart(runtime.mirrors);
  const extraParts = [script, hosts].filter((p) => p !== undefined);
  return renderAl2023UserData({ cluster, kubeletConfig: plan.kubelet.config, extraParts, ...(containerdConfig !== undefined ? { containerdConfig } : {}) });
}
