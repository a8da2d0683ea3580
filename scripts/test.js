#!/usr/bin/env node
// `npm test` (the projen test task): Jest and ESLint at the same time, instead of ESLint after Jest (issue 17).
//
// `npm test` leaves out test/integration/: the suites that run a real program (terraform with the offline provider
// mirror, Squid, c-icap, Postfix, headless Chromium, the cdk CLI, npm pack and installs, Python). They are
// `npm run test:integration` (this script with --integration), which CI runs after `npm test` (.ci/run): a developer's
// loop stays under four minutes on two cores (issue 17), and nothing is left out of CI.
//
// ESLint is one process on one core (its type-aware rules build the TypeScript program: about 30 s here), and Jest's
// last minute runs on one worker while the slowest files finish: run one after the other, a core idled through both.
// Together they share the two cores. ESLint's output is held until Jest is done, so that Jest's report stays readable,
// and printed after it; the run fails when either fails. Arguments go to Jest, as before (`npm test -- -t MN-1`).
'use strict';
const { spawn } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
const INTEGRATION = '/test/integration/';
const integration = process.argv.includes('--integration');
const passed = process.argv.slice(2).filter((a) => a !== '--integration');
// The configuration's ignore patterns (package.json, written by projen), with or without the integration folder: the
// command-line option replaces the configuration's list, so it is repeated here rather than written twice.
const ignored = require(path.join(root, 'package.json')).jest.testPathIgnorePatterns;
const jestArgs = integration
  ? ['--ci', `--testPathPattern=${INTEGRATION}`, ...passed]
  : ['--ci', `--testPathIgnorePatterns=${[...ignored, INTEGRATION].join('|')}`, ...passed];

function run(args, options) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, ...options });
    let output = '';
    if (child.stdout) child.stdout.on('data', (d) => { output += d; });
    if (child.stderr) child.stderr.on('data', (d) => { output += d; });
    child.on('error', (e) => resolve({ code: 1, output: `${output}${e.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), signal, output }));
  });
}

async function main() {
  if (integration) {
    // Lint is `npm test`'s; the integration run is Jest alone.
    const tests = await run([require.resolve('jest/bin/jest'), ...jestArgs], { stdio: 'inherit' });
    process.exitCode = tests.code;
    return;
  }
  // The projen eslint task, so that its environment and file list stay where projen writes them. With ESLint's cache
  // (by content, under node_modules/.cache): a file linted clean and unchanged since is not linted again (a clean
  // checkout, as CI's, lints everything; a cached result can miss what a type-aware rule would now say because another
  // file changed, which the next clean run catches).
  const lint = run([require.resolve('projen/bin/projen'), 'eslint', '--cache', '--cache-strategy', 'content',
    '--cache-location', 'node_modules/.cache/eslint/'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const jest = run([require.resolve('jest/bin/jest'), ...jestArgs], { stdio: 'inherit' });
  const [tests, eslint] = await Promise.all([jest, lint]);
  process.stdout.write(`\n::: eslint (ran beside Jest): ${eslint.code === 0 ? 'no problems' : `failed (exit ${eslint.code})`}\n`);
  if (eslint.output.trim()) process.stdout.write(eslint.output);
  process.exitCode = tests.code !== 0 ? tests.code : eslint.code;
}

void main();
