import { AcknowledgedFinding, Acknowledgement, applyAcknowledgements } from './acknowledge';
import { byFindingOrder, checkTopology, declaredPrefixes, GuardScope } from './check';
import { DeclaredFlow, DeclaredSegmentHost, DeclaredSiem, PartScope } from './declared';
import { visible } from './display';
import { TopologyGraph } from './graph';
import { HubEvidenceRecord } from './hub-evidence';
import { Reachability } from './reachability';
import { Declarations, Finding, formatFindingIn, guardLanguageOf, Severity } from './rule';
import { GuardLanguage, TopologyGuardOptions } from '../model/guard-options';
import { byCodePoint } from '../model/order';

/** What one guarded stack's check found, in the form both engine adapters hand on. */
export interface GuardOutcome {
  /** Findings that refuse synthesis (critical and error). */
  readonly blocking: Finding[];
  /** Warning-severity findings nobody acknowledged: printed and reported, they do not refuse synthesis. */
  readonly warned: Finding[];
  /** Findings accepted by an acknowledgement (never a critical one). */
  readonly acknowledged: AcknowledgedFinding[];
  /** The blocking findings as validation error lines. */
  readonly errors: string[];
  /** The warning lines: the unacknowledged warnings. */
  readonly warnings: string[];
  /** The info lines: the acknowledged findings with their reasons (acknowledged, so no longer warnings). */
  readonly notes: string[];
  /** The JSON report written next to the synthesized output (stable key order). */
  readonly report: string;
}

/** Check a stack's graph and apply the acknowledgements made under it. Shared by the CDK and CDKTF adapters. */
export function evaluateTopology(
  stackName: string, graph: TopologyGraph, options: TopologyGuardOptions, acks: readonly Acknowledgement[],
  more: {
    /** Which findings this stack reports, when the graph also holds other stacks. @default every finding */
    readonly reports?: (f: Finding) => boolean;
    /** Whether a stack with nothing to check is refused (GUARD-1); false when another stack of the guarded scope holds the network. @default true */
    readonly emptyIsError?: boolean;
    /**
     * The flows the stack declares (FLOW-1); an empty list declares that none crosses a segment (`GuardContext.flows`).
     * @default none declared at all
     */
    readonly flows?: readonly DeclaredFlow[];
    /** The hosts the stack declares (AP-7). @default none */
    readonly hosts?: readonly DeclaredSegmentHost[];
    /** The SIEMs the stack's networks declare (LOG-1, `GuardContext.siem`). @default none declared */
    readonly siem?: readonly DeclaredSiem[];
    /** A reachability of the graph shared with the other stacks checked over it. @default one built for this check */
    readonly reach?: Reachability;
    /**
     * Parts of the stack guarded under their own model (several municipalities of different models in one Terraform
     * stack, a prefecture's members): each finding is judged by the rules of the part it lies in (the innermost scope
     * path above it); a finding in no part (a shared hub, resources added beside the networks) by every part's rules.
     * @default the whole stack under `options`
     */
    readonly parts?: readonly GuardedPart[];
    /**
     * The findings, already computed for a set of stacks checked together (`checkParts` over the connected stacks of a
     * prefecture): only the stack's share is taken (`reports`) and its acknowledgements applied. @default checked here
     */
    readonly findings?: readonly Finding[];
    /** The security cloud hub's evidence the graph was extracted with, recorded in the report. @default none */
    readonly hubEvidence?: HubEvidenceRecord;
    /** Findings about what lies outside the graph (stacks of the app no guard reads, unread-stacks.ts). @default none */
    readonly outside?: readonly Finding[];
  } = {},
): GuardOutcome {
  const language = guardLanguageOf(options);
  const ja = language === GuardLanguage.JAPANESE;
  const formatFinding = (f: Finding) => formatFindingIn(f, language);
  // The English report is what it has always been; in Japanese the English fields stay and `ja` is added.
  const fields = ({ ja: japanese, ...rest }: Finding) => (ja && japanese ? { ...rest, ja: japanese } : rest);
  const scope = { name: stackName, emptyIsError: more.emptyIsError, flows: more.flows, hosts: more.hosts, siem: more.siem, reach: more.reach };
  // Parts under more than one model are checked per model (`checkParts`) and listed in the report. Several parts of one
  // model (two networks in one stack) are checked by `checkParts` too, so that each is judged by its own declarations
  // (`GuardContext.declaredAt`), not by the stack's, which join them.
  const mixed = more.parts && new Set(more.parts.map((p) => modelKey(p.options))).size > 1 ? more.parts : undefined;
  const several = more.parts && more.parts.length > 1 ? more.parts : undefined;
  const findings = (more.findings ?? (several
    ? checkParts(graph, several, { ...scope, reach: more.reach ?? new Reachability(graph, declaredPrefixes(more.flows ?? [])) })
    : checkTopology(graph, options, scope)))
    .filter(more.reports ?? (() => true)).concat(more.outside ?? []);
  const { blocking: open, acknowledged } = applyAcknowledgements(findings, acks);
  // REQUIREMENTS.md §3: a warning asks for a reason (e.g. AP-5's UDP media) but is no violation by itself.
  const blocking = open.filter((f) => f.severity !== Severity.WARNING);
  const warned = open.filter((f) => f.severity === Severity.WARNING);
  const models = mixed
    ? {
      models: [...mixed].sort((a, b) => byCodePoint(a.scopePath, b.scopePath))
        .map((p) => ({ scope: p.scopePath, model: p.options.model, alphaPrimeCase: p.options.alphaPrimeCase })),
    }
    : {};
  const report = {
    stack: stackName,
    engine: graph.engine,
    model: options.model,
    alphaPrimeCase: options.alphaPrimeCase,
    ...models,
    ...(ja ? { language } : {}),
    violations: blocking.map((f) => ({ ...fields(f), text: formatFinding(f) })),
    warnings: warned.map((f) => ({ ...fields(f), text: formatFinding(f) })),
    acknowledged: acknowledged.map((a) => ({ ...fields(a.finding), reason: a.reason, text: formatFinding(a.finding) })),
    ...(more.hubEvidence ? { securityCloudHub: more.hubEvidence } : {}),
  };
  return {
    blocking,
    warned,
    acknowledged,
    errors: blocking.map(formatFinding),
    warnings: warned.map((f) => (ja ? `${formatFinding(f)}（理由を付けて例外承認するか、構成を変える）`
      : `${formatFinding(f)} (acknowledge it with a reason, or change the topology)`)),
    notes: acknowledged.map((a) => (ja ? `例外承認済み: ${formatFinding(a.finding)} 理由: ${visible(a.reason)}` : `acknowledged: ${formatFinding(a.finding)} Reason: ${visible(a.reason)}`)),
    report: `${JSON.stringify(report, null, 2)}\n`,
  };
}

/** A part of a stack guarded under its own model: the construct path of its scope, and its options. */
export interface GuardedPart {
  readonly scopePath: string;
  readonly options: TopologyGuardOptions;
  /**
   * The flows and hosts this part declares, when the parts' declarations are known apart (stacks checked together):
   * each model's rules then check only the declarations of the parts under it. Flows are known apart when some part
   * gives them; a part then without them declares none at all (an empty list declares that none crosses). @default the scope's
   */
  readonly flows?: readonly DeclaredFlow[];
  readonly hosts?: readonly DeclaredSegmentHost[];
  /** The SIEMs this part declares (LOG-1), known apart as flows are: a part then without them declares none. */
  readonly siem?: readonly DeclaredSiem[];
}

function modelKey(options: TopologyGuardOptions): string {
  return `${options.model}/${options.alphaPrimeCase ?? ''}`;
}

/**
 * The parts of a stack once `scope` is guarded under `options` too (both engines' `TopologyGuard.apply`): networks of
 * different models may share a stack, each a part under its own model; the stack itself cannot change its model, the
 * same scope cannot be two models, and the stack's guard cannot change its language. `inside`: the scope is a construct
 * strictly inside the stack (not the stack, an app or a stage).
 */
export function withGuardedPart(
  stackPath: string, existing: TopologyGuardOptions | undefined, known: readonly PartScope<GuardedPart>[],
  scope: { readonly path: string; readonly construct: object; readonly inside: boolean }, options: TopologyGuardOptions,
): PartScope<GuardedPart>[] {
  const part = { part: { scopePath: scope.path, options }, scope: scope.construct };
  if (!existing) return [part];
  if (modelKey(existing) !== modelKey(options)) {
    const inside = scope.inside && !known.some((p) => p.part.scopePath === scope.path);
    if (!inside || guardLanguageOf(existing) !== guardLanguageOf(options)) {
      throw new Error(`[${stackPath}] is already guarded as ${existing.model}${existing.alphaPrimeCase ? ` (${existing.alphaPrimeCase})` : ''}; cannot guard it as ${options.model} too`
        + (inside ? ' in another language' : ''));
    }
  }
  return [...known, part];
}

/**
 * The findings of a stack whose parts are guarded under different models: every model's rules run over the whole graph
 * (paths cross the parts) with one shared reachability, and each finding is kept from the rules of the part it lies in;
 * a finding in no part is kept from any model that finds it, once.
 */
export function checkParts(graph: TopologyGraph, parts: readonly GuardedPart[], scope: GuardScope): Finding[] {
  // The innermost part above a path (parts nest: the stack itself, a network inside it): the path itself, then each of
  // its prefixes ending before a '/', longest first (a prefecture has hundreds of parts and rules ask per subnet).
  const byPath = new Map<string, string>();
  for (const p of parts) if (!byPath.has(p.scopePath)) byPath.set(p.scopePath, modelKey(p.options));
  const innermost = new Map<string, string | undefined>();
  const partOf = (where: string): string | undefined => {
    if (innermost.has(where)) return innermost.get(where);
    const steps = where.split('/');
    let part: string | undefined;
    for (let n = steps.length; n > 0 && part === undefined; n--) {
      const prefix = steps.slice(0, n).join('/');
      if (byPath.has(prefix)) part = prefix;
    }
    innermost.set(where, part);
    return part;
  };
  const ownerOf = (where: string): string | undefined => {
    const part = partOf(where);
    return part === undefined ? undefined : byPath.get(part);
  };
  const byModel = new Map<string, { options: TopologyGuardOptions; flows?: DeclaredFlow[]; hosts?: DeclaredSegmentHost[]; siem?: DeclaredSiem[] }>();
  // Known apart, a model whose parts declare no flows declares none (not the scope's, which are other models' parts').
  const flowsApart = parts.some((p) => p.flows !== undefined);
  const siemApart = parts.some((p) => p.siem !== undefined);
  for (const p of parts) {
    const key = modelKey(p.options);
    const entry = byModel.get(key) ?? { options: p.options };
    if (p.flows) entry.flows = [...(entry.flows ?? []), ...p.flows];
    if (p.hosts) entry.hosts = [...(entry.hosts ?? []), ...p.hosts];
    if (p.siem) entry.siem = [...(entry.siem ?? []), ...p.siem];
    byModel.set(key, entry);
  }
  // Each part's own declarations, by its path (parts of one path declare together): one model's check holds several
  // parts (two members of one model), whose declarations it joins; a rule judging a place takes its part's
  // (`GuardContext.declaredAt`). A kind not known apart is the scope's, for every part as for every model. Known apart, a
  // part without flows declares that none crosses (fail closed: no other part's flow admits its places), one without a
  // SIEM declares none (LOG-1 reads it as a network that declares none). A part that declares nothing at all (the CDK
  // adapter's stack by its name beside the same stack by its construct path) is judged by its model's joined ones.
  const hostsApart = parts.some((p) => p.hosts !== undefined);
  const samePath = new Map<string, GuardedPart[]>();
  for (const p of parts) samePath.set(p.scopePath, [...(samePath.get(p.scopePath) ?? []), p]);
  const ownDeclarations = new Map([...samePath].flatMap(([path, same]): [string, Declarations][] => {
    if (same.every((p) => p.flows === undefined && p.siem === undefined && (p.hosts ?? []).length === 0)) return [];
    return [[path, {
      flows: flowsApart ? same.flatMap((p) => p.flows ?? []) : scope.flows,
      hosts: hostsApart ? same.flatMap((p) => p.hosts ?? []) : scope.hosts,
      siem: !siemApart ? scope.siem : same.some((p) => p.siem !== undefined) ? same.flatMap((p) => p.siem ?? []) : undefined,
    }]];
  }));
  const declaredAt = (where: string): Declarations | undefined => {
    const part = partOf(where);
    return part === undefined ? undefined : ownDeclarations.get(part);
  };
  const kept = new Map<string, Finding>();
  const shared = new Map<string, Finding[]>();
  for (const [key, { options, flows, hosts, siem }] of [...byModel].sort(([a], [b]) => byCodePoint(a, b))) {
    // Rules may skip the findings of other models' parts (only those: the owner test below is the one that decides).
    const keeps = (path: string) => {
      const owner = ownerOf(path);
      return owner === undefined || owner === key;
    };
    const declared = { flows: flowsApart ? flows : scope.flows, hosts: hosts ?? scope.hosts, siem: siemApart ? siem : scope.siem };
    for (const f of checkTopology(graph, options, { ...scope, ...declared, shared, keeps, declaredAt })) {
      const owner = ownerOf(f.path);
      if (owner !== undefined && owner !== key) continue;
      const id = `${f.ruleId}\u0000${f.path}\u0000${formatFindingIn(f, GuardLanguage.ENGLISH)}`;
      if (!kept.has(id)) kept.set(id, f);
    }
  }
  return [...kept.values()].sort(byFindingOrder);
}

/** The report's file name next to the synthesized template / Terraform configuration. */
export function reportFileName(stackArtifactId: string): string {
  return `jichitai-guard-report.${stackArtifactId}.json`;
}
