import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformStack, Testing } from 'cdktf';
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

  describe('the kept render is handed back only while it holds', () => {
    function handMade(): TerraformStack {
      const stack = new TerraformStack(Testing.app(), 'HandMade');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
      new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      return stack;
    }
    const fullRender = (stack: TerraformStack) => TerraformStack.prototype.toTerraform.call(stack);

    test('unchanged: the kept configuration itself, once', () => {
      const stack = handMade();
      const config = renderConfig(stack);
      expect(stack.toTerraform()).toBe(config);
      const second = stack.toTerraform();
      expect(second).not.toBe(config);
      expect(second).toEqual(config);
    });

    test('an element added or removed, or a new stack-level override, means a full render', () => {
      const added = handMade();
      renderConfig(added);
      new Eip(added, 'Eip', { domain: 'vpc' });
      expect(added.toTerraform()).toEqual(fullRender(added));
      expect(Object.keys(added.toTerraform().resource)).toContain('aws_eip');

      const removed = handMade();
      renderConfig(removed);
      removed.node.tryRemoveChild('Vpc');
      expect(removed.toTerraform().resource).toBeUndefined();

      const overridden = handMade();
      renderConfig(overridden);
      overridden.addOverride('terraform.required_version', '>= 1.5');
      expect(overridden.toTerraform().terraform.required_version).toBe('>= 1.5');
    });

    test('a property changed between two syntheses is written by the second one', () => {
      const app = new App({ outdir: outdir() });
      const { stack } = buildTfExample('beta', app);
      app.synth();
      const vpc = stack.node.findAll().find((c): c is Vpc => c instanceof Vpc)!;
      vpc.enableDnsHostnames = false;
      app.synth();
      const written = JSON.parse(configs(app.outdir)['SampleCity-beta']);
      expect(written.resource.aws_vpc[stack.getLogicalId(vpc)].enable_dns_hostnames).toBe(false);
    });
  });
});
