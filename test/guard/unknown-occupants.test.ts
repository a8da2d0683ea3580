/**
 * An occupant of a resource type the guard does not know (src/guard/occupants.ts `KNOWN_OCCUPANTS`, GUARD-2,
 * docs/guard-semantics.md §10). Every resource that names a subnet is read as an occupant whose traffic follows that
 * subnet's routes; bridges.ts refuses the types known to open a path of their own beside them. Before GUARD-2, a type the
 * guard had never heard of passed as a plain occupant even when its service gives it such a path: an Amazon Bedrock
 * AgentCore runtime in VPC mode (invoked through the AgentCore API from anywhere), an ECS Express gateway service (which
 * makes its own public load balancer), a type AWS adds next year. Now one in the My Number or LGWAN segment, in an
 * unlabelled VPC or where the guard cannot place it is refused by GUARD-2 — not critical: a reason citing AWS's
 * documentation of the type acknowledges it on that resource. Both engines.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import { App as TfApp, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { cdk, GuardLanguage, NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { KNOWN_OCCUPANTS } from '../../src/guard/occupants';
import { formatFinding, formatFindingIn } from '../../src/guard/rule';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';

const REASON = 'AWS documents that this type only places network interfaces in the given subnets (reviewed, ticket SEC-42).';

/** The GUARD-2 findings of a graph, formatted. */
function guard2(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-2').map(formatFinding);
}

/** A My Number and an Internet VPC with a subnet each, and an unlabelled VPC (CloudFormation), and `extra` resources. */
function cfn(extra: Record<string, any>): TopologyGraph {
  const r: Record<string, any> = {};
  for (const [p, cidr, segment] of [['Mn', '10.0.0.0/16', 'MY_NUMBER'], ['In', '10.2.0.0/16', 'INTERNET'], ['No', '10.3.0.0/16', undefined]] as const) {
    r[`${p}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr, ...(segment ? { Tags: [{ Key: 'jichitai:segment', Value: segment }] } : {}) } };
    r[`${p}Sub`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${p}Vpc` }, CidrBlock: cidr.replace('/16', '/24') } };
  }
  // The AgentCore runtime's security group (`runtime`).
  r.AgentSg = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'MnVpc' }, GroupDescription: 'agent', SecurityGroupEgress: [] } };
  return extractCloudFormation({ S: { Resources: { ...r, ...extra } } });
}

/** The same network in Terraform JSON, and `extra` resources by type and name. */
function tfGraph(extra: Record<string, Record<string, any>>): TopologyGraph {
  const resource: Record<string, Record<string, any>> = { aws_vpc: {}, aws_subnet: {} };
  for (const [p, cidr, segment] of [['Mn', '10.0.0.0/16', 'MY_NUMBER'], ['In', '10.2.0.0/16', 'INTERNET'], ['No', '10.3.0.0/16', undefined]] as const) {
    resource.aws_vpc[p] = { cidr_block: cidr, ...(segment ? { tags: { 'jichitai:segment': segment } } : {}) };
    resource.aws_subnet[p] = { vpc_id: `\${aws_vpc.${p}.id}`, cidr_block: cidr.replace('/16', '/24') };
  }
  return extractTerraform({ t: { resource: { ...resource, ...extra } } });
}

const runtime = (subnet: unknown) => ({
  Type: 'AWS::BedrockAgentCore::Runtime',
  Properties: {
    AgentRuntimeName: 'agent',
    RoleArn: 'arn:aws:iam::111122223333:role/r',
    AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/agent:1' } },
    // A group of the output (one outside it, by a literal id, would be GUARD-1, which these tests are not about).
    NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: [subnet], SecurityGroups: [{ 'Fn::GetAtt': ['AgentSg', 'GroupId'] }] } },
  },
});

describe('GUARD-2: an occupant of a type the guard does not know (CloudFormation and Terraform JSON)', () => {
  test('an AgentCore runtime or an invented type in a My Number subnet is refused, naming the resource, its type, the subnet and its segment', () => {
    const g = cfn({ Agent: runtime({ Ref: 'MnSub' }), Foo: { Type: 'AWS::Foo::Bar', Properties: { SubnetIds: [{ Ref: 'MnSub' }] } } });
    expect(guard2(g)).toEqual([
      '[Agent] GUARD-2 error (三層の対策): NetworkConfiguration.NetworkModeConfig.Subnets[0]: AWS::BedrockAgentCore::Runtime runs in subnet MnSub of the MY_NUMBER segment '
        + '(マイナンバー利用事務系), and the guard does not know whether this resource type opens a network path of its own beside the routes of its subnets (a public '
        + 'endpoint, a load balancer of its own, calls from the internet). Fix: run AWS::BedrockAgentCore::Runtime only in subnets of the Internet segment; or, if AWS '
        + 'documents that AWS::BedrockAgentCore::Runtime has no network path of its own (only network interfaces in the subnets it names, whose traffic follows their '
        + 'routes), acknowledge GUARD-2 on this resource with that reason, and ask the project to add the type to the occupants the guard knows (三層の対策)',
      expect.stringMatching(/^\[Foo\] GUARD-2 error \(三層の対策\): SubnetIds\[0\]: AWS::Foo::Bar runs in subnet MnSub of the MY_NUMBER segment/),
    ]);
    // Not GUARD-1 (only the unlabelled VPC of the network is): the user can acknowledge it.
    expect(checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path)).toEqual(['NoVpc']);
  });

  test('Terraform: an invented type in a My Number subnet is refused; in an unlabelled VPC too; a type named in a block (vpc_config) as well', () => {
    const g = tfGraph({
      aws_foo_bar: { x: { vpc_config: [{ subnet_ids: ['${aws_subnet.Mn.id}'] }] }, y: { subnet_id: '${aws_subnet.No.id}' } },
    });
    expect(guard2(g)).toEqual([
      expect.stringMatching(/^\[aws_foo_bar\.x\] GUARD-2 error \(三層の対策\): vpc_config\[0\]\.subnet_ids\[0\]: aws_foo_bar runs in subnet aws_subnet\.Mn of the MY_NUMBER segment/),
      expect.stringMatching(/^\[aws_foo_bar\.y\] GUARD-2 error .*: subnet_id: aws_foo_bar runs in subnet aws_subnet\.No in VPC aws_vpc\.No, which has no segment label/),
    ]);
  });

  // Found by the unreadable-value sweep on the AgentCore mutation: its network block given by an input variable named no
  // subnet the guard could read, and the runtime passed.
  test('its network placement given by a parameter or variable (a whole block or list) may be any subnet: refused; a known type is not asked', () => {
    const hidden = cfn({ Agent: { ...runtime({ Ref: 'MnSub' }), Properties: { ...runtime({ Ref: 'MnSub' }).Properties, NetworkConfiguration: { Ref: 'Net' } } } });
    expect(guard2(hidden)).toEqual([expect.stringMatching(/^\[Agent\] GUARD-2 error \(三層の対策\): NetworkConfiguration: AWS::BedrockAgentCore::Runtime runs in NetworkConfiguration, which cannot be resolved \(a subnet known only at deploy time\)/)]);
    const runtimeTf = (config: unknown) => tfGraph({ aws_bedrockagentcore_agent_runtime: { a: { agent_runtime_name: 'a', network_configuration: config } } });
    expect(guard2(runtimeTf('${var.net}'))).toEqual([expect.stringMatching(/^\[aws_bedrockagentcore_agent_runtime\.a\] GUARD-2 error .*: network_configuration: /)]);
    expect(guard2(runtimeTf([{ network_mode: 'VPC', network_mode_config: '${var.config}' }])))
      .toEqual([expect.stringMatching(/: network_configuration\[0\]\.network_mode_config: aws_bedrockagentcore_agent_runtime runs in network_configuration\[0\]\.network_mode_config, which cannot be resolved/)]);
    // Controls: public network mode (no block given by a variable) names no subnet; a known type with its VpcConfig from a variable is not GUARD-2.
    expect(guard2(runtimeTf([{ network_mode: 'PUBLIC' }]))).toEqual([]);
    expect(guard2(tfGraph({ aws_lambda_function: { f: { function_name: 'f', role: 'arn:aws:iam::111122223333:role/r', vpc_config: '${var.vpc}' } } }))).toEqual([]);
  });

  test('a Terraform plan (ids known only after apply, the subnet named by a reference): refused in My Number, not in Internet', () => {
    const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
      address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { 'jichitai:segment': segment }, tags_all: { 'jichitai:segment': segment } }, unknown: { id: true },
    });
    const subnet = (name: string, cidr: string): PlannedResource => ({
      address: `aws_subnet.${name}`,
      values: { cidr_block: cidr, tags: {}, tags_all: {} },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
    });
    const foo = (name: string, at: string): PlannedResource => ({
      address: `aws_foo_bar.${name}`,
      values: { subnet_ids: [] },
      unknown: { id: true, subnet_ids: [true] },
      expressions: { subnet_ids: { references: [`aws_subnet.${at}.id`, `aws_subnet.${at}`] } },
    });
    const g = extractTerraformPlan(handPlan([vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('in', '10.2.0.0/16', 'INTERNET'),
      subnet('mn', '10.0.0.0/24'), subnet('in', '10.2.0.0/24'), foo('mine', 'mn'), foo('internet', 'in')]));
    expect(guard2(g)).toEqual([expect.stringMatching(/^\[aws_foo_bar\.mine\] GUARD-2 error .*aws_foo_bar runs in subnet aws_subnet\.mn of the MY_NUMBER segment/)]);
  });

  test('an ECS Express gateway service (which makes its own public load balancer) in an LGWAN-labelled subnet of an Internet VPC is refused', () => {
    const g = cfn({
      LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.1.0/24', Tags: [{ Key: 'jichitai:segment', Value: 'LGWAN' }] } },
      Express: {
        Type: 'AWS::ECS::ExpressGatewayService',
        Properties: { InfrastructureRoleArn: 'arn:aws:iam::111122223333:role/r', NetworkConfiguration: { Subnets: [{ Ref: 'LgSub' }], SecurityGroups: [] } },
      },
    });
    expect(guard2(g)).toEqual([expect.stringMatching(/^\[Express\] GUARD-2 error .*: NetworkConfiguration\.Subnets\[0\]: AWS::ECS::ExpressGatewayService runs in subnet LgSub of the LGWAN segment/)]);
  });

  test('in the Internet segment only: not reported (as a bridge there is not)', () => {
    expect(guard2(cfn({ Agent: runtime({ Ref: 'InSub' }), Foo: { Type: 'AWS::Foo::Bar', Properties: { SubnetId: { Ref: 'InSub' } } } }))).toEqual([]);
    expect(guard2(tfGraph({ aws_foo_bar: { x: { subnet_ids: ['${aws_subnet.In.id}'] } } }))).toEqual([]);
  });

  test('a subnet outside the output (a literal id) cannot be placed: refused, with its id', () => {
    expect(guard2(cfn({ Foo: { Type: 'AWS::Foo::Bar', Properties: { SubnetId: 'subnet-0123456789abcdef0' } } })))
      .toEqual([expect.stringMatching(/^\[Foo\] GUARD-2 error .*: SubnetId: AWS::Foo::Bar runs in subnet-0123456789abcdef0 \(SubnetId\), which is not in the synthesized output/)]);
  });

  test('known occupants pass: an EFS mount target, a Lambda function, an RDS subnet group, a private Amazon MQ broker; a public broker does not', () => {
    const g = cfn({
      Mount: { Type: 'AWS::EFS::MountTarget', Properties: { FileSystemId: 'fs-0123', SubnetId: { Ref: 'MnSub' }, SecurityGroups: [] } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' }, VpcConfig: { SubnetIds: [{ Ref: 'MnSub' }] } } },
      Db: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'd', SubnetIds: [{ Ref: 'MnSub' }] } },
      Mq: { Type: 'AWS::AmazonMQ::Broker', Properties: { PubliclyAccessible: false, SubnetIds: [{ Ref: 'MnSub' }] } },
      PublicMq: { Type: 'AWS::AmazonMQ::Broker', Properties: { PubliclyAccessible: true, SubnetIds: [{ Ref: 'MnSub' }] } },
    });
    expect(guard2(g)).toEqual([expect.stringMatching(/^\[PublicMq\] GUARD-2 error .*AWS::AmazonMQ::Broker runs in subnet MnSub of the MY_NUMBER segment/)]);
    const t = tfGraph({
      aws_efs_mount_target: { m: { file_system_id: 'fs-0123', subnet_id: '${aws_subnet.Mn.id}' } },
      aws_mq_broker: { private: { subnet_ids: ['${aws_subnet.Mn.id}'] }, public: { publicly_accessible: true, subnet_ids: ['${aws_subnet.Mn.id}'] } },
    });
    expect(guard2(t)).toEqual([expect.stringMatching(/^\[aws_mq_broker\.public\] GUARD-2 error/)]);
  });

  test('a type read only for something else is no known occupant: a resource share of a My Number subnet, a delivery stream in a My Number subnet', () => {
    const g = cfn({
      Share: { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 's', ResourceArns: [{ 'Fn::Sub': 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:subnet/${MnSub}' }] } },
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: { AmazonOpenSearchServerlessDestinationConfiguration: { VpcConfiguration: { SubnetIds: [{ Ref: 'MnSub' }], RoleARN: 'arn:aws:iam::1:role/r', SecurityGroupIds: [] } } },
      },
    });
    expect(guard2(g)).toEqual([
      expect.stringMatching(/^\[Share\] GUARD-2 error .*AWS::RAM::ResourceShare runs in subnet MnSub of the MY_NUMBER segment/),
      expect.stringMatching(/^\[Stream\] GUARD-2 error .*AWS::KinesisFirehose::DeliveryStream runs in subnet MnSub of the MY_NUMBER segment/),
    ]);
  });

  test('a custom resource given a My Number subnet is no known occupant: its handler may make anything there', () => {
    const g = cfn({ Maker: { Type: 'Custom::Maker', Properties: { ServiceToken: 'arn:aws:lambda:ap-northeast-1:111122223333:function:maker', SubnetId: { Ref: 'MnSub' } } } });
    expect(guard2(g)).toEqual([expect.stringMatching(/^\[Maker\] GUARD-2 error .*: SubnetId: Custom::Maker runs in subnet MnSub of the MY_NUMBER segment/)]);
  });

  test('a known bridge keeps its own finding (GUARD-1), not GUARD-2; plumbing is neither', () => {
    const g = cfn({
      Remote: { Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation', Properties: { ClientVpnEndpointId: 'cvpn-endpoint-0123', SubnetId: { Ref: 'MnSub' } } },
      Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'MnSub' }, ConnectivityType: 'private' } },
    });
    expect(guard2(g)).toEqual([]);
    expect(checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.path)).toContain('Remote');
  });

  test('every known occupant type is one its engine has: an L1 of aws-cdk-lib, a resource of the provider cdktf binds (5.100)', () => {
    const missing = [...KNOWN_OCCUPANTS].filter((t) => {
      if (t.startsWith('aws_')) return !fs.existsSync(path.join(require.resolve('@cdktf/provider-aws/package.json'), '..', 'lib', t.slice(4).replace(/_/g, '-')));
      const service = /^AWS::([A-Za-z0-9]+)::[A-Za-z0-9]+$/.exec(t)?.[1];
      if (service === undefined) return true;
      const dir = path.join(require.resolve('aws-cdk-lib/package.json'), '..', `aws-${service.toLowerCase()}`, 'lib');
      return !fs.existsSync(dir) || !fs.readdirSync(dir).filter((f) => f.endsWith('.generated.js')).some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`"${t}"`));
    });
    expect(missing).toEqual([]);
  });

  test('in Japanese: the reason, the places and the fix have Japanese text', () => {
    const g = cfn({ Foo: { Type: 'AWS::Foo::Bar', Properties: { SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'NoSub' }, 'subnet-0123456789abcdef0'] } } });
    const f = checkTopology(g, { model: NetworkModel.ALPHA }).filter((x) => x.ruleId === 'GUARD-2');
    expect(f).toHaveLength(1);
    const ja = formatFindingIn(f[0], GuardLanguage.JAPANESE);
    expect(ja).toContain('SubnetIds[0], SubnetIds[1], SubnetIds[2]: AWS::Foo::Bar が次の場所で動く: MY_NUMBER 系（マイナンバー利用事務系）のサブネット MnSub、'
      + '系のラベルがない VPC NoVpc のサブネット NoSub、合成結果にない subnet-0123456789abcdef0（SubnetIds[2]）。');
    expect(ja).toContain('GUARD-2 を例外承認し');
    expect(notJapanese(ja)).toBeUndefined();
  });
});

/** The α example (CDK), with its My Number and Internet workload subnets. */
function cdkApp(dir?: string): { app: App; stack: Stack; mn: ec2.CfnSubnet; inet: ec2.CfnSubnet } {
  const { app, stack, network } = buildCdkExample('alpha', new App(dir ? { outdir: dir } : {}));
  const subnet = (segment: Construct) => segment.node.findAll().find((c) => c instanceof ec2.CfnSubnet && c.node.path.endsWith('/Subnet-workload-1')) as ec2.CfnSubnet;
  return { app, stack, mn: subnet(network.myNumber), inet: subnet(network.internet) };
}

function cdkRuntime(scope: Construct, id: string, subnet: ec2.CfnSubnet): agentcore.CfnRuntime {
  return new agentcore.CfnRuntime(scope, id, {
    agentRuntimeName: 'agent',
    roleArn: 'arn:aws:iam::111122223333:role/r',
    agentRuntimeArtifact: { containerConfiguration: { containerUri: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/agent:1' } },
    networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: [subnet.ref], securityGroups: [narrowGroup(scope, `${id}Sg`, subnet)] } },
  });
}

/**
 * A security group of the output in `subnet`'s VPC that sends only HTTPS within the subnet: no finding of its own (one
 * outside the output, by a literal id, would be GUARD-1, which these tests are not about).
 */
function narrowGroup(scope: Construct, id: string, subnet: ec2.CfnSubnet): string {
  return new ec2.CfnSecurityGroup(scope, id, {
    vpcId: subnet.vpcId, groupDescription: id, securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: subnet.cidrBlock }],
  }).attrGroupId;
}

const synthError = (app: { synth(): unknown }): string => {
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

const S = 'SampleCity-alpha';

/**
 * Red team 49: a type the guard does not read that names a VPC and no subnet (an ODB peering, a GameLift fleet's peering,
 * Refactor Spaces, each read as a bridge now) passed unseen. Such a type naming a VPC where it joins one (a key with
 * `vpc` or `peer` in its path, occupants.ts `vpcMentionKey`) is judged at the VPC as an occupant of an unknown type is at
 * its subnets; a private hosted zone or Cloud Map namespace (occupants.ts `VPC_INERT`), or a VPC id held as data (an SSM
 * parameter's `Value`), is not.
 */
describe('GUARD-2: a type the guard does not know that names only a VPC', () => {
  test('CloudFormation: refused at a My Number or unlabelled VPC (Ref, Fn::GetAtt VpcId, an ARN in Fn::Sub), not at an Internet one', () => {
    const found = (vpc: unknown) => guard2(cfn({ X: { Type: 'AWS::Foo::Peering', Properties: { Name: 'x', PeerVpcId: vpc } } }));
    expect(found({ Ref: 'MnVpc' })).toEqual([expect.stringMatching(/^\[X\] GUARD-2 error \(三層の対策\): PeerVpcId: AWS::Foo::Peering runs in VPC MnVpc of the MY_NUMBER segment/)]);
    expect(found({ 'Fn::GetAtt': ['NoVpc', 'VpcId'] })).toEqual([expect.stringMatching(/runs in VPC NoVpc, which has no segment label/)]);
    expect(found({ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${MnVpc}' })).toHaveLength(1);
    expect(found({ Ref: 'InVpc' })).toEqual([]);
    const f = checkTopology(cfn({ X: { Type: 'AWS::Foo::Peering', Properties: { PeerVpcId: { Ref: 'MnVpc' } } } }), { model: NetworkModel.ALPHA }).filter((x) => x.ruleId === 'GUARD-2');
    expect(notJapanese(formatFindingIn(f[0], GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('not: a VPC id held as data, a private hosted zone, a Cloud Map namespace, a type the guard reads, a subnet-naming occupant (judged at its subnet)', () => {
    expect(guard2(cfn({ X: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { Ref: 'MnVpc' } } } }))).toEqual([]);
    expect(guard2(cfn({ X: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'x.internal', VPCs: [{ VPCId: { Ref: 'MnVpc' }, VPCRegion: 'ap-northeast-1' }] } } }))).toEqual([]);
    expect(guard2(cfn({ X: { Type: 'AWS::ServiceDiscovery::PrivateDnsNamespace', Properties: { Name: 'x.local', Vpc: { Ref: 'MnVpc' } } } }))).toEqual([]);
    expect(guard2(cfn({ X: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', VpcId: { Ref: 'MnVpc' } } } }))).toEqual([]);
    expect(guard2(cfn({ X: { Type: 'AWS::Foo::Bar', Properties: { VpcId: { Ref: 'MnVpc' }, SubnetIds: [{ Ref: 'InSub' }] } } }))).toEqual([]);
  });

  test('Terraform JSON and a plan: refused at a My Number VPC, not at an Internet one; a private hosted zone is not', () => {
    expect(guard2(tfGraph({ aws_foo_peering: { x: { peer_vpc_id: '${aws_vpc.Mn.id}' } } })))
      .toEqual([expect.stringMatching(/^\[aws_foo_peering\.x\] GUARD-2 error \(三層の対策\): peer_vpc_id: aws_foo_peering runs in VPC aws_vpc\.Mn of the MY_NUMBER segment/)]);
    expect(guard2(tfGraph({ aws_foo_peering: { x: { peer_vpc_id: '${aws_vpc.In.id}' } } }))).toEqual([]);
    expect(guard2(tfGraph({ aws_route53_zone: { x: { name: 'x.internal', vpc: [{ vpc_id: '${aws_vpc.Mn.id}' }] } } }))).toEqual([]);
    expect(guard2(tfGraph({ aws_ssm_parameter: { x: { name: 'x', type: 'String', value: '${aws_vpc.Mn.id}' } } }))).toEqual([]);
    const plan = (vpc: string) => guard2(extractTerraformPlan(handPlan([
      { address: `aws_vpc.${vpc}`, values: { cidr_block: '10.0.0.0/16', tags: null, tags_all: { 'jichitai:segment': vpc === 'mn' ? 'MY_NUMBER' : 'INTERNET' } }, unknown: { id: true, arn: true } },
      { address: 'aws_foo_peering.x', values: { name: 'x' }, unknown: { id: true, peer_vpc_id: true }, expressions: { peer_vpc_id: { references: [`aws_vpc.${vpc}.id`, `aws_vpc.${vpc}`] } } },
    ])));
    expect(plan('mn')).toEqual([expect.stringMatching(/peer_vpc_id: aws_foo_peering runs in VPC aws_vpc\.mn of the MY_NUMBER segment/)]);
    expect(plan('in')).toEqual([]);
  });
});

describe('GUARD-2 in synthesized apps', () => {
  test('CDK: an AgentCore runtime and an invented AWS::Foo::Bar in a My Number subnet fail synthesis; the same in the Internet segment and an EFS mount target pass', () => {
    const refused = cdkApp();
    cdkRuntime(refused.stack, 'Agent', refused.mn);
    new CfnResource(refused.stack, 'Foo', { type: 'AWS::Foo::Bar', properties: { SubnetIds: [refused.mn.ref] } });
    const message = synthError(refused.app);
    expect(message).toMatch(new RegExp(`\\[${S}/Agent\\] GUARD-2 error \\(三層の対策\\): NetworkConfiguration\\.NetworkModeConfig\\.Subnets\\[0\\]: `
      + 'AWS::BedrockAgentCore::Runtime runs in subnet NetworkMyNumberSubnetworkload1\\w+ of the MY_NUMBER segment'));
    expect(message).toMatch(new RegExp(`\\[${S}/Foo\\] GUARD-2 error .*AWS::Foo::Bar runs in subnet NetworkMyNumberSubnetworkload1\\w+ of the MY_NUMBER segment`));

    const passes = cdkApp();
    cdkRuntime(passes.stack, 'Agent', passes.inet);
    new CfnResource(passes.stack, 'Foo', { type: 'AWS::Foo::Bar', properties: { SubnetIds: [passes.inet.ref] } });
    new efs.CfnMountTarget(passes.stack, 'Mount', { fileSystemId: 'fs-0123', subnetId: passes.mn.ref, securityGroups: [narrowGroup(passes.stack, 'MountSg', passes.mn)] });
    expect(synthError(passes.app)).toBe('');
  });

  test('CDK: acknowledged on the resource, it passes and is listed in the report; the acknowledgement covers that resource only', () => {
    const unacknowledged = cdkApp();
    cdkRuntime(unacknowledged.stack, 'Other', unacknowledged.mn);
    cdk.TopologyGuard.acknowledge(cdkRuntime(unacknowledged.stack, 'Agent', unacknowledged.mn), 'GUARD-2', REASON);
    const message = synthError(unacknowledged.app);
    expect(message).toMatch(new RegExp(`\\[${S}/Other\\] GUARD-2 error`));
    expect(message).not.toMatch(/\/Agent\] GUARD-2/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-guard-'));
    const { app, stack, mn } = cdkApp(dir);
    cdk.TopologyGuard.acknowledge(cdkRuntime(stack, 'Agent', mn), 'GUARD-2', REASON);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'GUARD-2', reason: REASON, path: `${S}/Agent` })]);
  });

  /** The α example (CDKTF), with its My Number and Internet workload subnets. */
  function tfStack(app: TfApp): { stack: TerraformStack; mn: Subnet; inet: Subnet } {
    const { stack, network } = buildTfExample('alpha', app);
    const subnet = (segment: Construct) => segment.node.findAll().find((c) => c instanceof Subnet && c.node.path.endsWith('/Subnet-workload-1')) as Subnet;
    return { stack, mn: subnet(network.myNumber), inet: subnet(network.internet) };
  }

  /** An invented provider resource type naming `subnet` in a block. */
  const foo = (scope: Construct, id: string, subnet: Subnet) => {
    const r = new TerraformResource(scope, id, { terraformResourceType: 'aws_foo_bar' });
    r.addOverride('vpc_config', [{ subnet_ids: [subnet.id] }]);
    return r;
  };

  test('CDKTF: an invented aws_foo_bar in a My Number subnet fails synthesis; in the Internet segment it passes; acknowledged, it passes and is listed in the report', () => {
    const refused = tfStack(Testing.app());
    foo(refused.stack, 'Foo', refused.mn);
    expect(() => Testing.synth(refused.stack, true)).toThrow(new RegExp(`\\[${S}/Foo\\] GUARD-2 error \\(三層の対策\\): vpc_config\\[0\\]\\.subnet_ids\\[0\\]: `
      + 'aws_foo_bar runs in subnet aws_subnet\\.\\S+ of the MY_NUMBER segment'));

    const passes = tfStack(Testing.app());
    foo(passes.stack, 'Foo', passes.inet);
    expect(() => Testing.synth(passes.stack, true)).not.toThrow();

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-guard-'));
    const app = new TfApp({ outdir: dir });
    const acked = tfStack(app);
    tf.TopologyGuard.acknowledge(foo(acked.stack, 'Foo', acked.mn), 'GUARD-2', REASON);
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', S, `jichitai-guard-report.${S}.json`), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'GUARD-2', reason: REASON, path: `${S}/Foo` })]);
  });
});
