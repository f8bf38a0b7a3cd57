/**
 * Which accelerator every node of a Karpenter NodePool carries, from its requirements: the explicit
 * `node.kubernetes.io/instance-type In` list (what the karpenter pool component renders for each band) or an
 * `karpenter.k8s.aws/instance-family In` list, each type judged by the shipped instance facts
 * (components/facts/data/instance-accelerators.json); else Karpenter's accelerator labels, which only accelerated types
 * carry (`instance-gpu-manufacturer In [nvidia]`; `instance-accelerator-manufacturer In [aws]` or
 * `instance-accelerator-name In` Inferentia / Trainium names). A NodePool that also allows types without the accelerator
 * is not judged: its taint would land on those nodes too.
 */
import { ACCELERATOR_COVERED_TYPES, ACCELERATOR_RESOURCES, acceleratorFacts } from "../../components/facts";
import { Verdict, notApplicable, undecided } from "../rule";
import { INSTANCE_TYPE_LABEL, Requirement, allowedValues } from "./node-pool";

export type Accelerator = keyof typeof ACCELERATOR_RESOURCES;

const KARPENTER_AWS = "karpenter.k8s.aws";
const FAMILY = `${KARPENTER_AWS}/instance-family`;
const GPU_MANUFACTURER = `${KARPENTER_AWS}/instance-gpu-manufacturer`;
const GPU_LABELS = [GPU_MANUFACTURER, `${KARPENTER_AWS}/instance-gpu-count`, `${KARPENTER_AWS}/instance-gpu-name`, `${KARPENTER_AWS}/instance-gpu-memory`];
const ACCELERATOR_MANUFACTURER = `${KARPENTER_AWS}/instance-accelerator-manufacturer`;
const ACCELERATOR_NAME = `${KARPENTER_AWS}/instance-accelerator-name`;

/** The accelerator of one type by the shipped facts; `unknown` for a type they do not cover. */
function kindOf(instanceType: string): Accelerator | "none" | "unknown" {
  const f = acceleratorFacts(instanceType);
  if (f === undefined) return "unknown";
  if (f.gpus?.vendor === "nvidia") return "nvidia";
  return f.neuron !== undefined ? "neuron" : "none";
}

/** The accelerator some of the instance types carry, by the shipped instance facts (a node group's list). */
export function byInstanceTypes(types: readonly string[]): Accelerator | undefined {
  const kinds = types.map(kindOf);
  if (kinds.includes("nvidia")) return "nvidia";
  return kinds.includes("neuron") ? "neuron" : undefined;
}

export type NodePoolAccelerator = { readonly accelerator: Accelerator; readonly by: string } | { readonly verdict: Verdict };

/** The accelerator of every type in `types` (`by` says which requirement listed them), or why there is none. */
function ofEveryType(types: readonly string[], by: string): NodePoolAccelerator {
  const kinds = new Set(types.map(kindOf));
  const accelerated = [...kinds].filter((k): k is Accelerator => k === "nvidia" || k === "neuron");
  if (accelerated.length === 1 && kinds.size === 1) return { accelerator: accelerated[0], by: `${by}: ${types.length} type(s), each with ${accelerated[0]} in the shipped instance facts` };
  if (accelerated.length === 0) return { verdict: notApplicable(`no accelerator on the types ${by} allows (${types.join(", ") || "none"})`) };
  if (kinds.has("unknown") && accelerated.length === 1 && !kinds.has("none")) {
    return { verdict: undecided(`${by} allows types the shipped instance facts do not cover (${types.filter((t) => kindOf(t) === "unknown").join(", ")})`) };
  }
  return { verdict: notApplicable(`${by} allows types that do not all carry one accelerator (${types.join(", ")}): one taint keyed by a resource would keep pods off the other nodes too`) };
}

const allMatch = (values: readonly string[] | undefined, test: (v: string) => boolean): boolean => values !== undefined && values.length > 0 && values.every(test);

/** The accelerator every node of a NodePool with these requirements carries, or the verdict when none (or not one) is told. */
export function nodePoolAccelerator(reqs: readonly Requirement[]): NodePoolAccelerator {
  const types = allowedValues(reqs, INSTANCE_TYPE_LABEL);
  if (types !== undefined) return ofEveryType(types, `${INSTANCE_TYPE_LABEL} In`);
  const families = allowedValues(reqs, FAMILY);
  const inFamilies = families === undefined ? [] : ACCELERATOR_COVERED_TYPES.filter((t) => families.includes(t.split(".")[0] ?? ""));
  if (inFamilies.length > 0) return ofEveryType(inFamilies, `${FAMILY} In ${JSON.stringify(families)}`);
  if (allMatch(allowedValues(reqs, GPU_MANUFACTURER), (v) => v === "nvidia")) return { accelerator: "nvidia", by: `${GPU_MANUFACTURER} In ["nvidia"]` };
  if (allMatch(allowedValues(reqs, ACCELERATOR_MANUFACTURER), (v) => v === "aws")) return { accelerator: "neuron", by: `${ACCELERATOR_MANUFACTURER} In ["aws"]` };
  if (allMatch(allowedValues(reqs, ACCELERATOR_NAME), (v) => /^(inferentia|trainium)/.test(v))) return { accelerator: "neuron", by: `${ACCELERATOR_NAME} In Inferentia/Trainium` };
  const gpu = reqs.find((r) => GPU_LABELS.includes(r.key) && ["In", "Gt", "Exists"].includes(r.operator));
  if (gpu !== undefined) return { verdict: undecided(`requirement ${gpu.key} ${gpu.operator} asks for GPUs without naming their manufacturer (${GPU_MANUFACTURER}) or the instance types`) };
  return { verdict: notApplicable("the requirements name neither instance types, families nor accelerator labels that only accelerated types carry") };
}
