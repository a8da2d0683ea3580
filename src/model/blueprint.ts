import { BreakoutServiceProps } from './cloud-service';
import { DesignDocumentsOptions } from './design-documents';
import { FlowDeclaration, HostDeclaration } from './flows';
import { GuardLanguage } from './guard-options';
import { AlphaPrimeCase, NetworkModel } from './network-model';
import { SecurityCloudConnectionProps } from './security-cloud';

/**
 * How a transit-gateway connection to an external network is made.
 * Give either `customerGatewayIp` (we create a site-to-site VPN) or `attachmentId` (an attachment
 * on the same transit gateway that already exists, e.g. a Direct Connect gateway or a peering).
 */
export interface TransitConnectionProps {
  /**
   * Public IPv4 address of the customer gateway (the on-premises router) for a site-to-site VPN, written canonically
   * (`203.0.113.10`: no leading zeros, no spaces). The LGWAN WAN and the security cloud need different routers.
   * @default - no VPN is created; `attachmentId` must be given
   */
  readonly customerGatewayIp?: string;
  /**
   * BGP ASN of the customer gateway.
   * @default 65000
   */
  readonly customerGatewayAsn?: number;
  /**
   * ID of an existing transit gateway attachment (`tgw-attach-...`) to use instead of a VPN. The LGWAN WAN and the
   * security cloud need different attachments (LG-1).
   * @default - a VPN from `customerGatewayIp`
   */
  readonly attachmentId?: string;
}

/** Options common to every segment. */
export interface SegmentOptions {
  /**
   * The segment's VPC CIDR: a /16 to /22 of RFC 1918 space, written canonically (`10.0.64.0/18`: decimal octets
   * without leading zeros, the host bits zero, no spaces), large enough for one subnet of each role per availability zone.
   * @default - the next quarter of `addressSpace` (MY_NUMBER first, then LGWAN, then INTERNET)
   */
  readonly cidr?: string;
  /**
   * Interface VPC endpoints to create, by service short name (`ssm`, `ssmmessages`, `ec2messages`,
   * `logs`, `kms`...), each once, at most 50 (the quota of interface endpoints per VPC). They are reached through
   * private DNS, so no traffic leaves the segment.
   * @default - MY_NUMBER and LGWAN: ssm, ssmmessages, ec2messages, logs; INTERNET: none
   */
  readonly interfaceEndpoints?: string[];
  /**
   * Extra domains the Route 53 Resolver DNS Firewall allows (MY_NUMBER and LGWAN block everything else).
   * `*.example.com` for subdomains. At most 1,000 (one domain list).
   * @default - none besides the AWS service domains (and, in α′ LGWAN, the breakout services)
   */
  readonly dnsAllowedDomains?: string[];
  /**
   * Domains the DNS Firewall blocks (used in the INTERNET segment, whose resolution otherwise goes on). At most 1,000.
   * With `internet.egress` `BUILT_IN` at least one is required: the stand-in's resolver must filter something (IN-2).
   * @default - none
   */
  readonly dnsBlockedDomains?: string[];
}

/** LGWAN segment (LGWAN接続系) options. */
export interface LgwanOptions extends SegmentOptions {
  /**
   * CIDRs of the LGWAN WAN and LGWAN-ASP services the segment reaches through the transit gateway: written
   * canonically, each once, at most 50, never `0.0.0.0/0`, outside the segments and the security cloud's ranges.
   */
  readonly wanCidrs: string[];
  /** How the LGWAN WAN is attached to the transit gateway. */
  readonly connection: TransitConnectionProps;
}

/** How the Internet segment reaches the internet. */
export enum InternetEgressMode {
  /** Through the prefecture security cloud (自治体情報セキュリティクラウド) over the transit gateway. Production. */
  SECURITY_CLOUD = 'SECURITY_CLOUD',
  /**
   * A built-in egress (Network Firewall + NAT + IGW in the Internet segment) that stands in for the
   * security cloud in proofs of concept. Workload subnets still never route to the IGW directly.
   */
  BUILT_IN = 'BUILT_IN',
}

/** Internet segment (インターネット接続系) options. */
export interface InternetOptions extends SegmentOptions {
  /**
   * How the segment reaches the internet.
   * @default InternetEgressMode.SECURITY_CLOUD
   */
  readonly egress?: InternetEgressMode;
  /**
   * The security cloud attachment; required for `InternetEgressMode.SECURITY_CLOUD`.
   * @default - none
   */
  readonly securityCloud?: TransitConnectionProps;
  /**
   * CIDRs of the security cloud's services (proxy, mail relay, DNS), for the communication matrix: written canonically,
   * at most 50, outside the segments and the LGWAN WAN. Only with `InternetEgressMode.SECURITY_CLOUD`.
   * @default - none
   */
  readonly securityCloudCidrs?: string[];
  /**
   * IPv4 addresses of the security cloud's DNS resolvers (外部DNS of 自治体情報セキュリティクラウド), written canonically
   * (`172.30.0.53`), each once, at most 6, inside `securityCloudCidrs` when those are given and outside the segments and
   * the LGWAN WAN. Required with `InternetEgressMode.SECURITY_CLOUD` (IN-2): the Internet segment's VPC resolver forwards
   * every name (`.`) to them through a Route 53 Resolver outbound endpoint over the transit gateway. Rejected with
   * `InternetEgressMode.BUILT_IN`, whose stand-in resolver is the VPC resolver behind a fail-closed DNS Firewall.
   * @default - none (a validation error with SECURITY_CLOUD)
   */
  readonly securityCloudDns?: string[];
  /**
   * Join the prefecture security cloud hub (自治体情報セキュリティクラウド) directly, by declaration: the hub's exported
   * attributes (`SecurityCloud.connectionFor(code)` in the same app, or the IDs the hub's owner gives you). The Internet
   * segment's VPC is attached to the hub's transit gateway and routes only `hubCidr` there (no default route: browsing
   * goes through the hub's proxy); every name is forwarded to `dnsAddresses`; flow and firewall logs go to
   * `siemBucketArn` under `members/<localGovernmentCode>/`; every resource is tagged `jichitai:municipality` with the
   * local government code. Only with `InternetEgressMode.SECURITY_CLOUD`, instead of `securityCloud` and
   * `securityCloudDns`; requires `localGovernmentCode`. `securityCloudCidrs` defaults to `[hubCidr]`.
   * @default - no hub membership (`securityCloud` and `securityCloudDns` describe an external security cloud)
   */
  readonly securityCloudHub?: SecurityCloudConnectionProps;
  /**
   * AWS managed threat-signature rule groups the built-in stand-in's firewall references ahead of everything it passes:
   * its IDS/IPS (IN-1). Only with `InternetEgressMode.BUILT_IN`.
   *
   * By name: the `…StrictOrder` names of
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html,
   * without overrides, so that they drop what they detect. Each takes part of the policy's 30,000 stateful capacity,
   * which AWS does not document per group: deploying may fail if too many are named. An empty list references none;
   * IN-1 then reports the stand-in, whose only IPS is its built-in protocol rules, unless acknowledged with their source.
   * @default - ThreatSignaturesBotnetStrictOrder, ThreatSignaturesMalwareStrictOrder, ThreatSignaturesMalwareWebStrictOrder, ThreatSignaturesEmergingEventsStrictOrder
   */
  readonly managedThreatSignatures?: string[];
}

/** α′ local breakout (ローカルブレイクアウト) options. */
export interface BreakoutOptions {
  /** The cloud services LGWAN may reach, with the municipality's tenant settings. */
  readonly services: BreakoutServiceProps[];
  /**
   * AWS managed threat-signature rule groups the breakout firewall references ahead of the allow-list: its IDS/IPS (AP-4).
   *
   * By name: the `…StrictOrder` names of
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html.
   * They run in strict order before every group that passes, without overrides, so that they drop what they detect
   * (不正な通信の検知及び遮断). Each takes part of the policy's 30,000 stateful capacity, which AWS does not
   * document per group: deploying may fail if too many are named. An empty list references none; AP-4 then refuses
   * the breakout unless a declared IDS appliance is on its path, or the finding is acknowledged with the source of
   * your own `ipsRules`.
   * @default - ThreatSignaturesBotnetStrictOrder, ThreatSignaturesMalwareStrictOrder, ThreatSignaturesMalwareWebStrictOrder, ThreatSignaturesEmergingEventsStrictOrder
   */
  readonly managedThreatSignatures?: string[];
  /**
   * Suricata-compatible IPS rules of your own for the breakout firewall, in a group after the managed threat
   * signatures (`managedThreatSignatures`) and ahead of the allow-list.
   *
   * AP-4 does not take hand-written rules as an IDS/IPS: it cannot judge what a rule set detects. They add to the
   * managed groups; alone, they are an AP-4 finding to acknowledge with their source (a vendor feed and its version).
   * Rules that pass are refused: the group runs ahead of the allow-list. Write the rules on `$HOME_NET` (or `any`): the
   * group's `HOME_NET` is the segment's block.
   * @default - built-in protocol enforcement: anything on TCP 443 that is not TLS, and SSH sessions to the internet, are dropped
   */
  readonly ipsRules?: string[];
  /**
   * ARNs of extra stateful rule groups to put on the firewall, after the allow-list (AWS managed threat signatures go in
   * `managedThreatSignatures`, which puts them ahead of it).
   *
   * The guard cannot read a group of your own account from here: AP-1 refuses it (it may pass what the allow-list does
   * not judge), unless acknowledged; AWS managed groups (account `aws-managed`) pass nothing.
   * @default - none
   */
  readonly extraStatefulRuleGroupArns?: string[];
  /**
   * Case イ: communication tools may not download files into LGWAN. Set to true to declare that the
   * tenant-restriction proxy enforces it (AP-6).
   * @default false
   */
  readonly fileDownloadRestricted?: boolean;
  /**
   * Name of a declared SANITIZATION_RELAY host files pass through (無害化), for reports. A relay alone does not
   * satisfy case ウ: give `sanitizationService` too.
   * @default - none
   */
  readonly sanitizationRelay?: string;
  /**
   * Case ウ (required there): the sanitization service (無害化) the tenant-restriction proxy hands every file response
   * of the allow-listed communication tools to, over ICAP RESPMOD (RFC 3507). The proxy fails closed: while the
   * service is down, file responses are refused, never passed unsanitized (AP-6).
   * @default - none (cases ア and イ)
   */
  readonly sanitizationService?: SanitizationServiceOptions;
  /**
   * The tenant-restriction forward proxy (テナントアクセス制御, AP-3 / AP-6): required in cases イ and ウ,
   * where it is the only way from LGWAN terminals to the cloud services over TCP.
   * @default - no proxy (case ア only)
   */
  readonly tenantProxy?: TenantProxyOptions;
  /**
   * Names of declared LGWAN hosts other than terminal pools that fetch security updates (virus definitions, OS
   * updates) through the breakout, e.g. an antivirus management server. Like the terminal pools (業務端末), they must
   * lie in the LGWAN terminal subnets, the only ones that route to the breakout (AP-7); a host the My Number segment
   * talks to never may (MN-4).
   * @default - none: only the terminal pools use the breakout
   */
  readonly updateClients?: string[];
}

/**
 * The ICAP service (RFC 3507) that sanitizes files (無害化) for the tenant-restriction proxy in case ウ: a file
 * sanitization (CDR) product on a declared host of the LGWAN segment. Its URI is
 * `icap://<the host's address>:<port>/<service>`.
 */
export interface SanitizationServiceOptions {
  /**
   * Name of the declared host running the service: zone LGWAN, role SANITIZATION_RELAY, one address (a single /32 CIDR).
   * The proxy instances may reach it on `port`, nothing else.
   */
  readonly host: string;
  /**
   * The ICAP port. RFC 3507 §4.2: "If the port is empty or not given, port 1344 is assumed."
   * @default 1344
   */
  readonly port?: number;
  /**
   * The ICAP service path of the product's response-modification (RESPMOD) service, without the leading slash, as its
   * documentation names it (e.g. `"respmod"`, `"srv_clamav"`): letters, digits and `. _ ~ -`, segments separated by `/`.
   */
  readonly service: string;
}

/**
 * The tenant-restriction forward proxy of the α′ breakout: Squid on Amazon Linux 2023, an Auto Scaling
 * group across the AZs behind an internal Network Load Balancer in the LGWAN segment's proxy subnets.
 * LGWAN terminals use it as their explicit HTTP proxy (PAC/WPAD or group policy); their own route table
 * has no default route in cases イ/ウ, so there is no way around it for TCP.
 */
export interface TenantProxyOptions {
  /**
   * ARN of the Secrets Manager secret holding the TLS interception CA, as a JSON SecretString
   * `{"certificate": "<PEM>", "privateKey": "<PEM>"}`. Create it yourself (your terminals must trust the CA);
   * the library never generates a private key into a template. Instances read it at boot.
   */
  readonly caSecretArn: string;
  /**
   * ARN of the customer-managed KMS key that encrypts the secret, if not the AWS-managed key.
   * @default - the secret uses the AWS-managed key `aws/secretsmanager`
   */
  readonly caSecretKmsKeyArn?: string;
  /**
   * EC2 instance type (x86_64; Amazon Linux 2023). TLS interception is CPU-bound; size it for your terminals.
   * @default 't3.medium'
   */
  readonly instanceType?: string;
  /**
   * Minimum number of proxy instances; at least 2, spread over the availability zones.
   * @default 2
   */
  readonly minInstances?: number;
  /**
   * Maximum number of proxy instances.
   * @default - twice minInstances
   */
  readonly maxInstances?: number;
  /**
   * The proxy port terminals are configured with.
   * @default 3128
   */
  readonly port?: number;
  /**
   * TLS ports besides 443 (and the services' declared TCP ports) that CONNECT may reach.
   * @default - none
   */
  readonly extraConnectPorts?: number[];
}

/** Where VPC flow logs and firewall logs go. */
export interface LoggingOptions {
  /**
   * ARN of an existing S3 bucket (the SIEM's ingestion bucket) for flow and firewall logs.
   * β and β′ require a SIEM sink (LOG-1).
   * @default - a new encrypted, versioned log bucket
   */
  readonly siemBucketArn?: string;
  /**
   * Days to keep logs in the created bucket.
   *
   * At least 400: LOG-1 refuses a log group that keeps the proxy's access log fewer days.
   * @default 400
   */
  readonly retentionDays?: number;
}

/** Optional VPC traffic mirroring to a third-party IDS (IDS hook). */
export interface TrafficMirroringOptions {
  /**
   * Mirror target: a Gateway Load Balancer endpoint ID (`vpce-...`), a Network Load Balancer ARN,
   * or a network interface ID (`eni-...`).
   */
  readonly target: string;
  /**
   * Network interfaces to mirror (`eni-...`). Mirroring is per ENI; workloads placed later can be
   * added with the construct's `addMirroredInterface`. The topology guard refuses every mirror session with SEG-1 unless
   * acknowledged (`TopologyGuard.acknowledge(scope, 'SEG-1', reason)`, the reason naming the IDS appliance and the mirrored
   * interfaces' segment): it cannot tell which segment an interface or the target is in, so a copy of My Number or LGWAN
   * traffic could leave its segment.
   * @default - none: only the target and filter are created
   */
  readonly networkInterfaceIds?: string[];
}

/**
 * Everything that describes one municipality's network. Validate it with `Blueprint.validate`. Plain data only
 * (object literals, lists, strings, numbers, booleans and `Port` values, as JSON or YAML gives them); every list and
 * string is bounded, and validation works on a copy it reads once.
 */
export interface MunicipalNetworkBlueprintProps {
  /**
   * Municipality name, used in tags and reports (e.g. "Sample City サンプル市"). It is a tag value on every resource,
   * so it holds at most 128 characters, and only letters, digits, spaces, `_ . : / = + -` and the at sign: the characters
   * every AWS service accepts in tags (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html).
   */
  readonly municipality: string;
  /**
   * Local government code (全国地方公共団体コード), six digits.
   * @default - none
   */
  readonly localGovernmentCode?: string;
  /** The MIC network model. */
  readonly model: NetworkModel;
  /**
   * The α′ case; required when `model` is `ALPHA_PRIME`.
   * @default - none
   */
  readonly alphaPrimeCase?: AlphaPrimeCase;
  /**
   * Address space from which segment CIDRs are allocated when not given per segment.
   * A /16 to /20; each segment takes a quarter.
   * @default '10.0.0.0/16'
   */
  readonly addressSpace?: string;
  /**
   * Availability zones, by name: 2 to 6 zones of one region, the stack's. Names (not a count) keep synthesis free of
   * AWS look-ups and identical in CDK and CDKTF.
   * @default ['ap-northeast-1a', 'ap-northeast-1c']
   */
  readonly availabilityZones?: string[];
  /**
   * My Number segment (マイナンバー利用事務系) options.
   * @default - allocated CIDR, default endpoints
   */
  readonly myNumber?: SegmentOptions;
  /** LGWAN segment (LGWAN接続系) options. */
  readonly lgwan: LgwanOptions;
  /**
   * Internet segment (インターネット接続系) options.
   * @default - security cloud egress, which then needs `internet.securityCloud`
   */
  readonly internet?: InternetOptions;
  /**
   * Named hosts that flows refer to, and business terminals / systems for the placement rule. At most 200 (each is a
   * security group). A host in a segment lies inside one workload subnet the library lays out and is smaller than it;
   * hosts named by flows never cover a whole subnet between them (flows name hosts, not subnets).
   * @default - none
   */
  readonly hosts?: HostDeclaration[];
  /**
   * Declared cross-segment flows, at most 500. Nothing else crosses a segment boundary. A flow's ports, and the ports of
   * one host's flows toward one address, never cover more than 16,384 ports per protocol (the size of the dynamic
   * range; more is all ports in all but name, MN-3 / LG-2).
   * @default - none
   */
  readonly flows?: FlowDeclaration[];
  /**
   * α′ local breakout; required for `ALPHA_PRIME`, rejected for other models.
   * @default - none
   */
  readonly breakout?: BreakoutOptions;
  /**
   * Design documents (設計書) of the municipality's network, written next to the synthesized stack by the guard once it
   * lets the synthesis through: network diagram, communication matrix, parameter sheet, cloud-service list (α′) and the
   * guideline correspondence table with every rule's result.
   * @default - none written at synthesis (`jichitai-network docs` writes them from the output)
   */
  readonly designDocuments?: DesignDocumentsOptions;
  /**
   * Log destinations.
   * @default - a new log bucket
   */
  readonly logging?: LoggingOptions;
  /**
   * Traffic mirroring to an IDS appliance.
   * @default - none
   */
  readonly trafficMirroring?: TrafficMirroringOptions;
  /**
   * The language of the validation errors of this blueprint and of the topology guard's findings (指摘の言語).
   *
   * The guard's errors, warnings and report at synthesis use it; the report keeps its English fields and adds the
   * Japanese ones.
   * @default GuardLanguage.ENGLISH
   */
  readonly language?: GuardLanguage;
}
