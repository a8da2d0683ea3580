/**
 * The CDKTF reference deployments (examples/tf), proven with the real terraform and the offline AWS provider
 * mirror: each configuration initialises from the mirror only, validates, and plans (placeholder credentials, no
 * AWS call) every resource it declares for creation.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { buildTfExample } from '../../examples/tf/_app';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform, TerraformSetup } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  `the Terraform example tests need terraform on PATH${terraform ? '' : ' (missing)'} and the offline AWS provider mirror`
  + `${mirror ? '' : ' (not found; set JICHITAI_TF_MIRROR or run scripts/find-tf-mirror.sh)'}; terraform init/validate/plan of examples/tf were skipped`);
const describeWithTerraform = haveTools ? describe : describe.skip;

/** Generous: an offline plan of a whole example takes 10-60 s depending on the machine. */
const TIMEOUT = 300_000;

describeWithTerraform('CDKTF examples with the real terraform (offline)', () => {
  let dir: string;
  let setup: TerraformSetup;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-examples-'));
    setup = prepareTerraform(dir, mirror!, terraform!);
  });
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  // One example after the other: each plan loads the (large) provider. The case ウ example (ICAP sanitizer) too.
  test.each([...Object.keys(BLUEPRINTS), ...Object.keys(SUPPLEMENTARY_BLUEPRINTS)])('%s: terraform init, validate and plan succeed offline and plan every resource', (name) => {
    const outdir = path.join(dir, name);
    fs.mkdirSync(outdir);
    const { app, stack } = buildTfExample(name, new App({ outdir }));
    app.synth();
    const cwd = path.join(outdir, 'stacks', stack.node.id);
    const config = JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.tf.json'), 'utf8'));
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);

    runTerraform(setup, cwd, ['init', '-input=false']);
    expect(runTerraform(setup, cwd, ['validate'])).toContain('The configuration is valid');
    const plan = runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false']);
    const summary = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(plan);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    // Nothing is counted twice or left out (the configuration has no count/for_each).
    expect(Number(summary![1])).toBe(declared);
    expect(plan).not.toMatch(/Warning:/);
  }, TIMEOUT);
});
