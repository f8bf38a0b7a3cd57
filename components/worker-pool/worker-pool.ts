/** WorkerPool: one EKS managed node group per placement, sharing one launch template. Wiring only. */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, WORKER_POOL_TYPE } from "../core";
import { renderPoolUserData } from "./userdata";
import { validateWorkerPool } from "./validate";
import { validateUserDataBytes } from "./limits";
import { WorkerPoolPlan, autoscalerNodeTemplateTags, planPoolTags, planWorkerPool } from "./plan";
import { NODE_ROLE_POLICIES } from "./node-role";
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
 * and, with `remoteAccess.sourceSecurityGroupIds`, an `aws.ec2.SecurityGroup` admitting tcp/22 from those groups;
 * with `placementGroup: cluster` (or `efa`) an `aws.ec2.PlacementGroup` (strategy cluster) in the launch template's
 * `placement`, and with `efa` the EFA network interfaces and a security group admitting all traffic from and to itself.
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
  /** The pool's cluster placement group (only with `placementGroup: cluster` or `efa`). */
  readonly placementGroup?: aws.ec2.PlacementGroup;
  /** The pool's EFA security group: all traffic from and to itself (only with `efa`). */
  readonly efaSecurityGroup?: aws.ec2.SecurityGroup;
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
  /**
   * What the pool runs, for the stack's `versions` output (a change freeze reads it back): the first node group's
   * `version` and `releaseVersion`; for a custom image the pool's Kubernetes version and the image id (which EKS also
   * reports as the node group's release).
   */
  readonly deployedVersions: pulumi.Output<{ readonly kubernetesVersion: string; readonly releaseVersion: string }>;

  constructor(name: string, args: WorkerPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(WORKER_POOL_TYPE, name, {}, opts);
    const a = resolveWorkerPoolArgs(args);
    assertValid(a, validateWorkerPool(a, name));
    this.poolName = name;
    this.plan = planWorkerPool(a, name);
    this.nodeRoleArn = a.nodeRoleArn !== undefined ? pulumi.output(a.nodeRoleArn) : this.createNodeRole(name, a);
    const ssh = this.plan.access.ssh;
    this.sshSecurityGroup = ssh ? this.createSshSecurityGroup(name, a, ssh.sourceSecurityGroupIds) : undefined;
    const tags = planPoolTags(a, name);
    if (this.plan.efa.placementGroup === "cluster") this.placementGroup = new aws.ec2.PlacementGroup(`${name}-pg`, { strategy: "cluster", tags }, { parent: this });
    if (a.efa) this.efaSecurityGroup = this.createEfaSecurityGroup(name, a);
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
    const image = this.plan.image;
    this.deployedVersions = image.channel === "custom"
      ? pulumi.output({ kubernetesVersion: a.kubernetesVersion, releaseVersion: image.imageId })
      : pulumi.all([this.nodeGroups[0].version, this.nodeGroups[0].releaseVersion]).apply(([kubernetesVersion, releaseVersion]) => ({ kubernetesVersion, releaseVersion }));
    const accelerator = planAccelerator(a);
    if (accelerator.devicePlugin === "platform" && accelerator.kind !== "none") {
      this.devicePluginPlacement = { accelerator: accelerator.kind, nodeGroupNames: this.nodeGroups.map((g) => g.nodeGroupName), taints: a.taints };
    }
    this.registerOutputs({ nodeGroupNames: this.nodeGroupNames, launchTemplateId: this.launchTemplate.id });
  }

  /** The node role; its ARN resolves only once every policy (the required and the additional ones, the cache's inline one) is attached. */
  private createNodeRole(name: string, a: ResolvedWorkerPoolArgs): pulumi.Output<string> {
    const role = new aws.iam.Role(`${name}-node`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      description: `EKS worker nodes of pool ${name}`,
      tags: planPoolTags(a, name),
    }, { parent: this });
    const attach = (resourceName: string, policyArn: string): aws.iam.RolePolicyAttachment =>
      new aws.iam.RolePolicyAttachment(resourceName, { role: role.name, policyArn }, { parent: this });
    const required = NODE_ROLE_POLICIES.map((policyArn) => attach(`${name}-node-${policyArn.split("/").pop() ?? policyArn}`, policyArn));
    const plan = this.plan.nodeRole;
    // Named by the ARN's hash: two accounts' policies may share a name, and the list may be reordered.
    const additional = (plan.kind === "created" ? plan.additionalPolicyArns : []).map((policyArn) =>
      attach(`${name}-node-extra-${createHash("sha256").update(policyArn).digest("hex").slice(0, 8)}`, policyArn));
    // The ECR pull-through cache fills only if the nodes may import upstream images into its repositories.
    const cache = plan.kind === "created" && plan.pullThroughCachePolicy
      ? [new aws.iam.RolePolicy(`${name}-node-pull-through-cache`, { role: role.name, policy: JSON.stringify(plan.pullThroughCachePolicy) }, { parent: this })]
      : [];
    return pulumi.all([role.arn, ...[...required, ...additional, ...cache].map((x) => x.id)]).apply(([arn]) => arn);
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
    const tags = planPoolTags(a, name);
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

  /** EFA's security group: every protocol from and to the group itself (EC2 User Guide, efa-start), nothing else. */
  private createEfaSecurityGroup(name: string, a: ResolvedWorkerPoolArgs): aws.ec2.SecurityGroup {
    const tags = planPoolTags(a, name);
    const group = new aws.ec2.SecurityGroup(`${name}-efa`, { vpcId: a.cluster.vpcId, description: `EFA: all traffic between the nodes of worker pool ${name}`, tags }, { parent: this });
    const rule = { securityGroupId: group.id, ipProtocol: "-1", referencedSecurityGroupId: group.id, description: "EFA between the pool's nodes", tags };
    new aws.vpc.SecurityGroupIngressRule(`${name}-efa-in`, rule, { parent: this });
    new aws.vpc.SecurityGroupEgressRule(`${name}-efa-out`, rule, { parent: this });
    return group;
  }

  /** The launch template's security group ids, in the planned order (validation made sure the cluster's is known). */
  private securityGroupIds(groups: readonly NodeSecurityGroup[], a: ResolvedWorkerPoolArgs): pulumi.Input<string>[] {
    return groups.map((g) => {
      if (g.kind === "extra") return g.id;
      const id = g.kind === "cluster" ? a.cluster.clusterSecurityGroupId : g.kind === "ssh" ? this.sshSecurityGroup?.id : this.efaSecurityGroup?.id;
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
    const { access, capacity, image } = this.plan;
    const groups = access.securityGroups ? this.securityGroupIds(access.securityGroups, a) : undefined;
    const nics = this.plan.efa.interfaces;
    return new aws.ec2.LaunchTemplate(`${name}-lt`, {
      description: `Worker pool ${name}: kubelet config, IMDSv2, encrypted volumes`,
      updateDefaultVersion: true,
      // A custom image boots from the launch template; EKS then merges no user data (ours is the complete bootstrap).
      ...(image.channel === "custom" ? { imageId: image.imageId } : {}),
      userData,
      // With network interfaces the groups go on them (EC2 takes no vpcSecurityGroupIds then): all on the primary, EFA's on the rest.
      ...(nics.length > 0 ? {
        networkInterfaces: nics.map((n) => ({ ...n, deleteOnTermination: "true", securityGroups: n.networkCardIndex === 0 ? groups : this.securityGroupIds([{ kind: "efa" }], a) })),
      } : groups ? { vpcSecurityGroupIds: groups } : {}),
      ...(this.placementGroup ? { placement: { groupName: this.placementGroup.name } } : {}),
      ...(capacity.capacityReservationSpecification ? { capacityReservationSpecification: capacity.capacityReservationSpecification } : {}),
      ...(capacity.instanceMarketOptions ? { instanceMarketOptions: capacity.instanceMarketOptions } : {}),
      ...(capacity.launchTemplateInstanceType !== undefined ? { instanceType: capacity.launchTemplateInstanceType } : {}),
      ...(access.keyName !== undefined ? { keyName: access.keyName } : {}),
      metadataOptions: { ...this.plan.metadataOptions, instanceMetadataTags: "disabled" },
      blockDeviceMappings: this.plan.blockDevices.map((bd) => ({
        deviceName: bd.deviceName,
        ebs: { volumeSize: bd.sizeGiB, volumeType: bd.type, iops: bd.iops, throughput: bd.throughput, kmsKeyId: bd.kmsKeyId, encrypted: "true", deleteOnTermination: "true" },
      })),
      tagSpecifications: ["instance", "volume"].map((resourceType) => ({ resourceType, tags: planPoolTags(a, name) })),
      tags: planPoolTags(a, name),
    }, { parent: this });
  }

  /**
   * The node group's image inputs: `amiType`, `version` and `releaseVersion` (pinned, or the recommended SSM parameter's
   * value); a custom image only `amiType: CUSTOM` (EKS refuses a release or a version with an image id in the launch template).
   */
  private imageInputs(a: ResolvedWorkerPoolArgs): Pick<aws.eks.NodeGroupArgs, "amiType" | "version" | "releaseVersion"> {
    const image = this.plan.image;
    if (image.channel === "custom") return { amiType: image.amiType };
    if (image.amiType === undefined) throw new Error(`pool ${this.poolName}: no EKS AMI for ${a.os} ${a.architecture} (validation should have refused it)`);
    const releaseVersion = image.channel === "pinned"
      ? pulumi.output(image.releaseVersion)
      : aws.ssm.getParameterOutput({ name: image.releaseParameter ?? "" }, { parent: this }).value;
    return { amiType: image.amiType, version: a.kubernetesVersion, releaseVersion };
  }

  private createNodeGroup(
    name: string,
    a: ResolvedWorkerPoolArgs,
    suffix: string,
    placement: WorkerPoolPlan["nodeGroups"][number],
    dependsOn: pulumi.ComponentResourceOptions["dependsOn"],
  ): aws.eks.NodeGroup {
    const groupName = nodeGroupResourceName(name, suffix);
    return new aws.eks.NodeGroup(groupName, {
      clusterName: a.cluster.name,
      nodeRoleArn: this.nodeRoleArn,
      subnetIds: [...placement.subnetIds],
      // A Capacity Block's type is the launch template's (EKS requires it there); otherwise the node group lists them.
      ...(this.plan.capacity.launchTemplateInstanceType === undefined ? { instanceTypes: [...a.instanceTypes] } : {}),
      capacityType: a.capacityType,
      ...this.imageInputs(a),
      scalingConfig: { minSize: placement.scaling.min, maxSize: placement.scaling.max, desiredSize: placement.scaling.desired },
      labels: { ...a.labels },
      taints: [...this.plan.taints],
      launchTemplate: { id: this.launchTemplate.id, version: this.launchTemplate.latestVersion.apply(String) },
      updateConfig: a.update.maxUnavailable !== undefined
        ? { maxUnavailable: a.update.maxUnavailable, updateStrategy: a.update.strategy }
        : { maxUnavailablePercentage: a.update.maxUnavailablePercentage, updateStrategy: a.update.strategy },
      nodeRepairConfig: { ...this.plan.nodeRepair, nodeRepairConfigOverrides: this.plan.nodeRepair.nodeRepairConfigOverrides?.map((o) => ({ ...o })) },
      tags: planPoolTags(a, name),
    }, { parent: this, dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] });
  }
}
