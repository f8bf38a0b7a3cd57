/**
 * The ajv engines the add-on configuration schemas are compiled with, in one place: at first use (schemas.ts, when no
 * current precompiled validator ships) and ahead of time (tools/gen/addon-validators.ts, ajv standalone code), so both
 * compile with the same options and formats.
 */
import Ajv, { Options, _ } from "ajv";
import Ajv2019 from "ajv/dist/2019";
import draft06MetaSchema from "ajv/dist/refs/json-schema-draft-06.json";

/** Strings Go's strconv.ParseBool accepts; the VPC CNI parses its "format: boolean" env values with it. */
const GO_BOOL_STRINGS = ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"];

/** The string formats the add-on schemas use beyond ajv's own (the VPC CNI's env values). */
export const ADDON_FORMATS = {
  boolean: { type: "string", validate: (s: string): boolean => GO_BOOL_STRINGS.includes(s) },
  integer: { type: "string", validate: (s: string): boolean => /^[+-]?\d+$/.test(s) },
} as const;

/** The compile options (the precompiled validators' digest covers them). */
export const ADDON_SCHEMA_OPTIONS = { allErrors: true, strict: false, verbose: true, logger: false, validateSchema: false, code: { optimize: false } } as const;

/** True when a schema declares draft 2019-09 (compiled by Ajv2019), else draft-07 (which also reads draft-06). */
export const isDraft2019 = (schema: Readonly<Record<string, unknown>>): boolean => typeof schema.$schema === "string" && schema.$schema.includes("2019-09");

function withFormats<T extends Ajv>(engine: T): T {
  for (const [name, format] of Object.entries(ADDON_FORMATS)) engine.addFormat(name, format);
  return engine;
}

/**
 * The engines: `standalone` for generating source (formats then read from a `formats` variable the generated code is
 * given, see precompiled.ts).
 */
export function newAddonEngines(standalone = false): { draft07: Ajv; draft2019: Ajv2019 } {
  const options: Options = standalone ? { ...ADDON_SCHEMA_OPTIONS, code: { ...ADDON_SCHEMA_OPTIONS.code, source: true, formats: _`formats` } } : ADDON_SCHEMA_OPTIONS;
  const draft07 = withFormats(new Ajv(options));
  draft07.addMetaSchema(draft06MetaSchema);
  return { draft07, draft2019: withFormats(new Ajv2019(options)) };
}
