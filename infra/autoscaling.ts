/** `workerpools:autoscaling` → the Cluster Autoscaler: its validation against the pools, and its wiring to them. */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { ConfigIssue } from "../components/core";
import { ClusterAutoscaler, autoscalerPoolArgs, validateClusterAutoscaler } from "../components/autoscaling";
import { WORKER_POOL_DEFAULTS } from "../components/worker-pool";
import type { WorkerPool } from "../components/worker-pool";
import type { Addons } from "../components/addons";
import type { StackConfig } from "./stack-config";

/** The config path of the autoscaler's options. */
export const CLUSTER_AUTOSCALER_PATH = "workerpools:autoscaling.clusterAutoscaler";

/**
 * The options against the managed pools (`poolIndex[i]`: the config index of `config.pools[i]`): the autoscaler
 * discovers Auto Scaling groups, which only managed pools have (a karpenter pool has no node group, so no pool is
 * scaled by both), and runs on a managed pool. Needs every pool, so the caller runs it only when the pools' shape is
 * complete.
 */
export function clusterAutoscalerIssues(config: StackConfig, poolIndex: readonly number[]): ConfigIssue[] {
  const o = config.autoscaling.clusterAutoscaler;
  const managed = config.pools.map((p, i) => ({ p, i })).filter(({ p }) => p.provisioner === "managed");
  const pools = managed.map(({ p }) => ({ name: p.name, scaling: p.args.scaling ?? WORKER_POOL_DEFAULTS.scaling }));
  const karpenter = config.pools.find((p) => p.provisioner === "karpenter" && p.name === o.pool);
  if (o.enabled && karpenter) {
    return [{ path: `${CLUSTER_AUTOSCALER_PATH}.pool`, message: `pool "${o.pool}" is a karpenter pool; the Cluster Autoscaler runs on a managed pool (provisioner: managed)` }];
  }
  return validateClusterAutoscaler(o, pools, config.controlPlane.kubernetesVersion, {
    at: CLUSTER_AUTOSCALER_PATH, pool: (j) => `workerpools:pools[${poolIndex[managed[j].i]}]`,
  });
}

/** The Cluster Autoscaler when enabled: after the node groups of its pool, through the addons' Kubernetes provider. */
export function createClusterAutoscaler(config: StackConfig, clusterName: pulumi.Input<string>, pools: readonly WorkerPool[], addons: Addons): ClusterAutoscaler | undefined {
  const o = config.autoscaling.clusterAutoscaler;
  if (!o.enabled) return undefined;
  return new ClusterAutoscaler("cluster-autoscaler", {
    clusterName,
    region: aws.getRegionOutput().region,
    kubernetesVersion: config.controlPlane.kubernetesVersion,
    options: o,
    pools: pools.map(autoscalerPoolArgs),
    provider: addons.kubernetesProvider(),
    podIdentityAgent: addons.nodeBootstrap,
    tags: config.tags,
  });
}
