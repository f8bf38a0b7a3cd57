/**
 * EKS-KUBELET-008: a node group's kubelet maxPods (from its launch template's user data) is no more than the VPC CNI
 * can give pod IPs on its smallest instance type: ENIs × (IPv4 per ENI − 1) + 2, or with prefix delegation (vpc-cni
 * `ENABLE_PREFIX_DELEGATION`, Nitro types) ENIs × ((IPv4 per ENI − 1) × 16) + 2, one ENI fewer with custom networking
 * (components/kubelet max-pods.ts, the EKS AMI's formulas). More is legal, the node starts, but the scheduler places
 * pods up to maxPods and the ones past the node's IPs stay ContainerCreating, waiting for an address. Judged from what a
 * preview sees: the node group's instanceTypes, its launch template (property dependency) and the vpc-cni add-on's
 * configurationValues of the same cluster. A Karpenter EC2NodeClass is judged the same way: its maxPods (spec.kubelet over
 * its user data) against the fewest pod IPs over the types the NodePools naming it (spec.template.spec.nodeClassRef) list
 * in their `node.kubernetes.io/instance-type In` requirement (kubelet-max-pods-karpenter.ts).
 */
import { lookupKubelet } from "../kubelet-effective";
import { PASS, RuleResource, StackFinding, StackRule, Verdict, notApplicable, undecided } from "../rule";
import { describe, isUnknown } from "../rule-values";
import { kubeletOf } from "./kubelet-of";
import { MAPPINGS } from "./mappings";
import { nodeClassFindings } from "./kubelet-max-pods-karpenter";
import { Cni, CniMode, cniOf, fewestPodIps } from "./vpc-cni-mode";
import { ADDON_TYPE, LAUNCH_TEMPLATE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

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
  return fewestPodIps(types, mode);
}

function verdictOf(ng: RuleResource, byUrn: ReadonlyMap<string, RuleResource>, cniFor: (ng: RuleResource) => Cni): Verdict {
  const lt = launchTemplateOf(ng, byUrn);
  if (lt === undefined) return notApplicable("the node group has no launch template of this stack, so its maxPods is EKS's own");
  const k = kubeletOf(lt);
  if ("verdict" in k) return k.verdict;
  const maxPods = lookupKubelet(k.kubelet, ["maxPods"]);
  if (maxPods.value === undefined) return PASS;
  if (typeof maxPods.value !== "number") return undecided(`maxPods is ${describe(maxPods.value)}, not a number`);
  const cni = cniFor(ng);
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
  // The mode depends only on the node group's clusterName: read (and YAML-parse) once per cluster, not per node group.
  const byCluster = new Map<unknown, Cni>();
  const cniFor = (ng: RuleResource): Cni => {
    const key = typeof ng.props.clusterName === "string" ? ng.props.clusterName : undefined;
    const known = byCluster.get(key) ?? cniOf(ng, addons);
    byCluster.set(key, known);
    return known;
  };
  return [
    ...resources.filter((r) => r.type === NODE_GROUP_TYPE).map((ng) => ({ urn: ng.urn, name: ng.name, type: ng.type, verdict: verdictOf(ng, byUrn, cniFor) })),
    ...nodeClassFindings(resources, addons),
  ];
}

/** EKS-KUBELET-008 (mandatory: the stack plans, and a team that means it lowers the level). */
export const MAX_PODS_RULE: StackRule = {
  kind: "stack", id: "EKS-KUBELET-008", name: "eks-kubelet-max-pods-addressable",
  description: "A node group's or Karpenter EC2NodeClass's kubelet maxPods is no more than the VPC CNI can give pod IPs on its smallest instance type (for an EC2NodeClass, of the types its NodePools list; ENI or prefix-delegation formula, as the vpc-cni add-on is configured); pods past the node's IPs would wait in ContainerCreating.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.podDensity,
  remediation: "Lower workerpools:kubelet.maxPods / pools[].kubelet.maxPods (or leave it out: it is derived), enable workerpools:addons.vpcCni.prefixDelegation on Nitro types, or lower this rule's level if the extra pods use host networking.",
  check,
};
