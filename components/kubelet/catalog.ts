/**
 * The kubelet option catalog: every typed option of a pool's `kubelet`, declared once (STYLE §9). Derived from it:
 * the `KubeletOptions` type (options.ts), how cluster defaults and a pool's options merge (`mergeKubeletOptions`),
 * the fields the plan layers (`KUBELET_TYPED_FIELDS`, layers.ts), the stack config's zod schema and so its JSON
 * Schema (infra/config-schema.ts), and the README table (tools/gen/kubelet-table.ts). test/kubelet/catalog.test.ts
 * compares each with the catalog and the Bottlerocket names with the shipped Bottlerocket mapping.
 */
import type { ConfigIssue, FieldSpec, OptionSpec } from "../core";
import { MAX_PODS_CAP_HIGH_CPU } from "./max-pods";

/** `cpuManagerPolicy` values the kubelet accepts. */
export const CPU_MANAGER_POLICIES = ["none", "static"] as const;
/** `topologyManagerPolicy` values the kubelet accepts. */
export const TOPOLOGY_MANAGER_POLICIES = ["none", "best-effort", "restricted", "single-numa-node"] as const;
/** `topologyManagerScope` values the kubelet accepts. */
export const TOPOLOGY_MANAGER_SCOPES = ["container", "pod"] as const;

/**
 * How cluster-wide defaults and a pool's value combine: the pool's value wins (`replace`), maps merge key by key with
 * the pool's keys winning (`mapMerge`), lists are appended (`concat`) or appended without repeats (`union`).
 */
export const KUBELET_MERGE_RULES = ["replace", "mapMerge", "concat", "union"] as const;
export type KubeletMergeRule = (typeof KUBELET_MERGE_RULES)[number];

/** What a row's `bottlerocket` says when no `settings.kubernetes.*` key sets the option. */
export const NOT_EXPRESSIBLE_ON_BOTTLEROCKET = "not expressible";

/** One typed kubelet option. */
export interface KubeletOptionRow {
  /** The value's shape: the TypeScript type and the stack config's zod schema follow from it. */
  readonly shape: OptionSpec;
  /** The TSDoc of the option (also written as the JSDoc of its catalog key, which `KubeletOptions` carries). */
  readonly doc: string;
  /** README "default" column. */
  readonly default: string;
  /** README "meaning" column; adjacent rows with the same default and meaning share one README row. */
  readonly meaning: string;
  /** The Bottlerocket `settings.kubernetes.*` key that sets the option, or "not expressible". */
  readonly bottlerocket: string;
  /** Copied to the `KubeletConfiguration` field of the same name (`false`: the option is about other fields). */
  readonly config: boolean;
  /** How the cluster-wide default and a pool's value combine. */
  readonly merge: KubeletMergeRule;
  /** A check of the option's value alone; `at` is the option's config path. @default - none */
  readonly validate?: (value: unknown, at: string) => ConfigIssue[];
}

/** Fields of one `hardeningOverrides` item. */
export const HARDENING_OVERRIDE_FIELDS = {
  /** The `KubeletConfiguration` field whose hardened default is replaced, e.g. `readOnlyPort`. */
  field: { kind: "string", required: true },
  /** The value to use instead. */
  value: { kind: "unknown", required: true },
  /** Why: required, shown in the plan and in review. */
  reason: { kind: "string", minLength: 1, required: true },
} as const satisfies Readonly<Record<string, FieldSpec>>;

const maxPodsCap = (value: unknown, at: string): ConfigIssue[] =>
  typeof value === "number" && value > MAX_PODS_CAP_HIGH_CPU
    ? [{ path: at, message: `EKS managed node groups cap maxPods at ${MAX_PODS_CAP_HIGH_CPU}, got ${value}` }]
    : [];

/**
 * README default of the shutdown periods: nodeadm's base kubelet config sets them on AL2023 from Kubernetes 1.34
 * (components/facts/data/nodeadm-kubelet-base.json); elsewhere the kubelet's own default applies.
 */
const SHUTDOWN_DEFAULTS = "AL2023 1.34+: 2m30s / 30s (nodeadm's base config); Bottlerocket, older AL2023: kubelet default 0s (off)";

/** Every typed kubelet option, in output order; the JSDoc of each key is its row's `doc`. */
export const KUBELET_OPTION_CATALOG = {
  /** `maxPods`. @default - derived from the instance types' ENIs (or prefix delegation), smallest over the pool's types */
  maxPods: {
    shape: { kind: "integer", min: 1 }, default: "derived", meaning: "max pods per node", bottlerocket: "max-pods", config: true, merge: "replace",
    doc: "`maxPods`. @default - derived from the instance types' ENIs (or prefix delegation), smallest over the pool's types",
    validate: maxPodsCap,
  },
  /** `kubeReserved`. @default - derived with the EKS AMI formula from vCPUs and max pods */
  kubeReserved: {
    shape: { kind: "stringMap" }, default: "derived", meaning: "resources reserved for Kubernetes daemons (`cpu`, `memory`, `ephemeral-storage`)",
    bottlerocket: "kube-reserved", config: true, merge: "mapMerge", doc: "`kubeReserved`. @default - derived with the EKS AMI formula from vCPUs and max pods",
  },
  /** `systemReserved`. @default - none (as the EKS AMI) */
  systemReserved: {
    shape: { kind: "stringMap" }, default: "none", meaning: "resources reserved for the OS", bottlerocket: "system-reserved", config: true, merge: "mapMerge",
    doc: "`systemReserved`. @default - none (as the EKS AMI)",
  },
  /** `evictionHard`; signals left out keep the EKS AMI defaults (we merge, the kubelet would zero them). @default - EKS AMI values */
  evictionHard: {
    shape: { kind: "stringMap" }, default: "EKS AMI values", meaning: "hard eviction thresholds; signals you leave out keep the EKS defaults",
    bottlerocket: "eviction-hard", config: true, merge: "mapMerge",
    doc: "`evictionHard`; signals left out keep the EKS AMI defaults (we merge, the kubelet would zero them). @default - EKS AMI values",
  },
  /** `evictionSoft`; needs a grace period per signal in `evictionSoftGracePeriod`. @default - none */
  evictionSoft: {
    shape: { kind: "stringMap" }, default: "none", meaning: "soft eviction thresholds and their grace periods (Go durations)",
    bottlerocket: "eviction-soft", config: true, merge: "mapMerge", doc: "`evictionSoft`; needs a grace period per signal in `evictionSoftGracePeriod`. @default - none",
  },
  /** `evictionSoftGracePeriod`, Go durations per signal, e.g. `{ "memory.available": "1m30s" }`. @default - none */
  evictionSoftGracePeriod: {
    shape: { kind: "stringMap" }, default: "none", meaning: "soft eviction thresholds and their grace periods (Go durations)",
    bottlerocket: "eviction-soft-grace-period", config: true, merge: "mapMerge",
    doc: "`evictionSoftGracePeriod`, Go durations per signal, e.g. `{ \"memory.available\": \"1m30s\" }`. @default - none",
  },
  /** `evictionMaxPodGracePeriod` in seconds for soft evictions. @default - kubelet default (0: the pod's own) */
  evictionMaxPodGracePeriod: {
    shape: { kind: "integer", min: 0 }, default: "kubelet default", meaning: "seconds a pod gets on soft eviction",
    bottlerocket: "eviction-max-pod-grace-period", config: true, merge: "replace",
    doc: "`evictionMaxPodGracePeriod` in seconds for soft evictions. @default - kubelet default (0: the pod's own)",
  },
  /** `imageGCHighThresholdPercent`, 0-100. @default - kubelet default 85 */
  imageGCHighThresholdPercent: {
    shape: { kind: "integer", min: 0, max: 100 }, default: "kubelet defaults (85, 80)", meaning: "image garbage collection thresholds, 0-100",
    bottlerocket: "image-gc-high-threshold-percent", config: true, merge: "replace", doc: "`imageGCHighThresholdPercent`, 0-100. @default - kubelet default 85",
  },
  /** `imageGCLowThresholdPercent`, 0-100, below the high threshold. @default - kubelet default 80 */
  imageGCLowThresholdPercent: {
    shape: { kind: "integer", min: 0, max: 100 }, default: "kubelet defaults (85, 80)", meaning: "image garbage collection thresholds, 0-100",
    bottlerocket: "image-gc-low-threshold-percent", config: true, merge: "replace",
    doc: "`imageGCLowThresholdPercent`, 0-100, below the high threshold. @default - kubelet default 80",
  },
  /** `imageMaximumGCAge`, a Go duration such as `168h`: images unused that long are removed, however full the disk; above imageMinimumGCAge (2m). @default - kubelet default 0s (off) */
  imageMaximumGCAge: {
    shape: { kind: "string" }, default: "kubelet default (0s: off)", meaning: "unused images are removed after this Go duration, e.g. `168h`",
    bottlerocket: "image-maximum-gc-age", config: true, merge: "replace",
    doc: "`imageMaximumGCAge`, a Go duration such as `168h`: images unused that long are removed, however full the disk; above imageMinimumGCAge (2m). @default - kubelet default 0s (off)",
  },
  /** `containerLogMaxSize`, a quantity such as `10Mi`. @default - kubelet default 10Mi */
  containerLogMaxSize: {
    shape: { kind: "string" }, default: "kubelet defaults (10Mi, 5)", meaning: "container log rotation", bottlerocket: "container-log-max-size",
    config: true, merge: "replace", doc: "`containerLogMaxSize`, a quantity such as `10Mi`. @default - kubelet default 10Mi",
  },
  /** `containerLogMaxFiles`, >= 2. @default - kubelet default 5 */
  containerLogMaxFiles: {
    shape: { kind: "integer", min: 2 }, default: "kubelet defaults (10Mi, 5)", meaning: "container log rotation", bottlerocket: "container-log-max-files",
    config: true, merge: "replace", doc: "`containerLogMaxFiles`, >= 2. @default - kubelet default 5",
  },
  /** `shutdownGracePeriod`, a Go duration such as `60s`. @default - AL2023 from Kubernetes 1.34: 2m30s (nodeadm's base kubelet config); Bottlerocket and older AL2023: the kubelet default 0s (graceful shutdown off) */
  shutdownGracePeriod: {
    shape: { kind: "string" }, default: SHUTDOWN_DEFAULTS, meaning: "graceful node shutdown", bottlerocket: "shutdown-grace-period",
    config: true, merge: "replace", doc: "`shutdownGracePeriod`, a Go duration such as `60s`. @default - AL2023 from Kubernetes 1.34: 2m30s (nodeadm's base kubelet config); Bottlerocket and older AL2023: the kubelet default 0s (graceful shutdown off)",
  },
  /** `shutdownGracePeriodCriticalPods`, a Go duration <= shutdownGracePeriod; set it too when lowering shutdownGracePeriod under 30s on AL2023 1.34+. @default - AL2023 from Kubernetes 1.34: 30s (nodeadm's base kubelet config); Bottlerocket and older AL2023: the kubelet default 0s */
  shutdownGracePeriodCriticalPods: {
    shape: { kind: "string" }, default: SHUTDOWN_DEFAULTS, meaning: "graceful node shutdown", bottlerocket: "shutdown-grace-period-for-critical-pods",
    config: true, merge: "replace", doc: "`shutdownGracePeriodCriticalPods`, a Go duration <= shutdownGracePeriod; set it too when lowering shutdownGracePeriod under 30s on AL2023 1.34+. @default - AL2023 from Kubernetes 1.34: 30s (nodeadm's base kubelet config); Bottlerocket and older AL2023: the kubelet default 0s",
  },
  /** `cpuManagerPolicy`. @default - kubelet default none */
  cpuManagerPolicy: {
    shape: { kind: "enum", values: CPU_MANAGER_POLICIES }, default: "`none`", meaning: "`none` or `static`", bottlerocket: "cpu-manager-policy",
    config: true, merge: "replace", doc: "`cpuManagerPolicy`. @default - kubelet default none",
  },
  /** `topologyManagerPolicy`. @default - kubelet default none */
  topologyManagerPolicy: {
    shape: { kind: "enum", values: TOPOLOGY_MANAGER_POLICIES }, default: "`none`", meaning: "`none`, `best-effort`, `restricted`, `single-numa-node`",
    bottlerocket: "topology-manager-policy", config: true, merge: "replace", doc: "`topologyManagerPolicy`. @default - kubelet default none",
  },
  /** `topologyManagerScope`. @default - kubelet default container */
  topologyManagerScope: {
    shape: { kind: "enum", values: TOPOLOGY_MANAGER_SCOPES }, default: "`container`", meaning: "`container` or `pod`", bottlerocket: "topology-manager-scope",
    config: true, merge: "replace", doc: "`topologyManagerScope`. @default - kubelet default container",
  },
  /** `registryPullQPS`; 0 means unlimited. @default - kubelet default 5 */
  registryPullQPS: {
    shape: { kind: "integer", min: 0 }, default: "kubelet defaults (5, 10)", meaning: "image registry rate limits", bottlerocket: "registry-qps",
    config: true, merge: "replace", doc: "`registryPullQPS`; 0 means unlimited. @default - kubelet default 5",
  },
  /** `registryBurst`, >= registryPullQPS. @default - kubelet default 10 */
  registryBurst: {
    shape: { kind: "integer", min: 0 }, default: "kubelet defaults (5, 10)", meaning: "image registry rate limits", bottlerocket: "registry-burst",
    config: true, merge: "replace", doc: "`registryBurst`, >= registryPullQPS. @default - kubelet default 10",
  },
  /** `maxParallelImagePulls`; needs serializeImagePulls false. @default - kubelet default (unlimited) */
  maxParallelImagePulls: {
    shape: { kind: "integer", min: 1 }, default: "kubelet defaults", meaning: "parallel image pulls", bottlerocket: "max-parallel-image-pulls",
    config: true, merge: "replace", doc: "`maxParallelImagePulls`; needs serializeImagePulls false. @default - kubelet default (unlimited)",
  },
  /** `serializeImagePulls`. @default - kubelet default true */
  serializeImagePulls: {
    shape: { kind: "boolean" }, default: "kubelet defaults", meaning: "parallel image pulls", bottlerocket: NOT_EXPRESSIBLE_ON_BOTTLEROCKET,
    config: true, merge: "replace", doc: "`serializeImagePulls`. @default - kubelet default true",
  },
  /** `podPidsLimit`; -1 for no limit. @default - kubelet default -1 */
  podPidsLimit: {
    shape: { kind: "integer", min: -1 }, default: "kubelet default (-1)", meaning: "PIDs per pod", bottlerocket: "pod-pids-limit",
    config: true, merge: "replace", doc: "`podPidsLimit`; -1 for no limit. @default - kubelet default -1",
  },
  /** `allowedUnsafeSysctls`, namespaced sysctls or patterns only (`net.*`, `kernel.shm*`, `kernel.msg*`, `kernel.sem`, `fs.mqueue.*`), e.g. `["net.core.somaxconn"]`. @default - none */
  allowedUnsafeSysctls: {
    shape: { kind: "stringList" }, default: "none", meaning: "namespaced sysctls only (the kubelet refuses others, e.g. `vm.max_map_count`), e.g. `[net.core.somaxconn]`",
    bottlerocket: "allowed-unsafe-sysctls", config: true, merge: "union",
    doc: "`allowedUnsafeSysctls`, namespaced sysctls or patterns only (`net.*`, `kernel.shm*`, `kernel.msg*`, `kernel.sem`, `fs.mqueue.*`), e.g. `[\"net.core.somaxconn\"]`. @default - none",
  },
  /** `featureGates`, merged over the cluster default gates (and on AL2023 over nodeadm's base gates); names, locked gates and (1.35) dependencies are checked for the pool's Kubernetes version. @default - none */
  featureGates: {
    shape: { kind: "booleanMap" }, default: "none", meaning: "`{ Gate: true }`; gates the pool's Kubernetes version does not know, or locks, are refused",
    bottlerocket: NOT_EXPRESSIBLE_ON_BOTTLEROCKET, config: true, merge: "mapMerge", doc: "`featureGates`, merged over the cluster default gates (and on AL2023 over nodeadm's base gates); names, locked gates and (1.35) dependencies are checked for the pool's Kubernetes version. @default - none",
  },
  /** Hardened defaults replaced on purpose, each with a reason. @default - none */
  hardeningOverrides: {
    shape: { kind: "list", of: { kind: "object", fields: HARDENING_OVERRIDE_FIELDS } }, default: "none",
    meaning: "`[{ field, value, reason }]`: the only way to weaken a hardened default (see below)", bottlerocket: NOT_EXPRESSIBLE_ON_BOTTLEROCKET,
    config: false, merge: "concat", doc: "Hardened defaults replaced on purpose, each with a reason. @default - none",
  },
  /** Any other `KubeletConfiguration` field by its exact name; still checked against the schema. @default - none */
  extra: {
    shape: { kind: "unknownMap" }, default: "none", meaning: "any other `KubeletConfiguration` field by exact name; still checked against the schema",
    bottlerocket: NOT_EXPRESSIBLE_ON_BOTTLEROCKET, config: false, merge: "mapMerge",
    doc: "Any other `KubeletConfiguration` field by its exact name; still checked against the schema. @default - none",
  },
} as const satisfies Readonly<Record<string, KubeletOptionRow>>;

type Catalog = typeof KUBELET_OPTION_CATALOG;
/** A typed kubelet option's name. */
export type KubeletOptionName = keyof Catalog;
/** The options copied to the `KubeletConfiguration` field of the same name. */
export type KubeletConfigOptionName = { [K in KubeletOptionName]: Catalog[K]["config"] extends true ? K : never }[KubeletOptionName];
/** Each option's shape, by name (what infra/ builds the zod schema from). */
export type KubeletOptionShapes = { readonly [K in KubeletOptionName]: Catalog[K]["shape"] };

/** The catalog seen as plain rows (for code that looks at every row alike). */
export const KUBELET_OPTION_ROWS: Readonly<Record<KubeletOptionName, KubeletOptionRow>> = KUBELET_OPTION_CATALOG;

const isOptionName = (k: string): k is KubeletOptionName => Object.prototype.hasOwnProperty.call(KUBELET_OPTION_CATALOG, k);

/** Every option name, in catalog order. */
export const KUBELET_OPTION_NAMES: readonly KubeletOptionName[] = Object.keys(KUBELET_OPTION_CATALOG).filter(isOptionName);

/** Each option's shape, in catalog order (the one assertion: `Object.fromEntries` cannot type a mapped object). */
export const KUBELET_OPTION_SHAPES = Object.fromEntries(KUBELET_OPTION_NAMES.map((k) => [k, KUBELET_OPTION_ROWS[k].shape])) as KubeletOptionShapes;

const isConfigOption = (k: KubeletOptionName): k is KubeletConfigOptionName => KUBELET_OPTION_ROWS[k].config;

/** The options with `config: true`, in catalog order. */
export const KUBELET_CONFIG_OPTION_NAMES: readonly KubeletConfigOptionName[] = KUBELET_OPTION_NAMES.filter(isConfigOption);
