/**
 * EKS-KUBELET-008 on Karpenter: an EC2NodeClass's maxPods (its spec.kubelet over its user data's kubelet config) against
 * the fewest pod IPs over every type a NodePool naming it (spec.template.spec.nodeClassRef.name) lists in its
 * `node.kubernetes.io/instance-type In` requirement, the karpenter pool component's explicit list per vCPU band. A
 * NodePool without such a list lets Karpenter pick from the whole fleet, which the rule cannot bound: undecided.
 */
import { lookupKubelet } from "../kubelet-effective";
import { PASS, RuleResource, StackFinding, Verdict, notApplicable, undecided } from "../rule";
import { describe, get, isUnknown } from "../rule-values";
import { kubeletOf } from "./kubelet-of";
import { INSTANCE_TYPE_LABEL, allowedValues, nodeClassNameOf, requirementsOf } from "./node-pool";
import { cniOf, fewestPodIps } from "./vpc-cni-mode";
import { EC2_NODE_CLASS_TYPE, NODE_POOL_TYPE } from "../../components/core";

/** Karpenter's subnet discovery tag, whose value the karpenter pool component sets to the cluster's name. */
const DISCOVERY_TAG = "karpenter.sh/discovery";

/** The maxPods the EC2NodeClass's nodes run with and where it was read, undefined when neither layer sets it; or the verdict. */
function maxPodsOf(nc: RuleResource): { readonly value: unknown; readonly origin: string } | undefined | { readonly verdict: Verdict } {
  const k = kubeletOf(nc);
  if (!("verdict" in k)) {
    const v = lookupKubelet(k.kubelet, ["maxPods"]);
    return v.value === undefined ? undefined : { value: v.value, origin: `${v.origin ?? "the EC2NodeClass"} on ${k.kubelet.os}` };
  }
  // No user data of ours (Karpenter's generated bootstrap): spec.kubelet alone.
  const typed = isUnknown(nc.props.spec) ? nc.props.spec : get(nc.props.spec, "kubelet", "maxPods");
  if (isUnknown(typed)) return { verdict: undecided("spec.kubelet is unknown until deploy") };
  if (typed !== undefined) return { value: typed, origin: "EC2NodeClass spec.kubelet" };
  return "notApplicable" in k.verdict ? undefined : k;
}

/** The instance types the NodePools naming the EC2NodeClass list (their union), or why they cannot be told. */
function typesOf(pools: readonly RuleResource[]): { readonly types: readonly string[] } | { readonly verdict: Verdict } {
  const types = new Set<string>();
  for (const np of pools) {
    const reqs = requirementsOf(np);
    if (isUnknown(reqs)) return { verdict: undecided(`NodePool ${np.name}'s requirements are unknown until deploy`) };
    const listed = allowedValues(reqs, INSTANCE_TYPE_LABEL);
    if (listed === undefined || listed.length === 0) return { verdict: undecided(`NodePool ${np.name} lists no ${INSTANCE_TYPE_LABEL} In requirement, so the types Karpenter may launch are not bounded here`) };
    listed.forEach((t) => types.add(t));
  }
  return { types: [...types] };
}

function verdictOf(nc: RuleResource, pools: readonly RuleResource[], addons: readonly RuleResource[]): Verdict {
  if (pools.length === 0) return notApplicable("no NodePool of this stack names the EC2NodeClass, so no node is launched with it");
  const maxPods = maxPodsOf(nc);
  if (maxPods === undefined) return PASS;
  if ("verdict" in maxPods) return maxPods.verdict;
  if (typeof maxPods.value !== "number") return undecided(`maxPods is ${describe(maxPods.value)}, not a number`);
  const listed = typesOf(pools);
  if ("verdict" in listed) return listed.verdict;
  const subnetTag = get(nc.props.spec, "subnetSelectorTerms");
  const clusterName = Array.isArray(subnetTag) ? subnetTag.map((t) => get(t, "tags", DISCOVERY_TAG)).find((v) => typeof v === "string") : undefined;
  const cni = cniOf({ props: { clusterName } }, addons);
  if ("verdict" in cni) return cni.verdict;
  const limit = fewestPodIps(listed.types, cni.mode);
  if ("verdict" in limit) return limit.verdict;
  if (maxPods.value <= limit.pods) return PASS;
  return [
    `maxPods ${maxPods.value} (from ${maxPods.origin}) is more than the ${limit.pods} pod IPs the VPC CNI can give on ${limit.why}, a type NodePool ${pools.map((p) => p.name).join(", ")} lets Karpenter launch with this EC2NodeClass: the scheduler places up to ${maxPods.value} pods on such a node and those past ${limit.pods} stay ContainerCreating waiting for an IP`,
  ];
}

/** One finding per EC2NodeClass of the stack. */
export function nodeClassFindings(resources: readonly RuleResource[], addons: readonly RuleResource[]): StackFinding[] {
  const pools = resources.filter((r) => r.type === NODE_POOL_TYPE);
  return resources.filter((r) => r.type === EC2_NODE_CLASS_TYPE).map((nc) => {
    const name = get(nc.props.metadata, "name");
    const naming = pools.filter((np) => { const ref = nodeClassNameOf(np); return typeof ref === "string" && ref === name; });
    const unknownRef = pools.some((np) => isUnknown(nodeClassNameOf(np)));
    const verdict = naming.length === 0 && unknownRef ? undecided("a NodePool's nodeClassRef is unknown until deploy") : verdictOf(nc, naming, addons);
    return { urn: nc.urn, name: nc.name, type: nc.type, verdict };
  });
}
