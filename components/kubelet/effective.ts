/**
 * The kubelet configuration a node of a pool actually runs with, from the pool's plan, each field with its origin. Pure.
 *
 * - AL2023: nodeadm writes its own base `/etc/kubernetes/kubelet/config.json` for the node's Kubernetes minor (facts
 *   `nodeadmKubeletBase`) and our NodeConfig `spec.kubelet.config` as the drop-in `config.json.d/40-nodeadm.conf`,
 *   which the kubelet merges over the base: fields replaced, nested objects and maps merged key by key, lists
 *   replaced. The effective configuration is the base, then ours (`writeKubeletConfig` in amazon-eks-ami
 *   `nodeadm/internal/kubelet/config.go`; the commit is named in `data/nodeadm-kubelet-base.json`).
 * - Bottlerocket: no nodeadm. Its kubelet config template renders its own fixed values
 *   (`data/bottlerocket-kubernetes-settings.json` `fixed`) and the `settings.kubernetes.*` keys we emit; a field of
 *   our plan that no setting renders (the hardened `rotateCertificates`, `makeIPTablesUtilChains`) never reaches the
 *   node, so it is not effective: it is listed in `notRendered`.
 */
import { deepMerge, getPath, isRecord, setPath, sortKeysDeep } from "../core";
import { nodeadmComputedFields, nodeadmKubeletBase } from "../facts";
import { BOTTLEROCKET_KUBERNETES_SETTINGS } from "./bottlerocket-settings";
import type { FieldOrigin, KubeletConfigFields, KubeletPlan } from "./layers";
import { splitForBottlerocket } from "./render-bottlerocket";

/** A field of nodeadm's base config.json that our drop-in leaves as it is. */
export const AMI_BASE_ORIGIN = "ami-base";
/** A value Bottlerocket's kubelet config template renders itself. */
export const BOTTLEROCKET_BUILT_IN_ORIGIN = "bottlerocket-built-in";

/**
 * Where a field of the effective configuration comes from: one of the plan's layers, nodeadm's base config
 * (`ami-base`), Bottlerocket's template (`bottlerocket-built-in`), or an object of ours merged over the base's
 * (`hardened over ami-base`: the base keeps the nested fields ours leaves out).
 */
export type EffectiveOrigin = FieldOrigin | typeof AMI_BASE_ORIGIN | typeof BOTTLEROCKET_BUILT_IN_ORIGIN | `${FieldOrigin} over ${typeof AMI_BASE_ORIGIN}`;

/** A field of the plan the node never gets. */
export interface NotRendered {
  readonly field: string;
  readonly reason: string;
}

/** The effective kubelet configuration of a pool's nodes. */
export interface EffectiveKubelet {
  readonly config: KubeletConfigFields;
  readonly origin: Readonly<Record<string, EffectiveOrigin>>;
  /** Fields the platform computes on the node at boot, which no plan value replaces (AL2023: clusterDNS, providerID). */
  readonly computedAtBoot: readonly string[];
  /** Fields of the plan that are not rendered for the node (Bottlerocket: no setting carries them). */
  readonly notRendered: readonly NotRendered[];
}

/** Inputs of {@link effectiveKubelet}. */
export interface EffectiveKubeletInput {
  /** `AL2023` or `BOTTLEROCKET` (anything else: the plan as it is). */
  readonly os: string;
  /** The pool's Kubernetes version (`1.NN`); picks nodeadm's base. @default - no base (the plan as it is) */
  readonly kubernetesVersion?: string;
  readonly plan: Pick<KubeletPlan, "config" | "origin">;
}

/** Type metadata of the base document, not configuration. */
const DOCUMENT_KEYS: ReadonlySet<string> = new Set(["kind", "apiVersion"]);
const VERSION = /^v?1\.\d+(?:\.\d+)?$/;

/** nodeadm's static base fields for `version`, or none for a version that is not 1.NN (refused elsewhere). */
function nodeadmBase(version: string | undefined): Readonly<Record<string, unknown>> {
  if (version === undefined || !VERSION.test(version.trim())) return {};
  return Object.fromEntries(Object.entries(nodeadmKubeletBase(version)).filter(([k]) => !DOCUMENT_KEYS.has(k)));
}

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));

function al2023Effective(input: EffectiveKubeletInput): EffectiveKubelet {
  const base = nodeadmBase(input.kubernetesVersion);
  const config: Record<string, unknown> = { ...base };
  const origin: Record<string, EffectiveOrigin> = Object.fromEntries(Object.keys(base).map((k) => [k, AMI_BASE_ORIGIN]));
  for (const [field, value] of Object.entries(input.plan.config)) {
    const from = input.plan.origin[field] ?? "configured";
    const lower = config[field];
    const merged = isRecord(lower) && isRecord(value) ? deepMerge(lower, value) : value;
    config[field] = merged;
    origin[field] = sameValue(merged, value) ? from : `${from} over ${AMI_BASE_ORIGIN}`;
  }
  const computedAtBoot = Object.keys(base).length === 0 ? [] : nodeadmComputedFields().filter((f) => !(f in input.plan.config));
  return { config, origin, computedAtBoot, notRendered: [] };
}

/**
 * Fixed values the Bottlerocket template renders only under a condition (packages/kubernetes-1.35/kubelet-config):
 * `kubeReservedCgroup` unless `reserved-cpus` is set, `systemReservedCgroup` with `system-reserved` and without
 * `reserved-cpus`. The others are rendered always (`staticPodPath` unless `static-pods-enabled` is false, which we
 * never emit).
 */
const FIXED_WHEN: Readonly<Record<string, (rendered: ReadonlySet<string>) => boolean>> = {
  kubeReservedCgroup: (r) => !r.has("reservedSystemCPUs"),
  systemReservedCgroup: (r) => r.has("systemReserved") && !r.has("reservedSystemCPUs"),
};

function bottlerocketEffective(input: EffectiveKubeletInput): EffectiveKubelet {
  const split = splitForBottlerocket(input.plan.config, input.plan.origin);
  const rendered = new Set(split.rendered);
  const config: Record<string, unknown> = {};
  const origin: Record<string, EffectiveOrigin> = {};
  for (const [field, fixed] of Object.entries(BOTTLEROCKET_KUBERNETES_SETTINGS.fixed)) {
    if (!(FIXED_WHEN[field]?.(rendered) ?? true)) continue;
    config[field] = structuredClone(fixed.value);
    origin[field] = BOTTLEROCKET_BUILT_IN_ORIGIN;
  }
  for (const field of split.rendered) {
    const path = field.split(".");
    setPath(config, path, getPath(input.plan.config, path));
    origin[path[0]] = input.plan.origin[path[0]] ?? "configured";
  }
  const notRendered = split.notApplicable.map((field) => ({
    field,
    reason: "Bottlerocket has no setting for it and its template does not render it, so the kubelet's own default applies",
  }));
  return { config, origin, computedAtBoot: [], notRendered };
}

/** The configuration the pool's nodes run with (see the file comment); the plan as it is for another OS. */
export function effectiveKubelet(input: EffectiveKubeletInput): EffectiveKubelet {
  if (input.os === "BOTTLEROCKET") return bottlerocketEffective(input);
  if (input.os === "AL2023") return al2023Effective(input);
  return { config: input.plan.config, origin: input.plan.origin, computedAtBoot: [], notRendered: [] };
}
