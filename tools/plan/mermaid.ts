/**
 * The rollout waves as a Mermaid flowchart for the pull-request summary (GitHub renders ```mermaid blocks): one
 * subgraph per wave in order, a node per pool of the wave, an edge from each wave to the next (a wave starts when
 * the one before is done), and a node per change-freeze window that has not ended; a window in force at the plan's
 * moment holds every wave (a fleet-wide update is a new AMI release or Kubernetes version, which a freeze holds back).
 * Pure: {@link rolloutDiagram} builds the graph, {@link renderRolloutDiagram} writes it.
 */
import type { FreezeDecision, FreezeWindow, Rollout, WaveRollout } from "../../components/patching";
import { formatDuration } from "./rollout-print";

/** A node: a pool, a freeze window, or the note that nothing rolls. */
export interface DiagramNode {
  readonly id: string;
  /** Lines of the label (joined with `<br/>`). */
  readonly label: readonly string[];
  /** `box` for pools, `hexagon` for freezes. */
  readonly shape: "box" | "hexagon";
}

/** A wave: its pools. */
export interface DiagramWave {
  readonly id: string;
  readonly label: string;
  readonly pools: readonly DiagramNode[];
}

/** An edge: wave to next wave (solid), or a freeze holding a wave (dotted, labelled). */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly style: "solid" | "dotted";
  /** @default - none */
  readonly label?: string;
}

/** The graph of {@link rolloutDiagram}. */
export interface RolloutDiagram {
  readonly waves: readonly DiagramWave[];
  /** Nodes outside the waves: freeze windows, or the note that there is nothing to roll. */
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** The freeze windows of the stack, the plan's moment, and what the freeze decided (held changes, per pool). */
export interface DiagramFreezeInput {
  readonly windows: readonly FreezeWindow[];
  readonly now: Date;
  /** @default - nothing held in particular */
  readonly decision?: FreezeDecision;
}

/** Mermaid node ids: `wave1`, `wave1_pool2`, `freeze1`. */
export const waveId = (wave: number): string => `wave${wave + 1}`;
const poolId = (wave: number, i: number): string => `${waveId(wave)}_pool${i + 1}`;
const freezeId = (i: number): string => `freeze${i + 1}`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function poolNode(w: WaveRollout, pool: string, i: number, decision: FreezeDecision | undefined): DiagramNode {
  const groups = w.nodeGroups.filter((g) => g.pool === pool);
  const nodes = groups.reduce((n, g) => n + g.nodes, 0);
  const longest = Math.max(0, ...groups.map((g) => g.durationSec));
  const held = (decision?.held ?? []).filter((h) => h.target === pool).map((h) => `held: ${h.field} stays ${h.kept}`);
  return { id: poolId(w.index, i), shape: "box", label: [pool, `${plural(groups.length, "node group")} · ${plural(nodes, "node")} · ${formatDuration(longest)}`, ...held] };
}

const instant = (iso: string): number => Date.parse(iso);
/** `2026-12-20T00:00:00Z` → `2026-12-20`; other instants as written. */
const shortInstant = (iso: string): string => iso.replace(/T00:00(:00(\.0+)?)?(Z|\+00:00)$/, "");

/** Builds the diagram of a fleet rollout and the stack's freeze windows. */
export function rolloutDiagram(fleet: Rollout, freeze: DiagramFreezeInput): RolloutDiagram {
  const waves = fleet.waves.map((w): DiagramWave => ({
    id: waveId(w.index),
    label: `wave ${w.index + 1} · ${formatDuration(w.durationSec)}`,
    pools: w.pools.map((p, i) => poolNode(w, p, i, freeze.decision)),
  }));
  const edges: DiagramEdge[] = waves.slice(1).map((w, i) => ({ from: waves[i].id, to: w.id, style: "solid" }));
  const t = freeze.now.getTime();
  const open = freeze.windows.filter((w) => Number.isFinite(instant(w.from)) && instant(w.from) < instant(w.to) && instant(w.to) > t)
    .sort((a, b) => instant(a.from) - instant(b.from));
  const nodes: DiagramNode[] = open.map((w, i) => {
    const inForce = instant(w.from) <= t;
    if (inForce) for (const wave of waves) edges.push({ from: freezeId(i), to: wave.id, style: "dotted", label: "holds" });
    return {
      id: freezeId(i), shape: "hexagon",
      label: [`change freeze ${shortInstant(w.from)} to ${shortInstant(w.to)}`, ...(w.reason ? [w.reason] : []), inForce ? "in force: holds AMI releases and Kubernetes versions" : "not yet in force"],
    };
  });
  if (waves.length === 0) nodes.unshift({ id: "none", shape: "box", label: ["no node groups to roll"] });
  return { waves, nodes, edges };
}

/** A label as a quoted Mermaid string (quotes as entities, lines joined with `<br/>`). */
const quote = (lines: readonly string[]): string => `"${lines.map((l) => l.replace(/"/g, "#quot;")).join("<br/>")}"`;

function nodeLine(n: DiagramNode): string {
  return n.shape === "hexagon" ? `${n.id}{{${quote(n.label)}}}` : `${n.id}[${quote(n.label)}]`;
}

function edgeLine(e: DiagramEdge): string {
  if (e.style === "solid") return `${e.from} --> ${e.to}`;
  return e.label ? `${e.from} -. ${e.label} .-> ${e.to}` : `${e.from} -.-> ${e.to}`;
}

/** The diagram as a fenced ```mermaid block. */
export function renderRolloutDiagram(d: RolloutDiagram): string {
  const lines = ["flowchart LR"];
  for (const w of d.waves) {
    lines.push(`  subgraph ${w.id}[${quote([w.label])}]`, ...w.pools.map((p) => `    ${nodeLine(p)}`), "  end");
  }
  lines.push(...d.nodes.map((n) => `  ${nodeLine(n)}`), ...d.edges.map((e) => `  ${edgeLine(e)}`));
  return ["```mermaid", ...lines, "```"].join("\n");
}
