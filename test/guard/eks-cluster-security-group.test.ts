/**
 * Amazon EKS makes a security group for every cluster, the cluster security group (Amazon EKS User Guide, "View Amazon
 * EKS security group requirements for clusters"): all inbound from itself, all outbound, on the cluster's own network
 * interfaces and the nodes of its managed node groups (unless their launch template names groups), and on Fargate pods.
 * No template holds it, and the guard did not model it: a private cluster or a node group of the My Number segment,
 * open to the LGWAN segment through it, passed (nothing reported, not even GUARD-2: both are known occupants). Now the
 * group is read with those rules, in the cluster's VPC, with the rules the output adds to it (`ClusterSecurityGroupId`,
 * `vpc_config[0].cluster_security_group_id`); a node group or Fargate profile of a cluster outside the output runs with
 * a group the guard cannot read (GUARD-1, open both ways), and a node group's SSH access makes another group (EKS API
 * Reference, RemoteAccessConfig: without source groups, "the port on the nodes is opened to the internet (0.0.0.0/0)").
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

/** MN-3 (as `findings` writes it) on the cluster security group of the My Number cluster `at`: its all-outbound rule. */
const clusterGroup = (at: string) => `MN-3 ${at}#cluster-security-group: security group ${at}#cluster-security-group: its egress rules toward the LGWAN `
  + 'segment allow all traffic (0.0.0.0/0)';

/** GUARD-1 for a resource at `at` of a cluster outside the output, named `name` in `property`. */
const outsideCluster = (at: string, property: string, name: string) => `GUARD-1 ${at}: ${property} could not be resolved: EKS cluster ${name} is not in the `
  + 'synthesized output: the guard cannot read the rules of its cluster security group, which EKS gives this resource, and reads it as a group open to all '
  + 'traffic both ways';

/** MN-3 for the group open to all traffic that a resource at `at` of the My Number segment counts as running with. */
const openGroup = (at: string) => [
  `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its egress rules toward the LGWAN segment allow all traffic (0.0.0.0/0)`,
  `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its ingress rules from the LGWAN segment allow all traffic (0.0.0.0/0)`,
];

describe('CloudFormation: the cluster security group EKS makes', () => {
  const cluster = { Type: 'AWS::EKS::Cluster', Properties: { Name: 'c', RoleArn: 'arn:aws:iam::123456789012:role/eks', ResourcesVpcConfig: { SubnetIds: [{ Ref: 'MnSub' }], EndpointPublicAccess: false } } };
  const nodegroup = (clusterName: unknown, extra: Record<string, unknown> = {}) => ({
    Type: 'AWS::EKS::Nodegroup',
    Properties: { ClusterName: clusterName, NodeRole: 'arn:aws:iam::123456789012:role/n', Subnets: [{ Ref: 'MnSub' }], ...extra },
  });
  const narrow = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'n', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] },
  };
  const template = {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: { LaunchTemplateData: { SecurityGroupIds: [{ 'Fn::GetAtt': ['Narrow', 'GroupId'] }] } },
  };
  const found = (resources: Record<string, unknown>, rules = ['MN-3', 'GUARD-1']) => findings(extractCloudFormation({
    S: { Resources: { ...myNumberAndLgwan(), ...resources } } as any,
  }), rules);

  test('a private cluster of the My Number segment: its group sends everywhere (MN-3); its inbound rule is from itself', () => {
    expect(found({ Cl: cluster })).toEqual([clusterGroup('Cl')]);
  });

  test('its node groups and Fargate profiles share it; one of a cluster outside the output is read as open to all (GUARD-1)', () => {
    expect(found({ Cl: cluster, Ng: nodegroup({ Ref: 'Cl' }) })).toEqual([clusterGroup('Cl')]);
    // The cluster's name, as the template writes it, names the cluster too.
    expect(found({ Cl: cluster, Ng: nodegroup('c') })).toEqual([clusterGroup('Cl')]);
    expect(found({ Ng: nodegroup('elsewhere') })).toEqual([outsideCluster('Ng', 'ClusterName', 'elsewhere'), ...openGroup('Ng')]);
    const fargate = { Type: 'AWS::EKS::FargateProfile', Properties: { ClusterName: 'elsewhere', PodExecutionRoleArn: 'arn:aws:iam::123456789012:role/p', Subnets: [{ Ref: 'MnSub' }] } };
    expect(found({ Fp: fargate })).toEqual([outsideCluster('Fp', 'ClusterName', 'elsewhere'), ...openGroup('Fp')]);
  });

  test('worded in Japanese without English left over', () => {
    const all = checkTopology(extractCloudFormation({ S: { Resources: { ...myNumberAndLgwan(), Ng: nodegroup('elsewhere') } } as any }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1' || f.ruleId === 'MN-3');
    expect(all).toHaveLength(3);
    for (const f of all) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('a node group whose launch template of the output names its groups does not get the cluster security group', () => {
    const withTemplate = nodegroup('elsewhere', { LaunchTemplate: { Id: { Ref: 'Lt' } } });
    expect(found({ Narrow: narrow, Lt: template, Ng: withTemplate })).toEqual([]);
    // A template that names none leaves the cluster security group.
    expect(found({ Narrow: narrow, Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: {} } }, Ng: withTemplate }))
      .toEqual([outsideCluster('Ng', 'ClusterName', 'elsewhere'), ...openGroup('Ng')]);
  });

  test('named by Fn::GetAtt ClusterSecurityGroupId: a member of it, and the rules the template adds to it count', () => {
    const instance = {
      Type: 'AWS::EC2::Instance',
      Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, SecurityGroupIds: [{ 'Fn::GetAtt': ['Cl', 'ClusterSecurityGroupId'] }] },
    };
    expect(found({ Cl: cluster, Box: instance })).toEqual([clusterGroup('Cl')]);
    const wide = {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: { GroupId: { 'Fn::GetAtt': ['Cl', 'ClusterSecurityGroupId'] }, IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '10.1.0.5/32' },
    };
    expect(found({ Cl: cluster, Wide: wide })).toEqual([
      clusterGroup('Cl'),
      'MN-3 Cl#cluster-security-group: security group Cl#cluster-security-group: its ingress rules from the LGWAN segment open every tcp port to 10.1.0.5',
    ]);
  });

  test('a node group with SSH access and no source group: a group that admits SSH and RDP from everywhere (LG-2 in the LGWAN segment)', () => {
    const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];
    const resources = {
      LgVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
      LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
      InVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
      InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
      Ng: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: { ClusterName: 'elsewhere', NodeRole: 'arn:aws:iam::123456789012:role/n', Subnets: [{ Ref: 'LgSub' }], RemoteAccess: { Ec2SshKey: 'k' } },
      },
    };
    const lg2 = findings(extractCloudFormation({ S: { Resources: resources } as any }), ['LG-2']).filter((f) => f.includes('remote-access'));
    expect(lg2).toEqual([
      expect.stringMatching(/^LG-2 Ng#remote-access-security-group: .*lets the INTERNET segment open connections into it \(tcp\/22 from 0\.0\.0\.0\/0; tcp\/3389 from 0\.0\.0\.0\/0\)/),
      expect.stringMatching(/^LG-2 Ng#remote-access-security-group: .*egress rules toward the INTERNET segment allow all traffic/),
    ]);
  });
});

describe('Terraform: the cluster security group EKS makes', () => {
  const cluster = {
    aws_eks_cluster: { c: { name: 'c', role_arn: 'arn:aws:iam::123456789012:role/eks', vpc_config: [{ subnet_ids: ['${aws_subnet.mn.id}'], endpoint_public_access: false }] } },
  };
  const found = (extra: Record<string, unknown>) => findings(extractTerraform({ t: { resource: { ...myNumberAndLgwanTf(), ...extra } } as any }), ['MN-3', 'GUARD-1']);
  const nodegroup = (clusterName: string) => ({
    aws_eks_node_group: {
      n: { cluster_name: clusterName, node_role_arn: 'arn:aws:iam::123456789012:role/n', subnet_ids: ['${aws_subnet.mn.id}'], scaling_config: [{ desired_size: 1, max_size: 1, min_size: 1 }] },
    },
  });

  test('a private cluster of the My Number segment, and its node group (by reference or by name)', () => {
    expect(found(cluster)).toEqual([clusterGroup('aws_eks_cluster.c')]);
    expect(found({ ...cluster, ...nodegroup('${aws_eks_cluster.c.name}') })).toEqual([clusterGroup('aws_eks_cluster.c')]);
    expect(found({ ...cluster, ...nodegroup('c') })).toEqual([clusterGroup('aws_eks_cluster.c')]);
    expect(found(nodegroup('elsewhere'))).toEqual([outsideCluster('aws_eks_node_group.n', 'cluster_name', 'elsewhere'), ...openGroup('aws_eks_node_group.n')]);
  });

  test('a rule added to vpc_config[0].cluster_security_group_id is one of its rules', () => {
    const wide = {
      aws_vpc_security_group_ingress_rule: {
        w: { security_group_id: '${aws_eks_cluster.c.vpc_config[0].cluster_security_group_id}', ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.1.0.5/32' },
      },
    };
    expect(found({ ...cluster, ...wide })).toEqual([
      clusterGroup('aws_eks_cluster.c'),
      'MN-3 aws_eks_cluster.c#cluster-security-group: security group aws_eks_cluster.c#cluster-security-group: its ingress rules from the LGWAN segment '
      + 'open every tcp port to 10.1.0.5',
    ]);
  });

  test('a Terraform plan: the cluster, and a rule added to its cluster security group', () => {
    const resources: PlannedResource[] = [
      ...myNumberAndLgwanPlan(),
      {
        address: 'aws_eks_cluster.c',
        values: { name: 'c', role_arn: 'arn:aws:iam::123456789012:role/eks', vpc_config: [{ endpoint_public_access: false }] },
        unknown: { vpc_config: [{ subnet_ids: true, cluster_security_group_id: true }] },
        expressions: { vpc_config: [{ subnet_ids: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] }, endpoint_public_access: { constant_value: false } }] },
      },
      {
        address: 'aws_vpc_security_group_ingress_rule.w',
        values: { ip_protocol: 'tcp', from_port: 0, to_port: 65535, cidr_ipv4: '10.1.0.5/32' },
        unknown: { security_group_id: true },
        expressions: {
          security_group_id: {
            references: ['aws_eks_cluster.c.vpc_config[0].cluster_security_group_id', 'aws_eks_cluster.c.vpc_config[0]', 'aws_eks_cluster.c.vpc_config', 'aws_eks_cluster.c'],
          },
        },
      },
    ];
    expect(findings(extractTerraformPlan(handPlan(resources)), ['MN-3', 'GUARD-1'])).toEqual([
      clusterGroup('aws_eks_cluster.c'),
      'MN-3 aws_eks_cluster.c#cluster-security-group: security group aws_eks_cluster.c#cluster-security-group: its ingress rules from the LGWAN segment '
      + 'open every tcp port to 10.1.0.5',
    ]);
  });
});
