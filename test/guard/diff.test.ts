/**
 * `diffReachability` (issue 14): a change that opens one path is reported as exactly that path, in engine-neutral
 * terms, the reverse change as closing it; the CloudFormation and the Terraform render of one blueprint diff to nothing.
 */
import { Engine, exampleGraph, openPath } from './open-path';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { describeReachability, diffReachability, formatChange } from '../../src/guard/diff';

const ENGINES: Engine[] = ['cloudformation', 'terraform'];

describe.each(Object.keys(BLUEPRINTS))('diff of the %s example', (name) => {
  test.each(ENGINES)('%s: a default route to an internet gateway added to a My Number subnet opens exactly that path', (engine) => {
    const before = exampleGraph(engine, name);
    const opened = openPath(engine, name);
    // The premise of the expected entry: the subnet is on its VPC's default NACL, which allows every protocol.
    expect(opened.ownNacl).toBe(false);
    // From the change itself: the subnet's block, every public IPv4 address (the route is 0.0.0.0/0; the private ranges
    // are not the internet, semantics §9), every protocol.
    const expected = `opens MY_NUMBER ${opened.subnetCidr} → internet every IPv4 internet address all protocols`;
    expect(diffReachability(before, opened.graph).map(formatChange)).toEqual([expected]);
    expect(diffReachability(opened.graph, before).map(formatChange)).toEqual([expected.replace(/^opens/, 'closes')]);
  });

  test('the same change made in either engine diffs to nothing', () => {
    expect(diffReachability(openPath('cloudformation', name).graph, openPath('terraform', name).graph)).toEqual([]);
  });
});

describe.each(Object.keys({ ...BLUEPRINTS, ...SUPPLEMENTARY_BLUEPRINTS }))('the %s blueprint', (name) => {
  test('diffs to nothing between its CloudFormation and its Terraform render', () => {
    const cfn = exampleGraph('cloudformation', name);
    const tf = exampleGraph('terraform', name);
    expect(diffReachability(cfn, tf).map(formatChange)).toEqual([]);
    expect(diffReachability(tf, cfn).map(formatChange)).toEqual([]);
    // Not trivially: the network reaches something, and a network against itself is also nothing.
    expect(describeReachability(cfn).length).toBeGreaterThan(0);
    expect(diffReachability(cfn, cfn)).toEqual([]);
  });
});

describe('the entries', () => {
  test('are the whole reachability against an empty network, the declared flows among them', () => {
    const entries = describeReachability(exampleGraph('cloudformation', 'alpha'), {
      hosts: [{ name: 'intermediate-server', zone: 'LGWAN_WAN', cidrs: ['172.20.10.5/32'] }],
    }).map(formatChange);
    // The 特定通信 of the α blueprint: the My Number workload subnets (10.0.0.0/19 in the plan: two /20 workload subnets)
    // to the intermediate server over the LGWAN WAN, HTTPS only (the NACL of the segment lets that flow and nothing else).
    expect(entries).toContainEqual(expect.stringMatching(/^opens MY_NUMBER 10\.0\.0\.0\/\d+ → LGWAN_WAN 172\.20\.10\.5\/32 \(intermediate-server\) tcp\/443$/));
    expect(entries.every((e) => e.startsWith('opens '))).toBe(true);
  });
});
