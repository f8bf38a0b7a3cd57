/** IPv4 CIDR arithmetic: parse, format, split. Pure; used by validation and subnet planning. */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits zero). */
  readonly base: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
/** Canonical spelling: no leading zeros in an octet or the prefix (EC2 and EKS echo back this form). */
const CANONICAL_NUMBER = /^(0|[1-9]\d*)$/;

/** A CIDR as written: the parsed block, or what is wrong with the text (and the canonical form when there is one). */
export type CidrCheck = { readonly cidr: Cidr } | { readonly problem: string };

/**
 * Checks `text` as the APIs receive it: exactly `a.b.c.d/n`, canonical (no spaces, no leading zeros), no host bits.
 * Never trims: the value sent is the value checked.
 */
export function checkCidr(text: string): CidrCheck {
  const m = CIDR_RE.exec(text.trim());
  if (!m) return { problem: `must be an IPv4 CIDR block like 10.40.0.0/16, got ${JSON.stringify(text)}` };
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return { problem: `must be an IPv4 CIDR block (octets 0-255, prefix 0-32), got ${JSON.stringify(text)}` };
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const canonical = formatCidr({ base: addr - (addr % size), prefix });
  if (addr % size !== 0) return { problem: `has host bits set: ${JSON.stringify(text)} is not a network address; did you mean ${canonical}?` };
  if (text !== text.trim() || !m.slice(1).every((n) => CANONICAL_NUMBER.test(n))) {
    return { problem: `must be written canonically (no spaces, no leading zeros): ${canonical}, got ${JSON.stringify(text)}` };
  }
  return { cidr: { base: addr, prefix } };
}

/** Parses a canonical `a.b.c.d/n`; `undefined` when it is not one (see {@link checkCidr} for why). */
export function parseCidr(text: string): Cidr | undefined {
  const c = checkCidr(text);
  return "cidr" in c ? c.cidr : undefined;
}

/** Formats a {@link Cidr} back to `a.b.c.d/n`. */
export function formatCidr(c: Cidr): string {
  const o = [24, 16, 8, 0].map((s) => Math.floor(c.base / 2 ** s) % 256);
  return `${o.join(".")}/${c.prefix}`;
}

/** The `index`-th block of length `prefix` inside `parent`; `undefined` when it does not fit. */
export function subnetOf(parent: Cidr, prefix: number, index: number): Cidr | undefined {
  if (prefix < parent.prefix || prefix > 32) return undefined;
  const count = 2 ** (prefix - parent.prefix);
  if (index < 0 || index >= count) return undefined;
  return { base: parent.base + index * 2 ** (32 - prefix), prefix };
}

/** True when the address range of `c` is all 0.0.0.0/0, i.e. open to the whole internet. */
export const isWholeInternet = (c: Cidr): boolean => c.prefix === 0;

/** True when `inner` lies wholly inside `outer`. */
export const cidrContains = (outer: Cidr, inner: Cidr): boolean =>
  inner.prefix >= outer.prefix && Math.floor(inner.base / 2 ** (32 - outer.prefix)) === outer.base / 2 ** (32 - outer.prefix);

/** True when two blocks share any address. */
export const cidrsOverlap = (a: Cidr, b: Cidr): boolean => cidrContains(a, b) || cidrContains(b, a);

/** True when the blocks together cover every IPv4 address (e.g. 0.0.0.0/1 + 128.0.0.0/1), however they are split. */
export function coversWholeInternet(blocks: readonly Cidr[]): boolean {
  const ranges = blocks.map((c) => [c.base, c.base + 2 ** (32 - c.prefix)] as const).sort((a, b) => a[0] - b[0]);
  let reach = 0;
  for (const [start, end] of ranges) {
    if (start > reach) return false;
    reach = Math.max(reach, end);
  }
  return reach >= 2 ** 32;
}
