/**
 * α′ is judged by its case (outside testers, red team 37): without one, tenant restriction (AP-3) and the download
 * restriction (AP-6) were skipped, and case ア (license authentication and updates only: 「Web会議システム、メールなどの
 * アプリケーションを利用しない」, MIC deck) let communication tools onto the allow-list unremarked. Now the library's
 * entry points refuse a missing case, the rules judge a caseless check as the strictest case, and AP-2 refuses a
 * communication tool's domain in case ア.
 */
import { App, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TfApp } from 'cdktf';
import { buildCdkExample } from '../../examples/cdk/_app';
import { AlphaPrimeCase, cdk, NetworkModel, tf } from '../../src';
import { main } from '../../src/cli/main';
import { checkTopology } from '../../src/guard/check';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { tenantHeaderValueMatches } from '../../src/model/validate-breakout';
import { planOf } from '../../src/plan/cache';

/** The α′ example (case イ) with its proxy no longer adding the tenant header: rule ids found, by case. */
function withoutTenantHeader(): (alphaPrimeCase: AlphaPrimeCase | undefined) => string[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample('alpha-prime', app);
  const script = planOf(network.blueprint).tenantProxy!.bootScript;
  expect(script).toMatch(/^request_header_add /m);
  const template = network.lgwan.node.findAll().find((c) => c.node.path.endsWith('TenantProxy/LaunchTemplate')) as ec2.CfnLaunchTemplate;
  template.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(script.replace(/^request_header_add .*$/gm, '')));
  const synthesized = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const graph = extractCloudFormation({ [stack.stackName]: synthesized });
  return (alphaPrimeCase) => [...new Set(checkTopology(graph, { model: NetworkModel.ALPHA_PRIME, ...(alphaPrimeCase ? { alphaPrimeCase } : {}) },
    { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) }).map((f) => f.ruleId))].sort();
}

describe('the rules', () => {
  let found: (c: AlphaPrimeCase | undefined) => string[];
  beforeAll(() => { found = withoutTenantHeader(); }, 120_000);

  test('case イ refuses the missing tenant header (AP-3)', () => {
    expect(found(AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD)).toContain('AP-3');
  });

  test('without a case, AP-3 and AP-6 judge as in case イ (fail closed)', () => {
    expect(found(undefined)).toContain('AP-3');
    expect(found(undefined).filter((r) => r === 'AP-3' || r === 'AP-6')).toEqual(found(AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD).filter((r) => r === 'AP-3' || r === 'AP-6'));
  });

  test('case ア: Microsoft 365\'s domains on the allow-list are refused (AP-2), as communication tools', () => {
    expect(found(AlphaPrimeCase.LICENSE_AND_UPDATES)).toContain('AP-2');
    expect(found(AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD)).not.toContain('AP-2');
  });
});

describe('the entry points refuse α′ without its case', () => {
  test('TopologyGuard.apply (AWS CDK and CDKTF)', () => {
    expect(() => cdk.TopologyGuard.apply(new App(), { model: NetworkModel.ALPHA_PRIME })).toThrow(/\[alphaPrimeCase\] model ALPHA_PRIME is judged by its case, and none is given/);
    expect(() => tf.TopologyGuard.apply(new TfApp(), { model: NetworkModel.ALPHA_PRIME })).toThrow(/\[alphaPrimeCase\]/);
    expect(() => cdk.TopologyGuard.apply(new App(), { model: NetworkModel.ALPHA_PRIME, alphaPrimeCase: 'ア' as AlphaPrimeCase })).toThrow(/"ア" is not an AlphaPrimeCase/);
    expect(() => cdk.TopologyGuard.apply(new Stack(new App(), 'S'), { model: NetworkModel.ALPHA_PRIME, alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD })).not.toThrow();
  });

  test('the command line: --model α′ without --case is a usage error (exit 2)', async () => {
    let stderr = '';
    const code = await main(['check', 'no-such-file.json', '--model', 'α′'], { stdout: () => undefined, stderr: (t) => { stderr += t; } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/model α′ is judged by its case: give --case ア\|イ\|ウ/);
  });
});

describe('AP-3: the tenant value the proxy adds is well-formed (REQUIREMENTS AP-3 rev; outside auditor, red team 37)', () => {
  /** The α′ example with its tenant header's value rewritten: AP-3's findings. */
  function withValue(value: string): string[] {
    const app = new App({ builtinCloudFormationValidation: false });
    const { stack, network } = buildCdkExample('alpha-prime', app);
    const script = planOf(network.blueprint).tenantProxy!.bootScript;
    const template = network.lgwan.node.findAll().find((c) => c.node.path.endsWith('TenantProxy/LaunchTemplate')) as ec2.CfnLaunchTemplate;
    const rewritten = script.replace(/^(request_header_add sec-Restrict-Tenant-Access-Policy) "[^"]*"/m, `$1 "${value}"`);
    expect(rewritten).not.toBe(script);
    template.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(rewritten));
    const synthesized = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
    const options = { model: NetworkModel.ALPHA_PRIME, alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD };
    return checkTopology(extractCloudFormation({ [stack.stackName]: synthesized }), options,
      { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) }).filter((f) => f.ruleId === 'AP-3').map((f) => f.message);
  }

  test('the value grammar of each scheme: literal text as written, each placeholder\'s format, tenants joined by the separator', () => {
    const google = { name: 'X-GoogApps-Allowed-Domains', valueTemplate: '{tenants}', separator: ',' };
    expect(tenantHeaderValueMatches(google, 'city.example.lg.jp,town.example.lg.jp')).toBe(true);
    expect(tenantHeaderValueMatches(google, 'city.example.lg.jp,x y')).toBe(false);
    const msa = { name: 'sec-Restrict-Tenant-Access-Policy', valueTemplate: 'restrict-msa' };
    expect(tenantHeaderValueMatches(msa, 'restrict-msa')).toBe(true);
    expect(tenantHeaderValueMatches(msa, 'restrict-msa2')).toBe(false);
  });

  test('a directory ID and policy ID (two GUIDs) pass; "x", one GUID, or a GUID and a word are refused', () => {
    const guid = '11111111-2222-3333-4444-555555555555';
    expect(withValue(`${guid}:${guid}`)).toEqual([]);
    for (const value of ['x', guid, `${guid}:policy`]) expect([value, withValue(value).length]).toEqual([value, 1]);
  });
});
