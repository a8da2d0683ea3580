/**
 * Seeded mutations of a blueprint, the way spreadsheets, YAML, other languages and hostile callers get them wrong: wrong
 * types, hostile values (BigInt, Proxy objects, getters that throw, cycles, huge strings and lists, class instances),
 * out-of-range numbers, canonical and non-canonical spellings, duplicate names, overlapping ranges, missing and extra
 * fields, ports spread to cover everything, swapped enums, shared attachments, zones of other regions, tag values AWS
 * refuses, members of a security cloud hub (valid and not), and small valid edits (so that mutated blueprints also reach synthesis).
 */
import { types } from 'util';
import { Rng } from './rng';
import {
  AlphaPrimeCase, CloudServiceCatalogue, FlowKind, HostRole, InternetEgressMode, Ipv4Cidr, NetworkModel, Port, Segment, Zone,
} from '../../src';
import { layoutSubnets } from '../../src/plan/addressing';
import { segmentSubnetRoles } from '../../src/plan/plan';
import { routeTableKey } from '../../src/plan/routing';

type Any = any;

/** A deep copy that keeps `Port` values as ports and shares nothing with the input (catalogue entries included). */
export function clone<T>(v: T): T {
  if (v instanceof Port) return (v.protocol === 'tcp' ? Port.tcpRange(v.fromPort, v.toPort) : Port.udpRange(v.fromPort, v.toPort)) as unknown as T;
  if (Array.isArray(v)) return v.map(clone) as unknown as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

/** Every place in the blueprint a value sits: its container, key and path. */
interface Slot { readonly parent: Any; readonly key: string | number; readonly path: string }

function slots(root: Any): Slot[] {
  const out: Slot[] = [];
  const walk = (v: Any, path: string, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => { out.push({ parent: v, key: i, path: `${path}[${i}]` }); walk(x, `${path}[${i}]`, depth + 1); });
    } else {
      for (const k of Object.keys(v)) { out.push({ parent: v, key: k, path: path ? `${path}.${k}` : k }); walk(v[k], path ? `${path}.${k}` : k, depth + 1); }
    }
  };
  walk(root, '', 0);
  return out;
}

const WRONG: (() => unknown)[] = [
  () => 42, () => -1, () => 0, () => 1.5, () => NaN, () => Infinity, () => '', () => 'x', () => true, () => false, () => null,
  () => [], () => ({}), () => ['x'], () => ({ a: 1 }), () => undefined, () => '10.0.0.0/16', () => [42], () => [null],
];

class SomeClass { public readonly name = 'instance'; public readonly cidrs = ['10.0.0.10/32']; }

const HOSTILE: [string, (v: unknown, slot: Slot) => unknown][] = [
  ['BigInt', () => BigInt(42)],
  ['symbol', () => Symbol('s')],
  ['function', () => () => 1],
  ['Map', () => new Map([['a', 1]])],
  ['Set', () => new Set(['10.0.0.0/16'])],
  ['Date', () => new Date(0)],
  ['boxed String', () => new String('10.0.0.10/32')],
  ['class instance', () => new SomeClass()],
  ['transparent Proxy', (v) => (v && typeof v === 'object' ? new Proxy(v as object, {}) : new Proxy({}, {}))],
  ['throwing Proxy', () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } })],
  ['throwing getter', (v) => {
    const o: Any = v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object) } : {};
    Object.defineProperty(o, Object.keys(o)[0] ?? 'name', { get() { throw new Error('getter'); }, enumerable: true });
    return o;
  }],
  ['getter throwing a Proxy', () => Object.defineProperty({}, 'name', { get() { throw new Proxy({}, { get() { throw new Error('x'); } }); }, enumerable: true })],
  ['value behind a getter', (v) => {
    // A getter that answers once with the value, then with garbage: what was validated must be what gets built.
    let reads = 0;
    return Object.defineProperty({}, 'wrapped', { get: () => (reads++ === 0 ? v : 'changed'), enumerable: true });
  }],
  ['cycle', (v, slot) => {
    if (v && typeof v === 'object') { (v as Any).self = v; return v; }
    return slot.parent;
  }],
  ['huge string', () => 'x'.repeat(1_100_000)],
  ['long string', () => 'a'.repeat(70_000)],
  ['huge list', () => new Array(200_000).fill('10.0.0.0/16')],
  ['sparse list', () => { const a: unknown[] = []; a[5] = '10.0.0.10/32'; return a; }],
  ['many keys', () => Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))],
  ['deep nesting', () => { let o: Any = {}; for (let i = 0; i < 60; i++) o = { o }; return o; }],
  ['__proto__ key', () => JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}')],
  ['frozen copy', (v) => Object.freeze(v && typeof v === 'object' ? v : {})],
];

/** Rewrite a canonical CIDR or address in a non-canonical (or another canonical) spelling. */
function respell(rng: Rng, text: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(\/\d+)?$/.exec(text);
  if (!m) return ` ${text}`;
  const octets = m.slice(1, 5);
  const prefix = m[5] ?? '';
  switch (rng.int(0, 7)) {
    case 0: return ` ${text}`;
    case 1: return `${text} `;
    case 2: { const i = rng.int(0, 3); octets[i] = `0${octets[i]}`; return `${octets.join('.')}${prefix}`; }
    case 3: { octets[3] = String((Number(octets[3]) + 1) % 256); return `${octets.join('.')}${prefix}`; } // host bits (or another address)
    case 4: return prefix ? octets.join('.') : `${text}/32`;
    case 5: return `${octets.join('.')}${prefix.replace('/', ' / ')}`;
    case 6: return `${octets.join('.')}${prefix ? `/0${prefix.slice(1)}` : ''}`;
    default: return text; // canonical, unchanged
  }
}

function hostsOf(bp: Any): Any[] { return Array.isArray(bp.hosts) ? bp.hosts.filter((h: Any) => h && typeof h === 'object') : []; }
function flowsOf(bp: Any): Any[] { return Array.isArray(bp.flows) ? bp.flows.filter((f: Any) => f && typeof f === 'object') : []; }
function segmentCidr(bp: Any, segment: Segment): Ipv4Cidr | undefined {
  const key = { [Segment.MY_NUMBER]: 'myNumber', [Segment.LGWAN]: 'lgwan', [Segment.INTERNET]: 'internet' }[segment];
  const explicit = bp?.[key]?.cidr;
  const space = Ipv4Cidr.tryParse(explicit ?? bp.addressSpace ?? '10.0.0.0/16');
  if (!space) return undefined;
  if (explicit) return space;
  const quarter = [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET].indexOf(segment);
  return space.prefixLength <= 30 ? space.subnet(space.prefixLength + 2, quarter) : undefined;
}
/** The subnets the library lays out for a segment of the blueprint (when it can be worked out). */
function layout(bp: Any, segment: Segment) {
  const cidr = segmentCidr(bp, segment);
  if (!cidr) return [];
  try {
    const roles = segmentSubnetRoles(segment, {
      model: bp.model,
      alphaPrimeCase: bp.alphaPrimeCase,
      tenantProxy: !!bp.breakout?.tenantProxy,
      internetEgress: bp.internet?.egress ?? InternetEgressMode.SECURITY_CLOUD,
    });
    return layoutSubnets(segment, cidr.toString(), bp.availabilityZones ?? ['ap-northeast-1a', 'ap-northeast-1c'], roles, routeTableKey);
  } catch {
    return [];
  }
}

/** One mutation: it changes `bp` in place and says what it did, or returns undefined when it does not apply. */
type Mutator = (bp: Any, rng: Rng) => string | undefined;

const MUTATORS: [string, number, Mutator][] = [
  ['wrong type', 3, (bp, rng) => {
    const s = rng.pick(slots(bp));
    if (!s) return undefined;
    s.parent[s.key] = rng.pick(WRONG)();
    return `${s.path} := ${String(s.parent[s.key])}`;
  }],
  ['missing field', 2, (bp, rng) => {
    const s = rng.pick(slots(bp).filter((x) => !Array.isArray(x.parent)));
    if (!s) return undefined;
    delete s.parent[s.key];
    return `delete ${s.path}`;
  }],
  ['extra field', 1, (bp, rng) => {
    const objects = [{ parent: { x: bp }, key: 'x', path: '' }, ...slots(bp)].filter((x) => x.parent[x.key] && typeof x.parent[x.key] === 'object' && !Array.isArray(x.parent[x.key]));
    const s = rng.pick(objects);
    const o = s.parent[s.key];
    const keys = Object.keys(o);
    const key = keys.length > 0 && rng.chance(0.7)
      ? rng.pick([(k: string) => k.slice(0, -1), (k: string) => k.toLowerCase(), (k: string) => `${k}s`, (k: string) => k.toUpperCase()])(rng.pick(keys))
      : rng.pick(['extra', 'comment', 'tags', 'region']);
    o[key] = rng.pick(WRONG)();
    return `${s.path || '(root)'}.${key} added`;
  }],
  ['hostile value', 3, (bp, rng) => {
    const all = slots(bp);
    const s = rng.chance(0.1) ? undefined : rng.pick(all);
    const [name, make] = rng.pick(HOSTILE);
    if (!s) return `root is ${name} (see the case)`;
    s.parent[s.key] = make(s.parent[s.key], s);
    return `${s.path} := ${name}`;
  }],
  ['out-of-range number', 2, (bp, rng) => {
    const numbers = slots(bp).filter((x) => typeof x.parent[x.key] === 'number');
    const s = rng.pick(numbers);
    if (!s) return undefined;
    s.parent[s.key] = rng.pick([0, -1, 65536, 70000, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 4294967295, 7224, 1e300, -0]);
    return `${s.path} := ${s.parent[s.key]}`;
  }],
  ['port object', 1, (bp, rng) => {
    const ports = slots(bp).filter((x) => x.parent[x.key] instanceof Port);
    const s = rng.pick(ports);
    if (!s) return undefined;
    const p: Port = s.parent[s.key];
    s.parent[s.key] = rng.pick([
      () => ({ protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort }),
      () => ({ protocol: 'icmp', fromPort: 1, toPort: 1 }),
      () => ({ protocol: p.protocol.toUpperCase(), fromPort: p.fromPort, toPort: p.toPort }),
      () => ({ protocol: p.protocol, fromPort: p.toPort, toPort: p.fromPort - 1 }),
      () => ({ protocol: p.protocol, fromPort: String(p.fromPort), toPort: p.toPort }),
      () => ({ protocol: p.protocol, fromPort: 0, toPort: 0 }),
    ])();
    return `${s.path} := ${JSON.stringify(s.parent[s.key])}`;
  }],
  ['spelling', 3, (bp, rng) => {
    const texts = slots(bp).filter((x) => typeof x.parent[x.key] === 'string' && /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(x.parent[x.key]));
    const s = rng.pick(texts);
    if (!s) return undefined;
    s.parent[s.key] = respell(rng, s.parent[s.key]);
    return `${s.path} := ${JSON.stringify(s.parent[s.key])}`;
  }],
  ['duplicate', 2, (bp, rng) => {
    const hosts = hostsOf(bp);
    const flows = flowsOf(bp);
    return rng.pick<() => string | undefined>([
      () => { if (!hosts.length) return undefined; const h = rng.pick(hosts); bp.hosts.push(clone(h)); return `host ${h.name} twice`; },
      () => { if (!flows.length) return undefined; const f = rng.pick(flows); bp.flows.push(clone(f)); return `flow ${f.name} twice`; },
      () => { if (hosts.length < 2) return undefined; hosts[1].name = hosts[0].name; return 'two hosts share a name'; },
      () => { const w = bp.lgwan?.wanCidrs; if (!Array.isArray(w) || !w.length) return undefined; w.push(w[0]); return 'a WAN CIDR twice'; },
      () => { const w = bp.lgwan?.wanCidrs; if (!Array.isArray(w) || !w.length || typeof w[0] !== 'string') return undefined; w.push(w[0].replace(/\b0(\d)/, '00$1').replace(/\.(\d+)\//, '.0$1/')); return 'a WAN CIDR twice, once with a leading zero'; },
      () => { if (!hosts.length || !Array.isArray(hosts[0].cidrs)) return undefined; hosts[0].cidrs.push(...hosts[0].cidrs); return 'a host CIDR twice'; },
      () => { const h = hosts.find((x) => Array.isArray(x.cidrs) && /\/32$/.test(x.cidrs[0] ?? '')); if (!h) return undefined; h.cidrs.push(h.cidrs[0].replace(/\.(\d+)\/32$/, '.0$1/32')); return `host ${h.name}: 10.0.0.10/32 next to 10.0.0.010/32`; },
      () => { bp.availabilityZones = ['ap-northeast-1a', 'ap-northeast-1a']; return 'a zone twice'; },
      () => { bp.myNumber = { ...(bp.myNumber ?? {}), interfaceEndpoints: ['ssm', 'ssm'] }; return 'an endpoint twice'; },
      () => { const s = bp.breakout?.services; if (!Array.isArray(s) || !s.length) return undefined; s.push(clone(s[0])); return 'a service twice'; },
      () => { bp.trafficMirroring = { target: 'eni-0123456789abcdef0', networkInterfaceIds: ['eni-0aaaaaaaaaaaaaaa1', 'eni-0aaaaaaaaaaaaaaa1'] }; return 'an ENI twice'; },
    ])();
  }],
  ['overlapping range', 3, (bp, rng) => {
    const hosts = hostsOf(bp).filter((h) => Array.isArray(h.cidrs));
    if (!hosts.length) return undefined;
    const h = rng.pick(hosts);
    const seg = rng.pick([Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET]);
    const subnets = layout(bp, seg);
    const choice = rng.int(0, 9);
    if (choice === 0) { const c = segmentCidr(bp, seg); if (!c) return undefined; h.cidrs = [c.toString()]; return `${h.name} is the whole ${seg} segment`; }
    if (choice <= 3 && subnets.length) { const s = rng.pick(subnets); h.cidrs = [s.cidr]; h.zone = seg; return `${h.name} is the ${s.key} subnet of ${seg}`; }
    if (choice === 4 && subnets.length) {
      const s = Ipv4Cidr.parse(rng.pick(subnets.filter((x) => x.role === 'workload')).cidr);
      h.zone = seg;
      h.cidrs = [s.subnet(s.prefixLength + 1, 0).toString(), s.subnet(s.prefixLength + 1, 1).toString()];
      return `${h.name} covers a workload subnet of ${seg} in two halves`;
    }
    if (choice === 5) { h.zone = Zone.SECURITY_CLOUD; h.cidrs = [rng.pick(['0.0.0.0/0', segmentCidr(bp, Segment.MY_NUMBER)?.subnet(32, 10).toString() ?? '10.0.0.10/32'])]; return `${h.name} is a security-cloud host of ${h.cidrs[0]}`; }
    if (choice === 6) { const w = bp.lgwan?.wanCidrs; if (!Array.isArray(w)) return undefined; w.push(rng.pick(['0.0.0.0/0', segmentCidr(bp, Segment.LGWAN)?.toString() ?? '10.0.64.0/18', '172.30.0.0/16'])); return `WAN CIDR ${w[w.length - 1]} added`; }
    if (choice === 7) { h.zone = Zone.LGWAN_WAN; h.cidrs = [...(Array.isArray(bp.lgwan?.wanCidrs) ? [bp.lgwan.wanCidrs[0]] : ['172.20.0.0/16'])]; return `${h.name} is the whole LGWAN WAN range`; }
    if (choice === 8) { if (!bp.internet || typeof bp.internet !== 'object') return undefined; bp.internet.cidr = segmentCidr(bp, Segment.LGWAN)?.toString(); return 'internet.cidr overlaps LGWAN'; }
    const other = rng.pick(hosts);
    h.cidrs = clone(other.cidrs);
    return `${h.name} takes the CIDRs of ${other.name}`;
  }],
  ['all ports', 2, (bp, rng) => {
    const flows = flowsOf(bp);
    if (!flows.length) return undefined;
    const f = rng.pick(flows);
    const spreads: [string, Port[]][] = [
      ['tcp 1-32767 + 32768-65535 + udp 1-65534', [Port.tcpRange(1, 32767), Port.tcpRange(32768, 65535), Port.udpRange(1, 65534)]],
      ['tcp 1-65534', [Port.tcpRange(1, 65534)]],
      ['tcp 1024-65535', [Port.tcpRange(1024, 65535)]],
      ['tcp 1-65535', [Port.tcpRange(1, 65535)]],
      ['udp 2-65535 + udp 1', [Port.udpRange(2, 65535), Port.udp(1)]],
      ['tcp 1-20000 + 20000-40000 overlapping', [Port.tcpRange(1, 20000), Port.tcpRange(20000, 40000)]],
      ['tcp 49152-65535 (the dynamic range)', [Port.tcpRange(49152, 65535)]],
    ];
    const [name, ports] = rng.pick(spreads);
    if (rng.chance(0.3) && ports.length > 1) {
      f.ports = [ports[0]];
      bp.flows.push({ ...clone(f), name: `${typeof f.name === 'string' ? f.name : 'f'}-rest`, ports: ports.slice(1) });
      return `${name} split over two flows of ${f.name}`;
    }
    f.ports = ports;
    return `${f.name}: ${name}`;
  }],
  ['enum swap', 2, (bp, rng) => {
    const hosts = hostsOf(bp);
    const flows = flowsOf(bp);
    return rng.pick<() => string | undefined>([
      () => { if (!hosts.length) return undefined; const h = rng.pick(hosts); h.zone = rng.pick([...Object.values(Zone), 'my_number', 'DMZ']); return `${h.name}.zone := ${h.zone}`; },
      () => { if (!hosts.length) return undefined; const h = rng.pick(hosts); h.role = rng.pick([...Object.values(HostRole), 'ADMIN']); return `${h.name}.role := ${h.role}`; },
      () => { if (!flows.length) return undefined; const f = rng.pick(flows); f.kind = rng.pick([...Object.values(FlowKind), 'ANY']); return `${f.name}.kind := ${f.kind}`; },
      () => { bp.model = rng.pick([...Object.values(NetworkModel), 'alpha', 'GAMMA']); return `model := ${bp.model}`; },
      () => { bp.alphaPrimeCase = rng.pick([...Object.values(AlphaPrimeCase), 'ア']); return `alphaPrimeCase := ${bp.alphaPrimeCase}`; },
      () => { bp.internet = { ...(bp.internet ?? {}), egress: rng.pick([...Object.values(InternetEgressMode), 'NAT']) }; return `internet.egress := ${bp.internet.egress}`; },
      () => { if (!flows.length) return undefined; const f = rng.pick(flows); [f.from, f.to] = [f.to, f.from]; return `${f.name} reversed`; },
    ])();
  }],
  ['connections', 1, (bp, rng) => {
    if (!bp.lgwan || typeof bp.lgwan !== 'object') return undefined;
    const choice = rng.int(0, 4);
    if (choice === 0) { bp.lgwan.connection = { attachmentId: 'tgw-attach-0123456789abcdef0' }; bp.internet = { ...(bp.internet ?? {}), egress: InternetEgressMode.SECURITY_CLOUD, securityCloud: { attachmentId: 'tgw-attach-0123456789abcdef0' } }; return 'one attachment for both'; }
    if (choice === 1) { bp.lgwan.connection = { customerGatewayIp: '203.0.113.10' }; bp.internet = { ...(bp.internet ?? {}), egress: InternetEgressMode.SECURITY_CLOUD, securityCloud: { customerGatewayIp: '203.0.113.10' } }; return 'one router for both'; }
    if (choice === 2) { bp.lgwan.connection = { customerGatewayIp: '203.0.113.10', attachmentId: 'tgw-attach-0123456789abcdef0' }; return 'both kinds'; }
    if (choice === 3) { bp.lgwan.connection = { customerGatewayIp: rng.pick(['203.0.113.010', '10.0.0.1', '0.0.0.0', '255.255.255.255', '203.0.113.10/32', '::1', '192.0.2.1 ']) }; return `customerGatewayIp ${bp.lgwan.connection.customerGatewayIp}`; }
    bp.lgwan.connection = { attachmentId: rng.pick(['tgw-attach-XYZ', 'tgw-attach-0123', 'vpc-0123456789abcdef0', 'tgw-attach-0123456789abcdef0']) };
    return `attachmentId ${bp.lgwan.connection.attachmentId}`;
  }],
  ['security cloud hub', 1, (bp, rng) => joinHub(bp, rng)],
  ['availability zones', 1, (bp, rng) => {
    bp.availabilityZones = rng.pick([
      ['us-east-1a', 'us-east-1b'], ['ap-northeast-1a', 'ap-northeast-3a'], ['ap-northeast-1a'],
      ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f', 'us-east-1g'],
      ['us-west-2-lax-1a', 'us-west-2-lax-1b'], ['apne1-az1', 'apne1-az4'], ['AP-NORTHEAST-1A', 'ap-northeast-1c'],
      ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'], [],
    ]);
    return `availabilityZones := ${JSON.stringify(bp.availabilityZones)}`;
  }],
  ['tag value', 1, (bp, rng) => {
    bp.municipality = rng.pick([
      'x'.repeat(129), 'x'.repeat(300), 'Sample City (サンプル市)', 'Sample\nCity', '${aws_s3_bucket.x.arn}', 'aws:city', ' Sample City ',
      'サンプル市・南区', 'Sample City', '長い市'.repeat(40), 'Sample%{City}', 'x'.repeat(1_000_000),
    ]);
    return `municipality := ${JSON.stringify(bp.municipality.slice(0, 40))} (${bp.municipality.length} characters)`;
  }],
  ['more flows', 1, (bp, rng) => {
    const hosts = hostsOf(bp);
    const mn = hosts.find((h) => h.zone === Zone.MY_NUMBER);
    const peers = hosts.filter((h) => h.zone === Zone.LGWAN_WAN || h.zone === Zone.LGWAN);
    if (!mn || !peers.length || !Array.isArray(bp.flows)) return undefined;
    const count = rng.pick([5, 12, 25]);
    for (let i = 0; i < count; i++) {
      bp.flows.push({ name: `extra-${i}`, kind: FlowKind.SPECIFIC_COMMUNICATION, from: mn.name, to: rng.pick(peers).name, ports: [Port.tcp(1000 + i), Port.udp(2000 + i)] });
    }
    return `${count} more My Number flows`;
  }],
  ['breakout', 2, (bp, rng) => {
    const b = bp.breakout;
    if (!b || typeof b !== 'object' || !Array.isArray(b.services)) return undefined;
    const entry = b.services.find((s: Any) => s && typeof s === 'object');
    return rng.pick<() => string | undefined>([
      () => { if (!entry) return undefined; delete entry.tenantIds; return 'tenantIds removed'; },
      () => { if (!entry) return undefined; entry.policyId = 'abc"def'; return 'a quote in the policy ID'; },
      () => { if (!entry) return undefined; entry.tenantIds = ['a\nb']; return 'a line break in a tenant ID'; },
      () => { b.services.push(...CloudServiceCatalogue.all().map((service) => ({ service: clone(service), tenantIds: ['city.example.lg.jp'], policyId: 'p' }))); return 'every catalogue service'; },
      () => {
        b.services.push({ service: { id: 'own', name: 'Own', category: 'OTHER', ismapListed: true, documentationUrl: 'https://example.com', domains: Array.from({ length: rng.pick([50, 400, 2000]) }, (_, i) => `host-${i}-${'x'.repeat(40)}.example.com`) } });
        return 'a service with many domains (user data)';
      },
      () => { bp.alphaPrimeCase = rng.pick(Object.values(AlphaPrimeCase)); return `case := ${bp.alphaPrimeCase}`; },
      () => { delete b.tenantProxy; return 'no proxy'; },
      () => { b.services.push({ service: { ...clone(CloudServiceCatalogue.ZOOM), id: 'zoom-2', media: { cidrs: [Array.isArray(bp.lgwan?.wanCidrs) ? bp.lgwan.wanCidrs[0] : '172.20.0.0/16'], ports: [Port.udp(8801)], reason: 'media for the test', documentationUrl: 'https://example.com' } } }); return 'media range inside the WAN'; },
      () => { b.ipsRules = ['drop ip any any -> any any (msg:"x"; sid:1;)', '']; return 'an empty IPS rule'; },
    ])();
  }],
  ['valid edit', 3, (bp, rng) => {
    const flows = flowsOf(bp);
    const hosts = hostsOf(bp);
    return rng.pick<() => string | undefined>([
      () => { if (!flows.length) return undefined; const f = rng.pick(flows); f.ports = [Port.tcp(rng.int(1, 65535))]; return `${f.name}: one port`; },
      () => { bp.municipality = rng.pick(['Other City', '別の市', 'Kita 北']); return 'another municipality'; },
      () => { if (!hosts.length) return undefined; rng.pick(hosts).description = 'changed'; return 'a description'; },
      () => { if (Array.isArray(bp.hosts)) bp.hosts.reverse(); if (Array.isArray(bp.flows)) bp.flows.reverse(); return 'lists reversed'; },
      () => { if (!flows.length) return undefined; const f = rng.pick(flows); f.purpose = '目的'; return 'a purpose'; },
      () => { bp.localGovernmentCode = '131016'; return 'a local government code'; },
      () => { if (!bp.lgwan || typeof bp.lgwan !== 'object') return undefined; bp.lgwan.dnsAllowedDomains = ['*.example.lg.jp']; return 'a DNS domain'; },
    ])();
  }],
];

/**
 * The blueprint as a member of a prefecture security cloud hub (internet.securityCloudHub instead of the VPN to an
 * external security cloud), with a valid connection or, more often, one prop of it (or of its context) got wrong. The
 * hub's range is the generator's security-cloud pool (172.30.0.0/16), so its security-cloud hosts stay inside it.
 */
export function joinHub(bp: Any, rng: Rng): string | undefined {
  if (!bp.internet || typeof bp.internet !== 'object' || Array.isArray(bp.internet)) return undefined;
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
  const hub: Any = {
    transitGatewayId: `tgw-${hex(17)}`,
    hubCidr: '172.30.0.0/16',
    dnsAddresses: rng.subset(['172.30.10.53', '172.30.11.53'], 1, 2),
    siemBucketArn: 'arn:aws:s3:::aws-waf-logs-fuzz-prefecture',
    ...(rng.chance(0.5) ? { hubRouteTableId: `tgw-rtb-${hex(17)}`, hubAttachmentId: `tgw-attach-${hex(17)}` } : {}),
    ...(rng.chance(0.5) ? { proxyEndpoint: rng.pick(['proxy.pref.example.lg.jp:8080', '172.30.2.10:3128']) } : {}),
  };
  const { securityCloud, securityCloudDns, ...rest } = bp.internet;
  bp.internet = { ...rest, securityCloudHub: hub };
  if (rest.egress === InternetEgressMode.BUILT_IN) delete bp.internet.egress;
  bp.localGovernmentCode = typeof bp.localGovernmentCode === 'string' && /^\d{6}$/.test(bp.localGovernmentCode) ? bp.localGovernmentCode : '131016';
  if (bp.logging && typeof bp.logging === 'object') delete bp.logging.siemBucketArn;
  if (rng.chance(0.3)) return 'a member of the hub';
  const segment = segmentCidr(bp, rng.pick([Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET]))?.toString();
  const wrong: [string, () => void][] = [
    ['transitGatewayId', () => { hub.transitGatewayId = rng.pick(['tgw-XYZ', 'vpc-0123456789abcdef0', '${Token[TOKEN.1]} ', 'tgw-attach-0123456789abcdef0', 42, '']); }],
    ['hubCidr', () => { hub.hubCidr = rng.pick(['172.30.0.1/16', '8.8.0.0/16', '0.0.0.0/0', '172.030.0.0/16', segment, undefined]); }],
    ['dnsAddresses', () => { hub.dnsAddresses = rng.pick([[], ['8.8.8.8'], ['172.30.010.53'], ['172.30.10.53', '172.30.10.53'], Array.from({ length: 7 }, (_, i) => `172.30.10.${i + 1}`), '172.30.10.53']); }],
    ['siemBucketArn', () => { hub.siemBucketArn = rng.pick(['arn:aws:s3:::Bad_Bucket', undefined, '${aws_s3_bucket.x.arn}', 'aws-waf-logs-x']); }],
    ['hubRouteTableId', () => { hub.hubRouteTableId = rng.pick([`tgw-rtb-${hex(17)}`, 'rtb-0123456789abcdef0']); delete hub.hubAttachmentId; }],
    ['proxyEndpoint', () => { hub.proxyEndpoint = rng.pick(['proxy', 'proxy:0', 'proxy:65536', 'a b:8080', ':8080']); }],
    ['securityCloud too', () => { bp.internet.securityCloud = securityCloud ?? { customerGatewayIp: '203.0.113.20' }; }],
    ['securityCloudDns too', () => { bp.internet.securityCloudDns = ['172.30.10.53']; }],
    ['egress BUILT_IN', () => { bp.internet.egress = InternetEgressMode.BUILT_IN; }],
    ['no local government code', () => { delete bp.localGovernmentCode; }],
    ['unknown prop', () => { hub.hubCidrs = ['172.30.0.0/16']; }],
    ['siem besides the hub\'s', () => { bp.logging = { ...(bp.logging ?? {}), siemBucketArn: 'arn:aws:s3:::sample-city-siem-ingest' }; }],
  ];
  const [what, apply] = rng.pick(wrong);
  apply();
  return `a member of the hub, ${what} wrong`;
}

const TOTAL_WEIGHT = MUTATORS.reduce((n, [, w]) => n + w, 0);

/** Apply one to three mutations; returns what was done, in order. */
export function mutate(bp: Any, rng: Rng): { blueprint: unknown; mutations: string[] } {
  const done: string[] = [];
  let root: Any = bp;
  const count = rng.pick([1, 1, 1, 2, 2, 3]);
  for (let tries = 0; done.length < count && tries < 10; tries++) {
    let r = rng.next() * TOTAL_WEIGHT;
    const [name, , mutator] = MUTATORS.find(([, w]) => (r -= w) < 0) ?? MUTATORS[0];
    try {
      if (name === 'hostile value' && rng.chance(0.05)) {
        const [hname, make] = rng.pick(HOSTILE);
        root = make(root, { parent: { root }, key: 'root', path: '' });
        done.push(`${name}: the whole blueprint := ${hname}`);
        continue;
      }
      const what = mutator(root, rng);
      if (what) done.push(`${name}: ${what}`);
    } catch (e) {
      // A mutation that cannot apply to an already-mangled blueprint: skip it.
      done.push(`${name}: (skipped: ${e instanceof Error && !types.isProxy(e) ? e.message : 'a hostile exception'})`);
    }
  }
  return { blueprint: root, mutations: done };
}
