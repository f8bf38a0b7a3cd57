/**
 * Stack entry point (`main: infra/` in Pulumi.yaml). Bad config stops here, before any resource is
 * registered, with one line per problem and no stack trace (a `RunError`).
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssue } from "../components/core";
import { foreignKeyWarnings, loadStackConfig } from "./config";
import { buildPlatform } from "./program";
import { configKeys, configuredDefaultTags, configuredRegion, planSecretPaths, readConfigValues } from "./pulumi-config";
import { PLAN_NAMESPACE, freezeConfig, planNow, readPreviousVersions } from "./versions";
import { readPromotionSources, resolvePromotions } from "./promotion";

export = async (): Promise<ReturnType<typeof buildPlatform>> => {
  const deployed = await readPreviousVersions();
  const now = planNow();
  const self = [pulumi.getStack()];
  const result = loadStackConfig(readConfigValues(), now, { region: configuredRegion(), secretPaths: planSecretPaths(), deployed, defaultTags: configuredDefaultTags(), self });
  for (const w of [...foreignKeyWarnings(configKeys()), ...result.warnings]) void pulumi.log.warn(formatIssue(w));
  if (!result.ok) {
    throw new pulumi.RunError(["invalid configuration:", ...result.errors.map((e) => `  ${formatIssue(e)}`)].join("\n"));
  }
  const names = result.config.pools.map((p) => p.name);
  const promoted = resolvePromotions(result.config, await readPromotionSources(result.config), deployed, now, (n) => names.indexOf(n));
  if (promoted.issues.length > 0) {
    throw new pulumi.RunError(["invalid configuration:", ...promoted.issues.map((e) => `  ${formatIssue(e)}`)].join("\n"));
  }
  // The offline plan prints its own promotion section (it hands the program its sources as config).
  const offline = new pulumi.Config(PLAN_NAMESPACE).get("promotionSources") !== undefined;
  for (const d of offline ? [] : promoted.decisions) void pulumi.log.info(`AMI promotion: ${d.choice.reason}`);
  const { config, decision } = freezeConfig(promoted.config, deployed);
  for (const h of decision.held) {
    void pulumi.log.warn(`change freeze: ${h.target} ${h.field} stays at ${h.kept} until ${h.until}${h.desired ? ` (config asks for ${h.desired})` : ""}`);
  }
  return buildPlatform(config, deployed, now);
};
