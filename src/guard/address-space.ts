import { memoizeBounded } from './memo';
/**
 * IPv4 and IPv6 addresses in one ordered space, so that every prefix of a topology is an interval and the guard can
 * split the space into the classes the prefixes induce (docs/guard-semantics.md §1). IPv4 address a is the integer a;
 * IPv6 address b is 2^32 + b. A prefix never straddles the two families.
 */

export type Family = 4 | 6;

/** A parsed prefix: its interval in the combined space, family and length. */
export interface Prefix {
  readonly family: Family;
  readonly lo: bigint;
  readonly hi: bigint;
  readonly length: number;
}

const V6_BASE = 2n ** 32n;
const V4_END = V6_BASE - 1n;
const V6_END = V6_BASE + 2n ** 128n - 1n;

/** The whole IPv4 space, and the whole IPv6 space. */
export const ALL_V4: Prefix = { family: 4, lo: 0n, hi: V4_END, length: 0 };
export const ALL_V6: Prefix = { family: 6, lo: V6_BASE, hi: V6_END, length: 0 };

const parsed = memoizeBounded(20_000, (text): Prefix | undefined => (text.includes(':') ? parseV6(text.trim()) : parseV4(text.trim())));

/**
 * Parse `a.b.c.d/n` or an IPv6 prefix (`2001:db8::/56`). Host bits are cleared, as EC2 does for NACL entries and
 * routes. `undefined` for anything else (a token, a prefix-list id, text).
 */
export function parsePrefix(text: unknown): Prefix | undefined {
  return typeof text === 'string' ? parsed(text) : undefined;
}

/**
 * Whether a block overlaps any of `blocks`, where a block the guard cannot read (undefined), on either side, overlaps
 * every one. Answered by binary search over `blocks` merged into disjoint intervals of the combined space (the families
 * never overlap there): asked for every subnet of a prefecture against every member's declared hosts, the pairwise
 * test was quadratic in the members.
 */
export function overlapsAny(blocks: readonly (Prefix | undefined)[]): (block: Prefix | undefined) => boolean {
  if (blocks.length === 0) return () => false;
  if (blocks.some((b) => b === undefined)) return () => true;
  const sorted = [...blocks as readonly Prefix[]].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const los: bigint[] = [];
  const his: bigint[] = [];
  for (const b of sorted) {
    const last = his.length - 1;
    if (last >= 0 && b.lo <= his[last] + 1n) {
      if (b.hi > his[last]) his[last] = b.hi;
    } else {
      los.push(b.lo);
      his.push(b.hi);
    }
  }
  return (query) => {
    if (query === undefined) return true;
    // The last interval that starts at or before the block's end overlaps it if any does (the intervals are disjoint and sorted).
    let low = 0;
    let high = los.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = Math.floor((low + high) / 2);
      if (los[mid] <= query.hi) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found >= 0 && his[found] >= query.lo;
  };
}

function parseV4(text: string): Prefix | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  // Octet by octet, not `m.slice(1, 5).map(Number)`: an optimized map returned a holey array of doubles, and the
  // `some` after it deoptimized on it.
  const length = Number(m[5]);
  if (length > 32) return undefined;
  let address = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    address = address * 256n + BigInt(octet);
  }
  return block(4, address, length);
}

function parseV6(text: string): Prefix | undefined {
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const length = Number(m[2]);
  if (length > 128) return undefined;
  const halves = m[1].split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const address = all.reduce((acc, g) => acc * 65536n + BigInt(parseInt(g, 16)), 0n);
  return block(6, address, length);
}

function block(family: Family, address: bigint, length: number): Prefix {
  const bits = family === 4 ? 32 : 128;
  const size = 2n ** BigInt(bits - length);
  const network = address - (address % size);
  const base = family === 4 ? 0n : V6_BASE;
  return { family, lo: base + network, hi: base + network + size - 1n, length };
}

/** The prefix of a family at an offset from that family's first address (for symbolic blocks). */
export function prefixAt(family: Family, network: bigint, length: number): Prefix {
  return block(family, network, length);
}

/** `a.b.c.d` / compressed IPv6 text of an address of the combined space. */
export function formatAddress(value: bigint): string {
  // Written out and pushed, not mapped and joined: `map(...).join` deoptimized once the function was optimized (an
  // optimized map returns a holey array, the interpreter's a packed one).
  if (value < V6_BASE) return `${(value / 16777216n) % 256n}.${(value / 65536n) % 256n}.${(value / 256n) % 256n}.${value % 256n}`;
  const v = value - V6_BASE;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(Number((v / 2n ** BigInt(112 - i * 16)) % 65536n));
  // Compress the longest run of two or more zero groups (RFC 5952).
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    if (groups[i] !== 0) continue;
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { best = i; bestLength = j - i; }
    i = j;
  }
  const hex: string[] = [];
  for (const g of groups) hex.push(g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * The first block of `length` bits (aligned as a prefix) inside the interval [lo, hi] of the combined space, in text;
 * `undefined` if none fits. A run across the end of IPv4 is read family by family (as `intervalToPrefixes`).
 */
export function alignedBlockWithin(lo: bigint, hi: bigint, length: Record<Family, number>): string | undefined {
  if (lo < V6_BASE && hi >= V6_BASE) return alignedBlockWithin(lo, V6_BASE - 1n, length) ?? alignedBlockWithin(V6_BASE, hi, length);
  const family: Family = lo < V6_BASE ? 4 : 6;
  const base = family === 4 ? 0n : V6_BASE;
  const size = 2n ** BigInt((family === 4 ? 32 : 128) - length[family]);
  const start = ((lo - base + size - 1n) / size) * size;
  return start + size - 1n <= hi - base ? `${formatAddress(base + start)}/${length[family]}` : undefined;
}

/** The interval [lo, hi] (within one family) as the fewest prefixes that cover it exactly, in text. */
export function intervalToPrefixes(lo: bigint, hi: bigint): string[] {
  // Merged ranges of the combined space can run from the end of IPv4 (224.0.0.0/3) into the start of IPv6 (::/3):
  // each family is cut on its own, or the IPv4 loop below would walk the IPv6 space 2^32 addresses at a time.
  if (lo < V6_BASE && hi >= V6_BASE) return [...intervalToPrefixes(lo, V6_BASE - 1n), ...intervalToPrefixes(V6_BASE, hi)];
  const family: Family = lo < V6_BASE ? 4 : 6;
  const base = family === 4 ? 0n : V6_BASE;
  const bits = family === 4 ? 32 : 128;
  const out: string[] = [];
  let a = lo - base;
  const end = hi - base;
  while (a <= end) {
    let size = 1n;
    let length = bits;
    // The largest aligned block starting at a that stays inside [a, end].
    while (length > 0 && a % (size * 2n) === 0n && a + size * 2n - 1n <= end) {
      size *= 2n;
      length--;
    }
    out.push(`${formatAddress(base + a)}/${length}`);
    a += size;
  }
  return out;
}

/** Whether the prefixes `parts` together hold every address of `whole` (a VPC's block and its subnets' blocks). */
export function coveredBy(whole: Prefix, parts: readonly Prefix[]): boolean {
  let next = whole.lo;
  for (const p of [...parts].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))) {
    if (p.hi < next) continue;
    if (p.lo > next) return false;
    next = p.hi + 1n;
    if (next > whole.hi) return true;
  }
  return next > whole.hi;
}

/** The family of an address of the combined space. */
export function familyOf(value: bigint): Family {
  return value < V6_BASE ? 4 : 6;
}

/**
 * Address ranges that are never the internet (docs/guard-semantics.md §9): RFC 1918, CGNAT (RFC 6598), loopback,
 * link-local, "this network", multicast and reserved. IPv6: everything outside global unicast 2000::/3.
 */
const NOT_INTERNET_V4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '224.0.0.0/3']
  .map((c) => parsePrefix(c)!);
export const GLOBAL_UNICAST_V6 = parsePrefix('2000::/3')!;

/** The boundaries that make every address class either all internet or all not (added to every atom table). */
export const INTERNET_BOUNDARIES: readonly Prefix[] = [...NOT_INTERNET_V4, GLOBAL_UNICAST_V6];

/** Whether an address of the combined space is an internet address. */
export function isInternet(value: bigint): boolean {
  if (value >= V6_BASE) return value >= GLOBAL_UNICAST_V6.lo && value <= GLOBAL_UNICAST_V6.hi;
  return !NOT_INTERNET_V4.some((p) => value >= p.lo && value <= p.hi);
}

/**
 * The classes of addresses that a set of prefixes induces: atom i is the interval [start(i), start(i + 1) - 1]; every
 * prefix given is a contiguous run of atoms, and two addresses of one atom are inside exactly the same prefixes.
 */
export class AtomTable {
  private readonly starts: bigint[];
  private readonly index = new Map<bigint, number>();

  constructor(prefixes: Iterable<Prefix>) {
    const bounds = new Set<bigint>([0n, V6_BASE]);
    for (const p of [...prefixes, ...INTERNET_BOUNDARIES]) {
      bounds.add(p.lo);
      if (p.hi < V6_END) bounds.add(p.hi + 1n);
    }
    this.starts = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.starts.forEach((s, i) => this.index.set(s, i));
  }

  /** Number of atoms. */
  public get size(): number {
    return this.starts.length;
  }

  /** The atoms of a prefix that was given to the constructor (or of any union of atoms), as [first, last]. */
  public range(p: Prefix): [number, number] {
    const first = this.index.get(p.lo);
    const after = p.hi === V6_END ? this.starts.length : this.index.get(p.hi + 1n);
    if (first === undefined || after === undefined) throw new Error(`internal: prefix ${formatAddress(p.lo)} is not a union of atoms`);
    return [first, after - 1];
  }

  /** The atoms of a family. */
  public family(f: Family): [number, number] {
    return this.range(f === 4 ? ALL_V4 : ALL_V6);
  }

  /** First address of an atom. */
  public lo(atom: number): bigint {
    return this.starts[atom];
  }

  /** Last address of an atom. */
  public hi(atom: number): bigint {
    return atom + 1 < this.starts.length ? this.starts[atom + 1] - 1n : V6_END;
  }

  /** Whether every address of the atom is an internet address (atoms never straddle the boundary). */
  public internet(atom: number): boolean {
    return isInternet(this.starts[atom]);
  }
}
