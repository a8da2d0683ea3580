/**
 * The mutation suites in Japanese: every mutation of mutations-cdk.test.ts / mutations-tf.test.ts (their own case
 * tables, read through a stand-in for `runMutationSuite`) applied to the examples built with `language: 'ja'`. Each
 * refusal names the rule in the Japanese form, and every finding the guard reports — blocking, warned or acknowledged,
 * on the untouched examples too — has a Japanese message and fix with no English sentence left in them.
 */
import type { Mutation } from './mutation-suite';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { CloudServiceCatalogue, GuardLanguage } from '../../src';
import * as evaluate from '../../src/guard/evaluate';
import { Finding } from '../../src/guard/rule';
import { notJapanese } from '../support/japanese';

/** What a suite file hands to `runMutationSuite`. */
export type SuiteArgs = [string, readonly Mutation<any, any>[], (name: string) => { stack: any; net: any }, (stack: any) => void,
  Readonly<Record<string, readonly Mutation<any, any>[]>>?];

/** Every example's blueprint asks for Japanese findings (the maps are this test file's own module instances). */
export function examplesInJapanese(): void {
  for (const map of [BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS]) {
    for (const name of Object.keys(map)) map[name] = { ...map[name], language: GuardLanguage.JAPANESE };
  }
}

/**
 * The names of the catalogue's services are interpolated as they are (some are English descriptions, e.g. "Microsoft 365
 * (…) with Entra tenant restrictions v2"): they are names, not wording to translate.
 */
const SERVICE_NAMES = CloudServiceCatalogue.all().map((s) => s.name).sort((a, b) => b.length - a.length);
const withoutNames = (text: string | undefined) => SERVICE_NAMES.reduce((t, n) => t?.split(n).join('〈サービス〉'), text);

/** Why a finding's Japanese is wrong, or undefined. */
function problemOf(f: Finding): string | undefined {
  const message = notJapanese(withoutNames(f.ja?.message));
  const fix = notJapanese(withoutNames(f.ja?.fix));
  return message ? `${f.ruleId} message: ${message}` : fix ? `${f.ruleId} fix: ${fix}` : undefined;
}

/** Register the Japanese run of one suite's cases. */
export function runJapaneseSuite(args: SuiteArgs): void {
  const [engine, mutations, example, synth, supplementary = {}] = args;
  const spy = jest.spyOn(evaluate, 'evaluateTopology');
  const runs = [
    ...Object.keys(BLUEPRINTS).map((name) => ({ name, model: BLUEPRINTS[name].model, mutations })),
    ...Object.entries(supplementary).map(([name, own]) => ({ name, model: SUPPLEMENTARY_BLUEPRINTS[name].model, mutations: own })),
  ];
  /** Synthesize; the refusal's text (empty when it synthesized) and every finding the guard reported. */
  const judged = (stack: unknown) => {
    spy.mockClear();
    let message = '';
    try {
      synth(stack);
    } catch (e) {
      message = (e as Error).message;
    }
    const outcomes = spy.mock.results.filter((r) => r.type === 'return').map((r) => r.value as evaluate.GuardOutcome);
    const findings = outcomes.flatMap((o) => [...o.blocking, ...o.warned, ...o.acknowledged.map((a) => a.finding)]);
    return { message, findings, outcomes };
  };

  describe.each(runs.map((r) => [r.name, r] as const))(`guard mutations in Japanese on the %s example (${engine})`, (name, run) => {
    test('the untouched example synthesizes, and what it reports is Japanese', () => {
      const { stack } = example(name);
      const { message, findings, outcomes } = judged(stack);
      expect(message).toBe('');
      expect(outcomes.length).toBeGreaterThan(0);
      expect(findings.map(problemOf).filter(Boolean)).toEqual([]);
      // The report keeps the English fields and adds the Japanese ones.
      for (const o of outcomes) {
        const report = JSON.parse(o.report);
        expect(report.language).toBe('ja');
        for (const f of [...report.violations, ...report.warnings, ...report.acknowledged]) {
          expect(f.message).toEqual(expect.any(String));
          expect(f.ja.message).toEqual(expect.any(String));
        }
      }
    });

    test.each(run.mutations.filter((m) => m.models.includes(run.model)).map((m) => [m.name, m] as const))('refuses in Japanese: %s', (_, mutation) => {
      const { stack, net } = example(name);
      mutation.apply(stack, net);
      const { message, findings } = judged(stack);
      expect(message).toMatch(new RegExp(`\\] ${mutation.rule} (重大|エラー|警告)（`));
      expect(message).toContain('対処: ');
      expect(findings.some((f) => f.ruleId === mutation.rule)).toBe(true);
      expect(findings.map(problemOf).filter(Boolean)).toEqual([]);
    });
  });
}
