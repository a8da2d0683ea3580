/**
 * PL-1 (配置): resources labelled with a host role sit where the model places them; and AP-6 case ウ, which needs a
 * sanitization relay (無害化) in the scope. Labels come from the synthesized tags, whoever wrote them.
 */
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { App, Tags } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { exampleFindings as findingsOf } from './example-findings';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { AlphaPrimeCase, HostRole } from '../../src';

const subnetOf = (segment: IConstruct, key: string) => segment.node.findChild(`Subnet-${key}`) as ec2.CfnSubnet;

describe('PL-1 placement (配置)', () => {
  test('our host security groups carry the host and role labels in both engines', () => {
    const { stack } = buildCdkExample('beta', new App());
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      Tags: Match.arrayWith([{ Key: 'jichitai:host', Value: 'internet-terminals' }, { Key: 'jichitai:role', Value: 'BUSINESS_TERMINALS' }]),
    });
    const tf = buildTfExample('beta', Testing.app());
    const groups = Object.values(JSON.parse(Testing.synth(tf.stack)).resource.aws_security_group) as { tags: Record<string, string> }[];
    expect(groups.filter((g) => g.tags['jichitai:role'] === HostRole.BUSINESS_TERMINALS).map((g) => g.tags['jichitai:host'])).toEqual(['internet-terminals']);
  });

  test.each(['alpha', 'alpha-prime', 'beta', 'beta-prime'])('the %s example places every labelled resource where its model says', (name) => {
    expect(findingsOf(name, 'PL-1')).toEqual([]);
  });

  test('β: a terminal pool added by hand in the LGWAN segment is refused', () => {
    const found = findingsOf('beta', 'PL-1', (stack, net) => {
      const instance = new ec2.CfnInstance(stack, 'Terminal', { imageId: 'ami-0123456789abcdef0', subnetId: subnetOf(net.lgwan, 'workload-1').ref });
      Tags.of(instance).add('jichitai:role', HostRole.BUSINESS_TERMINALS);
    });
    expect(found).toEqual([expect.stringMatching(/^\[.*Terminal\] PL-1 error \(配置\): business terminals \(業務端末\) in LGWAN接続系, but βモデル places them in インターネット接続系/)]);
  });

  test('α: a business system labelled in the Internet segment is refused (CDKTF)', () => {
    const { stack, network } = buildTfExample('alpha', Testing.app());
    new Instance(stack, 'Finance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: network.internet.workloadSubnetIds[0], tags: { 'jichitai:role': HostRole.BUSINESS_SYSTEM } });
    expect(() => Testing.synth(stack, true)).toThrow(/\[SampleCity-alpha\/Finance\] PL-1 error \(配置\): a business system \(業務システム\) in インターネット接続系, but αモデル places them in LGWAN接続系/);
  });
});

describe('AP-6 case ウ sanitization relay (無害化)', () => {
  test('the α′ deployment with its sanitizer host passes in case ウ', () => {
    expect(findingsOf('alpha-prime', 'AP-6', () => undefined, AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION)).toEqual([]);
  });

  test('without a labelled relay, case ウ is refused', () => {
    const found = findingsOf('alpha-prime', 'AP-6', (_, net) => { net.internet.node.tryRemoveChild('HostSecurityGroup-sanitizer'); },
      AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION);
    expect(found.join('\n')).toMatch(/AP-6 error \(ファイルダウンロード制限\): case ウ exchanges files .* no sanitization relay/);
  });
});
