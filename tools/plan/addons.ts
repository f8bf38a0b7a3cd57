/** Pure: the addons of a plan, each with its version, configuration values and what it waits for. */
import type { PlanResource } from "./resources";

/** One addon in the plan. */
export interface AddonSummary {
  readonly addon: string;
  readonly version: string;
  readonly configurationValues?: unknown;
  /** Names of the resources it depends on, other than the cluster. */
  readonly waitsFor: readonly string[];
}

const nameOf = (urn: string): string => urn.split("::").pop() ?? urn;

/** Addons in registration order. */
export function summarizeAddons(resources: readonly PlanResource[]): AddonSummary[] {
  return resources.filter((r) => r.type === "aws:eks/addon:Addon").map((r) => ({
    addon: String(r.inputs.addonName),
    version: String(r.inputs.addonVersion),
    configurationValues: typeof r.inputs.configurationValues === "string" ? (JSON.parse(r.inputs.configurationValues) as unknown) : undefined,
    waitsFor: r.dependencies.filter((d) => !d.includes("eks:index:Cluster")).map(nameOf),
  }));
}

/** Text, one block per addon. */
export function renderAddons(addons: readonly AddonSummary[]): string {
  const lines = ["Addons (version; configurationValues; waits for):"];
  for (const a of addons) {
    lines.push(`  ${a.addon.padEnd(26)} ${a.version}`);
    if (a.configurationValues !== undefined) lines.push(`    values: ${JSON.stringify(a.configurationValues)}`);
    lines.push(`    waits for: ${a.waitsFor.length > 0 ? a.waitsFor.join(", ") : "the cluster only"}`);
  }
  return lines.join("\n");
}
