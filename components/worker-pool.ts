/** WorkerPool: one EKS managed node group per placement, sharing one launch template. Wiring only. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { amiReleaseSsmParameter, amiTypeFor } from "./ami-release";
import { assertValid } from "./config-issue";
import { renderPoolUserData } from "./pool-userdata";
import { validateWorkerPool } from "./worker-pool-validate";
import { NODE_ROLE_POLICIES, WorkerPoolPlan, autoscalerTags, planWorkerPool, poolTags } from "./worker-pool-plan";
import { ResolvedWorkerPoolArgs, WorkerPoolArgs, resolveWorkerPoolArgs } from "./worker-pool-args";

/**
 * A multi-AZ pool of EKS managed nodes: `aws.ec2.LaunchTemplate` (IMDSv2, encrypted root volume, no SSH
 * key, rendered kubelet user data) and one `aws.eks.NodeGroup` (`spread`) or one per AZ (`per-zone`).
 * `opts.dependsOn` is forwarded to the node groups, so callers can order pools after the CNI addon
 * or after an earlier patching wave.
 */
export class WorkerPool extends pulumi.ComponentResource {
  /** The node groups, in AZ order for `per-zone`. */
  readonly nodeGroups: aws.eks.NodeGroup[];
  /** EKS node group names. */
  readonly nodeGroupNames: pulumi.Output<string[]>;
  /** The pool's launch template. */
  readonly launchTemplate: aws.ec2.LaunchTemplate;
  /** Node IAM role ARN. */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The pure plan this pool was built from (kubelet fields, placements). */
  readonly plan: WorkerPoolPlan;
  /** The pool name (the component's resource name). */
  readonly poolName: string;

  constructor(name: string, args: WorkerPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super("workerpools:index:WorkerPool", name, {}, opts);
    const a = resolveWorkerPoolArgs(args);
    assertValid(a, validateWorkerPool(a, name));
    this.poolName = name;
    this.plan = planWorkerPool(a, name);
    this.nodeRoleArn = pulumi.output(a.nodeRoleArn ?? this.createNodeRole(name).arn);
    this.launchTemplate = this.createLaunchTemplate(name, a);
    this.nodeGroups = this.plan.nodeGroups.map((placement) =>
      this.createNodeGroup(name, a, placement.suffix, placement, opts?.dependsOn),
    );
    this.nodeGroupNames = pulumi.all(this.nodeGroups.map((g) => g.nodeGroupName));
    this.registerOutputs({ nodeGroupNames: this.nodeGroupNames, launchTemplateId: this.launchTemplate.id });
  }

  private createNodeRole(name: string): aws.iam.Role {
    const role = new aws.iam.Role(`${name}-node`, {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
      description: `EKS worker nodes of pool ${name}`,
    }, { parent: this });
    NODE_ROLE_POLICIES.forEach((policyArn) => {
      const short = policyArn.split("/").pop() as string;
      new aws.iam.RolePolicyAttachment(`${name}-node-${short}`, { role: role.name, policyArn }, { parent: this });
    });
    return role;
  }

  private createLaunchTemplate(name: string, a: ResolvedWorkerPoolArgs): aws.ec2.LaunchTemplate {
    const c = a.cluster;
    const userData = pulumi
      .all([c.name, c.endpoint, c.certificateAuthority, c.serviceCidr])
      .apply(([clusterName, endpoint, ca, cidr]) =>
        Buffer.from(renderPoolUserData(a, this.plan, { name: clusterName, apiServerEndpoint: endpoint, certificateAuthority: ca, cidr })).toString("base64"),
      );
    const bd = this.plan.blockDevice;
    return new aws.ec2.LaunchTemplate(`${name}-lt`, {
      description: `Worker pool ${name}: kubelet config, IMDSv2, encrypted ${bd.type} volume`,
      updateDefaultVersion: true,
      userData,
      metadataOptions: { ...this.plan.metadataOptions, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [{
        deviceName: bd.deviceName,
        ebs: { volumeSize: bd.sizeGiB, volumeType: bd.type, encrypted: "true", deleteOnTermination: "true" },
      }],
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
    const groupName = suffix ? `${name}-${suffix}` : name;
    const releaseVersion = a.ami.channel === "pinned"
      ? pulumi.output(a.ami.releaseVersion as string)
      : aws.ssm.getParameterOutput({ name: amiReleaseSsmParameter({ os: a.os, kubernetesVersion: a.kubernetesVersion, architecture: a.architecture }) }, { parent: this }).value;
    return new aws.eks.NodeGroup(groupName, {
      clusterName: a.cluster.name,
      nodeRoleArn: this.nodeRoleArn,
      subnetIds: [...placement.subnetIds],
      instanceTypes: [...a.instanceTypes],
      capacityType: a.capacityType,
      amiType: amiTypeFor(a.os, a.architecture),
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
      tags: pulumi.output(a.cluster.name).apply((cn) => ({ ...a.tags, ...poolTags(name, a.layout), ...autoscalerTags(cn, a.labels, a.taints) })),
    }, { parent: this, dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] });
  }
}
