/**
 * Reads the stack's config through Pulumi's config API (the same path under `pulumi up` and the plan). Secret
 * (`secure:`) values arrive decrypted: the Pulumi CLI decrypts the stack file before the program runs and hands
 * `allConfig()` the plaintext (JSON for structured values), listing the secret keys apart. The offline plan cannot
 * decrypt them; it sets labelled stand-ins and names their paths in `workerpools-plan:secretPaths`.
 */
import * as pulumi from "@pulumi/pulumi";
import { isRecord } from "../components/core";
import { NAMESPACE } from "./config";
import { PLAN_NAMESPACE } from "./versions";

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

/** The config paths the offline plan filled with secret stand-ins; none under `pulumi up`, which decrypts them. */
export function planSecretPaths(): string[] {
  const given = new pulumi.Config(PLAN_NAMESPACE).get("secretPaths");
  const parsed: unknown = given === undefined ? [] : decode(given);
  return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === "string") : [];
}

/** `aws:region`, when the stack sets it. */
export const configuredRegion = (): string | undefined => new pulumi.Config("aws").get("region");

function decode(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** `aws:defaultTags.tags`, when the stack sets them (the provider merges them into every taggable resource's tags). */
export function configuredDefaultTags(): Record<string, string> {
  const d = new pulumi.Config("aws").getObject<unknown>("defaultTags");
  const tags = isRecord(d) ? d.tags : undefined;
  if (!isRecord(tags)) return {};
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
