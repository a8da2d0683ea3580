import { oncePer } from './memo';
import { isExpression } from './unreadable';
import { SECURITY_CLOUD_MEMBER_ZONE } from '../model/security-cloud';
import { Segment } from '../model/segment';

/**
 * The engine-neutral topology the guard reasons over, extracted from what was actually synthesized
 * (CloudFormation JSON or Terraform JSON), never from our own plan. Every node carries the id it has in
 * its engine (CloudFormation logical ID, Terraform address) and, where known, the construct path.
 *
 * References are resolved to node ids; a reference the extractor cannot follow is kept as
 * `{ kind: 'unresolved' }` and listed in `unresolved`, so that rules can fail closed.
 */
export interface TopologyGraph {
  readonly engine: 'cloudformation' | 'terraform';
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly unresolved: readonly UnresolvedValue[];
  /**
   * The bridges (bridges.ts) that let the internet into a VPC other than through a load balancer SC-3 reads — a
   * CloudFront VPC origin, Global Accelerator, an API Gateway VPC link, an EC2 Instance Connect Endpoint, Client VPN, a
   * function URL or an API invoking a function in the VPC, a public IP address... (bridges.ts `internetIngress`) —
   * wherever they attach: GUARD-1 reports those it cannot place or that reach the My Number or LGWAN segment, SC-3 those
   * in the security cloud's hub and members. None when the output holds none.
   */
  readonly ingress?: readonly IngressBridge[];
}

/** A resource that lets the internet into a VPC beside the routes (`TopologyGraph.ingress`): what it attaches to. */
export interface IngressBridge {
  /** The resource's logical ID or address (no graph node). */
  readonly node: string;
  readonly type: string;
  /** What it connects with, when not its type's (bridges.ts `PendingBridge`). */
  readonly bridged?: string;
  /** Its construct path, when the output records it. */
  readonly path?: string;
  /** What it attaches to: a load balancer, a subnet or a VPC of the output, or what the guard cannot place. */
  readonly attachments: readonly { readonly property: string; readonly ref: Ref; readonly networkInterface?: boolean }[];
}

/** A value the extractor could not resolve: where it was and why. */
export interface UnresolvedValue {
  readonly node: string;
  readonly property: string;
  readonly reason: string;
  /** How to make it resolvable, when it is not the usual "refer to a resource of the same app". */
  readonly fix?: string;
  /**
   * The rule that judges it, when not GUARD-1 (critical, never acknowledged): SEG-1 for a traffic mirror session, whose
   * copy the guard cannot place but which the IDS hook needs — an error a reason can acknowledge (naming the IDS); GUARD-2
   * for an occupant of a resource type the guard does not know (bridges.ts `unknownOccupants`), which a reason citing
   * AWS's documentation of the type can acknowledge; IN-1 for a Cloud WAN VPC attachment of the Internet segment
   * (bridges.ts `cloudWanInInternet`), a way out around the security cloud that a reason naming the core network policy's
   * segment can acknowledge.
   * @default GUARD-1
   */
  readonly rule?: 'SEG-1' | 'GUARD-2' | 'IN-1';
  /** The construct path of `node` when it is no graph node (a bridge resource), for the finding's location. */
  readonly path?: string;
}

/** Where a reference points: a node of the graph, a literal id from outside the template, or nothing we can tell. */
export type Ref =
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'external'; readonly value: string }
  | { readonly kind: 'unresolved'; readonly expression: string };

export interface NodeBase {
  /** CloudFormation logical ID, or Terraform address (`aws_vpc.name`). */
  readonly id: string;
  /** The construct path, when the synthesized output records it. */
  readonly path?: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface VpcNode extends NodeBase {
  readonly type: 'vpc';
  /** The primary IPv4 block, when it is a literal. */
  readonly cidr?: string;
  /**
   * Every address block of the VPC (docs/guard-semantics.md §3): the primary one, secondary IPv4 blocks, IPv6 blocks.
   * An Amazon-provided IPv6 block is given a symbolic block of its own (listed in `symbolicIpv6` too). Filled in by
   * the graph builder.
   */
  readonly cidrs: string[];
  /** The symbolic stand-ins of Amazon-provided IPv6 blocks (known only after deployment). */
  readonly symbolicIpv6: string[];
  /**
   * A block of the VPC the guard cannot read (a parameter, an IPAM pool: GUARD-1): where its subnets outside the output
   * lie is unknown, so whatever reaches them counts as reaching one whole (docs/guard-semantics.md §2, §10). Set by the
   * graph builder.
   */
  readonly unreadBlock?: boolean;
  /** From the `jichitai:segment` tag, if present and valid. */
  readonly segment?: Segment;
  /** Route tables made the VPC's main table (Terraform `aws_main_route_table_association`). */
  readonly mainRouteTables: Ref[];
  /**
   * The prefecture security cloud's hub VPC (tag `jichitai:security-cloud` = `hub`): no segment of any municipality, so it
   * carries no segment label; the SC rules judge it. Set by the graph builder from the tags.
   */
  readonly hub?: boolean;
  /** The member municipality's local government code (tag `jichitai:municipality`), when tagged. Set by the graph builder. */
  readonly municipality?: string;
  /**
   * DNS support is off (`EnableDnsSupport` / `enable_dns_support` literally false): the VPC's Amazon-provided resolver
   * answers nothing. Anything else, a value the guard cannot read included, leaves it on (AWS's default).
   * https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html
   */
  readonly dnsSupportOff?: boolean;
}

export interface SubnetNode extends NodeBase {
  readonly type: 'subnet';
  readonly vpc: Ref;
  /** The IPv4 block, when it is a literal. */
  readonly cidr?: string;
  /** The IPv6 block, when it is a literal. */
  readonly ipv6Cidr?: string;
  /**
   * The subnet has an IPv6 block the guard cannot read (carved from an Amazon-provided block with `Fn::Cidr` /
   * `cidrsubnet`): it is taken to hold any IPv6 address of its VPC (over-approximation).
   */
  readonly ipv6FromVpc?: boolean;
  readonly availabilityZone?: string;
  readonly mapPublicIpOnLaunch: boolean;
  /**
   * Set when an Outpost connects its instances to the on-premises network beside the VPC's routes: the property that
   * does (`EnableLniAtDeviceIndex`, a local network interface on the site's LAN; `MapCustomerOwnedIpOnLaunch`, addresses of
   * the customer-owned pool, reached through the site's network), set or unreadable.
   */
  readonly outpostLan?: string;
  readonly segment?: Segment;
  /**
   * Stands for the subnets of its VPC that the output does not hold (created elsewhere, later or by hand): without an
   * association of their own they use the VPC's main route table and default network ACL, and they hold (and send from)
   * the VPC's addresses that no subnet of the output holds. The graph builder adds one where the main route table
   * routes somewhere other than inside the VPC, or the VPC has addresses no subnet of the output holds (what another
   * VPC routes there arrives there; docs/guard-semantics.md §2), or a block the guard cannot read. Its addresses are
   * known (the VPC's blocks less the output's subnets' blocks): the whole-subnet tests of specific communication read
   * any smallest subnet AWS allows among them as one it may be (§10).
   */
  readonly outside?: boolean;
}

/** What a VPC route sends traffic to. */
export enum RouteTarget {
  INTERNET_GATEWAY = 'internet-gateway',
  EGRESS_ONLY_INTERNET_GATEWAY = 'egress-only-internet-gateway',
  VPN_GATEWAY = 'vpn-gateway',
  NAT_GATEWAY = 'nat-gateway',
  TRANSIT_GATEWAY = 'transit-gateway',
  FIREWALL_ENDPOINT = 'firewall-endpoint',
  VPC_ENDPOINT = 'vpc-endpoint',
  VPC_PEERING = 'vpc-peering',
  NETWORK_INTERFACE = 'network-interface',
  INSTANCE = 'instance',
  LOCAL = 'local',
  /** What a VPC Route Server propagates from its BGP peers (appliances' network interfaces): any prefix, where the guard cannot follow. */
  ROUTE_SERVER = 'route-server',
  UNKNOWN = 'unknown',
}

export interface RouteEdge {
  /** Id of the route's own node (a separate route resource) or of its table (inline route). */
  readonly source: string;
  readonly destination: string;
  readonly target: RouteTarget;
  readonly ref: Ref;
  /**
   * Route propagation from a VPN gateway (`ref`): whatever prefixes the gateway learns, which no template holds, so a
   * route to it for every destination outside the table's VPC (docs/guard-semantics.md §4); `destination` only names it.
   */
  readonly propagated?: boolean;
  /**
   * The prefix list an entry's route comes from (its node id), when the route is one entry of a list the output holds:
   * AWS prefers a static route of the same length to it (FLOW-1, docs/guard-semantics.md §10).
   */
  readonly prefixList?: string;
}

/**
 * The destination text of a propagated route (a VPN gateway's learned prefixes, a route server's peers' routes):
 * `any prefix (propagated from vgw)`, `any prefix (propagated from route server rs)`.
 */
export function propagatedDestination(source: string): string {
  return `any prefix (propagated from ${source})`;
}

export interface RouteTableNode extends NodeBase {
  readonly type: 'route-table';
  readonly vpc: Ref;
  /** The VPC's own main route table (`<vpc>#main-route-table`), which subnets without an association use. */
  readonly main?: boolean;
  readonly routes: RouteEdge[];
  /** Subnet node ids associated with the table. */
  readonly subnets: string[];
  /** Gateway endpoints (S3/DynamoDB) that add prefix-list routes to this table. */
  readonly gatewayEndpoints: string[];
}

export interface InternetGatewayNode extends NodeBase {
  readonly type: 'internet-gateway';
  /** VPCs it is attached to. */
  readonly vpcs: Ref[];
}

export interface EgressOnlyInternetGatewayNode extends NodeBase {
  readonly type: 'egress-only-internet-gateway';
  readonly vpcs: Ref[];
}

export interface NatGatewayNode extends NodeBase {
  readonly type: 'nat-gateway';
  readonly subnet: Ref;
  /** A public NAT (with an Elastic IP) reaches the internet; a private one does not. */
  readonly public: boolean;
}

export interface FirewallNode extends NodeBase {
  readonly type: 'firewall';
  readonly vpc: Ref;
  readonly subnets: Ref[];
  readonly policy: Ref;
}

export interface FirewallPolicyNode extends NodeBase {
  readonly type: 'firewall-policy';
  /**
   * What the stateless engine does with a packet no stateless rule matched (`StatelessDefaultActions`), and with a UDP
   * fragment (`StatelessFragmentDefaultActions`): only `aws:forward_to_sfe` hands it to the stateful rules. An element
   * given by an expression is kept as its expression text (`{expr}`), so that it is never read as a known action.
   * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_FirewallPolicy.html
   */
  readonly statelessDefaultActions: string[];
  readonly statelessFragmentDefaultActions: string[];
  /** The stateless rule groups (`StatelessRuleGroupReferences`): they run on every packet before the stateful engine. */
  readonly statelessRuleGroups: Ref[];
  readonly statefulDefaultActions: string[];
  readonly ruleGroups: Ref[];
  /**
   * How the stateful engine orders the rule groups (`StatefulEngineOptions.RuleOrder`): `STRICT_ORDER` (by priority, the
   * first `pass` or `drop` ends a flow's evaluation), `DEFAULT_ACTION_ORDER` (AWS's default when none is given: every
   * `pass` rule before any `drop`), or `unknown` when the value cannot be read.
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html
   */
  readonly ruleOrder: 'STRICT_ORDER' | 'DEFAULT_ACTION_ORDER' | 'unknown';
  /**
   * What the stateful engine does with a connection that broke midstream (`StatefulEngineOptions.StreamExceptionPolicy`):
   * `DROP` (AWS's default when none is given) and `REJECT` drop what follows; `CONTINUE` applies the rules to it without
   * the connection's context, so that rules depending on it (an application-layer allow-list, IPS signatures,
   * `aws:drop_established`) no longer match; `unknown` when the value cannot be read.
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stream-exception-policy.html
   */
  readonly streamExceptionPolicy: 'DROP' | 'REJECT' | 'CONTINUE' | 'unknown';
  /**
   * The policy's `HOME_NET` (`PolicyVariables.RuleVariables`), `unknown` when unreadable, absent when not given: then
   * "Network Firewall by default uses the CIDR of your inspection VPC".
   * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_PolicyVariables.html
   */
  readonly homeNet?: readonly string[] | 'unknown';
  /** The `Priority` of each entry of `ruleGroups`, in the same order; undefined where it is absent or cannot be read. */
  readonly ruleGroupPriorities: (number | undefined)[];
  /**
   * The `Override.Action` of each entry of `ruleGroups`, in the same order (`DROP_TO_ALERT`: the group's drops only alert;
   * an expression is kept as its text); undefined where the reference has none.
   * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_StatefulRuleGroupOverride.html
   */
  readonly ruleGroupOverrides: (string | undefined)[];
}

/**
 * A stateless rule (`StatelessRulesAndCustomActions.StatelessRules`): its actions (one standard action, `aws:pass`,
 * `aws:drop` or `aws:forward_to_sfe`, and custom action names; an element given by an expression kept as its text) and
 * its match attributes in words. https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RuleDefinition.html
 */
export interface StatelessRule {
  readonly priority?: number;
  readonly actions: string[];
  readonly match: StatelessMatch;
}

/** A stateless rule's match attributes, as both engines' readers give them (values as written); an empty list matches everything. */
export interface StatelessMatch {
  readonly protocols: string[];
  readonly sources: string[];
  readonly destinations: string[];
  /** `443`, `1024-65535`. */
  readonly destinationPorts: string[];
  /** As `destinationPorts`, for the source ports. */
  readonly sourcePorts: string[];
  /** The TCP flag conditions, `flags/masks` as written (`SYN/SYN,ACK`): a rule with one matches only some packets of a connection. */
  readonly tcpFlags: string[];
}

/** `StatelessMatch` from the readers' raw values. */
export function statelessMatch(m: {
  protocols: unknown[];
  sources: unknown[];
  destinations: unknown[];
  destinationPorts: [unknown, unknown][];
  sourcePorts: [unknown, unknown][];
  tcpFlags: [unknown, unknown][];
}): StatelessMatch {
  const show = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));
  const list = (v: unknown) => (Array.isArray(v) ? v.map(show).join(',') : v === undefined || v === null ? '' : show(v));
  const range = ([a, b]: [unknown, unknown]) => (show(a) === show(b) ? show(a) : `${show(a)}-${show(b)}`);
  return {
    protocols: m.protocols.map(show),
    sources: m.sources.map(show),
    destinations: m.destinations.map(show),
    destinationPorts: m.destinationPorts.map(range),
    sourcePorts: m.sourcePorts.map(range),
    tcpFlags: m.tcpFlags.map(([flags, masks]) => `${list(flags)}/${list(masks)}`),
  };
}

export interface RuleGroupNode extends NodeBase {
  readonly type: 'rule-group';
  readonly domainList?: { readonly targets: string[]; readonly targetTypes: string[]; readonly generatedRulesType: string };
  readonly rulesString?: string;
  /** The stateless rules, when the group's rules source is `StatelessRulesAndCustomActions`. */
  readonly statelessRules?: StatelessRule[];
  /**
   * The group's own `HOME_NET` and `EXTERNAL_NET` IP sets (`RuleVariables.IPSets`): their definitions, `unknown` when the
   * guard cannot read them (an expression, an element that is not text), absent when the group does not define them.
   */
  readonly ipSets: { readonly HOME_NET?: readonly string[] | 'unknown'; readonly EXTERNAL_NET?: readonly string[] | 'unknown' };
}

export interface FirewallLoggingNode extends NodeBase {
  readonly type: 'firewall-logging';
  readonly firewall: Ref;
  /**
   * `destination`: the bucket / log group / stream, rendered (`{s3-bucket}` for a bucket of the same template); `sink`:
   * what it names (a bucket node, or the literal name / ARN; SC-4 matches it with the hub's SIEM bucket).
   */
  readonly destinations: {
    readonly logType: string;
    readonly destinationType: string;
    readonly destination?: string;
    readonly sink?: Ref;
    /** The key prefix of an S3 destination (`LogDestination.prefix`), rendered; undefined when none is given (LOG-1). */
    readonly prefix?: string;
    /**
     * The same prefix as written (`''` when none is given: the bucket's root); undefined when the guard cannot read it (an
     * expression). SC-4 asks a member's logs to go under its own `members/<code>/`.
     */
    readonly keyPrefix?: string;
  }[];
}

export interface TransitGatewayNode extends NodeBase {
  readonly type: 'transit-gateway';
  readonly defaultRouteTableAssociation: boolean;
  readonly defaultRouteTablePropagation: boolean;
  /** The table named as default association table, if the template names one (else `<tgw>#default-route-table`). */
  readonly associationDefaultRouteTable?: Ref;
  /** The table named as default propagation table, if the template names one (else `<tgw>#default-route-table`). */
  readonly propagationDefaultRouteTable?: Ref;
}

/** A virtual private gateway (VPN gateway): where it leads is its `jichitai:zone` tag, or its VPN connections'. */
export interface VpnGatewayNode extends NodeBase {
  readonly type: 'vpn-gateway';
  readonly vpcs: Ref[];
  /** Zone tags of the gateway and of the VPN connections on it. */
  readonly zones: string[];
  /** Whether the gateway carries a `jichitai:zone` tag of its own (not only its VPN connections'). */
  readonly tagged: boolean;
  /**
   * The Direct Connect resources that join the gateway (gateway associations, private virtual interfaces): its VPN
   * connections' tags cannot vouch for where they lead, so with any only the gateway's own tag labels it.
   */
  readonly directConnect: string[];
  /** A gateway outside the output (a literal id): what else is on it is unknown, so its VPN connections' tags cannot label it. */
  readonly outside?: boolean;
  /** Route tables associated with the gateway (edge associations): they route what enters through it (ingress routing). */
  readonly ingressTables: string[];
}

/** The external zones a `jichitai:zone` label can name (semantics §5): where a VPN gateway or attachment leads. */
export const ZONES: ReadonlySet<string> = new Set(['LGWAN_WAN', 'SECURITY_CLOUD', SECURITY_CLOUD_MEMBER_ZONE]);

/**
 * The one known zone a VPN gateway leads to, or undefined when its labels name none, several or an unknown one, or when
 * Direct Connect joins a gateway that only its VPN connections label.
 */
export function gatewayZone(g: VpnGatewayNode): string | undefined {
  if (!g.tagged && (g.directConnect.length > 0 || g.outside === true)) return undefined;
  const zones = [...new Set(g.zones)];
  return zones.length === 1 && ZONES.has(zones[0]) ? zones[0] : undefined;
}

export interface TransitAttachmentNode extends NodeBase {
  readonly type: 'transit-attachment';
  /** `direct-connect`: a Direct Connect gateway associated with the transit gateway (the on-premises networks behind it). */
  readonly kind: 'vpc' | 'vpn' | 'peering' | 'direct-connect';
  readonly transitGateway: Ref;
  /**
   * The gateway is known only after apply (a Terraform accepter's computed `transit_gateway_id`): it is one of this
   * account's gateways, so the guard takes it to be any transit gateway of the output (semantics §5).
   */
  readonly gatewayUnknown?: boolean;
  /**
   * A stand-in for the attachments other accounts make on a gateway the output shares (an AWS RAM share naming it, or
   * `AutoAcceptSharedAttachments` on): what names the sharing. Such attachments join the gateway's default tables.
   */
  readonly sharedBy?: string;
  readonly vpc?: Ref;
  readonly subnets: Ref[];
  /** For a VPN: the `jichitai:zone` tag of the VPN connection. */
  readonly zone?: string;
  /** Terraform's per-attachment switches (`transit_gateway_default_route_table_association` / `_propagation`); unset = on. */
  readonly defaultAssociation?: boolean;
  readonly defaultPropagation?: boolean;
  /**
   * Appliance mode is on (`ApplianceModeSupport` / `appliance_mode_support` = `enable`, a literal): the transit gateway
   * sends both directions of a flow into the VPC through one network interface (one subnet's AZ) for the flow's life,
   * which keeps a stateful firewall behind it on both directions (FLOW-1). Unset: off, or a value the guard cannot read.
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html
   */
  readonly applianceMode?: boolean;
}

export interface TransitRouteTableNode extends NodeBase {
  readonly type: 'transit-route-table';
  /** The gateway's implicit default route table (`<tgw>#default-route-table`). */
  readonly default?: boolean;
  readonly transitGateway: Ref;
  readonly associations: Ref[];
  readonly propagations: Ref[];
  readonly routes: TransitRoute[];
}

/** A transit gateway route; `prefixList`: the list an entry's route comes from (a reference to a list the output holds), as a VPC route's. */
export interface TransitRoute {
  readonly source: string;
  readonly destination: string;
  readonly blackhole: boolean;
  readonly attachment?: Ref;
  readonly prefixList?: string;
}

/**
 * A Cloud WAN core network's peering with a transit gateway (`AWS::NetworkManager::TransitGatewayPeering`,
 * `aws_networkmanager_transit_gateway_peering`), read only to name it: the transit gateway peering attachment it makes
 * (`TransitGatewayPeeringAttachmentId`) is no attachment the guard models. What a transit route table associates it with
 * lets in whatever the core network carries (an unplaced entry, docs/guard-semantics.md §5); a route or propagation to it
 * leads where the guard cannot follow.
 */
export interface CloudWanPeeringNode extends NodeBase {
  readonly type: 'cloud-wan-peering';
  /** The core network (`CoreNetworkId` / `core_network_id`), for its name only. */
  readonly coreNetwork: Ref;
}

export interface PeeringNode extends NodeBase {
  readonly type: 'vpc-peering';
  readonly vpc: Ref;
  readonly peerVpc: Ref;
}

export interface VpcEndpointNode extends NodeBase {
  readonly type: 'vpc-endpoint';
  readonly vpc: Ref;
  readonly endpointType: string;
  readonly serviceName: string;
  readonly routeTables: Ref[];
  readonly subnets: Ref[];
  /** The endpoint policy (MN-5); undefined when none is given (AWS then attaches its full-access default policy). */
  readonly policy?: EndpointPolicy;
}

/**
 * An endpoint policy as read from the output: the document with every reference rendered as text (`{accountid}` for the
 * deploying account: CloudFormation `AWS::AccountId`, Terraform `aws_caller_identity` / a transit gateway's `owner_id`;
 * `{region}`, `{partition}`; `{…}` for anything else), or why it could not be read.
 */
export type EndpointPolicy =
  | { readonly kind: 'document'; readonly document: unknown }
  | { readonly kind: 'unreadable'; readonly reason: string };

export interface DnsDomainListNode extends NodeBase {
  readonly type: 'dns-domain-list';
  readonly domains: string[];
  /** The list is (also) imported from a file in S3 (`DomainFileUrl`): its domains are not in the output. */
  readonly imported?: boolean;
}

/** A DNS Firewall rule: `qtype` is the query type it is limited to (`Qtype` / `q_type`, as written), undefined for every type. */
export interface DnsFirewallRule {
  readonly priority: number;
  readonly action: string;
  readonly domainList: Ref;
  readonly qtype?: string;
}

export interface DnsRuleGroupNode extends NodeBase {
  readonly type: 'dns-rule-group';
  readonly rules: DnsFirewallRule[];
}

/** A DNS Firewall rule group's association with a VPC; `priority` orders the VPC's groups (lowest first), NaN when unreadable. */
export interface DnsAssociationNode extends NodeBase {
  readonly type: 'dns-association';
  readonly vpc: Ref;
  readonly ruleGroup: Ref;
  readonly priority: number;
}

/**
 * Whether a VPC's DNS Firewall fails open (`AWS::Route53Resolver::FirewallConfig`, `aws_route53_resolver_firewall_config`):
 * `failOpen` is undefined when the value cannot be read.
 */
export interface DnsFirewallConfigNode extends NodeBase {
  readonly type: 'dns-firewall-config';
  readonly vpc: Ref;
  readonly failOpen?: boolean;
}

/** A Route 53 Resolver endpoint: `OUTBOUND` ones carry forwarded queries from the subnets of their addresses. */
export interface ResolverEndpointNode extends NodeBase {
  readonly type: 'resolver-endpoint';
  readonly direction: string;
  readonly subnets: Ref[];
}

/** A Route 53 Resolver rule; `ip` of a target is undefined when it is not a literal address. */
export interface ResolverRuleNode extends NodeBase {
  readonly type: 'resolver-rule';
  /** As written (`FORWARD`, `SYSTEM`, `DELEGATE`, `RECURSIVE`), undefined when it is not a literal (`resolverRuleKind`). */
  readonly ruleType?: string;
  /** The domain as written (`.` for every name), undefined when it is not a literal. */
  readonly domainName?: string;
  /** A DELEGATE rule's delegation record (CloudFormation `DelegationRecord`), when it is a literal. */
  readonly delegationRecord?: string;
  readonly targets: { readonly ip?: string; readonly port: number }[];
  readonly endpoint?: Ref;
}

/**
 * How a resolver rule resolves its domain: `forward` (FORWARD, DELEGATE) sends the queries through its outbound endpoint
 * to its targets; `system` (a literal SYSTEM naming no endpoint) leaves them to the VPC's own Amazon-provided resolver;
 * undefined when the guard cannot tell (a type that is not a literal, RECURSIVE — only Resolver makes those — or a type
 * AWS does not document, or a SYSTEM rule that names an endpoint), which counts as neither (fail closed).
 * https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverRule.html
 */
export function resolverRuleKind(rule: ResolverRuleNode): 'forward' | 'system' | undefined {
  if (rule.ruleType === 'FORWARD' || rule.ruleType === 'DELEGATE') return 'forward';
  return rule.ruleType === 'SYSTEM' && rule.endpoint === undefined ? 'system' : undefined;
}

/** A resolver rule's domain in words: its domain name, else (DELEGATE) its delegation record; undefined when neither is a literal. */
export function resolverRuleDomain(rule: ResolverRuleNode): string | undefined {
  return rule.domainName ?? rule.delegationRecord;
}

/** The DNS server of a DHCP option set that is the VPC's own (Amazon-provided) resolver. */
export const AMAZON_PROVIDED_DNS = 'AmazonProvidedDNS';

/**
 * A DHCP option set (`AWS::EC2::DHCPOptions`, `aws_vpc_dhcp_options`, `aws_default_vpc_dhcp_options`): the DNS servers
 * it gives the instances of the VPCs it is associated with, as written (`AmazonProvidedDNS` for the VPC's own resolver);
 * undefined when the guard cannot read them.
 */
export interface DhcpOptionsNode extends NodeBase {
  readonly type: 'dhcp-options';
  readonly dnsServers?: readonly string[];
}

/**
 * A DHCP option set's association with a VPC (`AWS::EC2::VPCDHCPOptionsAssociation`, `aws_vpc_dhcp_options_association`);
 * `options` is undefined for the literal `default` (no option set: EC2 AssociateDhcpOptions).
 */
export interface DhcpAssociationNode extends NodeBase {
  readonly type: 'dhcp-association';
  readonly vpc: Ref;
  readonly options?: Ref;
}

/** A Resolver rule in effect for a VPC. */
export interface ResolverRuleAssociationNode extends NodeBase {
  readonly type: 'resolver-rule-association';
  readonly rule: Ref;
  readonly vpc: Ref;
}

/** A CloudWatch Logs group; `name` is undefined when it is not a literal (a generated name cannot be matched). */
export interface LogGroupNode extends NodeBase {
  readonly type: 'log-group';
  readonly name?: string;
  /** Days its events are kept: undefined for ever (none given), `unknown` when the guard cannot read it (LOG-1). */
  readonly retentionDays?: number | 'unknown';
}

export interface FlowLogNode extends NodeBase {
  readonly type: 'flow-log';
  readonly resource: Ref;
  readonly trafficType: string;
  readonly destinationType: string;
  readonly destination?: string;
  /** What the destination names: a bucket (or log group) node, or the literal ARN (SC-4). Undefined when none is given. */
  readonly sink?: Ref;
  /**
   * The key path of an S3 destination after the bucket (`arn:aws:s3:::bucket/members/131016/` → `members/131016/`; `''` at
   * the bucket's root); undefined when the guard cannot read it (an expression) or the destination is not an S3 ARN (SC-4).
   */
  readonly keyPrefix?: string;
  /** The custom record format (`LogFormat`), as written; undefined for the default format or when it cannot be read. */
  readonly logFormat?: string;
  /** The expression of a custom record format the guard cannot read (SC-4 fails closed on it). */
  readonly logFormatUnread?: string;
}

/**
 * How a user-data text reads a part known only at deploy time that the engine encodes in base64 (CloudFormation
 * `Fn::Base64`, Terraform `base64encode`): whatever its value, base64 text, which cannot end a quoted shell word.
 */
export const BASE64_REFERENCE = '{base64-reference}';

/**
 * The boot script of a launch template or an instance, decoded to text. Parts the extractor cannot know at synth
 * time read `{reference}`, or `BASE64_REFERENCE` when the engine encodes them (a secret ARN given as a reference). The
 * guard reads proxy configurations from it (AP-3, AP-6).
 */
export interface UserDataNode extends NodeBase {
  readonly type: 'user-data';
  readonly resourceType: 'launch-template' | 'instance';
  readonly text: string;
  /**
   * The security groups of the instances it starts (launch template `SecurityGroupIds` and network interfaces' groups;
   * instance `SecurityGroupIds` / `SecurityGroups`); empty when none is named (the VPC's default group then applies).
   */
  readonly securityGroups: Ref[];
  /** Whether the groups come from somewhere the guard does not read (a network interface by id): unknown groups. */
  readonly otherInterfaces: boolean;
  /** For an instance: its subnets (`SubnetId`, network interfaces' subnets). Launch templates get theirs from Auto Scaling groups. */
  readonly subnets?: Ref[];
  /** The machine image it boots (`ImageId`, `image_id`, `ami`) as text, when it names one. */
  readonly image?: string;
}

/**
 * An Elastic Load Balancing v2 load balancer (network, application or gateway): in front of a forward proxy, it passes
 * on the clients its security groups admit (semantics §7, forward proxies).
 */
export interface LoadBalancerNode extends NodeBase {
  readonly type: 'load-balancer';
  readonly subnets: Ref[];
  /** Its security groups; none means it admits every client (a network load balancer without groups). */
  readonly securityGroups: Ref[];
  /** `internet-facing` (the default of both engines) or `internal`; `unknown` when the value cannot be read. */
  readonly scheme?: 'internet-facing' | 'internal' | 'unknown';
  /** `application`, `network` or `gateway` (`application` when not given). */
  readonly lbType?: string;
}

/** A listener of a load balancer (SC-3 reads where the internet may enter). `port` is undefined when it is not a literal. */
export interface ListenerNode extends NodeBase {
  readonly type: 'lb-listener';
  readonly loadBalancer: Ref;
  readonly protocol?: string;
  readonly port?: number;
}

/** An Auto Scaling group: the subnets the instances of its launch template run in (where a proxy sits). */
export interface AutoScalingGroupNode extends NodeBase {
  readonly type: 'auto-scaling-group';
  readonly launchTemplate: Ref;
  /** The launch templates its mixed-instances overrides name besides: its instances may boot from them too. */
  readonly overrides: Ref[];
  /**
   * Whether its instances boot the data the output shows: every launch template it names at its latest version (the
   * template's own latest-version attribute, `$Latest`, a Terraform template that updates its default version), or a
   * launch configuration (replaced, never versioned). A version pinned otherwise boots data of an earlier deployment.
   */
  readonly currentVersion: boolean;
  readonly subnets: Ref[];
}

/**
 * One rule of a WAFv2 web ACL as SC-3 judges it: the managed rule groups it runs (`AWS`'s by name), whether its statement
 * holds a `SqliMatchStatement` (outside a `NotStatement`), and whether it blocks (a rule's `Block` action, or a managed
 * group's `None` override with no rule action overridden; `Count` only counts).
 */
export interface WafRule {
  readonly name: string;
  readonly managedRuleGroups: string[];
  readonly sqliMatch: boolean;
  readonly blocks: boolean;
  /** Its priority (rules run in ascending order), when the guard can read it. */
  readonly priority?: number;
  /** Whether it ends a matching request's evaluation by allowing it (its action Allow) or may (a rule group of the user's). */
  readonly mayAllow: boolean;
  /** Whether what detects SQL injection in it applies to every request: not narrowed by a scope-down statement or an AndStatement. */
  readonly everyRequest: boolean;
}

/** A WAFv2 web ACL (`AWS::WAFv2::WebACL`, `aws_wafv2_web_acl`). */
export interface WafWebAclNode extends NodeBase {
  readonly type: 'waf-web-acl';
  readonly scope: string;
  readonly rules: WafRule[];
}

/** A web ACL associated with a resource (a load balancer). */
export interface WafAssociationNode extends NodeBase {
  readonly type: 'waf-association';
  readonly webAcl: Ref;
  readonly resource: Ref;
}

/** A web ACL's logging configuration: where its logs go (a bucket, a delivery stream or a log group). */
export interface WafLoggingNode extends NodeBase {
  readonly type: 'waf-logging';
  readonly webAcl: Ref;
  readonly destinations: Ref[];
  /** Why its logging filter may drop requests (`log-delivery.ts`): then not every request reaches the destinations. */
  readonly drops?: string;
}

/** An S3 bucket; `name` is undefined when it is not a literal. */
export interface BucketNode extends NodeBase {
  readonly type: 's3-bucket';
  readonly name?: string;
  /**
   * A name given by an expression (a substitution, a parameter, a variable, a prefix), as a regular expression its
   * deployed name matches (what the guard cannot read matches anything); undefined for a literal name, or none given
   * (the engine then generates one from the stack or `terraform-`, which no literal in the output can name).
   */
  readonly namePattern?: string;
  /**
   * The lifecycle rules the bucket resource itself gives (CloudFormation `LifecycleConfiguration`, Terraform's inline
   * `lifecycle_rule`): undefined when none, `unknown` when the guard cannot read them (LOG-1).
   */
  readonly lifecycle?: readonly BucketLifecycleRule[] | 'unknown';
}

/**
 * What LOG-1 reads of an S3 lifecycle rule: whether it is in effect, the keys it applies to, and when it expires current
 * objects. Transitions, non-current version expiration and expired delete markers delete no current object: not read.
 */
export interface BucketLifecycleRule {
  readonly id?: string;
  /** `Status` / `status` not `Disabled` (the inline rule's `enabled` not false): a value the guard cannot read is in effect. */
  readonly enabled: boolean;
  /**
   * The key prefix the rule filters on, rendered (`{…}` where not literal); undefined for every key, and for filters on
   * anything else (tags, object sizes), which the guard does not relate to the log objects.
   */
  readonly prefix?: string;
  /** Days after creation current objects expire; `unknown` when not a literal whole number. */
  readonly expirationDays?: number | 'unknown';
  /** The date current objects expire on, rendered. */
  readonly expirationDate?: string;
}

/** A bucket's lifecycle configuration given by a resource of its own (Terraform `aws_s3_bucket_lifecycle_configuration`). */
export interface BucketLifecycleNode extends NodeBase {
  readonly type: 's3-lifecycle';
  readonly bucket: Ref;
  readonly rules: readonly BucketLifecycleRule[] | 'unknown';
}

/** The regular expression of a name written as text with `{…}` marks where a value the guard cannot read goes. */
export function namePatternOf(text: string): string {
  return `^${text.split(/\{[^}]*\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('.*')}$`;
}

/** A Route 53 Resolver query logging configuration and where it delivers. */
export interface QueryLogConfigNode extends NodeBase {
  readonly type: 'query-log-config';
  readonly destination: Ref;
}

/** A query logging configuration in effect for a VPC. */
export interface QueryLogAssociationNode extends NodeBase {
  readonly type: 'query-log-association';
  readonly config: Ref;
  readonly vpc: Ref;
}

/**
 * A CloudWatch Logs subscription filter: `logGroup` is the group node, or its literal name (external); `filterPattern`
 * `''` ships every event; undefined when it cannot be read.
 */
export interface LogSubscriptionNode extends NodeBase {
  readonly type: 'log-subscription';
  readonly logGroup: Ref;
  readonly destination: Ref;
  readonly filterPattern?: string;
}

/**
 * A CloudWatch Logs destination (`AWS::Logs::Destination`, `aws_cloudwatch_log_destination`): what a subscription filter of
 * another account names to send its log group's events on to `target` (a Kinesis data stream or a Firehose delivery stream
 * of the destination's account). `name` is its literal name, by which another account's filter names it in an ARN.
 */
export interface LogDestinationNode extends NodeBase {
  readonly type: 'log-destination';
  readonly name?: string;
  readonly target: Ref;
}

/**
 * Where a Firehose S3 destination's backup copies the stream's source records (SC-4): its bucket and its `Prefix` and
 * `ErrorOutputPrefix` as `firehosePrefix` reads them.
 */
export interface StreamBackup {
  readonly bucket: Ref;
  readonly prefix: StreamPrefix;
  readonly errorPrefix: StreamPrefix;
  /**
   * Where the stream's configuration names it, when not an S3 destination's source record backup (`S3BackupConfiguration`):
   * the S3 configuration of a destination other than S3 (`HttpEndpointDestinationConfiguration.S3Configuration`).
   */
  readonly field?: string;
  /**
   * Why the bucket holds only some of the records, in words (failed records only: `S3BackupMode` FailedDataOnly; Redshift's
   * intermediate bucket): SC-4 judges where it writes, but it delivers no log whole. Absent: every record.
   */
  readonly some?: string;
}

/** A Kinesis Data Firehose delivery stream and the S3 bucket(s) it delivers to. */
export interface DeliveryStreamNode extends NodeBase {
  readonly type: 'delivery-stream';
  readonly buckets: Ref[];
  /**
   * The source record backups of its S3 destinations (`S3BackupMode` Enabled and `S3BackupConfiguration`; Terraform
   * `s3_backup_mode`, `s3_backup_configuration`; `log-delivery.ts` `firehoseBackup`): every record also goes there.
   */
  readonly backups?: readonly StreamBackup[];
  /** The Kinesis data stream it reads, when that is its source (`KinesisStreamSourceConfiguration`, `kinesis_source_configuration`). */
  readonly source?: Ref;
  /** Its literal name (`DeliveryStreamName`, `name`), by which a literal ARN names it; undefined when generated or unread. */
  readonly name?: string;
  /**
   * Its destinations other than S3 (an HTTP endpoint, Splunk, OpenSearch, Redshift, Snowflake, Iceberg, or one the guard
   * does not know), in words (`log-delivery.ts` `firehoseDestinations`): what it sends there does not reach the SIEM bucket;
   * only an S3 backup of every record into it does (`backups`).
   */
  readonly elsewhere?: readonly string[];
  /** Why its record processing may drop records (`log-delivery.ts`): then not every record reaches the buckets. */
  readonly drops?: string;
  /**
   * Where in each of `buckets` (the same order) it writes (SC-4): its `Prefix` and `ErrorOutputPrefix` (`prefix`,
   * `error_output_prefix`) as `firehosePrefix` reads them. Absent: not read (SC-4 fails closed).
   */
  readonly keyPrefixes?: readonly { readonly prefix: StreamPrefix; readonly errorPrefix: StreamPrefix }[];
}

/** A delivery stream's key prefix: the text as written (`''` when none is given), or why the guard cannot read it. */
export type StreamPrefix = { readonly text: string } | { readonly unread: string };

/**
 * A resource of any type labelled with a host role (`jichitai:role`), e.g. a host's security group or an Auto Scaling
 * group of terminals: where it sits is checked against the model's placement table (PL-1). Its id is the labelled
 * resource's id followed by `#role`.
 */
export interface RoleLabelNode extends NodeBase {
  readonly type: 'role-label';
  /** Id of the labelled resource. */
  readonly resource: string;
  readonly role: string;
  /** The VPC it names (security groups, endpoints...), if any. */
  readonly vpc?: Ref;
  /** The subnets it names (instances, Auto Scaling groups...), if any. */
  readonly subnets: Ref[];
  /**
   * What else places it that the guard cannot place (an instance's network interface given by id, or its launch template,
   * outside the output or given by an expression): it may be of any segment (fail closed).
   */
  readonly elsewhere?: readonly { readonly ref: Ref; readonly what: 'network interface' | 'launch template' }[];
  /**
   * Set when the resource names no subnet, VPC, network interface or launch template that places it — nor a resource
   * of the output (a subnet group) whose subnets do — and is of a type that may run in a network (`labelPlacesNothing`
   * says which do not): a label the guard cannot place, which may be of any segment (fail closed, semantics §7).
   */
  readonly nowhere?: true;
}

/**
 * A resource that names a subnet in its properties and is not the subnet's own plumbing (`SUBNET_PLUMBING`: route table
 * and network ACL associations, NAT gateways, firewalls, VPC endpoints, flow logs, transit gateway attachments…): an
 * instance, a network interface, an Auto Scaling group or launch template, a function's VPC configuration, a database's
 * subnet group, a resolver endpoint, a resource share, anything else. The guard counts it as running in those subnets
 * (fail closed): the egress chain's own subnets must hold nothing else (AP-1, IN-1; semantics §10). One of a type the
 * guard does not know (occupants.ts `KNOWN_OCCUPANTS`) in the My Number or LGWAN segment is also GUARD-2: it may open a
 * path of its own beside its subnets' routes. Its id is the resource's id followed by `#placed`.
 */
export interface OccupantNode extends NodeBase {
  readonly type: 'occupant';
  /** Id of the resource. */
  readonly resource: string;
  /** Its CloudFormation type or Terraform resource type. */
  readonly resourceType: string;
  /** The subnets it names, each with the property that names it (`NetworkInterfaces[0].SubnetId`, `vpc_config[0].subnet_ids[1]`). */
  readonly subnets: readonly { readonly property: string; readonly subnet: string }[];
  /**
   * The subnets outside the output it names by a literal id (`subnet-…`), each with the property: the guard cannot tell
   * their segment or routes (AP-7 judges what runs there, semantics §10). With `via`, an instance's network interface the
   * output does not hold (its id or expression in `subnet`): the subnet it puts the instance in is one the guard cannot tell.
   */
  readonly outside?: readonly { readonly property: string; readonly subnet: string; readonly via?: 'network interface' }[];
  /**
   * Set when it may send packets with a source address not its own (an instance or network interface whose source/destination
   * check is off, or unreadable: occupants.ts `sourceCheckOff`): the property that says so. A subnet it runs in sends from
   * any address (semantics §2), so that a NACL entry matching by source does not cut what it sends.
   */
  readonly forwards?: string;
}

/**
 * A resource of an AWS service that carries data between other resources without a network path of its own (service
 * relays, rules/relays.ts): a queue, topic, event bus, state machine, function, log group, stream, delivery stream, bucket
 * or API, or a resource that declares deliveries between them (a subscription, event source mapping, rule, invocation
 * destination, notification, replication, subscription filter, integration, resource policy). Its id is the resource's
 * id followed by `#relay`.
 */
export interface RelayNode extends NodeBase {
  readonly type: 'relay';
  /** Id of the resource. */
  readonly resource: string;
  /** Its CloudFormation type or Terraform resource type. */
  readonly resourceType: string;
  /**
   * The AWS API a VPC endpoint reaches it through, as the endpoint service's name ends (`sqs`, `sns`, `events`, `lambda`,
   * `states`, `logs`, `s3`, `execute-api`, `firehose`, `kinesis`); none for a resource that only declares deliveries.
   */
  readonly service?: string;
  /** A Kinesis data stream's literal name (`Name`, `name`), by which a literal ARN names it (SC-4); undefined when generated or unread. */
  readonly name?: string;
  /** The deliveries it declares. */
  readonly flows: readonly RelayFlow[];
  /**
   * A function: where its code runs — the subnets of its VPC configuration, or `internet` outside every VPC (a
   * Lambda-managed network with internet access: Lambda Developer Guide, "Giving Lambda functions access to resources in
   * an Amazon VPC").
   */
  readonly runs?: readonly Ref[] | 'internet';
  /**
   * A principal (a role, an IAM user or group, a policy attached to them): what the code running with its permissions
   * may put into and take from relaying resources (relay-read.ts `grantFlows`; `PRINCIPAL` stands for the code,
   * `everyResource` for every resource of a service).
   */
  readonly grants?: readonly RelayFlow[];
  /**
   * A policy, or a Terraform attachment or group membership: the principals that hold it (a policy's `Roles`, `Users`,
   * `Groups`; an attachment's role), which then have its grants and the principals it holds (an attachment's policy).
   */
  readonly grantsTo?: readonly Ref[];
  /**
   * Whose grants go with it: for code (a function, an instance, an ECS service), the principals it runs with (a role,
   * an instance profile, a launch template, a task definition); for those, the principals they hold in turn (a profile's
   * roles, a role's managed policies). A reference the guard cannot follow to a principal of the output grants everything.
   */
  readonly principals?: readonly Ref[];
  /** A principal: who beyond the output's code may act with it (by its trust policy; an IAM user's caller), the outside. */
  readonly actors?: readonly Ref[];
}

/** The IAM part of a relay node (`RelayNode.grants`, `grantsTo`, `principals`, `actors`). */
export type RelayIam = Partial<Pick<RelayNode, 'grants' | 'grantsTo' | 'principals' | 'actors'>>;

/**
 * Data delivered from every `from` to every `to` (resources of the output by id; `external`: the outside world — a URL,
 * an e-mail address, another account, everyone by a resource policy, a resource the output does not hold —, described
 * in its value; `unresolved`: a value the guard cannot read, which may be any of them).
 */
export interface RelayFlow {
  readonly from: readonly Ref[];
  readonly to: readonly Ref[];
  /** The property that declares it (`Endpoint`, `Targets[0].Arn`, `DestinationConfig.OnFailure.Destination`). */
  readonly property: string;
}

/** One security group rule, normalised: protocol `tcp` | `udp` | `icmp` | `-1` (all) | a number; ports when given. */
export interface SecurityGroupRule {
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidr?: string;
  readonly peerGroup?: Ref;
  readonly prefixList?: string;
}

/**
 * The peer addresses of a security group rule, as text: its CIDR; for a prefix list the guard could not read as addresses
 * (a literal id, a parameter or variable: a prefix list of the output is read as its entries, one rule each), every
 * address of both families (fail closed); none for a peer group or a CIDR it could not read (unresolved already).
 */
export function rulePeerCidrs(rule: SecurityGroupRule): readonly string[] {
  if (rule.cidr !== undefined) return [rule.cidr];
  return rule.prefixList !== undefined && rule.peerGroup === undefined ? ['0.0.0.0/0', '::/0'] : [];
}

/**
 * The egress rule EC2 gives a new VPC security group whose template lists no egress rule of its own (CloudFormation
 * reference, AWS::EC2::SecurityGroup: "if you do not add egress rules, we add egress rules that allow all outbound
 * IPv4 and IPv6 traffic"). One object, so that a finding can say where its 0.0.0.0/0 comes from: a group whose only
 * egress rules are separate resources (aws-cdk-lib writes a rule to another group so) has it too, as far as the
 * documentation goes. Every field written, as the extractors write a rule's (one object shape).
 */
export const EC2_DEFAULT_EGRESS: SecurityGroupRule = {
  protocol: '-1', fromPort: undefined, toPort: undefined, cidr: '0.0.0.0/0', peerGroup: undefined, prefixList: undefined,
};

/** How a rule's peer reads in a finding: its CIDR (said to be EC2's default egress when it is), else its prefix list. */
export function rulePeerText(rule: SecurityGroupRule): { en: string; ja: string } {
  if (rule === EC2_DEFAULT_EGRESS) {
    return {
      en: '0.0.0.0/0: the default egress rule EC2 gives a group whose SecurityGroupEgress lists no rule, which rules written as separate resources do not replace',
      ja: '0.0.0.0/0。SecurityGroupEgress にルールを書かないグループに EC2 が付ける既定の送信ルールで、別リソースとして書いたルールはこれに代わらない',
    };
  }
  if (rule.cidr !== undefined || rule.prefixList === undefined) return { en: String(rule.cidr), ja: String(rule.cidr) };
  return { en: `prefix list ${rule.prefixList}`, ja: `プレフィックスリスト ${rule.prefixList}` };
}

/** A security group with its inline rules (CloudFormation's implicit allow-all egress included when none is given). */
export interface SecurityGroupNode extends NodeBase {
  readonly type: 'security-group';
  /** The VPC's default group (`<vpc>#default-security-group`): only the rules the template gives it are known. */
  readonly default?: boolean;
  readonly vpc: Ref;
  readonly ingress: SecurityGroupRule[];
  readonly egress: SecurityGroupRule[];
  /**
   * For a group's association with another VPC (the builder's `securityGroupVpcAssociation`): the id of the group it
   * stands for in that VPC (`vpc`).
   */
  readonly associationOf?: string;
  /**
   * For a stand-in of a group the output does not hold (`outsideGroups`): the group as the rules written for it name it
   * (a literal `sg-…` id, a value the guard cannot read), and the rule resource that names it first (`at`).
   */
  readonly outside?: { readonly ref: Ref; readonly at: string };
}

/** A rule written as its own resource (`AWS::EC2::SecurityGroupIngress`, `aws_security_group_rule`, …). */
export interface SecurityGroupRuleNode extends NodeBase {
  readonly type: 'security-group-rule';
  readonly group: Ref;
  readonly egress: boolean;
  readonly rule: SecurityGroupRule;
}

/** One entry of a network ACL, normalised like a security group rule (protocol `tcp` | `udp` | `icmp` | `-1` | a number). */
export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  readonly action: 'allow' | 'deny';
  readonly protocol: string;
  readonly cidr?: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** An ICMP entry for one type/code rather than all ICMP. */
  readonly icmpSpecific?: boolean;
  /** A port range the guard cannot read (a parameter, a variable): an allow holds for every port, a deny for none. */
  readonly portsUnknown?: boolean;
}

/**
 * A network ACL with its entries (inline or separate resources) and the subnets associated with it. NACLs are stateless
 * and evaluated by rule number, lowest first; the implicit final "deny all" is not listed.
 */
export interface NetworkAclNode extends NodeBase {
  readonly type: 'network-acl';
  /** The VPC's default NACL (`<vpc>#default-network-acl`): allow-all unless Terraform replaced its entries. */
  readonly default?: boolean;
  readonly vpc: Ref;
  /** Subnet node ids associated with the ACL. */
  readonly subnets: string[];
  readonly entries: NetworkAclEntry[];
}

/**
 * Something that runs commands on instances after they boot: a State Manager association, a maintenance window task, an
 * EventBridge rule or schedule that sends a Run Command, an instance's own `SsmAssociations`. What it runs may rewrite
 * what a boot script wrote (a proxy's squid.conf), so a proxy's configuration is read only where none may run.
 */
export interface InstanceCommandNode extends NodeBase {
  readonly type: 'instance-command';
  /** What creates it (`AWS::SSM::Association`, `aws_ssm_association`…). */
  readonly resourceType: string;
  /** The SSM document it runs, when its name is a literal (`AWS-RunPatchBaseline`); undefined otherwise. */
  readonly document?: string;
}

/**
 * A launcher that boots a launch template with a machine image of its own (an instance's `ImageId` / `ami`, an Auto
 * Scaling override's `ImageId`, an AWS Batch compute environment's image): the template's boot script then runs on that
 * image, which a proxy's configuration is read on only when it is one the guard knows (rules/breakout-controls.ts).
 */
export interface LaunchImageNode extends NodeBase {
  readonly type: 'launch-image';
  /** What launches (`AWS::EC2::Instance`, `aws_instance`…). */
  readonly resourceType: string;
  /** The launch template it boots (a value the guard cannot resolve may be any template of the output). */
  readonly template: Ref;
  /** The image, as text, when it is a literal; undefined otherwise (a parameter, a data source's id). */
  readonly image?: string;
}

export type GraphNode =
  | VpcNode | SubnetNode | RouteTableNode | InternetGatewayNode | EgressOnlyInternetGatewayNode | NatGatewayNode
  | FirewallNode | FirewallPolicyNode | RuleGroupNode | FirewallLoggingNode
  | TransitGatewayNode | TransitAttachmentNode | TransitRouteTableNode | VpnGatewayNode | CloudWanPeeringNode
  | PeeringNode | VpcEndpointNode | DnsDomainListNode | DnsRuleGroupNode | DnsAssociationNode | FlowLogNode
  | DnsFirewallConfigNode | ResolverEndpointNode | ResolverRuleNode | ResolverRuleAssociationNode | DhcpOptionsNode | DhcpAssociationNode
  | LogGroupNode
  | UserDataNode | LoadBalancerNode | RoleLabelNode | SecurityGroupNode | SecurityGroupRuleNode | NetworkAclNode
  | ListenerNode | AutoScalingGroupNode | WafWebAclNode | WafAssociationNode | WafLoggingNode | BucketNode | BucketLifecycleNode | QueryLogConfigNode
  | QueryLogAssociationNode | LogSubscriptionNode | LogDestinationNode | DeliveryStreamNode
  | OccupantNode | InstanceCommandNode | LaunchImageNode | RelayNode;

/** A reference in words: the node id, the external value (a literal id), or the expression the guard could not resolve. */
export function describeRef(ref: Ref): string {
  switch (ref.kind) {
    case 'node': return ref.id;
    case 'external': return ref.value;
    default: return ref.expression;
  }
}

/** The node a reference points at, if it is a node of the graph. */
export function deref<T extends GraphNode>(graph: TopologyGraph, ref: Ref | undefined): T | undefined {
  return ref?.kind === 'node' ? graph.nodes.get(ref.id) as T | undefined : undefined;
}

/** Ids of the nodes the guard adds for what AWS creates by itself (docs/guard-semantics.md §4–§6). */
export const implicitId = {
  mainRouteTable: (vpc: string) => `${vpc}#main-route-table`,
  defaultNetworkAcl: (vpc: string) => `${vpc}#default-network-acl`,
  defaultSecurityGroup: (vpc: string) => `${vpc}#default-security-group`,
  defaultTransitRouteTable: (tgw: string) => `${tgw}#default-route-table`,
  outsideSubnets: (vpc: string) => `${vpc}#subnets-outside-the-output`,
  /** The cluster security group Amazon EKS makes for a cluster (occupants.ts `EKS_CLUSTER_GROUP`). */
  clusterSecurityGroup: (cluster: string) => `${cluster}#cluster-security-group`,
  /** The group Amazon EKS makes for a managed node group's SSH access (occupants.ts `remoteAccess`). */
  remoteAccessSecurityGroup: (nodegroup: string) => `${nodegroup}#remote-access-security-group`,
};

/** The nodes of each graph by type, built once per graph: rules ask for the same types many times. */
const BY_TYPE = new WeakMap<TopologyGraph, Map<string, GraphNode[]>>();

/** All nodes of one type, in id order. */
export function nodesOf<K extends GraphNode['type']>(graph: TopologyGraph, type: K): Extract<GraphNode, { type: K }>[] {
  let index = BY_TYPE.get(graph);
  if (!index) {
    index = new Map();
    for (const n of graph.nodes.values()) {
      const list = index.get(n.type);
      if (list) list.push(n);
      else index.set(n.type, [n]);
    }
    BY_TYPE.set(graph, index);
  }
  return [...(index.get(type) ?? [])] as Extract<GraphNode, { type: K }>[];
}

/**
 * `items` grouped by the keys `keys` gives each (none: left out; a key given twice for one item counts once), each group
 * in the items' order: the per-graph indexes the rules and readers look up instead of filtering every node per question.
 */
export function groupBy<T>(items: Iterable<T>, keys: (item: T) => string | readonly string[] | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = keys(item);
    for (const key of typeof k === 'string' ? [k] : new Set(k ?? [])) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** `nodesKeyed`'s indexes: per graph, per index name and node type, the nodes by key. */
const NODE_INDEXES = new WeakMap<TopologyGraph, Map<string, ReadonlyMap<string, readonly GraphNode[]>>>();

/** The nodes of a type with key `key` (`keyOf`), in the graph's order, from an index built once per graph, `index` name and type. */
function nodesKeyed<K extends GraphNode['type']>(
  graph: TopologyGraph, index: string, type: K, key: string, keyOf: (node: Extract<GraphNode, { type: K }>) => string | undefined,
): Extract<GraphNode, { type: K }>[] {
  let indexes = NODE_INDEXES.get(graph);
  if (!indexes) NODE_INDEXES.set(graph, indexes = new Map());
  let made = indexes.get(`${index} ${type}`);
  if (!made) indexes.set(`${index} ${type}`, made = groupBy<GraphNode>(nodesOf(graph, type), (n) => keyOf(n as Extract<GraphNode, { type: K }>)));
  return [...(made.get(key) ?? [])] as Extract<GraphNode, { type: K }>[];
}

/**
 * The nodes of a type whose `vpc` names the VPC node `vpc` (a reference of kind `node`), in the graph's order; indexed
 * once per graph and type, since the rules ask it for each VPC of a prefecture (filtering every node per VPC was
 * quadratic in the members).
 */
export function nodesInVpc<K extends GraphNode['type']>(graph: TopologyGraph, type: K, vpc: string): Extract<GraphNode, { type: K }>[] {
  return nodesKeyed(graph, 'vpc', type, vpc, (n) => {
    const ref = (n as { vpc?: Ref }).vpc;
    return ref?.kind === 'node' ? ref.id : undefined;
  });
}

/**
 * The buckets or log groups whose literal `name` is `name`, in the graph's order; indexed once per graph and type (the
 * logging rules look a destination's name up for every log of a prefecture).
 */
export function namedNodes<K extends 's3-bucket' | 'log-group'>(graph: TopologyGraph, type: K, name: string): Extract<GraphNode, { type: K }>[] {
  return nodesKeyed(graph, 'name', type, name, (n) => (n as BucketNode | LogGroupNode).name);
}

/** The flow logs of a resource of the output (a VPC, subnet or interface, by its node id), in the graph's order. */
export function flowLogsOf(graph: TopologyGraph, resource: string): FlowLogNode[] {
  return nodesKeyed(graph, 'resource', 'flow-log', resource, (l) => (l.resource.kind === 'node' ? l.resource.id : undefined));
}

/**
 * The destinations of every logging configuration of a firewall (of the output, by its node id), in the graph's order
 * (LOG-1 and SC-4 judge every firewall).
 */
export function firewallLogDestinations(graph: TopologyGraph, firewall: string): FirewallLoggingNode['destinations'][number][] {
  return nodesKeyed(graph, 'firewall', 'firewall-logging', firewall, (l) => (l.firewall.kind === 'node' ? l.firewall.id : undefined))
    .flatMap((l) => l.destinations);
}

const PROTOCOLS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', 'all': '-1', '-1': '-1' };

/**
 * A security group rule's protocol: a literal read as `normaliseProtocol` does; a value the guard cannot read at synth
 * time (a parameter, a variable, a plan's unknown) is every protocol, `-1` — a security group rule only allows, so that
 * is the most it could allow (semantics §7).
 */
export function groupRuleProtocol(protocol: unknown): string {
  const literal = typeof protocol === 'number' || (typeof protocol === 'string' && !isExpression(protocol)) || protocol === undefined || protocol === null;
  return literal ? normaliseProtocol(protocol) : '-1';
}

/**
 * `6` → `tcp`, `all` → `-1`: one spelling for both engines. A number is read as the AWS provider reads it before EC2 sees
 * it (`protocolForValue`: Go's strconv.Atoi, which takes a sign and leading zeros): `06` and `+6` are TCP, `017` UDP
 * (outside auditor, red team 38).
 */
export function normaliseProtocol(protocol: unknown): string {
  const p = String(protocol ?? '-1').toLowerCase();
  const known = PROTOCOLS[p];
  if (known !== undefined) return known;
  if (!/^[+-]?\d{1,10}$/.test(p)) return p;
  const n = String(Number(p));
  return PROTOCOLS[n] ?? n;
}

/** Every rule of a group in one direction: inline ones and those written as separate resources. */
export function rulesOf(graph: TopologyGraph, group: SecurityGroupNode, egress: boolean): SecurityGroupRule[] {
  // A stand-in holds its rules itself (its name may be that of a node of another type).
  if (group.outside) return [...(egress ? group.egress : group.ingress)];
  const separate = separateRules(graph).get(`${egress ? 'e' : 'i'}${group.id}`) ?? [];
  return [...(egress ? group.egress : group.ingress), ...separate];
}

/**
 * The VPCs whose instances and interfaces may use a security group: its own, then those it is associated with
 * (`AWS::EC2::SecurityGroupVpcAssociation`, `aws_vpc_security_group_vpc_association`; AWS, 2024), each with the
 * association that names it (`via`). A rule naming the group as its peer matches its members in all of them. An
 * association node stands for its group: the same VPCs. A `vpc` that is no VPC node of the graph is one the guard cannot
 * place (a literal `vpc-…` id, a parameter or variable).
 */
export function groupVpcs(graph: TopologyGraph, group: SecurityGroupNode): readonly { readonly vpc: Ref; readonly via?: string }[] {
  const own = group.associationOf !== undefined ? deref<SecurityGroupNode>(graph, { kind: 'node', id: group.associationOf }) ?? group : group;
  const associations = groupAssociations(graph).get(own.id) ?? [];
  return [{ vpc: own.vpc }, ...associations.map((a) => ({ vpc: a.vpc, via: a.id }))];
}

/**
 * Groups the output does not hold that rule resources of its own are written for (`AWS::EC2::SecurityGroupIngress` with
 * a literal `sg-…` GroupId or a parameter, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` with a
 * literal `security_group_id` or a variable, `aws_default_security_group` of a VPC the guard cannot place): one stand-in
 * per group as written, holding those rules and in no VPC of the output. Its members may be anywhere, so rules judge it
 * as a group of every segment (semantics §7); GUARD-1 reports the values it cannot read besides.
 */
export const outsideGroups = oncePer((graph: TopologyGraph): readonly SecurityGroupNode[] => {
  const byGroup = new Map<string, { ref: Ref; at: string; ingress: SecurityGroupRule[]; egress: SecurityGroupRule[] }>();
  for (const r of nodesOf(graph, 'security-group-rule')) {
    if (deref<GraphNode>(graph, r.group)?.type === 'security-group') continue;
    const key = `${r.group.kind}:${describeRef(r.group)}`;
    let g = byGroup.get(key);
    if (!g) byGroup.set(key, g = { ref: r.group, at: r.id, ingress: [], egress: [] });
    (r.egress ? g.egress : g.ingress).push(r.rule);
  }
  const named = (g: { ref: Ref; at: string }) => {
    if (g.ref.kind !== 'unresolved') return describeRef(g.ref);
    // A value the guard cannot read is named by the property that gives it (GUARD-1 says why), in no language.
    const resource = g.at.replace(/#.*$/, '');
    const value = graph.unresolved.find((u) => u.node === resource && u.reason === (g.ref as { expression: string }).expression);
    return value ? `${resource}.${value.property}` : `(${g.ref.expression})`;
  };
  return [...byGroup.values()].map((g): SecurityGroupNode => ({
    // Named as written: a literal id, or the property that gives a value the guard cannot read.
    id: named(g),
    tags: {},
    type: 'security-group',
    vpc: OUTSIDE_VPC,
    ingress: g.ingress,
    egress: g.egress,
    outside: { ref: g.ref, at: g.at },
  }));
});

/** The VPC of a stand-in (`outsideGroups`): none the guard can read, and unlike any other (no two share it). */
const OUTSIDE_VPC: Ref = { kind: 'unresolved', expression: 'the VPC of a security group outside the synthesized output' };

/** The association nodes of each group, built once per graph. */
const groupAssociations = oncePer((graph: TopologyGraph): Map<string, SecurityGroupNode[]> => {
  const index = new Map<string, SecurityGroupNode[]>();
  for (const a of nodesOf(graph, 'security-group')) {
    if (a.associationOf === undefined) continue;
    const list = index.get(a.associationOf);
    if (list) list.push(a); else index.set(a.associationOf, [a]);
  }
  return index;
});

/** The rules written as resources of their own, by direction and group, built once per graph (rules ask per group). */
const separateRules = oncePer((graph: TopologyGraph): Map<string, SecurityGroupRule[]> => {
  const index = new Map<string, SecurityGroupRule[]>();
  for (const r of nodesOf(graph, 'security-group-rule')) {
    if (r.group.kind !== 'node') continue;
    const key = `${r.egress ? 'e' : 'i'}${r.group.id}`;
    const list = index.get(key);
    if (list) list.push(r.rule); else index.set(key, [r.rule]);
  }
  return index;
});
