import { ALL_V4, ALL_V6, Family, formatAddress, intervalToPrefixes, parsePrefix, Prefix } from '../address-space';
import { DeclaredSegmentHost } from '../declared';
import { CLOSED, literallyClosed } from '../enums';
import { deref, FirewallNode, FirewallPolicyNode, nodesOf, Ref, RuleGroupNode, SubnetNode, TopologyGraph, VpcNode } from '../graph';
import { memoizeBounded, oncePer } from '../memo';
import { closedResolverFindings } from './closed-dns';
import { arrivalsFrom, endOf, firewallGateFindings, occupiedChainFindings, outOrUnknown, pathFindings } from './paths';
import { labelUnplacedIn } from './placement';
import { clientsText, mayUse, proxyClients, proxySubnets } from './proxy-clients';
import { proxyFleet, proxyOnlySubnets, relaysToBreakout } from './proxy-exits';
import { relayFindings } from './relays';
import { byLo, covered } from './specific';
import { statelessBypassProblem } from './stateless-engine';
import { CloudServiceCatalogue } from '../../model/catalogue';
import { CloudServiceCategory } from '../../model/cloud-service';
import { domainProblems, patternCovers, patternsOverlap } from '../../model/domains';
import { INSPECTION_IDS_IPS, INSPECTION_TAG_KEY } from '../../model/labels';
import { AlphaPrimeCase, NetworkModel } from '../../model/network-model';
import { byCodePoint } from '../../model/order';
import { Segment } from '../../model/segment';
import { AWS_MANAGED_RULE_GROUP_ARN } from '../../model/threat-signatures';
import { jaOrEn } from '../ja-engine';
import { Arrival } from '../reachability';
import { bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, Severity, spaced } from '../rule';
import { LoadedRules, loadedRules } from '../suricata-rules';
import { hostSubnetsIn, LOAD_BALANCERS, nameOf, occupantsInWords, occupantsOf, SUBNET_ROLE_TAG } from '../topology';

/**
 * Allow-list entries that qualify by themselves (AP-2): the domains, in Network Firewall notation, of catalogue
 * services that are ISMAP-listed or are security-update services meeting all three conditions (seed 002).
 */
const QUALIFYING: ReadonlySet<string> = new Set(
  CloudServiceCatalogue.all()
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

/**
 * AWS managed rule groups (account `aws-managed`) are deny-lists and threat signatures: their rules drop, reject or
 * alert, never pass. https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-list.html
 */
const AWS_MANAGED_GROUP = AWS_MANAGED_RULE_GROUP_ARN;

/** Whether a rule group may pass traffic: it holds a `pass` rule, or the guard cannot read its rules. */
function passingProblem(graph: TopologyGraph, ref: Ref): Bilingual | undefined {
  if (ref.kind === 'external') {
    return AWS_MANAGED_GROUP.test(ref.value) ? undefined
      : bi(`rule group ${ref.value} is outside the synthesized output, so its rules cannot be read`, `ルールグループ ${ref.value} が合成結果の外にあり、そのルールを読めない`);
  }
  if (ref.kind === 'unresolved') return bi(`a rule group reference (${ref.expression}) cannot be resolved`, `ルールグループの参照（${jaOrEn(ref.expression)}）を解決できない`);
  const group = deref<RuleGroupNode>(graph, ref);
  if (group?.type !== 'rule-group') return bi(`${ref.id} is not a rule group of the synthesized output`, `${ref.id} は合成結果のルールグループではない`);
  if (group.domainList) {
    const type = group.domainList.generatedRulesType;
    if (type === 'ALLOWLIST') return bi(`rule group ${group.id} is an allow-list of its own`, `ルールグループ ${group.id} が独自の許可リストになっている`);
    // Any type but exactly one that passes nothing may be an allow-list (another case, an expression: enums.ts).
    return literallyClosed(type, CLOSED.domainListNotAllow) ? undefined
      : bi(`rule group ${group.id} generates its rules as ${type}, not exactly a type that passes nothing (${CLOSED.domainListNotAllow.join(', ')}): it may be an allow-list of its own`,
        `ルールグループ ${group.id} のルール生成の種類が ${type} で、何も通さない種類（${CLOSED.domainListNotAllow.join('、')}）のいずれとも完全には一致しない: 独自の許可リストになっているおそれがある`);
  }
  const loaded = groupRules(group);
  if ('problem' in loaded) return loaded.problem;
  const pass = loaded.rules.find(isPassRule);
  if (pass === undefined) return undefined;
  const shown = pass.length > 100 ? `${pass.slice(0, 97)}...` : pass;
  return bi(`rule group ${group.id} holds a pass rule (${shown})`, `ルールグループ ${group.id} に pass ルールがある（${shown}）`);
}

/**
 * A rule that lets what it matches through, uninspected from then on: a `pass`, or any rule with the `bypass` keyword,
 * which takes the flow out of further inspection ("the flow will be bypassed"; the IPS then forwards its packets).
 * Network Firewall does not list it among the keywords it leaves out, so it counts as a pass (fail closed).
 * https://docs.suricata.io/en/latest/rules/bypass-keyword.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
 */
export function isPassRule(line: string): boolean {
  return /^pass\s/i.test(line) || (/\bbypass\b/i.test(line) && (ruleOptions(line) ?? []).some((o) => o.name === 'bypass'));
}

/** A rule group whose rules the guard cannot read: neither a literal RulesString nor a domain list, or `why` (`loadedRules`). */
function unreadableRules(id: string, why?: Bilingual): Bilingual {
  return why
    ? bi(`the rules of rule group ${id} cannot be read: ${why.en}`, `ルールグループ ${id} のルールを読めない: ${why.ja}`)
    : bi(`the rules of rule group ${id} cannot be read (only a literal RulesString or domain list can)`,
      `ルールグループ ${id} のルールを読めない（読めるのはリテラルの RulesString かドメインリストだけ）`);
}

/**
 * The rules Suricata runs from a group's rules string (`loadedRules`: continued lines joined, comments skipped as its
 * loader skips them), or why the guard cannot read them, in words that name the group.
 */
export function groupRules(group: RuleGroupNode): LoadedRules {
  if (group.rulesString === undefined) return { problem: unreadableRules(group.id) };
  const loaded = loadedRules(group.rulesString);
  return 'problem' in loaded ? { problem: unreadableRules(group.id, loaded.problem) } : loaded;
}

/** The rule order as worded in the findings. */
function orderText(policy: FirewallPolicyNode): Bilingual {
  return policy.ruleOrder === 'unknown'
    ? bi('rule order the guard cannot read (taken as the default action order)', 'ガードが読めないルール順序（デフォルトのアクション順序とみなす）')
    : bi('default action order', 'デフォルトのアクション順序');
}

/**
 * Whether the policy's rule order lets a group pass traffic before the FQDN allow-list decides (AP-1). Under strict order
 * the groups run by priority and the first `pass` ends a flow's evaluation, so a group ahead of the allow-list (a lower
 * priority number, or one that cannot be read) must not pass anything; under the default action order every `pass` rule
 * of every group wins over the allow-list's drops, so no other group may pass anything.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
function ruleOrderProblem(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode): Bilingual | undefined {
  const refs = policy.ruleGroups.map((ref, i) => ({ ref, priority: policy.ruleGroupPriorities?.[i] }));
  const isAllowList = (ref: Ref) => deref<RuleGroupNode>(graph, ref)?.type === 'rule-group' && deref<RuleGroupNode>(graph, ref)?.domainList?.generatedRulesType === 'ALLOWLIST';
  const allowPriorities = refs.filter((r) => isAllowList(r.ref)).map((r) => r.priority);
  const strict = policy.ruleOrder === 'STRICT_ORDER';
  // The allow-list decides at its first group; if the guard cannot read its priority, every other group counts as ahead.
  const allowAt = allowPriorities.some((p) => p === undefined) ? Infinity : Math.min(...allowPriorities as number[]);
  const passes: { group: string; blocks: Prefix[] }[] = [];
  for (const { ref, priority } of refs) {
    if (isAllowList(ref)) continue;
    if (strict && priority !== undefined && priority > allowAt) {
      // After the allow-list: what the domain list does not judge (every protocol but HTTP and TLS) still reaches this group.
      const after = afterAllowListPasses(graph, ref);
      if ('blocks' in after) {
        passes.push({ group: ref.kind === 'node' ? ref.id : ref.kind === 'external' ? ref.value : ref.expression, blocks: after.blocks });
        continue;
      }
      return bi(`firewall ${firewallId} lets traffic around its FQDN allow-list: ${after.problem.en}, and under strict order what the allow-list does not judge `
        + `(every protocol but HTTP and TLS) reaches it after the allow-list (priority ${priority}; the allow-list's ${allowAt})`,
      `ファイアウォール ${firewallId} で、FQDN 許可リストを迂回して通信が通る: ${after.problem.ja}。STRICT_ORDER では、許可リストが判断しない通信（HTTP・TLS 以外のすべて）が`
        + `許可リストの後でこのグループに届く（優先度 ${priority}、許可リストは ${allowAt}）`);
    }
    const problem = passingProblem(graph, ref);
    if (problem === undefined) continue;
    return strict
      ? bi(`firewall ${firewallId} lets traffic around its FQDN allow-list: ${problem.en}, and under strict order it runs ahead of the allow-list `
        + `(priority ${priority ?? 'unreadable'}; the allow-list's ${Number.isFinite(allowAt) ? allowAt : 'is unreadable'})`,
      `ファイアウォール ${firewallId} で、FQDN 許可リストを迂回して通信が通る: ${problem.ja}。STRICT_ORDER ではこのグループが許可リストより先に評価される`
        + `（優先度 ${priority ?? '読めない'}、許可リストは ${Number.isFinite(allowAt) ? allowAt : '読めない'}）`)
      : bi(`firewall ${firewallId} lets traffic around its FQDN allow-list: ${problem.en}, and under the ${orderText(policy).en} every pass rule wins over the allow-list`,
        `ファイアウォール ${firewallId} で、FQDN 許可リストを迂回して通信が通る: ${problem.ja}。${orderText(policy).ja}では、どの pass ルールも許可リストより優先される`);
  }
  const wide = widePassProblem(passes);
  return wide && bi(`firewall ${firewallId} lets traffic around its FQDN allow-list: ${wide.en}`,
    `ファイアウォール ${firewallId} で、FQDN 許可リストを迂回して通信が通る: ${wide.ja}`);
}

/**
 * What a rule group after the allow-list (strict order) passes that the allow-list does not judge: the address blocks
 * its `pass` rules reach, or why it may pass more. A `pass` rule that passes a whole transport (`passesTransport`), or
 * whose destination is not a literal list of address blocks (both address fields for `<>`), or rules the guard cannot
 * read, may pass anything. A `pass` to literal blocks on given ports is an IP allow-list, as the α′ media allowances are
 * (AP-5), within the bound the firewall's passes share (`widePassProblem`); a deny-list or an AWS managed group passes
 * nothing.
 */
function afterAllowListPasses(graph: TopologyGraph, ref: Ref): { problem: Bilingual } | { blocks: Prefix[] } {
  const group = ref.kind === 'node' ? deref<RuleGroupNode>(graph, ref) : undefined;
  if (group?.type !== 'rule-group' || group.domainList) {
    const problem = passingProblem(graph, ref);
    return problem ? { problem } : { blocks: [] };
  }
  // Rules the guard cannot read may pass anything (`passingProblem` says the same).
  const loaded = groupRules(group);
  if ('problem' in loaded) return { problem: loaded.problem };
  const blocks: Prefix[] = [];
  for (const line of loaded.rules.filter(isPassRule)) {
    const to = passesTransport(line) ? undefined : literalBlocks(line);
    if (to === undefined) {
      const shown = line.length > 100 ? `${line.slice(0, 97)}...` : line;
      return {
        problem: bi(`rule group ${group.id} holds a pass rule to destinations that are not literal address blocks, or for a whole transport (${shown})`,
          `ルールグループ ${group.id} に、リテラルのアドレスブロック以外の宛先へ、またはトランスポート全体を通す pass ルールがある（${shown}）`),
      };
    }
    blocks.push(...to);
  }
  return { blocks };
}

/**
 * The fields of a Suricata rule header (action, protocol, source, source port, direction, destination, destination
 * port), split as Suricata splits them: the address and port fields are lists that may hold spaces inside their
 * brackets (`[1.2.3.0/24, 5.6.7.0/24]`), which Suricata skips before each item; outside brackets whitespace separates
 * fields. What follows the seventh field (the options) is left out. Suricata's SigParseList and
 * DetectAddressParseString (src/detect-parse.c, src/detect-engine-address.c);
 * https://docs.suricata.io/en/latest/rules/intro.html#source-and-destination (`[10.0.0.0/24, !10.0.0.5]`).
 * Rule lines are parsed again by several rules and recur in every stack of an app (the same allow-list in every
 * municipality): parsed once per process (bounded), as suricata-rules.ts `loadedRules` is.
 */
export const headerFields: (line: string) => readonly string[] = memoizeBounded(20_000, (line) => parseHeaderFields(line));

function parseHeaderFields(line: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  let field = '';
  for (const c of line) {
    if (c === '[') depth++;
    else if (c === ']') depth--;
    if (/\s/.test(c)) {
      if (depth > 0) continue;
      if (field !== '') fields.push(field);
      field = '';
      if (fields.length === 7) return fields;
      continue;
    }
    field += c;
  }
  if (field !== '') fields.push(field);
  return fields.slice(0, 7);
}

/**
 * The address blocks a Suricata rule's destination (both address fields for `<>`) names when it is a literal list of
 * them (an IPv4 / IPv6 address or CIDR, one or a `[a,b]` list); else undefined: `any`, a `$` variable (`$EXTERNAL_NET`,
 * an IP set), an `@` IP set reference, a negation, a range or anything else the guard does not read.
 */
function literalBlocks(line: string): Prefix[] | undefined {
  const fields = headerFields(line);
  const literal = (field: string | undefined): Prefix[] | undefined => {
    const blocks = (field ?? '').replace(/^\[(.*)\]$/, '$1').split(',').map(addressLiteral);
    return blocks.every((b) => b !== undefined) ? blocks as Prefix[] : undefined;
  };
  if (fields[4] === '->') return literal(fields[5]);
  if (fields[4] !== '<>') return undefined;
  const [source, destination] = [literal(fields[2]), literal(fields[5])];
  return source && destination ? [...source, ...destination] : undefined;
}

/** A Suricata address literal: a CIDR block, or one address (a /32 or /128). */
export function addressLiteral(text: string): Prefix | undefined {
  return parsePrefix(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
}

/**
 * The most addresses of a family that the pass rules after the allow-list may reach together: a /8 of IPv4, a /12 of
 * IPv6, the unit IANA allocates to a regional internet registry (IANA IPv4 Address Space Registry, by /8; IPv6 Global
 * Unicast Address Assignments, 2400::/12 to APNIC and the like). A vendor publishes far narrower ranges (the α′ media
 * allowance of Microsoft Teams, the Microsoft 365 "Optimize" ranges 52.112.0.0/14 and 52.122.0.0/15, hold 393,216
 * addresses); blocks that together hold more than a registry's allocation are most of the internet, not an IP
 * allow-list, and two halves (`[0.0.0.0/1,128.0.0.0/1]`) are all of it.
 * https://www.iana.org/assignments/ipv4-address-space/ https://www.iana.org/assignments/ipv6-unicast-address-assignments/
 */
const PASS_BOUND: Readonly<Record<Family, { addresses: bigint; prefix: string }>> = {
  4: { addresses: 2n ** 24n, prefix: '/8' },
  6: { addresses: 2n ** 116n, prefix: '/12' },
};

/**
 * Whether the blocks the pass rules after the allow-list reach, merged per family (overlapping and adjacent blocks
 * joined, IPv4 and IPv6 apart), hold more addresses than `PASS_BOUND`: the allow-list is then no longer what decides
 * where the breakout leads (AP-1). Every pass rule of every group after it counts together, whatever its protocol and
 * ports: two rules, or two groups, each passing half the internet pass all of it.
 */
function widePassProblem(passes: readonly { group: string; blocks: readonly Prefix[] }[]): Bilingual | undefined {
  for (const family of [4, 6] as const) {
    const runs = merged(passes.flatMap((p) => p.blocks).filter((x) => x.family === family));
    const total = runs.reduce((n, r) => n + r.hi - r.lo + 1n, 0n);
    const bound = PASS_BOUND[family];
    if (total <= bound.addresses) continue;
    const names = [...new Set(passes.filter((p) => p.blocks.some((b) => b.family === family)).map((p) => p.group))];
    const groups = names.join(', ');
    const widest = runs.reduce((a, r) => (r.hi - r.lo > a.hi - a.lo ? r : a));
    const prefixes = intervalToPrefixes(widest.lo, widest.hi);
    const run = prefixes.length > 3 ? `${prefixes.slice(0, 3).join(' + ')} + …` : prefixes.join(' + ');
    return bi(`the pass rules after it (rule group${names.length > 1 ? 's' : ''} ${groups}) reach, their blocks merged, ${total} IPv${family} addresses (the widest run ${run}), `
      + `more than a ${bound.prefix} holds: an IP allow-list names a vendor's published ranges, not most of the internet`,
    `許可リストより後の pass ルール（ルールグループ ${groups}）の宛先ブロックを統合すると IPv${family} アドレス ${total} 個（最も広い連続範囲 ${run}）になり、`
      + `${bound.prefix} を超える: IP 許可リストはベンダーが公開するアドレス範囲を挙げるもので、インターネットの大半ではない`);
  }
  return undefined;
}

/** A firewall's policy when it drops by default, or why it does not count as dropping by default. */
function dropByDefault(graph: TopologyGraph, firewallId: string): { policy: FirewallPolicyNode } | { problem: Bilingual } {
  const fw = graph.nodes.get(firewallId) as FirewallNode | undefined;
  const policy = deref<FirewallPolicyNode>(graph, fw?.policy);
  if (!policy || policy.type !== 'firewall-policy') {
    return { problem: bi(`the policy of firewall ${firewallId} is not in the synthesized output`, `ファイアウォール ${firewallId} のポリシーが合成結果にない`) };
  }
  // The stateless engine runs first: what it passes never meets the stateful rules (allow-list, IPS, default drop).
  const stateless = statelessBypassProblem(graph, firewallId, policy);
  if (stateless) return { problem: stateless };
  const stream = streamExceptionProblem(firewallId, policy);
  if (stream) return { problem: stream };
  if (!policy.statefulDefaultActions.some((a) => DROPS.has(a))) {
    return {
      problem: bi(`firewall ${firewallId} passes by default (stateful default actions: ${policy.statefulDefaultActions.join(', ') || 'none'})`,
        `ファイアウォール ${firewallId} が既定で通信を通す（ステートフルのデフォルトアクション: ${policy.statefulDefaultActions.join(', ') || 'なし'}）`),
    };
  }
  const oneWay = establishedOnlyProblem(graph, firewallId, policy);
  return oneWay ? { problem: oneWay } : { policy };
}

/**
 * Why a firewall that must drop by default lets a connection broken midstream through its rules (AP-1, IN-1, SC-2), or
 * undefined: its stream exception policy is `CONTINUE`, which applies the rules to what follows the break without the
 * connection's context ("rules that depend on this context" stop matching: an application-layer allow-list, IPS
 * signatures, and `aws:drop_established`, where AWS names only `aws:drop_strict` as still matching), or one the guard
 * cannot read (fail closed). `DROP`, AWS's default, and `REJECT` drop what follows the break.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stream-exception-policy.html
 */
function streamExceptionProblem(firewallId: string, policy: FirewallPolicyNode): Bilingual | undefined {
  if (policy.streamExceptionPolicy === 'DROP' || policy.streamExceptionPolicy === 'REJECT') return undefined;
  const value = policy.streamExceptionPolicy === 'CONTINUE' ? 'CONTINUE' : 'a value the guard cannot read';
  const valueJa = policy.streamExceptionPolicy === 'CONTINUE' ? 'CONTINUE' : 'ガードが読めない値';
  return bi(`firewall ${firewallId} goes on with a connection broken midstream (stream exception policy ${value}): its rules then see the packets without `
    + 'the connection\'s context, so the allow-list, the IPS signatures and aws:drop_established no longer match them',
  `ファイアウォール ${firewallId} が途中で切れた接続をそのまま続ける（ストリーム例外ポリシー ${valueJa}）: その後のパケットは接続の文脈なしに`
    + 'ルールで評価され、許可リスト・IPS シグネチャ・aws:drop_established が一致しなくなる');
}

/** Options that name, number or describe a rule and match nothing (a rule holding only these matches on its header alone). */
export const DESCRIPTIVE_OPTIONS: ReadonlySet<string> = new Set(['msg', 'sid', 'rev', 'gid', 'classtype', 'metadata', 'reference', 'priority']);

/** Address blocks no internet host holds: RFC 1918, shared (RFC 6598), loopback, link-local, unique local and link-local IPv6. */
const NOT_PUBLIC: readonly Prefix[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10']
  .map((p) => parsePrefix(p)!);

/** A set of addresses of the combined space (address-space.ts): sorted, disjoint, non-adjacent intervals. */
export type Addresses = readonly Pick<Prefix, 'lo' | 'hi'>[];

/** Every IPv4 and IPv6 address: the combined space is one interval (IPv6 starts where IPv4 ends). */
export const EVERY_ADDRESS: Addresses = [{ lo: ALL_V4.lo, hi: ALL_V6.hi }];

/** Intervals sorted and merged (overlapping and adjacent ones joined). */
export function merged(intervals: readonly Pick<Prefix, 'lo' | 'hi'>[]): Addresses {
  const out: { lo: bigint; hi: bigint }[] = [];
  for (const x of [...intervals].sort(byLo)) {
    const last = out[out.length - 1];
    if (last && x.lo <= last.hi + 1n) last.hi = x.hi > last.hi ? x.hi : last.hi;
    else out.push({ lo: x.lo, hi: x.hi });
  }
  return out;
}

/** Every address outside the set. */
export function complement(a: Addresses): Addresses {
  const out: { lo: bigint; hi: bigint }[] = [];
  let next = ALL_V4.lo;
  for (const x of a) {
    if (x.lo > next) out.push({ lo: next, hi: x.lo - 1n });
    next = x.hi + 1n;
  }
  if (next <= ALL_V6.hi) out.push({ lo: next, hi: ALL_V6.hi });
  return out;
}

/** Whether every address of `need` is in `set`. */
export function holdsAll(set: Addresses, need: Addresses): boolean {
  return need.every((x) => covered(set, x));
}

/** An IP set's definition as addresses (each entry an address or CIDR block), or undefined when one entry is neither. */
export function ipSetAddresses(definition: readonly string[]): Addresses | undefined {
  const prefixes = definition.map(parsePrefix);
  return prefixes.every((p) => p !== undefined) ? merged(prefixes as Prefix[]) : undefined;
}

/**
 * A rule group's `$HOME_NET`: the group's own (`RuleVariables`), else the policy's (`PolicyVariables`: "Policy variables
 * affect all rule groups that don't already define HOME_NET"), else the firewall VPC's blocks, AWS's default ("If you
 * don't override HOME_NET with your own CIDRs, Network Firewall by default uses the CIDR of your inspection VPC").
 * `surely` holds the addresses surely in it (undefined: none known). `atMost` holds every address it may hold, for
 * `$EXTERNAL_NET`, its negation: AWS also says that EXTERNAL_NET is the negation of the policy's HOME_NET once the policy
 * defines one, so the group's and the policy's are both counted there; undefined when not known (a definition the guard
 * cannot read, an Amazon-provided IPv6 block, a primary block that is no literal). An AWS managed group (`group`
 * undefined) has the policy's.
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_PolicyVariables.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/troubleshooting-rules.html
 */
export function homeNet(
  graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, group: RuleGroupNode | undefined,
): { surely?: Addresses; atMost?: Addresses } {
  const defined: (readonly string[] | 'unknown')[] = [];
  if (group?.ipSets.HOME_NET !== undefined) defined.push(group.ipSets.HOME_NET);
  if (policy.homeNet !== undefined) defined.push(policy.homeNet);
  if (defined.length === 0) {
    const vpc = deref<VpcNode>(graph, (graph.nodes.get(firewallId) as FirewallNode | undefined)?.vpc);
    if (vpc?.type !== 'vpc') return {};
    // The literal blocks are surely in it; an Amazon-provided IPv6 block (public, its value unknown) or a primary block
    // that is no literal leaves the most it may hold unknown.
    const known = merged(vpc.cidrs.map(parsePrefix).filter((p): p is Prefix => p !== undefined));
    const whole = vpc.cidr !== undefined && vpc.symbolicIpv6.length === 0 && vpc.cidrs.every((c) => parsePrefix(c) !== undefined);
    return { surely: known.length > 0 ? known : undefined, atMost: whole ? known : undefined };
  }
  const sets = defined.map((d) => (d === 'unknown' ? undefined : ipSetAddresses(d)));
  // The first defined is the one that applies (the group's before the policy's).
  return { surely: sets[0], atMost: sets.every((x) => x !== undefined) ? merged((sets as Addresses[]).flat()) : undefined };
}

/**
 * The addresses a rule group's `$EXTERNAL_NET` surely holds: its own definition, or, when the group does not define it,
 * every address outside each `HOME_NET` that may apply (Suricata's `!$HOME_NET`, which Network Firewall uses by default).
 */
export function externalNetSurely(
  graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, group: RuleGroupNode | undefined,
): Addresses | undefined {
  const own = group?.ipSets.EXTERNAL_NET;
  if (own !== undefined) return own === 'unknown' ? undefined : ipSetAddresses(own);
  const home = homeNet(graph, firewallId, policy, group).atMost;
  return home && complement(home);
}

/**
 * Whether a rule group's `$EXTERNAL_NET` holds every internet address: the group does not define it (then it is every
 * address outside `HOME_NET`), and every `HOME_NET` that may apply (`homeNet`) is known and holds no public address.
 */
function externalHoldsInternet(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, group: RuleGroupNode): boolean {
  if (group.ipSets.EXTERNAL_NET !== undefined) return false;
  const home = homeNet(graph, firewallId, policy, group).atMost;
  return home !== undefined && home.every((x) => NOT_PUBLIC.some((n) => n.lo <= x.lo && x.hi <= n.hi));
}

/**
 * The addresses a Suricata address field surely matches in a rule group (`any`, `$HOME_NET`, `$EXTERNAL_NET`, an
 * address or CIDR block, a `[a,b]` list of these), or undefined: a negation (`!10.0.0.0/8`, which a list may hold too), an
 * IP set variable other than those two, an `@` IP set reference, or anything else the guard does not read.
 * https://docs.suricata.io/en/latest/rules/intro.html#source-and-destination
 */
export function fieldAddresses(
  field: string, vars: { home: () => Addresses | undefined; external: () => Addresses | undefined },
): Addresses | undefined {
  const text = field.trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const parts = listItems(text.slice(1, -1)).map((item) => fieldAddresses(item, vars));
    return parts.length > 0 && parts.every((x) => x !== undefined) ? merged((parts as Addresses[]).flat()) : undefined;
  }
  if (text === 'any') return EVERY_ADDRESS;
  if (text === '$HOME_NET') return vars.home();
  if (text === '$EXTERNAL_NET') return vars.external();
  const p = addressLiteral(text);
  return p && [p];
}

/**
 * Whether a Suricata rule drops every packet that is not TCP from anywhere to the internet: a blocking action, protocol
 * `ip`, source `any` (a `$HOME_NET` source would miss a host outside that variable), destination `any` or
 * `$EXTERNAL_NET` when it holds every internet address (`externalHolds`), ports `any`, one way or both, and no option
 * that matches anything but `ip_proto:!6` (TCP, which the default action drops once established, left out).
 * https://docs.suricata.io/en/latest/rules/header-keywords.html#ip-proto
 */
function dropsNonTcp(line: string, externalHolds: () => boolean): boolean {
  const [action, protocol, source, sourcePort, direction, destination, destinationPort] = headerFields(line);
  if (destinationPort === undefined || !BLOCKING_ACTIONS.test(action) || protocol.toLowerCase() !== 'ip') return false;
  if (source !== 'any' || sourcePort !== 'any' || (direction !== '->' && direction !== '<>')) return false;
  if (destinationPort.replace(/\(.*$/, '') !== 'any' || (destination !== 'any' && (destination !== '$EXTERNAL_NET' || !externalHolds()))) return false;
  const options = ruleOptions(line);
  if (options === undefined) return false;
  const protocols = options.filter((o) => o.name === 'ip_proto');
  if (protocols.length > 1 || protocols.some((o) => !/^\s*!\s*(6|tcp)\s*$/i.test(o.value))) return false;
  return options.every((o) => o.name === 'ip_proto' || DESCRIPTIVE_OPTIONS.has(o.name));
}

/**
 * Why a firewall that drops by default with `aws:drop_established` (and not `aws:drop_strict`) still lets traffic out
 * one way (AP-1, IN-1, SC-2), or undefined. "Drop established" drops only the packets of established connections, and
 * Suricata marks a UDP, ICMP or other IP flow established only once packets went both ways: a host could send datagrams
 * to any address around every allow-list, unless a rule of a group without an override to alert drops what is not TCP
 * from anywhere to the internet (`dropsNonTcp`). Under `aws:drop_strict` every packet no rule passed is dropped.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * https://docs.suricata.io/en/latest/rules/flow-keywords.html#flow
 */
function establishedOnlyProblem(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode): Bilingual | undefined {
  if (policy.statefulDefaultActions.includes('aws:drop_strict')) return undefined;
  for (let i = 0; i < policy.ruleGroups.length; i++) {
    if (policy.ruleGroupOverrides[i] !== undefined) continue;
    const group = deref<RuleGroupNode>(graph, policy.ruleGroups[i]);
    if (group?.type !== 'rule-group') continue;
    let holds: boolean | undefined;
    const externalHolds = () => (holds ??= externalHoldsInternet(graph, firewallId, policy, group));
    if (suricataLines(group).some((line) => dropsNonTcp(line, externalHolds))) return undefined;
  }
  return bi(`firewall ${firewallId} drops by default with aws:drop_established only, which drops the packets of established connections: `
    + 'UDP, ICMP and other non-TCP traffic sent one way is never established and passes, and no rule drops it',
  `ファイアウォール ${firewallId} の既定の遮断が aws:drop_established だけで、確立済みの接続のパケットしか遮断しない: `
    + '一方向に送られる UDP・ICMP などの TCP 以外の通信は確立済みにならずに通過し、それを遮断するルールもない');
}

/**
 * The Suricata rules of a rule group as the engine loads them (`groupRules`), none when the guard cannot read them: a
 * caller that needs a group's passes asks `passingProblem` / `groupPassProblem`, which say why.
 */
function suricataLines(group: RuleGroupNode): readonly string[] {
  const loaded = groupRules(group);
  return 'rules' in loaded ? loaded.rules : [];
}

/**
 * Suricata's application-layer protocols, as a rule's protocol field names them: a `pass` rule on one passes only what
 * the engine recognised as that protocol. https://docs.suricata.io/en/latest/rules/intro.html#protocol (the list of
 * Suricata 7, which Network Firewall runs; https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-limitations-caveats.html
 * lists the ones it leaves out, IKEv2 among them, which the service then refuses).
 */
const APPLICATION_PROTOCOLS: ReadonlySet<string> = new Set([
  'http', 'http1', 'http2', 'ftp', 'tls', 'smb', 'dcerpc', 'dns', 'smtp', 'imap', 'pop3', 'ssh', 'nfs', 'ntp', 'dhcp', 'tftp',
  'krb5', 'snmp', 'sip', 'rfb', 'mqtt', 'rdp', 'modbus', 'dnp3', 'enip', 'quic', 'pgsql', 'telnet', 'msn', 'bittorrent-dht',
]);

/** Transports whose rules name ports: the others (`ip`, `icmp`, `pkthdr`…) match whatever port a packet has. */
const PORTED_TRANSPORTS: ReadonlySet<string> = new Set(['tcp', 'udp', 'sctp']);

/**
 * A `pass` rule that lets a whole transport through whatever it carries: a protocol that is no application-layer
 * protocol (`ip`, `icmp`, `pkthdr`, which matches any packet, or one the guard does not know: fail closed), or `tcp` /
 * `udp` / `sctp` to every destination port (`coversEveryPort`). A bidirectional rule (`<>`, or a direction the guard
 * does not read) matches its packets both ways, so its source port field is a destination port field too:
 * `pass tcp $EXTERNAL_NET any <> $HOME_NET 443` passes TCP from port 443 of the home network to every port outside.
 * Rules on an application-layer protocol (`tls`, `http`, `dns`...) pass only what the engine recognised as that
 * protocol, so they are inspection, not a way around it; a TCP rule held to the handshake (`handshakeOnly`) passes what
 * `aws:drop_established`, a default drop the rules accept, passes too.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rules-examples.html
 * https://docs.suricata.io/en/latest/rules/intro.html#direction
 */
function passesTransport(line: string): boolean {
  const words = headerFields(line);
  if (!isPassRule(line)) return false;
  const protocol = words[1]?.toLowerCase() ?? '';
  if (APPLICATION_PROTOCOLS.has(protocol)) return false;
  if (!PORTED_TRANSPORTS.has(protocol)) return true;
  const fields = words[4] === '->' ? [words[6]] : [words[6], words[3]];
  if (!fields.some((f) => coversEveryPort(f?.replace(/\(.*$/, '') ?? ''))) return false;
  return !(protocol === 'tcp' && handshakeOnly(line));
}

/**
 * Whether a TCP rule's options hold it to the packets of connections not yet established (one `flow` option with
 * `not_established`, and neither `established` nor `stateless`): the handshake, which the stateful default action
 * `aws:drop_established` passes for every port ("allows the layer 3 and 4 connection establishment packets"), and which
 * AWS's strict-order pattern passes with `flow:not_established` under `aws:drop_strict`.
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 * https://docs.suricata.io/en/latest/rules/flow-keywords.html#flow
 */
function handshakeOnly(line: string): boolean {
  const flows = ruleOptions(line)?.filter((o) => o.name === 'flow');
  if (flows?.length !== 1) return false;
  const values = flows[0].value.split(',').map((v) => v.trim().toLowerCase());
  return values.includes('not_established') && !values.includes('established') && !values.includes('stateless');
}

/**
 * A rule's options, the `name:value` pairs between the parentheses after its header, split at the semicolons Suricata
 * splits at: not at an escaped one (`\;`, which a value such as `msg` must use), so that a value cannot pose as an
 * option. Undefined when there are no parentheses or the header before them is not the seven fields.
 * https://docs.suricata.io/en/latest/rules/intro.html#rule-options
 */
export const ruleOptions: (line: string) => readonly RuleOption[] | undefined = memoizeBounded(20_000, (line) => parseRuleOptions(line));

/** A rule option: its keyword (lower case) and its value as written (`''` for none). */
export interface RuleOption {
  readonly name: string;
  readonly value: string;
}

function parseRuleOptions(line: string): RuleOption[] | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open || headerFields(line.slice(0, open)).length !== 7) return undefined;
  const options: string[] = [];
  let option = '';
  const inside = line.slice(open + 1, close);
  for (let i = 0; i < inside.length; i++) {
    const c = inside[i];
    if (c === '\\') {
      option += c + (inside[i + 1] ?? '');
      i++;
    } else if (c === ';') {
      options.push(option);
      option = '';
    } else {
      option += c;
    }
  }
  options.push(option);
  return options.map((o) => o.trim()).filter((o) => o !== '').map((o) => {
    const colon = o.indexOf(':');
    return colon < 0 ? { name: o.toLowerCase(), value: '' } : { name: o.slice(0, colon).trim().toLowerCase(), value: o.slice(colon + 1) };
  });
}

/**
 * Whether a Suricata port field may match every port from 1 to 65535 (port 0 carries no TCP or UDP service): `any`, or
 * a list of ports and ranges (`80`, `1024:`, `[1:1023,1024:65535]`, nested lists) that together hold them all. A
 * negation (`!80`, `[1:1024,!80]`: every port but some), a variable (`$HTTP_PORTS`, a port set of the rule group's that
 * the guard does not read) or anything else the guard does not read counts as every port (fail closed).
 * https://docs.suricata.io/en/latest/rules/intro.html#ports-source-and-destination
 */
export function coversEveryPort(field: string): boolean {
  const ranges: [number, number][] = [];
  for (const item of portItems(field)) {
    if (item === 'any') {
      ranges.push([0, 65535]);
      continue;
    }
    const m = /^(\d{1,5})(:(\d{1,5})?)?$/.exec(item);
    if (!m) return true;
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : m[3] === undefined ? 65535 : Number(m[3]);
    if (hi > 65535 || lo > hi) return true;
    ranges.push([lo, hi]);
  }
  let next = 1;
  for (const [lo, hi] of ranges.sort((a, b) => a[0] - b[0])) {
    if (lo > next) return false;
    next = Math.max(next, hi + 1);
  }
  return next > 65535;
}

/**
 * The items of a Suricata port field, trimmed: a list's items (nested lists flattened), or the field itself. An empty
 * item (`''`, `[80,]`) is kept, for the reader to refuse or skip.
 */
export function portItems(field: string): string[] {
  const s = field.trim();
  return s.startsWith('[') && s.endsWith(']') ? listItems(s.slice(1, -1)).flatMap(portItems) : [s];
}

/** The items of a Suricata list's inside, split at the commas outside nested brackets. */
export function listItems(inside: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let item = '';
  for (const c of inside) {
    if (c === ',' && depth === 0) {
      items.push(item);
      item = '';
      continue;
    }
    if (c === '[') depth++;
    else if (c === ']') depth--;
    item += c;
  }
  items.push(item);
  return items;
}

/**
 * Why a rule group of a firewall that must drop by default may pass traffic around that default (IN-1, and SC-2 for the
 * hub's inspection firewall), or undefined: it is outside the synthesized output (unless AWS managed), cannot be read
 * (fail closed), or holds a `pass` rule for a whole transport (`passesTransport`). A domain list passes no transport.
 */
function groupPassProblem(graph: TopologyGraph, firewallId: string, ref: Ref): Bilingual | undefined {
  if (ref.kind === 'external') {
    return AWS_MANAGED_GROUP.test(ref.value) ? undefined
      : bi(`rule group ${ref.value} of firewall ${firewallId} is outside the synthesized output, so its rules cannot be read`,
        `ファイアウォール ${firewallId} のルールグループ ${ref.value} が合成結果の外にあり、そのルールを読めない`);
  }
  const group = deref<RuleGroupNode>(graph, ref);
  if (group?.type !== 'rule-group') {
    return bi(`a rule group of firewall ${firewallId} cannot be read (${ref.kind === 'unresolved' ? ref.expression : ref.id})`,
      `ファイアウォール ${firewallId} のルールグループを読めない（${ref.kind === 'unresolved' ? jaOrEn(ref.expression) : ref.id}）`);
  }
  if (group.domainList) return undefined;
  const loaded = groupRules(group);
  if ('problem' in loaded) return loaded.problem;
  const open = loaded.rules.find(passesTransport);
  if (!open) return undefined;
  const shown = open.length > 100 ? `${open.slice(0, 97)}...` : open;
  return bi(`rule group ${group.id} of firewall ${firewallId} passes a whole transport (${shown})`,
    `ファイアウォール ${firewallId} のルールグループ ${group.id} が、トランスポート全体を通過させる（${shown}）`);
}

/**
 * AWS managed threat-signature rule groups referenced by ARN: signatures of known threats that AWS keeps up to date,
 * which the guard takes as an IDS/IPS (AP-4's breakout, IN-1's stand-in, SC-2's hub: one predicate for the three).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html
 */
export function isManagedThreatSignatures(r: Ref): boolean {
  return r.kind === 'external' && AWS_MANAGED_RULE_GROUP_ARN.exec(r.value)?.[1]?.startsWith('ThreatSignatures') === true;
}

/** The groups `isManagedThreatSignatures` counts, in words (for `ipsAddressProblem`). */
export const MANAGED_THREAT_GROUPS = bi('AWS managed threat group', 'AWS マネージドの脅威ルールグループ');

/** Whether a GWLB endpoint is declared the endpoint of an IDS/IPS appliance (tag `jichitai:inspection=IDS_IPS`). */
export function declaredIdsAppliance(graph: TopologyGraph, id: string): boolean {
  const node = graph.nodes.get(id);
  return node?.type === 'vpc-endpoint' && node.tags[INSPECTION_TAG_KEY] === INSPECTION_IDS_IPS;
}

/** How to declare a GWLB endpoint an IDS appliance's. */
export const DECLARE_APPLIANCE = bi(`tag the GWLB endpoint ${INSPECTION_TAG_KEY}=${INSPECTION_IDS_IPS} if its appliance is an IDS/IPS that blocks what it detects`,
  `GWLB エンドポイントのアプライアンスが検知したものを遮断する IDS/IPS であれば、エンドポイントにタグ ${INSPECTION_TAG_KEY}=${INSPECTION_IDS_IPS} を付ける`);

/**
 * Whether a rule group the guard read (`groupPassProblem` found none) drops something as a filter written by hand (IN-1,
 * SC-2): a deny-list, an IPS signature that drops (`isSignatureLine`; a port filter's `drop` inspects nothing), or an AWS
 * managed group that is no threat-signature group (a domain list). Not an IDS/IPS (`isManagedThreatSignatures`): alone,
 * a finding to acknowledge with the rule set's source.
 */
function dropsSome(graph: TopologyGraph, ref: Ref): boolean {
  if (ref.kind === 'external') return AWS_MANAGED_GROUP.test(ref.value);
  const group = deref<RuleGroupNode>(graph, ref);
  if (group?.type !== 'rule-group') return false;
  if (group.domainList) return group.domainList.generatedRulesType === 'DENYLIST';
  return suricataLines(group).some(isSignatureLine);
}

/**
 * How a firewall inspects the traffic of one path (IN-1's stand-in, SC-2's hub inspection firewall): undefined when it
 * inspects; `problem` when it does not; `handWritten` when its only IPS is drop rules written by hand (`dropsSome`), which
 * otherwise inspect as asked — the path counts as inspected, and the rule reports the firewall once (a finding to
 * acknowledge with the rule set's source, as AP-4's).
 */
export type Inspection = undefined | { readonly problem: Bilingual } | { readonly handWritten: Bilingual };

/**
 * How a firewall inspects the way a stand-in for the security cloud must (IN-1), and the hub's inspection firewall
 * too (SC-2): it drops by default, no group passes a whole transport around that default, and it holds an IDS/IPS as
 * AP-4 counts one (`isManagedThreatSignatures`: AWS managed threat-signature groups without an override to alert) that
 * applies to the traffic's addresses (`traffic`, `ipsScope`) ahead of what is passed (`ipsAheadProblem`), or the path
 * passes the GWLB endpoint of a declared IDS appliance (`appliance`, `declaredIdsAppliance`). Drop rules written by hand
 * that do all this are `handWritten` (`Inspection`). Rule groups the guard cannot read count as passing everything
 * (fail closed).
 */
export function firewallInspection(graph: TopologyGraph, firewallId: string, traffic: Traffic, appliance: boolean): Inspection {
  const base = dropByDefault(graph, firewallId);
  if ('problem' in base) return { problem: base.problem };
  for (const ref of base.policy.ruleGroups) {
    const problem = groupPassProblem(graph, firewallId, ref);
    if (problem) return { problem };
  }
  return appliance ? undefined : ipsProblem(graph, firewallId, base.policy, traffic);
}

/**
 * `firewallInspection` of one firewall on an arrival's path: the traffic as the firewall sees it, and whether the path
 * passes a declared IDS appliance's GWLB endpoint.
 */
export function arrivalInspection(ctx: GuardContext, firewallId: string, a: Arrival): Inspection {
  const appliance = ctx.reach.endpointsPassed(a).some((id) => declaredIdsAppliance(ctx.graph, id));
  return firewallInspection(ctx.graph, firewallId, arrivalTraffic(ctx, a, firewallId), appliance);
}

/**
 * Whether some firewall on an arrival's path inspects it (`arrivalInspection`); a firewall that inspects by hand-written
 * rules alone counts, and is noted in `handWritten` (firewall id → why) for the rule to report.
 */
export function inspectedOnPath(
  a: Arrival, inspection: (firewallId: string, a: Arrival) => Inspection, handWritten: Map<string, Bilingual>,
): boolean {
  let hand: [string, Bilingual] | undefined;
  for (const f of a.firewalls) {
    const v = inspection(f, a);
    if (v === undefined) return true;
    if ('handWritten' in v) hand ??= [f, v.handWritten];
  }
  if (hand && !handWritten.has(hand[0])) handWritten.set(hand[0], hand[1]);
  return hand !== undefined;
}

/** The problem of an `Inspection`, for the findings of a path it does not inspect (a hand-written IPS's words too). */
export function inspectionWords(v: Inspection): Bilingual | undefined {
  return v === undefined ? undefined : 'problem' in v ? v.problem : v.handWritten;
}

/**
 * The findings of the firewalls `inspectedOnPath` noted as inspecting by drop rules written by hand alone (IN-1, SC-2):
 * one per firewall, in id order, at the firewall itself, where an acknowledgement names the rule set's source.
 */
export function handWrittenFindings(
  rule: GuardRule, ctx: GuardContext, handWritten: ReadonlyMap<string, Bilingual>, subject: Bilingual, fix: Bilingual,
): Finding[] {
  return [...handWritten].sort(([a], [b]) => byCodePoint(a, b))
    .map(([f, why]) => finding(rule, nameOf(ctx.graph, f), bi(`${subject.en}: ${why.en}`, `${subject.ja}: ${why.ja}`), fix));
}

/** The two ends of some traffic: the addresses it comes from, and those it goes to. */
export interface Traffic {
  readonly sources: Addresses;
  readonly destinations: Addresses;
}

/**
 * The traffic of an arrival as a firewall on its way sees it: the addresses its packets had there (`sourcesThrough`),
 * and where it arrives.
 */
export function arrivalTraffic(ctx: GuardContext, a: Arrival, firewallId: string): Traffic {
  const destinations: { lo: bigint; hi: bigint }[] = [];
  for (const b of a.headers) destinations.push({ lo: ctx.reach.atoms.lo(b.d0), hi: ctx.reach.atoms.hi(b.d1) });
  return { sources: ctx.reach.sourcesThrough(a, firewallId), destinations: merged(destinations) };
}

/**
 * Why a firewall's policy is no IDS/IPS in drop mode ahead of what it passes for some traffic (IN-1's stand-in, SC-2's
 * hub inspection firewall), or undefined. AP-4's IDS/IPS, AWS managed threat-signature groups without an override
 * (`isManagedThreatSignatures`), when the policy has one: one of them applies to the traffic (`ipsScope`), and every
 * group that may pass has met one that applies first (`ipsAheadProblem`; a signature of the passing group's own above
 * its pass rules does not make up for them). Without one, drop rules written by hand (`dropsSome`) are judged the same
 * way (a signature above a group's first pass counting), and are `handWritten` when they pass.
 */
function ipsProblem(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, traffic: Traffic): Inspection {
  // An override (DROP_TO_ALERT, or one the guard cannot read) turns the group's drops into alerts: it is no IPS in drop mode.
  const active = (counts: (ref: Ref) => boolean) => policy.ruleGroups.some((ref, i) => policy.ruleGroupOverrides[i] === undefined && counts(ref));
  if (active(isManagedThreatSignatures)) {
    const applied = appliedIpsProblem(graph, firewallId, policy, traffic, isManagedThreatSignatures, false);
    return applied && { problem: 'late' in applied ? applied.late : ipsAddressProblem(firewallId, traffic, MANAGED_THREAT_GROUPS) };
  }
  const overridden = policy.ruleGroups.some((ref, i) => policy.ruleGroupOverrides[i] !== undefined && isManagedThreatSignatures(ref))
    ? bi(' (its AWS managed threat-signature groups are overridden to alert)', '（AWS マネージドの脅威シグネチャのグループはアラートへオーバーライドされている）')
    : bi('', '');
  const hand = (ref: Ref) => dropsSome(graph, ref);
  if (!active(hand)) {
    return {
      problem: bi(`firewall ${firewallId} has no IPS in drop mode${overridden.en}: no AWS managed threat-signature group without an override to alert, `
        + 'nor any drop rule written by hand (a drop or reject signature inspecting content or protocol, a deny-list, another AWS managed group)',
      `ファイアウォール ${firewallId} に遮断モードの IPS がない${overridden.ja}: アラートへのオーバーライドのない AWS マネージドの脅威シグネチャのグループも、`
        + '手書きの遮断ルール（内容やプロトコルを検査する drop・reject のシグネチャ、拒否リスト、ほかの AWS マネージドのルールグループ）もない'),
    };
  }
  const applied = appliedIpsProblem(graph, firewallId, policy, traffic, hand);
  if (applied) return { problem: 'late' in applied ? applied.late : ipsAddressProblem(firewallId, traffic) };
  return {
    handWritten: bi(`firewall ${firewallId}'s only IPS is drop rules written by hand${overridden.en}: the guard cannot judge a hand-written rule set `
      + 'as an IDS/IPS that detects and blocks unauthorized traffic (不正な通信の検知及び遮断), as AP-4 does not',
    `ファイアウォール ${firewallId} の IPS が手書きの遮断ルールだけ${overridden.ja}: 手書きのルールの組が不正な通信の検知及び遮断を行う IDS/IPS であるかを、`
      + 'AP-4 と同じくガードは判断できない'),
  };
}

/**
 * Whether IPS rules that count (`counts`: AWS managed threat groups, or for IN-1 and SC-2 without them the drop rules
 * written by hand; AP-4's own choice) apply to some traffic ahead of what the firewall passes: `unapplied` when no group
 * without an override applies to it (`ipsScope`), `late` with the reason when a group that passes meets none that
 * applies first (`ipsAheadProblem`; a signature above a passing group's first pass counts only with `groupSignatures`),
 * else undefined.
 */
export function appliedIpsProblem(
  graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, traffic: Traffic, counts: (ref: Ref) => boolean, groupSignatures = true,
): { unapplied: true } | { late: Bilingual } | undefined {
  const scope = ipsScope(graph, firewallId, policy, traffic);
  const applies = (ref: Ref) => counts(ref) && scope.applies(ref);
  if (!policy.ruleGroups.some((ref, i) => policy.ruleGroupOverrides[i] === undefined && applies(ref))) return { unapplied: true };
  const late = ipsAheadProblem(graph, firewallId, policy, applies, groupSignatures ? scope.signature : () => false);
  return late && { late };
}

/**
 * A firewall's IPS rules in drop mode, none of which applies to some traffic (`ipsScope`), in words; `groups` names the
 * groups that count by their HOME_NET (drop rules written by hand: deny-lists and AWS managed groups; else managed threat groups).
 */
export function ipsAddressProblem(
  firewallId: string, traffic: Traffic, groups = bi('deny-list or AWS managed group', '拒否リストや AWS マネージドのルールグループ'),
): Bilingual {
  const [from, to] = [addressesText(traffic.sources), addressesText(traffic.destinations)];
  return bi(`the IPS rules in drop mode of firewall ${firewallId} do not apply to this traffic (from ${from.en} to ${to.en}): no signature's addresses hold both ends, `
    + `and no ${groups.en} has the sources in its HOME_NET and the destinations in its EXTERNAL_NET (a HOME_NET no rule group or policy sets is the firewall VPC's CIDR)`,
  `ファイアウォール ${firewallId} の遮断モードの IPS ルールが、この通信（送信元 ${from.ja}、宛先 ${to.ja}）に適用されない: 両端のアドレスを含むシグネチャがなく、`
    + `送信元を HOME_NET に、宛先を EXTERNAL_NET に含む${groups.ja}もない（ルールグループにもポリシーにも設定のない HOME_NET はファイアウォールの VPC の CIDR）`);
}

/** A set of addresses as CIDR blocks, for messages (the first three, then how many more). */
export function addressesText(set: Addresses): Bilingual {
  const blocks = set.flatMap((x) => intervalToPrefixes(x.lo, x.hi));
  if (blocks.length === 0) return bi('no address', 'アドレスなし');
  const shown = blocks.slice(0, 3).join(', ');
  return blocks.length > 3 ? bi(`${shown} and ${blocks.length - 3} more`, `${shown} ほか ${blocks.length - 3} 個`) : bi(shown, shown);
}

/**
 * Which IPS rules apply to some traffic: an IPS signature (`isSignatureLine`) whose address fields surely hold its two
 * ends (`fieldAddresses`, with the group's `$HOME_NET` and `$EXTERNAL_NET`), the sources in the source field and the
 * destinations in the destination field, or the other way round (a signature on what comes back); a deny-list, whose
 * generated rules match from the group's `$HOME_NET` to its `$EXTERNAL_NET`, and an AWS managed group, whose signatures are
 * written on the policy's, when those hold the sources and the destinations. A signature on `$HOME_NET` inspects nothing
 * from a host outside it, and Network Firewall takes the inspection VPC's CIDR for a `HOME_NET` nothing sets, so a
 * centralized firewall inspecting other VPCs must set it ("you might want to override the HOME_NET variable with the
 * CIDRs of your home networks"; "domain list inspection only includes traffic coming from the VPC where you deploy the
 * firewall").
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_PolicyVariables.html
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RulesSourceList.html
 */
function ipsScope(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, traffic: Traffic): {
  applies: (ref: Ref) => boolean; signature: (group: RuleGroupNode | undefined, line: string) => boolean;
} {
  const holds = (set: Addresses | undefined, need: Addresses) => set !== undefined && holdsAll(set, need);
  // A group's variables, read once for all its signatures, and only when a field names them.
  type Vars = { home: () => Addresses | undefined; external: () => Addresses | undefined };
  const varsOf = new Map<RuleGroupNode | undefined, Vars>();
  const vars = (group: RuleGroupNode | undefined): Vars => {
    let v = varsOf.get(group);
    if (!v) {
      let home: { value: Addresses | undefined } | undefined;
      let external: { value: Addresses | undefined } | undefined;
      v = {
        home: () => (home ??= { value: homeNet(graph, firewallId, policy, group).surely }).value,
        external: () => (external ??= { value: externalNetSurely(graph, firewallId, policy, group) }).value,
      };
      varsOf.set(group, v);
    }
    return v;
  };
  // A deny-list's generated rules and a managed group's signatures: from $HOME_NET to $EXTERNAL_NET.
  const homeToExternal = (group: RuleGroupNode | undefined) => {
    const v = vars(group);
    return holds(v.home(), traffic.sources) && holds(v.external(), traffic.destinations);
  };
  const signature = (group: RuleGroupNode | undefined, line: string) => {
    if (!isSignatureLine(line)) return false;
    const fields = headerFields(line);
    const v = vars(group);
    const [source, destination] = [fields[2], fields[5]].map((f) => (f === undefined ? undefined : fieldAddresses(f, v)));
    return (holds(source, traffic.sources) && holds(destination, traffic.destinations))
      || (holds(source, traffic.destinations) && holds(destination, traffic.sources));
  };
  const applies = (ref: Ref) => {
    if (ref.kind === 'external') return AWS_MANAGED_GROUP.test(ref.value) && homeToExternal(undefined);
    const group = deref<RuleGroupNode>(graph, ref);
    if (group?.type !== 'rule-group') return false;
    if (group.domainList) return group.domainList.generatedRulesType === 'DENYLIST' && homeToExternal(group);
    return suricataLines(group).some((l) => signature(group, l));
  };
  return { applies, signature };
}

/**
 * Suricata keywords that inspect content or protocol, i.e. what makes a rule an IDS/IPS signature rather than a port
 * filter: matched against the names of a rule's options (`ruleOptions`), never against its text, so that a word in a
 * value (`msg:"content filter"`) does not make a port filter a signature.
 * https://docs.suricata.io/en/latest/rules/payload-keywords.html https://docs.suricata.io/en/latest/rules/tls-keywords.html
 */
const DETECTION = /^(content|pcre|app-layer-protocol|flowbits|threshold|detection_filter|byte_test|dsize|ja3s?(\..*|_hash|_string)?|(tls|http|dns|file)\..+)$/;
/** Application-layer protocols whose blocking rule (`drop ssh …`) is a signature by its protocol alone. */
const SIGNATURE_PROTOCOLS: ReadonlySet<string> = new Set(['http', 'http2', 'tls', 'ssh', 'smb', 'dns', 'ftp', 'smtp', 'imap', 'krb5', 'dcerpc', 'rdp', 'sip', 'snmp', 'quic']);

/**
 * Suricata's actions that block what they match, in any case as Suricata reads them (strcasecmp, src/detect-parse.c).
 * https://docs.suricata.io/en/latest/rules/intro.html#action
 */
export const BLOCKING_ACTIONS = /^(drop|reject|rejectsrc|rejectdst|rejectboth)$/i;

/**
 * Whether a rules string holds at least one IPS signature in drop mode: a `drop` or `reject` rule on an
 * application-layer protocol, or one with an option that inspects content or protocol (`DETECTION`). An `alert`
 * signature detects and does not block, and AP-4's IDS/IPS is to 「検知及び遮断を行う」.
 */
export function hasIpsSignature(rulesString: string | undefined): boolean {
  const loaded = rulesString === undefined ? undefined : loadedRules(rulesString);
  return loaded !== undefined && 'rules' in loaded && loaded.rules.some(isSignatureLine);
}

/** Whether one Suricata rule is an IPS signature in drop mode (`hasIpsSignature`). */
function isSignatureLine(line: string): boolean {
  const [action, protocol] = line.split(/\s+/, 2);
  return BLOCKING_ACTIONS.test(action) && protocol !== undefined
    && (SIGNATURE_PROTOCOLS.has(protocol.toLowerCase()) || (ruleOptions(line) ?? []).some((o) => DETECTION.test(o.name)));
}

/**
 * Whether traffic a firewall passes can skip its IPS (IN-1's stand-in, SC-2's hub inspection firewall, AP-4's breakout):
 * a `pass` rule ends a flow's evaluation, so the drop rules inspect a passed flow only if they run first. Under the
 * default action order every `pass` rule of every group runs before every `drop` (so any group that may pass, other than
 * an AWS managed one, skips the IPS); under strict order each group that may pass needs a group `isIps` counts (IN-1 and
 * SC-2: one that applies to the traffic, `ipsScope`; AP-4: its signatures and managed threat groups) at a lower priority
 * number, or, inside the same group, a `signature` (an IPS signature in drop mode; IN-1 and SC-2: one that applies)
 * above its first pass rule. Unreadable priorities and groups count as running first and passing (fail closed).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 */
export function ipsAheadProblem(
  graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, isIps: (ref: Ref) => boolean,
  signature: (group: RuleGroupNode | undefined, line: string) => boolean = (_, line) => isSignatureLine(line),
): Bilingual | undefined {
  const entries = policy.ruleGroups.map((ref, i) => {
    const group = ref.kind === 'node' ? deref<RuleGroupNode>(graph, ref) : undefined;
    const lines = group?.type === 'rule-group' && !group.domainList ? suricataLines(group) : [];
    const firstPass = lines.findIndex(isPassRule);
    // An override turns the group's drops into alerts (DROP_TO_ALERT).
    const alertsOnly = policy.ruleGroupOverrides[i] !== undefined;
    return {
      name: ref.kind === 'external' ? ref.value : ref.kind === 'node' ? ref.id : ref.expression,
      priority: policy.ruleGroupPriorities?.[i],
      passing: passingProblem(graph, ref) !== undefined,
      // An IPS group (`isIps`), or for `dropsFirst`, a signature above the group's first pass rule.
      drops: !alertsOnly && isIps(ref),
      dropsFirst: !alertsOnly && firstPass > 0 && lines.slice(0, firstPass).some((l) => signature(group, l)),
    };
  });
  const strict = policy.ruleOrder === 'STRICT_ORDER';
  for (const e of entries.filter((x) => x.passing)) {
    if (!strict) {
      return bi(`firewall ${firewallId} passes traffic in rule group ${e.name} without its IPS: under the ${orderText(policy).en} every pass rule runs before every drop rule`,
        `ファイアウォール ${firewallId} がルールグループ ${jaOrEn(e.name)} で IPS を通さずに通信を通す: ${orderText(policy).ja}では、どの pass ルールもすべての drop ルールより先に評価される`);
    }
    const inspected = e.dropsFirst || (e.priority !== undefined
      && entries.some((d) => d.drops && d.priority !== undefined && d.priority < e.priority!));
    if (!inspected) {
      return bi(`firewall ${firewallId} passes traffic in rule group ${e.name} (priority ${e.priority ?? 'unreadable'}) before any IPS group drops it: `
        + 'under strict order the first pass ends a flow\'s evaluation',
      `ファイアウォール ${firewallId} が、IPS のグループで遮断される前にルールグループ ${jaOrEn(e.name)}（優先度 ${e.priority ?? '読めない'}）で通信を通す: `
        + 'STRICT_ORDER では最初の pass でそのフローの評価が終わる');
    }
  }
  return undefined;
}

/** Whether a firewall drops by default and filters on an FQDN allow-list that nothing passes traffic around; else why not. */
export function breakoutFirewallProblem(ctx: GuardContext, firewallId: string): Bilingual | undefined {
  const base = dropByDefault(ctx.graph, firewallId);
  if ('problem' in base) return base.problem;
  const policy = base.policy;
  const lists = policy.ruleGroups.map((r) => deref<RuleGroupNode>(ctx.graph, r)).filter((g) => g?.type === 'rule-group' && g.domainList?.generatedRulesType === 'ALLOWLIST');
  if (lists.length === 0) return bi(`firewall ${firewallId} has no FQDN allow-list (TLS SNI / HTTP Host)`, `ファイアウォール ${firewallId} に FQDN 許可リスト（TLS SNI / HTTP Host）がない`);
  return ruleOrderProblem(ctx.graph, firewallId, policy);
}

/** How to mend a breakout firewall, by what `breakoutFirewallProblem` found wrong with it (the first fix whose pattern its text matches). */
const BREAKOUT_FIREWALL_FIXES: readonly [RegExp, Bilingual][] = [
  [/around its FQDN allow-list/, bi('use STRICT_ORDER and keep rule groups ahead of the allow-list to drop, reject and alert rules (breakout.ipsRules may not pass); '
    + 'give a group that must pass traffic a priority after the allow-list\'s, and there pass only to literal address blocks on given ports, '
    + 'together no more addresses than a /8 of IPv4 or a /12 of IPv6 (an IP allow-list of a vendor\'s published ranges, as the media allowances are)',
  'STRICT_ORDER にし、許可リストより先に評価されるルールグループには drop・reject・alert のルールだけを置く（breakout.ipsRules に pass は書けない）。'
    + '通信を通す必要のあるグループには許可リストより後の優先度を付け、そこではリテラルのアドレスブロックと特定のポートへだけ通し、アドレスは合わせて IPv4 の /8、'
    + 'IPv6 の /12 以内にする（メディアの許可と同じ、ベンダーが公開するアドレス範囲の IP 許可リスト）')],
  [/stateful engine/, bi('set the stateless default actions and stateless fragment default actions to aws:forward_to_sfe, and take aws:pass out of the stateless rule groups '
    + '(or the groups out of the policy)',
  'ステートレスのデフォルトアクションとフラグメントのデフォルトアクションを aws:forward_to_sfe にし、ステートレスのルールグループから aws:pass を除く（またはそのグループをポリシーから外す）')],
  [/connection broken midstream/, bi('set the policy\'s stream exception policy (StatefulEngineOptions.StreamExceptionPolicy) to DROP, AWS\'s default, or REJECT',
    'ポリシーのストリーム例外ポリシー（StatefulEngineOptions.StreamExceptionPolicy）を AWS の既定の DROP または REJECT にする')],
  [/aws:drop_established only/, bi('add, in a rule group without an override to alert, a rule dropping all non-TCP traffic, after the groups that pass '
    + '(drop ip any any -> $EXTERNAL_NET any (ip_proto:!6; …), as the breakout plans it), or use aws:drop_strict with a pass rule for the TCP '
    + 'handshake (flow:not_established) on the allowed ports',
  'アラートへのオーバーライドのないルールグループに、通過させるグループより後で TCP 以外のすべての通信を遮断するルールを置く（ブレイクアウトが計画する、'
    + '送信元 any・宛先 $EXTERNAL_NET・ip_proto:!6 の drop ip ルール）か、許可するポートの TCP ハンドシェイクを通す pass ルール（flow:not_established）と aws:drop_strict を使う')],
];

function breakoutFirewallFix(problem: Bilingual): Bilingual {
  return BREAKOUT_FIREWALL_FIXES.find(([pattern]) => pattern.test(problem.en))?.[1]
    ?? bi('set the stateful default actions to aws:drop_established (with a rule dropping all non-TCP traffic) or aws:drop_strict, and attach the allow-list rule group',
      'ステートフルのデフォルトアクションを aws:drop_established（TCP 以外のすべての通信を遮断するルールとともに）または aws:drop_strict にし、許可リストのルールグループを関連付ける');
}

/** AP-1: the α′ breakout goes through a default-drop firewall with an FQDN allow-list; nothing bypasses it. */
export const AP1: GuardRule = {
  id: 'AP-1',
  severity: Severity.CRITICAL,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ローカルブレイクアウト',
  summary: 'LGWAN reaches the internet only through a firewall that drops by default (aws:drop_strict, or aws:drop_established with a rule dropping what is '
    + 'not TCP; a connection broken midstream dropped, not continued) and allows an FQDN list (TLS SNI / HTTP Host), and lets nothing '
    + 'around it (no stateless aws:pass; no pass rule ahead of the allow-list, and after it none but to literal address blocks on given ports, together no more '
    + 'addresses than a /8 of IPv4 or a /12 of IPv6); no route bypasses it '
    + '(the security cloud is the internet side too), no path past it ends where the guard cannot follow, and nothing but the chain runs in the '
    + 'breakout\'s own subnets (firewall, NAT gateway), whose routes lead out around the filter; nor does LGWAN\'s Amazon-provided resolver answer internet names '
    + 'around it, nor does an AWS service that delivers on its own carry data between its functions or endpoints and anything outside it (as MN-1).',
  check(ctx) {
    const subnets = hostSubnetsIn(ctx, Segment.LGWAN);
    const fix = bi('send the LGWAN default route to the breakout firewall endpoint; give the firewall policy aws:drop_established with a rule dropping all non-TCP traffic '
      + '(or aws:drop_strict), an ALLOWLIST '
      + 'domain rule group, STRICT_ORDER, stateless default actions aws:forward_to_sfe with no stateless pass rule, no pass rule in a group ahead of the allow-list, '
      + 'and after it only pass rules to literal address blocks on given ports, together no more addresses than a /8 of IPv4 or a /12 of IPv6',
    'LGWAN接続系のデフォルトルートをブレイクアウト用ファイアウォールのエンドポイントへ向け、ファイアウォールポリシーに aws:drop_established と TCP 以外のすべての通信を遮断するルール（または aws:drop_strict）、'
      + 'ALLOWLIST のドメインルールグループ、STRICT_ORDER、ステートレスのデフォルトアクション aws:forward_to_sfe を設定して、ステートレスの pass ルールを置かず、'
      + '許可リストより先に評価されるグループに pass ルールを置かず、許可リストより後にはリテラルのアドレスブロックと特定のポートへの pass ルールだけを置く');
    // Every way out (or a path the guard cannot follow) must pass a firewall that drops by default and allow-lists FQDNs.
    const filtered = (a: Arrival) => a.firewalls.some((f) => breakoutFirewallProblem(ctx, f) === undefined);
    const bypassing = arrivalsFrom(ctx, subnets, (a) => (a.end.kind === 'internet' || a.end.kind === 'unknown') && !filtered(a));
    const subject = bi('an LGWAN subnet, without passing a breakout firewall,', 'LGWAN接続系のサブネットから、ブレイクアウト用ファイアウォールを通らずに');
    const findings = firewallGateFindings(ctx, this, bypassing, (f) => breakoutFirewallProblem(ctx, f),
      { firewall: bi('is no breakout filter', 'ブレイクアウトのフィルタにならない'), firewallFix: fix, subject, fix });
    // The rest of the Internet side is a way out too: the security cloud (its zone, a member of it elsewhere, a hub
    // subnet) leads to the internet, so reaching it around the breakout firewall bypasses the chain (semantics §10).
    const wayOut = outOrUnknown(ctx);
    findings.push(...pathFindings(ctx, this, arrivalsFrom(ctx, subnets, (a) => a.end.kind !== 'internet' && a.end.kind !== 'unknown' && wayOut(a) && !filtered(a)),
      subject, bi('remove the route toward the security cloud: LGWAN reaches the Internet side only through the breakout firewall',
        '自治体情報セキュリティクラウドへのルートを削除する。LGWAN接続系からインターネット側へは、ブレイクアウト用ファイアウォールを通ってだけ出る')));
    // A path the guard cannot follow past the breakout firewall reaches every segment (semantics §9: My Number, the
    // security cloud, other members): no rule of α′ would report it otherwise (LG-1 leaves α′'s way out to AP-1).
    findings.push(...pathFindings(ctx, this, arrivalsFrom(ctx, subnets, (a) => a.end.kind === 'unknown' && filtered(a)),
      bi('an LGWAN subnet, past the breakout firewall,', 'LGWAN接続系のサブネットから、ブレイクアウト用ファイアウォールを通った先で'), fix));
    // What runs in the breakout's own subnets (the firewall's, the NAT gateway's) leaves by their routes, which lead out
    // around the filter: those subnets hold the chain only (semantics §10).
    findings.push(...occupiedChainFindings(ctx, this, Segment.LGWAN, (a) => wayOut(a) && !filtered(a), (held) => ({
      subject: bi(`${held}, placed in a subnet of the breakout itself (firewall or NAT gateway), without passing a breakout firewall,`,
        `ブレイクアウト自体のサブネット（ファイアウォール・NAT ゲートウェイ用）に置かれた ${held} から、ブレイクアウト用ファイアウォールを通らずに`),
      fix: bi(`move ${held} to an LGWAN subnet whose default route goes to the breakout firewall endpoint: the subnets of the firewall endpoints and the NAT gateway hold nothing else`,
        `${held} を、デフォルトルートがブレイクアウト用ファイアウォールのエンドポイントへ向く LGWAN接続系のサブネットへ移す。ファイアウォールのエンドポイントと NAT ゲートウェイのサブネットには、ほかに何も置かない`),
    })));
    // The VPC resolver's recursion is a way out around the breakout chain (closed-dns.ts).
    findings.push(...closedResolverFindings(ctx, this, Segment.LGWAN));
    // So are AWS services that deliver data out of the segment, or into it, on their own (relays.ts).
    findings.push(...relayFindings(ctx, this, Segment.LGWAN));
    // A breakout firewall in LGWAN that passes by default is wrong even before a route uses it.
    for (const { firewall: fw } of breakoutFirewalls(ctx.graph)) {
      const problem = breakoutFirewallProblem(ctx, fw.id);
      if (problem) {
        findings.push(finding(this, nameOf(ctx.graph, fw.id), problem, breakoutFirewallFix(problem)));
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
    + 'conditions; no bare `*`, no TLD-wide wildcard, no entry the guard cannot read (a critical finding, never acknowledged); in case ア (license authentication and updates only) none is a communication tool\'s; '
    + 'every public address block a pass rule after the allow-list reaches lies in the published media ranges of an allow-listed catalogue service.',
  check(ctx) {
    const findings: Finding[] = [];
    // Case ア: 「Web会議システム、メールなどのアプリケーションを利用しない」 (MIC deck, seed 002): a place a communication tool
    // lists, and no catalogue service of another kind (an identity service's sign-in host), is outside the case.
    const caseA = ctx.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES;
    const tools = caseA ? CloudServiceCatalogue.all().filter((s) => s.category === CloudServiceCategory.COMMUNICATION_TOOL) : [];
    const otherKind = caseA
      ? CloudServiceCatalogue.all().filter((s) => s.category !== CloudServiceCategory.COMMUNICATION_TOOL).flatMap((s) => s.domains) : [];
    for (const g of nodesOf(ctx.graph, 'rule-group')) {
      if (g.domainList?.generatedRulesType !== 'ALLOWLIST') continue;
      for (const target of g.domainList.targets) {
        // Network Firewall writes subdomain patterns as ".example.com"; our notation is "*.example.com".
        const pattern = target.startsWith('.') ? `*${target}` : target;
        const syntax = target === '*' || target === '.' ? [bi('allows every domain', 'がすべてのドメインを許可する')]
          : domainProblems(pattern).map((p) => bi(p, jaOrEn(p)));
        // Only when the entry is well-formed does it make sense to ask whether it belongs to a qualifying service.
        const problems = syntax.length > 0 || QUALIFYING.has(target) ? syntax
          : [bi('is not a domain of a catalogue service that is ISMAP-listed or a security-update service meeting the three conditions',
            'は、ISMAP 登録のカタログサービスのドメインでも、3 条件を満たすセキュリティ更新サービスのドメインでもない')];
        const tool = syntax.length > 0 ? undefined
          : tools.find((t) => t.domains.some((d) => patternCovers(d, pattern)) && !otherKind.some((d) => patternCovers(d, pattern)));
        if (tool) {
          findings.push(finding(this, nameOf(ctx.graph, g.id),
            bi(`allow-list entry "${target}" is a domain of the communication tool ${tool.name}, but case ア allows only license authentication and updates`,
              `許可リストのエントリ "${target}" はコミュニケーションツール ${tool.name} のドメインだが、ケース（ア）で認められるのはライセンス認証とアップデートだけ`),
            bi('remove the domain, or build case イ or ウ with their controls (tenant restriction, file download restriction)',
              'ドメインを削除するか、ケース（イ）（ウ）とその対策（テナント制御、ファイルダウンロード制限）で構成する')));
        }
        for (const p of problems) {
          const f = finding(this, nameOf(ctx.graph, g.id), bi(`allow-list entry "${target}" ${p.en}`, `許可リストのエントリ "${target}" ${p.ja}`),
            bi('list the service\'s own domains (see CloudServiceCatalogue), never a wildcard over a whole TLD or everything; '
              + 'for an ISMAP-listed service of your own, acknowledge AP-2 with its ISMAP registration',
            'サービス自身のドメインを列挙する（CloudServiceCatalogue を参照）。TLD 全体やすべてを対象にするワイルドカードは使わない。'
              + '独自に利用する ISMAP 登録サービスは、その ISMAP 登録を理由として AP-2 を例外承認する'));
          // Critical, unlike a well-formed domain of one's own: "no bare `*`, no TLD-wide wildcards" admits no reason, and
          // an acknowledgement of AP-2 given for an own ISMAP-listed service (same rule, same scope) must not cover one. An
          // entry the guard cannot read (upper case, a trailing dot, a misplaced `*`) may be either (fail closed).
          findings.push(syntax.length > 0 ? { ...f, severity: Severity.CRITICAL } : f);
        }
      }
    }
    findings.push(...passedBlockFindings(this, ctx.graph));
    return findings;
  },
};

/**
 * AP-2 for the pass rules after a breakout firewall's allow-list (strict order): an IP allow-list reaches only what the
 * allow-listed services publish. Each public block they reach (private ones are no cloud service) must lie in the
 * published media ranges (`media.cidrs`) of a catalogue service one of whose domains the allow-list holds; any other
 * block is a destination the guideline's 接続先制限 does not name (a service of one's own: acknowledge AP-2 with its
 * ISMAP registration). What AP-1 already refuses (unreadable rules, a whole transport, more than a /8) is not repeated.
 */
function passedBlockFindings(rule: GuardRule, graph: TopologyGraph): Finding[] {
  const findings: Finding[] = [];
  for (const { policy } of breakoutFirewalls(graph)) {
    if (!policy || policy.ruleOrder !== 'STRICT_ORDER') continue;
    const refs = policy.ruleGroups.map((ref, i) => ({ ref, priority: policy.ruleGroupPriorities?.[i], group: deref<RuleGroupNode>(graph, ref) }));
    const lists = refs.filter((r) => r.group?.type === 'rule-group' && r.group.domainList?.generatedRulesType === 'ALLOWLIST');
    if (lists.length === 0 || lists.some((r) => r.priority === undefined)) continue;
    const allowAt = Math.min(...lists.map((r) => r.priority as number));
    const listed = lists.flatMap((r) => r.group!.domainList!.targets.map((t) => (t.startsWith('.') ? `*${t}` : t)));
    const published = CloudServiceCatalogue.all()
      .filter((s) => s.media !== undefined && s.domains.some((d) => listed.some((t) => patternsOverlap(d, t))))
      .flatMap((s) => s.media!.cidrs.map((c) => parsePrefix(c)).filter((p): p is Prefix => p !== undefined));
    for (const { ref, priority } of refs) {
      if (priority === undefined || priority <= allowAt || lists.some((r) => r.ref === ref)) continue;
      const after = afterAllowListPasses(graph, ref);
      if (!('blocks' in after)) continue;
      const outside = after.blocks.filter((b) => !NOT_PUBLIC.some((n) => n.family === b.family && n.lo <= b.lo && b.hi <= n.hi)
        && !published.some((p) => p.family === b.family && p.lo <= b.lo && b.hi <= p.hi));
      if (outside.length === 0) continue;
      const blocks = [...new Set(outside.map((b) => `${formatAddress(b.lo)}/${b.length}`))].join(', ');
      findings.push(finding(rule, nameOf(graph, ref.kind === 'node' ? ref.id : policy.id),
        bi(`a pass rule after the allow-list reaches ${blocks}, which no allow-listed catalogue service publishes as its ranges (接続先制限)`,
          `許可リストより後の pass ルールが ${blocks} へ通すが、許可リストにあるどのカタログサービスも、そのアドレス範囲として公開していない（接続先制限）`),
        bi('pass only to the media ranges the allow-listed services publish (CloudServiceCatalogue), or acknowledge AP-2 with the ISMAP registration of the service the blocks belong to',
          '許可リストにあるサービスが公開するメディアのアドレス範囲（CloudServiceCatalogue）だけへ通すか、そのブロックが属するサービスの ISMAP 登録を理由として AP-2 を例外承認する')));
    }
  }
  return findings;
}

/** A terminal pool's value of the subnet role tag MunicipalNetwork puts on every subnet it lays out. */
const TERMINAL_SUBNET_ROLE = 'terminals';

/**
 * AP-7: the breakout serves the terminal pools (業務端末) and the declared update clients only. Judged on the hosts the
 * guard knows: the hosts `MunicipalNetwork` declares on its stack, and resources labelled with a host role
 * (`jichitai:role`) that name their subnets. Any other such host whose subnet reaches the internet or a cloud service
 * (through the breakout or otherwise, or along a path the guard cannot follow) is a finding. So is any other LGWAN subnet
 * with such a way out that the guard cannot tell holds only breakout clients (fail closed: a subnet the user added and
 * routed to the breakout may hold servers).
 */
export const AP7: GuardRule = {
  id: 'AP-7',
  severity: Severity.ERROR,
  models: [NetworkModel.ALPHA_PRIME],
  term: 'ローカルブレイクアウトの利用端末',
  summary: 'Only the LGWAN terminal pools (業務端末) and declared security-update clients reach the breakout; every other declared or role-labelled '
    + 'LGWAN host sits in a subnet without a way out and outside what the security groups in front of a forward proxy admit; an LGWAN subnet '
    + 'with a way out must be known to hold only those (its block covered by declared terminal pools or update clients, the tag '
    + 'jichitai:subnet-role=terminals, or a forward proxy\'s own subnet, tagged jichitai:subnet-role=proxy and overlapped by no declared host, holding '
    + 'nothing but the proxy, booted at its template\'s latest version, and its load balancer): any other counts as holding '
    + 'servers (fail closed). What runs where the guard cannot place it (a labelled resource in a subnet, VPC, network interface or launch template '
    + 'outside the output, an unlabelled one in a literal subnet id or on a network interface outside the output) counts as in such a subnet (fail closed).',
  check(ctx) {
    const subnets = hostSubnetsIn(ctx, Segment.LGWAN);
    const findings: Finding[] = [];
    const fix = (what: string, whatJa: string) => bi(`move ${what} to an LGWAN subnet without a route to the breakout (MunicipalNetwork: a workload subnet, not a terminal subnet), `
      + 'or, for a host that must fetch security updates, name it in breakout.updateClients',
    `${whatJa}を、ブレイクアウトへのルートがない LGWAN接続系のサブネットへ移す（MunicipalNetwork では端末用サブネットではなく業務サブネット）か、`
      + 'セキュリティ更新を取得する必要のあるホストなら breakout.updateClients に挙げる');
    const onlyTerminals = bi('only terminal pools (業務端末) and update clients may use the breakout',
      'ローカルブレイクアウトを使えるのは業務端末（端末プール）とセキュリティ更新の取得元だけ');
    const isOut = outOrUnknown(ctx);
    const outOf = (subnet: SubnetNode) => ctx.reach.arrivals(subnet.id).find(isOut);
    // By the declaration itself, not its name: two members of a prefecture declare hosts of the same names.
    const flaggedHosts = new Set<DeclaredSegmentHost>();
    const flaggedLabels = new Set<string>();
    const flaggedSubnets = new Set<string>();
    // Declared hosts: every subnet whose block overlaps one of the host's ranges. Every part's hosts of the model (the
    // union, not the subnet's part's): a declared address says where a server is whoever declared it, and this only adds
    // findings, never excuses one.
    for (const host of (ctx.hosts ?? []).filter((h) => h.zone === Segment.LGWAN && !h.breakoutClient)) {
      const blocks = host.cidrs.map(parsePrefix).filter((b) => b !== undefined);
      for (const subnet of subnets) {
        const block = subnet.cidr === undefined ? undefined : parsePrefix(subnet.cidr);
        // A subnet whose block the guard cannot read may hold the host (fail closed).
        if (block && !blocks.some((b) => b.lo <= block.hi && block.lo <= b.hi)) continue;
        const out = outOf(subnet);
        if (!out) continue;
        flaggedHosts.add(host);
        flaggedSubnets.add(subnet.id);
        const end = endOf(ctx, out);
        findings.push(finding(this, nameOf(ctx.graph, subnet.id),
          bi(`declared host ${host.name} (${host.role}, ${host.cidrs.join(', ')}) lies in this subnet, which reaches ${end.en}; ${onlyTerminals.en}`,
            `宣言したホスト ${host.name}（${host.role}、${host.cidrs.join(', ')}）が、${spaced(end.ja)}に届くこのサブネットにある。${onlyTerminals.ja}`),
          fix(host.name, `ホスト ${host.name} `), ctx.reach.hops(out)));
        break;
      }
    }
    // Role-labelled resources (instances, Auto Scaling groups...) that name their subnets.
    const lgwan = new Map(subnets.map((s) => [s.id, s]));
    for (const label of nodesOf(ctx.graph, 'role-label')) {
      if (label.role === 'BUSINESS_TERMINALS') continue;
      for (const ref of label.subnets) {
        const subnet = ref.kind === 'node' ? lgwan.get(ref.id) : undefined;
        const out = subnet && outOf(subnet);
        if (!subnet || !out) continue;
        flaggedLabels.add(label.id);
        flaggedSubnets.add(subnet.id);
        const end = endOf(ctx, out);
        findings.push(finding(this, nameOf(ctx.graph, label.resource),
          bi(`labelled ${label.role}, it sits in ${nameOf(ctx.graph, subnet.id)}, which reaches ${end.en}; ${onlyTerminals.en}`,
            `ラベル ${label.role} のリソースが、${spaced(end.ja)}に届く ${nameOf(ctx.graph, subnet.id)} にある。${onlyTerminals.ja}`),
          fix('it', 'このリソース'), ctx.reach.hops(out)));
        break;
      }
    }
    // What runs where the guard cannot place it — a labelled resource in a subnet, VPC, network interface or launch template
    // outside the output (or the default VPC), an unlabelled one in a subnet outside the output (a literal subnet-… id) — may
    // sit in an LGWAN subnet routed to the breakout, one that no terminal pool, update client or subnet tag accounts for:
    // judged so (fail closed, semantics §10), as PL-1 and BP-1 judge a label they cannot place.
    const placeIt = bi('place it by a reference to a subnet of the same app (Ref / GetAtt, or a Terraform reference), not a literal id or a value known '
      + 'only at deploy time, so that the guard can tell whether its subnet reaches the breakout; servers and systems of the LGWAN segment keep no way out',
    'ガードがそのサブネットからブレイクアウトに届くかを判断できるよう、リテラルの ID やデプロイ時に決まる値ではなく、同じアプリのサブネットを参照して置く'
      + '（Ref / GetAtt、または Terraform の参照）。LGWAN接続系のサーバ・システムは外へ出る経路を持たない');
    const labelled = new Set<string>();
    for (const label of nodesOf(ctx.graph, 'role-label')) {
      labelled.add(label.resource);
      if (label.role === 'BUSINESS_TERMINALS' || flaggedLabels.has(label.id)) continue;
      const where = labelUnplacedIn(ctx.graph, label, Segment.LGWAN);
      if (!where) continue;
      flaggedLabels.add(label.id);
      findings.push(finding(this, nameOf(ctx.graph, label.resource),
        bi(`labelled ${label.role}, it sits ${where.en}, and so perhaps in an LGWAN subnet that reaches the breakout; ${onlyTerminals.en} (fail closed)`,
          `ラベル ${label.role} のリソースが${where.ja}。ブレイクアウトに届く LGWAN接続系のサブネットにあるかもしれない。${onlyTerminals.ja}（フェイルクローズ）`),
        placeIt));
    }
    for (const o of nodesOf(ctx.graph, 'occupant')) {
      if (!o.outside || labelled.has(o.resource) || LOAD_BALANCERS.has(o.resourceType)) continue;
      const { property, subnet, via } = o.outside[0];
      // On a network interface the output does not hold, its subnet is one the guard cannot tell either.
      const where = via ? bi(`on network interface ${subnet} (${property}), which the guard cannot place: it may be in an LGWAN subnet`,
        `ネットワークインターフェース ${subnet}（${property}）上で動く。ブレイクアウトに届く LGWAN接続系のサブネットにあるかもしれず`)
        : bi(`in subnet ${subnet} (${property}), which the guard cannot place: it may be an LGWAN subnet`,
          `サブネット ${subnet}（${property}）で動く。ブレイクアウトに届く LGWAN接続系のサブネットかもしれず`);
      findings.push(finding(this, nameOf(ctx.graph, o.resource),
        bi(`${o.resourceType} ${nameOf(ctx.graph, o.resource)} runs ${where.en} `
          + `that reaches the breakout, and nothing says that what runs there is a terminal pool (業務端末) or update client; ${onlyTerminals.en} (fail closed)`,
        `${o.resourceType} ${nameOf(ctx.graph, o.resource)} が、ガードが位置を特定できない${where.ja}、`
          + `そこで動くものが業務端末（端末プール）やセキュリティ更新の取得元だとは分からない。${onlyTerminals.ja}（フェイルクローズ）`),
        placeIt));
    }
    // Every other subnet with a way out must be known to hold only breakout clients (fail closed): a subnet the user added
    // and routed to the breakout holds whatever runs there — servers too — unless something says otherwise. Known are: a
    // block covered by declared terminal pools / update clients, a subnet tagged as a terminal pool (the tag
    // MunicipalNetwork puts on its terminal subnets, a declaration the report names), and a forward proxy's own subnets
    // (the proxy relays; who may use it is judged below).
    // A subnet is covered by the clients declared where it lies (`declaredAt`: a prefecture's member declares its own):
    // another member's declaration of terminals at its addresses does not vouch for what it holds.
    const clientBlocksOf = oncePer((hosts: readonly DeclaredSegmentHost[]) => hosts.filter((h) => h.zone === Segment.LGWAN && h.breakoutClient)
      .flatMap((h) => h.cidrs.map(parsePrefix)).filter((b) => b !== undefined).sort(byLo));
    const allProxies = proxyClients(ctx.graph);
    const proxyPlaces = new Set(allProxies.flatMap((c) => proxySubnets(ctx.graph, c.proxy) ?? []).map((s) => s.id));
    const fleet = proxyFleet(ctx.graph, allProxies.map((c) => c.proxy));
    const proxyOnly = proxyOnlySubnets(ctx);
    for (const subnet of subnets) {
      if (flaggedSubnets.has(subnet.id) || subnet.tags[SUBNET_ROLE_TAG] === TERMINAL_SUBNET_ROLE || proxyOnly.has(subnet.id)) continue;
      // A proxy's subnet that holds something else too (an occupant that is neither the proxy's instances nor a load
      // balancer): that may be a server using the proxy's way out.
      const besides = proxyPlaces.has(subnet.id)
        ? occupantsOf(ctx.graph, subnet.id).filter((o) => !fleet.has(o.resource) && !LOAD_BALANCERS.has(o.resourceType)) : [];
      const block = subnet.cidr === undefined ? undefined : parsePrefix(subnet.cidr);
      const clientBlocks = clientBlocksOf(declaredAt(ctx, nameOf(ctx.graph, subnet.id)).hosts ?? []);
      if (block && covered(clientBlocks.filter((b) => b.family === block.family), block)) continue;
      const out = outOf(subnet);
      if (!out) continue;
      const end = endOf(ctx, out);
      const why = block ? bi(`no declared terminal pool (BUSINESS_TERMINALS) or update client covers its block ${subnet.cidr}`,
        `ブロック ${subnet.cidr} を覆う宣言済みの業務端末（BUSINESS_TERMINALS）・セキュリティ更新の取得元がない`)
        : bi('its block cannot be read, so what it holds is unknown', 'ブロックが読めず、何を収容するか分からない');
      const held = occupantsInWords(ctx.graph, besides);
      const proxy = besides.length > 0 ? bi(`it holds a forward proxy, but also ${held}`, `フォワードプロキシのほかに ${held} がある`)
        : bi('it holds no forward proxy', 'フォワードプロキシもない');
      findings.push(finding(this, nameOf(ctx.graph, subnet.id),
        bi(`this LGWAN subnet reaches ${end.en}, and the guard cannot tell that it holds only terminal pools (業務端末) or update clients: `
          + `${why.en}, it is not tagged ${SUBNET_ROLE_TAG}=${TERMINAL_SUBNET_ROLE} and ${proxy.en} (fail closed)`,
        `この LGWAN接続系のサブネットは${spaced(end.ja)}に届くが、業務端末（端末プール）・セキュリティ更新の取得元だけを収容するとは判断できない: `
          + `${why.ja}。タグ ${SUBNET_ROLE_TAG}=${TERMINAL_SUBNET_ROLE} がなく、${proxy.ja}（フェイルクローズ）`),
        bi('remove its route to the breakout (servers and systems of the LGWAN segment keep no way out), or declare what it holds: hosts with role '
          + `BUSINESS_TERMINALS or in breakout.updateClients whose blocks cover the subnet, or the tag ${SUBNET_ROLE_TAG}=${TERMINAL_SUBNET_ROLE} on a subnet `
          + 'that holds business terminals only',
        'ブレイクアウトへのルートを外す（LGWAN接続系のサーバ・システムは外へ出る経路を持たない）か、収容するものを宣言する: サブネットを覆うブロックの'
          + `ロール BUSINESS_TERMINALS のホストまたは breakout.updateClients、あるいは業務端末だけを収容するサブネットにタグ ${SUBNET_ROLE_TAG}=${TERMINAL_SUBNET_ROLE}`),
        ctx.reach.hops(out)));
    }
    // A forward proxy relays to the breakout whatever its own subnet's routes are: a host its security groups (or those
    // of a load balancer in front of it) admit uses the breakout through it (semantics §7, forward proxies). One finding
    // per host: those whose own subnet already reaches out are named above.
    // Only a proxy whose relayed traffic can take the breakout counts (`relaysToBreakout`): a prefecture hub's proxy in
    // the same graph relays through the hub's own firewall and NAT, and its way back into the members (the hub transit
    // gateway) meets only their Internet segments: what its security groups admit does not lead to the breakout.
    const proxies = allProxies.filter((c) => relaysToBreakout(ctx, c.proxy));
    // Every part's hosts again (the union): a server at an address the proxy admits may use it, whoever declared it.
    for (const host of (ctx.hosts ?? []).filter((h) => h.zone === Segment.LGWAN && !h.breakoutClient && !flaggedHosts.has(h))) {
      const used = proxies.find((c) => mayUse(c, host.cidrs));
      if (!used) continue;
      const clients = clientsText(used);
      findings.push(finding(this, nameOf(ctx.graph, used.proxy.id),
        bi(`declared host ${host.name} (${host.role}, ${host.cidrs.join(', ')}) may use the forward proxy ${used.proxy.id}, which relays to the breakout: `
          + `${clients.en}`,
        `宣言したホスト ${host.name}（${host.role}、${host.cidrs.join(', ')}）が、ブレイクアウトへ中継するフォワードプロキシ ${used.proxy.id} を使えるおそれがある: ${clients.ja}`),
        bi('admit only the terminal pools (業務端末) and update clients in the security groups of the proxy and of the load balancer in front of it '
          + '(breakout.tenantProxy plans them from the terminal subnets), or move the host out of the admitted blocks',
        'プロキシと前段のロードバランサーのセキュリティグループでは、業務端末（端末プール）とセキュリティ更新の取得元だけを受け入れる'
          + '（breakout.tenantProxy は端末用サブネットからこれを作る）か、受け入れる範囲の外へホストを移す')));
    }
    for (const label of nodesOf(ctx.graph, 'role-label').filter((l) => l.role !== 'BUSINESS_TERMINALS' && !flaggedLabels.has(l.id))) {
      const cidrs = label.subnets.map((r) => deref<SubnetNode>(ctx.graph, r)).filter((x) => x?.type === 'subnet' && ctx.reach.segmentOf(x.id) === Segment.LGWAN)
        .map((x) => x!.cidr ?? '');
      const used = cidrs.length > 0 ? proxies.find((c) => mayUse(c, cidrs)) : undefined;
      if (!used) continue;
      const clients = clientsText(used);
      findings.push(finding(this, nameOf(ctx.graph, label.resource),
        bi(`labelled ${label.role}, it sits in a subnet the forward proxy ${used.proxy.id} admits as a client, and the proxy relays to the breakout: `
          + `${clients.en}`,
        `ラベル ${label.role} のリソースが、フォワードプロキシ ${used.proxy.id} がクライアントとして受け入れるサブネットにあり、プロキシはブレイクアウトへ中継する: ${clients.ja}`),
        bi('admit only the terminal pools (業務端末) and update clients in the security groups of the proxy and of the load balancer in front of it, '
          + 'or move the resource to a subnet they do not admit',
        'プロキシと前段のロードバランサーのセキュリティグループでは業務端末（端末プール）とセキュリティ更新の取得元だけを受け入れるか、受け入れない範囲のサブネットへリソースを移す')));
    }
    return findings;
  },
};
