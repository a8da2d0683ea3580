/**
 * Found by an outside tester (red team 36) on the hand-built prefecture (security-cloud-fixture.ts): a hub proxy that
 * relays between members past the guard's reading of its http_access rules (real Squid 5.7 showed each), and logs that
 * reach the SIEM bucket's path but not whole. Each case beside the fixture's own control.
 */
import { Mutation, prefectureCfn } from './security-cloud-fixture';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

type T = Record<string, any>;

/** The SC and GUARD-1 findings of the fixture's prefecture after an edit of the prefecture stack's resources, α and β. */
function scFindings(edit: (resources: T) => void, m: Mutation = {}): string[] {
  const templates = JSON.parse(JSON.stringify(prefectureCfn(m)));
  edit(templates.Prefecture.Resources);
  const graph = extractCloudFormation(templates);
  return [NetworkModel.ALPHA, NetworkModel.BETA].flatMap((model) => checkTopology(graph, { model }).map(formatFinding)).filter((l) => /SC-\d|GUARD-1/.test(l));
}

const editSquid = (resources: T, f: (conf: string) => string) => {
  const userData = resources.ProxyTemplate.Properties.LaunchTemplateData.UserData;
  userData['Fn::Base64'] = f(userData['Fn::Base64']);
};

test('the fixture complies; its proxy without the private deny relays members (the control)', () => {
  expect(scFindings(() => undefined)).toEqual([]);
  expect(scFindings(() => undefined, { squid: 'no-deny' }).join('\n')).toMatch(/SC-1 critical .*relays/);
});

describe('SC-1: the hub proxy relays between members', () => {
  test('a dst -n deny matches IP-literal URLs only: a name resolving to a member address passes it', () => {
    const found = scFindings((r) => editSquid(r, (c) => c.replace('acl to_private dst 10.0.0.0/8', 'acl to_private dst -n 10.0.0.0/8')));
    expect(found.join('\n')).toMatch(/SC-1 critical .*do not deny .*10\.0\.0\.0\/8/);
  });

  test.each([
    ['a parent peer with never_direct', 'cache_peer 10.2.0.80 parent 80 0 no-query originserver name=b\nnever_direct allow all', 'cache_peer'],
    ['a URL rewriter', 'url_rewrite_program /usr/local/bin/rewrite', 'url_rewrite_program'],
    ['an ICAP request modification service', 'icap_enable on\nicap_service rewrite reqmod_precache icap://127.0.0.1:1344/rewrite', 'icap_service'],
  ])('%s sends an allowed request elsewhere than its host: refused', (_, lines, directive) => {
    const found = scFindings((r) => editSquid(r, (c) => c.replace('http_access deny all', `http_access deny all\n${lines}`)));
    expect(found.join('\n')).toMatch(new RegExp(`SC-1 critical .*it has ${directive}, which may send a request elsewhere`));
  });
});

describe('SC-4: a log reaches the SIEM only whole', () => {
  test('the controls: a web ACL without logging, a proxy log group not subscribed', () => {
    expect(scFindings(() => undefined, { noWafLogging: true }).join('\n')).toMatch(/SC-4 error/);
    expect(scFindings(() => undefined, { noProxySubscription: true }).join('\n')).toMatch(/SC-4 error/);
  });

  test('a WAF logging filter that may drop requests: the web ACL is not logged; a KEEP-only filter is', () => {
    const filter = (defaultBehavior: string, behavior: string) => (r: T) => {
      r.WebAclLogging.Properties.LoggingFilter = {
        DefaultBehavior: defaultBehavior,
        Filters: [{ Behavior: behavior, Requirement: 'MEETS_ALL', Conditions: [{ LabelNameCondition: { LabelName: 'awswaf:never:label' } }] }],
      };
    };
    expect(scFindings(filter('DROP', 'KEEP')).join('\n')).toMatch(/SC-4 error .*does not log to the hub's SIEM bucket \(its logging filter may drop requests/);
    expect(scFindings(filter('KEEP', 'DROP')).join('\n')).toMatch(/SC-4 error .*its logging filter may drop requests/);
    expect(scFindings(filter('KEEP', 'KEEP'))).toEqual([]);
  });

  test('a Firehose stream to the SIEM whose records pass a processor (it may drop them): the logs it carries do not reach the SIEM', () => {
    const processed = (enabled: boolean) => (r: T) => {
      r.LogStream.Properties.ExtendedS3DestinationConfiguration.ProcessingConfiguration = {
        Enabled: enabled,
        Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:ap-northeast-1:123456789012:function:drop-all' }] }],
      };
    };
    expect(scFindings(processed(true)).join('\n')).toMatch(/SC-4 error/);
    expect(scFindings(processed(false))).toEqual([]);
  });
});

describe('SC-1 over IPv6: members with IPv6 blocks, a hub proxy denying the private IPv4 blocks only', () => {
  const ref = (id: string) => ({ Ref: id });
  /** IPv6 on the hub and both members; the hub services table routes member B's block to the gateway; no IPv4 way back. */
  const v6 = (denyV6: boolean) => (r: T) => {
    r.HubV6 = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: ref('HubVpc'), Ipv6CidrBlock: '2001:db8:100::/56', Ipv6Pool: 'ipv6pool-ec2-0123456789abcdef0' } };
    r.HubservicesSubnet.Properties.Ipv6CidrBlock = '2001:db8:100:1::/64';
    for (const [k, n] of [['A', 1], ['B', 2]] as const) {
      r[`V6${k}`] = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: ref(`Vpc${k}`), Ipv6CidrBlock: `2001:db8:${n}::/56`, Ipv6Pool: 'ipv6pool-ec2-0123456789abcdef0' } };
      r[`Subnet${k}`].Properties.Ipv6CidrBlock = `2001:db8:${n}::/64`;
      r[`ToHubV6${k}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`Table${k}`), DestinationIpv6CidrBlock: '2001:db8:100::/56', TransitGatewayId: ref('Tgw') } };
      r[`Attachment${k}`].Properties.Options = { Ipv6Support: 'enable' };
    }
    r.HubAttachment.Properties.Options = { Ipv6Support: 'enable' };
    for (const i of [0, 1, 2]) delete r[`ServicesPrivate${i}`];
    r.ServicesV6 = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('HubservicesTable'), DestinationIpv6CidrBlock: '2001:db8::/40', TransitGatewayId: ref('Tgw') } };
    if (denyV6) editSquid(r, (c) => c.replace('127.0.0.0/8', '127.0.0.0/8 2001:db8::/32'));
  };

  test('the proxy relays over IPv6 unless it denies the members\' IPv6 blocks too', () => {
    expect(scFindings(v6(false), { squid: 'no-deny' }).join('\n')).toMatch(/SC-1 critical .*relays/);
    expect(scFindings(v6(false)).join('\n')).toMatch(/SC-1 critical .*do not deny .*2001:db8:1::\/56/);
    expect(scFindings(v6(true)).filter((l) => l.includes('SC-1'))).toEqual([]);
  });
});
