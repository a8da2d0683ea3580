/* eslint-disable no-bitwise -- genes pick subsets with bit masks; prefixes are split with bigint shifts. */
/**
 * Random abstract networks for the oracle property (fast-check).
 *
 * fast-check generates flat "genes" (small integers and booleans whose cross-references are taken modulo the length of
 * what they point at), and `decode` turns them into a valid Network. Shrinking works on the genes, so every shrunk
 * case is still a valid network. The genes are biased toward multi-hop egress chains: spokes whose default route goes
 * to a transit gateway, a transit table forwarding to an inspection / egress VPC whose attachment subnet routes to a
 * firewall endpoint, then a NAT gateway, then an internet gateway (and ::/0 to an egress-only gateway), with static
 * routes and blackholes at assorted prefix lengths on top, NACLs that cut some of it, and security-group rules toward
 * the other segment that are wide or narrow. Some networks also give a My Number subnet a specific route to one LGWAN
 * subnet (peering or the transit gateway), and that LGWAN subnet a way out or none, so that MN-4 is decided both ways
 * by paths that are known (not only by unknown ends, which already decide MN-1). Two networks in five tag their VPCs
 * with two or three member municipality codes (SC-1); that adds tags only, so the other rules see the same networks.
 * One network in eight also holds the prefecture hub: a VPC tagged `jichitai:security-cloud = hub` (no segment), whose
 * subnets the other genes may then pick like any VPC's, linked with My Number and LGWAN subnets either way (see HubGene).
 * One network in four lets a VPN gateway propagate its routes into one or two route tables of its VPC (§4; see
 * VgwPropGene), which matters only where the network has a VPN gateway: the other networks are the ones they were.
 * One network in six lets a VPC Route Server propagate into one or two route tables of any segment (§4; see
 * RouteServerGene), drawn last as well. One network in eight gets a transit gateway peering attachment or an attachment
 * by literal id (§5: unplaced entries, beside the VPNs without a zone label; see UnplacedGene), drawn last too. One network
 * in eight gets one or two of §5's later entries (see TransitEntryGene), drawn after everything else: a VPC attachment of
 * a VPC outside the output, a Direct Connect gateway association, and in Terraform an accepter of another account's
 * attachment or of an attachment of the output, or a default table named by its own resource. One network in eight gets one
 * or two of §5's entries through sharing (see ShareGene), drawn after all of those: a VPC peering with a VPC outside the
 * output, or a transit gateway shared with other accounts (a RAM share, or auto-accepting shared attachments). One network in
 * five gets one to three routes to prefix lists (§4, §5; see PrefixRouteGene), drawn last of all: a list of the output with
 * entries, a literal `pl-…` id or a list without entries, as a VPC route's destination and, in Terraform, as a transit gateway
 * prefix list reference. One network in four (Terraform) gives one to three labels another way than by the element's own tags
 * (§3; see LabelSourceGene), drawn after everything else: an `aws_ec2_tag` alone, beside the own tag or another tag resource of
 * the same value, or of another value (ambiguous: read as absent), or on a target the guard cannot tie to the output. One
 * network in five, drawn last of all, gets one or two launch templates whose tags for instances give a role (§3), with Auto
 * Scaling groups and instances that launch them (see LaunchGene; PL-1 in α), their own roles sometimes another than the
 * template's (GUARD-1 at the launcher) and, in Terraform, a group's role from an `aws_autoscaling_group_tag`.
 *
 * Sizes stay small (≤ 4 VPCs and the hub, ≤ 10 subnets and the hub's 2, ≤ 25 VPC routes) so that the brute-force oracle
 * stays fast.
 */
import * as fc from 'fast-check';
import { formatPrefix, prefix } from './addr';
import {
  emptyNetwork, Engine, MISSPELT_ROLE, NaclEntry, Network, ownTagKey, Protocol, Role, RouteTable, RouteTarget, Segment, SgRule, Subnet, TaggedKind,
  TgwRouteTable, Vpc, Zone,
} from './network';
import { implicitTableId } from './oracle';

export const MAX_VPCS = 4;
export const MAX_SUBNETS = 10;
export const MAX_ROUTES = 25;

const SEGMENTS: Segment[] = ['MY_NUMBER', 'LGWAN', 'INTERNET'];
const ZONES: (Zone | undefined)[] = [undefined, 'LGWAN_WAN', 'SECURITY_CLOUD'];
const PRIMARY = ['10.0.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16', '172.16.0.0/16', '192.168.0.0/16', '10.0.0.0/16', '10.1.0.0/16'];
const FIXED_V4 = ['52.0.0.0/8', '0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '52.0.0.0/9', '172.16.0.0/12', '100.64.0.0/10', '192.168.0.0/16',
  '8.8.8.8/32', '10.0.0.0/9', '203.0.113.0/24', '52.0.0.0/25'];
const FIXED_V6 = ['2000::/3', '2001:db8::/32', '64:ff9b::/96', '2600::/12', 'fc00::/7'];
const NACL_PORTS: [number, number][] = [[0, 65535], [1, 32767], [32768, 65535], [443, 443], [22, 22], [1024, 65535], [1, 65535], [0, 1023]];
const SG_PORTS: [number, number][] = [[443, 443], [0, 65535], [1, 65535], [1, 32767], [32768, 65535], [22, 22], [1024, 65535], [53, 53]];
const RULE_NUMBERS = [10, 20, 30, 50, 90, 110, 120, 200, 300];
const PROTOCOLS: Protocol[] = ['-1', 'tcp', 'udp', 'icmp'];
/** WAN destinations of My Number subnets (WanLinkGene), outside every block the generator gives a VPC. */
const WAN_DESTS = ['10.99.0.10/32', '10.99.0.0/25', '10.99.0.0/24', '10.99.1.0/24', '10.99.0.0/23', '10.99.0.0/16'];
/** Local government codes (全国地方公共団体コード, six digits with the check digit) of member municipalities. */
const MUNICIPALITY_CODES = ['131016', '131024', '131032'];
/** The hub VPC's block: mostly apart from every other VPC's, sometimes the same as one of them (PRIMARY[1]). */
const HUB_BLOCKS = ['10.200.0.0/16', '172.31.0.0/16', '10.200.0.0/16', '10.1.0.0/16'];

// ---------------------------------------------------------------------------------------------------------------------
// Genes

interface DestGene { v6: boolean; kind: number; ref: number }
interface VpcGene { seg: number; block: number; secondary: boolean; v6: number; mainAssoc: boolean }
interface SubnetGene { vpc: number; secondary: boolean; size: number; v6: boolean; mapPublic: boolean; table: number; nacl: number }
interface GwGene { kind: number; a: number; b: number; flag: number }
interface ChainGene { vpc: number; fw: boolean; nat: boolean; v6: boolean; spokes: number; blackhole: DestGene | null }
interface TgwGene { defAssoc: boolean; defProp: boolean; tables: number; cfnAssocDefault: number; cfnPropDefault: number }
interface AttGene { vpc: number; subnets: number; assoc: number; props: number; noDefAssoc: boolean; noDefProp: boolean }
interface VpnGene { zone: number; props: number; assoc: number }
interface RouteGene { table: number; dest: DestGene; kind: number; ref: number }
interface TgwRouteGene { table: number; dest: DestGene; target: number }
interface EntryGene { rule: number; egress: boolean; allow: boolean; proto: number; dest: DestGene; ports: number }
interface NaclGene { vpc: number; isDefault: boolean; entries: EntryGene[]; tail: number }
interface RuleGene { proto: number; ports: number; peer: number; dest: DestGene; sg: number; split: boolean; separate: boolean }
interface SgGene { vpc: number; isDefault: boolean; ingress: RuleGene[]; egress: RuleGene[] }
/**
 * A prefix cut into pieces at growing prefix lengths (base /L → /L+1, /L+2, ... /L+depth), with or without the last
 * piece (a gap). where: 0 transit routes, 1 VPC routes, 2 NACL entries, 3 security-group rules. mode 0 ("shadow"): the
 * base goes to a target and the pieces are blackholed / denied; mode 1 ("cover"): the pieces go to the target / are
 * allowed, so that their union is the base exactly when there is no gap.
 */
interface SplitGene { where: number; ref: number; base: DestGene; depth: number; gap: boolean; mode: number; target: number; flip: number }
/** Security-group rules whose port ranges together cover 1-65535, or all but a gap. */
interface PortSplitGene { sg: number; egress: boolean; udp: boolean; peer: DestGene; pieces: number; gap: number }
/**
 * A My Number subnet's route to one LGWAN subnet (MN-4's "subnet at which some My Number subnet has an arrival"): the
 * whole block or one host, over a peering (made if missing) or the transit gateway; and what that LGWAN subnet's own
 * table does with 0.0.0.0/0: out: 0 nothing, 1 an internet gateway, 2 the transit gateway, 3 a firewall endpoint in its
 * VPC (when there is one; the firewall passes everything, §4).
 */
interface MnPeerGene { mn: number; lg: number; host: boolean; tgw: boolean; out: number }
/**
 * A My Number subnet's link with the LGWAN WAN (§10 MN-3, WAN part): it routes one of WAN_DESTS (a host, a /25, a /24,
 * the next /24, a /23, a /16: both sides of the 256-address bound, and adjacent /24s that make one run together) to the
 * WAN, over the transit gateway to an LGWAN_WAN VPN (made if missing; the route goes into the table associated with its
 * VPC's attachment, or a new one) or, one in four, to a VPN gateway of its VPC (made LGWAN_WAN if the VPC has none,
 * which is also an entry into the VPC, §5); and what the WAN VPN's table routes back to the subnet's attachment:
 * back 0 nothing, 1 one host of the subnet, 2 its whole block, 3 its VPC's block.
 */
interface WanLinkGene { mn: number; dest: number; vgw: boolean; back: number }
/**
 * Member municipalities of a prefecture (§10 SC-1): `count` + 2 distinct local government codes; VPC i gets
 * code (of[i] + i) mod n, or none when of[i] mod (n + 1) is n. Shrinking (of → 0) keeps neighbouring VPCs apart.
 * The hub VPC (HubGene) never gets a code (its subnets belong to no member). SC-1 applies whenever two codes are present
 * or a hub is; the hub's own conditions (every other VPC coded, the proxy's squid.conf) are not paths, which is all the
 * oracle decides (compare.ts leaves them out).
 */
interface CodesGene { count: number; of: number[]; onSubnets?: boolean[] }
/**
 * The prefecture hub (§10 MN-1: a VPC tagged `jichitai:security-cloud = hub`, no segment; its subnets are hub subnets).
 * It is added after the other VPCs' subnets, so that those stay as the genes made them, and before everything else, so
 * that the gateway, attachment, peering, chain, route, NACL and security-group genes may pick it like any VPC (its
 * subnets' NACL gene is `nacl`). It has one or two subnets (`two`), each on its own table, IPv6 in one of three.
 * `chain`: the first egress chain (ChainGene) goes through the hub, as a security cloud's does. `out`: what every hub
 * table does with 0.0.0.0/0: 0 nothing, 1 an internet gateway of the hub, 2 the transit gateway. `links`: see HubLinkGene.
 */
interface HubGene { block: number; two: boolean; v6: boolean; nacl: number; chain: boolean; out: number; links: HubLinkGene[] }
/**
 * A path between a hub subnet (`hubSub`) and another subnet (`sub`, among the My Number and LGWAN subnets when there are
 * any, else among all): dir 0 the hub routes toward it, 1 it routes toward the hub, 2 both. The source's table routes,
 * over the transit gateway (`tgw`: the table associated with the source's attachment, or a new one, routes the same
 * prefix to the destination's attachment; both attachments are made or extended to hold the two subnets) or over a
 * peering (made if missing): dest 0 the destination subnet's block, 1 one host of it, 2 its VPC's block, 3 0.0.0.0/0.
 */
interface HubLinkGene { sub: number; hubSub: number; dir: number; tgw: boolean; dest: number }

/**
 * Route propagation from a VPN gateway into a route table of the gateway's VPC (§4 "Route propagation from a VPN
 * gateway"): `pair` picks among every (table, gateway) pair of one VPC that the engine can write — in CloudFormation no
 * main table (network.ts), in Terraform the main table too. Nothing happens in a network without a VPN gateway, so the
 * gene only ever adds propagations to networks the other genes made.
 */
interface VgwPropGene { pair: number }

/**
 * Route propagation from a VPC Route Server (§4 "Route propagation from a VPC Route Server"): `table` picks among the
 * route tables the engine can name (in CloudFormation no main table, network.ts) of any VPC, the hub's included; the
 * table's VPC gets a route server (one per VPC, associated with it, as AWS wants). The propagation ends unknown for every
 * destination, so it decides MN-1 / MN-2 / LG-1 for every subnet on the table and every path entering one.
 */
interface RouteServerGene { table: number }

/**
 * An unplaced entry besides the unlabelled VPNs the VpnGene already makes (§5 "Entering from a network the guard cannot
 * place"): kind 0 a transit gateway peering attachment (assoc 0: no explicit association, the gateway's default), kind 1
 * an attachment by literal id, always associated explicitly (tables[assoc]; the model labels no table, so it is unplaced).
 * `inward`: a static route in the entry's explicit table toward a VPC attachment, so that what enters often gets
 * somewhere; `outward`: a static route in any table toward the entry (§5: an unknown next hop).
 */
interface UnplacedGene {
  kind: number;
  assoc: number;
  inward: { dest: DestGene; att: number } | null;
  outward: { table: number; dest: DestGene } | null;
}

/**
 * One of §5's later transit entries, on the network's transit gateway if it has one. kind (Terraform; CloudFormation reads
 * kind mod 2, the two it can write): 0 a VPC attachment of a VPC the output does not hold (assoc 2 or 3: explicitly associated
 * with tables[assoc - 2], else the default table; prop > 0: explicitly propagating into tables[prop - 1]; switches bits 1
 * and 2, Terraform: its default association / propagation off); 1 a Direct Connect gateway association (switches mod 5 = 4,
 * Terraform: one that accepts another account's proposal, not read); 2 an accepter of another account's attachment by its
 * literal id (assoc, prop as for 0; switches mod 9: its two switches, each unset, true or false; `second`: a second transit
 * gateway with an attachment of one VPC, whose default tables the accepter joins too, and then no explicit association);
 * 3 an accepter of a VPC attachment of
 * the output (`pick`), with switches as for 2; 4 a default association and/or propagation table named by its own resource
 * (switches mod 3: association, propagation, both; the tables from `pick` and `assoc`). `inward`: a static route in the
 * entry's table (explicit, or the default one when a template can write it) toward a VPC attachment; `outward`: a static
 * route in any table toward the entry (kinds 0 and 2: those a table can name).
 */
interface TransitEntryGene {
  kind: number;
  assoc: number;
  prop: number;
  switches: number;
  pick: number;
  second: { defAssoc: boolean; defProp: boolean; vpc: number } | null;
  inward: { dest: DestGene; att: number } | null;
  outward: { table: number; dest: DestGene } | null;
}

/**
 * §5's entries through sharing. kind 0: a VPC peering between a VPC of the output (`pick`: mostly a My Number or LGWAN VPC,
 * so that what enters there decides GUARD-1, §10) and a VPC the output does not hold, the output's VPC written as the
 * requester or (`accepter`) the accepter; `route`: a route in the table of one of that VPC's subnets toward the peering (§4: a
 * peer VPC outside the output is unknown). kind 1: the transit gateway `pick` (of those the network has) shared with other
 * accounts: `spelling` 0–3 a RAM share naming it by Ref, Fn::GetAtt, `${Tgw}` in an Fn::Sub ARN, a Ref in an Fn::Join ARN
 * (Terraform: aws_ram_resource_association in every case), 4 AutoAcceptSharedAttachments `enable` alone, 5 both; `defaults`
 * 1 turns the gateway's default propagation off (when its default association stays on), 2 its default association off (when
 * its default propagation stays on), so that the stand-in is often not both an entry and its own unknown next hop. kind 2:
 * AutoAcceptSharedAttachments `disable` alone on gateway `pick`, which shares nothing.
 */
interface ShareGene {
  kind: number;
  pick: number;
  accepter: boolean;
  spelling: number;
  defaults: number;
  route: { sub: number; dest: DestGene } | null;
}

/** A VPC route's table, literal destination and target, as RouteGene picks them. */
interface PickedRoute { table: string; destination: string; target: RouteTarget }

/**
 * A route whose destination is a prefix list (§4 VPC routes; §5 Terraform transit gateway prefix list references). `tgw`:
 * a transit route (Terraform only: CloudFormation has AWS::EC2::TransitGatewayRoute only; nothing happens in CloudFormation or
 * without a transit route table). `convert`: an existing literal route of the kind (picked by `ref`) gets the list as its
 * destination instead, its prefix becoming the list's first entry, so that the paths the other genes built keep their
 * destination and gain the list's other entries; else a new route (VPC: `ref` picks the table and `kind` / `targetRef` the
 * target as for RouteGene; transit: `targetRef` 0 a blackhole, else an attachment of the table's gateway). `list`: 0 and 1 a
 * list of the output with its entries (the converted prefix and `entries`, of the list's family), 2 a literal `pl-…` id of a
 * list the output does not hold, 3 a list of the output without entries. `reuse` > 0: a list of the network already made
 * (of the family, when it matters) instead of a new one. `separate`: Terraform writes a new list's entries as
 * aws_ec2_managed_prefix_list_entry resources.
 */
interface PrefixRouteGene {
  tgw: boolean;
  convert: boolean;
  ref: number;
  kind: number;
  targetRef: number;
  list: number;
  v6: boolean;
  entries: DestGene[];
  reuse: number;
  separate: boolean;
}

/**
 * A label given another way than by its element's own tags (§3). Terraform: an `aws_ec2_tag` (CloudFormation has no resource
 * that tags another, §3: nothing happens there). what: 0 a VPC's segment, 1 a member VPC's code (one whose code is on the VPC),
 * 2 the hub's `jichitai:security-cloud`, 3 a subnet's segment (always its VPC's, or ambiguous), 4 a VPN connection's zone,
 * 5 a VPN gateway's zone (4 and 5 give an unlabelled one the zone `value` picks), 6 a label on a target the guard cannot tie to
 * the output, 7 a `Name` tag (no label: nothing). `pick`: the element. mode: 0 the tag resource alone (the element's own tag
 * left out), 1 both ways with the same value, 2 two tag resources with the same value, 3 two values (ambiguous: GUARD-1 at the
 * tag resources and the label read as absent; for a VPC's segment and the hub's tag, which the model cannot leave absent,
 * mode 1 instead). `arn`: the target named by its ARN rather than its id.
 */
interface LabelSourceGene { what: number; pick: number; mode: number; arn: boolean; value: number }

/**
 * A launch template and what launches it (§3 "A launch template's tags for instances", §7; PL-1). `role`: the template's tag
 * specifications for `instance` give ROLES[role - 1] (0: none); `volume`: one for `volume` gives a role too (no label). Each
 * launcher: an Auto Scaling group (`asg`) or an instance, in `count` subnets (a group: of one VPC, from subnet `sub`; an instance:
 * one; 0: none, the default VPC) of a VPC with a segment; `own`: its own role, 0 none, 1 the template's (or ROLES[ownRole] when
 * the template has none), 2 another than the template's (two values: GUARD-1 at the launcher, §3); `byName`: it names the
 * template by name; `tagRes` (Terraform): an `aws_autoscaling_group_tag` (an instance: `aws_ec2_tag`) sets its role, 1 to its own (or the
 * template's) value, 2 to another. `fleet`: an EC2 Fleet instead (placed as a group; its own role, CloudFormation only, is its tags for
 * instances, judged beside the template's); `mixed`: a group names the template in its mixed instances policy; `literal`: a group or
 * instance names it by a literal name (a template outside the output, §10). `misspelt`: the template's role is MISSPELT_ROLE (§3
 * vocabulary).
 */
interface LaunchGene {
  role: number;
  volume: boolean;
  launchers: {
    asg: boolean;
    sub: number;
    count: number;
    own: number;
    ownRole: number;
    byName: boolean;
    tagRes: number;
    tagByName: boolean;
    fleet: boolean;
    mixed: boolean;
    literal: boolean;
  }[];
  misspelt: boolean;
}
const ROLES: Role[] = ['BUSINESS_TERMINALS', 'BUSINESS_SYSTEM', 'MY_NUMBER_SYSTEM', 'OTHER'];

export interface Genes {
  vpcs: VpcGene[];
  subnets: SubnetGene[];
  gateways: GwGene[];
  tgw: TgwGene | null;
  attachments: AttGene[];
  vpns: VpnGene[];
  chains: ChainGene[];
  routes: RouteGene[];
  tgwRoutes: TgwRouteGene[];
  peerings: [number, number][];
  nacls: NaclGene[];
  sgs: SgGene[];
  splits: SplitGene[];
  portSplits: PortSplitGene[];
  mnPeers: MnPeerGene[];
  /** Null in most networks, which then have no member municipality at all (as before codes existed). */
  codes: CodesGene | null;
  renderSeed: number;
  wanLinks: WanLinkGene[];
  /** Null in seven networks of eight, which then have no hub (as before hubs existed). */
  hub: HubGene | null;
  /** Empty in three networks of four, which then have no route propagation (as before propagations existed). */
  vgwProps: VgwPropGene[];
  routeServers: RouteServerGene[];
  /** Empty in seven networks of eight, which then have no peering attachment or attachment by id. */
  unplaced: UnplacedGene[];
  /** Empty in seven networks of eight, which then have none of §5's later entries (TransitEntryGene). */
  transitEntries: TransitEntryGene[];
  /** Empty in seven networks of eight, which then have no outside peering and no shared gateway (ShareGene). */
  shares: ShareGene[];
  /** Empty in four networks of five, which then have no prefix list (PrefixRouteGene). Optional: pinned genes predate it. */
  prefixRoutes?: PrefixRouteGene[];
  /** Empty in three networks of four, which then give every label by own tags (LabelSourceGene). Optional: pinned genes predate it. */
  labelSources?: LabelSourceGene[];
  /** Empty in four networks of five, which then launch nothing (LaunchGene). Optional: pinned genes predate it. */
  launches?: LaunchGene[];
  /** Empty in three networks of four, which then hold no forwarder (ForwarderGene). Optional: pinned genes predate it. */
  forwarders?: ForwarderGene[];
}

/**
 * An instance (or, `iface`, a network interface) with its source/destination check off in the `sub`-th subnet of the
 * network (§2: its subnet sends with any source address); `text`: the value written as the string "false".
 */
interface ForwarderGene {
  sub: number;
  iface: boolean;
  text: boolean;
}

const nat = (max: number) => fc.nat({ max });
/** A boolean that is true with probability 1/n (shrinks to false). */
const oneIn = (n: number) => fc.nat({ max: n - 1 }).map((v) => v === n - 1);

const destGene = (v6In = 5): fc.Arbitrary<DestGene> => fc.record({ v6: oneIn(v6In), kind: nat(6), ref: nat(63) });

export function genesArbitrary(): fc.Arbitrary<Genes> {
  const ruleGene: fc.Arbitrary<RuleGene> = fc.record({
    proto: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: nat(3) }),
    ports: nat(SG_PORTS.length - 1),
    peer: nat(5),
    dest: destGene(6),
    sg: nat(7),
    split: oneIn(4),
    separate: fc.boolean(),
  });
  // Untagged VPNs and VPN gateways end unknown: keep them a minority.
  const zoneGene = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 }) });
  return fc.record({
    vpcs: fc.array(fc.record({ seg: nat(2), block: nat(7), secondary: oneIn(5), v6: fc.oneof(fc.constant(0), nat(2)), mainAssoc: oneIn(6) }),
      { minLength: 1, maxLength: MAX_VPCS }),
    subnets: fc.array(fc.record({
      vpc: nat(7),
      secondary: oneIn(5),
      size: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: nat(3) }),
      v6: fc.boolean(),
      mapPublic: oneIn(20),
      table: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: nat(2) }),
      nacl: nat(3),
    }), { maxLength: MAX_SUBNETS, size: 'max' }),
    gateways: fc.array(fc.record({ kind: nat(5), a: nat(15), b: nat(15), flag: zoneGene }), { maxLength: 6, size: 'max' }),
    tgw: fc.option(fc.record({
      defAssoc: fc.boolean(),
      defProp: fc.boolean(),
      tables: nat(3),
      cfnAssocDefault: fc.oneof(fc.constant(0), nat(3)),
      cfnPropDefault: fc.oneof(fc.constant(0), nat(3)),
    }), { freq: 4 }),
    attachments: fc.array(fc.record({ vpc: nat(7), subnets: nat(15), assoc: nat(3), props: nat(15), noDefAssoc: oneIn(5), noDefProp: oneIn(4) }),
      { maxLength: 4 }),
    vpns: fc.array(fc.record({ zone: zoneGene, props: nat(15), assoc: nat(3) }), { maxLength: 2 }),
    chains: fc.array(fc.record({
      vpc: nat(7), fw: fc.boolean(), nat: fc.boolean(), v6: oneIn(3), spokes: nat(15), blackhole: fc.option(destGene(5)),
    }), { maxLength: 2 }),
    routes: fc.array(fc.record({ table: nat(15), dest: destGene(), kind: nat(9), ref: nat(15) }), { maxLength: 14, size: 'max' }),
    tgwRoutes: fc.array(fc.record({ table: nat(7), dest: destGene(6), target: nat(7) }), { maxLength: 8, size: 'max' }),
    peerings: fc.array(fc.tuple(nat(3), nat(3)), { maxLength: 2 }),
    nacls: fc.array(fc.record({
      vpc: nat(7),
      isDefault: oneIn(3),
      entries: fc.array(fc.record({
        rule: nat(RULE_NUMBERS.length - 1),
        egress: fc.boolean(),
        allow: fc.boolean(),
        proto: nat(3),
        dest: destGene(5),
        ports: nat(NACL_PORTS.length - 1),
      }), { maxLength: 4 }),
      tail: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: nat(3) }),
    }), { maxLength: 3 }),
    sgs: fc.array(fc.record({
      vpc: nat(7), isDefault: oneIn(5), ingress: fc.array(ruleGene, { maxLength: 3 }), egress: fc.array(ruleGene, { maxLength: 3 }),
    }), { maxLength: 3 }),
    splits: fc.array(fc.record({
      where: nat(3),
      ref: nat(15),
      base: destGene(6),
      depth: nat(4),
      gap: fc.boolean(),
      mode: nat(1),
      target: nat(15),
      flip: nat(255),
    }), { maxLength: 3 }),
    portSplits: fc.array(fc.record({ sg: nat(7), egress: fc.boolean(), udp: oneIn(3), peer: destGene(6), pieces: nat(2), gap: nat(3) }),
      { maxLength: 1 }),
    mnPeers: fc.array(fc.record({ mn: nat(15), lg: nat(15), host: oneIn(3), tgw: oneIn(3), out: nat(3) }), { maxLength: 1 }),
    // Codes in 2 networks of 5; they only add tags, so every other gene keeps its distribution. Listed last so that
    // the genes before it are drawn as before.
    codes: fc.oneof(
      { weight: 3, arbitrary: fc.constant(null) },
      {
        weight: 2,
        arbitrary: fc.record({
          count: nat(1),
          of: fc.array(nat(3), { minLength: MAX_VPCS, maxLength: MAX_VPCS }),
          // the code on the VPC's subnets instead of the VPC (Vpc.municipalityOnSubnets), in one VPC of three
          onSubnets: fc.array(oneIn(3), { minLength: MAX_VPCS, maxLength: MAX_VPCS }),
        }),
      },
    ),
    renderSeed: fc.nat(),
    // Last, so that every gene before it is drawn as before it existed.
    // In one network of four, so that MN-3's WAN part does not hide the other MN-3 parts in the rest.
    wanLinks: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({ mn: nat(15), dest: nat(WAN_DESTS.length - 1), vgw: oneIn(4), back: nat(3) }), { minLength: 1, maxLength: 2 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed: a network without a hub is the one it was.
    hub: fc.oneof(
      { weight: 7, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.record({
          block: nat(HUB_BLOCKS.length - 1),
          two: fc.boolean(),
          v6: oneIn(3),
          nacl: nat(3),
          chain: fc.boolean(),
          out: nat(2),
          links: fc.array(fc.record({ sub: nat(15), hubSub: nat(1), dir: nat(2), tgw: fc.oneof(fc.constant(true), fc.boolean()), dest: nat(3) }),
            { minLength: 1, maxLength: 2 }),
        }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in four: a propagation from a
    // SECURITY_CLOUD or unlabelled gateway decides MN-1 / LG-1 for every subnet on the table, so that it does not crowd
    // out the paths the other genes build.
    vgwProps: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.record({ pair: nat(15) }), { minLength: 1, maxLength: 2 }) },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in six: an unknown end decides the
    // critical rules for the subnets it touches, so that it does not crowd out the paths the other genes build.
    routeServers: fc.oneof(
      { weight: 5, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.record({ table: nat(15) }), { minLength: 1, maxLength: 2 }) },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in eight (only those with a transit
    // gateway get anything).
    unplaced: fc.oneof(
      { weight: 7, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          kind: nat(1),
          assoc: nat(3),
          inward: fc.option(fc.record({ dest: destGene(6), att: nat(7) }), { freq: 2 }),
          outward: fc.option(fc.record({ table: nat(7), dest: destGene(6) }), { freq: 3 }),
        }), { minLength: 1, maxLength: 2 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in eight (only those with a transit
    // gateway get anything).
    transitEntries: fc.oneof(
      { weight: 7, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          kind: nat(4),
          assoc: nat(3),
          prop: fc.oneof(fc.constant(0), nat(3)),
          switches: nat(8),
          pick: nat(7),
          second: fc.option(fc.record({ defAssoc: fc.oneof(fc.constant(true), fc.boolean()), defProp: fc.boolean(), vpc: nat(7) }), { freq: 2 }),
          inward: fc.option(fc.record({ dest: destGene(6), att: nat(7) }), { freq: 2 }),
          outward: fc.option(fc.record({ table: nat(7), dest: destGene(6) }), { freq: 3 }),
        }), { minLength: 1, maxLength: 2 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in eight.
    shares: fc.oneof(
      { weight: 7, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          // A peering one time in four, a shared gateway one in two (it decides a verdict less often), `disable` alone one in four.
          kind: fc.oneof({ weight: 2, arbitrary: nat(1) }, { weight: 1, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
          pick: nat(7),
          accepter: fc.boolean(),
          spelling: nat(5),
          defaults: fc.oneof(fc.constant(0), nat(2)),
          route: fc.option(fc.record({ sub: nat(7), dest: destGene(6) }), { freq: 2 }),
        }), { minLength: 1, maxLength: 2 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in five: a list the guard cannot read
    // sends what passes its table everywhere its target leads (§4), which would crowd out the other paths if more frequent.
    prefixRoutes: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          tgw: oneIn(3),
          convert: fc.boolean(),
          ref: nat(31),
          kind: nat(9),
          targetRef: nat(15),
          // A list with entries half the time, a literal id and a list without entries a quarter each.
          list: nat(3),
          v6: oneIn(4),
          entries: fc.array(destGene(4), { maxLength: 2 }),
          reuse: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: nat(3) }),
          separate: fc.boolean(),
        }), { minLength: 1, maxLength: 3 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in four; an ambiguous label (mode 3) one
    // gene in seven.
    labelSources: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          what: nat(7),
          pick: nat(15),
          mode: fc.oneof(
            { weight: 3, arbitrary: fc.constant(0) },
            { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }) },
            { weight: 1, arbitrary: fc.constant(3) },
          ),
          arn: fc.boolean(),
          value: nat(7),
        }), { minLength: 1, maxLength: 3 }),
      },
    ),
    // Last, so that every gene before it is drawn as before it existed. One network in five; a launcher's own role other than
    // its template's (two values) one in seven, a group's tag resource one in four.
    launches: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({
          role: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) }),
          misspelt: oneIn(10),
          volume: oneIn(4),
          launchers: fc.array(fc.record({
            asg: fc.boolean(),
            sub: nat(15),
            count: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 3 }) }),
            own: fc.oneof(
              { weight: 4, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) },
            ),
            ownRole: nat(3),
            byName: fc.boolean(),
            tagRes: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
            tagByName: fc.boolean(),
            fleet: oneIn(5),
            mixed: oneIn(4),
            literal: oneIn(10),
          }), { maxLength: 2 }),
        }), { minLength: 1, maxLength: 2 }),
      },
    ),
    // After the launches, for the same reason: one network in four.
    forwarders: fc.oneof(
      { weight: 3, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(fc.record({ sub: nat(31), iface: fc.boolean(), text: fc.boolean() }), { minLength: 1, maxLength: 2 }) },
    ),
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Decoding

class Decoder {
  readonly net: Network;
  private readonly cfn: boolean;
  private readonly v6Counters = new Map<string, number>();
  /** VPCs whose first explicit table is made main (Terraform aws_main_route_table_association). */
  private readonly wantsMainAssoc = new Set<string>();
  /** Each subnet's NACL gene, resolved once the NACLs exist. */
  private readonly naclGene = new Map<string, number>();

  constructor(private readonly g: Genes, engine: Engine) {
    this.net = emptyNetwork(engine);
    this.cfn = engine === 'cloudformation';
    this.net.renderSeed = g.renderSeed;
  }

  decode(): Network {
    const g = this.g;
    const net = this.net;
    g.vpcs.slice(0, MAX_VPCS).forEach((v, i) => this.addVpc(v, i));
    this.addSubnets();
    if (g.hub) this.addHub(g.hub);
    this.addGateways();
    this.addTransit();
    for (const [a, b] of g.peerings) {
      const va = net.vpcs[a % net.vpcs.length];
      const vb = net.vpcs[b % net.vpcs.length];
      if (va === vb || net.peerings.some((p) => (p.vpc === va.id && p.peerVpc === vb.id) || (p.vpc === vb.id && p.peerVpc === va.id))) continue;
      net.peerings.push({ id: `pcx${net.peerings.length}`, vpc: va.id, peerVpc: vb.id });
    }
    g.chains.forEach((c, i) => this.addChain(c, i === 0 && g.hub?.chain ? this.hubVpc() : undefined));
    for (const m of g.mnPeers) this.addMnPeer(m);
    for (const l of g.wanLinks) this.addWanLink(l);
    if (g.hub) this.addHubPaths(g.hub);
    for (const r of g.routes) this.addRandomRoute(r);
    this.addTransitRoutes();
    this.addNacls();
    this.addSecurityGroups();
    for (const sp of g.splits) this.addSplit(sp);
    for (const ps of g.portSplits) this.addPortSplit(ps);
    for (const p of g.vgwProps) this.addVgwPropagation(p);
    for (const r of g.routeServers) this.addRouteServerPropagation(r);
    for (const u of g.unplaced) this.addUnplaced(u);
    for (const e of g.transitEntries ?? []) this.addTransitEntry(e);
    for (const sh of g.shares ?? []) this.addShare(sh);
    for (const p of g.prefixRoutes ?? []) this.addPrefixRoute(p);
    for (const l of g.labelSources ?? []) this.addLabelSource(l);
    for (const l of g.launches ?? []) this.addLaunch(l);
    for (const f of g.forwarders ?? []) this.addForwarder(f);
    return net;
  }

  /** An instance or network interface with its source/destination check off (ForwarderGene), in any subnet of the network. */
  private addForwarder(g: ForwarderGene): void {
    const net = this.net;
    if (net.subnets.length === 0) return;
    const forwarders = (net.forwarders ??= []);
    forwarders.push({ id: `fwd${forwarders.length}`, kind: g.iface ? 'interface' : 'instance', subnet: net.subnets[g.sub % net.subnets.length].id, text: g.text });
  }

  /** A launch template and its launchers (LaunchGene). */
  private addLaunch(g: LaunchGene): void {
    const net = this.net;
    const templates = (net.launchTemplates ??= []);
    const launchers = (net.launchers ??= []);
    const id = `lt${templates.length}`;
    const role = g.misspelt ? MISSPELT_ROLE : g.role === 0 ? undefined : ROLES[g.role - 1];
    templates.push({ id, ...(role ? { role } : {}), ...(g.volume ? { volumeRole: ROLES[(g.role + 1) % ROLES.length] } : {}) });
    // Subnets of a VPC with a segment (not the hub's).
    const candidates = net.subnets.filter((s) => net.vpcs.find((v) => v.id === s.vpc)!.segment !== undefined);
    for (const l of g.launchers) {
      let subnets: string[] = [];
      if (candidates.length > 0 && l.count > 0) {
        const first = candidates[l.sub % candidates.length];
        const same = candidates.filter((s) => s.vpc === first.vpc);
        const start = same.indexOf(first);
        subnets = l.asg || l.fleet ? same.slice(start, start + l.count).map((s) => s.id) : [first.id];
      }
      if (l.fleet) {
        const fleetId = `fleet${launchers.length}`;
        const fleetRole = this.cfn && l.own > 0 ? ROLES[l.ownRole] : undefined;
        launchers.push({ id: fleetId, kind: 'fleet', template: id, subnets, ...(l.byName ? { byName: true } : {}), ...(fleetRole ? { role: fleetRole } : {}) });
        continue;
      }
      const own = l.own === 0 ? undefined : l.own === 1 ? role ?? ROLES[l.ownRole]
        : ROLES.filter((r) => r !== role)[l.ownRole % (role ? ROLES.length - 1 : ROLES.length)];
      const launcherId = `${l.asg ? 'asg' : 'inst'}${launchers.length}`;
      // A tag resource's role is never the misspelt one (where the guard reports that is not the oracle's question here).
      const base = own !== undefined && own !== MISSPELT_ROLE ? own : role !== undefined && role !== MISSPELT_ROLE ? role : ROLES[l.ownRole];
      const tagRole = this.cfn || l.tagRes === 0 ? undefined
        : l.tagRes === 1 ? base : ROLES.filter((r) => r !== base)[l.ownRole % (ROLES.length - 1)];
      launchers.push({
        id: launcherId,
        kind: l.asg ? 'asg' : 'instance',
        template: id,
        subnets,
        ...(l.byName ? { byName: true } : {}),
        ...(l.asg && l.mixed ? { mixed: true } : {}),
        ...(l.literal && subnets.length > 0 ? { literalName: true } : {}),
        ...(own ? { role: own } : {}),
        ...(tagRole ? { tagResourceRole: tagRole, ...(l.tagByName ? { tagResourceByName: true } : {}) } : {}),
      });
    }
  }

  // Labels from other sources (§3) -------------------------------------------------------------------------------------

  private addLabelSource(l: LabelSourceGene): void {
    const net = this.net;
    if (this.cfn) return;
    const tags = (net.tagResources ??= []);
    const omitted = (net.ownTagsOmitted ??= []);
    const attr: 'id' | 'arn' = l.arn ? 'arn' : 'id';
    const tag = (kind: TaggedKind, id: string, key: string, value: string) => {
      tags.push({ id: `tag${tags.length}`, target: { kind, id, attr }, key, value });
    };
    const omit = (kind: TaggedKind, id: string, key: string) => {
      const k = ownTagKey(kind, id, key);
      if (!omitted.includes(k)) omitted.push(k);
    };
    /** The label `key` = `value` of an element given by mode; `other` for an ambiguous one. */
    const give = (kind: TaggedKind, id: string, key: string, value: string, other: string | undefined, mode: number) => {
      if (mode === 3 && other !== undefined) {
        // Two values: the own tag and a tag resource, or (value odd) two tag resources.
        if (l.value & 1) {
          omit(kind, id, key);
          tag(kind, id, key, value);
        }
        tag(kind, id, key, other);
        return;
      }
      if (mode === 0 || mode === 2) omit(kind, id, key);
      tag(kind, id, key, value);
      if (mode === 2) tag(kind, id, key, value);
    };
    const pick = <T>(xs: T[]): T | undefined => (xs.length === 0 ? undefined : xs[l.pick % xs.length]);
    const zones: Zone[] = ['LGWAN_WAN', 'SECURITY_CLOUD'];
    switch (l.what) {
      case 0: {
        const v = pick(net.vpcs.filter((x) => x.segment !== undefined));
        if (v) give('vpc', v.id, 'jichitai:segment', v.segment!, undefined, l.mode === 3 ? 1 : l.mode);
        return;
      }
      case 1: {
        const v = pick(net.vpcs.filter((x) => x.municipality !== undefined && x.municipalityOnSubnets === false));
        if (!v) return;
        const other = MUNICIPALITY_CODES.find((c) => c !== v.municipality)!;
        give('vpc', v.id, 'jichitai:municipality', v.municipality!, other, l.mode);
        return;
      }
      case 2: {
        const v = net.vpcs.find((x) => x.securityCloud === 'hub');
        if (v) give('vpc', v.id, 'jichitai:security-cloud', 'hub', undefined, l.mode === 3 ? 1 : l.mode);
        return;
      }
      case 3: {
        const s = pick(net.subnets.filter((x) => net.vpcs.find((v) => v.id === x.vpc)!.segment !== undefined && x.segmentTag === undefined));
        if (!s) return;
        const seg = net.vpcs.find((v) => v.id === s.vpc)!.segment!;
        // The subnet's own tag, when given, is its VPC's segment; mode 0 leaves it out (nothing to omit).
        if (l.mode !== 0 && (l.mode !== 3 || !(l.value & 1))) s.segmentTag = seg;
        if (l.mode === 3) tag('subnet', s.id, 'jichitai:segment', SEGMENTS.find((x) => x !== seg)!);
        if (l.mode === 3 && l.value & 1) tag('subnet', s.id, 'jichitai:segment', seg);
        if (l.mode !== 3) tag('subnet', s.id, 'jichitai:segment', seg);
        if (l.mode === 2) tag('subnet', s.id, 'jichitai:segment', seg);
        return;
      }
      case 4:
      case 5: {
        const kind = l.what === 4 ? 'vpn' : 'vgw';
        const el = pick<{ id: string; zone?: Zone }>(l.what === 4 ? net.vpnAttachments : net.vpnGateways);
        if (!el) return;
        el.zone ??= zones[l.value % 2];
        give(kind, el.id, 'jichitai:zone', el.zone, zones.find((z) => z !== el.zone), l.mode);
        return;
      }
      case 6: {
        // A label on a target the guard cannot tie to the output: a literal id, or another attribute of an element.
        const v = pick(net.vpcs);
        const vpn = pick(net.vpnAttachments);
        const seg = SEGMENTS[l.value % 3];
        if (l.mode === 0 || !v) {
          tags.push({ id: `tag${tags.length}`, untied: { literal: 'vpc-0a1b2c3d4e5f60718' }, key: 'jichitai:segment', value: seg });
        } else if (l.mode === 3 && vpn) {
          tags.push({ id: `tag${tags.length}`, untied: { kind: 'vpn', id: vpn.id, attr: 'transit_gateway_attachment_id' }, key: 'jichitai:zone', value: zones[l.value % 2] });
        } else {
          const a = l.value & 1 ? 'main_route_table_id' : 'default_security_group_id';
          tags.push({ id: `tag${tags.length}`, untied: { kind: 'vpc', id: v.id, attr: a }, key: 'jichitai:segment', value: seg });
        }
        return;
      }
      default: {
        // No label: changes nothing and is not reported, whatever its target (§3).
        const v = pick(net.vpcs);
        if (l.mode === 0 || !v) tags.push({ id: `tag${tags.length}`, untied: { literal: 'subnet-0a1b2c3d4e5f60718' }, key: 'Name', value: 'x' });
        else tag('vpc', v.id, 'Name', `named-${v.id}`);
      }
    }
  }

  /** A route to a prefix list (PrefixRouteGene). */
  private addPrefixRoute(p: PrefixRouteGene): void {
    const net = this.net;
    if (p.tgw) {
      // CloudFormation has no transit gateway prefix list reference.
      if (this.cfn || net.tgwRouteTables.length === 0) return;
      const literal = net.tgwRoutes.filter((r) => r.destination !== undefined);
      if (p.convert && literal.length > 0) {
        const r = literal[p.ref % literal.length];
        const list = this.listFor(p, r.destination!);
        // AWS takes one reference per table and list.
        if (list === undefined || net.tgwRoutes.some((o) => o.table === r.table && o.prefixList === list)) return;
        delete r.destination;
        r.prefixList = list;
        return;
      }
      const table = net.tgwRouteTables[p.ref % net.tgwRouteTables.length];
      const targets = [...net.tgwAttachments, ...net.vpnAttachments].filter((a) => a.tgw === table.tgw).map((a) => a.id);
      const target = p.targetRef === 0 || targets.length === 0 ? 'blackhole' : targets[(p.targetRef - 1) % targets.length];
      const list = this.listFor(p, undefined);
      if (list === undefined || net.tgwRoutes.some((o) => o.table === table.id && o.prefixList === list)) return;
      net.tgwRoutes.push({ table: table.id, prefixList: list, target });
      return;
    }
    // Routes a template can write (in CloudFormation not on a main table, which it does not render).
    const writable = new Set(net.routeTables.filter((t) => !(this.cfn && t.main)).map((t) => t.id));
    const literal = net.routes.filter((r) => r.destination !== undefined && writable.has(r.table));
    if (p.convert && literal.length > 0) {
      const r = literal[p.ref % literal.length];
      const list = this.listFor(p, r.destination!);
      if (list === undefined || net.routes.some((o) => o.table === r.table && o.prefixList === list)) return;
      delete r.destination;
      r.prefixList = list;
      return;
    }
    const picked = this.routeTarget(p.ref, '0.0.0.0/0', p.kind, p.targetRef);
    if (!picked || net.routes.length >= MAX_ROUTES) return;
    // An egress-only gateway takes IPv6 routes only: an IPv6 list (the picked destination says so).
    const list = this.listFor(p, picked.destination.includes(':') ? '::/0' : undefined);
    if (list === undefined || net.routes.some((o) => o.table === picked.table && o.prefixList === list)) return;
    net.routes.push({ table: picked.table, prefixList: list, target: picked.target });
  }

  /**
   * The prefix list of a PrefixRouteGene: a literal `pl-…` id, a list without entries, or a list with entries (`first`, the
   * converted route's prefix, then the gene's entries of the same family). `first` (when given) fixes the family. Undefined
   * when the gene reuses a list of another family than `first`'s.
   */
  private listFor(p: PrefixRouteGene, first: string | undefined): string | undefined {
    const net = this.net;
    const lists = (net.prefixLists ??= []);
    const family: 4 | 6 = first !== undefined ? (first.includes(':') ? 6 : 4) : p.v6 ? 6 : 4;
    if (p.list === 2) {
      // A list the output does not hold: one literal id per gene (ids look like AWS's, pl- and 17 hex digits).
      const n = net.routes.filter((r) => r.prefixList?.startsWith('pl-')).length + net.tgwRoutes.filter((r) => r.prefixList?.startsWith('pl-')).length;
      return `pl-0123456789abc${(0xd000 + n).toString(16)}`;
    }
    if (p.reuse > 0) {
      const same = lists.filter((l) => l.family === family && (p.list === 3) === (l.entries.length === 0));
      if (same.length > 0) return same[(p.reuse - 1) % same.length].id;
    }
    const entries: string[] = [];
    if (p.list !== 3) {
      if (first !== undefined) entries.push(first);
      for (const d of p.entries) {
        const e = this.dest({ ...d, v6: family === 6 });
        if (!entries.includes(e)) entries.push(e);
      }
      // Without a converted prefix or entries of its own, a list still holds one entry.
      if (entries.length === 0) entries.push(this.dest({ v6: family === 6, kind: p.ref % 7, ref: p.targetRef }));
    }
    const id = `pl${lists.length}`;
    lists.push({ id, family, entries, ...(!this.cfn && p.separate && entries.length > 0 ? { separateEntries: true } : {}) });
    return id;
  }

  /** A VPC peering with a VPC outside the output, or a transit gateway shared with other accounts (ShareGene). */
  private addShare(sh: ShareGene): void {
    const net = this.net;
    if (sh.kind === 0) {
      const guarded = net.vpcs.filter((v) => v.segment === 'MY_NUMBER' || v.segment === 'LGWAN');
      const pool = guarded.length > 0 && sh.pick % 4 !== 3 ? guarded : net.vpcs;
      const vpc = pool[sh.pick % pool.length];
      const n = (net.outsidePeerings ??= []).length;
      const id = `xpcx${n}`;
      net.outsidePeerings.push({
        id, vpc: vpc.id, peerVpcId: `vpc-0${(0x9ee0000000000000n + BigInt(n)).toString(16)}`, side: sh.accepter ? 'accepter' : 'requester',
      });
      const subs = this.subnetsOf(vpc.id);
      if (sh.route && subs.length > 0) this.route(this.tableOf(subs[sh.route.sub % subs.length]), this.dest(sh.route.dest), { kind: 'pcx', id });
      return;
    }
    if (net.transitGateways.length === 0) return;
    const g = net.transitGateways[sh.pick % net.transitGateways.length];
    if (sh.kind === 2) {
      g.autoAcceptSharedAttachments ??= false;
      return;
    }
    const spellings = ['ref', 'getatt', 'sub', 'join'] as const;
    if (sh.spelling !== 4) g.ramShare = spellings[sh.spelling % 4];
    if (sh.spelling >= 4) g.autoAcceptSharedAttachments = true;
    if (sh.defaults === 1 && g.defaultAssociation) g.defaultPropagation = false;
    if (sh.defaults === 2 && g.defaultPropagation) g.defaultAssociation = false;
  }

  /** One of §5's later transit entries (TransitEntryGene), on the network's transit gateway if it has one. */
  private addTransitEntry(e: TransitEntryGene): void {
    const net = this.net;
    if (net.transitGateways.length === 0) return;
    const g = net.transitGateways[0];
    const kind = this.cfn ? e.kind % 2 : e.kind;
    // Tables a template can name: in CloudFormation not the implicit default table.
    const tables = () => net.tgwRouteTables.filter((t) => t.tgw === g.id && !(this.cfn && t.implicit));
    const explicitly = (gene: number) => (gene > 0 && tables().length > 0 ? tables()[(gene - 1) % tables().length] : undefined);
    // Half the entries that a table can name are associated explicitly (assoc 2 or 3), half join the default tables.
    const associated = (gene: number) => explicitly(gene >= 2 ? gene - 1 : 0);
    const writableDefault = () => (g.defaultAssociation
      ? tables().find((t) => t.id === (g.associationDefaultTable ?? implicitTableId(g.id))) : undefined);
    const sw = (v: number) => [undefined, true, false][v % 3];
    let id: string;
    let own: TgwRouteTable | undefined;
    switch (kind) {
      case 0: {
        const n = (net.outsideAttachments ??= []).length;
        id = `tgwext${n}`;
        net.outsideAttachments.push({
          id,
          tgw: g.id,
          vpcId: `vpc-0${(0x0e11000000000000n + BigInt(n)).toString(16)}`,
          subnetIds: [`subnet-0${(0x0e11000000000000n + BigInt(2 * n)).toString(16)}`, `subnet-0${(0x0e11000000000000n + BigInt(2 * n + 1)).toString(16)}`],
          ...(!this.cfn && e.switches & 1 ? { defaultAssociation: false as const } : {}),
          ...(!this.cfn && e.switches & 2 ? { defaultPropagation: false as const } : {}),
        });
        own = associated(e.assoc);
        own?.associations.push(id);
        if (!own && !(!this.cfn && e.switches & 1)) own = writableDefault();
        explicitly(e.prop)?.propagations.push(id);
        break;
      }
      case 1: {
        const n = (net.dxAssociations ??= []).length;
        const proposal = !this.cfn && e.switches % 5 === 4;
        net.dxAssociations.push({ id: `dx${n}`, tgw: g.id, ...(proposal ? { acceptsProposal: true as const } : {}) });
        // Neither engine can name its attachment: inward only through the default table, nothing outward.
        if (!proposal) own = writableDefault();
        this.addEntryRoutes(e, own, undefined);
        return;
      }
      case 2: {
        const n = (net.accepters ??= []).length;
        id = `acc${n}`;
        const s = e.switches % 9;
        const [assocSwitch, propSwitch] = [sw(s), sw(Math.floor(s / 3))];
        net.accepters.push({
          id,
          attachment: `tgw-attach-0${(0xacc0000000000000n + BigInt(n)).toString(16)}`,
          ...(assocSwitch !== undefined ? { defaultAssociation: assocSwitch } : {}),
          ...(propSwitch !== undefined ? { defaultPropagation: propSwitch } : {}),
        });
        if (e.second) this.addSecondGateway(e.second);
        // With a second gateway, by default only: an explicit association would keep it out of both gateways' default tables.
        own = e.second ? undefined : associated(e.assoc);
        own?.associations.push(id);
        if (!own && assocSwitch !== false) own = writableDefault();
        explicitly(e.prop)?.propagations.push(id);
        break;
      }
      case 3: {
        const taken = new Set((net.accepters ?? []).map((a) => a.attachment));
        const atts = [...net.tgwAttachments, ...(net.outsideAttachments ?? [])].filter((a) => !taken.has(a.id));
        if (atts.length === 0) return;
        const s = e.switches % 9;
        const [assocSwitch, propSwitch] = [sw(s), sw(Math.floor(s / 3))];
        (net.accepters ??= []).push({
          id: `acc${net.accepters.length}`,
          attachment: atts[e.pick % atts.length].id,
          ...(assocSwitch !== undefined ? { defaultAssociation: assocSwitch } : {}),
          ...(propSwitch !== undefined ? { defaultPropagation: propSwitch } : {}),
        });
        return;
      }
      default: {
        // A Terraform default table named by its own resource. The implicit table stays (what names it still names it, §5).
        const explicit = net.tgwRouteTables.filter((t) => t.tgw === g.id && !t.implicit);
        if (explicit.length === 0) return;
        const which = e.switches % 3;
        if (which !== 1) g.associationDefaultTable ??= explicit[e.pick % explicit.length].id;
        if (which !== 0) g.propagationDefaultTable ??= explicit[e.assoc % explicit.length].id;
        return;
      }
    }
    this.addEntryRoutes(e, own, id);
  }

  /** The entry's inward route (in `own`, toward a VPC attachment) and outward route (toward `id`, when a table can name it). */
  private addEntryRoutes(e: TransitEntryGene, own: TgwRouteTable | undefined, id: string | undefined): void {
    const net = this.net;
    const atts = net.tgwAttachments.filter((a) => own !== undefined && a.tgw === own.tgw);
    if (e.inward && own && atts.length > 0) {
      net.tgwRoutes.push({ table: own.id, destination: this.dest(e.inward.dest), target: atts[e.inward.att % atts.length].id });
    }
    const tables = net.tgwRouteTables.filter((t) => t.tgw === 'tgw0' && !(this.cfn && t.implicit));
    if (e.outward && id !== undefined && tables.length > 0) {
      net.tgwRoutes.push({ table: tables[e.outward.table % tables.length].id, destination: this.dest(e.outward.dest), target: id });
    }
  }

  /**
   * A second transit gateway (Terraform; TransitEntryGene.second), with its implicit default table when it has a default, and
   * an attachment of one VPC's first subnet (mostly a My Number or LGWAN VPC): an accepter's gateway is known only after
   * apply, so it joins this gateway's default tables too (§5).
   */
  private addSecondGateway(s: { defAssoc: boolean; defProp: boolean; vpc: number }): void {
    const net = this.net;
    if (net.transitGateways.some((t) => t.id === 'tgw1')) return;
    net.transitGateways.push({ id: 'tgw1', defaultAssociation: s.defAssoc, defaultPropagation: s.defProp });
    if (!this.cfn && (s.defAssoc || s.defProp)) {
      net.tgwRouteTables.push({ id: implicitTableId('tgw1'), tgw: 'tgw1', implicit: true, associations: [], propagations: [] });
    }
    // Mostly a My Number or LGWAN VPC, so that what enters there through the accepter decides GUARD-1 (§10).
    const guarded = net.vpcs.filter((v) => v.segment === 'MY_NUMBER' || v.segment === 'LGWAN');
    const pool = guarded.length > 0 && s.vpc % 4 !== 3 ? guarded : net.vpcs;
    const vpc = pool[s.vpc % pool.length];
    const first = this.subnetsOf(vpc.id)[0];
    if (first) net.tgwAttachments.push({ id: `tgwatt${net.tgwAttachments.length}`, tgw: 'tgw1', vpc: vpc.id, subnets: [first.id] });
  }

  /** A peering attachment or an attachment by id (UnplacedGene), on the network's transit gateway if it has one. */
  private addUnplaced(u: UnplacedGene): void {
    const net = this.net;
    if (net.transitGateways.length === 0) return;
    // Tables a template can name: in CloudFormation not the implicit default table.
    const tables = net.tgwRouteTables.filter((t) => !(this.cfn && t.implicit));
    let id: string;
    let own: TgwRouteTable | undefined;
    if (u.kind === 0) {
      id = `tgwpeer${(net.tgwPeerings ??= []).length}`;
      net.tgwPeerings.push({ id, tgw: 'tgw0' });
      if (u.assoc > 0 && tables.length > 0) own = tables[(u.assoc - 1) % tables.length];
    } else {
      if (tables.length === 0) return;
      const n = (net.literalAttachments ??= []).length;
      id = `tgw-attach-0${(0x5e11000000000000n + BigInt(n)).toString(16)}`;
      net.literalAttachments.push({ id });
      own = tables[u.assoc % tables.length];
    }
    own?.associations.push(id);
    const atts = net.tgwAttachments;
    if (u.inward && own && atts.length > 0) {
      net.tgwRoutes.push({ table: own.id, destination: this.dest(u.inward.dest), target: atts[u.inward.att % atts.length].id });
    }
    if (u.outward && tables.length > 0) {
      net.tgwRoutes.push({ table: tables[u.outward.table % tables.length].id, destination: this.dest(u.outward.dest), target: id });
    }
  }

  /** A route server's propagation into a table (RouteServerGene), once per table; the server is its VPC's, made if missing. */
  private addRouteServerPropagation(r: RouteServerGene): void {
    const net = this.net;
    // Tables some subnet uses (a Terraform main table when a subnet of its VPC has no association), so that the
    // propagation is rarely wasted on a table nothing routes by.
    const used = (t: RouteTable) => net.subnets.some((s) => s.routeTable === t.id
      || (t.main && s.vpc === t.vpc && s.routeTable === undefined)
      || (s.vpc === t.vpc && s.routeTable === undefined && net.vpcs.find((v) => v.id === s.vpc)!.mainRouteTable === t.id));
    const writable = net.routeTables.filter((t) => !(this.cfn && t.main));
    const tables = writable.some(used) ? writable.filter(used) : writable;
    if (tables.length === 0) return;
    const table = tables[r.table % tables.length];
    net.routeServers ??= [];
    net.routeServerPropagations ??= [];
    let server = net.routeServers.find((x) => x.vpc === table.vpc);
    if (!server) {
      server = { id: `rs${net.routeServers.length}`, vpc: table.vpc };
      net.routeServers.push(server);
    }
    if (net.routeServerPropagations.some((x) => x.table === table.id)) return;
    net.routeServerPropagations.push({ table: table.id, server: server.id });
  }

  /** A VPN gateway's routes propagated into a table of its VPC (VgwPropGene), once per pair. */
  private addVgwPropagation(p: VgwPropGene): void {
    const net = this.net;
    // Only gateways of the network, only tables of the gateway's own VPC (AWS wants it attached there), and in
    // CloudFormation no main table (AWS::EC2::VPC has no attribute naming it).
    const pairs = net.vpnGateways.flatMap((g) => net.routeTables
      .filter((t) => t.vpc === g.vpc && !(this.cfn && t.main))
      .map((t) => ({ table: t.id, vgw: g.id })));
    if (pairs.length === 0) return;
    const pick = pairs[p.pair % pairs.length];
    net.vgwPropagations ??= [];
    if (net.vgwPropagations.some((x) => x.table === pick.table && x.vgw === pick.vgw)) return;
    net.vgwPropagations.push(pick);
  }

  // VPCs and subnets ------------------------------------------------------------------------------------------------

  private addVpc(v: VpcGene, i: number): void {
    const segment = SEGMENTS[(v.seg + i) % 3];
    const vpc: Vpc = { id: `vpc${i}`, segment, cidr: PRIMARY[(v.block + i) % PRIMARY.length], secondaryCidrs: [] };
    if (v.secondary) vpc.secondaryCidrs.push(`100.64.${16 * i}.0/20`);
    if (v.v6 === 1) vpc.ipv6Cidr = `2001:db8:${i + 1}::/56`;
    if (v.v6 === 2) vpc.ipv6Cidr = `fd00:${i + 1}::/56`;
    const codes = this.g.codes;
    if (codes) {
      const n = codes.count + 2;
      const pick = codes.of[i] % (n + 1);
      if (pick < n) vpc.municipality = MUNICIPALITY_CODES[(pick + i) % n];
      if (pick < n && codes.onSubnets) vpc.municipalityOnSubnets = codes.onSubnets[i] ?? false;
    }
    this.net.vpcs.push(vpc);
    this.net.routeTables.push({ id: `rtmain${i}`, vpc: vpc.id, main: true });
    if (!this.cfn && v.mainAssoc) this.wantsMainAssoc.add(vpc.id);
  }

  private addSubnets(): void {
    const net = this.net;
    const genes = this.g.subnets.slice(0, MAX_SUBNETS);
    // Every VPC gets at least one subnet (a source); the rest go where the genes say.
    const fallback = (i: number): SubnetGene => ({ vpc: i, secondary: false, size: 0, v6: true, mapPublic: false, table: 1, nacl: 0 });
    const all: SubnetGene[] = net.vpcs.map((_, i) => (genes[i] ? { ...genes[i], vpc: i } : fallback(i)));
    all.push(...genes.slice(net.vpcs.length));
    const counters = new Map<string, number>();
    for (const sg of all.slice(0, MAX_SUBNETS)) {
      const vpc = net.vpcs[sg.vpc % net.vpcs.length];
      const inSecondary = sg.secondary && vpc.secondaryCidrs.length > 0;
      const base = prefix(inSecondary ? vpc.secondaryCidrs[0] : vpc.cidr);
      const ck = `${vpc.id}/${inSecondary}`;
      const k = counters.get(ck) ?? 0;
      counters.set(ck, k + 1);
      const sizes = [24, 25, 28, 26];
      const len = sizes[sg.size];
      const lo = base.lo + BigInt(k) * 256n + (len === 26 ? 64n : 0n);
      const id = `sub${net.subnets.length}`;
      const s: Subnet = { id, vpc: vpc.id, cidr: formatPrefix(4, lo, len) };
      if (vpc.ipv6Cidr && sg.v6) {
        const k6 = this.v6Counter(vpc.id);
        s.ipv6Cidr = formatPrefix(6, prefix(vpc.ipv6Cidr).lo + (BigInt(k6) << 64n), 64);
      }
      if (sg.mapPublic) s.mapPublicIpOnLaunch = true;
      net.subnets.push(s);
      // Route table: 0 the main table, 1 an own table, 2 the table of the previous subnet of the VPC.
      const prev = net.subnets.slice(0, -1).reverse().find((o) => o.vpc === vpc.id && o.routeTable !== undefined);
      if (sg.table === 2 && prev) s.routeTable = prev.routeTable;
      else if (sg.table >= 1) s.routeTable = this.newTable(vpc.id).id;
      this.naclGene.set(id, sg.nacl);
    }
    for (const v of net.vpcs) {
      const t = this.wantsMainAssoc.has(v.id) ? net.routeTables.find((rt) => rt.vpc === v.id && !rt.main) : undefined;
      if (t) v.mainRouteTable = t.id;
    }
  }

  /** The hub VPC and its subnets (HubGene), after every other VPC's. */
  private addHub(h: HubGene): void {
    const net = this.net;
    const i = net.vpcs.length;
    const vpc: Vpc = { id: `hub${i}`, securityCloud: 'hub', cidr: HUB_BLOCKS[h.block], secondaryCidrs: [] };
    if (h.v6) vpc.ipv6Cidr = '2001:db8:ff00::/56';
    net.vpcs.push(vpc);
    net.routeTables.push({ id: `rtmain${i}`, vpc: vpc.id, main: true });
    const base = prefix(vpc.cidr);
    for (let k = 0; k < (h.two ? 2 : 1); k++) {
      const id = `sub${net.subnets.length}`;
      const s: Subnet = { id, vpc: vpc.id, cidr: formatPrefix(4, base.lo + BigInt(k) * 256n, 24), routeTable: this.newTable(vpc.id).id };
      if (vpc.ipv6Cidr) s.ipv6Cidr = formatPrefix(6, prefix(vpc.ipv6Cidr).lo + (BigInt(k) << 64n), 64);
      net.subnets.push(s);
      this.naclGene.set(id, h.nacl);
    }
  }

  private hubVpc(): Vpc | undefined {
    return this.net.vpcs.find((v) => v.securityCloud === 'hub');
  }

  /** The hub's own way out (HubGene.out) and its links with other subnets (HubLinkGene). */
  private addHubPaths(h: HubGene): void {
    const net = this.net;
    const hub = this.hubVpc()!;
    const hubSubs = this.subnetsOf(hub.id);
    if (h.out === 1) {
      const igw = net.internetGateways.find((x) => x.vpc === hub.id)?.id ?? this.addIgw(hub.id);
      for (const s of hubSubs) this.route(this.tableOf(s), '0.0.0.0/0', { kind: 'igw', id: igw });
    } else if (h.out === 2 && net.transitGateways.length > 0) {
      for (const s of hubSubs) this.route(this.tableOf(s), '0.0.0.0/0', { kind: 'tgw', id: 'tgw0' });
    }
    const others = net.subnets.filter((s) => s.vpc !== hub.id);
    const segOf = (s: Subnet) => net.vpcs.find((v) => v.id === s.vpc)!.segment;
    const preferred = others.filter((s) => segOf(s) === 'MY_NUMBER' || segOf(s) === 'LGWAN');
    const pool = preferred.length > 0 ? preferred : others;
    if (pool.length === 0) return;
    for (const l of h.links) {
      const member = pool[l.sub % pool.length];
      const hubSub = hubSubs[l.hubSub % hubSubs.length];
      if (l.dir !== 1) this.addLink(hubSub, member, l);
      if (l.dir !== 0) this.addLink(member, hubSub, l);
    }
  }

  /** A route from subnet `src` toward subnet `dst` in another VPC, over the transit gateway or a peering (HubLinkGene). */
  private addLink(src: Subnet, dst: Subnet, l: HubLinkGene): void {
    const net = this.net;
    const p = prefix(dst.cidr);
    const destination = [dst.cidr, formatPrefix(4, p.lo + 4n, 32), net.vpcs.find((v) => v.id === dst.vpc)!.cidr, '0.0.0.0/0'][l.dest];
    if (l.tgw) {
      this.ensureTgw();
      const from = this.ensureAttachment(src.vpc, [src.id]);
      const to = this.ensureAttachment(dst.vpc, [dst.id]);
      this.route(this.tableOf(src), destination, { kind: 'tgw', id: 'tgw0' });
      net.tgwRoutes.push({ table: this.associatedTable(from.id, 'tgwhub').id, destination, target: to.id });
      return;
    }
    let pcx = net.peerings.find((x) => (x.vpc === src.vpc && x.peerVpc === dst.vpc) || (x.vpc === dst.vpc && x.peerVpc === src.vpc));
    if (!pcx) {
      pcx = { id: `pcx${net.peerings.length}`, vpc: src.vpc, peerVpc: dst.vpc };
      net.peerings.push(pcx);
    }
    this.route(this.tableOf(src), destination, { kind: 'pcx', id: pcx.id });
  }

  /**
   * A transit route table an attachment is explicitly associated with (not CloudFormation's implicit default table, which
   * a template cannot write into); without one, the table `id` (made if missing), associated with it.
   */
  private associatedTable(attachment: string, id: string): TgwRouteTable {
    const net = this.net;
    let t = net.tgwRouteTables.find((x) => x.associations.includes(attachment) && !(this.cfn && x.implicit));
    if (!t) {
      t = net.tgwRouteTables.find((x) => x.id === id);
      if (!t) {
        t = { id, tgw: 'tgw0', associations: [], propagations: [] };
        net.tgwRouteTables.push(t);
      }
      t.associations.push(attachment);
    }
    return t;
  }

  private v6Counter(vpc: string): number {
    const k = this.v6Counters.get(vpc) ?? 0;
    this.v6Counters.set(vpc, k + 1);
    return k;
  }

  private newTable(vpc: string): RouteTable {
    const t: RouteTable = { id: `rt${this.net.routeTables.length}`, vpc };
    this.net.routeTables.push(t);
    return t;
  }

  /** The table a subnet uses; a subnet on the main table gets an own table in CloudFormation (whose main table has no routes). */
  private tableOf(s: Subnet): string {
    if (s.routeTable !== undefined) return s.routeTable;
    if (!this.cfn) return this.net.routeTables.find((t) => t.vpc === s.vpc && t.main)!.id;
    s.routeTable = this.newTable(s.vpc).id;
    return s.routeTable;
  }

  private subnetsOf(vpc: string): Subnet[] {
    return this.net.subnets.filter((s) => s.vpc === vpc);
  }

  // Gateways --------------------------------------------------------------------------------------------------------

  private addGateways(): void {
    const net = this.net;
    for (const gw of this.g.gateways) {
      // A gateway in the My Number segment is a structural MN-1 whatever the paths: keep it rare (b % 4 === 3), so
      // that MN-1 is decided by paths in most networks.
      const vpc = this.avoidMyNumber(gw.a, gw.b % 4 === 3);
      const inVpc = this.subnetsOf(vpc.id);
      const subnet = inVpc.length > 0 ? inVpc[gw.b % inVpc.length] : net.subnets[gw.a % net.subnets.length];
      switch (gw.kind) {
        case 0:
          this.addIgw(gw.flag === 2 || net.internetGateways.some((i) => i.vpc === vpc.id) ? undefined : vpc.id);
          break;
        case 1:
          this.ensureEigw(vpc.id);
          break;
        case 2:
          net.natGateways.push({ id: `nat${net.natGateways.length}`, subnet: subnet.id, ...(gw.flag === 1 ? { private: true } : {}) });
          break;
        case 3: {
          const subs = this.subnetsOf(vpc.id).filter((_, i) => (gw.b >> i) & 1);
          const chosen = subs.length > 0 ? subs : this.subnetsOf(vpc.id).slice(0, 1);
          net.firewalls.push({ id: `fw${net.firewalls.length}`, vpc: vpc.id, subnets: chosen.map((s) => s.id), policy: gw.flag === 1 ? 'pass' : 'drop' });
          break;
        }
        case 4:
          net.gwlbEndpoints.push({ id: `gwlbe${net.gwlbEndpoints.length}`, vpc: subnet.vpc, subnet: subnet.id });
          break;
        case 5:
          if (!net.vpnGateways.some((v) => v.vpc === vpc.id)) {
            const zone = ZONES[gw.flag];
            net.vpnGateways.push({ id: `vgw${net.vpnGateways.length}`, vpc: vpc.id, ...(zone ? { zone } : {}) });
          }
          break;
      }
    }
  }

  /** The VPC at index `a`, or the next one not in the My Number segment (unless `allow`). */
  private avoidMyNumber(a: number, allow: boolean): Vpc {
    const vpcs = this.net.vpcs;
    for (let i = 0; i < vpcs.length; i++) {
      const v = vpcs[(a + i) % vpcs.length];
      if (allow || v.segment !== 'MY_NUMBER') return v;
    }
    return vpcs[a % vpcs.length];
  }

  private addIgw(vpc: string | undefined): string {
    const id = `igw${this.net.internetGateways.length}`;
    this.net.internetGateways.push({ id, ...(vpc ? { vpc } : {}) });
    return id;
  }

  private ensureEigw(vpc: string): string {
    const found = this.net.egressOnlyGateways.find((e) => e.vpc === vpc);
    if (found) return found.id;
    const id = `eigw${this.net.egressOnlyGateways.length}`;
    this.net.egressOnlyGateways.push({ id, vpc });
    return id;
  }

  // Transit gateway -------------------------------------------------------------------------------------------------

  private addTransit(): void {
    const tg = this.g.tgw;
    if (!tg) return;
    const net = this.net;
    this.ensureTgw(tg);
    for (let i = 0; i < tg.tables; i++) net.tgwRouteTables.push({ id: `tgwrt${i}`, tgw: 'tgw0', associations: [], propagations: [] });
    const explicit = () => net.tgwRouteTables.filter((t) => !t.implicit);
    // CloudFormation can name an explicit table as the default association / propagation table.
    const named = (gene: number) => (this.cfn && gene > 0 && explicit().length > 0 ? explicit()[(gene - 1) % explicit().length].id : undefined);
    const assocDefault = named(tg.cfnAssocDefault);
    const propDefault = named(tg.cfnPropDefault);
    if (assocDefault) net.transitGateways[0].associationDefaultTable = assocDefault;
    if (propDefault) net.transitGateways[0].propagationDefaultTable = propDefault;
    for (const a of this.g.attachments) {
      const vpc = net.vpcs[a.vpc % net.vpcs.length];
      if (net.tgwAttachments.some((x) => x.vpc === vpc.id)) continue;
      const subs = this.subnetsOf(vpc.id).filter((_, i) => (a.subnets >> i) & 1);
      const att = this.ensureAttachment(vpc.id, (subs.length > 0 ? subs : this.subnetsOf(vpc.id).slice(0, 1)).map((s) => s.id));
      const tables = explicit();
      if (a.assoc > 0 && tables.length > 0) tables[(a.assoc - 1) % tables.length].associations.push(att.id);
      tables.forEach((t, i) => {
        if ((a.props >> i) & 1) t.propagations.push(att.id);
      });
      if (!this.cfn && a.noDefAssoc) att.defaultAssociation = false;
      if (!this.cfn && a.noDefProp) att.defaultPropagation = false;
    }
    for (const v of this.g.vpns) {
      const zone = ZONES[v.zone];
      const id = `vpn${net.vpnAttachments.length}`;
      net.vpnAttachments.push({ id, tgw: 'tgw0', ...(zone ? { zone } : {}) });
      // The VPN's own association decides where what enters from its zone goes (§5 "Entering from a zone").
      const tables = explicit();
      if (v.assoc > 0 && tables.length > 0) tables[(v.assoc - 1) % tables.length].associations.push(id);
      explicit().forEach((t, i) => {
        if ((v.props >> i) & 1) t.propagations.push(id);
      });
    }
  }

  private ensureTgw(tg?: TgwGene): void {
    const net = this.net;
    if (net.transitGateways.length > 0) return;
    net.transitGateways.push({ id: 'tgw0', defaultAssociation: tg?.defAssoc ?? true, defaultPropagation: tg?.defProp ?? true });
    // Terraform can name the implicit default table (association_default_route_table_id) and put routes in it.
    if (!this.cfn && (net.transitGateways[0].defaultAssociation || net.transitGateways[0].defaultPropagation)) {
      net.tgwRouteTables.push({ id: implicitTableId('tgw0'), tgw: 'tgw0', implicit: true, associations: [], propagations: [] });
    }
  }

  private ensureAttachment(vpc: string, subnets: string[]) {
    const net = this.net;
    let att = net.tgwAttachments.find((a) => a.vpc === vpc);
    if (!att) {
      att = { id: `tgwatt${net.tgwAttachments.length}`, tgw: 'tgw0', vpc, subnets: [...subnets] };
      net.tgwAttachments.push(att);
    } else {
      for (const s of subnets) if (!att.subnets.includes(s)) att.subnets.push(s);
    }
    return att;
  }

  // Chains ------------------------------------------------------------------------------------------------------------

  /** An egress / inspection VPC: attachment subnet → firewall endpoint → NAT → IGW (and ::/0 → egress-only), with spokes. */
  private addChain(c: ChainGene, through?: Vpc): void {
    const net = this.net;
    const egress = through ?? this.avoidMyNumber(c.vpc, false);
    const subs = this.subnetsOf(egress.id);
    if (subs.length === 0) return;
    this.ensureTgw();
    const attSub = subs[0];
    const fwSub = subs[1 % subs.length];
    const pubSub = subs[2 % subs.length];
    const att = this.ensureAttachment(egress.id, [attSub.id]);
    let igw = net.internetGateways.find((i) => i.vpc === egress.id)?.id;
    igw ??= this.addIgw(egress.id);
    let next = this.tableOf(attSub);
    if (c.fw) {
      let fw = net.firewalls.find((f) => f.vpc === egress.id);
      if (!fw) {
        fw = { id: `fw${net.firewalls.length}`, vpc: egress.id, subnets: [fwSub.id], policy: 'drop' };
        net.firewalls.push(fw);
      }
      this.route(next, '0.0.0.0/0', { kind: 'firewall', id: fw.id });
      if (c.v6 && egress.ipv6Cidr) this.route(next, '::/0', { kind: 'firewall', id: fw.id });
      next = this.tableOf(net.subnets.find((s) => s.id === fw!.subnets[0])!);
    }
    if (c.nat) {
      let natId = net.natGateways.find((n) => n.subnet === pubSub.id)?.id;
      if (!natId) {
        natId = `nat${net.natGateways.length}`;
        net.natGateways.push({ id: natId, subnet: pubSub.id });
      }
      this.route(next, '0.0.0.0/0', { kind: 'nat', id: natId });
      this.route(this.tableOf(pubSub), '0.0.0.0/0', { kind: 'igw', id: igw });
    } else {
      this.route(next, '0.0.0.0/0', { kind: 'igw', id: igw });
    }
    if (c.v6 && egress.ipv6Cidr) this.route(next, '::/0', { kind: 'eigw', id: this.ensureEigw(egress.id) });

    // Spokes: their default route goes to the transit gateway, whose spoke table forwards to the egress VPC.
    const spokes = net.vpcs.filter((v, i) => v !== egress && (c.spokes >> i) & 1);
    if (spokes.length === 0) return;
    let table = net.tgwRouteTables.find((t) => t.id === 'tgwspokes');
    if (!table) {
      table = { id: 'tgwspokes', tgw: 'tgw0', associations: [], propagations: [] } as TgwRouteTable;
      net.tgwRouteTables.push(table);
      net.tgwRoutes.push({ table: table.id, destination: '0.0.0.0/0', target: att.id });
      if (c.v6) net.tgwRoutes.push({ table: table.id, destination: '::/0', target: att.id });
      if (c.blackhole) net.tgwRoutes.push({ table: table.id, destination: this.dest(c.blackhole), target: 'blackhole' });
    }
    for (const v of spokes) {
      const vs = this.subnetsOf(v.id);
      if (vs.length === 0) continue;
      const spokeAtt = this.ensureAttachment(v.id, [vs[0].id]);
      if (!net.tgwRouteTables.some((t) => t.associations.includes(spokeAtt.id))) table.associations.push(spokeAtt.id);
      for (const s of vs) {
        this.route(this.tableOf(s), '0.0.0.0/0', { kind: 'tgw', id: 'tgw0' });
        if (c.v6) this.route(this.tableOf(s), '::/0', { kind: 'tgw', id: 'tgw0' });
      }
    }
  }

  // My Number ↔ LGWAN WAN (MN-3, WAN part) -----------------------------------------------------------------------------

  private addWanLink(l: WanLinkGene): void {
    const net = this.net;
    const mns = net.subnets.filter((s) => net.vpcs.find((v) => v.id === s.vpc)!.segment === 'MY_NUMBER');
    if (mns.length === 0) return;
    const src = mns[l.mn % mns.length];
    const destination = WAN_DESTS[l.dest];
    if (l.vgw) {
      let vgw = net.vpnGateways.find((v) => v.vpc === src.vpc);
      if (!vgw) {
        vgw = { id: `vgw${net.vpnGateways.length}`, vpc: src.vpc, zone: 'LGWAN_WAN' };
        net.vpnGateways.push(vgw);
      }
      this.route(this.tableOf(src), destination, { kind: 'vgw', id: vgw.id });
      return;
    }
    this.ensureTgw();
    const att = this.ensureAttachment(src.vpc, [src.id]);
    let vpn = net.vpnAttachments.find((v) => v.zone === 'LGWAN_WAN');
    if (!vpn) {
      vpn = { id: `vpn${net.vpnAttachments.length}`, tgw: 'tgw0', zone: 'LGWAN_WAN' };
      net.vpnAttachments.push(vpn);
    }
    this.route(this.tableOf(src), destination, { kind: 'tgw', id: 'tgw0' });
    net.tgwRoutes.push({ table: this.associatedTable(att.id, 'tgwwanout').id, destination, target: vpn.id });
    if (l.back === 0) return;
    const p = prefix(src.cidr);
    const vpcCidr = net.vpcs.find((v) => v.id === src.vpc)!.cidr;
    const back = [formatPrefix(4, p.lo + 4n, 32), src.cidr, vpcCidr][l.back - 1];
    net.tgwRoutes.push({ table: this.associatedTable(vpn.id, 'tgwwanin').id, destination: back, target: att.id });
  }

  // My Number → LGWAN peers (MN-4) -------------------------------------------------------------------------------------

  private addMnPeer(m: MnPeerGene): void {
    const net = this.net;
    const segOf = (s: Subnet) => net.vpcs.find((v) => v.id === s.vpc)!.segment;
    const mns = net.subnets.filter((s) => segOf(s) === 'MY_NUMBER');
    const lgs = net.subnets.filter((s) => segOf(s) === 'LGWAN');
    if (mns.length === 0 || lgs.length === 0) return;
    const src = mns[m.mn % mns.length];
    const dst = lgs[m.lg % lgs.length];
    const p = prefix(dst.cidr);
    const destination = m.host ? formatPrefix(4, p.lo + 4n, 32) : dst.cidr;
    if (m.tgw && net.transitGateways.length > 0) {
      this.route(this.tableOf(src), destination, { kind: 'tgw', id: 'tgw0' });
    } else {
      let pcx = net.peerings.find((x) => (x.vpc === src.vpc && x.peerVpc === dst.vpc) || (x.vpc === dst.vpc && x.peerVpc === src.vpc));
      if (!pcx) {
        pcx = { id: `pcx${net.peerings.length}`, vpc: src.vpc, peerVpc: dst.vpc };
        net.peerings.push(pcx);
      }
      this.route(this.tableOf(src), destination, { kind: 'pcx', id: pcx.id });
    }
    const out = this.tableOf(dst);
    switch (m.out) {
      case 1: {
        const igw = net.internetGateways.find((i) => i.vpc === dst.vpc)?.id ?? this.addIgw(dst.vpc);
        this.route(out, '0.0.0.0/0', { kind: 'igw', id: igw });
        break;
      }
      case 2:
        if (net.transitGateways.length > 0) this.route(out, '0.0.0.0/0', { kind: 'tgw', id: 'tgw0' });
        break;
      case 3: {
        const fw = net.firewalls.find((f) => f.vpc === dst.vpc);
        if (fw) this.route(out, '0.0.0.0/0', { kind: 'firewall', id: fw.id });
        break;
      }
    }
  }

  private route(table: string, destination: string, target: RouteTarget): void {
    if (this.net.routes.length >= MAX_ROUTES) return;
    const same = (r: Network['routes'][number]) => r.table === table && r.destination === destination && JSON.stringify(r.target) === JSON.stringify(target);
    if (this.net.routes.some(same)) return;
    this.net.routes.push({ table, destination, target });
  }

  // Random routes -----------------------------------------------------------------------------------------------------

  /** The pieces of a prefix (see SplitGene). */
  private pieces(base: string, depth: number, gap: boolean, flip: number): string[] {
    const p = prefix(base);
    const bits = p.family === 4 ? 32 : 128;
    const d = Math.min(depth, bits - p.len);
    let lo = p.lo;
    let len = p.len;
    const out: string[] = [];
    for (let i = 0; i < d; i++) {
      len++;
      const half = 1n << BigInt(bits - len);
      const upper = (flip >> i) & 1;
      out.push(formatPrefix(p.family, upper ? lo + half : lo, len));
      if (!upper) lo += half;
    }
    if (!gap) out.push(formatPrefix(p.family, lo, len));
    return out;
  }

  private addSplit(sp: SplitGene): void {
    const net = this.net;
    const base = this.dest(sp.base);
    const pieces = this.pieces(base, sp.depth + 1, sp.gap, sp.flip);
    switch (sp.where) {
      case 0: {
        const tables = net.tgwRouteTables;
        const targets = [...net.tgwAttachments.map((a) => a.id), ...net.vpnAttachments.map((v) => v.id)];
        if (tables.length === 0 || targets.length === 0) return;
        const table = tables[sp.ref % tables.length].id;
        const target = targets[sp.target % targets.length];
        if (sp.mode === 0) {
          net.tgwRoutes.push({ table, destination: base, target });
          for (const d of pieces) net.tgwRoutes.push({ table, destination: d, target: 'blackhole' });
        } else {
          for (const d of pieces) net.tgwRoutes.push({ table, destination: d, target });
        }
        return;
      }
      case 1: {
        // VPC routes have no blackhole: only the covering form.
        for (const d of pieces) this.addRouteTo(sp.ref, d, sp.target % 9, sp.target >> 2);
        return;
      }
      case 2: {
        const subnet = net.subnets[sp.ref % net.subnets.length];
        const egress = ((sp.flip >> 7) & 1) === 1;
        let nacl = net.nacls.find((n) => n.id === subnet.nacl);
        if (!nacl) {
          nacl = { id: `nacl${net.nacls.length}`, vpc: subnet.vpc, entries: [] };
          for (const e of [true, false]) {
            for (const c of ['0.0.0.0/0', '::/0']) nacl.entries.push({ rule: 32000 + (c === '::/0' ? 1 : 0), egress: e, action: 'allow', protocol: '-1', cidr: c });
          }
          net.nacls.push(nacl);
          subnet.nacl = nacl.id;
        }
        // Rule numbers 1..9 come before every other entry the generator writes (10 and up).
        let rule = 1;
        const free = () => {
          while (nacl!.entries.some((e) => e.egress === egress && e.rule === rule)) rule++;
          return rule;
        };
        const add = (cidr: string, action: 'allow' | 'deny') => {
          if (rule > 9) return;
          nacl!.entries.push({ rule: free(), egress, action, protocol: '-1', cidr });
        };
        for (const d of pieces) add(d, sp.mode === 0 ? 'deny' : 'allow');
        add(base, sp.mode === 0 ? 'allow' : 'deny');
        return;
      }
      default: {
        const groups = net.securityGroups;
        if (groups.length === 0) return;
        const group = groups[sp.ref % groups.length];
        const dir = (sp.flip >> 7) & 1 ? 'egress' : 'ingress';
        const kind = sp.target % 3;
        for (const d of pieces) {
          group[dir].push(kind === 2 ? { protocol: 'icmp', fromPort: -1, toPort: -1, cidr: d }
            : { protocol: kind === 0 ? 'tcp' : 'udp', fromPort: kind === 0 ? 443 : 53, toPort: kind === 0 ? 443 : 53, cidr: d });
        }
      }
    }
  }

  private addPortSplit(ps: PortSplitGene): void {
    const groups = this.net.securityGroups;
    if (groups.length === 0) return;
    const group = groups[ps.sg % groups.length];
    const cuts = [[32767], [1023, 32767], [1023, 8079, 32767]][ps.pieces];
    let ranges: [number, number][] = [];
    let from = ps.gap === 3 ? 2 : 1;
    for (const c of cuts) {
      ranges.push([from, c]);
      from = c + 1;
    }
    ranges.push([from, ps.gap === 1 ? 65534 : 65535]);
    if (ps.gap === 2) ranges = ranges.map(([a, b], i) => [a, i === 0 ? b - 1 : b]);
    const cidr = this.dest(ps.peer);
    const protocol = ps.udp ? 'udp' : 'tcp';
    group[ps.egress ? 'egress' : 'ingress'].push(...ranges.map(([fromPort, toPort]) => ({ protocol, fromPort, toPort, cidr } as SgRule)));
  }

  private addRandomRoute(r: RouteGene): void {
    this.addRouteTo(r.table, this.dest(r.dest), r.kind, r.ref);
  }

  private addRouteTo(tableRef: number, dest: string, kind: number, ref: number): void {
    const picked = this.routeTarget(tableRef, dest, kind, ref);
    if (picked) this.route(picked.table, picked.destination, picked.target);
  }

  /**
   * A table (of those a template can write), and a target of its VPC of the kind (RouteGene.kind), for a route to `dest`
   * (made ::/0 for an egress-only gateway, which takes IPv6 routes only); undefined when the VPC has no such target.
   */
  private routeTarget(tableRef: number, dest: string, kind: number, ref: number): PickedRoute | undefined {
    const r = { table: tableRef, kind, ref };
    const net = this.net;
    const tables = net.routeTables.filter((t) => !(this.cfn && t.main));
    if (tables.length === 0) return undefined;
    const table = tables[r.table % tables.length];
    const vpc = table.vpc;
    const pick = <T>(xs: T[]): T | undefined => (xs.length === 0 ? undefined : xs[r.ref % xs.length]);
    let destination = dest;
    let target: RouteTarget | undefined;
    const inVpc = (subnet: string) => net.subnets.find((s) => s.id === subnet)!.vpc === vpc;
    switch (r.kind) {
      case 0:
      case 1: {
        // Mostly from a VPC attached to the gateway (a route from one that is not ends unknown).
        const attached = net.tgwAttachments.some((a) => a.vpc === vpc);
        if (net.transitGateways.length > 0 && (attached || r.ref % 4 === 3)) target = { kind: 'tgw', id: 'tgw0' };
        break;
      }
      case 2: {
        const igw = pick(net.internetGateways.filter((i) => i.vpc === vpc || i.vpc === undefined));
        if (igw) target = { kind: 'igw', id: igw.id };
        break;
      }
      case 3: {
        const n = pick(net.natGateways.filter((x) => inVpc(x.subnet)));
        if (n) target = { kind: 'nat', id: n.id };
        break;
      }
      case 4: {
        const f = pick(net.firewalls.filter((x) => x.vpc === vpc));
        if (f) target = { kind: 'firewall', id: f.id };
        break;
      }
      case 5: {
        const e = net.egressOnlyGateways.find((x) => x.vpc === vpc);
        if (e) {
          target = { kind: 'eigw', id: e.id };
          // An egress-only gateway takes IPv6 routes only.
          if (!destination.includes(':')) destination = '::/0';
        }
        break;
      }
      case 6: {
        const p = pick(net.peerings.filter((x) => x.vpc === vpc || x.peerVpc === vpc));
        if (p) target = { kind: 'pcx', id: p.id };
        break;
      }
      case 7: {
        const e = pick(net.gwlbEndpoints.filter((x) => x.vpc === vpc));
        if (e) target = { kind: 'gwlb', id: e.id };
        break;
      }
      case 8: {
        const v = net.vpnGateways.find((x) => x.vpc === vpc);
        if (v) target = { kind: 'vgw', id: v.id };
        break;
      }
      case 9:
        if (r.ref % 8 !== 7) break;
        target = { kind: 'eni', eni: `eni-0${(0xabc0000000000000n + BigInt(r.ref)).toString(16)}` };
        break;
    }
    return target ? { table: table.id, destination, target } : undefined;
  }

  /** A literal destination: fixed public / private prefixes, blocks of the network, halves and hosts of subnets. */
  private dest(d: DestGene): string {
    const net = this.net;
    const vpc = net.vpcs[d.ref % net.vpcs.length];
    const subnet = net.subnets[d.ref % net.subnets.length];
    if (d.v6) {
      const s6 = subnet.ipv6Cidr ? prefix(subnet.ipv6Cidr) : undefined;
      switch (d.kind) {
        case 0:
          return '::/0';
        case 1:
          return FIXED_V6[d.ref % FIXED_V6.length];
        case 2:
          return vpc.ipv6Cidr ?? '::/0';
        case 3:
          return subnet.ipv6Cidr ?? vpc.ipv6Cidr ?? '2000::/3';
        case 4:
          return s6 ? formatPrefix(6, s6.lo + ((d.ref >> 4) & 1 ? 1n << 63n : 0n), 65) : '::/0';
        default:
          return s6 ? formatPrefix(6, s6.lo + 0x20n, 128) : FIXED_V6[d.ref % FIXED_V6.length];
      }
    }
    const sp = prefix(subnet.cidr);
    switch (d.kind) {
      case 0:
        return '0.0.0.0/0';
      case 1:
        return FIXED_V4[d.ref % FIXED_V4.length];
      case 2: {
        const blocks = [vpc.cidr, ...vpc.secondaryCidrs];
        return blocks[(d.ref >> 3) % blocks.length];
      }
      case 3:
        return subnet.cidr;
      case 4: {
        const half = 1n << BigInt(32 - sp.len - 1);
        return formatPrefix(4, sp.lo + ((d.ref >> 4) & 1 ? half : 0n), sp.len + 1);
      }
      case 5:
        return formatPrefix(4, sp.lo + 4n + BigInt((d.ref >> 4) & 3), 32);
      default: {
        // A supernet of the VPC's block (/12, /9 or /8).
        const p = prefix(vpc.cidr);
        const len = [12, 9, 8][(d.ref >> 3) % 3];
        const size = 1n << BigInt(32 - len);
        return formatPrefix(4, p.lo - (p.lo % size), len);
      }
    }
  }

  private addTransitRoutes(): void {
    const net = this.net;
    if (net.transitGateways.length === 0) return;
    // Routes can go into explicit tables; in Terraform also into the implicit default table.
    const tables = net.tgwRouteTables;
    const targets = [...net.tgwAttachments.map((a) => a.id), ...net.vpnAttachments.map((v) => v.id)];
    for (const r of this.g.tgwRoutes) {
      if (tables.length === 0) return;
      const table = tables[r.table % tables.length];
      const target = r.target === 0 || targets.length === 0 ? 'blackhole' : targets[(r.target - 1) % targets.length];
      net.tgwRoutes.push({ table: table.id, destination: this.dest(r.dest), target });
    }
  }

  // NACLs and security groups -----------------------------------------------------------------------------------------

  private addNacls(): void {
    const net = this.net;
    for (const ng of this.g.nacls) {
      const vpc = net.vpcs[ng.vpc % net.vpcs.length];
      const used = new Set<string>();
      const entries: NaclEntry[] = [];
      // Unique rule numbers per direction (AWS refuses duplicates); never 100 on a CloudFormation default NACL (its
      // allow-all rule).
      const number = (n: number, egress: boolean) => {
        while (used.has(`${egress}/${n}`) || (ng.isDefault && (n === 100 || n === 101))) n++;
        used.add(`${egress}/${n}`);
        return n;
      };
      for (const e of ng.entries) {
        const cidr = this.dest(e.dest);
        let protocol = PROTOCOLS[e.proto];
        // ICMP entries are written for IPv4 only (ICMPv6 is protocol 58).
        if (protocol === 'icmp' && cidr.includes(':')) protocol = 'tcp';
        const ports = NACL_PORTS[e.ports];
        entries.push({
          rule: number(RULE_NUMBERS[e.rule], e.egress),
          egress: e.egress,
          action: e.allow ? 'allow' : 'deny',
          protocol,
          cidr,
          ...(protocol === 'tcp' || protocol === 'udp' ? { fromPort: ports[0], toPort: ports[1] } : {}),
        });
      }
      // The tail keeps most traffic flowing so that the NACL cuts only part of the paths: none; IPv4 both ways; IPv4
      // and IPv6 both ways; everything out but only 10.0.0.0/8 in.
      const tails: [boolean, string][][] = [
        [],
        [[true, '0.0.0.0/0'], [false, '0.0.0.0/0']],
        [[true, '0.0.0.0/0'], [false, '0.0.0.0/0'], [true, '::/0'], [false, '::/0']],
        [[true, '0.0.0.0/0'], [true, '::/0'], [false, '10.0.0.0/8']],
      ];
      const tail = tails[ng.tail];
      for (const [egress, cidr] of tail) entries.push({ rule: number(32000, egress), egress, action: 'allow', protocol: '-1', cidr });
      if (ng.isDefault) {
        vpc.defaultNaclEntries = [...(vpc.defaultNaclEntries ?? []), ...entries];
        if (vpc.defaultNaclEntries.length > 0) {
          // Renumber duplicates across merged genes.
          const seen = new Set<string>();
          for (const e of vpc.defaultNaclEntries) {
            while (seen.has(`${e.egress}/${e.rule}`) || e.rule === 100 || e.rule === 101) e.rule++;
            seen.add(`${e.egress}/${e.rule}`);
          }
        }
      } else {
        net.nacls.push({ id: `nacl${net.nacls.length}`, vpc: vpc.id, entries });
      }
    }
    for (const s of net.subnets) {
      const mine = net.nacls.filter((n) => n.vpc === s.vpc);
      const gene = this.naclGene.get(s.id) ?? 0;
      if (gene > 0 && mine.length > 0) s.nacl = mine[(gene - 1) % mine.length].id;
    }
  }

  private addSecurityGroups(): void {
    const net = this.net;
    const genes = this.g.sgs;
    genes.forEach((sg, i) => {
      const vpc = net.vpcs[sg.vpc % net.vpcs.length];
      const isDefault = sg.isDefault && !net.securityGroups.some((o) => o.vpc === vpc.id && o.isDefault);
      net.securityGroups.push({ id: `sg${i}`, vpc: vpc.id, ...(isDefault ? { isDefault: true } : {}), ingress: [], egress: [] });
    });
    const peers = net.securityGroups.filter((s) => !s.isDefault);
    genes.forEach((sg, i) => {
      const group = net.securityGroups[i];
      for (const dir of ['ingress', 'egress'] as const) {
        for (const r of sg[dir]) group[dir].push(...this.sgRules(r, peers.map((p) => p.id)));
      }
    });
  }

  private sgRules(r: RuleGene, peers: string[]): SgRule[] {
    const protocol = PROTOCOLS[r.proto];
    let peer: Pick<SgRule, 'cidr' | 'peerGroup'>;
    if (r.peer === 5 && peers.length > 0) {peer = { peerGroup: peers[r.sg % peers.length] };} else if (r.peer === 4) {
      // CDK's "no egress" placeholder: ICMP type 252 code 86 to 255.255.255.255/32, matches nothing of the network.
      return [{ protocol: 'icmp', fromPort: 252, toPort: 86, cidr: '255.255.255.255/32', ...(r.separate ? { separate: true } : {}) }];
    } else {peer = { cidr: this.dest(r.dest) };}
    const sep = r.separate ? { separate: true } : {};
    if (protocol === '-1') return [{ protocol, ...peer, ...sep }];
    if (protocol === 'icmp') return [{ protocol, fromPort: -1, toPort: -1, ...peer, ...sep }];
    if (r.split) {
      return [{ protocol, fromPort: 1, toPort: 32767, ...peer, ...sep }, { protocol, fromPort: 32768, toPort: 65535, ...peer }];
    }
    const [fromPort, toPort] = SG_PORTS[r.ports];
    return [{ protocol, fromPort, toPort, ...peer, ...sep }];
  }
}

export function decode(genes: Genes, engine: Engine): Network {
  return new Decoder(genes, engine).decode();
}

/** Random networks for one engine. */
export function networkArbitrary(engine: Engine): fc.Arbitrary<Network> {
  return genesArbitrary().map((g) => decode(g, engine));
}
