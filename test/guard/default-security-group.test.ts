/**
 * An instance that names no security group gets its VPC's default group, whose rules EC2 writes itself: all outbound,
 * all inbound from the group (Amazon VPC User Guide, "Default security groups for your VPCs"). The guard knew only the
 * rules a template gives the default group, so a My Number instance without groups, open to everything through it,
 * passed MN-3 (outside auditor, red team 38). Terraform's aws_default_security_group replaces those rules.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];

/** A My Number VPC and an LGWAN VPC, and an instance in the My Number subnet with `groups` (none: the default group). */
function cfn(groups: 'none' | 'own'): string[] {
  const resources: Record<string, unknown> = {
    Mn: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.0.0/24' } },
    Lg: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Lg' }, CidrBlock: '10.1.0.0/24' } },
    Box: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, ...groups === 'own' ? { SecurityGroupIds: [{ 'Fn::GetAtt': ['Own', 'GroupId'] }] } : {} } },
  };
  if (groups === 'own') {
    resources.Own = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Mn' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } };
  }
  return checkTopology(extractCloudFormation({ S: { Resources: resources } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
}

function tf(groups: 'none' | 'taken-over'): string[] {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
    aws_instance: { box: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}' } },
    ...groups === 'taken-over' ? { aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } } : {},
  };
  return checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
}

describe('the VPC\'s default security group, when an instance of the output uses it', () => {
  test('CloudFormation: an instance without groups is open to the LGWAN segment through the default group: MN-3', () => {
    expect(cfn('none')).toEqual([expect.stringMatching(/default-security-group.*egress rules toward the LGWAN segment allow all traffic/)]);
  });

  test('Terraform: the same; aws_default_security_group without rules takes the group over, and nothing is open', () => {
    expect(tf('none')).toEqual([expect.stringMatching(/default-security-group.*allow all traffic/)]);
    expect(tf('taken-over')).toEqual([]);
  });

  test('control: an instance with a group of its own leaves the default group unused', () => {
    expect(cfn('own')).toEqual([]);
  });
});
