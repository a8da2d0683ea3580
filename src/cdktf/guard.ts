import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Aspects, TerraformResource, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { installRenderOnce, renderConfig } from './render-once';
import { writeAtSynthesis } from '../docs/at-synthesis';
import { Acknowledgement, acknowledgementProblem, cannotAcknowledge } from '../guard/acknowledge';
import { declaredFlowsOf, declaredHostsOf, declaredSiemsOf, PartScope, withDeclarations } from '../guard/declared';
import { evaluateTopology, GuardedPart, GuardOutcome, reportFileName, withGuardedPart } from '../guard/evaluate';
import { extractTerraform, outsideConfigValues, TerraformJson } from '../guard/extract-terraform';
import { nodesOf, TopologyGraph } from '../guard/graph';
import { evidenceOfOption, extractWithHub, sameEvidence } from '../guard/hub-evidence';
import { oncePerValidation } from '../guard/memo';
import { classMethod, whenWritten } from '../guard/render-hooks';
import { Finding, formatFindingIn, guardLanguageOf } from '../guard/rule';
import { outsideReferences, unreadStackFinding } from '../guard/unread-stacks';
import { checkGuardOptions } from '../model/design-documents-problems';
import { SecurityCloudHubEvidence, TopologyGuardOptions } from '../model/guard-options';

/** The symbol cdktf looks up on any construct to let it write files next to the stack's configuration. */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

const guarded = new WeakMap<TerraformStack, TopologyGuardOptions>();
/** The scope each stack was guarded through (itself, or the app given to `apply`). */
const scopes = new WeakMap<TerraformStack, IConstruct>();
const acknowledgements = new WeakMap<TerraformStack, Acknowledgement[]>();
/** Every scope the guard was applied through in each stack, with its options (networks of several models may share one). */
const parts = new WeakMap<TerraformStack, PartScope<GuardedPart>[]>();
const reports = new WeakMap<TerraformStack, Construct>();
/** The security cloud hub's evidence given for each stack (a member of a hub in another app or account). */
const hubEvidence = new WeakMap<TerraformStack, SecurityCloudHubEvidence>();
/** The scopes above the stacks (an app) the guard was applied to, by app: stacks added to them afterwards are guarded too. */
const wholeScopes = new WeakMap<IConstruct, { scope: IConstruct; options: TopologyGuardOptions }[]>();

/**
 * The synth-time topology guard (CDKTF). It reads the stack's synthesized Terraform JSON — ours and anything
 * added by hand, `addOverride` included — and refuses to synthesize a forbidden topology: `app.synth()`,
 * `cdktf synth`, `Testing.synth(stack, true)` and `Testing.fullSynth()` fail before the stack's configuration is
 * written, listing every violation with its rule, path and fix. `MunicipalNetwork` applies it itself.
 *
 * CDKTF visits no aspect or validation added to the App, so the guard attaches to each stack.
 */
export class TopologyGuard {
  /**
   * Guard the stack that holds `scope`, or every stack under it (for an app, call it after adding the stacks).
   * Segments are read from the `jichitai:segment` tag; an unlabelled VPC is an error.
   */
  public static apply(scope: IConstruct, options: TopologyGuardOptions): void {
    checkGuardOptions(scope.node.path || '<app>', options);
    guardLanguageOf(options); // refuse an unknown language now, not at synthesis
    const stacks = stacksOf(scope);
    if (stacks.length === 0) {
      throw new Error(`[${scope.node.path || '<app>'}] holds no TerraformStack to guard: CDKTF validates stacks only, so call TopologyGuard.apply after adding the stacks (or on each stack)`);
    }
    // Applied to the app (or another scope above the stacks): a stack added to it afterwards is guarded too (`guardLate`).
    if (!scope.node.scopes.some((c) => TerraformStack.isStack(c))) {
      wholeScopes.set(scope.node.root, [...(wholeScopes.get(scope.node.root) ?? []), { scope, options }]);
    }
    for (const stack of stacks) {
      const existing = guarded.get(stack);
      const inside = scope !== stack && stacks.length === 1;
      const part = { path: scope.node.path, construct: scope, inside };
      parts.set(stack, withGuardedPart(stack.node.path, existing, parts.get(stack) ?? [], part, options));
      // The evidence may come with a later apply (MunicipalNetwork guards itself first): kept apart from the first options.
      if (options.securityCloudHub) hubEvidence.set(stack, sameEvidence(stack.node.path, hubEvidence.get(stack), options.securityCloudHub));
      if (existing) continue;
      guarded.set(stack, options);
      scopes.set(stack, scope);
      // Before synthesis starts: the render is kept only while the stack's synthesizer runs.
      installRenderOnce(stack);
      reports.set(stack, new Construct(stack, 'JichitaiGuardReport'));
      stack.node.addValidation({ validate: () => TopologyGuard.check(stack) });
    }
  }

  /**
   * Accept the findings of a non-critical rule at or under `scope`, with a reason an auditor can read.
   * Acknowledged findings become info annotations and are listed with the reason in
   * `jichitai-guard-report.<stack>.json` next to the stack's `cdk.tf.json`. Critical rules cannot be acknowledged.
   * (CDKTF has no acknowledgement API of its own; the AWS CDK guard goes through CDK's `Validations.acknowledge`.)
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const stack = TerraformStack.of(scope);
    // In the language of the guard already applied to the stack, if any.
    const language = guardLanguageOf(guarded.get(stack) ?? {});
    const problem = acknowledgementProblem(ruleId, reason, language);
    if (problem) throw new Error(cannotAcknowledge(scope.node.path, undefined, problem, language));
    acknowledgements.set(stack, [...(acknowledgements.get(stack) ?? []), { scopePath: scope.node.path, ruleId, reason: reason.trim() }]);
  }

  /**
   * The stacks added after `apply` to a scope it was applied to: each is guarded now. cdktf synthesizes (and validates)
   * the stacks in tree order, so one that comes after `stack` is checked by its own validation; one that came before was
   * written already, and is checked here (its errors are this validation's).
   */
  private static guardLate(stack: TerraformStack): string[] {
    const errors: string[] = [];
    const order = appStacks(stack.node.root);
    for (const { scope, options } of wholeScopes.get(stack.node.root) ?? []) {
      for (const late of stacksOf(scope).filter((s) => !guarded.has(s))) {
        TopologyGuard.apply(late, options);
        if (order.indexOf(late) < order.indexOf(stack)) errors.push(...TopologyGuard.check(late).map((e) => `[${late.node.path}] ${e}`));
      }
    }
    return errors;
  }

  /** Run the rules over the stack's Terraform JSON; returns the blocking findings as validation errors. */
  private static check(stack: TerraformStack): string[] {
    const late = TopologyGuard.guardLate(stack);
    const options = guarded.get(stack)!;
    // toTerraform() resolves every token and keeps each resource's construct path in its "//" metadata; the synthesizer
    // writes this very render (render-once.ts).
    const config = renderConfig(stack) as TerraformJson;
    const given = hubEvidence.get(stack);
    let withHub: ReturnType<typeof extractWithHub> | undefined;
    if (given) {
      // A member of a hub in another app: the hub's configuration joins the graph, its outputs bind the member's literal IDs.
      const read = evidenceOfOption(given, 'terraform', stack.node.path);
      if ('errors' in read) return [...late, ...read.errors];
      const evidence = read.evidence;
      withHub = extractWithHub(evidence,
        (hubStacks, bound) => extractTerraform({ [stack.node.id]: config, ...hubStacks } as Record<string, TerraformJson>, bound));
    }
    const graph = withHub?.graph ?? extractTerraform({ [stack.node.id]: config });
    // Nothing to check is an error (GUARD-1), unless the stack is one of an app guarded as a whole whose network lives in
    // another stack (looked up only when this graph is empty).
    const empty = nodesOf(graph, 'vpc').length === 0 && nodesOf(graph, 'subnet').length === 0;
    const scope = scopes.get(stack);
    const emptyIsError = !empty || !scope || scope.node.scopes.includes(stack) || !scope.node.findAll()
      .some((c) => TerraformResource.isTerraformResource(c) && c.terraformResourceType === 'aws_vpc' && TerraformStack.of(c) !== stack);
    const outcome = evaluateTopology(stack.node.id, graph, options, acknowledgements.get(stack) ?? [], {
      // Other members of the hub's app are judged by their own guard.
      reports: withHub ? (f) => !withHub.othersFinding(f.path) : undefined,
      hubEvidence: withHub?.record,
      emptyIsError,
      flows: declaredFlowsOf(stack),
      hosts: declaredHostsOf(stack),
      siem: declaredSiemsOf(stack),
      parts: withDeclarations(stack, parts.get(stack) ?? []),
      outside: unreadStacks(stack),
    });
    if (options.designDocuments) documentsAtSynthesis(stack, graph, options, outcome);
    outcome.warnings.forEach((w) => Annotations.of(stack).addWarning(w));
    outcome.notes.forEach((n) => Annotations.of(stack).addInfo(n));
    reportAtSynthesis(stack, reports.get(stack)!, outcome.report, outcome.warnings);
    return [...late, ...outcome.errors];
  }
}

/**
 * The stacks of the app that no guard reads (each Terraform stack is a configuration of its own: one not guarded is
 * never read) and that name something outside themselves (unread-stacks.ts): one GUARD-1 finding each, reported by the
 * app's first guarded stack only.
 */
function unreadStacks(stack: TerraformStack): Finding[] {
  const all = appStacks(stack.node.root);
  if (all.find((s) => guarded.has(s)) !== stack) return [];
  const out: Finding[] = [];
  const at = all.indexOf(stack);
  for (const s of all.filter((x) => !guarded.has(x))) {
    // cdktf runs a stack's aspects in its own synthesizer: one synthesized after this stack whose aspects have not run
    // yet is read when they have, by a validation of its own (what it names then is its error).
    if (all.indexOf(s) > at && aspectsReach(s)) {
      const language = guardLanguageOf(guarded.get(stack) ?? {});
      s.node.addValidation({
        validate: () => {
          const references = unreadReferences(s);
          return references.length > 0 ? [formatFindingIn(unreadStackFinding(s.node.path, references), language)] : [];
        },
      });
      continue;
    }
    const references = unreadReferences(s);
    if (references.length > 0) out.push(unreadStackFinding(s.node.path, references));
  }
  return out;
}

/** What an unguarded stack names outside itself (unread-stacks.ts), or why its configuration cannot be read. */
function unreadReferences(s: TerraformStack): string[] {
  try {
    const config = classMethod(s, 'toTerraform')() as TerraformJson;
    return outsideReferences(outsideConfigValues(config), extractTerraform({ [s.node.id]: config }));
  } catch (e) {
    return [`${s.node.id} (the guard cannot read its configuration: ${(e as Error).message})`];
  }
}

/** Whether an aspect applies to the stack: one added to it, to something in it, or to a scope above it (the app). */
function aspectsReach(s: TerraformStack): boolean {
  return [...s.node.scopes, ...s.node.findAll()].some((c) => Aspects.of(c).all.length > 0);
}

/**
 * Every stack of the app, found once per validation pass (`oncePerValidation`): every guarded stack asks (only the first
 * acts on it), and each walking the whole construct tree made the guard quadratic in the stacks (at 100 municipalities
 * 1.7 s of a 13 s synth, `npm run bench`).
 */
function appStacks(root: IConstruct): TerraformStack[] {
  return oncePerValidation(appStacksOf, root, () => root.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c)));
}

const appStacksOf = new WeakMap<IConstruct, TerraformStack[]>();

// The two writers below are functions of their own so that what they keep until the synthesizer runs is only what they
// write: a closure made inside `check` kept all of check's captured variables alive (the graph, the rendered
// configuration) to the end of the process (npm run bench).

type Session = { outdir: string; manifest: { forStack(s: TerraformStack): { workingDirectory: string; synthesizedStackPath: string } } };

/** The report next to cdk.tf.json; only a successful synthesis writes it (a refusal writes nothing). */
function reportAtSynthesis(stack: TerraformStack, reporter: Construct, report: string, warnings: readonly string[]): void {
  Object.defineProperty(reporter, CUSTOM_SYNTHESIS, {
    configurable: true,
    enumerable: false,
    value: {
      onSynthesize(session: Session) {
        const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, reportFileName(stack.node.id)), report);
        printWarnings(stack, warnings);
      },
    },
  });
}

/** The design documents next to cdk.tf.json, once the synthesizer has written it (the documents carry its hash). */
function documentsAtSynthesis(stack: TerraformStack, graph: TopologyGraph, options: TopologyGuardOptions, outcome: GuardOutcome): void {
  const docs = options.designDocuments!;
  whenWritten(stack, (session: Session) => {
    const manifest = session.manifest.forStack(stack);
    writeAtSynthesis(stack, stack.node.id, { graph, options, outcome }, docs,
      stack.node.id, path.join(session.outdir, manifest.workingDirectory), path.join(session.outdir, manifest.synthesizedStackPath));
  });
}

/**
 * cdktf's `app.synth()` only stores annotations in the manifest, which the cdktf CLI prints; a plain `node main.js`
 * would show nothing. So the guard prints its warnings itself, once per synthesis of the stack, in finding order, to
 * stderr — except under the cdktf CLI, which runs the app with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS set
 * (cdktf lib/terraform-stack.js reads it) and prints the manifest's annotations itself.
 */
function printWarnings(stack: TerraformStack, warnings: readonly string[]): void {
  if (warnings.length === 0 || process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined) return;
  process.stderr.write(warnings.map((w) => `[WARN] [${stack.node.path}] ${w}\n`).join(''));
}

/** The stack that holds `scope`, or every stack under it. */
function stacksOf(scope: IConstruct): TerraformStack[] {
  const inside = scope.node.scopes.slice().reverse().find((c) => TerraformStack.isStack(c)) as TerraformStack | undefined;
  if (inside) return [inside];
  return scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}
