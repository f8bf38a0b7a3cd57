/** Pure text rendering of a plan: the resource tree like `pulumi preview`, counts per type, stand-ins. */
import type { ConfigIssue } from "../../components/core";
import { formatIssue } from "../../components/core";
import { PlanResource, childrenByParent } from "./resources";
import type { StandIn } from "./offline-values";
import { TextTable } from "./text-table";

/** The resource tree, children indented under their parent, in registration order. */
export function renderTree(resources: readonly PlanResource[]): string {
  const children = childrenByParent(resources);
  const known = new Set(resources.map((r) => r.urn));
  const roots = resources.filter((r) => !r.parent || !known.has(r.parent));
  const lines: string[] = [];
  const walk = (r: PlanResource, depth: number): void => {
    lines.push(`${"  ".repeat(depth)}+ ${r.type.padEnd(Math.max(48 - depth * 2, 0))} ${r.name}`);
    for (const c of children.get(r.urn) ?? []) walk(c, depth + 1);
  };
  roots.forEach((r) => walk(r, 0));
  return lines.join("\n");
}

/** Counts per resource type, most frequent first, as a table. */
export function renderCounts(resources: readonly PlanResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const table = new TextTable(["type", "count"]);
  [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).forEach(([t, n]) => table.push([t, n]));
  table.push(["total", resources.length]);
  return table.toString();
}

/** The values AWS would have given, replaced offline. */
export function renderStandIns(standIns: readonly StandIn[]): string {
  if (standIns.length === 0) return "Offline stand-ins: none";
  return ["Offline stand-ins (AWS would answer these at deploy time):", ...standIns.map((s) => `  ${s.question}\n      -> ${s.value}`)].join("\n");
}

/** Config errors or warnings, one per line. */
export const renderIssues = (title: string, issues: readonly ConfigIssue[]): string =>
  [title, ...issues.map((i) => `  ${formatIssue(i)}`)].join("\n");
