/**
 * EKS-NG-005 and EKS-NG-006 in Karpenter's terms. A karpenter pool's NodePools (one per vCPU band, grouped by their
 * `workerpools/pool` template label) together allow at least two AZs: their `topology.kubernetes.io/zone In` lists, else
 * the AZs of the subnets their EC2NodeClass selects. An EC2NodeClass gives no public IP: `spec.associatePublicIPAddress`
 * is not true and no subnet its `subnetSelectorTerms` select maps public IPs on launch. Subnets are matched by tags: the
 * subnet's own `tags` or the `aws.ec2.Tag` resources on it (the karpenter component tags the private subnets with
 * `karpenter.sh/discovery` that way), a term's value `*` matching every value.
 */
import { PASS, RuleResource, StackFinding, Verdict, undecided } from "../rule";
import { get, isRecord, isUnknown, looseBool } from "../rule-values";
import { allowedValues, nodeClassNameOf, requirementsOf } from "./node-pool";
import { EC2_NODE_CLASS_TYPE, EC2_TAG_TYPE, NODE_POOL_TYPE, SUBNET_TYPE } from "../../components/core";

const ZONE = "topology.kubernetes.io/zone";
const POOL_LABEL = "workerpools/pool";

type Selected = { readonly subnets: readonly RuleResource[] } | { readonly verdict: Verdict };

/** Each resource of `type`'s tags: its own and those of the `aws.ec2.Tag` resources whose `resourceId` came from it. */
export function resourceTags(resources: readonly RuleResource[], type = SUBNET_TYPE): Map<RuleResource, Record<string, unknown>> {
  const subnets = resources.filter((r) => r.type === type);
  const byUrn = new Map(subnets.map((s) => [s.urn, s]));
  const tags = new Map(subnets.map((s) => [s, isRecord(s.props.tags) ? { ...s.props.tags } : {}] as const));
  for (const t of resources.filter((r) => r.type === EC2_TAG_TYPE && typeof r.props.key === "string")) {
    for (const u of t.propertyDependencies.resourceId ?? []) {
      const s = byUrn.get(u);
      if (s) tags.set(s, { ...tags.get(s), [String(t.props.key)]: t.props.value });
    }
  }
  return tags;
}

/**
 * The resources of this stack an EC2NodeClass's selector terms (`field`: `subnetSelectorTerms`,
 * `securityGroupSelectorTerms`) select by tags (terms ORed, a term's tags ANDed); `unresolved` when a term selects by
 * id or name, which is not matched here.
 */
export function selectedBy(nc: RuleResource, field: string, tags: ReadonlyMap<RuleResource, Record<string, unknown>>): { readonly selected: readonly RuleResource[]; readonly unresolved: boolean } | { readonly verdict: Verdict } {
  const terms = get(nc.props.spec, field);
  if (isUnknown(terms) || isUnknown(nc.props.spec)) return { verdict: undecided(`spec.${field} are unknown until deploy`) };
  const list = Array.isArray(terms) ? terms.filter(isRecord) : [];
  const byTags = list.filter((t) => isRecord(t.tags) && t.id === undefined && t.name === undefined);
  const matches = (own: Record<string, unknown>, want: Record<string, unknown>): boolean =>
    Object.entries(want).every(([k, v]) => own[k] !== undefined && (v === "*" || own[k] === v));
  const selected = [...tags.entries()].filter(([, own]) => byTags.some((t) => matches(own, t.tags as Record<string, unknown>))).map(([s]) => s);
  return { selected, unresolved: byTags.length < list.length };
}

/** The subnets an EC2NodeClass selects, or why they cannot be told. */
function selectedSubnets(nc: RuleResource, tags: ReadonlyMap<RuleResource, Record<string, unknown>>): Selected {
  const found = selectedBy(nc, "subnetSelectorTerms", tags);
  if ("verdict" in found) return found;
  if (found.unresolved) return { verdict: undecided("spec.subnetSelectorTerms select subnets by id, which this rule does not resolve") };
  return found.selected.length > 0 ? { subnets: found.selected } : { verdict: undecided("spec.subnetSelectorTerms select no subnet created in this stack") };
}

/** EKS-NG-006: one finding per EC2NodeClass. */
export function nodeClassPublicIpFindings(resources: readonly RuleResource[]): StackFinding[] {
  const tags = resourceTags(resources);
  return resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE).map((nc) => {
    const reasons = looseBool(get(nc.props.spec, "associatePublicIPAddress")) === true ? ["spec.associatePublicIPAddress is true"] : [];
    const selected = selectedSubnets(nc, tags);
    if ("subnets" in selected) for (const s of selected.subnets) if (looseBool(s.props.mapPublicIpOnLaunch) === true) reasons.push(`its subnetSelectorTerms select subnet ${s.name}, which maps public IPs on launch`);
    const verdict: Verdict = reasons.length > 0 ? reasons.map((r) => `nodes of EC2NodeClass ${nc.name} get public IPs: ${r}`) : "verdict" in selected ? selected.verdict : PASS;
    return { urn: nc.urn, name: nc.name, type: nc.type, verdict };
  });
}

/** The AZs one NodePool allows: its zone requirement, else its EC2NodeClass's subnets' AZs; or why they cannot be told. */
function zonesOf(np: RuleResource, classes: ReadonlyMap<unknown, RuleResource>, tags: ReadonlyMap<RuleResource, Record<string, unknown>>): { readonly zones: readonly string[] } | { readonly verdict: Verdict } {
  const reqs = requirementsOf(np);
  if (isUnknown(reqs)) return { verdict: undecided("spec.template.spec.requirements are unknown until deploy") };
  const listed = allowedValues(reqs, ZONE);
  if (listed !== undefined) return { zones: listed };
  const nc = classes.get(nodeClassNameOf(np));
  if (nc === undefined) return { verdict: undecided(`NodePool ${np.name} names no ${ZONE} and no EC2NodeClass of this stack`) };
  const selected = selectedSubnets(nc, tags);
  if ("verdict" in selected) return selected;
  const azs = selected.subnets.map((s) => s.props.availabilityZone);
  return azs.every((z): z is string => typeof z === "string") ? { zones: azs } : { verdict: undecided("the AZ of some selected subnets is unknown") };
}

/** EKS-NG-005: the NodePools of one karpenter pool, judged together. */
export function nodePoolZoneFindings(resources: readonly RuleResource[], minZones: number): StackFinding[] {
  const tags = resourceTags(resources);
  const classes = new Map(resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE).map((r) => [get(r.props.metadata, "name"), r] as const));
  const pools = new Map<string, RuleResource[]>();
  for (const np of resources.filter((r) => r.type === NODE_POOL_TYPE)) {
    const label = get(np.props.spec, "template", "metadata", "labels", POOL_LABEL);
    const key = typeof label === "string" ? `pool ${label}` : `NodePool ${np.urn}`;
    pools.set(key, [...(pools.get(key) ?? []), np]);
  }
  return [...pools.entries()].flatMap(([key, group]) => {
    const each = group.map((np) => zonesOf(np, classes, tags));
    const open = each.find((z) => "verdict" in z);
    const zones = new Set(each.flatMap((z) => ("zones" in z ? z.zones : [])));
    const who = `karpenter ${key} (NodePools ${group.map((g) => g.name).join(", ")})`;
    const verdict: Verdict = zones.size >= minZones ? PASS : open !== undefined && "verdict" in open ? open.verdict
      : [`${who} allows ${zones.size} AZ${zones.size === 1 ? "" : "s"} (${[...zones].join(", ") || "none"}); it needs at least ${minZones}`];
    return group.map((np) => ({ urn: np.urn, name: np.name, type: np.type, verdict }));
  });
}
