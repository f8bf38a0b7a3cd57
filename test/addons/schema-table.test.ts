/** The README's shipped-schema table names each catalog add-on's schema, its version, whether partial, and its source. */
import * as fs from "node:fs";
import * as path from "node:path";
import { ADDON_CATALOG, AddonSchemaRef, addonSchema, addonSchemaVersion, isAddonName } from "../../components/addons";

const README = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

/** The row the README carries for a catalog row (exported shape kept here: the README is written by hand). */
function row(key: string, addon: string, ref: AddonSchemaRef): string {
  if (ref === "none" || !isAddonName(ref.document)) return `| \`${key}\` | ${addon} | none shipped | | values unchecked |`;
  const s = addonSchema(ref.document);
  const where = s.source.repo !== undefined ? `${s.source.repo} \`${s.source.path ?? ""}\` @${(s.source.commit ?? "").slice(0, 7)}` : (s.source.url ?? "");
  return `| \`${key}\` | ${addon} | ${addonSchemaVersion(s)} | ${s.partial ? "partial" : "full"} | ${where} |`;
}

describe("README shipped-schema table", () => {
  it.each(ADDON_CATALOG.map((r) => [r.key, r.addon, r.schema as AddonSchemaRef] as const))("has the row of %s", (key, addon, ref) => {
    expect(README).toContain(row(key, addon, ref));
  });
});
