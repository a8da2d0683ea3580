/* eslint-disable no-bitwise -- the renderers' PRNG (mulberry32) is bit arithmetic. */
/**
 * The abstract network the oracle reasons about and the renderers write out (docs/guard-semantics.md).
 *
 * One plain JSON-serialisable value, so that a shrunk counterexample can be printed and pasted into
 * test/oracle/regressions.ts. Elements refer to each other by `id`. Every address is a literal prefix.
 *
 * What depends on the engine is decided by `engine`, and the oracle follows it:
 * - routes on a VPC's main route table exist only in Terraform (§4: in CloudFormation the main table holds only the
 *   local routes); `Vpc.mainRouteTable` (aws_main_route_table_association) only in Terraform;
 * - `Vpc.defaultNaclEntries` are added to the default NACL's allow-all rule 100 in CloudFormation, and replace its
 *   entries in Terraform (`aws_default_network_acl`) (§6);
 * - a CloudFormation security group without egress rules keeps EC2's implicit allow-all egress; a Terraform group
 *   has exactly its listed rules; a default security group has only the rules listed here in both (§10);
 * - `TgwVpcAttachment.defaultAssociation / defaultPropagation = false` are Terraform arguments;
 *   `TransitGateway.associationDefaultTable / propagationDefaultTable`: see below;
 *   routes in a gateway's implicit default table (`TgwRouteTable.implicit`) can only be written in Terraform;
 * - `vgwPropagations` (route propagation from a VPN gateway into a VPC route table, §4) name an explicit table in
 *   CloudFormation only: `AWS::EC2::VPNGatewayRoutePropagation` takes route table ids, and `AWS::EC2::VPC` has no
 *   main-route-table attribute to name the main one with. Terraform can name the main table too (`propagating_vgws` on
 *   `aws_default_route_table`, or `aws_vpn_gateway_route_propagation` on `main_route_table_id` / `default_route_table_id`).
 *   A CloudFormation propagation into the main table is neither rendered nor read, like a route there.
 * - `routeServerPropagations` (route propagation from a VPC Route Server, §4) likewise: `AWS::EC2::RouteServerPropagation`
 *   takes a route table id, which CloudFormation has none of for the main table; Terraform names it by
 *   `main_route_table_id` / `default_route_table_id`.
 * - `TransitGateway.associationDefaultTable / propagationDefaultTable` are read in both engines: CloudFormation writes them
 *   as the gateway's properties, Terraform as `aws_ec2_transit_gateway_default_route_table_association` / `_propagation`
 *   (§5: a default table named by a resource of its own replaces the implicit one).
 * - `accepters` (`aws_ec2_transit_gateway_vpc_attachment_accepter`) exist only in Terraform: the oracle ignores them in a
 *   CloudFormation network, and the CloudFormation renderer does not write them.
 */

export type Engine = 'cloudformation' | 'terraform';
export type Segment = 'MY_NUMBER' | 'LGWAN' | 'INTERNET';
export type Zone = 'LGWAN_WAN' | 'SECURITY_CLOUD';
export type Protocol = '-1' | 'tcp' | 'udp' | 'icmp';

export interface Network {
  engine: Engine;
  vpcs: Vpc[];
  subnets: Subnet[];
  routeTables: RouteTable[];
  routes: Route[];
  internetGateways: InternetGateway[];
  egressOnlyGateways: EgressOnlyGateway[];
  natGateways: NatGateway[];
  firewalls: Firewall[];
  gwlbEndpoints: GwlbEndpoint[];
  vpnGateways: VpnGateway[];
  transitGateways: TransitGateway[];
  tgwAttachments: TgwVpcAttachment[];
  vpnAttachments: TgwVpnAttachment[];
  tgwRouteTables: TgwRouteTable[];
  tgwRoutes: TgwRoute[];
  peerings: Peering[];
  nacls: Nacl[];
  securityGroups: SecurityGroup[];
  /**
   * Route propagation from a VPN gateway into a VPC route table (§4). Optional so that networks written before it (the
   * pinned counterexamples of regressions.ts) stay valid: absent means none.
   */
  vgwPropagations?: VgwPropagation[];
  /** VPC Route Servers (§4). Optional like `vgwPropagations`: absent means none. */
  routeServers?: RouteServer[];
  /** Route propagation from a VPC Route Server into a VPC route table (§4). Absent means none. */
  routeServerPropagations?: RouteServerPropagation[];
  /** Transit gateway peering attachments of the output (§5: unplaced entries, unknown next hops). Absent means none. */
  tgwPeerings?: TgwPeeringAttachment[];
  /**
   * Attachments outside the output, named by literal id in transit table associations and routes (§5). Absent means none.
   * The model labels no transit route table, so each is an unplaced entry and an unknown next hop.
   */
  literalAttachments?: LiteralAttachment[];
  /**
   * VPC attachments of the output whose VPC the output does not hold (a literal `vpc-…` id and literal subnet ids, §5):
   * unplaced entries, unknown next hops, and a propagation that may announce any prefix. Absent means none.
   */
  outsideAttachments?: OutsideVpcAttachment[];
  /** Direct Connect gateways associated with a transit gateway of the output (§5: unplaced entries). Absent means none. */
  dxAssociations?: DxAssociation[];
  /** Terraform `aws_ec2_transit_gateway_vpc_attachment_accepter` (§5). Absent means none; not read in CloudFormation. */
  accepters?: TgwAccepter[];
  /**
   * VPC peerings between a VPC of the output and one it does not hold (§5: unplaced entries into the output's VPC; §4: a
   * route to one ends unknown). Absent means none.
   */
  outsidePeerings?: OutsidePeering[];
  /** Prefix lists of the output that routes name (§4, §5). Absent means none. */
  prefixLists?: PrefixList[];
  /**
   * Terraform resources that tag another resource (§3 "A Terraform resource that tags another": `aws_ec2_tag`). Absent means
   * none; neither written nor read in CloudFormation, which has no such resource. The oracle reads the labels they set with
   * the target's own tags (labels.ts).
   */
  tagResources?: TagResource[];
  /**
   * Labels an element's own tags leave out although its field here holds them (`<kind>:<id>|<key>`, see `ownTagKey`): the
   * renderers write no such tag (nor a provider default tag for it), so that only tag resources give the label. Absent
   * means none; ignored in CloudFormation.
   */
  ownTagsOmitted?: string[];
  /** Launch templates of the output (§3 "A launch template's tags for instances"). Absent means none. */
  launchTemplates?: LaunchTemplate[];
  /** Auto Scaling groups and instances that launch them (§3, §7). Absent means none. */
  launchers?: Launcher[];
  /** Instances and network interfaces whose source/destination check is off (§2). Absent means none. */
  forwarders?: Forwarder[];
  /** Seeds the renderers' choices between equivalent spellings (inline or separate rules, tags or default tags, ...). */
  renderSeed: number;
}

/**
 * The `jichitai:role` values the generator uses: the three PL-1 places (§10; README "The four network models"), one it does not
 * judge, and a misspelt one (§3 "The label vocabulary": GUARD-1 at the resource that carries it, read as written meanwhile).
 */
export type Role = 'BUSINESS_TERMINALS' | 'BUSINESS_SYSTEM' | 'MY_NUMBER_SYSTEM' | 'OTHER' | typeof MISSPELT_ROLE;
export const MISSPELT_ROLE = 'MY_NUMBER_SYTEM';

/**
 * A launch template of the output (CloudFormation `AWS::EC2::LaunchTemplate`, Terraform `aws_launch_template`) without network
 * interfaces. `role`: its tag specifications for `instance` carry `jichitai:role` (§3: a role label of each launcher of the output
 * that names it). `volumeRole`: a tag specification for `volume` carries one, which tags no compute and is no label (§3).
 */
export interface LaunchTemplate {
  id: string;
  role?: Role;
  volumeRole?: Role;
}

/**
 * What launches a template (§3, §7): an Auto Scaling group (`asg`: placed at its subnets, none = the default VPC) or an EC2
 * instance (`instance`: at its subnet; without one at the template's interfaces, of which the model's templates have none = the
 * default VPC). `template` names one of `launchTemplates`, by id or (`byName`) by name. `subnets`: of one VPC, not the hub's; an
 * instance has at most one. `role`: its own `jichitai:role` tag (a group's `Tags` / `tag` block, an instance's tags).
 * `tagResourceRole` (Terraform groups and instances): an `aws_autoscaling_group_tag` naming the group, or an `aws_ec2_tag` naming the
 * instance (by `.id`, or `tagResourceByName`: `.arn`), sets `jichitai:role` (§3: a label of
 * the group, read with its own tags), `tagResourceByName`: by `${aws_autoscaling_group.x.name}` (else `.id`, the same: a group's
 * id is its name).
 */
export interface Launcher {
  id: string;
  /**
   * `fleet`: an EC2 Fleet (`AWS::EC2::EC2Fleet`, `aws_ec2_fleet`) whose `LaunchTemplateConfigs` name the template, placed at its
   * overrides' subnets (none: the default VPC); its `role` is its own `TagSpecifications` for `instance` (CloudFormation only:
   * Terraform's `aws_ec2_fleet` gives its instances no tags of its own), "such a label and a template's are each judged" (§3).
   */
  kind: 'asg' | 'instance' | 'fleet';
  /** A group names the template in its mixed instances policy rather than its `LaunchTemplate` (§3). */
  mixed?: boolean;
  /**
   * A group or instance names the template by a literal name (its `LaunchTemplateName` / `name` as a string): a template the output
   * does not hold (§10: "Whatever launches a template the output does not hold (a literal id or name) is a bridge of its own at its
   * subnets"), so the model's template is not launched by it. Only with subnets.
   */
  literalName?: boolean;
  template: string;
  byName?: boolean;
  subnets: string[];
  role?: Role;
  tagResourceRole?: Role;
  tagResourceByName?: boolean;
}

/**
 * An EC2 instance (`AWS::EC2::Instance`, `aws_instance`) or network interface (`AWS::EC2::NetworkInterface`,
 * `aws_network_interface`) in `subnet` with its source/destination check off: §2 "a subnet where an instance or network
 * interface of the output has its source/destination check off … sends packets with any source address". `text`: the value
 * is written `"false"` (CloudFormation takes a string for a boolean; so does Terraform's JSON syntax), else `false`.
 */
export interface Forwarder {
  id: string;
  kind: 'instance' | 'interface';
  subnet: string;
  text: boolean;
}

/** The id by which the oracle names a launcher's tag resource (`aws_autoscaling_group_tag`, an instance's `aws_ec2_tag`). */
export function groupTagId(launcherId: string): string {
  return `${launcherId}-tag`;
}

/** The elements a tag resource can label here: a VPC, a subnet, a VPN connection (`vpnAttachments`), a VPN gateway. */
export type TaggedKind = 'vpc' | 'subnet' | 'vpn' | 'vgw';
export type LabelKey = 'jichitai:segment' | 'jichitai:zone' | 'jichitai:municipality' | 'jichitai:security-cloud';

/** The entry of `ownTagsOmitted` for one element's own tag. */
export function ownTagKey(kind: TaggedKind, id: string, key: string): string {
  return `${kind}:${id}|${key}`;
}

/**
 * An `aws_ec2_tag` (§3): `key` / `value` on what `resource_id` names. `target`: an element of the network by
 * `${<type>.<name>.id}` or `.arn` (a tie, §3). `untied`: a target the guard cannot tie to a resource of the output — a literal
 * id of a resource outside it (`literal`), or another attribute of an element (`attr`: what AWS makes with a resource, not
 * the resource: a VPC's `main_route_table_id` / `default_security_group_id`, a VPN connection's
 * `transit_gateway_attachment_id`). Exactly one of `target` and `untied`.
 */
export interface TagResource {
  id: string;
  target?: { kind: TaggedKind; id: string; attr: 'id' | 'arn' };
  untied?: { literal: string } | { kind: TaggedKind; id: string; attr: string };
  key: string;
  value: string;
}

export interface Vpc {
  id: string;
  /** Tag `jichitai:segment`. Absent only on a hub VPC (`securityCloud`), which needs none (§10 MN-1). */
  segment?: Segment;
  /**
   * Tag `jichitai:security-cloud = hub`: the prefecture security cloud's own VPC (§10 MN-1, LG-1, MN-4, SC-1). Its subnets
   * are *hub subnets*, the Internet side of the three layers like the SECURITY_CLOUD zone; they belong to no member.
   */
  securityCloud?: 'hub';
  cidr: string;
  secondaryCidrs: string[];
  ipv6Cidr?: string;
  /** Entries the template gives the VPC's default NACL (absent: untouched). */
  defaultNaclEntries?: NaclEntry[];
  /** Terraform: the explicit route table made main with aws_main_route_table_association. */
  mainRouteTable?: string;
  /**
   * The member municipality's local government code (tag `jichitai:municipality`, §10 SC-1); the renderers write it on
   * the VPC or on each of its subnets (a subnet's own code tag counts as its VPC's would). Absent: no member.
   */
  municipality?: string;
  /**
   * The renderers write the code on each of the VPC's subnets instead of the VPC. It matters for the subnets outside the
   * output (§2: `<vpc>#subnets-outside-the-output`), which carry no tag of their own: "A subnet's member is its own code
   * tag, else its VPC's" (§10 SC-1), so they are a member only when the VPC carries the code. Absent: a coin of the
   * renderer decides (networks pinned before it existed), and the oracle takes the VPC's code.
   */
  municipalityOnSubnets?: boolean;
}

export interface Subnet {
  id: string;
  vpc: string;
  cidr: string;
  ipv6Cidr?: string;
  mapPublicIpOnLaunch?: boolean;
  /** Explicitly associated route table (absent: the VPC's main table). */
  routeTable?: string;
  /** Explicitly associated custom NACL (absent: the VPC's default NACL). */
  nacl?: string;
  /**
   * The subnet's own `jichitai:segment` tag (§3: a subnet's segment is its own tag, else its VPC's). The generator writes it
   * only with its VPC's segment, or beside a tag resource that makes the label ambiguous (read as absent): the oracle models
   * no subnet of another segment than its VPC's, and refuses such a network (labels.ts). Absent: no tag.
   */
  segmentTag?: Segment;
}

/** A VPC route table; `main` marks the VPC's own main table (Terraform aws_default_route_table / main_route_table_id). */
export interface RouteTable {
  id: string;
  vpc: string;
  main?: boolean;
}

export type RouteTarget =
  | { kind: 'igw'; id: string }
  | { kind: 'eigw'; id: string }
  | { kind: 'nat'; id: string }
  | { kind: 'tgw'; id: string }
  | { kind: 'pcx'; id: string }
  | { kind: 'firewall'; id: string }
  | { kind: 'gwlb'; id: string }
  | { kind: 'vgw'; id: string }
  | { kind: 'eni'; eni: string };

/**
 * A VPC route. Its destination is a literal prefix (`destination`) or a prefix list (`prefixList`): exactly one of the two.
 */
export interface Route {
  table: string;
  /** IPv4 or IPv6 literal prefix. */
  destination?: string;
  /**
   * The route's destination prefix list (§4): the id of one of the network's `prefixLists` (a list the output holds: one
   * route per entry, or, without entries, one the guard cannot read), or a literal `pl-…` id of a list the output does not
   * hold (the guard cannot read it: followed for every destination besides the longest match).
   */
  prefixList?: string;
  target: RouteTarget;
}

/**
 * A customer-managed prefix list of the output (AWS::EC2::PrefixList; aws_ec2_managed_prefix_list). §4: a route to it is one
 * route per entry (as a security group rule's peer is); a list without entries is filled from elsewhere and counts as one the
 * guard cannot read. §5 likewise for a Terraform transit gateway prefix list reference.
 */
export interface PrefixList {
  id: string;
  /** AddressFamily / address_family: every entry is of this family. */
  family: 4 | 6;
  /** Literal prefixes of `family`; empty: a list without entries. */
  entries: string[];
  /**
   * Terraform rendering: the entries as aws_ec2_managed_prefix_list_entry resources naming the list (absent: `entry` blocks
   * of the list). The provider forbids mixing the two on one list, so a list is written one way or the other.
   */
  separateEntries?: boolean;
}

/** The prefix list of the network that `id` names, undefined for a literal `pl-…` id (a list the output does not hold). */
export function heldPrefixList(net: Network, id: string): PrefixList | undefined {
  return (net.prefixLists ?? []).find((l) => l.id === id);
}

export interface InternetGateway {
  id: string;
  /** The attached VPC, if any. */
  vpc?: string;
}

export interface EgressOnlyGateway {
  id: string;
  vpc: string;
}

export interface NatGateway {
  id: string;
  subnet: string;
  private?: boolean;
}

export interface Firewall {
  id: string;
  vpc: string;
  subnets: string[];
  /** Default action of the policy; does not matter for reachability (§4: the firewall passes everything). */
  policy: 'drop' | 'pass';
}

export interface GwlbEndpoint {
  id: string;
  vpc: string;
  subnet: string;
}

export interface VpnGateway {
  id: string;
  vpc: string;
  zone?: Zone;
}

/**
 * Route table `table` receives the routes VPN gateway `vgw` learns (§4 "Route propagation from a VPN gateway"): for every
 * destination outside the table's VPC's blocks, a route to the gateway besides the longest match. AWS wants the gateway
 * attached to the table's VPC; the generator only makes such pairs.
 */
export interface VgwPropagation {
  table: string;
  vgw: string;
}

/**
 * A VPC Route Server (AWS::EC2::RouteServer, aws_vpc_route_server) associated with `vpc`. §4 reads only its propagations,
 * so the renderers may leave the association out.
 */
export interface RouteServer {
  id: string;
  vpc: string;
}

/**
 * Route table `table` receives the routes the BGP peers of route server `server` advertise (§4 "Route propagation from a
 * VPC Route Server"): any prefix, the VPC's own blocks included, toward interfaces the guard does not follow. So for every
 * destination the table has, besides its longest match, a route that ends unknown. The generator only pairs a table with
 * a server of its own VPC, as AWS requires.
 */
export interface RouteServerPropagation {
  table: string;
  server: string;
}

export interface TransitGateway {
  id: string;
  defaultAssociation: boolean;
  defaultPropagation: boolean;
  /**
   * The gateway's default association table, an explicit table id (absent: the implicit default table): CloudFormation
   * AssociationDefaultRouteTableId, Terraform aws_ec2_transit_gateway_default_route_table_association.
   */
  associationDefaultTable?: string;
  /** CloudFormation PropagationDefaultRouteTableId, Terraform aws_ec2_transit_gateway_default_route_table_propagation. */
  propagationDefaultTable?: string;
  /**
   * Shared with other accounts by an AWS RAM share naming the gateway (§5): CloudFormation AWS::RAM::ResourceShare whose
   * ResourceArns names it — `ref` (a Ref), `getatt` (Fn::GetAtt), `sub` (`${Tgw}` inside an Fn::Sub ARN), `join` (a Ref inside
   * an Fn::Join ARN); Terraform aws_ram_resource_share plus aws_ram_resource_association with resource_arn =
   * "${aws_ec2_transit_gateway.x.arn}" (every spelling). Absent: no share.
   */
  ramShare?: RamSpelling;
  /**
   * AutoAcceptSharedAttachments / auto_accept_shared_attachments: true writes `enable` (shared, §5), false writes `disable`
   * (not shared by itself); absent: not written.
   */
  autoAcceptSharedAttachments?: boolean;
}

export type RamSpelling = 'ref' | 'getatt' | 'sub' | 'join';

/**
 * Is the gateway shared with other accounts (§5: a RAM share naming it, or AutoAcceptSharedAttachments other than `disable`)?
 * A shared gateway with its default association or propagation on gets one stand-in for the attachments those accounts make.
 */
export function isShared(g: TransitGateway): boolean {
  return g.ramShare !== undefined || g.autoAcceptSharedAttachments === true;
}

/** The id of a shared gateway's stand-in attachment (§5 `<tgw>#shared-attachments`). */
export function sharedStandInId(tgwId: string): string {
  return `${tgwId}#shared-attachments`;
}

export interface TgwVpcAttachment {
  id: string;
  tgw: string;
  vpc: string;
  subnets: string[];
  /** Terraform transit_gateway_default_route_table_association = false. */
  defaultAssociation?: false;
  /** Terraform transit_gateway_default_route_table_propagation = false. */
  defaultPropagation?: false;
}

/** A site-to-site VPN connection on the transit gateway (its attachment). */
export interface TgwVpnAttachment {
  id: string;
  tgw: string;
  zone?: Zone;
}

/**
 * A transit gateway peering attachment (AWS::EC2::TransitGatewayPeeringAttachment, aws_ec2_transit_gateway_peering_attachment)
 * to a gateway outside the output. AWS lets a peering attachment neither propagate nor be propagated, so the generator
 * never puts one in a table's `propagations`.
 */
export interface TgwPeeringAttachment {
  id: string;
  tgw: string;
}

/** An attachment the output does not hold, by its literal id (`tgw-attach-…`): it exists only where a table names it. */
export interface LiteralAttachment {
  id: string;
}

/**
 * A VPC attachment of the output (AWS::EC2::TransitGatewayAttachment, aws_ec2_transit_gateway_vpc_attachment) whose VPC
 * the output does not hold: `vpcId` is a literal `vpc-…` id, `subnetIds` literal `subnet-…` ids (§5 "Entering from a
 * network the guard cannot place"). What enters there is routed by its associated table(s) like any attachment's
 * (explicit, else the gateway's default association table); its propagation carries its VPC's blocks, which the output
 * does not hold, so it may announce any prefix (read so by the oracle: see the note in oracle.ts); as a next hop it is
 * unknown (a VPC outside the output).
 */
export interface OutsideVpcAttachment {
  id: string;
  tgw: string;
  vpcId: string;
  subnetIds: string[];
  /** Terraform transit_gateway_default_route_table_association = false. */
  defaultAssociation?: false;
  /** Terraform transit_gateway_default_route_table_propagation = false. */
  defaultPropagation?: false;
}

/**
 * A Direct Connect gateway associated with transit gateway `tgw` (§5: AWS::DirectConnect::DirectConnectGatewayAssociation
 * `AssociatedGatewayId`; aws_dx_gateway_association or aws_dx_gateway_association_proposal `associated_gateway_id`). Neither
 * engine can name the attachment it makes: it joins the gateway's default association table (when default association is
 * enabled) and propagates any prefix into the default propagation table (when default propagation is enabled); as a next
 * hop it is unknown. The renderers pick the spelling (association or proposal, the DX gateway as a resource or a literal id).
 *
 * `acceptsProposal` (Terraform only): an aws_dx_gateway_association that accepts another account's proposal
 * (`proposal_id` alone): on the proposer's gateway, not read (§5); `tgw` is then ignored.
 */
export interface DxAssociation {
  id: string;
  tgw: string;
  acceptsProposal?: true;
}

/**
 * A Terraform aws_ec2_transit_gateway_vpc_attachment_accepter (§5). `attachment` is what its transit_gateway_attachment_id
 * names: a VPC attachment of the output (an id of `tgwAttachments` or `outsideAttachments`), for which the accepter stands
 * (the renderer may spell any reference to that attachment as the accepter's id; the accepter's switches, when given,
 * replace the attachment's); or a literal `tgw-attach-…` id of another account's attachment, which is an unplaced entry
 * whose gateway is known only after apply: it joins the default tables of every transit gateway of the output (subject to
 * each gateway's defaults and the switches here, unset = on), propagates any prefix, is an unknown next hop, and tables and
 * routes name it by the accepter's own `id`.
 */
export interface TgwAccepter {
  id: string;
  attachment: string;
  /** transit_gateway_default_route_table_association (absent: not written). */
  defaultAssociation?: boolean;
  /** transit_gateway_default_route_table_propagation (absent: not written). */
  defaultPropagation?: boolean;
}

export interface TgwRouteTable {
  id: string;
  tgw: string;
  /** The gateway's implicit default table (Terraform association_default_route_table_id); never rendered as a resource. */
  implicit?: boolean;
  /** Attachment ids (VPC, VPN, peering, literal, outside-VPC or a literal accepter's id) explicitly associated. */
  associations: string[];
  /** Attachment ids (VPC, VPN, outside-VPC or a literal accepter's id) explicitly propagating. */
  propagations: string[];
}

export interface TgwRoute {
  table: string;
  /** A literal prefix; exactly one of `destination` and `prefixList`. */
  destination?: string;
  /**
   * Terraform only (aws_ec2_transit_gateway_prefix_list_reference, §5): a prefix list of the network (`prefixLists`) or a literal
   * `pl-…` id. A list the output holds with entries is one static route per entry; any other is a candidate for every
   * destination beside the longest match (a blackhole one drops nothing). Neither written nor read in CloudFormation, which has
   * no transit gateway prefix list reference.
   */
  prefixList?: string;
  /** An attachment id (VPC, VPN, peering, literal, outside-VPC or a literal accepter's id), or a blackhole. */
  target: string | 'blackhole';
}

export interface Peering {
  id: string;
  vpc: string;
  peerVpc: string;
}

/**
 * A VPC peering (AWS::EC2::VPCPeeringConnection, aws_vpc_peering_connection) between VPC `vpc` of the output and a VPC the
 * output does not hold, `peerVpcId` (a literal `vpc-…` id). `side`: where the output's VPC is written — `requester` (VpcId /
 * vpc_id, the literal as PeerVpcId / peer_vpc_id) or `accepter` (PeerVpcId / peer_vpc_id, the literal as VpcId / vpc_id).
 * §5: an unplaced entry into `vpc` (a destination within one of its subnets' blocks is delivered to that subnet through its
 * inbound NACL, as from a labelled VPN gateway); §4: a route to it (`{ kind: 'pcx', id }`, from a table of `vpc`) ends
 * unknown. Its id never collides with a `Peering`'s, so that the renderers name both alike.
 */
export interface OutsidePeering {
  id: string;
  vpc: string;
  peerVpcId: string;
  side: 'requester' | 'accepter';
}

export interface NaclEntry {
  rule: number;
  egress: boolean;
  action: 'allow' | 'deny';
  protocol: Protocol;
  cidr: string;
  /** TCP / UDP only. */
  fromPort?: number;
  toPort?: number;
}

export interface Nacl {
  id: string;
  vpc: string;
  entries: NaclEntry[];
}

export interface SgRule {
  protocol: Protocol;
  /** TCP / UDP ports; for ICMP the type and code (-1 for all). Absent for '-1'. */
  fromPort?: number;
  toPort?: number;
  cidr?: string;
  peerGroup?: string;
  /** Rendering hint: written as a separate ingress / egress resource. */
  separate?: boolean;
}

export interface SecurityGroup {
  id: string;
  vpc: string;
  /** The VPC's default security group: only these listed rules count (§10). */
  isDefault?: boolean;
  ingress: SgRule[];
  egress: SgRule[];
}

export function emptyNetwork(engine: Engine): Network {
  return {
    engine,
    vpcs: [],
    subnets: [],
    routeTables: [],
    routes: [],
    internetGateways: [],
    egressOnlyGateways: [],
    natGateways: [],
    firewalls: [],
    gwlbEndpoints: [],
    vpnGateways: [],
    transitGateways: [],
    tgwAttachments: [],
    vpnAttachments: [],
    tgwRouteTables: [],
    tgwRoutes: [],
    peerings: [],
    nacls: [],
    securityGroups: [],
    vgwPropagations: [],
    routeServers: [],
    routeServerPropagations: [],
    tgwPeerings: [],
    literalAttachments: [],
    outsideAttachments: [],
    dxAssociations: [],
    accepters: [],
    outsidePeerings: [],
    prefixLists: [],
    renderSeed: 0,
  };
}

/**
 * A `jichitai:zone` value that names no zone the guard knows (§5: such a VPN is an unplaced entry, like one without the tag).
 * The renderers write it on some unlabelled VPN connections, picked by `otherZoneLabel` from a stream of its own, so that
 * the choice moves none of the renderers' other spellings.
 */
export const OTHER_ZONE = 'PARTNER_NETWORK';
export function otherZoneLabel(net: Network, vpnId: string): boolean {
  const i = net.vpnAttachments.findIndex((v) => v.id === vpnId);
  const rnd = prng((net.renderSeed ^ 0x5bd1e995) + i);
  return rnd() < 0.3;
}

/** A small deterministic PRNG (mulberry32) for the renderers' spelling choices. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
