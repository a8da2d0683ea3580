/**
 * Instruction counts of whole processes (issue 17): the deterministic companion of the CPU-time table.
 *
 * CPU time on a shared machine varies by half between identical runs (the same unguarded process took 10.6 to 18.3 s
 * of CPU in one afternoon), which hides a guard costing a few percent. The number of instructions the process executes
 * does not depend on the machine's load: here each side runs under Valgrind's Callgrind, which counts them per thread
 * (the main thread, where the app, the synthesis and the guard's own code run, apart from V8's worker threads: TurboFan's
 * concurrent compiler and the parallel and concurrent garbage collector; what the compiler's tasks run is split off by
 * function name, `COMPILE_TASK`). Two runs of the same app side by side, one per
 * core, differed by 0.04%; with four runs sharing the two cores, by up to 0.5% (V8 compiles on threads of its own, and
 * when the optimized code arrives changes how much runs before it). The two sides therefore run at the same time, one
 * per core, and nothing else should.
 *
 * Valgrind slows a process down about 15 times (an app of 100 municipalities takes about 8 minutes per side), so this
 * part of `npm run bench` runs only when asked (BENCH_INSTRUCTIONS), and only where `valgrind` is installed (Debian:
 * `apt-get install valgrind`); it says so when it is not.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RESULT_MARKER } from './bench-apps';
import type { ProcessResult } from './bench-process';
import { checkComparable, label, processEnv, WholeCase } from './bench-whole';

const ROOT = path.resolve(__dirname, '..');

/** Instructions executed by one process, on its main thread and on all its other threads together. */
export interface InstructionCount {
  readonly main: number;
  readonly other: number;
  /**
   * Of `other`, what TurboFan's concurrent compile tasks executed (`COMPILE_TASK`, inclusive), or undefined when no
   * thread ran a function of that name (another V8 may name it differently).
   */
  readonly compiler: number | undefined;
}

/**
 * The function V8 (11.3, Node 20) runs each concurrent TurboFan compile job in, on its worker threads
 * (src/compiler-dispatcher/optimizing-compile-dispatcher.cc): the cost under it is compiling JavaScript to optimized code.
 */
const COMPILE_TASK = 'v8::internal::OptimizingCompileDispatcher::CompileTask::RunInternal()';

export interface InstructionRow {
  readonly c: WholeCase;
  readonly without: InstructionCount;
  readonly with: InstructionCount;
  readonly resources: number;
}

/** The `valgrind` program on PATH, or undefined. */
export function findValgrind(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'valgrind');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Both sides of `c` (without and with the guard), run at the same time under Callgrind. */
export async function measureInstructions(valgrind: string, script: string, c: WholeCase, tmp: string): Promise<InstructionRow> {
  if (c.peer !== 'guard') throw new Error(`${label(c)}: instruction counts compare the guard only`);
  process.stderr.write(`  ${label(c)}, instructions under valgrind (both sides at once)...\n`);
  const [without, withGuard] = await Promise.all([false, true].map((guard) => countProcess(valgrind, script, c, guard, tmp)));
  checkComparable(c, [without.result], [withGuard.result]);
  return { c, without: without.count, with: withGuard.count, resources: withGuard.result.resources };
}

async function countProcess(
  valgrind: string, script: string, c: WholeCase, guard: boolean, tmp: string, replays?: number,
): Promise<{ count: InstructionCount; result: ProcessResult }> {
  const dir = fs.mkdtempSync(path.join(tmp, 'callgrind-'));
  const outdir = path.join(dir, 'out');
  fs.mkdirSync(outdir);
  const env = processEnv(c, guard, outdir, replays);
  // --separate-threads: one count per thread (file cg.out-01 is the main thread, the first one started). V8 writes the
  // code it compiles into memory at run time: --smc-check=all-non-file makes Valgrind notice it (Valgrind manual,
  // "--smc-check"), or it would run stale translations.
  const args = ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${path.join(dir, 'cg.out')}`,
    '--smc-check=all-non-file', process.execPath, script];
  try {
    const { code, stdout, stderr } = await run(valgrind, args, env);
    const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
    if (code !== 0 || !line) throw new Error(`${label(c)} ${guard ? 'with' : 'without'} guard under valgrind: exit ${code}\n${stderr.slice(-4000)}`);
    const perThread = fs.readdirSync(dir).filter((f) => /^cg\.out-\d+$/.test(f)).sort().map((f) => {
      const summary = fs.readFileSync(path.join(dir, f), 'utf8').match(/^summary:\s+(\d+)/m);
      if (!summary) throw new Error(`${label(c)}: no summary line in ${f}`);
      return { file: f, thread: Number(f.slice('cg.out-'.length)), instructions: Number(summary[1]) };
    });
    const main = perThread.find((t) => t.thread === 1);
    if (!main) throw new Error(`${label(c)}: callgrind wrote no count for the main thread`);
    const others = perThread.filter((t) => t !== main);
    const other = others.reduce((sum, t) => sum + t.instructions, 0);
    let compiler: number | undefined;
    for (const t of others) {
      const compiled = await compileTaskCost(valgrind, path.join(dir, t.file));
      if (compiled !== undefined) compiler = (compiler ?? 0) + compiled;
    }
    return { count: { main: main.instructions, other, compiler }, result: JSON.parse(line.slice(RESULT_MARKER.length)) as ProcessResult };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The inclusive cost of `COMPILE_TASK` in one thread's Callgrind file, read with `callgrind_annotate` (installed with
 * Valgrind, beside it), or undefined when the thread never ran it.
 */
async function compileTaskCost(valgrind: string, file: string): Promise<number | undefined> {
  const annotate = path.join(path.dirname(valgrind), 'callgrind_annotate');
  const { code, stdout, stderr } = await run(annotate, ['--inclusive=yes', '--threshold=100', file], process.env);
  if (code !== 0) throw new Error(`${annotate} ${file}: exit ${code}\n${stderr.slice(-2000)}`);
  // A line is `<count with commas> (<percent>)  ???:<function> [<object>]`.
  const hit = stdout.split('\n').find((l) => l.includes(`:${COMPILE_TASK}`));
  const count = hit?.trim().match(/^([\d,]+)/);
  return count ? Number(count[1].replace(/,/g, '')) : undefined;
}

function run(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    // Valgrind's own report goes to stderr; only its tail is kept for an error message.
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr = (stderr + d).slice(-16_000); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const giga = (n: number) => (n / 1e9).toFixed(2);

/** The instruction table: one row per case, in billions (G) of instructions. */
/**
 * The guard's cost once its code is warm (BENCH_STEADY): three processes of the same app under Callgrind at once — without
 * the guard, with it judging every stack once more after the synthesis (`ProcessSpec.replays` 1), and 5 times more.
 */
export interface SteadyRow {
  readonly c: WholeCase;
  readonly stacks: number;
  readonly without: InstructionCount;
  readonly once: InstructionCount;
  readonly five: InstructionCount;
}

export async function measureSteady(valgrind: string, script: string, c: WholeCase, tmp: string): Promise<SteadyRow> {
  process.stderr.write(`  ${label(c)}, the guard's steady state under valgrind (three processes at once)...\n`);
  const [without, once, five] = await Promise.all([
    countProcess(valgrind, script, c, false, tmp), countProcess(valgrind, script, c, true, tmp, 1), countProcess(valgrind, script, c, true, tmp, 5),
  ]);
  checkComparable(c, [without.result], [once.result, five.result]);
  const stacks = once.result.replayed ?? 0;
  if (stacks === 0 || five.result.replayed !== 5 * stacks) throw new Error(`${label(c)}: the replays did not run (${once.result.replayed} / ${five.result.replayed})`);
  return { c, stacks, without: without.count, once: once.count, five: five.count };
}

/**
 * Per stack, on the main thread: the guard's extra at synthesis (with one replay, less that replay) and in steady state
 * (the four replays between the two guarded processes).
 */
export function steadyTable(rows: readonly SteadyRow[], table: (header: string[], rows: string[][]) => string): string {
  const mega = (n: number) => (n / 1e6).toFixed(0);
  return table(
    ['engine', 'N', 'stacks', 'G main thread: without / with, 1 replay / with, 5 replays', 'M per stack: guard at synthesis', 'M per stack: guard warm (replays)', 'synthesis / warm'],
    rows.map((r) => {
      const warm = (r.five.main - r.once.main) / (4 * r.stacks);
      const atSynthesis = (r.once.main - r.without.main) / r.stacks - warm;
      return [
        r.c.engine, String(r.c.municipalities), String(r.stacks), `${giga(r.without.main)} / ${giga(r.once.main)} / ${giga(r.five.main)}`,
        mega(atSynthesis), mega(warm), (atSynthesis / warm).toFixed(2),
      ];
    }),
  );
}

export function instructionTable(rows: readonly InstructionRow[], table: (header: string[], rows: string[][]) => string): string {
  return table(
    ['engine', 'app', 'N', 'resources', 'G instr. without (main + other threads)', 'G instr. with', 'ratio',
      "guard's extra: main thread", "guard's extra: other threads", 'of which TurboFan compiling'],
    rows.map((r) => {
      const total = (x: InstructionCount) => x.main + x.other;
      return [
        r.c.engine, r.c.prefecture ? 'prefecture' : 'municipalities', String(r.c.municipalities), String(r.resources),
        `${giga(total(r.without))} (${giga(r.without.main)} + ${giga(r.without.other)})`,
        `${giga(total(r.with))} (${giga(r.with.main)} + ${giga(r.with.other)})`,
        (total(r.with) / total(r.without)).toFixed(3),
        giga(r.with.main - r.without.main), giga(r.with.other - r.without.other),
        r.with.compiler !== undefined && r.without.compiler !== undefined ? giga(r.with.compiler - r.without.compiler) : 'not found',
      ];
    }),
  );
}
