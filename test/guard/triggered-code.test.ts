/**
 * Code the template starts automatically once deployed (outside tester, red team 37): a function of the template that
 * an EventBridge rule, a schedule, an event source, a subscription or a custom Config rule invokes is bounded by its
 * role as a custom resource's function is; an Automation document of the template that a Config remediation or a
 * State Manager association runs is judged step by step. Each that may change the network is GUARD-1.
 */
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
