/**
 * The whole-process half of `npm run bench` (issue 17): what a user's `cdk synth` / `cdktf synth` pays for the guard.
 *
 * Every sample is a fresh `node` process running scripts/bench-process.ts (compiled to JavaScript first, so that no
 * TypeScript compiler is billed): the same generated app with the guard and without it (`TopologyGuard.apply` a
 * no-op), alternating in pairs so that drift in machine load falls on both sides alike, and the pair's ratio taken
 * from the two neighbours. The process reports its own CPU (user + system, all threads, from start to exit) and peak
 * RSS; the wall time is measured around the process by this one. aws-cdk-lib's template validation is switched with
 * CDK_VALIDATION exactly as a user would: off isolates the guard, on is what `cdk synth` does by default. cdk-nag's
 * AwsSolutionsChecks on the same app is the peer, measured the same way.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as ts from 'typescript';
import { RESULT_MARKER } from './bench-apps';
import type { ProcessResult, ProcessSpec } from './bench-process';

const ROOT = path.resolve(__dirname, '..');

/** One comparison: the same app without and with `peer`, in `pairs` alternating pairs. */
export interface WholeCase {
  readonly engine: 'cdk' | 'tf';
  readonly municipalities: number;
  /** aws-cdk-lib's built-in template validation (CDK only; CDKTF has none). */
  readonly validation: boolean;
  /** What is added to the bare app: the guard, or (CDK) cdk-nag's AwsSolutionsChecks with the guard off. */
  readonly peer: 'guard' | 'cdk-nag';
  readonly pairs: number;
  /**
   * A prefecture (issue 16): a security cloud hub and `municipalities` members joined to it (examples/prefecture.ts), instead
   * of independent municipalities. CDK: a hub stack and one stack per member; CDKTF: one stack holding them all.
   */
  readonly prefecture?: boolean;
}

interface Sample {
  readonly cpu: number;
  readonly wall: number;
  readonly rssMiB: number;
  /** CPU of the threads other than the main one (undefined where /proc cannot tell). */
  readonly cpuOther?: number;
  readonly resources: number;
  readonly reports: number;
}

export interface WholeRow {
  readonly c: WholeCase;
  readonly without: Sample[];
  readonly with: Sample[];
}

/**
 * Compile scripts/bench-process.ts and the CLI (src/cli/bin.ts) and what they import (src/, examples/) to JavaScript under .tmp/ (inside the
 * repository, so that `require` finds node_modules). Type errors fail the bench: it must measure the code as it is.
 */
export function compileProcessApp(): string {
  const outDir = path.join(ROOT, '.tmp', 'bench-js');
  fs.rmSync(outDir, { recursive: true, force: true });
  const configPath = path.join(ROOT, 'scripts', 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!config) throw new Error(`cannot read ${configPath}`);
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: false,
    outDir,
    rootDir: ROOT,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: false,
    inlineSources: false,
    incremental: false,
  };
  // The CLI too (src/cli/bin.ts), for the `check` case (scripts/bench-check.ts).
  const program = ts.createProgram([path.join(ROOT, 'scripts', 'bench-process.ts'), path.join(ROOT, 'src', 'cli', 'bin.ts')], options);
  const emitted = program.emit();
  const problems = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics]
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (problems.length > 0 || emitted.emitSkipped) throw new Error(`compiling the bench app failed:\n${problems.join('\n')}`);
  return path.join(outDir, 'scripts', 'bench-process.js');
}

/**
 * The environment of one whole-process run of `c` (with or without its peer) synthesizing into `outdir`: the spec in
 * BENCH_PROCESS, and aws-cdk-lib's validation switched with CDK_VALIDATION exactly as a user would.
 */
export function processEnv(c: WholeCase, withPeer: boolean, outdir: string, replays?: number): NodeJS.ProcessEnv {
  const spec: ProcessSpec = {
    engine: c.engine,
    municipalities: c.municipalities,
    guard: withPeer && c.peer === 'guard',
    nag: withPeer && c.peer === 'cdk-nag',
    prefecture: c.prefecture === true,
    outdir,
    ...(replays ? { replays } : {}),
  };
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_PROCESS: JSON.stringify(spec) };
  delete env.CDK_VALIDATION;
  if (!c.validation) env.CDK_VALIDATION = 'false';
  return env;
}

function runProcess(script: string, c: WholeCase, withPeer: boolean, tmp: string): Sample {
  const outdir = fs.mkdtempSync(path.join(tmp, 'out-'));
  const env = processEnv(c, withPeer, outdir);
  const started = performance.now();
  const child = spawnSync(process.execPath, [script], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  const wall = (performance.now() - started) / 1000;
  fs.rmSync(outdir, { recursive: true, force: true });
  const line = child.stdout?.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  if (child.status !== 0 || !line) {
    throw new Error(`${label(c)} ${withPeer ? 'with' : 'without'} ${c.peer}: exit ${child.status ?? child.signal}\n${(child.stderr ?? '').slice(-4000)}`);
  }
  const result = JSON.parse(line.slice(RESULT_MARKER.length)) as ProcessResult;
  return { cpu: result.cpu, wall, rssMiB: result.rssMiB, cpuOther: result.cpuOther, resources: result.resources, reports: result.reports };
}

export function label(c: WholeCase): string {
  return `${c.engine}${c.prefecture ? ' prefecture' : ''} N=${c.municipalities}${c.engine === 'cdk' ? ` validation ${c.validation ? 'on' : 'off'}` : ''} ${c.peer}`;
}

/** Run one case: `pairs` pairs, the order within a pair alternating (without first in even pairs). */
export function measureWhole(script: string, c: WholeCase, tmp: string): WholeRow {
  const row: WholeRow = { c, without: [], with: [] };
  process.stderr.write(`  ${label(c)}:`);
  for (let i = 0; i < c.pairs; i++) {
    const order = i % 2 === 0 ? [false, true] : [true, false];
    for (const withPeer of order) (withPeer ? row.with : row.without).push(runProcess(script, c, withPeer, tmp));
    process.stderr.write(` ${i + 1}`);
  }
  process.stderr.write('\n');
  checkComparable(c, row.without, row.with);
  return row;
}

/** What a run synthesized: its resources and the guard reports written. */
export interface RunOutput {
  readonly resources: number;
  readonly reports: number;
}

/** Throws when the runs of `c` cannot be compared: the peer changed what was synthesized, or the guard did not run where it should. */
export function checkComparable(c: WholeCase, without: readonly RunOutput[], withPeer: readonly RunOutput[]): void {
  const resources = new Set([...without, ...withPeer].map((s) => s.resources));
  if (resources.size !== 1) throw new Error(`${label(c)}: the output differs with and without (${[...resources].join(' / ')} resources)`);
  // One report per guarded stack: a prefecture's member stacks (CDK; the hub's stack is checked with them), or its one
  // Terraform stack.
  const guardedStacks = c.prefecture && c.engine === 'tf' ? 1 : c.municipalities;
  const expectedReports = c.peer === 'guard' ? guardedStacks : 0;
  if (withPeer.some((s) => s.reports !== expectedReports) || without.some((s) => s.reports !== 0)) {
    throw new Error(`${label(c)}: guard reports written ${withPeer.map((s) => s.reports).join(',')} with, ${without.map((s) => s.reports).join(',')} without; expected ${expectedReports} and 0`);
  }
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** t ∝ N^k between two sizes: k = ln(t_b / t_a) / ln(N_b / N_a); 1 is linear, and a doubling multiplies t by 2^k. */
export function exponent(na: number, ta: number, nb: number, tb: number): number {
  return Math.log(tb / ta) / Math.log(nb / na);
}

/** The per-pair ratios with / without (pair i: the i-th sample of each side, taken next to each other). */
export function pairRatios(row: WholeRow, f: (s: Sample) => number): number[] {
  return row.with.map((s, i) => f(s) / f(row.without[i]));
}

const fix = (x: number, d = 1) => x.toFixed(d);
const spread = (xs: number[], d = 1) => `${fix(Math.min(...xs), d)} / ${fix(median(xs), d)} / ${fix(Math.max(...xs), d)}`;

/** The prefecture table: synth time and the guard's share of it at each size (share = (with - without) / with, per pair). */
export function prefectureTable(rows: readonly WholeRow[], table: (header: string[], rows: string[][]) => string): string {
  return table(
    ['engine', 'members', 'pairs', 'resources', 'CPU s without (min / med / max)', 'CPU s with', 'wall s with (med)',
      "guard's share of CPU (med [min-max])", 'peak RSS MiB without / with (med)'],
    rows.map((r) => {
      const share = r.with.map((s, i) => (s.cpu - r.without[i].cpu) / s.cpu);
      return [
        r.c.engine, String(r.c.municipalities), String(r.c.pairs), String(r.with[0].resources),
        spread(r.without.map((s) => s.cpu)), spread(r.with.map((s) => s.cpu)), fix(median(r.with.map((s) => s.wall))),
        `${fix(100 * median(share))}% [${fix(100 * Math.min(...share))}-${fix(100 * Math.max(...share))}%]`,
        `${fix(median(r.without.map((s) => s.rssMiB)), 0)} / ${fix(median(r.with.map((s) => s.rssMiB)), 0)}`,
      ];
    }),
  );
}

/**
 * The CPU of the threads besides the main one (V8 compiling and collecting garbage), medians without / with: what the
 * guard costs that no timer inside it sees. '-' where /proc cannot tell.
 */
function offMain(r: WholeRow): string {
  const of = (samples: readonly Sample[]) => samples.map((s) => s.cpuOther).filter((x): x is number => x !== undefined);
  const without = of(r.without);
  const withPeer = of(r.with);
  return without.length > 0 && withPeer.length > 0 ? `${fix(median(without))} / ${fix(median(withPeer))}` : '-';
}

/** The whole-process table: one row per case. */
export function wholeTable(rows: readonly WholeRow[], table: (header: string[], rows: string[][]) => string): string {
  return table(
    ['engine', 'N', 'aws-cdk-lib validation', 'added', 'pairs', 'CPU s without (min / med / max)', 'CPU s with', 'CPU ratio (med [min-max])',
      'wall s without', 'wall s with', 'wall ratio', 'CPU s off the main thread without / with (med)', 'peak RSS MiB without / with (med)', 'RSS ratio'],
    rows.map((r) => {
      const cpu = pairRatios(r, (s) => s.cpu);
      const wall = pairRatios(r, (s) => s.wall);
      const rssWithout = median(r.without.map((s) => s.rssMiB));
      const rssWith = median(r.with.map((s) => s.rssMiB));
      return [
        r.c.engine, String(r.c.municipalities), r.c.engine === 'cdk' ? (r.c.validation ? 'on' : 'off') : '-', r.c.peer, String(r.c.pairs),
        spread(r.without.map((s) => s.cpu)), spread(r.with.map((s) => s.cpu)),
        `${fix(median(cpu), 3)} [${fix(Math.min(...cpu), 2)}-${fix(Math.max(...cpu), 2)}]`,
        spread(r.without.map((s) => s.wall)), spread(r.with.map((s) => s.wall)), fix(median(wall), 3), offMain(r),
        `${fix(rssWithout, 0)} / ${fix(rssWith, 0)}`, fix(rssWith / rssWithout, 3),
      ];
    }),
  );
}

/** Growth of the guarded synth's CPU and of the guard's extra CPU with N: k per step, as in the in-process table. */
export function growthTable(
  rows: readonly WholeRow[], table: (header: string[], rows: string[][]) => string, prefecture = false,
): string | undefined {
  const out: string[][] = [];
  for (const engine of ['cdk', 'tf'] as const) {
    const series = rows.filter((r) => r.c.engine === engine && r.c.peer === 'guard' && !r.c.validation && (r.c.prefecture === true) === prefecture)
      .sort((a, b) => a.c.municipalities - b.c.municipalities);
    if (series.length < 2) continue;
    const measures: [string, (r: WholeRow) => number][] = [
      ['CPU without', (r) => median(r.without.map((s) => s.cpu))],
      ['CPU with guard', (r) => median(r.with.map((s) => s.cpu))],
      ['guard extra (med of pair diffs)', (r) => median(r.with.map((s, i) => s.cpu - r.without[i].cpu))],
      ...(prefecture ? [['peak RSS MiB with guard', (r: WholeRow) => median(r.with.map((s) => s.rssMiB))] as [string, (r: WholeRow) => number]] : []),
    ];
    for (const [name, f] of measures) {
      const steps = series.slice(1).map((b, i) => {
        const a = series[i];
        const k = exponent(a.c.municipalities, f(a), b.c.municipalities, f(b));
        return Number.isFinite(k) ? `${a.c.municipalities}->${b.c.municipalities}: k=${k.toFixed(2)} (x${(2 ** k).toFixed(2)} per doubling)` : 'n/a';
      });
      out.push([engine, name, ...series.map((r) => `N=${r.c.municipalities}: ${f(r).toFixed(2)}`), steps.join(', ')]);
    }
  }
  if (out.length === 0) return undefined;
  const width = Math.max(...out.map((r) => r.length));
  const padded = out.map((r) => [...r.slice(0, -1), ...Array(width - r.length).fill(''), r[r.length - 1]]);
  return table(['engine', 'measure (CPU s, medians)', ...Array(width - 3).fill('').map((_, i) => `size ${i + 1}`), 'growth'], padded);
}

export function wholeTmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-bench-whole-'));
}
