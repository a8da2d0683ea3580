/**
 * Labels set by resources that tag another resource (docs/guard-semantics.md §3, §11): `aws_autoscaling_group_tag`
 * (`autoscaling_group_name`, one `tag` block) and `aws_ec2_tag` (`resource_id`, `key`, `value`; also `aws_ecs_tag`,
 * `aws_dynamodb_tag`, `aws_transfer_tag`). The Terraform reader read a resource's own tags only: a `jichitai:role` added
 * this way left an Auto Scaling group or an instance unlabelled (a My Number system in an LGWAN subnet passed PL-1), and
 * a `jichitai:segment` added to a subnet was invisible (a My Number subnet in an LGWAN VPC passed SEG-1, one routed to
 * the internet was judged as the Internet segment's). Now such a label is its target's when the target is a resource of
 * the output named by its id; one the guard cannot read or tie to a resource, or one set both ways to two values, is
 * unresolved (GUARD-1) at the tag resource.
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const SEG = 'jichitai:segment';
const ROLE = 'jichitai:role';

/** My Number 10.0.0.0/16 and LGWAN 10.1.0.0/16, a subnet each (mn, lg), with `extra` resources. */
function tf(extra: Record<string, Record<string, unknown>>): TerraformJson {
  const two = myNumberAndLgwanTf();
  const { aws_vpc: vpcs = {}, aws_subnet: subnets = {}, ...rest } = extra;
  return {
    resource: {
      aws_vpc: { ...two.aws_vpc, ...vpcs },
      aws_subnet: { ...two.aws_subnet, ...subnets },
      aws_launch_template: { t: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro' } },
      ...rest,
    },
  } as TerraformJson;
}

/** An Auto Scaling group in subnet `subnet`, without labels of its own unless `tag` is given. */
const asg = (subnet: string, tag?: unknown) => ({
  asg: {
    min_size: 1,
    max_size: 1,
    launch_template: { id: '${aws_launch_template.t.id}', version: '$Latest' },
    vpc_zone_identifier: [`\${aws_subnet.${subnet}.id}`],
    ...tag !== undefined ? { tag } : {},
  },
});
const asgTag = (group: unknown, key: unknown, value: unknown) => ({ autoscaling_group_name: group, tag: { key, value, propagate_at_launch: true } });
const instance = (subnet: string) => ({ x: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: `\${aws_subnet.${subnet}.id}` } });

const SEG1 = 'SEG-1 aws_subnet.lg: the subnet is labelled MY_NUMBER but its VPC is LGWAN';

describe('a synthesized configuration: a label set by a tag resource is its target\'s', () => {
  test('a My Number system Auto Scaling group in an LGWAN subnet, labelled by aws_autoscaling_group_tag: PL-1 (by name or by id)', () => {
    for (const name of ['${aws_autoscaling_group.asg.name}', '${aws_autoscaling_group.asg.id}', '${aws_autoscaling_group.asg.arn}']) {
      const config = tf({ aws_autoscaling_group: asg('lg'), aws_autoscaling_group_tag: { role: asgTag(name, ROLE, 'MY_NUMBER_SYSTEM') } });
      expect(findings(extractTerraform({ s: config }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg')]);
    }
  });

  test('a My Number system instance in an LGWAN subnet, labelled by aws_ec2_tag: PL-1', () => {
    const config = tf({ aws_instance: instance('lg'), aws_ec2_tag: { role: { resource_id: '${aws_instance.x.id}', key: ROLE, value: 'MY_NUMBER_SYSTEM' } } });
    expect(findings(extractTerraform({ s: config }), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_instance.x')]);
  });

  test('a subnet\'s segment set by aws_ec2_tag: a My Number subnet in the LGWAN VPC (SEG-1), one routed to the internet (MN-1)', () => {
    const seg = { aws_ec2_tag: { seg: { resource_id: '${aws_subnet.lg.id}', key: SEG, value: 'MY_NUMBER' } } };
    expect(findings(extractTerraform({ s: tf(seg) }), ['SEG-1', 'GUARD-1'])).toEqual([SEG1]);
    const internet = {
      ...seg,
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.lg.id}' } },
      aws_route_table: { lg: { vpc_id: '${aws_vpc.lg.id}', route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.igw.id}' }] } },
      aws_route_table_association: { lg: { subnet_id: '${aws_subnet.lg.id}', route_table_id: '${aws_route_table.lg.id}' } },
    };
    expect(findings(extractTerraform({ s: tf(internet) }), ['MN-1', 'GUARD-1'])).toEqual([
      'MN-1 aws_subnet.lg: a My Number subnet reaches the internet (every IPv4 internet address)',
    ]);
  });

  test('a VPC\'s segment set by aws_ec2_tag labels it (no "no segment label")', () => {
    const config = tf({ aws_vpc: { lg: { cidr_block: '10.1.0.0/16' } }, aws_ec2_tag: { seg: { resource_id: '${aws_vpc.lg.id}', key: SEG, value: 'LGWAN' } } });
    expect(findings(extractTerraform({ s: config }), ['GUARD-1'])).toEqual([]);
  });

  test('a label the guard cannot read or tie to a resource of the output: GUARD-1 at the tag resource', () => {
    const at = (tags: Record<string, unknown>) => findings(extractTerraform({ s: tf({ aws_instance: instance('lg'), aws_ec2_tag: tags }) }), ['PL-1', 'GUARD-1']);
    const cannotTie = (property: string, why: string) => `GUARD-1 aws_ec2_tag.t: ${property} could not be resolved: it sets the label jichitai:role = MY_NUMBER_SYSTEM `
      + `on a resource the guard cannot tie to one of the output (${why}): read as absent, the label would take that resource out of the rules that judge labels`;
    expect(at({ t: { resource_id: '${var.instance}', key: ROLE, value: 'MY_NUMBER_SYSTEM' } }))
      .toEqual([cannotTie('resource_id', '${var.instance} does not name a resource of the output by its id')]);
    expect(at({ t: { resource_id: 'i-0123456789abcdef0', key: ROLE, value: 'MY_NUMBER_SYSTEM' } }))
      .toEqual([cannotTie('resource_id', 'i-0123456789abcdef0 is the id of a resource outside the output')]);
    // An attribute that names something else than the resource (its interface).
    expect(at({ t: { resource_id: '${aws_instance.x.primary_network_interface_id}', key: ROLE, value: 'MY_NUMBER_SYSTEM' } }))
      .toEqual([cannotTie('resource_id', '${aws_instance.x.primary_network_interface_id} does not name a resource of the output by its id')]);
    expect(at({ t: { resource_id: '${aws_instance.x.id}', key: '${var.key}', value: 'MY_NUMBER_SYSTEM' } })).toEqual([
      'GUARD-1 aws_ec2_tag.t: key could not be resolved: ${var.key} cannot be read at synth time, and the guard reads what it holds',
    ]);
    expect(at({ t: { resource_id: '${aws_instance.x.id}', key: ROLE, value: '${var.role}' } })).toEqual([
      'GUARD-1 aws_ec2_tag.t: value could not be resolved: ${var.role} cannot be read at synth time, and the guard reads what it holds',
    ]);
    const group = (tags: Record<string, unknown>) => findings(extractTerraform({ s: tf({ aws_autoscaling_group: asg('lg'), aws_autoscaling_group_tag: tags }) }),
      ['PL-1', 'GUARD-1']);
    expect(group({ t: { autoscaling_group_name: '${aws_autoscaling_group.asg.name}', tag: '${var.tag}' } })).toEqual([
      'GUARD-1 aws_autoscaling_group_tag.t: tag could not be resolved: ${var.tag} cannot be read at synth time, and the guard reads what it holds',
    ]);
    expect(group({ t: asgTag('${aws_autoscaling_group.asg.name}', '${var.key}', 'MY_NUMBER_SYSTEM') })).toEqual([
      'GUARD-1 aws_autoscaling_group_tag.t: tag.key could not be resolved: ${var.key} cannot be read at synth time, and the guard reads what it holds',
    ]);
    expect(group({ t: asgTag('mn-ledger', ROLE, 'MY_NUMBER_SYSTEM') })).toEqual([
      'GUARD-1 aws_autoscaling_group_tag.t: autoscaling_group_name could not be resolved: it sets the label jichitai:role = MY_NUMBER_SYSTEM on a resource the guard '
      + 'cannot tie to one of the output (mn-ledger is the id of a resource outside the output): read as absent, the label would take that resource out of the rules '
      + 'that judge labels',
    ]);
  });

  test('a label set both by the resource\'s own tags and by a tag resource, to two values: GUARD-1 (neither is picked)', () => {
    const both = tf({
      aws_autoscaling_group: asg('lg', { key: ROLE, value: 'BUSINESS_TERMINALS', propagate_at_launch: true }),
      aws_autoscaling_group_tag: { role: asgTag('${aws_autoscaling_group.asg.name}', ROLE, 'MY_NUMBER_SYSTEM') },
    });
    expect(findings(extractTerraform({ s: both }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group_tag.role: tag.key could not be resolved: it sets the label jichitai:role = MY_NUMBER_SYSTEM on aws_autoscaling_group.asg, '
      + 'where its own tags set BUSINESS_TERMINALS: which value the resource ends with depends on the order of apply, and the guard does not pick one',
    ]);
    const twice = tf({
      aws_ec2_tag: {
        a: { resource_id: '${aws_subnet.lg.id}', key: SEG, value: 'MY_NUMBER' },
        b: { resource_id: '${aws_subnet.lg.id}', key: SEG, value: 'LGWAN' },
      },
    });
    expect(findings(extractTerraform({ s: twice }), ['SEG-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_ec2_tag.a: key could not be resolved: it sets the label jichitai:segment = MY_NUMBER on aws_subnet.lg, where aws_ec2_tag.b sets LGWAN: '
      + 'which value the resource ends with depends on the order of apply, and the guard does not pick one',
      'GUARD-1 aws_ec2_tag.b: key could not be resolved: it sets the label jichitai:segment = LGWAN on aws_subnet.lg, where aws_ec2_tag.a sets MY_NUMBER: '
      + 'which value the resource ends with depends on the order of apply, and the guard does not pick one',
    ]);
  });

  test('a misspelt value among two values set both ways is still reported where it is written (found by the oracle fuzz)', () => {
    // The ambiguous label is read as absent; the vocabulary check of the final tags no longer saw the misspelt own value.
    const own = tf({
      aws_instance: { i: { ...instance('lg').x, tags: { [ROLE]: 'MY_NUMBER_SYTEM' } } },
      aws_ec2_tag: { role: { resource_id: '${aws_instance.i.id}', key: ROLE, value: 'BUSINESS_SYSTEM' } },
    });
    const ownFindings = findings(extractTerraform({ s: own }), ['PL-1', 'GUARD-1']);
    expect(ownFindings).toContainEqual(expect.stringMatching(/^GUARD-1 aws_instance\.i: tags \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM" is not a value of the label/));
    expect(ownFindings).toContainEqual(expect.stringMatching(/^GUARD-1 aws_ec2_tag\.role: key could not be resolved: it sets the label/));
    // A group's tag block misspelt, and a tag resource's value misspelt (reported at the tag resource that writes it).
    const group = tf({
      aws_autoscaling_group: asg('lg', { key: ROLE, value: 'MY_NUMBER_SYTEM', propagate_at_launch: true }),
      aws_autoscaling_group_tag: { role: asgTag('${aws_autoscaling_group.asg.name}', ROLE, 'BUSINES_SYSTEM') },
    });
    const groupFindings = findings(extractTerraform({ s: group }), ['PL-1', 'GUARD-1']);
    expect(groupFindings).toContainEqual(expect.stringMatching(/^GUARD-1 aws_autoscaling_group\.asg: tag \(jichitai:role\) could not be resolved: "MY_NUMBER_SYTEM" is not/));
    expect(groupFindings).toContainEqual(expect.stringMatching(/^GUARD-1 aws_autoscaling_group_tag\.role: tag\.value could not be resolved: "BUSINES_SYSTEM" is not/));
  });

  test('a tag resource terraform forgets (removed, destroy = false) leaves its tag in place, which the configuration no longer shows: GUARD-1; '
    + 'an imported one is the tag it sets', () => {
    const config = tf({ aws_instance: instance('mn') }) as Record<string, unknown>;
    config.removed = [{ from: 'aws_ec2_tag.role', lifecycle: { destroy: false } }];
    expect(findings(extractTerraform({ s: config as TerraformJson }), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_ec2_tag.role: removed could not be resolved: terraform forgets the resource without destroying it (destroy = false): it stays in the network, '
      + 'and the guard reads the configuration only',
    ]);
    const imported = tf({ aws_instance: instance('mn'), aws_ec2_tag: { role: { resource_id: '${aws_instance.x.id}', key: ROLE, value: 'MY_NUMBER_SYSTEM' } } }) as Record<string, unknown>;
    imported.import = [{ to: 'aws_ec2_tag.role', id: 'i-0123456789abcdef0,jichitai:role' }];
    expect(findings(extractTerraform({ s: imported as TerraformJson }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });

  test('a literal id the evidence binds: a resource of the same configuration is labelled; one of another stack is outside (GUARD-1)', () => {
    const tagged = { aws_ec2_tag: { seg: { resource_id: 'subnet-0123456789abcdef0', key: SEG, value: 'MY_NUMBER' } } };
    const same = extractTerraform({ s: tf(tagged) }, { bindings: new Map([['subnet-0123456789abcdef0', 'aws_subnet.lg']]) });
    expect(findings(same, ['SEG-1', 'GUARD-1'])).toEqual([SEG1]);
    const other = extractTerraform({ a: { resource: tagged } as TerraformJson, b: tf({}) }, { bindings: new Map([['subnet-0123456789abcdef0', 'b/aws_subnet.lg']]) });
    expect(findings(other, ['SEG-1', 'GUARD-1'])).toEqual([
      'GUARD-1 a/aws_ec2_tag.seg: resource_id could not be resolved: it sets the label jichitai:segment = MY_NUMBER on a resource the guard cannot tie to one of the '
      + 'output (subnet-0123456789abcdef0 is the id of a resource outside the output): read as absent, the label would take that resource out of the rules that judge labels',
    ]);
  });

  test('worded in Japanese too', () => {
    const config = tf({
      aws_instance: instance('lg'),
      aws_ec2_tag: { t: { resource_id: 'i-0123456789abcdef0', key: ROLE, value: 'MY_NUMBER_SYSTEM' }, u: { resource_id: '${aws_subnet.lg.id}', key: SEG, value: 'MY_NUMBER' } },
      aws_subnet: { lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24', tags: { [SEG]: 'LGWAN' } } },
    });
    const found = checkTopology(extractTerraform({ s: config }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(2);
    for (const f of found) {
      expect(notJapanese(f.ja?.message)).toBeUndefined();
      expect(notJapanese(f.ja?.fix)).toBeUndefined();
    }
  });

  test('controls: tags that are no labels change nothing, read or not; the same value both ways; a label of the right segment', () => {
    const name = tf({
      aws_instance: instance('lg'),
      aws_ec2_tag: { n: { resource_id: '${var.anything}', key: 'Name', value: '${var.name}' }, c: { resource_id: 'i-0123456789abcdef0', key: 'CostCenter', value: 'x' } },
      aws_autoscaling_group: asg('lg'),
      aws_autoscaling_group_tag: { n: asgTag('${var.group}', 'Name', 'web') },
    });
    expect(findings(extractTerraform({ s: name }), ['PL-1', 'GUARD-1'])).toEqual([]);
    const same = tf({
      aws_autoscaling_group: asg('mn', { key: ROLE, value: 'MY_NUMBER_SYSTEM', propagate_at_launch: true }),
      aws_autoscaling_group_tag: { role: asgTag('${aws_autoscaling_group.asg.name}', ROLE, 'MY_NUMBER_SYSTEM') },
    });
    expect(findings(extractTerraform({ s: same }), ['PL-1', 'GUARD-1'])).toEqual([]);
    const right = tf({ aws_instance: instance('mn'), aws_ec2_tag: { role: { resource_id: '${aws_instance.x.id}', key: ROLE, value: 'MY_NUMBER_SYSTEM' } } });
    expect(findings(extractTerraform({ s: right }), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

/** A plan of the two segments (ids known only after apply) and `extra` resources. */
function plan(extra: PlannedResource[], ids: Record<string, string> = {}): unknown {
  const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment }, tags_all: { [SEG]: segment } }, unknown: { id: true },
  });
  const subnet = (name: string, cidr: string): PlannedResource => ({
    address: `aws_subnet.${name}`,
    values: { cidr_block: cidr, tags: null, tags_all: {}, ...ids[name] !== undefined ? { id: ids[name] } : {} },
    unknown: { ...ids[name] !== undefined ? {} : { id: true }, vpc_id: true },
    expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
  });
  return handPlan([
    vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), subnet('mn', '10.0.0.0/24'), subnet('lg', '10.1.0.0/24'),
    { address: 'aws_launch_template.t', values: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro', tags: null, tags_all: {} }, unknown: { id: true } },
    ...extra,
  ]);
}

/** An Auto Scaling group in `subnet`, its name known (`name`) or only after apply. */
function planAsg(subnet: string, name?: string): PlannedResource {
  return {
    address: 'aws_autoscaling_group.asg',
    values: { min_size: 1, max_size: 1, launch_template: [{ version: '$Latest' }], tag: [], ...name !== undefined ? { name } : {} },
    unknown: { id: true, ...name !== undefined ? {} : { name: true }, vpc_zone_identifier: true, launch_template: [{ id: true, name: true }] },
    expressions: {
      ...name !== undefined ? { name: { constant_value: name } } : {},
      vpc_zone_identifier: { references: [`aws_subnet.${subnet}.id`, `aws_subnet.${subnet}`] },
      launch_template: [{ id: { references: ['aws_launch_template.t.id', 'aws_launch_template.t'] }, version: { constant_value: '$Latest' } }],
    },
  };
}

/** An `aws_autoscaling_group_tag` whose group name is `name` (known) or known only after apply from `references`. */
function planAsgTag(key: string, value: string, name: string | undefined, references?: string[]): PlannedResource {
  return {
    address: 'aws_autoscaling_group_tag.role',
    values: { ...name !== undefined ? { autoscaling_group_name: name } : {}, tag: [{ key, value, propagate_at_launch: true }] },
    unknown: { id: true, ...name !== undefined ? {} : { autoscaling_group_name: true } },
    expressions: {
      autoscaling_group_name: references !== undefined ? { references } : { constant_value: name },
      tag: [{ key: { constant_value: key }, value: { constant_value: value }, propagate_at_launch: { constant_value: true } }],
    },
  };
}

describe('a plan: a label set by a tag resource is its target\'s', () => {
  test('aws_autoscaling_group_tag naming a group known only after apply (by reference) or by its planned name: PL-1', () => {
    const byReference = plan([planAsg('lg'), planAsgTag(ROLE, 'MY_NUMBER_SYSTEM', undefined, ['aws_autoscaling_group.asg.name', 'aws_autoscaling_group.asg'])]);
    expect(findings(extractTerraformPlan(byReference as any), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg')]);
    const byName = plan([planAsg('lg', 'mn-ledger'), planAsgTag(ROLE, 'MY_NUMBER_SYSTEM', 'mn-ledger', ['aws_autoscaling_group.asg.name', 'aws_autoscaling_group.asg'])]);
    expect(findings(extractTerraformPlan(byName as any), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_autoscaling_group.asg')]);
  });

  test('aws_ec2_tag on a subnet by reference, or by the planned id of an existing subnet: SEG-1', () => {
    const tag = (resourceId: string | undefined): PlannedResource => ({
      address: 'aws_ec2_tag.seg',
      values: { key: SEG, value: 'MY_NUMBER', ...resourceId !== undefined ? { resource_id: resourceId } : {} },
      unknown: { id: true, ...resourceId !== undefined ? {} : { resource_id: true } },
      expressions: { key: { constant_value: SEG }, value: { constant_value: 'MY_NUMBER' }, resource_id: { references: ['aws_subnet.lg.id', 'aws_subnet.lg'] } },
    });
    expect(findings(extractTerraformPlan(plan([tag(undefined)]) as any), ['SEG-1', 'GUARD-1'])).toEqual([SEG1]);
    expect(findings(extractTerraformPlan(plan([tag('subnet-0123456789abcdef0')], { lg: 'subnet-0123456789abcdef0' }) as any), ['SEG-1', 'GUARD-1'])).toEqual([SEG1]);
  });

  test('a target known only after apply from nothing the guard follows, or an id outside the plan: GUARD-1 at the tag resource', () => {
    const unknown = plan([planAsg('lg'), planAsgTag(ROLE, 'MY_NUMBER_SYSTEM', undefined, ['local.group'])]);
    const found = findings(extractTerraformPlan(unknown as any), ['PL-1', 'GUARD-1']);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^GUARD-1 aws_autoscaling_group_tag\.role: autoscaling_group_name could not be resolved: it sets the label jichitai:role = MY_NUMBER_SYSTEM on a resource the guard cannot tie to one of the output \(autoscaling_group_name is known only after apply: local\.group is a local value/);
    const outside = plan([planAsg('lg', 'mn-ledger'), planAsgTag(ROLE, 'MY_NUMBER_SYSTEM', 'other-group')]);
    expect(findings(extractTerraformPlan(outside as any), ['PL-1', 'GUARD-1'])).toEqual([
      'GUARD-1 aws_autoscaling_group_tag.role: autoscaling_group_name could not be resolved: it sets the label jichitai:role = MY_NUMBER_SYSTEM on a resource the guard '
      + 'cannot tie to one of the output (other-group is the id of a resource outside the output): read as absent, the label would take that resource out of the rules '
      + 'that judge labels',
    ]);
  });

  test('control: a tag that is no label, on an id outside the plan', () => {
    expect(findings(extractTerraformPlan(plan([planAsg('lg'), planAsgTag('Name', 'web', 'other-group')]) as any), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});
