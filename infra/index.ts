/**
 * Stack entry point (`main: infra/` in Pulumi.yaml). Bad config stops here, before any resource is
 * registered, with one line per problem and no stack trace (a `RunError`).
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssue } from "../components/config-issue";
import { loadStackConfig } from "./config";
import { buildPlatform } from "./program";
import { readConfigValues } from "./pulumi-config";

export = async () => {
  const result = loadStackConfig(readConfigValues());
  for (const w of result.warnings) void pulumi.log.warn(formatIssue(w));
  if (!result.ok) {
    throw new pulumi.RunError(["invalid configuration:", ...result.errors.map((e) => `  ${formatIssue(e)}`)].join("\n"));
  }
  return buildPlatform(result.config);
};
