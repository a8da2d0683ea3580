/**
 * Render an abstract network as Terraform JSON the way cdktf synthesizes it (`resource.<type>.<name>`, references as
 * `${type.name.attr}` strings, tags as maps). Equivalent spellings are picked with the network's renderSeed: tags or
 * provider default tags, inline or separate routes / rules, aws_default_route_table or routes on main_route_table_id,
 * a VPN gateway's route propagation as `propagating_vgws` or aws_vpn_gateway_route_propagation, a route server's into
 * the main table by main_route_table_id or default_route_table_id, and so on. The elements of §5 "Attachments that other
 * resources make" (accepters, Direct Connect associations) and the default-table resources take their spellings from a
 * stream of their own, so that a network without them renders as it did before they existed.
 */
import { familyOf } from './addr';
import { Network, OTHER_ZONE, otherZoneLabel, ownTagKey, prng, RouteTarget, Segment, SgRule, TaggedKind } from './network';
import { implicitTableId } from './oracle';

export interface TfJson {
  provider: { aws: Record<string, unknown>[] };
  resource: Record<string, Record<string, Record<string, unknown>>>;
}

const SEGMENT_TAG = 'jichitai:segment';
const ZONE_TAG = 'jichitai:zone';
const MUNICIPALITY_TAG = 'jichitai:municipality';
/** On the prefecture hub's VPC, value `hub` (§10 MN-1: its subnets are hub subnets; it has no segment tag). */
const SECURITY_CLOUD_TAG = 'jichitai:security-cloud';
const ALIAS: Record<Segment, string> = { MY_NUMBER: 'mn', LGWAN: 'lgwan', INTERNET: 'inet' };
const OTHER: Record<Segment, Segment> = { MY_NUMBER: 'INTERNET', LGWAN: 'MY_NUMBER', INTERNET: 'LGWAN' };

/** A Terraform name from an abstract id. */
function tfName(id: string): string {
  const n = id.replace(/[^A-Za-z0-9_]+/g, '_');
  return /^[A-Za-z_]/.test(n) ? n : `r_${n}`;
}

/** The Terraform name of a tag resource (`aws_ec2_tag.<name>`), by which compare.ts ties the guard's findings to it. */
export function tagResourceName(id: string): string {
  return tfName(id);
}

/** The Terraform type of an element a tag resource names (network.ts TaggedKind). */
const TAGGED_TYPE: Record<TaggedKind, string> = { vpc: 'aws_vpc', subnet: 'aws_subnet', vpn: 'aws_vpn_connection', vgw: 'aws_vpn_gateway' };

export function renderTerraform(net: Network): TfJson {
  const rnd = prng(net.renderSeed + 0x5f3759df);
  const coin = (p = 0.5) => rnd() < p;
  const resource: TfJson['resource'] = {};
  const providers: Record<string, unknown>[] = [{ region: 'ap-northeast-1' }];
  const put = (type: string, name: string, body: Record<string, unknown>) => {
    resource[type] ??= {};
    if (resource[type][name]) throw new Error(`duplicate ${type}.${name}`);
    resource[type][name] = body;
  };
  const r = (type: string, id: string, attr = 'id') => `\${${type}.${tfName(id)}.${attr}}`;
  const vpcRef = (id: string, attr = 'id') => r('aws_vpc', id, attr);
  const subnetRef = (id: string) => r('aws_subnet', id);

  // VPCs, with the segment label in tags or in the default tags of an aliased provider (own tags win).
  const aliases = new Set<string>();
  const alias = (seg: Segment) => {
    const a = ALIAS[seg];
    if (!aliases.has(a)) {
      aliases.add(a);
      providers.push({ region: 'ap-northeast-1', alias: a, default_tags: [{ tags: { [SEGMENT_TAG]: seg } }] });
    }
    return `aws.${a}`;
  };
  const hubProvider = (value: string) => {
    if (!aliases.has('hub')) {
      aliases.add('hub');
      providers.push({ region: 'ap-northeast-1', alias: 'hub', default_tags: [{ tags: { [SECURITY_CLOUD_TAG]: value } }] });
    }
    return 'aws.hub';
  };
  // A member's code goes on the VPC, or on each of its subnets (a subnet's own tag, §10 SC-1). The coin is only thrown
  // for a VPC with a code, so that networks without codes render exactly as they did before codes existed.
  const codeOnSubnets = new Set<string>();
  // Labels only tag resources give (§3): the element's own tags leave them out.
  const omitted = new Set(net.ownTagsOmitted ?? []);
  const own = (kind: TaggedKind, id: string, key: string) => !omitted.has(ownTagKey(kind, id, key));
  for (const v of net.vpcs) {
    // The oracle judges paths, not name resolution: DNS support off keeps the closed segments' resolver out of its verdicts.
    const body: Record<string, unknown> = { cidr_block: v.cidr, enable_dns_support: false, enable_dns_hostnames: false };
    const style = rnd();
    if (v.segment !== undefined && !own('vpc', v.id, SEGMENT_TAG)) {
      // The segment only from a tag resource: no own tag, no provider default tag.
      body.tags = { Name: v.id };
    } else if (v.segment === undefined && v.securityCloud !== undefined && !own('vpc', v.id, SECURITY_CLOUD_TAG)) {
      body.tags = { Name: v.id };
    } else if (v.segment === undefined) {
      // The hub (no segment): its security-cloud tag in its own tags, or in the default tags of a provider of its own.
      if (v.securityCloud !== undefined && style >= 0.7) {
        body.provider = hubProvider(v.securityCloud);
        body.tags = { Name: v.id };
      } else {
        body.tags = { Name: v.id, ...(v.securityCloud !== undefined ? { [SECURITY_CLOUD_TAG]: v.securityCloud } : {}) };
      }
    } else if (style < 0.6) {body.tags = { Name: v.id, [SEGMENT_TAG]: v.segment };} else if (style < 0.85) {
      body.provider = alias(v.segment);
      body.tags = { Name: v.id };
    } else {
      // A provider whose default tag says another segment; the resource's own tag wins.
      body.provider = alias(OTHER[v.segment]);
      body.tags = { Name: v.id, [SEGMENT_TAG]: v.segment };
    }
    if (v.municipality !== undefined) {
      // the coin is thrown as before when the model decides (municipalityOnSubnets), so that the rest renders the same
      const c = coin(0.3);
      if (v.municipalityOnSubnets ?? c) codeOnSubnets.add(v.id);
      else if (own('vpc', v.id, MUNICIPALITY_TAG)) body.tags = { ...body.tags as Record<string, string>, [MUNICIPALITY_TAG]: v.municipality };
    }
    if (v.ipv6Cidr && coin()) body.ipv6_cidr_block = v.ipv6Cidr;
    else if (v.ipv6Cidr) put('aws_vpc_ipv6_cidr_block_association', `${tfName(v.id)}_ipv6`, { vpc_id: vpcRef(v.id), ipv6_cidr_block: v.ipv6Cidr });
    put('aws_vpc', tfName(v.id), body);
    v.secondaryCidrs.forEach((c, i) => put('aws_vpc_ipv4_cidr_block_association', `${tfName(v.id)}_cidr${i}`, { vpc_id: vpcRef(v.id), cidr_block: c }));
  }
  for (const s of net.subnets) {
    put('aws_subnet', tfName(s.id), {
      vpc_id: vpcRef(s.vpc),
      cidr_block: s.cidr,
      availability_zone: 'ap-northeast-1a',
      ...(s.ipv6Cidr ? { ipv6_cidr_block: s.ipv6Cidr } : {}),
      ...(s.mapPublicIpOnLaunch ? { map_public_ip_on_launch: true } : {}),
      tags: {
        Name: s.id,
        ...(codeOnSubnets.has(s.vpc) ? { [MUNICIPALITY_TAG]: net.vpcs.find((v) => v.id === s.vpc)!.municipality! } : {}),
        ...(s.segmentTag !== undefined ? { [SEGMENT_TAG]: s.segmentTag } : {}),
      },
    });
  }

  // Gateways.
  for (const g of net.internetGateways) {
    if (g.vpc && coin(0.7)) {put('aws_internet_gateway', tfName(g.id), { vpc_id: vpcRef(g.vpc), tags: { Name: g.id } });} else {
      put('aws_internet_gateway', tfName(g.id), { tags: { Name: g.id } });
      if (g.vpc) put('aws_internet_gateway_attachment', tfName(g.id), { internet_gateway_id: r('aws_internet_gateway', g.id), vpc_id: vpcRef(g.vpc) });
    }
  }
  for (const g of net.egressOnlyGateways) put('aws_egress_only_internet_gateway', tfName(g.id), { vpc_id: vpcRef(g.vpc) });
  for (const n of net.natGateways) {
    if (n.private) {put('aws_nat_gateway', tfName(n.id), { connectivity_type: 'private', subnet_id: subnetRef(n.subnet) });} else {
      put('aws_eip', tfName(n.id), { domain: 'vpc' });
      put('aws_nat_gateway', tfName(n.id), { allocation_id: r('aws_eip', n.id, coin() ? 'id' : 'allocation_id'), subnet_id: subnetRef(n.subnet) });
    }
  }
  for (const f of net.firewalls) {
    put('aws_networkfirewall_firewall_policy', tfName(f.id), {
      name: `${f.id}-policy`,
      firewall_policy: {
        stateless_default_actions: ['aws:forward_to_sfe'],
        stateless_fragment_default_actions: ['aws:forward_to_sfe'],
        ...(f.policy === 'drop' ? { stateful_default_actions: ['aws:drop_established'], stateful_engine_options: { rule_order: 'STRICT_ORDER' } } : {}),
      },
    });
    put('aws_networkfirewall_firewall', tfName(f.id), {
      name: f.id,
      vpc_id: vpcRef(f.vpc),
      firewall_policy_arn: r('aws_networkfirewall_firewall_policy', f.id, 'arn'),
      subnet_mapping: f.subnets.map((s) => ({ subnet_id: subnetRef(s) })),
    });
  }
  for (const e of net.gwlbEndpoints) {
    put('aws_vpc_endpoint', tfName(e.id), {
      vpc_endpoint_type: 'GatewayLoadBalancer',
      vpc_id: vpcRef(e.vpc),
      service_name: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
      subnet_ids: [subnetRef(e.subnet)],
    });
  }
  for (const g of net.vpnGateways) {
    put('aws_vpn_gateway', tfName(g.id), { vpc_id: vpcRef(g.vpc), tags: g.zone && own('vgw', g.id, ZONE_TAG) ? { [ZONE_TAG]: g.zone } : { Name: g.id } });
  }
  for (const p of net.peerings) put('aws_vpc_peering_connection', tfName(p.id), { vpc_id: vpcRef(p.vpc), peer_vpc_id: vpcRef(p.peerVpc), auto_accept: true });

  // Transit gateway.
  for (const g of net.transitGateways) {
    put('aws_ec2_transit_gateway', tfName(g.id), {
      amazon_side_asn: 64512,
      default_route_table_association: g.defaultAssociation ? 'enable' : 'disable',
      default_route_table_propagation: g.defaultPropagation ? 'enable' : 'disable',
    });
  }
  for (const a of net.tgwAttachments) {
    put('aws_ec2_transit_gateway_vpc_attachment', tfName(a.id), {
      transit_gateway_id: r('aws_ec2_transit_gateway', a.tgw),
      vpc_id: vpcRef(a.vpc),
      subnet_ids: a.subnets.map(subnetRef),
      ...(a.defaultAssociation === false ? { transit_gateway_default_route_table_association: false } : {}),
      ...(a.defaultPropagation === false ? { transit_gateway_default_route_table_propagation: false } : {}),
    });
  }
  // VPC attachments of VPCs the output does not hold (§5): a literal vpc_id and literal subnet ids.
  for (const a of net.outsideAttachments ?? []) {
    put('aws_ec2_transit_gateway_vpc_attachment', tfName(a.id), {
      transit_gateway_id: r('aws_ec2_transit_gateway', a.tgw),
      vpc_id: a.vpcId,
      subnet_ids: a.subnetIds,
      ...(a.defaultAssociation === false ? { transit_gateway_default_route_table_association: false } : {}),
      ...(a.defaultPropagation === false ? { transit_gateway_default_route_table_propagation: false } : {}),
    });
  }
  for (const v of net.vpnAttachments) {
    put('aws_customer_gateway', tfName(v.id), { bgp_asn: '65000', ip_address: '203.0.113.10', type: 'ipsec.1' });
    put('aws_vpn_connection', tfName(v.id), {
      customer_gateway_id: r('aws_customer_gateway', v.id),
      transit_gateway_id: r('aws_ec2_transit_gateway', v.tgw),
      type: 'ipsec.1',
      tags: v.zone ? (own('vpn', v.id, ZONE_TAG) ? { [ZONE_TAG]: v.zone } : { Name: v.id }) : otherZoneLabel(net, v.id) ? { [ZONE_TAG]: OTHER_ZONE } : { Name: v.id },
    });
  }
  for (const p of net.tgwPeerings ?? []) {
    put('aws_ec2_transit_gateway_peering_attachment', tfName(p.id), {
      transit_gateway_id: r('aws_ec2_transit_gateway', p.tgw),
      peer_transit_gateway_id: 'tgw-0fedcba9876543210',
      peer_account_id: '210987654321',
      peer_region: 'ap-northeast-3',
    });
  }
  // Accepters (§5): of a VPC attachment of the output, whose references may then be spelled as the accepter's; or of another
  // account's attachment by its literal id, which tables and routes name by the accepter's own id.
  const other = prng(net.renderSeed + 0x68e31da4);
  const vpcAttachment = (id: string) => net.tgwAttachments.some((a) => a.id === id) || (net.outsideAttachments ?? []).some((a) => a.id === id);
  const accepterRef = (id: string) => r('aws_ec2_transit_gateway_vpc_attachment_accepter', id);
  for (const a of net.accepters ?? []) {
    put('aws_ec2_transit_gateway_vpc_attachment_accepter', tfName(a.id), {
      transit_gateway_attachment_id: vpcAttachment(a.attachment) ? r('aws_ec2_transit_gateway_vpc_attachment', a.attachment) : a.attachment,
      ...(a.defaultAssociation !== undefined ? { transit_gateway_default_route_table_association: a.defaultAssociation } : {}),
      ...(a.defaultPropagation !== undefined ? { transit_gateway_default_route_table_propagation: a.defaultPropagation } : {}),
      tags: { Name: a.id },
    });
  }
  // An attachment the output does not hold is written as its literal id.
  const literal = new Set((net.literalAttachments ?? []).map((a) => a.id));
  const attachmentRef = (id: string) => {
    const acc = (net.accepters ?? []).find((a) => a.id === id || a.attachment === id);
    if (acc && (acc.id === id || other() < 0.5)) return accepterRef(acc.id);
    if (vpcAttachment(id)) return r('aws_ec2_transit_gateway_vpc_attachment', id);
    if ((net.tgwPeerings ?? []).some((p) => p.id === id)) return r('aws_ec2_transit_gateway_peering_attachment', id);
    if (literal.has(id)) return id;
    return r('aws_vpn_connection', id, 'transit_gateway_attachment_id');
  };
  const implicitOf = new Map(net.transitGateways.map((g) => [implicitTableId(g.id), g]));
  const tableRef = (id: string) => {
    const g = implicitOf.get(id);
    // Either attribute names the implicit table (§5), also when a default table named by its own resource (below) has
    // replaced it in one role or both: the gateway's attribute is the table AWS made with it.
    if (g) return r('aws_ec2_transit_gateway', g.id, coin() ? 'association_default_route_table_id' : 'propagation_default_route_table_id');
    return r('aws_ec2_transit_gateway_route_table', id);
  };
  // §5: a default table named by a resource of its own.
  for (const g of net.transitGateways) {
    for (const [which, table] of [['association', g.associationDefaultTable], ['propagation', g.propagationDefaultTable]] as const) {
      if (table === undefined) continue;
      put(`aws_ec2_transit_gateway_default_route_table_${which}`, tfName(g.id), {
        transit_gateway_id: r('aws_ec2_transit_gateway', g.id), transit_gateway_route_table_id: r('aws_ec2_transit_gateway_route_table', table),
      });
    }
  }
  // Direct Connect gateways associated with a gateway of the output (§5): an association or a proposal, the DX gateway a
  // resource of the configuration or a literal id; an association that accepts another account's proposal names no gateway.
  (net.dxAssociations ?? []).forEach((d, i) => {
    let dxGateway = `5f294f92-bafb-4011-916d-9b0b${(0xd0000000 + i).toString(16)}`;
    if (d.acceptsProposal) {
      put('aws_dx_gateway_association', tfName(d.id), {
        dx_gateway_id: dxGateway, proposal_id: `ac90e981-b718-4364-872d-65478c8${(0x4000 + i).toString(16)}`, associated_gateway_owner_account_id: '210987654321',
      });
      return;
    }
    const proposal = other() < 0.3;
    if (!proposal && other() < 0.5) {
      put('aws_dx_gateway', tfName(d.id), { name: d.id, amazon_side_asn: '64600' });
      dxGateway = r('aws_dx_gateway', d.id);
    }
    put(proposal ? 'aws_dx_gateway_association_proposal' : 'aws_dx_gateway_association', tfName(d.id), {
      dx_gateway_id: dxGateway,
      associated_gateway_id: r('aws_ec2_transit_gateway', d.tgw),
      ...(proposal ? { dx_gateway_owner_account_id: '210987654321' } : {}),
      ...(other() < 0.5 ? { allowed_prefixes: ['10.0.0.0/8'] } : {}),
    });
  });
  for (const t of net.tgwRouteTables) {
    if (!implicitOf.has(t.id)) put('aws_ec2_transit_gateway_route_table', tfName(t.id), { transit_gateway_id: r('aws_ec2_transit_gateway', t.tgw) });
    t.associations.forEach((a, i) => put('aws_ec2_transit_gateway_route_table_association', `${tfName(t.id)}_assoc${i}`, {
      transit_gateway_attachment_id: attachmentRef(a), transit_gateway_route_table_id: tableRef(t.id),
    }));
    t.propagations.forEach((a, i) => put('aws_ec2_transit_gateway_route_table_propagation', `${tfName(t.id)}_prop${i}`, {
      transit_gateway_attachment_id: attachmentRef(a), transit_gateway_route_table_id: tableRef(t.id),
    }));
  }
  const prefixListId = renderPrefixLists(net, put);
  net.tgwRoutes.forEach((rt, i) => {
    const to = rt.target === 'blackhole' ? { blackhole: true } : { transit_gateway_attachment_id: attachmentRef(rt.target) };
    if (rt.prefixList !== undefined) {
      // §5: a prefix list reference (AWS allows one per table and list; the generator makes no second).
      put('aws_ec2_transit_gateway_prefix_list_reference', `tgw_pl_reference${i}`, {
        prefix_list_id: prefixListId(rt.prefixList), transit_gateway_route_table_id: tableRef(rt.table), ...to,
      });
      return;
    }
    put('aws_ec2_transit_gateway_route', `tgw_route${i}`, { destination_cidr_block: rt.destination, transit_gateway_route_table_id: tableRef(rt.table), ...to });
  });

  // Route tables and routes.
  const target = (t: RouteTarget): Record<string, unknown> => {
    switch (t.kind) {
      case 'igw':
        return { gateway_id: r('aws_internet_gateway', t.id) };
      case 'eigw':
        return { egress_only_gateway_id: r('aws_egress_only_internet_gateway', t.id) };
      case 'nat':
        return { nat_gateway_id: r('aws_nat_gateway', t.id) };
      case 'tgw':
        return { transit_gateway_id: r('aws_ec2_transit_gateway', t.id) };
      case 'pcx':
        return { vpc_peering_connection_id: r('aws_vpc_peering_connection', t.id) };
      case 'firewall':
        return {
          vpc_endpoint_id: `\${element([for ss in tolist(aws_networkfirewall_firewall.${tfName(t.id)}.firewall_status[0].sync_states) : ss.attachment[0].endpoint_id], 0)}`,
        };
      case 'gwlb':
        return { vpc_endpoint_id: r('aws_vpc_endpoint', t.id) };
      case 'vgw':
        return { gateway_id: r('aws_vpn_gateway', t.id) };
      case 'eni':
        return { network_interface_id: t.eni };
    }
  };
  const inlineDestination = (rt: Network['routes'][number]) => {
    if (rt.prefixList !== undefined) return { destination_prefix_list_id: prefixListId(rt.prefixList) };
    return familyOf(rt.destination!) === 6 ? { ipv6_cidr_block: rt.destination } : { cidr_block: rt.destination };
  };
  const inlineRoute = (rt: Network['routes'][number]) => ({ ...inlineDestination(rt), ...target(rt.target) });
  const separateDestination = (rt: Network['routes'][number]) => {
    if (rt.prefixList !== undefined) return { destination_prefix_list_id: prefixListId(rt.prefixList) };
    return familyOf(rt.destination!) === 6 ? { destination_ipv6_cidr_block: rt.destination } : { destination_cidr_block: rt.destination };
  };
  const separateRoute = (tableId: string, rt: Network['routes'][number], i: number) => put('aws_route', `route${i}`, {
    route_table_id: tableId,
    ...separateDestination(rt),
    ...target(rt.target),
  });
  // Route propagation from VPN gateways (§4): `propagating_vgws` on the table, or one aws_vpn_gateway_route_propagation per
  // gateway (the provider forbids mixing the two on one table). The coins are thrown only for a table with a propagation,
  // so that networks without any render as before.
  const vgwsOf = (tableId: string) => [...new Set((net.vgwPropagations ?? []).filter((p) => p.table === tableId).map((p) => p.vgw))];
  const vgwRefs = (vgws: string[]) => vgws.map((g) => r('aws_vpn_gateway', g));
  const separatePropagations = (tableId: string, routeTableId: () => string, vgws: string[]) => {
    for (const g of vgws) {
      put('aws_vpn_gateway_route_propagation', `${tfName(tableId)}_${tfName(g)}`, { vpn_gateway_id: r('aws_vpn_gateway', g), route_table_id: routeTableId() });
    }
  };
  for (const t of net.routeTables) {
    const routes = net.routes.map((rt, i) => [rt, i] as const).filter(([rt]) => rt.table === t.id);
    const vgws = vgwsOf(t.id);
    if (t.main) {
      const vpc = t.vpc;
      const mainRef = () => vpcRef(vpc, coin() ? 'main_route_table_id' : 'default_route_table_id');
      // The main table: aws_default_route_table (its inline routes replace AWS's), or routes on the VPC's
      // main_route_table_id / default_route_table_id.
      if (coin()) {
        if (routes.length > 0 || coin(0.3)) {
          const inlineVgws = vgws.length > 0 && coin();
          put('aws_default_route_table', tfName(t.id), {
            default_route_table_id: vpcRef(vpc, 'default_route_table_id'),
            route: routes.map(([rt]) => inlineRoute(rt)),
            ...(inlineVgws ? { propagating_vgws: vgwRefs(vgws) } : {}),
          });
          if (!inlineVgws) separatePropagations(t.id, mainRef, vgws);
        } else {
          separatePropagations(t.id, mainRef, vgws);
        }
      } else {
        for (const [rt, i] of routes) separateRoute(vpcRef(vpc, coin() ? 'main_route_table_id' : 'default_route_table_id'), rt, i);
        separatePropagations(t.id, mainRef, vgws);
      }
      continue;
    }
    const inline = routes.length > 0 && coin(0.25);
    const inlineVgws = vgws.length > 0 && coin();
    put('aws_route_table', tfName(t.id), {
      vpc_id: vpcRef(t.vpc),
      ...(inline ? { route: routes.map(([rt]) => inlineRoute(rt)) } : {}),
      ...(inlineVgws ? { propagating_vgws: vgwRefs(vgws) } : {}),
      tags: { Name: t.id },
    });
    if (!inline) for (const [rt, i] of routes) separateRoute(r('aws_route_table', t.id), rt, i);
    if (!inlineVgws) separatePropagations(t.id, () => r('aws_route_table', t.id), vgws);
  }
  for (const s of net.subnets) {
    if (s.routeTable !== undefined) put('aws_route_table_association', tfName(s.id), { subnet_id: subnetRef(s.id), route_table_id: r('aws_route_table', s.routeTable) });
  }
  for (const v of net.vpcs) {
    if (v.mainRouteTable) put('aws_main_route_table_association', tfName(v.id), { vpc_id: vpcRef(v.id), route_table_id: r('aws_route_table', v.mainRouteTable) });
  }

  // NACLs.
  const proto = (p: string) => (p === '-1' ? '-1' : coin(0.8) ? p : String({ tcp: 6, udp: 17, icmp: 1 }[p]));
  const ports = (e: Network['nacls'][number]['entries'][number]) => (e.protocol === 'tcp' || e.protocol === 'udp'
    ? { from_port: e.fromPort ?? 0, to_port: e.toPort ?? 65535 } : { from_port: 0, to_port: 0 });
  const icmp = (e: Network['nacls'][number]['entries'][number]) => (e.protocol === 'icmp' ? { icmp_type: -1, icmp_code: -1 } : {});
  const cidr = (c: string) => (familyOf(c) === 6 ? { ipv6_cidr_block: c } : { cidr_block: c });
  const inlineEntry = (e: Network['nacls'][number]['entries'][number]) => ({
    rule_no: e.rule, action: e.action, protocol: proto(e.protocol), ...cidr(e.cidr), ...ports(e), ...icmp(e),
  });
  for (const n of net.nacls) {
    const subnets = net.subnets.filter((s) => s.nacl === n.id).map((s) => s.id);
    const inlineEntries = coin(0.4);
    const inlineSubnets = coin(0.4);
    put('aws_network_acl', tfName(n.id), {
      vpc_id: vpcRef(n.vpc),
      ...(inlineSubnets && subnets.length > 0 ? { subnet_ids: subnets.map(subnetRef) } : {}),
      ...(inlineEntries
        ? { ingress: n.entries.filter((e) => !e.egress).map(inlineEntry), egress: n.entries.filter((e) => e.egress).map(inlineEntry) } : {}),
      tags: { Name: n.id },
    });
    if (!inlineEntries) {
      n.entries.forEach((e, i) => put('aws_network_acl_rule', `${tfName(n.id)}_rule${i}`, {
        network_acl_id: r('aws_network_acl', n.id),
        rule_number: e.rule,
        egress: e.egress,
        protocol: proto(e.protocol),
        rule_action: e.action,
        ...cidr(e.cidr),
        ...ports(e),
        ...icmp(e),
      }));
    }
    if (!inlineSubnets) for (const s of subnets) put('aws_network_acl_association', `${tfName(s)}_nacl`, { network_acl_id: r('aws_network_acl', n.id), subnet_id: subnetRef(s) });
  }
  for (const v of net.vpcs) {
    if (!v.defaultNaclEntries) continue;
    // aws_default_network_acl replaces the default NACL's entries with these; its subnet_ids may name the subnets that use it.
    const onDefault = net.subnets.filter((s) => s.vpc === v.id && s.nacl === undefined).map((s) => s.id);
    put('aws_default_network_acl', tfName(v.id), {
      default_network_acl_id: vpcRef(v.id, 'default_network_acl_id'),
      ingress: v.defaultNaclEntries.filter((e) => !e.egress).map(inlineEntry),
      egress: v.defaultNaclEntries.filter((e) => e.egress).map(inlineEntry),
      ...(onDefault.length > 0 && coin() ? { subnet_ids: onDefault.map(subnetRef) } : {}),
    });
  }

  // Security groups.
  const sgRef = (id: string) => r('aws_security_group', id);
  const peer = (s: SgRule) => ({
    cidr_blocks: s.cidr !== undefined && familyOf(s.cidr) === 4 ? [s.cidr] : [],
    ipv6_cidr_blocks: s.cidr !== undefined && familyOf(s.cidr) === 6 ? [s.cidr] : [],
  });
  const sgPorts = (s: SgRule) => (s.protocol === '-1' ? { from_port: 0, to_port: 0 } : { from_port: s.fromPort ?? 0, to_port: s.toPort ?? 65535 });
  const inlineRule = (s: SgRule) => ({
    ...sgPorts(s),
    protocol: s.protocol,
    ...peer(s),
    security_groups: s.peerGroup !== undefined ? [sgRef(s.peerGroup)] : [],
    self: false,
    description: '',
    prefix_list_ids: [],
  });
  let ruleCount = 0;
  for (const g of net.securityGroups) {
    if (g.isDefault) {
      put('aws_default_security_group', tfName(g.id), { vpc_id: vpcRef(g.vpc), ingress: g.ingress.map(inlineRule), egress: g.egress.map(inlineRule) });
      continue;
    }
    const inline: Record<'ingress' | 'egress', unknown[]> = { ingress: [], egress: [] };
    for (const dir of ['ingress', 'egress'] as const) {
      for (const s of g[dir]) {
        if (!s.separate) {
          inline[dir].push(inlineRule(s));
          continue;
        }
        const p = peer(s);
        put('aws_security_group_rule', `${tfName(g.id)}_rule${ruleCount++}`, {
          type: dir,
          security_group_id: sgRef(g.id),
          ...sgPorts(s),
          protocol: s.protocol,
          ...(p.cidr_blocks.length > 0 ? { cidr_blocks: p.cidr_blocks } : {}),
          ...(p.ipv6_cidr_blocks.length > 0 ? { ipv6_cidr_blocks: p.ipv6_cidr_blocks } : {}),
          ...(s.peerGroup !== undefined ? { source_security_group_id: sgRef(s.peerGroup) } : {}),
        });
      }
    }
    put('aws_security_group', tfName(g.id), {
      name: g.id,
      description: `group ${g.id}`,
      vpc_id: vpcRef(g.vpc),
      ...(inline.ingress.length > 0 ? { ingress: inline.ingress } : {}),
      ...(inline.egress.length > 0 ? { egress: inline.egress } : {}),
    });
  }

  // VPC Route Servers and their propagations (§4), last so that the coins above fall as before. The main table is named
  // as for a VPN gateway's propagation (the VPC's main_route_table_id / default_route_table_id). AWS wants the server
  // associated with the table's VPC first; §4 does not read the association, so the coin leaves it out now and then.
  for (const rs of net.routeServers ?? []) {
    const serverId = r('aws_vpc_route_server', rs.id, 'route_server_id');
    put('aws_vpc_route_server', tfName(rs.id), { amazon_side_asn: 65000, tags: { Name: rs.id } });
    const association = coin(0.8) ? `aws_vpc_route_server_vpc_association.${tfName(rs.id)}` : undefined;
    if (association) put('aws_vpc_route_server_vpc_association', tfName(rs.id), { route_server_id: serverId, vpc_id: vpcRef(rs.vpc) });
    for (const p of (net.routeServerPropagations ?? []).filter((x) => x.server === rs.id)) {
      const table = net.routeTables.find((t) => t.id === p.table)!;
      const tableId = table.main ? vpcRef(table.vpc, coin() ? 'main_route_table_id' : 'default_route_table_id') : r('aws_route_table', table.id);
      put('aws_vpc_route_server_propagation', `${tfName(p.table)}_${tfName(rs.id)}`, {
        route_server_id: serverId, route_table_id: tableId, ...(association ? { depends_on: [association] } : {}),
      });
    }
  }
  renderSharing(net, put, resource);
  // Tag resources (§3): resource_id names the target by its id or ARN, or something the guard cannot tie to the output.
  for (const t of net.tagResources ?? []) {
    let resourceId: string;
    if (t.target) resourceId = r(TAGGED_TYPE[t.target.kind], t.target.id, t.target.attr);
    else if (t.untied && 'literal' in t.untied) resourceId = t.untied.literal;
    else resourceId = r(TAGGED_TYPE[t.untied!.kind], t.untied!.id, t.untied!.attr);
    put('aws_ec2_tag', tfName(t.id), { resource_id: resourceId, key: t.key, value: t.value });
  }
  renderLaunches(net, put, subnetRef);
  // §2: instances and network interfaces with their source/destination check off.
  for (const f of net.forwarders ?? []) {
    const check = f.text ? 'false' : false;
    if (f.kind === 'instance') {
      put('aws_instance', tfName(f.id), { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: subnetRef(f.subnet), source_dest_check: check });
    } else {
      put('aws_network_interface', tfName(f.id), { subnet_id: subnetRef(f.subnet), source_dest_check: check });
    }
  }
  return { provider: { aws: providers }, resource };
}

const ROLE_TAG = 'jichitai:role';

/** The Terraform address of a launcher, and of a group's tag resource (compare.ts ties the guard's findings to them). */
export function launcherAddress(l: { id: string; kind: 'asg' | 'instance' | 'fleet' }): string {
  return `${l.kind === 'asg' ? 'aws_autoscaling_group' : l.kind === 'fleet' ? 'aws_ec2_fleet' : 'aws_instance'}.${tfName(l.id)}`;
}
export function launchTemplateAddress(id: string): string {
  return `aws_launch_template.${tfName(id)}`;
}
export function launcherTagAddress(l: { id: string; kind: 'asg' | 'instance' | 'fleet' }): string {
  return l.kind === 'asg' ? `aws_autoscaling_group_tag.${tfName(l.id)}` : `aws_ec2_tag.${tfName(l.id)}_role`;
}

/**
 * Launch templates and what launches them (§3 "A launch template's tags for instances"): a template's `tag_specifications` for
 * `instance` (and one for `volume`, no label); a group's `launch_template` (by `id` or `name`) and `vpc_zone_identifier`, its
 * `tag` blocks and an `aws_autoscaling_group_tag` naming it; an instance's `launch_template` and `subnet_id`, its `tags`.
 */
function renderLaunches(
  net: Network, put: (type: string, name: string, body: Record<string, unknown>) => void, subnetRef: (id: string) => string,
): void {
  const lt = (id: string, attr: string) => `\${aws_launch_template.${tfName(id)}.${attr}}`;
  for (const t of net.launchTemplates ?? []) {
    const specs = [
      ...(t.role !== undefined ? [{ resource_type: 'instance', tags: { Name: t.id, [ROLE_TAG]: t.role } }] : []),
      ...(t.volumeRole !== undefined ? [{ resource_type: 'volume', tags: { [ROLE_TAG]: t.volumeRole } }] : []),
    ];
    put('aws_launch_template', tfName(t.id), {
      name: t.id, image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro', ...(specs.length > 0 ? { tag_specifications: specs } : {}),
    });
  }
  for (const l of net.launchers ?? []) {
    const template = l.literalName ? { name: l.template, version: '$Latest' }
      : l.byName ? { name: lt(l.template, 'name'), version: '$Latest' } : { id: lt(l.template, 'id'), version: '$Latest' };
    if (l.kind === 'fleet') {
      // aws_ec2_fleet gives its instances no tags of its own (provider 5.100.0): the model's fleet role is not written.
      put('aws_ec2_fleet', tfName(l.id), {
        type: 'instant',
        target_capacity_specification: { default_target_capacity_type: 'on-demand', total_target_capacity: 1 },
        launch_template_config: [{
          launch_template_specification: l.byName ? { launch_template_name: lt(l.template, 'name'), version: '$Latest' }
            : { launch_template_id: lt(l.template, 'id'), version: '$Latest' },
          ...(l.subnets.length > 0 ? { override: l.subnets.map((x) => ({ subnet_id: subnetRef(x) })) } : {}),
        }],
      });
    } else if (l.kind === 'asg') {
      const spec = l.literalName ? { launch_template_name: l.template, version: '$Latest' }
        : l.byName ? { launch_template_name: lt(l.template, 'name'), version: '$Latest' } : { launch_template_id: lt(l.template, 'id'), version: '$Latest' };
      put('aws_autoscaling_group', tfName(l.id), {
        name: l.id,
        min_size: 0,
        max_size: 1,
        ...(l.mixed ? { mixed_instances_policy: { launch_template: { launch_template_specification: spec } } } : { launch_template: template }),
        ...(l.subnets.length > 0 ? { vpc_zone_identifier: l.subnets.map(subnetRef) } : {}),
        ...(l.role !== undefined ? { tag: [{ key: ROLE_TAG, value: l.role, propagate_at_launch: true }] } : {}),
      });
      if (l.tagResourceRole !== undefined) {
        put('aws_autoscaling_group_tag', tfName(l.id), {
          autoscaling_group_name: `\${aws_autoscaling_group.${tfName(l.id)}.${l.tagResourceByName ? 'name' : 'id'}}`,
          tag: { key: ROLE_TAG, value: l.tagResourceRole, propagate_at_launch: true },
        });
      }
    } else {
      put('aws_instance', tfName(l.id), {
        launch_template: template,
        ...(l.subnets.length > 0 ? { subnet_id: subnetRef(l.subnets[0]) } : {}),
        ...(l.role !== undefined ? { tags: { [ROLE_TAG]: l.role } } : {}),
      });
      if (l.tagResourceRole !== undefined) {
        put('aws_ec2_tag', `${tfName(l.id)}_role`, {
          resource_id: `\${aws_instance.${tfName(l.id)}.${l.tagResourceByName ? 'arn' : 'id'}}`, key: ROLE_TAG, value: l.tagResourceRole,
        });
      }
    }
  }
}

/**
 * The network's prefix lists (§4, §5) as aws_ec2_managed_prefix_list, with their entries as `entry` blocks or as
 * aws_ec2_managed_prefix_list_entry resources naming the list (PrefixList.separateEntries; never both on one list, which the
 * provider forbids); a list without entries has neither. No coin is thrown: a network without prefix lists renders as before.
 * Returns how a route names a list: `${aws_ec2_managed_prefix_list.x.id}` for a list of the configuration, any other id as the
 * literal `pl-…` it is.
 */
function renderPrefixLists(net: Network, put: (type: string, name: string, body: Record<string, unknown>) => void): (id: string) => string {
  for (const l of net.prefixLists ?? []) {
    const name = tfName(l.id);
    const entries = l.entries.map((c) => ({ cidr: c, description: `${l.id} ${c}` }));
    put('aws_ec2_managed_prefix_list', name, {
      name: l.id,
      address_family: l.family === 6 ? 'IPv6' : 'IPv4',
      max_entries: Math.max(5, l.entries.length),
      ...(l.separateEntries || entries.length === 0 ? {} : { entry: entries }),
      tags: { Name: l.id },
    });
    if (l.separateEntries) {
      entries.forEach((e, i) => put('aws_ec2_managed_prefix_list_entry', `${name}_entry${i}`, { ...e, prefix_list_id: `\${aws_ec2_managed_prefix_list.${name}.id}` }));
    }
  }
  return (id) => ((net.prefixLists ?? []).some((l) => l.id === id) ? `\${aws_ec2_managed_prefix_list.${tfName(id)}.id}` : id);
}

/**
 * VPC peerings with a VPC the output does not hold and transit gateways shared with other accounts (§5), from a stream of
 * their own so that the coins above fall as before (a network without them renders as it did before they existed).
 * A peering writes the output's VPC as vpc_id (requester) or peer_vpc_id (accepter) and the other side's literal id,
 * sometimes with the peer's account and region. A RAM share is aws_ram_resource_share plus aws_ram_resource_association with
 * resource_arn = "${aws_ec2_transit_gateway.x.arn}", sometimes with an aws_ram_principal_association; a gateway shared by RAM
 * sometimes also says auto_accept_shared_attachments = "disable" (still shared: the share decides).
 */
function renderSharing(net: Network, put: (type: string, name: string, body: Record<string, unknown>) => void,
  resource: TfJson['resource']): void {
  const rnd = prng(net.renderSeed + 0x1b873593);
  for (const p of net.outsidePeerings ?? []) {
    const own = `\${aws_vpc.${tfName(p.vpc)}.id}`;
    put('aws_vpc_peering_connection', tfName(p.id), {
      ...(p.side === 'requester' ? { vpc_id: own, peer_vpc_id: p.peerVpcId } : { vpc_id: p.peerVpcId, peer_vpc_id: own }),
      ...(rnd() < 0.5 ? { peer_owner_id: '210987654321', peer_region: 'ap-northeast-3' } : {}),
      tags: { Name: p.id },
    });
  }
  for (const g of net.transitGateways) {
    const name = tfName(g.id);
    let auto: string | undefined;
    if (g.autoAcceptSharedAttachments !== undefined) auto = g.autoAcceptSharedAttachments ? 'enable' : 'disable';
    else if (g.ramShare !== undefined && rnd() < 0.3) auto = 'disable';
    if (auto !== undefined) resource.aws_ec2_transit_gateway[name].auto_accept_shared_attachments = auto;
    if (g.ramShare === undefined) continue;
    put('aws_ram_resource_share', name, { name: `${g.id}-share`, allow_external_principals: true });
    put('aws_ram_resource_association', name, {
      resource_arn: `\${aws_ec2_transit_gateway.${name}.arn}`, resource_share_arn: `\${aws_ram_resource_share.${name}.arn}`,
    });
    if (rnd() < 0.7) put('aws_ram_principal_association', name, { principal: '210987654321', resource_share_arn: `\${aws_ram_resource_share.${name}.arn}` });
  }
}
