import { EntraTenantRestrictionVersion, CloudServiceCatalogue } from '../../model/catalogue';
import { CloudServiceCategory, CloudServiceDefinition, TenantRestriction } from '../../model/cloud-service';
import { HostRole } from '../../model/flows';
import { AlphaPrimeCase, NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { deref, FirewallPolicyNode, nodesOf, RuleGroupNode, TopologyGraph, UserDataNode } from '../graph';
import { nameOf } from '../topology';
import { breakoutFirewalls } from './alpha-prime';
import { segmentOfLabel } from './placement';
import { finding, Finding, GuardContext, GuardRule, Severity } from '../rule';

/*
 * The controls the MIC deck (seed 002) asks of the α′ breakout besides the firewall itself (AP-1/AP-2):
 * tenant access control (AP-3), IDS/IPS (AP-4), TLS only (AP-5) and the case イ/ウ file controls (AP-6).
 * All of them are read from what was synthesized: the firewall policies and rule groups of the LGWAN VPC, and
 * the proxy configuration inside launch-template / instance user data.
 */

/** The rule groups a policy references that are in the synthesized output. */
function groupsOf(graph: TopologyGraph, policy: FirewallPolicyNode | undefined): RuleGroupNode[] {
  return (policy?.ruleGroups ?? []).map((r) => deref<RuleGroupNode>(graph, r)).filter((g): g is RuleGroupNode => g?.type === 'rule-group');
}

/** Every domain the breakout firewalls allow (Network Firewall notation: `.example.com` = the domain and below). */
function allowListed(graph: TopologyGraph): string[] {
  return [...new Set(breakoutFirewalls(graph).flatMap(({ policy }) => groupsOf(graph, policy))
    .filter((g) => g.domainList?.generatedRulesType === 'ALLOWLIST').flatMap((g) => g.domainList!.targets))].sort();
}

function allows(targets: readonly string[], host: string): boolean {
  return targets.some((t) => t === host || (t.startsWith('.') && (host.endsWith(t) || host === t.slice(1))));
}

/** The Squid configurations found in user data: the lines of every script that configures `http_port`. */
function proxyConfigs(graph: TopologyGraph): { node: UserDataNode; lines: string[] }[] {
  return nodesOf(graph, 'user-data')
    .map((node) => ({ node, lines: node.text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')) }))
    .filter((c) => c.lines.some((l) => /^http_port\s/.test(l)));
}

/** Whether a Squid configuration strips the client's copy of a header and adds a value of its own. */
function stripsThenAdds(lines: readonly string[], header: string): boolean {
  const name = header.toLowerCase();
  const deletes = lines.some((l) => { const w = l.split(/\s+/); return w[0] === 'request_header_access' && w[1]?.toLowerCase() === name && w[2] === 'deny'; });
  const adds = lines.some((l) => {
    const m = /^request_header_add\s+(\S+)\s+"([^"]*)"/.exec(l);
    return m !== null && m[1].toLowerCase() === name && m[2].trim() !== '' && !/\{(tenants|directoryId|policyId)\}/.test(m[2]);
  });
  return deletes && adds;
}

/** The catalogue's tenant-restriction schemes (Entra v1 too, which a user may still run), with their service. */
function tenantSchemes(): { service: CloudServiceDefinition; scheme: TenantRestriction }[] {
  const services = [...CloudServiceCatalogue.all(), CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1)];
  return services.filter((s) => s.tenantRestriction).map((service) => ({ service, scheme: service.tenantRestriction! }));
}

/** AP-3: tenant access control for every allow-listed service that supports it (cases イ/ウ). */
export const AP3: GuardRule = {
  id: 'AP-3',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'テナントアクセス制御',
  summary: 'Cases イ/ウ: every allow-listed service that supports tenant restriction passes a TLS-intercepting proxy that deletes the client\'s copy of '
    + 'its header and adds the configured tenant value.',
  check(ctx: GuardContext) {
    const tenantCases: (AlphaPrimeCase | undefined)[] = [AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD, AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION];
    if (!tenantCases.includes(ctx.alphaPrimeCase)) return [];
    const targets = allowListed(ctx.graph);
    const configs = proxyConfigs(ctx.graph);
    const where = configs[0] ? nameOf(ctx.graph, configs[0].node.id) : breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
    const findings: Finding[] = [];
    const schemes = tenantSchemes();
    const hosts = [...new Set(schemes.flatMap((s) => s.scheme.hosts))].filter((h) => allows(targets, h)).sort();
    const missing = new Map<string, string[]>();
    for (const host of hosts) {
      const candidates = schemes.filter((s) => s.scheme.hosts.includes(host));
      const done = candidates.some((c) => configs.some((cfg) => cfg.lines.some((l) => /^ssl_bump\s+bump\b/.test(l))
        && c.scheme.headers.every((h) => stripsThenAdds(cfg.lines, h.name))));
      if (!done) {
        const label = [...new Set(candidates.map((c) => `${c.service.name} (${c.scheme.headers.map((h) => h.name).join(', ')})`))].join(' or ');
        missing.set(label, [...(missing.get(label) ?? []), host]);
      }
    }
    for (const [label, missed] of [...missing].sort()) {
      findings.push(finding(this, where,
        configs.length === 0
          ? `${missed.join(', ')} ${missed.length > 1 ? 'are' : 'is'} allow-listed, but no tenant-restriction proxy configuration is in the synthesized output for ${label}`
          : `the proxy does not bump ${missed.join(', ')} and replace the client's tenant header for ${label}`,
        'configure breakout.tenantProxy and tenantIds for the service (the proxy bumps its sign-in hosts, deletes client-sent copies of the header, then adds yours)'));
    }
    return findings;
  },
};

/** Suricata keywords that inspect content or protocol, i.e. what makes a rule an IDS/IPS signature rather than a port filter. */
const DETECTION = /\b(content|pcre|app-layer-protocol|tls\.|http\.|dns\.|ja3|file\.|flowbits|threshold|detection_filter|byte_test|dsize)\b/;
/** Suricata application-layer protocols in the rule header (`drop ssh …`). */
const APP_PROTOCOLS = /^(alert|drop|reject|rejectsrc|rejectdst|rejectboth)\s+(http|http2|tls|ssh|smb|dns|ftp|smtp|imap|krb5|dcerpc|rdp|sip|snmp|quic)\b/;

/** Whether a rules string holds at least one IDS/IPS signature. */
export function hasIpsSignature(rulesString: string | undefined): boolean {
  return (rulesString ?? '').split('\n').map((l) => l.trim()).some((l) =>
    /^(alert|drop|reject|rejectsrc|rejectdst|rejectboth)\s/.test(l) && (APP_PROTOCOLS.test(l) || DETECTION.test(l)));
}

/** AWS managed threat-signature rule groups (IPS) referenced by ARN. https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html */
const MANAGED_THREAT_SIGNATURES = /:aws-managed:stateful-rulegroup\/ThreatSignatures/;

/** AP-4: IDS/IPS on the breakout path. */
export const AP4: GuardRule = {
  id: 'AP-4',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'IDS/IPS',
  summary: 'IDS/IPS is on the breakout path: IPS signatures (or AWS managed threat signatures) in the breakout firewall policy, or a GWLB endpoint for an IDS appliance.',
  check(ctx: GuardContext) {
    const lgwanVpcs = new Set(nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === Segment.LGWAN).map((v) => v.id));
    const gwlb = nodesOf(ctx.graph, 'vpc-endpoint').some((e) => e.endpointType === 'GatewayLoadBalancer' && e.vpc.kind === 'node' && lgwanVpcs.has(e.vpc.id));
    if (gwlb) return [];
    return breakoutFirewalls(ctx.graph).filter(({ policy }) => {
      const signatures = groupsOf(ctx.graph, policy).some((g) => hasIpsSignature(g.rulesString));
      const managed = (policy?.ruleGroups ?? []).some((r) => r.kind === 'external' && MANAGED_THREAT_SIGNATURES.test(r.value));
      return !signatures && !managed;
    }).map(({ firewall }) => finding(this, nameOf(ctx.graph, firewall.id),
      `the breakout firewall ${firewall.id} has no IDS/IPS signature (only filters by port or domain) and no GWLB IDS endpoint is in the LGWAN VPC`,
      'add IPS rules (breakout.ipsRules, or the built-in defaults), an AWS managed ThreatSignatures rule group, or a GWLB endpoint of an IDS appliance'));
  },
};

/** The ports other than TLS 443 that a breakout rules string lets through. */
export function nonTlsPorts(rulesString: string | undefined): string[] {
  const out = new Set<string>();
  for (const line of (rulesString ?? '').split('\n').map((l) => l.trim())) {
    // pass <proto> <src> <sport> -> <dst> <dport> (…)
    const pass = /^pass\s+(\S+)\s+\S+\s+\S+\s+->\s+\S+\s+(\S+)\s*\(/.exec(line);
    if (pass) {
      for (const p of portList(pass[2])) if (!(pass[1] === 'tcp' || pass[1] === 'tls') || p !== '443') out.add(`${pass[1]}/${p}`);
      continue;
    }
    // Our port filter: drop tcp … -> $EXTERNAL_NET !<allowed> (…) lets the negated ports through.
    const filter = /^drop\s+tcp\s+\S+\s+\S+\s+->\s+\S+\s+!(\S+)\s*\(/.exec(line);
    if (filter) for (const p of portList(filter[1])) if (p !== '443') out.add(`tcp/${p}`);
  }
  return [...out].sort();
}

function portList(spec: string): string[] {
  return spec.replace(/^\[|\]$/g, '').split(',').map((p) => p.trim()).filter((p) => p !== '' && p !== 'any');
}

/** AP-5 (warning): only TLS 443 to cloud services; other ports need a reason. */
export const AP5: GuardRule = {
  id: 'AP-5',
  severity: Severity.WARNING,
  models: [NetworkModel.ALPHA_PRIME],
  term: '通信の暗号化',
  summary: 'Only TLS (443) to cloud services; any other port (UDP meeting media, OCSP/CRL on 80) needs a written reason (acknowledge AP-5).',
  check(ctx: GuardContext) {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const { policy } of breakoutFirewalls(ctx.graph)) {
      for (const g of groupsOf(ctx.graph, policy)) {
        if (seen.has(g.id)) continue;
        seen.add(g.id);
        const ports = nonTlsPorts(g.rulesString);
        if (ports.length > 0) {
          findings.push(finding(this, nameOf(ctx.graph, g.id), `the breakout lets ${ports.join(', ')} through besides TLS 443`,
            'acknowledge AP-5 with the reason for each port (e.g. UDP media of web meetings, OCSP/CRL on 80), or remove the port'));
        }
      }
    }
    return findings;
  },
};

/** Case ウ: files enter LGWAN only after sanitization, so a sanitization relay (無害化) must be in the scope. */
function sanitizationRelayFindings(rule: GuardRule, ctx: GuardContext): Finding[] {
  const relays = nodesOf(ctx.graph, 'role-label').filter((l) => l.role === HostRole.SANITIZATION_RELAY && segmentOfLabel(ctx.graph, l) !== undefined);
  if (relays.length > 0) return [];
  const where = breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
  return [finding(rule, where, 'case ウ exchanges files with communication tools, but no sanitization relay (無害化) is in the synthesized output',
    'declare the relay host (role SANITIZATION_RELAY) with its flows, or label its security group / instances jichitai:role=SANITIZATION_RELAY')];
}

/** AP-6: case イ blocks downloads from communication tools at the proxy; case ウ has a sanitization relay. */
export const AP6: GuardRule = {
  id: 'AP-6',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ファイルダウンロード制限',
  summary: 'Case イ: the proxy refuses file downloads (Content-Disposition: attachment, file MIME types) from the allow-listed communication tools. '
    + 'Case ウ: a sanitization relay (無害化, `jichitai:role` SANITIZATION_RELAY) is in the scope.',
  check(ctx: GuardContext) {
    if (ctx.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION) return sanitizationRelayFindings(this, ctx);
    if (ctx.alphaPrimeCase !== AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD) return [];
    const targets = allowListed(ctx.graph);
    const tools = CloudServiceCatalogue.all().filter((s) => s.category === CloudServiceCategory.COMMUNICATION_TOOL
      && s.domains.some((d) => allows(targets, d.startsWith('*.') ? d.slice(1) : d)));
    if (tools.length === 0) return [];
    const blocks = proxyConfigs(ctx.graph).some(({ lines }) => {
      const acls = lines.map((l) => /^acl\s+(\S+)\s+rep_header\s+Content-Disposition\b/i.exec(l)?.[1]).filter((a): a is string => !!a);
      return lines.some((l) => /^http_reply_access\s+deny\b/.test(l) && acls.some((a) => l.split(/\s+/).includes(a)));
    });
    if (blocks) return [];
    const where = breakoutFirewalls(ctx.graph).map((f) => nameOf(ctx.graph, f.firewall.id))[0] ?? 'LGWAN';
    return [finding(this, where, `case イ allows ${tools.map((t) => t.name).join(', ')}, but no proxy refuses file downloads from them`,
      'set breakout.fileDownloadRestricted and breakout.tenantProxy (the proxy bumps the tools\' traffic and denies attachment replies)')];
  },
};
