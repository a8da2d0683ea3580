/**
 * The mail relay (メール中継) of the prefecture security cloud (自治体情報セキュリティクラウド): Debian's Postfix between
 * the internet and the member municipalities' mail servers. Engine-neutral: typed props, their validation, and the
 * configuration files and commands an instance runs; the construct that puts it on an instance comes later.
 *
 * What the relay does (seed 004: メールリレーサーバー, メールセキュリティ対策, ログ収集):
 * - accepts mail from the internet for the members' mail domains only, and hands it to that member's internal mail
 *   server (transport map, `relay:[address]:port`, no MX lookup);
 * - relays outward (to any domain) only for the members' Internet-segment mail servers (`mynetworks`);
 * - refuses everything else: `smtpd_relay_restrictions = permit_mynetworks, permit_auth_destination, reject`, so it is
 *   never an open relay, whatever the props;
 * - hands every message to a spam / malware filter (a milter, or an after-queue SMTP content filter such as
 *   amavisd-new). The relay does not filter anything itself: the filter is a separate product the caller runs, and
 *   the relay fails closed when it is down (milter: `milter_default_action = tempfail`; content filter: mail waits
 *   in the queue);
 * - logs to syslog (facility `mail`) for the SIEM, including the permit decisions, or to a file when asked.
 *
 * Not done here: recipient validation (`relay_recipient_maps` is empty, so any address at a member domain is accepted
 * and what the member's server refuses is bounced later), DKIM / SPF / DMARC, IPv6, and shipping the log to the SIEM
 * (the hub's log agent's job).
 *
 * Every parameter written is documented in postconf(5), https://www.postfix.org/postconf.5.html (anchors per
 * parameter), and master.cf in master(5), https://www.postfix.org/master.5.html; map files in transport(5) and
 * postmap(1). Written for Postfix 3.7 (Debian 12's); `compatibility_level = 3.6` fixes the defaults it relies on.
 */
import { ipv4AddressSpellingProblem, Ipv4Cidr } from '../model/cidr';
import { domainProblems, isSubdomainPattern, patternsOverlap } from '../model/domains';
import { byCodePoint } from '../model/order';
import { checkCidrList, isObject, isPort, NAME, Problems, RFC1918, show, toPlainData } from '../model/validate-common';

/** How the relay sends mail onward when the receiving server offers STARTTLS (postconf(5) smtp_tls_security_level). */
export enum MailRelayTlsPolicy {
  /** Opportunistic TLS: encrypt when the other side offers STARTTLS, send in clear otherwise (RFC 3207). */
  MAY = 'may',
  /** Mandatory TLS: never send in clear; mail to a server without STARTTLS waits in the queue (TLS 1.2 or later). */
  ENCRYPT = 'encrypt',
}

/** How mail reaches the spam / malware filter. */
export enum MailFilterKind {
  /**
   * Before-queue milter (`smtpd_milters = inet:address:port`, e.g. rspamd, clamav-milter): the filter sees each message
   * during the SMTP session and can refuse it there. https://www.postfix.org/MILTER_README.html
   */
  MILTER = 'milter',
  /**
   * After-queue SMTP content filter (`content_filter`, e.g. amavisd-new): every queued message is sent to the filter,
   * which hands the clean ones back to a dedicated SMTP listener of the relay. https://www.postfix.org/FILTER_README.html
   */
  CONTENT_FILTER = 'content-filter',
}

/** One member municipality (構成団体) whose mail the relay carries. */
export interface MailRelayMemberProps {
  /** The member's identifier: lower-case letters, digits and hyphens (it appears in comments and messages). */
  readonly name: string;
  /**
   * The member's mail domains the relay accepts from the internet, in the library's domain notation:
   * `city.example.lg.jp` is that domain only, `*.city.example.lg.jp` its subdomains only (not the apex). No two members
   * may share a domain: mail for one member is never delivered to another.
   */
  readonly domains: string[];
  /**
   * The member's internal mail server that receives this mail: an IPv4 address or a host name. Mail goes to it
   * directly (no MX lookup).
   */
  readonly mailServer: string;
  /**
   * The SMTP port of `mailServer`.
   * @default 25
   */
  readonly mailServerPort?: number;
  /**
   * The member's Internet-segment mail servers (their CIDR blocks) that may send mail outward through the relay. Private
   * (RFC 1918) or loopback blocks only: every address listed may relay to any domain.
   */
  readonly senderCidrs: string[];
}

/** The spam / malware filter (スパム・マルウェア対策) the relay hands every message to. */
export interface MailFilterProps {
  /** Milter (before-queue) or SMTP content filter (after-queue). */
  readonly kind: MailFilterKind;
  /** The filter's IPv4 address. */
  readonly address: string;
  /** The filter's port (milter protocol, or SMTP/LMTP for a content filter: amavisd-new listens on 10024). */
  readonly port: number;
  /**
   * Content filter only: the address of the relay's listener the filter hands clean mail back to.
   * @default '127.0.0.1'
   */
  readonly returnAddress?: string;
  /**
   * Content filter only: the port of that listener.
   * @default 10025
   */
  readonly returnPort?: number;
}

/** The mail relay of the prefecture security cloud. */
export interface MailRelayProps {
  /** The relay's fully qualified host name (`myhostname`): its SMTP greeting and HELO name. */
  readonly hostname: string;
  /** The member municipalities: their domains (inbound) and their mail servers' networks (outbound). At least one. */
  readonly members: MailRelayMemberProps[];
  /** The spam / malware filter every message passes (seed 004). The relay does not implement a filter. */
  readonly filter: MailFilterProps;
  /**
   * The largest message accepted, in bytes (`message_size_limit`).
   * @default 10240000
   */
  readonly messageSizeLimitBytes?: number;
  /**
   * TLS toward the servers the relay sends to (the internet's and the members').
   * @default MailRelayTlsPolicy.MAY
   */
  readonly outboundTls?: MailRelayTlsPolicy;
  /**
   * The relay's certificate (PEM) on the instance; with `tlsKeyFile`, the relay offers STARTTLS to senders
   * (opportunistic: RFC 3207 forbids requiring TLS on a publicly referenced server).
   * @default - STARTTLS is not offered
   */
  readonly tlsCertificateFile?: string;
  /**
   * The private key (PEM) of `tlsCertificateFile` on the instance.
   * @default - STARTTLS is not offered
   */
  readonly tlsKeyFile?: string;
  /**
   * The IPv4 address the SMTP service listens on.
   * @default - every interface
   */
  readonly listenAddress?: string;
  /**
   * The SMTP port.
   * @default 25
   */
  readonly smtpPort?: number;
  /**
   * Postfix's configuration directory: where the files go, and what main.cf's maps refer to.
   * @default '/etc/postfix'
   */
  readonly configDirectory?: string;
  /**
   * The queue directory.
   * @default '/var/spool/postfix'
   */
  readonly queueDirectory?: string;
  /**
   * The data directory (TLS session cache, verification cache).
   * @default '/var/lib/postfix'
   */
  readonly dataDirectory?: string;
  /**
   * Write the log to this file (through Postfix's postlogd) instead of syslog.
   * @default - syslog, facility mail, which the instance's journald or rsyslog collects for the SIEM
   */
  readonly logFile?: string;
}

/** One file of the relay's configuration. */
export interface MailRelayFile {
  /** Absolute path on the instance. */
  readonly path: string;
  /** The file's text. */
  readonly content: string;
  /** Octal permission bits, e.g. '0644'. */
  readonly mode: string;
}

/** The relay's configuration: files to write, and the commands around them. */
export interface MailRelayConfig {
  /** main.cf, master.cf, the transport map and the relay_domains map (sorted by path). */
  readonly files: MailRelayFile[];
  /** Shell commands that install Debian's Postfix without its interactive questions (run before writing the files). */
  readonly packageCommands: string[];
  /** Shell commands that build the maps, check the configuration and (re)start Postfix (run after writing the files). */
  readonly activateCommands: string[];
}

const DEFAULTS = {
  messageSizeLimitBytes: 10_240_000,
  smtpPort: 25,
  mailServerPort: 25,
  returnAddress: '127.0.0.1',
  returnPort: 10025,
  configDirectory: '/etc/postfix',
  queueDirectory: '/var/spool/postfix',
  dataDirectory: '/var/lib/postfix',
} as const;

/** Bounds: a prefecture has at most a few hundred members (Hokkaido: 179 municipalities). */
const MAX_MEMBERS = 500;
const MAX_DOMAINS_PER_MEMBER = 50;
const MAX_SENDER_CIDRS = 50;
/** 1 GiB: far above any mail system's limit; also keeps the value a 32-bit integer. */
const MAX_MESSAGE_BYTES = 1_073_741_824;
/** An absolute path of plain characters, no `..`: it is written into main.cf and into shell commands. */
const PATH = /^\/[A-Za-z0-9_.\/-]{1,255}$/;
const LOOPBACK = Ipv4Cidr.parse('127.0.0.0/8');

const postconf = (param: string) => `postconf(5) ${param}: https://www.postfix.org/postconf.5.html#${param}`;

function checkPath(p: Problems, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !PATH.test(value) || value.split('/').includes('..')) {
    p.add(path, `${show(value)} is not an absolute path of letters, digits and _ . / - (without "..")`, 'give a path such as "/etc/postfix/tls/relay.pem"');
  }
}

function checkAddress(p: Problems, path: string, value: unknown, what: string): boolean {
  const problem = ipv4AddressSpellingProblem(value);
  if (problem) p.add(path, problem, `give ${what} as an IPv4 address written canonically, e.g. "10.0.0.25"`);
  return !problem;
}

function checkPortValue(p: Problems, path: string, value: unknown): void {
  if (value !== undefined && !isPort(value)) p.add(path, `${show(value)} is not a port number`, 'give an integer from 1 to 65535');
}

/** A mail server: an IPv4 address if it is written like one, otherwise a host name. */
function checkServer(p: Problems, path: string, value: unknown): void {
  if (typeof value === 'string' && /^[\d.\s/]+$/.test(value)) {
    checkAddress(p, path, value, 'the mail server');
    return;
  }
  const problems = domainProblems(value);
  if (problems.length === 0 && isSubdomainPattern(value as string)) problems.push('is a pattern, not a host');
  for (const problem of problems) p.add(path, `${show(value)} ${problem}`, 'give the mail server\'s IPv4 address or its host name, e.g. "mail.city.example.lg.jp"');
}

/**
 * Every problem of the props, as `[path] what. Fix: how.` lines; empty when `mailRelayConfig` can generate the
 * configuration. This is the security boundary: every value that reaches a file or a command is checked against its
 * grammar here, and every problem is reported at once.
 */
export function mailRelayProblems(props: MailRelayProps): string[] {
  return inspect(props).problems;
}

function inspect(props: unknown): { problems: string[]; copy?: MailRelayProps } {
  const p = new Problems();
  const plain = toPlainData(props);
  if (plain.tooLarge) {
    p.add('(mail relay)', 'is larger than any mail relay configuration', 'give the props themselves');
    return { problems: p.list };
  }
  for (const problem of plain.problems) p.addUnreadable([problem.path], problem.what, problem.fix);
  if (!isObject(plain.value)) {
    p.add('(mail relay)', 'is not an object', 'give MailRelayProps');
    return { problems: p.list };
  }
  const r = plain.value as MailRelayProps;

  const hostProblems = domainProblems(r.hostname);
  if (hostProblems.length === 0 && isSubdomainPattern(r.hostname)) hostProblems.push('is a pattern, not a host name');
  for (const problem of hostProblems) p.add('hostname', `${show(r.hostname)} ${problem}`, 'give the relay\'s fully qualified host name in lower case, e.g. "mail-relay.pref.example.lg.jp"');

  const seen: { member: string; domain: string }[] = [];
  if (!Array.isArray(r.members) || r.members.length === 0) {
    p.add('members', 'must be a non-empty list', 'list the member municipalities whose mail the relay carries');
  } else if (r.members.length > MAX_MEMBERS) {
    p.add('members', `has ${r.members.length} entries; at most ${MAX_MEMBERS} are accepted`, `list at most ${MAX_MEMBERS} members`);
  } else {
    const names = new Set<string>();
    r.members.forEach((m, i) => {
      const path = `members[${i}]`;
      if (!isObject(m)) {
        p.add(path, 'is not an object', 'give { name, domains, mailServer, senderCidrs }');
        return;
      }
      if (typeof m.name !== 'string' || !NAME.test(m.name)) {
        p.add(`${path}.name`, `${show(m.name)} is not lower-case letters, digits and hyphens (at most 63)`, 'give an identifier such as "city-a"');
      } else if (names.has(m.name)) {
        p.add(`${path}.name`, `"${m.name}" names two members`, 'give each member its own name');
      } else {
        names.add(m.name);
      }
      if (!Array.isArray(m.domains) || m.domains.length === 0) {
        p.add(`${path}.domains`, 'must be a non-empty list of domains', 'list the member\'s mail domains, e.g. ["city.example.lg.jp"]');
      } else if (m.domains.length > MAX_DOMAINS_PER_MEMBER) {
        p.add(`${path}.domains`, `has ${m.domains.length} entries; at most ${MAX_DOMAINS_PER_MEMBER} are accepted`, 'use "*.example.lg.jp" for many subdomains');
      } else {
        m.domains.forEach((d, j) => {
          const problems = domainProblems(d);
          for (const problem of problems) {
            p.add(`${path}.domains[${j}]`, `${show(d)} ${problem}`, 'write "example.lg.jp" for a domain or "*.example.lg.jp" for its subdomains, in lower case');
          }
          if (problems.length > 0) return;
          const clash = seen.find((s) => patternsOverlap(s.domain, d));
          if (clash) {
            p.add(`${path}.domains[${j}]`, `"${d}" overlaps "${clash.domain}" of ${clash.member === String(m.name) ? 'the same member' : `member ${show(clash.member)}`}`,
              'give each domain to one member once: mail for one member must never reach another');
          }
          seen.push({ member: String(m.name), domain: d });
        });
      }
      checkServer(p, `${path}.mailServer`, m.mailServer);
      checkPortValue(p, `${path}.mailServerPort`, m.mailServerPort);
      const cidrs = checkCidrList(p, `${path}.senderCidrs`, m.senderCidrs, true, MAX_SENDER_CIDRS);
      for (const c of cidrs) {
        if (![...RFC1918, LOOPBACK].some((range) => range.contains(c))) {
          p.add(`${path}.senderCidrs`, `${c} is not inside a private (RFC 1918) or loopback range: every address in it could relay mail anywhere`,
            'give the CIDR blocks of the member\'s Internet-segment mail servers (private addresses)');
        }
      }
    });
  }

  const f = r.filter;
  if (!isObject(f)) {
    p.add('filter', 'is missing', 'give the spam / malware filter: { kind: MailFilterKind.MILTER or CONTENT_FILTER, address, port } (seed 004: the relay passes no unfiltered mail)');
  } else {
    if (!Object.values(MailFilterKind).includes(f.kind)) p.add('filter.kind', `${show(f.kind)} is not a MailFilterKind`, 'give MailFilterKind.MILTER or MailFilterKind.CONTENT_FILTER');
    checkAddress(p, 'filter.address', f.address, 'the filter');
    if (!isPort(f.port)) p.add('filter.port', `${show(f.port)} is not a port number`, 'give an integer from 1 to 65535');
    if (f.kind === MailFilterKind.MILTER && (f.returnAddress !== undefined || f.returnPort !== undefined)) {
      p.add('filter', 'gives returnAddress or returnPort for a milter', 'leave them out: only a content filter hands mail back over SMTP');
    }
    if (f.returnAddress !== undefined) checkAddress(p, 'filter.returnAddress', f.returnAddress, 'the return listener');
    checkPortValue(p, 'filter.returnPort', f.returnPort);
    const listen = r.listenAddress;
    if (f.kind === MailFilterKind.CONTENT_FILTER && (f.returnPort ?? DEFAULTS.returnPort) === (r.smtpPort ?? DEFAULTS.smtpPort)
      && (listen === undefined || listen === (f.returnAddress ?? DEFAULTS.returnAddress))) {
      p.add('filter.returnPort', `${f.returnPort ?? DEFAULTS.returnPort} is also the SMTP port on the same address`, 'give the return listener its own port (10025 is usual)');
    }
  }

  const size = r.messageSizeLimitBytes;
  if (size !== undefined && (!Number.isInteger(size) || size < 1024 || size > MAX_MESSAGE_BYTES)) {
    p.add('messageSizeLimitBytes', `${show(r.messageSizeLimitBytes)} is not a whole number of bytes from 1024 to ${MAX_MESSAGE_BYTES}`, 'give bytes, e.g. 20971520 for 20 MiB');
  }
  if (r.outboundTls !== undefined && !Object.values(MailRelayTlsPolicy).includes(r.outboundTls)) {
    p.add('outboundTls', `${show(r.outboundTls)} is not a MailRelayTlsPolicy`, 'give MailRelayTlsPolicy.MAY or MailRelayTlsPolicy.ENCRYPT');
  }
  if ((r.tlsCertificateFile === undefined) !== (r.tlsKeyFile === undefined)) {
    p.add(r.tlsCertificateFile === undefined ? 'tlsCertificateFile' : 'tlsKeyFile', 'is missing while the other half of the TLS key pair is given',
      'give both tlsCertificateFile and tlsKeyFile, or neither');
  }
  if (r.listenAddress !== undefined) checkAddress(p, 'listenAddress', r.listenAddress, 'the listening address');
  checkPortValue(p, 'smtpPort', r.smtpPort);
  for (const key of ['tlsCertificateFile', 'tlsKeyFile', 'configDirectory', 'queueDirectory', 'dataDirectory', 'logFile'] as const) checkPath(p, key, r[key]);
  return { problems: p.list, copy: p.list.length === 0 ? r : undefined };
}

// ---------------------------------------------------------------------------------------------------------------------
// Writers: a configuration is built from typed parts; each part is checked again, so that no value can add a line,
// a parameter or a list entry (defence in depth behind the validation).

/** Text written by this module itself (a constant such as `>=TLSv1.2`), not derived from the props. */
class Fixed {
  constructor(public readonly text: string) {}
}

/**
 * A word derived from the props: letters, digits and `. _ : / [ ] @ = + -` only. No space or comma (list separators),
 * no `$` (parameter expansion), `#` (comment), braces (Postfix 3 grouping) or line break.
 */
const WORD = /^[A-Za-z0-9._:/[\]@=+-]+$/;

function word(v: string | Fixed): string {
  if (v instanceof Fixed) {
    if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(v.text)) throw new Error(`postfix configuration: ${show(v.text)} has a line break or control character`);
    return v.text;
  }
  if (typeof v !== 'string' || !WORD.test(v)) throw new Error(`postfix configuration: ${show(v)} cannot be written as a word`);
  return v;
}

class ConfWriter {
  private readonly lines: string[] = [];

  public comment(text: string): void {
    if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(text)) throw new Error(`postfix configuration: a comment cannot hold ${show(text)}`);
    this.lines.push(text === '' ? '#' : `# ${text}`);
  }

  public blank(): void {
    this.lines.push('');
  }

  /** main.cf: `name = v1, v2` (postconf(5): values are separated by comma or whitespace). */
  public param(name: string, values: readonly (string | Fixed)[], separator = ', '): void {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`main.cf: ${show(name)} is not a parameter name`);
    this.lines.push(`${name} =${values.length > 0 ? ` ${values.map(word).join(separator)}` : ''}`);
  }

  /** A lookup table line: `key value` (postmap(1)). */
  public entry(key: string, value: string): void {
    this.lines.push(`${word(key)}\t${word(value)}`);
  }

  /** master.cf: one service, with `-o name=value` overrides on continuation lines (master(5)). */
  public service(s: MasterService): void {
    // The service name may come from the props (address:port); the other columns are this module's constants.
    const constants = [s.type, s.private, s.unpriv, s.chroot, s.wakeup, s.maxproc, s.command];
    if (constants.some((c) => !/^[a-z0-9?-]+$/.test(c))) throw new Error(`master.cf: ${show(constants)} are not master.cf columns`);
    const columns = [word(s.name), ...constants];
    this.lines.push(columns.join('\t'));
    for (const [name, value] of s.overrides ?? []) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`master.cf: ${show(name)} is not a parameter name`);
      this.lines.push(`  -o ${name}=${word(value)}`);
    }
  }

  public text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

interface MasterService {
  readonly name: string;
  readonly type: string;
  readonly private: string;
  readonly unpriv: string;
  readonly chroot: string;
  readonly wakeup: string;
  readonly maxproc: string;
  readonly command: string;
  readonly overrides?: readonly (readonly [string, string | Fixed])[];
}

const svc = (name: string, type: string, priv: string, wakeup: string, maxproc: string, command: string,
  overrides?: MasterService['overrides']): MasterService =>
  ({ name, type, private: priv, unpriv: '-', chroot: 'n', wakeup, maxproc, command, overrides });

/** Sort CIDR blocks by address, then prefix length. */
function sortCidrs(cidrs: Iterable<string>): string[] {
  return [...new Set(cidrs)].map((c) => Ipv4Cidr.parse(c)).sort((a, b) => a.network - b.network || a.prefixLength - b.prefixLength).map(String);
}

/** A relay_domains / transport key: `example.lg.jp`, or `.example.lg.jp` for `*.example.lg.jp` (transport(5)). */
const mapKey = (domain: string) => (isSubdomainPattern(domain) ? domain.slice(1) : domain);

/**
 * The relay's configuration files and commands. Deterministic: members, domains and networks are sorted, and the
 * same props give the same bytes. Throws an Error listing every problem of the props (see `mailRelayProblems`).
 */
export function mailRelayConfig(props: MailRelayProps): MailRelayConfig {
  const { problems, copy } = inspect(props);
  if (problems.length > 0 || !copy) {
    throw new Error(`Cannot generate the mail relay configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
  }
  const r = copy;
  const dir = r.configDirectory ?? DEFAULTS.configDirectory;
  const members = [...r.members].sort((a, b) => byCodePoint(a.name, b.name));
  const transportPath = `${dir}/transport`;
  const relayDomainsPath = `${dir}/relay_domains`;
  const filter = r.filter;
  const smtpPort = r.smtpPort ?? DEFAULTS.smtpPort;
  const tlsPolicy = r.outboundTls ?? MailRelayTlsPolicy.MAY;

  // --- transport and relay_domains maps -------------------------------------------------------------------------
  const routes = members.flatMap((m) => m.domains.map((d) => ({ member: m, key: mapKey(d) })))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const transport = new ConfWriter();
  transport.comment('Generated by jichitai-network: mail relay of the prefecture security cloud. Do not edit by hand.');
  transport.comment('Each member domain goes to that member\'s mail server; [brackets] turn off the MX lookup. transport(5):');
  transport.comment('https://www.postfix.org/transport.5.html (".domain" matches subdomains only). Build with postmap(1).');
  for (const { member, key } of routes) {
    transport.comment(`member ${member.name}`);
    transport.entry(key, `relay:[${member.mailServer}]:${member.mailServerPort ?? DEFAULTS.mailServerPort}`);
  }
  const relayDomains = new ConfWriter();
  relayDomains.comment('Generated by jichitai-network: the domains the relay accepts mail for from anywhere (relay_domains).');
  relayDomains.comment(`Only the key counts; ${postconf('relay_domains')}`);
  for (const { member, key } of routes) {
    relayDomains.comment(`member ${member.name}`);
    relayDomains.entry(key, 'OK');
  }

  // --- main.cf --------------------------------------------------------------------------------------------------
  const w = new ConfWriter();
  const param = (name: string, why: string, values: readonly (string | Fixed)[], separator?: string) => {
    w.blank();
    w.comment(why);
    w.comment(postconf(name));
    w.param(name, values, separator);
  };
  const fixed = (...values: string[]) => values.map((v) => new Fixed(v));
  w.comment('Generated by jichitai-network: mail relay (メール中継) of the prefecture security cloud (自治体情報セキュリティクラウド).');
  w.comment('Do not edit by hand. Postfix 3.7 (Debian 12). Every parameter: https://www.postfix.org/postconf.5.html');
  w.comment(`Members: ${members.map((m) => m.name).join(', ')}.`);
  param('compatibility_level', 'The defaults of Postfix 3.6 and later, not the backwards-compatible ones (COMPATIBILITY_README).', fixed('3.6'));
  param('myhostname', 'The relay\'s name in its greeting and HELO.', [r.hostname]);
  param('smtpd_banner', 'Greeting without the product name and version.', fixed('$myhostname ESMTP'));
  param('inet_interfaces', 'Listen on every interface; master.cf decides the SMTP address and port.', fixed('all'));
  param('inet_protocols', 'IPv4 only: the hub and every address of these props are IPv4.', fixed('ipv4'));
  param('biff', 'No local mail notification service.', fixed('no'));

  w.blank();
  w.comment('--- No local delivery: this host is a relay, the final destination of nothing (a "null client" for local mail,');
  w.comment('https://www.postfix.org/STANDARD_CONFIGURATION_README.html#null_client).');
  param('mydestination', 'No domain is delivered on this host.', []);
  param('local_transport', 'Anything that still resolves to this host (an address literal) is refused.', fixed('error:local', 'delivery', 'is', 'disabled'), ' ');
  param('alias_maps', 'No aliases (no local delivery), so no aliases database to build.', []);
  param('alias_database', 'The same for newaliases.', []);

  w.blank();
  w.comment('--- Who may relay: never an open relay, whatever the props');
  param('mynetworks', 'The members\' Internet-segment mail servers: the only clients that may send to any domain.',
    sortCidrs(members.flatMap((m) => m.senderCidrs)));
  param('relay_domains', 'The members\' domains: the only destinations anyone else may send to.', [`hash:${relayDomainsPath}`]);
  param('parent_domain_matches_subdomains', 'Empty: a listed domain matches itself only; subdomains need their own ".domain" key (the default lets'
    + ' relay_domains entries match every subdomain).', []);
  param('smtpd_relay_restrictions', 'mynetworks may relay anywhere, anyone may send to the relayed domains, everything else is refused'
    + ' ("554 5.7.1 Relay access denied"). permit_auth_destination covers relay_domains only: mydestination is empty.',
  fixed('permit_mynetworks', 'reject_unauth_destination', 'permit_auth_destination', 'reject'));
  param('smtpd_recipient_restrictions', 'Checked after the relay restrictions: refuse malformed addresses and unknown local users.',
    fixed('reject_non_fqdn_sender', 'reject_non_fqdn_recipient', 'reject_unlisted_recipient'));
  param('smtpd_helo_required', 'Senders must say HELO/EHLO first.', fixed('yes'));
  param('disable_vrfy_command', 'No address probing through VRFY.', fixed('yes'));
  param('message_size_limit', 'The largest message accepted, in bytes.', [String(r.messageSizeLimitBytes ?? DEFAULTS.messageSizeLimitBytes)]);
  param('mailbox_size_limit', 'No local mailboxes; 0 keeps it from being smaller than message_size_limit, which Postfix refuses.', fixed('0'));

  w.blank();
  w.comment('--- Where mail goes: member domains to the member\'s server (transport map); the rest by MX lookup');
  param('transport_maps', 'Member domain -> relay:[member mail server]:port.', [`hash:${transportPath}`]);

  w.blank();
  w.comment('--- Spam / malware filter (seed 004, メールセキュリティ対策). The relay does not filter: it hands every message to');
  w.comment(`the filter at ${filter.address}:${filter.port} and fails closed while the filter is unreachable.`);
  if (filter.kind === MailFilterKind.MILTER) {
    param('smtpd_milters', 'Every SMTP message passes the milter (MILTER_README).', [`inet:${filter.address}:${filter.port}`]);
    param('milter_default_action', 'Filter down or failing: refuse with a temporary error (the sender retries); never accept unfiltered mail.', fixed('tempfail'));
  } else {
    param('content_filter', 'Every queued message goes to the filter through the "scan" transport (FILTER_README); clean mail comes back'
      + ` to the listener at ${filter.returnAddress ?? DEFAULTS.returnAddress}:${filter.returnPort ?? DEFAULTS.returnPort} (master.cf). Filter down: mail waits in the queue.`,
    [`scan:[${filter.address}]:${filter.port}`]);
  }

  w.blank();
  w.comment('--- TLS');
  if (r.tlsCertificateFile && r.tlsKeyFile) {
    param('smtpd_tls_security_level', 'Offer STARTTLS to senders; not required (RFC 3207: a publicly referenced server must not).', fixed('may'));
    param('smtpd_tls_cert_file', 'The relay\'s certificate (PEM).', [r.tlsCertificateFile]);
    param('smtpd_tls_key_file', 'Its private key (PEM).', [r.tlsKeyFile]);
    param('smtpd_tls_mandatory_protocols', 'TLS 1.2 or later where TLS is mandatory.', fixed('>=TLSv1.2'));
    param('smtpd_tls_loglevel', 'Log the TLS version and cipher of each session (SIEM).', fixed('1'));
  } else {
    param('smtpd_tls_security_level', 'No certificate given: STARTTLS is not offered.', fixed('none'));
  }
  param('smtp_tls_security_level', tlsPolicy === MailRelayTlsPolicy.ENCRYPT
    ? 'Mandatory TLS toward every server: mail to a server without STARTTLS waits in the queue.'
    : 'Opportunistic TLS toward every server (RFC 3207).', fixed(tlsPolicy));
  param('smtp_tls_mandatory_protocols', 'TLS 1.2 or later where TLS is mandatory.', fixed('>=TLSv1.2'));
  param('smtp_tls_loglevel', 'Log the TLS version and cipher of each delivery (SIEM).', fixed('1'));

  w.blank();
  w.comment('--- Logs for the SIEM (seed 004, ログ収集): every accept, reject and delivery, one line each');
  param('smtpd_log_access_permit_actions', 'Log the permit decisions too (which rule let a client relay), not only the rejects.', fixed('static:all'));
  if (r.logFile) {
    const logDir = r.logFile.slice(0, r.logFile.lastIndexOf('/')) || '/';
    param('maillog_file', 'Log to this file through postlogd (MAILLOG_README) instead of syslog.', [r.logFile]);
    param('maillog_file_prefixes', 'The directory maillog_file may be in.', [logDir]);
  } else {
    param('syslog_facility', 'Syslog facility mail (the instance\'s journald or rsyslog collects it; the log agent ships it to the SIEM).', fixed('mail'));
  }

  w.blank();
  w.comment('--- Directories');
  param('queue_directory', 'The mail queue.', [r.queueDirectory ?? DEFAULTS.queueDirectory]);
  param('data_directory', 'Caches written by Postfix.', [r.dataDirectory ?? DEFAULTS.dataDirectory]);

  // --- master.cf ------------------------------------------------------------------------------------------------
  const m = new ConfWriter();
  m.comment('Generated by jichitai-network: the services of the mail relay. Do not edit by hand.');
  m.comment('master(5): https://www.postfix.org/master.5.html. Columns: service type private unpriv chroot wakeup maxproc command.');
  m.comment('chroot n everywhere (Postfix\'s own default since 3.0): nothing here relies on files copied into a jail.');
  m.blank();
  m.comment('The SMTP listener: internet senders and the members\' mail servers.');
  const listenName = r.listenAddress ? `${r.listenAddress}:${smtpPort}` : smtpPort === 25 ? 'smtp' : String(smtpPort);
  m.service(svc(listenName, 'inet', 'n', '-', '-', 'smtpd'));
  if (filter.kind === MailFilterKind.CONTENT_FILTER) {
    const back = filter.returnAddress ?? DEFAULTS.returnAddress;
    const filterHost = `${filter.address}/32`;
    m.blank();
    m.comment('Content filter (FILTER_README, "advanced content filter"): "scan" sends each queued message to the filter,');
    m.comment('and the filter hands clean mail back to the listener below, which accepts it from the filter only and does not');
    m.comment('filter it again.');
    m.service(svc('scan', 'unix', '-', '-', '10', 'smtp', [
      ['smtp_send_xforward_command', new Fixed('yes')],
      ['disable_mime_output_conversion', new Fixed('yes')],
      ['smtp_tls_security_level', new Fixed('none')],
    ]));
    m.service(svc(`${back}:${filter.returnPort ?? DEFAULTS.returnPort}`, 'inet', 'n', '-', '-', 'smtpd', [
      ['content_filter', new Fixed('')],
      ['receive_override_options', new Fixed('no_unknown_recipient_checks,no_header_body_checks,no_milters,no_address_mappings')],
      ['smtpd_helo_restrictions', new Fixed('')],
      ['smtpd_client_restrictions', new Fixed('')],
      ['smtpd_sender_restrictions', new Fixed('')],
      ['smtpd_recipient_restrictions', new Fixed('permit_mynetworks,reject')],
      ['smtpd_relay_restrictions', new Fixed('permit_mynetworks,reject')],
      ['mynetworks', filterHost],
      ['smtpd_authorized_xforward_hosts', filterHost],
      ['smtpd_tls_security_level', new Fixed('none')],
    ]));
  }
  m.blank();
  m.comment('Postfix\'s internal services (master(5); the set of Postfix 3.7\'s own master.cf without local delivery).');
  for (const s of [
    svc('pickup', 'unix', 'n', '60', '1', 'pickup'),
    svc('cleanup', 'unix', 'n', '-', '0', 'cleanup'),
    svc('qmgr', 'unix', 'n', '300', '1', 'qmgr'),
    svc('tlsmgr', 'unix', '-', '1000?', '1', 'tlsmgr'),
    svc('rewrite', 'unix', '-', '-', '-', 'trivial-rewrite'),
    svc('bounce', 'unix', '-', '-', '0', 'bounce'),
    svc('defer', 'unix', '-', '-', '0', 'bounce'),
    svc('trace', 'unix', '-', '-', '0', 'bounce'),
    svc('verify', 'unix', '-', '-', '1', 'verify'),
    svc('flush', 'unix', 'n', '1000?', '0', 'flush'),
    svc('proxymap', 'unix', '-', '-', '-', 'proxymap'),
    svc('proxywrite', 'unix', '-', '-', '1', 'proxymap'),
    svc('smtp', 'unix', '-', '-', '-', 'smtp'),
    // relay_transport: mail for relay_domains has its own queue, so a slow member server does not hold up other mail.
    svc('relay', 'unix', '-', '-', '-', 'smtp'),
    svc('showq', 'unix', 'n', '-', '-', 'showq'),
    svc('error', 'unix', '-', '-', '-', 'error'),
    svc('retry', 'unix', '-', '-', '-', 'error'),
    svc('discard', 'unix', '-', '-', '-', 'discard'),
    svc('anvil', 'unix', '-', '-', '1', 'anvil'),
    svc('scache', 'unix', '-', '-', '1', 'scache'),
    svc('postlog', 'unix-dgram', 'n', '-', '1', 'postlogd'),
  ]) m.service(s);

  // --- commands -------------------------------------------------------------------------------------------------
  const files: MailRelayFile[] = [
    { path: `${dir}/main.cf`, content: w.text(), mode: '0644' },
    { path: `${dir}/master.cf`, content: m.text(), mode: '0644' },
    { path: relayDomainsPath, content: relayDomains.text(), mode: '0644' },
    { path: transportPath, content: transport.text(), mode: '0644' },
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    files,
    packageCommands: [
      // Debian's postfix asks which "mail server configuration type" to set up; "No configuration" leaves main.cf alone.
      'echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postfix',
    ],
    activateCommands: [
      `postmap -c ${dir} hash:${relayDomainsPath}`,
      `postmap -c ${dir} hash:${transportPath}`,
      `postfix -c ${dir} check`,
      'systemctl restart postfix',
    ],
  };
}
