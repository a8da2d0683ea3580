import { Ipv4Cidr } from '../model/cidr';
import { BreakoutServiceProps, CloudServiceCategory, TenantHeader } from '../model/cloud-service';
import { domainProblems, isSubdomainPattern } from '../model/domains';
import { AlphaPrimeCase } from '../model/network-model';
import { byCodePoint } from '../model/order';
import { Protocol } from '../model/port';
import { show } from '../model/validate-breakout';

/**
 * Inputs of the tenant-restriction forward proxy's configuration (α′ breakout, テナントアクセス制御).
 * Paths default to Amazon Linux 2023's `squid` package layout.
 */
export interface SquidConfigInput {
  /** The α′ breakout services (with tenant settings); only these domains are reachable. */
  readonly services: BreakoutServiceProps[];
  /** The α′ case: cases イ/ウ apply tenant restriction, case イ also blocks downloads, case ウ sanitizes them. */
  readonly alphaPrimeCase: AlphaPrimeCase;
  /** Who may use the proxy (the LGWAN segment's CIDR). Nobody else: never an open proxy. */
  readonly clientCidrs: string[];
  /**
   * Case ウ (required there): the ICAP sanitization service (無害化) every file response of a communication tool is
   * handed to, as `icap://<address>:<port>/<service>`.
   * @default - none
   */
  readonly sanitizationService?: IcapServiceInput;
  /**
   * The proxy's listening port.
   * @default 3128
   */
  readonly httpPort?: number;
  /**
   * Extra TLS ports CONNECT may reach, besides 443 and the services' declared TCP ports.
   * @default - none
   */
  readonly extraConnectPorts?: number[];
  /**
   * The interception CA certificate (PEM) on the instance.
   * @default '/etc/squid/ssl/ca.pem'
   */
  readonly caCertPath?: string;
  /**
   * The interception CA private key (PEM) on the instance.
   * @default '/etc/squid/ssl/ca.key'
   */
  readonly caKeyPath?: string;
  /**
   * The certificate generator helper. Amazon Linux 2023's squid package installs it under /usr/lib64/squid;
   * Debian's under /usr/lib/squid.
   * @default '/usr/lib64/squid/security_file_certgen'
   */
  readonly certgenProgram?: string;
  /**
   * Directory of the generated-certificate database (initialise it with `security_file_certgen -c -s <dir> -M 16MB`).
   * @default '/var/lib/squid/ssl_db'
   */
  readonly sslDbPath?: string;
  /**
   * Access log path (SIEM-friendly key=value lines).
   * @default '/var/log/squid/access.log'
   */
  readonly accessLogPath?: string;
  /**
   * Cache (diagnostic) log path.
   * @default '/var/log/squid/cache.log'
   */
  readonly cacheLogPath?: string;
  /**
   * PID file path.
   * @default '/run/squid.pid'
   */
  readonly pidFile?: string;
  /**
   * The unprivileged user Squid runs as.
   * @default 'squid'
   */
  readonly effectiveUser?: string;
  /**
   * A hosts file Squid resolves from before DNS (tests map the catalogue's hosts to 127.0.0.1 with it).
   * @default - the system's /etc/hosts
   */
  readonly hostsFile?: string;
  /**
   * DNS servers Squid asks.
   * @default - the system resolver configuration
   */
  readonly dnsNameservers?: string[];
  /**
   * CA bundle used to verify origin servers.
   * @default - the system's trusted CAs
   */
  readonly originCaFile?: string;
}

/** An ICAP RESPMOD service of the sanitizer, resolved from the blueprint (validated there). */
export interface IcapServiceInput {
  /** The sanitizer's IPv4 address (its declared /32). */
  readonly address: string;
  /** The ICAP port (RFC 3507 default 1344). */
  readonly port: number;
  /** The service path, without the leading slash. */
  readonly service: string;
}

/** The ICAP service path grammar of the blueprint validation (src/model/validate-breakout.ts), checked again here. */
export const ICAP_SERVICE_PATH = /^[A-Za-z0-9._~-]{1,64}(?:\/[A-Za-z0-9._~-]{1,64}){0,7}$/;

/**
 * Reply types of a communication tool that are its pages and API calls rather than files, which case ウ does not send
 * to the sanitizer and case イ does not refuse unless they come as an attachment. Everything else (any other type, or
 * none) is sanitized (ウ) or refused (イ): a list of file types would let a file of an unlisted type through.
 */
const PAGE_MIME_TYPES = [
  '^text/html([[:space:];]|$)', '^application/json([[:space:];]|$)', '^text/css([[:space:];]|$)',
  '^text/javascript([[:space:];]|$)', '^application/javascript([[:space:];]|$)',
];

/**
 * An HTTP field name (RFC 9110 token), starting with a letter or digit: a word starting with `#` opens a comment in
 * squid.conf. https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2
 */
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9!#$%&'*+.^_`|~-]*$/;
/** Header names `request_header_access` reads as "every header" or "every other header" (squid.conf documentation). */
const SQUID_SPECIAL_HEADERS = new Set(['all', 'other']);
/**
 * Characters that cannot appear in a header value we write into squid.conf: quotes and backslashes end or escape
 * the quoted string (Squid turns `\n` inside quotes into a line break), `%` starts a Squid logformat macro, `$` a
 * configuration macro, and control and non-ASCII characters would split the line or the header.
 * https://www.squid-cache.org/Doc/config/request_header_add/
 */
const UNSAFE_VALUE = /["\\%$]|[^\x20-\x7e]/;

/**
 * Reply statuses that carry no content (RFC 9110 §15.3.5 204 No Content, §15.4.5 304 Not Modified: "cannot contain
 * content"), so no file: case イ lets them through from communication tools whatever their type, as CORS preflights and
 * cache revalidations answer. https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5
 */
const CONTENTLESS_STATUSES = ['204', '304'];

/**
 * Squid reads squid.conf with fgets into a BUFSIZ buffer (8192 bytes with glibc) and takes what does not fit as the
 * next line (src/cache_cf.cc, parseOneConfigFile), so no line may come near it.
 */
const MAX_LINE_BYTES = 4096;
/** Long ACL value lists are split over several `acl` lines of one name, which Squid appends to each other. */
const MAX_ACL_LINE_BYTES = 1024;

/** A value written inside double quotes (`request_header_add`'s field value). */
class Quoted {
  constructor(public readonly value: string) {}
}

/**
 * squid.conf from typed parts, so that no value can add a directive or change one (defence in depth behind the
 * blueprint validation): a directive is a name and words; a word is visible ASCII without a quote, not starting a
 * comment (`#`), a macro (`${`) or continuing the line (a trailing `\`); a quoted value has no quote, backslash,
 * `%` (logformat macro) or `$`; a comment has no line break. Anything else throws.
 */
export class SquidConfWriter {
  private readonly lines: string[] = [];

  public comment(text: string): void {
    if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(text)) throw new Error(`squid.conf: a comment cannot hold ${show(text)} (line break or control character)`);
    this.push(text === '' ? '#' : `# ${text}`);
  }

  public blank(): void {
    this.lines.push('');
  }

  public section(title: string): void {
    this.blank();
    this.comment(`--- ${title}`);
  }

  public directive(name: string, ...args: (string | Quoted)[]): void {
    if (!/^[a-z][a-z0-9_:]*$/.test(name)) throw new Error(`squid.conf: ${show(name)} is not a directive name`);
    this.push([name, ...args.map((a) => (a instanceof Quoted ? quotedValue(a.value) : word(a)))].join(' '));
  }

  /** `acl name type [flags] values...`, over as many lines as the values need. */
  public acl(name: string, type: string, flags: readonly string[], values: readonly string[]): void {
    if (values.length === 0) throw new Error(`squid.conf: acl ${name} has no values`);
    for (const v of values) if (v.startsWith('-')) throw new Error(`squid.conf: acl value ${show(v)} would read as a flag`);
    let chunk: string[] = [];
    const flush = () => {
      if (chunk.length > 0) this.directive('acl', name, type, ...flags, ...chunk);
      chunk = [];
    };
    for (const v of values) {
      if (chunk.length > 0 && Buffer.byteLength([...chunk, v].join(' ')) > MAX_ACL_LINE_BYTES) flush();
      chunk.push(v);
    }
    flush();
  }

  public text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  private push(line: string): void {
    if (Buffer.byteLength(line) > MAX_LINE_BYTES) throw new Error(`squid.conf: a line of ${Buffer.byteLength(line)} bytes is longer than ${MAX_LINE_BYTES}`);
    this.lines.push(line);
  }
}

function word(v: string): string {
  const why = typeof v !== 'string' || !/^[\x21-\x7e]+$/.test(v) ? 'it is empty or has a space, a control or a non-ASCII character'
    : v.includes('"') ? 'it has a quote'
      : v.startsWith('#') ? 'it would start a comment'
        : v.includes('${') ? 'it would start a macro'
          : v.endsWith('\\') ? 'it would continue the line' : undefined;
  if (why) throw new Error(`squid.conf: ${show(v)} cannot be written as a word (${why})`);
  return v;
}

function quotedValue(v: string): string {
  if (typeof v !== 'string' || UNSAFE_VALUE.test(v)) {
    throw new Error(`squid.conf: ${show(v)} cannot be written as a quoted value (quote, backslash, "%", "$", control or non-ASCII character)`);
  }
  return `"${v}"`;
}

function aclName(prefix: string, id: string): string {
  return `${prefix}_${id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function regexFor(pattern: string): string {
  // "*.example.com" → any host that ends in ".example.com" (subdomains only, as in our notation).
  return `\\.${pattern.slice(2).replace(/\./g, '\\.')}$`;
}

/**
 * ACL lines matching a set of domain patterns by destination (`dstdomain`/`dstdom_regex`, for HTTP requests and
 * CONNECT targets) or by TLS SNI (`ssl::server_name`/`ssl::server_name_regex`, for the bump decision), combined
 * with `any-of` under one name. Exact names and subdomain patterns are kept apart because Squid's own
 * `.example.com` would also match the apex, which our notation does not. A destination ACL has `-n`: without it,
 * Squid matches an IP-literal URL or CONNECT target by its reverse DNS name ("a reverse lookup is tried if a IP based
 * URL is used and no match is found"), a PTR record whoever holds the address writes — any address named under an
 * allow-listed domain would be allowed (found by an outside tester with the real Squid 5.7). A deny list (`use`) keeps
 * the lookup: it can only deny more.
 * https://www.squid-cache.org/Doc/config/acl/
 */
export function domainAcl(w: SquidConfWriter, name: string, patterns: readonly string[], kind: 'dst' | 'sni', use: 'allow' | 'deny' = 'allow'): void {
  // A list that only denies may also match by reverse name: more is denied, never more allowed.
  const noLookup = kind === 'dst' && use === 'allow' ? ['-n'] : [];
  const exact = [...new Set(patterns.filter((p) => !isSubdomainPattern(p)))].sort();
  const sub = [...new Set(patterns.filter(isSubdomainPattern))].sort();
  const parts: string[] = [];
  if (exact.length > 0) {
    w.acl(`${name}_exact`, kind === 'dst' ? 'dstdomain' : 'ssl::server_name', noLookup, exact);
    parts.push(`${name}_exact`);
  }
  if (sub.length > 0) {
    w.acl(`${name}_sub`, kind === 'dst' ? 'dstdom_regex' : 'ssl::server_name_regex', [...noLookup, '-i'], sub.map(regexFor));
    parts.push(`${name}_sub`);
  }
  w.directive('acl', name, 'any-of', ...parts);
}

interface TenantHeaderValue {
  readonly header: TenantHeader;
  readonly value: string;
}

function headerValues(entry: BreakoutServiceProps, problems: string[], path: string): TenantHeaderValue[] {
  const tr = entry.service.tenantRestriction!;
  const tenants = Array.isArray(entry.tenantIds) ? entry.tenantIds : [];
  const directoryId = entry.directoryId ?? tenants[0];
  return (Array.isArray(tr.headers) ? tr.headers : []).map((header) => {
    const name = String(header?.name);
    const template = typeof header?.valueTemplate === 'string' ? header.valueTemplate : '';
    if (!HEADER_NAME.test(name) || SQUID_SPECIAL_HEADERS.has(name.toLowerCase())) problems.push(`${path}: header name ${show(header?.name)} is not an HTTP token Squid can take`);
    if (template === '') problems.push(`${path}: ${show(header?.name)} has no value template`);
    const needs = (k: string) => template.includes(`{${k}}`);
    if (needs('tenants') && tenants.length === 0) problems.push(`${path}: ${name} needs tenantIds (AP-3)`);
    if (needs('directoryId') && !directoryId) problems.push(`${path}: ${name} needs a directoryId or tenantIds (AP-3)`);
    if (needs('policyId') && !entry.policyId) problems.push(`${path}: ${name} needs a policyId (AP-3)`);
    const value = template
      .replace(/\{tenants\}/g, tenants.join(header.separator ?? ','))
      .replace(/\{directoryId\}/g, directoryId ?? '')
      .replace(/\{policyId\}/g, entry.policyId ?? '');
    if (UNSAFE_VALUE.test(value)) {
      problems.push(`${path}: the value of ${name} contains a quote, backslash, "%", "$", control or non-ASCII character; give plain identifiers`);
    }
    return { header, value };
  });
}

/** True for a TCP port or range object with integer bounds in 1-65535 (read by field: a plain object is not a `Port`). */
function portObjectProblems(port: unknown): string[] {
  const q = port as { protocol?: unknown; fromPort?: unknown; toPort?: unknown } | undefined;
  if (typeof q !== 'object' || q === null) return ['is not a port'];
  const out: string[] = [];
  for (const [name, v] of [['fromPort', q.fromPort], ['toPort', q.toPort]] as const) {
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 65535) out.push(`${name} ${show(v)} is not a port number (1-65535)`);
  }
  if (q.protocol !== Protocol.TCP && q.protocol !== Protocol.UDP) out.push(`protocol ${show(q.protocol)} is not tcp or udp`);
  return out;
}

/**
 * The TCP ports the proxy serves, ascending: 443, the services' single TCP ports, and the extra CONNECT ports.
 * Also the ports its instances may open outward.
 */
export function proxyTcpPorts(services: readonly BreakoutServiceProps[], extraConnectPorts: readonly number[]): number[] {
  const ports = new Set<number>([443]);
  for (const entry of services) {
    for (const port of entry.service.ports ?? []) {
      const single = port.protocol === Protocol.TCP && port.fromPort === port.toPort;
      if (single && Number.isInteger(port.fromPort) && port.fromPort >= 1 && port.fromPort <= 65535) {
        ports.add(port.fromPort);
      }
    }
  }
  for (const p of extraConnectPorts) if (Number.isInteger(p) && p >= 1 && p <= 65535) ports.add(p);
  return [...ports].sort((a, b) => a - b);
}

/**
 * The Squid configuration of the α′ tenant-restriction proxy. Deterministic: the same input gives the same text.
 *
 * What it enforces:
 * - only the clients' CIDRs may use it, only the allow-listed domains are reachable, and everything else is denied
 *   (`http_access deny all` last; never an open proxy) (AP-1);
 * - CONNECT only to 443 and the declared TLS ports, plain HTTP only to declared ports (AP-5);
 * - TLS is bumped (decrypted) only for the hosts that need it: the tenant-restriction sign-in hosts in cases イ/ウ,
 *   and in case イ every communication tool's domains (to see downloads); the rest is spliced (passed through
 *   unread), and a TLS connection whose SNI is not allow-listed is terminated;
 * - for each tenant-restricted service, a client-sent copy of each tenant header is deleted and the configured value
 *   is added, on that service's sign-in hosts only (AP-3);
 * - case イ: replies from communication tools that are file downloads are refused (AP-6): every attachment
 *   (`Content-Disposition: attachment`) and every reply with content that is not one of the tools' pages or API calls
 *   (HTML, JSON, CSS, JavaScript): what case ウ would sanitize;
 * - case ウ: replies from communication tools other than their pages and API calls (every attachment, every type but
 *   HTML, JSON, CSS and JavaScript) are handed to the ICAP sanitizer (RESPMOD, `bypass=off`): refused while it is down
 *   (AP-6, 無害化). Not caught: content the tool renders inline (previews), files inside
 *   spliced traffic, media streams, and anything an end-to-end encrypted or certificate-pinned client sends.
 *
 * The blueprint validation checks every value first; this function checks again what it writes and throws an Error
 * listing every problem of the input, and the writer refuses any part that could add or change a directive.
 */
export function renderSquidConfig(input: SquidConfigInput): string {
  const problems: string[] = [];
  const communicationCase = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD
    || input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const downloadRestricted = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD;
  const sanitizing = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const icap = input.sanitizationService;
  if (sanitizing && !icap) problems.push('case ウ needs sanitizationService: file responses go to the sanitizer (AP-6, 無害化)');
  if (!sanitizing && icap) problems.push('sanitizationService is only for case ウ');
  if (icap) {
    const address = typeof icap.address === 'string' ? Ipv4Cidr.tryParse(`${icap.address}/32`) : undefined;
    if (!address || address.toString() !== `${icap.address}/32`) problems.push(`sanitizationService.address ${show(icap.address)} is not an IPv4 address`);
    if (!Number.isInteger(icap.port) || icap.port < 1 || icap.port > 65535) problems.push(`sanitizationService.port ${show(icap.port)} is not a port number`);
    if (typeof icap.service !== 'string' || !ICAP_SERVICE_PATH.test(icap.service) || icap.service.split('/').some((x) => x === '.' || x === '..')) {
      problems.push(`sanitizationService.service ${show(icap.service)} is not an ICAP service path`);
    }
  }
  if (!Object.values(AlphaPrimeCase).includes(input.alphaPrimeCase)) problems.push(`alphaPrimeCase ${show(input.alphaPrimeCase)} is not an α′ case`);
  const httpPort = input.httpPort ?? 3128;
  if (!Number.isInteger(httpPort) || httpPort < 1 || httpPort > 65535) problems.push(`httpPort ${show(httpPort)} is not a port number`);
  if (input.clientCidrs.length === 0) problems.push('clientCidrs is empty: nobody could use the proxy (and an open proxy is never generated)');
  for (const c of input.clientCidrs) {
    const cidr = typeof c === 'string' ? Ipv4Cidr.tryParse(c) : undefined;
    if (!cidr) problems.push(`clientCidrs: ${show(c)} is not an IPv4 CIDR block`);
    else if (cidr.prefixLength === 0) problems.push('clientCidrs: 0.0.0.0/0 would make an open proxy');
  }
  if (input.services.length === 0) problems.push('services is empty: the allow-list would allow nothing');

  const services = [...input.services].sort((a, b) => byCodePoint(String(a.service.id), String(b.service.id)));
  for (const [i, entry] of services.entries()) {
    const s = entry.service;
    const where = `services[${i}] (${show(s.id)})`;
    if (typeof s.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(s.id)) problems.push(`${where}: the id is not lower-case letters, digits and hyphens`);
    for (const d of Array.isArray(s.domains) ? s.domains : []) for (const p of domainProblems(d)) problems.push(`${where}: domain ${show(d)} ${p}`);
    if (!Array.isArray(s.domains) || s.domains.length === 0) problems.push(`${where}: no domains`);
    for (const port of s.ports ?? []) {
      for (const p of portObjectProblems(port)) problems.push(`${where}: ${p}`);
      if (port?.protocol === Protocol.TCP && port.fromPort !== port.toPort) {
        problems.push(`${where}: port ranges (tcp/${port.fromPort}-${port.toPort}) are not supported by the proxy; list single ports`);
      }
    }
    const tr = communicationCase ? s.tenantRestriction : undefined;
    if (tr) {
      for (const h of Array.isArray(tr.hosts) ? tr.hosts : []) for (const p of domainProblems(h)) problems.push(`${where}: tenant host ${show(h)} ${p}`);
      if (!Array.isArray(tr.hosts) || tr.hosts.length === 0) problems.push(`${where}: the tenant restriction names no hosts`);
      if (!Array.isArray(tr.headers) || tr.headers.length === 0) problems.push(`${where}: the tenant restriction names no headers`);
    }
  }
  for (const p of input.extraConnectPorts ?? []) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) problems.push(`extraConnectPorts: ${show(p)} is not a port number`);
  }
  const safePorts = proxyTcpPorts(services, input.extraConnectPorts ?? []);
  // Port 80 is plain HTTP (e.g. update downloads); CONNECT (TLS) goes to every other declared port.
  const connectPorts = safePorts.filter((p) => p !== 80);

  const tenantServices = communicationCase ? services.filter((s) => s.service.tenantRestriction) : [];
  const headers = new Map<string, TenantHeaderValue[]>();
  tenantServices.forEach((entry) => {
    headers.set(entry.service.id, headerValues(entry, problems, `services (${show(entry.service.id)})`));
  });
  for (const [name, value] of Object.entries({
    caCertPath: input.caCertPath,
    caKeyPath: input.caKeyPath,
    certgenProgram: input.certgenProgram,
    sslDbPath: input.sslDbPath,
    accessLogPath: input.accessLogPath,
    cacheLogPath: input.cacheLogPath,
    pidFile: input.pidFile,
    hostsFile: input.hostsFile,
    originCaFile: input.originCaFile,
    effectiveUser: input.effectiveUser,
  })) {
    if (value !== undefined && !/^[A-Za-z0-9_./-]+$/.test(value)) problems.push(`${name}: ${show(value)} may only contain letters, digits and _ . / -`);
  }
  for (const ns of input.dnsNameservers ?? []) {
    if (!(typeof ns === 'string' && Ipv4Cidr.tryParse(`${ns}/32`))) problems.push(`dnsNameservers: ${show(ns)} is not an IPv4 address`);
  }
  if (problems.length > 0) {
    throw new Error(`Cannot generate the Squid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
  }

  const allDomains = services.flatMap((s) => s.service.domains);
  const commDomains = services.filter((s) => s.service.category === CloudServiceCategory.COMMUNICATION_TOOL).flatMap((s) => s.service.domains);
  const bumpDomains = [
    ...tenantServices.flatMap((s) => s.service.tenantRestriction!.hosts),
    // The proxy reads a reply only inside a bumped connection: cases イ (deny) and ウ (sanitize) bump the tools' domains.
    ...(downloadRestricted || sanitizing ? commDomains : []),
  ];
  const certgen = input.certgenProgram ?? '/usr/lib64/squid/security_file_certgen';
  const sslDb = input.sslDbPath ?? '/var/lib/squid/ssl_db';

  const w = new SquidConfWriter();
  w.comment('Generated by jichitai-network: α′ local-breakout forward proxy (テナントアクセス制御). Do not edit by hand.');
  w.comment(`Case: ${input.alphaPrimeCase}. Services: ${services.map((s) => s.service.id).join(', ')}.`);

  w.section('Listening and TLS interception (ssl_bump); the CA comes from Secrets Manager at boot, never from the template');
  w.directive('http_port', String(httpPort), 'ssl-bump', `tls-cert=${input.caCertPath ?? '/etc/squid/ssl/ca.pem'}`,
    `tls-key=${input.caKeyPath ?? '/etc/squid/ssl/ca.key'}`, 'generate-host-certificates=on', 'dynamic_cert_mem_cache_size=16MB');
  w.directive('sslcrtd_program', certgen, '-s', sslDb, '-M', '16MB');
  w.directive('sslcrtd_children', '8', 'startup=1', 'idle=1');
  // Verify origin servers, TLS 1.2 or later; certificate errors are never bypassed (sslproxy_cert_error default deny).
  // options= rather than min-version=1.2: Squid 5.7 with OpenSSL 3 logs "Unknown TLS option" for the latter and
  // fails the forwarded request (seen in test/integration/squid.test.ts).
  // 接続先のクラウドサービスの証明書による認証 (seed 002, AP-5), said explicitly rather than left to defaults: the system's
  // trusted CAs (default-ca=on) and no bypass of a validation error. https://www.squid-cache.org/Doc/config/tls_outgoing_options/
  // https://www.squid-cache.org/Doc/config/sslproxy_cert_error/
  w.directive('tls_outgoing_options', ...(input.originCaFile ? [`cafile=${input.originCaFile}`] : []), 'options=NO_SSLv3,NO_TLSv1,NO_TLSv1_1', 'default-ca=on');
  w.directive('sslproxy_cert_error', 'deny', 'all');

  w.section('Who may use the proxy, and where to (AP-1, AP-5)');
  w.acl('clients', 'src', [], [...input.clientCidrs].sort());
  w.acl('connect_ports', 'port', [], connectPorts.map(String));
  w.acl('safe_ports', 'port', [], safePorts.map(String));
  w.directive('acl', 'CONNECT', 'method', 'CONNECT');
  domainAcl(w, 'allowed_dst', allDomains, 'dst');
  domainAcl(w, 'allowed_sni', allDomains, 'sni');
  if (bumpDomains.length > 0) domainAcl(w, 'bump_sni', bumpDomains, 'sni');

  w.section('Access: deny first, allow only the allow-list from the clients, deny everything else');
  w.directive('http_access', 'deny', 'manager');
  w.directive('http_access', 'deny', '!clients');
  w.directive('http_access', 'deny', '!safe_ports');
  w.directive('http_access', 'deny', 'CONNECT', '!connect_ports');
  w.directive('http_access', 'allow', 'clients', 'allowed_dst');
  w.directive('http_access', 'deny', 'all');

  w.section('TLS: peek at the SNI, bump only what must be read, splice the rest, terminate anything else (AP-1, AP-3)');
  w.directive('acl', 'step1', 'at_step', 'SslBump1');
  w.directive('ssl_bump', 'peek', 'step1');
  if (bumpDomains.length > 0) w.directive('ssl_bump', 'bump', 'bump_sni');
  w.directive('ssl_bump', 'splice', 'allowed_sni');
  w.directive('ssl_bump', 'terminate', 'all');

  if (tenantServices.length > 0) {
    w.section('Tenant restriction (AP-3): delete client-sent copies, then add the configured value');
    for (const entry of tenantServices) {
      const tr = entry.service.tenantRestriction!;
      const acl = aclName('tenant', entry.service.id);
      w.comment(`${entry.service.name}: ${tr.scheme} (${tr.documentationUrl})`);
      domainAcl(w, acl, tr.hosts, 'dst');
      for (const { header } of headers.get(entry.service.id)!) w.directive('request_header_access', header.name, 'deny', acl);
      for (const { header, value } of headers.get(entry.service.id)!) w.directive('request_header_add', header.name, new Quoted(value), acl);
    }
  }

  if (downloadRestricted && commDomains.length > 0) {
    w.section('Case イ download restriction (AP-6): refuse file downloads from communication tools (bumped traffic only)');
    domainAcl(w, 'comm_dst', commDomains, 'dst');
    w.directive('acl', 'download_disposition', 'rep_header', 'Content-Disposition', '-i', '^[[:space:]]*attachment');
    w.acl('page_mime', 'rep_mime_type', ['-i'], PAGE_MIME_TYPES);
    w.acl('contentless_status', 'http_status', [], CONTENTLESS_STATUSES);
    // What case ウ hands to the sanitizer, case イ refuses: every attachment, and every reply that is not one of the tools'
    // pages or API calls (a list of file types would let a file of an unlisted type through: application/msword, ODF,
    // archives, images, a reply without a type). https://www.squid-cache.org/Doc/config/http_reply_access/ (first match)
    w.directive('http_reply_access', 'deny', 'comm_dst', 'download_disposition');
    w.directive('http_reply_access', 'allow', 'comm_dst', 'page_mime');
    w.directive('http_reply_access', 'allow', 'comm_dst', 'contentless_status');
    w.directive('http_reply_access', 'deny', 'comm_dst');
    w.directive('http_reply_access', 'allow', 'all');
  }

  if (sanitizing && icap && commDomains.length > 0) {
    // icap_service id vectoring_point uri [option ...] (https://www.squid-cache.org/Doc/config/icap_service/):
    // respmod_precache adapts the reply before the client gets it. bypass=off makes the service essential: "all ICAP
    // errors will result in an error page returned to the HTTP client" (the default, written out so that nobody
    // reads it as optional); with it, on-overload defaults to "wait", never to skipping the service.
    w.section('Case ウ sanitization (AP-6, 無害化): file responses of communication tools go to the ICAP sanitizer; bypass=off fails closed');
    w.directive('icap_enable', 'on');
    w.directive('icap_service', 'sanitizer', 'respmod_precache', `icap://${icap.address}:${icap.port}/${icap.service}`, 'bypass=off', 'on-overload=wait');
    domainAcl(w, 'comm_dst', commDomains, 'dst');
    w.directive('acl', 'download_disposition', 'rep_header', 'Content-Disposition', '-i', '^[[:space:]]*attachment');
    w.acl('page_mime', 'rep_mime_type', ['-i'], PAGE_MIME_TYPES);
    // https://www.squid-cache.org/Doc/config/adaptation_access/: the first matching rule of the service decides.
    // An attachment always goes to the sanitizer; the tools' pages and API replies do not; every other reply does.
    w.directive('adaptation_access', 'sanitizer', 'allow', 'comm_dst', 'download_disposition');
    w.directive('adaptation_access', 'sanitizer', 'deny', 'comm_dst', 'page_mime');
    w.directive('adaptation_access', 'sanitizer', 'allow', 'comm_dst');
    w.directive('adaptation_access', 'sanitizer', 'deny', 'all');
  }

  w.section('Logs: one key=value line per request, for the SIEM (LOG-1)');
  w.directive('logformat', 'siem', 'ts=%ts.%03tu', 'client=%>a', 'method=%rm', 'url=%ru', 'sni=%ssl::>sni', 'status=%>Hs', 'bytes=%<st',
    'result=%Ss', 'bump=%ssl::bump_mode', 'server=%<a');
  w.directive('access_log', `stdio:${input.accessLogPath ?? '/var/log/squid/access.log'}`, 'siem');
  w.directive('cache_log', input.cacheLogPath ?? '/var/log/squid/cache.log');
  w.directive('pid_filename', input.pidFile ?? '/run/squid.pid');

  w.section('Hygiene: no cache, no client address upstream, no version banner');
  w.directive('cache', 'deny', 'all');
  // Via stays on (HTTP requires it, and Squid warns otherwise); it names only this host.
  w.directive('visible_hostname', 'lgwan-breakout-proxy');
  w.directive('forwarded_for', 'delete');
  w.directive('httpd_suppress_version_string', 'on');
  w.directive('cache_effective_user', input.effectiveUser ?? 'squid');
  w.directive('shutdown_lifetime', '3', 'seconds');
  if (input.hostsFile) w.directive('hosts_file', input.hostsFile);
  if (input.dnsNameservers && input.dnsNameservers.length > 0) w.directive('dns_nameservers', ...input.dnsNameservers);
  return w.text();
}
