/**
 * vpc-cni custom networking's pod subnets (SPEC §11.5), pure: a secondary VPC CIDR carved into one pod subnet per AZ (the
 * same fixed slot per AZ letter as the node subnets, so AZ changes never move a subnet), and the checks of a secondary
 * CIDR or of given pod subnets. AWS's rules for a secondary IPv4 block (VPC User Guide, "IPv4 CIDR block association
 * restrictions"): /16 to /28, and from RFC 1918 space or 100.64.0.0/10 (carrier-grade NAT space, the block EKS's custom
 * networking tutorial uses), not overlapping the VPC's other blocks.
 */
import { ConfigIssue, cidrContains, cidrsOverlap, checkCidr, formatCidr, parseCidr, subnetOf } from "../core";
import { AZ_LETTERS, azSlot } from "./plan";

/** Address ranges a secondary VPC CIDR may come from. */
export const SECONDARY_CIDR_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;
/** Pod subnets are eighths of the secondary CIDR, slot by AZ letter (a-f; two spare). */
const POD_SLOT_BITS = 3;
/** Smallest pod subnet accepted (a /24 serves one busy node group's pods at most). */
export const MAX_POD_SUBNET_PREFIX = 24;

/** The pod subnet of one AZ. */
export interface PodSubnetPlan {
  readonly az: string;
  readonly cidr: string;
}

/** One pod subnet per AZ, at the AZ letter's slot of the secondary CIDR. */
export function planPodSubnets(secondaryCidr: string, azs: readonly string[]): PodSubnetPlan[] {
  const parent = parseCidr(secondaryCidr);
  if (!parent) throw new Error(`not a CIDR: ${secondaryCidr}`);
  return azs.map((az) => {
    const slot = azSlot(az);
    const c = slot === undefined ? undefined : subnetOf(parent, parent.prefix + POD_SLOT_BITS, slot);
    if (!c) throw new Error(`AZ ${az} has no pod subnet slot in ${secondaryCidr} (AZ letters ${AZ_LETTERS})`);
    return { az, cidr: formatCidr(c) };
  });
}

/** What the custom networking check needs to know about the cluster. */
export interface CustomNetworkingContext {
  /** The VPC CIDR, when the stack creates the VPC (a brought VPC must give podSubnets). */
  readonly vpcCidr?: string;
  readonly serviceCidr: string;
  /** Every AZ some pool places nodes in. */
  readonly poolAzs: readonly string[];
}

/** `secondaryCidr` or `podSubnets` against the VPC; `at` is the `customNetworking` config path. */
export function validateCustomNetworking(cn: { readonly secondaryCidr?: string; readonly podSubnets?: Readonly<Record<string, string>> }, ctx: CustomNetworkingContext, at: string): ConfigIssue[] {
  const { secondaryCidr, podSubnets } = cn;
  if (secondaryCidr !== undefined && podSubnets !== undefined) return [{ path: at, message: "give secondaryCidr (the platform creates the pod subnets) or podSubnets (yours), not both" }];
  if (secondaryCidr === undefined && podSubnets === undefined) return [{ path: at, message: "needs secondaryCidr (e.g. 100.64.0.0/16) or podSubnets ({ <az>: subnet-… })" }];
  if (podSubnets !== undefined) return validatePodSubnets(podSubnets, ctx.poolAzs, `${at}.podSubnets`);
  if (ctx.vpcCidr === undefined) return [{ path: `${at}.secondaryCidr`, message: "only with a VPC this stack creates (cluster.network.vpcCidr); for a brought VPC give podSubnets ({ <az>: subnet-… }) in its secondary CIDR" }];
  return validateSecondaryCidr(secondaryCidr ?? "", ctx, `${at}.secondaryCidr`);
}

function validateSecondaryCidr(text: string, ctx: CustomNetworkingContext, at: string): ConfigIssue[] {
  const checked = checkCidr(text);
  if ("problem" in checked) return [{ path: at, message: checked.problem }];
  const c = checked.cidr;
  const issues: ConfigIssue[] = [];
  const ranges = SECONDARY_CIDR_RANGES.map((r) => parseCidr(r)).filter((r) => r !== undefined);
  if (!ranges.some((r) => cidrContains(r, c))) issues.push({ path: at, message: `${text} is not inside ${SECONDARY_CIDR_RANGES.join(", ")} (RFC 1918 or 100.64.0.0/10)` });
  const largest = MAX_POD_SUBNET_PREFIX - POD_SLOT_BITS;
  if (c.prefix < 16 || c.prefix > largest) issues.push({ path: at, message: `must be between /16 (the AWS maximum) and /${largest} (pod subnets of at least /${MAX_POD_SUBNET_PREFIX}), got /${c.prefix}` });
  const vpc = ctx.vpcCidr === undefined ? undefined : parseCidr(ctx.vpcCidr);
  if (vpc && cidrsOverlap(vpc, c)) issues.push({ path: at, message: `${text} overlaps the VPC CIDR ${ctx.vpcCidr}` });
  const services = parseCidr(ctx.serviceCidr);
  if (services && cidrsOverlap(services, c)) issues.push({ path: at, message: `${text} overlaps the service CIDR ${ctx.serviceCidr}` });
  ctx.poolAzs.forEach((az) => {
    if (azSlot(az) === undefined) issues.push({ path: at, message: `AZ ${az} does not end in one of ${AZ_LETTERS}: it has no pod subnet slot` });
  });
  return issues;
}

function validatePodSubnets(podSubnets: Readonly<Record<string, string>>, poolAzs: readonly string[], at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = Object.entries(podSubnets).flatMap(([az, id]) =>
    (/^subnet-[0-9a-f]+$/.test(id) ? [] : [{ path: `${at}.${az}`, message: `"${id}" is not a subnet id (subnet-…)` }]));
  for (const az of new Set(poolAzs)) {
    if (podSubnets[az] === undefined) issues.push({ path: at, message: `no pod subnet for ${az}, where pools place nodes: every such AZ needs one (its ENIConfig)` });
  }
  return issues;
}
