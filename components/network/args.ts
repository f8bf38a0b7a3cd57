/** Typed arguments of {@link Network} and their defaults (applied only in {@link resolveCreateVpcArgs}). */
import type * as pulumi from "@pulumi/pulumi";

/**
 * How private subnets reach the internet. `perAz`: one NAT gateway in each AZ's public subnet, each AZ's private
 * route table using its own (losing an AZ cuts only that AZ's egress). `single`: one NAT gateway, in the public
 * subnet of the first AZ listed, used by every private route table (cheaper; losing that AZ cuts the egress of
 * every AZ: judged by policy EKS-NET-001).
 */
export const NAT_GATEWAY_MODES = ["perAz", "single"] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

/** A private subnet the pool may place nodes in. */
export interface PoolSubnet {
  readonly id: pulumi.Input<string>;
  readonly az: string;
}

/** Create a VPC. */
export interface CreateVpcArgs {
  /** VPC CIDR, /16 to /21. */
  readonly vpcCidr: string;
  /** AZs to use, at least 2. */
  readonly availabilityZones: readonly string[];
  /** EKS cluster name, for the `kubernetes.io/cluster/<name>` subnet tags. */
  readonly clusterName: string;
  /**
   * vpc-cni custom networking: a secondary CIDR associated with the VPC and carved into one pod subnet per AZ
   * (`Network.podSubnets`, routed like the AZ's private subnet). @default - none
   */
  readonly podSecondaryCidr?: string;
  /** NAT gateways for the private subnets' egress, see {@link NAT_GATEWAY_MODES}. @default "perAz" */
  readonly natGateways?: NatGatewayMode;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Use existing private subnets (tagged for load balancers by their owner). */
export interface ExistingSubnetsArgs {
  readonly vpcId: pulumi.Input<string>;
  /** vpc-cni custom networking's pod subnets (in the VPC's secondary CIDR). @default [] */
  readonly podSubnets?: readonly PoolSubnet[];
  readonly privateSubnets: readonly PoolSubnet[];
  /** @default [] */
  readonly publicSubnetIds?: readonly pulumi.Input<string>[];
}

/** Either a VPC to create or existing subnets. */
export type NetworkArgs = CreateVpcArgs | ExistingSubnetsArgs;

export const isExistingSubnets = (a: NetworkArgs): a is ExistingSubnetsArgs => "privateSubnets" in a;

/** Defaults of {@link CreateVpcArgs}; the single place they are written. */
export const NETWORK_DEFAULTS = {
  natGateways: "perAz",
  tags: {},
} as const satisfies Partial<CreateVpcArgs>;

/** Resolved {@link CreateVpcArgs}. */
export type ResolvedCreateVpcArgs = Required<Omit<CreateVpcArgs, "podSecondaryCidr">> & Pick<CreateVpcArgs, "podSecondaryCidr">;

/** Applies {@link NETWORK_DEFAULTS}; never writes to `a`. */
export function resolveCreateVpcArgs(a: CreateVpcArgs): ResolvedCreateVpcArgs {
  return { ...a, natGateways: a.natGateways ?? NETWORK_DEFAULTS.natGateways, tags: a.tags ?? NETWORK_DEFAULTS.tags };
}
