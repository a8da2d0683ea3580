/**
 * Ways to make Squid load other directives than the guard reads in the α′ proxy's squid.conf (outside auditor, red team
 * 38; each proven with the real Squid 5.7, and the reading itself compared with `squid -k parse` in
 * test/integration/squid-reading.test.ts). Each edit of the α′ example's boot script below disables the tenant
 * restriction (AP-3, テナント制御) or the download restriction (AP-6, ファイルダウンロード制限) in Squid; each control writes
 * the same effect the ordinary way, which the guard already refused.
 *
 * - A comment line or an empty line inside a backslash continuation: Squid skips it before joining, so `!all` on the
 *   line after it is part of the directive (src/cache_cf.cc, parseOneConfigFile).
 * - An ACL name in another case: Squid finds ACLs by name in any case (ACL::FindByName), and a second line adds to the
 *   first, so `ssl_bump splice NO_BUMP` splices what `acl no_bump` lists.
 * - `ssl_bump splice step1` ahead of the peek: a splice at step 1 is final (https://www.squid-cache.org/Doc/config/ssl_bump/).
 * - A line longer than Squid's read buffer (fgets into BUFSIZ, 8192 bytes): its end is read as a line of its own.
 * - In case イ, a response adaptation service (ICAP RESPMOD at respmod_precache) rewrites the reply before
 *   http_reply_access reads its headers: the refusal then depends on a server outside the output. A service whose
 *   adaptation_access rules all miss a reply still gets it when the last of them is a deny (Squid's implicit answer).
 */
import { Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { exampleFindings } from './example-findings';
import { cdk } from '../../src';
import { planOf } from '../../src/plan/cache';

/** The α′ example with its proxy's boot script edited by `edit`, and the findings of `rule`, one per line. */
function findings(rule: 'AP-3' | 'AP-6', edit: (script: string) => string): string {
  return exampleFindings('alpha-prime', rule, (_: Stack, net: cdk.MunicipalNetwork) => {
    const script = planOf(net.blueprint).tenantProxy!.bootScript;
    const edited = edit(script);
    if (edited === script) throw new Error('test setup: the edit changed nothing');
    const template = net.lgwan.node.findAll().find((c) => c.node.path.endsWith('TenantProxy/LaunchTemplate')) as ec2.CfnLaunchTemplate;
    template.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edited));
  }).join('\n');
}

const ADD_M365 = /^request_header_add sec-Restrict-Tenant-Access-Policy "[0-9a-f-]+:[0-9a-f-]+" tenant_microsoft_365$/m;
const BUMP = /^ssl_bump bump bump_sni$/m;
const PEEK = /^ssl_bump peek step1$/m;
const REPLY_DENY = /^http_reply_access deny comm_dst download_(disposition|mime)$/gm;
const before = (re: RegExp, lines: string) => (s: string) => s.replace(re, `${lines}\n$&`);
const after = (re: RegExp, tail: string) => (s: string) => s.replace(re, `$&${tail}`);

describe('a comment or an empty line inside a continuation is skipped by Squid, not joined', () => {
  test.each([
    ['AP-3', 'the tenant header', ADD_M365],
    ['AP-3', 'the bump of the sign-in hosts', BUMP],
    ['AP-6', 'the download refusals', REPLY_DENY],
  ] as const)('%s: "!all" after a comment line switches off %s', (rule, _what, re) => {
    expect(findings(rule, after(re, ' \\\n# a comment\n!all'))).toMatch(new RegExp(`${rule} error`));
    expect(findings(rule, after(re, ' \\\n\n!all'))).toMatch(new RegExp(`${rule} error`));
  });

  test('control: "!all" on the directive\'s own line', () => {
    expect(findings('AP-3', after(ADD_M365, ' !all'))).toMatch(/AP-3 error/);
    expect(findings('AP-6', after(REPLY_DENY, ' !all'))).toMatch(/AP-6 error/);
  });
});

describe('ACL names are one ACL in any case', () => {
  const SIGN_IN = 'login.microsoftonline.com login.microsoft.com login.windows.net login.live.com';
  const TOOL = 'teams.microsoft.com graph.microsoft.com .sharepoint.com .office.com';
  const splice = (hosts: string, second: string, used: string) => before(BUMP,
    `acl no_bump ssl::server_name ${hosts}\nacl ${second} ssl::server_name nothing.invalid\nssl_bump splice ${used}`);

  test('AP-3 and AP-6: `ssl_bump splice NO_BUMP` splices what `acl no_bump` lists', () => {
    expect(findings('AP-3', splice(SIGN_IN, 'NO_BUMP', 'NO_BUMP'))).toMatch(/AP-3 error .*does not bump login\.microsoft/);
    expect(findings('AP-6', splice(TOOL, 'NO_BUMP', 'NO_BUMP'))).toMatch(/AP-6 error/);
  });

  test('control: the same with one spelling', () => {
    expect(findings('AP-3', splice(SIGN_IN, 'no_bump', 'no_bump'))).toMatch(/AP-3 error .*does not bump login\.microsoft/);
  });
});

describe('ssl_bump is asked at step 1 too', () => {
  test.each(['AP-3', 'AP-6'] as const)('%s: `ssl_bump splice step1` ahead of the peek splices everything', (rule) => {
    expect(findings(rule, before(PEEK, 'ssl_bump splice step1'))).toMatch(new RegExp(`${rule} error`));
  });

  test('control: `ssl_bump splice all` ahead of the peek', () => {
    expect(findings('AP-3', before(PEEK, 'ssl_bump splice all'))).toMatch(/AP-3 error/);
  });
});

describe('a line longer than Squid reads at once', () => {
  /** An unused ACL line of exactly 8191 bytes (what fgets reads at once), then `tail` on the same line or the next. */
  const padded = (tail: string, sameLine: boolean) => (script: string) => {
    let line = 'acl pad dstdomain';
    for (let i = 0; line.length < 8191 - 40; i++) line += ` d${String(i).padStart(4, '0')}.example`;
    line += ` ${'x'.repeat(8191 - line.length - 1 - '.example'.length)}.example`;
    if (Buffer.byteLength(line) !== 8191) throw new Error('test setup: padding');
    // Comment lines dropped so that the boot script stays within EC2's 16 KB of user data.
    const short = script.split('\n').filter((l, i) => i === 0 || !/^\s*#/.test(l)).join('\n');
    return short.replace(PEEK, `${line}${sameLine ? ' ' : '\n'}${tail}\n$&`);
  };

  test('AP-3: `ssl_bump splice all` past byte 8191 of an ACL line is refused (the guard cannot tell what Squid loads)', () => {
    expect(findings('AP-3', padded('ssl_bump splice all', true))).toMatch(/AP-3 error/);
  });

  test('control: the same directive on its own line', () => {
    expect(findings('AP-3', padded('ssl_bump splice all', false))).toMatch(/AP-3 error .*does not bump login/);
  });
});

describe('case イ: a response adaptation service may rewrite the reply before http_reply_access', () => {
  const icap = (s: string) => s.replace(/^http_reply_access allow all$/m,
    '$&\nicap_enable on\nicap_service rewrite respmod_precache icap://10.0.65.40:1344/rewrite\nadaptation_access rewrite allow all');

  test('AP-6: an ICAP RESPMOD service that sees the tools\' replies leaves the refusal to it', () => {
    expect(findings('AP-6', icap)).toMatch(/AP-6 error/);
  });

  test('AP-6: a service whose only adaptation_access line denies other hosts sees the tools\' replies (none matching: the opposite of the last)', () => {
    // Real Squid 5.7 sent to such a service every reply the denied ACL does not match (test/integration/squid-judgment.test.ts).
    const elsewhere = (s: string) => s.replace(/^http_reply_access allow all$/m, '$&\nicap_enable on\n'
      + 'icap_service rewrite respmod_precache icap://10.0.65.40:1344/rewrite\nacl not_the_tools dstdomain .example.invalid\n'
      + 'adaptation_access rewrite deny not_the_tools');
    expect(findings('AP-6', elsewhere)).toMatch(/AP-6 error .*a response adaptation service sees it first/);
  });

  test('control: the replies allowed ahead of the refusal', () => {
    expect(findings('AP-6', before(/^http_reply_access deny comm_dst download_disposition$/m, 'http_reply_access allow all'))).toMatch(/AP-6 error/);
  });
});
