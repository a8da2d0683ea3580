import { createHash } from 'crypto';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { exampleInput, Engine } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
import { NetworkModel } from '../../src';
import { DesignDocuments, DocTable } from '../../src/docs/document';
import { buildDesignDocuments } from '../../src/docs/model';
import { nodesOf } from '../../src/guard/graph';
import { ALL_RULES } from '../../src/guard/rules';
import { find } from '../guard/mutation-suite';

function table(docs: DesignDocuments, id: string): DocTable {
  const t = docs.documents.flatMap((d) => d.tables).find((x) => x.id === id);
  if (!t) throw new Error(`no table ${id}`);
  return t;
}

function column(t: DocTable, key: string): number {
  const i = t.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key} in ${t.id}`);
  return i;
}

const CASES = (['cdk', 'cdktf'] as Engine[]).flatMap((engine) => Object.keys(BLUEPRINTS).map((name) => [engine, name] as const));

describe.each(CASES)('the design documents of the %s %s example', (engine, name) => {
  const input = exampleInput(engine, name);
  const blueprint = BLUEPRINTS[name];
  const docs = buildDesignDocuments({ ...input, date: '2026-04-01' });

  test('every declared flow has a row, carried, with the routes that carry it', () => {
    const t = table(docs, 'flows');
    const declared = (blueprint.flows ?? []).map((f) => f.name).sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(t.rows.map((r) => r.attributes.flow).sort()).toEqual(declared);
    for (const f of blueprint.flows ?? []) {
      const r = t.rows.find((x) => x.attributes.flow === f.name)!;
      expect({ flow: f.name, carried: r.attributes.carried }).toEqual({ flow: f.name, carried: 'yes' });
      expect(r.cells[column(t, 'routes')]).not.toBe('');
      // The purpose comes from the blueprint; the ports are the declaration's.
      expect(r.cells[column(t, 'purpose')]).toBe(f.purpose ?? '未記録');
      expect(r.cells[column(t, 'ports')]).toBe(f.ports.map((p) => `${p.protocol} ${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}`).join(', '));
    }
  });

  test('every rule of the model is listed with PASS', () => {
    const t = table(docs, 'compliance');
    const rules = ALL_RULES.filter((r) => r.models.includes(blueprint.model)).map((r) => r.id);
    expect(t.rows.map((r) => r.attributes.rule)).toEqual(rules);
    expect(t.rows.filter((r) => r.attributes.result !== 'PASS').map((r) => `${r.attributes.rule}: ${r.cells.join(' | ')}`))
      .toEqual(name === 'alpha-prime' ? [expect.stringMatching(/^AP-5: [^]*ACKNOWLEDGED/)] : []);
  });

  test('the parameter sheet lists every subnet and VPC CIDR of the graph, and the measures outside the network', () => {
    const subnets = table(docs, 'parameters-subnets');
    // The synthesized subnets (the guard's stand-in for those outside the output, semantics §2, is not listed).
    const cidrs = nodesOf(input.graph, 'subnet').filter((s) => !s.outside).map((s) => s.cidr!).sort();
    expect(cidrs.length).toBeGreaterThan(10);
    expect(subnets.rows.map((r) => r.cells[column(subnets, 'cidr')]).sort()).toEqual(cidrs);
    const vpcs = table(docs, 'parameters-vpcs');
    expect(vpcs.rows.map((r) => r.attributes.segment).sort()).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(table(docs, 'out-of-scope').rows.map((r) => r.cells[0])).toEqual(expect.arrayContaining(['二要素認証', expect.stringMatching(/^EDR/)]));
  });

  test('the evidence header holds the version, the template hash and the date given', () => {
    const facts = Object.fromEntries(docs.facts.map((f) => [f.key, f.value]));
    expect(facts.date).toBe('2026-04-01');
    expect(facts.version).toMatch(/^jichitai-network \d+\.\d+\.\d+/);
    const hash = createHash('sha256').update(input.template).digest('hex');
    expect(Object.entries(facts).filter(([k]) => k.startsWith('sha256:')).map(([, v]) => v)).toEqual([hash]);
  });

  if (blueprint.model === NetworkModel.ALPHA_PRIME) {
    test('α′: the cloud services and the tenant-control sheet come from the blueprint, with an empty periodic-check column', () => {
      const services = table(docs, 'cloud-services');
      expect(services.rows.map((r) => r.attributes.service).sort()).toEqual(blueprint.breakout!.services.map((s) => s.service.id).sort());
      for (const s of blueprint.breakout!.services) {
        const r = services.rows.find((x) => x.attributes.service === s.service.id)!;
        expect(r.cells[column(services, 'ismap')]).toBe(s.service.ismapListed ? 'はい' : 'いいえ');
        // The catalogue holds no scope note and no data location: never invented.
        expect(r.cells[column(services, 'ismap-scope')]).toBe('未登録');
        expect(r.cells[column(services, 'data-location')]).toBe('未登録');
        expect(r.cells[column(services, 'domains')].split('\n')).toEqual(s.service.domains);
      }
      const tenants = table(docs, 'tenant-control');
      const withHeaders = blueprint.breakout!.services.filter((s) => s.service.tenantRestriction);
      expect(tenants.rows.length).toBe(withHeaders.reduce((n, s) => n + s.service.tenantRestriction!.headers.length, 0));
      expect(tenants.rows.every((r) => r.cells[column(tenants, 'checked-on')] === '')).toBe(true);
      const squid = table(docs, 'parameters-squid');
      expect(squid.rows.some((r) => r.cells[1] === 'http_port' && r.cells[2].startsWith(String(blueprint.breakout!.tenantProxy?.port ?? 3128)))).toBe(true);
    });
  } else {
    test('no cloud-service list outside α′', () => {
      expect(docs.documents.map((d) => d.id)).toEqual(['flows', 'parameters', 'compliance']);
    });
  }
});

describe('a refused network', () => {
  test('a mutation the guard refuses (MN-1: NAT gateway and default route in My Number) shows FAIL for its rule', () => {
    const input = exampleInput('cdk', 'alpha', {
      cdk: (stack, net) => {
        const eip = new ec2.CfnEIP(stack, 'MutEip', { domain: 'vpc' });
        const nat = new ec2.CfnNatGateway(stack, 'MutNat', { subnetId: find<ec2.CfnSubnet>(net.myNumber, '/Subnet-workload-1').ref, allocationId: eip.attrAllocationId });
        new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: find<ec2.CfnRouteTable>(net.myNumber, '/RouteTable-workload-1').ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.ref });
      },
    });
    const docs = buildDesignDocuments(input);
    const rules = table(docs, 'compliance');
    const mn1 = rules.rows.find((r) => r.attributes.rule === 'MN-1')!;
    expect(mn1.attributes.result).toBe('FAIL');
    expect(mn1.cells[column(rules, 'details')]).toMatch(/MutNat/);
    expect(docs.facts.find((f) => f.key === 'verdict')!.value).toMatch(/^拒否/);
  });

  test('a declared flow whose transit route is removed (FLOW-1) is not carried, and FLOW-1 fails (CDKTF)', () => {
    const input = exampleInput('cdktf', 'alpha', {
      cdktf: (_, net) => { find(net, 'Transit/Route-MY_NUMBER-ac140a05p32').node.scope!.node.tryRemoveChild('Route-MY_NUMBER-ac140a05p32'); },
    });
    const docs = buildDesignDocuments({ ...input, language: 'en' });
    const flows = table(docs, 'flows');
    const broken = flows.rows.filter((r) => r.attributes.carried === 'no').map((r) => r.attributes.flow);
    // 172.20.10.5 is the intermediate server of the My Number flow (examples/blueprints.ts).
    const expected = (BLUEPRINTS.alpha.flows ?? []).filter((f) => BLUEPRINTS.alpha.hosts!.find((h) => h.name === f.to)!.cidrs.includes('172.20.10.5/32')).map((f) => f.name);
    expect(broken).toEqual(expected);
    expect(flows.rows.find((r) => r.attributes.flow === expected[0])!.cells[column(flows, 'carried')]).toMatch(/^not carried: declared flow/);
    expect(table(docs, 'compliance').rows.find((r) => r.attributes.rule === 'FLOW-1')!.attributes.result).toBe('FAIL');
  });
});

test('English documents: English titles, headers and results', () => {
  const docs = buildDesignDocuments({ ...exampleInput('cdk', 'beta'), language: 'en' });
  expect(docs.label).toBe('Confidential — handle with care');
  expect(docs.documents.map((d) => d.title)).toEqual([
    'Communication matrix (通信要件一覧)', 'Parameter sheet (パラメータシート)', 'Guideline conformance (ガイドライン対応表) and audit evidence',
  ]);
  const rules = table(docs, 'compliance');
  expect(rules.columns.map((c) => c.header)).toContain('Result');
  expect(new Set(rules.rows.map((r) => r.cells[column(rules, 'result')]))).toEqual(new Set(['PASS']));
  // Summaries in English (the rule's own), not the Japanese catalogue's.
  expect(rules.rows[0].cells[column(rules, 'summary')]).toBe(ALL_RULES.find((r) => r.id === rules.rows[0].attributes.rule)!.summary);
});

test('the date comes from SOURCE_DATE_EPOCH when none is given, never from the clock', () => {
  const input = exampleInput('cdk', 'alpha');
  const saved = process.env.SOURCE_DATE_EPOCH;
  try {
    delete process.env.SOURCE_DATE_EPOCH;
    expect(buildDesignDocuments(input).facts.find((f) => f.key === 'date')!.value).toBe('未記録');
    process.env.SOURCE_DATE_EPOCH = '1775001600'; // 2026-04-01T00:00:00Z
    expect(buildDesignDocuments(input).facts.find((f) => f.key === 'date')!.value).toBe('2026-04-01');
  } finally {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH; else process.env.SOURCE_DATE_EPOCH = saved;
  }
});
