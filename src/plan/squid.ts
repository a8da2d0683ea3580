import { Ipv4Cidr } from '../model/cidr';
import { BreakoutServiceProps, CloudServiceCategory, TenantHeader } from '../model/cloud-service';
import { domainProblems, isSubdomainPattern } from '../model/domains';
import { AlphaPrimeCase } from '../model/network-model';
import { Port, Protocol } from '../model/port';

/**
 * Inputs of the tenant-restriction forward proxy's configuration (α′ breakout, テナントアクセス制御).
 * Paths default to Amazon Linux 2023's `squid` package layout.
 */
export interface SquidConfigInput {
  /** The α′ breakout services (with tenant settings); only these domains are reachable. */
  readonly services: BreakoutServiceProps[];
  /** The α′ case: cases イ/ウ apply tenant restriction, case イ also blocks downloads. */
  readonly alphaPrimeCase: AlphaPrimeCase;
  /** Who may use the proxy (the LGWAN segment's CIDR). Nobody else: never an open proxy. */
  readonly clientCidrs: string[];
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

const HEADER_NAME = /^[A-Za-z0-9!#$&'*+.^_`|~-]+$/;
/**
 * Characters that cannot appear in a header value we write into squid.conf: quotes and backslashes end or escape
 * the quoted string, `%` starts a Squid logformat macro, and control characters would split the line or the header.
 * https://www.squid-cache.org/Doc/config/request_header_add/
 */
const UNSAFE_VALUE = /["\\%\x00-\x1f\x7f]/;

/** MIME types treated as file downloads in case イ (besides any `Content-Disposition: attachment`). */
const DOWNLOAD_MIME_TYPES = [
  '^application/octet-stream', '^application/zip', '^application/x-zip-compressed', '^application/x-7z-compressed',
  '^application/x-msdownload', '^application/vnd\\.openxmlformats-officedocument\\.', '^application/vnd\\.ms-', '^application/pdf',
];

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
 * `.example.com` would also match the apex, which our notation does not.
 * https://www.squid-cache.org/Doc/config/acl/
 */
function domainAcl(name: string, patterns: readonly string[], kind: 'dst' | 'sni'): string[] {
  const exact = [...new Set(patterns.filter((p) => !isSubdomainPattern(p)))].sort();
  const sub = [...new Set(patterns.filter(isSubdomainPattern))].sort();
  const lines: string[] = [];
  const parts: string[] = [];
  if (exact.length > 0) {
    lines.push(`acl ${name}_exact ${kind === 'dst' ? 'dstdomain' : 'ssl::server_name'} ${exact.join(' ')}`);
    parts.push(`${name}_exact`);
  }
  if (sub.length > 0) {
    lines.push(`acl ${name}_sub ${kind === 'dst' ? 'dstdom_regex' : 'ssl::server_name_regex'} -i ${sub.map(regexFor).join(' ')}`);
    parts.push(`${name}_sub`);
  }
  lines.push(`acl ${name} any-of ${parts.join(' ')}`);
  return lines;
}

interface TenantHeaderValue {
  readonly header: TenantHeader;
  readonly value: string;
}

function headerValues(entry: BreakoutServiceProps, problems: string[], path: string): TenantHeaderValue[] {
  const tr = entry.service.tenantRestriction!;
  const tenants = entry.tenantIds ?? [];
  const directoryId = entry.directoryId ?? tenants[0];
  return tr.headers.map((header) => {
    if (!HEADER_NAME.test(header.name)) problems.push(`${path}: header name ${JSON.stringify(header.name)} is not an HTTP token`);
    const needs = (k: string) => header.valueTemplate.includes(`{${k}}`);
    if (needs('tenants') && tenants.length === 0) problems.push(`${path}: ${header.name} needs tenantIds (AP-3)`);
    if (needs('directoryId') && !directoryId) problems.push(`${path}: ${header.name} needs a directoryId or tenantIds (AP-3)`);
    if (needs('policyId') && !entry.policyId) problems.push(`${path}: ${header.name} needs a policyId (AP-3)`);
    const value = header.valueTemplate
      .replace(/\{tenants\}/g, tenants.join(header.separator ?? ','))
      .replace(/\{directoryId\}/g, directoryId ?? '')
      .replace(/\{policyId\}/g, entry.policyId ?? '');
    if (UNSAFE_VALUE.test(value)) {
      problems.push(`${path}: the value of ${header.name} contains a quote, backslash, "%" or control character; give plain identifiers`);
    }
    return { header, value };
  });
}

/**
 * The TCP ports the proxy serves, ascending: 443, the services' single TCP ports, and the extra CONNECT ports.
 * Also the ports its instances may open outward.
 */
export function proxyTcpPorts(services: readonly BreakoutServiceProps[], extraConnectPorts: readonly number[]): number[] {
  const ports = new Set<number>([443]);
  for (const entry of services) {
    for (const port of entry.service.ports ?? [Port.HTTPS]) {
      if (port.protocol === Protocol.TCP && port.fromPort === port.toPort) ports.add(port.fromPort);
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
 *   is added (AP-3);
 * - case イ: replies from communication tools that are file downloads (`Content-Disposition: attachment`, or a
 *   file-like MIME type) are refused (AP-6). Not caught: content the tool renders inline (previews), files inside
 *   spliced traffic, media streams, and anything an end-to-end encrypted or certificate-pinned client sends.
 *
 * Throws an Error listing every problem of the input (header injection into squid.conf is impossible by design).
 */
export function renderSquidConfig(input: SquidConfigInput): string {
  const problems: string[] = [];
  const communicationCase = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD
    || input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const downloadRestricted = input.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD;
  const httpPort = input.httpPort ?? 3128;
  if (!Number.isInteger(httpPort) || httpPort < 1 || httpPort > 65535) problems.push(`httpPort ${httpPort} is not a port number`);
  if (input.clientCidrs.length === 0) problems.push('clientCidrs is empty: nobody could use the proxy (and an open proxy is never generated)');
  for (const c of input.clientCidrs) {
    const cidr = Ipv4Cidr.tryParse(c);
    if (!cidr) problems.push(`clientCidrs: "${c}" is not an IPv4 CIDR block`);
    else if (cidr.prefixLength === 0) problems.push('clientCidrs: 0.0.0.0/0 would make an open proxy');
  }
  if (input.services.length === 0) problems.push('services is empty: the allow-list would allow nothing');

  const services = [...input.services].sort((a, b) => a.service.id.localeCompare(b.service.id));
  for (const [i, entry] of services.entries()) {
    const s = entry.service;
    for (const d of s.domains) for (const p of domainProblems(d)) problems.push(`services[${i}] (${s.id}): domain "${d}" ${p}`);
    for (const port of s.ports ?? [Port.HTTPS]) {
      for (const p of port.problems()) problems.push(`services[${i}] (${s.id}): ${p}`);
      if (port.protocol === Protocol.TCP && port.fromPort !== port.toPort) {
        problems.push(`services[${i}] (${s.id}): port ranges (${port}) are not supported by the proxy; list single ports`);
      }
    }
  }
  for (const p of input.extraConnectPorts ?? []) {
    if (!Number.isInteger(p) || p < 1 || p > 65535) problems.push(`extraConnectPorts: ${p} is not a port number`);
  }
  const safePorts = proxyTcpPorts(services, input.extraConnectPorts ?? []);
  // Port 80 is plain HTTP (e.g. update downloads); CONNECT (TLS) goes to every other declared port.
  const connectPorts = safePorts.filter((p) => p !== 80);

  const tenantServices = communicationCase ? services.filter((s) => s.service.tenantRestriction) : [];
  const headers = new Map<string, TenantHeaderValue[]>();
  tenantServices.forEach((entry) => {
    headers.set(entry.service.id, headerValues(entry, problems, `services (${entry.service.id})`));
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
    if (value !== undefined && !/^[A-Za-z0-9_./-]+$/.test(value)) problems.push(`${name}: "${value}" may only contain letters, digits and _ . / -`);
  }
  if (problems.length > 0) {
    throw new Error(`Cannot generate the Squid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
  }

  const allDomains = services.flatMap((s) => s.service.domains);
  const commDomains = services.filter((s) => s.service.category === CloudServiceCategory.COMMUNICATION_TOOL).flatMap((s) => s.service.domains);
  const bumpDomains = [
    ...tenantServices.flatMap((s) => s.service.tenantRestriction!.hosts),
    ...(downloadRestricted ? commDomains : []),
  ];
  const certgen = input.certgenProgram ?? '/usr/lib64/squid/security_file_certgen';
  const sslDb = input.sslDbPath ?? '/var/lib/squid/ssl_db';

  const out: string[] = [];
  const section = (title: string) => out.push('', `# --- ${title}`);
  out.push(
    '# Generated by jichitai-network: α′ local-breakout forward proxy (テナントアクセス制御). Do not edit by hand.',
    `# Case: ${input.alphaPrimeCase}. Services: ${services.map((s) => s.service.id).join(', ')}.`,
  );

  section('Listening and TLS interception (ssl_bump); the CA comes from Secrets Manager at boot, never from the template');
  out.push(
    `http_port ${httpPort} ssl-bump tls-cert=${input.caCertPath ?? '/etc/squid/ssl/ca.pem'} tls-key=${input.caKeyPath ?? '/etc/squid/ssl/ca.key'} generate-host-certificates=on dynamic_cert_mem_cache_size=16MB`,
    `sslcrtd_program ${certgen} -s ${sslDb} -M 16MB`,
    'sslcrtd_children 8 startup=1 idle=1',
    // Verify origin servers, TLS 1.2 or later; certificate errors are never bypassed (sslproxy_cert_error default deny).
    // options= rather than min-version=1.2: Squid 5.7 with OpenSSL 3 logs "Unknown TLS option" for the latter and
    // fails the forwarded request (seen in test/integration/squid.test.ts).
    `tls_outgoing_options${input.originCaFile ? ` cafile=${input.originCaFile}` : ''} options=NO_SSLv3,NO_TLSv1,NO_TLSv1_1`,
  );

  section('Who may use the proxy, and where to (AP-1, AP-5)');
  out.push(`acl clients src ${[...input.clientCidrs].sort().join(' ')}`);
  out.push(`acl connect_ports port ${connectPorts.join(' ')}`);
  out.push(`acl safe_ports port ${safePorts.join(' ')}`);
  out.push('acl CONNECT method CONNECT');
  out.push(...domainAcl('allowed_dst', allDomains, 'dst'));
  out.push(...domainAcl('allowed_sni', allDomains, 'sni'));
  if (bumpDomains.length > 0) out.push(...domainAcl('bump_sni', bumpDomains, 'sni'));

  section('Access: deny first, allow only the allow-list from the clients, deny everything else');
  out.push(
    'http_access deny manager',
    'http_access deny !clients',
    'http_access deny !safe_ports',
    'http_access deny CONNECT !connect_ports',
    'http_access allow clients allowed_dst',
    'http_access deny all',
  );

  section('TLS: peek at the SNI, bump only what must be read, splice the rest, terminate anything else (AP-1, AP-3)');
  out.push('acl step1 at_step SslBump1', 'ssl_bump peek step1');
  if (bumpDomains.length > 0) out.push('ssl_bump bump bump_sni');
  out.push('ssl_bump splice allowed_sni', 'ssl_bump terminate all');

  if (tenantServices.length > 0) {
    section('Tenant restriction (AP-3): delete client-sent copies, then add the configured value');
    for (const entry of tenantServices) {
      const tr = entry.service.tenantRestriction!;
      const acl = aclName('tenant', entry.service.id);
      out.push(`# ${entry.service.name}: ${tr.scheme} (${tr.documentationUrl})`);
      out.push(...domainAcl(acl, tr.hosts, 'dst'));
      for (const { header } of headers.get(entry.service.id)!) out.push(`request_header_access ${header.name} deny ${acl}`);
      for (const { header, value } of headers.get(entry.service.id)!) out.push(`request_header_add ${header.name} "${value}" ${acl}`);
    }
  }

  if (downloadRestricted && commDomains.length > 0) {
    section('Case イ download restriction (AP-6): refuse file downloads from communication tools (bumped traffic only)');
    out.push(...domainAcl('comm_dst', commDomains, 'dst'));
    out.push('acl download_disposition rep_header Content-Disposition -i ^[[:space:]]*attachment');
    out.push(`acl download_mime rep_mime_type -i ${DOWNLOAD_MIME_TYPES.join(' ')}`);
    out.push(
      'http_reply_access deny comm_dst download_disposition',
      'http_reply_access deny comm_dst download_mime',
      'http_reply_access allow all',
    );
  }

  section('Logs: one key=value line per request, for the SIEM (LOG-1)');
  out.push(
    'logformat siem ts=%ts.%03tu client=%>a method=%rm url=%ru sni=%ssl::>sni status=%>Hs bytes=%<st result=%Ss bump=%ssl::bump_mode server=%<a',
    `access_log stdio:${input.accessLogPath ?? '/var/log/squid/access.log'} siem`,
    `cache_log ${input.cacheLogPath ?? '/var/log/squid/cache.log'}`,
    `pid_filename ${input.pidFile ?? '/run/squid.pid'}`,
  );

  section('Hygiene: no cache, no client address upstream, no version banner');
  out.push(
    'cache deny all',
    // Via stays on (HTTP requires it, and Squid warns otherwise); it names only this host.
    'visible_hostname lgwan-breakout-proxy',
    'forwarded_for delete',
    'httpd_suppress_version_string on',
    `cache_effective_user ${input.effectiveUser ?? 'squid'}`,
    'shutdown_lifetime 3 seconds',
  );
  if (input.hostsFile) out.push(`hosts_file ${input.hostsFile}`);
  if (input.dnsNameservers && input.dnsNameservers.length > 0) out.push(`dns_nameservers ${input.dnsNameservers.join(' ')}`);
  return `${out.join('\n')}\n`;
}
