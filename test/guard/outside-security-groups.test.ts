/**
 * A resource of the output that names a security group outside the output by its literal id (`sg-…`; in a Terraform plan
 * also a data source's id read at plan time) runs with rules the guard does not see. Before, the guard judged only the
 * rules the output itself wrote for such a group, and nothing was reported: a My Number instance with an imported group
 * open to the LGWAN segment passed (README known gap "Security groups outside the output named by their literal id").
 * Now it is reported (GUARD-1, as a group the guard cannot read is: a parameter, an input variable) and the group counts
 * as open to all traffic both ways, which the rules the output adds to it cannot narrow. The other direction — a rule
 * whose peer is such a group — already counted its members as anywhere (the other segment): kept.
 */
import { GuardLanguage } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { formatFindingIn } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { englishRun } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanPlan, myNumberAndLgwanTf } from '../support/two-segments';

const SG = 'sg-0abc1234def567890';

/** GUARD-1 (as `findings` writes it) for a resource at `at` naming the outside group `id` in `property`. */
const outside = (at: string, property: string, id = SG) => `GUARD-1 ${at}: ${property} could not be resolved: security group ${id} is not in the synthesized `
  + 'output: the guard cannot read its rules, and reads it as a group open to all traffic both ways';

/** MN-3 for the group open to all traffic that a resource at `at` of the My Number segment counts as running with. */
const openGroup = (at: string) => [
  `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its egress rules toward the LGWAN segment allow all traffic (0.0.0.0/0)`,
  `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its ingress rules from the LGWAN segment allow all traffic (0.0.0.0/0)`,
];

describe('CloudFormation: a resource naming a security group outside the output by its literal id', () => {
  const instance = (groups: unknown[]) => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, SecurityGroupIds: groups } });
  const own = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] },
  };
  const graph = (resources: Record<string, unknown>) => extractCloudFormation({ S: { Resources: { ...myNumberAndLgwan(), ...resources } } as any });
  const found = (resources: Record<string, unknown>) => findings(graph(resources), ['MN-3', 'GUARD-1']);

  test('an instance of the My Number segment with an imported group: GUARD-1, and open to the LGWAN segment both ways (MN-3)', () => {
    expect(found({ Box: instance([SG]) })).toEqual([outside('Box', 'SecurityGroupIds[0]'), ...openGroup('Box')]);
  });

  test('beside a group of the template, the imported one still counts', () => {
    expect(found({ Own: own, Box: instance([{ 'Fn::GetAtt': ['Own', 'GroupId'] }, SG]) }))
      .toEqual([outside('Box', 'SecurityGroupIds[1]'), ...openGroup('Box')]);
  });

  test('the rules the output adds to the group cannot narrow it', () => {
    const narrow = { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: SG, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.5/32' } };
    expect(found({ Box: instance([SG]), Narrow: narrow })).toEqual([outside('Box', 'SecurityGroupIds[0]'), ...openGroup('Box')]);
  });

  test('a database through its subnet group, and a function', () => {
    const db = {
      DbGroup: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'db', SubnetIds: [{ Ref: 'MnSub' }] } },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBSubnetGroupName: { Ref: 'DbGroup' }, PubliclyAccessible: false, VPCSecurityGroups: [SG] } },
    };
    expect(found(db)).toEqual([outside('Db', 'VPCSecurityGroups[0]'), ...openGroup('Db')]);
    const fn = {
      Type: 'AWS::Lambda::Function',
      Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::123456789012:role/f', Code: { ZipFile: 'x' }, VpcConfig: { SubnetIds: [{ Ref: 'MnSub' }], SecurityGroupIds: [SG] } },
    };
    expect(found({ Fn: fn })).toEqual([outside('Fn', 'VpcConfig.SecurityGroupIds[0]'), ...openGroup('Fn')]);
  });

  test('a Glue connection, whose groups are its PhysicalConnectionRequirements.SecurityGroupIdList (red team 49: passed unseen)', () => {
    const glue = {
      Type: 'AWS::Glue::Connection',
      Properties: {
        CatalogId: '123456789012',
        ConnectionInput: { ConnectionType: 'NETWORK', PhysicalConnectionRequirements: { SubnetId: { Ref: 'MnSub' }, SecurityGroupIdList: [SG] } },
      },
    };
    expect(found({ Glue: glue })).toEqual([outside('Glue', 'ConnectionInput.PhysicalConnectionRequirements.SecurityGroupIdList[0]'), ...openGroup('Glue')]);
  });

  test('control: a group of the template', () => {
    expect(found({ Own: own, Box: instance([{ 'Fn::GetAtt': ['Own', 'GroupId'] }]) })).toEqual([]);
  });

  test('the finding says how to fix it, names the resource and the group, and reads in Japanese without English left over', () => {
    const all = checkTopology(graph({ Box: instance([SG]) }), { model: NetworkModel.ALPHA });
    const guard1 = all.filter((f) => f.ruleId === 'GUARD-1');
    expect(guard1).toHaveLength(1);
    expect(guard1[0].path).toBe('Box');
    expect(guard1[0].fix).toBe(`declare security group ${SG} in the output (a security group of this app, named by reference rather than by its id), so that the `
      + 'guard reads its rules; a group shared from outside the app (a shared-services group) cannot be judged: give the resource a group of the output with the rules it needs');
    const judged = all.filter((x) => x.ruleId === 'GUARD-1' || x.ruleId === 'MN-3');
    expect(judged).toHaveLength(3);
    for (const f of judged) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('the other direction (kept): a rule whose peer is an outside group counts its members as of the other segment', () => {
    const group = (vpc: string) => ({
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        VpcId: { Ref: vpc },
        GroupDescription: 'g',
        SecurityGroupIngress: [{ IpProtocol: '-1', SourceSecurityGroupId: SG }],
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.5/32' }],
      },
    });
    expect(found({ Mn: group('MnVpc'), Lg: group('LgVpc') })).toEqual([
      `MN-3 Lg: security group Lg: its ingress rules from the MY_NUMBER segment allow all traffic (security group ${SG} outside what the guard reads)`,
      `MN-3 Mn: security group Mn: its ingress rules from the LGWAN segment allow all traffic (security group ${SG} outside what the guard reads)`,
    ]);
  });
});

describe('Terraform: a resource naming a security group outside the output by its literal id', () => {
  const found = (extra: Record<string, unknown>, data?: Record<string, unknown>) => findings(extractTerraform({
    t: { ...data ? { data } : {}, resource: { ...myNumberAndLgwanTf(), ...extra } } as any,
  }), ['MN-3', 'GUARD-1']);
  const instance = (groups: string[]) => ({ aws_instance: { box: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}', vpc_security_group_ids: groups } } });

  test('an instance of the My Number segment with an imported group: GUARD-1, and open both ways (MN-3)', () => {
    expect(found(instance([SG]))).toEqual([outside('aws_instance.box', 'vpc_security_group_ids[0]'), ...openGroup('aws_instance.box')]);
  });

  test('a Glue connection, whose groups are its physical_connection_requirements.security_group_id_list (red team 49: passed unseen)', () => {
    const glue = { aws_glue_connection: { c: { name: 'c', physical_connection_requirements: { subnet_id: '${aws_subnet.mn.id}', security_group_id_list: [SG] } } } };
    expect(found(glue)).toEqual([
      outside('aws_glue_connection.c', 'physical_connection_requirements.security_group_id_list[0]'), ...openGroup('aws_glue_connection.c'),
    ]);
  });

  test('the rules the configuration adds to the group cannot narrow it', () => {
    const narrow = { aws_vpc_security_group_ingress_rule: { narrow: { security_group_id: SG, ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '10.1.0.5/32' } } };
    expect(found({ ...instance([SG]), ...narrow })).toEqual([outside('aws_instance.box', 'vpc_security_group_ids[0]'), ...openGroup('aws_instance.box')]);
  });

  test('a data "aws_security_group" of the configuration is a value the guard cannot read (kept)', () => {
    expect(found(instance(['${data.aws_security_group.shared.id}']), { aws_security_group: { shared: { name: 'shared' } } })).toEqual([
      'GUARD-1 aws_instance.box: vpc_security_group_ids[0] could not be resolved: ${data.aws_security_group.shared.id} refers to no resource',
      ...openGroup('aws_instance.box'),
    ]);
  });

  test('aws_default_security_group named by its id is the VPC\'s default group, with the rules it lists: no finding', () => {
    expect(found({ ...instance(['${aws_default_security_group.mn.id}']), aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } })).toEqual([]);
  });

  test('the other direction (kept): a rule whose peer is an outside group', () => {
    const group = { aws_security_group: { g: { vpc_id: '${aws_vpc.mn.id}', ingress: [{ protocol: '-1', from_port: 0, to_port: 0, security_groups: [SG] }], egress: [] } } };
    expect(found(group)).toEqual([
      `MN-3 aws_security_group.g: security group aws_security_group.g: its ingress rules from the LGWAN segment allow all traffic (security group ${SG} outside what the guard reads)`,
    ]);
  });
});

describe('a Terraform plan: a security group outside the plan', () => {
  /** The subnets of a hand-written plan: `aws_subnet.mn` and `aws_subnet.lg`, in the VPCs of the same name. */
  const base: PlannedResource[] = [
    ...myNumberAndLgwanPlan(),
  ];
  const found = (resources: PlannedResource[]) => findings(extractTerraformPlan(handPlan([...base, ...resources])), ['MN-3', 'GUARD-1']);

  test('an instance whose group is a data source\'s id read at plan time: GUARD-1, and open both ways (MN-3)', () => {
    const shared: PlannedResource = { address: 'data.aws_security_group.shared', values: { id: SG, name: 'shared' } };
    const box: PlannedResource = {
      address: 'aws_instance.box',
      values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', vpc_security_group_ids: [SG] },
      unknown: { subnet_id: true },
      expressions: {
        subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] },
        vpc_security_group_ids: { references: ['data.aws_security_group.shared.id', 'data.aws_security_group.shared'] },
      },
    };
    expect(found([shared, box])).toEqual([outside('aws_instance.box', 'vpc_security_group_ids[0]'), ...openGroup('aws_instance.box')]);
  });

  test('a Glue connection naming the group: GUARD-1 and open both ways; a type the guard does not know naming only it: GUARD-2 (red team 49)', () => {
    const glue: PlannedResource = {
      address: 'aws_glue_connection.c',
      values: { name: 'c', physical_connection_requirements: [{ security_group_id_list: [SG] }] },
      unknown: { physical_connection_requirements: [{ subnet_id: true }] },
      expressions: { physical_connection_requirements: [{ subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } }] },
    };
    expect(found([glue])).toEqual([
      outside('aws_glue_connection.c', 'physical_connection_requirements[0].security_group_id_list[0]'), ...openGroup('aws_glue_connection.c'),
    ]);
    const attacher: PlannedResource = { address: 'aws_foo_attacher.a', values: { cluster_security_group: SG } };
    expect(findings(extractTerraformPlan(handPlan([...base, attacher])), ['GUARD-2'])).toEqual([
      `GUARD-2 aws_foo_attacher.a: cluster_security_group: aws_foo_attacher runs in ${SG} (cluster_security_group), which is not in the synthesized output, `
        + 'and the guard does not know whether this resource type opens a network path of its own beside the routes of its subnets (a public endpoint, '
        + 'a load balancer of its own, calls from the internet)',
    ]);
  });

  test('the other direction (kept): a rule whose peer is an outside group', () => {
    const group: PlannedResource = {
      address: 'aws_security_group.g',
      values: {
        ingress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [SG], self: false }],
        egress: [],
      },
      unknown: { vpc_id: true, id: true },
      expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] } },
    };
    expect(found([group])).toEqual([
      `MN-3 aws_security_group.g: security group aws_security_group.g: its ingress rules from the LGWAN segment allow all traffic (security group ${SG} outside what the guard reads)`,
    ]);
  });
});
