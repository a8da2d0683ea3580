/**
 * The `jichitai-network check` case of `npm run bench` (issue 14: "check of a 100-municipality cdk.out in well under
 * the time cdk synth took"). The generated CDK app of N municipalities (scripts/bench-apps.ts) is synthesized once as
 * `cdk synth` runs it (a fresh `node` process of scripts/bench-process.ts, guard on, aws-cdk-lib validation as the user
 * has it), its cdk.out kept; then the compiled CLI (src/cli/bin.ts, compiled with the bench app) checks it as fresh
 * `node` processes. The app rotates through the four models, and `check` takes one model, so one check is one process
 * per model over the cdk.out with `--stack` naming that model's stacks; the check's cost is the sum of the four. Each must
 * exit 0: the CLI agrees with the guard that let the app synthesize (acknowledgements made in code included).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { generatedBlueprint, RESULT_MARKER, ROTATION, stackId } from './bench-apps';
import type { ProcessResult, ProcessSpec } from './bench-process';
import { median } from './bench-whole';

const ROOT = path.resolve(__dirname, '..');

/** The `--model` spelling of each rotation entry. */
const MODEL_FLAG: Readonly<Record<string, string[]>> = {
  'alpha': ['--model', 'alpha'],
  'alpha-prime': ['--model', 'alpha-prime'],
  'beta': ['--model', 'beta'],
  'beta-prime': ['--model', 'beta-prime'],
};

export interface CheckRow {
  readonly municipalities: number;
  readonly resources: number;
  readonly synth: { readonly cpu: number; readonly wall: number };
  /** One sample per repetition: the check of the whole cdk.out (the sum over the per-model processes). */
  readonly check: { readonly cpu: number; readonly wall: number; readonly rssMiB: number }[];
}

/**
 * Synthesize the app once into `tmp` and time `reps` checks of it. `processScript` is the compiled
 * scripts/bench-process.js; the CLI is compiled next to it (compileProcessApp compiles src/cli/bin.ts too).
 */
export function measureCheck(processScript: string, municipalities: number, reps: number, tmp: string): CheckRow {
  const outdir = fs.mkdtempSync(path.join(tmp, 'check-cdk.out-'));
  const spec: ProcessSpec = { engine: 'cdk', municipalities, guard: true, nag: false, outdir };
  process.stderr.write(`  check: synthesizing ${municipalities} municipalities`);
  const started = performance.now();
  const synth = spawnSync(process.execPath, [processScript], { cwd: ROOT, env: { ...process.env, BENCH_PROCESS: JSON.stringify(spec) }, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const synthWall = (performance.now() - started) / 1000;
  const line = synth.stdout?.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (synth.status !== 0 || !line) throw new Error(`check: synth exit ${synth.status ?? synth.signal}\n${(synth.stderr ?? '').slice(-4000)}`);
  const synthResult = JSON.parse(line.slice(RESULT_MARKER.length)) as ProcessResult;

  const bin = path.join(path.dirname(processScript), '..', 'src', 'cli', 'bin.js');
  // The child's own CPU and peak RSS, printed as it exits (a preloaded module, so the CLI runs unchanged).
  const preload = path.join(tmp, 'usage-at-exit.js');
  fs.writeFileSync(preload, `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('\\n${RESULT_MARKER}' + JSON.stringify({ cpu: (u.userCPUTime + u.systemCPUTime) / 1e6, rssMiB: u.maxRSS / 1024 }) + '\\n'); });\n`);
  const stacks = new Map<string, string[]>(ROTATION.map((r) => [r, []]));
  for (let i = 0; i < municipalities; i++) stacks.get(ROTATION[i % ROTATION.length])!.push(stackId(i));
  const check: CheckRow['check'][number][] = [];
  process.stderr.write('; checking');
  for (let rep = 0; rep < reps; rep++) {
    let cpu = 0;
    let wall = 0;
    let rssMiB = 0;
    for (const [model, names] of stacks) {
      if (names.length === 0) continue;
      const bp = generatedBlueprint(ROTATION.indexOf(model));
      const args = [...MODEL_FLAG[model], ...(bp.alphaPrimeCase ? ['--case', bp.alphaPrimeCase] : []), '--format', 'json', '--output', path.join(tmp, `check-${model}.json`)];
      const t0 = performance.now();
      const child = spawnSync(process.execPath, ['--require', preload, bin, 'check', outdir, ...names.flatMap((n) => ['--stack', n]), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      wall += (performance.now() - t0) / 1000;
      const usage = child.stderr?.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (child.status !== 0 || !usage) throw new Error(`check --model ${model}: exit ${child.status ?? child.signal} (0 expected: the guard let these stacks synthesize)\n${(child.stderr ?? '').slice(-4000)}`);
      const u = JSON.parse(usage.slice(RESULT_MARKER.length)) as { cpu: number; rssMiB: number };
      cpu += u.cpu;
      rssMiB = Math.max(rssMiB, u.rssMiB);
    }
    check.push({ cpu, wall, rssMiB });
    process.stderr.write(` ${rep + 1}`);
  }
  process.stderr.write('\n');
  fs.rmSync(outdir, { recursive: true, force: true });
  return { municipalities, resources: synthResult.resources, synth: { cpu: synthResult.cpu, wall: synthWall }, check };
}

/** The table: synth once, the check's medians, and the check as a share of the synth. */
export function checkTable(row: CheckRow, table: (header: string[], rows: string[][]) => string): string {
  const cpu = median(row.check.map((c) => c.cpu));
  const wall = median(row.check.map((c) => c.wall));
  return table(
    ['N', 'resources', 'cdk synth (guard on): CPU s', 'wall s', 'check: processes', 'check CPU s (med)', 'check wall s (med)', 'check peak RSS MiB', 'check / synth (wall)'],
    [[
      String(row.municipalities), String(row.resources), row.synth.cpu.toFixed(1), row.synth.wall.toFixed(1),
      `${ROTATION.filter((_, i) => i < row.municipalities).length} x ${row.check.length}`, cpu.toFixed(2), wall.toFixed(2),
      Math.max(...row.check.map((c) => c.rssMiB)).toFixed(0), `${((wall / row.synth.wall) * 100).toFixed(1)}%`,
    ]],
  );
}
