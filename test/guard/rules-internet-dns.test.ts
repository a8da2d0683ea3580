/**
 * IN-2's holes (outside tester, red team 39): the Internet segment's names are resolved by the security cloud's DNS, or
 * by the stand-in's filtered resolver — and by nothing else: a rule type the guard cannot read, a DELEGATE rule, DHCP
 * options naming other DNS servers, rules a Route 53 Profile attaches, "." forwarded to a public resolver reached through
 * the security cloud's transit. The closed segments' resolver check (src/guard/rules/closed-dns.ts) reads the same rules.
 */
import { App, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as r53r from 'aws-cdk-lib/aws-route53resolver';
import { exampleFindings } from './example-findings';
import { buildCdkExample } from '../../examples/cdk/_app';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow, DeclaredHost, declaredFlowsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';
import { exampleBlueprint, untouchedTf } from '../support/untouched';

const cfn = (net: any, suffix: string) => net.internet.node.findAll().find((c: any) => c.node.path.endsWith(suffix)) as CfnResource;
/** The α example's own outbound endpoint in the Internet VPC (its subnets route only the security cloud's resolvers). */
const endpointId = (net: any) => (cfn(net, '/DnsForwardingEndpoint') as r53r.CfnResolverEndpoint).attrResolverEndpointId;
const in2 = (name: string, change: (stack: Stack, net: any) => void) => exampleFindings(name, 'IN-2', change).join('\n');
/** Two subnets of the Internet VPC: the β′ example has no outbound endpoint of its own. */
const internetSubnets = (net: any) => net.internet.node.findAll().filter((c: any) => c instanceof ec2.CfnSubnet).slice(0, 2)
  .map((s: any) => ({ subnetId: s.ref }));

/** A Terraform reference example as JSON, with the Internet VPC's and outbound endpoint's addresses. */
function tfExample(name: string): { json: any; model: NetworkModel; inet: string; endpoint: string } {
  // The example as it is: synthesized once per test run (test/support/untouched.ts), a copy of its own here.
  const json = untouchedTf(name).config;
  const inet = Object.keys(json.resource.aws_vpc).find((k) => k.includes('Internet'))!;
  const endpoint = Object.keys(json.resource.aws_route53_resolver_endpoint ?? {}).find((k) => k.includes('Internet')) ?? '';
  return { json, model: exampleBlueprint(name).model, inet, endpoint };
}
const add = (json: any, type: string, name: string, body: any) => { json.resource[type] = { ...(json.resource[type] ?? {}), [name]: body }; };
const tfIn2 = (e: ReturnType<typeof tfExample>) => checkTopology(extractTerraform({ t: e.json }), { model: e.model })
  .filter((f) => f.ruleId === 'IN-2').map(formatFinding).join('\n');

describe('IN-2: only a literal SYSTEM rule is the VPC\'s own resolver; FORWARD and DELEGATE are judged by their targets', () => {
  test('a rule whose type is a parameter is not read as SYSTEM (which the stand-in allows): refused, as unreadable', () => {
    const found = in2('beta-prime', (stack, net) => {
      const t = new CfnParameter(stack, 'RtRuleType', { type: 'String', default: 'FORWARD', allowedValues: ['FORWARD'] });
      const ep = new r53r.CfnResolverEndpoint(stack, 'RtEp', { direction: 'OUTBOUND', securityGroupIds: ['sg-1'], ipAddresses: internetSubnets(net) });
      const rule = new r53r.CfnResolverRule(stack, 'RtFwd', { domainName: 'com', ruleType: t.valueAsString, resolverEndpointId: ep.attrResolverEndpointId, targetIps: [{ ip: '8.8.8.8' }] });
      new r53r.CfnResolverRuleAssociation(stack, 'RtFwdAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    });
    expect(found).toMatch(/IN-2 error .*the type of resolver rule RtFwd.* cannot be read \(not a literal/);
  });

  test('a SYSTEM rule naming an outbound endpoint cannot be told either', () => {
    const found = in2('beta-prime', (stack, net) => {
      const ep = new r53r.CfnResolverEndpoint(stack, 'RtEp', { direction: 'OUTBOUND', securityGroupIds: ['sg-1'], ipAddresses: internetSubnets(net) });
      const rule = new r53r.CfnResolverRule(stack, 'RtOdd', { domainName: 'com', ruleType: 'SYSTEM', resolverEndpointId: ep.attrResolverEndpointId });
      new r53r.CfnResolverRuleAssociation(stack, 'RtOddAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    });
    expect(found).toMatch(/IN-2 error .*cannot be read \(SYSTEM with an outbound endpoint/);
  });

  test('a DELEGATE rule to 8.8.8.8 is a forwarding rule: refused on the stand-in too, and never called the VPC\'s own resolver', () => {
    const delegate = (stack: Stack, net: any, endpoint: string) => {
      const rule = new r53r.CfnResolverRule(stack, 'RtDelegate', { ruleType: 'DELEGATE', delegationRecord: 'com', resolverEndpointId: endpoint, targetIps: [{ ip: '8.8.8.8' }] });
      new r53r.CfnResolverRuleAssociation(stack, 'RtDelegateAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    };
    const standIn = in2('beta-prime', (stack, net) => {
      const ep = new r53r.CfnResolverEndpoint(stack, 'RtEp', { direction: 'OUTBOUND', securityGroupIds: ['sg-1'], ipAddresses: internetSubnets(net) });
      delegate(stack, net, ep.attrResolverEndpointId);
    });
    expect(standIn).toMatch(/IN-2 error .*delegates com \(a DELEGATE resolver rule\) to resolvers that are not the security cloud's/);
    const alpha = in2('alpha', (stack, net) => delegate(stack, net, endpointId(net)));
    // 8.8.8.8 is refused by its address (an internet address the security cloud does not declare), as a FORWARD target is.
    expect(alpha).toMatch(/IN-2 error .*delegates com .*: 8\.8\.8\.8, a target of resolver rule RtDelegate, is an internet address outside/);
    expect(alpha).not.toMatch(/VPC's own resolver/);
  });

  test('a DELEGATE rule for "." does not stand for forwarding every name', () => {
    const found = in2('alpha', (stack, net) => {
      net.internet.node.tryRemoveChild('DnsForwardingAssociation');
      const root = cfn(net, '/DnsForwardingRule') as r53r.CfnResolverRule;
      const rule = new r53r.CfnResolverRule(stack, 'RtDelegateRoot', { ruleType: 'DELEGATE', delegationRecord: '.', resolverEndpointId: endpointId(net), targetIps: root.targetIps });
      new r53r.CfnResolverRuleAssociation(stack, 'RtDelegateRootAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    });
    expect(found).toMatch(/no resolver rule forwards "\." to resolvers in the SECURITY_CLOUD zone/);
  });

  test('Terraform: a rule_type given by a variable is refused on the stand-in', () => {
    const e = tfExample('beta-prime');
    e.json.variable = { ...(e.json.variable ?? {}), rt_type: { type: 'string', default: 'FORWARD' } };
    const subnets = Object.keys(e.json.resource.aws_subnet).filter((k) => k.includes('Internet')).slice(0, 2);
    add(e.json, 'aws_route53_resolver_endpoint', 'rt', { direction: 'OUTBOUND', security_group_ids: ['sg-1'], ip_address: subnets.map((s) => ({ subnet_id: `\${aws_subnet.${s}.id}` })) });
    add(e.json, 'aws_route53_resolver_rule', 'rt', { domain_name: 'com', rule_type: '${var.rt_type}', resolver_endpoint_id: '${aws_route53_resolver_endpoint.rt.id}', target_ip: [{ ip: '8.8.8.8' }] });
    add(e.json, 'aws_route53_resolver_rule_association', 'rt', { resolver_rule_id: '${aws_route53_resolver_rule.rt.id}', vpc_id: `\${aws_vpc.${e.inet}.id}` });
    expect(tfIn2(e)).toMatch(/IN-2 error .*the type of resolver rule aws_route53_resolver_rule\.rt cannot be read/);
  });
});

/** The closed segments' resolver (MN-1 here): a My Number VPC forwarding "." to its own resolvers, with `extra` rules. */
function closedVerdicts(extra: Record<string, unknown>): string[] {
  const resources = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    Endpoint: {
      Type: 'AWS::Route53Resolver::ResolverEndpoint',
      Properties: { Direction: 'OUTBOUND', SecurityGroupIds: [], IpAddresses: [{ SubnetId: { Ref: 'Sub' } }, { SubnetId: { Ref: 'Sub' } }] },
    },
    Root: {
      Type: 'AWS::Route53Resolver::ResolverRule',
      Properties: { RuleType: 'FORWARD', DomainName: '.', ResolverEndpointId: { 'Fn::GetAtt': ['Endpoint', 'ResolverEndpointId'] }, TargetIps: [{ Ip: '10.0.0.53' }] },
    },
    RootAssociation: { Type: 'AWS::Route53Resolver::ResolverRuleAssociation', Properties: { VPCId: { Ref: 'Vpc' }, ResolverRuleId: { 'Fn::GetAtt': ['Root', 'ResolverRuleId'] } } },
    ...extra,
  };
  return checkTopology(extractCloudFormation({ S: { Resources: resources } } as any), { model: NetworkModel.ALPHA })
    .filter((f) => /Amazon-provided resolver answers names from the internet/.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}
const closedRule = (properties: Record<string, unknown>) => ({
  Other: { Type: 'AWS::Route53Resolver::ResolverRule', Properties: properties },
  OtherAssociation: { Type: 'AWS::Route53Resolver::ResolverRuleAssociation', Properties: { VPCId: { Ref: 'Vpc' }, ResolverRuleId: { 'Fn::GetAtt': ['Other', 'ResolverRuleId'] } } },
});

describe('the closed segments\' resolver reads rule types alike', () => {
  const endpoint = { 'Fn::GetAtt': ['Endpoint', 'ResolverEndpointId'] };
  test('a DELEGATE rule sends through its endpoint as a FORWARD rule does: no way back to the Amazon resolver', () => {
    expect(closedVerdicts({})).toEqual([]);
    expect(closedVerdicts(closedRule({ RuleType: 'DELEGATE', DelegationRecord: 'corp.example', ResolverEndpointId: endpoint, TargetIps: [{ Ip: '10.0.0.54' }] }))).toEqual([]);
  });

  test('a rule type given by a parameter may be SYSTEM: MN-1, as unreadable', () => {
    const found = closedVerdicts(closedRule({ RuleType: { Ref: 'Type' }, DomainName: 'example.com', ResolverEndpointId: endpoint, TargetIps: [{ Ip: '10.0.0.54' }] }));
    expect(found).toEqual([expect.stringMatching(/^MN-1 Vpc: .*the type of resolver rule Other cannot be read \(not a literal\), so it may resolve example\.com with the Amazon resolver itself/)]);
  });
});

describe('IN-2: a DHCP option set naming other DNS servers sends the instances around the VPC resolver', () => {
  // EC2 CreateDhcpOptions: once a set is associated with a VPC, "all existing and new instances that you launch in the VPC use this set".
  const dhcp = (servers: unknown, id = 'RtDhcp') => (stack: Stack, net: any) => {
    const opts = new ec2.CfnDHCPOptions(stack, id, { domainNameServers: servers as string[] });
    new ec2.CfnVPCDHCPOptionsAssociation(stack, `${id}Assoc`, { dhcpOptionsId: opts.ref, vpcId: net.internet.vpc.vpcId });
  };

  test('a public resolver, while "." is forwarded to the security cloud: refused; so on the stand-in, around its DNS Firewall', () => {
    expect(in2('alpha', dhcp(['8.8.8.8', '8.8.4.4']))).toMatch(/IN-2 error .*DHCP option set RtDhcp gives the Internet-segment VPC's instances the DNS servers 8\.8\.8\.8, 8\.8\.4\.4/);
    expect(in2('beta-prime', dhcp(['1.1.1.1']))).toMatch(/IN-2 error .*the DNS servers 1\.1\.1\.1/);
    // Beside AmazonProvidedDNS the other server is asked too.
    expect(in2('alpha', dhcp(['AmazonProvidedDNS', '10.9.0.2']))).toMatch(/the DNS servers 10\.9\.0\.2,/);
  });

  test('AmazonProvidedDNS alone, a set naming no server (the default), or `default` (no set) pass', () => {
    expect(in2('alpha', dhcp(['AmazonProvidedDNS']))).toBe('');
    expect(in2('alpha', (stack, net) => {
      const opts = new ec2.CfnDHCPOptions(stack, 'RtDhcp', { ntpServers: ['169.254.169.123'] });
      new ec2.CfnVPCDHCPOptionsAssociation(stack, 'RtDhcpAssoc', { dhcpOptionsId: opts.ref, vpcId: net.internet.vpc.vpcId });
    })).toBe('');
    expect(in2('alpha', (stack, net) => { new ec2.CfnVPCDHCPOptionsAssociation(stack, 'RtDhcpAssoc', { dhcpOptionsId: 'default', vpcId: net.internet.vpc.vpcId }); })).toBe('');
  });

  test('servers given by a parameter, or a set outside the output, cannot be read: refused', () => {
    expect(in2('alpha', (stack, net) => {
      const p = new CfnParameter(stack, 'DnsServers', { type: 'CommaDelimitedList', default: '8.8.8.8' });
      dhcp(p.valueAsList)(stack, net);
    })).toMatch(/IN-2 error .*the DNS servers that DHCP option set RtDhcp gives .* cannot be read/);
    expect(in2('alpha', (stack, net) => { new ec2.CfnVPCDHCPOptionsAssociation(stack, 'RtDhcpAssoc', { dhcpOptionsId: 'dopt-0123456789abcdef0', vpcId: net.internet.vpc.vpcId }); }))
      .toMatch(/IN-2 error .*DHCP option set dopt-0123456789abcdef0 .* cannot be read/);
  });

  test('a set on another VPC is not the Internet segment\'s', () => {
    expect(in2('alpha', (stack, net) => {
      const opts = new ec2.CfnDHCPOptions(stack, 'RtDhcp', { domainNameServers: ['8.8.8.8'] });
      new ec2.CfnVPCDHCPOptionsAssociation(stack, 'RtDhcpAssoc', { dhcpOptionsId: opts.ref, vpcId: net.lgwan.vpc.vpcId });
    })).toBe('');
  });

  test('Terraform: aws_vpc_dhcp_options naming 8.8.8.8, or a variable, is refused; the adopted default set is AmazonProvidedDNS', () => {
    const withSet = (set: any, options = '${aws_vpc_dhcp_options.rt.id}') => {
      const e = tfExample('alpha');
      if (set) add(e.json, set.type, 'rt', set.body);
      add(e.json, 'aws_vpc_dhcp_options_association', 'rt', { vpc_id: `\${aws_vpc.${e.inet}.id}`, dhcp_options_id: options });
      return tfIn2(e);
    };
    expect(withSet({ type: 'aws_vpc_dhcp_options', body: { domain_name_servers: ['8.8.8.8'] } })).toMatch(/IN-2 error .*the DNS servers 8\.8\.8\.8/);
    expect(withSet({ type: 'aws_vpc_dhcp_options', body: { domain_name_servers: '${var.dns}' } })).toMatch(/IN-2 error .*cannot be read/);
    expect(withSet({ type: 'aws_vpc_dhcp_options', body: { domain_name_servers: ['AmazonProvidedDNS'] } })).toBe('');
    expect(withSet({ type: 'aws_default_vpc_dhcp_options', body: {} }, '${aws_default_vpc_dhcp_options.rt.id}')).toBe('');
  });
});

describe('the closed segments: a DHCP option set adds no finding of its own', () => {
  test('a My Number VPC whose instances are given 8.8.8.8: the queries follow the routes MN-1 judges; the resolver check stays as it was', () => {
    const set = {
      Dhcp: { Type: 'AWS::EC2::DHCPOptions', Properties: { DomainNameServers: ['8.8.8.8'] } },
      DhcpAssociation: { Type: 'AWS::EC2::VPCDHCPOptionsAssociation', Properties: { VpcId: { Ref: 'Vpc' }, DhcpOptionsId: { Ref: 'Dhcp' } } },
    };
    expect(closedVerdicts(set)).toEqual([]);
    expect(closedVerdicts({ ...set, ...closedRule({ RuleType: 'SYSTEM', DomainName: 'example.com' }) })).toEqual([expect.stringMatching(/a SYSTEM resolver rule \(Other\)/)]);
  });
});

describe('IN-2: the rules a Route 53 Profile attaches to the Internet VPC are its rules', () => {
  /** A profile holding `resourceArn`, associated with the Internet VPC. */
  const profile = (stack: Stack, net: any, resourceArn: unknown, profileId?: string) => {
    const p = new CfnResource(stack, 'RtProfile', { type: 'AWS::Route53Profiles::Profile', properties: { Name: 'rt' } });
    new CfnResource(stack, 'RtProfileRes', { type: 'AWS::Route53Profiles::ProfileResourceAssociation', properties: { Name: 'r', ProfileId: p.getAtt('Id'), ResourceArn: resourceArn } });
    new CfnResource(stack, 'RtProfileAssoc', {
      type: 'AWS::Route53Profiles::ProfileAssociation', properties: { Name: 'a', ProfileId: profileId ?? p.getAtt('Id'), ResourceId: net.internet.vpc.vpcId },
    });
  };

  test('a SYSTEM rule for "com" through a profile: refused as when associated directly; the stand-in\'s filtered resolver allows it', () => {
    const system = (stack: Stack, net: any) => profile(stack, net, new r53r.CfnResolverRule(stack, 'RtSystem', { domainName: 'com', ruleType: 'SYSTEM' }).attrArn);
    expect(in2('alpha', system)).toMatch(/IN-2 error .*resolves com with the VPC's own resolver \(a SYSTEM resolver rule\)/);
    expect(in2('beta-prime', system)).toBe('');
  });

  test('a FORWARD rule for "com" to 8.8.8.8 through a profile: refused', () => {
    expect(in2('alpha', (stack, net) => {
      const rule = new r53r.CfnResolverRule(stack, 'RtFwd', { domainName: 'com', ruleType: 'FORWARD', resolverEndpointId: endpointId(net), targetIps: [{ ip: '8.8.8.8', port: '53' }] });
      profile(stack, net, rule.attrArn);
    })).toMatch(/IN-2 error .*forwards com to resolvers that are not the security cloud's: 8\.8\.8\.8, a target of resolver rule RtFwd, is an internet address/);
  });

  test('a rule of elsewhere, or a profile outside the output, cannot be read: refused; a hosted zone or DNS Firewall rule group is no rule', () => {
    expect(in2('alpha', (stack, net) => profile(stack, net, 'arn:aws:route53resolver:ap-northeast-1:111122223333:resolver-rule/rslvr-rr-0123456789abcdef0')))
      .toMatch(/IN-2 error .*the resolver rule of association RtProfileAssoc#RtProfileRes cannot be read/);
    expect(in2('alpha', (stack, net) => profile(stack, net, 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ', 'rp-0123456789abcdef')))
      .toMatch(/IN-2 error .*the resolver rule of association RtProfileAssoc#profile cannot be read/);
    expect(in2('alpha', (stack, net) => profile(stack, net, 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ'))).toBe('');
  });

  test('Terraform: a SYSTEM rule, or a FORWARD rule to 8.8.8.8, through aws_route53profiles_association: refused', () => {
    const through = (rule: any) => {
      const e = tfExample('alpha');
      add(e.json, 'aws_route53_resolver_rule', 'rt', typeof rule === 'function' ? rule(e) : rule);
      add(e.json, 'aws_route53profiles_profile', 'rt', { name: 'rt' });
      add(e.json, 'aws_route53profiles_resource_association', 'rt', { name: 'rt-r', profile_id: '${aws_route53profiles_profile.rt.id}', resource_arn: '${aws_route53_resolver_rule.rt.arn}' });
      add(e.json, 'aws_route53profiles_association', 'rt', { name: 'rt-a', profile_id: '${aws_route53profiles_profile.rt.id}', resource_id: `\${aws_vpc.${e.inet}.id}` });
      return tfIn2(e);
    };
    expect(through({ domain_name: 'com', rule_type: 'SYSTEM' })).toMatch(/IN-2 error .*resolves com with the VPC's own resolver/);
    expect(through((e: any) => ({ domain_name: 'com', rule_type: 'FORWARD', resolver_endpoint_id: `\${aws_route53_resolver_endpoint.${e.endpoint}.id}`, target_ip: [{ ip: '8.8.8.8' }] })))
      .toMatch(/IN-2 error .*forwards com to resolvers that are not the security cloud's/);
  });
});

describe('the closed segments: a SYSTEM rule through a profile sends its domain back to the Amazon resolver', () => {
  test('MN-1', () => {
    const found = closedVerdicts({
      System: { Type: 'AWS::Route53Resolver::ResolverRule', Properties: { RuleType: 'SYSTEM', DomainName: 'example.com' } },
      Profile: { Type: 'AWS::Route53Profiles::Profile', Properties: { Name: 'p' } },
      ProfileRes: {
        Type: 'AWS::Route53Profiles::ProfileResourceAssociation',
        Properties: { Name: 'r', ProfileId: { 'Fn::GetAtt': ['Profile', 'Id'] }, ResourceArn: { 'Fn::GetAtt': ['System', 'Arn'] } },
      },
      ProfileAssociation: { Type: 'AWS::Route53Profiles::ProfileAssociation', Properties: { Name: 'a', ProfileId: { 'Fn::GetAtt': ['Profile', 'Id'] }, ResourceId: { Ref: 'Vpc' } } },
    });
    expect(found).toEqual([expect.stringMatching(/^MN-1 Vpc: .*a SYSTEM resolver rule \(System\) resolves example\.com with the Amazon resolver itself/)]);
  });
});

describe('IN-2: a resolver on the internet is not the security cloud\'s because its queries travel through it', () => {
  /** "." forwarded to `target` from an outbound endpoint in the α example's Internet workload subnets (default route to the security cloud). */
  const publicRoot = (target: string) => (stack: Stack, net: any) => {
    net.internet.node.tryRemoveChild('DnsForwardingAssociation');
    const subnets = net.internet.node.findAll().filter((c: any) => c instanceof ec2.CfnSubnet && /workload/.test(c.node.path)).slice(0, 2);
    const ep = new r53r.CfnResolverEndpoint(stack, 'RtEp', { direction: 'OUTBOUND', securityGroupIds: ['sg-1'], ipAddresses: subnets.map((s: any) => ({ subnetId: s.ref })) });
    const rule = new r53r.CfnResolverRule(stack, 'RtRoot', { domainName: '.', ruleType: 'FORWARD', resolverEndpointId: ep.attrResolverEndpointId, targetIps: [{ ip: target }] });
    new r53r.CfnResolverRuleAssociation(stack, 'RtRootAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
  };

  test('"." to 8.8.8.8 over the default route to the security cloud: refused; to a private address the same way, not', () => {
    const found = in2('alpha', publicRoot('8.8.8.8'));
    expect(found).toMatch(/IN-2 error .*forwards \. to resolvers that are not the security cloud's: 8\.8\.8\.8, a target of resolver rule RtRoot, is an internet address outside/);
    expect(found).toMatch(/no resolver rule forwards "\."/);
    // The control: the same path to a private address arrives in the SECURITY_CLOUD zone and is the security cloud's resolver.
    expect(in2('alpha', publicRoot('172.30.0.53'))).toBe('');
  });

  test('an internet address inside a host of the SECURITY_CLOUD zone a declared flow names counts as the security cloud\'s', () => {
    const app = new App({ builtinCloudFormationValidation: false });
    const { stack, network } = buildCdkExample('alpha', app);
    publicRoot('203.0.113.53')(stack, network);
    const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
    const graph = extractCloudFormation({ [stack.stackName]: template });
    const in2Of = (flows: DeclaredFlow[]) => checkTopology(graph, { model: network.blueprint.model }, { flows }).filter((f) => f.ruleId === 'IN-2').map(formatFinding);
    const declared = declaredFlowsOf(stack) ?? [];
    const internet: DeclaredHost = { name: 'terminals', zone: 'INTERNET', cidrs: ['10.2.0.0/24'] };
    const dns = (cidr: string): DeclaredFlow => ({
      name: 'dns', kind: 'SPECIFIC', from: internet, to: { name: 'sc-dns', zone: 'SECURITY_CLOUD', cidrs: [cidr] }, ports: [{ protocol: 'udp', fromPort: 53, toPort: 53 }],
    });
    expect(in2Of([...declared]).join('\n')).toMatch(/203\.0\.113\.53, a target of resolver rule RtRoot, is an internet address outside/);
    expect(in2Of([...declared, dns('203.0.113.0/24')])).toEqual([]);
    // A declared host of another zone, or a block that does not hold the target, is not.
    expect(in2Of([...declared, dns('203.0.114.0/24')]).join('\n')).toMatch(/is an internet address outside/);
    expect(in2Of([...declared, { ...dns('203.0.113.0/24'), to: { name: 'wan', zone: 'LGWAN_WAN', cidrs: ['203.0.113.0/24'] } }]).join('\n')).toMatch(/is an internet address outside/);
  });

  test('Terraform: "." to 8.8.8.8 from an endpoint in the workload subnets is refused', () => {
    const e = tfExample('alpha');
    delete e.json.resource.aws_route53_resolver_rule_association;
    const subnets = Object.keys(e.json.resource.aws_subnet).filter((k) => k.includes('Internet_Subnet-workload'));
    expect(subnets).toHaveLength(2);
    add(e.json, 'aws_route53_resolver_endpoint', 'rt', { direction: 'OUTBOUND', security_group_ids: ['sg-1'], ip_address: subnets.map((s) => ({ subnet_id: `\${aws_subnet.${s}.id}` })) });
    add(e.json, 'aws_route53_resolver_rule', 'rt', { domain_name: '.', rule_type: 'FORWARD', resolver_endpoint_id: '${aws_route53_resolver_endpoint.rt.id}', target_ip: [{ ip: '8.8.8.8' }] });
    add(e.json, 'aws_route53_resolver_rule_association', 'rt', { resolver_rule_id: '${aws_route53_resolver_rule.rt.id}', vpc_id: `\${aws_vpc.${e.inet}.id}` });
    expect(tfIn2(e)).toMatch(/IN-2 error .*8\.8\.8\.8, a target of resolver rule aws_route53_resolver_rule\.rt, is an internet address outside/);
  });
});
