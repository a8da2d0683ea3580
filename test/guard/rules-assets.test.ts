/** BP-1 (β′): each business system's own security group admits only its declared clients and ports (情報資産単位でのアクセス制御). */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { buildCdkExample } from '../../examples/cdk/_app';
import { cdk } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { flowsOfBlueprint } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';

const group = (net: cdk.MunicipalNetwork) => net.internet.node.findAll().find((c: IConstruct) => c.node.path.endsWith('/HostSecurityGroup-groupware')) as ec2.CfnSecurityGroup;

/** BP-1's findings on the β′ example after a change, with the blueprint's flows declared (as MunicipalNetwork does). */
function bp1(change: (stack: Stack, net: cdk.MunicipalNetwork) => void, withFlows = true): string[] {
  // Only the guard's graph is under test: CloudFormation's own lint of the deliberately odd resources a test adds
  // (hard-coded AMIs, duplicated routes) would only print its report (console.error) over a passing test.
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample('beta-prime', app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  // Without: no list at all (an empty one declares that no flow crosses: GuardContext.flows).
  const flows = withFlows ? flowsOfBlueprint(network.blueprint.hosts, network.blueprint.flows) : undefined;
  return checkTopology(extractCloudFormation({ [stack.stackName]: template }), { model: network.blueprint.model }, { flows })
    .filter((f) => f.ruleId === 'BP-1').map(formatFinding);
}

describe('BP-1 access control per information asset (β′)', () => {
  test('the β′ example (groupware with its own group) is compliant', () => {
    expect(bp1(() => undefined)).toEqual([]);
  });

  test('a rule admitting the whole Internet segment, or all traffic, is refused', () => {
    const found = bp1((stack, net) => {
      new ec2.CfnSecurityGroupIngress(stack, 'Segment', { groupId: group(net).attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: net.internet.vpcCidr });
      new ec2.CfnSecurityGroupIngress(stack, 'All', { groupId: group(net).attrGroupId, ipProtocol: '-1', cidrIp: '10.0.129.5/32' });
    });
    expect(found).toEqual([expect.stringMatching(/BP-1 error \(情報資産単位でのアクセス制御\): business system groupware: security group \w+ admits all traffic from 10\.0\.129\.5\/32; admits a whole subnet or segment \(10\.0\.128\.0\/18\)/)]);
  });

  test('a host rule that no declared flow names is refused; without declared flows only its width is judged', () => {
    const extra = (stack: Stack, net: cdk.MunicipalNetwork) => {
      new ec2.CfnSecurityGroupIngress(stack, 'Extra', { groupId: group(net).attrGroupId, ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '10.0.129.5/32' });
    };
    expect(bp1(extra)).toEqual([expect.stringMatching(/admits tcp 22 from 10\.0\.129\.5\/32, which no declared flow to it names/)]);
    expect(bp1(extra, false)).toEqual([]);
  });

  test('a business system labelled on an instance without a group of its own is refused', () => {
    const found = bp1((stack, net) => {
      const subnet = net.internet.node.findAll().find((c) => c.node.path.endsWith('/Subnet-workload-1')) as ec2.CfnSubnet;
      new ec2.CfnInstance(stack, 'Erp', { imageId: 'ami-0123456789abcdef0', subnetId: subnet.ref, tags: [{ key: 'jichitai:role', value: 'BUSINESS_SYSTEM' }, { key: 'jichitai:host', value: 'erp' }] });
    });
    expect(found).toEqual([expect.stringMatching(/business system erp has no security group of its own/)]);
  });
});
