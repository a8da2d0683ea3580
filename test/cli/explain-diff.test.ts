/**
 * `jichitai-network explain` and `diff` (issue 14) on synthesized reference deployments: the path of a finding and the
 * route whose removal closes it; what a change opens, and nothing between the two engines' renders of one blueprint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App as TfApp } from 'cdktf';
import { addMyNumberNat, cli, copyCdkOut, synthExample, tempDir } from './support';
import { buildTfExample } from '../../examples/tf/_app';

const STACK = 'SampleCity-alpha';
let work: string;
let compliant: string;
let mutated: string;

beforeAll(() => {
  work = tempDir('explain');
  compliant = synthExample('alpha', path.join(work, 'alpha.out'));
  mutated = copyCdkOut(compliant, path.join(work, 'mutated.out'));
  // My Number workload-1 table → MutRoute 0.0.0.0/0 → MutNat (in MutPublicSubnet 10.0.48.0/24) → MutPublicRoute → MutIgw.
  addMyNumberNat(mutated, STACK);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('explain', () => {
  test('My Number → NAT → internet: each finding\'s path hop by hop, and the one route whose removal closes the way out', async () => {
    const text = await cli('explain', 'MN-1', mutated, '--model', 'α');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/MN-1 critical/);
    expect(text.stdout).toMatch(/path:\n/);
    expect(text.stdout).toMatch(/smallest cut: 1 element/);

    const json = await cli('explain', 'MN-1', mutated, '--model', 'alpha', '--format', 'json');
    expect(json.code).toBe(1);
    const explained = JSON.parse(json.stdout).stacks.flatMap((s: any) => s.explanations);
    // The gateways' presence is no path (the rule's fix); the NAT subnet's way out is: MutPublicSubnet → MutPublicTable's
    // default route (MutPublicRoute) → MutIgw. Its smallest cut is that route, or the VPC's default NACL's allow-all entry.
    expect(explained.filter((e: any) => e.closure.kind === 'fix').map((e: any) => e.finding.path).sort()).toEqual(['MutIgw', 'MutNat']);
    const way = explained.find((e: any) => e.closure.kind === 'cut');
    expect(way.finding.path).toBe('MutPublicSubnet');
    expect(way.path.hops.map((h: any) => h.node)).toEqual(['MutPublicSubnet', 'MutPublicRoute', 'MutIgw']);
    expect(way.closure.elements).toEqual([{ kind: 'route', table: 'MutPublicTable', source: 'MutPublicRoute', destination: '0.0.0.0/0' }]);
    expect(way.closure.alternatives.flat().join('\n')).toMatch(/outbound NACL entry 100 \(allow all 0\.0\.0\.0\/0\)/);
    // --to filters by destination: nothing of MN-1 goes to a My Number host.
    const narrowed = await cli('explain', 'MN-1', mutated, '--model', 'α', '--to', '10.0.0.10');
    expect(narrowed.code).toBe(0);
    expect(narrowed.stdout).toMatch(/no MN-1 finding matching --to 10\.0\.0\.10/);
  });

  test('the compliant example has nothing to explain (0); an unknown rule or one the model lacks is unusable (2)', async () => {
    const none = await cli('explain', 'MN-1', compliant, '--model', 'α');
    expect({ code: none.code, stdout: none.stdout }).toEqual({ code: 0, stdout: `${STACK} (${compliant}): no MN-1 finding\n` });
    const unknown = await cli('explain', 'XX-9', compliant, '--model', 'α');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"XX-9" is no rule of the guard/);
    const wrongModel = await cli('explain', 'AP-1', compliant, '--model', 'α');
    expect(wrongModel.code).toBe(2);
    expect(wrongModel.stderr).toMatch(/rule AP-1 does not apply to model ALPHA/);
    const badCut = await cli('explain', 'MN-1', compliant, '--model', 'α', '--max-cut', '9');
    expect(badCut.code).toBe(2);
  });
});

describe('diff', () => {
  test('the NAT mutation opens My Number → internet from the NAT\'s subnet and nothing else; the reverse closes it', async () => {
    const opened = await cli('diff', compliant, mutated, '--format', 'json');
    expect(opened.code).toBe(1);
    const changes = JSON.parse(opened.stdout).flatMap((r: any) => r.changes);
    expect(changes.length).toBeGreaterThan(0);
    // Every source is the NAT's subnet (what the internet sees of the workload subnets behind it, and the subnet itself).
    expect(changes.map((c: any) => [c.change, c.from, c.fromBlocks, c.to])).toEqual(changes.map(() => ['opens', 'MY_NUMBER', ['10.0.48.0/24'], 'internet']));
    const text = await cli('diff', compliant, mutated);
    expect(text.stdout).toMatch(/^\d+ opened, 0 closed\n {2}opens MY_NUMBER 10\.0\.48\.0\/24 → internet /);
    const closed = await cli('diff', mutated, compliant, '--format', 'json');
    expect(JSON.parse(closed.stdout).flatMap((r: any) => r.changes)).toEqual(changes.map((c: any) => ({ ...c, change: 'closes' })));
  });

  test('the CloudFormation and the CDKTF render of one blueprint diff to nothing (0)', async () => {
    const out = path.join(work, 'cdktf.out');
    buildTfExample('alpha', new TfApp({ outdir: out })).app.synth();
    const r = await cli('diff', compliant, out);
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, stdout: 'no change in reachability\n', stderr: '' });
  });

  test('one stack on each side is compared whatever their names, and the output says which', async () => {
    const other = synthExample('beta', path.join(work, 'beta.out'));
    const r = await cli('diff', compliant, other);
    // One unit on each side: compared even though the names differ (before → after).
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^SampleCity-alpha → SampleCity-beta: /);
  });
});
