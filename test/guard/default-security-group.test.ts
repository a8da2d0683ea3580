/**
 * An instance that names no security group gets its VPC's default group, whose rules EC2 writes itself: all outbound,
 * all inbound from the group (Amazon VPC User Guide, "Default security groups for your VPCs"). The guard knew only the
 * rules a template gives the default group, so a My Number instance without groups, open to everything through it,
 * passed MN-3 (outside auditor, red team 38). Terraform's aws_default_security_group replaces those rules.
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
import { findings, myNumberAndLgwan, myNumberAndLgwanPlan, myNumberAndLgwanTf, narrowGroupTfFindings } from '../support/two-segments';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];

/** A My Number VPC and an LGWAN VPC, and an instance in the My Number subnet with `groups` (none: the default group). */
function cfn(groups: 'none' | 'own'): string[] {
  const resources: Record<string, unknown> = {
    Mn: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.0.0/24' } },
    Lg: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Lg' }, CidrBlock: '10.1.0.0/24' } },
    Box: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, ...groups === 'own' ? { SecurityGroupIds: [{ 'Fn::GetAtt': ['Own', 'GroupId'] }] } : {} } },
  };
  if (groups === 'own') {
    resources.Own = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Mn' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } };
  }
  return checkTopology(extractCloudFormation({ S: { Resources: resources } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
}

function tf(groups: 'none' | 'taken-over'): string[] {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
    aws_instance: { box: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}' } },
    ...groups === 'taken-over' ? { aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } } : {},
  };
  return checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
}

describe('the VPC\'s default security group, when an instance of the output uses it', () => {
  test('CloudFormation: an instance without groups is open to the LGWAN segment through the default group: MN-3', () => {
    expect(cfn('none')).toEqual([expect.stringMatching(/default-security-group.*egress rules toward the LGWAN segment allow all traffic/)]);
  });

  test('Terraform: the same; aws_default_security_group without rules takes the group over, and nothing is open', () => {
    expect(tf('none')).toEqual([expect.stringMatching(/default-security-group.*allow all traffic/)]);
    expect(tf('taken-over')).toEqual([]);
  });

  test('control: an instance with a group of its own leaves the default group unused', () => {
    expect(cfn('own')).toEqual([]);
  });
});

/**
 * Not only instances: network interfaces, interface endpoints, RDS databases, ECS services in awsvpc mode and Application
 * Load Balancers that name no security group get their VPC's default group too (occupants.ts DEFAULT_GROUP_FALLBACK;
 * outside auditor, red team 38, left open then).
 */
describe('other resources that fall back to the default group', () => {
  const base = {
    Mn: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.0.0/24' } },
    MnSub2: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.1.0/24' } },
    Lg: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Lg' }, CidrBlock: '10.1.0.0/24' } },
    Own: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Mn' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
    DbGroup: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'db', SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }] } },
  };
  const own = [{ 'Fn::GetAtt': ['Own', 'GroupId'] }];
  const users: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
    'network interface': [{ Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' } } }, { GroupSet: own }],
    'interface endpoint': [{
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: { Ref: 'Mn' },
        VpcEndpointType: 'Interface',
        ServiceName: 'com.amazonaws.ap-northeast-1.ssm',
        SubnetIds: [{ Ref: 'MnSub' }],
      },
    }, { SecurityGroupIds: own }],
    'RDS instance': [{ Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBSubnetGroupName: { Ref: 'DbGroup' }, PubliclyAccessible: false } },
      { VPCSecurityGroups: own }],
    'Aurora cluster': [{ Type: 'AWS::RDS::DBCluster', Properties: { Engine: 'aurora-postgresql', DBSubnetGroupName: { Ref: 'DbGroup' } } }, { VpcSecurityGroupIds: own }],
    'ECS service': [{ Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'td', NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'MnSub' }] } } } },
      { NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'MnSub' }], SecurityGroups: own } } }],
    'Application Load Balancer': [{ Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', Subnets: [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }] } },
      { SecurityGroups: own }],
  };
  const mn3 = (resources: Record<string, unknown>) => checkTopology(extractCloudFormation({ S: { Resources: { ...base, ...resources } } as any }),
    { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-3').map((f) => f.message);

  test.each(Object.keys(users))('CloudFormation: a %s without groups has the default group (MN-3); with a group of its own it does not', (name) => {
    const [resource, groups] = users[name];
    expect(mn3({ User: resource })).toEqual([expect.stringMatching(/default-security-group.*egress rules toward the LGWAN segment allow all traffic/)]);
    const withGroups = { ...resource, Properties: { ...(resource.Properties as object), ...groups } };
    expect(mn3({ User: withGroups })).toEqual([]);
  });

  test('CloudFormation: an Aurora instance uses its cluster\'s groups, a Network Load Balancer has none', () => {
    expect(mn3({ Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'aurora-postgresql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: 'c', DBSubnetGroupName: { Ref: 'DbGroup' } } } }))
      .toEqual([]);
    expect(mn3({ Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network', Scheme: 'internal', Subnets: [{ Ref: 'MnSub' }] } } })).toEqual([]);
  });

  test('Terraform: an interface endpoint, a database and a network interface without groups; aws_default_security_group takes the group over', () => {
    const resource = (extra: Record<string, Record<string, unknown>>) => ({
      aws_vpc: {
        mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } },
        lg: { enable_dns_support: false, cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } },
      },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
      ...extra,
    });
    const found = (extra: Record<string, Record<string, unknown>>) => checkTopology(extractTerraform({ t: { resource: resource(extra) } as any }),
      { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
    const allowAll = [expect.stringMatching(/default-security-group.*allow all traffic/)];
    expect(found({ aws_vpc_endpoint: { ssm: { vpc_id: '${aws_vpc.mn.id}', service_name: 'com.amazonaws.ap-northeast-1.ssm', vpc_endpoint_type: 'Interface', subnet_ids: ['${aws_subnet.mn.id}'] } } }))
      .toEqual(allowAll);
    expect(found({ aws_vpc_endpoint: { s3: { vpc_id: '${aws_vpc.mn.id}', service_name: 'com.amazonaws.ap-northeast-1.s3', vpc_endpoint_type: 'Gateway' } } })).toEqual([]);
    expect(found({
      aws_db_subnet_group: { g: { subnet_ids: ['${aws_subnet.mn.id}'] } },
      aws_db_instance: { db: { engine: 'postgres', instance_class: 'db.t3.micro', db_subnet_group_name: '${aws_db_subnet_group.g.name}' } },
    })).toEqual(allowAll);
    expect(found({ aws_network_interface: { eni: { subnet_id: '${aws_subnet.mn.id}' } } })).toEqual(allowAll);
    expect(found({ aws_network_interface: { eni: { subnet_id: '${aws_subnet.mn.id}' } }, aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } })).toEqual([]);
  });
});

/**
 * Caches, file system mount targets, Redshift, OpenSearch, MSK and DAX clusters, App Runner VPC connectors and RDS Proxy
 * endpoints that name no security group get their VPC's default group too (occupants.ts DEFAULT_GROUP_FALLBACK, each with
 * its AWS source; README known gap "The default security group", which named ElastiCache and EFS). A Lambda function is
 * not among them: Lambda refuses subnets without security groups.
 */
describe('caches, file systems and other services that fall back to the default group', () => {
  const base = {
    Mn: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.0.0/24' } },
    MnSub2: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Mn' }, CidrBlock: '10.0.1.0/24' } },
    Lg: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Lg' }, CidrBlock: '10.1.0.0/24' } },
    Own: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Mn' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
    EcGroup: { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: 'cache', SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }] } },
    RsGroup: { Type: 'AWS::Redshift::ClusterSubnetGroup', Properties: { Description: 'redshift', SubnetIds: [{ Ref: 'MnSub' }] } },
    DaxGroup: { Type: 'AWS::DAX::SubnetGroup', Properties: { SubnetIds: [{ Ref: 'MnSub' }] } },
  };
  const own = [{ 'Fn::GetAtt': ['Own', 'GroupId'] }];
  const subnets = [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }];
  const brokers = { InstanceType: 'kafka.m5.large', ClientSubnets: subnets };
  const users: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
    'ElastiCache cluster': [{
      Type: 'AWS::ElastiCache::CacheCluster',
      Properties: { Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheNodes: 1, CacheSubnetGroupName: { Ref: 'EcGroup' } },
    }, { VpcSecurityGroupIds: own }],
    'ElastiCache replication group': [{
      Type: 'AWS::ElastiCache::ReplicationGroup',
      Properties: { ReplicationGroupDescription: 'rg', Engine: 'redis', CacheNodeType: 'cache.t3.micro', NumCacheClusters: 2, CacheSubnetGroupName: { Ref: 'EcGroup' } },
    }, { SecurityGroupIds: own }],
    'ElastiCache serverless cache': [{ Type: 'AWS::ElastiCache::ServerlessCache', Properties: { ServerlessCacheName: 'c', Engine: 'valkey', SubnetIds: subnets } },
      { SecurityGroupIds: own }],
    // CloudFormation requires SecurityGroups, not that it hold a group.
    'EFS mount target': [{ Type: 'AWS::EFS::MountTarget', Properties: { FileSystemId: 'fs-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, SecurityGroups: [] } },
      { SecurityGroups: own }],
    'Redshift cluster': [{
      Type: 'AWS::Redshift::Cluster',
      Properties: { ClusterType: 'single-node', NodeType: 'ra3.xlplus', DBName: 'd', MasterUsername: 'u', PubliclyAccessible: false, ClusterSubnetGroupName: { Ref: 'RsGroup' } },
    }, { VpcSecurityGroupIds: own }],
    'OpenSearch domain': [{ Type: 'AWS::OpenSearchService::Domain', Properties: { VPCOptions: { SubnetIds: [{ Ref: 'MnSub' }] } } },
      { VPCOptions: { SubnetIds: [{ Ref: 'MnSub' }], SecurityGroupIds: own } }],
    'MSK cluster': [{ Type: 'AWS::MSK::Cluster', Properties: { ClusterName: 'k', KafkaVersion: '3.6.0', NumberOfBrokerNodes: 2, BrokerNodeGroupInfo: brokers } },
      { BrokerNodeGroupInfo: { ...brokers, SecurityGroups: own } }],
    'DAX cluster': [{
      Type: 'AWS::DAX::Cluster',
      Properties: { NodeType: 'dax.t3.small', ReplicationFactor: 1, IAMRoleARN: 'arn:aws:iam::123456789012:role/dax', SubnetGroupName: { Ref: 'DaxGroup' } },
    }, { SecurityGroupIds: own }],
    'App Runner VPC connector': [{ Type: 'AWS::AppRunner::VpcConnector', Properties: { Subnets: [{ Ref: 'MnSub' }] } }, { SecurityGroups: own }],
    'RDS Proxy endpoint': [{ Type: 'AWS::RDS::DBProxyEndpoint', Properties: { DBProxyName: 'p', DBProxyEndpointName: 'e', VpcSubnetIds: subnets } },
      { VpcSecurityGroupIds: own }],
  };
  const mn3 = (resources: Record<string, unknown>) => checkTopology(extractCloudFormation({ S: { Resources: { ...base, ...resources } } as any }),
    { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-3').map((f) => f.message);

  test('control: the subnets and subnet groups alone leave the default group unused', () => {
    expect(mn3({})).toEqual([]);
  });

  test.each(Object.keys(users))('CloudFormation: a %s without groups has the default group (MN-3); with a group of its own it does not', (name) => {
    const [resource, groups] = users[name];
    expect(mn3({ User: resource })).toEqual([expect.stringMatching(/default-security-group.*egress rules toward the LGWAN segment allow all traffic/)]);
    const withGroups = { ...resource, Properties: { ...(resource.Properties as object), ...groups } };
    expect(mn3({ User: withGroups })).toEqual([]);
  });

  test('CloudFormation: a replication group on an existing primary cluster takes its groups; a domain outside a VPC has none; a Lambda function is not read so', () => {
    expect(mn3({
      Rg: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupDescription: 'rg', PrimaryClusterId: 'c', CacheSubnetGroupName: { Ref: 'EcGroup' } } },
    })).toEqual([]);
    expect(mn3({ D: { Type: 'AWS::OpenSearchService::Domain', Properties: { EngineVersion: 'OpenSearch_2.11' } } })).toEqual([]);
    // Lambda answers a VpcConfig with subnets but no groups with InvalidParameterValueException: no function runs so.
    expect(mn3({
      F: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::123456789012:role/f', Code: { ZipFile: 'x' }, Handler: 'i.h', Runtime: 'nodejs20.x', VpcConfig: { SubnetIds: subnets } } },
    })).toEqual([]);
  });

  const tfResource = (extra: Record<string, Record<string, unknown>>) => ({
    aws_vpc: {
      mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } },
      lg: { enable_dns_support: false, cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } },
    },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
    aws_security_group: { own: { vpc_id: '${aws_vpc.mn.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] } },
    ...extra,
  });
  const tfMn3 = (extra: Record<string, Record<string, unknown>>) => checkTopology(extractTerraform({ t: { resource: tfResource(extra) } as any }),
    { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-3').map((f) => f.message);
  const mnSubnet = ['${aws_subnet.mn.id}'];
  const ownGroup = ['${aws_security_group.own.id}'];
  /** Each: the resources without groups, and the same with a group of their own. */
  const tfUsers: Record<string, (groups: Record<string, unknown>) => Record<string, Record<string, unknown>>> = {
    aws_elasticache_cluster: (g) => ({
      aws_elasticache_subnet_group: { g: { name: 'g', subnet_ids: mnSubnet } },
      aws_elasticache_cluster: { c: { cluster_id: 'c', engine: 'redis', node_type: 'cache.t3.micro', num_cache_nodes: 1, subnet_group_name: '${aws_elasticache_subnet_group.g.name}', ...g } },
    }),
    aws_elasticache_replication_group: (g) => ({
      aws_elasticache_subnet_group: { g: { name: 'g', subnet_ids: mnSubnet } },
      aws_elasticache_replication_group: { r: { replication_group_id: 'r', description: 'r', node_type: 'cache.t3.micro', subnet_group_name: '${aws_elasticache_subnet_group.g.name}', ...g } },
    }),
    aws_elasticache_serverless_cache: (g) => ({ aws_elasticache_serverless_cache: { c: { name: 'c', engine: 'valkey', subnet_ids: mnSubnet, ...g } } }),
    aws_efs_mount_target: (g) => ({ aws_efs_mount_target: { m: { file_system_id: 'fs-0123456789abcdef0', subnet_id: '${aws_subnet.mn.id}', ...g.security_group_ids ? { security_groups: ownGroup } : {} } } }),
    aws_redshift_cluster: (g) => ({
      aws_redshift_subnet_group: { g: { name: 'g', subnet_ids: mnSubnet } },
      aws_redshift_cluster: {
        c: { cluster_identifier: 'c', node_type: 'ra3.xlplus', publicly_accessible: false, cluster_subnet_group_name: '${aws_redshift_subnet_group.g.name}', ...g.security_group_ids ? { vpc_security_group_ids: ownGroup } : {} },
      },
    }),
    aws_opensearch_domain: (g) => ({ aws_opensearch_domain: { d: { domain_name: 'd', vpc_options: { subnet_ids: mnSubnet, ...g } } } }),
    aws_dax_cluster: (g) => ({
      aws_dax_subnet_group: { g: { name: 'g', subnet_ids: mnSubnet } },
      aws_dax_cluster: {
        c: { cluster_name: 'c', iam_role_arn: 'arn:aws:iam::123456789012:role/dax', node_type: 'dax.t3.small', replication_factor: 1, subnet_group_name: '${aws_dax_subnet_group.g.name}', ...g },
      },
    }),
    aws_db_proxy_endpoint: (g) => ({
      aws_db_proxy_endpoint: { e: { db_proxy_name: 'p', db_proxy_endpoint_name: 'e', vpc_subnet_ids: mnSubnet, ...g.security_group_ids ? { vpc_security_group_ids: ownGroup } : {} } },
    }),
  };

  test('Terraform control: the subnets and an own group alone leave the default group unused', () => {
    expect(tfMn3({})).toEqual([]);
  });

  test.each(Object.keys(tfUsers))('Terraform: a %s without groups has the default group (MN-3); with a group of its own it does not', (name) => {
    expect(tfMn3(tfUsers[name]({}))).toEqual([expect.stringMatching(/default-security-group.*allow all traffic/)]);
    expect(tfMn3(tfUsers[name]({ security_group_ids: ownGroup }))).toEqual([]);
  });

  test('Terraform: a cluster that joins a replication group takes its groups; aws_default_security_group takes the group over', () => {
    expect(tfMn3({
      aws_elasticache_subnet_group: { g: { name: 'g', subnet_ids: mnSubnet } },
      aws_elasticache_cluster: { c: { cluster_id: 'c', replication_group_id: 'r', subnet_group_name: '${aws_elasticache_subnet_group.g.name}' } },
    })).toEqual([]);
    expect(tfMn3({ ...tfUsers.aws_efs_mount_target({}), aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } })).toEqual([]);
  });
});

/**
 * DocumentDB, Neptune and MSK Serverless clusters, Amazon MQ brokers and RDS proxies that name no security group: their
 * references document no fallback (occupants.ts NO_DOCUMENTED_FALLBACK, with what each says), and a service may give its
 * interfaces a group of its own that admits more than the default group. Before, nothing was read for them: a DocumentDB
 * cluster in the My Number segment, open to the LGWAN segment both ways, passed MN-3. Now the group counts as open to all
 * traffic both ways where the resource runs (`<resource>#unknown-security-group`), and GUARD-1 asks for a group.
 */
describe('services whose references document no fallback: a group the guard cannot read', () => {
  const unknownGroup = (at: string) => [
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its egress rules toward the LGWAN segment allow all traffic (0.0.0.0/0)`,
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its ingress rules from the LGWAN segment allow all traffic (0.0.0.0/0)`,
  ];
  const guard1 = (at: string, property: string) => `GUARD-1 ${at}: ${property} could not be resolved: it names no security group, and AWS documents no group `
    + 'that this resource type gets then (the VPC\'s default group, or one of the service\'s own, with rules no template shows): read as a group open to all traffic both ways';

  const base = {
    ...myNumberAndLgwan(),
    MnSub2: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.1.0/24' } },
    Own: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
    LgOwn: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'LgVpc' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' }] } },
    DocGroup: { Type: 'AWS::DocDB::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'd', SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }] } },
    NeptuneGroup: { Type: 'AWS::Neptune::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'n', SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }] } },
  };
  const own = [{ 'Fn::GetAtt': ['Own', 'GroupId'] }];
  const subnets = [{ Ref: 'MnSub' }, { Ref: 'MnSub2' }];
  /** Each: the resource without groups, its property for them, and its properties with a group of its own. */
  const users: Record<string, [Record<string, unknown>, string, Record<string, unknown>]> = {
    'DocumentDB cluster': [{ Type: 'AWS::DocDB::DBCluster', Properties: { DBSubnetGroupName: { Ref: 'DocGroup' } } }, 'VpcSecurityGroupIds', { VpcSecurityGroupIds: own }],
    'Neptune cluster': [{ Type: 'AWS::Neptune::DBCluster', Properties: { DBSubnetGroupName: { Ref: 'NeptuneGroup' } } }, 'VpcSecurityGroupIds', { VpcSecurityGroupIds: own }],
    'MSK Serverless cluster': [{
      Type: 'AWS::MSK::ServerlessCluster',
      Properties: { ClusterName: 'k', ClientAuthentication: { Sasl: { Iam: { Enabled: true } } }, VpcConfigs: [{ SubnetIds: subnets }] },
    }, 'VpcConfigs.SecurityGroups', { VpcConfigs: [{ SubnetIds: subnets, SecurityGroups: own }] }],
    'Amazon MQ broker': [{
      Type: 'AWS::AmazonMQ::Broker',
      Properties: { BrokerName: 'b', PubliclyAccessible: false, DeploymentMode: 'SINGLE_INSTANCE', EngineType: 'ACTIVEMQ', HostInstanceType: 'mq.t3.micro', Users: [], SubnetIds: [{ Ref: 'MnSub' }] },
    }, 'SecurityGroups', { SecurityGroups: own }],
    'RDS proxy': [{
      Type: 'AWS::RDS::DBProxy',
      Properties: { DBProxyName: 'p', EngineFamily: 'MYSQL', Auth: [], RoleArn: 'arn:aws:iam::123456789012:role/p', VpcSubnetIds: subnets },
    }, 'VpcSecurityGroupIds', { VpcSecurityGroupIds: own }],
  };
  const cfnFindings = (resources: Record<string, unknown>) => findings(extractCloudFormation({ S: { Resources: { ...base, ...resources } } as any }), ['MN-3', 'GUARD-1']);

  test('control: the subnets, subnet groups and groups alone', () => {
    expect(cfnFindings({})).toEqual([]);
  });

  test.each(Object.keys(users))('CloudFormation: a %s without groups is open to the LGWAN segment both ways (MN-3, GUARD-1); with one of its own it is not', (name) => {
    const [resource, property, groups] = users[name];
    expect(cfnFindings({ User: resource })).toEqual([guard1('User', property), ...unknownGroup('User')]);
    expect(cfnFindings({ User: { ...resource, Properties: { ...(resource.Properties as object), ...groups } } })).toEqual([]);
  });

  test('CloudFormation: an MSK Serverless cluster\'s VPC configuration with groups is judged by them, the one without by a group open to all', () => {
    const cluster = {
      Type: 'AWS::MSK::ServerlessCluster',
      Properties: {
        ClusterName: 'k',
        ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
        VpcConfigs: [{ SubnetIds: [{ Ref: 'LgSub' }], SecurityGroups: [{ 'Fn::GetAtt': ['LgOwn', 'GroupId'] }] }, { SubnetIds: subnets }],
      },
    };
    // In the LGWAN and the My Number segment at once, the cluster is also a bridge between them (GUARD-1, red team 49).
    const bridge = expect.stringMatching(/^GUARD-1 Kafka: VpcConfigs\[0\]\.SubnetIds, VpcConfigs\[1\]\.SubnetIds could not be resolved: AWS::MSK::ServerlessCluster opens a path between /);
    expect(cfnFindings({ Kafka: cluster })).toEqual(expect.arrayContaining([guard1('Kafka', 'VpcConfigs.SecurityGroups'), ...unknownGroup('Kafka'), bridge]));
    expect(cfnFindings({ Kafka: cluster })).toHaveLength(2 + unknownGroup('Kafka').length);
  });

  test('worded in Japanese without English left over', () => {
    const found = checkTopology(extractCloudFormation({ S: { Resources: { ...base, User: users['DocumentDB cluster'][0] } } as any }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1' || f.ruleId === 'MN-3');
    expect(found).toHaveLength(3);
    for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });

  const tfBase = () => ({
    ...myNumberAndLgwanTf(),
    aws_security_group: {
      own: { vpc_id: '${aws_vpc.mn.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] },
      lgown: { vpc_id: '${aws_vpc.lg.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.1.0.0/16'] }] },
    },
  });
  const mnSubnet = ['${aws_subnet.mn.id}'];
  const ownGroup = ['${aws_security_group.own.id}'];
  /** Each: the resources with `groups` (none, or the own group), the resource's address and its property for groups. */
  const tfUsers: Record<string, [(groups?: string[]) => Record<string, Record<string, unknown>>, string, string]> = {
    aws_docdb_cluster: [(g) => ({
      aws_docdb_subnet_group: { g: { subnet_ids: mnSubnet } },
      aws_docdb_cluster: { c: { db_subnet_group_name: '${aws_docdb_subnet_group.g.name}', ...g ? { vpc_security_group_ids: g } : {} } },
    }), 'aws_docdb_cluster.c', 'vpc_security_group_ids'],
    aws_neptune_cluster: [(g) => ({
      aws_neptune_subnet_group: { g: { subnet_ids: mnSubnet } },
      aws_neptune_cluster: { c: { neptune_subnet_group_name: '${aws_neptune_subnet_group.g.name}', ...g ? { vpc_security_group_ids: g } : {} } },
    }), 'aws_neptune_cluster.c', 'vpc_security_group_ids'],
    aws_msk_serverless_cluster: [(g) => ({
      aws_msk_serverless_cluster: { c: { cluster_name: 'c', vpc_config: [{ subnet_ids: mnSubnet, ...g ? { security_group_ids: g } : {} }] } },
    }), 'aws_msk_serverless_cluster.c', 'vpc_config.security_group_ids'],
    aws_mq_broker: [(g) => ({
      aws_mq_broker: { b: { broker_name: 'b', engine_type: 'ActiveMQ', host_instance_type: 'mq.t3.micro', subnet_ids: mnSubnet, ...g ? { security_groups: g } : {} } },
    }), 'aws_mq_broker.b', 'security_groups'],
    aws_db_proxy: [(g) => ({
      aws_db_proxy: { p: { name: 'p', engine_family: 'MYSQL', role_arn: 'arn:aws:iam::123456789012:role/p', vpc_subnet_ids: mnSubnet, ...g ? { vpc_security_group_ids: g } : {} } },
    }), 'aws_db_proxy.p', 'vpc_security_group_ids'],
  };
  const tfFindings = (extra: Record<string, Record<string, unknown>>) => findings(extractTerraform({ t: { resource: { ...tfBase(), ...extra } } as any }), ['MN-3', 'GUARD-1']);

  test('Terraform control: the subnets and groups alone', () => {
    expect(tfFindings({})).toEqual([]);
  });

  test.each(Object.keys(tfUsers))('Terraform: a %s without groups is open to the LGWAN segment both ways (MN-3, GUARD-1); with one of its own it is not', (name) => {
    const [make, at, property] = tfUsers[name];
    expect(tfFindings(make())).toEqual([guard1(at, property), ...unknownGroup(at)]);
    expect(tfFindings(make(ownGroup))).toEqual([]);
  });

  test('Terraform: an MSK Serverless cluster\'s vpc_config with groups is judged by them, the one without by a group open to all', () => {
    const cluster = {
      aws_msk_serverless_cluster: {
        c: { cluster_name: 'c', vpc_config: [{ subnet_ids: ['${aws_subnet.lg.id}'], security_group_ids: ['${aws_security_group.lgown.id}'] }, { subnet_ids: mnSubnet }] },
      },
    };
    // In the LGWAN and the My Number segment at once, the cluster is also a bridge between them (GUARD-1, red team 49).
    const bridge = expect.stringMatching(/^GUARD-1 aws_msk_serverless_cluster\.c: vpc_config\[0\]\.subnet_ids, vpc_config\[1\]\.subnet_ids could not be resolved: aws_msk_serverless_cluster opens a path between /);
    const expected = [guard1('aws_msk_serverless_cluster.c', 'vpc_config.security_group_ids'), ...unknownGroup('aws_msk_serverless_cluster.c'), bridge];
    expect(tfFindings(cluster)).toEqual(expect.arrayContaining(expected));
    expect(tfFindings(cluster)).toHaveLength(expected.length);
  });

  test('a Terraform plan: a DocumentDB cluster whose groups AWS computes (none written) is read so too', () => {
    const plan = handPlan([
      ...myNumberAndLgwanPlan(),
      { address: 'aws_docdb_subnet_group.g', values: {}, unknown: { subnet_ids: true, name: true }, expressions: { subnet_ids: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } } },
      {
        address: 'aws_docdb_cluster.c',
        values: {},
        unknown: { db_subnet_group_name: true, vpc_security_group_ids: true },
        expressions: { db_subnet_group_name: { references: ['aws_docdb_subnet_group.g.name', 'aws_docdb_subnet_group.g'] } },
      },
    ]);
    expect(findings(extractTerraformPlan(plan), ['MN-3', 'GUARD-1'])).toEqual([guard1('aws_docdb_cluster.c', 'vpc_security_group_ids'), ...unknownGroup('aws_docdb_cluster.c')]);
  });
});


/**
 * A resource that names its security groups by a value the guard cannot read — a template parameter, a Terraform input
 * variable, in a plan a value known only after apply whose expression names no resource of the plan (a local, a data
 * source read at apply) — may have any group: the VPC's default group, or one outside the output with any rules. Before,
 * such a value counted as a group named and nothing was reported (a plan's was not even GUARD-1): an instance or database
 * in the My Number segment with it passed. Now GUARD-1 reports it, and the group counts as open to all traffic both ways.
 * And a resource that names its VPC's default group uses it as one that names none does: EC2's own rules count.
 */
describe('security groups named by a value the guard cannot read, or the default group named', () => {
  const unknownGroup = (at: string) => [
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its egress rules toward the LGWAN segment allow all traffic (0.0.0.0/0)`,
    `MN-3 ${at}#unknown-security-group: security group ${at}#unknown-security-group: its ingress rules from the LGWAN segment allow all traffic (0.0.0.0/0)`,
  ];
  const instance = (groups: unknown) => ({ Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'MnSub' }, SecurityGroupIds: groups } });
  const cfnFound = (resources: Record<string, unknown>) => findings(extractCloudFormation({
    S: { Parameters: { Sg: { Type: 'AWS::EC2::SecurityGroup::Id' } }, Resources: { ...myNumberAndLgwan(), ...resources } } as any,
  }), ['MN-3', 'GUARD-1']);

  test('CloudFormation: an instance and a database whose groups are a parameter', () => {
    expect(cfnFound({ Box: instance([{ Ref: 'Sg' }]) })).toEqual([
      'GUARD-1 Box: SecurityGroupIds[0] could not be resolved: template parameter Sg is known only at deploy time', ...unknownGroup('Box'),
    ]);
    const db = {
      DbGroup: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'db', SubnetIds: [{ Ref: 'MnSub' }] } },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', DBSubnetGroupName: { Ref: 'DbGroup' }, PubliclyAccessible: false, VPCSecurityGroups: { Ref: 'Sg' } } },
    };
    expect(cfnFound(db)).toEqual(['GUARD-1 Db: VPCSecurityGroups could not be resolved: template parameter Sg is known only at deploy time', ...unknownGroup('Db')]);
  });

  test('CloudFormation: naming the VPC\'s default group uses it (EC2\'s own rules); a group of the template does not', () => {
    expect(cfnFound({ Box: instance([{ 'Fn::GetAtt': ['MnVpc', 'DefaultSecurityGroup'] }]) })).toEqual([
      expect.stringMatching(/^MN-3 .*default-security-group.*egress rules toward the LGWAN segment allow all traffic/),
    ]);
    const own = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } };
    expect(cfnFound({ Own: own, Box: instance([{ 'Fn::GetAtt': ['Own', 'GroupId'] }]) })).toEqual([]);
  });

  const tfFound = (extra: Record<string, Record<string, unknown>>) => findings(extractTerraform({ t: { resource: { ...myNumberAndLgwanTf(), ...extra } } as any }), ['MN-3', 'GUARD-1']);
  const tfInstance = (groups: string[]) => ({ aws_instance: { box: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}', vpc_security_group_ids: groups } } });

  test('Terraform: an instance whose groups are an input variable; one naming the VPC\'s default group', () => {
    expect(tfFound(tfInstance(['${var.sg}']))).toEqual([
      'GUARD-1 aws_instance.box: vpc_security_group_ids[0] could not be resolved: ${var.sg} uses an input variable, known only at plan time', ...unknownGroup('aws_instance.box'),
    ]);
    expect(tfFound(tfInstance(['${aws_vpc.mn.default_security_group_id}']))).toEqual([
      expect.stringMatching(/^MN-3 .*default-security-group.*egress rules toward the LGWAN segment allow all traffic/),
    ]);
  });

  /** A plan: the two segments, a narrow group of the My Number VPC, and `resources`. */
  const plan = (resources: PlannedResource[]) => handPlan([
    ...myNumberAndLgwanPlan(),
    ...['own', 'other'].map((name) => ({
      address: `aws_security_group.${name}`,
      values: { ingress: [], egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }] },
      unknown: { vpc_id: true, id: true },
      expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] } },
    })),
    ...resources,
  ]);
  /** An instance in the My Number subnet whose groups are known only after apply, from `groups`. */
  const planInstance = (groups: unknown): PlannedResource => ({
    address: 'aws_instance.box',
    values: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro' },
    unknown: { subnet_id: true, vpc_security_group_ids: true },
    expressions: { subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] }, vpc_security_group_ids: groups },
  });
  const planFindings = (resources: PlannedResource[]) => findings(extractTerraformPlan(plan(resources)), ['MN-3', 'GUARD-1']);

  test('a Terraform plan: groups known only after apply from a local or a data source read at apply: GUARD-1, and open to all', () => {
    expect(planFindings([planInstance({ references: ['local.groups'] })])).toEqual([
      'GUARD-1 aws_instance.box: vpc_security_group_ids could not be resolved: vpc_security_group_ids is known only after apply: local.groups is a local value, '
      + 'which the plan\'s configuration does not record',
      ...unknownGroup('aws_instance.box'),
    ]);
    const db: PlannedResource[] = [
      { address: 'aws_db_subnet_group.g', values: {}, unknown: { subnet_ids: true, name: true }, expressions: { subnet_ids: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } } },
      {
        address: 'aws_db_instance.db',
        values: { engine: 'postgres', instance_class: 'db.t3.micro' },
        unknown: { db_subnet_group_name: true, vpc_security_group_ids: true },
        expressions: {
          db_subnet_group_name: { references: ['aws_db_subnet_group.g.name', 'aws_db_subnet_group.g'] },
          vpc_security_group_ids: { references: ['data.aws_security_group.shared.id', 'data.aws_security_group.shared'] },
        },
      },
    ];
    expect(planFindings(db)).toEqual([
      'GUARD-1 aws_db_instance.db: vpc_security_group_ids could not be resolved: vpc_security_group_ids is known only after apply: data.aws_security_group.shared.id '
      + 'is a data source\'s value known only after apply: what it names is outside the plan',
      ...unknownGroup('aws_db_instance.db'),
    ]);
  });

  test('a Terraform plan control: groups of the plan known only after apply (one, or a set of two) are those groups', () => {
    expect(planFindings([planInstance({ references: ['aws_security_group.own.id', 'aws_security_group.own'] })])).toEqual([]);
    expect(planFindings([planInstance({ references: ['aws_security_group.own.id', 'aws_security_group.own', 'aws_security_group.other.id', 'aws_security_group.other'] })]))
      .toEqual([]);
  });
});

/**
 * Instances launched from a launch template (or launch configuration) that names no security group, by a launcher that
 * names none either, get their VPC's default group as an instance launched with none does (EC2 User Guide, "Default
 * security groups for your VPCs"; RunInstances: "If you don't specify a security group ID, we use the default security
 * group"). Before, only an instance naming no template was read so: an Auto Scaling group of the My Number segment
 * launching such a template passed MN-3 although the default group sends everywhere (README known gap, "Security
 * groups of instances launched from a launch template"; confirmed by a helper). occupants.ts `LAUNCH_GROUPS`.
 */
describe('instances launched from a launch template that names no security group', () => {
  const defaultGroup = [expect.stringMatching(/^MN-3 .*default-security-group.*egress rules toward the LGWAN segment allow all traffic/)];
  const own = [{ 'Fn::GetAtt': ['Own', 'GroupId'] }];
  const cfnBase = {
    ...myNumberAndLgwan(),
    Own: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'own', SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }] } },
  };
  const template = (data: Record<string, unknown> = {}) => ({ Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', ...data } } });
  const lt = { LaunchTemplateId: { Ref: 'Lt' }, Version: { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] } };
  const asg = (extra: Record<string, unknown> = {}) => ({
    Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { MinSize: '1', MaxSize: '1', VPCZoneIdentifier: [{ Ref: 'MnSub' }], LaunchTemplate: lt, ...extra },
  });
  const cfnFound = (resources: Record<string, unknown>) => findings(extractCloudFormation({ S: { Resources: { ...cfnBase, ...resources } } as any }), ['MN-3', 'GUARD-1']);

  test('control: the segments and the group alone', () => {
    expect(cfnFound({})).toEqual([]);
  });

  test('CloudFormation: an Auto Scaling group in the My Number subnet launching a template without groups uses the default group (MN-3)', () => {
    expect(cfnFound({ Lt: template(), Asg: asg() })).toEqual(defaultGroup);
    // The same template's interfaces without groups; a mixed instances policy's template.
    expect(cfnFound({ Lt: template({ NetworkInterfaces: [{ DeviceIndex: 0 }] }), Asg: asg() })).toEqual(defaultGroup);
    expect(cfnFound({
      Lt: template(),
      Asg: asg({ LaunchTemplate: undefined, MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: lt } } }),
    })).toEqual(defaultGroup);
  });

  test('CloudFormation control: a template that names groups (its own, or its interfaces\') leaves the default group unused', () => {
    expect(cfnFound({ Lt: template({ SecurityGroupIds: own }), Asg: asg() })).toEqual([]);
    expect(cfnFound({ Lt: template({ NetworkInterfaces: [{ DeviceIndex: 0, Groups: own }] }), Asg: asg() })).toEqual([]);
    // Launched by nothing in the output: where it runs is not known (nothing placed, nothing used).
    expect(cfnFound({ Lt: template() })).toEqual([]);
  });

  test('CloudFormation: a launch configuration without groups; with its SecurityGroups it names them', () => {
    const lc = (groups: Record<string, unknown>) => ({ Type: 'AWS::AutoScaling::LaunchConfiguration', Properties: { ImageId: 'ami-0123456789abcdef0', InstanceType: 't3.micro', ...groups } });
    const group = asg({ LaunchTemplate: undefined, LaunchConfigurationName: { Ref: 'Lc' } });
    expect(cfnFound({ Lc: lc({}), Asg: group })).toEqual(defaultGroup);
    expect(cfnFound({ Lc: lc({ SecurityGroups: own }), Asg: group })).toEqual([]);
  });

  test('CloudFormation: an instance naming the template, in its own subnet or its template\'s interface\'s; with groups of its own it does not', () => {
    const box = (p: Record<string, unknown>) => ({ Type: 'AWS::EC2::Instance', Properties: { LaunchTemplate: lt, ...p } });
    expect(cfnFound({ Lt: template(), Box: box({ SubnetId: { Ref: 'MnSub' } }) })).toEqual(defaultGroup);
    expect(cfnFound({ Lt: template({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: { Ref: 'MnSub' } }] }), Box: box({}) })).toEqual(defaultGroup);
    expect(cfnFound({ Lt: template(), Box: box({ SubnetId: { Ref: 'MnSub' }, SecurityGroupIds: own }) })).toEqual([]);
  });

  test('CloudFormation: an EC2 Fleet and a Batch compute environment (its own SecurityGroupIds name groups)', () => {
    const fleet = {
      Type: 'AWS::EC2::EC2Fleet',
      Properties: {
        TargetCapacitySpecification: { TotalTargetCapacity: 1 },
        LaunchTemplateConfigs: [{ LaunchTemplateSpecification: lt, Overrides: [{ SubnetId: { Ref: 'MnSub' } }] }],
      },
    };
    expect(cfnFound({ Lt: template(), Fleet: fleet })).toEqual(defaultGroup);
    const batch = (groups: Record<string, unknown>) => ({
      Type: 'AWS::Batch::ComputeEnvironment',
      Properties: { Type: 'MANAGED', ComputeResources: { Type: 'EC2', MaxvCpus: 4, Subnets: [{ Ref: 'MnSub' }], LaunchTemplate: lt, InstanceRole: 'r', ...groups } },
    });
    expect(cfnFound({ Lt: template(), Ce: batch({}) })).toEqual(defaultGroup);
    expect(cfnFound({ Lt: template(), Ce: batch({ SecurityGroupIds: own }) })).toEqual([]);
  });

  const tfOwn = ['${aws_security_group.own.id}'];
  const tfFound = (extra: Record<string, Record<string, unknown>>) => narrowGroupTfFindings(extra);
  const tfTemplate = (args: Record<string, unknown> = {}) => ({ aws_launch_template: { lt: { image_id: 'ami-0123456789abcdef0', ...args } } });
  const tfLt = { id: '${aws_launch_template.lt.id}', version: '${aws_launch_template.lt.latest_version}' };
  const tfAsg = (args: Record<string, unknown> = { launch_template: tfLt }) => ({
    aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.mn.id}'], ...args } },
  });

  test('Terraform: an Auto Scaling group launching a template without groups uses the default group (MN-3); one naming groups does not', () => {
    expect(tfFound({ ...tfTemplate(), ...tfAsg() })).toEqual(defaultGroup);
    expect(tfFound({ ...tfTemplate({ vpc_security_group_ids: tfOwn }), ...tfAsg() })).toEqual([]);
    expect(tfFound({ ...tfTemplate({ network_interfaces: [{ device_index: 0, security_groups: tfOwn }] }), ...tfAsg() })).toEqual([]);
    // aws_default_security_group takes the group over: its rules are the listed ones only.
    expect(tfFound({ ...tfTemplate(), ...tfAsg(), aws_default_security_group: { mn: { vpc_id: '${aws_vpc.mn.id}' } } })).toEqual([]);
  });

  test('Terraform: a launch configuration, an instance naming the template, an EC2 Fleet, a Batch compute environment', () => {
    const lc = (args: Record<string, unknown>) => ({ aws_launch_configuration: { lc: { image_id: 'ami-0123456789abcdef0', instance_type: 't3.micro', ...args } } });
    expect(tfFound({ ...lc({}), ...tfAsg({ launch_configuration: '${aws_launch_configuration.lc.name}' }) })).toEqual(defaultGroup);
    expect(tfFound({ ...lc({ security_groups: tfOwn }), ...tfAsg({ launch_configuration: '${aws_launch_configuration.lc.name}' }) })).toEqual([]);
    const box = (args: Record<string, unknown>) => ({ aws_instance: { box: { launch_template: tfLt, subnet_id: '${aws_subnet.mn.id}', ...args } } });
    expect(tfFound({ ...tfTemplate(), ...box({}) })).toEqual(defaultGroup);
    expect(tfFound({ ...tfTemplate(), ...box({ vpc_security_group_ids: tfOwn }) })).toEqual([]);
    const spec = { launch_template_id: '${aws_launch_template.lt.id}', version: '$Latest' };
    const fleet = {
      aws_ec2_fleet: {
        f: {
          target_capacity_specification: { default_target_capacity_type: 'on-demand', total_target_capacity: 1 },
          launch_template_config: [{ launch_template_specification: spec, override: [{ subnet_id: '${aws_subnet.mn.id}' }] }],
        },
      },
    };
    expect(tfFound({ ...tfTemplate(), ...fleet })).toEqual(defaultGroup);
    const batch = (args: Record<string, unknown>) => ({
      aws_batch_compute_environment: { ce: { type: 'MANAGED', compute_resources: { type: 'EC2', max_vcpus: 4, subnets: ['${aws_subnet.mn.id}'], launch_template: { launch_template_id: '${aws_launch_template.lt.id}' }, ...args } } },
    });
    expect(tfFound({ ...tfTemplate(), ...batch({}) })).toEqual(defaultGroup);
    expect(tfFound({ ...tfTemplate(), ...batch({ security_group_ids: tfOwn }) })).toEqual([]);
  });

  test('a Terraform plan: an Auto Scaling group launching a template without groups', () => {
    const plan = handPlan([
      ...myNumberAndLgwanPlan(),
      { address: 'aws_launch_template.lt', values: { image_id: 'ami-0123456789abcdef0', vpc_security_group_ids: [], network_interfaces: [] }, unknown: { id: true, latest_version: true } },
      {
        address: 'aws_autoscaling_group.asg',
        values: { min_size: 1, max_size: 1, launch_template: [{}] },
        unknown: { vpc_zone_identifier: true, launch_template: [{ id: true, version: true }] },
        expressions: {
          vpc_zone_identifier: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] },
          launch_template: [{ id: { references: ['aws_launch_template.lt.id', 'aws_launch_template.lt'] }, version: { references: ['aws_launch_template.lt.latest_version', 'aws_launch_template.lt'] } }],
        },
      },
    ]);
    expect(findings(extractTerraformPlan(plan), ['MN-3', 'GUARD-1'])).toEqual(defaultGroup);
  });
});
