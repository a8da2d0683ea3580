import { SEGMENT_JA, Segment } from '../../model/segment';
import { deref, nodesInVpc, resolverRuleDomain, resolverRuleKind, ResolverRuleNode, VpcNode } from '../graph';
import { bi, Bilingual, finding, Finding, GuardContext, GuardRule } from '../rule';
import { nameOf, subnetsIn } from '../topology';

/**
 * The name resolution of a closed segment (My Number; LGWAN in α, β, β′ and, around the breakout, in α′). A VPC's
 * Amazon-provided resolver (the VPC's base address + 2, 169.254.169.253) resolves internet names recursively: a query for
 * `<data>.attacker.example` reaches that domain's name servers on the internet, so every host of the VPC has a channel
 * out of the segment without any route (AWS: "Amazon Route 53 Resolver ... answers DNS queries for ... public domain names";
 * DNS tunnelling). The segment is closed only when, for every VPC holding its subnets:
 * - DNS support is off (`EnableDnsSupport: false`), or
 * - a DNS Firewall rule group associated with the VPC blocks every domain (`*`, every query type) before anything allows
 *   or alerts on a list the guard cannot read or a TLD-wide name, and no firewall configuration of the VPC fails open
 *   (DNS Firewall filters forwarded and recursive queries alike, rule groups in their association priority order, rules in
 *   priority order, the first match deciding; ALERT lets the query through), or
 * - a FORWARD resolver rule forwards `.` (every name), and no SYSTEM rule (nor one whose type the guard cannot read:
 *   RECURSIVE, a parameter) sends a domain back to the Amazon resolver's own recursion; DELEGATE rules send through
 *   their endpoint, as FORWARD ones do. Where the forwarded queries leave (the outbound endpoint's subnets) is a path the other rules judge.
 * A DHCP option set naming other DNS servers adds no finding here (unlike IN-2's): the instances ask those servers at
 * their addresses, and those packets follow the routes the path rules judge (a server on the internet is a path out, one
 * inside the segment the segment's own). It takes nothing away either: an instance may still ask the Amazon resolver
 * directly (the VPC's base address + 2, 169.254.169.253), so the check above stays.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-behavior.html
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network.html
 */
export function closedResolverFindings(ctx: GuardContext, rule: GuardRule, segment: Segment): Finding[] {
  const vpcIds = new Set<string>();
  for (const s of subnetsIn(ctx, segment)) if (s.vpc.kind === 'node') vpcIds.add(s.vpc.id);
  const findings: Finding[] = [];
  for (const id of vpcIds) {
    const vpc = ctx.graph.nodes.get(id);
    if (vpc?.type !== 'vpc' || vpc.dnsSupportOff === true) continue;
    const problem = firewallProblem(ctx, vpc);
    if (problem === undefined) continue;
    const forwarded = forwardingProblem(ctx, vpc);
    if (forwarded === undefined) continue;
    const closedSegment = bi(segment === Segment.MY_NUMBER ? 'My Number' : 'LGWAN', SEGMENT_JA[segment]);
    findings.push(finding(rule, nameOf(ctx.graph, vpc.id), {
      en: `the ${closedSegment.en} VPC's Amazon-provided resolver answers names from the internet, so any host of the segment can carry data out in its `
        + `queries' names to any domain's name servers (no route needed): ${problem.en}; and ${forwarded.en}`,
      ja: `${closedSegment.ja}の VPC の Amazon 提供リゾルバがインターネット上の名前を解決するため、この系のどのホストも、問い合わせる名前にデータを載せて任意のドメインの`
        + `ネームサーバーへ送り出せる（ルートは不要）: ${problem.ja}。また、${forwarded.ja}`,
    }, bi('associate a DNS Firewall rule group that allows the names the segment needs and then blocks every domain ("*", every query type), with the '
      + 'VPC\'s firewall fail-open DISABLED (MunicipalNetwork builds this), or set EnableDnsSupport to false, or forward "." to the segment\'s own resolvers',
    'この系に必要な名前だけを許可し、その後ですべてのドメイン（"*"、すべてのクエリタイプ）を遮断する DNS Firewall のルールグループを関連付け、VPC のファイアウォール設定の'
      + 'フェイルオープンを DISABLED にする（MunicipalNetwork はこの構成を作る）か、EnableDnsSupport を false にするか、"." をこの系自身のリゾルバへ転送する')));
  }
  return findings;
}

/** A rule of a VPC's DNS Firewall, in evaluation order, with the domains of its list when the guard can read them. */
interface OrderedDnsRule {
  readonly action: string;
  readonly qtype?: string;
  /** Its list's domains; undefined for a list outside the output, imported from a file, or a rule whose priority is unreadable. */
  readonly domains: readonly string[] | undefined;
  readonly where: Bilingual;
}

/**
 * The rules of the DNS Firewall rule groups associated with the VPC, in the order DNS Firewall evaluates them (groups by
 * association priority, rules by priority, the first match deciding), or why that order or a group cannot be read;
 * `none` when no group is associated.
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-dns-firewall-rule-group-behavior.html
 */
function orderedDnsRules(ctx: GuardContext, vpc: VpcNode, none: Bilingual): { problem: Bilingual } | { rules: OrderedDnsRule[] } {
  const associations = nodesInVpc(ctx.graph, 'dns-association', vpc.id);
  if (associations.length === 0) return { problem: none };
  if (associations.length > 1 && associations.some((a) => Number.isNaN(a.priority))) {
    return {
      problem: bi('the priorities of its DNS Firewall rule group associations cannot be read, so their order is unknown',
        'DNS Firewall のルールグループの関連付けの優先度が読めず、評価順がわからない'),
    };
  }
  const rules: OrderedDnsRule[] = [];
  for (const association of [...associations].sort(byPriority)) {
    const group = deref(ctx.graph, association.ruleGroup);
    if (group?.type !== 'dns-rule-group') {
      return { problem: bi(`the DNS Firewall rule group of ${association.id} is not in the output`, `${association.id} の DNS Firewall ルールグループが出力にない`) };
    }
    for (const r of [...group.rules].sort(byPriority)) {
      const list = deref(ctx.graph, r.domainList);
      const unread = Number.isNaN(r.priority);
      rules.push({
        action: r.action,
        qtype: r.qtype,
        domains: list?.type === 'dns-domain-list' && !list.imported && !unread ? list.domains : undefined,
        where: bi(`rule ${unread ? '(priority unreadable)' : r.priority} of ${group.id}`, `${group.id} のルール ${unread ? '（優先度を読めない）' : r.priority}`),
      });
    }
  }
  return { rules };
}

/** The first of `domains` that lets every name or a whole TLD through ("*", "com", "*.com."). */
function wideDomain(domains: readonly string[]): string | undefined {
  return domains.find((d) => d === '*' || !d.replace(/^\*\./, '').replace(/\.$/, '').includes('.'));
}

/** Why the VPC's DNS Firewall does not stop its resolver answering internet names, or undefined when it does. */
function firewallProblem(ctx: GuardContext, vpc: VpcNode): Bilingual | undefined {
  const ordered = orderedDnsRules(ctx, vpc, bi('no DNS Firewall rule group is associated with the VPC', 'VPC に DNS Firewall のルールグループが関連付けられていない'));
  if ('problem' in ordered) return ordered.problem;
  for (const { action, qtype, domains, where } of ordered.rules) {
    if (action === 'BLOCK') {
      if (domains?.includes('*') && qtype === undefined) return failOpenProblem(ctx, vpc);
      continue;
    }
    if (domains === undefined) {
      return bi(`${where.en} ${action === 'ALLOW' || action === 'ALERT' ? `lets through (${action})` : `(action ${action})`} domains the guard cannot read `
        + '(a list outside the output, imported from a file, or a rule whose priority is unreadable) before any rule blocks every domain',
      `${where.ja}（${action}）が、すべてのドメインを遮断するルールより先に、ガードが読めないドメイン（出力にないリスト、ファイルから取り込むリスト、優先度を読めないルール）を通す`);
    }
    const wide = wideDomain(domains);
    if (wide !== undefined || (action !== 'ALLOW' && action !== 'ALERT')) {
      return bi(`${where.en} lets through (${action}) "${wide ?? domains[0] ?? ''}" before any rule blocks every domain`,
        `${where.ja}（${action}）が、すべてのドメインを遮断するルールより先に "${wide ?? domains[0] ?? ''}" を通す`);
    }
  }
  return bi('no DNS Firewall rule blocks every domain ("*" for every query type)', 'すべてのドメインを（すべてのクエリタイプで "*" を）遮断する DNS Firewall のルールがない');
}

/**
 * Why the DNS Firewall of the Internet segment's stand-in filters nothing, or undefined when it does (IN-2): taken in the
 * order DNS Firewall evaluates them (`orderedDnsRules`), some rule blocks (any list: the guard does not judge what a block
 * list holds), and no rule ahead of it lets through every name, a TLD or a list the guard cannot read. A rule group
 * without rules, or an ALLOW of "*" first, is a resolver without a filter.
 */
export function standInFilterProblem(ctx: GuardContext, vpc: VpcNode): Bilingual | undefined {
  const ordered = orderedDnsRules(ctx, vpc, bi('no DNS Firewall rule group is associated with the Internet-segment VPC',
    'インターネット接続系の VPC に DNS Firewall のルールグループが関連付けられていない'));
  if ('problem' in ordered) return ordered.problem;
  for (const { action, domains, where } of ordered.rules) {
    if (action === 'BLOCK') return undefined;
    if (domains === undefined) {
      return bi(`${where.en} lets through (${action}) domains the guard cannot read before any rule blocks`,
        `${where.ja}（${action}）が、何かを遮断するルールより先に、ガードが読めないドメインを通す`);
    }
    const wide = wideDomain(domains);
    if (wide !== undefined || (action !== 'ALLOW' && action !== 'ALERT')) {
      return bi(`${where.en} lets through (${action}) "${wide ?? domains[0] ?? ''}" before any rule blocks`,
        `${where.ja}（${action}）が、何かを遮断するルールより先に "${wide ?? domains[0] ?? ''}" を通す`);
    }
  }
  return bi('no DNS Firewall rule of the Internet-segment VPC blocks anything', 'インターネット接続系の VPC の DNS Firewall に、何かを遮断するルールがない');
}

/** A DNS Firewall that blocks every other domain still lets everything through when it fails open. */
function failOpenProblem(ctx: GuardContext, vpc: VpcNode): Bilingual | undefined {
  // No configuration: AWS's default is fail-open DISABLED (Route 53 API Reference, UpdateFirewallConfig).
  const open = nodesInVpc(ctx.graph, 'dns-firewall-config', vpc.id).filter((c) => c.failOpen !== false);
  return open.length === 0 ? undefined : bi(`its DNS Firewall may fail open (${open[0].id}: FirewallFailOpen is not DISABLED)`,
    `DNS Firewall がフェイルオープンになりうる（${open[0].id}: FirewallFailOpen が DISABLED ではない）`);
}

/** Why the VPC's resolver rules leave names to the Amazon resolver's recursion, or undefined when `.` is forwarded and nothing comes back. */
function forwardingProblem(ctx: GuardContext, vpc: VpcNode): Bilingual | undefined {
  const rules = nodesInVpc(ctx.graph, 'resolver-rule-association', vpc.id)
    .map((a) => ({ association: a, rule: deref<ResolverRuleNode>(ctx.graph, a.rule) }));
  for (const { association, rule } of rules) {
    if (rule?.type !== 'resolver-rule') {
      return bi(`the resolver rule of ${association.id} is not in the output`, `${association.id} のリゾルバルールが出力にない`);
    }
    // FORWARD and DELEGATE rules send their names through the outbound endpoint (a path the other rules judge); a SYSTEM
    // rule, or one whose type the guard cannot read, may leave them to the Amazon resolver's recursion.
    const kind = resolverRuleKind(rule);
    if (kind === 'system') {
      return bi(`a SYSTEM resolver rule (${rule.id}) resolves ${resolverRuleDomain(rule) ?? 'a domain the guard cannot read'} with the Amazon resolver itself`,
        `SYSTEM のリゾルバルール（${rule.id}）が ${resolverRuleDomain(rule) ?? 'ガードが読めないドメイン'} を Amazon のリゾルバ自身で解決する`);
    }
    if (kind === undefined) {
      return bi(`the type of resolver rule ${rule.id} cannot be read (${rule.ruleType ?? 'not a literal'}), so it may resolve `
        + `${resolverRuleDomain(rule) ?? 'a domain the guard cannot read'} with the Amazon resolver itself`,
      `リゾルバルール ${rule.id} の種類（${rule.ruleType ?? 'リテラルではない'}）を読めず、${resolverRuleDomain(rule) ?? 'ガードが読めないドメイン'} を Amazon のリゾルバ自身で解決しうる`);
    }
  }
  // Only a FORWARD rule sends every name: a DELEGATE rule sends the names its delegation record points at.
  if (rules.some(({ rule }) => rule?.ruleType === 'FORWARD' && (rule.domainName === '.' || rule.domainName === ''))) return undefined;
  return bi('no resolver rule forwards "." (every name) to the segment\'s own resolvers', '"."（すべての名前）をこの系自身のリゾルバへ転送するリゾルバルールもない');
}

/** Lowest priority first; one the guard cannot read first of all, since it may come before anything. */
function byPriority(a: { readonly priority: number }, b: { readonly priority: number }): number {
  const x = Number.isNaN(a.priority) ? -Infinity : a.priority;
  const y = Number.isNaN(b.priority) ? -Infinity : b.priority;
  return x < y ? -1 : x > y ? 1 : 0;
}
