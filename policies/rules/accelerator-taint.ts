/**
 * EKS-NG-009: a GPU or Neuron node group carries a NoSchedule/NoExecute taint keyed by its accelerator's resource, so
 * pods that need no accelerator stay off the expensive nodes. The accelerator is read from the node group's own inputs:
 * `amiType` (the _NVIDIA / _NEURON variants of the shipped variant table), and where that type serves standard and
 * accelerated types alike (Bottlerocket's standard variant on Inferentia/Trainium, a custom AMI) its `instanceTypes`
 * in the shipped instance facts. A Karpenter NodePool is judged when its requirements let Karpenter launch only
 * accelerated types of one kind (node-pool-accelerator.ts), with its `spec.template.spec.taints`.
 */
import { ACCELERATOR_RESOURCES, EKS_AMI_VARIANTS } from "../../components/facts";
import { PASS, ResourceRule, RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { containsUnknown, describe, isRecord, isUnknown, stringList } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { nodePoolTaints, requirementsOf } from "./node-pool";
import { Accelerator, byInstanceTypes, nodePoolAccelerator } from "./node-pool-accelerator";
import { NODE_GROUP_TYPE, NODE_POOL_TYPE } from "../../components/core";

/** Taint effects that keep pods without a toleration off the node (EKS API and Kubernetes spellings). */
const KEEPS_OFF = new Set(["NO_SCHEDULE", "NO_EXECUTE", "NoSchedule", "NoExecute"]);

const NAMES: Readonly<Record<Accelerator, string>> = { nvidia: "NVIDIA GPUs", neuron: "AWS Neuron devices" };

/** The accelerator of the node group's AMI type, when every variant of that type carries one. */
function byAmiType(amiType: unknown): Accelerator | undefined {
  const kinds = new Set(EKS_AMI_VARIANTS.filter((v) => v.amiType === amiType).map((v) => v.accelerator));
  const [only] = [...kinds];
  return kinds.size === 1 && only !== "none" ? only : undefined;
}

/** The verdict on `taints` of nodes carrying `accelerator`; `subject` names them for the message. */
function judgeTaints(taints: unknown, accelerator: Accelerator, subject: string): Verdict {
  if (isUnknown(taints) || containsUnknown(taints)) return undecided("taints are unknown until deploy");
  const list = Array.isArray(taints) ? taints.filter(isRecord) : [];
  const resources: readonly string[] = ACCELERATOR_RESOURCES[accelerator];
  const keepsOff = list.filter((t) => typeof t.effect === "string" && KEEPS_OFF.has(t.effect));
  if (keepsOff.some((t) => typeof t.key === "string" && resources.includes(t.key))) return PASS;
  const other = keepsOff.map((t) => `${describe(t.key)}:${describe(t.effect)}`);
  const aside = other.length > 0
    ? `; its ${other.join(", ")} keeps other pods off too, but then every ${accelerator} pod needs that toleration written out, while EKS's ExtendedResourceToleration admission tolerates a taint keyed ${resources[0]} for each pod that requests the resource`
    : "";
  return [`${subject.replace("%s", NAMES[accelerator])} has no NoSchedule or NoExecute taint keyed ${resources.join(" or ")}: pods that request no accelerator are scheduled on its nodes and take the capacity accelerated pods need${aside}`];
}

function nodeGroupVerdict(r: RuleResource): Verdict {
  const { amiType, instanceTypes, taints } = r.props;
  if (isUnknown(amiType) || isUnknown(instanceTypes) || containsUnknown(instanceTypes)) return undecided("amiType or instanceTypes is unknown until deploy");
  const accelerator = byAmiType(amiType) ?? byInstanceTypes(stringList(instanceTypes) ?? []);
  if (accelerator === undefined) return notApplicable(`no accelerator (amiType ${describe(amiType)}, instanceTypes ${describe(instanceTypes)})`);
  return judgeTaints(taints, accelerator, `node group with %s (amiType ${describe(amiType)})`);
}

function nodePoolVerdict(r: RuleResource): Verdict {
  const reqs = requirementsOf(r);
  if (isUnknown(reqs)) return undecided("spec.template.spec.requirements are unknown until deploy");
  const found = nodePoolAccelerator(reqs);
  if ("verdict" in found) return found.verdict;
  return judgeTaints(nodePoolTaints(r), found.accelerator, `Karpenter NodePool with %s (${found.by})`);
}

const acceleratorTaint: ResourceRule = {
  kind: "resource", id: "EKS-NG-009", name: "eks-nodegroup-accelerator-taint",
  description: "GPU and Neuron node groups, and Karpenter NodePools whose requirements allow only GPU or only Neuron types, carry a NoSchedule or NoExecute taint keyed by their accelerator's resource (nvidia.com/gpu, aws.amazon.com/neuron), so general pods do not take the expensive nodes.",
  enforcementLevel: "advisory", mapping: MAPPINGS.taintGpuNodes, resourceTypes: [NODE_GROUP_TYPE, NODE_POOL_TYPE],
  remediation: "Add to workerpools:pools[].taints { key: nvidia.com/gpu (NVIDIA) or aws.amazon.com/neuron (Neuron), value: \"true\", effect: NoSchedule }; the platform's device plugin release tolerates the pool's taints.",
  check: (r) => (r.type === NODE_POOL_TYPE ? nodePoolVerdict(r) : nodeGroupVerdict(r)),
};

/** The accelerator taint rule. */
export const ACCELERATOR_TAINT_RULES: readonly ResourceRule[] = [acceleratorTaint];
