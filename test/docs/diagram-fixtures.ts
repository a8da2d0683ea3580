/**
 * The reference networks as the diagram tests draw them (test/docs/diagram.test.ts, and its browser half in
 * test/integration/diagram-browser.test.ts): each example and the reference prefecture synthesized once per engine and
 * file, their graph extracted as the guard does, with the flows they declare.
 */
import { App } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import { buildCdkPrefecture } from '../../examples/cdk/_prefecture';
import { REFERENCE_MEMBERS } from '../../examples/prefecture';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { DeclaredFlow, declaredFlowsOf } from '../../src/guard/declared';
import { CloudFormationTemplate, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { Engine } from '../guard/open-path';
import { untouchedCdk, untouchedTf } from '../support/untouched';

export interface Synthesized { graph: TopologyGraph; flows: readonly DeclaredFlow[]; raw: unknown; stackName: string }
const cache = new Map<string, Synthesized>();

/**
 * The example synthesized in an engine, its graph extracted as the guard does, with the flows its network declares. The
 * synthesis is the one openPath starts from (test/support/untouched.ts): each example is synthesized once per engine
 * and test run.
 */
export function synthesized(engine: Engine, name: string): Synthesized {
  const key = `${engine}:${name}`;
  if (!cache.has(key)) {
    // The untouched examples' output, synthesized once per test run (test/support/untouched.ts).
    if (engine === 'cloudformation') {
      const { stackName, template: raw, flows } = untouchedCdk(name);
      const graph = extractCloudFormation({ [stackName]: raw as CloudFormationTemplate });
      cache.set(key, { graph, flows: flows ?? [], raw, stackName });
    } else {
      const { config: raw, flows } = untouchedTf(name);
      cache.set(key, { graph: extractTerraform({ [name]: raw as TerraformJson }), flows: flows ?? [], raw, stackName: name });
    }
  }
  return cache.get(key)!;
}

/**
 * The reference prefecture as each engine's guard sees it: the one Terraform stack (hub and every member), or the AWS CDK
 * stacks connected to member 001's (the hub's, through its exports, and the other members' through the hub's) with
 * member 001's flows, as its design documents draw it.
 */
export function prefecture(engine: Engine): Synthesized {
  const key = `${engine}:prefecture`;
  if (!cache.has(key)) {
    if (engine === 'terraform') {
      const { stack } = buildTfPrefecture(REFERENCE_MEMBERS, Testing.app());
      const raw = JSON.parse(Testing.synth(stack));
      cache.set(key, { graph: extractTerraform({ ExamplePref: raw as TerraformJson }), flows: declaredFlowsOf(stack) ?? [], raw, stackName: 'ExamplePref' });
    } else {
      const app = new App({ context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong' } });
      const { hubStack, members } = buildCdkPrefecture(REFERENCE_MEMBERS, app);
      const assembly = app.synth();
      const raw = Object.fromEntries([hubStack, ...members.map((m) => m.stack)]
        .map((s) => [s.stackName, assembly.getStackByName(s.stackName).template as CloudFormationTemplate]));
      const flows = declaredFlowsOf(members[0].stack) ?? [];
      cache.set(key, { graph: extractCloudFormation(raw), flows, raw, stackName: members[0].stack.stackName });
    }
  }
  return cache.get(key)!;
}
