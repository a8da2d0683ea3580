import {
  appliedIpsProblem, arrivalTraffic, BLOCKING_ACTIONS, breakoutFirewalls, declaredIdsAppliance, DECLARE_APPLIANCE, hasIpsSignature, headerFields,
  ipsAddressProblem, ipsAheadProblem, isManagedThreatSignatures, isPassRule, MANAGED_THREAT_GROUPS, portItems,
} from './alpha-prime';
import { arrivalsFrom } from './paths';
import { segmentOfLabel } from './placement';
import { aroundTheProxyFindings, breakoutProxyConfigs } from './proxy-exits';
import { CloudServiceCatalogue } from '../../model/catalogue';
import { Ipv4Cidr } from '../../model/cidr';
import { CloudServiceCategory, CloudServiceDefinition, TenantHeader, TenantRestriction } from '../../model/cloud-service';
import { domainProblems, patternCovers, patternsOverlap } from '../../model/domains';
import { HostRole } from '../../model/flows';
import { AlphaPrimeCase, NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { tenantHeaderValueMatches } from '../../model/validate-breakout';
import { squidConfiguration } from '../boot-script';
import { deref, describeRef, FirewallPolicyNode, InstanceCommandNode, LaunchImageNode, nodesOf, Ref, RuleGroupNode, TopologyGraph, UserDataNode } from '../graph';
import { memoizeBounded } from '../memo';
import { posixToJs } from '../posix-regex';
import { Arrival } from '../reachability';
import { bi, Bilingual, finding, Finding, GuardContext, GuardRule, Severity } from '../rule';
import { loadedRules } from '../suricata-rules';
import { nameOf, workloadSubnetsIn } from '../topology';

/*
 * The controls the MIC deck (seed 002) asks of the α′ breakout besides the firewall itself (AP-1/AP-2):
 * tenant access control (AP-3), IDS/IPS (AP-4), TLS only (AP-5) and the case イ/ウ file controls (AP-6).
 * All of them are read from what was synthesized: the firewall policies and rule groups of the LGWAN VPC, and
 * the proxy configuration inside launch-template / instance user data.
 */

/** The rule groups a policy references that are in the synthesized output. */
function groupsOf(graph: TopologyGraph, policy: FirewallPolicyNode | undefined): RuleGroupNode[] {
  return (policy?.ruleGroups ?? []).map((r) => deref<RuleGroupNode>(graph, r)).filter((g): g is RuleGroupNode => g?.type === 'rule-group');
}

/** Every domain the breakout firewalls allow (Network Firewall notation: `.example.com` = the domain and below). */
function allowListed(graph: TopologyGraph): string[] {
  return [...new Set(breakoutFirewalls(graph).flatMap(({ policy }) => groupsOf(graph, policy))
    .filter((g) => g.domainList?.generatedRulesType === 'ALLOWLIST').flatMap((g) => g.domainList!.targets))].sort();
}

/** An allow-list target in our notation: `.example.com` is the apex and `*.example.com`. */
function ourPatterns(target: string): string[] {
  return target.startsWith('.') ? [target.slice(1), `*${target}`] : [target];
}

/** A host a pattern stands for when the guard asks the proxy about it: the name itself, or a probe under `*.x`. */
function probeHost(pattern: string): string {
  return pattern.startsWith('*.') ? `jichitai-probe${pattern.slice(1)}` : pattern;
}

/**
 * The allow-listed places where one of `patterns` applies: for each allow-list target overlapping one of them, the
 * narrower of the two (a host, or a `*.x` pattern).
 */
function allowListedWithin(targets: readonly string[], patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const t of targets.flatMap(validPatterns)) {
    for (const p of patterns) if (patternsOverlap(t, p)) out.add(patternCovers(t, p) ? p : t);
  }
  return [...out].sort();
}

/** Our patterns of an allow-list target that are well-formed domains, per target: asked once per catalogue service. */
const validPatterns = memoizeBounded(5_000, (target): readonly string[] => ourPatterns(target).filter((t) => domainProblems(t).length === 0));

// ---------------------------------------------------------------------------------------------------------------------
// A reader for the Squid configuration in user data, enough to decide, for one host, what the proxy does with it: the
// ACL types the library writes (and their close relatives), the first-match rule lists of ssl_bump,
// request_header_access, http_reply_access and adaptation_access, and the ICAP services (case ウ, below). Whatever it cannot evaluate (other ACL types, ACL files, regular
// expressions JavaScript reads differently) is unknown, and unknown never counts as compliant.
// https://www.squid-cache.org/Doc/config/acl/

/** The first five of `items`, and how many more, as the findings word a long list of places. */
function firstFive(items: readonly string[]): Bilingual {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? bi(`${shown} and ${items.length - 5} more`, `${shown} ほか ${items.length - 5} 件`) : bi(shown, shown);
}

/** Three-valued: true, false, or undefined when the guard cannot tell. */
type Tri = boolean | undefined;

/** What the guard asks about: a request to (or a TLS handshake for) `host`, and optionally its reply. */
export interface Facts {
  readonly host: string;
  /** The SslBump step the question is asked at (`at_step`), for `ssl_bump`'s rules; none: `at_step` is unknown. */
  readonly step?: 1 | 2 | 3;
  /** A reply: its `Content-Disposition`, its `Content-Type` (none: the header is absent) and its status code. */
  readonly reply?: { readonly contentDisposition?: string; readonly mimeType?: string; readonly status: number };
}

interface AclLine {
  readonly type: string;
  /** The flags (`-i`…); for `rep_header`, the header name first. */
  readonly flags: readonly string[];
  readonly values: readonly string[];
}

/** One squid.conf: ACL definitions by name (repeated lines add values) and the directives in order, as words. */
export interface SquidConf {
  readonly acls: ReadonlyMap<string, readonly AclLine[]>;
  readonly directives: readonly (readonly string[])[];
  /**
   * Why the guard cannot tell which directives Squid loads: a conditional or an included file (`parseSquid`), or a boot
   * script it does not recognise (`squidConfiguration`). Then nothing about the configuration counts as compliant.
   */
  readonly unreadable?: Bilingual;
}

/**
 * squid.conf's preprocessor lines: `if <expression>` … `endif` choose lines by a condition the guard does not evaluate
 * (`if false` hides what it holds; an expression is `true`, `false` or an integer comparison, `${process_number}`
 * substituted), and `include` loads a file it does not read. The user data is a whole boot script, so a shell `if
 * [[ … ]]; then` is none of these (a lone `else` is Squid's only after an `if`, which this already catches).
 * https://www.squid-cache.org/Doc/config/ (Conditional configuration; include)
 */
function preprocessorLine(w: readonly string[]): boolean {
  if (w[0] === 'endif' || w[0] === 'include') return true;
  return w[0] === 'if' && /^if\s+(true|false|\S+\s*=\s*\S+)$/.test(w.join(' ')) && !w.some((x) => x.includes(';') || x === 'then' || x.startsWith('['));
}

/** The buffer Squid reads squid.conf lines into (fgets, BUFSIZ: 8192 on glibc, the terminating NUL included). */
const SQUID_LINE_BYTES = 8192;

/** A squid.conf line as Squid splits it: whitespace-separated words, `"…"` quoted; a word starting with `#` ends the line. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"(?:[^"\\]|\\.)*"|\S+/g)) {
    if (m[0].startsWith('#')) break;
    out.push(m[0]);
  }
  return out;
}

/**
 * A squid.conf as the guard reads it: the directives as words, ACL definitions by name (lower case), and why the guard
 * cannot tell what Squid loads (`unreadable`). Exported for the differential test against the real Squid
 * (test/integration/squid-reading.test.ts).
 */
export function parseSquid(text: string): SquidConf {
  const acls = new Map<string, AclLine[]>();
  const directives: string[][] = [];
  let unreadable: Bilingual | undefined;
  // Lines as Squid's parseOneConfigFile (src/cache_cf.cc) makes them: it reads with fgets into a BUFSIZ buffer, so a
  // longer line is cut into lines of its own (refused: the guard would read the pieces as one); ends a line at a
  // carriage return; strips the leading blanks; skips a comment line (first character `#`) and an empty one BEFORE it
  // joins a line ending in a backslash with the next, so a comment between them does not end the directive; trims the
  // trailing blanks of the joined line.
  const lines: string[] = [];
  let pending: string | undefined;
  for (const raw of text.split('\n')) {
    if (Buffer.byteLength(raw) >= SQUID_LINE_BYTES) {
      unreadable ??= bi(`a line of the configuration is longer than Squid reads at once (${SQUID_LINE_BYTES - 1} bytes), so Squid reads its rest as a line of its own`,
        `設定の行が Squid が一度に読む長さ（${SQUID_LINE_BYTES - 1} バイト）を超えていて、Squid は残りを別の行として読む`);
    }
    const l = raw.replace(/\r.*$/, '').replace(/^[ \t\v\f]+/, '');
    if (l.startsWith('#') || l === '') continue;
    const joined = (pending ?? '') + l;
    if (joined.endsWith('\\')) {
      pending = joined.slice(0, -1);
      continue;
    }
    lines.push(joined.replace(/[ \t\v\f]+$/, ''));
    pending = undefined;
  }
  if (pending !== undefined) {
    unreadable ??= bi('the configuration ends in a line continued with a backslash', '設定がバックスラッシュで継続する行で終わっている');
  }
  for (const line of lines) {
    const w = words(line.trim());
    if (w.length === 0) continue;
    if (preprocessorLine(w)) {
      unreadable ??= bi(`the configuration holds "${w.join(' ')}", so the guard cannot tell which directives Squid loads`,
        `設定に "${w.join(' ')}" があり、Squid がどのディレクティブを読み込むかガードが判断できない`);
    }
    directives.push(w);
    if (w[0] === 'acl' && w.length >= 3) {
      const [, name, type, ...rest] = w;
      const flags: string[] = [];
      // rep_header and req_header name the header before their flags and values.
      if (type === 'rep_header' || type === 'req_header') flags.push(rest.shift() ?? '');
      // Options come before the values: `-i`, `-n`, and the long ones (`--client-requested` of ssl::server_name).
      while (rest.length > 0 && /^(-[a-zA-Z]|--[a-z][a-z-]*)$/.test(rest[0])) flags.push(rest.shift()!);
      // Squid finds an ACL by its name in any case (ACL::FindByName, strcasecmp): `NO_BUMP` adds to `no_bump`.
      const key = name.toLowerCase();
      acls.set(key, [...(acls.get(key) ?? []), { type, flags, values: rest }]);
    }
  }
  return { acls, directives, unreadable };
}

/** Translated expressions, keyed by the flag (`i` or `-`) and the source: the same few ACL values recur in every stack. */
const translatedRegex = memoizeBounded(5_000, (key) => posixToJs(key.slice(1), key[0] === 'i'));

/**
 * A POSIX extended regular expression (Squid compiles ACL values with glibc's regcomp) as a JavaScript one that matches
 * the same strings; undefined where the guard cannot be sure the two agree (`posix-regex.ts`: `\x2e` is a dot to
 * JavaScript and an `x` to glibc, so a bump ACL written so would match nothing in Squid).
 */
function posixRegex(source: string, ignoreCase: boolean): RegExp | undefined {
  return translatedRegex(`${ignoreCase ? 'i' : '-'}${source}`);
}

const anyOf = (xs: Tri[]): Tri => (xs.some((x) => x === true) ? true : xs.every((x) => x === false) ? false : undefined);
const allOf = (xs: Tri[]): Tri => (xs.some((x) => x === false) ? false : xs.every((x) => x === true) ? true : undefined);

// The verdict lists that anyOf / allOf take, and the rule lists of firstMatch, are pushed, not mapped: an optimized
// `map` returns a holey array, the interpreter's a packed one, and the optimized anyOf / allOf / firstMatch were thrown
// away when the second shape reached them ('wrong map').

/** The verdicts of the named ACLs, in order. */
function verdictsOf(conf: SquidConf, names: readonly string[], facts: Facts, seen?: ReadonlySet<string>): Tri[] {
  const out: Tri[] = [];
  for (const n of names) out.push(aclMatches(conf, n, facts, seen));
  return out;
}

/** A first-match rule: its action and the ACLs that must all match. */
interface SquidRule {
  readonly action: string;
  readonly acls: readonly string[];
}

/** The rule a directive's words give, the action at `at` and the ACLs after it. */
function ruleAt(d: readonly string[], at: number): SquidRule {
  return { action: d[at], acls: d.slice(at + 1) };
}

function regexVerdicts(line: AclLine, subject: string): Tri[] {
  const out: Tri[] = [];
  // glibc compares bytes or locale characters where JavaScript compares UTF-16 units: a subject beyond ASCII is unknown.
  const ascii = /^[\x01-\x7f]*$/.test(subject);
  for (const v of line.values) out.push(ascii ? posixRegex(v, line.flags.includes('-i'))?.test(subject) : undefined);
  return out;
}

/**
 * The ACL types the guard evaluates (`aclLineMatches`); any other type (`src`, `port`, `method`…) is unknown whatever its
 * values, which is why `judgedShape` may leave those values out.
 */
const EVALUATED_ACL_TYPES: ReadonlySet<string> = new Set(['dstdomain', 'ssl::server_name', 'dstdom_regex', 'ssl::server_name_regex',
  'any-of', 'all-of', 'rep_header', 'rep_mime_type', 'http_status', 'at_step']);

/** The ssl::server_name option that matches the name the client asked for (SNI, else the CONNECT host) only. */
const CLIENT_REQUESTED = '--client-requested';

function aclLineMatches(conf: SquidConf, line: AclLine, facts: Facts, seen: ReadonlySet<string>): Tri {
  if (!EVALUATED_ACL_TYPES.has(line.type)) return undefined;
  const host = facts.host.toLowerCase();
  const regexes = (subject: string | undefined): Tri => (subject === undefined ? undefined
    : anyOf(regexVerdicts(line, subject)));
  // A quoted value names a file of values, which the guard does not read. An option other than -i (case) and -n (no DNS)
  // changes what the ACL matches (`--server-provided` asks for a name the server has not yet sent at step 2), and a
  // value that starts with `-` may be one Squid reads as an option: unknown.
  if (line.values.length === 0 || line.values.some((v) => v.startsWith('"') || v.startsWith('-'))) return undefined;
  const options = line.type === 'rep_header' || line.type === 'req_header' ? line.flags.slice(1) : line.flags;
  const serverName = line.type === 'ssl::server_name' || line.type === 'ssl::server_name_regex';
  if (options.some((f) => f !== '-i' && f !== '-n' && !(serverName && f === CLIENT_REQUESTED))) return undefined;
  // Once Squid has the server's certificate — every request and reply inside a bumped connection —, an ssl::server_name
  // ACL without --client-requested matches when ANY name of that certificate (its CN or a subjectAltName) does, whatever
  // host was asked for (src/acl/ServerName.cc, Acl::ServerNameCheck::match; https://www.squid-cache.org/Doc/config/acl/,
  // "ssl::server_name"): which names a cloud service's certificate holds is not in the configuration, so the answer is
  // unknown there. ssl_bump's questions (`facts.step`) come before the certificate; so does every question about
  // --client-requested, which matches the SNI or the CONNECT host only. Found by the differential test against the real
  // Squid (test/integration/squid-judgment.test.ts): `http_reply_access allow <ssl::server_name a.test>` let replies from
  // www.a.test through, whose certificate also names a.test.
  if (serverName && facts.step === undefined && !options.includes(CLIENT_REQUESTED)) return undefined;
  switch (line.type) {
    case 'dstdomain':
    case 'ssl::server_name':
      // ".example.com" is the domain and every subdomain; a plain name is that host.
      return line.values.some((v) => {
        const d = v.toLowerCase();
        return d.startsWith('.') ? host === d.slice(1) || host.endsWith(d) : host === d;
      });
    case 'dstdom_regex':
    case 'ssl::server_name_regex':
      return regexes(host);
    case 'any-of':
      return anyOf(verdictsOf(conf, line.values, facts, seen));
    case 'all-of':
      return allOf(verdictsOf(conf, line.values, facts, seen));
    case 'rep_header':
      return facts.reply && line.flags[0]?.toLowerCase() === 'content-disposition' ? regexes(facts.reply.contentDisposition ?? '') : undefined;
    case 'rep_mime_type':
      // An absent Content-Type is matched as empty text (Squid's reply header ACLs, src/acl/HttpHeaderData.cc).
      return facts.reply ? regexes(facts.reply.mimeType ?? '') : undefined;
    case 'http_status':
      return facts.reply ? statusMatches(line.values, facts.reply.status) : undefined;
    case 'at_step': {
      // SslBump1 (before the SNI), SslBump2 (after peeking at it), SslBump3 (after the server's certificate).
      // https://www.squid-cache.org/Doc/config/acl/ (at_step)
      const steps = line.values.map((v) => /^SslBump([123])$/.exec(v)?.[1]);
      return facts.step === undefined || steps.some((x) => x === undefined) ? undefined : steps.includes(String(facts.step));
    }
    default:
      return undefined;
  }
}

/**
 * Whether a reply status is one of an `http_status` ACL's values: a code (`200`), a range (`301-303`) or an open range
 * (`500-`), https://www.squid-cache.org/Doc/config/acl/ ("http_status 200 301 500- 400-403"); a value of another form is
 * unknown.
 */
function statusMatches(values: readonly string[], status: number): Tri {
  const verdicts: Tri[] = [];
  for (const v of values) {
    const m = /^(\d{3})(?:(-)(\d{3})?)?$/.exec(v);
    if (!m) verdicts.push(undefined);
    else verdicts.push(m[2] === undefined ? status === Number(m[1]) : status >= Number(m[1]) && (m[3] === undefined || status <= Number(m[3])));
  }
  return anyOf(verdicts);
}

/**
 * What the guard's answers about a configuration depend on, as text: every directive in order, with the values of the
 * ACL types it does not evaluate left out (a `src` ACL is unknown whatever addresses it lists), and whether it can be
 * read. The proxies of an app's municipalities differ only in their clients' addresses, so they share one shape, and
 * the answers worked out for one (the download probes of AP-6: a dozen replies on every allow-listed host of a tool)
 * hold for all (`sameAnswer`).
 */
const SHAPES = new WeakMap<SquidConf, string>();

function judgedShape(conf: SquidConf): string {
  let shape = SHAPES.get(conf);
  if (shape === undefined) {
    const lines: string[] = [conf.unreadable ? 'unreadable' : 'read'];
    for (const d of conf.directives) {
      // `acl <name> <type> …`: the type decides whether the rest is read (as `parseSquid` files the line).
      lines.push((d[0] === 'acl' && d.length >= 3 && !EVALUATED_ACL_TYPES.has(d[2]) ? d.slice(0, 3) : d).join('\u0000'));
    }
    SHAPES.set(conf, shape = lines.join('\u0001'));
  }
  return shape;
}

/** Answers by configuration shape and question, bounded (a long-running process meets many shapes). */
const ANSWERS = new Map<string, Map<string, unknown>>();
const ANSWERS_LIMIT = 64;

function answersFor(conf: SquidConf): Map<string, unknown> {
  const shape = judgedShape(conf);
  let answers = ANSWERS.get(shape);
  if (!answers) {
    if (ANSWERS.size >= ANSWERS_LIMIT) ANSWERS.clear();
    ANSWERS.set(shape, answers = new Map());
  }
  return answers;
}

/** `compute()`, the answer to `question` about `conf`, once per configuration shape (`judgedShape`). */
function sameAnswer<T>(conf: SquidConf, question: string, compute: () => T): T {
  const answers = answersFor(conf);
  if (answers.has(question)) return answers.get(question) as T;
  const answer = compute();
  answers.set(question, answer);
  return answer;
}

function aclMatches(conf: SquidConf, name: string, facts: Facts, seen?: ReadonlySet<string>): Tri {
  if (seen) return evaluateAcl(conf, name, facts, seen);
  const key = ['acl', name, facts.host, String(facts.step ?? 0), facts.reply ? `${facts.reply.contentDisposition ?? '\u0001'}\u0000${facts.reply.mimeType ?? '\u0001'}\u0000${facts.reply.status}` : '\u0002'].join('\u0000');
  return sameAnswer(conf, key, () => evaluateAcl(conf, name, facts, new Set()));
}

function evaluateAcl(conf: SquidConf, name: string, facts: Facts, seen: ReadonlySet<string>): Tri {
  if (name.startsWith('!')) {
    const v = aclMatches(conf, name.slice(1), facts, seen);
    return v === undefined ? undefined : !v;
  }
  const key = name.toLowerCase();
  const lines = conf.acls.get(key);
  // `all` is Squid's predefined ACL (every address); any other name without a definition is unknown.
  if (!lines) return key === 'all' ? true : undefined;
  if (seen.has(key) || lines.some((l) => l.type !== lines[0].type)) return undefined;
  const inner = new Set([...seen, key]);
  const verdicts: Tri[] = [];
  for (const l of lines) verdicts.push(aclLineMatches(conf, l, facts, inner));
  return anyOf(verdicts);
}

/** The action of the first rule of a first-match list that applies: `none` if none does, `unknown` if one may or may not. */
function firstMatch(conf: SquidConf, rules: readonly SquidRule[], facts: Facts): string {
  for (const r of rules) {
    const m = allOf(verdictsOf(conf, r.acls, facts));
    if (m === false) continue;
    return m === true ? r.action : 'unknown';
  }
  return 'none';
}

/**
 * What `ssl_bump` does with a TLS connection to the host: asked at step 1 (the CONNECT), where a `splice`, `bump` or
 * `terminate` is final ("splice ... at step 1" ends the decision there) and only a `peek` or `stare` goes on to step 2,
 * whose SNI is the host (the step-1 peek read it): every rule is asked again at each step, so a `peek` or `stare` that
 * still matches at step 2 is the answer, and peeking then rules out bumping ("Peeking at the server certificate (during
 * step 2) usually precludes bumping of the connection at step 3"); only a rule held to step 1 (`at_step SslBump1`) stays
 * behind. An unreadable configuration is `unknown`. https://www.squid-cache.org/Doc/config/ssl_bump/
 */
function bumpAction(conf: SquidConf, facts: Facts): string {
  // Asked of every allow-listed host by AP-1, AP-3 and AP-6, alike for every proxy of the same shape.
  if (facts.step === undefined && facts.reply === undefined) return sameAnswer(conf, `bump\u0000${facts.host}`, () => bumpActionOf(conf, facts));
  return bumpActionOf(conf, facts);
}

function bumpActionOf(conf: SquidConf, facts: Facts): string {
  if (conf.unreadable) return 'unknown';
  // Squid asks ssl_bump only of connections that arrive on a port with the ssl-bump flag; on any other port a CONNECT is
  // tunnelled as it comes. Clients may use every port the proxy listens on, so each must bump.
  // https://www.squid-cache.org/Doc/config/http_port/ (ssl-bump)
  const ports = conf.directives.filter((d) => d[0] === 'http_port' || d[0] === 'https_port');
  if (ports.length === 0 || ports.some((d) => !d.slice(2).includes('ssl-bump'))) return 'none';
  const rules: SquidRule[] = [];
  for (const d of conf.directives) if (d[0] === 'ssl_bump') rules.push(ruleAt(d, 1));
  const first = firstMatch(conf, rules, { ...facts, step: 1 });
  return first === 'peek' || first === 'stare' ? firstMatch(conf, rules, { ...facts, step: 2 }) : first;
}

/**
 * Whether a client's copy of the header is deleted on requests to the host: the `request_header_access` rules for the
 * header's name decide, or, if there are none, those for `All` (https://www.squid-cache.org/Doc/config/request_header_access/).
 */
function deletesClientCopy(conf: SquidConf, header: string, facts: Facts): boolean {
  const rulesFor = (name: string) => {
    const rules: SquidRule[] = [];
    for (const d of conf.directives) if (d[0] === 'request_header_access' && d[1]?.toLowerCase() === name.toLowerCase()) rules.push(ruleAt(d, 2));
    return rules;
  };
  const own = rulesFor(header);
  return firstMatch(conf, own.length > 0 ? own : rulesFor('All'), facts) === 'deny';
}

/**
 * Whether a value of the proxy's own is added to requests to the host (`request_header_add`: every matching line
 * applies): a literal, since Squid expands `%` macros inside a quoted value ("%macros are processed"), and
 * `%>h{name}` is the client's own copy of a header. https://www.squid-cache.org/Doc/config/request_header_add/
 */
function addsValue(conf: SquidConf, header: string, facts: Facts, scheme?: TenantHeader): boolean {
  return conf.directives.some((d) => d[0] === 'request_header_add' && d[1]?.toLowerCase() === header.toLowerCase()
    && /^"[^"%]*[^"\s%][^"%]*"$/.test(d[2] ?? '') && !/\{(tenants|directoryId|policyId)\}/.test(d[2])
    // A catalogue scheme's header holds what its template gives for well-formed tenant settings (REQUIREMENTS AP-3 rev:
    // tenant IDs present and well-formed): a value such as "x" names no tenant.
    && (scheme === undefined || tenantHeaderValueMatches(scheme, d[2].slice(1, -1)))
    && allOf(verdictsOf(conf, d.slice(3), facts)) === true);
}

/** What `http_reply_access` does with a reply from the host. */
function replyAction(conf: SquidConf, facts: Facts): string {
  const rules: SquidRule[] = [];
  for (const d of conf.directives) if (d[0] === 'http_reply_access') rules.push(ruleAt(d, 1));
  return firstMatch(conf, rules, facts);
}

/**
 * AWS's own SSM documents that run no command of the user's and install nothing from a source of the user's:
 * inventory, the agent's own update. Not patching: AWS-RunPatchBaseline installs from the sources a patch baseline
 * (or its BaselineOverride parameter) names, whose packages run scripts as root.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-command-ssm-plugin-reference.html
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager-alternative-source-repository.html
 */
const CONFIG_KEEPING_DOCUMENTS: ReadonlySet<string> = new Set(['AWS-GatherSoftwareInventory', 'AWS-UpdateSSMAgent']);

/**
 * The images whose Squid the boot scripts know: AWS's public parameters for Amazon Linux 2023 (no Squid until `dnf
 * install`) and Debian (its package starts Squid, and the script restarts it). Any other image may hold a Squid that
 * is already running, or a service unit that loads another file.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-public-parameters-ami.html
 * https://wiki.debian.org/Cloud/AmazonEC2Image (SSM parameters under /aws/service/debian)
 */
const PUBLIC_IMAGE = /^resolve:ssm:\/aws\/service\/(ami-amazon-linux-latest\/al2023-ami-(kernel-default|kernel-6\.\d+|minimal-kernel-default)-(x86_64|arm64)|debian\/release\/(12|bookworm)\/latest\/(amd64|arm64))$/;

/** Parsed configurations per graph: four rules read them. */
const CONFIGS = new WeakMap<TopologyGraph, { node: UserDataNode; conf: SquidConf }[]>();

/**
 * The Squid configurations found in user data: every script that configures `http_port`, a proxy. What Squid loads is
 * the squid.conf the script writes, when the guard recognises the script (`squidConfiguration`); otherwise the whole
 * script is read as before, marked unreadable, so that nothing in it counts as compliant.
 */
export function proxyConfigs(graph: TopologyGraph): { node: UserDataNode; conf: SquidConf }[] {
  let configs = CONFIGS.get(graph);
  if (!configs) {
    configs = [];
    // Commands run on instances after boot may rewrite squid.conf: then no configuration is what Squid loads for sure.
    const later = nodesOf(graph, 'instance-command').find((c) => c.document === undefined || !CONFIG_KEEPING_DOCUMENTS.has(c.document));
    // Launchers that boot a template on an image of their own (one naming a template the guard cannot resolve may boot any).
    const launchImages = nodesOf(graph, 'launch-image');
    for (const node of nodesOf(graph, 'user-data')) {
      const whole = parseSquid(node.text);
      if (!whole.directives.some((d) => d[0] === 'http_port')) continue;
      const script = squidConfiguration(node.text);
      const conf = script.kind === 'read' ? parseSquid(script.text) : {
        ...whole,
        unreadable: bi(`the guard cannot tell from the boot script which configuration Squid loads: ${script.why.en}`,
          `ブートスクリプトから、Squid が読み込む設定をガードが判断できない: ${script.why.ja}`),
      };
      // What else the guard cannot tell Squid loads: an image it does not know, commands run after boot.
      const launcher = node.resourceType !== 'launch-template' ? undefined : launchImages
        .find((l) => (l.template.kind !== 'node' || l.template.id === node.id) && !PUBLIC_IMAGE.test(l.image ?? ''));
      const why = conf.unreadable ? undefined : !PUBLIC_IMAGE.test(node.image ?? '') ? imageReason(node.image)
        : launcher ? imageReason(launcher.image, launcher) : later ? laterReason(later) : undefined;
      configs.push({ node, conf: why ? { ...conf, unreadable: why } : conf });
    }
    CONFIGS.set(graph, configs);
  }
  return configs;
}

/** Why a proxy's image (its own, or the one a launcher boots its template on) keeps the guard from telling what Squid loads. */
function imageReason(image: string | undefined, launcher?: LaunchImageNode): Bilingual {
  const who = launcher && `${launcher.resourceType} ${launcher.id.replace(/#.*/, '')}`;
  const which = launcher?.template.kind === 'node' ? undefined : launcher && describeRef(launcher.template);
  const by = !launcher ? { en: '', ja: '' } : {
    en: ` (${who} launches ${which === undefined ? 'the template' : `launch template ${which}, which may be this one,`} on it)`,
    ja: `（${who} が${which === undefined ? 'テンプレート' : `起動テンプレート ${which}（このテンプレートでありうる）`}をそのイメージで起動する）`,
  };
  return bi(`the instances boot ${image ? `image ${image}` : 'an image the output does not name'}${by.en}, not an AWS public Amazon Linux 2023 or Debian image `
    + 'parameter: the guard cannot tell that its Squid and service unit load the written squid.conf afresh (an image may hold a Squid already running, '
    + 'or a unit with -f)',
  `インスタンスが ${image ? `イメージ ${image}` : '合成結果が示さないイメージ'} で起動し${by.ja}、AWS 公開の Amazon Linux 2023・Debian のイメージパラメータではない。`
    + 'その Squid とサービスユニットが書いた squid.conf を新たに読み込むとガードは判断できない（既に動いている Squid や -f を持つユニットがありうる）');
}

/** Why commands run on instances after boot keep the guard from telling what Squid loads. */
function laterReason(later: InstanceCommandNode): Bilingual {
  const what = `${later.resourceType} ${later.id}${later.document ? ` (document ${later.document})` : ''}`;
  return bi(`${what} runs commands on instances after they boot, which may rewrite squid.conf`, `${what} が起動後のインスタンスでコマンドを実行し、squid.conf を書き換えうる`);
}

/** The catalogue's tenant-restriction schemes (`all()` holds Entra v1 too, which a user may still run), with their service. */
function tenantSchemes(): { service: CloudServiceDefinition; scheme: TenantRestriction }[] {
  return CloudServiceCatalogue.all().filter((s) => s.tenantRestriction).map((service) => ({ service, scheme: service.tenantRestriction! }));
}

/** AP-3: tenant access control for every allow-listed service that supports it (cases イ/ウ). */
export const AP3: GuardRule = {
  id: 'AP-3',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'テナントアクセス制御',
  summary: 'Cases イ/ウ: every allow-listed service that supports tenant restriction passes a TLS-intercepting proxy that deletes the client\'s copy of '
    + 'its header and adds the configured tenant value — every proxy that may relay to the breakout, read from the squid.conf its boot script '
    + 'writes (a script the guard does not recognise is unreadable) —, and no LGWAN subnet but a proxy\'s own reaches out around it (only the '
    + 'catalogue\'s meeting-media ranges); a communication tool without a header scheme (or a place no catalogue service lists) needs '
    + 'an acknowledgement naming the service-side setting.',
  check(ctx: GuardContext) {
    // Without a case (a caller of the library that gave none: TopologyGuard.apply and the CLI refuse that) the control is
    // required, as in the cases that allow communication tools: fail closed.
    if (ctx.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES) return [];
    const targets = allowListed(ctx.graph);
    // Every proxy that relays to the breakout must apply the control: a terminal may be sent to any of them.
    const configs = breakoutProxyConfigs(ctx);
    const where = configs[0] ? nameOf(ctx.graph, configs[0].node.id) : breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
    // A configuration the guard cannot read complies with nothing: the findings say why.
    const unread = configs.find((c) => c.conf.unreadable)?.conf.unreadable;
    const findings: Finding[] = aroundTheProxyFindings(this, ctx, bi('the proxy\'s tenant headers', 'プロキシのテナントヘッダー'));
    const schemes = tenantSchemes();
    // Per host: every allow-listed place where a catalogue scheme applies must be bumped, and there the proxy must
    // delete the client's copy of each of the scheme's headers and add its own value, with ACLs matching that host
    // (a header of the same name added for another host does not count).
    const places = allowListedWithin(targets, [...new Set(schemes.flatMap((s) => s.scheme.hosts))]);
    const missing = new Map<string, { ja: string; places: string[] }>();
    for (const place of places) {
      const candidates = schemes.filter((s) => s.scheme.hosts.some((h) => patternsOverlap(h, place)));
      const facts: Facts = { host: probeHost(place) };
      const done = configs.length > 0 && configs.every(({ conf }) => candidates.some((c) => bumpAction(conf, facts) === 'bump'
        && c.scheme.headers.every((h) => deletesClientCopy(conf, h.name, facts) && addsValue(conf, h.name, facts, h))));
      if (!done) {
        const labels = [...new Set(candidates.map((c) => `${c.service.name} (${c.scheme.headers.map((h) => h.name).join(', ')})`))];
        const label = labels.join(' or ');
        missing.set(label, { ja: labels.join(' または '), places: [...(missing.get(label)?.places ?? []), place] });
      }
    }
    // In the order of the entries as text (`label,place,…`), as the English output has always been.
    const key = ([label, m]: [string, { places: string[] }]) => [label, ...m.places].join(',');
    for (const [label, { ja: labelJa, places: missed }] of [...missing].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0))) {
      findings.push(finding(this, where,
        configs.length === 0
          ? bi(`${missed.join(', ')} ${missed.length > 1 ? 'are' : 'is'} allow-listed, but no tenant-restriction proxy configuration is in the synthesized output for ${label}`,
            `${missed.join(', ')} を許可リストに載せているが、${labelJa} のテナント制限を行うプロキシの設定が合成結果にない`)
          : bi(`the proxy does not bump ${missed.join(', ')} and replace the client's tenant header there for ${label}${unread ? ` (${unread.en})` : ''}`,
            `プロキシが ${missed.join(', ')} の TLS を復号（bump）して、クライアントが送った ${labelJa} のテナントヘッダーを置き換えていない${unread ? `（${unread.ja}）` : ''}`),
        bi('list the service with its tenant settings in breakout.services and give breakout.tenantProxy (the proxy bumps each sign-in host, deletes '
          + 'client-sent copies of the header and adds yours, with ACLs matching that host)',
        'サービスをテナント設定とともに breakout.services に挙げ、breakout.tenantProxy を指定する（プロキシがサインインの各ホストの TLS を復号し、'
          + 'そのホストに一致する ACL で、クライアントが送ったヘッダーを削除して自団体の値を付与する）')));
    }
    findings.push(...withoutTenantControl(this, ctx, targets, configs, where));
    return findings;
  },
};

/**
 * AP-3's other half: seed 002 lists テナントアクセス制御 for cases イ and ウ without exception, so a communication tool with
 * no header scheme (Zoom, Box: the catalogue says so) is a finding that only an acknowledgement naming the service-side
 * setting can accept. An allow-listed place no catalogue service lists may be a communication tool too (fail closed): it
 * passes only where the proxy bumps it and replaces some header of its own there (a scheme of the user's definition).
 */
function withoutTenantControl(
  rule: GuardRule, ctx: GuardContext, targets: readonly string[], configs: readonly { conf: SquidConf }[], where: string,
): Finding[] {
  const catalogue = CloudServiceCatalogue.all();
  const findings: Finding[] = [];
  const fix = (what: string, whatJa: string) => bi(`restrict ${what} to the municipality's tenant in the service's own settings and acknowledge AP-3 with a reason naming that `
    + 'setting (テナントアクセス制御), or remove it from the allow-list',
  `${whatJa}をサービス側の設定で自団体のテナントに限定し、その設定を理由に書いて AP-3 を例外承認する（テナントアクセス制御）か、許可リストから外す`);
  const bare = catalogue.filter((s) => s.category === CloudServiceCategory.COMMUNICATION_TOOL && !s.tenantRestriction)
    .map((s) => ({ service: s, places: allowListedWithin(targets, s.domains) })).filter((x) => x.places.length > 0);
  for (const { service, places } of bare) {
    const shown = `${places.slice(0, 3).join(', ')}${places.length > 3 ? ', …' : ''}`;
    const kase = ctx.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION ? 'ウ' : 'イ';
    findings.push(finding(rule, where, bi(`${service.name} (${shown}) is allow-listed in case `
      + `${kase}, but it has no tenant-restriction header the proxy could add`,
    `ケース（${kase}）で ${service.name}（${shown}）を許可リストに載せているが、このサービスにはプロキシが付与できるテナント制限のヘッダーがない`),
    fix(service.name, `${service.name} `)));
  }
  // In Network Firewall notation, as the targets are: `.x` holds x and everything below it.
  const known = catalogue.flatMap((s) => s.domains).map((d) => (d.startsWith('*.') ? d.slice(1) : d));
  const unknown = targets.filter((t) => !known.some((k) => k === t || (k.startsWith('.') && t.endsWith(k))))
    .flatMap(ourPatterns).filter((t) => domainProblems(t).length === 0);
  const addedHeaders = (conf: SquidConf) => [...new Set(conf.directives.filter((d) => d[0] === 'request_header_add' && d[1]).map((d) => d[1]))];
  const controlled = (place: string) => configs.length > 0 && configs.every(({ conf }) => {
    const facts: Facts = { host: probeHost(place) };
    return bumpAction(conf, facts) === 'bump' && addedHeaders(conf).some((h) => deletesClientCopy(conf, h, facts) && addsValue(conf, h, facts));
  });
  const open = [...new Set(unknown)].filter((place) => !controlled(place)).sort();
  if (open.length > 0) {
    const shown = firstFive(open);
    const other = fix('the service', 'そのサービス');
    findings.push(finding(rule, where, bi(`${shown.en} ${open.length > 1 ? 'are' : 'is'} allow-listed, `
      + 'belong to no catalogue service, and the proxy replaces no tenant header there: the guard cannot tell that the service is restricted to the municipality\'s tenant',
    `${shown.ja} を許可リストに載せているが、どのカタログサービスのものでもなく、プロキシもそこでテナントヘッダーを置き換えていない: `
      + 'サービスが自団体のテナントに限定されていることをガードが確認できない'),
    bi(`give the service's tenantRestriction scheme in its definition (the proxy then adds its header), or ${other.en}`,
      `サービスの定義に tenantRestriction の方式を書く（プロキシがそのヘッダーを付与する）か、${other.ja}`)));
  }
  return findings;
}

/** How to put the breakout's IPS ahead of what passes. */
const AHEAD_FIX = bi('give the IPS rule groups lower priority numbers than the allow-list and every group that passes, under strict order '
  + '(the library puts the managed threat signatures from 10 on, the allow-list at 400)',
'STRICT_ORDER で、IPS のルールグループに許可リストと通信を通すすべてのグループより小さい優先度番号を付ける（ライブラリはマネージドの脅威シグネチャを 10 から、許可リストを 400 に置く）');

/**
 * Why the breakout's IDS/IPS does not inspect the traffic of an LGWAN subnet that goes out through the firewall, for the
 * first such path (one finding per firewall), or undefined: among the groups AP-4 counts (`isIps`), one must apply to
 * the path's addresses and run before every group that passes (`ipsScope`, as IN-1 reads the stand-in): a signature on
 * `$HOME_NET` inspects nothing from a host outside it, and a HOME_NET no group or policy sets is the firewall VPC's CIDR.
 */
function unappliedIps(
  ctx: GuardContext, firewallId: string, policy: FirewallPolicyNode, isIps: (r: Ref) => boolean, through: readonly Arrival[],
): { problem: Bilingual; fix: Bilingual } | undefined {
  for (const a of through) {
    const traffic = arrivalTraffic(ctx, a, firewallId);
    // The managed groups are judged alone, as IN-1 and SC-2 judge them: a passing group's own drop signature above its
    // pass rules does not make up for them running behind it (hand-written rules alone count their signatures, as there).
    const applied = appliedIpsProblem(ctx.graph, firewallId, policy, traffic, isIps, isIps !== isManagedThreatSignatures);
    if (!applied) continue;
    const from = nameOf(ctx.graph, a.from);
    if ('late' in applied) {
      return {
        problem: bi(`the breakout's IDS/IPS does not inspect what subnet ${from} sends out: ${applied.late.en}`, `ブレイクアウトの IDS/IPS が、サブネット ${from} から出る通信を検査しない: ${applied.late.ja}`),
        fix: AHEAD_FIX,
      };
    }
    const why = ipsAddressProblem(firewallId, traffic, MANAGED_THREAT_GROUPS);
    return {
      problem: bi(`the breakout's IDS/IPS does not apply to what subnet ${from} sends out through firewall ${firewallId}: ${why.en}`,
        `ブレイクアウトの IDS/IPS が、サブネット ${from} からファイアウォール ${firewallId} を通って出る通信に適用されない: ${why.ja}`),
      fix: bi('give the IPS rule group (and the policy) a HOME_NET that holds the LGWAN segment\'s addresses, or write the signatures on them (the built-in IPS group\'s HOME_NET is the segment\'s block)',
        'IPS のルールグループ（とポリシー）の HOME_NET に LGWAN接続系のアドレスを含めるか、シグネチャをそのアドレスについて書く（組み込みの IPS グループの HOME_NET はセグメントのブロック）'),
    };
  }
  return undefined;
}

/**
 * AP-4: IDS/IPS on the breakout path, blocking as well as detecting (the deck: 「ネットワーク上の通信パケットを収集・解析し、
 * 不正な通信の検知及び遮断を行う」). What the guard takes as an IDS/IPS: an AWS managed threat-signature group of the breakout
 * policy without an override (signatures of known threats AWS keeps up to date), or a GWLB endpoint declared the endpoint
 * of an IDS appliance (`jichitai:inspection=IDS_IPS`) on the path. Drop rules written by hand are a filter the guard
 * cannot judge as an IDS/IPS (outside auditor: two rules on ports are no IDS/IPS): alone, they are a finding to
 * acknowledge with their source. An override (`DROP_TO_ALERT`, or one the guard cannot read) turns the group's drops
 * into alerts (https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_StatefulRuleGroupOverride.html):
 * it detects and blocks nothing, as IN-1 reads it too. The IPS must also run ahead of every group that passes and apply
 * to what goes out (`unappliedIps`): a signature on `$HOME_NET` inspects nothing from a host outside it. A path to the
 * internet that passes a declared appliance needs no IPS of the firewall's, one that does not does (an endpoint in the
 * VPC that no route leads through inspects nothing). A firewall on no such path at all is judged by its policy alone,
 * and not at all when the LGWAN VPC holds a declared appliance's endpoint.
 */
export const AP4: GuardRule = {
  id: 'AP-4',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'IDS/IPS',
  summary: 'IDS/IPS is on the breakout path and blocks what it detects: AWS managed threat-signature rule groups in the breakout firewall policy, none '
    + 'overridden to alert (DROP_TO_ALERT), that apply to the addresses the LGWAN segment sends out from (a signature on $HOME_NET inspects nothing '
    + 'outside it), ahead of the allow-list and every group that passes (strict order), or a GWLB endpoint declared an IDS appliance\'s '
    + '(tag jichitai:inspection=IDS_IPS) on the path. Drop rules written by hand alone are a finding: the guard cannot judge a rule set as an IDS/IPS, '
    + 'so the acknowledgement names its source (a vendor feed and its version).',
  check(ctx: GuardContext) {
    const lgwanVpcs = new Set(nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === Segment.LGWAN).map((v) => v.id));
    const gwlbs = nodesOf(ctx.graph, 'vpc-endpoint').filter((e) => e.endpointType === 'GatewayLoadBalancer' && e.vpc.kind === 'node' && lgwanVpcs.has(e.vpc.id));
    const declared = (id: string) => declaredIdsAppliance(ctx.graph, id);
    // The paths out of the LGWAN segment, but those a declared appliance inspects inline (its GWLB endpoint on the way).
    const out = arrivalsFrom(ctx, workloadSubnetsIn(ctx, Segment.LGWAN), (a) => a.end.kind === 'internet');
    const handWritten = (r: Ref): boolean => {
      const group = deref<RuleGroupNode>(ctx.graph, r);
      return group?.type === 'rule-group' && hasIpsSignature(group.rulesString);
    };
    const findings: Finding[] = [];
    for (const { firewall, policy } of breakoutFirewalls(ctx.graph)) {
      const where = nameOf(ctx.graph, firewall.id);
      const through = out.filter((a) => a.firewalls.includes(firewall.id));
      const bare = through.filter((a) => !ctx.reach.endpointsPassed(a).some(declared));
      if (through.length > 0 ? bare.length === 0 : gwlbs.some((e) => declared(e.id))) continue;
      // GWLB endpoints that would have counted before they had to be declared: on a bare path, or (no path) in the VPC.
      const undeclared = [...new Set(through.length > 0 ? bare.flatMap((a) => ctx.reach.endpointsPassed(a)) : gwlbs.map((e) => e.id))]
        .filter((id) => !declared(id)).map((id) => nameOf(ctx.graph, id)).sort();
      const active = (counts: (r: Ref) => boolean) => (policy?.ruleGroups ?? [])
        .some((r, i) => policy!.ruleGroupOverrides[i] === undefined && counts(r));
      let isIps = isManagedThreatSignatures;
      if (!active(isManagedThreatSignatures)) {
        const appliance = undeclared.length > 0
          ? bi(`; GWLB endpoint ${firstFive(undeclared).en} is on the way out but not declared an IDS appliance's`,
            `。出口の経路上の GWLB エンドポイント ${firstFive(undeclared).ja} は IDS アプライアンスのものと宣言されていない`)
          : bi('', '');
        const fix = bi('reference AWS managed threat signatures (breakout.managedThreatSignatures: leave it out for the default set), without an override to alert, '
          + `or route the breakout path through the GWLB endpoint of an IDS appliance and ${DECLARE_APPLIANCE.en}`,
        'AWS マネージドの脅威シグネチャ（breakout.managedThreatSignatures: 省略すれば既定の組）をアラートへのオーバーライドなしで参照するか、'
          + `ブレイクアウトの経路を IDS アプライアンスの GWLB エンドポイント経由にして、${DECLARE_APPLIANCE.ja}`);
        if (!active(handWritten)) {
          findings.push(finding(this, where,
            bi(`the breakout firewall ${firewall.id} has no IDS/IPS: no AWS managed threat-signature group in drop mode (only filters by port or domain, alert rules, `
              + `or groups overridden to alert) and no declared IDS appliance's GWLB endpoint on the way out${appliance.en}`,
            `ブレイクアウト用ファイアウォール ${firewall.id} に IDS/IPS がない: 遮断モードの AWS マネージドの脅威シグネチャのグループがなく（ポートやドメインでのフィルタ、`
              + `alert のルール、アラートへオーバーライドしたグループのみ）、出口の経路上に IDS アプライアンスと宣言した GWLB エンドポイントもない${appliance.ja}`),
            fix));
          continue;
        }
        // Drop rules of the user's own: the guard cannot tell a rule set that detects known threats from a port filter, so
        // it says so, and the acknowledgement names the rule set's source. The rules must still run first and apply.
        findings.push(finding(this, where,
          bi(`the breakout firewall ${firewall.id}'s only IDS/IPS is drop rules written by hand: the guard cannot judge a hand-written rule set as an IDS/IPS `
            + `that detects and blocks unauthorized traffic (不正な通信の検知及び遮断)${appliance.en}`,
          `ブレイクアウト用ファイアウォール ${firewall.id} の IDS/IPS が手書きの遮断ルールだけ: 手書きのルールの組が不正な通信の検知及び遮断を行う IDS/IPS であるかを`
            + `ガードは判断できない${appliance.ja}`),
          bi(`${fix.en}; or acknowledge AP-4 with a reason that names the rule set's source (e.g. a vendor's signature feed and its version)`,
            `${fix.ja}。またはルールの組の出所（例: ベンダーのシグネチャ配信とその版）を理由に書いて AP-4 を例外承認する`)));
        isIps = handWritten;
      }
      // A pass ends a flow's evaluation: what the allow-list (or a media allowance) passes before the IPS group runs is
      // never inspected (「不正な通信の検知及び遮断」 of the traffic that goes out).
      const late = ipsAheadProblem(ctx.graph, firewall.id, policy!, isIps);
      if (late) {
        findings.push(finding(this, where,
          bi(`the breakout's IDS/IPS does not inspect what the breakout passes: ${late.en}`, `ブレイクアウトの IDS/IPS が、ブレイクアウトの通す通信を検査しない: ${late.ja}`),
          AHEAD_FIX));
        continue;
      }
      const missed = unappliedIps(ctx, firewall.id, policy!, isIps, bare);
      if (missed) findings.push(finding(this, where, missed.problem, missed.fix));
    }
    return findings;
  },
};

/**
 * The ports other than TLS 443 that a breakout rules string lets through, as `<protocol>/<port>` (`udp/3478:3481`,
 * `tcp/any`): the destination ports of each `pass` rule (both port fields for `<>`, which matches either way), its
 * header read as Suricata splits it (`headerFields`: spaced lists included), and the ports our port filter's negated
 * list leaves open. A list's items are reported one by one; a field that is no list of ports (`any`, a variable, a
 * negation) is reported as written, and a header cut short as `?`. The rules are the ones Suricata loads
 * (`loadedRules`: a rule continued over lines is one); rules the guard cannot read may let any port through: `?`.
 */
export function nonTlsPorts(rulesString: string | undefined): string[] {
  const out = new Set<string>();
  const loaded = loadedRules(rulesString ?? '');
  if ('problem' in loaded) return ['?'];
  for (const line of loaded.rules) {
    const header = headerFields(line);
    if (isPassRule(line)) {
      const protocol = (header[1] ?? '?').toLowerCase();
      // A header cut short (malformed) names ports the guard cannot read: `?`.
      const fields = header.length < 7 ? ['?'] : header[4] === '<>' ? [header[3], header[6]] : [header[6]];
      for (const field of fields) {
        for (const p of portItems(field.replace(/\(.*$/, ''))) if (p !== '' && !((protocol === 'tcp' || protocol === 'tls') && p === '443')) out.add(`${protocol}/${p}`);
      }
      continue;
    }
    // Our port filter, `drop tcp … -> $EXTERNAL_NET !<allowed> (…)`, lets the negated ports through; its header read the
    // same way (`[80, 443]` spaced, `DROP`, `reject`).
    const negated = header.length === 7 && BLOCKING_ACTIONS.test(header[0]) && header[1].toLowerCase() === 'tcp'
      && header[4] === '->' && header[6].startsWith('!') ? header[6].slice(1).replace(/\(.*$/, '') : undefined;
    if (negated !== undefined) for (const p of portItems(negated)) if (p !== '' && p !== '443') out.add(`tcp/${p}`);
  }
  return [...out].sort();
}

/**
 * AP-5 for the FQDN allow-list itself: Network Firewall matches a domain list's `TLS_SNI` and `HTTP_HOST` targets
 * whatever the port, so the allow-list passes TLS (and HTTP) to its domains on any port unless a port filter of the
 * policy drops TCP to other ports (`drop tcp … -> $EXTERNAL_NET !<ports>`, whose negated ports the other AP-5 finding
 * lists): without one, every port needs the written reason the other ports do (fail closed).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-domain-names.html
 */
function allowListPortFindings(rule: GuardRule, ctx: GuardContext, firewallId: string, groups: readonly RuleGroupNode[]): Finding[] {
  const lists = groups.filter((g) => g.domainList?.generatedRulesType === 'ALLOWLIST');
  if (lists.length === 0) return [];
  const findings: Finding[] = [];
  const where = nameOf(ctx.graph, firewallId);
  const portFilter = groups.some((g) => {
    const loaded = loadedRules(g.rulesString ?? '');
    return !('problem' in loaded) && loaded.rules.some((line) => {
      const h = headerFields(line);
      return h.length === 7 && BLOCKING_ACTIONS.test(h[0]) && h[1].toLowerCase() === 'tcp' && h[4] === '->' && h[6].startsWith('!');
    });
  });
  if (!portFilter) {
    findings.push(finding(rule, where,
      bi('no port filter drops TCP to other ports than the allowed ones: the FQDN allow-list passes TLS (and HTTP) to its domains on every port',
        '許可したポート以外への TCP を落とすポートフィルターがなく、FQDN 許可リストがそのドメインへの TLS（と HTTP）をすべてのポートで通す'),
      bi('add a stateful rule group dropping TCP to every port but 443 and the ports acknowledged (drop tcp $HOME_NET any -> $EXTERNAL_NET ![443]), or acknowledge AP-5 with the reason',
        '443 と例外承認したポート以外への TCP を落とすステートフルルールグループ（drop tcp $HOME_NET any -> $EXTERNAL_NET ![443]）を加えるか、理由を付けて AP-5 を例外承認する')));
  }
  return findings;
}

/**
 * AP-5 for a list of HTTP_HOST targets: it passes cleartext HTTP to its domains (on every port the port filter lets
 * through), and 通信路暗号化 asks for encryption, so each such list needs the written reason other ports do (update
 * downloads over 80, signed). A target type other than TLS_SNI — HTTP_HOST, or one the guard cannot read — counts as
 * cleartext (fail closed). https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-domain-names.html
 */
function cleartextFinding(rule: GuardRule, ctx: GuardContext, g: RuleGroupNode): Finding | undefined {
  const list = g.domainList;
  if (list?.generatedRulesType !== 'ALLOWLIST' || (list.targetTypes.length > 0 && list.targetTypes.every((t) => t === 'TLS_SNI'))) return undefined;
  const shown = firstFive(list.targets);
  return finding(rule, nameOf(ctx.graph, g.id),
    bi(`the FQDN allow-list passes cleartext HTTP (HTTP_HOST targets) to ${shown.en}, unencrypted`,
      `FQDN 許可リストが ${shown.ja} への平文の HTTP（HTTP_HOST のターゲット）を暗号化なしで通す`),
    bi('list the cloud services under TLS_SNI only; give the hosts a vendor serves over cleartext HTTP (signed update downloads on 80) a list of their own '
      + 'with HTTP_HOST, and acknowledge AP-5 with the vendor\'s reason',
    'クラウドサービスは TLS_SNI だけで列挙する。ベンダーが平文の HTTP で配信するホスト（80 番の署名付き更新ファイル）は HTTP_HOST の別のリストにし、'
      + 'ベンダーの理由を付けて AP-5 を例外承認する'));
}

/**
 * Why a proxy configuration does not verify the cloud services' certificates, or undefined when it does: Squid verifies
 * origin servers against the system's trusted CAs unless told otherwise, and `sslproxy_cert_error allow`, the
 * `DONT_VERIFY_PEER` flag (no verification), the `DONT_VERIFY_DOMAIN` flag (a valid certificate issued to any other name
 * is accepted: 正当性の確認 is about the service itself), or `default-ca=off` / `no-default-ca` / `NO_DEFAULT_CA` without a CA file of its
 * own tell it otherwise.
 * https://www.squid-cache.org/Doc/config/tls_outgoing_options/ https://www.squid-cache.org/Doc/config/sslproxy_cert_error/
 */
function certificateProblem(conf: SquidConf): Bilingual | undefined {
  if (conf.unreadable) return conf.unreadable;
  for (const d of conf.directives) {
    const line = d.join(' ');
    if (d[0] === 'sslproxy_cert_error' && d[1] === 'allow') return bi(`"${line}" accepts certificates that fail verification`, `"${line}" が検証に失敗した証明書を受け入れる`);
    if ((d[0] === 'sslproxy_flags' || d[0] === 'tls_outgoing_options') && /DONT_VERIFY_PEER/i.test(line)) {
      return bi(`"${line}" turns certificate verification off`, `"${line}" が証明書の検証を無効にする`);
    }
    if ((d[0] === 'sslproxy_flags' || d[0] === 'tls_outgoing_options') && /DONT_VERIFY_DOMAIN/i.test(line)) {
      return bi(`"${line}" accepts a certificate issued to another name than the service's`, `"${line}" がサービス以外の名前に発行された証明書を受け入れる`);
    }
    if (d[0] === 'tls_outgoing_options' && /\b(default-ca=off|no-default-ca|NO_DEFAULT_CA)\b/i.test(line) && !/\bca(file|path)=/.test(line)) {
      return bi(`"${line}" trusts no certificate authority`, `"${line}" がどの認証局も信頼しない`);
    }
    if (d[0] === 'sslproxy_cert_adapt' || d[0] === 'sslcrtvalidator_program') {
      return bi(`"${d[0]}" changes how certificates are judged; the guard cannot tell what it accepts`, `"${d[0]}" が証明書の判定方法を変えるため、何を受け入れるかガードが判断できない`);
    }
  }
  return undefined;
}

/**
 * AP-5: 通信路暗号化 and 接続先のクラウドサービスの証明書による認証 (seed 002, every case): only TLS 443 through the breakout
 * firewall (any other port needs a written reason), and the proxy verifies the services' certificates.
 */
export const AP5: GuardRule = {
  id: 'AP-5',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: '通信路暗号化',
  summary: 'Only TLS (443) to cloud services, and the proxy verifies their certificates (no sslproxy_cert_error allow, no DONT_VERIFY_PEER or DONT_VERIFY_DOMAIN: '
    + 'a critical finding, never acknowledged); any other port (UDP meeting media, OCSP/CRL on 80) and any FQDN allow-list that passes cleartext HTTP '
    + '(HTTP_HOST targets) needs a written reason (acknowledge AP-5).',
  check(ctx: GuardContext) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const { firewall, policy } of breakoutFirewalls(ctx.graph)) {
      const groups = groupsOf(ctx.graph, policy);
      findings.push(...allowListPortFindings(this, ctx, firewall.id, groups));
      for (const g of groups) {
        if (seen.has(g.id)) continue;
        seen.add(g.id);
        const cleartext = cleartextFinding(this, ctx, g);
        if (cleartext) findings.push(cleartext);
        const ports = nonTlsPorts(g.rulesString);
        if (ports.length > 0) {
          findings.push(finding(this, nameOf(ctx.graph, g.id),
            bi(`the breakout lets ${ports.join(', ')} through besides TLS 443`, `ブレイクアウトが TLS 443 のほかに ${ports.join(', ')} を通す`),
            bi('acknowledge AP-5 with the vendor\'s requirement for each port (e.g. UDP media of web meetings, OCSP/CRL on 80), or remove the port',
              'ポートごとにベンダーの要件（Web 会議の UDP メディア、80 番の OCSP/CRL など）を理由として AP-5 を例外承認するか、そのポートを閉じる')));
        }
      }
    }
    for (const { node, conf } of proxyConfigs(ctx.graph)) {
      const problem = certificateProblem(conf);
      if (problem) {
        // Critical, unlike the ports: nothing a vendor requires makes a forged service acceptable, and an acknowledgement
        // given for the ports (same rule, same scope) must not cover it.
        findings.push({
          ...finding(this, nameOf(ctx.graph, node.id),
            bi(`the proxy does not authenticate the cloud services by their certificates: ${problem.en}`, `プロキシが接続先のクラウドサービスを証明書で認証していない: ${problem.ja}`),
            bi('remove the directive: the proxy must verify every service\'s certificate against trusted authorities (接続先のクラウドサービスの証明書による認証)',
              'そのディレクティブを削除する。プロキシは、すべてのサービスの証明書を信頼できる認証局で検証しなければならない（接続先のクラウドサービスの証明書による認証）')),
          severity: Severity.CRITICAL,
        });
      }
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------------------------------------------------
// Case ウ: what the proxy does with a reply besides `http_reply_access`: ICAP response adaptation. The reader knows
// `icap_enable`, `icap_service` and `adaptation_access`; a service it cannot read (an option it does not know, an
// adaptation set or chain, a host name, a second definition) does not count as sanitizing.

/** Squid's `icap_enable`: the last one wins, off by default (https://www.squid-cache.org/Doc/config/icap_enable/). */
function icapEnabled(conf: SquidConf): boolean {
  const last = conf.directives.filter((d) => d[0] === 'icap_enable').pop();
  return last?.[1] === 'on';
}

/**
 * The adaptation service `adaptation_access` picks for a reply: the services are tried in the order of their first
 * `adaptation_access` line, each by its own first-match rules (none matching: the opposite of its last), and the
 * first that allows is used
 * (https://www.squid-cache.org/Doc/config/adaptation_access/). Services defined for request modification only are
 * skipped (they never see a reply). Returns the service id, `none`, or `unknown`.
 */
function adaptationFor(conf: SquidConf, facts: Facts): string {
  const requestOnly = new Set(conf.directives.filter((d) => (d[0] === 'icap_service' || d[0] === 'ecap_service') && /^reqmod_/.test(d[2] ?? ''))
    .map((d) => d[1]));
  const ids = [...new Set(conf.directives.filter((d) => d[0] === 'adaptation_access' && d[1] !== undefined).map((d) => d[1]))]
    .filter((id) => !requestOnly.has(id));
  for (const id of ids) {
    const rules: SquidRule[] = [];
    for (const d of conf.directives) if (d[0] === 'adaptation_access' && d[1] === id) rules.push(ruleAt(d, 2));
    const matched = firstMatch(conf, rules, facts);
    // No rule matching: the opposite of the service's last rule, as for Squid's other access lists (found by the
    // differential test against the real Squid, test/integration/squid-judgment.test.ts: a lone `adaptation_access s
    // deny x` sends to s every reply x does not match).
    const last = rules[rules.length - 1].action;
    const action = matched !== 'none' ? matched : last === 'deny' ? 'allow' : last === 'allow' ? 'deny' : 'unknown';
    if (action === 'allow') return id;
    if (action !== 'deny') return 'unknown';
  }
  return 'none';
}

/**
 * The guard's answers about a proxy configuration that AP-3 and AP-6 rest on (with case ウ's: whether ICAP is on, which
 * RESPMOD service a reply goes to), exported for the differential test against the real Squid
 * (test/integration/squid-judgment.test.ts), which asks them of random configurations.
 */
export const SQUID_ANSWERS = { bumpAction, deletesClientCopy, addsValue, replyAction, icapEnabled, adaptationFor } as const;

/** `icap_service` options whose meaning the guard knows and that never skip the service (besides bypass and on-overload). */
const HARMLESS_ICAP_OPTIONS = new Set(['routing', 'ipv6', 'max-conn', 'connection-encryption']);

/**
 * Why the adaptation service `id` is not an essential RESPMOD ICAP service inside LGWAN, or undefined when it is:
 * `icap_service id respmod_precache icap://<LGWAN address>[:port]/path [option ...]` defined once, with `bypass`
 * off (Squid's default: "all ICAP errors will result in an error page returned to the HTTP client") and `on-overload`
 * not `bypass` (https://www.squid-cache.org/Doc/config/icap_service/).
 */
function notEssentialSanitizer(ctx: GuardContext, conf: SquidConf, id: string): Bilingual | undefined {
  const defs = conf.directives.filter((d) => (d[0] === 'icap_service' || d[0] === 'ecap_service'
    || d[0] === 'adaptation_service_set' || d[0] === 'adaptation_service_chain') && d[1] === id);
  if (defs.length !== 1 || defs[0][0] !== 'icap_service') {
    return bi(`the adaptation service "${id}" is not one icap_service the guard can read`, `アダプテーションサービス "${id}" が、ガードが読める 1 つの icap_service ではない`);
  }
  const [, , point, ...rest] = defs[0];
  if (point !== 'respmod_precache') {
    return bi(`the ICAP service "${id}" is at ${point ?? 'no vectoring point'}, not respmod_precache`,
      `ICAP サービス "${id}" のベクタリングポイントが respmod_precache ではなく${point === undefined ? '、指定がない' : ` ${point}`}`);
  }
  const uri = rest.find((w) => /^icaps?:\/\//.test(w));
  let bypass = false;
  for (const w of rest.filter((x) => x !== uri)) {
    const [name, value] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : ['legacy-bypass', w];
    if (name === 'bypass' || name === 'legacy-bypass') {
      if (value === 'on' || value === '1') bypass = true;
      else if (value === 'off' || value === '0') bypass = false;
      else return bi(`the ICAP service "${id}" has ${w}, which the guard cannot read`, `ICAP サービス "${id}" の ${w} をガードが読めない`);
    } else if (name === 'on-overload') {
      if (value === 'bypass') return bi(`the ICAP service "${id}" skips itself when overloaded (on-overload=bypass)`, `ICAP サービス "${id}" が過負荷のときに自身を迂回させる（on-overload=bypass）`);
    } else if (!HARMLESS_ICAP_OPTIONS.has(name) && !name.startsWith('tls-')) {
      return bi(`the ICAP service "${id}" has the option ${w}, which the guard cannot read`, `ICAP サービス "${id}" のオプション ${w} をガードが読めない`);
    }
  }
  if (bypass) {
    return bi(`the ICAP service "${id}" is bypassable (bypass=on): while it is down, files pass unsanitized`,
      `ICAP サービス "${id}" が迂回可能（bypass=on）で、停止中はファイルが無害化されずに通る`);
  }
  const address = /^icaps?:\/\/(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?\/\S*$/.exec(uri ?? '')?.[1];
  const at = address === undefined ? undefined : Ipv4Cidr.tryParse(`${address}/32`);
  const inside = at !== undefined && nodesOf(ctx.graph, 'vpc').some((v) => v.segment === Segment.LGWAN
    && v.cidrs.some((c) => Ipv4Cidr.tryParse(c)?.contains(at) === true));
  if (!inside) {
    return bi(`the ICAP service "${id}" (${uri ?? 'no icap:// URI'}) is not at an address of the LGWAN segment`,
      `ICAP サービス "${id}"（${uri ?? 'icap:// の URI なし'}）が LGWAN接続系のアドレスにない`);
  }
  return undefined;
}

/** What the proxy does with a download reply from `host`: `denied`, `sanitized`, or why neither. */
function fileReplyFate(ctx: GuardContext, conf: SquidConf, host: string, reply: NonNullable<Facts['reply']>): 'denied' | 'sanitized' | Bilingual {
  if (conf.unreadable) return conf.unreadable;
  if (bumpAction(conf, { host }) !== 'bump') return bi(`${host} is not bumped, so the proxy never reads its replies`, `${host} の TLS を復号（bump）していないため、プロキシはその応答を読まない`);
  if (replyAction(conf, { host, reply }) === 'deny') return 'denied';
  if (!icapEnabled(conf)) return bi('ICAP is not enabled (icap_enable on)', 'ICAP が有効になっていない（icap_enable on）');
  const id = adaptationFor(conf, { host, reply });
  if (id === 'none') {
    return bi(`no adaptation_access sends its ${reply.contentDisposition ? 'attachments' : `${reply.mimeType ?? 'untyped'} replies`} to a sanitization service`,
      `${reply.contentDisposition ? '添付ファイル' : `${reply.mimeType ?? 'Content-Type のない'} の応答`}を無害化サービスへ渡す adaptation_access がない`);
  }
  if (id === 'unknown') return bi('the adaptation_access rules cannot be read for it', 'このホストについて adaptation_access のルールを読めない');
  return notEssentialSanitizer(ctx, conf, id) ?? 'sanitized';
}

/**
 * Replies the guard takes as file downloads, each with content (status 200): an attachment of any type, and a reply of
 * a type that is not a page's or an API call's. Files served inline by their own types (outside auditor, red team 37)
 * and types no list of file types names (outside auditor, 2026-12-06: a proxy refusing a list of file types lets
 * `application/msword`, ODF, archives through): so the probes include an image, a type no registry lists and a reply
 * without a type, and only a proxy that refuses (イ) or sanitizes (ウ) every reply but the tools' pages and API calls
 * passes. (Files inside JSON or an HTML page are beyond a proxy's reading: README's known gaps.)
 */
const DOWNLOAD_PROBES: NonNullable<Facts['reply']>[] = [
  { contentDisposition: 'attachment; filename="minutes.docx"', mimeType: 'text/html', status: 200 },
  { mimeType: 'application/octet-stream', status: 200 },
  { mimeType: 'application/pdf', status: 200 },
  { mimeType: 'application/zip', status: 200 },
  { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', status: 200 },
  { mimeType: 'application/x-msdownload', status: 200 },
  { mimeType: 'application/msword', status: 200 },
  { mimeType: 'application/vnd.oasis.opendocument.text', status: 200 },
  { mimeType: 'application/gzip', status: 200 },
  { mimeType: 'image/png', status: 200 },
  // A type no list of file types names: it stands for every type the guard does not enumerate.
  { mimeType: 'application/x-jichitai-unlisted-file', status: 200 },
  { status: 200 },
];

/** Whether a relay (無害化, role SANITIZATION_RELAY) is labelled in the scope, optionally in one segment. */
function hasRelay(ctx: GuardContext, segment?: Segment): boolean {
  return nodesOf(ctx.graph, 'role-label').some((l) => l.role === HostRole.SANITIZATION_RELAY
    && (segment === undefined ? segmentOfLabel(ctx.graph, l) !== undefined : segmentOfLabel(ctx.graph, l) === segment));
}

/** Case ウ without communication tools on the allow-list: a sanitization relay (無害化) must still be in the scope. */
function sanitizationRelayFindings(rule: GuardRule, ctx: GuardContext): Finding[] {
  if (hasRelay(ctx)) return [];
  const where = breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
  return [finding(rule, where,
    bi('case ウ exchanges files with communication tools, but no sanitization relay (無害化) is in the synthesized output',
      'ケース（ウ）ではコミュニケーションツールとファイルをやり取りするが、無害化の中継が合成結果にない'),
    bi('declare the relay host (role SANITIZATION_RELAY) with its flows, or label its security group / instances jichitai:role=SANITIZATION_RELAY',
      '中継ホスト（ロール SANITIZATION_RELAY）をその通信とともに宣言するか、そのセキュリティグループやインスタンスにラベル jichitai:role=SANITIZATION_RELAY を付ける'))];
}

/**
 * AP-6: case イ blocks downloads from communication tools at the proxy; case ウ hands them to an essential ICAP
 * sanitization service in LGWAN (or denies them, files then entering only through a relay).
 */
export const AP6: GuardRule = {
  id: 'AP-6',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ファイルダウンロード制限',
  summary: 'Case イ: the proxy refuses file downloads from the allow-listed communication tools: every attachment (Content-Disposition) and every reply '
    + 'with content that is not one of their pages or API calls (HTML, JSON, CSS, JavaScript), whatever its type or none. '
    + 'Case ウ: on every allow-listed host of a communication tool the proxy bumps and hands those file replies to an ICAP RESPMOD sanitization '
    + 'service (無害化) at an LGWAN address, with bypass=off (fails closed), or denies them; a sanitization relay alone is not enough. '
    + 'In both, every proxy that may relay to the breakout does so, and no LGWAN subnet but a proxy\'s own reaches out around it (as AP-3).',
  check(ctx: GuardContext) {
    const sanitizing = ctx.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
    // Without a case, judged as case イ (downloads refused), the stricter one: fail closed. Case ア allows no communication
    // tool at all (AP-2).
    if (ctx.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES) return [];
    const targets = allowListed(ctx.graph);
    // A place a catalogue service of another kind also lists (login.live.com: Microsoft 365 and the consumer-account
    // block, an identity service) may be allow-listed for that service alone; it is not taken as a communication tool's.
    const otherKind = CloudServiceCatalogue.all().filter((s) => s.category !== CloudServiceCategory.COMMUNICATION_TOOL).flatMap((s) => s.domains);
    const tools = CloudServiceCatalogue.all().filter((s) => s.category === CloudServiceCategory.COMMUNICATION_TOOL)
      .map((tool) => ({ tool, places: allowListedWithin(targets, tool.domains).filter((place) => !otherKind.some((d) => patternCovers(d, place))) }))
      .filter((t) => t.places.length > 0);
    const around = aroundTheProxyFindings(this, ctx, sanitizing ? bi('the proxy\'s sanitization', 'プロキシの無害化') : bi('the proxy\'s download restriction', 'プロキシのダウンロード制限'));
    if (tools.length === 0) return [...around, ...sanitizing ? sanitizationRelayFindings(this, ctx) : []];
    // Every proxy that relays to the breakout must apply the control: a terminal may be sent to any of them.
    const configs = breakoutProxyConfigs(ctx);
    const where = breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
    if (sanitizing) return [...around, ...sanitizationFindings(this, ctx, tools, configs, where)];
    // A download is a reply with Content-Disposition: attachment, or one with content of a type that is not a page's or an
    // API call's (DOWNLOAD_PROBES). On every allow-listed host
    // of a communication tool, the proxy must bump the connection (it reads no reply inside a spliced tunnel) and deny
    // both before any rule allows them — on the reply as it comes: a response adaptation service (ICAP / eCAP RESPMOD at
    // respmod_precache) rewrites it before http_reply_access reads its headers, so one that may see it leaves the refusal
    // to a server outside the output (outside auditor, red team 38).
    const refuses = (conf: SquidConf, host: string) => sameAnswer(conf, `refuses\u0000${host}`, () => bumpAction(conf, { host }) === 'bump'
      && DOWNLOAD_PROBES.every((reply) => replyAction(conf, { host, reply }) === 'deny' && adaptationFor(conf, { host, reply }) === 'none'));
    const failing = tools
      .map(({ tool, places }) => ({
        tool, missed: places.filter((place) => configs.length === 0 || !configs.every(({ conf }) => refuses(conf, probeHost(place)))),
      }))
      .filter((t) => t.missed.length > 0);
    if (failing.length === 0) return around;
    const hosts = firstFive([...new Set(failing.flatMap((f) => f.missed))]);
    return [...around, finding(this, where, bi(`case イ allows ${failing.map((t) => t.tool.name).join(', ')}, but no proxy refuses file downloads from them `
      + `(${hosts.en}: not bumped, an attachment or a reply that is not a page or API call — a file type, an image, a reply without a type — not denied first, or a response adaptation service sees it first)`,
    `ケース（イ）で ${failing.map((t) => t.tool.name).join(', ')} を許可しているが、そこからのファイルダウンロードを拒否するプロキシがない`
      + `（${hosts.ja}: TLS を復号（bump）していないか、添付ファイルやページ・API 呼び出し以外の応答（ファイルの型、画像、型のない応答）を先に拒否していないか、応答のアダプテーションサービスが先に応答を扱う）`),
    bi('set breakout.fileDownloadRestricted and breakout.tenantProxy (the proxy bumps the tools\' traffic and denies attachment replies before anything allows them)',
      'breakout.fileDownloadRestricted と breakout.tenantProxy を設定する（プロキシがツールの通信の TLS を復号し、何かが許可する前に添付ファイルの応答を拒否する）'))];
  },
};

/**
 * Case ウ: on every allow-listed place of a communication tool, some proxy configuration bumps and sanitizes (or denies)
 * each download probe. Sanitized replies also need a SANITIZATION_RELAY labelled in LGWAN; denial alone, a relay.
 */
function sanitizationFindings(rule: GuardRule, ctx: GuardContext, tools: { tool: CloudServiceDefinition; places: string[] }[],
  configs: readonly { conf: SquidConf }[], where: string): Finding[] {
  const fix = bi('give breakout.sanitizationService (a declared LGWAN host with role SANITIZATION_RELAY) and breakout.tenantProxy: the proxy bumps '
    + 'the tools\' hosts and hands their file replies to the ICAP RESPMOD service with bypass=off (icap_enable on, adaptation_access allowing them)',
  'breakout.sanitizationService（ロール SANITIZATION_RELAY の、宣言した LGWAN接続系のホスト）と breakout.tenantProxy を指定する: プロキシがツールのホストの TLS を復号し、'
    + 'ファイルの応答を bypass=off の ICAP RESPMOD サービスへ渡す（icap_enable on、それを許可する adaptation_access）');
  const missed: { tool: string; place: string; why: Bilingual }[] = [];
  let sanitized = false;
  for (const { tool, places } of tools) {
    for (const place of places) {
      const host = probeHost(place);
      const fates = configs.map(({ conf }) => DOWNLOAD_PROBES.map((reply) => fileReplyFate(ctx, conf, host, reply)));
      const bad = fates.find((f) => !f.every((x) => x === 'denied' || x === 'sanitized'));
      if (fates.length > 0 && !bad) {
        sanitized ||= fates.some((f) => f.includes('sanitized'));
        continue;
      }
      const why = !bad ? bi('no proxy configuration is in the synthesized output', 'プロキシの設定が合成結果にない')
        : bad.find((x): x is Bilingual => x !== 'denied' && x !== 'sanitized')!;
      missed.push({ tool: tool.name, place, why });
    }
  }
  if (missed.length > 0) {
    const names = [...new Set(missed.map((m) => m.tool))];
    const places = firstFive([...new Set(missed.map((m) => m.place))]);
    return [finding(rule, where, bi(`case ウ allows ${names.join(', ')}, but file replies from ${places.en} are neither handed to a sanitization `
      + `service (無害化: ICAP RESPMOD, bypass=off) nor denied (${missed[0].why.en})`,
    `ケース（ウ）で ${names.join(', ')} を許可しているが、${places.ja} からのファイルの応答が`
      + `無害化サービス（無害化: ICAP RESPMOD、bypass=off）に渡されず、拒否もされない（${missed[0].why.ja}）`),
    fix)];
  }
  if (sanitized && !hasRelay(ctx, Segment.LGWAN)) {
    return [finding(rule, where, bi('case ウ hands file replies to an ICAP service, but no host labelled SANITIZATION_RELAY (無害化) is in the LGWAN segment',
      'ケース（ウ）でファイルの応答を ICAP サービスに渡しているが、LGWAN接続系にラベル SANITIZATION_RELAY（無害化）のホストがない'), fix)];
  }
  if (!sanitized && !hasRelay(ctx)) return sanitizationRelayFindings(rule, ctx);
  return [];
}
