import { MunicipalNetworkBlueprintProps, InternetEgressMode, TransitConnectionProps } from './blueprint';
import { Ipv4Cidr } from './cidr';
import { CloudServiceCategory } from './cloud-service';
import {
  ADDRESS_SPACE_PREFIX, DEFAULT_ADDRESS_SPACE, DEFAULT_AVAILABILITY_ZONES, MAX_SEGMENT_PREFIX, resolveSegmentCidrs, SEGMENT_PROP,
} from './defaults';
import { domainProblems } from './domains';
import { FLOW_KIND_JA, FlowDeclaration, FlowKind, HostDeclaration, HostRole } from './flows';
import { AlphaPrimeCase, MODEL_JA, MODEL_PLACEMENT, NetworkModel } from './network-model';
import { Port, Protocol } from './port';
import { ALL_SEGMENTS, Segment, SEGMENT_JA, segmentOfZone, Zone } from './segment';

/** RFC 1918 private ranges: segment VPCs must come from these. */
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => Ipv4Cidr.parse(c));
/** Ranges that are never a customer gateway's public address (RFC 1918, loopback, link-local, CGNAT, multicast+). */
const NOT_PUBLIC = [...RFC1918, ...['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '224.0.0.0/3'].map((c) => Ipv4Cidr.parse(c))];
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html */
const AWS_RESERVED_ASNS = [7224, 9059, 10124, 17493];
const AZ_NAME = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)([a-z])$/;
const ENDPOINT_NAME = /^[a-z0-9][a-z0-9.-]*$/;

const ZONE_JA: Readonly<Record<Zone, string>> = {
  [Zone.MY_NUMBER]: SEGMENT_JA[Segment.MY_NUMBER],
  [Zone.LGWAN]: SEGMENT_JA[Segment.LGWAN],
  [Zone.INTERNET]: SEGMENT_JA[Segment.INTERNET],
  [Zone.LGWAN_WAN]: 'LGWAN',
  [Zone.SECURITY_CLOUD]: '自治体情報セキュリティクラウド',
};

/** Collects problems as `[path] what. Fix: how.` lines. */
class Problems {
  public readonly list: string[] = [];
  public add(path: string, what: string, fix: string): void {
    this.list.push(`[${path}] ${what}. Fix: ${fix}`);
  }
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/**
 * A value resolved at deploy time: an AWS CDK token (`${Token[...]}`) or a Terraform reference (`${aws_x.y.arn}`)
 * both contain `${`. Such values cannot be checked at synthesis; their format is the engine's business.
 */
const isReference = (v: unknown): boolean => typeof v === 'string' && v.includes('${');
const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;

function checkCidrList(p: Problems, path: string, value: unknown, required: boolean): Ipv4Cidr[] {
  if (value === undefined && !required) return [];
  if (!isStringArray(value) || (required && value.length === 0)) {
    p.add(path, `must be a ${required ? 'non-empty ' : ''}list of IPv4 CIDR strings`, 'give CIDRs such as "172.20.0.0/16"');
    return [];
  }
  const out: Ipv4Cidr[] = [];
  value.forEach((c, i) => {
    const cidr = Ipv4Cidr.tryParse(c);
    if (cidr) out.push(cidr);
    else p.add(`${path}[${i}]`, `"${c}" is not an IPv4 CIDR block`, 'write a.b.c.d/n with the host bits zero');
  });
  return out;
}

function checkPort(p: Problems, path: string, port: unknown): port is Port {
  if (!(port instanceof Port) && !(isObject(port) && 'protocol' in port && 'fromPort' in port && 'toPort' in port)) {
    p.add(path, 'is not a port', 'use Port.tcp(n), Port.udp(n), Port.tcpRange(a, b) or Port.udpRange(a, b)');
    return false;
  }
  const q = port as Port;
  const problems: string[] = [];
  if (q.protocol !== Protocol.TCP && q.protocol !== Protocol.UDP) problems.push(`protocol ${String(q.protocol)} is not tcp or udp`);
  for (const [name, v] of [['fromPort', q.fromPort], ['toPort', q.toPort]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 65535) problems.push(`${name} ${String(v)} is not a port number (1-65535)`);
  }
  if (problems.length === 0 && q.fromPort > q.toPort) problems.push(`fromPort ${q.fromPort} is greater than toPort ${q.toPort}`);
  for (const pr of problems) p.add(path, pr, 'use Port.tcp(n), Port.udp(n), Port.tcpRange(a, b) or Port.udpRange(a, b) with ports 1-65535');
  return problems.length === 0;
}

function checkConnection(p: Problems, path: string, c: unknown): void {
  if (!isObject(c)) {
    p.add(path, 'is missing', 'give { customerGatewayIp } for a site-to-site VPN, or { attachmentId } for an existing attachment');
    return;
  }
  const conn = c as TransitConnectionProps;
  const hasIp = conn.customerGatewayIp !== undefined;
  const hasAttachment = conn.attachmentId !== undefined;
  if (hasIp === hasAttachment) {
    p.add(path, hasIp ? 'gives both customerGatewayIp and attachmentId' : 'gives neither customerGatewayIp nor attachmentId',
      'give exactly one: customerGatewayIp (we create a VPN) or attachmentId (an existing transit gateway attachment)');
  }
  if (hasIp) {
    const ip = typeof conn.customerGatewayIp === 'string' ? Ipv4Cidr.tryParse(`${conn.customerGatewayIp}/32`) : undefined;
    if (!ip) {p.add(`${path}.customerGatewayIp`, `${JSON.stringify(conn.customerGatewayIp)} is not an IPv4 address`, 'give the public IPv4 address of your router');} else if (NOT_PUBLIC.some((r) => r.contains(ip))) {
      p.add(`${path}.customerGatewayIp`, `${conn.customerGatewayIp} is not a public address`, 'a VPN customer gateway needs the public IPv4 address of your router');
    }
  }
  if (hasAttachment && (typeof conn.attachmentId !== 'string' || !/^tgw-attach-[0-9a-f]{8,17}$/.test(conn.attachmentId))) {
    p.add(`${path}.attachmentId`, `${JSON.stringify(conn.attachmentId)} is not a transit gateway attachment ID`, 'give an ID like tgw-attach-0123456789abcdef0');
  }
  const asn = conn.customerGatewayAsn;
  // AWS reserves 7224, 9059, 10124 and 17493 in some Regions (Site-to-Site VPN customer gateway options).
  if (asn !== undefined && (!Number.isInteger(asn) || asn < 1 || asn > 4294967294 || AWS_RESERVED_ASNS.includes(asn))) {
    p.add(`${path}.customerGatewayAsn`, `${String(asn)} is not a usable BGP ASN`,
      'use 1-4294967294, avoiding the ASNs AWS reserves per Region (7224, 9059, 10124, 17493); private ASNs are 64512-65534');
  }
}

function checkSegmentOptions(p: Problems, key: string, opts: unknown): void {
  if (opts === undefined) return;
  if (!isObject(opts)) {
    p.add(key, 'must be an object', `give ${key}: { ... } or leave it out`);
    return;
  }
  if (opts.interfaceEndpoints !== undefined) {
    if (!isStringArray(opts.interfaceEndpoints)) {p.add(`${key}.interfaceEndpoints`, 'must be a list of service short names', 'e.g. ["ssm", "logs"]');} else {
      opts.interfaceEndpoints.forEach((e, i) => {
        if (!ENDPOINT_NAME.test(e)) p.add(`${key}.interfaceEndpoints[${i}]`, `"${e}" is not a service short name`, 'write the part after com.amazonaws.<region>., e.g. "ssm"');
      });
      const dup = opts.interfaceEndpoints.filter((e, i, a) => a.indexOf(e) !== i);
      if (dup.length > 0) p.add(`${key}.interfaceEndpoints`, `lists ${[...new Set(dup)].join(', ')} more than once`, 'list each endpoint once');
    }
  }
  for (const list of ['dnsAllowedDomains', 'dnsBlockedDomains']) {
    const v = opts[list];
    if (v === undefined) continue;
    if (!isStringArray(v)) {
      p.add(`${key}.${list}`, 'must be a list of domain strings', 'e.g. ["*.example.com"]');
      continue;
    }
    v.forEach((d, i) => {
      for (const pr of domainProblems(d)) p.add(`${key}.${list}[${i}]`, `"${d}" ${pr}`, 'write "host.example.com" or "*.example.com" under a registrable domain');
    });
  }
}

/**
 * Check a blueprint and return every problem at once, each as `[prop.path] what is wrong. Fix: how.`,
 * naming the rule (REQUIREMENTS §3) and the guideline's Japanese term where one applies.
 * Never throws, whatever the input (JSON and JavaScript callers can pass anything).
 */
export function validateBlueprint(props: MunicipalNetworkBlueprintProps): string[] {
  const p = new Problems();
  try {
    check(p, props);
  } catch (e) {
    // A shape we did not foresee: report it instead of crashing, so the user still sees the other problems.
    p.add('(blueprint)', `could not be fully checked (${(e as Error)?.message ?? String(e)})`, 'make the props match MunicipalNetworkBlueprintProps');
  }
  return p.list;
}

function check(p: Problems, props: MunicipalNetworkBlueprintProps): void {
  if (!isObject(props)) {
    p.add('(blueprint)', 'is not an object', 'pass the MunicipalNetworkBlueprintProps object');
    return;
  }
  if (typeof props.municipality !== 'string' || props.municipality.trim() === '') {
    p.add('municipality', 'is empty', 'give the municipality name, e.g. "Sample City (サンプル市)"');
  }
  if (props.localGovernmentCode !== undefined && !(typeof props.localGovernmentCode === 'string' && /^\d{6}$/.test(props.localGovernmentCode))) {
    p.add('localGovernmentCode', `${JSON.stringify(props.localGovernmentCode)} is not a six-digit local government code (全国地方公共団体コード)`, 'give the six digits, check digit included');
  }

  const model = props.model;
  const knownModel = Object.values(NetworkModel).includes(model);
  if (!knownModel) {
    p.add('model', `${JSON.stringify(model)} is not a network model`, `use one of ${Object.values(NetworkModel).join(', ')}`);
  }
  const alphaPrime = model === NetworkModel.ALPHA_PRIME;
  if (alphaPrime && !Object.values(AlphaPrimeCase).includes(props.alphaPrimeCase as AlphaPrimeCase)) {
    p.add('alphaPrimeCase', `${props.alphaPrimeCase === undefined ? 'is missing' : `${JSON.stringify(props.alphaPrimeCase)} is not an α′ case`} (α'モデル requires one)`,
      `choose ${Object.values(AlphaPrimeCase).join(', ')} (ケース ア/イ/ウ of the MIC 2024 revision)`);
  }
  if (!alphaPrime && props.alphaPrimeCase !== undefined && knownModel) {
    p.add('alphaPrimeCase', `is set but the model is ${model} (${MODEL_JA[model]})`, 'remove it, or use model ALPHA_PRIME');
  }

  // Addressing (SEG-2).
  const space = Ipv4Cidr.tryParse(props.addressSpace ?? DEFAULT_ADDRESS_SPACE);
  // Segment CIDRs derived from a bad address space would only repeat its problem; they are not checked.
  const spaceUsable = space !== undefined && space.prefixLength >= ADDRESS_SPACE_PREFIX.min && space.prefixLength <= ADDRESS_SPACE_PREFIX.max;
  if (!space) {
    p.add('addressSpace', `${JSON.stringify(props.addressSpace)} is not an IPv4 CIDR block`, 'write a.b.c.d/n, e.g. "10.0.0.0/16"');
  } else if (space.prefixLength < ADDRESS_SPACE_PREFIX.min || space.prefixLength > ADDRESS_SPACE_PREFIX.max) {
    p.add('addressSpace', `${space} is a /${space.prefixLength}; each segment takes a quarter of it`,
      `use a /${ADDRESS_SPACE_PREFIX.min} to /${ADDRESS_SPACE_PREFIX.max}, or give each segment its own cidr`);
  }
  for (const key of ['myNumber', 'lgwan', 'internet'] as const) checkSegmentOptions(p, key, props[key]);
  const lgwan = props.lgwan;
  if (!isObject(lgwan)) {
    p.add('lgwan', 'is missing', 'give lgwan: { wanCidrs, connection } (the LGWAN WAN ranges and how it is attached)');
  }
  const resolved = resolveSegmentCidrs(isObject(lgwan) ? props : { ...props, lgwan: {} as any });
  const segmentCidrs = new Map<Segment, Ipv4Cidr>();
  for (const segment of ALL_SEGMENTS) {
    const path = `${SEGMENT_PROP[segment]}.cidr`;
    const text = resolved[segment];
    const explicit = isObject((props as any)[SEGMENT_PROP[segment]]) && (props as any)[SEGMENT_PROP[segment]].cidr !== undefined;
    if (text === undefined || (!explicit && !spaceUsable)) continue; // addressSpace already reported
    const cidr = Ipv4Cidr.tryParse(text);
    if (!cidr) {
      p.add(path, `${JSON.stringify(text)} is not an IPv4 CIDR block`, 'write a.b.c.d/n with the host bits zero');
      continue;
    }
    if (cidr.prefixLength > MAX_SEGMENT_PREFIX) {
      p.add(path, `${cidr} is too small for the segment's subnets`, `use a /${MAX_SEGMENT_PREFIX} or larger`);
    } else if (cidr.prefixLength < 16) {
      p.add(path, `${cidr} is larger than a VPC can be (/16)`, 'use a /16 to /22');
    }
    if (!RFC1918.some((r) => r.contains(cidr))) {
      p.add(path, `${cidr} is not private address space (RFC 1918)`, 'use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16');
    }
    segmentCidrs.set(segment, cidr);
  }
  const segList = [...segmentCidrs.entries()];
  segList.forEach(([a, ca], i) => {
    for (const [b, cb] of segList.slice(i + 1)) {
      if (ca.overlaps(cb)) {
        p.add(`${SEGMENT_PROP[b]}.cidr`, `${cb} overlaps ${SEGMENT_PROP[a]}.cidr ${ca} (SEG-2: ${SEGMENT_JA[b]} / ${SEGMENT_JA[a]})`,
          'give each segment its own non-overlapping CIDR');
      }
    }
  });
  const wanCidrs = isObject(lgwan) ? checkCidrList(p, 'lgwan.wanCidrs', lgwan.wanCidrs, true) : [];
  if (isObject(lgwan)) checkConnection(p, 'lgwan.connection', lgwan.connection);
  const internet = isObject(props.internet) ? props.internet : undefined;
  const securityCloudCidrs = checkCidrList(p, 'internet.securityCloudCidrs', internet?.securityCloudCidrs, false);
  for (const [name, list] of [['lgwan.wanCidrs', wanCidrs], ['internet.securityCloudCidrs', securityCloudCidrs]] as const) {
    list.forEach((ext, i) => {
      for (const [segment, cidr] of segList) {
        if (ext.overlaps(cidr)) {
          p.add(`${name}[${i}]`, `${ext} overlaps ${SEGMENT_PROP[segment]}.cidr ${cidr} (SEG-2)`, 'segments must not overlap external networks; renumber one of them');
        }
      }
    });
  }
  const egress = internet?.egress ?? InternetEgressMode.SECURITY_CLOUD;
  if (!Object.values(InternetEgressMode).includes(egress)) {
    p.add('internet.egress', `${JSON.stringify(egress)} is not an egress mode`, `use ${Object.values(InternetEgressMode).join(' or ')}`);
  } else if (egress === InternetEgressMode.SECURITY_CLOUD) {
    if (internet?.securityCloud === undefined) {
      p.add('internet.securityCloud', 'is missing: the Internet segment reaches the internet only through the security cloud (IN-1, 自治体情報セキュリティクラウド)',
        'give internet.securityCloud (customerGatewayIp or attachmentId), or internet.egress: BUILT_IN for a proof of concept');
    } else {
      checkConnection(p, 'internet.securityCloud', internet.securityCloud);
    }
  } else if (internet?.securityCloud !== undefined) {
    p.add('internet.securityCloud', 'is set but internet.egress is BUILT_IN, which does not use it', 'remove one of them');
  }

  // Availability zones.
  const azs = props.availabilityZones ?? [...DEFAULT_AVAILABILITY_ZONES];
  if (!isStringArray(azs) || azs.length < 2 || azs.length > 6) {
    p.add('availabilityZones', 'must list 2 to 6 availability zone names', 'e.g. ["ap-northeast-1a", "ap-northeast-1c"]');
  } else {
    const regions = new Set<string>();
    azs.forEach((az, i) => {
      const m = AZ_NAME.exec(az);
      if (!m) p.add(`availabilityZones[${i}]`, `"${az}" is not an availability zone name`, 'write names like "ap-northeast-1a"');
      else regions.add(m[1]);
    });
    if (new Set(azs).size !== azs.length) p.add('availabilityZones', 'lists a zone more than once', 'list each zone once');
    if (regions.size > 1) p.add('availabilityZones', `mixes regions (${[...regions].sort().join(', ')})`, 'use zones of one region, the stack\'s');
  }

  // Hosts.
  const hosts = new Map<string, HostDeclaration>();
  const hostList = props.hosts ?? [];
  if (!Array.isArray(hostList)) p.add('hosts', 'must be a list', 'give hosts: [{ name, zone, cidrs }]');
  (Array.isArray(hostList) ? hostList : []).forEach((h, i) => {
    const path = `hosts[${i}]`;
    if (!isObject(h)) {
      p.add(path, 'is not an object', 'give { name, zone, cidrs }');
      return;
    }
    const named = typeof h.name === 'string' ? `hosts.${h.name}` : path;
    if (typeof h.name !== 'string' || !NAME.test(h.name)) {
      p.add(`${path}.name`, `${JSON.stringify(h.name)} is not a host name`, 'use lower-case letters, digits and hyphens (max 63)');
    } else if (hosts.has(h.name)) {
      p.add(named, 'is declared twice', 'give every host a unique name');
    }
    if (!Object.values(Zone).includes(h.zone)) {
      p.add(`${named}.zone`, `${JSON.stringify(h.zone)} is not a zone`, `use one of ${Object.values(Zone).join(', ')}`);
    }
    if (h.role !== undefined && !Object.values(HostRole).includes(h.role)) {
      p.add(`${named}.role`, `${JSON.stringify(h.role)} is not a host role`, `use one of ${Object.values(HostRole).join(', ')}`);
    }
    const cidrs = checkCidrList(p, `${named}.cidrs`, h.cidrs, true);
    const segment = Object.values(Zone).includes(h.zone) ? segmentOfZone(h.zone) : undefined;
    const segCidr = segment ? segmentCidrs.get(segment) : undefined;
    cidrs.forEach((c, j) => {
      if (segment && segCidr && !segCidr.contains(c)) {
        p.add(`${named}.cidrs[${j}]`, `${c} is outside ${SEGMENT_PROP[segment]}.cidr ${segCidr} (${SEGMENT_JA[segment]})`, 'put the host inside its segment, or change its zone');
      }
      if (segment && segCidr && c.network === segCidr.network && c.prefixLength === segCidr.prefixLength) {
        p.add(`${named}.cidrs[${j}]`, `${c} is the whole segment; flows must name hosts, not segments (MN-3, 特定通信)`, 'declare the host addresses (/32) or a small range');
      }
      if (h.zone === Zone.LGWAN_WAN && wanCidrs.length > 0 && !wanCidrs.some((w) => w.contains(c))) {
        p.add(`${named}.cidrs[${j}]`, `${c} is outside lgwan.wanCidrs`, 'add its range to lgwan.wanCidrs or fix the address');
      }
      if (h.zone === Zone.SECURITY_CLOUD && securityCloudCidrs.length > 0 && !securityCloudCidrs.some((w) => w.contains(c))) {
        p.add(`${named}.cidrs[${j}]`, `${c} is outside internet.securityCloudCidrs`, 'add its range to internet.securityCloudCidrs or fix the address');
      }
    });
    // Placement (PL-1, REQUIREMENTS §2).
    if (knownModel && segment !== undefined) {
      const placement = MODEL_PLACEMENT[model];
      if (h.role === HostRole.BUSINESS_TERMINALS && segment !== placement.terminalSegment) {
        p.add(`${named}.zone`, `business terminals (業務端末) in ${SEGMENT_JA[segment]}, but ${MODEL_JA[model]} places them in ${SEGMENT_JA[placement.terminalSegment]} (PL-1)`,
          `move them to ${placement.terminalSegment}, or choose the model that matches your placement`);
      }
      if (h.role === HostRole.BUSINESS_SYSTEM && !placement.businessSystemSegments.includes(segment)) {
        p.add(`${named}.zone`, `a business system (業務システム) in ${SEGMENT_JA[segment]}, but ${MODEL_JA[model]} places them in ${placement.businessSystemSegments.map((s) => SEGMENT_JA[s]).join(' or ')} (PL-1)`,
          `move it to ${placement.businessSystemSegments.join(' or ')}`);
      }
    }
    if (h.role === HostRole.MY_NUMBER_SYSTEM && h.zone !== Zone.MY_NUMBER) {
      p.add(`${named}.zone`, 'a My Number system outside the My Number segment (マイナンバー利用事務系) (PL-1)', 'set zone MY_NUMBER');
    }
    if (typeof h.name === 'string' && !hosts.has(h.name)) hosts.set(h.name, h as HostDeclaration);
  });

  // Flows.
  const flowList = props.flows ?? [];
  if (!Array.isArray(flowList)) p.add('flows', 'must be a list', 'give flows: [{ name, kind, from, to, ports }]');
  const flowNames = new Set<string>();
  const myNumberReaches = new Set<string>();
  const internetSources = new Set<string>();
  const resolvedFlows: { f: FlowDeclaration; from: HostDeclaration; to: HostDeclaration; path: string }[] = [];
  (Array.isArray(flowList) ? flowList : []).forEach((f, i) => {
    const path0 = `flows[${i}]`;
    if (!isObject(f)) {
      p.add(path0, 'is not an object', 'give { name, kind, from, to, ports }');
      return;
    }
    const path = typeof f.name === 'string' ? `flows.${f.name}` : path0;
    if (typeof f.name !== 'string' || !NAME.test(f.name)) p.add(`${path0}.name`, `${JSON.stringify(f.name)} is not a flow name`, 'use lower-case letters, digits and hyphens');
    else if (flowNames.has(f.name)) p.add(path, 'is declared twice', 'give every flow a unique name');
    else flowNames.add(f.name);
    const kindOk = Object.values(FlowKind).includes(f.kind);
    if (!kindOk) p.add(`${path}.kind`, `${JSON.stringify(f.kind)} is not a flow kind`, `use one of ${Object.values(FlowKind).join(', ')}`);
    const from = typeof f.from === 'string' ? hosts.get(f.from) : undefined;
    const to = typeof f.to === 'string' ? hosts.get(f.to) : undefined;
    if (!from) p.add(`${path}.from`, `names an unknown host ${JSON.stringify(f.from)}`, `declare it in hosts, or use one of: ${[...hosts.keys()].join(', ') || '(none declared)'}`);
    if (!to) p.add(`${path}.to`, `names an unknown host ${JSON.stringify(f.to)}`, `declare it in hosts, or use one of: ${[...hosts.keys()].join(', ') || '(none declared)'}`);
    if (!Array.isArray(f.ports) || f.ports.length === 0) {
      p.add(`${path}.ports`, 'is empty', 'list the application ports, e.g. [Port.tcp(443)]');
    } else {
      f.ports.forEach((port: unknown, j: number) => {
        if (checkPort(p, `${path}.ports[${j}]`, port) && (port as Port).fromPort === 1 && (port as Port).toPort === 65535) {
          p.add(`${path}.ports[${j}]`, 'is every port, i.e. all traffic (MN-3, 特定通信 requires application ports)', 'list only the ports the application uses');
        }
      });
    }
    if (!from || !to || !kindOk) return;
    resolvedFlows.push({ f: f as FlowDeclaration, from, to, path });
  });
  for (const { f, from, to, path } of resolvedFlows) {
    const zones = [from.zone, to.zone];
    const kindJa = FLOW_KIND_JA[f.kind];
    if (from.zone === to.zone) {
      p.add(path, `both ends are in ${ZONE_JA[from.zone]}; declared flows are for crossing a boundary`, 'drop the flow (traffic inside a segment is not restricted by the library)');
      continue;
    }
    const has = (z: Zone) => zones.includes(z);
    if (has(Zone.MY_NUMBER) && (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD))) {
      p.add(path, `connects マイナンバー利用事務系 and ${ZONE_JA[has(Zone.INTERNET) ? Zone.INTERNET : Zone.SECURITY_CLOUD]} (${has(Zone.INTERNET) ? 'MN-2' : 'MN-1'}, critical)`,
        'the My Number segment never talks to the Internet segment or the internet; remove the flow');
      continue;
    }
    if (has(Zone.MY_NUMBER)) {
      if (f.kind !== FlowKind.SPECIFIC_COMMUNICATION) {
        p.add(`${path}.kind`, `${f.kind} (${kindJa}) touches マイナンバー利用事務系, which allows only specific communication (MN-3, 特定通信)`, 'use kind SPECIFIC_COMMUNICATION with host CIDRs and ports');
      }
      const other = from.zone === Zone.MY_NUMBER ? to : from;
      if (other.zone !== Zone.LGWAN && other.zone !== Zone.LGWAN_WAN) {
        p.add(path, `connects マイナンバー利用事務系 to ${ZONE_JA[other.zone]} (MN-3)`, 'the My Number segment talks only to LGWAN接続系 or LGWAN (e.g. 中間サーバー)');
      }
      myNumberReaches.add(other.name);
    }
    const lgwanInternet = (has(Zone.LGWAN) || has(Zone.LGWAN_WAN)) && (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD));
    if (lgwanInternet) {
      if (has(Zone.LGWAN_WAN) || has(Zone.SECURITY_CLOUD)) {
        p.add(path, `connects ${ZONE_JA[from.zone]} and ${ZONE_JA[to.zone]} (LG-1)`, 'LGWAN and the internet side meet only through sanitization or screen transfer inside the municipality');
      } else if (f.kind === FlowKind.SANITIZATION) {
        if (!(from.zone === Zone.INTERNET && to.zone === Zone.LGWAN)) {
          p.add(path, 'is a sanitization flow (無害化通信) out of LGWAN; sanitization is one way into LGWAN (LG-2)', 'set from to the relay in INTERNET and to to the LGWAN host');
        }
        if (from.role !== HostRole.SANITIZATION_RELAY) {
          p.add(`${path}.from`, `"${from.name}" is not a SANITIZATION_RELAY host (LG-2, 無害化)`, `set role: HostRole.SANITIZATION_RELAY on hosts.${from.name}, or send the files through the relay`);
        }
      } else if (f.kind === FlowKind.SCREEN_TRANSFER) {
        if (to.role !== HostRole.SCREEN_TRANSFER_SERVER) {
          p.add(`${path}.to`, `"${to.name}" is not a SCREEN_TRANSFER_SERVER host (LG-2, 画面転送)`, `set role: HostRole.SCREEN_TRANSFER_SERVER on hosts.${to.name}`);
        }
      } else {
        p.add(`${path}.kind`, `${f.kind} (${kindJa}) between LGWAN接続系 and インターネット接続系 (LG-2)`, 'use SANITIZATION (無害化) or SCREEN_TRANSFER (画面転送)');
      }
    }
    if (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD)) {
      const local = from.zone === Zone.INTERNET || from.zone === Zone.SECURITY_CLOUD ? to : from;
      internetSources.add(local.name);
    }
  }
  for (const name of [...myNumberReaches].sort()) {
    if (internetSources.has(name)) {
      p.add(`hosts.${name}`, 'is reached from マイナンバー利用事務系 and also has a declared flow with the Internet segment (MN-4)',
        'a host the My Number segment reaches must have no path to the internet; split it into two hosts');
    }
  }

  // α′ breakout.
  const breakout = props.breakout;
  if (knownModel && !alphaPrime && breakout !== undefined) {
    p.add('breakout', `is set but ${MODEL_JA[model]} has no local breakout (LG-1)`, 'remove it, or use model ALPHA_PRIME');
  }
  if (alphaPrime) {
    if (!isObject(breakout) || !Array.isArray(breakout.services) || breakout.services.length === 0) {
      p.add('breakout.services', "is empty: α'モデル needs the allow-listed cloud services (AP-1)", 'list them, e.g. [{ service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: [...] }]');
    } else {
      checkBreakout(p, props, hosts);
    }
  }

  // Logging (LOG-1).
  const logging = props.logging;
  if (logging !== undefined && !isObject(logging)) p.add('logging', 'must be an object', 'give logging: { siemBucketArn } or leave it out');
  const siem = isObject(logging) ? logging.siemBucketArn : undefined;
  if (siem !== undefined && !(typeof siem === 'string' && /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(siem))) {
    p.add('logging.siemBucketArn', `${JSON.stringify(siem)} is not an S3 bucket ARN`, 'write arn:aws:s3:::bucket-name');
  }
  if (knownModel && MODEL_PLACEMENT[model].requiresSiem && siem === undefined) {
    p.add('logging.siemBucketArn', `is missing: ${MODEL_JA[model]} requires log management with a SIEM (LOG-1, ログ管理)`, "give the SIEM's ingestion bucket ARN");
  }
  const retention = isObject(logging) ? logging.retentionDays : undefined;
  if (retention !== undefined && !(Number.isInteger(retention) && retention > 0)) {
    p.add('logging.retentionDays', `${String(retention)} is not a positive whole number of days`, 'e.g. 400');
  }

  // Traffic mirroring.
  const mirroring = props.trafficMirroring;
  if (mirroring !== undefined) {
    const t = isObject(mirroring) ? mirroring.target : undefined;
    if (!(typeof t === 'string' && (/^vpce-[0-9a-f]{8,17}$/.test(t) || /^eni-[0-9a-f]{8,17}$/.test(t) || /^arn:aws[a-z-]*:elasticloadbalancing:[^:]+:\d{12}:loadbalancer\/net\//.test(t)))) {
      p.add('trafficMirroring.target', `${JSON.stringify(t)} is not a mirror target`, 'give a GWLB endpoint ID (vpce-...), an ENI ID (eni-...) or an NLB ARN');
    }
    const enis = isObject(mirroring) ? mirroring.networkInterfaceIds : undefined;
    if (enis !== undefined && !(isStringArray(enis) && enis.every((e) => /^eni-[0-9a-f]{8,17}$/.test(e)))) {
      p.add('trafficMirroring.networkInterfaceIds', 'must be a list of ENI IDs', 'e.g. ["eni-0123456789abcdef0"]');
    }
  }
}

function checkBreakout(p: Problems, props: MunicipalNetworkBlueprintProps, hosts: Map<string, HostDeclaration>): void {
  const breakout = props.breakout!;
  const theCase = props.alphaPrimeCase;
  const communication = theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD || theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const ids = new Set<string>();
  breakout.services.forEach((entry, i) => {
    const base = `breakout.services[${i}]`;
    const s = isObject(entry) ? entry.service : undefined;
    if (!isObject(s)) {
      p.add(`${base}.service`, 'is missing', 'give a CloudServiceCatalogue entry or your own CloudServiceDefinition');
      return;
    }
    const path = `${base}(${String(s.id)})`;
    if (typeof s.id !== 'string' || !NAME.test(s.id)) p.add(`${base}.service.id`, `${JSON.stringify(s.id)} is not a service id`, 'use lower-case letters, digits and hyphens');
    else if (ids.has(s.id)) p.add(path, 'is listed twice', 'list each service once');
    else ids.add(s.id);
    if (!isStringArray(s.domains) || s.domains.length === 0) {
      p.add(`${path}.service.domains`, 'is empty', 'list the FQDNs the service needs');
    } else {
      s.domains.forEach((d, j) => {
        for (const pr of domainProblems(d)) p.add(`${path}.service.domains[${j}]`, `"${d}" ${pr}`, 'allow only the service\'s own FQDNs ("host.example.com" or "*.example.com")');
      });
    }
    const ports: unknown[] = Array.isArray(s.ports) ? s.ports : [Port.HTTPS];
    ports.forEach((port, j) => checkPort(p, `${path}.service.ports[${j}]`, port));
    const non443 = ports.filter((q) => isObject(q) && !(q.protocol === Protocol.TCP && q.fromPort === 443 && q.toPort === 443));
    if (non443.length > 0 && !(typeof s.portsReason === 'string' && s.portsReason.trim().length > 0)) {
      p.add(`${path}.service.portsReason`, `is missing for ${non443.map(String).join(', ')} (AP-5: only TLS 443 without a reason)`, 'say why, e.g. "OCSP/CRL over HTTP"');
    }
    if (s.media !== undefined) {
      if (!isObject(s.media)) {p.add(`${path}.service.media`, 'must be an object', 'give { cidrs, ports, reason, documentationUrl }');} else {
        checkCidrList(p, `${path}.service.media.cidrs`, s.media.cidrs, true).forEach((c, j) => {
          if (c.prefixLength === 0) p.add(`${path}.service.media.cidrs[${j}]`, '0.0.0.0/0 allows every destination (AP-5)', "list the vendor's published media ranges");
        });
        (Array.isArray(s.media.ports) ? s.media.ports : []).forEach((q: unknown, j: number) => checkPort(p, `${path}.service.media.ports[${j}]`, q));
        if (!(typeof s.media.reason === 'string' && s.media.reason.trim())) p.add(`${path}.service.media.reason`, 'is missing (AP-5)', 'say why the media bypasses the proxy');
      }
    }
    if (s.ismapListed !== true) {
      const c = s.securityUpdateConditions;
      const ok = isObject(c) && c.handlesNoAdministrativeDocuments === true && c.restrictedByUrl === true
        && c.authenticatedByTrustedCertificate === true;
      if (!ok) {
        p.add(path, 'is not ISMAP-listed and does not meet the three conditions for a security-update service (AP-2)',
          'use an ISMAP-listed service, or, for a security-update service (virus definitions, IP/URL lists), confirm securityUpdateConditions: it handles no administrative documents (行政文書を扱わない), is restricted by URL, and is authenticated by a trusted certificate');
      }
    }
    if (theCase === AlphaPrimeCase.LICENSE_AND_UPDATES && s.category === CloudServiceCategory.COMMUNICATION_TOOL) {
      p.add(path, 'is a communication tool, but case ア allows only license authentication and updates', 'choose case COMMUNICATION_NO_DOWNLOAD (イ) or COMMUNICATION_WITH_SANITIZATION (ウ), or remove the service');
    }
    const tr = s.tenantRestriction;
    const templates: string[] = isObject(tr) && Array.isArray(tr.headers) ? tr.headers.map((h: any) => String(h?.valueTemplate ?? '')) : [];
    const needsTenants = templates.some((t) => t.includes('{tenants}') || t.includes('{directoryId}'));
    if (communication && isObject(tr) && needsTenants) {
      const tenantIds = isObject(entry) ? entry.tenantIds : undefined;
      if (!isStringArray(tenantIds) || tenantIds.length === 0 || tenantIds.some((t) => t.trim() === '')) {
        p.add(`${base}.tenantIds`, `is missing: ${String(s.name)} supports tenant restriction (${String(tr.scheme)}), required in cases イ/ウ (AP-3, テナントアクセス制御)`,
          `give ${String(tr.tenantIdDescription)}`);
      } else if (tenantIds.some((t) => /["\r\n\\]/.test(t))) {
        p.add(`${base}.tenantIds`, 'contains a quote, backslash or line break', 'give the plain tenant identifiers');
      }
      const needsPolicy = templates.some((t) => t.includes('{policyId}'));
      if (needsPolicy && !(isObject(entry) && typeof entry.policyId === 'string' && entry.policyId.trim())) {
        p.add(`${base}.policyId`, `is missing: ${String(tr.scheme)} names a policy in its header (AP-3)`, 'give the tenant restrictions policy ID');
      }
    }
  });
  if (theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD && breakout.fileDownloadRestricted !== true) {
    p.add('breakout.fileDownloadRestricted', 'is not true: case イ forbids downloading files into LGWAN (AP-6, ダウンロード制限)', 'set fileDownloadRestricted: true (the proxy blocks downloads), or choose case ウ with a sanitization relay');
  }
  if (theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION) {
    const relay = breakout.sanitizationRelay;
    const host = typeof relay === 'string' ? hosts.get(relay) : undefined;
    if (!host || host.role !== HostRole.SANITIZATION_RELAY) {
      p.add('breakout.sanitizationRelay', `${relay === undefined ? 'is missing' : `"${String(relay)}" is not a declared SANITIZATION_RELAY host`}: case ウ passes files only after sanitization (AP-6, 無害化)`,
        'declare the relay in hosts with role SANITIZATION_RELAY and name it here');
    }
  }
  checkTenantProxy(p, breakout.tenantProxy, communication);
  if (breakout.ipsRules !== undefined && !(isStringArray(breakout.ipsRules) && breakout.ipsRules.every((r) => r.trim().length > 0))) {
    p.add('breakout.ipsRules', 'must be a list of non-empty Suricata rules (AP-4)', 'give rules like \'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"..."; sid:...; rev:1;)\', or leave it out for the built-in set');
  }
  if (breakout.extraStatefulRuleGroupArns !== undefined && !(isStringArray(breakout.extraStatefulRuleGroupArns)
    && breakout.extraStatefulRuleGroupArns.every((a) => /^arn:aws[a-z-]*:network-firewall:[^:]+:\d{12}:stateful-rulegroup\//.test(a)))) {
    p.add('breakout.extraStatefulRuleGroupArns', 'must be Network Firewall stateful rule group ARNs', 'give ARNs like arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name>');
  }
}

function checkTenantProxy(p: Problems, proxy: unknown, communication: boolean): void {
  const path = 'breakout.tenantProxy';
  if (proxy === undefined) {
    if (communication) {
      p.add(path, 'is missing: cases イ/ウ need the tenant-restriction proxy to add the tenant headers (AP-3, テナントアクセス制御)',
        'give tenantProxy: { caSecretArn } with the Secrets Manager secret of your TLS interception CA');
    }
    return;
  }
  if (!isObject(proxy)) {
    p.add(path, 'must be an object', 'give tenantProxy: { caSecretArn, ... }');
    return;
  }
  if (!communication) {
    p.add(path, 'is set but case ア (license and updates only) has no tenant restriction', 'remove it, or choose case イ or ウ');
  }
  const arn = proxy.caSecretArn;
  if (!(isReference(arn) || (typeof arn === 'string' && /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/.test(arn)))) {
    p.add(`${path}.caSecretArn`, `${arn === undefined ? 'is missing' : `${JSON.stringify(arn)} is not a Secrets Manager secret ARN`} (AP-3)`,
      'store the interception CA as {"certificate": "<PEM>", "privateKey": "<PEM>"} in Secrets Manager and give the secret ARN');
  }
  const key = proxy.caSecretKmsKeyArn;
  if (key !== undefined && !(isReference(key) || (typeof key === 'string' && /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(key)))) {
    p.add(`${path}.caSecretKmsKeyArn`, `${JSON.stringify(key)} is not a KMS key ARN`, 'give arn:aws:kms:<region>:<account>:key/<key-id>, or leave it out for aws/secretsmanager');
  }
  if (proxy.instanceType !== undefined && !(typeof proxy.instanceType === 'string' && /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(proxy.instanceType))) {
    p.add(`${path}.instanceType`, `${JSON.stringify(proxy.instanceType)} is not an EC2 instance type`, "write e.g. 't3.medium'");
  }
  const min = proxy.minInstances ?? 2;
  if (!Number.isInteger(min) || min < 2) {
    p.add(`${path}.minInstances`, `${JSON.stringify(proxy.minInstances)} is below 2: one proxy is a single point of failure for every terminal`, 'give 2 or more');
  }
  const max = proxy.maxInstances;
  if (max !== undefined && !(Number.isInteger(max) && Number.isInteger(min) && max >= min)) {
    p.add(`${path}.maxInstances`, `${JSON.stringify(max)} is not an integer of at least minInstances (${String(min)})`, 'give a number no smaller than minInstances, or leave it out');
  }
  if (proxy.port !== undefined && !(isPort(proxy.port) && proxy.port !== 443 && proxy.port !== 80)) {
    p.add(`${path}.port`, `${JSON.stringify(proxy.port)} is not a usable proxy port`, 'give a TCP port other than 80 and 443, e.g. 3128 (Squid) or 8080');
  }
  const extra = proxy.extraConnectPorts;
  if (extra !== undefined && !(Array.isArray(extra) && extra.every(isPort))) {
    p.add(`${path}.extraConnectPorts`, 'must be a list of TCP ports 1-65535 (AP-5)', 'e.g. [8443], or leave it out');
  }
}

/**
 * Thrown by `Blueprint.validate` with every problem of the blueprint. Not part of the jsii API (it
 * extends the JavaScript `Error`); other languages see an exception with the same message.
 */
export class BlueprintValidationError extends Error {
  constructor(public readonly errors: string[]) {
    super(`Blueprint has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.join('\n')}`);
    this.name = 'BlueprintValidationError';
  }
}

/**
 * A validated blueprint with its defaults resolved. Create it with `Blueprint.validate(props)`.
 */
export class Blueprint {
  /**
   * Validate the props; throws an error listing every problem at once.
   */
  public static validate(props: MunicipalNetworkBlueprintProps): Blueprint {
    const errors = validateBlueprint(props);
    if (errors.length > 0) throw new BlueprintValidationError(errors);
    return new Blueprint(props);
  }

  /** Every problem of the props (empty if valid), without throwing. */
  public static check(props: MunicipalNetworkBlueprintProps): string[] {
    return validateBlueprint(props);
  }

  /** The props as given. */
  public readonly props: MunicipalNetworkBlueprintProps;
  /** Availability zones, defaults applied. */
  public readonly availabilityZones: string[];
  /** Declared hosts. */
  public readonly hosts: HostDeclaration[];
  /** Declared flows. */
  public readonly flows: FlowDeclaration[];
  private readonly cidrs: Record<Segment, string | undefined>;

  private constructor(props: MunicipalNetworkBlueprintProps) {
    this.props = props;
    this.availabilityZones = [...(props.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES)];
    this.hosts = [...(props.hosts ?? [])];
    this.flows = [...(props.flows ?? [])];
    this.cidrs = resolveSegmentCidrs(props);
  }

  /** The network model. */
  public get model(): NetworkModel {
    return this.props.model;
  }

  /** The α′ case, or undefined for other models. */
  public get alphaPrimeCase(): AlphaPrimeCase | undefined {
    return this.props.model === NetworkModel.ALPHA_PRIME ? this.props.alphaPrimeCase : undefined;
  }

  /** The VPC CIDR of a segment (given, or allocated from `addressSpace`). */
  public segmentCidr(segment: Segment): string {
    return this.cidrs[segment]!;
  }

  /** A declared host by name. */
  public host(name: string): HostDeclaration | undefined {
    return this.hosts.find((h) => h.name === name);
  }
}
