/**
 * The blueprint fuzz's hub-member mutation (test/fuzz/mutate.ts joinHub), replayed on a few seeds in both engines: every
 * case is a clean validation error, or a valid member the guard refuses only because its hub is not in the output
 * (the known issue the fuzz counts until the guard reads a member with its hub); never a crash or a hang.
 */
import { beta } from '../../examples/blueprints';
import { clone, joinHub } from '../fuzz/mutate';
import { Rng } from '../fuzz/rng';
import { ENGINES, runCase, Tally } from '../fuzz/run';

const SEEDS = Array.from({ length: 12 }, (_, i) => 20261216 + 7919 * i);

test.each(ENGINES)('%s: hub members, valid and mutated, are refused cleanly', (engine) => {
  const tally = new Tally(engine, 'hub members');
  const whats: string[] = [];
  for (const seed of SEEDS) {
    const bp = clone(beta) as any;
    const what = joinHub(bp, new Rng(seed).fork())!;
    whats.push(what);
    tally.add(`${what} (seed ${seed})`, runCase(engine, bp), () => JSON.stringify(bp), undefined, bp);
  }
  expect(tally.failures).toEqual([]);
  expect(tally.counts.crash + tally.counts.hang + tally.counts['rule-breaking']).toBe(0);
  // Both kinds were produced: at least one validation error and one valid member (refused as the known issue, or compliant).
  expect(tally.counts['validation-error']).toBeGreaterThan(0);
  expect(whats.some((w) => w === 'a member of the hub')).toBe(true);
  expect([...tally.known.values()].reduce((a, b) => a + b, 0) + tally.counts.compliant).toBeGreaterThan(0);
}, 300_000);
