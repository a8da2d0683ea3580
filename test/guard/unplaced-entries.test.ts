/**
 * What enters a transit gateway from a network the guard cannot place (docs/guard-semantics.md §5, §10 GUARD-1): a VPN
 * without a zone label, a transit gateway peering attachment, an attachment named by id whose route tables carry no zone
 * label. Before, no walk started there: a My Number subnet that such an entry's table reached passed with SEG-1 at most
 * (an error, acknowledgeable). Now what enters counts as anything, the internet included: a GUARD-1 finding (critical)
 * per My Number or LGWAN subnet reached, in both engines.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

const SEG = 'jichitai:segment';

/** A My Number VPC and an Internet VPC on a transit gateway without default tables; `table` propagates `propagated`; `entry` is associated with it. */
function cfn(entry: Record<string, unknown>, propagated: 'Mn' | 'In' = 'Mn', tableTags: Record<string, string> = {}): TopologyGraph {
  const vpc = (p: string, cidr: string, segment: string) => ({
    [`${p}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr, Tags: [{ Key: SEG, Value: segment }] } },
    [`${p}Sub`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${p}Vpc` }, CidrBlock: cidr.replace('/16', '/24') } },
    [`${p}Att`]: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: `${p}Vpc` }, SubnetIds: [{ Ref: `${p}Sub` }] } },
  });
  return extractCloudFormation({
    S: {
      Resources: {
        Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
        ...vpc('Mn', '10.0.0.0/16', 'MY_NUMBER'),
        ...vpc('In', '10.2.0.0/16', 'INTERNET'),
        Table: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: { Ref: 'Tgw' }, Tags: Object.entries(tableTags).map(([Key, Value]) => ({ Key, Value })) } },
        Prop: { Type: 'AWS::EC2::TransitGatewayRouteTablePropagation', Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: { Ref: `${propagated}Att` } } },
        ...entry,
      },
    },
  });
}

const associate = (attachment: unknown) => ({ Assoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: { Ref: 'Table' }, TransitGatewayAttachmentId: attachment } } });
const vpn = (zone?: string) => ({
  Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { TransitGatewayId: { Ref: 'Tgw' }, CustomerGatewayId: 'cgw-0123456789abcdef0', Type: 'ipsec.1', Tags: zone ? [{ Key: 'jichitai:zone', Value: zone }] : [] } },
  ...associate({ Ref: 'Vpn' }),
});

const findings = (g: TopologyGraph, rule: string) => checkTopology(g, { model: NetworkModel.ALPHA })
  .filter((f) => f.ruleId === rule).map(formatFinding);

describe('unplaced transit gateway entries (GUARD-1)', () => {
  test('a VPN without a zone label whose table reaches a My Number subnet: refused, naming the entry and the path', () => {
    expect(findings(cfn(vpn()), 'GUARD-1')).toEqual([expect.stringMatching(new RegExp('^\\[MnSub\\] GUARD-1 critical \\(三層の対策\\): traffic entering through VPN Vpn '
      + '\\(no known jichitai:zone label\\) reaches this My Number subnet \\(10\\.0\\.0\\.0/24\\)\\. attachment Vpn \\(unplaced\\) → Table 10\\.0\\.0\\.0/16 \\(propagated\\) '
      + '→ attachment MnAtt → subnet MnSub \\(10\\.0\\.0\\.0/24\\)\\. Fix: tag the VPN connection'))]);
  });

  test('labelled, the same VPN is a zone: MN-1 judges it, not GUARD-1; an unknown label is no label', () => {
    const labelled = cfn(vpn('SECURITY_CLOUD'));
    expect(findings(labelled, 'GUARD-1')).toEqual([]);
    expect(findings(labelled, 'MN-1')).toEqual([expect.stringMatching(/traffic entering from the security cloud/)]);
    expect(findings(cfn(vpn('SOMEWHERE')), 'GUARD-1')).toEqual([expect.stringMatching(/traffic entering through VPN Vpn/)]);
  });

  test('an entry whose table reaches only the Internet segment, or that no table holds: no finding', () => {
    expect(findings(cfn(vpn(), 'In'), 'GUARD-1')).toEqual([]);
    expect(findings(cfn({ Vpn: vpn().Vpn }), 'GUARD-1')).toEqual([]);
  });

  test('an attachment by id whose table carries no zone label, and a peering attachment: refused; the table labelled: a zone', () => {
    expect(findings(cfn(associate('tgw-attach-0123456789abcdef0')), 'GUARD-1'))
      .toEqual([expect.stringMatching(/traffic entering through transit gateway attachment tgw-attach-0123456789abcdef0 \(outside the synthesized output; its route tables carry no one zone label\) reaches this My Number subnet/)]);
    expect(findings(cfn(associate('tgw-attach-0123456789abcdef0'), 'Mn', { 'jichitai:zone': 'LGWAN_WAN' }), 'GUARD-1')).toEqual([]);
    const peering = { Peer: { Type: 'AWS::EC2::TransitGatewayPeeringAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, PeerTransitGatewayId: 'tgw-0fedcba9876543210', PeerAccountId: '111122223333', PeerRegion: 'ap-northeast-3' } } };
    expect(findings(cfn({ ...peering, ...associate({ Ref: 'Peer' }) }), 'GUARD-1'))
      .toEqual([expect.stringMatching(/traffic entering through transit gateway peering attachment Peer \(the peer gateway's networks\) reaches this My Number subnet/)]);
  });

  test('Terraform: a VPN connection on the transit gateway without a zone label', () => {
    const graph = (tags: Record<string, string>) => extractTerraform({
      t: {
        resource: {
          aws_ec2_transit_gateway: { tgw: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
          aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
          aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' } },
          aws_ec2_transit_gateway_vpc_attachment: { mn: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] } },
          aws_ec2_transit_gateway_route_table: { t: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
          aws_ec2_transit_gateway_route_table_propagation: { p: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}' } },
          aws_vpn_connection: { v: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}', customer_gateway_id: 'cgw-0123456789abcdef0', type: 'ipsec.1', tags } },
          aws_ec2_transit_gateway_route_table_association: { v: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.t.id}', transit_gateway_attachment_id: '${aws_vpn_connection.v.transit_gateway_attachment_id}' } },
        },
      },
    });
    expect(findings(graph({}), 'GUARD-1')).toEqual([expect.stringMatching(/^\[aws_subnet\.mn\] GUARD-1 critical .*traffic entering through VPN aws_vpn_connection\.v \(no known jichitai:zone label\) reaches this My Number subnet/)]);
    expect(findings(graph({ 'jichitai:zone': 'LGWAN_WAN' }), 'GUARD-1')).toEqual([]);
  });
});
