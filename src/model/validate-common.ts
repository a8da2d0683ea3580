/**
 * What the blueprint validators share: the problem collector, shape checks, ports and CIDR lists, the size bounds, and
 * the copy of the input into plain data that validation (and everything after it) works on. Validation is the security
 * boundary: every value that reaches a configuration file, a script, a tag or a resource name is checked here against
 * its grammar, and every problem is collected (never thrown).
 */
import { types } from 'util';
import { bi, Bilingual } from './bilingual';
import { cidrSpellingProblem, Ipv4Cidr } from './cidr';
import { GuardLanguage } from './guard-options';
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

/**
 * Size bounds. Every list and string of a blueprint is bounded, so that no input (a spreadsheet export gone wrong, a
 * fuzzer, a hostile caller) takes more than a moment to reject and nothing unbounded reaches a template. The generic
 * bounds hold for every value, including the α′ breakout's; the per-field bounds come from what the value becomes in AWS.
 */
export const LIMITS = {
  /**
   * Characters in any one string. The longest legitimate values (Suricata IPS rules, ARNs of 2,048 characters) are far
   * shorter; whatever reaches the proxy's boot script must fit EC2's 16 KB of user data anyway.
   */
  text: 65_536,
  /** Characters of all strings together: a blueprint is a few kilobytes of text; a megabyte is not a blueprint. */
  totalText: 1_048_576,
  /** Entries of any one list (the per-field bounds below are tighter). */
  list: 10_000,
  /** Own properties of any one object: the widest struct has 14. */
  keys: 1_000,
  /** Nesting depth: the deepest path (`breakout.services[i].service.tenantRestriction.headers[j].name`) is 7. */
  depth: 24,
  /** Values (strings, numbers, objects, list entries) altogether. */
  values: 200_000,
  /**
   * Characters of the municipality name. It becomes a tag value (at most 256 characters) on every resource, and the
   * transit gateway's `Name` tag and description are built from it; no municipality name is anywhere near 128.
   */
  municipality: 128,
  /**
   * DNS resolvers of the security cloud (`internet.securityCloudDns`): the targets of one Route 53 Resolver forwarding
   * rule, which tries them in turn; a security cloud offers two or three, six is generous.
   */
  securityCloudDns: 6,
  /** Characters of free text kept for the design document (host `description`, flow `purpose`). */
  freeText: 1_000,
  /**
   * Declared hosts. Each becomes a security group (a CloudFormation resource); a stack holds at most 500 resources
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
   */
  hosts: 200,
  /** Declared flows: each adds routes and security-group rules; bounded like the hosts. */
  flows: 500,
  /** CIDRs of one host: each becomes routes, security-group rules and NACL entries. */
  hostCidrs: 50,
  /** Ports of one flow: each becomes security-group rules and NACL entries. */
  flowPorts: 50,
  /**
   * External ranges (`lgwan.wanCidrs`, `internet.securityCloudCidrs`): each becomes a route in every workload route
   * table, where 50 routes is the default quota (https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html).
   */
  externalCidrs: 50,
  /** Interface endpoints per segment: 50 is the quota of interface endpoints per VPC (same page). */
  interfaceEndpoints: 50,
  /**
   * Domains per DNS Firewall list: UpdateFirewallDomains takes at most 1,000 domains per call
   * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_UpdateFirewallDomains.html).
   */
  dnsDomains: 1_000,
  /** Network interfaces to mirror: one traffic mirror session each; 100 is far above any IDS deployment here. */
  mirroredInterfaces: 100,
} as const;

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
  /** Paths whose value could not be read as plain data: later problems at or under them only repeat it. */
  private readonly unreadable: string[] = [];

  /**
   * `language`: the blueprint's `language`. A problem given in both languages is worded `[path] 日本語。対処: 日本語` in
   * Japanese; one given in English only (a check not yet worded in Japanese) keeps its English line whole.
   */
  constructor(private language: GuardLanguage = GuardLanguage.ENGLISH) {}

  /** The language, once it could be read from the plain copy of the input (hostile input is never read twice). */
  public setLanguage(language: GuardLanguage): void {
    this.language = language;
  }

  public add(path: string, what: string | Bilingual, fix: string | Bilingual): void {
    if (this.unreadable.some((u) => path === u || path.startsWith(`${u}.`) || path.startsWith(`${u}[`) || path.startsWith(`${u}(`))) return;
    if (this.language === GuardLanguage.JAPANESE && typeof what !== 'string' && typeof fix !== 'string') {
      this.list.push(`[${path}] ${what.ja}。対処: ${fix.ja}`);
      return;
    }
    const en = (t: string | Bilingual) => (typeof t === 'string' ? t : t.en);
    this.list.push(`[${path}] ${en(what)}. Fix: ${en(fix)}`);
  }

  /** Report an unreadable value and silence what later checks would say about its absence. */
  public addUnreadable(paths: readonly string[], what: string | Bilingual, fix: string | Bilingual): void {
    this.add(paths[0], what, fix);
    this.unreadable.push(...paths);
  }
}

/**
 * Characters a line of text a person reads in a design document must not hold: invisible formatting (bidirectional
 * overrides and isolates, zero-width characters: they reorder or hide what the reader sees), line and paragraph
 * separators (U+2028/9), surrogates, private-use and unassigned code points, and control characters but the line feed
 * and tab (`multiline`) or all of them.
 */
export function unsafeTextCharacter(v: string, multiline: boolean): string | undefined {
  const found = (multiline ? /[\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|(?![\n\t])\p{Cc}/u : /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u).exec(v)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
/**
 * A value resolved at deploy time: an AWS CDK token (`${Token[...]}`) or a Terraform reference (`${aws_x.y.arn}`)
 * both contain `${`. Such values cannot be checked at synthesis; their format is the engine's business.
 */
export const isReference = (v: unknown): boolean => typeof v === 'string' && v.includes('${');
export const isPort = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 65535;

/**
 * A value as it may appear in a message: JSON, cut to a readable length (a message never repeats a megabyte of input),
 * and never throwing, whatever the value.
 */
export function show(v: unknown, max = 60): string {
  let text: string;
  try {
    text = typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' || typeof v === 'function' ? `(${typeof v})` : JSON.stringify(v) ?? String(v);
  } catch {
    text = `(${typeof v})`;
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** A list bound: reports a list longer than `max` and returns false. */
export function withinBound(p: Problems, path: string, list: readonly unknown[], max: number, why: string): boolean {
  if (list.length <= max) return true;
  p.add(path, `has ${list.length} entries; at most ${max} are accepted (${why})`, `list at most ${max}`);
  return false;
}

/**
 * Parse a list of CIDR blocks, reporting each entry that is not a canonically written block (see `cidrSpellingProblem`),
 * a list that is not a list of strings, and (with `max`) one that is too long. Returns the blocks that parsed.
 */
export function checkCidrList(p: Problems, path: string, value: unknown, required: boolean, max: number = LIMITS.externalCidrs): Ipv4Cidr[] {
  if (value === undefined && !required) return [];
  if (!isStringArray(value) || (required && value.length === 0)) {
    p.add(path, bi(`must be a ${required ? 'non-empty ' : ''}list of IPv4 CIDR strings`, `は IPv4 の CIDR 文字列の${required ? '空でない' : ''}リストでなければならない`), bi('give CIDRs such as "172.20.0.0/16"', '"172.20.0.0/16" のような CIDR を指定する'));
    return [];
  }
  if (!withinBound(p, path, value, max, 'each becomes routes and filter rules')) return [];
  const out: Ipv4Cidr[] = [];
  value.forEach((c, i) => {
    const problem = cidrSpellingProblem(c);
    if (problem) p.add(`${path}[${i}]`, problem, 'write a.b.c.d/n canonically: decimal octets without leading zeros, the host bits zero, no spaces');
    else out.push(Ipv4Cidr.parse(c));
  });
  const seen = new Map<string, number>();
  out.forEach((c) => seen.set(c.toString(), (seen.get(c.toString()) ?? 0) + 1));
  const twice = [...seen].filter(([, n]) => n > 1).map(([c]) => c);
  if (twice.length > 0) p.add(path, bi(`lists ${twice.join(', ')} more than once`, `に ${twice.join(', ')} が重複している`), bi('list each block once', 'アドレス範囲は 1 回ずつ挙げる'));
  return out;
}

export function checkPort(p: Problems, path: string, port: unknown): port is Port {
  if (!(port instanceof Port) && !(isObject(port) && 'protocol' in port && 'fromPort' in port && 'toPort' in port)) {
    p.add(path, bi('is not a port', 'はポートではない'), bi('use Port.tcp(n), Port.udp(n), Port.tcpRange(a, b) or Port.udpRange(a, b)', 'Port.tcp(n)、Port.udp(n)、Port.tcpRange(a, b)、Port.udpRange(a, b) のいずれかを使う'));
    return false;
  }
  const q = port as Port;
  const problems: string[] = [];
  if (q.protocol !== Protocol.TCP && q.protocol !== Protocol.UDP) problems.push(`protocol ${show(q.protocol)} is not tcp or udp`);
  for (const [name, v] of [['fromPort', q.fromPort], ['toPort', q.toPort]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 65535) problems.push(`${name} ${show(v)} is not a port number (1-65535)`);
  }
  if (problems.length === 0 && q.fromPort > q.toPort) problems.push(`fromPort ${q.fromPort} is greater than toPort ${q.toPort}`);
  for (const pr of problems) p.add(path, pr, 'use Port.tcp(n), Port.udp(n), Port.tcpRange(a, b) or Port.udpRange(a, b) with ports 1-65535');
  return problems.length === 0;
}

/** The union of inclusive port ranges, as sorted disjoint ranges. */
export function portUnion(ranges: readonly { fromPort: number; toPort: number }[]): [number, number][] {
  const sorted = ranges.map((r) => [r.fromPort, r.toPort] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Number of ports in a union of disjoint ranges. */
export const portCount = (union: readonly [number, number][]): number => union.reduce((n, [a, b]) => n + b - a + 1, 0);

// ---------------------------------------------------------------------------------------------------------------------
// The input as plain data.

/** A problem found while copying the input. */
interface CopyProblem {
  readonly path: string;
  readonly what: string;
  readonly fix: string;
}

/** The plain copy of an input value, and what could not be copied. */
export interface PlainCopy {
  /** The copy: plain objects, arrays, strings, numbers, booleans, null, undefined and `Port` instances only. */
  readonly value: unknown;
  /** Values that could not be read, each replaced by `undefined` in the copy. */
  readonly problems: readonly CopyProblem[];
  /** True when the input as a whole was over a global bound: nothing of it was kept. */
  readonly tooLarge: boolean;
}

class TooLarge extends Error {}

const PLAIN_FIX = 'give plain data: object literals, lists, strings, numbers and booleans (JSON), and Port values';

/** The message of a thrown value, read without trusting it (it may itself be hostile). */
function describeThrown(e: unknown): string {
  try {
    if (types.isProxy(e)) return 'a Proxy';
    const message = e instanceof Error ? e.message : e;
    return show(typeof message === 'string' ? message : String(message));
  } catch {
    return '(an unreadable value)';
  }
}

/** The class name of a non-plain object, read without trusting it. */
function className(v: object): string {
  try {
    const proto = Object.getPrototypeOf(v);
    const ctor = proto && Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    const name = typeof ctor === 'function' ? Object.getOwnPropertyDescriptor(ctor, 'name')?.value : undefined;
    return typeof name === 'string' && name.length > 0 && name.length <= 60 ? name : 'non-plain';
  } catch {
    return 'non-plain';
  }
}

/**
 * Copy the input into plain data, reading every property exactly once: the copy is what is validated and what the plan
 * is built from, so a getter that answers differently on a second read, or an object changed after validation, cannot
 * slip anything past. Values that are not plain data are reported by path and left out: BigInt, symbols, functions,
 * Proxy objects (whose traps could do anything), class instances other than `Port` (a Map, Date, boxed String or own
 * class: their data is not in plain properties), getters that throw, cycles, and anything over the size bounds.
 * Port-shaped objects (`{ protocol, fromPort, toPort }`, e.g. from JSON or YAML) become `Port` values. Never throws.
 */
export function toPlainData(input: unknown): PlainCopy {
  const problems: CopyProblem[] = [];
  const ancestors = new Set<object>();
  let values = 0;
  let text = 0;
  const bad = (path: string, what: string, fix: string = PLAIN_FIX): undefined => {
    problems.push({ path: path || '(blueprint)', what, fix });
    return undefined;
  };
  const read = (obj: object, key: string, path: string): { ok: boolean; value?: unknown } => {
    let desc: PropertyDescriptor | undefined;
    try {
      desc = Object.getOwnPropertyDescriptor(obj, key);
    } catch (e) {
      bad(path, `could not be read (${describeThrown(e)})`);
      return { ok: false };
    }
    if (!desc) return { ok: true, value: undefined };
    if (!('get' in desc) && !('set' in desc)) return { ok: true, value: desc.value };
    if (!desc.get) return { ok: true, value: undefined };
    try {
      // A getter is called once: objects handed over from other languages through jsii expose their properties so.
      return { ok: true, value: desc.get.call(obj) };
    } catch (e) {
      bad(path, `could not be read: its getter threw ${describeThrown(e)}`);
      return { ok: false };
    }
  };
  const copy = (v: unknown, path: string, depth: number): unknown => {
    if (++values > LIMITS.values) throw new TooLarge();
    switch (typeof v) {
      case 'string':
        if (v.length > LIMITS.text) return bad(path, `is a text of ${v.length} characters; no field accepts more than ${LIMITS.text}`, 'give the value the field documents');
        text += v.length;
        if (text > LIMITS.totalText) throw new TooLarge();
        return v;
      case 'number':
      case 'boolean':
      case 'undefined':
        return v;
      case 'bigint':
        return bad(path, `is a BigInt (${show(v)})`, 'give a plain number');
      case 'symbol':
        return bad(path, 'is a symbol');
      case 'function':
        return bad(path, 'is a function');
      default:
        break;
    }
    if (v === null) return null;
    const obj = v as object;
    if (types.isProxy(obj)) return bad(path, 'is a Proxy object, whose reads cannot be trusted', 'pass the plain object itself (a copy made with structuredClone, or the literal)');
    if (ancestors.has(obj)) return bad(path, 'refers back to an object that contains it (a cycle)', 'give a tree: no object may contain itself');
    if (depth > LIMITS.depth) return bad(path, `is nested deeper than ${LIMITS.depth} levels`, 'give the blueprint\'s own shape');
    ancestors.add(obj);
    try {
      if (Array.isArray(obj)) return copyList(obj, path, depth);
      if (obj instanceof Port) return copyPort(obj, path);
      const proto = Object.getPrototypeOf(obj);
      if (proto !== Object.prototype && proto !== null) {
        return bad(path, `is a ${className(obj)} object, not a plain object, list or value`);
      }
      return copyObject(obj, path, depth);
    } finally {
      ancestors.delete(obj);
    }
  };
  const copyList = (list: unknown[], path: string, depth: number): unknown => {
    const length = list.length;
    if (length > LIMITS.list) return bad(path, `has ${length} entries; no list accepts more than ${LIMITS.list}`, 'give the entries the field documents');
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const entry = read(list, String(i), `${path}[${i}]`);
      out.push(entry.ok ? copy(entry.value, `${path}[${i}]`, depth + 1) : undefined);
    }
    return out;
  };
  const copyObject = (obj: object, path: string, depth: number): unknown => {
    let keys: string[];
    try {
      keys = Object.getOwnPropertyNames(obj);
    } catch (e) {
      return bad(path, `could not be read (${describeThrown(e)})`);
    }
    if (keys.length > LIMITS.keys) return bad(path, `has ${keys.length} properties; no object accepts more than ${LIMITS.keys}`, 'give the properties the field documents');
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const at = path ? `${path}.${key.length > 60 ? `${key.slice(0, 60)}…` : key}` : key;
      const entry = read(obj, key, at);
      const value = entry.ok ? copy(entry.value, at, depth + 1) : undefined;
      // defineProperty: a key named "__proto__" stays a property instead of replacing the prototype.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return asPort(out) ?? out;
  };
  const copyPort = (port: Port, path: string): unknown => {
    const out: Record<string, unknown> = {};
    for (const key of ['protocol', 'fromPort', 'toPort']) {
      const entry = read(port, key, `${path}.${key}`);
      out[key] = entry.ok && ['string', 'number', 'undefined'].includes(typeof entry.value) ? entry.value : undefined;
    }
    return asPort(out) ?? out;
  };
  try {
    const value = copy(input, '', 0);
    return { value, problems, tooLarge: false };
  } catch (e) {
    if (e instanceof TooLarge) return { value: undefined, problems: [], tooLarge: true };
    // Nothing above throws but a stack overflow could (the depth bound prevents it); report instead of crashing.
    return { value: undefined, problems: [{ path: '(blueprint)', what: `could not be read (${describeThrown(e)})`, fix: PLAIN_FIX }], tooLarge: false };
  }
}

/** A `Port` value for a port-shaped object whose protocol is tcp or udp (the numbers are checked later), else undefined. */
function asPort(o: Record<string, unknown>): Port | undefined {
  if (!('protocol' in o && 'fromPort' in o && 'toPort' in o)) return undefined;
  const from = o.fromPort as number;
  const to = o.toPort as number;
  if (typeof from !== 'number' || typeof to !== 'number') return undefined;
  if (o.protocol === Protocol.TCP) return Port.tcpRange(from, to);
  if (o.protocol === Protocol.UDP) return Port.udpRange(from, to);
  return undefined;
}
