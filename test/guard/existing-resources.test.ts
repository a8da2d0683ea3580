/**
 * Found by red team 23: existing resources a Terraform configuration adopts or leaves in place (docs/guard-semantics.md §3).
 * An import block (cdktf `importFrom`) adopts an existing resource, which keeps whatever the configuration does not set —
 * a route table's routes when `route` is left out (an attribute as blocks), a subnet's association with a table of no
 * configuration, the internet gateway attached to a VPC; a removed block with `destroy = false` makes terraform forget a
 * resource and leave it in the network. The guard read the configuration as if it made everything it names: a My Number
 * subnet in an imported route table (0.0.0.0/0 to an internet gateway, for all the guard knows) passed. Now each is
 * unresolved (GUARD-1) for a type the guard reads, in a synthesized configuration and in a plan.
 */
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack, Testing } from 'cdktf';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { NetworkModel } from '../../src/model/network-model';

/** A My Number VPC whose subnet is in a table of its own: nothing leads out. */
function config(): Record<string, any> {
  return {
    resource: {
      aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' } },
      aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}' } },
      aws_route_table_association: { mn: { route_table_id: '${aws_route_table.mn.id}', subnet_id: '${aws_subnet.mn.id}' } },
      aws_flow_log: { mn: { vpc_id: '${aws_vpc.mn.id}', traffic_type: 'ALL', log_destination: 'arn:aws:s3:::logs' } },
    },
  };
}

/** The critical findings, and GUARD-1's as `node property: reason`. */
function critical(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`);
}
const unresolved = (graph: TopologyGraph) => graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`);

const IMPORTS = 'it imports an existing resource (rtb-0123456789abcdef0), which keeps whatever the configuration does not set (routes, rules, associations, '
  + 'attached gateways), and the guard reads the configuration only';
const FORGETS = 'terraform forgets the resource without destroying it (destroy = false): it stays in the network, and the guard reads the configuration only';

describe('existing resources a Terraform configuration adopts or leaves in place (GUARD-1)', () => {
  test('the network without them passes', () => {
    expect(critical(extractTerraform({ s: config() }))).toEqual([]);
  });

  test('an import block of a type the guard reads is unresolved, at the imported address; one of another type is not', () => {
    const c = config();
    c.import = [{ to: 'aws_route_table.mn', id: 'rtb-0123456789abcdef0' }, { to: 'aws_s3_bucket.logs', id: 'logs' }];
    const graph = extractTerraform({ s: c as TerraformJson });
    expect(unresolved(graph)).toEqual([`aws_route_table.mn import: ${IMPORTS}`]);
    expect(critical(graph)).toEqual(['GUARD-1 aws_route_table.mn']);
    expect(graph.unresolved.every((u) => jaOrEn(u.reason) !== u.reason && jaOrEn(u.fix!) !== u.fix)).toBe(true);
  });

  test('cdktf importFrom writes such a block: an imported VPC (its gateways, its main route table) is unresolved', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const vpc = new Vpc(stack, 'Mn', { enableDnsSupport: false, cidrBlock: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } });
    vpc.importFrom('vpc-0123456789abcdef0');
    const subnet = new Subnet(stack, 'MnSubnet', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24' });
    const table = new RouteTable(stack, 'MnTable', { vpcId: vpc.id });
    new RouteTableAssociation(stack, 'MnAssoc', { routeTableId: table.id, subnetId: subnet.id });
    const graph = extractTerraform({ s: JSON.parse(Testing.synth(stack)) });
    expect(graph.unresolved.map((u) => `${u.node} ${u.property}`)).toEqual(['aws_vpc.Mn import']);
  });

  test('a removed block that leaves a resource of a type the guard reads (or a module) in place is unresolved; one that destroys it is not', () => {
    const c = config();
    c.removed = [
      { from: 'aws_route.out', lifecycle: { destroy: false } },
      { from: 'module.net', lifecycle: [{ destroy: false }] },
      { from: 'aws_route.gone', lifecycle: { destroy: true } },
      { from: 'aws_route.gone_too' },
      { from: 'aws_s3_bucket.old', lifecycle: { destroy: false } },
    ];
    expect(unresolved(extractTerraform({ s: c as TerraformJson }))).toEqual([`aws_route.out removed: ${FORGETS}`, `module.net removed: ${FORGETS}`]);
  });

  test('in a plan: a change that imports (change.importing) or forgets (action forget) a resource the guard reads is unresolved', () => {
    const resource = (address: string, values: Record<string, unknown>) => {
      const [type, name] = address.split('.');
      return { address, mode: 'managed', type, name, values };
    };
    const resources = [
      resource('aws_vpc.mn', { cidr_block: '10.0.0.0/16', tags_all: { 'jichitai:segment': 'MY_NUMBER' }, id: 'vpc-0123456789abcdef0' }),
      resource('aws_subnet.mn', { cidr_block: '10.0.0.0/24', vpc_id: 'vpc-0123456789abcdef0', map_public_ip_on_launch: false }),
    ];
    const p = {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
      resource_changes: [
        { address: 'aws_vpc.mn', mode: 'managed', type: 'aws_vpc', name: 'mn', change: { actions: ['no-op'], after: resources[0].values, after_unknown: {}, importing: { id: 'vpc-0123456789abcdef0' } } },
        { address: 'aws_subnet.mn', mode: 'managed', type: 'aws_subnet', name: 'mn', change: { actions: ['create'], after: resources[1].values, after_unknown: { id: true } } },
        { address: 'aws_route.out', mode: 'managed', type: 'aws_route', name: 'out', change: { actions: ['forget'], before: { destination_cidr_block: '0.0.0.0/0' }, after: null } },
      ],
      configuration: { root_module: { resources: [] } },
    };
    expect(unresolved(extractTerraformPlan(p))).toEqual([
      `aws_vpc.mn import: ${IMPORTS.replace('rtb-0123456789abcdef0', 'vpc-0123456789abcdef0')}`,
      `aws_route.out removed: ${FORGETS}`,
    ]);
  });
});

/**
 * Found by red team 23: `aws_vpc_peering_connection_accepter` was not read. Accepting another account's peering request
 * (by its pcx- id) peers a VPC the guard cannot place with one of the account's — the accepter does not name which (its
 * vpc_id is computed) — so whatever lies in that VPC may send into the My Number segment. Unresolved now (GUARD-1);
 * accepting a peering the configuration makes adds nothing.
 */
describe('a VPC peering accepted from outside the configuration (GUARD-1)', () => {
  const accepter = (id: string) => {
    const c = config();
    c.resource.aws_vpc_peering_connection_accepter = { in: { vpc_peering_connection_id: id, auto_accept: true } };
    return c as TerraformJson;
  };

  test('another account\'s peering request, by its id, is unresolved', () => {
    const graph = extractTerraform({ s: accepter('pcx-0123456789abcdef0') });
    expect(unresolved(graph)).toEqual(['aws_vpc_peering_connection_accepter.in vpc_peering_connection_id: it accepts VPC peering connection '
      + '"pcx-0123456789abcdef0", which is not in the synthesized output: a VPC the guard cannot place is peered with a VPC the accepter does not name']);
    expect(critical(graph)).toEqual(['GUARD-1 aws_vpc_peering_connection_accepter.in']);
    expect(graph.unresolved.every((u) => jaOrEn(u.reason) !== u.reason && jaOrEn(u.fix!) !== u.fix)).toBe(true);
  });

  test('accepting a peering the configuration makes (both VPCs held) adds nothing', () => {
    const c = accepter('${aws_vpc_peering_connection.p.id}') as any;
    c.resource.aws_vpc.other = { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } };
    c.resource.aws_vpc_peering_connection = { p: { vpc_id: '${aws_vpc.mn.id}', peer_vpc_id: '${aws_vpc.other.id}' } };
    expect(unresolved(extractTerraform({ s: c }))).toEqual([]);
  });
});
