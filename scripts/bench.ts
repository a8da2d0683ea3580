/**
 * `npm run bench` (issues 4 and 17): what the synth-time topology guard costs, measured two ways.
 *
 * 1. **Whole processes** (scripts/bench-whole.ts; the figures the README quotes): fresh `node` processes synthesizing a
 *    generated app of N municipalities with and without the guard, alternating in pairs; CPU, wall and peak RSS of the
 *    whole process; aws-cdk-lib's template validation on (as users run it) and off (isolating the guard); cdk-nag's
 *    AwsSolutionsChecks on the same app as the peer; growth at several N.
 * 2. **In-process breakdown** (this file): inside one warmed-up process per case, where the guard's time goes (its
 *    check, the render it shares with the synthesizer, each phase). It explains the first table; it is not the cost a
 *    user pays (no module loading, no JIT warm-up, no process exit).
 *
 * It prints figures only: a performance target is a judgement for the README, not an assertion that fails a build, so
 * the script exits 1 only when something fails to synthesize (or the guard changed the output).
 *
 * Each in-process case runs in its own Node process too (this script again, with BENCH_CASE set): aws-cdk-lib and cdktf
 * keep every token ever created in a process-wide map, so apps are never fully collected.
 *
 * Knobs (for a quick look, not for published figures):
 *   whole-process: BENCH_WHOLE=none skips it; BENCH_PAIRS (default 7) pairs at N=100 with validation off;
 *     BENCH_N (default 100: the size compared); BENCH_VALIDATION_PAIRS (default 3) with aws-cdk-lib validation on and for cdk-nag; BENCH_GROWTH (default
 *     10,50,300: the sizes besides 100) and BENCH_GROWTH_PAIRS (default 3).
 *   in-process: BENCH_BREAKDOWN=none skips it; BENCH_REPS (runs per generated size, default 7 up to 10 municipalities
 *     and 3 above), BENCH_EXAMPLE_REPS (default 9), BENCH_SIZES (default 10,100), BENCH_EXAMPLES (default all; "none").
 *   prefecture (issue 16): BENCH_PREFECTURE (default 10,50,100 members; "none" skips), BENCH_PREFECTURE_PAIRS (default 2).
 *   instructions (scripts/bench-instructions.ts: the same whole processes under Valgrind's Callgrind, instructions per
 *     thread, deterministic where CPU time is not; about 15 times slower, so off unless asked): BENCH_INSTRUCTIONS (sizes of
 *     the generated app, e.g. 40,100; default none), BENCH_INSTRUCTIONS_PREFECTURE (prefecture sizes; default none);
 *     BENCH_STEADY (sizes; default none): the guard's cost per stack at synthesis and once its code is warm (three processes:
 *     without the guard, with it judging every stack again once and five times after the synthesis).
 *   both: BENCH_ENGINES (default cdk,tf).
 *   check (scripts/bench-check.ts: `jichitai-network check` of the synthesized N-municipality cdk.out, as fresh processes of
 *     the compiled CLI, next to the synth time): BENCH_CHECK=none skips it, BENCH_CHECK=only runs it alone; BENCH_N (default
 *     100); BENCH_CHECK_REPS (default 3) checks of the one cdk.out.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import * as v8 from 'v8';
import * as vm from 'vm';
import * as cdklib from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { addCdkMunicipalities, addTfMunicipalities, countOutput, guardOptions, ROTATION } from './bench-apps';
import { checkTable, CheckRow, measureCheck } from './bench-check';
import { findValgrind, instructionTable, InstructionRow, measureInstructions, measureSteady, SteadyRow, steadyTable } from './bench-instructions';
import { compileProcessApp, exponent, growthTable, label, measureWhole, median, prefectureTable, WholeCase, wholeTable, WholeRow, wholeTmp } from './bench-whole';
import { BLUEPRINTS } from '../examples/blueprints';
import { buildCdkExample } from '../examples/cdk/_app';
import { buildTfExample } from '../examples/tf/_app';
import { cdk, tf } from '../src';
import { renderTemplate } from '../src/cdk/render-once';
import { renderConfig } from '../src/cdktf/render-once';
import { checkTopology } from '../src/guard/check';
import { extractCloudFormation } from '../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../src/guard/extract-terraform';
import { TopologyGuardOptions } from '../src/model/guard-options';

// A collection between measurements keeps one run's garbage from being billed to the next.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// An example synthesizes in a fraction of a second, where GC and JIT noise is large: more runs there.
// A small app's guard cost is tens of ms, within the run-to-run noise: more runs there, where they are cheap.
const REPS = process.env.BENCH_REPS === undefined ? undefined : Math.max(1, Number(process.env.BENCH_REPS));
const repsFor = (municipalities: number) => REPS ?? (municipalities <= 10 ? 7 : 3);
const EXAMPLE_REPS = Math.max(1, Number(process.env.BENCH_EXAMPLE_REPS ?? 9));
/** BENCH_CHECK=only: the check case alone; none: without it. */
const CHECK = process.env.BENCH_CHECK === 'none' ? 'none' : process.env.BENCH_CHECK === 'only' ? 'only' : 'with';
const SIZES = process.env.BENCH_BREAKDOWN === 'none' || CHECK === 'only' ? [] : (process.env.BENCH_SIZES ?? '10,100').split(',').map(Number).filter((n) => n > 0);
const ENGINES = (process.env.BENCH_ENGINES ?? 'cdk,tf').split(',') as Engine[];
const EXAMPLES = Object.keys(BLUEPRINTS);
const EXAMPLE_CASES = process.env.BENCH_EXAMPLES === 'none' || process.env.BENCH_BREAKDOWN === 'none' || CHECK === 'only' ? [] : (process.env.BENCH_EXAMPLES?.split(',') ?? EXAMPLES);

type Engine = 'cdk' | 'tf';

/**
 * How an app is synthesized: `off` with validation skipped; `idle` with validation, the guard's check answering at
 * once without looking (everything but the guard); `on` as users run it.
 */
type Variant = 'off' | 'idle' | 'on';
const VARIANTS: readonly Variant[] = ['off', 'idle', 'on'];

/** One thing to synthesize: a reference example, or a generated app of `municipalities` stacks. */
interface Case {
  readonly label: string;
  readonly example?: string;
  readonly municipalities: number;
}

/** What one synthesis of one app took. */
interface Run {
  /** Building the construct tree (`new MunicipalNetwork` ...): the same with and without the guard. */
  readonly build: number;
  /** `app.synth()`: where the guard runs. */
  readonly synth: number;
  /**
   * The guard's own work during that `app.synth()`: time inside its check, less the render of each stack that it hands
   * on to the synthesizer (src/cdk/render-once.ts, src/cdktf/render-once.ts), which synthesis does anyway. 0 without it.
   */
  readonly guard: number;
  /** Of the check's time: rendering the stacks, handed on to the synthesizer (0 without the guard). */
  readonly shared: number;
  /** Full renders of a stack (`_toCloudFormation()` / `toTerraform()`) during `app.synth()`: one per stack if none is wasted. */
  readonly renders: number;
}

/** The guard's work redone by hand on an app synthesized without it, phase by phase (summed over stacks). */
interface GuardPhases {
  /** Rendering the stack (`_toCloudFormation()` / `toTerraform()`), as the guard does and hands on to the synthesizer. */
  readonly render: number;
  /** CDK only: the logical ID → construct path map for findings. */
  readonly paths: number;
  readonly extract: number;
  readonly check: number;
}

interface Built {
  readonly stacks: number;
  synth(): void;
  /** Redo the guard's work stack by stack (after `synth`), timed per phase. */
  guardPhases(): GuardPhases;
}

interface Row {
  readonly engine: Engine;
  readonly label: string;
  readonly generated: boolean;
  readonly municipalities: number;
  /** Validation off. */
  readonly without: Run;
  /** Validation on, the guard idle: everything but the guard. */
  readonly idle: Run;
  /** As users run it. */
  readonly with: Run;
  readonly phases: GuardPhases;
  readonly resources: number;
  readonly stacks: number;
  /** Wall time of the case's process, warm-up and cross-check included. */
  readonly seconds: number;
}

/** Set in a child process: the case it measures, the temporary directory and where to write the result. */
const CHILD = process.env.BENCH_CASE
  ? JSON.parse(process.env.BENCH_CASE) as { engine: Engine; case: Case; reps: number; tmp: string; result: string }
  : undefined;

const tmpRoot = CHILD?.tmp ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-bench-'));
let tmpCount = 0;
function tmpDir(): string {
  const dir = path.join(tmpRoot, String(tmpCount++));
  fs.mkdirSync(dir);
  return dir;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** Since the last reset: time inside TopologyGuard.check (either engine), of which rendering stacks, and full renders. */
let guardMs = 0;
let sharedMs = 0;
let renders = 0;
let insideCheck = 0;
/** While set, the guard's check returns no finding without doing anything; `idleChecks` counts those calls. */
let guardIdle = false;
let idleChecks = 0;

/**
 * Wrap the guard's private static `check` (the one function both adapters' validations call, in src/cdk/guard.ts
 * and src/cdktf/guard.ts) with a stopwatch. This times the guard where it really runs, inside `app.synth()`:
 * (with - without) alone is the difference of two noisy figures, often larger than the guard itself.
 */
function instrument(guard: unknown, name: string): void {
  const cls = guard as Record<string, unknown>;
  const check = cls.check;
  if (typeof check !== 'function') throw new Error(`${name}.check not found: update scripts/bench.ts to the guard's code`);
  cls.check = function timedCheck(this: unknown, ...args: unknown[]): unknown {
    if (guardIdle) {
      idleChecks++;
      return [];
    }
    const start = performance.now();
    insideCheck++;
    try {
      return check.apply(this, args);
    } finally {
      insideCheck--;
      guardMs += performance.now() - start;
    }
  };
}
instrument(cdk.TopologyGuard, 'cdk.TopologyGuard');
instrument(tf.TopologyGuard, 'tf.TopologyGuard');

/**
 * Count and time every full render of a stack. The guard's render-once reads the prototype's method when it first
 * guards a stack, which is after this runs, so the guard's renders and the synthesizer's are both seen here.
 */
function instrumentRender(prototype: object, method: string): void {
  const proto = prototype as Record<string, unknown>;
  const render = proto[method];
  if (typeof render !== 'function') throw new Error(`${method} not found: update scripts/bench.ts to the library version`);
  proto[method] = function timedRender(this: unknown, ...args: unknown[]): unknown {
    const start = performance.now();
    try {
      return render.apply(this, args);
    } finally {
      renders++;
      if (insideCheck > 0) sharedMs += performance.now() - start;
    }
  };
}
instrumentRender(cdklib.Stack.prototype, '_toCloudFormation');
instrumentRender(cdktf.TerraformStack.prototype, 'toTerraform');

// ---- AWS CDK ----

/** An app like the CLI's with --no-version-reporting (as scripts/synth-examples.ts runs it), in a temp outdir. */
function cdkApp(): cdklib.App {
  return new cdklib.App({ outdir: tmpDir(), analyticsReporting: false });
}

function buildCdk(c: Case, validate: boolean): Built {
  const app = cdkApp();
  const stacks: { stack: cdklib.Stack; options: TopologyGuardOptions }[] = [];
  if (c.example) {
    const { stack } = buildCdkExample(c.example, app);
    stacks.push({ stack, options: guardOptions(BLUEPRINTS[c.example]) });
  } else {
    stacks.push(...addCdkMunicipalities(app, c.municipalities));
  }
  return {
    stacks: stacks.length,
    // skipValidation skips every node.addValidation in the tree, not only the guard's (see printMethod()).
    synth: () => { app.synth({ skipValidation: !validate }); },
    guardPhases: () => {
      const total = { render: 0, paths: 0, extract: 0, check: 0 };
      for (const { stack, options } of stacks) {
        // The same steps as TopologyGuard.check in src/cdk/guard.ts, minus annotations and the report file.
        const [{ template, elements }, render] = time(() => renderTemplate(stack));
        const [paths, pathsMs] = time(() => Object.fromEntries(elements.map((e) => [stack.resolve(e.logicalId), e.node.path])));
        const [graph, extract] = time(() => extractCloudFormation({ [stack.stackName]: template }, { [stack.stackName]: paths }));
        const [, check] = time(() => checkTopology(graph, options));
        total.render += render;
        total.paths += pathsMs;
        total.extract += extract;
        total.check += check;
      }
      return total;
    },
  };
}

// ---- CDKTF ----

function buildTf(c: Case, validate: boolean): Built {
  // cdktf decides at App construction whether synth() validates; `cdktf synth` validates by default.
  const app = new cdktf.App({ outdir: tmpDir(), skipValidation: !validate });
  const stacks: { stack: cdktf.TerraformStack; options: TopologyGuardOptions }[] = [];
  if (c.example) {
    const { stack } = buildTfExample(c.example, app);
    stacks.push({ stack, options: guardOptions(BLUEPRINTS[c.example]) });
  } else {
    stacks.push(...addTfMunicipalities(app, c.municipalities));
  }
  return {
    stacks: stacks.length,
    synth: () => app.synth(),
    guardPhases: () => {
      const total = { render: 0, paths: 0, extract: 0, check: 0 };
      for (const { stack, options } of stacks) {
        // The same steps as TopologyGuard.check in src/cdktf/guard.ts, minus annotations and the report file.
        const [config, render] = time(() => renderConfig(stack) as TerraformJson);
        const [graph, extract] = time(() => extractTerraform({ [stack.node.id]: config }));
        const [, check] = time(() => checkTopology(graph, options));
        total.render += render;
        total.extract += extract;
        total.check += check;
      }
      return total;
    },
  };
}

// ---- measurement ----

function build(engine: Engine, c: Case, validate: boolean): Built {
  return engine === 'cdk' ? buildCdk(c, validate) : buildTf(c, validate);
}

interface Sample {
  readonly run: Run;
  /** Only for runs with validation off: the guard's phases, timed after (and outside) the synthesis. */
  readonly phases?: GuardPhases;
  readonly resources: number;
  readonly stacks: number;
}

/** One fresh app, built and synthesized (synth is cached per app, so an app is never synthesized twice). */
function runOnce(engine: Engine, c: Case, variant: Variant, count = false): Sample {
  const before = tmpCount;
  gc();
  const [built, buildMs] = time(() => build(engine, c, variant !== 'off'));
  guardMs = 0;
  sharedMs = 0;
  renders = 0;
  idleChecks = 0;
  guardIdle = variant === 'idle';
  const [, synthMs] = time(() => built.synth());
  guardIdle = false;
  const run: Run = { build: buildMs, synth: synthMs, guard: guardMs - sharedMs, shared: sharedMs, renders };
  const called = { off: guardMs === 0 && idleChecks === 0, idle: idleChecks > 0 && guardMs === 0, on: guardMs > 0 && idleChecks === 0 };
  if (!called[variant]) throw new Error(`variant ${variant}: the guard's check ran ${guardMs > 0 ? 'for real' : idleChecks > 0 ? 'idle' : 'not at all'}`);
  const resources = count ? countOutput(engine, path.join(tmpRoot, String(before))).resources : 0;
  const phases = variant === 'off' ? built.guardPhases() : undefined;
  for (let i = before; i < tmpCount; i++) fs.rmSync(path.join(tmpRoot, String(i)), { recursive: true, force: true });
  return { run, phases, resources, stacks: built.stacks };
}

/** A small app that runs every code path of `c` (all four models when generated), for the warm-up. */
function warmUpCase(c: Case): Case {
  return c.example ? c : { label: 'warm-up', municipalities: ROTATION.length };
}

function runMedians(samples: Sample[]): Run {
  const med = (f: (r: Run) => number) => median(samples.map((s) => f(s.run)));
  // Renders: the most seen, so that a wasted render in any run shows.
  return {
    build: med((r) => r.build),
    synth: med((r) => r.synth),
    guard: med((r) => r.guard),
    shared: med((r) => r.shared),
    renders: Math.max(...samples.map((s) => s.run.renders)),
  };
}

/** Measure one case (in a child process): warm-up, then `reps` runs of each variant. */
function measure(engine: Engine, c: Case, reps: number): Row {
  process.stderr.write(`  ${engine} ${c.label}: warm-up`);
  // The first synthesis in a process pays for JIT compilation and lazy module loading; it is not counted.
  // A generated app warms up on a small one: the code is the same, and a 100-stack warm-up would cost a minute.
  VARIANTS.forEach((v) => runOnce(engine, warmUpCase(c), v));
  const samples: Record<Variant, Sample[]> = { off: [], idle: [], on: [] };
  for (let r = 0; r < reps; r++) {
    process.stderr.write(` ${r + 1}`);
    // Rotate the order so that drift (heap growth, other load) does not favour one variant.
    for (let i = 0; i < VARIANTS.length; i++) {
      const v = VARIANTS[(r + i) % VARIANTS.length];
      samples[v].push(runOnce(engine, c, v, r === 0));
    }
  }
  process.stderr.write('\n');
  const sizes = VARIANTS.map((v) => samples[v][0].resources);
  if (new Set(sizes).size !== 1) throw new Error(`the guard changed the output: ${sizes.join(' / ')} resources (${VARIANTS.join(' / ')})`);
  const phase = (f: (p: GuardPhases) => number) => median(samples.off.map((s) => f(s.phases!)));
  return {
    engine,
    label: c.label,
    generated: !c.example,
    municipalities: c.municipalities,
    without: runMedians(samples.off),
    idle: runMedians(samples.idle),
    with: runMedians(samples.on),
    phases: { render: phase((p) => p.render), paths: phase((p) => p.paths), extract: phase((p) => p.extract), check: phase((p) => p.check) },
    resources: sizes[0],
    stacks: samples.off[0].stacks,
    seconds: 0,
  };
}

/** Run one case in a fresh Node process (see the top of the file); undefined if it failed. */
function measureInChild(engine: Engine, c: Case, reps: number): Row | undefined {
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'case-'));
  const result = path.join(tmp, 'result.json');
  const started = performance.now();
  // Type-checking is `npx tsc` 's job; the child only needs the JavaScript.
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename], {
    cwd: path.resolve(__dirname, '..'),
    // aws-cdk-lib's template validation off: it is not the guard's, and with it on its cost (and its own warm-up)
    // would blur the breakdown; the whole-process table shows it.
    env: { ...process.env, CDK_VALIDATION: 'false', TS_NODE_PROJECT: 'test/tsconfig.json', BENCH_CASE: JSON.stringify({ engine, case: c, reps, tmp, result }) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  const row = child.status === 0 && fs.existsSync(result) ? { ...JSON.parse(fs.readFileSync(result, 'utf8')) as Row, seconds } : undefined;
  fs.rmSync(tmp, { recursive: true, force: true });
  if (!row) console.error(`${engine} ${c.label}: failed (exit ${child.status ?? child.signal}) after ${seconds.toFixed(0)} s`);
  return row;
}

// ---- output ----

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (x: number) => x.toFixed(0);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(', ') + ' (1, 5, 15 min)';
}

function printMachine(): void {
  const cpus = os.cpus();
  console.log('jichitai-network synth benchmark (npm run bench)');
  console.log(`machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, `
    + `${os.platform()} ${os.release()}, Node ${process.version}`);
  const versions = ['aws-cdk-lib', 'cdktf', '@cdktf/provider-aws', 'constructs']
    .map((p) => `${p} ${(JSON.parse(fs.readFileSync(require.resolve(`${p}/package.json`), 'utf8')) as { version: string }).version}`);
  console.log(`libraries: ${versions.join(', ')}`);
  // Other processes on the machine skew absolute times (shares less so: both sides of a share come from one run).
  console.log(`load average at start: ${loadAverage()}`);
  console.log('in-process breakdown: each case in a fresh Node process: one unmeasured warm-up of each variant (a generated app warms up');
  console.log(`  on a ${ROTATION.length}-municipality one), then the median of ${EXAMPLE_REPS} runs (examples) or ${SIZES.map((n) => `${repsFor(n)} (N=${n})`).join(', ')} runs (generated apps) of each`);
  console.log('  variant (no validation, guard idle, with guard), in rotating order; a fresh app per run, synthesized into a temporary directory that is removed');
  console.log('  afterwards; a full GC before each run');
}

function printMethod(): void {
  console.log(`
The three syntheses of the same app:
  no validation  CDK: app.synth({ skipValidation: true }), which skips validateTree(), i.e. every node.addValidation()
                 in the app. CDKTF: new App({ skipValidation: true }), which skips stack.runAllValidations() in every
                 stack and the App's own node.validate(). The other validations (aws-cdk-lib's construct checks,
                 cdktf's provider-presence and Terraform-version checks) go too.
  guard idle     validation on, and the guard's check answers "no finding" at once: everything a synthesis does
                 except the guard. The baseline for the guard's cost.
  with guard     as users run it.
Columns:
  build           constructing the tree (new MunicipalNetwork ...); the guard adds nothing there
  synth           app.synth()
  with - idle     end to end: the difference of the two medians, and its share of synth with the guard idle. It
                  includes what the guard does outside its check (report file, reuse check) and the garbage it
                  leaves, but also run-to-run noise of several percent
  guard in synth  the guard's own work during synth with guard: time inside TopologyGuard.check, less the
                  stack renders it hands on to the synthesizer (which synthesis does anyway; see shared render),
                  and its share of synth with the guard idle: what the guard adds to synth time
  e2e share       guard in synth as a share of build + synth with the guard idle (what a cdk/cdktf synth waits for)
  renders         full renders of a stack (_toCloudFormation() / toTerraform()) in one synth with guard / stacks:
                  equal when the synthesizer writes the guard's render instead of rendering again (render-once.ts);
                  "!" marks a wasted render (guard in synth then understates the guard's cost)
  shared render   of the check's time, the stack renders handed on to the synthesizer
  paths .. check  the guard's other phases redone by hand on the app synthesized without it (a cross-check):
                  paths = logical ID -> construct path map (CDK), extract = output -> topology graph,
                  check = checkTopology() (the rules)`);
}

/** The whole-process cases: the guard at N=100 (validation off and on), cdk-nag beside it, and the growth sizes. */
function wholeCases(): WholeCase[] {
  if (process.env.BENCH_WHOLE === 'none' || CHECK === 'only') return [];
  const pairs = Math.max(1, Number(process.env.BENCH_PAIRS ?? 7));
  const fewPairs = Math.max(1, Number(process.env.BENCH_VALIDATION_PAIRS ?? 3));
  const growthPairs = Math.max(1, Number(process.env.BENCH_GROWTH_PAIRS ?? 3));
  const n = Math.max(1, Number(process.env.BENCH_N ?? 100));
  const growth = (process.env.BENCH_GROWTH ?? '10,50,300').split(',').map(Number).filter((g) => g > 0 && g !== n);
  const cases: WholeCase[] = [];
  for (const engine of ENGINES) {
    cases.push({ engine, municipalities: n, validation: false, peer: 'guard', pairs });
    if (engine === 'cdk') {
      cases.push({ engine, municipalities: n, validation: true, peer: 'guard', pairs: fewPairs });
      cases.push({ engine, municipalities: n, validation: false, peer: 'cdk-nag', pairs: fewPairs });
    }
    for (const g of growth) cases.push({ engine, municipalities: g, validation: false, peer: 'guard', pairs: growthPairs });
  }
  return cases;
}

/**
 * The prefecture cases (issue 16): a hub and N members in one app, synthesized with and without the guard, at each size of
 * BENCH_PREFECTURE (default 10,50,100; "none" skips), BENCH_PREFECTURE_PAIRS pairs each (default 2: a 100-member app is
 * minutes of CPU per process).
 */
function prefectureCases(): WholeCase[] {
  if (process.env.BENCH_PREFECTURE === 'none' || CHECK === 'only') return [];
  const pairs = Math.max(1, Number(process.env.BENCH_PREFECTURE_PAIRS ?? 2));
  const sizes = (process.env.BENCH_PREFECTURE ?? '10,50,100').split(',').map(Number).filter((n) => n > 0);
  return ENGINES.flatMap((engine) => sizes.map((n): WholeCase => ({ engine, municipalities: n, validation: false, peer: 'guard', pairs, prefecture: true })));
}

function printPrefecture(rows: WholeRow[]): void {
  if (rows.length === 0) return;
  console.log('\nA prefecture (examples/prefecture.ts): a security cloud hub and N members of the four models in one app, whole processes');
  console.log('with and without the guard in alternating pairs (aws-cdk-lib validation off); the guard reads the hub with every member\n');
  console.log(prefectureTable(rows, table));
  const growth = growthTable(rows, table, true);
  if (growth) {
    console.log('\nGrowth with the number of members N: t ∝ N^k; k = 1 is linear (x2.00 per doubling)\n');
    console.log(growth);
  }
}

function printWhole(rows: WholeRow[]): void {
  if (rows.length === 0) return;
  console.log('\nWhole processes: fresh `node` processes synthesizing the same app without and with the guard (or cdk-nag),');
  console.log('alternating in pairs; CPU = user + system of the whole process (module loading, synthesis, GC, exit);');
  console.log('ratio = with / without within each pair, then the median (and range) over the pairs\n');
  console.log(wholeTable(rows, table));
  const growth = growthTable(rows, table);
  if (growth) {
    console.log('\nGrowth with the number of municipalities N (aws-cdk-lib validation off): t ∝ N^k; k = 1 is linear (x2.00 per doubling)\n');
    console.log(growth);
  }
}

/** The cases counted in instructions (BENCH_INSTRUCTIONS, BENCH_INSTRUCTIONS_PREFECTURE: sizes; default none). */
function instructionCases(): WholeCase[] {
  const sizes = (name: string) => (process.env[name] ?? '').split(',').map(Number).filter((n) => n > 0);
  return ENGINES.flatMap((engine) => [
    ...sizes('BENCH_INSTRUCTIONS').map((n): WholeCase => ({ engine, municipalities: n, validation: false, peer: 'guard', pairs: 1 })),
    ...sizes('BENCH_INSTRUCTIONS_PREFECTURE').map((n): WholeCase => ({ engine, municipalities: n, validation: false, peer: 'guard', pairs: 1, prefecture: true })),
  ]);
}

/** The cases of the guard's steady state (BENCH_STEADY: sizes; default none). */
function steadyCases(): WholeCase[] {
  const sizes = (process.env.BENCH_STEADY ?? '').split(',').map(Number).filter((n) => n > 0);
  return ENGINES.flatMap((engine) => sizes.map((n): WholeCase => ({ engine, municipalities: n, validation: false, peer: 'guard', pairs: 1 })));
}

function printSteady(rows: SteadyRow[]): void {
  if (rows.length === 0) return;
  console.log('\nThe guard warm and at synthesis (Valgrind Callgrind, main thread; aws-cdk-lib validation off): three processes of the');
  console.log('same app at once, without the guard, and with it judging every stack again after the synthesis once and five times');
  console.log('(the guard\'s extraction and rules on the inputs it had, in the same process: its code warm). "at synthesis" is the');
  console.log('guard\'s extra per stack during the synthesis (its code warming up, the collections its garbage causes, the adapter\'s');
  console.log('work); "warm" is what the same judging costs once the code is optimized\n');
  console.log(steadyTable(rows, table));
}

function printInstructions(rows: InstructionRow[]): void {
  if (rows.length === 0) return;
  console.log('\nInstructions of whole processes (Valgrind Callgrind, per thread; aws-cdk-lib validation off): the same app without');
  console.log('and with the guard, run at the same time; main thread = the app, the synthesis and the guard\'s code; other threads =');
  console.log('V8\'s workers (TurboFan\'s concurrent compiler, the parallel and concurrent garbage collector). Unlike CPU time, these');
  console.log('counts do not depend on the machine\'s load (two runs of the same app side by side differed by 0.04%, by up to 0.5% when');
  console.log('four runs shared the two cores). "of which TurboFan compiling": the part of the other threads\' extra spent in V8\'s');
  console.log('concurrent compile tasks (OptimizingCompileDispatcher::CompileTask, inclusive), i.e. compiling the guard\'s code to');
  console.log('optimized machine code; the rest of the other threads is garbage collection\n');
  console.log(instructionTable(rows, table));
}

async function main(): Promise<number> {
  printMachine();
  const rows: Row[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const whole: WholeRow[] = [];
  const prefecture: WholeRow[] = [];
  const cases = [...wholeCases(), ...prefectureCases()];
  const checkCase = CHECK !== 'none' && ENGINES.includes('cdk');
  let checked: CheckRow | undefined;
  const counted = instructionCases();
  const steady = steadyCases();
  const valgrind = counted.length + steady.length > 0 ? findValgrind() : undefined;
  if (counted.length + steady.length > 0 && !valgrind) {
    // Asked for and impossible: said loudly, and the bench fails (as it does for a case that fails to synthesize).
    console.error(`\n*** SKIPPED: the instruction counts (${[...counted, ...steady].map(label).join('; ')}): valgrind is not installed (Debian: apt-get install valgrind) ***\n`);
    failures.push('instructions (valgrind is not installed)');
  }
  const instructions: InstructionRow[] = [];
  const steadyRows: SteadyRow[] = [];
  if (cases.length > 0 || checkCase || valgrind) {
    process.stderr.write('compiling the whole-process app (scripts/bench-process.ts) and the CLI (src/cli/bin.ts)\n');
    const script = compileProcessApp();
    const tmp = wholeTmp();
    try {
      for (const c of cases) {
        try {
          (c.prefecture ? prefecture : whole).push(measureWhole(script, c, tmp));
        } catch (e) {
          console.error(String(e));
          failures.push(label(c));
        }
      }
      if (checkCase) {
        try {
          const n = Math.max(1, Number(process.env.BENCH_N ?? 100));
          checked = measureCheck(script, n, Math.max(1, Number(process.env.BENCH_CHECK_REPS ?? 3)), tmp);
        } catch (e) {
          console.error(String(e));
          failures.push('check');
        }
      }
      for (const c of valgrind ? counted : []) {
        try {
          instructions.push(await measureInstructions(valgrind!, script, c, tmp));
        } catch (e) {
          console.error(String(e));
          failures.push(`${label(c)} (instructions)`);
        }
      }
      for (const c of valgrind ? steady : []) {
        try {
          steadyRows.push(await measureSteady(valgrind!, script, c, tmp));
        } catch (e) {
          console.error(String(e));
          failures.push(`${label(c)} (steady state)`);
        }
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    printWhole(whole);
    printPrefecture(prefecture);
    printInstructions(instructions);
    printSteady(steadyRows);
    if (checked) {
      console.log('\n`jichitai-network check` of the synthesized cdk.out (fresh processes of the compiled CLI, one per model of the rotation,');
      console.log('summed), next to the `cdk synth` that made it (one process, guard on, aws-cdk-lib validation as set)\n');
      console.log(checkTable(checked, table));
    }
  }
  for (const engine of ENGINES) {
    const inProcess: [Case, number][] = [
      ...EXAMPLE_CASES.map((example): [Case, number] => [{ label: `example ${example}`, example, municipalities: 1 }, EXAMPLE_REPS]),
      ...SIZES.map((n): [Case, number] => [{ label: `${n} municipalities`, municipalities: n }, repsFor(n)]),
    ];
    for (const [c, reps] of inProcess) {
      const row = measureInChild(engine, c, reps);
      if (row) rows.push(row);
      else failures.push(`${engine} ${c.label}`);
    }
  }

  if (rows.length > 0) printBreakdown(rows);
  console.log(`\nWall time per in-process case (s, warm-up and cross-check included): ${rows.map((r) => `${r.engine} ${r.label} ${r.seconds.toFixed(0)}`).join(', ')}`);
  console.log(`Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end: ${loadAverage()}`);
  if (failures.length > 0) {
    console.error(`\nFailed: ${failures.join(', ')}`);
    return 1;
  }
  return 0;
}

function printBreakdown(rows: Row[]): void {
  console.log('\nIn-process breakdown (ms, medians inside one warmed-up process per case, aws-cdk-lib validation off;');
  console.log('a share is of synth with the guard idle: what the guard adds)\n');
  console.log(table(
    ['engine', 'case', 'resources', 'build', 'synth, no validation', 'synth, guard idle', 'synth with guard', 'with - idle',
      'guard in synth', 'e2e share', 'renders', 'shared render', 'paths', 'extract', 'check'],
    rows.map((r) => {
      const diff = r.with.synth - r.idle.synth;
      return [
        r.engine, r.label, String(r.resources), ms(r.with.build), ms(r.without.synth), ms(r.idle.synth), ms(r.with.synth),
        `${ms(diff)} (${pct(diff / r.idle.synth)})`, `${ms(r.with.guard)} (${pct(r.with.guard / r.idle.synth)})`,
        pct(r.with.guard / (r.idle.build + r.idle.synth)),
        `${r.with.renders}/${r.stacks}${r.with.renders > r.stacks ? ' !' : ''}`,
        ms(r.with.shared), r.engine === 'cdk' ? ms(r.phases.paths) : '-', ms(r.phases.extract), ms(r.phases.check),
      ];
    }),
  ));

  const growthRows: string[][] = [];
  for (const engine of ENGINES) {
    const gen = rows.filter((r) => r.engine === engine && r.generated).sort((a, b) => a.municipalities - b.municipalities);
    if (gen.length < 2) continue;
    const series: [string, (r: Row) => number][] = [
      ['synth, guard idle', (r) => r.idle.synth],
      ['synth with guard', (r) => r.with.synth],
      ['with - idle', (r) => r.with.synth - r.idle.synth],
      ['with - idle share', (r) => (r.with.synth - r.idle.synth) / r.idle.synth],
      ['guard in synth', (r) => r.with.guard],
      ['guard share', (r) => r.with.guard / r.idle.synth],
      ['guard, cross-check', (r) => r.phases.paths + r.phases.extract + r.phases.check],
      ['render (shared)', (r) => r.phases.render],
    ];
    for (const [name, f] of series) {
      const share = name.endsWith('share');
      const steps = share ? ['(a share: flat = the guard grows like synth)'] : gen.slice(1).map((b, i) => {
        const a = gen[i];
        const k = exponent(a.municipalities, f(a), b.municipalities, f(b));
        return Number.isFinite(k) ? `${a.municipalities}->${b.municipalities}: k=${k.toFixed(2)} (x${(2 ** k).toFixed(2)})` : 'n/a';
      });
      growthRows.push([engine, name, ...gen.map((r) => (share ? pct(f(r)) : ms(f(r)))), steps.join(', ')]);
    }
  }
  if (growthRows.length > 0) {
    const sizes = rows.filter((r) => r.engine === ENGINES[0] && r.generated).map((r) => `N=${r.municipalities}`);
    console.log('\nGrowth with the number of municipalities N (ms): t ∝ N^k, k = ln(t_b/t_a) / ln(N_b/N_a) between sizes a and b;');
    console.log('k = 1 is linear; (xR) is the implied factor per doubling of N, R = 2^k (x2.00 when linear)\n');
    console.log(table(['engine', 'measure', ...sizes, 'growth'], growthRows));
  }
  printMethod();
}

if (CHILD) {
  // A failure propagates as an uncaught exception: the child exits non-zero and the parent reports the case.
  const row = measure(CHILD.engine, CHILD.case, CHILD.reps);
  fs.writeFileSync(CHILD.result, JSON.stringify(row));
} else {
  // Ctrl-C stops the child too; leave no temporary output behind.
  process.on('SIGINT', () => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    process.exit(130);
  });
  void main().then((code) => code, (e: unknown) => {
    console.error(e);
    return 1;
  }).then((code) => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    process.exit(code);
  });
}
