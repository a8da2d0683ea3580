import * as path from 'path';
import { TerraformElement, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { changedAfterCheck, classMethod, hookRender, startsWith } from '../guard/render-hooks';
import { terraformFilesBeside } from '../guard/terraform-files';

/**
 * Render a guarded stack's Terraform JSON once per synthesis (issue 4's cost target).
 *
 * The guard reads `stack.toTerraform()` during validation, and cdktf's StackSynthesizer calls it again a moment later
 * to write `cdk.tf.json`: resolving every token of every element is most of what synthesis costs, so the second render
 * was most of the guard's cost (`npm run bench`). Here the guard's render is kept and handed back — once — to the next
 * `toTerraform()` call, provided the stack still has the very elements it was rendered from and the same stack-level
 * overrides. Between validation and writing, cdktf only runs custom synthesis hooks (files next to the stack) and
 * collects annotations: a stack changed after the guard checked it (by a later validation or a synthesis hook) fails
 * the synthesis (GUARD-1), and so does a Terraform file written beside `cdk.tf.json` (Terraform reads every `*.tf.json`
 * of the directory), so what is written is what was checked. test/cdktf/render-once.test.ts compares the written bytes
 * with an unguarded synthesis.
 *
 * cdktf validates inside the stack synthesizer's `synthesize()`, right before it writes, so the render is kept only
 * while that call runs: validations run any other way (`Testing.synth(stack, true)`, `stack.runAllValidations()`)
 * keep nothing, and nothing outlives the synthesis.
 */

interface Rendered {
  readonly elements: TerraformElement[];
  readonly overrides: string;
  readonly config: any;
}

const kept = new WeakMap<TerraformStack, Rendered>();
/** Stacks whose synthesizer is running (validation, custom synthesis, annotations, writing). */
const synthesizing = new WeakSet<TerraformStack>();
/** Stacks whose checked render was written in this synthesis: their directory is looked over once written. */
const checked = new WeakSet<TerraformStack>();

/**
 * Render `stack`'s Terraform JSON now (as `cdktf synth` would write it); during the stack's synthesis, keep it for
 * the synthesizer to write.
 */
export function renderConfig(stack: TerraformStack): any {
  installRenderOnce(stack);
  const elements = terraformElements(stack);
  const config = classMethod(stack, 'toTerraform')();
  if (synthesizing.has(stack)) kept.set(stack, { elements, overrides: overridesOf(stack), config });
  return config;
}

/**
 * Make the stack's own `toTerraform()` hand back the kept render once, if it still holds, and mark the stack's
 * synthesis so that a render is kept only within it.
 */
export function installRenderOnce(stack: TerraformStack): void {
  hookRender(stack, 'toTerraform', () => reuse(stack), {
    start: () => synthesizing.add(stack),
    written: (session) => {
      if (!checked.has(stack)) return;
      checked.delete(stack);
      const dir = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      const beside = terraformFilesBeside(path.join(dir, 'cdk.tf.json'));
      if (beside.length > 0) {
        throw changedAfterCheck(stack.node.path, `Terraform files were written beside cdk.tf.json (${beside.join(', ')}), which Terraform reads with it`);
      }
    },
    end: () => {
      checked.delete(stack);
      synthesizing.delete(stack);
      kept.delete(stack);
    },
  });
}

/** The kept render; undefined when the guard did not check this synthesis. A change since fails the synthesis. */
function reuse(stack: TerraformStack): any {
  const rendered = kept.get(stack);
  kept.delete(stack); // once: a later call (another synthesis, a test) renders afresh
  if (!rendered) return undefined;
  if (overridesOf(stack) !== rendered.overrides) throw changedAfterCheck(stack.node.path, 'stack-level overrides (addOverride) changed');
  const elements = terraformElements(stack);
  if (elements.length !== rendered.elements.length || !startsWith(elements, rendered.elements)) {
    throw changedAfterCheck(stack.node.path, 'elements were added, removed or replaced (by a later validation or a synthesis hook)');
  }
  checked.add(stack);
  return rendered.config;
}

/** Stack-level `addOverride` values (cdktf keeps them in a private field and merges them over the rendered JSON). */
function overridesOf(stack: TerraformStack): string {
  return JSON.stringify((stack as unknown as { rawOverrides?: unknown }).rawOverrides ?? {});
}

/** The stack's Terraform elements in the order cdktf renders them (depth first, not into other stacks). */
function terraformElements(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) terraformElements(child, into);
  return into;
}
