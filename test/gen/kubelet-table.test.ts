import { KUBELET_TABLE_END, KUBELET_TABLE_START, kubeletTableRows, readmeKubeletTable, renderKubeletOptionTable, withKubeletTable } from "../../tools/gen";
import type { KubeletOptionRow } from "../../components/kubelet";

const row = (d: string, meaning: string): KubeletOptionRow => ({
  shape: { kind: "string" }, doc: "", default: d, meaning, bottlerocket: "not expressible", config: true, merge: "replace",
});
const ROWS: Record<string, KubeletOptionRow> = { a: row("none", "m"), b: row("none", "m"), c: row("none", "n | x"), d: row("none", "m") };

describe("the README kubelet table generator", () => {
  it("shares a row between adjacent options with the same default and meaning only", () => {
    expect(kubeletTableRows(["a", "b", "c", "d"], ROWS).map((r) => r.keys)).toEqual([["a", "b"], ["c"], ["d"]]);
  });

  it("renders markdown rows with pipes escaped", () => {
    expect(renderKubeletOptionTable(["a", "b", "c"], ROWS).split("\n")).toEqual([
      "| key | default | meaning |", "|---|---|---|", "| `a`, `b` | none | m |", "| `c` | none | n \\| x |",
    ]);
  });

  it("replaces only the text between the markers, and leaves a README without markers alone", () => {
    const readme = `before\n${KUBELET_TABLE_START}\nold\n${KUBELET_TABLE_END}\nafter`;
    expect(withKubeletTable(readme, "new")).toBe(`before\n${KUBELET_TABLE_START}\nnew\n${KUBELET_TABLE_END}\nafter`);
    expect(readmeKubeletTable(withKubeletTable(readme, "new"))).toBe("new");
    expect(withKubeletTable("no markers", "new")).toBe("no markers");
  });
});
