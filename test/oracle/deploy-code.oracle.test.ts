/**
 * Independent reference check of GUARD-1 "Code that runs while the template is deployed" (docs/guard-semantics.md §10).
 * The oracle (./deploy-code-oracle.ts) is written from the documentation alone (the bullet as revised in d244311 and
 * b294c82). Every hand example below cites the clause of the bullet it rests on. No known deviations are tolerated: the
 * property tests expect 0 disagreements. The three test.failing the previous wording decided against the library (S3
 * wildcards, a state machine by Fn::GetAtt, a managed policy by Fn::GetAtt [M, PolicyArn]) are ordinary examples of the
 * revised reading below; one is left where the revised text still decides against the library (S3 wildcards that cannot
 * match DeleteBucket: `s3:*Object`, `s3:DeleteBucket?*`).
 *
 * DEPLOY_CODE_ORACLE_CASES (default 300) and DEPLOY_CODE_ORACLE_SEED (default 20240622) drive the property tests.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { cfnFlagged, genTemplate, genTerraform, isCustomResource, Rng, tfRefused } from './deploy-code-oracle';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';

const CASES = Number(process.env.DEPLOY_CODE_ORACLE_CASES ?? 300);
const SEED = Number(process.env.DEPLOY_CODE_ORACLE_SEED ?? 20240622);

/** The resources the library reports unresolved: a custom resource at `ServiceToken`, a Lambda hook at `LambdaFunction`,
 * a registry type or a hook registration wherever it reports it. Every unresolved value counts, so that a report at a
 * resource the oracle does not refuse (a role, a permission, an access key) is a disagreement too. */
function libraryFlagged(template: any): string[] {
  return [...new Set(extractCloudFormation({ S: template }).unresolved.map((u) => u.node))].sort();
}

function libraryRefused(config: any): string[] {
  const keys = extractTerraform({ s: config }).unresolved.map((u) => {
    const m = /^provisioner\.(.+)$/.exec(u.property);
    return `${u.node}|${m ? m[1] : ''}`;
  });
  return [...new Set(keys)].sort();
}

const oracleFlagged = (t: any) => [...cfnFlagged(t).keys()].sort();
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);

// ------------------------------------------------------------------------------------------------------------
// Hand-derived examples
// ------------------------------------------------------------------------------------------------------------

const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const doc = (...Statement: any[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: any, Resource: any = '*') => ({ Effect: 'Allow', Action, Resource });
const role = (props: any = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ...props,
  },
});
const fn = (roleRef: any) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: roleRef, Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'x' } },
});
const custom = (token: any, type = 'Custom::Something') => ({ Type: type, Properties: { ServiceToken: token } });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

/** One custom resource C on function F with role R (extra resources merged in). */
function single(roleProps: any, extra: any = {}, token: any = arnOf('F')): any {
  return { Resources: { R: role(roleProps), F: fn(arnOf('R')), C: custom(token), ...extra } };
}
/** R allows only the basic execution role and `action` on `resource` (extra resources merged in). */
const only = (action: any, resource: any = '*', extra: any = {}) =>
  single({ ManagedPolicyArns: [BASIC], Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow(action, resource)) }] }, extra);
const SM_DEF = '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}';
/** A state machine SM whose role allows `action` (default: nothing of the network). */
const withSm = (action?: string) => ({
  SmRole: role(action ? { Policies: [{ PolicyName: 's', PolicyDocument: doc(allow(action)) }] } : { ManagedPolicyArns: [BASIC] }),
  SM: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: arnOf('SmRole'), DefinitionString: SM_DEF } },
});
/** A function H whose role allows `action` (default: nothing of the network). */
const withH = (action?: string) => ({
  HRole: role(action ? { Policies: [{ PolicyName: 'h', PolicyDocument: doc(allow(action)) }] } : { ManagedPolicyArns: [BASIC] }),
  H: fn(arnOf('HRole')),
});
/** R (named `my-role`, quiet) and R2, and a policy P of `type` allowing ec2:CreateRoute whose `key` (Roles / RoleName)
 * is `value`. */
const attached = (value: any, type = 'AWS::IAM::Policy', key = 'Roles') => ({
  Parameters: { RoleParam: { Type: 'String' }, RoleNames: { Type: 'CommaDelimitedList' }, Env: { Type: 'String' } },
  Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
  ...single({ RoleName: 'my-role', ManagedPolicyArns: [BASIC] }, {
    R2: role({ RoleName: 'other-role' }),
    P: { Type: type, Properties: { PolicyName: 'p', [key]: value, PolicyDocument: doc(allow('ec2:CreateRoute')) } },
  }),
});

describe('deploy-code oracle: hand-derived examples (CloudFormation)', () => {
  const cases: Array<[string, any, string[]]> = [
    // "the AWS managed AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole allow nothing of the network"
    ['basic + VPC access execution roles only',
      single({ ManagedPolicyArns: [BASIC, 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] }), []],
    // same, in aws-cdk-lib's spelling (Fn::Join with AWS::Partition)
    ['basic role in the Fn::Join partition spelling',
      single({
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }],
      }), []],
    // "The service token must be a Lambda function of the template (Fn::GetAtt [F, Arn]; anything else — a literal ARN,
    // an SNS topic, Ref F — bounds nothing)"
    ['literal service token', single({}, {}, 'arn:aws:lambda:us-east-1:123456789012:function:x'), ['C']],
    ['SNS topic service token', single({}, { T: { Type: 'AWS::SNS::Topic' } }, { Ref: 'T' }), ['C']],
    // "its role a role of the template"
    ['role by literal ARN',
      { Resources: { F: fn('arn:aws:iam::123456789012:role/x'), C: custom(arnOf('F'), 'AWS::CloudFormation::CustomResource') } }, ['C']],
    // "another managed policy the template does not hold bounds nothing"
    ['AdministratorAccess', single({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), ['C']],
    // "What changes nothing a rule reads: actions that read …, tags …, a function's own logs …, S3 but deleting a bucket …,
    // and SSM parameters"
    ['reads, tags, own logs, S3 objects, bucket policy, SSM parameters',
      single({
        Policies: [{
          PolicyName: 'p',
          PolicyDocument: doc(allow(['ec2:Describe*', 'ec2:DescribeRouteTables', 's3:GetObject', 'ec2:CreateTags',
            'logs:CreateLogGroup', 'logs:PutLogEvents', 'logs:PutRetentionPolicy', 's3:PutObject', 's3:DeleteObject', 's3:PutBucketPolicy',
            'ssm:PutParameter'])),
        }],
      }), []],
    // "(ec2:CreateRoute, ec2:*, *, …)" counts; "Deny left out"
    ['ec2:CreateRoute allowed', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('ec2:CreateRoute')) }] }), ['C']],
    ['ec2:* denied only', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) }] }), []],
    // "NotAction unreadable"
    ['Allow NotAction',
      single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }) }] }), ['C']],
    // "any other CloudWatch Logs change counts: deleting a log group …"; "S3 but deleting a bucket"
    ['logs:DeleteLogGroup', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('logs:DeleteLogGroup')) }] }), ['C']],
    ['s3:DeleteBucket', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('s3:DeleteBucket')) }] }), ['C']],
    // "a service that … grants permissions (iam, sts, ssm but its parameters, …)"; "the template's AWS::IAM::Policy … that
    // name it, by Ref …"
    ['iam:PassRole via AWS::IAM::Policy attached by Ref', single({}, {
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'p',
          Roles: [{ Ref: 'R' }],
          PolicyDocument: doc(allow('iam:PassRole')),
        },
      },
    }), ['C']],
    ['AWS::IAM::Policy attached to another role', single({}, {
      R2: role(),
      P: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'p', Roles: [{ Ref: 'R2' }], PolicyDocument: doc(allow('ec2:*')) },
      },
    }), []],
    // "managed policies of the template it names"
    ['managed policy of the template by Ref', single({ ManagedPolicyArns: [{ Ref: 'M' }] }, {
      M: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: doc(allow('ssm:SendCommand')) },
      },
    }), ['C']],
    // "lambda:InvokeFunction / lambda:InvokeAsync on functions of the template (Fn::GetAtt [G, Arn], also joined with :*) …
    // are followed to their own roles (aws-cdk-lib's provider framework invokes the user's handler …); on anything else
    // they count"
    ['provider framework: invoke of a handler with a quiet role', {
      Resources: {
        OnEventRole: role({
          ManagedPolicyArns: [BASIC],
          Policies: [{
            PolicyName: 'p',
            PolicyDocument: doc(allow('lambda:InvokeFunction',
              [arnOf('H'), { 'Fn::Join': ['', [arnOf('H'), ':*']] }])),
          }],
        }),
        OnEvent: fn(arnOf('OnEventRole')),
        HRole: role({ ManagedPolicyArns: [BASIC] }),
        H: fn(arnOf('HRole')),
        C: custom(arnOf('OnEvent')),
      },
    }, []],
    ['provider framework: the handler may create routes', {
      Resources: {
        OnEventRole: role({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('lambda:InvokeFunction', arnOf('H'))) }] }),
        OnEvent: fn(arnOf('OnEventRole')),
        HRole: role({ Policies: [{ PolicyName: 'h', PolicyDocument: doc(allow('ec2:CreateRoute')) }] }),
        H: fn(arnOf('HRole')),
        C: custom(arnOf('OnEvent')),
      },
    }, ['C']],
    ['invoke on *', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('lambda:InvokeFunction')) }] }), ['C']],
    // "states:StartExecution / states:StartSyncExecution on state machines of the template (Ref) are followed …"
    ['waiter starts a state machine whose role is quiet',
      single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('states:StartExecution', { Ref: 'SM' })) }] }, {
        SmRole: role({ Policies: [{ PolicyName: 's', PolicyDocument: doc(allow('logs:PutLogEvents')) }] }),
        SM: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: arnOf('SmRole'), DefinitionString: SM_DEF } },
      }), []],
    // "lambda:InvokeFunction / lambda:InvokeAsync on functions of the template (Fn::GetAtt [G, Arn], also joined with
    // :*) and states:StartExecution / states:StartSyncExecution on state machines of the template (Ref) are followed"
    ['states:StartSyncExecution on a state machine (Ref) with a quiet role', only('states:StartSyncExecution', { Ref: 'SM' }, withSm()), []],
    ['states:StartSyncExecution followed to a role that may create routes',
      only('states:StartSyncExecution', { Ref: 'SM' }, withSm('ec2:CreateRoute')), ['C']],
    ['lambda:InvokeAsync on a function (Fn::GetAtt) with a quiet role', only('lambda:InvokeAsync', arnOf('H'), withH()), []],
    ['lambda:InvokeAsync on a function joined with :*', only('lambda:InvokeAsync', { 'Fn::Join': ['', [arnOf('H'), ':*']] }, withH()), []],
    ['lambda:InvokeAsync followed to a role that may create routes', only('lambda:InvokeAsync', arnOf('H'), withH('ec2:CreateRoute')), ['C']],
    // "on anything else they count"
    ['lambda:InvokeFunction on Ref H (a name, not an ARN)', only('lambda:InvokeFunction', { Ref: 'H' }, withH()), ['C']],
    ['states:StartExecution on a literal ARN', only('states:StartExecution', 'arn:aws:states:us-east-1:1:stateMachine:x', withSm()), ['C']],
    ['lambda:Invoke* (a wildcard, not a followed action)', only('lambda:Invoke*', arnOf('H'), withH()), ['C']],
    // "(… Ref F — bounds nothing)"
    ['Ref F as the service token', single({ ManagedPolicyArns: [BASIC] }, {}, { Ref: 'F' }), ['C']],
    // "another managed policy the template does not hold bounds nothing"
    ['customer managed policy not of the template', single({ ManagedPolicyArns: ['arn:aws:iam::123456789012:policy/x'] }), ['C']],
    // "that name it, by Ref or by its RoleName"
    ['AWS::IAM::Policy naming the role by its RoleName', attached(['my-role']), ['C']],
    ['AWS::IAM::ManagedPolicy naming the role by its RoleName', attached(['my-role'], 'AWS::IAM::ManagedPolicy'), ['C']],
    ['AWS::IAM::RolePolicy naming the role by its RoleName', attached('my-role', 'AWS::IAM::RolePolicy', 'RoleName'), ['C']],
    ['AWS::IAM::RolePolicy on another role by Ref', attached({ Ref: 'R2' }, 'AWS::IAM::RolePolicy', 'RoleName'), []],
    ['AWS::IAM::Policy naming another role by its RoleName', attached(['other-role']), []],
    ['AWS::IAM::Policy naming no role of the template', attached(['no-such-role']), []],
    ['AWS::IAM::Policy on users only', attached(['u'], 'AWS::IAM::Policy', 'Users'), []],
    // "or whose roles are not written out (a parameter, a condition's choice, an import: such a policy may name it, and counts)"
    ['Roles: [parameter]', attached([{ Ref: 'RoleParam' }]), ['C']],
    ['Roles: a list parameter', attached({ Ref: 'RoleNames' }), ['C']],
    ['Roles: [Fn::If] choosing another role or none', attached([{ 'Fn::If': ['IsProd', { Ref: 'R2' }, { Ref: 'AWS::NoValue' }] }]), ['C']],
    ['Roles: Fn::If between lists', attached({ 'Fn::If': ['IsProd', [{ Ref: 'R2' }], [{ Ref: 'R2' }]] }), ['C']],
    ['Roles: [Fn::ImportValue]', attached([{ 'Fn::ImportValue': 'x' }]), ['C']],
    ['ManagedPolicy Roles: [parameter]', attached([{ Ref: 'RoleParam' }], 'AWS::IAM::ManagedPolicy'), ['C']],
    ['RolePolicy RoleName: parameter', attached({ Ref: 'RoleParam' }, 'AWS::IAM::RolePolicy', 'RoleName'), ['C']],
    ['RolePolicy RoleName: Fn::ImportValue', attached({ 'Fn::ImportValue': 'x' }, 'AWS::IAM::RolePolicy', 'RoleName'), ['C']],
    // "A wildcard counts unless what precedes it is a read verb (ec2:Describe*)"
    ['ec2:*Tags', only('ec2:*Tags'), ['C']],
    ['ec2:Describ* (no read verb)', only('ec2:Describ*'), ['C']],
    ['ssm:*Parameter', only('ssm:*Parameter'), ['C']],
    ['logs:Put*', only('logs:Put*'), ['C']],
    ['reads by wildcard: iam:List*, lambda:Get*, ec2:Search*, ec2:Describe?outeTables',
      only(['iam:List*', 'lambda:Get*', 'ec2:Search*', 'ec2:Describe?outeTables', 'ec2:BatchGet*']), []],
    // "tags (CreateTags, TagResource…; not IAM's own tagging, iam:TagRole …)"
    ['tags of EC2, Lambda, ELB, Step Functions', only(['ec2:CreateTags', 'ec2:DeleteTags', 'lambda:TagResource', 'elasticloadbalancing:AddTags',
      'states:TagResource']), []],
    ['iam:TagRole', only('iam:TagRole'), ['C']],
    ['iam:UntagRole', only('iam:UntagRole'), ['C']],
    // "a function's own logs (creating its log group and streams, writing events, setting its retention; any other
    // CloudWatch Logs change counts: deleting a log group, a subscription filter, a destination)"
    ['own logs', only(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:PutRetentionPolicy']), []],
    ['logs:DeleteLogStream', only('logs:DeleteLogStream'), ['C']],
    ['logs:PutResourcePolicy', only('logs:PutResourcePolicy'), ['C']],
    ['logs:PutDestination', only('logs:PutDestination'), ['C']],
    ['logs:DeleteSubscriptionFilter', only('logs:DeleteSubscriptionFilter'), ['C']],
    // "S3 but deleting a bucket (objects, a bucket's policy, notifications and settings …)"
    ['S3 but deleting a bucket', only(['s3:PutBucketAcl', 's3:CreateBucket', 's3:DeleteBucketPolicy', 's3:PutBucketNotification',
      's3:DeleteObject']), []],
    ['s3:Delete* (may delete a bucket)', only('s3:Delete*'), ['C']],
    ['s3:*', only('s3:*'), ['C']],
    // "and SSM parameters"; "ssm but its parameters"
    ['SSM parameters', only(['ssm:PutParameter', 'ssm:DeleteParameters']), []],
    ['ssm:SendCommand', only('ssm:SendCommand'), ['C']],
    // "aws-cdk-lib's Custom::VpcRestrictDefaultSG … is left out"
    ['Custom::VpcRestrictDefaultSG', {
      Resources: {
        R: role({
          Policies: [{
            PolicyName: 'p',
            PolicyDocument: doc(allow(['ec2:AuthorizeSecurityGroupIngress',
              'ec2:RevokeSecurityGroupIngress'])),
          }],
        }),
        F: fn(arnOf('R')),
        C: custom(arnOf('F'), 'Custom::VpcRestrictDefaultSG'),
      },
    }, []],
  ];
  test.each(cases)('%s', (_name, template, expected) => {
    expect(libraryFlagged(template)).toEqual(expected);
  });
  // The oracle agrees with the hand derivations.
  test.each(cases)('oracle: %s', (_name, template, expected) => {
    expect(oracleFlagged(template)).toEqual(expected);
  });
});

/**
 * The clauses revised in b294c82, where the previous wording decided against the library (formerly test.failing). Each
 * example is asserted of the library and of the oracle alike.
 */
const M_QUIET = { M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(allow('s3:GetObject')) } } };
const M_ROUTES = { M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: doc(allow('ec2:CreateRoute')) } } };
const mpArn = { 'Fn::GetAtt': ['M', 'PolicyArn'] };
const revised: Array<[string, any, string[]]> = [
  // "an S3 wildcard counts only when it may match DeleteBucket, as s3:* and s3:Delete* do and s3:Put* does not"
  ['s3:Put* (cannot match DeleteBucket)', only('s3:Put*'), []],
  ['s3:DeleteObject* (cannot match DeleteBucket)', only('s3:DeleteObject*'), []],
  ['s3:PutBucket*, s3:Create*, s3:Get*', only(['s3:PutBucket*', 's3:Create*', 's3:Get*']), []],
  ['s3:DeleteBucketP*', only('s3:DeleteBucketP*'), []],
  ['s3:DeleteBucket* (may match DeleteBucket itself)', only('s3:DeleteBucket*'), ['C']],
  ['s3:*Bucket', only('s3:*Bucket'), ['C']],
  ['s3:Delete?ucket', only('s3:Delete?ucket'), ['C']],
  ['s3:D*', only('s3:D*'), ['C']],
  ['S3:PUT* (case-insensitive)', only('S3:PUT*'), []],
  ['s3:deletebucket* (case-insensitive)', only('s3:deletebucket*'), ['C']],
  // "states:StartExecution / states:StartSyncExecution on state machines of the template (Ref, Fn::GetAtt [SM, Arn]) are
  // followed to their own roles …; on anything else they count"
  ['StartExecution on Fn::GetAtt [SM, Arn] with a quiet role', only('states:StartExecution', arnOf('SM'), withSm()), []],
  ['StartSyncExecution on Fn::GetAtt [SM, Arn] with a quiet role', only('states:StartSyncExecution', arnOf('SM'), withSm()), []],
  ['StartExecution on Fn::GetAtt [SM, Arn] followed to a role that may create routes',
    only('states:StartExecution', arnOf('SM'), withSm('ec2:CreateRoute')), ['C']],
  ['StartExecution on Fn::GetAtt [H, Arn] (a function, not a state machine)', only('states:StartExecution', arnOf('H'), withH()), ['C']],
  // "the managed policies of the template its ManagedPolicyArns names (Ref M or Fn::GetAtt [M, PolicyArn])"
  ['a quiet managed policy of the template by Fn::GetAtt [M, PolicyArn]', single({ ManagedPolicyArns: [BASIC, mpArn] }, M_QUIET), []],
  ['a managed policy by Fn::GetAtt [M, PolicyArn] that may create routes', single({ ManagedPolicyArns: [BASIC, mpArn] }, M_ROUTES), ['C']],
  ['a quiet managed policy of the template by Ref M', single({ ManagedPolicyArns: [BASIC, { Ref: 'M' }] }, M_QUIET), []],
  // "a function's own logs (… setting or removing its retention …)"
  ['logs:DeleteRetentionPolicy', only('logs:DeleteRetentionPolicy'), []],
  ['logs:PutRetentionPolicy and logs:DeleteRetentionPolicy', only(['logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy']), []],
  // "A wildcard counts unless what precedes it is a read verb": the S3 exception is S3's alone
  ['logs:*RetentionPolicy', only('logs:*RetentionPolicy'), ['C']],
  ['logs:PutRetention*', only('logs:PutRetention*'), ['C']],
];
describe('deploy-code oracle: the clauses revised in b294c82', () => {
  test.each(revised)('%s', (_name, template, expected) => {
    expect(libraryFlagged(template)).toEqual(expected);
  });
  test.each(revised)('oracle: %s', (_name, template, expected) => {
    expect(oracleFlagged(template)).toEqual(expected);
  });
});

/**
 * Where the revised doc decided against the library (kept as test.failing until the library matched the whole pattern,
 * not only what precedes its first wildcard). The generator does not produce these forms (NOT_GENERATED).
 *
 * "an S3 wildcard counts only when it may match DeleteBucket, as s3:* and s3:Delete* do and s3:Put* does not": neither
 * `*Object` nor `DeleteBucket?*` (one character at least after DeleteBucket) nor `Delete?` may match DeleteBucket. The
 * library counted them: it asked only whether what precedes the first wildcard may begin DeleteBucket.
 */
describe('deploy-code oracle: S3 wildcards matched whole', () => {
  const quietS3 = ['s3:*Object', 's3:DeleteBucket?*', 's3:*Policy', 's3:Delete?'];
  test.each(quietS3)('%s does not count (cannot match DeleteBucket)', (action) => {
    expect(oracleFlagged(only(action))).toEqual([]);
  });
  test.each(quietS3)('library: %s does not count (cannot match DeleteBucket)', (action) => {
    expect(libraryFlagged(only(action))).toEqual([]);
  });
});

describe('deploy-code oracle: hand-derived examples (Terraform)', () => {
  // "a provisioner other than file (local-exec …, remote-exec …), an aws_lambda_invocation (resource or data source) and
  // an external data source … are refused outright"
  test('file provisioner passes; local-exec, remote-exec, invocation and external are refused', () => {
    const config = {
      resource: {
        terraform_data: { a: { provisioner: [{ file: { source: 'a', destination: 'b' } }] }, b: { provisioner: { 'local-exec': { command: 'x' } } } },
        null_resource: { c: { provisioner: [{ 'remote-exec': { inline: ['x'] } }], connection: { type: 'ssh', host: 'h' } } },
        aws_lambda_invocation: { d: { function_name: 'f', input: '{}' } },
        aws_s3_bucket: { e: { bucket: 'e' } },
      },
      data: { external: { f: { program: ['x'] } }, aws_lambda_invocation: { g: { function_name: 'f', input: '{}' } }, aws_region: { h: {} } },
    };
    const expected = ['aws_lambda_invocation.d|', 'data.aws_lambda_invocation.g|', 'data.external.f|', 'null_resource.c|remote-exec',
      'terraform_data.b|local-exec'];
    expect(libraryRefused(config)).toEqual(expected);
    expect([...tfRefused(config)].sort()).toEqual(expected);
  });
});

// ------------------------------------------------------------------------------------------------------------
// Property tests
// ------------------------------------------------------------------------------------------------------------

describe('deploy-code oracle: seeded property', () => {
  test('CloudFormation: the custom resources flagged on ServiceToken are the oracle\'s', () => {
    const rng = new Rng(SEED);
    const disagreements: string[] = [];
    let flagged = 0;
    let total = 0;
    for (let i = 0; i < CASES; i++) {
      const template = genTemplate(rng);
      const mine = cfnFlagged(template);
      const ours = [...mine.keys()].sort();
      const lib = libraryFlagged(template);
      flagged += ours.length;
      total += Object.values<any>(template.Resources).filter((r) => isCustomResource(r.Type)).length;
      if (same(ours, lib)) continue;
      disagreements.push(`case ${i} (seed ${SEED}): oracle ${JSON.stringify(ours)} ${JSON.stringify([...mine])}, library ${JSON.stringify(lib)}\n`
        + JSON.stringify(template));
    }
    console.log(`deploy-code oracle: ${CASES} cases, ${disagreements.length} disagreements, seed ${SEED}`
      + ` (oracle flagged ${flagged} of ${total} custom resources)`
      + (disagreements.length ? `\n${disagreements.slice(0, 3).join('\n\n')}` : ''));
    expect(disagreements).toEqual([]);
  });

  test('Terraform: the refused (node, provisioner) are the oracle\'s', () => {
    const rng = new Rng(SEED + 0x5eed);
    const disagreements: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const config = genTerraform(rng);
      const ours = [...tfRefused(config)].sort();
      const lib = libraryRefused(config);
      if (JSON.stringify(ours) !== JSON.stringify(lib)) {
        disagreements.push(`case ${i} (seed ${SEED}): oracle ${JSON.stringify(ours)}, library ${JSON.stringify(lib)}\n${JSON.stringify(config)}`);
      }
    }
    console.log(`deploy-code oracle (terraform): ${CASES} cases, ${disagreements.length} disagreements, seed ${SEED}`
      + (disagreements.length ? `\n${disagreements.slice(0, 3).join('\n\n')}` : ''));
    expect(disagreements).toEqual([]);
  });
});
