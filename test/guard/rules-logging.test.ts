/** LOG-1 (ログ管理): flow and firewall logs everywhere, and in β/β′ delivered to the declared SIEM sink. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildCdkExample } from '../../examples/cdk/_app';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';

function log1(name: string, change: (stack: Stack, net: any) => void, model: NetworkModel): string[] {
  const app = new App();
  const { stack, network } = buildCdkExample(name, app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  return checkTopology(extractCloudFormation({ [stack.stackName]: template }), { model }).filter((f) => f.ruleId === 'LOG-1').map(formatFinding);
}

const flowLogOf = (segment: any) => segment.node.findChild('FlowLog') as ec2.CfnFlowLog;

describe('LOG-1 SIEM delivery in β and β′', () => {
  test.each([['beta', NetworkModel.BETA], ['beta-prime', NetworkModel.BETA_PRIME]] as const)('the %s example delivers every log to the SIEM sink', (name, model) => {
    expect(log1(name, () => undefined, model)).toEqual([]);
  });

  test('a flow log re-pointed to a bucket created next to the network is refused in β', () => {
    const found = log1('beta', (stack, net) => {
      const archive = new s3.CfnBucket(stack, 'Archive');
      flowLogOf(net.internet).addPropertyOverride('LogDestination', archive.attrArn);
    }, NetworkModel.BETA);
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): the flow log of the INTERNET VPC goes to \{s3-bucket\}, not to a SIEM sink/);
  });

  test('α keeps its logs in the archive bucket without a SIEM (not required there)', () => {
    expect(log1('alpha', () => undefined, NetworkModel.ALPHA)).toEqual([]);
  });

  test('a firewall log delivered to a bucket of the same stack is refused in β′ (built-in egress firewall)', () => {
    const found = log1('beta-prime', (stack, net) => {
      const archive = new s3.CfnBucket(stack, 'Archive');
      const logging = net.internet.node.findAll().find((c: any) => c.cfnResourceType === 'AWS::NetworkFirewall::LoggingConfiguration');
      logging.addPropertyOverride('LoggingConfiguration.LogDestinationConfigs.0.LogDestination.bucketName', archive.ref);
    }, NetworkModel.BETA_PRIME);
    expect(found.join('\n')).toMatch(/LOG-1 error \(ログ管理\): firewall .* sends (ALERT|FLOW) logs to \{s3-bucket\}, not to a SIEM sink/);
  });
});
