/**
 * The per-node-group rules in Karpenter's terms, for the node group rules to call on a NodePool or EC2NodeClass:
 * EKS-NG-002's rollout bound is a NodePool's disruption budgets (drift replaces nodes within them), EKS-NG-004's Spot
 * diversity a Spot-only NodePool's instance-type list, EKS-NG-007's EKS AMI an EC2NodeClass's `amiSelectorTerms`
 * (an alias selects the EKS-optimized AMI of a release; an id, name, tags or SSM parameter the owner's image).
 */
import { PASS, RuleResource, Verdict, notApplicable, passedBecause, undecided } from "../rule";
import { containsUnknown, describe, get, isRecord, isUnknown } from "../rule-values";
import { INSTANCE_TYPE_LABEL, allowedValues, requirementsOf } from "./node-pool";

/** The NodePool CRD's default `spec.disruption.budgets` (components/facts/data/karpenter-crds.json). */
const DEFAULT_BUDGET_NODES = "10%";

/** True when the budget's `nodes` lets every node of the NodePool be disrupted at once (`100%`). */
const allowsAll = (nodes: unknown): boolean => typeof nodes === "string" && /^100%$/.test(nodes.trim());

/** EKS-NG-002 on a NodePool: a budget that holds at every time and for drift keeps some nodes in service. */
export function disruptionBudgetVerdict(np: RuleResource): Verdict {
  const budgets = isUnknown(np.props.spec) ? np.props.spec : get(np.props.spec, "disruption", "budgets");
  if (isUnknown(budgets) || containsUnknown(budgets)) return undecided("spec.disruption.budgets are unknown until deploy");
  if (budgets === undefined) return passedBecause(`no spec.disruption.budgets: the CRD's default budget, nodes ${DEFAULT_BUDGET_NODES}, bounds the rollout`);
  const list = Array.isArray(budgets) ? budgets.filter(isRecord) : [];
  // A scheduled budget holds only in its window; one with reasons that leave out Drifted does not bound a rollout.
  const always = list.filter((b) => b.schedule === undefined && (!Array.isArray(b.reasons) || b.reasons.includes("Drifted")));
  const bounding = always.filter((b) => !allowsAll(b.nodes));
  if (bounding.length > 0) return PASS;
  const shown = always.length > 0 ? `its budgets for drift at every time allow ${always.map((b) => describe(b.nodes)).join(", ")}` : "no budget holds at every time for drift";
  return [`NodePool spec.disruption.budgets ${describe(budgets)}: ${shown}, so a drift (a new AMI or EC2NodeClass change at pulumi up) may replace every node of the NodePool at once`];
}

/** Fewest instance types a Spot node group or Spot-only NodePool should allow. */
export const MIN_SPOT_INSTANCE_TYPES = 3;

/** EKS-NG-004 on a NodePool: a Spot-only NodePool lists several instance types (or none: every type its requirements allow). */
export function nodePoolSpotVerdict(np: RuleResource): Verdict {
  const reqs = requirementsOf(np);
  if (isUnknown(reqs)) return undecided("spec.template.spec.requirements are unknown until deploy");
  const capacity = allowedValues(reqs, "karpenter.sh/capacity-type");
  if (capacity === undefined || !capacity.every((c) => c === "spot")) return notApplicable(`not a Spot-only NodePool (karpenter.sh/capacity-type ${describe(capacity)}; without spot only, Karpenter falls back to on-demand)`);
  const types = allowedValues(reqs, INSTANCE_TYPE_LABEL);
  if (types === undefined) return passedBecause(`no ${INSTANCE_TYPE_LABEL} In list: Karpenter picks from every type the other requirements allow`);
  const n = types.length;
  return n >= MIN_SPOT_INSTANCE_TYPES ? PASS : [`a Spot-only NodePool allowing ${n} instance type${n === 1 ? "" : "s"} (${describe(types)}); allow at least ${MIN_SPOT_INSTANCE_TYPES}`];
}

/** EKS-NG-007 on an EC2NodeClass: every `amiSelectorTerms` entry is an alias (an EKS-optimized AMI release). */
export function nodeClassAmiVerdict(nc: RuleResource): Verdict {
  const terms = isUnknown(nc.props.spec) ? nc.props.spec : get(nc.props.spec, "amiSelectorTerms");
  if (isUnknown(terms) || containsUnknown(terms)) return undecided("spec.amiSelectorTerms are unknown until deploy");
  const own = (Array.isArray(terms) ? terms.filter(isRecord) : []).filter((t) => t.alias === undefined);
  if (own.length === 0) return PASS;
  return [`spec.amiSelectorTerms ${describe(own)} select the owner's image, not an EKS-optimized AMI alias: no EKS AMI release reaches its nodes; its kernel, containerd and kubelet fixes wait until its owner rebuilds it and sets a new imageId`];
}
