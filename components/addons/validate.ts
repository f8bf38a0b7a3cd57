/** Validation of resolved {@link AddonsArgs}. Pure. */
import { ConfigIssue, isRecord } from "../core";
import type { ResolvedAddonsArgs } from "./args";
import { ADDON_CATALOG, type AddonSchemaRef } from "./catalog";
import { isInstalled } from "./derive";
import { extraPodIdentityUsers, validateExtraAddons } from "./extra";
import { isAddonName, validateAddonConfiguration } from "./schemas";
import { validateKubeProxyMode } from "./kube-proxy";
import { DEVICE_PLUGINS, validateDevicePluginVersion } from "./device-plugins";
import { ciliumOperatorRoleNeeded } from "./cilium-iam";

/**
 * EKS addon versions are `vX.Y.Z-eksbuild.N`: every version `aws eks describe-addon-versions` lists carries its build
 * suffix, so `v1.19.2` alone names no version EKS has and the deploy would fail.
 */
export const ADDON_VERSION_RE = /^v\d+\.\d+\.\d+-eksbuild\.\d+$/;

function validateVersion(version: string, at: string): ConfigIssue[] {
  if (version === "latest" || ADDON_VERSION_RE.test(version)) return [];
  const hint = /^v\d+\.\d+\.\d+$/.test(version) ? ` (EKS addon versions carry their build: ${version}-eksbuild.N, as \`aws eks describe-addon-versions\` lists them)` : "";
  return [{ path: at, message: `must be "latest" or an exact EKS addon version like v1.19.2-eksbuild.1, got "${version}"${hint}` }];
}

/** The catalog's add-on names with the config key of each (an `extra` entry may not name one). */
const CATALOG_KEYS: ReadonlyMap<string, string> = new Map(ADDON_CATALOG.map((r) => [r.addon, r.key]));

const isNonNegativeInt = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0);

/**
 * Every problem of the addon args; `at` is their config path (e.g. `workerpools:addons`), `kubeProxyAt`
 * the path of the kube-proxy mode settings (in stack config a key of their own, `workerpools:kubeProxy`).
 */
export function validateAddons(a: ResolvedAddonsArgs, at: string, kubeProxyAt = `${at}.kubeProxy`, cniAt = `${at}.cni`): ConfigIssue[] {
  const issues: ConfigIssue[] = ADDON_CATALOG.flatMap((row) => validateVersion(a[row.key].version, `${at}.${row.key}.version`));
  issues.push(...DEVICE_PLUGINS.flatMap((row) => validateDevicePluginVersion(row, a[row.key].version, `${at}.${row.key}.version`)));
  if (!Number.isInteger(a.coredns.replicas) || a.coredns.replicas < 2) {
    issues.push({ path: `${at}.coredns.replicas`, message: `must be an integer >= 2 (one CoreDNS replica is a cluster-wide single point of failure), got ${a.coredns.replicas}` });
  }
  const as = a.coredns.autoscaling;
  if (as && (as.minReplicas < 2 || as.maxReplicas < as.minReplicas)) {
    issues.push({ path: `${at}.coredns.autoscaling`, message: `needs 2 <= minReplicas <= maxReplicas, got ${as.minReplicas}..${as.maxReplicas}` });
  }
  if (!Number.isInteger(a.ebsCsi.controllerReplicas) || a.ebsCsi.controllerReplicas < 1) {
    issues.push({ path: `${at}.ebsCsi.controllerReplicas`, message: `must be an integer >= 1, got ${a.ebsCsi.controllerReplicas}` });
  }
  for (const key of ["warmIpTarget", "warmPrefixTarget", "minimumIpTarget"] as const) {
    if (!isNonNegativeInt(a.vpcCni[key])) issues.push({ path: `${at}.vpcCni.${key}`, message: `must be a whole number >= 0, got ${a.vpcCni[key]}` });
  }
  if (a.vpcCni.podSecurityGroups && !a.vpcCni.disableTcpEarlyDemux) {
    issues.push({ path: `${at}.vpcCni.disableTcpEarlyDemux`, severity: "warning", message: "podSecurityGroups is on: with TCP early demux enabled the kubelet's TCP liveness and readiness probes cannot reach pods on branch interfaces (EKS user guide, security groups for Pods); set disableTcpEarlyDemux: true" });
  }
  if (a.vpcCni.warmPrefixTarget !== undefined && !a.vpcCni.prefixDelegation) {
    issues.push({ path: `${at}.vpcCni.warmPrefixTarget`, message: "only applies with prefixDelegation: true" });
  }
  issues.push(...validateExtraAddons(a.extra, a.extraAsWritten, `${at}.extra`, CATALOG_KEYS, validateVersion), ...validateExtraValues(a, `${at}.extra`));
  return [...issues, ...validatePodIdentityAgent(a, at, cniAt), ...validateKubeProxy(a.kubeProxy, a.kubernetesVersion, kubeProxyAt), ...validateRenderedValues(a, at)];
}

/**
 * Config paths (under `at`) of everything installed that binds an IAM role through a Pod Identity association; the
 * Cilium operator in ENI mode at `cniAt` (`workerpools:cni` in stack config).
 */
export function podIdentityUsers(a: ResolvedAddonsArgs, at: string, cniAt = `${at}.cni`): string[] {
  const rows = ADDON_CATALOG.filter((row) => row.iam.kind === "pod-identity" && isInstalled(row, a)).map((row) => `${at}.${row.key}`);
  const cilium = ciliumOperatorRoleNeeded(a.cni) ? [`${cniAt} (Cilium's operator, ENI mode)`] : [];
  return [...rows, ...extraPodIdentityUsers(a.extra, `${at}.extra`), ...cilium];
}

/** `podIdentityAgent.enabled: false` while a Pod Identity association needs the agent: the association's pods get no credentials. */
function validatePodIdentityAgent(a: ResolvedAddonsArgs, at: string, cniAt: string): ConfigIssue[] {
  const users = podIdentityUsers(a, at, cniAt);
  if (a.podIdentityAgent.enabled || users.length === 0) return [];
  return [{
    path: `${at}.podIdentityAgent.enabled`,
    message: `false, but ${users.join(", ")} ${users.length === 1 ? "takes its" : "take their"} IAM role through an EKS Pod Identity association, which only the pod identity agent serves; turn ${users.length === 1 ? "it" : "them"} off (enabled: false${ciliumOperatorRoleNeeded(a.cni) ? "; Cilium: cni.cilium.mode chaining, where vpc-cni calls EC2" : ""}) or keep the agent`,
  }];
}

/** Kube-proxy settings (cluster-wide); `at` is their config path. */
export function validateKubeProxy(k: ResolvedAddonsArgs["kubeProxy"], kubernetesVersion: string, at: string): ConfigIssue[] {
  const issues = validateKubeProxyMode(k.mode, kubernetesVersion, `${at}.mode`);
  if (k.mode !== "ipvs" && k.ipvsScheduler !== undefined) {
    issues.push({ path: `${at}.ipvsScheduler`, message: `only applies with mode ipvs, mode is ${k.mode}` });
  }
  return issues;
}

/**
 * The rendered `configurationValues` of every catalog addon that renders some and has a shipped configuration
 * schema (components/facts/data/addon-schemas/), judged by it (the part its row's `schema.judged` keeps).
 */
export function validateRenderedValues(a: ResolvedAddonsArgs, at: string): ConfigIssue[] {
  return ADDON_CATALOG.flatMap((row) => {
    const schema = row.schema as AddonSchemaRef;
    if (typeof row.values === "string" || typeof schema === "string") return []; // "none"
    if (!isAddonName(schema.document)) return [];
    return validateAddonConfiguration(schema.document, schema.judged(row.values(a), a), `${at}.${row.key}.configurationValues`);
  });
}

/**
 * The `configurationValues` of each `extra` entry whose name has a shipped configuration schema, judged by it at
 * `extra[i].configurationValues`; an entry without one goes unchecked (the plan says so).
 */
export function validateExtraValues(a: ResolvedAddonsArgs, at: string): ConfigIssue[] {
  return a.extra.flatMap((e, i) => {
    const values = a.extraAsWritten[i]?.configurationValues;
    if (!isAddonName(e.name) || !isRecord(values)) return [];
    return validateAddonConfiguration(e.name, values, `${at}[${i}].configurationValues`);
  });
}
