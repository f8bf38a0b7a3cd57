/**
 * Reading resource properties the way a rule needs them: values unknown until deploy (a `pulumi preview`
 * of new resources, or `"[unknown]"` in the offline plan) become one {@link UNKNOWN} marker, so a rule can
 * tell "not set" (`undefined`) from "set, but not known yet". Pure.
 */
import { isRecord } from "../components/core";

/** The type guards rules use, from core (one copy each). */
export { isRecord, stringList } from "../components/core";

/** Marks a property whose value is only known at deploy time (or is a secret the policy cannot read). */
export const UNKNOWN: unique symbol = Symbol("unknown until deploy");
export type Unknown = typeof UNKNOWN;

/**
 * Pulumi's wire-format placeholders for unknown values, as `@pulumi/policy` (v1.21.0, `proxy.js`) hands them to
 * policies: string, boolean, number, array, asset, archive and object unknowns.
 */
export const CROSSGUARD_UNKNOWNS: readonly string[] = [
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
];

/** The offline plan document's placeholders (tools/plan/document.ts `redactSecrets`). */
export const PLAN_PLACEHOLDERS: readonly string[] = ["[unknown]", "[secret]"];

export const isUnknown = (v: unknown): v is Unknown => v === UNKNOWN;

/** Copies `value`, replacing every string in `placeholders` by {@link UNKNOWN}. */
export function normalizeUnknowns(value: unknown, placeholders: ReadonlySet<string>): unknown {
  if (typeof value === "string") return placeholders.has(value) ? UNKNOWN : value;
  if (Array.isArray(value)) return value.map((v: unknown) => normalizeUnknowns(v, placeholders));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeUnknowns(v, placeholders)]));
}

/** The value at `path`; {@link UNKNOWN} when an intermediate value is unknown; `undefined` when absent. */
export function get(value: unknown, ...path: readonly string[]): unknown {
  let at = value;
  for (const key of path) {
    if (isUnknown(at)) return UNKNOWN;
    if (!isRecord(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/** True when `value` or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  return isRecord(value) && Object.values(value).some(containsUnknown);
}

/** A boolean, accepting the provider's string booleans (`"true"`/`"false"`, e.g. EBS `encrypted`). */
export function looseBool(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

/** A short human form of a property value for messages: `undefined` reads "not set". */
export function describe(value: unknown): string {
  if (value === undefined) return "not set";
  if (isUnknown(value)) return "unknown until deploy";
  return JSON.stringify(value);
}
