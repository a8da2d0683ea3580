import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations as CoreAnnotations, App, Fn, Stack, Tags, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { BLUEPRINTS, breakoutPortReason } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { generatedBlueprint } from '../../scripts/bench-apps';
import { cdk, GuardLanguage, NetworkModel } from '../../src';
import * as extractCfn from '../../src/guard/extract-cloudformation';
import { Reachability } from '../../src/guard/reachability';
import { englishRun } from '../support/japanese';
import { refusals } from '../support/refusals';
import { addTestWarningRule } from '../support/warning-rule';

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-guard-'));
}

describe('TopologyGuard (AWS CDK)', () => {
  test('a refused topology writes no template and no manifest, and lists every violation at once', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildCdkExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    new ec2.CfnVPC(stack, 'Stray', { cidrBlock: '192.168.0.0/24' });
    expect(() => app.synth()).toThrow(/LOG-1 error[\s\S]*GUARD-1 critical|GUARD-1 critical[\s\S]*LOG-1 error/);
    const files = fs.readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.template.json') || f === 'manifest.json')).toEqual([]);
  });

  test('critical rules cannot be acknowledged, and a reason must say something', () => {
    const { stack } = buildCdkExample('alpha', new App());
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'MN-1', 'The auditor agreed to this exception in writing.')).toThrow(/MN-1 is critical.*can never be acknowledged/);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', 'ok')).toThrow(/reason for acknowledging LOG-1 must say why/);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', 'todo')).toThrow(/must say why/);
    // Placeholders repeated to pass the length, or invisible characters (outside auditor, red team 38).
    for (const empty of ['TODO TODO TODO TODO TODO', 'n/a n/a n/a n/a n/a n/a n/a', '... ... ... ... ... ... ...', '\u200b\u200b\u200b\u200b\u200b\u200b\u200b '.repeat(3),
      'The auditor agreed to this\u202e exception in writing.']) {
      expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', empty)).toThrow(/must say why/);
    }
    // A reason of a few words is accepted, in English or in Japanese written with spaces.
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', 'Flow logs go to the SIEM bucket of another account.')).not.toThrow();
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'IN-2', '名前解決は 県の セキュリティクラウドの DNS に 転送している')).not.toThrow();
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'XX-9', 'A perfectly fine reason for a rule that does not exist.')).toThrow(/not a guard rule/);
  });

  test('an acknowledged finding synthesizes with an info line (no warning) and is written to the report next to the template', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildCdkExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    cdk.TopologyGuard.acknowledge(network.myNumber, 'LOG-1', reason);
    const assembly = app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'LOG-1', reason })]);
    const messages = assembly.getStackByName(stack.stackName).messages;
    expect(messages.filter((m) => m.level === 'info').map((m) => String(m.entry.data)).join('\n'))
      .toContain(`acknowledged (jichitai-guard::LOG-1): [${network.myNumber.node.path}/Vpc] LOG-1`);
    // Nothing is left for `cdk synth --strict` to fail on.
    expect(messages.filter((m) => m.level === 'warning')).toEqual([]);
  });

  test('TopologyGuard.acknowledge is CDK\'s own acknowledgement: it records jichitai-guard::<rule> with the reason on the scope', () => {
    const { network } = buildCdkExample('alpha', new App());
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    cdk.TopologyGuard.acknowledge(network.myNumber, 'LOG-1', reason);
    expect(network.myNumber.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => m.data))
      .toContainEqual({ 'jichitai-guard::LOG-1': reason });
  });

  test('Validations.of(scope).acknowledge({ id, reason }) acknowledges a finding the same way, reason in the report', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildCdkExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    // Written before the finding exists, at the app: the ID names the rule, the scope says where.
    Validations.of(app).acknowledge({ id: 'jichitai-guard::LOG-1', reason });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'LOG-1', reason, path: `${network.myNumber.node.path}/Vpc` })]);
  });

  test('a critical rule acknowledged through Validations.acknowledge refuses synthesis, finding or not', () => {
    const { stack } = buildCdkExample('alpha', new App());
    Validations.of(stack).acknowledge({ id: 'jichitai-guard::MN-1', reason: 'The auditor agreed to this exception in writing.' });
    expect(() => Template.fromStack(stack)).toThrow(/\[SampleCity-alpha\] cannot acknowledge jichitai-guard::MN-1: MN-1 is critical .*can never be acknowledged/);
  });

  test('Validations.acknowledge with an empty reason or an unknown rule refuses synthesis', () => {
    const { stack, network } = buildCdkExample('alpha', new App());
    network.myNumber.node.tryRemoveChild('FlowLog');
    Validations.of(network.myNumber).acknowledge({ id: 'jichitai-guard::LOG-1', reason: 'ok' });
    Validations.of(stack).acknowledge({ id: 'jichitai-guard::XX-9', reason: 'A perfectly fine reason for a rule that does not exist.' });
    expect(() => Template.fromStack(stack)).toThrow(/cannot acknowledge jichitai-guard::LOG-1: the reason for acknowledging LOG-1 must say why[\s\S]*/);
    expect(() => Template.fromStack(stack)).toThrow(/cannot acknowledge jichitai-guard::XX-9: "XX-9" is not a guard rule/);
  });

  test('the α′ example acknowledges AP-5 through CDK: no warning, the vendor reasons as info and in the report', () => {
    const { stack } = buildCdkExample('alpha-prime', new App());
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    Annotations.fromStack(stack).hasInfo('*', Match.stringLikeRegexp('acknowledged \\(jichitai-guard::AP-5\\): .*AP-5 error.*Reason: Microsoft 365'));
  });

  describe('a warning-severity finding (no shipped rule has one today; a test rule stands in)', () => {
    let remove: () => void;
    beforeAll(() => remove = addTestWarningRule());
    afterAll(() => remove());

    test('is a CDK warning with the stable ID jichitai-guard::<rule>, on the finding\'s construct', () => {
      const { stack, network } = buildCdkExample('alpha', new App());
      const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('TEST-W1'));
      expect(warnings.map((w) => w.id).sort()).toEqual(['/SampleCity-alpha/Network/Internet/Vpc', '/SampleCity-alpha/Network/Lgwan/Vpc', '/SampleCity-alpha/Network/MyNumber/Vpc']);
      expect(String(warnings[0].entry.data)).toMatch(/TEST-W1 warning .*Validations\.of\(scope\)\.acknowledge\(\{ id: 'jichitai-guard::TEST-W1', reason \}\).* \[ack: jichitai-guard::TEST-W1\]$/);
      expect(network).toBeDefined();
    });

    test('Validations.acknowledge at a scope silences the warnings under it, and the report lists them with the reason', () => {
      const dir = outdir();
      const app = new App({ outdir: dir });
      const { stack, network } = buildCdkExample('alpha', app);
      const reason = 'The test rule warns about every VPC; this one is fine by construction.';
      Validations.of(network.lgwan).acknowledge({ id: 'jichitai-guard::TEST-W1', reason });
      const assembly = app.synth();
      const warnings = assembly.getStackByName(stack.stackName).messages.filter((m) => m.level === 'warning').map((m) => m.id).sort();
      expect(warnings).toEqual(['/SampleCity-alpha/Network/Internet/Vpc', '/SampleCity-alpha/Network/MyNumber/Vpc']);
      const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
      expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'TEST-W1', reason, path: 'SampleCity-alpha/Network/Lgwan/Vpc' })]);
      expect(report.warnings.map((w: { path: string }) => w.path)).toEqual(['SampleCity-alpha/Network/Internet/Vpc', 'SampleCity-alpha/Network/MyNumber/Vpc']);
    });

    test('silenced by Annotations.acknowledgeWarning (no reason kept) it refuses synthesis instead of vanishing from the report', () => {
      const { stack, network } = buildCdkExample('alpha', new App());
      CoreAnnotations.of(network.lgwan).acknowledgeWarning('jichitai-guard::TEST-W1', 'whatever');
      expect(() => Template.fromStack(stack)).toThrow(/\[SampleCity-alpha\/Network\/Lgwan\/Vpc\] TEST-W1: jichitai-guard::TEST-W1 was acknowledged without a reason/);
    });
  });

  test('apply() guards a stack built by hand from raw L1 resources, reading segments from tags', () => {
    const app = new App();
    const stack = new Stack(app, 'HandMade');
    cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.9.0.0/16' });
    Tags.of(vpc).add('jichitai:segment', 'MY_NUMBER');
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.9.0.0/24' });
    const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: vpc.ref });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Assoc', { subnetId: subnet.ref, routeTableId: table.ref });
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    new ec2.CfnVPCGatewayAttachment(stack, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnRoute(stack, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    new ec2.CfnFlowLog(stack, 'Flow', { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    expect(() => app.synth()).toThrow(/\[HandMade\/Subnet\] MN-1 critical \(マイナンバー利用事務系 → インターネット\): .*subnet HandMade\/Subnet \(10\.9\.0\.0\/24\) → HandMade\/Table 0\.0\.0\.0\/0 → igw HandMade\/Igw/);
  });

  test('apply() on an app guards the stacks added after it', () => {
    const app = new App();
    cdk.TopologyGuard.apply(app, { model: NetworkModel.BETA });
    const stack = new Stack(app, 'Later');
    new ec2.CfnVPC(stack, 'Unlabelled', { cidrBlock: '10.8.0.0/16' });
    expect(() => app.synth()).toThrow(/\[Later\/Unlabelled\] GUARD-1 critical \(三層の対策\): the VPC has no segment label/);
  });

  test('a path through another stack of the same app (cross-stack references) is followed and refused', () => {
    const app = new App();
    const { network } = buildCdkExample('alpha', app);
    const other = new Stack(app, 'AddedLater', { env: { region: 'ap-northeast-1' } });
    const vpc = network.myNumber.node.findChild('Vpc') as ec2.CfnVPC;
    // The endpoint subnets have no segment NACL, so the route alone decides.
    const table = network.myNumber.node.findChild('RouteTable-endpoints-1') as ec2.CfnRouteTable;
    const igw = new ec2.CfnInternetGateway(other, 'Igw');
    new ec2.CfnVPCGatewayAttachment(other, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnRoute(other, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    // The route and gateway live in the unguarded stack; the guarded one reports them, and the hop list crosses stacks.
    expect(message).toMatch(/\[AddedLater\/Igw\] MN-1 critical .*attached to the My Number VPC/);
    expect(message).toMatch(/\[SampleCity-alpha\/Network\/MyNumber\/Subnet-endpoints-1\] MN-1 critical .*→ igw AddedLater\/Igw/);
    expect(message).not.toMatch(/GUARD-1/);
  });

  test('guarded stacks connected by cross-stack references share one extraction and one reachability per synthesis (linear, not quadratic)', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: { region: 'ap-northeast-1' } });
    const tgw = new ec2.CfnTransitGateway(shared, 'Tgw', {});
    for (const name of ['One', 'Two', 'Three']) {
      const stack = new Stack(app, name, { env: { region: 'ap-northeast-1' } });
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.9.0.0/16', tags: [{ key: 'jichitai:segment', value: 'INTERNET' }] });
      const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.9.0.0/24' });
      new ec2.CfnTransitGatewayAttachment(stack, 'Attach', { transitGatewayId: tgw.ref, vpcId: vpc.ref, subnetIds: [subnet.ref] });
      cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA });
    }
    const extract = jest.spyOn(extractCfn, 'extractCloudFormation');
    const explore = jest.spyOn(Reachability.prototype, 'arrivals');
    try {
      app.synth({ force: true });
    } catch {
      // Findings (no flow logs, ...) do not matter here: how often the connected set was read does.
    }
    expect(extract.mock.calls.map((c) => Object.keys(c[0]).sort().join(','))).toEqual(['One,Shared,Three,Two']);
    // One reachability for the three checks.
    expect(new Set(explore.mock.contexts).size).toBe(1);
    extract.mockRestore();
    explore.mockRestore();
  });

  test('guarded stacks connected to each other share one reachability, and a path into another guarded stack is refused, each finding by the stack holding it', () => {
    const app = new App();
    const { network } = buildCdkExample('alpha', app);
    // A second guarded stack (another model) holding an internet gateway the alpha stack's My Number table routes to.
    const other = new Stack(app, 'OtherTown', { env: { region: 'ap-northeast-1' } });
    const otherVpc = new ec2.CfnVPC(other, 'Vpc', { cidrBlock: '10.77.0.0/16', tags: [{ key: 'jichitai:segment', value: 'INTERNET' }] });
    cdk.TopologyGuard.apply(other, { model: NetworkModel.BETA_PRIME });
    const vpc = network.myNumber.node.findChild('Vpc') as ec2.CfnVPC;
    const table = network.myNumber.node.findChild('RouteTable-endpoints-1') as ec2.CfnRouteTable;
    const igw = new ec2.CfnInternetGateway(other, 'Igw');
    new ec2.CfnVPCGatewayAttachment(other, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnVPCGatewayAttachment(other, 'AttachOwn', { vpcId: otherVpc.ref, internetGatewayId: new ec2.CfnInternetGateway(other, 'OwnIgw').ref });
    new ec2.CfnRoute(other, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    // The alpha stack reports the path from its subnet; the other stack reports the gateway it holds, once.
    expect(message).toMatch(/\[SampleCity-alpha\/Network\/MyNumber\/Subnet-endpoints-1\] MN-1 critical .*→ igw OtherTown\/Igw/);
    expect(message.match(/\[OtherTown\/Igw\] MN-1 critical [^\n]*attached to the My Number VPC/g)).toHaveLength(1);
  });

  test('networks of different models in one stack are each judged by their own model (the α′ breakout passes beside an α network)', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const stack = new Stack(app, 'Prefecture', { env: { region: 'ap-northeast-1' } });
    for (const i of [0, 1]) {
      const bp = generatedBlueprint(i); // α, then α′
      const network = new cdk.MunicipalNetwork(stack, `Town${i}`, bp);
      const reason = breakoutPortReason(bp);
      if (reason) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
    }
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'jichitai-guard-report.Prefecture.json'), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.models.map((m: { scope: string; model: string }) => `${m.scope} ${m.model}`)).toEqual(['Prefecture/Town0 ALPHA', 'Prefecture/Town1 ALPHA_PRIME']);
  });

  test('a stack guarded twice with different models is an error', () => {
    const { stack } = buildCdkExample('alpha', new App());
    expect(() => cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA })).toThrow(/already guarded as ALPHA/);
  });

  test('the untouched example carries no guard warning', () => {
    const { stack } = buildCdkExample('beta-prime', new App());
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('jichitai-guard'));
  });
});

describe('a stack of the app that no guard reads (GUARD-1)', () => {
  // The My Number VPC's ids reach a second stack without a CDK reference (an SSM parameter, a hand-written import): its
  // internet gateway and default route were never read.
  const sibling = (how: 'ssm' | 'import' | 'literal' | 'own' | 'guarded' | 'direct') => {
    const app = new App({ outdir: outdir() });
    const { network } = buildCdkExample('alpha', app);
    const vpc = network.myNumber.vpc;
    const rt = vpc.selectSubnets(network.myNumber.workloadSubnets).subnets[0].routeTable.routeTableId;
    const other = new Stack(app, 'Workload', { env: { region: 'ap-northeast-1' } });
    const own = how === 'own' ? new ec2.CfnVPC(other, 'OwnVpc', { cidrBlock: '192.168.0.0/16' }) : undefined;
    const ownRt = own ? new ec2.CfnRouteTable(other, 'OwnRt', { vpcId: own.ref }) : undefined;
    const [vpcId, rtId] = how === 'ssm' ? [ssm.StringParameter.valueForStringParameter(other, '/net/mn/vpc'), ssm.StringParameter.valueForStringParameter(other, '/net/mn/rt')]
      : how === 'import' ? [Fn.importValue('MnVpcId'), Fn.importValue('MnRtId')]
        : how === 'literal' ? ['vpc-0123456789abcdef0', 'rtb-0123456789abcdef0']
          : own ? [own.ref, ownRt!.ref] : [vpc.vpcId, rt];
    const igw = new ec2.CfnInternetGateway(other, 'Igw');
    new ec2.CfnVPCGatewayAttachment(other, 'IgwAtt', { vpcId, internetGatewayId: igw.ref });
    new ec2.CfnRoute(other, 'Out', { routeTableId: rtId, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    new s3.CfnBucket(other, 'Bucket');
    if (how === 'guarded') cdk.TopologyGuard.apply(other, { model: NetworkModel.ALPHA });
    return app;
  };
  const errors = (app: App) => refusals(() => app.synth());

  test.each(['ssm', 'import', 'literal'] as const)('its ids from outside (%s): refused, naming the stack and what it names', (how) => {
    const found = errors(sibling(how));
    expect(found).toEqual([expect.stringMatching(/^\[SampleCity-alpha\] \[Workload\] GUARD-1 critical \(三層の対策\): stack Workload is deployed with the guarded stacks, but no guard reads it .*Out.*Fix: guard it too/)]);
    if (how === 'literal') expect(found[0]).toMatch(/IgwAtt VpcId → vpc-0123456789abcdef0/);
  });

  test('a stack that names nothing outside itself (its own VPC, a bucket), one a guard reads, one linked by a reference: no such finding', () => {
    expect(errors(sibling('own'))).toEqual([]);
    // Guarded, it is read by its own guard (an unlabelled VPC is its own finding there).
    expect(errors(sibling('guarded')).join('\n')).not.toMatch(/no guard reads it/);
    // Linked by a CDK reference: read together with the guarded stack, which refuses the gateway on its own terms.
    expect(errors(sibling('direct'))).toEqual([expect.stringMatching(/\[Workload\/Igw\] MN-1 critical/)]);
  });

  test('worded in Japanese', () => {
    const app = new App({ outdir: outdir() });
    new cdk.MunicipalNetwork(new Stack(app, 'SampleCity-alpha', { env: { region: 'ap-northeast-1' } }), 'Network', { ...BLUEPRINTS.alpha, language: GuardLanguage.JAPANESE });
    const other = new Stack(app, 'Workload', { env: { region: 'ap-northeast-1' } });
    new ec2.CfnInternetGateway(other, 'Igw');
    new ec2.CfnVPCGatewayAttachment(other, 'IgwAtt', { vpcId: 'vpc-0123456789abcdef0', internetGatewayId: 'igw-0123456789abcdef0' });
    const found = errors(app);
    expect(found).toEqual([expect.stringMatching(/\[Workload\] GUARD-1 重大（三層の対策）: スタック Workload はガード対象のスタックと一緒にデプロイされるが/)]);
    expect(englishRun(found[0])).toBeUndefined();
  });
});
