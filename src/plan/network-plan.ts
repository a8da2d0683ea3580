import { EndpointPolicyStatementPlan } from './endpoint-policy';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';
import { Protocol } from '../model/port';
import { Segment, Zone } from '../model/segment';

/**
 * The engine-neutral description of a municipal network, produced by `planNetwork` from a validated
 * blueprint. Renderers (CDK, CDKTF) translate it one to one and take no decisions of their own.
 * Every list is in a fixed order, so the same blueprint always gives the same plan.
 */
export interface NetworkPlan {
  readonly municipality: string;
  readonly model: NetworkModel;
  readonly alphaPrimeCase?: AlphaPrimeCase;
  readonly availabilityZones: string[];
  readonly segments: SegmentPlan[];
  readonly transitGateway: TransitGatewayPlan;
  readonly firewalls: FirewallPlan[];
  readonly logging: LoggingPlan;
  readonly trafficMirroring?: TrafficMirroringPlan;
  /** The tenant-restriction forward proxy (α′ cases イ/ウ), in the LGWAN segment. */
  readonly tenantProxy?: TenantProxyPlan;
  /**
   * The web proxy of the Internet segment's built-in egress (`InternetEgressMode.BUILT_IN`), standing in for the security
   * cloud's: the workload subnets browse through it, and only its subnets route to the stand-in firewall (IN-1).
   */
  readonly standInProxy?: StandInProxyPlan;
  /**
   * Membership of the prefecture security cloud hub (自治体情報セキュリティクラウド), when the blueprint joins one
   * (`internet.securityCloudHub`).
   */
  readonly securityCloudMembership?: SecurityCloudMembershipPlan;
  /** Tags to put on every resource (besides the segment tag). */
  readonly tags: Record<string, string>;
}

/** What a subnet is for. */
export enum SubnetRole {
  /**
   * Where the user's workloads go (terminals, servers). In α′ the LGWAN segment's workload subnets hold the servers and
   * every host the My Number segment talks to; they have no route to the local breakout (MN-4, AP-7).
   */
  WORKLOAD = 'workload',
  /**
   * α′ LGWAN only: the terminal pools (業務端末) and security-update clients that use the local breakout
   * (ローカルブレイクアウト). Only these subnets route to the breakout firewall and may use the proxy (AP-7).
   */
  TERMINALS = 'terminals',
  /** Interface VPC endpoints. */
  ENDPOINTS = 'endpoints',
  /** Transit gateway attachment ENIs. */
  TRANSIT = 'transit',
  /** Network Firewall endpoints. */
  FIREWALL = 'firewall',
  /** Tenant-restriction forward proxy (α′ LGWAN). */
  PROXY = 'proxy',
  /** Public subnets holding the NAT gateways, behind the firewall. */
  EGRESS = 'egress',
}

export interface SubnetPlan {
  /** Unique in the segment, e.g. `workload-1`; also the construct id suffix. */
  readonly key: string;
  readonly role: SubnetRole;
  readonly azIndex: number;
  readonly availabilityZone: string;
  readonly cidr: string;
  /** Key of the route table (in the same segment) the subnet is associated with. */
  readonly routeTable: string;
  /** Whether instances get public IPs on launch; always false (NATs use Elastic IPs). */
  readonly mapPublicIpOnLaunch: false;
}

/** Where a route sends traffic. */
export enum RouteTargetKind {
  TRANSIT_GATEWAY = 'transit-gateway',
  FIREWALL_ENDPOINT = 'firewall-endpoint',
  NAT_GATEWAY = 'nat-gateway',
  INTERNET_GATEWAY = 'internet-gateway',
  /** The prefecture security cloud hub's transit gateway (a member's Internet segment: the hub CIDR only). */
  SECURITY_CLOUD_HUB = 'security-cloud-hub',
}

export interface RoutePlan {
  readonly destination: string;
  readonly target: RouteTargetKind;
  /** AZ of the firewall endpoint or NAT gateway the route points at. */
  readonly azIndex?: number;
  /** Why the route exists (flow name, "LGWAN WAN", "α′ breakout"...), for reports. */
  readonly reason: string;
}

export interface RouteTablePlan {
  readonly key: string;
  readonly routes: RoutePlan[];
}

export interface NaclEntryPlan {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly protocol: Protocol | 'all';
  readonly cidr: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly action: 'allow' | 'deny';
}

export interface NetworkAclPlan {
  /** Subnet roles the NACL is associated with. */
  readonly subnetRoles: SubnetRole[];
  readonly entries: NaclEntryPlan[];
}

export interface SecurityGroupRulePlan {
  readonly cidr: string;
  readonly protocol: Protocol;
  readonly fromPort: number;
  readonly toPort: number;
  readonly description: string;
}

/** One security group per declared host in the segment: exactly the host's declared flows. */
export interface SecurityGroupPlan {
  readonly key: string;
  readonly hostName: string;
  readonly description: string;
  /** Tags that label the group with its host and role (`jichitai:host`, `jichitai:role`), read by the guard (PL-1). */
  readonly labels: Readonly<Record<string, string>>;
  readonly ingress: SecurityGroupRulePlan[];
  readonly egress: SecurityGroupRulePlan[];
}

export interface DnsFirewallRulePlan {
  readonly name: string;
  readonly priority: number;
  readonly action: 'ALLOW' | 'BLOCK';
  /** Domains in Route 53 Resolver DNS Firewall syntax (`*.example.com`, `*`). */
  readonly domains: string[];
}

export interface DnsFirewallPlan {
  readonly rules: DnsFirewallRulePlan[];
  /** Whether resolution fails open if the firewall is unavailable; false for closed segments. */
  readonly failOpen: boolean;
}

/**
 * Forwarding of a segment's name resolution to resolvers outside the VPC (the Internet segment to the security cloud's
 * DNS, IN-2): a Route 53 Resolver outbound endpoint, a FORWARD rule and its association with the VPC.
 */
export interface DnsForwardingPlan {
  /** The domain forwarded: `.` (every name). */
  readonly domainName: string;
  /** IPv4 addresses of the resolvers, in the blueprint's order (the order Resolver tries them). */
  readonly targets: string[];
  readonly port: number;
  /** Keys of the subnets holding the endpoint's addresses (the endpoint subnets, one per AZ). */
  readonly endpointSubnetKeys: string[];
}

export interface SegmentPlan {
  readonly segment: Segment;
  /** PascalCase label for construct ids (`MyNumber`). */
  readonly label: string;
  readonly vpcCidr: string;
  readonly subnets: SubnetPlan[];
  readonly routeTables: RouteTablePlan[];
  readonly internetGateway: boolean;
  /** AZ indexes that get a NAT gateway (in the AZ's egress subnet). */
  readonly natGatewayAzs: number[];
  /** Key of the firewall (in `NetworkPlan.firewalls`) whose endpoints sit in this VPC, if any. */
  readonly firewall?: string;
  /** Interface endpoint service short names (`ssm`...), in order. */
  readonly interfaceEndpoints: string[];
  /**
   * The endpoint policy of each interface endpoint that gets one (the My Number segment's: MN-5), by service short name;
   * the others keep AWS's default policy.
   */
  readonly endpointPolicies: Readonly<Record<string, EndpointPolicyStatementPlan[]>>;
  readonly securityGroups: SecurityGroupPlan[];
  readonly networkAcl?: NetworkAclPlan;
  readonly dnsFirewall: DnsFirewallPlan;
  /** Where the segment's names are resolved when not by the VPC resolver itself (INTERNET with the security cloud). */
  readonly dnsForwarding?: DnsForwardingPlan;
}

export enum AttachmentKind {
  VPC = 'vpc',
  VPN = 'vpn',
  EXISTING = 'existing',
  /** A VPC attachment of a segment to the prefecture security cloud hub's transit gateway (not the municipality's own). */
  HUB_VPC = 'hub-vpc',
}

export interface TransitAttachmentPlan {
  /** The zone on the other side: a segment or an external network. */
  readonly zone: Zone;
  readonly kind: AttachmentKind;
  readonly customerGatewayIp?: string;
  readonly customerGatewayAsn?: number;
  readonly attachmentId?: string;
  /** `HUB_VPC`: the hub's transit gateway (an ID or a token of the same app). */
  readonly transitGatewayId?: string;
}

/**
 * A member's side of the prefecture security cloud hub: the Internet segment's VPC attached to the hub's transit gateway
 * (routes: `hubCidr` only), and, in the same app, the member's own route table on the hub's transit gateway.
 */
export interface SecurityCloudMembershipPlan {
  /** Local government code (全国地方公共団体コード): the `jichitai:municipality` tag of every resource. */
  readonly localGovernmentCode: string;
  /** The segment attached to the hub (INTERNET). */
  readonly segment: Segment;
  /** The attachment: zone SECURITY_CLOUD, kind HUB_VPC, the hub's transit gateway. */
  readonly attachment: TransitAttachmentPlan;
  /** The hub VPC's CIDR: the only destination routed to the hub. */
  readonly hubCidr: string;
  /** The hub's DNS resolvers (the Internet segment's forwarding targets). */
  readonly dnsAddresses: string[];
  /** The hub's proxy `host:port`, for reports and the construct's attribute. */
  readonly proxyEndpoint?: string;
  /**
   * Same app: the hub table (the member propagates its attachment into it) and the hub VPC attachment (propagated into
   * the member's own table, which the member creates and associates with its attachment). Both or neither.
   */
  readonly hubRouteTableId?: string;
  readonly hubAttachmentId?: string;
}

export interface TransitRoutePlan {
  readonly destination: string;
  /** Zone of the attachment the route points at; undefined for a blackhole. */
  readonly targetZone?: Zone;
  readonly blackhole: boolean;
  readonly reason: string;
}

export interface TransitRouteTablePlan {
  /** The route table of this zone's attachment. */
  readonly zone: Zone;
  readonly routes: TransitRoutePlan[];
}

export interface TransitGatewayPlan {
  readonly amazonSideAsn: number;
  readonly attachments: TransitAttachmentPlan[];
  readonly routeTables: TransitRouteTablePlan[];
}

export interface StatefulRuleGroupPlan {
  /** Unique in the firewall. */
  readonly key: string;
  readonly priority: number;
  readonly capacity: number;
  readonly description: string;
  /** Suricata rules, one per line; or undefined for a domain list. */
  readonly rulesString?: string;
  readonly domainList?: {
    /** Network Firewall syntax (`.example.com` for subdomains). */
    readonly targets: string[];
    readonly targetTypes: ('TLS_SNI' | 'HTTP_HOST')[];
    readonly generatedRulesType: 'ALLOWLIST' | 'DENYLIST';
  };
  /** Rule variables: HOME_NET. */
  readonly homeNet: string[];
}

export interface FirewallPlan {
  readonly key: string;
  readonly segment: Segment;
  readonly description: string;
  readonly statelessDefaultActions: string[];
  readonly statelessFragmentDefaultActions: string[];
  readonly statefulDefaultActions: string[];
  readonly ruleGroups: StatefulRuleGroupPlan[];
  /**
   * AWS managed stateful rule groups by name (account `aws-managed`), with their priorities: the renderers build the ARN
   * in the deploying partition and region (`managedRuleGroupArn`). No override: they act as AWS wrote them.
   */
  readonly managedRuleGroups: { readonly name: string; readonly priority: number }[];
  readonly extraStatefulRuleGroupArns: string[];
}

export interface LoggingPlan {
  /** Existing bucket ARN; undefined means "create one". */
  readonly bucketArn?: string;
  /**
   * Key prefix of every log object (flow and firewall logs), ending in `/`: `members/<code>/` for a member of the
   * security cloud hub, whose logs go to the hub's SIEM sink; undefined for none.
   */
  readonly prefix?: string;
  readonly retentionDays: number;
  /** Whether the destination is a declared SIEM sink. */
  readonly siem: boolean;
}

export interface TrafficMirroringPlan {
  readonly target: string;
  readonly networkInterfaceIds: string[];
}

/** The boot script around the base64 encoding of the CA secret's ARN: the user data is `head + base64(ARN) + tail`. */
export interface BootScriptParts {
  readonly head: string;
  readonly tail: string;
}

/**
 * A web proxy fleet: Squid instances in an Auto Scaling group across the AZs' proxy subnets, behind an internal Network
 * Load Balancer in the same subnets (the α′ tenant-restriction proxy, the Internet segment's stand-in proxy).
 */
export interface ProxyFleetPlan {
  readonly segment: Segment;
  /** Keys of the proxy subnets (one per AZ): instances and load balancer. */
  readonly subnetKeys: string[];
  /** The port clients use, on the load balancer and the instances. */
  readonly port: number;
  /** Who may connect: the LGWAN segment's terminal subnets; the Internet segment's workload subnets. */
  readonly clientCidrs: string[];
  /** Where the load balancer's health checks come from: the proxy subnets. */
  readonly healthCheckCidrs: string[];
  /** TCP ports the instances may open toward the internet (through the firewall). */
  readonly egressTcpPorts: number[];
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Public SSM parameter naming the current Amazon Linux 2023 AMI, resolved at deploy time. */
  readonly imageParameter: string;
  /** The generated squid.conf (also embedded in the boot script). */
  readonly squidConfig: string;
  /** Squid's access log, shipped by the CloudWatch agent to a log group the renderers create (LOG-1). */
  readonly accessLog: ProxyAccessLogPlan;
}

/**
 * The Internet segment's web proxy standing in for the security cloud's (`InternetEgressMode.BUILT_IN`): no TLS
 * interception, every private destination denied before anything is allowed (the hub proxy's squid.conf).
 */
export interface StandInProxyPlan extends ProxyFleetPlan {
  /** The instances' user data (bash), plain text: the engine base64-encodes it. No `${` or `%{` in it. */
  readonly userData: string;
}

/**
 * The tenant-restriction forward proxy (テナントアクセス制御) of the α′ breakout: Squid instances in an Auto
 * Scaling group across the AZs' proxy subnets, behind an internal Network Load Balancer in the same subnets.
 */
export interface TenantProxyPlan extends ProxyFleetPlan {
  /** Keys of the route tables that get the S3 gateway endpoint (package repositories). */
  readonly gatewayEndpointRouteTables: string[];
  /**
   * Case ウ: the ICAP sanitization service the instances reach (their security group allows exactly this address and
   * port, and the sanitizer's host security group admits the proxy subnets on it).
   */
  readonly sanitizationService?: { readonly cidr: string; readonly port: number; readonly hostName: string };
  readonly caSecretArn: string;
  readonly caSecretKmsKeyArn?: string;
  /** S3 bucket of Amazon Linux 2023's package repositories, with `{region}` for the renderer to fill in. */
  readonly packageRepositoryBucket: string;
  /**
   * The instances' user data: installs Squid, fetches the CA, writes squid.conf, starts the service. With a literal
   * `caSecretArn` this is the user data itself; with a reference the ARN's slot is empty (the script would stop at its
   * ARN check), and renderers build the user data from `bootScriptParts`.
   */
  readonly bootScript: string;
  /**
   * The boot script around the base64 encoding of `caSecretArn`: the user data is `head + base64(caSecretArn) + tail`,
   * the engine encoding a reference at deploy time (CloudFormation `Fn::Base64`, Terraform `base64encode`).
   */
  readonly bootScriptParts: BootScriptParts;
}

/** Where the proxy's access log goes: a CloudWatch Logs group, written by the agent the boot script configures. */
export interface ProxyAccessLogPlan {
  /** The file on the instance. */
  readonly path: string;
  readonly logGroupName: string;
  /** CloudWatch Logs retention in days (an accepted value); undefined keeps the log forever. */
  readonly retentionDays?: number;
}
