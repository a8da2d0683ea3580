/**
 * The stateless engine of an AWS Network Firewall policy, which sees every packet before the stateful rules do: one check
 * shared by AP-1 (the α′ breakout firewall), IN-1 (the Internet segment's inspecting stand-in) and SC-2 (the hub's
 * inspection firewall). A packet reaches the stateful engine only by `aws:forward_to_sfe`; `aws:pass` "discontinues all
 * inspection of the packet and permits it to go to its intended destination", around every stateful rule.
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RuleDefinition.html
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateless-default-actions.html
 */
import { deref, FirewallPolicyNode, Ref, RuleGroupNode, StatelessMatch, TopologyGraph } from '../graph';
import { jaOrEn } from '../ja-engine';
import { bi, Bilingual } from '../rule';

/** The standard actions that keep a packet from going around the stateful engine: it is forwarded to it, or dropped. */
const KEEPS_INSPECTION = new Set(['aws:forward_to_sfe', 'aws:drop']);

/**
 * A custom action's name (`ActionName`, pattern `^[a-zA-Z0-9]+$`): custom actions only publish CloudWatch metrics, beside
 * the one standard action. https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_CustomAction.html
 */
const CUSTOM_ACTION = /^[A-Za-z0-9]+$/;

/**
 * How a list of stateless actions treats a packet: `pass` (it holds `aws:pass`), `unknown` (an element that is neither
 * a standard action nor a custom action's name, such as an expression the readers kept as its text, or not exactly one
 * standard action), or `kept` (forwarded to the stateful engine or dropped).
 */
function judge(actions: readonly string[]): 'pass' | 'unknown' | 'kept' {
  const outcome = statelessOutcome(actions);
  return outcome === 'drop' || outcome === 'sfe' ? 'kept' : outcome;
}

/**
 * What a list of stateless actions does with a packet: `pass` (it holds `aws:pass`), `drop` (`aws:drop`), `sfe`
 * (`aws:forward_to_sfe`: the stateful engine decides), or `unknown` (`judge`). FLOW-1 tells a drop from a forward.
 */
export function statelessOutcome(actions: readonly string[]): 'pass' | 'drop' | 'sfe' | 'unknown' {
  if (actions.includes('aws:pass')) return 'pass';
  if (actions.some((a) => !KEEPS_INSPECTION.has(a) && !CUSTOM_ACTION.test(a))) return 'unknown';
  const standard = actions.filter((a) => KEEPS_INSPECTION.has(a));
  if (standard.length !== 1) return 'unknown';
  return standard[0] === 'aws:drop' ? 'drop' : 'sfe';
}

const listed = (actions: readonly string[], none: string) => actions.join(', ') || none;

/** A stateless rule's match attributes in words: what it matches (an empty attribute matches everything). */
export function matchText(m: StatelessMatch): Bilingual {
  const en = [
    m.protocols.length > 0 ? `protocols ${m.protocols.join(', ')}` : 'any protocol',
    `from ${m.sources.join(', ') || 'anywhere'}`,
    `to ${m.destinations.join(', ') || 'anywhere'}`,
    m.destinationPorts.length > 0 ? `ports ${m.destinationPorts.join(', ')}` : 'any port',
  ].join(' ');
  const ja = [
    m.protocols.length > 0 ? `プロトコル ${m.protocols.join(', ')}` : 'すべてのプロトコル',
    `送信元 ${m.sources.join(', ') || 'すべて'}`,
    `宛先 ${m.destinations.join(', ') || 'すべて'}`,
    m.destinationPorts.length > 0 ? `ポート ${m.destinationPorts.join(', ')}` : 'すべてのポート',
  ].join('、');
  const cut = (t: string) => (t.length > 120 ? `${t.slice(0, 117)}...` : t);
  return bi(cut(en), cut(ja));
}

/**
 * Why a firewall's stateless engine may let packets around its stateful rules, or undefined when it cannot: both default
 * action settings (whole packets, UDP fragments) and every rule of every stateless rule group must forward to the
 * stateful engine or drop. A default or a rule's actions the guard cannot judge (an expression, an unknown name, no
 * standard action), and a stateless rule group it cannot read (outside the output, an expression, rules not written
 * out), count as passing (fail closed). Every `aws:pass` rule counts, whatever it matches: a stateless rule sees no
 * domain name, so what it passes is never judged by the allow-list or the IPS.
 */
export function statelessBypassProblem(graph: TopologyGraph, firewallId: string, policy: FirewallPolicyNode): Bilingual | undefined {
  const hands = bi(`firewall ${firewallId} does not hand every packet to the stateful engine`, `ファイアウォール ${firewallId} がすべてのパケットをステートフルエンジンに渡していない`);
  for (const [actions, en, ja] of [
    [policy.statelessDefaultActions, 'stateless default actions', 'ステートレスのデフォルトアクション'],
    [policy.statelessFragmentDefaultActions, 'stateless fragment default actions', 'ステートレスのフラグメントのデフォルトアクション'],
  ] as const) {
    if (judge(actions) !== 'kept') {
      return bi(`${hands.en} (${en}: ${listed(actions, 'none')})`, `${hands.ja}（${ja}: ${jaOrEn(listed(actions, 'なし'))}）`);
    }
  }
  for (const ref of policy.statelessRuleGroups) {
    const problem = statelessGroupProblem(graph, ref);
    if (problem) return bi(`${hands.en}: ${problem.en}`, `${hands.ja}: ${problem.ja}`);
  }
  return undefined;
}

/** Why a stateless rule group may pass packets around the stateful engine (a pass rule, or rules the guard cannot read). */
function statelessGroupProblem(graph: TopologyGraph, ref: Ref): Bilingual | undefined {
  if (ref.kind === 'external') {
    return bi(`stateless rule group ${ref.value} is outside the synthesized output, so its rules cannot be read`,
      `ステートレスのルールグループ ${ref.value} が合成結果の外にあり、そのルールを読めない`);
  }
  if (ref.kind === 'unresolved') {
    return bi(`a stateless rule group reference (${ref.expression}) cannot be resolved`, `ステートレスのルールグループの参照（${jaOrEn(ref.expression)}）を解決できない`);
  }
  const group = deref<RuleGroupNode>(graph, ref);
  if (group?.type !== 'rule-group') return bi(`${ref.id} is not a rule group of the synthesized output`, `${ref.id} は合成結果のルールグループではない`);
  if (group.statelessRules === undefined) {
    return bi(`the rules of stateless rule group ${group.id} cannot be read (only literal StatelessRulesAndCustomActions can)`,
      `ステートレスのルールグループ ${group.id} のルールを読めない（読めるのはリテラルの StatelessRulesAndCustomActions だけ）`);
  }
  for (const rule of group.statelessRules) {
    const verdict = judge(rule.actions);
    if (verdict === 'kept') continue;
    const match = matchText(rule.match);
    const which = `priority ${rule.priority ?? 'unreadable'}, ${match.en}; actions: ${listed(rule.actions, 'none')}`;
    const whichJa = `優先度 ${rule.priority ?? '読めない'}、${match.ja}、アクション: ${jaOrEn(listed(rule.actions, 'なし'))}`;
    return verdict === 'pass'
      ? bi(`stateless rule group ${group.id} passes packets around it (${which})`, `ステートレスのルールグループ ${group.id} がパケットをステートフルエンジンを通さずに通す（${whichJa}）`)
      : bi(`the actions of a rule of stateless rule group ${group.id} cannot be judged (${which})`,
        `ステートレスのルールグループ ${group.id} のルールのアクションを判断できない（${whichJa}）`);
  }
  return undefined;
}
