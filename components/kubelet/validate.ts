/**
 * Plan-time checks of a pool's kubelet: every emitted key against the shipped KubeletConfiguration schema,
 * `extra` and hardening overrides, rules that span fields and what the kubelet refuses at start-up, both judged on the
 * node's effective configuration (on AL2023 nodeadm's base config under ours), reservations against the instance,
 * and what Bottlerocket can express and the renderer emits. maxPods above what the CNI can address is legal (pods
 * past the node's IPs wait for one): the policy pack judges it (EKS-KUBELET-008). Pure.
 */
import { validateBottlerocketKubelet } from "./bottlerocket-settings";
import { KUBELET_OPTION_NAMES, KUBELET_OPTION_ROWS } from "./catalog";
import { effectiveKubelet } from "./effective";
import { validateAllowedUnsafeSysctls, validateFeatureGates, validateShutdown } from "./refusals";
import { validateBottlerocketRendering } from "./render-bottlerocket";
import { ConfigIssue, isRecord } from "../core";
import { lookupInstanceType, InstanceFacts } from "../facts";
import { HARDENED_KUBELET_DEFAULTS, KUBELET_TYPED_FIELDS, KubeletPlan } from "./layers";
import type { KubeletOptions } from "./options";
import { KUBELET_CONFIG_SCHEMA, KUBELET_IMAGE_GC_DEFAULTS, validateKubeletConfig, validateValue } from "./schema";
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

/**
 * Rules the kubelet enforces across fields (or silently misbehaves on); the shutdown periods are checked by
 * {@link validateShutdown}, which knows where each value came from.
 */
export function validateKubeletCrossFields(c: Json, at: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [...validateImageGcThresholds(c, at)];
  const num = (k: string): number | undefined => {
    const v = c[k];
    return typeof v === "number" ? v : undefined;
  };
  if (num("maxParallelImagePulls") !== undefined && c.serializeImagePulls === true) {
    issues.push({ path: `${at}.maxParallelImagePulls`, message: "needs serializeImagePulls: false (the kubelet refuses maxParallelImagePulls with serial pulls)" });
  }
  const qps = num("registryPullQPS");
  const burst = num("registryBurst");
  if (qps !== undefined && burst !== undefined && burst < qps) issues.push({ path: `${at}.registryBurst`, message: `must be >= registryPullQPS (${qps}), got ${burst}` });
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
  /** The pool's Kubernetes version (`1.NN`): picks nodeadm's base config and the feature gates. @default - neither is checked */
  readonly kubernetesVersion?: string;
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
  const effective = effectiveKubelet({ os: p.os, kubernetesVersion: p.kubernetesVersion, plan: p.plan });
  const issues: ConfigIssue[] = [
    ...validateExtraAndOverrides(p.options, at),
    ...validateKubeletConfig(withoutKeys(c, Object.keys(p.options.extra ?? {})), at),
    ...validateKubeletCrossFields(effective.config, at),
    ...validateShutdown(effective, at, p.kubernetesVersion),
    ...validateAllowedUnsafeSysctls(c.allowedUnsafeSysctls, at),
    ...validateFeatureGates(c.featureGates, effective.config.featureGates, p.kubernetesVersion, at),
  ];
  issues.push(...validateKubeletOptionRows(p.options, at));
  const small = smallestInstance(p.instanceTypes);
  if (small) {
    const reservations = validateReservations(small, stringMap(c.kubeReserved), stringMap(c.systemReserved), at, stringMap(c.evictionHard));
    issues.push(...reservations.filter((r) => !issues.some((i) => i.path === r.path)));
  }
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
