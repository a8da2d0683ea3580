/**
 * `jichitai-network explain` (issue 14): for each finding of one rule, the path hop by hop — the resource, the route or
 * table entry that carried it, the packets — and the smallest set of configuration elements (routes, transit gateway
 * routes / associations / propagations, NACL entries, peering connections: elements.ts) whose removal closes it,
 * found by re-running the rule on graphs without them (docs/guard-semantics.md §12).
 *
 * The search is a bounded search tree over the paths themselves: a set that closes the finding must remove an element
 * of the path the rule reports (everything else leaves that path as it is: removing a route, an allow entry, an
 * association or a propagation never opens a path, and the engine is exact), so the tree branches on the elements of
 * the reported path, re-runs the rule without the chosen ones, and branches again on the elements of the path it then
 * reports — every way the finding is carried is found this way, not only the first. Levels are searched by increasing
 * size, so the first level with a closing set gives the minimum, exactly, up to the bound.
 */
import { parsePrefix } from './address-space';
import { GuardScope, guardContext } from './check';
import { headersText } from './diff';
import { visible } from './display';
import { carriedAt, ConfigElement, describeElement, elementKey, elementsOfPath, withoutElements } from './elements';
import { nodesOf, TopologyGraph } from './graph';
import { Box } from './header-set';
import { Arrival, Reachability } from './reachability';
import { Finding, formatFindingIn, GuardRule } from './rule';
import { ALL_RULES } from './rules';
import { nameOf } from './topology';
import { GuardLanguage, TopologyGuardOptions } from '../model/guard-options';

/** Which findings to explain, and how far to search. */
export interface ExplainOptions {
  /**
   * Only findings whose path starts in this subnet: its node id (logical ID / Terraform address), construct path (or
   * a parent construct path), or a CIDR (the subnet's block, or a block holding it).
   * @default - every finding of the rule
   */
  readonly from?: string;
  /**
   * Only findings whose packets go to this address or block (`10.0.64.10`, `0.0.0.0/0`); findings without a path are
   * left out when it is given.
   * @default - any destination
   */
  readonly to?: string;
  /** What the guard knows besides the graph (declared flows and hosts), as for `checkTopology`. @default {} */
  readonly scope?: GuardScope;
  /** The largest cut searched for. @default 3 */
  readonly maxCutSize?: number;
  /** The most re-runs of the rule one finding's search may take. @default 2000 */
  readonly maxChecks?: number;
  /** How many cuts of the minimum size are listed (the first is the one proposed). @default 10 */
  readonly maxCuts?: number;
}

/** One hop of an explained path. */
export interface ExplainedHop {
  /** Node id (logical ID / Terraform address). */
  readonly node: string;
  /** The construct path, when the output records it. */
  readonly path?: string;
  readonly label: string;
  /** The configuration element that carried the packets at this hop (a route, a transit gateway route...). */
  readonly element?: string;
  /** For a subnet: the packets of the path that reached it (`sources → destinations services`). */
  readonly headers?: readonly string[];
}

/** A path that carries a finding. */
export interface ExplainedPath {
  readonly hops: readonly ExplainedHop[];
  /** Where it ends: `internet`, `zone LGWAN_WAN`, `subnet <path>`, or `unknown: <reason>`. */
  readonly end: string;
  /** The packets that get there. */
  readonly headers: readonly string[];
}

/** How a finding can be closed. */
export type Closure =
  | {
    readonly kind: 'cut';
    /** The proposed cut: the fewest elements whose removal closes the finding. */
    readonly elements: readonly ConfigElement[];
    readonly described: readonly string[];
    /** Other cuts of the same size (up to `maxCuts` in all). */
    readonly alternatives: readonly (readonly string[])[];
    /** The paths the cut closes: the one the rule reports, then the one it reports once the first is cut, and so on. */
    readonly paths: readonly ExplainedPath[];
    /** Re-runs of the rule the search took. */
    readonly checks: number;
  }
  | {
    readonly kind: 'no-cut';
    /** No cut of this size or fewer exists (among routes, transit gateway elements, NACL entries and peerings). */
    readonly maxSize: number;
    readonly checks: number;
    /** The search stopped at `maxChecks` before it finished the next size. */
    readonly exhausted: boolean;
    /** Some reported path could not be taken apart into elements (the search below it was not complete). */
    readonly incomplete: boolean;
  }
  /** The finding is not about a path (a missing log, a width, a declared flow that is blocked): the rule's fix. */
  | { readonly kind: 'fix'; readonly fix: string };

export interface FindingExplanation {
  readonly finding: Finding;
  /** The subnets the finding's path starts from (node ids). */
  readonly sources: readonly string[];
  /** The path the rule reports, hop by hop (empty for a finding that is not about a path). */
  readonly path?: ExplainedPath;
  readonly closure: Closure;
}

/**
 * Explain the findings of one rule on a graph: the path hop by hop and the smallest cut that closes each (or the rule's
 * fix for a finding that is not about a path). Throws for a rule the model does not have.
 */
export function explainFinding(
  graph: TopologyGraph, options: TopologyGuardOptions, ruleId: string, explain: ExplainOptions = {},
): FindingExplanation[] {
  const rule = ALL_RULES.find((r) => r.id === ruleId.toUpperCase());
  if (!rule) throw new Error(`explain: no rule ${ruleId}; the rules are ${ALL_RULES.map((r) => r.id).join(', ')}`);
  if (!rule.models.includes(options.model)) throw new Error(`explain: rule ${rule.id} does not apply to model ${options.model}`);
  const scope = explain.scope ?? {};
  const run = runRule(graph, options, scope, rule);
  const to = explain.to === undefined ? undefined : parsePrefix(explain.to.includes('/') ? explain.to : `${explain.to}/${explain.to.includes(':') ? 128 : 32}`);
  if (explain.to !== undefined && !to) throw new Error(`explain: --to ${explain.to} is not an IPv4 / IPv6 address or CIDR`);
  const out: FindingExplanation[] = [];
  for (const finding of run.findings) {
    const sources = sourcesOf(graph, finding);
    if (explain.from !== undefined && !fromMatches(graph, finding, sources, explain.from)) continue;
    const carrying = finding.hops.length > 0 ? carryingArrivals(graph, run.reach, finding) : [];
    if (to && !carrying.some((a) => a.headers.some((b) => run.reach.atoms.lo(b.d0) <= to.hi && run.reach.atoms.hi(b.d1) >= to.lo))) continue;
    if (finding.hops.length === 0 || carrying.length === 0) {
      out.push({ finding, sources, closure: { kind: 'fix', fix: finding.fix } });
      continue;
    }
    const path = explainPath(graph, run.reach, carrying);
    out.push({ finding, sources, path, closure: searchCut(graph, options, scope, rule, finding, carrying, run.reach, explain) });
  }
  return out;
}

/** An explanation as text, for the command line, in `language` (the finding and the frame; element names stay as they are). */
export function formatExplanation(e: FindingExplanation, language: GuardLanguage = GuardLanguage.ENGLISH): string {
  if (language === GuardLanguage.JAPANESE) return formatExplanationJa(e);
  const lines = [formatFindingIn(e.finding, GuardLanguage.ENGLISH)];
  if (e.path) {
    lines.push('  path:');
    lines.push(...pathLines(e.path, '    '));
  }
  const c = e.closure;
  if (c.kind === 'fix') {
    lines.push(`  not a path: fix: ${c.fix}`);
  } else if (c.kind === 'no-cut') {
    lines.push(`  no cut of size ≤ ${c.maxSize} found (${c.checks} re-checks${c.exhausted ? `; the search stopped at its budget before finishing size ${c.maxSize + 1}` : ''}${c.incomplete ? '; some path could not be taken apart into routes and rules, so the search is not complete' : ''})`);
  } else {
    lines.push(`  smallest cut: ${c.elements.length} element${c.elements.length === 1 ? '' : 's'} (exact: no smaller set of routes, transit gateway elements, NACL entries or peerings closes it; ${c.checks} re-checks)`);
    lines.push(...c.described.map((d) => `    - remove ${d}`));
    if (c.paths.length > 1) {
      lines.push(`  it closes ${c.paths.length} independent paths:`);
      c.paths.forEach((p, i) => lines.push(`    path ${i + 1}: ${p.hops.map((h) => h.label).join(' → ')} (${p.end})`));
    }
    if (c.alternatives.length > 0) {
      lines.push('  other cuts of the same size:');
      lines.push(...c.alternatives.map((a) => `    - ${a.join('; ')}`));
    }
  }
  return lines.map((l) => visible(l)).join('\n');
}

/** `formatExplanation` in Japanese. */
function formatExplanationJa(e: FindingExplanation): string {
  const lines = [formatFindingIn(e.finding, GuardLanguage.JAPANESE)];
  if (e.path) {
    lines.push('  経路:');
    lines.push(...pathLines(e.path, '    ', GuardLanguage.JAPANESE));
  }
  const c = e.closure;
  if (c.kind === 'fix') {
    lines.push(`  経路についての指摘ではない。対処: ${e.finding.ja?.fix ?? c.fix}`);
  } else if (c.kind === 'no-cut') {
    lines.push(`  ${c.maxSize} 個以下の要素で経路を閉じる組は見つからない（再検査 ${c.checks} 回${c.exhausted ? `。サイズ ${c.maxSize + 1} を調べ終える前に探索の上限に達した` : ''}`
      + `${c.incomplete ? '。ルートとルールに分解できない経路があり、探索は完全ではない' : ''}）`);
  } else {
    lines.push(`  最小の遮断: ${c.elements.length} 要素（厳密: これより少ないルート・Transit Gateway の要素・NACL エントリ・ピアリングの組では閉じない。再検査 ${c.checks} 回）`);
    lines.push(...c.described.map((d) => `    - 削除: ${d}`));
    if (c.paths.length > 1) {
      lines.push(`  独立した ${c.paths.length} 本の経路を閉じる:`);
      c.paths.forEach((p, i) => lines.push(`    経路 ${i + 1}: ${p.hops.map((h) => h.label).join(' → ')}（${p.end}）`));
    }
    if (c.alternatives.length > 0) {
      lines.push('  同じ大きさの別の遮断:');
      lines.push(...c.alternatives.map((a) => `    - ${a.join('; ')}`));
    }
  }
  return lines.map((l) => visible(l)).join('\n');
}

function pathLines(p: ExplainedPath, indent: string, language: GuardLanguage = GuardLanguage.ENGLISH): string[] {
  const ja = language === GuardLanguage.JAPANESE;
  const lines: string[] = [];
  p.hops.forEach((h, i) => {
    lines.push(`${indent}${i + 1}. ${h.label}${h.element ? ` [${h.element}]` : ''}`);
    for (const t of h.headers ?? []) lines.push(`${indent}     ${ja ? 'パケット' : 'packets'}: ${t}`);
  });
  lines.push(`${indent}→ ${p.end}`);
  lines.push(...p.headers.map((t) => `${indent}  ${ja ? '到達' : 'arriving'}: ${t}`));
  return lines;
}

/** One rule over a graph, with the reachability it used (the same context as `checkTopology`). */
function runRule(
  graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope, rule: GuardRule,
): { findings: Finding[]; reach: Reachability } {
  const ctx = guardContext(graph, options, scope);
  return { findings: rule.check(ctx), reach: ctx.reach };
}

/** The subnets a finding's path starts from: those the finding names (by construct path or id). */
function sourcesOf(graph: TopologyGraph, f: Finding): string[] {
  return nodesOf(graph, 'subnet').filter((s) => nameOf(graph, s.id) === f.path).map((s) => s.id);
}

function fromMatches(graph: TopologyGraph, f: Finding, sources: readonly string[], from: string): boolean {
  if (f.path === from || f.path.startsWith(`${from}/`)) return true;
  const block = parsePrefix(from);
  return sources.some((id) => {
    const s = graph.nodes.get(id);
    if (s?.type !== 'subnet') return false;
    if (id === from) return true;
    if (!block) return false;
    return [s.cidr, s.ipv6Cidr].some((c) => {
      const p = parsePrefix(c);
      return p !== undefined && p.lo >= block.lo && p.hi <= block.hi;
    });
  });
}

/** The arrivals behind a finding's path: from its source subnets, along the hops it prints. */
function carryingArrivals(graph: TopologyGraph, reach: Reachability, f: Finding): Arrival[] {
  const labels = f.hops.map((h) => h.label).join('\u0000');
  return sourcesOf(graph, f).flatMap((id) => reach.arrivals(id)).filter((a) => reach.hops(a).map((h) => h.label).join('\u0000') === labels);
}

/** A path hop by hop, from arrivals that took it (their packets together). */
function explainPath(graph: TopologyGraph, reach: Reachability, arrivals: readonly Arrival[]): ExplainedPath {
  const all = arrivals.map((a) => reach.steps(a));
  const first = all[0];
  const hops: ExplainedHop[] = first.map((s, i) => {
    const headers = all.flatMap((steps) => [...(steps[i]?.headers ?? [])]) as Box[];
    return {
      node: s.node,
      path: graph.nodes.get(s.node)?.path,
      label: s.label,
      // The element that carried the packets here (NACL entries are filters: they are named in cuts).
      element: carriedAt(graph, first, i).map((e) => describeElement(graph, e)).join('; ') || undefined,
      headers: s.kind === 'subnet' && headers.length > 0 ? headersText(reach, headers) : undefined,
    };
  });
  const end = arrivals[0].end;
  const endText = end.kind === 'internet' ? 'internet' : end.kind === 'zone' ? `zone ${end.zone}` : end.kind === 'subnet' ? `subnet ${nameOf(graph, end.subnet)}` : `unknown: ${end.reason}`;
  return { hops, end: endText, headers: headersText(reach, arrivals.flatMap((a) => [...a.headers])) };
}

/** The elements of the paths behind a finding. */
function carriers(graph: TopologyGraph, reach: Reachability, arrivals: readonly Arrival[]): ConfigElement[] {
  const seen = new Set<string>();
  const out: ConfigElement[] = [];
  for (const a of arrivals) {
    for (const e of elementsOfPath(graph, reach, reach.steps(a), a.headers)) {
      const k = elementKey(e);
      if (!seen.has(k)) { seen.add(k); out.push(e); }
    }
  }
  return out;
}

interface SearchNode {
  readonly removed: readonly ConfigElement[];
  readonly elements: readonly ConfigElement[];
  readonly paths: readonly ExplainedPath[];
}

/** The bounded search tree of the module comment, level by level. */
function searchCut(
  graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope, rule: GuardRule, target: Finding,
  carrying: readonly Arrival[], reach: Reachability, explain: ExplainOptions,
): Closure {
  const maxSize = explain.maxCutSize ?? 3;
  const maxChecks = explain.maxChecks ?? 2000;
  const maxCuts = explain.maxCuts ?? 10;
  let checks = 0;
  let incomplete = false;
  const check = (removed: readonly ConfigElement[]): { closed: true } | { closed: false; elements: ConfigElement[]; path?: ExplainedPath } => {
    checks++;
    const smaller = withoutElements(graph, removed);
    const run = runRule(smaller, options, scope, rule);
    const still = run.findings.find((f) => f.path === target.path);
    if (!still) return { closed: true };
    const arrivals = still.hops.length > 0 ? carryingArrivals(smaller, run.reach, still) : [];
    if (arrivals.length === 0) return { closed: false, elements: [] };
    return { closed: false, elements: carriers(smaller, run.reach, arrivals), path: explainPath(smaller, run.reach, arrivals) };
  };
  let level: SearchNode[] = [{ removed: [], elements: carriers(graph, reach, carrying), paths: [explainPath(graph, reach, carrying)] }];
  const visited = new Set<string>();
  for (let size = 1; size <= maxSize; size++) {
    const next: SearchNode[] = [];
    const cuts: { removed: readonly ConfigElement[]; paths: readonly ExplainedPath[] }[] = [];
    let exhausted = false;
    for (const node of level) {
      for (const e of node.elements) {
        if (cuts.length >= maxCuts) break;
        const removed = [...node.removed, e];
        const key = removed.map(elementKey).sort().join('\u0001');
        if (node.removed.some((r) => elementKey(r) === elementKey(e)) || visited.has(key)) continue;
        visited.add(key);
        if (checks >= maxChecks) { exhausted = true; break; }
        const r = check(removed);
        if (r.closed) cuts.push({ removed, paths: node.paths });
        else if (r.elements.length === 0) incomplete = true;
        else next.push({ removed, elements: r.elements, paths: [...node.paths, ...(r.path ? [r.path] : [])] });
      }
      if (exhausted) break;
    }
    if (cuts.length > 0) {
      const [best, ...rest] = cuts;
      return {
        kind: 'cut',
        elements: best.removed,
        described: best.removed.map((e) => describeElement(graph, e)),
        alternatives: rest.map((c) => c.removed.map((e) => describeElement(graph, e))),
        paths: best.paths,
        checks,
      };
    }
    if (exhausted) return { kind: 'no-cut', maxSize: size - 1, checks, exhausted, incomplete };
    level = next;
  }
  return { kind: 'no-cut', maxSize, checks, exhausted: false, incomplete };
}
