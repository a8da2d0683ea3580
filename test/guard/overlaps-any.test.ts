/**
 * `overlapsAny` answers "does this block overlap any of these" by binary search over merged intervals (the declared
 * hosts of a prefecture against each of its subnets). Checked against the pairwise test it replaced, written here
 * again: a block the guard cannot read, on either side, overlaps every one; blocks of different families never overlap.
 */
import * as fc from 'fast-check';
import { overlapsAny, parsePrefix, Prefix } from '../../src/guard/address-space';

/** The pairwise test (the definition). */
function naive(blocks: readonly (Prefix | undefined)[], block: Prefix | undefined): boolean {
  return blocks.some((b) => !b || !block || (b.family === block.family && b.lo <= block.hi && block.lo <= b.hi));
}

// Small spaces, so that overlaps, nesting, adjacency and duplicates are common: 10.0.x.y/n and 2001:db8::x:y/n.
const v4 = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 20, max: 32 }))
  .map(([a, b, n]) => `10.0.${a}.${b}/${n}`);
const v6 = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 100, max: 128 }))
  .map(([a, b, n]) => `2001:db8::${a.toString(16)}:${b.toString(16)}/${n}`);
const text = fc.oneof({ weight: 5, arbitrary: v4 }, { weight: 3, arbitrary: v6 }, { weight: 1, arbitrary: fc.constant('${var.block}') });

test('overlapsAny agrees with the pairwise test on every block', () => {
  fc.assert(fc.property(fc.array(text, { maxLength: 12 }), fc.array(text, { minLength: 1, maxLength: 8 }), (held, asked) => {
    const blocks = held.map((t) => parsePrefix(t));
    const overlaps = overlapsAny(blocks);
    for (const a of asked) {
      const block = parsePrefix(a);
      expect({ held, a, overlaps: overlaps(block) }).toEqual({ held, a, overlaps: naive(blocks, block) });
    }
  }), { seed: 20261476, numRuns: 2000 });
});

test('the edges: adjacent blocks, a block inside a merged run, the other family, none', () => {
  const p = (t: string) => parsePrefix(t);
  const overlaps = overlapsAny([p('10.0.0.0/25'), p('10.0.0.128/25'), p('10.0.2.0/24')]);
  expect(overlaps(p('10.0.0.64/26'))).toBe(true);
  expect(overlaps(p('10.0.0.0/24'))).toBe(true);
  expect(overlaps(p('10.0.1.0/24'))).toBe(false);
  expect(overlaps(p('10.0.2.255/32'))).toBe(true);
  expect(overlaps(p('10.0.3.0/32'))).toBe(false);
  expect(overlaps(p('::/0'))).toBe(false);
  expect(overlaps(undefined)).toBe(true);
  expect(overlapsAny([])(p('0.0.0.0/0'))).toBe(false);
  expect(overlapsAny([undefined])(p('10.0.0.0/32'))).toBe(true);
});
