import { TopologyGraph } from './graph';
import { Reachability } from './reachability';
import { GuardContext, Finding, Severity } from './rule';
import { ALL_RULES } from './rules';
import { TopologyGuardOptions } from '../model/guard-options';

const ORDER: Record<Severity, number> = { [Severity.CRITICAL]: 0, [Severity.ERROR]: 1, [Severity.WARNING]: 2 };

/** Run every rule of the model over a topology graph; findings sorted by severity, rule and path. */
export function checkTopology(graph: TopologyGraph, options: TopologyGuardOptions, scope: { name?: string; emptyIsError?: boolean } = {}): Finding[] {
  const ctx: GuardContext = {
    graph,
    reach: new Reachability(graph),
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    emptyIsError: scope.emptyIsError,
    scope: scope.name,
  };
  const findings = ALL_RULES.filter((r) => r.models.includes(options.model)).flatMap((r) => r.check(ctx));
  return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.path.localeCompare(b.path));
}
