/**
 * The Terraform service-relay and IAM-grant cases (test/guard/service-relays-tf.test.ts,
 * test/guard/service-relays-iam-tf.test.ts) with the real terraform: each configuration is valid for the AWS provider
 * (planned offline with the provider mirror), and the guard reads the same relays from its plan (`terraform show -json`,
 * extract-terraform-plan.ts) as from the configuration. The configurations are planned in one terraform run
 * (test/support/terraform-together.ts); a failed joint run plans each alone, so each test fails with its own error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import {
  EC2_TRUST, ECS_TRUST, endpoint, mapping, NO_GRANTS_ROLE, offline, OFFLINE_ACCOUNT, OWN, policy, relayLines, relays, Resources, role, roleFn,
  Segment, httpApi, sqsApi, statement, subscription, threeSegments, trust,
} from '../support/relays-tf';
import { findTerraform, findTerraformMirror, prepareTerraform } from '../support/terraform';
import { PlannedConfiguration, planTogether } from '../support/terraform-together';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the relay plans need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; the relay configurations were not planned`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** The relay cases' functions run with a role that grants nothing; the IAM cases name their roles. */
const fn = (segment?: Segment, more: Record<string, unknown> = {}) => roleFn('fn', segment, more);
const config = (resources: Resources, data: Resources = {}) => threeSegments(resources, data, NO_GRANTS_ROLE);
const QUEUE_ARN = '${aws_sqs_queue.q.arn}';
const reads = [statement('sqs:ReceiveMessage', QUEUE_ARN)];
/** An sqs endpoint of the My Number segment and a queue, with `more`. */
const sqs = (more: Resources) => threeSegments({ aws_vpc_endpoint: { sqs: endpoint('sqs') }, aws_sqs_queue: { q: { name: 'q' } }, ...more });
const inbox = 'arn:aws:sqs:${data.aws_region.here.name}:' + OWN + ':mn-inbox';

interface Case {
  readonly title: string;
  readonly config: any;
  /** The relay findings, from the configuration and from its plan alike. */
  readonly expected: unknown[];
  /** What the (first) finding also names. */
  readonly ends: RegExp[];
}

const CASES: Record<string, Case> = {
  relays: {
    title: 'a queue an Internet-segment function polls, a topic everyone may publish to with a My Number subscriber, a function outside every VPC',
    config: config({
      aws_vpc_endpoint: { sqs: endpoint('sqs'), lambda: endpoint('lambda') },
      aws_sqs_queue: { q: { name: 'q' } },
      aws_sns_topic: { t: { name: 't' } },
      aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: '${data.aws_iam_policy_document.anyone.json}' } },
      aws_sns_topic_subscription: { s: subscription('t', 'lambda', '${aws_lambda_function.worker.arn}') },
      aws_lambda_function: { consumer: fn('in', { function_name: 'consumer' }), worker: fn('mn', { function_name: 'worker' }), out: fn(undefined, { function_name: 'out' }) },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'consumer') },
    }, { aws_iam_policy_document: { anyone: { statement: [{ actions: ['sns:Publish'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] }] } } }),
    expected: [
      expect.stringMatching(/^MN-1 aws_lambda_function\.worker: .*from everyone \(Principal "\*"\), by the topic policy aws_sns_topic_policy\.p: aws_lambda_function\.worker ← aws_sns_topic\.t/),
      expect.stringMatching(/^MN-1 aws_vpc_endpoint\.lambda: .*to function aws_lambda_function\.(consumer|out)/),
      expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: .*to function aws_lambda_function\.consumer \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → /),
    ],
    ends: [],
  },
  literal_names: {
    title: 'literal names: a queue by an ARN built from the region and account, a function\'s log group by its literal name, an IoT rule\'s queue by URL',
    config: config({
      aws_sqs_queue: { q: { name: 'mn-inbox' } },
      aws_sns_topic: { t: { name: 't' } },
      aws_sns_topic_policy: { p: { arn: '${aws_sns_topic.t.arn}', policy: '${data.aws_iam_policy_document.anyone.json}' } },
      // The topic delivers to the queue named by its ARN; a second My Number function's failures go there too (the own account's: no finding).
      aws_sns_topic_subscription: { s: subscription('t', 'sqs', inbox) },
      aws_lambda_function: {
        worker: fn('mn', { function_name: 'mn-worker' }),
        first: fn('mn', { function_name: 'mn-first' }),
        out: fn(undefined, { function_name: 'out' }),
      },
      aws_lambda_function_event_invoke_config: { c: { function_name: '${aws_lambda_function.first.function_name}', destination_config: { on_failure: { destination: inbox } } } },
      aws_lambda_event_source_mapping: { m: mapping('${aws_sqs_queue.q.arn}', 'worker') },
      // The worker's log group by the function's literal name, subscribed by a function outside every VPC.
      aws_cloudwatch_log_group: { g: { name: '/aws/lambda/mn-worker' } },
      aws_cloudwatch_log_subscription_filter: { f: { name: 'f', log_group_name: '/aws/lambda/mn-worker', filter_pattern: '', destination_arn: '${aws_lambda_function.out.arn}' } },
      aws_iot_topic_rule: {
        r: {
          name: 'r',
          enabled: true,
          sql: "SELECT * FROM 'x'",
          sql_version: '2016-03-23',
          sqs: [{ queue_url: 'https://sqs.${data.aws_region.here.name}.amazonaws.com/' + OWN + '/mn-inbox', role_arn: 'arn:aws:iam::111122223333:role/r', use_base64: false }],
        },
      },
    }, { aws_iam_policy_document: { anyone: { statement: [{ actions: ['sns:Publish'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] }] } } }),
    expected: [
      expect.stringMatching(new RegExp('^MN-1 aws_lambda_function\\.worker: .*from everyone \\(Principal "\\*"\\), by the topic policy aws_sns_topic_policy\\.p: '
        + 'aws_lambda_function\\.worker ← aws_sqs_queue\\.q \\(aws_lambda_event_source_mapping\\.m function_name\\) ← aws_sns_topic\\.t \\(aws_sns_topic_subscription\\.s endpoint\\)')),
    ],
    // The same finding names the worker's other ends: devices through the IoT rule, the function its log group's filter feeds.
    ends: [
      /from devices publishing to AWS IoT Core \(an IoT topic rule\): aws_lambda_function\.worker ← aws_sqs_queue\.q \(aws_lambda_event_source_mapping\.m function_name\) ← devices/,
      // Through the group, or straight from the worker: the filter names the worker's own group, whose events are its logs.
      /to function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_lambda_function\.worker → (aws_cloudwatch_log_group\.g|aws_lambda_function\.out)/,
    ],
  },
  iam: {
    title: 'IAM: a function, an instance and an ECS service of the Internet segment reading the queue by an attached policy, a profile, a task role',
    config: sqs({
      aws_iam_role: { fn: role([]), ec2: role([], EC2_TRUST, { name: 'ec2' }), task: role(reads, ECS_TRUST) },
      aws_iam_policy: { p: { name: 'p', policy: policy(reads) } },
      aws_iam_role_policy_attachment: {
        fn: { role: '${aws_iam_role.fn.name}', policy_arn: '${aws_iam_policy.p.arn}' },
        ec2: { role: '${aws_iam_role.ec2.name}', policy_arn: '${aws_iam_policy.p.arn}' },
      },
      aws_iam_instance_profile: { profile: { name: 'web', role: '${aws_iam_role.ec2.name}' } },
      aws_lambda_function: { reader: roleFn('fn', 'in', { function_name: 'reader' }) },
      aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.in.id}', iam_instance_profile: '${aws_iam_instance_profile.profile.name}' } },
      aws_ecs_task_definition: { td: { family: 'app', task_role_arn: '${aws_iam_role.task.arn}', network_mode: 'awsvpc', container_definitions: '[]' } },
      aws_ecs_service: { svc: { name: 'svc', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: [{ subnets: ['${aws_subnet.in.id}'] }] } },
    }),
    expected: [expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: /)],
    ends: [/to ECS service aws_ecs_service\.svc \(in the INTERNET segment\)/, /to function aws_lambda_function\.reader \(in the INTERNET segment\)/,
      /to instance aws_instance\.web \(in the INTERNET segment\)/],
  },
  // (A state machine's definition is validated online at plan time: the API integration stands for the relaying resources.)
  runners: {
    title: 'IAM: an ECS task set of the Internet segment and an API integration acting with their roles (red team 41)',
    config: sqs({
      aws_iam_role: {
        task: role(reads, ECS_TRUST),
        api: role(reads, JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'sts:AssumeRole' }] })),
      },
      aws_ecs_task_definition: { td: { family: 'app', task_role_arn: '${aws_iam_role.task.arn}', network_mode: 'awsvpc', container_definitions: '[]' } },
      aws_ecs_task_set: { set: { cluster: 'c', service: 's', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: [{ subnets: ['${aws_subnet.in.id}'] }] } },
      ...sqsApi('api'),
    }),
    expected: [expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: /)],
    ends: [/to code that aws_ecs_task_set aws_ecs_task_set\.set \(in the INTERNET segment\)/,
      /aws_sqs_queue\.q → aws_api_gateway_rest_api\.api \(aws_iam_role\.api inline_policy\[0\]\.policy\.Statement\[0\]\) → the internet, through the API's public endpoint/],
  },
  grantees: {
    title: 'IAM: a bucket policy naming a My Number function\'s role runs nothing; an HTTP API integration acts with its credentials',
    config: sqs({
      aws_s3_bucket: { b: { bucket: 'jichitai-b' } },
      aws_iam_role: {
        mn: role([statement(['s3:PutObject', 's3:GetObject'], '${aws_s3_bucket.b.arn}/*')]),
        api: role(reads, trust({ Service: 'apigateway.amazonaws.com' })),
      },
      aws_lambda_function: { mnfn: roleFn('mn', 'mn', { function_name: 'mnfn' }) },
      aws_s3_bucket_policy: {
        p: {
          bucket: '${aws_s3_bucket.b.id}',
          policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '${aws_iam_role.mn.arn}' }, Action: 's3:GetObject', Resource: '${aws_s3_bucket.b.arn}/*' }] }),
        },
      },
      ...httpApi({ credentials_arn: '${aws_iam_role.api.arn}' }),
    }),
    // One finding: the API's callers reading the queue; nothing of the bucket policy's principal.
    expected: [expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: .*aws_sqs_queue\.q → aws_apigatewayv2_api\.api \(aws_iam_role\.api inline_policy\[0\]\.policy\.Statement\[0\]\) → the internet/)],
    ends: [],
  },
};

describeWithTerraform('the real terraform: the relay configurations are valid, and their plans give the same relays', () => {
  let dir: string;
  let planned: Record<string, PlannedConfiguration>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-relays-'));
    const setup = prepareTerraform(dir, mirror!, terraform!);
    planned = planTogether(setup, dir, Object.fromEntries(Object.entries(CASES).map(([name, c]) => [name, offline(c.config)])));
  }, 600_000);
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test.each(Object.entries(CASES).map(([name, c]) => [c.title, name] as const))('%s', (_, name) => {
    const { config: c, expected, ends } = CASES[name];
    const plan = planned[name];
    if (plan.error) throw plan.error;
    const fromPlan = relayLines(checkTopology(extractTerraformPlan(plan.plan, { account: OFFLINE_ACCOUNT }), { model: NetworkModel.ALPHA }));
    for (const found of [relays(c), fromPlan]) {
      expect(found).toEqual(expected);
      for (const e of ends) expect(found[0]).toMatch(e);
    }
  });
});
