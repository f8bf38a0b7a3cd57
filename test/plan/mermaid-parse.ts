/** A test helper: reads the ```mermaid flowchart the plan writes back into subgraphs, nodes and edges (no snapshot). */
export interface ParsedNode { id: string; label: string[]; shape: "box" | "hexagon"; subgraph?: string }
export interface ParsedGraph {
  direction: string;
  subgraphs: { id: string; label: string; members: string[] }[];
  nodes: Map<string, ParsedNode>;
  edges: { from: string; to: string; label?: string; dotted: boolean }[];
}

const unquote = (s: string): string[] => s.replace(/^"|"$/g, "").split("<br/>").map((l) => l.replace(/#quot;/g, '"'));

/** Parses the flowchart subset: `flowchart DIR`, `subgraph id["label"]` … `end`, `id["label"]`, `id{{"label"}}`, `a --> b`, `a -. label .-> b`. */
export function parseMermaid(markdown: string): ParsedGraph {
  const block = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!block) throw new Error("no ```mermaid block");
  const [first, ...lines] = block[1].split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
  const direction = /^flowchart (LR|TD|TB|RL|BT)$/.exec(first)?.[1];
  if (!direction) throw new Error(`not a flowchart: ${first}`);
  const g: ParsedGraph = { direction, subgraphs: [], nodes: new Map(), edges: [] };
  let open: ParsedGraph["subgraphs"][number] | undefined;
  for (const line of lines) {
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (\w+)\[("[^"]*")\]$/.exec(line))) {
      if (open) throw new Error("nested subgraph");
      open = { id: m[1], label: unquote(m[2])[0], members: [] };
      g.subgraphs.push(open);
    } else if (line === "end") {
      if (!open) throw new Error("end without subgraph");
      open = undefined;
    } else if ((m = /^(\w+)(?:\[("[^"]*")\]|\{\{("[^"]*")\}\})$/.exec(line))) {
      if (g.nodes.has(m[1])) throw new Error(`node ${m[1]} defined twice`);
      g.nodes.set(m[1], { id: m[1], label: unquote(m[2] ?? m[3]), shape: m[2] ? "box" : "hexagon", ...(open ? { subgraph: open.id } : {}) });
      open?.members.push(m[1]);
    } else if ((m = /^(\w+) --> (\w+)$/.exec(line))) {
      g.edges.push({ from: m[1], to: m[2], dotted: false });
    } else if ((m = /^(\w+) -\. (.+) \.-> (\w+)$/.exec(line))) {
      g.edges.push({ from: m[1], to: m[3], label: m[2], dotted: true });
    } else {
      throw new Error(`unparsed line: ${line}`);
    }
  }
  if (open) throw new Error("unclosed subgraph");
  const known = new Set([...g.nodes.keys(), ...g.subgraphs.map((s) => s.id)]);
  for (const e of g.edges) if (!known.has(e.from) || !known.has(e.to)) throw new Error(`edge to an undefined node: ${e.from} -> ${e.to}`);
  return g;
}
