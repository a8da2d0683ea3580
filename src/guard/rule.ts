import { DeclaredFlow, DeclaredSegmentHost } from './declared';
import { TopologyGraph } from './graph';
import { Hop, Reachability } from './reachability';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';

/** How bad a finding is. Critical findings can never be acknowledged. */
export enum Severity {
  CRITICAL = 'critical',
  ERROR = 'error',
  WARNING = 'warning',
}

/** What the guard knows besides the synthesized output. */
export interface GuardContext {
  readonly graph: TopologyGraph;
  readonly reach: Reachability;
  readonly model: NetworkModel;
  readonly alphaPrimeCase?: AlphaPrimeCase;
  /** Whether a graph with nothing to check is a finding (GUARD-1); false for a stack of a wider guarded scope. @default true */
  readonly emptyIsError?: boolean;
  /** The guarded scope's name, for the "nothing to check" finding. */
  readonly scope?: string;
  /** The flows the scope declares (FLOW-1 proves them open). */
  readonly flows?: readonly DeclaredFlow[];
  /** The hosts the scope declares in its segments, with their roles (AP-7). */
  readonly hosts?: readonly DeclaredSegmentHost[];
}

/** One violation: the rule, where, the offending path hop by hop, and the fix. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** The guideline's term for what is at stake, e.g. `マイナンバー利用事務系 → インターネット`. */
  readonly term: string;
  /** Construct path (or logical ID / Terraform address) of the resource where the path starts. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** The path that carries the forbidden traffic, if the finding is about a path. */
  readonly hops: Hop[];
  readonly fix: string;
}

/** A rule of REQUIREMENTS.md §3. */
export interface GuardRule {
  readonly id: string;
  readonly severity: Severity;
  /** Models the rule applies to. */
  readonly models: readonly NetworkModel[];
  /** One line for the rule table in the README. */
  readonly summary: string;
  /** The guideline's term (Japanese), for findings and the table. */
  readonly term: string;
  check(context: GuardContext): Finding[];
}

export const ALL_MODELS: readonly NetworkModel[] = [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA, NetworkModel.BETA_PRIME];

/** A finding of `rule` at `path`; `hops` when it is about a path. */
export function finding(rule: GuardRule, path: string, message: string, fix: string, hops: Hop[] = []): Finding {
  return { ruleId: rule.id, severity: rule.severity, term: rule.term, path, message, hops, fix };
}

/** `[path] ID severity (term): hop → hop. message Fix: …` */
export function formatFinding(f: Finding): string {
  const path = f.hops.length > 0 ? ` ${f.hops.map((h) => h.label).join(' → ')}.` : '';
  return `[${f.path}] ${f.ruleId} ${f.severity} (${f.term}): ${f.message}.${path} Fix: ${f.fix}`;
}
