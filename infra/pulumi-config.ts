/** Reads the `workerpools:*` keys through Pulumi's config API (the same path under `pulumi up` and the plan). */
import * as pulumi from "@pulumi/pulumi";
import { NAMESPACE } from "./config";

/** Top-level keys of the `workerpools` namespace (SPEC §2). */
export const CONFIG_KEYS = ["cluster", "kubelet", "kubeProxy", "addons", "pools", "patching"] as const;

/** Every present `workerpools:*` key, decoded from its JSON form. */
export function readConfigValues(): Record<string, unknown> {
  const config = new pulumi.Config(NAMESPACE);
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = config.getObject<unknown>(key);
    if (value !== undefined) values[key] = value;
  }
  return values;
}
