/**
 * Pure: a change of the cluster's CNI between two plans (`workerpools:cni`: vpc-cni, Cilium in eni or chaining mode).
 * A node's pod networking is set up by the CNI it runs when pods start on it: nodes that stay keep the old CNI's pod
 * addresses and routes, so every node has to be replaced to run under the new one. Pools tag their resources and
 * instances with the CNI (`workerpools:cni`), so the switch changes every launch template and rolls every node group;
 * the review names the CNI change and the nodes it would still leave under the old CNI (a baseline from before the tag,
 * or node groups whose launch template this plan does not change).
 */
import { HELM_RELEASE_TYPE, isFiniteNumber, isRecord, NODE_GROUP_TYPE } from "../../components/core";

/** The parts of a plan resource this review reads (a ReviewResource satisfies it). */
export interface CniResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** The CNI a plan installs, as one word: `vpc-cni`, `cilium eni`, `cilium chaining`, with `+ kube-proxy replacement`. */
export function cniOfPlan(rs: readonly CniResource[]): string {
  const release = rs.find((r) => r.type === HELM_RELEASE_TYPE && r.inputs.chart === "cilium");
  if (release === undefined) return "vpc-cni";
  const v = isRecord(release.inputs.values) ? release.inputs.values : {};
  const mode = isRecord(v.ipam) && v.ipam.mode === "eni" ? "eni" : isRecord(v.cni) && v.cni.chainingMode === "aws-cni" ? "chaining" : "(mode not known)";
  return `cilium ${mode}${v.kubeProxyReplacement === true ? " + kube-proxy replacement" : ""}`;
}

/** The CNI change of a review. */
export interface CniChangeReview {
  readonly before: string;
  readonly after: string;
  /** Nodes of node groups in both plans that this update does not replace (they keep the old CNI's networking). */
  readonly nodesLeft: number;
  /** Those node groups. */
  readonly nodeGroups: readonly string[];
  readonly message: string;
  readonly fix: string;
}

/** What {@link reviewCni} needs of the node group review: per node group in both plans, whether it is replaced, and its size. */
export interface CniNodeGroup {
  readonly nodeGroup: string;
  readonly replaced: boolean;
  readonly nodes: number;
}

const desired = (r: CniResource): number => {
  const s = r.inputs.scalingConfig;
  return isRecord(s) && isFiniteNumber(s.desiredSize) ? s.desiredSize : 0;
};

/** Node groups of the current plan also in the baseline, with their desired size (for {@link reviewCni}). */
export function nodeGroupsInBoth(current: readonly CniResource[], baseline: readonly CniResource[], replaced: (name: string) => boolean): CniNodeGroup[] {
  const before = new Set(baseline.filter((r) => r.type === NODE_GROUP_TYPE).map((r) => r.name));
  return current.filter((r) => r.type === NODE_GROUP_TYPE && before.has(r.name)).map((r) => ({ nodeGroup: r.name, replaced: replaced(r.name), nodes: desired(r) }));
}

/** The CNI change, or undefined when both plans install the same CNI. */
export function reviewCni(current: readonly CniResource[], baseline: readonly CniResource[], groups: readonly CniNodeGroup[]): CniChangeReview | undefined {
  const before = cniOfPlan(baseline);
  const after = cniOfPlan(current);
  if (before === after) return undefined;
  const left = groups.filter((g) => !g.replaced);
  const nodesLeft = left.reduce((s, g) => s + g.nodes, 0);
  return {
    before, after, nodesLeft, nodeGroups: left.map((g) => g.nodeGroup),
    message: `the CNI changes from ${before} to ${after}: every node has to be replaced to run under it (pods on a node keep the addresses and routes the old CNI gave them); ${left.length === 0 ? "this update replaces every node group's nodes (their instances are tagged with the CNI, so every launch template changes); until its node is replaced a pod keeps the old CNI's networking" : `this update replaces none of the ${nodesLeft} node(s) of ${left.map((g) => g.nodeGroup).join(", ")} (their changes apply in place)`}`,
    fix: left.length === 0
      ? "roll during a quiet window: the old CNI's add-ons are removed while old nodes still run, so their pods keep working but the nodes get no new pod addresses until replaced; or move the workloads to a new cluster with the new CNI"
      : "replace every node after the update: give each pool new node groups (a new pool name, then remove the old pool once its nodes are drained), or move the workloads to a new cluster with the new CNI; cordon and drain the old nodes first",
  };
}
