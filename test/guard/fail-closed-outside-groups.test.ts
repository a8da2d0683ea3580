/**
 * What the guard cannot place, read as possibly anywhere (fail closed, docs/guard-semantics.md §7, §10):
 *
 * 1. Rules the output writes for a security group it does not hold — `AWS::EC2::SecurityGroupIngress` / `Egress` with a
 *    literal `sg-…` GroupId or a parameter, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` /
 *    `_egress_rule` with a literal id or a variable, `aws_default_security_group` of a literal VPC. The group may be a
 *    My Number group; its rules were judged by no rule (a literal id passed; a parameter only got GUARD-1's "could not
 *    be resolved"). Now they are judged as a group of every segment's (MN-3 / LG-2 / LG-3), as a group in a VPC the
 *    guard cannot place is (a4b8a92).
 * 2. BP-1 (β′ business systems in the Internet segment) skipped a business system it could not place (a literal VPC,
 *    subnets of two segments): now judged as one in the Internet segment, naming where, as PL-1 does (55ff7de).
 * 3. A labelled instance or Auto Scaling group naming no subnet runs in the default VPC: PL-1 skipped it; now reported
 *    as a labelled group without a VpcId is.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf } from '../support/two-segments';

const OUTSIDE_SG = 'sg-0123456789abcdef0';
const OUTSIDE_VPC = 'vpc-0123456789abcdef0';
const SEG = 'jichitai:segment';
const ROLE = 'jichitai:role';
const HOST = 'jichitai:host';

/** MN-3 for the rules written for a group outside the output, named `group`, at the rule resource `at`. */
const mn3 = (at: string, group: string, direction = 'ingress rules from', what = 'allow all traffic (10.1.0.0/16)') =>
  `MN-3 ${at}: security group ${group}, a group outside what the guard reads, which may be of the MY_NUMBER segment: its ${direction} the LGWAN segment ${what}`;

/** A CloudFormation rule resource of `type` on `group`, for all traffic with the LGWAN VPC's block unless `rule` says otherwise. */
function cfnRule(group: unknown, type = 'AWS::EC2::SecurityGroupIngress', rule: Record<string, unknown> = { IpProtocol: '-1', CidrIp: '10.1.0.0/16' }) {
  return {
    Parameters: { Group: { Type: 'AWS::EC2::SecurityGroup::Id' } },
    Resources: { ...myNumberAndLgwan(), Rule: { Type: type, Properties: { GroupId: group, ...rule } } },
  };
}

/** The two segments in Terraform, with `extra` resources. */
function tf(extra: Record<string, unknown>): TerraformJson {
  return {
    resource: {
      ...myNumberAndLgwanTf(),
      ...extra,
    },
  } as TerraformJson;
}

const ALL_FROM_LGWAN = { protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['10.1.0.0/16'] };

describe('rules written for a group the output does not hold are judged as a group of every segment\'s', () => {
  test('CloudFormation, a literal sg- GroupId: MN-3 and LG-2, naming the group, at the rule', () => {
    expect(findings(extractCloudFormation({ s: cfnRule(OUTSIDE_SG) }), ['MN-3', 'LG-2', 'GUARD-1'])).toEqual([
      'LG-2 Rule: security group sg-0123456789abcdef0, a group outside what the guard reads, which may be of the INTERNET segment, lets the LGWAN segment open '
      + 'connections into it (all traffic from 10.1.0.0/16); with no flow declared, the guard cannot tell whether that is the direction the model gives '
      + '(sanitization relay into LGWAN, screen transfer from the terminals\' segment)',
      'LG-2 Rule: security group sg-0123456789abcdef0, a group outside what the guard reads, which may be of the INTERNET segment: its ingress rules from the '
      + 'LGWAN segment allow all traffic (10.1.0.0/16)',
      mn3('Rule', OUTSIDE_SG),
    ]);
  });

  test('CloudFormation, an egress rule on a parameter: GUARD-1 for the value, and MN-3 naming the property', () => {
    expect(findings(extractCloudFormation({ s: cfnRule({ Ref: 'Group' }, 'AWS::EC2::SecurityGroupEgress') }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 Rule: GroupId could not be resolved: template parameter Group is known only at deploy time',
      mn3('Rule', 'Rule.GroupId', 'egress rules toward'),
    ]);
  });

  test('Terraform: aws_security_group_rule, aws_vpc_security_group_ingress_rule / _egress_rule with a literal id', () => {
    const rule = { aws_security_group_rule: { r: { type: 'ingress', security_group_id: OUTSIDE_SG, ...ALL_FROM_LGWAN } } };
    expect(findings(extractTerraform({ s: tf(rule) }), ['MN-3', 'GUARD-1'])).toEqual([mn3('aws_security_group_rule.r', OUTSIDE_SG)]);
    const vpcRules = {
      aws_vpc_security_group_ingress_rule: { i: { security_group_id: OUTSIDE_SG, ip_protocol: '-1', cidr_ipv4: '10.1.0.0/16' } },
      aws_vpc_security_group_egress_rule: { e: { security_group_id: OUTSIDE_SG, ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.1.0.10/32' } },
    };
    // One group as written: its ingress and egress findings point at the first rule resource that names it.
    expect(findings(extractTerraform({ s: tf(vpcRules) }), ['MN-3', 'GUARD-1'])).toEqual([
      mn3('aws_vpc_security_group_egress_rule.e', OUTSIDE_SG, 'egress rules toward', 'open every tcp port to 10.1.0.10'),
      mn3('aws_vpc_security_group_egress_rule.e', OUTSIDE_SG),
    ]);
  });

  test('Terraform: a variable is named by its property, GUARD-1 besides', () => {
    const rule = { aws_security_group_rule: { r: { type: 'ingress', security_group_id: '${var.group}', ...ALL_FROM_LGWAN } } };
    expect(findings(extractTerraform({ s: tf(rule) }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_security_group_rule.r: security_group_id could not be resolved: ${var.group} uses an input variable, known only at plan time',
      mn3('aws_security_group_rule.r', 'aws_security_group_rule.r.security_group_id'),
    ]);
  });

  test('Terraform: aws_default_security_group of a literal VPC is that VPC\'s default group; without vpc_id, the default VPC\'s', () => {
    const literal = { aws_default_security_group: { d: { vpc_id: OUTSIDE_VPC, ingress: [ALL_FROM_LGWAN] } } };
    expect(findings(extractTerraform({ s: tf(literal) }), ['MN-3', 'GUARD-1'])).toEqual([mn3('aws_default_security_group.d', `${OUTSIDE_VPC}#default-security-group`)]);
    const unset = { aws_default_security_group: { d: { ingress: [ALL_FROM_LGWAN] } } };
    expect(findings(extractTerraform({ s: tf(unset) }), ['MN-3', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_default_security_group.d: vpc_id could not be resolved: not given, which means the default VPC',
      mn3('aws_default_security_group.d', 'aws_default_security_group.d.vpc_id'),
    ]);
  });

  test('a Terraform plan: a group id looked up by a data source is a literal', () => {
    const resources = [
      { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: null, tags_all: { [SEG]: 'MY_NUMBER' } }, unknown: { id: true } },
      { address: 'aws_vpc.lg', values: { cidr_block: '10.1.0.0/16', tags: null, tags_all: { [SEG]: 'LGWAN' } }, unknown: { id: true } },
      { address: 'data.aws_security_group.existing', mode: 'data', values: { id: OUTSIDE_SG, vpc_id: OUTSIDE_VPC } },
      {
        address: 'aws_vpc_security_group_ingress_rule.in',
        values: { ip_protocol: '-1', cidr_ipv4: '10.1.0.0/16', security_group_id: OUTSIDE_SG },
        unknown: { id: true },
        expressions: { security_group_id: { references: ['data.aws_security_group.existing.id', 'data.aws_security_group.existing'] } },
      },
    ] as { address: string; mode?: string; values: unknown; unknown?: unknown; expressions?: unknown }[];
    const plan = handPlan(resources);
    expect(findings(extractTerraformPlan(plan as any), ['MN-3', 'GUARD-1'])).toEqual([mn3('aws_vpc_security_group_ingress_rule.in', OUTSIDE_SG)]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({ s: cfnRule(OUTSIDE_SG) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3' || f.ruleId === 'LG-2');
    expect(found.map((f) => f.ja?.message)).toEqual(expect.arrayContaining([
      expect.stringContaining(`ガードが読む範囲外の、マイナンバー利用事務系のものかもしれないセキュリティグループ ${OUTSIDE_SG}: LGWAN接続系からのインバウンドルールが`),
      expect.stringContaining(`ガードが読む範囲外の、インターネット接続系のものかもしれないセキュリティグループ ${OUTSIDE_SG} が、LGWAN接続系からの接続開始を受け入れている`),
    ]));
    for (const f of found) expect(notJapanese(f.ja?.message)).toBeUndefined();
    const parameter = checkTopology(extractCloudFormation({ s: cfnRule({ Ref: 'Group' }) }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(notJapanese(parameter[0].ja?.message)).toBeUndefined();
  });

  test('controls: a narrow rule; a rule on a group of the output (judged as before)', () => {
    // (LG-2's direction part still asks, as for any group that may be of the Internet segment, who may open connections
    // from LGWAN into it: with no flow declared, a warning.)
    const narrow = cfnRule(OUTSIDE_SG, 'AWS::EC2::SecurityGroupIngress', { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.10/32' });
    expect(findings(extractCloudFormation({ s: narrow }), ['MN-3', 'LG-3', 'GUARD-1'])).toEqual([]);
    const own = cfnRule({ 'Fn::GetAtt': ['Sg', 'GroupId'] });
    (own.Resources as Record<string, unknown>).Sg = {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'x', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.10/32' }] },
    };
    expect(findings(extractCloudFormation({ s: own }), ['MN-3', 'GUARD-1']))
      .toEqual(['MN-3 Sg: security group Sg: its ingress rules from the LGWAN segment allow all traffic (10.1.0.0/16)']);
    const rule = { aws_vpc_security_group_ingress_rule: { i: { security_group_id: OUTSIDE_SG, ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.1.0.10/32' } } };
    expect(findings(extractTerraform({ s: tf(rule) }), ['MN-3', 'LG-3', 'GUARD-1'])).toEqual([]);
  });

  test('a group naming itself is a peer outside what the guard reads, not one of its own segment: its members may be in any VPC (task sg45)', () => {
    const self = cfnRule(OUTSIDE_SG, 'AWS::EC2::SecurityGroupIngress', { IpProtocol: '-1', SourceSecurityGroupId: OUTSIDE_SG });
    expect(findings(extractCloudFormation({ s: self }), ['MN-3'])).toContain(mn3('Rule', OUTSIDE_SG, 'ingress rules from',
      `allow all traffic (security group ${OUTSIDE_SG} outside what the guard reads)`));
  });
});

/** Three segments in CloudFormation, for β′: an Internet VPC 10.2.0.0/16 with subnet InSub besides My Number and LGWAN. */
function threeSegments(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: [{ Key: SEG, Value: 'INTERNET' }] } },
      InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
      ...extra,
    },
  };
}

/** A business system's own group (host `files`) in `vpc`, admitting `ingress`. */
function businessGroup(vpc: unknown, ingress: unknown[] = [{ IpProtocol: '-1', CidrIp: '10.2.0.0/16' }]): Record<string, unknown> {
  return {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'files',
      VpcId: vpc,
      SecurityGroupIngress: ingress,
      SecurityGroupEgress: [],
      Tags: [{ Key: ROLE, Value: 'BUSINESS_SYSTEM' }, { Key: HOST, Value: 'files' }],
    },
  };
}

describe('BP-1 judges a business system it cannot place as one in the Internet segment', () => {
  const bp1 = (g: TopologyGraph) => findings(g, ['BP-1'], NetworkModel.BETA_PRIME);

  test('its group in a literal VPC admitting all traffic: BP-1, naming the VPC', () => {
    expect(bp1(extractCloudFormation({ s: threeSegments({ Files: businessGroup(OUTSIDE_VPC) }) }))).toEqual([
      `BP-1 Files: business system files, in VPC ${OUTSIDE_VPC}, which the guard cannot place (it may be of the INTERNET segment): `
      + 'security group Files admits all traffic from 10.2.0.0/16',
    ]);
  });

  test('an instance with subnets in the Internet and LGWAN segments (both allowed for β′ business systems, so no PL-1)', () => {
    const t = threeSegments({
      Files: businessGroup({ Ref: 'LgVpc' }),
      Asg: {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: {
          MinSize: '1',
          MaxSize: '1',
          VPCZoneIdentifier: [{ Ref: 'InSub' }, { Ref: 'LgSub' }],
          Tags: [{ Key: ROLE, Value: 'BUSINESS_SYSTEM', PropagateAtLaunch: true }, { Key: HOST, Value: 'files', PropagateAtLaunch: true }],
        },
      },
    });
    const g = extractCloudFormation({ s: t });
    expect(findings(g, ['PL-1'], NetworkModel.BETA_PRIME)).toEqual([]);
    expect(bp1(g)).toEqual(['BP-1 Files: business system files: security group Files admits all traffic from 10.2.0.0/16']);
  });

  test('worded in Japanese too', () => {
    const graph = extractCloudFormation({ s: threeSegments({ Files: businessGroup(OUTSIDE_VPC) }) });
    const found = checkTopology(graph, { model: NetworkModel.BETA_PRIME }).filter((f) => f.ruleId === 'BP-1');
    expect(found[0].ja?.message).toBe(`ガードが位置を特定できない VPC ${OUTSIDE_VPC}（インターネット接続系のものかもしれない）にある業務システム files: `
      + 'セキュリティグループ Files が10.2.0.0/16 からのすべての通信を受け入れている');
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
  });

  test('controls: in the LGWAN VPC, not judged; in the Internet VPC, narrow: no finding', () => {
    expect(bp1(extractCloudFormation({ s: threeSegments({ Files: businessGroup({ Ref: 'LgVpc' }) }) }))).toEqual([]);
    const narrow = businessGroup({ Ref: 'InVpc' }, [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.2.0.10/32' }]);
    expect(bp1(extractCloudFormation({ s: threeSegments({ Files: narrow }) }))).toEqual([]);
  });
});

describe('PL-1: a labelled instance or Auto Scaling group naming no subnet runs in the default VPC', () => {
  const pl1 = (at: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in the default VPC, which the guard does not model `
    + '(it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';
  const tags = [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }];

  test('CloudFormation: an instance, an Auto Scaling group', () => {
    const t = {
      Resources: {
        ...myNumberAndLgwan(),
        App: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', Tags: tags } },
        Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', AvailabilityZones: ['ap-northeast-1a'], Tags: tags } },
      },
    };
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([pl1('App'), pl1('Asg')]);
  });

  test('Terraform: an instance', () => {
    const instance = { aws_instance: { app: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } } } };
    expect(findings(extractTerraform({ s: tf(instance) }), ['PL-1'])).toEqual([pl1('aws_instance.app')]);
  });

  test('controls: an instance in a My Number subnet, by its interfaces or a launch template; a function in no VPC is not in the default VPC', () => {
    const t = {
      Resources: {
        ...myNumberAndLgwan(),
        ByInterface: {
          Type: 'AWS::EC2::Instance',
          Properties: { ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: { Ref: 'MnSub' } }], Tags: tags },
        },
        BySubnet: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, Tags: tags } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', Tags: tags } },
      },
    };
    // A function outside any VPC runs in none of the account's VPCs: a label the guard cannot place (label-placement.test.ts).
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual(['PL-1 Fn: a My Number system (マイナンバー利用事務系の業務システム) where the guard '
      + 'cannot place it, naming no subnet or VPC that it reads (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系']);
    // A launch template of the configuration whose interface is in the My Number subnet (one outside it may put the instance
    // anywhere: label-placement.test.ts).
    const instance = {
      aws_launch_template: { lt: { image_id: 'ami-0123456789abcdef0', network_interfaces: { device_index: 0, subnet_id: '${aws_subnet.mn.id}' } } },
      aws_instance: { app: { instance_type: 't3.micro', launch_template: { id: '${aws_launch_template.lt.id}' }, tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } } },
    };
    expect(findings(extractTerraform({ s: tf(instance) }), ['PL-1'])).toEqual([]);
  });
});
