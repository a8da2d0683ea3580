/**
 * Exact reachability over what was synthesized (docs/guard-semantics.md). From each subnet, the set of every header it
 * can send is pushed through every hop — route tables by longest prefix match, NACLs, NAT gateways, firewall and GWLB
 * endpoints, transit gateway tables (default tables included), peering, gateways — as unions of boxes over the address
 * classes that the topology's prefixes induce. Nothing is sampled. Where the guard cannot follow a packet, the path
 * ends "unknown", which the critical rules count as reaching everywhere.
 *
 * Cost: the address classes are at most twice the number of prefixes (P); each route table is painted once over the
 * classes (O(P) per table); a path visits each (subnet, source origin) pair at most once, and at each hop the header
 * set is cut by one table's runs. Per source subnet this is O(hops × runs × boxes); the rules ask for each subnet
 * once. A guarded stack is analysed on its own, so an app of N municipalities costs N times one municipality.
 */
import { ALL_V4, ALL_V6, alignedBlockWithin, AtomTable, familyOf, intervalToPrefixes, parsePrefix, Prefix } from './address-space';
import {
  deref, describeRef, FirewallNode, gatewayZone, GraphNode, implicitId, NatGatewayNode, NetworkAclNode, nodesOf, PeeringNode, Ref, RouteEdge,
  RouteTableNode, RouteTarget, SubnetNode, TopologyGraph, TransitAttachmentNode, TransitRouteTableNode, VpcEndpointNode, VpcNode, VpnGatewayNode,
  ZONES,
} from './graph';
import {
  applyNacl, Box, bucketByDestination, CompiledEntry, compileNacl, everything, HeaderSet, keyOf, makeBox, protocolBits, ProtocolTable, sharesProtocol,
  appendAll, boxText, overlaps, subtract, withDestinations, withinRanges, withSourcesIn,
} from './header-set';
import { CloudServiceCatalogue } from '../model/catalogue';
import { MUNICIPALITY_TAG_KEY } from '../model/security-cloud';
import { Segment, stricterSegment } from '../model/segment';

/** Where a path ends (semantics §9). */
export type End =
  | { readonly kind: 'subnet'; readonly subnet: string }
  | { readonly kind: 'internet' }
  | { readonly kind: 'zone'; readonly zone: string }
  | { readonly kind: 'unknown'; readonly node: string; readonly reason: string; readonly fix: string };

/** One step of a path, as it is printed in a finding. */
export interface Hop {
  /** Node id (logical ID / Terraform address). */
  readonly node: string;
  readonly label: string;
}

export type StepKind = 'subnet' | 'route' | 'gateway' | 'nat' | 'firewall' | 'endpoint' | 'tgw' | 'tgw-route' | 'attachment' | 'peering' | 'target';

/** A step of a path, linked to the one before; labels are formatted only when a finding prints the path. */
interface Step {
  readonly node: string;
  readonly kind: StepKind;
  readonly detail?: string;
  /** For a route: the table it is in (the destination is `detail`). */
  readonly table?: string;
  readonly prev?: Step;
  /** For a subnet step: the packets that reached the subnet on this path (recorded when the walk gets there, for `explain`). */
  headers?: HeaderSet;
}

/**
 * A step with every field present, in one order: the walk's functions then see one object shape. Literals of different
 * fields (and `headers` added later) made them polymorphic, and V8 threw their optimized code away and compiled it again
 * several times per synthesis (`node --trace-deopt`: "wrong map"): at 100 members about 200 ms of compiling `at` alone,
 * which runs for 40 ms.
 */
function makeStep(node: string, kind: StepKind, prev: Step | undefined, detail?: string, table?: string): Step {
  return { node, kind, detail, table, prev, headers: undefined };
}

/** A step of a path with what `explain` shows of it (`Reachability.steps`). */
export interface PathStep extends Hop {
  readonly kind: StepKind;
  /** For a route: the table it is in. */
  readonly table?: string;
  /** For a route: its destination (`10.0.0.0/18 local` for the local route); for an attachment: its zone. */
  readonly detail?: string;
  /** For a subnet: the packets of the path that reached it. */
  readonly headers?: HeaderSet;
}

/** A set of packets from a source subnet that ends somewhere, with the path it took. */
export interface Arrival {
  /** The source subnet. */
  readonly from: string;
  readonly end: End;
  /** The packets that get there (never empty). */
  readonly headers: HeaderSet;
  /** Firewalls passed, in order. */
  readonly firewalls: readonly string[];
  readonly step: Step;
}

/** The prefix lengths of the smallest subnet AWS allows, per family (`Reachability.wholeBlock`; the security-group part of specific.ts). */
export const SMALLEST_SUBNET = { 4: 28, 6: 64 } as const;

/** A range of address classes, both ends included. */
export type Range = [number, number];

interface SubnetInfo {
  readonly node: SubnetNode;
  readonly vpc?: VpcInfo;
  /** Literal blocks: a destination in them is delivered here without routing. */
  readonly own: Range[];
  /** Where local delivery may put a packet: its literal blocks, and its VPC's blocks of a family it cannot read. */
  readonly holds: Range[];
  readonly sources: Range[];
  /**
   * The occupants that may send with any source address (`OccupantNode.forwards`: a source/destination check off): the walk
   * then starts from every address of both families (semantics §2). Their NAT gateway's translation still uses `sources`.
   */
  forwarders?: string[];
  readonly tables: RouteTableNode[];
  readonly acls: NetworkAclNode[];
}

/**
 * Where a network the guard cannot place enters (`unplacedEntries`): through transit route tables, or into VPCs (a peering
 * with a VPC outside the output), with what is behind it in words.
 */
export interface UnplacedEntry {
  readonly id: string;
  readonly what: string;
  readonly tables: readonly TransitRouteTableNode[];
  /** The VPCs it enters directly (ids), each delivering by its local route. */
  readonly vpcs?: readonly string[];
  /** What a table associates that is no attachment the guard models (a Cloud WAN peering, a value it cannot resolve): no zone label places it. */
  readonly unmodelled?: boolean;
}

interface VpcInfo {
  readonly node: VpcNode;
  readonly blocks: { range: Range; prefix: Prefix }[];
  readonly subnets: SubnetInfo[];
  /** Where local delivery puts a packet: sorted, disjoint ranges and their subnet; overlapping leftovers apart. */
  delivery?: { ranges: Range[]; subnets: SubnetInfo[]; overlapping: { range: Range; subnet: SubnetInfo }[] };
}

/** A route table or transit gateway route table cut into runs of address classes with the routes that win there. */
export interface Run<C> {
  readonly a0: number;
  readonly a1: number;
  readonly choices: readonly C[];
}

/** The runs of a table, with their ranges in the form `bucketByDestination` takes. */
interface Runs<C> {
  readonly runs: readonly Run<C>[];
  readonly ranges: readonly Range[];
}

// Each kind of choice has every field, made by one function, for one object shape (see makeStep).
type VpcChoice =
  | { readonly kind: 'local'; readonly destination: string; readonly edge: undefined }
  | { readonly kind: 'route'; readonly destination: string; readonly edge: RouteEdge };
type TransitChoice =
  | { readonly kind: 'static'; readonly destination: string; readonly blackhole: boolean; readonly attachment: Ref | undefined; readonly source: string }
  | { readonly kind: 'propagated'; readonly destination: string; readonly blackhole: false; readonly attachment: Ref; readonly source: undefined };

function routeChoice(edge: RouteEdge): VpcChoice {
  return { kind: 'route', destination: edge.destination, edge };
}

function localChoice(destination: string): VpcChoice {
  return { kind: 'local', destination, edge: undefined };
}

function transitChoice(kind: 'static' | 'propagated', destination: string, attachment: Ref | undefined, blackhole = false, source?: string): TransitChoice {
  return { kind, destination, blackhole, attachment, source } as TransitChoice;
}

interface Position {
  readonly subnet: SubnetInfo;
  /** The source subnet, or the NAT gateway that last rewrote the source. */
  readonly origin: string;
}

/** How a probe reads the hops where AWS takes one of several alternatives. */
export interface ProbeOptions {
  /**
   * Count only what surely arrives (FLOW-1 proves a declared flow open): of several attachment subnets a packet may
   * reach a transit gateway through, the one in the sender's Availability Zone (every one when a zone is not a literal).
   * Without it, what may arrive: the forbidden-path rules' over-approximation (semantics §5, §6).
   */
  readonly sure?: boolean;
}

/** Packets a probe lost on the way, where and why (FLOW-1 names the hop that drops a declared flow). */
export interface Drop {
  /** Node id of the hop (subnet, route table, transit route table, attachment). */
  readonly node: string;
  readonly reason: string;
  readonly headers: HeaderSet;
}

interface Walk {
  readonly from: string;
  /** Record arrivals in the source's own segment too (a probe of a declared flow). */
  readonly recordAll?: boolean;
  /** The source's segment: arrivals at subnets of the same segment are not recorded (no rule asks for them). */
  readonly segment?: Segment;
  readonly out: Arrival[];
  readonly onPath: Set<string>;
  /** Header sets already explored at each position (and firewall list), to skip exact repeats. */
  readonly seen: Map<string, HeaderSet[]>;
}

export class Reachability {
  public readonly atoms: AtomTable;
  public readonly protocols: ProtocolTable;
  private readonly subnets = new Map<string, SubnetInfo>();
  private readonly vpcs = new Map<string, VpcInfo>();
  private readonly runs = new Map<string, Runs<VpcChoice>>();
  private readonly transitRuns = new Map<string, Runs<TransitChoice>>();
  /** The runs of a transit route table whose routes lead somewhere (not only to a blackhole). */
  private readonly liveTransitRanges = new Map<string, Range[]>();
  /** Each NACL's outbound and inbound entries as boxes, by NACL id. */
  private readonly compiledOut = new Map<string, { entries: CompiledEntry[]; all: boolean }>();
  private readonly compiledIn = new Map<string, { entries: CompiledEntry[]; all: boolean }>();
  private readonly arrivalCache = new Map<string, Arrival[]>();
  private readonly probeCache = new Map<string, { arrivals: Arrival[]; drops: Drop[] }>();
  private readonly zoneEntryCache = new Map<string, { id: string; tables: TransitRouteTableNode[] }[]>();
  /** `unplacedEntries`, found once. */
  private unplaced?: UnplacedEntry[];
  /** `externalAttachments`, found once. */
  private external?: { id: string; zone: string | undefined; tables: TransitRouteTableNode[] }[];
  private readonly allArrivalCache = new Map<string, Arrival[]>();
  /** Whether the graph is a prefecture's (a hub, or two member codes): SC-1 then walks every member subnet with `allArrivals`. */
  private readonly members: boolean;
  private readonly internetRuns: Range[] = [];
  /** VPC attachments by VPC, and the transit route tables each attachment is associated with. */
  private readonly attachmentsOf = new Map<string, TransitAttachmentNode[]>();
  private readonly tablesOfAttachment = new Map<string, TransitRouteTableNode[]>();

  /** While a probe runs: where its packets were lost. */
  private dropLog?: Drop[];
  /**
   * While a probe for FLOW-1 runs (`ProbeOptions.sure`): where AWS takes one of several alternatives the guard cannot
   * tell apart, only what every one of them lets through counts (an under-approximation: what surely arrives).
   */
  private sure = false;

  /** `extraPrefixes`: blocks a caller will ask about (declared hosts), so that they are unions of classes. */
  constructor(private readonly graph: TopologyGraph, extraPrefixes: readonly string[] = []) {
    const prefixes: Prefix[] = [ALL_V4, ALL_V6];
    const add = (text: string | undefined) => {
      const p = parsePrefix(text);
      if (p) prefixes.push(p);
    };
    const protocolNumbers: number[] = [];
    for (const n of graph.nodes.values()) {
      switch (n.type) {
        case 'vpc': n.cidrs.forEach(add); break;
        case 'subnet': add(n.cidr); add(n.ipv6Cidr); break;
        case 'route-table': n.routes.forEach((r) => add(r.destination)); break;
        case 'transit-route-table': n.routes.forEach((r) => add(r.destination)); break;
        // The resolvers a forwarding rule sends queries to are asked about by IN-2.
        case 'resolver-rule': n.targets.forEach((t) => add(t.ip === undefined ? undefined : `${t.ip}/32`)); break;
        case 'network-acl':
          for (const e of n.entries) {
            add(e.cidr);
            if (/^\d+$/.test(e.protocol)) protocolNumbers.push(Number(e.protocol));
          }
          break;
        default: break;
      }
    }
    extraPrefixes.forEach(add);
    // The meeting-media ranges AP-3 / AP-6 let LGWAN terminals reach around the proxy (rules/proxy-exits.ts) are atoms of
    // their own, so that a finding names exactly the addresses outside them.
    for (const s of CloudServiceCatalogue.all()) s.media?.cidrs.forEach(add);
    this.atoms = new AtomTable(prefixes);
    this.protocols = new ProtocolTable(protocolNumbers);
    for (let a = 0; a < this.atoms.size;) {
      if (!this.atoms.internet(a)) { a++; continue; }
      let b = a;
      while (b + 1 < this.atoms.size && this.atoms.internet(b + 1)) b++;
      this.internetRuns.push([a, b]);
      a = b + 1;
    }
    this.index();
    this.members = prefectureOf(graph);
  }

  /** Every path from a subnet, computed once. */
  public arrivals(subnetId: string): Arrival[] {
    let out = this.arrivalCache.get(subnetId);
    if (!out) {
      // In a prefecture SC-1 asks for every member subnet's arrivals in its own segment too: one walk serves both
      // questions (recording more arrivals does not change where the walk goes), filtered here to what `arrivals` means.
      out = this.members
        ? this.allArrivals(subnetId).filter((a) => a.end.kind !== 'subnet' || this.otherSegment(subnetId, a.end.subnet))
        : this.explore(subnetId);
      this.arrivalCache.set(subnetId, out);
    }
    return out;
  }

  /** Whether an arrival at `target` is one `arrivals` records for a walk from `source` (the test of `wanted`). */
  private otherSegment(source: string, target: string): boolean {
    const t = this.subnets.get(target);
    return !t || outsideSegment(this.segmentOf(source), t);
  }

  /**
   * Every path from a subnet, arrivals in its own segment included (SC-1: one municipality's Internet segment must not
   * reach another's, which `arrivals` does not record). Computed once.
   */
  public allArrivals(subnetId: string): Arrival[] {
    let out = this.allArrivalCache.get(subnetId);
    if (!out) {
      out = this.explore(subnetId, true);
      this.allArrivalCache.set(subnetId, out);
    }
    return out;
  }

  /** The subnet's segment: its own tag, else its VPC's; the stricter of the two when they differ (`stricterSegment`). */
  public segmentOf(subnetId: string): Segment | undefined {
    const s = this.subnets.get(subnetId);
    return stricterSegment(s?.node.segment, s?.vpc?.node.segment);
  }

  /**
   * Whether the subnet lies in a prefecture security cloud's hub VPC (tag `jichitai:security-cloud` = `hub`): the Internet
   * side of the three layers, like the `SECURITY_CLOUD` zone, when the hub is in the graph (semantics §10, MN-1 and LG-1).
   */
  public inHub(subnetId: string): boolean {
    return this.subnets.get(subnetId)?.vpc?.node.hub === true;
  }

  /** The subnets of the graph's security cloud hub VPCs, in id order (none without a hub). */
  public hubSubnets(): string[] {
    return [...this.subnets.values()].filter((s) => s.vpc?.node.hub === true).map((s) => s.node.id).sort();
  }

  /** The subnet's literal blocks (IPv4, IPv6), for the width checks of MN-3 / LG-2. */
  public blocksOf(subnetId: string): { text: string; range: Range }[] {
    const s = this.subnets.get(subnetId);
    if (!s) return [];
    const out: { text: string; range: Range }[] = [];
    for (const text of [s.node.cidr, s.node.ipv6Cidr]) {
      const p = parsePrefix(text);
      if (p !== undefined) out.push({ text: text!, range: this.atoms.range(p) });
    }
    return out;
  }

  /**
   * The source addresses of an arrival's packets where they passed a firewall (recorded at each subnet the walk entered
   * right behind it: a firewall changes no address, a NAT gateway before it would have), as intervals of the combined
   * space; every address when the path does not pass it or did not record them (fail closed).
   */
  public sourcesThrough(arrival: Arrival, firewallId: string): { lo: bigint; hi: bigint }[] {
    const ranges: Range[] = [];
    let found = false;
    for (let s: Step | undefined = arrival.step; s; s = s.prev) {
      if (s.kind !== 'subnet' || s.prev?.kind !== 'firewall' || s.prev.node !== firewallId || !s.headers) continue;
      found = true;
      for (const box of s.headers) ranges.push([box.s0, box.s1]);
    }
    if (!found) return [{ lo: this.atoms.lo(0), hi: this.atoms.hi(this.atoms.size - 1) }];
    const out: { lo: bigint; hi: bigint }[] = [];
    for (const [x, y] of mergeRanges(ranges)) out.push({ lo: this.atoms.lo(x), hi: this.atoms.hi(y) });
    return out;
  }

  /** The Gateway Load Balancer endpoints an arrival's path passed (appliances inline on the way), by node id. */
  public endpointsPassed(arrival: Arrival): string[] {
    const out: string[] = [];
    for (let s: Step | undefined = arrival.step; s; s = s.prev) if (s.kind === 'endpoint') out.push(s.node);
    return out;
  }

  /** The destinations of a header set, as prefixes (the first few), for messages. */
  public destinations(headers: HeaderSet, max = 3): string {
    const destinations: Range[] = [];
    for (const b of headers) destinations.push([b.d0, b.d1]);
    const ranges = mergeRanges(destinations);
    // Every internet address of a family reads as such, not as the few dozen prefixes it takes — and so does every one
    // but a few prefixes (a default route beside more specific ones elsewhere: "every IPv4 internet address outside …").
    const words: string[] = [];
    let rest = ranges;
    for (const family of [4, 6] as const) {
      const [f0, f1] = this.atoms.family(family);
      const internet = this.internetRuns.filter(([a]) => a >= f0 && a <= f1);
      if (internet.length === 0) continue;
      const missing = mergeRanges(internet.flatMap((r) => withoutRanges(r, ranges)));
      const but = missing.flatMap(([a, b]) => intervalToPrefixes(this.atoms.lo(a), this.atoms.hi(b)));
      const covered = mergeRanges(internet.flatMap((r) => withoutRanges(r, missing)));
      if (covered.length === 0 || but.length > max) continue;
      const listed = but.length > 1 ? `${but.slice(0, -1).join(', ')} and ${but[but.length - 1]}` : but[0];
      words.push(`every IPv${family} internet address${listed === undefined ? '' : ` outside ${listed}`}`);
      const outside: Range[] = [];
      for (const r of rest) outside.push(...withoutRanges(r, internet));
      rest = mergeRanges(outside);
    }
    const prefixes = rest.flatMap(([a, b]) => intervalToPrefixes(this.atoms.lo(a), this.atoms.hi(b)));
    const listed = prefixes.length <= max ? prefixes : [...prefixes.slice(0, max), `${prefixes.length - max} more prefixes`];
    return [...words, ...listed].join(', ');
  }

  /**
   * The block of a subnet that `headers` cover whole for one source address, protocol and port (semantics §10, the
   * whole-subnet tests of MN-3 / LG-2 / LG-3), in words of both languages; `undefined` if none. A subnet of the output: one of its literal
   * blocks. The subnet standing for those outside the output (§2): its addresses are its VPC's blocks less the output's
   * subnets' blocks, and a subnet created there may be as small as AWS allows (a /28 of IPv4, a /64 of IPv6: Amazon EC2
   * API Reference, CreateSubnet: "The allowed size for an IPv4 subnet is between a /28 netmask (16 IP addresses) and a
   * /16 netmask"; `Ipv6CidrBlock`: "The subnet size must use a /64 prefix length"), so any such block among them that
   * the headers cover counts — a path
   * that covers one is judged as one to a real subnet of that block. Where a block of its VPC cannot be read, where
   * those subnets lie is unknown: any headers count (fail closed; GUARD-1 reports the block).
   */
  public wholeBlock(subnetId: string, headers: HeaderSet): { readonly en: string; readonly ja: string } | undefined {
    const s = this.subnets.get(subnetId);
    if (!s) return undefined;
    if (s.node.outside && s.vpc?.node.unreadBlock === true && headers.length > 0) {
      return { en: 'a block of its VPC the guard cannot read', ja: 'VPC のガードが読めないブロック' };
    }
    const text = s.node.outside
      ? this.coversSmallestSubnet(headers, s.holds)
      : this.blocksOf(subnetId).find((b) => this.coversWhole(headers, b.range))?.text;
    return text === undefined ? undefined : { en: text, ja: text };
  }

  /**
   * For one source address, protocol and port, the destinations of `headers` within `free` (sorted, disjoint ranges)
   * holding a whole smallest subnet block (`wholeBlock`): its text. Points tried as in `coversWhole`.
   */
  private coversSmallestSubnet(headers: HeaderSet, free: readonly Range[]): string | undefined {
    const relevant: Box[] = [];
    for (const b of headers) if (free.some(([x, y]) => b.d1 >= x && b.d0 <= y)) relevant.push(b);
    if (relevant.length === 0) return undefined;
    const sources = [...new Set(relevant.map((b) => b.s0))];
    const ports = [...new Set(relevant.map((b) => b.q0))];
    const bits = [...new Set(relevant.flatMap((b) => protocolBits(b.p)))];
    for (const src of sources) {
      for (const bit of bits) {
        for (const q of ports) {
          const holding: Range[] = [];
          for (const b of relevant) {
            if (b.s0 > src || src > b.s1 || !sharesProtocol(b.p, bit) || b.q0 > q || q > b.q1) continue;
            for (const [x, y] of free) if (b.d1 >= x && b.d0 <= y) holding.push([Math.max(b.d0, x), Math.min(b.d1, y)]);
          }
          for (const [x, y] of mergeRanges(holding)) {
            const block = alignedBlockWithin(this.atoms.lo(x), this.atoms.hi(y), SMALLEST_SUBNET);
            if (block !== undefined) return block;
          }
        }
      }
    }
    return undefined;
  }

  /**
   * Whether, for one source address, protocol and port, the destinations of `headers` cover the whole range (semantics
   * §10, MN-3 / LG-2 path part). The coverage only grows with the boxes that hold a point, and every point's boxes hold
   * the point made of their largest lower bounds, so trying those points is exact.
   */
  public coversWhole(headers: HeaderSet, range: Range): boolean {
    // Pushed, not filtered: the interpreter's filter returns a holey array for a holey set, an optimized one a packed
    // array, and the `length` below deoptimized on the second.
    const relevant: Box[] = [];
    for (const b of headers) if (b.d1 >= range[0] && b.d0 <= range[1]) relevant.push(b);
    if (relevant.length === 0) return false;
    const sources = [...new Set(relevant.map((b) => b.s0))];
    const ports = [...new Set(relevant.map((b) => b.q0))];
    const bits = [...new Set(relevant.flatMap((b) => protocolBits(b.p)))];
    for (const s of sources) {
      for (const bit of bits) {
        for (const q of ports) {
          const holding: Range[] = [];
          for (const b of relevant) {
            if (b.s0 > s || s > b.s1 || !sharesProtocol(b.p, bit) || b.q0 > q || q > b.q1) continue;
            holding.push([Math.max(b.d0, range[0]), Math.min(b.d1, range[1])]);
          }
          const merged = mergeRanges(holding);
          if (merged.length === 1 && merged[0][0] === range[0] && merged[0][1] === range[1]) return true;
        }
      }
    }
    return false;
  }

  /** The path of an arrival, printable. */
  public hops(arrival: Arrival): Hop[] {
    const steps: Step[] = [];
    for (let s: Step | undefined = arrival.step; s; s = s.prev) steps.push(s);
    return steps.reverse().map((s) => ({ node: s.node, label: this.label(s) }));
  }

  /** The path of an arrival step by step, with the route tables, destinations and header sets (`explain`). */
  public steps(arrival: Arrival): PathStep[] {
    const steps: Step[] = [];
    for (let s: Step | undefined = arrival.step; s; s = s.prev) steps.push(s);
    return steps.reverse().map((s) => ({ node: s.node, label: this.label(s), kind: s.kind, table: s.table, detail: s.detail, headers: s.headers }));
  }

  // Indexing is split in small methods: V8 optimizes each on its own, where one long function with many closures cost
  // more CPU to compile (and recompile on every new object shape) than to run (`npm run bench`).
  private index(): void {
    this.indexTransit();
    for (const v of nodesOf(this.graph, 'vpc')) this.indexVpc(v);
    const tablesOf = new Map<string, RouteTableNode[]>();
    for (const t of nodesOf(this.graph, 'route-table')) for (const s of t.subnets) push(tablesOf, s, t);
    const aclsOf = new Map<string, NetworkAclNode[]>();
    for (const a of nodesOf(this.graph, 'network-acl')) for (const s of a.subnets) push(aclsOf, s, a);
    for (const s of nodesOf(this.graph, 'subnet')) this.indexSubnet(s, tablesOf, aclsOf);
    for (const s of this.subnets.values()) if (s.node.outside) this.placeOutside(s);
    this.indexForwarders();
  }

  /**
   * The subnets of a VPC that the output does not hold (`SubnetNode.outside`): they hold, and send from, the VPC's
   * addresses that no subnet of the output holds (IPv6: any source, as for a subnet without a readable block, §2).
   */
  private placeOutside(s: SubnetInfo): void {
    const own: Range[] = [];
    for (const t of s.vpc?.subnets ?? []) if (t !== s) own.push(...t.own);
    const held = mergeRanges(own);
    const free = (s.vpc?.blocks ?? []).flatMap((b) => withoutRanges(b.range, held));
    s.holds.push(...free);
    s.sources.push(...free.filter((r) => familyOf(this.atoms.lo(r[0])) === 4), this.atoms.family(6));
  }

  /** The subnets where an occupant may send with any source address (`OccupantNode.forwards`), each with their names. */
  private indexForwarders(): void {
    for (const o of nodesOf(this.graph, 'occupant')) {
      if (o.forwards === undefined) continue;
      for (const m of o.subnets) {
        const s = this.subnets.get(m.subnet);
        if (s && !(s.forwarders ??= []).includes(o.resource)) s.forwarders.push(o.resource);
      }
    }
  }

  private indexTransit(): void {
    for (const a of nodesOf(this.graph, 'transit-attachment')) {
      if (a.kind === 'vpc' && a.vpc?.kind === 'node') push(this.attachmentsOf, a.vpc.id, a);
    }
    for (const t of nodesOf(this.graph, 'transit-route-table')) {
      for (const a of t.associations) if (a.kind === 'node') push(this.tablesOfAttachment, a.id, t);
    }
  }

  private indexVpc(v: VpcNode): void {
    const blocks: VpcInfo['blocks'] = [];
    for (const c of v.cidrs) {
      const prefix = parsePrefix(c);
      if (prefix) blocks.push({ prefix, range: this.atoms.range(prefix) });
    }
    this.vpcs.set(v.id, { node: v, blocks, subnets: [] });
  }

  private indexSubnet(s: SubnetNode, tablesOf: ReadonlyMap<string, RouteTableNode[]>, aclsOf: ReadonlyMap<string, NetworkAclNode[]>): void {
    const vpc = s.vpc.kind === 'node' ? this.vpcs.get(s.vpc.id) : undefined;
    const vpcBlocks = vpc?.blocks ?? [];
    const v4 = parsePrefix(s.cidr);
    const v6 = parsePrefix(s.ipv6Cidr);
    const own: Range[] = [];
    if (v4) own.push(this.atoms.range(v4));
    if (v6) own.push(this.atoms.range(v6));
    // A block the guard cannot read: the subnet may hold any address of its VPC in that family (semantics §3).
    const hasV4 = v4?.family === 4 || v6?.family === 4;
    const hasV6 = v4?.family === 6 || v6?.family === 6;
    const unread: Range[] = [];
    for (const b of vpcBlocks) if (b.prefix.family === 4 ? !hasV4 : !hasV6 && s.ipv6FromVpc) unread.push(b.range);
    const vpcV4: Range[] = [];
    for (const b of vpcBlocks) if (b.prefix.family === 4) vpcV4.push(b.range);
    const sources: Range[] = [
      ...(v4 ? [this.atoms.range(v4)] : vpcV4.length > 0 ? vpcV4 : [this.atoms.family(4)]),
      // Without a readable IPv6 block, any IPv6 source (a block can be associated later).
      v6 ? this.atoms.range(v6) : this.atoms.family(6),
    ];
    const info: SubnetInfo = {
      node: s,
      vpc,
      own,
      // The subnets outside the output hold, and send from, what the others leave (`placeOutside`, once every subnet is indexed).
      holds: s.outside ? [] : [...own, ...unread],
      sources: s.outside ? [] : sources,
      tables: tablesOf.get(s.id) ?? this.mainTables(vpc),
      acls: aclsOf.get(s.id) ?? this.defaultAcls(vpc),
    };
    this.subnets.set(s.id, info);
    vpc?.subnets.push(info);
  }

  /** The tables of a subnet without an explicit association: its VPC's main table(s). */
  private mainTables(vpc: VpcInfo | undefined): RouteTableNode[] {
    if (!vpc) return [];
    const out: RouteTableNode[] = [];
    for (const id of [implicitId.mainRouteTable(vpc.node.id), ...vpc.node.mainRouteTables.map((r) => (r.kind === 'node' ? r.id : ''))]) {
      const t = this.graph.nodes.get(id);
      if (t?.type === 'route-table') out.push(t);
    }
    return out;
  }

  /** The NACL of a subnet without an explicit association: its VPC's default NACL. */
  private defaultAcls(vpc: VpcInfo | undefined): NetworkAclNode[] {
    const acl = vpc ? this.graph.nodes.get(implicitId.defaultNetworkAcl(vpc.node.id)) as NetworkAclNode | undefined : undefined;
    return acl ? [acl] : [];
  }

  private explore(subnetId: string, recordAll = false): Arrival[] {
    const s = this.subnets.get(subnetId);
    if (!s) return [];
    const walk: Walk = { from: subnetId, recordAll, segment: this.segmentOf(subnetId), out: [], onPath: new Set(), seen: new Map() };
    const start: Box[] = [];
    // An occupant with its source/destination check off sends with any source address (semantics §2).
    const sources = s.forwarders ? [this.atoms.family(4), this.atoms.family(6)] : s.sources;
    for (const src of sources) start.push(...everything(this.protocols, this.atoms.family(familyOf(this.atoms.lo(src[0]))), src));
    const first = makeStep(subnetId, 'subnet', undefined, s.forwarders ? `any source address: ${s.forwarders.map((f) => this.name(f)).join(', ')}` : undefined);
    this.at(walk, { subnet: s, origin: subnetId }, start, first, []);
    return walk.out;
  }

  private arrive(walk: Walk, end: End, headers: HeaderSet, step: Step, firewalls: readonly string[]): void {
    if (headers.length > 0) walk.out.push({ from: walk.from, end, headers, firewalls, step });
  }

  /** Whether an arrival at this subnet matters: it is of another segment than the source (or of none). */
  private wanted(walk: Walk, t: SubnetInfo): boolean {
    return walk.recordAll === true || outsideSegment(walk.segment, t);
  }

  /**
   * The headers of one declared flow direction: sources in `source`, destinations in `destination` (both must have been
   * given to the constructor), the protocol and port ranges. Undefined when a block is not one the guard can read.
   */
  public headersFor(
    source: string, destination: string, ports: readonly { protocol: 'tcp' | 'udp'; fromPort: number; toPort: number }[],
  ): Box[] | undefined {
    const s = parsePrefix(source);
    const d = parsePrefix(destination);
    if (!s || !d || s.family !== d.family) return undefined;
    const [s0, s1] = this.atoms.range(s);
    const [d0, d1] = this.atoms.range(d);
    const out: Box[] = [];
    for (const q of ports) out.push(makeBox(d0, d1, s0, s1, q.protocol === 'tcp' ? ProtocolTable.TCP : ProtocolTable.UDP, q.fromPort, q.toPort));
    return out;
  }

  /** Where the given headers go from a subnet, with every arrival (its own segment's too) and where packets were lost. */
  public probeFromSubnet(subnetId: string, headers: Box[], options: ProbeOptions = {}): { arrivals: Arrival[]; drops: Drop[] } {
    const s = this.subnets.get(subnetId);
    if (!s) return { arrivals: [], drops: [] };
    return this.probe(subnetId, (walk) => this.at(walk, { subnet: s, origin: subnetId }, headers, makeStep(subnetId, 'subnet', undefined), []), headers, options);
  }

  /** Every address, protocol and port of both families, as sources and destinations: what an external zone may send. */
  public everyHeader(): Box[] {
    const [v4, v6] = [this.atoms.family(4), this.atoms.family(6)];
    return [...everything(this.protocols, v4, v4), ...everything(this.protocols, v6, v6)];
  }

  /**
   * Where the given headers go when they enter from an external zone (`LGWAN_WAN`, `SECURITY_CLOUD`): through the transit
   * gateway from every VPN attachment labelled with the zone and every attachment named by id whose route table is, and
   * into every VPC a VPN gateway labelled with the zone is attached to.
   */
  public probeFromZone(zone: string, headers: Box[], options: ProbeOptions = {}): { arrivals: Arrival[]; drops: Drop[] } {
    return this.probe(`zone ${zone}`, (walk) => {
      // Only entries whose route tables send some of the destinations somewhere (not to a blackhole): from any other the
      // packets go nowhere, and walking them made a prefecture's flows quadratic (every member has an LGWAN WAN VPN whose
      // table blackholes every other member). Their drops are left out, so a message names the drop on the way that
      // matters; when no entry sends them anywhere, every entry is walked, for its drop.
      const entries = this.zoneEntries(zone);
      const routing = entries.filter((e) => e.tables.some((t) => this.routesSome(t, headers)));
      for (const e of routing.length > 0 ? routing : entries) {
        const step = makeStep(e.id, 'attachment', undefined, zone);
        if (e.tables.length === 0) this.lost(e.id, () => `attachment ${e.id} is associated with no transit gateway route table`, headers);
        for (const table of e.tables) this.routeTransit(walk, e.id, table, headers, step, []);
      }
      // A VPN gateway labelled with the zone enters each VPC it is attached to, where the local route delivers (semantics §5).
      for (const g of nodesOf(this.graph, 'vpn-gateway')) {
        if (gatewayZone(g) !== zone) continue;
        const step = makeStep(g.id, 'gateway', undefined, 'vgw');
        for (const v of g.vpcs) {
          const vpc = v.kind === 'node' ? this.vpcs.get(v.id) : undefined;
          if (vpc) this.enterFromGateway(walk, vpc, headers, step);
        }
        // Ingress routing: a gateway route table with routes of its own sends what enters through the gateway to an
        // appliance (a network interface, a firewall or GWLB endpoint), from where the guard does not follow it
        // (semantics §4): beside the local delivery above, the path ends unknown.
        const ingress = g.ingressTables.filter((id) => ((this.graph.nodes.get(id) as RouteTableNode | undefined)?.routes.length ?? 0) > 0);
        if (ingress.length > 0) {
          this.unknown(walk, g.id, `what enters through VPN gateway ${this.name(g.id)} is routed by its gateway route table ${ingress.map((t) => this.name(t)).join(', ')} (ingress routing), which the guard does not follow`,
            'remove the gateway route table association of the VPN gateway (ingress routing), so that what enters is delivered by the local route', headers, step, []);
        }
      }
    }, headers, options);
  }

  /**
   * Where networks the guard cannot place enter (semantics §5): the attachments `unplacedWhat` names (a VPN without a
   * known zone label, a peering, a Direct Connect association, a shared gateway's stand-in, a VPC attachment of a VPC
   * outside the output), an attachment named by id whose associated route tables carry no one zone label, and a VPC
   * peering with a VPC outside the output (into the output's VPC). Each with what it is, in words, and the tables it is
   * associated with or the VPCs it enters; in id order.
   */
  public unplacedEntries(): readonly UnplacedEntry[] {
    if (this.unplaced) return this.unplaced;
    const out: UnplacedEntry[] = [];
    for (const a of nodesOf(this.graph, 'transit-attachment')) {
      const tables = this.tablesOfAttachment.get(a.id) ?? [];
      const what = this.unplacedWhat(a);
      if (what !== undefined) out.push({ id: a.id, what, tables });
    }
    for (const { id, zone, tables, what } of this.externalAttachments()) {
      if (what !== undefined) out.push({ id, what, tables, unmodelled: true });
      else if (zone === undefined) out.push({ id, what: `transit gateway attachment ${id} (outside the synthesized output; its route tables carry no one zone label)`, tables });
    }
    // A VPC attachment of the output's VPC to a transit gateway the output does not hold (a literal id: a gateway shared
    // from another account): whatever that gateway's tables send to the VPC enters it (outside auditor, red team 38).
    for (const a of nodesOf(this.graph, 'transit-attachment')) {
      if (a.kind !== 'vpc' || a.vpc?.kind !== 'node' || !this.vpcs.has(a.vpc.id)) continue;
      if (a.transitGateway.kind === 'node' && this.graph.nodes.get(a.transitGateway.id)?.type === 'transit-gateway') continue;
      out.push({
        id: a.id,
        what: `transit gateway VPC attachment ${this.name(a.id)} (the networks on transit gateway ${describeRef(a.transitGateway)}, outside the synthesized output)`,
        tables: [],
        vpcs: [a.vpc.id],
      });
    }
    // A VPC peering with a VPC the output does not hold: what the peer sends to this VPC's blocks is delivered (§4).
    for (const p of nodesOf(this.graph, 'vpc-peering')) {
      const sides = [p.vpc, p.peerVpc].map((r) => (r.kind === 'node' ? this.vpcs.get(r.id) : undefined));
      const inside = sides.filter((v): v is VpcInfo => v !== undefined);
      if (inside.length !== 1) continue;
      const outside = describeRef(sides[0] ? p.peerVpc : p.vpc);
      out.push({ id: p.id, what: `VPC peering ${this.name(p.id)} (the peer VPC ${outside} is outside the synthesized output)`, tables: [], vpcs: inside.map((v) => v.node.id) });
    }
    this.unplaced = out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    return this.unplaced;
  }

  /** What is behind an attachment of the output that the guard cannot place, in words; undefined for one it can. */
  private unplacedWhat(a: TransitAttachmentNode): string | undefined {
    if (a.kind === 'vpn') return a.zone && ZONES.has(a.zone) ? undefined : `VPN ${this.name(a.id)} (no known jichitai:zone label)`;
    if (a.kind === 'peering') return `transit gateway peering attachment ${this.name(a.id)} (the peer gateway's networks)`;
    if (a.kind === 'direct-connect') return `Direct Connect gateway association ${this.name(a.id)} (the networks behind the Direct Connect gateway)`;
    if (a.sharedBy !== undefined) {
      const gateway = a.transitGateway.kind === 'node' ? this.name(a.transitGateway.id) : describeRef(a.transitGateway);
      return `the attachments other accounts make on transit gateway ${gateway} (shared by ${this.name(a.sharedBy)})`;
    }
    return a.vpc?.kind === 'node' && this.vpcs.has(a.vpc.id) ? undefined : `transit gateway VPC attachment ${this.name(a.id)} (its VPC is outside the synthesized output)`;
  }

  /** Where every header goes when it enters at one of the `unplacedEntries` (as from a zone, semantics §5). */
  public probeFromEntry(entry: UnplacedEntry): { arrivals: Arrival[]; drops: Drop[] } {
    const headers = this.everyHeader();
    return this.probe(`entry ${entry.id}`, (walk) => {
      const step = makeStep(entry.id, 'attachment', undefined, 'unplaced');
      for (const table of entry.tables) this.routeTransit(walk, entry.id, table, headers, step, []);
      for (const id of entry.vpcs ?? []) {
        const vpc = this.vpcs.get(id);
        if (vpc) this.enterFromGateway(walk, vpc, headers, makeStep(entry.id, 'peering', undefined));
      }
    }, headers);
  }

  /** Whether a transit route table sends some of the headers somewhere: a route other than a blackhole (or of unreadable destination). */
  private routesSome(table: TransitRouteTableNode, headers: HeaderSet): boolean {
    let live = this.liveTransitRanges.get(table.id);
    if (!live) {
      live = this.transitTableRuns(table).runs.filter((r) => r.choices.some((c) => c.kind !== 'static' || !c.blackhole)).map((r) => [r.a0, r.a1] as Range);
      this.liveTransitRanges.set(table.id, live);
    }
    return bucketByDestination(headers, live).some((part) => part.length > 0);
  }

  /**
   * Where traffic from an external zone enters: every VPN attachment labelled with the zone, and every attachment named
   * by id whose route table is. Found once per zone (a prefecture's flows ask per member).
   */
  private zoneEntries(zone: string): { id: string; tables: TransitRouteTableNode[] }[] {
    let entries = this.zoneEntryCache.get(zone);
    if (entries) return entries;
    entries = [];
    for (const a of nodesOf(this.graph, 'transit-attachment')) {
      if (a.kind === 'vpn' && a.zone === zone) entries.push({ id: a.id, tables: this.tablesOfAttachment.get(a.id) ?? [] });
    }
    for (const e of this.externalAttachments()) if (e.zone === zone) entries.push({ id: e.id, tables: e.tables });
    this.zoneEntryCache.set(zone, entries);
    return entries;
  }

  /**
   * What the transit route tables' associations name that is no attachment the guard models, each with those tables, in
   * order of first association: an attachment named by id (outside the output), with the one zone label its tables carry
   * (`declaredZone`) — zone entries and unplaced entries alike start there; and, never placed by a label, a resource of
   * the output the guard does not read as an attachment (a Cloud WAN peering, a type it does not read, a node of another
   * type) or a value it cannot resolve, with what it is in words (`unmodelledWhat`): an unplaced entry. The value itself
   * is reported where it is read (a wrong type, an unresolved value: GUARD-1); here it is where traffic may enter. Found once.
   */
  private externalAttachments(): readonly { id: string; zone: string | undefined; tables: TransitRouteTableNode[]; what?: string }[] {
    if (this.external) return this.external;
    const byId = new Map<string, TransitRouteTableNode[]>();
    const refs = new Map<string, Ref>();
    // A value the guard cannot resolve is named on the path by a short stand-in, one per expression: `(unresolved)`, `(unresolved 2)`…
    const unresolved = new Map<string, string>();
    const standIn = (expression: string): string => {
      const id = unresolved.get(expression) ?? (unresolved.size === 0 ? '(unresolved)' : `(unresolved ${unresolved.size + 1})`);
      unresolved.set(expression, id);
      return id;
    };
    for (const t of nodesOf(this.graph, 'transit-route-table')) {
      for (const r of t.associations) {
        if (r.kind === 'node' && this.graph.nodes.get(r.id)?.type === 'transit-attachment') continue;
        const id = r.kind === 'unresolved' ? standIn(r.expression) : describeRef(r);
        if (byId.get(id)?.includes(t)) continue;
        push(byId, id, t);
        if (!refs.has(id)) refs.set(id, r);
      }
    }
    this.external = [...byId].map(([id, tables]) => {
      const ref = refs.get(id)!;
      return ref.kind === 'external' ? { id, tables, zone: this.declaredZone(ref) } : { id, tables, zone: undefined, what: this.unmodelledWhat(ref) };
    });
    return this.external;
  }

  /** What an association names that is neither an attachment the guard models nor a literal id, in words (`externalAttachments`). */
  private unmodelledWhat(ref: Ref): string {
    if (ref.kind !== 'node') return `a transit gateway attachment the guard cannot resolve (${describeRef(ref)})`;
    const node = this.graph.nodes.get(ref.id);
    if (node?.type === 'cloud-wan-peering') return `Cloud WAN transit gateway peering ${this.name(ref.id)} (the networks of core network ${describeRef(node.coreNetwork)})`;
    return node ? `${this.name(ref.id)} (a ${node.type}, associated as a transit gateway attachment)`
      : `${this.name(ref.id)} (a resource the guard does not read, associated as a transit gateway attachment)`;
  }

  private probe(from: string, run: (walk: Walk) => void, headers: HeaderSet, options: ProbeOptions = {}): { arrivals: Arrival[]; drops: Drop[] } {
    // The same question is asked again when several guarded stacks share this reachability (a prefecture's members).
    const sure = options.sure === true;
    let key = sure ? `sure ${from}` : from;
    for (let i = 0; i < headers.length; i++) key += `${i === 0 ? '\u0000' : ';'}${boxText(headers[i])}`;
    let known = this.probeCache.get(key);
    if (!known) {
      known = this.runProbe(from, run, sure);
      this.probeCache.set(key, known);
    }
    return known;
  }

  private runProbe(from: string, run: (walk: Walk) => void, sure: boolean): { arrivals: Arrival[]; drops: Drop[] } {
    const walk: Walk = { from, recordAll: true, segment: this.segmentOf(from), out: [], onPath: new Set(), seen: new Map() };
    const drops: Drop[] = [];
    this.dropLog = drops;
    this.sure = sure;
    try {
      run(walk);
    } finally {
      this.dropLog = undefined;
      this.sure = false;
    }
    return { arrivals: walk.out, drops };
  }

  /** Record lost packets while a probe runs (nothing otherwise: the rules' walks do not pay for it). */
  private lost(node: string, reason: () => string, headers: HeaderSet): void {
    // The reason is worded only for packets really lost: most hops of a probe lose nothing.
    if (this.dropLog && headers.length > 0) this.dropLog.push({ node, reason: reason(), headers });
  }

  private unknown(walk: Walk, node: string, reason: string, fix: string, headers: HeaderSet, step: Step, firewalls: readonly string[]): void {
    this.arrive(walk, { kind: 'unknown', node, reason, fix }, headers, step, firewalls);
  }

  /** A packet set in a subnet: delivered there if addressed to it, else routed by the subnet's table(s). */
  private at(walk: Walk, pos: Position, headers: HeaderSet, step: Step, firewalls: readonly string[]): void {
    if (headers.length === 0) return;
    const key = `${pos.subnet.node.id}|${pos.origin}`;
    // Routing decides on the destination only: coming back with the same origin can do nothing new (semantics §8).
    if (walk.onPath.has(key)) return;
    // An exact repeat (the same set at the same place, e.g. from two AZs' firewall subnets) is explored once.
    const place = firewalls.length === 0 ? key : `${key}|${firewalls.join(',')}`;
    const before = walk.seen.get(place);
    if (before) {
      const k = keyOf(headers);
      if (before.some((h) => keyOf(h) === k)) return;
      before.push(headers);
    } else {
      walk.seen.set(place, [headers]);
    }
    walk.onPath.add(key);
    step.headers = headers;
    let rest: HeaderSet = headers;
    if (pos.subnet.own.length > 0) {
      if (this.wanted(walk, pos.subnet)) {
        this.arrive(walk, { kind: 'subnet', subnet: pos.subnet.node.id }, withinRanges(headers, pos.subnet.own), step, firewalls);
      }
      rest = withoutDestinations(headers, pos.subnet.own);
    }
    if (pos.subnet.tables.length === 0 && !pos.subnet.vpc && rest.length > 0) {
      // Without an association it uses its VPC's main route table, and the VPC is not in the output (a literal id, as
      // Vpc.fromLookup writes; a parameter; the default VPC): that table may route anywhere (outside auditor, red team 38).
      this.unknown(walk, pos.subnet.node.id, `subnet ${pos.subnet.node.id} uses the main route table of VPC ${describeRef(pos.subnet.node.vpc)}, which is not in the synthesized output`,
        'associate the subnet with a route table of the output, or build its VPC in the guarded scope', rest, step, firewalls);
    } else if (this.dropLog && pos.subnet.tables.length === 0) {
      this.lost(pos.subnet.node.id, () => `subnet ${pos.subnet.node.id} has no route table`, rest);
    }
    for (const table of pos.subnet.tables) {
      const { runs, ranges } = this.tableRuns(table);
      const parts = bucketByDestination(rest, ranges);
      if (this.dropLog) this.lost(table.id, () => `no route in ${this.name(table.id)}`, withoutDestinations(rest, ranges));
      for (let r = 0; r < runs.length; r++) {
        const part = parts[r];
        if (part.length === 0) continue;
        for (const choice of runs[r].choices) {
          const routed = makeStep(choice.kind === 'route' ? choice.edge.source : table.id, 'route', step, choice.destination, table.id);
          if (choice.kind === 'local') this.deliverLocally(walk, pos.subnet, pos.subnet.vpc, part, routed, firewalls);
          else this.follow(walk, pos, choice.edge, part, routed, firewalls);
        }
      }
    }
    walk.onPath.delete(key);
  }

  /** Where one route sends a packet set (semantics §4, route targets). */
  private follow(walk: Walk, pos: Position, edge: RouteEdge, part: HeaderSet, step: Step, firewalls: readonly string[]): void {
    const from = pos.subnet;
    const node = deref<GraphNode>(this.graph, edge.ref);
    const target = describeRef(edge.ref);
    const unresolvable = edge.ref.kind === 'unresolved' || (edge.ref.kind === 'external' && edge.target !== RouteTarget.LOCAL);
    switch (edge.target) {
      case RouteTarget.LOCAL:
        this.deliverLocally(walk, from, from.vpc, part, step, firewalls);
        return;
      case RouteTarget.INTERNET_GATEWAY:
      case RouteTarget.EGRESS_ONLY_INTERNET_GATEWAY: {
        if (unresolvable) break;
        const out = this.leave(from, part);
        const internet = withinRanges(out, this.internetRuns);
        this.arrive(walk, { kind: 'internet' }, internet, makeStep(target, 'gateway', step, edge.target), firewalls);
        return;
      }
      case RouteTarget.NAT_GATEWAY: {
        const nat = node?.type === 'nat-gateway' ? node as NatGatewayNode : undefined;
        const natSubnet = nat?.subnet.kind === 'node' ? this.subnets.get(nat.subnet.id) : undefined;
        if (!nat || !natSubnet) break;
        const entered = this.cross(from, natSubnet, part);
        const v4 = entered.filter((b) => familyOf(this.atoms.lo(b.d0)) === 4);
        const v6 = entered.filter((b) => familyOf(this.atoms.lo(b.d0)) === 6);
        const natStep = makeStep(nat.id, 'nat', step);
        this.unknown(walk, nat.id, `IPv6 to NAT gateway ${nat.id} (NAT64) is not modelled`, 'route IPv6 elsewhere (an egress-only gateway is checked), or remove the IPv6 route', v6, natStep, firewalls);
        // The NAT's own address is somewhere in its subnet: that block is the new source.
        const natSources = natSubnet.sources.filter((r) => familyOf(this.atoms.lo(r[0])) === 4);
        const translated = withSourcesIn(v4, natSources);
        this.at(walk, { subnet: natSubnet, origin: nat.id }, translated, makeStep(natSubnet.node.id, 'subnet', natStep), firewalls);
        return;
      }
      case RouteTarget.FIREWALL_ENDPOINT:
      case RouteTarget.VPC_ENDPOINT: {
        const fw = node?.type === 'firewall' ? node as FirewallNode : undefined;
        const gwlb = node?.type === 'vpc-endpoint' && (node as VpcEndpointNode).endpointType === 'GatewayLoadBalancer' ? node as VpcEndpointNode : undefined;
        const via = fw ?? gwlb;
        const inside = this.subnetsIn(via?.subnets ?? []);
        if (!via || inside.length === 0) break;
        const passed = fw ? [...firewalls, fw.id] : firewalls;
        const viaStep = makeStep(via.id, fw ? 'firewall' : 'endpoint', step);
        // The guard does not know the AZ: every subnet of the firewall / endpoint is followed (semantics §4).
        for (const s of inside) {
          this.at(walk, { subnet: s, origin: pos.origin }, this.cross(from, s, part), makeStep(s.node.id, 'subnet', viaStep), passed);
        }
        return;
      }
      case RouteTarget.TRANSIT_GATEWAY:
        this.throughTransit(walk, pos, edge.ref, part, step, firewalls);
        return;
      case RouteTarget.VPC_PEERING: {
        const peering = node?.type === 'vpc-peering' ? node as PeeringNode : undefined;
        if (!peering) break;
        const mine = from.vpc?.node.id;
        const other = peering.vpc.kind === 'node' && peering.vpc.id === mine ? peering.peerVpc : peering.vpc;
        const peer = other.kind === 'node' ? this.vpcs.get(other.id) : undefined;
        const peeringStep = makeStep(peering.id, 'peering', step);
        if (!peer) {
          this.unknown(walk, peering.id, `the peer VPC ${describeRef(other)} is not in the synthesized output`, 'synthesize the peer VPC in the guarded scope, or remove the peering', part, peeringStep, firewalls);
          return;
        }
        // Not transitive: delivered in the peer VPC or dropped.
        const inPeer: Box[] = [];
        for (const b of peer.blocks) appendAll(inPeer, withDestinations(part, b.range[0], b.range[1]));
        this.deliverLocally(walk, from, peer, inPeer, peeringStep, firewalls);
        return;
      }
      case RouteTarget.VPN_GATEWAY: {
        const vgw = node?.type === 'vpn-gateway' ? node as VpnGatewayNode : undefined;
        if (!vgw) break;
        const zone = gatewayZone(vgw);
        const vgwStep = makeStep(vgw.id, 'gateway', step, 'vgw');
        if (zone) {this.arrive(walk, { kind: 'zone', zone }, this.leave(from, part), vgwStep, firewalls);} else {
          this.unknown(walk, vgw.id, unlabelledGateway(vgw), 'tag the VPN gateway jichitai:zone = LGWAN_WAN or SECURITY_CLOUD (where it leads), or remove the route',
            part, vgwStep, firewalls);
        }
        return;
      }
      case RouteTarget.ROUTE_SERVER:
        // Its routes lead to its BGP peers' network interfaces (appliances), which the guard does not follow.
        this.unknown(walk, edge.source, `route server ${target} propagates the routes its BGP peers advertise, toward network interfaces the guard does not follow`,
          'remove the route server propagation from the route table, or route to a gateway, NAT gateway, firewall endpoint, transit gateway or peering of the same app',
          part, makeStep(target, 'target', step, edge.target), firewalls);
        return;
      default:
        break;
    }
    const why = edge.ref.kind === 'unresolved' ? `the route target ${target} cannot be resolved`
      : !node ? `the route target ${target} (${edge.target}) is not in the synthesized output`
        : `${edge.target} ${target} forwards traffic where the guard cannot follow`;
    this.unknown(walk, edge.source, why,
      'route to a gateway, NAT gateway, firewall endpoint, transit gateway or peering of the same app, so that the guard can follow the path', part,
      makeStep(target, 'target', step, edge.target), firewalls);
  }

  /** The subnets the refs name that the output holds, in order (a loop, not `map` + `filter`: see `withinRanges`). */
  private subnetsIn(refs: readonly Ref[]): SubnetInfo[] {
    const out: SubnetInfo[] = [];
    for (const r of refs) {
      const s = r.kind === 'node' ? this.subnets.get(r.id) : undefined;
      if (s) out.push(s);
    }
    return out;
  }

  /** The transit gateway hop (semantics §5). */
  private throughTransit(walk: Walk, pos: Position, gateway: Ref, part: HeaderSet, step: Step, firewalls: readonly string[]): void {
    const from = pos.subnet;
    const vpcId = from.vpc?.node.id;
    const attachments = (vpcId ? this.attachmentsOf.get(vpcId) ?? [] : []).filter((a) => sameRef(a.transitGateway, gateway));
    const tgwStep = makeStep(describeRef(gateway), 'tgw', step);
    if (attachments.length === 0) {
      this.unknown(walk, describeRef(gateway), `the VPC has no attachment to transit gateway ${describeRef(gateway)} in the synthesized output`,
        'attach the VPC to the transit gateway in the same app (or remove the route)', part, tgwStep, firewalls);
      return;
    }
    for (const attachment of attachments) {
      const inside = this.subnetsIn(attachment.subnets);
      // The packet reaches the gateway through the attachment's interface in one of its subnets (AZ unknown: any; for a
      // probe that counts only what surely arrives, the sender's AZ's, `crossSure`).
      const entered = inside.length === 0 ? [...part]
        : this.sure ? this.crossSure(from, inside, part, attachment.id) : this.crossAny(from, inside, part);
      if (deref<GraphNode>(this.graph, attachment.transitGateway)?.type !== 'transit-gateway') {
        this.unknown(walk, attachment.id, `transit gateway ${describeRef(attachment.transitGateway)} is not in the synthesized output, so its route tables are unknown`,
          'guard the stack that creates the transit gateway together with this one (CDK cross-stack references are followed)', entered, tgwStep, firewalls);
        continue;
      }
      // Explicit associations, or the default association table (the graph builder applies AWS's defaults). None: dropped.
      const tables = this.tablesOfAttachment.get(attachment.id) ?? [];
      if (tables.length === 0) this.lost(attachment.id, () => `attachment ${attachment.id} is associated with no transit gateway route table`, entered);
      for (const table of tables) this.routeTransit(walk, pos.origin, table, entered, tgwStep, firewalls);
    }
  }

  /** A transit gateway route table's decision for the packets that entered through one of its attachments. */
  private routeTransit(
    walk: Walk, origin: string, table: TransitRouteTableNode, entered: HeaderSet, tgwStep: Step, firewalls: readonly string[],
  ): void {
    const { runs, ranges } = this.transitTableRuns(table);
    const parts = bucketByDestination(entered, ranges);
    if (this.dropLog) this.lost(table.id, () => `no route in ${this.name(table.id)}`, withoutDestinations(entered, ranges));
    for (let r = 0; r < runs.length; r++) {
      const p2 = parts[r];
      if (p2.length === 0) continue;
      for (const choice of runs[r].choices) {
        const routed = makeStep(choice.kind === 'static' ? choice.source : table.id, 'tgw-route', tgwStep, choice.destination, table.id);
        if (choice.kind === 'static' && choice.blackhole) {
          this.lost(choice.source, () => `blackhole ${choice.destination} in ${this.name(table.id)}`, p2);
          continue;
        }
        this.toAttachment(walk, origin, choice.attachment!, p2, routed, firewalls);
      }
    }
  }

  /** From a transit gateway route to its attachment. */
  private toAttachment(walk: Walk, origin: string, ref: Ref, part: HeaderSet, step: Step, firewalls: readonly string[]): void {
    const next = deref<GraphNode>(this.graph, ref);
    // An attachment the template names by id (an existing Direct Connect or VPN attachment) leads to the zone of the
    // route table it is associated with, when that table is labelled with one (semantics §5).
    const declared = ref.kind === 'external' ? this.declaredZone(ref) : undefined;
    if (declared) {
      this.arrive(walk, { kind: 'zone', zone: declared }, part, makeStep(describeRef(ref), 'attachment', step, declared), firewalls);
      return;
    }
    if (next?.type === 'cloud-wan-peering') {
      this.unknown(walk, next.id, `Cloud WAN transit gateway peering ${next.id} leads to core network ${describeRef(next.coreNetwork)}, where the guard cannot follow`,
        'route to an attachment (VPC or labelled VPN) of the same app', part, makeStep(next.id, 'attachment', step), firewalls);
      return;
    }
    if (next?.type !== 'transit-attachment') {
      this.unknown(walk, describeRef(ref), `transit gateway attachment ${describeRef(ref)} is not in the synthesized output`,
        'route to an attachment (VPC or labelled VPN) of the same app', part, makeStep(describeRef(ref), 'attachment', step), firewalls);
      return;
    }
    const a = next as TransitAttachmentNode;
    const attachmentStep = makeStep(a.id, 'attachment', step, a.zone);
    if (a.kind === 'vpn') {
      if (a.zone && ZONES.has(a.zone)) {this.arrive(walk, { kind: 'zone', zone: a.zone }, part, attachmentStep, firewalls);} else {
        this.unknown(walk, a.id, `VPN ${a.id} has ${a.zone ? `the unknown zone label "${a.zone}"` : 'no jichitai:zone label'}`,
          'tag the VPN connection jichitai:zone = LGWAN_WAN or SECURITY_CLOUD (where it leads)', part, attachmentStep, firewalls);
      }
      return;
    }
    const vpc = a.kind === 'vpc' && a.vpc?.kind === 'node' ? this.vpcs.get(a.vpc.id) : undefined;
    const inside = this.subnetsIn(a.subnets);
    if (!vpc || inside.length === 0) {
      this.unknown(walk, a.id, a.kind === 'vpc' ? `the VPC or subnets of attachment ${a.id} are not in the synthesized output` : `${a.kind} attachment ${a.id} leads where the guard cannot follow`,
        'attach VPCs of the same app, or labelled VPNs, to the transit gateway', part, attachmentStep, firewalls);
      return;
    }
    // Arriving from the gateway: no NACL on arrival; the attachment subnet's route table decides (semantics §5, §6).
    for (const s of inside) this.at(walk, { subnet: s, origin }, part, makeStep(s.node.id, 'subnet', attachmentStep), firewalls);
  }

  /** The zone of an attachment outside the output: the one zone label of the transit route tables associated with it. */
  private declaredZone(ref: Ref): string | undefined {
    const zones = new Set(nodesOf(this.graph, 'transit-route-table')
      .filter((t) => t.associations.some((a) => sameRef(a, ref))).map((t) => t.tags['jichitai:zone']));
    const [zone] = zones;
    return zones.size === 1 && zone !== undefined && ZONES.has(zone) ? zone : undefined;
  }

  /** Delivery inside a VPC (local route or peering): to the subnet whose block holds the destination. */
  private deliverLocally(walk: Walk, from: SubnetInfo, vpc: VpcInfo | undefined, part: HeaderSet, step: Step, firewalls: readonly string[]): void {
    if (!vpc) return;
    if (!vpc.subnets.some((t) => this.wanted(walk, t))) return;
    // The sender's outbound entries match destinations only, so they can be applied once before the split.
    const pieces = this.byHolder(vpc, this.nacl(from, true, part), (t) => t !== from && this.wanted(walk, t));
    // Within the sender's own subnet no NACL applies.
    if (from.vpc === vpc && this.wanted(walk, from)) {
      const own = withinRanges(part, from.holds);
      if (own.length > 0) pieces.set(from, [...(pieces.get(from) ?? []), ...own]);
    }
    for (const t of vpc.subnets) {
      const there = pieces.get(t);
      if (!there) continue;
      this.arrive(walk, { kind: 'subnet', subnet: t.node.id }, t === from ? there : this.nacl(t, false, there), makeStep(t.node.id, 'subnet', step), firewalls);
    }
  }

  /** Entering a VPC from a gateway (a labelled VPN gateway): delivered by the local route, through the inbound NACL. */
  private enterFromGateway(walk: Walk, vpc: VpcInfo, part: HeaderSet, step: Step): void {
    const pieces = this.byHolder(vpc, part, (t) => this.wanted(walk, t));
    for (const t of vpc.subnets) {
      const there = pieces.get(t);
      if (there) this.arrive(walk, { kind: 'subnet', subnet: t.node.id }, this.nacl(t, false, there), makeStep(t.node.id, 'subnet', step), []);
    }
  }

  /** The part of a packet set each subnet of the VPC holds (the subnets `include` accepts). */
  private byHolder(vpc: VpcInfo, part: HeaderSet, include: (t: SubnetInfo) => boolean): Map<SubnetInfo, Box[]> {
    const delivery = this.deliveryOf(vpc);
    const byRange = bucketByDestination(part, delivery.ranges);
    const pieces = new Map<SubnetInfo, Box[]>();
    const add = (t: SubnetInfo, boxes: Box[]) => {
      if (boxes.length > 0) pieces.set(t, [...(pieces.get(t) ?? []), ...boxes]);
    };
    delivery.subnets.forEach((t, i) => { if (include(t)) add(t, byRange[i]); });
    for (const { range, subnet: t } of delivery.overlapping) {
      if (include(t)) add(t, withDestinations(part, range[0], range[1]));
    }
    return pieces;
  }

  /** A VPC's subnets by the ranges they hold, sorted; ranges that overlap another (unread blocks) are kept apart. */
  private deliveryOf(vpc: VpcInfo): NonNullable<VpcInfo['delivery']> {
    if (vpc.delivery) return vpc.delivery;
    const entries = vpc.subnets.flatMap((subnet) => subnet.holds.map((range) => ({ range, subnet }))).sort((a, b) => a.range[0] - b.range[0]);
    const ranges: Range[] = [];
    const subnets: SubnetInfo[] = [];
    const overlapping: { range: Range; subnet: SubnetInfo }[] = [];
    for (const e of entries) {
      const clash = entries.some((o) => o !== e && o.range[0] <= e.range[1] && e.range[0] <= o.range[1]);
      if (clash) {overlapping.push(e);} else { ranges.push(e.range); subnets.push(e.subnet); }
    }
    vpc.delivery = { ranges, subnets, overlapping };
    return vpc.delivery;
  }

  /**
   * Reaching a transit gateway through one of its attachment's subnets (which one is not known): X's outbound entries,
   * then the attachment subnet's inbound entries — X's own when X is that subnet (AWS Transit Gateway guide, "Network
   * ACLs for transit gateways", "Same subnet for EC2 instances and transit gateway association": for traffic from the
   * instances to the transit gateway, outbound rules are evaluated on the destination and inbound rules on the source).
   * The union over the subnets, computed once per distinct inbound NACL.
   */
  private crossAny(x: SubnetInfo, ys: SubnetInfo[], part: HeaderSet): Box[] {
    const out = this.nacl(x, true, part);
    const byAcls = new Map<string, SubnetInfo>();
    for (const y of ys) {
      let key = '';
      for (let i = 0; i < y.acls.length; i++) key += i === 0 ? y.acls[i].id : `,${y.acls[i].id}`;
      byAcls.set(key, y);
    }
    const union: Box[] = [];
    for (const y of byAcls.values()) appendAll(union, this.nacl(y, false, out));
    return dedupe(union);
  }

  /**
   * `crossAny` for a probe that counts only what surely arrives (`ProbeOptions.sure`): the packet reaches the gateway
   * through the attachment's subnet in the sender's Availability Zone (AWS Transit Gateway guide, "Amazon VPC
   * attachments", Limits: traffic is forwarded to the transit gateway only when it has an attachment in a subnet in the
   * same Availability Zone). When the zones of X and of every attachment subnet are literals, that subnet's inbound
   * entries (none there: nothing reaches the gateway); otherwise what every attachment subnet's inbound entries let in.
   */
  private crossSure(x: SubnetInfo, ys: SubnetInfo[], part: HeaderSet, attachment: string): Box[] {
    const out = this.nacl(x, true, part);
    const zone = literalZone(x.node.availabilityZone);
    let through = ys;
    if (zone !== undefined && ys.every((y) => literalZone(y.node.availabilityZone) !== undefined)) {
      through = ys.filter((y) => y.node.availabilityZone === zone);
      if (through.length === 0) {
        this.lost(attachment, () => `attachment ${this.name(attachment)}, which has no subnet in ${zone} (the Availability Zone of subnet ${this.name(x.node.id)})`, out);
        return [];
      }
    }
    // Each distinct inbound NACL once; applied one after the other, they keep what every one of them lets in.
    const applied = new Set<string>();
    let entered: Box[] = out;
    for (const y of through) {
      let key = '';
      for (let i = 0; i < y.acls.length; i++) key += i === 0 ? y.acls[i].id : `,${y.acls[i].id}`;
      if (applied.has(key)) continue;
      applied.add(key);
      entered = this.nacl(y, false, entered);
    }
    return entered;
  }

  /** Leaving subnet X for subnet Y: X's outbound NACL, then Y's inbound one; nothing within one subnet (semantics §6). */
  private cross(x: SubnetInfo, y: SubnetInfo, part: HeaderSet): Box[] {
    if (x === y) return [...part];
    return this.nacl(y, false, this.nacl(x, true, part));
  }

  /** Leaving subnet X for a gateway: X's outbound NACL. */
  private leave(x: SubnetInfo, part: HeaderSet): Box[] {
    return this.nacl(x, true, part);
  }

  /**
   * The headers a subnet's NACL lets through in one direction. Several associations of one subnet: AWS applies one, the
   * association made last (a subnet is associated with one network ACL at a time, Amazon VPC user guide, "Network ACL
   * basics"), which the output does not fix: what any of them lets through (semantics §6), or, for a probe that counts
   * only what surely arrives (`ProbeOptions.sure`), what every one of them lets through.
   */
  private nacl(s: SubnetInfo, egress: boolean, part: HeaderSet): Box[] {
    if (part.length === 0) return [];
    if (s.acls.length === 0) return [...part];
    // Pushed into one list, not `acls.map(...).flat()`: flat's result, and an optimized map's, is a holey array, a second
    // array shape for every site a header set reaches (`withinRanges`).
    const passed: Box[] = [];
    // For `sure`, each NACL filters what the ones before it let through.
    let kept: Box[] = [...part];
    for (const acl of s.acls) {
      const known = egress ? this.compiledOut : this.compiledIn;
      let compiled = known.get(acl.id);
      if (!compiled) {
        const entries = compileNacl(acl.entries, egress, this.atoms, this.protocols);
        compiled = { entries, all: allowsAll(entries, this.atoms, this.protocols) };
        known.set(acl.id, compiled);
      }
      if (this.sure) kept = compiled.all ? kept : applyNacl(kept, compiled.entries);
      else appendAll(passed, compiled.all ? part : applyNacl(part, compiled.entries));
    }
    const out = this.sure ? kept : s.acls.length === 1 ? passed : dedupe(passed);
    if (this.dropLog) {
      const which = s.acls.map((a) => this.name(a.id)).join(', ');
      const several = s.acls.length > 1 && this.sure ? ', associated with several network ACLs: AWS applies one of them, the association made last' : '';
      this.lost(s.node.id, () => `the ${egress ? 'outbound' : 'inbound'} entries of ${which} (subnet ${this.name(s.node.id)}${several})`, subtractAll(part, out));
    }
    return out;
  }

  /** A VPC route table cut into runs: longest prefix wins, an explicit route beats the local route of the same block. */
  private tableRuns(table: RouteTableNode): Runs<VpcChoice> {
    const known = this.runs.get(table.id);
    if (known) return known;
    const entries: PaintEntry<VpcChoice>[] = [];
    const anywhere: VpcChoice[] = [];
    const propagated: VpcChoice[] = [];
    for (const edge of table.routes) {
      if (edge.propagated) {
        propagated.push(routeChoice(edge));
        continue;
      }
      const p = parsePrefix(edge.destination);
      if (p) entries.push({ range: this.atoms.range(p), length: p.length, priority: 0, choice: routeChoice(edge) });
      else anywhere.push(routeChoice(edge)); // a prefix list or unreadable destination may match anything
    }
    const vpc = table.vpc.kind === 'node' ? this.vpcs.get(table.vpc.id) : undefined;
    for (const b of vpc?.blocks ?? []) entries.push({ range: b.range, length: b.prefix.length, priority: 1, choice: localChoice(`${formatPrefix(b.prefix)} local`) });
    // A VPN gateway's propagated prefixes may be anything, more specific than any static route, but never win over the
    // local route (AWS Site-to-Site VPN user guide, "Route tables and VPN route priority"): every address outside the
    // VPC's blocks may also go to the gateway (semantics §4).
    const outside = propagated.length === 0 ? undefined : { choices: propagated, except: (vpc?.blocks ?? []).map((b) => b.range) };
    const runs = withRanges(paint(this.atoms.size, entries, anywhere, outside));
    this.runs.set(table.id, runs);
    return runs;
  }

  /** A transit gateway route table cut into runs: longest prefix wins, a static route beats a propagated one of the same length. */
  private transitTableRuns(table: TransitRouteTableNode): Runs<TransitChoice> {
    const known = this.transitRuns.get(table.id);
    if (known) return known;
    const entries: PaintEntry<TransitChoice>[] = [];
    const anywhere: TransitChoice[] = [];
    for (const r of table.routes) {
      const choice = transitChoice('static', r.destination, r.attachment, r.blackhole, r.source);
      const p = parsePrefix(r.destination);
      if (p) entries.push({ range: this.atoms.range(p), length: p.length, priority: 0, choice });
      else anywhere.push(choice);
    }
    for (const ref of table.propagations) {
      const a = deref<GraphNode>(this.graph, ref);
      const vpc = a?.type === 'transit-attachment' && a.kind === 'vpc' && a.vpc?.kind === 'node' ? this.vpcs.get(a.vpc.id) : undefined;
      if (vpc && vpc.blocks.length > 0) {
        for (const b of vpc.blocks) {
          entries.push({ range: b.range, length: b.prefix.length, priority: 1, choice: transitChoice('propagated', `${formatPrefix(b.prefix)} (propagated)`, ref) });
        }
      } else if (!(a?.type === 'transit-attachment' && a.kind === 'peering')) {
        // A VPN announces prefixes by BGP (any of them); an unreadable attachment could too.
        anywhere.push(transitChoice('propagated', 'any prefix (propagated)', ref));
      }
    }
    const runs = withRanges(paint(this.atoms.size, entries, anywhere));
    this.transitRuns.set(table.id, runs);
    return runs;
  }

  private name(id: string): string {
    const p = this.graph.nodes.get(id)?.path;
    return p ? p.replace(/\/Resource$/, '').split('/').slice(-2).join('/') : id;
  }

  private label(s: Step): string {
    switch (s.kind) {
      case 'subnet': {
        const node = this.graph.nodes.get(s.node) as SubnetNode | undefined;
        const blocks = [node?.cidr, node?.ipv6Cidr].filter((c) => c !== undefined).join(', ');
        // The first step of a walk from a subnet whose occupants send with any source address says so (`explore`).
        return `subnet ${node?.path ?? s.node}${blocks ? ` (${blocks})` : ''}${s.detail ? ` [${s.detail} source/destination check off]` : ''}`;
      }
      case 'route':
      case 'tgw-route': {
        return `${this.name(s.table!)} ${s.detail}`;
      }
      case 'gateway': return `${s.detail === RouteTarget.EGRESS_ONLY_INTERNET_GATEWAY ? 'eigw' : s.detail === 'vgw' ? 'vgw' : 'igw'} ${this.name(s.node)}`;
      case 'nat': return `nat ${this.name(s.node)}`;
      case 'firewall': return `firewall ${this.name(s.node)}`;
      case 'endpoint': return `endpoint ${this.name(s.node)}`;
      case 'tgw': return `tgw ${this.name(s.node)}`;
      case 'attachment': return `attachment ${this.name(s.node)}${s.detail ? ` (${s.detail})` : ''}`;
      case 'peering': return `peering ${this.name(s.node)}`;
      default: return `${s.detail ?? 'target'} ${this.name(s.node)}`;
    }
  }
}

/** One route of a table to paint: its block as a range of address classes (exported for its property test). */
export interface PaintEntry<C> {
  readonly range: Range;
  readonly length: number;
  /** Lower wins among routes of the same block. */
  readonly priority: number;
  readonly choice: C;
}

/**
 * Longest prefix match over every address class at once: blocks are painted longest first (blocks of one length are
 * disjoint or equal), each class keeping the first paint; equal blocks keep every entry of the best priority.
 * `anywhere` choices join every class; `outside.choices` every class outside the `outside.except` ranges.
 *
 * What is painted is not each class but each segment between two consecutive ends of the table's ranges (the classes of a
 * segment are painted alike, so a run is a union of whole segments): a table costs in its own routes, not in the classes of
 * the whole graph. Painting every class made a prefecture's work grow with the square of its members (one table of classes
 * for the hub and every member, hundreds of route tables each painted over all of it). Exported for its property test.
 */
export function paint<C>(
  size: number, entries: readonly PaintEntry<C>[], anywhere: readonly C[], outside?: { choices: readonly C[]; except: readonly Range[] },
): Run<C>[] {
  const groups = new Map<string, { range: Range; length: number; best: number; choices: C[] }>();
  for (const e of entries) {
    const key = `${e.range[0]}-${e.range[1]}`;
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { range: e.range, length: e.length, best: e.priority, choices: [e.choice] });
    } else if (e.priority < g.best) {
      g.best = e.priority;
      g.choices = [e.choice];
    } else if (e.priority === g.best) {
      g.choices.push(e.choice);
    }
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length || a.range[0] - b.range[0]);
  // The segments: from each cut to the next (the last cut is `size`). A cut more than needed splits a segment whose
  // halves get the same paint, and the runs below join them again.
  const cuts: number[] = [0, size];
  const cut = (lo: number, hi: number) => {
    if (lo > 0 && lo < size) cuts.push(lo);
    if (hi + 1 > 0 && hi + 1 < size) cuts.push(hi + 1);
  };
  for (const g of ordered) cut(g.range[0], g.range[1]);
  for (const [lo, hi] of outside?.except ?? []) cut(lo, hi);
  cuts.sort((a, b) => a - b);
  const starts: number[] = [];
  for (const c of cuts) if (starts.length === 0 || starts[starts.length - 1] !== c) starts.push(c);
  const segments = starts.length - 1;
  // The segment a class lies in: the last start at or below it.
  const segmentOf = (a: number): number => {
    let lo = 0;
    let hi = segments - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (starts[mid] <= a) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // The first and last segment of a range of classes (clipped to the table's), or none.
  const segmentsIn = ([lo, hi]: Range): [number, number] | undefined =>
    (lo > hi || hi < 0 || lo >= size ? undefined : [segmentOf(lo < 0 ? 0 : lo), segmentOf(hi >= size ? size - 1 : hi)]);
  const painted = new Int32Array(segments).fill(-1);
  for (let i = 0; i < ordered.length; i++) {
    const [x0, x1] = segmentsIn(ordered[i].range) ?? [0, -1];
    for (let x = x0; x <= x1; x++) if (painted[x] === -1) painted[x] = i;
  }
  // Which segments the `outside` choices join (1), so that a run never straddles an excepted range's edge.
  const joins = new Uint8Array(outside ? segments : 0);
  if (outside) {
    joins.fill(1);
    for (const range of outside.except) {
      const [x0, x1] = segmentsIn(range) ?? [0, -1];
      joins.fill(0, x0, x1 + 1);
    }
  }
  const runs: Run<C>[] = [];
  for (let x = 0; x < segments;) {
    let y = x;
    while (y + 1 < segments && painted[y + 1] === painted[x] && (!outside || joins[y + 1] === joins[x])) y++;
    let choices: readonly C[] = painted[x] === -1 ? anywhere : [...ordered[painted[x]].choices, ...anywhere];
    if (outside && joins[x] === 1) choices = [...choices, ...outside.choices];
    if (choices.length > 0) runs.push({ a0: starts[x], a1: starts[y + 1] - 1, choices });
    x = y + 1;
  }
  return runs;
}

/**
 * Whether compiled NACL entries let every header through: an allow of every address, protocol and port of each family
 * comes before any deny (EC2's default NACL, and any NACL that starts that way).
 */
function allowsAll(entries: readonly CompiledEntry[], atoms: AtomTable, protocols: ProtocolTable): boolean {
  const every: Range = [0, atoms.size - 1];
  const whole = (lo: number, hi: number, f: Range) => lo <= f[0] && hi >= f[1];
  const covers = (b: Box, f: Range) => b.q0 === 0 && b.q1 === 65535
    && ((whole(b.d0, b.d1, f) && whole(b.s0, b.s1, every)) || (whole(b.s0, b.s1, f) && whole(b.d0, b.d1, every)));
  const open = new Set<number>();
  for (const e of entries) {
    if (!e.allow) return false;
    [atoms.family(4), atoms.family(6)].forEach((f, i) => {
      if (e.boxes.every((b) => covers(b, f)) && e.boxes.reduce((mask, b) => mask + b.p, 0) === protocols.all) open.add(i);
    });
    if (open.size === 2) return true;
  }
  return false;
}

/** The headers of `a` that no box of `b` holds. */
export function subtractAll(a: HeaderSet, b: HeaderSet): Box[] {
  let out: Box[] = [...a];
  for (const x of b) {
    // Most boxes of b cut nothing (a rule's many peers, a set's many parts): no copy then, and no array per box.
    if (!out.some((y) => overlaps(y, x))) continue;
    const next: Box[] = [];
    for (const y of out) {
      if (overlaps(y, x)) next.push(...subtract(y, x));
      else next.push(y);
    }
    out = next;
  }
  return out;
}

/** Exact duplicates out (the union of what several interfaces let through often repeats itself). */
function dedupe(boxes: Box[]): Box[] {
  const seen = new Set<string>();
  return boxes.filter((b) => {
    const k = boxText(b);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function withRanges<C>(runs: Run<C>[]): Runs<C> {
  const ranges: Range[] = [];
  for (const r of runs) ranges.push([r.a0, r.a1]);
  return { runs, ranges };
}

/** Headers whose destinations lie outside every given range. */
function withoutDestinations(set: HeaderSet, ranges: readonly Range[]): HeaderSet {
  let out: HeaderSet = set;
  for (const [a, b] of ranges) {
    // Most hops cut nothing: keep the set as it is rather than copying it.
    if (!out.some((x) => !(x.d1 < a || x.d0 > b))) continue;
    const next: Box[] = [];
    for (const x of out) {
      if (x.d1 < a || x.d0 > b) { next.push(x); continue; }
      if (x.d0 < a) next.push(makeBox(x.d0, a - 1, x.s0, x.s1, x.p, x.q0, x.q1));
      if (x.d1 > b) next.push(makeBox(b + 1, x.d1, x.s0, x.s1, x.p, x.q0, x.q1));
    }
    out = next;
  }
  return out;
}

/** The parts of a range outside the given (sorted, disjoint) ranges. */
function withoutRanges(range: Range, cut: Range[]): Range[] {
  const out: Range[] = [];
  let from = range[0];
  for (const [a, b] of cut) {
    if (b < from || a > range[1]) continue;
    if (a > from) out.push([from, a - 1]);
    from = Math.max(from, b + 1);
  }
  if (from <= range[1]) out.push([from, range[1]]);
  return out;
}

/** Sorted, merged ranges (callers push the ranges they give: a mapped or flatMapped list has another array shape). */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function formatPrefix(p: Prefix): string {
  return intervalToPrefixes(p.lo, p.hi)[0];
}

function sameRef(a: Ref | undefined, b: Ref | undefined): boolean {
  if (!a || !b) return false;
  if (a.kind === 'node' && b.kind === 'node') return a.id === b.id;
  if (a.kind === 'external' && b.kind === 'external') return a.value === b.value;
  return false;
}

/** Append to a list kept in a map (no copy of the list, unlike a spread). */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A hub VPC, or subnets of two member municipalities (their own `jichitai:municipality` tag, else their VPC's). */
function prefectureOf(graph: TopologyGraph): boolean {
  const codes = new Set<string>();
  for (const v of nodesOf(graph, 'vpc')) {
    if (v.hub) return true;
  }
  for (const s of nodesOf(graph, 'subnet')) {
    const vpc = s.vpc.kind === 'node' ? graph.nodes.get(s.vpc.id) : undefined;
    const code = s.tags[MUNICIPALITY_TAG_KEY] ?? (vpc?.type === 'vpc' ? vpc.municipality : undefined);
    if (code !== undefined) codes.add(code);
    if (codes.size > 1) return true;
  }
  return false;
}

/** Whether a subnet lies outside a walk's segment (or the walk has none): an arrival there is one `arrivals` records. */
function outsideSegment(segment: Segment | undefined, t: SubnetInfo): boolean {
  return segment === undefined || (t.node.segment ?? t.vpc?.node.segment) !== segment;
}

/**
 * An Availability Zone name as written, when it is one (`ap-northeast-1a`, `us-gov-west-1b`): not an expression left in
 * the value (a Terraform interpolation), and not a Local Zone or Wavelength Zone, whose traffic reaches a transit gateway
 * through its parent zone (AWS Transit Gateway guide, "Amazon VPC attachments", Limits).
 */
function literalZone(zone: string | undefined): string | undefined {
  return zone !== undefined && /^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/.test(zone) ? zone : undefined;
}

/** Why a VPN gateway leads to no one known zone (`gatewayZone` undefined). */
function unlabelledGateway(g: VpnGatewayNode): string {
  const zones = [...new Set(g.zones)];
  if (!g.tagged && zones.length > 0 && g.outside === true) {
    return `VPN gateway ${g.id} is outside the synthesized output: its VPN connections' jichitai:zone tags do not say where the rest on it leads`;
  }
  if (!g.tagged && zones.length > 0 && g.directConnect.length > 0) {
    return `VPN gateway ${g.id} is labelled only by its VPN connections' jichitai:zone tags, which do not say where Direct Connect ${g.directConnect.join(', ')} leads`;
  }
  return zones.length > 1 ? `VPN gateway ${g.id} is labelled with several zones (${zones.join(', ')})` : `VPN gateway ${g.id} has no jichitai:zone label`;
}
