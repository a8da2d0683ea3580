/**
 * A security group whose own VPC the guard cannot place — a literal `vpc-…` id (made by hand, another stack's, a Terraform
 * data source's value in a plan), a parameter or variable, a data source in a configuration, none given (the default
 * VPC) — as a group of its own, as a peer, and as a role label (PL-1). Its members may be in the My Number VPC, so it is
 * judged as a group of every segment (MN-3, LG-2, LG-3), as an association with such a VPC already was (4678607); before,
 * its rules were judged by no segment and its role label by no placement: a group in a literal VPC admitting all traffic
 * from LGWAN addresses passed (MN-3 is critical). Groups of the same literal VPC id are in one VPC: they are of one
 * segment, and a rule between them is no rule toward another (docs/guard-semantics.md §7, §10).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const OUTSIDE_VPC = 'vpc-0123456789abcdef0';
const SEG = 'jichitai:segment';
const ROLE = 'jichitai:role';

/** One My Number host's address, HTTPS: a rule toward it covers no whole subnet and no LGWAN address. */
const ONE_HOST = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.10/32' }];

/** A group in `vpc` (none: no VpcId) admitting `ingress`, sending only HTTPS to one My Number host. */
function cfn(vpc: unknown, ingress: unknown[] = [{ IpProtocol: '-1', CidrIp: '10.1.0.0/16' }], extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    Parameters: { Vpc: { Type: 'AWS::EC2::VPC::Id' } },
    Resources: {
      ...myNumberAndLgwan(),
      Sg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'x', ...vpc === undefined ? {} : { VpcId: vpc }, SecurityGroupIngress: ingress, SecurityGroupEgress: ONE_HOST },
      },
      ...extra,
    },
  };
}

/** The same in Terraform: a group in `vpc` (none: no vpc_id) admitting all traffic from the LGWAN VPC's block. */
function tf(vpc: string | undefined, group: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): TerraformJson {
  return {
    data: { aws_vpc: { lg: { tags: { [SEG]: 'LGWAN' } } } },
    resource: {
      ...myNumberAndLgwanTf(),
      aws_security_group: {
        sg: { ...vpc === undefined ? {} : { vpc_id: vpc }, ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.1.0.0/16'] }], ...group },
      },
      ...extra,
    },
  } as TerraformJson;
}

/** MN-3 for a group in a VPC the guard cannot place (`where`: `in VPC vpc-…, which the guard cannot place`), judged as My Number. */
const mn3 = (group: string, where: string, what = 'allow all traffic (10.1.0.0/16)') =>
  `MN-3 ${group}: security group ${group}, ${where} (it may be of the MY_NUMBER segment): its ingress rules from the LGWAN segment ${what}`;
const literal = `in VPC ${OUTSIDE_VPC}, which the guard cannot place`;

describe('a security group in a VPC the guard cannot place is judged as one of every segment (MN-3)', () => {
  test('CloudFormation, a literal vpc- id: MN-3, naming the VPC', () => {
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1'])).toEqual([mn3('Sg', literal)]);
  });

  test('Terraform, a literal vpc- id: the same', () => {
    expect(findings(extractTerraform({ s: tf(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1'])).toEqual([mn3('aws_security_group.sg', literal)]);
  });

  test('as a group of the Internet segment too: LG-2, both parts (with no flow declared, the direction part warns)', () => {
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC) }), ['LG-2'])).toEqual([
      `LG-2 Sg: security group Sg, ${literal} (it may be of the INTERNET segment), lets the LGWAN segment open connections into it (all traffic from 10.1.0.0/16); `
      + 'with no flow declared, the guard cannot tell whether that is the direction the model gives (sanitization relay into LGWAN, screen transfer from the terminals\' segment)',
      `LG-2 Sg: security group Sg, ${literal} (it may be of the INTERNET segment): its ingress rules from the LGWAN segment allow all traffic (10.1.0.0/16)`,
    ]);
  });

  test('every TCP port is MN-3 too; one port to one host is specific communication', () => {
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC, [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '10.1.0.10/32' }]) }), ['MN-3']))
      .toEqual([mn3('Sg', literal, 'open every tcp port to 10.1.0.10')]);
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC, [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.10/32' }]) }), ['MN-3'])).toEqual([]);
  });

  test('a parameter, a variable, a data source in a configuration: GUARD-1 for the value, and MN-3 for the rules', () => {
    const unread = 'in a VPC the guard cannot read';
    expect(findings(extractCloudFormation({ s: cfn({ Ref: 'Vpc' }) }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 Sg: VpcId could not be resolved: template parameter Vpc is known only at deploy time', mn3('Sg', unread),
    ]);
    expect(findings(extractTerraform({ s: tf('${var.vpc}') }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_security_group.sg: vpc_id could not be resolved: ${var.vpc} uses an input variable, known only at plan time', mn3('aws_security_group.sg', unread),
    ]);
    // A data source's tags say nothing the guard reads: its value is no resource of the configuration (as for any data source).
    expect(findings(extractTerraform({ s: tf('${data.aws_vpc.lg.id}') }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_security_group.sg: vpc_id could not be resolved: ${data.aws_vpc.lg.id} refers to no resource', mn3('aws_security_group.sg', unread),
    ]);
  });

  test('no VpcId: the default VPC, GUARD-1 saying so, and MN-3 for the rules, both engines', () => {
    const where = 'in the default VPC, which the guard does not model';
    expect(findings(extractCloudFormation({ s: cfn(undefined) }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 Sg: VpcId could not be resolved: not given, which means the default VPC', mn3('Sg', where),
    ]);
    expect(findings(extractTerraform({ s: tf(undefined) }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_security_group.sg: vpc_id could not be resolved: not given, which means the default VPC', mn3('aws_security_group.sg', where),
    ]);
  });

  test('its separate rules count as its own', () => {
    const rule = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: '-1', CidrIp: '10.1.0.0/16' } };
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC, [], { Rule: rule }) }), ['MN-3'])).toEqual([mn3('Sg', literal)]);
  });

  test('controls: in the My Number VPC, narrow; in the literal VPC, rules within it only: no finding', () => {
    expect(findings(extractCloudFormation({ s: cfn({ Ref: 'MnVpc' }, ONE_HOST) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC, ONE_HOST) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
    expect(findings(extractTerraform({ s: tf(OUTSIDE_VPC, { ingress: [] }) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({ s: cfn(OUTSIDE_VPC) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3' || f.ruleId === 'LG-2');
    expect(found.map((f) => f.ja?.message)).toEqual(expect.arrayContaining([
      expect.stringContaining(`ガードが位置を特定できない VPC ${OUTSIDE_VPC}（マイナンバー利用事務系のものかもしれない）にあるセキュリティグループ Sg: `),
      expect.stringContaining(`ガードが位置を特定できない VPC ${OUTSIDE_VPC}（インターネット接続系のものかもしれない）にあるセキュリティグループ Sg が、LGWAN接続系からの接続開始を受け入れている`),
    ]));
    for (const f of found) expect(notJapanese(f.ja?.message)).toBeUndefined();
    const unset = checkTopology(extractCloudFormation({ s: cfn(undefined) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(unset[0].ja?.message).toContain('ガードがモデル化しない既定の VPC（マイナンバー利用事務系のものかもしれない）にあるセキュリティグループ Sg');
    expect(notJapanese(unset[0].ja?.message)).toBeUndefined();
    const guard1 = checkTopology(extractCloudFormation({ s: cfn(undefined) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(guard1.map((f) => f.ja?.message)).toEqual(['VpcId を解決できない: 指定がなく、既定の VPC を意味する']);
  });
});

describe('a peer security group in a VPC the guard cannot place counts as one of the other side', () => {
  /** A My Number host's group admitting all traffic from a group (Peer) in `vpc`; Sg (in `own`) admitting all from Peer too. */
  function peers(vpc: unknown, own: unknown = { Ref: 'MnVpc' }): Record<string, any> {
    const fromPeer = [{ IpProtocol: '-1', SourceSecurityGroupId: { 'Fn::GetAtt': ['Peer', 'GroupId'] } }];
    return cfn(own, fromPeer, { Peer: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'peer', VpcId: vpc, SecurityGroupEgress: ONE_HOST } } });
  }

  test('a My Number group admitting all traffic from it: MN-3, naming the peer\'s VPC', () => {
    expect(findings(extractCloudFormation({ s: peers(OUTSIDE_VPC) }), ['MN-3', 'GUARD-1'])).toEqual([
      `MN-3 Sg: security group Sg: its ingress rules from the LGWAN segment allow all traffic (security group Peer, ${literal} (it may be of the LGWAN segment))`,
    ]);
  });

  test('controls: both groups in the same literal VPC are of one segment; a group admitting itself; a peer of the My Number VPC', () => {
    expect(findings(extractCloudFormation({ s: peers(OUTSIDE_VPC, OUTSIDE_VPC) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
    const self = cfn(OUTSIDE_VPC, [{ IpProtocol: '-1', SourceSecurityGroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] } }]);
    expect(findings(extractCloudFormation({ s: self }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
    expect(findings(extractCloudFormation({ s: peers({ Ref: 'MnVpc' }) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([]);
  });

  test('two different literal VPCs are not one: MN-3 both ways', () => {
    expect(findings(extractCloudFormation({ s: peers(OUTSIDE_VPC, 'vpc-0fedcba9876543210') }), ['MN-3'])).toEqual([
      'MN-3 Sg: security group Sg, in VPC vpc-0fedcba9876543210, which the guard cannot place (it may be of the LGWAN segment): its ingress rules from the MY_NUMBER '
      + `segment allow all traffic (security group Peer, ${literal} (it may be of the MY_NUMBER segment))`,
      'MN-3 Sg: security group Sg, in VPC vpc-0fedcba9876543210, which the guard cannot place (it may be of the MY_NUMBER segment): its ingress rules from the LGWAN '
      + `segment allow all traffic (security group Peer, ${literal} (it may be of the LGWAN segment))`,
    ]);
  });
});

describe('a group whose VpcId the guard cannot read naming itself is a peer it cannot place (task multi45)', () => {
  const unread = 'in a VPC the guard cannot read';
  /** MN-3 both ways: the group judged as one of each segment, its members as the other's. */
  const selfRule = (group: string) => [['LGWAN', 'MY_NUMBER'], ['MY_NUMBER', 'LGWAN']].map(([own, other]) => `MN-3 ${group}: security group ${group}, `
    + `${unread} (it may be of the ${own} segment): its ingress rules from the ${other} segment allow all traffic (security group ${group}, ${unread} `
    + `(it may be of the ${other} segment))`);

  test('CloudFormation: a parameter VpcId, a rule admitting the group itself: MN-3 for that rule', () => {
    const self = cfn({ Ref: 'Vpc' }, [{ IpProtocol: '-1', SourceSecurityGroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] } }]);
    expect(findings(extractCloudFormation({ s: self }), ['MN-3'])).toEqual(selfRule('Sg'));
  });

  test('Terraform: a variable vpc_id, self = true: the same', () => {
    const self = tf('${var.vpc}', { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] });
    expect(findings(extractTerraform({ s: self }), ['MN-3'])).toEqual(selfRule('aws_security_group.sg'));
  });

  test('controls: the same group in a literal VPC or the default VPC admitting itself: no MN-3', () => {
    const rule = [{ IpProtocol: '-1', SourceSecurityGroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] } }];
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_VPC, rule) }), ['MN-3'])).toEqual([]);
    expect(findings(extractCloudFormation({ s: cfn(undefined, rule) }), ['MN-3'])).toEqual([]);
    const self = { ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true }] };
    expect(findings(extractTerraform({ s: tf(OUTSIDE_VPC, self) }), ['MN-3'])).toEqual([]);
    expect(findings(extractTerraform({ s: tf(undefined, self) }), ['MN-3'])).toEqual([]);
  });
});

describe('PL-1: a role label the guard cannot place may be in a segment the model does not allow', () => {
  const labelled = (vpc: unknown) => {
    const t = cfn(vpc, ONE_HOST);
    t.Resources.Sg.Properties.Tags = [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }];
    return t;
  };
  const pl1 = (at: string, where: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) ${where} `
    + '(it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';

  test('a My Number system\'s group in a literal VPC, both engines', () => {
    expect(findings(extractCloudFormation({ s: labelled(OUTSIDE_VPC) }), ['PL-1'])).toEqual([pl1('Sg', literal)]);
    const g = extractTerraform({ s: tf(OUTSIDE_VPC, { ingress: [], tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } }) });
    expect(findings(g, ['PL-1'])).toEqual([pl1('aws_security_group.sg', literal)]);
  });

  test('its group without a VpcId is the default VPC\'s', () => {
    expect(findings(extractCloudFormation({ s: labelled(undefined) }), ['PL-1'])).toEqual([pl1('Sg', 'in the default VPC, which the guard does not model')]);
  });

  test('an instance in a subnet given by a literal id (Terraform)', () => {
    const instance = { aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: 'subnet-0123456789abcdef0', tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } } } };
    expect(findings(extractTerraform({ s: tf('${aws_vpc.mn.id}', { ingress: [] }, instance) }), ['PL-1']))
      .toEqual([pl1('aws_instance.app', 'in subnet subnet-0123456789abcdef0, which the guard cannot place')]);
  });

  test('an association of a labelled group with a literal VPC', () => {
    const t = labelled({ Ref: 'MnVpc' });
    t.Resources.Assoc = { Type: 'AWS::EC2::SecurityGroupVpcAssociation', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, VpcId: OUTSIDE_VPC } };
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([pl1('Assoc', literal)]);
  });

  test('subnets of two segments: the one the model does not allow is named', () => {
    const t = cfn({ Ref: 'MnVpc' }, ONE_HOST, {
      Asg: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'MnSub' }, { Ref: 'LgSub' }], Tags: [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM', PropagateAtLaunch: true }] },
      },
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1']))
      .toEqual(['PL-1 Asg: a My Number system (マイナンバー利用事務系の業務システム) in LGWAN接続系, but αモデル places them in マイナンバー利用事務系']);
  });

  test('controls: in the My Number VPC, or a subnet of it: no finding', () => {
    expect(findings(extractCloudFormation({ s: labelled({ Ref: 'MnVpc' }) }), ['PL-1'])).toEqual([]);
    const instance = { aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}', tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } } } };
    expect(findings(extractTerraform({ s: tf('${aws_vpc.mn.id}', { ingress: [] }, instance) }), ['PL-1'])).toEqual([]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({ s: labelled(OUTSIDE_VPC) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'PL-1');
    expect(found[0].ja?.message).toBe(`マイナンバー利用事務系の業務システムがガードが位置を特定できない VPC ${OUTSIDE_VPC}（LGWAN接続系またはインターネット接続系のものかもしれない）`
      + 'にあるが、αモデルではマイナンバー利用事務系に置く');
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
    expect(notJapanese(found[0].ja?.fix)).toBeUndefined();
  });
});

describe('a Terraform plan: a group in a VPC looked up by a data source has that VPC\'s literal id', () => {
  const ref = (...references: string[]) => ({ references });
  type Values = Record<string, unknown>;
  type R = { address: string; mode?: string; values: Values; unknown?: Values; expressions?: Values };
  const plan = (resources: R[]) => handPlan(resources);
  const vpc = (name: string, cidr: string, segment: string): R => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: null, tags_all: { [SEG]: segment } }, unknown: { id: true, arn: true },
  });
  const resources = (group: R): R[] => [
    vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'),
    // Labelled LGWAN: the guard reads a data source's values only where a resource uses them, as literals (semantics §11).
    { address: 'data.aws_vpc.existing', mode: 'data', values: { id: OUTSIDE_VPC, cidr_block: '10.1.0.0/16', tags: { [SEG]: 'LGWAN' } } },
    group,
    {
      address: 'aws_vpc_security_group_ingress_rule.in',
      values: { ip_protocol: '-1', cidr_ipv4: '10.1.0.0/16' },
      unknown: { id: true, security_group_id: true },
      expressions: { security_group_id: ref('aws_security_group.sg.id', 'aws_security_group.sg') },
    },
  ];

  test('its rules are judged as a My Number group\'s: MN-3, naming the VPC', () => {
    const group: R = {
      address: 'aws_security_group.sg',
      values: { vpc_id: OUTSIDE_VPC, ingress: [], egress: [] },
      unknown: { id: true },
      expressions: { vpc_id: ref('data.aws_vpc.existing.id', 'data.aws_vpc.existing') },
    };
    expect(findings(extractTerraformPlan(plan(resources(group)) as any), ['MN-3', 'GUARD-1'])).toEqual([mn3('aws_security_group.sg', literal)]);
  });

  test('control: the same group in the My Number VPC of the plan admits LGWAN by a rule the guard judges as it always did', () => {
    const group: R = {
      address: 'aws_security_group.sg',
      values: { ingress: [], egress: [] },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: ref('aws_vpc.mn.id', 'aws_vpc.mn') },
    };
    expect(findings(extractTerraformPlan(plan(resources(group)) as any), ['MN-3', 'GUARD-1']))
      .toEqual(['MN-3 aws_security_group.sg: security group aws_security_group.sg: its ingress rules from the LGWAN segment allow all traffic (10.1.0.0/16)']);
  });
});
