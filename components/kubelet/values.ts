/**
 * The kubelet's value syntaxes: Go durations (`time.ParseDuration`, what metav1.Duration reads), Kubernetes resource
 * quantities (`resource.Quantity`) and eviction thresholds (a quantity or a percentage). Pure.
 */

const GO_DURATION = /^[-+]?(?:0|(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const GO_DURATION_PART = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;
const NS_PER_UNIT: Readonly<Record<string, number>> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };

/** Parses a Go `time.ParseDuration` string ("1m30s", "500ms", "0") to nanoseconds; undefined if invalid. */
export function parseGoDuration(s: string): number | undefined {
  if (!GO_DURATION.test(s)) return undefined;
  let ns = 0;
  for (const m of s.matchAll(GO_DURATION_PART)) ns += Number(m[1]) * NS_PER_UNIT[m[2]];
  return s.startsWith("-") ? -ns : ns;
}

const QUANTITY = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;
/** True for a Kubernetes resource quantity such as `100m`, `10Mi`, `1.5Gi`, `129e6`. */
export const isQuantity = (s: string): boolean => QUANTITY.test(s);

const QUANTITY_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)/;
/** The sign of a quantity (`-5Mi` → -1, `0` and `-0` → 0, `10Mi` → 1), or undefined for text that is not a quantity. */
export function quantitySign(s: string): -1 | 0 | 1 | undefined {
  if (!isQuantity(s)) return undefined;
  const n = Number(QUANTITY_NUMBER.exec(s)?.[0]);
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

const PERCENT = /^(?:\d+\.?\d*|\.\d+)%$/;
/** True for an eviction threshold: a quantity or a percentage from 0% to 100%. */
export const isThreshold = (s: string): boolean => isQuantity(s) || (PERCENT.test(s) && parseFloat(s) <= 100);
