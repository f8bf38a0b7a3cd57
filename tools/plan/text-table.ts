/**
 * The plan's text tables: cli-table3's look (box borders, one space of padding, no rule between rows, no colours),
 * drawn in one pass. cli-table3's layout manager checks every cell against every earlier row for row spans, which
 * made the rollout table of a 200-pool plan (~400 node groups, drawn for the text and the Markdown output) cost
 * ~0.5 s. Rows of printable ASCII with one cell per heading, all this plan draws, take the fast path; whatever else
 * (wide or combining characters, line breaks, ragged rows) goes to cli-table3 itself, so the output is always
 * cli-table3's.
 */
import Table from "cli-table3";

export type Cell = string | number;

/** cli-table3 borders without a rule between rows. */
const COMPACT = { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" };

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function viaCliTable3(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const t = new Table({ head: [...head], style: { head: [], border: [] }, chars: COMPACT });
  for (const r of rows) t.push([...r]);
  return t.toString();
}

/** The table as cli-table3 draws it with `head`, no styles and COMPACT borders. */
export function renderTextTable(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = [head, ...rows].map((r) => r.map(String));
  const simple = text.every((r) => r.length === head.length && r.every((c) => PRINTABLE_ASCII.test(c)));
  if (!simple || head.length === 0) return viaCliTable3(head, rows);
  const widths = head.map((_, i) => Math.max(...text.map((r) => r[i].length)) + 2);
  const rule = (l: string, m: string, r: string): string => `${l}${widths.map((w) => "─".repeat(w)).join(m)}${r}`;
  const line = (r: readonly string[]): string => `│${r.map((c, i) => ` ${c.padEnd(widths[i] - 2)} `).join("│")}│`;
  return [rule("┌", "┬", "┐"), ...text.map(line), rule("└", "┴", "┘")].join("\n");
}

/** A table filled row by row, drawn by `toString()` (the part of cli-table3's API the plan used). */
export class TextTable {
  private readonly rows: Cell[][] = [];
  constructor(private readonly head: readonly string[]) {}
  push(...rows: Cell[][]): void {
    this.rows.push(...rows);
  }
  toString(): string {
    return renderTextTable(this.head, this.rows);
  }
}
