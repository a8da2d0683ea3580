import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { transpileRepository } from '../support/transpiled';

/**
 * `cdk synth --strict` with the real CDK CLI (node_modules/aws-cdk), as a user runs it: --strict turns every warning into
 * a failure, so the guard must leave none behind once its findings are acknowledged (issue 13). Slow (one CLI run of
 * ~10-20 s per app), which is why this is the only file that does it. The apps run as JavaScript transpiled once for
 * the file (test/support/transpiled.ts), not through ts-node in each run: the CLI and the synthesis stay real.
 */
const root = path.join(__dirname, '..', '..');
/** The examples of one stack each (buildCdkExample); the prefecture (a hub stack and a stack per member) is built by its own call. */
const PREFECTURE = 'prefecture.ts';
const examples = fs.readdirSync(path.join(root, 'examples', 'cdk')).filter((f) => f.endsWith('.ts') && !f.startsWith('_') && f !== PREFECTURE).sort();
/** The blueprints with no entry file (α′ case ウ), built by buildCdkExample alike. */
const SUPPLEMENTARY = Object.keys(SUPPLEMENTARY_BLUEPRINTS);

/** This process's environment with `changes` applied; an undefined value removes the variable. */
function childEnv(changes: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...changes };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

let compiled: string;
beforeAll(() => {
  compiled = transpileRepository(fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-strict-js-')));
});
afterAll(() => {
  if (compiled && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(compiled, { recursive: true, force: true });
});

/** `cdk synth --strict` of an app given by its TypeScript file (relative to the repository), run from its transpiled JavaScript. */
function cdkSynthStrict(appFile: string, env: NodeJS.ProcessEnv = {}) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-strict-'));
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'cdk'), [
    'synth', '--strict', '--quiet', '--no-notices', '--no-version-reporting', '--output', out,
    '--app', `node ${JSON.stringify(path.join(compiled, appFile.replace(/\.ts$/, '.js')))}`,
  ], { cwd: root, encoding: 'utf8', env: childEnv(env) });
  const written = fs.readdirSync(out);
  fs.rmSync(out, { recursive: true, force: true });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, written };
}

describe('cdk synth --strict (real CLI)', () => {
  // The examples run with the CDK's template validation on (CDK_VALIDATION unset, even if the unit suites set it),
  // exactly as a user's app. All of them in one run of the CLI (test/fixtures/cdk-examples-app.ts: the prefecture's
  // stacks and one stack per example): --strict fails the run on a warning of any stack, and a warning names its
  // stack's construct path.
  let all: ReturnType<typeof cdkSynthStrict>;
  beforeAll(() => {
    all = cdkSynthStrict(path.join('test', 'fixtures', 'cdk-examples-app.ts'), {
      CDK_VALIDATION: undefined, JICHITAI_EXAMPLES: [...examples.map((f) => path.basename(f, '.ts')), ...SUPPLEMENTARY].join(','), JICHITAI_PREFECTURE: '1',
    });
  }, 300_000);

  test.each(examples)('examples/cdk/%s exits 0: its acknowledged findings are info, not warnings', (file) => {
    const name = path.basename(file, '.ts');
    // The combined app builds what the entry file builds: the entry file is that one call and nothing else.
    const entry = fs.readFileSync(path.join(root, 'examples', 'cdk', file), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(entry).toEqual(["import { buildCdkExample } from './_app';", `buildCdkExample('${name}').app.synth();`]);
    expect({ status: all.status, output: all.output }).toEqual({ status: 0, output: expect.not.stringMatching(/^WARNING /m) });
    expect(all.written).toContain(`SampleCity-${name}.template.json`);
  });

  // No entry file, but the Squid and ICAP suites read its proxy's boot script without validating its template (test/support/cfn-validation.ts).
  test.each(SUPPLEMENTARY)('the supplementary example %s passes too, its template validated', (name) => {
    expect({ status: all.status, output: all.output }).toEqual({ status: 0, output: expect.not.stringMatching(/^WARNING /m) });
    expect(all.written).toContain(`SampleCity-${name}.template.json`);
  });

  test('examples/cdk/prefecture.ts (the hub and a stack per member, joined by exports) exits 0 and writes every stack', () => {
    const entry = fs.readFileSync(path.join(root, 'examples', 'cdk', PREFECTURE), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('//'));
    expect(entry).toEqual(["import { buildCdkPrefecture } from './_prefecture';", 'buildCdkPrefecture().app.synth();']);
    expect({ status: all.status, output: all.output }).toEqual({ status: 0, output: expect.not.stringMatching(/^WARNING /m) });
    expect(all.written.filter((f) => f.startsWith('ExamplePref-') && f.endsWith('.template.json')).sort()).toEqual([
      'ExamplePref-Member001.template.json', 'ExamplePref-Member002.template.json', 'ExamplePref-Member003.template.json',
      'ExamplePref-Member004.template.json', 'ExamplePref-SecurityCloud.template.json',
    ]);
  });

  // The warning fixture tests the guard's warnings, not CloudFormation: CDK_VALIDATION=false skips the template
  // validation plugin (aws-cdk-lib core/lib/private/synthesis-validation.js) to save time.
  test('an unacknowledged guard warning makes it fail, naming the stable ID to acknowledge', () => {
    const { status, output } = cdkSynthStrict(path.join('test', 'fixtures', 'cdk-warning-app.ts'), { CDK_VALIDATION: 'false' });
    expect(status).not.toBe(0);
    expect(output).toMatch(/^WARNING \[SampleCity-alpha\/Network\/Lgwan\/Vpc\] TEST-W1 warning .*\n.*\n\s*Acknowledge with 'jichitai-guard::TEST-W1'$/m);
    expect(output).toMatch(/Synthesis finished with warnings \(--strict mode\)/);
  }, 300_000);

  test.each(['validations', 'guard'])('acknowledged (through %s) the same warnings pass', (how) => {
    const { status, output } = cdkSynthStrict(path.join('test', 'fixtures', 'cdk-warning-app.ts'), { CDK_VALIDATION: 'false', JICHITAI_TEST_ACKNOWLEDGE: how });
    expect({ status, output }).toEqual({ status: 0, output: expect.stringMatching(/acknowledged \(jichitai-guard::TEST-W1\)/) });
  }, 300_000);
});
