import { App, Stack } from 'aws-cdk-lib';
import { buildCdkExample } from '../../examples/cdk/_app';
import { AlphaPrimeCase, cdk } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredSegmentHost, declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';

/**
 * One rule's findings on a CDK reference example after a change, formatted, without the guard refusing first
 * (validation is skipped, so a test sees exactly what one rule says), with the hosts and flows the network declares. The model comes from the example's blueprint;
 * the α′ case too, unless given; `declared.hosts` replaces the network's declared hosts.
 */
export function exampleFindings(
  name: string,
  ruleId: string,
  change: (stack: Stack, net: cdk.MunicipalNetwork) => void = () => undefined,
  alphaPrimeCase?: AlphaPrimeCase,
  declared: { hosts?: DeclaredSegmentHost[] } = {},
): string[] {
  // Only the guard's graph is under test: CloudFormation's own lint of the deliberately odd resources a test adds
  // (hard-coded AMIs, duplicated routes) would only print its report (console.error) over a passing test.
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample(name, app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const graph = extractCloudFormation({ [stack.stackName]: template });
  // The declared hosts and flows go with it, as at synth (AP-7 judges the hosts; LG-2 the direction of the flows).
  const options = { model: network.blueprint.model, alphaPrimeCase: alphaPrimeCase ?? network.blueprint.alphaPrimeCase };
  return checkTopology(graph, options, { hosts: declared.hosts ?? declaredHostsOf(stack), flows: declaredFlowsOf(stack) })
    .filter((f) => f.ruleId === ruleId).map(formatFinding);
}
