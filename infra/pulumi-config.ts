/** Reads the stack's config through Pulumi's config API (the same path under `pulumi up` and the plan). */
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "./config";

/** Every `workerpools:*` key present, decoded from its JSON form (unknown keys included, so they can be refused). */
export function readConfigValues(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(`${NAMESPACE}:`)) continue;
    values[key.slice(NAMESPACE.length + 1)] = decode(raw);
  }
  return values;
}

/** Every config key of the stack, `namespace:name`. */
export const configKeys = (): string[] => Object.keys(pulumi.runtime.allConfig());

/** `aws:region`, when the stack sets it. */
export const configuredRegion = (): string | undefined => new pulumi.Config("aws").get("region");

function decode(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}
