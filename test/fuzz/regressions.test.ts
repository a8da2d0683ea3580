/**
 * Replays every named regression of test/fuzz/regressions.ts in both engines, with the verdict and lines it must get.
 * A pending one (a fix owned by other work in progress) is expected to fail until that fix lands.
 */
import { REGRESSIONS } from './regressions';
import { ENGINES, runCase } from './run';

describe.each(ENGINES)('blueprint fuzz regressions (%s)', (engine) => {
  const replay = (r: (typeof REGRESSIONS)[number]) => {
    const outcome = runCase(engine, r.blueprint());
    expect({ verdict: outcome.verdict, detail: outcome.detail }).toEqual({ verdict: r.verdict, detail: undefined });
    for (const line of r.errors ?? []) expect(outcome.errors).toEqual(expect.arrayContaining([expect.stringMatching(line)]));
  };
  const fixed = REGRESSIONS.filter((r) => !r.pending);
  const pending = REGRESSIONS.filter((r) => r.pending);
  test.each(fixed.map((r) => [r.name, r] as const))('%s', (_, r) => replay(r));
  if (pending.length > 0) {
    test.failing.each(pending.map((r) => [r.name, r.pending!, r] as const))('pending: %s (fix owned by %s)', (_, __, r) => replay(r));
  }
});
