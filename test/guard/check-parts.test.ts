/**
 * `checkParts` (a prefecture checked once per model over one shared reachability) shortens the work three ways: rules that
 * read nothing model-specific run once for every model (tracked context), model-independent parts of a rule are shared
 * (`modelIndependent`), and rules skip findings in other models' parts (`keeps`). None may change a finding: here the
 * result is compared with the plain definition — every model's rules over the whole graph with a reachability of their
 * own, each finding kept from the model of the part it lies in — on the reference prefecture (members α, α′, β, β′),
 * untouched and with transit routes widened in every member so that LG-2 and LG-3 find something in each model's part.
 */
import { Testing } from 'cdktf';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { NetworkModel } from '../../src';
import { renderConfig } from '../../src/cdktf/render-once';
import { byFindingOrder, checkTopology, declaredPrefixes } from '../../src/guard/check';
import { withDeclarations } from '../../src/guard/declared';
import { checkParts, GuardedPart } from '../../src/guard/evaluate';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Reachability } from '../../src/guard/reachability';
import { Finding, formatFinding } from '../../src/guard/rule';

/** The prefecture's Terraform JSON and its parts (one per member, under the member's model, with its declarations). */
function prefecture(): { json: any; parts: GuardedPart[] } {
  const p = buildTfPrefecture(4, Testing.app());
  // As the guard reads it: with each resource's construct path ("//" metadata), which places findings in the parts.
  const json = JSON.parse(JSON.stringify(renderConfig(p.stack)));
  const parts = withDeclarations(p.stack, p.members.map((m) => ({
    part: { scopePath: m.node.path, options: { model: m.blueprint.model, alphaPrimeCase: m.blueprint.alphaPrimeCase } },
    scope: m,
  })));
  return { json, parts };
}

/** Every member's transit routes widened: LGWAN → the whole WAN, Internet → the whole LGWAN VPC, WAN → the whole LGWAN VPC. */
function widened(json: any): any {
  const out = JSON.parse(JSON.stringify(json));
  const routes: Record<string, any> = out.resource.aws_ec2_transit_gateway_route;
  const table = (r: any) => /RouteTable-([A-Z_]+)_[0-9A-F]+\.id/.exec(r.transit_gateway_route_table_id)?.[1];
  const member = (key: string) => key.slice(0, 'Member001'.length);
  const attachmentOf = (m: string, t: string, pattern: RegExp) => Object.entries(routes)
    .find(([k, r]) => member(k) === m && table(r) === t && pattern.test(r.transit_gateway_attachment_id ?? ''))?.[1].transit_gateway_attachment_id;
  for (const [key, r] of Object.entries(routes)) {
    const m = member(key);
    const widen = (attachment: string | undefined) => {
      expect(attachment).toBeDefined();
      delete r.blackhole;
      r.transit_gateway_attachment_id = attachment;
    };
    if (table(r) === 'LGWAN' && r.destination_cidr_block === '172.20.0.0/16') widen(attachmentOf(m, 'LGWAN', /aws_vpn_connection/));
    if (table(r) === 'INTERNET' && /^10\.\d+\.64\.0\/18$/.test(r.destination_cidr_block)) widen(attachmentOf(m, 'INTERNET', /Lgwan_TransitGatewayAttachment/));
    if (table(r) === 'LGWAN_WAN' && /^10\.\d+\.64\.0\/18$/.test(r.destination_cidr_block)) widen(attachmentOf(m, 'LGWAN_WAN', /Lgwan_TransitGatewayAttachment/));
  }
  // The Internet VPC's routes to an LGWAN host widened to the LGWAN VPC (LG-2's wide path, with the transit route above).
  for (const r of Object.values<any>(out.resource.aws_route)) {
    const host = /^10\.(\d+)\.65\.20\/32$/.exec(r.destination_cidr_block ?? '');
    if (host && r.transit_gateway_id) r.destination_cidr_block = `10.${host[1]}.64.0/18`;
  }
  return out;
}

/** The definition: each model's rules alone (own reachability, no sharing), findings kept by the owning part's model. */
function reference(json: any, parts: readonly GuardedPart[]): string[] {
  const graph = extractTerraform({ prefecture: json });
  const key = (p: GuardedPart) => `${p.options.model}/${p.options.alphaPrimeCase ?? ''}`;
  const owner = (path: string) => parts.filter((p) => path === p.scopePath || path.startsWith(`${p.scopePath}/`))
    .sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
  const kept = new Map<string, Finding>();
  for (const model of [...new Set(parts.map(key))]) {
    const mine = parts.filter((p) => key(p) === model);
    const flows = mine.flatMap((p) => p.flows ?? []);
    const hosts = mine.flatMap((p) => p.hosts ?? []);
    const reach = new Reachability(graph, declaredPrefixes(flows));
    for (const f of checkTopology(graph, mine[0].options, { name: 'prefecture', flows, hosts, reach })) {
      const o = owner(f.path);
      if (o && key(o) !== model) continue;
      kept.set(formatFinding(f), f);
    }
  }
  // Findings of one rule at one path keep the order the models were checked in: compared as sets.
  return [...kept.values()].sort(byFindingOrder).map(formatFinding).sort();
}

function shortened(json: any, parts: readonly GuardedPart[]): string[] {
  const graph = extractTerraform({ prefecture: json });
  const reach = new Reachability(graph, declaredPrefixes(parts.flatMap((p) => p.flows ?? [])));
  return checkParts(graph, parts, { name: 'prefecture', reach }).map(formatFinding).sort();
}

describe('checkParts finds what each model\'s rules find in its own parts', () => {
  const { json, parts } = prefecture();

  test('the members are of four models', () => {
    expect(new Set(parts.map((p) => p.options.model)).size).toBe(4);
  });

  test('the untouched reference prefecture', () => {
    const expected = reference(json, parts);
    // Members' findings lie in their parts (paths are construct paths), so each is judged by its own model only.
    expect(expected.some((l) => l.startsWith('[ExamplePref/Member'))).toBe(true);
    expect(shortened(json, parts)).toEqual(expected);
  });

  test('transit routes widened in every member: LG-2 and LG-3 findings in every model\'s part', () => {
    const mutated = widened(json);
    const expected = reference(mutated, parts);
    for (const rule of ['LG-2', 'LG-3']) {
      const members = new Set(expected.filter((l) => l.includes(` ${rule} `)).map((l) => /^\[ExamplePref\/(Member\d+)\//.exec(l)?.[1]));
      expect([rule, members.size]).toEqual([rule, 4]);
    }
    expect(shortened(mutated, parts)).toEqual(expected);
  });

  test('parts nest: a finding belongs to the innermost part above it (the stack under β, its members under their own models)', () => {
    const mutated = widened(json);
    // The stack's part declares no flows of its own (its members' are theirs), as withDeclarations gives it; an empty list
    // would declare that none crosses (GuardContext.flows).
    const nested: GuardedPart[] = [{ scopePath: 'ExamplePref', options: { model: NetworkModel.BETA }, hosts: [] }, ...parts];
    const expected = reference(mutated, nested);
    expect(expected).toEqual(reference(mutated, parts));
    expect(shortened(mutated, nested)).toEqual(expected);
  });
});
