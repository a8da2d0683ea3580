/**
 * `explainFinding` (issue 14): the path of a finding hop by hop, and the smallest set of routes / rules whose removal
 * closes it — checked by re-running the guard on the graph without them, in both engines' output.
 */
import { Engine, exampleGraph, openPath } from './open-path';
import { BLUEPRINTS } from '../../examples/blueprints';
import { checkTopology } from '../../src/guard/check';
import { ConfigElement, withoutElements } from '../../src/guard/elements';
import { explainFinding, FindingExplanation, formatExplanation } from '../../src/guard/explain';
import { RouteTarget, TopologyGraph } from '../../src/guard/graph';

const ENGINES: Engine[] = ['cloudformation', 'terraform'];
const options = (name: string) => ({ model: BLUEPRINTS[name].model, alphaPrimeCase: BLUEPRINTS[name].alphaPrimeCase });

/** Whether the guard still reports MN-1 from the finding's subnet once the elements are gone. */
function stillFound(graph: TopologyGraph, name: string, e: FindingExplanation, removed: readonly ConfigElement[]): boolean {
  return checkTopology(withoutElements(graph, removed), options(name)).some((f) => f.ruleId === 'MN-1' && f.path === e.finding.path);
}

/** The one MN-1 path finding from the opened subnet. */
function pathFinding(graph: TopologyGraph, name: string, cidr: string, extra = {}): FindingExplanation {
  const found = explainFinding(graph, options(name), 'MN-1', { from: cidr, ...extra });
  expect(found.length).toBe(1);
  return found[0];
}

describe.each(['alpha', 'beta-prime'])('explain on the %s example', (name) => {
  describe.each(ENGINES)('%s', (engine) => {
    test('names the added route as the cut (size 1), and removing it closes the finding', () => {
      const opened = openPath(engine, name);
      const e = pathFinding(opened.graph, name, opened.subnetCidr);
      expect(e.path?.hops.map((h) => h.node)).toContain(opened.route);
      if (e.closure.kind !== 'cut') throw new Error(`expected a cut: ${formatExplanation(e)}`);
      expect(e.closure.elements).toEqual([expect.objectContaining({ kind: 'route', source: opened.route, destination: '0.0.0.0/0' })]);
      expect(stillFound(opened.graph, name, e, [])).toBe(true);
      expect(stillFound(opened.graph, name, e, e.closure.elements)).toBe(false);
      // The other cuts of size 1 listed close it too (here: the default NACL's IPv4 allow-all outbound entry).
      expect(formatExplanation(e)).toMatch(/remove route 0\.0\.0\.0\/0 in /);
    });

    test('a finding with two independent paths (IPv4 and IPv6) needs a cut of size 2', () => {
      const opened = openPath(engine, name, true);
      const e = pathFinding(opened.graph, name, opened.subnetCidr);
      if (e.closure.kind !== 'cut') throw new Error(`expected a cut: ${formatExplanation(e)}`);
      const routes = e.closure.elements.map((x) => (x.kind === 'route' ? x.source : x.kind));
      expect(routes.sort()).toEqual([opened.route, opened.route6!].sort());
      expect(e.closure.paths.length).toBe(2);
      // Minimal: either route alone leaves the finding; both close it.
      for (const one of e.closure.elements) expect(stillFound(opened.graph, name, e, [one])).toBe(true);
      expect(stillFound(opened.graph, name, e, e.closure.elements)).toBe(false);
      // Bounded: asked for a cut of one element at most, the answer is that there is none.
      const bounded = pathFinding(opened.graph, name, opened.subnetCidr, { maxCutSize: 1 });
      expect(bounded.closure).toEqual(expect.objectContaining({ kind: 'no-cut', maxSize: 1, exhausted: false }));
      expect(formatExplanation(bounded)).toMatch(/no cut of size ≤ 1 found/);
    });
  });
});

describe('explain filters and findings that are not paths', () => {
  const opened = openPath('cloudformation', 'alpha');

  test('the gateway attached to the My Number VPC is not a path: the rule\'s fix', () => {
    const all = explainFinding(opened.graph, options('alpha'), 'MN-1');
    const gateway = all.find((e) => e.finding.path === 'OpenedGateway');
    expect(gateway?.closure).toEqual({ kind: 'fix', fix: gateway?.finding.fix });
  });

  test('--to keeps the findings whose packets go there', () => {
    expect(explainFinding(opened.graph, options('alpha'), 'MN-1', { to: '8.8.8.8' }).length).toBe(1);
    // 10.0.64.10 is in the LGWAN VPC: the opened path does not lead there.
    expect(explainFinding(opened.graph, options('alpha'), 'MN-1', { to: '10.0.64.10' })).toEqual([]);
  });

  test('each hop shows the element that carried it and the packets', () => {
    const [e] = explainFinding(opened.graph, options('alpha'), 'MN-1', { from: opened.subnetCidr });
    const text = formatExplanation(e);
    expect(text).toContain(`packets: ${opened.subnetCidr} → every IPv4 address all protocols`);
    expect(text).toContain('[route 0.0.0.0/0 in ');
    expect(text).toContain(`arriving: ${opened.subnetCidr} → every IPv4 internet address all protocols`);
  });

  test('a rule the model does not have is refused', () => {
    expect(() => explainFinding(opened.graph, options('alpha'), 'AP-1')).toThrow(/does not apply/);
    expect(() => explainFinding(opened.graph, options('alpha'), 'XX-9')).toThrow(/no rule XX-9/);
  });
});

describe.each(ENGINES)('explain through the transit gateway (%s, alpha)', (engine) => {
  test('every single element on the way is a cut: the route, the association, the transit gateway route', () => {
    // By hand on the graph: the first My Number transit subnet routes 0.0.0.0/0 to the transit gateway, and the
    // segment's transit gateway table sends 0.0.0.0/0 to the security cloud VPN instead of dropping it.
    const graph = exampleGraph(engine, 'alpha');
    const nodes = new Map(graph.nodes);
    const vpn = [...nodes.values()].find((n) => n.type === 'transit-attachment' && n.zone === 'SECURITY_CLOUD')!;
    const myNumberVpc = [...nodes.values()].find((n) => n.type === 'vpc' && n.segment === 'MY_NUMBER')!;
    const attachment = [...nodes.values()].find((n) => n.type === 'transit-attachment' && n.vpc?.kind === 'node' && n.vpc.id === myNumberVpc.id)!;
    const tgwTable = [...nodes.values()].find((n) => n.type === 'transit-route-table' && n.associations.some((a) => a.kind === 'node' && a.id === attachment.id))!;
    const subnet = [...nodes.values()].filter((n) => n.type === 'subnet' && n.vpc.kind === 'node' && n.vpc.id === myNumberVpc.id && n.tags['jichitai:subnet-role'] === 'transit')
      .sort((a, b) => a.id.localeCompare(b.id))[0];
    const table = [...nodes.values()].find((n) => n.type === 'route-table' && n.subnets.includes(subnet.id))!;
    if (tgwTable.type !== 'transit-route-table' || table.type !== 'route-table' || attachment.type !== 'transit-attachment' || subnet.type !== 'subnet') throw new Error('test setup');
    nodes.set(tgwTable.id, {
      ...tgwTable,
      routes: tgwTable.routes.map((r) => (r.destination === '0.0.0.0/0' ? { ...r, blackhole: false, attachment: { kind: 'node' as const, id: vpn.id } } : r)),
    });
    nodes.set(table.id, { ...table, routes: [...table.routes, { source: table.id, destination: '0.0.0.0/0', target: RouteTarget.TRANSIT_GATEWAY, ref: attachment.transitGateway }] });
    const mutated: TopologyGraph = { ...graph, nodes };
    const [e] = explainFinding(mutated, options('alpha'), 'MN-1', { from: subnet.cidr });
    if (e?.closure.kind !== 'cut') throw new Error(`expected a cut: ${e && formatExplanation(e)}`);
    expect(e.path?.end).toBe('zone SECURITY_CLOUD');
    expect(e.closure.elements.length).toBe(1);
    const all = [e.closure.described[0], ...e.closure.alternatives.map((a) => a[0])];
    expect(all).toEqual(expect.arrayContaining([
      expect.stringMatching(/^route 0\.0\.0\.0\/0 in /),
      expect.stringMatching(/^association of .* with transit gateway route table /),
      expect.stringMatching(/^transit gateway route 0\.0\.0\.0\/0 in /),
    ]));
    // Each of them, removed on its own by the transformer, closes the finding.
    const association: ConfigElement = { kind: 'transit-association', table: tgwTable.id, attachment: attachment.id };
    const tgwRoute = tgwTable.routes.find((r) => r.destination === '0.0.0.0/0')!;
    for (const cut of [association, { kind: 'transit-route', table: tgwTable.id, source: tgwRoute.source, destination: '0.0.0.0/0' } as ConfigElement]) {
      expect(stillFound(mutated, 'alpha', e, [])).toBe(true);
      expect(stillFound(mutated, 'alpha', e, [cut])).toBe(false);
    }
  });
});
