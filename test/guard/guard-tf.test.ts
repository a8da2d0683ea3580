import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DataAwsRouteTable } from '@cdktf/provider-aws/lib/data-aws-route-table';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformStack, Testing } from 'cdktf';
import { find } from './mutation-suite';
import { breakoutPortReason } from '../../examples/blueprints';
import { buildTfExample, offlineTokyoStack } from '../../examples/tf/_app';
import { generatedBlueprint } from '../../scripts/bench-apps';
import { NetworkModel, tf } from '../../src';
import { refusals } from '../support/refusals';
import { transpileRepository } from '../support/transpiled';

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-guard-tf-'));
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))).sort();
}

/** The α example with its My Number flow log removed (LOG-1) and an unlabelled VPC added (SEG-1). */
function brokenAlpha(app: App) {
  const built = buildTfExample('alpha', app);
  built.network.myNumber.node.tryRemoveChild('FlowLog');
  new Vpc(built.stack, 'Stray', { enableDnsSupport: false, cidrBlock: '192.168.0.0/24' });
  return built;
}

describe('TopologyGuard (CDKTF)', () => {
  // The child processes below run the repository's code as JavaScript transpiled once (test/support/transpiled.ts),
  // not through ts-node in each child.
  let compiled: string | undefined;
  const transpiled = () => (compiled ??= transpileRepository(outdir()));
  afterAll(() => {
    if (compiled && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(compiled, { recursive: true, force: true });
  });

  test.each(['alpha', 'alpha-prime', 'beta', 'beta-prime'])('the untouched %s example passes Testing.synth(stack, true) and Testing.fullSynth', (name) => {
    const { stack } = buildTfExample(name, Testing.app());
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const dir = Testing.fullSynth(stack);
    expect(filesUnder(dir)).toContain(`stacks/${stack.node.id}/cdk.tf.json`);
  });

  test('Testing.synth(stack, true) refuses, listing every violation at once with rule, path and fix', () => {
    const { stack } = brokenAlpha(Testing.app());
    let message = '';
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/\[SampleCity-alpha\/Network\/MyNumber\/Vpc\] LOG-1 error \(ログ管理\): .* Fix: /);
    expect(message).toMatch(/\[SampleCity-alpha\/Stray\] GUARD-1 critical \(三層の対策\): the VPC has no segment label/);
  });

  test('Testing.fullSynth refuses too', () => {
    const { stack } = brokenAlpha(Testing.app());
    expect(() => Testing.fullSynth(stack)).toThrow(/LOG-1 error/);
  });

  test('app.synth() refuses before the stack configuration is written', () => {
    const dir = outdir();
    const app = new App({ outdir: dir, skipValidation: false });
    brokenAlpha(app);
    expect(() => app.synth()).toThrow(/GUARD-1 critical/);
    expect(filesUnder(dir).filter((f) => f.endsWith('cdk.tf.json') || f === 'manifest.json')).toEqual([]);
  });

  test('a CDKTF app process that calls app.synth() (what `cdktf synth` runs) exits non-zero and writes nothing', () => {
    const dir = outdir();
    const script = path.join(dir, 'main.js');
    const root = path.resolve(__dirname, '..', '..');
    const js = transpiled();
    fs.writeFileSync(script, [
      `const { App } = require('${path.join(root, 'node_modules', 'cdktf')}');`,
      `const { buildTfExample } = require('${path.join(js, 'examples', 'tf', '_app')}');`,
      `const app = new App({ outdir: ${JSON.stringify(path.join(dir, 'out'))} });`,
      'const { network } = buildTfExample(\'beta\', app);',
      'network.internet.node.tryRemoveChild(\'FlowLog\');',
      'app.synth();',
    ].join('\n'));
    let failed: { status: number | null; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [script], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      failed = e as { status: number | null; stderr: string };
    }
    expect(failed?.status).not.toBe(0);
    expect(failed?.stderr).toMatch(/\[SampleCity-beta\/Network\/Internet\/Vpc\] LOG-1 error/);
    expect(filesUnder(path.join(dir, 'out')).filter((f) => f.endsWith('cdk.tf.json'))).toEqual([]);
  });

  test('critical rules cannot be acknowledged, and a reason must say something', () => {
    const { stack } = buildTfExample('alpha', Testing.app());
    expect(() => tf.TopologyGuard.acknowledge(stack, 'MN-2', 'The auditor agreed to this exception in writing.')).toThrow(/MN-2 is critical.*can never be acknowledged/);
    expect(() => tf.TopologyGuard.acknowledge(stack, 'LOG-1', 'n/a')).toThrow(/reason for acknowledging LOG-1 must say why/);
  });

  test('an acknowledged finding synthesizes with an info annotation (no warning) and is written to the report next to cdk.tf.json', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildTfExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    tf.TopologyGuard.acknowledge(network.myNumber, 'LOG-1', reason);
    app.synth();
    const stackDir = path.join(dir, 'stacks', stack.node.id);
    expect(fs.existsSync(path.join(stackDir, 'cdk.tf.json'))).toBe(true);
    const report = JSON.parse(fs.readFileSync(path.join(stackDir, `jichitai-guard-report.${stack.node.id}.json`), 'utf8'));
    expect(report).toEqual(expect.objectContaining({ engine: 'terraform', model: 'ALPHA', violations: [] }));
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'LOG-1', reason, path: `${network.myNumber.node.path}/Vpc` })]);
    const infos = stack.node.metadata.filter((m) => m.type === '@cdktf/info').map((m) => String(m.data));
    expect(infos.join('\n')).toContain(`acknowledged: [${network.myNumber.node.path}/Vpc] LOG-1`);
    expect(stack.node.metadata.filter((m) => m.type === '@cdktf/warn')).toEqual([]);
  });

  test('a plain app.synth() (node main.js, no cdktf CLI) prints each guard warning once, in order, to stderr', () => {
    const dir = outdir();
    const root = path.join(__dirname, '..', '..');
    const synth = (cdktfCli: boolean) => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      if (cdktfCli) env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
      return spawnSync(process.execPath, [path.join(transpiled(), 'test', 'fixtures', 'tf-plain-synth.js'), dir], { cwd: root, encoding: 'utf8', env });
    };
    const plain = synth(false);
    expect(plain.status).toBe(0);
    const lines = plain.stderr.split('\n').filter((l) => l.includes('TEST-W1'));
    expect(lines).toEqual(['Internet', 'Lgwan', 'MyNumber'].map((segment) => expect.stringMatching(
      new RegExp(`^\\[WARN\\] \\[Plain\\] \\[Plain/Network/${segment}/Vpc\\] TEST-W1 warning \\(三層の対策\\): test warning\\.`))));
    expect(fs.existsSync(path.join(dir, 'stacks', 'Plain', 'cdk.tf.json'))).toBe(true);
    // Under the cdktf CLI (which sets this variable and prints the manifest's annotations itself) nothing is printed twice.
    const cli = synth(true);
    expect(cli.status).toBe(0);
    expect(cli.stderr).not.toMatch(/TEST-W1/);
  });

  test('apply() guards a stack built by hand, reading segments from tags', () => {
    const stack = new TerraformStack(Testing.app(), 'HandMade');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
    tf.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    const vpc = new Vpc(stack, 'Vpc', { enableDnsSupport: false, cidrBlock: '10.9.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } });
    const subnet = new Subnet(stack, 'Subnet', { vpcId: vpc.id, cidrBlock: '10.9.0.0/24' });
    const table = new RouteTable(stack, 'Table', { vpcId: vpc.id });
    new RouteTableAssociation(stack, 'Assoc', { subnetId: subnet.id, routeTableId: table.id });
    new FlowLog(stack, 'Flow', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    const igw = new InternetGateway(stack, 'Igw', { vpcId: vpc.id });
    new Route(stack, 'Out', { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    expect(() => Testing.synth(stack, true)).toThrow(/\[HandMade\/Subnet\] MN-1 critical \(マイナンバー利用事務系 → インターネット\): .*subnet HandMade\/Subnet \(10\.9\.0\.0\/24\) → HandMade\/Table 0\.0\.0\.0\/0 → igw HandMade\/Igw/);
  });

  test('apply() on an app guards the stacks it holds, and says so when it holds none yet', () => {
    const app = Testing.app();
    expect(() => tf.TopologyGuard.apply(app, { model: NetworkModel.BETA })).toThrow(/holds no TerraformStack to guard/);
    const stack = new TerraformStack(app, 'Later');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
    new Vpc(stack, 'Unlabelled', { enableDnsSupport: false, cidrBlock: '10.8.0.0/16' });
    tf.TopologyGuard.apply(app, { model: NetworkModel.BETA });
    expect(() => Testing.synth(stack, true)).toThrow(/\[Later\/Unlabelled\] GUARD-1 critical \(三層の対策\): the VPC has no segment label/);
  });

  test('networks of different models in one stack are each judged by their own model: the α′ breakout passes, the same breakout in the α network does not', () => {
    const build = () => {
      const stack = offlineTokyoStack(Testing.app(), 'Prefecture');
      const networks = [0, 1].map((i) => {
        const bp = generatedBlueprint(i); // α, then α′
        const network = new tf.MunicipalNetwork(stack, `Town${i}`, bp);
        const reason = breakoutPortReason(bp);
        if (reason) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
        return network;
      });
      return { stack, networks };
    };
    const ok = build();
    const dir = Testing.fullSynth(ok.stack);
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'stacks', 'Prefecture', 'jichitai-guard-report.Prefecture.json'), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.models.map((m: { scope: string; model: string }) => `${m.scope} ${m.model}`)).toEqual(['Prefecture/Town0 ALPHA', 'Prefecture/Town1 ALPHA_PRIME']);

    // The α network's LGWAN reaching the internet through the α′ network's breakout is refused under α's rules.
    const bad = build();
    const alphaLgwan = find<RouteTable>(bad.networks[0].lgwan, '/RouteTable-workload-1');
    const igw = new InternetGateway(bad.stack, 'StrayIgw', { vpcId: find<Vpc>(bad.networks[0].lgwan, '/Vpc').id });
    new Route(bad.stack, 'StrayRoute', { routeTableId: alphaLgwan.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    expect(() => Testing.synth(bad.stack, true)).toThrow(/\[Prefecture\/Town0\/Lgwan\/[^\]]*\] [A-Z]+-\d+ (critical|error)/);
  });

  test('a stack guarded twice with different models is an error', () => {
    const { stack } = buildTfExample('alpha', Testing.app());
    expect(() => tf.TopologyGuard.apply(stack, { model: NetworkModel.BETA })).toThrow(/already guarded as ALPHA/);
  });
});

describe('a stack of the app that no guard reads (GUARD-1)', () => {
  // A second Terraform stack finds the My Number VPC and route table with data sources (or literal ids) and attaches an
  // internet gateway with a default route: it was never read.
  const sibling = (how: 'data' | 'literal' | 'own' | 'guarded') => {
    const app = Testing.app();
    buildTfExample('alpha', app);
    const other = offlineTokyoStack(app, 'Workload');
    const own = how === 'own' ? new Vpc(other, 'Own', { enableDnsSupport: false, cidrBlock: '192.168.0.0/16' }) : undefined;
    const ownRt = own ? new RouteTable(other, 'OwnRt', { vpcId: own.id }) : undefined;
    const [vpcId, rtId] = how === 'data'
      ? [new DataAwsVpc(other, 'Mn', { tags: { 'jichitai:segment': 'MY_NUMBER' } }).id, new DataAwsRouteTable(other, 'MnRt', { subnetId: 'subnet-0123456789abcdef0' }).id]
      : own ? [own.id, ownRt!.id] : ['vpc-0123456789abcdef0', 'rtb-0123456789abcdef0'];
    const igw = new InternetGateway(other, 'Igw', { vpcId });
    new Route(other, 'Out', { routeTableId: rtId, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    if (how === 'guarded') tf.TopologyGuard.apply(other, { model: NetworkModel.ALPHA });
    return app;
  };
  const errors = (app: App) => refusals(() => app.synth());

  test.each(['data', 'literal'] as const)('its VPC and route table from outside (%s): refused, naming the stack and what it names', (how) => {
    const found = errors(sibling(how));
    expect(found).toEqual([expect.stringMatching(/^\[SampleCity-alpha\] \[Workload\] GUARD-1 critical \(三層の対策\): stack Workload is deployed with the guarded stacks, but no guard reads it .*aws_internet_gateway\.Igw vpc_id → .*Fix: guard it too/)]);
    expect(found[0]).toMatch(how === 'data' ? /\$\{data\.aws_vpc\.Mn\.id\}/ : /vpc-0123456789abcdef0/);
  });

  test('a stack that names nothing outside itself, or one a guard reads: no such finding', () => {
    expect(errors(sibling('own'))).toEqual([]);
    expect(errors(sibling('guarded')).join('\n')).not.toMatch(/no guard reads it/);
  });
});
