/**
 * Every blueprint that ever crashed, hung or slipped a rule-breaking network through (the outside fuzz of issue 11 and
 * this repository's own blueprint fuzz), kept by name with the verdict it must now get in both engines, and for a
 * validation error the lines that must say what is wrong. test/fuzz/regressions.test.ts replays them.
 */
import { clone } from './mutate';
import { alpha, alphaPrime, alphaPrimeSanitization, beta, betaPrime } from '../../examples/blueprints';
import { CloudServiceCatalogue, FlowKind, HostRole, InternetEgressMode, Port, Zone } from '../../src';

type Any = any;

export interface Regression {
  readonly name: string;
  /** Where it was found. */
  readonly found: string;
  readonly blueprint: () => unknown;
  readonly verdict: 'validation-error' | 'compliant';
  /** For a validation error: lines that must be among the errors (one regular expression each). */
  readonly errors?: readonly RegExp[];
  /**
   * Not fixed yet, by other work in progress (named here): the replay is expected to fail until the fix lands (Jest
   * `test.failing`), and then this mark goes. The fuzz counts it as a known issue (test/fuzz/run.ts KNOWN_ISSUES).
   */
  readonly pending?: string;
}

const edit = (base: object, change: (bp: Any) => void) => () => {
  const bp = clone(base) as Any;
  change(bp);
  return bp;
};

const ISSUE = 'issue 11 (outside fuzz)';

export const REGRESSIONS: readonly Regression[] = [
  // Crashes instead of errors.
  {
    name: 'a SECURITY_CLOUD host with the built-in egress',
    found: ISSUE,
    blueprint: edit(betaPrime, (bp) => {
      bp.hosts.push({ name: 'sc-proxy', zone: Zone.SECURITY_CLOUD, cidrs: ['172.30.0.10/32'] });
      bp.flows.push({ name: 'to-sc', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'internet-terminals', to: 'sc-proxy', ports: [Port.tcp(8080)] });
    }),
    verdict: 'validation-error',
    errors: [/^\[hosts\.sc-proxy\.zone\] is SECURITY_CLOUD, but internet\.egress is BUILT_IN/],
  },
  {
    name: 'duplicate LGWAN WAN CIDRs (one construct id twice)',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.lgwan.wanCidrs = ['172.20.0.0/16', '172.20.0.0/16']; }),
    verdict: 'validation-error',
    errors: [/^\[lgwan\.wanCidrs\] lists 172\.20\.0\.0\/16 more than once/],
  },
  {
    name: '10.0.0.10/32 next to 10.0.0.010/32 (one construct id twice)',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.hosts[0].cidrs = ['10.0.0.10/32', '10.0.0.010/32']; }),
    verdict: 'validation-error',
    errors: [/^\[hosts\.resident-registry\.cidrs\[1\]\] "10\.0\.0\.010\/32" has a leading zero.*write "10\.0\.0\.10\/32"/],
  },
  {
    name: 'NACL quota exceeded, reported with the other problems',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => {
      bp.municipality = '';
      for (let i = 0; i < 25; i++) {
        bp.flows.push({ name: `print-${i}`, kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'intermediate-server', ports: [Port.tcp(9000 + i)] });
      }
    }),
    verdict: 'validation-error',
    errors: [/^\[municipality\] is empty/, /^\[flows\] the flows of マイナンバー利用事務系 need 27 outbound NACL rules .* holds 20 per direction/],
  },
  {
    name: 'EC2 user data over 16 KB (the proxy\'s boot script)',
    found: ISSUE,
    blueprint: edit(alphaPrime, (bp) => {
      bp.breakout.services.push({
        service: {
          id: 'own',
          name: 'Own',
          category: 'OTHER',
          ismapListed: true,
          documentationUrl: 'https://example.com',
          domains: Array.from({ length: 400 }, (_, i) => `host-${i}-${'x'.repeat(40)}.example.com`),
        },
      });
    }),
    verdict: 'validation-error',
    errors: [/^\[breakout\.services\] the proxy's boot script is \d+ bytes; EC2 user data is limited to 16384/],
  },
  {
    name: 'a quote in a policy ID',
    found: ISSUE,
    blueprint: edit(alphaPrime, (bp) => { bp.breakout.services[0].policyId = 'abc"def'; }),
    verdict: 'validation-error',
    errors: [/^\[breakout\.services\[0\]\.policyId\]/],
  },
  {
    name: 'BigInt, Proxy, a throwing getter and a cycle, each named by its prop',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => {
      bp.lgwan.connection.customerGatewayAsn = BigInt(65010);
      bp.internet = new Proxy(bp.internet, {});
      Object.defineProperty(bp.hosts[2], 'cidrs', { get() { throw new Error('boom'); }, enumerable: true });
      bp.flows[1].ports.push(bp.flows[1].ports);
    }),
    verdict: 'validation-error',
    errors: [
      /^\[lgwan\.connection\.customerGatewayAsn\] is a BigInt \(65010n\)\. Fix: give a plain number$/,
      /^\[internet\] is a Proxy object/,
      /^\[hosts\[2\]\.cidrs\] could not be read: its getter threw "boom"/,
      /^\[flows\[1\]\.ports\[1\]\] refers back to an object that contains it \(a cycle\)/,
    ],
  },
  // Accepted but wrong.
  {
    name: 'non-canonical spellings are refused with the canonical one',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => {
      bp.lgwan.wanCidrs = [' 10.0.0.010/32'.replace('10.0.0', '172.20.0')];
      bp.lgwan.connection.customerGatewayIp = '203.0.113.010';
    }),
    verdict: 'validation-error',
    errors: [/^\[lgwan\.wanCidrs\[0\]\] " 172\.20\.0\.010\/32" .*write "172\.20\.0\.10\/32"/, /^\[lgwan\.connection\.customerGatewayIp\] "203\.0\.113\.010" has a leading zero.*write "203\.0\.113\.10"/],
  },
  {
    name: 'one attachment ID for the LGWAN connection and the security cloud',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => {
      bp.lgwan.connection = { attachmentId: 'tgw-attach-0123456789abcdef0' };
      bp.internet.securityCloud = { attachmentId: 'tgw-attach-0123456789abcdef0' };
    }),
    verdict: 'validation-error',
    errors: [/^\[internet\.securityCloud\.attachmentId\] .*one attachment would carry the LGWAN WAN and the security cloud \(LG-1\)/],
  },
  {
    name: 'SECURITY_CLOUD hosts of 0.0.0.0/0 and inside the My Number range',
    found: ISSUE,
    blueprint: edit(beta, (bp) => {
      delete bp.internet.securityCloudCidrs;
      bp.hosts.push({ name: 'everything', zone: Zone.SECURITY_CLOUD, cidrs: ['0.0.0.0/0'] }, { name: 'inside', zone: Zone.SECURITY_CLOUD, cidrs: ['10.0.0.10/32'] });
    }),
    verdict: 'validation-error',
    errors: [/^\[hosts\.everything\.cidrs\[0\]\] 0\.0\.0\.0\/0 is every IPv4 address/, /^\[hosts\.inside\.cidrs\[0\]\] .* overlaps myNumber\.cidr 10\.0\.0\.0\/18/],
  },
  {
    name: 'a tag value over 256 characters',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.municipality = 'x'.repeat(300); }),
    verdict: 'validation-error',
    errors: [/^\[municipality\] is 300 characters long; at most 128/],
  },
  {
    name: 'a 1 MB name is refused at once',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.municipality = 'x'.repeat(1_000_000); bp.hosts[0].name = 'y'.repeat(1_000_000); }),
    verdict: 'validation-error',
    errors: [/^\[municipality\] is a text of 1000000 characters/, /^\[hosts\[0\]\.name\] is a text of 1000000 characters/],
  },
  {
    name: 'every port spread over three ranges on a specific communication (特定通信)',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.flows[0].ports = [Port.tcpRange(1, 32767), Port.tcpRange(32768, 65535), Port.udpRange(1, 65534)]; }),
    verdict: 'validation-error',
    errors: [/tcp 1-32767, 32768-65535 together are every tcp port, i\.e\. all traffic \(MN-3, 特定通信/, /udp 1-65534 opens 65534 udp ports.*\(MN-3, 特定通信/],
  },
  {
    name: 'every port spread over two flows toward one host',
    found: 'test/fuzz (all ports, split)',
    blueprint: edit(alpha, (bp) => {
      bp.flows[0].ports = [Port.tcpRange(1, 16000)];
      bp.flows.push({ ...bp.flows[0], name: 'rest', ports: [Port.tcpRange(16001, 32000)] });
      bp.flows.push({ ...bp.flows[0], name: 'rest-2', ports: [Port.tcpRange(32001, 48000)] });
      bp.flows.push({ ...bp.flows[0], name: 'rest-3', ports: [Port.tcpRange(48001, 65535)] });
    }),
    verdict: 'validation-error',
    errors: [/^\[hosts\.resident-registry\] its egress flows .* toward 172\.20\.10\.5 together open every tcp port/],
  },
  // No false alarm: validation, not the guard, says what to change.
  {
    name: 'a host range that is the LGWAN transit subnet',
    found: ISSUE,
    blueprint: edit(alpha, (bp) => { bp.hosts.find((h: Any) => h.name === 'lgwan-file-server').cidrs = ['10.0.96.64/28']; }),
    verdict: 'validation-error',
    errors: [/^\[hosts\.lgwan-file-server\.cidrs\[0\]\] 10\.0\.96\.64\/28 covers the whole transit subnet transit-1 \(10\.0\.96\.64\/28\).*Fix: narrow it .*10\.0\.64\.0\/20, 10\.0\.80\.0\/20/],
  },
  // Found by test/fuzz.
  {
    name: 'six zones, α′ and the built-in egress: more than 500 CloudFormation resources',
    found: 'test/fuzz mutated #1643 (seed 1)',
    blueprint: edit(alphaPrime, (bp) => {
      bp.alphaPrimeCase = 'LICENSE_AND_UPDATES';
      const updates = [CloudServiceCatalogue.WINDOWS_UPDATE, CloudServiceCatalogue.MICROSOFT_DEFENDER_DEFINITIONS];
      bp.breakout = { services: updates.map((service) => ({ service })) };
      bp.availabilityZones = ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'];
      bp.internet = { egress: InternetEgressMode.BUILT_IN, dnsBlockedDomains: ['*.example-malware.test'] };
      bp.lgwan.wanCidrs = ['172.20.0.0/16', '172.22.0.0/16', '172.23.0.0/20'];
      bp.hosts.push({ name: 'wan-2', zone: Zone.LGWAN_WAN, cidrs: ['172.22.0.48/28'] }, { name: 'wan-3', zone: Zone.LGWAN_WAN, cidrs: ['172.23.0.48/28'] });
      bp.flows.push({ name: 'to-wan-2', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'wan-2', ports: [Port.tcp(443)] });
      bp.flows.push({ name: 'to-wan-3', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'wan-3', ports: [Port.tcp(443)] });
      bp.flows.push({ name: 'to-finance', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'resident-registry', to: 'finance-system', ports: [Port.tcp(1433)] });
      bp.trafficMirroring = { target: 'eni-0123456789abcdef0', networkInterfaceIds: ['eni-0aaaaaaaaaaaaaaa1'] };
    }),
    verdict: 'validation-error',
    errors: [/^\[\(blueprint\)\] the network needs \d+ CloudFormation resources; one stack holds at most 500/],
  },
  {
    name: 'case イ with the Microsoft consumer-account block and no Microsoft 365',
    found: 'test/fuzz mutated #728 and valid #98 (seed 20261201)',
    blueprint: edit(alphaPrime, (bp) => {
      bp.breakout.services = [{ service: CloudServiceCatalogue.ZOOM }, { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK }];
    }),
    // Validation accepted it and the guard's AP-6 refused it (login.live.com, the block's only domain, counted as
    // Microsoft 365); fixed by the α′ breakout work.
    verdict: 'compliant',
  },
  {
    name: 'the case ウ sanitization relay declared in the LGWAN WAN',
    found: 'test/fuzz mutated #1602 (seed 777)',
    blueprint: edit(alphaPrime, (bp) => {
      bp.alphaPrimeCase = 'COMMUNICATION_WITH_SANITIZATION';
      bp.breakout.sanitizationRelay = 'sanitizer';
      bp.flows = bp.flows.filter((f: Any) => f.from !== 'sanitizer');
      Object.assign(bp.hosts.find((h: Any) => h.name === 'sanitizer'), { zone: Zone.LGWAN_WAN, cidrs: ['172.20.0.0/16'] });
    }),
    // Validation accepted it; no security group labels the relay, so the guard's AP-6 found no relay and refused.
    verdict: 'validation-error',
    errors: [/^\[hosts\.sanitizer\.zone\] LGWAN_WAN is outside the municipality's segments, but a SANITIZATION_RELAY host is one of the municipality's own \(PL-1\)/],
  },
  {
    name: 'an ISMAP-listed service of the user\'s own (the guard asks for an AP-2 acknowledgement)',
    found: 'test/fuzz mutated #466 (seed 777)',
    blueprint: edit(alphaPrime, (bp) => {
      bp.breakout.services.push({
        service: {
          id: 'own',
          name: 'Own',
          category: 'OTHER',
          ismapListed: true,
          documentationUrl: 'https://example.com',
          domains: ['app.example.com', '*.cdn.example.com'],
        },
      });
    }),
    verdict: 'compliant',
  },
  {
    // The harness validates once, the construct validates once (and builds from that copy); any later read of the
    // props themselves would see 0.0.0.0/0 and the guard would refuse.
    name: 'values behind getters that change after validation: what was validated is what is built',
    found: 'test/fuzz (hostile value: value behind a getter)',
    blueprint: edit(alpha, (bp) => {
      let reads = 0;
      const cidrs = bp.hosts[0].cidrs;
      Object.defineProperty(bp.hosts[0], 'cidrs', { get: () => (reads++ < 2 ? cidrs : ['0.0.0.0/0']), enumerable: true });
    }),
    verdict: 'compliant',
  },
  {
    name: 'ports and a blueprint from JSON (plain port objects, no Port class)',
    found: 'test/fuzz (port object)',
    blueprint: () => JSON.parse(JSON.stringify(alpha)),
    verdict: 'compliant',
  },
  {
    name: 'a sanitization relay and a screen-transfer server that both exist, spelled canonically',
    found: 'test/fuzz (valid edit)',
    blueprint: edit(beta, (bp) => { bp.hosts.push({ name: 'extra-vdi', zone: Zone.LGWAN, cidrs: ['10.0.66.0/28'], role: HostRole.SCREEN_TRANSFER_SERVER }); }),
    verdict: 'compliant',
  },
  {
    // The proxy check looked the ICAP host up in the raw host list, where an entry that is no object reads undefined.
    name: 'case ウ with a host entry that is no plain object ahead of the sanitizer',
    found: 'test/fuzz (hostile value: hosts[5] := Map; CI seed 20261201, cdktf, mutated #872)',
    blueprint: edit(alphaPrimeSanitization, (bp) => { bp.hosts.unshift(new Map()); }),
    verdict: 'validation-error',
    errors: [/^\[hosts\[0\]\] is a Map object, not a plain object/],
  },
  {
    // A catalogue id with another tenant header passed validation; the guard's AP-3 then refused the synthesis.
    name: 'Microsoft 365 under its catalogue id with a tenant-restriction header renamed',
    found: 'npm run fuzz (blueprints, seed 1764604800, cdktf, mutated #5155)',
    blueprint: edit(alphaPrime, (bp) => {
      bp.breakout.services[0].service = clone(bp.breakout.services[0].service);
      bp.breakout.services[0].service.tenantRestriction.headers[0].name = 'x';
    }),
    verdict: 'validation-error',
    errors: [/^\[breakout\.services\[0\]\(microsoft-365\)\.service\.tenantRestriction\] differs from the tenant-restriction scheme/],
  },
];
