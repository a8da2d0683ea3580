/**
 * Service relays (src/guard/rules/relays.ts): AWS services that deliver data on their own carry it across the
 * three-layer separation with no route — a queue a function polls, a topic's subscriptions, a rule's targets, a
 * function's destinations, a state machine's tasks, a subscription filter, a Firehose destination, bucket notifications
 * and replication, an API's integrations, resource policies that let other accounts or everyone in. From a function of
 * a closed segment, or a closed segment's endpoint of such a service, every delivery chain is followed to where data
 * enters or leaves; an end outside the segment is MN-1 (LG-1; AP-1 for α′'s LGWAN).
 * Outside testers, red team 39 (D: L2 defaults end to end; E: AWS services as relays).
 */
import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { alpha } from '../../examples/blueprints';
import { NetworkModel } from '../../src';
import { MunicipalNetwork } from '../../src/cdk';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { outsideJa } from '../../src/guard/rules/relays';
import { ACCOUNT, GA, OWN_POLICY, threeSegments as base, templateRelays } from '../support/relays-cfn';
import { RELAY } from '../support/relays-tf';


const role = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } };
/** A function in `segment`'s subnet (`Mn`, `Lg`, `In`), or outside every VPC. */
const fn = (segment?: 'Mn' | 'Lg' | 'In', more: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    Code: { ZipFile: 'exports.handler = async () => 1' },
    ...segment ? { VpcConfig: { SubnetIds: [{ Ref: `${segment}Sub` }], SecurityGroupIds: [{ 'Fn::GetAtt': [`${segment}Sg`, 'GroupId'] }] } } : {},
    ...more,
  },
});
/** An interface endpoint of `service` in `segment`'s VPC, held to the own account. */
const endpoint = (service: string, segment: 'Mn' | 'Lg' = 'Mn') => ({
  Type: 'AWS::EC2::VPCEndpoint',
  Properties: {
    VpcId: { Ref: `${segment}Vpc` },
    VpcEndpointType: 'Interface',
    ServiceName: { 'Fn::Sub': `com.amazonaws.\${AWS::Region}.${service}` },
    SubnetIds: [{ Ref: `${segment}Sub` }],
    SecurityGroupIds: [{ 'Fn::GetAtt': [`${segment}Sg`, 'GroupId'] }],
    PrivateDnsEnabled: true,
    PolicyDocument: OWN_POLICY,
  },
});
const mapping = (source: unknown, fnId: string) => ({ Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: source, FunctionName: { Ref: fnId } } });
const queue = { Type: 'AWS::SQS::Queue', Properties: {} };
const topic = { Type: 'AWS::SNS::Topic', Properties: {} };
const subscription = (topicId: string, protocol: string, target: unknown) => ({ Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: topicId }, Protocol: protocol, Endpoint: target } });

/** The relay findings of a template (with the role `Role`): `rule path: message`. */
const relays = (resources: Record<string, unknown>, model = NetworkModel.ALPHA): string[] => templateRelays({ Role: role, ...resources }, model);

describe('CloudFormation: out of a closed segment through its endpoints', () => {
  test('controls: endpoints of relaying services with nothing behind them, or only the segment\'s own functions, pass', () => {
    expect(relays({ SqsEp: endpoint('sqs'), LambdaEp: endpoint('lambda'), LogsEp: endpoint('logs'), Q: queue, G: { Type: 'AWS::Logs::LogGroup', Properties: {} } })).toEqual([]);
    // A queue the segment's own function polls, through the segment's own endpoint: every end in My Number.
    expect(relays({ SqsEp: endpoint('sqs'), Q: queue, Worker: fn('Mn'), M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker') })).toEqual([]);
    // An endpoint of a service the guard does not follow as a relay (KMS) reaches no relay.
    expect(relays({ KmsEp: endpoint('kms'), Out: fn() })).toEqual([]);
  });

  test('a lambda endpoint reaches a function outside every VPC, which has the internet: MN-1 at the endpoint', () => {
    const found = relays({ LambdaEp: endpoint('lambda'), Out: fn() });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^MN-1 LambdaEp: the My Number segment's lambda endpoint LambdaEp .* to function Out, which runs outside every VPC, with the internet: LambdaEp → Out/);
  });

  test('an sqs endpoint and a queue an Internet-segment function polls: the chain names the mapping', () => {
    const found = relays({ SqsEp: endpoint('sqs'), Q: queue, Consumer: fn('In'), M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Consumer') });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/to function Consumer \(in the INTERNET segment\): SqsEp → Q → Consumer \(M FunctionName\)/);
  });

  test('an sns endpoint and a topic with an HTTPS and an e-mail subscription: both ends, at the endpoint', () => {
    const found = relays({
      SnsEp: endpoint('sns'), T: topic, Web: subscription('T', 'https', 'https://collector.example.net/'), Mail: subscription('T', 'email', 'someone@example.net'),
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/to https:\/\/collector\.example\.net\/ \(an HTTPS subscription\)/);
    expect(found[0]).toMatch(/to someone@example\.net \(an e-mail subscription\)/);
  });

  test('a states endpoint and a state machine with an HTTP task; one that only invokes the segment\'s own function passes', () => {
    const http = { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', End: true, Parameters: { ApiEndpoint: 'https://x.example.net/', Method: 'POST' } } } };
    expect(relays({ StatesEp: endpoint('states'), Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::111122223333:role/r', Definition: http } } }))
      .toEqual([expect.stringMatching(/to an HTTPS endpoint a task calls \(http:invoke\)/)]);
    const own = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Parameters: { FunctionName: { 'Fn::GetAtt': ['Worker', 'Arn'] } } } } };
    expect(relays({ StatesEp: endpoint('states'), Worker: fn('Mn'), Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'arn:aws:iam::111122223333:role/r', Definition: own } } }))
      .toEqual([]);
    // A definition in S3 cannot be read: whatever it calls (fail closed).
    expect(relays({ StatesEp: endpoint('states'), Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'r', DefinitionS3Location: { Bucket: 'b', Key: 'k' } } } }))
      .toEqual([expect.stringMatching(/whatever a definition the guard cannot read/)]);
  });

  test('an events endpoint and a rule on the default bus whose target is an API destination', () => {
    const found = relays({
      EventsEp: endpoint('events'),
      Conn: { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: 'API_KEY' } },
      Dest: { Type: 'AWS::Events::ApiDestination', Properties: { ConnectionArn: { 'Fn::GetAtt': ['Conn', 'Arn'] }, HttpMethod: 'POST', InvocationEndpoint: 'https://collector.example.net/' } },
      R: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['app'] }, Targets: [{ Id: 'out', Arn: { 'Fn::GetAtt': ['Dest', 'Arn'] } }] } },
    });
    expect(found).toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/ \(an EventBridge API destination\): EventsEp → the default event bus → Dest \(R Targets\[0\]\.Arn\)/)]);
  });

  test('the library\'s logs endpoint and a subscription filter to a Firehose stream with an HTTP endpoint destination', () => {
    const found = relays({
      LogsEp: endpoint('logs'),
      G: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'app' } },
      Backup: { Type: 'AWS::S3::Bucket', Properties: {} },
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: 'https://collector.example.net/' }, S3Configuration: { BucketARN: { 'Fn::GetAtt': ['Backup', 'Arn'] } } },
        },
      },
      F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'G' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } } },
    });
    expect(found).toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/ \(a Firehose HttpEndpointDestinationConfiguration\): LogsEp → G → Stream \(F DestinationArn\)/)]);
  });

  test('an s3 gateway endpoint and a bucket everyone may read, or one that replicates to another account; a private bucket passes', () => {
    const gateway = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'MnVpc' }, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.ap-northeast-1.s3', PolicyDocument: OWN_POLICY } };
    const read = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] } } };
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: {} }, P: read })).toEqual([expect.stringMatching(/to everyone \(Principal "\*"\), by the bucket policy P/)]);
    const replicated = { Type: 'AWS::S3::Bucket', Properties: { ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::elsewhere', Account: '999999999999' } }] } } };
    expect(relays({ S3Ep: gateway, B: replicated })).toEqual([expect.stringMatching(/arn:aws:s3:::elsewhere, which is not in the synthesized output.*account 999999999999/)]);
    // Everyone may write only (a drop box): data comes in, nothing goes out to them — still a way in.
    const write = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }] } } };
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: {} }, P: write })).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\)/)]);
    // A policy for the own account, or for a service acting for the own account, lets nobody in.
    const own = {
      Type: 'AWS::S3::BucketPolicy',
      Properties: {
        Bucket: { Ref: 'B' },
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } }, Action: 's3:*', Resource: '*' },
            { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
          ],
        },
      },
    };
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: {} }, P: own })).toEqual([]);
  });

  test('an execute-api endpoint and a private REST API with an HTTP_PROXY integration', () => {
    const found = relays({
      ApiEp: endpoint('execute-api'),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'relay', EndpointConfiguration: { Types: ['PRIVATE'] } } },
      Any: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: { Ref: 'Api' },
          ResourceId: 'r',
          HttpMethod: 'ANY',
          AuthorizationType: 'NONE',
          Integration: { Type: 'HTTP_PROXY', IntegrationHttpMethod: 'ANY', Uri: 'https://collector.example.net/{proxy}' },
        },
      },
    });
    expect(found).toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/\{proxy\} \(an HTTP integration\)/)]);
  });

  test('LGWAN: LG-1 in α, AP-1 in α′; an LGWAN endpoint delivering to a My Number function is LG-1 there', () => {
    const resources = { SqsEp: endpoint('sqs', 'Lg'), Q: queue, Consumer: fn('In'), M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Consumer') };
    expect(relays(resources).map((f) => f.split(' ')[0])).toEqual(['LG-1']);
    expect(relays(resources, NetworkModel.ALPHA_PRIME).map((f) => f.split(' ')[0])).toEqual(['AP-1']);
    const found = relays({ SqsEp: endpoint('sqs', 'Lg'), Q: queue, Worker: fn('Mn'), M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker') });
    // Seen from both ends: the My Number function receives from LGWAN's queue… no: the queue has no other end for the
    // function (the endpoint is not an end), so only the LGWAN endpoint's chain names it.
    expect(found).toEqual([expect.stringMatching(/^LG-1 SqsEp: .*to function Worker \(in the MY_NUMBER segment\)/)]);
  });
});

describe('CloudFormation: an endpoint\'s policy decides which ways the segment uses it', () => {
  /** A logs endpoint in My Number whose policy has `statements` (each held to the own account, as MN-5 requires). */
  const logsEndpoint = (...statements: unknown[]) => ({
    ...endpoint('logs'),
    Properties: { ...endpoint('logs').Properties, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
  });
  const condition = { StringEquals: { 'aws:PrincipalAccount': ACCOUNT, 'aws:ResourceAccount': ACCOUNT } };
  const allow = (action: unknown, more: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: action, Resource: '*', Condition: condition, ...more });
  /** The library's logs endpoint policy (src/plan/endpoint-policy.ts): writing logs only. */
  const WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups'];
  const group = { Type: 'AWS::Logs::LogGroup', Properties: {} };
  /** A function outside every VPC (the internet) that writes into G: what the segment reads there comes from it. */
  const writer = { G: group, Out: fn(undefined, { LoggingConfig: { LogGroup: { Ref: 'G' } } }) };
  /** A subscription filter that delivers G to a function outside every VPC: what the segment writes there goes to it. */
  const reader = {
    G: group,
    Out: fn(),
    F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'G' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Out', 'Arn'] } } },
  };
  const FROM_WRITER = /^MN-1 LogsEp: .*from function Out, which runs outside every VPC, with the internet: LogsEp → G ← Out \(Out LoggingConfig\.LogGroup\)/;
  const TO_READER = /^MN-1 LogsEp: .*to function Out, which runs outside every VPC, with the internet: LogsEp → G → Out \(F DestinationArn\)/;

  test('a write-only logs endpoint: what the segment writes still goes out through a subscription filter (forward)', () => {
    expect(relays({ LogsEp: logsEndpoint(allow(WRITE)), ...reader })).toEqual([expect.stringMatching(TO_READER)]);
  });

  test('a write-only logs endpoint and a group an internet-side function writes into: nothing reaches the segment; with Action "*", it does', () => {
    // Control: the own-account policy of every action reads the group too (backward to its writer).
    expect(relays({ LogsEp: logsEndpoint(allow('*')), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays({ LogsEp: endpoint('logs'), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    // No policy at all: AWS's full-access default (fail closed).
    const none = { ...endpoint('logs'), Properties: { ...endpoint('logs').Properties, PolicyDocument: undefined } };
    expect(relays({ LogsEp: none, ...writer }).filter((f) => f.startsWith('MN-1'))).toEqual([expect.stringMatching(FROM_WRITER)]);
    // Writing only: the segment puts data in and reads none of what the function logs.
    expect(relays({ LogsEp: logsEndpoint(allow(WRITE)), ...writer })).toEqual([]);
  });

  test('reads only: backward only; descriptions only: neither way; another service\'s actions do not count', () => {
    const read = logsEndpoint(allow(['logs:GetLogEvents', 'logs:DescribeLogStreams']));
    expect(relays({ LogsEp: read, ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays({ LogsEp: read, ...reader })).toEqual([]);
    const describe = logsEndpoint(allow(['logs:DescribeLogGroups', 'logs:DescribeLogStreams']));
    expect(relays({ LogsEp: describe, ...writer })).toEqual([]);
    expect(relays({ LogsEp: describe, ...reader })).toEqual([]);
    // `ec2:*` and `sqs:ReceiveMessage` name no CloudWatch Logs call: a logs endpoint carries none of them.
    const other = logsEndpoint(allow(['ec2:*', 'sqs:ReceiveMessage', ...WRITE]));
    expect(relays({ LogsEp: other, ...writer })).toEqual([]);
    expect(relays({ LogsEp: other, ...reader })).toEqual([expect.stringMatching(TO_READER)]);
    // A wildcard prefix that matches the service counts (both ways for `*`), one that does not, not.
    expect(relays({ LogsEp: logsEndpoint(allow(['lo*:*'])), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays({ LogsEp: logsEndpoint(allow(['s?s:*', ...WRITE])), ...writer })).toEqual([]);
  });

  test('fail closed: NotAction, no Action, a statement the guard cannot read, a wildcard action; a Deny only takes away', () => {
    const notAction = allow(undefined, { NotAction: 'logs:DeleteLogGroup' });
    delete (notAction as any).Action;
    expect(relays({ LogsEp: logsEndpoint(notAction), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    const noAction = allow(undefined);
    delete (noAction as any).Action;
    expect(relays({ LogsEp: logsEndpoint(noAction), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    // A statement chosen by a condition: its effect may be Allow of anything.
    const chosen = { 'Fn::If': ['C', allow('*'), { Ref: 'AWS::NoValue' }] };
    expect(relays({ LogsEp: logsEndpoint(allow(WRITE), chosen), ...writer })).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays({ LogsEp: logsEndpoint(allow(['logs:Get*'])), ...reader })).toEqual([expect.stringMatching(TO_READER)]);
    expect(relays({ LogsEp: logsEndpoint(allow(WRITE), { ...allow('logs:GetLogEvents'), Effect: 'Deny' }), ...writer })).toEqual([]);
  });
});

describe('CloudFormation: into and out of a closed segment\'s function', () => {
  test('a topic everyone may publish to, subscribed by a My Number function: MN-1 at the function', () => {
    const found = relays({
      Worker: fn('Mn'),
      T: topic,
      S: subscription('T', 'lambda', { 'Fn::GetAtt': ['Worker', 'Arn'] }),
      P: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'T' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: '*' }] } } },
    });
    expect(found).toEqual([expect.stringMatching(/^MN-1 Worker: function Worker of the My Number segment .*from everyone \(Principal "\*"\), by the topic policy P: Worker ← T \(S Endpoint\) ← everyone/)]);
  });

  test('a queue of another account (its literal ARN) polled by a My Number function; a queue of the output nobody opens passes', () => {
    expect(relays({ Worker: fn('Mn'), M: mapping('arn:aws:sqs:ap-northeast-1:999999999999:intake', 'Worker') }))
      .toEqual([expect.stringMatching(/from arn:aws:sqs:ap-northeast-1:999999999999:intake, which is not in the synthesized output/)]);
    expect(relays({ Worker: fn('Mn'), Q: queue, M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker') })).toEqual([]);
    // A parameter may name any queue.
    expect(checkTopology(extractCloudFormation({ S: { Parameters: { Q: { Type: 'String' } }, Resources: { ...base(), Role: role, Worker: fn('Mn'), M: mapping({ Ref: 'Q' }, 'Worker') } } } as any),
      { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message))).toHaveLength(1);
  });

  test('a rule on a bus that another account may put events on, targeting a My Number function; a schedule alone passes', () => {
    const bus = { Type: 'AWS::Events::EventBus', Properties: { Name: 'intake' } };
    const policy = {
      Type: 'AWS::Events::EventBusPolicy',
      Properties: {
        EventBusName: { Ref: 'Bus' },
        StatementId: 's',
        Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'events:PutEvents', Resource: '*' },
      },
    };
    const rule = (more: Record<string, unknown>) => ({ Type: 'AWS::Events::Rule', Properties: { ...more, Targets: [{ Id: 'w', Arn: { 'Fn::GetAtt': ['Worker', 'Arn'] } }] } });
    expect(relays({ Worker: fn('Mn'), Bus: bus, P: policy, R: rule({ EventBusName: { Ref: 'Bus' }, EventPattern: { source: ['x'] } }) }))
      .toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:root \(another account, as far as the guard can tell\)/)]);
    expect(relays({ Worker: fn('Mn'), R: rule({ ScheduleExpression: 'rate(1 hour)' }) })).toEqual([]);
  });

  test('a public REST API that writes into a queue a My Number function polls (an SQS integration)', () => {
    const found = relays({
      Worker: fn('Mn'),
      Q: queue,
      M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker'),
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'intake' } },
      Post: {
        Type: 'AWS::ApiGateway::Method',
        Properties: {
          RestApiId: { Ref: 'Api' },
          ResourceId: 'r',
          HttpMethod: 'POST',
          AuthorizationType: 'NONE',
          Integration: {
            Type: 'AWS',
            IntegrationHttpMethod: 'POST',
            Credentials: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Uri: { 'Fn::Join': ['', ['arn:aws:apigateway:', { Ref: 'AWS::Region' }, ':sqs:path/', { Ref: 'AWS::AccountId' }, '/', { 'Fn::GetAtt': ['Q', 'QueueName'] }]] },
          },
        },
      },
    });
    expect(found).toEqual([expect.stringMatching(/from the internet, through the API's public endpoint: Worker ← Q \(M FunctionName\) ← Api \(Post Integration\) ← the internet/)]);
  });

  test('a My Number function\'s destinations: a topic with an HTTPS subscription, a function outside every VPC, its dead-letter queue of another account', () => {
    const invokeConfig = (destination: unknown) => ({
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'Worker' },
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: destination } },
      },
    });
    expect(relays({ Worker: fn('Mn'), T: topic, Web: subscription('T', 'https', 'https://hooks.example.com/x'), C: invokeConfig({ Ref: 'T' }) }))
      .toEqual([expect.stringMatching(/to https:\/\/hooks\.example\.com\/x \(an HTTPS subscription\): Worker → T \(C DestinationConfig\.OnFailure\.Destination\) → /)]);
    expect(relays({ Worker: fn('Mn'), Out: fn(), C: invokeConfig({ 'Fn::GetAtt': ['Out', 'Arn'] }) }))
      .toEqual([expect.stringMatching(/to function Out, which runs outside every VPC/)]);
    expect(relays({ Worker: fn('Mn', { DeadLetterConfig: { TargetArn: 'arn:aws:sqs:ap-northeast-1:999999999999:dlq' } }) }))
      .toEqual([expect.stringMatching(/Worker → arn:aws:sqs:ap-northeast-1:999999999999:dlq, which is not in the synthesized output \(Worker DeadLetterConfig\.TargetArn\)/)]);
    // Between two functions of the segment, through a queue of the output: nothing leaves.
    expect(relays({ Worker: fn('Mn'), Q: queue, C: invokeConfig({ 'Fn::GetAtt': ['Q', 'Arn'] }), Next: fn('Mn'), M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Next') }))
      .toEqual([]);
  });

  test('a service principal without SourceArn or SourceAccount on a queue a My Number function polls is anyone\'s; with its topic\'s SourceArn it is that topic', () => {
    const queuePolicy = (condition?: unknown) => ({
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Q' }],
        PolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', ...condition ? { Condition: condition } : {} },
          ],
        },
      },
    });
    const resources = { Worker: fn('Mn'), Q: queue, M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker'), T: topic };
    expect(relays({ ...resources, P: queuePolicy() })).toEqual([expect.stringMatching(/from sns\.amazonaws\.com acting for any resource of any account/)]);
    expect(relays({ ...resources, P: queuePolicy({ ArnEquals: { 'aws:SourceArn': { Ref: 'T' } } }) })).toEqual([]);
  });
});

describe('CloudFormation: what the internet puts in through IoT, SES and AppSync; tables; logs', () => {
  const esm = { Worker: fn('Mn'), Q: queue, M: mapping({ 'Fn::GetAtt': ['Q', 'Arn'] }, 'Worker') };

  test('an IoT rule sending device messages to a queue a My Number function polls; an SES rule publishing mail to a topic it subscribes', () => {
    expect(relays({
      ...esm,
      R: {
        Type: 'AWS::IoT::TopicRule',
        Properties: {
          TopicRulePayload: {
            Sql: "SELECT * FROM 'x'",
            Actions: [{ Sqs: { QueueUrl: { Ref: 'Q' }, RoleArn: 'r' } }],
          },
        },
      },
    }))
      .toEqual([expect.stringMatching(/from devices publishing to AWS IoT Core \(an IoT topic rule\): Worker ← Q \(M FunctionName\) ← devices/)]);
    expect(relays({
      Worker: fn('Mn'),
      T: topic,
      S: subscription('T', 'lambda', { 'Fn::GetAtt': ['Worker', 'Arn'] }),
      R: { Type: 'AWS::SES::ReceiptRule', Properties: { RuleSetName: 's', Rule: { Enabled: true, Actions: [{ SNSAction: { TopicArn: { Ref: 'T' } } }] } } },
    }))
      .toEqual([expect.stringMatching(/from mail from the internet \(an SES receipt rule\)/)]);
  });

  test('a table\'s stream polled by a My Number function passes; with a policy letting everyone write the table, it is a way in', () => {
    const table = { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], StreamSpecification: { StreamViewType: 'NEW_IMAGE' } } };
    const resources = { Worker: fn('Mn'), Table: table, M: mapping({ 'Fn::GetAtt': ['Table', 'StreamArn'] }, 'Worker') };
    expect(relays(resources)).toEqual([]);
    const open = { ...table, Properties: { ...table.Properties, ResourcePolicy: { PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:PutItem', Resource: '*' }] } } } };
    expect(relays({ ...resources, Table: open })).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the table policy of Table/)]);
  });

  test('what a My Number function logs reaches a subscription filter\'s destination: its own log group, or every group by an account policy', () => {
    const stream = { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: { HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: 'https://collector.example.net/' } } } };
    const group = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Worker' }]] } } };
    const filter = { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'G' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } } };
    expect(relays({ Worker: fn('Mn'), G: group, Stream: stream, F: filter }))
      .toEqual([expect.stringMatching(/^MN-1 Worker: .*to https:\/\/collector\.example\.net\/ \(a Firehose HttpEndpointDestinationConfiguration\): Worker → G \(G LogGroupName\) → Stream/)]);
    const policy = {
      Type: 'AWS::Logs::AccountPolicy',
      Properties: {
        PolicyName: 'all',
        PolicyType: 'SUBSCRIPTION_FILTER_POLICY',
        Scope: 'ALL',
        PolicyDocument: JSON.stringify({ DestinationArn: 'arn:aws:logs:ap-northeast-1:999999999999:destination:collector', FilterPattern: '' }),
      },
    };
    expect(relays({ Worker: fn('Mn'), P: policy })).toEqual([expect.stringMatching(/to arn:aws:logs:ap-northeast-1:999999999999:destination:collector, which is not in the synthesized output/)]);
  });

  test('a subscription filter on a My Number function\'s own group named by its literal name, with no group in the output', () => {
    expect(relays({
      Worker: fn('Mn', { FunctionName: 'mn-worker' }),
      Out: fn(),
      F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: '/aws/lambda/mn-worker', FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Out', 'Arn'] } } },
    }))
      .toEqual([expect.stringMatching(/^MN-1 Worker: .*to function Out, which runs outside every VPC, with the internet: Worker → Out \(F DestinationArn\)/)]);
  });

  test('a Firehose stream\'s Lambda processor outside every VPC sees every record a My Number host logs', () => {
    const found = relays({
      LogsEp: endpoint('logs'),
      G: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Archive: { Type: 'AWS::S3::Bucket', Properties: {} },
      Transform: fn(),
      Stream: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          ExtendedS3DestinationConfiguration: {
            BucketARN: { 'Fn::GetAtt': ['Archive', 'Arn'] },
            ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: { 'Fn::GetAtt': ['Transform', 'Arn'] } }] }] },
          },
        },
      },
      F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'G' }, FilterPattern: '', DestinationArn: { 'Fn::GetAtt': ['Stream', 'Arn'] } } },
    });
    expect(found).toEqual([expect.stringMatching(/to function Transform, which runs outside every VPC/)]);
  });
});

describe('CloudFormation: outside tester, red team 40 (service relays)', () => {
  const publicTopic = { TP: { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: 'T' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*' }] } } } };
  const polled = { Worker: fn('Mn'), M: mapping(GA('Q'), 'Worker') };
  const named = (id: string) => new RegExp(`^MN-1 ${id}: `);

  test('a resource of the output named by a literal ARN or queue URL is that resource (and the outside when its account is a literal)', () => {
    const sub = (endpointValue: unknown) => relays({
      T: topic,
      ...publicTopic,
      Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'mn-inbox' } },
      ...polled,
      S: subscription('T', 'sqs', endpointValue),
    });
    expect(sub({ 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:mn-inbox' })).toEqual([expect.stringMatching(named('Worker'))]);
    expect(sub('arn:aws:sqs:ap-northeast-1:111122223333:mn-inbox')).toEqual([expect.stringMatching(named('Worker'))]);
    // An HTTP API's SQS-SendMessage integration naming the queue by its URL.
    expect(relays({
      Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'mn-inbox' } },
      ...polled,
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'a', ProtocolType: 'HTTP' } },
      I: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: {
          ApiId: { Ref: 'Api' },
          IntegrationType: 'AWS_PROXY',
          IntegrationSubtype: 'SQS-SendMessage',
          RequestParameters: { QueueUrl: { 'Fn::Sub': 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/mn-inbox' }, MessageBody: '$request.body' },
        },
      },
    }))
      .toEqual([expect.stringMatching(/from the internet, through the API's public endpoint: Worker ← Q \(M FunctionName\) ← Api \(I IntegrationUri\)/)]);
    // A rule on the default bus named by its ARN; on a custom bus named by its ARN.
    expect(relays({
      EventsEp: endpoint('events'),
      Out: fn(),
      R: {
        Type: 'AWS::Events::Rule',
        Properties: { EventBusName: { 'Fn::Sub': 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default' }, EventPattern: { source: ['x'] }, Targets: [{ Id: 't', Arn: GA('Out') }] },
      },
    }))
      .toEqual([expect.stringMatching(/to function Out, which runs outside every VPC, with the internet: EventsEp → the default event bus → Out \(R Targets\[0\]\.Arn\)/)]);
  });

  test('an alias or version of a My Number function is that function', () => {
    expect(relays({
      T: topic,
      ...publicTopic,
      Q: queue,
      S: subscription('T', 'sqs', GA('Q')),
      Worker: fn('Mn'),
      V: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Worker' } } },
      Live: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Worker' }, FunctionVersion: GA('V', 'Version'), Name: 'live' } },
      M: mapping(GA('Q'), 'Live'),
    }))
      .toEqual([expect.stringMatching(named('Worker'))]);
  });

  test('a state machine\'s literal names: a function by name, another account\'s queue by URL or function by ARN in definition text, a machine by ARN', () => {
    const machine = (definition: Record<string, unknown>) => ({ Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: 'r', ...definition } });
    const invoke = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Parameters: { FunctionName: 'out-fn' } } } };
    expect(relays({ StatesEp: endpoint('states'), Out: fn(undefined, { FunctionName: 'out-fn' }), Sm: machine({ Definition: invoke }) }))
      .toEqual([expect.stringMatching(/to function Out, which runs outside every VPC/)]);
    const send = {
      StartAt: 'S',
      States: {
        S: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage',
          End: true,
          Parameters: { QueueUrl: 'https://sqs.ap-northeast-1.amazonaws.com/999999999999/exfil' },
        },
      },
    };
    expect(relays({ StatesEp: endpoint('states'), Sm: machine({ Definition: send }) })).toEqual([expect.stringMatching(/999999999999\/exfil, which is not in the synthesized output/)]);
    const text = JSON.stringify({ StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:lambda:ap-northeast-1:999999999999:function:exfil', End: true } } });
    expect(relays({ StatesEp: endpoint('states'), Sm: machine({ DefinitionString: text }) })).toEqual([expect.stringMatching(/function:exfil, which is not in the synthesized output/)]);
  });

  test('a queue\'s inline policy, a policy statement chosen by a condition, a function placed by a condition', () => {
    expect(relays({
      SqsEp: endpoint('sqs'),
      Q: queue,
      P: {
        Type: 'AWS::SQS::QueueInlinePolicy',
        Properties: {
          Queue: { Ref: 'Q' },
          PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' }] },
        },
      },
    }))
      .toEqual([expect.stringMatching(/everyone \(Principal "\*"\), by the queue policy P/)]);
    const conditional = (resources: Record<string, unknown>) => checkTopology(extractCloudFormation({
      S: {
        Parameters: { O: { Type: 'String' } },
        Conditions: { C: { 'Fn::Equals': [{ Ref: 'O' }, 'yes'] } },
        Resources: { ...base(), Role: role, ...resources },
      },
    } as any), { model: NetworkModel.ALPHA })
      .filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    expect(conditional({
      T: topic,
      Worker: fn('Mn'),
      S: subscription('T', 'lambda', GA('Worker')),
      TP: {
        Type: 'AWS::SNS::TopicPolicy',
        Properties: {
          Topics: [{ Ref: 'T' }],
          PolicyDocument: { Statement: [{ 'Fn::If': ['C', { Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: '*' }, { Ref: 'AWS::NoValue' }] }] },
        },
      },
    }))
      .toEqual([expect.stringMatching(/anyone a statement the guard cannot read may let in, by the topic policy TP/)]);
    // Where a function runs is chosen by a condition: it may run in any segment, so each closed segment judges it.
    expect(conditional({
      T: topic,
      ...publicTopic,
      S: subscription('T', 'lambda', GA('Worker')),
      Worker: fn(undefined, { VpcConfig: { 'Fn::If': ['C', { SubnetIds: [{ Ref: 'MnSub' }], SecurityGroupIds: [GA('MnSg', 'GroupId')] }, { Ref: 'AWS::NoValue' }] } }),
    })
      .map((f) => f.split(' ')[0]).sort()).toEqual(['LG-1', 'MN-1']);
  });

  test('an endpoint policy naming a bucket whose name is an expression reaches it (the name may be any)', () => {
    const gateway = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: { Ref: 'MnVpc' },
        VpcEndpointType: 'Gateway',
        ServiceName: 'com.amazonaws.ap-northeast-1.s3',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::mn-data-111122223333/*'] }] },
      },
    };
    expect(relays({
      S3Ep: gateway,
      B: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: { 'Fn::Sub': 'mn-data-${AWS::AccountId}' },
          ReplicationConfiguration: { Role: 'r', Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::exfil', Account: '999999999999' } }] },
        },
      },
    }))
      .toEqual([expect.stringMatching(named('S3Ep'))]);
  });

  test('control: a bucket whose name the engine generates is none a literal of an endpoint policy names (the α′ package repository endpoint)', () => {
    const gateway = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: { Ref: 'MnVpc' },
        VpcEndpointType: 'Gateway',
        ServiceName: 'com.amazonaws.ap-northeast-1.s3',
        PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: ['arn:aws:s3:::al2023-repos-{region}-de612dc2/*'] }] },
      },
    };
    // Everyone may write the bucket: what the segment reads there (the endpoint allows s3:GetObject, so the segment only
    // reads: backward) comes from the outside, when the endpoint reaches the bucket at all. (Everyone reading it would be
    // no way in for a segment that only reads.)
    const open = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'B' }, PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }] } } };
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: {} }, P: open })).toEqual([]);
    // Named by an expression whose literal parts cannot be that name: none either; whose parts can: reached.
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'logs-${AWS::AccountId}' } } }, P: open })).toEqual([]);
    expect(relays({ S3Ep: gateway, B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'al2023-repos-${AWS::Region}-de612dc2' } } }, P: open }))
      .toEqual([expect.stringMatching(named('S3Ep'))]);
  });

  test('endpoints: SES sends mail anywhere; IoT Core\'s data plane feeds the topic rules; a FIPS endpoint is its service', () => {
    expect(relays({ SmtpEp: endpoint('email-smtp') })).toEqual([expect.stringMatching(/to mail to any address \(Amazon SES through its SMTP endpoint\)/)]);
    const rule = (action: Record<string, unknown>) => ({ Type: 'AWS::IoT::TopicRule', Properties: { TopicRulePayload: { Sql: "SELECT * FROM '#'", Actions: [action] } } });
    expect(relays({ IotEp: endpoint('iot.data'), R: rule({ Http: { Url: 'https://collector.example.net/' } }) }))
      .toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/ \(an IoT rule HTTP action\)/)]);
    expect(relays({ IotEp: endpoint('iot.data'), R: rule({ Lambda: { FunctionArn: GA('Out') } }), Out: fn() })).toEqual([expect.stringMatching(/to function Out/)]);
    expect(relays({ SqsEp: endpoint('sqs-fips'), Q: queue, Consumer: fn('In'), M: mapping(GA('Q'), 'Consumer') })).toEqual([expect.stringMatching(named('SqsEp'))]);
  });

  test('OpenAPI definitions, Kinesis Data Analytics, pipe and state machine execution logs, a log group named only by a literal', () => {
    const body = {
      openapi: '3.0.1',
      paths: {
        '/in': {
          post: {
            'x-amazon-apigateway-integration': {
              type: 'aws',
              httpMethod: 'POST',
              uri: { 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${Q.QueueName}' },
            },
          },
        },
      },
    };
    expect(relays({ Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Body: body } }, Q: queue, ...polled })).toEqual([expect.stringMatching(named('Worker'))]);
    expect(relays({
      KEp: endpoint('kinesis-streams'),
      St: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
      App: {
        Type: 'AWS::KinesisAnalyticsV2::Application',
        Properties: {
          RuntimeEnvironment: 'SQL-1_0',
          ServiceExecutionRole: 'r',
          ApplicationConfiguration: { SqlApplicationConfiguration: { Inputs: [{ NamePrefix: 'in', KinesisStreamsInput: { ResourceARN: GA('St') } }] } },
        },
      },
    }))
      .toEqual([expect.stringMatching(/Kinesis Data Analytics application App, whose code the guard does not read/)]);
    expect(relays({
      A: fn('Mn'),
      Q: queue,
      D: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'A' },
          Qualifier: '$LATEST',
          DestinationConfig: { OnSuccess: { Destination: GA('Q') } },
        },
      },
      B: fn('Mn'),
      P: {
        Type: 'AWS::Pipes::Pipe',
        Properties: {
          RoleArn: 'r',
          Source: GA('Q'),
          Target: GA('B'),
          LogConfiguration: { Level: 'TRACE', IncludeExecutionData: ['ALL'], S3LogDestination: { BucketName: 'exfil', BucketOwner: '999999999999' } },
        },
      },
    }).map((f) => f.split(':')[0]))
      .toEqual(['MN-1 A']);
    const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    expect(relays({
      StatesEp: endpoint('states'),
      G: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Out: fn(),
      F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: { Ref: 'G' }, FilterPattern: '', DestinationArn: GA('Out') } },
      Sm: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          RoleArn: 'r',
          Definition: pass,
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: GA('G') } }] },
        },
      },
    }))
      .toEqual([expect.stringMatching(named('StatesEp'))]);
    // The own account's group a subscription filter names by a literal that no group of the output is written as: the logs endpoint reaches it too.
    expect(relays({
      LogsEp: endpoint('logs'),
      Out: fn(),
      G: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': 'mn-app-${AWS::Region}' } } },
      F: { Type: 'AWS::Logs::SubscriptionFilter', Properties: { LogGroupName: 'mn-app-ap-northeast-1', FilterPattern: '', DestinationArn: GA('Out') } },
    }))
      .toEqual([expect.stringMatching(/LogsEp → log group mn-app-ap-northeast-1 → Out \(F DestinationArn\)|LogsEp → log group mn-app-ap-northeast-1/)]);
  });
});

describe('Japanese', () => {
  test('a finding names the outside end in Japanese too', () => {
    const found = checkTopology(extractCloudFormation({
      S: {
        Resources: {
          ...base(),
          Role: role,
          SnsEp: endpoint('sns'),
          T: topic,
          Web: subscription('T', 'https', 'https://collector.example.net/'),
        },
      },
    } as any), { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message));
    expect(found[0].ja?.message).toMatch(/マイナンバー利用事務系の sns エンドポイント SnsEp.*https:\/\/collector\.example\.net\/（HTTPS サブスクリプション）へ/);
  });

  test('every description of the outside the readers write has a Japanese form', () => {
    const described = [
      'arn:aws:sqs:ap-northeast-1:999999999999:q, which is not in the synthesized output', 'https://x.example/ (an HTTPS subscription)',
      'a@example.net (an e-mail subscription)', 'everyone (Principal "*"), by the queue policy P', 'principal 999999999999 (another account, as far as the guard can tell), by the topic policy P',
      'sns.amazonaws.com acting for any resource of any account (no aws:SourceArn or aws:SourceAccount), by the bucket policy P',
      'every principal but those NotPrincipal names, by the event bus policy P', 'anyone a policy the guard cannot read may let in, by the stream policy P',
      'whatever a definition the guard cannot read ({"Bucket":"b"}) calls', 'the internet, through the API\'s public endpoint',
      'devices publishing to AWS IoT Core (an IoT topic rule)', 'mail from the internet (an SES receipt rule)', 'the callers of an AppSync GraphQL API',
      'an HTTPS endpoint a task calls (http:invoke)', 'an activity worker, which may run anywhere', 'a Step Functions glue integration, which the guard does not follow',
      'an API Gateway dynamodb integration, which the guard does not follow', 'a sqs resource the integration names, not in the synthesized output',
      'account 999999999999, which replication copies objects to', 'everyone, by the canned ACL PublicRead', 'partner event source aws.partner/x',
      'a self-managed Apache Kafka cluster (SelfManagedEventSource)', 'an Amazon MSK cluster (MSKSourceConfiguration)',
      'the destination of a policy document the guard cannot read (x)', 'a Firehose SplunkDestinationConfiguration, which the guard does not follow',
      'https://x.example/ (a Firehose HttpEndpointDestinationConfiguration)', 'Federated principal cognito-identity.amazonaws.com, by the table policy of T',
      'https://x.example/ (an EventBridge API destination)', 'https://x.example/{proxy} (an HTTP integration)',
    ];
    expect(described.filter((d) => outsideJa(d) === d)).toEqual([]);
  });
});

describe('AWS CDK: L2 constructs in the α example', () => {
  /** The α example in a stack; `add` puts the integrator's code in. Returns the guard's refusal, or '' when it synthesized. */
  function synth(add: (stack: cdk.Stack, net: MunicipalNetwork) => void): string {
    const app = new cdk.App();
    const stack = new cdk.Stack(app, 'City', { env: { region: 'ap-northeast-1', account: '111122223333' } });
    add(stack, new MunicipalNetwork(stack, 'Network', alpha));
    try {
      app.synth();
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }
  const worker = (stack: cdk.Stack, net: MunicipalNetwork, id = 'Worker', more: Partial<lambda.FunctionProps> = {}) => new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1'),
    vpc: net.myNumber.vpc,
    vpcSubnets: net.myNumber.workloadSubnets,
    securityGroups: [new ec2.SecurityGroup(stack, `${id}Sg`, { vpc: net.myNumber.vpc, allowAllOutbound: false })],
    ...more,
  });
  const REFUSED = /\] MN-1 critical.*through AWS services that deliver it on their own/;

  test('control: a queue between two My Number functions (onSuccess destination, SqsEventSource) synthesizes', () => {
    expect(synth((stack, net) => {
      const q = new sqs.Queue(stack, 'Handoff');
      worker(stack, net, 'First', { onSuccess: new destinations.SqsDestination(q) });
      worker(stack, net, 'Second').addEventSource(new sources.SqsEventSource(q));
    })).toBe('');
  });

  test('control: an S3 gateway endpoint in My Number held to the own account reaches the log archive, which only the own account\'s log delivery writes', () => {
    expect(synth((stack, net) => {
      const own = { 'aws:PrincipalAccount': cdk.Aws.ACCOUNT_ID, 'aws:ResourceAccount': cdk.Aws.ACCOUNT_ID };
      new ec2.CfnVPCEndpoint(stack, 'S3Gateway', {
        vpcId: net.myNumber.vpc.vpcId,
        serviceName: `com.amazonaws.${cdk.Aws.REGION}.s3`,
        vpcEndpointType: 'Gateway',
        policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { StringEquals: own } }] },
      });
    })).toBe('');
  });

  test('a topic anyone may publish to (addToResourcePolicy) with a LambdaSubscription to a My Number function is refused', () => {
    expect(synth((stack, net) => {
      const t = new sns.Topic(stack, 'Intake');
      t.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [t.topicArn] }));
      t.addSubscription(new subscriptions.LambdaSubscription(worker(stack, net)));
    })).toMatch(REFUSED);
  });

  test('a queue of another account polled by a My Number function (SqsEventSource) is refused', () => {
    expect(synth((stack, net) => {
      worker(stack, net).addEventSource(new sources.SqsEventSource(sqs.Queue.fromQueueArn(stack, 'Ext', 'arn:aws:sqs:ap-northeast-1:999999999999:intake')));
    })).toMatch(REFUSED);
  });

  test('a bus another account may put events on, whose rule targets a My Number function, is refused', () => {
    expect(synth((stack, net) => {
      const bus = new events.EventBus(stack, 'Bus');
      bus.addToResourcePolicy(new iam.PolicyStatement({
        sid: 'partner',
        principals: [new iam.AccountPrincipal('999999999999')],
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
      }));
      new events.Rule(stack, 'ToWorker', { eventBus: bus, eventPattern: { source: ['intake'] }, targets: [new targets.LambdaFunction(worker(stack, net))] });
    })).toMatch(REFUSED);
  });

  test('an internet-facing REST API writing into a queue a My Number function polls is refused', () => {
    expect(synth((stack, net) => {
      const q = new sqs.Queue(stack, 'Intake');
      worker(stack, net).addEventSource(new sources.SqsEventSource(q));
      const apiRole = new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      q.grantSendMessages(apiRole);
      new apigw.RestApi(stack, 'Api').root.addMethod('POST', new apigw.AwsIntegration({
        service: 'sqs',
        path: `${cdk.Aws.ACCOUNT_ID}/${q.queueName}`,
        options: { credentialsRole: apiRole, integrationResponses: [{ statusCode: '200' }] },
      }), { methodResponses: [{ statusCode: '200' }] });
    })).toMatch(REFUSED);
  });

  test('a My Number function whose failures go to an alerts topic with an HTTPS webhook, or whose successes go to a function outside every VPC, is refused', () => {
    expect(synth((stack, net) => {
      const alerts = new sns.Topic(stack, 'Alerts');
      alerts.addSubscription(new subscriptions.UrlSubscription('https://hooks.example.com/services/T000/B000/XXXX'));
      worker(stack, net, 'Worker', { onFailure: new destinations.SnsDestination(alerts) });
    })).toMatch(REFUSED);
    expect(synth((stack, net) => {
      const forwarder = new lambda.Function(stack, 'Forwarder', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      worker(stack, net, 'Worker', { onSuccess: new destinations.LambdaDestination(forwarder) });
    })).toMatch(REFUSED);
  });
  test('the library\'s closed segments write logs only: a group a function outside every VPC writes into reaches neither; a filter out of it still refuses', () => {
    // A function outside every VPC (with the internet) logging into a group of the stack: the My Number and LGWAN logs
    // endpoints (src/plan/endpoint-policy.ts) allow writing only, so nothing it writes reaches the closed segments.
    const internetLogger = (stack: cdk.Stack) => {
      const group = new logs.LogGroup(stack, 'Shared', { retention: logs.RetentionDays.ONE_YEAR });
      new lambda.Function(stack, 'Outside', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), logGroup: group });
      return group;
    };
    expect(synth((stack) => { internetLogger(stack); })).toBe('');
    // With the endpoints on AWS's full set of actions (the library's shape before), both closed segments read the group.
    const everything = synth((stack, net) => {
      internetLogger(stack);
      for (const segment of [net.myNumber, net.lgwan!]) {
        const ep = segment.node.findAll().find((c) => c.node.path.endsWith('/Endpoint-logs')) as ec2.CfnVPCEndpoint;
        ep.addPropertyOverride('PolicyDocument.Statement.0.Action', '*');
      }
    });
    expect(everything).not.toMatch(/MN-5|LG-4/);
    expect(everything).toMatch(/\] MN-1 critical.*Endpoint-logs.*from function Outside[0-9A-F]*, which runs outside every VPC/);
    expect(everything).toMatch(/\] LG-1 .*Endpoint-logs.*from function Outside[0-9A-F]*, which runs outside every VPC/);
    // What the segments write still goes where a subscription filter sends it.
    expect(synth((stack) => {
      const group = internetLogger(stack);
      const out = new lambda.Function(stack, 'Collector', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      new logs.CfnSubscriptionFilter(stack, 'ToCollector', { logGroupName: group.logGroupName, filterPattern: '', destinationArn: out.functionArn });
    })).toMatch(/\] MN-1 critical.*Endpoint-logs.*to function Collector[0-9A-F]*, which runs outside every VPC/);
  });
});

describe('CloudFormation: outside tester, red team 49 (service relays)', () => {
  const stream = { Type: 'AWS::Kinesis::Stream', Properties: { Name: 'records', ShardCount: 1 } };
  const consumer = { Type: 'AWS::Kinesis::StreamConsumer', Properties: { ConsumerName: 'fanout', StreamARN: GA('K') } };
  const consumerPolicy = (resource: unknown) => ({
    Type: 'AWS::Kinesis::ResourcePolicy',
    Properties: { ResourceArn: resource, ResourcePolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: '*' }] } },
  });

  test('a policy on a stream\'s enhanced fan-out consumer lets another account read the stream a My Number endpoint writes into', () => {
    expect(relays({ KinesisEp: endpoint('kinesis-streams'), K: stream, C: consumer, P: consumerPolicy(GA('C', 'ConsumerARN')) })).toEqual([
      expect.stringMatching(/^MN-1 KinesisEp: .*to principal 999999999999 \(another account, as far as the guard can tell\), by the stream policy P: KinesisEp → K → /),
    ]);
    // The consumer by its literal ARN names its stream.
    const literal = { 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/records/consumer/fanout:1700000000' };
    expect(relays({ KinesisEp: endpoint('kinesis-streams'), K: stream, C: consumer, P: consumerPolicy(literal) })).toEqual([expect.stringMatching(/^MN-1 KinesisEp: .*by the stream policy P/)]);
    // Control: the consumer without a policy passes.
    expect(relays({ KinesisEp: endpoint('kinesis-streams'), K: stream, C: consumer })).toEqual([]);
  });
});
