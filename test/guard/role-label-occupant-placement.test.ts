/**
 * Where a role label (`jichitai:role`) on a resource other than an instance sits, for PL-1, BP-1 and AP-7
 * (docs/guard-semantics.md §7): the subnets the guard's occupant reading finds (`subnetMentions`, occupants.ts), the same
 * reading for both engines. The label read only the top-level `SubnetId` / `SubnetIds` / `VPCZoneIdentifier` (Terraform
 * `subnet_id` / `subnet_ids` / `vpc_zone_identifier`): a function's `VpcConfig.SubnetIds`, a service's network
 * configuration, a load balancer's `Subnets` or `SubnetMappings`, a compute environment's `ComputeResources.Subnets`, a
 * database's subnet group placed it nowhere, and PL-1 / AP-7 passed a My Number system in an LGWAN subnet. A labelled
 * resource placed by nothing it names (a function outside any VPC) is a label the guard cannot place (fail closed), unless
 * it runs nothing in a network (an IAM role a construct's tag reaches).
 */
import { App, Stack, Tags } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildCdkExample } from '../../examples/cdk/_app';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan, PlannedResource } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan, myNumberAndLgwanTf, PL1_LG } from '../support/two-segments';

const ROLE = 'jichitai:role';
const MY_NUMBER = [{ Key: ROLE, Value: 'MY_NUMBER_SYSTEM' }];
const TF_MY_NUMBER = { [ROLE]: 'MY_NUMBER_SYSTEM' };
const IAM_ROLE = 'arn:aws:iam::123456789012:role/r';
const TASK = 'arn:aws:ecs:ap-northeast-1:123456789012:task-definition/t:1';

/** PL-1 for a My Number system placed by nothing the guard reads (α). */
const PL1_NOWHERE = (at: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) where the guard cannot place it, naming no `
  + 'subnet or VPC that it reads (it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';
/** PL-1 for a My Number system in a subnet the guard cannot read (α). */
const PL1_UNREAD = (at: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in a subnet the guard cannot read `
  + '(it may be of LGWAN接続系 or インターネット接続系), but αモデル places them in マイナンバー利用事務系';

const pl1 = (g: TopologyGraph) => findings(g, ['PL-1']);
const cfn = (extra: Record<string, unknown>, parameters?: Record<string, unknown>) =>
  extractCloudFormation({ s: { ...(parameters ? { Parameters: parameters } : {}), Resources: { ...myNumberAndLgwan(), ...extra } } as any });
const tf = (extra: Record<string, unknown>) => {
  const base = myNumberAndLgwanTf();
  return extractTerraform({ s: { resource: { ...base, ...extra } } as TerraformJson });
};

/** CloudFormation resources labelled My Number systems, each naming the LGWAN subnet its own way. */
const CFN_IN_LGWAN: Record<string, Record<string, unknown>> = {
  Fn: {
    Type: 'AWS::Lambda::Function',
    Properties: { Role: IAM_ROLE, Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', VpcConfig: { SubnetIds: [{ Ref: 'LgSub' }] }, Tags: MY_NUMBER },
  },
  Svc: {
    Type: 'AWS::ECS::Service',
    Properties: { Cluster: 'c', TaskDefinition: TASK, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'LgSub' }] } }, Tags: MY_NUMBER },
  },
  Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', Subnets: [{ Ref: 'LgSub' }], Tags: MY_NUMBER } },
  Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network', Scheme: 'internal', SubnetMappings: [{ SubnetId: { Ref: 'LgSub' } }], Tags: MY_NUMBER } },
  Notebook: { Type: 'AWS::SageMaker::NotebookInstance', Properties: { InstanceType: 'ml.t3.medium', RoleArn: IAM_ROLE, SubnetId: { Ref: 'LgSub' }, Tags: MY_NUMBER } },
  DbGroup: { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'd', SubnetIds: [{ Ref: 'LgSub' }] } },
  Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro', Engine: 'postgres', DBSubnetGroupName: { Ref: 'DbGroup' }, Tags: MY_NUMBER } },
};

describe('PL-1: a labelled resource sits in the subnets its occupant reading finds', () => {
  test('CloudFormation: a function, a service, load balancers, a notebook, a database through its subnet group, in LGWAN: PL-1 each', () => {
    expect(pl1(cfn(CFN_IN_LGWAN))).toEqual(['Alb', 'Db', 'Fn', 'Nlb', 'Notebook', 'Svc'].map(PL1_LG));
  });

  test('CloudFormation: a function in an LGWAN subnet named by a literal id the evidence binds (a hub\'s deployed subnet): PL-1', () => {
    const id = 'subnet-0123456789abcdef0';
    const fn = { Type: 'AWS::Lambda::Function', Properties: { Role: IAM_ROLE, Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', VpcConfig: { SubnetIds: [id] }, Tags: MY_NUMBER } };
    const g = extractCloudFormation({ s: { Resources: { ...myNumberAndLgwan(), Fn: fn } } as any }, {}, { bindings: new Map([[id, 'LgSub']]) });
    expect(pl1(g)).toEqual([PL1_LG('Fn')]);
  });

  test('CloudFormation controls: the same in the My Number subnet, no finding', () => {
    const inMn = JSON.parse(JSON.stringify(CFN_IN_LGWAN).replace(/"LgSub"/g, '"MnSub"'));
    expect(pl1(cfn(inMn))).toEqual([]);
  });

  test('Terraform: a function, a service, a node group, load balancers, a compute environment, a database through its subnet group, in LGWAN', () => {
    const lg = '${aws_subnet.lg.id}';
    const g = tf({
      aws_lambda_function: { f: { function_name: 'f', role: IAM_ROLE, vpc_config: { subnet_ids: [lg], security_group_ids: [] }, tags: TF_MY_NUMBER } },
      aws_ecs_service: { s: { name: 's', network_configuration: { subnets: [lg] }, tags: TF_MY_NUMBER } },
      aws_eks_node_group: { n: { cluster_name: 'c', node_role_arn: IAM_ROLE, subnet_ids: [lg], scaling_config: { desired_size: 1, max_size: 1, min_size: 1 }, tags: TF_MY_NUMBER } },
      aws_lb: { alb: { internal: true, subnets: [lg], tags: TF_MY_NUMBER }, nlb: { load_balancer_type: 'network', internal: true, subnet_mapping: [{ subnet_id: lg }], tags: TF_MY_NUMBER } },
      aws_batch_compute_environment: { b: { type: 'MANAGED', compute_resources: { type: 'FARGATE', max_vcpus: 4, subnets: [lg], security_group_ids: [] }, tags: TF_MY_NUMBER } },
      aws_db_subnet_group: { g: { subnet_ids: [lg] } },
      aws_db_instance: { d: { instance_class: 'db.t3.micro', engine: 'postgres', db_subnet_group_name: '${aws_db_subnet_group.g.name}', tags: TF_MY_NUMBER } },
    });
    expect(pl1(g)).toEqual(['aws_batch_compute_environment.b', 'aws_db_instance.d', 'aws_ecs_service.s', 'aws_eks_node_group.n', 'aws_lambda_function.f',
      'aws_lb.alb', 'aws_lb.nlb'].map(PL1_LG));
  });

  test('Terraform control: a function in the My Number subnet, no finding', () => {
    const g = tf({ aws_lambda_function: { f: { function_name: 'f', role: IAM_ROLE, vpc_config: { subnet_ids: ['${aws_subnet.mn.id}'], security_group_ids: [] }, tags: TF_MY_NUMBER } } });
    expect(pl1(g)).toEqual([]);
  });
});

describe('PL-1: a planned Terraform function placed by its vpc_config', () => {
  const planned = (subnet: string): unknown => {
    const vpc = (name: string, cidr: string, segment: string): PlannedResource => ({
      address: `aws_vpc.${name}`, values: { cidr_block: cidr, tags: { 'jichitai:segment': segment } }, unknown: { id: true },
    });
    const sub = (name: string, cidr: string): PlannedResource => ({
      address: `aws_subnet.${name}`,
      values: { cidr_block: cidr, tags: null },
      unknown: { id: true, vpc_id: true },
      expressions: { vpc_id: { references: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] } },
    });
    return handPlan([vpc('mn', '10.0.0.0/16', 'MY_NUMBER'), vpc('lg', '10.1.0.0/16', 'LGWAN'), sub('mn', '10.0.0.0/24'), sub('lg', '10.1.0.0/24'), {
      address: 'aws_lambda_function.f',
      values: { function_name: 'f', role: IAM_ROLE, vpc_config: [{ security_group_ids: [] }], tags: TF_MY_NUMBER },
      unknown: { id: true, vpc_config: [{ subnet_ids: true }] },
      expressions: { vpc_config: [{ subnet_ids: { references: [`aws_subnet.${subnet}.id`, `aws_subnet.${subnet}`] } }] },
    }]);
  };

  test('in an LGWAN subnet: PL-1; in the My Number subnet: none', () => {
    expect(findings(extractTerraformPlan(planned('lg') as any), ['PL-1', 'GUARD-1'])).toEqual([PL1_LG('aws_lambda_function.f')]);
    expect(findings(extractTerraformPlan(planned('mn') as any), ['PL-1', 'GUARD-1'])).toEqual([]);
  });
});

describe('PL-1: a labelled resource the guard cannot place', () => {
  test('CloudFormation: a function outside any VPC, a service without awsvpc, a database without a subnet group; subnets from a parameter', () => {
    const g = cfn({
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: IAM_ROLE, Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', Tags: MY_NUMBER } },
      Svc: { Type: 'AWS::ECS::Service', Properties: { Cluster: 'c', TaskDefinition: TASK, Tags: MY_NUMBER } },
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro', Engine: 'postgres', DBSubnetGroupName: 'made-by-hand', Tags: MY_NUMBER } },
      ByParameter: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: IAM_ROLE, Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', VpcConfig: { SubnetIds: { Ref: 'Subnets' } }, Tags: MY_NUMBER },
      },
    }, { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } });
    expect(pl1(g)).toEqual([PL1_UNREAD('ByParameter'), PL1_NOWHERE('Db'), PL1_NOWHERE('Fn'), PL1_NOWHERE('Svc')]);
  });

  test('Terraform: a function outside any VPC; a database whose subnet group\'s subnets come from a variable', () => {
    const g = tf({
      aws_lambda_function: { f: { function_name: 'f', role: IAM_ROLE, tags: TF_MY_NUMBER } },
      aws_db_subnet_group: { g: { subnet_ids: '${var.subnets}' } },
      aws_db_instance: { d: { instance_class: 'db.t3.micro', engine: 'postgres', db_subnet_group_name: '${aws_db_subnet_group.g.name}', tags: TF_MY_NUMBER } },
    });
    expect(pl1(g)).toEqual([PL1_UNREAD('aws_db_instance.d'), PL1_NOWHERE('aws_lambda_function.f')]);
  });

  test('controls: what runs nothing in a network (an IAM role, a log group, a route) and a security group placed by its VPC', () => {
    const g = cfn({
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {}, Tags: MY_NUMBER } },
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { Tags: MY_NUMBER } },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', VpcId: { Ref: 'MnVpc' }, Tags: MY_NUMBER } },
    });
    expect(pl1(g)).toEqual([]);
    const t = tf({ aws_iam_role: { r: { assume_role_policy: '{}', tags: TF_MY_NUMBER } }, aws_eip: { e: { domain: 'vpc', tags: TF_MY_NUMBER } } });
    expect(pl1(t)).toEqual([]);
  });

  test('worded in Japanese too', () => {
    const g = cfn({ Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: IAM_ROLE, Code: { ZipFile: 'x' }, Runtime: 'python3.12', Handler: 'i.h', Tags: MY_NUMBER } } });
    const [found] = checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'PL-1');
    expect(found.ja?.message).toBe('マイナンバー利用事務系の業務システムがガードが読めるサブネットも VPC も指定しておらず、位置を特定できない場所'
      + '（LGWAN接続系またはインターネット接続系のものかもしれない）にあるが、αモデルではマイナンバー利用事務系に置く');
    expect(notJapanese(found.ja?.message)).toBeUndefined();
  });
});

describe('AP-7 (α′): a labelled function or service in the LGWAN terminal subnets that break out', () => {
  const ap7 = (add: (s: Stack, subnets: string[], vpc: ec2.IVpc, selection: ec2.SubnetSelection) => void) => {
    const app = new App();
    const { stack, network } = buildCdkExample('alpha-prime', app);
    const lg: any = network.lgwan;
    add(stack, lg.vpc.selectSubnets(lg.terminalSubnets).subnetIds, lg.vpc, lg.terminalSubnets);
    try {
      app.synth();
      return [];
    } catch (e) {
      return String((e as Error).message).split('\n').filter((l) => / (AP-7|PL-1) error/.test(l)).map((l) => l.replace(/^.*?\] \[/, '[').slice(0, 120));
    }
  };

  test('a Lambda labelled BUSINESS_SYSTEM; an ECS service labelled MY_NUMBER_SYSTEM (PL-1 besides)', () => {
    expect(ap7((s, _subnets, vpc, selection) => {
      const fn = new lambda.Function(s, 'Fn', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'i.h',
        code: lambda.Code.fromInline('x'),
        vpc,
        vpcSubnets: selection,
        securityGroups: [new ec2.SecurityGroup(s, 'FnSg', { vpc, allowAllOutbound: false })],
      });
      Tags.of(fn).add(ROLE, 'BUSINESS_SYSTEM');
    })).toEqual([expect.stringMatching(/^\[Fn9270CBC0\] AP-7 error \(ローカルブレイクアウトの利用端末\): labelled BUSINESS_SYSTEM, it sits in SampleCity-alpha-prime\/Network/)]);
    expect(ap7((s, subnets) => {
      new ecs.CfnService(s, 'Svc', {
        cluster: 'c',
        taskDefinition: TASK,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets, assignPublicIp: 'DISABLED' } },
        tags: [{ key: ROLE, value: 'MY_NUMBER_SYSTEM' }],
      });
    })).toEqual([
      expect.stringMatching(/^\[Svc\] AP-7 error .*: labelled MY_NUMBER_SYSTEM, it sits in SampleCity-alpha-prime\/Network/),
      expect.stringMatching(/^\[SampleCity-alpha-prime\/Svc\] PL-1 error/),
    ]);
  }, 120_000);
});
