/**
 * Typed kubelet options of a worker pool, derived from the option catalog (catalog.ts): each field maps to one
 * `KubeletConfiguration` (kubelet.config.k8s.io/v1beta1) field of the same name unless its TSDoc says otherwise.
 * Cluster-wide defaults and a pool's options are merged field by field with {@link mergeKubeletOptions}.
 */
import type { OptionValue } from "../core";
import {
  CPU_MANAGER_POLICIES, HARDENING_OVERRIDE_FIELDS, KUBELET_OPTION_CATALOG, KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS,
  KubeletMergeRule, TOPOLOGY_MANAGER_POLICIES, TOPOLOGY_MANAGER_SCOPES,
} from "./catalog";

/** Resource quantities by resource name, e.g. `{ cpu: "100m", memory: "512Mi", "ephemeral-storage": "1Gi" }`. */
export type ResourceList = Readonly<Record<string, string>>;

/** Eviction signal thresholds, e.g. `{ "memory.available": "200Mi", "nodefs.available": "10%" }`. */
export type EvictionThresholds = Readonly<Record<string, string>>;

/** A `cpuManagerPolicy` value the kubelet accepts. */
export type CpuManagerPolicy = (typeof CPU_MANAGER_POLICIES)[number];
/** A `topologyManagerPolicy` value the kubelet accepts. */
export type TopologyManagerPolicy = (typeof TOPOLOGY_MANAGER_POLICIES)[number];
/** A `topologyManagerScope` value the kubelet accepts. */
export type TopologyManagerScope = (typeof TOPOLOGY_MANAGER_SCOPES)[number];

type OverrideFields = typeof HARDENING_OVERRIDE_FIELDS;
/** A hardened default switched off, with the reason recorded in the plan. */
export type HardeningOverride = { readonly [K in keyof OverrideFields]: OptionValue<OverrideFields[K]> };

type Catalog = typeof KUBELET_OPTION_CATALOG;
/** Kubelet options; every field is optional and falls back to the cluster default, then to the derived/EKS value. */
export type KubeletOptions = { readonly [K in keyof Catalog]?: OptionValue<Catalog[K]["shape"]> };

const asObject = (v: unknown): object => (typeof v === "object" && v !== null ? v : {});
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** How each merge rule but `replace` (the plain spread) combines the cluster default with the pool's value. */
const MERGE: Readonly<Record<Exclude<KubeletMergeRule, "replace">, (base: unknown, over: unknown) => unknown>> = {
  mapMerge: (base, over) => ({ ...asObject(base), ...asObject(over) }),
  concat: (base, over) => [...asList(base), ...asList(over)],
  union: (base, over) => [...new Set([...asList(base), ...asList(over)])],
};

/**
 * Merges cluster-wide defaults with a pool's options, each option by its catalog row's `merge`: a pool's scalar wins;
 * maps are merged key by key (the pool's keys win); `hardeningOverrides` are concatenated and `allowedUnsafeSysctls`
 * joined without repeats.
 */
export function mergeKubeletOptions(base: KubeletOptions, over: KubeletOptions): KubeletOptions {
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const key of KUBELET_OPTION_NAMES) {
    const rule = KUBELET_OPTION_ROWS[key].merge;
    if (rule !== "replace" && (base[key] !== undefined || over[key] !== undefined)) merged[key] = MERGE[rule](base[key], over[key]);
  }
  return merged;
}
