/**
 * What the synthesizer writes is what the guard checked (outside tester, red team 37): aws-cdk-lib validates a stack
 * before what it holds, so a child's validation (or a stateful `Lazy`, or a synthesizer subclass rewriting the file)
 * could change the template after the guard had read it, and the change was written unchecked. So could a stack added
 * to an app after `TopologyGuard.apply(app)` was called. Each is now refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, DefaultStackSynthesizer, ISynthesisSession, Lazy, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { cdk, NetworkModel } from '../../src';

const outdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'written-checked-'));

/** The α example's My Number VPC and a route table of its segment. */
function myNumber(network: cdk.MunicipalNetwork): { vpc: ec2.CfnVPC; table: ec2.CfnRouteTable } {
  return { vpc: network.myNumber.node.findChild('Vpc') as ec2.CfnVPC, table: network.myNumber.node.findChild('RouteTable-endpoints-1') as ec2.CfnRouteTable };
}

/** An internet gateway on the My Number VPC and a default route to it: MN-1. */
function openMyNumber(scope: Construct, network: cdk.MunicipalNetwork, prefix = 'Late'): void {
  const { vpc, table } = myNumber(network);
  const igw = new ec2.CfnInternetGateway(scope, `${prefix}Igw`);
  new ec2.CfnVPCGatewayAttachment(scope, `${prefix}Attach`, { vpcId: vpc.ref, internetGatewayId: igw.ref });
  new ec2.CfnRoute(scope, `${prefix}Out`, { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
}

/** A stack of its own with a My Number VPC routed to an internet gateway. */
function openStack(stack: Stack): void {
  const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.9.0.0/16', tags: [{ key: 'jichitai:segment', value: 'MY_NUMBER' }] });
  const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.9.0.0/24' });
  const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: vpc.ref });
  new ec2.CfnSubnetRouteTableAssociation(stack, 'Assoc', { subnetId: subnet.ref, routeTableId: table.ref });
  const igw = new ec2.CfnInternetGateway(stack, 'Igw');
  new ec2.CfnVPCGatewayAttachment(stack, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
  new ec2.CfnRoute(stack, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
}

test('the route added directly is refused (MN-1): the setting of the tests below', () => {
  const app = new App({ outdir: outdir() });
  const { network } = buildCdkExample('alpha', app);
  openMyNumber(network, network);
  expect(() => app.synth()).toThrow(/MN-1 critical/);
});

test('added by a child construct\'s validation (which runs after the guard\'s): refused, and no template is written', () => {
  const app = new App({ outdir: outdir() });
  const { stack, network } = buildCdkExample('alpha', app);
  const sneaky = new Construct(stack, 'Sneaky');
  sneaky.node.addValidation({ validate: () => { openMyNumber(sneaky, network); return []; } });
  expect(() => app.synth()).toThrow(/GUARD-1 .*not what the topology guard checked: .*Sneaky\/LateIgw was added to the template's Resources section/);
  expect(fs.existsSync(path.join(app.outdir, stack.templateFile))).toBe(false);
});

describe('stateful Lazy values: tokens that resolve differently once the guard has checked the stack', () => {
  function build(description: boolean): { app: App; stack: Stack; route: ec2.CfnRoute; ownTable: ec2.CfnRouteTable } {
    const app = new App({ outdir: outdir() });
    const { stack, network } = buildCdkExample('alpha', app);
    const { vpc, table } = myNumber(network);
    const own = network.internet.node.findChild('Vpc') as ec2.CfnVPC;
    const ownTable = new ec2.CfnRouteTable(stack, 'OwnTable', { vpcId: own.ref });
    const igw = new ec2.CfnInternetGateway(stack, 'LazyIgw');
    // A child's validation runs after the stack's (the guard's): from then on the tokens name the My Number segment.
    let checked = false;
    new Construct(stack, 'Flip').node.addValidation({ validate: () => { checked = true; return []; } });
    const flip = (first: string, later: string) => Lazy.uncachedString({ produce: () => (checked ? later : first) });
    new ec2.CfnVPCGatewayAttachment(stack, 'LazyAttach', { vpcId: flip(own.ref, vpc.ref), internetGatewayId: igw.ref });
    const route = new ec2.CfnRoute(stack, 'LazyOut', { routeTableId: flip(ownTable.ref, table.ref), destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    if (description) stack.templateOptions.description = Lazy.uncachedString({ produce: () => (checked ? 'after' : 'before') });
    return { app, stack, route, ownTable };
  }

  test('the template written is the one checked (the Internet segment\'s table), not a later render', () => {
    const { app, stack, route, ownTable } = build(false);
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, stack.templateFile), 'utf8'));
    expect(written.Resources[stack.getLogicalId(route)].Properties.RouteTableId).toEqual({ Ref: stack.getLogicalId(ownTable) });
  });

  test('template options that render differently after the check: refused', () => {
    expect(() => build(true).app.synth()).toThrow(/its template options \(description, transforms, metadata\) changed/);
  });
});

test('a synthesizer subclass that rewrites the written template: refused', () => {
  class Rewriting extends DefaultStackSynthesizer {
    protected synthesizeTemplate(session: ISynthesisSession, ...rest: unknown[]): ReturnType<DefaultStackSynthesizer['synthesizeTemplate']> {
      const result = (super.synthesizeTemplate as (...a: unknown[]) => ReturnType<DefaultStackSynthesizer['synthesizeTemplate']>)(session, ...rest);
      const file = path.join(session.outdir, this.boundStack.templateFile);
      const template = JSON.parse(fs.readFileSync(file, 'utf8'));
      template.Resources.PostIgw = { Type: 'AWS::EC2::InternetGateway' };
      fs.writeFileSync(file, JSON.stringify(template, null, 1));
      return result;
    }
  }
  const app = new App({ outdir: outdir() });
  const stack = new Stack(app, 'Town', { synthesizer: new Rewriting(), env: { region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(stack, 'Network', BLUEPRINTS.alpha);
  expect(() => app.synth()).toThrow(/the synthesizer \(Rewriting\) wrote another template than the one checked/);
  // A subclass that writes what it is given passes.
  class Plain extends DefaultStackSynthesizer {}
  const plain = new App({ outdir: outdir() });
  new cdk.MunicipalNetwork(new Stack(plain, 'Town', { synthesizer: new Plain(), env: { region: 'ap-northeast-1' } }), 'Network', BLUEPRINTS.alpha);
  expect(() => plain.synth()).not.toThrow();
});

describe('reading the written template back: only where a synthesizer may have written another', () => {
  /** How often the guard read the stack's template file back during `app.synth()` (aws-cdk-lib reads it too, to hash it). */
  function readsOfTemplate(app: App, stack: Stack): number {
    const file = path.join(app.outdir, stack.templateFile);
    // The module object itself: the namespace `import * as fs` makes has getters a spy cannot replace.
    const real = jest.requireActual<typeof fs>('fs');
    const read = real.readFileSync;
    let byGuard = 0;
    const spy = jest.spyOn(real, 'readFileSync').mockImplementation(((p: fs.PathOrFileDescriptor, o?: unknown) => {
      if (p === file && /verifyWritten/.test(new Error().stack ?? '')) byGuard++;
      return (read as (p: fs.PathOrFileDescriptor, o?: unknown) => unknown)(p, o);
    }) as typeof real.readFileSync);
    try {
      app.synth();
      return byGuard;
    } finally {
      spy.mockRestore();
    }
  }

  test('aws-cdk-lib\'s own synthesizer (bound with reusableBind, so its prototype is an instance): not read back', () => {
    const app = new App({ outdir: outdir() });
    const { stack } = buildCdkExample('alpha', app);
    expect(Object.getPrototypeOf(stack.synthesizer)).not.toBe(DefaultStackSynthesizer.prototype);
    expect(readsOfTemplate(app, stack)).toBe(0);
  });

  test('a function set on the synthesizer instance that rewrites the file: read back and refused', () => {
    const app = new App({ outdir: outdir() });
    const synthesizer = new DefaultStackSynthesizer();
    const own = (synthesizer as unknown as { synthesizeTemplate: (...a: unknown[]) => unknown }).synthesizeTemplate;
    Object.assign(synthesizer, {
      synthesizeTemplate(this: DefaultStackSynthesizer, session: ISynthesisSession, ...rest: unknown[]) {
        const result = own.call(this, session, ...rest);
        const file = path.join(session.outdir, this.boundStack.templateFile);
        const template = JSON.parse(fs.readFileSync(file, 'utf8'));
        template.Resources.PostIgw = { Type: 'AWS::EC2::InternetGateway' };
        fs.writeFileSync(file, JSON.stringify(template, null, 1));
        return result;
      },
    });
    const stack = new Stack(app, 'Town', { synthesizer, env: { region: 'ap-northeast-1' } });
    new cdk.MunicipalNetwork(stack, 'Network', BLUEPRINTS.alpha);
    expect(() => readsOfTemplate(app, stack)).toThrow(/the synthesizer \(DefaultStackSynthesizer\) wrote another template than the one checked/);
  });

  test('a synthesizer subclass that writes what it is given: read back (and passes)', () => {
    class Plain extends DefaultStackSynthesizer {}
    const app = new App({ outdir: outdir() });
    const stack = new Stack(app, 'Town', { synthesizer: new Plain(), env: { region: 'ap-northeast-1' } });
    new cdk.MunicipalNetwork(stack, 'Network', BLUEPRINTS.alpha);
    expect(readsOfTemplate(app, stack)).toBe(1);
  });
});

describe('TopologyGuard.apply(app) on an app that already holds stacks', () => {
  test.each([
    ['a stack', (app: App) => openStack(new Stack(app, 'AddedAfterApply'))],
    ['a stage\'s stack', (app: App) => openStack(new Stack(new Stage(app, 'Prod'), 'InStage'))],
  ])('%s added afterwards is guarded too (MN-1)', (_what, add) => {
    const app = new App({ outdir: outdir() });
    buildCdkExample('alpha', app);
    cdk.TopologyGuard.apply(app, { model: NetworkModel.ALPHA });
    add(app);
    expect(() => app.synth()).toThrow(/MN-1 critical/);
  });
});
