/**
 * The network diagram (ネットワーク構成図) of each reference network in both engines: well-formed, complete (every subnet
 * CIDR, VPC and declared flow), segments in distinct colours, forbidden paths in red only when the guard refuses,
 * hostile text escaped, byte-identical run after run, both languages. The browser half, which opens the drawing in
 * headless Chromium and looks at it as a person would, is test/integration/diagram-browser.test.ts.
 */
import { prefecture, synthesized } from './diagram-fixtures';
import { BLUEPRINTS } from '../../examples/blueprints';
import { REFERENCE_MEMBERS } from '../../examples/prefecture';
import { renderNetworkDiagram } from '../../src/docs/diagram';
import { svgToPng } from '../../src/docs/png';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { GraphNode, nodesOf } from '../../src/guard/graph';
import { Engine, openPath } from '../guard/open-path';
import { overlaps } from '../support/browser';
import { findAll, parseXml, textOf, XmlElement } from '../support/xml';

const EXAMPLES = Object.keys(BLUEPRINTS);
const ENGINES: Engine[] = ['cloudformation', 'terraform'];
/** The vermillion of the Okabe–Ito palette that forbidden paths are drawn in (and nothing else). */
const RED = '#d55e00';

const byClass = (root: XmlElement, cls: string) => findAll(root, (e) => (e.attrs.class ?? '').split(' ').includes(cls));
const fillOf = (cluster: XmlElement) => findAll(cluster, (e) => e.name === 'rect')[0].attrs.fill.toLowerCase();
/** Every element drawn outside the legend (markers in <defs> are drawn only where an arrow uses them). */
const drawing = (root: XmlElement) => findAll(root, (e) => e.name !== 'svg').filter((e) => !inside(root, 'jn-legend', e) && !inside(root, 'defs', e));
function inside(root: XmlElement, what: string, target: XmlElement): boolean {
  return findAll(root, (e) => e.name === what || (e.attrs.class ?? '').split(' ').includes(what)).some((l) => findAll(l, (e) => e === target).length > 0);
}

describe.each(ENGINES.flatMap((engine) => EXAMPLES.map((name) => [name, engine] as const)))('diagram of the %s example (%s)', (name, engine) => {
  const { graph, flows } = synthesized(engine, name);
  const svg = renderNetworkDiagram({ graph, flows });
  const root = parseXml(svg);

  test('is a well-formed SVG document', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.attrs.width)).toBeGreaterThan(0);
    expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
  });

  test('shows every subnet CIDR and every VPC of the graph', () => {
    const boxes = byClass(root, 'jn-node').map(textOf).join('\n');
    // The synthesized subnets: the one standing for those outside the output (docs/guard-semantics.md §2) is the guard's, not drawn.
    const subnets = nodesOf(graph, 'subnet').filter((s) => !s.outside);
    expect(subnets.length).toBeGreaterThan(0);
    for (const s of subnets) expect(boxes).toContain(s.cidr!);
    const vpcs = byClass(root, 'jn-vpc');
    expect(vpcs).toHaveLength(nodesOf(graph, 'vpc').length);
    for (const v of nodesOf(graph, 'vpc')) {
      const cluster = vpcs.find((c) => c.attrs['data-id'] === `vpc:${v.id}`);
      expect(cluster).toBeDefined();
      expect(textOf(cluster!)).toContain(v.cidr!);
    }
  });

  test('draws every declared flow as an arrow labelled with its name and ports', () => {
    expect(flows.length).toBeGreaterThan(0);
    const arrows = byClass(root, 'jn-flow');
    for (const f of flows) {
      const arrow = arrows.find((a) => a.attrs['data-flow'] === f.name);
      expect(arrow).toBeDefined();
      const label = textOf(arrow!);
      expect(label).toContain(f.name);
      for (const p of f.ports) expect(label).toContain(`${p.protocol.toUpperCase()} ${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}`);
      const line = findAll(arrow!, (e) => e.name === 'path')[0];
      expect(line.attrs['marker-end']).toMatch(/^url\(#/);
      expect((line.attrs.d.match(/[ML]/g) ?? []).length).toBeGreaterThanOrEqual(2);
    }
  });

  test('draws the three segments as clusters of distinct colours', () => {
    const segments = byClass(root, 'jn-segment');
    const fills = ['MY_NUMBER', 'LGWAN', 'INTERNET'].map((s) => {
      const c = segments.find((x) => x.attrs['data-segment'] === s);
      expect(c).toBeDefined();
      return fillOf(c!);
    });
    expect(new Set(fills).size).toBe(3);
    for (const f of fills) expect(f).not.toBe('#ffffff');
  });

  test('a compliant network draws nothing in red', () => {
    const options = { model: BLUEPRINTS[name].model, alphaPrimeCase: BLUEPRINTS[name].alphaPrimeCase };
    expect(checkTopology(graph, options, { flows }).filter((f) => f.hops.length > 0)).toEqual([]);
    const red = drawing(root).filter((e) => [e.attrs.stroke, e.attrs.fill].some((c) => c?.toLowerCase() === RED));
    expect(red.map((e) => e.name)).toEqual([]);
    expect(byClass(root, 'jn-forbidden')).toEqual([]);
  });

  test('is byte-identical run after run, also from a second extraction of the same output', () => {
    const again = engine === 'cloudformation'
      ? extractCloudFormation({ [synthesized(engine, name).stackName]: JSON.parse(JSON.stringify(synthesized(engine, name).raw)) })
      : extractTerraform({ [name]: JSON.parse(JSON.stringify(synthesized(engine, name).raw)) });
    expect(renderNetworkDiagram({ graph, flows })).toBe(svg);
    expect(renderNetworkDiagram({ graph: again, flows: [...flows] })).toBe(svg);
  });

  test('a path the guard refuses (an internet gateway routed from the My Number segment) is drawn in red, hop by hop', () => {
    const opened = openPath(engine, name);
    const blueprint = BLUEPRINTS[name];
    const findings = checkTopology(opened.graph, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase }, { flows });
    const mn1 = findings.filter((f) => f.ruleId === 'MN-1' && f.hops.length > 0);
    expect(mn1.length).toBeGreaterThan(0);
    const red = parseXml(renderNetworkDiagram({ graph: opened.graph, flows, findings }));
    const edges = byClass(red, 'jn-forbidden');
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      const line = findAll(e, (x) => x.name === 'path')[0];
      expect(line.attrs.stroke.toLowerCase()).toBe(RED);
      expect(Number(line.attrs['stroke-width'])).toBeGreaterThan(Math.max(...byClass(red, 'jn-flow').map((f) => Number(findAll(f, (x) => x.name === 'path')[0].attrs['stroke-width']))));
    }
    // From the box holding the opened subnet, red arrows lead to the internet gateway that was added and on to the internet.
    const start = byClass(red, 'jn-node').find((n) => textOf(n).includes(opened.subnetCidr))!.attrs['data-id'];
    const gateway = byClass(red, 'jn-node').find((n) => (n.attrs['data-id'] ?? '').includes('OpenedGateway'))!.attrs['data-id'];
    const reached = new Set([start]);
    for (let grown = true; grown;) {
      grown = false;
      for (const e of edges) if (reached.has(e.attrs['data-from']) && !reached.has(e.attrs['data-to'])) { reached.add(e.attrs['data-to']); grown = true; }
    }
    expect(reached).toContain(gateway);
    expect(reached).toContain('external:INTERNET');
    expect(edges.some((e) => e.attrs['data-rules'].split(' ').includes('MN-1'))).toBe(true);
    expect(textOf(byClass(red, 'jn-legend')[0])).toContain('MN-1');
  });
});

interface Rect { x: number; y: number; width: number; height: number }
const rectOf = (g: XmlElement): Rect => {
  const r = findAll(g, (e) => e.name === 'rect')[0].attrs;
  return { x: Number(r.x), y: Number(r.y), width: Number(r.width), height: Number(r.height) };
};
const within = (inner: Rect, outer: Rect) => inner.x >= outer.x && inner.y >= outer.y
  && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const isHub = (n: GraphNode) => n.tags['jichitai:security-cloud'] === 'hub';

describe.each(ENGINES)('diagram of the reference prefecture (%s)', (engine) => {
  // dagre's crossing reduction used to lose clusters of this drawing and the layout threw ("Not possible to find
  // intersection inside of the rectangle"): rendering at all is the first check.
  const { graph, flows, raw } = prefecture(engine);
  const svg = renderNetworkDiagram({ graph, flows });
  const root = parseXml(svg);
  const cluster = (id: string) => byClass(root, 'jn-cluster').find((c) => c.attrs['data-id'] === id);
  const nodeBoxes = byClass(root, 'jn-node');
  /** The node boxes drawn inside a cluster, with their text. */
  const textInside = (id: string) => nodeBoxes.filter((n) => within(rectOf(n), rectOf(cluster(id)!))).map(textOf).join('\n');

  test('is a well-formed SVG with finite coordinates, byte-identical run after run', () => {
    expect(root.name).toBe('svg');
    expect(svg).not.toMatch(/NaN|Infinity/);
    const again = engine === 'terraform' ? extractTerraform({ ExamplePref: JSON.parse(JSON.stringify(raw)) })
      : extractCloudFormation(JSON.parse(JSON.stringify(raw)));
    expect(renderNetworkDiagram({ graph, flows })).toBe(svg);
    expect(renderNetworkDiagram({ graph: again, flows: [...flows] })).toBe(svg);
  });

  test('the hub VPC and its transit gateway are drawn as the security cloud, its subnets one box per tier', () => {
    const hubVpcs = nodesOf(graph, 'vpc').filter(isHub);
    expect(hubVpcs).toHaveLength(1);
    const hub = cluster('security-cloud');
    expect(hub).toBeDefined();
    expect(textOf(hub!)).toContain('都道府県セキュリティクラウド');
    const vpc = cluster(`vpc:${hubVpcs[0].id}`)!;
    expect(within(rectOf(vpc), rectOf(hub!))).toBe(true);
    for (const t of nodesOf(graph, 'transit-gateway').filter(isHub)) expect(within(rectOf(cluster(`tgw:${t.id}`)!), rectOf(hub!))).toBe(true);
    // No hub VPC among the segments: it is no municipality's segment.
    expect(cluster('segment:unassigned')).toBeUndefined();
    const subnets = nodesOf(graph, 'subnet').filter((s) => !s.outside && s.vpc.kind === 'node' && s.vpc.id === hubVpcs[0].id);
    const inHub = textInside(`vpc:${hubVpcs[0].id}`);
    for (const s of subnets) expect(inHub).toContain(s.cidr!);
    for (const tier of ['transit', 'services']) {
      const n = subnets.filter((s) => (s.tags.Name ?? '').includes(`-${tier}-`)).length;
      expect(n).toBeGreaterThan(1);
      expect(inHub.split('\n')).toContain(`${tier} ×${n}`);
    }
  });

  test('every member VPC is drawn inside its segment, with every subnet CIDR', () => {
    const members = nodesOf(graph, 'vpc').filter((v) => !isHub(v));
    expect(members.length).toBeGreaterThanOrEqual(3 * (engine === 'terraform' ? REFERENCE_MEMBERS : 1));
    for (const v of members) {
      expect(['MY_NUMBER', 'LGWAN', 'INTERNET']).toContain(v.segment);
      const box = cluster(`vpc:${v.id}`)!;
      expect(within(rectOf(box), rectOf(cluster(`segment:${v.segment}`)!))).toBe(true);
      const text = textInside(`vpc:${v.id}`);
      for (const s of nodesOf(graph, 'subnet').filter((x) => !x.outside && x.vpc.kind === 'node' && x.vpc.id === v.id)) expect(text).toContain(s.cidr!);
    }
  });

  test('every declared flow is a labelled arrow', () => {
    expect(flows.length).toBeGreaterThan(0);
    const arrows = byClass(root, 'jn-flow');
    for (const f of flows) expect(textOf(arrows.find((a) => a.attrs['data-flow'] === f.name)!)).toContain(f.name);
  });

  test('nothing overlaps: boxes apart, clusters apart or nested', () => {
    const boxes = nodeBoxes.map((n) => ({ id: n.attrs['data-id'], r: rectOf(n) }));
    const clash: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i].r, boxes[j].r)) clash.push(`${boxes[i].id} / ${boxes[j].id}`);
    }
    const clusters = byClass(root, 'jn-cluster').map((c) => ({ id: c.attrs['data-id'], r: rectOf(c) }));
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const [a, b] = [clusters[i].r, clusters[j].r];
        if (overlaps(a, b) && !within(a, b) && !within(b, a)) clash.push(`${clusters[i].id} / ${clusters[j].id}`);
      }
    }
    // A box lies wholly inside or wholly outside each cluster.
    for (const b of boxes) for (const c of clusters) if (overlaps(b.r, c.r) && !within(b.r, c.r)) clash.push(`${b.id} / ${c.id}`);
    expect(clash).toEqual([]);
  });

  test('judged as one α network the guard refuses it, and the forbidden paths are drawn in red', () => {
    const findings = checkTopology(graph, { model: BLUEPRINTS.alpha.model }, { flows }).filter((f) => f.hops.length > 0);
    expect(findings.length).toBeGreaterThan(0);
    const red = parseXml(renderNetworkDiagram({ graph, flows, findings }));
    const edges = byClass(red, 'jn-forbidden');
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(findAll(e, (x) => x.name === 'path')[0].attrs.stroke.toLowerCase()).toBe(RED);
  });
});

describe('diagram text', () => {
  const { graph, flows } = synthesized('cloudformation', 'alpha');

  test('Japanese by default, English on request, with the confidentiality label', () => {
    const ja = textOf(parseXml(renderNetworkDiagram({ graph, flows })));
    for (const t of ['マイナンバー利用事務系', 'LGWAN接続系', 'インターネット接続系', '取扱注意', 'ネットワーク構成図', '凡例']) expect(ja).toContain(t);
    const en = textOf(parseXml(renderNetworkDiagram({ graph, flows, language: 'en' })));
    for (const t of ['My Number segment', 'LGWAN segment', 'Internet segment', 'Confidential', 'Legend']) expect(en).toContain(t);
    expect(en).not.toContain('マイナンバー利用事務系');
    const own = textOf(parseXml(renderNetworkDiagram({ graph, flows, title: 'サンプル市 構成図', confidentiality: '機密性2' })));
    expect(own).toContain('サンプル市 構成図');
    expect(own).toContain('機密性2');
  });

  test('hostile names, tags and flow names are escaped, never markup', () => {
    const hostile = '<script>alert("x")</script> & \'"<!--';
    const nodes = new Map(graph.nodes);
    const vpc = nodesOf(graph, 'vpc')[0];
    nodes.set(vpc.id, { ...vpc, tags: { ...vpc.tags, Name: hostile } });
    const subnet = nodesOf(graph, 'subnet')[0];
    nodes.set(subnet.id, { ...subnet, tags: { ...subnet.tags, 'jichitai:subnet-role': `${hostile}\u0001` } });
    const evil = { ...graph, nodes };
    const evilFlows = [{ ...flows[0], name: `${hostile}flow` }];
    const svg = renderNetworkDiagram({ graph: evil, flows: evilFlows, title: hostile, confidentiality: hostile });
    expect(svg).not.toMatch(/<script|<!--/);
    const root = parseXml(svg);
    const text = textOf(root);
    expect(text).toContain(`VPC ${hostile}`);
    expect(text).toContain(`${hostile}\uFFFD`);
    expect(byClass(root, 'jn-flow').some((f) => f.attrs['data-flow'] === `${hostile}flow`)).toBe(true);
    expect(root.attrs['aria-label']).toBe(`${hostile} (${hostile})`);
  });
});

describe('svgToPng without Chromium', () => {
  test('names the option when no Chromium is found', () => {
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')).toThrow(/`chromium` option/);
    } finally {
      process.env.PATH = saved;
    }
    expect(() => svgToPng('<svg/>', { chromium: '/nonexistent/chromium' })).toThrow(/`chromium` option \(\/nonexistent\/chromium\)/);
  });
});
