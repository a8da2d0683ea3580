import { CloudServiceCategory, CloudServiceDefinition } from '../../src/model/cloud-service';
import { Port } from '../../src/model/port';
import { Segment } from '../../src/model/segment';
import { planDnsFirewall } from '../../src/plan/dns';
import { planBreakoutFirewall, planBuiltInEgressFirewall } from '../../src/plan/firewall-rules';

const meet: CloudServiceDefinition = {
  id: 'meet',
  name: 'Meet',
  category: CloudServiceCategory.COMMUNICATION_TOOL,
  ismapListed: true,
  domains: ['meet.example.com', '*.media.example.com'],
  documentationUrl: 'https://example.com/docs',
  media: { cidrs: ['198.51.100.0/24'], ports: [Port.udpRange(3478, 3481)], reason: 'UDP media', documentationUrl: 'https://example.com/ips' },
};
const updates: CloudServiceDefinition = {
  id: 'updates',
  name: 'Updates',
  category: CloudServiceCategory.SECURITY_UPDATE,
  ismapListed: false,
  domains: ['*.updates.example.net'],
  ports: [Port.tcp(80), Port.tcp(443)],
  portsReason: 'HTTP content with signed payloads',
  securityUpdateConditions: { handlesNoAdministrativeDocuments: true, restrictedByUrl: true, authenticatedByTrustedCertificate: true },
  documentationUrl: 'https://example.net/docs',
};

describe('α′ breakout firewall plan', () => {
  const plan = planBreakoutFirewall('10.0.64.0/18', { services: [{ service: updates }, { service: meet }] });
  const group = (key: string) => plan.ruleGroups.find((g) => g.key === key)!;

  test('strict order, default drop with alert (AP-1)', () => {
    expect(plan.statefulDefaultActions).toEqual(['aws:drop_established', 'aws:alert_established']);
    expect(plan.statelessDefaultActions).toEqual(['aws:forward_to_sfe']);
  });

  test('the allow-list holds exactly the services\' domains in Network Firewall syntax, on TLS SNI only (通信路暗号化)', () => {
    expect(group('allowlist').domainList).toEqual({
      targets: ['.media.example.com', '.updates.example.net', 'meet.example.com'],
      targetTypes: ['TLS_SNI'],
      generatedRulesType: 'ALLOWLIST',
    });
    // Cleartext HTTP only to the service that declares port 80 (with its vendor's reason), in a list of its own.
    expect(group('allowlist-http').domainList).toEqual({ targets: ['.updates.example.net'], targetTypes: ['HTTP_HOST'], generatedRulesType: 'ALLOWLIST' });
    expect(planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }] }).ruleGroups.map((g) => g.key)).not.toContain('allowlist-http');
    const priorities = plan.ruleGroups.map((g) => g.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
  });

  test('under strict order nothing ahead of the allow-list passes traffic (AP-1); the media pass rules come after it', () => {
    const allowAt = group('allowlist').priority;
    const ahead = plan.ruleGroups.filter((g) => g.priority < allowAt);
    expect(ahead.map((g) => g.key)).toEqual(['ips', 'ports']);
    for (const g of ahead) expect(g.rulesString!.split('\n').filter((l) => /^pass\s/.test(l))).toEqual([]);
    expect(group('media').priority).toBeGreaterThan(allowAt);
  });

  // aws:drop_established drops only established connections, and a UDP or ICMP flow is established only after a reply:
  // without a drop of its own, one-way non-TCP traffic would leave around the allow-list.
  test('non-TCP traffic no rule passed is dropped by a rule of its own, last, after the media pass rules (AP-1)', () => {
    const last = plan.ruleGroups[plan.ruleGroups.length - 1];
    expect(last.key).toBe('nontcp');
    expect(last.priority).toBeGreaterThan(group('media').priority);
    const lines = last.rulesString!.split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^drop ip any any -> \$EXTERNAL_NET any \(msg:"AP-1 [^";]*"; ip_proto:!6; sid:\d+; rev:1;\)$/);
    const sids = plan.ruleGroups.flatMap((g) => (g.rulesString ?? '').split('\n')).map((l) => /sid:(\d+)/.exec(l)?.[1]).filter((x) => x !== undefined);
    expect(new Set(sids).size).toBe(sids.length);
  });

  test('a pass rule in the user\'s IPS rules is never planned (defence in depth behind validation)', () => {
    expect(() => planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }], ipsRules: ['pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; sid:1; rev:1;)'] }))
      .toThrow(/\[breakout\.ipsRules\] cannot be put on the breakout firewall:\nipsRules\[0\] is a pass rule/);
    expect(() => planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }], ipsRules: ['drop ip any any -> any any (sid:1; rev:1;)\npass ip any any -> any any (sid:2; rev:1;)'] }))
      .toThrow(/line break/);
  });

  test('ports given as plain objects are read by their fields', () => {
    const plainPorts = { ...updates, id: 'plain', ports: [{ protocol: 'tcp', fromPort: 8443, toPort: 8443 }, { protocol: 'tcp', fromPort: 443, toPort: 443 }] as any };
    expect(planBreakoutFirewall('10.0.64.0/18', { services: [{ service: plainPorts }] }).ruleGroups.find((g) => g.key === 'ports')!.rulesString)
      .toMatch(/!\[443,8443\]/);
  });

  test('TCP ports other than the declared ones are dropped (AP-5)', () => {
    expect(group('ports').rulesString).toMatch(/^drop tcp \$HOME_NET any -> \$EXTERNAL_NET !\[80,443\] /);
  });

  test('media passes by IP and UDP port only', () => {
    expect(group('media').rulesString).toMatch(/^pass udp \$HOME_NET any -> \[198\.51\.100\.0\/24\] 3478:3481 /);
  });

  test('IPS rules: the built-in set by default (AP-4), the user\'s when given', () => {
    expect(group('ips').rulesString).toMatch(/app-layer-protocol:!tls/);
    const custom = planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }], ipsRules: ['alert ip any any -> any any (msg:"x"; sid:1; rev:1;)'] });
    expect(custom.ruleGroups.find((g) => g.key === 'ips')!.rulesString).toBe('alert ip any any -> any any (msg:"x"; sid:1; rev:1;)');
  });

  test('AWS managed threat signatures by default (AP-4), in strict order ahead of every group of the library, without overrides; the user\'s choice or none', () => {
    expect(plan.managedRuleGroups.map((g) => g.name)).toEqual([
      'ThreatSignaturesBotnetStrictOrder', 'ThreatSignaturesMalwareStrictOrder', 'ThreatSignaturesMalwareWebStrictOrder', 'ThreatSignaturesEmergingEventsStrictOrder',
    ]);
    const first = Math.min(...plan.ruleGroups.map((g) => g.priority));
    for (const g of plan.managedRuleGroups) expect(g.priority).toBeLessThan(first);
    const priorities = [...plan.managedRuleGroups.map((g) => g.priority), ...plan.ruleGroups.map((g) => g.priority)];
    expect(new Set(priorities).size).toBe(priorities.length);
    const chosen = planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }], managedThreatSignatures: ['ThreatSignaturesExploitsStrictOrder'] });
    expect(chosen.managedRuleGroups).toEqual([{ name: 'ThreatSignaturesExploitsStrictOrder', priority: 10 }]);
    expect(planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }], managedThreatSignatures: [] }).managedRuleGroups).toEqual([]);
    // The built-in rules stay beside them, as a group of their own.
    expect(group('ips').rulesString).toMatch(/app-layer-protocol:!tls/);
  });

  test('the stand-in (IN-1) references the same managed threat signatures by default, ahead of its own groups; the user\'s choice or none', () => {
    const standIn = planBuiltInEgressFirewall('10.0.128.0/18', ['bad.example']);
    expect(standIn.managedRuleGroups).toEqual(plan.managedRuleGroups);
    const first = Math.min(...standIn.ruleGroups.map((g) => g.priority));
    for (const g of standIn.managedRuleGroups) expect(g.priority).toBeLessThan(first);
    expect(planBuiltInEgressFirewall('10.0.128.0/18', [], ['ThreatSignaturesScannersStrictOrder']).managedRuleGroups)
      .toEqual([{ name: 'ThreatSignaturesScannersStrictOrder', priority: 10 }]);
    expect(planBuiltInEgressFirewall('10.0.128.0/18', [], []).managedRuleGroups).toEqual([]);
    // The protocol rules stay, a group of their own after them.
    expect(standIn.ruleGroups.find((g) => g.key === 'ips')!.rulesString).toMatch(/app-layer-protocol:!tls/);
  });

  test('every Suricata rule has a unique sid', () => {
    const sids = plan.ruleGroups.flatMap((g) => (g.rulesString ?? '').split('\n').filter(Boolean).map((l) => /sid:(\d+);/.exec(l)![1]));
    expect(new Set(sids).size).toBe(sids.length);
  });

  test('deterministic whatever the service order', () => {
    const again = planBreakoutFirewall('10.0.64.0/18', { services: [{ service: meet }, { service: updates }] });
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan));
  });
});

describe('built-in Internet egress firewall plan', () => {
  test('IPS and web always, deny-list only when domains are given, in that order', () => {
    expect(planBuiltInEgressFirewall('10.0.128.0/18', []).ruleGroups.map((g) => [g.key, g.priority])).toEqual([['ips', 100], ['web', 300], ['nontcp', 900]]);
    const withDeny = planBuiltInEgressFirewall('10.0.128.0/18', ['*.bad.test']);
    expect(withDeny.ruleGroups.map((g) => g.key)).toEqual(['ips', 'denylist', 'web', 'nontcp']);
    expect(withDeny.ruleGroups.find((g) => g.key === 'denylist')!.domainList!.targets).toEqual(['.bad.test']);
  });

  test('the stand-in inspects (IN-1): drops by default, IPS in drop mode, passes only TLS to 443 and HTTP to 80', () => {
    const plan = planBuiltInEgressFirewall('10.0.128.0/18', []);
    expect(plan.statefulDefaultActions).toContain('aws:drop_established');
    const ips = plan.ruleGroups.find((g) => g.key === 'ips')!.rulesString!.split('\n');
    expect(ips.length).toBeGreaterThan(0);
    for (const line of ips) expect(line).toMatch(/^drop /);
    const web = plan.ruleGroups.find((g) => g.key === 'web')!.rulesString!.split('\n');
    expect(web.map((l) => l.split(' ').slice(0, 7).join(' '))).toEqual([
      'pass tls $HOME_NET any -> $EXTERNAL_NET 443',
      'pass http $HOME_NET any -> $EXTERNAL_NET 80',
    ]);
    // What is not TCP and not passed is dropped by a rule, not left to aws:drop_established (one-way UDP, ICMP).
    expect(plan.ruleGroups.find((g) => g.key === 'nontcp')!.rulesString).toMatch(/^drop ip any any -> \$EXTERNAL_NET any \(msg:"IN-1 [^";]*"; ip_proto:!6; sid:\d+; rev:1;\)$/);
    // Signature IDs are unique over the whole policy.
    const sids = plan.ruleGroups.flatMap((g) => (g.rulesString ?? '').match(/sid:\d+/g) ?? []);
    expect(new Set(sids).size).toBe(sids.length);
  });
});

describe('DNS Firewall plan', () => {
  test('closed segments allow a list, then block everything, and fail closed', () => {
    const p = planDnsFirewall(Segment.MY_NUMBER, ['juki.city.internal'], []);
    expect(p.failOpen).toBe(false);
    expect(p.rules.map((r) => [r.action, r.priority])).toEqual([['ALLOW', 100], ['BLOCK', 200]]);
    expect(p.rules[0].domains).toContain('juki.city.internal');
    expect(p.rules[0].domains).toContain('*.amazonaws.com');
    expect(p.rules[1].domains).toEqual(['*']);
  });

  test('the Internet segment only blocks what is listed', () => {
    expect(planDnsFirewall(Segment.INTERNET, [], []).rules).toEqual([]);
    expect(planDnsFirewall(Segment.INTERNET, [], ['*.b.test', '*.a.test']).rules[0]).toMatchObject({ action: 'BLOCK', domains: ['*.a.test', '*.b.test'] });
  });
});
