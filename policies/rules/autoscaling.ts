/** Autoscaling rules: a node group whose size may vary has an autoscaler to vary it. */
import { PASS, RuleResource, StackFinding, StackRule, Verdict, undecided } from "../rule";
import { get, isUnknown } from "../rule-values";
import { MAPPINGS } from "./mappings";
import { HELM_RELEASE_TYPE, NODE_GROUP_TYPE } from "../../components/core";

/** Charts of the autoscalers that resize managed node groups (Karpenter launches its own nodes and resizes none). */
export const NODE_GROUP_AUTOSCALER_CHARTS: readonly string[] = ["cluster-autoscaler"];

function verdict(group: RuleResource, autoscaler: RuleResource | undefined): Verdict {
  const [min, max, desired] = ["minSize", "maxSize", "desiredSize"].map((k) => get(group.props, "scalingConfig", k));
  if (isUnknown(min) || isUnknown(max)) return undecided("scalingConfig is unknown until deploy");
  if (typeof min !== "number" || typeof max !== "number" || min >= max || autoscaler !== undefined) return PASS;
  return [`node group ${group.name} may hold ${min} to ${max} nodes, but no autoscaler is installed: it stays at its desired size (${String(desired)}) until someone resizes it`];
}

function checkAutoscaled(resources: readonly RuleResource[]): StackFinding[] {
  const autoscaler = resources.find((r) => r.type === HELM_RELEASE_TYPE && NODE_GROUP_AUTOSCALER_CHARTS.includes(String(r.props.chart)));
  return resources.filter((r) => r.type === NODE_GROUP_TYPE).map((g) => ({ urn: g.urn, name: g.name, type: g.type, verdict: verdict(g, autoscaler) }));
}

const autoscaled: StackRule = {
  kind: "stack", id: "EKS-NG-010", name: "eks-nodegroup-autoscaled",
  description: "A node group whose min size is below its max size has an autoscaler (the Cluster Autoscaler) that resizes it; without one it stays at its desired size.",
  enforcementLevel: "advisory", mapping: MAPPINGS.operateAutoscaler,
  remediation: "Set workerpools:autoscaling.clusterAutoscaler.enabled to true, or give the pool min equal to max if its size is fixed on purpose.",
  check: checkAutoscaled,
};

/** Rules on autoscaling. */
export const AUTOSCALING_RULES: readonly StackRule[] = [autoscaled];
