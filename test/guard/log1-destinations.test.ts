/**
 * LOG-1 (ログ管理): where flow and firewall logs go. A bucket or log group of the synthesized output is an archive, not the
 * SIEM, also when a literal ARN or name names it; and a log group that keeps its events too briefly is no log (outside
 * tester, red team 39).
 */
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
      Fw: { Type: 'AWS::NetworkFirewall::Firewall', Properties: { VpcId: { Ref: 'InVpc' }, FirewallPolicyArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', SubnetMappings: [] } },
      FwLogs: {
        Type: 'AWS::NetworkFirewall::LoggingConfiguration',
        Properties: {
          FirewallArn: { Ref: 'Fw' },
          LoggingConfiguration: {
            LogDestinationConfigs: ['ALERT', 'FLOW'].map((LogType) => ({ LogType, LogDestinationType: 'S3', LogDestination: { bucketName: 'muni-flow-archive' } })),
          },
        },
      },
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
