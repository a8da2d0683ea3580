/**
 * Random valid blueprints, valid by construction (the generator knows the rules; it never asks the validator): every
 * model (α, α′, β, β′) and α′ case (ア, イ, ウ), addressing by default, by address space or per segment, 2 to 6
 * availability zones, VPN or existing attachments, security-cloud or built-in egress, catalogue services in varying
 * combinations with their tenant settings, and hosts and flows of every kind (specific communication from and to the My
 * Number segment and the LGWAN WAN, sanitization, screen transfer in the model's direction, security-cloud services).
 *
 * Hosts are placed in the first half of a workload subnet the library lays out (src/plan/addressing; α′ LGWAN terminal
 * pools in a terminal subnet), so that no host
 * and no union of hosts covers a subnet; My Number flows stay within the NACL quota; ports stay narrow.
 */
import { Rng } from './rng';
import {
  AlphaPrimeCase, BreakoutServiceProps, CloudServiceCatalogue, CloudServiceCategory, CloudServiceDefinition, FlowDeclaration, FlowKind,
  HostDeclaration, HostRole, InternetEgressMode, Ipv4Cidr, MunicipalNetworkBlueprintProps, NetworkModel, Port, Segment, TransitConnectionProps, Zone,
} from '../../src';
import { MODEL_PLACEMENT } from '../../src/model/network-model';
import { layoutSubnets } from '../../src/plan/addressing';
import { SubnetRole } from '../../src/plan/network-plan';
import { segmentSubnetRoles } from '../../src/plan/plan';
import { routeTableKey } from '../../src/plan/routing';

export const MODELS = [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA, NetworkModel.BETA_PRIME] as const;
export const CASES = [
  AlphaPrimeCase.LICENSE_AND_UPDATES, AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD, AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION,
] as const;

/** Regions and zone letters the generator uses (real zone names; Tokyo has no "b" for new accounts). */
const REGIONS: readonly { region: string; letters: string }[] = [
  { region: 'ap-northeast-1', letters: 'acd' },
  { region: 'ap-northeast-3', letters: 'abc' },
  { region: 'us-east-1', letters: 'abcdef' },
];

const ENDPOINTS = ['ssm', 'ssmmessages', 'ec2messages', 'logs', 'kms', 'sts', 'ecr.api', 'ecr.dkr', 'monitoring'];
const DOMAINS = ['updates.example.com', '*.example.org', 'portal.example.lg.jp', '*.city.example.lg.jp', 'time.example.net'];
const BLOCKED = ['*.example-malware.test', 'bad.example.com', '*.phishing.example'];

const hex = (rng: Rng, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(0, 15)]).join('');
const guid = (rng: Rng) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-8${hex(rng, 3)}-${hex(rng, 12)}`;
/** A public address from the documentation ranges (RFC 5737), never one of NOT_PUBLIC. */
const publicIp = (rng: Rng) => `${rng.pick(['203.0.113', '198.51.100', '192.0.2'])}.${rng.int(1, 254)}`;

/** What the generator decides first: the shape the rest must fit. */
export interface GeneratorChoice {
  readonly model?: NetworkModel;
  readonly alphaPrimeCase?: AlphaPrimeCase;
}

/** A random blueprint that validation must accept and both engines must synthesize with the guard on. */
export function randomValidBlueprint(rng: Rng, choice: GeneratorChoice = {}): MunicipalNetworkBlueprintProps {
  for (let attempt = 0; ; attempt++) {
    const bp = attemptBlueprint(rng, choice, attempt > 5);
    if (bp) return bp;
  }
}

function attemptBlueprint(rng: Rng, choice: GeneratorChoice, simple: boolean): MunicipalNetworkBlueprintProps | undefined {
  const model = choice.model ?? rng.pick(MODELS);
  const alphaPrime = model === NetworkModel.ALPHA_PRIME;
  const theCase = alphaPrime ? choice.alphaPrimeCase ?? rng.pick(CASES) : undefined;
  const builtIn = rng.chance(0.25);
  const { region, letters } = simple ? REGIONS[0] : rng.pick(REGIONS);
  // Six zones with a firewall (α′, the built-in egress) go past CloudFormation's 500 resources: four at most there.
  const maxZones = alphaPrime || builtIn ? Math.min(4, letters.length) : letters.length;
  const azCount = simple ? 2 : rng.chance(0.6) ? 2 : rng.int(2, maxZones);
  const azs = rng.subset([...letters], azCount, azCount).map((l) => `${region}${l}`);

  // Addressing: the default, an address space, or a CIDR per segment.
  const mode = simple ? 'default' : rng.pick(['default', 'default', 'space', 'explicit'] as const);
  const segmentCidrs = {} as Record<Segment, Ipv4Cidr>;
  let addressSpace: string | undefined;
  const explicit: Partial<Record<Segment, string>> = {};
  if (mode === 'default' || mode === 'space') {
    const space = mode === 'default' ? Ipv4Cidr.parse('10.0.0.0/16') : randomPrivateBlock(rng, rng.int(16, 20));
    if (mode === 'space') addressSpace = space.toString();
    [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET].forEach((s, i) => { segmentCidrs[s] = space.subnet(space.prefixLength + 2, i); });
  } else {
    const parent = randomPrivateBlock(rng, 14);
    const slots = rng.subset([0, 1, 2, 3], 3, 3);
    [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET].forEach((s, i) => {
      const block = parent.subnet(16, slots[i]).subnet(rng.int(16, 20), 0);
      segmentCidrs[s] = block;
      explicit[s] = block.toString();
    });
  }
  const tenantProxy = alphaPrime && theCase !== AlphaPrimeCase.LICENSE_AND_UPDATES;
  const workload = {} as Record<Segment, Ipv4Cidr[]>;
  // α′ LGWAN: terminal pools go in the terminal subnets, the only ones that break out (AP-7); everything else in workload.
  let lgwanTerminalSubnets: Ipv4Cidr[] = [];
  for (const s of [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET]) {
    const internetEgress = builtIn ? InternetEgressMode.BUILT_IN : InternetEgressMode.SECURITY_CLOUD;
    const roles = segmentSubnetRoles(s, { model, alphaPrimeCase: theCase, tenantProxy, internetEgress });
    try {
      const layout = layoutSubnets(s, segmentCidrs[s].toString(), azs, roles, routeTableKey);
      workload[s] = layout.filter((x) => x.role === SubnetRole.WORKLOAD).map((x) => Ipv4Cidr.parse(x.cidr));
      if (s === Segment.LGWAN) lgwanTerminalSubnets = layout.filter((x) => x.role === SubnetRole.TERMINALS).map((x) => Ipv4Cidr.parse(x.cidr));
    } catch {
      return undefined; // too small for the zones and roles: try again
    }
  }

  // External networks: LGWAN WAN ranges in 172.20.0.0/14, the security cloud in 172.30.0.0/16, both outside the segments.
  const segs = Object.values(segmentCidrs);
  const wanPool = Array.from({ length: 4 }, (_, i) => Ipv4Cidr.parse('172.20.0.0/14').subnet(16, i)).filter((w) => !segs.some((s) => s.overlaps(w)));
  const scPool = Ipv4Cidr.parse('172.30.0.0/16');
  if (wanPool.length === 0 || segs.some((s) => s.overlaps(scPool))) return undefined;
  const wanCidrs = rng.subset(wanPool, 1, 3).map((w) => (rng.chance(0.3) ? w.subnet(20, rng.int(0, 15)) : w));
  const scCidrs = builtIn || rng.chance(0.5) ? undefined : rng.subset([0, 1, 2, 3], 1, 2).map((i) => scPool.subnet(24, i));

  const usedIps = new Set<string>();
  const usedAttachments = new Set<string>();
  const connection = (): TransitConnectionProps => {
    if (rng.chance(0.3)) {
      let id: string;
      do id = `tgw-attach-${hex(rng, 17)}`; while (usedAttachments.has(id));
      usedAttachments.add(id);
      return { attachmentId: id };
    }
    let ip: string;
    do ip = publicIp(rng); while (usedIps.has(ip));
    usedIps.add(ip);
    return { customerGatewayIp: ip, ...(rng.chance(0.5) ? { customerGatewayAsn: rng.int(64512, 65534) } : {}) };
  };

  // Hosts.
  const hosts: HostDeclaration[] = [];
  let n = 0;
  const hostIn = (zone: Zone, role: HostRole, description?: string): HostDeclaration => {
    const name = `${zone.toLowerCase().replace(/_/g, '-')}-${role.toLowerCase().replace(/_/g, '-')}-${++n}`;
    let cidrs: string[];
    if (zone === Zone.LGWAN_WAN) {
      cidrs = [rng.pick(wanCidrs).subnet(rng.pick([28, 32]), 3).toString()];
    } else if (zone === Zone.SECURITY_CLOUD) {
      cidrs = [(scCidrs ? rng.pick(scCidrs) : scPool.subnet(24, 9)).subnet(32, rng.int(1, 200)).toString()];
    } else {
      const count = rng.chance(0.8) ? 1 : 2;
      const breaksOut = zone === Zone.LGWAN && role === HostRole.BUSINESS_TERMINALS && lgwanTerminalSubnets.length > 0;
      const pool = breaksOut ? lgwanTerminalSubnets : workload[zone as unknown as Segment];
      cidrs = [...new Set(Array.from({ length: count }, () => hostRange(rng, rng.pick(pool))))];
    }
    const h: HostDeclaration = { name, zone, cidrs, role, ...(description ? { description } : {}) };
    hosts.push(h);
    return h;
  };
  const placement = MODEL_PLACEMENT[model];
  const terminalZone = placement.terminalSegment as unknown as Zone;
  const myNumber = Array.from({ length: rng.int(1, 3) }, () => hostIn(Zone.MY_NUMBER, rng.pick([HostRole.MY_NUMBER_SYSTEM, HostRole.OTHER]), '住民記録システム'));
  const wan = Array.from({ length: rng.int(1, 2) }, () => hostIn(Zone.LGWAN_WAN, HostRole.OTHER, '中間サーバー'));
  const terminals = hostIn(terminalZone, HostRole.BUSINESS_TERMINALS, '業務端末');
  const systemZones = placement.businessSystemSegments as unknown as Zone[];
  const systems = Array.from({ length: rng.int(0, 2) }, () => hostIn(rng.pick(systemZones), HostRole.BUSINESS_SYSTEM));
  const lgwanOthers = Array.from({ length: rng.int(1, 2) }, () => hostIn(Zone.LGWAN, HostRole.OTHER));
  const relay = hostIn(Zone.INTERNET, HostRole.SANITIZATION_RELAY, '無害化サーバー');
  // Case ウ: the ICAP sanitizer the proxy hands file responses to, one address in LGWAN (AP-6).
  const icapHost = theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION ? hostIn(Zone.LGWAN, HostRole.SANITIZATION_RELAY, '無害化サーバー (ICAP)') : undefined;
  if (icapHost) icapHost.cidrs.splice(0, icapHost.cidrs.length, Ipv4Cidr.parse(icapHost.cidrs[0]).subnet(32, 0).toString());
  const browser = hostIn(Zone.INTERNET, HostRole.SCREEN_TRANSFER_SERVER, '仮想ブラウザ');
  const lgwanVdi = hostIn(Zone.LGWAN, HostRole.SCREEN_TRANSFER_SERVER, 'VDI');
  const securityCloud = builtIn ? [] : Array.from({ length: rng.int(0, 2) }, () => hostIn(Zone.SECURITY_CLOUD, HostRole.OTHER, 'proxy'));
  if (rng.chance(0.3)) hostIn(Zone.INTERNET, HostRole.OTHER);

  // Flows: the My Number segment's peers never have a flow with the internet side (MN-4).
  const flows: FlowDeclaration[] = [];
  const reachedByMyNumber = new Set<string>();
  const internetFacing = new Set<string>();
  let f = 0;
  const flow = (kind: FlowKind, from: HostDeclaration, to: HostDeclaration, ports: Port[] = randomPorts(rng)) => {
    flows.push({ name: `flow-${++f}-${kind.toLowerCase().replace(/_/g, '-')}`, kind, from: from.name, to: to.name, ports, ...(rng.chance(0.5) ? { purpose: '通信要件' } : {}) });
  };
  const lgwanHosts = hosts.filter((h) => h.zone === Zone.LGWAN);
  const internetHosts = hosts.filter((h) => h.zone === Zone.INTERNET);
  // My Number ↔ LGWAN WAN / LGWAN: specific communication, both directions, within the NACL quota.
  const myNumberFlows = rng.int(1, 3);
  for (let i = 0; i < myNumberFlows; i++) {
    const mn = rng.pick(myNumber);
    const peer = rng.chance(0.6) ? rng.pick(wan) : rng.pick(lgwanOthers);
    reachedByMyNumber.add(peer.name);
    const outbound = rng.chance(0.7);
    flow(FlowKind.SPECIFIC_COMMUNICATION, outbound ? mn : peer, outbound ? peer : mn, randomPorts(rng, 2));
  }
  // LGWAN ↔ LGWAN WAN.
  if (rng.chance(0.5)) flow(FlowKind.SPECIFIC_COMMUNICATION, rng.pick(lgwanHosts), rng.pick(wan));
  // Sanitization into LGWAN, screen transfer both ways (to hosts the My Number segment does not reach).
  const lgwanFree = lgwanHosts.filter((h) => !reachedByMyNumber.has(h.name));
  const into = lgwanFree.filter((h) => h.role !== HostRole.SCREEN_TRANSFER_SERVER);
  if (into.length > 0 && rng.chance(0.8)) {
    const target = rng.pick(into);
    flow(FlowKind.SANITIZATION, relay, target, [Port.tcp(rng.pick([443, 22, 445]))]);
    internetFacing.add(target.name);
  }
  if (terminals.zone === Zone.LGWAN && !reachedByMyNumber.has(terminals.name)) {
    flow(FlowKind.SCREEN_TRANSFER, terminals, browser, [Port.tcp(443), ...(rng.chance(0.3) ? [Port.udp(3389)] : [])]);
    internetFacing.add(terminals.name);
  }
  // Screen transfer goes from the terminals' segment (LG-2): into LGWAN's VDI only where the terminals are in INTERNET (β/β′).
  if (terminals.zone === Zone.INTERNET) {
    flow(FlowKind.SCREEN_TRANSFER, terminals, lgwanVdi, [Port.tcp(rng.pick([443, 3389]))]);
    internetFacing.add(lgwanVdi.name);
  }
  for (const sc of securityCloud) flow(FlowKind.SPECIFIC_COMMUNICATION, rng.pick(internetHosts), sc, [Port.tcp(rng.pick([8080, 3128, 25]))]);
  for (const s of systems.filter((x) => x.zone === Zone.LGWAN && !internetFacing.has(x.name))) {
    if (rng.chance(0.4)) flow(FlowKind.SPECIFIC_COMMUNICATION, rng.pick(myNumber), s, [Port.tcp(rng.pick([1433, 5432, 8443]))]);
  }
  // The α′ case ウ relay is a declared host; MN-4 keeps the My Number peers off the internet side.
  if ([...reachedByMyNumber].some((name) => internetFacing.has(name))) return undefined;

  const bp: MunicipalNetworkBlueprintProps = {
    municipality: rng.pick(['Sample City', 'サンプル市', 'Minami Town 南町', 'Kita-Mura 北村', 'Hoge Ward @ Tokyo']),
    ...(rng.chance(0.6) ? { localGovernmentCode: String(rng.int(10000, 479999)).padStart(6, '0') } : {}),
    model,
    ...(theCase ? { alphaPrimeCase: theCase } : {}),
    ...(addressSpace ? { addressSpace } : {}),
    ...(azs.join() === 'ap-northeast-1a,ap-northeast-1c' && rng.chance(0.5) ? {} : { availabilityZones: azs }),
    ...(rng.chance(0.3) || explicit[Segment.MY_NUMBER] ? { myNumber: segmentOptions(rng, explicit[Segment.MY_NUMBER], true) } : {}),
    lgwan: {
      ...segmentOptions(rng, explicit[Segment.LGWAN], true),
      wanCidrs: wanCidrs.map(String),
      connection: connection(),
    },
    ...internetOptions(rng, builtIn, explicit[Segment.INTERNET], scCidrs, connection),
    hosts,
    flows,
    ...(alphaPrime ? { breakout: randomBreakout(rng, theCase!, relay.name, icapHost?.name) } : {}),
    ...(placement.requiresSiem || rng.chance(0.4) ? {
      logging: {
        ...(placement.requiresSiem || rng.chance(0.5) ? { siemBucketArn: `arn:aws:s3:::siem-${hex(rng, 6)}` } : {}),
        // From LOG-1's floor (the library's default, 400 days; validation refuses fewer).
        ...(rng.chance(0.3) ? { retentionDays: rng.int(400, 3650) } : {}),
      },
    } : {}),
    ...(rng.chance(0.15) ? {
      trafficMirroring: {
        target: rng.pick([`vpce-${hex(rng, 17)}`, `eni-${hex(rng, 17)}`, `arn:aws:elasticloadbalancing:${region}:111122223333:loadbalancer/net/ids/${hex(rng, 16)}`]),
        // Mirrored interfaces drawn, then dropped (so that the blueprints drawn after this one stay the same): the guard
        // refuses every mirror session (GUARD-1: it cannot place the interface), and a generated blueprint must synthesize
        // with the guard on. test/cdk/municipal-network.test.ts checks the refusal.
        ...(rng.chance(0.6) && Array.from({ length: rng.int(1, 3) }, () => hex(rng, 17)).length > 0 ? {} : {}),
      },
    } : {}),
  };
  return bp;
}

/** A private block of the given prefix length, aligned, in 10/8, 172.16/12 or 192.168/16. */
function randomPrivateBlock(rng: Rng, prefix: number): Ipv4Cidr {
  const parent = Ipv4Cidr.parse(prefix >= 16 ? rng.pick(['10.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']) : rng.pick(['10.0.0.0/8', '172.16.0.0/12']));
  return parent.subnet(prefix, rng.int(0, 2 ** (prefix - parent.prefixLength) - 1));
}

/** A host address or small range in the first half of a workload subnet: never the whole subnet, nor, together, all of it. */
function hostRange(rng: Rng, subnet: Ipv4Cidr): string {
  const half = subnet.subnet(subnet.prefixLength + 1, 0);
  const prefix = rng.chance(0.6) ? 32 : rng.int(Math.max(half.prefixLength + 1, 24), 30);
  return half.subnet(prefix, rng.int(0, Math.min(2 ** (prefix - half.prefixLength), 200) - 1)).toString();
}

/** One to `max` narrow ports: single TCP/UDP ports or small ranges. */
function randomPorts(rng: Rng, max = 3): Port[] {
  const out = new Map<string, Port>();
  const count = rng.int(1, max);
  for (let i = 0; i < count; i++) {
    const p = rng.pick([
      () => Port.tcp(rng.pick([443, 8443, 22, 3389, 1433, 5432, 636, 389])),
      () => Port.udp(rng.pick([53, 123, 514, 161])),
      () => { const a = rng.int(1024, 60000); return Port.tcpRange(a, a + rng.int(1, 100)); },
      () => { const a = rng.int(1024, 60000); return Port.udpRange(a, a + rng.int(1, 20)); },
    ])();
    out.set(p.toString(), p);
  }
  return [...out.values()];
}

function segmentOptions(rng: Rng, cidr: string | undefined, closed: boolean) {
  return {
    ...(cidr ? { cidr } : {}),
    ...(rng.chance(0.3) ? { interfaceEndpoints: rng.subset(ENDPOINTS, 0, 5) } : {}),
    ...(closed && rng.chance(0.3) ? { dnsAllowedDomains: rng.subset(DOMAINS, 1, 3) } : {}),
  };
}

function internetOptions(
  rng: Rng, builtIn: boolean, cidr: string | undefined, scCidrs: Ipv4Cidr[] | undefined, connection: () => TransitConnectionProps,
) {
  // The stand-in's resolver must block something (IN-2); the security cloud's VPC resolver blocks only what is listed.
  const blocked = builtIn || rng.chance(0.3) ? { dnsBlockedDomains: rng.subset(BLOCKED, 1, 2) } : {};
  const base = { ...(cidr ? { cidr } : {}), ...(rng.chance(0.2) ? { interfaceEndpoints: rng.subset(ENDPOINTS, 0, 3) } : {}), ...blocked };
  if (builtIn) return { internet: { ...base, egress: InternetEgressMode.BUILT_IN } };
  // The security cloud's resolvers (IN-2): one or two addresses in its ranges (or in its pool when none are declared).
  const dnsRange = scCidrs ? rng.pick(scCidrs) : Ipv4Cidr.parse('172.30.0.0/16').subnet(24, 10);
  const securityCloudDns = rng.subset([53, 54], 1, 2).map((n) => dnsRange.subnet(32, n).toString().replace(/\/32$/, ''));
  return {
    internet: {
      ...base,
      ...(rng.chance(0.5) ? { egress: InternetEgressMode.SECURITY_CLOUD } : {}),
      securityCloud: connection(),
      ...(scCidrs ? { securityCloudCidrs: scCidrs.map(String) } : {}),
      securityCloudDns,
    },
  };
}

/** The catalogue entry with its tenant settings, as a municipality would give them. */
function serviceEntry(rng: Rng, service: CloudServiceDefinition, communication: boolean): BreakoutServiceProps {
  const tr = service.tenantRestriction;
  const templates = tr?.headers.map((h) => h.valueTemplate) ?? [];
  if (!communication || !templates.some((t) => t.includes('{tenants}') || t.includes('{directoryId}'))) return { service };
  const tenant = () => {
    switch (service.id) {
      case 'google-workspace':
      case 'webex': return rng.pick(['city.example.lg.jp', 'example.jp']);
      case 'slack': return `T${hex(rng, 10).toUpperCase()}`;
      default: return guid(rng);
    }
  };
  return {
    service,
    tenantIds: [...new Set(Array.from({ length: rng.int(1, 2) }, tenant))],
    ...(templates.some((t) => t.includes('{policyId}')) ? { policyId: guid(rng) } : {}),
  };
}

function randomBreakout(rng: Rng, theCase: AlphaPrimeCase, relay: string, icapHost?: string): MunicipalNetworkBlueprintProps['breakout'] {
  const communication = theCase !== AlphaPrimeCase.LICENSE_AND_UPDATES;
  const catalogue = CloudServiceCatalogue.all().filter((s) => s.ismapListed || s.securityUpdateConditions !== undefined);
  const updates = catalogue.filter((s) => s.category !== CloudServiceCategory.COMMUNICATION_TOOL);
  const tools = catalogue.filter((s) => s.category === CloudServiceCategory.COMMUNICATION_TOOL);
  let chosen: CloudServiceDefinition[];
  if (communication) {
    // Microsoft 365 in one tenant-restrictions version at most (both would set the same header twice).
    const tool = rng.subset(tools, 1, 2);
    const m365 = tool.filter((s) => s.id.startsWith('microsoft-365'));
    chosen = [...tool.filter((s) => !s.id.startsWith('microsoft-365')), ...m365.slice(0, 1), ...rng.subset(updates, 0, 2)];
    // Microsoft 365 sign-in reaches login.live.com, where only the consumer-account block restricts the tenant (AP-3).
    const block = CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK;
    if (m365.length > 0 && !chosen.includes(block)) chosen.push(block);
  } else {
    chosen = rng.subset(updates, 1, 3);
  }
  // Now and then a service of the municipality's own, ISMAP-listed (the harness acknowledges AP-2 for it, as a user must).
  const own: CloudServiceDefinition[] = rng.chance(0.1) ? [{
    id: `own-${hex(rng, 4)}`,
    name: 'Own service',
    category: CloudServiceCategory.OTHER,
    domains: [`app-${hex(rng, 4)}.example.com`, '*.cdn.example.net'],
    ismapListed: true,
    documentationUrl: 'https://example.com/endpoints',
  }] : [];
  return {
    services: [...chosen, ...own].map((s) => serviceEntry(rng, s, communication)),
    ...(theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD || rng.chance(0.3) ? { fileDownloadRestricted: true } : {}),
    ...(theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION ? {
      sanitizationRelay: relay,
      sanitizationService: { host: icapHost!, service: rng.pick(['respmod', 'srv_clamav', 'cdr/v1']), ...(rng.chance(0.3) ? { port: rng.pick([1344, 11344, 8344]) } : {}) },
    } : {}),
    ...(rng.chance(0.2) ? { ipsRules: ['drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"fuzz: no TLS 1.0"; ssl_version:tls1.0; sid:1009001; rev:1;)'] } : {}),
    ...(communication ? {
      tenantProxy: {
        caSecretArn: `arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:proxy-ca-${hex(rng, 6)}`,
        ...(rng.chance(0.3) ? { instanceType: rng.pick(['t3.large', 'c6i.large']) } : {}),
        ...(rng.chance(0.3) ? { minInstances: rng.int(2, 4) } : {}),
        ...(rng.chance(0.2) ? { port: rng.pick([3128, 8080]) } : {}),
        ...(rng.chance(0.2) ? { extraConnectPorts: [8443] } : {}),
      },
    } : {}),
  };
}
