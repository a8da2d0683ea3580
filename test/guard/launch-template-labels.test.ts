/**
 * Role labels in launch templates (docs/guard-semantics.md §3, §7): a launch template's tag specifications for instances
 * (CloudFormation `LaunchTemplateData.TagSpecifications[]` with `ResourceType: instance`, Terraform `tag_specifications {
 * resource_type = "instance" }`) tag every instance it launches, but were never read as labels: a template labelled
 * `jichitai:role = MY_NUMBER_SYSTEM`, launched by an Auto Scaling group or an instance in an LGWAN subnet, passed PL-1. Its
 * label now belongs to each launcher of the output that names it, placed where that launcher runs its instances; a
 * labelled template no launcher of the output names is a label the guard cannot place.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const ROLE = 'jichitai:role';
const SEG = 'jichitai:segment';
const AMI = 'ami-0123456789abcdef0';

/** PL-1 for a My Number system in a launch template the guard cannot place (α). */
const PL1_TEMPLATE = (at: string, id: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in launch template ${id}, `
  + 'which the guard cannot place (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';

/** The two CloudFormation segments with `extra` resources. */
function cfn(extra: Record<string, unknown>): Record<string, unknown> {
  return { Resources: { ...myNumberAndLgwan(), ...extra } };
}

/** A CloudFormation launch template whose tag specifications are `specs`, with `data` besides. */
function template(specs: unknown, data: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: AMI, TagSpecifications: specs, ...data } } };
}

const FOR_INSTANCES = (role = 'MY_NUMBER_SYSTEM', type: unknown = 'instance') => [{ ResourceType: type, Tags: [{ Key: ROLE, Value: role }] }];

/** A CloudFormation Auto Scaling group launching `Lt` in `subnet`, with `tags`. */
function asg(subnet: unknown, tags?: unknown[], spec: Record<string, unknown> = { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } }) {
  return { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [subnet], LaunchTemplate: spec, ...(tags ? { Tags: tags } : {}) } };
}

describe('PL-1: CloudFormation launch templates labelled by their tag specifications for instances', () => {
  test('an Auto Scaling group without a role of its own, in an LGWAN subnet, launching a My Number template: PL-1', () => {
    const t = cfn({ Lt: template(FOR_INSTANCES()), Asg: asg({ Ref: 'LgSub' }) });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('Asg')]);
    // By the template's name too.
    const byName = cfn({ Lt: template(FOR_INSTANCES()), Asg: asg({ Ref: 'LgSub' }, undefined, { LaunchTemplateName: { 'Fn::GetAtt': ['Lt', 'LaunchTemplateName'] }, Version: '1' }) });
    expect(findings(extractCloudFormation({ s: byName }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('Asg')]);
  });

  test('an instance launched from it: in an LGWAN subnet of its own, or by the template\'s interfaces there: PL-1', () => {
    const own = cfn({ Lt: template(FOR_INSTANCES()), App: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { Ref: 'LgSub' }, LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } } } });
    expect(findings(extractCloudFormation({ s: own }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('App')]);
    const byInterfaces = cfn({
      Lt: template(FOR_INSTANCES(), { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: { Ref: 'LgSub' } }] }),
      App: { Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' } } },
    });
    expect(findings(extractCloudFormation({ s: byInterfaces }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('App')]);
  });

  test('fleets, node groups and compute environments launching it in an LGWAN subnet: PL-1', () => {
    const spec = { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' };
    const t = cfn({
      Lt: template(FOR_INSTANCES()),
      Fleet: { Type: 'AWS::EC2::EC2Fleet', Properties: { LaunchTemplateConfigs: [{ LaunchTemplateSpecification: spec, Overrides: [{ SubnetId: { Ref: 'LgSub' } }] }] } },
      Nodes: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: 'arn:aws:iam::123456789012:role/n', Subnets: [{ Ref: 'LgSub' }], LaunchTemplate: { Id: { Ref: 'Lt' } } } },
      Batch: { Type: 'AWS::Batch::ComputeEnvironment', Properties: { Type: 'MANAGED', ComputeResources: { Subnets: [{ Ref: 'LgSub' }], LaunchTemplate: spec } } },
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1'])).toEqual([PL1_LG('Batch'), PL1_LG('Fleet'), PL1_LG('Nodes')]);
  });

  test('the tags a fleet gives its instances: an EC2 Fleet\'s TagSpecifications, a Spot Fleet launch specification\'s, in LGWAN: PL-1', () => {
    const t = cfn({
      Lt: template([]),
      Fleet: {
        Type: 'AWS::EC2::EC2Fleet',
        Properties: {
          LaunchTemplateConfigs: [{ LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'Lt' }, Version: '1' }, Overrides: [{ SubnetId: { Ref: 'LgSub' } }] }],
          TagSpecifications: FOR_INSTANCES(),
        },
      },
      Spot: {
        Type: 'AWS::EC2::SpotFleet',
        Properties: { SpotFleetRequestConfigData: { LaunchSpecifications: [{ ImageId: AMI, SubnetId: { Ref: 'LgSub' }, TagSpecifications: FOR_INSTANCES() }] } },
      },
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('Fleet'), PL1_LG('Spot')]);
    // The fleet's own tags (ResourceType fleet) are no labels of its instances.
    (t.Resources as any).Fleet.Properties.TagSpecifications = FOR_INSTANCES('MY_NUMBER_SYSTEM', 'fleet');
    (t.Resources as any).Spot.Properties.SpotFleetRequestConfigData.LaunchSpecifications[0].SubnetId = { Ref: 'MnSub' };
    expect(findings(extractCloudFormation({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });

  test('a labelled template no launcher of the output uses: a label it cannot place', () => {
    const t = cfn({ Lt: template(FOR_INSTANCES()) });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_TEMPLATE('Lt', 'Lt')]);
    // Its own interfaces in LGWAN: that segment is named first.
    const placed = cfn({ Lt: template(FOR_INSTANCES(), { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: { Ref: 'LgSub' } }] }) });
    expect(findings(extractCloudFormation({ s: placed }), ['PL-1'])).toEqual([PL1_LG('Lt')]);
  });

  test('the launcher\'s own role of another value: GUARD-1, not a pick; of the same value: that label alone', () => {
    const other = cfn({ Lt: template(FOR_INSTANCES()), Asg: asg({ Ref: 'MnSub' }, [{ Key: ROLE, Value: 'BUSINESS_SYSTEM', PropagateAtLaunch: true }]) });
    const found = checkTopology(extractCloudFormation({ s: other }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('launch template Lt gives the instances it launches the tag jichitai:role = "MY_NUMBER_SYSTEM" and '
      + 'the resource\'s own is "BUSINESS_SYSTEM", and the guard does not decide which one the instances get')]);
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
    expect(notJapanese(found[0].ja?.fix)).toBeUndefined();
    const same = cfn({ Lt: template(FOR_INSTANCES()), Asg: asg({ Ref: 'LgSub' }, [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM', PropagateAtLaunch: true }]) });
    expect(findings(extractCloudFormation({ s: same }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('Asg')]);
  });

  test('tag specifications the guard cannot read: GUARD-1 at their path', () => {
    const byParameter = { ...cfn({ Lt: template({ Ref: 'Specs' }), Asg: asg({ Ref: 'MnSub' }) }), Parameters: { Specs: { Type: 'String' } } };
    expect(findings(extractCloudFormation({ s: byParameter }), ['GUARD-1'])).toEqual([expect.stringContaining('LaunchTemplateData.TagSpecifications')]);
    const value = { ...cfn({ Lt: template([{ ResourceType: 'instance', Tags: [{ Key: ROLE, Value: { Ref: 'Role' } }] }]), Asg: asg({ Ref: 'MnSub' }) }), Parameters: { Role: { Type: 'String' } } };
    expect(findings(extractCloudFormation({ s: value }), ['GUARD-1'])).toEqual([expect.stringContaining('LaunchTemplateData.TagSpecifications[0].Tags[0].Value')]);
    const type = { ...cfn({ Lt: template(FOR_INSTANCES('MY_NUMBER_SYSTEM', { Ref: 'Type' })), Asg: asg({ Ref: 'LgSub' }) }), Parameters: { Type: { Type: 'String' } } };
    expect(findings(extractCloudFormation({ s: type }), ['PL-1', 'GUARD-1'])).toEqual([expect.stringContaining('ResourceType'), PL1_LG('Asg')]);
  });

  test('controls: in the My Number subnet; tags for volumes and network interfaces; a template without a role', () => {
    const t = cfn({
      Lt: template(FOR_INSTANCES()),
      Asg: asg({ Ref: 'MnSub' }),
      Volumes: template([...FOR_INSTANCES('MY_NUMBER_SYSTEM', 'volume'), ...FOR_INSTANCES('MY_NUMBER_SYSTEM', 'network-interface')]),
      LgAsg: asg({ Ref: 'LgSub' }, undefined, { LaunchTemplateId: { Ref: 'Volumes' }, Version: '1' }),
      Plain: template([{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'x' }] }]),
      PlainAsg: asg({ Ref: 'LgSub' }, undefined, { LaunchTemplateId: { Ref: 'Plain' }, Version: '1' }),
    });
    expect(findings(extractCloudFormation({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

/** The two Terraform segments with `extra` resources. */
function tf(extra: Record<string, unknown>): TerraformJson {
  return { resource: { ...myNumberAndLgwanTf(), ...extra } } as TerraformJson;
}

const TF_SPECS = (role = 'MY_NUMBER_SYSTEM', type = 'instance') => [{ resource_type: type, tags: { [ROLE]: role } }];

describe('PL-1: Terraform launch templates labelled by their tag_specifications for instances', () => {
  test('an Auto Scaling group, an instance in an LGWAN subnet launching it: PL-1', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, tag_specifications: TF_SPECS() } },
      aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.lg.id}'], launch_template: { id: '${aws_launch_template.lt.id}', version: '$Latest' } } },
      aws_instance: { app: { subnet_id: '${aws_subnet.lg.id}', launch_template: { name: '${aws_launch_template.lt.name}' } } },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg'), PL1_LG('aws_instance.app')]);
  });

  test('the tags a Spot Fleet launch specification gives its instances, in LGWAN: PL-1', () => {
    const t = tf({
      aws_spot_fleet_request: {
        spot: { iam_fleet_role: 'arn:aws:iam::123456789012:role/f', target_capacity: 1, launch_specification: [{ ami: AMI, instance_type: 't3.micro', subnet_id: '${aws_subnet.lg.id}', tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } }] },
      },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_spot_fleet_request.spot')]);
  });

  test('a labelled template nothing in the configuration launches: a label it cannot place', () => {
    const t = tf({ aws_launch_template: { lt: { image_id: AMI, tag_specifications: TF_SPECS() } } });
    expect(findings(extractTerraform({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([PL1_TEMPLATE('aws_launch_template.lt', 'aws_launch_template.lt')]);
  });

  test('the launcher\'s own role of another value: GUARD-1', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, tag_specifications: TF_SPECS() } },
      aws_autoscaling_group: {
        asg: {
          min_size: 1,
          max_size: 1,
          vpc_zone_identifier: ['${aws_subnet.mn.id}'],
          launch_template: { id: '${aws_launch_template.lt.id}' },
          tag: [{ key: ROLE, value: 'BUSINESS_SYSTEM', propagate_at_launch: true }],
        },
      },
    });
    expect(findings(extractTerraform({ s: t }), ['GUARD-1'])).toEqual([expect.stringContaining('launch template aws_launch_template.lt gives the instances')]);
  });

  test('tag_specifications given by a variable, a role by a variable: GUARD-1', () => {
    const whole = tf({ aws_launch_template: { lt: { image_id: AMI, tag_specifications: '${var.specs}' } } });
    expect(findings(extractTerraform({ s: whole }), ['GUARD-1'])).toEqual([expect.stringContaining('tag_specifications')]);
    const value = tf({ aws_launch_template: { lt: { image_id: AMI, tag_specifications: [{ resource_type: 'instance', tags: { [ROLE]: '${var.role}' } }] } } });
    expect(findings(extractTerraform({ s: value }), ['GUARD-1'])).toEqual([expect.stringContaining('tag_specifications[0].tags')]);
  });

  test('controls: in the My Number subnet; tags for volumes', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, tag_specifications: TF_SPECS() }, vol: { image_id: AMI, tag_specifications: TF_SPECS('MY_NUMBER_SYSTEM', 'volume') } },
      aws_autoscaling_group: {
        asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.mn.id}'], launch_template: { id: '${aws_launch_template.lt.id}' } },
        lg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.lg.id}'], launch_template: { id: '${aws_launch_template.vol.id}' } },
      },
    });
    expect(findings(extractTerraform({ s: t }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

describe('PL-1: a planned launch template labelled for its instances', () => {
  function plan(subnet: string): unknown {
    const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
      address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment } }, unknown: { id: true },
    });
    const sub = (name: string, cidr: string): PlannedResource => ({
      address: `aws_subnet.${name}`,
      values: { cidr_block: cidr, tags: null },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
    });
    return handPlan([
      vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), sub('mn', '10.0.0.0/24'), sub('lg', '10.1.0.0/24'),
      { address: 'aws_launch_template.lt', values: { image_id: AMI, tag_specifications: TF_SPECS(), tags: null }, unknown: { id: true } },
      {
        address: 'aws_autoscaling_group.asg',
        values: { min_size: 1, max_size: 1, launch_template: [{ version: '$Latest' }] },
        unknown: { id: true, vpc_zone_identifier: true, launch_template: [{ id: true, name: true }] },
        expressions: {
          vpc_zone_identifier: { references: [`aws_subnet.${subnet}.id`, `aws_subnet.${subnet}`] },
          launch_template: [{ id: { references: ['aws_launch_template.lt.id', 'aws_launch_template.lt'] }, version: { constant_value: '$Latest' } }],
        },
      },
    ]);
  }

  test('its Auto Scaling group in an LGWAN subnet: PL-1; in the My Number subnet: none', () => {
    expect(findings(extractTerraformPlan(plan('lg') as any), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg')]);
    expect(findings(extractTerraformPlan(plan('mn') as any), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

describe('the label vocabulary (semantics §3) holds for the tags a template or fleet gives its instances', () => {
  const misspelt = (f: string[]) => f.filter((x) => x.startsWith('GUARD-1') && /is not a (label key the guard knows|value of the label)/.test(x));

  test('CloudFormation: a misspelt role value or key in a launch template\'s or a Spot Fleet\'s tags for instances: GUARD-1', () => {
    const t = cfn({
      Lt: template(FOR_INSTANCES('MY_NUMBER_SYTEM')),
      Asg: asg({ Ref: 'LgSub' }),
      Spot: {
        Type: 'AWS::EC2::SpotFleet',
        Properties: {
          SpotFleetRequestConfigData: {
            LaunchSpecifications: [{
              ImageId: AMI,
              SubnetId: { Ref: 'LgSub' },
              TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'jichitai:rol', Value: 'MY_NUMBER_SYSTEM' }] }],
            }],
          },
        },
      },
    });
    const found = misspelt(findings(extractCloudFormation({ s: t }), ['GUARD-1']));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^GUARD-1 Lt: LaunchTemplateData\.TagSpecifications \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM"/);
    expect(found[1]).toMatch(/^GUARD-1 Spot: SpotFleetRequestConfigData\.LaunchSpecifications\[0\] \(jichitai:rol\) could not be resolved: jichitai:rol is not a label key/);
  });

  test('Terraform: a misspelt role value in tag_specifications, a misspelt key in a Spot Fleet launch specification\'s tags: GUARD-1', () => {
    const t = tf({
      aws_launch_template: { lt: { image_id: AMI, tag_specifications: [{ resource_type: 'instance', tags: { [ROLE]: 'MY_NUMBER_SYTEM' } }] } },
      aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.lg.id}'], launch_template: { id: '${aws_launch_template.lt.id}' } } },
      aws_spot_fleet_request: {
        spot: {
          iam_fleet_role: 'arn:aws:iam::123456789012:role/f',
          target_capacity: 1,
          launch_specification: [{ ami: AMI, instance_type: 't3.micro', subnet_id: '${aws_subnet.lg.id}', tags: { 'jichitai:rol': 'MY_NUMBER_SYSTEM' } }],
        },
      },
    });
    const found = misspelt(findings(extractTerraform({ s: t }), ['GUARD-1']));
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^GUARD-1 aws_launch_template\.lt: tag_specifications \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM"/);
    expect(found[1]).toMatch(/^GUARD-1 aws_spot_fleet_request\.spot: launch_specification\[0\]\.tags \(jichitai:rol\) could not be resolved: jichitai:rol is not a label key/);
  });
});
