/**
 * Stack rule on the network's egress: every private subnet routes its internet egress through a NAT gateway in its
 * own AZ. The chain is read through property dependencies, as a preview records them: route table association
 * (`subnetId`, `routeTableId`) → route table (`routes`) → NAT gateway (`subnetId`) → its subnet's AZ.
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { MAPPINGS } from "./mappings";
import { NAT_GATEWAY_TYPE, ROUTE_TABLE_ASSOCIATION_TYPE, ROUTE_TABLE_TYPE, SUBNET_TYPE } from "../../components/core";

type ByUrn = ReadonlyMap<string, RuleResource>;

/** The resources of `type` a property of `r` was computed from. */
const dependenciesOf = (r: RuleResource, property: string, type: string, byUrn: ByUrn): RuleResource[] =>
  (r.propertyDependencies[property] ?? []).map((u) => byUrn.get(u)).filter((d): d is RuleResource => d?.type === type);

const azOf = (subnet: RuleResource): string | undefined => {
  const az = subnet.props.availabilityZone ?? subnet.props.availabilityZoneId;
  return typeof az === "string" ? az : undefined;
};

/** The subnets (with their AZ, when known) whose route table sends traffic to `nat`. */
function subnetsServedBy(nat: RuleResource, resources: readonly RuleResource[], byUrn: ByUrn): { name: string; az: string | undefined }[] {
  const tables = new Set(resources.filter((r) => r.type === ROUTE_TABLE_TYPE && dependenciesOf(r, "routes", NAT_GATEWAY_TYPE, byUrn).some((n) => n.urn === nat.urn)).map((r) => r.urn));
  return resources
    .filter((r) => r.type === ROUTE_TABLE_ASSOCIATION_TYPE && dependenciesOf(r, "routeTableId", ROUTE_TABLE_TYPE, byUrn).some((t) => tables.has(t.urn)))
    .flatMap((a) => dependenciesOf(a, "subnetId", SUBNET_TYPE, byUrn))
    .map((s) => ({ name: s.name, az: azOf(s) }));
}

function natVerdict(nat: RuleResource, resources: readonly RuleResource[], byUrn: ByUrn): Verdict {
  const [home] = dependenciesOf(nat, "subnetId", SUBNET_TYPE, byUrn);
  const natAz = home ? azOf(home) : undefined;
  const served = subnetsServedBy(nat, resources, byUrn);
  if (natAz === undefined || served.some((s) => s.az === undefined)) {
    return undecided("the AZ of the NAT gateway or of a subnet routed through it is unknown (unknown until deploy, or not created in this stack)");
  }
  const foreign = served.filter((s) => s.az !== natAz);
  if (foreign.length === 0) return PASS;
  const azs = [...new Set(served.map((s) => s.az))].sort();
  return [`NAT gateway ${nat.name} in ${natAz} carries the internet egress of ${azs.length} AZs (${azs.join(", ")}; subnets ${foreign.map((s) => s.name).join(", ")} are in other AZs): losing ${natAz} cuts the egress of every one of them, and their traffic to it is cross-AZ`];
}

function checkNatPerAz(resources: readonly RuleResource[]): StackFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources.filter((r) => r.type === NAT_GATEWAY_TYPE).map((nat) => ({ urn: nat.urn, name: nat.name, type: nat.type, verdict: natVerdict(nat, resources, byUrn) }));
}

const natPerAz: StackRule = {
  kind: "stack", id: "EKS-NET-001", name: "eks-nat-gateway-per-az",
  description: "Every private subnet sends its internet egress to a NAT gateway in its own AZ; one NAT gateway for several AZs means an outage of its AZ cuts the egress (image pulls, AWS APIs, node joins) of every AZ.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.natPerAz,
  remediation: "Set workerpools:cluster.network.natGateways to perAz (the default), or lower this rule's level if one NAT gateway is a deliberate cost choice.",
  check: checkNatPerAz,
};

/** Stack rules on the network. */
export const NETWORK_RULES: readonly StackRule[] = [natPerAz];
