import { hubProps } from './fixtures';
import { SecurityCloudProps } from '../../src/model/security-cloud';
import { securityCloudProblems, SecurityCloudValidationError, validateSecurityCloud } from '../../src/model/validate-security-cloud';

type Mutable = { -readonly [K in keyof SecurityCloudProps]: any };
const mutate = (f: (p: Mutable) => void): SecurityCloudProps => {
  const p = JSON.parse(JSON.stringify(hubProps())) as Mutable;
  f(p);
  return p as SecurityCloudProps;
};

describe('SecurityCloudProps validation', () => {
  test('the reference hub has no problem', () => {
    expect(securityCloudProblems(hubProps())).toEqual([]);
    expect(securityCloudProblems(mutate((p) => { p.managedThreatSignatures = []; }))).toEqual([]);
    expect(securityCloudProblems(mutate((p) => { p.managedThreatSignatures = ['ThreatSignaturesScannersStrictOrder']; }))).toEqual([]);
  });

  const cases: [string, (p: Mutable) => void, RegExp][] = [
    ['a prefecture name with a space', (p) => { p.prefecture = 'Example Pref'; }, /^\[prefecture\] .*Fix: /],
    ['a public hub CIDR', (p) => { p.cidr = '203.0.113.0/24'; }, /^\[cidr\] 203\.0\.113\.0\/24 is not inside a private range/],
    ['a hub CIDR with host bits', (p) => { p.cidr = '10.200.0.1/20'; }, /^\[cidr\] .*host bits set.*Fix: /],
    ['a /24 hub', (p) => { p.cidr = '10.200.0.0/24'; }, /^\[cidr\] 10\.200\.0\.0\/24 is a \/24/],
    ['one availability zone', (p) => { p.availabilityZones = ['ap-northeast-1a']; }, /^\[availabilityZones\] must list two or three/],
    ['a five-digit code', (p) => { p.members[0].localGovernmentCode = '13101'; }, /^\[members\[0\]\.localGovernmentCode\] "13101" is not a local government code/],
    ['a code twice', (p) => { p.members[1].localGovernmentCode = '131016'; }, /^\[members\[1\]\.localGovernmentCode\] "131016" is also members\[0\]'s/],
    ['a member overlapping the hub', (p) => { p.members[1].internetCidr = '10.200.0.0/16'; p.members[1].mailServer = '10.200.1.25'; }, /^\[members\[1\]\.internetCidr\] 10\.200\.0\.0\/16 overlaps the hub's 10\.200\.0\.0\/20/],
    ['two members overlapping', (p) => { p.members[1].internetCidr = '10.11.128.0/17'; p.members[1].mailServer = '10.11.128.25'; }, /^\[members\[1\]\.internetCidr\] 10\.11\.128\.0\/17 overlaps members\[0\]\.internetCidr 10\.11\.0\.0\/16/],
    ['a non-canonical member CIDR', (p) => { p.members[0].internetCidr = '10.011.0.0/16'; }, /^\[members\[0\]\.internetCidr\] .*leading zero/],
    ['a public member CIDR', (p) => { p.members[0].internetCidr = '198.51.100.0/24'; }, /^\[members\[0\]\.internetCidr\] 198\.51\.100\.0\/24 is not inside a private range/],
    ['a bad attachment ID', (p) => { p.members[0].attachmentId = 'attach-1'; }, /^\[members\[0\]\.attachmentId\] "attach-1" is not a transit gateway attachment ID/],
    ['a mail server outside the member', (p) => { p.members[0].mailServer = '10.12.0.25'; }, /^\[members\[0\]\.mailServer\] 10\.12\.0\.25 is not inside the member's internetCidr/],
    ['mail domains without a server', (p) => { delete p.members[0].mailServer; }, /^\[members\[0\]\.mailServer\] is missing/],
    ['no member with mail', (p) => { p.members.forEach((m: any) => { delete m.mailDomains; delete m.mailServer; }); }, /^\[members\] declares no member with mailDomains/],
    ['one mail domain for two members', (p) => { p.members[1].mailDomains = ['city-a.example.lg.jp']; }, /^\[mail relay: members\[1\]\.domains\[0\]\] "city-a\.example\.lg\.jp" overlaps/],
    ['a proxy port of 25', (p) => { p.proxy.port = 25; }, /^\[proxy\.port\] 25 is the mail relay's/],
    ['a blocked domain in upper case', (p) => { p.proxy.blockedDomains = ['Bad.example.com']; }, /^\[proxy\.blockedDomains\[0\]\] "Bad\.example\.com" has upper-case letters/],
    ['a TLD-wide DNS block', (p) => { p.dnsBlockedDomains = ['*.com']; }, /^\[dnsBlockedDomains\[0\]\] .*TLD-wide/],
    ['an instance type with a quote', (p) => { p.proxy.instanceType = 't3.medium"'; }, /^\[proxy\.instanceType\] /],
    ['a milter that is not inet:', (p) => { p.mailFilterMilter = 'unix:/run/milter'; }, /^\[mailFilterMilter\] "unix:\/run\/milter" is not a milter address/],
    ['a relay host name pattern', (p) => { p.mailRelayHostname = '*.pref.example.lg.jp'; }, /^\[mailRelayHostname\] .*pattern/],
    ['a site target outside its member', (p) => { p.publicWeb.sites[0].targets = ['10.12.0.80']; }, /^\[publicWeb\.sites\[0\]\.targets\[0\]\] 10\.12\.0\.80 is not inside member 131016's internetCidr 10\.11\.0\.0\/16/],
    ['a site of an undeclared member', (p) => { p.publicWeb.sites[0].localGovernmentCode = '999999'; }, /^\[publicWeb\.sites\[0\]\.localGovernmentCode\] "999999" is not a declared member's code/],
    ['a certificate that is not an ACM ARN', (p) => { p.publicWeb.certificateArn = 'cert'; }, /^\[publicWeb\.certificateArn\] "cert" is not an ACM certificate ARN/],
    ['a CDN without its web ACL', (p) => { p.publicWeb.cdn = true; }, /^\[publicWeb\.cdnWebAclArn\] undefined is not a CLOUDFRONT-scope WAFv2 web ACL ARN/],
    ['an e-mail address with a space', (p) => { p.monitoring.notificationEmails = ['soc @x.jp']; }, /^\[monitoring\.notificationEmails\[0\]\] "soc @x\.jp" is not a plain e-mail address/],
    ['a reserved tag key', (p) => { p.tags = { 'jichitai:security-cloud': 'spoke' }; }, /^\[tags\."jichitai:security-cloud"\] is not a tag key the hub can set/],
    ['a retention of zero days', (p) => { p.logRetentionDays = 0; }, /^\[logRetentionDays\] 0 is not a number of days/],
    // The hub's IDS/IPS (SC-2), checked as the breakout's (AP-4): documented StrictOrder names, each once.
    ['an ActionOrder threat-signature group', (p) => { p.managedThreatSignatures = ['ThreatSignaturesMalwareActionOrder']; },
      /^\[managedThreatSignatures\[0\]\] "ThreatSignaturesMalwareActionOrder" is an ActionOrder group, which a strict-order firewall policy cannot reference \(SC-2\)\. Fix: give ThreatSignaturesMalwareStrictOrder/],
    ['an undocumented threat-signature group', (p) => { p.managedThreatSignatures = ['ThreatSignaturesBotnetStrictOrder', 'ThreatSignaturesNope']; },
      /^\[managedThreatSignatures\[1\]\] "ThreatSignaturesNope" is not a documented AWS managed threat-signature rule group \(SC-2\)\. Fix: .*leave managedThreatSignatures out/],
    ['a threat-signature group twice', (p) => { p.managedThreatSignatures = ['ThreatSignaturesBotnetStrictOrder', 'ThreatSignaturesBotnetStrictOrder']; },
      /^\[managedThreatSignatures\[1\]\] repeats ThreatSignaturesBotnetStrictOrder of managedThreatSignatures\[0\] \(SC-2\)/],
    ['threat signatures not a list', (p) => { p.managedThreatSignatures = 'ThreatSignaturesBotnetStrictOrder'; }, /^\[managedThreatSignatures\] must be a list of at most 16/],
    // LOG-1 refuses the hub proxy's access-log group kept fewer days than the library's default (400).
    ['a retention shorter than LOG-1 accepts', (p) => { p.logRetentionDays = 399; }, /^\[logRetentionDays\] 399 is not a number of days \(an integer from 400 to 36500\)/],
  ];
  test.each(cases)('%s is reported with its path and a fix', (_, f, expected) => {
    const problems = securityCloudProblems(mutate(f));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    for (const line of problems) expect(line).toMatch(/^\[.*?\] .+\. Fix: .+/s);
  });

  test('every problem at once, in one error', () => {
    const props = mutate((p) => {
      p.prefecture = '';
      p.cidr = '10.200.0.0/24';
      p.members[0].localGovernmentCode = 'abc';
      p.members[1].internetCidr = '10.11.0.0/16';
      p.proxy.blockedDomains = ['*'];
      p.publicWeb.sites[0].targets = ['10.11.2.080'];
      p.monitoring.notificationEmails = ['nobody'];
    });
    let error: unknown;
    try {
      validateSecurityCloud(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecurityCloudValidationError);
    const errors = (error as SecurityCloudValidationError).errors;
    const paths = errors.map((e) => /^\[(.*?)\] /.exec(e)![1]);
    expect(paths).toEqual(expect.arrayContaining([
      'prefecture', 'cidr', 'members[0].localGovernmentCode', 'members[1].internetCidr', 'proxy.blockedDomains[0]',
      'publicWeb.sites[0].targets[0]', 'monitoring.notificationEmails[0]',
    ]));
    expect((error as Error).message).toContain(`${errors.length} errors`);
  });

  test('hostile input is reported, not thrown', () => {
    const getter = { ...hubProps() } as any;
    Object.defineProperty(getter, 'cidr', { get: () => { throw new Error('boom'); }, enumerable: true });
    expect(securityCloudProblems(getter).join('\n')).toMatch(/\[cidr\] could not be read/);
    expect(securityCloudProblems(null as any)).toEqual([expect.stringMatching(/is not an object/)]);
  });
});
