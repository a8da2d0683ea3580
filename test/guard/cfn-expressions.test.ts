/**
 * A CloudFormation expression names a resource only when its value is the resource's id: a `Ref`, a `Fn::GetAtt`, an
 * ARN written around one, or a firewall endpoint cut from the firewall's `EndpointIds`. Any other expression that refers
 * to one resource computes a value from it: `Fn::Select [1, [Ref LgwanTable, "rtb-…"]]` is the literal id, yet read as
 * the LGWAN table a route written so could go anywhere while the guard saw an LGWAN route.
 */
import { App } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCdkExample } from '../../examples/cdk/_app';
import { checkTopology } from '../../src/guard/check';
import { declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { formatFinding } from '../../src/guard/rule';

/** The α example's errors with one extra route to an Internet-segment host in the table `table` names. */
function withRoute(table: (lgwanTable: object) => unknown): string[] {
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample('alpha', app);
  const lgwan = stack.node.findAll().find((c) => c.node.path.endsWith('Lgwan/RouteTable-workload-1')) as ec2.CfnRouteTable;
  const tgw = stack.node.findAll().find((c) => c instanceof ec2.CfnTransitGateway) as ec2.CfnTransitGateway;
  const route = new ec2.CfnRoute(stack, 'Extra', { routeTableId: lgwan.ref, destinationCidrBlock: '10.0.128.10/32', transitGatewayId: tgw.ref });
  route.addPropertyOverride('RouteTableId', table({ Ref: stack.getLogicalId(lgwan) }));
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const graph = extractCloudFormation({ [stack.stackName]: template });
  return checkTopology(graph, { model: network.blueprint.model }, { hosts: declaredHostsOf(stack), flows: declaredFlowsOf(stack) })
    .map(formatFinding).filter((f) => / (critical|error) /.test(f));
}

describe('a CloudFormation expression that computes a value from a resource does not name it', () => {
  test('Ref names the table: the LGWAN route adds nothing the guard refuses', () => {
    expect(withRoute((lgwan) => lgwan)).toEqual([]);
  });

  test('an element of a list that also holds a literal id is unresolved: refused', () => {
    expect(withRoute((lgwan) => ({ 'Fn::Select': [1, [lgwan, 'rtb-0123456789abcdef0']] })).join('\n'))
      .toMatch(/\[Extra\] GUARD-1 critical .*RouteTableId could not be resolved: .* computes a value from NetworkLgwanRouteTableworkload1\S* that the guard does not evaluate/);
  });

  test('a literal id joined to a piece of the table\'s id that may be empty is unresolved: refused', () => {
    const piece = (lgwan: object) => ({ 'Fn::Join': ['', ['rtb-0123456789abcdef0', { 'Fn::Select': [0, { 'Fn::Split': ['rtb-', lgwan] }] }]] });
    expect(withRoute(piece).join('\n')).toMatch(/\[Extra\] GUARD-1 critical .*RouteTableId could not be resolved: .* computes a value from/);
  });
});
