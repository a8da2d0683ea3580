import { alpha, alphaPrime, beta, betaPrime } from '../../examples/blueprints';
import {
  AlphaPrimeCase, Blueprint, CloudServiceCatalogue, CloudServiceCategory, FlowKind, HostRole, InternetEgressMode,
  MunicipalNetworkBlueprintProps, NetworkModel, Port, Segment, validateBlueprint, Zone,
} from '../../src';

/** Errors of a blueprint derived from `base` by `change`. */
function errorsOf(base: MunicipalNetworkBlueprintProps, change: (p: any) => void): string[] {
  const copy: any = { ...base, lgwan: { ...base.lgwan }, internet: base.internet && { ...base.internet } };
  copy.hosts = base.hosts?.map((h) => ({ ...h }));
  copy.flows = base.flows?.map((f) => ({ ...f }));
  copy.breakout = base.breakout && { ...base.breakout, services: base.breakout.services.map((s) => ({ ...s })) };
  change(copy);
  return validateBlueprint(copy);
}

describe('the reference blueprints are valid', () => {
  test.each([['alpha', alpha], ['alpha-prime', alphaPrime], ['beta', beta], ['beta-prime', betaPrime]])('%s', (_, bp) => {
    expect(validateBlueprint(bp)).toEqual([]);
    const b = Blueprint.validate(bp);
    expect(b.segmentCidr(Segment.MY_NUMBER)).toBe('10.0.0.0/18');
    expect(b.segmentCidr(Segment.LGWAN)).toBe('10.0.64.0/18');
    expect(b.segmentCidr(Segment.INTERNET)).toBe('10.0.128.0/18');
  });
});

describe('every problem at once, each naming the prop, the rule and the fix', () => {
  test('several independent problems are all reported', () => {
    const errors = errorsOf(alpha, (p) => {
      p.municipality = '';
      p.lgwan.cidr = '10.0.0.0/18'; // overlaps MY_NUMBER
      p.flows.push({ name: 'leak', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'virtual-browser', ports: [Port.tcp(443)] });
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[municipality\] is empty\. Fix: /),
      expect.stringMatching(/^\[lgwan\.cidr\] 10\.0\.0\.0\/18 overlaps myNumber\.cidr 10\.0\.0\.0\/18 \(SEG-2.*Fix: /),
      expect.stringMatching(/^\[flows\.leak\] connects マイナンバー利用事務系 and インターネット接続系 \(MN-2, critical\)\. Fix: /),
    ]));
    expect(() => Blueprint.validate({ ...alpha, municipality: '' })).toThrow(/Blueprint has 1 error:\n\[municipality\]/);
  });

  const cases: [string, MunicipalNetworkBlueprintProps, (p: any) => void, RegExp][] = [
    ['too-small CIDR', alpha, (p) => { p.myNumber = { cidr: '10.0.0.0/24' }; }, /^\[myNumber\.cidr\] 10\.0\.0\.0\/24 is too small/],
    ['public CIDR', alpha, (p) => { p.internet.cidr = '8.8.0.0/18'; }, /^\[internet\.cidr\] .*not private address space/],
    ['WAN overlapping a segment', alpha, (p) => { p.lgwan.wanCidrs = ['10.0.64.0/24']; }, /^\[lgwan\.wanCidrs\[0\]\] .*overlaps lgwan\.cidr.*SEG-2/],
    ['flow to an unknown host', alpha, (p) => { p.flows[0].to = 'nobody'; }, /^\[flows\.resident-registry-to-intermediate-server\.to\] names an unknown host "nobody"\. Fix: declare it in hosts/],
    ['all ports', alpha, (p) => { p.flows[0].ports = [Port.tcpRange(1, 65535)]; }, /is every port, i\.e\. all traffic \(MN-3/],
    ['non-specific kind from My Number', alpha, (p) => { p.flows[0].kind = FlowKind.SCREEN_TRANSFER; }, /MN-3, 特定通信/],
    ['sanitization out of LGWAN', alpha, (p) => { p.flows[2] = { ...p.flows[2], from: 'lgwan-file-server', to: 'sanitizer' }; }, /one way into LGWAN \(LG-2\)/],
    ['specific communication LGWAN↔INTERNET', alpha, (p) => { p.flows[1].kind = FlowKind.SPECIFIC_COMMUNICATION; }, /between LGWAN接続系 and インターネット接続系 \(LG-2\)/],
    ['host outside its segment', alpha, (p) => { p.hosts[0].cidrs = ['10.0.64.10/32']; }, /^\[hosts\.resident-registry\.cidrs\[0\]\] .*outside myNumber\.cidr/],
    ['whole-segment host', alpha, (p) => { p.hosts[0].cidrs = ['10.0.0.0/18']; }, /is the whole segment.*MN-3/],
    ['terminals misplaced (PL-1)', beta, (p) => { p.hosts.push({ name: 't2', zone: Zone.LGWAN, cidrs: ['10.0.66.0/24'], role: HostRole.BUSINESS_TERMINALS }); }, /^\[hosts\.t2\.zone\] business terminals \(業務端末\).*βモデル places them in インターネット接続系 \(PL-1\)/],
    ['business system misplaced (PL-1)', alpha, (p) => { p.hosts.push({ name: 'gw', zone: Zone.INTERNET, cidrs: ['10.0.130.10/32'], role: HostRole.BUSINESS_SYSTEM }); }, /PL-1/],
    ['α′ without a case', alphaPrime, (p) => { delete p.alphaPrimeCase; }, /^\[alphaPrimeCase\] is missing/],
    ['breakout in α', alpha, (p) => { p.breakout = alphaPrime.breakout; }, /^\[breakout\] is set but αモデル has no local breakout \(LG-1\)/],
    ['TLD-wide domain', alphaPrime, (p) => { p.breakout.services.push({ service: { ...CloudServiceCatalogue.ZOOM, id: 'wild', domains: ['*.co.jp'] } }); }, /"\*\.co\.jp" covers a whole public suffix.*AP-2/],
    ['bare *', alphaPrime, (p) => { p.breakout.services.push({ service: { ...CloudServiceCatalogue.ZOOM, id: 'star', domains: ['*'] } }); }, /bare "\*".*AP-2/],
    ['tenant IDs missing (AP-3)', alphaPrime, (p) => { delete p.breakout.services[0].tenantIds; }, /^\[breakout\.services\[0\]\.tenantIds\] is missing: .*AP-3, テナントアクセス制御.*Fix: give your Entra directory/],
    ['v2 policy missing (AP-3)', alphaPrime, (p) => { delete p.breakout.services[0].policyId; }, /^\[breakout\.services\[0\]\.policyId\] is missing/],
    ['non-ISMAP service (AP-2)', alphaPrime, (p) => { p.breakout.services.push({ service: CloudServiceCatalogue.DROPBOX, tenantIds: ['123'] }); }, /not ISMAP-listed and does not meet the three conditions.*行政文書を扱わない/],
    ['case イ without download restriction (AP-6)', alphaPrime, (p) => { p.breakout.fileDownloadRestricted = false; }, /^\[breakout\.fileDownloadRestricted\].*AP-6/],
    ['case ウ without a sanitization service (AP-6)', alphaPrime, (p) => { p.alphaPrimeCase = AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION; }, /^\[breakout\.sanitizationService\] is missing: case ウ .*a relay alone is not enough \(AP-6, 無害化\)\. Fix: declare the sanitizer in hosts/],
    ['case ウ with a relay but no sanitization service (AP-6)', alphaPrime, (p) => { p.alphaPrimeCase = AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION; p.breakout.sanitizationRelay = 'sanitizer'; }, /^\[breakout\.sanitizationService\] is missing/],
    ['sanitization service in case イ (AP-6)', alphaPrime, (p) => { p.breakout.sanitizationService = { host: 'sanitizer', service: 'respmod' }; }, /^\[breakout\.sanitizationService\] is set, but only case ウ/],
    ['case ア with a communication tool', alphaPrime, (p) => { p.alphaPrimeCase = AlphaPrimeCase.LICENSE_AND_UPDATES; }, /communication tool, but case ア/],
    ['non-443 port without reason (AP-5)', alphaPrime, (p) => { p.breakout.services.push({ service: { ...CloudServiceCatalogue.WINDOWS_UPDATE, id: 'wu2', portsReason: undefined } }); }, /portsReason\] is missing for tcp\/80 \(AP-5/],
    ['β without SIEM (LOG-1)', beta, (p) => { delete p.logging; }, /^\[logging\.siemBucketArn\] is missing: βモデル requires log management with a SIEM \(LOG-1/],
    // LOG-1 refuses the proxy's access-log group kept fewer days than the library's default (400): the blueprint may not ask for it.
    ['log retention shorter than LOG-1 accepts', alpha, (p) => { p.logging = { retentionDays: 399 }; }, /^\[logging\.retentionDays\] 399 is not a whole number of days from 400 \(LOG-1\)/],
    ['security cloud missing (IN-1)', alpha, (p) => { delete p.internet.securityCloud; }, /^\[internet\.securityCloud\] is missing.*IN-1/],
    ['private customer gateway', alpha, (p) => { p.lgwan.connection = { customerGatewayIp: '192.168.1.1' }; }, /customerGatewayIp\] 192\.168\.1\.1 is not a public address/],
    ['both VPN and attachment', alpha, (p) => { p.lgwan.connection = { customerGatewayIp: '203.0.113.1', attachmentId: 'tgw-attach-0123456789abcdef0' }; }, /gives both customerGatewayIp and attachmentId/],
    ['AZs of two regions', alpha, (p) => { p.availabilityZones = ['ap-northeast-1a', 'ap-northeast-3a']; }, /mixes regions/],
    ['MN-4: host reached by My Number and by the Internet segment', alpha, (p) => {
      p.hosts.push({ name: 'shared', zone: Zone.LGWAN, cidrs: ['10.0.65.40/32'], role: HostRole.SCREEN_TRANSFER_SERVER });
      p.flows.push({ name: 'mn-to-shared', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'shared', ports: [Port.tcp(443)] });
      p.flows.push({ name: 'inet-to-shared', kind: FlowKind.SCREEN_TRANSFER, from: 'virtual-browser', to: 'shared', ports: [Port.tcp(443)] });
    }, /^\[hosts\.shared\] is reached from マイナンバー利用事務系 .*\(MN-4\)/],
    ['screen transfer against the model\'s direction (LG-2, α)', alpha, (p) => {
      p.hosts.push({ name: 'lgwan-vdi', zone: Zone.LGWAN, cidrs: ['10.0.65.30/32'], role: HostRole.SCREEN_TRANSFER_SERVER });
      p.flows.push({ name: 'inet-to-vdi', kind: FlowKind.SCREEN_TRANSFER, from: 'sanitizer', to: 'lgwan-vdi', ports: [Port.tcp(443)] });
    }, /^\[flows\.inet-to-vdi\] is a screen transfer \(画面転送\) from インターネット接続系 into LGWAN接続系, but in αモデル the terminals sit in LGWAN接続系 .*\(LG-2\)\. Fix: reverse it/],
    ['screen transfer against the model\'s direction (LG-2, β)', beta, (p) => {
      p.hosts.push({ name: 'virtual-browser', zone: Zone.INTERNET, cidrs: ['10.0.128.10/32'], role: HostRole.SCREEN_TRANSFER_SERVER });
      p.flows.push({ name: 'vdi-to-browser', kind: FlowKind.SCREEN_TRANSFER, from: 'lgwan-vdi', to: 'virtual-browser', ports: [Port.tcp(443)] });
    }, /^\[flows\.vdi-to-browser\] is a screen transfer \(画面転送\) from LGWAN接続系 into インターネット接続系, but in βモデル the terminals sit in インターネット接続系/],
    ['bad local government code', alpha, (p) => { p.localGovernmentCode = '12'; }, /全国地方公共団体コード/],
    ['unknown model', alpha, (p) => { p.model = 'GAMMA'; }, /^\[model\] "GAMMA" is not a network model/],
    ['bad mirror target', alpha, (p) => { p.trafficMirroring = { target: 'i-123' }; }, /^\[trafficMirroring\.target\]/],
  ];
  test.each(cases)('%s', (_, base, change, expected) => {
    const errors = errorsOf(base, change);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
    for (const e of errors) expect(e).toMatch(/^\[\S+\] .+\. Fix: .+/);
  });

  test('built-in egress needs no security cloud, and rejects one', () => {
    expect(errorsOf(betaPrime, () => undefined)).toEqual([]);
    expect(errorsOf(betaPrime, (p) => { p.internet.securityCloud = { customerGatewayIp: '203.0.113.1' }; }))
      .toEqual([expect.stringMatching(/^\[internet\.securityCloud\] is set but internet\.egress is BUILT_IN/)]);
    expect(InternetEgressMode.BUILT_IN).toBe('BUILT_IN');
  });

  test('the stand-in\'s managed threat signatures (IN-1): documented StrictOrder names, each once, all problems at once; only with BUILT_IN', () => {
    expect(errorsOf(betaPrime, (p) => { p.internet.managedThreatSignatures = []; })).toEqual([]);
    expect(errorsOf(betaPrime, (p) => { p.internet.managedThreatSignatures = ['ThreatSignaturesScannersStrictOrder']; })).toEqual([]);
    expect(errorsOf(betaPrime, (p) => { p.internet.managedThreatSignatures = ['ThreatSignaturesBotnetActionOrder', 'Nope', 'ThreatSignaturesMalwareStrictOrder', 'ThreatSignaturesMalwareStrictOrder']; }))
      .toEqual([
        expect.stringMatching(/^\[internet\.managedThreatSignatures\[0\]\] "ThreatSignaturesBotnetActionOrder" is an ActionOrder group, which a strict-order firewall policy cannot reference \(IN-1\)/),
        expect.stringMatching(/^\[internet\.managedThreatSignatures\[1\]\] "Nope" is not a documented AWS managed threat-signature rule group \(IN-1\)/),
        expect.stringMatching(/^\[internet\.managedThreatSignatures\[3\]\] repeats ThreatSignaturesMalwareStrictOrder of managedThreatSignatures\[2\] \(IN-1\)/),
      ]);
    expect(errorsOf(alpha, (p) => { p.internet.managedThreatSignatures = ['ThreatSignaturesBotnetStrictOrder']; }))
      .toEqual([expect.stringMatching(/^\[internet\.managedThreatSignatures\] is set but internet\.egress is SECURITY_CLOUD/)]);
    // A near miss of the property's name is no silent default.
    expect(errorsOf(betaPrime, (p) => { p.internet.managedThreatSignature = []; }))
      .toEqual([expect.stringMatching(/^\[internet\.managedThreatSignature\] is not an option; internet\.managedThreatSignatures is/)]);
  });

  test('a custom, ISMAP-listed service with no tenant restriction needs no tenant IDs', () => {
    expect(errorsOf(alphaPrime, (p) => {
      p.breakout.services.push({ service: { id: 'own-saas', name: 'Own', category: CloudServiceCategory.OTHER, domains: ['app.example.com'], ismapListed: true, documentationUrl: 'https://example.com' } });
    })).toEqual([]);
  });

  test('the model placement table of REQUIREMENTS §2 drives PL-1 for β′ business systems', () => {
    expect(errorsOf(betaPrime, (p) => { p.model = NetworkModel.BETA_PRIME; })).toEqual([]);
    expect(errorsOf(betaPrime, (p) => { p.model = NetworkModel.BETA; })).toEqual([expect.stringMatching(/^\[hosts\.groupware\.zone\] a business system .*PL-1/)]);
  });
});

describe('the security cloud\'s DNS resolvers (internet.securityCloudDns, IN-2)', () => {
  test('required with SECURITY_CLOUD: an existing blueprint without it gets the error and the fix', () => {
    const errors = errorsOf(alpha, (p) => { delete p.internet.securityCloudDns; });
    expect(errors).toEqual([expect.stringMatching(/^\[internet\.securityCloudDns\] is missing: .*IN-2.*Fix: give the security cloud's DNS resolver addresses/)]);
  });

  test('canonical host addresses, each once, inside securityCloudCidrs, never in a segment or the LGWAN WAN', () => {
    const errors = errorsOf(alpha, (p) => { p.internet.securityCloudDns = ['172.30.0.053', '172.30.1.53', '10.0.128.2', '172.20.0.53', '172.30.0.53', '172.30.0.53']; });
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[internet\.securityCloudDns\[0\]\] .*leading zero/),
      expect.stringMatching(/^\[internet\.securityCloudDns\[1\]\] 172\.30\.1\.53 is outside internet\.securityCloudCidrs/),
      expect.stringMatching(/^\[internet\.securityCloudDns\[2\]\] 10\.0\.128\.2 is inside the segment CIDR 10\.0\.128\.0\/18/),
      expect.stringMatching(/^\[internet\.securityCloudDns\[3\]\] 172\.20\.0\.53 is inside lgwan\.wanCidrs/),
      expect.stringMatching(/^\[internet\.securityCloudDns\[5\]\] lists 172\.30\.0\.53 more than once/),
    ]));
    expect(errorsOf(alpha, (p) => { p.internet.securityCloudDns = ['172.30.0.0/24']; })).toEqual([expect.stringMatching(/^\[internet\.securityCloudDns\[0\]\] /)]);
    expect(errorsOf(alpha, (p) => { p.internet.securityCloudDns = Array.from({ length: 7 }, (_, i) => `172.30.0.${i + 1}`); }))
      .toEqual([expect.stringMatching(/^\[internet\.securityCloudDns\] has 7 entries; at most 6/)]);
    expect(errorsOf(alpha, (p) => { p.internet.securityCloudDns = []; })).toEqual([expect.stringMatching(/^\[internet\.securityCloudDns\] must be a non-empty list/)]);
  });

  test('rejected with BUILT_IN, whose stand-in resolves through its own filtered resolver', () => {
    const errors = errorsOf(betaPrime, (p) => { p.internet.securityCloudDns = ['172.30.0.53']; });
    expect(errors).toEqual([expect.stringMatching(/^\[internet\.securityCloudDns\] is set but internet\.egress is BUILT_IN/)]);
  });

  test('BUILT_IN without dnsBlockedDomains is refused: the stand-in\'s resolver would filter nothing (IN-2)', () => {
    for (const blocked of [undefined, []]) {
      expect(errorsOf(betaPrime, (p) => { p.internet.dnsBlockedDomains = blocked; }))
        .toEqual([expect.stringMatching(/^\[internet\.dnsBlockedDomains\] is empty, but internet\.egress is BUILT_IN: the stand-in's resolver would filter nothing.*IN-2.*Fix: list the domains/)]);
    }
  });
});
