import { execFileSync } from 'child_process';
import { hubProps } from './fixtures';
import { Ipv4Cidr } from '../../src/model/cidr';
import { SecurityCloudProps } from '../../src/model/security-cloud';
import { HubRouteTarget, HubTier, planSecurityCloud, SecurityCloudPlan } from '../../src/plan/security-cloud';

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => Ipv4Cidr.parse(c));

/** squid.conf read as data: acls by name (type and values), and http_access rules in order. */
interface SquidConf {
  readonly acls: Map<string, { type: string; values: string[] }>;
  readonly access: { action: string; acls: string[] }[];
  readonly directives: string[][];
}

function parseSquid(text: string): SquidConf {
  const acls = new Map<string, { type: string; values: string[] }>();
  const access: { action: string; acls: string[] }[] = [];
  const directives: string[][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.split(/\s+/);
    directives.push(words);
    if (words[0] === 'acl') {
      const [, name, type, ...rest] = words;
      const values = rest.filter((v) => !v.startsWith('-'));
      const known = acls.get(name);
      if (known) known.values.push(...values);
      else acls.set(name, { type, values });
    } else if (words[0] === 'http_access') {
      access.push({ action: words[1], acls: words.slice(2) });
    }
  }
  return { acls, access, directives };
}

/**
 * First-match evaluation of http_access for one request (Squid's semantics), for the ACL types the hub uses. An
 * unknown ACL type fails the test rather than guessing.
 */
function decide(conf: ReturnType<typeof parseSquid>, req: { src: string; dst: string; port: number; method: string; host?: string }): string {
  const matches = (name: string): boolean => {
    if (name.startsWith('!')) return !matches(name.slice(1));
    if (name === 'all') return true;
    if (name === 'manager') return false;
    const acl = conf.acls.get(name);
    if (!acl) throw new Error(`unknown acl ${name}`);
    const addr = (a: string) => Ipv4Cidr.parse(`${a}/32`);
    switch (acl.type) {
      case 'src': return acl.values.some((v) => Ipv4Cidr.parse(v).contains(addr(req.src)));
      case 'dst': return acl.values.filter((v) => !v.includes(':')).some((v) => Ipv4Cidr.parse(v.includes('/') ? v : `${v}/32`).contains(addr(req.dst)));
      case 'port': return acl.values.includes(String(req.port));
      case 'method': return acl.values.includes(req.method);
      case 'dstdomain': return req.host !== undefined && acl.values.includes(req.host);
      case 'dstdom_regex': return req.host !== undefined && acl.values.some((v) => new RegExp(v, 'i').test(req.host!));
      case 'any-of': return acl.values.some(matches);
      default: throw new Error(`acl type ${acl.type} not modelled by the test`);
    }
  };
  for (const rule of conf.access) if (rule.acls.every(matches)) return rule.action;
  return 'implicit';
}

describe('planSecurityCloud', () => {
  const plan = planSecurityCloud(hubProps());

  test('deterministic: equal props (members and sites in any order, a fresh copy) give byte-identical JSON', () => {
    const shuffled = JSON.parse(JSON.stringify(hubProps())) as { -readonly [K in keyof SecurityCloudProps]: any };
    shuffled.members.reverse();
    shuffled.proxy.blockedDomains.reverse();
    expect(JSON.stringify(planSecurityCloud(shuffled as SecurityCloudProps))).toBe(JSON.stringify(plan));
    expect(JSON.stringify(planSecurityCloud(hubProps()))).toBe(JSON.stringify(plan));
  });

  test('subnets: four tiers in every AZ, inside the hub CIDR, none overlapping; an ALB-sized public tier', () => {
    const hub = Ipv4Cidr.parse(plan.cidr);
    const blocks = plan.subnets.map((s) => Ipv4Cidr.parse(s.cidr));
    for (const b of blocks) expect(hub.contains(b)).toBe(true);
    blocks.forEach((a, i) => blocks.slice(i + 1).forEach((b) => expect(a.overlaps(b)).toBe(false)));
    for (const tier of Object.values(HubTier)) {
      expect(plan.subnets.filter((s) => s.tier === tier).map((s) => s.availabilityZone)).toEqual(plan.availabilityZones);
    }
    for (const s of plan.subnets.filter((x) => x.tier === HubTier.PUBLIC)) expect(Ipv4Cidr.parse(s.cidr).prefixLength).toBeLessThanOrEqual(27);
  });

  test('three zones in the smallest hub (/22) still fit', () => {
    const p = planSecurityCloud({ ...hubProps(), cidr: '10.200.0.0/22', availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] });
    expect(p.subnets).toHaveLength(12);
  });

  const routes = (p: SecurityCloudPlan, tier: HubTier, az = 0) => p.routeTables.find((t) => t.tier === tier && t.azIndex === az)!.routes;
  test('routes as the contract says: transit local only; services default to the firewall, RFC 1918 to the TGW; firewall to NAT; public to the IGW', () => {
    expect(routes(plan, HubTier.TRANSIT)).toEqual([]);
    expect(routes(plan, HubTier.SERVICES)).toEqual(expect.arrayContaining([
      { destination: '0.0.0.0/0', target: HubRouteTarget.FIREWALL_ENDPOINT, azIndex: 0 },
      ...RFC1918.map((c) => ({ destination: c.toString(), target: HubRouteTarget.TRANSIT_GATEWAY })),
    ]));
    expect(routes(plan, HubTier.FIREWALL, 1)).toEqual([{ destination: '0.0.0.0/0', target: HubRouteTarget.NAT_GATEWAY, azIndex: 1 }]);
    const pub = routes(plan, HubTier.PUBLIC);
    expect(pub).toContainEqual({ destination: '0.0.0.0/0', target: HubRouteTarget.INTERNET_GATEWAY });
    // Return path to each services subnet through the firewall of that subnet's AZ (symmetric with its way out).
    for (const s of plan.subnets.filter((x) => x.tier === HubTier.SERVICES)) {
      expect(pub).toContainEqual({ destination: s.cidr, target: HubRouteTarget.FIREWALL_ENDPOINT, azIndex: s.azIndex });
    }
  });

  test('no route in the hub names a member: members are reached only through the TGW, whose member tables hold the hub alone', () => {
    for (const t of plan.routeTables) {
      for (const r of t.routes) {
        for (const m of plan.members) expect(r.destination).not.toBe(m.internetCidr);
        if (r.target === HubRouteTarget.TRANSIT_GATEWAY) expect(RFC1918.map(String)).toContain(r.destination);
      }
    }
    // Only the member in another account gets a table from the hub; the same-app member makes its own.
    const member = plan.members.find((m) => m.localGovernmentCode === '131016')!;
    expect(plan.transitGateway.memberRouteTables).toEqual([{ key: 'member-131016', localGovernmentCode: '131016', attachmentId: 'tgw-attach-0123456789abcdef0', internetCidr: member.internetCidr }]);
  });

  test('inspection: strict order, default drop, every pass rule from the hub\'s services / public subnets on 80, 443 or 25 only', () => {
    const f = plan.firewall;
    expect(f.statefulDefaultActions).toEqual(['aws:drop_strict', 'aws:alert_strict']);
    expect(f.statelessDefaultActions).toEqual(['aws:forward_to_sfe']);
    const lines = f.ruleGroups.flatMap((g) => (g.rulesString ?? '').split('\n').map((l) => ({ l, priority: g.priority })));
    const sids = lines.map(({ l }) => /sid:(\d+);/.exec(l)![1]);
    expect(new Set(sids).size).toBe(sids.length);
    const hub = Ipv4Cidr.parse(plan.cidr);
    const passes = lines.filter(({ l }) => l.startsWith('pass '));
    expect(passes.length).toBeGreaterThan(0);
    for (const { l, priority } of passes) {
      // action proto src sport -> dst dport (options)
      const m = /^pass (\S+) (\S+) (\S+) (->|<>) (\S+) (\S+) \(/.exec(l)!;
      for (const c of m[2].replace(/[[\]]/g, '').split(',')) expect(hub.contains(Ipv4Cidr.parse(c))).toBe(true);
      const ports = m[6].replace(/[[\]]/g, '').split(',');
      for (const port of ports) expect(['25', '80', '443']).toContain(port);
      // Web traffic: only the handshake passes by port; the rest must be recognised as TLS / HTTP, or a port-level pass
      // would pass the flow at its first packet, before the IPS rules could read its SNI or Host.
      if (ports.some((p) => p !== '25')) {
        if (m[1] === 'tcp') expect(l).toMatch(/flow:not_established;/);
        else expect([['tls', '443'], ['http', '80']]).toContainEqual([m[1], m[6]]);
      }
      // Every drop rule is evaluated first (strict order: the lower priority number wins).
      for (const d of lines.filter((x) => x.l.startsWith('drop '))) expect(d.priority).toBeLessThan(priority);
    }
    const blocked = lines.filter(({ l }) => / (tls\.sni|http\.host); content:"malware\.example\.com"/.test(l));
    expect(blocked.map(({ l }) => l.split(' ')[0])).toEqual(['drop', 'drop']);
  });

  test('the proxy denies every RFC 1918 destination before anything is allowed, and allows members to the web', () => {
    const conf = parseSquid(plan.proxy.squidConfig);
    const firstAllow = conf.access.findIndex((r) => r.action === 'allow');
    expect(firstAllow).toBeGreaterThan(0);
    expect(conf.access[conf.access.length - 1]).toEqual({ action: 'deny', acls: ['all'] });
    const before = conf.access.slice(0, firstAllow);
    const denyPrivate = before.find((r) => r.action === 'deny' && r.acls.length === 1 && conf.acls.get(r.acls[0])?.type === 'dst');
    expect(denyPrivate).toBeDefined();
    const denied = conf.acls.get(denyPrivate!.acls[0])!.values.filter((v) => !v.includes(':')).map((v) => Ipv4Cidr.parse(v));
    for (const range of [...RFC1918, Ipv4Cidr.parse('127.0.0.0/8'), Ipv4Cidr.parse('169.254.0.0/16')]) {
      expect(denied.some((d) => d.contains(range))).toBe(true);
    }
    const port = Number(conf.directives.find((d) => d[0] === 'http_port')![1]);
    expect(port).toBe(8080);
    // One member to another, to the hub, to instance metadata: denied. A member to the web: allowed. Others: denied.
    expect(decide(conf, { src: '10.11.0.5', dst: '10.12.0.10', port: 443, method: 'CONNECT' })).toBe('deny');
    expect(decide(conf, { src: '10.11.0.5', dst: '10.200.0.10', port: 80, method: 'GET' })).toBe('deny');
    expect(decide(conf, { src: '10.11.0.5', dst: '169.254.169.254', port: 80, method: 'GET' })).toBe('deny');
    expect(decide(conf, { src: '10.11.0.5', dst: '93.184.216.34', port: 443, method: 'CONNECT', host: 'example.com' })).toBe('allow');
    expect(decide(conf, { src: '10.11.0.5', dst: '93.184.216.34', port: 22, method: 'CONNECT', host: 'example.com' })).toBe('deny');
    expect(decide(conf, { src: '10.11.0.5', dst: '93.184.216.35', port: 443, method: 'CONNECT', host: 'malware.example.com' })).toBe('deny');
    expect(decide(conf, { src: '10.11.0.5', dst: '93.184.216.36', port: 443, method: 'CONNECT', host: 'a.phishing.example.net' })).toBe('deny');
    expect(decide(conf, { src: '203.0.113.9', dst: '93.184.216.34', port: 443, method: 'CONNECT', host: 'example.com' })).toBe('deny');
  });

  test('the mail relay: Postfix files from mailRelayConfig, members\' networks = the declared members\' Internet CIDRs', () => {
    const main = plan.mailRelay.files.find((f) => f.path === '/etc/postfix/main.cf')!.content;
    const mynetworks = /^mynetworks = (.*)$/m.exec(main)![1].split(/,\s*|\s+/);
    expect(mynetworks.sort()).toEqual(hubProps().members!.map((m) => m.internetCidr).sort());
    expect(main).toMatch(/^smtpd_milters = inet:127\.0\.0\.1:11332$/m);
    const transport = plan.mailRelay.files.find((f) => f.path === '/etc/postfix/transport')!.content;
    expect(transport).toMatch(/^city-a\.example\.lg\.jp\s+relay:\[10\.11\.0\.25\]:25$/m);
    expect(transport).toMatch(/^\.town-b\.example\.lg\.jp\s+relay:\[10\.12\.1\.25\]:25$/m);
    expect(plan.mailRelay.filter.onRelay).toBe(true);
  });

  test('user data: bash accepts both scripts; they write the generated files and check them before starting', () => {
    for (const script of [plan.proxy.userData, plan.mailRelay.userData]) {
      execFileSync('bash', ['-n'], { input: script });
      expect(Buffer.byteLength(script)).toBeLessThanOrEqual(16 * 1024);
      expect(script).not.toMatch(/[$%]\{/);
    }
    expect(plan.proxy.userData).toContain(plan.proxy.squidConfig.trimEnd());
    expect(plan.proxy.userData.indexOf('squid -k parse')).toBeLessThan(plan.proxy.userData.indexOf('systemctl restart squid'));
    for (const f of plan.mailRelay.files) expect(plan.mailRelay.userData).toContain(f.content.trimEnd());
    expect(plan.mailRelay.userData.indexOf('postfix -c /etc/postfix check')).toBeLessThan(plan.mailRelay.userData.indexOf('systemctl restart postfix'));
  });

  test('DNS: one fixed Resolver address in each services subnet, usable (not AWS-reserved)', () => {
    expect(plan.dns.inboundAddresses).toHaveLength(plan.availabilityZones.length);
    for (const a of plan.dns.inboundAddresses) {
      const subnet = Ipv4Cidr.parse(plan.subnets.find((s) => s.key === a.subnetKey)!.cidr);
      expect(subnet.contains(Ipv4Cidr.parse(`${a.ip}/32`))).toBe(true);
      const offset = Ipv4Cidr.parse(`${a.ip}/32`).network - subnet.network;
      expect(offset).toBeGreaterThanOrEqual(4);
      expect(offset).toBeLessThan(subnet.size - 1);
    }
    expect(plan.dns.firewall.failOpen).toBe(false);
    expect(plan.dns.firewall.rules).toEqual([expect.objectContaining({ action: 'BLOCK', domains: ['*.bad.example.org'] })]);
  });

  test('public web, SIEM prefixes and alarms', () => {
    const web = plan.publicWeb!;
    expect(web.managedRuleGroups.map((g) => g.name)).toContain('AWSManagedRulesSQLiRuleSet');
    expect(web.sites).toEqual([expect.objectContaining({ hostName: 'www.city-a.example.lg.jp', protocol: 'HTTPS', port: 443, targets: ['10.11.2.80', '10.11.3.80'] })]);
    expect(plan.siem.bucketNamePrefix).toMatch(/^aws-waf-logs-[a-z0-9-]+$/);
    expect(plan.siem.memberPrefixes.map((m) => m.prefix)).toEqual(['members/131016/', 'members/132012/']);
    expect(plan.monitoring.alarms.map((a) => `${a.namespace} ${a.metricName}`)).toEqual(expect.arrayContaining([
      'AWS/EC2 StatusCheckFailed', 'AWS/NetworkELB HealthyHostCount', 'AWS/ApplicationELB UnHealthyHostCount',
    ]));
    expect(plan.tags['jichitai:security-cloud']).toBe('hub');
  });

  test('refused props throw one error listing every problem', () => {
    expect(() => planSecurityCloud({ ...hubProps(), cidr: '8.8.8.0/24', prefecture: '1x' })).toThrow(/2 errors:\n\[prefecture\][^\n]*\n\[cidr\]/);
  });
});
