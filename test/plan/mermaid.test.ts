/**
 * The rollout diagram of the pull-request summary, read back structurally: the ```mermaid text is parsed into
 * subgraphs, nodes and edges (the flowchart subset the renderer writes), which must match the rollout plan: waves in
 * order, the pools of each wave, an edge from each wave to the next, and the freeze windows that hold them.
 */
import { FreezeDecision, FreezeWindow, Rollout, RolloutNodeGroup, planRollout } from "../../components/patching";
import { renderRolloutDiagram, rolloutDiagram } from "../../tools/plan";
import { ParsedGraph, parseMermaid } from "./mermaid-parse";

const group = (name: string, pool: string, nodes: number): RolloutNodeGroup => ({ name, pool, azCount: 1, nodes, update: { maxUnavailable: 1 } });
const fleet: Rollout = planRollout({
  nodeGroups: [group("system", "system", 3), group("general-a", "general", 1), group("general-b", "general", 2), group("batch", "batch", 2), group("gpu", "gpu", 1)],
  waves: [["system"], ["general", "batch"], ["gpu"]],
});
const WINDOW: FreezeWindow = { from: "2026-12-20T00:00:00Z", to: "2027-01-04T00:00:00Z", reason: "year-end change freeze" };
const diagram = (windows: readonly FreezeWindow[], now: string, decision?: FreezeDecision): ParsedGraph =>
  parseMermaid(renderRolloutDiagram(rolloutDiagram(fleet, { windows, now: new Date(now), decision })));
const poolNames = (g: ParsedGraph, subgraph: string): string[] =>
  (g.subgraphs.find((s) => s.id === subgraph)?.members ?? []).map((id) => g.nodes.get(id)?.label[0] ?? "?");

describe("rollout diagram (Mermaid)", () => {
  it("has one subgraph per wave in order, holding exactly the wave's pools", () => {
    const g = diagram([], "2026-12-01T00:00:00Z");
    expect(g.direction).toBe("LR");
    expect(g.subgraphs.map((s) => s.label.split(" · ")[0])).toEqual(fleet.waves.map((w) => `wave ${w.index + 1}`));
    expect(g.subgraphs.map((s) => poolNames(g, s.id))).toEqual(fleet.waves.map((w) => [...w.pools]));
    expect(g.subgraphs.map((s) => poolNames(g, s.id))).toEqual([["system"], ["general", "batch"], ["gpu"]]);
  });

  it("chains the waves: an edge from each wave to the next and no other", () => {
    const g = diagram([], "2026-12-01T00:00:00Z");
    const ids = g.subgraphs.map((s) => s.id);
    expect(g.edges).toEqual([{ from: ids[0], to: ids[1], dotted: false }, { from: ids[1], to: ids[2], dotted: false }]);
  });

  it("labels each pool with its node groups, nodes and slowest node group", () => {
    const g = diagram([], "2026-12-01T00:00:00Z");
    const general = [...g.nodes.values()].find((n) => n.label[0] === "general");
    expect(general?.label[1]).toMatch(/^2 node groups · 3 nodes · /);
    const wave = fleet.waves[1];
    expect(g.subgraphs[1].label).toContain(String(Math.floor(wave.durationSec / 60)));
  });

  it("a freeze in force holds every wave (dotted 'holds' edges), and says so", () => {
    const g = diagram([WINDOW], "2026-12-24T09:00:00Z");
    const freezes = [...g.nodes.values()].filter((n) => n.shape === "hexagon");
    expect(freezes).toHaveLength(1);
    expect(freezes[0].subgraph).toBeUndefined();
    expect(freezes[0].label).toEqual(["change freeze 2026-12-20 to 2027-01-04", "year-end change freeze", "in force: holds AMI releases and Kubernetes versions"]);
    const holds = g.edges.filter((e) => e.dotted);
    expect(holds.map((e) => [e.from, e.to, e.label])).toEqual(g.subgraphs.map((s) => [freezes[0].id, s.id, "holds"]));
  });

  it("a window not yet in force is shown but holds nothing; an ended one is left out", () => {
    const ended: FreezeWindow = { from: "2026-01-01T00:00:00Z", to: "2026-01-05T00:00:00Z" };
    const g = diagram([WINDOW, ended], "2026-12-01T00:00:00Z");
    const freezes = [...g.nodes.values()].filter((n) => n.shape === "hexagon");
    expect(freezes.map((f) => f.label[0])).toEqual(["change freeze 2026-12-20 to 2027-01-04"]);
    expect(freezes[0].label).toContain("not yet in force");
    expect(g.edges.some((e) => e.dotted)).toBe(false);
  });

  it("names what the freeze holds on the pool it holds", () => {
    const decision: FreezeDecision = {
      freeze: { from: WINDOW.from, until: WINDOW.to, reasons: [] }, effective: { pools: {} },
      held: [{ target: "batch", field: "releaseVersion", kept: "1.35.0-20261101", desired: "1.35.0-20261201", until: WINDOW.to, reasons: [] }],
    };
    const g = diagram([WINDOW], "2026-12-24T09:00:00Z", decision);
    const batch = [...g.nodes.values()].find((n) => n.label[0] === "batch");
    expect(batch?.label).toContain("held: releaseVersion stays 1.35.0-20261101");
    expect([...g.nodes.values()].find((n) => n.label[0] === "general")?.label.some((l) => l.startsWith("held:"))).toBe(false);
  });

  it("quotes labels so a quote in a freeze reason cannot end the label", () => {
    const g = diagram([{ ...WINDOW, reason: 'the "big" release' }], "2026-12-01T00:00:00Z");
    expect([...g.nodes.values()].find((n) => n.shape === "hexagon")?.label[1]).toBe('the "big" release');
  });
});
