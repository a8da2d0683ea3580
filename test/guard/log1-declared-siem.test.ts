/**
 * LOG-1 (ログ管理) in β / β′: when the blueprint declares its SIEM (`logging.siemBucketArn`, or a security cloud member's
 * hub `siemBucketArn`), a literal flow-log or firewall-log destination must name that bucket (its ARN, an ARN under it,
 * or its name with a key prefix apart); any other literal is refused. Without a declaration (a stack built by hand, the
 * CLI without --blueprint) any literal destination outside the output still counts as the SIEM.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { App as CdkApp } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TfApp } from 'cdktf';
import { betaPrime } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { judgedScope } from '../../src/cli/blueprint';
import { checkTopology } from '../../src/guard/check';
import { DeclaredSiem } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';
import { refusals } from '../support/refusals';

const SIEM = 'arn:aws:s3:::pref-siem-ingest';
const declared: DeclaredSiem[] = [{ bucketArn: SIEM }];
const segmentTag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** An Internet VPC with a flow log to `flowTo` (an S3 ARN), and a firewall logging ALERT and FLOW to bucket `fwBucket`. */
function cfn(flowTo: string, fwBucket: string, fwPrefix?: string): Record<string, any> {
  return {
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: segmentTag('INTERNET') } },
    InFlow: { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: { Ref: 'InVpc' }, ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: flowTo } },
    Fw: { Type: 'AWS::NetworkFirewall::Firewall', Properties: { VpcId: { Ref: 'InVpc' }, FirewallPolicyArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', SubnetMappings: [] } },
    FwLogs: {
      Type: 'AWS::NetworkFirewall::LoggingConfiguration',
      Properties: {
        FirewallArn: { Ref: 'Fw' },
        LoggingConfiguration: {
          LogDestinationConfigs: ['ALERT', 'FLOW'].map((LogType) => ({
            LogType, LogDestinationType: 'S3', LogDestination: { bucketName: fwBucket, ...(fwPrefix ? { prefix: fwPrefix } : {}) },
          })),
        },
      },
    },
  };
}

function tf(flowTo: string, fwBucket: string): any {
  return {
    resource: {
      aws_vpc: { inet: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
      aws_flow_log: { inet: { vpc_id: '${aws_vpc.inet.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: flowTo } },
      aws_networkfirewall_firewall: { fw: { name: 'fw', vpc_id: '${aws_vpc.inet.id}', firewall_policy_arn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', subnet_mapping: [] } },
      aws_networkfirewall_logging_configuration: {
        fw: {
          firewall_arn: '${aws_networkfirewall_firewall.fw.arn}',
          logging_configuration: [{
            log_destination_config: ['ALERT', 'FLOW'].map((t) => ({ log_type: t, log_destination_type: 'S3', log_destination: { bucketName: fwBucket, prefix: 'nfw' } })),
          }],
        },
      },
    },
  };
}

const log1 = (graph: ReturnType<typeof extractCloudFormation>, siem?: readonly DeclaredSiem[], model = NetworkModel.BETA_PRIME) =>
  checkTopology(graph, { model }, { siem }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);
const log1Cfn = (t: Record<string, any>, siem?: readonly DeclaredSiem[]) => log1(extractCloudFormation({ S: { Resources: t } } as any), siem);
const log1Tf = (c: any, siem?: readonly DeclaredSiem[]) => log1(extractTerraform({ t: c }), siem);

describe('LOG-1 (β′): a declared SIEM is the only literal destination that counts', () => {
  test.each([
    ['the bucket ARN itself', SIEM, 'pref-siem-ingest'],
    ['an ARN under it (a folder) and its name with a prefix apart', `${SIEM}/vpc-flow-logs/internet/`, 'pref-siem-ingest'],
  ])('CloudFormation: %s passes', (_what, flowTo, fwBucket) => {
    expect(log1Cfn(cfn(flowTo, fwBucket, 'network-firewall/alert'), declared)).toEqual([]);
  });

  test('CloudFormation: another literal bucket is refused when a SIEM is declared, naming the declared one; not declared, it passes as today', () => {
    const t = cfn('arn:aws:s3:::someone-elses-bucket/flows/', 'someone-elses-bucket');
    const found = log1Cfn(t, declared);
    expect(found).toHaveLength(2);
    // Findings in path order: Fw, then InVpc.
    expect(found[1]).toMatch(/the flow log of the INTERNET VPC goes to arn:aws:s3:::someone-elses-bucket\/flows\/, not to the declared SIEM \(arn:aws:s3:::pref-siem-ingest\)/);
    expect(found[1]).toMatch(/Fix: deliver the log to the declared SIEM, arn:aws:s3:::pref-siem-ingest \(logging.siemBucketArn\)/);
    expect(found[0]).toMatch(/firewall Fw sends ALERT logs to someone-elses-bucket, FLOW logs to someone-elses-bucket, not to the declared SIEM/);
    expect(log1Cfn(t)).toEqual([]);
  });

  test('CloudFormation: a bucket whose name only begins like the SIEM\'s, another partition, or a log group are refused', () => {
    expect(log1Cfn(cfn('arn:aws:s3:::pref-siem-ingest-copy/x/', 'pref-siem-ingest'), declared)).toHaveLength(1);
    expect(log1Cfn(cfn('arn:aws-cn:s3:::pref-siem-ingest/x/', 'pref-siem-ingest'), declared)).toHaveLength(1);
    expect(log1Cfn(cfn(SIEM, 'pref-siem-ingest-copy'), declared)).toHaveLength(1);
    const group = cfn(SIEM, 'pref-siem-ingest');
    group.InFlow.Properties = { ...group.InFlow.Properties, LogDestinationType: 'cloud-watch-logs', LogDestination: 'arn:aws:logs:ap-northeast-1:111122223333:log-group:pref-siem-ingest' };
    expect(log1Cfn(group, declared).join('\n')).toMatch(/goes to arn:aws:logs:\S+, not to the declared SIEM/);
  });

  test('a SIEM declared by a reference (the hub of the same app) is named by no literal', () => {
    expect(log1Cfn(cfn(SIEM, 'pref-siem-ingest'), [{}]).join('\n')).toMatch(/not to the declared SIEM \(the security cloud hub's SIEM bucket\)/);
  });

  test('Terraform: the same', () => {
    expect(log1Tf(tf(`${SIEM}/vpc-flow-logs/`, 'pref-siem-ingest'), declared)).toEqual([]);
    const other = tf('arn:aws:s3:::someone-elses-bucket', 'someone-elses-bucket');
    expect(log1Tf(other, declared)).toHaveLength(2);
    expect(log1Tf(other)).toEqual([]);
  });

  test('the CLI takes the declared SIEM from --blueprint, and none without it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-siem-'));
    const file = path.join(dir, 'bp.json');
    fs.writeFileSync(file, JSON.stringify(betaPrime));
    expect(judgedScope({ blueprint: file }).scope.siem).toEqual([{ bucketArn: betaPrime.logging!.siemBucketArn }]);
    expect(judgedScope({ model: NetworkModel.BETA_PRIME }).scope.siem).toBeUndefined();
  });
});

describe('LOG-1 (β′ MunicipalNetwork): a flow log added by hand must go to the blueprint\'s siemBucketArn', () => {
  const declaredArn = betaPrime.logging!.siemBucketArn!;

  test.each([
    ['another literal bucket', 'arn:aws:s3:::someone-elses-bucket/flows/', true],
    ['the declared SIEM', `${declaredArn}/by-hand/`, false],
  ])('AWS CDK: %s', (_what, destination, refused) => {
    const app = new CdkApp();
    const { network } = buildCdkExample('beta-prime', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    new ec2.CfnFlowLog(network.myNumber, 'ByHand', {
      resourceId: network.myNumber.vpc.vpcId, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: destination,
    });
    const found = refusals(() => app.synth()).filter((l) => / LOG-1 /.test(l));
    if (refused) {
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`goes to ${destination}, not to the declared SIEM (${declaredArn})`);
    } else {
      expect(found).toEqual([]);
    }
  });

  test.each([
    ['another literal bucket', 'arn:aws:s3:::someone-elses-bucket/flows/', true],
    ['the declared SIEM', `${declaredArn}/by-hand/`, false],
  ])('CDKTF: %s', (_what, destination, refused) => {
    const app = new TfApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-siem-tf-')) });
    const { network } = buildTfExample('beta-prime', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    new FlowLog(network.myNumber, 'ByHand', { vpcId: network.myNumber.vpcId, trafficType: 'ALL', logDestinationType: 's3', logDestination: destination });
    const found = refusals(() => app.synth()).filter((l) => / LOG-1 /.test(l));
    if (refused) {
      expect(found).toHaveLength(1);
      expect(found[0]).toContain(`goes to ${destination}, not to the declared SIEM (${declaredArn})`);
    } else {
      expect(found).toEqual([]);
    }
  });
});
