/**
 * A blueprint that declares `flows: []` declares that no flow crosses a segment boundary (the blueprint's `flows`:
 * "Nothing else crosses a segment boundary", default none): every security group that lets the Internet segment open
 * connections into LGWAN is then beyond the declared flows, an LG-2 error as with a list that does not cover it. Only a
 * scope that declares nothing at all (a stack built by hand, the CLI without --blueprint) leaves LG-2's direction
 * unjudged, as a warning (outside auditor: the guard took `flows: []` for "nothing declared" and only warned).
 */
import * as fs from 'fs';
import * as path from 'path';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { find } from './mutation-suite';
import { BLUEPRINTS } from '../../examples/blueprints';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { cdk, MunicipalNetworkBlueprintProps, NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { cli, synthExample, tempDir, writeJson } from '../cli/support';
import { refusals } from '../support/refusals';
import { myNumberAndLgwan } from '../support/two-segments';

/** The α example declaring no flow: its hosts stay (their groups are built), nothing crosses. */
const NO_FLOWS: MunicipalNetworkBlueprintProps = { ...BLUEPRINTS.alpha, flows: [] };
/** The Internet segment's virtual browser (α: screen transfer goes from LGWAN to it, never the other way). */
const VIRTUAL_BROWSER = '10.0.128.10/32';
const FILE_SERVER_GROUP = '/HostSecurityGroup-lgwan-file-server';

const DIRECTION_ERROR = /LG-2 error .*lets the INTERNET segment open connections into it \(tcp\/443 from 10\.0\.128\.10\/32\), which no declared INTERNET → LGWAN flow/;
const UNDECLARED_WARNING = /LG-2 warning .*lets the INTERNET segment open connections into it \(tcp\/443 from 10\.[0-9.]+\/32\); with no flow declared/;

/** The CDK warnings (annotations) under `stack`, whether or not the synthesis was refused. */
function cdkWarnings(stack: Stack): string[] {
  return stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data)));
}

/** An LGWAN and an Internet-segment VPC built by hand (no `MunicipalNetwork`: nothing declared), the LGWAN group admitting tcp/443 from 10.2.0.10. */
function handBuiltCdk(app: App): Stack {
  const stack = new Stack(app, 'HandMade');
  cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
  const vpc = (id: string, cidr: string, segment: string) => {
    const v = new ec2.CfnVPC(stack, id, { cidrBlock: cidr, enableDnsSupport: false, tags: [{ key: 'jichitai:segment', value: segment }] });
    new ec2.CfnSubnet(stack, `${id}Subnet`, { vpcId: v.ref, cidrBlock: cidr.replace('/16', '/24') });
    return v;
  };
  const lgwan = vpc('Lgwan', '10.1.0.0/16', 'LGWAN');
  vpc('Internet', '10.2.0.0/16', 'INTERNET');
  new ec2.CfnSecurityGroup(stack, 'Server', {
    vpcId: lgwan.ref,
    groupDescription: 'LGWAN server',
    securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.2.0.10/32' }],
    securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.1.0.20/32' }],
  });
  return stack;
}

describe('AWS CDK', () => {
  test('a MunicipalNetwork declaring flows: [] is compliant as built', () => {
    const app = new App();
    new cdk.MunicipalNetwork(new Stack(app, 'NoFlows', { env: { region: 'ap-northeast-1' } }), 'Network', NO_FLOWS);
    expect(refusals(() => app.synth())).toEqual([]);
  });

  test('flows: [] and an LGWAN group the Internet segment may open connections into: LG-2 error', () => {
    const app = new App();
    const stack = new Stack(app, 'NoFlows', { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', NO_FLOWS);
    new ec2.CfnSecurityGroupIngress(stack, 'Reverse', {
      groupId: find<ec2.CfnSecurityGroup>(network.lgwan, FILE_SERVER_GROUP).attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: VIRTUAL_BROWSER,
    });
    expect(refusals(() => app.synth()).filter((l) => / LG-2 /.test(l))).toEqual([expect.stringMatching(DIRECTION_ERROR)]);
    expect(cdkWarnings(stack).filter((w) => / LG-2 /.test(w))).toEqual([]);
  });

  test('control: a stack built by hand declares nothing, and the same kind of rule is a warning', () => {
    const app = new App();
    const stack = handBuiltCdk(app);
    expect(refusals(() => app.synth()).filter((l) => / LG-2 /.test(l))).toEqual([]);
    expect(cdkWarnings(stack).filter((w) => / LG-2 /.test(w))).toEqual([expect.stringMatching(UNDECLARED_WARNING)]);
  });
});

describe('CDKTF', () => {
  test('a MunicipalNetwork declaring flows: [] is compliant as built', () => {
    const stack = offlineTokyoStack(Testing.app(), 'NoFlows');
    new tf.MunicipalNetwork(stack, 'Network', NO_FLOWS);
    expect(refusals(() => Testing.synth(stack, true))).toEqual([]);
  });

  test('flows: [] and an LGWAN group the Internet segment may open connections into: LG-2 error', () => {
    const stack = offlineTokyoStack(Testing.app(), 'NoFlows');
    const network = new tf.MunicipalNetwork(stack, 'Network', NO_FLOWS);
    new SecurityGroupRule(stack, 'Reverse', {
      type: 'ingress', securityGroupId: find<SecurityGroup>(network.lgwan, FILE_SERVER_GROUP).id, protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [VIRTUAL_BROWSER],
    });
    expect(refusals(() => Testing.synth(stack, true)).filter((l) => / LG-2 /.test(l))).toEqual([expect.stringMatching(DIRECTION_ERROR)]);
  });

  test('control: a stack built by hand declares nothing, and the same kind of rule is a warning', () => {
    const stack = offlineTokyoStack(Testing.app(), 'HandMade');
    tf.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    const lgwan = new Vpc(stack, 'Lgwan', { cidrBlock: '10.1.0.0/16', enableDnsSupport: false, tags: { 'jichitai:segment': 'LGWAN' } });
    new Subnet(stack, 'LgwanSubnet', { vpcId: lgwan.id, cidrBlock: '10.1.0.0/24' });
    const internet = new Vpc(stack, 'Internet', { cidrBlock: '10.2.0.0/16', enableDnsSupport: false, tags: { 'jichitai:segment': 'INTERNET' } });
    new Subnet(stack, 'InternetSubnet', { vpcId: internet.id, cidrBlock: '10.2.0.0/24' });
    new SecurityGroup(stack, 'Server', {
      vpcId: lgwan.id,
      ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.2.0.10/32'] }],
      egress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.1.0.20/32'] }],
    });
    expect(refusals(() => Testing.synth(stack, true)).filter((l) => / LG-2 /.test(l))).toEqual([]);
    const warnings = stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.filter((w) => / LG-2 /.test(w))).toEqual([expect.stringMatching(UNDECLARED_WARNING)]);
  });
});

describe('CLI', () => {
  let work: string;
  let out: string;
  beforeAll(() => {
    work = tempDir('declared-empty');
    // The α example as built: its relay (10.0.128.20) opens into the LGWAN file server, as its declared sanitization flow says.
    out = synthExample('alpha', path.join(work, 'alpha.out'));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
  /** The LG-2 messages of a report's list, in order. */
  const lg2 = (list: { ruleId: string; message: string }[]) => list.filter((f) => f.ruleId === 'LG-2').map((f) => f.message).sort();

  test('--blueprint declaring flows: [] judges the example\'s rules between LGWAN and the Internet segment against no flow: LG-2 errors', async () => {
    const file = path.join(work, 'no-flows.blueprint.json');
    writeJson(file, NO_FLOWS);
    const r = await cli('check', out, '--blueprint', file, '--format', 'json');
    const [report] = JSON.parse(r.stdout);
    // Both ways the example opens between the two segments are beyond the (no) declared flows: the relay into the file
    // server, and the LGWAN terminals' screen transfer into the virtual browser.
    expect(lg2(report.violations)).toEqual([
      expect.stringMatching(/virtualbrowser\w* of the INTERNET segment lets the LGWAN segment open connections into it \(tcp\/443 from 10\.0\.80\.0\/24\), which no declared LGWAN → INTERNET flow/),
      expect.stringMatching(/lgwanfileserver\w* of the LGWAN segment lets the INTERNET segment open connections into it \(tcp\/443 from 10\.0\.128\.20\/32\), which no declared INTERNET → LGWAN flow/),
    ]);
    expect(lg2(report.warnings)).toEqual([]);
    expect(r.code).toBe(1);
  });

  test('a blueprint that leaves flows out declares none too (the blueprint\'s default): LG-2 errors', async () => {
    const { flows: _, ...withoutFlows } = BLUEPRINTS.alpha;
    const file = path.join(work, 'flows-left-out.blueprint.json');
    writeJson(file, withoutFlows);
    const [report] = JSON.parse((await cli('check', out, '--blueprint', file, '--format', 'json')).stdout);
    expect(lg2(report.violations)).toHaveLength(2);
    expect(lg2(report.warnings)).toEqual([]);
  });

  test('control: without --blueprint nothing is declared, and the same rule is a warning', async () => {
    const r = await cli('check', out, '--model', 'α', '--format', 'json');
    const [report] = JSON.parse(r.stdout);
    expect(report.violations).toEqual([]);
    expect(lg2(report.warnings)).toEqual([
      expect.stringMatching(/virtualbrowser\w* of the INTERNET segment lets the LGWAN segment open connections into it \(tcp\/443 from 10\.0\.80\.0\/24\); with no flow declared/),
      expect.stringMatching(/lgwanfileserver\w* of the LGWAN segment lets the INTERNET segment open connections into it \(tcp\/443 from 10\.0\.128\.20\/32\); with no flow declared/),
    ]);
    expect(r.code).toBe(0);
  });
});

/**
 * The other checks that read whether flows are declared (MN-3's ports toward the other side's hosts): with `flows: []`
 * nothing may cross, so a port toward an LGWAN host is one no declared flow names; with nothing declared only the width
 * of a rule is judged.
 */
describe('checkTopology: declared and empty, or not declared', () => {
  const template = {
    Resources: {
      ...myNumberAndLgwan(),
      MnSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'My Number host',
          VpcId: { Ref: 'MnVpc' },
          SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.1.0.10/32' }],
        },
      },
    },
  };
  const mn3 = (flows: readonly DeclaredFlow[] | undefined) =>
    checkTopology(extractCloudFormation({ s: template }), { model: NetworkModel.ALPHA }, { flows }).filter((f) => f.ruleId === 'MN-3').map((f) => f.message);

  test('flows: [] — tcp/22 toward an LGWAN host is beyond the declared flows (MN-3)', () => {
    expect(mn3([])).toEqual([expect.stringMatching(/open tcp\/22 to 10\.1\.0\.10\/32, beyond the ports of the declared flows/)]);
  });

  test('control: nothing declared — a one-host rule is not judged for its ports', () => {
    expect(mn3(undefined)).toEqual([]);
  });
});
