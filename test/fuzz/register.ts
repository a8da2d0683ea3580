/**
 * The blueprint fuzz as Jest tests (test/fuzz/suite.ts), for one engine: seeded mutations of the reference blueprints and
 * of random valid ones, each a clean validation error or a compliant synthesis with the guard on; and random valid
 * blueprints of every model and α′ case, each a compliant synthesis. Anything else (a crash, a hang, a rule-breaking
 * synthesis) fails; the failure report holds the case's name (its seed and number) and the blueprint: keep it in
 * test/fuzz/regressions.ts. One file per engine, so that Jest runs the two on separate workers.
 *
 * BLUEPRINT_FUZZ_SEED (default below), BLUEPRINT_FUZZ_CASES (mutated, default 50 per engine) and
 * BLUEPRINT_FUZZ_VALID (default 15 per engine) choose the run; the tally lines print them. The defaults keep `npm test`
 * quick; CI (.ci/run) runs 2000 and 500.
 * For long runs: `npm run fuzz -- --suite blueprints --cases 20000 --valid 2000`.
 */
import { Engine } from './run';
import { failureReport, runMutated, runValid } from './suite';

export const SEED = Number(process.env.BLUEPRINT_FUZZ_SEED ?? 20261201);
export const MUTATED = Number(process.env.BLUEPRINT_FUZZ_CASES ?? 50);
export const VALID = Number(process.env.BLUEPRINT_FUZZ_VALID ?? 15);

export function registerBlueprintFuzz(engine: Engine): void {
  describe(`blueprint fuzz (${engine}): no input can inject, crash or slip a rule-breaking network through`, () => {
    test('mutated blueprints are clean validation errors or compliant syntheses', async () => {
      const tally = await runMutated({ engine, cases: MUTATED, seed: SEED });
      console.log(tally.line(SEED));
      expect(tally.failures.length === 0 ? 'no failures' : failureReport(tally)).toBe('no failures');
      // The mutations must reach synthesis too, not only validation errors.
      expect(tally.counts.compliant).toBeGreaterThanOrEqual(Math.floor(MUTATED / 20));
    }, 900_000);

    test('random valid blueprints of every model and α′ case synthesize with the guard on', async () => {
      const tally = await runValid({ engine, cases: VALID, seed: SEED });
      console.log(tally.line(SEED));
      expect(tally.failures.length === 0 ? 'no failures' : failureReport(tally)).toBe('no failures');
      const known = [...tally.known.values()].reduce((n, k) => n + k, 0);
      expect(tally.counts.compliant + known).toBe(VALID);
    }, 900_000);
  });
}
