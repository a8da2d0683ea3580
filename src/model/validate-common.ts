/**
 * What the blueprint validators share: the problem collector, shape checks, ports and CIDR lists. Validation is the
 * security boundary: every value that reaches a configuration file, a script, a tag or a resource name is checked here
 * against its grammar, and every problem is collected (never thrown).
 */
import { Ipv4Cidr } from './cidr';
import { Port, Protocol } from './port';
import { Segment, SEGMENT_JA, Zone } from './segment';

/** RFC 1918 private ranges: segment VPCs must come from these. */
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => Ipv4Cidr.parse(c));
/** Ranges that are never a customer gateway's public address (RFC 1918, loopback, link-local, CGNAT, multicast+). */
export const NOT_PUBLIC = [...RFC1918, ...['0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '100.64.0.0/10', '224.0.0.0/3'].map((c) => Ipv4Cidr.parse(c))];
export const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** https://docs.aws.amazon.com/vpn/latest/s2svpn/cgw-options.html */
export const AWS_RESERVED_ASNS = [7224, 9059, 10124, 17493];
export const AZ_NAME = /^([a-z]{2}(?:-gov)?-[a-z]+-\d)([a-z])$/;
export const ENDPOINT_NAME = /^[a-z0-9][a-z0-9.-]*$/;

export const ZONE_JA: Readonly<Record<Zone, string>> = {
  [Zone.MY_NUMBER]: SEGMENT_JA[Segment.MY_NUMBER],
  [Zone.LGWAN]: SEGMENT_JA[Segment.LGWAN],
  [Zone.INTERNET]: SEGMENT_JA[Segment.INTERNET],
  [Zone.LGWAN_WAN]: 'LGWAN',
  [Zone.SECURITY_CLOUD]: '自治体情報セキュリティクラウド',
};

/** Collects problems as `[path] what. Fix: how.` lines. */
export class Problems {
  public readonly list: string[] = [];
  public add(path: string, what: string, fix: string): void {
    this.list.push(`[${path}] ${what}. Fix: ${fix}`);
  }
}

export const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/**
 * A value resolved at deploy time: an AWS CDK token (`${Token[...]}`) or a Terraform reference (`${aws_x.y.arn}`)
 * both contain `${`. Such values cannot be checked at synthesis; their format is the engine's business.
 */
export const isReference = (v: unknown): boolean => typeof v === 'string' && v.includes('${');
export const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;

export function checkCidrList(p: Problems, path: string, value: unknown, required: boolean): Ipv4Cidr[] {
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

export function checkPort(p: Problems, path: string, port: unknown): port is Port {
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

