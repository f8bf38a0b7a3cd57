/**
 * Lists derived from the addon catalog (catalog.ts), never written by hand: compared with the catalog in
 * test/addons/catalog.test.ts. Pure.
 */
import { ADDON_CATALOG, AddonRow, AddonStage, POD_IDENTITY_AGENT } from "./catalog";
import type { ResolvedAddonsArgs } from "./args";
import { kubeProxyInstalled, vpcCniInstalled } from "./cni";

type CatalogRow = (typeof ADDON_CATALOG)[number];

/** EKS addon name → the {@link AddonsArgs} key that configures it. */
export type AddonArgKeys = { readonly [R in CatalogRow as R["addon"]]: R["key"] };
/** EKS addon name → the {@link AddonsArgs} key that configures it. */
export const ADDON_ARG_KEYS: AddonArgKeys = Object.fromEntries(ADDON_CATALOG.map((r) => [r.addon, r.key])) as AddonArgKeys;

type SchemaDocumentOf<R> = R extends { readonly schema: { readonly document: infer D extends string } } ? D : never;
/** EKS add-on names with a shipped configuration schema (the catalog rows' schema documents). */
export type AddonName = SchemaDocumentOf<CatalogRow>;
/** EKS add-on names with a shipped configuration schema (the names the EKS API uses), in catalog order. */
export const ADDON_NAMES: readonly AddonName[] = ADDON_CATALOG.flatMap((r): AddonName[] => (typeof r.schema === "string" ? [] : [r.schema.document]));

/** The `workerpools:addons` object as option fields: each addon's options under its key (infra derives zod from it). */
export type AddonConfigFields = { readonly [R in CatalogRow as R["key"]]: { readonly kind: "object"; readonly fields: R["options"] } };
/** The `workerpools:addons` object as option fields. */
export const ADDON_CONFIG_FIELDS: AddonConfigFields = Object.fromEntries(
  ADDON_CATALOG.map((r) => [r.key, { kind: "object", fields: r.options }]),
) as AddonConfigFields;

/** The catalog's rows of one stage, in catalog order (the order of `nodeBootstrap` / `workloads`). */
export const addonsInStage = (stage: AddonStage): readonly AddonRow[] => ADDON_CATALOG.filter((r) => r.stage === stage);

/** A stage's rows in registration order: catalog order, the pod identity agent first (associations wait for it). */
export const registrationOrder = (stage: AddonStage): readonly AddonRow[] => {
  const rows = addonsInStage(stage);
  return [...rows.filter((r) => r.key === POD_IDENTITY_AGENT), ...rows.filter((r) => r.key !== POD_IDENTITY_AGENT)];
};

/** Whether the addon of `row` is installed with these args (its `install`). */
export function isInstalled(row: AddonRow, a: ResolvedAddonsArgs): boolean {
  // The CNI decides two rows: Cilium's ENI IPAM replaces vpc-cni, its kube-proxy replacement replaces kube-proxy.
  if (row.key === "vpcCni" && !vpcCniInstalled(a.cni)) return false;
  if (row.key === "kubeProxy" && !kubeProxyInstalled(a.cni)) return false;
  if (row.install === "always") return true;
  const options = a[row.key];
  return "enabled" in options && options.enabled;
}

/** Rows a change freeze holds at their deployed version. */
export const FREEZE_HELD_ADDONS: readonly AddonRow[] = ADDON_CATALOG.filter((r) => r.freeze === "hold-version");
