/**
 * Values the kubelet gets from AWS facts unless the pool gives them: maxPods (ENI or prefix formula,
 * managed-node-group cap, smallest over the types), kubeReserved (nodeadm's formula) and the EKS AMI's
 * evictionHard defaults. Pure.
 */
import { ConfigIssue } from "./config-issue";
import { lookupInstanceType } from "./instance-types";
import type { KubeletOptions } from "./kubelet-options";
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
  /** The pool's merged kubelet options; given fields are not derived. */
  readonly options: KubeletOptions;
}

/**
 * kubeReserved CPU is computed for the type with the most vCPUs (the largest reservation a node of the
 * pool needs; smaller types lose a few millicores), memory from the emitted maxPods, as the EKS AMI does.
 */
function deriveKubeReserved(input: DeriveKubeletInput, maxPods: number, at: string): { value?: Record<string, string>; formula?: string; issue?: ConfigIssue } {
  const vcpus = input.instanceTypes.map((t) => lookupInstanceType(t)?.vcpus);
  if (vcpus.some((v) => v === undefined)) {
    const unknown = input.instanceTypes.filter((_, i) => vcpus[i] === undefined).join(", ");
    return { issue: { path: `${at}.kubelet.kubeReserved`, message: `vCPUs of ${unknown} are not in the shipped instance table, so kubeReserved cannot be derived; give it explicitly (cpu, memory, ephemeral-storage)` } };
  }
  const most = Math.max(...(vcpus as number[]));
  const r = computeKubeReserved({ vcpus: most, maxPods });
  return {
    value: { ...kubeReservedResourceList(r) },
    formula: `cpu: nodeadm bands for ${most} vCPUs = ${r.cpu}; memory: 11Mi × ${maxPods} pods + 255Mi = ${r.memory}; ephemeral-storage ${r.ephemeralStorage}`,
  };
}

/** Derives maxPods and kubeReserved (unless given) and the EKS evictionHard defaults; `at` is the pool's config path. */
export function deriveKubelet(input: DeriveKubeletInput, at: string): DerivedKubelet {
  const derived: Record<string, unknown> = {};
  const derivations: Derivation[] = [];
  const mp = computeMaxPods({ instanceTypes: input.instanceTypes, prefixDelegation: input.prefixDelegation }, at);
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
  return { derived, eksDefaults: { evictionHard: { ...EKS_DEFAULT_EVICTION_HARD } }, derivations, issues, addressablePods: mp.rawValue };
}
