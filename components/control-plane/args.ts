/** Typed arguments of {@link ControlPlane} and their defaults (applied only in {@link resolveControlPlaneArgs}). */
import * as pulumi from "@pulumi/pulumi";

export const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;
/** EKS control plane log type (`enabledClusterLogTypes`). */
export type LogType = (typeof LOG_TYPES)[number];
export const SUPPORT_TYPES = ["STANDARD", "EXTENDED"] as const;
/** EKS `upgradePolicy.supportType`. */
export type SupportType = (typeof SUPPORT_TYPES)[number];
/** CloudWatch Logs `retentionInDays` values the API accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** API server endpoint access. */
export interface EndpointAccess {
  /** `endpointPrivateAccess`. @default true */
  readonly privateAccess?: boolean;
  /** `publicAccessCidrs`; empty turns the public endpoint off (`endpointPublicAccess: false`). @default [] */
  readonly publicAccessCidrs?: readonly string[];
}

/** Control plane logging. */
export interface ControlPlaneLogging {
  /** `enabledClusterLogTypes`. @default ["api", "audit", "authenticator"] */
  readonly types?: readonly LogType[];
  /** Retention of the `/aws/eks/<name>/cluster` log group, a CloudWatch-accepted value. @default 90 */
  readonly retentionDays?: number;
}

/** Arguments of a {@link ControlPlane}. Field names match `workerpools:cluster`. */
export interface ControlPlaneArgs {
  /** EKS cluster name (physical name). */
  readonly name: string;
  /** Kubernetes version `1.NN`. */
  readonly kubernetesVersion: string;
  /** VPC of the cluster. */
  readonly vpcId: pulumi.Input<string>;
  /** Private subnets (control plane ENIs, nodes). */
  readonly privateSubnetIds: pulumi.Input<string>[];
  /** Public subnets (internet-facing load balancers). @default [] */
  readonly publicSubnetIds?: pulumi.Input<string>[];
  /** @default - { privateAccess: true, publicAccessCidrs: [] } */
  readonly endpoint?: EndpointAccess;
  /** @default - { types: ["api", "audit", "authenticator"], retentionDays: 90 } */
  readonly logging?: ControlPlaneLogging;
  /** `upgradePolicy.supportType`. @default "STANDARD" */
  readonly supportType?: SupportType;
  /** `deletionProtection`. @default true */
  readonly deletionProtection?: boolean;
  /**
   * IAM principal ARNs given cluster-admin access entries (`AmazonEKSClusterAdminPolicy`). The principal that creates
   * the cluster is cluster admin besides these: @pulumi/eks 4.3 always sets
   * `accessConfig.bootstrapClusterCreatorAdminPermissions: true`, with no input to turn it off. @default []
   */
  readonly admins?: readonly string[];
  /** Kubernetes service CIDR (`kubernetesServiceIpAddressRange`, NodeConfig `spec.cluster.cidr`). @default "172.20.0.0/16" */
  readonly serviceIpv4Cidr?: string;
  /** KMS key for secrets envelope encryption. @default - a new key with yearly rotation */
  readonly secretsKmsKeyArn?: pulumi.Input<string>;
  /**
   * ARC zonal shift for the cluster (EKS `zonalShiftConfig.enabled`); while a zonal shift is active EKS also pauses node
   * auto-repair of managed node groups. @default - unset: EKS's own setting (off for a new cluster)
   */
  readonly zonalShift?: boolean;
  /**
   * Attach the AmazonEKSVPCResourceController policy to the cluster role (security groups for Pods need it; the stack sets
   * it from `addons.vpcCni.podSecurityGroups`). @default false
   */
  readonly vpcResourceController?: boolean;
  /** Tags on every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Defaults of {@link ControlPlaneArgs}; the single place they are written. */
export const CONTROL_PLANE_DEFAULTS = {
  publicSubnetIds: [],
  endpoint: { privateAccess: true, publicAccessCidrs: [] },
  logging: { types: ["api", "audit", "authenticator"], retentionDays: 90 },
  supportType: "STANDARD",
  deletionProtection: true,
  admins: [],
  serviceIpv4Cidr: "172.20.0.0/16",
  vpcResourceController: false,
  tags: {},
} as const satisfies Partial<ControlPlaneArgs>;

/** Resolved arguments. */
export interface ResolvedControlPlaneArgs extends Omit<Required<ControlPlaneArgs>, "secretsKmsKeyArn" | "endpoint" | "logging" | "zonalShift"> {
  readonly secretsKmsKeyArn?: pulumi.Input<string>;
  readonly zonalShift?: boolean;
  readonly endpoint: Required<EndpointAccess>;
  readonly logging: Required<ControlPlaneLogging>;
}

/** Applies {@link CONTROL_PLANE_DEFAULTS}; never writes to `a`. */
export function resolveControlPlaneArgs(a: ControlPlaneArgs): ResolvedControlPlaneArgs {
  const d = CONTROL_PLANE_DEFAULTS;
  return {
    ...a,
    publicSubnetIds: a.publicSubnetIds ?? [...d.publicSubnetIds],
    endpoint: {
      privateAccess: a.endpoint?.privateAccess ?? d.endpoint.privateAccess,
      publicAccessCidrs: a.endpoint?.publicAccessCidrs ?? d.endpoint.publicAccessCidrs,
    },
    logging: { types: a.logging?.types ?? d.logging.types, retentionDays: a.logging?.retentionDays ?? d.logging.retentionDays },
    supportType: a.supportType ?? d.supportType,
    deletionProtection: a.deletionProtection ?? d.deletionProtection,
    admins: a.admins ?? d.admins,
    serviceIpv4Cidr: a.serviceIpv4Cidr ?? d.serviceIpv4Cidr,
    vpcResourceController: a.vpcResourceController ?? d.vpcResourceController,
    tags: a.tags ?? d.tags,
  };
}

/** The cluster facts a pool's nodes need to join. */
export interface ClusterConnection {
  /** EKS cluster name (`clusterName`, NodeConfig `spec.cluster.name`). */
  readonly name: pulumi.Input<string>;
  /** API server endpoint (NodeConfig `spec.cluster.apiServerEndpoint`). */
  readonly endpoint: pulumi.Input<string>;
  /** Base64 cluster CA (NodeConfig `spec.cluster.certificateAuthority`). */
  readonly certificateAuthority: pulumi.Input<string>;
  /** Service IPv4 CIDR (NodeConfig `spec.cluster.cidr`). */
  readonly serviceCidr: pulumi.Input<string>;
  /** Control plane Kubernetes version, `1.NN`, used for skew checks and AMI lookup. */
  readonly kubernetesVersion: string;
  /**
   * The security group EKS creates for the cluster (`vpcConfig.clusterSecurityGroupId`). Managed nodes get it by default;
   * a pool that lists its own security groups (`securityGroupIds`, `remoteAccess`) lists it too, since EKS then adds none.
   * @default - unknown: such pools are refused
   */
  readonly clusterSecurityGroupId?: pulumi.Input<string>;
  /** The cluster's VPC (where a pool's SSH security group is created). @default - unknown: pools with SSH sources are refused */
  readonly vpcId?: pulumi.Input<string>;
}
