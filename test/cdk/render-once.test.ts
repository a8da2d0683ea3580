import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnOutput, CfnParameter, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { renderTemplate } from '../../src/cdk/render-once';

/**
 * The guard renders each guarded stack once and the synthesizer writes that render (src/cdk/render-once.ts). These
 * tests hold it to "the written template is byte for byte what a full render writes", and check that the reuse really
 * happens (one render per stack), so that neither a stale template nor a silent second render goes unnoticed.
 */

type Renderable = { _toCloudFormation(): any };
const prototypeRender = (Stack.prototype as unknown as Renderable)._toCloudFormation;

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-render-'));
}

/** Every template file of a synthesized assembly, by file name. */
function templates(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort()
    .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

/** A full render, bypassing the kept one. */
function fullRender(stack: Stack): any {
  return prototypeRender.call(stack);
}

afterEach(() => jest.restoreAllMocks());

describe('the guard renders each stack once (AWS CDK)', () => {
  test.each(Object.keys(BLUEPRINTS))('example %s: the guarded synthesis writes the same bytes as an unguarded one, rendering the stack once', (name) => {
    const plain = buildCdkExample(name, new App({ outdir: outdir() })).app;
    const unguarded = plain.synth({ skipValidation: true });

    const renders = jest.spyOn(Stack.prototype as unknown as Renderable, '_toCloudFormation');
    const app = buildCdkExample(name, new App({ outdir: outdir() })).app;
    const guarded = app.synth();

    expect(guarded.stacks).toHaveLength(unguarded.stacks.length);
    // One render per stack: the guard's, handed to the synthesizer (two would mean the reuse silently stopped working).
    expect(renders).toHaveBeenCalledTimes(guarded.stacks.length);
    const written = templates(guarded.directory);
    expect(Object.keys(written)).toEqual(Object.keys(templates(unguarded.directory)));
    expect(written).toEqual(templates(unguarded.directory));
    // The synthesizer's own additions after validation are in the written template.
    expect(JSON.parse(Object.values(written)[0]).Rules?.CheckBootstrapVersion).toBeDefined();
  });

  test('stacks linked by cross-stack references are each written as a full render would write them', () => {
    const build = (app: App) => {
      const { network } = buildCdkExample('alpha', app);
      const other = new Stack(app, 'Shared', { env: { region: 'ap-northeast-1' } });
      const vpc = network.lgwan.node.findChild('Vpc') as ec2.CfnVPC;
      new CfnOutput(other, 'LgwanVpc', { value: vpc.ref });
      // A template needs a resource (aws-cdk-lib's post-synthesis validation warns otherwise): one that touches no network.
      new CfnWaitConditionHandle(other, 'Marker');
      return app;
    };
    const unguarded = build(new App({ outdir: outdir() })).synth({ skipValidation: true });
    const guarded = build(new App({ outdir: outdir() })).synth();
    expect(Object.keys(templates(guarded.directory))).toHaveLength(2);
    expect(templates(guarded.directory)['Shared.template.json']).toMatch(/Fn::ImportValue/);
    expect(templates(guarded.directory)).toEqual(templates(unguarded.directory));
  });

  describe('the kept render is handed back only while it holds', () => {
    function handMade(): Stack {
      const stack = new Stack(new App(), 'HandMade', { description: 'first' });
      new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      new ec2.CfnInternetGateway(stack, 'Igw');
      new CfnParameter(stack, 'Existing', { type: 'String', default: 'x' });
      return stack;
    }
    const render = (stack: Stack) => (stack as unknown as Renderable)._toCloudFormation();

    test('unchanged: the kept template itself, once', () => {
      const stack = handMade();
      const { template } = renderTemplate(stack);
      expect(render(stack)).toBe(template);
      // The second call renders afresh.
      const second = render(stack);
      expect(second).not.toBe(template);
      expect(second).toEqual(template);
    });

    test('parameters and rules added afterwards (what the synthesizer adds) are merged where a full render puts them', () => {
      const stack = handMade();
      renderTemplate(stack);
      new CfnParameter(stack, 'Added', { type: 'Number', default: 1 });
      const merged = render(stack);
      const full = fullRender(stack);
      expect(JSON.stringify(merged)).toEqual(JSON.stringify(full));
      expect(Object.keys(merged.Parameters)).toEqual(['Existing', 'Added']);
    });

    test('anything else changed after the check (a resource added, an element removed or replaced, a new template option) '
      + 'fails the synthesis: the guard never lets an unchecked template be written', () => {
      const added = handMade();
      renderTemplate(added);
      new ec2.CfnEIP(added, 'Eip', { domain: 'vpc' });
      expect(() => render(added)).toThrow(/GUARD-1 .*not what the topology guard checked: .*Eip was added to the template's Resources section/);

      const removed = handMade();
      renderTemplate(removed);
      removed.node.tryRemoveChild('Igw');
      expect(() => render(removed)).toThrow(/elements were removed, replaced or reordered/);

      const described = handMade();
      renderTemplate(described);
      described.templateOptions.description = 'second';
      expect(() => render(described)).toThrow(/its template options \(description, transforms, metadata\) changed/);

      const replaced = handMade();
      renderTemplate(replaced);
      replaced.node.tryRemoveChild('Vpc');
      new ec2.CfnVPC(replaced, 'Vpc', { cidrBlock: '10.9.0.0/16' });
      expect(() => render(replaced)).toThrow(/elements were removed, replaced or reordered/);

      // Without a check in this synthesis (validation skipped), the stack renders as it is.
      expect(render(replaced).Resources.Vpc.Properties.CidrBlock).toBe('10.9.0.0/16');
    });

    test('nothing is kept after the synthesizer ran, nor past the current job', async () => {
      const renders = jest.spyOn(Stack.prototype as unknown as Renderable, '_toCloudFormation');
      const { app, stack } = buildCdkExample('beta', new App({ outdir: outdir() }));
      app.synth();
      expect(renders).toHaveBeenCalledTimes(1);
      render(stack);
      expect(renders).toHaveBeenCalledTimes(2);

      // A validation that no synthesis follows (e.g. a refusal elsewhere): the render is dropped when the job ends.
      const lone = handMade();
      renderTemplate(lone);
      await Promise.resolve();
      (lone.node.findChild('Vpc') as ec2.CfnVPC).cidrBlock = '10.9.0.0/16';
      expect(render(lone).Resources.Vpc.Properties.CidrBlock).toBe('10.9.0.0/16');
    });

    test('a property changed between two syntheses is written by the second one', () => {
      // The reuse relies on nothing changing existing elements between validation and the synthesizer's render (which
      // aws-cdk-lib does not do); every synthesis validates, and so renders, again.
      const { app, stack } = buildCdkExample('beta', new App({ outdir: outdir() }));
      app.synth();
      const vpc = stack.node.findAll().find((c): c is ec2.CfnVPC => c instanceof ec2.CfnVPC)!;
      vpc.enableDnsHostnames = false;
      const again = app.synth({ force: true });
      const written = JSON.parse(fs.readFileSync(path.join(again.directory, stack.templateFile), 'utf8'));
      expect(written.Resources[stack.getLogicalId(vpc)].Properties.EnableDnsHostnames).toBe(false);
    });
  });
});
