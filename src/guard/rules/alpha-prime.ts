import { deref, FirewallNode, FirewallPolicyNode, nodesOf, RuleGroupNode, TopologyGraph, VpcNode } from '../graph';
import { arrivalsFrom, pathFindings } from './paths';
import { CloudServiceCatalogue, EntraTenantRestrictionVersion } from '../../model/catalogue';
import { domainProblems } from '../../model/domains';
import { NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { finding, Finding, GuardContext, GuardRule, Severity } from '../rule';
import { infrastructureSubnets, nameOf, subnetsIn } from '../topology';

/**
 * Allow-list entries that qualify by themselves (AP-2): the domains, in Network Firewall notation, of catalogue
 * services that are ISMAP-listed or are security-update services meeting all three conditions (seed 002).
 */
const QUALIFYING: ReadonlySet<string> = new Set(
  [...CloudServiceCatalogue.all(), CloudServiceCatalogue.microsoft365(EntraTenantRestrictionVersion.V1)]
    .filter((s) => s.ismapListed || (s.securityUpdateConditions
      && Object.values(s.securityUpdateConditions).every((met) => met === true)))
    .flatMap((s) => s.domains.map((d) => (d.startsWith('*.') ? d.slice(1) : d))),
);

const DROPS = new Set(['aws:drop_strict', 'aws:drop_established']);

/** The breakout firewalls: Network Firewall in an LGWAN VPC, with their policy. */
export function breakoutFirewalls(graph: TopologyGraph): { firewall: FirewallNode; policy?: FirewallPolicyNode }[] {
  return nodesOf(graph, 'firewall')
    .filter((f) => deref<VpcNode>(graph, f.vpc)?.segment === Segment.LGWAN)
    .map((firewall) => ({ firewall, policy: deref<FirewallPolicyNode>(graph, firewall.policy) }));
}

/** Whether a firewall drops by default and filters on an FQDN allow-list; else why not. */
export function breakoutFirewallProblem(ctx: GuardContext, firewallId: string): string | undefined {
  const fw = ctx.graph.nodes.get(firewallId) as FirewallNode | undefined;
  const policy = deref<FirewallPolicyNode>(ctx.graph, fw?.policy);
  if (!policy || policy.type !== 'firewall-policy') return `the policy of firewall ${firewallId} is not in the synthesized output`;
  if (!policy.statefulDefaultActions.some((a) => DROPS.has(a))) {
    return `firewall ${firewallId} passes by default (stateful default actions: ${policy.statefulDefaultActions.join(', ') || 'none'})`;
  }
  const lists = policy.ruleGroups.map((r) => deref<RuleGroupNode>(ctx.graph, r)).filter((g) => g?.type === 'rule-group' && g.domainList?.generatedRulesType === 'ALLOWLIST');
  if (lists.length === 0) return `firewall ${firewallId} has no FQDN allow-list (TLS SNI / HTTP Host)`;
  return undefined;
}

/** AP-1: the α′ breakout goes through a default-drop firewall with an FQDN allow-list; nothing bypasses it. */
export const AP1: GuardRule = {
  id: 'AP-1',
  severity: Severity.CRITICAL,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ローカルブレイクアウト',
  summary: 'LGWAN reaches the internet only through a firewall that drops by default and allows an FQDN list (TLS SNI / HTTP Host); no route bypasses it.',
  check(ctx) {
    const chain = infrastructureSubnets(ctx.graph);
    const subnets = subnetsIn(ctx, Segment.LGWAN).filter((s) => !chain.has(s.id));
    const fix = 'send the LGWAN default route to the breakout firewall endpoint; give the firewall policy aws:drop_established (or drop_strict) and an ALLOWLIST domain rule group';
    // Every way out (or a path the guard cannot follow) must pass a firewall that drops by default and allow-lists FQDNs.
    const bypassing = arrivalsFrom(ctx, subnets, (a) => (a.end.kind === 'internet' || a.end.kind === 'unknown')
      && !a.firewalls.some((f) => breakoutFirewallProblem(ctx, f) === undefined));
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (const a of bypassing.filter((x) => x.end.kind === 'internet' && x.firewalls.length > 0)) {
      if (seen.has(a.from)) continue;
      seen.add(a.from);
      findings.push(finding(this, nameOf(ctx.graph, a.from),
        `${ctx.reach.destinations(a.headers)} on the internet is reached through a firewall that is no breakout filter: ${breakoutFirewallProblem(ctx, a.firewalls[0])}`, fix, ctx.reach.hops(a)));
    }
    findings.push(...pathFindings(ctx, this, bypassing.filter((a) => !seen.has(a.from) && (a.end.kind === 'unknown' || a.firewalls.length === 0)),
      'an LGWAN subnet, without passing a breakout firewall,', fix));
    // A breakout firewall in LGWAN that passes by default is wrong even before a route uses it.
    for (const { firewall: fw } of breakoutFirewalls(ctx.graph)) {
      const problem = breakoutFirewallProblem(ctx, fw.id);
      if (problem) {
        findings.push(finding(this, nameOf(ctx.graph, fw.id), problem,
          'set the stateful default actions to aws:drop_established (or aws:drop_strict) and attach the allow-list rule group'));
      }
    }
    return findings;
  },
};

/** AP-2 (allow-list syntax): no bare `*`, no TLD-wide wildcard in the breakout allow-list. */
export const AP2: GuardRule = {
  id: 'AP-2',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ISMAP / 許可リスト',
  summary: 'Every allow-listed domain belongs to a catalogue service that is ISMAP-listed, or to a security-update service meeting the three '
    + 'conditions; no bare `*`, no TLD-wide wildcard.',
  check(ctx) {
    const findings: Finding[] = [];
    for (const g of nodesOf(ctx.graph, 'rule-group')) {
      if (g.domainList?.generatedRulesType !== 'ALLOWLIST') continue;
      for (const target of g.domainList.targets) {
        // Network Firewall writes subdomain patterns as ".example.com"; our notation is "*.example.com".
        const pattern = target.startsWith('.') ? `*${target}` : target;
        const syntax = target === '*' || target === '.' ? ['allows every domain'] : domainProblems(pattern);
        // Only when the entry is well-formed does it make sense to ask whether it belongs to a qualifying service.
        const problems = syntax.length > 0 || QUALIFYING.has(target) ? syntax
          : ['is not a domain of a catalogue service that is ISMAP-listed or a security-update service meeting the three conditions'];
        for (const p of problems) {
          findings.push(finding(this, nameOf(ctx.graph, g.id), `allow-list entry "${target}" ${p}`,
            'list the service\'s own domains (see CloudServiceCatalogue), never a wildcard over a whole TLD or everything; '
              + 'for an ISMAP-listed service of your own, acknowledge AP-2 with its ISMAP registration'));
        }
      }
    }
    return findings;
  },
};
