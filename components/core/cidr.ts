/** IPv4 CIDR arithmetic: parse, format, split. Pure; used by validation and subnet planning. */

/** A parsed IPv4 CIDR block. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits zero). */
  readonly base: number;
  /** Prefix length, 0..32. */
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; `undefined` when it is not an IPv4 CIDR or has host bits set. */
export function parseCidr(text: string): Cidr | undefined {
  const m = CIDR_RE.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const addr = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  if (addr % size !== 0) return undefined;
  return { base: addr, prefix };
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
