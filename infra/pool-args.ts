/** One place that turns a pool's stack config into WorkerPool args (used by the program, validation and the plan). */
import { mergeKubeletOptions } from "../components/kubelet-options";
import type { ClusterConnection, PoolSubnet, WorkerPoolArgs } from "../components/worker-pool-args";
import type { PoolConfig, StackConfig } from "./stack-config";

/** The pool's args: its own, the cluster-wide kubelet defaults merged under its kubelet, and the cluster's network facts. */
export function poolArgs(config: StackConfig, pool: PoolConfig, cluster: ClusterConnection, subnets: readonly PoolSubnet[]): WorkerPoolArgs {
  return {
    ...pool.args,
    cluster,
    subnets,
    kubelet: mergeKubeletOptions(config.kubelet, pool.args.kubelet ?? {}),
    prefixDelegation: config.addons.vpcCni?.prefixDelegation,
    kubeProxy: config.addons.kubeProxy,
  };
}

/** Stand-ins for values only known after deploy; validation and the offline plan need only the AZs and versions. */
export function placeholderCluster(config: StackConfig): { cluster: ClusterConnection; subnets: PoolSubnet[] } {
  return {
    cluster: { name: config.controlPlane.name, endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: config.controlPlane.kubernetesVersion },
    subnets: config.availabilityZones.map((az) => ({ id: "", az })),
  };
}
