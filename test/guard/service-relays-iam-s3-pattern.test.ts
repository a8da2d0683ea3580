/**
 * §14 "Grants": a statement's resource given by a wildcard (`*`, an ARN pattern) is every resource of that service in
 * the output. Found by the relays oracle (test/oracle/relays-oracle.ts): the bucket pattern
 * `arn:aws:s3:::*` — the commonest way to say "every bucket" — was read as a literal naming a bucket outside the output
 * (`arn:aws:s3::, which is not in the synthesized output`) and named no bucket of the output, so what a My Number
 * function writes to the output's bucket with such a grant, and what an Internet function reads from it, went unseen
 * (`arn:aws:s3:::*\/*`, `arn:aws:s3:::app-*`, `*` and `Fn::Sub` `arn:${AWS::Partition}:s3:::*` were read as patterns).
 */
import { Segment } from '../../src';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { relayStarts } from '../../src/guard/rules/relays';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
const GA = (id: string, attribute = 'Arn') => ({ 'Fn::GetAtt': [id, attribute] });
const LAMBDA_TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** A My Number function writing with `action` on `resource`; an Internet function notified of the bucket's objects. */
function template(action: string, resource: unknown): Record<string, any> {
  const role = (statements: unknown[]) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: LAMBDA_TRUST,
      ...statements.length > 0 ? { Policies: [{ PolicyName: 'p', PolicyDocument: { Version: '2012-10-17', Statement: statements } }] } : {},
    },
  });
  const fn = (roleId: string, segment: 'Mn' | 'In') => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: GA(roleId),
      Code: { ZipFile: 'x' },
      VpcConfig: { SubnetIds: [{ Ref: `${segment}Sub` }], SecurityGroupIds: [GA(`${segment}Sg`, 'GroupId')] },
    },
  });
  const r: Record<string, any> = {
    B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'b', NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: GA('Reader') }] } } },
    WriterRole: role([{ Effect: 'Allow', Action: action, Resource: resource }]),
    Writer: fn('WriterRole', 'Mn'),
    ReaderRole: role([]),
    Reader: fn('ReaderRole', 'In'),
  };
  for (const [name, cidr, segment] of [['Mn', '10.0', 'MY_NUMBER'], ['In', '10.2', 'INTERNET']]) {
    r[`${name}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `${cidr}.0.0/16`, Tags: tag(segment), EnableDnsSupport: false } };
    r[`${name}Sub`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${name}Vpc` }, CidrBlock: `${cidr}.0.0/24` } };
    r[`${name}Sg`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: `${name}Vpc` }, GroupDescription: name } };
  }
  return { Resources: r };
}

/** The ends outside the My Number segment of the chains from the writer. */
function ends(action: string, resource: unknown): string[] {
  const starts = relayStarts(extractCloudFormation({ S: template(action, resource) } as any), Segment.MY_NUMBER);
  return starts.filter((s) => s.id === 'Writer').flatMap((s) => s.chains.filter((c) => c.outside).map((c) => c.end)).sort();
}

describe('§14 Grants: an S3 ARN pattern is every bucket of the output', () => {
  test('controls: `*` and `arn:aws:s3:::*/*` reach the output\'s bucket, and through its notification the Internet function', () => {
    expect(ends('s3:PutObject', '*')).toEqual(['n:Reader']);
    expect(ends('s3:PutObject', 'arn:aws:s3:::*/*')).toEqual(['n:Reader']);
    expect(ends('s3:PutObject', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' })).toEqual(['n:Reader']);
  });

  test('the literal `arn:aws:s3:::*` does too, and names nothing outside the output', () => {
    expect(ends('s3:PutObject', 'arn:aws:s3:::*')).toEqual(['n:Reader']);
    expect(ends('s3:GetObject', 'arn:aws:s3:::*')).toEqual([]);
  });
});

describe('§14 Grants: a reference inside a resource ARN\'s name does not name the resource it refers to', () => {
  test('an object key holding a reference names objects of the bucket (a prefix match): the bucket, not the role it refers to', () => {
    expect(ends('s3:PutObject', { 'Fn::Sub': 'arn:aws:s3:::b/${WriterRole}' })).toEqual(['n:Reader']);
    expect(ends('s3:PutObject', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b/${WriterRole}/*' })).toEqual(['n:Reader']);
    expect(ends('s3:PutObject', { 'Fn::Join': ['', ['arn:aws:s3:::b/', { Ref: 'WriterRole' }, '/x.txt']] })).toEqual(['n:Reader']);
    // The bucket given by a reference too: every bucket of the output (fail closed).
    expect(ends('s3:PutObject', { 'Fn::Join': ['', [GA('B'), '/', { Ref: 'WriterRole' }]] })).toEqual(['n:Reader']);
    // Controls: reading only, another bucket's objects.
    expect(ends('s3:GetObject', { 'Fn::Sub': 'arn:aws:s3:::b/${WriterRole}' })).toEqual([]);
    expect(ends('s3:PutObject', { 'Fn::Sub': 'arn:aws:s3:::other/${WriterRole}' })).toEqual([expect.stringMatching(/arn:aws:s3:::other/)]);
  });
  test('a reference with text around it in a name is a pattern of every resource of the service', () => {
    expect(ends('s3:PutObject', { 'Fn::Sub': 'arn:aws:s3:::app-${WriterRole}' })).toEqual(['n:Reader']);
  });
});
