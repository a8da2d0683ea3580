/**
 * Render an abstract network as a CloudFormation template, with the resource types and properties a CDK app (or a
 * hand-written template) would use. Equivalent spellings are picked with the network's renderSeed.
 *
 * What CloudFormation cannot express is not written: routes on a VPC's main route table, a VPN gateway's or route
 * server's route propagation into it, and aws_main_route_table_association (§4), routes in a transit gateway's implicit default table,
 * the Terraform-only attachment flags and Terraform's attachment accepters. The oracle reads the network the same way (network.ts).
 */
import { familyOf } from './addr';
import { Network, OTHER_ZONE, otherZoneLabel, prng, RouteTarget, SgRule } from './network';
import { implicitTableId } from './oracle';

export interface CfnTemplate {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
}

const SEGMENT_TAG = 'jichitai:segment';
const ZONE_TAG = 'jichitai:zone';
const MUNICIPALITY_TAG = 'jichitai:municipality';
/** On the prefecture hub's VPC, value `hub` (§10 MN-1: its subnets are hub subnets; it has no segment tag). */
const SECURITY_CLOUD_TAG = 'jichitai:security-cloud';
const PROTOCOL_NUMBER: Record<string, number> = { '-1': -1, 'tcp': 6, 'udp': 17, 'icmp': 1 };

/** A logical ID from an abstract id: `Kind` + the id's alphanumeric words, capitalised. */
function logical(kind: string, id: string): string {
  return kind + id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });

export function renderCloudFormation(net: Network): CfnTemplate {
  const rnd = prng(net.renderSeed);
  const coin = (p = 0.5) => rnd() < p;
  const resources: CfnTemplate['Resources'] = {};
  const put = (id: string, Type: string, Properties: Record<string, unknown>, DependsOn?: string[]) => {
    if (resources[id]) throw new Error(`duplicate logical ID ${id}`);
    resources[id] = { Type, Properties, ...(DependsOn && DependsOn.length > 0 ? { DependsOn } : {}) };
  };
  const L = {
    vpc: (id: string) => logical('Vpc', id),
    subnet: (id: string) => logical('Subnet', id),
    table: (id: string) => logical('RouteTable', id),
    igw: (id: string) => logical('Igw', id),
    eigw: (id: string) => logical('Eigw', id),
    nat: (id: string) => logical('Nat', id),
    fw: (id: string) => logical('Firewall', id),
    gwlb: (id: string) => logical('Gwlbe', id),
    vgw: (id: string) => logical('Vgw', id),
    tgw: (id: string) => logical('Tgw', id),
    att: (id: string) => logical('TgwAttachment', id),
    vpn: (id: string) => logical('Vpn', id),
    tgwTable: (id: string) => logical('TgwRouteTable', id),
    tgwPeer: (id: string) => logical('TgwPeering', id),
    pcx: (id: string) => logical('Peering', id),
    nacl: (id: string) => logical('Nacl', id),
    sg: (id: string) => logical('Sg', id),
    rs: (id: string) => logical('RouteServer', id),
  };
  const ipv6Block = new Map<string, string>();
  // A member's code goes on the VPC, or on each of its subnets (a subnet's own tag, §10 SC-1). The coin is only thrown
  // for a VPC with a code, so that networks without codes render exactly as they did before codes existed.
  const codeOnSubnets = new Set<string>();

  for (const v of net.vpcs) {
    // the coin is thrown as before when the model decides (municipalityOnSubnets), so that the rest renders the same
    const onSubnets = v.municipality !== undefined && (((c) => v.municipalityOnSubnets ?? c)(coin(0.3)));
    if (onSubnets) codeOnSubnets.add(v.id);
    put(L.vpc(v.id), 'AWS::EC2::VPC', {
      CidrBlock: v.cidr,
      // The oracle judges paths, not name resolution: DNS support off keeps the closed segments' resolver out of its verdicts.
      EnableDnsHostnames: false,
      EnableDnsSupport: false,
      Tags: [{ Key: 'Name', Value: v.id },
        ...(v.segment !== undefined ? [{ Key: SEGMENT_TAG, Value: v.segment }] : []),
        ...(v.securityCloud !== undefined ? [{ Key: SECURITY_CLOUD_TAG, Value: v.securityCloud }] : []),
        ...(v.municipality !== undefined && !onSubnets ? [{ Key: MUNICIPALITY_TAG, Value: v.municipality }] : [])],
    });
    v.secondaryCidrs.forEach((c, i) => put(`${L.vpc(v.id)}Cidr${i}`, 'AWS::EC2::VPCCidrBlock', { VpcId: ref(L.vpc(v.id)), CidrBlock: c }));
    if (v.ipv6Cidr) {
      const id = `${L.vpc(v.id)}Ipv6`;
      put(id, 'AWS::EC2::VPCCidrBlock', { VpcId: ref(L.vpc(v.id)), Ipv6CidrBlock: v.ipv6Cidr });
      ipv6Block.set(v.id, id);
    }
  }
  for (const s of net.subnets) {
    const dependsOn: string[] = [];
    const props: Record<string, unknown> = { VpcId: ref(L.vpc(s.vpc)), CidrBlock: s.cidr, AvailabilityZone: 'ap-northeast-1a' };
    if (s.ipv6Cidr) {
      props.Ipv6CidrBlock = s.ipv6Cidr;
      if (ipv6Block.has(s.vpc)) dependsOn.push(ipv6Block.get(s.vpc)!);
    }
    if (s.mapPublicIpOnLaunch) props.MapPublicIpOnLaunch = true;
    const code = codeOnSubnets.has(s.vpc) ? net.vpcs.find((v) => v.id === s.vpc)!.municipality! : undefined;
    props.Tags = [{ Key: 'Name', Value: s.id }, ...(code !== undefined ? [{ Key: MUNICIPALITY_TAG, Value: code }] : [])];
    put(L.subnet(s.id), 'AWS::EC2::Subnet', props, dependsOn);
  }
  // Route tables (not the main table: a template cannot put routes into it).
  for (const t of net.routeTables) {
    if (t.main) continue;
    put(L.table(t.id), 'AWS::EC2::RouteTable', { VpcId: ref(L.vpc(t.vpc)), Tags: [{ Key: 'Name', Value: t.id }] });
  }
  for (const s of net.subnets) {
    if (s.routeTable === undefined) continue;
    put(`${L.subnet(s.id)}RouteTableAssociation`, 'AWS::EC2::SubnetRouteTableAssociation', { SubnetId: ref(L.subnet(s.id)), RouteTableId: ref(L.table(s.routeTable)) });
  }

  // Gateways.
  for (const g of net.internetGateways) {
    put(L.igw(g.id), 'AWS::EC2::InternetGateway', { Tags: [{ Key: 'Name', Value: g.id }] });
    if (g.vpc) put(`${L.igw(g.id)}Attachment`, 'AWS::EC2::VPCGatewayAttachment', { VpcId: ref(L.vpc(g.vpc)), InternetGatewayId: ref(L.igw(g.id)) });
  }
  for (const g of net.egressOnlyGateways) put(L.eigw(g.id), 'AWS::EC2::EgressOnlyInternetGateway', { VpcId: ref(L.vpc(g.vpc)) });
  for (const n of net.natGateways) {
    if (n.private) {
      put(L.nat(n.id), 'AWS::EC2::NatGateway', { SubnetId: ref(L.subnet(n.subnet)), ConnectivityType: 'private' });
    } else {
      put(`${L.nat(n.id)}Eip`, 'AWS::EC2::EIP', { Domain: 'vpc' });
      put(L.nat(n.id), 'AWS::EC2::NatGateway', { SubnetId: ref(L.subnet(n.subnet)), AllocationId: getAtt(`${L.nat(n.id)}Eip`, 'AllocationId') });
    }
  }
  for (const f of net.firewalls) {
    put(`${L.fw(f.id)}Policy`, 'AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicyName: `${f.id}-policy`,
      FirewallPolicy: {
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulDefaultActions: f.policy === 'drop' ? ['aws:drop_established'] : [],
        ...(f.policy === 'drop' ? { StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' } } : {}),
      },
    });
    put(L.fw(f.id), 'AWS::NetworkFirewall::Firewall', {
      FirewallName: f.id,
      VpcId: ref(L.vpc(f.vpc)),
      SubnetMappings: f.subnets.map((s) => ({ SubnetId: ref(L.subnet(s)) })),
      FirewallPolicyArn: ref(`${L.fw(f.id)}Policy`),
    });
  }
  for (const e of net.gwlbEndpoints) {
    put(L.gwlb(e.id), 'AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'GatewayLoadBalancer',
      VpcId: ref(L.vpc(e.vpc)),
      ServiceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
      SubnetIds: [ref(L.subnet(e.subnet))],
    });
  }
  for (const g of net.vpnGateways) {
    put(L.vgw(g.id), 'AWS::EC2::VPNGateway', { Type: 'ipsec.1', Tags: g.zone ? [{ Key: ZONE_TAG, Value: g.zone }] : [] });
    put(`${L.vgw(g.id)}Attachment`, 'AWS::EC2::VPCGatewayAttachment', { VpcId: ref(L.vpc(g.vpc)), VpnGatewayId: ref(L.vgw(g.id)) });
  }
  for (const p of net.peerings) put(L.pcx(p.id), 'AWS::EC2::VPCPeeringConnection', { VpcId: ref(L.vpc(p.vpc)), PeerVpcId: ref(L.vpc(p.peerVpc)) });

  // Transit gateway.
  const implicit = new Set(net.transitGateways.map((g) => implicitTableId(g.id)));
  for (const g of net.transitGateways) {
    put(L.tgw(g.id), 'AWS::EC2::TransitGateway', {
      AmazonSideAsn: 64512,
      DefaultRouteTableAssociation: g.defaultAssociation ? 'enable' : 'disable',
      DefaultRouteTablePropagation: g.defaultPropagation ? 'enable' : 'disable',
      ...(g.associationDefaultTable ? { AssociationDefaultRouteTableId: ref(L.tgwTable(g.associationDefaultTable)) } : {}),
      ...(g.propagationDefaultTable ? { PropagationDefaultRouteTableId: ref(L.tgwTable(g.propagationDefaultTable)) } : {}),
    });
  }
  for (const a of net.tgwAttachments) {
    put(L.att(a.id), 'AWS::EC2::TransitGatewayAttachment', {
      TransitGatewayId: ref(L.tgw(a.tgw)), VpcId: ref(L.vpc(a.vpc)), SubnetIds: a.subnets.map((s) => ref(L.subnet(s))),
    });
  }
  for (const v of net.vpnAttachments) {
    put(`${L.vpn(v.id)}CustomerGateway`, 'AWS::EC2::CustomerGateway', { Type: 'ipsec.1', BgpAsn: 65000, IpAddress: '203.0.113.10' });
    put(L.vpn(v.id), 'AWS::EC2::VPNConnection', {
      Type: 'ipsec.1',
      CustomerGatewayId: ref(`${L.vpn(v.id)}CustomerGateway`),
      TransitGatewayId: ref(L.tgw(v.tgw)),
      StaticRoutesOnly: false,
      Tags: v.zone ? [{ Key: ZONE_TAG, Value: v.zone }] : otherZoneLabel(net, v.id) ? [{ Key: ZONE_TAG, Value: OTHER_ZONE }] : [],
    });
  }
  for (const p of net.tgwPeerings ?? []) {
    put(L.tgwPeer(p.id), 'AWS::EC2::TransitGatewayPeeringAttachment', {
      TransitGatewayId: ref(L.tgw(p.tgw)), PeerTransitGatewayId: 'tgw-0fedcba9876543210', PeerAccountId: '210987654321', PeerRegion: 'ap-northeast-3',
    });
  }
  // VPC attachments of VPCs the output does not hold (§5): a literal VpcId and literal subnet ids.
  for (const a of net.outsideAttachments ?? []) {
    put(L.att(a.id), 'AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: ref(L.tgw(a.tgw)), VpcId: a.vpcId, SubnetIds: a.subnetIds });
  }
  // An attachment the output does not hold is written as its literal id.
  const literal = new Set((net.literalAttachments ?? []).map((a) => a.id));
  const attachmentRef = (id: string) => {
    if (net.tgwAttachments.some((a) => a.id === id) || (net.outsideAttachments ?? []).some((a) => a.id === id)) return ref(L.att(id));
    if ((net.tgwPeerings ?? []).some((p) => p.id === id)) return ref(L.tgwPeer(id));
    if (literal.has(id)) return id;
    return getAtt(L.vpn(id), 'TransitGatewayAttachmentId');
  };
  for (const t of net.tgwRouteTables) {
    if (t.implicit || implicit.has(t.id)) continue;
    put(L.tgwTable(t.id), 'AWS::EC2::TransitGatewayRouteTable', { TransitGatewayId: ref(L.tgw(t.tgw)) });
    t.associations.forEach((a, i) => put(`${L.tgwTable(t.id)}Association${i}`, 'AWS::EC2::TransitGatewayRouteTableAssociation', {
      TransitGatewayAttachmentId: attachmentRef(a), TransitGatewayRouteTableId: ref(L.tgwTable(t.id)),
    }));
    t.propagations.forEach((a, i) => put(`${L.tgwTable(t.id)}Propagation${i}`, 'AWS::EC2::TransitGatewayRouteTablePropagation', {
      TransitGatewayAttachmentId: attachmentRef(a), TransitGatewayRouteTableId: ref(L.tgwTable(t.id)),
    }));
  }
  net.tgwRoutes.forEach((r, i) => {
    // CloudFormation has AWS::EC2::TransitGatewayRoute only: no prefix list reference (network.ts).
    if (implicit.has(r.table) || r.prefixList !== undefined) return;
    put(`TgwRoute${i}`, 'AWS::EC2::TransitGatewayRoute', {
      TransitGatewayRouteTableId: ref(L.tgwTable(r.table)),
      DestinationCidrBlock: r.destination,
      ...(r.target === 'blackhole' ? { Blackhole: true } : { TransitGatewayAttachmentId: attachmentRef(r.target) }),
    });
  });

  // VPC routes.
  const mainTables = new Set(net.routeTables.filter((t) => t.main).map((t) => t.id));
  const target = (t: RouteTarget, vpc: string): [Record<string, unknown>, string[]] => {
    switch (t.kind) {
      case 'igw':
        return [{ GatewayId: ref(L.igw(t.id)) }, net.internetGateways.find((g) => g.id === t.id)?.vpc ? [`${L.igw(t.id)}Attachment`] : []];
      case 'eigw':
        return [{ EgressOnlyInternetGatewayId: ref(L.eigw(t.id)) }, []];
      case 'nat':
        return [{ NatGatewayId: ref(L.nat(t.id)) }, []];
      case 'tgw': {
        const att = net.tgwAttachments.find((a) => a.tgw === t.id && a.vpc === vpc);
        return [{ TransitGatewayId: ref(L.tgw(t.id)) }, att ? [L.att(att.id)] : []];
      }
      case 'pcx':
        return [{ VpcPeeringConnectionId: ref(L.pcx(t.id)) }, []];
      case 'firewall':
        // The firewall's first endpoint id out of "az:vpce-..." (as CDK examples write it).
        return [{ VpcEndpointId: { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::Select': [0, getAtt(L.fw(t.id), 'EndpointIds')] }] }] } }, []];
      case 'gwlb':
        return [{ VpcEndpointId: ref(L.gwlb(t.id)) }, []];
      case 'vgw':
        return [{ GatewayId: ref(L.vgw(t.id)) }, [`${L.vgw(t.id)}Attachment`]];
      case 'eni':
        return [{ NetworkInterfaceId: t.eni }, []];
    }
  };
  const prefixListId = renderPrefixLists(net, put);
  net.routes.forEach((r, i) => {
    if (mainTables.has(r.table)) return;
    const vpc = net.routeTables.find((t) => t.id === r.table)!.vpc;
    const [props, dependsOn] = target(r.target, vpc);
    let dest: Record<string, unknown>;
    if (r.prefixList !== undefined) dest = { DestinationPrefixListId: prefixListId(r.prefixList) };
    else if (familyOf(r.destination!) === 6) dest = { DestinationIpv6CidrBlock: r.destination };
    else dest = { DestinationCidrBlock: r.destination };
    put(`Route${i}`, 'AWS::EC2::Route', { RouteTableId: ref(L.table(r.table)), ...dest, ...props }, dependsOn);
  });

  // Route propagation from VPN gateways (§4), into explicit tables only. CloudFormation refuses a propagation from a gateway
  // not yet attached, so each depends on the gateway's attachment. A gateway's tables go into one resource's RouteTableIds
  // or into one resource each: the coin is thrown only for a gateway with several, so that other networks render as before.
  const propagations = (net.vgwPropagations ?? []).filter((p) => !mainTables.has(p.table));
  for (const g of net.vpnGateways) {
    const tables = [...new Set(propagations.filter((p) => p.vgw === g.id).map((p) => p.table))];
    if (tables.length === 0) continue;
    const groups = tables.length > 1 && coin() ? [tables] : tables.map((t) => [t]);
    groups.forEach((ts, i) => put(`${L.vgw(g.id)}RoutePropagation${i}`, 'AWS::EC2::VPNGatewayRoutePropagation',
      { RouteTableIds: ts.map((t) => ref(L.table(t))), VpnGatewayId: ref(L.vgw(g.id)) }, [`${L.vgw(g.id)}Attachment`]));
  }

  // NACLs.
  const protocol = (p: string) => (coin() ? String(PROTOCOL_NUMBER[p]) : PROTOCOL_NUMBER[p]);
  const entry = (naclId: unknown, e: Network['nacls'][number]['entries'][number]) => ({
    NetworkAclId: naclId,
    RuleNumber: e.rule,
    Protocol: protocol(e.protocol),
    RuleAction: e.action,
    Egress: e.egress,
    ...(familyOf(e.cidr) === 6 ? { Ipv6CidrBlock: e.cidr } : { CidrBlock: e.cidr }),
    ...(e.protocol === 'tcp' || e.protocol === 'udp' ? { PortRange: { From: e.fromPort ?? 0, To: e.toPort ?? 65535 } } : {}),
    ...(e.protocol === 'icmp' ? { Icmp: { Code: -1, Type: -1 } } : {}),
  });
  for (const n of net.nacls) {
    put(L.nacl(n.id), 'AWS::EC2::NetworkAcl', { VpcId: ref(L.vpc(n.vpc)), Tags: [{ Key: 'Name', Value: n.id }] });
    n.entries.forEach((e, i) => put(`${L.nacl(n.id)}Entry${i}`, 'AWS::EC2::NetworkAclEntry', entry(ref(L.nacl(n.id)), e)));
  }
  for (const v of net.vpcs) {
    (v.defaultNaclEntries ?? []).forEach((e, i) => put(`${L.vpc(v.id)}DefaultNaclEntry${i}`, 'AWS::EC2::NetworkAclEntry',
      entry(getAtt(L.vpc(v.id), 'DefaultNetworkAcl'), e)));
  }
  for (const s of net.subnets) {
    if (s.nacl) put(`${L.subnet(s.id)}NaclAssociation`, 'AWS::EC2::SubnetNetworkAclAssociation', { SubnetId: ref(L.subnet(s.id)), NetworkAclId: ref(L.nacl(s.nacl)) });
  }

  // Security groups.
  const groupId = (id: string) => getAtt(L.sg(id), 'GroupId');
  const rule = (r: SgRule, dir: 'ingress' | 'egress') => ({
    IpProtocol: r.protocol,
    ...(r.protocol === '-1' ? {} : { FromPort: r.fromPort ?? 0, ToPort: r.toPort ?? 65535 }),
    ...(r.cidr !== undefined ? (familyOf(r.cidr) === 6 ? { CidrIpv6: r.cidr } : { CidrIp: r.cidr }) : {}),
    ...(r.peerGroup !== undefined ? (dir === 'ingress' ? { SourceSecurityGroupId: groupId(r.peerGroup) } : { DestinationSecurityGroupId: groupId(r.peerGroup) }) : {}),
  });
  for (const g of net.securityGroups) {
    const own = g.isDefault ? getAtt(L.vpc(g.vpc), 'DefaultSecurityGroup') : groupId(g.id);
    const inline: Record<'ingress' | 'egress', unknown[]> = { ingress: [], egress: [] };
    let n = 0;
    for (const dir of ['ingress', 'egress'] as const) {
      g[dir].forEach((r, i) => {
        // The default group takes only separate rules. A group's first egress rule is always inline, so that EC2's
        // implicit allow-all egress is gone exactly when the abstract group has egress rules.
        const separate = g.isDefault || (r.separate && !(dir === 'egress' && i === 0));
        if (!separate) {
          inline[dir].push(rule(r, dir));
          return;
        }
        put(`${L.sg(g.id)}${dir === 'ingress' ? 'Ingress' : 'Egress'}${n++}`, dir === 'ingress' ? 'AWS::EC2::SecurityGroupIngress' : 'AWS::EC2::SecurityGroupEgress',
          { GroupId: own, ...rule(r, dir) });
      });
    }
    if (!g.isDefault) {
      put(L.sg(g.id), 'AWS::EC2::SecurityGroup', {
        GroupDescription: `group ${g.id}`,
        VpcId: ref(L.vpc(g.vpc)),
        ...(inline.ingress.length > 0 ? { SecurityGroupIngress: inline.ingress } : {}),
        ...(inline.egress.length > 0 ? { SecurityGroupEgress: inline.egress } : {}),
      });
    }
  }

  // VPC Route Servers and their propagations (§4), last so that the coins above fall as before. A propagation into a main
  // table is not written (no id to name it by), as for VPN gateways. AWS wants the server associated with the table's VPC
  // first; §4 does not read the association, so the coin leaves it out now and then.
  const serverPropagations = (net.routeServerPropagations ?? []).filter((p) => !mainTables.has(p.table));
  for (const rs of net.routeServers ?? []) {
    put(L.rs(rs.id), 'AWS::EC2::RouteServer', { AmazonSideAsn: 65000, Tags: [{ Key: 'Name', Value: rs.id }] });
    const association = coin(0.8) ? `${L.rs(rs.id)}Association` : undefined;
    if (association) put(association, 'AWS::EC2::RouteServerAssociation', { RouteServerId: ref(L.rs(rs.id)), VpcId: ref(L.vpc(rs.vpc)) });
    serverPropagations.filter((p) => p.server === rs.id).forEach((p, i) => put(`${L.rs(rs.id)}Propagation${i}`, 'AWS::EC2::RouteServerPropagation',
      { RouteServerId: ref(L.rs(rs.id)), RouteTableId: ref(L.table(p.table)) }, association ? [association] : []));
  }
  renderDirectConnect(net, put);
  renderSharing(net, put, resources);
  renderLaunches(net, put, L.subnet);
  // §2: instances and network interfaces with their source/destination check off.
  for (const f of net.forwarders ?? []) {
    const check = f.text ? 'false' : false;
    if (f.kind === 'instance') {
      put(logical('Forwarder', f.id), 'AWS::EC2::Instance', { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', SubnetId: ref(L.subnet(f.subnet)), SourceDestCheck: check });
    } else {
      put(logical('Forwarder', f.id), 'AWS::EC2::NetworkInterface', { SubnetId: ref(L.subnet(f.subnet)), SourceDestCheck: check });
    }
  }
  return { Resources: resources };
}

const ROLE_TAG = 'jichitai:role';

/** The logical ID of a launcher (compare.ts ties the guard's findings to it). */
export function launchTemplateLogicalId(id: string): string {
  return logical('LaunchTemplate', id);
}
export function launcherLogicalId(l: { id: string; kind: 'asg' | 'instance' | 'fleet' }): string {
  return logical(l.kind === 'asg' ? 'Asg' : l.kind === 'fleet' ? 'Fleet' : 'Instance', l.id);
}

/**
 * Launch templates and what launches them (§3 "A launch template's tags for instances"): a template's `TagSpecifications` for
 * `instance` (and one for `volume`, no label); a group's `LaunchTemplate` (`LaunchTemplateId` by Ref, or `LaunchTemplateName` by
 * Fn::GetAtt) and `VPCZoneIdentifier`, an instance's `LaunchTemplate` and `SubnetId`; their own `jichitai:role` tags.
 */
function renderLaunches(net: Network, put: (id: string, type: string, props: Record<string, unknown>) => void, subnet: (id: string) => string): void {
  const lt = (id: string) => logical('LaunchTemplate', id);
  for (const t of net.launchTemplates ?? []) {
    const specs = [
      ...(t.role !== undefined ? [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: t.id }, { Key: ROLE_TAG, Value: t.role }] }] : []),
      ...(t.volumeRole !== undefined ? [{ ResourceType: 'volume', Tags: [{ Key: ROLE_TAG, Value: t.volumeRole }] }] : []),
    ];
    put(lt(t.id), 'AWS::EC2::LaunchTemplate', {
      LaunchTemplateName: t.id,
      LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', ...(specs.length > 0 ? { TagSpecifications: specs } : {}) },
    });
  }
  for (const l of net.launchers ?? []) {
    const template = l.literalName ? { LaunchTemplateName: l.template, Version: '1' } : {
      ...(l.byName ? { LaunchTemplateName: getAtt(lt(l.template), 'LaunchTemplateName') } : { LaunchTemplateId: ref(lt(l.template)) }),
      Version: getAtt(lt(l.template), 'LatestVersionNumber'),
    };
    if (l.kind === 'fleet') {
      put(launcherLogicalId(l), 'AWS::EC2::EC2Fleet', {
        Type: 'instant',
        TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'on-demand' },
        LaunchTemplateConfigs: [{
          LaunchTemplateSpecification: template,
          ...(l.subnets.length > 0 ? { Overrides: l.subnets.map((x) => ({ SubnetId: ref(subnet(x)) })) } : {}),
        }],
        ...(l.role !== undefined ? { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: ROLE_TAG, Value: l.role }] }] } : {}),
      });
    } else if (l.kind === 'asg') {
      put(launcherLogicalId(l), 'AWS::AutoScaling::AutoScalingGroup', {
        MinSize: '0',
        MaxSize: '1',
        ...(l.mixed ? { MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: template } } } : { LaunchTemplate: template }),
        ...(l.subnets.length > 0 ? { VPCZoneIdentifier: l.subnets.map((x) => ref(subnet(x))) } : {}),
        ...(l.role !== undefined ? { Tags: [{ Key: ROLE_TAG, Value: l.role, PropagateAtLaunch: true }] } : {}),
      });
    } else {
      put(launcherLogicalId(l), 'AWS::EC2::Instance', {
        LaunchTemplate: template,
        ...(l.subnets.length > 0 ? { SubnetId: ref(subnet(l.subnets[0])) } : {}),
        ...(l.role !== undefined ? { Tags: [{ Key: ROLE_TAG, Value: l.role }] } : {}),
      });
    }
  }
}

/**
 * VPC peerings with a VPC the output does not hold and transit gateways shared with other accounts (§5), from a stream of
 * their own so that the coins above fall as before (a network without them renders as it did before they existed).
 * A peering writes the output's VPC as VpcId (requester) or PeerVpcId (accepter) and the other side's literal id, sometimes
 * with the peer's account and region. A RAM share names the gateway by the network's spelling (Ref, Fn::GetAtt, `${Tgw}` in an
 * Fn::Sub ARN, a Ref inside an Fn::Join ARN), with principals or not; a gateway shared by RAM sometimes also says AutoAcceptSharedAttachments `disable` (still shared: the share decides).
 */
function renderSharing(net: Network, put: (id: string, Type: string, Properties: Record<string, unknown>) => void,
  resources: CfnTemplate['Resources']): void {
  const rnd = prng(net.renderSeed + 0x1b873593);
  for (const p of net.outsidePeerings ?? []) {
    const own = { Ref: logical('Vpc', p.vpc) };
    put(logical('Peering', p.id), 'AWS::EC2::VPCPeeringConnection', {
      ...(p.side === 'requester' ? { VpcId: own, PeerVpcId: p.peerVpcId } : { VpcId: p.peerVpcId, PeerVpcId: own }),
      ...(rnd() < 0.5 ? { PeerOwnerId: '210987654321', PeerRegion: 'ap-northeast-3' } : {}),
      Tags: [{ Key: 'Name', Value: p.id }],
    });
  }
  for (const g of net.transitGateways) {
    const tgw = logical('Tgw', g.id);
    let auto: string | undefined;
    if (g.autoAcceptSharedAttachments !== undefined) auto = g.autoAcceptSharedAttachments ? 'enable' : 'disable';
    else if (g.ramShare !== undefined && rnd() < 0.3) auto = 'disable';
    if (auto !== undefined) resources[tgw].Properties.AutoAcceptSharedAttachments = auto;
    if (g.ramShare === undefined) continue;
    let arn: unknown;
    switch (g.ramShare) {
      case 'ref':
        arn = { Ref: tgw };
        break;
      case 'getatt':
        arn = { 'Fn::GetAtt': [tgw, 'TransitGatewayArn'] };
        break;
      case 'sub':
        arn = { 'Fn::Sub': `arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:transit-gateway/\${${tgw}}` };
        break;
      case 'join':
        arn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':transit-gateway/', { Ref: tgw }]] };
        break;
    }
    put(logical('RamShare', g.id), 'AWS::RAM::ResourceShare', {
      Name: `${g.id}-share`,
      ResourceArns: [arn],
      ...(rnd() < 0.7 ? { Principals: ['210987654321'], AllowExternalPrincipals: true } : {}),
    });
  }
}

/**
 * The network's prefix lists (§4) as AWS::EC2::PrefixList, from a stream of their own so that the coins above fall as before
 * (a network without prefix lists renders as it did before they existed): MaxEntries at least the entries (AWS wants it), a
 * list without entries with `Entries` left out or empty. Returns how a route names a list: a list of the template by `Ref` or
 * `Fn::GetAtt [L, PrefixListId]`, any other id as the literal `pl-…` it is.
 */
function renderPrefixLists(net: Network, put: (id: string, Type: string, Properties: Record<string, unknown>) => void): (id: string) => unknown {
  const rnd = prng(net.renderSeed + 0x27d4eb2f);
  for (const l of net.prefixLists ?? []) {
    put(logical('PrefixList', l.id), 'AWS::EC2::PrefixList', {
      PrefixListName: l.id,
      AddressFamily: l.family === 6 ? 'IPv6' : 'IPv4',
      MaxEntries: Math.max(5, l.entries.length),
      ...(l.entries.length > 0 || rnd() < 0.5 ? { Entries: l.entries.map((c) => ({ Cidr: c, Description: `${l.id} ${c}` })) } : {}),
      Tags: [{ Key: 'Name', Value: l.id }],
    });
  }
  return (id) => {
    if (!(net.prefixLists ?? []).some((l) => l.id === id)) return id;
    const L = logical('PrefixList', id);
    return rnd() < 0.5 ? { Ref: L } : { 'Fn::GetAtt': [L, 'PrefixListId'] };
  };
}

/**
 * Direct Connect gateway associations with a transit gateway of the output (§5), from a stream of their own so that the
 * coins above fall as before: the DX gateway a resource of the template or a literal id, allowed prefixes or none.
 * A Terraform-only acceptance of another account's proposal (`acceptsProposal`) is not written.
 */
function renderDirectConnect(net: Network, put: (id: string, Type: string, Properties: Record<string, unknown>) => void): void {
  const rnd = prng(net.renderSeed + 0x2545f491);
  for (const d of net.dxAssociations ?? []) {
    if (d.acceptsProposal) continue;
    const gw = logical('DxGateway', d.id);
    // A Direct Connect gateway's id is a UUID.
    let gatewayId: unknown = `5f294f92-bafb-4011-916d-9b0b${(0xd0000000 + net.dxAssociations!.indexOf(d)).toString(16)}`;
    if (rnd() < 0.5) {
      put(gw, 'AWS::DirectConnect::DirectConnectGateway', { DirectConnectGatewayName: d.id, AmazonSideAsn: 64600 });
      gatewayId = rnd() < 0.5 ? { Ref: gw } : { 'Fn::GetAtt': [gw, 'DirectConnectGatewayId'] };
    }
    put(logical('DxAssociation', d.id), 'AWS::DirectConnect::DirectConnectGatewayAssociation', {
      DirectConnectGatewayId: gatewayId,
      AssociatedGatewayId: { Ref: logical('Tgw', d.tgw) },
      ...(rnd() < 0.5 ? { AllowedPrefixesToDirectConnectGateway: ['10.0.0.0/8'] } : {}),
    });
  }
}
