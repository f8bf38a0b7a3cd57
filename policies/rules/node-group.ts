/** Per-node-group rules: rollout settings, auto-repair and its thresholds, Spot diversification (remote access: remote-access.ts). */
import { PASS, ResourceRule, RuleResource, Verdict, notApplicable, undecided } from "../rule";
import { containsUnknown, describe, get, isUnknown } from "../rule-values";
import { MIN_SPOT_INSTANCE_TYPES, disruptionBudgetVerdict, nodeClassAmiVerdict, nodePoolSpotVerdict } from "./karpenter-node-rules";
import { MAPPINGS } from "./mappings";
import { EC2_NODE_CLASS_TYPE, NODE_GROUP_TYPE, NODE_POOL_TYPE } from "../../components/core";


function updateVerdict(r: RuleResource): Verdict {
  const update = r.props.updateConfig;
  if (isUnknown(update)) return undecided("updateConfig is unknown until deploy");
  if (update === undefined) return ["updateConfig is not set: the rollout speed is left to the EKS default instead of being chosen per pool"];
  const count = get(update, "maxUnavailable");
  const pct = get(update, "maxUnavailablePercentage");
  if (containsUnknown(update)) return undecided("updateConfig values are unknown until deploy");
  if (typeof pct === "number") return pct >= 100 ? [`maxUnavailablePercentage is ${pct}: every node of the group may be replaced at once`] : PASS;
  if (typeof count !== "number") return ["updateConfig sets neither maxUnavailable nor maxUnavailablePercentage"];
  const max = get(r.props, "scalingConfig", "maxSize");
  if (typeof max === "number" && max > 0 && count >= max) return [`maxUnavailable is ${count}, at least the group's maxSize (${max}): every node may be replaced at once`];
  return PASS;
}

const updateConfig: ResourceRule = {
  kind: "resource", id: "EKS-NG-002", name: "eks-nodegroup-update-config",
  description: "Node groups set updateConfig, and a rolling update never takes 100% of the group down; a Karpenter NodePool keeps a disruption budget below 100% for drift at every time.",
  enforcementLevel: "mandatory", mapping: MAPPINGS.managedNodeUpgrades, resourceTypes: [NODE_GROUP_TYPE, NODE_POOL_TYPE],
  remediation: "Set workerpools:pools[].update.maxUnavailable (below the pool size) or maxUnavailablePercentage (below 100); for a karpenter pool keep its disruption budgets (the platform's nodes 10% outside freeze windows).",
  check: (r) => (r.type === NODE_POOL_TYPE ? disruptionBudgetVerdict(r) : updateVerdict(r)),
};

const autoRepair: ResourceRule = {
  kind: "resource", id: "EKS-NG-003", name: "eks-nodegroup-auto-repair",
  description: "Node auto-repair is on (nodeRepairConfig.enabled), so nodes the monitoring agent reports unhealthy are replaced.",
  enforcementLevel: "advisory", mapping: MAPPINGS.nodeMonitoring, resourceTypes: [NODE_GROUP_TYPE],
  remediation: "Set workerpools:patching.autoRepair.enabled (and the pool's autoRepair) to true.",
  check: (r) => {
    const enabled = get(r.props, "nodeRepairConfig", "enabled");
    if (enabled === true) return PASS;
    if (isUnknown(enabled)) return undecided("nodeRepairConfig.enabled is unknown until deploy");
    return [`nodeRepairConfig.enabled is ${describe(enabled)}: unhealthy nodes stay in service until someone replaces them`];
  },
};

/** What one `nodeRepairConfig` threshold lets auto-repair do to the whole group, or nothing when it cannot. */
function wholeGroupRepair(config: unknown, maxSize: unknown): string[] {
  const at = (k: string): unknown => get(config, k);
  const max = typeof maxSize === "number" && maxSize > 0 ? maxSize : undefined;
  const out: string[] = [];
  const parallelPct = at("maxParallelNodesRepairedPercentage");
  const parallel = at("maxParallelNodesRepairedCount");
  if (typeof parallelPct === "number" && parallelPct >= 100) out.push(`maxParallelNodesRepairedPercentage is ${parallelPct}: every unhealthy node may be repaired at once`);
  if (typeof parallel === "number" && max !== undefined && parallel >= max) out.push(`maxParallelNodesRepairedCount is ${parallel}, at least the group's maxSize (${max}): every node may be repaired at once`);
  const stopPct = at("maxUnhealthyNodeThresholdPercentage");
  const stop = at("maxUnhealthyNodeThresholdCount");
  const never = "repair never stops, so a fault of the whole group (a bad AMI, a lost AZ) replaces or reboots every node";
  if (typeof stopPct === "number" && stopPct >= 100) out.push(`maxUnhealthyNodeThresholdPercentage is ${stopPct}: ${never}`);
  if (typeof stop === "number" && max !== undefined && stop >= max) out.push(`maxUnhealthyNodeThresholdCount is ${stop}, at least the group's maxSize (${max}): ${never}`);
  return out;
}

const repairThresholds: ResourceRule = {
  kind: "resource", id: "EKS-NG-008", name: "eks-nodegroup-repair-thresholds",
  description: "Auto-repair thresholds never let repairs take the whole node group at once (parallel repairs below the group, a stop threshold below it).",
  enforcementLevel: "advisory", mapping: MAPPINGS.nodeMonitoring, resourceTypes: [NODE_GROUP_TYPE],
  remediation: "Lower workerpools:pools[].autoRepair.maxParallelNodesRepaired* and maxUnhealthyNodeThreshold* below the pool's size (or leave them unset for EKS's defaults: stop above 20% unhealthy).",
  check: (r) => {
    const config = r.props.nodeRepairConfig;
    if (isUnknown(config) || containsUnknown(config)) return undecided("nodeRepairConfig is unknown until deploy");
    if (get(config, "enabled") !== true) return notApplicable("auto-repair is off");
    return wholeGroupRepair(config, get(r.props, "scalingConfig", "maxSize"));
  },
};

export { MIN_SPOT_INSTANCE_TYPES };

const spotDiversity: ResourceRule = {
  kind: "resource", id: "EKS-NG-004", name: "eks-nodegroup-spot-diversified",
  description: `Spot node groups (and Spot-only Karpenter NodePools) allow at least ${MIN_SPOT_INSTANCE_TYPES} instance types, so one Spot pool running dry does not stop scaling.`,
  enforcementLevel: "advisory", mapping: MAPPINGS.spot, resourceTypes: [NODE_GROUP_TYPE, NODE_POOL_TYPE],
  remediation: `List ${MIN_SPOT_INSTANCE_TYPES} or more similar instance types in workerpools:pools[].instanceTypes (same vCPU and memory); for a karpenter pool widen instanceRequirements or add ON_DEMAND to capacityTypes.`,
  check: (r) => {
    if (r.type === NODE_POOL_TYPE) return nodePoolSpotVerdict(r);
    const capacity = r.props.capacityType;
    if (isUnknown(capacity)) return undecided("capacityType is unknown until deploy");
    if (capacity !== "SPOT") return notApplicable(`not a Spot node group (capacityType ${describe(capacity)})`);
    const types = r.props.instanceTypes;
    if (isUnknown(types)) return undecided("instanceTypes is unknown until deploy");
    const n = Array.isArray(types) ? types.length : 0;
    return n >= MIN_SPOT_INSTANCE_TYPES ? PASS : [`a Spot node group with ${n} instance type${n === 1 ? "" : "s"} (${describe(types)}); use at least ${MIN_SPOT_INSTANCE_TYPES}`];
  },
};

const eksAmi: ResourceRule = {
  kind: "resource", id: "EKS-NG-007", name: "eks-nodegroup-eks-ami",
  description: "Node groups boot an EKS-optimized AMI (amiType other than CUSTOM; an EC2NodeClass: amiSelectorTerms aliases only), whose releases EKS publishes and the pool's channel rolls out; a custom image is patched by nobody but its owner.",
  enforcementLevel: "advisory", mapping: MAPPINGS.managedNodeUpgrades, resourceTypes: [NODE_GROUP_TYPE, EC2_NODE_CLASS_TYPE],
  remediation: "Use ami.channel recommended (or pinned) for the pool; or keep the custom image and own its patching: rebuild it on every EKS AMI release and set the new workerpools:pools[].ami.imageId (it rolls the pool in its wave).",
  check: (r) => {
    if (r.type === EC2_NODE_CLASS_TYPE) return nodeClassAmiVerdict(r);
    const amiType = r.props.amiType;
    if (isUnknown(amiType)) return undecided("amiType is unknown until deploy");
    return amiType === "CUSTOM"
      ? ["amiType is CUSTOM: the node group boots its launch template's own image, which no EKS AMI release reaches; its kernel, containerd and kubelet fixes wait until its owner rebuilds it and sets a new imageId"]
      : PASS;
  },
};

/** Rules judging one node group at a time. */
export const NODE_GROUP_RULES: readonly ResourceRule[] = [updateConfig, autoRepair, spotDiversity, eksAmi, repairThresholds];
