/**
 * LOG-1 (ログ管理): where flow and firewall logs go. A bucket or log group of the synthesized output is an archive, not the
 * SIEM, also when a literal ARN or name names it; and a log group that keeps its events too briefly is no log (outside
 * tester, red team 39).
 */
import { prefectureCfn, prefectureTf, proxyBootScript } from './security-cloud-fixture';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';

const segmentTag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** A My Number and an Internet VPC, each with a flow log of all traffic whose destination `dest` gives, and `extra`. */
function cfn(dest: Record<string, unknown>, extra: Record<string, any> = {}): Record<string, any> {
  const t: Record<string, any> = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: segmentTag('MY_NUMBER') } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: segmentTag('INTERNET') } },
  };
  for (const vpc of ['MnVpc', 'InVpc']) {
    t[`${vpc}Flow`] = { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: vpc }, ResourceType: 'VPC', TrafficType: 'ALL', ...dest } };
  }
  return { ...t, ...extra };
}

/** A firewall in the Internet VPC (`Fw`) and its logging configuration with `configs`. */
const firewallLogging = (configs: unknown[]) => ({
  Fw: { Type: 'AWS::NetworkFirewall::Firewall', Properties: { VpcId: { Ref: 'InVpc' }, FirewallPolicyArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', SubnetMappings: [] } },
  FwLogs: { Type: 'AWS::NetworkFirewall::LoggingConfiguration', Properties: { FirewallArn: { Ref: 'Fw' }, LoggingConfiguration: { LogDestinationConfigs: configs } } },
});

const log1Cfn = (resources: Record<string, any>, model = NetworkModel.BETA): string[] =>
  checkTopology(extractCloudFormation({ S: { Resources: resources } } as any), { model }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);

/** The same two VPCs in Terraform JSON, their flow logs to `dest`. */
function tf(dest: Record<string, unknown>, extra: Record<string, any> = {}): any {
  const seg = (s: string) => ({ 'jichitai:segment': s });
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.1.0.0/16', tags: seg('MY_NUMBER') }, inet: { cidr_block: '10.2.0.0/16', tags: seg('INTERNET') } },
      aws_flow_log: {
        mn: { vpc_id: '${aws_vpc.mn.id}', traffic_type: 'ALL', ...dest },
        inet: { vpc_id: '${aws_vpc.inet.id}', traffic_type: 'ALL', ...dest },
      },
      ...extra,
    },
  };
}

const log1Tf = (config: any, model = NetworkModel.BETA): string[] =>
  checkTopology(extractTerraform({ t: config }), { model }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);

describe('LOG-1 (β): a literal destination that names a bucket or log group of the output is not the SIEM', () => {
  const archive = { Archive: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'muni-flow-archive' } } };

  test('control: a literal ARN of a bucket outside the output counts as the SIEM sink', () => {
    expect(log1Cfn(cfn({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::muni-siem-ingest' }, archive))).toEqual([]);
  });

  test('CloudFormation: the ARN of a bucket of the same template (with a key prefix) is refused, naming the bucket', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::muni-flow-archive/flows/' }, archive));
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/the flow log of the MY_NUMBER VPC goes to arn:aws:s3:::muni-flow-archive\/flows\/ \(bucket Archive of the synthesized output\), not to a SIEM sink/);
  });

  test('CloudFormation: the ARN of a log group of the same template is refused', () => {
    const found = log1Cfn(cfn({
      LogDestinationType: 'cloud-watch-logs',
      LogDestination: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:vpc-flow:*',
      DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/flow',
    }, { Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'vpc-flow' } } }));
    expect(found.join('\n')).toMatch(/goes to arn:aws:logs:\S+:log-group:vpc-flow:\* \(log group \S*Group of the synthesized output\), not to a SIEM sink/);
  });

  test('CloudFormation: a firewall logging to a bucket of the same template by its literal name is refused', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::muni-siem-ingest' }, {
      ...archive,
      ...firewallLogging(['ALERT', 'FLOW'].map((LogType) => ({ LogType, LogDestinationType: 'S3', LogDestination: { bucketName: 'muni-flow-archive' } }))),
    }));
    expect(found.join('\n')).toMatch(/firewall \S+ sends ALERT logs to muni-flow-archive \(bucket Archive of the synthesized output\), FLOW logs to .*, not to a SIEM sink/);
  });

  test('Terraform: the ARN of a bucket of the same configuration is refused', () => {
    const config = tf({ log_destination_type: 's3', log_destination: 'arn:aws:s3:::muni-flow-archive' }, { aws_s3_bucket: { archive: { bucket: 'muni-flow-archive' } } });
    expect(log1Tf(config).join('\n')).toMatch(/goes to arn:aws:s3:::muni-flow-archive \(bucket aws_s3_bucket\.archive of the synthesized output\), not to a SIEM sink/);
  });

  test('Terraform control: another bucket\'s ARN counts as the SIEM sink', () => {
    const config = tf({ log_destination_type: 's3', log_destination: 'arn:aws:s3:::muni-siem-ingest' }, { aws_s3_bucket: { archive: { bucket: 'muni-flow-archive' } } });
    expect(log1Tf(config)).toEqual([]);
  });
});

describe('LOG-1 (every model): a log group that keeps the log too briefly is no log', () => {
  const toGroup = { LogDestinationType: 'cloud-watch-logs', LogDestination: { 'Fn::GetAtt': ['Group', 'Arn'] }, DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/flow' };
  const group = (RetentionInDays?: unknown) => ({ Group: { Type: 'AWS::Logs::LogGroup', Properties: RetentionInDays === undefined ? {} : { RetentionInDays } } });

  test.each([[undefined], [400], ['731']])('control: a log group of the template with RetentionInDays %s (undefined: for ever) passes', (days) => {
    expect(log1Cfn(cfn(toGroup, group(days)), NetworkModel.ALPHA)).toEqual([]);
  });

  test('CloudFormation: flow logs to a log group kept 1 day are refused', () => {
    const found = log1Cfn(cfn(toGroup, group(1)), NetworkModel.ALPHA);
    expect(found).toHaveLength(2);
    expect(found.join('\n')).toMatch(/the flow log of the MY_NUMBER VPC keeps too little: log group Group keeps its events 1 day, fewer than 400\. Fix: keep the log group's events at least 400 days/);
  });

  test('CloudFormation: 399 days is refused (the floor is the library\'s default, 400)', () => {
    expect(log1Cfn(cfn(toGroup, group(399)), NetworkModel.ALPHA).join('\n')).toMatch(/keeps its events 399 days, fewer than 400/);
  });

  test('CloudFormation: a retention the guard cannot read (a parameter) is refused', () => {
    expect(log1Cfn(cfn(toGroup, group({ Ref: 'Days' })), NetworkModel.ALPHA).join('\n')).toMatch(/log group Group keeps its events for a number of days the guard cannot read/);
  });

  test('CloudFormation: a flow log naming the group by LogGroupName (not LogDestination) is judged too', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 'cloud-watch-logs', LogGroupName: { Ref: 'Group' }, DeliverLogsPermissionArn: 'arn:aws:iam::111122223333:role/flow' }, group(1)),
      NetworkModel.ALPHA);
    expect(found.join('\n')).toMatch(/keeps its events 1 day, fewer than 400/);
  });

  test('CloudFormation: a literal ARN of the template\'s group kept 1 day is refused (also in α, where no SIEM is asked)', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 'cloud-watch-logs', LogDestination: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:vpc-flow' },
      { Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'vpc-flow', RetentionInDays: 1 } } }), NetworkModel.ALPHA);
    expect(found.join('\n')).toMatch(/keeps its events 1 day, fewer than 400/);
  });

  test('CloudFormation: a CloudWatch Logs destination the guard cannot resolve is refused (its retention is unread)', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 'cloud-watch-logs', LogDestination: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:vpc-flow' } },
      group(1)), NetworkModel.ALPHA);
    expect(found.join('\n')).toMatch(/keeps too little: it goes to a log group the guard cannot resolve/);
  });

  test('CloudFormation: one flow log kept long enough besides a short one passes', () => {
    const t = cfn(toGroup, group(1));
    for (const vpc of ['MnVpc', 'InVpc']) {
      t[`${vpc}Archive`] = { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: vpc }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::archive' } };
    }
    expect(log1Cfn(t, NetworkModel.ALPHA)).toEqual([]);
  });

  test('CloudFormation: a firewall whose ALERT logs go to a log group kept 1 day is refused', () => {
    const found = log1Cfn(cfn({ LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::archive' }, {
      Group: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'fw-alerts', RetentionInDays: 1 } },
      ...firewallLogging([
        { LogType: 'ALERT', LogDestinationType: 'CloudWatchLogs', LogDestination: { logGroup: 'fw-alerts' } },
        { LogType: 'FLOW', LogDestinationType: 'S3', LogDestination: { bucketName: 'archive' } },
      ]),
    }), NetworkModel.ALPHA);
    expect(found.join('\n')).toMatch(/firewall Fw keeps too little of its ALERT logs: log group Group keeps its events 1 day, fewer than 400/);
  });

  const tfGroup = (retention: unknown) => ({ aws_cloudwatch_log_group: { flow: { name: 'vpc-flow', retention_in_days: retention } } });
  const tfToGroup = { log_destination_type: 'cloud-watch-logs', log_destination: '${aws_cloudwatch_log_group.flow.arn}', iam_role_arn: 'arn:aws:iam::111122223333:role/flow' };

  test.each([[0], [400], [undefined]])('Terraform control: retention_in_days %s passes (0 and absent: for ever)', (days) => {
    expect(log1Tf(tf(tfToGroup, tfGroup(days)), NetworkModel.ALPHA)).toEqual([]);
  });

  test('Terraform: a log group kept 1 day is refused', () => {
    expect(log1Tf(tf(tfToGroup, tfGroup(1)), NetworkModel.ALPHA).join('\n')).toMatch(/log group aws_cloudwatch_log_group\.flow keeps its events 1 day, fewer than 400/);
  });

  test('Terraform: a retention from a variable is refused as unreadable', () => {
    expect(log1Tf(tf(tfToGroup, tfGroup('${var.days}')), NetworkModel.ALPHA).join('\n')).toMatch(/keeps its events for a number of days the guard cannot read/);
  });
});

describe('LOG-1: an access_log line restricted by ACLs logs only the requests matching all of them (Squid\'s access_log)', () => {
  /** The hub proxy's reference boot script (Debian) with its access_log line replaced, in both engines. */
  const withAccessLog = (line: string) => {
    const script = proxyBootScript().replace(/^access_log .*$/m, line);
    expect(script).toContain(`\n${line}\n`);
    const cfnTemplates = prefectureCfn();
    const template = Object.values(cfnTemplates)[0] as any;
    template.Resources.ProxyTemplate.Properties.LaunchTemplateData.UserData = { 'Fn::Base64': script };
    const tfConfig = prefectureTf() as any;
    tfConfig.resource.aws_launch_template.proxy.user_data = Buffer.from(script).toString('base64');
    const onlyLog1 = (graph: any) => checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);
    return { cfn: onlyLog1(extractCloudFormation(cfnTemplates)), tf: onlyLog1(extractTerraform({ prefecture: tfConfig })) };
  };

  test.each([
    'access_log stdio:/var/log/squid/access.log',
    'access_log stdio:/var/log/squid/access.log squid',
    'access_log stdio:/var/log/squid/access.log logformat=squid buffer-size=64KB',
    'access_log stdio:/var/log/squid/access.log squid all',
    'access_log stdio:/var/log/squid/access.log all',
  ])('control: "%s" logs every request', (line) => {
    expect(withAccessLog(line)).toEqual({ cfn: [], tf: [] });
  });

  test.each([
    ['a negated all', 'access_log stdio:/var/log/squid/access.log squid !all'],
    ['an ACL of some clients', 'access_log stdio:/var/log/squid/access.log clients'],
    ['an option, then an ACL', 'access_log stdio:/var/log/squid/access.log logformat=squid to_private'],
    ['a format name Squid does not know (read as an ACL)', 'access_log stdio:/var/log/squid/access.log siem'],
  ])('%s: refused in both engines', (_, line) => {
    const { cfn: c, tf: t } = withAccessLog(line);
    for (const found of [c, t]) {
      expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the proxy's access log is not shipped: every access_log line logs only the requests that match its ACLs/);
    }
  });

  test('one unrestricted line besides a restricted one: passes', () => {
    expect(withAccessLog('access_log stdio:/var/log/squid/access.log clients\naccess_log stdio:/var/log/squid/access.log'))
      .toEqual({ cfn: [], tf: [] });
  });
});
