/**
 * Helm charts the platform installs (not EKS add-ons), pinned as data (`data/helm-charts.json`, whose `source`
 * names the chart's repository, file and commit): chart name, Helm repository, chart version, and whether the
 * chart ships a values schema.
 */
import raw from "./data/helm-charts.json";
import { isRecord } from "../core";

/** Charts in the data file. */
export const HELM_CHART_KEYS = ["nvidia-device-plugin"] as const;
export type HelmChartKey = (typeof HELM_CHART_KEYS)[number];

/** One pinned chart. */
export interface HelmChartFacts {
  readonly chart: string;
  /** Helm repository URL. */
  readonly repository: string;
  /** Pinned chart version. */
  readonly version: string;
  readonly appVersion: string;
  /** GitHub owner/name, path and commit of the Chart.yaml that was read. */
  readonly sourceRepo: string;
  readonly sourcePath: string;
  readonly sourceCommit: string;
  /** Whether the chart ships values.schema.json (if not, rendered values are checked by type only). */
  readonly valuesSchema: boolean;
}

function text(r: Record<string, unknown>, key: string, at: string): string {
  const v = r[key];
  if (typeof v === "string" && v.length > 0) return v;
  throw new Error(`data/helm-charts.json: ${at}.${key} must be a non-empty string, got ${JSON.stringify(v)}`);
}

function parseChart(key: HelmChartKey, v: unknown): HelmChartFacts {
  const at = `charts.${key}`;
  if (!isRecord(v) || typeof v.valuesSchema !== "boolean") throw new Error(`data/helm-charts.json: ${at} must be an object with a boolean valuesSchema`);
  return {
    chart: text(v, "chart", at), repository: text(v, "repository", at), version: text(v, "version", at), appVersion: text(v, "appVersion", at),
    sourceRepo: text(v, "sourceRepo", at), sourcePath: text(v, "sourcePath", at), sourceCommit: text(v, "sourceCommit", at), valuesSchema: v.valuesSchema,
  };
}

const charts: unknown = isRecord(raw) ? raw.charts : undefined;

/** The pinned charts, by key. */
export const HELM_CHARTS: Readonly<Record<HelmChartKey, HelmChartFacts>> = Object.fromEntries(
  HELM_CHART_KEYS.map((k) => [k, parseChart(k, isRecord(charts) ? charts[k] : undefined)]),
) as Record<HelmChartKey, HelmChartFacts>;
