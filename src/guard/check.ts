import { DeclaredFlow, DeclaredSegmentHost } from './declared';
import { TopologyGraph } from './graph';
import { Reachability } from './reachability';
import { GuardContext, Finding, Severity } from './rule';
import { ALL_RULES } from './rules';
import { TopologyGuardOptions } from '../model/guard-options';

const ORDER: Record<Severity, number> = { [Severity.CRITICAL]: 0, [Severity.ERROR]: 1, [Severity.WARNING]: 2 };

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
}

/** What every rule is given: the graph, its reachability, the model and what the scope declares. */
export function guardContext(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): GuardContext {
  const flows = scope.flows ?? [];
  return {
    graph,
    // The declared hosts' blocks are asked about by FLOW-1: they become classes of their own.
    reach: new Reachability(graph, flows.flatMap((f) => [...f.from.cidrs, ...f.to.cidrs])),
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    emptyIsError: scope.emptyIsError,
    scope: scope.name,
    flows,
    hosts: scope.hosts ?? [],
  };
}

/** Run every rule of the model over a topology graph; findings sorted by severity, rule and path. */
export function checkTopology(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): Finding[] {
  const ctx = guardContext(graph, options, scope);
  const findings = ALL_RULES.filter((r) => r.models.includes(options.model)).flatMap((r) => r.check(ctx));
  return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path));
}
