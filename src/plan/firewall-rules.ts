import { sortedUnique, toNetworkFirewallDomain } from './domain-syntax';
import { FirewallPlan, StatefulRuleGroupPlan } from './network-plan';
import { BreakoutOptions } from '../model/blueprint';
import { byCodePoint } from '../model/order';
import { Port, Protocol } from '../model/port';
import { Segment } from '../model/segment';
import { DEFAULT_THREAT_SIGNATURE_GROUPS } from '../model/threat-signatures';
import { ipsRuleProblems } from '../model/validate-breakout';

/**
 * Network Firewall rule-group capacities. Capacity cannot change after creation (it forces a
 * replacement), so fixed, generous values keep updates in place. Quotas: 30,000 per group.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/nwfw-rule-group-capacity.html
 */
const CAPACITY = { domainList: 1000, rules: 200 } as const;

/** Stateless traffic is all handed to the stateful engine ("aws:forward_to_sfe"). */
const FORWARD_TO_STATEFUL = ['aws:forward_to_sfe'];

/**
 * Strict-order default actions that drop what no rule passed, and log it. "drop_established" lets the
 * TCP handshake through so that the engine can read the TLS SNI / HTTP Host before deciding.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
const DROP_BY_DEFAULT = ['aws:drop_established', 'aws:alert_established'];

/** Suricata signature IDs: 1,000,000+ is the local range (Suricata rule format docs). */
const SID_BASE = { ips: 1_000_100, ports: 1_000_200, media: 1_000_300, egress: 1_000_400, nonTcp: 1_000_500 } as const;

/**
 * The rule that drops what `aws:drop_established` lets through: traffic that is not TCP and that no rule passed.
 * "Drop established" drops only the packets of established connections, and Suricata marks a UDP, ICMP or other IP flow
 * established only once packets went both ways, so a host could send datagrams one way to any address around the
 * allow-list. TCP is left to the default action (`ip_proto:!6`), which lets its handshake through for the SNI / Host
 * rules to read. From `any` source, so that no host outside `HOME_NET` is missed; to `$EXTERNAL_NET`, every address
 * outside the segment's block (the group's `HOME_NET`), so that replies and ICMP errors toward the segment are left to
 * the flows they belong to. Last in strict order, after every group that passes.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * https://docs.suricata.io/en/latest/rules/header-keywords.html#ip-proto (the `!` operator: detect-ipproto.c)
 */
function nonTcpDropRule(sid: number, ruleId: string): string {
  return `drop ip any any -> $EXTERNAL_NET any (msg:"${ruleId} non-TCP traffic that no rule passed, which aws:drop_established would let through one way"; `
    + `ip_proto:!6; sid:${sid}; rev:1;)`;
}

/**
 * Priority of the first AWS managed threat-signature group (AP-4); the others follow one by one, all ahead of the hand
 * rules' group at 100 and so of every group that passes (strict order: the first pass ends a flow's evaluation).
 */
const MANAGED_PRIORITY = 10;

/**
 * AWS managed threat-signature groups by name, at priorities from `MANAGED_PRIORITY` on (the breakout's, the stand-in's
 * and the security cloud hub's inspection firewall): ahead of every group of the library's at 100 and above.
 */
export function managedGroups(names: readonly string[]): { name: string; priority: number }[] {
  return names.map((name, i) => ({ name, priority: MANAGED_PRIORITY + i }));
}

/** Priority of the non-TCP drop group: after every group that passes (the media allowances at 500, the stand-in's web at 300). */
const NON_TCP_PRIORITY = 900;

/** `tcp/443`, `udp/3478-3481`: read from the fields, so that a plain object given as a port works too. */
const portKey = (p: Port) => (p.fromPort === p.toPort ? `${p.protocol}/${p.fromPort}` : `${p.protocol}/${p.fromPort}-${p.toPort}`);

function suricataPorts(ports: readonly Port[]): string {
  const parts = ports.map((p) => (p.fromPort === p.toPort ? `${p.fromPort}` : `${p.fromPort}:${p.toPort}`));
  return parts.length === 1 ? parts[0] : `[${parts.join(',')}]`;
}

/**
 * Built-in protocol enforcement used when the user gives no IPS rules: a port filter by protocol, not an IDS/IPS (AP-4
 * counts the AWS managed threat signatures), kept as a group of its own beside them.
 */
export function defaultIpsRules(sidBase: number = SID_BASE.ips): string[] {
  return [
    // A tunnel disguised as HTTPS: anything on 443 that is not TLS.
    `drop tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"AP-4 non-TLS traffic on TCP 443"; flow:to_server,established; app-layer-protocol:!tls; sid:${sidBase + 1}; rev:1;)`,
    // Remote shells out of the segment on any port (a classic exfiltration channel).
    `drop ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"AP-4 SSH session to the internet"; flow:to_server,established; sid:${sidBase + 2}; rev:1;)`,
  ];
}

function ruleGroup(key: string, priority: number, description: string, homeNet: string[], lines: string[]): StatefulRuleGroupPlan {
  return { key, priority, capacity: CAPACITY.rules, description, rulesString: lines.join('\n'), homeNet };
}

/**
 * The user's IPS rules, checked again (the blueprint validation refused them first): a `pass` rule in the IPS group,
 * which runs ahead of the allow-list under strict order, would let traffic around it (AP-1).
 */
function userIpsRules(rules: readonly string[]): string[] {
  const problems = rules.flatMap((r, i) => ipsRuleProblems(r).map((p) => `ipsRules[${i}] ${p}`));
  if (problems.length > 0) throw new Error(`[breakout.ipsRules] cannot be put on the breakout firewall:\n${problems.join('\n')}`);
  return [...rules];
}

/**
 * The α′ local-breakout firewall of the LGWAN segment (AP-1, AP-4, AP-5): strict order, default drop. In order: the
 * AWS managed threat-signature groups (the IDS/IPS, AP-4), the user's IPS rules (or the built-in protocol enforcement)
 * and the port restriction to the declared TCP ports (drop and alert only, so that they also see the traffic
 * the allow-list lets through), then the FQDN allow-list on TLS SNI and HTTP Host, then the UDP media allowances by IP
 * and port, then the drop of all other non-TCP traffic (`nonTcpDropRule`). Under strict order the first `pass` ends
 * the evaluation of a flow, so no group ahead of the allow-list may pass anything (AP-1); the media `pass` rules come
 * after it, where they can only add UDP to the vendors' ranges.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export function planBreakoutFirewall(lgwanCidr: string, breakout: BreakoutOptions): FirewallPlan {
  const homeNet = [lgwanCidr];
  const services = [...breakout.services].sort((a, b) => byCodePoint(a.service.id, b.service.id));

  const tcpPorts = new Map<string, Port>();
  for (const s of services) {
    for (const port of s.service.ports ?? [Port.HTTPS]) {
      if (port.protocol === Protocol.TCP) tcpPorts.set(portKey(port), port);
    }
  }
  const declared = [...tcpPorts.values()].sort((a, b) => a.fromPort - b.fromPort || a.toPort - b.toPort);

  const mediaLines: string[] = [];
  for (const s of services) {
    const media = s.service.media;
    if (!media) continue;
    for (const port of media.ports) {
      const cidrs = [...media.cidrs].sort();
      mediaLines.push(
        `pass ${port.protocol} $HOME_NET any -> [${cidrs.join(',')}] ${suricataPorts([port])} ` +
        `(msg:"AP-5 ${s.service.id} media ${portKey(port)}"; sid:${SID_BASE.media + mediaLines.length + 1}; rev:1;)`,
      );
    }
  }

  const domains = sortedUnique(services.flatMap((s) => s.service.domains).map(toNetworkFirewallDomain));
  const groups: StatefulRuleGroupPlan[] = [
    ruleGroup('ips', 100, 'Drop rules of the breakout path beside the managed threat signatures (AP-4)', homeNet,
      breakout.ipsRules && breakout.ipsRules.length > 0 ? userIpsRules(breakout.ipsRules) : defaultIpsRules()),
    ruleGroup('ports', 200, 'Only the declared TCP ports to cloud services (AP-5)', homeNet, [
      `drop tcp $HOME_NET any -> $EXTERNAL_NET !${suricataPorts(declared)} (msg:"AP-5 TCP port not declared for any allow-listed service"; flow:to_server; sid:${SID_BASE.ports + 1}; rev:1;)`,
    ]),
  ];
  groups.push({
    key: 'allowlist',
    priority: 400,
    capacity: CAPACITY.domainList,
    description: 'FQDN allow-list of the α′ cloud services on TLS SNI (AP-1, AP-2, AP-5)',
    domainList: { targets: domains, targetTypes: ['TLS_SNI'], generatedRulesType: 'ALLOWLIST' },
    homeNet,
  });
  // Cleartext HTTP (通信路暗号化, AP-5) only to the services that declare HTTP's port 80 (RFC 9110 §4.2.1) with a vendor's
  // reason (update downloads whose files are signed): a domain list matches HTTP_HOST on every port, so one list of
  // both target types would let cleartext HTTP out to every allow-listed service.
  // https://docs.aws.amazon.com/network-firewall/latest/developerguide/rule-groups-domain-names.html
  const http = (p: Port) => p.protocol === Protocol.TCP && p.fromPort <= 80 && p.toPort >= 80;
  const cleartext = sortedUnique(services.filter((s) => (s.service.ports ?? []).some(http))
    .flatMap((s) => s.service.domains).map(toNetworkFirewallDomain));
  if (cleartext.length > 0) {
    groups.push({
      key: 'allowlist-http',
      priority: 410,
      capacity: CAPACITY.domainList,
      description: 'FQDN allow-list on HTTP Host of the services that declare cleartext HTTP on port 80 (AP-5, acknowledged with the vendor\'s reason)',
      domainList: { targets: cleartext, targetTypes: ['HTTP_HOST'], generatedRulesType: 'ALLOWLIST' },
      homeNet,
    });
  }
  if (mediaLines.length > 0) {
    groups.push(ruleGroup('media', 500, 'Meeting media by IP/port allow-list (AP-5)', homeNet, mediaLines));
  }
  groups.push(ruleGroup('nontcp', NON_TCP_PRIORITY, 'Non-TCP traffic that no rule passed is dropped (AP-1)', homeNet, [nonTcpDropRule(SID_BASE.nonTcp + 1, 'AP-1')]));

  return {
    key: 'Breakout',
    segment: Segment.LGWAN,
    description: 'α′ local breakout (ローカルブレイクアウト) firewall of the LGWAN segment',
    statelessDefaultActions: FORWARD_TO_STATEFUL,
    statelessFragmentDefaultActions: FORWARD_TO_STATEFUL,
    statefulDefaultActions: DROP_BY_DEFAULT,
    ruleGroups: groups,
    managedRuleGroups: managedGroups(breakout.managedThreatSignatures ?? DEFAULT_THREAT_SIGNATURE_GROUPS),
    extraStatefulRuleGroupArns: [...(breakout.extraStatefulRuleGroupArns ?? [])],
  };
}

/**
 * What the stand-in passes: web traffic only, recognised by its application-layer protocol (Suricata app-layer
 * keywords `tls` and `http`), not by port alone, so that another protocol on 443 or 80 stays dropped by default.
 * Name resolution does not cross the firewall: the stand-in's resolver is the VPC's Route 53 Resolver behind a
 * fail-closed DNS Firewall (IN-2), which resolves from the AWS network, not from the workload subnets.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html
 */
function webPassRules(sidBase: number): string[] {
  return [
    `pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"IN-1 HTTPS (TLS) to the internet"; flow:to_server,established; sid:${sidBase + 11}; rev:1;)`,
    `pass http $HOME_NET any -> $EXTERNAL_NET 80 (msg:"IN-1 HTTP to the internet"; flow:to_server,established; sid:${sidBase + 12}; rev:1;)`,
  ];
}

/**
 * The built-in egress of the Internet segment (proofs of concept only, standing in for the prefecture security cloud,
 * 自治体情報セキュリティクラウド). It inspects rather than merely logs (IN-1): strict order, drop by default (the same
 * default actions as the α′ breakout), the AWS managed threat-signature groups first (its IDS/IPS, as AP-4 counts one:
 * `managedThreatSignatures`), then the built-in protocol rules in drop mode (they label the drops of what the default
 * would drop anyway in the alert log, and are the IPS IN-1 reports, acknowledgeable, when no managed group is named),
 * then the optional domain deny-list, then web traffic (TLS to 443, HTTP to 80) passes, then non-TCP traffic is dropped
 * (`nonTcpDropRule`). Everything else — other ports, other protocols on the web ports, QUIC — is dropped and logged.
 * The web passes from the stand-in's web proxy subnets only (`proxyCidrs`, the web group's own HOME_NET; the segment's
 * block where none are given): the workload subnets have no route out and browse through the proxy (IN-1), and a route
 * to the firewall added to one later would still get nothing through. The threat signatures and the drop rules keep
 * the whole segment as HOME_NET.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export function planBuiltInEgressFirewall(
  internetCidr: string, blockedDomains: readonly string[], managedThreatSignatures: readonly string[] = DEFAULT_THREAT_SIGNATURE_GROUPS,
  proxyCidrs: readonly string[] = [],
): FirewallPlan {
  const homeNet = [internetCidr];
  const groups: StatefulRuleGroupPlan[] = [
    ruleGroup('ips', 100, 'IDS/IPS rules in drop mode on the Internet-segment egress (stand-in for the security cloud, IN-1)', homeNet,
      defaultIpsRules(SID_BASE.egress)),
  ];
  const blocked = sortedUnique(blockedDomains.map(toNetworkFirewallDomain));
  if (blocked.length > 0) {
    groups.push({
      key: 'denylist',
      priority: 200,
      capacity: CAPACITY.domainList,
      homeNet,
      description: 'Domains blocked at the Internet-segment egress',
      domainList: { targets: blocked, targetTypes: ['HTTP_HOST', 'TLS_SNI'], generatedRulesType: 'DENYLIST' },
    });
  }
  groups.push(ruleGroup('web', 300, proxyCidrs.length > 0
    ? 'Web traffic (TLS to 443, HTTP to 80) of the web proxy passes; everything else is dropped by default (IN-1)'
    : 'Web traffic (TLS to 443, HTTP to 80) passes; everything else is dropped by default (IN-1)', proxyCidrs.length > 0 ? [...proxyCidrs] : homeNet,
  webPassRules(SID_BASE.egress)));
  groups.push(ruleGroup('nontcp', NON_TCP_PRIORITY, 'Non-TCP traffic that no rule passed is dropped (IN-1)', homeNet, [nonTcpDropRule(SID_BASE.egress + 21, 'IN-1')]));
  return {
    key: 'Egress',
    segment: Segment.INTERNET,
    description: 'Built-in Internet-segment egress (stand-in for 自治体情報セキュリティクラウド in proofs of concept)',
    statelessDefaultActions: FORWARD_TO_STATEFUL,
    statelessFragmentDefaultActions: FORWARD_TO_STATEFUL,
    statefulDefaultActions: DROP_BY_DEFAULT,
    ruleGroups: groups,
    managedRuleGroups: managedGroups(managedThreatSignatures),
    extraStatefulRuleGroupArns: [],
  };
}
