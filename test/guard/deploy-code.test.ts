/**
 * Code that runs while the template is deployed (src/guard/deploy-code.ts): a custom resource's Lambda function, a
 * Terraform provisioner, an `external` data source, an `aws_lambda_invocation`. Its code is not in the template, so what
 * it changes never reaches the guard. The guard bounds a custom resource's code by its role's policies (GUARD-1 when
 * they allow changing the network, running other code or granting more, or cannot be read), and refuses Terraform's
 * runners outright. Found by a review: a custom resource whose function may call ec2:CreateRoute passed the guard.
 */
import { App, CfnOutput, CfnParameter, CfnResource, CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3d from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Testing } from 'cdktf';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { GuardLanguage, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { actionPower, allowedStatements } from '../../src/guard/deploy-code';
import { cloudFormationReadServices, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFindingIn } from '../../src/guard/rule';
import { englishRun } from '../support/japanese';

const code = lambda.Code.fromInline('exports.handler = async () => ({})');
const fn = (scope: Stack, id: string, actions: string[] = []) => {
  const f = new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code });
  if (actions.length > 0) f.addToRolePolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
  return f;
};

/** The CDKTF α example's configuration, synthesized once per describe block. */
const tfExample = () => JSON.parse(Testing.synth(buildTfExample('alpha', Testing.app()).stack));

/** What the guard cannot resolve in a copy of `base` after `edit`: `<node> <property>: <reason>`. */
function tfUnresolved(base: unknown, edit: (c: any) => void): string[] {
  const c = JSON.parse(JSON.stringify(base));
  edit(c);
  return extractTerraform({ s: c }).unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`);
}

/** The α example with `add` applied to its stack: the GUARD-1 lines of the refusal (none: it synthesized). */
function refusedWith(add: (stack: Stack) => void): string[] {
  const { app, stack } = buildCdkExample('alpha', new App());
  add(stack);
  try {
    app.synth();
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').filter((l) => /GUARD-1/.test(l));
  }
}

describe('a custom resource whose code may change the network at deploy time is refused (GUARD-1)', () => {
  test('its function\'s role allows ec2:CreateRoute: the finding names the resource, the role and the action', () => {
    const lines = refusedWith((s) => new CustomResource(s, 'Seeder', { serviceToken: fn(s, 'Fn', ['ec2:CreateRoute']).functionArn }));
    expect(lines).toEqual([expect.stringMatching(/\[SampleCity-alpha\/Seeder\/Default\] GUARD-1 critical \(三層の対策\): ServiceToken could not be resolved: this custom resource runs code at deploy time that the template does not hold, and it may change the network: FnServiceRole\w+ allows ec2:CreateRoute\. Fix: declare what the code makes as resources of the template/)]);
  });

  test.each([
    ['ec2:*', ['ec2:*']],
    ['every action', ['*']],
    ['a wildcard that may create', ['ec2:Create*']],
    ['another service the guard reads (a load balancer\'s listener)', ['elasticloadbalancing:CreateListener']],
    ['assuming another role', ['sts:AssumeRole']],
    ['passing a role (to make something run with it)', ['iam:PassRole']],
    ['running commands on instances', ['ssm:SendCommand']],
    ['starting a build', ['codebuild:StartBuild']],
    ['invoking any function', ['lambda:InvokeFunction']],
  ])('%s', (_, actions) => {
    expect(refusedWith((s) => new CustomResource(s, 'Seeder', { serviceToken: fn(s, 'Fn', actions).functionArn }))).toHaveLength(1);
  });

  test('the handler behind aws-cdk-lib\'s provider framework is followed from the framework\'s invocation', () => {
    const lines = refusedWith((s) => {
      const provider = new cr.Provider(s, 'Provider', { onEventHandler: fn(s, 'Handler', ['ec2:AttachInternetGateway']) });
      new CustomResource(s, 'Seeder', { serviceToken: provider.serviceToken });
    });
    expect(lines).toEqual([expect.stringMatching(/Seeder\/Default\] GUARD-1 .*HandlerServiceRole\w+ allows ec2:AttachInternetGateway/)]);
  });

  test('a service token that is no function of the template (a literal ARN, an SNS topic) bounds nothing', () => {
    expect(refusedWith((s) => new CustomResource(s, 'Seeder', { serviceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:seed' })))
      .toEqual([expect.stringMatching(/its service token arn:aws:lambda:ap-northeast-1:123456789012:function:seed is no Lambda function of this template/)]);
    expect(refusedWith((s) => new CustomResource(s, 'Seeder', { serviceToken: new sns.Topic(s, 'Topic').topicArn })))
      .toEqual([expect.stringMatching(/its service token \{sns-topic\} is no Lambda function of this template/)]);
  });

  test('a role or policy the guard cannot read bounds nothing: an imported role, NotAction, a managed policy not in the template', () => {
    expect(refusedWith((s) => {
      const f = new lambda.Function(s, 'Fn', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code,
        role: iam.Role.fromRoleArn(s, 'Imported', 'arn:aws:iam::123456789012:role/deployer'),
      });
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([expect.stringMatching(/the role of Fn\w+ \(arn:aws:iam::123456789012:role\/deployer\) is not a role of this template/)]);
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      f.addToRolePolicy(new iam.PolicyStatement({ notActions: ['s3:DeleteBucket'], resources: ['*'] }));
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([expect.stringMatching(/a statement allows every action but those it names \(NotAction\)/)]);
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      f.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'));
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([expect.stringMatching(/has managed policy arn:\{partition\}:iam::aws:policy\/AdministratorAccess, which is not in the template/)]);
  });

  test('the reason and the fix have Japanese', () => {
    const template = (() => {
      const stack = new Stack(new App(), 'S');
      const f = fn(stack, 'Fn', ['ec2:CreateRoute', 'sts:AssumeRole', 'ec2:ModifyVpcAttribute', 'ec2:CreateTransitGatewayRoute']);
      f.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: ['arn:aws:lambda:ap-northeast-1:123456789012:function:other'] }));
      new CustomResource(stack, 'Seeder', { serviceToken: f.functionArn });
      new CustomResource(stack, 'Literal', { serviceToken: 'arn:aws:lambda:ap-northeast-1:123456789012:function:seed' });
      return (stack as any)._toCloudFormation();
    })();
    const found = checkTopology(extractCloudFormation({ S: template }), { model: NetworkModel.ALPHA }).filter((f) => /ServiceToken/.test(f.message));
    expect(found).toHaveLength(2);
    for (const f of found) {
      const ja = formatFindingIn(f, GuardLanguage.JAPANESE);
      expect(ja).toMatch(/テンプレートにないコードをデプロイ時に実行し/);
      expect(englishRun(ja)).toBeUndefined();
    }
    // Four powers and one invocation beyond the template: three are shown, the rest counted.
    expect(found.map((f) => formatFindingIn(f, GuardLanguage.JAPANESE)).join('\n')).toMatch(/Fn\w+ が ec2:CreateRoute を許可している。.*（ほか 2 件）/);
  });
});

describe('custom resources whose code cannot change the network pass', () => {
  test.each([
    ['a function with only its logs (AWSLambdaBasicExecutionRole)', (s: Stack) => new CustomResource(s, 'Seeder', { serviceToken: fn(s, 'Fn').functionArn })],
    ['S3 objects, SSM parameters, reads and tags', (s: Stack) => new CustomResource(s, 'Seeder', {
      serviceToken: fn(s, 'Fn', ['s3:PutObject', 's3:DeleteObject*', 'ssm:PutParameter', 'ec2:Describe*', 'ec2:CreateTags', 'logs:PutRetentionPolicy', 'dynamodb:PutItem']).functionArn,
    })],
    ['the provider framework with a waiter (its state machine and functions followed)', (s: Stack) => {
      const provider = new cr.Provider(s, 'Provider', { onEventHandler: fn(s, 'Handler'), isCompleteHandler: fn(s, 'Done'), queryInterval: Duration.seconds(10) });
      new CustomResource(s, 'Seeder', { serviceToken: provider.serviceToken });
    }],
    ['a function in a VPC (AWSLambdaVPCAccessExecutionRole)', (s: Stack) => {
      const f = fn(s, 'Fn');
      f.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaVPCAccessExecutionRole'));
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    }],
  ])('%s', (_, add) => {
    expect(refusedWith(add)).toEqual([]);
  });

  test.each([
    ['a bucket\'s automatic deletion of objects', (s: Stack) => new s3.Bucket(s, 'B', { autoDeleteObjects: true, removalPolicy: RemovalPolicy.DESTROY })],
    ['a bucket\'s event notification to a function', (s: Stack) => new s3.Bucket(s, 'B').addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn(s, 'F')))],
    ['a bucket deployment', (s: Stack) => new s3d.BucketDeployment(s, 'D', { destinationBucket: new s3.Bucket(s, 'B'), sources: [s3d.Source.data('a.txt', 'x')] })],
  ])('aws-cdk-lib\'s own providers: %s', (_, add) => {
    const stack = new Stack(new App(), 'S');
    add(stack);
    const template = (stack as any)._toCloudFormation();
    expect(Object.values<any>(template.Resources).some((r) => r.Type.startsWith('Custom::'))).toBe(true);
    expect(extractCloudFormation({ S: template }).unresolved.filter((u) => u.property === 'ServiceToken')).toEqual([]);
  });

  test('aws-cdk-lib\'s restriction of a VPC\'s default security group (it removes the group\'s rules)', () => {
    const stack = new Stack(new App(), 'S');
    new ec2.Vpc(stack, 'Vpc', { restrictDefaultSecurityGroup: true, natGateways: 0, subnetConfiguration: [{ name: 'i', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const template = (stack as any)._toCloudFormation();
    expect(Object.values<any>(template.Resources).some((r) => r.Type === 'Custom::VpcRestrictDefaultSG')).toBe(true);
    expect(extractCloudFormation({ S: template }).unresolved.filter((u) => u.property === 'ServiceToken')).toEqual([]);
  });

  test('an AwsCustomResource that only reads (the VPN attachment lookups of every example) is not counted twice', () => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Marker', { type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.0.0.0/16' } });
    new cr.AwsCustomResource(stack, 'Lookup', {
      onCreate: { service: 'EC2', action: 'describeVpcs', physicalResourceId: cr.PhysicalResourceId.of('x') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    new cr.AwsCustomResource(stack, 'Tagger', {
      onCreate: { service: 'EC2', action: 'modifyVpcAttribute', physicalResourceId: cr.PhysicalResourceId.of('y') },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    // The modifyVpcAttribute call is judged as a call (once), not again through the provider's role, which holds both calls' actions.
    expect(extractCloudFormation({ S: (stack as any)._toCloudFormation() }).unresolved.map((u) => `${u.node} ${u.property}`))
      .toEqual([expect.stringMatching(/^Tagger\w+ Create$/)]);
  });
});

describe('Terraform: provisioners, external programs and function invocations are refused (GUARD-1)', () => {
  const base = tfExample();
  const unresolved = (edit: (c: any) => void) => tfUnresolved(base, edit);

  test('the example has none', () => {
    expect(unresolved(() => undefined)).toEqual([]);
  });

  test.each([
    ['a local-exec provisioner', (c: any) => { c.resource.terraform_data = { seed: { provisioner: [{ 'local-exec': { command: 'aws ec2 create-route' } }] } }; },
      'terraform_data.seed provisioner.local-exec: a local-exec provisioner runs commands at apply time on the machine that runs terraform, with its credentials, '
      + 'which the configuration does not show, and they may change the network'],
    ['a remote-exec provisioner (the object form)', (c: any) => { c.resource.aws_instance = { ...c.resource.aws_instance, x: { provisioner: { 'remote-exec': { inline: ['x'] } } } }; },
      'aws_instance.x provisioner.remote-exec: a remote-exec provisioner runs commands at apply time on a remote host, which the configuration does not show, and they may change the network'],
    ['an external data source', (c: any) => { c.data = { ...c.data, external: { seed: { program: ['sh', '-c', 'aws ec2 create-route'] } } }; },
      'data.external.seed program: it runs a program on the machine that runs terraform, at plan time and with its credentials, and it may change the network'],
    ['aws_lambda_invocation', (c: any) => { c.resource.aws_lambda_invocation = { seed: { function_name: 'seed', input: '{}' } }; },
      'aws_lambda_invocation.seed function_name: it invokes a function at apply time, whose code the configuration does not hold, and it may change the network'],
    ['the aws_lambda_invocation data source', (c: any) => { c.data = { ...c.data, aws_lambda_invocation: { seed: { function_name: 'seed', input: '{}' } } }; },
      'data.aws_lambda_invocation.seed function_name: it invokes a function at plan time, whose code the configuration does not hold, and it may change the network'],
    // Opened at plan and apply time though nothing refers to it (outside auditor, red team 38: terraform 1.11 invokes it at plan time).
    ['an ephemeral aws_lambda_invocation', (c: any) => { c.ephemeral = { aws_lambda_invocation: { seed: { function_name: 'seed', payload: '{}' } } }; },
      'ephemeral.aws_lambda_invocation.seed function_name: it invokes a function at plan and apply time, whose code the configuration does not hold, and it may change the network'],
    // Files code on the host runs or reads (a cron entry, a boot script, squid.conf): as a remote-exec (outside auditor, red team 38).
    ['a file provisioner', (c: any) => { c.resource.terraform_data = { seed: { provisioner: [{ file: { content: '* * * * * root x', destination: '/etc/cron.d/x' } }] } }; },
      'terraform_data.seed provisioner.file: a file provisioner writes files on a remote host at apply time, which the configuration does not show: what runs there may '
      + 'run or read them (a cron entry, a boot script, a proxy\'s configuration), and it may change the network'],
  ])('%s', (_, edit, expected) => {
    expect(unresolved(edit)).toEqual([expected]);
  });

  test('in Japanese', () => {
    const c = JSON.parse(JSON.stringify(base));
    c.resource.terraform_data = { seed: { provisioner: [{ 'local-exec': { command: 'x' } }, { 'remote-exec': { inline: ['x'] } }, { file: { content: 'x', destination: 'x' } }] } };
    c.resource.aws_lambda_invocation = { seed: { function_name: 'seed', input: '{}' } };
    c.data = { ...c.data, external: { seed: { program: ['x'] } }, aws_lambda_invocation: { seed: { function_name: 'seed', input: '{}' } } };
    c.ephemeral = { aws_lambda_invocation: { seed: { function_name: 'seed', payload: '{}' } } };
    const found = checkTopology(extractTerraform({ s: c }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(7);
    for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });
});

describe('deploy-code', () => {
  const read = cloudFormationReadServices();
  test.each([
    ['ec2:CreateRoute', 'changes'], ['ec2:create*', 'changes'], ['*', 'changes'], ['*:CreateRoute', 'changes'], ['ec2:*', 'changes'],
    ['ec2:DescribeRouteTables', undefined], ['ec2:Describe*', undefined], ['ec2:Get*', undefined], ['ec2:CreateTags', undefined],
    ['network-firewall:UpdateRuleGroup', 'changes'], ['elasticloadbalancing:ModifyListener', 'changes'], ['iam:PutRolePolicy', 'changes'],
    ['sts:AssumeRole', 'changes'], ['lambda:InvokeFunction', 'function'], ['states:StartExecution', 'state machine'], ['lambda:Invoke*', 'changes'],
    ['logs:CreateLogGroup', undefined], ['logs:PutRetentionPolicy', undefined], ['logs:DeleteLogGroup', 'changes'], ['logs:PutSubscriptionFilter', 'changes'],
    ['logs:*', 'changes'], ['logs:Describe*', undefined],
    ['s3:PutObject', undefined], ['s3:PutBucketPolicy', undefined], ['s3:PutBucketNotification', undefined], ['s3:DeleteObject*', undefined],
    ['s3:DeleteBucket', 'changes'], ['s3:Delete*', 'changes'], ['s3:*', 'changes'],
    ['ssm:PutParameter', undefined], ['ssm:SendCommand', 'changes'], ['dynamodb:PutItem', undefined], ['ses:SendEmail', undefined],
  ])('%s: %s', (action, power) => {
    expect(actionPower(action, read)).toBe(power);
  });

  test('statements: Deny is left out, a single statement or action is a list of one, what is not written out is a problem', () => {
    expect(allowedStatements({ Statement: { Effect: 'Allow', Action: 'ec2:CreateRoute', Resource: '*' } })).toEqual({ statements: [{ actions: ['ec2:CreateRoute'], resources: ['*'] }] });
    expect(allowedStatements({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })).toEqual({ statements: [] });
    expect(allowedStatements({ 'Fn::If': ['c', {}, {}] }).problem).toBe('its policy document is not written out in the template');
    expect(allowedStatements({ Ref: 'Doc' }).problem).toBe('its policy document is not written out in the template');
    expect(allowedStatements('{"Statement": []}').problem).toBe('its policy document is not written out in the template');
    expect(allowedStatements({ Statement: [{ Effect: 'Allow', Action: { Ref: 'A' }, Resource: '*' }] }).problem).toBe('an action of its policy is not written out');
  });
});

describe('a policy that may be attached to the role counts', () => {
  /** A custom resource on a function whose role has no policy of its own, and a policy `Roles` names as `roles`. */
  const unresolved = (roles: unknown, roleName?: string) => {
    const stack = new Stack(new App(), 'S');
    new CfnResource(stack, 'Role', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {}, ...(roleName ? { RoleName: roleName } : {}) } });
    new CfnResource(stack, 'Fn', { type: 'AWS::Lambda::Function', properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'x' } } });
    new CfnResource(stack, 'Other', { type: 'AWS::IAM::Role', properties: { AssumeRolePolicyDocument: {} } });
    new CfnResource(stack, 'Policy', {
      type: 'AWS::IAM::Policy',
      properties: { PolicyName: 'p', Roles: roles, PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:CreateRoute', Resource: '*' }] } },
    });
    new CfnResource(stack, 'Seed', { type: 'Custom::Seed', properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } });
    const template = (stack as any)._toCloudFormation();
    template.Parameters = { RoleParam: { Type: 'String' } };
    template.Conditions = { C: { 'Fn::Equals': ['a', 'b'] } };
    return extractCloudFormation({ S: template }).unresolved.filter((u) => u.property === 'ServiceToken').map((u) => u.reason);
  };

  // Every row has three entries: Jest hands a test function of three parameters a `done` callback in place of a missing one.
  test.each([
    ['by Ref', [{ Ref: 'Role' }], undefined],
    ['by the role\'s name', ['seeder'], 'seeder'],
    ['by a parameter (it may name this role)', [{ Ref: 'RoleParam' }], undefined],
    ['chosen by a condition', [{ 'Fn::If': ['C', { Ref: 'Role' }, { Ref: 'Other' }] }], undefined],
    ['a list chosen by a condition', { 'Fn::If': ['C', [{ Ref: 'Role' }], [{ Ref: 'Other' }]] }, undefined],
    ['an import', [{ 'Fn::ImportValue': 'role-name' }], undefined],
  ])('%s', (_, roles, roleName) => {
    expect(unresolved(roles, roleName)).toEqual([expect.stringMatching(/Role allows ec2:CreateRoute$/)]);
  });

  test('controls: attached to another role of the template, or by another name', () => {
    expect(unresolved([{ Ref: 'Other' }])).toEqual([]);
    expect(unresolved(['someone-else'], 'seeder')).toEqual([]);
  });
});

test('an S3 wildcard counts when the whole pattern may match DeleteBucket, not what precedes its first wildcard', () => {
  const read = cloudFormationReadServices();
  expect(['s3:*Object', 's3:DeleteBucket?*', 's3:Delete?', 's3:*Policy'].map((a) => actionPower(a, read))).toEqual([undefined, undefined, undefined, undefined]);
  expect(['s3:*', 's3:D*', 's3:Delete?ucket', 's3:*Bucket', 's3:deletebucket'].map((a) => actionPower(a, read))).toEqual(['changes', 'changes', 'changes', 'changes', 'changes']);
});

/**
 * Found by red team 22: ways for a custom resource's code to act beyond its own role's policies, and code the template
 * runs at deploy time without a custom resource.
 */
describe('what a custom resource\'s code may use beyond its role\'s own policies counts (GUARD-1)', () => {
  const power = (s: Stack, id: string, actions: string[], props: Partial<iam.RoleProps> = {}) => {
    const role = new iam.Role(s, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), ...props });
    role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
    return role;
  };

  test('a managed policy not in the template whose path spells an AWS managed policy\'s ARN', () => {
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      f.role!.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(s, 'Mp',
        'arn:aws:iam::111111111111:policy/x:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'));
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([expect.stringMatching(/has managed policy arn:aws:iam::111111111111:policy\/x:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole, which is not in the template/)]);
  });

  test.each([
    ['its trust policy names the function\'s role', (_s: Stack, f: lambda.Function) => new iam.ArnPrincipal(f.role!.roleArn)],
    ['its trust policy lets anyone (*)', () => new iam.AnyPrincipal()],
    ['its trust policy names a principal the guard cannot read (a parameter)', (s: Stack) => new iam.ArnPrincipal(new CfnParameter(s, 'Who').valueAsString)],
    ['unauthenticated Cognito identities may assume it', () => new iam.FederatedPrincipal('cognito-identity.amazonaws.com', {}, 'sts:AssumeRoleWithWebIdentity')],
  ])('a role of the template the function\'s role may assume without a policy of its own: %s', (_, principal) => {
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      power(s, 'Power', ['ec2:CreateRoute'], { assumedBy: principal(s, f) });
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toContainEqual(expect.stringMatching(/Seeder\/Default\] GUARD-1 .*Power\w+ allows ec2:CreateRoute/));
  });

  test('a function whose permission lets the function\'s role (or anyone) invoke it: followed to its own role', () => {
    for (const principal of [(f: lambda.Function) => f.role!.roleArn, () => '*']) {
      expect(refusedWith((s) => {
        const f = fn(s, 'Fn');
        const other = fn(s, 'Other', ['ec2:CreateRoute']);
        new lambda.CfnPermission(s, 'Invoke', { action: 'lambda:InvokeFunction', functionName: other.functionArn, principal: principal(f) });
        new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
      })).toContainEqual(expect.stringMatching(/Seeder\/Default\] GUARD-1 .*OtherServiceRole\w+ allows ec2:CreateRoute/));
    }
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      new lambda.CfnPermission(s, 'Invoke', { action: 'lambda:InvokeFunction', functionName: 'arn:aws:lambda:ap-northeast-1:123456789012:function:x', principal: f.role!.roleArn });
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([expect.stringMatching(/permission Invoke lets FnServiceRole\w+ invoke arn:aws:lambda:ap-northeast-1:123456789012:function:x, not a function of this template/)]);
  });

  test('an access key of the template whose secret is handed on (an environment variable): its user may do anything', () => {
    const lines = refusedWith((s) => {
      const user = new iam.User(s, 'User');
      const key = new iam.AccessKey(s, 'Key', { user });
      const f = new lambda.Function(s, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code, environment: { SECRET: key.secretAccessKey.unsafeUnwrap() } });
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    });
    expect(lines).toContainEqual(expect.stringMatching(/Seeder\/Default\] GUARD-1 .*the template makes access key Key\w+, whose secret the code may be given/));
  });

  test('a resource of a registry type that is no AWS type: its handler runs at deploy time', () => {
    expect(refusedWith((s) => new CfnResource(s, 'Route', { type: 'Acme::Net::Route', properties: { RouteTableId: 'rtb-1', DestinationCidrBlock: '0.0.0.0/0' } })))
      .toEqual([expect.stringMatching(/\/Route\] GUARD-1 .*Type could not be resolved: Acme::Net::Route is a resource type of the CloudFormation registry whose handler runs code/)]);
  });

  test('controls: a role trusting only a service or the account, a permission for a service, an unused access key, an inactive one', () => {
    expect(refusedWith((s) => {
      const f = fn(s, 'Fn');
      power(s, 'Service', ['ec2:CreateRoute']);
      power(s, 'Account', ['ec2:CreateRoute'], { assumedBy: new iam.AccountRootPrincipal() });
      const other = fn(s, 'Other', ['ec2:CreateRoute']);
      new lambda.CfnPermission(s, 'Invoke', { action: 'lambda:InvokeFunction', functionName: other.functionArn, principal: 'events.amazonaws.com' });
      new iam.AccessKey(s, 'Key', { user: new iam.User(s, 'User') });
      const inactive = new iam.AccessKey(s, 'Inactive', { user: new iam.User(s, 'User2'), status: iam.AccessKeyStatus.INACTIVE });
      new CfnOutput(s, 'Unused', { value: inactive.secretAccessKey.unsafeUnwrap() });
      new CustomResource(s, 'Seeder', { serviceToken: f.functionArn });
    })).toEqual([]);
  });

  test('in Japanese', () => {
    const stack = new Stack(new App(), 'S');
    const f = fn(stack, 'Fn');
    const key = new iam.AccessKey(stack, 'Key', { user: new iam.User(stack, 'User') });
    new iam.CfnUserPolicy(stack, 'Hold', { userName: 'u', policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: key.secretAccessKey.unsafeUnwrap() }] } });
    new lambda.CfnPermission(stack, 'Invoke', { action: 'lambda:InvokeFunction', functionName: 'arn:aws:lambda:ap-northeast-1:123456789012:function:x', principal: f.role!.roleArn });
    new CustomResource(stack, 'Seeder', { serviceToken: f.functionArn });
    new CfnResource(stack, 'Route', { type: 'Acme::Net::Route', properties: {} });
    const found = checkTopology(extractCloudFormation({ S: (stack as any)._toCloudFormation() }), { model: NetworkModel.ALPHA })
      .filter((x) => /Seeder|Route/.test(x.path ?? ''));
    expect(found).toHaveLength(2);
    for (const x of found) expect(englishRun(formatFindingIn(x, GuardLanguage.JAPANESE))).toBeUndefined();
  });
});

/** Found by red team 22: a network resource made through AWS Cloud Control is the resource, under a name the guard did not read. */
describe('Terraform: network resources made through AWS Cloud Control are refused (GUARD-1)', () => {
  const base = tfExample();
  const unresolved = (edit: (c: any) => void) => tfUnresolved(base, edit);

  test.each([
    ['an awscc route', (c: any) => { c.resource.awscc_ec2_route = { out: { route_table_id: 'rtb-1', destination_cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' } }; },
      'awscc_ec2_route.out type: awscc_ec2_route is a resource of the awscc provider (AWS Cloud Control) of a service whose resources the guard reads, and the guard does not read it'],
    ['aws_cloudcontrolapi_resource of AWS::EC2::Route', (c: any) => {
      c.resource.aws_cloudcontrolapi_resource = { out: { type_name: 'AWS::EC2::Route', desired_state: '{"RouteTableId":"rtb-1","DestinationCidrBlock":"0.0.0.0/0"}' } };
    }, 'aws_cloudcontrolapi_resource.out type_name: it makes a resource through AWS Cloud Control whose type may be one the guard reads, and the guard does not read it'],
    ['aws_cloudcontrolapi_resource of a type given by a variable', (c: any) => {
      c.resource.aws_cloudcontrolapi_resource = { out: { type_name: '${var.kind}', desired_state: '{}' } };
    }, 'aws_cloudcontrolapi_resource.out type_name: it makes a resource through AWS Cloud Control whose type may be one the guard reads, and the guard does not read it'],
  ])('%s', (_, edit, expected) => {
    expect(unresolved(edit)).toEqual([expected]);
  });

  test('controls: a service the guard does not read (an awscc topic, a Cloud Control queue)', () => {
    expect(unresolved((c) => {
      c.resource.awscc_sns_topic = { t: { topic_name: 'x' } };
      c.resource.aws_cloudcontrolapi_resource = { q: { type_name: 'AWS::SQS::Queue', desired_state: '{}' } };
    })).toEqual([]);
  });

  test('in Japanese', () => {
    const c = JSON.parse(JSON.stringify(base));
    c.resource.awscc_ec2_route = { out: { route_table_id: 'rtb-1' } };
    c.resource.aws_cloudcontrolapi_resource = { out: { type_name: 'AWS::EC2::Route', desired_state: '{}' } };
    const found = checkTopology(extractTerraform({ s: c }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(2);
    for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });
});

/** Found by red team 22: Terraform code the guard did not see run (a check block's data source, a removed block, other providers, a POST). */
describe('Terraform: more code that runs at plan or apply time is refused (GUARD-1)', () => {
  const base = tfExample();
  const unresolved = (edit: (c: any) => void) => tfUnresolved(base, edit);

  test.each([
    ['an external data source scoped to a check block', (c: any) => {
      c.check = { probe: { data: { external: { seed: { program: ['sh', '-c', 'aws ec2 create-route'] } } }, assert: [{ condition: '${true}', error_message: 'x' }] } };
    }, 'data.external.seed program: it runs a program on the machine that runs terraform, at plan time and with its credentials, and it may change the network'],
    ['a destroy-time provisioner of a removed block', (c: any) => {
      c.removed = [{ from: 'aws_instance.old', lifecycle: [{ destroy: true }], provisioner: [{ 'local-exec': { when: 'destroy', command: 'aws ec2 create-route' } }] }];
    }, 'removed.aws_instance.old provisioner.local-exec: a local-exec provisioner runs commands at apply time on the machine that runs terraform, with its credentials, '
      + 'which the configuration does not show, and they may change the network'],
    ['a resource of a provider that runs commands', (c: any) => { c.resource.shell_script = { seed: { lifecycle_commands: [{ create: 'aws ec2 create-route', delete: 'true' }] } }; },
      'shell_script.seed provider: it is of the shell provider, whose code runs at plan and apply time with terraform\'s credentials, which the guard does not read, and it may change the network'],
    ['a data source of such a provider', (c: any) => { c.data = { ...c.data, shell_script: { seed: { lifecycle_commands: [{ read: 'x' }] } } }; },
      'data.shell_script.seed provider: it is of the shell provider, whose code runs at plan and apply time with terraform\'s credentials, which the guard does not read, and it may change the network'],
    ['an aws type through another provider (its provider meta-argument)', (c: any) => { c.resource.aws_sns_topic = { t: { name: 't', provider: 'fork.tokyo' } }; },
      'aws_sns_topic.t provider: it is of the fork provider, whose code runs at plan and apply time with terraform\'s credentials, which the guard does not read, and it may change the network'],
    ['an action (Terraform 1.14), run after a resource is created or when invoked', (c: any) => {
      c.action = { aws_lambda_invoke: { seed: { config: [{ function_name: 'seed', payload: '{}' }] } } };
    }, 'action.aws_lambda_invoke.seed config: an action runs an operation of its provider at apply time or when invoked, which the configuration does not show, '
      + 'and it may change the network'],
    ['an http data source that POSTs', (c: any) => { c.data = { ...c.data, http: { seed: { url: 'https://api.example.jp/seed', method: 'POST', request_body: '{}' } } }; },
      'data.http.seed method: it sends a request at plan time that asks code the configuration does not hold to do something, and it may change the network'],
  ])('%s', (_, edit, expected) => {
    expect(unresolved(edit)).toEqual([expected]);
  });

  test('controls: inert providers (random, tls, time, null, terraform_data), an aliased aws provider, an http GET, a check with an aws data source', () => {
    expect(unresolved((c) => {
      c.resource.random_id = { r: { byte_length: 4 } };
      c.resource.tls_private_key = { k: { algorithm: 'ED25519' } };
      c.resource.time_sleep = { s: { create_duration: '1s' } };
      c.resource.null_resource = { n: { triggers: { a: 'b' } } };
      c.resource.terraform_data = { d: { input: 'x' } };
      c.resource.aws_sns_topic = { t: { name: 't', provider: 'aws.tokyo' } };
      c.data = { ...c.data, http: { ip: { url: 'https://checkip.amazonaws.com' } } };
      c.check = { region: { data: { aws_region: { here: {} } }, assert: [{ condition: '${true}', error_message: 'x' }] } };
    })).toEqual([]);
  });

  test('in Japanese', () => {
    const c = JSON.parse(JSON.stringify(base));
    c.resource.shell_script = { seed: { lifecycle_commands: [{ create: 'x', delete: 'x' }] } };
    c.data = { ...c.data, http: { seed: { url: 'https://api.example.jp/seed', method: 'POST' } } };
    c.action = { aws_lambda_invoke: { seed: { config: [{ function_name: 'seed' }] } } };
    const found = checkTopology(extractTerraform({ s: c }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(3);
    for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });
});

/**
 * A provider of a name the guard reads (aws) or knows to be inert (null, http...) taken from another source than
 * HashiCorp's: its code runs with terraform's credentials and may make anything under the resource types the guard reads.
 */
describe('Terraform: a provider the guard reads or knows, taken from another source, is refused (GUARD-1)', () => {
  const base = tfExample();
  const unresolved = (edit: (c: any) => void) => tfUnresolved(base, edit);
  const forked = (name: string, address: string) => `${address.startsWith('(') ? `provider.${name}` : `provider["${address}"]`} source: the ${name} provider comes from ${address}, not from HashiCorp: its code runs `
    + `at plan and apply time with terraform's credentials, which the guard does not read, and it may make other resources than HashiCorp's ${name} provider `
    + 'does, and change the network';

  test.each([
    ['a forked aws provider', (c: any) => { c.terraform.required_providers.aws = { source: 'acme/aws', version: '5.100.0' }; },
      [forked('aws', 'registry.terraform.io/acme/aws')]],
    ['the aws provider from another registry', (c: any) => { c.terraform.required_providers.aws = { source: 'tf.example.jp/hashicorp/aws' }; },
      [forked('aws', 'tf.example.jp/hashicorp/aws')]],
    ['the aws name given to another HashiCorp provider', (c: any) => { c.terraform.required_providers.aws = { source: 'hashicorp/awscc' }; },
      [forked('aws', 'registry.terraform.io/hashicorp/awscc')]],
    ['a forked null provider (null_resource runs its code)', (c: any) => {
      c.terraform.required_providers.null = { source: 'acme/null' };
      c.resource.null_resource = { n: { triggers: { a: 'b' } } };
    }, [forked('null', 'registry.terraform.io/acme/null')]],
    ['a source the guard cannot read', (c: any) => { c.terraform.required_providers.aws = { source: '${var.source}' }; },
      [forked('aws', '(unreadable: "${var.source}")')]],
    ['settings and requirements written as JSON arrays, declared twice', (c: any) => {
      c.terraform = [c.terraform, { required_providers: [{ aws: { source: 'acme/aws' } }] }];
    }, [forked('aws', 'registry.terraform.io/acme/aws')]],
  ])('%s', (_, edit, expected) => {
    expect(unresolved(edit)).toEqual(expected);
  });

  test('controls: HashiCorp\'s aws provider however its source is written, a version constraint alone, OpenTofu\'s registry, no requirement', () => {
    for (const source of ['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws', 'Registry.Terraform.io/HashiCorp/AWS', 'registry.opentofu.org/hashicorp/aws']) {
      expect(unresolved((c) => { c.terraform.required_providers.aws = { source, version: '5.100.0' }; })).toEqual([]);
    }
    expect(unresolved((c) => { c.terraform.required_providers.aws = '~> 5.0'; })).toEqual([]);
    expect(unresolved((c) => { delete c.terraform.required_providers; })).toEqual([]);
    // A provider the guard neither reads nor knows is judged by its resources (`otherProvider`), not by its source.
    expect(unresolved((c) => { c.terraform.required_providers.google = { source: 'acme/google' }; })).toEqual([]);
  });

  test('in Japanese', () => {
    const c = JSON.parse(JSON.stringify(base));
    c.terraform.required_providers.aws = { source: 'acme/aws' };
    const found = checkTopology(extractTerraform({ s: c }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1');
    expect(found).toHaveLength(1);
    expect(englishRun(formatFindingIn(found[0], GuardLanguage.JAPANESE))).toBeUndefined();
  });
});

/** Found by red team 22: a hook runs code on this stack's next deployments (and the account's other stacks'). */
describe('CloudFormation hooks are deploy-time code (GUARD-1)', () => {
  const hook = (s: Stack, handler: lambda.Function | string) => new CfnResource(s, 'Hook', {
    type: 'AWS::CloudFormation::LambdaHook',
    properties: {
      Alias: 'Acme::Hook::Seed',
      LambdaFunction: typeof handler === 'string' ? handler : handler.functionArn,
      ExecutionRole: 'arn:aws:iam::123456789012:role/hook',
      HookStatus: 'ENABLED',
      TargetOperations: ['STACK'],
      FailureMode: 'FAIL',
    },
  });

  test('a Lambda hook is bounded by its function\'s role like a custom resource', () => {
    expect(refusedWith((s) => hook(s, fn(s, 'Fn', ['ec2:CreateRoute']))))
      .toEqual([expect.stringMatching(/\/Hook\] GUARD-1 .*LambdaFunction could not be resolved: this hook runs code at deploy time .*FnServiceRole\w+ allows ec2:CreateRoute/)]);
    expect(refusedWith((s) => hook(s, 'arn:aws:lambda:ap-northeast-1:123456789012:function:hook')))
      .toEqual([expect.stringMatching(/\/Hook\] GUARD-1 .*is no Lambda function of this template/)]);
    expect(refusedWith((s) => hook(s, fn(s, 'Fn')))).toEqual([]);
  });

  test('a hook type registered or activated: its handler is bounded by nothing the template holds', () => {
    expect(refusedWith((s) => new CfnResource(s, 'Hook', {
      type: 'AWS::CloudFormation::HookVersion', properties: { TypeName: 'Acme::Hook::Seed', SchemaHandlerPackage: 's3://b/hook.zip' },
    }))).toEqual([expect.stringMatching(/\/Hook\] GUARD-1 .*SchemaHandlerPackage could not be resolved: it registers a hook whose handler runs/)]);
    expect(refusedWith((s) => new CfnResource(s, 'Hook', { type: 'AWS::CloudFormation::TypeActivation', properties: { PublisherId: 'x', TypeName: 'Acme::Hook::Seed', Type: 'HOOK' } })))
      .toHaveLength(1);
    expect(refusedWith((s) => new CfnResource(s, 'Type', { type: 'AWS::CloudFormation::TypeActivation', properties: { PublisherId: 'x', TypeName: 'Acme::Net::Thing', Type: 'RESOURCE' } })))
      .toEqual([]);
  });

  test('in Japanese', () => {
    const stack = new Stack(new App(), 'S');
    hook(stack, fn(stack, 'Fn', ['ec2:CreateRoute']));
    new CfnResource(stack, 'Version', { type: 'AWS::CloudFormation::HookVersion', properties: { TypeName: 'Acme::Hook::Seed', SchemaHandlerPackage: 's3://b/hook.zip' } });
    const found = checkTopology(extractCloudFormation({ S: (stack as any)._toCloudFormation() }), { model: NetworkModel.ALPHA }).filter((x) => /Hook|Version/.test(x.path ?? ''));
    expect(found).toHaveLength(2);
    for (const x of found) expect(englishRun(formatFindingIn(x, GuardLanguage.JAPANESE))).toBeUndefined();
  });
});
