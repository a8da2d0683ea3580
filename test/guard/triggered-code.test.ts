/**
 * Code the template starts automatically once deployed (outside tester, red team 37): a function of the template that
 * an EventBridge rule, a schedule, an event source, a subscription or a custom Config rule invokes is bounded by its
 * role as a custom resource's function is; an Automation document of the template that a Config remediation or a
 * State Manager association runs is judged step by step. Each that may change the network is GUARD-1.
 */
import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { cdk } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const trust = (service: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const role = (service: string, actions: string[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: trust(service), Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }] },
});
const OPENS = ['ec2:CreateInternetGateway', 'ec2:AttachInternetGateway', 'ec2:CreateRoute'];
const READS = ['ec2:DescribeRouteTables', 'logs:CreateLogStream', 'logs:PutLogEvents'];
const fn = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.12', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] }, Code: { ZipFile: 'def handler(e, c): pass' } } };
const ARN = { 'Fn::GetAtt': ['Fn', 'Arn'] };

/** What starts the function `Fn`, by trigger. */
const TRIGGERS: Record<string, Record<string, unknown>> = {
  'an EventBridge rule': { T: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 'f', Arn: ARN }] } } },
  'a Scheduler schedule': {
    T: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 minute)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: ARN, RoleArn: 'arn:aws:iam::111122223333:role/s' } } },
  },
  'an event source mapping': { T: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'Fn' }, EventSourceArn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } } },
  'an SNS subscription': { T: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', Endpoint: ARN, TopicArn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } } },
  'a custom Config rule': { T: { Type: 'AWS::Config::ConfigRule', Properties: { Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: ARN, SourceDetails: [] } } } },
};

const guard1 = (resources: Record<string, unknown>) => checkTopology(extractCloudFormation({ S: { Resources: resources } as any }),
  { model: NetworkModel.ALPHA })
  .filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);

/** A My Number VPC (the template holds a network; flow logs aside). */
const NETWORK = { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } } };

describe.each(Object.keys(TRIGGERS))('a function of the template started by %s', (trigger) => {
  test('whose role may open routes: GUARD-1 at the trigger', () => {
    expect(guard1({ ...NETWORK, FnRole: role('lambda.amazonaws.com', OPENS), Fn: fn, ...TRIGGERS[trigger] }).join('\n'))
      .toMatch(/^T: .*the function this trigger starts runs code whenever it is triggered that the template does not hold, and it may change the network: FnRole allows ec2:CreateInternetGateway/m);
  });

  test('whose role only reads and writes logs: nothing', () => {
    expect(guard1({ ...NETWORK, FnRole: role('lambda.amazonaws.com', READS), Fn: fn, ...TRIGGERS[trigger] })).toEqual([]);
  });
});

/** An Automation document with `steps`, and what runs it. */
function automation(steps: unknown[], by: 'remediation' | 'association'): Record<string, unknown> {
  const doc = { Type: 'AWS::SSM::Document', Properties: { DocumentType: 'Automation', Content: { schemaVersion: '0.3', mainSteps: steps } } };
  const runner = by === 'remediation'
    ? { Type: 'AWS::Config::RemediationConfiguration', Properties: { ConfigRuleName: 'r', TargetType: 'SSM_DOCUMENT', TargetId: { Ref: 'Doc' }, Automatic: true } }
    : { Type: 'AWS::SSM::Association', Properties: { Name: { Ref: 'Doc' } } };
  return { ...NETWORK, Doc: doc, Run: runner };
}

describe.each(['remediation', 'association'] as const)('an Automation document of the template run by a %s', (by) => {
  test('with a step calling ec2 CreateRoute, or one running a script: GUARD-1 for each', () => {
    const found = guard1(automation([
      { name: 'route', action: 'aws:executeAwsApi', inputs: { Service: 'ec2', Api: 'CreateRoute' } },
      { name: 'script', action: 'aws:executeScript', inputs: { Runtime: 'python3.11', Handler: 'h', Script: 'def h(e, c): pass' } },
    ], by)).join('\n');
    expect(found).toMatch(/Run: .*automation document calls ec2 CreateRoute when it runs/);
    expect(found).toMatch(/Run: .*the Automation document it runs has step script \(aws:executeScript\)/);
  });

  test('with steps that only read and wait: nothing', () => {
    expect(guard1(automation([
      { name: 'look', action: 'aws:executeAwsApi', inputs: { Service: 'ec2', Api: 'DescribeRouteTables' } },
      { name: 'wait', action: 'aws:sleep', inputs: { Duration: 'PT1M' } },
    ], by))).toEqual([]);
  });
  // Found by the deploy-code oracle (seeded fuzz of Automation documents): a call whose service came from the document's
  // input parameters was judged as a call to a service named `{{ Service }}`, which the guard does not read: quiet.
  test('with an aws:executeAwsApi step whose service or API is given when it runs, or left out: GUARD-1', () => {
    const unread = /^Run: .*the Automation document it runs has step call \(aws:executeAwsApi\), whose service or API the guard cannot read/m;
    for (const inputs of [{ Service: '{{ Service }}', Api: 'CreateRoute' }, { Service: '{{ssm:/ops/service}}', Api: 'StartPipelineExecution' },
      { Service: 'sagemaker', Api: '{{ Api }}' }, { Api: 'CreateRoute' }]) {
      expect(guard1(automation([{ name: 'call', action: 'aws:executeAwsApi', inputs }], by)).join('\n')).toMatch(unread);
    }
  });
});

test('Terraform: an Automation document run by an association, with a CreateRoute step: GUARD-1', () => {
  const config = (api: string) => ({
    resource: {
      aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
      aws_ssm_document: { d: { name: 'd', document_type: 'Automation', document_format: 'JSON', content: JSON.stringify({ schemaVersion: '0.3', mainSteps: [{ name: 's', action: 'aws:executeAwsApi', inputs: { Service: 'ec2', Api: api } }] }) } },
      aws_ssm_association: { a: { name: '${aws_ssm_document.d.name}' } },
    },
  });
  const found = (api: string) => checkTopology(extractTerraform({ t: config(api) as any }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.message);
  expect(found('CreateRoute').join('\n')).toMatch(/automation document calls ec2 CreateRoute when it runs/);
  expect(found('DescribeRouteTables')).toEqual([]);
});

/**
 * What a trigger names by a value the guard cannot read (red team 39): a parameter, an import of no stack it was given,
 * a custom resource's answer, a dynamic reference may name any function, state machine or runbook — one of the template
 * whose role may open routes among them —, so it counts as code the guard cannot see (GUARD-1 at the trigger), unless
 * the ARN's readable part names no code. Before, none of these was judged.
 */
describe('code a trigger names by a value the guard cannot read', () => {
  const guard1With = (resources: Record<string, unknown>, parameters: Record<string, unknown> = {}) => checkTopology(
    extractCloudFormation({ S: { Parameters: parameters, Resources: { ...NETWORK, ...resources } } as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
  const P = { P: { Type: 'String' } };
  const rule = (arn: unknown) => ({ T: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 't', Arn: arn }] } } });
  const UNSEEN = (property: string) => new RegExp(`^T: ${property.replace(/[[\].]/g, '\\$&')} could not be resolved: the target this rule starts is named by .+, `
    + 'which the guard cannot read: it may be any function, state machine or Automation runbook, and its code may change the network$', 'm');
  const custom = { C: { Type: 'Custom::Answer', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } }, FnRole: role('lambda.amazonaws.com', READS), Fn: fn };

  test('a rule target by a parameter, an import of no stack the guard was given, a custom resource\'s answer, a dynamic reference: GUARD-1 naming the target', () => {
    expect(guard1With(rule({ Ref: 'P' }), P).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
    expect(guard1With(rule({ Ref: 'P' }), P).join('\n')).toMatch(/named by \{"Ref":"P"\}/);
    expect(guard1With(rule({ 'Fn::ImportValue': 'FnArn' })).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
    expect(guard1With({ ...custom, ...rule({ 'Fn::GetAtt': ['C', 'Arn'] }) }).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
    expect(guard1With(rule('{{resolve:ssm:/app/fn-arn}}')).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
    // An ARN whose function name is a parameter.
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${P}' }), P).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
  });

  test('a schedule, an event source mapping, a subscription and a Config rule the same', () => {
    const found = guard1With({
      ...custom,
      S1: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 minute)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { 'Fn::GetAtt': ['C', 'Arn'] }, RoleArn: 'arn:aws:iam::111122223333:role/s' } } },
      M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: { Ref: 'P' }, EventSourceArn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } },
      N: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', Endpoint: { 'Fn::ImportValue': 'FnArn' }, TopicArn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } },
      R: { Type: 'AWS::Config::ConfigRule', Properties: { Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: { Ref: 'P' }, SourceDetails: [] } } },
    }, P).join('\n');
    expect(found).toMatch(/^S1: Target\.Arn could not be resolved: the target this schedule starts is named by \{"Fn::GetAtt":\["C","Arn"\]\}, which the guard cannot read/m);
    expect(found).toMatch(/^M: FunctionName could not be resolved: the function this event source mapping starts is named by \{"Ref":"P"\}, which the guard cannot read: it may be any function, and its code may change the network$/m);
    expect(found).toMatch(/^N: Endpoint could not be resolved: the function this subscription starts is named by/m);
    expect(found).toMatch(/^R: Source\.SourceIdentifier could not be resolved: the function this Config rule starts is named by/m);
  });

  test('a schedule target by a parameter is reported once, as the schedule\'s unreadable API calls', () => {
    const found = guard1With({ S1: { Type: 'AWS::Scheduler::Schedule', Properties: { ScheduleExpression: 'rate(1 minute)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { Ref: 'P' }, RoleArn: 'r' } } } }, P);
    expect(found).toEqual([expect.stringMatching(/^S1: Target\.Arn could not be resolved: the AWS API calls this schedule makes when it runs cannot be read at synth time$/)]);
  });

  test('an ARN whose readable part names no code (a queue, a topic, a Run Command document), a queue of the template: nothing', () => {
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:${P}' }), P)).toEqual([]);
    expect(guard1With(rule({ 'Fn::Join': [':', ['arn:aws:sns:ap-northeast-1', { Ref: 'AWS::AccountId' }, { Ref: 'P' }]] }), P)).toEqual([]);
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}::document/${P}' }), P)).toEqual([]);
    expect(guard1With({ Q: { Type: 'AWS::SQS::Queue', Properties: {} }, ...rule({ 'Fn::GetAtt': ['Q', 'Arn'] }) })).toEqual([]);
    // The service itself unreadable: any.
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:${P}:${AWS::Region}:${AWS::AccountId}:function:f' }), P).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
  });

  test('a function or state machine outside the template named by a literal: GUARD-1, whatever account its ARN names', () => {
    const OUTSIDE = (what: string, text: string) => new RegExp(`^T: Targets\\[0\\]\\.Arn could not be resolved: the ${what} ${text.replace(/[.$]/g, '\\$&')} this rule starts `
      + 'is not in the template: of the deploying account, as far as the guard can tell, it may run in any VPC with any role', 'm');
    const elsewhere = 'arn:aws:lambda:ap-northeast-1:111122223333:function:elsewhere';
    expect(guard1With(rule(elsewhere)).join('\n')).toMatch(OUTSIDE('function', elsewhere));
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:elsewhere' })).join('\n'))
      .toMatch(OUTSIDE('function', 'arn:{partition}:lambda:{region}:{accountid}:function:elsewhere'));
    const machine = 'arn:aws:states:ap-northeast-1:111122223333:stateMachine:elsewhere';
    expect(guard1With(rule(machine)).join('\n')).toMatch(OUTSIDE('state machine', machine));
    // An event source mapping by a bare name, a subscription, a Config rule.
    const found = guard1With({
      M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'elsewhere', EventSourceArn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } },
      N: { Type: 'AWS::SNS::Subscription', Properties: { Protocol: 'lambda', Endpoint: elsewhere, TopicArn: 'arn:aws:sns:ap-northeast-1:111122223333:t' } },
      R: { Type: 'AWS::Config::ConfigRule', Properties: { Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: elsewhere, SourceDetails: [] } } },
    }).join('\n');
    expect(found).toMatch(/^M: FunctionName could not be resolved: the function elsewhere this event source mapping starts is not in the template/m);
    expect(found).toMatch(/^N: Endpoint could not be resolved: the function .* this subscription starts is not in the template/m);
    expect(found).toMatch(/^R: Source\.SourceIdentifier could not be resolved: the function .* this Config rule starts is not in the template/m);
  });

  test('a CodeBuild project, an ECS task, a Batch job, a SageMaker pipeline a rule, schedule or pipe starts: GUARD-1 (not bounded by its role)', () => {
    const UNBOUNDED = /runs code with a role of its own that the guard does not bound, and that code may change the network$/m;
    for (const arn of ['arn:aws:codebuild:ap-northeast-1:111122223333:project/p', 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c',
      'arn:aws:batch:ap-northeast-1:111122223333:job-queue/q', 'arn:aws:sagemaker:ap-northeast-1:111122223333:pipeline/p']) {
      expect(guard1With(rule(arn)).join('\n')).toMatch(UNBOUNDED);
    }
    const project = { P: { Type: 'AWS::CodeBuild::Project', Properties: { ServiceRole: 'r', Source: { Type: 'NO_SOURCE' }, Artifacts: { Type: 'NO_ARTIFACTS' } } } };
    expect(guard1With({ ...project, ...rule({ 'Fn::GetAtt': ['P', 'Arn'] }) }).join('\n')).toMatch(/^T: Targets\[0\]\.Arn could not be resolved: this rule starts AWS::CodeBuild::Project P, which runs code/m);
    expect(guard1With({
      C: { Type: 'AWS::ECS::Cluster', Properties: {} },
      S1: {
        Type: 'AWS::Scheduler::Schedule',
        Properties: { ScheduleExpression: 'rate(1 minute)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: { 'Fn::GetAtt': ['C', 'Arn'] }, RoleArn: 'r', EcsParameters: { TaskDefinitionArn: 't' } } },
      },
    })
      .join('\n')).toMatch(/^S1: Target\.Arn could not be resolved: this schedule starts AWS::ECS::Cluster C, which runs code/m);
    expect(guard1With({ Pp: { Type: 'AWS::Pipes::Pipe', Properties: { RoleArn: 'r', Source: 'arn:aws:sqs:ap-northeast-1:111122223333:q', Target: 'arn:aws:batch:ap-northeast-1:111122223333:job-queue/q' } } })
      .join('\n')).toMatch(/^Pp: Target could not be resolved: this pipe starts arn:aws:batch:.*, which runs code/m);
    // Controls: a queue, a topic, a bus, a log group, a schedule's universal target (judged as its API call).
    for (const arn of ['arn:aws:sqs:ap-northeast-1:111122223333:q', 'arn:aws:sns:ap-northeast-1:111122223333:t', 'arn:aws:events:ap-northeast-1:111122223333:event-bus/b',
      'arn:aws:logs:ap-northeast-1:111122223333:log-group:g']) {
      expect(guard1With(rule(arn))).toEqual([]);
    }
    // An unreadable ARN of such a service: GUARD-1 too (`namesNoCode` lists the services that run no code).
    expect(guard1With(rule({ 'Fn::Sub': 'arn:${AWS::Partition}:codebuild:${AWS::Region}:${AWS::AccountId}:project/${P}' }), P).join('\n')).toMatch(UNSEEN('Targets[0].Arn'));
  });

  test('a pipe starting a function of the template is bounded by its role', () => {
    const pipe = (target: unknown) => ({ Pp: { Type: 'AWS::Pipes::Pipe', Properties: { RoleArn: 'r', Source: 'arn:aws:sqs:ap-northeast-1:111122223333:q', Target: target } } });
    expect(guard1With({ FnRole: role('lambda.amazonaws.com', OPENS), Fn: fn, ...pipe({ 'Fn::GetAtt': ['Fn', 'Arn'] }) }).join('\n'))
      .toMatch(/^Pp: Target could not be resolved: the function this trigger starts runs code whenever it is triggered/m);
    expect(guard1With({ FnRole: role('lambda.amazonaws.com', READS), Fn: fn, ...pipe({ 'Fn::GetAtt': ['Fn', 'Arn'] }) })).toEqual([]);
  });
});

/**
 * A function of the app named otherwise than by `Fn::GetAtt [Fn, Arn]` (red team 39): an alias or version, its literal
 * name in an ARN, an ARN built around its `Ref`, an export of another stack. Before, each passed unjudged.
 */
describe('code of the app a trigger names another way is bounded by its role', () => {
  const named = { ...fn, Properties: { ...fn.Properties, FunctionName: 'opener' } };
  const rule = (arn: unknown) => ({ T: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 't', Arn: arn }] } } });
  const OPENING = /^T: Targets\[0\]\.Arn could not be resolved: the function this trigger starts runs code whenever it is triggered that the template does not hold, and it may change the network: FnRole allows ec2:CreateInternetGateway/m;
  const ways: Record<string, Record<string, unknown>> = {
    'an alias': { A: { Type: 'AWS::Lambda::Alias', Properties: { FunctionName: { Ref: 'Fn' }, FunctionVersion: '$LATEST', Name: 'live' } }, ...rule({ Ref: 'A' }) },
    'a version': { V: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'Fn' } } }, ...rule({ Ref: 'V' }) },
    'its literal name in an ARN': rule('arn:aws:lambda:ap-northeast-1:111122223333:function:opener'),
    'an ARN built around its Ref': rule({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}' }),
    'an event source mapping by its literal name': { T: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'opener', EventSourceArn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } } },
  };

  test.each(Object.keys(ways))('%s: GUARD-1 when its role may open routes, nothing when it reads', (way) => {
    const opens = guard1({ ...NETWORK, FnRole: role('lambda.amazonaws.com', OPENS), Fn: named, ...ways[way] }).join('\n');
    expect(opens).toMatch(way.startsWith('an event source') ? /^T: FunctionName could not be resolved: the function this trigger starts .*FnRole allows ec2:CreateInternetGateway/m : OPENING);
    expect(guard1({ ...NETWORK, FnRole: role('lambda.amazonaws.com', READS), Fn: named, ...ways[way] })).toEqual([]);
  });

  test('a state machine of the template, by Ref or an ARN around its name, is known: not reported as code named out of reach', () => {
    const sm = { Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'sm', RoleArn: 'arn:aws:iam::111122223333:role/s', DefinitionString: '{"StartAt":"a","States":{"a":{"Type":"Pass","End":true}}}' } } };
    expect(guard1({ ...NETWORK, ...sm, ...rule({ Ref: 'Sm' }) })).toEqual([]);
    expect(guard1({ ...NETWORK, ...sm, ...rule({ 'Fn::Sub': 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${Sm.Name}' }) })).toEqual([]);
  });

  test('a function of another stack the guard was given, by its export: bounded by its role there', () => {
    const found = (actions: string[]) => checkTopology(extractCloudFormation({
      Fns: { Resources: { FnRole: role('lambda.amazonaws.com', actions), Fn: fn }, Outputs: { A: { Value: ARN, Export: { Name: 'FnArn' } } } } as any,
      S: { Resources: { ...NETWORK, ...rule({ 'Fn::ImportValue': 'FnArn' }) } } as any,
    }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
    expect(found(OPENS).join('\n')).toMatch(/T: Targets\[0\]\.Arn could not be resolved: the function this trigger starts .*FnRole allows ec2:CreateInternetGateway/);
    expect(found(READS)).toEqual([]);
  });

  /**
   * A function or state machine of another stack of the app named by its literal name or ARN (task multi45): the stacks
   * read together share an account, and a name is one function there. Before, only the trigger's own template was
   * searched, and the function was GUARD-1 as code outside the output whatever its role.
   */
  describe('a function or state machine of another stack read with it, by its literal name or ARN', () => {
    const app = (actions: string[], trigger: Record<string, unknown>, more: Record<string, unknown> = {}) => checkTopology(extractCloudFormation({
      Fns: { Resources: { FnRole: role('lambda.amazonaws.com', actions), Fn: named } } as any,
      S: { Resources: { ...NETWORK, ...trigger } } as any,
      ...more,
    }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path}: ${f.message}`);
    const byArn = rule('arn:aws:lambda:ap-northeast-1:111122223333:function:opener');
    const byPseudo = rule({ 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:opener' });
    const byName = { T: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { FunctionName: 'opener', EventSourceArn: 'arn:aws:sqs:ap-northeast-1:111122223333:q' } } };
    const STARTS = /S\/T: (Targets\[0\]\.Arn|FunctionName) could not be resolved: the function this trigger starts .*FnRole allows ec2:CreateInternetGateway/;

    test.each([['a literal ARN', byArn], ['an ARN of pseudo parameters', byPseudo], ['an event source mapping by name', byName]])(
      '%s: bounded by its role there (GUARD-1 when it may open routes, nothing when it reads)', (_, trigger) => {
        const opens = app(OPENS, trigger);
        expect(opens.join('\n')).toMatch(STARTS);
        expect(opens.join('\n')).not.toMatch(/is not in the app's templates/);
        expect(app(READS, trigger)).toEqual([]);
      });

    test('a state machine of another stack by its literal ARN is known, as one of the template', () => {
      const sm = { Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { StateMachineName: 'sm', RoleArn: 'arn:aws:iam::111122223333:role/s', DefinitionString: '{"StartAt":"a","States":{"a":{"Type":"Pass","End":true}}}' } } };
      expect(app(READS, rule('arn:aws:states:ap-northeast-1:111122223333:stateMachine:sm'), { M: { Resources: sm } as any })).toEqual([]);
    });

    test('fail closed: two stacks declaring the name (either may be the one started), or a name no stack declares: code outside', () => {
      const twice = app(READS, byArn, { Fns2: { Resources: { FnRole: role('lambda.amazonaws.com', READS), Fn: named } } as any });
      expect(twice.join('\n')).toMatch(/^S\/T: Targets\[0\]\.Arn could not be resolved: the function arn:aws:lambda:.*:function:opener this rule starts is not in the app's templates/m);
      expect(app(READS, rule('arn:aws:lambda:ap-northeast-1:111122223333:function:other')).join('\n')).toMatch(/function:other this rule starts is not in the app's templates/);
    });

    test('fail closed: a hub\'s evidence (another app, maybe another account), or a stack of another environment, holds no function of the stack', () => {
      const stacks = (fns: string) => ({
        [fns]: { Resources: { FnRole: role('lambda.amazonaws.com', READS), Fn: named } } as any,
        S: { Resources: { ...NETWORK, ...byArn } } as any,
      });
      const outside = (g: ReturnType<typeof extractCloudFormation>) => checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1')
        .map((f) => f.message).join('\n');
      expect(outside(extractCloudFormation(stacks('hub:Fns')))).toMatch(/function:opener this rule starts is not in the app's templates/);
      const envs = (other: string) => extractCloudFormation(stacks('Fns'), {}, {}, {}, { Fns: other, S: 'aws://111122223333/ap-northeast-1' });
      expect(outside(envs('aws://444455556666/ap-northeast-1'))).toMatch(/function:opener this rule starts is not in the app's templates/);
      expect(outside(envs('aws://111122223333/ap-northeast-1'))).toBe('');
    });
  });
});

/**
 * An Automation runbook an EventBridge rule starts directly (`automation-definition`; EventBridge User Guide, "Amazon
 * EventBridge targets", Systems Manager Automation): judged as the documents a Config remediation runs (red team 39).
 * Before, not judged at all.
 */
describe('an Automation runbook a rule starts', () => {
  const rule = (arn: unknown) => ({
    T: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 minute)', Targets: [{ Id: 't', Arn: arn, RoleArn: 'arn:aws:iam::111122223333:role/r' }] } },
  });
  const doc = (api: string, name?: string) => ({
    Doc: { Type: 'AWS::SSM::Document', Properties: { ...(name ? { Name: name } : {}), DocumentType: 'Automation', Content: { schemaVersion: '0.3', mainSteps: [{ name: 's', action: 'aws:executeAwsApi', inputs: { Service: 'ec2', Api: api } }] } } },
  });
  const RUNBOOK = 'arn:aws:ssm:ap-northeast-1:111122223333:automation-definition/';

  test('an Automation document of the template, by its Ref in the ARN or its literal name: judged step by step', () => {
    const sub = { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-definition/${Doc}:$DEFAULT' };
    expect(guard1({ ...NETWORK, ...doc('CreateRoute'), ...rule(sub) }).join('\n')).toMatch(/^T: Targets\[0\]\.Arn could not be resolved: automation document calls ec2 CreateRoute when it runs/m);
    expect(guard1({ ...NETWORK, ...doc('DescribeRouteTables'), ...rule(sub) })).toEqual([]);
    expect(guard1({ ...NETWORK, ...doc('CreateRoute', 'mine'), ...rule(`${RUNBOOK}mine:$LATEST`) }).join('\n')).toMatch(/automation document calls ec2 CreateRoute when it runs/);
    expect(guard1({ ...NETWORK, ...doc('DescribeRouteTables', 'mine'), ...rule(`${RUNBOOK}mine:3`) })).toEqual([]);
  });

  test('a runbook outside the template: GUARD-1 unless an AWS-owned one the guard knows; one named by a parameter: GUARD-1', () => {
    expect(guard1({ ...NETWORK, ...rule(`${RUNBOOK}OpenTheGates:$DEFAULT`) }).join('\n'))
      .toMatch(/^T: Targets\[0\]\.Arn could not be resolved: the SSM document OpenTheGates it runs is not in the output/m);
    expect(guard1({ ...NETWORK, ...rule(`${RUNBOOK}AWS-DisablePublicAccessForSecurityGroup:$DEFAULT`) }).join('\n')).toMatch(/the SSM document AWS-DisablePublicAccessForSecurityGroup it runs is not in the output/);
    expect(guard1({ ...NETWORK, ...rule({ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:automation-definition/AWS-PublishSNSNotification:$DEFAULT' }) })).toEqual([]);
    expect(checkTopology(extractCloudFormation({ S: { Parameters: { P: { Type: 'String' } }, Resources: { ...NETWORK, ...rule({ 'Fn::Sub': `${RUNBOOK}\${P}:$DEFAULT` }) } } as any }),
      { model: NetworkModel.ALPHA }).map((f) => f.message).join('\n')).toMatch(/the SSM document it runs is named by a value the guard cannot read/);
  });
});

/** The GUARD-1 lines of the refusal when `app` synthesizes guarded (α), or '' when it synthesizes. */
function guardLines(app: App): string {
  cdk.TopologyGuard.apply(app, { model: NetworkModel.ALPHA });
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message.split('\n').filter((l) => /GUARD-1/.test(l)).join('\n');
  }
}

describe('AWS CDK: what an events.Rule targets, refused at synth', () => {
  /** The app's GUARD-1 lines when it synthesizes a My Number VPC and a rule whose target `target` makes. */
  const refused = (target: (stack: Stack) => events.IRuleTarget): string => {
    const app = new App();
    const stack = new Stack(app, 'S');
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: [{ key: 'jichitai:segment', value: 'MY_NUMBER' }] });
    new events.Rule(stack, 'Tick', { schedule: events.Schedule.rate(Duration.minutes(1)), targets: [target(stack)] });
    return guardLines(app);
  };
  const handler = (stack: Stack, actions: string[]) => {
    const f = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
    f.addToRolePolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
    return f;
  };

  test('a function imported by an ARN from a parameter: the target may be any code', () => {
    expect(refused((stack) => new targets.LambdaFunction(lambda.Function.fromFunctionArn(stack, 'Imported', new CfnParameter(stack, 'FnArn').valueAsString))))
      .toMatch(/GUARD-1 critical .*Targets\[0\]\.Arn could not be resolved: the target this rule starts is named by \{"Ref":"FnArn"\}, which the guard cannot read/);
  });

  test('an alias of a function of the stack: bounded by the function\'s role', () => {
    expect(refused((stack) => new targets.LambdaFunction(handler(stack, ['ec2:CreateRoute']).addAlias('live'))))
      .toMatch(/the function this trigger starts runs code whenever it is triggered that the template does not hold, and it may change the network: FnServiceRole\w+ allows ec2:CreateRoute/);
    expect(refused((stack) => new targets.LambdaFunction(handler(stack, ['ec2:DescribeRouteTables']).addAlias('live')))).toBe('');
  });

  /**
   * A function of another stack the rule's stack depends on, named by its literal name (`fromFunctionName`): bounded by
   * its role there when both stacks are deployed to one account and region, code outside the output when the other is
   * deployed elsewhere (a name names another function there; task multi45).
   */
  test('a function of a connected stack by its literal name: by its role in one environment, outside in another', () => {
    const synth = (fnEnv: { account: string; region: string }, actions: string[]): string => {
      const app = new App();
      const fns = new Stack(app, 'Fns', { env: fnEnv });
      const f = new lambda.Function(fns, 'Fn', {
        functionName: 'opener',
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      });
      f.addToRolePolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
      const stack = new Stack(app, 'S', { env: { account: '111122223333', region: 'ap-northeast-1' } });
      stack.addDependency(fns);
      new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: [{ key: 'jichitai:segment', value: 'MY_NUMBER' }] });
      new events.Rule(stack, 'Tick', { schedule: events.Schedule.rate(Duration.minutes(1)), targets: [new targets.LambdaFunction(lambda.Function.fromFunctionName(stack, 'I', 'opener'))] });
      return guardLines(app);
    };
    const here = { account: '111122223333', region: 'ap-northeast-1' };
    expect(synth(here, ['ec2:CreateRoute'])).toMatch(/the function this trigger starts runs code whenever it is triggered .*FnServiceRole\w+ allows ec2:CreateRoute/);
    expect(synth(here, ['ec2:DescribeRouteTables'])).toBe('');
    expect(synth({ account: '111122223333', region: 'us-east-1' }, ['ec2:DescribeRouteTables'])).toMatch(/function:opener this rule starts is not in the app's templates/);
  });
});
