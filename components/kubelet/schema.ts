/**
 * The `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1) field schema, shipped as data in
 * `data/kubelet-config-v1beta1.json`, the kubelet's valid map keys and defaults from `data/kubelet-well-known.json`
 * (sources named in both), and a validator for kubelet config objects.
 */
import { KUBELET_CONFIG_V1BETA1_DOCUMENT as rawSchema, KUBELET_WELL_KNOWN_DOCUMENT as rawWellKnown } from "../facts";
import { ConfigIssue, checkEntries, dataReader, isRecord, nearestName } from "../core";
import { isThreshold, parseGoDuration, quantitySign } from "./values";

/** The closed set of value types a kubelet field can have. */
export const KUBELET_FIELD_TYPES = [
  "string", "boolean", "int32", "int64", "float",
  "duration", "quantity", // metav1.Duration, a Go duration string such as "1m30s" / a quantity string such as "10Mi"
  "quantityMap", // resource name -> quantity (kubeReserved)
  "thresholdMap", "durationMap", // eviction signal -> quantity or percentage (evictionHard) / -> Go duration
  "stringMap", "boolMap", "stringList", "int32List", "stringListMap",
  "object", "objectList", // a struct / a list of structs with known `fields`
  "openObject", // a struct defined elsewhere; only checked to be an object
] as const;
export type KubeletFieldType = (typeof KUBELET_FIELD_TYPES)[number];

/** One field of the schema. */
export interface KubeletFieldSpec {
  /** Value type. */
  readonly type: KubeletFieldType;
  /** A Go pointer (`*T`): unset and zero are different (false when the data file omits it). */
  readonly pointer: boolean;
  /** Valid values of a string field. @default - any string */
  readonly enum?: readonly string[];
  /** Valid items of a string list. @default - any string */
  readonly itemEnum?: readonly string[];
  /** Valid keys of a map (eviction signals, reservable resources). @default - any key (featureGates: not checked) */
  readonly keys?: readonly string[];
  /** Smallest valid number, as documented. @default - the type's own range */
  readonly min?: number;
  /** Largest valid number, as documented. @default - the type's own range */
  readonly max?: number;
  /** Nested fields of an `object` / the items of an `objectList`. @default - none */
  readonly fields?: Readonly<Record<string, KubeletFieldSpec>>;
  /** Why the field is deprecated. @default - not deprecated */
  readonly deprecated?: string;
  /**
   * The smallest quantity a `thresholdMap` value may be: `positive` for eviction thresholds (the kubelet refuses zero
   * and negative ones), `nonNegative` for `evictionMinimumReclaim`. @default - positive
   */
  readonly thresholdMin?: "positive" | "nonNegative";
}

/** Where the schema was read. */
export interface KubeletSchemaSource {
  /** Repository, e.g. `kubernetes/kubernetes`. */
  readonly repo: string;
  /** File path in the repository. */
  readonly path: string;
  /** Commit read. */
  readonly commit: string;
  /** Release line the commit belongs to. */
  readonly version: string;
  /** Date the file was read. */
  readonly retrieved: string;
}

/** The parsed schema. */
export interface KubeletSchema {
  /** Where the facts come from. */
  readonly source: KubeletSchemaSource;
  /** `kubelet.config.k8s.io/v1beta1`. */
  readonly apiVersion: string;
  /** `KubeletConfiguration`. */
  readonly kind: string;
  /** Top-level fields by JSON name. */
  readonly fields: Readonly<Record<string, KubeletFieldSpec>>;
}

type Json = Readonly<Record<string, unknown>>;
const { fail, record, str, strings, num } = dataReader("kubelet schema");

const isFieldType = (v: unknown): v is KubeletFieldType => KUBELET_FIELD_TYPES.some((t) => t === v);
const wellKnown = record(rawWellKnown, "kubelet-well-known");
/** Lists of valid map keys by name (`evictionSignals`, `reservedResources`), from `data/kubelet-well-known.json`. */
export const KUBELET_KEY_LISTS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(record(wellKnown.lists, "lists")).map(([k, v]) => [k, strings(v, `lists.${k}`)]),
);
const keyList = (name: string, at: string): readonly string[] => KUBELET_KEY_LISTS[name] ?? fail(at, `one of ${Object.keys(KUBELET_KEY_LISTS).join(", ")}`);
const gc = record(wellKnown.kubeletDefaults, "kubeletDefaults");
/** The kubelet's own image GC thresholds (percent) for an unset field (SetDefaults_KubeletConfiguration). */
export const KUBELET_IMAGE_GC_DEFAULTS = {
  high: num(gc.imageGCHighThresholdPercent, "kubeletDefaults.imageGCHighThresholdPercent"),
  low: num(gc.imageGCLowThresholdPercent, "kubeletDefaults.imageGCLowThresholdPercent"),
} as const;

function parseField(v: unknown, at: string): KubeletFieldSpec {
  const o = record(v, at);
  if (!isFieldType(o.type)) return fail(`${at}.type`, `one of ${KUBELET_FIELD_TYPES.join(", ")}`);
  return {
    type: o.type,
    pointer: o.pointer === true,
    ...(o.enum !== undefined && { enum: strings(o.enum, `${at}.enum`) }),
    ...(o.itemEnum !== undefined && { itemEnum: strings(o.itemEnum, `${at}.itemEnum`) }),
    ...(o.keysFrom !== undefined && { keys: keyList(str(o.keysFrom, `${at}.keysFrom`), `${at}.keysFrom`) }),
    ...(typeof o.min === "number" && { min: o.min }),
    ...(typeof o.max === "number" && { max: o.max }),
    ...(o.fields !== undefined && { fields: parseFields(o.fields, `${at}.fields`) }),
    ...(o.deprecated !== undefined && { deprecated: str(o.deprecated, `${at}.deprecated`) }),
  };
}

/**
 * Threshold maps whose quantities may be zero: the kubelet's parseMinimumReclaims refuses only negative ones, while
 * parseThresholdStatement (evictionHard, evictionSoft) refuses zero too (pkg/kubelet/eviction/helpers.go).
 */
const NON_NEGATIVE_THRESHOLDS: ReadonlySet<string> = new Set(["evictionMinimumReclaim"]);

function parseFields(v: unknown, at: string): Record<string, KubeletFieldSpec> {
  return Object.fromEntries(Object.entries(record(v, at)).map(([k, f]) => {
    const spec = parseField(f, `${at}.${k}`);
    return [k, NON_NEGATIVE_THRESHOLDS.has(k) ? { ...spec, thresholdMin: "nonNegative" } : spec];
  }));
}

/** Parses the schema data file (exported for tests; use {@link KUBELET_CONFIG_SCHEMA}). */
export function parseKubeletSchema(raw: unknown): KubeletSchema {
  const o = record(raw, "root");
  const s = record(o.source, "source");
  const source: KubeletSchemaSource = {
    repo: str(s.repo, "source.repo"), path: str(s.path, "source.path"), commit: str(s.commit, "source.commit"),
    version: str(s.version, "source.version"), retrieved: str(s.retrieved, "source.retrieved"),
  };
  return { source, apiVersion: str(o.apiVersion, "apiVersion"), kind: str(o.kind, "kind"), fields: parseFields(o.fields, "fields") };
}

/** The KubeletConfiguration v1beta1 schema, parsed once from the shipped data. */
export const KUBELET_CONFIG_SCHEMA: KubeletSchema = parseKubeletSchema(rawSchema);

/** The spec of a field by dotted path through nested objects, e.g. `authentication.anonymous.enabled`. */
export function lookupKubeletField(path: string): KubeletFieldSpec | undefined {
  let fields: Readonly<Record<string, KubeletFieldSpec>> | undefined = KUBELET_CONFIG_SCHEMA.fields;
  let spec: KubeletFieldSpec | undefined;
  for (const part of path.split(".")) {
    spec = fields && Object.prototype.hasOwnProperty.call(fields, part) ? fields[part] : undefined;
    if (!spec) return undefined;
    fields = spec.fields;
  }
  return spec;
}

/** The top-level KubeletConfiguration field a misspelt `name` most likely means, if any. */
export const suggestField = (name: string): string | undefined => nearestName(name, Object.keys(KUBELET_CONFIG_SCHEMA.fields));

/** How a received value is named in messages, e.g. `string "110"`, `number 3.5`, `array`. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `string ${JSON.stringify(v)}`;
  if (typeof v === "number" || typeof v === "boolean") return `${typeof v} ${String(v)}`;
  return typeof v === "object" ? "an object" : typeof v;
}

const issue = (path: string, message: string): ConfigIssue[] => [{ path, message }];

/** `unknown <what> "<name>"`, then the nearest valid name, or the valid names when none is close. */
export function unknownName(what: string, name: string, valid: readonly string[]): string {
  const near = nearestName(name, valid);
  return `unknown ${what} "${name}"; ${near ? `did you mean "${near}"?` : `valid: ${valid.join(", ")}`}`;
}

const NUMBER_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-2147483648, 2147483647], int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER], float: [-Infinity, Infinity],
};

function checkNumber(v: unknown, spec: KubeletFieldSpec, at: string): ConfigIssue[] {
  const kind = spec.type === "float" ? "a number" : `an ${spec.type} integer`;
  if (typeof v !== "number" || !Number.isFinite(v) || (spec.type !== "float" && !Number.isInteger(v))) {
    return issue(at, `must be ${kind}, got ${describeValue(v)}`);
  }
  const [lo, hi] = NUMBER_RANGE[spec.type] ?? NUMBER_RANGE.float;
  const min = Math.max(spec.min ?? lo, lo);
  const max = Math.min(spec.max ?? hi, hi);
  return v < min || v > max ? issue(at, `must be between ${min} and ${max}, got ${v}`) : [];
}

function checkString(v: unknown, spec: KubeletFieldSpec, at: string): ConfigIssue[] {
  if (typeof v !== "string") {
    const kind = spec.type === "duration" ? 'a Go duration string such as "30s"' : spec.type === "quantity" ? 'a quantity string such as "10Mi"' : "a string";
    return issue(at, `must be ${kind}, got ${describeValue(v)}`);
  }
  if (spec.type === "duration") {
    const ns = parseGoDuration(v);
    if (ns === undefined) return issue(at, `must be a Go duration such as "30s", "1m30s" or "500ms", got ${JSON.stringify(v)}`);
    if (ns < 0) return issue(at, `must not be negative, got ${JSON.stringify(v)}; give a duration of 0s or more, such as "30s"`);
  }
  if (spec.type === "quantity") {
    const sign = quantitySign(v);
    if (sign === undefined) return issue(at, `must be a resource quantity such as "10Mi" or "1Gi", got ${JSON.stringify(v)}`);
    if (sign < 0) return issue(at, `must not be negative, got ${JSON.stringify(v)}; give a quantity of 0 or more, such as "10Mi"`);
  }
  if (spec.enum && !spec.enum.includes(v)) {
    return issue(at, `must be one of ${spec.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${JSON.stringify(v)}`);
  }
  return [];
}

const MAP_VALUE_TYPE: Readonly<Record<string, KubeletFieldType>> = {
  quantityMap: "quantity", thresholdMap: "string", durationMap: "duration", stringMap: "string", boolMap: "boolean", stringListMap: "stringList",
};

/**
 * An eviction threshold: a quantity or a percentage. The kubelet refuses (and exits) on a negative threshold, and on a
 * zero quantity in evictionHard / evictionSoft ("eviction threshold <signal> must be positive"); "0%" is ignored.
 */
function checkThreshold(item: unknown, spec: KubeletFieldSpec, signal: string, path: string): ConfigIssue[] {
  if (typeof item !== "string" || !isThreshold(item)) {
    return issue(path, `must be a quantity such as "200Mi" or a percentage such as "10%", got ${describeValue(item)}`);
  }
  const sign = quantitySign(item);
  if (sign === undefined) return [];
  if (sign < 0) return issue(path, `must not be negative, got ${JSON.stringify(item)}: the kubelet refuses it and does not start`);
  if (sign === 0 && (spec.thresholdMin ?? "positive") === "positive") {
    return issue(path, `must be above zero, got ${JSON.stringify(item)}: the kubelet refuses it ("eviction threshold ${signal} must be positive") and does not start; remove the signal instead`);
  }
  return [];
}

function checkMap(v: unknown, spec: KubeletFieldSpec, at: string): ConfigIssue[] {
  if (!isRecord(v)) return issue(at, `must be a map of names to values, got ${describeValue(v)}`);
  const valueSpec: KubeletFieldSpec = { type: MAP_VALUE_TYPE[spec.type] ?? "string", pointer: false };
  return checkEntries(Object.entries(v), at, ([k, item]) => {
    const path = `${at}.${k}`;
    if (spec.keys && !spec.keys.includes(k)) return issue(path, unknownName("key", k, spec.keys));
    if (spec.type === "thresholdMap") return checkThreshold(item, spec, k, path);
    return validateValue(item, valueSpec, path);
  });
}

function checkList(v: unknown, spec: KubeletFieldSpec, at: string): ConfigIssue[] {
  if (!Array.isArray(v)) return issue(at, `must be a list, got ${describeValue(v)}`);
  const items: unknown[] = v;
  return checkEntries(items.map((item, i) => [item, i] as const), at, ([item, i]): ConfigIssue[] => {
    const path = `${at}[${i}]`;
    if (spec.type === "int32List") return checkNumber(item, { type: "int32", pointer: false }, path);
    if (spec.type === "objectList") {
      return isRecord(item) ? validateFields(item, spec.fields ?? {}, path) : issue(path, `must be an object, got ${describeValue(item)}`);
    }
    return checkString(item, { type: "string", pointer: false, enum: spec.itemEnum }, path);
  });
}

/** Validates one value against its field spec; nested objects are validated field by field. */
export function validateValue(v: unknown, spec: KubeletFieldSpec, at: string): ConfigIssue[] {
  if (v === null || v === undefined) return issue(at, `must be a ${spec.type} value, got ${describeValue(v)}; omit the key to keep the kubelet default`);
  switch (spec.type) {
    case "boolean": return typeof v === "boolean" ? [] : issue(at, `must be a boolean (true or false), got ${describeValue(v)}`);
    case "int32": case "int64": case "float": return checkNumber(v, spec, at);
    case "string": case "duration": case "quantity": return checkString(v, spec, at);
    case "stringList": case "int32List": case "objectList": return checkList(v, spec, at);
    case "object": return isRecord(v) ? validateFields(v, spec.fields ?? {}, at) : issue(at, `must be an object, got ${describeValue(v)}`);
    case "openObject": return isRecord(v) ? [] : issue(at, `must be an object, got ${describeValue(v)}`);
    default: return checkMap(v, spec, at);
  }
}

function validateFields(obj: Json, fields: Readonly<Record<string, KubeletFieldSpec>>, at: string): ConfigIssue[] {
  const names = Object.keys(fields);
  return checkEntries(Object.entries(obj), at, ([key, value]) => {
    const path = `${at}.${key}`;
    if (!Object.prototype.hasOwnProperty.call(fields, key)) return issue(path, unknownName("KubeletConfiguration field", key, names));
    return validateValue(value, fields[key], path);
  });
}

/**
 * Validates a kubelet config object (KubeletConfiguration v1beta1, JSON field names): unknown keys (with the
 * nearest valid name), value types, enums, Go durations, quantities and documented ranges, recursively; map keys
 * of eviction and reservation fields. featureGates names depend on the Kubernetes version: {@link validateFeatureGates}
 * checks them on the effective configuration.
 */
export function validateKubeletConfig(config: Readonly<Record<string, unknown>>, at: string): ConfigIssue[] {
  return validateFields(config, KUBELET_CONFIG_SCHEMA.fields, at);
}
