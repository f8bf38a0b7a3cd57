/**
 * Cluster Autoscaler facts (`data/cluster-autoscaler.json`, whose `source` names the kubernetes/autoscaler commit and
 * files read): the chart release per Kubernetes minor (chart version and the autoscaler version it ships), the chart's
 * Helm repository, the keys of the chart's values.yaml and the autoscaler's flags (both: those every pinned release has),
 * and the IAM actions of the autoscaler's documented AWS policy with the discovery tags that scope it.
 */
import raw from "./data/cluster-autoscaler.json";
import { isRecord } from "../core";

/** One chart release: the newest chart whose appVersion has the Kubernetes minor. */
export interface ClusterAutoscalerRelease {
  readonly chartVersion: string;
  /** The autoscaler version the chart ships (its image tag is `v<appVersion>`). */
  readonly appVersion: string;
  /** The git tag and commit of the Chart.yaml read. */
  readonly tag: string;
  readonly commit: string;
}

/** The Cluster Autoscaler facts. */
export interface ClusterAutoscalerFacts {
  readonly chart: string;
  readonly repository: string;
  readonly image: string;
  /** Dotted keys of the chart's values.yaml in every pinned chart (top level; autoDiscovery, rbac, rbac.serviceAccount, image below). */
  readonly valuesKeys: readonly string[];
  /** Flags (no leading `--`) every pinned autoscaler release defines: what `extraArgs` may name. */
  readonly flags: readonly string[];
  /** By Kubernetes minor (`"1.35"`). */
  readonly releases: Readonly<Record<string, ClusterAutoscalerRelease>>;
  /** Actions granted on every resource (the autoscaler reads ASGs, instance types, launch templates and node groups). */
  readonly describeActions: readonly string[];
  /** Actions granted only on Auto Scaling groups carrying both discovery tags. */
  readonly scalingActions: readonly string[];
  /** The discovery tags EKS puts on managed node groups' Auto Scaling groups. */
  readonly discoveryTags: { readonly enabled: string; readonly clusterPrefix: string; readonly enabledValue: string; readonly clusterValue: string };
}

const fail = (at: string, what: string, v: unknown): never => {
  throw new Error(`data/cluster-autoscaler.json: ${at} must be ${what}, got ${JSON.stringify(v)}`);
};
const str = (r: unknown, key: string, at: string): string => {
  const v = isRecord(r) ? r[key] : undefined;
  return typeof v === "string" && v.length > 0 ? v : fail(`${at}.${key}`, "a non-empty string", v);
};
const strings = (v: unknown, at: string): string[] =>
  Array.isArray(v) && v.length > 0 && v.every((x): x is string => typeof x === "string") ? v : fail(at, "a non-empty list of strings", v);

function parse(v: unknown): ClusterAutoscalerFacts {
  if (!isRecord(v) || !isRecord(v.releases) || !isRecord(v.iam)) return fail("", "an object with chart, releases and iam", v);
  const releases = Object.fromEntries(Object.entries(v.releases).map(([minor, r]) => {
    if (!/^1\.\d+$/.test(minor)) fail(`releases.${minor}`, "keyed by a Kubernetes minor", minor);
    const at = `releases.${minor}`;
    const release = { chartVersion: str(r, "chartVersion", at), appVersion: str(r, "appVersion", at), tag: str(r, "tag", at), commit: str(r, "commit", at) };
    if (!release.appVersion.startsWith(`${minor}.`)) fail(`${at}.appVersion`, `a ${minor}.x version`, release.appVersion);
    return [minor, release];
  }));
  const tags = v.iam.discoveryTags;
  const values = isRecord(v.values) ? v.values : fail("values", "an object with keys", v.values);
  const valuesKeys = strings(values.keys, "values.keys");
  return {
    chart: str(v.chart, "chart", "chart"), repository: str(v.chart, "repository", "chart"), image: str(v.chart, "image", "chart"),
    valuesKeys, flags: strings(v.flags, "flags"),
    releases,
    describeActions: strings(v.iam.describeActions, "iam.describeActions"),
    scalingActions: strings(v.iam.scalingActions, "iam.scalingActions"),
    discoveryTags: {
      enabled: str(tags, "enabled", "iam.discoveryTags"), clusterPrefix: str(tags, "clusterPrefix", "iam.discoveryTags"),
      enabledValue: str(tags, "enabledValue", "iam.discoveryTags"), clusterValue: str(tags, "clusterValue", "iam.discoveryTags"),
    },
  };
}

/** The shipped Cluster Autoscaler facts. */
export const CLUSTER_AUTOSCALER: ClusterAutoscalerFacts = parse(raw);

/** The chart release for a Kubernetes minor, or undefined when the data has none. */
export const clusterAutoscalerRelease = (minor: string): ClusterAutoscalerRelease | undefined =>
  Object.hasOwn(CLUSTER_AUTOSCALER.releases, minor) ? CLUSTER_AUTOSCALER.releases[minor] : undefined;
