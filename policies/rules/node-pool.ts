/**
 * Karpenter's NodePool (karpenter.sh/v1, registered by the karpenter pool component as a Kubernetes custom resource)
 * read as the node group rules read a node group: the instance types its `spec.template.spec.requirements` let Karpenter
 * launch, its taints, and the EC2NodeClass it names in `spec.template.spec.nodeClassRef`.
 */
import type { RuleResource } from "../rule";
import { UNKNOWN, Unknown, containsUnknown, get, isRecord, isUnknown } from "../rule-values";


/** Karpenter's well-known label of the instance type (Kubernetes' own `node.kubernetes.io/instance-type`). */
export const INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";

/** One NodePool requirement (a Kubernetes node selector requirement). */
export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

/** The NodePool's `spec.template.spec.requirements` (entries that are not requirements left out), or UNKNOWN. */
export function requirementsOf(np: RuleResource): readonly Requirement[] | Unknown {
  const raw = get(np.props.spec, "template", "spec", "requirements");
  if (isUnknown(np.props.spec) || isUnknown(raw) || containsUnknown(raw)) return UNKNOWN;
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).flatMap((r) => (typeof r.key === "string" && typeof r.operator === "string"
    ? [{ key: r.key, operator: r.operator, values: Array.isArray(r.values) ? r.values.filter((v): v is string => typeof v === "string") : [] }]
    : []));
}

/** The values of the `In` requirements on `key` (ANDed: their intersection), or undefined when none constrains it. */
export function allowedValues(reqs: readonly Requirement[], key: string): readonly string[] | undefined {
  const lists = reqs.filter((r) => r.key === key && r.operator === "In").map((r) => r.values);
  if (lists.length === 0) return undefined;
  return lists.reduce((a, b) => a.filter((v) => b.includes(v)));
}

/** The NodePool's `spec.template.spec.taints`, or UNKNOWN. */
export function nodePoolTaints(np: RuleResource): unknown {
  if (isUnknown(np.props.spec)) return UNKNOWN;
  return get(np.props.spec, "template", "spec", "taints");
}

/** The name of the EC2NodeClass the NodePool's `nodeClassRef` names (UNKNOWN, or undefined for another kind of node class). */
export function nodeClassNameOf(np: RuleResource): string | Unknown | undefined {
  if (isUnknown(np.props.spec)) return UNKNOWN;
  const ref = get(np.props.spec, "template", "spec", "nodeClassRef");
  if (isUnknown(ref) || containsUnknown(ref)) return UNKNOWN;
  const kind = get(ref, "kind");
  const name = get(ref, "name");
  return kind === "EC2NodeClass" && typeof name === "string" ? name : undefined;
}
