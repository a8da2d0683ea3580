/**
 * The mutation suite (CDKTF): from each reference deployment, every forbidden change a user could make by hand
 * (extra provider resources, `addOverride`, removed children) must be refused by the guard with the right rule,
 * while the untouched example synthesizes. The same mutations as test/guard/mutations-cdk.test.ts, written the
 * Terraform way. Prints the tally at the end.
 */
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { ApiGatewayRestApi } from '@cdktf/provider-aws/lib/api-gateway-rest-api';
import { ApprunnerService } from '@cdktf/provider-aws/lib/apprunner-service';
import { ApprunnerVpcConnector } from '@cdktf/provider-aws/lib/apprunner-vpc-connector';
import { AppstreamFleet } from '@cdktf/provider-aws/lib/appstream-fleet';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingGroupTagA } from '@cdktf/provider-aws/lib/autoscaling-group-tag';
import { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
import { CloudformationStack } from '@cdktf/provider-aws/lib/cloudformation-stack';
import { CloudwatchLogDestination } from '@cdktf/provider-aws/lib/cloudwatch-log-destination';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { DataAwsRouteTable } from '@cdktf/provider-aws/lib/data-aws-route-table';
import { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { DefaultRouteTable } from '@cdktf/provider-aws/lib/default-route-table';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Ec2ClientVpnNetworkAssociation } from '@cdktf/provider-aws/lib/ec2-client-vpn-network-association';
import { Ec2ManagedPrefixList } from '@cdktf/provider-aws/lib/ec2-managed-prefix-list';
import { Ec2Tag } from '@cdktf/provider-aws/lib/ec2-tag';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayPrefixListReference } from '@cdktf/provider-aws/lib/ec2-transit-gateway-prefix-list-reference';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EgressOnlyInternetGateway } from '@cdktf/provider-aws/lib/egress-only-internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { IotTopicRule } from '@cdktf/provider-aws/lib/iot-topic-rule';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionUrl } from '@cdktf/provider-aws/lib/lambda-function-url';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { MainRouteTableAssociation } from '@cdktf/provider-aws/lib/main-route-table-association';
import { MwaaEnvironment } from '@cdktf/provider-aws/lib/mwaa-environment';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { NetworkInterface } from '@cdktf/provider-aws/lib/network-interface';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SpotFleetRequest } from '@cdktf/provider-aws/lib/spot-fleet-request';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { VpcIpv4CidrBlockAssociation } from '@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcRouteServer } from '@cdktf/provider-aws/lib/vpc-route-server';
import { VpcRouteServerPropagation } from '@cdktf/provider-aws/lib/vpc-route-server-propagation';
import { VpcRouteServerVpcAssociation } from '@cdktf/provider-aws/lib/vpc-route-server-vpc-association';
import { VpcSecurityGroupVpcAssociation } from '@cdktf/provider-aws/lib/vpc-security-group-vpc-association';
import { VpclatticeServiceNetworkVpcAssociation } from '@cdktf/provider-aws/lib/vpclattice-service-network-vpc-association';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { WorkspacesDirectory } from '@cdktf/provider-aws/lib/workspaces-directory';
import { WorkspaceswebNetworkSettings } from '@cdktf/provider-aws/lib/workspacesweb-network-settings';
import { DataResource, Fn, TerraformResource, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { ALL, find, Mutation as SuiteMutation, NOT_ALPHA_PRIME, PrefectureMutation, runMutationSuite, runPrefectureMutations } from './mutation-suite';
import { CROSS_ACCOUNT_MEMBER, memberInternetCidr, prefectureHub, REFERENCE_MEMBERS } from '../../examples/prefecture';
import { buildTfExample } from '../../examples/tf/_app';
import { buildTfPrefecture, TfPrefecture } from '../../examples/tf/_prefecture';
import { NetworkModel, tf } from '../../src';
import { planOf } from '../../src/plan/cache';

type Net = tf.MunicipalNetwork;

/** The examples whose Internet segment uses the security cloud (β′ uses the built-in stand-in). */
const NOT_STAND_IN = [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA];

type Mutation = SuiteMutation<TerraformStack, Net>;

const table = (segment: IConstruct, key: string) => find<RouteTable>(segment, `/RouteTable-${key}`);

/** Whether a reference of the breakout policy is an AWS managed group's (the threat signatures, AP-4). */
const managedRef = (r: { resourceArn: string }) => String(r.resourceArn).includes(':aws-managed:');
/** Replace the α′ breakout policy's stateful rule group references (or the Internet segment's stand-in's, IN-1). */
function editManagedGroups(net: Net, edit: (refs: any[]) => any[], segment: 'lgwan' | 'internet' = 'lgwan'): void {
  const policy = find<NetworkfirewallFirewallPolicy>(net[segment], 'Firewall/Policy');
  const input = policy.firewallPolicyInput!;
  policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: edit(input.statefulRuleGroupReference as any[]) });
}
const subnet = (segment: IConstruct, key: string) => find<Subnet>(segment, `/Subnet-${key}`);

/** A Lambda function whose VPC configuration puts it in `where`. */
function functionIn(stack: TerraformStack, where: Subnet): LambdaFunction {
  return new LambdaFunction(stack, 'MutFn', {
    functionName: 'mut',
    role: 'arn:aws:iam::111122223333:role/mut',
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    filename: 'mut.zip',
    vpcConfig: { subnetIds: [where.id], securityGroupIds: [] },
  });
}
const transitTable = (net: Net, zone: string) => find<Ec2TransitGatewayRouteTable>(net, `Transit/RouteTable-${zone}`);

/** The My Number subnets without the segment's NACL (the endpoint subnets): paths from there are judged by routes alone. */
const OPEN = 'endpoints-1';

/** The security-cloud VPN's transit gateway attachment (the target of the Internet segment's default TGW route). */
const securityCloud = (net: Net) => find<Ec2TransitGatewayRoute>(net, 'Transit/Route-INTERNET-00000000p0').transitGatewayAttachmentIdInput!;

/** Point one of the plan's blackholed transit routes at an attachment instead (overrides only). */
function unblackhole(net: Net, route: string, attachment: string): void {
  const hole = find<Ec2TransitGatewayRoute>(net, route);
  hole.addOverride('blackhole', null);
  hole.addOverride('transit_gateway_attachment_id', attachment);
}

/** A route from a My Number table over the transit gateway, and the transit route that takes it further. */
function overTransit(stack: TerraformStack, net: Net, id: string, destination: string, attachment: string, from = OPEN): void {
  const v6 = destination.includes(':');
  new Route(stack, `${id}Vpc`, {
    routeTableId: table(net.myNumber, from).id,
    ...(v6 ? { destinationIpv6CidrBlock: destination } : { destinationCidrBlock: destination }),
    transitGatewayId: net.transitGatewayId,
  });
  new Ec2TransitGatewayRoute(stack, `${id}Tgw`, { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: destination, transitGatewayAttachmentId: attachment });
}

/** The My Number endpoint subnet without its explicit route table association: it falls back to the VPC's main table. */
function onMainTable(net: Net): void {
  net.myNumber.node.tryRemoveChild(`Subnet-${OPEN}-RouteTable`);
}

function attachIgw(stack: TerraformStack, segment: tf.SegmentNetwork, id: string): InternetGateway {
  return new InternetGateway(stack, `${id}Igw`, { vpcId: segment.vpcId });
}

/** Re-point an existing route to another target with overrides only (the construct's props stay as they were). */
function repoint(route: TerraformResource, attribute: string, value: string): void {
  for (const a of ['transit_gateway_id', 'vpc_endpoint_id', 'nat_gateway_id', 'gateway_id']) route.addOverride(a, null);
  route.addOverride(attribute, value);
}

/** Replace the proxy's user data with the plan's boot script minus some lines (what a user editing it would do). */
function replaceBootScript(net: Net, keep: (line: string) => boolean): void {
  editBootScript(net, (script) => script.split('\n').filter(keep).join('\n'));
}

function editBootScript(net: Net, edit: (script: string) => string): void {
  const script = edit(planOf(net.blueprint).tenantProxy!.bootScript);
  find<TerraformResource>(net.lgwan, 'TenantProxy/LaunchTemplate').addOverride('user_data', Buffer.from(script).toString('base64'));
}

const MUTATIONS: Mutation[] = [
  {
    name: 'a NAT gateway and a default route to it in MY_NUMBER',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const eip = new Eip(stack, 'MutEip', { domain: 'vpc' });
      const nat = new NatGateway(stack, 'MutNat', { subnetId: subnet(net.myNumber, 'workload-1').id, allocationId: eip.allocationId });
      new Route(stack, 'MutRoute', { routeTableId: table(net.myNumber, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    },
  },
  {
    name: 'an internet gateway attached to the MY_NUMBER VPC',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) { attachIgw(stack, net.myNumber, 'Mut'); },
  },
  {
    name: 'an internet gateway route from a MY_NUMBER subnet',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const igw = attachIgw(stack, net.myNumber, 'Mut');
      new Route(stack, 'MutRoute', { routeTableId: table(net.myNumber, 'workload-2').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    name: 'a public-IP subnet in MY_NUMBER (addOverride)',
    rule: 'MN-1',
    models: ALL,
    apply(_, net) { subnet(net.myNumber, 'workload-1').addOverride('map_public_ip_on_launch', true); },
  },
  {
    // α′'s LGWAN VPC has an internet gateway for the breakout: an instance with a public IP address is reached through it.
    name: 'a public-IP subnet in LGWAN (addOverride)',
    rule: 'LG-1',
    models: ALL,
    apply(_, net) { subnet(net.lgwan, 'workload-1').addOverride('map_public_ip_on_launch', true); },
  },
  {
    name: 'VPC peering between MY_NUMBER and INTERNET, with routes',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const peering = new VpcPeeringConnection(stack, 'MutPeering', { vpcId: net.myNumber.vpcId, peerVpcId: net.internet.vpcId });
      new Route(stack, 'MutRouteA', { routeTableId: table(net.myNumber, 'workload-1').id, destinationCidrBlock: net.internet.vpcCidr, vpcPeeringConnectionId: peering.id });
      new Route(stack, 'MutRouteB', { routeTableId: table(net.internet, 'workload-1').id, destinationCidrBlock: net.myNumber.vpcCidr, vpcPeeringConnectionId: peering.id });
    },
  },
  {
    name: 'VPC peering between MY_NUMBER and INTERNET, without routes',
    rule: 'SEG-1',
    models: ALL,
    apply(stack, net) { new VpcPeeringConnection(stack, 'MutPeering', { vpcId: net.myNumber.vpcId, peerVpcId: net.internet.vpcId }); },
  },
  {
    name: 'a transit gateway propagation of INTERNET into the MY_NUMBER table',
    rule: 'SEG-1',
    models: ALL,
    apply(stack, net) {
      new Ec2TransitGatewayRouteTablePropagation(stack, 'MutPropagation', {
        transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id,
        transitGatewayAttachmentId: net.internet.transitGatewayAttachmentId!,
      });
    },
  },
  {
    name: 'static routes leaking MY_NUMBER into the INTERNET segment over the transit gateway',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const internetWorkload = subnet(net.internet, 'workload-1').cidrBlockInput!;
      overTransit(stack, net, 'Mut', internetWorkload, net.internet.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'transit gateway default route table association switched on (addOverride)',
    rule: 'SEG-1',
    models: ALL,
    apply(_, net) { find<TerraformResource>(net, 'Transit/TransitGateway').addOverride('default_route_table_association', 'enable'); },
  },
  {
    name: 'an LGWAN route to the internet',
    rule: 'LG-1',
    models: NOT_ALPHA_PRIME,
    apply(stack, net) {
      const igw = attachIgw(stack, net.lgwan, 'Mut');
      new Route(stack, 'MutRoute', { routeTableId: table(net.lgwan, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    name: 'an α′ LGWAN default route that bypasses the firewall (straight to the NAT gateway)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new Route(stack, 'MutRoute', { routeTableId: table(net.lgwan, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: find<NatGateway>(net.lgwan, '/NatGateway-1').id });
    },
  },
  {
    name: 'the α′ proxy route re-pointed from the firewall to the NAT gateway (addOverride)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const route = net.lgwan.node.findAll().find((c) => /Route-proxy-1-/.test(c.node.id)) as TerraformResource;
      repoint(route, 'nat_gateway_id', find<NatGateway>(net.lgwan, '/NatGateway-1').id);
    },
  },
  {
    // The security cloud leads to the internet: reaching it from LGWAN around the firewall bypasses the breakout chain.
    name: 'an α′ terminal subnet routed to the security cloud over the transit gateway, around the breakout firewall',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new Route(stack, 'MutVpc', { routeTableId: table(net.lgwan, 'terminals-1').id, destinationCidrBlock: '198.51.100.0/24', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'LGWAN').id, destinationCidrBlock: '198.51.100.0/24', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    // Past the firewall the path ends where the guard cannot follow: it counts as reaching every segment (fail closed).
    name: 'the α′ firewall subnet\'s default route re-pointed to a network interface (addOverride)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const route = net.lgwan.node.findAll().find((c) => /Route-firewall-1-/.test(c.node.id)) as TerraformResource;
      repoint(route, 'network_interface_id', 'eni-0123456789abcdef0');
    },
  },
  {
    // What runs in the egress chain's own subnets leaves by their routes: the firewall subnet's lead to the NAT gateway.
    name: 'an EC2 instance placed in the α′ breakout firewall subnet',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new Instance(stack, 'MutInstance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'firewall-1').id });
    },
  },
  {
    // The proxy's subnet reaches the breakout for the proxy: anything else placed there may be a server using that way out.
    name: 'an EC2 instance placed beside the α′ forward proxy (in its subnet)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new Instance(stack, 'MutBeside', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'proxy-1').id });
    },
  },
  {
    name: 'a network interface placed in the α′ breakout NAT gateway subnet (its route goes straight to the internet gateway)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) { new NetworkInterface(stack, 'MutEni', { subnetId: subnet(net.lgwan, 'egress-1').id }); },
  },
  {
    // IPv6 has no NAT: the breakout's internet gateway delivers to the subnet's global addresses whatever its routes.
    name: 'an α′ LGWAN terminal subnet given IPv6 addresses from an Amazon-provided block (the VPC has the breakout\'s internet gateway)',
    rule: 'LG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const vpc = find<Vpc>(net.lgwan, '/Vpc');
      vpc.assignGeneratedIpv6CidrBlock = true;
      const terminals = subnet(net.lgwan, 'terminals-1');
      terminals.ipv6CidrBlock = Fn.cidrsubnet(vpc.ipv6CidrBlock, 8, 1);
      terminals.assignIpv6AddressOnCreation = true;
    },
  },
  {
    // addOverride would append to the list (cdktf deep-merges arrays), so the user replaces the block instead.
    name: 'the breakout firewall policy passes by default (block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulDefaultActions: ['aws:alert_established'] });
    },
  },
  {
    // Under strict order the first pass ends a flow's evaluation: a group ahead of the allow-list that passes bypasses it.
    name: 'an IPS rule group with a pass rule placed ahead of the allow-list (strict order, block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new NetworkfirewallRuleGroup(stack, 'MutPassGroup', {
        name: 'mut-pass',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: { rulesString: 'pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"everything"; sid:1000901; rev:1;)' },
        },
      });
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const input = policy.firewallPolicyInput!;
      const references = [...(input.statefulRuleGroupReference as any[]), { resourceArn: group.arn, priority: 50 }];
      policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: references });
    },
  },
  {
    // The Microsoft 365 header is still in squid.conf, but only for login.live.com: the Entra sign-in hosts go unrestricted.
    name: 'the tenant header added for another host only (user data replaced)',
    rule: 'AP-3',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      editBootScript(net, (script) => script.replace(/^(request_header_add sec-Restrict-Tenant-Access-Policy "[^"]+") tenant_microsoft_365$/m,
        '$1 tenant_microsoft_consumer_account_block'));
    },
  },
  {
    name: 'a bare "*" in the allow-list (addOverride)',
    rule: 'AP-2',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-allowlist').addOverride('rule_group.rules_source.rules_source_list.targets', ['*']); },
  },
  {
    name: 'a TLD-wide entry in the allow-list (addOverride)',
    rule: 'AP-2',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-allowlist').addOverride('rule_group.rules_source.rules_source_list.targets', ['.com', 'login.microsoftonline.com']);
    },
  },
  {
    name: 'a service that is not ISMAP-listed added to the allow-list (addOverride)',
    rule: 'AP-2',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-allowlist').addOverride('rule_group.rules_source.rules_source_list.targets', ['.dropbox.com']); },
  },
  {
    name: 'a communication tool without a tenant-restriction header (Zoom) added to the case イ allow-list (addOverride)',
    rule: 'AP-3',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-allowlist').addOverride('rule_group.rules_source.rules_source_list.targets', ['.office.com', '.zoom.us']); },
  },
  {
    name: 'the proxy lets the client\'s forged tenant header through (user data replaced)',
    rule: 'AP-3',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { replaceBootScript(net, (line) => !/^request_header_access /.test(line)); },
  },
  {
    name: 'the proxy accepts cloud-service certificates that fail verification (sslproxy_cert_error allow, user data replaced)',
    rule: 'AP-5',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editBootScript(net, (script) => script.replace(/^sslproxy_cert_error deny all$/m, 'sslproxy_cert_error allow all')); },
  },
  {
    name: 'the breakout IPS rules replaced by a pass rule, no managed threat group (addOverride)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      editManagedGroups(net, (refs) => refs.filter((r) => !managedRef(r)));
      find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-ips')
        .addOverride('rule_group.rules_source.rules_string', 'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"anything"; sid:1000101; rev:1;)');
    },
  },
  {
    name: 'the case イ download restriction taken out of the proxy (user data replaced)',
    rule: 'AP-6',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { replaceBootScript(net, (line) => !/^http_reply_access deny /.test(line)); },
  },
  {
    // The stand-in for the security cloud must inspect (IN-1): a policy that passes by default does not count.
    name: 'the built-in Internet egress (stand-in for the security cloud) passes by default (block replaced through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulDefaultActions: ['aws:alert_established'] });
    },
  },
  {
    name: 'the built-in Internet egress passes every TCP flow ahead of its default drop (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      find<NetworkfirewallRuleGroup>(net.internet, 'Firewall/RuleGroup-web').addOverride('rule_group.rules_source.rules_string',
        'pass tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"everything"; sid:1000999; rev:1;)');
    },
  },
  {
    name: 'the built-in Internet egress runs its web pass group ahead of its IPS group (priority changed through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy');
      // The web group is the one at priority 300 (each `.arn` read is a fresh token, so it cannot be compared).
      const refs = policy.firewallPolicyInput!.statefulRuleGroupReference as { resourceArn: string; priority: number }[];
      const web = 300;
      if (!refs.some((r) => r.priority === web)) throw new Error('test setup: the stand-in has no rule group at priority 300');
      policy.putFirewallPolicy({
        ...policy.firewallPolicyInput!,
        statefulRuleGroupReference: refs.map((r) => ({ ...r, priority: r.priority === web ? 1 : r.priority })),
      });
    },
  },
  {
    // What runs in the stand-in's own subnets leaves by their routes, around the inspection.
    name: 'an EC2 instance (by its network interface) placed in the built-in Internet egress firewall subnet',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      const eni = new NetworkInterface(stack, 'MutEni', { subnetId: subnet(net.internet, 'firewall-1').id });
      new Instance(stack, 'MutInstance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', networkInterface: [{ deviceIndex: 0, networkInterfaceId: eni.id }] });
    },
  },
  {
    name: 'the Internet segment\'s forwarding of "." to the security cloud\'s DNS removed (rule association removed)',
    rule: 'IN-2',
    models: NOT_STAND_IN,
    apply(_, net) { net.internet.node.tryRemoveChild('DnsForwardingAssociation'); },
  },
  {
    name: 'the Internet segment forwards "." to a public resolver instead of the security cloud\'s (override)',
    rule: 'IN-2',
    models: NOT_STAND_IN,
    apply(_, net) { find<TerraformResource>(net.internet, '/DnsForwardingRule').addOverride('target_ip', [{ ip: '8.8.8.8', port: 53 }]); },
  },
  {
    name: 'the Internet segment resolves "com" with the VPC resolver (a SYSTEM resolver rule added)',
    rule: 'IN-2',
    models: NOT_STAND_IN,
    apply(_, net) {
      const rule = new Route53ResolverRule(net, 'MutSystemRule', { domainName: 'com', ruleType: 'SYSTEM' });
      new Route53ResolverRuleAssociation(net, 'MutSystemAssoc', { resolverRuleId: rule.id, vpcId: net.internet.vpc.id });
    },
  },
  {
    name: 'the stand-in\'s DNS Firewall fails open (override)',
    rule: 'IN-2',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { find<TerraformResource>(net.internet, '/DnsFirewallConfig').addOverride('firewall_fail_open', 'ENABLED'); },
  },
  {
    name: 'the proxy\'s access log shipping taken out of the boot script (CloudWatch agent not started)',
    rule: 'LOG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { replaceBootScript(net, (line) => !line.includes('amazon-cloudwatch-agent-ctl')); },
  },
  {
    name: 'the proxy\'s access log group removed',
    rule: 'LOG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { net.lgwan.tenantProxy!.node.tryRemoveChild('AccessLog'); },
  },
  {
    name: 'a direct internet gateway route from an INTERNET workload subnet (override of the security-cloud route)',
    rule: 'IN-1',
    models: ALL,
    apply(stack, net) {
      const igw = attachIgw(stack, net.internet, 'Mut');
      const route = net.internet.node.findAll().find((c) => c.node.id === 'Route-workload-1-00000000p0') as TerraformResource | undefined;
      // β′'s workload subnets have no default route (they browse through the stand-in's proxy): one is added instead.
      if (route) repoint(route, 'gateway_id', igw.id);
      else new Route(stack, 'MutIgwRoute', { routeTableId: table(net.internet, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    // The stand-in must have a web proxy (IN-1, revised 2026-12-01: "plus a proxy").
    name: 'the built-in Internet egress without its web proxy (the stand-in proxy removed)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { net.internet.node.tryRemoveChild('StandInProxy'); },
  },
  {
    name: 'an INTERNET workload subnet routed to the built-in egress firewall directly, around the stand-in\'s web proxy',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new Route(stack, 'MutRoute', { routeTableId: table(net.internet, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: net.internet.firewallEndpointIds[0] });
    },
  },
  {
    name: 'the flow log of MY_NUMBER removed',
    rule: 'LOG-1',
    models: ALL,
    apply(_, net) { net.myNumber.node.tryRemoveChild('FlowLog'); },
  },
  {
    name: 'β/β′: the Internet segment\'s flow log re-pointed from the SIEM sink to a bucket next to it (addOverride)',
    rule: 'LOG-1',
    models: [NetworkModel.BETA, NetworkModel.BETA_PRIME],
    apply(stack, net) {
      const archive = new S3Bucket(stack, 'MutArchive', {});
      find<TerraformResource>(net.internet, '/FlowLog').addOverride('log_destination', `${archive.arn}/vpc-flow-logs/`);
    },
  },
  {
    name: 'an all-traffic security group in MY_NUMBER open to the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroup(stack, 'MutGroup', {
        vpcId: net.myNumber.vpcId,
        ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.lgwan.vpcCidr] }],
      });
    },
  },
  {
    name: 'a separate rule opening every TCP port of a My Number host to the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroupRule(stack, 'MutIngress', {
        type: 'ingress',
        securityGroupId: net.myNumber.securityGroupFor('resident-registry').id,
        protocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        cidrBlocks: [net.lgwan.vpcCidr],
      });
    },
  },
  {
    name: 'α′: a route from MY_NUMBER to a host in an LGWAN terminal subnet (the breakout is no exception)',
    rule: 'MN-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      overTransit(stack, net, 'MutMnTerminal', '10.0.80.10/32', net.lgwan.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'α′: the LGWAN workload subnets (servers) are given a default route to the breakout firewall',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const proxyRoute = net.lgwan.node.findAll().map((c) => c as Route).find((r) => r.node.id.startsWith('Route-proxy-1-') && r.vpcEndpointIdInput !== undefined);
      if (!proxyRoute) throw new Error('test setup: no breakout route of the proxy subnet');
      new Route(stack, 'MutServersOut', { routeTableId: table(net.lgwan, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: proxyRoute.vpcEndpointIdInput });
    },
  },
  {
    // Fail closed: a subnet the guard knows nothing of may hold servers; only declared or tagged terminal pools break out.
    name: 'α′: a subnet added to the LGWAN VPC on the terminal pool\'s route table (the breakout), untagged and holding no declared host',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const added = new Subnet(stack, 'MutAddedSubnet', { vpcId: net.lgwan.vpcId, cidrBlock: '10.0.100.0/24', availabilityZone: 'ap-northeast-1a' });
      new RouteTableAssociation(stack, 'MutAddedSubnetTable', { subnetId: added.id, routeTableId: table(net.lgwan, 'terminals-1').id });
    },
  },
  {
    // LG-2's direction: in α and α′ screen transfer goes from the LGWAN terminals out; the Internet segment opens nothing into LGWAN but the relay.
    name: 'α/α′: the LGWAN file server\'s security group admits the Internet segment\'s virtual browser (the wrong direction)',
    rule: 'LG-2',
    models: [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      new SecurityGroupRule(net, 'MutReverse', {
        type: 'ingress',
        securityGroupId: find<SecurityGroup>(net.lgwan, '/HostSecurityGroup-lgwan-file-server').id,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ['10.0.128.10/32'],
      });
    },
  },
  {
    // LG-2's flows admit a host-labelled group only into their own destination: the relay's flow opens the file server, not another server.
    name: 'the LGWAN mail server\'s security group admits the sanitization relay on the relay\'s port (declared into the file server only)',
    rule: 'LG-2',
    models: ALL,
    apply(_, net) {
      new SecurityGroupRule(net, 'MutRelayElsewhere', {
        type: 'ingress',
        securityGroupId: find<SecurityGroup>(net.lgwan, '/HostSecurityGroup-lgwan-mail-server').id,
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrBlocks: ['10.0.128.20/32'],
      });
    },
  },
  {
    // A forward proxy relays to the breakout: whoever its front admits uses the breakout, whatever its own subnet's routes.
    name: 'α′: the proxy load balancer\'s security group widened to the whole LGWAN VPC (servers reach the breakout through the proxy)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<SecurityGroup>(net.lgwan, 'TenantProxy/LoadBalancerSecurityGroup').addOverride('ingress', [{
        cidr_blocks: [net.lgwan.vpcCidr],
        from_port: 0,
        to_port: 65535,
        protocol: 'tcp',
        description: 'widened',
        ipv6_cidr_blocks: [],
        prefix_list_ids: [],
        security_groups: [],
        self: false,
      }]);
    },
  },
  {
    name: 'a route from MY_NUMBER to an LGWAN host whose subnet is given an internet route',
    rule: 'MN-4',
    models: NOT_ALPHA_PRIME,
    apply(stack, net) {
      const host = '10.0.65.20/32';
      overTransit(stack, net, 'MutMn', host, net.lgwan.transitGatewayAttachmentId!);
      const igw = attachIgw(stack, net.lgwan, 'Mut');
      new Route(stack, 'MutOut', { routeTableId: table(net.lgwan, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    name: 'LGWAN routed to the whole Internet segment over the transit gateway',
    rule: 'LG-2',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutVpcRoute', { routeTableId: table(net.lgwan, 'workload-1').id, destinationCidrBlock: net.internet.vpcCidr, transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgwRoute', {
        transitGatewayRouteTableId: transitTable(net, 'LGWAN').id,
        destinationCidrBlock: net.internet.vpcCidr,
        transitGatewayAttachmentId: net.internet.transitGatewayAttachmentId!,
      });
    },
  },
  {
    name: 'an all-traffic security group in the Internet segment open to the LGWAN VPC',
    rule: 'LG-2',
    models: ALL,
    apply(stack, net) {
      new SecurityGroup(stack, 'MutGroup', { vpcId: net.internet.vpcId, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.lgwan.vpcCidr] }] });
    },
  },
  {
    name: 'the whole LGWAN WAN range routed from LGWAN to the WAN attachment instead of blackholed',
    rule: 'LG-3',
    models: ALL,
    apply(_, net) {
      // The WAN attachment, as the declared LGWAN-ASP host route to the mail relay uses it.
      const wan = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-LGWAN-ac141419p32').transitGatewayAttachmentIdInput!;
      unblackhole(net, 'Transit/Route-LGWAN-ac140000p16', wan);
    },
  },
  {
    name: 'the whole LGWAN segment routed back from the LGWAN WAN instead of blackholed',
    rule: 'LG-3',
    models: ALL,
    apply(_, net) {
      unblackhole(net, 'Transit/Route-LGWAN_WAN-0a004000p18', net.lgwan.transitGatewayAttachmentId!);
    },
  },
  {
    // The 中間サーバー is reached over LGWAN as specific communication: the rest of the WAN is not (MN-3, not only LG-3).
    name: 'a My Number route to an undeclared /24 of the LGWAN WAN over the transit gateway',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) { overTransit(stack, net, 'Mut', '172.20.99.0/24', find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentIdInput!); },
  },
  {
    name: 'the whole My Number segment routed back from the LGWAN WAN instead of blackholed',
    rule: 'MN-3',
    models: ALL,
    apply(_, net) {
      unblackhole(net, 'Transit/Route-LGWAN_WAN-0a000000p18', net.myNumber.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'a VPN gateway to the LGWAN WAN attached to the My Number VPC (the WAN enters the segment)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) { new VpnGateway(stack, 'MutWanVgw', { vpcId: net.myNumber.vpcId, tags: { 'jichitai:zone': 'LGWAN_WAN' } }); },
  },
  {
    // The closed WAN is reached from LGWAN接続系 only; the Internet segment never joins it (LG-1, every model).
    name: 'an Internet-segment route to the LGWAN WAN over the transit gateway',
    rule: 'LG-1',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutVpc', { routeTableId: table(net.internet, 'workload-1').id, destinationCidrBlock: '172.20.10.0/24', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', {
        transitGatewayRouteTableId: transitTable(net, 'INTERNET').id,
        destinationCidrBlock: '172.20.10.0/24',
        transitGatewayAttachmentId: find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentIdInput!,
      });
    },
  },
  {
    name: 'the Internet segment routed back from the LGWAN WAN instead of blackholed',
    rule: 'LG-1',
    models: ALL,
    apply(_, net) {
      unblackhole(net, 'Transit/Route-LGWAN_WAN-0a008000p18', net.internet.transitGatewayAttachmentId!);
    },
  },
  {
    // A one-way path is a path: what enters from the security cloud must not arrive in My Number (MN-1) or LGWAN (LG-1).
    name: 'the security cloud\'s transit table routing the My Number segment to its attachment instead of blackholing it',
    rule: 'MN-1',
    models: NOT_STAND_IN,
    apply(_, net) {
      unblackhole(net, 'Transit/Route-SECURITY_CLOUD-0a000000p18', net.myNumber.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'the security cloud\'s transit table routing the LGWAN segment to its attachment instead of blackholing it',
    rule: 'LG-1',
    models: NOT_STAND_IN,
    apply(_, net) {
      unblackhole(net, 'Transit/Route-SECURITY_CLOUD-0a004000p18', net.lgwan.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'a My Number VPC endpoint without its endpoint policy (AWS\'s full-access default)',
    rule: 'MN-5',
    models: ALL,
    apply(_, net) { find<TerraformResource>(net.myNumber, '/Endpoint-logs').addOverride('policy', null); },
  },
  {
    name: 'a My Number VPC endpoint policy replaced by allow-all',
    rule: 'MN-5',
    models: ALL,
    apply(_, net) {
      find<TerraformResource>(net.myNumber, '/Endpoint-ssm').addOverride('policy', JSON.stringify({
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      }));
    },
  },
  {
    name: 'a My Number VPC endpoint policy built by a Terraform expression the guard cannot read (jsonencode)',
    rule: 'MN-5',
    models: ALL,
    apply(_, net) { find<TerraformResource>(net.myNumber, '/Endpoint-ssm').addOverride('policy', '${jsonencode({Statement = []})}'); },
  },
  {
    // Its BGP peers (appliances) may advertise any prefix toward their interfaces, which the guard does not follow.
    name: 'a VPC Route Server propagating into a My Number route table',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const server = new VpcRouteServer(stack, 'MutRouteServer', { amazonSideAsn: 65000 });
      new VpcRouteServerVpcAssociation(stack, 'MutRouteServerVpc', { routeServerId: server.routeServerId, vpcId: find<Vpc>(net.myNumber, '/Vpc').id });
      new VpcRouteServerPropagation(stack, 'MutRouteServerPropagation', { routeServerId: server.routeServerId, routeTableId: table(net.myNumber, 'workload-1').id });
    },
  },
  {
    // What is behind a VPN without a zone label may be anything, the internet included (fail closed).
    name: 'a VPN on the transit gateway without a zone label, associated with the LGWAN WAN\'s transit route table',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const vpn = new VpnConnection(stack, 'MutVpn', { transitGatewayId: net.transitGatewayId, customerGatewayId: 'cgw-0123456789abcdef0', type: 'ipsec.1' });
      new Ec2TransitGatewayRouteTableAssociation(stack, 'MutVpnAssociation', { transitGatewayRouteTableId: transitTable(net, 'LGWAN_WAN').id, transitGatewayAttachmentId: vpn.transitGatewayAttachmentId });
    },
  },
  {
    // What a CloudFormation stack made by Terraform creates (here a route to the internet in a My Number route table,
    // given the table's id) exists after deployment only: the guard reads the configuration, not the stack's template.
    name: 'a CloudFormation stack whose template adds a route to an internet gateway in a My Number route table',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new CloudformationStack(stack, 'MutCfnStack', {
        name: 'mut-cfn-stack',
        parameters: { Table: table(net.myNumber, 'workload-1').id },
        templateBody: JSON.stringify({
          Parameters: { Table: { Type: 'String' } },
          Resources: { Route: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Table' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0' } } },
        }),
      });
    },
  },
  {
    // A local-exec provisioner runs a command with terraform's credentials at apply time: here one that adds a default
    // route to a My Number route table, which the configuration never shows (src/guard/deploy-code.ts).
    name: 'a local-exec provisioner that adds a default route to a My Number route table at apply time',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new DataResource(stack, 'MutSeed', {
        input: { table: table(net.myNumber, 'workload-1').id },
        provisioners: [{ type: 'local-exec', command: `aws ec2 create-route --route-table-id ${table(net.myNumber, 'workload-1').id} --destination-cidr-block 0.0.0.0/0 --gateway-id igw-0123456789abcdef0` }],
      });
    },
  },
  {
    // A second Terraform stack of the app is read by no guard: finding the My Number VPC and route table with data
    // sources, it attaches an internet gateway and routes to it.
    name: 'a second stack of the app finds the My Number VPC and route table with data sources, attaches an internet gateway and routes to it',
    rule: 'GUARD-1',
    models: ALL,
    notSwept: 'the refusal is of the second stack, which the sweep does not re-read (test/guard/guard-cdk.test.ts and guard-tf.test.ts vary how it names the VPC)',
    apply(stack) {
      const other = new TerraformStack(stack.node.root, 'MutSibling');
      new AwsProvider(other, 'aws', { region: 'ap-northeast-1' });
      const vpc = new DataAwsVpc(other, 'MyNumber', { tags: { 'jichitai:segment': 'MY_NUMBER' } });
      const rt = new DataAwsRouteTable(other, 'MyNumberTable', { vpcId: vpc.id, tags: { Name: 'workload-1' } });
      const igw = new InternetGateway(other, 'Igw', { vpcId: vpc.id });
      new Route(other, 'Out', { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    // Another account's VPC may hold anything: what enters from it counts as anything (fail closed).
    name: 'another account\'s VPC attachment accepted and associated with the LGWAN WAN\'s transit route table',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const accepter = new Ec2TransitGatewayVpcAttachmentAccepter(stack, 'MutAccepter', { transitGatewayAttachmentId: 'tgw-attach-0123456789abcdef0' });
      new Ec2TransitGatewayRouteTableAssociation(stack, 'MutAccepterAssociation', { transitGatewayRouteTableId: transitTable(net, 'LGWAN_WAN').id, transitGatewayAttachmentId: accepter.id });
    },
  },
  {
    // Known only at plan time, the rule's action decides what the NACL lets through.
    name: 'a NACL rule of the My Number VPC whose action is an input variable',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const action = new TerraformVariable(stack, 'mut_acl_action', { type: 'string', default: 'deny' });
      const acl = new NetworkAcl(stack, 'MutAcl', { vpcId: find<Vpc>(net.myNumber, '/Vpc').id });
      new NetworkAclRule(stack, 'MutAclRule', { networkAclId: acl.id, ruleNumber: 90, protocol: '-1', egress: true, ruleAction: action.stringValue, cidrBlock: '0.0.0.0/0' });
    },
  },
  {
    name: 'an unlabelled VPC in the guarded stack',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack) { new Vpc(stack, 'MutVpc', { cidrBlock: '192.168.0.0/24' }); },
  },
  {
    // A path the guard does not model (bridges.ts): remote users straight into the My Number segment.
    name: 'a Client VPN endpoint associated with a My Number subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new Ec2ClientVpnNetworkAssociation(stack, 'MutClientVpn', { clientVpnEndpointId: 'cvpn-endpoint-0123456789abcdef0', subnetId: subnet(net.myNumber, 'workload-1').id });
    },
  },
  {
    // A public IP address on instances a launch template starts: α′'s LGWAN VPC has an internet gateway (the breakout),
    // which delivers to that address whatever the subnet's routes; in the other models it is refused all the same.
    name: 'an Auto Scaling group in LGWAN subnets launching a template that asks for a public IP address',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const template = new LaunchTemplate(stack, 'MutTemplate', { imageId: 'ami-0123456789abcdef0', networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: 'true' }] });
      new AutoscalingGroup(stack, 'MutGroup', {
        minSize: 1,
        maxSize: 1,
        vpcZoneIdentifier: [subnet(net.lgwan, 'workload-1').id],
        launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      });
    },
  },
  {
    // Application-layer ways in: the internet calls code whose traffic leaves into the segment.
    name: 'a Lambda function URL on a function whose VPC configuration is in a My Number subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const fn = functionIn(stack, subnet(net.myNumber, 'workload-1'));
      new LambdaFunctionUrl(stack, 'MutUrl', { functionName: fn.functionName, authorizationType: 'AWS_IAM' });
    },
  },
  {
    name: 'an API Gateway REST API method invoking a function whose VPC configuration is in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const fn = functionIn(stack, subnet(net.lgwan, 'workload-1'));
      const api = new ApiGatewayRestApi(stack, 'MutApi', { name: 'mut' });
      const method = new ApiGatewayMethod(stack, 'MutMethod', { restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorization: 'NONE' });
      new ApiGatewayIntegration(stack, 'MutIntegration', {
        restApiId: api.id, resourceId: api.rootResourceId, httpMethod: method.httpMethod, type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: fn.invokeArn,
      });
    },
  },
  {
    // Devices on the internet publish: the rule's Lambda action runs code inside the segment.
    name: 'an IoT topic rule whose Lambda action runs a function whose VPC configuration is in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const fn = functionIn(stack, subnet(net.lgwan, 'workload-1'));
      new IotTopicRule(stack, 'MutRule', { name: 'mut', enabled: true, sql: "SELECT * FROM 'sensors'", sqlVersion: '2016-03-23', lambda: [{ functionArn: fn.arn }] });
    },
  },
  {
    name: 'a public App Runner service whose VPC connector is in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const connector = new ApprunnerVpcConnector(stack, 'MutConnector', { vpcConnectorName: 'mut', subnets: [subnet(net.lgwan, 'workload-1').id], securityGroups: [] });
      new ApprunnerService(stack, 'MutService', {
        serviceName: 'mut',
        sourceConfiguration: { imageRepository: { imageIdentifier: 'public.ecr.aws/nginx/nginx:latest', imageRepositoryType: 'ECR_PUBLIC' } },
        networkConfiguration: { egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connector.arn } },
      });
    },
  },
  {
    // An internet-facing load balancer takes ingress from the internet (α′'s LGWAN VPC has the internet gateway it needs)
    // and forwards it to targets in the segment.
    name: 'an internet-facing Application Load Balancer in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new Lb(stack, 'MutPublicAlb', { loadBalancerType: 'application', internal: false, subnets: [subnet(net.lgwan, 'workload-1').id, subnet(net.lgwan, 'workload-2').id] });
    },
  },
  {
    // A public endpoint for the resident registry's database: AWS gives it a public IP address in the subnet group.
    name: 'a publicly accessible RDS database in My Number subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const group = new DbSubnetGroup(stack, 'MutDbGroup', { subnetIds: [subnet(net.myNumber, 'workload-1').id, subnet(net.myNumber, 'workload-2').id] });
      new DbInstance(stack, 'MutDb', { engine: 'postgres', instanceClass: 'db.t3.micro', allocatedStorage: 20, publiclyAccessible: true, dbSubnetGroupName: group.name });
    },
  },
  {
    // No route needed: whatever the VPN connection's far side is, it enters the LGWAN VPC through the gateway.
    name: 'a VPN gateway without a zone label attached to the LGWAN VPC, with a VPN connection',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const vgw = new VpnGateway(stack, 'MutVgw', { vpcId: net.lgwan.vpcId });
      const cgw = new CustomerGateway(stack, 'MutCgw', { type: 'ipsec.1', bgpAsn: '65000', ipAddress: '203.0.113.10' });
      new VpnConnection(stack, 'MutVpn', { type: 'ipsec.1', customerGatewayId: cgw.id, vpnGatewayId: vgw.id, staticRoutesOnly: true });
    },
  },
  {
    // PrivateLink to another network's endpoint service: the segment's traffic reaches a network the guard does not see.
    name: 'an interface endpoint in My Number subnets to another network\'s endpoint service',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new VpcEndpoint(stack, 'MutPartnerEndpoint', {
        vpcId: net.myNumber.vpcId,
        vpcEndpointType: 'Interface',
        serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
        subnetIds: [subnet(net.myNumber, 'workload-1').id],
      });
    },
  },
  {
    // Fargate tasks with public IP addresses in LGWAN subnets: α′'s internet gateway delivers to them.
    name: 'an ECS service in LGWAN subnets whose tasks ask for a public IP address',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new EcsService(stack, 'MutService', {
        name: 'web',
        cluster: 'registry',
        taskDefinition: 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/web:1',
        launchType: 'FARGATE',
        networkConfiguration: { assignPublicIp: true, subnets: [subnet(net.lgwan, 'workload-1').id] },
      });
    },
  },
  {
    // The segment's clients reach every service of the service network, other VPCs and accounts included.
    name: 'the My Number VPC associated with a VPC Lattice service network',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new VpclatticeServiceNetworkVpcAssociation(stack, 'MutLattice', { serviceNetworkIdentifier: 'sn-0123456789abcdef0', vpcIdentifier: net.myNumber.vpcId });
    },
  },
  {
    name: 'the tenant-restriction proxy\'s launch template asking for a public IP address',
    rule: 'GUARD-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<TerraformResource>(net.lgwan, 'TenantProxy/LaunchTemplate').addOverride('network_interfaces', [{ device_index: 0, associate_public_ip_address: 'true' }]);
    },
  },
  {
    name: 'a PrivateLink endpoint service exposing an internal NLB in the LGWAN segment',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const nlb = new Lb(stack, 'MutNlb', { loadBalancerType: 'network', internal: true, subnets: [subnet(net.lgwan, 'workload-1').id] });
      new VpcEndpointService(stack, 'MutEndpointService', { acceptanceRequired: false, networkLoadBalancerArns: [nlb.arn] });
    },
  },
  {
    // The CIDR is an interpolation of the VPC's cidr_block, not a literal: the guard must follow it.
    name: 'an all-traffic rule on a My Number host toward the LGWAN VPC\'s cidr_block attribute',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroupRule(stack, 'MutIngressAttr', {
        type: 'ingress',
        securityGroupId: net.myNumber.securityGroupFor('resident-registry').id,
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        cidrBlocks: [find<Vpc>(net.lgwan, '/Vpc').cidrBlock],
      });
    },
  },
  {
    // The peer is another security group, not a CIDR: the guard must see that the group lives in the LGWAN VPC.
    name: 'an all-traffic rule on a My Number host from a security group of the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      // Terraform keeps only the rules it is given: no egress at all here.
      const peer = new SecurityGroup(stack, 'MutPeerGroup', { vpcId: net.lgwan.vpcId, description: 'LGWAN clients' });
      new SecurityGroupRule(stack, 'MutPeerIngress', {
        type: 'ingress',
        securityGroupId: net.myNumber.securityGroupFor('resident-registry').id,
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        sourceSecurityGroupId: peer.id,
      });
    },
  },
  // Issue 10: paths the probing guard missed, defaults it did not model, targets it dropped.
  {
    name: 'a My Number default route to the transit gateway and a transit route 52.0.0.0/8 to the security cloud',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutDefault', { routeTableId: table(net.myNumber, OPEN).id, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    name: 'My Number routes 0.0.0.0/1 to the security cloud over the transit gateway',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) { overTransit(stack, net, 'Mut', '0.0.0.0/1', securityCloud(net)); },
  },
  {
    name: 'a blackhole on 128.0.0.0/1 next to a transit route 0.0.0.0/1 to the security cloud',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutDefault', { routeTableId: table(net.myNumber, OPEN).id, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutHole', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '128.0.0.0/1', blackhole: true });
      new Ec2TransitGatewayRoute(stack, 'MutOut', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '0.0.0.0/1', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    name: 'half of an Internet-segment /24 blackholed, the other half routed from My Number',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const first = `${subnet(net.internet, 'workload-1').cidrBlockInput!.split('/')[0]}/24`;
      overTransit(stack, net, 'Mut', first, net.internet.transitGatewayAttachmentId!);
      new Ec2TransitGatewayRoute(stack, 'MutHole', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: first.replace(/\/24$/, '/25'), blackhole: true });
    },
  },
  {
    // The default route table links every attachment; acknowledging SEG-1 (which reports it) must not let MN-2 through.
    name: 'a second transit gateway with default association and propagation between My Number and the Internet segment (SEG-1 acknowledged)',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const tgw = new Ec2TransitGateway(stack, 'MutTgw', {});
      for (const [id, segment] of [['Mn', net.myNumber], ['In', net.internet]] as const) {
        new Ec2TransitGatewayVpcAttachment(stack, `Mut${id}Attachment`, {
          transitGatewayId: tgw.id, vpcId: segment.vpcId, subnetIds: [subnet(segment, 'transit-1').id, subnet(segment, 'transit-2').id],
        });
      }
      new Route(stack, 'MutMn', { routeTableId: table(net.myNumber, OPEN).id, destinationCidrBlock: net.internet.vpcCidr, transitGatewayId: tgw.id });
      new Route(stack, 'MutIn', { routeTableId: table(net.internet, 'workload-1').id, destinationCidrBlock: net.myNumber.vpcCidr, transitGatewayId: tgw.id });
      tf.TopologyGuard.acknowledge(stack, 'SEG-1', 'A second transit gateway for a migration window, reviewed by the security team.');
    },
  },
  {
    name: 'a My Number subnet on the main route table, which aws_default_route_table routes out over the transit gateway',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      onMainTable(net);
      new DefaultRouteTable(stack, 'MutMain', {
        defaultRouteTableId: find<Vpc>(net.myNumber, '/Vpc').defaultRouteTableId,
        route: [{ cidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId }],
      });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    name: 'a My Number subnet on a table made main with aws_main_route_table_association, routed to the security cloud',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      onMainTable(net);
      const main = new RouteTable(stack, 'MutMain', { vpcId: net.myNumber.vpcId });
      new MainRouteTableAssociation(stack, 'MutMainAssociation', { vpcId: net.myNumber.vpcId, routeTableId: main.id });
      new Route(stack, 'MutRoute', { routeTableId: main.id, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    name: 'a route added to the My Number VPC\'s main_route_table_id, used by a subnet without association',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      onMainTable(net);
      new Route(stack, 'MutRoute', { routeTableId: find<Vpc>(net.myNumber, '/Vpc').mainRouteTableId, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    // No subnet of the output uses the main table: a subnet added to the VPC later (by hand, another stack) would.
    name: 'a route added to the My Number VPC\'s main_route_table_id that no subnet of the output uses (subnets added later would)',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutRoute', { routeTableId: find<Vpc>(net.myNumber, '/Vpc').mainRouteTableId, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new Ec2TransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER').id, destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    // A provider named aws from another namespace runs its own code under the aws_* types the guard reads.
    name: 'the aws provider taken from another namespace than HashiCorp\'s (a fork)',
    rule: 'GUARD-1',
    models: ALL,
    notSwept: 'it changes the terraform settings, no resource: the sweep has no value of a resource to hide (an unreadable source is a case of '
      + 'test/guard/deploy-code.test.ts)',
    apply(stack) {
      stack.addOverride('terraform.required_providers.aws.source', 'acme-network/aws');
    },
  },
  {
    name: 'a secondary block of the Internet VPC holding a subnet, routed from My Number',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const block = new VpcIpv4CidrBlockAssociation(stack, 'MutBlock', { vpcId: net.internet.vpcId, cidrBlock: '100.64.0.0/24' });
      new Subnet(stack, 'MutSubnet', { vpcId: block.vpcId, cidrBlock: '100.64.0.0/24' });
      overTransit(stack, net, 'Mut', '100.64.0.0/24', net.internet.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'IPv6 ::/0 over the transit gateway to an egress-only internet gateway in the Internet VPC',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      overTransit(stack, net, 'Mut', '::/0', net.internet.transitGatewayAttachmentId!);
      const eigw = new EgressOnlyInternetGateway(stack, 'MutEigw', { vpcId: net.internet.vpcId });
      new Route(stack, 'MutOut', { routeTableId: table(net.internet, 'transit-1').id, destinationIpv6CidrBlock: '::/0', egressOnlyGatewayId: eigw.id });
    },
  },
  {
    name: 'a My Number default route to a VPN gateway without a zone label',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const vgw = new VpnGateway(stack, 'MutVgw', { vpcId: net.myNumber.vpcId });
      new Route(stack, 'MutRoute', { routeTableId: table(net.myNumber, OPEN).id, destinationCidrBlock: '0.0.0.0/0', gatewayId: vgw.id });
    },
  },
  {
    name: 'a My Number default route to a network interface',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new Route(stack, 'MutRoute', { routeTableId: table(net.myNumber, OPEN).id, destinationCidrBlock: '0.0.0.0/0', networkInterfaceId: 'eni-0123456789abcdef0' });
    },
  },
  {
    name: 'an Internet workload subnet sending IPv6 straight to an egress-only internet gateway',
    rule: 'IN-1',
    models: ALL,
    apply(stack, net) {
      const eigw = new EgressOnlyInternetGateway(stack, 'MutEigw', { vpcId: net.internet.vpcId });
      new Route(stack, 'MutOut', { routeTableId: table(net.internet, 'workload-1').id, destinationIpv6CidrBlock: '::/0', egressOnlyGatewayId: eigw.id });
    },
  },
  {
    // Terraform takes the default group over; the guard reads the rules it is given.
    name: 'aws_default_security_group of the My Number VPC allowing all traffic toward the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new DefaultSecurityGroup(stack, 'MutDefaultGroup', { vpcId: net.myNumber.vpcId, egress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.lgwan.vpcCidr] }] });
    },
  },
  {
    // A group made outside the app (by hand, another stack or account) may be one of the LGWAN segment (fail closed).
    name: 'a My Number host\'s security group admitting all traffic from a security group outside the configuration (a literal sg- id)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroupRule(stack, 'MutOutsidePeer', {
        type: 'ingress',
        securityGroupId: net.myNumber.securityGroupFor('resident-registry').id,
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        sourceSecurityGroupId: 'sg-0123456789abcdef0',
      });
    },
  },
  {
    // A group of the My Number VPC associated with the LGWAN VPC (aws_vpc_security_group_vpc_association) may have LGWAN
    // members; its own rules (HTTPS to one My Number address) are harmless, the host's rule naming it as a peer is not.
    name: 'a My Number host\'s security group admitting all traffic from a My Number security group associated with the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const oneHost = net.myNumber.vpcCidr.replace(/\/\d+$/, '/32');
      const shared = new SecurityGroup(stack, 'MutSharedGroup', {
        vpcId: net.myNumber.vpcId,
        egress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [oneHost] }],
      });
      new VpcSecurityGroupVpcAssociation(stack, 'MutSharedGroupAssociation', { securityGroupId: shared.id, vpcId: net.lgwan.vpcId });
      new SecurityGroupRule(stack, 'MutAssociatedPeer', {
        type: 'ingress',
        securityGroupId: net.myNumber.securityGroupFor('resident-registry').id,
        protocol: '-1',
        fromPort: 0,
        toPort: 0,
        sourceSecurityGroupId: shared.id,
      });
    },
  },
  {
    // A group made in a VPC named by its literal id (the My Number VPC's, pasted by hand) may have My Number members: the
    // guard cannot place that VPC, so the group is judged as one of every segment (semantics §7).
    name: 'a security group in a VPC given by a literal id admitting all traffic from the LGWAN VPC\'s block',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroup(stack, 'MutUnplacedGroup', {
        vpcId: 'vpc-0123456789abcdef0',
        ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.lgwan.vpcCidr] }],
        egress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [net.myNumber.vpcCidr.replace(/\/\d+$/, '/32')] }],
      });
    },
  },
  {
    // A rule added to a group made elsewhere (by its literal id: it may be a My Number group) is judged as a rule of a
    // group of every segment (semantics §7).
    name: 'a rule on a group outside the output, by its literal id, admitting all traffic from the LGWAN VPC\'s block',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new SecurityGroupRule(stack, 'MutOutsideGroupRule', {
        type: 'ingress', securityGroupId: 'sg-0123456789abcdef0', protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.lgwan.vpcCidr],
      });
    },
  },
  {
    // A business system's own group in a VPC given by its literal id may be in the Internet segment: BP-1 judges it there,
    // naming the VPC (PL-1 besides: it may be of the My Number segment).
    name: 'β′: a business system\'s own group in a VPC given by a literal id, admitting all traffic from the Internet segment',
    rule: 'BP-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new SecurityGroup(stack, 'MutLedgerGroup', {
        vpcId: 'vpc-0123456789abcdef0',
        ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.internet.vpcCidr] }],
        tags: { 'jichitai:role': 'BUSINESS_SYSTEM', 'jichitai:host': 'mut-ledger' },
      });
    },
  },
  {
    // The CDK suite's twin: a business system whose subnets lie in the Internet and LGWAN segments (both allowed in β′, so
    // PL-1 is quiet) may run in the Internet segment, and BP-1 judges its own group. Its labels are the Auto Scaling
    // group's `tag` blocks: the provider's aws_autoscaling_group has no tags map (semantics §3).
    name: 'β′: a business system labelled by an Auto Scaling group\'s tag blocks, in an Internet and an LGWAN subnet, whose own group admits all traffic',
    rule: 'BP-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new SecurityGroup(stack, 'MutLedgerGroup', {
        vpcId: net.lgwan.vpcId,
        ingress: [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: [net.internet.vpcCidr] }],
        tags: { 'jichitai:role': 'BUSINESS_SYSTEM', 'jichitai:host': 'mut-ledger-asg' },
      });
      const template = new LaunchTemplate(stack, 'MutLedgerTemplate', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
      new AutoscalingGroup(stack, 'MutLedger', {
        minSize: 1,
        maxSize: 1,
        vpcZoneIdentifier: [subnet(net.internet, 'workload-1').id, subnet(net.lgwan, 'workload-1').id],
        launchTemplate: { id: template.id, version: template.latestVersion.toString() },
        tag: [
          { key: 'jichitai:role', value: 'BUSINESS_SYSTEM', propagateAtLaunch: true },
          { key: 'jichitai:host', value: 'mut-ledger-asg', propagateAtLaunch: true },
        ],
      });
    },
  },
  {
    // A label set by a resource that tags another is its target's (semantics §3): the group's role comes from an
    // aws_autoscaling_group_tag, not from its own tag blocks.
    name: 'a My Number system Auto Scaling group in an LGWAN subnet, its role label set by aws_autoscaling_group_tag',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const template = new LaunchTemplate(stack, 'MutSystemTemplate', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
      const group = new AutoscalingGroup(stack, 'MutSystem', {
        minSize: 1,
        maxSize: 1,
        vpcZoneIdentifier: [subnet(net.lgwan, 'workload-1').id],
        launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      });
      new AutoscalingGroupTagA(stack, 'MutSystemRole', { autoscalingGroupName: group.name, tag: { key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM', propagateAtLaunch: true } });
    },
  },
  {
    name: 'a My Number system instance in an LGWAN subnet, its role label set by aws_ec2_tag',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const system = new Instance(stack, 'MutSystemInstance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'workload-1').id });
      new Ec2Tag(stack, 'MutSystemInstanceRole', { resourceId: system.id, key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' });
    },
  },
  {
    // An LGWAN subnet relabelled as My Number by an aws_ec2_tag while its own tags say LGWAN: which label it ends with
    // depends on the order of apply (the provider's docs: not both ways), and the guard does not pick one (semantics §3).
    name: 'an LGWAN workload subnet labelled jichitai:segment = MY_NUMBER by aws_ec2_tag, against its own tags',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new Ec2Tag(stack, 'MutSubnetSegment', { resourceId: subnet(net.lgwan, 'workload-1').id, key: 'jichitai:segment', value: 'MY_NUMBER' });
    },
  },
  {
    // An instance naming no subnet runs in the default VPC, which the guard does not model: a My Number system there may
    // be in any segment (PL-1, semantics §7).
    name: 'a My Number system instance naming no subnet (the default VPC)',
    rule: 'PL-1',
    models: ALL,
    apply(stack) {
      new Instance(stack, 'MutDefaultVpcInstance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' } });
    },
  },
  {
    // A label the guard does not know is unresolved (semantics §3): read as an unknown role, the misspelt value took the
    // My Number system out of PL-1, which judges the roles it knows, and it passed in the LGWAN segment.
    name: 'a My Number system instance in an LGWAN subnet labelled with a misspelt role (jichitai:role = MY_NUMBER_SYTEM)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new Instance(stack, 'MutMisspeltRole', {
        ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'workload-1').id, tags: { 'jichitai:role': 'MY_NUMBER_SYTEM' },
      });
    },
  },
  {
    // A key of the jichitai: namespace the guard does not know: read as no label, the instance was unlabelled.
    name: 'a My Number system instance in an LGWAN subnet labelled with a misspelt key (jichitai:rol = MY_NUMBER_SYSTEM)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new Instance(stack, 'MutMisspeltRoleKey', {
        ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'workload-1').id, tags: { 'jichitai:rol': 'MY_NUMBER_SYSTEM' },
      });
    },
  },
  {
    // A subnet's segment value the guard does not know gave it its VPC's segment: SEG-1 never saw a My Number subnet
    // in the LGWAN VPC.
    name: 'an LGWAN workload subnet labelled with a misspelt My Number segment (jichitai:segment = MY_NUMBR)',
    rule: 'GUARD-1',
    models: ALL,
    apply(_stack, net) {
      const s = subnet(net.lgwan, 'workload-1');
      s.tags = { ...s.tagsInput, 'jichitai:segment': 'MY_NUMBR' };
    },
  },
  {
    name: 'every TCP port of a My Number host opened to an LGWAN host in two rules (1-32767, 32768-65535)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const securityGroupId = net.myNumber.securityGroupFor('resident-registry').id;
      new SecurityGroupRule(stack, 'MutLow', { type: 'ingress', securityGroupId, protocol: 'tcp', fromPort: 1, toPort: 32767, cidrBlocks: ['10.0.65.20/32'] });
      new SecurityGroupRule(stack, 'MutHigh', { type: 'ingress', securityGroupId, protocol: 'tcp', fromPort: 32768, toPort: 65535, cidrBlocks: ['10.0.65.20/32'] });
    },
  },
  {
    name: 'a My Number route to a whole LGWAN subnet over the transit gateway',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) { overTransit(stack, net, 'Mut', subnet(net.lgwan, 'workload-1').cidrBlockInput!, net.lgwan.transitGatewayAttachmentId!); },
  },
  {
    name: 'β′: the groupware business system\'s security group admitting the whole Internet segment',
    rule: 'BP-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new SecurityGroupRule(stack, 'MutSegment', {
        type: 'ingress', securityGroupId: net.internet.securityGroupFor('groupware').id, protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [net.internet.vpcCidr],
      });
    },
  },
  {
    // Closing is not forbidden, but a declared flow that cannot pass is found before deployment (FLOW-1).
    name: 'the transit route of the declared flow to the intermediate server removed',
    rule: 'FLOW-1',
    models: ALL,
    apply(_, net) { find(net, 'Transit/Route-MY_NUMBER-ac140a05p32').node.scope!.node.tryRemoveChild('Route-MY_NUMBER-ac140a05p32'); },
  },
  {
    // A prefix list outside the app may or may not hold the server: the flow is not shown open (fail closed).
    name: 'the My Number routes of the declared flow to the intermediate server pointed at a prefix list outside the app (a literal pl- id)',
    rule: 'FLOW-1',
    models: ALL,
    apply(_, net) {
      for (const r of net.myNumber.node.findAll().filter((c): c is Route => c instanceof Route && c.node.id.endsWith('-ac140a05p32'))) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', 'pl-0123456789abcdef0');
      }
    },
  },
  {
    // AWS prefers a static route to a prefix list's entry of the same block: the list's route to the server is not used.
    name: 'the My Number routes of the declared flow to the intermediate server made a prefix list\'s entry, beside a static route of the same block to a network interface',
    rule: 'FLOW-1',
    models: ALL,
    apply(stack, net) {
      const list = new Ec2ManagedPrefixList(stack, 'MutList', { addressFamily: 'IPv4', maxEntries: 2, name: 'mut-wan', entry: [{ cidr: '172.20.10.5/32' }] });
      for (const r of net.myNumber.node.findAll().filter((c): c is Route => c instanceof Route && c.node.id.endsWith('-ac140a05p32'))) {
        r.addOverride('destination_cidr_block', null);
        r.addOverride('destination_prefix_list_id', list.id);
        new Route(stack, `Mut${r.node.id}`, { routeTableId: r.routeTableIdInput!, destinationCidrBlock: '172.20.10.5/32', networkInterfaceId: 'eni-0abc0000000000007' });
      }
    },
  },
  {
    // AWS prefers a static route to a prefix list reference of the same block: the blackhole wins over the reference.
    name: 'the transit route of the declared flow to the intermediate server made a blackhole, beside a prefix list reference of the same block to the VPN',
    rule: 'FLOW-1',
    models: ALL,
    apply(stack, net) {
      const route = find<Ec2TransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32');
      const list = new Ec2ManagedPrefixList(stack, 'MutList', { addressFamily: 'IPv4', maxEntries: 2, name: 'mut-wan', entry: [{ cidr: '172.20.10.5/32' }] });
      new Ec2TransitGatewayPrefixListReference(stack, 'MutReference', {
        transitGatewayRouteTableId: route.transitGatewayRouteTableIdInput!,
        prefixListId: list.id,
        transitGatewayAttachmentId: route.transitGatewayAttachmentIdInput,
      });
      route.addOverride('transit_gateway_attachment_id', null);
      route.addOverride('blackhole', true);
    },
  },
  {
    // Known only at plan time, the destination decides where the route sends what (a CloudFormation parameter is refused alike).
    name: 'the My Number routes of the declared flow to the intermediate server given their destination by an input variable',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const destination = new TerraformVariable(stack, 'mut_route_destination', { type: 'string', default: '172.20.10.5/32' });
      for (const r of net.myNumber.node.findAll().filter((c): c is Route => c instanceof Route && c.node.id.endsWith('-ac140a05p32'))) {
        r.addOverride('destination_cidr_block', destination.stringValue);
      }
    },
  },
  {
    // The CDK suite's twin: the flow's path turned through a Network Firewall (its endpoint in the transit subnet, which
    // routes the server on to the transit gateway) whose rule drops the flow; FLOW-1 must read the firewall's rules.
    name: 'the declared flow to the intermediate server routed through a Network Firewall whose rule drops it',
    rule: 'FLOW-1',
    models: ALL,
    apply(stack, net) {
      const group = new NetworkfirewallRuleGroup(stack, 'MutDropGroup', {
        name: 'mut-drop',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          rulesSource: { rulesString: 'drop tcp $HOME_NET any -> 172.20.10.5 443 (msg:"mut"; sid:1;)' },
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
        },
      });
      const policy = new NetworkfirewallFirewallPolicy(stack, 'MutPolicy', {
        name: 'mut',
        firewallPolicy: {
          statelessDefaultActions: ['aws:forward_to_sfe'],
          statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
          statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
          statefulRuleGroupReference: [{ resourceArn: group.arn, priority: 1 }],
        },
      });
      const firewall = new NetworkfirewallFirewall(stack, 'MutFirewall', {
        name: 'mut', firewallPolicyArn: policy.arn, vpcId: net.myNumber.vpcId, subnetMapping: [{ subnetId: subnet(net.myNumber, 'transit-1').id }],
      });
      // Its logs go where the examples' logs go (the β blueprints' SIEM bucket), so that only FLOW-1 has a say.
      new NetworkfirewallLoggingConfiguration(stack, 'MutLogging', {
        firewallArn: firewall.arn,
        loggingConfiguration: {
          logDestinationConfig: ['ALERT', 'FLOW'].map((logType) => ({ logType, logDestinationType: 'S3', logDestination: { bucketName: 'sample-city-siem-ingest' } })),
        },
      });
      const route = find<Route>(net.myNumber, '/Route-workload-1-ac140a05p32');
      const gateway = route.transitGatewayIdInput!;
      route.addOverride('transit_gateway_id', null);
      route.addOverride('vpc_endpoint_id', `\${tolist(${firewall.fqn}.firewall_status[0].sync_states)[0].attachment[0].endpoint_id}`);
      new Route(stack, 'MutOnward', { routeTableId: table(net.myNumber, 'transit-1').id, destinationCidrBlock: '172.20.10.5/32', transitGatewayId: gateway });
    },
  },
  {
    // The CDK suite's twin: a labelled instance sits where its interfaces are, as the guard reads them for reachability
    // (semantics §7); placed only by an interface, it was placed nowhere and PL-1 could not judge it.
    name: 'a My Number system instance placed only by its network interface (an aws_network_interface in an LGWAN workload subnet)',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const eni = new NetworkInterface(stack, 'MutEni', { subnetId: subnet(net.lgwan, 'workload-1').id });
      new Instance(stack, 'MutByInterface', {
        ami: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        networkInterface: [{ deviceIndex: 0, networkInterfaceId: eni.id }],
        tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' },
      });
    },
  },
  {
    // Without a subnet or an interface of its own, an instance runs where its launch template's interfaces are.
    name: 'a My Number system instance launched from a launch template whose network interface is in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const template = new LaunchTemplate(stack, 'MutTemplate', {
        imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', networkInterfaces: [{ deviceIndex: 0, subnetId: subnet(net.lgwan, 'workload-1').id }],
      });
      new Instance(stack, 'MutFromTemplate', { launchTemplate: { id: template.id, version: '$Latest' }, tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' } });
    },
  },
  {
    // A subnet outside the configuration (made by hand in the LGWAN VPC, routed to the breakout firewall) may hold
    // servers that break out: what runs there is judged as in such a subnet (fail closed, semantics §10).
    name: 'α′: an EC2 instance in a subnet outside the configuration (a literal subnet- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new Instance(stack, 'MutOutsideSubnet', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: 'subnet-0123456789abcdef0' });
    },
  },
  {
    // A label the guard cannot place may sit in an LGWAN subnet with a way out, as PL-1 and BP-1 judge it (a relay's role
    // has no placement of PL-1's).
    name: 'α′: a sanitization relay instance (labelled) in a subnet outside the configuration (a literal subnet- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new Instance(stack, 'MutOutsideRelay', {
        ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: 'subnet-0123456789abcdef0', tags: { 'jichitai:role': 'SANITIZATION_RELAY' },
      });
    },
  },
  {
    // The CDK suite's twin: a launch template's tag_specifications for instances label every instance it launches
    // (semantics §3); they were never read, and an Auto Scaling group without a role of its own passed PL-1.
    name: 'an Auto Scaling group in an LGWAN workload subnet launching a template that tags its instances as My Number systems',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const template = new LaunchTemplate(stack, 'MutLabelledTemplate', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        tagSpecifications: [{ resourceType: 'instance', tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' } }],
      });
      new AutoscalingGroup(stack, 'MutLabelledGroup', {
        minSize: 1,
        maxSize: 1,
        vpcZoneIdentifier: [subnet(net.lgwan, 'workload-1').id],
        launchTemplate: { id: template.id, version: '$Latest' },
      });
    },
  },
  {
    // Such a template that nothing in the configuration launches may be launched from outside it, anywhere (fail closed).
    name: 'a launch template tagging its instances as My Number systems that nothing in the configuration launches',
    rule: 'PL-1',
    models: ALL,
    apply(stack) {
      new LaunchTemplate(stack, 'MutUnlaunchedTemplate', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        tagSpecifications: [{ resourceType: 'instance', tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' } }],
      });
    },
  },
  {
    // The tags a Spot Fleet's launch specification gives its instances label them, where it puts them (semantics §3).
    name: 'a Spot Fleet whose launch specification tags its instances as My Number systems in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new SpotFleetRequest(stack, 'MutLabelledSpotFleet', {
        iamFleetRole: 'arn:aws:iam::111122223333:role/mut-fleet',
        targetCapacity: 1,
        launchSpecification: [{
          ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'workload-1').id, tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' },
        }],
      });
    },
  },
  {
    // An interface made by hand (in an LGWAN subnet routed to the breakout firewall) may put the instance there: judged as
    // in such a subnet, as one in a subnet outside the configuration (fail closed, semantics §10).
    name: 'α′: an EC2 instance on a network interface outside the configuration (a literal eni- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new Instance(stack, 'MutOutsideInterface', {
        ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', networkInterface: [{ deviceIndex: 0, networkInterfaceId: 'eni-0123456789abcdef0' }],
      });
    },
  },
  {
    // What a launch template launches runs on its own interfaces: one made by hand (possibly in an LGWAN subnet routed to the
    // breakout firewall) is judged as in such a subnet (fail closed, semantics §10).
    name: 'α′: a launch template whose network interface is outside the configuration (a literal eni- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new LaunchTemplate(stack, 'MutOutsideInterfaceTemplate', {
        imageId: 'ami-0123456789abcdef0', networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: 'eni-0123456789abcdef0' }],
      });
    },
  },
  {
    // A role label sits where the guard's occupant reading places its resource (semantics §7): the label read only a
    // top-level subnet_id / subnet_ids / vpc_zone_identifier, and a function's vpc_config placed it nowhere.
    name: 'a Lambda function labelled as a My Number system with its vpc_config in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) { functionIn(stack, subnet(net.lgwan, 'workload-1')).addOverride('tags', { 'jichitai:role': 'MY_NUMBER_SYSTEM' }); },
  },
  {
    // The same for a service's network configuration: a business system in a terminal subnet that breaks out passed AP-7.
    name: 'α′: an ECS service labelled as a business system with its network configuration in an LGWAN terminal subnet',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new EcsService(stack, 'MutLabelledService', {
        name: 'mut',
        launchType: 'FARGATE',
        networkConfiguration: { subnets: [subnet(net.lgwan, 'terminals-1').id] },
        tags: { 'jichitai:role': 'BUSINESS_SYSTEM' },
      });
    },
  },
  {
    // The tags a compute environment gives the instances it launches label them, in its subnets (semantics §3).
    name: 'a Batch compute environment whose tags for its instances label them My Number systems in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new BatchComputeEnvironment(stack, 'MutLabelledComputeEnvironment', {
        type: 'MANAGED',
        computeResources: {
          type: 'EC2', maxVcpus: 4, instanceRole: 'mut', instanceType: ['m5.large'], subnets: [subnet(net.lgwan, 'workload-1').id], tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' },
        },
      });
    },
  },
  {
    // The provider gives its default tags to every resource of it: a role from a variable may make the instance a My Number
    // system in the Internet segment, which the guard cannot read (semantics §3, red team 27 finding 6).
    name: 'an aliased AWS provider whose default_tags give jichitai:role from a variable, with an instance of it in an Internet workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const role = new TerraformVariable(stack, 'mut_default_role', { type: 'string', default: 'MY_NUMBER_SYSTEM' });
      const provider = new AwsProvider(stack, 'MutLabelledProvider', {
        alias: 'labelled', region: 'ap-northeast-1', defaultTags: [{ tags: { 'jichitai:role': role.stringValue } }],
      });
      new Instance(stack, 'MutDefaultTagged', { provider, ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.internet, 'workload-1').id });
    },
  },
  {
    // Its users stream, from the internet, a desktop that works in the subnet, default internet access or not (semantics §10).
    name: 'an AppStream fleet without default internet access in a My Number workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new AppstreamFleet(stack, 'MutAppStreamFleet', {
        name: 'mut-fleet',
        instanceType: 'stream.standard.small',
        computeCapacity: { desiredInstances: 1 },
        enableDefaultInternetAccess: false,
        vpcConfig: { subnetIds: [subnet(net.myNumber, 'workload-1').id] },
      });
    },
  },
  {
    // A WorkSpaces Secure Browser portal's browsers work in its network settings' subnets, its users on the internet.
    name: 'WorkSpaces Secure Browser network settings in an LGWAN workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const where = subnet(net.lgwan, 'workload-1');
      new WorkspaceswebNetworkSettings(stack, 'MutSecureBrowser', { vpcId: where.vpcId, subnetIds: [where.id], securityGroupIds: ['sg-0123456789abcdef0'] });
    },
  },
  {
    // Its WorkSpaces' users work, from the internet, on desktops in the subnets it is registered with (semantics §10).
    name: 'a WorkSpaces directory registered with a My Number workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new WorkspacesDirectory(stack, 'MutWorkSpaces', { directoryId: 'd-0123456789', subnetIds: [subnet(net.myNumber, 'workload-1').id] });
    },
  },
  {
    // The stateless engine runs first: aws:pass there "discontinues all inspection" and never reaches the allow-list.
    name: 'the α′ breakout policy\'s stateless default action is aws:pass (block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessDefaultActions: ['aws:pass'] });
    },
  },
  {
    name: 'the α′ breakout policy\'s stateless fragment default action is aws:pass (block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessFragmentDefaultActions: ['aws:pass'] });
    },
  },
  {
    name: 'a stateless rule group that passes every packet added to the α′ breakout policy (block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new NetworkfirewallRuleGroup(stack, 'MutStatelessPass', {
        name: 'mut-stateless-pass',
        type: 'STATELESS',
        capacity: 10,
        ruleGroup: { rulesSource: { statelessRulesAndCustomActions: { statelessRule: [{ priority: 1, ruleDefinition: { actions: ['aws:pass'], matchAttributes: {} } }] } } } as any,
      });
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessRuleGroupReference: [{ priority: 1, resourceArn: group.arn }] });
    },
  },
  {
    // Under strict order what the domain list does not judge (every protocol but HTTP and TLS) reaches groups after it.
    name: 'a rule group passing SSH to anywhere placed after the α′ allow-list (strict order, block replaced through the escape hatch)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new NetworkfirewallRuleGroup(stack, 'MutPassLate', {
        name: 'mut-pass-late',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: { rulesString: 'pass ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"ssh"; sid:1000902; rev:1;)' },
        },
      });
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const input = policy.firewallPolicyInput!;
      const references = [...(input.statefulRuleGroupReference as any[]), { resourceArn: group.arn, priority: 600 }];
      policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: references });
    },
  },
  {
    name: 'the built-in Internet egress (stand-in) hands packets around its stateful engine (stateless default aws:pass, block replaced through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessDefaultActions: ['aws:pass'] });
    },
  },
  {
    // DROP_TO_ALERT turns the managed group's drops into alerts: no IPS in drop mode is left.
    name: 'the built-in Internet egress\'s IPS replaced by an AWS managed threat group overridden to alert (DROP_TO_ALERT, block replaced through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy');
      policy.putFirewallPolicy({
        ...policy.firewallPolicyInput!,
        statefulRuleGroupReference: [{
          priority: 100, resourceArn: 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder', override: { action: 'DROP_TO_ALERT' },
        }],
      });
    },
  },
  {
    // A type the guard does not know (occupants.ts KNOWN_OCCUPANTS), as a provider newer than the library's writes it: an
    // AgentCore runtime is invoked through the AgentCore API from anywhere, a path beside its subnets' routes (GUARD-2).
    name: 'an Amazon Bedrock AgentCore runtime in VPC mode in a My Number subnet (a resource type the guard does not know, escape hatch)',
    rule: 'GUARD-2',
    models: ALL,
    apply(stack, net) {
      const runtime = new TerraformResource(stack, 'MutAgentRuntime', { terraformResourceType: 'aws_bedrockagentcore_agent_runtime' });
      runtime.addOverride('agent_runtime_name', 'mut');
      runtime.addOverride('role_arn', 'arn:aws:iam::111122223333:role/mut');
      runtime.addOverride('network_configuration', [{
        network_mode: 'VPC', network_mode_config: [{ subnets: [subnet(net.myNumber, 'workload-1').id], security_groups: ['sg-0123456789abcdef0'] }],
      }]);
    },
  },
  {
    // Literal blocks, none a /0, on given ports: yet the two halves are the whole internet (AP-1's bound, a /8 of IPv4).
    name: 'the α′ media rule (after the allow-list) passing UDP to the whole internet in two halves, [0.0.0.0/1,128.0.0.0/1] (addOverride)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<TerraformResource>(net.lgwan, 'Firewall/RuleGroup-media')
        .addOverride('rule_group.rules_source.rules_string', 'pass udp $HOME_NET any -> [0.0.0.0/1,128.0.0.0/1] 3478:3481 (msg:"halves"; sid:1000301; rev:1;)');
    },
  },
  {
    // DROP_TO_ALERT turns the group's drops into alerts: it detects and blocks nothing (AP-4: 検知及び遮断).
    name: 'the α′ breakout\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT, block replaced through the escape hatch)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.map((r) => (managedRef(r) ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r))); },
  },
  {
    // A pass ends a flow's evaluation: an IPS group behind the allow-list (priority 400) inspects nothing the breakout lets out.
    name: 'the α′ breakout\'s AWS managed threat groups moved behind the allow-list (priority 1000 on, block replaced through the escape hatch)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.map((r) => (managedRef(r) ? { ...r, priority: 1000 + r.priority } : r))); },
  },
  {
    // Drop rules written by hand are a filter the guard cannot judge as an IDS/IPS (outside auditor): a finding to acknowledge.
    name: 'the α′ breakout with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.filter((r) => !managedRef(r))); },
  },
  {
    // Not exactly PRIVATE_ONLY: the guard does not know what AWS makes of the public value in another case (enums.ts).
    name: 'an MWAA environment whose web server access mode is public_only (lowercase) in a My Number workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new MwaaEnvironment(stack, 'MutMwaa', {
        name: 'mut-mwaa',
        dagS3Path: 'dags/',
        executionRoleArn: 'arn:aws:iam::111122223333:role/mut',
        sourceBucketArn: 'arn:aws:s3:::mut',
        webserverAccessMode: 'public_only',
        networkConfiguration: { subnetIds: [subnet(net.myNumber, 'workload-1').id], securityGroupIds: ['sg-0123456789abcdef0'] },
      });
    },
  },
  {
    // Every port written as a range is every port, as `any` is (passesTransport reads the port field's union).
    name: 'the built-in Internet egress passes TCP to ports 1:65535 ahead of its default drop (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      find<NetworkfirewallRuleGroup>(net.internet, 'Firewall/RuleGroup-web').addOverride('rule_group.rules_source.rules_string',
        'pass tcp $HOME_NET any -> $EXTERNAL_NET 1:65535 (msg:"every port"; sid:1000998; rev:1;)');
    },
  },
  {
    // aws:drop_established drops established connections only; a UDP flow is established after a reply, ICMP likewise.
    name: 'the breakout firewall drops only UDP of what is not TCP, leaving ICMP and other protocols to aws:drop_established (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<NetworkfirewallRuleGroup>(net.lgwan, 'Firewall/RuleGroup-nontcp').addOverride('rule_group.rules_source.rules_string',
        'drop udp $HOME_NET any -> $EXTERNAL_NET any (msg:"udp only"; sid:1000997; rev:1;)');
    },
  },
  {
    name: 'the built-in Internet egress only alerts on what is not TCP, leaving it to aws:drop_established (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      find<NetworkfirewallRuleGroup>(net.internet, 'Firewall/RuleGroup-nontcp').addOverride('rule_group.rules_source.rules_string',
        'alert ip $HOME_NET any -> $EXTERNAL_NET any (msg:"log only"; ip_proto:!6; sid:1000996; rev:1;)');
    },
  },
  {
    // CONTINUE applies the rules without the connection's context after a break: the allow-list and drop_established stop matching.
    name: 'the breakout firewall goes on with a connection broken midstream (stream exception policy CONTINUE)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'CONTINUE' } });
    },
  },
  {
    name: 'the built-in Internet egress goes on with a connection broken midstream (stream exception policy CONTINUE)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'CONTINUE' } });
    },
  },
  {
    // $EXTERNAL_NET is every address outside HOME_NET: with HOME_NET everything, the non-TCP drop matches nothing.
    name: 'the breakout firewall\'s non-TCP drop group gets HOME_NET 0.0.0.0/0, so its $EXTERNAL_NET is empty (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<NetworkfirewallRuleGroup>(net.lgwan, 'Firewall/RuleGroup-nontcp').addOverride('rule_group.rule_variables.ip_sets', [{ key: 'HOME_NET', ip_set: { definition: ['0.0.0.0/0'] } }]);
    },
  },
  {
    // A signature on $HOME_NET inspects nothing from a host outside it: the IPS no longer applies to the segment's traffic.
    name: 'the built-in Internet egress\'s policy (the managed threat groups\'), IPS and deny-list groups get HOME_NET 10.99.0.0/16, which the segment does not send from (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      find<NetworkfirewallFirewallPolicy>(net.internet, 'Firewall/Policy')
        .addOverride('firewall_policy.policy_variables', { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }] });
      for (const key of ['ips', 'denylist']) {
        find<NetworkfirewallRuleGroup>(net.internet, `Firewall/RuleGroup-${key}`).addOverride('rule_group.rule_variables.ip_sets', [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }]);
      }
    },
  },
  {
    // IN-1 counts AP-4's IDS/IPS: DROP_TO_ALERT leaves the stand-in with its hand-written protocol rules alone.
    name: 'the built-in Internet egress\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT, block replaced through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.map((r) => (managedRef(r) ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r)), 'internet'); },
  },
  {
    // A pass ends a flow's evaluation: managed groups behind the web pass group (300) inspect nothing the stand-in lets out.
    name: 'the built-in Internet egress\'s AWS managed threat groups moved behind its web pass group (priority 1000 on, block replaced through the escape hatch)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.map((r) => (managedRef(r) ? { ...r, priority: 1000 + r.priority } : r)), 'internet'); },
  },
  {
    // Drop rules written by hand are a filter the guard cannot judge as an IDS/IPS: a finding on the firewall, to acknowledge.
    name: 'the built-in Internet egress with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { editManagedGroups(net, (refs) => refs.filter((r) => !managedRef(r)), 'internet'); },
  },
  {
    // A signature on $HOME_NET inspects nothing from a host outside it: the breakout's IPS no longer applies to what goes out.
    name: 'the breakout firewall policy\'s HOME_NET (the managed threat groups\') 10.99.0.0/16, which the LGWAN segment does not send from (override)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      find<NetworkfirewallFirewallPolicy>(net.lgwan, 'Firewall/Policy')
        .addOverride('firewall_policy.policy_variables', { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }] });
    },
  },
  {
    // A GWLB endpoint inspects only what is routed through it: one in the VPC that no route leads through is no IDS.
    name: 'the α′ breakout\'s IPS rules replaced by a pass, no managed threat group, beside a declared IDS appliance\'s GWLB endpoint in the LGWAN VPC that no route leads through',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      editManagedGroups(net, (refs) => refs.filter((r) => !managedRef(r)));
      find<NetworkfirewallRuleGroup>(net.lgwan, 'Firewall/RuleGroup-ips').addOverride('rule_group.rules_source.rules_string', 'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"x"; sid:1000101; rev:1;)');
      const applianceSubnet = new Subnet(stack, 'MutApplianceSubnet', { vpcId: net.lgwan.vpcId, cidrBlock: '10.0.97.0/28', availabilityZone: 'ap-northeast-1a' });
      new VpcEndpoint(stack, 'MutAppliance', {
        vpcId: net.lgwan.vpcId,
        serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
        vpcEndpointType: 'GatewayLoadBalancer',
        subnetIds: [applianceSubnet.id],
        tags: { 'jichitai:inspection': 'IDS_IPS' },
      });
    },
  },
];

function example(name: string): { stack: TerraformStack; net: Net } {
  const { stack, network } = buildTfExample(name, Testing.app());
  return { stack, net: network };
}

/** α′ case ウ (SUPPLEMENTARY_BLUEPRINTS): the sanitization at the proxy taken away (AP-6, 無害化). */
const SANITIZATION_MUTATIONS: Mutation[] = [
  {
    name: 'case ウ: the ICAP sanitization service removed from the proxy (user data replaced)',
    rule: 'AP-6',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editBootScript(net, (script) => script.split('\n').filter((l) => !/^(icap_service|icap_enable|adaptation_access) /.test(l)).join('\n')); },
  },
  {
    name: 'case ウ: the ICAP sanitization service made bypassable, bypass=on (user data replaced)',
    rule: 'AP-6',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editBootScript(net, (script) => script.replace(/^(icap_service .*)bypass=off/m, '$1bypass=on')); },
  },
];

runMutationSuite('CDKTF', MUTATIONS, example, (stack) => Testing.synth(stack, true), { 'alpha-prime-sanitization': SANITIZATION_MUTATIONS });

/** The hub's resource `suffix` of the reference prefecture. */
const hubResource = (p: TfPrefecture, suffix: string) => find<TerraformResource>(p.hub, `SecurityCloud/${suffix}`);
/** Replace the hub inspection firewall policy's stateful rule group references. */
function editHubManagedGroups(p: TfPrefecture, edit: (refs: any[]) => any[]): void {
  const policy = hubResource(p, 'FirewallPolicy') as NetworkfirewallFirewallPolicy;
  const input = policy.firewallPolicyInput!;
  const refs = input.statefulRuleGroupReference as any[];
  if (!refs.some(managedRef)) throw new Error('test setup: no managed group in the hub policy');
  policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: edit(refs) });
}

/** Attach a segment of member 1 (its workload subnets) to the hub's transit gateway, as its Internet segment is. */
function attachToHub(p: TfPrefecture, segment: tf.SegmentNetwork): Ec2TransitGatewayVpcAttachment {
  return new Ec2TransitGatewayVpcAttachment(p.stack, 'MutHubAttachment', {
    transitGatewayId: find<Ec2TransitGatewayVpcAttachment>(p.members[0], 'Internet/SecurityCloudHubAttachment').transitGatewayIdInput!,
    vpcId: segment.vpcId,
    subnetIds: segment.workloadSubnetIds,
  });
}

/**
 * The security cloud's rules over the real reference prefecture (one stack: the hub and every member; member 1 is α,
 * member 2 α′): each change a prefecture's integrator could make by hand, refused by its rule.
 */
const PREFECTURE_MUTATIONS: PrefectureMutation<TfPrefecture>[] = [
  {
    name: 'SC-1: member 2 propagates member 1\'s hub attachment into its table and routes member 1\'s Internet segment to the hub',
    rule: 'SC-1',
    apply(p) {
      const [one, two] = p.members;
      new Ec2TransitGatewayRouteTablePropagation(p.stack, 'MutPropagation', {
        transitGatewayRouteTableId: find<Ec2TransitGatewayRouteTable>(two, 'SecurityCloudMembership/RouteTable').id,
        transitGatewayAttachmentId: find<Ec2TransitGatewayVpcAttachment>(one, 'Internet/SecurityCloudHubAttachment').id,
      });
      const toHub = find<Route>(two, 'Internet/Route-workload-1-ac1e0000p20');
      new Route(p.stack, 'MutToMember1', { routeTableId: toHub.routeTableIdInput!, destinationCidrBlock: memberInternetCidr(0), transitGatewayId: toHub.transitGatewayIdInput });
    },
  },
  {
    // The member in another account is a declared boundary (SECURITY_CLOUD_MEMBER): a path to its attachment is a path to a member.
    name: 'SC-1: member 2 routes the member in another account (its block, to its attachment) from its VPC and its hub table',
    rule: 'SC-1',
    apply(p) {
      const two = p.members[1];
      new Ec2TransitGatewayRoute(p.stack, 'MutToCrossAccount', {
        transitGatewayRouteTableId: find<Ec2TransitGatewayRouteTable>(two, 'SecurityCloudMembership/RouteTable').id,
        destinationCidrBlock: CROSS_ACCOUNT_MEMBER.internetCidr,
        transitGatewayAttachmentId: CROSS_ACCOUNT_MEMBER.attachmentId,
      });
      const toHub = find<Route>(two, 'Internet/Route-workload-1-ac1e0000p20');
      new Route(p.stack, 'MutToCrossAccountVpc', {
        routeTableId: toHub.routeTableIdInput!,
        destinationCidrBlock: CROSS_ACCOUNT_MEMBER.internetCidr,
        transitGatewayId: toHub.transitGatewayIdInput,
      });
    },
  },
  {
    // The hub's own subnets are the security cloud (SECURITY_CLOUD): a path from them into a member's My Number segment is
    // one from the internet side, as from a security cloud behind a VPN.
    name: 'MN-1: member 1\'s My Number VPC attached to the hub transit gateway, and the hub\'s table routing its block there',
    rule: 'MN-1',
    apply(p) {
      const myNumber = p.members[0].myNumber;
      const attachment = attachToHub(p, myNumber);
      new Ec2TransitGatewayRoute(p.stack, 'MutHubRoute', {
        transitGatewayRouteTableId: p.hub.hubRouteTableId, destinationCidrBlock: myNumber.vpcCidr, transitGatewayAttachmentId: attachment.id,
      });
    },
  },
  {
    // And the other way: an LGWAN subnet reaching the hub's subnets reaches the internet side.
    name: 'LG-1: member 1\'s LGWAN VPC attached to the hub transit gateway, associated with its hub table, routing the hub\'s block there',
    rule: 'LG-1',
    apply(p) {
      const one = p.members[0];
      const attachment = attachToHub(p, one.lgwan);
      const toHub = attachment.transitGatewayIdInput!;
      new Ec2TransitGatewayRouteTableAssociation(p.stack, 'MutHubAssociation', {
        transitGatewayRouteTableId: find<Ec2TransitGatewayRouteTable>(one, 'SecurityCloudMembership/RouteTable').id, transitGatewayAttachmentId: attachment.id,
      });
      new Route(p.stack, 'MutToHub', {
        routeTableId: find<RouteTable>(one.lgwan, 'RouteTable-workload-1').id, destinationCidrBlock: prefectureHub(REFERENCE_MEMBERS).cidr, transitGatewayId: toHub,
      });
    },
  },
  {
    name: 'SC-1: the hub proxy\'s squid.conf without the private-destination deny',
    rule: 'SC-1',
    apply(p) {
      const template = hubResource(p, 'Proxy/LaunchTemplate') as LaunchTemplate;
      const script = Buffer.from(template.userDataInput!, 'base64').toString('utf8');
      const edited = script.split('\n').filter((l) => l.trim() !== 'http_access deny private_dst').join('\n');
      if (edited === script) throw new Error('test setup: the edit changed nothing');
      template.addOverride('user_data', Buffer.from(edited).toString('base64'));
    },
  },
  {
    name: 'SC-2: the α′ member\'s Internet VPC with its own internet gateway and a default route to it',
    rule: 'SC-2',
    apply(p) {
      const network = p.members[1];
      const igw = attachIgw(p.stack, network.internet, 'Mut');
      new Route(p.stack, 'MutDefault', { routeTableId: table(network.internet, 'workload-1').id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    },
  },
  {
    // The NAT gateway's subnet routes to the internet gateway: what runs there leaves around the inspection firewall.
    name: 'SC-2: an instance placed in the hub\'s NAT gateway subnet',
    rule: 'SC-2',
    apply(p) {
      new Instance(p.stack, 'MutHubInstance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: (hubResource(p, 'Subnet-public-1') as Subnet).id });
    },
  },
  {
    // SC-2 counts AP-4's IDS/IPS (the hub's 不正通信検知): the hub's protocol rules and blocked domains alone are a finding.
    name: 'SC-2: the hub\'s inspection firewall with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'SC-2',
    apply(p) { editHubManagedGroups(p, (refs) => refs.filter((r) => !managedRef(r))); },
  },
  {
    name: 'SC-2: the hub\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT)',
    rule: 'SC-2',
    apply(p) { editHubManagedGroups(p, (refs) => refs.map((r) => (managedRef(r) ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r))); },
  },
  {
    name: 'SC-3: the web ACL\'s association with the public web load balancer removed',
    rule: 'SC-3',
    apply(p) { hubResource(p, 'PublicWebAclAssociation').node.scope!.node.tryRemoveChild('PublicWebAclAssociation'); },
  },
  {
    // The plan puts the SQL-injection rule set first (seed 004); had it moved, the mutation would not be refused.
    name: 'SC-3: the managed SQL-injection rule set overridden to Count',
    rule: 'SC-3',
    apply(p) {
      const acl = hubResource(p, 'PublicWebAcl');
      acl.addOverride('rule.0.override_action.none', null);
      acl.addOverride('rule.0.override_action.count', {});
    },
  },
  {
    // A type the guard does not know may let the internet in (its service's own endpoint): SC-3 fails closed on it in the hub.
    name: 'SC-3: an AgentCore runtime (a type the guard does not know) in VPC mode in a public subnet of the hub',
    rule: 'SC-3',
    apply(p) {
      const runtime = new TerraformResource(p.stack, 'MutAgentRuntime', { terraformResourceType: 'aws_bedrockagentcore_agent_runtime' });
      runtime.addOverride('agent_runtime_name', 'mut');
      runtime.addOverride('role_arn', 'arn:aws:iam::111122223333:role/agent');
      runtime.addOverride('network_configuration', [{
        network_mode: 'VPC', network_mode_config: [{ subnets: [(hubResource(p, 'Subnet-public-1') as Subnet).id], security_groups: [] }],
      }]);
    },
  },
  {
    name: 'SC-4: the α member\'s Internet flow log sent to a bucket of its own',
    rule: 'SC-4',
    apply(p) { find<TerraformResource>(p.members[0], 'Internet/FlowLog').addOverride('log_destination', 'arn:aws:s3:::sample-town-001-own-logs'); },
  },
  {
    // The SIEM's members/<code>/ keeps each member's logs apart: member 990001's flow log under 990002's mixes them.
    name: 'SC-4: the α member\'s Internet flow log moved under the next member\'s prefix in the SIEM',
    rule: 'SC-4',
    apply(p) {
      const log = find<FlowLog>(p.members[0], 'Internet/FlowLog');
      const destination = log.logDestinationInput;
      if (!destination?.includes('/members/990001/')) throw new Error('test setup: the flow log is not under members/990001/');
      log.logDestination = destination.replace('/members/990001/', '/members/990002/');
    },
  },
  {
    name: 'SC-4: the α member\'s Internet flow log records only accepted traffic',
    rule: 'SC-4',
    apply(p) { find<TerraformResource>(p.members[0], 'Internet/FlowLog').addOverride('traffic_type', 'ACCEPT'); },
  },
  {
    // The α′ member (990002) runs the LGWAN breakout firewall; its logs under 990001's prefix mix the members' logs.
    name: 'SC-4: the α′ member\'s LGWAN firewall logs moved under the α member\'s prefix in the SIEM',
    rule: 'SC-4',
    apply(p) {
      const logging = find<NetworkfirewallLoggingConfiguration>(p.members[1], 'Lgwan/Firewall/Logging-1');
      const text = JSON.stringify(logging.loggingConfigurationInput);
      if (!text.includes('"members/990002/')) throw new Error('test setup: the firewall logs are not under members/990002/');
      logging.putLoggingConfiguration(JSON.parse(text.split('"members/990002/').join('"members/990001/')));
    },
  },
  {
    // A second flow log beside the complete one, through a Firehose delivery stream.
    name: 'SC-4: the α member\'s Internet VPC also logs through a Firehose stream that writes to the SIEM under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const stream = new KinesisFirehoseDeliveryStream(p.stack, 'MutStream', {
        name: 'mut-stream',
        destination: 'extended_s3',
        extendedS3Configuration: {
          bucketArn: p.hub.siemBucketArn, roleArn: 'arn:aws:iam::123456789012:role/firehose', prefix: 'members/990002/flow/', errorOutputPrefix: 'members/990002/errors/',
        },
      });
      new FlowLog(p.stack, 'MutStreamFlowLog', { vpcId: p.members[0].internet.vpcId, trafficType: 'ALL', logDestinationType: 'kinesis-data-firehose', logDestination: stream.arn });
    },
  },
  {
    // A stream's S3 backup copies every record: under the α′ member's prefix of the SIEM, it mixes the members' logs.
    name: 'SC-4: the α member\'s Internet VPC also logs through a Firehose stream under its own prefix, whose S3 backup copies every record under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const bucketArn = p.hub.siemBucketArn;
      const roleArn = 'arn:aws:iam::123456789012:role/firehose';
      const stream = new KinesisFirehoseDeliveryStream(p.stack, 'MutBackupStream', {
        name: 'mut-backup-stream',
        destination: 'extended_s3',
        extendedS3Configuration: {
          bucketArn,
          roleArn,
          prefix: 'members/990001/stream/',
          errorOutputPrefix: 'members/990001/stream-errors/',
          s3BackupMode: 'Enabled',
          s3BackupConfiguration: { bucketArn, roleArn, prefix: 'members/990002/backup/', errorOutputPrefix: 'members/990002/backup-errors/' },
        },
      });
      new FlowLog(p.stack, 'MutBackupFlowLog', { vpcId: p.members[0].internet.vpcId, trafficType: 'ALL', logDestinationType: 'kinesis-data-firehose', logDestination: stream.arn });
    },
  },
  {
    // From another account a member's logs reach a hub stream through a CloudWatch Logs destination, named by its ARN.
    name: 'SC-4: the α member\'s Internet VPC also logs to a log group subscribed to the hub\'s CloudWatch Logs destination, whose stream writes under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const stream = new KinesisFirehoseDeliveryStream(p.stack, 'MutCentralStream', {
        name: 'mut-central-stream',
        destination: 'extended_s3',
        extendedS3Configuration: {
          bucketArn: p.hub.siemBucketArn, roleArn: 'arn:aws:iam::123456789012:role/firehose', prefix: 'members/990002/central/', errorOutputPrefix: 'members/990002/central-errors/',
        },
        tags: { 'jichitai:municipality': '990002' },
      });
      new CloudwatchLogDestination(p.stack, 'MutDestination', { name: 'member-990002-logs', targetArn: stream.arn, roleArn: 'arn:aws:iam::123456789012:role/logs-destination' });
      const group = new CloudwatchLogGroup(p.stack, 'MutCentralGroup', { name: '/mut/central', retentionInDays: 400 });
      new CloudwatchLogSubscriptionFilter(p.stack, 'MutCentralSubscription', {
        name: 'mut-central', logGroupName: group.name, filterPattern: '', destinationArn: 'arn:aws:logs:ap-northeast-1:123456789012:destination:member-990002-logs',
      });
      new FlowLog(p.stack, 'MutCentralFlowLog', {
        vpcId: p.members[0].internet.vpcId, trafficType: 'ALL', logDestinationType: 'cloud-watch-logs', logDestination: group.arn, iamRoleArn: 'arn:aws:iam::123456789012:role/flow',
      });
    },
  },
  {
    // A misspelt hub function would leave the hub's inspection firewall unrecognised by the SC rules (label vocabulary).
    name: 'GUARD-1: the hub\'s inspection firewall labelled with a misspelt hub function (jichitai:hub-function = inspecton)',
    rule: 'GUARD-1',
    apply(p) { hubResource(p, 'Firewall-1').addOverride('tags.jichitai:hub-function', 'inspecton'); },
  },
];

runPrefectureMutations('CDKTF', PREFECTURE_MUTATIONS, () => buildTfPrefecture(REFERENCE_MEMBERS, Testing.app()), (p) => { Testing.synth(p.stack, true); });
