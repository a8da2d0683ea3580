/**
 * IAM grants as service relays (src/guard/relay-read.ts `grantFlows`, src/guard/rules/relays.ts; semantics §14,
 * "Grants"): what the account's own principals may put into and take from relaying resources goes with the code that
 * runs with them (functions, instances, Auto Scaling groups, ECS services, where they run) and with whoever else may act
 * with them (a role's trust policy, an IAM user's credentials). A chain from a closed segment that ends at such code
 * outside the segment is MN-1 (LG-1) — before, an Internet-segment function whose role read the queue a My Number host
 * writes through its `sqs` endpoint passed (README known gap, "AWS services as relays: what the guard does not follow").
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { outsideJa } from '../../src/guard/rules/relays';
import { notJapanese } from '../support/japanese';
import { ACCOUNT, GA, LAMBDA_TRUST, OWN_POLICY, threeSegments as base, templateRelays } from '../support/relays-cfn';
import { RELAY } from '../support/relays-tf';


const EC2_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const statement = (action: string | string[], resource: unknown) => ({ Effect: 'Allow', Action: action, Resource: resource });
/** A role with one inline policy of `statements`. */
const role = (statements: unknown[], trust: unknown = LAMBDA_TRUST, more: Record<string, unknown> = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: trust,
    ...statements.length > 0 ? { Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] } : {},
    ...more,
  },
});
/** A function running with `roleId`, in `segment`'s subnet or outside every VPC. */
const fn = (roleId: string, segment?: 'Mn' | 'Lg' | 'In') => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: GA(roleId),
    Code: { ZipFile: 'exports.handler = async () => 1' },
    ...segment ? { VpcConfig: { SubnetIds: [{ Ref: `${segment}Sub` }], SecurityGroupIds: [GA(`${segment}Sg`, 'GroupId')] } } : {},
  },
});
const endpoint = (service: string, segment: 'Mn' | 'Lg' = 'Mn', policy: unknown = OWN_POLICY) => ({
  Type: 'AWS::EC2::VPCEndpoint',
  Properties: {
    VpcId: { Ref: `${segment}Vpc` },
    VpcEndpointType: 'Interface',
    ServiceName: { 'Fn::Sub': `com.amazonaws.\${AWS::Region}.${service}` },
    SubnetIds: [{ Ref: `${segment}Sub` }],
    SecurityGroupIds: [GA(`${segment}Sg`, 'GroupId')],
    PrivateDnsEnabled: true,
    PolicyDocument: policy,
  },
});
const queue = { Type: 'AWS::SQS::Queue', Properties: {} };
const bucket = { Type: 'AWS::S3::Bucket', Properties: {} };

const relays = templateRelays;

describe('CloudFormation: IAM grants carry data as relays do', () => {
  test('a function of the Internet segment whose role reads the queue My Number writes through its sqs endpoint: MN-1, naming the statement', () => {
    const found = relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement('sqs:ReceiveMessage', GA('Q'))]), Reader: fn('ReaderRole', 'In') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^MN-1 SqsEp: .*to function Reader \(in the INTERNET segment\): SqsEp → Q → Reader \(ReaderRole Policies\[0\]\.PolicyDocument\.Statement\[0\]\)/);
  });

  test('controls: grants on another queue, metadata only, or code of the same segment pass', () => {
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement('sqs:GetQueueAttributes', '*')]), Reader: fn('ReaderRole', 'In') })).toEqual([]);
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement('s3:GetObject', '*')]), Reader: fn('ReaderRole', 'In') })).toEqual([]);
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement('sqs:ReceiveMessage', GA('Q'))]), Reader: fn('ReaderRole', 'Mn') })).toEqual([]);
    // A role the Internet function runs with, that no function of the Internet segment uses to touch the queue.
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement('sqs:ReceiveMessage', GA('Q'))]), Other: role([]), Reader: fn('Other', 'In') })).toEqual([]);
  });

  test('a wildcard resource, an action family and a queue ARN pattern reach every queue of the output', () => {
    for (const [action, resource] of [['sqs:ReceiveMessage', '*'], ['sqs:Receive*', '*'], ['sqs:*', { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*' }],
      // A literal `…:*` is the resource part, every queue (not a log group's streams, as `…:log-group:g:*` is).
      ['sqs:ReceiveMessage', 'arn:aws:sqs:ap-northeast-1:111122223333:*'], ['*', '*']] as const) {
      expect(relays({ SqsEp: endpoint('sqs'), Q: queue, ReaderRole: role([statement(action, resource)]), Reader: fn('ReaderRole', 'In') })).toHaveLength(1);
    }
  });

  test('what a My Number function writes to a bucket with its role, a function outside every VPC reads with its own: MN-1 at the function', () => {
    const found = relays({
      B: bucket,
      WriterRole: role([statement('s3:PutObject', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Writer: fn('WriterRole', 'Mn'),
      ReaderRole: role([statement(['s3:GetObject'], { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Reader: fn('ReaderRole'),
    });
    expect(found).toEqual([expect.stringMatching(/^MN-1 Writer: function Writer of the My Number segment .*to function Reader, which runs outside every VPC, with the internet: Writer → B \(WriterRole .*\) → Reader \(ReaderRole /)]);
    // A grant on one bucket's objects names that bucket alone, whichever way the ARN is written.
    for (const objects of [{ 'Fn::Join': ['', [GA('C'), '/*']] }, { 'Fn::Sub': '${C.Arn}/*' }, 'arn:aws:s3:::c-bucket/*']) {
      expect(relays({
        B: bucket,
        C: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'c-bucket' } },
        WriterRole: role([statement('s3:PutObject', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
        Writer: fn('WriterRole', 'Mn'),
        ReaderRole: role([statement(['s3:GetObject'], objects)]),
        Reader: fn('ReaderRole'),
      })).toEqual([]);
    }
    // Reading only on both sides: nothing leaves.
    expect(relays({
      B: bucket,
      WriterRole: role([statement('s3:GetObject', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Writer: fn('WriterRole', 'Mn'),
      ReaderRole: role([statement(['s3:GetObject'], { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Reader: fn('ReaderRole'),
    })).toEqual([]);
  });

  test('AWS managed policies: the Lambda basic execution role writes every log group; an unknown one grants everything', () => {
    const managed = (name: string) => role([], LAMBDA_TRUST, { ManagedPolicyArns: [{ 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` }] });
    const group = { Type: 'AWS::Logs::LogGroup', Properties: {} };
    // Data an internet-side function writes into a log group the segment's hosts read through their logs endpoint.
    expect(relays({ LogsEp: endpoint('logs'), G: group, R: managed('service-role/AWSLambdaBasicExecutionRole'), Out: fn('R') }))
      .toEqual([expect.stringMatching(/^MN-1 LogsEp: .*from function Out, which runs outside every VPC, with the internet: LogsEp → G ← Out \(R ManagedPolicyArns\[0\]\.Statement\[0\]\)/)]);
    // Systems Manager's instance policy touches no relaying service.
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: managed('AmazonSSMManagedInstanceCore'), Out: fn('R') })).toEqual([]);
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: managed('AmazonSQSFullAccess'), Out: fn('R') })).toHaveLength(1);
    // A customer managed policy the output does not hold, by its ARN: anything.
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: role([], LAMBDA_TRUST, { ManagedPolicyArns: ['arn:aws:iam::111122223333:policy/app'] }), Out: fn('R') })).toHaveLength(1);
  });

  test('policies attached by AWS::IAM::Policy, AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy count as the role\'s', () => {
    const doc = { Version: '2012-10-17', Statement: [statement('sqs:ReceiveMessage', GA('Q'))] };
    const common = { SqsEp: endpoint('sqs'), Q: queue, R: role([]), Reader: fn('R', 'In') };
    expect(relays({ ...common, P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: doc, Roles: [{ Ref: 'R' }] } } })).toHaveLength(1);
    expect(relays({ ...common, P: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', PolicyDocument: doc, RoleName: { Ref: 'R' } } } })).toHaveLength(1);
    expect(relays({ ...common, P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc, Roles: [{ Ref: 'R' }] } } })).toHaveLength(1);
    expect(relays({
      SqsEp: endpoint('sqs'),
      Q: queue,
      P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc } },
      R: role([], LAMBDA_TRUST, { ManagedPolicyArns: [{ Ref: 'P' }] }),
      Reader: fn('R', 'In'),
    })).toHaveLength(1);
  });

  test('an instance and an ECS service of the Internet segment run with their roles too', () => {
    const reads = role([statement('sqs:ReceiveMessage', GA('Q'))], EC2_TRUST);
    expect(relays({
      SqsEp: endpoint('sqs'),
      Q: queue,
      R: reads,
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'R' }] } },
      Web: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'InSub' }, IamInstanceProfile: { Ref: 'Profile' } } },
    })).toEqual([expect.stringMatching(/to instance Web \(in the INTERNET segment\): SqsEp → Q → Web/)]);
    const tasks = role([statement('sqs:ReceiveMessage', GA('Q'))], { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(relays({
      SqsEp: endpoint('sqs'),
      Q: queue,
      R: tasks,
      Td: { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: GA('R'), NetworkMode: 'awsvpc', ContainerDefinitions: [{ Name: 'a', Image: 'x' }] } },
      Svc: {
        Type: 'AWS::ECS::Service',
        Properties: { TaskDefinition: { Ref: 'Td' }, NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'InSub' }], SecurityGroups: [GA('InSg', 'GroupId')] } } },
      },
    })).toEqual([expect.stringMatching(/to ECS service Svc \(in the INTERNET segment\): SqsEp → Q → Svc/)]);
  });

  test('whoever else may act with a principal is the outside: a trust policy naming an account, a service running code the guard does not place, an IAM user', () => {
    const reads = [statement('sqs:ReceiveMessage', GA('Q'))];
    const trust = (principal: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: role(reads, trust({ AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } })) }))
      .toEqual([expect.stringMatching(/to principals the trust policy of role R lets act as it \(AWS .*root.*\): SqsEp → Q → principals/)]);
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: role(reads, trust({ Service: 'codebuild.amazonaws.com' })) }))
      .toEqual([expect.stringMatching(/to code codebuild\.amazonaws\.com runs with role R, which the guard does not place/)]);
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, U: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: reads } }] } } }))
      .toEqual([expect.stringMatching(/to IAM user U, whose credentials may be used from anywhere/)]);
    // A role only the relaying services use (a state machine's, a rule's): their deliveries are what is followed.
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, R: role(reads, trust({ Service: 'states.amazonaws.com' })) })).toEqual([]);
  });

  test('a function whose role the guard cannot read (a literal ARN, a parameter) may do anything', () => {
    const found = relays({
      SqsEp: endpoint('sqs'),
      Q: queue,
      Out: { ...fn('X'), Properties: { ...fn('X').Properties, Role: 'arn:aws:iam::111122223333:role/existing' } },
    });
    expect(found).toEqual([expect.stringMatching(/to function Out, which runs outside every VPC, with the internet: SqsEp → Q → Out \(Out principal .*existing, which the guard cannot read\)/)]);
    // In Japanese, the principal is worded too.
    const resources = { ...base(), SqsEp: endpoint('sqs'), Q: queue, Out: { ...fn('X'), Properties: { ...fn('X').Properties, Role: 'arn:aws:iam::111122223333:role/existing' } } };
    const ja = checkTopology(extractCloudFormation({ S: { Resources: resources } } as any), { model: NetworkModel.ALPHA })
      .filter((f) => RELAY.test(f.message)).map((f) => f.ja?.message);
    expect(ja).toEqual([expect.stringMatching(/\(Out ガードが読めないプリンシパル arn:aws:iam::111122223333:role\/existing\)/)]);
    expect(notJapanese(ja[0])).toBeUndefined();
  });

  test('an EventBridge Scheduler universal target calls with its role from outside every VPC; a templated target relays nothing', () => {
    const schedule = (arn: string) => ({
      Type: 'AWS::Scheduler::Schedule',
      Properties: { ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: arn, RoleArn: GA('R'), Input: '{}' } },
    });
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const common = { SqsEp: endpoint('sqs'), Q: queue, R: role([statement('sqs:ReceiveMessage', GA('Q'))], trust) };
    expect(relays({ ...common, S: schedule('arn:aws:scheduler:::aws-sdk:sqs:receiveMessage') }))
      .toEqual([expect.stringMatching(/to schedule S, which runs outside every VPC, with the internet: SqsEp → Q → S \(R Policies/)]);
    expect(relays({ ...common, S: schedule('arn:aws:sqs:ap-northeast-1:111122223333:other') })).toEqual([]);
  });

  test('Systems Manager: a role that may run commands or sessions on instances reaches a My Number instance both ways; reading parameters does not', () => {
    const host = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'MnSub' } } };
    const document = { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}::document/AWS-RunShellScript' };
    for (const action of ['ssm:SendCommand', 'ssm:Start*', 'ssm:*']) {
      expect(relays({ MnHost: host, R: role([statement(action, ['*', document])]), Out: fn('R') }))
        .toEqual([expect.stringMatching(/^MN-1 MnHost: instance MnHost of the My Number segment .*function Out, which runs outside every VPC/)]);
    }
    expect(relays({ MnHost: host, R: role([statement(['ssm:GetParameter', 'ssm:GetParameters', 'ssm:Describe*'], '*')]), Out: fn('R') })).toEqual([]);
    // The command's document names no instance.
    expect(relays({ MnHost: host, R: role([statement('ssm:SendCommand', document)]), Out: fn('R') })).toEqual([]);
  });

  test('every description of the outside the IAM reading writes has a Japanese form', () => {
    const described = [
      'IAM user U, whose credentials may be used from anywhere', 'the members of IAM group G, whose credentials may be used from anywhere',
      'anyone a trust policy the guard cannot read lets act as role R', 'principals the trust policy of role R lets act as it (AWS arn:aws:iam::1:root)',
      'code glue.amazonaws.com runs with role R, which the guard does not place',
    ];
    expect(described.filter((d) => outsideJa(d) === d)).toEqual([]);
  });
});

/** Outside tester, red team 41 (IAM grants): each of these passed MN-1 before. */
describe('CloudFormation: IAM grants — outside tester', () => {
  const trust = (service: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' }] });
  const reads = [statement('sqs:ReceiveMessage', GA('Q'))];
  const common = { SqsEp: endpoint('sqs'), Q: queue };

  test('actions that return data though their names say otherwise: a state machine\'s executions, a deleted item, an object ACL', () => {
    // DescribeExecution returns the execution's input and output (Step Functions API Reference).
    const machine = { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'x', Definition: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } } };
    expect(relays({ StatesEp: endpoint('states'), M: machine, R: role([statement('states:DescribeExecution', '*')]), Out: fn('R') })).toHaveLength(1);
    // DeleteItem with ReturnValues ALL_OLD returns the item (DynamoDB API Reference); an SQS DeleteMessage returns nothing.
    const table = { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }] } };
    expect(relays({ DdbEp: endpoint('dynamodb'), T: table, R: role([statement('dynamodb:DeleteItem', GA('T'))]), Out: fn('R') })).toHaveLength(1);
    expect(relays({ ...common, R: role([statement('sqs:DeleteMessage', GA('Q'))]), Out: fn('R') })).toEqual([]);
    // PutObjectAcl may let anyone read the objects: not a data put.
    expect(relays({
      B: bucket,
      W: role([statement('s3:PutObject', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Writer: fn('W', 'Mn'),
      A: role([statement('s3:PutObjectAcl', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Acl: fn('A', 'In'),
    })).toHaveLength(1);
  });

  test('State Manager and Run Command targets run on the instances: an association writing their output, a rule target', () => {
    const host = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'MnSub' } } };
    expect(relays({ MnHost: host, R: role([statement('ssm:CreateAssociation', '*')]), Out: fn('R') })).toHaveLength(1);
    expect(relays({
      MnHost: host,
      B: bucket,
      R: role([statement('s3:GetObject', { 'Fn::Join': ['', [GA('B'), '/*']] })]),
      Out: fn('R'),
      A: { Type: 'AWS::SSM::Association', Properties: { Name: 'AWS-RunShellScript', Targets: [{ Key: 'tag:a', Values: ['b'] }], OutputLocation: { S3Location: { OutputS3BucketName: { Ref: 'B' } } } } },
    })).toEqual([expect.stringMatching(/^MN-1 MnHost: .*MnHost → B \(A OutputLocation/)]);
    expect(relays({
      MnHost: host,
      R: role([statement('events:PutEvents', '*')]),
      Out: fn('R'),
      Rule: {
        Type: 'AWS::Events::Rule',
        Properties: { EventPattern: { source: ['x'] }, Targets: [{ Id: 't', Arn: 'arn:aws:ssm:ap-northeast-1::document/AWS-RunShellScript', RunCommandParameters: { RunCommandTargets: [{ Key: 'tag:a', Values: ['b'] }] } }] },
      },
    })).toEqual([expect.stringMatching(/^MN-1 MnHost: .*function Out/)]);
  });

  test('code the IAM readers do not place runs anywhere with its roles: an ECS task set, a Batch job, an EKS node group, a scheduled ECS task', () => {
    const td = { Type: 'AWS::ECS::TaskDefinition', Properties: { TaskRoleArn: GA('R'), ContainerDefinitions: [{ Name: 'a', Image: 'x' }] } };
    const tasks = role(reads, trust('ecs-tasks'));
    expect(relays({ ...common, R: tasks, Td: td, Set: { Type: 'AWS::ECS::TaskSet', Properties: { Cluster: 'c', Service: 's', TaskDefinition: { Ref: 'Td' } } } }))
      .toEqual([expect.stringMatching(/to code that AWS::ECS::TaskSet Set \(in a subnet the guard cannot place\)/)]);
    expect(relays({ ...common, R: tasks, Job: { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'x', JobRoleArn: GA('R') } } } }))
      .toHaveLength(1);
    expect(relays({ ...common, R: role(reads, trust('ec2')), Nodes: { Type: 'AWS::EKS::Nodegroup', Properties: { ClusterName: 'c', NodeRole: GA('R'), Subnets: [{ Ref: 'InSub' }] } } }))
      .toEqual([expect.stringMatching(/to code that AWS::EKS::Nodegroup Nodes \(in the INTERNET segment\)/)]);
    expect(relays({
      ...common,
      R: tasks,
      Td: td,
      S: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c', RoleArn: 'x', EcsParameters: { TaskDefinitionArn: { Ref: 'Td' } } } } },
    })).toHaveLength(1);
    // A role only a relaying service assumes, named by another resource: not code of the output.
    expect(relays({ ...common, R: role(reads, trust('firehose')), Other: { Type: 'AWS::EC2::FlowLog', Properties: { DeliverLogsPermissionArn: GA('R'), ResourceId: { Ref: 'InVpc' }, ResourceType: 'VPC', TrafficType: 'ALL' } } }))
      .toEqual([]);
  });

  test('a policy attached to a role by its literal name, as aws-cdk-lib writes for Role.fromRoleName', () => {
    const doc = { Version: '2012-10-17', Statement: reads };
    const named = { ...common, R: role([], LAMBDA_TRUST, { RoleName: 'reader-role' }), Reader: fn('R', 'In') };
    expect(relays({ ...named, P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: doc, Roles: ['reader-role'] } } })).toHaveLength(1);
    expect(relays({ ...named, P: { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'p', PolicyDocument: doc, RoleName: 'reader-role' } } })).toHaveLength(1);
  });

  test('relaying resources act with their own roles beyond their declared deliveries: a state machine, an API integration\'s credentials, an IAM Identity Center permission set', () => {
    const definition = { StartAt: 'R', States: { R: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { 'QueueUrl.$': '$.q' }, End: true } } };
    expect(relays({ ...common, R: role(reads, trust('states')), M: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: GA('R'), Definition: definition } } }))
      .toEqual([expect.stringMatching(/SqsEp → Q → M \(R Policies.* → a Step Functions aws-sdk integration/)]);
    expect(relays({
      ...common,
      R: role(reads, trust('apigateway')),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'a' } },
      M: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: { Ref: 'Api' },
          ResourceId: GA('Api', 'RootResourceId'),
          HttpMethod: 'GET',
          AuthorizationType: 'NONE',
          Integration: { Type: 'AWS', IntegrationHttpMethod: 'POST', Uri: 'arn:aws:apigateway:ap-northeast-1:sqs:action/ReceiveMessage', Credentials: GA('R') },
        },
      },
    })).toEqual([expect.stringMatching(/SqsEp → Q → Api \(R Policies.* → the internet, through the API's public endpoint/)]);
    expect(relays({
      ...common, P: { Type: 'AWS::SSO::PermissionSet', Properties: { InstanceArn: 'arn:aws:sso:::instance/ssoins-1', Name: 'p', InlinePolicy: { Version: '2012-10-17', Statement: reads } } },
    })).toEqual([expect.stringMatching(/to the people assigned IAM Identity Center permission set P, who may act from anywhere/)]);
    expect(outsideJa('the people assigned IAM Identity Center permission set P, who may act from anywhere')).not.toMatch(/people/);
  });
});


/** Red team 41's leftovers: what names a role without running with it, and more relaying resources acting with roles. */
describe('CloudFormation: IAM grants — who runs with a role, and who is only granted access', () => {
  const OBJECTS = { 'Fn::Join': ['', [GA('B'), '/*']] };
  /** A My Number function whose role writes and reads the bucket: its grants go nowhere else (no finding) unless other code runs with it. */
  const mn = { B: bucket, MnRole: role([statement(['s3:PutObject', 's3:GetObject'], OBJECTS)]), MnFn: fn('MnRole', 'Mn') };
  const doc = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS, ...s }] });

  test('a resource policy naming the function\'s role as its principal runs no code with it: the My Number function is not refused for it', () => {
    expect(relays(mn)).toEqual([]);
    const bucketPolicy = (document: unknown) => ({ ...mn, P: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: document } } });
    expect(relays(bucketPolicy(doc({ Principal: { AWS: GA('MnRole') } })))).toEqual([]);
    expect(relays(bucketPolicy(doc({ Principal: { AWS: [GA('MnRole'), { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }] } })))).toEqual([]);
    expect(relays(bucketPolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: GA('MnRole') }, Action: 's3:*', Resource: OBJECTS }] }))).toEqual([]);
    // Everyone of the account, held to the role by a condition.
    const held = { StringEquals: { 'aws:PrincipalAccount': ACCOUNT }, ArnEquals: { 'aws:PrincipalArn': GA('MnRole') } };
    expect(relays(bucketPolicy(doc({ Principal: { AWS: '*' }, Condition: held })))).toEqual([]);
    expect(relays({
      ...mn,
      Q: queue,
      P: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: GA('MnRole') }, Action: 'sqs:SendMessage', Resource: GA('Q') }] } } },
    })).toEqual([]);
    expect(relays({
      ...mn,
      K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: [GA('MnRole'), { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:root' }] }, Action: 'kms:*', Resource: '*' }] } } },
    })).toEqual([]);
    expect(relays({
      ...mn,
      S: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
      P: { Type: 'AWS::SecretsManager::ResourcePolicy', Properties: { SecretId: { Ref: 'S' }, ResourcePolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: GA('MnRole') }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] } } },
    })).toEqual([]);
    // A policy as JSON text (a log resource policy), whole or with Fn::Sub's variables.
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '${MnRole.Arn}' }, Action: 'logs:PutLogEvents', Resource: '*' }] });
    expect(relays({ ...mn, L: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'l', PolicyDocument: { 'Fn::Sub': text } } } })).toEqual([]);
    expect(relays({
      ...mn, L: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'l', PolicyDocument: { 'Fn::Sub': [text.replace('${MnRole.Arn}', '${R}'), { R: GA('MnRole') }] } } },
    })).toEqual([]);
    // A Lambda permission names who may invoke the function and from where: nothing of it runs with the role.
    expect(relays({
      ...mn, Perm: { Type: 'AWS::Lambda::Permission', Properties: { FunctionName: { Ref: 'MnFn' }, Action: 'lambda:InvokeFunction', Principal: GA('MnRole'), SourceArn: GA('MnRole') } },
    })).toEqual([]);
  });

  test('code that runs with the role is still refused, beside a policy naming it: a Batch job definition, a policy text naming it outside a principal', () => {
    const job = { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'x', JobRoleArn: GA('MnRole') } } };
    const policy = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: doc({ Principal: { AWS: GA('MnRole') } }) } };
    // The job runs anywhere (every segment): the function's data reaches it, and the policy is no code of its own.
    const toJob = /^MN-1 MnFn: .*to code that AWS::Batch::JobDefinition Job \(in a subnet the guard cannot place\)/;
    const found = relays({ ...mn, P: policy, Job: job });
    expect(found).toContainEqual(expect.stringMatching(toJob));
    expect(found.filter((f) => /BucketPolicy/.test(f))).toEqual([]);
    // The role's ARN in a JSON text outside a statement's principal (a Batch job's container properties given as text).
    expect(relays({ ...mn, Job: { Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { 'Fn::Sub': '{"Image":"x","JobRoleArn":"${MnRole.Arn}","Principal":"x"}' } } } }))
      .toContainEqual(expect.stringMatching(toJob));
  });
  test('an HTTP API\'s integration acts with its credentials role for the API\'s callers (AWS::ApiGatewayV2::Integration CredentialsArn)', () => {
    const reads = [statement('sqs:ReceiveMessage', GA('Q'))];
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    // An EventBridge integration: what it declares delivers nothing from the queue; its role may read it.
    const api = (credentials: Record<string, unknown>) => ({
      SqsEp: endpoint('sqs'),
      Q: queue,
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP' } },
      I: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: { Ref: 'Api' },
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: 'EventBridge-PutEvents',
          PayloadFormatVersion: '1.0',
          RequestParameters: { Detail: '$request.body', DetailType: 'x', Source: 'y' },
          ...credentials,
        },
      },
    });
    expect(relays({ ...api({ CredentialsArn: GA('R') }), R: role(reads, trust) }))
      .toEqual([expect.stringMatching(/^MN-1 SqsEp: .*SqsEp → Q → Api \(R Policies\[0\]\.PolicyDocument\.Statement\[0\]\) → the internet, through the API's public endpoint/)]);
    // Controls: a role that reads nothing; no credentials.
    expect(relays({ ...api({ CredentialsArn: GA('R') }), R: role([], trust) })).toEqual([]);
    expect(relays({ ...api({}), R: role(reads, trust) })).toEqual([]);
  });
  test('a Kinesis Data Analytics SQL application (v1) reads and writes with the roles of its inputs, outputs and reference data', () => {
    const reads = [statement('sqs:ReceiveMessage', GA('Q'))];
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'kinesisanalytics.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const stream = { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } };
    const schema = { RecordColumns: [{ Name: 'c', SqlType: 'VARCHAR(8)' }], RecordFormat: { RecordFormatType: 'JSON' } };
    const app = (input: Record<string, unknown>) => ({
      Type: 'AWS::KinesisAnalytics::Application',
      Properties: { ApplicationCode: 'SELECT 1', Inputs: [{ NamePrefix: 'in', InputSchema: schema, KinesisStreamsInput: { ResourceARN: GA('S'), RoleARN: 'x', ...input } }] },
    });
    const common = { SqsEp: endpoint('sqs'), Q: queue, S: stream };
    const toApp = /^MN-1 SqsEp: .*SqsEp → Q → Kinesis Data Analytics application K, whose code the guard does not read \(R Policies\[0\]\.PolicyDocument\.Statement\[0\]\)/;
    expect(relays({ ...common, R: role(reads, trust), K: app({ RoleARN: GA('R') }) })).toEqual([expect.stringMatching(toApp)]);
    // A role that reads nothing: a control.
    expect(relays({ ...common, R: role([], trust), K: app({ RoleARN: GA('R') }) })).toEqual([]);
    const quiet = { ...common, R: role(reads, trust), Quiet: role([], trust), K: app({ RoleARN: GA('Quiet') }) };
    expect(relays(quiet)).toEqual([]);
    expect(relays({
      ...quiet,
      O: { Type: 'AWS::KinesisAnalytics::ApplicationOutput', Properties: { ApplicationName: { Ref: 'K' }, Output: { DestinationSchema: { RecordFormatType: 'JSON' }, KinesisStreamsOutput: { ResourceARN: GA('S'), RoleARN: GA('R') } } } },
    })).toEqual([expect.stringMatching(toApp)]);
    expect(relays({
      ...quiet,
      B: bucket,
      D: {
        Type: 'AWS::KinesisAnalytics::ApplicationReferenceDataSource',
        Properties: { ApplicationName: { Ref: 'K' }, ReferenceDataSource: { ReferenceSchema: schema, S3ReferenceDataSource: { BucketARN: GA('B'), FileKey: 'k', ReferenceRoleARN: GA('R') } } },
      },
    })).toEqual([expect.stringMatching(toApp)]);
  });
});

describe('CloudFormation: outside tester, red team 49 (IAM)', () => {
  test('a role that may pass roles or write policies may act with any grant: an Internet function with it reads the queue My Number writes', () => {
    const reader = role([statement('sqs:ReceiveMessage', GA('Q'))]);
    for (const actions of [['iam:PassRole', 'lambda:CreateFunction'], 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:*', 'iam:Put*', 'iam:CreateAccessKey']) {
      expect(relays({ SqsEp: endpoint('sqs'), Q: queue, Reader: reader, R: role([statement(actions, GA('Reader'))]), F: fn('R', 'In') }))
        .toEqual([expect.stringMatching(/^MN-1 SqsEp: .*to function F \(in the INTERNET segment\): SqsEp → Q → F \(R Policies\[0\]\.PolicyDocument\.Statement\[0\]\)/)]);
    }
    // Control: reading IAM, or taking grants away, gives none.
    for (const actions of [['iam:GetRole', 'iam:ListRoles'], 'iam:DetachRolePolicy', 'iam:Get*']) {
      expect(relays({ SqsEp: endpoint('sqs'), Q: queue, Reader: reader, R: role([statement(actions, '*')]), F: fn('R', 'In') })).toEqual([]);
    }
  });
});
