/**
 * A karpenter pool split into NodePools by vCPUs, so that each NodePool's `spec.kubelet.maxPods` (the smallest of our
 * formula over its types) fits the sizes it launches, and the pool's `limits` shared among them. Pure.
 *
 * The bands are fixed, at the steps of the max pods formula: 1-3 vCPUs (`large`: 2 or 3 ENIs), 4-15 (`xlarge`,
 * `2xlarge`), 16-30 (up to the 110 cap), 31 and more (the 250 cap). Bands the pool's types leave empty are dropped, and
 * neighbours whose maxPods agree are merged (with prefix delegation every type up to 30 vCPUs reaches the cap of 110),
 * so a pool has at most four NodePools, and a pool whose types all get one value keeps one, named as the pool.
 */
import { lookupInstanceType } from "../facts";
import { parseCpuMillicores, parseMemoryBytes } from "../kubelet";
import type { IntRange, KarpenterLimits } from "./karpenter-args";

/** Lower bounds (vCPUs) of the fixed bands; each band runs up to the next bound minus one, the last one is open. */
export const KARPENTER_CPU_BAND_STARTS = [1, 4, 16, 31] as const;

/** One NodePool of a karpenter pool. */
export interface CpuBand {
  /** The NodePool's and EC2NodeClass's name: the pool's when it has one band, else `<pool>-cpu<min>-<max>` / `<pool>-cpu<min>-up`. */
  readonly name: string;
  /** The band's vCPUs within the pool's `instanceRequirements.cpu` (the pool's own range when it has one band). */
  readonly cpu?: IntRange;
  /** The matched types in the band, in table order. */
  readonly instanceTypes: readonly string[];
}

const bandOf = (vcpus: number): number => KARPENTER_CPU_BAND_STARTS.filter((s) => vcpus >= s).length - 1;

/** The band's range clipped to the pool's: [start, next start - 1] within `pool`. */
function clip(start: number, next: number | undefined, pool: IntRange | undefined): IntRange {
  const min = Math.max(start, pool?.min ?? start);
  const upper = next === undefined ? undefined : next - 1;
  const max = pool?.max === undefined ? upper : upper === undefined ? pool.max : Math.min(upper, pool.max);
  return { min, ...(max !== undefined ? { max } : {}) };
}

const bandName = (pool: string, r: IntRange): string => `${pool}-cpu${r.min ?? 1}-${r.max ?? "up"}`;

/**
 * The pool's bands: `types` (the matched types) grouped by the fixed vCPU bands, neighbours merged while `maxPodsOf`
 * (the pool's maxPods over some types) agrees. One band carries the pool's name and its `cpu` range as written.
 */
export function splitCpuBands(pool: string, types: readonly string[], cpu: IntRange | undefined, maxPodsOf: (types: readonly string[]) => number | undefined): CpuBand[] {
  const groups = KARPENTER_CPU_BAND_STARTS.map((start, i) => ({
    start, next: i + 1 < KARPENTER_CPU_BAND_STARTS.length ? KARPENTER_CPU_BAND_STARTS[i + 1] : undefined,
    instanceTypes: types.filter((t) => bandOf(lookupInstanceType(t)?.vcpus ?? 1) === i),
  })).filter((g) => g.instanceTypes.length > 0);
  const merged: { start: number; next: number | undefined; instanceTypes: string[]; maxPods: number | undefined }[] = [];
  for (const g of groups) {
    const maxPods = maxPodsOf(g.instanceTypes);
    const last = merged[merged.length - 1];
    if (last !== undefined && last.maxPods === maxPods) Object.assign(last, { next: g.next, instanceTypes: [...last.instanceTypes, ...g.instanceTypes] });
    else merged.push({ ...g, instanceTypes: [...g.instanceTypes], maxPods });
  }
  if (merged.length <= 1) return [{ name: pool, ...(cpu !== undefined ? { cpu } : {}), instanceTypes: [...types] }];
  return merged.map((g) => {
    const r = clip(g.start, g.next, cpu);
    return { name: bandName(pool, r), cpu: r, instanceTypes: g.instanceTypes };
  });
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
