/**
 * The synth-time entry of the design documents for both engines' guards: the writer (src/docs/files.ts) is loaded only
 * when a stack asks for documents, since it brings the diagram's layout library and every synthesis would pay for it.
 */
import type * as Files from './files';
import type { DocsOutcome } from './model';
import type { DescribedStack } from './scope';
import { declaredBlueprintOf, declaredFlowsOf, declaredHostsOf } from '../guard/declared';
import { TopologyGraph } from '../guard/graph';
import { DesignDocumentsOptions } from '../model/design-documents';
import { TopologyGuardOptions } from '../model/guard-options';

/**
 * Write the design documents of `stack` (a CDK `Stack` or CDKTF `TerraformStack`) into `dir` as `<base>.design.*`, with
 * what `MunicipalNetwork` declared on it (flows, hosts, the blueprint) and the SHA-256 of the written `templateFile`;
 * `describedStacks` limits what is listed and drawn when the graph holds other stacks too (a CDK prefecture's members).
 */
export function writeAtSynthesis(
  stack: object, name: string,
  judged: { graph: TopologyGraph; options: TopologyGuardOptions; outcome: DocsOutcome; describedStacks?: readonly DescribedStack[] },
  docs: DesignDocumentsOptions, base: string, dir: string, templateFile: string,
): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./files') as typeof Files).writeAtSynthesis({
    ...judged,
    stack: name,
    flows: declaredFlowsOf(stack),
    hosts: declaredHostsOf(stack),
    blueprint: declaredBlueprintOf(stack),
  }, docs, base, dir, templateFile);
}
