/**
 * Option shapes as data: the one description of a typed option's value from which the library derives its
 * TypeScript type ({@link OptionValue}) and infra/ derives the stack config's zod schema (and so the JSON Schema).
 * Catalogs (kubelet options, addons) declare each option once with one of these.
 */

/** The shape of one option's value. */
export type OptionSpec =
  | { readonly kind: "integer"; readonly min?: number; readonly max?: number }
  | { readonly kind: "boolean" }
  | { readonly kind: "string"; readonly minLength?: number }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "stringList" }
  | { readonly kind: "stringMap" }
  | { readonly kind: "booleanMap" }
  | { readonly kind: "unknownMap" }
  | { readonly kind: "unknown" }
  | { readonly kind: "list"; readonly of: OptionSpec }
  | { readonly kind: "map"; readonly of: OptionSpec }
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, FieldSpec>> };

/**
 * A field of an `object` option; optional unless `required`. `description` is carried into the JSON Schema
 * (editors show it); it changes neither the type nor what is accepted.
 */
export type FieldSpec = OptionSpec & { readonly required?: boolean; readonly description?: string };

/** The TypeScript type of a value of `S`. */
export type OptionValue<S extends OptionSpec> =
  S extends { kind: "integer" } ? number
  : S extends { kind: "boolean" } ? boolean
  : S extends { kind: "string" } ? string
  : S extends { kind: "enum"; values: readonly (infer V)[] } ? V
  : S extends { kind: "stringList" } ? readonly string[]
  : S extends { kind: "stringMap" } ? Readonly<Record<string, string>>
  : S extends { kind: "booleanMap" } ? Readonly<Record<string, boolean>>
  : S extends { kind: "unknownMap" } ? Readonly<Record<string, unknown>>
  : S extends { kind: "list"; of: infer O extends OptionSpec } ? readonly OptionValue<O>[]
  : S extends { kind: "map"; of: infer O extends OptionSpec } ? Readonly<Record<string, OptionValue<O>>>
  : S extends { kind: "object"; fields: infer F extends Readonly<Record<string, FieldSpec>> } ? ObjectValue<F>
  : unknown;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The TypeScript type of an `object` option with fields `F`. */
export type ObjectValue<F extends Readonly<Record<string, FieldSpec>>> = Simplify<
  { readonly [K in RequiredKeys<F>]: OptionValue<F[K]> } & { readonly [K in Exclude<keyof F, RequiredKeys<F>>]?: OptionValue<F[K]> }
>;

/** A short human description of a shape, for docs and messages: `integer >= 1`, `one of none, static`. */
export function describeOption(s: OptionSpec): string {
  switch (s.kind) {
    case "integer":
      return ["integer", s.min !== undefined ? `>= ${s.min}` : "", s.max !== undefined ? `<= ${s.max}` : ""].filter(Boolean).join(" ");
    case "enum":
      return `one of ${s.values.join(", ")}`;
    case "list":
      return `list of ${describeOption(s.of)}`;
    case "map":
      return `map of ${describeOption(s.of)}`;
    case "object":
      return `{ ${Object.keys(s.fields).join(", ")} }`;
    case "stringList":
      return "list of strings";
    case "stringMap":
      return "map of strings";
    case "booleanMap":
      return "map of booleans";
    case "unknownMap":
      return "map";
    default:
      return s.kind;
  }
}
