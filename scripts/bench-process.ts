/**
 * One whole-process run of `npm run bench` (scripts/bench.ts starts it with `node`, compiled, once per sample): builds
 * a generated app of N municipalities, synthesizes it the way `cdk synth` / `cdktf synth` run an app, and prints what
 * the process cost from its first instruction to its exit (CPU, peak RSS), so that module loading, aws-cdk-lib's
 * template validation, garbage collection and everything the guard leaves behind are counted.
 *
 * The spec comes in BENCH_PROCESS (JSON, see `ProcessSpec`); aws-cdk-lib's validation is switched by the parent
 * through CDK_VALIDATION, exactly as a user would.
 */
import * as fs from 'fs';
import * as cdklib from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as cdktf from 'cdktf';
import { addCdkMunicipalities, addTfMunicipalities, countOutput, RESULT_MARKER } from './bench-apps';
import { buildCdkPrefecture } from '../examples/cdk/_prefecture';
import { buildTfPrefecture } from '../examples/tf/_prefecture';
import { cdk, tf } from '../src';
import * as evaluate from '../src/guard/evaluate';
import * as cfn from '../src/guard/extract-cloudformation';
import * as tfRead from '../src/guard/extract-terraform';

export interface ProcessSpec {
  readonly engine: 'cdk' | 'tf';
  readonly municipalities: number;
  /** false: `TopologyGuard.apply` is a no-op, so `MunicipalNetwork` builds the same resources unguarded. */
  readonly guard: boolean;
  /** CDK only: cdk-nag's AwsSolutionsChecks on the whole app (the peer a user would otherwise run). */
  readonly nag: boolean;
  /** A prefecture: a security cloud hub and `municipalities` members joined to it (examples/prefecture.ts). */
  readonly prefecture?: boolean;
  /** Where the app synthesizes to (the parent removes it). */
  readonly outdir: string;
  /**
   * With the guard: after the synthesis, judge the same stacks again this many times in the same process (the guard's
   * extraction and rules, with the inputs it had; the render and the adapters' work are not repeated). The difference of
   * two such processes' counts is the guard's cost once its code is warm (`BENCH_STEADY`, scripts/bench-instructions.ts).
   */
  readonly replays?: number;
}

/** What one process cost; printed as the last line of stdout, after RESULT_MARKER. */
export interface ProcessResult {
  /** User + system CPU of the whole process, seconds. */
  readonly cpu: number;
  /** Peak resident set size, MiB. */
  readonly rssMiB: number;
  /**
   * User + system CPU of the process's threads other than the main one (V8's workers: TurboFan's concurrent compiler,
   * the parallel and concurrent garbage collector), seconds; undefined where /proc cannot tell (not Linux).
   */
  readonly cpuOther?: number;
  /** Resources in the synthesized output: the same with and without the guard, or the comparison is void. */
  readonly resources: number;
  /** Guard reports written (jichitai-guard-report.*.json): one per stack when guarded, none otherwise. */
  readonly reports: number;
  /** With `replays`: the guard's evaluations run again (stacks times replays), each with the findings it had at synthesis. */
  readonly replayed?: number;
}

function main(): void {
  const spec = JSON.parse(process.env.BENCH_PROCESS ?? 'null') as ProcessSpec | null;
  if (!spec) throw new Error('BENCH_PROCESS is not set: this program is started by scripts/bench.ts');
  if (!spec.guard) {
    // The same app, unguarded: MunicipalNetwork calls TopologyGuard.apply(this, ...) in its constructor.
    (cdk.TopologyGuard as unknown as { apply: () => void }).apply = () => undefined;
    (tf.TopologyGuard as unknown as { apply: () => void }).apply = () => undefined;
  }
  const recorded = spec.replays ? recordGuard() : undefined;
  if (spec.engine === 'cdk') {
    // As `cdk synth` runs an app (its default context: path and asset metadata on), without version reporting.
    const app = new cdklib.App({
      outdir: spec.outdir,
      analyticsReporting: false,
      context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true },
    });
    if (spec.prefecture) buildCdkPrefecture(spec.municipalities, app);
    else addCdkMunicipalities(app, spec.municipalities);
    if (spec.nag) cdklib.Aspects.of(app).add(new AwsSolutionsChecks());
    app.synth();
  } else {
    if (spec.nag) throw new Error('cdk-nag is for CDK apps');
    const app = new cdktf.App({ outdir: spec.outdir });
    if (spec.prefecture) buildTfPrefecture(spec.municipalities, app);
    else addTfMunicipalities(app, spec.municipalities);
    app.synth();
  }
  const counted = countOutput(spec.engine, spec.outdir);
  const replayed = recorded ? replayGuard(recorded, spec.replays!) : undefined;
  process.on('exit', () => {
    // Taken as late as possible: everything the process did is in it.
    const usage = process.resourceUsage();
    const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    const onMain = mainThreadCpu();
    const result: ProcessResult = {
      cpu,
      rssMiB: usage.maxRSS / 1024,
      ...(onMain === undefined ? {} : { cpuOther: Math.max(0, cpu - onMain) }),
      ...counted,
      ...(replayed === undefined ? {} : { replayed }),
    };
    process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
  });
}

/** What the guard read and how it judged it, recorded during the synthesis (`replays`). */
interface Recorded {
  readonly extracts: { readonly engine: 'cdk' | 'tf'; readonly args: unknown[] }[];
  readonly evaluations: Parameters<typeof evaluate.evaluateTopology>[];
  readonly outcomes: evaluate.GuardOutcome[];
  /** The functions themselves (the replays must not record again). */
  readonly real: {
    readonly cfn: typeof cfn.extractCloudFormation;
    readonly tf: typeof tfRead.extractTerraform;
    readonly evaluate: typeof evaluate.evaluateTopology;
  };
}

/** An outcome's verdict: its findings by rule and path, in order (a replay must find the same). */
function verdictOf(outcome: evaluate.GuardOutcome): string {
  return JSON.stringify([...outcome.blocking, ...outcome.warned].map((f) => `${f.ruleId} ${f.path}`));
}

/**
 * Record every extraction and evaluation the adapters ask for (the modules' exports are what the adapters call, so
 * wrapping them sees every call), to run them again afterwards (`replayGuard`).
 */
function recordGuard(): Recorded {
  const cfnExtract = cfn.extractCloudFormation;
  const tfExtract = tfRead.extractTerraform;
  const evaluateTopology = evaluate.evaluateTopology;
  const recorded: Recorded = { extracts: [], evaluations: [], outcomes: [], real: { cfn: cfnExtract, tf: tfExtract, evaluate: evaluateTopology } };
  const writable = (m: object) => m as Record<string, unknown>;
  writable(cfn).extractCloudFormation = (...args: Parameters<typeof cfnExtract>) => {
    recorded.extracts.push({ engine: 'cdk', args });
    return cfnExtract(...args);
  };
  writable(tfRead).extractTerraform = (...args: Parameters<typeof tfExtract>) => {
    recorded.extracts.push({ engine: 'tf', args });
    return tfExtract(...args);
  };
  writable(evaluate).evaluateTopology = (...args: Parameters<typeof evaluateTopology>) => {
    const outcome = evaluateTopology(...args);
    recorded.evaluations.push(args);
    recorded.outcomes.push(outcome);
    return outcome;
  };
  return recorded;
}

/**
 * Judge the recorded stacks `times` times more: each evaluation with a graph extracted afresh from its stack's input
 * (one stack per extraction in the generated apps) and no reachability or findings carried over from the synthesis.
 * Returns the evaluations run; a verdict other than the synthesis's fails the run.
 */
function replayGuard(recorded: Recorded, times: number): number {
  if (recorded.extracts.length !== recorded.evaluations.length) {
    throw new Error(`replays need one extraction per evaluation (generated municipalities, no prefecture): ${recorded.extracts.length} / ${recorded.evaluations.length}`);
  }
  const verdicts = recorded.outcomes.map(verdictOf);
  let run = 0;
  for (let t = 0; t < times; t++) {
    recorded.extracts.forEach(({ engine, args }, i) => {
      const graph = engine === 'cdk'
        ? (recorded.real.cfn as (...a: unknown[]) => ReturnType<typeof cfn.extractCloudFormation>)(...args)
        : (recorded.real.tf as (...a: unknown[]) => ReturnType<typeof tfRead.extractTerraform>)(...args);
      const [stackName, , options, acks, more] = recorded.evaluations[i];
      const outcome = recorded.real.evaluate(stackName, graph, options, acks, { ...more, reach: undefined, findings: undefined });
      if (verdictOf(outcome) !== verdicts[i]) {
        throw new Error(`replay ${t + 1} of ${stackName} judged otherwise than its synthesis: ${verdictOf(outcome)}, not ${verdicts[i]}`);
      }
      run++;
    });
  }
  return run;
}
/**
 * The main thread's user + system CPU, seconds, from /proc/self/task/<pid>/stat (fields 14 and 15, in clock ticks: 100
 * per second on Linux, `getconf CLK_TCK`); undefined where that file cannot be read.
 */
function mainThreadCpu(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

main();
