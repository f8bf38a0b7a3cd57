/** ControlPlane: the EKS control plane (`eks.Cluster`), its secrets KMS key and its log group. Wiring only. */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, CONTROL_PLANE_TYPE } from "../core";
import { ControlPlaneArgs, ResolvedControlPlaneArgs, resolveControlPlaneArgs } from "./args";
import { validateControlPlane } from "./validate";
import { readKubeconfigCluster } from "./kubeconfig";
import type { ClusterConnection } from "./args";
import { VPC_RESOURCE_CONTROLLER_POLICY_ARN, clusterTransforms } from "./cluster-options";

/**
 * Pulumi's mock runtime (unit tests, the offline plan) refuses resource transforms ("The Pulumi CLI does not support
 * transforms"), and it is not the engine that would apply them to `eks.Cluster`'s children anyway: under it the
 * zonal shift transform is left out (the plan shows the setting from config).
 */
const engineAppliesTransforms = (): boolean => pulumi.runtime.getMonitor()?.constructor.name !== "MockMonitor";

/** AWS-managed access policy given to every admin principal. */
export const CLUSTER_ADMIN_POLICY_ARN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

/**
 * Access entries (authentication mode API) for the admin principals, cluster-wide admin policy, with the cluster's
 * tags (@pulumi/eks passes each entry's `tags` to its `aws.eks.AccessEntry`). Keyed by a hash of the ARN (the keys become resource names): adding, removing or reordering admins leaves the others'
 * entries alone.
 */
export function adminAccessEntries(admins: readonly string[], tags: Readonly<Record<string, string>> = {}): Record<string, eks.types.input.AccessEntryArgs> {
  return Object.fromEntries(admins.map((principalArn) => [`admin-${createHash("sha256").update(principalArn).digest("hex").slice(0, 10)}`, {
    principalArn,
    accessPolicies: { admin: { policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: "cluster" } } },
    ...(Object.keys(tags).length > 0 ? { tags: { ...tags } } : {}),
  }]));
}

/**
 * An EKS control plane with: access entries (API authentication mode), private endpoint and an optional
 * CIDR-limited public one, secrets envelope encryption with a rotating KMS key, control plane logs into a
 * log group with retention, an upgrade policy and deletion protection. The default node group is
 * skipped and `eks.Cluster`'s own addon management is off: {@link Addons} owns every addon. With `zonalShift` set, a
 * resource transform sets `zonalShiftConfig` on the EKS cluster inside `eks.Cluster` (it has no input for it); with
 * `vpcResourceController`, the cluster role it creates gets the AmazonEKSVPCResourceController policy. @pulumi/eks 4.3 also makes
 * EKS give the principal creating the cluster an admin access entry of its own (`bootstrapClusterCreatorAdminPermissions`
 * is always true there), and its `kubeconfig` runs `aws eks get-token` with the deploying machine's default credentials.
 */
export class ControlPlane extends pulumi.ComponentResource {
  /** The `eks.Cluster` component. */
  readonly cluster: eks.Cluster;
  /** EKS cluster name (resolves after the cluster exists). */
  readonly clusterName: pulumi.Output<string>;
  /** API server URL. */
  readonly endpoint: pulumi.Output<string>;
  /** Base64 cluster CA bundle. */
  readonly certificateAuthority: pulumi.Output<string>;
  /** Kubernetes service CIDR. */
  readonly serviceCidr: string;
  /** Control plane Kubernetes version `1.NN`. */
  readonly kubernetesVersion: string;
  /** Kubeconfig (JSON), as a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /**
   * The security group EKS created for the cluster: @pulumi/eks 4.3's `clusterSecurityGroupId`, which is
   * `vpcConfig.clusterSecurityGroupId` when `skipDefaultSecurityGroups` is set (as here).
   */
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** What a {@link WorkerPool} needs to join this cluster (`WorkerPoolArgs.cluster`). */
  readonly connection: ClusterConnection;

  constructor(name: string, args: ControlPlaneArgs, opts?: pulumi.ComponentResourceOptions) {
    const a = resolveControlPlaneArgs(args);
    // What the zonal shift transform sets on the inner cluster, as this component's input: plans and reviews see it.
    super(CONTROL_PLANE_TYPE, name, a.zonalShift === undefined ? {} : { zonalShiftConfig: { enabled: a.zonalShift } }, opts);
    assertValid(a, validateControlPlane(a, name));
    const keyArn = a.secretsKmsKeyArn ?? this.createKey(name, a).arn;
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-logs`, {
      name: `/aws/eks/${a.name}/cluster`,
      retentionInDays: a.logging.retentionDays,
      tags: a.tags,
    }, { parent: this });
    this.cluster = this.createCluster(name, a, keyArn, logGroup);
    if (a.vpcResourceController) {
      new aws.iam.RolePolicyAttachment(`${name}-vpc-resource-controller`, {
        role: this.cluster.core.apply((core) => core.clusterIamRole.name),
        policyArn: VPC_RESOURCE_CONTROLLER_POLICY_ARN,
      }, { parent: this });
    }
    this.kubeconfig = pulumi.secret(this.cluster.kubeconfigJson);
    const kc = pulumi.unsecret(this.cluster.kubeconfigJson).apply(readKubeconfigCluster);
    this.clusterName = kc.apply(() => a.name);
    this.endpoint = kc.server;
    this.certificateAuthority = kc.certificateAuthorityData;
    this.serviceCidr = a.serviceIpv4Cidr;
    this.kubernetesVersion = a.kubernetesVersion;
    this.clusterSecurityGroupId = this.cluster.clusterSecurityGroupId;
    this.connection = {
      name: this.clusterName, endpoint: this.endpoint, certificateAuthority: this.certificateAuthority,
      serviceCidr: this.serviceCidr, kubernetesVersion: this.kubernetesVersion,
      clusterSecurityGroupId: this.clusterSecurityGroupId, vpcId: a.vpcId,
    };
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint });
  }

  private createKey(name: string, a: ResolvedControlPlaneArgs): aws.kms.Key {
    return new aws.kms.Key(`${name}-secrets`, {
      description: `EKS secrets envelope encryption for ${a.name}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      tags: a.tags,
    }, { parent: this });
  }

  private createCluster(name: string, a: ResolvedControlPlaneArgs, keyArn: pulumi.Input<string>, logGroup: aws.cloudwatch.LogGroup): eks.Cluster {
    return new eks.Cluster(name, {
      name: a.name,
      version: a.kubernetesVersion,
      vpcId: a.vpcId,
      privateSubnetIds: a.privateSubnetIds,
      publicSubnetIds: a.publicSubnetIds.length > 0 ? a.publicSubnetIds : undefined,
      authenticationMode: eks.AuthenticationMode.Api,
      accessEntries: adminAccessEntries(a.admins, a.tags),
      endpointPrivateAccess: a.endpoint.privateAccess,
      endpointPublicAccess: a.endpoint.publicAccessCidrs.length > 0,
      publicAccessCidrs: a.endpoint.publicAccessCidrs.length > 0 ? [...a.endpoint.publicAccessCidrs] : undefined,
      encryptionConfigKeyArn: keyArn,
      enabledClusterLogTypes: [...a.logging.types],
      upgradePolicy: { supportType: a.supportType },
      deletionProtection: a.deletionProtection,
      kubernetesServiceIpAddressRange: a.serviceIpv4Cidr,
      skipDefaultNodeGroup: true,
      skipDefaultSecurityGroups: true,
      bootstrapSelfManagedAddons: false,
      useDefaultVpcCni: true,
      corednsAddonOptions: { enabled: false },
      kubeProxyAddonOptions: { enabled: false },
      createOidcProvider: false,
      // @pulumi/eks 4.3 puts `tags` on the resources it creates inside (the EKS cluster, over its Name and clusterTags;
      // the cluster service role); access entries take theirs from accessEntries[].tags.
      tags: a.tags,
    }, { parent: this, dependsOn: [logGroup], ...(engineAppliesTransforms() ? { transforms: clusterTransforms(a.zonalShift) } : {}) });
  }
}
