/** tools/plan/text-table.ts draws exactly what cli-table3 draws with the plan's options. */
import Table from "cli-table3";
import { Cell, TextTable, renderTextTable } from "../../tools/plan";

const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };
function cliTable3(head: string[], rows: Cell[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, chars: COMPACT });
  for (const r of rows) t.push(r);
  return t.toString();
}

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("renderTextTable", () => {
  it("matches cli-table3 on generated ASCII tables", () => {
    const next = random(7);
    const word = (): Cell => (next() < 0.3 ? Math.floor(next() * 1000) : Array.from({ length: Math.floor(next() * 12) }, () => String.fromCharCode(32 + Math.floor(next() * 95))).join(""));
    for (let n = 0; n < 200; n++) {
      const cols = 1 + Math.floor(next() * 6);
      const head = Array.from({ length: cols }, () => String(word()));
      const rows = Array.from({ length: Math.floor(next() * 8) }, () => Array.from({ length: cols }, word));
      expect(renderTextTable(head, rows)).toBe(cliTable3(head, rows));
    }
  });

  it("hands wide characters, line breaks and ragged rows to cli-table3", () => {
    const cases: [string[], Cell[][]][] = [
      [["pool", "nodes"], [["日本", 3], ["a→b", 1]]],
      [["pool", "nodes"], [["two\nlines", 2]]],
      [["a", "b"], [["x"], ["p", "q", "r"]]],
    ];
    for (const [head, rows] of cases) expect(renderTextTable(head, rows)).toBe(cliTable3(head, rows));
  });

  it("fills row by row like cli-table3's push", () => {
    const t = new TextTable(["type", "count"]);
    t.push(["aws:eks/nodeGroup:NodeGroup", 12]);
    t.push(["total", 71]);
    expect(t.toString()).toBe(cliTable3(["type", "count"], [["aws:eks/nodeGroup:NodeGroup", 12], ["total", 71]]));
    expect(t.toString().split("\n")).toHaveLength(5);
  });
});
