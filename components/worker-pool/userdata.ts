/** Chooses and feeds the user data renderer of a pool's OS. Pure. */
import { splitForBottlerocket } from "../kubelet";
import { renderBottlerocketUserData, renderAl2023Preparation, renderAl2023VolumeMounts, NodeConfigCluster, renderAl2023UserData } from "../userdata";
import type { ResolvedWorkerPoolArgs } from "./args";
import type { WorkerPoolPlan } from "./plan";

/** The user data text (not yet base64) of a pool. */
export function renderPoolUserData(a: ResolvedWorkerPoolArgs, plan: WorkerPoolPlan, cluster: NodeConfigCluster): string {
  if (a.os === "BOTTLEROCKET") {
    const split = splitForBottlerocket(plan.kubelet.config, plan.kubelet.origin);
    // SSH on Bottlerocket is the admin container's: with a key pair, enable it.
    const adminContainer = plan.access.keyName !== undefined;
    return renderBottlerocketUserData({ cluster, kubernetes: split.settings, kernelModules: plan.preparation.kernelModules, ...(adminContainer ? { adminContainer } : {}) });
  }
  const script = renderAl2023Preparation(plan.preparation);
  const mounts = renderAl2023VolumeMounts(plan.volumeMounts);
  return renderAl2023UserData({
    cluster, kubeletConfig: plan.kubelet.config, extraParts: script ? [script] : [],
    ...(mounts ? { partsBeforeNodeConfig: [mounts] } : {}),
  });
}
