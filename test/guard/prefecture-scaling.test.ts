/**
 * The guard's work on a prefecture grows linearly with the members (issue 16: growth per doubling must be linear). CPU
 * figures are noisy on a shared machine (`npm run bench` prints them); this counts the work instead: every step of the
 * exact reachability (subnets entered, routes followed, transit tables consulted, NACLs applied, probes run) for the
 * reference prefecture (one Terraform stack) with 4 and with 8 members, checked once per model as the guard does. Work
 * of the form a + b·N doubles at most when the members double; a term in N² (every member's flow walking every other
 * member's VPN, as probes from the LGWAN WAN once did) makes it more than double.
 */
import { App } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import { buildCdkPrefecture } from '../../examples/cdk/_prefecture';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { addTfMunicipalities } from '../../scripts/bench-apps';
import { renderConfig } from '../../src/cdktf/render-once';
import { declaredPrefixes } from '../../src/guard/check';
import { withDeclarations } from '../../src/guard/declared';
import { checkParts } from '../../src/guard/evaluate';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Reachability } from '../../src/guard/reachability';

const STEPS = ['explore', 'at', 'follow', 'throughTransit', 'routeTransit', 'toAttachment', 'deliverLocally', 'nacl', 'runProbe'];

/** The reference prefecture of `members` (one Terraform stack), read, with its parts and one reachability, as the guard checks it. */
function prefecture(members: number) {
  const p = buildTfPrefecture(members, Testing.app());
  const graph = extractTerraform({ prefecture: JSON.parse(JSON.stringify(renderConfig(p.stack))) });
  const parts = withDeclarations(p.stack, p.members.map((m) => ({
    part: { scopePath: m.node.path, options: { model: m.blueprint.model, alphaPrimeCase: m.blueprint.alphaPrimeCase } },
    scope: m,
  })));
  return { graph, parts, reach: new Reachability(graph, declaredPrefixes(parts.flatMap((x) => x.flows ?? []))) };
}

/** How many times each step of the reachability runs while the prefecture of `members` is checked. */
function work(members: number): Record<string, number> {
  const { graph, parts, reach } = prefecture(members);
  const counts: Record<string, number> = Object.fromEntries(STEPS.map((s) => [s, 0]));
  const inner = reach as unknown as Record<string, (...a: unknown[]) => unknown>;
  for (const step of STEPS) {
    const original = inner[step].bind(reach);
    inner[step] = (...a: unknown[]) => {
      counts[step]++;
      return original(...a);
    };
  }
  checkParts(graph, parts, { name: 'prefecture', reach });
  return counts;
}

test('doubling the members at most doubles every step of the reachability', () => {
  const four = work(4);
  const eight = work(8);
  for (const step of STEPS) {
    expect([step, four[step]]).not.toEqual([step, 0]);
    expect({ step, ratio: eight[step] <= 2 * four[step] }).toEqual({ step, ratio: true });
  }
}, 120_000);

/**
 * The CDK adapter's own work per prefecture: every member's stack is guarded, and each asks for the set's graph and
 * findings. The set is extracted and checked once, and its parts (each member under its model, with its declarations) are
 * built once: each member once rebuilt every member's part (quadratic in the members, `npm run bench`).
 */
describe('the CDK adapter does a prefecture\'s shared work once', () => {
  function adapterWork(members: number): Record<string, number> {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const modules: Record<string, Record<string, unknown>> = {
      withDeclarations: require('../../src/guard/declared'),
      checkParts: require('../../src/guard/evaluate'),
      extractCloudFormation: require('../../src/guard/extract-cloudformation'),
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    const spies = Object.entries(modules).map(([name, m]) => [name, jest.spyOn(m as Record<string, () => unknown>, name as never)] as const);
    try {
      buildCdkPrefecture(members, new App()).app.synth();
      return Object.fromEntries(spies.map(([name, spy]) => [name, spy.mock.calls.length]));
    } finally {
      for (const [, spy] of spies) spy.mockRestore();
    }
  }

  test('one extraction and one check per synthesis; the parts grow with the members, not their square', () => {
    const four = adapterWork(4);
    const eight = adapterWork(8);
    expect({ extractCloudFormation: four.extractCloudFormation, checkParts: four.checkParts }).toEqual({ extractCloudFormation: 1, checkParts: 1 });
    expect({ extractCloudFormation: eight.extractCloudFormation, checkParts: eight.checkParts }).toEqual({ extractCloudFormation: 1, checkParts: 1 });
    expect(four.withDeclarations).toBeGreaterThan(0);
    expect({ four: four.withDeclarations, eight: eight.withDeclarations, linear: eight.withDeclarations <= 2 * four.withDeclarations })
      .toEqual({ four: four.withDeclarations, eight: eight.withDeclarations, linear: true });
  }, 300_000);
});

/**
 * The CDKTF adapter's walk of the construct tree: each guarded stack asks which stacks of the app no guard reads (only
 * the first acts on it). Each walked the whole tree, so an app of N guarded stacks walked it N times (at 100
 * municipalities 1.7 s of a 13 s synthesis, `npm run bench`); the stacks are found once per synthesis now.
 */
test('the CDKTF adapter walks the app\'s construct tree for its stacks once per synthesis, whatever the number of guarded stacks', () => {
  function rootWalks(stacks: number): number {
    const app = Testing.app();
    addTfMunicipalities(app, stacks);
    const spy = jest.spyOn(app.node, 'findAll');
    try {
      app.synth();
      return spy.mock.calls.length;
    } finally {
      spy.mockRestore();
    }
  }
  const two = rootWalks(2);
  const four = rootWalks(4);
  expect(two).toBeGreaterThan(0);
  expect({ two, four }).toEqual({ two, four: two });
}, 300_000);

/**
 * FLOW-1 and LG-2 find each declared host's security groups by its name (`jichitai:host`) and blocks. A prefecture's
 * members declare hosts of the same names: comparing each member's host with every member's group of that name grew with
 * the square of the members. The groups are indexed by their VPC's blocks now; counted here by the graph lookups made.
 */
test('finding the security groups of every declared host of a prefecture grows linearly with the members', () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const graphModule = require('../../src/guard/graph') as Record<string, () => unknown>;
  const { hostGroups } = require('../../src/guard/rules/flows') as typeof import('../../src/guard/rules/flows');
  const { declaredHostsOf, declaredFlowsOf } = require('../../src/guard/declared') as typeof import('../../src/guard/declared');
  /* eslint-enable @typescript-eslint/no-require-imports */
  function lookups(members: number): { lookups: number; found: number } {
    const p = buildTfPrefecture(members, Testing.app());
    const graph = extractTerraform({ prefecture: JSON.parse(JSON.stringify(renderConfig(p.stack))) });
    const hosts = p.members.flatMap((m) => [...declaredHostsOf(m), ...(declaredFlowsOf(m) ?? []).flatMap((f) => [f.from, f.to])]);
    const spy = jest.spyOn(graphModule, 'deref');
    try {
      const found = hosts.reduce((n, h) => n + hostGroups({ graph } as never, h).length, 0);
      return { lookups: spy.mock.calls.length, found };
    } finally {
      spy.mockRestore();
    }
  }
  const four = lookups(4);
  const eight = lookups(8);
  // Every member's hosts are found (each in its own member's groups), and the work at most doubles.
  expect(four.found).toBeGreaterThan(0);
  expect(eight.found).toBe(2 * four.found);
  expect({ four: four.lookups, eight: eight.lookups, linear: eight.lookups <= 2 * four.lookups })
    .toEqual({ four: four.lookups, eight: eight.lookups, linear: true });
}, 120_000);

/**
 * The rules look nodes up by type (`nodesOf`); a rule that, for each VPC, firewall or log of a prefecture, filters every
 * node of a type (SC-4's flow logs per VPC and SIEM buckets per log, LOG-1's, IN-2's resolver associations per VPC)
 * scans work in the square of the members: at 200 members SC-4 alone took a second (`npm run bench`). Such look-ups
 * are indexed once per graph now (`nodesInVpc`, `flowLogsOf`, `firewallLogDestinations`, `namedNodes`); counted here by
 * the nodes the lists handed to the rules hold, over a whole check of the prefecture.
 */
test('the nodes the rules scan grow linearly with the members of a prefecture', () => {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const graphModule = require('../../src/guard/graph') as Record<string, (...a: unknown[]) => unknown[]>;
  function scanned(members: number): number {
    const { graph, parts, reach } = prefecture(members);
    let nodes = 0;
    const original = graphModule.nodesOf;
    const spy = jest.spyOn(graphModule, 'nodesOf').mockImplementation((...a: unknown[]) => {
      const list = original(...a);
      nodes += list.length;
      return list;
    });
    try {
      checkParts(graph, parts, { name: 'prefecture', reach });
      return nodes;
    } finally {
      spy.mockRestore();
    }
  }
  const four = scanned(4);
  const eight = scanned(8);
  expect(four).toBeGreaterThan(0);
  expect({ four, eight, linear: eight <= 2 * four }).toEqual({ four, eight, linear: true });
}, 300_000);
