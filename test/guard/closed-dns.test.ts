/**
 * The name resolution of the closed segments (src/guard/rules/closed-dns.ts): a VPC's Amazon-provided resolver answers
 * internet names recursively, so a host of the My Number or LGWAN segment can carry data out in the names it asks for
 * (`<data>.attacker.example` reaches that domain's name servers), with no route at all. The segment is closed only with
 * DNS support off, a DNS Firewall that blocks every domain (`*`, every query type) after the names it allows and does not
 * fail open, or "." forwarded to the segment's own resolvers with nothing sent back to the Amazon resolver's recursion.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-behavior.html
 */
import { AlphaPrimeCase, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';

const RESOLVER = /Amazon-provided resolver answers names from the internet/;
const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

/** A VPC of `segment` with one subnet, and `extra` resources. */
function cfn(vpc: Record<string, unknown>, extra: Record<string, unknown> = {}, segment = 'MY_NUMBER'): Record<string, any> {
  return {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag(segment), ...vpc } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    ...extra,
  };
}

/** DNS Firewall resources: domain lists `lists` (name → domains), one rule group with `rules`, associated at `priority`. */
function firewall(lists: Record<string, unknown>, rules: Record<string, unknown>[], failOpen: string | undefined = 'DISABLED', priority = 101, group = 'Group') {
  const out: Record<string, unknown> = {};
  for (const [name, domains] of Object.entries(lists)) {
    out[name] = { Type: 'AWS::Route53Resolver::FirewallDomainList', Properties: typeof domains === 'string' ? { DomainFileUrl: domains } : { Domains: domains } };
  }
  out[group] = { Type: 'AWS::Route53Resolver::FirewallRuleGroup', Properties: { FirewallRules: rules } };
  out[`${group}Association`] = {
    Type: 'AWS::Route53Resolver::FirewallRuleGroupAssociation',
    Properties: { VpcId: { Ref: 'Vpc' }, FirewallRuleGroupId: { 'Fn::GetAtt': [group, 'Id'] }, Priority: priority },
  };
  if (failOpen !== undefined) out.Config = { Type: 'AWS::Route53Resolver::FirewallConfig', Properties: { ResourceId: { Ref: 'Vpc' }, FirewallFailOpen: failOpen } };
  return out;
}
const rule = (priority: number, action: string, list: string, more: Record<string, unknown> = {}) =>
  ({ Priority: priority, Action: action, FirewallDomainListId: { 'Fn::GetAtt': [list, 'Id'] }, ...(action === 'BLOCK' ? { BlockResponse: 'NXDOMAIN' } : {}), ...more });
/** The library's own closed-segment firewall: allow the listed names, then block everything else. */
const closed = (failOpen?: string) => firewall({ Allowed: ['amazonaws.com', '*.amazonaws.com', 'example.lg.jp'], Everything: ['*'] },
  [rule(100, 'ALLOW', 'Allowed'), rule(200, 'BLOCK', 'Everything')], failOpen);

function verdicts(templates: Record<string, any>, model = NetworkModel.ALPHA): string[] {
  return checkTopology(extractCloudFormation({ S: { Resources: templates } } as any), { model })
    .filter((f) => RESOLVER.test(f.message) || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

describe('CloudFormation', () => {
  test('a My Number VPC with the resolver left as AWS gives it is MN-1 (critical), at the VPC', () => {
    const found = verdicts(cfn({}));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^MN-1 Vpc: the My Number VPC's Amazon-provided resolver .* no DNS Firewall rule group is associated with the VPC; and no resolver rule forwards "\."/);
  });

  test('DNS support off (a literal false, or "false") closes it; a parameter may leave it on', () => {
    expect(verdicts(cfn({ EnableDnsSupport: false }))).toEqual([]);
    expect(verdicts(cfn({ EnableDnsSupport: 'false' }))).toEqual([]);
    expect(verdicts(cfn({ EnableDnsSupport: true }))).toHaveLength(1);
    expect(verdicts(cfn({ EnableDnsSupport: { Ref: 'Dns' } }))).toEqual([expect.stringMatching(/^MN-1 /)]);
  });

  test('the library\'s firewall (allow a list, then block "*", fail-open DISABLED or AWS\'s default) closes it', () => {
    expect(verdicts(cfn({}, closed()))).toEqual([]);
    expect(verdicts(cfn({}, closed(undefined)))).toEqual([]);
  });

  test('a firewall that may fail open, or whose configuration cannot be read, does not', () => {
    expect(verdicts(cfn({}, closed('ENABLED')))).toEqual([expect.stringMatching(/may fail open \(Config: FirewallFailOpen is not DISABLED\)/)]);
    expect(verdicts(cfn({}, closed('USE_LOCAL_RESOURCE_SETTING')))).toEqual([expect.stringMatching(/may fail open/)]);
  });

  test('a block limited to one query type, or of some domains only, blocks nothing else', () => {
    const qtype = firewall({ Everything: ['*'] }, [rule(200, 'BLOCK', 'Everything', { Qtype: 'A' })]);
    expect(verdicts(cfn({}, qtype))).toEqual([expect.stringMatching(/no DNS Firewall rule blocks every domain/)]);
    const some = firewall({ Bad: ['evil.example'] }, [rule(200, 'BLOCK', 'Bad')]);
    expect(verdicts(cfn({}, some))).toEqual([expect.stringMatching(/no DNS Firewall rule blocks every domain/)]);
  });

  test('ALLOW or ALERT of everything, a TLD-wide name, or a list the guard cannot read before the block lets names out', () => {
    const alert = firewall({ All: ['*'] }, [rule(100, 'ALERT', 'All'), rule(200, 'BLOCK', 'All')]);
    expect(verdicts(cfn({}, alert))).toEqual([expect.stringMatching(/rule 100 of Group lets through \(ALERT\) "\*"/)]);
    const tld = firewall({ Jp: ['*.jp'], All: ['*'] }, [rule(100, 'ALLOW', 'Jp'), rule(200, 'BLOCK', 'All')]);
    expect(verdicts(cfn({}, tld))).toEqual([expect.stringMatching(/lets through \(ALLOW\) "\*\.jp"/)]);
    const imported = firewall({ File: 's3://bucket/domains.txt', All: ['*'] }, [rule(100, 'ALLOW', 'File'), rule(200, 'BLOCK', 'All')]);
    expect(verdicts(cfn({}, imported))).toEqual([expect.stringMatching(/domains the guard cannot read/)]);
    const managed = firewall({ All: ['*'] }, [{ Priority: 100, Action: 'ALLOW', FirewallDomainListId: 'rslvr-fdl-0123456789abcdef' }, rule(200, 'BLOCK', 'All')]);
    expect(verdicts(cfn({}, managed))).toEqual([expect.stringMatching(/domains the guard cannot read/)]);
    // After the block it changes nothing.
    const after = firewall({ All: ['*'] }, [rule(200, 'BLOCK', 'All'), rule(300, 'ALLOW', 'All')]);
    expect(verdicts(cfn({}, after))).toEqual([]);
  });

  test('rule groups are evaluated in their associations\' priority order, a rule of unreadable priority first', () => {
    const block = firewall({ All: ['*'] }, [rule(100, 'BLOCK', 'All')], 'DISABLED', 200, 'Blocking');
    const allow = firewall({ All: ['*'] }, [rule(100, 'ALLOW', 'All')], 'DISABLED', 100, 'Allowing');
    expect(verdicts(cfn({}, { ...block, ...allow }))).toEqual([expect.stringMatching(/rule 100 of Allowing lets through \(ALLOW\) "\*"/)]);
    const later = firewall({ All: ['*'] }, [rule(100, 'ALLOW', 'All')], 'DISABLED', 300, 'Allowing');
    expect(verdicts(cfn({}, { ...block, ...later }))).toEqual([]);
    const unknown = firewall({ All: ['*'] }, [rule(100, 'BLOCK', 'All'), { ...rule(0, 'ALLOW', 'All'), Priority: { Ref: 'P' } }]);
    expect(verdicts(cfn({}, unknown)).filter((f) => f.startsWith('MN-1'))).toEqual([expect.stringMatching(/priority unreadable/)]);
  });

  test('"." forwarded closes it; a SYSTEM rule beside it sends its domain back to the Amazon resolver', () => {
    const forward = (extra: Record<string, unknown> = {}) => ({
      Endpoint: {
        Type: 'AWS::Route53Resolver::ResolverEndpoint',
        Properties: { Direction: 'OUTBOUND', SecurityGroupIds: [], IpAddresses: [{ SubnetId: { Ref: 'Sub' } }, { SubnetId: { Ref: 'Sub' } }] },
      },
      Root: {
        Type: 'AWS::Route53Resolver::ResolverRule',
        Properties: { RuleType: 'FORWARD', DomainName: '.', ResolverEndpointId: { 'Fn::GetAtt': ['Endpoint', 'ResolverEndpointId'] }, TargetIps: [{ Ip: '10.0.0.53', Port: '53' }] },
      },
      RootAssociation: { Type: 'AWS::Route53Resolver::ResolverRuleAssociation', Properties: { VPCId: { Ref: 'Vpc' }, ResolverRuleId: { 'Fn::GetAtt': ['Root', 'ResolverRuleId'] } } },
      ...extra,
    });
    expect(verdicts(cfn({}, forward()))).toEqual([]);
    const system = forward({
      System: { Type: 'AWS::Route53Resolver::ResolverRule', Properties: { RuleType: 'SYSTEM', DomainName: 'example.com' } },
      SystemAssociation: { Type: 'AWS::Route53Resolver::ResolverRuleAssociation', Properties: { VPCId: { Ref: 'Vpc' }, ResolverRuleId: { 'Fn::GetAtt': ['System', 'ResolverRuleId'] } } },
    });
    expect(verdicts(cfn({}, system))).toEqual([expect.stringMatching(/a SYSTEM resolver rule \(System\) resolves example\.com with the Amazon resolver itself/)]);
    // With the firewall closed, the SYSTEM rule's names are blocked too.
    expect(verdicts(cfn({}, { ...system, ...closed() }))).toEqual([]);
  });

  test('LGWAN: LG-1 in α, β and β′, AP-1 in α′ (a way out around the breakout); the Internet segment is IN-2\'s', () => {
    for (const model of [NetworkModel.ALPHA, NetworkModel.BETA, NetworkModel.BETA_PRIME]) {
      expect(verdicts(cfn({}, {}, 'LGWAN'), model)).toEqual([expect.stringMatching(/^LG-1 Vpc: the LGWAN VPC's Amazon-provided resolver/)]);
    }
    const alphaPrime = checkTopology(extractCloudFormation({ S: { Resources: cfn({}, {}, 'LGWAN') } } as any), { model: NetworkModel.ALPHA_PRIME, alphaPrimeCase: AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD });
    expect(alphaPrime.filter((f) => RESOLVER.test(f.message)).map((f) => f.ruleId)).toEqual(['AP-1']);
    expect(verdicts(cfn({}, {}, 'INTERNET'))).toEqual([]);
    expect(verdicts(cfn({}, closed(), 'LGWAN'))).toEqual([]);
  });
});

describe('Terraform', () => {
  const tf = (vpc: Record<string, unknown>, resources: Record<string, any> = {}) => extractTerraform({
    t: {
      resource: {
        aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' }, ...vpc } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' } },
        ...resources,
      },
    },
  } as any);
  const found = (graph: ReturnType<typeof tf>) => checkTopology(graph, { model: NetworkModel.ALPHA })
    .filter((f) => RESOLVER.test(f.message) || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
  const dns = (blockRule: Record<string, unknown> = {}, failOpen = 'DISABLED') => ({
    aws_route53_resolver_firewall_domain_list: { allowed: { name: 'allowed', domains: ['amazonaws.com', '*.amazonaws.com'] }, all: { name: 'all', domains: ['*'] } },
    aws_route53_resolver_firewall_rule_group: { closed: { name: 'closed' } },
    aws_route53_resolver_firewall_rule: {
      allowed: {
        name: 'allowed',
        action: 'ALLOW',
        priority: 100,
        firewall_domain_list_id: '${aws_route53_resolver_firewall_domain_list.allowed.id}',
        firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.closed.id}',
      },
      everything: {
        name: 'everything',
        action: 'BLOCK',
        block_response: 'NXDOMAIN',
        priority: 200,
        firewall_domain_list_id: '${aws_route53_resolver_firewall_domain_list.all.id}',
        firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.closed.id}',
        ...blockRule,
      },
    },
    aws_route53_resolver_firewall_rule_group_association: {
      closed: { name: 'closed', priority: 101, vpc_id: '${aws_vpc.mn.id}', firewall_rule_group_id: '${aws_route53_resolver_firewall_rule_group.closed.id}' },
    },
    aws_route53_resolver_firewall_config: { mn: { resource_id: '${aws_vpc.mn.id}', firewall_fail_open: failOpen } },
  });

  test('left as the provider gives it (enable_dns_support defaults to true): MN-1 at the VPC', () => {
    expect(found(tf({}))).toEqual([expect.stringMatching(/^MN-1 aws_vpc\.mn: the My Number VPC's Amazon-provided resolver/)]);
    expect(found(tf({ enable_dns_support: '${var.dns}' }))).toEqual([expect.stringMatching(/^MN-1 /)]);
  });

  test('enable_dns_support = false, or the closed firewall, closes it', () => {
    expect(found(tf({ enable_dns_support: false }))).toEqual([]);
    expect(found(tf({}, dns()))).toEqual([]);
  });

  test('a block limited to a query type (q_type), or a firewall that fails open, does not', () => {
    expect(found(tf({}, dns({ q_type: 'TXT' })))).toEqual([expect.stringMatching(/no DNS Firewall rule blocks every domain/)]);
    expect(found(tf({}, dns({ q_type: '' })))).toEqual([]);
    expect(found(tf({}, dns({}, 'ENABLED')))).toEqual([expect.stringMatching(/may fail open/)]);
  });
});
