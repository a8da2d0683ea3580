/**
 * Validation of a member of the prefecture security cloud hub (internet.securityCloudHub) and of the constructs'
 * `securityCloud: hub` sugar: every problem at once, each naming the prop and the fix.
 */
import { HUB, member } from './member-fixtures';
import { alpha, alphaPrime, beta, betaPrime } from '../../examples/blueprints';
import {
  Blueprint, GuardLanguage, InternetEgressMode, ISecurityCloud, MunicipalNetworkBlueprintProps, SecurityCloudConnectionProps, Zone,
} from '../../src';
import { joinSecurityCloud } from '../../src/model/join-security-cloud';
import { BlueprintValidationError } from '../../src/model/validate';

const withHub = (hub: Partial<Record<keyof SecurityCloudConnectionProps, unknown>>, base: MunicipalNetworkBlueprintProps = beta) =>
  member(base, { ...HUB, ...hub } as SecurityCloudConnectionProps);
/** The problems reported at `path` (the line starts with `[path]`). */
const at = (errors: string[], path: string) => errors.filter((e) => e.startsWith(`[${path}] `));

describe('a valid member', () => {
  test.each([['alpha', alpha], ['alpha-prime', alphaPrime], ['beta', beta]])('%s joined to the hub validates', (_, base) => {
    expect(Blueprint.check(member(base))).toEqual([]);
  });

  test('across accounts: without hubRouteTableId and hubAttachmentId', () => {
    expect(Blueprint.check(withHub({ hubRouteTableId: undefined, hubAttachmentId: undefined }))).toEqual([]);
  });

  test('β needs no logging.siemBucketArn when joined: the hub\'s SIEM takes the logs (LOG-1)', () => {
    const { logging, ...noSiem } = beta;
    expect(logging).toBeDefined();
    expect(Blueprint.check(noSiem).some((e) => e.startsWith('[logging.siemBucketArn]'))).toBe(true);
    expect(Blueprint.check(member(noSiem))).toEqual([]);
  });

  test.each([
    ['AWS CDK tokens', '${Token[TOKEN.101]}', '${Token[TOKEN.102]}', '${Token[TOKEN.103]}', '${Token[TOKEN.104]}', '${Token[TOKEN.105]}:8080'],
    ['CDKTF tokens', '${TfToken[TOKEN.1]}', '${TfToken[TOKEN.2]}', '${TfToken[TOKEN.3]}', '${TfToken[TOKEN.4]}', '${TfToken[TOKEN.5]}:8080'],
  ])('%s stand for the IDs and ARN of a hub of the same app', (_, tgw, rt, attach, siem, proxy) => {
    const hub = { transitGatewayId: tgw, hubRouteTableId: rt, hubAttachmentId: attach, siemBucketArn: siem, proxyEndpoint: proxy };
    expect(Blueprint.check(withHub(hub))).toEqual([]);
  });

  test('a proxy endpoint may be an IPv4 address and port', () => {
    expect(Blueprint.check(withHub({ proxyEndpoint: '172.31.3.5:3128' }))).toEqual([]);
  });

  test('a security-cloud host inside the hub CIDR is accepted (securityCloudCidrs defaults to the hub CIDR)', () => {
    const props = member();
    const hosts = [...props.hosts!, { name: 'hub-proxy', zone: Zone.SECURITY_CLOUD, cidrs: ['172.31.3.5/32'] }];
    expect(Blueprint.check({ ...props, hosts })).toEqual([]);
    const outside = [...props.hosts!, { name: 'hub-proxy', zone: Zone.SECURITY_CLOUD, cidrs: ['172.30.3.5/32'] }];
    expect(at(Blueprint.check({ ...props, hosts: outside }), 'hosts.hub-proxy.cidrs[0]').join('\n')).toMatch(/172\.30\.3\.5\/32 is outside internet\.securityCloudCidrs \(the hub CIDR\)/);
  });
});

describe('refused, naming the prop and the fix', () => {
  test('with BUILT_IN egress', () => {
    const props = { ...member(), internet: { egress: InternetEgressMode.BUILT_IN, securityCloudHub: HUB } };
    expect(at(Blueprint.check(props), 'internet.securityCloudHub').join('\n')).toMatch(/BUILT_IN.*Fix: remove internet\.egress/);
  });

  test('with internet.securityCloud and internet.securityCloudDns too', () => {
    const props = { ...member(), internet: { ...beta.internet, securityCloudHub: HUB } };
    const errors = Blueprint.check(props);
    expect(at(errors, 'internet.securityCloudHub').join('\n')).toMatch(/internet\.securityCloud are both set.*Fix: remove internet\.securityCloud/);
    expect(at(errors, 'internet.securityCloudDns').join('\n')).toMatch(/dnsAddresses.*Fix: remove internet\.securityCloudDns/);
  });

  test('without a local government code', () => {
    const { localGovernmentCode, ...props } = member();
    expect(localGovernmentCode).toBe('131016');
    expect(at(Blueprint.check(props), 'localGovernmentCode').join('\n')).toMatch(/is missing.*jichitai:municipality.*Fix: give localGovernmentCode/);
  });

  test('SECURITY_CLOUD still needs one of the two ways', () => {
    const { internet: _, ...props } = beta;
    expect(at(Blueprint.check(props), 'internet.securityCloud').join('\n')).toMatch(/is missing.*Fix:.*internet\.securityCloudHub/);
  });

  test.each([
    ['172.31.0.1/16', /host bits|canonical|172\.31\.0\.0\/16/],
    ['8.8.0.0/16', /not private address space \(RFC 1918\)/],
    ['10.0.0.0/8', /overlaps the segment CIDR 10\.0\.0\.0\/18 \(SEG-2\)/],
    ['172.20.0.0/16', /overlaps lgwan\.wanCidrs 172\.20\.0\.0\/16.*LG-1/],
  ])('hubCidr %s', (hubCidr, message) => {
    const errors = at(Blueprint.check(withHub({ hubCidr, dnsAddresses: [hubCidr.split('/')[0].replace(/\.0$/, '.10')] })), 'internet.securityCloudHub.hubCidr');
    expect(errors.join('\n')).toMatch(message);
    expect(errors.join('\n')).toMatch(/Fix: /);
  });

  test.each([
    [[], 'internet.securityCloudHub.dnsAddresses', /1 to 6 IPv4 addresses/],
    [['172.31.1.1', '172.31.1.2', '172.31.1.3', '172.31.1.4', '172.31.1.5', '172.31.1.6', '172.31.1.7'], 'internet.securityCloudHub.dnsAddresses', /1 to 6/],
    [['172.31.01.10'], 'internet.securityCloudHub.dnsAddresses[0]', /leading zero|canonical|172\.31\.1\.10/],
    [['172.31.1.10', '172.31.1.10'], 'internet.securityCloudHub.dnsAddresses[1]', /more than once/],
    [['172.30.1.10'], 'internet.securityCloudHub.dnsAddresses[0]', /outside hubCidr 172\.31\.0\.0\/16/],
    [undefined, 'internet.securityCloudHub.dnsAddresses', /is missing/],
  ])('dnsAddresses %j', (dnsAddresses, path, message) => {
    expect(at(Blueprint.check(withHub({ dnsAddresses })), path).join('\n')).toMatch(message);
  });

  test.each([
    ['transitGatewayId', 'tgw-XYZ', /not a hub transit gateway ID/],
    ['transitGatewayId', 'vpc-0123456789abcdef0', /not a hub transit gateway ID/],
    ['transitGatewayId', '${Token[TOKEN.1]} ', /not a hub transit gateway ID/],
    ['transitGatewayId', undefined, /is missing/],
    ['siemBucketArn', 'arn:aws:s3:::Bad_Bucket', /not an S3 bucket ARN/],
    ['siemBucketArn', 'arn:aws:s3:::bucket/prefix', /not an S3 bucket ARN/],
    ['siemBucketArn', undefined, /is missing.*SC-4/],
    ['proxyEndpoint', 'proxy.example.lg.jp', /is not host:port/],
    ['proxyEndpoint', 'proxy.example.lg.jp:99999', /is not host:port/],
    ['proxyEndpoint', 'proxy example:8080', /is not host:port/],
    ['proxyEndpoint', '172.31.01.5:8080', /is not host:port/],
    ['hubHubCidr', '172.31.0.0/16', /is not a property of the hub connection/],
  ])('%s %j', (prop, value, message) => {
    expect(at(Blueprint.check(withHub({ [prop]: value } as any)), `internet.securityCloudHub.${prop}`).join('\n')).toMatch(message);
  });

  test('hubRouteTableId and hubAttachmentId go together, each an ID or a token', () => {
    expect(at(Blueprint.check(withHub({ hubAttachmentId: undefined })), 'internet.securityCloudHub.hubAttachmentId').join('\n')).toMatch(/is missing: hubRouteTableId and hubAttachmentId go together/);
    expect(at(Blueprint.check(withHub({ hubRouteTableId: undefined })), 'internet.securityCloudHub.hubRouteTableId').join('\n')).toMatch(/go together/);
    expect(at(Blueprint.check(withHub({ hubRouteTableId: 'rtb-0123456789abcdef0' })), 'internet.securityCloudHub.hubRouteTableId').join('\n')).toMatch(/not a hub transit gateway route table ID/);
    expect(at(Blueprint.check(withHub({ hubAttachmentId: 'tgw-0123456789abcdef0' })), 'internet.securityCloudHub.hubAttachmentId').join('\n')).toMatch(/not a hub VPC transit gateway attachment ID/);
  });

  test('securityCloudCidrs outside the hub CIDR, and logging.siemBucketArn besides the hub\'s', () => {
    const props = { ...member(), internet: { securityCloudHub: HUB, securityCloudCidrs: ['172.31.0.0/24', '172.30.0.0/24'] }, logging: { siemBucketArn: 'arn:aws:s3:::sample-city-siem-ingest' } };
    const errors = Blueprint.check(props);
    expect(at(errors, 'internet.securityCloudCidrs[0]')).toEqual([]);
    expect(at(errors, 'internet.securityCloudCidrs[1]').join('\n')).toMatch(/outside securityCloudHub\.hubCidr 172\.31\.0\.0\/16/);
    expect(at(errors, 'logging.siemBucketArn').join('\n')).toMatch(/members\/<code>\//);
  });

  test('every problem at once', () => {
    const { localGovernmentCode: _, ...props } = withHub({ transitGatewayId: 'tgw-x', hubCidr: '8.8.0.0/16', dnsAddresses: ['8.8.8.8', 'x'], siemBucketArn: 'bucket', hubAttachmentId: undefined, proxyEndpoint: 'p' });
    let error: unknown;
    try {
      Blueprint.validate(props);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BlueprintValidationError);
    const paths = (error as BlueprintValidationError).errors.map((e) => e.slice(1, e.indexOf('] ')));
    for (const p of ['localGovernmentCode', 'internet.securityCloudHub.transitGatewayId', 'internet.securityCloudHub.hubCidr', 'internet.securityCloudHub.dnsAddresses[1]',
      'internet.securityCloudHub.siemBucketArn', 'internet.securityCloudHub.hubAttachmentId', 'internet.securityCloudHub.proxyEndpoint']) {
      expect(paths).toContain(p);
    }
  });

  test('in Japanese when the blueprint asks for it', () => {
    const errors = Blueprint.check({ ...withHub({ hubCidr: '8.8.0.0/16', dnsAddresses: ['172.31.1.10'] }), language: GuardLanguage.JAPANESE });
    expect(at(errors, 'internet.securityCloudHub.hubCidr').join('\n')).toMatch(/プライベートアドレス空間（RFC 1918）ではない。対処: /);
    expect(at(errors, 'internet.securityCloudHub.dnsAddresses[0]').join('\n')).toMatch(/の外にある/);
  });
});

describe('securityCloud: hub (the constructs\' sugar)', () => {
  const hub = (connection: SecurityCloudConnectionProps): ISecurityCloud & { asked: string[] } => {
    const asked: string[] = [];
    return { asked, connectionFor: (code: string) => { asked.push(code); return connection; } };
  };

  test('fills internet.securityCloudHub from connectionFor(localGovernmentCode), keeping the other Internet options', () => {
    const h = hub(HUB);
    const { internet: _, ...base } = member();
    const props = joinSecurityCloud({ ...base, internet: { dnsBlockedDomains: ['*.bad.example'] }, securityCloud: h });
    expect(h.asked).toEqual(['131016']);
    expect(props.internet).toEqual({ dnsBlockedDomains: ['*.bad.example'], securityCloudHub: HUB });
    expect('securityCloud' in props).toBe(false);
    expect(Blueprint.check(props)).toEqual([]);
  });

  test('refuses both ways at once, and a missing code, naming the props', () => {
    expect(() => joinSecurityCloud({ ...member(), securityCloud: hub(HUB) })).toThrow(/\[securityCloud\] is given with internet\.securityCloudHub.*Fix:/);
    const { localGovernmentCode: _, internet: __, ...noCode } = member();
    expect(() => joinSecurityCloud({ ...noCode, securityCloud: hub(HUB) })).toThrow(/\[localGovernmentCode\] is missing: securityCloud: hub asks the hub/);
  });

  test('without a hub, the props are the blueprint itself', () => {
    expect(joinSecurityCloud(betaPrime)).toEqual(betaPrime);
  });
});
