/** Terse helpers for writing abstract networks by hand (unit tests, regressions). */
import {
  emptyNetwork, Engine, Launcher, NaclEntry, Network, ownTagKey, RamSpelling, Role, RouteTarget, Segment, SgRule, TaggedKind, TagResource, Zone,
} from './network';
import { implicitTableId } from './oracle';

export class NetBuilder {
  readonly net: Network;
  constructor(engine: Engine = 'cloudformation') {
    this.net = emptyNetwork(engine);
  }

  /** A VPC; `municipality`: its member's local government code (§10 SC-1). */
  vpc(id: string, segment: Segment, cidr: string, opts: { secondary?: string[]; ipv6?: string; municipality?: string } = {}): this {
    const code = opts.municipality !== undefined ? { municipality: opts.municipality } : {};
    this.net.vpcs.push({ id, segment, cidr, secondaryCidrs: opts.secondary ?? [], ...(opts.ipv6 ? { ipv6Cidr: opts.ipv6 } : {}), ...code });
    return this;
  }

  /**
   * The prefecture hub's VPC: tagged `jichitai:security-cloud = hub`, no segment (§10 MN-1); its subnets are hub subnets,
   * members of no municipality (§10 SC-1).
   */
  hub(id: string, cidr: string, opts: { secondary?: string[]; ipv6?: string } = {}): this {
    this.net.vpcs.push({ id, securityCloud: 'hub', cidr, secondaryCidrs: opts.secondary ?? [], ...(opts.ipv6 ? { ipv6Cidr: opts.ipv6 } : {}) });
    return this;
  }

  subnet(id: string, vpc: string, cidr: string, opts: { ipv6?: string; mapPublic?: boolean; nacl?: string } = {}): this {
    this.net.subnets.push({
      id,
      vpc,
      cidr,
      ...(opts.ipv6 ? { ipv6Cidr: opts.ipv6 } : {}),
      ...(opts.mapPublic ? { mapPublicIpOnLaunch: true } : {}),
      ...(opts.nacl ? { nacl: opts.nacl } : {}),
    });
    return this;
  }

  /** A route table of the VPC associated with the given subnets. */
  table(id: string, vpc: string, subnets: string[], opts: { main?: boolean } = {}): this {
    this.net.routeTables.push({ id, vpc, ...(opts.main ? { main: true } : {}) });
    for (const s of subnets) this.net.subnets.find((x) => x.id === s)!.routeTable = id;
    return this;
  }

  route(table: string, destination: string, target: RouteTarget): this {
    this.net.routes.push({ table, destination, target });
    return this;
  }

  /**
   * A prefix list of the output (§4): `entries` of one family; none makes a list without entries (filled from elsewhere).
   * `separateEntries`: Terraform writes the entries as aws_ec2_managed_prefix_list_entry resources.
   */
  prefixList(id: string, family: 4 | 6, entries: string[], opts: { separateEntries?: boolean } = {}): this {
    (this.net.prefixLists ??= []).push({ id, family, entries, ...(opts.separateEntries ? { separateEntries: true } : {}) });
    return this;
  }

  /** A VPC route to a prefix list: one of `prefixList`'s, or a literal `pl-…` id of a list the output does not hold (§4). */
  routeToList(table: string, prefixList: string, target: RouteTarget): this {
    this.net.routes.push({ table, prefixList, target });
    return this;
  }

  igw(id: string, vpc?: string): this {
    this.net.internetGateways.push({ id, ...(vpc ? { vpc } : {}) });
    return this;
  }

  eigw(id: string, vpc: string): this {
    this.net.egressOnlyGateways.push({ id, vpc });
    return this;
  }

  nat(id: string, subnet: string, priv = false): this {
    this.net.natGateways.push({ id, subnet, ...(priv ? { private: true } : {}) });
    return this;
  }

  firewall(id: string, vpc: string, subnets: string[]): this {
    this.net.firewalls.push({ id, vpc, subnets, policy: 'drop' });
    return this;
  }

  gwlb(id: string, vpc: string, subnet: string): this {
    this.net.gwlbEndpoints.push({ id, vpc, subnet });
    return this;
  }

  vgw(id: string, vpc: string, zone?: Zone): this {
    this.net.vpnGateways.push({ id, vpc, ...(zone ? { zone } : {}) });
    return this;
  }

  /**
   * Route propagation from VPN gateway `vgw` into route table `table` (§4): CloudFormation names explicit tables only;
   * Terraform may name the main table too (network.ts).
   */
  propagate(table: string, vgw: string): this {
    (this.net.vgwPropagations ??= []).push({ table, vgw });
    return this;
  }

  /** A VPC Route Server associated with `vpc` (§4). */
  routeServer(id: string, vpc: string): this {
    (this.net.routeServers ??= []).push({ id, vpc });
    return this;
  }

  /** Route propagation from route server `server` into route table `table` (§4); CloudFormation names explicit tables only. */
  serverPropagate(table: string, server: string): this {
    (this.net.routeServerPropagations ??= []).push({ table, server });
    return this;
  }

  tgw(id: string, opts: { defaultAssociation?: boolean; defaultPropagation?: boolean } = {}): this {
    this.net.transitGateways.push({ id, defaultAssociation: opts.defaultAssociation ?? false, defaultPropagation: opts.defaultPropagation ?? false });
    return this;
  }

  attach(id: string, tgw: string, vpc: string, subnets: string[],
    opts: { noDefaultAssociation?: boolean; noDefaultPropagation?: boolean } = {}): this {
    this.net.tgwAttachments.push({
      id,
      tgw,
      vpc,
      subnets,
      ...(opts.noDefaultAssociation ? { defaultAssociation: false as const } : {}),
      ...(opts.noDefaultPropagation ? { defaultPropagation: false as const } : {}),
    });
    return this;
  }

  vpn(id: string, tgw: string, zone?: Zone): this {
    this.net.vpnAttachments.push({ id, tgw, ...(zone ? { zone } : {}) });
    return this;
  }

  /** A transit gateway peering attachment of the output, to a gateway outside it (§5). */
  tgwPeering(id: string, tgw: string): this {
    (this.net.tgwPeerings ??= []).push({ id, tgw });
    return this;
  }

  /** An attachment the output does not hold, named by its literal id in associations and routes (§5). */
  literalAttachment(id: string): this {
    (this.net.literalAttachments ??= []).push({ id });
    return this;
  }

  /** A VPC attachment of the output whose VPC the output does not hold: a literal VpcId and subnet ids (§5). */
  outsideAttach(id: string, tgw: string, vpcId: string, subnetIds: string[],
    opts: { noDefaultAssociation?: boolean; noDefaultPropagation?: boolean } = {}): this {
    (this.net.outsideAttachments ??= []).push({
      id,
      tgw,
      vpcId,
      subnetIds,
      ...(opts.noDefaultAssociation ? { defaultAssociation: false as const } : {}),
      ...(opts.noDefaultPropagation ? { defaultPropagation: false as const } : {}),
    });
    return this;
  }

  /** A Direct Connect gateway associated with transit gateway `tgw` (§5); `acceptsProposal`: Terraform's proposal_id alone. */
  dx(id: string, tgw: string, opts: { acceptsProposal?: boolean } = {}): this {
    (this.net.dxAssociations ??= []).push({ id, tgw, ...(opts.acceptsProposal ? { acceptsProposal: true as const } : {}) });
    return this;
  }

  /**
   * A Terraform aws_ec2_transit_gateway_vpc_attachment_accepter of `attachment` (a VPC attachment of the output, or a literal
   * `tgw-attach-…` id), with its two switches when given (§5).
   */
  accepter(id: string, attachment: string, opts: { defaultAssociation?: boolean; defaultPropagation?: boolean } = {}): this {
    (this.net.accepters ??= []).push({
      id,
      attachment,
      ...(opts.defaultAssociation !== undefined ? { defaultAssociation: opts.defaultAssociation } : {}),
      ...(opts.defaultPropagation !== undefined ? { defaultPropagation: opts.defaultPropagation } : {}),
    });
    return this;
  }

  /**
   * The gateway's default association / propagation table (CloudFormation AssociationDefaultRouteTableId /
   * PropagationDefaultRouteTableId; Terraform aws_ec2_transit_gateway_default_route_table_association / _propagation).
   */
  defaultTables(tgw: string, tables: { association?: string; propagation?: string }): this {
    const g = this.net.transitGateways.find((t) => t.id === tgw)!;
    if (tables.association !== undefined) g.associationDefaultTable = tables.association;
    if (tables.propagation !== undefined) g.propagationDefaultTable = tables.propagation;
    return this;
  }

  /** A transit route table; `implicit` names the gateway's implicit default table (Terraform). */
  tgwTable(id: string, tgw: string, opts: { associations?: string[]; propagations?: string[] } = {}): this {
    this.net.tgwRouteTables.push({ id, tgw, associations: opts.associations ?? [], propagations: opts.propagations ?? [] });
    return this;
  }

  implicitTable(tgw: string): string {
    const id = implicitTableId(tgw);
    if (!this.net.tgwRouteTables.some((t) => t.id === id)) {
      this.net.tgwRouteTables.push({ id, tgw, implicit: true, associations: [], propagations: [] });
    }
    return id;
  }

  tgwRoute(table: string, destination: string, target: string | 'blackhole'): this {
    this.net.tgwRoutes.push({ table, destination, target });
    return this;
  }

  /** A Terraform transit gateway prefix list reference (§5): a list of `prefixList`'s or a literal `pl-…` id. */
  tgwRouteToList(table: string, prefixList: string, target: string | 'blackhole'): this {
    this.net.tgwRoutes.push({ table, prefixList, target });
    return this;
  }

  peering(id: string, vpc: string, peerVpc: string): this {
    this.net.peerings.push({ id, vpc, peerVpc });
    return this;
  }

  /**
   * A VPC peering between VPC `vpc` of the output and a VPC the output does not hold, by its literal id (§5: an unplaced entry
   * into `vpc`; §4: a route to it ends unknown). `side`: the output's VPC as the requester (VpcId, the literal as PeerVpcId)
   * or as the accepter (PeerVpcId, the literal as VpcId).
   */
  outsidePeering(id: string, vpc: string, peerVpcId: string, side: 'requester' | 'accepter' = 'requester'): this {
    (this.net.outsidePeerings ??= []).push({ id, vpc, peerVpcId, side });
    return this;
  }

  /**
   * Share transit gateway `tgw` with other accounts (§5): `ram`, an AWS RAM share naming it (its CloudFormation spelling; Terraform
   * always writes aws_ram_resource_association); `autoAccept`, AutoAcceptSharedAttachments `enable` (true) or `disable` (false).
   */
  share(tgw: string, opts: { ram?: RamSpelling; autoAccept?: boolean }): this {
    const g = this.net.transitGateways.find((t) => t.id === tgw)!;
    if (opts.ram !== undefined) g.ramShare = opts.ram;
    if (opts.autoAccept !== undefined) g.autoAcceptSharedAttachments = opts.autoAccept;
    return this;
  }

  nacl(id: string, vpc: string, entries: NaclEntry[], subnets: string[] = []): this {
    this.net.nacls.push({ id, vpc, entries });
    for (const s of subnets) this.net.subnets.find((x) => x.id === s)!.nacl = id;
    return this;
  }

  defaultNacl(vpc: string, entries: NaclEntry[]): this {
    this.net.vpcs.find((v) => v.id === vpc)!.defaultNaclEntries = entries;
    return this;
  }

  sg(id: string, vpc: string, ingress: SgRule[], egress: SgRule[], opts: { isDefault?: boolean } = {}): this {
    this.net.securityGroups.push({ id, vpc, ingress, egress, ...(opts.isDefault ? { isDefault: true } : {}) });
    return this;
  }

  /**
   * A Terraform `aws_ec2_tag` (§3) on element `kind:id` (by its id, or `arn`), or on `untied` (a literal id, or another attribute
   * of an element). `ownOmitted`: the element's own tags leave the key out.
   */
  tagResource(id: string, target: { kind: TaggedKind; id: string; arn?: boolean } | { untied: NonNullable<TagResource['untied']> },
    key: string, value: string): this {
    const tags = (this.net.tagResources ??= []);
    if ('untied' in target) tags.push({ id, untied: target.untied, key, value });
    else tags.push({ id, target: { kind: target.kind, id: target.id, attr: target.arn ? 'arn' : 'id' }, key, value });
    return this;
  }

  /** The element's own tags leave label `key` out (only tag resources give it). */
  omitOwnTag(kind: TaggedKind, id: string, key: string): this {
    (this.net.ownTagsOmitted ??= []).push(ownTagKey(kind, id, key));
    return this;
  }

  /** A launch template (§3) whose tag specifications for `instance` carry `role` (none: no such specification). */
  launchTemplate(id: string, role?: Role, opts: { volumeRole?: Role } = {}): this {
    (this.net.launchTemplates ??= []).push({ id, ...(role ? { role } : {}), ...(opts.volumeRole ? { volumeRole: opts.volumeRole } : {}) });
    return this;
  }

  /** An Auto Scaling group or instance launching template `template` in `subnets` (§3, §7). */
  launcher(id: string, kind: Launcher['kind'], template: string, subnets: string[],
    opts: { role?: Role; byName?: boolean; tagResourceRole?: Role; tagResourceByName?: boolean } = {}): this {
    (this.net.launchers ??= []).push({ id, kind, template, subnets, ...opts });
    return this;
  }

  /** An instance (or network interface) in `subnet` with its source/destination check off (§2). */
  forwarder(id: string, subnet: string, kind: 'instance' | 'interface' = 'instance', text = false): this {
    (this.net.forwarders ??= []).push({ id, kind, subnet, text });
    return this;
  }

  mainTable(vpc: string, table: string): this {
    this.net.vpcs.find((v) => v.id === vpc)!.mainRouteTable = table;
    return this;
  }
}

export const allow = (rule: number, egress: boolean, cidr: string, protocol: NaclEntry['protocol'] = '-1', ports?: [number, number]): NaclEntry => (
  { rule, egress, action: 'allow', protocol, cidr, ...(ports ? { fromPort: ports[0], toPort: ports[1] } : {}) });
export const deny = (rule: number, egress: boolean, cidr: string, protocol: NaclEntry['protocol'] = '-1', ports?: [number, number]): NaclEntry => (
  { rule, egress, action: 'deny', protocol, cidr, ...(ports ? { fromPort: ports[0], toPort: ports[1] } : {}) });
