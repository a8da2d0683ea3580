/* eslint-disable no-bitwise -- a box's protocols are a bit set: one bit per protocol the topology names. */
/**
 * Sets of packet headers as unions of boxes over four dimensions: destination address class, source address class
 * (both atoms of an `AtomTable`), protocol (a bit mask over the protocols of the topology) and destination port.
 * Routes cut the destination dimension, NACL entries cut all four (docs/guard-semantics.md §1, §6). Sets are exact:
 * nothing is sampled.
 */
import { AtomTable, parsePrefix } from './address-space';
import { NetworkAclEntry } from './graph';

/**
 * One box: destination atoms [d0, d1], source atoms [s0, s1], protocols `p` and destination ports [q0, q1]. A box holds
 * either only TCP/UDP (ports meaningful) or only other protocols (ports always 0–65535), never both.
 */
export interface Box {
  readonly d0: number;
  readonly d1: number;
  readonly s0: number;
  readonly s1: number;
  readonly p: number;
  readonly q0: number;
  readonly q1: number;
}

export type HeaderSet = readonly Box[];

/**
 * A box, made in one place and never by a spread copy (`{ ...b, d1 }`): every box has the same fields in the same order,
 * and a cut allocates only the boxes it keeps (`subtract` built a copy per dimension before).
 */
export function makeBox(d0: number, d1: number, s0: number, s1: number, p: number, q0: number, q1: number): Box {
  return { d0, d1, s0, s1, p, q0, q1 };
}

export const MAX_PORT = 65535;

/**
 * The protocols a topology distinguishes: TCP, UDP, ICMP and ICMPv6, every other number a NACL names, and "any other
 * protocol". Each is one bit of a box's mask.
 */
export class ProtocolTable {
  public static readonly TCP = 1;
  public static readonly UDP = 2;
  /** The protocols that have ports. */
  public static readonly PORTED = ProtocolTable.TCP | ProtocolTable.UDP;

  private readonly bits = new Map<number, number>([[6, 1], [17, 2], [1, 4], [58, 8]]);
  /** The bit of every protocol the topology does not name. */
  public readonly other: number;
  /** Every protocol. */
  public readonly all: number;

  constructor(numbers: Iterable<number>) {
    let next = 16;
    for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
      // 30 bits keep the mask a small integer; a topology naming more protocols folds the rest into "other".
      if (!this.bits.has(n) && next < 1 << 29) {
        this.bits.set(n, next);
        next *= 2;
      }
    }
    this.other = next;
    this.all = next * 2 - 1;
  }

  /** The mask of a normalised protocol (`tcp`, `udp`, `icmp`, `-1` or a number); undefined when it cannot be told. */
  public mask(protocol: string): number | undefined {
    if (protocol === '-1') return this.all;
    const n = protocol === 'tcp' ? 6 : protocol === 'udp' ? 17 : protocol === 'icmp' ? 1 : /^\d+$/.test(protocol) ? Number(protocol) : undefined;
    if (n === undefined || n > 255) return undefined;
    return this.bits.get(n) ?? this.other;
  }

  /** Readable names of a mask, for messages. */
  public names(mask: number): string[] {
    if (mask === this.all) return ['all protocols'];
    const out: string[] = [];
    for (const [n, bit] of [...this.bits].sort(([a], [b]) => a - b)) {
      if (mask & bit) out.push(n === 6 ? 'tcp' : n === 17 ? 'udp' : n === 1 ? 'icmp' : n === 58 ? 'icmpv6' : `protocol ${n}`);
    }
    if (mask & this.other) out.push('other protocols');
    return out;
  }
}

/** Every header of the given destination and source atoms: all protocols, all ports. */
export function everything(protocols: ProtocolTable, d: [number, number], s: [number, number]): Box[] {
  return [
    makeBox(d[0], d[1], s[0], s[1], ProtocolTable.PORTED, 0, MAX_PORT),
    makeBox(d[0], d[1], s[0], s[1], protocols.all & ~ProtocolTable.PORTED, 0, MAX_PORT),
  ];
}

export function intersect(a: Box, b: Box): Box | undefined {
  const p = a.p & b.p;
  if (p === 0) return undefined;
  const d0 = Math.max(a.d0, b.d0);
  const d1 = Math.min(a.d1, b.d1);
  if (d0 > d1) return undefined;
  const s0 = Math.max(a.s0, b.s0);
  const s1 = Math.min(a.s1, b.s1);
  if (s0 > s1) return undefined;
  const q0 = Math.max(a.q0, b.q0);
  const q1 = Math.min(a.q1, b.q1);
  if (q0 > q1) return undefined;
  return makeBox(d0, d1, s0, s1, p, q0, q1);
}

/** Whether two boxes share a header (`intersect` without building the box). */
export function overlaps(a: Box, b: Box): boolean {
  return (a.p & b.p) !== 0 && a.d0 <= b.d1 && b.d0 <= a.d1 && a.s0 <= b.s1 && b.s0 <= a.s1 && a.q0 <= b.q1 && b.q0 <= a.q1;
}

/** a minus b, as disjoint boxes. */
export function subtract(a: Box, b: Box): Box[] {
  if (!overlaps(a, b)) return [a];
  const out: Box[] = [];
  if (a.p & ~b.p) out.push(makeBox(a.d0, a.d1, a.s0, a.s1, a.p & ~b.p, a.q0, a.q1));
  // What is left of a after each cut, dimension by dimension: [d0, d1] × [s0, s1] × [q0, q1] with b's protocols.
  const p = a.p & b.p;
  let { d0, d1, s0, s1, q0, q1 } = a;
  if (d0 < b.d0) { out.push(makeBox(d0, b.d0 - 1, s0, s1, p, q0, q1)); d0 = b.d0; }
  if (d1 > b.d1) { out.push(makeBox(b.d1 + 1, d1, s0, s1, p, q0, q1)); d1 = b.d1; }
  if (s0 < b.s0) { out.push(makeBox(d0, d1, s0, b.s0 - 1, p, q0, q1)); s0 = b.s0; }
  if (s1 > b.s1) { out.push(makeBox(d0, d1, b.s1 + 1, s1, p, q0, q1)); s1 = b.s1; }
  if (q0 < b.q0) { out.push(makeBox(d0, d1, s0, s1, p, q0, b.q0 - 1)); q0 = b.q0; }
  if (q1 > b.q1) out.push(makeBox(d0, d1, s0, s1, p, b.q1 + 1, q1));
  return out;
}

/** The part of a set whose destinations are in [d0, d1]. */
export function withDestinations(set: HeaderSet, d0: number, d1: number): Box[] {
  const out: Box[] = [];
  pushWithDestinations(out, set, d0, d1);
  return out;
}

/**
 * The parts of a set whose destinations are in each of the ranges, in one list (`ranges.flatMap((r) =>
 * withDestinations(set, ...r))` without flatMap: V8 builds flatMap's result, and an optimized `map`'s, as a holey array,
 * a second array shape that sites expecting packed arrays deoptimize on; a list pushed to stays packed).
 */
export function withinRanges(set: HeaderSet, ranges: readonly (readonly [number, number])[]): Box[] {
  const out: Box[] = [];
  for (const r of ranges) pushWithDestinations(out, set, r[0], r[1]);
  return out;
}

/** Append every element of `xs` to `out` (a loop: `out.push(...xs)` is bounded by the engine's argument count). */
export function appendAll<T>(out: T[], xs: readonly T[]): void {
  for (let i = 0; i < xs.length; i++) out.push(xs[i]);
}

function pushWithDestinations(out: Box[], set: HeaderSet, d0: number, d1: number): void {
  for (const b of set) {
    const lo = Math.max(b.d0, d0);
    const hi = Math.min(b.d1, d1);
    if (lo <= hi) out.push(lo === b.d0 && hi === b.d1 ? b : makeBox(lo, hi, b.s0, b.s1, b.p, b.q0, b.q1));
  }
}

/**
 * The boxes of a set cut by sorted, disjoint destination ranges: one list per range (a route table's runs, the subnets of
 * a VPC). Each box is placed by binary search, so the cost is boxes × (log ranges + ranges it spans), not boxes × ranges.
 */
export function bucketByDestination(set: HeaderSet, ranges: readonly (readonly [number, number])[]): Box[][] {
  // Pushed, not `ranges.map(() => [])`: an optimized `map` returns a holey array (see `withinRanges`).
  const out: Box[][] = [];
  for (let i = 0; i < ranges.length; i++) out.push([]);
  for (const b of set) {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ranges[mid][1] < b.d0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ranges.length && ranges[i][0] <= b.d1; i++) {
      const d0 = Math.max(b.d0, ranges[i][0]);
      const d1 = Math.min(b.d1, ranges[i][1]);
      out[i].push(d0 === b.d0 && d1 === b.d1 ? b : makeBox(d0, d1, b.s0, b.s1, b.p, b.q0, b.q1));
    }
  }
  return out;
}

/** The set with every source replaced by [s0, s1] (a NAT gateway's address). */
export function withSources(set: HeaderSet, s0: number, s1: number): Box[] {
  const out: Box[] = [];
  pushWithSources(out, set, s0, s1);
  return out;
}

/** The set with every source replaced by each of the ranges in turn, in one list (packed: see `withinRanges`). */
export function withSourcesIn(set: HeaderSet, ranges: readonly (readonly [number, number])[]): Box[] {
  const out: Box[] = [];
  for (const r of ranges) pushWithSources(out, set, r[0], r[1]);
  return out;
}

function pushWithSources(out: Box[], set: HeaderSet, s0: number, s1: number): void {
  for (const b of set) out.push(makeBox(b.d0, b.d1, s0, s1, b.p, b.q0, b.q1));
}

const KEYS = new WeakMap<HeaderSet, string>();

/** A box's bounds as text (set keys, duplicate tests). */
export function boxText(b: Box): string {
  return `${b.d0},${b.d1},${b.s0},${b.s1},${b.p},${b.q0},${b.q1}`;
}

/** A stable text of a set, for memoisation (remembered per set). */
export function keyOf(set: HeaderSet): string {
  let key = KEYS.get(set);
  if (key === undefined) {
    // Pushed, not mapped: the sort below would deoptimize on the holey array an optimized `map` returns (`withinRanges`).
    const texts: string[] = [];
    for (const b of set) texts.push(boxText(b));
    key = texts.sort().join(';');
    KEYS.set(set, key);
  }
  return key;
}

/** One NACL entry as boxes, and whether it allows. */
export interface CompiledEntry {
  readonly allow: boolean;
  readonly boxes: Box[];
}

/**
 * A NACL's entries of one direction, in rule-number order, as boxes. Outbound entries match the destination, inbound
 * ones the source (docs/guard-semantics.md §6). What cannot be read is over-approximated: an `allow` matches more, a
 * `deny` matches nothing.
 */
export function compileNacl(entries: readonly NetworkAclEntry[], egress: boolean, atoms: AtomTable, protocols: ProtocolTable): CompiledEntry[] {
  const all: [number, number] = [0, atoms.size - 1];
  return entries.filter((e) => e.egress === egress).slice().sort((a, b) => a.ruleNumber - b.ruleNumber).flatMap((e): CompiledEntry[] => {
    const allow = e.action === 'allow';
    const prefix = parsePrefix(e.cidr);
    if (!prefix && !allow) return [];
    const addresses = prefix ? atoms.range(prefix) : all;
    let mask = protocols.mask(e.protocol);
    if (mask === undefined || (e.icmpSpecific && (mask & ~ProtocolTable.PORTED))) {
      // An unreadable protocol, or one ICMP type/code: allow reads as more, deny as nothing.
      if (!allow) return [];
      mask = mask === undefined ? protocols.all : mask;
    }
    const ported = mask & ProtocolTable.PORTED;
    const unported = mask & ~ProtocolTable.PORTED;
    // Ports the guard cannot read: an allow holds for every port, a deny for none (AWS ignores ports of all protocols).
    const unknownPorts = e.portsUnknown === true && ported !== 0 && mask !== protocols.all;
    if (unknownPorts && !allow) return [];
    const [q0, q1] = ported && mask !== protocols.all && !unknownPorts ? [e.fromPort ?? 0, e.toPort ?? MAX_PORT] : [0, MAX_PORT];
    const box = (p: number, from: number, to: number): Box => (egress
      ? makeBox(addresses[0], addresses[1], all[0], all[1], p, from, to)
      : makeBox(all[0], all[1], addresses[0], addresses[1], p, from, to));
    const boxes: Box[] = [];
    if (ported) boxes.push(box(ported, Math.max(0, q0), Math.min(MAX_PORT, q1)));
    if (unported) boxes.push(box(unported, 0, MAX_PORT));
    return [{ allow, boxes }];
  });
}

/** The headers of `set` that a compiled NACL direction lets through: the first matching entry decides, no match denies. */
export function applyNacl(set: HeaderSet, entries: readonly CompiledEntry[]): Box[] {
  const allowed: Box[] = [];
  let rest: Box[] = [...set];
  for (const entry of entries) {
    if (rest.length === 0) break;
    const next: Box[] = [];
    for (const b of rest) {
      let remaining = [b];
      for (const r of entry.boxes) {
        const after: Box[] = [];
        for (const x of remaining) {
          const i = intersect(x, r);
          if (!i) { after.push(x); continue; }
          if (entry.allow) allowed.push(i);
          after.push(...subtract(x, r));
        }
        remaining = after;
      }
      next.push(...remaining);
    }
    rest = next;
  }
  return allowed;
}

/** Whether two protocol masks share a protocol. */
export function sharesProtocol(a: number, b: number): boolean {
  return (a & b) !== 0;
}

/** The single-protocol masks of a mask. */
export function protocolBits(mask: number): number[] {
  const out: number[] = [];
  for (let bit = 1; bit <= mask; bit *= 2) if (mask & bit) out.push(bit);
  return out;
}
