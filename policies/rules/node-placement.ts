/**
 * Stack rules placing node groups: a pool's node groups together span at least two AZs (per-zone pools have one
 * node group per AZ, grouped by their `workerpools/pool` tag), and nodes get no public IP. Subnets are found
 * through the node group's `subnetIds` property dependencies. A one-AZ pool is one AZ on purpose, and passes with the
 * reason, when the plan shows why: its node group runs in a Capacity Block (`capacityType: CAPACITY_BLOCK`), or its launch
 * template places the nodes in a cluster placement group (`placement` computed from an `aws.ec2.PlacementGroup` of
 * strategy cluster) or targets one Capacity Reservation by id; each of those lives in one AZ.
 */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, passedBecause, undecided } from "../rule";
import { get, isUnknown, looseBool } from "../rule-values";
import { nodeClassPublicIpFindings, nodePoolZoneFindings } from "./karpenter-placement";
import { MAPPINGS } from "./mappings";
import { LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE, PLACEMENT_GROUP_TYPE, SUBNET_TYPE } from "../../components/core";

/** Tag the WorkerPool component puts on every node group of a pool. */
export const POOL_TAG = "workerpools/pool";
/** Fewest AZs a pool must span. */
export const MIN_POOL_ZONES = 2;

type ByUrn = ReadonlyMap<string, RuleResource>;

/** The resources of `type` a property of `r` was computed from. */
function dependenciesOf(r: RuleResource, property: string, type: string, byUrn: ByUrn): RuleResource[] {
  return (r.propertyDependencies[property] ?? []).map((u) => byUrn.get(u)).filter((d): d is RuleResource => d?.type === type);
}

interface Zones {
  readonly zones: ReadonlySet<string>;
  /** Subnets whose AZ could not be read (unknown, or not a resource of this stack). */
  readonly unresolved: number;
}

function zonesOf(ng: RuleResource, byUrn: ByUrn): Zones {
  const subnets = dependenciesOf(ng, "subnetIds", SUBNET_TYPE, byUrn);
  const ids = ng.props.subnetIds;
  const declared = Array.isArray(ids) ? ids.length : 1;
  const zones = new Set<string>();
  let unresolved = Math.max(0, declared - subnets.length);
  for (const s of subnets) {
    const az = s.props.availabilityZone ?? s.props.availabilityZoneId;
    if (typeof az === "string") zones.add(az);
    else unresolved++;
  }
  return { zones, unresolved };
}

/** Node groups of one pool share the cluster (name, or the resource it comes from) and the pool tag. */
function poolKey(ng: RuleResource): string {
  const tag = get(ng.props, "tags", POOL_TAG);
  if (typeof tag !== "string") return `node group ${ng.urn}`;
  const cluster = ng.props.clusterName;
  const clusterKey = typeof cluster === "string" ? cluster : (ng.propertyDependencies.clusterName ?? []).join(",");
  return `pool ${clusterKey}/${tag}`;
}

/** Why a node group's nodes must share one AZ, read from its inputs and its launch template's; none when nothing says so. */
function oneAzReasons(ng: RuleResource, byUrn: ByUrn): string[] {
  const reasons = ng.props.capacityType === "CAPACITY_BLOCK" ? [`node group ${ng.name} runs in a Capacity Block (capacityType CAPACITY_BLOCK)`] : [];
  for (const lt of dependenciesOf(ng, "launchTemplate", LAUNCH_TEMPLATE_TYPE, byUrn)) {
    for (const pg of dependenciesOf(lt, "placement", PLACEMENT_GROUP_TYPE, byUrn)) {
      if (pg.props.strategy === "cluster") reasons.push(`launch template ${lt.name} places the nodes in cluster placement group ${pg.name}`);
    }
    const id = get(lt.props, "capacityReservationSpecification", "capacityReservationTarget", "capacityReservationId");
    if (typeof id === "string") reasons.push(`launch template ${lt.name} targets Capacity Reservation ${id}`);
  }
  return reasons;
}

function poolVerdict(group: readonly RuleResource[], byUrn: ByUrn): Verdict {
  const all = group.map((ng) => zonesOf(ng, byUrn));
  const zones = new Set(all.flatMap((z) => [...z.zones]));
  if (zones.size >= MIN_POOL_ZONES) return PASS;
  if (all.some((z) => z.unresolved > 0)) return undecided("the AZ of some subnets is unknown (unknown until deploy, or subnets not created in this stack)");
  const tag = get(group[0].props, "tags", POOL_TAG);
  const who = typeof tag === "string" ? `pool "${tag}" (node groups ${group.map((g) => g.name).join(", ")})` : `node group ${group[0].name}`;
  const reasons = group.map((ng) => oneAzReasons(ng, byUrn));
  if (zones.size === 1 && reasons.every((r) => r.length > 0)) {
    return passedBecause(`${who} is in one AZ on purpose: ${[...new Set(reasons.flat())].join("; ")} (each lives in one AZ)`);
  }
  return [`${who} spans ${zones.size} AZ${zones.size === 1 ? "" : "s"} (${[...zones].join(", ") || "none"}); it needs at least ${MIN_POOL_ZONES}`];
}

function checkMultiAz(resources: readonly RuleResource[]): StackFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const pools = new Map<string, RuleResource[]>();
  for (const ng of resources.filter((r) => r.type === NODE_GROUP_TYPE)) pools.set(poolKey(ng), [...(pools.get(poolKey(ng)) ?? []), ng]);
  return [...[...pools.values()].flatMap((group) => {
    const verdict = poolVerdict(group, byUrn);
    return group.map((ng) => ({ urn: ng.urn, name: ng.name, type: ng.type, verdict }));
  }), ...nodePoolZoneFindings(resources, MIN_POOL_ZONES)];
}

const multiAz: StackRule = {
  kind: "stack", id: "EKS-NG-005", name: "eks-pool-multi-az",
  description: `Each worker pool's node groups together span at least ${MIN_POOL_ZONES} Availability Zones (per-zone pools aggregated by their ${POOL_TAG} tag, a karpenter pool's NodePools by their ${POOL_TAG} label and zone requirements); a one-AZ pool in a cluster placement group, a Capacity Block or one Capacity Reservation is one AZ on purpose and passes, the reason shown.`,
  enforcementLevel: "mandatory", mapping: MAPPINGS.multiAz,
  remediation: "List at least two AZs in workerpools:pools[].availabilityZones (or the cluster's network.availabilityZones).",
  check: checkMultiAz,
};

function publicIpReasons(ng: RuleResource, byUrn: ByUrn): string[] {
  const reasons: string[] = [];
  for (const s of dependenciesOf(ng, "subnetIds", SUBNET_TYPE, byUrn)) {
    if (looseBool(s.props.mapPublicIpOnLaunch) === true) reasons.push(`subnet ${s.name} maps public IPs on launch`);
  }
  for (const lt of dependenciesOf(ng, "launchTemplate", LAUNCH_TEMPLATE_TYPE, byUrn)) {
    const nics: unknown = lt.props.networkInterfaces;
    const list: unknown[] = Array.isArray(nics) ? nics : [];
    if (list.some((n) => looseBool(get(n, "associatePublicIpAddress")) === true)) reasons.push(`launch template ${lt.name} associates a public IP`);
  }
  return reasons;
}

function checkPrivateNodes(resources: readonly RuleResource[]): StackFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return resources.filter((r) => r.type === NODE_GROUP_TYPE).map((ng) => {
    const reasons = publicIpReasons(ng, byUrn);
    const unresolved = zonesOf(ng, byUrn).unresolved > 0 || isUnknown(ng.props.subnetIds);
    const verdict: Verdict = reasons.length > 0 ? reasons.map((r) => `nodes of ${ng.name} get public IPs: ${r}`)
      : unresolved ? undecided("some subnets are unknown or not created in this stack") : PASS;
    return { urn: ng.urn, name: ng.name, type: ng.type, verdict };
  }).concat(nodeClassPublicIpFindings(resources));
}

const privateNodes: StackRule = {
  kind: "stack", id: "EKS-NG-006", name: "eks-nodegroup-private-nodes",
  description: "Worker nodes get no public IP: their subnets (an EC2NodeClass: those its subnetSelectorTerms select) do not map public IPs on launch and their launch templates (EC2NodeClasses) associate none.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.privateNodes,
  remediation: "Place node groups in private subnets (the Network component's private subnets) and drop associatePublicIpAddress.",
  check: checkPrivateNodes,
};

/** Stack rules on node group placement. */
export const NODE_PLACEMENT_RULES: readonly StackRule[] = [multiAz, privateNodes];
