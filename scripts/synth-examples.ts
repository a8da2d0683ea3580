/**
 * Synthesizes every reference deployment with the real CDK CLI (`cdk synth`), one output folder per
 * example under cdk.out/. Exits non-zero, naming the example, if any fails (e.g. a guard refusal).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..');
const cdkExamples = fs.readdirSync(path.join(root, 'examples', 'cdk'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .sort();

const failures: string[] = [];
for (const file of cdkExamples) {
  const name = path.basename(file, '.ts');
  const out = path.join('cdk.out', name);
  // Type-checking happens in `npm test` (eslint/tsc); here only synthesis is exercised.
  const app = `npx ts-node --transpile-only --project test/tsconfig.json examples/cdk/${file}`;
  const started = Date.now();
  try {
    execFileSync(path.join(root, 'node_modules', '.bin', 'cdk'),
      ['synth', '--app', app, '--output', out, '--quiet', '--no-notices', '--no-version-reporting', '--no-path-metadata', '--no-asset-metadata'],
      { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const templates = fs.readdirSync(path.join(root, out)).filter((f) => f.endsWith('.template.json'));
    console.log(`synthesized examples/cdk/${file} -> ${out} (${templates.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch {
    failures.push(`examples/cdk/${file}`);
  }
}
if (failures.length > 0) {
  console.error(`\nFailed to synthesize: ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`\n${cdkExamples.length} CDK examples synthesized.`);
