/**
 * `probeFromZone` walks only the zone's entries whose transit route tables route some of the probed destinations (a
 * blackhole counts): from the others the packets go nowhere. Its arrivals must equal those of walking every entry — here
 * a second reachability of the same graph that walks every entry is the reference — on random topologies of the
 * oracle's generator (up to two VPN entries, labelled with a zone or not) with random destination sets, and on the
 * reference prefecture (an LGWAN WAN VPN per member) with each member's declared flows from the WAN and with everything.
 */
import { Testing } from 'cdktf';
import * as fc from 'fast-check';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { renderConfig } from '../../src/cdktf/render-once';
import { declaredFlowsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { Box, everything, keyOf } from '../../src/guard/header-set';
import { Arrival, Reachability } from '../../src/guard/reachability';
import { networkArbitrary } from '../oracle/generate';
import { renderCloudFormation } from '../oracle/render-cfn';
import { renderTerraform } from '../oracle/render-tf';

const ZONES = ['LGWAN_WAN', 'SECURITY_CLOUD'];

/** A reachability that walks every entry of a zone (the definition the pruning must agree with). */
function walkingEveryEntry(graph: TopologyGraph, prefixes: string[]): Reachability {
  const reach = new Reachability(graph, prefixes);
  (reach as unknown as { routesSome: () => boolean }).routesSome = () => true;
  return reach;
}

/** Arrivals as comparable text: where they end, what arrives, through which firewalls (the path's hops may differ in order). */
function arrivalsText(reach: Reachability, arrivals: readonly Arrival[]): string[] {
  return arrivals.map((a) => `${JSON.stringify(a.end)} ${keyOf(a.headers)} ${a.firewalls.join(',')} ${reach.hops(a).map((h) => h.node).join('>')}`).sort();
}

function agree(graph: TopologyGraph, prefixes: string[], zone: string, headers: Box[]): void {
  const pruned = new Reachability(graph, prefixes);
  const every = walkingEveryEntry(graph, prefixes);
  const expected = arrivalsText(every, every.probeFromZone(zone, headers).arrivals);
  expect(arrivalsText(pruned, pruned.probeFromZone(zone, headers).arrivals)).toEqual(expected);
}

describe('a probe from a zone walks the entries that route its destinations, and arrives where walking every entry does', () => {
  test.each(['cloudformation', 'terraform'] as const)('%s: random topologies and destinations', (engine) => {
    let walked = 0;
    const block = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 8, max: 32 }));
    fc.assert(fc.property(networkArbitrary(engine), fc.array(block, { minLength: 1, maxLength: 3 }),
      (net, blocks) => {
        const graph = engine === 'cloudformation'
          ? extractCloudFormation({ Oracle: renderCloudFormation(net) as never })
          : extractTerraform({ oracle: renderTerraform(net) as never });
        const prefixes = blocks.map(([a, b, len]) => `10.${a}.${b}.0/${Math.max(len, 24)}`);
        for (const zone of ZONES) {
          const probe = new Reachability(graph, prefixes);
          const headers = prefixes.flatMap((p) => probe.headersFor('0.0.0.0/0', p, [{ protocol: 'tcp', fromPort: 443, toPort: 443 }]) ?? []);
          agree(graph, prefixes, zone, headers);
          walked++;
        }
      }), { numRuns: Number(process.env.ZONE_PROBE_CASES ?? 150), seed: 20261202 });
    expect(walked).toBeGreaterThan(0);
  });

  test('the reference prefecture: each member\'s flows from the LGWAN WAN, and every header', () => {
    const p = buildTfPrefecture(4, Testing.app());
    const graph = extractTerraform({ prefecture: JSON.parse(JSON.stringify(renderConfig(p.stack))) });
    const flows = p.members.flatMap((m) => declaredFlowsOf(m) ?? []).filter((f) => f.from.zone === 'LGWAN_WAN');
    expect(flows.length).toBeGreaterThanOrEqual(4);
    const prefixes = flows.flatMap((f) => [...f.from.cidrs, ...f.to.cidrs]);
    const reach = new Reachability(graph, prefixes);
    for (const f of flows) {
      for (const s of f.from.cidrs) for (const d of f.to.cidrs) agree(graph, prefixes, 'LGWAN_WAN', reach.headersFor(s, d, f.ports)!);
    }
    // And it prunes: a member's flow enters through that member's VPN only, not through every member's.
    const counted = (r: Reachability) => {
      let n = 0;
      const inner = r as unknown as { routeTransit: (...a: unknown[]) => void };
      const original = inner.routeTransit.bind(r);
      inner.routeTransit = (...a: unknown[]) => { n++; original(...a); };
      return () => n;
    };
    const [f0] = flows;
    const pruned = new Reachability(graph, prefixes);
    const every = walkingEveryEntry(graph, prefixes);
    const [prunedCount, everyCount] = [counted(pruned), counted(every)];
    pruned.probeFromZone('LGWAN_WAN', pruned.headersFor(f0.from.cidrs[0], f0.to.cidrs[0], f0.ports)!);
    every.probeFromZone('LGWAN_WAN', every.headersFor(f0.from.cidrs[0], f0.to.cidrs[0], f0.ports)!);
    expect(prunedCount()).toBeLessThan(everyCount());
    const all = [4, 6].flatMap((fam) => everything(reach.protocols, reach.atoms.family(fam as 4 | 6), reach.atoms.family(fam as 4 | 6)));
    agree(graph, prefixes, 'LGWAN_WAN', all);
  });
});
