/**
 * Service relays (src/guard/rules/relays.ts) in Terraform: the CloudFormation cases of service-relays.test.ts for the
 * AWS provider's resource types, read from a JSON configuration (`.tf.json`, cdktf's cdk.tf.json), from a cdktf app with
 * the library's MunicipalNetwork, and from a Terraform plan (extract-terraform-plan.ts reads through the same reader).
 * Outside testers, red team 39 (D: tf-triggers; E: relay-tf).
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { App, TerraformStack, Testing } from 'cdktf';
import { alpha } from '../../examples/blueprints';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { MunicipalNetwork } from '../../src/cdktf';
import { endpoint, mapping, NO_GRANTS_ROLE, OWN, OWN_POLICY, relays, Resources, roleFn, Segment, subscription, threeSegments } from '../support/relays-tf';

/** A function in `segment`'s subnet, or outside every VPC, with the role that grants nothing. */
const fn = (segment?: Segment, more: Record<string, unknown> = {}) => roleFn('fn', segment, more);
const config = (resources: Resources, data: Resources = {}) => threeSegments(resources, data, NO_GRANTS_ROLE);

describe('Terraform: out of a closed segment through its endpoints', () => {
  test('controls: endpoints of relaying services with nothing behind them, or only the segment\'s own functions, pass', () => {
    expect(relays(config({
      aws_vpc_endpoint: { sqs: endpoint('sqs'), lambda: endpoint('lambda'), logs: endpoint('logs') },
      aws_sqs_queue: { q: {} },
      aws_cloudwatch_log_group: { g: {} },
    }))).toEqual([]);
    // A queue the segment's own function polls, through the segment's own endpoint: every end in My Number.
    expect(relays(config({
      aws_vpc_endpoint: { sqs: endpoint('sqs') },
      aws_sqs_queue: { q: {} },
      aws_lambda_function: { worker: fn('mn') },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') },
    }))).toEqual([]);
    // An endpoint of a service the guard does not follow as a relay (KMS) reaches no relay.
    expect(relays(config({ aws_vpc_endpoint: { kms: endpoint('kms') }, aws_lambda_function: { out: fn() } }))).toEqual([]);
  });

  test('a lambda endpoint reaches a function outside every VPC, which has the internet: MN-1 at the endpoint', () => {
    const found = relays(config({ aws_vpc_endpoint: { lambda: endpoint('lambda') }, aws_lambda_function: { out: fn() } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^MN-1 aws_vpc_endpoint\.lambda: the My Number segment's lambda endpoint .* to function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_vpc_endpoint\.lambda → aws_lambda_function\.out/);
  });

  test('an sqs endpoint and a queue an Internet-segment function polls: the chain names the mapping', () => {
    const found = relays(config({
      aws_vpc_endpoint: { sqs: endpoint('sqs') },
      aws_sqs_queue: { q: { name: 'q' } },
      aws_lambda_function: { consumer: fn('in') },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'consumer') },
    }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/to function aws_lambda_function\.consumer \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_lambda_function\.consumer \(aws_lambda_event_source_mapping\.m function_name\)/);
  });

  test('an sns endpoint and a topic with an HTTPS and an e-mail subscription: both ends, at the endpoint', () => {
    const found = relays(config({
      aws_vpc_endpoint: { sns: endpoint('sns') },
      aws_sns_topic: { t: {} },
      aws_sns_topic_subscription: { web: subscription('t', 'https', 'https://collector.example.net/'), mail: subscription('t', 'email', 'someone@example.net') },
    }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/to https:\/\/collector\.example\.net\/ \(an HTTPS subscription\)/);
    expect(found[0]).toMatch(/to someone@example\.net \(an e-mail subscription\)/);
  });

  test('a states endpoint and a state machine with an HTTP task; one that only invokes the segment\'s own function passes; one from a file is unread', () => {
    const machine = (definition: unknown) => ({ role_arn: 'arn:aws:iam::111122223333:role/r', definition });
    const http = { StartAt: 'P', States: { P: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', End: true, Parameters: { ApiEndpoint: 'https://x.example.net/', Method: 'POST' } } } };
    expect(relays(config({ aws_vpc_endpoint: { states: endpoint('states') }, aws_sfn_state_machine: { sm: machine(JSON.stringify(http)) } })))
      .toEqual([expect.stringMatching(/to an HTTPS endpoint a task calls \(http:invoke\)/)]);
    // cdktf's Fn.jsonencode: an HCL expression, read as text.
    expect(relays(config({
      aws_vpc_endpoint: { states: endpoint('states') },
      aws_sfn_state_machine: { sm: machine('${jsonencode({"StartAt" = "P", "States" = {"P" = {"Type" = "Task", "Resource" = "arn:aws:states:::http:invoke", "End" = true}}})}') },
    }))).toEqual([expect.stringMatching(/to an HTTPS endpoint a task calls \(http:invoke\)/)]);
    const own = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Parameters: { FunctionName: '${aws_lambda_function.worker.arn}' } } } };
    expect(relays(config({ aws_vpc_endpoint: { states: endpoint('states') }, aws_lambda_function: { worker: fn('mn') }, aws_sfn_state_machine: { sm: machine(JSON.stringify(own)) } })))
      .toEqual([]);
    // …but the same task invoking a function outside every VPC leaves the segment.
    expect(relays(config({ aws_vpc_endpoint: { states: endpoint('states') }, aws_lambda_function: { worker: fn() }, aws_sfn_state_machine: { sm: machine(JSON.stringify(own)) } })))
      .toEqual([expect.stringMatching(/to function aws_lambda_function\.worker, which runs outside every VPC.*aws_sfn_state_machine\.sm → aws_lambda_function\.worker \(aws_sfn_state_machine\.sm definition\)/)]);
    // A definition from a file cannot be read: whatever it calls (fail closed).
    expect(relays(config({ aws_vpc_endpoint: { states: endpoint('states') }, aws_sfn_state_machine: { sm: machine('${file("machine.json")}') } })))
      .toEqual([expect.stringMatching(/whatever a definition the guard cannot read/)]);
  });

  test('an events endpoint and a rule on the default bus whose target is an API destination; a schedule-only rule carries no bus data', () => {
    const resources = {
      aws_vpc_endpoint: { events: endpoint('events') },
      aws_cloudwatch_event_connection: { conn: { name: 'c', authorization_type: 'API_KEY', auth_parameters: { api_key: { key: 'k', value: 'v' } } } },
      aws_cloudwatch_event_api_destination: {
        dest: { name: 'd', connection_arn: '${aws_cloudwatch_event_connection.conn.arn}', http_method: 'POST', invocation_endpoint: 'https://collector.example.net/' },
      },
      aws_cloudwatch_event_rule: { r: { name: 'r', event_pattern: JSON.stringify({ source: ['app'] }) } },
      aws_cloudwatch_event_target: { out: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${aws_cloudwatch_event_api_destination.dest.arn}' } },
    };
    expect(relays(config(resources))).toEqual([expect.stringMatching(
      /to https:\/\/collector\.example\.net\/ \(an EventBridge API destination\): aws_vpc_endpoint\.events → the default event bus → aws_cloudwatch_event_api_destination\.dest \(aws_cloudwatch_event_target\.out arn\)/)]);
    expect(relays(config({ ...resources, aws_cloudwatch_event_rule: { r: { name: 'r', schedule_expression: 'rate(1 hour)' } } }))).toEqual([]);
  });

  test('the library\'s logs endpoint and a subscription filter (by the log group\'s literal name) to a Firehose stream with an HTTP endpoint destination', () => {
    const found = relays(config({
      aws_vpc_endpoint: { logs: endpoint('logs') },
      aws_cloudwatch_log_group: { g: { name: 'app' } },
      aws_s3_bucket: { backup: {} },
      aws_kinesis_firehose_delivery_stream: {
        stream: {
          name: 's',
          destination: 'http_endpoint',
          http_endpoint_configuration: { url: 'https://collector.example.net/', s3_configuration: { role_arn: 'r', bucket_arn: '${aws_s3_bucket.backup.arn}' } },
        },
      },
      aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: 'app', filter_pattern: '', destination_arn: '${aws_kinesis_firehose_delivery_stream.stream.arn}' } },
    }));
    expect(found).toEqual([expect.stringMatching(
      /to https:\/\/collector\.example\.net\/ \(a Firehose http_endpoint_configuration\): aws_vpc_endpoint\.logs → aws_cloudwatch_log_group\.g → aws_kinesis_firehose_delivery_stream\.stream \(aws_cloudwatch_log_subscription_filter\.f destination_arn\)/)]);
  });

  test('an s3 gateway endpoint and a bucket everyone may read, one that replicates to another account, a public ACL; private buckets pass', () => {
    const gateway = { vpc_id: '${aws_vpc.mn.id}', vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.ap-northeast-1.s3', policy: OWN_POLICY };
    const policy = (statement: unknown) => ({
      bucket: '${aws_s3_bucket.b.id}',
      policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
    });
    type Resources = Record<string, Record<string, unknown>>;
    const s3 = (more: Resources) => relays(config({ aws_vpc_endpoint: { s3: gateway }, aws_s3_bucket: { b: {} }, ...more }));
    expect(s3({ aws_s3_bucket_policy: { p: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }) } }))
      .toEqual([expect.stringMatching(/to everyone \(Principal "\*"\), by the bucket policy aws_s3_bucket_policy\.p/)]);
    expect(s3({
      aws_s3_bucket_replication_configuration: {
        r: { bucket: '${aws_s3_bucket.b.id}', role: 'r', rule: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::elsewhere', account: '999999999999' } }] },
      },
    })).toEqual([expect.stringMatching(/arn:aws:s3:::elsewhere, which is not in the synthesized output.*account 999999999999/)]);
    expect(s3({ aws_s3_bucket_acl: { a: { bucket: '${aws_s3_bucket.b.id}', acl: 'public-read' } } }))
      .toEqual([expect.stringMatching(/everyone, by the canned ACL public-read/)]);
    // Everyone may write only (a drop box): data comes in, nothing goes out to them — still a way in.
    expect(s3({ aws_s3_bucket_policy: { p: policy({ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: '*' }) } }))
      .toEqual([expect.stringMatching(/from everyone \(Principal "\*"\)/)]);
    // A policy for the own account, or for a service acting for the own account, lets nobody in; so does a private ACL.
    const own = {
      bucket: '${aws_s3_bucket.b.id}',
      policy: JSON.stringify({
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:\${data.aws_partition.p.partition}:iam::${OWN}:root` }, Action: 's3:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': OWN } } },
        ],
      }),
    };
    expect(s3({ aws_s3_bucket_policy: { p: own }, aws_s3_bucket_acl: { a: { bucket: '${aws_s3_bucket.b.id}', acl: 'private' } } })).toEqual([]);
  });

  test('an execute-api endpoint and a private REST API with an HTTP_PROXY integration', () => {
    const found = relays(config({
      aws_vpc_endpoint: { api: endpoint('execute-api') },
      aws_api_gateway_rest_api: { api: { name: 'relay', endpoint_configuration: { types: ['PRIVATE'] } } },
      aws_api_gateway_integration: {
        any: {
          rest_api_id: '${aws_api_gateway_rest_api.api.id}',
          resource_id: 'r',
          http_method: 'ANY',
          type: 'HTTP_PROXY',
          integration_http_method: 'ANY',
          uri: 'https://collector.example.net/{proxy}',
        },
      },
    }));
    expect(found).toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/\{proxy\} \(an HTTP integration\)/)]);
  });

  test('LGWAN: LG-1 in α, AP-1 in α′; an LGWAN endpoint delivering to a My Number function is LG-1 there', () => {
    const resources = {
      aws_vpc_endpoint: { sqs: endpoint('sqs', 'lg') },
      aws_sqs_queue: { q: {} },
      aws_lambda_function: { consumer: fn('in') },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'consumer') },
    };
    expect(relays(config(resources)).map((f) => f.split(' ')[0])).toEqual(['LG-1']);
    expect(relays(config(resources), NetworkModel.ALPHA_PRIME).map((f) => f.split(' ')[0])).toEqual(['AP-1']);
    const found = relays(config({ ...resources, aws_lambda_function: { worker: fn('mn') }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') } }));
    expect(found).toEqual([expect.stringMatching(/^LG-1 aws_vpc_endpoint\.sqs: .*to function aws_lambda_function\.worker \(in the MY_NUMBER segment\)/)]);
  });
});

describe('Terraform: an endpoint\'s policy decides which ways the segment uses it', () => {
  /** A logs endpoint in My Number whose policy (JSON text, as Terraform takes it) has `statements`. */
  const logsEndpoint = (...statements: unknown[]) => ({ ...endpoint('logs'), policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
  const condition = { StringEquals: { 'aws:PrincipalAccount': OWN, 'aws:ResourceAccount': OWN } };
  const allow = (action: unknown, more: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: '*' }, Action: action, Resource: '*', Condition: condition, ...more });
  /** The library's logs endpoint policy (src/plan/endpoint-policy.ts): writing logs only. */
  const WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups'];
  /** A function outside every VPC (the internet) that writes into g: what the segment reads there comes from it. */
  const writer = (ep: unknown) => config({
    aws_vpc_endpoint: { logs: ep },
    aws_cloudwatch_log_group: { g: { name: 'app' } },
    aws_lambda_function: { out: fn(undefined, { logging_config: { log_format: 'JSON', log_group: '${aws_cloudwatch_log_group.g.name}' } }) },
  });
  /** A subscription filter that delivers g to a function outside every VPC: what the segment writes there goes to it. */
  const reader = (ep: unknown) => config({
    aws_vpc_endpoint: { logs: ep },
    aws_cloudwatch_log_group: { g: { name: 'app' } },
    aws_lambda_function: { out: fn() },
    aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: '${aws_cloudwatch_log_group.g.name}', filter_pattern: '', destination_arn: '${aws_lambda_function.out.arn}' } },
  });
  const FROM_WRITER = /^MN-1 aws_vpc_endpoint\.logs: .*from function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_vpc_endpoint\.logs → aws_cloudwatch_log_group\.g ← aws_lambda_function\.out/;
  const TO_READER = /^MN-1 aws_vpc_endpoint\.logs: .*to function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_vpc_endpoint\.logs → aws_cloudwatch_log_group\.g → aws_lambda_function\.out/;

  test('a write-only logs endpoint: what the segment writes still goes out through a subscription filter (forward)', () => {
    expect(relays(reader(logsEndpoint(allow(WRITE))))).toEqual([expect.stringMatching(TO_READER)]);
  });

  test('a write-only logs endpoint and a group an internet-side function writes into: nothing reaches the segment; with Action "*", it does', () => {
    expect(relays(writer(endpoint('logs')))).toEqual([expect.stringMatching(FROM_WRITER)]);
    // No policy at all: AWS's full-access default (fail closed).
    expect(relays(writer({ ...endpoint('logs'), policy: undefined })).filter((f) => f.startsWith('MN-1'))).toEqual([expect.stringMatching(FROM_WRITER)]);
    // A policy built by an expression the guard cannot read: both ways.
    expect(relays(writer({ ...endpoint('logs'), policy: '${jsonencode(var.p)}' })).filter((f) => f.startsWith('MN-1'))).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays(writer(logsEndpoint(allow(WRITE))))).toEqual([]);
  });

  test('reads only: backward only; descriptions only: neither way; another service\'s actions do not count; a Deny only takes away', () => {
    const read = logsEndpoint(allow(['logs:GetLogEvents']));
    expect(relays(writer(read))).toEqual([expect.stringMatching(FROM_WRITER)]);
    expect(relays(reader(read))).toEqual([]);
    const describe = logsEndpoint(allow(['logs:DescribeLogGroups']));
    expect([...relays(writer(describe)), ...relays(reader(describe))]).toEqual([]);
    const other = logsEndpoint(allow(['ec2:*', ...WRITE]));
    expect(relays(writer(other))).toEqual([]);
    expect(relays(writer(logsEndpoint(allow(WRITE), { ...allow('logs:*'), Effect: 'Deny' })))).toEqual([]);
    const notAction = allow(undefined, { NotAction: ['logs:DeleteLogGroup'] });
    delete (notAction as any).Action;
    expect(relays(writer(logsEndpoint(notAction)))).toEqual([expect.stringMatching(FROM_WRITER)]);
  });
});

describe('Terraform: into and out of a closed segment\'s function', () => {
  const anyone = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: action, Resource: '*' }] });

  test('a topic everyone may publish to, subscribed by a My Number function: MN-1 at the function (aws_sns_topic_policy, or the topic\'s own policy)', () => {
    const found = relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic: { t: {} },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
      aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: anyone('sns:Publish') } },
    }));
    expect(found).toEqual([expect.stringMatching(
      /^MN-1 aws_lambda_function\.worker: function aws_lambda_function\.worker of the My Number segment .*from everyone \(Principal "\*"\), by the topic policy aws_sns_topic_policy\.p: aws_lambda_function\.worker ← aws_sns_topic\.t \(aws_sns_topic_subscription\.s endpoint\) ← everyone/)]);
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic: { t: { policy: anyone('sns:Publish') } },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
    }))).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the topic policy of aws_sns_topic\.t/)]);
  });

  test('a queue whose own policy lets anyone send, polled by a My Number function; a queue of another account (literal ARN); a queue nobody opens passes', () => {
    const worker = { aws_lambda_function: { worker: fn('mn') } };
    expect(relays(config({ ...worker, aws_sqs_queue: { q: { policy: anyone('sqs:SendMessage') } }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') } })))
      .toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the queue policy of aws_sqs_queue\.q/)]);
    expect(relays(config({ ...worker, aws_lambda_event_source_mapping: { m: mapping('arn:aws:sqs:ap-northeast-1:999999999999:intake', 'worker') } })))
      .toEqual([expect.stringMatching(/from arn:aws:sqs:ap-northeast-1:999999999999:intake, which is not in the synthesized output/)]);
    expect(relays(config({ ...worker, aws_sqs_queue: { q: {} }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') } }))).toEqual([]);
    // A variable or a data source may name any queue.
    expect(relays(config({ ...worker, aws_lambda_event_source_mapping: { m: mapping('${var.queue_arn}', 'worker') } }))).toHaveLength(1);
    expect(relays(config({ ...worker, aws_lambda_event_source_mapping: { m: mapping('${data.aws_sqs_queue.intake.arn}', 'worker') } }))).toHaveLength(1);
  });

  test('a rule on a bus another account may put events on, targeting a My Number function; a schedule alone passes', () => {
    const resources = {
      aws_lambda_function: { worker: fn('mn') },
      aws_cloudwatch_event_bus: { bus: { name: 'intake' } },
      aws_cloudwatch_event_rule: { r: { name: 'r', event_bus_name: '${aws_cloudwatch_event_bus.bus.name}', event_pattern: JSON.stringify({ source: ['x'] }) } },
      aws_cloudwatch_event_target: { w: { rule: '${aws_cloudwatch_event_rule.r.name}', event_bus_name: '${aws_cloudwatch_event_bus.bus.name}', arn: '${aws_lambda_function.worker.arn}' } },
    };
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'events:PutEvents', Resource: '*' }] });
    expect(relays(config({ ...resources, aws_cloudwatch_event_bus_policy: { p: { event_bus_name: '${aws_cloudwatch_event_bus.bus.name}', policy } } })))
      .toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:root \(another account, as far as the guard can tell\)/)]);
    // aws_cloudwatch_event_permission: a literal account is another account; "*" is everyone; the own account (a caller identity) lets nobody in.
    const permission = (principal: string) => ({ aws_cloudwatch_event_permission: { p: { principal, statement_id: 's', event_bus_name: 'intake' } } });
    expect(relays(config({ ...resources, ...permission('999999999999') }))).toEqual([expect.stringMatching(/from principal 999999999999 \(another account/)]);
    expect(relays(config({ ...resources, ...permission('*') }))).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\)/)]);
    expect(relays(config({ ...resources, ...permission(OWN) }))).toEqual([]);
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_cloudwatch_event_rule: { r: { name: 'r', schedule_expression: 'rate(1 hour)' } },
      aws_cloudwatch_event_target: { w: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${aws_lambda_function.worker.arn}' } },
      ...permission('*'),
    }))).toEqual([]);
  });

  test('a public REST API that writes into a queue a My Number function polls (an SQS integration)', () => {
    const found = relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sqs_queue: { q: {} },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') },
      aws_api_gateway_rest_api: { api: { name: 'intake' } },
      aws_iam_role: { api: { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
      aws_api_gateway_integration: {
        post: {
          rest_api_id: '${aws_api_gateway_rest_api.api.id}',
          resource_id: 'r',
          http_method: 'POST',
          type: 'AWS',
          integration_http_method: 'POST',
          // A role of the configuration that may do nothing: one the guard cannot read would let the API's callers do anything.
          credentials: '${aws_iam_role.api.arn}',
          uri: `arn:aws:apigateway:\${data.aws_region.here.name}:sqs:path/${OWN}/\${aws_sqs_queue.q.name}`,
        },
      },
    }));
    expect(found).toEqual([expect.stringMatching(
      /from the internet, through the API's public endpoint: aws_lambda_function\.worker ← aws_sqs_queue\.q \(aws_lambda_event_source_mapping\.m function_name\) ← aws_api_gateway_rest_api\.api \(aws_api_gateway_integration\.post uri\) ← the internet/)]);
  });

  test('a My Number function\'s destinations: a topic with an HTTPS subscription, a function outside every VPC, its dead-letter queue of another account', () => {
    const invokeConfig = (destination: string) => ({ c: { function_name: '${aws_lambda_function.worker.function_name}', destination_config: { on_failure: { destination } } } });
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic: { t: {} },
      aws_sns_topic_subscription: { web: subscription('t', 'https', 'https://hooks.example.com/x') },
      aws_lambda_function_event_invoke_config: invokeConfig('${aws_sns_topic.t.arn}'),
    }))).toEqual([expect.stringMatching(
      /to https:\/\/hooks\.example\.com\/x \(an HTTPS subscription\): aws_lambda_function\.worker → aws_sns_topic\.t \(aws_lambda_function_event_invoke_config\.c destination_config\.on_failure\.destination\) → /)]);
    expect(relays(config({ aws_lambda_function: { worker: fn('mn'), out: fn() }, aws_lambda_function_event_invoke_config: invokeConfig('${aws_lambda_function.out.arn}') })))
      .toEqual([expect.stringMatching(/to function aws_lambda_function\.out, which runs outside every VPC/)]);
    expect(relays(config({ aws_lambda_function: { worker: fn('mn', { dead_letter_config: { target_arn: 'arn:aws:sqs:ap-northeast-1:999999999999:dlq' } }) } })))
      .toEqual([expect.stringMatching(/aws_lambda_function\.worker → arn:aws:sqs:ap-northeast-1:999999999999:dlq, which is not in the synthesized output \(aws_lambda_function\.worker dead_letter_config\.target_arn\)/)]);
    // Between two functions of the segment, through a queue of the output: nothing leaves.
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn'), next: fn('mn') },
      aws_sqs_queue: { q: {} },
      aws_lambda_function_event_invoke_config: invokeConfig('${aws_sqs_queue.q.arn}'),
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'next') },
    }))).toEqual([]);
  });

  test('a service principal without SourceArn or SourceAccount on a queue a My Number function polls is anyone\'s; with its topic\'s SourceArn it is that topic', () => {
    const queuePolicy = (condition?: unknown) => ({
      p: {
        queue_url: '${aws_sqs_queue.q.id}',
        policy: JSON.stringify({
          Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: '*', ...condition ? { Condition: condition } : {} }],
        }),
      },
    });
    const resources = { aws_lambda_function: { worker: fn('mn') }, aws_sqs_queue: { q: {} }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') }, aws_sns_topic: { t: {} } };
    expect(relays(config({ ...resources, aws_sqs_queue_policy: queuePolicy() }))).toEqual([expect.stringMatching(/from sns\.amazonaws\.com acting for any resource of any account/)]);
    expect(relays(config({ ...resources, aws_sqs_queue_policy: queuePolicy({ ArnEquals: { 'aws:SourceArn': '${aws_sns_topic.t.arn}' } }) }))).toEqual([]);
  });
});

describe('Terraform: policies as Terraform writes them', () => {
  const worker = { aws_lambda_function: { worker: fn('mn') }, aws_sqs_queue: { q: {} }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') } };
  const queuePolicy = (policy: string) => ({ aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.id}', policy } } });

  test('an aws_iam_policy_document data source is read as its statements: everyone, a service without condition; the own account passes', () => {
    const document = (statement: Record<string, unknown>) => ({ aws_iam_policy_document: { doc: { statement: [{ actions: ['sqs:SendMessage'], resources: ['*'], ...statement }] } } });
    const found = (statement: Record<string, unknown>) => relays(config({ ...worker, aws_sns_topic: { t: {} }, ...queuePolicy('${data.aws_iam_policy_document.doc.json}') },
      document(statement)));
    expect(found({ principals: [{ type: '*', identifiers: ['*'] }] })).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the queue policy aws_sqs_queue_policy\.p/)]);
    expect(found({ principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::999999999999:root'] }] })).toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:root/)]);
    expect(found({ principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }] })).toEqual([expect.stringMatching(/from sns\.amazonaws\.com acting for any resource/)]);
    expect(found({
      principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
      condition: [{ test: 'ArnEquals', variable: 'aws:SourceArn', values: ['${aws_sns_topic.t.arn}'] }],
    })).toEqual([]);
    expect(found({ principals: [{ type: 'AWS', identifiers: [`arn:aws:iam::${OWN}:root`] }] })).toEqual([]);
    // Deny statements let nobody in; an effect the guard cannot read allows.
    expect(found({ effect: 'Deny', principals: [{ type: '*', identifiers: ['*'] }] })).toEqual([]);
    expect(found({ effect: '${var.effect}', principals: [{ type: '*', identifiers: ['*'] }] })).toHaveLength(1);
  });

  test('a condition holding the owner of a transit gateway the default provider makes is the own account (the library\'s log bucket policy)', () => {
    const held = (owner: string) => relays(config({
      ...worker,
      aws_ec2_transit_gateway: { tgw: {}, other: { provider: 'aws.peer' } },
      ...queuePolicy(JSON.stringify({
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'sns.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': owner } },
        }],
      })),
    }));
    expect(held('${aws_ec2_transit_gateway.tgw.owner_id}')).toEqual([]);
    expect(held('${aws_ec2_transit_gateway.other.owner_id}')).toEqual([expect.stringMatching(/held to account/)]);
  });

  test('jsonencode() of a literal HCL value (cdktf\'s Fn.jsonencode) is read as the document it encodes', () => {
    const document = (statements: string) => `\${jsonencode({"Version" = "2012-10-17", Statement = [${statements}]})}`;
    expect(relays(config({ ...worker, ...queuePolicy(document('{"Effect" = "Allow", "Principal" = "*", "Action" = "sqs:*", "Resource" = aws_sqs_queue.q.arn}')) })))
      .toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the queue policy aws_sqs_queue_policy\.p/)]);
    // The library's own shape (the SIEM bucket policy): a service for the own account, by a reference to it; a denial.
    expect(relays(config({
      ...worker,
      ...queuePolicy(document('{"Effect" = "Deny", "Principal" = {"AWS" = "*"}, "Action" = "sqs:*", "Resource" = ["${aws_sqs_queue.q.arn}"], '
        + '"Condition" = {"Bool" = {"aws:SecureTransport" = "false"}}}, {"Effect" = "Allow", "Principal" = {"Service" = "sns.amazonaws.com"}, '
        + '"Action" = "sqs:SendMessage", "Resource" = aws_sqs_queue.q.arn, "Condition" = {"StringEquals" = {"aws:SourceAccount" = data.aws_caller_identity.me.account_id}}}')),
    }))).toEqual([]);
  });

  test('what the guard cannot read lets everyone in and out: an expression in jsonencode(), a merged document, a data source it does not hold, a directive', () => {
    const unread = /anyone a policy the guard cannot read may let in/;
    expect(relays(config({ ...worker, ...queuePolicy('${jsonencode({Statement = [{Effect = "Allow", Principal = var.who, Action = "sqs:*", Resource = "*"}]})}') })))
      .toEqual([expect.stringMatching(/from principal \{var\.who\}|from principal \$\{var\.who\}/)]);
    expect(relays(config({ ...worker, ...queuePolicy('${jsonencode({Statement = [{Effect = "Allow", Principal = lookup(var.p, "x"), Action = "sqs:*"}]})}') })))
      .toEqual([expect.stringMatching(unread)]);
    expect(relays(config({ ...worker, ...queuePolicy('${jsonencode(local.policy)}') }))).toEqual([expect.stringMatching(unread)]);
    expect(relays(config({ ...worker, ...queuePolicy('${data.aws_iam_policy_document.doc.json}') }, {
      aws_iam_policy_document: { doc: { source_policy_documents: ['${var.extra}'], statement: [{ actions: ['sqs:SendMessage'], principals: [{ type: 'AWS', identifiers: [OWN] }] }] } },
    }))).toEqual([expect.stringMatching(unread)]);
    expect(relays(config({ ...worker, ...queuePolicy('${data.aws_iam_policy_document.missing.json}') }))).toEqual([expect.stringMatching(unread)]);
    expect(relays(config({ ...worker, ...queuePolicy('%{ if true }{}%{ endif }') }))).toEqual([expect.stringMatching(unread)]);
  });
});

describe('Terraform: what the internet puts in through IoT, SES and AppSync; tables; logs', () => {
  const polled = (source: string) => ({ aws_lambda_function: { worker: fn('mn') }, aws_lambda_event_source_mapping: { m: mapping(source, 'worker') } });
  const ROLE = 'arn:aws:iam::111122223333:role/r';

  test('an IoT rule sending device messages to a queue a My Number function polls; an SES rule publishing mail to a topic it subscribes; an AppSync bus', () => {
    expect(relays(config({
      ...polled('${aws_sqs_queue.q.arn}'),
      aws_sqs_queue: { q: {} },
      aws_iot_topic_rule: { r: { name: 'r', enabled: true, sql: "SELECT * FROM 'x'", sql_version: '2016-03-23', sqs: [{ queue_url: '${aws_sqs_queue.q.url}', role_arn: ROLE, use_base64: false }] } },
    })))
      .toEqual([expect.stringMatching(
        /from devices publishing to AWS IoT Core \(an IoT topic rule\): aws_lambda_function\.worker ← aws_sqs_queue\.q \(aws_lambda_event_source_mapping\.m function_name\) ← devices/)]);
    // The rule's error action too.
    expect(relays(config({
      ...polled('${aws_sqs_queue.q.arn}'),
      aws_sqs_queue: { q: {} },
      aws_iot_topic_rule: { r: { name: 'r', enabled: true, sql: "SELECT * FROM 'x'", sql_version: '2016-03-23', error_action: { sqs: { queue_url: '${aws_sqs_queue.q.url}', role_arn: ROLE, use_base64: false } } } },
    }))).toEqual([expect.stringMatching(/aws_iot_topic_rule\.r error_action\[0\]\.sqs\[0\]\.queue_url/)]);
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic: { t: {} },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
      aws_ses_receipt_rule: { r: { name: 'r', rule_set_name: 's', enabled: true, sns_action: [{ topic_arn: '${aws_sns_topic.t.arn}', position: 1 }] } },
    }))).toEqual([expect.stringMatching(/from mail from the internet \(an SES receipt rule\)/)]);
    // Every action's notification topic (semantics §14, Terraform): a Lambda action's notification carries the mail's headers.
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic: { t: {} },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
      aws_ses_receipt_rule: { r: { name: 'r', rule_set_name: 's', lambda_action: [{ function_arn: 'arn:aws:lambda:ap-northeast-1:111122223333:function:f', topic_arn: '${aws_sns_topic.t.arn}', position: 1 }] } },
    }))).toEqual([expect.stringMatching(/from mail from the internet \(an SES receipt rule\): .*aws_ses_receipt_rule\.r lambda_action\[0\]\.topic_arn/)]);
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_cloudwatch_event_bus: { bus: { name: 'intake' } },
      aws_cloudwatch_event_rule: { r: { name: 'r', event_bus_name: '${aws_cloudwatch_event_bus.bus.name}', event_pattern: JSON.stringify({ source: ['x'] }) } },
      aws_cloudwatch_event_target: { w: { rule: '${aws_cloudwatch_event_rule.r.name}', event_bus_name: '${aws_cloudwatch_event_bus.bus.name}', arn: '${aws_lambda_function.worker.arn}' } },
      aws_appsync_datasource: { d: { api_id: 'x', name: 'd', type: 'AMAZON_EVENTBRIDGE', event_bridge_config: { event_bus_arn: '${aws_cloudwatch_event_bus.bus.arn}' } } },
    }))).toEqual([expect.stringMatching(/from the callers of an AppSync GraphQL API/)]);
  });

  test('a table\'s stream polled by a My Number function passes; with a policy letting everyone write the table, it is a way in', () => {
    const table = { aws_dynamodb_table: { t: { name: 't', hash_key: 'k', attribute: [{ name: 'k', type: 'S' }], stream_enabled: true, stream_view_type: 'NEW_IMAGE' } } };
    const resources = { ...polled('${aws_dynamodb_table.t.stream_arn}'), ...table };
    expect(relays(config(resources))).toEqual([]);
    const policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:PutItem', Resource: '*' }] });
    expect(relays(config({ ...resources, aws_dynamodb_resource_policy: { p: { resource_arn: '${aws_dynamodb_table.t.arn}', policy } } })))
      .toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the table policy aws_dynamodb_resource_policy\.p/)]);
  });

  test('what a My Number function logs reaches a subscription filter\'s destination: its own log group, a group by a literal name, or every group by an account policy', () => {
    const stream = { aws_kinesis_firehose_delivery_stream: { stream: { name: 'stream', destination: 'http_endpoint', http_endpoint_configuration: { url: 'https://collector.example.net/', name: 'c' } } } };
    const filter = (group: string, destination: string) => ({ aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: group, filter_pattern: '', destination_arn: destination } } });
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_cloudwatch_log_group: { g: { name: '/aws/lambda/${aws_lambda_function.worker.function_name}' } },
      ...stream,
      ...filter('${aws_cloudwatch_log_group.g.name}', '${aws_kinesis_firehose_delivery_stream.stream.arn}'),
    }))).toEqual([expect.stringMatching(
      /^MN-1 aws_lambda_function\.worker: .*to https:\/\/collector\.example\.net\/ \(a Firehose http_endpoint_configuration\): aws_lambda_function\.worker → aws_cloudwatch_log_group\.g \(aws_cloudwatch_log_group\.g name\) → aws_kinesis_firehose_delivery_stream\.stream/)]);
    // Its own group named by the literal name, with no group in the configuration: the function's logs still go there.
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn', { function_name: 'mn-worker' }) },
      ...stream,
      ...filter('/aws/lambda/mn-worker', '${aws_kinesis_firehose_delivery_stream.stream.arn}'),
    }))).toEqual([expect.stringMatching(/^MN-1 aws_lambda_function\.worker: .*aws_lambda_function\.worker → aws_kinesis_firehose_delivery_stream\.stream \(aws_cloudwatch_log_subscription_filter\.f destination_arn\)/)]);
    // By the function's literal name; by its logging_config naming a group the configuration does not hold.
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn', { function_name: 'mn-worker' }) },
      aws_cloudwatch_log_group: { g: { name: '/aws/lambda/mn-worker' } },
      ...stream,
      ...filter('${aws_cloudwatch_log_group.g.name}', '${aws_kinesis_firehose_delivery_stream.stream.arn}'),
    }))).toEqual([expect.stringMatching(/^MN-1 aws_lambda_function\.worker: .*aws_lambda_function\.worker → aws_cloudwatch_log_group\.g/)]);
    expect(relays(config({
      aws_lambda_function: { worker: fn('mn', { logging_config: { log_format: 'JSON', log_group: 'mn-app' } }) },
      ...stream,
      ...filter('mn-app', '${aws_kinesis_firehose_delivery_stream.stream.arn}'),
    }))).toEqual([expect.stringMatching(/^MN-1 aws_lambda_function\.worker: .*aws_lambda_function\.worker → log group mn-app \(aws_lambda_function\.worker logging_config\.log_group\) → aws_kinesis_firehose_delivery_stream\.stream/)]);
    const policy = {
      aws_cloudwatch_log_account_policy: {
        p: {
          policy_name: 'all',
          policy_type: 'SUBSCRIPTION_FILTER_POLICY',
          scope: 'ALL',
          policy_document: JSON.stringify({ DestinationArn: 'arn:aws:logs:ap-northeast-1:999999999999:destination:collector', FilterPattern: '' }),
        },
      },
    };
    expect(relays(config({ aws_lambda_function: { worker: fn('mn') }, ...policy })))
      .toEqual([expect.stringMatching(/to arn:aws:logs:ap-northeast-1:999999999999:destination:collector, which is not in the synthesized output/)]);
    // A data protection policy sends nothing anywhere.
    expect(relays(config({ aws_lambda_function: { worker: fn('mn') }, aws_cloudwatch_log_account_policy: { p: { ...policy.aws_cloudwatch_log_account_policy.p, policy_type: 'DATA_PROTECTION_POLICY' } } })))
      .toEqual([]);
  });

  test('a Firehose stream\'s Lambda processor outside every VPC sees every record a My Number host logs', () => {
    expect(relays(config({
      aws_vpc_endpoint: { logs: endpoint('logs') },
      aws_cloudwatch_log_group: { g: {} },
      aws_s3_bucket: { archive: {} },
      aws_lambda_function: { transform: fn() },
      aws_kinesis_firehose_delivery_stream: {
        stream: {
          name: 'stream',
          destination: 'extended_s3',
          extended_s3_configuration: {
            role_arn: ROLE,
            bucket_arn: '${aws_s3_bucket.archive.arn}',
            processing_configuration: {
              enabled: true,
              processors: [{ type: 'Lambda', parameters: [{ parameter_name: 'LambdaArn', parameter_value: '${aws_lambda_function.transform.arn}:$LATEST' }] }],
            },
          },
        },
      },
      aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: '${aws_cloudwatch_log_group.g.name}', filter_pattern: '', destination_arn: '${aws_kinesis_firehose_delivery_stream.stream.arn}' } },
    }))).toEqual([expect.stringMatching(/to function aws_lambda_function\.transform, which runs outside every VPC/)]);
  });
});

describe('Terraform: outside tester, red team 40 (service relays)', () => {
  const ROLE = 'arn:aws:iam::111122223333:role/r';
  const anyone = (action: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] });
  const publicTopic = { aws_sns_topic: { t: { name: 't', policy: anyone('sns:Publish') } } };
  const polled = { aws_lambda_function: { worker: fn('mn') }, aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') } };
  const inbox = { aws_sqs_queue: { q: { name: 'mn-inbox' } } };
  const named = (address: string) => new RegExp(`^MN-1 ${address.replace(/\./g, '\\.')}: `);
  const REGION = '${data.aws_region.here.name}';

  test('a resource of the configuration named by a literal ARN or queue URL is that resource (and the outside when its account is a literal)', () => {
    const sub = (target: string) => relays(config({ ...publicTopic, ...inbox, ...polled, aws_sns_topic_subscription: { s: subscription('t', 'sqs', target) } }));
    expect(sub(`arn:aws:sqs:${REGION}:${OWN}:mn-inbox`)).toEqual([expect.stringMatching(named('aws_lambda_function.worker'))]);
    expect(sub('arn:aws:sqs:ap-northeast-1:111122223333:mn-inbox')).toEqual([expect.stringMatching(named('aws_lambda_function.worker'))]);
    // A literal account is the outside too (another account may have a queue of that name); the deploying one is not.
    const dlq = (target: string) => relays(config({
      ...inbox,
      ...polled,
      aws_lambda_function: { worker: fn('mn'), first: fn('mn') },
      aws_lambda_function_event_invoke_config: { c: { function_name: '${aws_lambda_function.first.function_name}', destination_config: { on_failure: { destination: target } } } },
    }));
    expect(dlq(`arn:aws:sqs:${REGION}:${OWN}:mn-inbox`)).toEqual([]);
    expect(dlq('arn:aws:sqs:ap-northeast-1:999999999999:mn-inbox')).toEqual([expect.stringMatching(/^MN-1 aws_lambda_function\.first: .*999999999999:mn-inbox, which is not in the synthesized output/)]);
    // An HTTP API's SQS-SendMessage integration naming the queue by its URL. Its callers act with its credentials role
    // (service-relays-iam-tf.test.ts): one of the configuration that grants nothing — a literal ARN of another account
    // would grant everything, hiding the delivery this judges.
    expect(relays(config({
      ...inbox,
      ...polled,
      aws_iam_role: { api: { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
      aws_apigatewayv2_api: { api: { name: 'a', protocol_type: 'HTTP' } },
      aws_apigatewayv2_integration: {
        i: {
          api_id: '${aws_apigatewayv2_api.api.id}',
          integration_type: 'AWS_PROXY',
          integration_subtype: 'SQS-SendMessage',
          credentials_arn: '${aws_iam_role.api.arn}',
          request_parameters: { QueueUrl: `https://sqs.${REGION}.amazonaws.com/${OWN}/mn-inbox`, MessageBody: '$request.body' },
        },
      },
    }))).toEqual([expect.stringMatching(
      /from the internet, through the API's public endpoint: aws_lambda_function\.worker ← aws_sqs_queue\.q \(aws_lambda_event_source_mapping\.m function_name\) ← aws_apigatewayv2_api\.api/)]);
    // A rule on the default bus named by its ARN (built from the partition, region and caller identity).
    expect(relays(config({
      aws_vpc_endpoint: { events: endpoint('events') },
      aws_lambda_function: { out: fn() },
      aws_cloudwatch_event_rule: {
        r: { name: 'r', event_bus_name: `arn:\${data.aws_partition.p.partition}:events:${REGION}:${OWN}:event-bus/default`, event_pattern: JSON.stringify({ source: ['x'] }) },
      },
      // The target names no bus: the rule's.
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${aws_lambda_function.out.arn}' } },
    }, { aws_partition: { p: {} } }))).toEqual([expect.stringMatching(
      /to function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_vpc_endpoint\.events → the default event bus → aws_lambda_function\.out \(aws_cloudwatch_event_target\.t arn\)/)]);
  });

  test('another account\'s default bus by ARN is the outside too', () => {
    const rule = (bus: string) => relays(config({
      aws_lambda_function: { worker: fn('mn') },
      aws_cloudwatch_event_rule: { r: { name: 'r', event_bus_name: bus, event_pattern: JSON.stringify({ source: ['x'] }) } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: '${aws_lambda_function.worker.arn}' } },
    }));
    expect(rule(`arn:aws:events:${REGION}:${OWN}:event-bus/default`)).toEqual([]);
    expect(rule('arn:aws:events:ap-northeast-1:999999999999:event-bus/default'))
      .toEqual([expect.stringMatching(/from arn:aws:events:ap-northeast-1:999999999999:event-bus\/default, which is not in the synthesized output/)]);
  });

  test('an alias of a My Number function, or its qualified ARN, is that function', () => {
    const resources = { ...publicTopic, aws_sqs_queue: { q: {} }, aws_sns_topic_subscription: { s: subscription('t', 'sqs', '${aws_sqs_queue.q.arn}') } };
    expect(relays(config({
      ...resources,
      aws_lambda_function: { worker: fn('mn') },
      aws_lambda_alias: { live: { name: 'live', function_name: '${aws_lambda_function.worker.function_name}', function_version: '1' } },
      aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: '${aws_lambda_alias.live.arn}' } },
    }))).toEqual([expect.stringMatching(named('aws_lambda_function.worker'))]);
    expect(relays(config({
      ...resources,
      aws_lambda_function: { worker: fn('mn', { function_name: 'mn-worker' }) },
      aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: `arn:aws:lambda:${REGION}:${OWN}:function:mn-worker:live` } },
    }))).toEqual([expect.stringMatching(named('aws_lambda_function.worker'))]);
  });

  test('a state machine\'s literal names: a function by name, another account\'s queue by URL or function by ARN in definition text', () => {
    const machine = (definition: unknown) => ({ aws_sfn_state_machine: { sm: { name: 'sm', role_arn: ROLE, definition: JSON.stringify(definition) } } });
    const states = { aws_vpc_endpoint: { states: endpoint('states') } };
    const invoke = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, Parameters: { FunctionName: 'out-fn' } } } };
    expect(relays(config({ ...states, aws_lambda_function: { out: fn(undefined, { function_name: 'out-fn' }) }, ...machine(invoke) })))
      .toEqual([expect.stringMatching(/to function aws_lambda_function\.out, which runs outside every VPC/)]);
    const send = { StartAt: 'S', States: { S: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true, Parameters: { QueueUrl: 'https://sqs.ap-northeast-1.amazonaws.com/999999999999/exfil' } } } };
    expect(relays(config({ ...states, ...machine(send) }))).toEqual([expect.stringMatching(/999999999999\/exfil, which is not in the synthesized output/)]);
    const direct = { StartAt: 'I', States: { I: { Type: 'Task', Resource: 'arn:aws:lambda:ap-northeast-1:999999999999:function:exfil', End: true } } };
    expect(relays(config({ ...states, ...machine(direct) }))).toEqual([expect.stringMatching(/function:exfil, which is not in the synthesized output/)]);
  });

  test('a policy statement whose effect the guard cannot read, a function placed by an expression', () => {
    const effect = JSON.stringify({ Statement: [{ Effect: '${var.effect}', Principal: '*', Action: 'sns:Publish', Resource: '*' }] });
    expect(relays(config({
      aws_sns_topic: { t: { policy: effect } },
      aws_lambda_function: { worker: fn('mn') },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
    }))).toEqual([expect.stringMatching(/from everyone \(Principal "\*"\), by the topic policy of aws_sns_topic\.t/)]);
    // Where a function runs is given by an expression: it may run in any segment, so each closed segment judges it.
    expect(relays(config({
      ...publicTopic,
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
      aws_lambda_function: { worker: fn(undefined, { vpc_config: '${var.placement}' }) },
    })).map((f) => f.split(' ')[0]).sort()).toEqual(['LG-1', 'MN-1']);
  });

  test('an endpoint policy naming a bucket whose name is an expression reaches it (the name may be any)', () => {
    expect(relays(config({
      aws_vpc_endpoint: {
        s3: {
          vpc_id: '${aws_vpc.mn.id}',
          vpc_endpoint_type: 'Gateway',
          service_name: 'com.amazonaws.ap-northeast-1.s3',
          policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::mn-data-111122223333/*'] }] }),
        },
      },
      aws_s3_bucket: { b: { bucket: `mn-data-${OWN}` } },
      aws_s3_bucket_replication_configuration: {
        r: { bucket: '${aws_s3_bucket.b.id}', role: ROLE, rule: [{ status: 'Enabled', destination: { bucket: 'arn:aws:s3:::exfil', account: '999999999999' } }] },
      },
    }))).toEqual([expect.stringMatching(named('aws_vpc_endpoint.s3'))]);
  });

  test('endpoints: SES sends mail anywhere; IoT Core\'s data plane feeds the topic rules; a FIPS endpoint is its service', () => {
    expect(relays(config({ aws_vpc_endpoint: { smtp: endpoint('email-smtp') } }))).toEqual([expect.stringMatching(/to mail to any address \(Amazon SES through its SMTP endpoint\)/)]);
    const rule = (action: Record<string, unknown>) => ({ aws_iot_topic_rule: { r: { name: 'r', enabled: true, sql: "SELECT * FROM '#'", sql_version: '2016-03-23', ...action } } });
    const iot = { aws_vpc_endpoint: { iot: endpoint('iot.data') } };
    expect(relays(config({ ...iot, ...rule({ http: { url: 'https://collector.example.net/' } }) })))
      .toEqual([expect.stringMatching(/to https:\/\/collector\.example\.net\/ \(an IoT rule HTTP action\)/)]);
    expect(relays(config({ ...iot, ...rule({ lambda: { function_arn: '${aws_lambda_function.out.arn}' } }), aws_lambda_function: { out: fn() } })))
      .toEqual([expect.stringMatching(/to function aws_lambda_function\.out/)]);
    expect(relays(config({ ...iot, ...rule({ kafka: { destination_arn: 'arn:aws:iot:ap-northeast-1:111122223333:ruledestination/vpc/x', topic: 't', client_properties: {} } }) })))
      .toEqual([expect.stringMatching(/to an IoT rule kafka action, which the guard does not follow/)]);
    expect(relays(config({ ...iot, ...rule({ cloudwatch_metric: { metric_name: 'm', metric_namespace: 'n', metric_unit: 'Count', metric_value: '1', role_arn: ROLE } }) })))
      .toEqual([]);
    expect(relays(config({
      aws_vpc_endpoint: { sqs: endpoint('sqs-fips') },
      aws_sqs_queue: { q: {} },
      aws_lambda_function: { consumer: fn('in') },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'consumer') },
    }))).toEqual([expect.stringMatching(named('aws_vpc_endpoint.sqs'))]);
  });

  test('OpenAPI definitions, Kinesis Data Analytics, pipe and state machine execution logs, a log group named only by a literal', () => {
    const body = {
      openapi: '3.0.1',
      paths: { '/in': { post: { 'x-amazon-apigateway-integration': { type: 'aws', httpMethod: 'POST', uri: `arn:aws:apigateway:${REGION}:sqs:path/${OWN}/\${aws_sqs_queue.q.name}` } } } },
    };
    expect(relays(config({ aws_api_gateway_rest_api: { api: { name: 'a', body: JSON.stringify(body) } }, ...inbox, ...polled })))
      .toEqual([expect.stringMatching(named('aws_lambda_function.worker'))]);
    // A private API's definition the guard cannot read (a file's YAML) may integrate with anything; one that integrates with nothing passes.
    const privateApi = (definition: string) => relays(config({
      aws_vpc_endpoint: { api: endpoint('execute-api') },
      aws_api_gateway_rest_api: { api: { name: 'a', body: definition, endpoint_configuration: { types: ['PRIVATE'] } } },
    }));
    expect(privateApi('${file("openapi.yaml")}')).toEqual([expect.stringMatching(/to whatever an API definition the guard cannot read \(.*openapi\.yaml.*\) integrates with/)]);
    expect(privateApi(JSON.stringify({ openapi: '3.0.1', paths: { '/x': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } }))).toEqual([]);
    expect(relays(config({
      aws_vpc_endpoint: { kinesis: endpoint('kinesis-streams') },
      aws_kinesis_stream: { st: { name: 'st', shard_count: 1 } },
      aws_kinesisanalyticsv2_application: {
        app: {
          name: 'app',
          runtime_environment: 'SQL-1_0',
          service_execution_role: ROLE,
          application_configuration: { sql_application_configuration: { input: { name_prefix: 'in', kinesis_streams_input: { resource_arn: '${aws_kinesis_stream.st.arn}' } } } },
        },
      },
    }))).toEqual([expect.stringMatching(/Kinesis Data Analytics application aws_kinesisanalyticsv2_application\.app, whose code the guard does not read/)]);
    expect(relays(config({
      aws_lambda_function: { a: fn('mn'), b: fn('mn') },
      aws_sqs_queue: { q: {} },
      aws_lambda_function_event_invoke_config: { d: { function_name: '${aws_lambda_function.a.function_name}', destination_config: { on_success: { destination: '${aws_sqs_queue.q.arn}' } } } },
      aws_pipes_pipe: {
        p: {
          role_arn: ROLE,
          source: '${aws_sqs_queue.q.arn}',
          target: '${aws_lambda_function.b.arn}',
          log_configuration: { level: 'TRACE', include_execution_data: ['ALL'], s3_log_destination: { bucket_name: 'exfil', bucket_owner: '999999999999' } },
        },
      },
    })).map((f) => f.split(':')[0])).toEqual(['MN-1 aws_lambda_function.a']);
    const pass = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    // The machine's role is one of the configuration that may do nothing: a role the guard cannot read (ROLE) would let
    // the machine reach everything with it (semantics §14, "Grants, continued").
    const quiet = { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) };
    const logged = (include: boolean) => relays(config({
      aws_iam_role: { quiet },
      aws_vpc_endpoint: { states: endpoint('states') },
      aws_cloudwatch_log_group: { g: {} },
      aws_lambda_function: { out: fn() },
      aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: '${aws_cloudwatch_log_group.g.name}', filter_pattern: '', destination_arn: '${aws_lambda_function.out.arn}' } },
      aws_sfn_state_machine: {
        sm: { name: 'sm', role_arn: '${aws_iam_role.quiet.arn}', definition: pass, logging_configuration: { level: 'ALL', include_execution_data: include, log_destination: '${aws_cloudwatch_log_group.g.arn}:*' } },
      },
    }));
    expect(logged(true)).toEqual([expect.stringMatching(named('aws_vpc_endpoint.states'))]);
    expect(logged(false)).toEqual([]);
    // The own account's group a subscription filter names by a literal that no group of the configuration is written as: the logs endpoint reaches it too.
    expect(relays(config({
      aws_vpc_endpoint: { logs: endpoint('logs') },
      aws_lambda_function: { out: fn() },
      aws_cloudwatch_log_group: { g: { name: `mn-app-${REGION}` } },
      aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: 'mn-app-ap-northeast-1', filter_pattern: '', destination_arn: '${aws_lambda_function.out.arn}' } },
    }))).toEqual([expect.stringMatching(/aws_vpc_endpoint\.logs → log group mn-app-ap-northeast-1/)]);
  });
});

describe('CDKTF: provider-aws resources beside the α example', () => {
  /** The α example in a stack; `add` puts the integrator's code in. Returns the guard's refusal, or '' when it synthesized. */
  function synth(add: (stack: TerraformStack, net: MunicipalNetwork) => void): string {
    const app = Testing.app() as App;
    const stack = offlineTokyoStack(app, 'City');
    add(stack, new MunicipalNetwork(stack, 'Network', alpha));
    try {
      Testing.synth(stack, true);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  }
  const worker = (stack: TerraformStack, net: MunicipalNetwork, id = 'Worker', role = 'arn:aws:iam::111122223333:role/worker') => new LambdaFunction(stack, id, {
    functionName: id.toLowerCase(),
    role,
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    filename: 'fn.zip',
    vpcConfig: { subnetIds: net.myNumber.workloadSubnetIds, securityGroupIds: [new SecurityGroup(stack, `${id}Sg`, { vpcId: net.myNumber.vpcId, egress: [], ingress: [] }).id] },
  });
  const REFUSED = /MN-1 critical.*through AWS services that deliver it on their own/;
  const anyone = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: '*' }] });

  test('control: a queue between two My Number functions (on_success destination, event source mapping) synthesizes', () => {
    expect(synth((stack, net) => {
      const q = new SqsQueue(stack, 'Handoff', { name: 'handoff' });
      new LambdaFunctionEventInvokeConfig(stack, 'FirstDone', { functionName: worker(stack, net, 'First').functionName, destinationConfig: { onSuccess: { destination: q.arn } } });
      // A function an event source mapping starts is bounded by its role (deploy-code.ts): one of the configuration that allows nothing.
      const role = new IamRole(stack, 'SecondRole', {
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
      });
      new LambdaEventSourceMapping(stack, 'SecondPolls', { functionName: worker(stack, net, 'Second', role.arn).arn, eventSourceArn: q.arn });
    })).toBe('');
  });

  test('a topic anyone may publish to (aws_sns_topic_policy) with a lambda subscription to a My Number function is refused', () => {
    expect(synth((stack, net) => {
      const t = new SnsTopic(stack, 'Intake', { name: 'intake' });
      new SnsTopicPolicy(stack, 'IntakePolicy', { arn: t.arn, policy: anyone('sns:Publish') });
      new SnsTopicSubscription(stack, 'Sub', { topicArn: t.arn, protocol: 'lambda', endpoint: worker(stack, net).arn });
    })).toMatch(REFUSED);
  });

  test('a queue whose policy lets anyone send, polled by a My Number function, and a queue of another account are refused', () => {
    expect(synth((stack, net) => {
      const q = new SqsQueue(stack, 'Intake', { name: 'intake', policy: anyone('sqs:SendMessage') });
      new LambdaEventSourceMapping(stack, 'Esm', { functionName: worker(stack, net).arn, eventSourceArn: q.arn });
    })).toMatch(REFUSED);
    expect(synth((stack, net) => {
      new LambdaEventSourceMapping(stack, 'Esm', { functionName: worker(stack, net).arn, eventSourceArn: 'arn:aws:sqs:ap-northeast-1:999999999999:public-intake' });
    })).toMatch(REFUSED);
  });

  test('a My Number function whose failures go to a topic with an HTTPS subscription is refused', () => {
    expect(synth((stack, net) => {
      const t = new SnsTopic(stack, 'Alerts', { name: 'alerts' });
      new SnsTopicSubscription(stack, 'Hook', { topicArn: t.arn, protocol: 'https', endpoint: 'https://hooks.example.com/x' });
      new LambdaFunctionEventInvokeConfig(stack, 'Cfg', { functionName: worker(stack, net).functionName, destinationConfig: { onFailure: { destination: t.arn } } });
    })).toMatch(REFUSED);
  });

  test('the library\'s closed segments write logs only: a group a function outside every VPC writes into reaches neither; a filter out of it still refuses', () => {
    // A function outside every VPC (with the internet) logging into a group of the stack: the My Number and LGWAN logs
    // endpoints (src/plan/endpoint-policy.ts) allow writing only, so nothing it writes reaches the closed segments.
    const internetLogger = (stack: TerraformStack) => {
      const group = new CloudwatchLogGroup(stack, 'Shared', { name: 'shared', retentionInDays: 365 });
      // Its role writes logs (AWS's basic execution role): a role the guard reads (one by a literal ARN may do anything).
      const role = new IamRole(stack, 'OutsideRole', {
        assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
        managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      });
      new LambdaFunction(stack, 'Outside', {
        functionName: 'outside',
        role: role.arn,
        runtime: 'nodejs20.x',
        handler: 'index.handler',
        filename: 'fn.zip',
        loggingConfig: { logFormat: 'JSON', logGroup: group.name },
      });
      return group;
    };
    expect(synth((stack) => { internetLogger(stack); })).toBe('');
    // With the endpoints on AWS's full set of actions (the library's shape before), both closed segments read the group.
    const everything = synth((stack, net) => {
      internetLogger(stack);
      for (const segment of [net.myNumber, net.lgwan!]) {
        const ep = segment.node.findAll().find((c) => c.node.path.endsWith('/Endpoint-logs')) as VpcEndpoint;
        // The library's own policy text (its account reference kept), every action allowed.
        const policy = ep.policyInput!.replace(/"Action":\[[^\]]*\]/, '"Action":"*"');
        expect(policy).not.toEqual(ep.policyInput);
        ep.policy = policy;
      }
    });
    expect(everything).not.toMatch(/MN-5|LG-4/);
    expect(everything).toMatch(/MN-1 critical.*Endpoint-logs.*from function aws_lambda_function\.Outside, which runs outside every VPC/);
    expect(everything).toMatch(/LG-1 .*Endpoint-logs.*from function aws_lambda_function\.Outside, which runs outside every VPC/);
    // What the segments write still goes where a subscription filter sends it.
    expect(synth((stack) => {
      const group = internetLogger(stack);
      const out = new LambdaFunction(stack, 'Collector', { functionName: 'collector', role: 'arn:aws:iam::111122223333:role/out', runtime: 'nodejs20.x', handler: 'index.handler', filename: 'fn.zip' });
      new CloudwatchLogSubscriptionFilter(stack, 'ToCollector', { name: 'to-collector', logGroupName: group.name, filterPattern: '', destinationArn: out.arn });
    })).toMatch(/MN-1 critical.*Endpoint-logs.*to function aws_lambda_function\.Collector, which runs outside every VPC/);
  });
});

describe('Terraform: outside tester, red team 49 (service relays)', () => {
  const consumerPolicy = (resource: string) => ({
    resource_arn: resource,
    policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '999999999999' }, Action: ['kinesis:DescribeStreamConsumer', 'kinesis:SubscribeToShard'], Resource: '*' }] }),
  });
  const base = {
    aws_vpc_endpoint: { kinesis: endpoint('kinesis-streams') },
    aws_kinesis_stream: { k: { name: 'records', shard_count: 1 } },
    aws_kinesis_stream_consumer: { c: { name: 'fanout', stream_arn: '${aws_kinesis_stream.k.arn}' } },
  };

  test('a policy on a stream\'s enhanced fan-out consumer lets another account read the stream a My Number endpoint writes into', () => {
    expect(relays(config({ ...base, aws_kinesis_resource_policy: { p: consumerPolicy('${aws_kinesis_stream_consumer.c.arn}') } }))).toEqual([
      expect.stringMatching(/^MN-1 aws_vpc_endpoint\.kinesis: .*to principal 999999999999 \(another account, as far as the guard can tell\), by the stream policy aws_kinesis_resource_policy\.p: aws_vpc_endpoint\.kinesis → aws_kinesis_stream\.k → /),
    ]);
    // The consumer by its literal ARN names its stream.
    const literal = `arn:aws:kinesis:ap-northeast-1:${OWN}:stream/records/consumer/fanout:1700000000`;
    expect(relays(config({ ...base, aws_kinesis_resource_policy: { p: consumerPolicy(literal) } }))).toEqual([expect.stringMatching(/^MN-1 aws_vpc_endpoint\.kinesis: .*by the stream policy aws_kinesis_resource_policy\.p/)]);
    // Control: the consumer without a policy passes.
    expect(relays(config(base))).toEqual([]);
  });
});
