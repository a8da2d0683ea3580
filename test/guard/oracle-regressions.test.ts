/**
 * Replays test/oracle/regressions.ts: networks on which the guard and the oracle once disagreed (kept, shrunk, with a
 * name saying what they exercise) and networks that pin a reading of docs/guard-semantics.md. Same comparison as the
 * oracle property test.
 */
import { compare, describeDisagreement } from '../oracle/compare';
import { REGRESSIONS } from '../oracle/regressions';

describe('oracle regressions: the guard agrees with the oracle', () => {
  test.each(REGRESSIONS.map((r) => [`${r.found}: ${r.name}`, r] as const))('%s', (_name, r) => {
    const c = compare(r.net);
    expect(c.agree ? 'agree' : `${r.note}\n${describeDisagreement(r.net, c)}`).toBe('agree');
    expect([...c.guard].sort()).toEqual([...r.expected].sort());
  });
});
