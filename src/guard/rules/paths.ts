import { nameOf } from '../probes';
import { Trace } from '../reachability';
import { finding, Finding, GuardContext, GuardRule } from '../rule';

/** One finding per starting subnet (its first offending path), so that a report stays readable. */
export function pathFindings(ctx: GuardContext, rule: GuardRule, traces: Trace[], message: (t: Trace) => string, fix: string): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const t of traces) {
    if (seen.has(t.from)) continue;
    seen.add(t.from);
    out.push(finding(rule, nameOf(ctx.graph, t.from), message(t), fix, t.hops));
  }
  return out;
}

/** Where a trace ended, in words. */
export function endOf(t: Trace): string {
  switch (t.end.kind) {
    case 'internet': return 'the internet';
    case 'zone': return t.end.zone;
    case 'subnet': return `subnet ${t.end.subnet}`;
    default: return t.end.kind;
  }
}
