import { MunicipalNetworkBlueprintProps, InternetEgressMode, TransitConnectionProps } from './blueprint';
import { Ipv4Cidr } from './cidr';
import {
  ADDRESS_SPACE_PREFIX, DEFAULT_ADDRESS_SPACE, DEFAULT_AVAILABILITY_ZONES, MAX_SEGMENT_PREFIX, resolveSegmentCidrs, SEGMENT_PROP,
} from './defaults';
import { domainProblems } from './domains';
import { FLOW_KIND_JA, FlowDeclaration, FlowKind, HostDeclaration, HostRole } from './flows';
import { AlphaPrimeCase, MODEL_JA, MODEL_PLACEMENT, NetworkModel } from './network-model';
import { Port } from './port';
import { ALL_SEGMENTS, Segment, SEGMENT_JA, segmentOfZone, Zone } from './segment';
import { checkBreakout } from './validate-breakout';
import {
  AWS_RESERVED_ASNS, AZ_NAME, checkCidrList, checkPort, ENDPOINT_NAME, isObject, isStringArray, NAME, NOT_PUBLIC, Problems, RFC1918, ZONE_JA,
} from './validate-common';

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
