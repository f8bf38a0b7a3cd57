/**
 * Which stack config key a pool's kubelet issue is about. A pool's kubelet options are the cluster-wide defaults
 * merged under the pool's own ({@link mergeKubeletOptions}, by each option's catalog `merge` rule), so an issue at
 * `<pool>.kubelet<suffix>` concerns the value the pool wrote when the pool sets it, else the cluster-wide value:
 * scalars by who sets them, map keys by who sets the key, `allowedUnsafeSysctls` items by value (joined without
 * repeats), `hardeningOverrides` items by position (cluster's first). Anything neither sets (derived values) stays
 * with the pool. Pure.
 */
import { isRecord } from "../core";
import { KUBELET_OPTION_ROWS, KubeletOptionName } from "./catalog";
import type { KubeletOptions } from "./options";

/** Where an issue belongs, and its path suffix under that `kubelet` key. */
export interface KubeletIssueSource {
  readonly source: "pool" | "cluster";
  /** The rest of the path after `kubelet`, e.g. `.maxPods`, `.allowedUnsafeSysctls[0]` (re-indexed for lists). */
  readonly suffix: string;
}

const OPTION = /^\.([A-Za-z]+)(.*)$/;
const INDEX = /^\[(\d+)\](.*)$/;
const isOption = (name: string): name is KubeletOptionName => Object.prototype.hasOwnProperty.call(KUBELET_OPTION_ROWS, name);

/** The key of `map` that `rest` (`.memory.available.x`) starts with, preferring the longest (keys may hold dots). */
function keyIn(map: unknown, rest: string): string | undefined {
  if (!isRecord(map)) return undefined;
  const hits = Object.keys(map).filter((k) => rest === `.${k}` || rest.startsWith(`.${k}.`) || rest.startsWith(`.${k}[`));
  return hits.sort((a, b) => b.length - a.length)[0];
}

const pool = (suffix: string): KubeletIssueSource => ({ source: "pool", suffix });
const cluster = (suffix: string): KubeletIssueSource => ({ source: "cluster", suffix });

function listSource(name: string, rest: string, fromCluster: readonly unknown[], fromPool: readonly unknown[], byValue: boolean): KubeletIssueSource {
  const m = INDEX.exec(rest);
  if (!m) return fromPool.length > 0 || fromCluster.length === 0 ? pool(`.${name}${rest}`) : cluster(`.${name}${rest}`);
  const i = Number(m[1]);
  if (byValue) {
    const merged = [...new Set([...fromCluster, ...fromPool])];
    const j = fromCluster.indexOf(merged[i]);
    return j >= 0 ? cluster(`.${name}[${j}]${m[2]}`) : pool(`.${name}[${Math.max(0, fromPool.indexOf(merged[i]))}]${m[2]}`);
  }
  return i < fromCluster.length ? cluster(`.${name}[${i}]${m[2]}`) : pool(`.${name}[${i - fromCluster.length}]${m[2]}`);
}

/** The key an issue at `<pool>.kubelet<suffix>` is about, given the cluster-wide and the pool's own options. */
export function kubeletIssueSource(suffix: string, clusterOptions: KubeletOptions, poolOptions: KubeletOptions): KubeletIssueSource {
  const m = OPTION.exec(suffix);
  if (!m || !isOption(m[1])) return pool(suffix);
  const [, name, rest] = m;
  if (!isOption(name)) return pool(suffix);
  const own = poolOptions[name];
  const shared = clusterOptions[name];
  const rule = KUBELET_OPTION_ROWS[name].merge;
  if (rule === "union" || rule === "concat") {
    const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
    return listSource(name, rest, asList(shared), asList(own), rule === "union");
  }
  if (rule === "mapMerge" && rest !== "") {
    if (keyIn(own, rest) !== undefined) return pool(suffix);
    return keyIn(shared, rest) !== undefined ? cluster(suffix) : pool(suffix);
  }
  return own === undefined && shared !== undefined ? cluster(suffix) : pool(suffix);
}
