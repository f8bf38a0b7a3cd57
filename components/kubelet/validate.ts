/**
 * Plan-time checks of a pool's kubelet: every emitted key against the shipped KubeletConfiguration schema,
 * `extra` and hardening overrides, rules that span fields, maxPods against what the CNI can address,
 * reservations against the instance, and what Bottlerocket can express and the renderer emits. Pure.
 */
import { validateBottlerocketKubelet } from "./bottlerocket-settings";
import { KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS } from "./catalog";
import { validateBottlerocketRendering } from "./render-bottlerocket";
import { ConfigIssue, isRecord } from "../core";
import { lookupInstanceType, InstanceFacts } from "../facts";
import { HARDENED_KUBELET_DEFAULTS, KUBELET_TYPED_FIELDS, KubeletPlan } from "./layers";
import type { KubeletOptions } from "./options";
import { KUBELET_CONFIG_SCHEMA, KUBELET_IMAGE_GC_DEFAULTS, parseGoDuration, validateKubeletConfig, validateValue } from "./schema";
import { validateReservations } from "./reserved-resources";

/** Typed option names (they must not be set again through `extra`). */
const TYPED_FIELDS: ReadonlySet<string> = new Set(KUBELET_TYPED_FIELDS);

type Json = Readonly<Record<string, unknown>>;
const isStringMap = (v: unknown): v is Readonly<Record<string, string>> => isRecord(v) && Object.values(v).every((x) => typeof x === "string");
/** A map of strings (resource lists, thresholds), or undefined for anything else (the schema pass reports it). */
const stringMap = (v: unknown): Readonly<Record<string, string>> | undefined => (isStringMap(v) ? v : undefined);

function validateExtraAndOverrides(o: KubeletOptions, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateKubeletConfig(o.extra ?? {}, `${at}.extra`)];
  for (const key of Object.keys(o.extra ?? {})) {
    if (key in HARDENED_KUBELET_DEFAULTS) issues.push({ path: `${at}.extra.${key}`, message: `"${key}" is a hardened default; change it with hardeningOverrides: [{ field: "${key}", value: …, reason: "…" }]` });
    else if (TYPED_FIELDS.has(key)) issues.push({ path: `${at}.extra.${key}`, message: `"${key}" is a typed option; set kubelet.${key} instead` });
  }
  (o.hardeningOverrides ?? []).forEach((h, i) => {
    const path = `${at}.hardeningOverrides[${i}]`;
    const spec = KUBELET_CONFIG_SCHEMA.fields[h.field];
    if (!(h.field in HARDENED_KUBELET_DEFAULTS)) {
      issues.push({ path: `${path}.field`, message: `"${h.field}" is not a hardened default; hardened fields: ${Object.keys(HARDENED_KUBELET_DEFAULTS).join(", ")}` });
    } else if (spec) {
      issues.push(...validateValue(h.value, spec, `${path}.value`));
    }
  });
  return issues;
}

const seconds = (d: string | undefined): number | undefined => {
  const ns = d === undefined ? undefined : parseGoDuration(d);
  return ns === undefined ? undefined : ns / 1e9;
};

/**
 * The kubelet refuses to start when imageGCLowThresholdPercent >= imageGCHighThresholdPercent, after filling an
 * unset one with its default (high 85, low 80). `c` is the emitted config (a derived low threshold included).
 */
export function validateImageGcThresholds(c: Json, at: string): ConfigIssue[] {
  const high = typeof c.imageGCHighThresholdPercent === "number" ? c.imageGCHighThresholdPercent : undefined;
  const low = typeof c.imageGCLowThresholdPercent === "number" ? c.imageGCLowThresholdPercent : undefined;
  const d = KUBELET_IMAGE_GC_DEFAULTS;
  if (high !== undefined && low !== undefined && low >= high) {
    return [{ path: `${at}.imageGCLowThresholdPercent`, message: `must be below imageGCHighThresholdPercent (${high}), got ${low}` }];
  }
  if (high !== undefined && low === undefined && d.low >= high) {
    return [{ path: `${at}.imageGCHighThresholdPercent`, message: `${high} is not above the kubelet's default imageGCLowThresholdPercent (${d.low}), so the kubelet would refuse to start; ${high < 1 ? "raise it to at least 1 and " : ""}set imageGCLowThresholdPercent below it` }];
  }
  if (low !== undefined && high === undefined && low >= d.high) {
    return [{ path: `${at}.imageGCLowThresholdPercent`, message: `${low} is not below the kubelet's default imageGCHighThresholdPercent (${d.high}), so the kubelet would refuse to start; lower it below ${d.high} or set imageGCHighThresholdPercent above ${low}` }];
  }
  return [];
}

/** Rules the kubelet enforces across fields (or silently misbehaves on). */
export function validateKubeletCrossFields(c: Json, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateImageGcThresholds(c, at)];
  const num = (k: string): number | undefined => {
    const v = c[k];
    return typeof v === "number" ? v : undefined;
  };
  const str = (k: string): string | undefined => {
    const v = c[k];
    return typeof v === "string" ? v : undefined;
  };
  if (num("maxParallelImagePulls") !== undefined && c.serializeImagePulls === true) {
    issues.push({ path: `${at}.maxParallelImagePulls`, message: "needs serializeImagePulls: false (the kubelet refuses maxParallelImagePulls with serial pulls)" });
  }
  const qps = num("registryPullQPS");
  const burst = num("registryBurst");
  if (qps !== undefined && burst !== undefined && burst < qps) issues.push({ path: `${at}.registryBurst`, message: `must be >= registryPullQPS (${qps}), got ${burst}` });
  const total = seconds(str("shutdownGracePeriod"));
  const critical = seconds(str("shutdownGracePeriodCriticalPods"));
  if (critical !== undefined && (total ?? 0) < critical) issues.push({ path: `${at}.shutdownGracePeriodCriticalPods`, message: `must not exceed shutdownGracePeriod (${str("shutdownGracePeriod") ?? "0s"})` });
  const soft = isRecord(c.evictionSoft) ? c.evictionSoft : {};
  const grace = isRecord(c.evictionSoftGracePeriod) ? c.evictionSoftGracePeriod : {};
  for (const signal of Object.keys(soft)) {
    if (grace[signal] === undefined) issues.push({ path: `${at}.evictionSoftGracePeriod`, message: `evictionSoft "${signal}" needs a grace period here, e.g. { "${signal}": "1m30s" }` });
  }
  return issues;
}

/** `extra` keys are validated under `kubelet.extra.*`; leave them out of the whole-config pass. */
function withoutKeys(c: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(c).filter(([k]) => !drop.has(k)));
}

/** The pool's smallest instance (fewest vCPUs, then least memory): reservations must fit it. */
function smallestInstance(types: readonly string[]): InstanceFacts | undefined {
  const facts = types.map((t) => lookupInstanceType(t)).filter((f): f is InstanceFacts => f !== undefined);
  return facts.sort((a, b) => (a.vcpus ?? 0) - (b.vcpus ?? 0) || (a.memoryMiB ?? 0) - (b.memoryMiB ?? 0))[0];
}

/** Inputs of {@link validatePoolKubelet}. */
export interface PoolKubeletCheck {
  readonly os: string;
  readonly instanceTypes: readonly string[];
  readonly options: KubeletOptions;
  readonly plan: KubeletPlan;
  /** Uncapped pods the CNI can address on the smallest type. */
  readonly addressablePods?: number;
}

/** The catalog rows' own checks of their option's value (e.g. the managed node group cap on maxPods). */
export function validateKubeletOptionRows(o: KubeletOptions, at: string): ConfigIssue[] {
  return KUBELET_OPTION_NAMES.flatMap((k) => {
    const check = KUBELET_OPTION_ROWS[k].validate;
    return check && o[k] !== undefined ? check(o[k], `${at}.${k}`) : [];
  });
}

/** Every kubelet problem of a pool; `at` is the pool's `kubelet` config path. */
export function validatePoolKubelet(p: PoolKubeletCheck, at: string): ConfigIssue[] {
  const c = p.plan.config;
  const issues: ConfigIssue[] = [
    ...validateExtraAndOverrides(p.options, at),
    ...validateKubeletConfig(withoutKeys(c, Object.keys(p.options.extra ?? {})), at),
    ...validateKubeletCrossFields(c, at),
  ];
  const maxPods = p.options.maxPods;
  if (maxPods !== undefined && p.addressablePods !== undefined && maxPods > p.addressablePods) {
    issues.push({ path: `${at}.maxPods`, message: `${maxPods} is more than the VPC CNI can address on the smallest instance type (${p.addressablePods}); enable vpcCni.prefixDelegation or lower maxPods` });
  }
  issues.push(...validateKubeletOptionRows(p.options, at));
  const small = smallestInstance(p.instanceTypes);
  if (small) issues.push(...validateReservations(small, stringMap(c.kubeReserved), stringMap(c.systemReserved), at, stringMap(c.evictionHard)));
  if (p.os === "BOTTLEROCKET") issues.push(...validateBottlerocketPool(p.plan, at));
  return issues;
}

/** `path` is `other` or inside it, or the other way round. */
const overlaps = (path: string, other: string): boolean =>
  [[path, other], [other, path]].some(([a, b]) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`));

/**
 * Bottlerocket's own limits on the fields the pool sets, then everything the renderer would drop (the same split the
 * renderer uses), leaving out drops already reported at the same place.
 */
function validateBottlerocketPool(plan: KubeletPlan, at: string): ConfigIssue[] {
  const configured = Object.fromEntries(Object.entries(plan.config).filter(([k]) => plan.origin[k] !== "hardened" && plan.origin[k] !== "eks-default"));
  const limits = validateBottlerocketKubelet(configured, at);
  const dropped = validateBottlerocketRendering(plan.config, plan.origin, at).filter((d) => !limits.some((l) => overlaps(d.path, l.path)));
  return [...limits, ...dropped];
}
