/* eslint-disable no-bitwise -- addresses and prefixes are bit strings (bigint shifts and masks). */
/**
 * Address arithmetic for the oracle: literal IPv4 / IPv6 prefixes as closed bigint ranges. Self-contained on purpose
 * (the oracle must not share code with the guard it checks).
 */

export type Family = 4 | 6;

/** A literal prefix as the closed range [lo, hi] of its family. */
export interface Prefix {
  readonly family: Family;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly len: number;
}

export const BITS: Record<Family, number> = { 4: 32, 6: 128 };
export const SPACE_END: Record<Family, bigint> = { 4: 1n << 32n, 6: 1n << 128n };

export function familyOf(cidr: string): Family {
  return cidr.includes(':') ? 6 : 4;
}

function parseIpv4(text: string): bigint {
  const parts = text.split('.');
  if (parts.length !== 4) throw new Error(`bad IPv4 address ${text}`);
  let v = 0n;
  for (const p of parts) {
    const n = Number(p);
    if (!/^\d+$/.test(p) || n > 255) throw new Error(`bad IPv4 address ${text}`);
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(text: string): bigint {
  const halves = text.split('::');
  if (halves.length > 2) throw new Error(`bad IPv6 address ${text}`);
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) throw new Error(`bad IPv6 address ${text}`);
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw new Error(`bad IPv6 address ${text}`);
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

/** Parse a literal CIDR; the host bits must be zero (AWS refuses the others). */
export function parsePrefix(cidr: string): Prefix {
  const [addr, lenText] = cidr.split('/');
  const family = familyOf(cidr);
  const bits = BITS[family];
  const len = Number(lenText);
  if (!/^\d+$/.test(lenText ?? '') || len > bits) throw new Error(`bad prefix ${cidr}`);
  const lo = family === 4 ? parseIpv4(addr) : parseIpv6(addr);
  const size = 1n << BigInt(bits - len);
  if (lo % size !== 0n) throw new Error(`prefix ${cidr} has host bits set`);
  return { family, lo, hi: lo + size - 1n, len };
}

const cache = new Map<string, Prefix>();

/** parsePrefix, memoised (the generator reuses a small set of literals). */
export function prefix(cidr: string): Prefix {
  let p = cache.get(cidr);
  if (!p) {
    p = parsePrefix(cidr);
    cache.set(cidr, p);
  }
  return p;
}

export function contains(p: Prefix, addr: bigint): boolean {
  return p.lo <= addr && addr <= p.hi;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  return a.family === b.family && a.lo <= b.hi && b.lo <= a.hi;
}

export function formatAddress(family: Family, v: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  }
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((v >> s) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952 style, good enough for reading).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

export function formatPrefix(family: Family, lo: bigint, len: number): string {
  return `${formatAddress(family, lo)}/${len}`;
}

/**
 * §9: the internet is IPv4 outside these ranges, and IPv6 inside 2000::/3.
 */
export const NON_INTERNET_V4 = [
  '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '224.0.0.0/3',
];
export const INTERNET_V6 = '2000::/3';

export function isInternetAddress(family: Family, addr: bigint): boolean {
  if (family === 6) return contains(prefix(INTERNET_V6), addr);
  return !NON_INTERNET_V4.some((c) => contains(prefix(c), addr));
}
