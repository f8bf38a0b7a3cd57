/** WorkerPool: one EKS managed node group per placement, sharing one launch template. Wiring only. */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amiReleaseSsmParameter, amiTypeFor } from "./ami";
import { assertValid } from "../core";
import { renderPoolUserData } from "./userdata";
import { validateWorkerPool } from "./validate";
import { validateUserDataBytes } from "./limits";
import { NODE_ROLE_POLICIES, WorkerPoolPlan, autoscalerNodeTemplateTags, planWorkerPool, poolTags } from "./plan";
import { nodeGroupResourceName } from "./zone-spread";
import { NodeSecurityGroup, SSH_PORT } from "./security-groups";
import { ResolvedWorkerPoolArgs, WorkerPoolArgs, resolveWorkerPoolArgs } from "./args";
import { planAccelerator } from "./accelerator";
import type { AcceleratedPoolPlacement } from "../addons";

/**
 * A multi-AZ pool of EKS managed nodes: `aws.ec2.LaunchTemplate` (IMDSv2, encrypted volumes, rendered kubelet user
 * data; no SSH key unless `remoteAccess`, and the cluster security group listed first whenever it lists security
 * groups) and one `aws.eks.NodeGroup` (`spread`) or one per AZ (`per-zone`),
 * plus, for node groups that can scale to zero, Cluster Autoscaler node-template tags on their Auto Scaling group,
 * and, with `remoteAccess.sourceSecurityGroupIds`, an `aws.ec2.SecurityGroup` admitting tcp/22 from those groups.
 * `opts.dependsOn` is forwarded to the node groups, so callers can order pools after the CNI addon
 * or after an earlier patching wave. Node groups also wait for the node role's policy attachments
 * (through `nodeRoleArn`), so nodes never start, and node groups are never deleted, without them.
 */
export class WorkerPool extends pulumi.ComponentResource {
  /** The node groups, in AZ order for `per-zone`. */
  readonly nodeGroups: aws.eks.NodeGroup[];
  /** EKS node group names. */
  readonly nodeGroupNames: pulumi.Output<string[]>;
  /** The pool's launch template. */
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  /** The pool's SSH security group (only with `remoteAccess.sourceSecurityGroupIds`). */
  readonly sshSecurityGroup?: aws.ec2.SecurityGroup;
  /** Node IAM role ARN. */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The pure plan this pool was built from (kubelet fields, placements). */
  readonly plan: WorkerPoolPlan;
  /** The pool name (the component's resource name). */
  readonly poolName: string;
  /**
   * Where the platform's device plugin for this pool's accelerator runs (pass it to `Addons.installAfterNodes`): set
   * only for a pool whose AMI ships none (AL2023 NVIDIA, Neuron) with that plugin on in `devicePlugins`.
   */
  readonly devicePluginPlacement?: AcceleratedPoolPlacement<pulumi.Input<string>>;

  constructor(name: string, args: WorkerPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workerpools:index:WorkerPool", name, {}, opts);
    const a = resolveWorkerPoolArgs(args);
    assertValid(a, validateWorkerPool(a, name));
    this.poolName = name;
    this.plan = planWorkerPool(a, name);
    this.nodeRoleArn = a.nodeRoleArn !== undefined ? pulumi.output(a.nodeRoleArn) : this.createNodeRole(name);
    const ssh = this.plan.access.ssh;
    this.sshSecurityGroup = ssh ? this.createSshSecurityGroup(name, a, ssh.sourceSecurityGroupIds) : undefined;
    this.launchTemplate = this.createLaunchTemplate(name, a);
    this.nodeGroups = this.plan.nodeGroups.map((placement) =>
      this.createNodeGroup(name, a, placement.suffix, placement, opts?.dependsOn),
    );
    this.nodeGroups.forEach((g, i) => {
      const placement = this.plan.nodeGroups[i];
      // Cluster Autoscaler reads labels and taints from running nodes; it needs the tags only to scale up from zero.
      if (placement.scaling.min === 0) this.tagAutoScalingGroup(g, nodeGroupResourceName(name, placement.suffix), a);
    });
    this.nodeGroupNames = pulumi.all(this.nodeGroups.map((g) => g.nodeGroupName));
    const accelerator = planAccelerator(a);
    if (accelerator.devicePlugin === "platform" && accelerator.kind !== "none") {
      this.devicePluginPlacement = { accelerator: accelerator.kind, nodeGroupNames: this.nodeGroups.map((g) => g.nodeGroupName), taints: a.taints };
    }
    this.registerOutputs({ nodeGroupNames: this.nodeGroupNames, launchTemplateId: this.launchTemplate.id });
  }

  /** The node role; its ARN resolves only once every policy is attached. */
  private createNodeRole(name: string): pulumi.Output<string> {
    const role = new aws.iam.Role(`${name}-node`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      description: `EKS worker nodes of pool ${name}`,
    }, { parent: this });
    const attachments = NODE_ROLE_POLICIES.map((policyArn) =>
      new aws.iam.RolePolicyAttachment(`${name}-node-${policyArn.split("/").pop() ?? policyArn}`, { role: role.name, policyArn }, { parent: this }));
    return pulumi.all([role.arn, ...attachments.map((x) => x.id)]).apply(([arn]) => arn);
  }

  /** Node-template tags on the node group's Auto Scaling group (EKS does not copy node group tags there). */
  private tagAutoScalingGroup(group: aws.eks.NodeGroup, groupName: string, a: ResolvedWorkerPoolArgs): void {
    const asgName = group.resources.apply((r) => r[0]?.autoscalingGroups?.[0]?.name ?? "");
    Object.entries(autoscalerNodeTemplateTags(a.labels, a.taints)).forEach(([key, value]) => {
      // Named by the tag key's hash: stable when other labels or taints come and go.
      new aws.autoscaling.Tag(`${groupName}-asg-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`, {
        autoscalingGroupName: asgName,
        tag: { key, value, propagateAtLaunch: false },
      }, { parent: this });
    });
  }

  /** A security group in the cluster's VPC admitting tcp/22 from each source group; the nodes' other traffic is the cluster group's. */
  private createSshSecurityGroup(name: string, a: ResolvedWorkerPoolArgs, sources: readonly string[]): aws.ec2.SecurityGroup {
    const tags = { ...a.tags, ...poolTags(name, a.layout) };
    const group = new aws.ec2.SecurityGroup(`${name}-ssh`, {
      vpcId: a.cluster.vpcId,
      description: `SSH (tcp/${SSH_PORT}) to the nodes of worker pool ${name}`,
      tags,
    }, { parent: this });
    for (const source of sources) {
      new aws.vpc.SecurityGroupIngressRule(`${name}-ssh-${source}`, {
        securityGroupId: group.id,
        ipProtocol: "tcp",
        fromPort: SSH_PORT,
        toPort: SSH_PORT,
        referencedSecurityGroupId: source,
        description: `SSH from ${source}`,
        tags,
      }, { parent: this });
    }
    return group;
  }

  /** The launch template's security group ids, in the planned order (validation made sure the cluster's is known). */
  private securityGroupIds(groups: readonly NodeSecurityGroup[], a: ResolvedWorkerPoolArgs): pulumi.Input<string>[] {
    return groups.map((g) => {
      if (g.kind === "extra") return g.id;
      const id = g.kind === "cluster" ? a.cluster.clusterSecurityGroupId : this.sshSecurityGroup?.id;
      if (id === undefined) throw new Error(`pool ${this.poolName}: no ${g.kind} security group id (validation should have refused it)`);
      return id;
    });
  }

  private createLaunchTemplate(name: string, a: ResolvedWorkerPoolArgs): aws.ec2.LaunchTemplate {
    const c = a.cluster;
    const userData = pulumi
      .all([c.name, c.endpoint, c.certificateAuthority, c.serviceCidr])
      .apply(([clusterName, endpoint, ca, cidr]) => {
        const text = renderPoolUserData(a, this.plan, { name: clusterName, apiServerEndpoint: endpoint, certificateAuthority: ca, cidr });
        // The same check validation ran with stand-ins, now with the real endpoint and CA.
        return Buffer.from(assertValid(text, validateUserDataBytes(text, name))).toString("base64");
      });
    const access = this.plan.access;
    return new aws.ec2.LaunchTemplate(`${name}-lt`, {
      description: `Worker pool ${name}: kubelet config, IMDSv2, encrypted volumes`,
      updateDefaultVersion: true,
      userData,
      ...(access.securityGroups ? { vpcSecurityGroupIds: this.securityGroupIds(access.securityGroups, a) } : {}),
      ...(access.keyName !== undefined ? { keyName: access.keyName } : {}),
      metadataOptions: { ...this.plan.metadataOptions, instanceMetadataTags: "disabled" },
      blockDeviceMappings: this.plan.blockDevices.map((bd) => ({
        deviceName: bd.deviceName,
        ebs: { volumeSize: bd.sizeGiB, volumeType: bd.type, iops: bd.iops, throughput: bd.throughput, encrypted: "true", deleteOnTermination: "true" },
      })),
      tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: { ...a.tags, ...poolTags(name, a.layout) } })),
      tags: { ...a.tags, ...poolTags(name, a.layout) },
    }, { parent: this });
  }

  private createNodeGroup(
    name: string,
    a: ResolvedWorkerPoolArgs,
    suffix: string,
    placement: WorkerPoolPlan["nodeGroups"][number],
    dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  ): aws.eks.NodeGroup {
    const groupName = nodeGroupResourceName(name, suffix);
    const releaseVersion = a.ami.channel === "pinned" && a.ami.releaseVersion !== undefined
      ? pulumi.output(a.ami.releaseVersion)
      : aws.ssm.getParameterOutput({ name: amiReleaseSsmParameter({ os: a.os, kubernetesVersion: a.kubernetesVersion, architecture: a.architecture, accelerator: this.plan.accelerator.kind }) }, { parent: this }).value;
    return new aws.eks.NodeGroup(groupName, {
      clusterName: a.cluster.name,
      nodeRoleArn: this.nodeRoleArn,
      subnetIds: [...placement.subnetIds],
      instanceTypes: [...a.instanceTypes],
      capacityType: a.capacityType,
      amiType: amiTypeFor(a.os, a.architecture, this.plan.accelerator.kind),
      version: a.kubernetesVersion,
      releaseVersion,
      scalingConfig: { minSize: placement.scaling.min, maxSize: placement.scaling.max, desiredSize: placement.scaling.desired },
      labels: { ...a.labels },
      taints: [...this.plan.taints],
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) },
      updateConfig: a.update.maxUnavailable !== undefined
        ? { maxUnavailable: a.update.maxUnavailable, updateStrategy: a.update.strategy }
        : { maxUnavailablePercentage: a.update.maxUnavailablePercentage, updateStrategy: a.update.strategy },
      nodeRepairConfig: { enabled: a.autoRepair.enabled },
      tags: { ...a.tags, ...poolTags(name, a.layout) },
    }, { parent: this, dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] });
  }
}
