/**
 * Pure: what a node group change does that the field-by-field diff cannot show, and the way around it. EKS refuses
 * a scaling update whose min exceeds (or max falls below) the desired size `pulumi up` sends, which is the one Pulumi's
 * state holds, since `desiredSize` is ignoreChanges; and a NoExecute taint added to the pool CoreDNS runs on evicts
 * CoreDNS before the coredns addon (updated after every node group) tolerates it.
 */
import { CLUSTER_TYPE, isFiniteNumber, isRecord } from "../../components/core";

/** The parts of a plan resource the hazards read (a ReviewResource satisfies it). */
export interface HazardResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  /** @default [] */
  readonly ignoreChanges?: readonly string[];
}

export const HAZARD_KINDS = ["refused", "outage"] as const;
/** `refused`: AWS rejects the update as planned; `outage`: it applies, and something stops working for a while. */
export type HazardKind = (typeof HAZARD_KINDS)[number];

/** One hazard of a node group change. */
export interface ChangeHazard {
  readonly kind: HazardKind;
  /** The node group input, e.g. `scalingConfig.minSize`. */
  readonly field: string;
  /** The pool key the user wrote that causes it, relative to `workerpools:pools[i]`, e.g. `scaling.min`. */
  readonly configKey: string;
  /** What happens, with the numbers. */
  readonly message: string;
  /** How to get there without it: the command or config steps. */
  readonly fix: string;
}

/** What the review knows beyond the two plans. */
export interface ReviewContext {
  /** The pool CoreDNS runs on (`addons.coredns.pool`). @default - none */
  readonly corednsPool?: string;
}

const DESIRED = "scalingConfig.desiredSize";
const scaling = (r: HazardResource): Record<string, unknown> => (isRecord(r.inputs.scalingConfig) ? r.inputs.scalingConfig : {});
const int = (v: unknown): number | undefined => (isFiniteNumber(v) ? v : undefined);

/** The cluster's EKS name in a plan (the `eks:index:Cluster` input), else a placeholder. */
export function clusterNameOf(resources: readonly HazardResource[]): string {
  const name = resources.find((r) => r.type === CLUSTER_TYPE)?.inputs.name;
  return typeof name === "string" && name.length > 0 ? name : "<cluster name>";
}

/** `aws eks update-nodegroup-config` for a node group, then the refresh that lets `pulumi up` send the new desired size. */
function scalingCommand(cluster: string, nodeGroup: string, min: number, max: number, desired: number): string {
  return `aws eks update-nodegroup-config --cluster-name ${cluster} --nodegroup-name <EKS name of ${nodeGroup}, from \`pulumi stack output pools\`> `
    + `--scaling-config minSize=${min},maxSize=${max},desiredSize=${desired}; then \`pulumi refresh\` (the state takes the new desired size, which ignoreChanges keeps) and \`pulumi up\``;
}

/**
 * Scaling updates EKS refuses: the desired size sent is the baseline's when `desiredSize` is ignoreChanges (the
 * deployed value differs only if an autoscaler moved it and the stack was refreshed since). `note` explains a split
 * change (a per-zone pool gaining or losing an AZ).
 */
export function scalingHazards(before: HazardResource, after: HazardResource, cluster: string, note = ""): ChangeHazard[] {
  const [b, a] = [scaling(before), scaling(after)];
  const sent = int((after.ignoreChanges ?? []).includes(DESIRED) ? b.desiredSize : a.desiredSize);
  const [bMin, bMax, min, max] = [int(b.minSize), int(b.maxSize), int(a.minSize), int(a.maxSize)];
  if (sent === undefined || min === undefined || max === undefined || bMin === undefined || bMax === undefined) return [];
  const kept = `desiredSize stays ${sent} (ignoreChanges: \`pulumi up\` sends the size in Pulumi's state, ${sent} in the baseline)`;
  const hazards: ChangeHazard[] = [];
  if (min > sent) {
    hazards.push({
      kind: "refused", field: "scalingConfig.minSize", configKey: "scaling.min",
      message: `EKS refuses this update (minimum can't be greater than desired size): minSize ${bMin} -> ${min}, but ${kept}${note}`,
      fix: `raise the desired size first: ${scalingCommand(cluster, after.name, bMin, Math.max(bMax, min), min)}`,
    });
  }
  if (max < sent) {
    hazards.push({
      kind: "refused", field: "scalingConfig.maxSize", configKey: "scaling.max",
      message: `EKS refuses this update (desired size can't be greater than maximum): maxSize ${bMax} -> ${max}, but ${kept}${note}`,
      fix: `lower the desired size first: ${scalingCommand(cluster, after.name, Math.min(bMin, max), bMax, max)}`,
    });
  }
  return hazards;
}

const taintKey = (t: unknown): string | undefined =>
  isRecord(t) && t.effect === "NO_EXECUTE" && typeof t.key === "string" ? `${t.key}=${typeof t.value === "string" ? t.value : ""}` : undefined;
const noExecute = (r: HazardResource): string[] => (Array.isArray(r.inputs.taints) ? r.inputs.taints : []).flatMap((t) => taintKey(t) ?? []);

/** A NoExecute taint new to a node group of the CoreDNS pool: DNS fails from the taint until the coredns addon update. */
export function corednsTaintHazards(before: HazardResource, after: HazardResource, pool: string, context: ReviewContext): ChangeHazard[] {
  if (context.corednsPool === undefined || context.corednsPool !== pool) return [];
  const had = new Set(noExecute(before));
  return noExecute(after).filter((t) => !had.has(t)).map((t) => ({
    kind: "outage" as const, field: "taints", configKey: "taints",
    message: `adds the NoExecute taint ${t} to the nodes CoreDNS runs on: they evict CoreDNS at once, and the coredns addon learns to tolerate the taint only after every node group has updated, so DNS fails until then`,
    fix: `first move CoreDNS off pool ${pool} (addons.coredns.pool: another pool) and deploy; then add the taint and set addons.coredns.pool back to ${pool} in one deploy`,
  }));
}

/**
 * A rolling update of a Capacity Block node group whose desired size is not 0: the EKS User Guide (capacity-blocks-mng)
 * says "When upgrading managed node groups with Capacity Blocks, make sure that the desired size of the node group is
 * set to 0" (the block holds only the reserved instances, so the update's new nodes have nowhere to launch).
 */
export function capacityBlockRollHazards(before: HazardResource, after: HazardResource, rolls: boolean, cluster: string): ChangeHazard[] {
  if (!rolls || after.inputs.capacityType !== "CAPACITY_BLOCK") return [];
  const [b, a] = [scaling(before), scaling(after)];
  const sent = int((after.ignoreChanges ?? []).includes(DESIRED) ? b.desiredSize : a.desiredSize);
  const [min, max] = [int(a.minSize), int(a.maxSize)];
  if (sent === undefined || sent === 0 || min === undefined || max === undefined) return [];
  return [{
    kind: "refused", field: "launchTemplate.version", configKey: "scaling.desired",
    message: `rolls the nodes of a Capacity Block node group at desired size ${sent}: EKS wants the desired size at 0 when a Capacity Block node group is upgraded (EKS User Guide, capacity-blocks-mng); the block holds only its reserved instances, so replacements cannot launch beside the nodes they replace`,
    fix: `scale it to 0 first: ${scalingCommand(cluster, after.name, 0, max, 0)}; afterwards scale back with the same command and minSize=${min},desiredSize=${sent}`,
  }];
}
