/**
 * A CDKTF member of the prefecture security cloud hub proven with the real terraform and the offline AWS provider mirror
 * (test/support/terraform.ts): literal hub IDs validate; a hub of the same configuration (its gateway, VPC attachment,
 * hub table and SIEM bucket referenced by tokens) validates and plans every resource.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { tf } from '../../src';
import { member } from '../security-cloud/member-fixtures';
import { handWrittenHub } from '../security-cloud/tf-hand-written-hub';
import { findTerraform, findTerraformMirror, prepareTerraform, runTerraform, TerraformSetup } from '../support/terraform';
import { requireTool } from '../support/tools';

const terraform = findTerraform();
const mirror = terraform ? findTerraformMirror() : undefined;
const haveTools = requireTool(terraform ? 'The offline AWS provider mirror' : 'terraform', Boolean(terraform && mirror),
  'the security cloud member terraform tests need terraform on PATH and the offline AWS provider mirror; they were skipped');
const describeWithTerraform = haveTools ? describe : describe.skip;
const TIMEOUT = 300_000;

describeWithTerraform('a CDKTF member of the hub with the real terraform (offline)', () => {
  let dir: string;
  let setup: TerraformSetup;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-member-'));
    setup = prepareTerraform(dir, mirror!, terraform!);
  });
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Synthesize (without the guard: the hub is hand-written) into its own folder and initialise terraform there. */
  function prepare(name: string, withHub: boolean): { cwd: string; declared: number } {
    const stack = offlineTokyoStack(Testing.app(), name);
    if (withHub) {
      const hub = handWrittenHub(stack, ['172.31.1.10', '172.31.2.10']);
      const { internet: _, ...base } = member();
      new tf.MunicipalNetwork(stack, 'Network', { ...base, securityCloud: hub });
    } else {
      new tf.MunicipalNetwork(stack, 'Network', member());
    }
    const json = Testing.synth(stack, false);
    const cwd = path.join(dir, name);
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, 'cdk.tf.json'), json);
    const config = JSON.parse(json);
    const declared = Object.values(config.resource as Record<string, object>).reduce((n, byName) => n + Object.keys(byName).length, 0);
    runTerraform(setup, cwd, ['init', '-input=false']);
    return { cwd, declared };
  }

  test('literal hub IDs: terraform validate', () => {
    const { cwd } = prepare('member-literal', false);
    expect(runTerraform(setup, cwd, ['validate'])).toContain('The configuration is valid');
  }, TIMEOUT);

  test('a hub of the same configuration: terraform validate and plan every resource', () => {
    const { cwd, declared } = prepare('member-with-hub', true);
    // No separate `terraform validate`: the plan below validates first and fails alike (test/support/terraform.ts).
    const plan = runTerraform(setup, cwd, ['plan', '-input=false', '-lock=false', '-refresh=false']);
    const summary = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(plan);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBe(declared);
  }, TIMEOUT);
});
