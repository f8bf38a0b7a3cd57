/** Type guards for parsing `unknown` at the boundaries (JSON, YAML, provider inputs). */

/** A plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A number that is neither NaN nor infinite. */
export const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The strings of a list (other elements dropped); `undefined` when `value` is not a list. */
export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v: unknown): v is string => typeof v === "string");
}
