/**
 * The bad-input suite: the dev stack with one thing wrong, every way the stack config's schema allows to get a key
 * wrong (bad-input-schema.ts) and a hand list of what AWS, EKS or the node refuse (bad-input-semantic.ts), each with
 * the config path its error must name. {@link runBadInput} loads one with `loadStackConfig` and judges the outcome:
 *
 * - **refused well**: `ok: false`, no exception, and at least one error whose
 *   path is the expected path (`exact`), or is it or lies inside it, i.e. continues it with `.` or `[` (`within`);
 * - **refused elsewhere**: `ok: false`, but no error at (or inside) the expected path;
 * - **accepted**: `ok: true` (warnings do not count);
 * - **crashed**: `loadStackConfig` threw.
 *
 * test/gen/bad-inputs.test.ts keeps the rates; `npx tsx tools/gen/bad-inputs.ts --report` prints the cases not
 * refused well.
 */
import * as path from "node:path";
import Table from "cli-table3";
import { loadStackConfig } from "../../infra/config";
import { findProjectRoot, readStackFile } from "../plan";
import { schemaBadInputs } from "./bad-input-schema";
import { semanticBadInputs } from "./bad-input-semantic";
import type { BadInputCase, BadInputKind, PathMatch } from "./bad-input-values";

export type { BadInputCase, BadInputKind, PathMatch, Edit, Segment, StackValues } from "./bad-input-values";
export { parsePath, pathText, edited } from "./bad-input-values";
export { schemaBadInputs, stackValuesSchema, parseSchemaNode, nearMiss, type SchemaNode } from "./bad-input-schema";
export { SEMANTIC_CASES, semanticBadInputs, type SemanticCase } from "./bad-input-semantic";

/** The moment the suite judges EKS support dates at (fixed, so the measured rates do not move with the clock). */
export const BAD_INPUT_NOW = new Date("2026-12-01T00:00:00Z");
/** The `aws:region` cases load under unless they say otherwise (the dev stack's). */
export const BAD_INPUT_REGION = "us-east-1";

/** The outcome of one case; see the file comment. */
export type BadInputVerdict = "refused-well" | "refused-elsewhere" | "accepted" | "crashed";

export interface BadInputResult {
  readonly case: BadInputCase;
  readonly verdict: BadInputVerdict;
  /** Wall time of `loadStackConfig`. */
  /** The paths of the errors returned (empty when accepted or crashed). */
  readonly errorPaths: readonly string[];
  /** The exception's message, when it crashed. */
  readonly crash?: string;
}

/** True when `path` answers `expected` under `match` (see the file comment). */
export function pathMatches(path: string, expected: string, match: PathMatch): boolean {
  if (path === expected) return true;
  return match === "within" && (path.startsWith(`${expected}.`) || path.startsWith(`${expected}[`));
}

/** Loads one case and judges it. Never throws. */
export function runBadInput(c: BadInputCase, now: Date = BAD_INPUT_NOW): BadInputResult {
  try {
    const r = loadStackConfig(c.values, now, { region: c.region ?? BAD_INPUT_REGION });
    if (r.ok) return { case: c, verdict: "accepted", errorPaths: [] };
    const errorPaths = r.errors.map((e) => e.path);
    const atPath = errorPaths.some((p) => pathMatches(p, c.expectedPath, c.match));
    return { case: c, verdict: atPath ? "refused-well" : "refused-elsewhere", errorPaths };
  } catch (e) {
    return { case: c, verdict: "crashed", errorPaths: [], crash: e instanceof Error ? e.message : String(e) };
  }
}

/** The dev stack's `workerpools:*` values (Pulumi.dev.yaml). */
export function devStackValues(projectRoot: string = findProjectRoot(__dirname)): Record<string, unknown> {
  return readStackFile(projectRoot, "dev").values;
}

/** Every case, schema-derived first, for the stack's values (the dev stack by default). Deterministic. */
export function badInputCases(values: Record<string, unknown> = devStackValues()): BadInputCase[] {
  return [...schemaBadInputs(values), ...semanticBadInputs(values)];
}

/** Counts of one kind of case. */
export interface BadInputTally {
  readonly total: number;
  /** Refused well (see the file comment). */
  readonly refusedWell: number;
  /** `ok: false`, at whatever path and after however long. */
  readonly refused: number;
  readonly accepted: number;
  readonly crashed: number;
}

export function tally(results: readonly BadInputResult[], kind?: BadInputKind): BadInputTally {
  const of = results.filter((r) => kind === undefined || r.case.kind === kind);
  const count = (...v: BadInputVerdict[]): number => of.filter((r) => v.includes(r.verdict)).length;
  return { total: of.length, refusedWell: count("refused-well"), refused: count("refused-well", "refused-elsewhere"), accepted: count("accepted"), crashed: count("crashed") };
}

const percent = (n: number, of: number): string => (of === 0 ? "-" : `${((100 * n) / of).toFixed(1)}%`);

/** One line per kind: `semantic: 40 of 52 refused at their path (76.9%), 45 refused, 7 accepted, 0 crashed`. */
export function tallyLine(kind: BadInputKind, t: BadInputTally): string {
  return `${kind}: ${t.refusedWell} of ${t.total} refused at their path (${percent(t.refusedWell, t.total)}), ${t.refused} refused, ${t.accepted} accepted, ${t.crashed} crashed`;
}

/** The report: a table of every case not refused well, then the tallies. */
export function renderBadInputReport(results: readonly BadInputResult[]): string {
  const table = new Table({ head: ["case", "verdict", "expected path", "what was reported"], wordWrap: true, colWidths: [44, 18, 46, 60], style: { head: [], border: [] } });
  for (const r of results.filter((x) => x.verdict !== "refused-well")) {
    const got = r.verdict === "crashed" ? `threw: ${r.crash ?? ""}` : r.verdict === "accepted" ? "accepted" : r.errorPaths.slice(0, 4).join("\n") + (r.errorPaths.length > 4 ? `\n… ${r.errorPaths.length - 4} more` : "");
    table.push([`${r.case.id}\n${r.case.description}`, r.verdict, `${r.case.expectedPath}${r.case.match === "within" ? " (or inside)" : ""}`, got]);
  }
  const lines = [tallyLine("schema", tally(results, "schema")), tallyLine("semantic", tally(results, "semantic"))];
  return `${table.length > 0 ? table.toString() : "every case refused well"}\n${lines.join("\n")}`;
}

if (require.main === module) {
  const root = findProjectRoot(path.resolve(__dirname));
  const results = badInputCases(devStackValues(root)).map((c) => runBadInput(c));
  if (process.argv.includes("--report")) console.log(renderBadInputReport(results));
  else console.log([tallyLine("schema", tally(results, "schema")), tallyLine("semantic", tally(results, "semantic"))].join("\n"));
}
