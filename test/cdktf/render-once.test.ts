import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformStack, Testing } from 'cdktf';
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildTfExample } from '../../examples/tf/_app';
import { renderConfig } from '../../src/cdktf/render-once';

/**
 * The guard renders each guarded stack once and cdktf writes that render (src/cdktf/render-once.ts). These tests hold
 * it to "cdk.tf.json is byte for byte what an unguarded synthesis writes", and check that the reuse really happens.
 */

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-render-tf-'));
}

/** Every stack's cdk.tf.json under a cdktf.out folder, by stack. */
function configs(dir: string): Record<string, string> {
  const stacks = path.join(dir, 'stacks');
  return Object.fromEntries(fs.readdirSync(stacks).sort().map((s) => [s, fs.readFileSync(path.join(stacks, s, 'cdk.tf.json'), 'utf8')]));
}

afterEach(() => jest.restoreAllMocks());

describe('the guard renders each stack once (CDKTF)', () => {
  test.each(Object.keys(BLUEPRINTS))('example %s: the guarded synthesis writes the same cdk.tf.json as an unguarded one, rendering the stack once', (name) => {
    const plain = new App({ outdir: outdir(), skipValidation: true });
    buildTfExample(name, plain);
    plain.synth();

    const renders = jest.spyOn(TerraformStack.prototype, 'toTerraform');
    const app = new App({ outdir: outdir() });
    buildTfExample(name, app);
    app.synth();

    // One render per stack: the guard's, handed to the synthesizer (two would mean the reuse silently stopped working).
    expect(renders).toHaveBeenCalledTimes(1);
    expect(configs(app.outdir)).toEqual(configs(plain.outdir));
    expect(fs.existsSync(path.join(app.outdir, 'stacks', `SampleCity-${name}`, `jichitai-guard-report.SampleCity-${name}.json`))).toBe(true);
  });

  describe('the kept render is handed back only within the stack\'s synthesis, and only while it holds', () => {
    /** A construct that runs `action` during synthesis, after validation and before cdk.tf.json is written. */
    function duringSynthesis(stack: TerraformStack, action: () => void): void {
      Object.defineProperty(new Construct(stack, 'LateChange'), Symbol.for('cdktf/customSynthesis'), { value: { onSynthesize: action } });
    }
    function written(app: App, stack: TerraformStack): any {
      return JSON.parse(configs(app.outdir)[stack.node.id]);
    }

    test('outside a synthesis nothing is kept: Testing.synth(stack, true) renders twice and a later change shows', () => {
      // Spied before the guard is applied: it wraps the method it finds then.
      const renders = jest.spyOn(TerraformStack.prototype, 'toTerraform');
      const { stack } = buildTfExample('beta', Testing.app());
      const synthesized = JSON.parse(Testing.synth(stack, true));
      expect(renders).toHaveBeenCalledTimes(2);
      expect(Object.keys(synthesized.resource.aws_vpc)).toHaveLength(3);

      const vpc = stack.node.findAll().find((c): c is Vpc => c instanceof Vpc)!;
      renderConfig(stack);
      vpc.cidrBlock = '10.99.0.0/16';
      expect(stack.toTerraform().resource.aws_vpc[stack.getLogicalId(vpc)].cidr_block).toBe('10.99.0.0/16');
    });

    // A change after the guard checked the stack would be written unchecked: the synthesis fails instead (GUARD-1).
    test('an element added after validation fails the synthesis, and no cdk.tf.json is written', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      duringSynthesis(stack, () => new Eip(stack, 'LateEip', { domain: 'vpc' }));
      expect(() => app.synth()).toThrow(/GUARD-1 .*not what the topology guard checked: elements were added, removed or replaced/);
      expect(fs.existsSync(path.join(app.outdir, 'stacks', stack.node.id, 'cdk.tf.json'))).toBe(false);
    });

    test('a stack-level override added after validation fails the synthesis', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      duringSynthesis(stack, () => stack.addOverride('terraform.required_version', '>= 1.5'));
      expect(() => app.synth()).toThrow(/stack-level overrides \(addOverride\) changed/);
    });

    test('an element removed after validation fails the synthesis', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      new Eip(stack, 'Doomed', { domain: 'vpc' });
      duringSynthesis(stack, () => stack.node.tryRemoveChild('Doomed'));
      expect(() => app.synth()).toThrow(/elements were added, removed or replaced/);
    });

    test('a Terraform file written beside cdk.tf.json during synthesis fails it (Terraform would read it too)', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      addCustomSynthesis(new Construct(stack, 'Beside'), {
        onSynthesize: (session) => {
          const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(path.join(dir, 'extra.tf.json'), '{}');
        },
      });
      expect(() => app.synth()).toThrow(/Terraform files were written beside cdk.tf.json \(extra.tf.json\)/);
    });

    test('a property changed between two syntheses is written by the second one', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      app.synth();
      const vpc = stack.node.findAll().find((c): c is Vpc => c instanceof Vpc)!;
      vpc.enableDnsHostnames = false;
      app.synth();
      expect(written(app, stack).resource.aws_vpc[stack.getLogicalId(vpc)].enable_dns_hostnames).toBe(false);
    });
  });
});
