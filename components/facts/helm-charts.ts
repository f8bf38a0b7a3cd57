/**
 * Helm charts the platform installs (not EKS add-ons), pinned as data (`data/helm-charts.json`, whose `source`
 * names the chart's repository, file and commit): chart name, Helm repository, chart version, whether the chart
 * ships a values schema, and the parts of its values.yaml the platform's values are checked against (the keys, where
 * the DaemonSet's affinity and tolerations live, and the chart's own tolerations).
 */
import raw from "./data/helm-charts.json";
import { isRecord } from "../core";

/** Charts in the data file. */
export const HELM_CHART_KEYS = ["nvidia-device-plugin", "neuron-helm-chart", "karpenter", "cilium"] as const;
export type HelmChartKey = (typeof HELM_CHART_KEYS)[number];

/** A toleration as a chart's values.yaml lists it. */
export interface ChartToleration {
  readonly key: string;
  readonly operator: "Exists" | "Equal";
  readonly value?: string;
  readonly effect?: string;
}

/** One pinned chart. */
export interface HelmChartFacts {
  readonly chart: string;
  /** Helm repository URL, or an OCI registry path (`oci://…`, the chart is `<repository>/<chart>`). */
  readonly repository: string;
  /** Pinned chart version. */
  readonly version: string;
  readonly appVersion: string;
  /** GitHub owner/name, path and commit of the Chart.yaml that was read. */
  readonly sourceRepo: string;
  readonly sourcePath: string;
  readonly sourceCommit: string;
  /** Whether the chart ships values.schema.json (if not, rendered values are checked by type and against {@link valuesKeys}). */
  readonly valuesSchema: boolean;
  /**
   * Dotted key paths of the chart's values.yaml (top level, and deeper where the data lists them): a value the platform
   * sets must be one of them at every level the list reaches.
   */
  readonly valuesKeys: readonly string[];
  /** Where the chart's pod (the device plugin DaemonSet, Karpenter's controller) takes `affinity` and `tolerations` (`""`: top level). */
  readonly podValuesPath: string;
  /** The chart's own tolerations at that path (a `tolerations` value replaces the whole list). */
  readonly defaultTolerations: readonly ChartToleration[];
}

const fail = (at: string, what: string, v: unknown): never => {
  throw new Error(`data/helm-charts.json: ${at} must be ${what}, got ${JSON.stringify(v)}`);
};

function text(r: Record<string, unknown>, key: string, at: string, empty = false): string {
  const v = r[key];
  return typeof v === "string" && (empty || v.length > 0) ? v : fail(`${at}.${key}`, "a non-empty string", v);
}

function toleration(v: unknown, at: string): ChartToleration {
  if (!isRecord(v) || typeof v.key !== "string" || (v.operator !== "Exists" && v.operator !== "Equal")) return fail(at, "a toleration { key, operator }", v);
  const optional = (k: "value" | "effect"): string | undefined => (v[k] === undefined ? undefined : text(v, k, at));
  const [value, effect] = [optional("value"), optional("effect")];
  return { key: v.key, operator: v.operator, ...(value !== undefined ? { value } : {}), ...(effect !== undefined ? { effect } : {}) };
}

function parseChart(key: HelmChartKey, v: unknown): HelmChartFacts {
  const at = `charts.${key}`;
  if (!isRecord(v) || typeof v.valuesSchema !== "boolean") return fail(at, "an object with a boolean valuesSchema", v);
  const keys = v.valuesKeys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k): k is string => typeof k === "string")) return fail(`${at}.valuesKeys`, "a non-empty list of strings", keys);
  const tolerations = Array.isArray(v.defaultTolerations) ? v.defaultTolerations : fail(`${at}.defaultTolerations`, "a list", v.defaultTolerations);
  return {
    chart: text(v, "chart", at), repository: text(v, "repository", at), version: text(v, "version", at), appVersion: text(v, "appVersion", at),
    sourceRepo: text(v, "sourceRepo", at), sourcePath: text(v, "sourcePath", at), sourceCommit: text(v, "sourceCommit", at), valuesSchema: v.valuesSchema,
    valuesKeys: keys, podValuesPath: text(v, "podValuesPath", at, true),
    defaultTolerations: tolerations.map((t, i) => toleration(t, `${at}.defaultTolerations[${i}]`)),
  };
}

const charts: unknown = isRecord(raw) ? raw.charts : undefined;

/** The pinned charts, by key. */
export const HELM_CHARTS: Readonly<Record<HelmChartKey, HelmChartFacts>> = Object.fromEntries(
  HELM_CHART_KEYS.map((k) => [k, parseChart(k, isRecord(charts) ? charts[k] : undefined)]),
) as Record<HelmChartKey, HelmChartFacts>;
