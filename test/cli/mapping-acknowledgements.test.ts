/**
 * A mapping file's acknowledgements across the stacks of one run (outside auditor, red team 38): findings of a plain
 * template or Terraform file are named by logical ID or address, the same in every artifact checked together, so an
 * acknowledgement written for city A's reviewed peering silenced city B's too. One without `stack` that covers findings
 * of several stacks is now refused (exit 2); `stack` limits it to one; one naming no stack of the run is refused; one that
 * covers no finding is reported on standard error.
 */
import * as path from 'path';
import { cli, tempDir, writeJson } from './support';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];

/** A My Number and an Internet VPC peered without routes: SEG-1 (an error), and LOG-1 / IN-2 (no flow logs, no security cloud DNS). */
function city(dir: string, name: string): void {
  writeJson(path.join(dir, `${name}.json`), {
    Resources: {
      MnVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
      MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
      InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
      InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
      Peer: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'MnVpc' }, PeerVpcId: { Ref: 'InVpc' } } },
    },
  });
}
const OTHERS = ['IN-2', 'LOG-1'].map((rule) => ({ rule, scope: '', reason: 'the fixture has no security cloud and no flow logs by construction' }));
const PEERING = { rule: 'SEG-1', scope: 'Peer', reason: 'City A migration peering, no route uses it, removal ticket NET-1234' };

async function check(acknowledgements: unknown[], ...names: string[]) {
  const dir = tempDir('mapping-acks');
  const files = names.map((n) => path.join(dir, `${n}.json`));
  names.forEach((n) => city(dir, n));
  const mapping = path.join(dir, 'mapping.json');
  writeJson(mapping, { acknowledgements });
  return cli('check', ...files, '--model', 'α', '--format', 'json', '--mapping', mapping);
}

test('control: one stack, the acknowledgement without "stack" covers its SEG-1 (exit 0)', async () => {
  const r = await check([...OTHERS, PEERING], 'city-a');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)[0].acknowledged.map((a: any) => a.ruleId)).toContain('SEG-1');
});

test('two cities checked together: an acknowledgement without "stack" covering both is refused (exit 2), naming the stacks', async () => {
  const r = await check([...OTHERS, PEERING], 'city-a', 'city-b');
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/acknowledgements\[1\] \(LOG-1 at ""\) covers findings of city-a, city-b: name the stack it is for/);
  expect(r.stderr).toMatch(/acknowledgements\[2\] \(SEG-1 at "Peer"\) covers findings of city-a, city-b/);
});

test('with "stack", each acknowledgement covers its own stack only: city B\'s SEG-1 stays a violation (exit 1)', async () => {
  const perStack = ['city-a', 'city-b'].flatMap((stack) => OTHERS.map((o) => ({ ...o, stack })));
  const r = await check([...perStack, { ...PEERING, stack: 'city-a' }], 'city-a', 'city-b');
  expect(r.code).toBe(1);
  const reports = JSON.parse(r.stdout);
  const of = (stack: string) => reports.find((s: any) => s.stack === stack);
  expect(of('city-a').acknowledged.map((a: any) => a.ruleId)).toContain('SEG-1');
  expect(of('city-b').violations.map((v: any) => `${v.ruleId} ${v.path}`)).toEqual(['SEG-1 Peer']);
});

test('a "stack" naming no stack of the run is refused; an acknowledgement that covers nothing is reported', async () => {
  const stray = await check([...OTHERS, { ...PEERING, stack: 'city-c' }], 'city-a');
  expect(stray.code).toBe(2);
  expect(stray.stderr).toMatch(/acknowledgements\[2\]\.stack "city-c" names no stack checked in this run \(city-a\)/);
  const unused = await check([...OTHERS, PEERING, { rule: 'AP-5', scope: 'Proxy', reason: 'UDP media for the meeting service, vendor requirement documented' }], 'city-a');
  expect(unused.code).toBe(0);
  expect(unused.stderr).toMatch(/warning: acknowledgements\[3\] \(AP-5 at "Proxy"\) covers no finding: remove it, or correct its rule, scope or stack/);
});

test('the mapping file refuses a "stack" that is not a name', async () => {
  const r = await check([{ ...PEERING, stack: 3 }], 'city-a');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/acknowledgements\[0\]\.stack: must be the name of a stack checked in the run/);
});
