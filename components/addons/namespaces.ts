/** The namespaces the platform's own workloads run in (tenants may not take them). Pure data derived from the catalogs. */
import { ADDON_CATALOG } from "./catalog";
import { DEVICE_PLUGINS } from "./device-plugins";

/**
 * `kube-system` (every EKS managed addon of the catalog installs there), the namespaces of the addons' Pod Identity
 * service accounts and of the device plugin releases.
 */
export const PLATFORM_NAMESPACES: readonly string[] = [...new Set([
  "kube-system",
  ...ADDON_CATALOG.flatMap((row) => (row.iam.kind === "pod-identity" ? [row.iam.namespace] : [])),
  ...DEVICE_PLUGINS.map((row) => row.namespace),
])];
