/**
 * A brute-force reference for the guard's verdicts MN-1, MN-2, LG-1, MN-3, MN-4 and the path parts of SC-1 and GUARD-1, written only from
 * docs/guard-semantics.md (cited below as §n). Independent of src/ on purpose.
 *
 * Method: split each address family into atoms (the classes every literal prefix of the network and the internet
 * boundaries of §9 induce), split protocol × port into the classes the NACL entries induce, then take one concrete
 * representative packet per (source atom inside the source subnet, destination atom, protocol/port class) and walk it
 * hop by hop, branching wherever §4–§6 say several alternatives are followed. Every decision (longest prefix match,
 * NACL first match, "is it the internet") is taken on the representative's concrete address; decisions are cached per
 * atom only because every address of an atom is treated alike by construction.
 *
 * MN-3 includes its WAN part (§10, My Number ↔ LGWAN WAN), in the mode of a scope without declared flows (the only one
 * the comparison runs): the same walk records the destinations that reach LGWAN_WAN, and a second walk starts from the
 * zone's entries (§5 "Entering from a zone") with every source address. LG-1 includes its part for every model (§10:
 * the Internet segment and the LGWAN WAN, either way), read off the same two walks. What enters from the SECURITY_CLOUD
 * zone is walked the same way (once) for MN-1 and LG-1 (§10: it must not arrive in My Number or LGWAN). An unknown end of
 * a zone's walk reaches every subnet (§9), so it counts for MN-1 and LG-1 (from SECURITY_CLOUD), LG-1 and MN-3 (from
 * LGWAN_WAN) whenever a subnet of the segment concerned is present.
 *
 * The structural parts of MN-1 and LG-1 (§10) are read off the network, not walked: LG-1's is an LGWAN subnet with
 * MapPublicIpOnLaunch, or holding a global IPv6 block in a VPC with an internet gateway attached, in every model.
 *
 * Hub subnets (§10 MN-1: the subnets of a VPC tagged `jichitai:security-cloud = hub`, the security cloud itself) are walked
 * as sources like every other subnet. They count on both sides: an arrival of a My Number (MN-1) or LGWAN (LG-1, in α, β
 * and β′) subnet at a hub subnet is a way out like the internet, SECURITY_CLOUD or unknown, and so for MN-4's reached
 * subnet; a hub subnet's arrival at a My Number (MN-1) or LGWAN (LG-1, every model) subnet, or its unknown end while one
 * is present (§9), is a way in like what enters from SECURITY_CLOUD. With a hub, SC-1 applies whatever the codes present.
 *
 * GUARD-1's path part (§10, last clause) is compared as the pseudo-rule 'GUARD-1/unplaced': what enters at the unplaced
 * entries (§5: an unlabelled VPN attachment, a transit gateway peering attachment, an attachment by id whose tables carry
 * no zone label, a VPC attachment of a VPC the output does not hold, a Direct Connect gateway association, a Terraform
 * accepter of an attachment the output does not hold, the stand-in for what other accounts attach to a shared gateway) is
 * walked like what enters from a zone, and counts when it arrives in My Number or LGWAN, or ends unknown while such a subnet
 * is present. The last four are also propagations that may announce any prefix and unknown next hops wherever a transit
 * table holds them, which every path rule sees. A VPC peering with a VPC outside the output is an unplaced entry into the
 * output's VPC (delivered to the subnet whose block holds the destination, through its inbound NACL, as from a labelled VPN
 * gateway), and a route to it ends unknown (§4).
 */
import { BITS, Family, Prefix, contains, formatAddress, formatPrefix, INTERNET_V6, isInternetAddress, NON_INTERNET_V4, overlaps, prefix, SPACE_END } from './addr';
import { launchVerdicts, resolveLabels } from './labels';
import {
  DxAssociation, heldPrefixList, isShared, NaclEntry, Network, Protocol, Segment, SgRule, sharedStandInId, Subnet, TgwAccepter, TransitGateway, Zone,
} from './network';

/**
 * 'GUARD-1/unplaced' is no rule of its own: it is the part of GUARD-1 that is a path (§10 GUARD-1, last clause; §5
 * "Entering from a network the guard cannot place"), which compare.ts reads off the guard's GUARD-1 findings.
 */
export type OracleRule = 'MN-1' | 'MN-2' | 'LG-1' | 'MN-3' | 'MN-4' | 'SC-1' | 'PL-1' | 'GUARD-1/unplaced' | LabelVerdict;
/**
 * GUARD-1 at one tag resource (§3 "A Terraform resource that tags another": an ambiguous label, an untied target), named by the
 * tag resource's id in the network (labels.ts). Not in ORACLE_RULES: compare.ts reads these off the guard's GUARD-1 findings
 * located at a tag resource.
 */
export type LabelVerdict = `GUARD-1/label ${string}`;
export const ORACLE_RULES: readonly OracleRule[] = ['MN-1', 'MN-2', 'LG-1', 'MN-3', 'MN-4', 'SC-1', 'PL-1', 'GUARD-1/unplaced'];

export interface OracleResult {
  readonly verdicts: Set<OracleRule>;
  /** Why each verdict holds (a few lines per rule), for reading a disagreement. */
  readonly reasons: string[];
}

/** The four models of 三層の対策 (§10 names them α, α′, β, β′); the comparison runs the guard with ALPHA (compare.ts). */
export type Model = 'ALPHA' | 'ALPHA_PRIME' | 'BETA' | 'BETA_PRIME';

export interface OracleOptions {
  /** Record the hop-by-hop path of each reason (slower). */
  readonly explain?: boolean;
  /** The model LG-1's outbound part depends on (§10: α, β and β′ only). Default ALPHA, as compare.ts runs the guard. */
  readonly model?: Model;
}

export function oracleVerdicts(net: Network, model: Model = 'ALPHA'): Set<OracleRule> {
  return runOracle(net, { model }).verdicts;
}

const PROTO_NUMBER: Record<Exclude<Protocol, '-1'>, number> = { tcp: 6, udp: 17, icmp: 1 };
/** Representative of every protocol no NACL entry names (GRE). */
const OTHER_PROTOCOL = 47;
const PROTO_NAME: Record<number, string> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 47: 'other' };

/** One packet class over protocol × destination port. */
interface ProtoPort {
  readonly proto: number;
  readonly port: number;
}

/** The atoms of one address family and the protocol/port classes of its NACL entries. */
class Atoms {
  readonly starts: bigint[];
  readonly count: number;
  constructor(readonly family: Family, prefixes: Prefix[], readonly pp: ProtoPort[]) {
    const bounds = new Set<bigint>([0n]);
    for (const p of prefixes) {
      bounds.add(p.lo);
      if (p.hi + 1n < SPACE_END[family]) bounds.add(p.hi + 1n);
    }
    this.starts = [...bounds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.count = this.starts.length;
  }

  /** The atom holding an address (binary search). */
  atomOf(addr: bigint): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi + 1) / 2);
      if (this.starts[mid] <= addr) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The atoms a prefix consists of (it is a union of atoms since its bounds are atom bounds). */
  span(p: Prefix): [number, number] {
    const first = this.atomOf(p.lo);
    const last = this.atomOf(p.hi);
    if (this.starts[first] !== p.lo) throw new Error('oracle bug: prefix not aligned to atoms');
    return [first, last];
  }

  rep(atom: number): bigint {
    return this.starts[atom];
  }
}

/**
 * The smallest subnet AWS allows, per family (§2, after Amazon EC2 API Reference, CreateSubnet: IPv4 "between a /28
 * netmask (16 IP addresses) and a /16 netmask", IPv6 "a /64 prefix length"): §10's whole-subnet test of the subnet
 * outside the output.
 */
const SMALLEST_SUBNET: Record<Family, number> = { 4: 28, 6: 64 };

// Hop kinds of a VPC route (§4, table "Route targets").
const H_LOCAL = 0;
const H_INTERNET_GW = 1;
const H_NAT = 2;
const H_ENDPOINT = 3;
const H_TGW = 4;
const H_PEERING = 5;
const H_VGW = 6;
const H_UNKNOWN = 7;

interface Hop {
  readonly k: number;
  /** H_LOCAL: the VPC; H_PEERING: the peer VPC (-1: the table's VPC is not a side). */
  readonly vpc?: number;
  /** H_NAT: the NAT's subnet; H_ENDPOINT: the endpoint subnets. */
  readonly subnets?: number[];
  readonly tgw?: number;
  readonly zone?: Zone;
  readonly label: string;
}

// Next hops of a transit gateway route (§5).
const T_BLACKHOLE = 0;
const T_VPC = 1;
const T_VPN = 2;
/** A peering attachment, or an attachment by id whose tables carry no zone label (§5: unknown). */
const T_UNKNOWN = 3;

interface TgwHop {
  readonly k: number;
  readonly subnets?: number[];
  readonly zone?: Zone;
  readonly label: string;
}

/** What one source subnet's packets reach (§9). */
interface Arrivals {
  internet?: string;
  zone: Partial<Record<Zone, string>>;
  unknown?: string;
  /** Subnets reached (index → a description of one packet). */
  subnets: Map<number, string>;
  /** For MN-3: (subnet, family, source atom, proto/port class) → destination atoms that arrived. */
  cover: Map<string, Set<number>>;
  /** For MN-3's WAN part: (zone, family) → the destination atoms of the packets that reached the zone. */
  zoneDst: Map<string, Set<number>>;
}

function noArrivals(): Arrivals {
  return { zone: {}, subnets: new Map(), cover: new Map(), zoneDst: new Map() };
}

/** A walk's starting packets: `push(x, src, dst, pp, how)` puts one packet in subnet x. */
type Seed = (push: (x: number, src: number, dst: number, pp: number, how: string) => void) => void;

class Oracle {
  private readonly net: Network;
  private readonly cfn: boolean;
  private readonly subnets: Subnet[];
  private readonly subnetIndex = new Map<string, number>();
  private readonly vpcIndex = new Map<string, number>();
  private readonly subnetVpc: number[];
  /** Is each subnet the one standing for the VPC's subnets outside the output (§2)? */
  private readonly outside: boolean[];
  /** Does an instance or network interface with its source/destination check off run in each subnet (§2)? */
  private readonly forwarding: boolean[];
  private readonly heldCache = new Map<string, number[]>();
  /** Each VPC's segment tag; undefined for a hub VPC (§10 MN-1: it needs none). */
  private readonly segOfVpc: (Segment | undefined)[];
  /** Is each subnet a hub subnet (§10 MN-1: of a VPC tagged `jichitai:security-cloud = hub`)? */
  private readonly hubSubnet: boolean[];
  private readonly model: Model;
  /** Route tables: VPC, and the routes of each (compiled lazily per family). */
  private readonly tableIndex = new Map<string, number>();
  private readonly tableVpc: number[] = [];
  /** Explicit routes per table index (none for a CloudFormation main table, §4). */
  private readonly tableRoutes: Network['routes'][] = [];
  /** VPN gateways propagating into each table index (§4; none for a CloudFormation main table, which a template cannot name). */
  private readonly tableVgws: string[][] = [];
  /** Route servers propagating into each table index (§4; none for a CloudFormation main table, as for VPN gateways). */
  private readonly tableServers: string[][] = [];
  private readonly tablesOfSubnet: number[][];
  /** NACL entry lists each subnet is subject to (usually one list; several explicit ones are all tried, §6). */
  private readonly naclsOfSubnet: number[][];
  private readonly naclEntries: NaclEntry[][] = [];
  private readonly tgwIndex = new Map<string, number>();
  private readonly explain: boolean;
  private readonly worlds: Record<Family, Atoms>;
  // Decisions taken on an atom's representative, cached per atom (every address of an atom is treated alike).
  private readonly lookupCache = new Map<string, Hop[]>();
  private readonly tgwCache = new Map<string, TgwHop[]>();
  private readonly naclCache = new Map<string, boolean>();
  private readonly holdingCache = new Map<string, number>();
  private readonly blocksCache = new Map<string, Prefix[]>();
  private readonly spanCache = new Map<string, [number, number] | undefined>();
  /** The walk from each zone's entries (fromZone), once per zone; undefined: the network has no entry from the zone. */
  private readonly zoneEntry = new Map<Zone, Arrivals | undefined>();

  constructor(net: Network, options: OracleOptions) {
    this.net = net;
    this.cfn = net.engine === 'cloudformation';
    this.explain = options.explain ?? false;
    net.vpcs.forEach((v, i) => this.vpcIndex.set(v.id, i));
    // §2: "So are the subnets of a VPC that the output does not hold (created elsewhere, later or by hand) wherever the
    // VPC's main route table routes anywhere but inside the VPC (an explicit route, a gateway endpoint, a propagation),
    // or the VPC has addresses that no subnet of the output holds: they use the main route table(s) (§4) and the default
    // network ACL, their segment is the VPC's, and one subnet stands for them all, named
    // `<vpc>#subnets-outside-the-output`". They are appended after the network's subnets (`outside` marks them); they
    // have no block of their own (ownSpan: none), what they hold is heldAtoms', and §10 reads any /28 (/64) of it.
    const outsideSubnets = net.vpcs.filter((v) => this.mainRoutesOut(v.id) || this.hasFreeAddresses(v.id))
      .map((v) => ({ id: outsideSubnetId(v.id), vpc: v.id, cidr: '' }));
    this.subnets = [...net.subnets, ...outsideSubnets];
    this.outside = this.subnets.map((_, i) => i >= net.subnets.length);
    const forwarded = new Set((net.forwarders ?? []).map((f) => f.subnet));
    this.forwarding = this.subnets.map((s, i) => !this.outside[i] && forwarded.has(s.id));
    this.subnets.forEach((s, i) => this.subnetIndex.set(s.id, i));
    this.subnetVpc = this.subnets.map((s) => this.vpc(s.vpc));
    this.segOfVpc = net.vpcs.map((v) => v.segment);
    this.hubSubnet = this.subnetVpc.map((v) => net.vpcs[v].securityCloud === 'hub');
    this.model = options.model ?? 'ALPHA';
    net.transitGateways.forEach((g, i) => this.tgwIndex.set(g.id, i));

    // §4: every VPC has a main table; explicit tables of the network follow.
    const mainOf = new Map<number, number>();
    const routesOf = (id: string | undefined) => (id === undefined ? [] : net.routes.filter((r) => r.table === id));
    const vgwsOf = (id: string | undefined) => (id === undefined ? []
      : [...new Set((net.vgwPropagations ?? []).filter((p) => p.table === id).map((p) => p.vgw))]);
    const serversOf = (id: string | undefined) => (id === undefined ? []
      : [...new Set((net.routeServerPropagations ?? []).filter((p) => p.table === id).map((p) => p.server))]);
    net.vpcs.forEach((v, i) => {
      const listed = net.routeTables.find((t) => t.vpc === v.id && t.main);
      const idx = this.tableVpc.length;
      this.tableVpc.push(i);
      // In CloudFormation the main route table holds only the local routes: a template can neither add routes to it nor
      // name it in a propagation (network.ts).
      this.tableRoutes.push(this.cfn ? [] : routesOf(listed?.id));
      this.tableVgws.push(this.cfn ? [] : vgwsOf(listed?.id));
      this.tableServers.push(this.cfn ? [] : serversOf(listed?.id));
      if (listed) this.tableIndex.set(listed.id, idx);
      mainOf.set(i, idx);
    });
    for (const t of net.routeTables) {
      if (t.main) continue;
      this.tableIndex.set(t.id, this.tableVpc.length);
      this.tableVpc.push(this.vpc(t.vpc));
      this.tableRoutes.push(routesOf(t.id));
      this.tableVgws.push(vgwsOf(t.id));
      this.tableServers.push(serversOf(t.id));
    }
    // §4: the explicit association, else the main table; in Terraform also the table made main by
    // aws_main_route_table_association (both are considered).
    this.tablesOfSubnet = this.subnets.map((s) => {
      if (s.routeTable !== undefined) return [this.table(s.routeTable)];
      const v = this.subnetVpc[this.subnetIndex.get(s.id)!];
      const tables = [mainOf.get(v)!];
      const made = net.vpcs[v].mainRouteTable;
      if (!this.cfn && made !== undefined) tables.push(this.table(made));
      return tables;
    });

    // §6: the explicit NACL, else the VPC's default NACL (allow-all rule 100 plus the template's entries in
    // CloudFormation; exactly the listed entries in Terraform's aws_default_network_acl).
    const naclIdx = new Map<string, number>();
    for (const n of net.nacls) {
      naclIdx.set(n.id, this.naclEntries.length);
      this.naclEntries.push(n.entries);
    }
    const defaultNacl = net.vpcs.map((v) => {
      const allowAll: NaclEntry[] = [true, false].flatMap((egress) => ['0.0.0.0/0', '::/0'].map((cidr) => (
        { rule: 100, egress, action: 'allow' as const, protocol: '-1' as const, cidr })));
      let entries: NaclEntry[];
      if (v.defaultNaclEntries === undefined) entries = allowAll;
      else if (this.cfn) entries = [...allowAll, ...v.defaultNaclEntries];
      else entries = v.defaultNaclEntries;
      this.naclEntries.push(entries);
      return this.naclEntries.length - 1;
    });
    this.naclsOfSubnet = this.subnets.map((s, i) => {
      if (s.nacl !== undefined) {
        const n = naclIdx.get(s.nacl);
        if (n === undefined) throw new Error(`unknown NACL ${s.nacl}`);
        return [n];
      }
      return [defaultNacl[this.subnetVpc[i]]];
    });

    this.worlds = { 4: this.buildAtoms(4), 6: this.buildAtoms(6) };
  }

  /** Where each source subnet's packets end (for unit tests). */
  summary(): Map<string, ReachSummary> {
    const out = new Map<string, ReachSummary>();
    this.subnets.forEach((s, i) => {
      const a = this.walk(i);
      out.set(s.id, {
        internet: a.internet !== undefined,
        zones: (Object.keys(a.zone) as Zone[]).sort(),
        unknown: a.unknown !== undefined,
        subnets: [...a.subnets.keys()].map((t) => this.subnets[t].id).sort(),
      });
    });
    return out;
  }

  run(): OracleResult {
    const verdicts = new Set<OracleRule>();
    const reasons: string[] = [];
    const add = (rule: OracleRule, why: string) => {
      verdicts.add(rule);
      if (reasons.filter((r) => r.startsWith(rule)).length < 3) reasons.push(`${rule}: ${why}`);
    };
    const net = this.net;

    // §10 MN-1, structural part.
    for (const g of net.internetGateways) {
      if (g.vpc !== undefined && this.segOfVpc[this.vpc(g.vpc)] === 'MY_NUMBER') add('MN-1', `internet gateway ${g.id} attached to My Number VPC ${g.vpc}`);
    }
    for (const g of net.egressOnlyGateways) {
      if (this.segOfVpc[this.vpc(g.vpc)] === 'MY_NUMBER') add('MN-1', `egress-only gateway ${g.id} in My Number VPC ${g.vpc}`);
    }
    for (const n of net.natGateways) {
      if (this.segment(this.subnet(n.subnet)) === 'MY_NUMBER') add('MN-1', `NAT gateway ${n.id} in My Number subnet ${n.subnet}`);
    }
    for (const s of this.subnets) {
      if (s.mapPublicIpOnLaunch && this.segment(this.subnet(s.id)) === 'MY_NUMBER') add('MN-1', `My Number subnet ${s.id} maps public IPs`);
      // §10 LG-1: an LGWAN subnet with MapPublicIpOnLaunch, in every model.
      if (s.mapPublicIpOnLaunch && this.segment(this.subnet(s.id)) === 'LGWAN') add('LG-1', `LGWAN subnet ${s.id} maps public IPs`);
    }
    // §10 LG-1, in every model: an LGWAN subnet holding global unicast IPv6 addresses in a VPC with an internet gateway
    // attached. IPv6 has no NAT, so the gateway delivers to those addresses whatever the subnet's routes: a way in, like a
    // public IPv4 address. Only an attached gateway counts (an unattached one, or one on another VPC, delivers nothing
    // here); an egress-only gateway lets nothing in. This model writes every block as a literal prefix: it has no
    // Amazon-provided VPC block and no subnet block carved from one with Fn::Cidr / cidrsubnet (§3), so the semantics'
    // "a block it cannot read carved from a global or Amazon-provided block of its VPC" cannot occur here; only the
    // literal case is decided. "Inside 2000::/3" is read as containment of the whole block (AWS's subnet blocks are /44
    // to /64, for which overlapping 2000::/3 and lying inside it are the same).
    const globalV6 = prefix(INTERNET_V6);
    const igwVpcs = new Set(net.internetGateways.filter((g) => g.vpc !== undefined).map((g) => g.vpc!));
    for (const s of this.subnets) {
      if (s.ipv6Cidr === undefined || this.segment(this.subnet(s.id)) !== 'LGWAN' || !igwVpcs.has(s.vpc)) continue;
      const b = prefix(s.ipv6Cidr);
      if (globalV6.lo <= b.lo && b.hi <= globalV6.hi) {
        add('LG-1', `LGWAN subnet ${s.id} holds global IPv6 addresses (${s.ipv6Cidr}) in VPC ${s.vpc}, which has an internet gateway attached`);
      }
    }

    // §2: every subnet of a labelled VPC is a source (every VPC here is labelled but the hub's); a hub subnet is walked
    // too, since MN-1 and LG-1 ask where it arrives (§10).
    const arrivals = this.subnets.map((_, i) => this.walk(i));
    // §10 MN-1, LG-1, MN-4: an arrival at the internet, SECURITY_CLOUD, a hub subnet or unknown (unknown reaches
    // everywhere, §9). A hub subnet counts when the packet is delivered there (an arrival), not when it passes through
    // the hub's attachment, firewall or NAT subnet on its way elsewhere (that way is judged where it ends).
    const hubArrival = (a: Arrivals): string | undefined => {
      for (const [t, how] of a.subnets) if (this.hubSubnet[t]) return `hub subnet ${this.subnets[t].id} (${how})`;
      return undefined;
    };
    const wayOutOf = (a: Arrivals) => (a.internet ? `the internet (${a.internet})` : a.zone.SECURITY_CLOUD ? `SECURITY_CLOUD (${a.zone.SECURITY_CLOUD})`
      : hubArrival(a) ?? (a.unknown ? `unknown (${a.unknown})` : undefined));
    // §10 LG-1: the LGWAN segment's way out is refused in α, β and β′, not in α′ (AP-1 judges α′'s breakout there).
    const lgwanOutbound = this.model !== 'ALPHA_PRIME';
    arrivals.forEach((a, i) => {
      const s = this.subnets[i].id;
      const seg = this.segment(i);
      const wayOut = wayOutOf(a);
      if (seg === 'MY_NUMBER' && wayOut) add('MN-1', `${s} reaches ${wayOut}`);
      if (seg === 'LGWAN' && wayOut && lgwanOutbound) add('LG-1', `${s} reaches ${wayOut}`);
      const other: Segment | undefined = seg === 'MY_NUMBER' ? 'INTERNET' : seg === 'INTERNET' ? 'MY_NUMBER' : undefined;
      if (other) {
        if (a.unknown) add('MN-2', `${s} reaches unknown (${a.unknown})`);
        for (const [t, how] of a.subnets) {
          if (this.segment(t) === other) add('MN-2', `${s} reaches ${other} subnet ${this.subnets[t].id} (${how})`);
        }
      }
      const why = this.pathTooWide(i, a);
      if (why) add('MN-3', why);
    });

    const sg = this.securityGroupsTooWide();
    if (sg) add('MN-3', sg);
    for (const why of this.wanTooWide(arrivals)) add('MN-3', why);
    for (const why of this.internetMeetsWan(arrivals)) add('LG-1', why);
    for (const { rule, why } of this.fromSecurityCloud()) add(rule, why);
    for (const { rule, why } of this.fromHub(arrivals)) add(rule, why);
    for (const why of this.fromUnplaced()) add('GUARD-1/unplaced', why);

    // §10 MN-4: a subnet T of another segment than MY_NUMBER and INTERNET at which some My Number subnet has an
    // arrival has itself an arrival at the internet, SECURITY_CLOUD, a hub subnet or unknown. No firewall is an excuse
    // (§4: a firewall passes everything anyway). An unknown end of the My Number subnet reaches every subnet of every
    // segment (§9: MN-4 is critical), so then every such T counts. A hub subnet is no T (§10 MN-4: it is the Internet
    // side, and a My Number arrival there is MN-1's); regressions.ts pins it.
    arrivals.forEach((a, i) => {
      if (this.segment(i) !== 'MY_NUMBER') return;
      const s = this.subnets[i].id;
      this.subnets.forEach((tSubnet, t) => {
        const seg = this.segment(t);
        if (seg === 'MY_NUMBER' || seg === 'INTERNET' || this.hubSubnet[t]) return;
        const how = a.subnets.get(t) ?? (a.unknown !== undefined ? `unknown, which reaches every subnet (${a.unknown})` : undefined);
        if (how === undefined) return;
        const wayOut = wayOutOf(arrivals[t]);
        if (wayOut) add('MN-4', `${s} reaches ${seg ?? 'hub'} subnet ${tSubnet.id} (${how}), which itself reaches ${wayOut}`);
      });
    });

    // §10 SC-1, the path part only: a subnet's member is its VPC's code (the renderers may write it on the subnets
    // instead: the same member); the hub's subnets belong to no member. The rule applies when the network holds a hub
    // VPC, and whenever subnets of two codes are present. A subnet of member A with an arrival at a subnet of member
    // B ≠ A (its own segment included: the walk records every delivery, whatever the segment), or at an unknown end
    // (§9: unknown reaches every subnet, so every other member), is a finding — with a hub, also when A is the only
    // member. Only deliveries count: a packet that passes through B's NAT, firewall or attachment subnet (or the hub's)
    // on its way elsewhere has not arrived in B. SC-1's other conditions (with a hub, a VPC other than the hub's without
    // a code; a hub proxy that relays) are not paths: compare.ts leaves them out of the guard's verdict.
    // §10 SC-1: "A subnet's member is its own code tag, else its VPC's": the subnet outside the output (§2) has no tag of
    // its own, so it is a member only when the code is on the VPC (network.ts, municipalityOnSubnets).
    const memberOf = (t: number) => {
      const v = net.vpcs[this.subnetVpc[t]];
      return this.hubSubnet[t] || (this.outside[t] && v.municipalityOnSubnets) ? undefined : v.municipality;
    };
    const codes = new Set(this.subnets.map((_, t) => memberOf(t)).filter((c): c is string => c !== undefined));
    const hasHub = net.vpcs.some((v) => v.securityCloud === 'hub');
    if (codes.size >= 2 || hasHub) {
      arrivals.forEach((a, i) => {
        const own = memberOf(i);
        if (own === undefined) return;
        const s = this.subnets[i].id;
        if (a.unknown) add('SC-1', `${s} of member ${own} reaches unknown, which reaches every other member (${a.unknown})`);
        for (const [t, how] of a.subnets) {
          const other = memberOf(t);
          if (other !== undefined && other !== own) add('SC-1', `${s} of member ${own} reaches subnet ${this.subnets[t].id} of member ${other} (${how})`);
        }
      });
    }
    return { verdicts, reasons };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The walk (§2, §4, §5, §6, §8, §9)

  /** Every packet source subnet `s` sends, walked hop by hop; returns where they end. */
  private walk(s: number): Arrivals {
    const out = noArrivals();
    const seg = this.segment(s);
    const coverSide: Segment | undefined = seg === 'MY_NUMBER' ? 'LGWAN' : seg === 'LGWAN' ? 'MY_NUMBER' : undefined;
    for (const family of [4, 6] as const) {
      const nA = this.worlds[family].count;
      const nP = this.worlds[family].pp.length;
      // §2: sources in the subnet's block of the family; IPv6 without a literal block: any source address.
      const own = this.ownSpan(s, family);
      const srcAtoms: number[] = [];
      // §2: "a subnet where an instance or network interface of the output has its source/destination check off ... sends
      // packets with any source address" of either family.
      if (this.forwarding[s]) for (let a = 0; a < nA; a++) srcAtoms.push(a);
      else if (own) for (let a = own[0]; a <= own[1]; a++) srcAtoms.push(a);
      else if (family === 6) for (let a = 0; a < nA; a++) srcAtoms.push(a);
      // §2: the subnet outside the output "holds (receives at, and sends from) the VPC's addresses that no subnet of the
      // output holds, with any IPv6 source as below" (its block unknown: any IPv6 source, above).
      else if (this.outside[s]) srcAtoms.push(...this.heldAtoms(s, 4));
      const startName = `${this.subnets[s].id}`;
      this.walkFamily(family, out, coverSide, (push) => {
        for (const src of srcAtoms) {
          for (let dst = 0; dst < nA; dst++) {
            for (let pp = 0; pp < nP; pp++) push(s, src, dst, pp, startName);
          }
        }
      });
    }
    return out;
  }

  /**
   * §5 "Entering from a zone": packets of every source address, to every destination, protocol and port, entering at
   * every VPN attachment labelled with the zone (routed by the attachment's associated transit route tables, §5) and at
   * every VPN gateway labelled with it (delivered to the subnet of its VPC whose block holds the destination, through
   * that subnet's inbound NACL, §6; any other destination is dropped). Attachments named by literal id (whose table
   * carries the label) are not part of this network model (network.ts has no such element), so they never arise here.
   * The result's `subnets` (every delivery: LG-1, MN-1) and `unknown` hold for every segment; `cover` for `coverSide`
   * (MN-3's whole-block test; none for a zone no MN-3 part reads).
   */
  private walkFromZone(zone: Zone, coverSide: Segment | undefined): Arrivals {
    const out = noArrivals();
    const net = this.net;
    for (const family of [4, 6] as const) {
      this.walkFamily(family, out, coverSide, (push) => {
        for (const vpn of net.vpnAttachments) {
          if (vpn.zone === zone) this.enterTransit(family, out, push, this.associatedTables(vpn.id), `${zone} → vpn ${vpn.id}`);
        }
      });
      for (const g of net.vpnGateways) {
        if (g.zone === zone) this.deliverInto(this.vpc(g.vpc), family, out, coverSide, `${zone} → vgw ${g.id}`);
      }
    }
    return out;
  }

  /**
   * What enters a VPC from outside without routing (§5: a VPN gateway labelled with a zone; a VPC peering with a VPC the
   * output does not hold): packets of every source address, protocol and port; a destination within a subnet's block of
   * the VPC is delivered to that subnet through its inbound NACL (§6); any other destination is dropped.
   */
  private deliverInto(v: number, family: Family, out: Arrivals, coverSide: Segment | undefined, entry: string): void {
    const w = this.worlds[family];
    const nA = w.count;
    const nP = w.pp.length;
    this.subnets.forEach((_, t) => {
      if (this.subnetVpc[t] !== v) return;
      if (this.outside[t]) {
        this.deliverOutside(t, family, out, coverSide, entry);
        return;
      }
      const span = this.ownSpan(t, family);
      if (!span) return;
      for (let src = 0; src < nA; src++) {
        for (let pp = 0; pp < nP; pp++) {
          if (!this.naclAllows(t, false, family, src, pp)) continue;
          if (!out.subnets.has(t)) {
            out.subnets.set(t, `${entry} → delivered in ${this.subnets[t].id} [${this.packet(family, src, span[0], pp)}]`);
          }
          if (this.segment(t) !== coverSide) continue;
          const ck = `${t}/${family}/${src}/${pp}`;
          let set = out.cover.get(ck);
          if (!set) out.cover.set(ck, set = new Set());
          for (let d = span[0]; d <= span[1]; d++) set.add(d);
        }
      }
    });
  }

  /**
   * deliverInto for the subnet outside the output (§2): it receives at the VPC's addresses no subnet of the output holds,
   * through the default NACL; MN-3's whole-subnet test (cover) reads those addresses (§10: any smallest subnet among them).
   */
  private deliverOutside(t: number, family: Family, out: Arrivals, coverSide: Segment | undefined, entry: string): void {
    const held = this.heldAtoms(t, family);
    if (held.length === 0) return;
    const w = this.worlds[family];
    for (let src = 0; src < w.count; src++) {
      for (let pp = 0; pp < w.pp.length; pp++) {
        if (!this.naclAllows(t, false, family, src, pp)) continue;
        if (!out.subnets.has(t)) out.subnets.set(t, `${entry} → delivered in ${this.subnets[t].id} [${this.packet(family, src, held[0], pp)}]`);
        if (this.segment(t) !== coverSide) continue;
        const ck = `${t}/${family}/${src}/${pp}`;
        let set = out.cover.get(ck);
        if (!set) out.cover.set(ck, set = new Set());
        for (const d of held) set.add(d);
      }
    }
  }

  /**
   * Packets of every source address, destination, protocol and port entering a transit gateway at one attachment, routed
   * by its associated tables `tables` (§5 "Entering from a zone", and from an unplaced entry): into a VPC at every subnet
   * of the next hop's attachment (no NACL on arrival, §6); out to a VPN without a zone label, a peering attachment or an
   * attachment by id whose tables carry none: unknown (§5), which the critical rules count as reaching every subnet (§9);
   * the whole-block test (cover) does not see it, MN-3 reads the unknown end itself (§10). Back out to a labelled zone:
   * not an arrival at a subnet.
   */
  private enterTransit(family: Family, out: Arrivals, push: (x: number, src: number, dst: number, pp: number, how: string) => void,
    tables: string[], entry: string): void {
    const w = this.worlds[family];
    const nA = w.count;
    const nP = w.pp.length;
    for (const tb of tables) {
      for (let dst = 0; dst < nA; dst++) {
        for (const th of this.tgwLookup(tb, family, dst)) {
          if ((th.k === T_VPN && !th.zone) || th.k === T_UNKNOWN) {
            out.unknown ??= `${entry} → ${tb} → ${th.label} [${this.packet(family, 0, dst, 0)}]`;
          }
          if (th.k !== T_VPC) continue;
          for (const z of th.subnets!) {
            const how = `${entry} → ${tb} → ${th.label} at ${this.subnets[z].id}`;
            for (let src = 0; src < nA; src++) {
              for (let pp = 0; pp < nP; pp++) push(z, src, dst, pp, how);
            }
          }
        }
      }
    }
  }

  /**
   * The unplaced entries of §5 ("Entering from a network the guard cannot place") with their associated tables: a VPN
   * attachment without a known zone label (the model's `zone` is absent; the renderers write no tag or another value), a
   * transit gateway peering attachment of the output, an attachment by id (its tables carry no zone label: the model
   * labels none), a VPC attachment of the output whose VPC the output does not hold, a Direct Connect gateway association
   * (one accepting another account's proposal is not read), and a Terraform accepter of an attachment the output does not
   * hold. An accepter of an attachment the output holds stands for that attachment: no entry of its own.
   */
  private unplacedEntries(): { label: string; tables: string[] }[] {
    // (Stand-ins of shared gateways: see standIns. VPC peerings with a VPC outside the output enter without a transit
    // table: fromUnplaced delivers them.)
    const net = this.net;
    return [
      ...net.vpnAttachments.filter((v) => !v.zone).map((v) => ({ label: `vpn ${v.id} (no zone label)`, tables: this.associatedTables(v.id) })),
      ...(net.tgwPeerings ?? []).map((p) => ({ label: `peering attachment ${p.id}`, tables: this.associatedTables(p.id) })),
      ...(net.literalAttachments ?? []).map((a) => ({ label: `attachment ${a.id} (by id)`, tables: this.associatedTables(a.id) })),
      ...(net.outsideAttachments ?? []).map((a) => ({ label: `attachment ${a.id} of ${a.vpcId} (outside the output)`, tables: this.associatedTables(a.id) })),
      ...this.dxAssociations().map((d) => ({ label: `Direct Connect gateway association ${d.id}`, tables: this.associatedTables(d.id) })),
      ...this.literalAccepters().map((a) => ({ label: `accepter ${a.id} of ${a.attachment}`, tables: this.associatedTables(a.id) })),
      ...this.standIns().map((g) => ({ label: `the attachments other accounts make to shared ${g.id}`, tables: this.associatedTables(sharedStandInId(g.id)) })),
    ];
  }

  /**
   * §5: the transit gateways of the output shared with other accounts (a RAM share naming the gateway, or
   * AutoAcceptSharedAttachments `enable`) whose default association or propagation is on: each gets one stand-in attachment
   * (`<tgw>#shared-attachments`) for what those accounts attach. A shared gateway with both defaults off gets nothing.
   */
  private standIns(): TransitGateway[] {
    return this.net.transitGateways.filter((g) => isShared(g) && (g.defaultAssociation || g.defaultPropagation));
  }

  /** The gateway a stand-in attachment id stands for, if it is one. */
  private standInOf(attId: string): TransitGateway | undefined {
    return this.standIns().find((g) => sharedStandInId(g.id) === attId);
  }

  /**
   * §10 GUARD-1, last clause: what enters at an unplaced entry (every source address, protocol and port, §5) has an
   * arrival at a My Number or LGWAN subnet, or an unknown end while such a subnet is present (§9). The verdict is whether
   * any entry does, so one walk from all entries together decides it (arrivals only add up).
   */
  private fromUnplaced(): string[] {
    const entries = this.unplacedEntries().filter((e) => e.tables.length > 0);
    const peerings = this.net.outsidePeerings ?? [];
    if (entries.length === 0 && peerings.length === 0) return [];
    const out = noArrivals();
    for (const family of [4, 6] as const) {
      this.walkFamily(family, out, undefined, (push) => {
        for (const e of entries) this.enterTransit(family, out, push, e.tables, e.label);
      });
      // §5: a VPC peering with a VPC the output does not hold enters the output's VPC as from a labelled VPN gateway.
      for (const p of peerings) this.deliverInto(this.vpc(p.vpc), family, out, undefined, `peering ${p.id} with ${p.peerVpcId} (outside the output)`);
    }
    const guarded = (t: number) => this.segment(t) === 'MY_NUMBER' || this.segment(t) === 'LGWAN';
    const why: string[] = [];
    for (const [t, how] of out.subnets) if (guarded(t)) why.push(`entering (§5) reaches ${this.segment(t)} subnet ${this.subnets[t].id} (${how})`);
    if (out.unknown !== undefined && this.subnets.some((_, t) => guarded(t))) {
      why.push(`entering (§5) reaches unknown, which reaches every My Number and LGWAN subnet (${out.unknown})`);
    }
    return why;
  }

  private packet(family: Family, src: number, dst: number, pp: number): string {
    const w = this.worlds[family];
    const c = w.pp[pp];
    const port = c.proto === 6 || c.proto === 17 ? `:${c.port}` : '';
    return `${PROTO_NAME[c.proto]} ${formatAddress(family, w.rep(src))} → ${formatAddress(family, w.rep(dst))}${port}`;
  }

  private walkFamily(family: Family, out: Arrivals, coverSide: Segment | undefined, seed: Seed): void {
    const w = this.worlds[family];
    const nA = w.count;
    const nP = w.pp.length;
    const key = (x: number, src: number, dst: number, pp: number) => ((x * nA + src) * nA + dst) * nP + pp;
    const visited = new Set<number>();
    const parent = this.explain ? new Map<number, { from: number; how: string }>() : undefined;
    const stack: number[] = [];
    const push = (x: number, src: number, dst: number, pp: number, from: number, how: string) => {
      const k = key(x, src, dst, pp);
      if (visited.has(k)) return; // §8: the same packet in the same subnet again can do nothing new.
      visited.add(k);
      parent?.set(k, { from, how });
      stack.push(k);
    };
    const trail = (k: number, last: string): string => {
      if (!parent) return last;
      const parts = [last];
      for (let cur = k; cur >= 0;) {
        const p = parent.get(cur)!;
        parts.unshift(p.how);
        cur = p.from;
      }
      return parts.join(' → ');
    };
    const packet = (src: number, dst: number, pp: number) => this.packet(family, src, dst, pp);
    seed((x, src, dst, pp, how) => push(x, src, dst, pp, -1, how));

    const coverTarget = coverSide ? (t: number) => this.segment(t) === coverSide : () => false;
    while (stack.length > 0) {
      const k = stack.pop()!;
      const pp = k % nP;
      let rest = (k - pp) / nP;
      const dst = rest % nA;
      rest = (rest - dst) / nA;
      const src = rest % nA;
      const x = (rest - src) / nA;

      const arrive = (y: number, how: string) => {
        if (!out.subnets.has(y)) out.subnets.set(y, trail(k, `${how} ${this.subnets[y].id} [${packet(src, dst, pp)}]`));
        if (coverTarget(y)) {
          const ck = `${y}/${family}/${src}/${pp}`;
          let set = out.cover.get(ck);
          if (!set) out.cover.set(ck, set = new Set());
          set.add(dst);
        }
      };
      const unknown = (what: string) => {
        out.unknown ??= trail(k, `${what} [${packet(src, dst, pp)}]`);
      };
      // §9: the packet reaches a zone; its destination is kept for MN-3's WAN part (§10: runs of WAN destinations).
      const reachZone = (zone: Zone, how: string) => {
        out.zone[zone] ??= trail(k, `${how} → ${zone} [${packet(src, dst, pp)}]`);
        const zk = `${zone}/${family}`;
        let set = out.zoneDst.get(zk);
        if (!set) out.zoneDst.set(zk, set = new Set());
        set.add(dst);
      };
      const leaves = (y: number) => y === x || (this.naclAllows(x, true, family, dst, pp) && this.naclAllows(y, false, family, src, pp));
      // Into a transit gateway through its attachment's interface in subnet y: X's outbound and y's inbound NACL even when
      // y is X (AWS Transit Gateway guide, "Network ACLs for transit gateways", "Same subnet for EC2 instances and transit
      // gateway association": for traffic from the instances to the transit gateway, outbound rules are evaluated on the
      // destination, inbound rules on the source).
      const toGateway = (y: number) => this.naclAllows(x, true, family, dst, pp) && this.naclAllows(y, false, family, src, pp);

      // §4: a destination inside the sending subnet's own block is delivered there without routing (no NACL).
      const ownX = this.ownSpan(x, family);
      if (ownX && dst >= ownX[0] && dst <= ownX[1]) {
        arrive(x, 'delivered in');
        continue;
      }
      for (const t of this.tablesOfSubnet[x]) {
        for (const h of this.lookup(t, family, dst)) {
          switch (h.k) {
            case H_LOCAL: {
              // Delivered to the VPC's subnet holding the destination; X's outbound and Y's inbound NACL (§6).
              const y = this.subnetHolding(h.vpc!, family, dst);
              if (y >= 0 && leaves(y)) arrive(y, 'local to');
              break;
            }
            case H_INTERNET_GW:
              // The internet if the destination is an internet address (§9), after X's outbound NACL (§6).
              if (isInternetAddress(family, w.rep(dst)) && this.naclAllows(x, true, family, dst, pp)) {
                out.internet ??= trail(k, `${h.label} → internet [${packet(src, dst, pp)}]`);
              }
              break;
            case H_NAT: {
              if (family === 6) {
                // §4 NAT row: the IPv6 packet enters N (X's outbound, N's inbound NACL), and only there NAT64, which is
                // not modelled, makes it unknown.
                if (leaves(h.subnets![0])) unknown(`${h.label} (NAT64 is not modelled)`);
                break;
              }
              // The packet enters N (X's outbound, N's inbound NACL with the original source), then its source
              // becomes N's block and it continues with N's route table.
              const y = h.subnets![0];
              if (!leaves(y)) break;
              const ns = this.ownSpan(y, 4)!;
              for (let a = ns[0]; a <= ns[1]; a++) push(y, a, dst, pp, k, `${h.label} in ${this.subnets[y].id}`);
              break;
            }
            case H_ENDPOINT:
              // Firewall / GWLB endpoint: every endpoint subnet is followed; the endpoint passes everything.
              for (const y of h.subnets!) if (leaves(y)) push(y, src, dst, pp, k, `${h.label} in ${this.subnets[y].id}`);
              break;
            case H_TGW:
              this.transit(x, h, family, src, dst, pp, toGateway, unknown, (z, how) => push(z, src, dst, pp, k, how),
                (zone, how) => {
                  if (zone) reachZone(zone, how);
                  else unknown(`${how} (no zone tag)`);
                });
              break;
            case H_PEERING: {
              // Delivered in the peer VPC if one of its blocks holds the destination, else dropped.
              if (h.vpc! < 0) break;
              const y = this.subnetHolding(h.vpc!, family, dst);
              if (y >= 0 && leaves(y)) arrive(y, `${h.label} to`);
              break;
            }
            case H_VGW:
              if (!h.zone) unknown(`${h.label} (no zone tag)`);
              else if (this.naclAllows(x, true, family, dst, pp)) reachZone(h.zone, h.label);
              break;
            case H_UNKNOWN:
              // §6: an unknown end is not narrowed by the NACL of the subnet it leaves.
              unknown(h.label);
              break;
          }
        }
      }
    }
  }

  /** §5: a VPC route to a transit gateway. */
  private transit(x: number, h: Hop, family: Family, _src: number, dst: number, _pp: number, toGateway: (y: number) => boolean,
    unknown: (what: string) => void, enter: (z: number, how: string) => void, zoneEnd: (zone: Zone | undefined, how: string) => void): void {
    const net = this.net;
    const g = net.transitGateways[h.tgw!];
    const vpcId = net.vpcs[this.subnetVpc[x]].id;
    const atts = net.tgwAttachments.filter((a) => a.tgw === g.id && a.vpc === vpcId);
    if (atts.length === 0) {
      unknown(`${h.label} (the VPC has no attachment to it)`);
      return;
    }
    for (const att of atts) {
      // The packet reaches the gateway through one of the attachment's subnets (every one is considered): X's outbound
      // and that subnet's inbound NACL, X's own both ways if it is X itself (toGateway).
      if (!att.subnets.some((y) => toGateway(this.subnet(y)))) continue;
      for (const tb of this.associatedTables(att.id)) {
        for (const th of this.tgwLookup(tb, family, dst)) {
          if (th.k === T_BLACKHOLE) continue;
          if (th.k === T_UNKNOWN) {
            unknown(`${h.label} → ${tb} → ${th.label}`);
            continue;
          }
          if (th.k === T_VPN) {
            zoneEnd(th.zone, `${h.label} → ${tb} → ${th.label}`);
            continue;
          }
          // Enters the VPC at every subnet of the attachment, without a NACL on arrival (§6).
          for (const z of th.subnets!) enter(z, `${h.label} → ${tb} → ${th.label} at ${this.subnets[z].id}`);
        }
      }
    }
  }

  /**
   * §5: the transit route tables an attachment is associated with: its explicit associations, else the default association
   * table of each gateway it joins by default (defaultGateways). An attachment by id has only the associations the output
   * writes: whether its gateway associated it by default is not in the output.
   */
  private associatedTables(attId: string): string[] {
    const net = this.net;
    const explicit = net.tgwRouteTables.filter((t) => t.associations.includes(attId) && !(this.cfn && t.implicit)).map((t) => t.id);
    if (explicit.length > 0) return explicit;
    return this.defaultGateways(attId, 'association').map((g) => this.defaultTable(g, 'association'));
  }

  /**
   * §5: the gateways whose default association / propagation table an attachment joins (each with that default enabled):
   * its own gateway for a VPC attachment (its VPC in the output or not; in Terraform unless its switch, or its accepter's
   * when given, is false), a VPN, a peering (association only: AWS lets a peering attachment not propagate) or a Direct
   * Connect association (neither engine can name its attachment, so only the default tables); every gateway of the output
   * for an accepter of an attachment the output does not hold (its gateway is known only after apply), unless its own switch
   * is false; the shared gateway itself for its stand-in (§5: it joins the default tables like any attachment); none for an
   * attachment by id.
   */
  private defaultGateways(attId: string, which: 'association' | 'propagation'): TransitGateway[] {
    const net = this.net;
    const on = (g: TransitGateway) => (which === 'association' ? g.defaultAssociation : g.defaultPropagation);
    const gateway = (id: string) => net.transitGateways.filter((g) => g.id === id && on(g));
    const vpcAtt = net.tgwAttachments.find((a) => a.id === attId) ?? (net.outsideAttachments ?? []).find((a) => a.id === attId);
    if (vpcAtt) return this.switchOn(vpcAtt, which) ? gateway(vpcAtt.tgw) : [];
    const vpn = net.vpnAttachments.find((v) => v.id === attId);
    if (vpn) return gateway(vpn.tgw);
    const peering = (net.tgwPeerings ?? []).find((p) => p.id === attId);
    if (peering) return which === 'association' ? gateway(peering.tgw) : [];
    const dx = this.dxAssociations().find((d) => d.id === attId);
    if (dx) return gateway(dx.tgw);
    const acc = this.literalAccepters().find((a) => a.id === attId);
    if (acc) return (which === 'association' ? acc.defaultAssociation : acc.defaultPropagation) === false ? [] : net.transitGateways.filter(on);
    const shared = this.standInOf(attId);
    if (shared) return gateway(shared.id);
    return [];
  }

  /**
   * A VPC attachment's own switch for the default association / propagation table (Terraform
   * transit_gateway_default_route_table_association / _propagation; CloudFormation has none: on). An accepter of the
   * attachment stands for it (§5): its switch, when given, is the attachment's.
   */
  private switchOn(att: { id: string; defaultAssociation?: false; defaultPropagation?: false }, which: 'association' | 'propagation'): boolean {
    if (this.cfn) return true;
    const acc = this.accepterOf(att.id);
    const given = which === 'association' ? acc?.defaultAssociation : acc?.defaultPropagation;
    if (given !== undefined) return given;
    return (which === 'association' ? att.defaultAssociation : att.defaultPropagation) !== false;
  }

  /**
   * §5: a gateway's default association / propagation table: the explicit table named as such (CloudFormation
   * AssociationDefaultRouteTableId / PropagationDefaultRouteTableId; Terraform
   * aws_ec2_transit_gateway_default_route_table_association / _propagation, which replaces the implicit one), else the implicit
   * default table.
   */
  private defaultTable(g: TransitGateway, which: 'association' | 'propagation'): string {
    return (which === 'association' ? g.associationDefaultTable : g.propagationDefaultTable) ?? implicitTableId(g.id);
  }

  /** Direct Connect gateway associations on a gateway of the output (one accepting another account's proposal is not read, §5). */
  private dxAssociations(): DxAssociation[] {
    return (this.net.dxAssociations ?? []).filter((d) => !d.acceptsProposal);
  }

  /** Terraform accepters (none in CloudFormation, which has no such resource). */
  private accepters(): TgwAccepter[] {
    return this.cfn ? [] : this.net.accepters ?? [];
  }

  /** The accepter standing for a VPC attachment of the output, if any. */
  private accepterOf(attId: string): TgwAccepter | undefined {
    return this.accepters().find((a) => a.attachment === attId);
  }

  /** Accepters of an attachment the output does not hold (a literal id): unplaced entries, named by the accepter's own id. */
  private literalAccepters(): TgwAccepter[] {
    const net = this.net;
    const held = (id: string) => net.tgwAttachments.some((a) => a.id === id) || (net.outsideAttachments ?? []).some((a) => a.id === id);
    return this.accepters().filter((a) => !held(a.attachment));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Decisions on one representative address (cached per atom)

  /**
   * §4: longest prefix match in a VPC route table, local routes included; the winners are all followed. A VPN gateway
   * propagating into the table may have learnt any prefix outside the VPC's blocks (§4 "Route propagation from a VPN
   * gateway"), so for such a destination its gateway is followed besides the winners (even when no route matches); inside
   * the VPC's blocks the local route wins over any propagated prefix, so there it adds nothing. A route server propagating
   * into the table (§4 "Route propagation from a VPC Route Server") may have put any prefix there, the VPC's blocks
   * included: for every destination it is followed besides the winners (the local route included), and ends unknown.
   * A route to a prefix list the output holds is one route per entry (routeDestinations); a route to one the guard cannot
   * read (a literal `pl-…` id, a list without entries) is followed for every destination of either family besides the
   * winners, like a route server's propagation (§4 says "every destination", whatever the list's AddressFamily).
   * (A destination in the block of the subnet the packet is in never gets here: it is delivered without routing, §4.)
   */
  private lookup(table: number, family: Family, dst: number): Hop[] {
    const ck = `${table}/${family}/${dst}`;
    const hit = this.lookupCache.get(ck);
    if (hit) return hit;
    const addr = this.worlds[family].rep(dst);
    const vpcI = this.tableVpc[table];
    let best = -1;
    let winners: Hop[] = [];
    let localLen = -1;
    for (const b of this.vpcBlocks(vpcI, family)) {
      if (contains(b, addr) && b.len > localLen) localLen = b.len;
    }
    /** Routes whose destination the guard cannot read: they may match any address (§4). */
    const anywhere: Hop[] = [];
    for (const r of this.tableRoutes[table]) {
      const dests = this.routeDestinations(r);
      if (dests === 'any') {
        const h = this.hop(r.target, vpcI);
        anywhere.push({ ...h, label: `${h.label} (prefix list ${r.prefixList}, which the guard cannot read: any destination)` });
        continue;
      }
      for (const p of dests) {
        if (p.family !== family || !contains(p, addr)) continue;
        if (p.len > best) {
          best = p.len;
          winners = [];
        }
        if (p.len === best) {
          const h = this.hop(r.target, vpcI);
          winners.push(r.prefixList === undefined ? h : { ...h, label: `${h.label} (prefix list ${r.prefixList} entry ${formatPrefix(p.family, p.lo, p.len)})` });
        }
      }
    }
    // An explicit route of the local route's length replaces it; a longer local route wins.
    let result: Hop[];
    if (localLen > best) result = [{ k: H_LOCAL, vpc: vpcI, label: 'local' }];
    else result = winners;
    // §4: "A route whose destination is not a literal prefix (a prefix list the output does not hold, a list without
    // entries, an unresolvable value) may match any address: it is followed for every destination, in addition to the
    // longest match" — inside the VPC's blocks too (nothing there says the local route wins over it, unlike a propagation
    // from a VPN gateway).
    result = [...result, ...anywhere];
    // Outside every block of the VPC (localLen < 0, whatever the explicit routes say), each propagating gateway too.
    if (localLen < 0) {
      for (const g of this.tableVgws[table]) {
        const h = this.hop({ kind: 'vgw', id: g }, vpcI);
        result = [...result, { ...h, label: `${h.label} (propagated)` }];
      }
    }
    for (const s of this.tableServers[table]) result = [...result, { k: H_UNKNOWN, label: `route server ${s} (propagated: toward a BGP peer's interface)` }];
    this.lookupCache.set(ck, result);
    return result;
  }

  /**
   * §4 / §5: the prefixes a route stands for — its literal destination; for a prefix list the output holds, one route per
   * entry; 'any' for a route whose destination the guard cannot read (a literal `pl-…` id of a list the output does not
   * hold, or a list of the output without entries, which "counts as one the guard cannot read").
   */
  private routeDestinations(r: { destination?: string; prefixList?: string }): Prefix[] | 'any' {
    if (r.prefixList === undefined) {
      if (r.destination === undefined) throw new Error('a route without a destination');
      return [prefix(r.destination)];
    }
    const list = heldPrefixList(this.net, r.prefixList);
    if (list === undefined || list.entries.length === 0) return 'any';
    return list.entries.map(prefix);
  }

  private hop(t: Network['routes'][number]['target'], vpcI: number): Hop {
    const net = this.net;
    switch (t.kind) {
      case 'igw':
        return { k: H_INTERNET_GW, label: `igw ${t.id}` };
      case 'eigw':
        return { k: H_INTERNET_GW, label: `eigw ${t.id}` };
      case 'nat': {
        const n = net.natGateways.find((g) => g.id === t.id)!;
        return { k: H_NAT, subnets: [this.subnet(n.subnet)], label: `nat ${t.id}` };
      }
      case 'firewall': {
        const f = net.firewalls.find((g) => g.id === t.id)!;
        return { k: H_ENDPOINT, subnets: f.subnets.map((s) => this.subnet(s)), label: `firewall ${t.id}` };
      }
      case 'gwlb': {
        const e = net.gwlbEndpoints.find((g) => g.id === t.id)!;
        return { k: H_ENDPOINT, subnets: [this.subnet(e.subnet)], label: `gwlb endpoint ${t.id}` };
      }
      case 'tgw':
        return { k: H_TGW, tgw: this.tgwIndex.get(t.id)!, label: `tgw ${t.id}` };
      case 'pcx': {
        // §4: a peering with a VPC outside the output ends unknown (not narrowed by the NACL of the subnet it leaves, §6).
        const outside = (net.outsidePeerings ?? []).find((g) => g.id === t.id);
        if (outside) return { k: H_UNKNOWN, label: `peering ${t.id} with ${outside.peerVpcId} (a VPC outside the output)` };
        const p = net.peerings.find((g) => g.id === t.id)!;
        const me = net.vpcs[vpcI].id;
        const peer = p.vpc === me ? p.peerVpc : p.peerVpc === me ? p.vpc : undefined;
        return { k: H_PEERING, vpc: peer === undefined ? -1 : this.vpc(peer), label: `peering ${t.id}` };
      }
      case 'vgw': {
        const v = net.vpnGateways.find((g) => g.id === t.id)!;
        return { k: H_VGW, zone: v.zone, label: `vgw ${t.id}` };
      }
      case 'eni':
        return { k: H_UNKNOWN, label: `network interface ${t.eni}` };
    }
  }

  /**
   * §5: longest prefix match in a transit route table over its static routes and the blocks of its propagating VPC
   * attachments; a static route wins over a propagated one of the same length; several winners are all followed.
   * A VPN propagation may announce any prefix: it is followed for every destination, besides the winners. So may the
   * propagation of a Direct Connect association or of an accepter of an attachment the output does not hold (§5
   * "Attachments that other resources make"), and — the oracle's reading, which §5 does not spell out — that of a VPC
   * attachment whose VPC the output does not hold: "every block of the propagating VPC attachment's VPC" is then blocks
   * the output does not hold, which may be anything (fail closed, as for a VPN's BGP). So does a shared gateway's stand-in
   * for what other accounts attach (§5: it "propagates any prefix"), into the default propagation table only (no table can
   * name it). Each of those four is an unknown next hop (the VPC or network behind it is not in the output).
   * A Terraform prefix list reference to a list the output holds with entries is one static route per entry; one to another
   * list (a literal `pl-…` id, a list without entries) is a candidate for every destination beside the longest match, and
   * adds nothing when it is a blackhole (§5). CloudFormation has no such reference: it is not read there.
   */
  private tgwLookup(tableId: string, family: Family, dst: number): TgwHop[] {
    const ck = `${tableId}/${family}/${dst}`;
    const hit = this.tgwCache.get(ck);
    if (hit) return hit;
    const net = this.net;
    const addr = this.worlds[family].rep(dst);
    const tgwId = net.tgwRouteTables.find((t) => t.id === tableId)?.tgw ?? tgwOfImplicit(tableId);
    const g = net.transitGateways.find((t) => t.id === tgwId)!;
    const toHop = (att: string): TgwHop => {
      const vpcAtt = net.tgwAttachments.find((a) => a.id === att);
      if (vpcAtt) return { k: T_VPC, subnets: vpcAtt.subnets.map((s) => this.subnet(s)), label: `attachment ${att}` };
      const vpn = net.vpnAttachments.find((a) => a.id === att);
      if ((net.tgwPeerings ?? []).some((p) => p.id === att)) return { k: T_UNKNOWN, label: `peering attachment ${att}` };
      if ((net.literalAttachments ?? []).some((a) => a.id === att)) return { k: T_UNKNOWN, label: `attachment ${att} (by id, no zone label)` };
      const outside = (net.outsideAttachments ?? []).find((a) => a.id === att);
      if (outside) return { k: T_UNKNOWN, label: `attachment ${att} of ${outside.vpcId} (a VPC outside the output)` };
      if (this.dxAssociations().some((d) => d.id === att)) return { k: T_UNKNOWN, label: `Direct Connect gateway association ${att}` };
      const acc = this.literalAccepters().find((a) => a.id === att);
      if (acc) return { k: T_UNKNOWN, label: `accepter ${att} of ${acc.attachment} (outside the output)` };
      if (this.standInOf(att)) return { k: T_UNKNOWN, label: `${att} (what other accounts attach to a shared gateway)` };
      if (!vpn) throw new Error(`unknown attachment ${att}`);
      return { k: T_VPN, zone: vpn.zone, label: `vpn ${att}` };
    };
    // A CloudFormation template cannot name the implicit default table: nothing it writes can land there.
    const unwritable = this.cfn && tableId === implicitTableId(g.id);
    let staticBest = -1;
    let statics: TgwHop[] = [];
    /** Prefix list references the guard cannot read: candidates for every destination beside the longest match (§5). */
    const anyList: TgwHop[] = [];
    for (const r of net.tgwRoutes) {
      if (r.table !== tableId || unwritable) continue;
      // CloudFormation has no transit gateway prefix list reference: such a route is neither written nor read (network.ts).
      if (r.prefixList !== undefined && this.cfn) continue;
      const dests = this.routeDestinations(r);
      if (dests === 'any') {
        // "a blackhole one then drops nothing the guard counts": it adds no candidate.
        if (r.target !== 'blackhole') {
          const h = toHop(r.target);
          anyList.push({ ...h, label: `${h.label} (prefix list reference ${r.prefixList}, which the guard cannot read: any destination)` });
        }
        continue;
      }
      for (const p of dests) {
        if (p.family !== family || !contains(p, addr)) continue;
        if (p.len > staticBest) {
          staticBest = p.len;
          statics = [];
        }
        if (p.len === staticBest) statics.push(r.target === 'blackhole' ? { k: T_BLACKHOLE, label: 'blackhole' } : toHop(r.target));
      }
    }
    // Propagations: explicit ones, plus every attachment that joins the gateway's default propagation table (defaultGateways).
    const props = new Set<string>(unwritable ? [] : net.tgwRouteTables.find((t) => t.id === tableId)?.propagations ?? []);
    if (g.defaultPropagation && this.defaultTable(g, 'propagation') === tableId) {
      const candidates = [
        ...net.tgwAttachments, ...net.vpnAttachments, ...(net.outsideAttachments ?? []), ...this.dxAssociations(), ...this.literalAccepters(),
        ...this.standIns().map((s) => ({ id: sharedStandInId(s.id) })),
      ];
      for (const a of candidates) if (this.defaultGateways(a.id, 'propagation').includes(g)) props.add(a.id);
    }
    let propBest = -1;
    let propagated: TgwHop[] = [];
    /** Propagations that may announce any prefix (all but those of VPC attachments the output holds). */
    const anyPrefix: TgwHop[] = [];
    for (const id of props) {
      const a = net.tgwAttachments.find((t) => t.id === id);
      if (!a) {
        anyPrefix.push(toHop(id));
        continue;
      }
      for (const b of this.vpcBlocks(this.vpc(a.vpc), family)) {
        if (!contains(b, addr)) continue;
        if (b.len > propBest) {
          propBest = b.len;
          propagated = [];
        }
        if (b.len === propBest) propagated.push(toHop(id));
      }
    }
    let result: TgwHop[];
    if (staticBest < 0 && propBest < 0) result = [];
    else if (staticBest >= propBest) result = statics;
    else result = propagated;
    result = [...result, ...anyPrefix, ...anyList];
    this.tgwCache.set(ck, result);
    return result;
  }

  /**
   * §6: does the subnet's NACL let the packet through (egress: leaving it, matched on the destination; ingress: entering
   * it, matched on the source)? Several NACLs for one subnet: any one letting it through is enough.
   */
  private naclAllows(subnet: number, egress: boolean, family: Family, addrAtom: number, pp: number): boolean {
    const lists = this.naclsOfSubnet[subnet];
    for (const l of lists) {
      const ck = `${l}/${egress ? 'o' : 'i'}/${family}/${addrAtom}/${pp}`;
      let v = this.naclCache.get(ck);
      if (v === undefined) {
        v = firstMatchAllows(this.naclEntries[l], egress, family, this.worlds[family].rep(addrAtom), this.worlds[family].pp[pp]);
        this.naclCache.set(ck, v);
      }
      if (v) return true;
    }
    return false;
  }

  /** The subnet of a VPC whose block holds the destination, -1 if none (§4: dropped). */
  private subnetHolding(vpcI: number, family: Family, dst: number): number {
    const ck = `${vpcI}/${family}/${dst}`;
    const hit = this.holdingCache.get(ck);
    if (hit !== undefined) return hit;
    const addr = this.worlds[family].rep(dst);
    let found = -1;
    if (this.vpcBlocks(vpcI, family).some((b) => contains(b, addr))) {
      found = this.subnets.findIndex((s, i) => {
        const b = this.outside[i] ? undefined : this.blockOf(s, family);
        return this.subnetVpc[i] === vpcI && b !== undefined && contains(b, addr);
      });
      // §2: the VPC's addresses no subnet of the output holds are the outside subnet's, where it exists.
      if (found < 0) found = this.subnets.findIndex((_, i) => this.outside[i] && this.subnetVpc[i] === vpcI);
    }
    this.holdingCache.set(ck, found);
    return found;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // §10 MN-3

  /**
   * MN-3 path part: for a target subnet of the other side, is there one source address and one protocol/port class
   * whose arriving destinations cover the target's whole block (IPv4, or literal IPv6)?
   */
  private pathTooWide(s: number, a: Arrivals): string | undefined {
    return this.coversAWholeBlock(this.subnets[s].id, a);
  }

  /** The whole-block test of pathTooWide for the arrivals of one source (a subnet, or a zone's entries). */
  private coversAWholeBlock(source: string, a: Arrivals): string | undefined {
    for (const [ck, dsts] of a.cover) {
      const [t, fam, src, pp] = ck.split('/').map(Number);
      const family = fam as Family;
      const block = this.outside[t] ? this.smallestSubnetIn(t, family, dsts) : this.wholeOwnBlock(t, family, dsts);
      if (block !== undefined) {
        const w = this.worlds[family];
        const c = w.pp[pp];
        return `${source} reaches the whole block of ${this.subnets[t].id} (${block}) from ${formatAddress(family, w.rep(src))} `
          + `(${PROTO_NAME[c.proto]}${c.proto === 6 || c.proto === 17 ? ` port ${c.port}` : ''}): ${a.subnets.get(t)}`;
      }
    }
    return undefined;
  }

  /** A subnet of the output: its block of the family, if every atom of it arrived. */
  private wholeOwnBlock(t: number, family: Family, dsts: Set<number>): string | undefined {
    const span = this.ownSpan(t, family);
    if (!span) return undefined;
    for (let d = span[0]; d <= span[1]; d++) if (!dsts.has(d)) return undefined;
    const b = this.blockOf(this.subnets[t], family);
    return b ? formatPrefix(family, b.lo, b.len) : undefined;
  }

  /**
   * §2 / §10: the subnet outside the output holds the VPC's addresses no subnet of the output holds, and the whole-subnet
   * tests read "any smallest subnet AWS allows among them" (/28 IPv4, /64 IPv6): the first such aligned block whose every
   * address arrived, walking runs of consecutive arrived atoms that the outside subnet holds. (A VPC block the guard cannot
   * read is not generated: the network model has only literal blocks.)
   */
  private smallestSubnetIn(t: number, family: Family, dsts: Set<number>): string | undefined {
    const w = this.worlds[family];
    const size = 2n ** BigInt(BITS[family] - SMALLEST_SUBNET[family]);
    const held = new Set(this.heldAtoms(t, family));
    const end = (atom: number) => (atom + 1 < w.count ? w.starts[atom + 1] - 1n : SPACE_END[family] - 1n);
    for (let a = 0; a < w.count; a++) {
      if (!held.has(a) || !dsts.has(a)) continue;
      let b = a;
      while (b + 1 < w.count && held.has(b + 1) && dsts.has(b + 1)) b++;
      const lo = w.rep(a);
      const first = ((lo + size - 1n) / size) * size;
      if (first + size - 1n <= end(b)) return `${formatAddress(family, first)}/${SMALLEST_SUBNET[family]}`;
      a = b;
    }
    return undefined;
  }

  /**
   * The groups §10 judges: the network's, and — "where an EC2 instance of the output runs in the VPC naming no group …
   * (so EC2 gives it the default group), or a network interface … of the output names no group …, for EC2's own rules
   * of a default group too — all inbound from the group, all outbound to `0.0.0.0/0` and `::/0` — unless Terraform's
   * `aws_default_security_group` takes the group over" — the default group of each VPC holding a forwarder (an instance
   * or a network interface, both rendered with no group), or — "Instances launched from a launch template or launch
   * configuration of the output that names no group, by a launcher that names none either …, get their VPC's default
   * group …, in the subnets the launcher gives, else those of the template's interfaces" — of each VPC where a launcher
   * of a template of the output runs its instances (the model's templates and launchers name no group; its templates
   * have no interfaces), with those rules added to what the network lists for it (Terraform renders a listed default
   * group as aws_default_security_group: taken over).
   */
  private judgedGroups(): Network['securityGroups'] {
    const net = this.net;
    const launched = (net.launchers ?? []).filter((l) => !l.literalName).flatMap((l) => l.subnets);
    const users = new Set([...(net.forwarders ?? []).map((f) => f.subnet), ...launched].map((id) => net.subnets.find((s) => s.id === id)!.vpc));
    const out: Network['securityGroups'] = [];
    for (const g of net.securityGroups) {
      const implicit = g.isDefault && users.has(g.vpc) && this.cfn;
      out.push(implicit ? { ...g, ingress: [...g.ingress, { protocol: '-1', peerGroup: g.id }], egress: [...g.egress, ...EC2_DEFAULT_EGRESS] } : g);
    }
    for (const v of users) {
      if (net.securityGroups.some((g) => g.isDefault && g.vpc === v)) continue;
      const id = `${v}#default-security-group`;
      out.push({ id, vpc: v, isDefault: true, ingress: [{ protocol: '-1', peerGroup: id }], egress: [...EC2_DEFAULT_EGRESS] });
    }
    return out;
  }

  /** MN-3 security-group part (§10). */
  private securityGroupsTooWide(): string | undefined {
    const net = this.net;
    for (const g of this.judgedGroups()) {
      const seg = this.segOfVpc[this.vpc(g.vpc)];
      const other: Segment | undefined = seg === 'MY_NUMBER' ? 'LGWAN' : seg === 'LGWAN' ? 'MY_NUMBER' : undefined;
      if (!other) continue;
      const otherVpcs = net.vpcs.filter((v) => v.segment === other);
      if (otherVpcs.length === 0) continue;
      const otherBlocks = otherVpcs.flatMap((v) => vpcCidrs(v)).map(prefix);
      const otherVpcIds = new Set(otherVpcs.map((v) => v.id));
      const otherGroups = new Set(net.securityGroups.filter((o) => otherVpcIds.has(o.vpc)).map((o) => o.id));
      const otherSubnetBlocks = net.subnets.filter((s) => otherVpcIds.has(s.vpc))
        .flatMap((s) => [s.cidr, ...(s.ipv6Cidr ? [s.ipv6Cidr] : [])]).map(prefix);
      // §2 / §10: each other VPC's addresses that no subnet of the output holds, where "any /28 of IPv4 or /64 of IPv6
      // among" them counts as a whole subnet.
      const unheld = otherVpcs.map((v) => ({
        vpc: v.id,
        free: freeIntervals(vpcCidrs(v).map(prefix),
          net.subnets.filter((s) => s.vpc === v.id).flatMap((s) => [s.cidr, ...(s.ipv6Cidr ? [s.ipv6Cidr] : [])]).map(prefix)),
      }));
      for (const dir of ['ingress', 'egress'] as const) {
        const rules = this.rulesOf(g, dir);
        const considered = rules.filter((r) => (r.cidr !== undefined && otherBlocks.some((b) => overlaps(prefix(r.cidr!), b)))
          || (r.peerGroup !== undefined && otherGroups.has(r.peerGroup)));
        const why = sgRulesTooWide(considered, otherSubnetBlocks, unheld);
        if (why) return `security group ${g.id} ${dir} toward ${other}: ${why}`;
      }
    }
    return undefined;
  }

  /** A group's rules of one direction (§10): CloudFormation's implicit allow-all egress counts for a group of the template. */
  private rulesOf(g: Network['securityGroups'][number], dir: 'ingress' | 'egress'): SgRule[] {
    // CloudFormation: a group of the template that lists no egress rule keeps EC2's implicit allow-all egress.
    if (dir === 'egress' && this.cfn && !g.isDefault && g.egress.length === 0) return [{ protocol: '-1', cidr: '0.0.0.0/0' }];
    return g[dir];
  }

  /**
   * §10 MN-3, WAN part (MY_NUMBER ↔ LGWAN WAN: LG-3's conditions with the My Number segment in place of LGWAN), in the
   * mode of a scope that declares no flow — the comparison runs the guard without flows (compare.ts):
   * (a) a My Number subnet's arrivals at LGWAN_WAN hold a run of more than 256 consecutive destination addresses. Read
   *     as the union of the destinations of all that subnet's arrivals at the zone (every source, protocol, port and
   *     path: the text names no "for one source address" here, unlike (b)), per subnet and address family;
   * (b) the arrivals of everything entering from the LGWAN_WAN entries (§5 "Entering from a zone", all of them
   *     together) cover the whole block of a My Number subnet for one source address, protocol and port (as the path
   *     part); and, declared flows or not, an unknown end of that walk, which may carry every My Number subnet whole
   *     (§9: MN-3 is critical; §10 MN-3, WAN part, last sentence);
   * (c) the security-group part for the groups of My Number VPCs, the other side being the WAN addresses that My Number
   *     subnets reach (the destinations of (a), over every My Number subnet): rules whose peer CIDR overlaps them; no
   *     peer group (the WAN has none) and no whole-subnet part (the WAN has no subnets).
   */
  private wanTooWide(arrivals: Arrivals[]): string[] {
    const zone: Zone = 'LGWAN_WAN';
    const out: string[] = [];
    const mySubnets = this.subnets.map((_, i) => i).filter((i) => this.segment(i) === 'MY_NUMBER');
    if (mySubnets.length === 0) return out;
    // The WAN addresses My Number subnets reach, as atom intervals per family (for (c)).
    const reached: Record<Family, [bigint, bigint][]> = { 4: [], 6: [] };
    for (const family of [4, 6] as const) {
      const all = new Set<number>();
      for (const i of mySubnets) {
        const dsts = arrivals[i].zoneDst.get(`${zone}/${family}`);
        if (!dsts) continue;
        dsts.forEach((d) => all.add(d));
        // (a)
        for (const [lo, hi] of this.runs(family, dsts)) {
          if (hi - lo + 1n > 256n) {
            out.push(`${this.subnets[i].id} reaches ${zone} at ${hi - lo + 1n} consecutive addresses `
              + `${formatAddress(family, lo)}–${formatAddress(family, hi)} (more than 256): ${arrivals[i].zone[zone]}`);
            break;
          }
        }
      }
      reached[family] = this.runs(family, all);
    }
    // (b)
    const fromWan = this.fromZone(zone);
    if (fromWan) {
      const why = this.coversAWholeBlock(`${zone} (entering, §5)`, fromWan);
      if (why) out.push(why);
      if (fromWan.unknown !== undefined) {
        out.push(`${zone} (entering, §5) reaches unknown, which may carry every My Number subnet whole (${fromWan.unknown})`);
      }
    }
    // (c)
    const overlapsReached = (cidr: string) => {
      const p = prefix(cidr);
      return reached[p.family].some(([lo, hi]) => p.lo <= hi && lo <= p.hi);
    };
    for (const g of this.judgedGroups()) {
      if (this.segOfVpc[this.vpc(g.vpc)] !== 'MY_NUMBER') continue;
      for (const dir of ['ingress', 'egress'] as const) {
        const considered = this.rulesOf(g, dir).filter((r) => r.cidr !== undefined && overlapsReached(r.cidr));
        const why = sgRulesTooWide(considered, []);
        if (why) {
          out.push(`security group ${g.id} ${dir} toward the ${zone} addresses My Number reaches: ${why}`);
          break;
        }
      }
    }
    return out;
  }

  /**
   * What enters from a zone (§5 "Entering from a zone"), walked once per zone and shared by the rules that read it:
   * LGWAN_WAN by MN-3's WAN part and LG-1, SECURITY_CLOUD by MN-1 and LG-1. Undefined when the network has no entry from
   * the zone (no VPN attachment or VPN gateway labelled with it). Only MN-3 needs the per-source cover (of the My Number
   * subnets, from the WAN).
   */
  private fromZone(zone: Zone): Arrivals | undefined {
    if (!this.zoneEntry.has(zone)) {
      const entries = this.net.vpnAttachments.some((v) => v.zone === zone) || this.net.vpnGateways.some((g) => g.zone === zone);
      this.zoneEntry.set(zone, entries ? this.walkFromZone(zone, zone === 'LGWAN_WAN' ? 'MY_NUMBER' : undefined) : undefined);
    }
    return this.zoneEntry.get(zone);
  }

  /**
   * §10 MN-1 and LG-1 (every model): what enters from the SECURITY_CLOUD zone (every address, protocol and port, §5) has
   * an arrival at a My Number subnet (MN-1) or an LGWAN subnet (LG-1). An unknown end of that walk reaches every subnet
   * (§9; both rules are critical), so it counts for each rule when a subnet of its segment is present.
   * (SECURITY_CLOUD_MEMBER, which §10 names alongside, is a zone of attachments named by id: not in this network model.)
   */
  private fromSecurityCloud(): { rule: OracleRule; why: string }[] {
    const zone: Zone = 'SECURITY_CLOUD';
    const out: { rule: OracleRule; why: string }[] = [];
    const fromSc = this.fromZone(zone);
    if (!fromSc) return out;
    const rules: [Segment, OracleRule, string][] = [['MY_NUMBER', 'MN-1', 'My Number'], ['LGWAN', 'LG-1', 'LGWAN']];
    for (const [seg, rule, name] of rules) {
      for (const [t, how] of fromSc.subnets) {
        if (this.segment(t) === seg) out.push({ rule, why: `${zone} (entering, §5) reaches ${name} subnet ${this.subnets[t].id} (${how})` });
      }
      const present = this.subnets.some((_, t) => this.segment(t) === seg);
      if (present && fromSc.unknown !== undefined) {
        out.push({ rule, why: `${zone} (entering, §5) reaches unknown, which reaches every ${name} subnet (${fromSc.unknown})` });
      }
    }
    return out;
  }

  /**
   * §10 MN-1 and LG-1 (every model), the hub's side: a hub subnet has an arrival at a My Number subnet (MN-1) or an LGWAN
   * subnet (LG-1), or an unknown end while a subnet of that segment is present (§9: an unknown end reaches every subnet;
   * both rules are critical). The hub subnets' own walks are the sources (§2), as what enters from SECURITY_CLOUD is
   * for the zone.
   */
  private fromHub(arrivals: Arrivals[]): { rule: OracleRule; why: string }[] {
    const out: { rule: OracleRule; why: string }[] = [];
    const rules: [Segment, OracleRule, string][] = [['MY_NUMBER', 'MN-1', 'My Number'], ['LGWAN', 'LG-1', 'LGWAN']];
    arrivals.forEach((a, h) => {
      if (!this.hubSubnet[h]) return;
      const hub = this.subnets[h].id;
      for (const [seg, rule, name] of rules) {
        for (const [t, how] of a.subnets) {
          if (this.segment(t) === seg) out.push({ rule, why: `hub subnet ${hub} reaches ${name} subnet ${this.subnets[t].id} (${how})` });
        }
        const present = this.subnets.some((_, t) => this.segment(t) === seg);
        if (present && a.unknown !== undefined) {
          out.push({ rule, why: `hub subnet ${hub} reaches unknown, which reaches every ${name} subnet (${a.unknown})` });
        }
      }
    });
    return out;
  }

  /**
   * §10 LG-1, the part for every model (α′ included): the Internet segment and the LGWAN WAN, either way.
   * (a) an Internet-segment subnet has an arrival at the LGWAN_WAN zone. Its unknown ends do not count: §9 lets an unknown
   *     end reach the internet, the security cloud and every subnet, not the LGWAN_WAN zone, and §10 leaves it to MN-2;
   * (b) what enters from the LGWAN_WAN zone (every address, protocol and port, §5) has an arrival at an Internet-segment
   *     subnet. An unknown end of that walk counts as one when the network has an Internet-segment subnet: LG-1 is
   *     critical, and for the critical rules an unknown end reaches every subnet of every segment (§9).
   */
  private internetMeetsWan(arrivals: Arrivals[]): string[] {
    const zone: Zone = 'LGWAN_WAN';
    const out: string[] = [];
    const inets = this.subnets.map((_, i) => i).filter((i) => this.segment(i) === 'INTERNET');
    if (inets.length === 0) return out;
    // (a)
    for (const i of inets) {
      const how = arrivals[i].zone[zone];
      if (how !== undefined) out.push(`Internet subnet ${this.subnets[i].id} reaches ${zone} (${how})`);
    }
    // (b)
    const fromWan = this.fromZone(zone);
    if (!fromWan) return out;
    for (const [t, how] of fromWan.subnets) {
      if (this.segment(t) === 'INTERNET') out.push(`${zone} (entering, §5) reaches Internet subnet ${this.subnets[t].id} (${how})`);
    }
    if (fromWan.unknown !== undefined) out.push(`${zone} (entering, §5) reaches unknown, which reaches every Internet subnet (${fromWan.unknown})`);
    return out;
  }

  /** The maximal runs of consecutive addresses a set of atoms holds, as closed address ranges. */
  private runs(family: Family, atoms: Set<number>): [bigint, bigint][] {
    const w = this.worlds[family];
    const end = (a: number) => (a + 1 < w.count ? w.starts[a + 1] : SPACE_END[family]) - 1n;
    const out: [bigint, bigint][] = [];
    for (let a = 0; a < w.count; a++) {
      if (!atoms.has(a)) continue;
      let b = a;
      while (b + 1 < w.count && atoms.has(b + 1)) b++;
      out.push([w.starts[a], end(b)]);
      a = b;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Helpers

  private buildAtoms(family: Family): Atoms {
    const net = this.net;
    const cidrs: string[] = [];
    for (const v of net.vpcs) cidrs.push(...vpcCidrs(v));
    for (const s of net.subnets) cidrs.push(s.cidr, ...(s.ipv6Cidr ? [s.ipv6Cidr] : []));
    for (const r of [...net.routes, ...net.tgwRoutes]) if (r.destination !== undefined) cidrs.push(r.destination);
    for (const l of net.prefixLists ?? []) cidrs.push(...l.entries);
    const entries = [...net.nacls.flatMap((n) => n.entries), ...net.vpcs.flatMap((v) => v.defaultNaclEntries ?? [])];
    for (const e of entries) cidrs.push(e.cidr);
    cidrs.push(...NON_INTERNET_V4, INTERNET_V6);
    const prefixes = cidrs.map(prefix).filter((p) => p.family === family);
    // Protocol/port classes: the protocols the family's NACL entries name, their port bounds, and "any other protocol".
    const fam = entries.filter((e) => prefix(e.cidr).family === family);
    const pp: ProtoPort[] = [];
    for (const proto of ['tcp', 'udp'] as const) {
      const named = fam.filter((e) => e.protocol === proto);
      if (named.length === 0) continue;
      const bounds = new Set<number>([0]);
      for (const e of named) {
        bounds.add(e.fromPort ?? 0);
        if ((e.toPort ?? 65535) + 1 <= 65535) bounds.add((e.toPort ?? 65535) + 1);
      }
      for (const b of [...bounds].sort((x, y) => x - y)) pp.push({ proto: PROTO_NUMBER[proto], port: b });
    }
    if (fam.some((e) => e.protocol === 'icmp')) pp.push({ proto: 1, port: 0 });
    pp.push({ proto: OTHER_PROTOCOL, port: 0 });
    return new Atoms(family, prefixes, pp);
  }

  /** §3: a VPC's blocks of one family (primary, secondary, IPv6). */
  private vpcBlocks(vpcI: number, family: Family): Prefix[] {
    const ck = `${vpcI}/${family}`;
    let b = this.blocksCache.get(ck);
    if (!b) {
      b = vpcCidrs(this.net.vpcs[vpcI]).map(prefix).filter((p) => p.family === family);
      this.blocksCache.set(ck, b);
    }
    return b;
  }

  private blockOf(s: Subnet, family: Family): Prefix | undefined {
    if (family === 4) return prefix(s.cidr);
    return s.ipv6Cidr ? prefix(s.ipv6Cidr) : undefined;
  }

  /** §2: does the VPC's main route table (or, in Terraform, the table made main as well) route anywhere but inside the
   * VPC: an explicit route or a propagation (a VPN gateway's, a route server's)? The model has no gateway endpoints. In
   * CloudFormation the main table holds only the local routes (§4). */
  private mainRoutesOut(vpcId: string): boolean {
    const net = this.net;
    if (this.cfn) return false;
    const tables = new Set<string>();
    const main = net.routeTables.find((t) => t.vpc === vpcId && t.main);
    if (main) tables.add(main.id);
    const made = net.vpcs.find((v) => v.id === vpcId)?.mainRouteTable;
    if (made !== undefined) tables.add(made);
    return net.routes.some((r) => tables.has(r.table)) || (net.vgwPropagations ?? []).some((p) => tables.has(p.table))
      || (net.routeServerPropagations ?? []).some((p) => tables.has(p.table));
  }

  /**
   * §2: does the VPC have an address that no subnet of the output holds (a block of the VPC, of either family, that its
   * subnets' literal blocks do not fill)? Halving each block until a subnet's block holds the half or none touches it.
   */
  private hasFreeAddresses(vpcId: string): boolean {
    const v = this.net.vpcs.find((x) => x.id === vpcId)!;
    const subnetBlocks = this.net.subnets.filter((x) => x.vpc === vpcId)
      .flatMap((x) => [x.cidr, x.ipv6Cidr]).filter((c): c is string => c !== undefined && c !== '').map(prefix);
    const filled = (family: Family, lo: bigint, len: number): boolean => {
      const half = 2n ** BigInt((family === 4 ? 32 : 128) - len - 1);
      const hi = lo + 2n * half - 1n;
      const mine = subnetBlocks.filter((b) => b.family === family && b.lo <= hi && lo <= b.hi);
      if (mine.length === 0) return false;
      if (mine.some((b) => b.lo <= lo && hi <= b.hi)) return true;
      return filled(family, lo, len + 1) && filled(family, lo + half, len + 1);
    };
    return vpcCidrs(v).map(prefix).some((b) => !filled(b.family, b.lo, b.len));
  }

  /** The atoms of the VPC's blocks of one family that no subnet of the output holds: the outside subnet's (§2). */
  private heldAtoms(s: number, family: Family): number[] {
    const ck = `${s}/${family}`;
    let held = this.heldCache.get(ck);
    if (held) return held;
    const v = this.subnetVpc[s];
    const w = this.worlds[family];
    const blocks = this.vpcBlocks(v, family);
    const subnetBlocks = this.net.subnets.filter((x) => x.vpc === this.net.vpcs[v].id)
      .map((x) => this.blockOf(x, family)).filter((b): b is Prefix => b !== undefined);
    held = [];
    for (let a = 0; a < w.count; a++) {
      const addr = w.rep(a);
      if (blocks.some((b) => contains(b, addr)) && !subnetBlocks.some((b) => contains(b, addr))) held.push(a);
    }
    this.heldCache.set(ck, held);
    return held;
  }

  private ownSpan(s: number, family: Family): [number, number] | undefined {
    const ck = `${s}/${family}`;
    if (this.spanCache.has(ck)) return this.spanCache.get(ck);
    // §2: the outside subnet has no block of its own ("which of those addresses a subnet created later takes is unknown")
    if (this.outside[s]) {
      this.spanCache.set(ck, undefined);
      return undefined;
    }
    const b = this.blockOf(this.subnets[s], family);
    const span = b ? this.worlds[family].span(b) : undefined;
    this.spanCache.set(ck, span);
    return span;
  }

  private segment(subnet: number): Segment | undefined {
    return this.segOfVpc[this.subnetVpc[subnet]];
  }

  private vpc(id: string): number {
    const i = this.vpcIndex.get(id);
    if (i === undefined) throw new Error(`unknown VPC ${id}`);
    return i;
  }

  private subnet(id: string): number {
    const i = this.subnetIndex.get(id);
    if (i === undefined) throw new Error(`unknown subnet ${id}`);
    return i;
  }

  private table(id: string): number {
    const i = this.tableIndex.get(id);
    if (i === undefined) throw new Error(`unknown route table ${id}`);
    return i;
  }
}

/** §2: "one subnet stands for them all, named `<vpc>#subnets-outside-the-output` in findings". */
export function outsideSubnetId(vpcId: string): string {
  return `${vpcId}#subnets-outside-the-output`;
}

export function implicitTableId(tgwId: string): string {
  return `${tgwId}#default`;
}

function tgwOfImplicit(tableId: string): string {
  return tableId.endsWith('#default') ? tableId.slice(0, -'#default'.length) : tableId;
}

export function vpcCidrs(v: { cidr: string; secondaryCidrs: string[]; ipv6Cidr?: string }): string[] {
  return [v.cidr, ...v.secondaryCidrs, ...(v.ipv6Cidr ? [v.ipv6Cidr] : [])];
}

/** §6: entries in rule-number order for one direction; the first match decides; no match denies. */
function firstMatchAllows(entries: NaclEntry[], egress: boolean, family: Family, addr: bigint, c: ProtoPort): boolean {
  const dir = entries.filter((e) => e.egress === egress).sort((a, b) => a.rule - b.rule);
  for (const e of dir) {
    const p = prefix(e.cidr);
    if (p.family !== family || !contains(p, addr)) continue;
    let match: boolean;
    switch (e.protocol) {
      case '-1':
        match = true;
        break;
      case 'icmp':
        // Entries here cover every ICMP type and code, so they match every ICMP packet, allow or deny.
        match = c.proto === 1;
        break;
      default:
        match = c.proto === PROTO_NUMBER[e.protocol] && (e.fromPort ?? 0) <= c.port && c.port <= (e.toPort ?? 65535);
    }
    if (match) return e.action === 'allow';
  }
  return false;
}

/** Is [lo, hi] covered by the union of the intervals? (sweep) */
function covered<T extends number | bigint>(intervals: [T, T][], lo: T, hi: T, next: (v: T) => T): boolean {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let cur = lo;
  for (const [a, b] of sorted) {
    if (a > cur) break;
    if (b >= cur) cur = next(b);
    if (cur > hi) return true;
  }
  return cur > hi;
}

/** A VPC's addresses no subnet holds, per family: its blocks less the subnets' blocks, as closed intervals. */
interface Unheld {
  readonly vpc: string;
  readonly free: { family: Family; lo: bigint; hi: bigint }[];
}

/** The intervals of `blocks` that none of `taken` holds (address by address, walked from each block's start). */
function freeIntervals(blocks: Prefix[], taken: Prefix[]): Unheld['free'] {
  const out: Unheld['free'] = [];
  for (const b of blocks) {
    let cur = b.lo;
    while (cur <= b.hi) {
      const holder = taken.find((t) => t.family === b.family && contains(t, cur));
      if (holder) {
        cur = holder.hi + 1n;
        continue;
      }
      // The free stretch ends just before the first taken block that starts after cur, or at the block's end.
      const starts = taken.filter((t) => t.family === b.family && t.lo > cur && t.lo <= b.hi).map((t) => t.lo);
      const end = starts.length > 0 ? starts.reduce((m, x) => (x < m ? x : m)) - 1n : b.hi;
      out.push({ family: b.family, lo: cur, hi: end });
      cur = end + 1n;
    }
  }
  return out;
}

/**
 * §10: do the intervals (one family) hold every address of some aligned /28 (IPv4) or /64 (IPv6) inside [lo, hi]? The
 * text of the first such block. Candidates: the first aligned block at or after the start of each stretch the intervals
 * hold together inside [lo, hi].
 */
function smallestSubnetHeld(intervals: [bigint, bigint][], family: Family, lo: bigint, hi: bigint): string | undefined {
  const size = 2n ** BigInt(BITS[family] - SMALLEST_SUBNET[family]);
  const clipped = intervals.filter(([a, b]) => a <= hi && lo <= b).map(([a, b]): [bigint, bigint] => [a > lo ? a : lo, b < hi ? b : hi])
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  let i = 0;
  while (i < clipped.length) {
    const start = clipped[i][0];
    let end = clipped[i][1];
    i++;
    while (i < clipped.length && clipped[i][0] <= end + 1n) {
      if (clipped[i][1] > end) end = clipped[i][1];
      i++;
    }
    const first = start % size === 0n ? start : (start / size + 1n) * size;
    if (first + size - 1n <= end) return `${formatAddress(family, first)}/${SMALLEST_SUBNET[family]}`;
  }
  return undefined;
}

/** §10 MN-3 security-group part, for one group and direction's considered rules. */
function sgRulesTooWide(rules: SgRule[], otherSubnetBlocks: Prefix[], unheld: Unheld[] = []): string | undefined {
  const all = rules.find((r) => r.protocol === '-1');
  if (all) return `rule allows all protocols (${all.cidr ?? all.peerGroup})`;
  const ports = (r: SgRule): [number, number] => [r.fromPort ?? 0, r.toPort ?? 65535];
  for (const proto of ['tcp', 'udp'] as const) {
    const pr = rules.filter((r) => r.protocol === proto);
    // One peer address: every address where the rules' coverage can change.
    const cidrRules = pr.filter((r) => r.cidr !== undefined);
    const candidates = new Set<string>();
    for (const r of cidrRules) {
      const p = prefix(r.cidr!);
      candidates.add(`${p.family}/${p.lo}`);
      if (p.hi + 1n < SPACE_END[p.family]) candidates.add(`${p.family}/${p.hi + 1n}`);
    }
    for (const c of candidates) {
      const [fam, v] = c.split('/');
      const addr = BigInt(v);
      const covering = cidrRules.filter((r) => { const p = prefix(r.cidr!); return p.family === Number(fam) && contains(p, addr); });
      if (covering.length > 0 && covered(covering.map(ports), 1, 65535, (n) => n + 1)) {
        return `${proto} ports 1-65535 toward one peer address (${covering.map((r) => `${r.cidr} ${ports(r).join('-')}`).join(', ')})`;
      }
    }
    // One peer group.
    const groups = new Set(pr.filter((r) => r.peerGroup !== undefined).map((r) => r.peerGroup!));
    for (const gid of groups) {
      const rs = pr.filter((r) => r.peerGroup === gid);
      if (covered(rs.map(ports), 1, 65535, (n) => n + 1)) return `${proto} ports 1-65535 toward group ${gid}`;
    }
  }
  // One protocol and port: the rules' peer CIDRs other than /0 cover a whole subnet block of the other side.
  const cidrRules = rules.filter((r) => r.cidr !== undefined && prefix(r.cidr).len > 0);
  for (const proto of ['tcp', 'udp', 'icmp'] as const) {
    const pr = cidrRules.filter((r) => r.protocol === proto);
    if (pr.length === 0) continue;
    const portSet = new Set<number>([0]);
    if (proto !== 'icmp') {
      for (const r of pr) {
        portSet.add(ports(r)[0]);
        if (ports(r)[1] + 1 <= 65535) portSet.add(ports(r)[1] + 1);
      }
    }
    for (const port of portSet) {
      const matching = proto === 'icmp' ? pr : pr.filter((r) => ports(r)[0] <= port && port <= ports(r)[1]);
      for (const b of otherSubnetBlocks) {
        const iv = matching.map((r) => prefix(r.cidr!)).filter((p) => p.family === b.family).map((p): [bigint, bigint] => [p.lo, p.hi]);
        if (iv.length > 0 && covered(iv, b.lo, b.hi, (n) => n + 1n)) {
          return `${proto}${proto === 'icmp' ? '' : ` port ${port}`}: rules ${matching.map((r) => r.cidr).join(', ')} cover the subnet block `
            + `${formatAddress(b.family, b.lo)}/${b.len}`;
        }
      }
      // The VPCs' addresses no subnet of the output holds: any smallest subnet AWS allows among them (§2, §10).
      for (const u of unheld) {
        for (const f of u.free) {
          const iv = matching.map((r) => prefix(r.cidr!)).filter((p) => p.family === f.family).map((p): [bigint, bigint] => [p.lo, p.hi]);
          const block = smallestSubnetHeld(iv, f.family, f.lo, f.hi);
          if (block) {
            return `${proto}${proto === 'icmp' ? '' : ` port ${port}`}: rules ${matching.map((r) => r.cidr).join(', ')} cover ${block} of `
              + `${u.vpc}'s addresses no subnet holds`;
          }
        }
      }
    }
  }
  return undefined;
}

/** EC2's own outbound rules of a default security group (§10). */
const EC2_DEFAULT_EGRESS: SgRule[] = [{ protocol: '-1', cidr: '0.0.0.0/0' }, { protocol: '-1', cidr: '::/0' }];

/** Where the packets of one source subnet end (§9). */
export interface ReachSummary {
  readonly internet: boolean;
  readonly zones: Zone[];
  readonly unknown: boolean;
  /** Subnets some packet is delivered to (the source itself included when it sends to its own block). */
  readonly subnets: string[];
}

export function reachSummary(net: Network): Map<string, ReachSummary> {
  return new Oracle(resolveLabels(net).net, {}).summary();
}

export function runOracle(net: Network, options: OracleOptions = {}): OracleResult {
  // §3: the labels the guard reads (own tags and tag resources), and GUARD-1 where a tag resource's label cannot be read.
  const labels = resolveLabels(net);
  const result = new Oracle(labels.net, options).run();
  // §3, §7: the roles of launchers and launch templates (PL-1), and GUARD-1 where one cannot be read.
  const launches = launchVerdicts(labels.net, options.model ?? 'ALPHA');
  if (launches.pl1.length > 0) {
    result.verdicts.add('PL-1');
    result.reasons.push(...launches.pl1.map((why) => `PL-1: ${why}`));
  }
  for (const [id, why] of [...labels.unresolved, ...launches.unresolved]) {
    result.verdicts.add(`GUARD-1/label ${id}`);
    result.reasons.push(`GUARD-1/label ${id}: ${why}`);
  }
  return result;
}
