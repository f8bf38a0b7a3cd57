/**
 * zod schemas derived from the library's option shapes (components/core `OptionSpec`): the catalogs declare each
 * option once, and the stack config's schema (hence the JSON Schema and its error messages) follows from them.
 */
import { z } from "zod";
import type { FieldSpec, ObjectValue, OptionSpec, OptionValue } from "../components/core";

/** The zod schema of one option shape. */
export function zodFor<S extends OptionSpec>(spec: S): z.ZodType<OptionValue<S>> {
  return build(spec) as unknown as z.ZodType<OptionValue<S>>;
}

/** A strict object of `fields` (unknown keys refused), each optional unless `required`, described by its `description`. */
export function zodObjectFor<F extends Readonly<Record<string, FieldSpec>>>(fields: F): z.ZodType<ObjectValue<F>> {
  return z.strictObject(shapeOf(fields)) as unknown as z.ZodType<ObjectValue<F>>;
}

/**
 * {@link zodObjectFor} plus keys whose shape no `OptionSpec` expresses (e.g. `"auto" | boolean`), given as zod
 * schemas; one strict object, so unknown keys are still refused.
 */
export function zodObjectWith<F extends Readonly<Record<string, FieldSpec>>, E extends z.ZodRawShape>(
  fields: F,
  extra: E,
): z.ZodType<ObjectValue<F> & z.infer<z.ZodObject<E>>> {
  return z.strictObject({ ...shapeOf(fields), ...extra }) as unknown as z.ZodType<ObjectValue<F> & z.infer<z.ZodObject<E>>>;
}

function strictObject(fields: Readonly<Record<string, FieldSpec>>): z.ZodType {
  return z.strictObject(shapeOf(fields));
}

function shapeOf(fields: Readonly<Record<string, FieldSpec>>): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = field.description === undefined ? build(field) : build(field).describe(field.description);
    shape[key] = field.required ? value : value.optional();
  }
  return shape;
}

function build(spec: OptionSpec): z.ZodType {
  switch (spec.kind) {
    case "integer": {
      let n = z.number().int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      return n;
    }
    case "boolean":
      return z.boolean();
    case "string":
      return spec.minLength === undefined ? z.string() : z.string().min(spec.minLength);
    case "enum":
      return z.enum(spec.values as [string, ...string[]]);
    case "stringList":
      return z.array(z.string());
    case "stringMap":
      return z.record(z.string(), z.string());
    case "booleanMap":
      return z.record(z.string(), z.boolean());
    case "unknownMap":
      return z.record(z.string(), z.unknown());
    case "unknown":
      return z.unknown();
    case "list":
      return z.array(build(spec.of));
    case "map":
      return z.record(z.string(), build(spec.of));
    case "object":
      return strictObject(spec.fields);
  }
}
