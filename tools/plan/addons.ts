/** Pure: the addons of a plan, each with its version, configuration values and what it waits for. */
import type { PlanResource } from "./resources";
import { ADDON_CATALOG, type AddonSchemaRef, addonSchema, addonSchemaVersion, isAddonName } from "../../components/addons";
import { ADDON_TYPE, CLUSTER_TYPE } from "../../components/core";

/** One addon in the plan. */
export interface AddonSummary {
  readonly addon: string;
  readonly version: string;
  readonly configurationValues?: unknown;
  /** Names of the resources it depends on, other than the cluster. */
  readonly waitsFor: readonly string[];
  /** The shipped configuration schema its values were checked against: add-on version of the dump, and whether partial. */
  readonly schema: string;
}

/**
 * What checked an add-on's values: the shipped schema's document and version, or that none did. A name outside the
 * catalog (an `extra` entry) is checked by the shipped schema of that name when there is one.
 */
export function schemaNote(addon: string): string {
  const row = ADDON_CATALOG.find((r) => r.addon === addon);
  const ref = row?.schema as AddonSchemaRef | undefined;
  const doc = row === undefined ? addon : ref === undefined || ref === "none" ? undefined : ref.document;
  if (doc === undefined || !isAddonName(doc)) return row === undefined ? "none (not a catalog add-on: values unchecked)" : "none shipped (values unchecked)";
  const s = addonSchema(doc);
  return `${doc} ${addonSchemaVersion(s)}${s.partial ? `, partial (${s.coverage ?? "unknown keys not refused"})` : ""}`;
}

const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;

/** Addons in registration order. */
export function summarizeAddons(resources: readonly PlanResource[]): AddonSummary[] {
  return resources.filter((r) => r.type === ADDON_TYPE).map((r) => ({
    addon: String(r.inputs.addonName),
    version: String(r.inputs.addonVersion),
    configurationValues: typeof r.inputs.configurationValues === "string" ? (JSON.parse(r.inputs.configurationValues) as unknown) : undefined,
    waitsFor: r.dependencies.filter((d) => !d.includes(CLUSTER_TYPE)).map(nameOf),
    schema: schemaNote(String(r.inputs.addonName)),
  }));
}

/** Text, one block per addon. */
export function renderAddons(addons: readonly AddonSummary[]): string {
  const lines = ["Addons (version; configurationValues; the schema that checked them; waits for):"];
  for (const a of addons) {
    lines.push(`  ${a.addon.padEnd(26)} ${a.version}`);
    if (a.configurationValues !== undefined) lines.push(`    values: ${JSON.stringify(a.configurationValues)}`);
    lines.push(`    schema: ${a.schema}`);
    lines.push(`    waits for: ${a.waitsFor.length > 0 ? a.waitsFor.join(", ") : "the cluster only"}`);
  }
  return lines.join("\n");
}
