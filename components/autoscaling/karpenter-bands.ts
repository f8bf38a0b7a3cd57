/**
 * A karpenter pool split into NodePools by vCPUs, so that each NodePool's `spec.kubelet.maxPods` (the smallest of our
 * formula over its types) fits the sizes it launches, and the pool's `limits` shared among them. Pure.
 *
 * The bands are fixed, at the steps of the max pods formula: 1-3 vCPUs (`large`: 2 or 3 ENIs), 4-15 (`xlarge`,
 * `2xlarge`), 16-30 (up to the 110 cap), 31 and more (the 250 cap). Bands the pool's types leave empty are dropped;
 * nothing else changes a band. Its name is the fixed band's, `<pool>-cpu1-3`, `<pool>-cpu4-15`, `<pool>-cpu16-30`,
 * `<pool>-cpu31-up`, whatever the pool's cpu range, maxPods or number of bands: a renamed NodePool is deleted, and
 * Karpenter deletes its NodeClaims with it (every node of the band at once, not paced by the disruption budgets).
 */
import type { ConfigIssue } from "../core";
import { lookupInstanceType } from "../facts";
import { parseCpuMillicores, parseMemoryBytes } from "../kubelet";
import type { IntRange, KarpenterLimits } from "./karpenter-args";

/** Lower bounds (vCPUs) of the fixed bands; each band runs up to the next bound minus one, the last one is open. */
export const KARPENTER_CPU_BAND_STARTS = [1, 4, 16, 31] as const;

/** One NodePool of a karpenter pool. */
export interface CpuBand {
  /** The NodePool's and EC2NodeClass's name: `<pool>-cpu<start>-<end>` / `<pool>-cpu<start>-up` of the fixed band. */
  readonly name: string;
  /** The band's vCPUs within the pool's `instanceRequirements.cpu` (the NodePool's `Gt`/`Lt` requirement values). */
  readonly cpu: IntRange;
  /** The matched types in the band, in table order. */
  readonly instanceTypes: readonly string[];
}

const bandOf = (vcpus: number): number => KARPENTER_CPU_BAND_STARTS.filter((s) => vcpus >= s).length - 1;
const bandEnd = (i: number): number | undefined => (i + 1 < KARPENTER_CPU_BAND_STARTS.length ? KARPENTER_CPU_BAND_STARTS[i + 1] - 1 : undefined);

/** The band's range clipped to the pool's: [start, end] within `pool`. */
function clip(start: number, end: number | undefined, pool: IntRange | undefined): IntRange {
  const min = Math.max(start, pool?.min ?? start);
  const max = pool?.max === undefined ? end : end === undefined ? pool.max : Math.min(end, pool.max);
  return { min, ...(max !== undefined ? { max } : {}) };
}

/** The name suffix of fixed band `i`: `-cpu1-3`, `-cpu4-15`, `-cpu16-30`, `-cpu31-up`. */
const bandSuffix = (i: number): string => `-cpu${KARPENTER_CPU_BAND_STARTS[i]}-${bandEnd(i) ?? "up"}`;

/** The longest band suffix (`-cpu16-30`): a pool's NodePool names are at most its name's length plus this. */
export const KARPENTER_BAND_SUFFIX_MAX = Math.max(...KARPENTER_CPU_BAND_STARTS.map((_, i) => bandSuffix(i).length));

/** Kubernetes' limit on a label value, which a NodePool's (and an EC2NodeClass's) name becomes on its nodes. */
export const LABEL_VALUE_MAX = 63;

/**
 * A pool name too long for its band names: Karpenter labels each node `karpenter.sh/nodepool=<NodePool>` and
 * `karpenter.k8s.aws/ec2nodeclass=<EC2NodeClass>` (label values: at most 63 characters), and both are named
 * `<pool>-cpu...`. Judged by the longest fixed band, so a pool that later widens to it is not refused then.
 */
export function bandNameIssues(pool: string, at: string): ConfigIssue[] {
  const longest = pool.length + KARPENTER_BAND_SUFFIX_MAX;
  if (longest <= LABEL_VALUE_MAX) return [];
  return [{ path: `${at}.name`, message: `is ${pool.length} characters; a karpenter pool's NodePools and EC2NodeClasses are named <pool>-cpu<band> (up to ${KARPENTER_BAND_SUFFIX_MAX} more, as in "${pool}-cpu16-30": ${longest}), and Karpenter labels its nodes karpenter.sh/nodepool and karpenter.k8s.aws/ec2nodeclass with those names, label values of at most ${LABEL_VALUE_MAX} characters (the API server refuses a longer one): use at most ${LABEL_VALUE_MAX - KARPENTER_BAND_SUFFIX_MAX} characters` }];
}

/** The pool's bands: `types` (the matched types) grouped by the fixed vCPU bands, empty ones dropped, named by the fixed band. */
export function splitCpuBands(pool: string, types: readonly string[], cpu: IntRange | undefined): CpuBand[] {
  return KARPENTER_CPU_BAND_STARTS.map((start, i): CpuBand => ({
    name: `${pool}${bandSuffix(i)}`, cpu: clip(start, bandEnd(i), cpu),
    instanceTypes: types.filter((t) => bandOf(lookupInstanceType(t)?.vcpus ?? 1) === i),
  })).filter((b) => b.instanceTypes.length > 0);
}

const MiB = 2 ** 20;

/** A CPU quantity in whole cores when it is one, else in millicores. */
const cpuText = (millicores: number): string => (millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`);
/** A memory quantity in Gi when it is whole, else in Mi. */
const memoryText = (mib: number): string => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);

/**
 * The pool's `limits` shared among `n` NodePools (Karpenter's limits are per NodePool, so the same limits on each would
 * multiply the pool's bound by `n`): each gets an equal share rounded down, so their sum never exceeds the pool's.
 * One NodePool keeps the limits as written. Undefined for a quantity that does not parse (validation reports it).
 */
export function shareLimits(limits: KarpenterLimits, n: number): KarpenterLimits | undefined {
  if (n <= 1) return limits;
  const cpu = parseCpuMillicores(String(limits.cpu));
  const memory = limits.memory === undefined ? undefined : parseMemoryBytes(limits.memory);
  if (cpu === undefined || (limits.memory !== undefined && memory === undefined)) return undefined;
  return {
    cpu: cpuText(Math.floor(cpu / n)),
    ...(memory !== undefined ? { memory: memoryText(Math.floor(memory / n / MiB)) } : {}),
  };
}

/** NodePool `spec.weight` of band `i` of `n` (ascending vCPUs): the smallest band first; none for a pool of one band. */
export const bandWeight = (i: number, n: number): number | undefined => (n <= 1 ? undefined : n - i);
