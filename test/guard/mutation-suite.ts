/**
 * The scaffolding both mutation suites share (mutations-cdk.test.ts, mutations-tf.test.ts): the mutation shape, the
 * model lists, construct look-up, and the run itself — each example untouched must synthesize, every mutation that
 * applies to its model must be refused naming its rule — with the tally printed at the end.
 *
 * The same run checks the Japanese of every finding the guard reports (every rule words each finding in both languages,
 * whatever language is asked for; only the formatting differs): a Japanese message and fix with no English sentence
 * left, and the refusal formatted in Japanese naming the rule. One synthesis per case serves both languages.
 *
 * `MUTATION_EXAMPLES` chooses how many examples take each mutation: `all` (CI, .ci/run) applies every mutation to every
 * example of its models; by default (`one`, a developer's `npm test`, issue 17) each mutation is applied to one of them,
 * taken in turn by its place in the list so that every model still meets mutations of every rule, and every untouched
 * example still synthesizes. The suite's size (MUTATION_SUITE, test/docs/evidence.test.ts) counts every pair either way.
 */
import { IConstruct } from 'constructs';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { CloudServiceCatalogue, GuardLanguage, NetworkModel } from '../../src';
import * as evaluate from '../../src/guard/evaluate';
import { Finding, formatFindingIn } from '../../src/guard/rule';
import { notJapanese } from '../support/japanese';

/** A forbidden change a user could make by hand to a synthesized example. */
export interface Mutation<Stack, Net> {
  readonly name: string;
  /** Rule the guard must name. */
  readonly rule: string;
  readonly models: readonly NetworkModel[];
  /**
   * Why the unreadable-value sweep (unreadable-sweep.test.ts) does not take it: the sweep re-judges the guarded stacks'
   * templates, and this refusal comes from elsewhere (a stack of the app that no guard reads).
   */
  readonly notSwept?: string;
  apply(stack: Stack, net: Net): void;
}

/** Every (example, mutation) pair (`all`), or each mutation on one example of its models (`one`, the default). */
export function mutationExamples(): 'all' | 'one' {
  const v = process.env.MUTATION_EXAMPLES ?? 'one';
  if (v !== 'all' && v !== 'one') throw new Error(`MUTATION_EXAMPLES must be 'all' or 'one', not ${JSON.stringify(v)}`);
  return v;
}

export const ALL = [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA, NetworkModel.BETA_PRIME];
export const NOT_ALPHA_PRIME = [NetworkModel.ALPHA, NetworkModel.BETA, NetworkModel.BETA_PRIME];

/** The construct under `scope` whose path ends in `suffix`; a missing one is a broken test, not a guard verdict. */
export function find<T extends IConstruct>(scope: IConstruct, suffix: string): T {
  const c = scope.node.findAll().find((x) => x.node.path.endsWith(suffix));
  if (!c) throw new Error(`test setup: no construct ending in ${suffix}`);
  return c as T;
}

/** One engine's suite as `runMutationSuite` was given it. */
export interface RegisteredSuite {
  readonly engine: string;
  readonly mutations: readonly Mutation<any, any>[];
  readonly example: (name: string) => { stack: any; net: any };
  readonly synth: (stack: any) => void;
}

/**
 * The suites, for a test that reads them without running them (unreadable-sweep.test.ts): with `collectOnly` set, loading
 * a mutation suite's file records its suite here and registers no test.
 */
export const registered: { collectOnly: boolean; readonly suites: RegisteredSuite[]; readonly prefectures: RegisteredPrefectureSuite[] } = {
  collectOnly: false, suites: [], prefectures: [],
};

/** One engine's prefecture suite as `runPrefectureMutations` was given it. */
export interface RegisteredPrefectureSuite {
  readonly engine: string;
  readonly mutations: readonly PrefectureMutation<any>[];
  readonly build: () => any;
  readonly synth: (prefecture: any) => void;
}

/**
 * Register the suite's tests for every example: `example(name)` builds a fresh one, `synth(stack)` synthesizes it with
 * the guard (and throws its refusal). Prints "guard mutation tally (<engine>): ..." after all of them.
 */
export function runMutationSuite<Stack, Net>(
  engine: string,
  mutations: readonly Mutation<Stack, Net>[],
  example: (name: string) => { stack: Stack; net: Net },
  synth: (stack: Stack) => void,
  supplementary: Readonly<Record<string, readonly Mutation<Stack, Net>[]>> = {},
): void {
  if (registered.collectOnly) {
    registered.suites.push({ engine, mutations, example, synth });
    return;
  }
  const tally = { tried: 0, refused: 0, wrongRule: [] as string[], falseAlarms: [] as string[] };
  const spy = jest.spyOn(evaluate, 'evaluateTopology');
  /** Synthesize; the refusal's text (empty when it synthesized) and every finding the guard reported. */
  const judged = (stack: Stack): { message: string; findings: Finding[] } => {
    spy.mockClear();
    let message = '';
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    const outcomes = spy.mock.results.filter((r) => r.type === 'return').map((r) => r.value as evaluate.GuardOutcome);
    return { message, findings: outcomes.flatMap((o) => [...o.blocking, ...o.warned, ...o.acknowledged.map((a) => a.finding)]) };
  };
  // The examples of BLUEPRINTS take every mutation of their model; a supplementary example (SUPPLEMENTARY_BLUEPRINTS,
  // e.g. α′ case ウ) only the mutations given for it.
  const runs = [
    ...Object.keys(BLUEPRINTS).map((name) => ({ name, model: BLUEPRINTS[name].model, mutations })),
    ...Object.entries(supplementary).map(([name, own]) => ({ name, model: SUPPLEMENTARY_BLUEPRINTS[name].model, mutations: own })),
  ];
  // By default each mutation of the main list goes to one example of its models, the next one for the next mutation (a
  // supplementary example's own mutations all run: there is one example for them).
  const every = mutationExamples() === 'all';
  const examples = Object.keys(BLUEPRINTS);
  const takes = (name: string, mutation: Mutation<Stack, Net>): boolean => {
    const index = mutations.indexOf(mutation);
    if (every || index < 0 || !examples.includes(name)) return true;
    const candidates = examples.filter((e) => mutation.models.includes(BLUEPRINTS[e].model));
    return candidates[index % candidates.length] === name;
  };

  describe.each(runs.map((r) => [r.name, r] as const))(`guard mutations on the %s example (${engine})`, (name, run) => {
    const model = run.model;

    test('the untouched example synthesizes, and what it reports is worded in Japanese too', () => {
      const { stack } = example(name);
      const { message, findings } = judged(stack);
      if (message) tally.falseAlarms.push(`${name}: ${message}`);
      expect(message).toBe('');
      expect(findings.map(japaneseProblem).filter(Boolean)).toEqual([]);
    });

    const applicable = run.mutations.filter((m) => m.models.includes(model) && takes(name, m));
    test.each(applicable.map((m) => [m.name, m] as const))('refuses: %s', (_, mutation) => {
      const { stack, net } = example(name);
      mutation.apply(stack, net);
      tally.tried++;
      const { message, findings } = judged(stack);
      if (message.includes(` ${mutation.rule} `)) tally.refused++;
      else tally.wrongRule.push(`${name}: ${mutation.name} → ${message ? message.split('\n').slice(0, 3).join(' | ') : 'synthesized'}`);
      expect(message).toMatch(new RegExp(`\\] ${mutation.rule} (critical|error|warning) \\(`));
      // In Japanese: every finding worded, and the refusing one formatted with the Japanese severity and fix.
      expect(findings.map(japaneseProblem).filter(Boolean)).toEqual([]);
      const refusing = findings.find((f) => f.ruleId === mutation.rule);
      expect(formatFindingIn(refusing!, GuardLanguage.JAPANESE)).toMatch(new RegExp(`\\] ${mutation.rule} (重大|エラー|警告)（[^]*対処: `));
    });
  });

  afterAll(() => {
    // eslint-disable-next-line no-console
    console.log(`guard mutation tally (${engine}): ${tally.tried} mutations tried, ${tally.refused} refused with the right rule, `
      + `${tally.wrongRule.length} missed or misnamed, ${tally.falseAlarms.length} false alarms on untouched examples`
      + (every ? '' : ' (each mutation on one example of its models; MUTATION_EXAMPLES=all, as in CI, applies it to every one)')
      + [...tally.wrongRule, ...tally.falseAlarms].map((l) => `\n  - ${l}`).join(''));
  });
}

/**
 * The names of the catalogue's services are interpolated as they are (some are English descriptions, e.g. "Microsoft 365
 * (…) with Entra tenant restrictions v2"): they are names, not wording to translate.
 */
const SERVICE_NAMES = CloudServiceCatalogue.all().map((s) => s.name).sort((a, b) => b.length - a.length);
const withoutNames = (text: string | undefined) => SERVICE_NAMES.reduce((t, n) => t?.split(n).join('〈サービス〉'), text);

/** Why a finding's Japanese is wrong, or undefined. */
function japaneseProblem(f: Finding): string | undefined {
  const message = notJapanese(withoutNames(f.ja?.message));
  const fix = notJapanese(withoutNames(f.ja?.fix));
  return message ? `${f.ruleId} message: ${message}` : fix ? `${f.ruleId} fix: ${fix}` : undefined;
}

/** A forbidden change to the reference prefecture (examples/prefecture.ts): a hub and members of every model. */
export interface PrefectureMutation<Prefecture> {
  readonly name: string;
  /** Rule the guard must name. */
  readonly rule: string;
  apply(prefecture: Prefecture): void;
}

/**
 * Register the tests of the reference prefecture: untouched, it synthesizes under the guard; each mutation is refused
 * naming its rule (SC-1 … SC-4 across the hub and its members). `build()` makes a fresh prefecture, `synth(p)`
 * synthesizes it with the guard (and throws its refusal).
 */
export function runPrefectureMutations<Prefecture>(
  engine: string,
  mutations: readonly PrefectureMutation<Prefecture>[],
  build: () => Prefecture,
  synth: (prefecture: Prefecture) => void,
): void {
  if (registered.collectOnly) {
    registered.prefectures.push({ engine, mutations, build, synth });
    return;
  }
  const refusal = (p: Prefecture): string => {
    try {
      synth(p);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  describe(`guard mutations on the reference prefecture (${engine})`, () => {
    test('the untouched prefecture synthesizes', () => {
      expect(refusal(build())).toBe('');
    });
    test.each(mutations.map((m) => [m.name, m] as const))('refuses: %s', (_, mutation) => {
      const p = build();
      mutation.apply(p);
      expect(refusal(p)).toMatch(new RegExp(`\\] ${mutation.rule} (critical|error|warning) \\(`));
    });
  });
}
