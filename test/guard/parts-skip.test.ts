/**
 * A prefecture's graph is checked once per model present (`checkParts`), and each model keeps only the findings in its
 * own members' parts (and in no part). Rules may skip working out a finding the caller would drop (`GuardContext.keeps`,
 * to save the other models' share of the work: issue 16); skipping must never change what is kept. Here the reference
 * prefecture (one Terraform stack, a member of each model) gets the same violations in every member, and the findings of
 * `checkParts` are compared with those of a check that skips nothing: each model's rules over the whole graph with no
 * `keeps`, each finding kept by the owner of its path, as `checkParts` decides.
 */
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { TerraformResource, Testing } from 'cdktf';
import { prefectureHub, prefectureMember } from '../../examples/prefecture';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { buildTfPrefecture, TfPrefecture } from '../../examples/tf/_prefecture';
import { tf } from '../../src';
import { renderConfig } from '../../src/cdktf/render-once';
import { checkTopology, declaredPrefixes } from '../../src/guard/check';
import { withDeclarations } from '../../src/guard/declared';
import { checkParts, GuardedPart } from '../../src/guard/evaluate';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Reachability } from '../../src/guard/reachability';
import { Finding, formatFinding } from '../../src/guard/rule';
import { FlowKind } from '../../src/model/flows';

/** Each member of the prefecture as a part under its own model, with its declarations (as the guard checks them). */
function memberParts(p: TfPrefecture): GuardedPart[] {
  return withDeclarations(p.stack, p.members.map((m) => ({
    part: { scopePath: m.node.path, options: { model: m.blueprint.model, alphaPrimeCase: m.blueprint.alphaPrimeCase } },
    scope: m,
  })));
}

/** A security group rule added to `member`'s group `group` (its resource name), named `name` and placed under the member. */
function injectGroupRule(json: any, member: string, name: string, group: string,
  rule: { type: 'ingress' | 'egress'; protocol: string; from: number; to: number; cidrs: string[] }): void {
  json.resource.aws_security_group_rule = {
    ...json.resource.aws_security_group_rule,
    [`${member}_${name}`]: {
      'type': rule.type,
      'security_group_id': `\${aws_security_group.${group}.id}`,
      'protocol': rule.protocol,
      'from_port': rule.from,
      'to_port': rule.to,
      'cidr_blocks': rule.cidrs,
      '//': { metadata: { path: `prefecture/ExamplePref/${member}/${name}` } },
    },
  };
}

/**
 * The prefecture's Terraform JSON with, in member i (10.i.0.0/16), violations of LG-1, LG-2 (both parts), MN-1 (a path)
 * and MN-3 (a security group).
 */
function violatedPrefecture(members = 4): { json: any; parts: GuardedPart[] } {
  const p = buildTfPrefecture(members, Testing.app());
  // Rendered as the guard reads it (with each resource's construct path), not as written (Testing.synth drops the paths).
  const json = JSON.parse(JSON.stringify(renderConfig(p.stack)));
  p.members.forEach((_m, i) => {
    const n = i + 1;
    const member = `Member${String(n).padStart(3, '0')}`;
    const group = Object.keys(json.resource.aws_security_group).find((k) => k.startsWith(`${member}_Lgwan_HostSecurityGroup-finance-system_`));
    const subnet = Object.keys(json.resource.aws_subnet).find((k) => k.startsWith(`${member}_Lgwan_Subnet-workload-1_`));
    if (!group || !subnet) throw new Error(`the prefecture's ${member} has no LGWAN finance-system group or workload subnet`);
    // LG-2: the Internet segment's workload subnet opens SSH into an LGWAN server (no declared flow admits it).
    injectGroupRule(json, member, 'InjectedSsh', group, { type: 'ingress', protocol: 'tcp', from: 22, to: 22, cidrs: [`10.${n}.128.0/20`] });
    // LG-1: an LGWAN subnet that hands out public IP addresses.
    json.resource.aws_subnet[subnet].map_public_ip_on_launch = true;
    // MN-1, a path (worded by pathFindings, which skips other models' sources): a My Number route table sends everything
    // to an internet gateway on the My Number VPC…
    const key = (type: string, prefix: string) => {
      const found = Object.keys(json.resource[type]).find((k) => k.startsWith(`${member}_${prefix}`));
      if (!found) throw new Error(`the prefecture's ${member} has no ${type} ${prefix}`);
      return found;
    };
    const myVpc = key('aws_vpc', 'MyNumber_Vpc_');
    json.resource.aws_internet_gateway = {
      ...json.resource.aws_internet_gateway,
      [`${member}_InjectedGateway`]: { 'vpc_id': `\${aws_vpc.${myVpc}.id}`, '//': { metadata: { path: `prefecture/ExamplePref/${member}/InjectedGateway` } } },
    };
    json.resource.aws_route[`${member}_InjectedRoute`] = {
      'route_table_id': `\${aws_route_table.${key('aws_route_table', 'MyNumber_RouteTable-workload-1_')}.id}`,
      'destination_cidr_block': '0.0.0.0/0',
      'gateway_id': `\${aws_internet_gateway.${member}_InjectedGateway.id}`,
      '//': { metadata: { path: `prefecture/ExamplePref/${member}/InjectedRoute` } },
    };
    // …that the segment's network ACL lets out (it lets out only the declared hosts otherwise).
    json.resource.aws_network_acl_rule[`${member}_InjectedOut`] = {
      'network_acl_id': `\${aws_network_acl.${key('aws_network_acl', 'MyNumber_NetworkAcl_')}.id}`,
      'egress': true,
      'rule_number': 1,
      'protocol': '-1',
      'rule_action': 'allow',
      'cidr_block': '0.0.0.0/0',
      '//': { metadata: { path: `prefecture/ExamplePref/${member}/InjectedOut` } },
    };
    // MN-3, a group (judged by unnarrowedGroupsToward, which skips other models' groups): every protocol from the whole
    // LGWAN VPC into the My Number server's group.
    const registry = key('aws_security_group', 'MyNumber_HostSecurityGroup-resident-registry_');
    const lgwanBlock = String(json.resource.aws_vpc[key('aws_vpc', 'Lgwan_Vpc_')].cidr_block);
    injectGroupRule(json, member, 'InjectedAll', registry, { type: 'ingress', protocol: '-1', from: 0, to: 0, cidrs: [lgwanBlock] });
    // MN-3, a port toward a host of the other side that no declared flow names (read with the member's model's flows):
    // RDP from one LGWAN address into the My Number server's group.
    injectGroupRule(json, member, 'InjectedRdp', registry,
      { type: 'ingress', protocol: 'tcp', from: 3389, to: 3389, cidrs: [`${lgwanBlock.split('/')[0].replace(/\.0$/, '.77')}/32`] });
  });
  return { json, parts: memberParts(p) };
}

/** The part a path lies in: the longest scope path it starts with (a whole step), as checkParts decides. */
function ownerOf(parts: readonly GuardedPart[], path: string): GuardedPart | undefined {
  return [...parts].sort((a, b) => b.scopePath.length - a.scopePath.length)
    .find((p) => path === p.scopePath || path.startsWith(`${p.scopePath}/`));
}

const key = (f: Finding) => `${f.ruleId} ${f.path}: ${formatFinding(f)}`;

test('a prefecture\'s check per model keeps exactly what a check that skips nothing keeps', () => {
  const { json, parts } = violatedPrefecture();
  const graph = extractTerraform({ prefecture: json });
  const flows = parts.flatMap((x) => x.flows ?? []);
  const actual = checkParts(graph, parts, { name: 'prefecture', reach: new Reachability(graph, declaredPrefixes(flows)) }).map(key);

  // The reference: every model's rules over the whole graph, nothing skipped, then the owner test.
  const expected = new Set<string>();
  const models = new Map(parts.map((p) => [`${p.options.model}/${p.options.alphaPrimeCase ?? ''}`, p.options]));
  for (const [model, options] of models) {
    const own = parts.filter((p) => `${p.options.model}/${p.options.alphaPrimeCase ?? ''}` === model);
    const found = checkTopology(graph, options, {
      name: 'prefecture', flows: own.flatMap((p) => p.flows ?? []), hosts: own.flatMap((p) => p.hosts ?? []),
    });
    for (const f of found) {
      const owner = ownerOf(parts, f.path);
      if (owner === undefined || `${owner.options.model}/${owner.options.alphaPrimeCase ?? ''}` === model) expected.add(key(f));
    }
  }
  expect(actual).toEqual([...expected].sort((a, b) => actual.indexOf(a) - actual.indexOf(b)));
  expect(new Set(actual)).toEqual(expected);
  // The comparison has teeth: the injected violations are found in the members of every model, by the rules that skip.
  for (const member of ['Member001', 'Member002', 'Member003', 'Member004']) {
    const inMember = actual.filter((line) => line.includes(`/${member}/`));
    expect({
      member,
      lg1: inMember.some((l) => l.startsWith('LG-1 ')),
      lg2: inMember.filter((l) => l.startsWith('LG-2 ') && l.includes('open connections')).length > 0,
      mn1Path: inMember.some((l) => l.startsWith('MN-1 ') && / reaches the internet/.test(l)),
      mn3Group: inMember.some((l) => l.startsWith('MN-3 ') && /security group .*resident-registry.* allow all traffic/i.test(l)),
      mn3Ports: inMember.some((l) => l.startsWith('MN-3 ') && /security group .*resident-registry.*tcp\/3389 from .*beyond the ports of the declared flows/i.test(l)),
    }).toEqual({ member, lg1: true, lg2: true, mn1Path: true, mn3Group: true, mn3Ports: true });
  }
}, 120_000);

test('two members of one model: each member\'s groups are judged against its own declared flows, not the other member\'s too', () => {
  // Members 1 and 5 of the reference prefecture are of the same model (the rotation of five). Member 5 declares, besides
  // the reference flows, SSH from its My Number server to the 中間サーバー (a WAN host both members reach); member 1
  // opens SSH to it without declaring it: its own flows name only HTTPS there, so MN-3 refuses its rule.
  const p = buildTfPrefecture(5, Testing.app());
  expect(p.members[0].blueprint.model).toBe(p.members[4].blueprint.model);
  const json = JSON.parse(JSON.stringify(renderConfig(p.stack)));
  const group = Object.keys(json.resource.aws_security_group).find((k) => k.startsWith('Member001_MyNumber_HostSecurityGroup-resident-registry_'))!;
  injectGroupRule(json, 'Member001', 'InjectedSsh', group, { type: 'egress', protocol: 'tcp', from: 22, to: 22, cidrs: ['172.20.10.5/32'] });
  const parts = memberParts(p).map((part, i) => (i !== 4 ? part : {
    ...part,
    flows: [...part.flows!, ...part.flows!.filter((f) => f.to.name === 'intermediate-server')
      .map((f) => ({ ...f, name: `${f.name}-ssh`, ports: [{ protocol: 'tcp' as const, fromPort: 22, toPort: 22 }] }))],
  }));
  expect(parts[4].flows!.some((f) => f.name.endsWith('-ssh'))).toBe(true);
  const graph = extractTerraform({ prefecture: json });
  const flows = parts.flatMap((x) => x.flows ?? []);
  const found = checkParts(graph, parts, { name: 'prefecture', reach: new Reachability(graph, declaredPrefixes(flows)) }).map(key);
  expect(found.filter((l) => l.startsWith('MN-3 ') && l.includes('Member001') && /tcp\/22 to 172\.20\.10\.5\/32/.test(l))).toHaveLength(1);
  // Member 5's own SSH, declared, is not refused for it.
  expect(found.filter((l) => l.startsWith('MN-3 ') && l.includes('Member005') && /tcp\/22/.test(l))).toEqual([]);
}, 120_000);

test('two members of one model: each member\'s paths to the LGWAN WAN are judged against its own declared flows', () => {
  // Member 1 declares no flow to the WAN (its declarations edited below), member 5, of the same model, the reference
  // ones: member 1's routes to the WAN services are then beyond its declarations (LG-3, MN-3), whatever member 5 declares.
  const p = buildTfPrefecture(5, Testing.app());
  const json = JSON.parse(JSON.stringify(renderConfig(p.stack)));
  const parts = memberParts(p).map((part, i) => (i !== 0 ? part : { ...part, flows: part.flows!.filter((f) => f.from.zone !== 'LGWAN_WAN' && f.to.zone !== 'LGWAN_WAN') }));
  expect(parts[4].flows!.some((f) => f.to.zone === 'LGWAN_WAN')).toBe(true);
  const graph = extractTerraform({ prefecture: json });
  const flows = parts.flatMap((x) => x.flows ?? []);
  const found = checkParts(graph, parts, { name: 'prefecture', reach: new Reachability(graph, declaredPrefixes(flows)) }).map(key);
  // Toward the WAN (the WAN services' addresses are the same for every member; the way back names each member's hosts).
  const beyond = (member: string) => found.filter((l) => /^(LG-3|MN-3) /.test(l) && l.includes(`/${member}/`) && /reaches LGWAN WAN addresses that no declared/.test(l));
  expect(beyond('Member001').length).toBeGreaterThan(0);
  expect(beyond('Member005')).toEqual([]);
}, 120_000);

test('a prefecture with two members of each model: the check per model keeps what each member checked with its own declarations keeps', () => {
  // The reference judges every member on its own: the whole graph under the member's model with the member's own flows,
  // hosts and SIEMs, keeping the findings in that member (and, from any member's check, those in no member). The check
  // per model joins the declarations of its members; it must not let one member's declarations excuse another's rule.
  const { json, parts } = violatedPrefecture(10);
  const graph = extractTerraform({ prefecture: json });
  const flows = parts.flatMap((x) => x.flows ?? []);
  const actual = new Set(checkParts(graph, parts, { name: 'prefecture', reach: new Reachability(graph, declaredPrefixes(flows)) }).map(key));
  const reach = new Reachability(graph, declaredPrefixes(flows));
  const expected = new Set<string>();
  for (const part of parts) {
    const own = { name: 'prefecture', reach, flows: part.flows ?? [], hosts: part.hosts ?? [], siem: part.siem ?? [] };
    for (const f of checkTopology(graph, part.options, own)) {
      const owner = ownerOf(parts, f.path);
      if (owner === undefined || owner === part) expected.add(key(f));
    }
  }
  const missing = [...expected].filter((x) => !actual.has(x));
  expect({ missing, extra: [...actual].filter((x) => !expected.has(x)) }).toEqual({ missing: [], extra: [] });
  // With teeth: the injected violations are there, in every member.
  for (let n = 1; n <= 10; n++) {
    const member = `/Member${String(n).padStart(3, '0')}/`;
    expect([member, [...actual].filter((l) => l.includes(member) && /^MN-3 .*beyond the ports of the declared flows/.test(l)).length]).toEqual([member, 1]);
  }
}, 300_000);

/** The prefecture's findings (`checkParts`), as lines, for its Terraform JSON and parts. */
function checkPrefecture(json: any, parts: readonly GuardedPart[]): string[] {
  const graph = extractTerraform({ prefecture: json });
  const flows = parts.flatMap((x) => x.flows ?? []);
  return checkParts(graph, parts, { name: 'prefecture', reach: new Reachability(graph, declaredPrefixes(flows)) }).map(key);
}

/** The reference prefecture of `members` members as Terraform JSON read by the guard, with its members as parts. */
function prefectureJson(members: number): { p: TfPrefecture; json: any; parts: GuardedPart[] } {
  const p = buildTfPrefecture(members, Testing.app());
  return { p, json: JSON.parse(JSON.stringify(renderConfig(p.stack))), parts: memberParts(p) };
}

/** The key of a resource of `member` whose name starts with `prefix` (`Lgwan_FlowLog_`). */
function resourceKey(json: any, type: string, member: string, prefix: string): string {
  const found = Object.keys(json.resource[type] ?? {}).find((k) => k.startsWith(`${member}_${prefix}`));
  if (!found) throw new Error(`the prefecture's ${member} has no ${type} ${prefix}`);
  return found;
}

describe('two members of one model: a member\'s log destinations are judged by its own declared SIEM (LOG-1)', () => {
  // Members 3 and 7 are both β. Each declares a SIEM of its own by a literal ARN (as logging.siemBucketArn declares it);
  // member 7's LGWAN flow log goes to member 3's SIEM: only member 3's declaration names it.
  const run = (otherDeclares: string) => {
    const { p, json, parts } = prefectureJson(7);
    expect(p.members[2].blueprint.model).toBe(p.members[6].blueprint.model);
    expect(p.members[2].blueprint.model).toBe('BETA');
    json.resource.aws_flow_log[resourceKey(json, 'aws_flow_log', 'Member007', 'Lgwan_FlowLog_')].log_destination = 'arn:aws:s3:::member003-siem/members/990007/';
    const declared = parts.map((part, i) => (i === 2 ? { ...part, siem: [{ bucketArn: otherDeclares }] }
      : i === 6 ? { ...part, siem: [{ bucketArn: 'arn:aws:s3:::member007-siem' }] } : part));
    return checkPrefecture(json, declared).filter((l) => l.startsWith('LOG-1 ') && l.includes('/Member007/') && /flow log of the LGWAN VPC/.test(l));
  };
  test('another member\'s declared SIEM does not count for it', () => {
    expect(run('arn:aws:s3:::member003-siem')).toEqual([expect.stringMatching(/not to the declared SIEM \(arn:aws:s3:::member007-siem\)/)]);
  }, 120_000);
  test('the same without that declaration (sanity)', () => {
    expect(run('arn:aws:s3:::member003-elsewhere')).toEqual([expect.stringMatching(/not to the declared SIEM \(arn:aws:s3:::member007-siem\)/)]);
  }, 120_000);
});

describe('two members of one model: a member\'s subnets with a way out are covered by its own declared breakout clients (AP-7)', () => {
  // Members 2 and 6 are both α′. Member 6's first terminal subnet (10.6.80.0/21) loses its terminals tag: what it holds is
  // then known only from the declared terminal pools covering its block. Member 6 declares 10.6.80.0/24 only; member 2
  // declares terminals over the whole block, which is no declaration of member 6's.
  const run = (otherCovers: boolean) => {
    const { p, json, parts } = prefectureJson(6);
    expect(p.members[1].blueprint.model).toBe('ALPHA_PRIME');
    expect(p.members[5].blueprint).toMatchObject({ model: p.members[1].blueprint.model, alphaPrimeCase: p.members[1].blueprint.alphaPrimeCase });
    const subnet = json.resource.aws_subnet[resourceKey(json, 'aws_subnet', 'Member006', 'Lgwan_Subnet-terminals-1_')];
    expect(subnet.cidr_block).toBe('10.6.80.0/21');
    delete subnet.tags['jichitai:subnet-role'];
    const terminals = { name: 'lgwan-terminals', zone: 'LGWAN', cidrs: ['10.6.80.0/21'], role: 'BUSINESS_TERMINALS', breakoutClient: true } as const;
    const declared = parts.map((part, i) => (i === 1 && otherCovers ? { ...part, hosts: [...part.hosts!, terminals] } : part));
    return checkPrefecture(json, declared).filter((l) => l.startsWith('AP-7 ') && l.includes('Member006/Lgwan/Subnet-terminals-1'));
  };
  test('another member\'s terminal pool over its block does not cover it', () => {
    expect(run(true)).toEqual([expect.stringMatching(/no declared terminal pool \(BUSINESS_TERMINALS\) or update client covers its block 10\.6\.80\.0\/21/)]);
  }, 120_000);
  test('the same without that declaration (sanity)', () => {
    expect(run(false)).toEqual([expect.stringMatching(/no declared terminal pool \(BUSINESS_TERMINALS\) or update client covers its block 10\.6\.80\.0\/21/)]);
  }, 120_000);
});

describe('two members of one model: a member\'s business systems admit only what its own declared flows name (BP-1)', () => {
  // Members 4 and 8 are both β′, and both run a business system named groupware. Member 4 declares HTTPS from a hub
  // address (shared by every member) to its groupware; member 8's groupware admits the same without declaring it.
  const run = (otherDeclares: boolean) => {
    const { p, json, parts } = prefectureJson(8);
    expect(p.members[3].blueprint.model).toBe('BETA_PRIME');
    expect(p.members[7].blueprint.model).toBe('BETA_PRIME');
    injectGroupRule(json, 'Member008', 'InjectedHubHttps', resourceKey(json, 'aws_security_group', 'Member008', 'Internet_HostSecurityGroup-groupware_'),
      { type: 'ingress', protocol: 'tcp', from: 443, to: 443, cidrs: ['172.30.0.10/32'] });
    const groupware = parts[3].hosts!.find((h) => h.name === 'groupware')!;
    const flow = {
      name: 'hub-to-groupware',
      kind: FlowKind.SPECIFIC_COMMUNICATION,
      from: { name: 'hub-web', zone: 'SECURITY_CLOUD', cidrs: ['172.30.0.10/32'] },
      to: { name: groupware.name, zone: groupware.zone, cidrs: groupware.cidrs },
      ports: [{ protocol: 'tcp' as const, fromPort: 443, toPort: 443 }],
    };
    const declared = parts.map((part, i) => (i === 3 && otherDeclares ? { ...part, flows: [...part.flows!, flow] } : part));
    return checkPrefecture(json, declared).filter((l) => l.startsWith('BP-1 ') && l.includes('/Member008/'));
  };
  test('another member\'s flow to its system of the same name does not admit it', () => {
    expect(run(true)).toEqual([expect.stringMatching(/admits tcp 443 from 172\.30\.0\.10\/32, which no declared flow to it names/)]);
  }, 120_000);
  test('the same without that declaration (sanity)', () => {
    expect(run(false)).toEqual([expect.stringMatching(/admits tcp 443 from 172\.30\.0\.10\/32, which no declared flow to it names/)]);
  }, 120_000);
});

describe('two members of one model: a member\'s LGWAN groups admit the Internet segment only as its own declared flows do (LG-2)', () => {
  // Members 1 and 5 are both α. Member 5's LGWAN endpoint group (labelled as no host's) admits HTTPS from member 1's
  // sanitization relay: member 1's sanitization flow names that source, member 5's names its own relay only.
  const run = (otherDeclares: boolean) => {
    const { p, json, parts } = prefectureJson(5);
    expect(p.members[0].blueprint.model).toBe(p.members[4].blueprint.model);
    const relay = parts[0].flows!.find((f) => f.kind === 'SANITIZATION')!;
    expect(relay.from.cidrs).toEqual(['10.1.128.20/32']);
    injectGroupRule(json, 'Member005', 'InjectedRelay', resourceKey(json, 'aws_security_group', 'Member005', 'Lgwan_EndpointSecurityGroup_'),
      { type: 'ingress', protocol: 'tcp', from: 443, to: 443, cidrs: ['10.1.128.20/32'] });
    const declared = parts.map((part, i) => (i === 0 && !otherDeclares ? { ...part, flows: part.flows!.filter((f) => f !== relay) } : part));
    return checkPrefecture(json, declared).filter((l) => l.startsWith('LG-2 ') && l.includes('/Member005/') && l.includes('10.1.128.20/32'));
  };
  test('another member\'s sanitization flow does not admit its relay', () => {
    expect(run(true)).toEqual([expect.stringMatching(/EndpointSecurityGroup.* lets the INTERNET segment open connections into it \(tcp\/443 from 10\.1\.128\.20\/32\)/)]);
  }, 120_000);
  test('the same without that declaration (sanity)', () => {
    expect(run(false)).toEqual([expect.stringMatching(/EndpointSecurityGroup.* lets the INTERNET segment open connections into it \(tcp\/443 from 10\.1\.128\.20\/32\)/)]);
  }, 120_000);
});

describe('two members of one model: a member\'s Internet-segment VPC forwards only to resolvers its own flows declare (IN-2)', () => {
  // Members 1 and 5 are both α. Member 5's forwarding rule for "." sends to an internet address that only member 1
  // declares as a host of the security cloud.
  const run = (otherDeclares: boolean) => {
    const { json, parts } = prefectureJson(5);
    json.resource.aws_route53_resolver_rule[resourceKey(json, 'aws_route53_resolver_rule', 'Member005', 'Internet_DnsForwardingRule_')].target_ip = [{ ip: '203.0.113.53', port: 53 }];
    const flow = {
      name: 'internet-to-cloud-dns',
      kind: FlowKind.SPECIFIC_COMMUNICATION,
      from: { name: 'internet-segment', zone: 'INTERNET', cidrs: ['10.1.128.0/18'] },
      to: { name: 'cloud-dns', zone: 'SECURITY_CLOUD', cidrs: ['203.0.113.53/32'] },
      ports: [{ protocol: 'udp' as const, fromPort: 53, toPort: 53 }],
    };
    const declared = parts.map((part, i) => (i === 0 && otherDeclares ? { ...part, flows: [...part.flows!, flow] } : part));
    return checkPrefecture(json, declared).filter((l) => l.startsWith('IN-2 ') && l.includes('/Member005/'));
  };
  // The rule's finding, and the VPC's: with its one rule for "." refused, nothing forwards "." to the security cloud.
  const expected = [
    expect.stringMatching(/Member005\/Internet\/DnsForwardingRule: .*203\.0\.113\.53, a target of resolver rule .* is an internet address outside every block the security cloud declares/),
    expect.stringMatching(/Member005\/Internet\/Vpc: .*no resolver rule forwards "\." to resolvers in the SECURITY_CLOUD zone/),
  ];
  test('another member\'s declared security-cloud host does not vouch for its resolver', () => {
    expect(run(true)).toEqual(expected);
  }, 120_000);
  test('the same without that declaration (sanity)', () => {
    expect(run(false)).toEqual(expected);
  }, 120_000);
});

describe('CDKTF: two networks of one model in one stack are each judged by their own declarations', () => {
  // One Terraform stack: the hub and the reference members 1 and 5 (both α, so no second model makes the stack's guard
  // check per model). Member 5's LGWAN endpoint group admits HTTPS from member 1's sanitization relay, which only
  // member 1's flow names.
  const synthErrors = (otherDeclares: boolean): string[] => {
    const app = Testing.app();
    const stack = offlineTokyoStack(app, 'ExamplePref');
    const hub = new tf.SecurityCloud(stack, 'SecurityCloud', prefectureHub(5));
    const members = [0, 4].map((i) => {
      const blueprint = prefectureMember(i);
      const flows = i === 0 && !otherDeclares ? blueprint.flows?.filter((f) => f.kind !== 'SANITIZATION') : blueprint.flows;
      return new tf.MunicipalNetwork(stack, `Member${String(i + 1).padStart(3, '0')}`, { ...blueprint, flows, securityCloud: hub });
    });
    expect(members[0].blueprint.model).toBe(members[1].blueprint.model);
    const group = stack.node.findAll().find((c) => c.node.path === 'ExamplePref/Member005/Lgwan/EndpointSecurityGroup') as TerraformResource;
    new SecurityGroupRule(members[1], 'InjectedRelay', {
      type: 'ingress',
      securityGroupId: `\${${group.terraformResourceType}.${group.friendlyUniqueId}.id}`,
      protocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrBlocks: ['10.1.128.20/32'],
    });
    try {
      Testing.synth(stack, true);
    } catch (e) {
      return (e as Error).message.split('\n').filter((l) => / LG-2 error /.test(l) && l.includes('10.1.128.20/32'));
    }
    return [];
  };
  const refused = [expect.stringMatching(/\[ExamplePref\/Member005\/Lgwan\/EndpointSecurityGroup\] LG-2 error .*tcp\/443 from 10\.1\.128\.20\/32/)];
  test('another network\'s sanitization flow does not admit its relay', () => {
    expect(synthErrors(true)).toEqual(refused);
  }, 300_000);
  test('the same without that declaration (sanity)', () => {
    expect(synthErrors(false)).toEqual(refused);
  }, 300_000);
});
