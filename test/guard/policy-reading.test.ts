/**
 * How the guard reads IAM policies it can read exactly (red team 43, src/guard/relay-read.ts; semantics §14): a
 * resource policy's principal that is the template's own role however it is written, `Principal: "*"` held to own
 * roles by `aws:PrincipalArn` (its unique ID, `RoleId`, too), references that name a role without running code with it
 * (an EKS access entry), literal ARNs that run code with it (in JSON text too), and a policy assembled with `Fn::Join`
 * of literal pieces and references. What the guard cannot read exactly stays
 * everyone (fail closed).
 */
import { NetworkModel } from '../../src';
import { GA, LAMBDA_TRUST, templateRelays } from '../support/relays-cfn';


const role = (name?: string) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: LAMBDA_TRUST, ...name ? { RoleName: name } : {} } });
/** A My Number function polling queue Q, with role `Role` (named `worker`). */
const WORKER = {
  Role: role('worker'),
  Worker: {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: GA('Role'),
      Code: { ZipFile: 'exports.handler = async () => 1' },
      VpcConfig: { SubnetIds: [{ Ref: 'MnSub' }], SecurityGroupIds: [GA('MnSg', 'GroupId')] },
    },
  },
  Q: { Type: 'AWS::SQS::Queue', Properties: {} },
  M: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: GA('Q'), FunctionName: { Ref: 'Worker' } } },
};
const queuePolicy = (document: unknown) => ({ Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'Q' }], PolicyDocument: document } });
const sendBy = (s: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: GA('Q'), ...s }] });

const relays = (resources: Record<string, unknown>, parameters: Record<string, unknown> = {}): string[] =>
  templateRelays(resources, NetworkModel.ALPHA, parameters);
const policed = (document: unknown, more: Record<string, unknown> = {}) => relays({ ...WORKER, P: queuePolicy(document), ...more });

describe('CloudFormation: a resource policy\'s principal that is the template\'s own role', () => {
  test('Fn::Sub of the role\'s ARN, alone or in a longer text, and Fn::GetAtt in both spellings: own', () => {
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': '${Role.Arn}' } } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': ['${R}', { R: GA('Role') }] } } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Role}' } } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: GA('Role') } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::GetAtt': 'Role.Arn' } } }))).toEqual([]);
    // The whole policy as Fn::Sub JSON text.
    const text = JSON.stringify(sendBy({ Principal: { AWS: '${Role.Arn}' }, Resource: '*' }));
    expect(policed({ 'Fn::Sub': text })).toEqual([]);
  });
  test('the role\'s unique ID (AROA…): ${Role.RoleId} in Fn::Sub reads as Fn::GetAtt [Role, RoleId] does', () => {
    expect(policed(sendBy({ Principal: { AWS: GA('Role', 'RoleId') } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': '${Role.RoleId}' } } }))).toEqual([]);
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': ['${R}', { R: GA('Role', 'RoleId') }] } } }))).toEqual([]);
    // In a policy written as Fn::Sub JSON text (before: a document the guard could not assemble, letting anyone in).
    expect(policed({ 'Fn::Sub': JSON.stringify(sendBy({ Principal: { AWS: '${Role.RoleId}' }, Resource: '*' })) })).toEqual([]);
    // As the callers aws:PrincipalArn is bound to, as the GetAtt form is read.
    const bound = (v: unknown) => policed(sendBy({ Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalArn': v } } }));
    expect(bound(GA('Role', 'RoleId'))).toEqual([]);
    expect(bound({ 'Fn::Sub': '${Role.RoleId}' })).toEqual([]);
    // Controls: the ID within other text; another resource's attribute that may hold any text.
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': '${Role.RoleId}:session' } } }))).toHaveLength(1);
    expect(policed({ 'Fn::Sub': JSON.stringify(sendBy({ Principal: { AWS: '${Q.QueueName}' }, Resource: '*' })) }))
      .toEqual([expect.stringMatching(/from anyone a policy the guard cannot read may let in/)]);
  });
  test('controls: another account\'s role, a parameter, a role ARN of another account around a reference', () => {
    expect(policed(sendBy({ Principal: { AWS: { 'Fn::Sub': 'arn:aws:iam::999999999999:role/${Role}' } } }))).toHaveLength(1);
    expect(relays({ ...WORKER, P: queuePolicy(sendBy({ Principal: { AWS: { 'Fn::Sub': '${Who}' } } })) }, { Who: { Type: 'String' } })).toHaveLength(1);
    const text = JSON.stringify(sendBy({ Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Resource: '*' }));
    expect(policed({ 'Fn::Sub': text })).toHaveLength(1);
  });
});

describe('CloudFormation: Principal "*" held by aws:PrincipalArn', () => {
  const held = (condition: Record<string, unknown>) => policed(sendBy({ Principal: { AWS: '*' }, Condition: condition }));
  test('StringEquals, ArnEquals or ArnLike with the own roles (by reference, by an ARN of the deploying account): those roles', () => {
    expect(held({ ArnEquals: { 'aws:PrincipalArn': GA('Role') } })).toEqual([]);
    expect(held({ StringEquals: { 'aws:PrincipalArn': [GA('Role'), { 'Fn::Sub': '${Role.Arn}' }] } })).toEqual([]);
    expect(held({ ArnLike: { 'aws:PrincipalArn': { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/worker' } } })).toEqual([]);
    expect(policed(sendBy({ Principal: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': GA('Role') } } }))).toEqual([]);
    // Another account's role named exactly: that principal, not everyone.
    expect(held({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/x' } }))
      .toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:role\/x \(aws:PrincipalArn; another account/)]);
  });
  test('what does not bound the callers exactly stays everyone', () => {
    const everyone = [expect.stringMatching(/from everyone \(Principal "\*"\)/)];
    expect(held({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/worker' } })).toEqual(everyone);
    expect(held({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/*' } })).toEqual(everyone);
    expect(held({ 'ForAnyValue:StringEquals': { 'aws:PrincipalArn': GA('Role') } })).toEqual(everyone);
    expect(held({ StringEqualsIfExists: { 'aws:PrincipalArn': GA('Role') } })).toEqual(everyone);
    expect(held({ StringNotEquals: { 'aws:PrincipalArn': GA('Role') } })).toEqual(everyone);
    expect(held({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/worker' } })).toEqual(everyone);
    expect(held({ StringEquals: { 'aws:PrincipalArn': [] } })).toEqual(everyone);
    expect(relays({ ...WORKER, P: queuePolicy(sendBy({ Principal: { AWS: '*' }, Condition: { ArnEquals: { 'aws:PrincipalArn': { Ref: 'Who' } } } })) },
      { Who: { Type: 'String' } })).toEqual(everyone);
  });
});

describe('CloudFormation: a policy joined from literal pieces and references', () => {
  const join = (...pieces: unknown[]) => ({ 'Fn::Join': ['', pieces] });
  test('read as the document it is: the own role\'s principal lets no one in; another account\'s does', () => {
    const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"';
    expect(policed(join(head, GA('Q'), '","Principal":{"AWS":"', GA('Role'), '"}}]}'))).toEqual([]);
    expect(policed(join(head, GA('Q'), '","Principal":{"AWS":"arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root"}}]}'))).toEqual([]);
    expect(policed(join(head, GA('Q'), '","Principal":{"AWS":"arn:aws:iam::999999999999:root"}}]}')))
      .toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:root \(another account/)]);
    // A delimiter between the pieces.
    const pieces = ['{', 'Statement', ':[{', 'Effect', ':', 'Allow', ',', 'Action', ':', 'sqs:SendMessage', ',', 'Principal', ':{', 'AWS', ':'];
    expect(policed({ 'Fn::Join': ['"', [...pieces, GA('Role'), '}}]}']] })).toEqual([]);
    expect(policed({ 'Fn::Join': ['"', [...pieces, 'arn:aws:iam::999999999999:root', '}}]}']] })).toHaveLength(1);
  });
  test('what the guard cannot assemble exactly stays a policy it cannot read (everyone, both ways)', () => {
    const anyone = /from anyone a policy the guard cannot read may let in/;
    const head = '{"Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Principal":{"AWS":"';
    // A parameter may hold any text (a quote that closes the principal).
    expect(relays({ ...WORKER, P: queuePolicy(join(head, { Ref: 'Who' }, '"}}]}')) }, { Who: { Type: 'String' } }))
      .toEqual([expect.stringMatching(anyone)]);
    // A reference outside a string; text that is not JSON.
    expect(policed(join('{"Statement":[{"Effect":"Allow","Action":"sqs:SendMessage","Principal":{"AWS":', GA('Role'), '}}]}'))).toEqual([expect.stringMatching(anyone)]);
    expect(policed(join(head, GA('Role'), '"}}'))).toEqual([expect.stringMatching(anyone)]);
  });
});

describe('CloudFormation: what names a role without running code with it (the unplaced-code backstop)', () => {
  const OBJECTS = { 'Fn::Join': ['', [GA('B'), '/*']] };
  /** A My Number function whose role writes and reads bucket B: a finding only when other code runs with the role. */
  const MN = {
    B: { Type: 'AWS::S3::Bucket', Properties: {} },
    MnRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: LAMBDA_TRUST,
        Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: OBJECTS }] } }],
      },
    },
    MnFn: { ...WORKER.Worker, Properties: { ...WORKER.Worker.Properties, Role: GA('MnRole') } },
  };
  const code = /^MN-1 MnFn: .*to code that AWS::(EKS::PodIdentityAssociation|Logs::ResourcePolicy) \w+ \(in a subnet the guard cannot place\)/;
  test('an EKS access entry names the role that may call the cluster\'s API: no code; a pod identity association runs pods with it', () => {
    expect(relays(MN)).toEqual([]);
    const entry = { Type: 'AWS::EKS::AccessEntry', Properties: { ClusterName: 'c', PrincipalArn: GA('MnRole'), Type: 'STANDARD' } };
    expect(relays({ ...MN, E: entry })).toEqual([]);
    expect(relays({ ...MN, E: { ...entry, Properties: { ...entry.Properties, PrincipalArn: { 'Fn::Sub': '${MnRole.Arn}' } } } })).toEqual([]);
    const pods = { Type: 'AWS::EKS::PodIdentityAssociation', Properties: { ClusterName: 'c', Namespace: 'n', ServiceAccount: 's', RoleArn: GA('MnRole') } };
    expect(relays({ ...MN, E: entry, Pods: pods })).toContainEqual(expect.stringMatching(code));
  });
  test('a policy joined from pieces names its principal as a policy written as an object does; one the guard cannot assemble still counts', () => {
    const head = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*","Principal":{"AWS":"';
    const logs = (document: unknown) => ({ Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'l', PolicyDocument: document } });
    expect(relays({ ...MN, L: logs({ 'Fn::Join': ['', [head, GA('MnRole'), '"}}]}']] }) })).toEqual([]);
    // A reference outside a string: not assembled, the role is named as code would name it (fail closed).
    const bare = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:PutLogEvents","Resource":"*","Principal":{"AWS":';
    expect(relays({ ...MN, L: logs({ 'Fn::Join': ['', [bare, GA('MnRole'), '}}]}']] }) })).toContainEqual(expect.stringMatching(code));
  });

  /** MN with its role named `mn-worker`, and task definition `mn-task` (family) running with it. */
  const NAMED = {
    ...MN,
    MnRole: { ...MN.MnRole, Properties: { ...MN.MnRole.Properties, RoleName: 'mn-worker' } },
    MnTask: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: { Family: 'mn-task', TaskRoleArn: GA('MnRole'), ContainerDefinitions: [{ Name: 'c', Image: 'x' }] },
    },
  };
  /** An EventBridge rule running an ECS task of another family, its JSON input (`overrides`) overriding the task's roles. */
  const rule = (overrides: unknown, task = 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/other:1') => ({
    Type: 'AWS::Events::Rule',
    Properties: {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [{ Id: 't', Arn: 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c', EcsParameters: { TaskDefinitionArn: task }, Input: overrides }],
    },
  });
  const job = (container: Record<string, unknown>) => ({ Type: 'AWS::Batch::JobDefinition', Properties: { Type: 'container', ContainerProperties: { Image: 'x', ...container } } });
  const runs = /^MN-1 MnFn: .*to code that AWS::(Events::Rule|Batch::JobDefinition) \w+ \(in a subnet the guard cannot place\)/;
  test('a literal ARN of the own role (its RoleName), in JSON text or a property, runs code with it as a reference does', () => {
    expect(relays(NAMED)).toEqual([]);
    expect(relays({ ...NAMED, R: rule(null) })).toEqual([]);
    // JSON text as a string, and as Fn::Sub and Fn::Join of pseudo parameters.
    expect(relays({ ...NAMED, R: rule('{"taskRoleArn":"arn:aws:iam::111122223333:role/mn-worker"}') })).toContainEqual(expect.stringMatching(runs));
    expect(relays({ ...NAMED, R: rule({ 'Fn::Sub': '{"executionRoleArn":"arn:${AWS::Partition}:iam::${AWS::AccountId}:role/mn-worker"}' }) }))
      .toContainEqual(expect.stringMatching(runs));
    const joined = { 'Fn::Join': ['', ['{"taskRoleArn":"arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/mn-worker"}']] };
    expect(relays({ ...NAMED, R: rule(joined) })).toContainEqual(expect.stringMatching(runs));
    // A property (with a path), and text that is JSON but for an expression outside a string.
    expect(relays({ ...NAMED, J: job({ JobRoleArn: 'arn:aws:iam::111122223333:role/app/mn-worker' }) })).toContainEqual(expect.stringMatching(runs));
    expect(relays({ ...NAMED, R: rule({ 'Fn::Sub': '{"cpu":${Cpu},"taskRoleArn":"arn:aws:iam::111122223333:role/mn-worker"}' }) }, { Cpu: { Type: 'Number' } }))
      .toContainEqual(expect.stringMatching(runs));
    // The task definition by the ARN of its family: runs with its role.
    expect(relays({ ...NAMED, R: rule(null, 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/mn-task:3') })).toContainEqual(expect.stringMatching(runs));
  });
  test('an account the guard cannot read may be the deploying one; what names the role as a grantee, or names another, runs nothing', () => {
    const account = { Acct: { Type: 'String' } };
    expect(relays({ ...NAMED, R: rule({ 'Fn::Sub': '{"taskRoleArn":"arn:aws:iam::${Acct}:role/mn-worker"}' }) }, account)).toContainEqual(expect.stringMatching(runs));
    expect(relays({ ...NAMED, J: job({ JobRoleArn: { 'Fn::Sub': 'arn:aws:iam::${Acct}:role/mn-worker' } }) }, account)).toContainEqual(expect.stringMatching(runs));
    expect(relays({ ...NAMED, R: rule('{"taskRoleArn":"arn:aws:iam::111122223333:role/mn-worker2"}') })).toEqual([]);
    expect(relays({ ...NAMED, R: rule(null, 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/mn-task-2:3') })).toEqual([]);
    const logs = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*', Principal: { AWS: 'arn:aws:iam::111122223333:role/mn-worker' } }] });
    expect(relays({ ...NAMED, L: { Type: 'AWS::Logs::ResourcePolicy', Properties: { PolicyName: 'l', PolicyDocument: logs } } })).toEqual([]);
  });
});
