/**
 * A host in two VPCs through its launch template (docs/guard-semantics.md §7, §10; bridges.ts `launchBridges`): EC2
 * attaches every network interface of a launch template at launch, each in its own subnet, and an instance may have
 * interfaces in several VPCs of the account (multi-VPC ENI attachments). A template whose interfaces name subnets of a
 * My Number and an Internet VPC made every instance it launched a bridge, yet only the same interfaces written on the
 * instance were refused (GUARD-1, `MULTI_HOMED`): `launchBridges` read a template's interfaces only for a public IP
 * address. Now what launches such a template (an instance, an Auto Scaling group, an EC2 or Spot Fleet, an EKS node
 * group, a Batch compute environment) is the bridge, named with the template; the launcher's own subnet fills or
 * overrides the primary interface's, and an instance's own interfaces count beside the template's (conservatively).
 * A template with one interface, or with all of them in one VPC, stays unflagged. Both engines, and a plan.
 */
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformStack, Testing } from 'cdktf';
import { buildCdkExample } from '../../examples/cdk/_app';
import { NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';

const SEG = 'jichitai:segment';
const AMI = 'ami-0123456789abcdef0';
/** What a host in more than one VPC opens (bridges.ts `MULTI_HOMED`), as the finding words it for `type`. */
const OPENS = (type: string) => `${type} opens a path between the other VPCs of an instance whose network interfaces are in more than one VPC and`;
const MN = 'of the MY_NUMBER segment \\(マイナンバー利用事務系\\)';

/** GUARD-1 findings of `graph` as `<path>: <message>` (all severities are critical: GUARD-1 is never acknowledged). */
function guard1(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1')
    .map((f) => { expect(f.severity).toBe('critical'); return `${f.path}: ${f.message}`; });
}

/** Every unresolved value's reason and fix read in Japanese (ja-engine) with no English left. */
function readsInJapanese(graph: TopologyGraph): void {
  expect(graph.unresolved.length).toBeGreaterThan(0);
  for (const u of graph.unresolved) {
    expect(notJapanese(jaOrEn(u.reason))).toBeUndefined();
    expect(notJapanese(jaOrEn(u.fix!))).toBeUndefined();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// CloudFormation: a My Number VPC with two subnets, an LGWAN and an Internet VPC with one each.

function cfnNetwork(): Record<string, any> {
  const tag = (segment: string) => [{ Key: SEG, Value: segment }];
  return {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    MnSub2: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.1.0/24' } },
    LgVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
    InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
    // The cluster the node groups join (a cluster outside the output would give them a group the guard cannot read).
    Eks: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'c', RoleArn: 'arn:aws:iam::111122223333:role/eks', ResourcesVpcConfig: { SubnetIds: [{ Ref: 'InSub' }], EndpointPublicAccess: false } } },
  };
}

/** A launch template `Lt` whose interfaces are in `subnets` (undefined: an interface naming no subnet), device index by order. */
function cfnTemplate(...subnets: (string | undefined)[]): any {
  const interfaces = subnets.map((s, i) => ({ DeviceIndex: i, ...s ? { SubnetId: { Ref: s } } : {} }));
  return { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: AMI, NetworkInterfaces: interfaces } } };
}

const SPEC = { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } };

function cfnGraph(resources: Record<string, any>): TopologyGraph {
  return extractCloudFormation({ S: { Resources: { ...cfnNetwork(), ...resources } } });
}

const instance = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: SPEC, ...extra } });

/** Each launcher type of the output launching `Lt` from subnet `at`, with the property the finding names the template by. */
const CFN_LAUNCHERS: readonly (readonly [string, (at: string) => Record<string, unknown>, string])[] = [
  ['AWS::AutoScaling::AutoScalingGroup', (at) => ({ MinSize: '1', MaxSize: '1', LaunchTemplate: SPEC, VPCZoneIdentifier: [{ Ref: at }] }), 'LaunchTemplate'],
  ['AWS::EC2::EC2Fleet', (at) => ({
    TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'on-demand' },
    LaunchTemplateConfigs: [{ LaunchTemplateSpecification: SPEC, Overrides: [{ SubnetId: { Ref: at } }] }],
  }), 'LaunchTemplateConfigs\\[0\\]'],
  ['AWS::EC2::SpotFleet', (at) => ({
    SpotFleetRequestConfigData: { IamFleetRole: 'arn:aws:iam::111122223333:role/f', TargetCapacity: 1, LaunchTemplateConfigs: [{ LaunchTemplateSpecification: SPEC, Overrides: [{ SubnetId: { Ref: at } }] }] },
  }), 'SpotFleetRequestConfigData\\.LaunchTemplateConfigs\\[0\\]'],
  ['AWS::EKS::Nodegroup', (at) => ({ ClusterName: 'c', NodeRole: 'arn:aws:iam::111122223333:role/n', Subnets: [{ Ref: at }], LaunchTemplate: { Id: { Ref: 'Lt' } } }), 'LaunchTemplate'],
  ['AWS::Batch::ComputeEnvironment', (at) => ({ Type: 'MANAGED', ComputeResources: { Type: 'EC2', MaxvCpus: 4, Subnets: [{ Ref: at }], LaunchTemplate: { LaunchTemplateId: { Ref: 'Lt' } } } }),
    'ComputeResources\\.LaunchTemplate'],
];

describe('CloudFormation: what launches a template whose interfaces are in more than one VPC is a bridge', () => {
  test('an instance launched from a template with interfaces in a My Number and an Internet subnet: GUARD-1 at the instance, naming the template', () => {
    const graph = cfnGraph({ Lt: cfnTemplate('MnSub', 'InSub'), App: instance() });
    const found = guard1(graph);
    expect(found).toEqual([expect.stringMatching(new RegExp('^App: LaunchTemplate \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[0\\]\\.SubnetId, '
      + `LaunchTemplate \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[1\\]\\.SubnetId could not be resolved: ${OPENS('AWS::EC2::Instance')} subnet MnSub ${MN}; `
      + 'the guard does not model it$'))]);
    // The Internet subnet is no place the guard refuses: only the My Number one is named.
    expect(found[0]).not.toMatch(/subnet InSub/);
    readsInJapanese(graph);
  });

  test.each(CFN_LAUNCHERS)('%s launching it (from an Internet subnet): GUARD-1 at the launcher, naming the template', (type, props, property) => {
    const graph = cfnGraph({ Lt: cfnTemplate('MnSub', 'InSub'), Launcher: { Type: type, Properties: props('InSub') } });
    expect(guard1(graph)).toEqual([expect.stringMatching(new RegExp(`^Launcher: ${property} \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[0\\]\\.SubnetId, .*`
      + `could not be resolved: ${OPENS(type)} subnet MnSub ${MN}`))]);
  });

  test('the launcher\'s subnet fills an interface that names none: an Auto Scaling group in the Internet segment with a second interface in My Number', () => {
    const graph = cfnGraph({ Lt: cfnTemplate(undefined, 'MnSub'), Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: CFN_LAUNCHERS[0][1]('InSub') } });
    expect(guard1(graph)).toEqual([expect.stringMatching(new RegExp('^Asg: LaunchTemplate \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[1\\]\\.SubnetId, VPCZoneIdentifier '
      + `could not be resolved: ${OPENS('AWS::AutoScaling::AutoScalingGroup')} subnet MnSub ${MN}`))]);
    // The same group in the My Number VPC: one VPC.
    expect(guard1(cfnGraph({ Lt: cfnTemplate(undefined, 'MnSub'), Asg: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: CFN_LAUNCHERS[0][1]('MnSub2') } }))).toEqual([]);
  });

  test('an instance\'s own subnet or interfaces with the template\'s (RunInstances overrides the template; counted together, conservatively)', () => {
    // Its own subnet is the primary interface's; the template's second interface is in another VPC.
    expect(guard1(cfnGraph({ Lt: cfnTemplate(undefined, 'LgSub'), App: instance({ SubnetId: { Ref: 'InSub' } }) })))
      .toEqual([expect.stringMatching(new RegExp('^App: LaunchTemplate \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[1\\]\\.SubnetId, SubnetId could not be resolved: '
        + `${OPENS('AWS::EC2::Instance')} subnet LgSub of the LGWAN segment`))]);
    // Its own interface list beside the template's single interface.
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub'), App: instance({ NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: { Ref: 'InSub' } }] }) })))
      .toEqual([expect.stringMatching(new RegExp('^App: LaunchTemplate \\(Lt\\) → LaunchTemplateData\\.NetworkInterfaces\\[0\\]\\.SubnetId, NetworkInterfaces\\[0\\]\\.SubnetId '
        + `could not be resolved: ${OPENS('AWS::EC2::Instance')} subnet MnSub ${MN}`))]);
    // No subnet of its own: an interface of the template naming none lands in the default VPC, which the guard cannot place.
    expect(guard1(cfnGraph({ Lt: cfnTemplate(undefined, 'InSub'), App: instance() })))
      .toEqual([expect.stringMatching(/^App: .*SubnetId, which cannot be resolved \(not given, which means the default VPC\)/)]);
    // So does one a fleet without overrides launches.
    const plainFleet = { TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'on-demand' }, LaunchTemplateConfigs: [{ LaunchTemplateSpecification: SPEC }] };
    expect(guard1(cfnGraph({ Lt: cfnTemplate(undefined, 'MnSub'), Fleet: { Type: 'AWS::EC2::EC2Fleet', Properties: plainFleet } })))
      .toEqual([expect.stringMatching(/^Fleet: .*LaunchTemplateConfigs\[\]\.Overrides\[\]\.SubnetId, which cannot be resolved \(not given, which means the default VPC\)/)]);
  });

  test('an interface whose subnet the guard cannot read, or an interface by id outside the output, is refused (fail closed)', () => {
    const parameter = cfnTemplate('InSub', 'InSub') as any;
    parameter.Properties.LaunchTemplateData.NetworkInterfaces[1].SubnetId = { Ref: 'SubnetParam' };
    const found = guard1(extractCloudFormation({ S: { Parameters: { SubnetParam: { Type: 'String' } }, Resources: { ...cfnNetwork(), Lt: parameter, App: instance() } } }));
    expect(found).toEqual([
      expect.stringMatching(new RegExp(`^App: .*could not be resolved: ${OPENS('AWS::EC2::Instance')} LaunchTemplate \\(Lt\\) → `
        + 'LaunchTemplateData\\.NetworkInterfaces\\[1\\]\\.SubnetId, which cannot be resolved')),
      // The template's own reading already says it may run anywhere (an occupant of a deploy-time subnet).
      expect.stringMatching(/^Lt: LaunchTemplateData\.NetworkInterfaces\[1\]\.SubnetId could not be resolved: the subnet it names is known only at deploy time/),
    ]);
    const byId = cfnTemplate('InSub', 'InSub') as any;
    byId.Properties.LaunchTemplateData.NetworkInterfaces[1] = { DeviceIndex: 1, NetworkInterfaceId: 'eni-0123456789abcdef0' };
    expect(guard1(cfnGraph({ Lt: byId, App: instance() })))
      .toEqual([expect.stringMatching(/^App: .*network interface eni-0123456789abcdef0 \(LaunchTemplate \(Lt\) → LaunchTemplateData\.NetworkInterfaces\[1\]\.NetworkInterfaceId\), which the guard does not model/)]);
  });

  test('a template no launcher of the output names, with interfaces in two VPCs: GUARD-1 at the template (whatever launches it gets them all)', () => {
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'InSub') })))
      .toEqual([expect.stringMatching(new RegExp('^Lt: LaunchTemplateData\\.NetworkInterfaces\\[0\\]\\.SubnetId, LaunchTemplateData\\.NetworkInterfaces\\[1\\]\\.SubnetId '
        + `could not be resolved: ${OPENS('AWS::EC2::LaunchTemplate')} subnet MnSub ${MN}`))]);
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'MnSub2') }))).toEqual([]);
  });

  test('controls: two interfaces in one VPC, or a template with one interface, are no bridge', () => {
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'MnSub2'), App: instance() }))).toEqual([]);
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'MnSub2'), App: instance({ SubnetId: { Ref: 'MnSub' } }) }))).toEqual([]);
    for (const [type, props] of CFN_LAUNCHERS) {
      expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'MnSub2'), Launcher: { Type: type, Properties: props('MnSub') } }))).toEqual([]);
      // One interface: one VPC, whichever subnet the launcher's overrides or the template's gives it.
      expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub'), Launcher: { Type: type, Properties: props('MnSub2') } }))).toEqual([]);
    }
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub'), App: instance({ SubnetId: { Ref: 'InSub' } }) }))).toEqual([]);
    // A fleet without overrides launches where the template's interfaces say (its default-VPC reading holds none of them).
    const plainFleet = { TargetCapacitySpecification: { TotalTargetCapacity: 1, DefaultTargetCapacityType: 'on-demand' }, LaunchTemplateConfigs: [{ LaunchTemplateSpecification: SPEC }] };
    expect(guard1(cfnGraph({ Lt: cfnTemplate('MnSub', 'MnSub2'), Fleet: { Type: 'AWS::EC2::EC2Fleet', Properties: plainFleet } }))).toEqual([]);
    // Interfaces naming no subnet all land in the one subnet the launcher picks.
    expect(guard1(cfnGraph({ Lt: cfnTemplate(undefined, undefined), Launcher: { Type: CFN_LAUNCHERS[1][0], Properties: CFN_LAUNCHERS[1][1]('MnSub') } }))).toEqual([]);
  });

  test('control: the same two interfaces written on the instance itself are still refused', () => {
    const interfaces = [{ DeviceIndex: '0', SubnetId: { Ref: 'MnSub' } }, { DeviceIndex: '1', SubnetId: { Ref: 'InSub' } }];
    const graph = cfnGraph({ App: { Type: 'AWS::EC2::Instance', Properties: { ImageId: AMI, NetworkInterfaces: interfaces } } });
    expect(guard1(graph)).toEqual([expect.stringMatching(new RegExp('^App: NetworkInterfaces\\[0\\]\\.SubnetId, NetworkInterfaces\\[1\\]\\.SubnetId could not be resolved: '
      + `${OPENS('AWS::EC2::Instance')} subnet MnSub ${MN}`))]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// CDK: the α example, as an outside tester wrote it (a My Number and an Internet subnet of the example's own VPCs).

describe('CDK (α example): MunicipalNetwork refuses an instance or a fleet launching a dual-homed template', () => {
  const subnet = (stack: Stack, suffix: string) =>
    stack.node.findAll().find((c) => c instanceof ec2.CfnSubnet && c.node.path.endsWith(suffix)) as ec2.CfnSubnet;
  const dualHomed = (stack: Stack, second = 'Internet/Subnet-workload-1') => new ec2.CfnLaunchTemplate(stack, 'DualHomed', {
    launchTemplateData: {
      imageId: AMI,
      networkInterfaces: [
        { deviceIndex: 0, subnetId: subnet(stack, 'MyNumber/Subnet-endpoints-1').ref },
        { deviceIndex: 1, subnetId: subnet(stack, second).ref },
      ],
    },
  });
  const spec = (lt: ec2.CfnLaunchTemplate) => ({ launchTemplateId: lt.ref, version: lt.attrLatestVersionNumber });

  /** The GUARD-1 findings of the example with `change`, read from its synthesized template (no guard at synth). */
  function findings(change: (stack: Stack) => void): string[] {
    const app = new App({ builtinCloudFormationValidation: false });
    const { stack, network } = buildCdkExample('alpha', app);
    change(stack);
    const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
    const graph = extractCloudFormation({ [stack.stackName]: JSON.parse(JSON.stringify(template)) });
    return checkTopology(graph, { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase },
      { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) }).filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
  }

  test('an instance launched from it: refused at synth, the finding at the instance naming the template', () => {
    const app = new App();
    const { stack } = buildCdkExample('alpha', app);
    new ec2.CfnInstance(stack, 'Bridge', { launchTemplate: spec(dualHomed(stack)) });
    expect(() => app.synth()).toThrow(/Bridge\] GUARD-1 critical .*LaunchTemplate \(DualHomed[0-9A-F]*\) → LaunchTemplateData\.NetworkInterfaces\[0\]\.SubnetId.*AWS::EC2::Instance opens a path between the other VPCs of an instance whose network interfaces are in more than one VPC/);
  });

  test('an EC2 Fleet launching it: GUARD-1 at the fleet; control: two subnets of the My Number VPC are no bridge', () => {
    const fleet = (second?: string) => (stack: Stack) => {
      new ec2.CfnEC2Fleet(stack, 'Bridge', {
        launchTemplateConfigs: [{ launchTemplateSpecification: spec(dualHomed(stack, second)) }],
        targetCapacitySpecification: { totalTargetCapacity: 1, defaultTargetCapacityType: 'on-demand' },
      });
    };
    expect(findings(fleet())).toEqual([expect.stringMatching(/Bridge: LaunchTemplateConfigs\[0\] \(DualHomed[0-9A-F]*\) → .*AWS::EC2::EC2Fleet opens a path between the other VPCs of an instance whose network interfaces are in more than one VPC and subnet .*MY_NUMBER segment/)]);
    expect(findings(fleet('MyNumber/Subnet-endpoints-2'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Terraform: the same network (`aws_subnet.mn`, `aws_subnet.mn2`, `aws_subnet.lg`, `aws_subnet.inet`).

function tfGraph(resources: Record<string, Record<string, unknown>>): TopologyGraph {
  const tags = (segment: string) => ({ [SEG]: segment });
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: tags('MY_NUMBER') }, lg: { cidr_block: '10.1.0.0/16', tags: tags('LGWAN') }, inet: { cidr_block: '10.2.0.0/16', tags: tags('INTERNET') } },
    aws_subnet: {
      mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' },
      mn2: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.1.0/24' },
      lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' },
      inet: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.0.0/24' },
    },
    // The cluster the node groups join (a cluster outside the output would give them a group the guard cannot read).
    aws_eks_cluster: { c: { name: 'c', role_arn: 'arn:aws:iam::111122223333:role/eks', vpc_config: { subnet_ids: ['${aws_subnet.inet.id}'], endpoint_public_access: false } } },
  };
  for (const [type, byName] of Object.entries(resources)) resource[type] = { ...resource[type], ...byName };
  return extractTerraform({ t: { resource } });
}

const tfTemplate = (...subnets: (string | undefined)[]) => ({
  aws_launch_template: { lt: { image_id: AMI, network_interfaces: subnets.map((s, i) => ({ device_index: i, ...s ? { subnet_id: `\${aws_subnet.${s}.id}` } : {} })) } },
});
const TF_SPEC = { id: '${aws_launch_template.lt.id}', version: '$Latest' };

/** Terraform launchers of `aws_launch_template.lt` from subnet `at`, with the property the finding names the template by. */
const TF_LAUNCHERS: readonly (readonly [string, (at: string) => Record<string, unknown>, string])[] = [
  ['aws_autoscaling_group', (at) => ({ min_size: 1, max_size: 1, launch_template: TF_SPEC, vpc_zone_identifier: [`\${aws_subnet.${at}.id}`] }), 'launch_template'],
  ['aws_ec2_fleet', (at) => ({
    target_capacity_specification: { default_target_capacity_type: 'on-demand', total_target_capacity: 1 },
    launch_template_config: { launch_template_specification: { launch_template_id: '${aws_launch_template.lt.id}', version: '$Latest' }, override: [{ subnet_id: `\${aws_subnet.${at}.id}` }] },
  }), 'launch_template_config\\[0\\]'],
  ['aws_eks_node_group', (at) => ({
    cluster_name: 'c',
    node_role_arn: 'arn:aws:iam::111122223333:role/n',
    subnet_ids: [`\${aws_subnet.${at}.id}`],
    launch_template: TF_SPEC,
    scaling_config: { desired_size: 1, max_size: 1, min_size: 1 },
  }), 'launch_template'],
];

describe('Terraform: what launches a template whose network_interfaces are in more than one VPC is a bridge', () => {
  test('an aws_instance launched from it: GUARD-1 at the instance, naming the template', () => {
    const graph = tfGraph({ ...tfTemplate('mn', 'inet'), aws_instance: { app: { launch_template: TF_SPEC } } });
    expect(guard1(graph)).toEqual([expect.stringMatching(new RegExp('^aws_instance\\.app: launch_template \\(aws_launch_template\\.lt\\) → network_interfaces\\[0\\]\\.subnet_id, '
      + `launch_template \\(aws_launch_template\\.lt\\) → network_interfaces\\[1\\]\\.subnet_id could not be resolved: ${OPENS('aws_instance')} subnet aws_subnet\\.mn ${MN}`))]);
    readsInJapanese(graph);
  });

  test.each(TF_LAUNCHERS)('%s launching it (from an Internet subnet): GUARD-1 at the launcher, naming the template', (type, body, property) => {
    expect(guard1(tfGraph({ ...tfTemplate('mn', 'inet'), [type]: { launcher: body('inet') } })))
      .toEqual([expect.stringMatching(new RegExp(`^${type}\\.launcher: ${property} \\(aws_launch_template\\.lt\\) → network_interfaces\\[0\\]\\.subnet_id, .*`
        + `could not be resolved: ${OPENS(type)} subnet aws_subnet\\.mn ${MN}`))]);
  });

  test('an aws_instance\'s own subnet with the template\'s second interface in LGWAN; an interface by id of the configuration at its subnet', () => {
    expect(guard1(tfGraph({ ...tfTemplate(undefined, 'lg'), aws_instance: { app: { subnet_id: '${aws_subnet.inet.id}', launch_template: TF_SPEC } } })))
      .toEqual([expect.stringMatching(/^aws_instance\.app: .*network_interfaces\[1\]\.subnet_id, subnet_id could not be resolved: .*subnet aws_subnet\.lg of the LGWAN segment/)]);
    const byId = { aws_launch_template: { lt: { network_interfaces: [{ device_index: 0, subnet_id: '${aws_subnet.inet.id}' }, { device_index: 1, network_interface_id: '${aws_network_interface.eni.id}' }] } } };
    expect(guard1(tfGraph({ ...byId, aws_network_interface: { eni: { subnet_id: '${aws_subnet.mn.id}' } }, aws_instance: { app: { launch_template: TF_SPEC } } })))
      .toEqual([expect.stringMatching(/^aws_instance\.app: .*network_interfaces\[1\]\.network_interface_id → subnet_id.*subnet aws_subnet\.mn of the MY_NUMBER segment/)]);
  });

  test('controls: two interfaces in one VPC, or one interface, are no bridge; the same interfaces on the instance itself still are', () => {
    expect(guard1(tfGraph({ ...tfTemplate('mn', 'mn2'), aws_instance: { app: { launch_template: TF_SPEC } } }))).toEqual([]);
    for (const [type, body] of TF_LAUNCHERS) {
      expect(guard1(tfGraph({ ...tfTemplate('mn', 'mn2'), [type]: { launcher: body('mn') } }))).toEqual([]);
      expect(guard1(tfGraph({ ...tfTemplate('mn'), [type]: { launcher: body('mn2') } }))).toEqual([]);
    }
    // The instance itself: its subnet in the Internet VPC and an interface (by id) in My Number.
    const own = tfGraph({
      aws_network_interface: { eni: { subnet_id: '${aws_subnet.mn.id}' } },
      aws_instance: { app: { ami: AMI, subnet_id: '${aws_subnet.inet.id}', network_interface: [{ network_interface_id: '${aws_network_interface.eni.id}', device_index: 1 }] } },
    });
    expect(guard1(own)).toEqual([expect.stringMatching(new RegExp('^aws_instance\\.app: subnet_id, network_interface\\[0\\]\\.network_interface_id → subnet_id could not be resolved: '
      + `${OPENS('aws_instance')} subnet aws_subnet\\.mn ${MN}`))]);
  });

  test('CDKTF: TopologyGuard refuses an Auto Scaling group launching a dual-homed template; one VPC passes the bridge check', () => {
    const build = (second: 'In' | 'Mn2') => {
      const stack = new TerraformStack(Testing.app(), 't');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
      const mnVpc = new Vpc(stack, 'MnVpc', { cidrBlock: '10.0.0.0/16', tags: { [SEG]: 'MY_NUMBER' } });
      const inVpc = new Vpc(stack, 'InVpc', { cidrBlock: '10.2.0.0/16', tags: { [SEG]: 'INTERNET' } });
      const subnets = {
        Mn: new Subnet(stack, 'MnSub', { vpcId: mnVpc.id, cidrBlock: '10.0.0.0/24' }),
        Mn2: new Subnet(stack, 'MnSub2', { vpcId: mnVpc.id, cidrBlock: '10.0.1.0/24' }),
        In: new Subnet(stack, 'InSub', { vpcId: inVpc.id, cidrBlock: '10.2.0.0/24' }),
      };
      const lt = new LaunchTemplate(stack, 'DualHomed', {
        imageId: AMI, networkInterfaces: [{ deviceIndex: 0, subnetId: subnets.Mn.id }, { deviceIndex: 1, subnetId: subnets[second].id }],
      });
      new AutoscalingGroup(stack, 'Asg', { minSize: 1, maxSize: 1, vpcZoneIdentifier: [subnets.Mn.id], launchTemplate: { id: lt.id, version: '$Latest' } });
      new Instance(stack, 'App', { launchTemplate: { id: lt.id } });
      return stack;
    };
    const graph = extractTerraform({ t: JSON.parse(Testing.synth(build('In'))) });
    expect(guard1(graph)).toEqual([
      expect.stringMatching(new RegExp(`^aws_autoscaling_group\\.Asg: launch_template \\(aws_launch_template\\.DualHomed\\) → .*${OPENS('aws_autoscaling_group')} subnet aws_subnet\\.MnSub ${MN}`)),
      expect.stringMatching(new RegExp(`^aws_instance\\.App: launch_template \\(aws_launch_template\\.DualHomed\\) → .*${OPENS('aws_instance')} subnet aws_subnet\\.MnSub ${MN}`)),
    ]);
    expect(guard1(extractTerraform({ t: JSON.parse(Testing.synth(build('Mn2'))) }))).toEqual([]);
    const refused = build('In');
    tf.TopologyGuard.apply(refused, { model: NetworkModel.ALPHA });
    expect(() => Testing.synth(refused, true)).toThrow(/GUARD-1 critical .*aws_autoscaling_group opens a path between the other VPCs of an instance whose network interfaces are in more than one VPC/);
  });

  test('a plan (terraform show -json): the template\'s interfaces by reference, an instance launching it', () => {
    const ref = (address: string) => ({ references: [`${address}.id`, address] });
    const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({ address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { [SEG]: segment } }, unknown: { id: true } });
    const subnet = (name: string, vpcName: string, cidr: string): PlannedResource => ({
      address: `aws_subnet.${name}`, values: { cidr_block: cidr, tags: null }, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: ref(`aws_vpc.${vpcName}`) },
    });
    const plan = (second: string) => handPlan([
      vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('inet', '10.2.0.0/16', 'INTERNET'),
      subnet('mn', 'mn', '10.0.0.0/24'), subnet('mn2', 'mn', '10.0.1.0/24'), subnet('inet', 'inet', '10.2.0.0/24'),
      {
        address: 'aws_launch_template.lt',
        values: { image_id: AMI, network_interfaces: [{ device_index: 0 }, { device_index: 1 }], tags: null },
        unknown: { id: true, network_interfaces: [{ subnet_id: true }, { subnet_id: true }] },
        expressions: { network_interfaces: [{ device_index: { constant_value: 0 }, subnet_id: ref('aws_subnet.mn') }, { device_index: { constant_value: 1 }, subnet_id: ref(`aws_subnet.${second}`) }] },
      },
      {
        address: 'aws_instance.app',
        values: { launch_template: [{ version: '$Latest' }], network_interface: [], tags: null },
        unknown: { id: true, subnet_id: true, launch_template: [{ id: true, name: true }] },
        expressions: { launch_template: [{ id: ref('aws_launch_template.lt'), version: { constant_value: '$Latest' } }] },
      },
    ]);
    expect(guard1(extractTerraformPlan(plan('inet')))).toEqual([expect.stringMatching(new RegExp('^aws_instance\\.app: launch_template \\(aws_launch_template\\.lt\\) → '
      + `network_interfaces\\[0\\]\\.subnet_id, .*${OPENS('aws_instance')} subnet aws_subnet\\.mn ${MN}`))]);
    expect(guard1(extractTerraformPlan(plan('mn2')))).toEqual([]);
  });
});
