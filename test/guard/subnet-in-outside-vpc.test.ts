/**
 * A subnet of the output in a VPC the output does not hold (a literal id, as aws-cdk-lib's Vpc.fromLookup writes; the
 * account's default VPC that Terraform adopts), with no route table association of its own, uses that VPC's main route
 * table, which the guard cannot see and which may route to an internet gateway (the default VPC's does). The guard read
 * such a subnet as reaching nothing (outside auditor, red team 38); its packets now end where the guard cannot follow
 * (semantics §4), which the critical rules count as reaching everywhere.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

const LITERAL_VPC = 'vpc-0123456789abcdef0';
const rules = (found: readonly Finding[], path: string) => [...new Set(found.filter((f) => f.path === path).map((f) => f.ruleId))].sort();

function cfn(segment: string, table: boolean): readonly Finding[] {
  const resources: Record<string, unknown> = {
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: LITERAL_VPC, CidrBlock: '10.9.0.0/24', Tags: [{ Key: 'jichitai:segment', Value: segment }] } },
  };
  if (table) {
    resources.Rt = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: LITERAL_VPC } };
    resources.RtA = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } };
  }
  return checkTopology(extractCloudFormation({ S: { Resources: resources } as any }), { model: NetworkModel.ALPHA });
}

function tf(vpc: 'literal' | 'default', table: boolean): readonly Finding[] {
  const vpcId = vpc === 'literal' ? LITERAL_VPC : '${aws_default_vpc.d.id}';
  const resource: Record<string, Record<string, unknown>> = {
    aws_subnet: { mn: { vpc_id: vpcId, cidr_block: '172.31.200.0/24', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    ...vpc === 'default' ? { aws_default_vpc: { d: {} } } : {},
    ...table ? {
      aws_route_table: { mn: { vpc_id: vpcId } },
      aws_route_table_association: { mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' } },
    } : {},
  };
  return checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA });
}

describe('a labelled subnet on the main route table of a VPC outside the output', () => {
  test('CloudFormation, a literal VPC id: MN-1 (My Number), LG-1 (LGWAN), naming the main route table', () => {
    const found = cfn('MY_NUMBER', false);
    expect(rules(found, 'Sub')).toContain('MN-1');
    expect(found.find((f) => f.ruleId === 'MN-1')!.message).toMatch(/uses the main route table of VPC vpc-0123456789abcdef0, which is not in the synthesized output/);
    expect(rules(cfn('LGWAN', false), 'Sub')).toContain('LG-1');
  });

  test('Terraform, a literal VPC id or the adopted default VPC: MN-1', () => {
    expect(rules(tf('literal', false), 'aws_subnet.mn')).toContain('MN-1');
    expect(rules(tf('default', false), 'aws_subnet.mn')).toContain('MN-1');
  });

  test('control: associated with a route table of the output (local routes only), nothing leaves', () => {
    expect(rules(cfn('MY_NUMBER', true), 'Sub')).not.toContain('MN-1');
    expect(rules(tf('literal', true), 'aws_subnet.mn')).not.toContain('MN-1');
    expect(rules(tf('default', true), 'aws_subnet.mn')).not.toContain('MN-1');
  });
});
