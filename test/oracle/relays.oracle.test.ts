/**
 * Service relays against an independent oracle (./relays-oracle.ts, written from docs/guard-semantics.md §14): random
 * networks of functions, queues, topics, buses, a bucket, their deliveries, resource policies, endpoints and IAM grants
 * (each function's role, roles others assume, users, groups), rendered as
 * CloudFormation; for every start of each closed segment, the ends outside it that the library's chains reach must be
 * those the oracle's depth-first enumeration of simple paths reaches.
 *
 * RELAY_ORACLE_CASES (default 300) and RELAY_ORACLE_SEED (default 20261206) drive the property test; `npm run fuzz`
 * runs more.
 */
import { genNet, Grant, oracleVerdict, Principal, RelayNet, renderCfn, RoleSpec, Rng } from './relays-oracle';
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

describe('service relays: hand-derived examples of grants (§14 "Grants")', () => {
  const net = (over: Partial<RelayNet>): RelayNet => ({
    functions: [], queues: [], topics: [], bus: false, bucket: false, deliveries: [], schedules: [], policies: [], endpoints: [], ...over,
  });
  const agree = (n: RelayNet) => {
    for (const segment of ['Mn', 'Lg'] as const) expect(differences(oracleVerdict(n, segment), libraryVerdict(n, segment))).toEqual([]);
  };
  const role = (grants: Grant[], more: Partial<RoleSpec> = {}): RoleSpec => ({ grants, attach: 'inline', ...more });
  const g = (service: Grant['service'], access: Grant['access'], resource: string, form = 0): Grant => ({ service, access, resource, form });

  test('a My Number function sends to a queue an Internet function may receive from: the receiver; may only read its attributes or send too: nothing', () => {
    const n = (access: Grant['access'], form = 0) => net({
      functions: [{ name: 'Fn0', place: 'Mn', role: role([g('sqs', 'write', 'Queue0')]) }, { name: 'Fn1', place: 'In', role: role([g('sqs', access, '*', form)]) }],
      queues: ['Queue0'],
    });
    // ReceiveMessage (form 0), Receive* (1), the consumer's set with visibility, deletion and attributes (2): a read each.
    for (const form of [0, 1, 2]) {
      expect(oracleVerdict(n('read', form), 'Mn')).toEqual(new Map([['Fn0', new Set(['Fn1'])]]));
      agree(n('read', form));
    }
    expect(oracleVerdict(n('metadata'), 'Mn')).toEqual(new Map([['Fn0', new Set()]]));
    expect(oracleVerdict(n('write'), 'Mn')).toEqual(new Map([['Fn0', new Set()]]));
    // SetQueueAttributes (form 2 of both) may redirect the queue's messages: both ways, so the receiver again.
    expect(oracleVerdict(n('both', 2), 'Mn')).toEqual(new Map([['Fn0', new Set(['Fn1'])]]));
    for (const x of [n('metadata'), n('metadata', 1), n('write'), n('write', 1), n('both', 2)]) agree(x);
  });

  test('a bucket written by a My Number function through an AWS::IAM::Policy, read on its objects `…/*` by a function outside every VPC', () => {
    const n = (attach: RoleSpec['attach'], readerAccess: Grant['access']) => net({
      functions: [
        { name: 'Fn0', place: 'Mn', role: role([g('s3', 'write', 'Bucket', 1)], { attach }) },
        { name: 'Fn1', place: 'none', role: role([g('s3', readerAccess, 'Bucket', 2)]) },
      ],
      bucket: true,
    });
    for (const attach of ['inline', 'policy', 'managed-policy'] as const) {
      expect(oracleVerdict(n(attach, 'read'), 'Mn')).toEqual(new Map([['Fn0', new Set(['Fn1'])]]));
      agree(n(attach, 'read'));
    }
    // GetBucketAcl (form 2 of metadata): settings, not contents.
    expect(oracleVerdict(n('policy', 'metadata'), 'Mn')).toEqual(new Map([['Fn0', new Set()]]));
    agree(n('policy', 'metadata'));
  });

  test('AWS managed policies: the Lambda execution roles touch only logs; AmazonSQSFullAccess, unknown here, is everything both ways', () => {
    const n = (managed: RoleSpec['managed']) => net({
      functions: [{ name: 'Fn0', place: 'In', role: role([], { managed }) }, { name: 'Fn1', place: 'Mn' }],
      topics: ['Topic0'],
      endpoints: [{ name: 'Endpoint0', place: 'Mn', service: 'sns' }],
    });
    expect(oracleVerdict(n('basic'), 'Mn')).toEqual(new Map([['Fn1', new Set()], ['Endpoint0', new Set()]]));
    expect(oracleVerdict(n('vpc'), 'Mn')).toEqual(new Map([['Fn1', new Set()], ['Endpoint0', new Set()]]));
    // Everything: the topic the endpoint reaches, and the My Number function itself (the other may invoke it).
    expect(oracleVerdict(n('sqs-full'), 'Mn')).toEqual(new Map([['Fn1', new Set(['Fn0'])], ['Endpoint0', new Set(['Fn0'])]]));
    for (const m of ['basic', 'vpc', 'sqs-full'] as const) agree(n(m));
  });

  test('a function whose role is a literal ARN the output does not hold: everything, both ways', () => {
    const n = net({
      functions: [{ name: 'Fn0', place: 'Lg', role: 'literal' }, { name: 'Fn1', place: 'Mn' }],
      queues: ['Queue0'],
      bus: true,
      bucket: true,
      deliveries: [{ kind: 'rule', from: 'DEFAULT_BUS', to: 'Fn1' }],
      endpoints: [{ name: 'Endpoint0', place: 'Mn', service: 'sqs' }, { name: 'Endpoint1', place: 'Mn', service: 'events' }, { name: 'Endpoint2', place: 'Lg', service: 's3' }],
    });
    expect(oracleVerdict(n, 'Mn')).toEqual(new Map([['Fn1', new Set(['Fn0'])], ['Endpoint0', new Set(['Fn0'])], ['Endpoint1', new Set(['Fn0'])]]));
    // From the LGWAN side: Fn0 reaches Fn1 (directly: everything includes the functions); the bucket's only other side
    // is Fn0 itself, a function of the segment, which ends the chain (§14 "Ends"), so the s3 endpoint reaches nothing.
    expect(oracleVerdict(n, 'Lg')).toEqual(new Map([['Fn0', new Set(['Fn1'])], ['Endpoint2', new Set()]]));
    agree(n);
  });

  test('a `*` grant is every resource of the service; the default bus a rule uses is one of the buses', () => {
    const n = (service: Grant['service'], form = 0) => net({
      functions: [{ name: 'Fn0', place: 'Mn', role: role([g(service, 'write', '*', form)]) }, { name: 'Fn1', place: 'In' }],
      queues: ['Queue0', 'Queue1'],
      topics: ['Topic0'],
      deliveries: [{ kind: 'esm', from: 'Queue1', to: 'Fn1' }, { kind: 'rule', from: 'DEFAULT_BUS', to: 'Topic0' }, { kind: 'subscription', from: 'Topic0', to: 'OUT:https://collector.example.net/' }],
    });
    expect(oracleVerdict(n('sqs'), 'Mn')).toEqual(new Map([['Fn0', new Set(['Fn1'])]]));
    expect(oracleVerdict(n('sns'), 'Mn')).toEqual(new Map([['Fn0', new Set(['OUTSIDE'])]]));
    expect(oracleVerdict(n('events', 1), 'Mn')).toEqual(new Map([['Fn0', new Set(['OUTSIDE'])]]));
    expect(oracleVerdict(n('s3'), 'Mn')).toEqual(new Map([['Fn0', new Set()]]));
    for (const s of ['sqs', 'sns', 'events', 's3', 'lambda'] as const) for (const form of [0, 1]) agree(n(s, form));
  });

  test('whoever else may act: a role an account assumes, an IAM user, a group, a function role also trusted by CodeBuild — the outside; a Step Functions role — nothing', () => {
    const base = { queues: ['Queue0'], endpoints: [{ name: 'Endpoint0', place: 'Mn' as const, service: 'sqs' }] };
    const outside = (p: Principal) => net({ ...base, principals: [p] });
    const reads = [g('sqs', 'read', 'Queue0')];
    for (const p of [
      { name: 'Principal0', kind: 'role', trust: 'account', grants: reads, attach: 'inline' },
      { name: 'Principal0', kind: 'role', trust: 'other-account', grants: reads, attach: 'policy' },
      { name: 'Principal0', kind: 'user', grants: reads, attach: 'inline' },
      { name: 'Principal0', kind: 'group', grants: reads, attach: 'policy' },
    ] as Principal[]) {
      expect(oracleVerdict(outside(p), 'Mn')).toEqual(new Map([['Endpoint0', new Set(['OUTSIDE'])]]));
      agree(outside(p));
    }
    const states = outside({ name: 'Principal0', kind: 'role', trust: 'states', grants: reads, attach: 'inline' });
    expect(oracleVerdict(states, 'Mn')).toEqual(new Map([['Endpoint0', new Set()]]));
    agree(states);
    // A My Number function's role that CodeBuild may assume too: what the function may send, CodeBuild's code may read.
    const shared = net({ queues: ['Queue0'], functions: [{ name: 'Fn0', place: 'Mn', role: role([g('sqs', 'both', 'Queue0')], { trust: 'codebuild' }) }] });
    expect(oracleVerdict(shared, 'Mn')).toEqual(new Map([['Fn0', new Set(['OUTSIDE'])]]));
    agree(shared);
  });

  test('`Action: *` and `NotAction` are everything', () => {
    for (const form of [0, 1]) {
      const n = net({ functions: [{ name: 'Fn0', place: 'Mn' }, { name: 'Fn1', place: 'In', role: role([g('any', 'both', '*', form)]) }] });
      expect(oracleVerdict(n, 'Mn')).toEqual(new Map([['Fn0', new Set(['Fn1'])]]));
      agree(n);
    }
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
