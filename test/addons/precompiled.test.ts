/**
 * The add-on schema validators compiled ahead of time (components/addons/precompiled.ts): the committed file is what
 * the generator renders from the shipped schemas now, each one is used, it judges like the schema compiled at first
 * use (same verdict, same errors), and an entry generated from another schema is not used.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ADDON_NAMES, addonSchema, isDraft2019, newAddonEngines, precompiledValidator } from "../../components/addons";
import { ADDON_VALIDATORS_FILE, addonValidatorsText } from "../../tools/gen";

const ROOT = path.resolve(__dirname, "../..");

it("the committed validators are current (else run `npm run gen:addon-validators`)", () => {
  expect(fs.readFileSync(path.join(ROOT, ADDON_VALIDATORS_FILE), "utf8") === addonValidatorsText()).toBe(true);
});

type Props = Record<string, { properties?: Props }>;

/**
 * Values that break each property of the first two levels one way or another (the VPC CNI's `env` values, with their
 * Go boolean and integer formats, among them), plus a few whole documents.
 */
function probes(schema: Readonly<Record<string, unknown>>): unknown[] {
  const props = (schema.properties ?? {}) as Props;
  const wrong: unknown[] = [12345, "x", true, [], {}, null, { nested: { deeper: [1, "two"] } }, "a".repeat(300)];
  const second = Object.entries(props).flatMap(([p, sub]) => Object.keys(sub.properties ?? {})
    .flatMap((c) => ["maybe", "true", "-12", 5, false].map((w) => ({ [p]: { [c]: w } }))));
  return [{}, [], "text", 7, null, { notAProperty: 1 }, ...Object.keys(props).flatMap((p) => wrong.map((w) => ({ [p]: w }))), ...second];
}

describe.each(ADDON_NAMES)("%s", (name) => {
  const schema = addonSchema(name).schema;
  const engines = newAddonEngines();
  const compiled = (isDraft2019(schema) ? engines.draft2019 : engines.draft07).compile(schema);
  const pre = precompiledValidator(name, schema);

  it("ships a precompiled validator, judging like the schema compiled at first use", () => {
    if (pre === undefined) throw new Error(`no current precompiled validator for ${name}`);
    for (const data of probes(schema)) {
      const want = compiled(data);
      expect([data, pre(data)]).toEqual([data, want]);
      expect(pre.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });

  it("is not used for another schema (a schema changed without regenerating compiles at first use)", () => {
    expect(precompiledValidator(name, { ...schema, description: "changed" })).toBeUndefined();
  });
});
