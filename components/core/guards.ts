/** Type guards for parsing `unknown` at the boundaries (JSON, YAML, provider inputs). */

/** A plain object (not null, not an array). */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
