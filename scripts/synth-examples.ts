/**
 * Synthesizes every reference deployment: the CDK ones with the real CDK CLI (`cdk synth --strict`), one output folder
 * per example under cdk.out/, and the CDKTF ones by running their app (no cdktf CLI needed), one output folder
 * per example under cdktf.out/. Exits non-zero, naming the examples, if any fails (e.g. a guard refusal).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
/** The example apps of one engine (files starting with `_` are their shared code). */
const examplesOf = (engine: 'cdk' | 'tf') => fs.readdirSync(path.join(root, 'examples', engine))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .sort();
const cdkExamples = examplesOf('cdk');
const tfExamples = examplesOf('tf');
const total = cdkExamples.length + tfExamples.length;
let step = 0;
/** One line before each example starts, so that a run of several minutes shows where it is. */
function progress(what: string): void {
  step += 1;
  console.log(`[${step}/${total}] ${what} ...`);
}
console.log(`Synthesizing ${total} reference deployments (${cdkExamples.length} with the CDK CLI, ${tfExamples.length} CDKTF apps); `
  + 'each takes 10-30 s on a laptop, a few minutes in all.');

const failures: string[] = [];
for (const file of cdkExamples) {
  const name = path.basename(file, '.ts');
  progress(`cdk synth --strict examples/cdk/${file}`);
  const out = path.join('cdk.out', name);
  // Type-checking happens in `npm test` (eslint/tsc); here only synthesis is exercised.
  const app = `npx ts-node --transpile-only --project test/tsconfig.json examples/cdk/${file}`;
  const started = Date.now();
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'cdk'),
      // --strict: a warning fails the synthesis; the guard's acknowledged findings are info, not warnings.
      // The design documents (設計書) are written next to each template (examples/blueprints.ts EXAMPLE_DESIGN_DOCUMENTS).
      ['synth', '--strict', '--app', app, '--output', out, '--quiet', '--no-notices', '--no-version-reporting', '--no-path-metadata', '--no-asset-metadata',
        '-c', 'jichitai:design-documents=true'],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const templates = fs.readdirSync(path.join(root, out)).filter((f) => f.endsWith('.template.json'));
    // A multi-stack app (the prefecture: a hub stack and one stack per member) has design documents for the stacks the
    // guard checks (those with a guard report); the hub's stack is no municipality's network. At least one is guarded.
    const guarded = templates.map((t) => t.replace(/\.template\.json$/, '')).filter((base) => fs.existsSync(path.join(root, out, `jichitai-guard-report.${base}.json`)));
    if (guarded.length === 0) throw new Error(`no guarded stack under ${out}`);
    requireDesignDocuments(path.join(root, out), guarded);
    console.log(`synthesized examples/cdk/${file} -> ${out} (${templates.join(', ')}, with design documents) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch {
    failures.push(`examples/cdk/${file}`);
  }
}

for (const file of tfExamples) {
  const name = path.basename(file, '.ts');
  // examples/tf/_app.ts writes each example to cdktf.out/<name>; start clean so that no stale stack survives.
  const out = path.join('cdktf.out', name);
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
  progress(`node examples/tf/${file} (app.synth())`);
  const started = Date.now();
  try {
    execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'test/tsconfig.json', `examples/tf/${file}`],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, JICHITAI_DESIGN_DOCUMENTS: 'true' } });
    const stacks = fs.readdirSync(path.join(root, out, 'stacks'))
      .filter((stack) => fs.existsSync(path.join(root, out, 'stacks', stack, 'cdk.tf.json')));
    if (stacks.length === 0) throw new Error(`no cdk.tf.json under ${out}/stacks`);
    const configs = stacks.map((stack) => path.join(out, 'stacks', stack, 'cdk.tf.json'));
    for (const stack of stacks) requireDesignDocuments(path.join(root, out, 'stacks', stack), [stack]);
    console.log(`synthesized examples/tf/${file} -> ${configs.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    console.error(`examples/tf/${file}: ${(e as Error).message}`);
    failures.push(`examples/tf/${file}`);
  }
}

/** The design documents every example must have next to its output (a missing one fails the run). */
function requireDesignDocuments(dir: string, bases: readonly string[]): void {
  for (const base of bases) {
    for (const f of [`${base}.design.html`, `${base}.design.md`, `${base}.design.svg`, `${base}.design.xlsx`, path.join(`${base}.design`, 'compliance.csv')]) {
      if (!fs.existsSync(path.join(dir, f))) throw new Error(`${path.join(dir, f)} was not written`);
    }
  }
}

if (failures.length > 0) {
  console.error(`\nFailed to synthesize: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`\n${cdkExamples.length} CDK examples and ${tfExamples.length} CDKTF examples synthesized.`);
