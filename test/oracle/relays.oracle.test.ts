/**
 * Service relays against an independent oracle (./relays-oracle.ts, written from docs/guard-semantics.md §14): random
 * networks of functions, queues, topics, buses, a bucket, their deliveries, resource policies and endpoints, rendered as
 * CloudFormation; for every start of each closed segment, the ends outside it that the library's chains reach must be
 * those the oracle's depth-first enumeration of simple paths reaches.
 *
 * RELAY_ORACLE_CASES (default 300) and RELAY_ORACLE_SEED (default 20261206) drive the property test; `npm run fuzz`
 * runs more.
 */
import { genNet, oracleVerdict, RelayNet, renderCfn, Rng } from './relays-oracle';
import { Segment } from '../../src';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { relayStarts } from '../../src/guard/rules/relays';

const CASES = Number(process.env.RELAY_ORACLE_CASES ?? 300);
const SEED = Number(process.env.RELAY_ORACLE_SEED ?? 20261206);

/** The library's verdict in the oracle's terms: start → ends outside the segment (a function's name, or OUTSIDE). */
function libraryVerdict(net: RelayNet, segment: 'Mn' | 'Lg'): Map<string, Set<string>> {
  const graph = extractCloudFormation({ S: renderCfn(net) } as any);
  const verdict = new Map<string, Set<string>>();
  for (const start of relayStarts(graph, segment === 'Mn' ? Segment.MY_NUMBER : Segment.LGWAN)) {
    const set = new Set<string>();
    for (const c of start.chains.filter((x) => x.outside)) set.add(c.end.startsWith('n:') ? c.end.slice(2) : 'OUTSIDE');
    verdict.set(start.id, set);
  }
  return verdict;
}

/** Differences between two verdicts, as text (only starts with something outside on either side count). */
function differences(oracle: Map<string, Set<string>>, library: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const start of [...new Set([...oracle.keys(), ...library.keys()])].sort()) {
    const a = [...oracle.get(start) ?? []].sort();
    const b = [...library.get(start) ?? []].sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${start}: oracle ${JSON.stringify(a)}, library ${JSON.stringify(b)}`);
  }
  return out;
}

describe('service relays: hand-derived examples', () => {
  const net = (over: Partial<RelayNet>): RelayNet => ({
    functions: [], queues: [], topics: [], bus: false, bucket: false, deliveries: [], schedules: [], policies: [], endpoints: [], ...over,
  });

  test('§14 Deliveries: a queue between two My Number functions reaches nothing outside; polled from the Internet segment, the poller', () => {
    const between = net({
      functions: [{ name: 'Fn0', place: 'Mn' }, { name: 'Fn1', place: 'Mn' }],
      queues: ['Queue0'],
      deliveries: [{ kind: 'destination', from: 'Fn0', to: 'Queue0' }, { kind: 'esm', from: 'Queue0', to: 'Fn1' }],
    });
    expect(oracleVerdict(between, 'Mn')).toEqual(new Map([['Fn0', new Set()], ['Fn1', new Set()]]));
    expect(differences(oracleVerdict(between, 'Mn'), libraryVerdict(between, 'Mn'))).toEqual([]);
    const out = net({ ...between, functions: [{ name: 'Fn0', place: 'Mn' }, { name: 'Fn1', place: 'In' }] });
    expect(oracleVerdict(out, 'Mn').get('Fn0')).toEqual(new Set(['Fn1']));
    expect(differences(oracleVerdict(out, 'Mn'), libraryVerdict(out, 'Mn'))).toEqual([]);
  });

  test('§14 Where a closed segment touches them: an sqs endpoint reaches every queue, both ways; a kms endpoint none', () => {
    const n = net({
      functions: [{ name: 'Fn0', place: 'none' }],
      queues: ['Queue0'],
      deliveries: [{ kind: 'esm', from: 'Queue0', to: 'Fn0' }],
      endpoints: [{ name: 'Endpoint0', place: 'Lg', service: 'sqs' }, { name: 'Endpoint1', place: 'Lg', service: 'kms' }],
    });
    expect(oracleVerdict(n, 'Lg')).toEqual(new Map([['Endpoint0', new Set(['Fn0'])]]));
    expect(differences(oracleVerdict(n, 'Lg'), libraryVerdict(n, 'Lg'))).toEqual([]);
  });

  test('§14 Resource policies: everyone may only send to a queue a My Number function polls — a way in; only receive from it — none for the poller', () => {
    const n = (access: 'write' | 'read') => net({
      functions: [{ name: 'Fn0', place: 'Mn' }],
      queues: ['Queue0'],
      deliveries: [{ kind: 'esm', from: 'Queue0', to: 'Fn0' }],
      policies: [{ resource: 'Queue0', access, own: false }],
    });
    expect(oracleVerdict(n('write'), 'Mn').get('Fn0')).toEqual(new Set(['OUTSIDE']));
    expect(oracleVerdict(n('read'), 'Mn').get('Fn0')).toEqual(new Set());
    for (const access of ['write', 'read'] as const) expect(differences(oracleVerdict(n(access), 'Mn'), libraryVerdict(n(access), 'Mn'))).toEqual([]);
  });
});

describe('service relays: seeded property', () => {
  test(`${CASES} random networks agree with the oracle (seed ${SEED})`, () => {
    const rng = new Rng(SEED);
    const failures: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const net = genNet(rng);
      for (const segment of ['Mn', 'Lg'] as const) {
        const diff = differences(oracleVerdict(net, segment), libraryVerdict(net, segment));
        if (diff.length > 0) failures.push(`case ${i} ${segment}: ${diff.join('; ')}\n${JSON.stringify(net)}`);
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
