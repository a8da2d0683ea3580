/**
 * Code started after deployment, in Terraform as in CloudFormation: a function of the configuration that an EventBridge
 * rule target or a Scheduler schedule (an event source mapping, an SNS subscription, a custom Config rule) invokes is
 * bounded by its role as a CloudFormation function is (custom-resource-code.ts); an SSM document outside the output that a
 * Config remediation or a State Manager association runs may be an Automation document: GUARD-1, in both engines, unless
 * it is an AWS-owned document the guard knows.
 */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { tf as tfGuard } from '../../src';
import { checkTopology } from '../../src/guard/check';
import {
  automationFix, deployCodeFix, deployCodeReason, OUTSIDE_DOCUMENT_FIX, outsideCodeReason, outsideDocumentReason, UNSEEN_CODE_FIX, unseenCodeReason,
} from '../../src/guard/deploy-code';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaEngine } from '../../src/guard/ja-engine';
import { sdkCallReason } from '../../src/guard/sdk-calls';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';
import { notJapanese } from '../support/japanese';

const guard1 = (graph: TopologyGraph) => checkTopology(graph, { model: NetworkModel.ALPHA })
  .filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
const tf = (resource: Record<string, unknown>, extra: Record<string, unknown> = {}) => guard1(extractTerraform({
  t: { resource: { ...NETWORK, ...resource }, ...extra } as any,
}));

const NETWORK = { aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } } };
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policy = (actions: string[], resource: unknown = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });
const OPENS = ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:CreateRoute'];
const READS = ['ec2:DescribeRouteTables', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const FN = { f: { function_name: 'f', runtime: 'python3.12', handler: 'index.handler', filename: 'f.zip', role: '${aws_iam_role.r.arn}' } };
const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
/** The Terraform finding words the output as a configuration, not a template (its messages and fix). */
const REASON = /the function this trigger starts runs code whenever it is triggered that the configuration does not hold, and it may change the network: aws_iam_role\.r allows ec2:CreateInternetGateway/;

/** The same, when the guard read several stacks of the app: their configurations together (in Japanese too). */
const APP_REASON = /the function this trigger starts runs code whenever it is triggered that the app's configurations do not hold, and it may change the network: aws_iam_role\.r allows ec2:CreateInternetGateway/;

/** What starts the function `f`, by trigger. */
const TRIGGERS: Record<string, [string, Record<string, unknown>]> = {
  'an EventBridge rule target': ['aws_cloudwatch_event_target.t', {
    aws_cloudwatch_event_rule: { e: { schedule_expression: 'rate(1 minute)' } },
    aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.e.name}', arn: '${aws_lambda_function.f.arn}' } },
  }],
  'a Scheduler schedule': ['aws_scheduler_schedule.t', {
    aws_scheduler_schedule: {
      t: { schedule_expression: 'rate(1 minute)', flexible_time_window: { mode: 'OFF' }, target: { arn: '${aws_lambda_function.f.arn}', role_arn: 'arn:aws:iam::111122223333:role/s' } },
    },
  }],
  'an event source mapping': ['aws_lambda_event_source_mapping.t', {
    aws_lambda_event_source_mapping: { t: { function_name: '${aws_lambda_function.f.function_name}', event_source_arn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } },
  }],
  'an SNS subscription': ['aws_sns_topic_subscription.t', {
    aws_sns_topic_subscription: { t: { protocol: 'lambda', endpoint: '${aws_lambda_function.f.arn}', topic_arn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } },
  }],
  'a custom Config rule': ['aws_config_config_rule.t', {
    aws_config_config_rule: { t: { name: 'c', source: [{ owner: 'CUSTOM_LAMBDA', source_identifier: '${aws_lambda_function.f.arn}' }] } },
  }],
};

describe.each(Object.keys(TRIGGERS))('Terraform: a function of the configuration started by %s', (trigger) => {
  const [at, resources] = TRIGGERS[trigger];
  const role = (actions: string[]) => ({ aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: policy(actions) }] } } });

  test('whose inline policy may open routes: GUARD-1 at the trigger', () => {
    expect(tf({ ...role(OPENS), aws_lambda_function: FN, ...resources }).join('\n')).toMatch(new RegExp(`^${at.replace('.', '\\.')}: .*${REASON.source}`, 'm'));
  });

  test('whose role only reads and writes logs, with AWSLambdaBasicExecutionRole attached: nothing', () => {
    expect(tf({
      ...role(READS),
      aws_lambda_function: FN,
      ...resources,
      aws_iam_role_policy_attachment: { b: { role: '${aws_iam_role.r.name}', policy_arn: BASIC } },
    })).toEqual([]);
  });
});

describe('Terraform: the role of a function an EventBridge rule starts', () => {
  const trigger = TRIGGERS['an EventBridge rule target'][1];
  const bare = { aws_iam_role: { r: { assume_role_policy: TRUST } } };

  test('an aws_iam_role_policy on it (by name) that allows ec2:*: GUARD-1', () => {
    expect(tf({ ...bare, aws_lambda_function: FN, ...trigger, aws_iam_role_policy: { p: { role: '${aws_iam_role.r.name}', policy: policy(['ec2:*']) } } }).join('\n'))
      .toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r allows ec2:\*/);
  });

  test('an aws_iam_policy attached to it that allows ec2:CreateRoute: GUARD-1; one attached to another role: nothing', () => {
    const attached = (role: string) => tf({
      aws_iam_role: { r: { assume_role_policy: TRUST }, o: { assume_role_policy: TRUST } },
      aws_lambda_function: FN,
      ...trigger,
      aws_iam_policy: { m: { policy: policy(['ec2:CreateRoute']) } },
      aws_iam_role_policy_attachment: { a: { role: `\${aws_iam_role.${role}.name}`, policy_arn: '${aws_iam_policy.m.arn}' } },
    });
    expect(attached('r').join('\n')).toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r allows ec2:CreateRoute/);
    expect(attached('o')).toEqual([]);
  });

  test('a managed policy outside the configuration (AdministratorAccess): GUARD-1', () => {
    expect(tf({ aws_iam_role: { r: { assume_role_policy: TRUST, managed_policy_arns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } }, aws_lambda_function: FN, ...trigger }).join('\n'))
      .toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r has managed policy arn:aws:iam::aws:policy\/AdministratorAccess, which is not in the configuration/);
  });

  test('a role the guard cannot read (a variable), or a policy given by an expression: GUARD-1', () => {
    expect(tf({ aws_lambda_function: { f: { ...FN.f, role: '${var.role}' } }, ...trigger }, { variable: { role: {} } }).join('\n'))
      .toMatch(/aws_cloudwatch_event_target\.t: .*the role of aws_lambda_function\.f \(.*\) is not a role of this configuration/);
    expect(tf({ aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: '${file("p.json")}' }] } }, aws_lambda_function: FN, ...trigger }).join('\n'))
      .toMatch(/aws_cloudwatch_event_target\.t: .*inline policy p of aws_iam_role\.r: its policy document is not written out/);
  });

  test('a role allowed to invoke another function of the configuration is followed to that function\'s role', () => {
    const invoke = policy(['lambda:InvokeFunction'], '${aws_lambda_function.g.arn}');
    const found = tf({
      aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: invoke }] }, o: { assume_role_policy: TRUST, inline_policy: [{ name: 'q', policy: policy(OPENS) }] } },
      aws_lambda_function: { ...FN, g: { ...FN.f, function_name: 'g', role: '${aws_iam_role.o.arn}' } },
      ...trigger,
    });
    expect(found.join('\n')).toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.o allows ec2:CreateInternetGateway/);
  });

  test('a function outside the configuration: GUARD-1 (as in CloudFormation)', () => {
    expect(tf({
      aws_cloudwatch_event_rule: { e: { schedule_expression: 'rate(1 minute)' } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.e.name}', arn: 'arn:aws:lambda:ap-northeast-1:111122223333:function:x' } },
    }).join('\n')).toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: the function arn:aws:lambda:ap-northeast-1:111122223333:function:x this rule starts is not in the configuration/m);
  });
});

test('Terraform plan: a rule target invoking a function whose role policy allows ec2:CreateRoute: GUARD-1; one that reads: nothing', () => {
  const plan = (actions: string[]) => handPlan([
    { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: { id: true } },
    { address: 'aws_iam_role.r', values: { name: 'r', assume_role_policy: TRUST }, unknown: { id: true, arn: true } },
    { address: 'aws_iam_role_policy.p', values: { name: 'p', role: 'r', policy: policy(actions) }, unknown: { id: true } },
    {
      address: 'aws_lambda_function.f',
      values: { function_name: 'f', runtime: 'python3.12', handler: 'index.handler', filename: 'f.zip' },
      unknown: { id: true, arn: true, role: true },
      expressions: { role: { references: ['aws_iam_role.r.arn', 'aws_iam_role.r'] } },
    },
    { address: 'aws_cloudwatch_event_rule.e', values: { name: 'e', schedule_expression: 'rate(1 minute)' }, unknown: { id: true, arn: true } },
    {
      address: 'aws_cloudwatch_event_target.t',
      values: { rule: 'e' },
      unknown: { id: true, arn: true },
      expressions: { rule: { references: ['aws_cloudwatch_event_rule.e.name', 'aws_cloudwatch_event_rule.e'] }, arn: { references: ['aws_lambda_function.f.arn', 'aws_lambda_function.f'] } },
    },
  ]);
  expect(guard1(extractTerraformPlan(plan(['ec2:CreateRoute']) as any)).join('\n')).toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r allows ec2:CreateRoute/);
  expect(guard1(extractTerraformPlan(plan(READS) as any))).toEqual([]);
});

test('Terraform plan: a function whose planned role is a literal ARN of a role of the plan is bounded by that role (the plan\'s account), else GUARD-1', () => {
  const ROLE_ARN = (account: string, name = 'r') => `arn:aws:iam::${account}:role/${name}`;
  // The role known to the plan (`arn`: already created, its ARN planned) or not; the function names it by a literal ARN.
  const plan = (actions: string[], literal: string, account: string | undefined, roleArn?: string) => guard1(extractTerraformPlan(handPlan([
    { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: { id: true } },
    { address: 'aws_iam_role.r', values: { name: 'r', assume_role_policy: TRUST, ...(roleArn ? { arn: roleArn } : {}) }, unknown: { id: true, ...(roleArn ? {} : { arn: true }) } },
    { address: 'aws_iam_role_policy.p', values: { name: 'p', role: 'r', policy: policy(actions) }, unknown: { id: true } },
    { address: 'aws_lambda_function.f', values: { function_name: 'f', runtime: 'python3.12', handler: 'index.handler', filename: 'f.zip', role: literal }, unknown: { id: true, arn: true } },
    { address: 'aws_cloudwatch_event_rule.e', values: { name: 'e', schedule_expression: 'rate(1 minute)' }, unknown: { id: true, arn: true } },
    {
      address: 'aws_cloudwatch_event_target.t',
      values: { rule: 'e' },
      unknown: { id: true, arn: true },
      expressions: { rule: { references: ['aws_cloudwatch_event_rule.e.name', 'aws_cloudwatch_event_rule.e'] }, arn: { references: ['aws_lambda_function.f.arn', 'aws_lambda_function.f'] } },
    },
  ]) as any, account === undefined ? {} : { account }));
  const own = ROLE_ARN('123456789012');
  // The plan's role by the ARN the plan gives it, or by its name in the plan's own account: bounded by its policies.
  expect(plan(READS, own, undefined, own)).toEqual([]);
  expect(plan(READS, own, '123456789012')).toEqual([]);
  expect(plan(['ec2:CreateRoute'], own, '123456789012').join('\n')).toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r allows ec2:CreateRoute/);
  // Another account's role of the same name, a role of another name, or an account the plan does not tell: GUARD-1 (fail closed).
  const notOurs = /aws_cloudwatch_event_target\.t: .*the role of aws_lambda_function\.f \(arn:aws:iam::\d+:role\/\w+\) is not a role of this configuration/;
  expect(plan(READS, ROLE_ARN('999999999999'), '123456789012').join('\n')).toMatch(notOurs);
  expect(plan(READS, ROLE_ARN('999999999999'), '123456789012', own).join('\n')).toMatch(notOurs);
  expect(plan(READS, ROLE_ARN('123456789012', 'other'), '123456789012').join('\n')).toMatch(notOurs);
  expect(plan(READS, own, undefined).join('\n')).toMatch(notOurs);
});

describe('an SSM document outside the output run automatically', () => {
  const cfn = (resources: Record<string, unknown>) => guard1(extractCloudFormation({
    S: { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } }, ...resources } } as any,
  }));
  const remediation = (target: unknown) => ({ R: { Type: 'AWS::Config::RemediationConfiguration', Properties: { ConfigRuleName: 'r', TargetType: 'SSM_DOCUMENT', TargetId: target, Automatic: true } } });
  const association = (name: unknown) => ({ A: { Type: 'AWS::SSM::Association', Properties: { Name: name } } });
  const OUTSIDE = /the SSM document (.+) it runs is not in the output, so it may be an Automation document any of whose steps may change the network/;

  test('CloudFormation: a remediation or an association running an account\'s own document: GUARD-1', () => {
    expect(cfn(remediation('OpenTheGates')).join('\n')).toMatch(new RegExp(`^R: .*${OUTSIDE.source}`, 'm'));
    expect(cfn(association('arn:aws:ssm:ap-northeast-1:111122223333:document/OpenTheGates')).join('\n')).toMatch(new RegExp(`^A: .*${OUTSIDE.source}`, 'm'));
    // An AWS-owned runbook the guard does not know (this one removes security group rules).
    expect(cfn(remediation('AWS-DisablePublicAccessForSecurityGroup')).join('\n')).toMatch(OUTSIDE);
    // Named by a parameter: fail closed.
    expect(cfn({ ...remediation({ Ref: 'P' }) }).join('\n')).toMatch(/^R: .*the SSM document it runs is named by a value the guard cannot read/m);
  });

  test('CloudFormation: AWS-owned documents the guard knows, and a document of the template by its name: nothing', () => {
    expect(cfn(remediation('AWS-PublishSNSNotification'))).toEqual([]);
    expect(cfn(association('AWS-RunPatchBaseline'))).toEqual([]);
    expect(cfn(association('AWS-GatherSoftwareInventory'))).toEqual([]);
    expect(cfn({ ...association('mine'), D: { Type: 'AWS::SSM::Document', Properties: { Name: 'mine', DocumentType: 'Command', Content: { schemaVersion: '2.2', mainSteps: [] } } } }))
      .toEqual([]);
  });

  test('an ARN whose partition, region or account are expressions names the document written out in it; an expression in the name does not', () => {
    const sub = 'arn:${AWS::Partition}:ssm:${AWS::Region}::document/';
    expect(cfn(association({ 'Fn::Sub': `${sub}AWS-RunPatchBaseline` }))).toEqual([]);
    expect(cfn(association({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', { Ref: 'AWS::Region' }, '::document/AWS-RunPatchBaseline']] }))).toEqual([]);
    expect(cfn(association({ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:document/OpenTheGates' })).join('\n'))
      .toMatch(/^A: .*the SSM document OpenTheGates it runs is not in the output/m);
    expect(cfn(association({ 'Fn::Sub': `${sub}\${Doc}` })).join('\n')).toMatch(/^A: .*the SSM document it runs is named by a value the guard cannot read/m);
    expect(cfn(association({ 'Fn::Sub': ['arn:${P}:ssm:eu-west-1::document/AWS-RunPatchBaseline', { P: { Ref: 'Q' } }] })).join('\n')).toMatch(/named by a value the guard cannot read/);
    const assoc = (name: string) => tf({ aws_ssm_association: { a: { name } } });
    expect(assoc('arn:${data.aws_partition.p.partition}:ssm:${data.aws_region.r.name}::document/AWS-RunPatchBaseline')).toEqual([]);
    expect(assoc('arn:${data.aws_partition.p.partition}:ssm:${data.aws_region.r.name}::document/${var.doc}').join('\n')).toMatch(/named by a value the guard cannot read/);
  });

  test('Terraform: the same', () => {
    const rem = (target: string) => tf({ aws_config_remediation_configuration: { r: { config_rule_name: 'r', target_type: 'SSM_DOCUMENT', target_id: target, automatic: true } } });
    const assoc = (name: string) => tf({ aws_ssm_association: { a: { name } } });
    expect(rem('OpenTheGates').join('\n')).toMatch(new RegExp(`^aws_config_remediation_configuration\\.r: .*${OUTSIDE.source}`, 'm'));
    expect(assoc('OpenTheGates').join('\n')).toMatch(new RegExp(`^aws_ssm_association\\.a: .*${OUTSIDE.source}`, 'm'));
    expect(tf({ aws_ssm_association: { a: { name: '${var.doc}' } } }, { variable: { doc: {} } }).join('\n')).toMatch(/named by a value the guard cannot read/);
    expect(rem('AWS-PublishSNSNotification')).toEqual([]);
    expect(assoc('AWS-RunPatchBaseline')).toEqual([]);
    // A document of the configuration by its literal name (as a plan gives a name known at plan time).
    expect(tf({ aws_ssm_document: { d: { name: 'mine', document_type: 'Command', content: '{}' } }, aws_ssm_association: { a: { name: 'mine' } } })).toEqual([]);
  });
});

/**
 * What a target names by a value the guard cannot read (red team 39), as in CloudFormation: a variable, a local, a
 * data source's value, a resource of another provider, in a plan a value known only after apply that no resource of the
 * plan gives: any function, state machine or runbook (GUARD-1 at the trigger), unless the ARN's readable part names no
 * code. Before, none was judged.
 */
describe('Terraform: code a trigger names by a value the guard cannot read', () => {
  const target = (arn: string) => ({ aws_cloudwatch_event_target: { t: { rule: 'e', arn } } });
  const UNSEEN = /^aws_cloudwatch_event_target\.t: arn could not be resolved: the target this rule starts is named by .+, which the guard cannot read: it may be any function, state machine or Automation runbook, and its code may change the network$/m;

  test('a variable, a local, an SSM parameter\'s value, another provider\'s resource, a function name from a variable: GUARD-1 naming the target', () => {
    expect(tf(target('${var.fn}'), { variable: { fn: {} } }).join('\n')).toMatch(UNSEEN);
    expect(tf(target('${var.fn}'), { variable: { fn: {} } }).join('\n')).toMatch(/named by \$\{var\.fn\}/);
    expect(tf(target('${local.fn}'), { locals: { fn: 'x' } }).join('\n')).toMatch(UNSEEN);
    expect(tf(target('${data.aws_ssm_parameter.p.value}'), { data: { aws_ssm_parameter: { p: { name: '/app/fn' } } } }).join('\n')).toMatch(UNSEEN);
    expect(tf({ ...target('${terraform_data.x.output}'), terraform_data: { x: { input: 'arn' } } }).join('\n')).toMatch(UNSEEN);
    expect(tf(target('arn:aws:lambda:ap-northeast-1:111122223333:function:${var.name}'), { variable: { name: {} } }).join('\n')).toMatch(UNSEEN);
    // A function looked up by a name from a variable.
    expect(tf(target('${data.aws_lambda_function.x.arn}'), { variable: { n: {} }, data: { aws_lambda_function: { x: { function_name: '${var.n}' } } } }).join('\n')).toMatch(UNSEEN);
  });

  test('an event source mapping, a subscription, a Config rule, a schedule the same', () => {
    const found = tf({
      aws_lambda_event_source_mapping: { m: { function_name: '${var.fn}', event_source_arn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } },
      aws_sns_topic_subscription: { n: { protocol: 'lambda', endpoint: '${local.fn}', topic_arn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } },
      aws_config_config_rule: { c: { name: 'c', source: [{ owner: 'CUSTOM_LAMBDA', source_identifier: '${var.fn}' }] } },
      aws_scheduler_schedule: { s: { schedule_expression: 'rate(1 minute)', flexible_time_window: { mode: 'OFF' }, target: { arn: '${data.aws_ssm_parameter.p.value}', role_arn: 'r' } } },
    }, { variable: { fn: {} }, locals: { fn: 'x' }, data: { aws_ssm_parameter: { p: { name: '/app/fn' } } } }).join('\n');
    expect(found).toMatch(/^aws_lambda_event_source_mapping\.m: function_name could not be resolved: the function this event source mapping starts is named by \$\{var\.fn\}, which the guard cannot read: it may be any function/m);
    expect(found).toMatch(/^aws_sns_topic_subscription\.n: endpoint could not be resolved: the function this subscription starts is named by/m);
    expect(found).toMatch(/^aws_config_config_rule\.c: source\.source_identifier could not be resolved: the function this Config rule starts is named by/m);
    expect(found).toMatch(/^aws_scheduler_schedule\.s: target\.arn could not be resolved: the target this schedule starts is named by/m);
  });

  test('an ARN whose readable part names no code, a queue of the configuration, a function outside it by a literal: nothing', () => {
    expect(tf(target('arn:aws:sqs:ap-northeast-1:111122223333:${var.q}'), { variable: { q: {} } })).toEqual([]);
    expect(tf(target('arn:${data.aws_partition.p.partition}:ssm:${data.aws_region.r.name}::document/${var.doc}'), { variable: { doc: {} } })).toEqual([]);
    expect(tf({ ...target('${aws_sqs_queue.q.arn}'), aws_sqs_queue: { q: { name: 'q' } } })).toEqual([]);
    expect(tf(target('${data.aws_sqs_queue.q.arn}'), { data: { aws_sqs_queue: { q: { name: 'q' } } } })).toEqual([]);
    // A function outside the configuration by a literal: of the deploying account as far as the guard can tell.
    expect(tf(target('arn:aws:lambda:ap-northeast-1:111122223333:function:elsewhere')).join('\n')).toMatch(/the function .*elsewhere this rule starts is not in the configuration/);
  });

  test('code outside the configuration by a literal: GUARD-1, in a plan not when its ARN names another account than the plan\'s', () => {
    const found = tf({
      aws_lambda_event_source_mapping: { m: { function_name: 'elsewhere', event_source_arn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } },
      aws_sns_topic_subscription: { n: { protocol: 'lambda', endpoint: 'arn:aws:lambda:ap-northeast-1:111122223333:function:elsewhere', topic_arn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } },
      ...target('arn:aws:states:ap-northeast-1:111122223333:stateMachine:elsewhere'),
    }).join('\n');
    expect(found).toMatch(/^aws_lambda_event_source_mapping\.m: function_name could not be resolved: the function elsewhere this event source mapping starts is not in the configuration/m);
    expect(found).toMatch(/^aws_sns_topic_subscription\.n: endpoint could not be resolved: the function .* this subscription starts is not in the configuration/m);
    expect(found).toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: the state machine .* this rule starts is not in the configuration/m);
    const plan = (arn: string, account?: string) => guard1(extractTerraformPlan(handPlan([
      { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: { id: true } },
      { address: 'aws_cloudwatch_event_target.t', values: { rule: 'e', arn }, unknown: { id: true } },
    ]) as any, account === undefined ? {} : { account }));
    const fn = (account: string) => `arn:aws:lambda:ap-northeast-1:${account}:function:elsewhere`;
    expect(plan(fn('123456789012'), '123456789012').join('\n')).toMatch(/this rule starts is not in the configuration/);
    expect(plan(fn('999999999999')).join('\n')).toMatch(/this rule starts is not in the configuration/);
    expect(plan(fn('999999999999'), '123456789012')).toEqual([]);
  });

  test('a CodeBuild project, an ECS task, a Batch job, a SageMaker pipeline a rule, schedule or pipe starts: GUARD-1 (not bounded by its role)', () => {
    const UNBOUNDED = /runs code with a role of its own that the guard does not bound, and that code may change the network$/m;
    for (const arn of ['arn:aws:codebuild:ap-northeast-1:111122223333:project/p', 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c',
      'arn:aws:batch:ap-northeast-1:111122223333:job-queue/q', 'arn:aws:sagemaker:ap-northeast-1:111122223333:pipeline/p']) {
      expect(tf(target(arn)).join('\n')).toMatch(UNBOUNDED);
    }
    expect(tf({ aws_codebuild_project: { p: { name: 'p', service_role: 'r' } }, ...target('${aws_codebuild_project.p.arn}') }).join('\n'))
      .toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: this rule starts aws_codebuild_project aws_codebuild_project\.p, which runs code/m);
    expect(tf({
      aws_ecs_cluster: { c: { name: 'c' } },
      aws_scheduler_schedule: {
        s: {
          schedule_expression: 'rate(1 minute)',
          flexible_time_window: { mode: 'OFF' },
          target: { arn: '${aws_ecs_cluster.c.arn}', role_arn: 'r', ecs_parameters: { task_definition_arn: 't' } },
        },
      },
    }).join('\n'))
      .toMatch(/^aws_scheduler_schedule\.s: target\.arn could not be resolved: this schedule starts aws_ecs_cluster aws_ecs_cluster\.c, which runs code/m);
    expect(tf({ aws_pipes_pipe: { p: { role_arn: 'r', source: 'arn:aws:sqs:ap-northeast-1:111122223333:q', target: 'arn:aws:batch:ap-northeast-1:111122223333:job-queue/q' } } })
      .join('\n')).toMatch(/^aws_pipes_pipe\.p: target could not be resolved: this pipe starts arn:aws:batch:.*, which runs code/m);
    for (const arn of ['arn:aws:sqs:ap-northeast-1:111122223333:q', 'arn:aws:sns:ap-northeast-1:111122223333:t', 'arn:aws:events:ap-northeast-1:111122223333:event-bus/b']) {
      expect(tf(target(arn))).toEqual([]);
    }
  });

  test('plan: a target known only after apply that no resource of the plan gives: GUARD-1', () => {
    const plan = handPlan([
      { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: { id: true } },
      { address: 'aws_cloudwatch_event_target.t', values: { rule: 'e' }, unknown: { id: true, arn: true }, expressions: { arn: { references: ['module.fns.arn', 'module.fns'] } } },
    ]);
    expect(guard1(extractTerraformPlan(plan as any)).join('\n')).toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: the target this rule starts is named by \(known after apply: .*\), which the guard cannot read/m);
  });
});

/**
 * A function of the configuration named otherwise than by its `arn` (red team 39): an alias, its literal name in an
 * ARN, an ARN built around its name, a data source that looks it up by that name. Before, each passed unjudged.
 */
describe('Terraform: code of the configuration a trigger names another way is bounded by its role', () => {
  const role = (actions: string[]) => ({ aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: policy(actions) }] } } });
  const target = (arn: string) => ({ aws_cloudwatch_event_target: { t: { rule: 'e', arn } } });
  const ways: Record<string, [Record<string, unknown>, Record<string, unknown>?]> = {
    'an alias': [{ ...target('${aws_lambda_alias.a.arn}'), aws_lambda_alias: { a: { name: 'live', function_name: '${aws_lambda_function.f.function_name}', function_version: '$LATEST' } } }],
    'its literal name in an ARN': [target('arn:aws:lambda:ap-northeast-1:111122223333:function:f')],
    'an ARN built around its name': [target('arn:${data.aws_partition.p.partition}:lambda:${data.aws_region.r.name}:111122223333:function:${aws_lambda_function.f.function_name}')],
    'a data source looking it up by its name': [target('${data.aws_lambda_function.x.arn}'), { data: { aws_lambda_function: { x: { function_name: 'f' } } } }],
  };

  test.each(Object.keys(ways))('%s: GUARD-1 when its role may open routes, nothing when it reads', (way) => {
    const [resources, extra] = ways[way];
    expect(tf({ ...role(OPENS), aws_lambda_function: FN, ...resources }, extra).join('\n')).toMatch(new RegExp(`^aws_cloudwatch_event_target\\.t: .*${REASON.source}`, 'm'));
    expect(tf({ ...role(READS), aws_lambda_function: FN, ...resources }, extra)).toEqual([]);
  });

  test('a state machine of the configuration, by reference or an ARN around its name, is known: not reported as code named out of reach', () => {
    const sm = { aws_sfn_state_machine: { m: { name: 'm', role_arn: 'arn:aws:iam::111122223333:role/s', definition: '{"StartAt":"a","States":{"a":{"Type":"Pass","End":true}}}' } } };
    expect(tf({ ...sm, ...target('${aws_sfn_state_machine.m.arn}') })).toEqual([]);
    expect(tf({ ...sm, ...target('arn:aws:states:ap-northeast-1:111122223333:stateMachine:${aws_sfn_state_machine.m.name}') })).toEqual([]);
  });
});

/**
 * A function or state machine of another stack of the cdktf app named by its literal name or ARN, as in CloudFormation
 * (task multi45): the stacks read together share an account. Before, only the trigger's own configuration was searched,
 * and the function was GUARD-1 as code outside the output whatever its role.
 */
describe('Terraform: a function or state machine of another stack read with it, by its literal name or ARN', () => {
  const fns = (actions: string[]) => ({
    resource: { aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: policy(actions) }] } }, aws_lambda_function: FN },
  });
  const app = (actions: string[], trigger: Record<string, unknown>, more: Record<string, unknown> = {}) => guard1(extractTerraform({
    fns: fns(actions) as any,
    s: { resource: { ...NETWORK, ...trigger }, data: { aws_partition: { p: {} }, aws_region: { r: {} }, aws_caller_identity: { c: {} } } } as any,
    ...more,
  }));
  const target = (arn: string) => ({ aws_cloudwatch_event_target: { t: { rule: 'e', arn } } });
  const ways: Record<string, Record<string, unknown>> = {
    'a literal ARN': target('arn:aws:lambda:ap-northeast-1:111122223333:function:f'),
    'an ARN of the deploying region and account': target('arn:${data.aws_partition.p.partition}:lambda:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:function:f'),
    'an event source mapping by name': { aws_lambda_event_source_mapping: { t: { function_name: 'f', event_source_arn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } } },
  };

  test.each(Object.keys(ways))('%s: bounded by its role there (GUARD-1 when it may open routes, nothing when it reads)', (way) => {
    const opens = app(OPENS, ways[way]).join('\n');
    expect(opens).toMatch(new RegExp(`^s/aws_(cloudwatch_event_target|lambda_event_source_mapping)\\.t: .*${APP_REASON.source}`, 'm'));
    expect(opens).not.toMatch(/is not in the app's configurations/);
    expect(app(READS, ways[way])).toEqual([]);
  });

  test('a state machine of another stack by its literal ARN is known, as one of the configuration', () => {
    const sm = { aws_sfn_state_machine: { m: { name: 'm', role_arn: 'arn:aws:iam::111122223333:role/s', definition: '{"StartAt":"a","States":{"a":{"Type":"Pass","End":true}}}' } } };
    expect(app(READS, target('arn:aws:states:ap-northeast-1:111122223333:stateMachine:m'), { m: { resource: sm } })).toEqual([]);
  });

  test('fail closed: two stacks declaring the name (either may be the one started), or a name no stack declares: code outside', () => {
    const arn = 'arn:aws:lambda:ap-northeast-1:111122223333:function:f';
    expect(app(READS, target(arn), { fns2: fns(READS) }).join('\n'))
      .toMatch(/^s\/aws_cloudwatch_event_target\.t: arn could not be resolved: the function arn:aws:lambda:\S+:function:f this rule starts is not in the app's configurations/m);
    expect(app(READS, target('arn:aws:lambda:ap-northeast-1:111122223333:function:g')).join('\n')).toMatch(/function:g this rule starts is not in the app's configurations/);
  });

  test('fail closed: a hub\'s evidence (another app, maybe another account) holds no function of the member', () => {
    const found = guard1(extractTerraform({ 'hub:fns': fns(READS) as any, 's': { resource: { ...NETWORK, ...target('arn:aws:lambda:ap-northeast-1:111122223333:function:f') } } as any }));
    expect(found.join('\n')).toMatch(/function:f this rule starts is not in the app's configurations/);
  });
});

/** An Automation runbook a rule target starts directly (`automation-definition`), as in CloudFormation (red team 39). */
describe('Terraform: an Automation runbook a rule target starts', () => {
  const target = (arn: string) => ({ aws_cloudwatch_event_target: { t: { rule: 'e', arn, role_arn: 'arn:aws:iam::111122223333:role/r' } } });
  const doc = (api: string) => ({
    aws_ssm_document: { d: { name: 'mine', document_type: 'Automation', document_format: 'JSON', content: JSON.stringify({ schemaVersion: '0.3', mainSteps: [{ name: 's', action: 'aws:executeAwsApi', inputs: { Service: 'ec2', Api: api } }] }) } },
  });
  const CONTEXT = 'arn:${data.aws_partition.p.partition}:ssm:${data.aws_region.r.name}:${data.aws_caller_identity.c.account_id}:automation-definition/';

  test('an Automation document of the configuration, by reference or literal name: judged step by step', () => {
    expect(tf({ ...doc('CreateRoute'), ...target(`${CONTEXT}\${aws_ssm_document.d.name}:$DEFAULT`) }).join('\n'))
      .toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: automation document calls ec2 CreateRoute when it runs/m);
    expect(tf({ ...doc('DescribeRouteTables'), ...target(`${CONTEXT}\${aws_ssm_document.d.name}:$DEFAULT`) })).toEqual([]);
    expect(tf({ ...doc('CreateRoute'), ...target('arn:aws:ssm:ap-northeast-1:111122223333:automation-definition/mine:2') }).join('\n')).toMatch(/automation document calls ec2 CreateRoute/);
  });

  test('a runbook outside the configuration: GUARD-1 unless an AWS-owned one the guard knows; one named by a variable: GUARD-1', () => {
    expect(tf(target('arn:aws:ssm:ap-northeast-1:111122223333:automation-definition/OpenTheGates:$DEFAULT')).join('\n'))
      .toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: the SSM document OpenTheGates it runs is not in the output/m);
    expect(tf(target(`${CONTEXT}AWS-PublishSNSNotification:$DEFAULT`))).toEqual([]);
    expect(tf(target(`${CONTEXT}\${var.doc}:$DEFAULT`), { variable: { doc: {} } }).join('\n')).toMatch(/the SSM document it runs is named by a value the guard cannot read/);
  });

  // Found by the deploy-code oracle: a call whose service or API the document takes from its input parameters passed.
  test('a step calling a service or API given when the document runs: GUARD-1', () => {
    const call = (inputs: unknown) => ({
      aws_ssm_document: { d: { name: 'mine', document_type: 'Automation', content: JSON.stringify({ schemaVersion: '0.3', mainSteps: [{ name: 's', action: 'aws:executeAwsApi', inputs }] }) } },
    });
    for (const inputs of [{ Service: '{{ Service }}', Api: 'CreateRoute' }, { Service: 'sagemaker', Api: '{{ Api }}' }]) {
      expect(tf({ ...call(inputs), ...target('arn:aws:ssm:ap-northeast-1:111122223333:automation-definition/mine:$DEFAULT') }).join('\n'))
        .toMatch(/^aws_cloudwatch_event_target\.t: arn could not be resolved: the Automation document it runs has step s \(aws:executeAwsApi\), whose service or API the guard cannot read/m);
      expect(tf({ ...call(inputs), aws_ssm_association: { a: { name: '${aws_ssm_document.d.name}' } } }).join('\n'))
        .toMatch(/^aws_ssm_association\.a: name could not be resolved: the Automation document it runs has step s \(aws:executeAwsApi\)/m);
    }
  });

  test('the fix of a document of the configuration says configuration', () => {
    const found = checkTopology(extractTerraform({ t: { resource: { ...NETWORK, ...doc('CreateRoute'), ...target('arn:aws:ssm:ap-northeast-1:111122223333:automation-definition/mine') } } as any }),
      { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found.map((f) => f.fix).join('\n')).toMatch(/declare what the document makes as resources of the configuration/);
  });
});

test('Terraform: the finding of a function a trigger starts words the output as a configuration, in its reason and fix, in both languages', () => {
  const resource = {
    ...NETWORK,
    aws_iam_role: { r: { assume_role_policy: TRUST, inline_policy: [{ name: 'p', policy: policy(OPENS) }] } },
    aws_lambda_function: FN,
    ...TRIGGERS['an EventBridge rule target'][1],
  };
  const found = checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
  expect(found).toHaveLength(1);
  expect(`${found[0].message} ${found[0].fix}`).not.toMatch(/template/);
  expect(found[0].fix).toMatch(/^declare what the code makes as resources of the configuration, .*written out in the configuration$/);
  expect(`${found[0].ja?.message} ${found[0].ja?.fix}`).toMatch(/構成にないコード/);
  expect(`${found[0].ja?.message} ${found[0].ja?.fix}`).not.toMatch(/テンプレート/);
});

test('the new reasons and fix have Japanese', () => {
  for (const text of [outsideDocumentReason('Mine', 'remediation'), outsideDocumentReason(undefined, 'association'), OUTSIDE_DOCUMENT_FIX]) {
    expect(jaEngine(text!)).toMatch(/ドキュメント/);
  }
  for (const trigger of ['rule', 'schedule', 'event source mapping', 'subscription', 'Config rule'] as const) {
    for (const anyTarget of [true, false]) expect(notJapanese(jaEngine(unseenCodeReason(trigger, '${var.fn}', anyTarget))!.replace('${var.fn}', ''))).toBeUndefined();
  }
  for (const output of ['template', 'configuration'] as const) {
    for (const text of [deployCodeFix(output), automationFix(output), deployCodeReason('the function this trigger starts', ['r allows ec2:*'], 'whenever it is triggered', output)]) {
      expect(notJapanese(jaEngine(text) ?? text)).toBeUndefined();
    }
  }
  expect(notJapanese(jaEngine(UNSEEN_CODE_FIX) ?? UNSEEN_CODE_FIX)).toBeUndefined();
});

test('the reasons worded for several stacks read (the app\'s templates or configurations) have Japanese, naming the app\'s', () => {
  for (const output of ['template', 'configuration', 'app\'s templates', 'app\'s configurations'] as const) {
    const texts = [
      deployCodeReason('the function this trigger starts', ['r allows ec2:*'], 'whenever it is triggered', output),
      deployCodeReason('this custom resource', ['r allows ec2:*'], 'at deploy time', output),
      outsideCodeReason('rule', 'function', 'arn:aws:lambda:ap-northeast-1:111122223333:function:f', output),
      sdkCallReason('state machine', { service: 'ec2', action: 'createRoute' }, output),
    ];
    for (const text of texts) {
      expect(text).toMatch(output.startsWith('app') ? new RegExp(`${output}`) : new RegExp(`the ${output}`));
      const ja = jaEngine(text);
      expect(notJapanese(ja ?? text)).toBeUndefined();
      expect(ja).toMatch(output.startsWith('app') ? /アプリの(テンプレート|構成)/ : /テンプレート|構成/);
    }
  }
  expect(deployCodeReason('this custom resource', ['r allows ec2:*'], 'at deploy time', 'app\'s templates')).toMatch(/that the app's templates do not hold/);
});

test('CDKTF: a rule target given by a variable is refused at synth, worded for a configuration', () => {
  const stack = new TerraformStack(Testing.app(), 's');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
  new Vpc(stack, 'MnVpc', { cidrBlock: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } });
  const fn = new TerraformVariable(stack, 'fn', { type: 'string' });
  const rule = new CloudwatchEventRule(stack, 'Tick', { scheduleExpression: 'rate(1 minute)' });
  new CloudwatchEventTarget(stack, 'Target', { rule: rule.name, arn: fn.stringValue });
  tfGuard.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
  expect(() => Testing.synth(stack, true))
    .toThrow(/\[aws_cloudwatch_event_target\.Target\] GUARD-1 critical .*: arn could not be resolved: the target this rule starts is named by \$\{var\.fn\}, which the guard cannot read/);
});
