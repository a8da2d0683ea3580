/**
 * A route table's longest prefix match over the address classes (`paint` in reachability.ts) paints the segments between
 * its ranges' ends rather than every class, so that a table costs in its own routes (issue 16: a prefecture's classes are
 * those of every member). Checked here against a reference written apart from it, that decides class by class:
 * the longest range holding the class wins (among ranges of one length, the lowest start), then the best priority of
 * the entries of that very range; `anywhere` joins every class, `outside` every class outside its excepted ranges; a
 * run is a stretch of consecutive classes with the same winner and the same outside membership, and one without any
 * choice is left out.
 */
import * as fc from 'fast-check';
import { paint, PaintEntry, Range, Run } from '../../src/guard/reachability';

interface Input {
  size: number;
  entries: PaintEntry<string>[];
  anywhere: string[];
  outside?: { choices: string[]; except: Range[] };
}

function reference(input: Input): Run<string>[] {
  const { size, entries, anywhere, outside } = input;
  const perClass: { key: string; choices: string[] }[] = [];
  for (let a = 0; a < size; a++) {
    const holding = entries.filter((e) => e.range[0] <= a && a <= e.range[1]);
    let winner: Range | undefined;
    for (const e of holding) {
      const better = !winner || e.length > lengthOf(entries, winner) || (e.length === lengthOf(entries, winner) && e.range[0] < winner[0]);
      if (better) winner = e.range;
    }
    const same = winner ? holding.filter((e) => e.range[0] === winner![0] && e.range[1] === winner![1]) : [];
    const best = Math.min(...same.map((e) => e.priority));
    const joined = outside !== undefined && !outside.except.some(([lo, hi]) => lo <= a && a <= hi);
    perClass.push({
      key: `${winner ? winner.join('-') : 'none'}|${joined}`,
      choices: [...same.filter((e) => e.priority === best).map((e) => e.choice), ...anywhere, ...(joined ? outside!.choices : [])],
    });
  }
  const runs: Run<string>[] = [];
  for (let a = 0; a < size;) {
    let b = a;
    while (b + 1 < size && perClass[b + 1].key === perClass[a].key) b++;
    if (perClass[a].choices.length > 0) runs.push({ a0: a, a1: b, choices: perClass[a].choices });
    a = b + 1;
  }
  return runs;
}

/** The length of the entries of a range (entries of one range have one length: they are one block). */
function lengthOf(entries: readonly PaintEntry<string>[], range: Range): number {
  return entries.find((e) => e.range[0] === range[0] && e.range[1] === range[1])!.length;
}

/** Blocks as prefixes do: a range's length is fixed by the range, and ranges of one length are disjoint or equal. */
const input: fc.Arbitrary<Input> = fc.integer({ min: 0, max: 6 }).chain((bits) => {
  const size = 2 ** bits;
  const block = fc.integer({ min: 0, max: bits }).chain((length) => fc.integer({ min: 0, max: 2 ** length - 1 })
    .map((i): { range: Range; length: number } => {
      const width = size / 2 ** length;
      return { range: [i * width, (i + 1) * width - 1], length };
    }));
  const entry = fc.record({ block, priority: fc.integer({ min: 0, max: 2 }), choice: fc.constantFrom('a', 'b', 'c', 'd') })
    .map(({ block: b, priority, choice }): PaintEntry<string> => ({ range: b.range, length: b.length, priority, choice }));
  return fc.record({
    size: fc.constant(size),
    entries: fc.array(entry, { maxLength: 12 }),
    anywhere: fc.array(fc.constantFrom('any1', 'any2'), { maxLength: 2 }),
    outside: fc.option(fc.record({
      choices: fc.array(fc.constantFrom('vgw1', 'vgw2'), { minLength: 1, maxLength: 2 }),
      except: fc.array(block.map((b) => b.range), { maxLength: 3 }),
    }), { nil: undefined }),
  });
});

test('property: painting segments gives the runs of deciding class by class', () => {
  fc.assert(fc.property(input, (i) => {
    expect(paint(i.size, i.entries, i.anywhere, i.outside)).toEqual(reference(i));
  }), { numRuns: 3000, seed: 20261205 });
});

test('a table\'s cost does not grow with the classes of the graph: one route among 2^40 classes is three runs', () => {
  // Painting every class could not even allocate this many (nor paint a prefecture's hundreds of tables over its
  // thousands of classes in linear time); painting the segments between the ranges' ends does it at once.
  const size = 2 ** 40;
  const runs = paint(size, [
    { range: [2 ** 39, 2 ** 39 + 2 ** 24 - 1], length: 16, priority: 0, choice: 'tgw' },
    { range: [0, size - 1], length: 0, priority: 0, choice: 'nat' },
  ], []);
  expect(runs).toEqual([
    { a0: 0, a1: 2 ** 39 - 1, choices: ['nat'] },
    { a0: 2 ** 39, a1: 2 ** 39 + 2 ** 24 - 1, choices: ['tgw'] },
    { a0: 2 ** 39 + 2 ** 24, a1: size - 1, choices: ['nat'] },
  ]);
});
