/** Pure: recorded registrations → the plan document of SPEC §5 (real URNs, redacted secrets). */
import type { RecordedResource } from "./mock-runtime";
import type { StandIn } from "./offline-values";
import type { PoolSummary } from "./pools";
import type { AddonSummary } from "./addons";
import type { RolloutSection } from "./rollout-section";
import type { PolicyResult } from "./policy-eval";
import { isRecord, STACK_TYPE } from "../../components/core";
import type { PlanResource } from "./resources";
import type { ProviderSection } from "./provider";
import type { TagsSection } from "./tags";
import type { TenantSummary } from "./tenants";
import type { CniSummary } from "./cni";
import type { ClusterAutoscalerSummary } from "./autoscaler";
import type { VersionState } from "../../components/patching";
import type { PromotionDecision } from "../../infra/promotion";

/** Pulumi wire-format signatures (sdk/go/common/resource/sig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A config problem or a plan-time warning. */
export interface PlanWarning {
  readonly path: string;
  readonly message: string;
  readonly severity?: "error" | "warning";
}

/** The `--json` document. */
export interface PlanDocument {
  readonly stack: string;
  readonly resources: PlanResource[];
  /** Per pool: node groups and effective kubelet settings with their origins and derivations. */
  readonly pools: PoolSummary[];
  /** Addons with version, configuration values and what each waits for. */
  readonly addons: AddonSummary[];
  /** Every policy evaluation (rule, resource, level, passed, messages). */
  readonly policyResults: PolicyResult[];
  /** Waves, batches, durations, critical paths, AZ-loss capacity; with a baseline the change review; the freeze. */
  readonly rollout: RolloutSection;
  readonly warnings: PlanWarning[];
  /** Values AWS would have given, replaced offline. */
  readonly standIns: StandIn[];
  /** The `aws:*` provider settings (secrets redacted); with a baseline, what changed and what it retags. */
  readonly provider: ProviderSection;
  /** The stack tags, the default tags and each taggable resource's merged tags. @default - absent: the stack sets neither */
  readonly tags?: TagsSection;
  /** The CNI: provider, mode, kube-proxy replacement, removed add-ons, chart, taint, operator role, max-pods rule. @default - absent: vpc-cni with its defaults */
  readonly cni?: CniSummary;
  /** Per tenant: namespaces, Pod Security Admission, quota, limits, isolation, access, pool. @default - absent: no tenants */
  readonly tenants?: TenantSummary[];
  /** The Cluster Autoscaler: release, version, expander, priorities, discovered node groups. @default - absent: not installed */
  readonly clusterAutoscaler?: ClusterAutoscalerSummary;
  /**
   * The stack output `versions` as this plan deploys it: per pool the release, since when it runs it (kept from the
   * baseline while unchanged, else `--now`) and the AMI type; `--promote-from` reads it. @default - absent: not planned
   */
  readonly versions?: VersionState;
  /** What each promoted pool (`ami.channel: promoted`) takes and why. @default - absent: no promoted pool */
  readonly promotions?: PromotionDecision[];
}

/** Replaces secrets with `"[secret]"`, unknowns with `"[unknown]"` and resource references with their URN. */
export function redactSecrets(value: unknown): unknown {
  if (value === UNKNOWN) return "[unknown]";
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (!isRecord(value)) return value;
  if (value[SIG_KEY] === SECRET_SIG) return "[secret]";
  if (value[SIG_KEY] === RESOURCE_REF_SIG) return { resourceRef: value.urn };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSecrets(v)]));
}

/** {@link redactSecrets} over an input map. */
export const redactInputs = (inputs: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, redactSecrets(v)]));

/**
 * Real URNs: the mock monitor leaves parents out of the type chain; the engine writes
 * `urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>`, the root stack's type excluded.
 */
export function qualifyUrns(records: readonly RecordedResource[]): Map<string, string> {
  const byUrn = new Map(records.map((r) => [r.urn, r]));
  const qualifiedType = new Map<string, string>();
  const typeChain = (r: RecordedResource): string => {
    const known = qualifiedType.get(r.urn);
    if (known) return known;
    const parent = byUrn.get(r.parentUrn);
    const chain = !parent || parent.type === STACK_TYPE ? r.type : `${typeChain(parent)}$${r.type}`;
    qualifiedType.set(r.urn, chain);
    return chain;
  };
  return new Map(records.map((r) => {
    const prefix = r.urn.split("::").slice(0, 2).join("::");
    return [r.urn, `${prefix}::${typeChain(r)}::${r.name}`];
  }));
}

/** Builds the document's resources from the recorder's output, in registration order. */
export function planResources(records: readonly RecordedResource[]): PlanResource[] {
  const urns = qualifyUrns(records);
  const real = (u: string): string => urns.get(u) ?? u;
  return records.map((r) => ({
    urn: real(r.urn),
    type: r.type,
    name: r.name,
    parent: r.parentUrn ? real(r.parentUrn) : "",
    dependencies: [...new Set([...r.dependencies, ...Object.values(r.propertyDependencies).flat()].map(real))].sort(),
    propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, v.map(real)])),
    ignoreChanges: r.ignoreChanges,
    inputs: redactInputs(r.inputs),
  }));
}
