/**
 * Values the kubelet gets from AWS facts unless the pool gives them: maxPods (ENI or prefix formula,
 * managed-node-group cap, smallest over the types), kubeReserved (nodeadm's formula), the EKS AMI's
 * evictionHard defaults, and an image GC low threshold that fits below a lowered high threshold. Pure.
 */
import { ConfigIssue } from "../core";
import { lookupInstanceType } from "../facts";
import type { KubeletOptions } from "./options";
import { KUBELET_IMAGE_GC_DEFAULTS } from "./schema";
import { computeMaxPods } from "./max-pods";
import { EKS_DEFAULT_EVICTION_HARD, computeKubeReserved, kubeReservedResourceList } from "./reserved-resources";

/** How a derived value was obtained, for the plan. */
export interface Derivation {
  readonly field: string;
  readonly value: unknown;
  /** The rule and its inputs, e.g. `3 × (10 − 1) + 2 = 29; cap 110 (2 vCPUs) → 29`. */
  readonly formula: string;
}

/** Derived kubelet values of a pool. */
export interface DerivedKubelet {
  /** Fields to emit where the options are silent. */
  readonly derived: Readonly<Record<string, unknown>>;
  /** EKS AMI defaults (the lowest layer above the hardened defaults). */
  readonly eksDefaults: Readonly<Record<string, unknown>>;
  readonly derivations: readonly Derivation[];
  readonly issues: readonly ConfigIssue[];
  /** The uncapped max pods the CNI can address on the smallest type (undefined if no type is known). */
  readonly addressablePods?: number;
}

/** Inputs of {@link deriveKubelet}. */
export interface DeriveKubeletInput {
  readonly instanceTypes: readonly string[];
  /** vpc-cni prefix delegation (one source of truth: the vpc-cni addon option). */
  readonly prefixDelegation: boolean;
  /** vpc-cni custom networking (the primary ENI carries no pod IPs). @default false */
  readonly customNetworking?: boolean;
  /** The pool's merged kubelet options; given fields are not derived. */
  readonly options: KubeletOptions;
}

/**
 * kubeReserved CPU is computed for the type with the most vCPUs (the largest reservation a node of the
 * pool needs; smaller types lose a few millicores), memory from the emitted maxPods, as the EKS AMI does.
 */
function deriveKubeReserved(input: DeriveKubeletInput, maxPods: number, at: string): { value?: Record<string, string>; formula?: string; issue?: ConfigIssue } {
  const unknown = input.instanceTypes.filter((t) => lookupInstanceType(t)?.vcpus === undefined);
  if (unknown.length > 0) {
    return { issue: { path: `${at}.kubelet.kubeReserved`, message: `vCPUs of ${unknown.join(", ")} are not in the shipped instance table, so kubeReserved cannot be derived; give it explicitly (cpu, memory, ephemeral-storage)` } };
  }
  const vcpus = input.instanceTypes.map((t) => lookupInstanceType(t)?.vcpus).filter((v): v is number => v !== undefined);
  const most = Math.max(...vcpus);
  const r = computeKubeReserved({ vcpus: most, maxPods });
  return {
    value: { ...kubeReservedResourceList(r) },
    formula: `cpu: nodeadm bands for ${most} vCPUs = ${r.cpu}; memory: 11Mi × ${maxPods} pods + 255Mi = ${r.memory}; ephemeral-storage ${r.ephemeralStorage}`,
  };
}

/** How far below a lowered image GC high threshold the derived low threshold goes, in percent. */
export const IMAGE_GC_LOW_MARGIN = 5;

/**
 * The kubelet refuses to start when imageGCLowThresholdPercent >= imageGCHighThresholdPercent, and fills an unset
 * low threshold with its default (80). So a high threshold given alone at or below that default gets a low
 * threshold of high − 5 (at least 0). Only from the merged options: a given low threshold is never replaced.
 */
export function deriveImageGcLow(options: KubeletOptions): Derivation | undefined {
  const high = options.imageGCHighThresholdPercent;
  const defaultLow = KUBELET_IMAGE_GC_DEFAULTS.low;
  if (high === undefined || options.imageGCLowThresholdPercent !== undefined || high > defaultLow || high < 1) return undefined;
  const value = Math.max(0, high - IMAGE_GC_LOW_MARGIN);
  const formula = `imageGCHighThresholdPercent ${high} <= kubelet default low ${defaultLow}, so max(0, ${high} − ${IMAGE_GC_LOW_MARGIN}) = ${value}`;
  return { field: "imageGCLowThresholdPercent", value, formula };
}

/** Derives maxPods, kubeReserved and the image GC low threshold (unless given) and the EKS evictionHard defaults; `at` is the pool's config path. */
export function deriveKubelet(input: DeriveKubeletInput, at: string): DerivedKubelet {
  const derived: Record<string, unknown> = {};
  const derivations: Derivation[] = [];
  const mp = computeMaxPods({ instanceTypes: input.instanceTypes, prefixDelegation: input.prefixDelegation, customNetworking: input.customNetworking ?? false }, at);
  const issues: ConfigIssue[] = input.options.maxPods === undefined ? [...mp.issues] : [];
  if (input.options.maxPods === undefined && mp.value !== undefined) {
    derived.maxPods = mp.value;
    derivations.push({ field: "maxPods", value: mp.value, formula: `${mp.formula}: ${mp.perType.map((t) => `${t.type} ${t.formula}`).join("; ")}` });
  }
  const maxPods = input.options.maxPods ?? mp.value;
  if (input.options.kubeReserved === undefined && maxPods !== undefined) {
    const kr = deriveKubeReserved(input, maxPods, at);
    if (kr.issue) issues.push(kr.issue);
    if (kr.value && kr.formula) {
      derived.kubeReserved = kr.value;
      derivations.push({ field: "kubeReserved", value: kr.value, formula: kr.formula });
    }
  }
  const gcLow = deriveImageGcLow(input.options);
  if (gcLow) {
    derived[gcLow.field] = gcLow.value;
    derivations.push(gcLow);
  }
  return { derived, eksDefaults: { evictionHard: { ...EKS_DEFAULT_EVICTION_HARD } }, derivations, issues, addressablePods: mp.rawValue };
}
