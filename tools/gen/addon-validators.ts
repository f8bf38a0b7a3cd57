/**
 * The add-on schema validators compiled ahead of time (ajv standalone code, see components/addons/precompiled.ts):
 * `npm run gen:addon-validators` writes components/addons/generated/addon-validators.json; a test compares the
 * committed file with a fresh render, as for the stack config's JSON Schema.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import standaloneCode from "ajv/dist/standalone";
import { ADDON_NAMES, addonSchema, addonSchemaDigest, isDraft2019, newAddonEngines } from "../../components/addons";

/** Where the validators are written, relative to the project root. */
export const ADDON_VALIDATORS_FILE = path.join("components", "addons", "generated", "addon-validators.json");

/** Every shipped add-on schema's validator as standalone code, with the digest of what it was compiled from. */
export function renderAddonValidators(): Record<string, { digest: string; code: string }> {
  const engines = newAddonEngines(true);
  return Object.fromEntries(ADDON_NAMES.map((name) => {
    const schema = addonSchema(name).schema;
    const engine = isDraft2019(schema) ? engines.draft2019 : engines.draft07;
    return [name, { digest: addonSchemaDigest(schema), code: standaloneCode(engine, engine.compile(schema)) }];
  }));
}

/** The file's text: two-space JSON and a final newline. */
export const addonValidatorsText = (): string => `${JSON.stringify(renderAddonValidators(), null, 2)}\n`;

if (require.main === module) {
  fs.writeFileSync(path.resolve(__dirname, "../..", ADDON_VALIDATORS_FILE), addonValidatorsText());
  console.log(`wrote ${ADDON_VALIDATORS_FILE}`);
}
