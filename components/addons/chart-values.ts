/**
 * The one check of rendered Helm values against a chart's values.yaml keys shipped as data (for charts without a
 * values.schema.json, or whose schema is not shipped): every key the platform sets must be a key of the chart, at
 * every level the shipped list reaches. Used by the device plugins, Cilium and the autoscalers. Pure.
 */
import { ConfigIssue, isRecord } from "../core";

/** What the check needs of a chart: its name and version (for the message) and its dotted values keys. */
export interface ChartValuesKeys {
  readonly chart: string;
  readonly version: string;
  /**
   * Dotted key paths of the chart's values.yaml. A parent is known when it is listed or when a key below it is; below
   * a key the list says nothing about (no key under it), the value is free (a map or a Kubernetes type) and not walked.
   */
  readonly valuesKeys: readonly string[];
}

const parentOf = (k: string): string => k.slice(0, Math.max(k.lastIndexOf("."), 0));

/** The keys known directly below `prefix` (`""`: top level): listed ones, and the parents of deeper listed ones. */
function childrenOf(known: readonly string[], prefix: string): Set<string> {
  const below = prefix === "" ? known : known.filter((k) => k.startsWith(`${prefix}.`));
  const depth = prefix === "" ? 0 : prefix.split(".").length;
  return new Set(below.map((k) => k.split(".").slice(0, depth + 1).join(".")).filter((k) => parentOf(k) === prefix));
}

/** Dotted paths of the keys of `values` the chart lacks, at every level the list reaches. */
export function unknownChartValueKeys(values: Readonly<Record<string, unknown>>, known: readonly string[], prefix = ""): string[] {
  const listed = childrenOf(known, prefix);
  if (listed.size === 0) return [];
  return Object.entries(values).flatMap(([k, v]) => {
    const path = prefix === "" ? k : `${prefix}.${k}`;
    if (!listed.has(path)) return [path];
    return isRecord(v) ? unknownChartValueKeys(v, known, path) : [];
  });
}

/** One error per unknown key, at `at` + the key's path; `source` names the data file the keys ship in. */
export function chartValuesIssues(chart: ChartValuesKeys, values: Readonly<Record<string, unknown>>, at: string, source = "components/facts/data/helm-charts.json"): ConfigIssue[] {
  return unknownChartValueKeys(values, chart.valuesKeys).map((k) => ({
    path: `${at}.${k}`, message: `is not a key of the ${chart.chart} chart ${chart.version}'s values.yaml (${source})`,
  }));
}
