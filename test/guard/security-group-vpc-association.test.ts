/**
 * Found by red team 23: a security group associated with another VPC (`AWS::EC2::SecurityGroupVpcAssociation`,
 * `aws_vpc_security_group_vpc_association`; AWS, 2024) is usable by the instances of that VPC, with its rules. The guard
 * judged a group only in its own VPC: an LGWAN group whose rules open all traffic within LGWAN, associated with the My
 * Number VPC, opened all traffic between My Number instances and LGWAN — MN-3's security-group part (critical) — and
 * passed. Now the association is a group of the VPC it names, with the group's rules (inline and separate), both engines;
 * a group the output does not hold is unresolved (GUARD-1).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { NetworkModel } from '../../src/model/network-model';
import { myNumberAndLgwan } from '../support/two-segments';


/** A My Number and an LGWAN VPC; an LGWAN group opening all traffic within LGWAN (one direction inline, the other a resource of its own). */
function cfn(association?: Record<string, unknown>): Record<string, any> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      LgSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'LGWAN hosts', VpcId: { Ref: 'LgVpc' }, SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '10.1.0.0/16' }] },
      },
      LgIn: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['LgSg', 'GroupId'] }, IpProtocol: '-1', CidrIp: '10.1.0.0/16' } },
      ...association ? { Shared: { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: association } } : {},
    },
  };
}

function tf(association?: Record<string, unknown>): TerraformJson {
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
      aws_security_group: { lg: { vpc_id: '${aws_vpc.lg.id}', ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.1.0.0/16'] }] } },
      aws_vpc_security_group_egress_rule: { out: { security_group_id: '${aws_security_group.lg.id}', ip_protocol: '-1', cidr_ipv4: '10.1.0.0/16' } },
      ...association ? { aws_vpc_security_group_vpc_association: { shared: association } } : {},
    },
  };
}

function mn3(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3' || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

const ALL_TRAFFIC = (id: string) => [
  `MN-3 ${id}: security group ${id}: its egress rules toward the LGWAN segment allow all traffic (10.1.0.0/16)`,
  `MN-3 ${id}: security group ${id}: its ingress rules from the LGWAN segment allow all traffic (10.1.0.0/16)`,
];

describe('a security group associated with another VPC is a group of that VPC too', () => {
  test('without the association, the LGWAN group opens traffic within LGWAN only: no MN-3', () => {
    expect(mn3(extractCloudFormation({ s: cfn() }))).toEqual([]);
    expect(mn3(extractTerraform({ s: tf() }))).toEqual([]);
  });

  test('CloudFormation: associated with the My Number VPC, its rules (inline and separate) open all traffic to LGWAN there: MN-3', () => {
    expect(mn3(extractCloudFormation({ s: cfn({ GroupId: { 'Fn::GetAtt': ['LgSg', 'GroupId'] }, VpcId: { Ref: 'MnVpc' } }) })).sort()).toEqual(ALL_TRAFFIC('Shared'));
  });

  test('Terraform: the same', () => {
    const graph = extractTerraform({ s: tf({ security_group_id: '${aws_security_group.lg.id}', vpc_id: '${aws_vpc.mn.id}' }) });
    expect(mn3(graph).sort()).toEqual(ALL_TRAFFIC('aws_vpc_security_group_vpc_association.shared'));
  });

  test('the association carries the group\'s labels (a host group stays that host\'s)', () => {
    const template = cfn({ GroupId: { 'Fn::GetAtt': ['LgSg', 'GroupId'] }, VpcId: { Ref: 'MnVpc' } });
    template.Resources.LgSg.Properties.Tags = [{ Key: 'jichitai:host', Value: 'relay' }];
    expect(extractCloudFormation({ s: template }).nodes.get('Shared')?.tags).toEqual({ 'jichitai:host': 'relay' });
  });

  test('a group the output does not hold, associated with a VPC of the output, is unresolved (its rules cannot be read)', () => {
    const reason = 'security group sg-0123456789abcdef0 is not in the synthesized output: its rules, which the VPC it is associated with may use, cannot be read';
    const c = extractCloudFormation({ s: cfn({ GroupId: 'sg-0123456789abcdef0', VpcId: { Ref: 'MnVpc' } }) });
    const t = extractTerraform({ s: tf({ security_group_id: 'sg-0123456789abcdef0', vpc_id: '${aws_vpc.mn.id}' }) });
    expect(c.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([`Shared GroupId: ${reason}`]);
    expect(t.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`)).toEqual([`aws_vpc_security_group_vpc_association.shared security_group_id: ${reason}`]);
    expect(jaOrEn(reason)).not.toBe(reason);
  });
});
