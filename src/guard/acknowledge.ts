import { Finding, Severity } from './rule';
import { ALL_RULES } from './rules';
import { GuardLanguage } from '../model/guard-options';

/** An acknowledged rule under a construct path. */
export interface Acknowledgement {
  /** Construct path the acknowledgement covers (findings at or under it); '' for the app, covering all. */
  readonly scopePath: string;
  readonly ruleId: string;
  readonly reason: string;
}

/**
 * The namespace of the guard's acknowledgeable IDs. aws-cdk-lib's `Validations.of(scope).acknowledge({ id, reason })`
 * splits an ID at `::` into a namespace and a rule (aws-cdk-lib core/lib/validation/private/validation-id), the form
 * its own plugins use (e.g. `CloudFormation-Validate::W3010`).
 */
export const GUARD_ID_NAMESPACE = 'jichitai-guard';

/**
 * The stable ID of a guard rule's findings, e.g. `jichitai-guard::AP-5`: one per rule, so that a user can write the
 * acknowledgement before the finding exists. Which findings it covers is said by the scope it is given on (those at
 * or under the scope's construct path), as for any CDK acknowledgement.
 */
export function guardFindingId(ruleId: string): string {
  return `${GUARD_ID_NAMESPACE}::${ruleId}`;
}

/** The rule ID of a guard finding ID, or undefined when `id` is not in the guard's namespace. */
export function ruleOfGuardFindingId(id: string): string | undefined {
  const prefix = `${GUARD_ID_NAMESPACE}::`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}

/** Reasons that say nothing; an auditor must learn why the exception is acceptable. */
const EMPTY_REASONS = /^(todo|tbd|n\/?a|none|test|testing|wip|ok|okay|fine|ignore|temporary|temp|later|fix later|known|accepted|-+|\.+)$/i;
const MIN_REASON = 20;

/** Why an acknowledgement cannot be accepted (in `language`), or undefined when it can. */
export function acknowledgementProblem(ruleId: string, reason: string, language: GuardLanguage = GuardLanguage.ENGLISH): string | undefined {
  const ja = language === GuardLanguage.JAPANESE;
  const rule = ALL_RULES.find((r) => r.id === ruleId);
  if (!rule) {
    const known = ALL_RULES.map((r) => r.id).join(', ');
    return ja ? `"${ruleId}" はガードのルールではない。ルールは ${known}` : `"${ruleId}" is not a guard rule; known: ${known}`;
  }
  if (rule.severity === Severity.CRITICAL) {
    return ja ? `${ruleId} は重大（${rule.term}）の指摘で、例外承認できない。構成を直す`
      : `${ruleId} is critical (${rule.term}) and can never be acknowledged. Fix the topology instead`;
  }
  const text = (reason ?? '').trim();
  // Words that say something: with two letters or more, not a placeholder, each counted once (outside auditor, red team
  // 38: "TODO TODO TODO TODO TODO" and "... ... ..." passed as reasons); and no invisible or control character, which
  // would make a reason read other than it prints.
  // (Three such words are a few words: the count of all words needs no test of its own.)
  const words = text.split(/\s+/).map((w) => w.toLowerCase());
  const meaningful = new Set(words.filter((w) => /\p{L}{2,}/u.test(w) && !EMPTY_REASONS.test(w.replace(/[^\p{L}/]/gu, ''))));
  if (text.length < MIN_REASON || EMPTY_REASONS.test(text) || meaningful.size < 3 || /[\p{Cc}\p{Cf}]/u.test(text.replace(/[\t\n\r]/g, ' '))) {
    return ja ? `${ruleId} を例外承認する理由には、その例外が許容できるわけを書く（${MIN_REASON} 文字以上で、いくつかの語からなる文。指定された値: ${JSON.stringify(reason)}）`
      : `the reason for acknowledging ${ruleId} must say why the exception is acceptable (at least ${MIN_REASON} characters and a few words; got ${JSON.stringify(reason)})`;
  }
  return undefined;
}

/** `[scope] cannot acknowledge <what>: <problem>` (`[scope] cannot acknowledge: <problem>` without `what`), in `language`. */
export function cannotAcknowledge(scope: string, what: string | undefined, problem: string, language: GuardLanguage = GuardLanguage.ENGLISH): string {
  if (language === GuardLanguage.JAPANESE) return `[${scope}] ${what === undefined ? '' : `${what} を`}例外承認できない: ${problem}`;
  return `[${scope}] cannot acknowledge${what === undefined ? '' : ` ${what}`}: ${problem}`;
}

/** A finding accepted by an acknowledgement, with its reason. */
export interface AcknowledgedFinding {
  readonly finding: Finding;
  readonly reason: string;
}

/** Split findings into those that refuse synthesis and those acknowledged (never a critical one). */
/** The acknowledgement that covers a finding: the first of its rule whose scope holds the finding's path; none for a critical one. */
export function acknowledgementOf<A extends Acknowledgement>(f: Finding, acks: readonly A[]): A | undefined {
  return f.severity === Severity.CRITICAL ? undefined
    : acks.find((a) => a.ruleId === f.ruleId && (a.scopePath === '' || f.path === a.scopePath || f.path.startsWith(`${a.scopePath}/`)));
}

export function applyAcknowledgements(
  findings: Finding[],
  acks: readonly Acknowledgement[],
): { blocking: Finding[]; acknowledged: AcknowledgedFinding[] } {
  const blocking: Finding[] = [];
  const acknowledged: AcknowledgedFinding[] = [];
  for (const f of findings) {
    const ack = acknowledgementOf(f, acks);
    if (ack) acknowledged.push({ finding: f, reason: ack.reason });
    else blocking.push(f);
  }
  return { blocking, acknowledged };
}
