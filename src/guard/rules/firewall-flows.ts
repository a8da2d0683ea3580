/**
 * Whether an AWS Network Firewall on a declared flow's path lets the flow through (FLOW-1): the flow's connection — its
 * protocol, the client's blocks and ephemeral ports, the server's blocks and the flow's ports — judged against the
 * firewall's policy as the other rules read it (AP-1, IN-1, SC-2: `groupRules`, `headerFields`, `ruleOptions`,
 * `homeNet`, the stateless engine's actions), never by a second parser. FLOW-1 is the positive rule: the flow must be
 * shown to pass; what surely drops it is named, and so is what the guard cannot tell.
 *
 * - The stateless engine (every packet of the direction that crosses the firewall, before the stateful engine): the
 *   first rule that matches decides by its standard action; no rule: the default actions, and for UDP the fragment
 *   default actions too (a datagram may be fragmented). In one group rules run by priority, so a rule that surely matches (every attribute
 *   holds the packets, no TCP flag condition) ends the walk; the order of several groups (their references'
 *   priorities) is not read, so then any rule the packets may meet may decide. The packets surely pass when every
 *   outcome they may meet is `aws:pass` or `aws:forward_to_sfe` (then the stateful engine must pass them), and are
 *   surely dropped when every one is `aws:drop`.
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html
 *   https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_MatchAttributes.html
 * - The stateful engine judges the connection on its first packet (the request) and passes or drops the whole flow:
 *   a `pass` rule "stops inspection of the flow" (Suricata: "the entire flow will be passed"), so its replies pass.
 *   Rules run by group priority and then in the order written under STRICT_ORDER, and every pass rule before every
 *   drop (`drop`, `reject…`) under the default action order; the first rule the request may match decides: surely,
 *   when its header surely holds the request (protocol `ip` or the flow's, the address fields with `$HOME_NET` /
 *   `$EXTERNAL_NET` as `homeNet` reads them, the port fields, and options that only name the rule or say `to_server`);
 *   when it only may (an application-layer protocol, a content or flow-state option, a negation or variable the guard
 *   cannot bound), the guard cannot tell. No rule: the stateful default actions (`aws:drop_strict` drops what no rule
 *   passed, `aws:drop_established` the connection once established), and under a default that drops nothing the
 *   replies are judged the same way. A domain list decides TLS and HTTP by host name, which a declared flow (blocks, not
 *   names) does not give: an allow-list that may apply to a TCP flow leaves the guard unable to tell. AWS managed
 *   groups and deny-lists hold drop signatures and denied domains only, which do not block a clean flow ("AWS managed
 *   rule groups ... threat signatures", a deny-list "blocks traffic to the listed domains").
 *   A rule order the guard cannot read: both orders must agree.
 * - A firewall is judged on the direction whose path crosses it (`FlowConnection.crossing`): its stateless engine sees
 *   only that direction's packets, so only they meet its stateless rules; a direction that crosses another firewall, or
 *   none, is judged there. The stateful engine is judged on the connection whenever the crossing direction is forwarded
 *   to it. A pass of the crossing direction by the stateless engine alone (`aws:pass`, nothing forwarded) is
 *   `statelessOnly`: the firewall keeps no state, so the other direction may take another path. Any other pass is the
 *   stateful engine's, which tracks the connection only when both directions meet the same endpoint (FLOW-1's
 *   `symmetryProblems`; https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html).
 * - A reply whose request goes around the firewall (`FlowConnection.alone`) meets its stateful engine without the
 *   request, so the request's header decides nothing there: the engine judges what it sees. A TCP reply is a connection
 *   it did not see begin (no SYN), which the stream exception policy handles as one broken midstream: `DROP` (AWS's
 *   default) and `REJECT` drop it, a value the guard cannot read leaves it unknown, and under `CONTINUE` the rules apply
 *   "without context" — a UDP reply, with no stream to break, likewise — to the reply's own header (source = the
 *   server), as the first packets of a flow: a `flow` direction option may match them either way (the engine may take
 *   the first packet it sees for the client's), `aws:drop_strict` drops what no rule passes, and what
 *   `aws:drop_established` does with such a flow the guard cannot tell. A pass so shown still leaves FLOW-1's refusal of
 *   the asymmetric routing itself (fail closed).
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/stream-exception-policy.html
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
 *   https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-list.html
 *   https://docs.suricata.io/en/latest/rules/intro.html#action
 */
import { parsePrefix } from '../address-space';
import { deref, FirewallNode, FirewallPolicyNode, Ref, RuleGroupNode, StatelessRule, TopologyGraph } from '../graph';
import { MAX_PORT } from '../header-set';
import { jaOrEn } from '../ja-engine';
import { bi, Bilingual } from '../rule';
import {
  Addresses, addressesText, addressLiteral, BLOCKING_ACTIONS, complement, DESCRIPTIVE_OPTIONS, EVERY_ADDRESS, externalNetSurely, fieldAddresses,
  groupRules, headerFields, holdsAll, homeNet, ipSetAddresses, isPassRule, listItems, merged, portItems, ruleOptions,
} from './alpha-prime';
import { matchText, statelessOutcome } from './stateless-engine';
import { AWS_MANAGED_RULE_GROUP_ARN } from '../../model/threat-signatures';

/**
 * A declared flow's connection as a firewall sees it: the client's and the server's addresses, the protocol and the
 * server's ports, and the direction whose path crosses the firewall.
 */
export interface FlowConnection {
  readonly protocol: 'tcp' | 'udp';
  readonly clients: Addresses;
  readonly servers: Addresses;
  readonly fromPort: number;
  readonly toPort: number;
  /**
   * The direction whose packets cross the firewall (its stateless engine sees them only): FLOW-1 asks once per path,
   * and a firewall on both directions' paths is asked once for each.
   */
  readonly crossing: 'request' | 'reply';
  /**
   * The crossing direction is the reply, and no request path AWS may pair with it crosses the firewall (asymmetric
   * routing): its stateful engine meets the reply without the request, as the first packets of a flow (see the file's
   * comment).
   */
  readonly alone?: boolean;
}

/**
 * A firewall's answer for a connection's crossing direction: it passes it, surely drops it (and by what), or the guard
 * cannot tell (and why). A pass by the stateless engine alone (`statelessOnly`: the crossing direction passes, nothing
 * goes to the stateful engine) asks nothing of the other direction's path; any other pass is the stateful engine's,
 * which must see both directions (FLOW-1).
 */
export type FirewallVerdict =
  | { readonly passes: true; readonly statelessOnly?: true }
  | { readonly drops: Bilingual }
  | { readonly unknown: Bilingual };

/** The client's ephemeral ports, as FLOW-1 takes them for the replies (flows.ts `EPHEMERAL`). */
const EPHEMERAL: [number, number] = [32768, MAX_PORT];

const PASSES: FirewallVerdict = { passes: true };
const STATELESS_PASS: FirewallVerdict = { passes: true, statelessOnly: true };

/** One direction's packets: where they come from and go to, on which ports. */
interface Packets {
  readonly protocol: 'tcp' | 'udp';
  readonly sources: Addresses;
  readonly destinations: Addresses;
  readonly sourcePorts: [number, number];
  readonly destinationPorts: [number, number];
  /** The request (the client's first packet, `to_server`), or the reply. */
  readonly request: boolean;
  /**
   * The reply met by the stateful engine without the request: the first packets of a flow it sees, which it may take as
   * going to the server or to the client (a `flow` direction option may match them either way).
   */
  readonly alone?: boolean;
}

const VERDICTS = new WeakMap<TopologyGraph, Map<string, FirewallVerdict>>();

/** A firewall's verdict on a connection, kept per graph by firewall, direction, protocol, ports and blocks (FLOW-1 asks once per path). */
export function firewallVerdict(graph: TopologyGraph, firewallId: string, c: FlowConnection): FirewallVerdict {
  let known = VERDICTS.get(graph);
  if (!known) VERDICTS.set(graph, known = new Map());
  const key = `${firewallId}|${c.crossing}${c.alone ? ' alone' : ''}|${c.protocol}|${c.fromPort}-${c.toPort}|${c.clients.map((x) => `${x.lo}-${x.hi}`).join(',')}|${c.servers.map((x) => `${x.lo}-${x.hi}`).join(',')}`;
  let verdict = known.get(key);
  if (!verdict) known.set(key, verdict = judgeConnection(graph, firewallId, c));
  return verdict;
}

function judgeConnection(graph: TopologyGraph, firewallId: string, c: FlowConnection): FirewallVerdict {
  const fw = graph.nodes.get(firewallId) as FirewallNode | undefined;
  const policy = deref<FirewallPolicyNode>(graph, fw?.policy);
  if (policy?.type !== 'firewall-policy') {
    return { unknown: bi(`the policy of firewall ${firewallId} is not in the synthesized output, so its rules cannot be read`, `ファイアウォール ${firewallId} のポリシーが合成結果になく、ルールを読めない`) };
  }
  const ports: [number, number] = [c.fromPort, c.toPort];
  const { protocol, clients, servers } = c;
  const request: Packets = { protocol, sources: clients, destinations: servers, sourcePorts: EPHEMERAL, destinationPorts: ports, request: true };
  const reply: Packets = { protocol, sources: servers, destinations: clients, sourcePorts: ports, destinationPorts: EPHEMERAL, request: false };
  // The stateless engine sees the crossing direction's packets only: the other direction's are judged where they cross.
  const outcome = statelessVerdict(graph, policy, c.crossing === 'request' ? request : reply);
  if ('drops' in outcome || 'unknown' in outcome) return outcome;
  if (!outcome.stateful) return STATELESS_PASS;
  // The reply alone (asymmetric routing): the stateful engine judges the packets it sees, not the request it never saw.
  const alone = c.crossing === 'reply' && c.alone === true;
  if (alone) {
    const midstream = midstreamVerdict(policy, reply);
    if (midstream) return midstream;
  }
  const seen = alone ? { ...reply, alone: true } : undefined;
  if (policy.ruleOrder !== 'unknown') return statefulVerdict(graph, firewallId, policy, policy.ruleOrder === 'STRICT_ORDER', request, reply, seen);
  // A rule order the guard cannot read: the flow is shown to pass, or to be dropped, only when both orders agree.
  const [strict, actionOrder] = [true, false].map((s) => statefulVerdict(graph, firewallId, policy, s, request, reply, seen));
  if ('passes' in strict && 'passes' in actionOrder) return PASSES;
  if ('drops' in strict && 'drops' in actionOrder) return actionOrder;
  const why = 'passes' in strict ? actionOrder : strict;
  const text = 'drops' in why ? why.drops : 'unknown' in why ? why.unknown : bi('', '');
  return {
    unknown: bi(`the rule order of firewall ${firewallId} cannot be read, and under one of the two orders ${text.en}`,
      `ファイアウォール ${firewallId} のルール順序を読めず、二つの順序の一方では ${text.ja}`),
  };
}

/**
 * What the stateful engine does with a TCP reply it meets without the request: a connection it did not see begin (no
 * SYN), which its stream exception policy handles as one broken midstream — `DROP` (AWS's default) and `REJECT` drop
 * what follows, `CONTINUE` applies the rules to it without the connection's context (then undefined: the rules and the
 * default judge the reply's packets as they are); a policy the guard cannot read leaves it unknown. UDP has no stream to
 * break: the reply is the first datagram of a flow of its own (undefined).
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stream-exception-policy.html
 */
function midstreamVerdict(policy: FirewallPolicyNode, reply: Packets): FirewallVerdict | undefined {
  if (reply.protocol !== 'tcp' || policy.streamExceptionPolicy === 'CONTINUE') return undefined;
  const way = direction(reply);
  const [en, ja] = [`${way.en} meets its stateful engine without the request (asymmetric routing): a TCP connection it did not see begin`,
    `${way.ja}が要求なしにステートフルエンジンに届く（非対称ルーティング）: 開始を見ていない TCP 接続で、`];
  if (policy.streamExceptionPolicy === 'unknown') {
    return {
      unknown: bi(`${en}, and what its stream exception policy (a value the guard cannot read) does with one broken midstream cannot be told`,
        `${ja}途中で切れた接続をストリーム例外ポリシー（ガードが読めない値）がどう扱うか判断できない`),
    };
  }
  const value = policy.streamExceptionPolicy;
  return {
    drops: bi(`${en}, which its stream exception policy ${value}${value === 'DROP' ? ' (AWS\'s default)' : ''} drops as one broken midstream`,
      `${ja}ストリーム例外ポリシー ${value}${value === 'DROP' ? '（AWS の既定）' : ''}が途中で切れた接続として破棄する`),
  };
}

/** What the stateless engine does with one direction's packets (see the file's comment). */
function statelessVerdict(
  graph: TopologyGraph, policy: FirewallPolicyNode, p: Packets,
): { stateful: boolean } | { drops: Bilingual } | { unknown: Bilingual } {
  const way = direction(p);
  type Outcome = { outcome: 'pass' | 'drop' | 'sfe' | 'unknown'; what: Bilingual };
  const outcomes: Outcome[] = [];
  // The groups that hold a rule the packets may meet, with those rules.
  const meeting: { group: RuleGroupNode; rules: StatelessRule[] }[] = [];
  for (const ref of policy.statelessRuleGroups) {
    const group = ref.kind === 'node' ? deref<RuleGroupNode>(graph, ref) : undefined;
    if (group?.type !== 'rule-group' || group.statelessRules === undefined) {
      const name = refName(ref);
      outcomes.push({ outcome: 'unknown', what: bi(`stateless rule group ${name}, whose rules the guard cannot read`, `ルールを読めないステートレスのルールグループ ${jaOrEn(name)}`) });
      continue;
    }
    const rules = group.statelessRules.filter((r) => statelessMatches(r, p) !== 'no');
    if (rules.length > 0) meeting.push({ group, rules });
  }
  const ruleOutcome = (group: RuleGroupNode, rule: StatelessRule): Outcome => {
    const match = matchText(rule.match);
    return {
      outcome: statelessOutcome(rule.actions),
      what: bi(`stateless rule group ${group.id}'s rule (priority ${rule.priority ?? 'unreadable'}, ${match.en}; actions: ${rule.actions.join(', ') || 'none'})`,
        `ステートレスのルールグループ ${group.id} のルール（優先度 ${rule.priority ?? '読めない'}、${match.ja}、アクション: ${jaOrEn(rule.actions.join(', ') || 'なし')}）`),
    };
  };
  // One group's rules run in their priority order, the first that matches deciding; the order of several groups (their
  // references' priorities) is not read, so then any rule the packets may meet may decide.
  let decided = false;
  const only = meeting.length === 1 && outcomes.length === 0 ? meeting[0] : undefined;
  if (only && only.rules.every((r) => r.priority !== undefined)) {
    for (const rule of [...only.rules].sort((a, b) => a.priority! - b.priority!)) {
      outcomes.push(ruleOutcome(only.group, rule));
      if (statelessMatches(rule, p) === 'sure') {
        decided = true;
        break;
      }
    }
  } else {
    for (const m of meeting) for (const rule of m.rules) outcomes.push(ruleOutcome(m.group, rule));
  }
  if (!decided) {
    outcomes.push({
      outcome: statelessOutcome(policy.statelessDefaultActions),
      what: bi(`the stateless default actions (${policy.statelessDefaultActions.join(', ') || 'none'})`,
        `ステートレスのデフォルトアクション（${jaOrEn(policy.statelessDefaultActions.join(', ') || 'なし')}）`),
    });
  }
  if (p.protocol === 'udp') {
    outcomes.push({
      outcome: statelessOutcome(policy.statelessFragmentDefaultActions),
      what: bi(`the stateless fragment default actions (${policy.statelessFragmentDefaultActions.join(', ') || 'none'})`,
        `ステートレスのフラグメントのデフォルトアクション（${jaOrEn(policy.statelessFragmentDefaultActions.join(', ') || 'なし')}）`),
    });
  }
  if (outcomes.every((o) => o.outcome === 'drop')) {
    const last = outcomes[outcomes.length - 1];
    return { drops: bi(`${way.en}: dropped by ${last.what.en} (aws:drop)`, `${way.ja}: ${last.what.ja}が破棄する（aws:drop）`) };
  }
  const doubt = outcomes.find((o) => o.outcome === 'drop' || o.outcome === 'unknown');
  if (doubt) {
    return {
      unknown: doubt.outcome === 'drop'
        ? bi(`${way.en}: perhaps dropped by ${doubt.what.en}, which may match them (aws:drop)`, `${way.ja}: ${doubt.what.ja}が一致して破棄するおそれがある（aws:drop）`)
        : bi(`${way.en}: what ${doubt.what.en} does with them cannot be told`, `${way.ja}: ${doubt.what.ja}がどう扱うか判断できない`),
    };
  }
  return { stateful: outcomes.some((o) => o.outcome === 'sfe') };
}

/**
 * How a stateless rule meets the packets: `no` when an attribute is surely apart from them, `sure` when every attribute
 * surely holds them all (an empty attribute matches everything; a TCP flag condition matches some packets of a
 * connection only), else `may` (an attribute the guard cannot read may match).
 */
function statelessMatches(rule: StatelessRule, p: Packets): 'sure' | 'may' | 'no' {
  const m = rule.match;
  const number = String(p.protocol === 'tcp' ? 6 : 17);
  const protocol = m.protocols.length === 0 || m.protocols.includes(number) ? 'sure' : m.protocols.every((x) => /^\d+$/.test(x)) ? 'no' : 'may';
  const addresses = (list: readonly string[], set: Addresses): 'sure' | 'may' | 'no' => {
    if (list.length === 0) return 'sure';
    const blocks = list.map((x) => parsePrefix(x));
    const read = blocks.filter((b) => b !== undefined);
    if (holdsAll(merged(read), set)) return 'sure';
    return read.length === blocks.length && !overlapsAddresses(read, set) ? 'no' : 'may';
  };
  const ports = (list: readonly string[], [lo, hi]: [number, number]): 'sure' | 'may' | 'no' => {
    if (list.length === 0) return 'sure';
    const ranges = list.map((x) => /^(\d+)(?:-(\d+))?$/.exec(x)).map((r) => (r ? [Number(r[1]), Number(r[2] ?? r[1])] as [number, number] : undefined));
    const read = ranges.filter((r) => r !== undefined);
    let next = lo;
    for (const [a, b] of [...read].sort((x, y) => x[0] - y[0])) if (a <= next && b >= next) next = b + 1;
    if (next > hi) return 'sure';
    return read.length === ranges.length && !read.some(([a, b]) => a <= hi && b >= lo) ? 'no' : 'may';
  };
  return worst([
    protocol, addresses(m.sources, p.sources), addresses(m.destinations, p.destinations),
    ports(m.sourcePorts, p.sourcePorts), ports(m.destinationPorts, p.destinationPorts),
    m.tcpFlags.length > 0 ? 'may' : 'sure',
  ]);
}

/** A decisive stateful rule (or a group the guard cannot read) in evaluation order. */
interface Decider {
  /** `pass`, `block`, or `either` (a group that may do both). */
  readonly action: 'pass' | 'block' | 'either';
  /** How the rule meets the packets: surely, perhaps, or not at all. */
  readonly match: (p: Packets) => 'sure' | 'may' | 'no';
  readonly what: Bilingual;
  readonly priority?: number;
  readonly group: number;
}

/** What the stateful engine does with the connection (see the file's comment). */
function statefulVerdict(
  graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, strict: boolean, request: Packets, reply: Packets, alone?: Packets,
): FirewallVerdict {
  const deciders = policy.ruleGroups.flatMap((ref, i) => groupDeciders(graph, firewallId, policy, ref, i));
  let ordered: Decider[];
  if (strict) {
    // Unreadable priorities leave the order unknown: a group of them that may decide leaves the verdict unknown.
    const loose = deciders.find((d) => d.priority === undefined && (d.match(request) !== 'no' || d.match(reply) !== 'no'));
    if (loose) {
      return {
        unknown: bi(`firewall ${firewallId} evaluates its rule groups in strict order, and the priority of the group of ${loose.what.en} cannot be read`,
          `ファイアウォール ${firewallId} はルールグループを STRICT_ORDER で評価するが、${loose.what.ja}を含むグループの優先度を読めない`),
      };
    }
    ordered = deciders.filter((d) => d.priority !== undefined).sort((a, b) => a.priority! - b.priority! || a.group - b.group);
  } else {
    // Every pass rule before every drop (a group that may do both runs among the passes: it may pass).
    ordered = [...deciders.filter((d) => d.action !== 'block'), ...deciders.filter((d) => d.action === 'block')];
  }
  if (alone) return aloneVerdict(policy, ordered, alone);
  const first = decide(ordered, request);
  if (first) return first;
  const defaults = policy.statefulDefaultActions;
  const drop = defaults.find((a) => a === 'aws:drop_strict' || a === 'aws:drop_established');
  if (drop) {
    return {
      drops: bi(`no rule passes the request, and the stateful default action ${drop} drops it${drop === 'aws:drop_established' ? ' once the connection is established' : ''}`,
        `要求を通すルールがなく、ステートフルのデフォルトアクション ${drop} が${drop === 'aws:drop_established' ? '接続の確立後に' : ''}破棄する`),
    };
  }
  const odd = defaults.find((a) => a !== 'aws:alert_strict' && a !== 'aws:alert_established');
  if (odd) {
    return {
      unknown: bi(`no rule passes the request, and what the stateful default action ${odd} does cannot be told`,
        `要求を通すルールがなく、ステートフルのデフォルトアクション ${jaOrEn(odd)} がどう扱うか判断できない`),
    };
  }
  // No rule matched the request and nothing drops by default: the replies meet the rules as packets of their own.
  return decide(ordered, reply) ?? PASSES;
}

/**
 * What the stateful engine does with a reply it meets without the request (a UDP reply, or a TCP one under the stream
 * exception policy CONTINUE): the rules and the default judge the reply's packets by their own header (source = the
 * server), as the first packets of a flow. `aws:drop_strict` drops what no rule passed ("as would the aws:drop_strict
 * default action"); whether `aws:drop_established` takes such a flow for established the guard cannot tell.
 */
function aloneVerdict(policy: FirewallPolicyNode, ordered: readonly Decider[], reply: Packets): FirewallVerdict {
  const first = decide(ordered, reply);
  if (first) return first;
  const defaults = policy.statefulDefaultActions;
  const way = direction(reply);
  const [en, ja] = [`no rule passes ${way.en}, which its stateful engine meets without the request (asymmetric routing) and judges by its own header,`,
    `ステートフルエンジンが要求なしに受け取り（非対称ルーティング）、それ自身のヘッダーで判断する${way.ja}を通すルールがなく、`];
  if (defaults.includes('aws:drop_strict')) return { drops: bi(`${en} and the stateful default action aws:drop_strict drops it`, `${ja}ステートフルのデフォルトアクション aws:drop_strict が破棄する`) };
  const odd = defaults.find((a) => a !== 'aws:alert_strict' && a !== 'aws:alert_established');
  if (odd) {
    return {
      unknown: bi(`${en} and what the stateful default action ${odd} does with a flow whose request it did not see cannot be told`,
        `${ja}要求を見ていない通信をステートフルのデフォルトアクション ${jaOrEn(odd)} がどう扱うか判断できない`),
    };
  }
  return PASSES;
}

/** The first decider the packets may meet, as a verdict; undefined when none may. */
function decide(ordered: readonly Decider[], p: Packets): FirewallVerdict | undefined {
  const way = direction(p);
  for (const d of ordered) {
    const match = d.match(p);
    if (match === 'no') continue;
    if (match === 'sure' && d.action === 'pass') return PASSES;
    if (match === 'sure' && d.action === 'block') return { drops: bi(`${way.en}: dropped by ${d.what.en}`, `${way.ja}: ${d.what.ja}が破棄する`) };
    return { unknown: bi(`${way.en}: ${d.what.en} may or may not match them, and decides (the guard cannot tell which)`, `${way.ja}: ${d.what.ja}が一致するおそれがある（一致するかガードには判断できない）`) };
  }
  return undefined;
}

/** A rule group's deciders: its pass and blocking rules, or the group as one `either` when the guard cannot read it. */
function groupDeciders(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, ref: Ref, i: number): Decider[] {
  const priority = policy.ruleGroupPriorities[i];
  const either = (what: Bilingual): Decider[] => [{ action: 'either', match: () => 'may', what, priority, group: i }];
  if (ref.kind === 'external') {
    // AWS managed groups hold threat signatures and denied domains: they drop what is malicious, not a clean flow.
    return AWS_MANAGED_RULE_GROUP_ARN.test(ref.value) ? []
      : either(bi(`rule group ${ref.value}, which is outside the synthesized output`, `合成結果の外にあるルールグループ ${ref.value}`));
  }
  const group = deref<RuleGroupNode>(graph, ref);
  if (group?.type !== 'rule-group') return either(bi(`rule group ${refName(ref)}, which the guard cannot read`, `読めないルールグループ ${jaOrEn(refName(ref))}`));
  const override = policy.ruleGroupOverrides[i];
  const vars = variables(graph, firewallId, policy, group);
  if (group.domainList) {
    const list = group.domainList;
    if (list.generatedRulesType === 'DENYLIST') return [];
    // The generated rules match TLS and HTTP from $HOME_NET to $EXTERNAL_NET, by host name.
    const what = bi(`rule group ${group.id}, a domain list (${list.generatedRulesType}) deciding TLS and HTTP by host name (which the declared flow does not give),`,
      `ホスト名で TLS・HTTP を判断するドメインリスト（${jaOrEn(list.generatedRulesType)}）のルールグループ ${group.id}（宣言した通信はホスト名を持たない）`);
    return [{
      action: 'either',
      match: (p) => (p.protocol === 'tcp' && (p.request || p.alone) && overlapsAddresses(vars.homeAtMost(), p.sources) && overlapsAddresses(vars.externalAtMost(), p.destinations) ? 'may' : 'no'),
      what,
      priority,
      group: i,
    }];
  }
  const loaded = groupRules(group);
  if ('problem' in loaded) return either(bi(`rule group ${group.id} (${loaded.problem.en})`, `ルールグループ ${group.id}（${loaded.problem.ja}）`));
  const out: Decider[] = [];
  for (const line of loaded.rules) {
    const pass = isPassRule(line);
    const blocking = !pass && BLOCKING_ACTIONS.test(headerFields(line)[0] ?? '');
    // An override (DROP_TO_ALERT) makes the group's drops alerts; one the guard cannot read may not.
    if (!pass && (!blocking || override === 'DROP_TO_ALERT')) continue;
    const shown = line.length > 100 ? `${line.slice(0, 97)}...` : line;
    out.push({
      action: pass ? 'pass' : override === undefined ? 'block' : 'either',
      match: (p) => lineMatch(line, p, vars),
      what: bi(`rule group ${group.id}'s rule "${shown}"`, `ルールグループ ${group.id} のルール "${shown}"`),
      priority,
      group: i,
    });
  }
  return out;
}

/** A rule group's `$HOME_NET` and `$EXTERNAL_NET`: the addresses each surely holds (`homeNet`), and those it may hold. */
interface Variables {
  readonly home: () => Addresses | undefined;
  readonly external: () => Addresses | undefined;
  readonly homeAtMost: () => Addresses;
  readonly externalAtMost: () => Addresses;
}

function variables(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode, group: RuleGroupNode): Variables {
  let home: ReturnType<typeof homeNet> | undefined;
  const h = () => (home ??= homeNet(graph, firewallId, policy, group));
  let external: { value: Addresses | undefined } | undefined;
  return {
    home: () => h().surely,
    external: () => (external ??= { value: externalNetSurely(graph, firewallId, policy, group) }).value,
    homeAtMost: () => h().atMost ?? EVERY_ADDRESS,
    externalAtMost: () => {
      const own = group.ipSets.EXTERNAL_NET;
      if (own !== undefined) return (own === 'unknown' ? undefined : ipSetAddresses(own)) ?? EVERY_ADDRESS;
      // Every address outside HOME_NET: at most those outside what it surely holds.
      const surely = h().surely;
      return surely ? complement(surely) : EVERY_ADDRESS;
    },
  };
}

/** Transports a rule's protocol field names by itself: each matches its own packets only. */
const TRANSPORTS: ReadonlySet<string> = new Set(['tcp', 'udp', 'icmp', 'icmpv6', 'sctp']);

/** How a Suricata rule meets one direction's packets (see the file's comment). */
function lineMatch(line: string, p: Packets, vars: Variables): 'sure' | 'may' | 'no' {
  const [, protocolField, source, sourcePort, arrow, destination, destinationPortField] = headerFields(line);
  if (destinationPortField === undefined) return 'may';
  const protocol = protocolField.toLowerCase();
  const results: ('sure' | 'may' | 'no')[] = [];
  results.push(protocol === 'ip' || protocol === p.protocol ? 'sure' : TRANSPORTS.has(protocol) ? 'no' : 'may');
  const destinationPort = destinationPortField.replace(/\(.*$/, '');
  const oneWay = (from: string, fromPort: string, to: string, toPort: string): 'sure' | 'may' | 'no' => worst([
    addressMatch(from, p.sources, vars), portMatch(fromPort, p.sourcePorts),
    addressMatch(to, p.destinations, vars), portMatch(toPort, p.destinationPorts),
  ]);
  if (arrow === '->') results.push(oneWay(source, sourcePort, destination, destinationPort));
  else if (arrow === '<>') results.push(best([oneWay(source, sourcePort, destination, destinationPort), oneWay(destination, destinationPort, source, sourcePort)]));
  else results.push('may');
  results.push(optionsMatch(line, p));
  return worst(results);
}

/** The least of several matches: one `no` makes `no`, else one `may` makes `may`. */
function worst(results: readonly ('sure' | 'may' | 'no')[]): 'sure' | 'may' | 'no' {
  return results.includes('no') ? 'no' : results.includes('may') ? 'may' : 'sure';
}

function best(results: readonly ('sure' | 'may' | 'no')[]): 'sure' | 'may' | 'no' {
  return results.includes('sure') ? 'sure' : results.includes('may') ? 'may' : 'no';
}

/** Whether an address field surely holds every address of a set (`fieldAddresses`), may hold some (`fieldAtMost`), or holds none. */
function addressMatch(field: string, set: Addresses, vars: Variables): 'sure' | 'may' | 'no' {
  const surely = fieldAddresses(field, vars);
  if (surely && holdsAll(surely, set)) return 'sure';
  return overlapsAddresses(fieldAtMost(field, vars), set) ? 'may' : 'no';
}

/** Every address an address field may match: a negation, an `@` reference or another variable may match any. */
function fieldAtMost(field: string, vars: Variables): Addresses {
  const text = field.trim();
  if (text.startsWith('[') && text.endsWith(']')) return merged(listItems(text.slice(1, -1)).flatMap((item) => fieldAtMost(item, vars)));
  if (text === '$HOME_NET') return vars.homeAtMost();
  if (text === '$EXTERNAL_NET') return vars.externalAtMost();
  const p = addressLiteral(text);
  return p ? [p] : EVERY_ADDRESS;
}

/** Whether a port field surely holds every port of a range, may hold some, or holds none (a negation or a variable may hold any). */
function portMatch(field: string, [lo, hi]: [number, number]): 'sure' | 'may' | 'no' {
  const ranges: [number, number][] = [];
  for (const item of portItems(field)) {
    if (item === 'any') {
      ranges.push([0, MAX_PORT]);
      continue;
    }
    const m = /^(\d{1,5})(:(\d{1,5})?)?$/.exec(item);
    if (!m) return 'may';
    ranges.push([Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === undefined ? MAX_PORT : Number(m[3])]);
  }
  let next = lo;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) if (a <= next && b >= next) next = b + 1;
  if (next > hi) return 'sure';
  return ranges.some(([a, b]) => a <= hi && b >= lo) ? 'may' : 'no';
}

/**
 * Whether a rule's options keep it from surely matching the packets: options that only name or describe the rule match
 * everything, and `flow:to_server` / `from_client` the request; any other option (content, application-layer keywords,
 * flow state, thresholds) may or may not match.
 */
function optionsMatch(line: string, p: Packets): 'sure' | 'may' | 'no' {
  const options = ruleOptions(line);
  if (options === undefined) return 'may';
  for (const o of options) {
    if (DESCRIPTIVE_OPTIONS.has(o.name)) continue;
    if (o.name === 'flow') {
      const values = o.value.split(',').map((v) => v.trim().toLowerCase());
      if (values.every((v) => v === 'to_server' || v === 'from_client')) {
        if (p.request) continue;
        // The reply met alone: the engine may take its first packet for the client's.
        return p.alone ? 'may' : 'no';
      }
    }
    return 'may';
  }
  return 'sure';
}

function overlapsAddresses(a: Addresses, b: Addresses): boolean {
  return a.some((x) => b.some((y) => x.lo <= y.hi && y.lo <= x.hi));
}

function refName(ref: Ref): string {
  return ref.kind === 'external' ? ref.value : ref.kind === 'node' ? ref.id : ref.expression;
}

/** One direction's packets in words. */
function direction(p: Packets): Bilingual {
  const [from, to] = [addressesText(p.sources), addressesText(p.destinations)];
  const ports = p.destinationPorts[0] === p.destinationPorts[1] ? `${p.destinationPorts[0]}` : `${p.destinationPorts[0]}-${p.destinationPorts[1]}`;
  return p.request
    ? bi(`the request (${p.protocol} ${ports} from ${from.en} to ${to.en})`, `要求（${from.ja} から ${to.ja} への ${p.protocol} ${ports}）`)
    : bi(`the reply (${p.protocol} ${ports} from ${from.en} to ${to.en})`, `応答（${from.ja} から ${to.ja} への ${p.protocol} ${ports}）`);
}
