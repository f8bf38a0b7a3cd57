/**
 * Bad inputs derived from the stack config's own JSON Schema (config-json-schema.ts, generated from the zod schema)
 * applied to a stack's values: for every key, a value of the wrong type; for integers a fraction and the bounds
 * crossed by one; enums a value outside them; patterns a string that does not match; lists with a minimum, an empty
 * list; objects an unknown sibling key (a near-miss of a real one) and each required key removed. Pure shape errors:
 * each must be refused at exactly its path. Deterministic: no randomness, instances chosen by position.
 */
import { isRecord } from "../../components/core";
import { renderStackFileSchema } from "./config-json-schema";
import { BadInputCase, Segment, StackValues, pathText, setAt, deleteAt } from "./bad-input-values";

/** The part of JSON Schema the generated stack config schema uses. */
export interface SchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  /** `false`: unknown keys refused; a node: a map whose values have that schema. */
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly pattern?: string;
}

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);

/** Reads one JSON Schema node (unknown members ignored). */
export function parseSchemaNode(raw: unknown): SchemaNode {
  if (!isRecord(raw)) return {};
  const props = isRecord(raw.properties) ? Object.fromEntries(Object.entries(raw.properties).map(([k, v]) => [k, parseSchemaNode(v)])) : undefined;
  const extra = raw.additionalProperties;
  return {
    type: typeof raw.type === "string" ? raw.type : undefined,
    properties: props,
    required: strings(raw.required),
    additionalProperties: typeof extra === "boolean" ? extra : isRecord(extra) ? parseSchemaNode(extra) : undefined,
    items: raw.items === undefined ? undefined : parseSchemaNode(raw.items),
    enum: Array.isArray(raw.enum) ? (raw.enum as unknown[]) : undefined,
    minimum: num(raw.minimum),
    maximum: num(raw.maximum),
    minLength: num(raw.minLength),
    minItems: num(raw.minItems),
    pattern: typeof raw.pattern === "string" ? raw.pattern : undefined,
  };
}

/**
 * The `workerpools` namespace as one object node: the stack file schema's `workerpools:*` properties without the
 * namespace, required as there, and closed (the zod schema refuses unknown `workerpools:*` keys).
 */
export function stackValuesSchema(stackFileSchema: unknown = renderStackFileSchema()): SchemaNode {
  const root = isRecord(stackFileSchema) && isRecord(stackFileSchema.properties) ? stackFileSchema.properties.config : undefined;
  const config = parseSchemaNode(root);
  const strip = (k: string): string => k.replace(/^workerpools:/, "");
  const properties = Object.fromEntries(Object.entries(config.properties ?? {}).filter(([k]) => k.startsWith("workerpools:")).map(([k, v]) => [strip(k), v]));
  return { type: "object", properties, required: (config.required ?? []).map(strip), additionalProperties: false };
}

/** A place a node's value lives (or would live) in the stack, and how much of the way there exists. */
interface Instance {
  readonly segments: readonly Segment[];
  readonly value: unknown;
  /** 2: the value is there; 1: its parent is; 0: the parent is missing too. */
  readonly presence: 0 | 1 | 2;
}

/** The instance a node's cases edit: the best present ones, the `ordinal`-th of them (cycling), so indexes vary. */
function choose(instances: readonly Instance[], ordinal: number): Instance {
  const best = Math.max(...instances.map((i) => i.presence));
  const tier = instances.filter((i) => i.presence === best);
  return tier[ordinal % tier.length];
}

function children(instances: readonly Instance[], key: string): Instance[] {
  return instances.map((i) => {
    const there = isRecord(i.value) && key in i.value;
    return { segments: [...i.segments, key], value: isRecord(i.value) ? i.value[key] : undefined, presence: there ? 2 : i.presence === 2 ? 1 : 0 };
  });
}

function elements(instances: readonly Instance[]): Instance[] {
  return instances.flatMap((i): Instance[] =>
    Array.isArray(i.value) && i.value.length > 0
      ? i.value.map((value: unknown, n) => ({ segments: [...i.segments, n], value, presence: 2 }))
      : [{ segments: [...i.segments, 0], value: undefined, presence: i.presence === 2 ? 1 : 0 }]);
}

/** A near-miss of `key` that is not one of `known`: two letters swapped, as a typo would. */
export function nearMiss(key: string, known: readonly string[]): string {
  const swapped = key.length > 2 ? `${key[0]}${key[2]}${key[1]}${key.slice(3)}` : `${key}x`;
  let candidate = swapped;
  while (candidate === key || known.includes(candidate)) candidate += "x";
  return candidate;
}

/** A value outside `values` that a user might write: the first value with its case flipped. */
function outsideEnum(values: readonly unknown[]): unknown {
  const first = String(values[0]);
  let candidate = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase();
  while (values.includes(candidate)) candidate += "-x";
  return candidate;
}

/** A value of another type than `node` wants: a number for a string, a quoted number for a number, a map for a list, a list for a map. */
function wrongType(node: SchemaNode, current: unknown): unknown {
  switch (node.type) {
    case "string": return 42;
    case "integer": case "number": return typeof current === "number" ? String(current) : "3";
    case "boolean": return "true";
    case "array": return { item: Array.isArray(current) && current.length > 0 ? (current[0] as unknown) : "x" };
    case "object": return ["x"];
    default: return undefined;
  }
}

interface Bad { readonly rule: string; readonly value: unknown; readonly why: string }

/** The value-level bad inputs of `node` (the node's own value replaced). */
function badValues(node: SchemaNode, current: unknown): Bad[] {
  const out: Bad[] = [];
  const wrong = wrongType(node, current);
  if (wrong !== undefined) out.push({ rule: "wrong-type", value: wrong, why: `${JSON.stringify(wrong)} where ${node.type === "integer" ? "an integer" : `a ${node.type ?? "value"}`} is wanted` });
  if (node.type === "object" || node.type === "array") out.push({ rule: "null", value: null, why: "null (a YAML key with no value)" });
  if (node.type === "integer") {
    const base = typeof current === "number" ? current : (node.minimum ?? 1);
    out.push({ rule: "non-integer", value: base + 0.5, why: `${base + 0.5}: not an integer` });
  }
  if ((node.type === "integer" || node.type === "number") && node.minimum !== undefined) out.push({ rule: "below-minimum", value: node.minimum - 1, why: `${node.minimum - 1}: below the minimum ${node.minimum}` });
  if ((node.type === "integer" || node.type === "number") && node.maximum !== undefined) out.push({ rule: "above-maximum", value: node.maximum + 1, why: `${node.maximum + 1}: above the maximum ${node.maximum}` });
  if (node.enum !== undefined && node.enum.length > 0) {
    const v = outsideEnum(node.enum);
    out.push({ rule: "outside-enum", value: v, why: `${JSON.stringify(v)}: not one of ${node.enum.map((e) => JSON.stringify(e)).join(", ")}` });
  }
  if (node.pattern !== undefined) {
    const re = new RegExp(node.pattern);
    const v = ["Not Valid!", "-", "x"].find((s) => !re.test(s));
    if (v !== undefined) out.push({ rule: "pattern-mismatch", value: v, why: `${JSON.stringify(v)}: does not match ${node.pattern.length > 40 ? `${node.pattern.slice(0, 40)}…` : node.pattern}` });
  }
  if (node.minLength !== undefined && node.minLength > 0) out.push({ rule: "too-short", value: "", why: `"": shorter than ${node.minLength}` });
  if (node.minItems !== undefined && node.minItems > 0) out.push({ rule: "too-few-items", value: [], why: `[]: fewer than ${node.minItems} items` });
  return out;
}

/** Collects the cases of `node` (at `instances`) into `out`; `ordinal` is the node's position among its siblings. */
function walk(node: SchemaNode, instances: readonly Instance[], ordinal: number, base: StackValues, out: BadInputCase[]): void {
  const at = choose(instances, ordinal);
  const add = (rule: string, why: string, segments: readonly Segment[], edit: (v: StackValues) => void): void => {
    const values = structuredClone(base);
    edit(values);
    const expectedPath = pathText(segments);
    out.push({ id: `${rule} ${expectedPath}`, kind: "schema", rule, description: `${expectedPath}: ${why}`, values, expectedPath, match: "exact" });
  };
  if (at.segments.length > 0) {
    for (const b of badValues(node, at.value)) add(b.rule, b.why, at.segments, (v) => setAt(v, at.segments, structuredClone(b.value)));
  }
  if (node.properties !== undefined) {
    const keys = Object.keys(node.properties);
    if (node.additionalProperties === false) {
      const typo = nearMiss(keys[ordinal % keys.length], keys);
      const segments = [...at.segments, typo];
      add("unknown-key", `unknown key "${typo}" beside ${keys.slice(0, 4).join(", ")}${keys.length > 4 ? ", …" : ""}`, segments, (v) => setAt(v, segments, 1));
    }
    for (const key of node.required ?? []) {
      if (at.presence === 2 && isRecord(at.value) && key in at.value) {
        const segments = [...at.segments, key];
        add("missing-required", `required key "${key}" removed`, segments, (v) => deleteAt(v, segments));
      }
    }
    keys.forEach((key, n) => walk(node.properties?.[key] ?? {}, children(instances, key), n, base, out));
  }
  if (typeof node.additionalProperties === "object") {
    const mapKeys = instances.map((i) => (isRecord(i.value) ? Object.keys(i.value)[0] : undefined));
    const entries = instances.flatMap((i, n) => children([i], mapKeys[n] ?? "example"));
    walk(node.additionalProperties, entries, ordinal, base, out);
  }
  if (node.items !== undefined) walk(node.items, elements(instances), ordinal, base, out);
}

/** Every schema-derived bad input for `values` (a stack's `workerpools:*` values), in schema order. */
export function schemaBadInputs(values: StackValues, schema: SchemaNode = stackValuesSchema()): BadInputCase[] {
  const out: BadInputCase[] = [];
  walk(schema, [{ segments: [], value: values, presence: 2 }], 0, values, out);
  const seen = new Map<string, number>();
  return out.map((c) => {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    return n === 1 ? c : { ...c, id: `${c.id} #${n}` };
  });
}
