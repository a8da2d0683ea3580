/**
 * The guard's judgment of a Squid configuration (breakout-controls.ts: what `ssl_bump` does with a host, whether a
 * client's copy of a header is deleted and the proxy's own value added, what `http_reply_access` does with a reply —
 * the answers AP-3 and AP-6 rest on) against the real Squid's behaviour, on random configurations.
 *
 * Each case writes a squid.conf of random ACLs (the types the guard evaluates — `dstdomain`, `ssl::server_name`, their
 * regex forms, `at_step`, `any-of`, `all-of`, `rep_mime_type`, `rep_header`, `http_status` — with and without `-i` and
 * `-n`, names in other cases, negations, and types the guard does not evaluate), random `ssl_bump`,
 * `request_header_access`, `request_header_add` and `http_reply_access` rules, starts Debian's Squid on it on loopback,
 * and asks it: a CONNECT and a request to each test host (bumped or not: whose certificate the client gets; which values
 * of the header the origin receives), then replies of several types, dispositions and statuses (refused with 403 or
 * passed). Every definite answer of the guard must be what Squid does: "bump" a bumped connection, "splice" the origin's
 * own certificate, "deletes the client's copy" no forged value at the origin, "adds the value" the value at the origin,
 * a reply "deny" a 403 from Squid and "allow" the origin's reply. The guard's "unknown" (a type it does not evaluate, a
 * regex it cannot translate) claims nothing and is not compared.
 *
 * The http_access oracle (SC-1's `relayProblem`, security-cloud.ts): random `http_access` rules over `dst` ACLs that
 * write the private and member blocks in forms Squid reads alike or not, among rules on `src`, `port`, `method`,
 * `dstdomain` and `all-of` ACLs, negations and `allow` lines. Where the guard says the proxy refuses every RFC 1918
 * and member destination, every probe (a GET and a CONNECT to addresses across each block, an IPv4 address as IPv6,
 * names the hosts file resolves into the blocks) must get Squid's ERR_ACCESS_DENIED; an allowed one fails to connect
 * (ERR_CONNECT_FAIL: the proxy's outgoing address is loopback). The guard's "may relay" is fail-closed, not compared.
 *
 * The ICAP oracle (AP-6's `icapEnabled` and `adaptationFor`, case ウ): random `icap_enable` lines, two services of
 * c-icap's echo service (one now and then for request modification only) and random `adaptation_access` rules over the
 * name, regex, reply-type, disposition and status ACLs, every host bumped. Where the guard says a reply goes to a
 * RESPMOD service, c-icap's log must show that service's RESPMOD for its URL; where it says none (or ICAP is off), none.
 *
 * `SQUID_ORACLE_CASES` (CI: 30; a plain run: 10; the http_access oracle draws four times as many, Squid starting only
 * for those the guard claims something of) and `SQUID_ORACLE_SEED` choose the cases; `npm run fuzz -- --suite squid
 * --cases N --seed S` runs more. A case that fails prints its configuration and the probe, to replay by seed.
 */
import { ChildProcess, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { SQUID_ANSWERS, parseSquid } from '../../src/guard/rules/breakout-controls';
import { SQUID_RELAY_ANSWERS } from '../../src/guard/rules/security-cloud';
// The cases depend on the seed only (mulberry32, as the network oracle's renderers use it).
import { prng as random } from '../oracle/network';
import { cIcap, cIcapModules, icapAccessLog, startIcap, stopGroup } from '../support/icap';
import {
  certgen, expectSquidAccepts, freePort, isRoot, makeCa, makeOrigin, openssl, sh, squid, squidUser, startSquid, viaProxy,
} from '../support/squid';
import { requireTool } from '../support/tools';

const haveTools = requireTool('squid', Boolean(squid && certgen && openssl),
  'the Squid judgment oracle needs squid and security_file_certgen (Debian package squid-openssl) and openssl');
const describeWithSquid = haveTools ? describe : describe.skip;
const haveIcap = haveTools && requireTool('c-icap', Boolean(cIcap && cIcapModules),
  'the ICAP part of the Squid judgment oracle needs c-icap with its echo service (Debian package c-icap)');

const CASES = Number(process.env.SQUID_ORACLE_CASES ?? 10);
const SEED = Number(process.env.SQUID_ORACLE_SEED ?? 20261207);
/** The http_access cases draw from a sequence of their own, so that adding them left the other cases as they were. */
const ACCESS_SEED = SEED + 1;
/** Four times as many: Squid starts only for the cases where the guard claims something (most it does not). */
const ACCESS_CASES = CASES * 4;
/** The ICAP cases' own sequence. */
const ICAP_SEED = SEED + 2;

/** The hosts the probes ask for: all resolve to 127.0.0.1 (Squid's hosts_file) and the origin's certificate names them. */
const HOSTS = ['a.test', 'www.a.test', 'x.b.test', 'b.test'];
const HEADER = 'X-Jichitai-Tenant';
const FORGED = 'forged-by-client';


type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const some = <T>(r: Rng, xs: readonly T[], max: number): T[] => {
  const n = 1 + Math.floor(r() * max);
  return [...new Set(Array.from({ length: n }, () => pick(r, xs)))];
};

/**
 * Domain values Squid loads: it refuses (FATAL "Bungled") an ACL one of whose names lies under another of its domains
 * (`a.test` with `.test`) and folds names that differ in case, so of such values only the first is kept.
 */
function domainValues(r: Rng): string[] {
  const kept: string[] = [];
  const covers = (d: string, v: string) => d === v || (d.startsWith('.') && (v === d.slice(1) || v.endsWith(d)));
  for (const value of some(r, DOMAINS, 3)) {
    const v = value.toLowerCase();
    if (!kept.some((k) => covers(k.toLowerCase(), v) || covers(v, k.toLowerCase()))) kept.push(value);
  }
  return kept;
}

/** Values for the name ACLs: exact names, domains with their subdomains (leading dot), other cases, names of no host. */
const DOMAINS = ['a.test', '.a.test', 'www.a.test', '.b.test', 'x.b.test', 'b.test', '.test', 'c.test', 'A.TEST', '.A.Test', 'WWW.a.test'];
/** POSIX extended expressions Squid compiles with regcomp; the guard translates them (posix-regex.ts). */
const REGEXES = ['^a\\.test$', 'a\\.test', '\\.b\\.test$', '^www\\.', 'A\\.TEST', '[ab]\\.test$', '^x', 'test$', '^(www|x)\\.', '^[[:alpha:]]\\.test$',
  '^b\\.test$', 'W+\\.', '^[^.]+\\.test$'];
const MIME_REGEXES = ['^application/octet-stream', 'text/html', '^image/', 'pdf', '^$', '^TEXT/', 'octet'];
const DISPOSITION_REGEXES = ['attachment', '^inline', 'filename=', '^[[:space:]]*attachment', 'ATTACHMENT'];
const STATUSES = ['200', '404', '200-299', '500-', '201-203', '400-499'];

/** A reply the origin sends on request: its type (none: no Content-Type), disposition and status (never 403, Squid's refusal). */
interface Reply { readonly mimeType?: string; readonly contentDisposition?: string; readonly status: number }
const REPLIES: Reply[] = [
  { mimeType: 'application/octet-stream', contentDisposition: 'attachment; filename="minutes.bin"', status: 200 },
  { mimeType: 'text/html', status: 200 },
  { mimeType: 'image/png', status: 404 },
  { status: 200 },
  { mimeType: 'application/pdf', contentDisposition: 'inline', status: 201 },
  { mimeType: 'text/plain', contentDisposition: 'attachment', status: 500 },
];

interface Acl { readonly name: string; readonly kind: 'request' | 'reply' | 'step'; readonly line: string }

/** A random configuration's own lines (the ACLs and the rules the guard judges). */
function randomRules(r: Rng): string[] {
  const acls: Acl[] = [];
  const flags = (allowed: string[]) => allowed.filter(() => r() < 0.4).join(' ');
  const add = (kind: Acl['kind'], type: string, body: string) => {
    const name = `a${acls.length}`;
    acls.push({ name, kind, line: `acl ${name} ${type} ${body}`.replace(/ +/g, ' ') });
  };
  // Each kind of ACL with its weight: the types the guard evaluates, and some it does not (unknown to it whatever their values).
  const kinds: [number, () => void][] = [
    [22, () => add('request', 'dstdomain', `${flags(['-n'])} ${domainValues(r).join(' ')}`)],
    [16, () => add('request', 'ssl::server_name', `${flags(['--client-requested'])} ${domainValues(r).join(' ')}`)],
    [14, () => add('request', 'dstdom_regex', `${flags(['-n', '-i'])} ${some(r, REGEXES, 3).join(' ')}`)],
    [10, () => add('request', 'ssl::server_name_regex', `${flags(['--client-requested', '-i'])} ${some(r, REGEXES, 2).join(' ')}`)],
    [8, () => add('step', 'at_step', some(r, ['SslBump1', 'SslBump2', 'SslBump3'], 2).join(' '))],
    [6, () => {
      const [type, values] = pick(r, [['port', '443 8443'], ['method', 'GET CONNECT'], ['src', '127.0.0.1/32']]);
      add('request', type, values);
    }],
    [8, () => add('reply', 'rep_mime_type', `${flags(['-i'])} ${some(r, MIME_REGEXES, 2).join(' ')}`)],
    [7, () => add('reply', 'rep_header', `Content-Disposition ${flags(['-i'])} ${some(r, DISPOSITION_REGEXES, 2).join(' ')}`)],
    [9, () => add('reply', 'http_status', some(r, STATUSES, 2).join(' '))],
  ];
  const total = kinds.reduce((sum, [w]) => sum + w, 0);
  const count = 3 + Math.floor(r() * 5);
  for (let i = 0; i < count; i++) {
    let at = r() * total;
    kinds.find(([w]) => (at -= w) < 0)![1]();
  }
  // any-of / all-of over ACLs already defined (Squid requires a name to be defined before it is used), of one kind.
  for (let i = 0; i < 2; i++) {
    const requestOnes = acls.filter((a) => a.kind === 'request');
    if (requestOnes.length >= 2 && r() < 0.5) add('request', pick(r, ['any-of', 'all-of']), some(r, requestOnes.map((a) => a.name), 2).join(' '));
  }
  // A reference: the name in another case now and then (Squid finds ACLs by name in any case), negated now and then.
  const ref = (a: Acl) => `${r() < 0.2 ? '!' : ''}${r() < 0.15 ? a.name.toUpperCase() : a.name}`;
  const refs = (pool: Acl[], max: number) => (pool.length === 0 ? [] : Array.from({ length: Math.floor(r() * (max + 1)) }, () => ref(pick(r, pool))));
  const request = acls.filter((a) => a.kind === 'request');
  const withStep = acls.filter((a) => a.kind !== 'reply');
  const lines = acls.map((a) => a.line);
  // Most real configurations peek at step 1 and bump some names: half of the cases start so, with a name ACL for the bump.
  if (r() < 0.5) {
    lines.push('acl step1 at_step SslBump1', `ssl_bump ${pick(r, ['peek', 'stare'])} step1`);
    if (request.length > 0 && r() < 0.4) lines.push(`ssl_bump splice ${pick(r, request).name}`);
    if (request.length > 0) lines.push(`ssl_bump bump ${request.filter(() => r() < 0.7).slice(0, 2).map((a) => a.name).join(' ') || request[0].name}`);
  }
  const bumpRules = 1 + Math.floor(r() * 3);
  for (let i = 0; i < bumpRules; i++) {
    const action = pick(r, ['peek', 'stare', 'splice', 'bump', 'bump', 'terminate']);
    const conditions = refs(withStep, 2);
    lines.push(`ssl_bump ${action} ${conditions.length > 0 ? conditions.join(' ') : 'all'}`);
  }
  for (let i = 0; i < Math.floor(r() * 3); i++) lines.push(`request_header_access ${pick(r, [HEADER, HEADER.toLowerCase()])} ${pick(r, ['deny', 'allow'])} ${[...refs(request, 2), 'all'].join(' ')}`);
  if (r() < 0.15) lines.push(`request_header_access All allow ${[...refs(request, 1), 'all'].join(' ')}`);
  for (let i = 0; i < Math.floor(r() * 3); i++) lines.push(`request_header_add ${HEADER} "configured-${i}" ${refs(request, 2).join(' ')}`.trimEnd());
  const replyPool = [...acls.filter((a) => a.kind === 'reply'), ...request];
  for (let i = 0; i < Math.floor(r() * 4); i++) lines.push(`http_reply_access ${pick(r, ['deny', 'allow'])} ${[...refs(replyPool, 2), 'all'].join(' ')}`);
  // A download rule as the library writes one (a reply type or disposition denied), in half of the cases.
  const replyOnes = acls.filter((a) => a.kind === 'reply');
  if (replyOnes.length > 0 && r() < 0.5) lines.push(`http_reply_access deny ${pick(r, replyOnes).name}`);
  return lines;
}

/** The loopback skeleton around a case's rules: ports, certificates, logs, DNS by hosts file, every request allowed. */
function configuration(dir: string, caseDir: string, port: number, rules: readonly string[]): string {
  return [
    `http_port 127.0.0.1:${port} ssl-bump tls-cert=${dir}/bump-ca.pem tls-key=${dir}/bump-ca.key generate-host-certificates=on dynamic_cert_mem_cache_size=4MB`,
    `sslcrtd_program ${certgen} -s ${caseDir}/ssl_db -M 4MB`,
    'sslcrtd_children 2 startup=1 idle=1',
    `tls_outgoing_options cafile=${dir}/origin-ca.pem`,
    'sslproxy_cert_error deny all',
    ...rules,
    'http_access allow all',
    `access_log stdio:${caseDir}/access.log`,
    `cache_log ${caseDir}/cache.log`,
    `pid_filename ${caseDir}/squid.pid`,
    'cache deny all',
    `cache_effective_user ${squidUser}`,
    'shutdown_lifetime 1 seconds',
    `hosts_file ${dir}/hosts`,
    'dns_nameservers 127.0.0.1',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------------
// http_access (SC-1): whether a hub proxy refuses every RFC 1918 and member destination before it allows anything.

/** The private blocks SC-1 asks a hub proxy to deny (RFC 1918), and member blocks a case may add to them. */
const PRIVATE_BLOCKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
const MEMBER_BLOCKS = ['100.64.0.0/16', 'fd12:3456::/48'];

/**
 * Other ways to write each block in a `dst` ACL, some Squid reads alike and some not: two halves, a wider block, the
 * address with host bits set (Squid masks them), a leading zero (glibc's inet_aton, which Squid parses ACL addresses
 * with, reads an octet with a leading zero as octal), a single address of it.
 */
const WRITTEN: Record<string, readonly (readonly string[])[]> = {
  '10.0.0.0/8': [['10.0.0.0/9', '10.128.0.0/9'], ['0.0.0.0/1'], ['10.0.0.1/8'], ['010.0.0.0/8'], ['10.20.30.40']],
  '172.16.0.0/12': [['172.16.0.0/13', '172.24.0.0/13'], ['128.0.0.0/1'], ['172.16.0.1/12'], ['0172.16.0.0/12'], ['172.16.5.5']],
  '192.168.0.0/16': [['192.168.0.0/17', '192.168.128.0/17'], ['192.0.0.0/8'], ['192.168.1.1/16'], ['192.168.000.000/16'], ['192.168.1.2']],
  '100.64.0.0/16': [['100.64.0.0/17', '100.64.128.0/17'], ['100.64.0.0/10'], ['100.64.0.1/16'], ['0100.64.0.0/16'], ['100.64.1.1']],
  'fd12:3456::/48': [['fd12:3456::/49', 'fd12:3456:0:8000::/49'], ['fd00::/8'], ['fd12:3456::1/48'], ['fd12:3456:0000::/48'], ['fd12:3456::5']],
};

/**
 * The destinations the probes ask for, each with the block it lies in: the ends and middle of every block, an IPv4
 * address written as IPv6, and names the case's hosts file resolves (`RELAY_HOSTS`).
 */
const RELAY_PROBES: readonly { readonly target: string; readonly block: string }[] = [
  ...['10.0.0.1', '10.255.255.254', '10.128.7.9', '10.20.30.40', '[::ffff:10.1.2.3]', 'm1.test'].map((target) => ({ target, block: '10.0.0.0/8' })),
  ...['172.16.0.1', '172.31.255.254', '172.24.1.1', '172.16.5.5', 'm2.test'].map((target) => ({ target, block: '172.16.0.0/12' })),
  ...['192.168.0.1', '192.168.255.254', '192.168.130.5', '192.168.1.2'].map((target) => ({ target, block: '192.168.0.0/16' })),
  ...['100.64.0.1', '100.64.255.254', '100.64.1.1', 'm3.test'].map((target) => ({ target, block: '100.64.0.0/16' })),
  ...['[fd12:3456::1]', '[fd12:3456:0:ffff::1]', 'm4.test'].map((target) => ({ target, block: 'fd12:3456::/48' })),
];
const RELAY_HOSTS = '127.0.0.1 localhost\n10.20.30.40 m1.test\n172.20.0.9 m2.test\n100.64.1.1 m3.test\nfd12:3456::5 m4.test\n';

/**
 * A random configuration's http_access lines and their ACLs: the private and member blocks denied by one or more `dst`
 * ACLs (written in the forms of `WRITTEN`, some left out, `-n` now and then, an ACL split over two lines), among rules
 * on other ACLs (`src`, `port`, `CONNECT`, `dstdomain`, `all-of`, other `dst` ones), negations and `allow` lines, before
 * the skeleton's `http_access allow all`.
 */
function randomAccess(r: Rng, members: readonly string[]): string[] {
  const acls: string[] = [];
  let n = 0;
  const acl = (type: string, ...lines: string[]) => {
    const name = `h${n++}`;
    for (const l of lines) acls.push(`acl ${name} ${type} ${l}`);
    return name;
  };
  const others: string[] = [];
  for (let i = Math.floor(r() * 3); i > 0; i--) {
    others.push(pick(r, [
      () => acl('src', pick(r, ['127.0.0.1/32', '10.0.0.0/8', '::1'])),
      () => acl('port', pick(r, ['80', '443', '1-1024'])),
      () => acl('method', 'CONNECT'),
      // -n: no reverse lookup of an IP-literal URL (there is no DNS server to ask; the lookup would time out).
      () => acl('dstdomain', `-n ${pick(r, ['.test', 'm1.test', 'example.com'])}`),
      () => acl('dst', some(r, Object.values(WRITTEN).flat(2), 2).join(' ')),
    ])());
  }
  if (others.length >= 2 && r() < 0.3) others.push(acl('all-of', others.slice(0, 2).join(' ')));
  // The blocks to deny, each as written (mostly plainly), dealt to one to three dst ACLs.
  const values = [...PRIVATE_BLOCKS, ...members].flatMap((b) => {
    const x = r();
    return x < 0.04 ? [] : x < 0.55 ? [b] : [...pick(r, WRITTEN[b])];
  });
  const groups: string[][] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => []);
  for (const v of values) pick(r, groups).push(v);
  const denials = groups.filter((g) => g.length > 0).map((g) => {
    const flags = r() < 0.1 ? '-n ' : '';
    const split = g.length >= 2 && r() < 0.3 ? [g.slice(0, 1), g.slice(1)] : [g];
    const name = acl('dst', ...split.map((part) => `${flags}${part.join(' ')}`));
    // Now and then with another ACL on the line, or the name in another case (Squid finds an ACL by name in any case).
    const other = others.length > 0 && r() < 0.15 ? ` ${pick(r, others)}` : '';
    return `http_access deny ${r() < 0.1 ? name.toUpperCase() : name}${other}`;
  });
  const rules = [...denials];
  for (let i = Math.floor(r() * 3); i > 0 && others.length > 0; i--) {
    const line = `http_access ${r() < 0.3 ? 'allow' : 'deny'} ${r() < 0.3 ? '!' : ''}${pick(r, others)}`;
    rules.splice(Math.floor(r() * (rules.length + 1)), 0, line);
  }
  return [...acls, ...rules];
}

/** The skeleton of an http_access case: no TLS; an allowed request fails at once (a loopback source reaches no other network). */
function accessConfiguration(caseDir: string, port: number, rules: readonly string[]): string {
  return [
    `http_port 127.0.0.1:${port}`,
    'tcp_outgoing_address 127.0.0.1',
    'connect_timeout 3 seconds',
    ...rules,
    'http_access allow all',
    `access_log stdio:${caseDir}/access.log`,
    `cache_log ${caseDir}/cache.log`,
    `pid_filename ${caseDir}/squid.pid`,
    'cache deny all',
    `cache_effective_user ${squidUser}`,
    'shutdown_lifetime 1 seconds',
    `hosts_file ${caseDir}/hosts`,
    'dns_nameservers 127.0.0.1',
    '',
  ].join('\n');
}

/**
 * What Squid does with a request for `target` (GET, or CONNECT to port 443): `denied` when http_access refused it (403,
 * ERR_ACCESS_DENIED), else what it answered (an allowed request fails to connect: ERR_CONNECT_FAIL).
 */
function askToRelay(proxyPort: number, target: string, method: 'GET' | 'CONNECT'): Promise<string> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, method, path: method === 'GET' ? `http://${target}/` : `${target}:443` });
    const done = (res: http.IncomingMessage, socket?: { destroy(): void }) => {
      socket?.destroy();
      res.resume();
      const error = String(res.headers['x-squid-error'] ?? '');
      resolve(res.statusCode === 403 && error.startsWith('ERR_ACCESS_DENIED') ? 'denied' : `${res.statusCode} ${error}`.trim());
    };
    req.setTimeout(15_000, () => req.destroy(new Error('timeout')));
    req.on('connect', (res, socket) => done(res, socket));
    req.on('response', (res) => done(res));
    req.on('error', (e) => resolve(`failed: ${e.message}`));
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// ICAP adaptation (AP-6, case ウ): whether Squid hands a reply to a RESPMOD service, and to which.

/** The ICAP services of a case: two names for c-icap's echo service (`echo` and its alias `echo2`), told apart in its log. */
const ICAP_SERVICES = [{ id: 's0', path: 'echo' }, { id: 's1', path: 'echo2' }] as const;

/**
 * A random configuration's ICAP lines: `icap_enable` (on mostly; now and then twice, the last one counting), the two
 * services (the second now and then for request modification only, either now and then bypassable), random ACLs (the
 * name, regex, reply and status types, `--client-requested`, negations, types the guard does not evaluate, `any-of`
 * and `all-of`) and random `adaptation_access` rules for the two. Every host is bumped (the skeleton's rules
 * `ssl_bump bump all`): Squid reads no reply inside a tunnel.
 */
function randomAdaptation(r: Rng, icapPort: number): string[] {
  const acls: Acl[] = [];
  const add = (kind: Acl['kind'], type: string, body: string) => {
    const name = `i${acls.length}`;
    acls.push({ name, kind, line: `acl ${name} ${type} ${body}`.replace(/ +/g, ' ') });
  };
  const flag = (f: string) => (r() < 0.4 ? f : '');
  const kinds: [number, () => void][] = [
    [14, () => add('request', 'dstdomain', domainValues(r).join(' '))],
    [10, () => add('request', 'dstdom_regex', `${flag('-i')} ${some(r, REGEXES, 2).join(' ')}`)],
    [6, () => add('request', 'ssl::server_name', `${flag('--client-requested')} ${domainValues(r).join(' ')}`)],
    [4, () => {
      const [type, value] = pick(r, [['src', '127.0.0.1/32'], ['method', 'GET'], ['port', '443']]);
      add('request', type, value);
    }],
    [12, () => add('reply', 'rep_mime_type', `${flag('-i')} ${some(r, MIME_REGEXES, 2).join(' ')}`)],
    [8, () => add('reply', 'rep_header', `Content-Disposition ${flag('-i')} ${some(r, DISPOSITION_REGEXES, 2).join(' ')}`)],
    [10, () => add('reply', 'http_status', some(r, STATUSES, 2).join(' '))],
  ];
  const total = kinds.reduce((sum, [w]) => sum + w, 0);
  for (let i = 2 + Math.floor(r() * 4); i > 0; i--) {
    let at = r() * total;
    kinds.find(([w]) => (at -= w) < 0)![1]();
  }
  if (acls.length >= 2 && r() < 0.4) add('reply', pick(r, ['any-of', 'all-of']), some(r, acls.map((a) => a.name), 2).join(' '));
  const ref = (a: Acl) => `${r() < 0.2 ? '!' : ''}${r() < 0.1 ? a.name.toUpperCase() : a.name}`;
  const lines = acls.map((a) => a.line);
  lines.push(...Array.from({ length: r() < 0.3 ? 2 : 1 }, () => `icap_enable ${r() < 0.75 ? 'on' : 'off'}`));
  for (const [i, s] of ICAP_SERVICES.entries()) {
    const point = i === 1 && r() < 0.25 ? 'reqmod_precache' : 'respmod_precache';
    const bypass = r() < 0.3 ? ` bypass=${pick(r, ['on', 'off'])}` : '';
    lines.push(`icap_service ${s.id} ${point} icap://127.0.0.1:${icapPort}/${s.path}${bypass}`);
  }
  for (let i = 1 + Math.floor(r() * 4); i > 0; i--) {
    const conditions = acls.length === 0 ? [] : Array.from({ length: Math.floor(r() * 3) }, () => ref(pick(r, acls)));
    lines.push(`adaptation_access ${pick(r, ICAP_SERVICES).id} ${r() < 0.65 ? 'allow' : 'deny'} ${conditions.length > 0 ? conditions.join(' ') : 'all'}`);
  }
  return [...lines, 'ssl_bump bump all'];
}

/**
 * Kill a Squid this test started and wait until it is gone: a case needs no graceful stop, which waits out
 * shutdown_lifetime (most of a case's time), and its certificate helpers exit when their pipe from Squid closes.
 */
async function killProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise((resolve) => {
    proc.on('exit', resolve);
    proc.kill('SIGKILL');
  });
}

/** What Squid did with one host: whose certificate the client got, and the header values the origin received. */
interface Observed {
  readonly bumped: boolean | 'failed';
  readonly values?: string[];
}

/**
 * A case's folder under `dir`, with `files` written in it and owned by Squid's user when the tests run as root, the path
 * its squid.conf is to be written to, and a free port for it.
 */
async function newCase(dir: string, name: string, files: Readonly<Record<string, string>> = {}):
Promise<{ caseDir: string; file: string; port: number }> {
  const caseDir = path.join(dir, name);
  fs.mkdirSync(caseDir);
  for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(caseDir, f), content);
  if (isRoot) sh('chown', ['-R', `${squidUser}:`, caseDir], dir);
  return { caseDir, file: path.join(caseDir, 'squid.conf'), port: await freePort() };
}

/** Whether the real Squid loads a configuration: one it refuses (it warns and goes on for what it can correct) says nothing about the guard. */
function squidLoads(file: string): boolean {
  const parsed = spawnSync(squid!, ['-k', 'parse', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  return parsed.status === 0 && !/FATAL|Bungled/.test(`${parsed.stdout}${parsed.stderr}`);
}

describeWithSquid('the guard\'s judgment of Squid configurations against the real Squid (random configurations)', () => {
  let dir: string;
  let origin: https.Server;
  let originPort: number;
  let bumpCa: Buffer;
  let originCa: Buffer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-squid-judgment-'));
    fs.chmodSync(dir, 0o755);
    makeCa(dir, 'bump-ca');
    makeCa(dir, 'origin-ca');
    makeOrigin(dir, HOSTS);
    bumpCa = fs.readFileSync(path.join(dir, 'bump-ca.pem'));
    originCa = fs.readFileSync(path.join(dir, 'origin-ca.pem'));
    origin = https.createServer({ key: fs.readFileSync(path.join(dir, 'origin.key')), cert: fs.readFileSync(path.join(dir, 'origin.pem')) }, (req, res) => {
      // `/reply?…`, or `/reply/<probe>?…` (the ICAP probes: Squid and c-icap log URLs without their query).
      if (/^\/reply[/?]/.test(req.url ?? '')) {
        const q = new URL(req.url!, 'https://origin').searchParams;
        res.writeHead(Number(q.get('status')), {
          ...(q.get('type') ? { 'Content-Type': q.get('type')! } : {}),
          ...(q.get('disposition') ? { 'Content-Disposition': q.get('disposition')! } : {}),
          'Content-Length': 4,
        });
        res.end('body');
        return;
      }
      const body = JSON.stringify(req.rawHeaders);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originPort = (origin.address() as AddressInfo).port;
  }, 60_000);

  afterAll(() => {
    origin?.close();
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One host through the proxy: bumped or not, and (bumped) what the origin received of the header. */
  async function observe(proxyPort: number, host: string): Promise<Observed> {
    try {
      const r = await viaProxy(proxyPort, host, originPort, { ca: [bumpCa, originCa], headers: { [HEADER]: FORGED } });
      if (r.issuer === 'jichitai-test-origin-ca') return { bumped: false };
      if (r.issuer !== 'jichitai-test-bump-ca' || r.status !== 200) return { bumped: r.issuer === 'jichitai-test-bump-ca' ? true : 'failed' };
      const raw: string[] = JSON.parse(r.body ?? '[]');
      return { bumped: true, values: raw.flatMap((v, i) => (i % 2 === 0 && v.toLowerCase() === HEADER.toLowerCase() ? [raw[i + 1]] : [])) };
    } catch {
      // A terminated connection (ssl_bump terminate) or a handshake Squid broke off.
      return { bumped: 'failed' };
    }
  }

  /** A reply through a bumped connection: Squid's 403 or the origin's status. */
  async function replyStatus(proxyPort: number, host: string, reply: Reply): Promise<number | 'failed'> {
    const q = new URLSearchParams({ status: String(reply.status), type: reply.mimeType ?? '', disposition: reply.contentDisposition ?? '' });
    try {
      return (await viaProxy(proxyPort, host, originPort, { ca: [bumpCa], path: `/reply?${q}` })).status;
    } catch {
      return 'failed';
    }
  }

  test(`${CASES} random configurations (seed ${SEED}): every definite answer of the guard is what Squid does`, async () => {
    const r = random(SEED);
    const disagreements: string[] = [];
    const tally = {
      cases: 0, rejected: 0, bump: 0, splice: 0, none: 0, terminate: 0, deletes: 0, adds: 0, replyDeny: 0, replyAllow: 0, replyNone: 0,
    };
    for (let c = 0; c < CASES; c++) {
      const rules = randomRules(r);
      const hosts = HOSTS;
      const replies = some(r, REPLIES, 3);
      const { caseDir, file, port } = await newCase(dir, `case-${c}`);
      const text = configuration(dir, caseDir, port, rules);
      fs.writeFileSync(file, text);
      if (!squidLoads(file)) {
        tally.rejected++;
        continue;
      }
      tally.cases++;
      const conf = parseSquid(text);
      const running = await startSquid(caseDir, file, port);
      try {
        for (const host of hosts) {
          const where = `case ${c} (seed ${SEED}), host ${host}:\n${rules.join('\n')}`;
          const seen = await observe(port, host);
          const bump = SQUID_ANSWERS.bumpAction(conf, { host });
          // What Squid must do on the guard's answer: no rule matching splices ("Default Value: Become a TCP tunnel without
          // decrypting proxied traffic", https://www.squid-cache.org/Doc/config/ssl_bump/); terminate closes the connection.
          // A peek or stare at step 2 leaves the choice to step 3, which the guard does not answer: not compared.
          const expected = bump === 'bump' ? true : bump === 'splice' || bump === 'none' ? false : bump === 'terminate' ? 'failed' : undefined;
          if (bump in tally) tally[bump as 'bump']++;
          if (expected !== undefined && seen.bumped !== expected) {
            disagreements.push(`guard: ${bump}; Squid: ${seen.bumped === true ? 'bumped' : seen.bumped === false ? 'spliced' : 'failed'} — ${where}`);
          }
          if (seen.bumped !== true || seen.values === undefined) continue;
          if (SQUID_ANSWERS.deletesClientCopy(conf, HEADER, { host })) {
            tally.deletes++;
            if (seen.values.includes(FORGED)) disagreements.push(`guard: the client's ${HEADER} is deleted; Squid passed it (${seen.values.join(', ')}) — ${where}`);
          }
          if (SQUID_ANSWERS.addsValue(conf, HEADER, { host })) {
            tally.adds++;
            if (!seen.values.some((v) => v.startsWith('configured-'))) disagreements.push(`guard: ${HEADER} is added; the origin got ${JSON.stringify(seen.values)} — ${where}`);
          }
          for (const reply of replies) {
            const action = SQUID_ANSWERS.replyAction(conf, { host, reply });
            // No rule matching: "the default is the opposite of the last line in the list"; no rule at all allows
            // (https://www.squid-cache.org/Doc/config/http_reply_access/).
            const last = rules.filter((l) => l.startsWith('http_reply_access ')).pop()?.split(' ')[1];
            const decided = action === 'none' ? (last === 'allow' ? 'deny' : 'allow') : action;
            if (decided !== 'deny' && decided !== 'allow') continue;
            const status = await replyStatus(port, host, reply);
            if (action === 'none') tally.replyNone++;
            else if (action === 'deny') tally.replyDeny++;
            else tally.replyAllow++;
            const squidMust = decided === 'deny' ? 403 : reply.status;
            if (status !== squidMust) disagreements.push(`guard: reply ${JSON.stringify(reply)} ${action}; Squid answered ${status} — ${where}`);
          }
        }
      } finally {
        await killProcess(running.process);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`Squid judgment oracle, seed ${SEED}: ${JSON.stringify(tally)}`);
    expect(disagreements).toEqual([]);
    // The cases must exercise every answer compared, or the comparison proves nothing (a generator that drifted).
    if (CASES >= 10) {
      expect(tally.cases).toBeGreaterThanOrEqual(CASES / 2);
      for (const k of ['bump', 'deletes', 'adds', 'replyDeny', 'replyAllow'] as const) expect({ [k]: tally[k] > 0 }).toEqual({ [k]: true });
    }
  }, Math.max(120_000, CASES * 15_000));

  test(`${CASES} random ICAP configurations (seed ${ICAP_SEED}): where the guard says a reply goes to an ICAP RESPMOD service, Squid hands it `
    + 'to that one; where it says none, to none', async () => {
    if (!haveIcap) return;
    const r = random(ICAP_SEED);
    const disagreements: string[] = [];
    const tally = { cases: 0, rejected: 0, serviceDown: 0, disabled: 0, adapted: 0, none: 0, unknown: 0 };
    const icapDir = path.join(dir, 'icap');
    fs.mkdirSync(icapDir);
    if (isRoot) sh('chown', ['-R', `${squidUser}:`, icapDir], dir);
    const icapPort = await freePort();
    const icap = await startIcap(icapDir, icapPort, ['ServiceAlias echo2 echo']);
    try {
      for (let c = 0; c < CASES; c++) {
        const rules = randomAdaptation(r, icapPort);
        const replies = some(r, REPLIES, 3);
        const { caseDir, file, port } = await newCase(dir, `icap-${c}`);
        const text = configuration(dir, caseDir, port, rules);
        fs.writeFileSync(file, text);
        if (!squidLoads(file)) {
          tally.rejected++;
          continue;
        }
        tally.cases++;
        const conf = parseSquid(text);
        const enabled = SQUID_ANSWERS.icapEnabled(conf);
        // Each probe's path is its own (`n`), so that c-icap's log tells which replies went to which service.
        const asked: { n: string; answer: string; probe: string }[] = [];
        const running = await startSquid(caseDir, file, port);
        try {
          for (const host of HOSTS) {
            for (const reply of replies) {
              const n = `${c}-${asked.length}`;
              const answer = SQUID_ANSWERS.adaptationFor(conf, { host, reply });
              const q = new URLSearchParams({ status: String(reply.status), type: reply.mimeType ?? '', disposition: reply.contentDisposition ?? '' });
              const seen = await viaProxy(port, host, originPort, { ca: [bumpCa], path: `/reply/${n}?${q}` }).catch(() => undefined);
              // A reply Squid did not fetch says nothing (the bump failed: the other oracle's business).
              if (seen?.issuer !== 'jichitai-test-bump-ca') continue;
              asked.push({ n, answer, probe: `${host} ${JSON.stringify(reply)}` });
            }
          }
        } finally {
          await killProcess(running.process);
        }
        // A service Squid took for down (its OPTIONS not answered in time on a loaded machine) is skipped when bypassable
        // or fails the reply: the case then says nothing about adaptation_access.
        if (/ICAP service is (down|suspended)|suspending ICAP service/i.test(fs.readFileSync(path.join(caseDir, 'cache.log'), 'utf8'))) {
          tally.serviceDown++;
          continue;
        }
        // c-icap logs a transaction when it closes it, which may be after Squid answered the client: a moment for the
        // last ones, and up to 5 s for a line the guard expects.
        await new Promise((done) => setTimeout(done, 300));
        const sent = async (n: string, wait: boolean) => {
          const deadline = Date.now() + (wait ? 5_000 : 0);
          for (;;) {
            const services = icapAccessLog(icapDir).split('\n').filter((l) => l.startsWith('RESPMOD ') && l.endsWith(`:${originPort}/reply/${n}`))
              .map((l) => l.split(' ')[2]);
            if (services.length > 0 || Date.now() > deadline) return services;
            await new Promise((done) => setTimeout(done, 100));
          }
        };
        for (const { n, answer, probe } of asked) {
          const where = `case ${c} (seed ${ICAP_SEED}), ${probe}:\n${rules.join('\n').replace(/:\d+\//g, ':PORT/')}`;
          const expected = !enabled || answer === 'none' ? 'none' : ICAP_SERVICES.find((s) => s.id === answer)?.path;
          if (!enabled) tally.disabled++;
          else if (answer === 'none') tally.none++;
          else if (expected === undefined) tally.unknown++;
          else tally.adapted++;
          if (expected === undefined) continue;
          const services = await sent(n, expected !== 'none');
          const got = services.length === 0 ? 'none' : services.join(' ');
          if (got !== expected) disagreements.push(`guard: ${enabled ? answer : 'icap_enable off'}; Squid's RESPMOD: ${got} — ${where}`);
        }
      }
    } finally {
      await stopGroup(icap.process, icapPort);
    }
    // eslint-disable-next-line no-console
    console.log(`Squid ICAP oracle, seed ${ICAP_SEED}: ${JSON.stringify(tally)}`);
    expect(disagreements).toEqual([]);
    if (CASES >= 10) {
      expect(tally.cases).toBeGreaterThanOrEqual(CASES / 2);
      expect({ adapted: tally.adapted > 0, none: tally.none > 0 }).toEqual({ adapted: true, none: true });
    }
  }, Math.max(120_000, CASES * 15_000));

  test(`${ACCESS_CASES} random http_access configurations (seed ${ACCESS_SEED}): where the guard says a hub proxy relays to no private or member `
    + 'destination, Squid refuses every one', async () => {
    const r = random(ACCESS_SEED);
    const disagreements: string[] = [];
    const tally = { mayRelay: 0, rejected: 0, refuses: 0, probes: 0 };
    for (let c = 0; c < ACCESS_CASES; c++) {
      const members = MEMBER_BLOCKS.filter(() => r() < 0.5);
      const rules = randomAccess(r, members);
      const { caseDir, file, port } = await newCase(dir, `access-${c}`, { hosts: RELAY_HOSTS });
      const text = accessConfiguration(caseDir, port, rules);
      fs.writeFileSync(file, text);
      // The guard's only definite answer: no problem, so the proxy refuses every private and member destination. A
      // problem (the guard cannot show the refusal) claims nothing about what Squid does: not compared, not started.
      if (SQUID_RELAY_ANSWERS.relayProblem(parseSquid(text), members) !== undefined) {
        tally.mayRelay++;
        continue;
      }
      if (!squidLoads(file)) {
        tally.rejected++;
        continue;
      }
      tally.refuses++;
      const running = await startSquid(caseDir, file, port);
      try {
        for (const { target, block } of RELAY_PROBES.filter((p) => PRIVATE_BLOCKS.includes(p.block) || members.includes(p.block))) {
          for (const method of ['GET', 'CONNECT'] as const) {
            tally.probes++;
            const seen = await askToRelay(port, target, method);
            if (seen !== 'denied') {
              disagreements.push(`guard: refuses every private and member destination; Squid: ${method} ${target} (${block}) ${seen} — `
                + `case ${c} (seed ${ACCESS_SEED}), members ${members.join(' ') || 'none'}:\n${rules.join('\n')}`);
            }
          }
        }
      } finally {
        await killProcess(running.process);
      }
    }
    // eslint-disable-next-line no-console
    console.log(`Squid http_access oracle, seed ${ACCESS_SEED}: ${JSON.stringify(tally)}`);
    expect(disagreements).toEqual([]);
    if (CASES >= 10) {
      expect({ refuses: tally.refuses > 0, mayRelay: tally.mayRelay > 0 }).toEqual({ refuses: true, mayRelay: true });
    }
  }, Math.max(120_000, CASES * 15_000));
});

test('the skeleton without rules is one Squid accepts (the oracle\'s cases differ from it only in their rules)', () => {
  if (!haveTools) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-squid-skeleton-'));
  try {
    makeCa(dir, 'bump-ca');
    makeCa(dir, 'origin-ca');
    fs.writeFileSync(path.join(dir, 'hosts'), '127.0.0.1 localhost\n');
    const file = path.join(dir, 'squid.conf');
    fs.writeFileSync(file, configuration(dir, dir, 3128, []));
    expectSquidAccepts(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
