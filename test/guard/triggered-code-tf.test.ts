/**
 * Code started after deployment, in Terraform as in CloudFormation: a function of the configuration that an EventBridge
 * rule target or a Scheduler schedule (an event source mapping, an SNS subscription, a custom Config rule) invokes is
 * bounded by its role as a CloudFormation function is (custom-resource-code.ts); an SSM document outside the output that a
 * Config remediation or a State Manager association runs may be an Automation document: GUARD-1, in both engines, unless
 * it is an AWS-owned document the guard knows.
 */
import { checkTopology } from '../../src/guard/check';
import { OUTSIDE_DOCUMENT_FIX, outsideDocumentReason } from '../../src/guard/deploy-code';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaEngine } from '../../src/guard/ja-engine';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';

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
const REASON = /the function this trigger starts runs code whenever it is triggered that the template does not hold, and it may change the network: aws_iam_role\.r allows ec2:CreateInternetGateway/;

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
      .toMatch(/aws_cloudwatch_event_target\.t: .*aws_iam_role\.r has managed policy arn:aws:iam::aws:policy\/AdministratorAccess, which is not in the template/);
  });

  test('a role the guard cannot read (a variable), or a policy given by an expression: GUARD-1', () => {
    expect(tf({ aws_lambda_function: { f: { ...FN.f, role: '${var.role}' } }, ...trigger }, { variable: { role: {} } }).join('\n'))
      .toMatch(/aws_cloudwatch_event_target\.t: .*the role of aws_lambda_function\.f \(.*\) is not a role of this template/);
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

  test('a function outside the configuration: not judged (as in CloudFormation)', () => {
    expect(tf({
      aws_cloudwatch_event_rule: { e: { schedule_expression: 'rate(1 minute)' } },
      aws_cloudwatch_event_target: { t: { rule: '${aws_cloudwatch_event_rule.e.name}', arn: 'arn:aws:lambda:ap-northeast-1:111122223333:function:x' } },
    })).toEqual([]);
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

test('the new reasons and fix have Japanese', () => {
  for (const text of [outsideDocumentReason('Mine', 'remediation'), outsideDocumentReason(undefined, 'association'), OUTSIDE_DOCUMENT_FIX]) {
    expect(jaEngine(text!)).toMatch(/ドキュメント/);
  }
});
