/**
 * The guard's verdicts MN-1, MN-2, LG-1, MN-3, MN-4 and the path parts of SC-1 and GUARD-1 against the brute-force oracle of test/oracle/ (written from
 * docs/guard-semantics.md, not from the guard), on random topologies rendered for each engine.
 *
 * ORACLE_CASES (default 200 per engine: `npm test` stays quick; CI sets 5000 in .ci/run) and ORACLE_SEED (default below, printed in the tally) choose the run. A
 * disagreement prints the shrunk network as JSON with both verdicts: add it to test/oracle/regressions.ts.
 * For long runs: `ts-node --project test/tsconfig.json scripts/fuzz.ts --cases 100000`.
 */
import { runProperty } from '../oracle/compare';

const CASES = Number(process.env.ORACLE_CASES ?? 200);
const SEED = Number(process.env.ORACLE_SEED ?? 20260518);

describe('the guard agrees with the oracle (docs/guard-semantics.md)', () => {
  test.each(['cloudformation', 'terraform'] as const)('%s: random topologies', (engine) => {
    const result = runProperty({ engine, cases: CASES, seed: SEED, log: (line) => console.log(line) });
    // The shrunk case (network JSON, both verdicts, the oracle's paths) is the failure message.
    expect(result.shrunk?.report ?? 'no disagreement').toBe('no disagreement');
    expect(result.disagreements).toBe(0);
  }, 900_000);
});
