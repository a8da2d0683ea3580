/**
 * The hand-made change the explain and diff tests open a path with, in both engines' output: an internet gateway
 * attached to the My Number VPC and a default route to it in the route table of the segment's first transit subnet —
 * a subnet on the VPC's default NACL (allow all, EC2's default), so nothing but routing decides what it reaches.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { CloudFormationTemplate, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { refId, resourcesTagged as cfnTagged } from '../cdk/synth-cache';
import { refName, resourcesOf, resourcesTagged as tfTagged } from '../cdktf/synth-cache';
import { untouchedCdk, untouchedTf } from '../support/untouched';

export type Engine = 'cloudformation' | 'terraform';

/** What the change added: the route's node id in the graph, and the subnet it opens a path from. */
export interface OpenedPath {
  readonly graph: TopologyGraph;
  /** CloudFormation logical ID or Terraform address of the added IPv4 route. */
  readonly route: string;
  /** The same for the IPv6 one, when asked for. */
  readonly route6?: string;
  readonly subnetCidr: string;
  /** Whether the subnet has a NACL of its own (then the test's premise does not hold). */
  readonly ownNacl: boolean;
}

/** The untouched example's graph. */
export function exampleGraph(engine: Engine, name: string): TopologyGraph {
  return engine === 'cloudformation'
    ? extractCloudFormation({ [name]: untouchedCdk(name).template as CloudFormationTemplate })
    : extractTerraform({ [name]: untouchedTf(name).config as TerraformJson });
}

/** The example with the gateway and `0.0.0.0/0` (and `::/0` with `ipv6`) routed to it from the first My Number transit subnet. */
export function openPath(engine: Engine, name: string, ipv6 = false): OpenedPath {
  return engine === 'cloudformation' ? openCfn(name, ipv6) : openTf(name, ipv6);
}

function openCfn(name: string, ipv6: boolean): OpenedPath {
  // The untouched example, synthesized once per test run (test/support/untouched.ts): a copy of its own here.
  const template = untouchedCdk(name).template;
  const asTemplate = Template.fromJSON(template);
  const vpc = Object.keys(cfnTagged(asTemplate, 'AWS::EC2::VPC', 'MY_NUMBER'))[0];
  const subnets = cfnTagged(asTemplate, 'AWS::EC2::Subnet', 'MY_NUMBER');
  const [subnet] = Object.keys(subnets).filter((id) => subnets[id].Properties.Tags.some((t: any) => t.Key === 'jichitai:subnet-role' && t.Value === 'transit')).sort();
  const resources = template.Resources as Record<string, any>;
  const association = Object.values(resources).find((r) => r.Type === 'AWS::EC2::SubnetRouteTableAssociation' && refId(r.Properties.SubnetId) === subnet);
  const table = refId(association.Properties.RouteTableId)!;
  const ownNacl = Object.values(resources).some((r) => r.Type === 'AWS::EC2::SubnetNetworkAclAssociation' && refId(r.Properties.SubnetId) === subnet);
  resources.OpenedGateway = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
  resources.OpenedGatewayAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: vpc }, InternetGatewayId: { Ref: 'OpenedGateway' } } };
  resources.OpenedRoute = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: table }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'OpenedGateway' } } };
  if (ipv6) {
    resources.OpenedRoute6 = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: table }, DestinationIpv6CidrBlock: '::/0', GatewayId: { Ref: 'OpenedGateway' } } };
  }
  return {
    graph: extractCloudFormation({ [name]: template }),
    route: 'OpenedRoute',
    route6: ipv6 ? 'OpenedRoute6' : undefined,
    subnetCidr: subnets[subnet].Properties.CidrBlock,
    ownNacl,
  };
}

function openTf(name: string, ipv6: boolean): OpenedPath {
  const { config } = untouchedTf(name);
  const mutated = untouchedTf(name).config;
  const vpc = Object.keys(tfTagged(config, 'aws_vpc', 'MY_NUMBER'))[0];
  const subnets = tfTagged(config, 'aws_subnet', 'MY_NUMBER');
  const [subnet] = Object.keys(subnets).filter((n) => subnets[n].tags['jichitai:subnet-role'] === 'transit').sort();
  const association = Object.values(resourcesOf(config, 'aws_route_table_association')).find((a: any) => refName(a.subnet_id, 'aws_subnet') === subnet);
  const table = refName(association.route_table_id, 'aws_route_table')!;
  const ownNacl = Object.values(resourcesOf(config, 'aws_network_acl_association')).some((a: any) => refName(a.subnet_id, 'aws_subnet') === subnet)
    || Object.values(resourcesOf(config, 'aws_network_acl')).some((a: any) => JSON.stringify(a.subnet_ids ?? []).includes(`aws_subnet.${subnet}.`));
  mutated.resource.aws_internet_gateway = { ...mutated.resource.aws_internet_gateway, OpenedGateway: { vpc_id: `\${aws_vpc.${vpc}.id}` } };
  mutated.resource.aws_route.OpenedRoute = {
    route_table_id: `\${aws_route_table.${table}.id}`, destination_cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.OpenedGateway.id}',
  };
  if (ipv6) {
    mutated.resource.aws_route.OpenedRoute6 = {
      route_table_id: `\${aws_route_table.${table}.id}`, destination_ipv6_cidr_block: '::/0', gateway_id: '${aws_internet_gateway.OpenedGateway.id}',
    };
  }
  return {
    graph: extractTerraform({ [name]: mutated }),
    route: 'aws_route.OpenedRoute',
    route6: ipv6 ? 'aws_route.OpenedRoute6' : undefined,
    subnetCidr: subnets[subnet].cidr_block,
    ownNacl,
  };
}
