/**
 * IAM grants as service relays in Terraform (src/guard/extract-terraform.ts `IAM_READERS`; semantics §14, "Grants"):
 * the CloudFormation cases of service-relays-iam.test.ts for the AWS provider's resource types, where policies and
 * members attach by resources of their own (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`,
 * `aws_iam_group_membership`…), read from a JSON configuration (`.tf.json`, cdktf's cdk.tf.json) and from a Terraform
 * plan (extract-terraform-plan.ts reads through the same reader). Before, an Internet-segment function whose role read
 * the queue a My Number host writes through its `sqs` endpoint passed.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App, Fn, TerraformStack, Testing } from 'cdktf';
import { alpha } from '../../examples/blueprints';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { MunicipalNetwork } from '../../src/cdktf';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { notJapanese } from '../support/japanese';
import { EC2_TRUST, ECS_TRUST, endpoint, LAMBDA_TRUST, OWN, PARTITION, policy, RELAY, relays, Resources, role, roleFn, httpApi, sqsApi, statement, threeSegments, trust } from '../support/relays-tf';

const QUEUE_ARN = '${aws_sqs_queue.q.arn}';
const reads = [statement('sqs:ReceiveMessage', QUEUE_ARN)];
const config = (resources: Resources, data: Resources = {}) => threeSegments(resources, data);
const fn = roleFn;
/** An sqs endpoint of the My Number segment and a queue, with `more`. */
const sqs = (more: Resources, data: Resources = {}) => config({ aws_vpc_endpoint: { sqs: endpoint('sqs') }, aws_sqs_queue: { q: { name: 'q' } }, ...more }, data);

describe('Terraform: IAM grants carry data as relays do', () => {
  test('a function of the Internet segment whose role reads the queue My Number writes through its sqs endpoint: MN-1, naming the statement', () => {
    const found = relays(sqs({ aws_iam_role: { reader: role(reads) }, aws_lambda_function: { reader: fn('reader', 'in') } }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp('^MN-1 aws_vpc_endpoint\\.sqs: .*to function aws_lambda_function\\.reader \\(in the INTERNET segment\\): '
      + 'aws_vpc_endpoint\\.sqs → aws_sqs_queue\\.q → aws_lambda_function\\.reader \\(aws_iam_role\\.reader inline_policy\\[0\\]\\.policy\\.Statement\\[0\\]\\)'));
  });

  test('controls: grants on another service, metadata only, code of the same segment, a role no Internet code runs with, an emptied inline policy pass', () => {
    expect(relays(sqs({ aws_iam_role: { reader: role([statement('sqs:GetQueueAttributes', '*')]) }, aws_lambda_function: { reader: fn('reader', 'in') } }))).toEqual([]);
    expect(relays(sqs({ aws_iam_role: { reader: role([statement('s3:GetObject', '*')]) }, aws_lambda_function: { reader: fn('reader', 'in') } }))).toEqual([]);
    expect(relays(sqs({ aws_iam_role: { reader: role(reads) }, aws_lambda_function: { reader: fn('reader', 'mn') } }))).toEqual([]);
    expect(relays(sqs({ aws_iam_role: { reader: role(reads), other: role([]) }, aws_lambda_function: { reader: fn('other', 'in') } }))).toEqual([]);
    // `inline_policy {}` with no policy removes the role's inline policies (hashicorp/aws, iam_role).
    expect(relays(sqs({ aws_iam_role: { reader: role([], LAMBDA_TRUST, { inline_policy: [{}] }) }, aws_lambda_function: { reader: fn('reader', 'in') } }))).toEqual([]);
  });

  test('a wildcard resource, an action family and a queue ARN pattern reach every queue of the configuration', () => {
    // `…:*` is the resource part, every queue (not a log group's streams, as `…:log-group:g:*` is).
    for (const [action, resource] of [['sqs:ReceiveMessage', '*'], ['sqs:Receive*', '*'], ['sqs:*', `arn:${PARTITION}:sqs:\${data.aws_region.here.name}:${OWN}:q*`],
      ['sqs:ReceiveMessage', `arn:aws:sqs:ap-northeast-1:${OWN}:*`], ['*', '*']] as const) {
      expect(relays(sqs({ aws_iam_role: { reader: role([statement(action, resource)]) }, aws_lambda_function: { reader: fn('reader', 'in') } }))).toHaveLength(1);
    }
  });

  test('what a My Number function writes to a bucket with its role, a function outside every VPC reads with its own: MN-1 at the function', () => {
    const objects = '${aws_s3_bucket.b.arn}/*';
    const c = (writer: string) => config({
      aws_s3_bucket: { b: {} },
      aws_iam_role: { writer: role([statement(writer, objects)]), reader: role([statement(['s3:GetObject'], objects)]) },
      aws_lambda_function: { writer: fn('writer', 'mn'), reader: fn('reader') },
    });
    expect(relays(c('s3:PutObject'))).toEqual([expect.stringMatching(new RegExp('^MN-1 aws_lambda_function\\.writer: function aws_lambda_function\\.writer of the My Number segment '
      + '.*to function aws_lambda_function\\.reader, which runs outside every VPC, with the internet: aws_lambda_function\\.writer → aws_s3_bucket\\.b \\(aws_iam_role\\.writer .*\\) '
      + '→ aws_lambda_function\\.reader \\(aws_iam_role\\.reader '))]);
    // Reading only on both sides: nothing leaves.
    expect(relays(c('s3:GetObject'))).toEqual([]);
  });

  test('a reference inside an object key names objects of the bucket (a prefix match), not the resource it refers to', () => {
    const c = (resource: string, bucket = 'b') => config({
      aws_s3_bucket: { b: { bucket } },
      aws_iam_role: { writer: role([statement('s3:PutObject', resource)]), reader: role([statement(['s3:GetObject'], '${aws_s3_bucket.b.arn}/*')]) },
      aws_lambda_function: { writer: fn('writer', 'mn'), reader: fn('reader') },
    });
    const found = [expect.stringMatching(/^MN-1 aws_lambda_function\.writer: .*aws_lambda_function\.writer → aws_s3_bucket\.b .*→ aws_lambda_function\.reader/)];
    expect(relays(c('arn:aws:s3:::b/${aws_iam_role.writer.name}'))).toEqual(found);
    expect(relays(c(`arn:${PARTITION}:s3:::b/\${aws_iam_role.writer.name}/*`))).toEqual(found);
    // The bucket given by a reference too: every bucket of the configuration (fail closed).
    expect(relays(c('${aws_s3_bucket.b.arn}/${aws_iam_role.writer.name}'))).toEqual(found);
    // A reference with text around it in a name: every bucket.
    expect(relays(c('arn:aws:s3:::app-${aws_iam_role.writer.name}'))).toEqual(found);
    // Controls: the bucket of another name holds the writer's objects elsewhere (the outside, not the reader).
    expect(relays(c('arn:aws:s3:::b/${aws_iam_role.writer.name}', 'c'))).not.toContainEqual(expect.stringMatching(/aws_lambda_function\.reader/));
  });

  test('AWS managed policies, by managed_policy_arns or an attachment of a literal ARN: the Lambda basic execution role writes every log group; an unknown one grants everything', () => {
    const arn = (name: string) => `arn:${PARTITION}:iam::aws:policy/${name}`;
    const managed = (name: string) => role([], LAMBDA_TRUST, { managed_policy_arns: [arn(name)] });
    const logs = { aws_vpc_endpoint: { logs: endpoint('logs') }, aws_cloudwatch_log_group: { g: { name: 'g' } } };
    // Data an internet-side function writes into a log group the segment's hosts read through their logs endpoint.
    expect(relays(config({ ...logs, aws_iam_role: { r: managed('service-role/AWSLambdaBasicExecutionRole') }, aws_lambda_function: { out: fn('r') } })))
      .toEqual([expect.stringMatching(new RegExp('^MN-1 aws_vpc_endpoint\\.logs: .*from function aws_lambda_function\\.out, which runs outside every VPC, with the internet: '
        + 'aws_vpc_endpoint\\.logs → aws_cloudwatch_log_group\\.g ← aws_lambda_function\\.out \\(aws_iam_role\\.r managed_policy_arns\\[0\\]\\.Statement\\[0\\]\\)'))]);
    expect(relays(config({
      ...logs,
      aws_iam_role: { r: role([]) },
      aws_lambda_function: { out: fn('r') },
      aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' } },
    }))).toEqual([expect.stringMatching(/← aws_lambda_function\.out \(aws_iam_role_policy_attachment\.a policy_arn\.Statement\[0\]\)/)]);
    // Systems Manager's instance policy touches no relaying service.
    expect(relays(sqs({ aws_iam_role: { r: managed('AmazonSSMManagedInstanceCore') }, aws_lambda_function: { out: fn('r') } }))).toEqual([]);
    expect(relays(sqs({ aws_iam_role: { r: managed('AmazonSQSFullAccess') }, aws_lambda_function: { out: fn('r') } }))).toHaveLength(1);
    // A customer managed policy the configuration does not hold, by its ARN or a variable: anything.
    for (const other of ['arn:aws:iam::111122223333:policy/app', '${var.policy}']) {
      expect(relays(sqs({
        aws_iam_role: { r: role([]) }, aws_lambda_function: { out: fn('r') }, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: other } },
      }))).toHaveLength(1);
    }
  });

  test('policies of the configuration attached by aws_iam_role_policy_attachment, aws_iam_policy_attachment, managed_policy_arns and aws_iam_role_policy count as the role\'s', () => {
    const common = { aws_lambda_function: { reader: fn('r', 'in') } };
    const p = { aws_iam_policy: { p: { name: 'p', policy: policy(reads) } } };
    expect(relays(sqs({ ...common, ...p, aws_iam_role: { r: role([]) }, aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: '${aws_iam_policy.p.arn}' } } })))
      .toEqual([expect.stringMatching(/→ aws_lambda_function\.reader \(aws_iam_policy\.p policy\.Statement\[0\]\)/)]);
    expect(relays(sqs({ ...common, ...p, aws_iam_role: { r: role([]) }, aws_iam_policy_attachment: { a: { name: 'a', roles: ['${aws_iam_role.r.name}'], policy_arn: '${aws_iam_policy.p.arn}' } } })))
      .toHaveLength(1);
    expect(relays(sqs({ ...common, ...p, aws_iam_role: { r: role([], LAMBDA_TRUST, { managed_policy_arns: ['${aws_iam_policy.p.arn}'] }) } }))).toHaveLength(1);
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([]) }, aws_iam_role_policy: { p: { role: '${aws_iam_role.r.id}', policy: policy(reads) } } })))
      .toEqual([expect.stringMatching(/→ aws_lambda_function\.reader \(aws_iam_role_policy\.p policy\.Statement\[0\]\)/)]);
    // The role by its literal name, the policy by its ARN built from the deploying account.
    expect(relays(sqs({
      ...common,
      ...p,
      aws_iam_role: { r: role([], LAMBDA_TRUST, { name: 'reader-role' }) },
      aws_iam_role_policy_attachment: { a: { role: 'reader-role', policy_arn: `arn:${PARTITION}:iam::${OWN}:policy/p` } },
    }))).toEqual([expect.stringMatching(/→ aws_lambda_function\.reader \(aws_iam_policy\.p policy\.Statement\[0\]\)/)]);
    // Control: attached to another role.
    expect(relays(sqs({
      ...common,
      ...p,
      aws_iam_role: { r: role([]), other: role([]) },
      aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.other.name}', policy_arn: '${aws_iam_policy.p.arn}' } },
    }))).toEqual([]);
    // A role the guard cannot read (`each.value`, a variable) may be any role of the configuration.
    expect(relays(sqs({
      ...common,
      ...p,
      aws_iam_role: { r: role([]), other: role([]) },
      aws_iam_role_policy_attachment: { a: { role: '${var.role}', policy_arn: '${aws_iam_policy.p.arn}' } },
    }))).toHaveLength(1);
  });

  test('policies as Terraform writes them: a policy document data source, jsonencode() of literal HCL; an expression grants everything', () => {
    const common = { aws_lambda_function: { reader: fn('r', 'in') } };
    const doc = { aws_iam_policy_document: { reads: { statement: [{ actions: ['sqs:ReceiveMessage'], resources: [QUEUE_ARN] }] }, other: { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] } } };
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([], LAMBDA_TRUST, { inline_policy: [{ name: 'p', policy: '${data.aws_iam_policy_document.reads.json}' }] }) } }, doc)))
      .toHaveLength(1);
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([], LAMBDA_TRUST, { inline_policy: [{ name: 'p', policy: '${data.aws_iam_policy_document.other.json}' }] }) } }, doc)))
      .toEqual([]);
    const encoded = '${jsonencode({"Version" = "2012-10-17", "Statement" = [{"Effect" = "Allow", "Action" = "sqs:ReceiveMessage", "Resource" = aws_sqs_queue.q.arn}]})}';
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([]) }, aws_iam_role_policy: { p: { role: '${aws_iam_role.r.id}', policy: encoded } } }))).toHaveLength(1);
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([]) }, aws_iam_role_policy: { p: { role: '${aws_iam_role.r.id}', policy: encoded.replace('sqs:ReceiveMessage', 'sqs:GetQueueAttributes') } } })))
      .toEqual([]);
    for (const unread of ['${var.policy}', '${file("p.json")}']) {
      expect(relays(sqs({ ...common, aws_iam_role: { r: role([]) }, aws_iam_role_policy: { p: { role: '${aws_iam_role.r.id}', policy: unread } } }))).toHaveLength(1);
    }
    // An inline policy block made by a dynamic block: anything.
    expect(relays(sqs({ ...common, aws_iam_role: { r: role([], LAMBDA_TRUST, { dynamic: { inline_policy: { for_each: '${var.p}', content: { name: 'p', policy: '${inline_policy.value}' } } } }) } })))
      .toHaveLength(1);
  });

  test('an instance (by its profile or launch template), an Auto Scaling group and an ECS service of the Internet segment run with their roles too', () => {
    const withProfile = (more: Resources) => sqs({
      aws_iam_role: { r: role(reads, EC2_TRUST) }, aws_iam_instance_profile: { profile: { name: 'web', role: '${aws_iam_role.r.name}' } }, ...more,
    });
    expect(relays(withProfile({ aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.in.id}', iam_instance_profile: '${aws_iam_instance_profile.profile.name}' } } })))
      .toEqual([expect.stringMatching(/to instance aws_instance\.web \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_instance\.web/)]);
    // By the profile's literal name; a control in the My Number segment.
    expect(relays(withProfile({ aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.in.id}', iam_instance_profile: 'web' } } }))).toHaveLength(1);
    expect(relays(withProfile({ aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}', iam_instance_profile: 'web' } } }))).toEqual([]);
    const template = { aws_launch_template: { lt: { name: 'lt', image_id: 'ami-12345678', iam_instance_profile: [{ arn: '${aws_iam_instance_profile.profile.arn}' }] } } };
    expect(relays(withProfile({ ...template, aws_instance: { web: { subnet_id: '${aws_subnet.in.id}', launch_template: [{ id: '${aws_launch_template.lt.id}' }] } } })))
      .toEqual([expect.stringMatching(/to instance aws_instance\.web \(in the INTERNET segment\)/)]);
    expect(relays(withProfile({
      ...template, aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.in.id}'], launch_template: [{ id: '${aws_launch_template.lt.id}' }] } },
    }))).toEqual([expect.stringMatching(/to Auto Scaling group aws_autoscaling_group\.asg \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_autoscaling_group\.asg/)]);
    expect(relays(withProfile({
      ...template,
      aws_autoscaling_group: {
        asg: {
          min_size: 1,
          max_size: 1,
          vpc_zone_identifier: ['${aws_subnet.in.id}'],
          mixed_instances_policy: [{ launch_template: [{ launch_template_specification: [{ launch_template_name: 'lt' }] }] }],
        },
      },
    }))).toHaveLength(1);
    expect(relays(withProfile({
      aws_launch_configuration: { lc: { image_id: 'ami-12345678', instance_type: 't3.micro', iam_instance_profile: '${aws_iam_instance_profile.profile.name}' } },
      aws_autoscaling_group: { asg: { min_size: 1, max_size: 1, vpc_zone_identifier: ['${aws_subnet.in.id}'], launch_configuration: '${aws_launch_configuration.lc.name}' } },
    }))).toHaveLength(1);
    const service = (taskDefinition: string) => sqs({
      aws_iam_role: { r: role(reads, ECS_TRUST) },
      aws_ecs_task_definition: { td: { family: 'app', task_role_arn: '${aws_iam_role.r.arn}', network_mode: 'awsvpc', container_definitions: '[]' } },
      aws_ecs_service: { svc: { name: 'svc', task_definition: taskDefinition, network_configuration: [{ subnets: ['${aws_subnet.in.id}'], security_groups: ['${aws_security_group.in.id}'] }] } },
    });
    expect(relays(service('${aws_ecs_task_definition.td.arn}')))
      .toEqual([expect.stringMatching(/to ECS service aws_ecs_service\.svc \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_ecs_service\.svc/)]);
    // By family and revision.
    expect(relays(service('app:3'))).toHaveLength(1);
  });

  test('whoever else may act with a principal is the outside: a trust policy naming an account, a service running code the guard does not place, IAM users and groups', () => {
    expect(relays(sqs({ aws_iam_role: { r: role(reads, trust({ AWS: `arn:${PARTITION}:iam::${OWN}:root` })) } })))
      .toEqual([expect.stringMatching(/to principals the trust policy of role aws_iam_role\.r lets act as it \(AWS .*root.*\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → principals/)]);
    expect(relays(sqs({ aws_iam_role: { r: role(reads, trust({ Service: 'codebuild.amazonaws.com' })) } })))
      .toEqual([expect.stringMatching(/to code codebuild\.amazonaws\.com runs with role aws_iam_role\.r, which the guard does not place/)]);
    expect(relays(sqs({ aws_iam_user: { u: { name: 'u' } }, aws_iam_user_policy: { p: { user: '${aws_iam_user.u.name}', policy: policy(reads) } } })))
      .toEqual([expect.stringMatching(/to IAM user aws_iam_user\.u, whose credentials may be used from anywhere/)]);
    // A group's policy goes with its members (by aws_iam_user_group_membership or aws_iam_group_membership) and their credentials.
    const group = { aws_iam_user: { u: { name: 'u' } }, aws_iam_group: { g: { name: 'g' } }, aws_iam_group_policy: { p: { group: '${aws_iam_group.g.name}', policy: policy(reads) } } };
    for (const membership of <Resources[]>[
      { aws_iam_user_group_membership: { m: { user: '${aws_iam_user.u.name}', groups: ['${aws_iam_group.g.name}'] } } },
      { aws_iam_group_membership: { m: { name: 'm', group: 'g', users: ['u'] } } },
    ]) {
      const found = relays(sqs({ ...group, ...membership }));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/to IAM user aws_iam_user\.u, whose credentials may be used from anywhere/);
      expect(found[0]).toMatch(/to the members of IAM group aws_iam_group\.g, whose credentials may be used from anywhere/);
    }
    expect(relays(sqs(group))[0]).not.toMatch(/IAM user/);
    // A role only the relaying services use (a state machine's, a rule's): their deliveries are what is followed.
    expect(relays(sqs({ aws_iam_role: { r: role(reads, trust({ Service: 'states.amazonaws.com' })) } }))).toEqual([]);
    // A trust policy the guard cannot read lets anyone act.
    expect(relays(sqs({ aws_iam_role: { r: role(reads, '${var.trust}') } })))
      .toEqual([expect.stringMatching(/to anyone a trust policy the guard cannot read lets act as role aws_iam_role\.r/)]);
  });

  test('a function whose role the guard cannot read (a literal ARN, a variable, a data source) may do anything', () => {
    for (const unread of ['arn:aws:iam::111122223333:role/existing', '${var.role}', '${data.aws_iam_role.existing.arn}']) {
      const found = relays(sqs({ aws_lambda_function: { out: { ...fn('x'), role: unread } } }));
      expect(found).toEqual([expect.stringMatching(
        /to function aws_lambda_function\.out, which runs outside every VPC, with the internet: aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_lambda_function\.out \(aws_lambda_function\.out principal .*, which the guard cannot read\)/)]);
    }
    // An instance profile given by a variable too.
    expect(relays(sqs({ aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.in.id}', iam_instance_profile: '${var.profile}' } } })))
      .toHaveLength(1);
  });

  test('the Japanese message words the principal the guard cannot read', () => {
    for (const more of <Resources[]>[
      { aws_lambda_function: { out: { ...fn('x'), role: 'arn:aws:iam::111122223333:role/existing' } } },
      { aws_lambda_function: { out: { ...fn('x'), role: '${var.role}' } } },
      { aws_instance: { web: { subnet_id: '${aws_subnet.in.id}', dynamic: { launch_template: { for_each: '${var.t}', content: { id: '${launch_template.value}' } } } } } },
    ]) {
      const found = checkTopology(extractTerraform({ t: sqs(more) }), { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message));
      expect(found).toHaveLength(1);
      expect(found[0].ja?.message).toMatch(/ガードが読めないプリンシパル/);
      expect(notJapanese(found[0].ja?.message)).toBeUndefined();
    }
    // A My Number function that may call anything reaches the internet through a public API: the outside worded in the chain too.
    const api = checkTopology(extractTerraform({
      t: config({
        aws_api_gateway_rest_api: { api: { name: 'api' } }, aws_lambda_function: { out: { ...fn('x', 'mn'), role: '${var.role}' } },
      }),
    }), { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message));
    expect(api).toHaveLength(1);
    expect(api[0].message).toMatch(/→ aws_api_gateway_rest_api\.api \(aws_lambda_function\.out principal .*\) → the internet, through the API's public endpoint/);
    expect(notJapanese(api[0].ja?.message)).toBeUndefined();
  });
});

describe('CDKTF: provider-aws IAM beside the α example', () => {
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
  const trustLambda = Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  /** A My Number function that writes into the bucket with its role, and a function outside every VPC that reads it (`action`) with its own. */
  const add = (action: string) => (stack: TerraformStack, net: MunicipalNetwork) => {
    const bucket = new S3Bucket(stack, 'Handoff', { bucket: 'handoff' });
    const grant = (id: string, a: string) => new IamRole(stack, id, {
      assumeRolePolicy: trustLambda,
      inlinePolicy: [{ name: 'p', policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: `${bucket.arn}/*` }] }) }],
    });
    new LambdaFunction(stack, 'Worker', {
      functionName: 'worker',
      role: grant('WorkerRole', 's3:PutObject').arn,
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      filename: 'fn.zip',
      vpcConfig: { subnetIds: net.myNumber.workloadSubnetIds, securityGroupIds: [new SecurityGroup(stack, 'WorkerSg', { vpcId: net.myNumber.vpcId, egress: [], ingress: [] }).id] },
    });
    new LambdaFunction(stack, 'Out', { functionName: 'out', role: grant('OutRole', action).arn, runtime: 'nodejs20.x', handler: 'index.handler', filename: 'fn.zip' });
  };

  test('what a My Number function writes to a bucket, a function outside every VPC reads with its role: refused; writing only on both sides synthesizes', () => {
    expect(synth(add('s3:GetObject'))).toMatch(/MN-1 critical.*through AWS services that deliver it on their own/);
    expect(synth(add('s3:PutObject'))).toBe('');
  });
});

/** The outside tester's red team 41 cases (service-relays-iam.test.ts, "outside tester") for the AWS provider's types: each passed MN-1 before. */
describe('Terraform: IAM grants — outside tester (red team 41)', () => {
  const STATES_TRUST = trust({ Service: 'states.amazonaws.com' });
  const TASKS_ROLE = { aws_iam_role: { r: role(reads, ECS_TRUST) } };
  const TASK = { aws_ecs_task_definition: { td: { family: 'app', task_role_arn: '${aws_iam_role.r.arn}', network_mode: 'awsvpc', container_definitions: '[]' } } };
  const IN_NETWORK = [{ subnets: ['${aws_subnet.in.id}'], security_groups: ['${aws_security_group.in.id}'] }];

  test('code the IAM readers do not place runs with its roles where its subnets say, or anywhere: an ECS task set, rule and schedule targets, a Batch job, an EKS node group, a fleet, an EMR cluster', () => {
    expect(relays(sqs({ ...TASKS_ROLE, ...TASK, aws_ecs_task_set: { set: { cluster: 'c', service: 's', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: IN_NETWORK } } })))
      .toEqual([expect.stringMatching(/to code that aws_ecs_task_set aws_ecs_task_set\.set \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_ecs_task_set\.set \(aws_iam_role\.r inline_policy/)]);
    // The same task set in the My Number segment: a control.
    expect(relays(sqs({ ...TASKS_ROLE, ...TASK, aws_ecs_task_set: { set: { cluster: 'c', service: 's', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: [{ subnets: ['${aws_subnet.mn.id}'] }] } } })))
      .toEqual([]);
    expect(relays(sqs({
      ...TASKS_ROLE,
      ...TASK,
      aws_cloudwatch_event_rule: { every: { schedule_expression: 'rate(5 minutes)' } },
      aws_cloudwatch_event_target: {
        run: {
          rule: '${aws_cloudwatch_event_rule.every.name}',
          arn: 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c',
          role_arn: 'x',
          ecs_target: [{ task_definition_arn: '${aws_ecs_task_definition.td.arn}', launch_type: 'FARGATE', network_configuration: IN_NETWORK }],
        },
      },
    }))).toEqual([expect.stringMatching(/to code that aws_cloudwatch_event_target aws_cloudwatch_event_target\.run \(in the INTERNET segment\)/)]);
    expect(relays(sqs({
      ...TASKS_ROLE,
      ...TASK,
      aws_scheduler_schedule: {
        s: {
          schedule_expression: 'rate(1 hour)',
          flexible_time_window: [{ mode: 'OFF' }],
          target: [{
            arn: 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c',
            role_arn: 'x',
            ecs_parameters: [{ task_definition_arn: '${aws_ecs_task_definition.td.arn}' }],
          }],
        },
      },
    }))).toEqual([expect.stringMatching(/to code that aws_scheduler_schedule aws_scheduler_schedule\.s \(in a subnet the guard cannot place\)/)]);
    // A job role in the container properties' JSON (jsonencode in cdktf), no subnets: anywhere.
    expect(relays(sqs({ ...TASKS_ROLE, aws_batch_job_definition: { job: { name: 'j', type: 'container', container_properties: '${jsonencode({"image" = "x", "jobRoleArn" = aws_iam_role.r.arn})}' } } })))
      .toHaveLength(1);
    expect(relays(sqs({
      aws_iam_role: { r: role(reads, EC2_TRUST) },
      aws_eks_node_group: {
        nodes: {
          cluster_name: 'c',
          node_role_arn: '${aws_iam_role.r.arn}',
          subnet_ids: ['${aws_subnet.in.id}'],
          scaling_config: [{ desired_size: 1, max_size: 1, min_size: 1 }],
        },
      },
    })))
      .toEqual([expect.stringMatching(/to code that aws_eks_node_group aws_eks_node_group\.nodes \(in the INTERNET segment\)/)]);
    const profile = { aws_iam_role: { r: role(reads, EC2_TRUST) }, aws_iam_instance_profile: { p: { role: '${aws_iam_role.r.name}' } } };
    expect(relays(sqs({
      ...profile,
      aws_launch_template: { lt: { image_id: 'ami-12345678', iam_instance_profile: [{ arn: '${aws_iam_instance_profile.p.arn}' }] } },
      aws_ec2_fleet: {
        f: {
          launch_template_config: [{
            launch_template_specification: [{ launch_template_id: '${aws_launch_template.lt.id}', version: '$Latest' }],
            override: [{ subnet_id: '${aws_subnet.in.id}' }],
          }],
          target_capacity_specification: [{ default_target_capacity_type: 'on-demand', total_target_capacity: 1 }],
        },
      },
    }))).toEqual([expect.stringMatching(/to code that aws_ec2_fleet aws_ec2_fleet\.f \(in the INTERNET segment\)/)]);
    expect(relays(sqs({
      ...profile,
      aws_emr_cluster: { e: { name: 'e', release_label: 'emr-7.0.0', service_role: 'EMR_DefaultRole', ec2_attributes: [{ subnet_id: '${aws_subnet.in.id}', instance_profile: '${aws_iam_instance_profile.p.arn}' }] } },
    }))).toEqual([expect.stringMatching(/to code that aws_emr_cluster aws_emr_cluster\.e \(in the INTERNET segment\)/)]);
    // A role only a relaying service assumes, named by another resource (a flow log's): not code of the configuration.
    expect(relays(sqs({
      aws_iam_role: { r: role(reads, trust({ Service: 'vpc-flow-logs.amazonaws.com' })) },
      aws_flow_log: { f: { iam_role_arn: '${aws_iam_role.r.arn}', vpc_id: '${aws_vpc.in.id}', traffic_type: 'ALL', log_destination: '${aws_cloudwatch_log_group.g.arn}' } },
      aws_cloudwatch_log_group: { g: { name: 'g' } },
    }))).toEqual([]);
  });

  test('relaying resources act with their own roles beyond their declared deliveries: a state machine, an API integration\'s credentials, an AppSync data source, a Kinesis Data Analytics application', () => {
    const definition = JSON.stringify({ StartAt: 'R', States: { R: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:sqs:receiveMessage', Parameters: { 'QueueUrl.$': '$.q' }, End: true } } });
    expect(relays(sqs({ aws_iam_role: { r: role(reads, STATES_TRUST) }, aws_sfn_state_machine: { m: { role_arn: '${aws_iam_role.r.arn}', definition } } })))
      .toEqual([expect.stringMatching(/aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_sfn_state_machine\.m \(aws_iam_role\.r inline_policy.* → a Step Functions aws-sdk integration/)]);
    // A machine with a role that reads nothing: a control; with a role the guard cannot read: anything.
    expect(relays(sqs({ aws_iam_role: { r: role(reads, STATES_TRUST), quiet: role([], STATES_TRUST) }, aws_sfn_state_machine: { m: { role_arn: '${aws_iam_role.quiet.arn}', definition } } })))
      .toEqual([]);
    expect(relays(sqs({ aws_sfn_state_machine: { m: { role_arn: 'arn:aws:iam::111122223333:role/x', definition } } })))
      .toEqual([expect.stringMatching(/aws_sfn_state_machine\.m principal arn:aws:iam::111122223333:role\/x, which is not in the synthesized output/)]);
    expect(relays(sqs({
      aws_iam_role: { r: role(reads, trust({ Service: 'apigateway.amazonaws.com' })) },
      ...sqsApi('r'),
    }))).toEqual([expect.stringMatching(/aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_api_gateway_rest_api\.api \(aws_iam_role\.r inline_policy.* → the internet, through the API's public endpoint/)]);
    expect(relays(sqs({
      aws_iam_role: { r: role(reads, trust({ Service: 'appsync.amazonaws.com' })) },
      aws_appsync_graphql_api: { g: { name: 'g', authentication_type: 'API_KEY' } },
      aws_appsync_datasource: {
        ds: {
          api_id: '${aws_appsync_graphql_api.g.id}',
          name: 'sqs',
          type: 'HTTP',
          service_role_arn: '${aws_iam_role.r.arn}',
          http_config: [{ endpoint: 'https://sqs.ap-northeast-1.amazonaws.com/' }],
        },
      },
    }))).toEqual([expect.stringMatching(/aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → the callers of an AppSync GraphQL API \(aws_iam_role\.r inline_policy/)]);
    expect(relays(sqs({
      aws_iam_role: { r: role(reads, trust({ Service: 'kinesisanalytics.amazonaws.com' })) },
      aws_kinesisanalyticsv2_application: { k: { name: 'k', runtime_environment: 'FLINK-1_18', service_execution_role: '${aws_iam_role.r.arn}' } },
    }))).toEqual([expect.stringMatching(/→ Kinesis Data Analytics application aws_kinesisanalyticsv2_application\.k, whose code the guard does not read/)]);
  });

  test('State Manager and Run Command targets run on the instances: an association writing their output, a rule target', () => {
    const host = { aws_instance: { mnhost: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.mn.id}' } } };
    const out = { aws_iam_role: { r: role([statement('s3:GetObject', '${aws_s3_bucket.b.arn}/*')]) }, aws_lambda_function: { out: fn('r') }, aws_s3_bucket: { b: {} } };
    expect(relays(config({
      ...host,
      ...out,
      aws_ssm_association: { a: { name: 'AWS-RunShellScript', targets: [{ key: 'tag:a', values: ['b'] }], output_location: [{ s3_bucket_name: '${aws_s3_bucket.b.id}' }] } },
    }))).toEqual([expect.stringMatching(/^MN-1 aws_instance\.mnhost: .*aws_instance\.mnhost → aws_s3_bucket\.b \(aws_ssm_association\.a output_location/)]);
    // No output bucket: a control.
    expect(relays(config({ ...host, ...out, aws_ssm_association: { a: { name: 'AWS-RunShellScript', targets: [{ key: 'tag:a', values: ['b'] }] } } }))).toEqual([]);
    const rule = (target: Record<string, unknown>) => config({
      ...host,
      aws_iam_role: { r: role([statement('events:PutEvents', '*')]) },
      aws_lambda_function: { out: fn('r') },
      aws_cloudwatch_event_rule: { rule: { event_pattern: '{"source":["x"]}' } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.rule.name}', arn: 'arn:aws:ssm:ap-northeast-1::document/AWS-RunShellScript', ...target } },
    });
    expect(relays(rule({ run_command_targets: [{ key: 'tag:a', values: ['b'] }] }))).toEqual([expect.stringMatching(/^MN-1 aws_instance\.mnhost: .*function aws_lambda_function\.out/)]);
  });

  test('an IAM Identity Center permission set\'s policies go with the people assigned it, from anywhere', () => {
    const set = { aws_ssoadmin_permission_set: { ps: { name: 'p', instance_arn: 'arn:aws:sso:::instance/ssoins-1' } } };
    const attached = (more: Resources) => relays(sqs({ ...set, ...more }));
    expect(attached({ aws_ssoadmin_permission_set_inline_policy: { p: { instance_arn: 'arn:aws:sso:::instance/ssoins-1', permission_set_arn: '${aws_ssoadmin_permission_set.ps.arn}', inline_policy: policy(reads) } } }))
      .toEqual([expect.stringMatching(/to the people assigned IAM Identity Center permission set aws_ssoadmin_permission_set\.ps, who may act from anywhere/)]);
    const ja = checkTopology(extractTerraform({ t: sqs({ ...set, aws_ssoadmin_permission_set_inline_policy: { p: { instance_arn: 'x', permission_set_arn: '${aws_ssoadmin_permission_set.ps.arn}', inline_policy: policy(reads) } } }) }),
      { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message)).map((f) => f.ja?.message);
    expect(notJapanese(ja[0])).toBeUndefined();
    // Metadata only: a control.
    expect(attached({ aws_ssoadmin_permission_set_inline_policy: { p: { instance_arn: 'x', permission_set_arn: '${aws_ssoadmin_permission_set.ps.arn}', inline_policy: policy([statement('sqs:GetQueueAttributes', '*')]) } } }))
      .toEqual([]);
    // An AWS managed policy the guard does not know, a customer managed policy (each account's own): everything.
    expect(attached({ aws_ssoadmin_managed_policy_attachment: { p: { instance_arn: 'x', permission_set_arn: '${aws_ssoadmin_permission_set.ps.arn}', managed_policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } } }))
      .toHaveLength(1);
    expect(attached({ aws_ssoadmin_customer_managed_policy_attachment: { p: { instance_arn: 'x', permission_set_arn: '${aws_ssoadmin_permission_set.ps.arn}', customer_managed_policy_reference: [{ name: 'reader' }] } } }))
      .toHaveLength(1);
  });
});

/** Red team 41's leftovers (service-relays-iam.test.ts, "who runs with a role"): what names a role without running with it. */
describe('Terraform: IAM grants — who runs with a role, and who is only granted access', () => {
  const OBJECTS = '${aws_s3_bucket.b.arn}/*';
  const MN_ROLE = '${aws_iam_role.mn.arn}';
  /** A My Number function whose role writes and reads the bucket: its grants go nowhere else (no finding) unless other code runs with it. */
  const MN: Resources = { aws_s3_bucket: { b: {} }, aws_iam_role: { mn: role([statement(['s3:PutObject', 's3:GetObject'], OBJECTS)]) }, aws_lambda_function: { mnfn: fn('mn', 'mn') } };
  const doc = (s: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: OBJECTS, ...s }] });
  const withPolicy = (text: unknown, data: Resources = {}) => relays(config({ ...MN, aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: text } } }, data));

  test('a resource policy naming the function\'s role as its principal runs no code with it: the My Number function is not refused for it', () => {
    expect(relays(config(MN))).toEqual([]);
    expect(withPolicy(doc({ Principal: { AWS: MN_ROLE } }))).toEqual([]);
    expect(withPolicy(JSON.stringify({ Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [MN_ROLE] }, Action: 's3:*', Resource: OBJECTS }] }))).toEqual([]);
    // Everyone of the account, held to the role by a condition.
    expect(withPolicy(doc({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': OWN }, ArnEquals: { 'aws:PrincipalArn': MN_ROLE } } }))).toEqual([]);
    // jsonencode() of literal HCL (cdktf's Fn.jsonencode), and a policy document data source's principals.
    expect(withPolicy('${jsonencode({"Statement" = [{"Effect" = "Allow", "Principal" = {"AWS" = aws_iam_role.mn.arn}, "Action" = "s3:GetObject", "Resource" = "${aws_s3_bucket.b.arn}/*"}]})}'))
      .toEqual([]);
    expect(withPolicy('${data.aws_iam_policy_document.d.json}', {
      aws_iam_policy_document: { d: { statement: [{ actions: ['s3:GetObject'], resources: [OBJECTS], principals: [{ type: 'AWS', identifiers: [MN_ROLE] }] }] } },
    })).toEqual([]);
    const statementOn = (action: string, resource: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: [MN_ROLE, `arn:aws:iam::${OWN}:root`] }, Action: action, Resource: resource }] });
    expect(relays(config({ ...MN, aws_sqs_queue: { q: { name: 'q' } }, aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.id}', policy: statementOn('sqs:SendMessage', QUEUE_ARN) } } })))
      .toEqual([]);
    expect(relays(config({ ...MN, aws_kms_key: { k: { policy: statementOn('kms:*', '*') } } }))).toEqual([]);
    // A Lambda permission names who may invoke the function and from where: nothing of it runs with the role.
    expect(relays(config({
      ...MN, aws_lambda_permission: { perm: { function_name: '${aws_lambda_function.mnfn.function_name}', action: 'lambda:InvokeFunction', principal: MN_ROLE, source_arn: MN_ROLE } },
    }))).toEqual([]);
  });

  test('code that runs with the role is still refused, beside a policy naming it: a Batch job definition, a policy text naming it outside a principal', () => {
    const toJob = /^MN-1 aws_lambda_function\.mnfn: .*to code that aws_batch_job_definition aws_batch_job_definition\.job \(in a subnet the guard cannot place\)/;
    const job = (container: string) => ({ aws_batch_job_definition: { job: { name: 'j', type: 'container', container_properties: container } } });
    const found = relays(config({
      ...MN, ...job('${jsonencode({"image" = "x", "jobRoleArn" = aws_iam_role.mn.arn})}'), aws_s3_bucket_policy: { p: { bucket: '${aws_s3_bucket.b.id}', policy: doc({ Principal: { AWS: MN_ROLE } }) } },
    }));
    expect(found).toContainEqual(expect.stringMatching(toJob));
    expect(found.filter((f) => /bucket_policy/.test(f))).toEqual([]);
    // The role's ARN in a JSON text outside a statement's principal.
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: MN_ROLE, Principal: 'x' })) }))).toContainEqual(expect.stringMatching(toJob));
  });
  test('an HTTP API\'s integration acts with its credentials role for the API\'s callers (aws_apigatewayv2_integration credentials_arn)', () => {
    const API_TRUST = trust({ Service: 'apigateway.amazonaws.com' });
    // An EventBridge integration: what it declares delivers nothing from the queue; its role may read it.
    const api = (roleStatements: unknown[], credentials: Record<string, unknown>) => sqs({
      aws_iam_role: { r: role(roleStatements, API_TRUST) },
      ...httpApi(credentials),
    });
    expect(relays(api(reads, { credentials_arn: '${aws_iam_role.r.arn}' }))).toEqual([expect.stringMatching(
      /^MN-1 aws_vpc_endpoint\.sqs: .*aws_sqs_queue\.q → aws_apigatewayv2_api\.api \(aws_iam_role\.r inline_policy\[0\]\.policy\.Statement\[0\]\) → the internet, through the API's public endpoint/)]);
    // Controls: a role that reads nothing; no credentials.
    expect(relays(api([], { credentials_arn: '${aws_iam_role.r.arn}' }))).toEqual([]);
    expect(relays(api(reads, {}))).toEqual([]);
  });
});

describe('Terraform: outside tester, red team 49 (IAM)', () => {
  test('a role that may pass roles or write policies may act with any grant: an Internet function with it reads the queue My Number writes', () => {
    for (const actions of [['iam:PassRole', 'lambda:CreateFunction'], 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:*', 'iam:Put*', 'iam:CreateAccessKey']) {
      expect(relays(sqs({
        aws_iam_role: { reader: role(reads), r: role([statement(actions, '${aws_iam_role.reader.arn}')]) },
        aws_lambda_function: { f: fn('r', 'in') },
      }))).toEqual([expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: .*to function aws_lambda_function\.f \(in the INTERNET segment\): aws_vpc_endpoint\.sqs → aws_sqs_queue\.q → aws_lambda_function\.f \(aws_iam_role\.r inline_policy\[0\]\.policy\.Statement\[0\]\)/)]);
    }
    // Control: reading IAM, or taking grants away, gives none.
    for (const actions of [['iam:GetRole', 'iam:ListRoles'], 'iam:DetachRolePolicy', 'iam:Get*']) {
      expect(relays(sqs({ aws_iam_role: { reader: role(reads), r: role([statement(actions, '*')]) }, aws_lambda_function: { f: fn('r', 'in') } }))).toEqual([]);
    }
  });
});
