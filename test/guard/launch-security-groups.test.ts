/**
 * The security groups of launched instances that the guard read too narrowly (README known gap "Security groups changed
 * outside the output, and a few launched instances' groups"; task sg45), in both engines:
 *
 * 1. A launch template that names groups on one network interface and none on another: EC2 puts the other in the VPC's
 *    default group. It was read with the named groups only.
 * 2. A Spot Fleet's inline launch specification without groups: the VPC's default group, as any launch naming none.
 * 3. A CloudFormation instance whose own `NetworkInterfaces` give a subnet and no `GroupSet`: the subnet VPC's default
 *    group (Terraform's `network_interface` names an `aws_network_interface`, whose groups are read at it).
 * 4. A launch template or configuration whose group the guard cannot read (a parameter, a variable, a literal `sg-…` id)
 *    was GUARD-1 at the template, but its group open to all traffic was placed nowhere: now where its launchers run.
 * 5. A rule on a group outside the output whose peer is the same group counted as inside its own segment.
 * 6. A plan's `x.block[0].attr` reference read as the resource `x` (its block's name as the attribute): now the attribute
 *    inside the block, which names no resource (GUARD-1 where a resource is needed), as a configuration's reads.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanPlan, narrowGroupTfFindings } from '../support/two-segments';

const DEFAULT_GROUP = [expect.stringMatching(/^MN-3 .*MnVpc#default-security-group.*egress rules toward the LGWAN segment allow all traffic/)];
const TF_DEFAULT_GROUP = [expect.stringMatching(/^MN-3 .*aws_vpc\.mn#default-security-group.*egress rules toward the LGWAN segment allow all traffic/)];
const OWN_RULES = { SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] };
const own = [{ 'Fn::GetAtt': ['Own', 'GroupId'] }];
const lt = { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } };

const cfnFound = (resources: Record<string, unknown>, rules = ['MN-3', 'GUARD-1']) => findings(extractCloudFormation({
  S: {
    Parameters: { Sg: { Type: 'AWS::EC2::SecurityGroup::Id' } },
    Resources: {
      ...myNumberAndLgwan(),
      Own: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'own', ...OWN_RULES } },
      ...resources,
    },
  } as any,
}), rules);
const template = (data: Record<string, unknown>) => ({ Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', ...data } } });
const asg = (extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'MnSub' }], LaunchTemplate: lt, ...extra },
});

const tfOwn = ['${aws_security_group.own.id}'];
const tfFound = narrowGroupTfFindings;
const tfTemplate = (args: Record<string, unknown>) => ({ aws_launch_template: { lt: { image_id: 'ami-0123456789abcdef0', ...args } } });
const tfAsg = { aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.mn.id}'], launch_template: { id: '${aws_launch_template.lt.id}' } } } };

/** A plan: the two segments and their subnets, a narrow group of the My Number VPC, and `resources`. */
const plan = (resources: PlannedResource[]) => handPlan([
  ...myNumberAndLgwanPlan(),
  {
    address: 'aws_security_group.own',
    values: { ingress: [], egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }] },
    unknown: { vpc_id: true, id: true },
    expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] } },
  },
  ...resources,
]);
const planFound = (resources: PlannedResource[]) => findings(extractTerraformPlan(plan(resources)), ['MN-3', 'GUARD-1']);
const planAsg: PlannedResource = {
  address: 'aws_autoscaling_group.asg',
  values: { min_size: 1, max_size: 1, launch_template: [{}] },
  unknown: { vpc_zone_identifier: true, launch_template: [{ id: true }] },
  expressions: {
    vpc_zone_identifier: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] },
    launch_template: [{ id: { references: ['aws_launch_template.lt.id', 'aws_launch_template.lt'] } }],
  },
};

describe('1. a launch template naming groups on one interface and none on another', () => {
  test('control: groups on every interface leave the default group unused', () => {
    const both = [{ DeviceIndex: 0, Groups: own }, { DeviceIndex: 1, Groups: own, SubnetId: { Ref: 'MnSub' } }];
    expect(cfnFound({ Lt: template({ NetworkInterfaces: both }), Asg: asg() })).toEqual([]);
    const tfBoth = [{ device_index: 0, security_groups: tfOwn }, { device_index: 1, security_groups: tfOwn }];
    expect(tfFound({ ...tfTemplate({ network_interfaces: tfBoth }), ...tfAsg })).toEqual([]);
  });

  test('CloudFormation: the interface without groups, in its own subnet or where the launcher runs, uses the default group', () => {
    // The second interface names its subnet.
    const second = [{ DeviceIndex: 0, Groups: own }, { DeviceIndex: 1, SubnetId: { Ref: 'MnSub' } }];
    expect(cfnFound({ Lt: template({ NetworkInterfaces: second }), Asg: asg() })).toEqual(DEFAULT_GROUP);
    // The primary one, without a subnet: where the Auto Scaling group runs it.
    const primary = [{ DeviceIndex: 0 }, { DeviceIndex: 1, Groups: own, SubnetId: { Ref: 'MnSub' } }];
    expect(cfnFound({ Lt: template({ NetworkInterfaces: primary }), Asg: asg() })).toEqual(DEFAULT_GROUP);
  });

  test('Terraform (configuration and plan): the same', () => {
    const interfaces = [{ device_index: 0, security_groups: tfOwn }, { device_index: 1, subnet_id: '${aws_subnet.mn.id}' }];
    expect(tfFound({ ...tfTemplate({ network_interfaces: interfaces }), ...tfAsg })).toEqual(TF_DEFAULT_GROUP);
    const planned: PlannedResource = {
      address: 'aws_launch_template.lt',
      values: { image_id: 'ami-0123456789abcdef0', vpc_security_group_ids: [], network_interfaces: [{ device_index: 0 }, { device_index: 1 }] },
      unknown: { id: true, network_interfaces: [{ security_groups: true }, { subnet_id: true }] },
      expressions: {
        network_interfaces: [
          { device_index: { constant_value: 0 }, security_groups: { references: ['aws_security_group.own.id', 'aws_security_group.own'] } },
          { device_index: { constant_value: 1 }, subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } },
        ],
      },
    };
    expect(planFound([planned, planAsg])).toEqual(TF_DEFAULT_GROUP);
  });
});

describe('2. a Spot Fleet\'s inline launch specification naming no group', () => {
  const fleet = (spec: Record<string, unknown>) => ({
    Type: 'AWS::EC2::SpotFleet',
    Properties: { SpotFleetRequestConfigData: { IamFleetRole: 'arn:aws:iam::123456789012:role/f', TargetCapacity: 1, LaunchSpecifications: [{ ImageId: 'ami-0123456789abcdef0', ...spec }] } },
  });

  test('CloudFormation: its subnet\'s VPC default group; with SecurityGroups, or on an interface naming groups, not', () => {
    expect(cfnFound({ F: fleet({ SubnetId: { Ref: 'MnSub' } }) })).toEqual(DEFAULT_GROUP);
    // Several subnets joined by commas: the default group of each one's VPC.
    expect(cfnFound({ F: fleet({ SubnetId: { 'Fn::Join': [',', [{ Ref: 'LgSub' }, { Ref: 'MnSub' }]] } }) })).toEqual([
      expect.stringMatching(/^MN-3 LgVpc#default-security-group: .*egress rules toward the MY_NUMBER segment allow all traffic/), ...DEFAULT_GROUP,
    ]);
    expect(cfnFound({ F: fleet({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: { Ref: 'MnSub' } }] }) })).toEqual(DEFAULT_GROUP);
    expect(cfnFound({ F: fleet({ SubnetId: { Ref: 'MnSub' }, SecurityGroups: [{ GroupId: { 'Fn::GetAtt': ['Own', 'GroupId'] } }] }) })).toEqual([]);
    expect(cfnFound({ F: fleet({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: { Ref: 'MnSub' }, Groups: own }] }) })).toEqual([]);
  });

  const tfFleet = (spec: Record<string, unknown>) => ({
    aws_spot_fleet_request: { f: { iam_fleet_role: 'arn:aws:iam::123456789012:role/f', target_capacity: 1, launch_specification: [{ ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', ...spec }] } },
  });

  test('Terraform (configuration and plan): the same; vpc_security_group_ids name groups', () => {
    expect(tfFound(tfFleet({ subnet_id: '${aws_subnet.mn.id}' }))).toEqual(TF_DEFAULT_GROUP);
    expect(tfFound(tfFleet({ subnet_id: '${aws_subnet.mn.id}', vpc_security_group_ids: tfOwn }))).toEqual([]);
    const planned: PlannedResource = {
      address: 'aws_spot_fleet_request.f',
      values: { iam_fleet_role: 'arn:aws:iam::123456789012:role/f', target_capacity: 1, launch_specification: [{ ami: 'ami-0123456789abcdef0', instance_type: 't3.micro' }] },
      unknown: { launch_specification: [{ subnet_id: true, vpc_security_group_ids: true }] },
      expressions: { launch_specification: [{ subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } }] },
    };
    expect(planFound([planned])).toEqual(TF_DEFAULT_GROUP);
  });
});

describe('3. an instance\'s own network interfaces naming no group', () => {
  const box = (interfaces: unknown[]) => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: interfaces } });

  test('CloudFormation: an interface with a subnet and no GroupSet uses the default group; with a GroupSet, not', () => {
    expect(cfnFound({ Box: box([{ DeviceIndex: '0', SubnetId: { Ref: 'MnSub' } }]) })).toEqual(DEFAULT_GROUP);
    expect(cfnFound({ Box: box([{ DeviceIndex: '0', SubnetId: { Ref: 'MnSub' }, GroupSet: own }]) })).toEqual([]);
    // An interface of the output by id has its own groups (none: the default group, read at the interface).
    const eni = (groups: Record<string, unknown>) => ({ Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' }, ...groups } });
    expect(cfnFound({ Eni: eni({ GroupSet: own }), Box: box([{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Eni' } }]) })).toEqual([]);
    expect(cfnFound({ Eni: eni({}), Box: box([{ DeviceIndex: '0', NetworkInterfaceId: { Ref: 'Eni' } }]) })).toEqual(DEFAULT_GROUP);
  });

  test('Terraform (configuration and plan): an instance\'s network_interface is an aws_network_interface, read with its own groups', () => {
    const tf = (groups: Record<string, unknown>) => ({
      aws_network_interface: { e: { subnet_id: '${aws_subnet.mn.id}', ...groups } },
      aws_instance: { box: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', network_interface: [{ network_interface_id: '${aws_network_interface.e.id}', device_index: 0 }] } },
    });
    expect(tfFound(tf({}))).toEqual(TF_DEFAULT_GROUP);
    expect(tfFound(tf({ security_groups: tfOwn }))).toEqual([]);
    const planned: PlannedResource[] = [
      { address: 'aws_network_interface.e', values: { security_groups: [] }, unknown: { subnet_id: true, id: true }, expressions: { subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } } },
      {
        address: 'aws_instance.box',
        values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', network_interface: [{ device_index: 0 }] },
        unknown: { network_interface: [{ network_interface_id: true }] },
        expressions: { network_interface: [{ network_interface_id: { references: ['aws_network_interface.e.id', 'aws_network_interface.e'] }, device_index: { constant_value: 0 } }] },
      },
    ];
    expect(planFound(planned)).toEqual(TF_DEFAULT_GROUP);
  });
});

describe('4. a launch template or configuration whose group the guard cannot read', () => {
  const unknownGroup = (at: string) => [
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its egress rules toward the LGWAN segment allow all traffic (0.0.0.0/0)`,
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its ingress rules from the LGWAN segment allow all traffic (0.0.0.0/0)`,
  ];

  test('CloudFormation: a parameter or a literal sg- id on the template: a group open to all where the Auto Scaling group runs', () => {
    expect(cfnFound({ Lt: template({ SecurityGroupIds: [{ Ref: 'Sg' }] }), Asg: asg() })).toEqual([
      'GUARD-1 Lt: LaunchTemplateData.SecurityGroupIds[0] could not be resolved: template parameter Sg is known only at deploy time', ...unknownGroup('Lt'),
    ]);
    const outside = cfnFound({ Lt: template({ NetworkInterfaces: [{ DeviceIndex: 0, Groups: ['sg-0123456789abcdef0'] }] }), Asg: asg() });
    expect(outside).toEqual([expect.stringMatching(/^GUARD-1 Lt: .*security group sg-0123456789abcdef0 is not in the synthesized output/), ...unknownGroup('Lt')]);
    // A launch configuration's, launched by an Auto Scaling group.
    const lc = { Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', SecurityGroups: [{ Ref: 'Sg' }] } };
    expect(cfnFound({ Lc: lc, Asg: asg({ LaunchTemplate: undefined, LaunchConfigurationName: { Ref: 'Lc' } }) }))
      .toEqual([expect.stringMatching(/^GUARD-1 Lc: SecurityGroups\[0\] could not be resolved/), ...unknownGroup('Lc')]);
  });

  test('CloudFormation control: launched by nothing in the output, GUARD-1 only (where it runs is not known)', () => {
    expect(cfnFound({ Lt: template({ SecurityGroupIds: [{ Ref: 'Sg' }] }) })).toEqual([
      'GUARD-1 Lt: LaunchTemplateData.SecurityGroupIds[0] could not be resolved: template parameter Sg is known only at deploy time',
    ]);
  });

  test('Terraform (configuration and plan): an input variable or a literal id on the template', () => {
    expect(tfFound({ ...tfTemplate({ vpc_security_group_ids: ['${var.sg}'] }), ...tfAsg }, true)).toEqual([
      'GUARD-1 aws_launch_template.lt: vpc_security_group_ids[0] could not be resolved: ${var.sg} uses an input variable, known only at plan time',
      ...unknownGroup('aws_launch_template.lt'),
    ]);
    expect(tfFound({ ...tfTemplate({ vpc_security_group_ids: ['sg-0123456789abcdef0'] }), ...tfAsg }))
      .toEqual([expect.stringMatching(/^GUARD-1 aws_launch_template\.lt: .*sg-0123456789abcdef0 is not in the synthesized output/), ...unknownGroup('aws_launch_template.lt')]);
    const planned: PlannedResource = {
      address: 'aws_launch_template.lt',
      values: { image_id: 'ami-0123456789abcdef0', network_interfaces: [] },
      unknown: { id: true, vpc_security_group_ids: true },
      expressions: { vpc_security_group_ids: { references: ['local.groups'] } },
    };
    expect(planFound([planned, planAsg])).toEqual([expect.stringMatching(/^GUARD-1 aws_launch_template\.lt: vpc_security_group_ids could not be resolved/),
      ...unknownGroup('aws_launch_template.lt')]);
  });
});

describe('5. a rule on a group outside the output whose peer is the same group', () => {
  test('CloudFormation and Terraform: judged as a peer of the other segment, not of its own (MN-3)', () => {
    const self = { Rule: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0123456789abcdef0', IpProtocol: '-1', SourceSecurityGroupId: 'sg-0123456789abcdef0' } } };
    expect(cfnFound(self, ['MN-3'])).toContain('MN-3 Rule: security group sg-0123456789abcdef0, a group outside what the guard reads, which may be of the '
      + 'MY_NUMBER segment: its ingress rules from the LGWAN segment allow all traffic (security group sg-0123456789abcdef0 outside what the guard reads)');
    const rule = {
      aws_vpc_security_group_ingress_rule: { i: { security_group_id: 'sg-0123456789abcdef0', ip_protocol: '-1', referenced_security_group_id: 'sg-0123456789abcdef0' } },
    };
    expect(tfFound(rule)).toContain('MN-3 aws_vpc_security_group_ingress_rule.i: security group sg-0123456789abcdef0, a group outside what the guard reads, which '
      + 'may be of the MY_NUMBER segment: its ingress rules from the LGWAN segment allow all traffic (security group sg-0123456789abcdef0 outside what the guard reads)');
  });
});

describe('6. a plan\'s reference to an attribute of a nested block', () => {
  /** An instance in the My Number subnet whose groups are known only after apply, from `references`. */
  const instance = (references: string[]): PlannedResource => ({
    address: 'aws_instance.box',
    values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro' },
    unknown: { subnet_id: true, vpc_security_group_ids: true },
    expressions: { subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] }, vpc_security_group_ids: { references } },
  });
  const other: PlannedResource = {
    address: 'aws_launch_template.other',
    values: { image_id: 'ami-0123456789abcdef0', network_interfaces: [{ device_index: 0 }] },
    unknown: { id: true, network_interfaces: [{ security_groups: true }] },
    expressions: { network_interfaces: [{ security_groups: { references: ['aws_security_group.own.id', 'aws_security_group.own'] } }] },
  };

  test('an instance naming a group through another resource\'s nested block: GUARD-1 and open, not that resource', () => {
    const found = planFound([other, instance(['aws_launch_template.other.network_interfaces[0].security_groups', 'aws_launch_template.other.network_interfaces[0]',
      'aws_launch_template.other.network_interfaces', 'aws_launch_template.other'])]);
    expect(found).toEqual([
      expect.stringMatching(/^GUARD-1 aws_instance\.box: vpc_security_group_ids\[0\] could not be resolved: .*network_interfaces\[0\]\.security_groups/),
      ...['egress rules toward', 'ingress rules from'].map((d) => expect.stringContaining(`aws_instance.box#unknown-security-group: its ${d} the LGWAN segment allow all traffic`)),
    ]);
    expect(found.join('\n')).not.toContain('aws_launch_template.other is no security group');
    // Worded in Japanese too.
    const refs = ['aws_launch_template.other.network_interfaces[0].security_groups', 'aws_launch_template.other'];
    const guard1 = checkTopology(extractTerraformPlan(plan([other, instance(refs)])), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(guard1).toHaveLength(1);
    expect(notJapanese(guard1[0].ja?.message)).toBeUndefined();
  });

  test('control: the EKS cluster security group in a nested block is still that group', () => {
    const cluster: PlannedResource = {
      address: 'aws_eks_cluster.c',
      values: { name: 'c', role_arn: 'arn:aws:iam::123456789012:role/eks', vpc_config: [{ endpoint_public_access: false, endpoint_private_access: true }] },
      unknown: { vpc_config: [{ subnet_ids: true, cluster_security_group_id: true }] },
      expressions: { vpc_config: [{ subnet_ids: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } }] },
    };
    const found = planFound([cluster, instance(['aws_eks_cluster.c.vpc_config[0].cluster_security_group_id', 'aws_eks_cluster.c.vpc_config[0]', 'aws_eks_cluster.c.vpc_config',
      'aws_eks_cluster.c'])]);
    expect(found.filter((f) => f.startsWith('GUARD-1'))).toEqual([]);
    expect(found).toEqual([expect.stringMatching(/^MN-3 aws_eks_cluster\.c#cluster-security-group: .*egress rules toward the LGWAN segment allow all traffic/)]);
  });
});
