/**
 * Red team 50 (guideline fidelity): for the non-path rules, the smallest input the requirement forbids whose letter the
 * guard's rule might be laxer than, fed to both engines' readers as the examples' synthesized output changed by hand.
 */
import * as logs from 'aws-cdk-lib/aws-logs';
import { exampleFindings } from './example-findings';
import { checkTopology } from '../../src/guard/check';
import { CloudFormationTemplate, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { Finding, Severity } from '../../src/guard/rule';
import { exampleBlueprint, untouchedCdk, untouchedTf } from '../support/untouched';

type Engine = 'cloudformation' | 'terraform';
const ENGINES: Engine[] = ['cloudformation', 'terraform'];

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

/** All findings of the example `name` after `edit` changed its synthesized output (a copy), in one engine. */
function findingsOf(engine: Engine, name: string, edit: (resources: Record<string, any>) => void): Finding[] {
  const blueprint = exampleBlueprint(name);
  const options = { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase };
  if (engine === 'cloudformation') {
    const untouched = untouchedCdk(name);
    const template = clone(untouched.template);
    edit(template.Resources);
    const graph = extractCloudFormation({ [untouched.stackName]: template as CloudFormationTemplate });
    return checkTopology(graph, options, { hosts: untouched.hosts, flows: untouched.flows });
  }
  const untouched = untouchedTf(name);
  const config = clone(untouched.config);
  edit(config.resource);
  const graph = extractTerraform({ [untouched.stackId]: config as TerraformJson });
  return checkTopology(graph, options, { flows: untouched.flows });
}

/** The breakout's FQDN allow-list targets, in either engine's output. */
function setAllowList(engine: Engine, targets: string[]) {
  return (resources: Record<string, any>) => {
    if (engine === 'cloudformation') {
      const lists = Object.values<any>(resources).filter((r) => r.Type === 'AWS::NetworkFirewall::RuleGroup'
        && r.Properties?.RuleGroup?.RulesSource?.RulesSourceList?.GeneratedRulesType === 'ALLOWLIST');
      if (lists.length === 0) throw new Error('test setup: no allow-list');
      lists[0].Properties.RuleGroup.RulesSource.RulesSourceList.Targets = targets;
      return;
    }
    const lists = Object.values<any>(resources.aws_networkfirewall_rule_group ?? {})
      .filter((r) => r.rule_group?.rules_source?.rules_source_list?.generated_rules_type === 'ALLOWLIST');
    if (lists.length === 0) throw new Error('test setup: no allow-list');
    lists[0].rule_group.rules_source.rules_source_list.targets = targets;
  };
}

describe('AP-2: no bare "*" and no TLD-wide wildcard, whatever is acknowledged for the ISMAP-listed services of one\'s own', () => {
  // An acknowledgement of AP-2 covers every finding of the rule under its scope (src/guard/acknowledge.ts): one given for
  // an own ISMAP-listed service on the allow-list would also cover a wildcard over a public suffix next to it, which the
  // requirement forbids outright. So the syntax findings are critical, as AP-5's certificate findings are.
  test.each(ENGINES)('%s: the own service stays an error; ".co.jp", ".lg.jp", ".tokyo.jp", upper case, a trailing dot and "*" are critical', (engine) => {
    const wild = ['.co.jp', '.lg.jp', '.tokyo.jp', '.CO.JP', '.com.', '*', '.xn--zckzah', '.*.jp'];
    const found = findingsOf(engine, 'alpha-prime', setAllowList(engine, ['login.microsoftonline.com', '.files.example.jp', ...wild]))
      .filter((f) => f.ruleId === 'AP-2');
    const own = found.filter((f) => f.message.startsWith('allow-list entry ".files.example.jp"'));
    expect(own.map((f) => f.severity)).toEqual([Severity.ERROR]);
    for (const entry of wild) {
      const about = found.filter((f) => f.message.startsWith(`allow-list entry "${entry}"`));
      expect({ entry, severities: about.map((f) => f.severity) }).toEqual({ entry, severities: [Severity.CRITICAL] });
    }
  });
});

/** The DNS Firewall rules of the Internet VPC's rule group, to be replaced by `rules` (action, priority, domains). */
function internetDnsRules(engine: Engine, rules: { action: string; priority: number; domains: string[] }[]) {
  return (resources: Record<string, any>) => {
    if (engine === 'cloudformation') {
      const groups = Object.entries<any>(resources).filter(([id, r]) => r.Type === 'AWS::Route53Resolver::FirewallRuleGroup' && /Internet/.test(id));
      if (groups.length !== 1) throw new Error(`test setup: ${groups.length} Internet DNS Firewall rule groups`);
      groups[0][1].Properties.FirewallRules = rules.map((r, i) => {
        resources[`RtList${i}`] = { Type: 'AWS::Route53Resolver::FirewallDomainList', Properties: { Domains: r.domains } };
        return { Action: r.action, Priority: r.priority, FirewallDomainListId: { 'Fn::GetAtt': [`RtList${i}`, 'Id'] }, ...(r.action === 'BLOCK' ? { BlockResponse: 'NODATA' } : {}) };
      });
      return;
    }
    const groups = Object.keys(resources.aws_route53_resolver_firewall_rule_group ?? {}).filter((k) => /Internet/.test(k));
    if (groups.length !== 1) throw new Error(`test setup: ${groups.length} Internet DNS Firewall rule groups`);
    const group = `\${aws_route53_resolver_firewall_rule_group.${groups[0]}.id}`;
    const all = resources.aws_route53_resolver_firewall_rule ?? {};
    for (const [k, r] of Object.entries<any>(all)) if (r.firewall_rule_group_id === group) delete all[k];
    resources.aws_route53_resolver_firewall_domain_list = resources.aws_route53_resolver_firewall_domain_list ?? {};
    rules.forEach((r, i) => {
      resources.aws_route53_resolver_firewall_domain_list[`rt_list_${i}`] = { name: `rt-list-${i}`, domains: r.domains };
      all[`rt_rule_${i}`] = {
        name: `rt-rule-${i}`,
        action: r.action,
        priority: r.priority,
        firewall_rule_group_id: group,
        firewall_domain_list_id: `\${aws_route53_resolver_firewall_domain_list.rt_list_${i}.id}`,
        ...(r.action === 'BLOCK' ? { block_response: 'NODATA' } : {}),
      };
    });
    resources.aws_route53_resolver_firewall_rule = all;
  };
}

describe('IN-2: the stand-in\'s resolver is filtered only by a DNS Firewall that blocks something', () => {
  const in2 = (engine: Engine, rules: Parameters<typeof internetDnsRules>[1]) =>
    findingsOf(engine, 'beta-prime', internetDnsRules(engine, rules)).filter((f) => f.ruleId === 'IN-2').map((f) => f.message).join('\n');

  test.each(ENGINES)('%s: the β′ example\'s stand-in (a block list) passes, also with an allow-list of names ahead of it', (engine) => {
    expect(in2(engine, [{ action: 'BLOCK', priority: 100, domains: ['*.example-malware.test'] }])).toBe('');
    expect(in2(engine, [{ action: 'ALLOW', priority: 50, domains: ['*.example.jp'] }, { action: 'BLOCK', priority: 100, domains: ['*.example-malware.test'] }])).toBe('');
  });

  test.each(ENGINES)('%s: a rule group with no rules (a stand-in without dnsBlockedDomains) filters nothing: refused', (engine) => {
    expect(in2(engine, [])).toMatch(/the stand-in's resolver is unfiltered: no DNS Firewall rule of the Internet-segment VPC blocks anything/);
  });

  test.each(ENGINES)('%s: an ALLOW "*" (or ALERT on a TLD) ahead of the block list lets every name through: refused', (engine) => {
    expect(in2(engine, [{ action: 'ALLOW', priority: 1, domains: ['*'] }, { action: 'BLOCK', priority: 100, domains: ['*.example-malware.test'] }]))
      .toMatch(/the stand-in's resolver is unfiltered: .*lets through \(ALLOW\) "\*" before any rule blocks/);
    expect(in2(engine, [{ action: 'ALERT', priority: 1, domains: ['*.com'] }, { action: 'BLOCK', priority: 100, domains: ['*.example-malware.test'] }]))
      .toMatch(/the stand-in's resolver is unfiltered: .*lets through \(ALERT\) "\*\.com" before any rule blocks/);
  });
});

/** Add an ingress rule to the group of the β′ example's business system in the Internet segment (groupware), from `peer`. */
function businessIngress(engine: Engine, peer: { cidr?: string; prefixList?: string }, port = 443) {
  return (resources: Record<string, any>) => {
    // The Internet segment's business system (the finance system stays in LGWAN).
    const tagged = (tags: any) => (Array.isArray(tags) ? tags.some((t: any) => t.Key === 'jichitai:host' && t.Value === 'groupware')
      : tags?.['jichitai:host'] === 'groupware');
    if (engine === 'cloudformation') {
      const groups = Object.entries<any>(resources).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup' && tagged(r.Properties?.Tags));
      if (groups.length === 0) throw new Error('test setup: no business system group');
      resources.RtIngress = {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: { 'Fn::GetAtt': [groups[0][0], 'GroupId'] },
          IpProtocol: 'tcp',
          FromPort: port,
          ToPort: port,
          ...(peer.cidr ? { CidrIp: peer.cidr } : { SourcePrefixListId: peer.prefixList }),
        },
      };
      return;
    }
    const groups = Object.entries<any>(resources.aws_security_group ?? {}).filter(([, r]) => tagged(r.tags));
    if (groups.length === 0) throw new Error('test setup: no business system group');
    resources.aws_vpc_security_group_ingress_rule = {
      ...(resources.aws_vpc_security_group_ingress_rule ?? {}),
      rt_ingress: {
        security_group_id: `\${aws_security_group.${groups[0][0]}.id}`,
        ip_protocol: 'tcp',
        from_port: port,
        to_port: port,
        ...(peer.cidr ? { cidr_ipv4: peer.cidr } : { prefix_list_id: peer.prefixList }),
      },
    };
  };
}

describe('BP-1: a business system\'s group admits no segment-wide peer, declared flows or not', () => {
  /** BP-1's findings; `undeclared` judges the output without the flows the example declares (a third-party app). */
  function bp1(engine: Engine, peer: { cidr?: string; prefixList?: string }, undeclared = false): string {
    const blueprint = exampleBlueprint('beta-prime');
    const edit = businessIngress(engine, peer);
    let graph;
    if (engine === 'cloudformation') {
      const template = clone(untouchedCdk('beta-prime').template);
      edit(template.Resources);
      graph = extractCloudFormation({ [untouchedCdk('beta-prime').stackName]: template });
    } else {
      const config = clone(untouchedTf('beta-prime').config);
      edit(config.resource);
      graph = extractTerraform({ [untouchedTf('beta-prime').stackId]: config });
    }
    const flows = undeclared ? undefined : (engine === 'cloudformation' ? untouchedCdk('beta-prime') : untouchedTf('beta-prime')).flows;
    return checkTopology(graph, { model: blueprint.model }, { flows }).filter((f) => f.ruleId === 'BP-1').map((f) => f.message).join('\n');
  }

  test.each(ENGINES)('%s: the whole VPC, or the Internet segment\'s block, as the peer is refused', (engine) => {
    expect(bp1(engine, { cidr: '10.0.128.0/18' })).toMatch(/admits a whole subnet or segment \(10\.0\.128\.0\/18\)/);
    expect(bp1(engine, { cidr: '10.0.128.0/18' }, true)).toMatch(/admits a whole subnet or segment \(10\.0\.128\.0\/18\)/);
  });

  test.each(ENGINES)('%s: a prefix list the guard cannot read is refused even where no flows are declared (it may hold the segment)', (engine) => {
    expect(bp1(engine, { prefixList: 'pl-0123456789abcdef0' })).toMatch(/pl-0123456789abcdef0/);
    expect(bp1(engine, { prefixList: 'pl-0123456789abcdef0' }, true)).toMatch(/admits a prefix list pl-0123456789abcdef0 the guard cannot read/);
  });
});

/** A secondary IPv4 block on the example's VPC of `segment`. */
function secondaryBlock(engine: Engine, segment: string, cidr: string) {
  return (resources: Record<string, any>) => {
    const labelled = (tags: any) => (Array.isArray(tags) ? tags.some((t: any) => t.Key === 'jichitai:segment' && t.Value === segment)
      : tags?.['jichitai:segment'] === segment);
    if (engine === 'cloudformation') {
      const vpcs = Object.entries<any>(resources).filter(([, r]) => r.Type === 'AWS::EC2::VPC' && labelled(r.Properties?.Tags));
      if (vpcs.length !== 1) throw new Error(`test setup: ${vpcs.length} ${segment} VPCs`);
      resources.RtSecondary = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: vpcs[0][0] }, CidrBlock: cidr } };
      return;
    }
    const vpcs = Object.entries<any>(resources.aws_vpc ?? {}).filter(([, r]) => labelled(r.tags));
    if (vpcs.length !== 1) throw new Error(`test setup: ${vpcs.length} ${segment} VPCs`);
    resources.aws_vpc_ipv4_cidr_block_association = { rt_secondary: { vpc_id: `\${aws_vpc.${vpcs[0][0]}.id}`, cidr_block: cidr } };
  };
}

describe('SEG-2: segment blocks overlap neither each other nor the declared external networks', () => {
  const seg2 = (engine: Engine, segment: string, cidr: string) =>
    findingsOf(engine, 'alpha', secondaryBlock(engine, segment, cidr)).filter((f) => f.ruleId === 'SEG-2').map((f) => f.message).join('\n');

  test.each(ENGINES)('%s: a secondary block of the LGWAN VPC over the Internet segment\'s is refused', (engine) => {
    expect(seg2(engine, 'LGWAN', '10.0.128.0/20')).toMatch(/LGWAN 10\.0\.128\.0\/20 overlaps INTERNET 10\.0\.128\.0\/18|INTERNET 10\.0\.128\.0\/18 overlaps LGWAN 10\.0\.128\.0\/20/);
  });

  test.each(ENGINES)('%s: a secondary block over a declared LGWAN WAN host (the intermediate server) is refused: its routes would stay in the VPC', (engine) => {
    expect(seg2(engine, 'MY_NUMBER', '172.20.0.0/20'))
      .toMatch(/MY_NUMBER 172\.20\.0\.0\/20 overlaps 172\.20\.10\.5\/32 of the declared LGWAN_WAN host intermediate-server/);
  });
});

describe('LOG-1: a retention set apart from the log group (aws-cdk-lib LogRetention) counts', () => {
  // Terraform has no resource that sets a log group's retention apart from aws_cloudwatch_log_group: CloudFormation only.
  const proxyGroup = (net: any) => net.node.findAll().find((c: any) => c instanceof logs.CfnLogGroup && /TenantProxy\/AccessLog$/.test(c.node.path)) as logs.CfnLogGroup;

  test('the α′ proxy\'s access log kept 400 days by its group but one day by a LogRetention on its name, or on a Ref to it: refused', () => {
    const byName = exampleFindings('alpha-prime', 'LOG-1', (stack, net) => {
      new logs.LogRetention(stack, 'RtShort', { logGroupName: proxyGroup(net).logGroupName!, retention: logs.RetentionDays.ONE_DAY });
    }).join('\n');
    expect(byName).toMatch(/the proxy's access log is kept too briefly: log group .*RtShort.* keeps its events 1 day, fewer than 400/);
    const byRef = exampleFindings('alpha-prime', 'LOG-1', (stack, net) => {
      new logs.LogRetention(stack, 'RtShort', { logGroupName: proxyGroup(net).ref, retention: logs.RetentionDays.ONE_WEEK });
    }).join('\n');
    expect(byRef).toMatch(/log group .*RtShort.* keeps its events 7 days, fewer than 400/);
  });

  test('a LogRetention that keeps the events long enough changes nothing', () => {
    expect(exampleFindings('alpha-prime', 'LOG-1', (stack, net) => {
      new logs.LogRetention(stack, 'RtLong', { logGroupName: proxyGroup(net).logGroupName!, retention: logs.RetentionDays.THIRTEEN_MONTHS });
    })).toEqual([]);
  });
});

/** Give every flow log of the example's output a custom record format. */
function flowLogFormat(engine: Engine, format: string) {
  return (resources: Record<string, any>) => {
    if (engine === 'cloudformation') {
      for (const r of Object.values<any>(resources)) if (r.Type === 'AWS::EC2::FlowLog') r.Properties.LogFormat = format;
      return;
    }
    // Terraform reads "${…}" as its own interpolation: the flow log's fields are written "$${…}".
    for (const r of Object.values<any>(resources.aws_flow_log ?? {})) r.log_format = format.replace(/\$\{/g, () => '$${');
  };
}

describe('LOG-1: a flow log that records no addresses, ports or verdicts is no flow log of the traffic', () => {
  const log1 = (engine: Engine, format: string) =>
    findingsOf(engine, 'alpha', flowLogFormat(engine, format)).filter((f) => f.ruleId === 'LOG-1').map((f) => f.message).join('\n');

  test.each(ENGINES)('%s: a format of the version and account only is refused on every segment VPC', (engine) => {
    // eslint-disable-next-line no-template-curly-in-string
    const found = log1(engine, '${version} ${account-id} ${interface-id}');
    expect(found).toMatch(/the MY_NUMBER VPC has no flow log of all traffic .*leaves out srcaddr, dstaddr, srcport, dstport, protocol, action, start, end/);
    expect(found).toMatch(/the INTERNET VPC has no flow log/);
  });

  test.each(ENGINES)('%s: a custom format with the default format\'s fields passes', (engine) => {
    // eslint-disable-next-line no-template-curly-in-string
    expect(log1(engine, '${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}')).toBe('');
  });
});

/** Rewrite the policy text of every My Number VPC endpoint (the example's own policy, held to the own account). */
function myNumberEndpointPolicies(engine: Engine, edit: (text: string) => string) {
  return (resources: Record<string, any>) => {
    const myNumber = (tags: any) => (Array.isArray(tags) ? tags.some((t: any) => t.Key === 'jichitai:segment' && t.Value === 'MY_NUMBER')
      : tags?.['jichitai:segment'] === 'MY_NUMBER');
    let n = 0;
    if (engine === 'cloudformation') {
      const vpcs = new Set(Object.entries<any>(resources).filter(([, r]) => r.Type === 'AWS::EC2::VPC' && myNumber(r.Properties?.Tags)).map(([id]) => id));
      for (const r of Object.values<any>(resources)) {
        if (r.Type !== 'AWS::EC2::VPCEndpoint' || !vpcs.has(r.Properties?.VpcId?.Ref) || r.Properties.PolicyDocument === undefined) continue;
        r.Properties.PolicyDocument = JSON.parse(edit(JSON.stringify(r.Properties.PolicyDocument)));
        n++;
      }
    } else {
      const vpcs = Object.entries<any>(resources.aws_vpc ?? {}).filter(([, r]) => myNumber(r.tags)).map(([k]) => `\${aws_vpc.${k}.id}`);
      for (const r of Object.values<any>(resources.aws_vpc_endpoint ?? {})) {
        if (!vpcs.includes(r.vpc_id) || typeof r.policy !== 'string') continue;
        r.policy = edit(r.policy);
        n++;
      }
    }
    if (n === 0) throw new Error('test setup: no My Number endpoint policy');
  };
}

describe('MN-5: the conditions that hold a My Number endpoint to the own account are read to the letter (probes that pass correctly)', () => {
  const mn5 = (engine: Engine, edit: (text: string) => string) =>
    findingsOf(engine, 'alpha', myNumberEndpointPolicies(engine, edit)).filter((f) => f.ruleId === 'MN-5').map((f) => f.message).join('\n');

  test.each(ENGINES)('%s: the example passes; StringEqualsIfExists, StringLike or a second account beside the own one is refused', (engine) => {
    expect(mn5(engine, (t) => t)).toBe('');
    // …IfExists passes a request that carries no such key.
    expect(mn5(engine, (t) => t.replace(/"StringEquals"/g, '"StringEqualsIfExists"'))).toMatch(/no StringEquals condition on aws:(Principal|Resource)Account names the deploying account only/);
    expect(mn5(engine, (t) => t.replace(/"StringEquals"/g, '"StringLike"'))).toMatch(/no StringEquals condition on aws:(Principal|Resource)Account/);
    expect(mn5(engine, (t) => t.replace(/"aws:ResourceAccount":\s*("[^"]*"|\{[^}]*\})/g, '"aws:ResourceAccount": [$1, "111122223333"]')))
      .toMatch(/other accounts' resources .*"111122223333" is a literal account/);
  });
});

describe('AP-5: every directive that weakens the proxy\'s certificate verification is critical (probes that pass correctly)', () => {
  /** AP-5's findings on the α′ example with lines added to the proxy's squid.conf (its boot script in the launch template). */
  const ap5 = (...lines: string[]) => findingsOf('cloudformation', 'alpha-prime', (resources) => {
    const templates = Object.values<any>(resources).filter((r) => r.Type === 'AWS::EC2::LaunchTemplate'
      && typeof r.Properties?.LaunchTemplateData?.UserData?.['Fn::Base64'] === 'string' && r.Properties.LaunchTemplateData.UserData['Fn::Base64'].includes('squid'));
    if (templates.length !== 1) throw new Error(`test setup: ${templates.length} proxy launch templates`);
    const data = templates[0].Properties.LaunchTemplateData.UserData;
    data['Fn::Base64'] = data['Fn::Base64'].replace(/^sslproxy_cert_error deny all$/m, (line: string) => [...lines, line].join('\n'));
    if (!lines.every((l) => data['Fn::Base64'].includes(l))) throw new Error('test setup: no sslproxy_cert_error line');
  }).filter((f) => f.ruleId === 'AP-5' && f.severity === Severity.CRITICAL).map((f) => f.message).join('\n');

  // Squid 5.7 (squid -k parse) reports sslproxy_flags obsolete but still turns verification off ("SECURITY WARNING: Peer
  // certificates are not verified for validity!").
  test.each([
    ['sslproxy_flags DONT_VERIFY_PEER', /turns certificate verification off/],
    ['tls_outgoing_options flags=DONT_VERIFY_DOMAIN', /accepts a certificate issued to another name/],
    ['sslproxy_cert_error allow all', /accepts certificates that fail verification/],
    ['tls_outgoing_options default-ca=off', /trusts no certificate authority/],
    // Squid's other spelling of default-ca=off (squid -k parse accepts it).
    ['tls_outgoing_options no-default-ca', /trusts no certificate authority/],
  ])('"%s" is refused (critical)', (line, message) => {
    expect(ap5(line)).toMatch(message);
  });
});

/** An egress rule on a security group of the example's LGWAN VPC, to a WAN address on a port. */
function lgwanEgress(engine: Engine, cidr: string, port: number) {
  return (resources: Record<string, any>) => {
    const lgwan = (tags: any) => (Array.isArray(tags) ? tags.some((t: any) => t.Key === 'jichitai:segment' && t.Value === 'LGWAN')
      : tags?.['jichitai:segment'] === 'LGWAN');
    if (engine === 'cloudformation') {
      const vpc = Object.entries<any>(resources).find(([, r]) => r.Type === 'AWS::EC2::VPC' && lgwan(r.Properties?.Tags))![0];
      const group = Object.entries<any>(resources).find(([, r]) => r.Type === 'AWS::EC2::SecurityGroup' && r.Properties?.VpcId?.Ref === vpc)![0];
      resources.RtEgress = {
        Type: 'AWS::EC2::SecurityGroupEgress',
        Properties: { GroupId: { 'Fn::GetAtt': [group, 'GroupId'] }, IpProtocol: 'tcp', FromPort: port, ToPort: port, CidrIp: cidr },
      };
      return;
    }
    const vpc = Object.entries<any>(resources.aws_vpc).find(([, r]) => lgwan(r.tags))![0];
    const group = Object.entries<any>(resources.aws_security_group).find(([, r]) => r.vpc_id === `\${aws_vpc.${vpc}.id}`)![0];
    resources.aws_vpc_security_group_egress_rule = {
      ...(resources.aws_vpc_security_group_egress_rule ?? {}),
      rt_egress: { security_group_id: `\${aws_security_group.${group}.id}`, ip_protocol: 'tcp', from_port: port, to_port: port, cidr_ipv4: cidr },
    };
  };
}

describe('LG-3: LGWAN ↔ LGWAN WAN only to the declared services (probes that pass correctly)', () => {
  const lg3 = (engine: Engine, cidr: string, port: number) =>
    findingsOf(engine, 'alpha', lgwanEgress(engine, cidr, port)).filter((f) => f.ruleId === 'LG-3').map((f) => f.message).join('\n');

  test.each(ENGINES)('%s: a port no declared flow names, to the declared LGWAN-ASP host, is refused; so is the whole WAN on 443', (engine) => {
    expect(lg3(engine, '172.20.30.10/32', 22)).toMatch(/its egress rules toward the LGWAN WAN open tcp\/22 to 172\.20\.30\.10\/32, beyond the ports of the declared flows/);
    expect(lg3(engine, '172.20.0.0/16', 443)).toMatch(/open tcp\/443 to 172\.20\.0\.0\/16, which holds the declared host/);
  });
});
