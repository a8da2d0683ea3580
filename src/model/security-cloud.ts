/**
 * The prefecture security cloud (自治体情報セキュリティクラウド): the hub that aggregates the member municipalities'
 * internet exits (seed 000: 「インターネット接続口を集約した上で、自治体情報セキュリティクラウドを構築」) and provides what
 * seed 004 lists: web proxy, mail relay, external DNS, public web behind a WAF, gateway firewall / IPS, URL filter,
 * log collection (SIEM) and monitoring of the hub's servers.
 *
 * These are the data shapes shared by the model, the engine-neutral plan, both engines' constructs and the guard.
 */

/**
 * Tag key on every resource of the hub; its value is `hub`. The guard recognises the hub's VPC by it (a hub VPC is not
 * a segment of any municipality, so it carries no `jichitai:segment` tag).
 */
export const SECURITY_CLOUD_TAG_KEY = 'jichitai:security-cloud';
/** The value of {@link SECURITY_CLOUD_TAG_KEY} on the hub's resources. */
export const SECURITY_CLOUD_HUB = 'hub';
/**
 * The `jichitai:zone` label of the transit route table the hub creates for a member declared with `attachmentId` (in
 * another account or app): the guard takes that attachment, which it cannot follow, as leading to a member of the
 * security cloud (a declared boundary, as a VPN labelled LGWAN_WAN is), not to everywhere. SC-1 refuses any member's path
 * that arrives there; what lies behind it is that member's own guard's to judge (`securityCloudHub`).
 */
export const SECURITY_CLOUD_MEMBER_ZONE = 'SECURITY_CLOUD_MEMBER';
/**
 * Tag key naming the hub function a resource performs (one of {@link HubFunction}): the guard's SC rules find the
 * hub's inspection firewall, proxy, mail relay, public web entrance and SIEM sink by it.
 */
export const HUB_FUNCTION_TAG_KEY = 'jichitai:hub-function';
/**
 * Tag key naming the tier of a hub subnet (transit, services, firewall or public): the design documents'
 * network diagram draws the AZ copies of one tier as one box.
 */
export const SUBNET_TIER_TAG_KEY = 'jichitai:subnet-tier';
/**
 * Tag key carrying the member municipality's local government code (全国地方公共団体コード) on every resource of a
 * member network joined to a hub, and on the hub's per-member resources: the guard tells members apart by it (SC-1).
 */
export const MUNICIPALITY_TAG_KEY = 'jichitai:municipality';

/** What a hub resource does; the value of the `jichitai:hub-function` tag. */
export enum HubFunction {
  /** The gateway firewall with IPS in drop mode (ゲートウェイ FW / IDS・IPS). */
  INSPECTION = 'inspection',
  /** The web proxy fleet and its URL filter (Web プロキシ / URL フィルタ). */
  PROXY = 'proxy',
  /** The mail relay (メールリレー). */
  MAIL_RELAY = 'mail-relay',
  /** The caching and external DNS (DNS). */
  DNS = 'dns',
  /** The public web entrance: load balancer + WAF (リバースプロキシ / WAF). */
  PUBLIC_WEB = 'public-web',
  /** The SIEM log sink (ログ収集・分析). */
  SIEM = 'siem',
  /** Monitoring of the hub's servers and incident notification (監視 / インシデント通知). */
  MONITORING = 'monitoring',
}

/** A member municipality declared on the hub (needed when the member lives in another account or app). */
export interface SecurityCloudMemberProps {
  /** Local government code (全国地方公共団体コード), six digits; unique among the members. */
  readonly localGovernmentCode: string;
  /**
   * The member's Internet segment (インターネット接続系) CIDR, written canonically, RFC 1918, outside the hub and
   * every other member's.
   */
  readonly internetCidr: string;
  /**
   * The member's attachment to the hub's transit gateway (`tgw-attach-...`), when the member was created in another
   * account or app (the transit gateway is shared with its `accountId` through AWS RAM and the attachment is accepted
   * by the hub's owner). The hub then gives it its own route table.
   * @default - the member joins from the same app (`MunicipalNetwork` with `securityCloud: hub`), which creates its
   * route table itself
   */
  readonly attachmentId?: string;
  /**
   * The member's AWS account ID (12 digits), when it lives in another account. The hub then shares its transit gateway
   * with this account through AWS RAM (AWS Resource Access Manager), so that the member can create its attachment; the
   * transit gateway does not accept shared attachments automatically: the hub's owner accepts the attachment and declares
   * its `attachmentId` here. The member's flow and firewall logs may be written to `members/<localGovernmentCode>/` of
   * the SIEM bucket by log delivery from this account only.
   * @default - the hub's own account (a member of the same account: no RAM share, its logs come from the hub's account)
   */
  readonly accountId?: string;
  /**
   * The member's mail domains, received by the hub's mail relay and delivered to `mailServer`.
   * @default - no inbound mail for this member
   */
  readonly mailDomains?: string[];
  /**
   * The IPv4 address of the member's mail server in its Internet segment (inbound delivery target; it may also send
   * through the relay).
   * @default - none
   */
  readonly mailServer?: string;
}

/** A public web site of a member served through the hub's WAF (公開 Web). */
export interface PublicWebSiteProps {
  /** The site's host name (`www.city.example.lg.jp`): the load balancer's host-header rule. */
  readonly hostName: string;
  /** The member that owns the site (local government code). */
  readonly localGovernmentCode: string;
  /** IPv4 addresses of the member's web servers (inside its Internet segment CIDR); the load balancer's IP targets. */
  readonly targets: string[];
  /**
   * The web servers' port.
   * @default 443
   */
  readonly port?: number;
}

/** The public web entrance (reverse proxy + WAF, seed 004: 「WAF（SQLインジェクション対策）」 and DDoS resistance). */
export interface PublicWebProps {
  /** The sites, at least one. */
  readonly sites: PublicWebSiteProps[];
  /** ARN of the ACM certificate of the load balancer's HTTPS listener. */
  readonly certificateArn: string;
  /**
   * Put a CDN (Amazon CloudFront) in front of the load balancer, with its own WAF web ACL.
   * @default false
   */
  readonly cdn?: boolean;
  /**
   * Subscribe the load balancer (and the CDN) to AWS Shield Advanced protection (the account must be subscribed).
   * @default false
   */
  readonly shieldAdvanced?: boolean;
  /**
   * With `cdn`: ARN of the CDN's WAFv2 web ACL (scope CLOUDFRONT, which AWS keeps in us-east-1, so it is created
   * outside the hub's stack); it must hold the SQL-injection rule set like the load balancer's.
   * @default - required when `cdn` is true
   */
  readonly cdnWebAclArn?: string;
  /**
   * With `cdn`: ARN of the CDN's ACM certificate for the sites' host names (CloudFront takes certificates from us-east-1 only).
   * @default - required when `cdn` is true
   */
  readonly cdnCertificateArn?: string;
}

/** The web proxy fleet (Squid) members browse through. */
export interface SecurityCloudProxyProps {
  /**
   * The proxy port members use.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Domains the URL filter refuses (`example.com` or `.example.com`).
   * @default - none
   */
  readonly blockedDomains?: string[];
  /**
   * EC2 instance type of the proxy servers.
   * @default 't3.medium'
   */
  readonly instanceType?: string;
  /**
   * Proxy servers, spread over the availability zones.
   * @default 2
   */
  readonly instances?: number;
}

/** Monitoring of the hub's servers (seed 004: 死活監視 ping / URL / サービス) and incident notification. */
export interface SecurityCloudMonitoringProps {
  /**
   * E-mail addresses notified of an incident (an SNS topic's subscriptions).
   * @default - the topic is created without subscriptions
   */
  readonly notificationEmails?: string[];
}

/** The prefecture hub. */
export interface SecurityCloudProps {
  /**
   * The prefecture's name, used in resource names and tags: 1–32 letters, digits or hyphens, starting with a letter
   * (`Example-Pref`).
   */
  readonly prefecture: string;
  /** The hub VPC's CIDR: a /16 to /22 of RFC 1918 space, written canonically. */
  readonly cidr: string;
  /**
   * The availability zones, two or three.
   * @default ['ap-northeast-1a', 'ap-northeast-1c']
   */
  readonly availabilityZones?: string[];
  /**
   * Members in other accounts or apps (same-app members join from `MunicipalNetwork`).
   * @default - none
   */
  readonly members?: SecurityCloudMemberProps[];
  /**
   * Let the RAM share of the transit gateway (made when a member has an `accountId`) reach accounts outside the hub's
   * AWS Organization. Off, only accounts of the hub's Organization can use the transit gateway. On, for members outside
   * it (or when RAM sharing with AWS Organizations is not enabled), each member account must accept the share's
   * invitation itself.
   * @default false
   */
  readonly allowExternalPrincipals?: boolean;
  /**
   * The web proxy fleet.
   * @default - two t3.medium Squid servers on port 8080
   */
  readonly proxy?: SecurityCloudProxyProps;
  /**
   * The mail relay's host name (`relay.pref.example.lg.jp`); the relay filters through the milter given in
   * `mailFilter*`.
   */
  readonly mailRelayHostname: string;
  /**
   * The spam / malware filter's milter address, `inet:host:port` (seed 004: スパム・マルウェア対策).
   * @default 'inet:127.0.0.1:11332' (a filter on the relay itself)
   */
  readonly mailFilterMilter?: string;
  /**
   * AWS managed threat-signature rule groups the hub's inspection firewall references ahead of everything it passes:
   * its IDS/IPS (不正通信検知, SC-2).
   *
   * By name: the `…StrictOrder` names of
   * https://docs.aws.amazon.com/network-firewall/latest/developerguide/aws-managed-rule-groups-threat-signature.html,
   * without overrides, so that they drop what they detect. Each takes part of the policy's 30,000 stateful capacity,
   * which AWS does not document per group: deploying may fail if too many are named. An empty list references none;
   * SC-2 then reports the inspection firewall, whose only IPS is its protocol rules and blocked domains, unless
   * acknowledged with their source.
   * @default - ThreatSignaturesBotnetStrictOrder, ThreatSignaturesMalwareStrictOrder, ThreatSignaturesMalwareWebStrictOrder, ThreatSignaturesEmergingEventsStrictOrder
   */
  readonly managedThreatSignatures?: string[];
  /**
   * Domains the hub's DNS Firewall refuses to resolve for every member.
   * @default - none
   */
  readonly dnsBlockedDomains?: string[];
  /**
   * The public web entrance.
   * @default - none
   */
  readonly publicWeb?: PublicWebProps;
  /**
   * Days to keep logs in the SIEM sink bucket.
   *
   * At least 400: LOG-1 refuses a log group that keeps the hub proxy's access log fewer days.
   * @default 400
   */
  readonly logRetentionDays?: number;
  /**
   * Monitoring and notification.
   * @default - an SNS topic without subscriptions
   */
  readonly monitoring?: SecurityCloudMonitoringProps;
  /**
   * Extra tags on every resource.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * What a member needs to join a hub: the hub's exported attributes. A same-app member gets it from
 * `SecurityCloud.connectionFor(code)`; a member in another app or account writes it in its blueprint
 * (`internet.securityCloudHub`), with the IDs the hub's owner gives it.
 */
export interface SecurityCloudConnectionProps {
  /** The hub's transit gateway (`tgw-...`, shared through AWS RAM across accounts), or a token of the same app. */
  readonly transitGatewayId: string;
  /** The hub VPC's CIDR: the only destination the member routes to the hub (proxy, mail relay, DNS). */
  readonly hubCidr: string;
  /** IPv4 addresses of the hub's DNS (Route 53 Resolver inbound endpoint): the member's resolver forwards every name to them. */
  readonly dnsAddresses: string[];
  /** The proxy address members configure in their browsers (`host:port` of the proxy fleet's internal load balancer). */
  readonly proxyEndpoint?: string;
  /** ARN of the hub's SIEM sink bucket; the member's flow and firewall logs go to `members/<code>/` in it. */
  readonly siemBucketArn: string;
  /**
   * Same app only: the hub's transit route table its own VPC attachment uses (the member propagates its attachment
   * into it) and the hub VPC attachment (propagated into the member's own table). Omitted across accounts: the hub's
   * owner declares the member in `SecurityCloudProps.members`.
   * @default - the hub's owner creates the member's route table
   */
  readonly hubRouteTableId?: string;
  /** See `hubRouteTableId`. @default - see `hubRouteTableId` */
  readonly hubAttachmentId?: string;
}

/** A hub members can join: both engines' `SecurityCloud` constructs implement it. */
export interface ISecurityCloud {
  /** The hub's attributes for one member (its local government code), for `MunicipalNetwork`'s `securityCloud`. */
  connectionFor(localGovernmentCode: string): SecurityCloudConnectionProps;
}
