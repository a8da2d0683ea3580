/**
 * Route propagation from a VPN gateway (docs/guard-semantics.md §4): the prefixes a gateway learns are in no template,
 * so a table with a propagation may send any destination outside its VPC to the gateway, beside its longest match;
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

/** A My Number VPC 10.0.0.0/16 whose subnet's NACL denies every inbound packet, a VPN gateway attached, and `extra`. */
function cfn(zone: string | undefined, extra: Record<string, unknown>): TopologyGraph {
  return extractCloudFormation({
    S: {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: SEG, Value: 'MY_NUMBER' }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
        Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
        Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
        Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
        Out: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: true, CidrBlock: '0.0.0.0/0' } },
        AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: { Ref: 'Sub' }, NetworkAclId: { Ref: 'Acl' } } },
        Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', Tags: zone ? [{ Key: ZONE, Value: zone }] : [] } },
        Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, VpnGatewayId: { Ref: 'Vgw' } } },
        ...extra,
      },
    },
  });
}

const PROPAGATION = { Prop: { Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { RouteTableIds: [{ Ref: 'Rt' }], VpnGatewayId: { Ref: 'Vgw' } } } };

/** The same network in Terraform JSON; `table` holds the route table's arguments, `extra` more resources by type. */
function tf(table: Record<string, unknown>, extra: Record<string, Record<string, unknown>> = {}, main = false): TopologyGraph {
  return extractTerraform({
    t: {
      resource: {
        aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
        ...(main ? { aws_default_route_table: { mn: { default_route_table_id: '${aws_vpc.mn.default_route_table_id}', ...table } } }
          : { aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}', ...table } }, aws_route_table_association: { mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' } } }),
        aws_network_acl: { mn: { vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'], egress: [{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }] } },
        aws_vpn_gateway: { sc: { vpc_id: '${aws_vpc.mn.id}', tags: { [ZONE]: 'SECURITY_CLOUD' } } },
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

  test('a table the guard cannot read is refused (GUARD-1)', () => {
    const unreadable = { Prop: { Type: 'AWS::EC2::VPNGatewayRoutePropagation', Properties: { RouteTableIds: { 'Fn::Split': [',', { Ref: 'Tables' }] }, VpnGatewayId: { Ref: 'Vgw' } } } };
    expect(checkTopology(cfn('SECURITY_CLOUD', unreadable), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path)).toContain('Prop');
  });

  test('Terraform: aws_vpn_gateway_route_propagation, propagating_vgws of a route table and of the VPC\'s default (main) table', () => {
    expect(mn1(tf({}))).toEqual([]);
    const resource = { aws_vpn_gateway_route_propagation: { sc: { vpn_gateway_id: '${aws_vpn_gateway.sc.id}', route_table_id: '${aws_route_table.mn.id}' } } };
    expect(mn1(tf({}, resource))).toEqual([expect.stringMatching(/any prefix \(propagated from aws_vpn_gateway\.sc\) → vgw aws_vpn_gateway\.sc\. Fix: /)]);
    expect(mn1(tf({ propagating_vgws: ['${aws_vpn_gateway.sc.id}'] }))).toHaveLength(1);
    expect(mn1(tf({ propagating_vgws: ['${aws_vpn_gateway.sc.id}'] }, {}, true))).toHaveLength(1);
    const mainByResource = { aws_vpn_gateway_route_propagation: { sc: { vpn_gateway_id: '${aws_vpn_gateway.sc.id}', route_table_id: '${aws_vpc.mn.main_route_table_id}' } } };
    expect(mn1(tf({}, mainByResource, true))).toHaveLength(1);
  });
});
