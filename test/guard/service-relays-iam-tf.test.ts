/**
 * IAM grants as service relays in Terraform (src/guard/extract-terraform.ts `IAM_READERS`; semantics §14, "Grants"):
 * the CloudFormation cases of service-relays-iam.test.ts for the AWS provider's resource types, where policies and
 * members attach by resources of their own (`aws_iam_role_policy_attachment`, `aws_iam_policy_attachment`,
 * `aws_iam_group_membership`…), read from a JSON configuration (`.tf.json`, cdktf's cdk.tf.json) and from a Terraform
 * plan (extract-terraform-plan.ts reads through the same reader). Before, an Internet-segment function whose role read
 * the queue a My Number host writes through its `sqs` endpoint passed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { notJapanese } from '../support/japanese';
import { planJson } from '../support/plan-json';
import { AWS_PROVIDER, findTerraform, findTerraformMirror, prepareTerraform, runTerraform } from '../support/terraform';

const RELAY = /through AWS services that deliver it on their own/;
const OWN = '${data.aws_caller_identity.me.account_id}';
const PARTITION = '${data.aws_partition.p.partition}';
/** The library's own endpoint policy shape (MN-5, LG-4): own principals on own resources. */
const OWN_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWN, 'aws:ResourceAccount': OWN } } }],
});
type Segment = 'mn' | 'lg' | 'in';
const SEGMENTS: Record<Segment, [string, string]> = { mn: ['10.0', 'MY_NUMBER'], lg: ['10.1', 'LGWAN'], in: ['10.2', 'INTERNET'] };
type Resources = Record<string, Record<string, unknown>>;

/** A My Number VPC, an LGWAN VPC and an Internet VPC, one subnet and one group each; `resources` merged in by type. */
function config(resources: Resources, data: Resources = {}): any {
  const base: Resources = { aws_vpc: {}, aws_subnet: {}, aws_security_group: {} };
  for (const [s, [cidr, segment]] of Object.entries(SEGMENTS)) {
    base.aws_vpc[s] = { cidr_block: `${cidr}.0.0/16`, tags: { 'jichitai:segment': segment } };
    base.aws_subnet[s] = { vpc_id: `\${aws_vpc.${s}.id}`, cidr_block: `${cidr}.0.0/24` };
    base.aws_security_group[s] = { vpc_id: `\${aws_vpc.${s}.id}` };
  }
  const resource: Resources = { ...base };
  for (const [type, named] of Object.entries(resources)) resource[type] = { ...resource[type], ...named };
  return { data: { aws_caller_identity: { me: {} }, aws_region: { here: {} }, aws_partition: { p: {} }, ...data }, resource };
}

const trust = (principal: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
const LAMBDA_TRUST = trust({ Service: 'lambda.amazonaws.com' });
const EC2_TRUST = trust({ Service: 'ec2.amazonaws.com' });
const ECS_TRUST = trust({ Service: 'ecs-tasks.amazonaws.com' });
const statement = (action: string | string[], resource: unknown) => ({ Effect: 'Allow', Action: action, Resource: resource });
const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** A role with one inline policy of `statements`. */
const role = (statements: unknown[], assume = LAMBDA_TRUST, more: Record<string, unknown> = {}) => ({
  assume_role_policy: assume,
  ...statements.length > 0 ? { inline_policy: [{ name: 'p', policy: policy(statements) }] } : {},
  ...more,
});
/** A function running with role `roleName` of the configuration, in `segment`'s subnet or outside every VPC. */
const fn = (roleName: string, segment?: Segment, more: Record<string, unknown> = {}) => ({
  role: `\${aws_iam_role.${roleName}.arn}`,
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  filename: 'fn.zip',
  ...segment ? { vpc_config: { subnet_ids: [`\${aws_subnet.${segment}.id}`], security_group_ids: [`\${aws_security_group.${segment}.id}`] } } : {},
  ...more,
});
/** An interface endpoint of `service` in `segment`'s VPC, held to the own account. */
const endpoint = (service: string, segment: Segment = 'mn') => ({
  vpc_id: `\${aws_vpc.${segment}.id}`,
  vpc_endpoint_type: 'Interface',
  service_name: `com.amazonaws.\${data.aws_region.here.name}.${service}`,
  subnet_ids: [`\${aws_subnet.${segment}.id}`],
  security_group_ids: [`\${aws_security_group.${segment}.id}`],
  private_dns_enabled: true,
  policy: OWN_POLICY,
});
const QUEUE_ARN = '${aws_sqs_queue.q.arn}';
const reads = [statement('sqs:ReceiveMessage', QUEUE_ARN)];
/** An sqs endpoint of the My Number segment and a queue, with `more`. */
const sqs = (more: Resources, data: Resources = {}) => config({ aws_vpc_endpoint: { sqs: endpoint('sqs') }, aws_sqs_queue: { q: { name: 'q' } }, ...more }, data);

/** The relay findings of a configuration: `rule path: message`. */
function relays(c: any, model = NetworkModel.ALPHA): string[] {
  return checkTopology(extractTerraform({ t: c }), { model }).filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

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

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const describeWithTerraform = terraform && mirror ? describe : describe.skip;

describeWithTerraform('the real terraform: the configuration is valid, and its plan gives the same relays', () => {
  const PROVIDER = {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } } },
    provider: {
      aws: {
        region: 'ap-northeast-1',
        access_key: 'x',
        secret_key: 'x',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    },
  };
  const ACCOUNT = '111122223333';
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-iam-relays-'));
  });
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a function, an instance and an ECS service of the Internet segment reading the queue by an attached policy, a profile, a task role', () => {
    const c = sqs({
      aws_iam_role: { fn: role([]), ec2: role([], EC2_TRUST, { name: 'ec2' }), task: role(reads, ECS_TRUST) },
      aws_iam_policy: { p: { name: 'p', policy: policy(reads) } },
      aws_iam_role_policy_attachment: {
        fn: { role: '${aws_iam_role.fn.name}', policy_arn: '${aws_iam_policy.p.arn}' },
        ec2: { role: '${aws_iam_role.ec2.name}', policy_arn: '${aws_iam_policy.p.arn}' },
      },
      aws_iam_instance_profile: { profile: { name: 'web', role: '${aws_iam_role.ec2.name}' } },
      aws_lambda_function: { reader: fn('fn', 'in', { function_name: 'reader' }) },
      aws_instance: { web: { ami: 'ami-12345678', instance_type: 't3.micro', subnet_id: '${aws_subnet.in.id}', iam_instance_profile: '${aws_iam_instance_profile.profile.name}' } },
      aws_ecs_task_definition: { td: { family: 'app', task_role_arn: '${aws_iam_role.task.arn}', network_mode: 'awsvpc', container_definitions: '[]' } },
      aws_ecs_service: { svc: { name: 'svc', task_definition: '${aws_ecs_task_definition.td.arn}', network_configuration: [{ subnets: ['${aws_subnet.in.id}'] }] } },
    });
    const cwd = path.join(dir, 'iam');
    fs.mkdirSync(cwd);
    // Offline, no caller identity can be read: the account is a literal, given to the plan's reader as a user gives it (`--account`).
    const offline = JSON.parse(JSON.stringify({ ...PROVIDER, ...c }).split(OWN).join(ACCOUNT));
    delete offline.data.aws_caller_identity;
    fs.writeFileSync(path.join(cwd, 'main.tf.json'), JSON.stringify(offline, null, 1));
    const setup = prepareTerraform(dir, mirror!, terraform!);
    runTerraform(setup, cwd, ['init', '-input=false']);
    const expected = [expect.stringMatching(/^MN-1 aws_vpc_endpoint\.sqs: /)];
    const ends = [/to ECS service aws_ecs_service\.svc \(in the INTERNET segment\)/, /to function aws_lambda_function\.reader \(in the INTERNET segment\)/,
      /to instance aws_instance\.web \(in the INTERNET segment\)/];
    const found = relays(c);
    expect(found).toEqual(expected);
    for (const e of ends) expect(found[0]).toMatch(e);
    const fromPlan = checkTopology(extractTerraformPlan(planJson(setup, cwd), { account: ACCOUNT }), { model: NetworkModel.ALPHA })
      .filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
    expect(fromPlan).toEqual(expected);
    for (const e of ends) expect(fromPlan[0]).toMatch(e);
  }, 300_000);
});
