import * as fs from 'fs';
import * as path from 'path';
import { Annotations, CfnElement, CfnResource, ISynthesisSession, Stack, Validations } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { installRenderOnce, renderTemplate } from './render-once';
import { writeAtSynthesis } from '../docs/at-synthesis';
import { Acknowledgement, acknowledgementProblem, cannotAcknowledge, guardFindingId, ruleOfGuardFindingId } from '../guard/acknowledge';
import { declaredPrefixes } from '../guard/check';
import { declaredFlowsOf, declaredHostsOf, declaredSiemsOf, PartScope, withDeclarations } from '../guard/declared';
import { visible } from '../guard/display';
import { checkParts, evaluateTopology, GuardedPart, GuardOutcome, reportFileName, withGuardedPart } from '../guard/evaluate';
import { CloudFormationTemplate, ConstructPaths, extractCloudFormation, outsideValues, StackTags } from '../guard/extract-cloudformation';
import { nodesOf, TopologyGraph } from '../guard/graph';
import { evidenceOfOption, extractWithHub, HubEvidence, HubEvidenceRecord, sameEvidence, withHubStacks } from '../guard/hub-evidence';
import { oncePerValidation } from '../guard/memo';
import { Reachability } from '../guard/reachability';
import { classMethod, whenWritten } from '../guard/render-hooks';
import { Finding, formatFindingIn, guardLanguageOf } from '../guard/rule';
import { outsideReferences, unreadStackFinding } from '../guard/unread-stacks';
import { checkGuardOptions } from '../model/design-documents-problems';
import { GuardLanguage, SecurityCloudHubEvidence, TopologyGuardOptions } from '../model/guard-options';

/** The symbol aws-cdk-lib looks up on any construct to let it write files into the cloud assembly. */
const CUSTOM_SYNTHESIS = Symbol.for('@aws-cdk/core:customSynthesis');

const guarded = new WeakMap<Stack, TopologyGuardOptions>();
/** The scope each stack was guarded through (itself, or the app / stage given to `apply`). */
const scopes = new WeakMap<Stack, IConstruct>();
const reports = new WeakMap<Stack, Construct>();
/** The security cloud hub's evidence given for each stack (a member of a hub in another app or account). */
const hubEvidence = new WeakMap<Stack, SecurityCloudHubEvidence>();
/** Every scope the guard was applied through in each stack, with its options (networks of several models may share one). */
const parts = new WeakMap<Stack, PartScope<GuardedPart>[]>();

/**
 * The synth-time topology guard (AWS CDK). It reads the stack's synthesized CloudFormation — ours and
 * anything added by hand, overrides included — and refuses to synthesize a forbidden topology: `app.synth()`,
 * `Template.fromStack()` and `cdk synth` fail before anything is written, listing every violation with its
 * rule, path and fix. `MunicipalNetwork` applies it itself.
 */
export class TopologyGuard {
  /**
   * Guard the stack that holds `scope` (or every stack under it, for an app or stage). Segments are read
   * from the `jichitai:segment` tag; an unlabelled VPC is an error.
   */
  public static apply(scope: IConstruct, options: TopologyGuardOptions): void {
    checkGuardOptions(scope.node.path || '<app>', options);
    guardLanguageOf(options); // refuse an unknown language now, not at synthesis
    const stacks = stacksOf(scope);
    if (!scope.node.scopes.some((c) => Stack.isStack(c))) {
      // An app, a stage or another scope above the stacks: the stacks added to it after this call are guarded too, when
      // the tree is validated (a scope is validated before what it holds).
      scope.node.addValidation({
        validate: () => {
          const late = stacksOf(scope).filter((s) => !guarded.has(s));
          late.forEach((s) => TopologyGuard.guardStack(s, options, scope));
          return late.flatMap((s) => TopologyGuard.check(s));
        },
      });
    }
    stacks.forEach((s) => TopologyGuard.guardStack(s, options, scope));
  }

  /**
   * Accept the findings of a non-critical rule at or under `scope`, with a reason an auditor can read. A typed
   * shorthand for `Validations.of(scope).acknowledge({ id: 'jichitai-guard::<ruleId>', reason })`, CDK's own
   * acknowledgement, which the guard reads back: the reason is checked here already (and again at synthesis), and the
   * acknowledged findings are listed with it in `jichitai-guard-report.<stack>.json` next to the synthesized template
   * and printed as info, not warnings (so `cdk synth --strict` passes). Critical rules cannot be acknowledged.
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    // In the language of the guard already applied to the stack, if any.
    const stack = Stack.of(scope);
    const language = guardLanguageOf(guarded.get(stack) ?? {});
    const problem = acknowledgementProblem(ruleId, reason, language);
    if (problem) throw new Error(cannotAcknowledge(scope.node.path, undefined, problem, language));
    Validations.of(scope).acknowledge({ id: guardFindingId(ruleId), reason: reason.trim() });
  }

  private static guardStack(stack: Stack, options: TopologyGuardOptions, scope: IConstruct): void {
    const existing = guarded.get(stack);
    // The evidence may come with a later apply (MunicipalNetwork guards itself first): kept apart from the first options.
    if (options.securityCloudHub) hubEvidence.set(stack, sameEvidence(stack.node.path, hubEvidence.get(stack), options.securityCloudHub));
    const inside = !Stack.isStack(scope) && scope.node.scopes.includes(stack);
    const part = { path: scope.node.path, construct: scope, inside };
    parts.set(stack, withGuardedPart(stack.node.path, existing, parts.get(stack) ?? [], part, options));
    if (existing) return;
    guarded.set(stack, options);
    scopes.set(stack, scope);
    installRenderOnce(stack);
    // aws-cdk-lib lets any construct but a Stack write into the assembly, so the report has its own construct.
    const reporter = new Construct(stack, 'JichitaiGuardReport');
    reports.set(stack, reporter);
    stack.node.addValidation({ validate: () => TopologyGuard.check(stack) });
  }

  /**
   * Run the rules over the stack's template, together with the stacks it shares cross-stack references with (so that a
   * path through an exported transit gateway or VPC is followed); returns the blocking findings as validation errors.
   * A stack reports the findings located in itself and in connected stacks that nobody guards.
   */
  private static check(stack: Stack): string[] {
    const options = guarded.get(stack)!;
    const language = guardLanguageOf(options);
    const ja = language === GuardLanguage.JAPANESE;
    const formatFinding = (f: Parameters<typeof formatFindingIn>[0]) => formatFindingIn(f, language);
    const connected = connectedStacks(stack);
    // The guard reads connected stacks by their names (export names, paths); two of one name (copies for two regions
    // joined by a dependency) would leave one unread. CloudFormation needs a stack name unique per account and region only.
    const twice = connected.filter((s, i) => connected.some((o, j) => j < i && o.stackName === s.stackName));
    if (twice.length > 0) {
      return [`[${stack.node.path}] GUARD-1 critical (三層の対策): the connected stacks ${twice.map((s) => `${connected.filter((o) => o.stackName === s.stackName)
        .map((o) => o.node.path).join(' and ')} are both named ${s.stackName}`).join('; ')}: the guard reads connected stacks by name and cannot read them together. `
        + 'Fix: give each stack of the app a name of its own (stackName), or guard them in separate apps'];
    }
    const hub = evidenceOf(stack, connected);
    if ('errors' in hub) return hub.errors;
    const { graph, reach, together, hubRecord, othersFinding } = connectedGraph(connected, hub.evidence);
    // A stack reports the findings in itself, and those in the connected stacks nobody guards (a prefecture's hub) are
    // reported by the first guarded stack of the set only: not once per member.
    const withUnguarded = connected.filter((s) => s === stack || !guarded.has(s));
    const mine = connected.find((s) => guarded.has(s)) === stack ? withUnguarded : [stack];
    const under = (where: string, s: Stack) => where.startsWith(`${s.node.path}/`) || where.startsWith(`${s.stackName}/`);
    // The hub's findings (its evidence is in no stack of the app) go to the first guarded stack, like an unguarded hub's.
    const hubs = hub.evidence !== undefined && connected.find((s) => guarded.has(s)) === stack;
    const belongs = (where: string) => connected.length === 1 || mine.some((s) => under(where, s))
      || (hubs && !connected.some((s) => under(where, s)));
    // Nothing to check is an error (GUARD-1), unless the stack is one of an app or stage guarded as a whole whose network
    // lives in another stack (looked up only when this graph is empty).
    const empty = nodesOf(graph, 'vpc').length === 0 && nodesOf(graph, 'subnet').length === 0;
    const scope = scopes.get(stack);
    const emptyIsError = !empty || !scope || scope.node.scopes.includes(stack) || !scope.node.findAll()
      .some((c) => CfnResource.isCfnResource(c) && c.cfnResourceType === 'AWS::EC2::VPC' && Stack.of(c) !== stack);
    const { acks, problems } = acknowledgementsIn(stack, mine, language);
    const findings = !empty ? together() : undefined;
    const outcome = evaluateTopology(stack.stackName, graph, options, acks, {
      reports: (f) => belongs(f.path) && !othersFinding?.(f.path),
      emptyIsError,
      flows: declaredFlowsOf(stack),
      hosts: declaredHostsOf(stack),
      siem: declaredSiemsOf(stack),
      // Stacks connected to others share one reachability: each subnet's paths are explored once for all of them (when
      // the set's findings were not checked together already).
      reach: connected.length > 1 && !findings ? reach() : undefined,
      parts: withDeclarations(stack, parts.get(stack) ?? []),
      findings,
      hubEvidence: hubRecord,
      outside: unreadStacks(stack),
    });
    // Each finding is annotated on its own construct (the stack when its path names none), with its rule's stable ID,
    // so that CDK's acknowledgement at any scope above it applies, as it does to every other CDK warning.
    const silenced: string[] = [];
    for (const f of outcome.warned) {
      const id = guardFindingId(f.ruleId);
      const at = constructAt(stack, f.path);
      const message = ja
        ? `${formatFinding(f)} Validations.of(scope).acknowledge({ id: '${id}', reason }) か `
          + `TopologyGuard.acknowledge(scope, '${f.ruleId}', reason) で理由を付けて例外承認するか、構成を変える。`
        : `${formatFinding(f)} Acknowledge it with Validations.of(scope).acknowledge({ id: '${id}', reason }) `
          + `or TopologyGuard.acknowledge(scope, '${f.ruleId}', reason), or change the topology.`;
      Annotations.of(at).addWarningV2(id, message);
      // aws-cdk-lib drops a warning acknowledged through Annotations.acknowledgeWarning(), which keeps no reason: the
      // report would list it as open while the console shows nothing. The guard refuses it instead.
      if (!at.node.metadata.some((m) => m.data === `${message} [ack: ${id}]`)) {
        silenced.push(ja
          ? `[${visible(f.path)}] ${f.ruleId}: ${id} が、ガードが確認・記録できる理由なしに例外承認されている（Annotations.acknowledgeWarning は理由を残さない）。`
            + `代わりに Validations.of(scope).acknowledge({ id: '${id}', reason }) を使う`
          : `[${visible(f.path)}] ${f.ruleId}: ${id} was acknowledged without a reason the guard can check and report `
            + `(Annotations.acknowledgeWarning keeps none); use Validations.of(scope).acknowledge({ id: '${id}', reason }) instead`);
      }
    }
    for (const a of outcome.acknowledged) {
      Annotations.of(constructAt(stack, a.finding.path)).addInfo(ja
        ? `例外承認済み（${guardFindingId(a.finding.ruleId)}）: ${formatFinding(a.finding)} 理由: ${visible(a.reason)}`
        : `acknowledged (${guardFindingId(a.finding.ruleId)}): ${formatFinding(a.finding)} Reason: ${visible(a.reason)}`);
    }
    // The design documents too, once the synthesizer has written the template they hash. A member of a connected set (a
    // prefecture) describes itself and the connected stacks nobody guards (the hub), not the other members.
    const described = connected.length > 1 ? withUnguarded.map((s) => ({ name: s.stackName, path: s.node.path })) : undefined;
    if (options.designDocuments) documentsAtSynthesis(stack, graph, options, outcome, described);
    reportAtSynthesis(stack, reports.get(stack)!, outcome.report);
    return [...problems, ...silenced, ...outcome.errors];
  }
}

// The two writers below are functions of their own so that what they keep until the synthesizer runs is only what they
// write: a closure made inside `check` kept all of check's captured variables alive (the graph, its reachability, the
// rendered templates) to the end of the process, 15% more peak memory in an app of 100 municipalities (npm run bench).

/** The report goes next to the template; only a successful synthesis writes it (a refusal writes nothing). */
function reportAtSynthesis(stack: Stack, reporter: Construct, report: string): void {
  Object.defineProperty(reporter, CUSTOM_SYNTHESIS, {
    configurable: true,
    enumerable: false,
    value: {
      onSynthesize(session: ISynthesisSession) {
        fs.writeFileSync(path.join(session.outdir, reportFileName(stack.artifactId)), report);
      },
    },
  });
}

/** The design documents, once the synthesizer has written the template they hash. */
function documentsAtSynthesis(stack: Stack, graph: TopologyGraph, options: TopologyGuardOptions, outcome: GuardOutcome,
  describedStacks: { name: string; path: string }[] | undefined): void {
  const docs = options.designDocuments!;
  whenWritten(stack, (session: ISynthesisSession) => writeAtSynthesis(stack, stack.stackName, { graph, options, outcome, describedStacks }, docs,
    stack.artifactId, session.outdir, path.join(session.outdir, stack.templateFile)));
}

/**
 * The tags the stack is deployed with (semantics §3): its tag manager's, which aws-cdk-lib writes to the cloud assembly's
 * manifest (`tags` of the stack artifact) and the CDK CLI passes to CloudFormation, which gives them to the stack's
 * resources. They are in no template: `new Stack(…, { tags })` and `stack.addStackTag` tag the stack only, and
 * `Tags.of(scope).add` tags the stack as well as the resources it reaches. A key or value known at deploy time (a token)
 * is given as what it resolves to, an expression.
 */
function stackTagsOf(stack: Stack): StackTags {
  return Object.entries(stack.tags.tagValues()).map(([Key, Value]) => stack.resolve({ Key, Value }));
}

/**
 * The construct path of a logical ID, for resources without `aws:cdk:path` metadata (`cdk synth --no-path-metadata`,
 * apps outside the CLI): the map is built on the first question, since resolving every element's logical ID costs
 * about as much as the rules themselves (npm run bench).
 */
function lazyPaths(stack: Stack, elements: readonly CfnElement[]): (logicalId: string) => string | undefined {
  let map: Map<string, string> | undefined;
  return (logicalId) => {
    map ??= new Map(elements.map((e) => [stack.resolve(e.logicalId) as string, e.node.path]));
    return map.get(logicalId);
  };
}

/**
 * The stacks of the app that no guard reads (neither guarded nor linked to a guarded stack) and that name something
 * outside themselves (unread-stacks.ts): one GUARD-1 finding each, reported by the app's first guarded stack only.
 * Each is rendered and read on its own; an app whose stacks are all read pays only a walk over its stacks.
 */
function unreadStacks(stack: Stack): Finding[] {
  const { all, links } = appStacks(stack.node.root);
  const guardedStacks = all.filter((s) => guarded.has(s));
  if (guardedStacks[0] !== stack) return [];
  const read = new Set<Stack>(guardedStacks);
  const queue = [...guardedStacks];
  while (queue.length > 0) {
    for (const next of links.get(queue.pop()!) ?? []) {
      if (!read.has(next)) {
        read.add(next);
        queue.push(next);
      }
    }
  }
  const out: Finding[] = [];
  for (const s of all.filter((x) => !read.has(x))) {
    let references: string[];
    try {
      const template = classMethod(s, '_toCloudFormation')() as CloudFormationTemplate;
      references = outsideReferences(outsideValues(template), extractCloudFormation({ [s.stackName]: template }));
    } catch (e) {
      references = [`${s.stackName} (the guard cannot read its template: ${(e as Error).message})`];
    }
    if (references.length > 0) out.push(unreadStackFinding(s.node.path, references));
  }
  return out;
}

/** The stacks of an app with their links, found once per validation pass (see `appStacks`). */
interface AppStacks {
  readonly all: Stack[];
  /** Stacks linked either way by a dependency (cross-stack references make dependencies), by stack. */
  readonly links: Map<Stack, Set<Stack>>;
}

const appStacksOf = new WeakMap<IConstruct, AppStacks>();

/**
 * Every stack of the app and their dependency links, built once per validation pass (`oncePerValidation`): every guarded
 * stack asks, and asking each stack about every other made the guard quadratic in the number of stacks (`npm run bench`
 * at 300 municipalities).
 */
function appStacks(root: IConstruct): AppStacks {
  return oncePerValidation(appStacksOf, root, () => {
    // Walk down to the stacks only, never into them.
    const all: Stack[] = [];
    const visit = (c: IConstruct): void => {
      for (const child of c.node.children) {
        if (Stack.isStack(child)) all.push(child);
        else visit(child);
      }
    };
    visit(root);
    const links = new Map<Stack, Set<Stack>>(all.map((s) => [s, new Set<Stack>()]));
    for (const s of all) {
      for (const d of s.dependencies) {
        links.get(s)?.add(d);
        links.get(d)?.add(s);
      }
    }
    return { all, links };
  });
}

/** A connected set's graph, and its reachability shared by the set's guarded stacks (built when first asked). */
interface ConnectedGraph {
  readonly graph: TopologyGraph;
  readonly reach: () => Reachability;
  /**
   * The findings of every guarded stack of the set, checked together once (undefined for a set with one guarded stack):
   * each model's rules run once over the whole graph and each finding is kept from the model of the stack (or network)
   * it lies in (`checkParts`), so that a prefecture of N members costs a few passes, not N passes over N members.
   */
  readonly together: () => Finding[] | undefined;
  /** The guarded stacks of the set that have not asked yet: the entry is dropped after the last one (memory). */
  waiting: number;
  /** What the security cloud hub's evidence bound, when the set was extracted with it. */
  readonly hubRecord?: HubEvidenceRecord;
  /** Whether a finding lies in another member of the hub's app (its own guard judges it). */
  readonly othersFinding?: (path: string) => boolean;
}

const graphsOf = new WeakMap<IConstruct, Map<string, ConnectedGraph>>();

/**
 * The graph of a set of connected stacks, extracted once per validation pass: every guarded stack of a prefecture (a hub
 * and the members referencing it) is connected to all the others through the hub, and extracting the whole set again
 * for each of them made the guard quadratic in the number of members. Dropped once every guarded stack of the set has
 * asked (keeping each stack's graph and reachability to the end of the validation pass cost 15% more peak memory in an
 * app of 100 municipalities), and at the latest at the next microtask, like `appStacks`.
 */
function connectedGraph(connected: readonly Stack[], evidence: HubEvidence | undefined): ConnectedGraph {
  const root = connected[0].node.root;
  const known = oncePerValidation(graphsOf, root, () => new Map<string, ConnectedGraph>());
  const key = [...connected.map((s) => s.node.path), ...(evidence ? [evidence.source.artifact, evidence.source.outputs] : [])].join('\n');
  let made = known.get(key);
  if (!made) {
    const templates: Record<string, any> = {};
    const paths: Record<string, ConstructPaths> = {};
    const tags: Record<string, StackTags> = {};
    // Stacks connected by dependencies may be deployed to different accounts or regions (`extractCloudFormation`).
    const environments: Record<string, string> = {};
    for (const s of connected) {
      const { template, elements } = renderTemplate(s);
      templates[s.stackName] = template;
      paths[s.stackName] = lazyPaths(s, elements);
      tags[s.stackName] = stackTagsOf(s);
      environments[s.stackName] = s.environment;
    }
    // A member of a hub in another app: the hub's artifact joins the set, its outputs bind the member's literal IDs.
    const withHub = evidence ? extractWithHub(evidence, (hubStacks, bound) => extractCloudFormation(
      { ...templates, ...hubStacks } as Record<string, CloudFormationTemplate>,
      withHubStacks(paths, evidence.paths), bound,
      withHubStacks(tags, evidence.tags), environments)) : undefined;
    const graph = withHub?.graph ?? extractCloudFormation(templates, paths, {}, tags, environments);
    let reach: Reachability | undefined;
    let findings: Finding[] | undefined;
    const guardedStacks = connected.filter((s) => guarded.has(s));
    // Every stack's declared blocks are classes of the one reachability (finer classes stay exact).
    const shared = () => (reach ??= new Reachability(graph, connected.flatMap((s) => declaredPrefixes(declaredFlowsOf(s) ?? []))));
    made = {
      graph,
      hubRecord: withHub?.record,
      othersFinding: withHub?.othersFinding,
      waiting: guardedStacks.length,
      reach: shared,
      together: () => {
        if (guardedStacks.length < 2) return undefined;
        // Once for the set (every member asks): building the parts again for each member was quadratic in the members.
        if (!findings) {
          // Each guarded stack is a part under its model (by construct path and by stack name, the two ways a finding's
          // path can start), and so is each network guarded inside it, each with the declarations it made: each model
          // checks only its own parts' declarations.
          const all = guardedStacks.flatMap((s): GuardedPart[] => {
            const inside = (parts.get(s) ?? []).filter((p) => p.scope !== s);
            const declared = withDeclarations(s, [{ part: { scopePath: s.node.path, options: guarded.get(s)! }, scope: s }, ...inside]);
            // The same stack by name declares nothing of its own: the part by construct path carries its declarations (an
            // empty list here would declare that no flow crosses, GuardContext.flows).
            return s.stackName !== s.node.path ? [...declared, { scopePath: s.stackName, options: guarded.get(s)!, hosts: [] }] : declared;
          });
          findings = checkParts(graph, all, { name: guardedStacks.map((s) => s.stackName).join(', '), reach: shared() });
          // Its caches (every subnet's arrivals) are no longer asked for: dropped now, not when the last member has asked
          // (a prefecture of 100 members held about 30 MB more through its members' checks, npm run bench).
          reach = undefined;
        }
        return findings;
      },
    };
    known.set(key, made);
  }
  if (--made.waiting <= 0) known.delete(key);
  return made;
}

/**
 * The hub evidence of a connected set (given on any of its guarded stacks), read now (at synthesis): the files may be
 * written after the app's code ran. Unreadable or mismatched files are validation errors, every one at once.
 */
function evidenceOf(stack: Stack, connected: readonly Stack[]): { evidence?: HubEvidence } | { errors: string[] } {
  const given = [...new Map(connected.map((s) => hubEvidence.get(s)).filter((e): e is SecurityCloudHubEvidence => e !== undefined)
    .map((e) => [`${e.artifact}\n${e.outputs}`, e])).values()];
  if (given.length === 0) return {};
  if (given.length > 1) {
    return {
      errors: [`[${stack.node.path}] securityCloudHub: the connected stacks give the evidence of ${given.length} hubs (${given.map((e) => e.artifact).join(', ')}); `
      + 'give every stack of the set the evidence of the one hub they join'],
    };
  }
  return evidenceOfOption(given[0], 'cloudformation', stack.node.path);
}

/** The stack and every stack of the same app it is linked to by cross-stack references, either way, transitively; in app order. */
function connectedStacks(stack: Stack): Stack[] {
  const { all, links } = appStacks(stack.node.root);
  const linked = new Set<Stack>([stack]);
  const queue = [stack];
  while (queue.length > 0) {
    for (const next of links.get(queue.pop()!) ?? []) {
      if (!linked.has(next)) {
        linked.add(next);
        queue.push(next);
      }
    }
  }
  return all.filter((s) => linked.has(s));
}

/**
 * The guard acknowledgements given through CDK's `Validations.of(scope).acknowledge()` (aws-cdk-lib records each as
 * `aws:cdk:acknowledged-rules` metadata, `{ [id]: reason }`, on the scope) in the stacks whose findings this stack
 * reports and on the stack's ancestors (the app, a stage); and, as validation errors, the ones the guard cannot accept:
 * an unknown rule, a critical rule, a reason that says nothing (the checks of TopologyGuard.acknowledge).
 */
function acknowledgementsIn(stack: Stack, stacks: Stack[], language: GuardLanguage): { acks: Acknowledgement[]; problems: string[] } {
  const acks: Acknowledgement[] = [];
  const problems: string[] = [];
  const holders = [...stack.node.scopes.filter((c) => !Stack.isStack(c)), ...stacks.flatMap((s) => s.node.findAll())];
  for (const c of holders) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        const ruleId = ruleOfGuardFindingId(id);
        if (ruleId === undefined) continue;
        const problem = acknowledgementProblem(ruleId, reason, language);
        if (problem) problems.push(cannotAcknowledge(c.node.path || '<app>', id, problem, language));
        else acks.push({ scopePath: c.node.path, ruleId, reason: reason.trim() });
      }
    }
  }
  return { acks, problems };
}

/** The construct at a finding's path, or the nearest one above it (the stack, for a path that names no construct). */
function constructAt(stack: Stack, where: string): IConstruct {
  let at: IConstruct = stack.node.root;
  for (const id of where.split('/')) {
    const child = at.node.tryFindChild(id);
    if (!child) break;
    at = child;
  }
  return at === stack.node.root ? stack : at;
}

/** Every stack under `scope`, or the one holding it. */
function stacksOf(scope: IConstruct): Stack[] {
  const inside = scope.node.scopes.slice().reverse().find((c) => Stack.isStack(c)) as Stack | undefined;
  if (inside) return [inside];
  return scope.node.findAll().filter((c): c is Stack => Stack.isStack(c));
}
