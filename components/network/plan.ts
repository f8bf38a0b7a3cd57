/**
 * Pure subnet planning for the {@link Network} component: one private and one public subnet per AZ, each
 * in a fixed slot chosen by the AZ's letter, so adding, removing or reordering AZs never moves the CIDR of
 * an existing subnet (which would replace it, and the nodes and control-plane interfaces in it).
 */
import { Cidr, checkCidr, formatCidr, parseCidr, subnetOf, ConfigIssue } from "../core";
import type { NatGatewayMode } from "./args";

/** The subnets planned for one availability zone. */
export interface ZoneSubnets {
  readonly az: string;
  /** Large private subnet for nodes and pods (nodes get no public IP). */
  readonly privateCidr: string;
  /** Small public subnet for the NAT gateway and internet-facing load balancers. */
  readonly publicCidr: string;
}

/** AZ letters a-f: no region has more (us-east-1 has six). */
export const AZ_LETTERS = "abcdef";
/** The VPC is cut into 8 equal slots: a-f private subnets, the 7th holds every public subnet, the 8th is spare. */
const SLOT_BITS = 3;
const PUBLIC_SLOT = 6;

/** The fixed slot of an AZ: the index of its final letter in {@link AZ_LETTERS}, if it has one. */
export function azSlot(az: string): number | undefined {
  const i = AZ_LETTERS.indexOf(az.slice(-1));
  return i >= 0 ? i : undefined;
}

/**
 * Carves the VPC: AZ `…a` gets private slot 0, `…b` slot 1, …; the public subnets are eighths of slot 6 by the
 * same letter. With a /16: private /19s (8,190 addresses each), public /22s.
 */
export function planZoneSubnets(vpcCidr: string, azs: readonly string[]): ZoneSubnets[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`not a CIDR: ${vpcCidr}`);
  const slotPrefix = vpc.prefix + SLOT_BITS;
  const block = (parent: Cidr, prefix: number, index: number): Cidr => {
    const c = subnetOf(parent, prefix, index);
    if (!c) throw new Error(`${formatCidr(parent)} has no /${prefix} block number ${index}`);
    return c;
  };
  const publicSlot = block(vpc, slotPrefix, PUBLIC_SLOT);
  return azs.map((az) => {
    const slot = azSlot(az);
    if (slot === undefined) throw new Error(`AZ ${az} does not end in one of ${AZ_LETTERS}`);
    return {
      az,
      privateCidr: formatCidr(block(vpc, slotPrefix, slot)),
      publicCidr: formatCidr(block(publicSlot, slotPrefix + SLOT_BITS, slot)),
    };
  });
}

/** Smallest private subnet we accept: a /24 holds too few pod IPs for even one busy node group. */
export const MAX_PRIVATE_SUBNET_PREFIX = 24;

/** Checks the VPC CIDR and the AZ names it is carved for; `at` is the network's config path. */
export function validateVpcCidr(vpcCidr: string, azs: readonly string[], at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  azs.forEach((az, i) => {
    if (azSlot(az) === undefined) issues.push({ path: `${at}.availabilityZones[${i}]`, message: `"${az}" must end in one of the letters ${AZ_LETTERS.split("").join(", ")} (each letter has a fixed subnet slot)` });
  });
  const checked = checkCidr(vpcCidr);
  if ("problem" in checked) return [...issues, { path: `${at}.vpcCidr`, message: checked.problem }];
  const vpc = checked.cidr;
  const largest = MAX_PRIVATE_SUBNET_PREFIX - SLOT_BITS;
  if (vpc.prefix < 16 || vpc.prefix > largest) {
    issues.push({ path: `${at}.vpcCidr`, message: `must be between /16 (the AWS maximum) and /${largest} (private subnets of at least /${MAX_PRIVATE_SUBNET_PREFIX}), got /${vpc.prefix}` });
  }
  return issues;
}

/** Where the private subnets' internet egress goes. */
export interface EgressPlan {
  /** The AZs that get a NAT gateway (with its Elastic IP, in that AZ's public subnet), in the order given. */
  readonly natGatewayAzs: readonly string[];
  /** Per AZ, the AZ whose NAT gateway that AZ's private route table sends `0.0.0.0/0` to. */
  readonly routeVia: Readonly<Record<string, string>>;
}

/**
 * `perAz`: a NAT gateway in every AZ, each private route table using its own AZ's. `single`: one NAT gateway, in the
 * first AZ given, used by every private route table (reordering the AZs so another comes first moves it).
 */
export function planEgress(azs: readonly string[], mode: NatGatewayMode): EgressPlan {
  const natGatewayAzs = mode === "single" ? azs.slice(0, 1) : [...azs];
  return { natGatewayAzs, routeVia: Object.fromEntries(azs.map((az) => [az, mode === "single" ? azs[0] : az])) };
}
