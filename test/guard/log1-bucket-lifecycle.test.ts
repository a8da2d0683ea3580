/**
 * LOG-1 (ログ管理, every model): a bucket of the output that receives flow or firewall logs must not expire the current
 * log objects in fewer than 400 days (LOG_RETENTION_DAYS), as a log group must keep them. Its lifecycle rules are read
 * with their prefixes (a rule for other keys does not touch the logs), a value the guard cannot read is refused, and
 * non-current version expiration (which deletes no current log) is not a reason.
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';

const segmentTag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** A My Number VPC whose flow log goes to bucket `Logs` under `vpc-flow-logs/mn/`, the bucket's lifecycle `lifecycle`. */
function cfn(lifecycle: unknown, firewallPrefix?: string): Record<string, any> {
  const t: Record<string, any> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: segmentTag('MY_NUMBER') } },
    Logs: { Type: 'AWS::S3::Bucket', Properties: lifecycle === undefined ? {} : { LifecycleConfiguration: lifecycle } },
    Flow: {
      Type: 'AWS::EC2::FlowLog',
      Properties: {
        ResourceId: { Ref: 'Vpc' },
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Logs', 'Arn'] }, '/vpc-flow-logs/mn/']] },
      },
    },
  };
  if (firewallPrefix !== undefined) {
    // The flow log elsewhere: only the firewall's logs are in the bucket.
    t.Flow.Properties.LogDestination = 'arn:aws:s3:::elsewhere';
    t.Fw = { Type: 'AWS::NetworkFirewall::Firewall', Properties: { VpcId: { Ref: 'Vpc' }, FirewallPolicyArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', SubnetMappings: [] } };
    t.FwLogs = {
      Type: 'AWS::NetworkFirewall::LoggingConfiguration',
      Properties: {
        FirewallArn: { Ref: 'Fw' },
        LoggingConfiguration: {
          LogDestinationConfigs: ['ALERT', 'FLOW'].map((LogType) => ({ LogType, LogDestinationType: 'S3', LogDestination: { bucketName: { Ref: 'Logs' }, prefix: firewallPrefix } })),
        },
      },
    };
  }
  return t;
}

const log1Cfn = (t: Record<string, any>) =>
  checkTopology(extractCloudFormation({ S: { Resources: t } } as any), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);

describe('LOG-1: the lifecycle of a log bucket of the output (CloudFormation)', () => {
  test('the library\'s own rule (400 days, non-current versions after 30) and no lifecycle pass', () => {
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }] }))).toEqual([]);
    expect(log1Cfn(cfn(undefined))).toEqual([]);
    // Non-current version expiration deletes no current log object, however short.
    expect(log1Cfn(cfn({ Rules: [{ NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }] }))).toEqual([]);
  });

  test('a rule that expires every object after 30 days is refused, naming the bucket, the days and the fix', () => {
    const found = log1Cfn(cfn({ Rules: [{ Id: 'short', ExpirationInDays: 30, Status: 'Enabled' }] }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/the flow log of the MY_NUMBER VPC keeps too little: bucket Logs has a lifecycle rule short that expires the log objects \(vpc-flow-logs\/mn\/AWSLogs\/…\) after 30 days, fewer than 400/);
    expect(found[0]).toMatch(/Fix: expire the log objects no sooner than 400 days/);
  });

  test('a disabled rule, or one for other keys, does not touch the logs; one whose prefix takes them does', () => {
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Disabled' }] }))).toEqual([]);
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled', Prefix: 'tmp/' }] }))).toEqual([]);
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled', Prefix: 'vpc-flow-logs/' }] }))).toHaveLength(1);
    // Narrower than the logs' keys: it still takes some of them.
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled', Prefix: 'vpc-flow-logs/mn/AWSLogs/111122223333/' }] }))).toHaveLength(1);
    // Tags or sizes the guard does not relate to the logs: covering (fail closed).
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled', TagFilters: [{ Key: 'k', Value: 'v' }] }] }))).toHaveLength(1);
  });

  test('an expiration date, or a value the guard cannot read, is refused', () => {
    expect(log1Cfn(cfn({ Rules: [{ ExpirationDate: '2030-01-01T00:00:00Z', Status: 'Enabled' }] })).join('\n')).toMatch(/on a date \(2030-01-01T00:00:00Z\), whatever their age/);
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: { Ref: 'Days' }, Status: 'Enabled' }] })).join('\n')).toMatch(/after a number of days the guard cannot read/);
    expect(log1Cfn(cfn({ 'Fn::If': ['C', { Rules: [] }, { Rules: [] }] })).join('\n')).toMatch(/bucket Logs has a lifecycle configuration the guard cannot read/);
    // A prefix given by a reference may take the logs.
    expect(log1Cfn(cfn({ Rules: [{ ExpirationInDays: 30, Status: 'Enabled', Prefix: { Ref: 'P' } }] }))).toHaveLength(1);
  });

  test('a firewall\'s logs under its prefix: a rule for that prefix is refused, one for another prefix is not', () => {
    const rule = (Prefix: string) => ({ Rules: [{ ExpirationInDays: 7, Status: 'Enabled', Prefix }] });
    expect(log1Cfn(cfn(rule('network-firewall/'), 'network-firewall/inet/alert')).join('\n'))
      .toMatch(/firewall Fw keeps too little of its ALERT logs: bucket Logs has a lifecycle rule \(prefix network-firewall\/\) that expires the log objects \(network-firewall\/inet\/alert\/AWSLogs\/…\) after 7 days/);
    expect(log1Cfn(cfn(rule('vpc-flow-logs/'), 'network-firewall/inet/alert'))).toEqual([]);
  });
});

/** The same in Terraform: the flow log to `aws_s3_bucket.logs` under `vpc-flow-logs/mn/`, and `extra` resources. */
function tf(bucket: Record<string, unknown>, extra: Record<string, any> = {}): any {
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
      aws_s3_bucket: { logs: { bucket_prefix: 'logs-', ...bucket } },
      aws_flow_log: { mn: { vpc_id: '${aws_vpc.mn.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: '${aws_s3_bucket.logs.arn}/vpc-flow-logs/mn/' } },
      ...extra,
    },
  };
}

const log1Tf = (config: any) =>
  checkTopology(extractTerraform({ t: config }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);

const configuration = (rule: unknown, bucket = '${aws_s3_bucket.logs.id}') => ({ aws_s3_bucket_lifecycle_configuration: { lc: { bucket, rule } } });

describe('LOG-1: the lifecycle of a log bucket of the output (Terraform)', () => {
  test('the library\'s own configuration (empty filter, 400 days, non-current after 30) passes', () => {
    expect(log1Tf(tf({}, configuration([{ id: 'expire-logs', status: 'Enabled', filter: [{}], expiration: [{ days: 400 }], noncurrent_version_expiration: [{ noncurrent_days: 30 }] }])))).toEqual([]);
  });

  test('aws_s3_bucket_lifecycle_configuration expiring after 90 days is refused; for another prefix, or disabled, it is not', () => {
    const found = log1Tf(tf({}, configuration([{ id: 'short', status: 'Enabled', filter: [{}], expiration: [{ days: 90 }] }])));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/bucket \S*logs \(\S*lc\) has a lifecycle rule short that expires the log objects \(vpc-flow-logs\/mn\/AWSLogs\/…\) after 90 days, fewer than 400/);
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{ prefix: 'tmp/' }], expiration: [{ days: 90 }] }])))).toEqual([]);
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{ and: [{ prefix: 'vpc-flow-logs/mn/', tags: { a: 'b' } }] }], expiration: [{ days: 90 }] }])))).toHaveLength(1);
    expect(log1Tf(tf({}, configuration([{ status: 'Disabled', filter: [{}], expiration: [{ days: 90 }] }])))).toEqual([]);
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{}], noncurrent_version_expiration: [{ noncurrent_days: 1 }] }])))).toEqual([]);
  });

  test('a date, a variable, and a configuration whose bucket cannot be resolved are refused', () => {
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{}], expiration: [{ date: '2030-01-01T00:00:00Z' }] }])))).toHaveLength(1);
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{}], expiration: [{ days: '${var.days}' }] }])))).toHaveLength(1);
    expect(log1Tf(tf({}, configuration('${var.rules}'))).join('\n')).toMatch(/lifecycle configuration the guard cannot read/);
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{}], expiration: [{ days: 30 }] }], '${var.bucket}'))).join('\n'))
      .toMatch(/whose bucket the guard cannot resolve/);
    // A bucket named elsewhere (another account's) is not this one.
    expect(log1Tf(tf({}, configuration([{ status: 'Enabled', filter: [{}], expiration: [{ days: 30 }] }], 'someone-elses-bucket')))).toEqual([]);
  });

  test('the deprecated inline lifecycle_rule of aws_s3_bucket', () => {
    expect(log1Tf(tf({ lifecycle_rule: [{ enabled: true, expiration: [{ days: 30 }] }] }))).toHaveLength(1);
    expect(log1Tf(tf({ lifecycle_rule: [{ enabled: false, expiration: [{ days: 30 }] }] }))).toEqual([]);
    expect(log1Tf(tf({ lifecycle_rule: [{ enabled: true, prefix: 'tmp/', expiration: [{ days: 30 }] }] }))).toEqual([]);
    expect(log1Tf(tf({ lifecycle_rule: [{ enabled: true, expiration: [{ days: 400 }] }] }))).toEqual([]);
  });
});
