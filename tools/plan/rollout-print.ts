/** Pure text rendering of the plan's rollout, critical paths, AZ-loss capacity, change review and freeze. */
import type { PoolAzLoss, CriticalPath, FreezeDecision, Rollout, RolloutAssumptions } from "../../components/patching";
import type { FieldChange } from "../review";
import {
  AddonReview, ChangeReview, Consequence, ControlPlaneReview, KarpenterPoolReview, NodeGroupReview, PoolReview, STAND_IN_PREFIX, renderTenantReview,
  showValue, unchanged,
} from "../review";
import type { ElasticPool, RolloutSection } from "./rollout-section";
import { TextTable } from "./text-table";
import { isRecord, unionKeys } from "../../components/core";

const table = (head: string[]): TextTable => new TextTable(head);

/** `75` → `1m 15s`, `3720` → `1h 02m`. */
export function formatDuration(sec: number): string {
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** The stated assumptions and AWS's numbers, one line each. */
export function renderAssumptions(a: RolloutAssumptions, facts: RolloutSection["facts"]): string {
  return [
    `Assumptions (modelled, not measured): setup ${a.setupSec}s, node launch ${a.nodeLaunchSec}s + Ready ${a.nodeReadySec}s, drain ${a.drainSec}s, terminate ${a.terminateSec}s per batch`,
    `AWS rules (EKS User Guide): cordon wait ${facts.cordonWaitSec}s, drain fails after ${facts.podEvictionTimeoutSec / 60} min (PodEvictionFailure), maxUnavailable default ${facts.maxUnavailableDefault}, at most ${facts.maxUnavailableQuota}; surge up to ${facts.surgeAzMultiplier} x AZs; control plane creation ~${facts.controlPlaneCreateSec / 60} min (AWS average)`,
  ].join("\n");
}

/** Waves in order; per node group nodes, nodes at once, batches and modelled duration. */
export function renderRollout(r: Rollout): string {
  const t = table(["wave", "pool", "node group", "nodes", "at once", "batches", "strategy", "surge", "in service", "duration"]);
  for (const w of r.waves) {
    w.nodeGroups.forEach((g, i) => t.push([
      i === 0 ? String(w.index + 1) : "", g.pool, g.nodeGroup, g.nodes, g.maxUnavailable, g.batches, g.strategy,
      g.surgeNodes > 0 ? `+${g.surgeNodes}` : "-", `>= ${g.minNodesInService}`, formatDuration(g.durationSec),
    ]));
  }
  const waves = r.waves.map((w) => `wave ${w.index + 1} ${formatDuration(w.durationSec)}${w.slowest ? ` (${w.slowest})` : ""}`).join(" -> ");
  return [
    `Rollout of a fleet-wide update (new AMI release or Kubernetes version), waves in order; a wave starts when the previous one is done:`,
    t.toString(),
    `${waves}; total ${formatDuration(r.durationSec)} for ${r.nodes} nodes in ${r.batches} batches`,
  ].join("\n");
}

/** A critical path, step by step with start and finish offsets. */
export function renderCriticalPath(title: string, p: CriticalPath): string {
  const lines = p.steps.map((s) => `  ${formatDuration(s.startSec).padStart(8)} -> ${formatDuration(s.finishSec).padStart(8)}  ${s.label}`);
  return [`${title}: ${formatDuration(p.durationSec)}`, ...(lines.length > 0 ? lines : ["  (nothing to wait for)"])].join("\n");
}

const percent = (f: number): string => `${Math.round(f * 100)}%`;

/** Per pool, the nodes left after losing each AZ, and the warnings. */
export function renderAzLoss(pools: readonly PoolAzLoss[]): string {
  const t = table(["pool", "layout", "desired (min)", "lose one AZ: nodes left", "worst", "comes back to"]);
  for (const p of pools) {
    const cases = p.cases.map((c) => `${c.lostAz}: ${c.nodesLeft}`).join(", ");
    const w = p.worst;
    t.push([p.pool, p.layout, `${p.desired} (${p.min})`, cases, w ? `${w.nodesLeft}/${p.desired} (${percent(w.fractionOfDesired)})` : "-", w ? `${w.restoredNodes} (max ${w.maxNodesWithoutAz})` : "-"]);
  }
  const warnings = pools.flatMap((p) => p.warnings).map((w) => `  ${w.pool}: ${w.message}`);
  return ["Capacity after losing any one AZ (spread: worst case ceil(desired / AZs) lost; per-zone: that zone's nodes):", t.toString(), ...(warnings.length > 0 ? ["AZ-loss warnings:", ...warnings] : [])].join("\n");
}

/** Karpenter pools: elastic within their limits, rolled by Karpenter's drift within the disruption budgets. */
export function renderElasticPools(pools: readonly ElasticPool[]): string {
  const text = (l: ElasticPool["limits"]): string => `cpu ${l.cpu}${l.memory ? `, memory ${l.memory}` : ""}`;
  const within = (p: ElasticPool): string => (p.bands.length > 1
    ? `elastic within limits ${text(p.limits)} shared by its ${p.bands.length} NodePools, each reaching only its share (${p.bands.map((b) => `${b.name} ${text(b.limits)}`).join("; ")})`
    : `elastic within limits ${text(p.limits)}${p.bands.length === 1 ? ` (NodePool ${p.bands[0].name})` : ""}`);
  const lines = pools.map((p) => `  ${p.pool}: ${within(p)} over ${p.availabilityZones.join(", ")}; losing an AZ, Karpenter launches replacements in the others up to the limits; a new AMI or changed EC2NodeClass replaces nodes by drift within the NodePool's disruption budgets (none during freeze windows)`);
  return ["Karpenter pools (no node groups: not in the rollout or AZ-loss tables above):", ...lines].join("\n");
}

/** One line for a consequence. */
export function describeConsequence(c: Consequence): string {
  switch (c.kind) {
    case "none": return "nothing changes";
    case "in-place": return `updated in place, nothing rolls (${c.because.join(", ")})`;
    case "create": return `new node group: ${c.nodes} node(s) launched`;
    case "delete": return `node group deleted: ${c.nodes} node(s) drained for a few minutes at most, then terminated`;
    case "replace": return `REPLACED because ${c.because.join(", ")} changed (ForceNew): a new node group of ${c.nodes} node(s) is created, then the old one deleted (drained a few minutes at most; PodDisruptionBudgets are not guaranteed)`;
    case "roll": {
      const r = c.rollout;
      if (r.batches === 0) return `would roll (${c.because.join(", ")}) but has 0 nodes`;
      return `rolling update of ${r.nodes} node(s) in ${r.batches} batch(es) of ${r.maxUnavailable} (${r.strategy}), ~${formatDuration(r.durationSec)}, because ${c.because.join(", ")} changed`;
    }
  }
}

/** `before -> after`; for two maps only the keys that differ (`+k=v`, `-k`, `k: a -> b`). */
export function describeChange(c: FieldChange): string {
  if (!isRecord(c.before) || !isRecord(c.after)) return `${showValue(c.before)} -> ${showValue(c.after)}`;
  const b = c.before;
  const a = c.after;
  return unionKeys(b, a).flatMap((k) => {
    if (!(k in b)) return [`+${k}=${showValue(a[k])}`];
    if (!(k in a)) return [`-${k}`];
    return showValue(b[k]) === showValue(a[k]) ? [] : [`${k}: ${showValue(b[k])} -> ${showValue(a[k])}`];
  }).join(", ");
}

const changeLine = (c: FieldChange): string => `    ${c.field}: ${describeChange(c)}  [${c.effect}]`;

const HAZARD_LABEL = { refused: "REFUSED BY EKS", outage: "OUTAGE" } as const;

/** A node group's consequence: when AWS refuses the update, the line says so before what it would do once fixed. */
function consequenceLine(g: NodeGroupReview): string {
  const refused = (g.hazards ?? []).some((h) => h.kind === "refused");
  return refused ? `EKS refuses this update as planned (below); once fixed: ${describeConsequence(g.consequence)}` : describeConsequence(g.consequence);
}

function renderNodeGroup(g: NodeGroupReview): string[] {
  const hazards = (g.hazards ?? []).flatMap((h) => [`    ${HAZARD_LABEL[h.kind]}: ${h.message}`, `      fix: ${h.fix}`]);
  return [`  ${g.nodeGroup}: ${consequenceLine(g)}`, ...hazards, ...g.changes.filter((c) => !c.causes).map(changeLine)];
}

/** One line on the recommended AMI channel of a pool: what a newer AWS release would roll. */
function recommendedLine(p: PoolReview): string | undefined {
  const groups = p.nodeGroups.filter((g) => g.recommended && g.consequence.kind !== "roll" && g.consequence.kind !== "replace");
  const first = groups[0]?.recommended;
  if (!first) return undefined;
  const nodes = groups.reduce((s, g) => s + (g.recommended?.rollout.nodes ?? 0), 0);
  const batches = groups.reduce((s, g) => s + (g.recommended?.rollout.batches ?? 0), 0);
  return `  recommended AMI channel: AWS resolves ${first.parameter} at deploy; a release newer than the deployed one rolls ${nodes} node(s) in ${batches} batch(es) then`;
}

/** One line on a custom image: who patches it and what a new image id does. */
function customImageLine(p: PoolReview): string | undefined {
  if (p.customImage === undefined) return undefined;
  const changed = p.launchTemplate.find((c) => c.field === "imageId");
  const now = changed ? `moves to ${p.customImage}` : `boots ${p.customImage}`;
  return `  custom image: the pool ${now}; patching it is the owner's (no recommended channel): a new imageId rolls the pool (a new launch template version), in its wave`;
}

function renderPoolReview(p: PoolReview): string[] {
  const rec = recommendedLine(p) ?? customImageLine(p);
  if (unchanged(p)) return [`pool ${p.pool}: no change`, ...(rec ? [rec] : [])];
  return [
    `pool ${p.pool}:`,
    ...(p.launchTemplate.length > 0 ? ["  launch template:", ...p.launchTemplate.map(changeLine)] : []),
    ...p.nodeGroups.flatMap(renderNodeGroup),
    ...(rec ? [rec] : []),
  ];
}

const CONTROL_PLANE_LINE = {
  "in-place": "updated in place (nodes are not replaced; the cluster keeps serving while EKS applies each update)",
  replace: "REPLACED: a new EKS cluster (ForceNew), every node group and addon with it",
} as const;

/** The control plane's changes, each with what EKS does; nothing when none changed. */
export function renderControlPlaneReview(c: ControlPlaneReview): string[] {
  if (c.consequence === "none") return [];
  return [`control plane: ${CONTROL_PLANE_LINE[c.consequence]}`, ...c.changes.flatMap((x) => [changeLine(x), `      ${x.why}`])];
}

/** One addon's changed values and what the update does to its pods. */
export function renderAddonReview(a: AddonReview): string[] {
  return [`addon ${a.addon}: ${a.effect}`, ...a.changes.map(changeLine)];
}

/** A karpenter pool's changes, each marked `drift` (Karpenter replaces the nodes) or `no drift`. */
export function renderKarpenterPoolReview(k: KarpenterPoolReview): string[] {
  const lines = k.changes.map((c) => `    ${c.field}: ${describeChange(c)}  [${c.effect === "roll" ? "drift" : "no drift"}]`);
  return [`karpenter pool ${k.pool} (NodePool ${k.nodePool}): ${k.effect}`, ...lines];
}

/** The change review against the baseline, pool by pool, then the control plane and the addons that changed. */
export function renderChangeReview(r: ChangeReview, baselineName: string): string {
  return [
    `Change review against ${baselineName} (${r.nodesReplaced} node(s) replaced in total):`,
    ...r.pools.flatMap(renderPoolReview),
    ...(r.karpenterPools ?? []).flatMap(renderKarpenterPoolReview),
    ...renderControlPlaneReview(r.controlPlane),
    ...r.addons.flatMap(renderAddonReview),
    ...(r.cni ? [`  CNI: ${r.cni.before} → ${r.cni.after}`, `    outage: ${r.cni.message}`, `      fix: ${r.cni.fix}`] : []),
    ...renderTenantReview(r.tenants ?? []),
  ].join("\n");
}

/** The freeze in force and what it held back. */
export function renderFreeze(d: FreezeDecision, now: Date): string {
  if (!d.freeze) return `Change freeze: none in force at ${now.toISOString()}`;
  const why = d.freeze.reasons.length > 0 ? ` (${d.freeze.reasons.join("; ")})` : "";
  const shown = (v: string): string => (v.startsWith(STAND_IN_PREFIX) ? "the deployed value (offline stand-in)" : v);
  const resolved = (field: string): string => (field === "addonVersion" ? "a newer version from `latest`" : "a newer release from the recommended channel");
  // A custom pool's release is its image id: a held new image keeps the deployed one.
  const what = (h: FreezeDecision["held"][number]): string => (h.field === "releaseVersion" && /^ami-/.test(h.kept) ? `${h.field} (custom image)` : h.field);
  const held = d.held.map((h) => `  ${h.target} ${what(h)}: stays at ${shown(h.kept)}; ${h.desired ? shown(h.desired) : resolved(h.field)} waits until ${h.until}`);
  return [`Change freeze in force at ${now.toISOString()} until ${d.freeze.until}${why}:`, ...(held.length > 0 ? held : ["  no version or AMI change to hold"])].join("\n");
}

/** Every section for the offline plan's text output. */
export function renderRolloutSection(s: RolloutSection, opts: { readonly baselineName?: string; readonly now?: Date } = {}): string {
  const parts = [
    renderRollout(s.fleet),
    renderAssumptions(s.fleet.assumptions, s.facts),
    renderCriticalPath("Critical path of a fresh create", s.criticalPath.create),
    renderCriticalPath(s.patchScope === "fleet" ? "Critical path of a fleet patch rollout" : "Critical path of this change's rollout", s.criticalPath.patch),
    renderAzLoss(s.azLoss),
    ...(s.elasticPools ? [renderElasticPools(s.elasticPools)] : []),
  ];
  if (s.changeReview) parts.push(renderChangeReview(s.changeReview, opts.baselineName ?? "the baseline"));
  if (s.freeze) parts.push(renderFreeze(s.freeze, opts.now ?? new Date()));
  return parts.join("\n\n");
}
