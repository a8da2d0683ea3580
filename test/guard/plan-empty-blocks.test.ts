/**
 * A Terraform plan (`terraform show -json`, provider 5.100) writes a nested block the configuration leaves unset as an
 * empty list — `vpc_config: []`, `launch_template: []`, `launch_template_specification: []` — where a synthesized
 * configuration (cdk.tf.json) leaves it out. Read as given, such a block named a value that is not there: a finding at
 * a resource that opens nothing (a false alarm), or a resource placed where it is not. The shapes are those offline
 * plans gave (terraform 1.11.4, hashicorp/aws 5.100.0; an update plan from a state that held no such value), but for
 * the instance without a subnet of its own beside `network_interface: []`; each beside a control that the reading is live.
 */
import { checkTopology } from '../../src/guard/check';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { Finding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';

const SEG = 'jichitai:segment';
const ROLE = 'jichitai:role';

/** The resource's references as a plan's configuration records them (`aws_subnet.mn.id`, `aws_subnet.mn`). */
const ref = (address: string, attribute = 'id') => ({ references: [`${address}.${attribute}`, address] });

/** A My Number and an Internet VPC with one subnet each, and `extra`. */
function plan(extra: PlannedResource[]): unknown {
  const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
    address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment } }, unknown: { id: true },
  });
  const subnet = (name: string, cidr: string): PlannedResource => ({
    address: `aws_subnet.${name}`, values: { cidr_block: cidr, tags: null }, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref(`aws_vpc.${name}`) },
  });
  return handPlan([vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('inet', '10.2.0.0/16', 'INTERNET'), subnet('mn', '10.0.0.0/24'), subnet('inet', '10.2.0.0/24'), ...extra]);
}

/** The findings located at `path`, as `<rule> <path>`, with their messages. */
function at(p: unknown, path: string): { rule: string; message: string }[] {
  return checkTopology(extractTerraformPlan(p), { model: NetworkModel.ALPHA }).filter((f: Finding) => f.path === path)
    .map((f) => ({ rule: `${f.ruleId} ${f.path}`, message: f.message }));
}
const rules = (p: unknown, path: string) => at(p, path).map((f) => f.rule);

describe('an unset nested block a plan writes as []', () => {
  // A plan of an existing fleet or image builder without vpc_config gave `vpc_config: []` (a create plan leaves it out,
  // known after apply). Without it, the fleet runs in AppStream's own network: no VPC of the account.
  test('AppStream fleet and image builder: vpc_config: [] is in no VPC (no GUARD-1); one in a My Number subnet still is a bridge', () => {
    const appstream = (type: string, vpcConfig: PlannedResource['values'], unknown = {}, expressions = {}): PlannedResource => ({
      address: `${type}.a`,
      values: { name: 'a', instance_type: 'stream.standard.small', enable_default_internet_access: true, vpc_config: vpcConfig, tags: null },
      unknown: { id: true, ...unknown },
      expressions,
    });
    for (const type of ['aws_appstream_fleet', 'aws_appstream_image_builder']) {
      expect(rules(plan([appstream(type, [])]), `${type}.a`)).toEqual([]);
      const inVpc = appstream(type, [{}], { vpc_config: [{ subnet_ids: true }] }, { vpc_config: [{ subnet_ids: ref('aws_subnet.mn') }] });
      const found = at(plan([inVpc]), `${type}.a`);
      expect(found.map((f) => f.rule)).toEqual([`GUARD-1 ${type}.a`]);
      expect(found[0].message).toMatch(/default internet access of an AppStream fleet or image builder and subnet aws_subnet\.mn/);
    }
  });

  // A mixed instances policy's override that names only an instance type gave `launch_template_specification: []` in a
  // create plan: it launches the policy's template, which the plan holds.
  test('Auto Scaling group: an override\'s launch_template_specification: [] names no other template (no GUARD-1); one outside the plan still is', () => {
    const template: PlannedResource = { address: 'aws_launch_template.lt', values: { image_id: 'ami-12345678', network_interfaces: [], tags: null }, unknown: { id: true } };
    /** An override of `t3.micro` with the planned `spec` (and, when it names a template, its `written` expression). */
    const group = (spec: unknown[], written?: Record<string, unknown>): PlannedResource => ({
      address: 'aws_autoscaling_group.asg',
      values: {
        min_size: 1,
        max_size: 1,
        launch_template: [],
        mixed_instances_policy: [{
          instances_distribution: [],
          launch_template: [{ launch_template_specification: [{}], override: [{ instance_requirements: [], instance_type: 't3.micro', launch_template_specification: spec }] }],
        }],
        tag: [],
      },
      unknown: {
        id: true,
        vpc_zone_identifier: true,
        mixed_instances_policy: [{
          launch_template: [{ launch_template_specification: [{ launch_template_id: true, launch_template_name: true, version: true }] }],
        }],
      },
      expressions: {
        vpc_zone_identifier: ref('aws_subnet.mn'),
        mixed_instances_policy: [{
          launch_template: [{
            launch_template_specification: [{ launch_template_id: ref('aws_launch_template.lt') }],
            override: [{ instance_type: { constant_value: 't3.micro' }, ...written ? { launch_template_specification: [written] } : {} }],
          }],
        }],
      },
    });
    expect(rules(plan([template, group([])]), 'aws_autoscaling_group.asg')).toEqual([]);
    const other = { launch_template_id: 'lt-0123456789abcdef0' };
    const outside = at(plan([template, group([other], { launch_template_id: { constant_value: other.launch_template_id } })]), 'aws_autoscaling_group.asg');
    expect(outside.map((f) => f.rule)).toEqual(['GUARD-1 aws_autoscaling_group.asg']);
    expect(outside[0].message).toMatch(/mixed_instances_policy\.launch_template\.override\[0\] \(lt-0123456789abcdef0\)/);
  });

  // A plan of an existing instance writes `network_interface: []` (a create plan leaves it out, known after apply). With
  // no subnet of its own it is no placement: the instance runs where its template's interfaces say, not in the default VPC.
  test('an instance\'s network_interface: [] does not place it in the default VPC: its template\'s public interface in an Internet subnet is no bridge', () => {
    const template = (subnet: string): PlannedResource => ({
      address: 'aws_launch_template.lt',
      values: { image_id: 'ami-12345678', network_interfaces: [{ associate_public_ip_address: 'true', device_index: 0 }], tags: null },
      unknown: { id: true, network_interfaces: [{ subnet_id: true }] },
      expressions: { network_interfaces: [{ associate_public_ip_address: { constant_value: 'true' }, device_index: { constant_value: 0 }, subnet_id: ref(subnet) }] },
    });
    const instance: PlannedResource = {
      address: 'aws_instance.app',
      values: { launch_template: [{ version: '$Latest' }], network_interface: [], tags: null },
      unknown: { id: true, subnet_id: true, launch_template: [{ id: true, name: true }] },
      expressions: { launch_template: [{ id: ref('aws_launch_template.lt'), version: { constant_value: '$Latest' } }] },
    };
    expect(rules(plan([template('aws_subnet.inet'), instance]), 'aws_launch_template.lt')).toEqual([]);
    const mn = at(plan([template('aws_subnet.mn'), instance]), 'aws_launch_template.lt');
    expect(mn.map((f) => f.rule)).toEqual(['GUARD-1 aws_launch_template.lt']);
    expect(mn[0].message).toMatch(/aws_subnet\.mn/);
    expect(mn[0].message).not.toMatch(/launched by aws_instance\.app/);
  });

  // Every planned aws_instance has `launch_template: []`: a labelled one with no subnet or interface of its own is in the
  // default VPC (PL-1 says so), not in a launch template the guard cannot read.
  test('a labelled instance\'s launch_template: [] names no template: PL-1 places it in the default VPC', () => {
    const instance: PlannedResource = {
      address: 'aws_instance.h',
      values: { ami: 'ami-12345678', instance_type: 't3.micro', launch_template: [], tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } },
      unknown: { id: true, subnet_id: true, network_interface: true },
    };
    const found = at(plan([instance]), 'aws_instance.h');
    expect(found.map((f) => f.rule)).toEqual(['PL-1 aws_instance.h']);
    expect(found[0].message).toMatch(/in the default VPC/);
    expect(found[0].message).not.toMatch(/launch template/);
  });

  // An update plan of a VPC server without Elastic IP addresses gave `address_allocation_ids: []` (a create plan, null).
  test('Transfer server: address_allocation_ids: [] is no Elastic IP address (not internet-facing); one allocation id is', () => {
    const server = (ids: string[]): PlannedResource => ({
      address: 'aws_transfer_server.t',
      values: { endpoint_type: 'VPC', endpoint_details: [{ address_allocation_ids: ids }], tags: null },
      unknown: { id: true, endpoint_details: [{ subnet_ids: true, vpc_id: true }] },
      expressions: { endpoint_type: { constant_value: 'VPC' }, endpoint_details: [{ subnet_ids: ref('aws_subnet.mn'), vpc_id: ref('aws_vpc.mn') }] },
    });
    expect(rules(plan([server([])]), 'aws_transfer_server.t')).toEqual([]);
    const public_ = at(plan([server(['eipalloc-0123456789abcdef0'])]), 'aws_transfer_server.t');
    expect(public_.map((f) => f.rule)).toEqual(['GUARD-1 aws_transfer_server.t']);
    expect(public_[0].message).toMatch(/internet-facing Transfer Family server and subnet aws_subnet\.mn/);
  });
});
