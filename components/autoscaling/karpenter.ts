/**
 * Karpenter: the controller (Helm release of the pinned OCI chart, Pod Identity role with the getting-started policies),
 * the node role and its EC2_LINUX access entry, the SQS interruption queue and its EventBridge rules, the discovery tags
 * on the private subnets and the cluster security group, and per karpenter pool an EC2NodeClass + NodePool per CPU band
 * (`<pool>-cpu1-3` ... `<pool>-cpu31-up`, the fixed bands its types fall in), after the controller. Wiring only: the manifests
 * come from {@link planKarpenterPool}; a GPU or Neuron pool's device plugin placement from `karpenterDevicePluginPlacement` (karpenter-pool.ts).
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, KARPENTER_TYPE } from "../core";
import { KARPENTER_CHART, KARPENTER_INTERRUPTION_QUEUE, KARPENTER_NODE_ROLE_POLICIES } from "../facts";
import type { ClusterConnection, Taint } from "../worker-pool";
import { karpenterControllerPolicy, karpenterHelmValues, karpenterInterruptionRules, karpenterValuesIssues } from "./karpenter-aws";
import { KARPENTER_DISCOVERY_TAG, amiSelectorTerms, recommendedAmiSelectorTerms } from "./karpenter-nodeclass";
import { KarpenterPoolArgs, planKarpenterPool } from "./karpenter-pool";
import type { FreezeInterval } from "./disruption-budgets";

/** Where the controller runs: its namespace and service account (the chart's defaults under release name `karpenter`). */
export const KARPENTER_NAMESPACE = "kube-system";
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";

export interface KarpenterArgs {
  readonly cluster: ClusterConnection;
  readonly kubeconfig: pulumi.Input<string>;
  readonly privateSubnetIds: readonly pulumi.Input<string>[];
  /** The pinned chart version. @default - the shipped one */
  readonly version?: string;
  /** @default true */
  readonly interruptionQueue?: boolean;
  /** Labels and taints of the managed pool the controller runs on. */
  readonly controllerPlacement: { readonly labels: Readonly<Record<string, string>>; readonly taints: readonly Taint[] };
  /** What the controller waits for: its pool's node groups, the pod identity agent. */
  readonly dependsOn: readonly pulumi.Resource[];
  /** The karpenter pools, by name. */
  readonly pools: readonly { readonly name: string; readonly args: KarpenterPoolArgs }[];
  /** @default [] */
  readonly freeze?: readonly FreezeInterval[];
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

export class Karpenter extends pulumi.ComponentResource {
  readonly nodeRole: aws.iam.Role;
  readonly release: k8s.helm.v3.Release;
  readonly queue?: aws.sqs.Queue;

  constructor(name: string, a: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(KARPENTER_TYPE, name, {}, opts);
    // The chart ships no values schema: the values' keys are checked against its values.yaml before registering.
    assertValid(a, karpenterValuesIssues({ placement: a.controllerPlacement, interruptionQueue: a.interruptionQueue !== false }, `${name}.values`));
    const tags = a.tags ?? {};
    const parent = { parent: this };
    const partition = aws.getPartitionOutput({}, parent).partition;
    this.nodeRole = new aws.iam.Role(`${name}-node`, { assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }), tags }, parent);
    const attachments = KARPENTER_NODE_ROLE_POLICIES.map((arn) => new aws.iam.RolePolicyAttachment(`${name}-node-${arn.split("/").pop() ?? ""}`, { role: this.nodeRole.name, policyArn: partition.apply((p) => arn.replace("{Partition}", p)) }, parent));
    const access = new aws.eks.AccessEntry(`${name}-node`, { clusterName: a.cluster.name, principalArn: this.nodeRole.arn, type: "EC2_LINUX", tags }, { parent: this, dependsOn: attachments });
    this.queue = a.interruptionQueue === false ? undefined : this.createQueue(name, a.cluster.name, tags);
    const discovery = [...a.privateSubnetIds, ...(a.cluster.clusterSecurityGroupId !== undefined ? [a.cluster.clusterSecurityGroupId] : [])]
      .map((id, i) => new aws.ec2.Tag(`${name}-discovery-${i}`, { resourceId: id, key: KARPENTER_DISCOVERY_TAG, value: a.cluster.name }, parent));
    const association = this.createControllerIdentity(name, a, partition, tags);
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: a.kubeconfig, enableServerSideApply: true }, parent);
    const values = pulumi.all([a.cluster.name, a.cluster.endpoint, this.queue?.name]).apply(([clusterName, clusterEndpoint, queue]) =>
      karpenterHelmValues({ clusterName, clusterEndpoint, ...(queue !== undefined ? { interruptionQueue: queue } : {}), placement: a.controllerPlacement }));
    this.release = new k8s.helm.v3.Release(`${name}-controller`, {
      name: "karpenter", chart: `${KARPENTER_CHART.repository}/${KARPENTER_CHART.chart}`, version: a.version ?? KARPENTER_CHART.version,
      namespace: KARPENTER_NAMESPACE, values,
    }, { parent: this, provider, dependsOn: [...a.dependsOn, association, access, ...discovery] });
    for (const pool of a.pools) this.createPool(name, pool, a, provider);
    this.registerOutputs({ nodeRoleArn: this.nodeRole.arn });
  }

  private createQueue(name: string, clusterName: pulumi.Input<string>, tags: Readonly<Record<string, string>>): aws.sqs.Queue {
    const queue = new aws.sqs.Queue(`${name}-interruption`, { messageRetentionSeconds: KARPENTER_INTERRUPTION_QUEUE.messageRetentionSeconds, sqsManagedSseEnabled: KARPENTER_INTERRUPTION_QUEUE.sqsManagedSse, tags: { ...tags, "karpenter.sh/discovery": clusterName } }, { parent: this });
    new aws.sqs.QueuePolicy(`${name}-interruption`, {
      queueUrl: queue.url,
      policy: queue.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Id: "EC2InterruptionPolicy", Statement: [
        { Effect: "Allow", Principal: { Service: ["events.amazonaws.com", "sqs.amazonaws.com"] }, Action: "sqs:SendMessage", Resource: arn },
        { Sid: "DenyHTTP", Effect: "Deny", Action: "sqs:*", Resource: arn, Condition: { Bool: { "aws:SecureTransport": false } }, Principal: "*" },
      ] })),
    }, { parent: this });
    for (const rule of karpenterInterruptionRules()) {
      const r = new aws.cloudwatch.EventRule(`${name}-${rule.name}`, { eventPattern: rule.eventPattern, tags }, { parent: this });
      new aws.cloudwatch.EventTarget(`${name}-${rule.name}`, { rule: r.name, arn: queue.arn }, { parent: this });
    }
    return queue;
  }

  private createControllerIdentity(name: string, a: KarpenterArgs, partition: pulumi.Output<string>, tags: Readonly<Record<string, string>>): aws.eks.PodIdentityAssociation {
    const role = new aws.iam.Role(`${name}-controller`, {
      assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }] }), tags,
    }, { parent: this });
    const region = aws.getRegionOutput({}, { parent: this }).name;
    const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const policy = new aws.iam.RolePolicy(`${name}-controller`, {
      role: role.id,
      policy: pulumi.all([partition, region, accountId, a.cluster.name, this.nodeRole.arn, this.queue?.arn]).apply(([p, r, acct, clusterName, nodeRoleArn, queueArn]) =>
        JSON.stringify(karpenterControllerPolicy({ partition: p, region: r, accountId: acct, clusterName, nodeRoleArn, ...(queueArn !== undefined ? { queueArn } : {}) }))),
    }, { parent: this });
    return new aws.eks.PodIdentityAssociation(`${name}-controller`, {
      clusterName: a.cluster.name, namespace: KARPENTER_NAMESPACE, serviceAccount: KARPENTER_SERVICE_ACCOUNT, roleArn: role.arn, tags,
    }, { parent: this, dependsOn: [policy, ...a.dependsOn] });
  }

  private createPool(name: string, pool: KarpenterArgs["pools"][number], a: KarpenterArgs, provider: k8s.Provider): void {
    const c = a.cluster;
    // The bands (their number and names) follow from the config alone; the probe fixes them and the AMI variant.
    const probe = planKarpenterPool(pool.args, { name: pool.name, clusterName: "", cluster: { name: "", apiServerEndpoint: "https://x", certificateAuthority: "", cidr: "172.20.0.0/16" }, roleName: "" }, pool.name);
    if (!probe.ok) {
      assertValid(pool.args, probe.issues);
      return;
    }
    const image = probe.pool.bands[0].plan.image;
    const parameter = image.channel === "recommended" ? image.releaseParameter : undefined;
    // The recommended channel: the release the SSM parameter names at `pulumi up`, the one the managed pools' node groups take.
    const release = parameter === undefined ? pulumi.output(undefined) : aws.ssm.getParameterOutput({ name: parameter }, { parent: this }).value;
    const planned = pulumi.all([c.name, c.endpoint, c.certificateAuthority, c.serviceCidr, this.nodeRole.name, release]).apply(([clusterName, endpoint, ca, cidr, roleName, resolved]) => {
      const pinned = resolved !== undefined && amiSelectorTerms(probe.pool.args, resolved) !== undefined;
      const r = planKarpenterPool(pool.args, { name: pool.name, clusterName, cluster: { name: clusterName, apiServerEndpoint: endpoint, certificateAuthority: ca, cidr }, roleName, freeze: a.freeze ?? [], ...(pinned ? { resolvedRelease: resolved } : {}) }, pool.name);
      if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
      if (resolved === undefined || pinned) return r.pool.bands;
      // Not a release (offline: the parameter's labelled stand-in): carried as it is, so Karpenter never follows @latest.
      const terms = recommendedAmiSelectorTerms(probe.pool.args, resolved);
      return r.pool.bands.map((b) => ({ ...b, nodeClass: { ...b.nodeClass, spec: { ...b.nodeClass.spec, amiSelectorTerms: terms } } }));
    });
    probe.pool.bands.forEach((band, i) => {
      const nodeClass = new k8s.apiextensions.CustomResource(`${name}-${band.name}-nodeclass`, {
        apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: band.name }, spec: planned.apply((bands) => bands[i].nodeClass.spec),
      }, { parent: this, provider, dependsOn: [this.release] });
      new k8s.apiextensions.CustomResource(`${name}-${band.name}-nodepool`, {
        apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: band.name }, spec: planned.apply((bands) => bands[i].nodePool.spec),
      }, { parent: this, provider, dependsOn: [this.release, nodeClass] });
    });
  }
}
