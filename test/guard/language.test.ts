/**
 * `language` on the guard options (TopologyGuard, MunicipalNetwork through the blueprint) in both engines: the synth
 * refusal, the acknowledgement problems, the info lines and the report in Japanese; an unknown language refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { BLUEPRINTS } from '../../examples/blueprints';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { cdk, GuardLanguage, NetworkModel, tf } from '../../src';
import { notJapanese } from '../support/japanese';

const JA_BLUEPRINT = { ...BLUEPRINTS.alpha, municipality: 'Sample City サンプル市', language: GuardLanguage.JAPANESE };

describe('AWS CDK', () => {
  test('MunicipalNetwork with language ja: the refusal is Japanese, with the rule term and 対処', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-ja-')) });
    const stack = new Stack(app, 'Ja', { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', JA_BLUEPRINT);
    network.myNumber.node.tryRemoveChild('FlowLog');
    expect(() => app.synth()).toThrow(/\] LOG-1 エラー（ログ管理）: マイナンバー利用事務系の VPC に、全通信のフローログがない。対処: /);
  });

  test('an acknowledgement the guard cannot accept is refused in Japanese, at synth and in TopologyGuard.acknowledge', () => {
    const app = new App();
    const stack = new Stack(app, 'Ja', { env: { region: 'ap-northeast-1' } });
    new cdk.MunicipalNetwork(stack, 'Network', JA_BLUEPRINT);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'MN-1', 'The auditor agreed to this exception in writing.'))
      .toThrow(/例外承認できない: MN-1 は重大（マイナンバー利用事務系 → インターネット）の指摘で、例外承認できない/);
    Validations.of(stack).acknowledge({ id: 'jichitai-guard::LOG-1', reason: 'ok' });
    expect(() => app.synth()).toThrow(/jichitai-guard::LOG-1 を例外承認できない: LOG-1 を例外承認する理由には/);
  });

  test('an acknowledged finding: the info line and the report in Japanese, the English fields kept', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-ja-'));
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'Ja', { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', JA_BLUEPRINT);
    network.myNumber.node.tryRemoveChild('FlowLog');
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    cdk.TopologyGuard.acknowledge(network.myNumber, 'LOG-1', reason);
    const assembly = app.synth();
    const info = assembly.getStackByName(stack.stackName).messages.filter((m) => m.level === 'info').map((m) => String(m.entry.data)).join('\n');
    expect(info).toContain('例外承認済み（jichitai-guard::LOG-1）: [Ja/Network/MyNumber/Vpc] LOG-1 エラー（ログ管理）: ');
    const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
    const [ack] = report.acknowledged;
    expect(ack.message).toBe('the MY_NUMBER VPC has no flow log of all traffic');
    expect(notJapanese(ack.ja.message)).toBeUndefined();
    expect(ack.text).toMatch(/^\[Ja\/Network\/MyNumber\/Vpc\] LOG-1 エラー（ログ管理）: /);
  });

  test('an unknown language is refused when the guard is applied', () => {
    const stack = new Stack(new App(), 'S');
    new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(() => cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA, language: 'fr' as GuardLanguage })).toThrow(/language: "fr" is not a GuardLanguage/);
  });
});

describe('CDKTF', () => {
  test('MunicipalNetwork with language ja: the refusal is Japanese', () => {
    const stack = offlineTokyoStack(Testing.app(), 'ja');
    const network = new tf.MunicipalNetwork(stack, 'Network', JA_BLUEPRINT);
    network.myNumber.node.tryRemoveChild('FlowLog');
    expect(() => Testing.synth(stack, true)).toThrow(/LOG-1 エラー（ログ管理）: マイナンバー利用事務系の VPC に、全通信のフローログがない。対処: /);
  });

  test('TopologyGuard.acknowledge refuses a critical rule in Japanese once the stack is guarded in Japanese', () => {
    const stack = offlineTokyoStack(Testing.app(), 'ja');
    new tf.MunicipalNetwork(stack, 'Network', JA_BLUEPRINT);
    expect(() => tf.TopologyGuard.acknowledge(stack, 'MN-1', 'The auditor agreed to this exception in writing.')).toThrow(/MN-1 は重大/);
  });
});
