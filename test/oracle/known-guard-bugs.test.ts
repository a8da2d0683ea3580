/**
 * Guard bugs the oracle found and that are not fixed yet (test/oracle/regressions.ts KNOWN_GUARD_BUG_CASES): the oracle
 * gives the verdicts worked out by hand from docs/guard-semantics.md, and compare.ts KNOWN_GUARD_BUGS explains the
 * guard's disagreement exactly (so the property counts such cases apart). The last test is expected to fail while the
 * bug stands (Jest `test.failing`); once the guard agrees it fails: move the case to REGRESSIONS and drop the entry of
 * KNOWN_GUARD_BUGS.
 */
import { compare, KNOWN_GUARD_BUGS } from './compare';
import { oracleVerdicts } from './oracle';
import { KNOWN_GUARD_BUG_CASES } from './regressions';

const cases = KNOWN_GUARD_BUG_CASES.map((r) => [r.name, r] as const);

describe('known guard bugs', () => {
  test('every case names a bug of KNOWN_GUARD_BUGS', () => {
    for (const r of KNOWN_GUARD_BUG_CASES) expect(KNOWN_GUARD_BUGS.map((k) => k.name)).toContain(r.bug);
  });

  test.each(cases)('the oracle gives the hand-derived verdicts: %s', (_name, r) => {
    expect([...oracleVerdicts(r.net)].sort()).toEqual([...r.expected].sort());
  });

  test.each(cases)('while the bug stands, the guard\'s disagreement is the known one: %s', (_name, r) => {
    const c = compare(r.net);
    if (c.agree) return; // fixed: the test.failing below says so
    expect(c.knownGuardBug).toBe(r.bug);
  });

  test.failing.each(cases)('the guard agrees (fails until the fix lands): %s', (_name, r) => {
    const c = compare(r.net);
    expect(c.agree).toBe(true);
  });
});
