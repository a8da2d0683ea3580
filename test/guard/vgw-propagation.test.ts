/**
 * Route propagation from a VPN gateway (docs/guard-semantics.md §4), and a transit gateway prefix list reference (§5).
 * The prefixes a gateway learns are in no template, so a table with a propagation may send any destination outside its
 * VPC to the gateway, beside its longest match;
 * inside the VPC's blocks the local route wins. Before the guard read propagations, a My Number subnet whose network ACL
 * let nothing in (so that the walk in from the zone found nothing) passed with a way out to the security cloud.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { Reachability } from '../../src/guard/reachability';
import { formatFinding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

const SEG = 'jichitai:segment';
const ZONE = 'jichitai:zone';

/**
 * A My Number VPC 10.0.0.0/16 whose subnet's NACL denies every inbound packet, a VPN gateway attached, and `extra`. The
 * default NACL denies every inbound packet too: the VPC's addresses no subnet holds are the subnet outside the output's
 * (semantics §2), which uses it, and what enters at the gateway would arrive there.
 */
function cfn(zone: string | undefined, extra: Record<string, unknown>): TopologyGraph {
  return extractCloudFormation({
    S: {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: SEG, Value: 'MY_NUMBER' }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
        Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
        Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
        Out: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' } },
        AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: { Ref: 'Sub' }, NetworkAclId: { Ref: 'Acl' } } },
        Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', Tags: zone ? [{ Key: ZONE, Value: zone }] : [] } },
        Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, VpnGatewayId: { Ref: 'Vgw' } } },
        ...Object.fromEntries(['0.0.0.0/0', '::/0'].map((cidr, i) => [`DefaultIn${i}`, {
          Type: 'AWS::EC2::NetworkAclEntry',
          Properties: {
            NetworkAclId: { 'Fn::GetAtt': ['Vpc', 'DefaultNetworkAcl'] },
            RuleNumber: 10 + i,
            Protocol: -1,
            RuleAction: 'deny',
            Egress: false,
            ...(i === 0 ? { CidrBlock: cidr } : { Ipv6CidrBlock: cidr }),
          },
        }])),
        ...extra,
      },
    },
  });
}

const PROPAGATION = { Prop: { Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { RouteTableIds: [{ Ref: 'Rt' }], VpnGatewayId: { Ref: 'Vgw' } } } };

/**
 * The same network in Terraform JSON; `table` holds the route table's arguments, `extra` more resources by type. `main`:
 * the table is the VPC's main table, and the default NACL stays open (the subnets outside the output are reached).
 */
function tf(table: Record<string, unknown>, extra: Record<string, Record<string, unknown>> = {}, main = false): TopologyGraph {
  return extractTerraform({
    t: {
      resource: {
        aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
        ...(main ? { aws_default_route_table: { mn: { default_route_table_id: '${aws_vpc.mn.default_route_table_id}', ...table } } }
          : { aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}', ...table } }, aws_route_table_association: { mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' } } }),
        aws_network_acl: { mn: { vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'], egress: [{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }] } },
        aws_vpn_gateway: { sc: { vpc_id: '${aws_vpc.mn.id}', tags: { [ZONE]: 'SECURITY_CLOUD' } } },
        ...(main ? {} : {
          aws_default_network_acl: {
            mn: {
              default_network_acl_id: '${aws_vpc.mn.default_network_acl_id}',
              egress: [{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }],
            },
          },
        }),
        ...extra,
      },
    },
  });
}

function mn1(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-1').map(formatFinding);
}

describe('route propagation from a VPN gateway', () => {
  test('CloudFormation: a propagation into a My Number table is a way out to the gateway\'s zone (MN-1), which no walk in finds', () => {
    expect(mn1(cfn('SECURITY_CLOUD', {}))).toEqual([]);
    expect(mn1(cfn('SECURITY_CLOUD', PROPAGATION))).toEqual([expect.stringMatching(
      /^\[Sub\] MN-1 critical .*subnet Sub .*→ Rt any prefix \(propagated from Vgw\) → vgw Vgw\. Fix: remove the route/)]);
  });

  test('destinations inside the VPC stay local; every other one may go to the gateway, beside a more specific static route', () => {
    const graph = cfn('SECURITY_CLOUD', {
      ...PROPAGATION,
      Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
      ToTgw: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '10.9.0.0/16', TransitGatewayId: { Ref: 'Tgw' } } },
    });
    const hosts = ['10.0.200.1/32', '10.9.1.1/32', '8.8.8.8/32'];
    const reach = new Reachability(graph, ['10.0.1.0/24', ...hosts]);
    const toZone = (host: string) => reach.probeFromSubnet('Sub', reach.headersFor('10.0.1.0/24', host, [{ protocol: 'tcp', fromPort: 443, toPort: 443 }])!)
      .arrivals.filter((a) => a.end.kind === 'zone').map((a) => reach.hops(a).map((h) => h.label).join(' → '));
    // The VPC's own block: the local route wins, even over a more specific propagated prefix.
    expect(toZone('10.0.200.1/32')).toEqual([]);
    // Behind the static route to the transit gateway, a propagated prefix may be more specific: the gateway too.
    expect(toZone('10.9.1.1/32')).toEqual([expect.stringMatching(/Rt any prefix \(propagated from Vgw\) → vgw Vgw$/)]);
    expect(toZone('8.8.8.8/32')).toHaveLength(1);
  });

  test('an unlabelled gateway, or one the output does not hold: the propagated route ends where the guard cannot follow (fail closed)', () => {
    expect(mn1(cfn(undefined, PROPAGATION))).toEqual([expect.stringMatching(/VPN gateway Vgw has no jichitai:zone label/)]);
    const external = { Prop: { Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { RouteTableIds: [{ Ref: 'Rt' }], VpnGatewayId: 'vgw-0123456789abcdef0' } } };
    expect(mn1(cfn('SECURITY_CLOUD', external))).toEqual([expect.stringMatching(/vgw-0123456789abcdef0 \(vpn-gateway\) is not in the synthesized output/)]);
  });

  test('one route carrying both address families to the zone (a prefix list) is reported, not hung on (the message cut IPv4 into IPv6)', () => {
    const graph = cfn('SECURITY_CLOUD', {
      V6: { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: 'Vpc' }, Ipv6CidrBlock: '2001:db8::/56' } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', Ipv6CidrBlock: '2001:db8::/64' } },
      Out6: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 101, Protocol: -1, RuleAction: 'allow', Egress: true, Ipv6CidrBlock: '::/0' } },
      List: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationPrefixListId: 'pl-0123456789abcdef0', GatewayId: { Ref: 'Vgw' } } },
    });
    expect(mn1(graph)).toEqual([expect.stringMatching(/reaches the security cloud \(SECURITY_CLOUD\) \(every IPv4 internet address, .*Rt pl-0123456789abcdef0 → vgw Vgw/)]);
  });

  test('a table the guard cannot read is refused (GUARD-1)', () => {
    const unreadable = { Prop: { Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { RouteTableIds: { 'Fn::Split': [',', { Ref: 'Tables' }] }, VpnGatewayId: { Ref: 'Vgw' } } } };
    expect(checkTopology(cfn('SECURITY_CLOUD', unreadable), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path)).toContain('Prop');
  });

  test('Terraform: aws_vpn_gateway_route_propagation, propagating_vgws of a route table and of the VPC\'s default (main) table', () => {
    expect(mn1(tf({}))).toEqual([]);
    const resource = { aws_vpn_gateway_route_propagation: { sc: { vpn_gateway_id: '${aws_vpn_gateway.sc.id}', route_table_id: '${aws_route_table.mn.id}' } } };
    expect(mn1(tf({}, resource))).toEqual([expect.stringMatching(/any prefix \(propagated from aws_vpn_gateway\.sc\) → vgw aws_vpn_gateway\.sc\. Fix: /)]);
    expect(mn1(tf({ propagating_vgws: ['${aws_vpn_gateway.sc.id}'] }))).toHaveLength(1);
    // The main table: the subnet, and the subnets outside the output that use it too (semantics §2), which reach the zone
    // and are reached from it (their addresses have no network ACL of the output).
    const bySubnet = (found: string[]) => [found.filter((f) => f.startsWith('[aws_subnet.mn]')).length,
      found.filter((f) => f.startsWith('[aws_vpc.mn#subnets-outside-the-output]')).length];
    expect(bySubnet(mn1(tf({ propagating_vgws: ['${aws_vpn_gateway.sc.id}'] }, {}, true)))).toEqual([1, 2]);
    const mainByResource = { aws_vpn_gateway_route_propagation: { sc: { vpn_gateway_id: '${aws_vpn_gateway.sc.id}', route_table_id: '${aws_vpc.mn.main_route_table_id}' } } };
    expect(bySubnet(mn1(tf({}, mainByResource, true)))).toEqual([1, 2]);
  });
});

describe('a transit gateway prefix list reference (Terraform)', () => {
  /** A My Number subnet sending everything to the transit gateway, whose table for it holds only `reference`. */
  const graph = (reference: Record<string, unknown> | undefined) => extractTerraform({
    t: {
      resource: {
        aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
        aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}', route: [{ cidr_block: '0.0.0.0/0', transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' }] } },
        aws_route_table_association: { mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' } },
        aws_ec2_transit_gateway: { tgw: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
        aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] } },
        aws_ec2_transit_gateway_route_table: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
        aws_ec2_transit_gateway_route_table_association: {
          mn: {
            transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.mn.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}',
          },
        },
        aws_vpn_connection: { sc: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', customer_gateway_id: 'cgw-0123', type: 'ipsec.1', tags: { [ZONE]: 'SECURITY_CLOUD' } } },
        aws_ec2_managed_prefix_list: { saas: { name: 'saas', address_family: 'IPv4', max_entries: 5 } },
        ...(reference ? {
          aws_ec2_transit_gateway_prefix_list_reference: {
            sc: {
              transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.mn.id}', prefix_list_id: '${aws_ec2_managed_prefix_list.saas.id}', ...reference,
            },
          },
        } : {}),
      },
    },
  });

  test('a reference to the security cloud\'s VPN may carry any destination there (MN-1); a blackhole one carries nothing', () => {
    expect(mn1(graph(undefined))).toEqual([]);
    expect(mn1(graph({ transit_gateway_attachment_id: '${aws_vpn_connection.sc.transit_gateway_attachment_id}' }))).toEqual([expect.stringMatching(
      /reaches the security cloud \(SECURITY_CLOUD\) .*prefix list \$\{aws_ec2_managed_prefix_list\.saas\.id\} → attachment aws_vpn_connection\.sc \(SECURITY_CLOUD\)/)]);
    expect(mn1(graph({ blackhole: true }))).toEqual([]);
  });
});

describe('ingress routing on a labelled VPN gateway (a gateway route table)', () => {
  /** The My Number network above, its NACL letting everything in, and the gateway's route table with `routes`. */
  const withEdgeTable = (routes: Record<string, unknown>) => cfn('SECURITY_CLOUD', {
    In: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' } },
    Edge: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    EdgeAssoc: { Type: 'AWS::EC2::GatewayRouteTableAssociation', Properties: { GatewayId: { Ref: 'Vgw' }, RouteTableId: { Ref: 'Edge' } } },
    ...routes,
  });

  test('a route of its own to an appliance: what enters may go anywhere from there (fail closed, MN-1); a table of local routes only changes nothing', () => {
    const appliance = { ToEni: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Edge' }, DestinationCidrBlock: '10.0.1.0/24', NetworkInterfaceId: 'eni-0123456789abcdef0' } } };
    expect(mn1(withEdgeTable(appliance))).toEqual(expect.arrayContaining([
      expect.stringMatching(/may reach every My Number subnet: what enters through VPN gateway Vgw is routed by its gateway route table Edge \(ingress routing\)/),
    ]));
    expect(mn1(withEdgeTable({})).filter((f) => /ingress routing/.test(f))).toEqual([]);
  });

  test('Terraform: aws_route_table_association with gateway_id', () => {
    const graph = tf({}, {
      aws_vpn_gateway: { sc: { vpc_id: '${aws_vpc.mn.id}', tags: { [ZONE]: 'SECURITY_CLOUD' } } },
      aws_route_table: {
        mn: { vpc_id: '${aws_vpc.mn.id}' },
        edge: { vpc_id: '${aws_vpc.mn.id}', route: [{ cidr_block: '10.0.1.0/24', network_interface_id: 'eni-0123456789abcdef0' }] },
      },
      aws_route_table_association: {
        mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' },
        edge: { gateway_id: '${aws_vpn_gateway.sc.id}', route_table_id: '${aws_route_table.edge.id}' },
      },
    });
    expect(mn1(graph)).toEqual([expect.stringMatching(/routed by its gateway route table aws_route_table\.edge \(ingress routing\)/)]);
  });
});

describe('route propagation from a VPC Route Server', () => {
  const server = { Rs: { Type: 'AWS::EC2::RouteServer', Properties: { AmazonSideAsn: 65000 } } };

  test('CloudFormation: a propagation into a My Number table may send any destination to a BGP peer\'s interface (MN-1, fail closed)', () => {
    expect(mn1(cfn('SECURITY_CLOUD', server))).toEqual([]);
    expect(mn1(cfn('SECURITY_CLOUD', { ...server, Prop: { Type: 'AWS::EC2::RouteServerPropagation', Properties: { RouteServerId: { Ref: 'Rs' }, RouteTableId: { Ref: 'Rt' } } } })))
      .toEqual([expect.stringMatching(new RegExp('^\\[Sub\\] MN-1 critical .*may reach everywhere: route server Rs propagates the routes its BGP peers advertise, '
        + 'toward network interfaces the guard does not follow .*→ Rt any prefix \\(propagated from route server Rs\\) → route-server Rs\\. Fix: remove the route server propagation'))]);
  });

  test('the VPC\'s own blocks too: a peer may advertise a prefix inside the VPC (no local-route exception is assumed)', () => {
    const graph = cfn('SECURITY_CLOUD', { ...server, Prop: { Type: 'AWS::EC2::RouteServerPropagation', Properties: { RouteServerId: { Ref: 'Rs' }, RouteTableId: { Ref: 'Rt' } } } });
    const reach = new Reachability(graph, ['10.0.1.0/24', '10.0.200.1/32']);
    const ends = reach.probeFromSubnet('Sub', reach.headersFor('10.0.1.0/24', '10.0.200.1/32', [{ protocol: 'tcp', fromPort: 443, toPort: 443 }])!).arrivals.map((a) => a.end.kind);
    expect(ends).toContain('unknown');
  });

  test('Terraform: aws_vpc_route_server_propagation', () => {
    const graph = tf({}, {
      aws_vpc_route_server: { rs: { amazon_side_asn: 65000 } },
      aws_vpc_route_server_propagation: { p: { route_server_id: '${aws_vpc_route_server.rs.route_server_id}', route_table_id: '${aws_route_table.mn.id}' } },
    });
    expect(mn1(graph)).toEqual([expect.stringMatching(/may reach everywhere: route server aws_vpc_route_server\.rs propagates the routes its BGP peers advertise/)]);
  });
});
