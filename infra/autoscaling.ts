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
 * Pools Karpenter manages. The Karpenter hook: there is no Karpenter yet, so none; once `provisioner: karpenter`
 * exists, return those pools here and {@link clusterAutoscalerIssues} refuses any the Cluster Autoscaler also discovers.
 */
export const karpenterPools = (_config: StackConfig): string[] => [];

/**
 * The options against the pools (`poolIndex[i]`: the config index of `config.pools[i]`). Needs every pool, so the
 * caller runs it only when the pools' shape is complete.
 */
export function clusterAutoscalerIssues(config: StackConfig, poolIndex: readonly number[]): ConfigIssue[] {
  const pools = config.pools.map((p) => ({ name: p.name, scaling: p.args.scaling ?? WORKER_POOL_DEFAULTS.scaling }));
  return validateClusterAutoscaler(config.autoscaling.clusterAutoscaler, pools, config.controlPlane.kubernetesVersion, {
    at: CLUSTER_AUTOSCALER_PATH, pool: (i) => `workerpools:pools[${poolIndex[i]}]`,
  }, karpenterPools(config));
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
