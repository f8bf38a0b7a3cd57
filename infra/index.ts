/**
 * Stack entry point (`main: infra/` in Pulumi.yaml). Bad config stops here, before any resource is
 * registered, with one line per problem and no stack trace (a `RunError`).
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssue } from "../components/core";
import { foreignKeyWarnings, loadStackConfig } from "./config";
import { buildPlatform } from "./program";
import { configKeys, configuredDefaultTags, configuredRegion, planSecretPaths, readConfigValues } from "./pulumi-config";
import { freezeConfig, planNow, readPreviousVersions } from "./versions";

export = async (): Promise<ReturnType<typeof buildPlatform>> => {
  const deployed = await readPreviousVersions();
  const result = loadStackConfig(readConfigValues(), planNow(), { region: configuredRegion(), secretPaths: planSecretPaths(), deployed, defaultTags: configuredDefaultTags() });
  for (const w of [...foreignKeyWarnings(configKeys()), ...result.warnings]) void pulumi.log.warn(formatIssue(w));
  if (!result.ok) {
    throw new pulumi.RunError(["invalid configuration:", ...result.errors.map((e) => `  ${formatIssue(e)}`)].join("\n"));
  }
  const { config, decision } = freezeConfig(result.config, deployed);
  for (const h of decision.held) {
    void pulumi.log.warn(`change freeze: ${h.target} ${h.field} stays at ${h.kept} until ${h.until}${h.desired ? ` (config asks for ${h.desired})` : ""}`);
  }
  return buildPlatform(config, deployed);
};
