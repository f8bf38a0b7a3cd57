/**
 * Karpenter instance requirements: matched against the shipped instance table (so every rule of the pool model sees the
 * exact types Karpenter may launch) and rendered as NodePool `requirements`. Pure.
 */
import { KNOWN_INSTANCE_TYPES, lookupInstanceType } from "../facts";
import type { Architecture } from "../worker-pool";
import type { InstanceRequirements, IntRange, KarpenterCapacityType } from "./karpenter-args";

/** Category and generation as Karpenter labels them (`karpenter.k8s.aws/instance-category`, `-generation`): `m6i` → m, 6. */
export function instanceCategory(instanceType: string): { readonly category: string; readonly generation: number } | undefined {
  const m = /^([a-z]+)-?(\d+)/.exec(instanceType.split(".")[0] ?? "");
  return m ? { category: m[1], generation: Number(m[2]) } : undefined;
}

const inRange = (v: number | undefined, r: IntRange | undefined): boolean =>
  r === undefined || (v !== undefined && (r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max));

/** The shipped types of `architecture` meeting `req`, in table order (bare metal left out: Karpenter excludes it unless asked). */
export function matchInstanceTypes(req: InstanceRequirements, architecture: Architecture): string[] {
  return KNOWN_INSTANCE_TYPES.filter((t) => {
    const f = lookupInstanceType(t);
    const c = instanceCategory(t);
    if (!f || !c || f.architecture !== architecture || f.hypervisor === "none") return false;
    if (req.categories !== undefined && !req.categories.includes(c.category)) return false;
    return inRange(c.generation, req.generations) && inRange(f.vcpus, req.cpu);
  });
}

/** A NodePool requirement (a Kubernetes node selector requirement). */
export interface NodeRequirement {
  readonly key: string;
  readonly operator: "In" | "NotIn" | "Gt" | "Lt" | "Exists" | "DoesNotExist";
  readonly values?: readonly string[];
}

const KARPENTER_CAPACITY: Readonly<Record<KarpenterCapacityType, string>> = { SPOT: "spot", ON_DEMAND: "on-demand" };
const KUBERNETES_ARCH: Readonly<Record<Architecture, string>> = { x86_64: "amd64", arm64: "arm64" };

function rangeRequirements(key: string, r: IntRange | undefined): NodeRequirement[] {
  if (r === undefined) return [];
  return [
    ...(r.min !== undefined ? [{ key, operator: "Gt" as const, values: [String(r.min - 1)] }] : []),
    ...(r.max !== undefined ? [{ key, operator: "Lt" as const, values: [String(r.max + 1)] }] : []),
  ];
}

/** What the NodePool's requirements are made of. */
export interface RequirementsInput {
  readonly architecture: Architecture;
  readonly capacityTypes: readonly KarpenterCapacityType[];
  readonly availabilityZones: readonly string[];
  readonly instanceRequirements: InstanceRequirements;
  /** The matched types: listed too, so no type outside the table (whose max pods we cannot compute) is ever launched. */
  readonly instanceTypes: readonly string[];
}

/**
 * The NodePool requirements: OS, architecture, capacity types, AZs, the requirements as written (category, generation,
 * vCPUs, in Karpenter's well-known labels), and the matched instance types.
 */
export function renderRequirements(i: RequirementsInput): NodeRequirement[] {
  const r = i.instanceRequirements;
  return [
    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
    { key: "kubernetes.io/arch", operator: "In", values: [KUBERNETES_ARCH[i.architecture]] },
    { key: "karpenter.sh/capacity-type", operator: "In", values: i.capacityTypes.map((c) => KARPENTER_CAPACITY[c]) },
    { key: "topology.kubernetes.io/zone", operator: "In", values: [...i.availabilityZones] },
    ...(r.categories !== undefined ? [{ key: "karpenter.k8s.aws/instance-category", operator: "In" as const, values: [...r.categories] }] : []),
    ...rangeRequirements("karpenter.k8s.aws/instance-generation", r.generations),
    ...rangeRequirements("karpenter.k8s.aws/instance-cpu", r.cpu),
    { key: "node.kubernetes.io/instance-type", operator: "In", values: [...i.instanceTypes] },
  ];
}
