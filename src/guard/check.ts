import { DeclaredFlow, DeclaredSegmentHost } from './declared';
import { TopologyGraph } from './graph';
import { Reachability } from './reachability';
import { GuardContext, Finding, Severity } from './rule';
import { ALL_RULES } from './rules';
import { TopologyGuardOptions } from '../model/guard-options';

/** Findings are listed critical first, then error, then warning. */
const SEVERITY_ORDER: Record<Severity, number> = { [Severity.CRITICAL]: 0, [Severity.ERROR]: 1, [Severity.WARNING]: 2 };

/** What the guard knows about the guarded scope besides its synthesized output. */
export interface GuardScope {
  /** The scope's name, for findings about the scope as a whole. */
  readonly name?: string;
  /** Whether nothing to check is a finding (GUARD-1). @default true */
  readonly emptyIsError?: boolean;
  /** The flows the scope declares, which FLOW-1 proves open. */
  readonly flows?: readonly DeclaredFlow[];
  /** The hosts the scope declares in its segments (AP-7). */
  readonly hosts?: readonly DeclaredSegmentHost[];
  /**
   * A reachability of the same graph shared by every scope checked over it, built with every scope's declared blocks
   * (finer classes are still exact). @default one built for this check
   */
  readonly reach?: Reachability;
}

/** What every rule is given: the graph, its reachability, the model and what the scope declares. */
export function guardContext(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): GuardContext {
  const flows = scope.flows ?? [];
  return {
    graph,
    // The declared hosts' blocks are asked about by FLOW-1: they become classes of their own.
    reach: scope.reach ?? new Reachability(graph, declaredPrefixes(flows)),
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    emptyIsError: scope.emptyIsError,
    scope: scope.name,
    flows,
    hosts: scope.hosts ?? [],
  };
}

/** The blocks FLOW-1 asks the reachability about: the ends of the declared flows. */
export function declaredPrefixes(flows: readonly DeclaredFlow[]): string[] {
  return flows.flatMap((f) => [...f.from.cidrs, ...f.to.cidrs]);
}

/** Run every rule of the model over a topology graph; findings sorted by severity, rule and path. */
export function checkTopology(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): Finding[] {
  const ctx = guardContext(graph, options, scope);
  const findings = ALL_RULES.filter((r) => r.models.includes(options.model)).flatMap((r) => r.check(ctx));
  return findings.sort(byFindingOrder);
}

/** Severity, then rule, then path: the order every list of findings is given in. */
export function byFindingOrder(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path);
}
