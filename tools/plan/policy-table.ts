/**
 * The README's rule table, generated from the pack itself: `npx tsx tools/plan/policy-table.ts` prints it (markdown).
 * Pure {@link renderRuleTable}; the script entry only prints.
 */
import type { Rule, RuleMapping } from "../../policies/rule";
import { ALL_RULES } from "../../policies/rules";

/** A table cell: pipes escaped, line breaks flattened. */
export const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/** `CIS Amazon EKS Benchmark v1.8.0 3.2.1: title`, or `EKS Best Practices Guide (section): title`. */
export function formatMapping(m: RuleMapping): string {
  return m.version ? `${m.framework} v${m.version} ${m.control}: ${m.title}` : `${m.framework} (${m.control}): ${m.title}`;
}

/** Markdown table of the rules: id, what (name and description), mapping, level. */
export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| ${r.id} | \`${r.name}\`: ${cell(r.description)} | ${cell(formatMapping(r.mapping))} | ${r.enforcementLevel} |`);
  return ["| ID | What | Mapping | Level |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

if (require.main === module) console.log(renderRuleTable(ALL_RULES));
