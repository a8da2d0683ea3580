import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { BootstraplessSynthesizer, CfnElement, CliCredentialsStackSynthesizer, DefaultStackSynthesizer, LegacyStackSynthesizer, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { changedAfterCheck, classMethod, hookRender, isHook, startsWith } from '../guard/render-hooks';

/**
 * Render a guarded stack's template once per synthesis (issue 4's cost target).
 *
 * The guard has to read the rendered template during validation, and the stack synthesizer renders it again a moment
 * later to write it: rendering (resolving every token of every element) is most of what synthesis costs, so doing it
 * twice was nearly all of the guard's cost (`npm run bench`). Here the guard's render is kept, and the synthesizer's
 * call to `_toCloudFormation()` gets it back — once — provided the stack still has the very elements it was rendered
 * from. Between validation and synthesis aws-cdk-lib only *adds* elements (DefaultStackSynthesizer's BootstrapVersion
 * parameter and CheckBootstrapVersion rule); those few are rendered and merged into the kept template. Anything else
 * (an element removed or replaced, an element added to another section than Parameters and Rules, new template options,
 * a name collision) is a change the guard did not check: the synthesis fails (GUARD-1), so the written template is the
 * checked one (test/cdk/render-once.test.ts compares the bytes with an unguarded synthesis). A synthesizer other than
 * aws-cdk-lib's own, or a stack class writing its template itself, may change the template as it writes it: the written
 * file is read back and compared.
 *
 * The kept render lives from the guard's validation to the end of the stack's synthesizer run, and never past the
 * current job (a microtask drops it): a validation that no synthesis follows (a refusal elsewhere in the app, a manual
 * `node.validate()`) leaves nothing behind for a later render to pick up.
 */

interface Rendered {
  /** The stack's elements, in the order `Stack._toCloudFormation()` visits them, when the template was rendered. */
  readonly elements: CfnElement[];
  /** The template options the header was rendered from. */
  readonly header: string;
  readonly template: any;
  /** Which render this is (renders are numbered), for the microtask that drops it. */
  readonly generation: number;
}

const kept = new WeakMap<Stack, Rendered>();
/** The template handed to the synthesizer in this synthesis (the checked render and the synthesizer's additions). */
const served = new WeakMap<Stack, unknown>();
let renders = 0;

/**
 * Sections the synthesizer itself adds to after validation (the bootstrap version parameter and rule): maps of logical
 * IDs, so an element's fragment is added key by key.
 */
const SYNTHESIZER_SECTIONS = new Set(['Parameters', 'Rules']);


/**
 * Render `stack`'s template now (as `cdk synth` would write it) and keep it for the synthesizer; also returns the
 * stack's elements, in template order.
 */
export function renderTemplate(stack: Stack): { readonly template: any; readonly elements: readonly CfnElement[] } {
  installRenderOnce(stack);
  const elements = cfnElements(stack);
  // `_toCloudFormation` is internal to aws-cdk-lib, but stable since CDK v1.
  const template = classMethod(stack, '_toCloudFormation')();
  const generation = ++renders;
  kept.set(stack, { elements, header: headerOf(stack), template, generation });
  // Dropped after the synthesis (or a refused one). The callback names the render by number only: holding the render
  // itself kept every stack's template alive to the end of app.synth() (15% more peak memory at 100 stacks).
  queueMicrotask(() => {
    if (kept.get(stack)?.generation === generation) kept.delete(stack);
  });
  return { template, elements };
}

/**
 * Make the stack's own `_toCloudFormation()` hand back the kept render once, if it still holds, and drop it when the
 * stack's synthesizer is done.
 */
export function installRenderOnce(stack: Stack): void {
  // A synthesizer is bound to one stack, so hooking that instance concerns this stack only.
  hookRender(stack, '_toCloudFormation', () => reuse(stack), {
    written: (session) => verifyWritten(stack, session),
    end: () => {
      kept.delete(stack);
      served.delete(stack);
    },
  });
}

/** aws-cdk-lib's own synthesizers, which write the template `_toCloudFormation()` returns as it is. */
const OWN_SYNTHESIZERS: readonly object[] = [
  DefaultStackSynthesizer, CliCredentialsStackSynthesizer, LegacyStackSynthesizer, BootstraplessSynthesizer,
].map((c) => c.prototype);

/**
 * A synthesizer of another class (a subclass overriding how the template is written) or a stack class with its own
 * `_synthesizeTemplate` may write another template than the one served: the written file is read back and compared.
 */
function verifyWritten(stack: Stack, session: { readonly outdir: string }): void {
  const template = served.get(stack);
  served.delete(stack);
  if (template === undefined) return;
  const writes = (s: object) => (s as { _synthesizeTemplate?: unknown })._synthesizeTemplate;
  if (ownWriter(stack.synthesizer) && writes(stack) === writes(Stack.prototype)) return;
  const file = path.join(session.outdir, stack.templateFile);
  let written: unknown;
  try {
    written = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw changedAfterCheck(stack.node.path, `its template ${stack.templateFile} could not be read back after writing (${(e as Error).message})`);
  }
  if (!isDeepStrictEqual(written, template)) {
    throw changedAfterCheck(stack.node.path, `the synthesizer (${stack.synthesizer.constructor.name}) wrote another template than the one checked`);
  }
}

/**
 * True if the synthesizer writes as one of aws-cdk-lib's own classes does: between it and that class's prototype there are
 * only instances carrying state, no class of another name and no function of their own (but the guard's own hook).
 * `Stack` binds a reusable synthesizer by making an object whose prototype is the synthesizer the app was given
 * (`reusableBind`), so the bound synthesizer's prototype is an instance, not the class's prototype.
 */
function ownWriter(synthesizer: object): boolean {
  for (let o: object | null = synthesizer; o !== null; o = Object.getPrototypeOf(o)) {
    if (OWN_SYNTHESIZERS.includes(o)) return true;
    if (Object.prototype.hasOwnProperty.call(o, 'constructor')) return false;
    for (const name of Object.getOwnPropertyNames(o)) {
      const property = Object.getOwnPropertyDescriptor(o, name)!;
      if (property.get || property.set || (typeof property.value === 'function' && !isHook(property.value))) return false;
    }
  }
  return false;
}

/**
 * The kept template, completed with the elements the synthesizer added since; undefined when the guard did not check
 * this synthesis (validation skipped: a full render). A change the guard did not check fails the synthesis.
 */
function reuse(stack: Stack): any {
  const rendered = kept.get(stack);
  kept.delete(stack); // once: a later call (another synthesis, a test) renders afresh
  if (!rendered) return undefined;
  const template = completed(stack, rendered);
  served.set(stack, template);
  return template;
}

function completed(stack: Stack, rendered: Rendered): any {
  if (headerOf(stack) !== rendered.header) {
    throw changedAfterCheck(stack.node.path, 'its template options (description, transforms, metadata) changed');
  }
  const elements = cfnElements(stack);
  if (!startsWith(elements, rendered.elements)) throw changedAfterCheck(stack.node.path, 'elements were removed, replaced or reordered');
  const added = elements.slice(rendered.elements.length);
  if (added.length === 0) return rendered.template;
  // Merge the way Stack._toCloudFormation() does for keyed sections: new sections go last, new keys last in theirs.
  const template: Record<string, any> = { ...rendered.template };
  for (const element of added) {
    const fragment = stack.resolve((element as unknown as { _toCloudFormation(): any })._toCloudFormation()) ?? {};
    for (const [section, entries] of Object.entries<Record<string, unknown>>(fragment)) {
      if (!SYNTHESIZER_SECTIONS.has(section) || typeof entries !== 'object' || entries === null) {
        throw changedAfterCheck(stack.node.path, `${element.node.path} was added to the template's ${section} section`);
      }
      const into = { ...(template[section] ?? {}) };
      for (const [key, value] of Object.entries(entries)) {
        if (key in into) throw changedAfterCheck(stack.node.path, `${element.node.path} was added under the ${section} name ${key}, which the checked template holds`);
        into[key] = value;
      }
      template[section] = into;
    }
  }
  return template;
}

/** What the template header is rendered from; a change after validation means a full render. */
function headerOf(stack: Stack): string {
  const o = stack.templateOptions;
  return JSON.stringify(stack.resolve([o.description, o.transforms, o.templateFormatVersion, o.metadata]) ?? null);
}

/** The stack's CloudFormation elements in the order aws-cdk-lib renders them (depth first, not into other stacks). */
function cfnElements(node: IConstruct, into: CfnElement[] = []): CfnElement[] {
  if (CfnElement.isCfnElement(node)) into.push(node);
  for (const child of node.node.children) if (!Stack.isStack(child)) cfnElements(child, into);
  return into;
}
