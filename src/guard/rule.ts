import { DeclaredFlow, DeclaredSegmentHost, DeclaredSiem } from './declared';
import { visible } from './display';
import { TopologyGraph } from './graph';
import { Hop, Reachability } from './reachability';
import { Bilingual } from '../model/bilingual';
import { GuardLanguage } from '../model/guard-options';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';

/** How bad a finding is. Critical findings can never be acknowledged. */
export enum Severity {
  CRITICAL = 'critical',
  ERROR = 'error',
  WARNING = 'warning',
}

export type { Bilingual } from '../model/bilingual';
export { bi } from '../model/bilingual';

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
  /**
   * The flows the scope declares (FLOW-1 proves them open). Undefined: the scope declares none at all (a stack built by
   * hand, the CLI without --blueprint), and the rules that compare with the declared flows cannot (LG-2's direction is a
   * warning). An empty list is a declaration — no flow crosses a segment (a blueprint's `flows: []`, or left out): then
   * everything that crosses is beyond the declared flows, as with a list that does not name it.
   */
  readonly flows?: readonly DeclaredFlow[];
  /**
   * The declarations of the part a path lies in, where one check judges several parts under one model (two members of
   * the same model in a prefecture, `checkParts`): `flows`, `hosts` and `siem` are then all of them joined, and a rule
   * that judges a place (a group, a subnet, a VPC's logs) against the declarations takes its own part's (`declaredAt`),
   * so that one member's declaration excuses nothing of another's. Undefined (the function, or its answer for a path in
   * no part): the joined ones.
   */
  readonly declaredAt?: (path: string) => Declarations | undefined;
  /** The hosts the scope declares in its segments, with their roles (AP-7). */
  readonly hosts?: readonly DeclaredSegmentHost[];
  /**
   * The SIEMs the scope's networks declare (LOG-1 in β / β′: a literal log destination must name one). Undefined: none
   * declared (a stack built by hand, the CLI without --blueprint), and any literal destination outside the output counts
   * as the SIEM.
   */
  readonly siem?: readonly DeclaredSiem[];
  /**
   * Whether the caller keeps a finding at this path (`checkParts` keeps a model's findings in the parts under that model
   * and in no part): a rule may skip computing a finding at a path not kept — only that finding, never anything another
   * finding depends on. @default every path is kept
   */
  readonly keeps?: (path: string) => boolean;
}

/** What a scope or a part declares (`GuardContext`'s fields of the same names, and their meaning). */
export interface Declarations {
  readonly flows?: readonly DeclaredFlow[];
  readonly hosts?: readonly DeclaredSegmentHost[];
  readonly siem?: readonly DeclaredSiem[];
}

/**
 * The declarations a place at `path` is judged against: those of the part it lies in (`GuardContext.declaredAt`), else
 * the context's own. Members' address blocks do not overlap, but shared addresses (the hub, the WAN services, a SIEM
 * bucket) do: a member's place judged by another member's declaration would be excused by what it never declared.
 */
export function declaredAt(ctx: GuardContext, path: string): Declarations {
  return ctx.declaredAt?.(path) ?? ctx;
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
  /**
   * The message and the fix in Japanese, for `language: GuardLanguage.JAPANESE`. Every rule builds its findings with
   * `finding()`, which takes both texts side by side, so a finding of a rule always has them.
   */
  readonly ja?: FindingText;
}

/** A finding's message and fix in one language. */
export interface FindingText {
  readonly message: string;
  readonly fix: string;
}

/** A Japanese phrase followed by a particle: a space after it when it ends in a name or an address (`subnet-1 に`). */
export function spaced(ja: string): string {
  return /[\x21-\x7e]$/.test(ja) ? `${ja} ` : ja;
}

/** Several bilingual parts joined, each language with its own separator. */
export function joinBi(parts: readonly Bilingual[], en = '; ', ja = '。'): Bilingual {
  return { en: parts.map((p) => p.en).join(en), ja: parts.map((p) => p.ja).join(ja) };
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

/** A finding of `rule` at `path`, its message and fix in both languages; `hops` when it is about a path. */
export function finding(rule: GuardRule, path: string, message: Bilingual, fix: Bilingual, hops: Hop[] = []): Finding {
  return {
    ruleId: rule.id, severity: rule.severity, term: rule.term, path, message: message.en, hops, fix: fix.en, ja: { message: message.ja, fix: fix.ja },
  };
}

/** A finding's message and fix in `language` (English when it has no Japanese text). */
export function findingText(f: Finding, language: GuardLanguage = GuardLanguage.ENGLISH): FindingText {
  return language === GuardLanguage.JAPANESE && f.ja ? f.ja : { message: f.message, fix: f.fix };
}

/** The severity as printed: the English word, or 重大 / エラー / 警告. */
export function severityText(severity: Severity, language: GuardLanguage = GuardLanguage.ENGLISH): string {
  if (language !== GuardLanguage.JAPANESE) return severity;
  return { [Severity.CRITICAL]: '重大', [Severity.ERROR]: 'エラー', [Severity.WARNING]: '警告' }[severity];
}

/** `[path] ID severity (term): message. hop → hop. Fix: …` */
export function formatFinding(f: Finding): string {
  return formatFindingIn(f, GuardLanguage.ENGLISH);
}

/**
 * `formatFinding` in `language`; in Japanese `[path] ID 重大（term）: message。経路: hop → hop。対処: …`. One line: the
 * names read from the template are shown with their hidden characters escaped (`visible`).
 */
export function formatFindingIn(f: Finding, language: GuardLanguage): string {
  if (language === GuardLanguage.JAPANESE && f.ja) {
    const path = f.hops.length > 0 ? `経路: ${f.hops.map((h) => h.label).join(' → ')}。` : '';
    return visible(`[${f.path}] ${f.ruleId} ${severityText(f.severity, language)}（${f.term}）: ${f.ja.message}。${path}対処: ${f.ja.fix}`);
  }
  const path = f.hops.length > 0 ? ` ${f.hops.map((h) => h.label).join(' → ')}.` : '';
  return visible(`[${f.path}] ${f.ruleId} ${f.severity} (${f.term}): ${f.message}.${path} Fix: ${f.fix}`);
}

/** The language of the options; a value that is not a `GuardLanguage` is refused (JavaScript and JSON callers can pass anything). */
export function guardLanguageOf(options: { readonly language?: unknown }): GuardLanguage {
  const language = options.language;
  if (language === undefined) return GuardLanguage.ENGLISH;
  if (language === GuardLanguage.ENGLISH || language === GuardLanguage.JAPANESE) return language;
  throw new Error(`language: ${JSON.stringify(language)} is not a GuardLanguage; use GuardLanguage.ENGLISH ('en') or GuardLanguage.JAPANESE ('ja')`);
}

const modelIndependentParts = new WeakMap<Reachability, Map<string, Finding[]>>();

/**
 * The findings of a part of a rule that reads nothing model- or scope-specific (only the graph and its reachability),
 * computed once per reachability: a prefecture's graph is checked once per model present (`checkParts`) over one shared
 * reachability, and a rule that also reads the model (LG-2's direction of the flows) would otherwise redo its
 * model-independent part in every pass. `key` names the part (rule and arguments); `compute` must not read
 * `ctx.model`, `ctx.alphaPrimeCase`, `ctx.scope`, `ctx.flows`, `ctx.hosts`, `ctx.siem`, `ctx.declaredAt` or `ctx.keeps`, nor call what does
 * (`unnarrowedGroups` reads the flows and the kept paths; `pathFindings` the kept paths).
 */
export function modelIndependent(ctx: GuardContext, key: string, compute: () => Finding[]): Finding[] {
  let known = modelIndependentParts.get(ctx.reach);
  if (!known) {
    known = new Map();
    modelIndependentParts.set(ctx.reach, known);
  }
  let out = known.get(key);
  if (!out) {
    out = compute();
    known.set(key, out);
  }
  return out;
}
