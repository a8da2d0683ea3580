/**
 * A VPN gateway's zone read from its VPN connections' `jichitai:zone` tags vouches for those connections only: Direct
 * Connect joined to the same gateway (a gateway association, a private virtual interface on it) leads wherever its
 * circuit leads, and a gateway outside the output (a literal id) may carry anything else. Only the gateway's own tag
 * labels them all (semantics §5); without it the gateway leads somewhere unknown and what enters through it is a bridge.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const LGWAN_WAN = 'LGWAN_WAN';
/** The route toward the WAN: one /24, as MN-3 allows without declared hosts. */
const WAN_BLOCK = '10.200.0.0/24';

/**
 * The rules that say the gateway leads somewhere unknown: MN-1 (the path's end) and GUARD-1 (anything unread). MN-3 (the
 * WAN reaches the whole subnet, nothing declared) and LOG-1 (no flow log) hold either way.
 */
function findings(graph: ReturnType<typeof extractCloudFormation>): string[] {
  return [...new Set(checkTopology(graph, { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-1' || f.ruleId === 'GUARD-1').map((f) => f.ruleId))].sort();
}

/** A My Number VPC and subnet routed to a VPN gateway toward the LGWAN WAN; `gateway`: the gateway's own tags. */
function cfn(options: { gatewayTags?: unknown[]; directConnect?: boolean | 'interface'; literalGateway?: boolean }): string[] {
  const gw: unknown = options.literalGateway ? 'vgw-0123456789abcdef0' : { Ref: 'Vgw' };
  const r: Record<string, unknown> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    RtA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
    Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, VpnGatewayId: gw } },
    Wan: { Type: 'AWS::EC2::Route', DependsOn: 'Att', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: WAN_BLOCK, GatewayId: gw } },
    Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { BgpAsn: 65001, IpAddress: '203.0.113.1', Type: 'ipsec.1' } },
    Vpn: {
      Type: 'AWS::EC2::VPNConnection',
      Properties: { CustomerGatewayId: { Ref: 'Cgw' }, Type: 'ipsec.1', VpnGatewayId: gw, StaticRoutesOnly: true, Tags: [{ Key: 'jichitai:zone', Value: LGWAN_WAN }] },
    },
  };
  if (!options.literalGateway) r.Vgw = { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', Tags: options.gatewayTags ?? [] } };
  if (options.directConnect === 'interface') {
    // A private virtual interface on the gateway itself (outside auditor, red team 38: read by the Terraform reader only).
    r.Dx = {
      Type: 'AWS::DirectConnect::PrivateVirtualInterface',
      Properties: { ConnectionId: 'dxcon-abcd1234', VirtualInterfaceName: 'vif', Vlan: 101, BgpPeers: [{ Asn: 65352, AddressFamily: 'ipv4' }], VirtualGatewayId: gw },
    };
  } else if (options.directConnect) {
    r.Dx = {
      Type: 'AWS::DirectConnect::DirectConnectGatewayAssociation',
      Properties: { DirectConnectGatewayId: 'a1b2c3d4-0000-0000-0000-000000000000', AssociatedGatewayId: gw },
    };
  }
  return findings(extractCloudFormation({ S: { Resources: r } as any }));
}

function tf(options: { gatewayTags?: Record<string, string>; directConnect?: 'association' | 'interface' }): string[] {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' } },
    aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}' } },
    aws_route_table_association: { mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' } },
    aws_vpn_gateway: { wan: { vpc_id: '${aws_vpc.mn.id}', tags: options.gatewayTags ?? {} } },
    aws_route: { wan: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: WAN_BLOCK, gateway_id: '${aws_vpn_gateway.wan.id}' } },
    aws_customer_gateway: { wan: { bgp_asn: 65001, ip_address: '203.0.113.1', type: 'ipsec.1' } },
    aws_vpn_connection: {
      wan: { customer_gateway_id: '${aws_customer_gateway.wan.id}', vpn_gateway_id: '${aws_vpn_gateway.wan.id}', type: 'ipsec.1', static_routes_only: true, tags: { 'jichitai:zone': LGWAN_WAN } },
    },
  };
  if (options.directConnect === 'association') {
    resource.aws_dx_gateway = { dx: { name: 'dx', amazon_side_asn: '64512' } };
    resource.aws_dx_gateway_association = { dx: { dx_gateway_id: '${aws_dx_gateway.dx.id}', associated_gateway_id: '${aws_vpn_gateway.wan.id}' } };
  }
  if (options.directConnect === 'interface') {
    resource.aws_dx_private_virtual_interface = {
      dx: { connection_id: 'dxcon-abcd1234', name: 'vif', vlan: 4094, address_family: 'ipv4', bgp_asn: 65352, vpn_gateway_id: '${aws_vpn_gateway.wan.id}' },
    };
  }
  return findings(extractTerraform({ t: { resource } as any }));
}

describe('CloudFormation', () => {
  test('labelled by its VPN connection alone, the gateway leads to the LGWAN WAN (no finding)', () => {
    expect(cfn({})).toEqual([]);
  });

  test('with a Direct Connect gateway association beside the labelled VPN connection, the label is not enough: MN-1', () => {
    const found = cfn({ directConnect: true });
    expect(found).toEqual(expect.arrayContaining(['MN-1']));
  });

  test('the gateway\'s own tag labels Direct Connect too (no finding)', () => {
    expect(cfn({ directConnect: true, gatewayTags: [{ Key: 'jichitai:zone', Value: LGWAN_WAN }] })).toEqual([]);
  });

  test('a private virtual interface on the gateway is Direct Connect too: MN-1 unless the gateway\'s own tag labels it', () => {
    expect(cfn({ directConnect: 'interface' })).toEqual(expect.arrayContaining(['MN-1']));
    expect(cfn({ directConnect: 'interface', gatewayTags: [{ Key: 'jichitai:zone', Value: LGWAN_WAN }] })).toEqual([]);
  });

  test('a gateway outside the output (a literal id) is not labelled by the output\'s VPN connection on it: MN-1', () => {
    expect(cfn({ literalGateway: true })).toEqual(expect.arrayContaining(['MN-1']));
  });

  test('the reason names the Direct Connect resource', () => {
    const graph = extractCloudFormation({
      S: {
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
          Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
          Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1' } },
          Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, VpnGatewayId: { Ref: 'Vgw' } } },
          Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
          RtA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
          Wan: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: WAN_BLOCK, GatewayId: { Ref: 'Vgw' } } },
          Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { BgpAsn: 65001, IpAddress: '203.0.113.1', Type: 'ipsec.1' } },
          Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { CustomerGatewayId: { Ref: 'Cgw' }, Type: 'ipsec.1', VpnGatewayId: { Ref: 'Vgw' }, Tags: [{ Key: 'jichitai:zone', Value: LGWAN_WAN }] } },
          Dx: { Type: 'AWS::DirectConnect::DirectConnectGatewayAssociation', Properties: { DirectConnectGatewayId: 'a1b2c3d4-0000-0000-0000-000000000000', AssociatedGatewayId: { Ref: 'Vgw' } } },
        },
      } as any,
    });
    const mn1 = checkTopology(graph, { model: NetworkModel.ALPHA }).find((f) => f.ruleId === 'MN-1');
    expect(mn1?.message).toContain('labelled only by its VPN connections\' jichitai:zone tags, which do not say where Direct Connect Dx leads');
  });
});

describe('Terraform', () => {
  test('labelled by its VPN connection alone, the gateway leads to the LGWAN WAN (no finding)', () => {
    expect(tf({})).toEqual([]);
  });

  test.each(['association', 'interface'] as const)('with a Direct Connect %s on the gateway, the VPN connection\'s label is not enough: MN-1', (directConnect) => {
    expect(tf({ directConnect })).toEqual(expect.arrayContaining(['MN-1']));
  });

  test.each(['association', 'interface'] as const)('the gateway\'s own tag labels a Direct Connect %s too (no finding)', (directConnect) => {
    expect(tf({ directConnect, gatewayTags: { 'jichitai:zone': LGWAN_WAN } })).toEqual([]);
  });
});
