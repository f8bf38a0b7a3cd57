/**
 * Which `KubeletConfiguration` fields a Bottlerocket node lets us set (through `settings.kubernetes.*`), which it
 * fixes itself, and a validator that refuses the rest with a clear message. Facts ship as data in
 * `data/bottlerocket-kubernetes-settings.json`, with the Bottlerocket sources named there.
 */
import { BOTTLEROCKET_KUBERNETES_SETTINGS_DOCUMENT as rawSettings } from "../facts";
import { ConfigIssue, dataReader, isRecord, nearestName } from "../core";
import { describeValue } from "./schema";
import { parseGoDuration } from "./values";

/** TOML value types of `settings.kubernetes.*` keys. */
export const BOTTLEROCKET_TOML_TYPES = ["integer", "boolean", "string", "array", "table", "string-or-array"] as const;
export type BottlerocketTomlType = (typeof BOTTLEROCKET_TOML_TYPES)[number];

/** A Bottlerocket setting that renders one kubelet field. */
export interface BottlerocketSetting {
  /** Key under `settings.kubernetes`, e.g. `max-pods`. */
  readonly key: string;
  /** TOML type of the value. */
  readonly tomlType: BottlerocketTomlType;
  /** Values Bottlerocket accepts (string) or the option names it accepts (array). @default - any */
  readonly enum?: readonly string[];
  /** Table keys Bottlerocket accepts, e.g. eviction signals. @default - any */
  readonly keys?: readonly string[];
  /** Smallest accepted integer. @default - no bound */
  readonly min?: number;
  /** Largest accepted integer. @default - no bound */
  readonly max?: number;
  /** TOML type of each table value / array item. @default - not described */
  readonly entries?: BottlerocketTomlType;
  /** Values the template leaves out (`{{#if}}` without includeZero): the kubelet never gets them. @default - none */
  readonly omitted?: readonly (string | number | boolean)[];
  /** A kubelet field without which the template does not render this one. @default - none */
  readonly requires?: string;
  /** How Bottlerocket renders or restricts it. @default - rendered as is */
  readonly note?: string;
}

/** A kubelet field Bottlerocket sets itself, with no setting to change it. */
export interface BottlerocketFixedField {
  /** The value Bottlerocket renders (JSON form of the kubelet field). */
  readonly value: unknown;
  /** When the value differs. @default - always this value */
  readonly note?: string;
}

/** A source file read for the data. */
export interface BottlerocketSourceRef {
  /** Repository, e.g. `bottlerocket-os/bottlerocket-core-kit`. */
  readonly repo: string;
  /** File path. */
  readonly path: string;
  /** Commit read. */
  readonly commit: string;
}

/** The parsed data file. */
export interface BottlerocketKubernetesSettings {
  /** Files read, by role (`template`, `settingsModel`, `modeledTypes`, `execStart`). */
  readonly sources: Readonly<Record<string, BottlerocketSourceRef>>;
  /** Date the sources were read. */
  readonly retrieved: string;
  /** `settings.kubernetes`. */
  readonly settingsPrefix: string;
  /** Settable kubelet fields by KubeletConfiguration path (nested fields dotted, e.g. `memorySwap.swapBehavior`). */
  readonly mapped: Readonly<Record<string, BottlerocketSetting>>;
  /** Kubelet fields Bottlerocket fixes itself. */
  readonly fixed: Readonly<Record<string, BottlerocketFixedField>>;
}

const { fail, record, str } = dataReader("bottlerocket settings");
const optStrings = (v: unknown, at: string): readonly string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v.map((s, i) => str(s, `${at}[${i}]`)) : fail(at, "a list");
const optNumber = (v: unknown, at: string): number | undefined =>
  v === undefined ? undefined : typeof v === "number" ? v : fail(at, "a number");
const isTomlType = (v: unknown): v is BottlerocketTomlType => BOTTLEROCKET_TOML_TYPES.some((t) => t === v);
const isScalar = (v: unknown): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v);
const optScalars = (v: unknown, at: string): readonly (string | number | boolean)[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) && v.every(isScalar) ? v : fail(at, "a list of strings, numbers or booleans");

function parseSetting(v: unknown, at: string): BottlerocketSetting {
  const o = record(v, at);
  const tomlType = isTomlType(o.tomlType) ? o.tomlType : fail(`${at}.tomlType`, BOTTLEROCKET_TOML_TYPES.join(" | "));
  const enumValues = optStrings(o.enum, `${at}.enum`);
  const keys = optStrings(o.keys, `${at}.keys`);
  const min = optNumber(o.min, `${at}.min`);
  const max = optNumber(o.max, `${at}.max`);
  const entries = o.entries === undefined || isTomlType(o.entries) ? o.entries : fail(`${at}.entries`, BOTTLEROCKET_TOML_TYPES.join(" | "));
  const omitted = optScalars(o.omitted, `${at}.omitted`);
  return {
    key: str(o.key, `${at}.key`), tomlType,
    ...(enumValues && { enum: enumValues }), ...(keys && { keys }),
    ...(min !== undefined && { min }), ...(max !== undefined && { max }),
    ...(entries !== undefined && { entries }), ...(omitted && { omitted }),
    ...(o.requires !== undefined && { requires: str(o.requires, `${at}.requires`) }),
    ...(o.note !== undefined && { note: str(o.note, `${at}.note`) }),
  };
}

/** Parses the data file (exported for tests; use {@link BOTTLEROCKET_KUBERNETES_SETTINGS}). */
export function parseBottlerocketSettings(raw: unknown): BottlerocketKubernetesSettings {
  const o = record(raw, "root");
  const src = record(o.source, "source");
  const sources = Object.fromEntries(
    Object.entries(src).filter(([, v]) => isRecord(v)).map(([k, v]) => {
      const r = record(v, `source.${k}`);
      return [k, { repo: str(r.repo, `source.${k}.repo`), path: str(r.path, `source.${k}.path`), commit: str(r.commit, `source.${k}.commit`) }];
    }),
  );
  const mapped = Object.fromEntries(Object.entries(record(o.mapped, "mapped")).map(([k, v]) => [k, parseSetting(v, `mapped.${k}`)]));
  const fixed = Object.fromEntries(Object.entries(record(o.fixed, "fixed")).map(([k, v]) => {
    const f = record(v, `fixed.${k}`);
    return [k, { value: f.value, ...(f.note !== undefined && { note: str(f.note, `fixed.${k}.note`) }) }];
  }));
  return { sources, retrieved: str(src.retrieved, "source.retrieved"), settingsPrefix: str(o.settingsPrefix, "settingsPrefix"), mapped, fixed };
}

/** Bottlerocket's kubelet settings map, parsed once from the shipped data. */
export const BOTTLEROCKET_KUBERNETES_SETTINGS: BottlerocketKubernetesSettings = parseBottlerocketSettings(rawSettings);

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The full Bottlerocket setting for a kubelet field path (`maxPods`, `memorySwap.swapBehavior`), if there is one. */
export const bottlerocketSettingFor = (field: string): BottlerocketSetting | undefined =>
  has(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped, field) ? BOTTLEROCKET_KUBERNETES_SETTINGS.mapped[field] : undefined;

/** True when a kubelet object field has nested fields that Bottlerocket maps (e.g. `memorySwap`). */
export const hasNestedBottlerocketKeys = (field: string): boolean =>
  Object.keys(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped).some((k) => k.startsWith(`${field}.`));

/** The Bottlerocket setting for a kubelet field path (`maxPods`, `memorySwap.swapBehavior`), if there is one. */
export function bottlerocketKeyFor(field: string): { key: string; path: string; tomlType: BottlerocketTomlType } | undefined {
  const s = BOTTLEROCKET_KUBERNETES_SETTINGS;
  if (!has(s.mapped, field)) return undefined;
  const m = s.mapped[field];
  return { key: m.key, path: `${s.settingsPrefix}.${m.key}`, tomlType: m.tomlType };
}

/** The value Bottlerocket renders itself for a kubelet field it does not let us set, if it fixes one. */
export function bottlerocketFixedValue(field: string): unknown {
  return has(BOTTLEROCKET_KUBERNETES_SETTINGS.fixed, field) ? BOTTLEROCKET_KUBERNETES_SETTINGS.fixed[field].value : undefined;
}

/** The error for a kubelet field that no Bottlerocket setting renders. */
export function BOTTLEROCKET_UNSUPPORTED_MESSAGE(field: string): string {
  const supported = Object.keys(BOTTLEROCKET_KUBERNETES_SETTINGS.mapped);
  const near = nearestName(field, supported);
  return (
    `Bottlerocket has no settings.kubernetes.* key for kubelet field "${field}", so a Bottlerocket pool cannot set it; ` +
    `remove it or use an AL2023 pool.${near ? ` Did you mean "${near}"?` : ""} Fields Bottlerocket can set: ${supported.join(", ")}`
  );
}

/** True when `given` agrees with Bottlerocket's fixed `value`: equal leaves (durations by length), subsets of objects. */
export function matchesFixed(given: unknown, value: unknown): boolean {
  if (typeof given === "string" && typeof value === "string") {
    const [a, b] = [parseGoDuration(given), parseGoDuration(value)];
    return given === value || (a !== undefined && b !== undefined && a === b);
  }
  if (Array.isArray(given) && Array.isArray(value)) {
    const g: unknown[] = given;
    const v: unknown[] = value;
    return g.length === v.length && g.every((item, i) => matchesFixed(item, v[i]));
  }
  if (isRecord(given) && isRecord(value)) {
    return Object.entries(given).every(([k, item]) => has(value, k) && matchesFixed(item, value[k]));
  }
  return given === value;
}

const issue = (path: string, message: string): ConfigIssue[] => [{ path, message }];

function checkTableKeys(value: unknown, setting: BottlerocketSetting, at: string): ConfigIssue[] {
  if (!isRecord(value) || !setting.keys) return [];
  const valid = setting.keys;
  return Object.keys(value)
    .filter((k) => !valid.includes(k))
    .flatMap((k) => issue(`${at}.${k}`, `Bottlerocket ${setting.key} does not accept "${k}"; valid keys: ${valid.join(", ")}`));
}

function checkPolicyOptions(value: unknown, setting: BottlerocketSetting, at: string): ConfigIssue[] {
  if (!isRecord(value) || !setting.enum) return [];
  const valid = setting.enum;
  return Object.entries(value).flatMap(([k, v]) => {
    if (!valid.includes(k)) return issue(`${at}.${k}`, `Bottlerocket ${setting.key} does not accept option "${k}"; valid options: ${valid.join(", ")}`);
    return v === "true" ? [] : issue(`${at}.${k}`, `Bottlerocket can only turn option "${k}" on ("true"), got ${describeValue(v)}`);
  });
}

function checkMapped(value: unknown, setting: BottlerocketSetting, at: string): ConfigIssue[] {
  if (setting.tomlType === "array" && setting.enum) return checkPolicyOptions(value, setting, at);
  if (typeof value === "string" && setting.enum && !setting.enum.includes(value)) {
    return issue(at, `Bottlerocket ${setting.key} accepts ${setting.enum.join(", ")}, got ${describeValue(value)}`);
  }
  if (typeof value === "number" && ((setting.min !== undefined && value < setting.min) || (setting.max !== undefined && value > setting.max))) {
    return issue(at, `Bottlerocket ${setting.key} accepts ${setting.min ?? "any"} to ${setting.max ?? "any"}, got ${value}`);
  }
  return checkTableKeys(value, setting, at);
}

function checkField(field: string, value: unknown, at: string): ConfigIssue[] {
  const s = BOTTLEROCKET_KUBERNETES_SETTINGS;
  if (has(s.mapped, field)) return checkMapped(value, s.mapped[field], at);
  if (has(s.fixed, field)) {
    const fixed = s.fixed[field].value;
    return matchesFixed(value, fixed)
      ? []
      : issue(at, `Bottlerocket sets ${field} to ${JSON.stringify(fixed)} itself and has no setting to change it; got ${JSON.stringify(value)}`);
  }
  if (hasNestedBottlerocketKeys(field) && isRecord(value)) {
    return Object.entries(value).flatMap(([k, v]) => checkField(`${field}.${k}`, v, `${at}.${k}`));
  }
  return issue(at, BOTTLEROCKET_UNSUPPORTED_MESSAGE(field));
}

/**
 * Checks that every field of a kubelet config (KubeletConfiguration JSON names) can be expressed on Bottlerocket:
 * a `settings.kubernetes.*` key renders it (within Bottlerocket's own limits), or Bottlerocket already fixes it to
 * the same value. Run {@link validateKubeletConfig} first for the kubelet's own rules.
 */
export function validateBottlerocketKubelet(config: Readonly<Record<string, unknown>>, at: string): ConfigIssue[] {
  return Object.entries(config).flatMap(([field, value]) => checkField(field, value, `${at}.${field}`));
}
