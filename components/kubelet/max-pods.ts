/**
 * Kubelet `maxPods` for EKS nodes, computed as the EKS AMI does (pure; facts from `instance-types.ts`).
 *
 * Sources (awslabs/amazon-eks-ami):
 * - `nodeadm/internal/kubelet/eni_max_pods.go` (`calculateStandardMaxPods`): ENIs on the default network card
 *   × (IPv4 per ENI − 1) + 2, the +2 being the host-network pods (aws-node, kube-proxy) that use no pod IP.
 * - `templates/al2023/runtime/max-pods-calculator.sh` @a92d9fdeadcc26a22e8ab719bb486dea7d66ccc7: prefix delegation
 *   (VPC CNI >= 1.9, Nitro hypervisor only) gives ENIs × ((IPv4 per ENI − 1) × 16) + 2; custom networking leaves the
 *   primary ENI out; the recommended value is capped at 250 when `vCPUs -gt 30`, else 110 (so exactly 30 vCPUs → 110).
 * - EKS User Guide, "Choose an optimal Amazon EC2 node instance type" → "How maxPods is determined": managed node groups
 *   without a custom AMI enforce that cap (110 under 30 vCPUs, 250 above), with or without prefix delegation, and a
 *   managed node group with several instance types uses the smallest value of its types.
 */
import { ConfigIssue } from "../core";
import { InstanceFacts, lookupInstanceType } from "../facts";

/** Pods that use the host network and so no pod IP (aws-node and kube-proxy). */
export const HOST_NETWORK_PODS = 2;
/** IPv4 addresses in one /28 prefix (the calculator's `IPS_PER_PREFIX`). */
export const IPS_PER_PREFIX = 16;
/** Recommended cap for instance types with at most {@link CAP_VCPU_THRESHOLD} vCPUs. */
export const MAX_PODS_CAP_LOW_CPU = 110;
/** Recommended cap for instance types with more than {@link CAP_VCPU_THRESHOLD} vCPUs. */
export const MAX_PODS_CAP_HIGH_CPU = 250;
/** The calculator compares `CPU_COUNT -gt 30`: 31 vCPUs and more get the high cap. */
export const CAP_VCPU_THRESHOLD = 30;

/**
 * How the per-type value is capped.
 * - `managed-node-group`: min(formula, 110 | 250 by vCPUs), what `max-pods-calculator.sh` recommends and what EKS
 *   managed node groups without a custom AMI enforce in the node's user data.
 * - `none`: the formula alone, what nodeadm computes on a self-managed or custom-AMI node (and the calculator's
 *   `--show-max-allowed`).
 */
export const MAX_PODS_CAPS = ["managed-node-group", "none"] as const;
export type MaxPodsCap = (typeof MAX_PODS_CAPS)[number];

/** The ENI facts the formulas read. */
export type EniFacts = Pick<InstanceFacts, "maxEnis" | "ipv4PerEni">;

const enisForPods = (f: EniFacts, customNetworking: boolean): number => (customNetworking ? f.maxEnis - 1 : f.maxEnis);

/** ENIs × (IPv4 per ENI − 1) + 2 (one ENI fewer with custom networking). Equals the `eni-max-pods.txt` table. */
export function eniMaxPods(facts: EniFacts, customNetworking = false): number {
  return enisForPods(facts, customNetworking) * (facts.ipv4PerEni - 1) + HOST_NETWORK_PODS;
}

/**
 * Prefix delegation: ENIs × ((IPv4 per ENI − 1) × 16) + 2, uncapped (the calculator's `--show-max-allowed` value on a
 * Nitro type). It is far above what a node can run; use {@link recommendedMaxPods} or {@link computeMaxPods} for the cap.
 */
export function prefixDelegationMaxPods(facts: EniFacts, customNetworking = false): number {
  return enisForPods(facts, customNetworking) * ((facts.ipv4PerEni - 1) * IPS_PER_PREFIX) + HOST_NETWORK_PODS;
}

/** The EKS cap for an instance type: 250 when vCPUs > 30, else 110. */
export function eksMaxPodsCap(vcpus: number): number {
  return vcpus > CAP_VCPU_THRESHOLD ? MAX_PODS_CAP_HIGH_CPU : MAX_PODS_CAP_LOW_CPU;
}

/** Options of {@link recommendedMaxPods}. */
export interface MaxPodsOptions {
  /** The VPC CNI assigns /28 prefixes (`ENABLE_PREFIX_DELEGATION=true`, CNI >= 1.9). @default false */
  readonly prefixDelegation?: boolean;
  /** VPC CNI custom networking: the primary ENI carries no pod IPs. @default false */
  readonly customNetworking?: boolean;
  /** Cap applied to the formula. @default "managed-node-group" */
  readonly cap?: MaxPodsCap;
}

/** One type's value, uncapped and capped, and how it was obtained. */
export interface MaxPodsForType {
  /** Instance type. */
  readonly type: string;
  /** The value for this type after the cap. */
  readonly value: number;
  /** The formula's value before any cap. */
  readonly raw: number;
  /** The arithmetic, e.g. `3 × (10 − 1) + 2 = 29; cap 110 (2 vCPUs) → 29`. */
  readonly formula: string;
}

const usesPrefixes = (f: InstanceFacts, o: MaxPodsOptions): boolean => o.prefixDelegation === true && f.hypervisor === "nitro";

function rawFor(f: InstanceFacts, o: MaxPodsOptions): { raw: number; text: string } {
  const cn = o.customNetworking === true;
  const enis = enisForPods(f, cn);
  if (usesPrefixes(f, o)) {
    const raw = prefixDelegationMaxPods(f, cn);
    return { raw, text: `${enis} × ((${f.ipv4PerEni} − 1) × ${IPS_PER_PREFIX}) + ${HOST_NETWORK_PODS} = ${raw}` };
  }
  const raw = eniMaxPods(f, cn);
  return { raw, text: `${enis} × (${f.ipv4PerEni} − 1) + ${HOST_NETWORK_PODS} = ${raw}` };
}

/**
 * max-pods-calculator.sh for one type: prefix formula only on Nitro types (anything else, bare metal included, gets the
 * ENI formula, as in the script), then the cap. An unknown vCPU count takes the low cap (110), the safe side.
 */
export function recommendedMaxPods(facts: InstanceFacts, options: MaxPodsOptions = {}): MaxPodsForType {
  const { raw, text } = rawFor(facts, options);
  if ((options.cap ?? "managed-node-group") === "none") return { type: facts.instanceType, value: raw, raw, formula: text };
  const cap = facts.vcpus === undefined ? MAX_PODS_CAP_LOW_CPU : eksMaxPodsCap(facts.vcpus);
  const value = Math.min(raw, cap);
  const why = facts.vcpus === undefined ? "vCPUs unknown" : `${facts.vcpus} vCPUs`;
  return { type: facts.instanceType, value, raw, formula: `${text}; cap ${cap} (${why}) → ${value}` };
}

/** Arguments of {@link computeMaxPods}. */
export interface ComputeMaxPodsArgs extends MaxPodsOptions {
  /** The pool's instance types; the smallest value over them applies to every node. */
  readonly instanceTypes: readonly string[];
  /** The VPC CNI assigns /28 prefixes. */
  readonly prefixDelegation: boolean;
}

/** Result of {@link computeMaxPods}. */
export interface MaxPodsResult {
  /** Smallest capped value over the known types. @default - undefined when no type is known */
  readonly value?: number;
  /** Smallest uncapped value over the known types (what nodeadm would compute). @default - undefined when no type is known */
  readonly rawValue?: number;
  /** Each known type's values. */
  readonly perType: readonly MaxPodsForType[];
  /** The rule in words. */
  readonly formula: string;
  /** The inputs with defaults applied. */
  readonly inputs: Required<ComputeMaxPodsArgs>;
  /** Unknown types (errors); missing facts that made a fallback necessary (warnings). */
  readonly issues: readonly ConfigIssue[];
}

function ruleText(i: Required<ComputeMaxPodsArgs>): string {
  const enis = i.customNetworking ? "(ENIs − 1)" : "ENIs";
  const eni = `${enis} × (IPv4 per ENI − 1) + ${HOST_NETWORK_PODS}`;
  const base = i.prefixDelegation ? `${enis} × ((IPv4 per ENI − 1) × ${IPS_PER_PREFIX}) + ${HOST_NETWORK_PODS} on Nitro types, else ${eni}` : eni;
  const capped = i.cap === "none" ? base : `min(${base}, ${MAX_PODS_CAP_HIGH_CPU} if vCPUs > ${CAP_VCPU_THRESHOLD} else ${MAX_PODS_CAP_LOW_CPU})`;
  return `smallest over the instance types of ${capped}`;
}

function factIssues(f: InstanceFacts, i: Required<ComputeMaxPodsArgs>, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (i.prefixDelegation && f.hypervisor === undefined) {
    issues.push({ path, severity: "warning", message: `hypervisor of "${f.instanceType}" is unknown, so prefix delegation is not assumed: the ENI formula is used (set maxPods to override)` });
  }
  if (i.cap === "managed-node-group" && f.vcpus === undefined) {
    issues.push({ path, severity: "warning", message: `vCPUs of "${f.instanceType}" are unknown, so the low cap ${MAX_PODS_CAP_LOW_CPU} is used (set maxPods to override)` });
  }
  return issues;
}

/**
 * maxPods for a pool: each type's value by {@link recommendedMaxPods}, then the smallest over the types. `at` is the
 * config path of the pool (issues point at `${at}.instanceTypes[i]`). Unknown types are errors and are left out.
 */
export function computeMaxPods(args: ComputeMaxPodsArgs, at: string): MaxPodsResult {
  const inputs: Required<ComputeMaxPodsArgs> = {
    instanceTypes: args.instanceTypes,
    prefixDelegation: args.prefixDelegation,
    customNetworking: args.customNetworking ?? false,
    cap: args.cap ?? "managed-node-group",
  };
  const issues: ConfigIssue[] = [];
  const perType: MaxPodsForType[] = [];
  inputs.instanceTypes.forEach((type, idx) => {
    const path = `${at}.instanceTypes[${idx}]`;
    const facts = lookupInstanceType(type);
    if (facts === undefined) {
      issues.push({ path, message: `unknown instance type "${type}": not in the shipped instance table, so its max pods cannot be computed` });
      return;
    }
    issues.push(...factIssues(facts, inputs, path));
    perType.push(recommendedMaxPods(facts, inputs));
  });
  const smallest = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : Math.min(...xs));
  const value = smallest(perType.map((p) => p.value));
  const rawValue = smallest(perType.map((p) => p.raw));
  return { ...(value === undefined ? {} : { value }), ...(rawValue === undefined ? {} : { rawValue }), perType, formula: ruleText(inputs), inputs, issues };
}
