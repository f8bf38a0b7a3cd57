/** Plain-object helpers: deep merge, keys sorted at every level, the sorted keys of several objects. Pure. */
import { isRecord } from "./guards";

/** Deep merge of plain objects: `over` wins, nested objects merge, lists and scalars are replaced. Neither input is written. */
export function deepMerge(base: Readonly<Record<string, unknown>>, over: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    out[k] = isRecord(prev) && isRecord(v) ? deepMerge(prev, v) : v;
  }
  return out;
}

/** A copy of `value` with the keys of every object sorted (lists keep their order), for stable text and comparison. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeysDeep(value[k])]));
}

/** Every key of the given objects, once each, sorted. */
export function unionKeys(...records: readonly Readonly<Record<string, unknown>>[]): string[] {
  return [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
}

/** The value at `path` of nested plain objects, or undefined where a step is missing or not an object. */
export function getPath(root: unknown, path: readonly string[]): unknown {
  let at = root;
  for (const key of path) at = isRecord(at) ? at[key] : undefined;
  return at;
}

/** Sets `value` at `path` in `root`, creating (or replacing non-object) intermediate objects; writes to `root`. */
export function setPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at = isRecord(next) ? next : (at[key] = {});
  }
  at[path[path.length - 1]] = value;
}
