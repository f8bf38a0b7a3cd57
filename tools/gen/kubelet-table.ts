/**
 * The README's kubelet option table (under "`workerpools:kubelet` and `workerpools:pools[].kubelet`"), generated
 * from the kubelet option catalog: `npx tsx tools/gen/kubelet-table.ts` prints it (markdown), `--write` puts it in
 * README.md between {@link KUBELET_TABLE_START} and {@link KUBELET_TABLE_END}; test/kubelet/catalog.test.ts keeps the
 * README current. Pure {@link renderKubeletOptionTable} and {@link withKubeletTable}; the script entry does the I/O.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS, KubeletOptionRow } from "../../components/kubelet";

/** The README markers around the generated table. */
export const KUBELET_TABLE_START = "<!-- kubelet-options:start -->";
export const KUBELET_TABLE_END = "<!-- kubelet-options:end -->";

/** A table cell: pipes escaped, line breaks flattened. */
const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** A README row: the options it covers, and their shared default and meaning. */
export interface KubeletTableRow {
  readonly keys: readonly string[];
  readonly default: string;
  readonly meaning: string;
}

/** Rows in catalog order; adjacent options with the same default and meaning share one row (`a`, `b`). */
export function kubeletTableRows(names: readonly string[], rows: Readonly<Record<string, KubeletOptionRow>>): KubeletTableRow[] {
  const out: KubeletTableRow[] = [];
  for (const name of names) {
    const row = rows[name];
    const last = out[out.length - 1];
    if (last && last.default === row.default && last.meaning === row.meaning) out[out.length - 1] = { ...last, keys: [...last.keys, name] };
    else out.push({ keys: [name], default: row.default, meaning: row.meaning });
  }
  return out;
}

/** Markdown table of the typed kubelet options: key(s), default, meaning. */
export function renderKubeletOptionTable(
  names: readonly string[] = KUBELET_OPTION_NAMES,
  rows: Readonly<Record<string, KubeletOptionRow>> = KUBELET_OPTION_ROWS,
): string {
  const lines = kubeletTableRows(names, rows).map((r) => `| ${r.keys.map((k) => `\`${k}\``).join(", ")} | ${cell(r.default)} | ${cell(r.meaning)} |`);
  return ["| key | default | meaning |", "|---|---|---|", ...lines].join("\n");
}

/** The table between the markers of a README text, or undefined when the markers are missing. */
export function readmeKubeletTable(readme: string): string | undefined {
  const start = readme.indexOf(`${KUBELET_TABLE_START}\n`);
  const end = readme.indexOf(`\n${KUBELET_TABLE_END}`);
  return start < 0 || end < start ? undefined : readme.slice(start + KUBELET_TABLE_START.length + 1, end);
}

/** The README text with `table` between the markers (unchanged when the markers are missing). */
export function withKubeletTable(readme: string, table: string = renderKubeletOptionTable()): string {
  const current = readmeKubeletTable(readme);
  if (current === undefined) return readme;
  const at = readme.indexOf(`${KUBELET_TABLE_START}\n`) + KUBELET_TABLE_START.length + 1;
  return readme.slice(0, at) + table + readme.slice(at + current.length);
}

if (require.main === module) {
  if (process.argv.includes("--write")) {
    const file = path.resolve(__dirname, "../..", "README.md");
    fs.writeFileSync(file, withKubeletTable(fs.readFileSync(file, "utf8")));
  } else console.log(renderKubeletOptionTable());
}
