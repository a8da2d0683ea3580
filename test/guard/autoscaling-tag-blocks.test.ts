/**
 * An Auto Scaling group's labels in Terraform (docs/guard-semantics.md §3, §11). The provider's `aws_autoscaling_group`
 * has no `tags` map: its tags are `tag` blocks (`key`, `value`, `propagate_at_launch`; before provider v5 also a `tags`
 * list of maps), and the provider's `default_tags` do not reach it (it has no `tags_all`). The Terraform reader read a
 * resource's `tags` map only, so `jichitai:role` / `jichitai:host` on a group were never read — PL-1, BP-1 and AP-7 did
 * not see a labelled group that the CloudFormation reader (`Tags`) sees — and a plan gave the group its provider's
 * default tags. Now the `tag` blocks are its tags, in a configuration and in a plan; a tag that may be a label and
 * cannot be read is unresolved (GUARD-1).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const SEG = 'jichitai:segment';
const ROLE = 'jichitai:role';
const HOST = 'jichitai:host';

/** `tag` blocks as the provider (and cdktf) writes them. */
const tag = (key: unknown, value: unknown, propagate_at_launch: unknown = true) => ({ key, value, propagate_at_launch });

/** My Number 10.0.0.0/16, LGWAN 10.1.0.0/16 and Internet 10.2.0.0/16, a subnet each (mn, lg, in), with `extra` resources. */
function tf(extra: Record<string, unknown>, top: Record<string, unknown> = {}): TerraformJson {
  const two = myNumberAndLgwanTf();
  return {
    ...top,
    resource: {
      aws_vpc: { ...two.aws_vpc, in: { cidr_block: '10.2.0.0/16', tags: { [SEG]: 'INTERNET' } } },
      aws_subnet: { ...two.aws_subnet, in: { vpc_id: '${aws_vpc.in.id}', cidr_block: '10.2.0.0/24' } },
      aws_launch_template: { t: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro' } },
      ...extra,
    },
  } as TerraformJson;
}

/** An Auto Scaling group in subnet `subnet` with `labels` (a `tag` list, or other arguments). */
function asg(subnet: string, labels: Record<string, unknown>): Record<string, unknown> {
  return {
    aws_autoscaling_group: {
      asg: { min_size: 1, max_size: 1, launch_template: { id: '${aws_launch_template.t.id}', version: '$Latest' }, vpc_zone_identifier: [`\${aws_subnet.${subnet}.id}`], ...labels },
    },
  };
}

describe('a synthesized configuration: an Auto Scaling group\'s tag blocks are its labels', () => {
  test('a My Number system in an LGWAN subnet by its tag block: PL-1, as its CloudFormation twin', () => {
    const at = 'aws_autoscaling_group.asg';
    expect(findings(extractTerraform({ s: tf(asg('lg', { tag: [tag(ROLE, 'MY_NUMBER_SYSTEM'), tag('Name', 'ledger', false)] })) }), ['PL-1', 'GUARD-1']))
      .toEqual([PL1_LG(at)]);
    // The CloudFormation twin (`Tags` with `PropagateAtLaunch`), read before too.
    const cfn = {
      Resources: {
        ...myNumberAndLgwan(),
        Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro' } } },
        Asg: {
          Type: 'AWS::AutoScaling::AutoScalingGroup',
          Properties: {
            MinSize: '1',
            MaxSize: '1',
            LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } },
            VPCZoneIdentifier: [{ Ref: 'LgSub' }],
            Tags: [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM', PropagateAtLaunch: true }],
          },
        },
      },
    };
    expect(findings(extractCloudFormation({ s: cfn }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('Asg')]);
  });

  test('one tag block written as an object (a list of one), and the tags list of maps of provider versions before 5', () => {
    expect(findings(extractTerraform({ s: tf(asg('lg', { tag: tag(ROLE, 'MY_NUMBER_SYSTEM') })) }), ['PL-1', 'GUARD-1']))
      .toEqual([PL1_LG('aws_autoscaling_group.asg')]);
    const legacy = { tags: [{ key: ROLE, value: 'MY_NUMBER_SYSTEM', propagate_at_launch: 'true' }] };
    expect(findings(extractTerraform({ s: tf(asg('lg', legacy)) }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg')]);
  });

  test('β′: a business system in the Internet segment is named by its jichitai:host tag block (BP-1); default_tags do not label the group', () => {
    const labels = { tag: [tag(ROLE, 'BUSINESS_SYSTEM'), tag(HOST, 'ledger')] };
    expect(findings(extractTerraform({ s: tf(asg('in', labels)) }), ['BP-1', 'GUARD-1'], NetworkModel.BETA_PRIME)).toEqual([
      'BP-1 aws_autoscaling_group.asg: business system ledger has no security group of its own (labelled jichitai:host and jichitai:role=BUSINESS_SYSTEM)',
    ]);
    // The provider's default_tags apply to resources with a `tags` map, not to an Auto Scaling group
    // (https://developer.hashicorp.com/terraform/tutorials/aws/aws-default-tags): its host is not the default's.
    const defaults = { provider: { aws: [{ region: 'ap-northeast-1', default_tags: [{ tags: { [HOST]: 'from-defaults' } }] }] } };
    expect(findings(extractTerraform({ s: tf(asg('in', { tag: [tag(ROLE, 'BUSINESS_SYSTEM')] }), defaults) }), ['BP-1', 'GUARD-1'], NetworkModel.BETA_PRIME)).toEqual([
      'BP-1 aws_autoscaling_group.asg: business system aws_autoscaling_group.asg has no security group of its own (labelled jichitai:host and jichitai:role=BUSINESS_SYSTEM)',
    ]);
  });

  test('a tag that may be a label and cannot be read: GUARD-1 at its place', () => {
    const value = { tag: [tag(ROLE, '${var.role}')] };
    expect(findings(extractTerraform({ s: tf(asg('lg', value)) }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group.asg: tag[0].value could not be resolved: ${var.role} cannot be read at synth time, and the guard reads what it holds',
    ]);
    const key = { tag: [tag('${var.key}', 'MY_NUMBER_SYSTEM')] };
    expect(findings(extractTerraform({ s: tf(asg('lg', key)) }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group.asg: tag[0].key could not be resolved: ${var.key} cannot be read at synth time, and the guard reads what it holds',
    ]);
    const whole = { tag: '${var.tags}' };
    expect(findings(extractTerraform({ s: tf(asg('lg', whole)) }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group.asg: tag could not be resolved: ${var.tags} cannot be read at synth time, and the guard reads what it holds',
    ]);
  });

  test('worded in Japanese too', () => {
    const found = checkTopology(extractTerraform({ s: tf(asg('lg', { tag: [tag(ROLE, '${var.role}')] })) }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(1);
    expect(notJapanese(found[0].ja?.message)).toBeUndefined();
  });

  test('controls: a tag that cannot be read but is no label; a dynamic tag block (GUARD-1 already); a group of the right segment', () => {
    const name = { tag: [tag('Name', '${var.name}'), tag(ROLE, 'MY_NUMBER_SYSTEM')] };
    expect(findings(extractTerraform({ s: tf(asg('mn', name)) }), ['PL-1', 'GUARD-1'])).toEqual([]);
    const dynamic = { dynamic: { tag: { for_each: '${var.extra}', content: { key: '${tag.value.key}', value: '${tag.value.value}', propagate_at_launch: true } } } };
    expect(findings(extractTerraform({ s: tf(asg('lg', dynamic)) }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group.asg: dynamic could not be resolved: dynamic makes a number of instances the guard does not expand',
    ]);
    expect(findings(extractTerraform({ s: tf(asg('lg', { tag: [tag(ROLE, 'BUSINESS_TERMINALS')] })) }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

/** A plan of the three segments and `extra` resources (address, values, after_unknown, configuration expressions). */
type PlanResource = PlannedResource;

function plan(extra: PlanResource[], defaults?: Record<string, string>): unknown {
  const vpc = (name: string, cidr: string, segment: string): PlanResource => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment }, tags_all: { ...defaults, [SEG]: segment } }, unknown: { id: true },
  });
  const subnet = (name: string, cidr: string): PlanResource => ({
    address: `aws_subnet.${name}`,
    values: { cidr_block: cidr, tags: null, tags_all: { ...defaults } },
    unknown: { id: true, vpc_id: true },
    expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
  });
  const resources: PlanResource[] = [
    vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), vpc('in', '10.2.0.0/16', 'INTERNET'),
    subnet('mn', '10.0.0.0/24'), subnet('lg', '10.1.0.0/24'), subnet('in', '10.2.0.0/24'),
    { address: 'aws_launch_template.t', values: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro', tags: null, tags_all: { ...defaults } }, unknown: { id: true } },
    ...extra,
  ];
  const provider: Record<string, unknown> = { region: { constant_value: 'ap-northeast-1' } };
  if (defaults) provider.default_tags = [{ tags: { constant_value: defaults } }];
  return handPlan(resources, provider);
}

/** An Auto Scaling group in `subnet` with planned `tag` blocks (as `terraform show -json` gives them: no tags, no tags_all). */
function planAsg(subnet: string, tags: unknown[], unknown: unknown[] = tags.map(() => ({})), expressions: unknown[] = []): PlanResource {
  return {
    address: 'aws_autoscaling_group.asg',
    values: { min_size: 1, max_size: 1, launch_template: [{ version: '$Latest' }], tag: tags },
    unknown: { id: true, vpc_zone_identifier: true, launch_template: [{ id: true, name: true }], tag: unknown },
    expressions: {
      vpc_zone_identifier: { references: [`aws_subnet.${subnet}.id`, `aws_subnet.${subnet}`] },
      launch_template: [{ id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] }, version: { constant_value: '$Latest' } }],
      ...expressions.length > 0 ? { tag: expressions } : {},
    },
  };
}

describe('a plan: an Auto Scaling group\'s planned tag blocks are its labels', () => {
  test('a My Number system in an LGWAN subnet: PL-1 (a dynamic block is expanded in the planned values)', () => {
    expect(findings(extractTerraformPlan(plan([planAsg('lg', [tag(HOST, 'ledger'), tag(ROLE, 'MY_NUMBER_SYSTEM')])]) as any), ['PL-1', 'GUARD-1']))
      .toEqual([PL1_LG('aws_autoscaling_group.asg')]);
  });

  test('β′: named by its host tag block, not by the provider\'s default tags (BP-1)', () => {
    const p = plan([planAsg('in', [tag(ROLE, 'BUSINESS_SYSTEM')])], { [HOST]: 'from-defaults' });
    expect(findings(extractTerraformPlan(p as any), ['BP-1', 'GUARD-1'], NetworkModel.BETA_PRIME)).toEqual([
      'BP-1 aws_autoscaling_group.asg: business system aws_autoscaling_group.asg has no security group of its own (labelled jichitai:host and jichitai:role=BUSINESS_SYSTEM)',
    ]);
    const named = plan([planAsg('in', [tag(ROLE, 'BUSINESS_SYSTEM'), tag(HOST, 'ledger')])], { [HOST]: 'from-defaults' });
    expect(findings(extractTerraformPlan(named as any), ['BP-1', 'GUARD-1'], NetworkModel.BETA_PRIME)).toEqual([
      'BP-1 aws_autoscaling_group.asg: business system ledger has no security group of its own (labelled jichitai:host and jichitai:role=BUSINESS_SYSTEM)',
    ]);
  });

  test('a role tag known only after apply: GUARD-1', () => {
    const unknown = planAsg('lg', [{ key: ROLE, propagate_at_launch: true }], [{ value: true }],
      [{ key: { constant_value: ROLE }, propagate_at_launch: { constant_value: true }, value: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] } }]);
    const p = plan([unknown]);
    const found = findings(extractTerraformPlan(p as any), ['PL-1', 'GUARD-1']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^GUARD-1 aws_autoscaling_group\.asg: tag\[0\]\.value could not be resolved: /);
  });

  test('controls: a group of the right segment; tag blocks without labels', () => {
    expect(findings(extractTerraformPlan(plan([planAsg('mn', [tag(ROLE, 'MY_NUMBER_SYSTEM')])]) as any), ['PL-1', 'GUARD-1'])).toEqual([]);
    expect(findings(extractTerraformPlan(plan([planAsg('lg', [tag('Name', 'web')])]) as any), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});
