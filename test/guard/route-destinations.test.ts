/**
 * Found by red team 23: a route with more than one destination. The readers took the first they found: a route to
 * `10.9.0.0/16` and `::/0` through an internet gateway was read as `10.9.0.0/16` only (no internet address), and the My
 * Number subnet behind it passed. AWS refuses such a route (and the Terraform provider such a plan), but the guard must
 * not be the one to choose: unresolved (GUARD-1), both engines, `aws_route` and inline `route` blocks alike. A plan
 * writes the destinations a route does not use as "": those are not destinations.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { TopologyGraph } from '../../src/guard/graph';
import { jaOrEn } from '../../src/guard/ja-engine';
import { NetworkModel } from '../../src/model/network-model';
import { handPlan } from '../support/hand-plan';

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];

function cfn(route: Record<string, unknown>): Record<string, any> {
  return {
    Resources: {
      MnVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
      MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
      MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } } },
      MnAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
      InVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'InVpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, GatewayId: { Ref: 'Igw' }, ...route } },
    },
  };
}

function tf(route: Record<string, unknown>, inline = false): TerraformJson {
  const target = { gateway_id: '${aws_internet_gateway.igw.id}', ...route };
  return {
    resource: {
      aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, in: { enable_dns_support: false, cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' } },
      aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}', ...inline ? { route: [target] } : {} } },
      aws_route_table_association: { mn: { route_table_id: '${aws_route_table.mn.id}', subnet_id: '${aws_subnet.mn.id}' } },
      aws_internet_gateway: { igw: { vpc_id: '${aws_vpc.in.id}' } },
      ...inline ? {} : { aws_route: { out: { route_table_id: '${aws_route_table.mn.id}', ...target } } },
    },
  };
}

function critical(graph: TopologyGraph): string[] {
  return checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`);
}
const reasons = (graph: TopologyGraph) => graph.unresolved.map((u) => `${u.node} ${u.property}: ${u.reason}`);

describe('a route with more than one destination is unresolved (GUARD-1)', () => {
  test('CloudFormation: an IPv4 block and ::/0', () => {
    const graph = extractCloudFormation({ s: cfn({ DestinationCidrBlock: '10.9.0.0/16', DestinationIpv6CidrBlock: '::/0' }) });
    const reason = 'a route needs one destination and one target; found 2 destinations (DestinationCidrBlock, DestinationIpv6CidrBlock)';
    expect(reasons(graph)).toEqual([`Out Destination/target: ${reason}`]);
    expect(critical(graph)).toEqual(['GUARD-1 Out']);
    expect(jaOrEn(reason)).not.toBe(reason);
  });

  test('Terraform: aws_route and an inline route block alike', () => {
    const separate = extractTerraform({ s: tf({ destination_cidr_block: '10.9.0.0/16', destination_ipv6_cidr_block: '::/0' }) });
    expect(reasons(separate)).toEqual(['aws_route.out destination/target: a route needs one destination and one target; found 2 destinations '
      + '(destination_cidr_block, destination_ipv6_cidr_block)']);
    expect(critical(separate)).toEqual(['GUARD-1 aws_route.out']);
    const inline = extractTerraform({ s: tf({ cidr_block: '10.9.0.0/16', ipv6_cidr_block: '::/0' }, true) });
    expect(reasons(inline)).toEqual(['aws_route_table.mn destination/target: a route needs one destination and one target; found 2 destinations '
      + '(cidr_block, ipv6_cidr_block)']);
  });

  test('a target and no destination: unresolved, saying so (it said "found 1 targets"), in both engines and both languages', () => {
    const reason = 'a route needs one destination and one target; found a target and no destination (in a plan: a destination known only after apply '
      + 'that the configuration does not name)';
    const graph = extractCloudFormation({ s: cfn({}) });
    expect(reasons(graph)).toEqual([`Out Destination/target: ${reason}`]);
    expect(critical(graph)).toEqual(['GUARD-1 Out']);
    expect(reasons(extractTerraform({ s: tf({}) }))).toEqual([`aws_route.out destination/target: ${reason}`]);
    expect(reasons(extractTerraform({ s: tf({}, true) }))).toEqual([`aws_route_table.mn destination/target: ${reason}`]);
    expect(jaOrEn(reason)).not.toBe(reason);
    // Two targets still say how many.
    expect(reasons(extractCloudFormation({ s: cfn({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123' }) })))
      .toEqual(['Out Destination/target: a route needs one destination and one target; found 2 targets']);
  });

  test('one destination, the others "" as a plan writes them: the route is read (::/0 to the internet gateway: MN-1)', () => {
    const graph = extractTerraform({ s: tf({ cidr_block: '', ipv6_cidr_block: '::/0', destination_prefix_list_id: '' }, true) });
    expect(reasons(graph)).toEqual([]);
    expect(critical(graph)).toEqual(['MN-1 aws_subnet.mn']);
  });
});

/**
 * Found by red team 23: a transit gateway route whose destination the guard cannot read (a parameter, a variable) was
 * read as its text (`[object Object]`, `${var.cidr}`) with no finding: it matched every address (the path was seen) but
 * nothing said why. Now it is unresolved (GUARD-1), as a VPC route's is, and still may match any address; a VPC's
 * `CidrBlock` by `Fn::GetAtt` (aws-cdk-lib's `vpc.vpcCidrBlock`) or `${aws_vpc.x.cidr_block}` is read as the block.
 */
describe('a transit gateway route destination the guard cannot read is unresolved', () => {
  test('CloudFormation: a parameter; a VPC\'s CidrBlock is read', () => {
    const route = (destination: unknown) => extractCloudFormation({
      s: {
        Parameters: { Cidr: { Type: 'String' } },
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
          Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
          Trt: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: { Ref: 'Tgw' } } },
          Tr: { Type: 'AWS::EC2::TransitGatewayRoute', Properties: { TransitGatewayRouteTableId: { Ref: 'Trt' }, DestinationCidrBlock: destination, Blackhole: true } },
        },
      },
    });
    expect(reasons(route({ Ref: 'Cidr' }))).toEqual(['Tr DestinationCidrBlock: {"Ref":"Cidr"} is not an address block the guard can read: it comes from template '
      + 'parameter Cidr, known only at deploy time']);
    const read = route({ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] });
    expect(reasons(read)).toEqual([]);
    expect((read.nodes.get('Trt') as any).routes.map((r: any) => r.destination)).toEqual(['10.2.0.0/16']);
  });

  test('Terraform: a variable; a VPC\'s cidr_block is read', () => {
    const route = (destination: string) => extractTerraform({
      s: {
        resource: {
          aws_vpc: { in: { enable_dns_support: false, cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
          aws_ec2_transit_gateway: { tgw: {} },
          aws_ec2_transit_gateway_route_table: { trt: { transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}' } },
          aws_ec2_transit_gateway_route: { tr: { transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.trt.id}', destination_cidr_block: destination, blackhole: true } },
        },
      },
    });
    expect(reasons(route('${var.cidr}'))).toEqual(['aws_ec2_transit_gateway_route.tr destination_cidr_block: "${var.cidr}" is not an address block the guard '
      + 'can read (a literal, or a VPC\'s or subnet\'s cidr_block)']);
    const read = route('${aws_vpc.in.cidr_block}');
    expect(reasons(read)).toEqual([]);
    expect((read.nodes.get('aws_ec2_transit_gateway_route_table.trt') as any).routes.map((r: any) => r.destination)).toEqual(['10.2.0.0/16']);
  });
});

/**
 * Found by review (parity): a Terraform VPC route whose destination is an interpolation (`${var.cidr}`, another
 * resource's attribute) was followed for every address with no finding, where a CloudFormation parameter is unresolved
 * (GUARD-1). Now it is unresolved too, and still followed for every address (semantics §4); so is, in a plan, a
 * destination known only after apply (it was unresolved and followed for none). A variable as the route's target was
 * unresolved already (controls). A prefix list of the configuration without entries, or a data source's, stays a prefix
 * list the guard cannot read, not unresolved (as a literal `pl-` id).
 */
describe('a Terraform VPC route destination the guard cannot read is unresolved, and followed for every address', () => {
  test.each([false, true])('configuration: a variable as the destination, a variable as the target (inline: %s)', (inline) => {
    const where = inline ? 'aws_route_table.mn' : 'aws_route.out';
    const destination = extractTerraform({ s: tf({ [inline ? 'cidr_block' : 'destination_cidr_block']: '${var.cidr}' }, inline) });
    expect(reasons(destination)).toEqual([`${where} ${inline ? 'cidr_block' : 'destination_cidr_block'}: the route's destination "\${var.cidr}" cannot be read at synth time`]);
    // Followed for every address: to the internet gateway (MN-1).
    expect(critical(destination)).toEqual([`GUARD-1 ${where}`, 'MN-1 aws_subnet.mn']);
    const listed = extractTerraform({ s: tf({ destination_prefix_list_id: '${var.list}' }, inline) });
    expect(reasons(listed)).toEqual([`${where} destination_prefix_list_id: the route's destination "\${var.list}" cannot be read at synth time`]);
    expect(critical(listed)).toEqual([`GUARD-1 ${where}`, 'MN-1 aws_subnet.mn']);
    const target = extractTerraform({ s: tf({ [inline ? 'cidr_block' : 'destination_cidr_block']: '0.0.0.0/0', gateway_id: '${var.gateway}' }, inline) });
    // Unresolved already (a target the guard cannot follow: MN-2 too).
    expect(critical(target)).toEqual([`GUARD-1 ${where}`, 'MN-1 aws_subnet.mn', 'MN-2 aws_subnet.mn']);
  });

  test('configuration: a data source\'s prefix list stays a list the guard cannot read (followed for every address, not unresolved)', () => {
    const graph = extractTerraform({ s: tf({ destination_prefix_list_id: '${data.aws_ec2_managed_prefix_list.cloudfront.id}' }) });
    expect(reasons(graph)).toEqual([]);
    expect(critical(graph)).toEqual(['MN-1 aws_subnet.mn']);
  });

  test('plan: a list without entries is a list; a destination known only after apply is unresolved, and both are followed for every address', () => {
    type Values = Record<string, unknown>;
    const plan = (destination: Values, unknown: Values, expressions: Values = {}) => extractTerraformPlan(handPlan([
      { address: 'aws_vpc.mn', values: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: { id: true } },
      { address: 'aws_vpc.in', values: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } }, unknown: { id: true } },
      { address: 'aws_subnet.mn', values: { cidr_block: '10.0.0.0/24' }, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] } } },
      { address: 'aws_route_table.mn', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: { references: ['aws_vpc.mn.id', 'aws_vpc.mn'] } } },
      {
        address: 'aws_route_table_association.mn',
        values: {},
        unknown: { id: true, route_table_id: true, subnet_id: true },
        expressions: { route_table_id: { references: ['aws_route_table.mn.id', 'aws_route_table.mn'] }, subnet_id: { references: ['aws_subnet.mn.id', 'aws_subnet.mn'] } },
      },
      { address: 'aws_ec2_managed_prefix_list.empty', values: { address_family: 'IPv4', max_entries: 2, name: 'empty', entry: [] }, unknown: { id: true } },
      { address: 'aws_internet_gateway.igw', values: {}, unknown: { id: true, vpc_id: true }, expressions: { vpc_id: { references: ['aws_vpc.in.id', 'aws_vpc.in'] } } },
      {
        address: 'aws_route.out',
        values: destination,
        unknown: { id: true, route_table_id: true, gateway_id: true, ...unknown },
        expressions: {
          route_table_id: { references: ['aws_route_table.mn.id', 'aws_route_table.mn'] },
          gateway_id: { references: ['aws_internet_gateway.igw.id', 'aws_internet_gateway.igw'] },
          ...expressions,
        },
      },
    ]) as any);
    // A prefix list of the plan without entries (filled from elsewhere) is a list the guard cannot read, as in a
    // configuration: followed for every address, not unresolved (it was unresolved and followed for none).
    const empty = plan({}, { destination_prefix_list_id: true }, { destination_prefix_list_id: { references: ['aws_ec2_managed_prefix_list.empty.id', 'aws_ec2_managed_prefix_list.empty'] } });
    expect(reasons(empty)).toEqual([]);
    expect(critical(empty)).toEqual(['MN-1 aws_subnet.mn']);
    // Another resource's attribute known only after apply (an IPAM-allocated block).
    const unknown = plan({}, { destination_cidr_block: true }, { destination_cidr_block: { references: ['aws_vpc.in.cidr_block', 'aws_vpc.in'] } });
    expect(reasons(unknown)).toEqual(['aws_route.out destination_cidr_block: the route\'s destination "${aws_vpc.in.cidr_block}" cannot be read at synth time']);
    expect(critical(unknown)).toEqual(['GUARD-1 aws_route.out', 'MN-1 aws_subnet.mn']);
    // A variable's value is in the plan: a literal block, read.
    const known = plan({ destination_cidr_block: '0.0.0.0/0' }, {});
    expect(reasons(known)).toEqual([]);
    expect(critical(known)).toEqual(['MN-1 aws_subnet.mn']);
  });
});
