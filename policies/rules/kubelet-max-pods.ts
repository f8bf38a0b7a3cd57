/**
 * EKS-KUBELET-008: a node group's kubelet maxPods (from its launch template's user data) is no more than the VPC CNI
 * can give pod IPs on its smallest instance type: ENIs × (IPv4 per ENI − 1) + 2, or with prefix delegation (vpc-cni
 * `ENABLE_PREFIX_DELEGATION`, Nitro types) ENIs × ((IPv4 per ENI − 1) × 16) + 2, one ENI fewer with custom networking
 * (components/kubelet max-pods.ts, the EKS AMI's formulas). More is legal, the node starts, but the scheduler places
 * pods up to maxPods and the ones past the node's IPs stay ContainerCreating, waiting for an address. Judged from what a
 * preview sees: the node group's instanceTypes, its launch template (property dependency) and the vpc-cni add-on's
 * configurationValues of the same cluster.
 */
import * as YAML from "yaml";
import { recommendedMaxPods } from "../../components/kubelet";
import { lookupInstanceType } from "../../components/facts";
import { lookupKubelet } from "../kubelet-effective";
import { PASS, RuleResource, StackFinding, StackRule, Verdict, notApplicable, undecided } from "../rule";
import { describe, get, isRecord, isUnknown } from "../rule-values";
import { kubeletOf } from "./kubelet-of";
import { MAPPINGS } from "./mappings";
import { ADDON_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

/** How the VPC CNI assigns addresses, as its add-on configures it. */
interface CniMode {
  readonly prefixDelegation: boolean;
  readonly customNetworking: boolean;
  /** Where the mode was read, for messages. */
  readonly from: string;
}

type Cni = { readonly mode: CniMode } | { readonly verdict: Verdict };

const envFlag = (values: Readonly<Record<string, unknown>>, name: string): boolean => get(values, "env", name) === "true";

/** The vpc-cni add-on of the node group's cluster (by clusterName, else the only one); without one, EKS's default mode. */
function cniOf(ng: RuleResource, addons: readonly RuleResource[]): Cni {
  const cni = addons.filter((a) => a.props.addonName === "vpc-cni");
  const same = cni.filter((a) => typeof ng.props.clusterName === "string" && a.props.clusterName === ng.props.clusterName);
  const addon = same[0] ?? (cni.length === 1 ? cni[0] : undefined);
  if (addon === undefined) return { mode: { prefixDelegation: false, customNetworking: false, from: "no vpc-cni add-on in this stack: secondary IP mode assumed" } };
  const raw = addon.props.configurationValues;
  if (isUnknown(raw)) return { verdict: undecided("the vpc-cni add-on's configurationValues are unknown until deploy") };
  let values: unknown = {};
  try {
    values = typeof raw === "string" && raw.trim() !== "" ? YAML.parse(raw) : {};
  } catch {
    return { verdict: undecided(`the vpc-cni add-on's configurationValues are not JSON: ${describe(raw)}`) };
  }
  const v = isRecord(values) ? values : {};
  const prefixDelegation = envFlag(v, "ENABLE_PREFIX_DELEGATION");
  const customNetworking = envFlag(v, "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG");
  return { mode: { prefixDelegation, customNetworking, from: `vpc-cni ${addon.name}: prefix delegation ${prefixDelegation ? "on" : "off"}${customNetworking ? ", custom networking" : ""}` } };
}

/** The launch template the node group was given (through its `launchTemplate` property dependency). */
function launchTemplateOf(ng: RuleResource, byUrn: ReadonlyMap<string, RuleResource>): RuleResource | undefined {
  return (ng.propertyDependencies.launchTemplate ?? []).map((u) => byUrn.get(u)).find((r) => r?.type === LAUNCH_TEMPLATE_TYPE);
}

/** The fewest pod IPs over the node group's types (or, when it lists none, its launch template's one type, as a Capacity Block's), with the arithmetic; or why it cannot be told. */
function addressable(ng: RuleResource, lt: RuleResource, mode: CniMode): { readonly pods: number; readonly why: string } | { readonly verdict: Verdict } {
  const types = ng.props.instanceTypes === undefined && typeof lt.props.instanceType === "string" ? [lt.props.instanceType] : ng.props.instanceTypes;
  if (isUnknown(types)) return { verdict: undecided("instanceTypes are unknown until deploy") };
  if (!Array.isArray(types) || types.length === 0 || !types.every((t): t is string => typeof t === "string")) {
    return { verdict: undecided(`instanceTypes are ${describe(types)}; the types may be in the launch template, which this rule does not read`) };
  }
  const unknown = types.filter((t) => lookupInstanceType(t) === undefined);
  if (unknown.length > 0) return { verdict: undecided(`${unknown.join(", ")} not in the shipped instance table (components/facts/data/instance-types.json)`) };
  const each = types.map((t) => {
    const facts = lookupInstanceType(t);
    return facts ? recommendedMaxPods(facts, { prefixDelegation: mode.prefixDelegation, customNetworking: mode.customNetworking, cap: "none" }) : undefined;
  }).filter((x) => x !== undefined);
  const least = each.reduce((a, b) => (b.raw < a.raw ? b : a));
  return { pods: least.raw, why: `${least.type} (${least.formula}; ${mode.from})` };
}

function verdictOf(ng: RuleResource, byUrn: ReadonlyMap<string, RuleResource>, addons: readonly RuleResource[]): Verdict {
  const lt = launchTemplateOf(ng, byUrn);
  if (lt === undefined) return notApplicable("the node group has no launch template of this stack, so its maxPods is EKS's own");
  const k = kubeletOf(lt);
  if ("verdict" in k) return k.verdict;
  const maxPods = lookupKubelet(k.kubelet, ["maxPods"]);
  if (maxPods.value === undefined) return PASS;
  if (typeof maxPods.value !== "number") return undecided(`maxPods is ${describe(maxPods.value)}, not a number`);
  const cni = cniOf(ng, addons);
  if ("verdict" in cni) return cni.verdict;
  const limit = addressable(ng, lt, cni.mode);
  if ("verdict" in limit) return limit.verdict;
  if (maxPods.value <= limit.pods) return PASS;
  return [
    `maxPods ${maxPods.value} (from ${maxPods.origin ?? "the launch template"} on ${k.kubelet.os}) is more than the ${limit.pods} pod IPs the VPC CNI can give on ${limit.why}: the scheduler places up to ${maxPods.value} pods on a node and those past ${limit.pods} stay ContainerCreating waiting for an IP`,
  ];
}

function check(resources: readonly RuleResource[]): StackFinding[] {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const addons = resources.filter((r) => r.type === ADDON_TYPE);
  return resources.filter((r) => r.type === NODE_GROUP_TYPE).map((ng) => ({ urn: ng.urn, name: ng.name, type: ng.type, verdict: verdictOf(ng, byUrn, addons) }));
}

/** EKS-KUBELET-008 (mandatory: the stack plans, and a team that means it lowers the level). */
export const MAX_PODS_RULE: StackRule = {
  kind: "stack", id: "EKS-KUBELET-008", name: "eks-kubelet-max-pods-addressable",
  description: "A node group's kubelet maxPods is no more than the VPC CNI can give pod IPs on its smallest instance type (ENI or prefix-delegation formula, as the vpc-cni add-on is configured); pods past the node's IPs would wait in ContainerCreating.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.podDensity,
  remediation: "Lower workerpools:kubelet.maxPods / pools[].kubelet.maxPods (or leave it out: it is derived), enable workerpools:addons.vpcCni.prefixDelegation on Nitro types, or lower this rule's level if the extra pods use host networking.",
  check,
};
