/**
 * Paths and edits for the bad-input suite (bad-inputs.ts): a config path as segments, its text as users write it
 * (`workerpools:pools[1].scaling.min`), and edits of a copy of the stack's `workerpools:*` values. The path text is
 * formatted here, not with infra/config.ts's `configPath`, so the suite does not agree with a bug it should find.
 */
import { isRecord } from "../../components/core";

/** One step of a config path: an object key or a list index. */
export type Segment = string | number;

/** The `workerpools:*` values of a stack, by key without the namespace. */
export type StackValues = Record<string, unknown>;

/** `["pools", 1, "scaling", "min"]` → `workerpools:pools[1].scaling.min`; `[]` → `workerpools:`. */
export function pathText(segments: readonly Segment[]): string {
  const [head, ...rest] = segments;
  return `workerpools:${head === undefined ? "" : String(head)}${rest.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("")}`;
}

/** `pools[1].scaling.min` (no namespace, keys without dots) → `["pools", 1, "scaling", "min"]`. */
export function parsePath(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(m[2] === undefined ? m[1] : Number(m[2]));
  return segments;
}

type Container = unknown[] | Record<string, unknown>;
const isList = (v: unknown): v is unknown[] => Array.isArray(v);
const isContainer = (v: unknown): v is Container => isList(v) || isRecord(v);

/** The child of `c` at `s`, or undefined when `c` is not the kind of container `s` steps into. */
function childOf(c: unknown, s: Segment): unknown {
  if (typeof s === "number") return isList(c) ? c[s] : undefined;
  return isRecord(c) ? c[s] : undefined;
}

function assign(c: Container, s: Segment, value: unknown): void {
  if (isList(c)) c[Number(s)] = value;
  else c[String(s)] = value;
}

/** The value at `segments`, or undefined when a step is missing. */
export function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  return segments.reduce<unknown>((v, s) => childOf(v, s), root);
}

/** Sets `segments` in `root` (in place), creating what is missing on the way (a list before an index, else an object). */
export function setAt(root: StackValues, segments: readonly Segment[], value: unknown): void {
  if (segments.length === 0) throw new Error("setAt: empty path");
  let c: Container = root;
  segments.forEach((s, i) => {
    if (i === segments.length - 1) return assign(c, s, value);
    const existing = childOf(c, s);
    const wantList = typeof segments[i + 1] === "number";
    const child: Container = isContainer(existing) && isList(existing) === wantList ? existing : wantList ? [] : {};
    if (child !== existing) assign(c, s, child);
    c = child;
  });
}

/** Removes the key (or list item) at `segments` from `root` (in place); nothing when it is missing. */
export function deleteAt(root: StackValues, segments: readonly Segment[]): void {
  const last = segments[segments.length - 1];
  const parent = valueAt(root, segments.slice(0, -1));
  if (isList(parent) && typeof last === "number") parent.splice(last, 1);
  else if (isRecord(parent) && typeof last === "string") delete parent[last];
}

/** One edit of a stack: the path (no namespace, e.g. `pools[1].scaling.min`) and its new value; `undefined` removes the key. */
export type Edit = readonly [path: string, value: unknown];

/** A copy of `base` with `edits` applied in order. */
export function edited(base: StackValues, edits: readonly Edit[]): StackValues {
  const copy = structuredClone(base);
  for (const [path, value] of edits) {
    if (value === undefined) deleteAt(copy, parsePath(path));
    else setAt(copy, parsePath(path), value);
  }
  return copy;
}

/**
 * How an error's path must relate to a case's expected path: `exact`, equal; `within`, equal or inside it (the expected
 * path followed by `.` or `[`), for problems of a whole object or list that a validator may pin on one of its keys.
 */
export type PathMatch = "exact" | "within";

/** Where a case comes from: walked from the stack config's JSON Schema, or the hand list of what AWS/EKS/the node refuse. */
export type BadInputKind = "schema" | "semantic";

/** One bad stack: the dev stack's values with one thing wrong, and where the error must be reported. */
export interface BadInputCase {
  /** Unique and stable: `<rule> <expected path>` (schema cases) or a short name (semantic cases). */
  readonly id: string;
  readonly kind: BadInputKind;
  /** What is wrong, e.g. `wrong-type`, `above-maximum`, `outside-enum`; semantic cases name their topic. */
  readonly rule: string;
  /** One line: the bad value and why it is bad. */
  readonly description: string;
  /** The whole `workerpools:*` values to load. */
  readonly values: StackValues;
  /** The config path an error must name, e.g. `workerpools:pools[1].scaling.min` (or `aws:region`). */
  readonly expectedPath: string;
  readonly match: PathMatch;
  /** `aws:region` passed as the load context. @default "us-east-1" */
  readonly region?: string;
}
