/**
 * An instance or network interface with its source/destination check off sends packets with any source address (Amazon
 * EC2 User Guide, "Change the source or destination checking"), so a NACL entry that matches by source does not stop
 * what it sends (README known gap of 2026-12-06, outside tester). The guard walked every subnet's packets from the
 * subnet's own block only: an inbound deny of the sender's block in the receiving segment read as closing the path.
 *
 * The setting: an Internet-segment subnet (10.2.1.0/24) routes the My Number workload subnet (10.1.1.0/24) to a transit
 * gateway that delivers it into the My Number VPC; the My Number workload subnet's NACL denies inbound from 10.2.0.0/16 and allows the rest. Without a
 * forwarder that cuts the path (MN-2 holds); with one, a packet from 10.9.9.9 passes it.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

/**
 * The Terraform configuration, with `extra` resources merged in (by type). `outbound`: the Internet subnet gets a NACL too,
 * which denies 10.1/16 on the way out (`deny`) or allows all (`allow`), and the My Number one denies another block.
 */
function tfConfig(extra: Record<string, Record<string, unknown>> = {}, outbound?: 'deny' | 'allow'): unknown {
  const seg = (s: string) => ({ 'jichitai:segment': s });
  const attachment = (v: string, subnet: string) => ({
    transit_gateway_id: '${aws_ec2_transit_gateway.t.id}',
    vpc_id: `\${aws_vpc.${v}.id}`,
    subnet_ids: [`\${aws_subnet.${subnet}.id}`],
    transit_gateway_default_route_table_association: false,
    transit_gateway_default_route_table_propagation: false,
  });
  const rule = (acl: string, n: number, egress: boolean, action: string, cidr: string) => ({
    network_acl_id: `\${aws_network_acl.${acl}.id}`, rule_number: n, egress, rule_action: action, protocol: '-1', cidr_block: cidr, from_port: 0, to_port: 0,
  });
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { cidr_block: '10.1.0.0/16', tags: seg('MY_NUMBER') }, inet: { cidr_block: '10.2.0.0/16', tags: seg('INTERNET') } },
    aws_subnet: {
      mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.1.1.0/24' },
      mn_tgw: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.1.9.0/28' },
      inet: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.1.0/24' },
      inet_tgw: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.9.0/28' },
    },
    aws_route_table: { inet: { vpc_id: '${aws_vpc.inet.id}' } },
    aws_route_table_association: { inet: { subnet_id: '${aws_subnet.inet.id}', route_table_id: '${aws_route_table.inet.id}' } },
    aws_route: { in: { route_table_id: '${aws_route_table.inet.id}', destination_cidr_block: '10.1.1.0/24', transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
    aws_ec2_transit_gateway: { t: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
    aws_ec2_transit_gateway_vpc_attachment: { mn: attachment('mn', 'mn_tgw'), inet: attachment('inet', 'inet_tgw') },
    aws_ec2_transit_gateway_route_table: { inet: { transit_gateway_id: '${aws_ec2_transit_gateway.t.id}' } },
    aws_ec2_transit_gateway_route_table_association: {
      inet: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.inet.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}' },
    },
    aws_ec2_transit_gateway_route: {
      in: { destination_cidr_block: '10.1.1.0/24', transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}' },
    },
    aws_network_acl: {
      mn: { vpc_id: '${aws_vpc.mn.id}', subnet_ids: ['${aws_subnet.mn.id}'] },
      ...outbound ? { inet: { vpc_id: '${aws_vpc.inet.id}', subnet_ids: ['${aws_subnet.inet.id}'] } } : {},
    },
    aws_network_acl_rule: {
      // Source-keyed: the My Number subnet refuses the Internet segment's block on the way in, and takes the rest.
      deny_in: rule('mn', 100, false, 'deny', outbound ? '10.250.0.0/16' : '10.2.0.0/16'),
      allow_in: rule('mn', 200, false, 'allow', '0.0.0.0/0'),
      allow_out: rule('mn', 100, true, 'allow', '0.0.0.0/0'),
      ...outbound ? {
        // Destination-keyed: what the Internet subnet sends toward the My Number VPC is dropped whatever its source.
        deny_out: rule('inet', 100, true, outbound, '10.1.0.0/16'),
        inet_out: rule('inet', 200, true, 'allow', '0.0.0.0/0'),
        inet_in: rule('inet', 100, false, 'allow', '0.0.0.0/0'),
      } : {},
    },
  };
  for (const [type, entries] of Object.entries(extra)) resource[type] = { ...resource[type], ...entries };
  return { resource, variable: { check: { type: 'bool', default: true } } };
}

const instance = (check: unknown) => ({ aws_instance: { router: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.inet.id}', source_dest_check: check } } });
const tf = (config: unknown): readonly Finding[] => checkTopology(extractTerraform({ t: config as any }), { model: NetworkModel.ALPHA });

/** The same network in CloudFormation. */
function template(extra: Record<string, unknown> = {}): unknown {
  const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];
  const entry = (acl: string, n: number, egress: boolean, action: string, cidr: string) => ({
    Type: 'AWS::EC2::NetworkAclEntry',
    Properties: { NetworkAclId: { Ref: acl }, RuleNumber: n, Egress: egress, RuleAction: action, Protocol: -1, CidrBlock: cidr },
  });
  const attachment = (vpc: string, subnet: string) => ({
    Type: 'AWS::EC2::TransitGatewayVpcAttachment',
    Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: vpc }, SubnetIds: [{ Ref: subnet }] },
  });
  return {
    Parameters: { Check: { Type: 'String', Default: 'true' } },
    Resources: {
      Mn: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('MY_NUMBER') } },
      Inet: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
      MnSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.1.1.0/24' } },
      MnTgwSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.1.9.0/28' } },
      InetSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Inet' }, CidrBlock: '10.2.1.0/24' } },
      InetTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Inet' } } },
      InetAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'InetSubnet' }, RouteTableId: { Ref: 'InetTable' } } },
      ToMn: {
        Type: 'AWS::EC2::Route',
        DependsOn: 'InetAtt',
        Properties: { RouteTableId: { Ref: 'InetTable' }, DestinationCidrBlock: '10.1.1.0/24', TransitGatewayId: { Ref: 'Tgw' } },
      },
      Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
      MnAtt: attachment('Mn', 'MnTgwSubnet'),
      InetAtt: attachment('Inet', 'InetSubnet'),
      TgwTable: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: { Ref: 'Tgw' } } },
      TgwAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayAttachmentId: { Ref: 'InetAtt' }, TransitGatewayRouteTableId: { Ref: 'TgwTable' } } },
      TgwRoute: {
        Type: 'AWS::EC2::TransitGatewayRoute',
        Properties: { DestinationCidrBlock: '10.1.1.0/24', TransitGatewayAttachmentId: { Ref: 'MnAtt' }, TransitGatewayRouteTableId: { Ref: 'TgwTable' } },
      },
      MnAcl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Mn' } } },
      MnAclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: { Ref: 'MnSubnet' }, NetworkAclId: { Ref: 'MnAcl' } } },
      DenyIn: entry('MnAcl', 100, false, 'deny', '10.2.0.0/16'),
      AllowIn: entry('MnAcl', 200, false, 'allow', '0.0.0.0/0'),
      AllowOut: entry('MnAcl', 100, true, 'allow', '0.0.0.0/0'),
      ...extra,
    },
  };
}

const cfn = (t: unknown): readonly Finding[] => checkTopology(extractCloudFormation({ S: t as any }), { model: NetworkModel.ALPHA });
const mn2 = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'MN-2');
const guard1 = (findings: readonly Finding[], node: string) => findings.filter((f) => f.ruleId === 'GUARD-1' && f.message.includes(node));

describe('a source/destination check off: the subnet sends with any source address (semantics §2)', () => {
  test('the setting: the source-keyed deny cuts the path while every instance keeps its check on (left out, true, "true")', () => {
    expect(mn2(tf(tfConfig()))).toEqual([]);
    expect(mn2(tf(tfConfig(instance(true))))).toEqual([]);
    expect(mn2(tf(tfConfig(instance(null))))).toEqual([]);
    expect(mn2(cfn(template()))).toEqual([]);
    const on = { Router: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'InetSubnet' }, SourceDestCheck: 'true' } } };
    expect(mn2(cfn(template(on)))).toEqual([]);
  });

  test('Terraform: an aws_instance with source_dest_check = false opens the path, and the finding names it', () => {
    const found = mn2(tf(tfConfig(instance(false))));
    expect(found).toHaveLength(1);
    const path = found[0].hops.map((h) => h.label).join(' → ');
    expect(path).toContain('any source address: aws_instance.router source/destination check off');
  });

  test('Terraform: an aws_network_interface (or a spot instance) with source_dest_check = false opens it too', () => {
    const eni = { aws_network_interface: { r: { subnet_id: '${aws_subnet.inet.id}', source_dest_check: false } } };
    expect(mn2(tf(tfConfig(eni)))).toHaveLength(1);
    const spot = { aws_spot_instance_request: { r: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.inet.id}', source_dest_check: false } } };
    expect(mn2(tf(tfConfig(spot)))).toHaveLength(1);
  });

  test('Terraform: a check given by a variable may be off: the path is open and the value is reported (GUARD-1)', () => {
    const found = tf(tfConfig(instance('${var.check}')));
    expect(mn2(found)).toHaveLength(1);
    expect(guard1(found, 'source_dest_check')).toHaveLength(1);
  });

  test('CloudFormation: an instance or a network interface with SourceDestCheck false (or "false", or a parameter) opens the path', () => {
    const router = (check: unknown) => ({
      Router: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'InetSubnet' }, SourceDestCheck: check } },
    });
    expect(mn2(cfn(template(router(false))))).toHaveLength(1);
    expect(mn2(cfn(template(router('false'))))).toHaveLength(1);
    const param = cfn(template(router({ Ref: 'Check' })));
    expect(mn2(param)).toHaveLength(1);
    expect(guard1(param, 'SourceDestCheck')).toHaveLength(1);
    const eni = { Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'InetSubnet' }, SourceDestCheck: false } } };
    expect(mn2(cfn(template(eni)))).toHaveLength(1);
  });

  test('a deny keyed on the destination still cuts what a forwarder sends (the fix the README gives)', () => {
    expect(mn2(tf(tfConfig(instance(false), 'deny')))).toEqual([]);
    // ... where without it the path is open.
    expect(mn2(tf(tfConfig(instance(false), 'allow')))).toHaveLength(1);
  });
});
