/**
 * Where a labelled instance (`jichitai:role`) runs, for PL-1, BP-1 and AP-7 (docs/guard-semantics.md §7): read as the
 * guard reads its interfaces for reachability (bridges.ts `homeEntries`, `instancePlaces`). An instance placed only by
 * its network interfaces (CloudFormation `NetworkInterfaces[].SubnetId`, an interface by id) or only by its launch
 * template's interfaces (CloudFormation `LaunchTemplateData.NetworkInterfaces`, Terraform `aws_launch_template`
 * `network_interfaces`) named no subnet for its label: PL-1 could not judge it, and a My Number system in an LGWAN subnet
 * passed. An interface or launch template the guard cannot place (given by id outside the output) may be anywhere: the
 * label is reported as one it cannot place.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const ROLE = 'jichitai:role';
const SEG = 'jichitai:segment';
const ENI = 'eni-0123456789abcdef0';
const LT = 'lt-0123456789abcdef0';
const AMI = 'ami-0123456789abcdef0';

/** PL-1 for a My Number system placed by a network interface or launch template the guard cannot place (α). */
const PL1_UNPLACED = (at: string, what: string, id: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in ${what} ${id}, `
  + 'which the guard cannot place (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';

const MY_NUMBER = [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }];

/** The two CloudFormation segments with `extra` resources. */
function cfn(extra: Record<string, unknown>): Record<string, unknown> {
  return { Resources: { ...myNumberAndLgwan(), ...extra } };
}

/** A labelled CloudFormation instance with `properties`. */
function instance(properties: Record<string, unknown>, tags = MY_NUMBER): Record<string, unknown> {
  return { Type: 'AWS::EC2::Instance', Properties: { ImageId: AMI, ...properties, Tags: tags } };
}

/** A CloudFormation launch template whose one interface is in `subnet`. */
function template(subnet: unknown): Record<string, unknown> {
  return { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: AMI, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet }] } } };
}

describe('PL-1: a CloudFormation instance placed by its network interfaces or its launch template', () => {
  test('by NetworkInterfaces[].SubnetId in an LGWAN subnet: PL-1', () => {
    const t = cfn({ App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: { Ref: 'LgSub' } }] }) });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([PL1_LG('App')]);
  });

  test('by an interface of the template given by id (its SubnetId in LGWAN): PL-1', () => {
    const t = cfn({
      Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'LgSub' } } },
      App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Eni' } }] }),
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([PL1_LG('App')]);
  });

  test('by its launch template\'s interfaces (LaunchTemplateData.NetworkInterfaces) in an LGWAN subnet: PL-1', () => {
    const t = cfn({ Lt: template({ Ref: 'LgSub' }), App: instance({ LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } }) });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([PL1_LG('App')]);
    // By the template's name too.
    const byName = cfn({ Lt: template({ Ref: 'LgSub' }), App: instance({ LaunchTemplate: { LaunchTemplateName: { 'Fn::GetAtt': ['Lt', 'LaunchTemplateName'] }, Version: '1' } }) });
    expect(findings(extractCloudFormation({ s: byName }), ['PL-1'])).toEqual([PL1_LG('App')]);
  });

  test('an interface by a literal id, a launch template outside the output: reported as labels it cannot place', () => {
    const byEni = cfn({ App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: ENI }] }) });
    expect(findings(extractCloudFormation({ s: byEni }), ['PL-1'])).toEqual([PL1_UNPLACED('App', 'network interface', ENI)]);
    const byTemplate = cfn({ App: instance({ LaunchTemplate: { LaunchTemplateId: LT, Version: '1' } }) });
    expect(findings(extractCloudFormation({ s: byTemplate }), ['PL-1'])).toEqual([PL1_UNPLACED('App', 'launch template', LT)]);
  });

  test('interfaces given by a parameter or condition: labels it cannot place (GUARD-1 besides)', () => {
    const unread = 'PL-1 App: a My Number system (マイナンバー利用事務系の業務システム) in a network interface the guard cannot read (it may be of LGWAN接続系 '
      + 'or インターネット接続系), but αモデル places them in マイナンバー利用事務系';
    const byParameter = { ...cfn({ App: instance({ NetworkInterfaces: { Ref: 'Nics' } }) }), Parameters: { Nics: { Type: 'String' } } };
    expect(findings(extractCloudFormation({ s: byParameter }), ['PL-1'])).toEqual([unread]);
    const byCondition = {
      ...cfn({ App: instance({ NetworkInterfaces: [{ 'Fn::If': ['Mn', { DeviceIndex: '0', SubnetId: { Ref: 'MnSub' } }, { DeviceIndex: '0', SubnetId: { Ref: 'LgSub' } }] }] }) }),
      Parameters: { Where: { Type: 'String' } },
      Conditions: { Mn: { 'Fn::Equals': [{ Ref: 'Where' }, 'mn'] } },
    };
    expect(findings(extractCloudFormation({ s: byCondition }), ['PL-1'])).toEqual([unread]);
    expect(findings(extractCloudFormation({ s: byCondition }), ['GUARD-1'])).not.toEqual([]);
  });

  test('a template of the output whose interfaces name no subnet: the default VPC', () => {
    const t = cfn({
      Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: AMI } } },
      App: instance({ LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } }),
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual(['PL-1 App: a My Number system (マイナンバー利用事務系の業務システム) in the default VPC, which the guard '
      + 'does not model (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系']);
  });

  test('worded in Japanese too', () => {
    const byEni = cfn({ App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: ENI }] }) });
    const found = checkTopology(extractCloudFormation({ s: byEni }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'PL-1');
    expect(found[0].ja?.message).toBe(`マイナンバー利用事務系の業務システムがガードが位置を特定できないネットワークインターフェース ${ENI}`
      + '（LGWAN接続系またはインターネット接続系のものかもしれない）にあるが、αモデルではマイナンバー利用事務系に置く');
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
    expect(notJapanese(found[0].ja?.fix)).toBeUndefined();
  });

  test('controls: in the My Number subnet by its interfaces, its template, or its own SubnetId with a template elsewhere: no PL-1', () => {
    const t = cfn({
      Lt: template({ Ref: 'MnSub' }),
      Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' } } },
      ByInterface: instance({ NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: { Ref: 'MnSub' } }] }),
      ByEni: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Eni' } }] }),
      ByTemplate: instance({ LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } }),
      OwnSubnet: instance({ SubnetId: { Ref: 'MnSub' }, LaunchTemplate: { LaunchTemplateId: LT, Version: '1' } }),
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([]);
  });
});

/** The two Terraform segments with `extra` resources. */
function tf(extra: Record<string, unknown>): TerraformJson {
  return { resource: { ...myNumberAndLgwanTf(), ...extra } } as TerraformJson;
}

const TF_ROLE = { [ROLE]: 'MY_NUMBER_SYSTEM' };

describe('PL-1: a Terraform instance placed by its network interfaces or its launch template', () => {
  test('by its launch template\'s network_interfaces { subnet_id } in an LGWAN subnet: PL-1', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, network_interfaces: [{ device_index: 0, subnet_id: '${aws_subnet.lg.id}' }] } },
      aws_instance: { app: { launch_template: { id: '${aws_launch_template.lt.id}', version: '$Latest' }, tags: TF_ROLE } },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1'])).toEqual([PL1_LG('aws_instance.app')]);
  });

  test('by a network_interface { network_interface_id } of the configuration in an LGWAN subnet: PL-1', () => {
    const t = tf({
      aws_network_interface: { eni: { subnet_id: '${aws_subnet.lg.id}' } },
      aws_instance: { app: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: '${aws_network_interface.eni.id}' }], tags: TF_ROLE } },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1'])).toEqual([PL1_LG('aws_instance.app')]);
  });

  test('an interface by a literal id, a launch template outside the configuration: reported as labels it cannot place', () => {
    const byEni = tf({ aws_instance: { app: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: ENI }], tags: TF_ROLE } } });
    expect(findings(extractTerraform({ s: byEni }), ['PL-1'])).toEqual([PL1_UNPLACED('aws_instance.app', 'network interface', ENI)]);
    const byTemplate = tf({ aws_instance: { app: { launch_template: { id: LT }, tags: TF_ROLE } } });
    expect(findings(extractTerraform({ s: byTemplate }), ['PL-1'])).toEqual([PL1_UNPLACED('aws_instance.app', 'launch template', LT)]);
  });

  test('a launch template given by a variable: a label it cannot place (GUARD-1 besides)', () => {
    const t = tf({ aws_instance: { app: { launch_template: '${var.template}', tags: TF_ROLE } } });
    expect(findings(extractTerraform({ s: t }), ['PL-1'])).toEqual(['PL-1 aws_instance.app: a My Number system (マイナンバー利用事務系の業務システム) in a launch '
      + 'template the guard cannot read (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系']);
    expect(findings(extractTerraform({ s: t }), ['GUARD-1'])).not.toEqual([]);
  });

  test('controls: in the My Number subnet by its template or its interface: no PL-1', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, network_interfaces: { device_index: 0, subnet_id: '${aws_subnet.mn.id}' } } },
      aws_network_interface: { eni: { subnet_id: '${aws_subnet.mn.id}' } },
      aws_instance: {
        a: { launch_template: [{ name: '${aws_launch_template.lt.name}' }], tags: TF_ROLE },
        b: { ami: AMI, network_interface: { device_index: 0, network_interface_id: '${aws_network_interface.eni.id}' }, tags: TF_ROLE },
      },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1'])).toEqual([]);
  });
});

describe('PL-1: a planned Terraform instance placed by its launch template', () => {
  /** The two segments planned, with `extra` resources. */
  function plan(extra: PlannedResource[]): unknown {
    const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
      address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment } }, unknown: { id: true },
    });
    const subnet = (name: string, cidr: string): PlannedResource => ({
      address: `aws_subnet.${name}`,
      values: { cidr_block: cidr, tags: null },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
    });
    return handPlan([vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), subnet('mn', '10.0.0.0/24'), subnet('lg', '10.1.0.0/24'), ...extra]);
  }
  const planned = (subnet: string): PlannedResource[] => [
    {
      address: 'aws_launch_template.lt',
      values: { image_id: AMI, network_interfaces: [{ device_index: 0 }], tags: null },
      unknown: { id: true, network_interfaces: [{ subnet_id: true }] },
      expressions: { network_interfaces: [{ device_index: { constant_value: 0 }, subnet_id: { references: [`aws_subnet.${subnet}.id`, `aws_subnet.${subnet}`] } }] },
    },
    {
      address: 'aws_instance.app',
      values: { launch_template: [{ version: '$Latest' }], tags: TF_ROLE },
      unknown: { id: true, subnet_id: true, launch_template: [{ id: true, name: true }] },
      expressions: { launch_template: [{ id: { references: ['aws_launch_template.lt.id', 'aws_launch_template.lt'] }, version: { constant_value: '$Latest' } }] },
    },
  ];

  test('its template\'s interface in an LGWAN subnet: PL-1; in the My Number subnet: none', () => {
    expect(findings(extractTerraformPlan(plan(planned('lg')) as any), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_instance.app')]);
    expect(findings(extractTerraformPlan(plan(planned('mn')) as any), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

/**
 * AP-7 (α′): compute the guard cannot place may sit in an LGWAN subnet routed to the breakout (fail closed, semantics §10).
 * Its label loops skipped a label in a subnet outside the output (a literal `subnet-…` id), and an unlabelled resource
 * there was judged by no rule; a labelled instance placed only by its interfaces was not judged at all.
 */
describe('AP-7: compute placed where the guard cannot place it, and an instance placed by its interfaces', () => {
  const OUTSIDE_SUBNET = 'subnet-0123456789abcdef0';
  const ap7 = (g: TopologyGraph, model = NetworkModel.ALPHA_PRIME) => findings(g, ['AP-7'], model);
  const system = (role: string) => [{ Key: ROLE, Value: role }];
  const onlyTerminals = 'only terminal pools (業務端末) and update clients may use the breakout';
  const labelledOutside = (at: string, role: string, where: string) => `AP-7 ${at}: labelled ${role}, it sits ${where}, which the guard cannot place `
    + `(it may be of the LGWAN segment), and so perhaps in an LGWAN subnet that reaches the breakout; ${onlyTerminals} (fail closed)`;
  const unlabelledOutside = (at: string, type: string, property: string) => `AP-7 ${at}: ${type} ${at} runs in subnet ${OUTSIDE_SUBNET} (${property}), `
    + 'which the guard cannot place: it may be an LGWAN subnet that reaches the breakout, and nothing says that what runs there is a terminal pool (業務端末) '
    + `or update client; ${onlyTerminals} (fail closed)`;

  test('CloudFormation: a labelled instance in a literal subnet, one by an interface outside the output; an unlabelled function there', () => {
    const t = cfn({
      App: instance({ SubnetId: OUTSIDE_SUBNET }, system('BUSINESS_SYSTEM')),
      Relay: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: ENI }] }, system('SANITIZATION_RELAY')),
      Fn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: 'arn:aws:iam::123456789012:role/r', Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', VpcConfig: { SubnetIds: [OUTSIDE_SUBNET] } },
      },
    });
    expect(ap7(extractCloudFormation({ s: t }))).toEqual([
      labelledOutside('App', 'BUSINESS_SYSTEM', `in subnet ${OUTSIDE_SUBNET}`),
      unlabelledOutside('Fn', 'AWS::Lambda::Function', 'VpcConfig.SubnetIds[0]'),
      labelledOutside('Relay', 'SANITIZATION_RELAY', `in network interface ${ENI}`),
    ]);
  });

  test('Terraform: an unlabelled instance in a literal subnet; a labelled Auto Scaling group there', () => {
    const t = tf({
      aws_instance: { app: { ami: AMI, subnet_id: OUTSIDE_SUBNET } },
      aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: [OUTSIDE_SUBNET], tag: [{ key: ROLE, value: 'BUSINESS_SYSTEM', propagate_at_launch: true }] } },
    });
    expect(ap7(extractTerraform({ s: t }))).toEqual([
      labelledOutside('aws_autoscaling_group.asg', 'BUSINESS_SYSTEM', `in subnet ${OUTSIDE_SUBNET}`),
      unlabelledOutside('aws_instance.app', 'aws_instance', 'subnet_id'),
    ]);
  });

  test('a plan: an unlabelled instance in a literal subnet no evidence binds', () => {
    const p = handPlan([{ address: 'aws_instance.app', values: { ami: AMI, subnet_id: OUTSIDE_SUBNET, tags: null }, unknown: { id: true } }]);
    expect(ap7(extractTerraformPlan(p as any))).toEqual([unlabelledOutside('aws_instance.app', 'aws_instance', 'subnet_id')]);
  });

  test('a labelled instance placed by its interface in a terminal subnet routed to the internet: AP-7 (it was placed nowhere)', () => {
    const t = cfn({
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      IgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'LgVpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'LgVpc' } } },
      Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
      Association: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'LgSub' }, RouteTableId: { Ref: 'Table' } } },
      App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: { Ref: 'LgSub' } }] }, system('BUSINESS_SYSTEM')),
    });
    (t.Resources as any).LgSub.Properties.Tags = [{ Key: 'jichitai:subnet-role', Value: 'terminals' }];
    expect(ap7(extractCloudFormation({ s: t }))).toEqual([`AP-7 App: labelled BUSINESS_SYSTEM, it sits in LgSub, which reaches the internet; ${onlyTerminals}`]);
  });

  test('worded in Japanese too', () => {
    const t = cfn({ App: instance({ SubnetId: OUTSIDE_SUBNET }, system('BUSINESS_SYSTEM')), Other: instance({ SubnetId: OUTSIDE_SUBNET }, []) });
    const found = checkTopology(extractCloudFormation({ s: t }), { model: NetworkModel.ALPHA_PRIME }).filter((f) => f.ruleId === 'AP-7');
    expect(found.map((f) => f.ja?.message)).toEqual([
      `ラベル BUSINESS_SYSTEM のリソースがガードが位置を特定できないサブネット ${OUTSIDE_SUBNET}（LGWAN接続系のものかもしれない）にある。`
        + 'ブレイクアウトに届く LGWAN接続系のサブネットにあるかもしれない。ローカルブレイクアウトを使えるのは業務端末（端末プール）とセキュリティ更新の取得元だけ（フェイルクローズ）',
      `AWS::EC2::Instance Other が、ガードが位置を特定できないサブネット ${OUTSIDE_SUBNET}（SubnetId）で動く。ブレイクアウトに届く LGWAN接続系のサブネットかもしれず、`
        + 'そこで動くものが業務端末（端末プール）やセキュリティ更新の取得元だとは分からない。ローカルブレイクアウトを使えるのは業務端末（端末プール）とセキュリティ更新の取得元だけ（フェイルクローズ）',
    ]);
    for (const f of found) {
      expect(notJapanese(f.ja?.message)).toBeUndefined();
      expect(notJapanese(f.ja?.fix)).toBeUndefined();
    }
  });

  /** An unlabelled instance placed only by a network interface the output does not hold (semantics §10): placed nowhere before. */
  const byInterface = (at: string, type: string, eni: string, property: string) => `AP-7 ${at}: ${type} ${at} runs on network interface ${eni} (${property}), `
    + 'which the guard cannot place: it may be in an LGWAN subnet that reaches the breakout, and nothing says that what runs there is a terminal pool (業務端末) '
    + `or update client; ${onlyTerminals} (fail closed)`;

  test('CloudFormation: an unlabelled instance on an interface by a literal id or a parameter; one on an interface of the output is placed by it', () => {
    const t = {
      ...cfn({
        Literal: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: ENI }] }, []),
        Param: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Eni' } }] }, []),
        Nic: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' } } },
        Held: instance({ NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Nic' } }] }, []),
      }),
      Parameters: { Eni: { Type: 'String' } },
    };
    expect(ap7(extractCloudFormation({ s: t }))).toEqual([
      byInterface('Literal', 'AWS::EC2::Instance', ENI, 'NetworkInterfaces[0].NetworkInterfaceId'),
      byInterface('Param', 'AWS::EC2::Instance', '{"Ref":"Eni"}', 'NetworkInterfaces[0].NetworkInterfaceId'),
    ]);
    const ja = checkTopology(extractCloudFormation({ s: t }), { model: NetworkModel.ALPHA_PRIME }).filter((f) => f.ruleId === 'AP-7' && f.path === 'Literal');
    expect(ja.map((f) => f.ja?.message)).toEqual([`AWS::EC2::Instance Literal が、ガードが位置を特定できないネットワークインターフェース ${ENI}`
      + '（NetworkInterfaces[0].NetworkInterfaceId）上で動く。ブレイクアウトに届く LGWAN接続系のサブネットにあるかもしれず、そこで動くものが業務端末（端末プール）や'
      + 'セキュリティ更新の取得元だとは分からない。ローカルブレイクアウトを使えるのは業務端末（端末プール）とセキュリティ更新の取得元だけ（フェイルクローズ）']);
    expect(notJapanese(ja[0].ja?.message)).toBeUndefined();
  });

  test('Terraform: an unlabelled instance on a network_interface by a literal id or a variable; one on an interface of the configuration is placed by it', () => {
    const t = tf({
      aws_network_interface: { nic: { subnet_id: '${aws_subnet.mn.id}' } },
      aws_instance: {
        literal: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: ENI }] },
        variable: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: '${var.eni}' }] },
        held: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: '${aws_network_interface.nic.id}' }] },
      },
    });
    expect(ap7(extractTerraform({ s: t }))).toEqual([
      byInterface('aws_instance.literal', 'aws_instance', ENI, 'network_interface[0].network_interface_id'),
      byInterface('aws_instance.variable', 'aws_instance', '${var.eni}', 'network_interface[0].network_interface_id'),
    ]);
  });

  test('a plan: an unlabelled instance on a network interface by a literal id', () => {
    const p = handPlan([{
      address: 'aws_instance.app', values: { ami: AMI, network_interface: [{ device_index: 0, network_interface_id: ENI }], tags: null }, unknown: { id: true },
    }]);
    expect(ap7(extractTerraformPlan(p as any))).toEqual([byInterface('aws_instance.app', 'aws_instance', ENI, 'network_interface[0].network_interface_id')]);
  });

  test('an unlabelled instance from a launch template outside the output is refused already (a launcher bridge), not by AP-7', () => {
    const t = cfn({ App: instance({ LaunchTemplate: { LaunchTemplateId: LT, Version: '1' } }, []) });
    const all = checkTopology(extractCloudFormation({ s: t }), { model: NetworkModel.ALPHA_PRIME }).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    expect(all.filter((f) => f.includes(' App: '))).toEqual([
      expect.stringMatching(/^GUARD-1 App: LaunchTemplate \(lt-0123456789abcdef0\) → placement could not be resolved: .* a launch template outside the synthesized output /),
    ]);
  });

  /** An unlabelled launch template whose own interfaces name one the output does not hold: what it launches runs there. */
  const ltData = (eni: unknown) => ({ Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: AMI, NetworkInterfaces: [{ DeviceIndex: 0, NetworkInterfaceId: eni }] } } });

  test('CloudFormation: an unlabelled launch template on an interface by a literal id or a parameter; one on an interface of the output is placed by it', () => {
    const t = {
      ...cfn({
        Literal: ltData(ENI),
        Param: ltData({ Ref: 'Eni' }),
        Nic: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' } } },
        Held: ltData({ Ref: 'Nic' }),
      }),
      Parameters: { Eni: { Type: 'String' } },
    };
    expect(ap7(extractCloudFormation({ s: t }))).toEqual([
      byInterface('Literal', 'AWS::EC2::LaunchTemplate', ENI, 'LaunchTemplateData.NetworkInterfaces[0].NetworkInterfaceId'),
      byInterface('Param', 'AWS::EC2::LaunchTemplate', '{"Ref":"Eni"}', 'LaunchTemplateData.NetworkInterfaces[0].NetworkInterfaceId'),
    ]);
  });

  test('Terraform: an unlabelled launch template on a network_interfaces id by a literal or a variable; one on an interface of the configuration is placed by it', () => {
    const lt = (eni: string) => ({ image_id: AMI, network_interfaces: [{ device_index: 0, network_interface_id: eni }] });
    const t = tf({
      aws_network_interface: { nic: { subnet_id: '${aws_subnet.mn.id}' } },
      aws_launch_template: { literal: lt(ENI), variable: lt('${var.eni}'), held: lt('${aws_network_interface.nic.id}') },
    });
    expect(ap7(extractTerraform({ s: t }))).toEqual([
      byInterface('aws_launch_template.literal', 'aws_launch_template', ENI, 'network_interfaces[0].network_interface_id'),
      byInterface('aws_launch_template.variable', 'aws_launch_template', '${var.eni}', 'network_interfaces[0].network_interface_id'),
    ]);
  });

  test('a plan: an unlabelled launch template on a network interface by a literal id', () => {
    const p = handPlan([{
      address: 'aws_launch_template.lt', values: { image_id: AMI, network_interfaces: [{ device_index: 0, network_interface_id: ENI }], tags: null }, unknown: { id: true },
    }]);
    expect(ap7(extractTerraformPlan(p as any))).toEqual([byInterface('aws_launch_template.lt', 'aws_launch_template', ENI, 'network_interfaces[0].network_interface_id')]);
  });

  test('an interface attached by its own resource to or from what the output does not hold is refused already (a host in two VPCs), not by AP-7', () => {
    const multiHomed = /^GUARD-1 Att: .*could not be resolved: AWS::EC2::NetworkInterfaceAttachment opens a path between the other VPCs of an instance /;
    const all = (r: Record<string, unknown>) => checkTopology(extractCloudFormation({ s: cfn(r) }), { model: NetworkModel.ALPHA_PRIME })
      .filter((f) => f.ruleId === 'AP-7' || f.path === 'Att').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    const attach = (InstanceId: unknown, NetworkInterfaceId: unknown) => ({ Type: 'AWS::EC2::NetworkInterfaceAttachment', Properties: { InstanceId, NetworkInterfaceId, DeviceIndex: '1' } });
    // An instance of the output given an interface outside it; an interface of the output (LGWAN) attached to an instance outside it.
    expect(all({ App: instance({ SubnetId: { Ref: 'MnSub' } }, []), Att: attach({ Ref: 'App' }, ENI) })).toEqual([expect.stringMatching(multiHomed)]);
    expect(all({ Nic: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'LgSub' } } }, Att: attach('i-0123456789abcdef0', { Ref: 'Nic' }) }))
      .toEqual([expect.stringMatching(multiHomed)]);
    const tfAll = (r: Record<string, unknown>) => checkTopology(extractTerraform({ s: tf(r) }), { model: NetworkModel.ALPHA_PRIME })
      .filter((f) => f.ruleId === 'AP-7' || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    expect(tfAll({
      aws_instance: { app: { ami: AMI, subnet_id: '${aws_subnet.mn.id}' } },
      aws_network_interface_attachment: { att: { instance_id: '${aws_instance.app.id}', network_interface_id: '${var.eni}', device_index: 1 } },
    })).toEqual([expect.stringMatching(/^GUARD-1 aws_network_interface_attachment.att: .*opens a path between the other VPCs of an instance /)]);
    expect(tfAll({ aws_network_interface: { nic: { subnet_id: '${aws_subnet.lg.id}', attachment: [{ instance: 'i-0123456789abcdef0', device_index: 1 }] } } }))
      .toEqual([expect.stringMatching(/^GUARD-1 aws_network_interface.nic: .*opens a path between the other VPCs of an instance /)]);
    const p = handPlan([
      { address: 'aws_network_interface_attachment.att', values: { instance_id: 'i-0123456789abcdef0', network_interface_id: ENI, device_index: 1 }, unknown: { id: true } },
    ]);
    expect(checkTopology(extractTerraformPlan(p as any), { model: NetworkModel.ALPHA_PRIME }).map((f) => `${f.ruleId} ${f.path}: ${f.message}`))
      .toContainEqual(expect.stringMatching(/^GUARD-1 aws_network_interface_attachment.att: .*opens a path between the other VPCs of an instance /));
  });

  test('controls: terminals, a load balancer, a route table association in a literal subnet; another model; a subnet of the output without a way out', () => {
    const t = cfn({
      Terminals: instance({ SubnetId: OUTSIDE_SUBNET }, system('BUSINESS_TERMINALS')),
      Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', Subnets: [OUTSIDE_SUBNET, 'subnet-0123456789abcdef1'] } },
      Table: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'LgVpc' } } },
      Association: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: OUTSIDE_SUBNET, RouteTableId: { Ref: 'Table' } } },
      App: instance({ SubnetId: { Ref: 'LgSub' } }, system('BUSINESS_SYSTEM')),
    });
    expect(ap7(extractCloudFormation({ s: t }))).toEqual([]);
    const outside = cfn({ App: instance({ SubnetId: OUTSIDE_SUBNET }, system('BUSINESS_SYSTEM')), Other: instance({ SubnetId: OUTSIDE_SUBNET }, []) });
    expect(ap7(extractCloudFormation({ s: outside }), NetworkModel.ALPHA)).toEqual([]);
  });
});
