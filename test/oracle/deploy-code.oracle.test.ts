/**
 * Independent reference check of GUARD-1 "Code that runs while the template is deployed" (docs/guard-semantics.md §10).
 * The oracle (./deploy-code-oracle.ts) is written from the documentation alone. Every hand example below cites the
 * clause of the bullet it rests on.
 *
 * DEPLOY_CODE_ORACLE_CASES (default 300) and DEPLOY_CODE_ORACLE_SEED (default 20240622) drive the property tests.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { cfnFlagged, genTemplate, genTerraform, isCustomResource, Reading, Rng, tfRefused } from './deploy-code-oracle';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';

const CASES = Number(process.env.DEPLOY_CODE_ORACLE_CASES ?? 300);
const SEED = Number(process.env.DEPLOY_CODE_ORACLE_SEED ?? 20240622);

function libraryFlagged(template: any): string[] {
  return extractCloudFormation({ S: template })
    .unresolved.filter((u) => u.property === 'ServiceToken')
    .map((u) => u.node)
    .sort();
}

function libraryRefused(config: any): string[] {
  const keys = extractTerraform({ s: config }).unresolved.map((u) => {
    const m = /^provisioner\.(.+)$/.exec(u.property);
    return `${u.node}|${m ? m[1] : ''}`;
  });
  return [...new Set(keys)].sort();
}

const oracleFlagged = (t: any, reading: Reading = {}) => [...cfnFlagged(t, reading).keys()].sort();
const same = (a: string[], b: string[]) => JSON.stringify(a) === JSON.stringify(b);
const KNOWN: Array<[string, Reading]> = [['K1 followAlso', { followAlso: true }], ['K2 byName', { byName: true }],
  ['K1+K2', { followAlso: true, byName: true }]];

// ------------------------------------------------------------------------------------------------------------
// Hand-derived examples
// ------------------------------------------------------------------------------------------------------------

const BASIC = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
const doc = (...Statement: any[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: any, Resource: any = '*') => ({ Effect: 'Allow', Action, Resource });
const role = (props: any = {}) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), ...props },
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

describe('deploy-code oracle: hand-derived examples (CloudFormation)', () => {
  const cases: Array<[string, any, string[]]> = [
    // "the AWS managed AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole allow nothing of the network"
    ['basic + VPC access execution roles only', single({ ManagedPolicyArns: [BASIC, 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] }), []],
    // same, in aws-cdk-lib's spelling (Fn::Join with AWS::Partition)
    ['basic role in the Fn::Join partition spelling',
      single({ ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }] }), []],
    // "The service token must be a Lambda function of the template (Fn::GetAtt [F, Arn])"
    ['literal service token', single({}, {}, 'arn:aws:lambda:us-east-1:123456789012:function:x'), ['C']],
    ['SNS topic service token', single({}, { T: { Type: 'AWS::SNS::Topic' } }, { Ref: 'T' }), ['C']],
    // "its role a role of the template"
    ['role by literal ARN', { Resources: { F: fn('arn:aws:iam::123456789012:role/x'), C: custom(arnOf('F'), 'AWS::CloudFormation::CustomResource') } }, ['C']],
    // "every policy of that role … written out": an AWS managed policy other than the two is not
    ['AdministratorAccess', single({ ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }), ['C']],
    // "actions that read …, tags, a function's own logs …, S3 objects and a bucket's policy …, SSM parameters change nothing"
    ['reads, tags, own logs, S3 objects, bucket policy, SSM parameters',
      single({
        Policies: [{
          PolicyName: 'p',
          PolicyDocument: doc(allow(['ec2:Describe*', 'ec2:DescribeRouteTables', 's3:GetObject', 'ec2:CreateTags',
            'logs:CreateLogGroup', 'logs:PutLogEvents', 'logs:PutRetentionPolicy', 's3:PutObject', 's3:DeleteObject*', 's3:PutBucketPolicy',
            'ssm:PutParameter'])),
        }],
      }), []],
    // "(ec2:CreateRoute, ec2:*, *, …)" counts; "Deny left out"
    ['ec2:CreateRoute allowed', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('ec2:CreateRoute')) }] }), ['C']],
    ['ec2:* denied only', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }) }] }), []],
    // "NotAction unreadable"
    ['Allow NotAction', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc({ Effect: 'Allow', NotAction: 'ec2:*', Resource: '*' }) }] }), ['C']],
    // "not deleting a log group or changing a subscription filter", "not deleting the bucket"
    ['logs:DeleteLogGroup', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('logs:DeleteLogGroup')) }] }), ['C']],
    ['s3:DeleteBucket', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('s3:DeleteBucket')) }] }), ['C']],
    // "a service that … grants permissions (iam, sts, ssm but its parameters, …)"
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
    // "managed policies of the template" written out
    ['managed policy of the template by Ref', single({ ManagedPolicyArns: [{ Ref: 'M' }] }, {
      M: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: { PolicyDocument: doc(allow('ssm:SendCommand')) },
      },
    }), ['C']],
    // "lambda:InvokeFunction … on functions … of the template are followed to their own roles … on anything else they count"
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
    // "states:StartExecution … followed to their own roles"
    ['waiter starts a state machine whose role is quiet', single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('states:StartExecution', { Ref: 'SM' })) }] }, {
      SmRole: role({ Policies: [{ PolicyName: 's', PolicyDocument: doc(allow('logs:PutLogEvents')) }] }),
      SM: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: arnOf('SmRole'), DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' } },
    }), []],
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
 * Known disagreements between the doc's letter and the library (see the report). Each asserts the doc's reading, so it
 * fails today; `test.failing` keeps it running: it turns red (to be moved to the examples above) once the two agree.
 */
describe('deploy-code oracle: known disagreements (doc letter vs library)', () => {
  const smTemplate = (action: string) => single({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow(action, { Ref: 'SM' })) }] }, {
    SmRole: role({ ManagedPolicyArns: [BASIC] }),
    SM: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: arnOf('SmRole'), DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' } },
  });
  // K1: "lambda:InvokeFunction and states:StartExecution on functions and state machines of the template are followed …;
  // on anything else they count" names two actions; "states" and "lambda" otherwise count as services that run code.
  test.failing('K1: states:StartSyncExecution on a state machine of the template counts', () => {
    expect(oracleFlagged(smTemplate('states:StartSyncExecution'))).toEqual(['C']);
    expect(libraryFlagged(smTemplate('states:StartSyncExecution'))).toEqual(['C']);
  });
  test.failing('K1: lambda:InvokeAsync on a function of the template counts', () => {
    const t = {
      Resources: {
        R: role({ Policies: [{ PolicyName: 'p', PolicyDocument: doc(allow('lambda:InvokeAsync', arnOf('H'))) }] }),
        F: fn(arnOf('R')),
        HRole: role({ ManagedPolicyArns: [BASIC] }),
        H: fn(arnOf('HRole')),
        C: custom(arnOf('F')),
      },
    };
    expect(oracleFlagged(t)).toEqual(['C']);
    expect(libraryFlagged(t)).toEqual(['C']);
  });
  // K2: "Not read …: policies attached to the role from another stack or by the role's name"
  test.failing('K2: a policy of the template attached by the role\'s literal name is not read', () => {
    const t = single({ RoleName: 'my-role', ManagedPolicyArns: [BASIC] }, {
      P: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', Roles: ['my-role'], PolicyDocument: doc(allow('ec2:*')) } },
    });
    expect(oracleFlagged(t)).toEqual([]);
    expect(libraryFlagged(t)).toEqual([]);
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
    const expected = ['aws_lambda_invocation.d|', 'data.aws_lambda_invocation.g|', 'data.external.f|', 'null_resource.c|remote-exec', 'terraform_data.b|local-exec'];
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
    const unknown: string[] = [];
    const known: Record<string, number> = {};
    let flagged = 0;
    let total = 0;
    for (let i = 0; i < CASES; i++) {
      const template = genTemplate(rng, { literalRoleNames: rng.chance(0.3) });
      const mine = cfnFlagged(template);
      const ours = [...mine.keys()].sort();
      const lib = libraryFlagged(template);
      flagged += ours.length;
      total += Object.values<any>(template.Resources).filter((r) => isCustomResource(r.Type)).length;
      if (same(ours, lib)) continue;
      // A disagreement the library's known deviations from the doc's letter explain (K1, K2: see deploy-code-oracle.ts)
      const explained = KNOWN.find(([, reading]) => same(oracleFlagged(template, reading), lib));
      if (explained) {
        known[explained[0]] = (known[explained[0]] ?? 0) + 1;
        continue;
      }
      unknown.push(`case ${i} (seed ${SEED}): oracle ${JSON.stringify(ours)} ${JSON.stringify([...mine])}, library ${JSON.stringify(lib)}\n`
        + JSON.stringify(template));
    }
    const d = unknown.length + Object.values(known).reduce((a, b) => a + b, 0);
    console.log(`deploy-code oracle: ${CASES} cases, ${d} disagreements, seed ${SEED}`
      + ` (${unknown.length} unexplained; known deviations ${JSON.stringify(known)}; oracle flagged ${flagged} of ${total} custom resources)`
      + (unknown.length ? `\n${unknown.slice(0, 3).join('\n\n')}` : ''));
    expect(unknown).toEqual([]);
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
