/**
 * `jichitai-network explain` and `diff` (issue 14) on synthesized reference deployments: the path of a finding and the
 * route whose removal closes it; what a change opens, and nothing between the two engines' renders of one blueprint;
 * and the blueprint's declared flows and hosts through --blueprint.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App as TfApp } from 'cdktf';
import { addMyNumberNat, cli, copyCdkOut, readJson, synthExample, tempDir, templateFile, writeJson } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
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

  test('a nested stack added (which the guard cannot read) is no "no change": listed as unresolved, exit 1 (outside tester)', async () => {
    const nested = copyCdkOut(compliant, path.join(work, 'nested.out'));
    const file = templateFile(nested);
    const template = readJson(file);
    template.Resources.MoreRoutes = { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/routes.json' } };
    writeJson(file, template);
    const r = await cli('diff', compliant, nested);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^no change in reachability; 1 value\(s\) the guard cannot read added \(GUARD-1\)\n {2}unresolved MoreRoutes /);
    const json = JSON.parse((await cli('diff', compliant, nested, '--format', 'json')).stdout);
    expect(json[0].unresolved).toEqual([expect.objectContaining({ node: 'MoreRoutes' })]);
    // The other way round nothing is added that the guard cannot read.
    expect((await cli('diff', nested, compliant)).code).toBe(0);
  });

  test('one stack on each side is compared whatever their names, and the output says which', async () => {
    const other = synthExample('beta', path.join(work, 'beta.out'));
    const r = await cli('diff', compliant, other);
    // One unit on each side: compared even though the names differ (before → after).
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^SampleCity-alpha → SampleCity-beta: /);
  });
});

describe('--blueprint: the declared flows and hosts, as the guard has them at synth', () => {
  let blueprint: string;
  beforeAll(() => {
    blueprint = path.join(work, 'alpha.blueprint.json');
    fs.writeFileSync(blueprint, JSON.stringify(BLUEPRINTS.alpha, null, 1));
  });

  test('the model comes from the blueprint, and a declared flow the artifact no longer carries is refused (FLOW-1)', async () => {
    const ok = await cli('check', compliant, '--blueprint', blueprint);
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
    expect(ok.stdout).toContain(`declared flows and hosts from ${blueprint}.`);
    // The transit gateway routes toward the LGWAN WAN's intermediate server (172.20.10.5/32) taken out: nothing else opens,
    // but the declared 特定通信 resident-registry → intermediate-server is no longer carried.
    const cut = copyCdkOut(compliant, path.join(work, 'cut.out'));
    const file = templateFile(cut);
    const template = readJson(file);
    const removed = Object.entries(template.Resources as Record<string, any>)
      .filter(([, r]) => r.Type === 'AWS::EC2::TransitGatewayRoute' && r.Properties.DestinationCidrBlock === '172.20.10.5/32' && !r.Properties.Blackhole);
    expect(removed.length).toBeGreaterThan(0);
    for (const [id] of removed) delete template.Resources[id];
    writeJson(file, template);
    const refused = await cli('check', cut, '--blueprint', blueprint, '--format', 'json');
    expect(refused.code).toBe(1);
    const violations = JSON.parse(refused.stdout).flatMap((r: any) => r.violations);
    expect(violations.map((v: any) => v.ruleId)).toEqual(violations.map(() => 'FLOW-1'));
    expect(violations.map((v: any) => v.message).join('\n')).toMatch(/resident-registry-to-intermediate-server/);
    // Without the blueprint the same artifact passes, and the text says what was not judged.
    const blind = await cli('check', cut, '--model', 'α');
    expect(blind.code).toBe(0);
    expect(blind.stdout).toContain('note: no --blueprint given: FLOW-1 had no declared flow to prove open');
  });

  test('a blueprint that is not valid, or flags that contradict it, or neither model nor blueprint: unusable (2)', async () => {
    const bad = path.join(work, 'bad.blueprint.json');
    fs.writeFileSync(bad, JSON.stringify({ ...BLUEPRINTS.alpha, addressSpace: '10.0.0.0/33', municipality: '' }));
    const invalid = await cli('check', compliant, '--blueprint', bad);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/the blueprint is not valid \(2 problems\)\n {2}- \[municipality\] is empty[^\n]*\n {2}- \[addressSpace\] "10\.0\.0\.0\/33"/);
    const contradicted = await cli('check', compliant, '--blueprint', blueprint, '--model', 'beta');
    expect(contradicted.code).toBe(2);
    expect(contradicted.stderr).toMatch(/--model BETA contradicts the blueprint's model ALPHA/);
    const neither = await cli('check', compliant);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toMatch(/give the network model with --model/);
  });
});
