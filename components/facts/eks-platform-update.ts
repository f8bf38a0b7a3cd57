/**
 * What EKS and the provider do when the control plane's inputs or an addon's configuration values change, as data
 * (`data/eks-platform-update.json`, whose `source` names the EKS API reference and User Guide pages and the
 * terraform-provider-aws file, with its commit): per `eks:index:Cluster` input the effect and why, the cluster role's
 * policy attachments, and the workload each EKS addon's configuration rolls.
 */
import raw from "./data/eks-platform-update.json";
import { dataReader } from "../core";
import type { FieldEffect } from "./managed-node-update";

const read = dataReader("eks-platform-update");

/** The effect of one change and why, in EKS's and the provider's words. */
export interface PlatformFieldEffect {
  readonly effect: Extract<FieldEffect, "replace" | "in-place">;
  readonly why: string;
}

/** The Kubernetes workload an EKS addon's configuration values land in. */
export interface AddonWorkload {
  readonly kind: "DaemonSet" | "Deployment";
  readonly name: string;
  readonly namespace: string;
  /** Another workload the same values can reach. @default - none */
  readonly also?: string;
}

function effectOf(v: unknown, at: string): PlatformFieldEffect {
  const r = read.record(v, at);
  const effect = read.str(r.effect, `${at}.effect`);
  if (effect !== "replace" && effect !== "in-place") return read.fail(`${at}.effect`, "replace or in-place");
  return { effect, why: read.str(r.why, `${at}.why`) };
}

function workloadOf(v: unknown, at: string): AddonWorkload {
  const r = read.record(v, at);
  const kind = read.str(r.kind, `${at}.kind`);
  if (kind !== "DaemonSet" && kind !== "Deployment") return read.fail(`${at}.kind`, "DaemonSet or Deployment");
  return { kind, name: read.str(r.name, `${at}.name`), namespace: read.str(r.namespace, `${at}.namespace`), ...(r.also === undefined ? {} : { also: read.str(r.also, `${at}.also`) }) };
}

const mapOf = <T>(v: unknown, at: string, each: (x: unknown, at: string) => T): Readonly<Record<string, T>> =>
  Object.fromEntries(Object.entries(read.record(v, at)).map(([k, x]) => [k, each(x, `${at}.${k}`)]));

/** Per `eks:index:Cluster` input (dotted for nested keys, e.g. `zonalShiftConfig.enabled`), what a change does. */
export const CLUSTER_INPUT_EFFECTS: Readonly<Record<string, PlatformFieldEffect>> = mapOf(raw.clusterInputs, "clusterInputs", effectOf);

/** What adding or removing a policy attachment on the cluster role does. */
export const CLUSTER_ROLE_POLICY_EFFECT: PlatformFieldEffect = effectOf(raw.clusterRolePolicies, "clusterRolePolicies");

/** Per EKS addon name, the workload its configuration values change. */
export const ADDON_WORKLOADS: Readonly<Record<string, AddonWorkload>> = mapOf(raw.addonWorkloads, "addonWorkloads", workloadOf);

/** Addon value paths whose change only scales the workload (no pod template change, so no pod restarts). */
export const SCALE_ONLY_ADDON_KEYS: readonly string[] = read.strings(raw.scaleOnlyAddonKeys, "scaleOnlyAddonKeys");

/** The effect of changing a cluster input (its own entry, else its top-level key's), or undefined when not tabled. */
export function clusterInputEffect(field: string): PlatformFieldEffect | undefined {
  return CLUSTER_INPUT_EFFECTS[field] ?? CLUSTER_INPUT_EFFECTS[field.split(".")[0]];
}
