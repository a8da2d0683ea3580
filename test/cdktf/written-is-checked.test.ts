/**
 * What cdktf writes is what the guard checked (outside tester, red team 37): a construct's validation or a custom
 * synthesis hook runs after the guard's check of its stack and could add resources that were written unchecked; a
 * stack added to an app after `TopologyGuard.apply(app)` was never guarded; an unguarded stack's aspects run in its own
 * synthesizer, after the guarded stack had read it. Each is now refused. (A Terraform file written beside cdk.tf.json:
 * render-once.test.ts.)
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, Aspects, IAspect, TerraformStack } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct, IConstruct } from 'constructs';
import { buildTfExample, offlineTokyoStack } from '../../examples/tf/_app';
import { NetworkModel, tf } from '../../src';

const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tf-written-checked-'));
const find = <T>(scope: Construct, suffix: string): T => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as unknown as T;

/** An internet gateway on the example's My Number VPC and a default route to it from one of its tables: MN-1. */
function openMyNumber(network: Construct, scope: Construct): void {
  const igw = new InternetGateway(scope, 'LateIgw', { vpcId: find<Vpc>(network, 'MyNumber/Vpc').id });
  new Route(scope, 'LateOut', { routeTableId: find<RouteTable>(network, 'MyNumber/RouteTable-endpoints-1').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
}

const written = (app: App, stack: TerraformStack) => path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json');

test('added directly: MN-1 (the setting of the tests below)', () => {
  const app = new App({ outdir: outdir() });
  const { stack } = buildTfExample('alpha', app);
  openMyNumber(stack, stack);
  expect(() => app.synth()).toThrow(/MN-1 critical/);
});

test('added by a construct\'s validation (run after the stack\'s guard): refused, nothing written', () => {
  const app = new App({ outdir: outdir() });
  const { stack } = buildTfExample('alpha', app);
  const sneaky = new Construct(stack, 'Sneaky');
  sneaky.node.addValidation({ validate: () => { openMyNumber(stack, sneaky); return []; } });
  expect(() => app.synth()).toThrow(/GUARD-1 .*not what the topology guard checked: elements were added/);
  expect(fs.existsSync(written(app, stack))).toBe(false);
});

test('added by a custom synthesis hook (run after validation): refused, nothing written', () => {
  const app = new App({ outdir: outdir() });
  const { stack } = buildTfExample('alpha', app);
  const sneaky = new Construct(stack, 'Sneaky');
  addCustomSynthesis(sneaky, { onSynthesize: () => openMyNumber(stack, sneaky) });
  expect(() => app.synth()).toThrow(/elements were added, removed or replaced/);
  expect(fs.existsSync(written(app, stack))).toBe(false);
});

test('TopologyGuard.apply(app), then a stack added: that stack is guarded too (MN-1)', () => {
  const app = new App({ outdir: outdir() });
  buildTfExample('alpha', app);
  tf.TopologyGuard.apply(app, { model: NetworkModel.ALPHA });
  // A bare stack added after: only apply(app) can cover it.
  const late = offlineTokyoStack(app, 'Late');
  const vpc = new Vpc(late, 'Vpc', { cidrBlock: '10.9.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } });
  const igw = new InternetGateway(late, 'Igw', { vpcId: vpc.id });
  const table = new RouteTable(late, 'Table', { vpcId: vpc.id });
  new Route(late, 'Out', { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
  expect(() => app.synth()).toThrow(/MN-1 critical/);
});

test('an unguarded stack whose aspect adds resources naming what lies outside it: read after its aspects ran (GUARD-1)', () => {
  const build = (viaAspect: boolean) => {
    const app = new App({ outdir: outdir() });
    buildTfExample('alpha', app);
    const other = offlineTokyoStack(app, 'Workload');
    const add = (s: IConstruct) => {
      const igw = new InternetGateway(s, 'Igw', { vpcId: 'vpc-0123456789abcdef0' });
      new Route(s, 'Out', { routeTableId: 'rtb-0123456789abcdef0', destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    };
    if (viaAspect) {
      let done = false;
      Aspects.of(other).add({ visit: (n: IConstruct) => { if (!done && n === other) { done = true; add(other); } } } as IAspect);
    } else {
      add(other);
    }
    return app;
  };
  expect(() => build(false).synth()).toThrow(/no guard reads it/);
  expect(() => build(true).synth()).toThrow(/no guard reads it/);
});
