/**
 * `--markdown FILE`: a pull-request-comment-sized summary of the offline plan: verdict, policy violations,
 * resource counts by type, and (when the caller has them) the rollout and the changes against a baseline. Pure.
 */
import type { ConfigIssue } from "../../components/core";
import type { PlanResource } from "./resources";
import type { PolicyResult } from "./policy-eval";
import { cell } from "./policy-table";

/** What the summary is made of. */
export interface MarkdownSummaryInput {
  /** Stack name. */
  readonly stack: string;
  /** Every recorded resource (counted by type). */
  readonly resources: readonly PlanResource[];
  /** Every policy evaluation (tools/plan/policy-eval.ts `evaluatePolicies`). */
  readonly policyResults: readonly PolicyResult[];
  /** Rollout section body (markdown: waves, batches, durations). @default - no rollout section */
  readonly rollout?: string;
  /** Changes against the baseline (markdown: what changes, which pools roll). @default - no changes section */
  readonly changes?: string;
  /** Most violation rows listed; the rest are counted. @default 50 */
  readonly maxViolations?: number;
  /** Heading level of the title (sections one below it): 3 inside the `--all` summary. @default 2 */
  readonly headingLevel?: number;
}

/** GitHub refuses comments over 65,536 characters; stay below with room for the truncation note. */
export const MAX_COMMENT_CHARS = 60_000;
const DEFAULT_MAX_VIOLATIONS = 50;

function verdictLine(results: readonly PolicyResult[], resourceCount: number): string {
  const failed = results.filter((r) => !r.passed);
  const mandatory = failed.filter((r) => r.level === "mandatory").length;
  const icon = mandatory > 0 ? "❌" : failed.length > 0 ? "⚠️" : "✅";
  const what = mandatory > 0 ? `${mandatory} mandatory policy violation${mandatory === 1 ? "" : "s"}: the plan fails`
    : failed.length > 0 ? "advisory policy violations only" : "no policy violations";
  return `${icon} **${what}** · ${resourceCount} resources · ${results.length} policy evaluations, ${failed.length} violated (${mandatory} mandatory, ${failed.length - mandatory} advisory)`;
}

function violationsTable(results: readonly PolicyResult[], max: number): string {
  const rows = results.filter((r) => !r.passed)
    .sort((a, b) => Number(a.level !== "mandatory") - Number(b.level !== "mandatory"))
    .flatMap((r) => r.messages.map((m) => `| ${r.level} | ${r.ruleId} \`${r.ruleName}\` | \`${cell(r.type)}\` ${cell(r.name)} | ${cell(m)} |`));
  if (rows.length === 0) return "No violations.";
  const shown = rows.slice(0, max);
  const more = rows.length > max ? `\n\n…and ${rows.length - max} more (see the job log or \`--json\`).` : "";
  return ["| Level | Rule | Resource | Violation |", "| --- | --- | --- | --- |", ...shown].join("\n") + more;
}

function countsTable(resources: readonly PlanResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `| \`${cell(t)}\` | ${n} |`);
  return ["| Type | Count |", "| --- | ---: |", ...rows, `| **total** | **${resources.length}** |`].join("\n");
}

/** Cuts `text` to `max` characters at a line end, saying so. */
export function truncateComment(text: string, max: number = MAX_COMMENT_CHARS): string {
  if (text.length <= max) return text;
  const note = "\n\n_(summary truncated to fit a pull request comment; the full plan is in the job log)_\n";
  const cut = text.lastIndexOf("\n", max - note.length);
  return text.slice(0, cut > 0 ? cut : max - note.length) + note;
}

/** `## ` for level 2, and so on (levels past 6 stay at 6, markdown's deepest). */
export const heading = (level: number): string => `${"#".repeat(Math.min(6, Math.max(1, level)))} `;

/** The markdown summary of one offline plan. */
export function renderMarkdownSummary(input: MarkdownSummaryInput): string {
  const level = input.headingLevel ?? 2;
  const sub = heading(level + 1);
  const sections = [
    `${heading(level)}Offline plan: stack \`${input.stack}\``,
    verdictLine(input.policyResults, input.resources.length),
    `${sub}Policy violations`,
    violationsTable(input.policyResults, input.maxViolations ?? DEFAULT_MAX_VIOLATIONS),
  ];
  if (input.changes !== undefined) sections.push(`${sub}Changes against the baseline`, input.changes.trim());
  if (input.rollout !== undefined) sections.push(`${sub}Rollout`, input.rollout.trim());
  sections.push(`<details><summary>Resources by type (${input.resources.length})</summary>\n\n${countsTable(input.resources)}\n\n</details>`);
  sections.push("<sub>Planned offline under Pulumi's mock runtime: no AWS calls; values only AWS knows are labelled stand-ins.</sub>");
  return truncateComment(`${sections.join("\n\n")}\n`);
}

/** Terminal text (e.g. the rollout table) as a markdown code block, fenced with more backticks than it contains. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${text.replace(/\s+$/, "")}\n${fence}`;
}

/** The summary when the configuration is invalid (exit 2): nothing was planned, every error with its config path. */
export function renderConfigErrorsMarkdown(stack: string, errors: readonly ConfigIssue[], warnings: readonly ConfigIssue[] = [], headingLevel = 2): string {
  const list = (issues: readonly ConfigIssue[]) => issues.map((i) => `- \`${cell(i.path)}\`: ${cell(i.message)}`).join("\n");
  const sections = [
    `${heading(headingLevel)}Offline plan: stack \`${stack}\``,
    `❌ **invalid configuration**: nothing was planned (${errors.length} error${errors.length === 1 ? "" : "s"})`,
    list(errors),
  ];
  if (warnings.length > 0) sections.push(`${heading(headingLevel + 1)}Warnings`, list(warnings));
  return truncateComment(`${sections.join("\n\n")}\n`);
}
