/**
 * Transit gateway policy tables (Transit Gateway Guide, "Transit gateway policy tables"): an attachment associated with a
 * policy table instead of a route table is routed by the route table the first matching entry names. The guard read
 * neither the association nor the entries, so the attachment had no route table and its traffic was dropped: a My Number
 * attachment whose policy entry chose the Internet table passed (outside auditor, red team 39). Entries' match criteria
 * are left out (more traffic, never less); entries the output does not hold (Terraform's provider has no resource for
 * them) may choose any route table of the gateway, and are GUARD-1.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** My Number and Internet VPCs on a transit gateway with one table each; the My Number table routes to the Internet VPC only if `mnRoute`. */
function cfn(): Record<string, any> {
  const vpc = (p: string, cidr: string, segment: string) => ({
    [`${p}Vpc`]: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: cidr, Tags: tag(segment) } },
    [`${p}Sub`]: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${p}Vpc` }, CidrBlock: cidr.replace('0.0/16', '0.0/24') } },
    [`${p}Rt`]: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: `${p}Vpc` } } },
    [`${p}Assoc`]: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: `${p}Rt` }, SubnetId: { Ref: `${p}Sub` } } },
    [`${p}Att`]: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: `${p}Vpc` }, SubnetIds: [{ Ref: `${p}Sub` }] } },
    [`${p}TgwRt`]: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: { Ref: 'Tgw' } } },
  });
  return {
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
    ...vpc('Mn', '10.0.0.0/16', 'MY_NUMBER'),
    ...vpc('In', '10.2.0.0/16', 'INTERNET'),
    InTgwAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: { Ref: 'InTgwRt' }, TransitGatewayAttachmentId: { Ref: 'InAtt' } } },
    // My Number sends everything to the gateway; the Internet table sends everything to the Internet VPC; the My Number table is empty.
    MnOut: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: { Ref: 'Tgw' } } },
    InAll: { Type: 'AWS::EC2::TransitGatewayRoute', Properties: { TransitGatewayRouteTableId: { Ref: 'InTgwRt' }, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayAttachmentId: { Ref: 'InAtt' } } },
    Pt: { Type: 'AWS::EC2::TransitGatewayPolicyTable', Properties: { TransitGatewayId: { Ref: 'Tgw' } } },
    PtAssoc: { Type: 'AWS::EC2::TransitGatewayPolicyTableAssociation', Properties: { TransitGatewayPolicyTableId: { Ref: 'Pt' }, TransitGatewayAttachmentId: { Ref: 'MnAtt' } } },
  };
}
const entry = (target: unknown) => ({
  Type: 'AWS::EC2::TransitGatewayPolicyTableEntry',
  Properties: { TransitGatewayPolicyTableId: { Ref: 'Pt' }, PolicyRuleNumber: '100', PolicyRule: { DestinationCidrBlock: '0.0.0.0/0' }, TargetRouteTableId: target },
});
const blocking = (resources: Record<string, any>) => checkTopology(extractCloudFormation({ S: { Resources: resources } } as any),
  { model: NetworkModel.ALPHA })
  .filter((f) => ['MN-2', 'GUARD-1'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);

describe('CloudFormation', () => {
  test('an entry choosing the Internet table: My Number reaches the Internet segment (MN-2)', () => {
    const found = blocking({ ...cfn(), PtEntry: entry({ Ref: 'InTgwRt' }) });
    expect(found).toEqual([expect.stringMatching(/^MN-2 MnSub: .*InSub/)]);
  });

  test('an entry choosing the My Number table (empty): no path, and nothing unresolved', () => {
    expect(blocking({ ...cfn(), PtEntry: entry({ Ref: 'MnTgwRt' }) })).toEqual([]);
  });

  test('no entry in the template, or one choosing a table the template does not hold: every table of the gateway, GUARD-1', () => {
    for (const extra of [{}, { PtEntry: entry('tgw-rtb-0123456789abcdef0') }]) {
      const found = blocking({ ...cfn(), ...extra });
      expect(found).toEqual(expect.arrayContaining([
        expect.stringMatching(/^GUARD-1 PtAssoc: .*routed by transit gateway policy table Pt, whose entries are not all in the synthesized output/),
        expect.stringMatching(/^MN-2 MnSub: /),
      ]));
    }
  });

  test('the attachment on a policy table joins no default association table', () => {
    const t: Record<string, any> = { ...cfn(), PtEntry: entry({ Ref: 'MnTgwRt' }) };
    t.Tgw = { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'enable', DefaultRouteTablePropagation: 'enable' } };
    // Both attachments propagate into the default table: an attachment associated with it would reach the other VPC.
    expect(blocking(t)).toEqual([]);
    delete t.PtAssoc;
    expect(blocking(t)).toEqual([expect.stringMatching(/^MN-2 MnSub: /)]);
  });
});

test('Terraform: the provider has no resource for the entries, so an attachment on a policy table is GUARD-1 and may use any table (MN-2)', () => {
  const seg = (s: string) => ({ 'jichitai:segment': s });
  const resource = {
    aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.1.0.0/16', tags: seg('MY_NUMBER') }, inet: { cidr_block: '10.2.0.0/16', tags: seg('INTERNET') } },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.1.1.0/24' }, inet: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.1.0/24' } },
    aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}' }, inet: { vpc_id: '${aws_vpc.inet.id}' } },
    aws_route_table_association: {
      mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' },
      inet: { subnet_id: '${aws_subnet.inet.id}', route_table_id: '${aws_route_table.inet.id}' },
    },
    aws_route: { mn: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: '10.2.0.0/16', transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
    aws_ec2_transit_gateway: { t: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
    aws_ec2_transit_gateway_route_table: { inet: { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
    aws_ec2_transit_gateway_route: {
      inet: {
        destination_cidr_block: '10.2.0.0/16',
        transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.inet.id}',
        transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}',
      },
    },
    aws_ec2_transit_gateway_vpc_attachment: {
      mn: { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}', vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] },
      inet: { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}', vpc_id: '${aws_vpc.inet.id}', subnet_ids: ['${aws_subnet.inet.id}'] },
    },
    aws_ec2_transit_gateway_route_table_association: {
      inet: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.inet.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}' },
    },
    aws_ec2_transit_gateway_policy_table: { p: { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
    aws_ec2_transit_gateway_policy_table_association: {
      mn: { transit_gateway_policy_table_id: '${aws_ec2_transit_gateway_policy_table.p.id}', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}' },
    },
  };
  const found = checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA })
    .filter((f) => ['MN-2', 'GUARD-1'].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
  expect(found).toEqual(expect.arrayContaining([
    expect.stringMatching(/^GUARD-1 aws_ec2_transit_gateway_policy_table_association\.mn: .*policy table aws_ec2_transit_gateway_policy_table\.p, whose entries are not all/),
    expect.stringMatching(/^MN-2 aws_subnet\.mn: /),
  ]));
  // Without the association the My Number attachment has no table: nothing arrives.
  delete (resource as any).aws_ec2_transit_gateway_policy_table_association;
  expect(checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-2')).toEqual([]);
});

test('CloudFormation: a subnet whose IPv6 block an IPAM pool allocates holds addresses somewhere in its VPC\'s IPv6 space', () => {
  const t = cfn();
  t.PtEntry = entry({ Ref: 'InTgwRt' });
  // Only IPv6 leaves My Number: to the upper half of the Internet VPC's block, where the pool-allocated subnet may be.
  t.MnOut.Properties = { RouteTableId: { Ref: 'MnRt' }, DestinationIpv6CidrBlock: '2600:1f18:aaaa:2280::/57', TransitGatewayId: { Ref: 'Tgw' } };
  t.InAll.Properties = { TransitGatewayRouteTableId: { Ref: 'InTgwRt' }, DestinationCidrBlock: '::/0', TransitGatewayAttachmentId: { Ref: 'InAtt' } };
  t.MnV6 = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: 'MnVpc' }, Ipv6CidrBlock: '2600:1f18:aaaa:1100::/56' } };
  t.InV6 = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: 'InVpc' }, Ipv6CidrBlock: '2600:1f18:aaaa:2200::/56' } };
  t.MnSub.Properties.Ipv6CidrBlock = '2600:1f18:aaaa:1100::/64';
  t.InSub.Properties.Ipv6CidrBlock = '2600:1f18:aaaa:2200::/64';
  t.AppSub = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.9.0/24', Ipv6IpamPoolId: 'ipam-pool-0123456789abcdef0', Ipv6NetmaskLength: 64 } };
  t.AppAssoc = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'InRt' }, SubnetId: { Ref: 'AppSub' } } };
  expect(blocking(t)).toEqual([expect.stringMatching(/^MN-2 MnSub: .*AppSub/)]);
  // With a literal block in the lower half, the route misses it; the upper half is held by no subnet of the output, and
  // a subnet created there later receives it (the subnet outside the output, semantics §2).
  t.AppSub.Properties = { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.9.0/24', Ipv6CidrBlock: '2600:1f18:aaaa:2201::/64' };
  expect(blocking(t)).toEqual([expect.stringMatching(/^MN-2 MnSub: a My Number subnet reaches subnet InVpc#subnets-outside-the-output \(2600:1f18:aaaa:2280::\/57\)$/)]);
});
