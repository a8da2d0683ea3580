/**
 * Validation of the α′ breakout (REQUIREMENTS §3, AP-1 … AP-6): the cloud services on the allow-list (catalogue entries
 * and the user's own definitions alike), tenant restriction, the tenant-restriction proxy and the IPS rules. These values
 * end up in the firewall's rule groups, `squid.conf` and the proxy's root boot script, so each one is checked here against
 * its real grammar. Every problem is reported (never thrown), whatever the input.
 */
import { bi } from './bilingual';
import { MunicipalNetworkBlueprintProps } from './blueprint';
import { CloudServiceCatalogue } from './catalogue';
import { Ipv4Cidr } from './cidr';
import { CloudServiceCategory, CloudServiceDefinition, TenantHeader, TenantRestriction } from './cloud-service';
import { domainProblems, isSubdomainPattern, patternCovers, patternsOverlap } from './domains';
import { HostDeclaration, HostRole } from './flows';
import { AlphaPrimeCase } from './network-model';
import { Protocol } from './port';
import { Zone } from './segment';
import { THREAT_SIGNATURE_GROUPS } from './threat-signatures';
import { checkCidrList, checkPort, isObject, isPort, isStringArray, NAME, Problems } from './validate-common';

// ---------------------------------------------------------------------------------------------------------------------
// Grammars of the values that reach squid.conf, the boot script and the rule groups.

/** Display and scheme names: the catalogue's longest is ~130 characters; one squid.conf comment line each. */
const MAX_NAME = 200;
/** Reasons and descriptions (reports, acknowledgements). */
const MAX_TEXT = 1000;
/** URLs: the de-facto limit browsers and proxies accept. */
const MAX_URL = 2048;
/** Services on one allow-list; the proxy's user data (16 KiB) is exhausted long before. */
const MAX_SERVICES = 100;
/** Tenant IDs per service (GitHub accepts up to 20 enterprises; Entra v1 lists are short). */
const MAX_TENANT_IDS = 50;
/** Headers per tenant-restriction scheme (the catalogue's have one or two). */
const MAX_HEADERS = 10;
/** Rules in the IPS rule group: its fixed capacity (CAPACITY.rules in src/plan/firewall-rules.ts). */
const MAX_IPS_RULES = 200;
/** One IPS rule. */
const MAX_IPS_RULE = 4096;

/**
 * Characters that end a line (in squid.conf, a shell script or an error message), hide text, or cannot be printed:
 * controls (C0, DEL, C1 with NEL U+0085), format characters (bidi overrides, zero-width), line and paragraph separators
 * (U+2028/U+2029), lone surrogates, private-use and unassigned code points.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;
/** What AWS CDK (`${Token[…]}`) and Terraform (`${…}`, `%{…}`) read as a reference or template directive, and Squid as a macro. */
const REFERENCE_START = /[$%]\{/;

/** RFC 3986 characters (reserved and unreserved, percent-encoding) without `'`, `$` and the ones RFC 3986 excludes (space, `"`, `\`, `<`, `>`, `{`, `}`). */
const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!&()*+,;=%]+$/;

/**
 * An HTTP field name: an RFC 9110 token (§5.1, §5.6.2 tchar), starting with a letter or digit so that Squid never reads
 * it as a comment (`#`). https://www.rfc-editor.org/rfc/rfc9110#section-5.6.2
 */
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9!#$%&'*+\-.^_`|~]{0,127}$/;
/**
 * Names `request_header_access` gives a meaning of its own: every header, or every unknown one.
 * https://www.squid-cache.org/Doc/config/request_header_access/
 */
const SQUID_SPECIAL_HEADERS = new Set(['all', 'other']);
/** The placeholders a header value template may use (see `TenantHeader.valueTemplate`). */
const PLACEHOLDERS = ['tenants', 'directoryId', 'policyId'] as const;
type Placeholder = typeof PLACEHOLDERS[number];
/** Literal text of a value template: visible ASCII without quotes, backslash, `%` (a Squid logformat macro), `$`, `#` or braces. */
const TEMPLATE_LITERAL = /^[A-Za-z0-9._:,;=+/@!&*~^|()[\]-]*$/;
/** Separators between tenant IDs: a comma or semicolon, optionally followed by one space (GitHub documents ", "). */
const SEPARATOR = /^[,;] ?$/;

/**
 * A GUID (8-4-4-4-12 hexadecimal digits). Microsoft Entra directory (tenant) IDs are GUIDs
 * (https://learn.microsoft.com/en-us/entra/fundamentals/how-to-find-tenant), and so is the ID of a tenant
 * restrictions v2 policy (https://learn.microsoft.com/en-us/entra/external-id/tenant-restrictions-v2).
 */
const GUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
/** Slack workspace (T…) and org (E…) IDs: https://slack.com/help/articles/360024821873-Approve-Slack-workspaces-for-your-network */
const SLACK_ID = /^[TE][A-Z0-9]{1,20}$/;
/**
 * Dropbox team IDs as Dropbox's API writes them, `dbtid:` and a URL-safe base64 body
 * (https://www.dropbox.com/developers/documentation/http/teams#team-get_info, `team_id`).
 */
const DROPBOX_TEAM_ID = /^dbtid:[A-Za-z0-9_-]{1,128}$/;
/** Tenant IDs of schemes we know no format of: letters and digits with `. _ : @ + = / -`, nothing Squid or a shell reads. */
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+=/-]{0,127}$/;

/** The format of one kind of tenant identifier. */
interface IdFormat {
  readonly test: (v: string) => boolean;
  /** What it must be, for the message. */
  readonly what: string;
}

const isHostName = (v: string) => !isSubdomainPattern(v) && domainProblems(v).length === 0;
const FORMATS: Record<string, IdFormat> = {
  guid: { test: (v) => GUID.test(v), what: 'a GUID such as 00000000-0000-0000-0000-000000000000 (the Entra portal shows it)' },
  guidOrDomain: { test: (v) => GUID.test(v) || isHostName(v), what: 'an Entra directory ID (a GUID) or a domain registered with the tenant, e.g. city.example.lg.jp' },
  domain: { test: isHostName, what: 'a domain name in lower case, e.g. city.example.lg.jp' },
  slack: { test: (v) => SLACK_ID.test(v), what: 'a Slack workspace ID (T…) or org ID (E…), upper-case letters and digits' },
  dropbox: { test: (v) => DROPBOX_TEAM_ID.test(v), what: 'a Dropbox team ID, dbtid: followed by letters, digits, _ and - (the team_id of Dropbox\'s team/get_info)' },
  plain: { test: (v) => PLAIN_ID.test(v), what: 'a plain identifier (letters, digits and . _ : @ + = / -, at most 128 characters)' },
};

/**
 * The identifier each documented header expects, by header name (lower case) and placeholder. Headers of other schemes
 * take `plain` identifiers.
 * - Entra v2 `sec-Restrict-Tenant-Access-Policy: <directoryId>:<policyId>`, both GUIDs (tenant-restrictions-v2, above);
 * - Entra v1 `Restrict-Access-Context`: "a single directory ID"; `Restrict-Access-To-Tenants`: the tenants' directory IDs
 *   or any domain registered with them (https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/tenant-restrictions);
 * - Google `X-GoogApps-Allowed-Domains` (https://support.google.com/a/answer/1668854) and Webex `CiscoSpark-Allowed-Domains`
 *   (https://help.webex.com/en-us/article/m0jby2): domains;
 * - Slack `X-Slack-Allowed-Workspaces(-Requester)`: workspace / org IDs;
 * - Dropbox `X-Dropbox-allowed-Team-Ids`: team IDs (`dbtid:…`).
 */
const HEADER_ID_FORMATS: Record<string, Partial<Record<Placeholder, IdFormat>>> = {
  'sec-restrict-tenant-access-policy': { directoryId: FORMATS.guid, policyId: FORMATS.guid },
  'restrict-access-context': { directoryId: FORMATS.guid },
  'restrict-access-to-tenants': { tenants: FORMATS.guidOrDomain, directoryId: FORMATS.guid },
  'x-googapps-allowed-domains': { tenants: FORMATS.domain },
  'ciscospark-allowed-domains': { tenants: FORMATS.domain },
  'x-slack-allowed-workspaces': { tenants: FORMATS.slack, directoryId: FORMATS.slack },
  'x-slack-allowed-workspaces-requester': { tenants: FORMATS.slack, directoryId: FORMATS.slack },
  'x-dropbox-allowed-team-ids': { tenants: FORMATS.dropbox },
};

/**
 * Secrets Manager secret ARN: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 random characters>`;
 * names are 1-512 of `A-Za-z0-9/_+=.@-`.
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (Name)
 */
export const SECRET_ARN = /^arn:aws(?:-[a-z]+)*:secretsmanager:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;
/** KMS key ARN: `arn:<partition>:kms:<region>:<account>:key/<key-id>`. https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id-key-ARN */
const KMS_KEY_ARN = /^arn:aws(?:-[a-z]+)*:kms:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:\d{12}:key\/[A-Za-z0-9-]{1,128}$/;
/**
 * Network Firewall stateful rule group ARN, the user's own (account ID) or AWS managed (`aws-managed`); rule group names are
 * 1-128 of `A-Za-z0-9-`. https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_CreateRuleGroup.html
 */
const RULE_GROUP_ARN = /^arn:aws(?:-[a-z]+)*:network-firewall:[a-z]{2}(?:-[a-z]+)+-\d{1,2}:(?:\d{12}|aws-managed):stateful-rulegroup\/[A-Za-z0-9-]{1,128}$/;
/**
 * An AWS CDK string token, exactly: `${Token[<key>]}` with the key characters aws-cdk-lib encodes
 * (core/lib/private/encoding: BEGIN_STRING_TOKEN_MARKER, VALID_KEY_CHARS).
 */
export const CDK_TOKEN = /^\$\{Token\[[A-Za-z0-9:._-]+\]\}$/;
/** A CDKTF string token, exactly: `${TfToken[<key>]}` (cdktf lib/tokens/private/encoding). */
export const CDKTF_TOKEN = /^\$\{TfToken\[[A-Za-z0-9:._-]+\]\}$/;
/** A Terraform reference to a secret of the same configuration (Terraform identifiers: letters, digits, `_`, `-`). */
export const TERRAFORM_SECRET_REFERENCE = /^\$\{aws_secretsmanager_secret\.[A-Za-z_][A-Za-z0-9_-]*\.arn\}$/;
export const TERRAFORM_KMS_REFERENCE = /^\$\{aws_kms_key\.[A-Za-z_][A-Za-z0-9_-]*\.arn\}$/;

/**
 * Suricata rule actions a user's IPS rule may take: drop, alert and the reject variants. Never `pass`, which under strict
 * order would let traffic through ahead of the FQDN allow-list (AP-1).
 * https://docs.suricata.io/en/latest/rules/intro.html#action
 */
const IPS_ACTIONS = new Set(['drop', 'alert', 'reject', 'rejectsrc', 'rejectdst', 'rejectboth']);
/** Protocols of the rule header (Suricata "Protocol"; the application-layer ones Network Firewall inspects). */
const IPS_PROTOCOLS = new Set([
  'ip', 'tcp', 'udp', 'icmp', 'http', 'http2', 'tls', 'ssh', 'dns', 'smb', 'ftp', 'smtp', 'imap', 'krb5', 'dcerpc', 'dhcp',
  'ntp', 'quic', 'rdp', 'sip', 'snmp', 'tftp', 'ikev2', 'nfs', 'mqtt',
]);
/** Suricata keywords a user's rule may not use: `bypass` exempts the rest of the flow from inspection (the allow-list too). */
const IPS_FORBIDDEN_KEYWORDS = new Set(['bypass']);
const IPS_ADDRESS_ITEM = String.raw`!?(?:any|\$HOME_NET|\$EXTERNAL_NET|\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?)`;
const IPS_ADDRESS = String.raw`(?:${IPS_ADDRESS_ITEM}|!?\[${IPS_ADDRESS_ITEM}(?:,${IPS_ADDRESS_ITEM})*\])`;
const IPS_PORT_ITEM = String.raw`!?(?:any|\d{1,5}(?::\d{0,5})?)`;
const IPS_PORT = String.raw`(?:${IPS_PORT_ITEM}|!?\[${IPS_PORT_ITEM}(?:,${IPS_PORT_ITEM})*\])`;
/** `action proto src sport -> dst dport (options)`: https://docs.suricata.io/en/latest/rules/intro.html */
const IPS_RULE = new RegExp(String.raw`^([a-z]+) ([a-z0-9]+) (${IPS_ADDRESS}) (${IPS_PORT}) (?:->|<>) (${IPS_ADDRESS}) (${IPS_PORT}) \((.*)\)$`);
/** One option: `keyword;` or `keyword:value;`, the value quoted (with `\"`, `\\`, `\;` escapes) or bare. */
const IPS_OPTION = /^\s*([a-z0-9_.-]+)\s*(?::\s*("(?:[^"\\]|\\["\\;:|])*"|[^";]*?))?\s*;/;

// ---------------------------------------------------------------------------------------------------------------------

/** A value for a message: JSON, with line breaks and invisible characters escaped, shortened; never throws. */
export function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' || (typeof v === 'object' && v !== null) ? (JSON.stringify(v) ?? String(v)) : String(v);
  } catch {
    s = Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`;
  }
  s = s.replace(UNPRINTABLE_ALL, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  const chars = [...s];
  return chars.length > 80 ? `${chars.slice(0, 72).join('')}… (${chars.length} characters)` : s;
}

/** What is wrong with free text (names, reasons, descriptions), or undefined. */
function textProblem(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return `${show(v)} is not a string`;
  if (v.trim() === '') return 'is empty';
  const length = [...v].length;
  if (length > max) return `is ${length} characters long (at most ${max})`;
  if (UNPRINTABLE.test(v)) return `${show(v)} contains a line break, a control character or an invisible formatting character`;
  if (REFERENCE_START.test(v)) return `${show(v)} contains "\${" or "%{", which AWS CDK and Terraform read as a reference and Squid as a macro`;
  return undefined;
}

/** What is wrong with a documentation URL, or undefined. */
function urlProblem(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return `${v === undefined || v === '' ? 'is missing' : `${show(v)} is not a string`}`;
  if (v.length > MAX_URL) return `is ${v.length} characters long (at most ${MAX_URL})`;
  if (!URL_CHARS.test(v)) return `${show(v)} has characters a URL does not carry unencoded (spaces, quotes, "$", "\\", braces, controls)`;
  try {
    const u = new URL(v);
    if (u.protocol !== 'https:' || u.hostname === '' || u.username !== '' || u.password !== '') return `${show(v)} is not an https URL of a host`;
  } catch {
    return `${show(v)} is not a URL`;
  }
  return undefined;
}

/** What is wrong with an HTTP header name for Squid, or undefined. */
function headerNameProblem(v: unknown): string | undefined {
  if (typeof v !== 'string' || !HEADER_NAME.test(v)) {
    return `${show(v)} is not an HTTP field name (an RFC 9110 token of at most 128 characters, starting with a letter or digit)`;
  }
  if (SQUID_SPECIAL_HEADERS.has(v.toLowerCase())) return `${show(v)} means every header to Squid's request_header_access`;
  return undefined;
}

/** What is wrong with a header value template, or undefined. */
function templateProblem(v: unknown): string | undefined {
  if (typeof v !== 'string' || v === '') return `${v === undefined ? 'is missing' : `${show(v)} is not a non-empty string`}`;
  if (v.length > 256) return `is ${v.length} characters long (at most 256)`;
  const literal = v.replace(/\{(tenants|directoryId|policyId)\}/g, '');
  if (/[{}]/.test(literal)) return `${show(v)} has a placeholder other than {tenants}, {directoryId} and {policyId}`;
  if (!TEMPLATE_LITERAL.test(literal)) {
    return `${show(v)} has characters a header value may not carry here (spaces, quotes, backslash, "%", "$", "#", controls, non-ASCII)`;
  }
  return undefined;
}

const placeholdersOf = (template: string): Placeholder[] => PLACEHOLDERS.filter((k) => template.includes(`{${k}}`));

/**
 * Whether `value` is what `header`'s value template gives for some well-formed tenant settings: its literal text as
 * written, `{directoryId}` / `{policyId}` one identifier of the header's format, `{tenants}` one or more joined with the
 * separator (AP-3: a proxy adding `"x"` names no tenant, and the service then restricts to nothing it knows).
 */
export function tenantHeaderValueMatches(header: TenantHeader, value: string): boolean {
  const parts = header.valueTemplate.split(/(\{(?:tenants|directoryId|policyId)\})/).filter((p) => p !== '');
  const separator = header.separator ?? ',';
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const placeholders: Placeholder[] = [];
  const source = parts.map((p) => {
    const m = /^\{(tenants|directoryId|policyId)\}$/.exec(p);
    if (!m) return escape(p);
    placeholders.push(m[1] as Placeholder);
    return '(.+?)';
  }).join('');
  const found = new RegExp(`^${source}$`).exec(value);
  if (!found) return false;
  return placeholders.every((placeholder, i) => {
    const format = idFormat(header.name, placeholder);
    const text = found[i + 1];
    if (placeholder !== 'tenants') return format.test(text);
    // Several tenants: the separator, optionally followed by one space.
    return text.split(separator.trim()).every((id, j) => format.test(j === 0 ? id : id.replace(/^ /, '')));
  });
}

/** The format of the identifier a header expects for a placeholder. */
function idFormat(headerName: string, placeholder: Placeholder): IdFormat {
  return HEADER_ID_FORMATS[headerName.toLowerCase()]?.[placeholder] ?? FORMATS.plain;
}

/** How an ARN-like value is given: a literal of the grammar, or exactly one engine reference; undefined for anything else. */
export type ReferenceForm = 'literal' | 'cdk-token' | 'cdktf-token' | 'terraform-reference';

/** The form of a `caSecretArn`: a Secrets Manager ARN literal, a CDK or CDKTF token, or `${aws_secretsmanager_secret.<name>.arn}`. */
export function secretArnForm(v: unknown): ReferenceForm | undefined {
  if (typeof v !== 'string') return undefined;
  if (SECRET_ARN.test(v)) return 'literal';
  if (CDK_TOKEN.test(v)) return 'cdk-token';
  if (CDKTF_TOKEN.test(v)) return 'cdktf-token';
  if (TERRAFORM_SECRET_REFERENCE.test(v)) return 'terraform-reference';
  return undefined;
}

function kmsKeyArnForm(v: unknown): ReferenceForm | undefined {
  if (typeof v !== 'string') return undefined;
  if (KMS_KEY_ARN.test(v)) return 'literal';
  if (CDK_TOKEN.test(v)) return 'cdk-token';
  if (CDKTF_TOKEN.test(v)) return 'cdktf-token';
  if (TERRAFORM_KMS_REFERENCE.test(v)) return 'terraform-reference';
  return undefined;
}

/**
 * What is wrong with one user IPS rule (Suricata), or an empty list: one rule, printable ASCII, `action proto src sport
 * -> dst dport (options;)` with an action other than `pass`, a known protocol, `$HOME_NET` / `$EXTERNAL_NET` / IPv4
 * addresses, options ending in `;` with exactly one `sid` and one `rev`, no `bypass`.
 */
export function ipsRuleProblems(rule: unknown): string[] {
  if (typeof rule !== 'string') return [`${show(rule)} is not a string`];
  if (/[\r\n\u2028\u2029]/.test(rule)) return ['holds a line break: give one rule per string'];
  if (rule.length > MAX_IPS_RULE) return [`is ${rule.length} characters long (at most ${MAX_IPS_RULE})`];
  if (!/^[\x20-\x7e]+$/.test(rule)) return [`${show(rule)} has characters other than printable ASCII`];
  if (REFERENCE_START.test(rule)) return [`${show(rule)} contains "\${" or "%{", which Terraform reads as an interpolation`];
  // Suricata's rule loader skips a line that starts with a space or tab (DetectLoadSigFile): the rule would never run.
  if (/^\s/.test(rule)) return [`${show(rule)} starts with whitespace, and Suricata skips a rule line that does: give it without indentation`];
  const m = IPS_RULE.exec(rule.trim());
  if (!m) return [`${show(rule)} is not "action proto src sport -> dst dport (options;)" with single spaces, $HOME_NET / $EXTERNAL_NET / IPv4 addresses and numeric ports`];
  const problems: string[] = [];
  const [, action, protocol, , , , , body] = m;
  if (action === 'pass') problems.push('is a pass rule: it would let traffic through ahead of the FQDN allow-list (AP-1)');
  else if (!IPS_ACTIONS.has(action)) problems.push(`has the action "${action}"; use drop, alert or reject`);
  if (!IPS_PROTOCOLS.has(protocol)) problems.push(`has the protocol "${protocol}", which is not one Suricata inspects here`);
  const counts = new Map<string, number>();
  let rest = body;
  while (rest.trim() !== '') {
    const o = IPS_OPTION.exec(rest);
    if (!o) {
      problems.push(`has options that do not parse as "keyword;" or "keyword:value;" near ${show(rest.trim().slice(0, 30))}`);
      break;
    }
    const keyword = o[1];
    counts.set(keyword, (counts.get(keyword) ?? 0) + 1);
    if (IPS_FORBIDDEN_KEYWORDS.has(keyword)) problems.push(`uses "${keyword}", which exempts the flow from further inspection, the allow-list too (AP-1)`);
    if ((keyword === 'sid' || keyword === 'rev') && !/^[1-9]\d{0,9}$/.test(o[2] ?? '')) problems.push(`has ${keyword}:${o[2] ?? ''}, not a positive number`);
    rest = rest.slice(o[0].length);
  }
  for (const k of ['sid', 'rev']) {
    if (counts.get(k) !== 1) problems.push(`needs exactly one ${k} option (it has ${counts.get(k) ?? 0})`);
  }
  return problems;
}

/** The sid of a rule that parses, for the uniqueness check. */
function sidOf(rule: string): string | undefined {
  return /[(;]\s*sid\s*:\s*(\d+)\s*;/.exec(rule)?.[1];
}

/** The catalogue's definitions by id, Entra v1 included. */
const CATALOGUE: readonly CloudServiceDefinition[] = CloudServiceCatalogue.all();
const CATALOGUE_BY_ID = new Map(CATALOGUE.map((s) => [s.id, s]));

/** How to name a catalogue entry in a fix. */
function catalogueExpression(id: string): string {
  const constant = Object.entries(CloudServiceCatalogue).find(([, v]) => isObject(v) && (v as CloudServiceDefinition).id === id)?.[0];
  if (constant) return `{ service: CloudServiceCatalogue.${constant} }`;
  if (id === 'microsoft-365-trv1') return '{ service: CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1) }';
  return `the catalogue entry "${id}"`;
}

const CATEGORIES = new Set<unknown>(Object.values(CloudServiceCategory));
const sameSet = (a: readonly string[], b: readonly string[]) => new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

/** Whether a definition's tenant-restriction scheme is the catalogue's: the same hosts, header names and value templates. */
function sameScheme(given: unknown, catalogue: TenantRestriction | undefined): boolean {
  if (given === undefined || catalogue === undefined) return given === catalogue;
  if (!isObject(given) || !isStringArray(given.hosts) || !Array.isArray(given.headers)) return false;
  const headers = given.headers as unknown[];
  const key = (h: unknown) => (isObject(h) && typeof h.name === 'string' && typeof h.valueTemplate === 'string' ? `${h.name.toLowerCase()}\u0000${h.valueTemplate}` : '\u0001');
  return sameSet(given.hosts, catalogue.hosts) && sameSet(headers.map(key), catalogue.headers.map(key));
}

/** What validation learnt about one service, for the checks across services. */
interface CheckedService {
  readonly index: number;
  readonly path: string;
  readonly id?: string;
  readonly category?: unknown;
  /** The well-formed domains, with their index. */
  readonly domains: { readonly domain: string; readonly index: number }[];
  /** The well-formed tenant-restriction hosts, with their index. */
  readonly tenantHosts: { readonly host: string; readonly index: number }[];
  /** The names of the headers its tenant restriction sets (lower case: HTTP header names are case-insensitive). */
  readonly tenantHeaders: ReadonlySet<string>;
  /** The well-formed media CIDRs. */
  readonly mediaCidrs: Ipv4Cidr[];
}

export function checkBreakout(p: Problems, props: MunicipalNetworkBlueprintProps, hosts: Map<string, HostDeclaration>): void {
  const breakout = props.breakout!;
  const theCase = props.alphaPrimeCase;
  const communication = theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD || theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const proxied = communication && breakout.tenantProxy !== undefined;
  const services: unknown[] = breakout.services;
  if (services.length > MAX_SERVICES) {
    p.add('breakout.services', bi(`lists ${services.length} services (at most ${MAX_SERVICES})`, `に ${services.length} 個のサービスがある（${MAX_SERVICES} 個まで）`), bi('allow-list fewer services; the proxy\'s configuration must fit in EC2 user data', '許可するサービスを減らす。プロキシの設定は EC2 のユーザーデータに収まらなければならない'));
  }
  const ids = new Set<string>();
  const checked: CheckedService[] = [];
  // An index loop, not forEach: a hole in the list is reported, not skipped.
  for (let i = 0; i < Math.min(services.length, MAX_SERVICES); i++) {
    try {
      const c = checkEntry(p, i, services[i], { theCase, communication, proxied, ids });
      if (c) checked.push(c);
    } catch (e) {
      // A getter that throws, a proxy object...: reported, never thrown.
      p.add(`breakout.services[${i}]`, bi(`could not be checked (${show(e instanceof Error ? e.message : e)})`, `を検査できなかった（${show(e instanceof Error ? e.message : e)}）`),
        bi('give { service: CloudServiceDefinition, tenantIds?, policyId?, directoryId? } with plain values', '{ service: CloudServiceDefinition, tenantIds?, policyId?, directoryId? } を単純な値で指定する'));
    }
  }
  checkAcrossServices(p, checked, communication);
  checkMediaBound(p, checked);
  if (theCase === AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD && breakout.fileDownloadRestricted !== true) {
    p.add('breakout.fileDownloadRestricted', bi('is not true: case イ forbids downloading files into LGWAN (AP-6, ダウンロード制限)', 'が true ではない: ケース（イ）では LGWAN接続系へのファイルのダウンロードを禁止する（AP-6、ダウンロード制限）'), bi('set fileDownloadRestricted: true (the proxy blocks downloads), or choose case ウ with a sanitization relay', 'fileDownloadRestricted: true にする（プロキシがダウンロードを遮断する）か、無害化の中継を置いてケース（ウ）を選ぶ'));
  }
  const relay: unknown = breakout.sanitizationRelay;
  if (relay !== undefined) {
    const host = typeof relay === 'string' ? hosts.get(relay) : undefined;
    if (!host || host.role !== HostRole.SANITIZATION_RELAY) {
      p.add('breakout.sanitizationRelay', bi(`${show(relay)} is not a declared SANITIZATION_RELAY host (無害化)`, `${show(relay)} は宣言した SANITIZATION_RELAY のホストではない（無害化）`),
        bi('declare the relay in hosts with role SANITIZATION_RELAY and name it here, or leave it out', '中継をロール SANITIZATION_RELAY で hosts に宣言してここに指定するか、省略する'));
    }
  }
  checkSanitizationService(p, breakout.sanitizationService, theCase, hosts);
  checkTenantProxy(p, breakout.tenantProxy, communication);
  checkManagedThreatSignatures(p, breakout.managedThreatSignatures);
  checkIpsRules(p, breakout.ipsRules);
  const extra: unknown = breakout.extraStatefulRuleGroupArns;
  if (extra !== undefined) {
    if (!Array.isArray(extra)) {
      p.add('breakout.extraStatefulRuleGroupArns', bi('must be a list of Network Firewall stateful rule group ARNs', 'は Network Firewall のステートフルルールグループの ARN のリストでなければならない'), bi('give ARNs like arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name>', 'arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name> のような ARN を指定する'));
    } else {
      extra.forEach((a: unknown, i: number) => {
        if (typeof a !== 'string' || !RULE_GROUP_ARN.test(a)) {
          p.add(`breakout.extraStatefulRuleGroupArns[${i}]`, bi(`${show(a)} is not a Network Firewall stateful rule group ARN`, `${show(a)} は Network Firewall のステートフルルールグループの ARN ではない`),
            bi('give arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name> (or an AWS managed group, account aws-managed)', 'arn:aws:network-firewall:<region>:<account>:stateful-rulegroup/<name>（または AWS マネージドのグループ、アカウント aws-managed）を指定する'));
        }
      });
    }
  }
}

interface EntryContext {
  readonly theCase?: AlphaPrimeCase;
  readonly communication: boolean;
  readonly proxied: boolean;
  readonly ids: Set<string>;
}

function checkEntry(p: Problems, i: number, entry: unknown, ctx: EntryContext): CheckedService | undefined {
  const base = `breakout.services[${i}]`;
  const s: unknown = isObject(entry) ? entry.service : undefined;
  if (!isObject(entry) || !isObject(s)) {
    p.add(`${base}.service`, bi('is missing', 'がない'), bi('give a CloudServiceCatalogue entry or your own CloudServiceDefinition', 'CloudServiceCatalogue のエントリか、独自の CloudServiceDefinition を指定する'));
    return undefined;
  }
  const validId = typeof s.id === 'string' && NAME.test(s.id);
  const path = validId ? `${base}(${s.id})` : base;
  const sp = `${path}.service`;
  if (!validId) p.add(`${base}.service.id`, bi(`${show(s.id)} is not a service id`, `${show(s.id)} はサービスの ID ではない`), bi('use lower-case letters, digits and hyphens (at most 63), starting with a letter or digit', '英小文字・数字・ハイフンで書き（63 文字まで）、英小文字か数字で始める'));
  else if (ctx.ids.has(s.id)) p.add(path, bi('is listed twice', 'が 2 回挙げられている'), bi('list each service once', 'サービスは 1 回ずつ挙げる'));
  else ctx.ids.add(s.id);

  const nameProblem = textProblem(s.name, MAX_NAME);
  if (nameProblem) p.add(`${sp}.name`, nameProblem, `give the display name in plain text (one line, at most ${MAX_NAME} characters)`);
  if (!CATEGORIES.has(s.category)) {
    p.add(`${sp}.category`, bi(`${show(s.category)} is not a CloudServiceCategory`, `${show(s.category)} は CloudServiceCategory ではない`), bi(`use one of ${[...CATEGORIES].join(', ')}`, `${[...CATEGORIES].join(', ')} のいずれかを指定する`));
  }
  const urlIssue = urlProblem(s.documentationUrl);
  if (urlIssue) p.add(`${sp}.documentationUrl`, urlIssue, "give the vendor's https documentation URL (percent-encode spaces and quotes)");

  // Domains (AP-2).
  const domains: { domain: string; index: number }[] = [];
  if (!Array.isArray(s.domains) || s.domains.length === 0) {
    p.add(`${sp}.domains`, bi('is empty', 'が空'), bi('list the FQDNs the service needs', 'サービスが必要とする FQDN を挙げる'));
  } else {
    s.domains.forEach((d: unknown, j: number) => {
      const problems = domainProblems(d);
      for (const pr of problems) p.add(`${sp}.domains[${j}]`, `${show(d)} ${pr}`, 'allow only the service\'s own FQDNs ("host.example.com" or "*.example.com")');
      if (problems.length === 0) domains.push({ domain: d as string, index: j });
    });
  }

  // Ports (AP-5).
  const ports: unknown[] = s.ports === undefined ? [] : Array.isArray(s.ports) ? s.ports : [];
  if (s.ports !== undefined && (!Array.isArray(s.ports) || s.ports.length === 0)) {
    p.add(`${sp}.ports`, bi('must be a non-empty list of ports', 'はポートの空でないリストでなければならない'), bi('e.g. [Port.HTTPS], or leave it out for TCP 443', '例: [Port.HTTPS]。TCP 443 だけなら省略する'));
  }
  const goodPorts: { protocol: string; fromPort: number; toPort: number }[] = [];
  ports.forEach((port, j) => {
    if (!checkPort(p, `${sp}.ports[${j}]`, port)) return;
    const q = port as { protocol: string; fromPort: number; toPort: number };
    goodPorts.push(q);
    if (ctx.proxied && q.protocol === Protocol.TCP && q.fromPort !== q.toPort) {
      p.add(`${sp}.ports[${j}]`, bi(`tcp/${q.fromPort}-${q.toPort} is a range; the tenant-restriction proxy accepts single TCP ports`, `tcp/${q.fromPort}-${q.toPort} は範囲だが、テナント制限プロキシが受け付けるのは個別の TCP ポートだけ`), bi('list each TCP port the service uses', 'サービスが使う TCP ポートを 1 つずつ挙げる'));
    }
  });
  const non443 = goodPorts.filter((q) => !(q.protocol === Protocol.TCP && q.fromPort === 443 && q.toPort === 443));
  if (non443.length > 0 && s.portsReason === undefined) {
    p.add(`${sp}.portsReason`, bi(`is missing for ${non443.map(portText).join(', ')} (AP-5: only TLS 443 without a reason)`, `が ${non443.map(portText).join(', ')} について書かれていない（AP-5: 理由なしに使えるのは TLS 443 だけ）`), bi('say why, e.g. "OCSP/CRL over HTTP"', '理由を書く。例: "OCSP/CRL over HTTP"'));
  } else if (s.portsReason !== undefined) {
    const pr = textProblem(s.portsReason, MAX_TEXT);
    if (pr) p.add(`${sp}.portsReason`, `${pr} (AP-5)`, 'say why in plain text, e.g. "OCSP/CRL over HTTP"');
  }

  // Media that bypasses the proxy (AP-5).
  const mediaCidrs: Ipv4Cidr[] = [];
  if (s.media !== undefined) {
    const m: unknown = s.media;
    if (!isObject(m)) {
      p.add(`${sp}.media`, bi('must be an object', 'はオブジェクトでなければならない'), bi('give { cidrs, ports, reason, documentationUrl }', '{ cidrs, ports, reason, documentationUrl } を指定する'));
    } else {
      checkCidrList(p, `${sp}.media.cidrs`, m.cidrs, true).forEach((c, j) => {
        mediaCidrs.push(c);
        if (c.prefixLength === 0) p.add(`${sp}.media.cidrs[${j}]`, bi('0.0.0.0/0 allows every destination (AP-5)', '0.0.0.0/0 はすべての宛先を許可してしまう（AP-5）'), bi("list the vendor's published media ranges", 'ベンダーが公開するメディアのアドレス範囲を挙げる'));
      });
      if (!Array.isArray(m.ports) || m.ports.length === 0) {
        p.add(`${sp}.media.ports`, bi('must be a non-empty list of ports (AP-5)', 'はポートの空でないリストでなければならない（AP-5）'), bi('e.g. [Port.udpRange(3478, 3481)]', '例: [Port.udpRange(3478, 3481)]'));
      } else {
        m.ports.forEach((q: unknown, j: number) => {
          // The firewall passes each media port range in a rule of its own: one range of every port is a whole transport
          // past the FQDN allow-list, which the guard refuses (AP-1).
          if (checkPort(p, `${sp}.media.ports[${j}]`, q) && q.fromPort === 1 && q.toPort === 65535) {
            p.add(`${sp}.media.ports[${j}]`, bi(`opens every ${q.protocol} port (1-65535), a whole transport past the FQDN allow-list (AP-1)`,
              `${q.protocol} のすべてのポート（1-65535）を開け、FQDN 許可リストを迂回してトランスポート全体を通してしまう（AP-1）`),
            bi("list the vendor's published media ports, e.g. Port.udpRange(3478, 3481)", 'ベンダーが公開するメディアのポートを挙げる。例: Port.udpRange(3478, 3481)'));
          }
        });
      }
      const reason = textProblem(m.reason, MAX_TEXT);
      if (reason) p.add(`${sp}.media.reason`, `${reason} (AP-5)`, 'say in plain text why the media bypasses the proxy');
      const mediaUrl = urlProblem(m.documentationUrl);
      if (mediaUrl) p.add(`${sp}.media.documentationUrl`, mediaUrl, "give the vendor's https page that publishes the ranges");
    }
  }

  // ISMAP (AP-2).
  if (typeof s.ismapListed !== 'boolean') {
    p.add(`${sp}.ismapListed`, bi(`${show(s.ismapListed)} is not true or false`, `${show(s.ismapListed)} は true でも false でもない`), bi('say whether the service is on the ISMAP cloud service list', 'サービスが ISMAP クラウドサービスリストに登録されているかどうかを指定する'));
  }
  const conditions: unknown = s.securityUpdateConditions;
  if (conditions !== undefined && !(isObject(conditions) && ['handlesNoAdministrativeDocuments', 'restrictedByUrl', 'authenticatedByTrustedCertificate']
    .every((k) => typeof conditions[k] === 'boolean'))) {
    p.add(`${sp}.securityUpdateConditions`, bi('must be { handlesNoAdministrativeDocuments, restrictedByUrl, authenticatedByTrustedCertificate } with true or false each', 'は { handlesNoAdministrativeDocuments, restrictedByUrl, authenticatedByTrustedCertificate } をそれぞれ true か false で指定したものでなければならない'),
      bi('give the three conditions of a security-update service, or leave it out', 'セキュリティ更新サービスの 3 条件を指定するか、省略する'));
  }
  if (s.ismapListed !== true) {
    const ok = isObject(conditions) && conditions.handlesNoAdministrativeDocuments === true && conditions.restrictedByUrl === true
      && conditions.authenticatedByTrustedCertificate === true;
    if (!ok) {
      p.add(path, bi('is not ISMAP-listed and does not meet the three conditions for a security-update service (AP-2)', 'は ISMAP に登録されておらず、セキュリティ更新サービスの 3 条件も満たさない（AP-2）'),
        bi('use an ISMAP-listed service, or, for a security-update service (virus definitions, IP/URL lists), confirm securityUpdateConditions: it handles no administrative documents (行政文書を扱わない), is restricted by URL, and is authenticated by a trusted certificate', 'ISMAP 登録のサービスを使うか、セキュリティ更新サービス（ウイルス定義、IP/URL リスト）なら securityUpdateConditions で 3 条件（行政文書を扱わない、URL で制限されている、信頼できる証明書で認証される）を確認する'));
    }
  }

  // No relabelling: a catalogue id keeps the catalogue's category and domains; a catalogue communication tool's domains stay one.
  const catalogue = validId ? CATALOGUE_BY_ID.get(s.id) : undefined;
  const own = catalogue === undefined || s !== catalogue;
  if (catalogue && own) {
    if (s.category !== catalogue.category) {
      p.add(`${sp}.category`, bi(`${show(s.category)} relabels the catalogue service ${catalogue.name}, a ${catalogue.category}`, `${show(s.category)} がカタログのサービス ${catalogue.name}（${catalogue.category}）の分類を変えている`),
        bi(`keep the catalogue's category (use ${catalogueExpression(catalogue.id)}), or give a service of your own an id of its own`, `カタログの分類のまま使う（${catalogueExpression(catalogue.id)}）か、独自のサービスには別の ID を付ける`));
    }
    if (!(isStringArray(s.domains) && sameSet(s.domains, catalogue.domains))) {
      p.add(`${sp}.domains`, bi(`differ from the domains of the catalogue service ${catalogue.name} of the same id`, `が、同じ ID のカタログのサービス ${catalogue.name} のドメインと異なる`),
        bi(`use ${catalogueExpression(catalogue.id)} as it is, or give a service of your own an id of its own`, `${catalogueExpression(catalogue.id)} をそのまま使うか、独自のサービスには別の ID を付ける`));
    }
    // The guard (AP-3) holds a catalogue id to the catalogue's tenant-restriction scheme: the same sign-in hosts and
    // headers, or none where the catalogue has none.
    if (!sameScheme(s.tenantRestriction, catalogue.tenantRestriction)) {
      p.add(`${sp}.tenantRestriction`, bi(`differs from the tenant-restriction scheme of the catalogue service ${catalogue.name} of the same id `
        + `(${catalogue.tenantRestriction ? `${catalogue.tenantRestriction.headers.map((h) => h.name).join(', ')} on ${catalogue.tenantRestriction.hosts.join(', ')}` : 'none'}) (AP-3)`, `が、同じ ID のカタログのサービス ${catalogue.name} のテナント制限の方式（${catalogue.tenantRestriction ? `${catalogue.tenantRestriction.headers.map((h) => h.name).join(', ')} を ${catalogue.tenantRestriction.hosts.join(', ')} で` : 'なし'}）と異なる（AP-3）`),
      bi(`use ${catalogueExpression(catalogue.id)} as it is, or give a service of your own an id of its own`, `${catalogueExpression(catalogue.id)} をそのまま使うか、独自のサービスには別の ID を付ける`));
    }
  }
  if (own && CATEGORIES.has(s.category) && s.category !== CloudServiceCategory.COMMUNICATION_TOOL) {
    for (const { domain, index } of domains) {
      const tools = CATALOGUE.filter((c) => c.category === CloudServiceCategory.COMMUNICATION_TOOL
        && c.domains.some((d) => patternsOverlap(d, domain)));
      const sameKind = CATALOGUE.some((c) => c.category === s.category && c.domains.some((d) => patternCovers(d, domain)));
      if (tools.length > 0 && !sameKind) {
        p.add(`${sp}.domains[${index}]`, bi(`${show(domain)} is a domain of the communication tool ${tools[0].name}, but the service says ${String(s.category)} (no relabelling)`, `${show(domain)} はコミュニケーションツール ${tools[0].name} のドメインだが、サービスの分類が ${String(s.category)}（分類の付け替えは不可）`),
          bi('declare the service as COMMUNICATION_TOOL (cases イ/ウ, with their controls), or remove the domain', 'サービスを COMMUNICATION_TOOL として宣言する（ケース（イ）（ウ）とその対策）か、そのドメインを削除する'));
      }
    }
  }
  if (ctx.theCase === AlphaPrimeCase.LICENSE_AND_UPDATES && s.category === CloudServiceCategory.COMMUNICATION_TOOL) {
    p.add(path, bi('is a communication tool, but case ア allows only license authentication and updates', 'はコミュニケーションツールだが、ケース（ア）で認められるのはライセンス認証とアップデートだけ'), bi('choose case COMMUNICATION_NO_DOWNLOAD (イ) or COMMUNICATION_WITH_SANITIZATION (ウ), or remove the service', 'ケース COMMUNICATION_NO_DOWNLOAD（イ）か COMMUNICATION_WITH_SANITIZATION（ウ）を選ぶか、サービスを削除する'));
  }

  const tenantHosts = checkTenantRestriction(p, base, sp, entry, s, domains.map((d) => d.domain), ctx.communication);
  const headers: unknown[] = Array.isArray(s.tenantRestriction?.headers) ? s.tenantRestriction!.headers : [];
  const tenantHeaders = new Set<string>(headers.flatMap((h) => {
    const name = (h as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name.toLowerCase()] : [];
  }));
  return { index: i, path, id: validId ? s.id : undefined, category: s.category, domains, tenantHosts, tenantHeaders, mediaCidrs };
}

/** The tenant-restriction scheme of a service and the entry's tenant settings; returns the well-formed hosts. */
function checkTenantRestriction(
  p: Problems, base: string, sp: string, entry: Record<string, any>, s: Record<string, any>, domains: string[], communication: boolean,
): { host: string; index: number }[] {
  const tr: unknown = s.tenantRestriction;
  if (tr === undefined) return [];
  const tp = `${sp}.tenantRestriction`;
  if (!isObject(tr)) {
    p.add(tp, bi('must be an object', 'はオブジェクトでなければならない'), bi('give { scheme, hosts, headers, documentationUrl, tenantIdDescription }, or leave it out', '{ scheme, hosts, headers, documentationUrl, tenantIdDescription } を指定するか、省略する'));
    return [];
  }
  const scheme = textProblem(tr.scheme, MAX_NAME);
  if (scheme) p.add(`${tp}.scheme`, scheme, 'name the scheme in plain text, e.g. "Microsoft Entra tenant restrictions v2"');
  const description = textProblem(tr.tenantIdDescription, MAX_TEXT);
  if (description) p.add(`${tp}.tenantIdDescription`, description, 'say in plain text what tenantIds are for this scheme');
  const url = urlProblem(tr.documentationUrl);
  if (url) p.add(`${tp}.documentationUrl`, url, "give the vendor's https documentation URL of the scheme");

  const hosts: { host: string; index: number }[] = [];
  if (!Array.isArray(tr.hosts) || tr.hosts.length === 0) {
    p.add(`${tp}.hosts`, bi(`${tr.hosts === undefined ? 'is missing' : `${show(tr.hosts)} is not a non-empty list of host names`}`, `${tr.hosts === undefined ? 'がない' : `${show(tr.hosts)} はホスト名の空でないリストではない`}`), bi('list the sign-in hosts the vendor documents, e.g. ["login.example.com"]', 'ベンダーが示すサインインのホストを挙げる。例: ["login.example.com"]'));
  } else {
    tr.hosts.forEach((h: unknown, j: number) => {
      const problems = domainProblems(h);
      for (const pr of problems) p.add(`${tp}.hosts[${j}]`, `${show(h)} ${pr}`, 'write "host.example.com" or "*.example.com"');
      if (problems.length > 0) return;
      hosts.push({ host: h as string, index: j });
      if (domains.length > 0 && !domains.some((d) => patternCovers(d, h as string))) {
        p.add(`${tp}.hosts[${j}]`, bi(`${show(h)} is not covered by the service's domains`, `${show(h)} がサービスのドメインに含まれていない`), bi('list the host (or a "*." pattern over it) in domains too', 'そのホスト（またはそれを含む "*." のパターン）を domains にも挙げる'));
      }
    });
  }

  const templates: { name: string; template: string }[] = [];
  if (!Array.isArray(tr.headers) || tr.headers.length === 0 || tr.headers.length > MAX_HEADERS) {
    p.add(`${tp}.headers`, bi(`${tr.headers === undefined ? 'is missing' : `must be a list of 1 to ${MAX_HEADERS} headers`}`, `${tr.headers === undefined ? 'がない' : `はヘッダー 1 個から ${MAX_HEADERS} 個のリストでなければならない`}`), bi('give [{ name, valueTemplate, separator? }] as the vendor documents them', 'ベンダーの説明どおりに [{ name, valueTemplate, separator? }] を指定する'));
  } else {
    const names = new Set<string>();
    tr.headers.forEach((h: unknown, j: number) => {
      const hp = `${tp}.headers[${j}]`;
      if (!isObject(h)) {
        p.add(hp, bi('must be an object', 'はオブジェクトでなければならない'), bi('give { name, valueTemplate, separator? }', '{ name, valueTemplate, separator? } を指定する'));
        return;
      }
      const nameIssue = headerNameProblem(h.name);
      if (nameIssue) p.add(`${hp}.name`, nameIssue, 'write the header name exactly as the vendor documents it');
      else if (names.has(h.name.toLowerCase())) p.add(`${hp}.name`, bi(`${show(h.name)} is listed twice`, `${show(h.name)} が 2 回挙げられている`), bi('list each header once', 'ヘッダーは 1 回ずつ挙げる'));
      else names.add(h.name.toLowerCase());
      const templateIssue = templateProblem(h.valueTemplate);
      if (templateIssue) p.add(`${hp}.valueTemplate`, templateIssue, 'write the value with {tenants}, {directoryId} or {policyId} and plain characters, e.g. "{directoryId}:{policyId}"');
      if (h.separator !== undefined && !(typeof h.separator === 'string' && SEPARATOR.test(h.separator))) {
        p.add(`${hp}.separator`, bi(`${show(h.separator)} is not a separator`, `${show(h.separator)} は区切り文字ではない`), bi('give ",", ";", ", " or "; ", or leave it out for ","', '","、";"、", "、"; " のいずれかを指定するか、"," なら省略する'));
      }
      if (!nameIssue && !templateIssue) templates.push({ name: h.name, template: h.valueTemplate });
    });
  }

  // The municipality's tenant settings.
  const tenantIds: unknown = entry.tenantIds;
  const ids: string[] = [];
  if (tenantIds !== undefined) {
    if (!Array.isArray(tenantIds) || tenantIds.length > MAX_TENANT_IDS) {
      p.add(`${base}.tenantIds`, `must be a list of at most ${MAX_TENANT_IDS} identifiers`, `give ${plainDescription(tr.tenantIdDescription)}`);
    } else {
      tenantIds.forEach((t: unknown, j: number) => {
        if (typeof t !== 'string' || t.trim() === '') p.add(`${base}.tenantIds[${j}]`, `${show(t)} is not an identifier`, `give ${plainDescription(tr.tenantIdDescription)}`);
        else ids.push(t);
      });
    }
  }
  for (const key of ['policyId', 'directoryId'] as const) {
    const v: unknown = entry[key];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) p.add(`${base}.${key}`, bi(`${show(v)} is not an identifier`, `${show(v)} は識別子ではない`), bi(`give the ${key} as a string`, `${key} を文字列で指定する`));
  }
  const directoryGiven = typeof entry.directoryId === 'string' && entry.directoryId.trim() !== '';
  const uses = (k: Placeholder) => templates.some((t) => t.template.includes(`{${k}}`));
  if (communication) {
    const tenantsMissing = uses('tenants') || (uses('directoryId') && !directoryGiven);
    if (tenantsMissing && (tenantIds === undefined || (Array.isArray(tenantIds) && tenantIds.length === 0))) {
      p.add(`${base}.tenantIds`, `is missing: ${typeof s.name === 'string' && !nameIsBad(s.name) ? s.name : show(s.id)} supports tenant restriction (${show(tr.scheme)}), required in cases イ/ウ (AP-3, テナントアクセス制御)`,
        `give ${plainDescription(tr.tenantIdDescription)}`);
    }
    if (uses('policyId') && !(typeof entry.policyId === 'string' && entry.policyId.trim())) {
      p.add(`${base}.policyId`, bi(`is missing: ${show(tr.scheme)} names a policy in its header (AP-3)`, `がない: ${show(tr.scheme)} はヘッダーでポリシーを指定する（AP-3）`), bi('give the tenant restrictions policy ID', 'テナント制限のポリシー ID を指定する'));
    }
  }
  // Every identifier in the format its header expects (it ends up inside a quoted squid.conf value).
  const reported = new Set<string>();
  const report = (path: string, value: string, f: IdFormat, header: string) => {
    const key = `${path}|${f.what}`;
    if (reported.has(key)) return;
    reported.add(key);
    p.add(path, `${show(value)} is not ${f.what} (${header} header, AP-3)`, `give ${f.what}`);
  };
  for (const { name, template } of templates) {
    for (const k of placeholdersOf(template)) {
      const f = idFormat(name, k);
      if (k === 'tenants') ids.forEach((t, j) => { if (!f.test(t)) report(`${base}.tenantIds[${j}]`, t, f, name); });
      if (k === 'directoryId') {
        const v = directoryGiven ? entry.directoryId : ids[0];
        if (typeof v === 'string' && !f.test(v)) report(directoryGiven ? `${base}.directoryId` : `${base}.tenantIds[0]`, v, f, name);
      }
      if (k === 'policyId' && typeof entry.policyId === 'string' && entry.policyId.trim() && !f.test(entry.policyId)) report(`${base}.policyId`, entry.policyId, f, name);
    }
  }
  return hosts;
}

/**
 * The media ranges of all the services together, merged, hold no more addresses than a /8: the breakout firewall passes
 * them after the FQDN allow-list, and the guard refuses more (AP-1, src/guard/rules/alpha-prime.ts PASS_BOUND, the unit
 * IANA allocates to a regional registry). A vendor publishes far narrower ranges (Microsoft Teams: a /14 and a /15).
 */
function checkMediaBound(p: Problems, services: readonly CheckedService[]): void {
  const blocks = services.flatMap((s) => s.mediaCidrs).sort((a, b) => a.network - b.network);
  let total = 0;
  let end = -1;
  for (const c of blocks) {
    if (c.last <= end) continue;
    total += c.last - Math.max(c.network, end + 1) + 1;
    end = c.last;
  }
  if (total <= 2 ** 24) return;
  p.add('breakout.services', bi(`the media ranges (media.cidrs) together hold ${total} addresses, more than a /8 holds: the breakout firewall would pass most of the internet around its FQDN allow-list (AP-1)`,
    `メディアのアドレス範囲（media.cidrs）が合わせて ${total} 個のアドレスになり、/8 を超える: ブレイクアウトのファイアウォールが FQDN 許可リストを迂回してインターネットの大半を通すことになる（AP-1）`),
  bi("list the vendor's published media ranges, together no more addresses than a /8", 'ベンダーが公開するメディアのアドレス範囲を、合わせて /8 以内で挙げる'));
}

const nameIsBad = (v: string) => textProblem(v, MAX_NAME) !== undefined;
const plainDescription = (v: unknown) => (typeof v === 'string' && textProblem(v, MAX_TEXT) === undefined ? v : 'the tenant identifiers the scheme documents');
const portText = (q: { protocol: string; fromPort: number; toPort: number }) => (q.fromPort === q.toPort ? `${q.protocol}/${q.fromPort}` : `${q.protocol}/${q.fromPort}-${q.toPort}`);

/**
 * Checks across the services: two schemes never restrict one host; and (cases イ/ウ) every allow-listed host where a
 * catalogue tenant-restriction scheme applies is restricted by a service of the list (AP-3, per host).
 */
function checkAcrossServices(p: Problems, services: readonly CheckedService[], communication: boolean): void {
  services.forEach((s, k) => {
    for (const { host, index } of s.tenantHosts) {
      const other = services.slice(0, k).find((o) => o.tenantHosts.some((h) => patternsOverlap(h.host, host)));
      if (other) {
        p.add(`${s.path}.service.tenantRestriction.hosts[${index}]`, bi(`${show(host)} is tenant-restricted by ${other.id ?? other.path} too: two schemes would send conflicting headers (AP-3)`, `${show(host)} は ${other.id ?? other.path} でもテナント制限されている: 2 つの方式が矛盾するヘッダーを送ることになる（AP-3）`),
          bi('keep one tenant-restriction scheme per sign-in host (e.g. Entra v1 or v2, not both)', 'サインインのホストごとにテナント制限の方式は 1 つにする（例: Entra v1 か v2 のどちらか）'));
      }
    }
  });
  if (!communication) return;
  // A service of a catalogue id keeps the catalogue's scheme (refused on its own otherwise): its headers are checked there.
  const restricted = services.flatMap((s) => s.tenantHosts.map((h) => ({
    host: h.host, headers: s.tenantHeaders, catalogue: s.id !== undefined && CATALOGUE_BY_ID.has(s.id),
  })));
  for (const s of services) {
    for (const { domain, index } of s.domains) {
      const missing = new Map<string, CloudServiceDefinition[]>();
      for (const c of CATALOGUE) {
        for (const h of c.tenantRestriction?.hosts ?? []) {
          if (!patternsOverlap(domain, h)) continue;
          // The part both name: the narrower of the two patterns.
          const part = patternCovers(domain, h) ? h : domain;
          if (!restricted.some((r) => patternCovers(r.host, part))) missing.set(part, [...(missing.get(part) ?? []), c]);
        }
      }
      // Restricted there, but by a scheme whose headers are none of the catalogue's for the host: a service of one's own
      // (the catalogue's domains, another header) would add a header the vendor does not read (AP-3, as the guard judges it).
      const schemes = new Map<string, CloudServiceDefinition[]>();
      for (const c of CATALOGUE) {
        for (const h of c.tenantRestriction?.hosts ?? []) {
          if (!patternsOverlap(domain, h)) continue;
          const part = patternCovers(domain, h) ? h : domain;
          if (!missing.has(part)) schemes.set(part, [...(schemes.get(part) ?? []), c]);
        }
      }
      for (const [part, candidates] of schemes) {
        const by = restricted.filter((r) => !r.catalogue && patternCovers(r.host, part));
        const vendor = (c: CloudServiceDefinition) => c.tenantRestriction!.headers.map((x) => x.name.toLowerCase());
        if (by.every((r) => candidates.some((c) => vendor(c).every((n) => r.headers.has(n))))) continue;
        const expected = [...new Set(candidates.map((c) => vendor(c).join(' + ')))];
        p.add(`${s.path}.service.domains[${index}]`,
          bi(`allow-lists ${part}, whose tenant restriction sets none of the headers the vendor reads there (${expected.join(' or ')}) (AP-3, テナントアクセス制御)`,
            `で ${part} を許可リストに載せているが、そのテナント制限は、ベンダーがそこで読むヘッダー（${expected.join(' または ')}）を設定しない（AP-3、テナントアクセス制御）`),
          bi(`restrict ${part} with the catalogue's service (${[...new Set(candidates.map((c) => catalogueExpression(c.id)))].join(' or ')}) and its tenant settings`,
            `${part} はカタログのサービス（${[...new Set(candidates.map((c) => catalogueExpression(c.id)))].join(' または ')}）とそのテナント設定で制限する`));
      }
      for (const [part, candidates] of missing) {
        const fixes = [...new Set(candidates.map((c) => `${catalogueExpression(c.id)} (${c.tenantRestriction!.scheme}: ${c.tenantRestriction!.documentationUrl})`))];
        p.add(`${s.path}.service.domains[${index}]`,
          bi(`allow-lists ${part}, but no service of the list restricts the tenant there (AP-3, テナントアクセス制御)`, `で ${part} を許可リストに載せているが、そこでテナントを制限するサービスが許可リストにない（AP-3、テナントアクセス制御）`),
          bi(`add ${fixes.join(' or ')} with its tenant settings, or remove the domain`, `${fixes.join(' または ')} をテナント設定とともに追加するか、そのドメインを削除する`));
      }
    }
  }
}

/**
 * An ICAP service path (the part of `icap://host:port/<path>` after the slash): RFC 3986 unreserved characters in
 * non-empty segments separated by `/`, nothing squid.conf or a URI would read otherwise. RFC 3507 §4.2 (ICAP URIs).
 */
const ICAP_SERVICE_PATH = /^[A-Za-z0-9._~-]{1,64}(?:\/[A-Za-z0-9._~-]{1,64}){0,7}$/;

/**
 * Case ウ's sanitization service (AP-6, 無害化): required in case ウ, refused elsewhere; a declared LGWAN host with role
 * SANITIZATION_RELAY and a single address, an ICAP port, a service path of the grammar above.
 */
function checkSanitizationService(p: Problems, service: unknown, theCase: AlphaPrimeCase | undefined, hosts: Map<string, HostDeclaration>): void {
  const path = 'breakout.sanitizationService';
  const sanitizing = theCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION;
  const example = "sanitizationService: { host: '<LGWAN host, role SANITIZATION_RELAY>', service: '<the product\'s ICAP RESPMOD path>' }";
  if (service === undefined) {
    if (sanitizing) {
      p.add(path, bi('is missing: case ウ lets files into LGWAN only after sanitization, so the proxy must hand every file response of the '
        + 'communication tools to a sanitization service (ICAP RESPMOD, failing closed); a relay alone is not enough (AP-6, 無害化)', 'がない: ケース（ウ）ではファイルは無害化してから LGWAN接続系に入れるため、プロキシがコミュニケーションツールのファイルの応答をすべて無害化サービス（ICAP RESPMOD、フェイルクローズ）に渡さなければならない。中継だけでは足りない（AP-6、無害化）'),
      bi(`declare the sanitizer in hosts (zone LGWAN, role SANITIZATION_RELAY, one /32 address) and give ${example}; or choose case イ (downloads refused)`, `無害化装置を hosts に宣言し（zone LGWAN、ロール SANITIZATION_RELAY、/32 のアドレス 1 つ）、${example} を指定する。またはケース（イ）（ダウンロードを拒否）を選ぶ`));
    }
    return;
  }
  if (!isObject(service)) {
    p.add(path, bi('must be an object', 'はオブジェクトでなければならない'), bi(`give ${example}`, `${example} を指定する`));
    return;
  }
  if (!sanitizing) {
    p.add(path, bi(`is set, but only case ウ (COMMUNICATION_WITH_SANITIZATION) sanitizes files at the proxy (the case is ${show(theCase)})`, `が指定されているが、プロキシでファイルを無害化するのはケース（ウ）（COMMUNICATION_WITH_SANITIZATION）だけ（ケースは ${show(theCase)}）`),
      bi('choose case COMMUNICATION_WITH_SANITIZATION (ウ), or remove it', 'ケース COMMUNICATION_WITH_SANITIZATION（ウ）を選ぶか、削除する'));
  }
  const name: unknown = service.host;
  const host = typeof name === 'string' ? hosts.get(name) : undefined;
  if (!host) {
    p.add(`${path}.host`, bi(`${name === undefined ? 'is missing' : `${show(name)} is not a declared host`} (AP-6, 無害化)`, `${name === undefined ? 'がない' : `${show(name)} は宣言したホストではない`}（AP-6、無害化）`),
      bi('declare the sanitizer in hosts (zone LGWAN, role SANITIZATION_RELAY, one /32 address) and name it here', '無害化装置を hosts に宣言し（zone LGWAN、ロール SANITIZATION_RELAY、/32 のアドレス 1 つ）、ここに指定する'));
  } else {
    if (host.zone !== Zone.LGWAN) {
      p.add(`${path}.host`, bi(`"${host.name}" is in ${String(host.zone)}; the proxy hands files to a sanitizer inside the LGWAN segment (AP-6, 無害化)`, `"${host.name}" は ${String(host.zone)} にあるが、プロキシがファイルを渡す無害化装置は LGWAN接続系の中に置く（AP-6、無害化）`),
        bi('declare the sanitizer with zone LGWAN (the proxy runs in LGWAN, and no path from it leaves for another segment)', '無害化装置を zone LGWAN で宣言する（プロキシは LGWAN接続系で動き、そこから他の系へ出る経路はない）'));
    }
    if (host.role !== HostRole.SANITIZATION_RELAY) {
      p.add(`${path}.host`, bi(`"${host.name}" is not a SANITIZATION_RELAY host (AP-6, 無害化)`, `"${host.name}" は SANITIZATION_RELAY のホストではない（AP-6、無害化）`), bi(`set role: HostRole.SANITIZATION_RELAY on hosts.${host.name}`, `hosts.${host.name} に role: HostRole.SANITIZATION_RELAY を設定する`));
    }
    if (!(Array.isArray(host.cidrs) && host.cidrs.length === 1 && typeof host.cidrs[0] === 'string' && host.cidrs[0].endsWith('/32'))) {
      p.add(`${path}.host`, bi(`"${host.name}" has ${show(host.cidrs)}; an ICAP service is one address`, `"${host.name}" のアドレスが ${show(host.cidrs)}: ICAP サービスのアドレスは 1 つ`), bi(`give hosts.${host.name} a single /32 CIDR, the sanitizer's address`, `hosts.${host.name} には無害化装置のアドレスとして /32 の CIDR を 1 つだけ指定する`));
    }
  }
  if (service.port !== undefined && !isPort(service.port)) {
    p.add(`${path}.port`, bi(`${show(service.port)} is not a TCP port (1-65535)`, `${show(service.port)} は TCP ポート（1-65535）ではない`), bi('give the ICAP port of the product, or leave it out for 1344 (RFC 3507)', '製品の ICAP ポートを指定するか、1344（RFC 3507）なら省略する'));
  }
  const servicePath: unknown = service.service;
  if (!(typeof servicePath === 'string' && ICAP_SERVICE_PATH.test(servicePath) && !servicePath.split('/').some((seg) => seg === '.' || seg === '..'))) {
    p.add(`${path}.service`, bi(`${servicePath === undefined ? 'is missing' : `${show(servicePath)} is not an ICAP service path`}`, `${servicePath === undefined ? 'がない' : `${show(servicePath)} は ICAP サービスのパスではない`}`),
      bi('give the RESPMOD service path the product documents, without the leading slash: letters, digits and . _ ~ -, segments separated by "/", e.g. "respmod"', '製品が示す RESPMOD サービスのパスを、先頭のスラッシュなしで指定する: 英字・数字と . _ ~ -、区切りは "/"。例: "respmod"'));
  }
}

function checkTenantProxy(p: Problems, proxy: unknown, communication: boolean): void {
  const path = 'breakout.tenantProxy';
  if (proxy === undefined) {
    if (communication) {
      p.add(path, bi('is missing: cases イ/ウ need the tenant-restriction proxy to add the tenant headers (AP-3, テナントアクセス制御)', 'がない: ケース（イ）（ウ）では、テナント制限プロキシがテナントのヘッダーを付与する必要がある（AP-3、テナントアクセス制御）'),
        bi('give tenantProxy: { caSecretArn } with the Secrets Manager secret of your TLS interception CA', 'TLS を復号する CA の Secrets Manager のシークレットを tenantProxy: { caSecretArn } に指定する'));
    }
    return;
  }
  if (!isObject(proxy)) {
    p.add(path, bi('must be an object', 'はオブジェクトでなければならない'), bi('give tenantProxy: { caSecretArn, ... }', 'tenantProxy: { caSecretArn, ... } を指定する'));
    return;
  }
  if (!communication) {
    p.add(path, bi('is set but case ア (license and updates only) has no tenant restriction', 'が指定されているが、ケース（ア）（ライセンス認証とアップデートのみ）にはテナント制限がない'), bi('remove it, or choose case イ or ウ', '削除するか、ケース（イ）か（ウ）を選ぶ'));
  }
  // The ARN reaches the proxy's root boot script: a literal of the ARN grammar, or exactly one engine reference.
  const arn = proxy.caSecretArn;
  if (secretArnForm(arn) === undefined) {
    p.add(`${path}.caSecretArn`, bi(`${arn === undefined ? 'is missing' : `${show(arn)} is not a Secrets Manager secret ARN or a reference to one`} (AP-3)`, `${arn === undefined ? 'がない' : `${show(arn)} は Secrets Manager のシークレットの ARN でも、その参照でもない`}（AP-3）`),
      bi('store the interception CA as {"certificate": "<PEM>", "privateKey": "<PEM>"} in Secrets Manager and give the secret ARN '
        + '(arn:aws:secretsmanager:<region>:<account>:secret:<name>), the secret\'s own secretArn / arn attribute, or ${aws_secretsmanager_secret.<name>.arn}', '復号用の CA を {"certificate": "<PEM>", "privateKey": "<PEM>"} として Secrets Manager に保存し、シークレットの ARN（arn:aws:secretsmanager:<region>:<account>:secret:<name>）、シークレット自身の secretArn / arn 属性、または ${aws_secretsmanager_secret.<name>.arn} を指定する'));
  }
  const key = proxy.caSecretKmsKeyArn;
  if (key !== undefined && kmsKeyArnForm(key) === undefined) {
    p.add(`${path}.caSecretKmsKeyArn`, bi(`${show(key)} is not a KMS key ARN or a reference to one`, `${show(key)} は KMS キーの ARN でも、その参照でもない`), bi('give arn:aws:kms:<region>:<account>:key/<key-id> (or the key\'s own keyArn / arn attribute), or leave it out for aws/secretsmanager', 'arn:aws:kms:<region>:<account>:key/<key-id>（またはキー自身の keyArn / arn 属性）を指定するか、aws/secretsmanager を使うなら省略する'));
  }
  if (proxy.instanceType !== undefined && !(typeof proxy.instanceType === 'string' && /^[a-z][a-z0-9-]{0,30}\.[a-z0-9]{1,20}$/.test(proxy.instanceType))) {
    p.add(`${path}.instanceType`, bi(`${show(proxy.instanceType)} is not an EC2 instance type`, `${show(proxy.instanceType)} は EC2 のインスタンスタイプではない`), bi("write e.g. 't3.medium'", "例: 't3.medium'"));
  }
  const min = proxy.minInstances ?? 2;
  if (!Number.isInteger(min) || min < 2) {
    p.add(`${path}.minInstances`, bi(`${show(proxy.minInstances)} is below 2: one proxy is a single point of failure for every terminal`, `${show(proxy.minInstances)} が 2 未満: プロキシが 1 台だと、すべての端末にとっての単一障害点になる`), bi('give 2 or more', '2 以上を指定する'));
  }
  const max = proxy.maxInstances;
  if (max !== undefined && !(Number.isInteger(max) && Number.isInteger(min) && max >= min)) {
    p.add(`${path}.maxInstances`, bi(`${show(max)} is not an integer of at least minInstances (${show(min)})`, `${show(max)} が minInstances（${show(min)}）以上の整数ではない`), bi('give a number no smaller than minInstances, or leave it out', 'minInstances 以上の数を指定するか、省略する'));
  }
  if (proxy.port !== undefined && !(isPort(proxy.port) && proxy.port !== 443 && proxy.port !== 80)) {
    p.add(`${path}.port`, bi(`${show(proxy.port)} is not a usable proxy port`, `${show(proxy.port)} はプロキシに使えるポートではない`), bi('give a TCP port other than 80 and 443, e.g. 3128 (Squid) or 8080', '80 と 443 以外の TCP ポートを指定する。例: 3128（Squid）、8080'));
  }
  const extra = proxy.extraConnectPorts;
  if (extra !== undefined && !(Array.isArray(extra) && extra.length <= 100 && extra.every(isPort))) {
    p.add(`${path}.extraConnectPorts`, bi('must be a list of TCP ports 1-65535 (AP-5)', 'は TCP ポート 1-65535 のリストでなければならない（AP-5）'), bi('e.g. [8443], or leave it out', '例: [8443]。不要なら省略する'));
  }
}

/**
 * AWS managed threat-signature groups by name (the breakout's, AP-4; the stand-in's, IN-1; the hub's, SC-2), at `path`:
 * documented `…StrictOrder` names only (the library's policies are in strict order, which cannot reference an
 * `…ActionOrder` group), each once. An empty list is allowed (the rule then judges the rest).
 */
export function checkManagedThreatSignatures(p: Problems, names: unknown, path = 'breakout.managedThreatSignatures', rule = 'AP-4'): void {
  if (names === undefined) return;
  const prop = path.slice(path.lastIndexOf('.') + 1);
  const fix = bi(`give names of ${THREAT_SIGNATURE_GROUPS.join(', ')}, or leave ${prop} out for the default set`,
    `${THREAT_SIGNATURE_GROUPS.join('、')} の名前を指定するか、${prop} を省略して既定の組を使う`);
  if (!Array.isArray(names) || names.length > THREAT_SIGNATURE_GROUPS.length) {
    p.add(path, bi(`must be a list of at most ${THREAT_SIGNATURE_GROUPS.length} AWS managed threat-signature rule group names (${rule})`,
      `は AWS マネージドの脅威シグネチャのルールグループ名 ${THREAT_SIGNATURE_GROUPS.length} 個以下のリストでなければならない（${rule}）`), fix);
    return;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const name: unknown = names[i];
    const at = `${path}[${i}]`;
    if (typeof name === 'string' && /^ThreatSignatures[A-Za-z]+ActionOrder$/.test(name)
      && THREAT_SIGNATURE_GROUPS.includes(name.replace(/ActionOrder$/, 'StrictOrder'))) {
      const strict = name.replace(/ActionOrder$/, 'StrictOrder');
      p.add(at, bi(`${show(name)} is an ActionOrder group, which a strict-order firewall policy cannot reference (${rule})`,
        `${show(name)} は ActionOrder のグループで、STRICT_ORDER のファイアウォールポリシーからは参照できない（${rule}）`),
      bi(`give ${strict} instead`, `代わりに ${strict} を指定する`));
    } else if (typeof name !== 'string' || !THREAT_SIGNATURE_GROUPS.includes(name)) {
      p.add(at, bi(`${show(name)} is not a documented AWS managed threat-signature rule group (${rule})`,
        `${show(name)} は文書化された AWS マネージドの脅威シグネチャのルールグループではない（${rule}）`), fix);
    } else if (seen.has(name)) {
      p.add(at, bi(`repeats ${name} of ${prop}[${seen.get(name)}] (${rule})`, `が ${prop}[${seen.get(name)}] の ${name} と重複している（${rule}）`),
        bi('name each group once', 'グループはそれぞれ 1 回だけ指定する'));
    } else {
      seen.set(name, i);
    }
  }
}

function checkIpsRules(p: Problems, rules: unknown): void {
  if (rules === undefined) return;
  const example = 'rules like \'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"..."; tls.sni; content:"bad.example"; sid:1000001; rev:1;)\', or leave ipsRules out for the built-in set';
  if (!Array.isArray(rules) || rules.length === 0 || rules.length > MAX_IPS_RULES) {
    p.add('breakout.ipsRules', bi(`must be a list of 1 to ${MAX_IPS_RULES} Suricata rules (AP-4)`, `は Suricata のルール 1 個から ${MAX_IPS_RULES} 個のリストでなければならない（AP-4）`), bi(`give ${example}`, `${example} を指定する`));
    return;
  }
  const sids = new Map<string, number>();
  rules.forEach((rule: unknown, i: number) => {
    const problems = ipsRuleProblems(rule);
    for (const pr of problems) p.add(`breakout.ipsRules[${i}]`, `${pr} (AP-4, IDS/IPS)`, `give ${example}`);
    const sid = problems.length === 0 ? sidOf(rule as string) : undefined;
    if (sid !== undefined && sids.has(sid)) {
      p.add(`breakout.ipsRules[${i}]`, bi(`repeats sid ${sid} of ipsRules[${sids.get(sid)}] (AP-4)`, `が ipsRules[${sids.get(sid)}] の sid ${sid} と重複している（AP-4）`), bi('give every rule a sid of its own', 'ルールごとに別の sid を付ける'));
    } else if (sid !== undefined) {
      sids.set(sid, i);
    }
  });
}
