/**
 * Builds a pool's `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1) fields from typed options,
 * hardened defaults and derived values, recording where each field came from. Pure.
 */
import { isRecord } from "../core";
import { KUBELET_CONFIG_OPTION_NAMES } from "./catalog";
import { HardeningOverride, KubeletOptions } from "./options";

/** Where an emitted field's value came from; shown in the plan. */
export type FieldOrigin = "hardened" | "derived" | "eks-default" | "configured" | "override";

/** Fields of a KubeletConfiguration document, keyed by their exact JSON names. */
export type KubeletConfigFields = Readonly<Record<string, unknown>>;

/**
 * Hardened defaults (CIS Amazon EKS Benchmark section 3.2, EKS Best Practices "Security"):
 * no unauthenticated or read-only access, Webhook authorization, rotated client certificates,
 * kubelet refusing to run on kernel settings that differ from its expectations, managed iptables chains.
 */
export const HARDENED_KUBELET_DEFAULTS: KubeletConfigFields = {
  readOnlyPort: 0,
  authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
  authorization: { mode: "Webhook" },
  rotateCertificates: true,
  protectKernelDefaults: true,
  makeIPTablesUtilChains: true,
  eventRecordQPS: 50,
};

/**
 * Typed option fields, each copied to the KubeletConfiguration field of the same name: the catalog's rows with
 * `config: true`, in catalog order (the order the plan emits them). `extra` must not set them again (validate.ts),
 * and the plan layers them over derived values.
 */
export const KUBELET_TYPED_FIELDS = KUBELET_CONFIG_OPTION_NAMES;

/**
 * Maps merged over the lower layers rather than replacing them: a partial `evictionHard` would make the
 * kubelet drop (zero) every signal it leaves out, so the EKS defaults stay for signals not given.
 */
const MERGED_MAPS: ReadonlySet<string> = new Set(["evictionHard", "featureGates"]);

function mergeMaps(lower: unknown, upper: unknown): unknown {
  if (upper === undefined) return undefined;
  return isRecord(lower) && isRecord(upper) ? { ...lower, ...upper } : upper;
}

/** Values computed for the pool (max pods, reservations, eviction defaults), used where options are silent. */
export interface DerivedKubeletValues {
  readonly [field: string]: unknown;
}

/** The planned kubelet configuration of a pool. */
export interface KubeletPlan {
  /** Emitted KubeletConfiguration fields. */
  readonly config: KubeletConfigFields;
  /** Origin of every emitted field. */
  readonly origin: Readonly<Record<string, FieldOrigin>>;
  /** Hardened defaults replaced, with their reasons. */
  readonly overrides: readonly HardeningOverride[];
}

/**
 * Layers, lowest first: hardened defaults, EKS defaults / derived values, configured options and
 * `extra`, then explicit hardening overrides (the only way to weaken a hardened field).
 */
export function planKubeletConfig(
  options: KubeletOptions,
  derived: DerivedKubeletValues = {},
  eksDefaults: KubeletConfigFields = {},
): KubeletPlan {
  const config: Record<string, unknown> = {};
  const origin: Record<string, FieldOrigin> = {};
  const put = (field: string, value: unknown, from: FieldOrigin): void => {
    if (value === undefined) return;
    config[field] = value;
    origin[field] = from;
  };
  for (const [f, v] of Object.entries(HARDENED_KUBELET_DEFAULTS)) put(f, v, "hardened");
  for (const [f, v] of Object.entries(eksDefaults)) put(f, v, "eks-default");
  for (const [f, v] of Object.entries(derived)) put(f, v, "derived");
  for (const f of KUBELET_TYPED_FIELDS) {
    const value = MERGED_MAPS.has(f) ? mergeMaps(config[f], options[f]) : options[f];
    put(f, value, "configured");
  }
  for (const [f, v] of Object.entries(options.extra ?? {})) {
    if (!(f in HARDENED_KUBELET_DEFAULTS)) put(f, v, "configured");
  }
  const overrides = options.hardeningOverrides ?? [];
  for (const o of overrides) put(o.field, o.value, "override");
  return { config, origin, overrides };
}
