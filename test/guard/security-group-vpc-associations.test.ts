/**
 * A security group associated with other VPCs (`AWS::EC2::SecurityGroupVpcAssociation`,
 * `aws_vpc_security_group_vpc_association`; AWS, 2024) as a *peer* and as a *placement*. The guard already judged the
 * association as a group of the VPC it names, with the group's rules (security-group-vpc-association.test.ts), but read
 * a rule naming the group as its peer by the group's own VPC only: a My Number host's group admitting all traffic from a
 * My Number group associated with the LGWAN VPC — whose members may be LGWAN hosts — passed (MN-3 is critical); so did
 * the same peer in LG-2's direction part, a role label (PL-1) of a group associated with a VPC of the wrong segment,
 * and an association with a VPC the guard cannot place (a literal `vpc-…` id). Now a peer group is of the other segment
 * if any of its VPCs is, an association with a VPC the guard cannot place counts as one of the other side (fail closed,
 * docs/guard-semantics.md §10), and the finding names the association.
 */
import { prefectureCfn } from './security-cloud-fixture';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const OUTSIDE_VPC = 'vpc-0123456789abcdef0';
const SEG = 'jichitai:segment';
const tag = (segment: string) => [{ Key: SEG, Value: segment }];

/** One My Number host's address: a rule toward it covers no whole subnet. */
const ONE_HOST = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.10/32' }];

/**
 * A My Number host's group (MnSg) admitting `protocol` from a shared group of the My Number VPC (SharedSg), which is
 * associated with `vpc` when given; a second My Number VPC (Mn2Vpc) for a harmless association. Both groups send only
 * HTTPS to one My Number host: their own rules (the association's too) are no rule toward LGWAN.
 */
function cfn(vpc: unknown, protocol: Record<string, unknown> = { IpProtocol: '-1' }): Record<string, any> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      Mn2Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('MY_NUMBER') } },
      Mn2Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn2Vpc' }, CidrBlock: '10.2.0.0/24' } },
      SharedSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'shared', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: ONE_HOST } },
      MnSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'My Number host',
          VpcId: { Ref: 'MnVpc' },
          SecurityGroupIngress: [{ ...protocol, SourceSecurityGroupId: { 'Fn::GetAtt': ['SharedSg', 'GroupId'] } }],
          SecurityGroupEgress: ONE_HOST,
        },
      },
      ...vpc === undefined ? {} : { Assoc: { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: { GroupId: { 'Fn::GetAtt': ['SharedSg', 'GroupId'] }, VpcId: vpc } } },
    },
  };
}

/** The same in Terraform (the peer in an inline block); Terraform adds no implicit egress. */
function tf(vpc: string | undefined): TerraformJson {
  const two = myNumberAndLgwanTf();
  return {
    resource: {
      aws_vpc: { ...two.aws_vpc, mn2: { cidr_block: '10.2.0.0/16', tags: { [SEG]: 'MY_NUMBER' } } },
      aws_subnet: { ...two.aws_subnet, mn2: { vpc_id: '${aws_vpc.mn2.id}', cidr_block: '10.2.0.0/24' } },
      aws_security_group: {
        shared: { vpc_id: '${aws_vpc.mn.id}' },
        mn: { vpc_id: '${aws_vpc.mn.id}', ingress: [{ protocol: '-1', from_port: 0, to_port: 0, security_groups: ['${aws_security_group.shared.id}'] }] },
      },
      ...vpc === undefined ? {} : { aws_vpc_security_group_vpc_association: { assoc: { security_group_id: '${aws_security_group.shared.id}', vpc_id: vpc } } },
    },
  };
}

const mn3 = (group: string, how: string) =>
  [`MN-3 ${group}: security group ${group}: its ingress rules from the LGWAN segment allow all traffic (security group ${how})`];

describe('a rule whose peer group is associated with a VPC of the other segment (MN-3 security-group part)', () => {
  test('CloudFormation: the shared group associated with the LGWAN VPC may hold LGWAN hosts: MN-3, naming the association', () => {
    expect(findings(extractCloudFormation({ s: cfn({ Ref: 'LgVpc' }) }), ['MN-3', 'GUARD-1'])).toEqual(mn3('MnSg', 'SharedSg, associated with LGWAN VPC LgVpc by Assoc'));
  });

  test('Terraform: the same', () => {
    expect(findings(extractTerraform({ s: tf('${aws_vpc.lg.id}') }), ['MN-3', 'GUARD-1'])).toEqual(mn3('aws_security_group.mn',
      'aws_security_group.shared, associated with LGWAN VPC aws_vpc.lg by aws_vpc_security_group_vpc_association.assoc'));
  });

  test('every TCP port to it is MN-3 too; one port is specific communication', () => {
    const wide = findings(extractCloudFormation({ s: cfn({ Ref: 'LgVpc' }, { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 }) }), ['MN-3']);
    expect(wide).toEqual(['MN-3 MnSg: security group MnSg: its ingress rules from the LGWAN segment open every tcp port to security group SharedSg, '
      + 'associated with LGWAN VPC LgVpc by Assoc']);
    expect(findings(extractCloudFormation({ s: cfn({ Ref: 'LgVpc' }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }) }), ['MN-3'])).toEqual([]);
  });

  test('associated with a VPC the guard cannot place (a literal vpc- id): counted as one of the other side, both engines', () => {
    const how = (group: string, via: string) => `${group}, associated by ${via} with VPC ${OUTSIDE_VPC}, which the guard cannot place (it may be of the LGWAN segment)`;
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1'])).toEqual(mn3('MnSg', how('SharedSg', 'Assoc')));
    expect(findings(extractTerraform({ s: tf(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1']))
      .toEqual(mn3('aws_security_group.mn', how('aws_security_group.shared', 'aws_vpc_security_group_vpc_association.assoc')));
  });

  test('associated with a VPC given by a variable: GUARD-1 for the value, and MN-3 for the peer', () => {
    expect(findings(extractTerraform({ s: tf('${var.vpc}') }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_vpc_security_group_vpc_association.assoc: vpc_id could not be resolved: ${var.vpc} uses an input variable, known only at plan time',
      ...mn3('aws_security_group.mn', 'aws_security_group.shared, associated by aws_vpc_security_group_vpc_association.assoc with a VPC it cannot read, '
        + 'which the guard cannot place (it may be of the LGWAN segment)'),
    ]);
  });

  test('controls: no association, or one with another My Number VPC, is no peer of LGWAN: no finding', () => {
    expect(findings(extractCloudFormation({ s: cfn(undefined) }), ['MN-3', 'GUARD-1'])).toEqual([]);
    expect(findings(extractCloudFormation({ s: cfn({ Ref: 'Mn2Vpc' }) }), ['MN-3', 'GUARD-1'])).toEqual([]);
    expect(findings(extractTerraform({ s: tf(undefined) }), ['MN-3', 'GUARD-1'])).toEqual([]);
    expect(findings(extractTerraform({ s: tf('${aws_vpc.mn2.id}') }), ['MN-3', 'GUARD-1'])).toEqual([]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({ s: cfn({ Ref: 'LgVpc' }) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(found).toHaveLength(1);
    expect(found[0].ja?.message).toContain('Assoc でLGWAN接続系の VPC LgVpc に関連付けられたセキュリティグループ SharedSg');
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
    const literal = checkTopology(extractCloudFormation({ s: cfn(OUTSIDE_VPC) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(literal[0].ja?.message).toContain(`Assoc で、ガードが位置を特定できない VPC ${OUTSIDE_VPC}（LGWAN接続系のものかもしれない）に関連付けられたセキュリティグループ SharedSg`);
    expect(notJapanese(literal[0].ja?.message)).toBeUndefined();
    const unread = checkTopology(extractTerraform({ s: tf('${var.vpc}') }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(unread[0].ja?.message).toContain('aws_vpc_security_group_vpc_association.assoc で、ガードが読めない VPC（LGWAN接続系のものかもしれない）に関連付けられた');
    expect(notJapanese(unread[0].ja?.message)).toBeUndefined();
  });
});

describe('an association with a VPC the guard cannot place, as a group of its own (MN-3)', () => {
  /** An LGWAN group opening all traffic within LGWAN, associated with `vpc`. */
  function lgwanGroup(vpc: unknown): Record<string, any> {
    return {
      Resources: {
        ...myNumberAndLgwan(),
        LgSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'LGWAN', VpcId: { Ref: 'LgVpc' }, SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '10.1.0.0/16' }] } },
        Assoc: { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: { GroupId: { 'Fn::GetAtt': ['LgSg', 'GroupId'] }, VpcId: vpc } },
      },
    };
  }

  test('its members may be in the My Number VPC: its rules toward LGWAN are judged as a My Number group\'s', () => {
    expect(findings(extractCloudFormation({ s: lgwanGroup(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1']))
      .toEqual([`MN-3 Assoc: security group Assoc, in VPC ${OUTSIDE_VPC}, which the guard cannot place (it may be of the MY_NUMBER segment): `
        + 'its egress rules toward the LGWAN segment allow all traffic (10.1.0.0/16)']);
  });

  test('control: associated with another LGWAN VPC, it opens traffic within LGWAN only', () => {
    const template = lgwanGroup({ Ref: 'Lg2Vpc' });
    template.Resources.Lg2Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.3.0.0/16', Tags: tag('LGWAN') } };
    expect(findings(extractCloudFormation({ s: template }), ['MN-3', 'GUARD-1'])).toEqual([]);
  });
});

describe('LG-2 direction part: an LGWAN group admitting a group associated with the Internet segment\'s VPC', () => {
  /** An LGWAN server's group admitting HTTPS from an LGWAN group (LgClients) associated with `vpc`. */
  function admits(vpc: unknown): Record<string, any> {
    const narrow = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.10/32' }];
    return {
      Resources: {
        LgVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
        LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
        Lg2Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.3.0.0/16', Tags: tag('LGWAN') } },
        InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
        InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
        LgClients: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'clients', VpcId: { Ref: 'LgVpc' }, SecurityGroupEgress: narrow } },
        LgServer: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'LGWAN server',
            VpcId: { Ref: 'LgVpc' },
            SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: { 'Fn::GetAtt': ['LgClients', 'GroupId'] } }],
            SecurityGroupEgress: narrow,
          },
        },
        Assoc: { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: { GroupId: { 'Fn::GetAtt': ['LgClients', 'GroupId'] }, VpcId: vpc } },
      },
    };
  }

  test('the Internet segment may open connections into LGWAN through it (a warning when nothing is declared, as for any such rule)', () => {
    expect(findings(extractCloudFormation({ s: admits({ Ref: 'InVpc' }) }), ['LG-2'])).toEqual([
      'LG-2 LgServer: security group LgServer of the LGWAN segment lets the INTERNET segment open connections into it (tcp/443 from security group LgClients, '
      + 'associated with INTERNET VPC InVpc by Assoc); with no flow declared, the guard cannot tell whether that is the direction the model gives '
      + '(sanitization relay into LGWAN, screen transfer from the terminals\' segment)',
    ]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({ s: admits({ Ref: 'InVpc' }) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'LG-2');
    expect(found[0].ja?.message).toContain('Assoc でインターネット接続系の VPC InVpc に関連付けられたセキュリティグループ LgClients からの');
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
  });

  test('control: associated with another LGWAN VPC, no LG-2', () => {
    expect(findings(extractCloudFormation({ s: admits({ Ref: 'Lg2Vpc' }) }), ['LG-2'])).toEqual([]);
  });
});

describe('PL-1: a role label of a security group holds in the VPCs it is associated with', () => {
  function labelled(vpc: unknown): Record<string, any> {
    const template = cfn(vpc);
    template.Resources.SharedSg.Properties.Tags = [{ Key: 'jichitai:role', Value: 'MY_NUMBER_SYSTEM' }];
    return template;
  }

  test('a My Number system\'s group associated with the LGWAN VPC: its members there are My Number systems in LGWAN', () => {
    expect(findings(extractCloudFormation({ s: labelled({ Ref: 'LgVpc' }) }), ['PL-1']))
      .toEqual([expect.stringMatching(/^PL-1 Assoc: a My Number system \(マイナンバー利用事務系の業務システム\) in LGWAN接続系, but /)]);
  });

  test('control: associated with another My Number VPC, no PL-1', () => {
    expect(findings(extractCloudFormation({ s: labelled({ Ref: 'Mn2Vpc' }) }), ['PL-1'])).toEqual([]);
  });
});

describe('the Terraform plan reader reads the association as the configuration reader does', () => {
  const ref = (...references: string[]) => ({ references });
  type R = { address: string; values: Record<string, unknown>; unknown?: Record<string, unknown>; expressions?: Record<string, unknown> };
  const plan = (resources: R[]) => handPlan(resources);
  const vpc = (name: string, cidr: string, segment: string): R => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: null, tags_all: { [SEG]: segment } }, unknown: { id: true, arn: true },
  });
  const group = (name: string): R => ({
    address: `aws_security_group.${name}`, values: { ingress: [], egress: [] }, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn') },
  });
  const resources = (associated: string): R[] => [
    vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('mn2', '10.2.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'),
    group('shared'), group('mn'),
    {
      address: 'aws_vpc_security_group_ingress_rule.in',
      values: { ip_protocol: '-1' },
      unknown: { id: true, security_group_id: true, referenced_security_group_id: true },
      expressions: { security_group_id: ref('aws_security_group.mn.id', 'aws_security_group.mn'), referenced_security_group_id: ref('aws_security_group.shared.id', 'aws_security_group.shared') },
    },
    {
      address: 'aws_vpc_security_group_vpc_association.assoc',
      values: {},
      unknown: { id: true, security_group_id: true, vpc_id: true },
      expressions: { security_group_id: ref('aws_security_group.shared.id', 'aws_security_group.shared'), vpc_id: ref(`aws_vpc.${associated}.id`, `aws_vpc.${associated}`) },
    },
  ];

  test('associated with the LGWAN VPC: MN-3; with another My Number VPC: nothing', () => {
    expect(findings(extractTerraformPlan(plan(resources('lg')) as any), ['MN-3', 'GUARD-1'])).toEqual([
      'MN-3 aws_security_group.mn: security group aws_security_group.mn: its ingress rules from the LGWAN segment allow all traffic '
      + '(security group aws_security_group.shared, associated with LGWAN VPC aws_vpc.lg by aws_vpc_security_group_vpc_association.assoc)',
    ]);
    expect(findings(extractTerraformPlan(plan(resources('mn2')) as any), ['MN-3', 'GUARD-1'])).toEqual([]);
  });
});

describe('a security cloud hub proxy found by its security group: the group\'s associations count', () => {
  /** The prefecture's proxy group made in member A's VPC, associated with the hub VPC when `associated`. */
  function prefecture(associated: boolean): TopologyGraph {
    const templates = prefectureCfn({ squid: 'no-deny' });
    const resources = Object.values(templates)[0].Resources as Record<string, any>;
    resources.ProxySg.Properties.VpcId = { Ref: 'VpcA' };
    if (associated) {
      resources.ProxyAssoc = { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: { GroupId: { 'Fn::GetAtt': ['ProxySg', 'GroupId'] }, VpcId: { Ref: 'HubVpc' } } };
    }
    return extractCloudFormation(templates);
  }
  const relays = (g: TopologyGraph) => checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'SC-1' && f.message.includes('the hub proxy relays'));

  test('its group associated with the hub VPC, the instance may run in the hub: a proxy that relays members to each other is SC-1', () => {
    expect(relays(prefecture(true))).toHaveLength(1);
  });

  test('control: its group only in member A\'s VPC, it is no hub proxy', () => {
    expect(relays(prefecture(false))).toEqual([]);
  });
});
