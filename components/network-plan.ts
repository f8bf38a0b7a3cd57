/** Pure subnet planning for the {@link Network} component: one private and one public subnet per AZ. */
import { Cidr, formatCidr, parseCidr, subnetOf } from "./cidr";
import { ConfigIssue } from "./config-issue";

/** The subnets planned for one availability zone. */
export interface ZoneSubnets {
  readonly az: string;
  /** Large private subnet for nodes and pods (nodes get no public IP). */
  readonly privateCidr: string;
  /** Small public subnet for the NAT gateway and internet-facing load balancers. */
  readonly publicCidr: string;
}

/**
 * Carves the VPC into per-AZ subnets: the first half of the VPC is shared by the private subnets
 * (one block per AZ, rounded up to a power of two), the public subnets take quarter-size blocks of the
 * second half. With a /16 and 3 AZs: private /19s, public /21s.
 */
export function planZoneSubnets(vpcCidr: string, azs: readonly string[]): ZoneSubnets[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`not a CIDR: ${vpcCidr}`);
  const bits = Math.ceil(Math.log2(Math.max(azs.length, 1)));
  const privatePrefix = vpc.prefix + 1 + bits;
  const publicHalf = subnetOf(vpc, vpc.prefix + 1, 1) as Cidr;
  const publicPrefix = publicHalf.prefix + 2 + bits;
  return azs.map((az, i) => ({
    az,
    privateCidr: formatCidr(subnetOf(vpc, privatePrefix, i) as Cidr),
    publicCidr: formatCidr(subnetOf(publicHalf, publicPrefix, i) as Cidr),
  }));
}

/** Smallest private subnet we accept: a /24 holds too few pod IPs for even one busy node group. */
export const MAX_PRIVATE_SUBNET_PREFIX = 24;

/** Checks that `vpcCidr` is a CIDR, large enough to give each AZ a private subnet of at least /24. */
export function validateVpcCidr(vpcCidr: string, azCount: number, at: string): ConfigIssue[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) {
    return [{ path: at, message: `must be an IPv4 CIDR block like 10.40.0.0/16 (no host bits set), got "${vpcCidr}"` }];
  }
  if (vpc.prefix < 16 || vpc.prefix > 24) {
    return [{ path: at, message: `VPC prefix must be between /16 and /24 (AWS limits), got /${vpc.prefix}` }];
  }
  const bits = Math.ceil(Math.log2(Math.max(azCount, 1)));
  const privatePrefix = vpc.prefix + 1 + bits;
  if (privatePrefix > MAX_PRIVATE_SUBNET_PREFIX) {
    return [{
      path: at,
      message: `too small for ${azCount} AZs: each private subnet would be /${privatePrefix}; use /${vpc.prefix - (privatePrefix - MAX_PRIVATE_SUBNET_PREFIX)} or larger`,
    }];
  }
  return [];
}
