/**
 * Stack entry point (`main: infra/` in Pulumi.yaml). Bad config stops here, before any resource is
 * registered, with one line per problem and no stack trace (a `RunError`).
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssue } from "../components/config-issue";
import { loadStackConfig } from "./config";
import { buildPlatform } from "./program";
import { readConfigValues } from "./pulumi-config";

export = (): Promise<ReturnType<typeof buildPlatform>> => {
  const result = loadStackConfig(readConfigValues());
  for (const w of result.warnings) void pulumi.log.warn(formatIssue(w));
  if (!result.ok) {
    return Promise.reject(new pulumi.RunError(["invalid configuration:", ...result.errors.map((e) => `  ${formatIssue(e)}`)].join("\n")));
  }
  return Promise.resolve(buildPlatform(result.config));
};
