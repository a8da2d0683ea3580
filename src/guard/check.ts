import { DeclaredFlow, DeclaredSegmentHost, DeclaredSiem } from './declared';
import { TopologyGraph } from './graph';
import { Reachability } from './reachability';
import { Declarations, GuardContext, Finding, Severity } from './rule';
import { ALL_RULES } from './rules';
import { TopologyGuardOptions } from '../model/guard-options';
import { byCodePoint } from '../model/order';

/** Findings are listed critical first, then error, then warning. */
const SEVERITY_ORDER: Record<Severity, number> = { [Severity.CRITICAL]: 0, [Severity.ERROR]: 1, [Severity.WARNING]: 2 };

/** What the guard knows about the guarded scope besides its synthesized output. */
export interface GuardScope {
  /** The scope's name, for findings about the scope as a whole. */
  readonly name?: string;
  /** Whether nothing to check is a finding (GUARD-1). @default true */
  readonly emptyIsError?: boolean;
  /** The flows the scope declares, which FLOW-1 proves open; undefined when it declares none at all (`GuardContext.flows`). */
  readonly flows?: readonly DeclaredFlow[];
  /** The hosts the scope declares in its segments (AP-7). */
  readonly hosts?: readonly DeclaredSegmentHost[];
  /** The SIEMs the scope declares (LOG-1); undefined when none (`GuardContext.siem`). */
  readonly siem?: readonly DeclaredSiem[];
  /**
   * A reachability of the same graph shared by every scope checked over it, built with every scope's declared blocks
   * (finer classes are still exact). @default one built for this check
   */
  readonly reach?: Reachability;
  /**
   * Findings of rules that did not read anything model- or scope-specific, by rule id, shared by checks of several
   * models over the same graph and reachability (`checkParts`): such a rule's findings are the same for every model.
   * @default none kept
   */
  readonly shared?: Map<string, Finding[]>;
  /** Which findings the caller keeps, by path (`GuardContext.keeps`). @default all */
  readonly keeps?: (path: string) => boolean;
  /** The declarations of the part a path lies in (`GuardContext.declaredAt`). @default `flows`, `hosts`, `siem` everywhere */
  readonly declaredAt?: (path: string) => Declarations | undefined;
}

/** What every rule is given: the graph, its reachability, the model and what the scope declares. */
export function guardContext(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): GuardContext {
  return {
    graph,
    // The declared hosts' blocks are asked about by FLOW-1: they become classes of their own.
    reach: scope.reach ?? new Reachability(graph, declaredPrefixes(scope.flows ?? [])),
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    emptyIsError: scope.emptyIsError,
    scope: scope.name,
    // Kept undefined when nothing is declared: "declared, and empty" is not "not declared" (GuardContext.flows).
    flows: scope.flows,
    hosts: scope.hosts ?? [],
    siem: scope.siem,
    keeps: scope.keeps,
    declaredAt: scope.declaredAt,
  };
}

/** The blocks FLOW-1 asks the reachability about: the ends of the declared flows. */
export function declaredPrefixes(flows: readonly DeclaredFlow[]): string[] {
  return flows.flatMap((f) => [...f.from.cidrs, ...f.to.cidrs]);
}

/** Run every rule of the model over a topology graph; findings sorted by severity, rule and path. */
export function checkTopology(graph: TopologyGraph, options: TopologyGuardOptions, scope: GuardScope = {}): Finding[] {
  const ctx = guardContext(graph, options, scope);
  const shared = scope.shared;
  const findings = ALL_RULES.filter((r) => r.models.includes(options.model)).flatMap((r) => {
    if (!shared) return r.check(ctx);
    const known = shared.get(r.id);
    if (known) return known;
    // A rule that never read the model, the scope or the declarations while checking this graph would check it alike for
    // any of them (rules are pure functions of their context): its findings serve the other models' checks too.
    const read = { specific: false };
    const out = r.check(tracked(ctx, read));
    if (!read.specific) shared.set(r.id, out);
    return out;
  });
  return findings.sort(byFindingOrder);
}

/** The context with its model- and scope-specific fields read through getters that note the reading. */
function tracked(ctx: GuardContext, read: { specific: boolean }): GuardContext {
  const note = <T>(value: T): T => {
    read.specific = true;
    return value;
  };
  return {
    graph: ctx.graph,
    reach: ctx.reach,
    get model() { return note(ctx.model); },
    get alphaPrimeCase() { return note(ctx.alphaPrimeCase); },
    get emptyIsError() { return note(ctx.emptyIsError); },
    get scope() { return note(ctx.scope); },
    get flows() { return note(ctx.flows); },
    get hosts() { return note(ctx.hosts); },
    get siem() { return note(ctx.siem); },
    get keeps() { return note(ctx.keeps); },
    get declaredAt() { return note(ctx.declaredAt); },
  };
}

/** Severity, then rule, then path: the order every list of findings is given in. */
export function byFindingOrder(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || byCodePoint(a.ruleId, b.ruleId) || byCodePoint(a.path, b.path);
}
