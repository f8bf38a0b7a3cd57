/**
 * ClusterAutoscaler: the `cluster-autoscaler` Helm release with its EKS Pod Identity role (the documented policy,
 * scaling scoped by the discovery tags) and, with the priority expander, its ConfigMap. Wiring only; everything it
 * registers is rendered by cluster-autoscaler-plan.ts.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, CLUSTER_AUTOSCALER_TYPE } from "../core";
import { POD_IDENTITY_TRUST_POLICY } from "../addons";
import { EKS_TAINT_EFFECT, nodeGroupResourceName } from "../worker-pool";
import type { WorkerPool } from "../worker-pool";
import { ClusterAutoscalerOptions, resolveClusterAutoscalerOptions } from "./cluster-autoscaler-args";
import {
  AutoscalerPool, CLUSTER_AUTOSCALER_NAMESPACE, CLUSTER_AUTOSCALER_RELEASE, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT, ClusterAutoscalerPlan,
  PRIORITY_EXPANDER_CONFIGMAP, planClusterAutoscaler, renderClusterAutoscalerPolicy, renderClusterAutoscalerValues, renderPriorities,
  validateClusterAutoscaler,
} from "./cluster-autoscaler-plan";
import { clusterAutoscalerValuesIssues } from "./cluster-autoscaler-values";

/** A pool as the component takes it: the plain pool, its EKS node group names and its node group resources. */
export interface ClusterAutoscalerPoolArgs {
  readonly pool: AutoscalerPool;
  readonly nodeGroupNames: pulumi.Input<string[]>;
  readonly nodeGroups: readonly pulumi.Resource[];
}

const kubernetesEffect = (eks: string): string => Object.entries(EKS_TAINT_EFFECT).find(([, v]) => v === eks)?.[0] ?? eks;

/** A {@link WorkerPool} as the autoscaler takes it: its planned node groups and sizes, its taints, its node groups. */
export function autoscalerPoolArgs(pool: WorkerPool): ClusterAutoscalerPoolArgs {
  const groups = pool.plan.nodeGroups;
  return {
    pool: {
      name: pool.poolName,
      layout: groups.some((g) => g.suffix !== "") ? "per-zone" : "spread",
      scaling: groups.reduce((s, g) => ({ min: s.min + g.scaling.min, max: s.max + g.scaling.max }), { min: 0, max: 0 }),
      nodeGroups: groups.map((g) => ({ name: nodeGroupResourceName(pool.poolName, g.suffix), min: g.scaling.min, max: g.scaling.max })),
      // The plan spells effects as the EKS API does; tolerations take Kubernetes' spelling.
      taints: pool.plan.taints.map((t) => ({ ...t, effect: kubernetesEffect(t.effect) })),
    },
    nodeGroupNames: pool.nodeGroupNames,
    nodeGroups: pool.nodeGroups,
  };
}

/** Arguments of {@link ClusterAutoscaler}. */
export interface ClusterAutoscalerArgs {
  readonly clusterName: pulumi.Input<string>;
  /** The region of the cluster's Auto Scaling groups (the chart's `awsRegion`). */
  readonly region: pulumi.Input<string>;
  /** The cluster's Kubernetes minor (`version: auto` follows it). */
  readonly kubernetesVersion: string;
  /** @default - {@link CLUSTER_AUTOSCALER_DEFAULTS}, on the first pool */
  readonly options?: ClusterAutoscalerOptions;
  /** Every managed pool, in config order (the priority expander's order). */
  readonly pools: readonly ClusterAutoscalerPoolArgs[];
  /** The platform's Kubernetes provider. */
  readonly provider: k8s.Provider;
  /** What the Pod Identity association waits for (the eks-pod-identity-agent addon). @default [] */
  readonly podIdentityAgent?: readonly pulumi.Resource[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The Cluster Autoscaler; installed after the node groups of the pool it runs on. */
export class ClusterAutoscaler extends pulumi.ComponentResource {
  readonly plan: ClusterAutoscalerPlan;
  readonly release: k8s.helm.v3.Release;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CLUSTER_AUTOSCALER_TYPE, name, {}, opts);
    const pools = args.pools.map((p) => p.pool);
    const o = { ...resolveClusterAutoscalerOptions(args.options, pools.map((p) => p.name)), enabled: true };
    assertValid(o, validateClusterAutoscaler(o, pools, args.kubernetesVersion, { at: name, pool: (i) => `${name}.pools[${i}]` }));
    this.plan = planClusterAutoscaler(o, pools, args.kubernetesVersion);
    const own = args.pools.find((p) => p.pool.name === o.pool);
    if (own === undefined) throw new Error(`${name}: no pool ${o.pool} (validation should have refused it)`);
    // The chart ships no values schema: the values' keys and flags are checked against the chart's before registering.
    assertValid(this.plan, clusterAutoscalerValuesIssues(this.plan, own.pool, `${name}.values`));
    const tags = args.tags ?? {};
    const role = new aws.iam.Role(name, {
      description: "Cluster Autoscaler (EKS Pod Identity)",
      assumeRolePolicy: POD_IDENTITY_TRUST_POLICY,
      tags,
    }, { parent: this });
    const policy = new aws.iam.RolePolicy(name, {
      role: role.name,
      policy: pulumi.output(args.clusterName).apply((c) => JSON.stringify(renderClusterAutoscalerPolicy(c))),
    }, { parent: this });
    const association = new aws.eks.PodIdentityAssociation(name, {
      clusterName: args.clusterName,
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
      roleArn: role.arn,
      tags,
    }, { parent: this, dependsOn: [policy, ...(args.podIdentityAgent ?? [])] });
    this.roleArn = role.arn;
    const waitFor: pulumi.Resource[] = [association, ...own.nodeGroups, ...this.priorities(name, args)];
    const values = pulumi.all([args.clusterName, args.region, own.nodeGroupNames]).apply(([clusterName, region, names]) =>
      renderClusterAutoscalerValues(this.plan, { clusterName, region, poolNodeGroupNames: names, poolTaints: own.pool.taints }));
    this.release = new k8s.helm.v3.Release(name, {
      name: CLUSTER_AUTOSCALER_RELEASE,
      chart: this.plan.chart,
      repositoryOpts: { repo: this.plan.repository },
      version: this.plan.chartVersion,
      namespace: CLUSTER_AUTOSCALER_NAMESPACE,
      values,
    }, { parent: this, provider: args.provider, dependsOn: waitFor });
    this.registerOutputs({ roleArn: this.roleArn, chartVersion: this.plan.chartVersion });
  }

  /** The priority expander's ConfigMap (none with `least-waste`), matching each pool's node groups by their ASG names. */
  private priorities(name: string, args: ClusterAutoscalerArgs): k8s.core.v1.ConfigMap[] {
    if (this.plan.priorities.length === 0) return [];
    const names = pulumi.all(args.pools.map((p) => pulumi.output(p.nodeGroupNames).apply((n) => [p.pool.name, n] as const)));
    const data = names.apply((entries) => ({ priorities: renderPriorities(this.plan.priorities, Object.fromEntries(entries)) }));
    return [new k8s.core.v1.ConfigMap(`${name}-priorities`, {
      metadata: { name: PRIORITY_EXPANDER_CONFIGMAP, namespace: CLUSTER_AUTOSCALER_NAMESPACE },
      data,
    }, { parent: this, provider: args.provider })];
  }
}
