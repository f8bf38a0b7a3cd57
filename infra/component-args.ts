/** One place that turns stack config into component args (used by the program, validation and the plan). */
import * as pulumi from "@pulumi/pulumi";
import { AddonsArgs, PoolPlacement, cniIdentity, perAccelerator, resolveCni, vpcCniInstalled } from "../components/addons";
import { mergeKubeletOptions } from "../components/kubelet";
import { isEmptyContainerRuntime, mergeContainerRuntimeOptions } from "../components/userdata";
import type { ClusterConnection, PoolSubnet, WorkerPoolArgs } from "../components/worker-pool";
import { mergeTenantPlacement } from "../components/tenants";
import type { PoolConfig, StackConfig } from "./stack-config";

/**
 * The pool's args: its own, the stack tags under its tags, the cluster-wide kubelet defaults merged under its kubelet,
 * and the cluster's network facts.
 */
export function poolArgs(config: StackConfig, pool: PoolConfig, cluster: ClusterConnection, subnets: readonly PoolSubnet[]): WorkerPoolArgs {
  return {
    ...pool.args,
    cluster,
    subnets,
    tags: { ...config.tags, ...pool.args.tags },
    kubelet: mergeKubeletOptions(config.kubelet, pool.args.kubelet ?? {}),
    ...runtimeArgs(config, pool),
    ...cniArgs(config),
    ...tenantPlacement(config, pool),
    podSecurityGroups: config.addons.vpcCni?.podSecurityGroups,
    kubeProxy: config.addons.kubeProxy,
    devicePlugins: perAccelerator((row) => config.addons[row.key]?.enabled !== false),
  };
}

/**
 * What the CNI changes on a pool: vpc-cni's prefix delegation and custom networking only while vpc-cni does IPAM (not
 * under Cilium's ENI IPAM, whose max pods is the plain ENI formula); Cilium's startup taint; the CNI's name, which tags the nodes (a change of CNI replaces them).
 */
function cniArgs(config: StackConfig): Pick<WorkerPoolArgs, "prefixDelegation" | "customNetworking" | "ciliumAgentNotReadyTaint" | "cni"> {
  const cni = resolveCni(config.addons.cni, "");
  const vpcCni = vpcCniInstalled(cni);
  return {
    prefixDelegation: vpcCni ? config.addons.vpcCni?.prefixDelegation : false,
    customNetworking: vpcCni && config.addons.vpcCni?.customNetworking !== undefined,
    ciliumAgentNotReadyTaint: cni.provider === "cilium",
    ...(cni.provider === "vpc-cni" ? {} : { cni: cniIdentity(cni) }),
  };
}

/** The label and taint `tenant=<name>` over a dedicated pool's own (conflicts are refused by infra/tenant-checks.ts). */
function tenantPlacement(config: StackConfig, pool: PoolConfig): Pick<WorkerPoolArgs, "labels" | "taints"> {
  const tenant = config.tenants.find((t) => t.pool === pool.name);
  if (!tenant) return {};
  const { labels, taints } = mergeTenantPlacement(pool.args, tenant.name, "");
  return { labels, taints };
}

/** The pool's container runtime over the stack-wide one; no key at all when neither sets anything. */
function runtimeArgs(config: StackConfig, pool: PoolConfig): Pick<WorkerPoolArgs, "containerRuntime"> {
  const merged = mergeContainerRuntimeOptions(config.containerRuntime, pool.args.containerRuntime ?? {});
  return isEmptyContainerRuntime(merged) ? {} : { containerRuntime: merged };
}

/**
 * Stand-ins for values only known after deploy; validation and the offline plan need only the AZs and versions (the
 * cluster security group and VPC only as "known at deploy").
 */
export function placeholderCluster(config: StackConfig): { cluster: ClusterConnection; subnets: PoolSubnet[] } {
  return {
    cluster: {
      name: config.controlPlane.name, endpoint: "", certificateAuthority: "", serviceCidr: "", kubernetesVersion: config.controlPlane.kubernetesVersion,
      clusterSecurityGroupId: "", vpcId: "",
    },
    subnets: config.availabilityZones.map((az) => ({ id: "", az })),
  };
}

/** The pool CoreDNS is placed on, as labels and taints. */
export function corednsPlacement(config: StackConfig): PoolPlacement | undefined {
  const pool = config.pools.find((p) => p.name === config.addons.coredns?.pool);
  return pool ? { labels: pool.args.labels ?? {}, taints: pool.args.taints ?? [] } : undefined;
}

/** The Addons args for the cluster (name and kubeconfig are Outputs in the program, placeholders in validation). */
export function addonsArgs(config: StackConfig, clusterName: pulumi.Input<string>, kubeconfig: pulumi.Input<string>): AddonsArgs {
  return {
    ...config.addons,
    tags: config.tags,
    clusterName,
    kubeconfig,
    kubernetesVersion: config.controlPlane.kubernetesVersion,
    corednsPlacement: corednsPlacement(config),
  };
}
