/**
 * A Terraform expression names a resource only when it is a reference to the resource's id (or arn, or an attribute
 * that is its name): any other expression computes a value from it. The reader took every interpolation that names one
 * resource for that resource, so `${aws_route_table.lgwan.tags["Peer"]}` (a tag holding the My Number table's id) read
 * as the LGWAN table, and a route written so opened My Number → Internet where the guard saw a duplicate LGWAN route.
 */
import { Route } from '@cdktf/provider-aws/lib/route';
import { TerraformStack, Testing } from 'cdktf';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';

/** A resource of the α example by its Terraform type and the end of its construct path. */
function resourceOf(stack: TerraformStack, type: string, pathEnd: string): any {
  const found = stack.node.findAll().find((c: any) => c.terraformResourceType === type && c.node.path.endsWith(pathEnd));
  if (!found) throw new Error(`test setup: no ${type} at ${pathEnd}`);
  return found;
}

/** The α example's findings with one extra route to an Internet-segment host in the table `tableExpression` names. */
function withRoute(tableExpression: (lgwan: string, myNumber: string) => string): string[] {
  const { stack } = buildTfExample('alpha', Testing.app());
  // Addresses as Terraform writes them (`aws_route_table.<name>`), for expressions of one's own.
  const address = (type: string, pathEnd: string) => `${type}.${resourceOf(stack, type, pathEnd).friendlyUniqueId}`;
  const lgwan = address('aws_route_table', 'Lgwan/RouteTable-workload-1');
  const myNumber = address('aws_route_table', 'MyNumber/RouteTable-endpoints-1');
  // A tag that is no label: the guard judges no such tag, so it may hold anything.
  resourceOf(stack, 'aws_route_table', 'Lgwan/RouteTable-workload-1').addOverride('tags.Peer', `\${${myNumber}.id}`);
  const tgw = address('aws_ec2_transit_gateway', 'Transit/TransitGateway');
  new Route(stack, 'Extra', { routeTableId: tableExpression(lgwan, myNumber), destinationCidrBlock: '10.0.128.10/32', transitGatewayId: `\${${tgw}.id}` });
  const graph = extractTerraform({ [stack.node.id]: JSON.parse(Testing.synth(stack, false)) });
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => / (critical|error) /.test(formatFinding(f))).map(formatFinding);
}

describe('an expression that computes a value from a resource does not name it', () => {
  test('a reference to a table\'s id names the table: the LGWAN route adds nothing the guard refuses', () => {
    expect(withRoute((lgwan) => `\${${lgwan}.id}`)).toEqual([]);
  });

  test('a tag of the LGWAN table (holding the My Number table\'s id) is unresolved: refused', () => {
    expect(withRoute((lgwan) => `\${${lgwan}.tags["Peer"]}`).join('\n'))
      .toMatch(/\[aws_route\.Extra\] GUARD-1 critical .*route_table_id could not be resolved: \$\{aws_route_table\.\S+\.tags\["Peer"\]\} computes a value from aws_route_table\.\S+ that the guard does not evaluate/);
  });

  test('a conditional whose first object holds one table and whose result is another is unresolved: refused', () => {
    expect(withRoute((lgwan, myNumber) => `\${ {t = ${lgwan}.id}.t == "" ? "" : ${myNumber}.id}`).join('\n'))
      .toMatch(/\[aws_route\.Extra\] GUARD-1 critical .*route_table_id could not be resolved/);
  });

  test('an attribute that is neither the table\'s id nor an argument (its owner\'s account) is unresolved: refused', () => {
    expect(withRoute((lgwan) => `\${${lgwan}.owner_id}`).join('\n'))
      .toMatch(/\[aws_route\.Extra\] GUARD-1 critical .*aws_route_table\.\S+\.owner_id is not aws_route_table\.\S+'s id, and no argument the guard can follow/);
  });
});

describe('a Resolver endpoint\'s or rule\'s list given by an expression may name anything: GUARD-1, not an empty list', () => {
  test('ip_address and target_ip as variables are reported at the endpoint and the rule', () => {
    const json = {
      resource: {
        aws_vpc: { In: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
        aws_subnet: { In: { vpc_id: '${aws_vpc.In.id}', cidr_block: '10.0.1.0/24' } },
        aws_route53_resolver_endpoint: { ep: { direction: 'OUTBOUND', security_group_ids: [], ip_address: '${var.ips}' } },
        aws_route53_resolver_rule: { rule: { rule_type: 'FORWARD', domain_name: '.', resolver_endpoint_id: '${aws_route53_resolver_endpoint.ep.id}', target_ip: '${var.targets}' } },
      },
    };
    const found = checkTopology(extractTerraform({ s: json }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(found).toMatch(/\[aws_route53_resolver_endpoint\.ep\] GUARD-1 critical .*ip_address could not be resolved: \$\{var\.ips\} cannot be read at synth time/);
    expect(found).toMatch(/\[aws_route53_resolver_rule\.rule\] GUARD-1 critical .*target_ip could not be resolved: \$\{var\.targets\} cannot be read at synth time/);
  });
});
