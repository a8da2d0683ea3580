/**
 * What a change to a network opens and closes (`jichitai-network diff`, issue 14), for pull-request review: the exact
 * reachability (every address, every hop: `Reachability`) between the segments, the external zones and the declared
 * hosts, before and after, compared in engine-neutral terms — segment or zone labels, address blocks, protocols and
 * ports; never a logical ID or Terraform address — so that the CloudFormation and the Terraform render of one blueprint
 * diff to nothing (docs/guard-semantics.md §12).
 */
import { ALL_V4, ALL_V6, formatAddress, GLOBAL_UNICAST_V6, intervalToPrefixes, isInternet, parsePrefix } from './address-space';
import { DeclaredHost } from './declared';
import { TopologyGraph } from './graph';
import { Box, HeaderSet, intersect, makeBox, MAX_PORT, ProtocolTable, subtract } from './header-set';
import { Arrival, Reachability } from './reachability';
import { byCodePoint } from '../model/order';

/** The zones packets can come from that are not subnets of the network (a VPN's `jichitai:zone`, semantics §5). */
export const SOURCE_ZONES: readonly string[] = ['LGWAN_WAN', 'SECURITY_CLOUD'];

/** What `diffReachability` compares besides the two graphs. */
export interface DiffOptions {
  /**
   * The declared hosts (blueprint `hosts`): their blocks are named in the entries (`10.0.65.10/32 (finance-system)`).
   * @default - none
   */
  readonly hosts?: readonly DeclaredHost[];
  /**
   * The external zones traffic is followed from into the network (`Reachability.probeFromZone`).
   * @default SOURCE_ZONES (LGWAN_WAN, SECURITY_CLOUD)
   */
  readonly zones?: readonly string[];
}

/** One opened or closed piece of reachability, in engine-neutral terms. */
export interface ReachabilityChange {
  readonly change: 'opens' | 'closes';
  /** The source's segment (`MY_NUMBER`, `LGWAN`, `INTERNET`, `UNLABELLED`) or zone (`LGWAN_WAN`, `SECURITY_CLOUD`). */
  readonly from: string;
  /** The source addresses (as the destination sees them: after a NAT gateway, the NAT's subnet), as prefixes. */
  readonly fromBlocks: readonly string[];
  /**
   * Where it ends: a segment, a zone, `internet`, `internet (through a firewall)`, or `UNKNOWN` (a path the guard cannot
   * follow, which the rules count as reaching everywhere).
   */
  readonly to: string;
  readonly toBlocks: readonly string[];
  /** Protocols and ports: `all protocols`, `tcp/443`, `tcp/25,443 udp/53`, `icmp`, `protocols 0-5`... */
  readonly services: string;
}

/** `opens MY_NUMBER 10.0.0.0/20 → LGWAN 10.0.64.10/32 tcp/443` */
export function formatChange(c: ReachabilityChange): string {
  return `${c.change} ${c.from} ${c.fromBlocks.join(', ')} → ${c.to} ${c.toBlocks.join(', ')} ${c.services}`;
}

/**
 * What the change from `before` to `after` opens and closes, in a canonical minimal form (the same network diffs to
 * nothing, whatever engine rendered it; two renders of one change give the same entries): for each pair of source and
 * destination label, the headers of one side and not the other, cut into maximal runs of source and destination
 * addresses that allow the same protocols and ports.
 */
export function diffReachability(before: TopologyGraph, after: TopologyGraph, options: DiffOptions = {}): ReachabilityChange[] {
  const a = facts(before, options);
  const b = facts(after, options);
  const joint = new JointSpace([...a.boxes.values(), ...b.boxes.values()].flat(), [...a.named, ...b.named]);
  const out: ReachabilityChange[] = [];
  const keys = [...new Set([...a.boxes.keys(), ...b.boxes.keys()])].sort();
  for (const key of keys) {
    const x = joint.boxes(a.boxes.get(key) ?? []);
    const y = joint.boxes(b.boxes.get(key) ?? []);
    const [from, to] = key.split('\u0000');
    for (const [change, d] of [['opens', minus(y, x)], ['closes', minus(x, y)]] as const) {
      if (d.length > 0) out.push(...joint.canonical(d).map((e) => ({ change, from, to, ...withBlocks(e, options.hosts ?? []) })));
    }
  }
  return out.sort((p, q) => (p.change === q.change ? 0 : p.change === 'opens' ? -1 : 1) || 0);
}

/** The whole reachability of a network in the same terms (every entry an `opens` against an empty network). */
export function describeReachability(graph: TopologyGraph, options: DiffOptions = {}): ReachabilityChange[] {
  return diffReachability({ engine: graph.engine, nodes: new Map(), unresolved: [] }, graph, options);
}

/** A box in absolute terms: addresses of the combined space (address-space.ts), protocol numbers, ports. */
interface AbsoluteBox {
  readonly d0: bigint;
  readonly d1: bigint;
  readonly s0: bigint;
  readonly s1: bigint;
  /** Protocol numbers (0–255) the box holds. */
  readonly protocols: readonly number[];
  readonly q0: number;
  readonly q1: number;
}

/**
 * Every arrival of the network by "source label \0 destination label", in absolute terms, and the protocol numbers the
 * network's protocol table names (its boxes are unions of those and "every other number").
 */
function facts(graph: TopologyGraph, options: DiffOptions): { boxes: Map<string, AbsoluteBox[]>; named: number[] } {
  const hosts = options.hosts ?? [];
  const reach = new Reachability(graph, hosts.flatMap((h) => h.cidrs));
  const out = new Map<string, AbsoluteBox[]>();
  const { decode: protocolsOf, named } = protocolDecoder(reach.protocols);
  const add = (from: string, arrival: Arrival) => {
    const key = `${from}\u0000${endLabel(reach, arrival)}`;
    const list = out.get(key) ?? [];
    for (const b of arrival.headers) {
      list.push({
        d0: reach.atoms.lo(b.d0),
        d1: reach.atoms.hi(b.d1),
        s0: reach.atoms.lo(b.s0),
        s1: reach.atoms.hi(b.s1),
        protocols: protocolsOf(b.p),
        q0: b.q0,
        q1: b.q1,
      });
    }
    out.set(key, list);
  };
  for (const n of graph.nodes.values()) {
    if (n.type !== 'subnet') continue;
    const from = reach.segmentOf(n.id) ?? 'UNLABELLED';
    for (const arrival of reach.arrivals(n.id)) add(from, arrival);
  }
  for (const zone of options.zones ?? SOURCE_ZONES) {
    for (const arrival of reach.probeFromZone(zone, reach.everyHeader()).arrivals) add(zone, arrival);
  }
  return { boxes: out, named };
}

/** Where an arrival ends, without engine ids. */
function endLabel(reach: Reachability, a: Arrival): string {
  switch (a.end.kind) {
    case 'subnet': return reach.segmentOf(a.end.subnet) ?? 'UNLABELLED';
    case 'internet': return a.firewalls.length > 0 ? 'internet (through a firewall)' : 'internet';
    case 'zone': return a.end.zone;
    default: return 'UNKNOWN';
  }
}

/** The protocol numbers of each bit of a topology's protocol table (`other` = every number the table does not name). */
export function protocolDecoder(table: ProtocolTable): { decode: (mask: number) => number[]; named: number[] } {
  const named = new Map<number, number>();
  for (let bit = 1; bit < table.other; bit *= 2) {
    const [name] = table.names(bit);
    const n = name === 'tcp' ? 6 : name === 'udp' ? 17 : name === 'icmp' ? 1 : name === 'icmpv6' ? 58 : Number(/^protocol (\d+)$/.exec(name ?? '')?.[1]);
    if (Number.isInteger(n)) named.set(bit, n);
  }
  const others = [...Array(256).keys()].filter((n) => ![...named.values()].includes(n));
  const decode = (mask: number) => {
    const out: number[] = [];
    for (const [bit, n] of named) if (mask & bit) out.push(n); // eslint-disable-line no-bitwise
    if (mask & table.other) out.push(...others); // eslint-disable-line no-bitwise
    return out.sort((x, y) => x - y);
  };
  return { decode, named: [...named.values()] };
}

/** a minus b (boxes of one joint space); identical boxes are taken out first, as two renders of one network mostly are. */
function minus(a: Box[], b: Box[]): Box[] {
  const key = (x: Box) => `${x.d0},${x.d1},${x.s0},${x.s1},${x.p},${x.q0},${x.q1}`;
  const inB = new Set(b.map(key));
  const out: Box[] = [];
  for (const x of a) {
    if (inB.has(key(x))) continue;
    let pieces = [x];
    for (const y of b) {
      if (!intersect(x, y)) continue;
      pieces = pieces.flatMap((p) => subtract(p, y));
      if (pieces.length === 0) break;
    }
    out.push(...pieces);
  }
  return out;
}

/**
 * The boxes of both networks over one set of address intervals (the boundaries of every box of either) and one
 * protocol table (every protocol number either names), so that they can be subtracted; and back to canonical entries.
 */
class JointSpace {
  private readonly bounds: bigint[];
  private readonly index = new Map<bigint, number>();
  private readonly protocols: ProtocolTable;
  private readonly decode: (mask: number) => number[];

  /** `named`: the protocol numbers either network's table names, so that the joint table refines both. */
  constructor(all: readonly AbsoluteBox[], named: readonly number[]) {
    const set = new Set<bigint>([ALL_V4.lo, ALL_V6.lo, ALL_V6.hi + 1n]);
    for (const b of all) {
      set.add(b.d0); set.add(b.d1 + 1n); set.add(b.s0); set.add(b.s1 + 1n);
    }
    this.bounds = [...set].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    this.bounds.forEach((v, i) => this.index.set(v, i));
    this.protocols = new ProtocolTable(named);
    this.decode = protocolDecoder(this.protocols).decode;
  }

  /** Absolute boxes as boxes of this space (duplicates out). */
  public boxes(list: readonly AbsoluteBox[]): Box[] {
    const seen = new Map<string, Box>();
    for (const b of list) {
      let p = 0;
      for (const n of b.protocols) p |= this.protocols.mask(String(n))!; // eslint-disable-line no-bitwise
      const box = makeBox(this.at(b.d0), this.at(b.d1 + 1n) - 1, this.at(b.s0), this.at(b.s1 + 1n) - 1, p, b.q0, b.q1);
      seen.set(`${box.d0},${box.d1},${box.s0},${box.s1},${box.p},${box.q0},${box.q1}`, box);
    }
    return [...seen.values()];
  }

  /**
   * A set of boxes in canonical form: cut into the cells of its own boundaries, each cell's protocols and ports written
   * canonically; runs of source cells with the same services merged, then runs of destination cells with the same
   * sources and services. The result depends only on the set of headers, not on how it was cut.
   */
  public canonical(set: HeaderSet): { fromRanges: [bigint, bigint][]; toRanges: [bigint, bigint][]; services: string }[] {
    const dCuts = cuts(set.flatMap((b) => [b.d0, b.d1 + 1]), [this.at(ALL_V6.lo)]);
    const sCuts = cuts(set.flatMap((b) => [b.s0, b.s1 + 1]), [this.at(ALL_V6.lo)]);
    // cell (di, si) → the services held there.
    const cells = new Map<number, Map<number, { p: number; q0: number; q1: number }[]>>();
    for (const b of set) {
      for (let di = cell(dCuts, b.d0); di < dCuts.length - 1 && dCuts[di] <= b.d1; di++) {
        const row = cells.get(di) ?? new Map();
        cells.set(di, row);
        for (let si = cell(sCuts, b.s0); si < sCuts.length - 1 && sCuts[si] <= b.s1; si++) {
          const list = row.get(si);
          if (list) list.push({ p: b.p, q0: b.q0, q1: b.q1 });
          else row.set(si, [{ p: b.p, q0: b.q0, q1: b.q1 }]);
        }
      }
    }
    const v6 = this.at(ALL_V6.lo);
    // Per destination cell: runs of source cells with the same services.
    const rows = [...cells.keys()].sort((x, y) => x - y).map((di) => {
      const row = cells.get(di)!;
      const runs: { s0: number; s1: number; services: string }[] = [];
      for (const si of [...row.keys()].sort((x, y) => x - y)) {
        const services = this.services(row.get(si)!);
        const last = runs[runs.length - 1];
        if (last && last.s1 === sCuts[si] - 1 && last.services === services && sCuts[si] !== v6) last.s1 = sCuts[si + 1] - 1;
        else runs.push({ s0: sCuts[si], s1: sCuts[si + 1] - 1, services });
      }
      return { d0: dCuts[di], d1: dCuts[di + 1] - 1, runs, key: runs.map((r) => `${r.s0}-${r.s1}:${r.services}`).join(';') };
    });
    const merged: typeof rows = [];
    for (const r of rows) {
      const last = merged[merged.length - 1];
      if (last && last.d1 === r.d0 - 1 && last.key === r.key && r.d0 !== v6) last.d1 = r.d1;
      else merged.push({ ...r });
    }
    // Entries with the same sources and services are one entry with several destination runs, then entries with the same
    // destinations and services one with several source runs: still a function of the set alone.
    const byFrom = new Map<string, { from: [number, number][]; to: [number, number][]; services: string }>();
    for (const r of merged) {
      for (const s of r.runs) {
        const k = `${s.s0}-${s.s1}|${s.services}`;
        const e = byFrom.get(k) ?? { from: [[s.s0, s.s1]], to: [], services: s.services };
        e.to.push([r.d0, r.d1]);
        byFrom.set(k, e);
      }
    }
    const byTo = new Map<string, { from: [number, number][]; to: [number, number][]; services: string }>();
    for (const e of byFrom.values()) {
      const k = `${e.to.map(([x, y]) => `${x}-${y}`).join(',')}|${e.services}`;
      const g = byTo.get(k);
      if (g) g.from.push(...e.from);
      else byTo.set(k, { ...e, from: [...e.from] });
    }
    const absolute = (list: [number, number][]) => list.sort((x, y) => x[0] - y[0]).map(([x, y]) => [this.lo(x), this.hi(y)] as [bigint, bigint]);
    return [...byTo.values()].map((e) => ({ fromRanges: absolute(e.from), toRanges: absolute(e.to), services: e.services }))
      .sort((x, y) => compare(x.fromRanges[0][0], y.fromRanges[0][0]) || compare(x.toRanges[0][0], y.toRanges[0][0])
        || byCodePoint(x.services, y.services));
  }

  /** The canonical text of the services of a cell: TCP ports, UDP ports, then the other protocol numbers. */
  private services(list: readonly { p: number; q0: number; q1: number }[]): string {
    const tcp: [number, number][] = [];
    const udp: [number, number][] = [];
    const other: [number, number][] = [];
    for (const s of list) {
      for (const n of this.decode(s.p)) {
        if (n === 6) tcp.push([s.q0, s.q1]);
        else if (n === 17) udp.push([s.q0, s.q1]);
        else other.push([n, n]);
      }
    }
    return servicesText(merge(tcp), merge(udp), merge(other));
  }

  private at(v: bigint): number {
    const i = this.index.get(v);
    if (i === undefined) throw new Error(`internal: ${formatAddress(v)} is not a boundary of the joint space`);
    return i;
  }

  private lo(i: number): bigint {
    return this.bounds[i];
  }

  private hi(i: number): bigint {
    return this.bounds[i + 1] - 1n;
  }
}

/** Sorted distinct cut points (plus the ones given). */
function cuts(points: number[], extra: number[]): number[] {
  const lo = Math.min(...points);
  const hi = Math.max(...points);
  return [...new Set([...points, ...extra.filter((e) => e > lo && e < hi)])].sort((x, y) => x - y);
}

/** The cell of a cut list that starts at or holds v. */
function cell(list: readonly number[], v: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1; // eslint-disable-line no-bitwise
    if (list[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function merge(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** `all protocols`, or `tcp/443 udp/53 icmp protocols 47-50`: ports and protocol numbers as merged ranges. */
export function servicesText(tcp: [number, number][], udp: [number, number][], other: [number, number][]): string {
  const full = (r: [number, number][], lo: number, hi: number) => r.length === 1 && r[0][0] === lo && r[0][1] === hi;
  const everyOther = other.length === 3 && other[0][0] === 0 && other[0][1] === 5 && other[1][0] === 7 && other[1][1] === 16
    && other[2][0] === 18 && other[2][1] === 255;
  if (full(tcp, 0, MAX_PORT) && full(udp, 0, MAX_PORT) && everyOther) return 'all protocols';
  const ports = (name: string, r: [number, number][]) => (r.length === 0 ? [] : full(r, 0, MAX_PORT) ? [name]
    : [`${name}/${r.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(',')}`]);
  const words: Record<number, string> = { 1: 'icmp', 58: 'icmpv6' };
  const rest = everyOther ? ['every other protocol'] : other.map(([a, b]) => (a === b ? words[a] ?? `protocol ${a}` : `protocols ${a}-${b}`));
  return [...ports('tcp', tcp), ...ports('udp', udp), ...rest].join(' ');
}

/** Address ranges as prefixes, every internet address of a family in words, declared hosts named. */
function withBlocks(e: { fromRanges: [bigint, bigint][]; toRanges: [bigint, bigint][]; services: string }, hosts: readonly DeclaredHost[]):
{ fromBlocks: string[]; toBlocks: string[]; services: string } {
  return { fromBlocks: blocks(e.fromRanges, hosts), toBlocks: blocks(e.toRanges, hosts), services: e.services };
}

function compare(x: bigint, y: bigint): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Sorted, disjoint address ranges as text: `every IPv4 address` or `every IPv4 internet address` for the whole of
 * either, prefixes for the rest (a declared host's block with its name).
 */
export function blocks(ranges: readonly [bigint, bigint][], hosts: readonly DeclaredHost[] = []): string[] {
  const words: string[] = [];
  let rest: [bigint, bigint][] = [...ranges];
  const within = (a: bigint, b: bigint) => ranges.some(([lo, hi]) => lo <= a && b <= hi);
  for (const family of [4, 6] as const) {
    const whole = family === 4 ? ALL_V4 : ALL_V6;
    if (within(whole.lo, whole.hi)) {
      words.push(`every IPv${family} address`);
      rest = rest.flatMap((r) => without(r, [[whole.lo, whole.hi]]));
      continue;
    }
    const internet = internetRanges(family);
    if (internet.every(([a, b]) => within(a, b))) {
      words.push(`every IPv${family} internet address`);
      rest = rest.flatMap((r) => without(r, internet));
    }
  }
  const name = new Map(hosts.flatMap((h) => h.cidrs.map((c) => [c, h.name] as const)));
  const prefixes = rest.flatMap(([a, b]) => intervalToPrefixes(a, b)).map((p) => (name.has(p) ? `${p} (${name.get(p)})` : p));
  return [...words, ...prefixes];
}

/** The internet addresses of a family as sorted, disjoint ranges (address-space.ts `isInternet`). */
function internetRanges(family: 4 | 6): [bigint, bigint][] {
  if (family === 6) return [[GLOBAL_UNICAST_V6.lo, GLOBAL_UNICAST_V6.hi]];
  const cutsAt = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '224.0.0.0/3']
    .map((c) => parsePrefix(c)!).flatMap((p) => [p.lo, p.hi + 1n]);
  const points = [...new Set([ALL_V4.lo, ALL_V4.hi + 1n, ...cutsAt])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    if (isInternet(points[i])) {
      const last = out[out.length - 1];
      if (last && last[1] + 1n === points[i]) last[1] = points[i + 1] - 1n;
      else out.push([points[i], points[i + 1] - 1n]);
    }
  }
  return out;
}

function without([lo, hi]: [bigint, bigint], cut: [bigint, bigint][]): [bigint, bigint][] {
  const out: [bigint, bigint][] = [];
  let from = lo;
  for (const [a, b] of cut) {
    if (b < from || a > hi) continue;
    if (a > from) out.push([from, a - 1n]);
    from = b + 1n > from ? b + 1n : from;
  }
  if (from <= hi) out.push([from, hi]);
  return out;
}

/** For explain: a header set as text — sources, destinations, services — through the same canonical form. */
export function headersText(reach: Reachability, headers: HeaderSet): string[] {
  const { decode, named } = protocolDecoder(reach.protocols);
  const absolute: AbsoluteBox[] = headers.map((b) => ({
    d0: reach.atoms.lo(b.d0),
    d1: reach.atoms.hi(b.d1),
    s0: reach.atoms.lo(b.s0),
    s1: reach.atoms.hi(b.s1),
    protocols: decode(b.p),
    q0: b.q0,
    q1: b.q1,
  }));
  const joint = new JointSpace(absolute, named);
  return joint.canonical(joint.boxes(absolute)).map((e) => `${blocks(e.fromRanges).join(', ')} → ${blocks(e.toRanges).join(', ')} ${e.services}`);
}
