/**
 * EKS add-on configuration schemas (what `aws eks describe-addon-configuration` returns as
 * `configurationSchema`), shipped as data in `data/addon-schemas/<addon>.json` with their source,
 * and a validator for `configurationValues` built from them with ajv.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import { ConfigIssue, isRecord } from "../core";
import { ADDON_SCHEMA_DOCUMENTS } from "../facts";
import { ADDON_NAMES, AddonName } from "./derive";
import { precompiledValidator } from "./precompiled";
import { isDraft2019, newAddonEngines } from "./schema-engine";

/** Where a shipped schema was taken from. */
export interface AddonSchemaSource {
  /** What the source is, e.g. "describe-addon-configuration output committed in a public repository". */
  readonly kind: string;
  /** GitHub `owner/name` holding the dump. @default - none (see `url`) */
  readonly repo?: string;
  /** File path inside `repo`. @default - none */
  readonly path?: string;
  /** Commit of `path` that was read. @default - none */
  readonly commit?: string;
  /** Web address of the source. @default - none */
  readonly url?: string;
  /** Date of the dump or page (YYYY-MM-DD or YYYY). @default - unknown */
  readonly date?: string;
}

/** One shipped add-on configuration schema with its provenance. */
export interface AddonSchema {
  /** EKS add-on name. */
  readonly addon: AddonName;
  /** Add-on version the dump is for; `null` when the source does not say. */
  readonly addonVersion: string | null;
  /** True when only part of the schema could be found: what is checked is then `coverage`. */
  readonly partial: boolean;
  /** What a partial schema checks. @default "unknown keys not refused" */
  readonly coverage?: string;
  /** The Helm chart whose values.yaml the schema was derived from, when it is not a describe-addon-configuration dump. */
  readonly chart?: { readonly name: string; readonly version: string; readonly appVersion: string };
  /** Where the schema comes from. */
  readonly source: AddonSchemaSource;
  /** The JSON Schema itself, as returned in `configurationSchema`. */
  readonly schema: Readonly<Record<string, unknown>>;
}

const RAW: Readonly<Record<AddonName, unknown>> = Object.fromEntries(
  ADDON_NAMES.map((name) => [name, ADDON_SCHEMA_DOCUMENTS[name]]),
) as Record<AddonName, unknown>;

const optionalString = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function parseAddonSchema(name: AddonName, raw: unknown): AddonSchema {
  if (!isRecord(raw) || raw.addon !== name || !isRecord(raw.source) || !isRecord(raw.schema)) {
    throw new Error(`data/addon-schemas/${name}.json: expected { addon: "${name}", source, schema }`);
  }
  const { addonVersion, partial, source } = raw;
  if (!(typeof addonVersion === "string" || addonVersion === null) || typeof partial !== "boolean") {
    throw new Error(`data/addon-schemas/${name}.json: addonVersion must be string|null, partial boolean`);
  }
  const chart = isRecord(raw.chart) ? { name: String(raw.chart.name), version: String(raw.chart.version), appVersion: String(raw.chart.appVersion) } : undefined;
  return {
    addon: name,
    addonVersion,
    partial,
    ...(typeof raw.coverage === "string" ? { coverage: raw.coverage } : {}),
    ...(chart ? { chart } : {}),
    source: {
      kind: String(source.kind),
      repo: optionalString(source.repo),
      path: optionalString(source.path),
      commit: optionalString(source.commit),
      url: optionalString(source.url),
      date: optionalString(source.date),
    },
    schema: raw.schema,
  };
}

const SCHEMAS = new Map<AddonName, AddonSchema>(ADDON_NAMES.map((n) => [n, parseAddonSchema(n, RAW[n])]));

/** The version a shipped schema is for, as the plan and README name it. */
export function addonSchemaVersion(s: AddonSchema): string {
  if (s.addonVersion !== null) return s.addonVersion;
  return s.chart ? `chart ${s.chart.name} ${s.chart.version} (app ${s.chart.appVersion})` : "(version not stated by the source)";
}

/** True when `v` names an add-on with a shipped schema. */
export const isAddonName = (v: unknown): v is AddonName =>
  typeof v === "string" && (ADDON_NAMES as readonly string[]).includes(v);

/** The shipped schema (with provenance) of one add-on. */
export function addonSchema(name: AddonName): AddonSchema {
  const s = SCHEMAS.get(name);
  if (s === undefined) throw new Error(`no shipped schema for add-on "${String(name)}"`);
  return s;
}

const FORMAT_TEXT: Readonly<Record<string, string>> = {
  boolean: 'a boolean ("true" or "false")',
  integer: 'an integer (e.g. "5")',
};

let engines: ReturnType<typeof newAddonEngines> | undefined;
const compiled = new Map<AddonName, ValidateFunction>();

/** The validator of an add-on's schema, at first use: the precompiled one when current, else compiled now. */
function validatorFor(name: AddonName): ValidateFunction {
  const cached = compiled.get(name);
  if (cached !== undefined) return cached;
  const schema = addonSchema(name).schema;
  let fn = precompiledValidator(name, schema);
  if (fn === undefined) {
    engines ??= newAddonEngines();
    fn = (isDraft2019(schema) ? engines.draft2019 : engines.draft07).compile(schema);
  }
  compiled.set(name, fn);
  return fn;
}

/** Keys users can write after a dot; anything else is written `["key"]`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function pointerToPath(at: string, pointer: string, data: unknown, extra?: string): string {
  const segments = pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra !== undefined) segments.push(extra);
  let path = at;
  let node = data;
  for (const seg of segments) {
    if (Array.isArray(node) && /^\d+$/.test(seg)) path += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) path += path === "" ? seg : `.${seg}`;
    else path += `[${JSON.stringify(seg)}]`;
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return path;
}

function describe(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "boolean" || typeof v === "number") return `${typeof v} ${String(v)}`;
  return Array.isArray(v) ? "an array" : "an object";
}

const TYPE_TEXT: Readonly<Record<string, string>> = {
  string: "a string", integer: "an integer", number: "a number", boolean: "a boolean",
  object: "an object", array: "an array", null: "null",
};
const typesText = (t: unknown): string =>
  (Array.isArray(t) ? t : [t]).map((x) => TYPE_TEXT[String(x)] ?? String(x)).join(" or ");

function typeMessage(e: ErrorObject): string {
  const base = `must be ${typesText(e.params.type)}, got ${describe(e.data)}`;
  const wantsString = (Array.isArray(e.params.type) ? e.params.type : [e.params.type]).includes("string");
  const scalar = typeof e.data === "boolean" || typeof e.data === "number";
  return wantsString && scalar ? `${base} (this add-on takes the value as a string: write "${String(e.data)}")` : base;
}

function branchText(branch: unknown): string {
  if (!isRecord(branch)) return "any value";
  const type = branch.type === undefined ? "any value" : typesText(branch.type);
  return typeof branch.pattern === "string" ? `${type} matching /${branch.pattern}/` : type;
}

function allowedProperties(e: ErrorObject): string {
  const props = isRecord(e.parentSchema) && isRecord(e.parentSchema.properties) ? Object.keys(e.parentSchema.properties) : [];
  return props.length > 0 ? `allowed: ${props.join(", ")}` : "no other properties are allowed";
}

function messageFor(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "type": return typeMessage(e);
    case "enum": return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${describe(e.data)}`;
    case "additionalProperties": return `unknown property ${JSON.stringify(p.additionalProperty)}; ${allowedProperties(e)}`;
    case "required": return `is required here, got nothing`;
    case "format": return `must be a string holding ${FORMAT_TEXT[String(p.format)] ?? String(p.format)}, got ${describe(e.data)}`;
    case "minimum": case "maximum": case "exclusiveMinimum": case "exclusiveMaximum":
      return `must be ${String(p.comparison)} ${String(p.limit)}, got ${describe(e.data)}`;
    case "pattern": return `must match /${String(p.pattern)}/, got ${describe(e.data)}`;
    case "anyOf": return `must be one of: ${(Array.isArray(e.schema) ? e.schema : []).map(branchText).join("; ")}, got ${describe(e.data)}`;
    default: return `${e.message ?? `fails "${e.keyword}"`}, got ${describe(e.data)}`;
  }
}

function extraSegment(e: ErrorObject): string | undefined {
  if (e.keyword === "additionalProperties") return String(e.params.additionalProperty);
  if (e.keyword === "required") return String(e.params.missingProperty);
  return e.propertyName;
}

/** Drops branch errors under an anyOf (reported once by the anyOf) and propertyNames wrappers. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  return errors.filter((e) => {
    if (e.keyword === "propertyNames") return false;
    return !anyOfs.some((a) => a !== e && e.instancePath === a.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`));
  });
}

/**
 * Validates `configurationValues` for an add-on against its shipped schema. Returns every problem, each
 * with a config path under `at` (e.g. `${at}.env.ENABLE_PREFIX_DELEGATION`) and what was received.
 */
export function validateAddonConfiguration(addon: AddonName, values: unknown, at: string): ConfigIssue[] {
  const validate = validatorFor(addon);
  if (validate(values)) return [];
  const issues = collapse(validate.errors ?? []).map((e) => ({
    path: pointerToPath(at, e.instancePath, values, extraSegment(e)),
    message: messageFor(e),
  }));
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
