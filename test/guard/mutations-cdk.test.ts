/**
 * The mutation suite (AWS CDK): from each reference deployment, every forbidden change a user could make by hand
 * (extra L1 resources, property overrides, removed children) must be refused by the guard with the right rule,
 * while the untouched example synthesizes. Prints the tally at the end.
 */
import { App, CfnParameter, CfnResource, CustomResource, Fn, Stack, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apprunner from 'aws-cdk-lib/aws-apprunner';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as agentcore from 'aws-cdk-lib/aws-bedrockagentcore';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as r53r from 'aws-cdk-lib/aws-route53resolver';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as vpclattice from 'aws-cdk-lib/aws-vpclattice';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { IConstruct } from 'constructs';
import { editManagedGroups, withoutManagedGroups } from './example-findings';
import { ALL, find, Mutation as SuiteMutation, NOT_ALPHA_PRIME, PrefectureMutation, runMutationSuite, runPrefectureMutations } from './mutation-suite';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildCdkPrefecture, CdkPrefecture } from '../../examples/cdk/_prefecture';
import { CROSS_ACCOUNT_MEMBER, memberInternetCidr, prefectureHub, REFERENCE_MEMBERS } from '../../examples/prefecture';
import { cdk, NetworkModel } from '../../src';
import { planOf } from '../../src/plan/cache';

/** The My Number subnets without the segment's NACL (the endpoint subnets): paths from there are judged by routes alone. */
const OPEN = 'endpoints-1';

/** The security-cloud VPN's transit gateway attachment (the target of the Internet segment's default TGW route). */
const securityCloud = (net: Net) => l1<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-INTERNET-00000000p0').transitGatewayAttachmentId!;
const transitTable = (net: Net, zone: string) => l1<ec2.CfnTransitGatewayRouteTable>(net, `Transit/RouteTable-${zone}`).ref;

/** A route from a My Number table over the transit gateway, and the transit route that takes it further. */
function overTransit(stack: Stack, net: Net, id: string, destination: string, attachment: string, from = OPEN): void {
  const v6 = destination.includes(':');
  new ec2.CfnRoute(stack, `${id}Vpc`, {
    routeTableId: table(net.myNumber, from).ref,
    ...(v6 ? { destinationIpv6CidrBlock: destination } : { destinationCidrBlock: destination }),
    transitGatewayId: net.transitGatewayId,
  });
  new ec2.CfnTransitGatewayRoute(stack, `${id}Tgw`, { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: destination, transitGatewayAttachmentId: attachment });
}

type Net = cdk.MunicipalNetwork;

/** The examples whose Internet segment uses the security cloud (β′ uses the built-in stand-in). */
const NOT_STAND_IN = [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME, NetworkModel.BETA];

type Mutation = SuiteMutation<Stack, Net>;

const l1 = <T extends CfnResource>(scope: IConstruct, suffix: string) => find<T>(scope, suffix);
const vpcOf = (segment: IConstruct) => l1<ec2.CfnVPC>(segment, '/Vpc');
const table = (segment: IConstruct, key: string) => l1<ec2.CfnRouteTable>(segment, `/RouteTable-${key}`);
const subnet = (segment: IConstruct, key: string) => l1<ec2.CfnSubnet>(segment, `/Subnet-${key}`);

/** A Lambda function whose VPC configuration puts it in `where`. */
function functionIn(stack: Stack, where: ec2.CfnSubnet): lambda.CfnFunction {
  return new lambda.CfnFunction(stack, 'MutFn', {
    role: 'arn:aws:iam::111122223333:role/mut',
    runtime: 'nodejs20.x',
    handler: 'index.handler',
    code: { zipFile: 'exports.handler = async () => ({})' },
    vpcConfig: { subnetIds: [where.ref], securityGroupIds: [] },
  });
}

/** `functionIn` as the function an aws-cdk-lib construct invokes (an API integration, a user pool trigger). */
function handlerIn(stack: Stack, where: ec2.CfnSubnet): lambda.IFunction {
  return lambda.Function.fromFunctionAttributes(stack, 'MutHandler', { functionArn: functionIn(stack, where).attrArn, sameEnvironment: true });
}

function attachIgw(stack: Stack, segment: IConstruct, id: string): ec2.CfnInternetGateway {
  const igw = new ec2.CfnInternetGateway(stack, `${id}Igw`);
  new ec2.CfnVPCGatewayAttachment(stack, `${id}IgwAttachment`, { vpcId: vpcOf(segment).ref, internetGatewayId: igw.ref });
  return igw;
}

/** Re-point an existing route to another target with overrides only (the props stay as they were). */
function repoint(route: CfnResource, property: string, value: unknown): void {
  for (const p of ['TransitGatewayId', 'VpcEndpointId', 'NatGatewayId', 'GatewayId']) route.addDeletionOverride(`Properties.${p}`);
  route.addPropertyOverride(property, value);
}

/** Point one of the plan's blackholed transit routes at an attachment instead (overrides only: the props stay as they were). */
function unblackhole(net: Net, route: string, attachment: string): void {
  const hole = l1<ec2.CfnTransitGatewayRoute>(net, route);
  hole.addPropertyDeletionOverride('Blackhole');
  hole.addPropertyOverride('TransitGatewayAttachmentId', attachment);
}

/** Replace the proxy's user data with an edited copy of the plan's boot script (what a user overriding it would do). */
function editBootScript(net: Net, edit: (script: string) => string): void {
  const script = edit(planOf(net.blueprint).tenantProxy!.bootScript);
  l1<ec2.CfnLaunchTemplate>(net.lgwan, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(script));
}

const MUTATIONS: Mutation[] = [
  {
    name: 'a NAT gateway and a default route to it in MY_NUMBER',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const eip = new ec2.CfnEIP(stack, 'MutEip', { domain: 'vpc' });
      const nat = new ec2.CfnNatGateway(stack, 'MutNat', { subnetId: subnet(net.myNumber, 'workload-1').ref, allocationId: eip.attrAllocationId });
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.myNumber, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.ref });
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
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.myNumber, 'workload-2').ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    },
  },
  {
    name: 'a public-IP subnet in MY_NUMBER (property override)',
    rule: 'MN-1',
    models: ALL,
    apply(_, net) { subnet(net.myNumber, 'workload-1').addPropertyOverride('MapPublicIpOnLaunch', true); },
  },
  {
    // α′'s LGWAN VPC has an internet gateway for the breakout: an instance with a public IP address is reached through it.
    name: 'a public-IP subnet in LGWAN (property override)',
    rule: 'LG-1',
    models: ALL,
    apply(_, net) { subnet(net.lgwan, 'workload-1').addPropertyOverride('MapPublicIpOnLaunch', true); },
  },
  {
    name: 'VPC peering between MY_NUMBER and INTERNET, with routes',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const peering = new ec2.CfnVPCPeeringConnection(stack, 'MutPeering', { vpcId: vpcOf(net.myNumber).ref, peerVpcId: vpcOf(net.internet).ref });
      new ec2.CfnRoute(stack, 'MutRouteA', { routeTableId: table(net.myNumber, 'workload-1').ref, destinationCidrBlock: net.internet.vpcCidr, vpcPeeringConnectionId: peering.ref });
      new ec2.CfnRoute(stack, 'MutRouteB', { routeTableId: table(net.internet, 'workload-1').ref, destinationCidrBlock: net.myNumber.vpcCidr, vpcPeeringConnectionId: peering.ref });
    },
  },
  {
    name: 'VPC peering between MY_NUMBER and INTERNET, without routes',
    rule: 'SEG-1',
    models: ALL,
    apply(stack, net) { new ec2.CfnVPCPeeringConnection(stack, 'MutPeering', { vpcId: vpcOf(net.myNumber).ref, peerVpcId: vpcOf(net.internet).ref }); },
  },
  {
    name: 'a transit gateway propagation of INTERNET into the MY_NUMBER table',
    rule: 'SEG-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnTransitGatewayRouteTablePropagation(stack, 'MutPropagation', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-MY_NUMBER').ref,
        transitGatewayAttachmentId: net.internet.transitGatewayAttachmentId!,
      });
    },
  },
  {
    name: 'static routes leaking MY_NUMBER into the INTERNET segment over the transit gateway',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const internetWorkload = subnet(net.internet, 'workload-1').cidrBlock!;
      overTransit(stack, net, 'Mut', internetWorkload, net.internet.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'transit gateway default route table association switched on (override)',
    rule: 'SEG-1',
    models: ALL,
    apply(_, net) { l1(net, 'Transit/TransitGateway').addPropertyOverride('DefaultRouteTableAssociation', 'enable'); },
  },
  {
    name: 'an LGWAN route to the internet',
    rule: 'LG-1',
    models: NOT_ALPHA_PRIME,
    apply(stack, net) {
      const igw = attachIgw(stack, net.lgwan, 'Mut');
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.lgwan, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    },
  },
  {
    name: 'an α′ LGWAN default route that bypasses the firewall (straight to the NAT gateway)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.lgwan, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: l1(net.lgwan, '/NatGateway-1').ref });
    },
  },
  {
    name: 'the α′ proxy route re-pointed from the firewall to the NAT gateway (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const route = net.lgwan.node.findAll().find((c) => /Route-proxy-1-/.test(c.node.id)) as CfnResource;
      repoint(route, 'NatGatewayId', { Ref: Stack.of(net).resolve(l1(net.lgwan, '/NatGateway-1').logicalId) });
    },
  },
  {
    // The security cloud leads to the internet: reaching it from LGWAN around the firewall bypasses the breakout chain.
    name: 'an α′ terminal subnet routed to the security cloud over the transit gateway, around the breakout firewall',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutVpc', { routeTableId: table(net.lgwan, 'terminals-1').ref, destinationCidrBlock: '198.51.100.0/24', transitGatewayId: net.transitGatewayId });
      new ec2.CfnTransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'LGWAN'), destinationCidrBlock: '198.51.100.0/24', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    // Past the firewall the path ends where the guard cannot follow: it counts as reaching every segment (fail closed).
    name: 'the α′ firewall subnet\'s default route re-pointed to a network interface (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      const route = net.lgwan.node.findAll().find((c) => /Route-firewall-1-/.test(c.node.id)) as CfnResource;
      repoint(route, 'NetworkInterfaceId', 'eni-0123456789abcdef0');
    },
  },
  {
    // What runs in the egress chain's own subnets leaves by their routes: the firewall subnet's lead to the NAT gateway.
    name: 'an EC2 instance placed in the α′ breakout firewall subnet',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutInstance', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'firewall-1').ref });
    },
  },
  {
    // The proxy's subnet reaches the breakout for the proxy: anything else placed there may be a server using that way out.
    name: 'an EC2 instance placed beside the α′ forward proxy (in its subnet)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutBeside', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet(net.lgwan, 'proxy-1').ref });
    },
  },
  {
    name: 'a network interface placed in the α′ breakout NAT gateway subnet (its route goes straight to the internet gateway)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) { new ec2.CfnNetworkInterface(stack, 'MutEni', { subnetId: subnet(net.lgwan, 'egress-1').ref }); },
  },
  {
    // IPv6 has no NAT: the breakout's internet gateway delivers to the subnet's global addresses whatever its routes.
    name: 'an α′ LGWAN terminal subnet given IPv6 addresses from an Amazon-provided block (the VPC has the breakout\'s internet gateway)',
    rule: 'LG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const vpc = vpcOf(net.lgwan);
      const block = new ec2.CfnVPCCidrBlock(stack, 'MutV6', { vpcId: vpc.ref, amazonProvidedIpv6CidrBlock: true });
      const terminals = subnet(net.lgwan, 'terminals-1');
      terminals.addPropertyOverride('Ipv6CidrBlock', Fn.select(0, Fn.cidr(Fn.select(0, vpc.attrIpv6CidrBlocks), 256, '64')));
      terminals.addPropertyOverride('AssignIpv6AddressOnCreation', true);
      terminals.addDependency(block);
    },
  },
  {
    name: 'the breakout firewall policy passes by default (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulDefaultActions', ['aws:alert_established']); },
  },
  {
    // Under strict order the first pass ends a flow's evaluation: a group ahead of the allow-list that passes bypasses it.
    name: 'an IPS rule group with a pass rule placed ahead of the allow-list (strict order)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new nfw.CfnRuleGroup(stack, 'MutPassGroup', {
        ruleGroupName: 'mut-pass',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: { rulesString: 'pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"everything"; sid:1000901; rev:1;)' },
        },
      });
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const references = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority: 50 }];
      policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: references };
    },
  },
  {
    name: 'the proxy accepts cloud-service certificates that fail verification (sslproxy_cert_error allow, user data replaced)',
    rule: 'AP-5',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editBootScript(net, (script) => script.replace(/^sslproxy_cert_error deny all$/m, 'sslproxy_cert_error allow all')); },
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
    name: 'a bare "*" in the allow-list (override)',
    rule: 'AP-2',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.Targets', ['*']); },
  },
  {
    name: 'a TLD-wide entry in the allow-list (override)',
    rule: 'AP-2',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.Targets', ['.com', 'login.microsoftonline.com']); },
  },
  {
    name: 'a communication tool without a tenant-restriction header (Zoom) added to the case イ allow-list (override)',
    rule: 'AP-3',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.Targets', ['.office.com', '.zoom.us']); },
  },
  {
    name: 'a direct internet gateway route from an INTERNET workload subnet (override of the security-cloud route)',
    rule: 'IN-1',
    models: ALL,
    apply(stack, net) {
      const igw = attachIgw(stack, net.internet, 'Mut');
      const route = net.internet.node.findAll().find((c) => c.node.id === 'Route-workload-1-00000000p0') as CfnResource | undefined;
      // β′'s workload subnets have no default route (they browse through the stand-in's proxy): one is added instead.
      if (route) repoint(route, 'GatewayId', { Ref: stack.resolve(igw.logicalId) });
      else new ec2.CfnRoute(stack, 'MutIgwRoute', { routeTableId: table(net.internet, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
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
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.internet, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: net.internet.firewallEndpointIds[0] });
    },
  },
  {
    // The stand-in for the security cloud must inspect (IN-1): a policy that passes by default does not count.
    name: 'the built-in Internet egress (stand-in for the security cloud) passes by default (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { l1(net.internet, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulDefaultActions', ['aws:alert_established']); },
  },
  {
    name: 'the built-in Internet egress passes every TCP flow ahead of its default drop (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"everything"; sid:1000999; rev:1;)');
    },
  },
  {
    name: 'the built-in Internet egress runs its web pass group ahead of its IPS group (priority override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      const policy = l1<nfw.CfnFirewallPolicy>(net.internet, 'Firewall/Policy');
      const web = l1<nfw.CfnRuleGroup>(net.internet, 'Firewall/RuleGroup-web').attrRuleGroupArn;
      const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty)
        .statefulRuleGroupReferences as nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty[];
      policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences',
        refs.map((r) => ({ ResourceArn: r.resourceArn, Priority: r.resourceArn === web ? 1 : r.priority })));
    },
  },
  {
    // What runs in the stand-in's own subnets leaves by their routes, around the inspection.
    name: 'an EC2 instance (by its network interface) placed in the built-in Internet egress firewall subnet',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutInstance', {
        imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', networkInterfaces: [{ deviceIndex: '0', subnetId: subnet(net.internet, 'firewall-1').ref }],
      });
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
    apply(_, net) { l1(net.internet, '/DnsForwardingRule').addPropertyOverride('TargetIps', [{ Ip: '8.8.8.8', Port: '53' }]); },
  },
  {
    name: 'the Internet segment resolves "com" with the VPC resolver (a SYSTEM resolver rule added)',
    rule: 'IN-2',
    models: NOT_STAND_IN,
    apply(stack, net) {
      const rule = new r53r.CfnResolverRule(stack, 'MutSystemRule', { domainName: 'com', ruleType: 'SYSTEM' });
      new r53r.CfnResolverRuleAssociation(stack, 'MutSystemAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    },
  },
  {
    name: 'the stand-in\'s DNS Firewall fails open (override)',
    rule: 'IN-2',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { l1(net.internet, '/DnsFirewallConfig').addPropertyOverride('FirewallFailOpen', 'ENABLED'); },
  },
  {
    name: 'the proxy\'s access log shipping taken out of the boot script (CloudWatch agent not started)',
    rule: 'LOG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editBootScript(net, (script) => script.split('\n').filter((l) => !l.includes('amazon-cloudwatch-agent-ctl')).join('\n')); },
  },
  {
    name: 'the proxy\'s access log group removed',
    rule: 'LOG-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { net.lgwan.tenantProxy!.node.tryRemoveChild('AccessLog'); },
  },
  {
    name: 'the flow log of MY_NUMBER removed',
    rule: 'LOG-1',
    models: ALL,
    apply(_, net) { net.myNumber.node.tryRemoveChild('FlowLog'); },
  },
  {
    name: 'an all-traffic security group in MY_NUMBER open to the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroup(stack, 'MutGroup', {
        vpcId: vpcOf(net.myNumber).ref,
        groupDescription: 'everything from LGWAN',
        securityGroupIngress: [{ ipProtocol: '-1', cidrIp: net.lgwan.vpcCidr }],
      });
    },
  },
  {
    name: 'a separate ingress rule opening every TCP port of a My Number host to the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroupIngress(stack, 'MutIngress', {
        groupId: l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId,
        ipProtocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        cidrIp: net.lgwan.vpcCidr,
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
      const proxyRoute = net.lgwan.node.findAll().map((c) => c as ec2.CfnRoute).find((r) => r.node.id.startsWith('Route-proxy-1-') && r.vpcEndpointId !== undefined);
      if (!proxyRoute) throw new Error('test setup: no breakout route of the proxy subnet');
      new ec2.CfnRoute(stack, 'MutServersOut', { routeTableId: table(net.lgwan, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: proxyRoute.vpcEndpointId });
    },
  },
  {
    // Fail closed: a subnet the guard knows nothing of may hold servers; only declared or tagged terminal pools break out.
    name: 'α′: a subnet added to the LGWAN VPC on the terminal pool\'s route table (the breakout), untagged and holding no declared host',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const added = new ec2.CfnSubnet(stack, 'MutAddedSubnet', { vpcId: vpcOf(net.lgwan).ref, cidrBlock: '10.0.100.0/24', availabilityZone: 'ap-northeast-1a' });
      new ec2.CfnSubnetRouteTableAssociation(stack, 'MutAddedSubnetTable', { subnetId: added.ref, routeTableId: table(net.lgwan, 'terminals-1').ref });
    },
  },
  {
    // LG-2's direction: in α and α′ screen transfer goes from the LGWAN terminals out; the Internet segment opens nothing into LGWAN but the relay.
    name: 'α/α′: the LGWAN file server\'s security group admits the Internet segment\'s virtual browser (the wrong direction)',
    rule: 'LG-2',
    models: [NetworkModel.ALPHA, NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ec2.CfnSecurityGroupIngress(stack, 'MutReverse', {
        groupId: l1<ec2.CfnSecurityGroup>(net.lgwan, '/HostSecurityGroup-lgwan-file-server').attrGroupId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIp: '10.0.128.10/32',
      });
    },
  },
  {
    // LG-2's flows admit a host-labelled group only into their own destination: the relay's flow opens the file server, not another server.
    name: 'the LGWAN mail server\'s security group admits the sanitization relay on the relay\'s port (declared into the file server only)',
    rule: 'LG-2',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroupIngress(stack, 'MutRelayElsewhere', {
        groupId: l1<ec2.CfnSecurityGroup>(net.lgwan, '/HostSecurityGroup-lgwan-mail-server').attrGroupId,
        ipProtocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        cidrIp: '10.0.128.20/32',
      });
    },
  },
  {
    // A forward proxy relays to the breakout: whoever its front admits uses the breakout, whatever its own subnet's routes.
    name: 'α′: the proxy load balancer\'s security group widened to the whole LGWAN VPC (servers reach the breakout through the proxy)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'TenantProxy/LoadBalancerSecurityGroup').addPropertyOverride('SecurityGroupIngress',
        [{ IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: net.lgwan.vpcCidr }]);
    },
  },
  {
    name: 'α′: the proxy instances admit the members of a peer security group (not followed: every address counts, fail closed)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const peer = new ec2.CfnSecurityGroup(stack, 'MutPeerGroup', { vpcId: net.lgwan.vpc.vpcId, groupDescription: 'peer' });
      new ec2.CfnSecurityGroupIngress(stack, 'MutProxyFromPeer', {
        groupId: l1<ec2.CfnSecurityGroup>(net.lgwan, 'TenantProxy/InstanceSecurityGroup').attrGroupId,
        ipProtocol: 'tcp',
        fromPort: 0,
        toPort: 65535,
        sourceSecurityGroupId: peer.attrGroupId,
      });
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
      new ec2.CfnRoute(stack, 'MutOut', { routeTableId: table(net.lgwan, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    },
  },
  {
    name: 'LGWAN routed to the whole Internet segment over the transit gateway',
    rule: 'LG-2',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutVpcRoute', { routeTableId: table(net.lgwan, 'workload-1').ref, destinationCidrBlock: net.internet.vpcCidr, transitGatewayId: net.transitGatewayId });
      new ec2.CfnTransitGatewayRoute(stack, 'MutTgwRoute', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-LGWAN').ref,
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
      new ec2.CfnSecurityGroup(stack, 'MutGroup', { vpcId: vpcOf(net.internet).ref, groupDescription: 'everything to LGWAN', securityGroupEgress: [{ ipProtocol: '-1', cidrIp: net.lgwan.vpcCidr }] });
    },
  },
  {
    name: 'the whole LGWAN WAN range routed from LGWAN to the WAN attachment instead of blackholed',
    rule: 'LG-3',
    models: ALL,
    apply(_, net) {
      // The WAN attachment, as the declared LGWAN-ASP host route to the mail relay uses it.
      const wan = l1<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-LGWAN-ac141419p32').transitGatewayAttachmentId!;
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
    apply(stack, net) { overTransit(stack, net, 'Mut', '172.20.99.0/24', l1<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentId!); },
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
    apply(stack, net) {
      const vgw = new ec2.CfnVPNGateway(stack, 'MutVgw', { type: 'ipsec.1', tags: [{ key: 'jichitai:zone', value: 'LGWAN_WAN' }] });
      new ec2.CfnVPCGatewayAttachment(stack, 'MutVgwAttachment', { vpcId: vpcOf(net.myNumber).ref, vpnGatewayId: vgw.ref });
    },
  },
  {
    // The closed WAN is reached from LGWAN接続系 only; the Internet segment never joins it (LG-1, every model).
    name: 'an Internet-segment route to the LGWAN WAN over the transit gateway',
    rule: 'LG-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutVpc', { routeTableId: table(net.internet, 'workload-1').ref, destinationCidrBlock: '172.20.10.0/24', transitGatewayId: net.transitGatewayId });
      new ec2.CfnTransitGatewayRoute(stack, 'MutTgw', {
        transitGatewayRouteTableId: transitTable(net, 'INTERNET'),
        destinationCidrBlock: '172.20.10.0/24',
        transitGatewayAttachmentId: l1<ec2.CfnTransitGatewayRoute>(net, 'Transit/Route-MY_NUMBER-ac140a05p32').transitGatewayAttachmentId!,
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
    apply(_, net) { l1<ec2.CfnVPCEndpoint>(net.myNumber, '/Endpoint-logs').addPropertyDeletionOverride('PolicyDocument'); },
  },
  {
    name: 'a My Number VPC endpoint policy replaced by allow-all',
    rule: 'MN-5',
    models: ALL,
    apply(_, net) {
      l1<ec2.CfnVPCEndpoint>(net.myNumber, '/Endpoint-ssm').addPropertyOverride('PolicyDocument', {
        Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      });
    },
  },
  {
    // Its BGP peers (appliances) may advertise any prefix toward their interfaces, which the guard does not follow.
    name: 'a VPC Route Server propagating into a My Number route table',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const server = new ec2.CfnRouteServer(stack, 'MutRouteServer', { amazonSideAsn: 65000 });
      new ec2.CfnRouteServerAssociation(stack, 'MutRouteServerVpc', { routeServerId: server.ref, vpcId: vpcOf(net.myNumber).ref });
      new ec2.CfnRouteServerPropagation(stack, 'MutRouteServerPropagation', { routeServerId: server.ref, routeTableId: table(net.myNumber, 'workload-1').ref });
    },
  },
  {
    // What is behind a VPN without a zone label may be anything, the internet included (fail closed).
    name: 'a VPN on the transit gateway without a zone label, associated with the LGWAN WAN\'s transit route table',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const vpn = new ec2.CfnVPNConnection(stack, 'MutVpn', { transitGatewayId: net.transitGatewayId, customerGatewayId: 'cgw-0123456789abcdef0', type: 'ipsec.1' });
      new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'MutVpnAssociation', { transitGatewayRouteTableId: transitTable(net, 'LGWAN_WAN'), transitGatewayAttachmentId: vpn.ref });
    },
  },
  {
    // What an AWS API call of a custom resource makes at deploy time is not in the template the guard judges.
    name: 'an AwsCustomResource that creates a route to an internet gateway in a My Number route table at deploy time',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new cr.AwsCustomResource(stack, 'MutAtDeploy', {
        onCreate: {
          service: 'EC2',
          action: 'createRoute',
          parameters: { RouteTableId: table(net.myNumber, 'workload-1').ref, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0' },
          physicalResourceId: cr.PhysicalResourceId.of('mut-at-deploy'),
        },
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
        installLatestAwsSdk: false,
      });
    },
  },
  {
    // A custom resource runs its function's code at deploy time; that function's role may create routes, so the code may
    // add one the template never shows (src/guard/deploy-code.ts).
    name: 'a custom resource whose function\'s role may create routes (its code could add a default route at deploy time)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const seeder = new lambda.Function(stack, 'MutSeeder', {
        runtime: lambda.Runtime.NODEJS_20_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      });
      seeder.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:CreateRoute'], resources: ['*'] }));
      new CustomResource(stack, 'MutSeed', { serviceToken: seeder.functionArn, properties: { RouteTableId: table(net.myNumber, 'workload-1').ref } });
    },
  },
  {
    // A second stack of the app, with no reference to the guarded one, is read by no guard: given the My Number VPC's and
    // route table's ids by SSM parameters, it attaches an internet gateway and routes to it.
    name: 'a second stack of the app, given the My Number VPC and route table by SSM parameters, attaches an internet gateway and routes to it',
    rule: 'GUARD-1',
    models: ALL,
    notSwept: 'the refusal is of the second stack, which the sweep does not re-read (test/guard/guard-cdk.test.ts and guard-tf.test.ts vary how it names the VPC)',
    apply(stack) {
      const other = new Stack(stack.node.root, 'MutSibling', { env: { region: 'ap-northeast-1' } });
      const igw = new ec2.CfnInternetGateway(other, 'Igw');
      new ec2.CfnVPCGatewayAttachment(other, 'IgwAttachment', { vpcId: ssm.StringParameter.valueForStringParameter(other, '/mut/my-number/vpc'), internetGatewayId: igw.ref });
      new ec2.CfnRoute(other, 'Out', { routeTableId: ssm.StringParameter.valueForStringParameter(other, '/mut/my-number/rt'), destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    },
  },
  {
    // An existing VPC (a literal id) may hold anything: what enters from it counts as anything (fail closed).
    name: 'an existing VPC outside the app attached to the transit gateway and associated with the LGWAN WAN\'s transit route table',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const attachment = new ec2.CfnTransitGatewayAttachment(stack, 'MutOutsideVpc', {
        transitGatewayId: net.transitGatewayId, vpcId: 'vpc-0123456789abcdef0', subnetIds: ['subnet-0123456789abcdef0'],
      });
      new ec2.CfnTransitGatewayRouteTableAssociation(stack, 'MutOutsideVpcAssociation', { transitGatewayRouteTableId: transitTable(net, 'LGWAN_WAN'), transitGatewayAttachmentId: attachment.ref });
    },
  },
  {
    // Known only at deploy time, the entry's action decides what the NACL lets through.
    name: 'a NACL entry of the My Number VPC whose action is a template parameter',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const action = new CfnParameter(stack, 'MutAclAction', { type: 'String', default: 'deny' });
      const acl = new ec2.CfnNetworkAcl(stack, 'MutAcl', { vpcId: vpcOf(net.myNumber).ref });
      new ec2.CfnNetworkAclEntry(stack, 'MutAclEntry', { networkAclId: acl.ref, ruleNumber: 90, protocol: -1, egress: true, ruleAction: action.valueAsString, cidrBlock: '0.0.0.0/0' });
    },
  },
  {
    name: 'an unlabelled VPC in the guarded stack',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack) { new ec2.CfnVPC(stack, 'MutVpc', { cidrBlock: '192.168.0.0/24' }); },
  },
  {
    // A path the guard does not model (bridges.ts): remote users straight into the My Number segment.
    name: 'a Client VPN endpoint associated with a My Number subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnClientVpnTargetNetworkAssociation(stack, 'MutClientVpn', { clientVpnEndpointId: 'cvpn-endpoint-0123456789abcdef0', subnetId: subnet(net.myNumber, 'workload-1').ref });
    },
  },
  {
    // A public IP address on instances a launch template starts: α′'s LGWAN VPC has an internet gateway (the breakout),
    // which delivers to that address whatever the subnet's routes; in the other models it is refused all the same.
    name: 'an Auto Scaling group in LGWAN subnets launching a template that asks for a public IP address',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const template = new ec2.LaunchTemplate(stack, 'MutTemplate', { associatePublicIpAddress: true, machineImage: ec2.MachineImage.genericLinux({ 'ap-northeast-1': 'ami-0123456789abcdef0' }) });
      new autoscaling.CfnAutoScalingGroup(stack, 'MutGroup', {
        minSize: '1',
        maxSize: '1',
        vpcZoneIdentifier: [subnet(net.lgwan, 'workload-1').ref],
        launchTemplate: { launchTemplateId: template.launchTemplateId, version: template.latestVersionNumber },
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
      new lambda.CfnUrl(stack, 'MutUrl', { authType: 'AWS_IAM', targetFunctionArn: fn.attrArn });
    },
  },
  {
    // The REST API's Lambda integration as aws-cdk-lib writes it (Fn::Join of the function's ARN into the invocation URI).
    name: 'an API Gateway REST API method invoking a function whose VPC configuration is in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new apigateway.RestApi(stack, 'MutApi').root.addMethod('GET', new apigateway.LambdaIntegration(handlerIn(stack, subnet(net.lgwan, 'workload-1'))));
    },
  },
  {
    // Users on the internet sign up: the pool's trigger runs code inside the segment (the way aws-cdk-lib's UserPool writes it).
    name: 'a Cognito user pool whose pre-sign-up trigger runs a function whose VPC configuration is in a My Number subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new cognito.UserPool(stack, 'MutPool', { lambdaTriggers: { preSignUp: handlerIn(stack, subnet(net.myNumber, 'workload-1')) } });
    },
  },
  {
    name: 'a public App Runner service whose VPC connector is in LGWAN subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const connector = new apprunner.CfnVpcConnector(stack, 'MutConnector', { subnets: [subnet(net.lgwan, 'workload-1').ref] });
      new apprunner.CfnService(stack, 'MutService', {
        sourceConfiguration: { imageRepository: { imageIdentifier: 'public.ecr.aws/nginx/nginx:latest', imageRepositoryType: 'ECR_PUBLIC' } },
        networkConfiguration: { egressConfiguration: { egressType: 'VPC', vpcConnectorArn: connector.attrVpcConnectorArn } },
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
      new elbv2.CfnLoadBalancer(stack, 'MutPublicAlb', { type: 'application', scheme: 'internet-facing', subnets: [subnet(net.lgwan, 'workload-1').ref, subnet(net.lgwan, 'workload-2').ref] });
    },
  },
  {
    // A public endpoint for the resident registry's database: AWS gives it a public IP address in the subnet group.
    name: 'a publicly accessible RDS database in My Number subnets',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const group = new rds.CfnDBSubnetGroup(stack, 'MutDbGroup', {
        dbSubnetGroupDescription: 'registry', subnetIds: [subnet(net.myNumber, 'workload-1').ref, subnet(net.myNumber, 'workload-2').ref],
      });
      new rds.CfnDBInstance(stack, 'MutDb', { engine: 'postgres', dbInstanceClass: 'db.t3.micro', allocatedStorage: '20', publiclyAccessible: true, dbSubnetGroupName: group.ref });
    },
  },
  {
    // No route needed: whatever the VPN connection's far side is, it enters the LGWAN VPC through the gateway.
    name: 'a VPN gateway without a zone label attached to the LGWAN VPC, with a VPN connection',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const vgw = new ec2.CfnVPNGateway(stack, 'MutVgw', { type: 'ipsec.1' });
      new ec2.CfnVPCGatewayAttachment(stack, 'MutVgwAttachment', { vpcId: vpcOf(net.lgwan).ref, vpnGatewayId: vgw.ref });
      const cgw = new ec2.CfnCustomerGateway(stack, 'MutCgw', { type: 'ipsec.1', bgpAsn: 65000, ipAddress: '203.0.113.10' });
      new ec2.CfnVPNConnection(stack, 'MutVpn', { type: 'ipsec.1', customerGatewayId: cgw.ref, vpnGatewayId: vgw.ref, staticRoutesOnly: true });
    },
  },
  {
    // PrivateLink to another network's endpoint service: the segment's traffic reaches a network the guard does not see.
    name: 'an interface endpoint in My Number subnets to another network\'s endpoint service',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnVPCEndpoint(stack, 'MutPartnerEndpoint', {
        vpcId: vpcOf(net.myNumber).ref,
        vpcEndpointType: 'Interface',
        serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
        subnetIds: [subnet(net.myNumber, 'workload-1').ref],
      });
    },
  },
  {
    // Fargate tasks with public IP addresses in LGWAN subnets: α′'s internet gateway delivers to them.
    name: 'an ECS service in LGWAN subnets whose tasks ask for a public IP address',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ecs.CfnService(stack, 'MutService', {
        cluster: 'registry',
        taskDefinition: 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/web:1',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED', subnets: [subnet(net.lgwan, 'workload-1').ref] } },
      });
    },
  },
  {
    // The segment's clients reach every service of the service network, other VPCs and accounts included.
    name: 'the My Number VPC associated with a VPC Lattice service network',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new vpclattice.CfnServiceNetworkVpcAssociation(stack, 'MutLattice', { serviceNetworkIdentifier: 'sn-0123456789abcdef0', vpcIdentifier: vpcOf(net.myNumber).ref });
    },
  },
  {
    name: 'the tenant-restriction proxy\'s launch template asking for a public IP address',
    rule: 'GUARD-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1<ec2.CfnLaunchTemplate>(net.lgwan, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.NetworkInterfaces', [{ DeviceIndex: 0, AssociatePublicIpAddress: true }]);
    },
  },
  {
    name: 'a PrivateLink endpoint service exposing an internal NLB in the LGWAN segment',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const nlb = new elbv2.CfnLoadBalancer(stack, 'MutNlb', { type: 'network', scheme: 'internal', subnets: [subnet(net.lgwan, 'workload-1').ref] });
      new ec2.CfnVPCEndpointService(stack, 'MutEndpointService', { acceptanceRequired: false, networkLoadBalancerArns: [nlb.ref] });
    },
  },
  {
    // The CIDR is an attribute reference (ec2.Peer.ipv4(vpc.vpcCidrBlock)), not a literal: the guard must follow it.
    name: 'an all-traffic rule on a My Number host toward the LGWAN VPC\'s CidrBlock attribute',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroupIngress(stack, 'MutIngressAttr', {
        groupId: l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId,
        ipProtocol: '-1',
        cidrIp: vpcOf(net.lgwan).attrCidrBlock,
      });
    },
  },
  {
    // The peer is another security group, not a CIDR: the guard must see that the group lives in the LGWAN VPC.
    name: 'an all-traffic rule on a My Number host from a security group of the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const peer = new ec2.CfnSecurityGroup(stack, 'MutPeerGroup', {
        vpcId: vpcOf(net.lgwan).ref,
        groupDescription: 'LGWAN clients',
        // Explicit, harmless egress: the default allow-all egress would be a finding of its own.
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '192.0.2.10/32' }],
      });
      new ec2.CfnSecurityGroupIngress(stack, 'MutPeerIngress', {
        groupId: l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId,
        ipProtocol: '-1',
        sourceSecurityGroupId: peer.attrGroupId,
      });
    },
  },
  // Issue 10: paths the probing guard missed, defaults it did not model, targets it dropped.
  {
    name: 'a My Number default route to the transit gateway and a transit route 52.0.0.0/8 to the security cloud',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutDefault', { routeTableId: table(net.myNumber, OPEN).ref, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new ec2.CfnTransitGatewayRoute(stack, 'MutTgw', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: '52.0.0.0/8', transitGatewayAttachmentId: securityCloud(net) });
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
      new ec2.CfnRoute(stack, 'MutDefault', { routeTableId: table(net.myNumber, OPEN).ref, destinationCidrBlock: '0.0.0.0/0', transitGatewayId: net.transitGatewayId });
      new ec2.CfnTransitGatewayRoute(stack, 'MutHole', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: '128.0.0.0/1', blackhole: true });
      new ec2.CfnTransitGatewayRoute(stack, 'MutOut', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: '0.0.0.0/1', transitGatewayAttachmentId: securityCloud(net) });
    },
  },
  {
    name: 'half of an Internet-segment /24 blackholed, the other half routed from My Number',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const first = `${subnet(net.internet, 'workload-1').cidrBlock!.split('/')[0]}/24`;
      overTransit(stack, net, 'Mut', first, net.internet.transitGatewayAttachmentId!);
      new ec2.CfnTransitGatewayRoute(stack, 'MutHole', { transitGatewayRouteTableId: transitTable(net, 'MY_NUMBER'), destinationCidrBlock: first.replace(/\/24$/, '/25'), blackhole: true });
    },
  },
  {
    // The default route table links every attachment; acknowledging SEG-1 (which reports it) must not let MN-2 through.
    name: 'a second transit gateway with default association and propagation between My Number and the Internet segment (SEG-1 acknowledged)',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const tgw = new ec2.CfnTransitGateway(stack, 'MutTgw', {});
      for (const [id, segment] of [['Mn', net.myNumber], ['In', net.internet]] as const) {
        new ec2.CfnTransitGatewayAttachment(stack, `Mut${id}Attachment`, {
          transitGatewayId: tgw.ref, vpcId: vpcOf(segment).ref, subnetIds: [subnet(segment, 'transit-1').ref, subnet(segment, 'transit-2').ref],
        });
      }
      new ec2.CfnRoute(stack, 'MutMn', { routeTableId: table(net.myNumber, OPEN).ref, destinationCidrBlock: net.internet.vpcCidr, transitGatewayId: tgw.ref });
      new ec2.CfnRoute(stack, 'MutIn', { routeTableId: table(net.internet, 'workload-1').ref, destinationCidrBlock: net.myNumber.vpcCidr, transitGatewayId: tgw.ref });
      cdk.TopologyGuard.acknowledge(stack, 'SEG-1', 'A second transit gateway for a migration window, reviewed by the security team.');
    },
  },
  {
    name: 'a secondary block of the Internet VPC holding a subnet, routed from My Number',
    rule: 'MN-2',
    models: ALL,
    apply(stack, net) {
      const block = new ec2.CfnVPCCidrBlock(stack, 'MutBlock', { vpcId: vpcOf(net.internet).ref, cidrBlock: '100.64.0.0/24' });
      new ec2.CfnSubnet(stack, 'MutSubnet', { vpcId: vpcOf(net.internet).ref, cidrBlock: '100.64.0.0/24' }).addDependency(block);
      overTransit(stack, net, 'Mut', '100.64.0.0/24', net.internet.transitGatewayAttachmentId!);
    },
  },
  {
    name: 'IPv6 ::/0 over the transit gateway to an egress-only internet gateway in the Internet VPC',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      overTransit(stack, net, 'Mut', '::/0', net.internet.transitGatewayAttachmentId!);
      const eigw = new ec2.CfnEgressOnlyInternetGateway(stack, 'MutEigw', { vpcId: vpcOf(net.internet).ref });
      new ec2.CfnRoute(stack, 'MutOut', { routeTableId: table(net.internet, 'transit-1').ref, destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: eigw.ref });
    },
  },
  {
    name: 'a My Number default route to a VPN gateway without a zone label',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      const vgw = new ec2.CfnVPNGateway(stack, 'MutVgw', { type: 'ipsec.1' });
      const attached = new ec2.CfnVPCGatewayAttachment(stack, 'MutVgwAttachment', { vpcId: vpcOf(net.myNumber).ref, vpnGatewayId: vgw.ref });
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.myNumber, OPEN).ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: vgw.ref }).addDependency(attached);
    },
  },
  {
    name: 'a My Number default route to a network interface',
    rule: 'MN-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutRoute', { routeTableId: table(net.myNumber, OPEN).ref, destinationCidrBlock: '0.0.0.0/0', networkInterfaceId: 'eni-0123456789abcdef0' });
    },
  },
  {
    name: 'an Internet workload subnet sending IPv6 straight to an egress-only internet gateway',
    rule: 'IN-1',
    models: ALL,
    apply(stack, net) {
      const eigw = new ec2.CfnEgressOnlyInternetGateway(stack, 'MutEigw', { vpcId: vpcOf(net.internet).ref });
      new ec2.CfnRoute(stack, 'MutOut', { routeTableId: table(net.internet, 'workload-1').ref, destinationIpv6CidrBlock: '::/0', egressOnlyInternetGatewayId: eigw.ref });
    },
  },
  {
    // The default group exists in every VPC; the guard reads the rules a template gives it.
    name: 'an all-traffic rule added to the My Number VPC\'s default security group toward the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroupEgress(stack, 'MutDefaultEgress', { groupId: vpcOf(net.myNumber).attrDefaultSecurityGroup, ipProtocol: '-1', cidrIp: net.lgwan.vpcCidr });
    },
  },
  {
    // A group made outside the app (by hand, another stack or account) may be one of the LGWAN segment (fail closed).
    name: 'a My Number host\'s security group admitting all traffic from a security group outside the app (a literal sg- id)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const groupId = l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId;
      new ec2.CfnSecurityGroupIngress(stack, 'MutOutsidePeer', { groupId, ipProtocol: '-1', sourceSecurityGroupId: 'sg-0123456789abcdef0' });
    },
  },
  {
    // A group of the My Number VPC associated with the LGWAN VPC (AWS::EC2::SecurityGroupVpcAssociation) may have LGWAN
    // members; its own rules (HTTPS to one My Number address) are harmless, the host's rule naming it as a peer is not.
    name: 'a My Number host\'s security group admitting all traffic from a My Number security group associated with the LGWAN VPC',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const oneHost = net.myNumber.vpcCidr.replace(/\/\d+$/, '/32');
      const shared = new ec2.CfnSecurityGroup(stack, 'MutSharedGroup', {
        groupDescription: 'shared with the LGWAN VPC',
        vpcId: vpcOf(net.myNumber).ref,
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: oneHost }],
      });
      new ec2.CfnSecurityGroupVpcAssociation(stack, 'MutSharedGroupAssociation', { groupId: shared.attrGroupId, vpcId: vpcOf(net.lgwan).ref });
      const groupId = l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId;
      new ec2.CfnSecurityGroupIngress(stack, 'MutAssociatedPeer', { groupId, ipProtocol: '-1', sourceSecurityGroupId: shared.attrGroupId });
    },
  },
  {
    // A group made in a VPC named by its literal id (the My Number VPC's, pasted by hand) may have My Number members: the
    // guard cannot place that VPC, so the group is judged as one of every segment (semantics §7).
    name: 'a security group in a VPC given by a literal id admitting all traffic from the LGWAN VPC\'s block',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSecurityGroup(stack, 'MutUnplacedGroup', {
        groupDescription: 'in the My Number VPC, by its id',
        vpcId: 'vpc-0123456789abcdef0',
        securityGroupIngress: [{ ipProtocol: '-1', cidrIp: net.lgwan.vpcCidr }],
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: net.myNumber.vpcCidr.replace(/\/\d+$/, '/32') }],
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
      new ec2.CfnSecurityGroupIngress(stack, 'MutOutsideGroupRule', { groupId: 'sg-0123456789abcdef0', ipProtocol: '-1', cidrIp: net.lgwan.vpcCidr });
    },
  },
  {
    // A business system whose subnets lie in the Internet and LGWAN segments (both allowed in β′, so PL-1 is quiet) may run
    // in the Internet segment: BP-1 judges its own group, here one in the LGWAN VPC admitting all traffic.
    name: 'β′: a business system in an Internet and an LGWAN subnet whose own group admits all traffic from the Internet segment',
    rule: 'BP-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      const tags = [{ key: 'jichitai:role', value: 'BUSINESS_SYSTEM' }, { key: 'jichitai:host', value: 'mut-ledger' }];
      new ec2.CfnSecurityGroup(stack, 'MutLedgerGroup', {
        groupDescription: 'ledger', vpcId: net.lgwan.vpc.vpcId, securityGroupIngress: [{ ipProtocol: '-1', cidrIp: net.internet.vpcCidr }], tags,
      });
      new autoscaling.CfnAutoScalingGroup(stack, 'MutLedger', {
        minSize: '1',
        maxSize: '1',
        vpcZoneIdentifier: [subnet(net.internet, 'workload-1').ref, subnet(net.lgwan, 'workload-1').ref],
        tags: tags.map((t) => ({ ...t, propagateAtLaunch: true })),
      });
    },
  },
  {
    // An instance naming no subnet runs in the default VPC, which the guard does not model: a My Number system there may
    // be in any segment (PL-1, semantics §7).
    name: 'a My Number system instance naming no subnet (the default VPC)',
    rule: 'PL-1',
    models: ALL,
    apply(stack) {
      new ec2.CfnInstance(stack, 'MutDefaultVpcInstance', {
        imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }],
      });
    },
  },
  {
    // A label the guard does not know is unresolved (semantics §3): read as an unknown role, the misspelt value took the
    // My Number system out of PL-1, which judges the roles it knows, and it passed in the LGWAN segment.
    name: 'a My Number system instance in an LGWAN subnet labelled with a misspelt role (jichitai:role = MY_NUMBER_SYTEM)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutMisspeltRole', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        subnetId: subnet(net.lgwan, 'workload-1').ref,
        tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYTEM' }],
      });
    },
  },
  {
    // A key of the jichitai: namespace the guard does not know: read as no label, the instance was unlabelled.
    name: 'a My Number system instance in an LGWAN subnet labelled with a misspelt key (jichitai:rol = MY_NUMBER_SYSTEM)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutMisspeltRoleKey', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        subnetId: subnet(net.lgwan, 'workload-1').ref,
        tags: [{ key: 'jichitai:rol', value: 'MY_NUMBER_SYSTEM' }],
      });
    },
  },
  {
    // A subnet's segment value the guard does not know gave it its VPC's segment: SEG-1 never saw a My Number subnet
    // in the LGWAN VPC.
    name: 'an LGWAN workload subnet labelled with a misspelt My Number segment (jichitai:segment = MY_NUMBR)',
    rule: 'GUARD-1',
    models: ALL,
    apply(_stack, net) { subnet(net.lgwan, 'workload-1').tags.setTag('jichitai:segment', 'MY_NUMBR', 1000); },
  },
  {
    // A stack's own tags are in no template: the CDK CLI passes them to CloudFormation, which gives them to the stack's
    // resources (semantics §3). Every resource of the network becomes a My Number system, the LGWAN ones included.
    name: 'a My Number system role given as a tag of the stack itself (addStackTag: in no template)',
    rule: 'PL-1',
    models: ALL,
    notSwept: 'it tags the stack, no resource: the sweep has no value of a resource to hide (a stack tag given by a token is a case of test/guard/stack-tags.test.ts)',
    apply(stack) { stack.addStackTag('jichitai:role', 'MY_NUMBER_SYSTEM'); },
  },
  {
    name: 'a segment given as a tag of the stack itself, unlike the VPCs\' own (which one a VPC keeps is undocumented)',
    rule: 'GUARD-1',
    models: ALL,
    notSwept: 'it tags the stack, no resource: the sweep has no value of a resource to hide (a stack tag given by a token is a case of test/guard/stack-tags.test.ts)',
    apply(stack) { stack.addStackTag('jichitai:segment', 'INTERNET'); },
  },
  {
    name: 'every TCP port of a My Number host opened to an LGWAN host in two rules (1-32767, 32768-65535)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const groupId = l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId;
      new ec2.CfnSecurityGroupIngress(stack, 'MutLow', { groupId, ipProtocol: 'tcp', fromPort: 1, toPort: 32767, cidrIp: '10.0.65.20/32' });
      new ec2.CfnSecurityGroupIngress(stack, 'MutHigh', { groupId, ipProtocol: 'tcp', fromPort: 32768, toPort: 65535, cidrIp: '10.0.65.20/32' });
    },
  },
  {
    name: 'a My Number route to a whole LGWAN subnet over the transit gateway',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) { overTransit(stack, net, 'Mut', subnet(net.lgwan, 'workload-1').cidrBlock!, net.lgwan.transitGatewayAttachmentId!); },
  },
  {
    name: 'β′: the groupware business system\'s security group admitting the whole Internet segment',
    rule: 'BP-1',
    models: [NetworkModel.BETA_PRIME],
    apply(stack, net) {
      new ec2.CfnSecurityGroupIngress(stack, 'MutSegment', {
        groupId: l1<ec2.CfnSecurityGroup>(net.internet, '/HostSecurityGroup-groupware').attrGroupId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: net.internet.vpcCidr,
      });
    },
  },
  {
    // Closing is not forbidden, but a declared flow that cannot pass is found before deployment (FLOW-1).
    name: 'the transit route of the declared flow to the intermediate server removed',
    rule: 'FLOW-1',
    models: ALL,
    apply(_, net) { l1(net, 'Transit/Route-MY_NUMBER-ac140a05p32').node.scope!.node.tryRemoveChild('Route-MY_NUMBER-ac140a05p32'); },
  },
  {
    // A prefix list outside the app may or may not hold the server: the flow is not shown open (fail closed).
    name: 'the My Number routes of the declared flow to the intermediate server pointed at a prefix list outside the app (a literal pl- id)',
    rule: 'FLOW-1',
    models: ALL,
    apply(_, net) {
      for (const r of net.myNumber.node.findAll().filter((c): c is ec2.CfnRoute => c instanceof ec2.CfnRoute && c.node.id.endsWith('-ac140a05p32'))) {
        r.addPropertyDeletionOverride('DestinationCidrBlock');
        r.addPropertyOverride('DestinationPrefixListId', 'pl-0123456789abcdef0');
      }
    },
  },
  {
    // AWS prefers a static route to a prefix list's entry of the same block: the list's route to the server is not used.
    name: 'the My Number routes of the declared flow to the intermediate server made a prefix list\'s entry, beside a static route of the same block to a network interface',
    rule: 'FLOW-1',
    models: ALL,
    apply(stack, net) {
      const list = new ec2.CfnPrefixList(stack, 'MutList', { addressFamily: 'IPv4', maxEntries: 2, prefixListName: 'mut-wan', entries: [{ cidr: '172.20.10.5/32' }] });
      for (const r of net.myNumber.node.findAll().filter((c): c is ec2.CfnRoute => c instanceof ec2.CfnRoute && c.node.id.endsWith('-ac140a05p32'))) {
        r.addPropertyDeletionOverride('DestinationCidrBlock');
        r.addPropertyOverride('DestinationPrefixListId', list.attrPrefixListId);
        new ec2.CfnRoute(stack, `Mut${r.node.id}`, { routeTableId: r.routeTableId, destinationCidrBlock: '172.20.10.5/32', networkInterfaceId: 'eni-0abc0000000000007' });
      }
    },
  },
  {
    // The flow's path turned through a Network Firewall (its endpoint in the transit subnet, which routes the server on
    // to the transit gateway) whose rule drops the flow: the firewall is on the path, and FLOW-1 must read its rules.
    name: 'the declared flow to the intermediate server routed through a Network Firewall whose rule drops it',
    rule: 'FLOW-1',
    models: ALL,
    apply(stack, net) {
      const group = new nfw.CfnRuleGroup(stack, 'MutDropGroup', {
        ruleGroupName: 'mut-drop',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: { rulesSource: { rulesString: 'drop tcp $HOME_NET any -> 172.20.10.5 443 (msg:"mut"; sid:1;)' }, statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' } },
      });
      const policy = new nfw.CfnFirewallPolicy(stack, 'MutPolicy', {
        firewallPolicyName: 'mut',
        firewallPolicy: {
          statelessDefaultActions: ['aws:forward_to_sfe'],
          statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
          statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
          statefulRuleGroupReferences: [{ resourceArn: group.attrRuleGroupArn, priority: 1 }],
        },
      });
      const firewall = new nfw.CfnFirewall(stack, 'MutFirewall', {
        firewallName: 'mut', firewallPolicyArn: policy.attrFirewallPolicyArn, vpcId: vpcOf(net.myNumber).ref, subnetMappings: [{ subnetId: subnet(net.myNumber, 'transit-1').ref }],
      });
      // Its logs go where the examples' logs go (the β blueprints' SIEM bucket), so that only FLOW-1 has a say.
      new nfw.CfnLoggingConfiguration(stack, 'MutLogging', {
        firewallArn: firewall.attrFirewallArn,
        loggingConfiguration: {
          logDestinationConfigs: ['ALERT', 'FLOW'].map((logType) => ({ logType, logDestinationType: 'S3', logDestination: { bucketName: 'sample-city-siem-ingest' } })),
        },
      });
      const endpoint = Fn.select(1, Fn.split(':', Fn.select(0, firewall.attrEndpointIds)));
      const route = l1<ec2.CfnRoute>(net.myNumber, '/Route-workload-1-ac140a05p32');
      route.addPropertyDeletionOverride('TransitGatewayId');
      route.addPropertyOverride('VpcEndpointId', endpoint);
      new ec2.CfnRoute(stack, 'MutOnward', { routeTableId: table(net.myNumber, 'transit-1').ref, destinationCidrBlock: '172.20.10.5/32', transitGatewayId: route.transitGatewayId });
    },
  },
  {
    // A labelled instance sits where its interfaces are, as the guard reads them for reachability (semantics §7): placed
    // only by an interface, it was placed nowhere and PL-1 could not judge it.
    name: 'a My Number system instance placed only by its network interface, in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnInstance(stack, 'MutByInterface', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        networkInterfaces: [{ deviceIndex: '0', subnetId: subnet(net.lgwan, 'workload-1').ref }],
        tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }],
      });
    },
  },
  {
    // Without a subnet or an interface of its own, an instance runs where its launch template's interfaces are.
    name: 'a My Number system instance launched from a launch template whose network interface is in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const template = new ec2.CfnLaunchTemplate(stack, 'MutTemplate', {
        launchTemplateData: { imageId: 'ami-0123456789abcdef0', networkInterfaces: [{ deviceIndex: 0, subnetId: subnet(net.lgwan, 'workload-1').ref }] },
      });
      new ec2.CfnInstance(stack, 'MutFromTemplate', {
        launchTemplate: { launchTemplateId: template.ref, version: template.attrLatestVersionNumber },
        tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }],
      });
    },
  },
  {
    // A subnet outside the app (made by hand in the LGWAN VPC, routed to the breakout firewall) may hold servers that
    // break out: what runs there is judged as in such a subnet (fail closed, semantics §10).
    name: 'α′: an EC2 instance in a subnet outside the app (a literal subnet- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new ec2.CfnInstance(stack, 'MutOutsideSubnet', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: 'subnet-0123456789abcdef0' });
    },
  },
  {
    // A label the guard cannot place may sit in an LGWAN subnet with a way out, as PL-1 and BP-1 judge it (a relay's role
    // has no placement of PL-1's).
    name: 'α′: a sanitization relay instance (labelled) in a subnet outside the app (a literal subnet- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new ec2.CfnInstance(stack, 'MutOutsideRelay', {
        imageId: 'ami-0123456789abcdef0',
        instanceType: 't3.micro',
        subnetId: 'subnet-0123456789abcdef0',
        tags: [{ key: 'jichitai:role', value: 'SANITIZATION_RELAY' }],
      });
    },
  },
  {
    // A launch template's tag specifications for instances label every instance it launches (semantics §3): they were
    // never read, and an Auto Scaling group without a role of its own passed PL-1.
    name: 'an Auto Scaling group in an LGWAN workload subnet launching a template that tags its instances as My Number systems',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      const template = new ec2.CfnLaunchTemplate(stack, 'MutLabelledTemplate', {
        launchTemplateData: {
          imageId: 'ami-0123456789abcdef0',
          tagSpecifications: [{ resourceType: 'instance', tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }] }],
        },
      });
      new autoscaling.CfnAutoScalingGroup(stack, 'MutLabelledGroup', {
        minSize: '1',
        maxSize: '1',
        vpcZoneIdentifier: [subnet(net.lgwan, 'workload-1').ref],
        launchTemplate: { launchTemplateId: template.ref, version: template.attrLatestVersionNumber },
      });
    },
  },
  {
    // Such a template that nothing in the app launches may be launched from outside it, anywhere (fail closed).
    name: 'a launch template tagging its instances as My Number systems that nothing in the app launches',
    rule: 'PL-1',
    models: ALL,
    apply(stack) {
      new ec2.CfnLaunchTemplate(stack, 'MutUnlaunchedTemplate', {
        launchTemplateData: {
          imageId: 'ami-0123456789abcdef0',
          tagSpecifications: [{ resourceType: 'instance', tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }] }],
        },
      });
    },
  },
  {
    // The tags a Spot Fleet's launch specification gives its instances label them, where it puts them (semantics §3).
    name: 'a Spot Fleet whose launch specification tags its instances as My Number systems in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnSpotFleet(stack, 'MutLabelledSpotFleet', {
        spotFleetRequestConfigData: {
          iamFleetRole: 'arn:aws:iam::111122223333:role/mut-fleet',
          targetCapacity: 1,
          launchSpecifications: [{
            imageId: 'ami-0123456789abcdef0',
            instanceType: 't3.micro',
            subnetId: subnet(net.lgwan, 'workload-1').ref,
            tagSpecifications: [{ resourceType: 'instance', tags: [{ key: 'jichitai:role', value: 'MY_NUMBER_SYSTEM' }] }],
          }],
        },
      });
    },
  },
  {
    // An interface made by hand (in an LGWAN subnet routed to the breakout firewall) may put the instance there: judged as
    // in such a subnet, as one in a subnet outside the app (fail closed, semantics §10).
    name: 'α′: an EC2 instance on a network interface outside the app (a literal eni- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new ec2.CfnInstance(stack, 'MutOutsideInterface', {
        imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', networkInterfaces: [{ deviceIndex: '0', networkInterfaceId: 'eni-0123456789abcdef0' }],
      });
    },
  },
  {
    // What a launch template launches runs on its own interfaces: one made by hand (possibly in an LGWAN subnet routed to the
    // breakout firewall) is judged as in such a subnet (fail closed, semantics §10).
    name: 'α′: a launch template whose network interface is outside the app (a literal eni- id)',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack) {
      new ec2.CfnLaunchTemplate(stack, 'MutOutsideInterfaceTemplate', {
        launchTemplateData: { imageId: 'ami-0123456789abcdef0', networkInterfaces: [{ deviceIndex: 0, networkInterfaceId: 'eni-0123456789abcdef0' }] },
      });
    },
  },
  {
    // A role label sits where the guard's occupant reading places its resource (semantics §7): the label read only a
    // top-level SubnetId / SubnetIds / VPCZoneIdentifier, and a function's VpcConfig placed it nowhere.
    name: 'a Lambda function labelled as a My Number system with its VpcConfig in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) { Tags.of(functionIn(stack, subnet(net.lgwan, 'workload-1'))).add('jichitai:role', 'MY_NUMBER_SYSTEM'); },
  },
  {
    // The same for a service's awsvpc subnets: a business system in a terminal subnet that breaks out passed AP-7.
    name: 'α′: an ECS service labelled as a business system with its awsvpc subnets in an LGWAN terminal subnet',
    rule: 'AP-7',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      new ecs.CfnService(stack, 'MutLabelledService', {
        cluster: 'mut',
        taskDefinition: 'arn:aws:ecs:ap-northeast-1:111122223333:task-definition/mut:1',
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: [subnet(net.lgwan, 'terminals-1').ref] } },
        tags: [{ key: 'jichitai:role', value: 'BUSINESS_SYSTEM' }],
      });
    },
  },
  {
    // CloudFormation Tags written as a map (a node group's) were never read as labels (semantics §3).
    name: 'an EKS node group tagged (a map of tags) as a My Number system in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new CfnResource(stack, 'MutLabelledNodegroup', {
        type: 'AWS::EKS::Nodegroup',
        properties: {
          ClusterName: 'mut', NodeRole: 'arn:aws:iam::111122223333:role/mut', Subnets: [subnet(net.lgwan, 'workload-1').ref], Tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' },
        },
      });
    },
  },
  {
    // The tags a compute environment gives the instances it launches label them, in its subnets (semantics §3).
    name: 'a Batch compute environment whose tags for its instances label them My Number systems in an LGWAN workload subnet',
    rule: 'PL-1',
    models: ALL,
    apply(stack, net) {
      new CfnResource(stack, 'MutLabelledComputeEnvironment', {
        type: 'AWS::Batch::ComputeEnvironment',
        properties: {
          Type: 'MANAGED',
          ComputeResources: {
            Type: 'EC2', MaxvCpus: 4, InstanceRole: 'mut', InstanceTypes: ['m5.large'], Subnets: [subnet(net.lgwan, 'workload-1').ref], Tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' },
          },
        },
      });
    },
  },
  {
    // A CloudFormation dynamic reference is known only at deploy time, as a template parameter is: the rule it is the peer
    // of is unresolved, not left out (semantics §3, §10 FLOW-1).
    name: 'a My Number security group allowing all traffic from a CIDR given by an SSM dynamic reference',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      const group = new ec2.SecurityGroup(stack, 'MutDynrefSg', { vpc: net.myNumber.vpc, allowAllOutbound: false });
      group.addIngressRule(ec2.Peer.ipv4(ssm.StringParameter.valueForStringParameter(stack, '/mut/peer-cidr', 1)), ec2.Port.allTraffic());
    },
  },
  {
    // A route's destination given by a dynamic reference is followed for every address, and unresolved (semantics §4).
    name: 'a route from a My Number table over the transit gateway to a destination given by an SSM dynamic reference',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new ec2.CfnRoute(stack, 'MutDynrefRoute', {
        routeTableId: table(net.myNumber, 'workload-1').ref,
        destinationCidrBlock: ssm.StringParameter.valueForStringParameter(stack, '/mut/destination', 1),
        transitGatewayId: net.transitGatewayId,
      });
    },
  },
  {
    // Rules the guard cannot read, ahead of the FQDN allow-list, may pass anything around it.
    name: 'α′: the breakout firewall\'s port rule group (ahead of the allow-list) whose rules string is an SSM dynamic reference',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      l1(net.lgwan, 'Firewall/RuleGroup-ports').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        ssm.StringParameter.valueForStringParameter(stack, '/mut/rules', 1));
    },
  },
  {
    // Its users stream, from the internet, a desktop that works in the subnet, default internet access or not (semantics §10).
    name: 'an AppStream fleet without default internet access in a My Number workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new CfnResource(stack, 'MutAppStreamFleet', {
        type: 'AWS::AppStream::Fleet',
        properties: {
          Name: 'mut-fleet',
          InstanceType: 'stream.standard.small',
          ComputeCapacity: { DesiredInstances: 1 },
          EnableDefaultInternetAccess: false,
          VpcConfig: { SubnetIds: [subnet(net.myNumber, 'workload-1').ref] },
        },
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
      new CfnResource(stack, 'MutSecureBrowser', {
        type: 'AWS::WorkSpacesWeb::NetworkSettings',
        properties: { VpcId: where.vpcId, SubnetIds: [where.ref], SecurityGroupIds: ['sg-0123456789abcdef0'] },
      });
    },
  },
  {
    // Its user works, from the internet, on a desktop in the subnets its directory is registered with, which no template
    // holds: it cannot be placed (semantics §10).
    name: 'an Amazon WorkSpace (its directory registered outside the app)',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack) {
      new CfnResource(stack, 'MutWorkSpace', { type: 'AWS::WorkSpaces::Workspace', properties: { DirectoryId: 'd-0123456789', BundleId: 'wsb-0123456789', UserName: 'mut' } });
    },
  },
  {
    // The stateless engine runs first: aws:pass there "discontinues all inspection" and never reaches the allow-list.
    name: 'the α′ breakout policy\'s stateless default action is aws:pass (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatelessDefaultActions', ['aws:pass']); },
  },
  {
    name: 'the α′ breakout policy\'s stateless fragment default action is aws:pass (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatelessFragmentDefaultActions', ['aws:pass']); },
  },
  {
    name: 'a stateless rule group that passes every packet added to the α′ breakout policy',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new nfw.CfnRuleGroup(stack, 'MutStatelessPass', {
        ruleGroupName: 'mut-stateless-pass',
        type: 'STATELESS',
        capacity: 10,
        ruleGroup: { rulesSource: { statelessRulesAndCustomActions: { statelessRules: [{ priority: 1, ruleDefinition: { actions: ['aws:pass'], matchAttributes: {} } }] } } },
      });
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatelessRuleGroupReferences', [{ Priority: 1, ResourceArn: group.attrRuleGroupArn }]);
    },
  },
  {
    // Under strict order what the domain list does not judge (every protocol but HTTP and TLS) reaches groups after it.
    name: 'a rule group passing SSH to anywhere placed after the α′ allow-list (strict order)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      const group = new nfw.CfnRuleGroup(stack, 'MutPassLate', {
        ruleGroupName: 'mut-pass-late',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: { rulesString: 'pass ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"ssh"; sid:1000902; rev:1;)' },
        },
      });
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const references = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority: 600 }];
      policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: references };
    },
  },
  {
    name: 'the built-in Internet egress (stand-in) hands packets around its stateful engine (stateless default aws:pass, override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { l1(net.internet, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatelessDefaultActions', ['aws:pass']); },
  },
  {
    // DROP_TO_ALERT turns the managed group's drops into alerts: no IPS in drop mode is left.
    name: 'the built-in Internet egress\'s IPS replaced by an AWS managed threat group overridden to alert (DROP_TO_ALERT, override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', [{
        Priority: 100, ResourceArn: 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder', Override: { Action: 'DROP_TO_ALERT' },
      }]);
    },
  },
  {
    // Named by its name, a peer group is one the guard cannot place (CloudFormation: default VPC only): it may be LGWAN's.
    name: 'a My Number host\'s security group admitting all traffic from a security group named by its name (SourceSecurityGroupName)',
    rule: 'MN-3',
    models: ALL,
    apply(stack, net) {
      const groupId = l1<ec2.CfnSecurityGroup>(net.myNumber, '/HostSecurityGroup-resident-registry').attrGroupId;
      new ec2.CfnSecurityGroupIngress(stack, 'MutNamedPeer', { groupId, ipProtocol: '-1', sourceSecurityGroupName: 'default' });
    },
  },
  {
    // A type the guard does not know (occupants.ts KNOWN_OCCUPANTS): an AgentCore runtime is invoked through the AgentCore
    // API from anywhere, a path beside its subnets' routes the guard cannot tell (GUARD-2).
    name: 'an Amazon Bedrock AgentCore runtime in VPC mode in a My Number subnet (a resource type the guard does not know)',
    rule: 'GUARD-2',
    models: ALL,
    apply(stack, net) {
      new agentcore.CfnRuntime(stack, 'MutAgentRuntime', {
        agentRuntimeName: 'mut',
        roleArn: 'arn:aws:iam::111122223333:role/mut',
        agentRuntimeArtifact: { containerConfiguration: { containerUri: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/mut:1' } },
        networkConfiguration: { networkMode: 'VPC', networkModeConfig: { subnets: [subnet(net.myNumber, 'workload-1').ref], securityGroups: ['sg-0123456789abcdef0'] } },
      });
    },
  },
  {
    // Literal blocks, none a /0, on given ports: yet the two halves are the whole internet (AP-1's bound, a /8 of IPv4).
    name: 'the α′ media rule (after the allow-list) passing UDP to the whole internet in two halves, [0.0.0.0/1,128.0.0.0/1] (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'Firewall/RuleGroup-media').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass udp $HOME_NET any -> [0.0.0.0/1,128.0.0.0/1] 3478:3481 (msg:"halves"; sid:1000301; rev:1;)');
    },
  },
  {
    // DROP_TO_ALERT turns the group's drops into alerts: it detects and blocks nothing (AP-4: 検知及び遮断).
    name: 'the α′ breakout\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT, override)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editManagedGroups(net, (r) => ({ ...r, override: { action: 'DROP_TO_ALERT' } })); },
  },
  {
    // A pass ends a flow's evaluation: an IPS group behind the allow-list (priority 400) inspects nothing the breakout lets out.
    name: 'the α′ breakout\'s AWS managed threat groups moved behind the allow-list (priority 1000 on, override)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { editManagedGroups(net, (r, i) => ({ ...r, priority: 1000 + i })); },
  },
  {
    // Drop rules written by hand are a filter the guard cannot judge as an IDS/IPS (outside auditor): a finding to acknowledge.
    name: 'the α′ breakout with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) { withoutManagedGroups(net); },
  },
  {
    // Not exactly PRIVATE_ONLY: the guard does not know what AWS makes of the public value in another case (enums.ts).
    name: 'an MWAA environment whose web server access mode is public_only (lowercase) in a My Number workload subnet',
    rule: 'GUARD-1',
    models: ALL,
    apply(stack, net) {
      new CfnResource(stack, 'MutMwaa', {
        type: 'AWS::MWAA::Environment',
        properties: {
          Name: 'mut-mwaa',
          WebserverAccessMode: 'public_only',
          NetworkConfiguration: { SubnetIds: [subnet(net.myNumber, 'workload-1').ref], SecurityGroupIds: ['sg-0123456789abcdef0'] },
        },
      });
    },
  },
  {
    // Every port written as a range is every port, as `any` is (passesTransport reads the port field's union).
    name: 'the built-in Internet egress passes TCP to ports 1:65535 ahead of its default drop (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass tcp $HOME_NET any -> $EXTERNAL_NET 1:65535 (msg:"every port"; sid:1000998; rev:1;)');
    },
  },
  {
    // aws:drop_established drops established connections only; a UDP flow is established after a reply, ICMP likewise.
    name: 'the breakout firewall drops only UDP of what is not TCP, leaving ICMP and other protocols to aws:drop_established (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'Firewall/RuleGroup-nontcp').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'drop udp $HOME_NET any -> $EXTERNAL_NET any (msg:"udp only"; sid:1000997; rev:1;)');
    },
  },
  {
    name: 'the built-in Internet egress only alerts on what is not TCP, leaving it to aws:drop_established (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/RuleGroup-nontcp').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'alert ip $HOME_NET any -> $EXTERNAL_NET any (msg:"log only"; ip_proto:!6; sid:1000996; rev:1;)');
    },
  },
  {
    // CONTINUE applies the rules without the connection's context after a break: the allow-list and drop_established stop matching.
    name: 'the breakout firewall goes on with a connection broken midstream (stream exception policy CONTINUE)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulEngineOptions.StreamExceptionPolicy', 'CONTINUE');
    },
  },
  {
    name: 'the built-in Internet egress goes on with a connection broken midstream (stream exception policy CONTINUE)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulEngineOptions.StreamExceptionPolicy', 'CONTINUE');
    },
  },
  {
    // $EXTERNAL_NET is every address outside HOME_NET: with HOME_NET everything, the non-TCP drop matches nothing.
    name: 'the breakout firewall\'s non-TCP drop group gets HOME_NET 0.0.0.0/0, so its $EXTERNAL_NET is empty (override)',
    rule: 'AP-1',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'Firewall/RuleGroup-nontcp').addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', ['0.0.0.0/0']);
    },
  },
  {
    // A signature on $HOME_NET inspects nothing from a host outside it: the IPS no longer applies to the segment's traffic.
    name: 'the built-in Internet egress\'s policy (the managed threat groups\'), IPS and deny-list groups get HOME_NET 10.99.0.0/16, which the segment does not send from (override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) {
      l1(net.internet, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', ['10.99.0.0/16']);
      for (const key of ['ips', 'denylist']) {
        l1(net.internet, `Firewall/RuleGroup-${key}`).addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', ['10.99.0.0/16']);
      }
    },
  },
  {
    // IN-1 counts AP-4's IDS/IPS: DROP_TO_ALERT leaves the stand-in with its hand-written protocol rules alone.
    name: 'the built-in Internet egress\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT, override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { editManagedGroups(net, (r) => ({ ...r, override: { action: 'DROP_TO_ALERT' } }), 'internet'); },
  },
  {
    // A pass ends a flow's evaluation: managed groups behind the web pass group (300) inspect nothing the stand-in lets out.
    name: 'the built-in Internet egress\'s AWS managed threat groups moved behind its web pass group (priority 1000 on, override)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { editManagedGroups(net, (r, i) => ({ ...r, priority: 1000 + i }), 'internet'); },
  },
  {
    // Drop rules written by hand are a filter the guard cannot judge as an IDS/IPS: a finding on the firewall, to acknowledge.
    name: 'the built-in Internet egress with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'IN-1',
    models: [NetworkModel.BETA_PRIME],
    apply(_, net) { withoutManagedGroups(net, 'internet'); },
  },
  {
    // A signature on $HOME_NET inspects nothing from a host outside it: the breakout's IPS no longer applies to what goes out.
    name: 'the breakout firewall policy\'s HOME_NET (the managed threat groups\') 10.99.0.0/16, which the LGWAN segment does not send from (override)',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(_, net) {
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', ['10.99.0.0/16']);
    },
  },
  {
    // A GWLB endpoint inspects only what is routed through it: one in the VPC that no route leads through is no IDS.
    name: 'the α′ breakout\'s IPS rules replaced by a pass, no managed threat group, beside a declared IDS appliance\'s GWLB endpoint in the LGWAN VPC that no route leads through',
    rule: 'AP-4',
    models: [NetworkModel.ALPHA_PRIME],
    apply(stack, net) {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', 'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"x"; sid:1000101; rev:1;)');
      const applianceSubnet = new ec2.CfnSubnet(stack, 'MutApplianceSubnet', { vpcId: vpcOf(net.lgwan).ref, cidrBlock: '10.0.97.0/28', availabilityZone: 'ap-northeast-1a' });
      new ec2.CfnVPCEndpoint(stack, 'MutAppliance', {
        vpcId: vpcOf(net.lgwan).ref,
        serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
        vpcEndpointType: 'GatewayLoadBalancer',
        subnetIds: [applianceSubnet.ref],
        tags: [{ key: 'jichitai:inspection', value: 'IDS_IPS' }],
      });
    },
  },
];

function example(name: string): { stack: Stack; net: Net } {
  const { stack, network } = buildCdkExample(name, new App());
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

runMutationSuite('CDK', MUTATIONS, example, (stack) => Template.fromStack(stack), { 'alpha-prime-sanitization': SANITIZATION_MUTATIONS });

/** The hub's resource `suffix` of the reference prefecture. */
const hubL1 = <T extends CfnResource>(p: CdkPrefecture, suffix: string) => l1<T>(p.hubStack, `SecurityCloud/${suffix}`);
/** Replace the hub inspection firewall policy's stateful rule group references (the L1 property: overrides do not index into arrays). */
function editHubManagedGroups(p: CdkPrefecture, edit: (refs: any[]) => any[]): void {
  const policy = hubL1<nfw.CfnFirewallPolicy>(p, 'FirewallPolicy');
  const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
  const refs = fp.statefulRuleGroupReferences as any[];
  if (!refs.some((r) => String(r.resourceArn).includes(':aws-managed:'))) throw new Error('test setup: no managed group in the hub policy');
  policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: edit(refs) };
}

/** Attach a segment of member 1 (its workload subnets) to the hub's transit gateway, as its Internet segment is. */
function attachToHub(p: CdkPrefecture, segment: cdk.SegmentNetwork): ec2.CfnTransitGatewayAttachment {
  const one = p.members[0];
  return new ec2.CfnTransitGatewayAttachment(one.stack, 'MutHubAttachment', {
    transitGatewayId: l1<ec2.CfnTransitGatewayAttachment>(one.network, 'Internet/SecurityCloudHubAttachment').transitGatewayId,
    vpcId: segment.vpc.vpcId,
    subnetIds: segment.vpc.selectSubnets(segment.workloadSubnets).subnetIds,
  });
}

/** Replace the hub proxy's user data with an edited copy (what a user overriding it would do). */
function editHubProxyScript(p: CdkPrefecture, edit: (script: string) => string): void {
  const template = hubL1<ec2.CfnLaunchTemplate>(p, 'ProxyLaunchTemplate');
  const script = p.hubStack.resolve(template.launchTemplateData).userData['Fn::Base64'] as string;
  const edited = edit(script);
  if (edited === script) throw new Error('test setup: the edit changed nothing');
  template.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edited));
}

/**
 * The security cloud's rules over the real reference prefecture (hub stack + one stack per member; member 1 is α, member
 * 2 α′): each change a prefecture's integrator could make by hand, refused by its rule.
 */
const PREFECTURE_MUTATIONS: PrefectureMutation<CdkPrefecture>[] = [
  {
    name: 'SC-1: member 2 propagates member 1\'s hub attachment into its table and routes member 1\'s Internet segment to the hub',
    rule: 'SC-1',
    apply(p) {
      const [one, two] = p.members;
      new ec2.CfnTransitGatewayRouteTablePropagation(two.stack, 'MutPropagation', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(two.network, 'SecurityCloudMembership/RouteTable').ref,
        transitGatewayAttachmentId: l1<ec2.CfnTransitGatewayAttachment>(one.network, 'Internet/SecurityCloudHubAttachment').ref,
      });
      const toHub = l1<ec2.CfnRoute>(two.network, 'Internet/Route-workload-1-ac1e0000p20');
      new ec2.CfnRoute(two.stack, 'MutToMember1', { routeTableId: toHub.routeTableId, destinationCidrBlock: memberInternetCidr(0), transitGatewayId: toHub.transitGatewayId });
    },
  },
  {
    // The member in another account is a declared boundary (SECURITY_CLOUD_MEMBER): a path to its attachment is a path to a member.
    name: 'SC-1: member 2 routes the member in another account (its block, to its attachment) from its VPC and its hub table',
    rule: 'SC-1',
    apply(p) {
      const two = p.members[1];
      new ec2.CfnTransitGatewayRoute(two.stack, 'MutToCrossAccount', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(two.network, 'SecurityCloudMembership/RouteTable').ref,
        destinationCidrBlock: CROSS_ACCOUNT_MEMBER.internetCidr,
        transitGatewayAttachmentId: CROSS_ACCOUNT_MEMBER.attachmentId,
      });
      const toHub = l1<ec2.CfnRoute>(two.network, 'Internet/Route-workload-1-ac1e0000p20');
      new ec2.CfnRoute(two.stack, 'MutToCrossAccountVpc', { routeTableId: toHub.routeTableId, destinationCidrBlock: CROSS_ACCOUNT_MEMBER.internetCidr, transitGatewayId: toHub.transitGatewayId });
    },
  },
  {
    // The hub's own subnets are the security cloud (SECURITY_CLOUD): a path from them into a member's My Number segment is
    // one from the internet side, as from a security cloud behind a VPN.
    name: 'MN-1: member 1\'s My Number VPC attached to the hub transit gateway, and the hub\'s table routing its block there',
    rule: 'MN-1',
    apply(p) {
      const one = p.members[0];
      const myNumber = one.network.myNumber;
      const attachment = attachToHub(p, myNumber);
      new ec2.CfnTransitGatewayRoute(one.stack, 'MutHubRoute', {
        transitGatewayRouteTableId: hubL1<ec2.CfnTransitGatewayRouteTable>(p, 'HubRouteTable').ref, destinationCidrBlock: myNumber.vpcCidr, transitGatewayAttachmentId: attachment.ref,
      });
    },
  },
  {
    // And the other way: an LGWAN subnet reaching the hub's subnets reaches the internet side.
    name: 'LG-1: member 1\'s LGWAN VPC attached to the hub transit gateway, associated with its hub table, routing the hub\'s block there',
    rule: 'LG-1',
    apply(p) {
      const one = p.members[0];
      const lgwan = one.network.lgwan;
      const attachment = attachToHub(p, lgwan);
      const toHub = attachment.transitGatewayId;
      new ec2.CfnTransitGatewayRouteTableAssociation(one.stack, 'MutHubAssociation', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(one.network, 'SecurityCloudMembership/RouteTable').ref, transitGatewayAttachmentId: attachment.ref,
      });
      new ec2.CfnRoute(one.stack, 'MutToHub', {
        routeTableId: l1<ec2.CfnRouteTable>(lgwan, 'RouteTable-workload-1').ref, destinationCidrBlock: prefectureHub(REFERENCE_MEMBERS).cidr, transitGatewayId: toHub,
      }).addDependency(attachment);
    },
  },
  {
    name: 'SC-1: the hub proxy\'s squid.conf without the private-destination deny',
    rule: 'SC-1',
    apply(p) { editHubProxyScript(p, (script) => script.split('\n').filter((l) => l.trim() !== 'http_access deny private_dst').join('\n')); },
  },
  {
    name: 'SC-2: the α′ member\'s Internet VPC with its own internet gateway and a default route to it',
    rule: 'SC-2',
    apply(p) {
      const { stack, network } = p.members[1];
      const igw = attachIgw(stack, network.internet, 'Mut');
      new ec2.CfnRoute(stack, 'MutDefault', { routeTableId: table(network.internet, 'workload-1').ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    },
  },
  {
    // The NAT gateway's subnet routes to the internet gateway: what runs there leaves around the inspection firewall.
    name: 'SC-2: an instance placed in the hub\'s NAT gateway subnet',
    rule: 'SC-2',
    apply(p) {
      new ec2.CfnInstance(p.hubStack, 'MutHubInstance', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: hubL1<ec2.CfnSubnet>(p, 'Subnet-public-1').ref });
    },
  },
  {
    // SC-2 counts AP-4's IDS/IPS (the hub's 不正通信検知): the hub's protocol rules and blocked domains alone are a finding.
    name: 'SC-2: the hub\'s inspection firewall with only hand-written drop rules, no AWS managed threat group (the references taken out)',
    rule: 'SC-2',
    apply(p) { editHubManagedGroups(p, (refs) => refs.filter((r) => !String(r.resourceArn).includes(':aws-managed:'))); },
  },
  {
    name: 'SC-2: the hub\'s AWS managed threat groups overridden to alert (DROP_TO_ALERT)',
    rule: 'SC-2',
    apply(p) {
      editHubManagedGroups(p, (refs) => refs.map((r) => (String(r.resourceArn).includes(':aws-managed:') ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r)));
    },
  },
  {
    name: 'SC-3: the web ACL\'s association with the public web load balancer removed',
    rule: 'SC-3',
    apply(p) { hubL1(p, 'PublicWebAclAssociation').node.scope!.node.tryRemoveChild('PublicWebAclAssociation'); },
  },
  {
    name: 'SC-3: the managed SQL-injection rule set overridden to Count',
    rule: 'SC-3',
    apply(p) {
      // The L1 property itself: CloudFormation overrides do not index into arrays.
      const acl = hubL1<wafv2.CfnWebACL>(p, 'PublicWebAcl');
      const rules = p.hubStack.resolve(acl.rules) as wafv2.CfnWebACL.RuleProperty[];
      if (!rules.some((r) => r.name === 'AWSManagedRulesSQLiRuleSet')) throw new Error('test setup: no SQLi rule set');
      acl.rules = rules.map((r) => (r.name === 'AWSManagedRulesSQLiRuleSet' ? { ...r, overrideAction: { count: {} } } : r));
    },
  },
  {
    // A type the guard does not know may let the internet in (its service's own endpoint): SC-3 fails closed on it in the hub.
    name: 'SC-3: an AgentCore runtime (a type the guard does not know) in VPC mode in a public subnet of the hub',
    rule: 'SC-3',
    apply(p) {
      new CfnResource(p.hubStack, 'MutAgentRuntime', {
        type: 'AWS::BedrockAgentCore::Runtime',
        properties: {
          AgentRuntimeName: 'mut',
          RoleArn: 'arn:aws:iam::111122223333:role/agent',
          AgentRuntimeArtifact: { ContainerConfiguration: { ContainerUri: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/agent:1' } },
          NetworkConfiguration: { NetworkMode: 'VPC', NetworkModeConfig: { Subnets: [hubL1<ec2.CfnSubnet>(p, 'Subnet-public-1').ref], SecurityGroups: [] } },
        },
      });
    },
  },
  {
    name: 'SC-4: the α member\'s Internet flow log sent to a bucket of its own',
    rule: 'SC-4',
    apply(p) { l1<ec2.CfnFlowLog>(p.members[0].network, 'Internet/FlowLog').addPropertyOverride('LogDestination', 'arn:aws:s3:::sample-town-001-own-logs'); },
  },
  {
    // The SIEM's members/<code>/ keeps each member's logs apart: member 990001's flow log under 990002's mixes them.
    name: 'SC-4: the α member\'s Internet flow log moved under the next member\'s prefix in the SIEM',
    rule: 'SC-4',
    apply(p) {
      const log = l1<ec2.CfnFlowLog>(p.members[0].network, 'Internet/FlowLog');
      if (!log.logDestination?.includes('/members/990001/')) throw new Error('test setup: the flow log is not under members/990001/');
      log.logDestination = log.logDestination.replace('/members/990001/', '/members/990002/');
    },
  },
  {
    name: 'SC-4: the α member\'s Internet flow log records only accepted traffic',
    rule: 'SC-4',
    apply(p) { l1<ec2.CfnFlowLog>(p.members[0].network, 'Internet/FlowLog').trafficType = 'ACCEPT'; },
  },
  {
    // The α′ member (990002) runs the LGWAN breakout firewall; its logs under 990001's prefix mix the members' logs.
    name: 'SC-4: the α′ member\'s LGWAN firewall logs moved under the α member\'s prefix in the SIEM',
    rule: 'SC-4',
    apply(p) {
      const { stack, network } = p.members[1];
      const logging = l1<nfw.CfnLoggingConfiguration>(network, 'Lgwan/Firewall/Logging-1');
      const text = JSON.stringify(stack.resolve(logging.loggingConfiguration));
      if (!text.includes('"members/990002/')) throw new Error('test setup: the firewall logs are not under members/990002/');
      logging.loggingConfiguration = JSON.parse(text.split('"members/990002/').join('"members/990001/'));
    },
  },
  {
    // A second flow log beside the complete one, through a Firehose delivery stream of the member's own stack.
    name: 'SC-4: the α member\'s Internet VPC also logs through a Firehose stream that writes to the SIEM under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const { stack, network } = p.members[0];
      const stream = new firehose.CfnDeliveryStream(stack, 'MutStream', {
        deliveryStreamType: 'DirectPut',
        extendedS3DestinationConfiguration: {
          bucketArn: p.hub.siemBucketArn, roleArn: 'arn:aws:iam::123456789012:role/firehose', prefix: 'members/990002/flow/', errorOutputPrefix: 'members/990002/errors/',
        },
      });
      new ec2.CfnFlowLog(stack, 'MutStreamFlowLog', {
        resourceId: vpcOf(network.internet).ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 'kinesis-data-firehose', logDestination: stream.attrArn,
      });
    },
  },
  {
    // A stream's S3 backup copies every record: under the α′ member's prefix of the SIEM, it mixes the members' logs.
    name: 'SC-4: the α member\'s Internet VPC also logs through a Firehose stream under its own prefix, whose S3 backup copies every record under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const { stack, network } = p.members[0];
      const bucketArn = p.hub.siemBucketArn;
      const roleArn = 'arn:aws:iam::123456789012:role/firehose';
      const stream = new firehose.CfnDeliveryStream(stack, 'MutBackupStream', {
        deliveryStreamType: 'DirectPut',
        extendedS3DestinationConfiguration: {
          bucketArn,
          roleArn,
          prefix: 'members/990001/stream/',
          errorOutputPrefix: 'members/990001/stream-errors/',
          s3BackupMode: 'Enabled',
          s3BackupConfiguration: { bucketArn, roleArn, prefix: 'members/990002/backup/', errorOutputPrefix: 'members/990002/backup-errors/' },
        },
      });
      new ec2.CfnFlowLog(stack, 'MutBackupFlowLog', {
        resourceId: vpcOf(network.internet).ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 'kinesis-data-firehose', logDestination: stream.attrArn,
      });
    },
  },
  {
    // From another account a member's logs reach a hub stream through a CloudWatch Logs destination, named by its ARN.
    name: 'SC-4: the α member\'s Internet VPC also logs to a log group subscribed to the hub\'s CloudWatch Logs destination, whose stream writes under the α′ member\'s prefix',
    rule: 'SC-4',
    apply(p) {
      const stream = new firehose.CfnDeliveryStream(p.hubStack, 'MutCentralStream', {
        deliveryStreamType: 'DirectPut',
        extendedS3DestinationConfiguration: {
          bucketArn: p.hub.siemBucketArn, roleArn: 'arn:aws:iam::123456789012:role/firehose', prefix: 'members/990002/central/', errorOutputPrefix: 'members/990002/central-errors/',
        },
        tags: [{ key: 'jichitai:municipality', value: '990002' }],
      });
      new logs.CfnDestination(p.hubStack, 'MutDestination', {
        destinationName: 'member-990002-logs', targetArn: stream.attrArn, roleArn: 'arn:aws:iam::123456789012:role/logs-destination',
      });
      const { stack, network } = p.members[0];
      const group = new logs.CfnLogGroup(stack, 'MutCentralGroup', { logGroupName: '/mut/central', retentionInDays: 400 });
      new logs.CfnSubscriptionFilter(stack, 'MutCentralSubscription', {
        logGroupName: group.ref, filterPattern: '', destinationArn: 'arn:aws:logs:ap-northeast-1:123456789012:destination:member-990002-logs',
      });
      new ec2.CfnFlowLog(stack, 'MutCentralFlowLog', {
        resourceId: vpcOf(network.internet).ref,
        resourceType: 'VPC',
        trafficType: 'ALL',
        logDestinationType: 'cloud-watch-logs',
        logGroupName: group.ref,
        deliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow',
      });
    },
  },
  {
    // A misspelt hub function would leave the hub's inspection firewall unrecognised by the SC rules (label vocabulary).
    name: 'GUARD-1: the hub\'s inspection firewall labelled with a misspelt hub function (jichitai:hub-function = inspecton)',
    rule: 'GUARD-1',
    apply(p) { Tags.of(hubL1(p, 'Firewall-1')).add('jichitai:hub-function', 'inspecton', { priority: 1000 }); },
  },
];

runPrefectureMutations('CDK', PREFECTURE_MUTATIONS, () => buildCdkPrefecture(REFERENCE_MEMBERS, new App()), (p) => { p.app.synth(); });
