/**
 * The engine-neutral plan of the prefecture security cloud's hub (自治体情報セキュリティクラウド): everything both
 * engines' `SecurityCloud` constructs build, decided here once. A pure function of the validated props: equal props give
 * a byte-identical plan (sorted members, sites and domains; no timestamps). README "Prefecture security cloud" describes
 * the topology (routes, transit gateway tables, inspection, proxy, mail relay, DNS, public web, SIEM, monitoring).
 */
import { sortedUnique, toDnsFirewallDomain } from './domain-syntax';
import { defaultIpsRules, managedGroups } from './firewall-rules';
import { mailRelayConfig, MailRelayFile } from './mail-relay';
import { DnsFirewallPlan, StatefulRuleGroupPlan } from './network-plan';
import { AGENT_CONF_EOF, cloudWatchRetention, proxyAgentConfig } from './proxy';
import { HTTP_PORTS, hubSquidConfig, RFC1918_CIDRS } from './web-proxy';
import { CidrAllocator, Ipv4Cidr } from '../model/cidr';
import { isSubdomainPattern } from '../model/domains';
import { HUB_FUNCTION_TAG_KEY, HubFunction, SECURITY_CLOUD_HUB, SECURITY_CLOUD_TAG_KEY, SecurityCloudProps } from '../model/security-cloud';
import { DEFAULT_THREAT_SIGNATURE_GROUPS } from '../model/threat-signatures';
import { hubMailRelayProps, LOCAL_GOVERNMENT_CODE, MAIL_LOG_FILE, parseMilter, SECURITY_CLOUD_DEFAULTS, validateSecurityCloud } from '../model/validate-security-cloud';

/** The four subnet tiers of the hub VPC. */
export enum HubTier {
  /** Transit gateway attachment ENIs. */
  TRANSIT = 'transit',
  /** Proxy servers, mail relay, Resolver endpoints, the internal load balancer. */
  SERVICES = 'services',
  /** Network Firewall endpoints. */
  FIREWALL = 'firewall',
  /** NAT gateways, the internet-facing load balancers. */
  PUBLIC = 'public',
}

/** What a hub route points at. */
export enum HubRouteTarget {
  /** The Network Firewall endpoint of the AZ `azIndex`. */
  FIREWALL_ENDPOINT = 'firewall-endpoint',
  /** The NAT gateway of the AZ `azIndex`. */
  NAT_GATEWAY = 'nat-gateway',
  /** The hub VPC's internet gateway. */
  INTERNET_GATEWAY = 'internet-gateway',
  /** The hub's transit gateway. */
  TRANSIT_GATEWAY = 'transit-gateway',
}

export interface HubSubnetPlan {
  /** `<tier>-<az number>`, e.g. `services-1`; also the key of its route table and the construct id suffix. */
  readonly key: string;
  readonly tier: HubTier;
  readonly azIndex: number;
  readonly availabilityZone: string;
  readonly cidr: string;
  /** Key of its route table (one route table per subnet). */
  readonly routeTable: string;
}

export interface HubRoutePlan {
  readonly destination: string;
  readonly target: HubRouteTarget;
  /** For FIREWALL_ENDPOINT and NAT_GATEWAY: the AZ of the endpoint / gateway. */
  readonly azIndex?: number;
}

export interface HubRouteTablePlan {
  readonly key: string;
  readonly tier: HubTier;
  readonly azIndex: number;
  /** Routes besides the VPC's local route, in a fixed order. */
  readonly routes: HubRoutePlan[];
}

export interface HubMemberRouteTablePlan {
  /** `member-<code>`. */
  readonly key: string;
  readonly localGovernmentCode: string;
  /** The member's (accepted) attachment: associated with this table; the hub table routes `internetCidr` to it. */
  readonly attachmentId: string;
  /**
   * The member's Internet segment block as the hub declares it: the hub table's static route to the attachment. Not a
   * propagation: a VPC of another account could announce any block it adds (a secondary CIDR inside another member's
   * block would win by longest prefix and draw that member's traffic), and the guard could not bound it.
   */
  readonly internetCidr: string;
}

export interface HubTransitGatewayPlan {
  readonly description: string;
  /** Subnets of the hub VPC attachment (the transit tier). */
  readonly attachmentSubnetKeys: string[];
  /**
   * Key of the hub table: associated with the hub VPC attachment; every member attachment propagates into it.
   * Same-app members create their own propagation (and their own table) from `hubRouteTableId`.
   */
  readonly hubRouteTableKey: string;
  /**
   * Tables the hub creates for members in other accounts or apps (those with `attachmentId`): each is associated with
   * the member's attachment and holds only the propagation of the hub VPC attachment; the hub table routes the member's
   * declared `internetCidr` to the attachment (a static route, not a propagation).
   */
  readonly memberRouteTables: HubMemberRouteTablePlan[];
  /**
   * The AWS RAM share of the transit gateway with the members' accounts, when a member is declared with an `accountId`.
   * The transit gateway keeps `AutoAcceptSharedAttachments` disabled: the hub's owner accepts each member's attachment.
   */
  readonly resourceShare?: HubResourceSharePlan;
}

/** An AWS RAM resource share of the hub's transit gateway. */
export interface HubResourceSharePlan {
  /** The share's name, `<namePrefix>-tgw`. */
  readonly name: string;
  /** The members' account IDs, sorted, each once. */
  readonly principals: string[];
  /** false: only accounts of the hub's AWS Organization can use the share. */
  readonly allowExternalPrincipals: boolean;
}

/**
 * Log delivery from one member account into its members' prefixes of the SIEM bucket: the bucket policy grants
 * `delivery.logs.amazonaws.com` `s3:PutObject` on `<bucket>/<prefix>*` for each prefix, on condition that
 * `aws:SourceAccount` is this account.
 */
export interface HubMemberAccountDeliveryPlan {
  readonly accountId: string;
  /** `members/<code>/` of every member declared with this account, sorted. */
  readonly prefixes: string[];
}

export interface HubFirewallPlan {
  /** Name fragment, `Inspection`. */
  readonly key: string;
  readonly description: string;
  readonly subnetKeys: string[];
  readonly statelessDefaultActions: string[];
  readonly statelessFragmentDefaultActions: string[];
  readonly statefulDefaultActions: string[];
  /** Always `STRICT_ORDER`. */
  readonly ruleOrder: string;
  readonly ruleGroups: StatefulRuleGroupPlan[];
  /**
   * AWS managed threat-signature groups by name, with their priorities (the hub's IDS/IPS, SC-2), ahead of every group of
   * `ruleGroups`: the renderers build the ARN in the deploying partition and region (`managedRuleGroupArn`).
   */
  readonly managedRuleGroups: { readonly name: string; readonly priority: number }[];
  /** SIEM bucket prefixes of the firewall's ALERT and FLOW logs. */
  readonly alertLogPrefix: string;
  readonly flowLogPrefix: string;
}

export interface HubLogShippingPlan {
  /** The file on the instance. */
  readonly path: string;
  readonly logGroupName: string;
  /** CloudWatch Logs retention (days); undefined = never expire. */
  readonly retentionDays?: number;
  /** The SIEM bucket prefix the delivery stream writes to (`hub/proxy/`, `hub/mail/`). */
  readonly siemPrefix: string;
}

export interface HubProxyPlan {
  readonly port: number;
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly subnetKeys: string[];
  /** Public SSM parameter of the image (Debian 12). */
  readonly imageParameter: string;
  /** Who may use the proxy (RFC 1918: the members arrive through the transit gateway). */
  readonly clientCidrs: string[];
  /** Ports the proxy servers open outward (through the inspection firewall). */
  readonly egressTcpPorts: number[];
  readonly squidConfig: string;
  /** The CloudWatch agent's configuration (JSON text). */
  readonly agentConfig: string;
  /** The instances' user data (bash), plain text: the engine base64-encodes it. No `${` or `%{` in it. */
  readonly userData: string;
  readonly accessLog: HubLogShippingPlan;
}

export interface HubMailRelayPlan {
  readonly hostname: string;
  readonly smtpPort: number;
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly subnetKeys: string[];
  readonly imageParameter: string;
  /** The members' Internet segment CIDRs: the networks that may send mail outward through the relay (mynetworks). */
  readonly senderCidrs: string[];
  /** The spam / malware filter's milter. `onRelay`: it runs on the relay itself (rspamd, installed by the user data). */
  readonly filter: { readonly address: string; readonly port: number; readonly onRelay: boolean };
  readonly files: MailRelayFile[];
  readonly userData: string;
  readonly mailLog: HubLogShippingPlan;
  /**
   * The internet-facing load balancer's target group keeps client addresses off (`preserve_client_ip.enabled` false):
   * the relay then answers the load balancer through the firewall of its own AZ, symmetric with the inbound path.
   */
  readonly preserveClientIp: boolean;
}

export interface HubResolverAddressPlan {
  readonly subnetKey: string;
  readonly ip: string;
}

export interface HubDnsPlan {
  /** The Route 53 Resolver inbound endpoint's fixed addresses, one per AZ: what members forward every name to. */
  readonly inboundAddresses: HubResolverAddressPlan[];
  /** The DNS Firewall of the hub VPC's resolver (blocks `dnsBlockedDomains`; fails closed). */
  readonly firewall: DnsFirewallPlan;
  /** SIEM bucket prefix of the Resolver query log. */
  readonly queryLogPrefix: string;
}

export interface HubSitePlan {
  /** `site-<n>` in host-name order. */
  readonly key: string;
  readonly hostName: string;
  readonly localGovernmentCode: string;
  readonly port: number;
  /** `HTTPS` for ports 443 / 8443, else `HTTP` (toward the member's web servers). */
  readonly protocol: string;
  readonly targets: string[];
  /** Listener rule priority. */
  readonly priority: number;
}

export interface HubManagedRulePlan {
  readonly vendorName: string;
  readonly name: string;
  readonly priority: number;
}

export interface HubPublicWebPlan {
  readonly certificateArn: string;
  readonly subnetKeys: string[];
  readonly sites: HubSitePlan[];
  /** The WAFv2 web ACL's managed rule groups (SQL injection first). */
  readonly managedRuleGroups: HubManagedRulePlan[];
  readonly shieldAdvanced: boolean;
  /** CloudFront in front of the load balancer. */
  readonly cdn?: { readonly webAclArn: string; readonly certificateArn: string; readonly aliases: string[] };
}

export interface HubSiemPlan {
  /** The bucket name without its account suffix: the engine appends `-<account id>` (WAF logs need `aws-waf-logs-`). */
  readonly bucketNamePrefix: string;
  readonly retentionDays: number;
  readonly flowLogPrefix: string;
  readonly firewallPrefix: string;
  readonly dnsQueryPrefix: string;
  readonly proxyPrefix: string;
  readonly mailPrefix: string;
  /** Where WAF writes (AWS fixes it: `AWSLogs/<account>/WAFLogs/...`). */
  readonly wafPrefix: string;
  /** `members/<code>/` for every declared member, and its account (undefined: the hub's). */
  readonly memberPrefixes: { readonly localGovernmentCode: string; readonly prefix: string; readonly accountId?: string }[];
  /**
   * Where members in the hub's account write: `members/`. Same-app members join after the hub is planned (through
   * `connectionFor`), so their codes are not known here; the bucket policy lets the hub's own account's log delivery
   * write under this prefix (the bucket's owner could rewrite the policy anyway), and no other account.
   */
  readonly hubAccountMemberPrefix: string;
  /** One entry per other account (declared members' `accountId`), sorted by account ID. */
  readonly memberAccountDeliveries: HubMemberAccountDeliveryPlan[];
}

/** What an alarm watches: the renderer resolves its dimensions. */
export enum HubAlarmSubject {
  PROXY_INSTANCES = 'proxy-instances',
  MAIL_RELAY_INSTANCES = 'mail-relay-instances',
  PROXY_TARGETS = 'proxy-targets',
  MAIL_RELAY_TARGETS = 'mail-relay-targets',
  SITE_TARGETS = 'site-targets',
}

export interface HubAlarmPlan {
  readonly key: string;
  readonly description: string;
  readonly subject: HubAlarmSubject;
  /** With SITE_TARGETS: the site's key. */
  readonly siteKey?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: string;
  readonly comparisonOperator: string;
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** `breaching`: no data from a server is an incident too. */
  readonly treatMissingData: string;
}

export interface HubMonitoringPlan {
  readonly notificationEmails: string[];
  readonly alarms: HubAlarmPlan[];
}

export interface HubMemberPlan {
  readonly localGovernmentCode: string;
  readonly internetCidr: string;
  readonly attachmentId?: string;
  /** The member's account, when it is declared with one. */
  readonly accountId?: string;
  readonly siemPrefix: string;
}

/** The hub, for both engines. */
export interface SecurityCloudPlan {
  readonly prefecture: string;
  /** Prefix of resource names: `<prefecture>-sc`. */
  readonly namePrefix: string;
  readonly cidr: string;
  readonly availabilityZones: string[];
  /** Tags on every hub resource (the user's and `jichitai:security-cloud=hub`); add `jichitai:hub-function` per resource. */
  readonly tags: Record<string, string>;
  readonly subnets: HubSubnetPlan[];
  readonly routeTables: HubRouteTablePlan[];
  /** One NAT gateway per AZ, in the public subnet of that AZ (subnet keys, by AZ index). */
  readonly natGatewaySubnetKeys: string[];
  readonly transitGateway: HubTransitGatewayPlan;
  readonly firewall: HubFirewallPlan;
  readonly proxy: HubProxyPlan;
  readonly mailRelay: HubMailRelayPlan;
  readonly dns: HubDnsPlan;
  readonly publicWeb?: HubPublicWebPlan;
  readonly siem: HubSiemPlan;
  readonly monitoring: HubMonitoringPlan;
  readonly members: HubMemberPlan[];
}

/**
 * The tags of a hub resource (both engines use this, so that they tag alike): the plan's tags, `Name` =
 * `<namePrefix>-<name>`, and `jichitai:hub-function` = `fn` when the resource performs one (network plumbing such as the
 * VPC, subnets, route tables, NAT and transit gateways has none). Sorted by key.
 */
export function hubTags(plan: SecurityCloudPlan, fn: HubFunction | undefined, name: string): Record<string, string> {
  const all: Record<string, string> = { ...plan.tags, Name: `${plan.namePrefix}-${name}` };
  if (fn) all[HUB_FUNCTION_TAG_KEY] = fn;
  return Object.fromEntries(Object.keys(all).sort().map((k) => [k, all[k]]));
}

/**
 * What the hub exports as stack outputs (both engines), for members in other apps or accounts: the attributes they join
 * with, and the ids a member's guard binds with the hub's deployed outputs (`securityCloudHub`, src/guard/hub-evidence.ts).
 * Each entry: the output's name and description; the engine supplies the value.
 */
export const HUB_OUTPUTS = {
  transitGatewayId: { name: 'TransitGatewayId', description: 'The hub transit gateway members attach to (transitGatewayId)' },
  hubCidr: { name: 'HubCidr', description: 'The hub VPC CIDR (hubCidr)' },
  dnsAddresses: { name: 'DnsAddresses', description: 'The hub resolvers members forward every name to, comma-separated (dnsAddresses)' },
  proxyEndpoint: { name: 'ProxyEndpoint', description: 'The web proxy, host:port (proxyEndpoint)' },
  siemBucketArn: { name: 'SiemBucketArn', description: 'The SIEM bucket members log to under members/<code>/ (siemBucketArn)' },
  siemBucketName: { name: 'SiemBucketName', description: 'The SIEM bucket\'s name' },
  hubRouteTableId: { name: 'HubRouteTableId', description: 'The hub transit route table (hubRouteTableId, same-app members)' },
  hubAttachmentId: { name: 'HubAttachmentId', description: 'The hub VPC attachment (hubAttachmentId, same-app members)' },
} as const;

/** The output of the route table the hub creates for a member declared with `attachmentId`. */
export function memberRouteTableOutput(localGovernmentCode: string): { name: string; description: string } {
  return { name: `MemberRouteTableId${localGovernmentCode}`, description: `The transit route table of member ${localGovernmentCode}` };
}

/** A built hub's attributes, as an engine renders them (tokens or Terraform expressions). */
export interface HubOutputValues {
  readonly transitGatewayId: string;
  readonly cidr: string;
  readonly dnsAddresses: readonly string[];
  readonly proxyEndpoint: string;
  readonly siemBucketArn: string;
  readonly siemBucketName: string;
  readonly hubRouteTableId: string;
  readonly hubAttachmentId: string;
}

/** Every output the hub exports (`HUB_OUTPUTS`, then one per member table), in a fixed order, with its value. */
export function hubOutputs(hub: HubOutputValues, memberTables: Iterable<readonly [string, string]>)
  : { name: string; description: string; value: string }[] {
  const o = HUB_OUTPUTS;
  return [
    { ...o.transitGatewayId, value: hub.transitGatewayId },
    { ...o.hubCidr, value: hub.cidr },
    { ...o.dnsAddresses, value: hub.dnsAddresses.join(',') },
    { ...o.proxyEndpoint, value: hub.proxyEndpoint },
    { ...o.siemBucketArn, value: hub.siemBucketArn },
    { ...o.siemBucketName, value: hub.siemBucketName },
    { ...o.hubRouteTableId, value: hub.hubRouteTableId },
    { ...o.hubAttachmentId, value: hub.hubAttachmentId },
    ...[...memberTables].map(([code, table]) => ({ ...memberRouteTableOutput(code), value: table })),
  ];
}

/** Debian 12 (bookworm), amd64, the public parameter Debian keeps current. https://wiki.debian.org/Cloud/AmazonEC2Image */
export const DEBIAN_IMAGE_PARAMETER = '/aws/service/debian/release/12/latest/amd64';
/** The relay's instance type (Postfix and rspamd for a prefecture's mail). */
const MAIL_RELAY_INSTANCE_TYPE = 't3.small';
/** Offset of the Resolver inbound endpoint's address in each services subnet (AWS reserves the first four). */
const RESOLVER_ADDRESS_OFFSET = 10;
/** The public tier's prefix: an ALB needs a /27 or larger with eight free addresses per subnet. */
const PUBLIC_PREFIX = 26;
/** Network Firewall endpoints and TGW attachments: a /28 each (AWS's recommendation). */
const SMALL_PREFIX = 28;
const SMTP_PORT = 25;
/** Signature IDs of the hub's rules (local range, apart from the municipal firewalls' 1,000,100-1,000,499). */
const SID = { ips: 1_000_500, pass: 1_000_600, blocked: 1_001_000 } as const;
const SQUID_CONF_EOF = 'JICHITAI_SQUID_CONF';
const FILE_EOF = 'JICHITAI_POSTFIX_FILE';
const USER_DATA_LIMIT = 16 * 1024;
const AGENT_CTL = '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl';
const AGENT_DEB = 'https://amazoncloudwatch-agent.s3.amazonaws.com/debian/amd64/latest/amazon-cloudwatch-agent.deb';

function checkHeredoc(text: string, eof: string, what: string): void {
  if (text.split('\n').includes(eof)) throw new Error(`${what} contains the heredoc delimiter ${eof}`);
  // Terraform reads "${" and "%{" in a string as interpolation / template directives.
  if (/[$%]\{/.test(text)) throw new Error(`${what} contains "\${" or "%{", which Terraform would read as an interpolation`);
}

function agentLines(agentConfig: string, name: string): string[] {
  checkHeredoc(agentConfig, AGENT_CONF_EOF, 'the agent configuration');
  const conf = `/opt/aws/amazon-cloudwatch-agent/etc/${name}.json`;
  return [
    '# The log shipped to CloudWatch Logs by the CloudWatch agent (Debian package from AWS), then to the SIEM bucket.',
    `curl -fsSL --retry 5 -o /tmp/amazon-cloudwatch-agent.deb ${AGENT_DEB}`,
    'dpkg -i -E /tmp/amazon-cloudwatch-agent.deb',
    `cat > ${conf} <<'${AGENT_CONF_EOF}'`,
    agentConfig,
    AGENT_CONF_EOF,
    `${AGENT_CTL} -a fetch-config -m ec2 -s -c file:${conf}`,
    '',
  ];
}

function finish(lines: string[], what: string): string {
  const script = lines.join('\n');
  if (Buffer.byteLength(script) > USER_DATA_LIMIT) {
    throw new Error(`the ${what}'s user data is ${Buffer.byteLength(script)} bytes; EC2 takes ${USER_DATA_LIMIT}. Fix: block fewer or broader domains ("*.example.com").`);
  }
  return script;
}

function proxyUserData(squidConfig: string, agentConfig: string): string {
  checkHeredoc(squidConfig, SQUID_CONF_EOF, 'squid.conf');
  return finish([
    '#!/bin/bash',
    '# Generated by jichitai-network: boot script of the security cloud\'s web proxy (Squid, Debian 12). Do not edit by hand.',
    'set -euo pipefail',
    'export DEBIAN_FRONTEND=noninteractive',
    'apt-get update',
    'apt-get install -y --no-install-recommends squid curl',
    `cat > /etc/squid/squid.conf <<'${SQUID_CONF_EOF}'`,
    squidConfig.replace(/\n$/, ''),
    SQUID_CONF_EOF,
    'squid -k parse -f /etc/squid/squid.conf',
    'systemctl restart squid',
    '',
    ...agentLines(agentConfig, 'jichitai-proxy-access-log'),
  ], 'proxy');
}

function relayUserData(packageCommands: readonly string[], files: readonly MailRelayFile[], activateCommands: readonly string[],
  filterOnRelay: boolean, agentConfig: string): string {
  const fileLines = files.flatMap((f) => {
    checkHeredoc(f.content, FILE_EOF, f.path);
    return [`cat > ${f.path} <<'${FILE_EOF}'`, f.content.replace(/\n$/, ''), FILE_EOF, `chmod ${f.mode} ${f.path}`];
  });
  return finish([
    '#!/bin/bash',
    '# Generated by jichitai-network: boot script of the security cloud\'s mail relay (Postfix, Debian 12). Do not edit by hand.',
    'set -euo pipefail',
    'export DEBIAN_FRONTEND=noninteractive',
    'apt-get update',
    'apt-get install -y --no-install-recommends curl',
    ...packageCommands,
    ...(filterOnRelay ? [
      '# The spam / malware filter on the relay itself: rspamd, whose proxy worker is a milter on 127.0.0.1:11332 (Debian\'s defaults).',
      'apt-get install -y --no-install-recommends rspamd',
      'systemctl enable --now rspamd',
    ] : []),
    'install -d -m 0755 /etc/postfix',
    ...fileLines,
    ...activateCommands,
    '',
    ...agentLines(agentConfig, 'jichitai-mail-log'),
  ], 'mail relay');
}

/** A Suricata content string of a validated domain (letters, digits, dots, hyphens: nothing to escape). */
function suricataDomainRules(domains: readonly string[]): string[] {
  let sid = SID.blocked;
  return sortedUnique(domains).flatMap((d) => {
    const sub = isSubdomainPattern(d);
    const content = sub ? d.slice(1) : d;
    const anchor = sub ? 'endswith;' : 'startswith; endswith;';
    return [
      `drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"SC blocked domain ${d} (TLS SNI)"; flow:to_server; tls.sni; content:"${content}"; nocase; ${anchor} sid:${++sid}; rev:1;)`,
      `drop http $HOME_NET any -> $EXTERNAL_NET any (msg:"SC blocked domain ${d} (HTTP Host)"; flow:to_server; http.host; content:"${content}"; nocase; ${anchor} sid:${++sid}; rev:1;)`,
    ];
  });
}

/**
 * Plan the hub. Validates the props first (throws `SecurityCloudValidationError` listing every problem).
 */
export function planSecurityCloud(props: SecurityCloudProps): SecurityCloudPlan {
  const s = validateSecurityCloud(props);
  const azs = [...(s.availabilityZones ?? SECURITY_CLOUD_DEFAULTS.availabilityZones)];
  const prefix = `${s.prefecture}-sc`;
  const hub = Ipv4Cidr.parse(s.cidr);

  // --- subnets: services take half of the VPC (split over the AZ slots), then public /26s, transit and firewall /28s.
  const azBits = Math.ceil(Math.log2(azs.length));
  const allocator = new CidrAllocator(hub);
  const subnets: HubSubnetPlan[] = [];
  for (const [tier, prefixLength] of [
    [HubTier.SERVICES, hub.prefixLength + 1 + azBits], [HubTier.PUBLIC, PUBLIC_PREFIX],
    [HubTier.TRANSIT, SMALL_PREFIX], [HubTier.FIREWALL, SMALL_PREFIX],
  ] as const) {
    azs.forEach((availabilityZone, azIndex) => {
      const key = `${tier}-${azIndex + 1}`;
      subnets.push({ key, tier, azIndex, availabilityZone, cidr: allocator.take(prefixLength).toString(), routeTable: key });
    });
  }
  const keysOf = (tier: HubTier) => subnets.filter((x) => x.tier === tier).map((x) => x.key);
  const cidrOf = (tier: HubTier, azIndex: number) => subnets.find((x) => x.tier === tier && x.azIndex === azIndex)!.cidr;

  // --- routes: symmetric through the firewall of the services subnet's AZ.
  const toTgw = RFC1918_CIDRS.map((destination) => ({ destination, target: HubRouteTarget.TRANSIT_GATEWAY }));
  const routeTables: HubRouteTablePlan[] = subnets.map((sub) => {
    const az = sub.azIndex;
    let routes: HubRoutePlan[];
    switch (sub.tier) {
      case HubTier.TRANSIT:
        routes = [];
        break;
      case HubTier.SERVICES:
        routes = [
          { destination: '0.0.0.0/0', target: HubRouteTarget.FIREWALL_ENDPOINT, azIndex: az },
          ...toTgw,
          // The internet-facing load balancers' subnets through the same firewall as their path in (mail NLB -> relay).
          ...azs.map((_, i) => ({ destination: cidrOf(HubTier.PUBLIC, i), target: HubRouteTarget.FIREWALL_ENDPOINT, azIndex: az })),
        ];
        break;
      case HubTier.FIREWALL:
        routes = [{ destination: '0.0.0.0/0', target: HubRouteTarget.NAT_GATEWAY, azIndex: az }];
        break;
      default:
        routes = [
          { destination: '0.0.0.0/0', target: HubRouteTarget.INTERNET_GATEWAY },
          ...azs.map((_, i) => ({ destination: cidrOf(HubTier.SERVICES, i), target: HubRouteTarget.FIREWALL_ENDPOINT, azIndex: i })),
          ...toTgw,
        ];
    }
    return { key: sub.routeTable, tier: sub.tier, azIndex: az, routes };
  });

  const members = [...(s.members ?? [])].sort((a, b) => (a.localGovernmentCode < b.localGovernmentCode ? -1 : 1));
  const memberPrefix = (code: string) => `members/${code}/`;
  // Every declared account is a principal, even one that may turn out to be the hub's own (the hub's account is a token
  // at synthesis): sharing with one's own account is harmless, leaving a member out is not.
  const memberAccounts = sortedUnique(members.flatMap((m) => (m.accountId !== undefined ? [m.accountId] : [])));
  const retention = s.logRetentionDays ?? SECURITY_CLOUD_DEFAULTS.logRetentionDays;
  const logGroup = (what: string) => `/jichitai/security-cloud/${s.prefecture}/${what}`;
  const servicesCidrs = keysOf(HubTier.SERVICES).map((k) => subnets.find((x) => x.key === k)!.cidr);
  const publicCidrs = keysOf(HubTier.PUBLIC).map((k) => subnets.find((x) => x.key === k)!.cidr);

  // --- inspection
  const homeNet = [s.cidr];
  const blockedWeb = s.proxy?.blockedDomains ?? [];
  const list = (cidrs: string[]) => `[${cidrs.join(',')}]`;
  const ipsLines = [...defaultIpsRules(SID.ips), ...suricataDomainRules(blockedWeb)];
  const firewall: HubFirewallPlan = {
    key: 'Inspection',
    description: `Gateway firewall and IPS of the ${s.prefecture} security cloud (自治体情報セキュリティクラウド)`,
    subnetKeys: keysOf(HubTier.FIREWALL),
    statelessDefaultActions: ['aws:forward_to_sfe'],
    statelessFragmentDefaultActions: ['aws:forward_to_sfe'],
    statefulDefaultActions: ['aws:drop_strict', 'aws:alert_strict'],
    ruleOrder: 'STRICT_ORDER',
    ruleGroups: [
      { key: 'ips', priority: 100, capacity: 2000, description: 'IPS in drop mode: protocol enforcement and blocked domains (TLS SNI, HTTP Host)', homeNet, rulesString: ipsLines.join('\n') },
      {
        key: 'hub-egress',
        priority: 200,
        capacity: 100,
        description: 'The proxy servers to the web, the mail relay to SMTP, internet mail to the relay; everything else is dropped by default',
        homeNet,
        // Web traffic passes in two steps so that the IPS group above sees every TLS ClientHello and HTTP request: a
        // port-level `pass tcp` would pass the whole flow at its first packet, before any SNI or Host is known. The
        // handshake passes (flow:not_established), then only TLS to 443 and HTTP to 80 (AWS's strict-order pattern:
        // https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-rule-evaluation-order.html).
        // SMTP passes by port: its server speaks first, and no IPS rule reads it.
        rulesString: [
          `pass tcp ${list(servicesCidrs)} any <> $EXTERNAL_NET [${HTTP_PORTS.join(',')}] (msg:"SC hub servers: TCP handshake to the web"; flow:not_established; sid:${SID.pass + 1}; rev:1;)`,
          `pass tls ${list(servicesCidrs)} any -> $EXTERNAL_NET 443 (msg:"SC hub servers: TLS to the web"; flow:to_server,established; sid:${SID.pass + 4}; rev:1;)`,
          `pass http ${list(servicesCidrs)} any -> $EXTERNAL_NET 80 (msg:"SC hub servers: HTTP to the web"; flow:to_server,established; sid:${SID.pass + 5}; rev:1;)`,
          `pass tcp ${list(servicesCidrs)} any -> $EXTERNAL_NET ${SMTP_PORT} (msg:"SC mail relay to SMTP"; flow:to_server; sid:${SID.pass + 2}; rev:1;)`,
          `pass tcp ${list(publicCidrs)} any -> ${list(servicesCidrs)} ${SMTP_PORT} (msg:"SC internet mail from the relay's load balancer"; flow:to_server; sid:${SID.pass + 3}; rev:1;)`,
        ].join('\n'),
      },
    ],
    // The IDS/IPS (不正通信検知, SC-2): AWS managed threat signatures ahead of both groups; the protocol rules and the
    // blocked domains stay a group of their own after them.
    managedRuleGroups: managedGroups(s.managedThreatSignatures ?? DEFAULT_THREAT_SIGNATURE_GROUPS),
    alertLogPrefix: 'hub/network-firewall/alert',
    flowLogPrefix: 'hub/network-firewall/flow',
  };

  // --- proxy
  const port = s.proxy?.port ?? SECURITY_CLOUD_DEFAULTS.proxyPort;
  const proxyInstances = s.proxy?.instances ?? SECURITY_CLOUD_DEFAULTS.proxyInstances;
  const squidConfig = hubSquidConfig({ port, blockedDomains: blockedWeb });
  const proxyLog: HubLogShippingPlan = { path: '/var/log/squid/access.log', logGroupName: logGroup('proxy'), retentionDays: cloudWatchRetention(retention), siemPrefix: 'hub/proxy/' };
  const proxyAgent = proxyAgentConfig(proxyLog.logGroupName, proxyLog.path);

  // --- mail relay
  const relayProps = hubMailRelayProps(s);
  const relay = mailRelayConfig(relayProps);
  const milter = parseMilter(s.mailFilterMilter ?? SECURITY_CLOUD_DEFAULTS.mailFilterMilter)!;
  const onRelay = milter.address.startsWith('127.');
  const mailLog: HubLogShippingPlan = { path: MAIL_LOG_FILE, logGroupName: logGroup('mail'), retentionDays: cloudWatchRetention(retention), siemPrefix: 'hub/mail/' };
  const mailAgent = proxyAgentConfig(mailLog.logGroupName, mailLog.path);

  // --- DNS
  const inboundAddresses = servicesCidrs.map((c, i) => ({
    subnetKey: keysOf(HubTier.SERVICES)[i],
    ip: Ipv4Cidr.formatAddress(Ipv4Cidr.parse(c).network + RESOLVER_ADDRESS_OFFSET),
  }));
  const dnsBlocked = sortedUnique((s.dnsBlockedDomains ?? []).map(toDnsFirewallDomain));

  // --- public web
  const web = s.publicWeb;
  const sites: HubSitePlan[] = web ? [...web.sites].sort((a, b) => (a.hostName < b.hostName ? -1 : 1)).map((site, i) => {
    const sitePort = site.port ?? SECURITY_CLOUD_DEFAULTS.sitePort;
    return {
      key: `site-${i + 1}`,
      hostName: site.hostName,
      localGovernmentCode: site.localGovernmentCode,
      port: sitePort,
      protocol: sitePort === 443 || sitePort === 8443 ? 'HTTPS' : 'HTTP',
      targets: [...site.targets].sort((a, b) => Ipv4Cidr.parse(`${a}/32`).network - Ipv4Cidr.parse(`${b}/32`).network),
      priority: i + 1,
    };
  }) : [];

  const alarm = (key: string, description: string, subject: HubAlarmSubject, namespace: string, metricName: string, statistic: string,
    comparisonOperator: string, threshold: number, siteKey?: string): HubAlarmPlan => ({
    key, description, subject, siteKey, namespace, metricName, statistic, comparisonOperator, threshold, periodSeconds: 60, evaluationPeriods: 3, treatMissingData: 'breaching',
  });
  const alarms: HubAlarmPlan[] = [
    alarm('proxy-status-check', 'Web proxy servers: EC2 status check failed (ping-equivalent, 死活監視)', HubAlarmSubject.PROXY_INSTANCES, 'AWS/EC2', 'StatusCheckFailed', 'Maximum', 'GreaterThanOrEqualToThreshold', 1),
    alarm('mail-relay-status-check', 'Mail relay servers: EC2 status check failed (ping-equivalent, 死活監視)', HubAlarmSubject.MAIL_RELAY_INSTANCES, 'AWS/EC2', 'StatusCheckFailed', 'Maximum', 'GreaterThanOrEqualToThreshold', 1),
    alarm('proxy-service', `Web proxy service check: no healthy server on TCP ${port} (サービス監視)`, HubAlarmSubject.PROXY_TARGETS, 'AWS/NetworkELB', 'HealthyHostCount', 'Minimum', 'LessThanThreshold', 1),
    alarm('mail-relay-service', 'Mail relay service check: no healthy server on SMTP 25 (サービス監視)', HubAlarmSubject.MAIL_RELAY_TARGETS, 'AWS/NetworkELB', 'HealthyHostCount', 'Minimum', 'LessThanThreshold', 1),
    ...sites.map((site) => alarm(`${site.key}-url`, `URL check of ${site.hostName}: an unhealthy web server (URL 監視)`, HubAlarmSubject.SITE_TARGETS,
      'AWS/ApplicationELB', 'UnHealthyHostCount', 'Maximum', 'GreaterThanOrEqualToThreshold', 1, site.key)),
  ];

  return {
    prefecture: s.prefecture,
    namePrefix: prefix,
    cidr: s.cidr,
    availabilityZones: azs,
    tags: { ...(s.tags ?? {}), [SECURITY_CLOUD_TAG_KEY]: SECURITY_CLOUD_HUB },
    subnets,
    routeTables,
    natGatewaySubnetKeys: keysOf(HubTier.PUBLIC),
    transitGateway: {
      description: `${s.prefecture} security cloud hub (自治体情報セキュリティクラウド)`,
      attachmentSubnetKeys: keysOf(HubTier.TRANSIT),
      hubRouteTableKey: 'hub',
      memberRouteTables: members.filter((m) => m.attachmentId !== undefined)
        .map((m) => ({ key: `member-${m.localGovernmentCode}`, localGovernmentCode: m.localGovernmentCode, attachmentId: m.attachmentId!, internetCidr: m.internetCidr })),
      resourceShare: memberAccounts.length > 0
        ? { name: `${prefix}-tgw`, principals: memberAccounts, allowExternalPrincipals: s.allowExternalPrincipals === true } : undefined,
    },
    firewall,
    proxy: {
      port,
      instanceType: s.proxy?.instanceType ?? SECURITY_CLOUD_DEFAULTS.proxyInstanceType,
      minInstances: proxyInstances,
      maxInstances: proxyInstances * 2,
      subnetKeys: keysOf(HubTier.SERVICES),
      imageParameter: DEBIAN_IMAGE_PARAMETER,
      clientCidrs: [...RFC1918_CIDRS],
      egressTcpPorts: [...HTTP_PORTS],
      squidConfig,
      agentConfig: proxyAgent,
      userData: proxyUserData(squidConfig, proxyAgent),
      accessLog: proxyLog,
    },
    mailRelay: {
      hostname: s.mailRelayHostname,
      smtpPort: SMTP_PORT,
      instanceType: MAIL_RELAY_INSTANCE_TYPE,
      minInstances: azs.length,
      // Room above the minimum: a rolling update replaces one server at a time while the minimum stays in service.
      maxInstances: azs.length * 2,
      subnetKeys: keysOf(HubTier.SERVICES),
      imageParameter: DEBIAN_IMAGE_PARAMETER,
      senderCidrs: [...new Set(relayProps.members.flatMap((m) => m.senderCidrs))]
        .sort((a, b) => Ipv4Cidr.parse(a).network - Ipv4Cidr.parse(b).network),
      filter: { address: milter.address, port: milter.port, onRelay },
      files: relay.files,
      userData: relayUserData(relay.packageCommands, relay.files, relay.activateCommands, onRelay, mailAgent),
      mailLog,
      preserveClientIp: false,
    },
    dns: {
      inboundAddresses,
      // The prefecture's only resolver: no resolution is better than unfiltered resolution (fail closed).
      firewall: { failOpen: false, rules: dnsBlocked.length > 0 ? [{ name: 'blocked', priority: 100, action: 'BLOCK', domains: dnsBlocked }] : [] },
      queryLogPrefix: 'hub/dns-queries',
    },
    publicWeb: web ? {
      certificateArn: web.certificateArn,
      subnetKeys: keysOf(HubTier.PUBLIC),
      sites,
      managedRuleGroups: [
        { vendorName: 'AWS', name: 'AWSManagedRulesSQLiRuleSet', priority: 10 },
        { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet', priority: 20 },
      ],
      shieldAdvanced: web.shieldAdvanced === true,
      cdn: web.cdn === true
        ? { webAclArn: web.cdnWebAclArn!, certificateArn: web.cdnCertificateArn!, aliases: sites.map((x) => x.hostName) } : undefined,
    } : undefined,
    siem: {
      bucketNamePrefix: `aws-waf-logs-${s.prefecture.toLowerCase()}-sc`,
      retentionDays: retention,
      flowLogPrefix: 'hub/flow-logs/',
      firewallPrefix: 'hub/network-firewall/',
      dnsQueryPrefix: 'hub/dns-queries/',
      proxyPrefix: 'hub/proxy/',
      mailPrefix: 'hub/mail/',
      wafPrefix: 'AWSLogs/',
      memberPrefixes: members.map((m) => ({
        localGovernmentCode: m.localGovernmentCode, prefix: memberPrefix(m.localGovernmentCode), accountId: m.accountId,
      })),
      hubAccountMemberPrefix: 'members/',
      memberAccountDeliveries: memberAccounts.map((accountId) => ({
        accountId,
        prefixes: members.filter((m) => m.accountId === accountId).map((m) => memberPrefix(m.localGovernmentCode)),
      })),
    },
    monitoring: { notificationEmails: [...(s.monitoring?.notificationEmails ?? [])].sort(), alarms },
    members: members.map((m) => ({
      localGovernmentCode: m.localGovernmentCode,
      internetCidr: m.internetCidr,
      attachmentId: m.attachmentId,
      accountId: m.accountId,
      siemPrefix: memberPrefix(m.localGovernmentCode),
    })),
  };
}

/**
 * Why a member cannot join the hub from the hub's own app (`SecurityCloud.connectionFor`, both engines), or undefined:
 * the code is not a local government code, or the member is declared with an attachment (the hub already creates its
 * route table) or in another account (its logs and attachment come from that account).
 */
export function sameAppJoinRefusal(plan: SecurityCloudPlan): (localGovernmentCode: unknown) => string | undefined {
  const attached = new Set(plan.transitGateway.memberRouteTables.map((t) => t.localGovernmentCode));
  const otherAccount = new Set(plan.members.filter((m) => m.accountId !== undefined).map((m) => m.localGovernmentCode));
  return (code) => {
    if (typeof code !== 'string' || !LOCAL_GOVERNMENT_CODE.test(code)) {
      return `${JSON.stringify(code)} is not a local government code (six digits). Fix: give the member's 全国地方公共団体コード, e.g. "131016".`;
    }
    if (attached.has(code)) {
      return `member ${code} is declared with an attachmentId (another account or app): the hub already creates its route table. `
        + 'Fix: remove attachmentId from its entry in members to join it from this app, or join it from its own app with the hub\'s exported attributes.';
    }
    if (otherAccount.has(code)) {
      return `member ${code} is declared with an accountId (another account): its logs and attachment come from that account, not from this app. `
        + 'Fix: join it from its own app with the hub\'s exported attributes, or remove accountId from its entry in members.';
    }
    return undefined;
  };
}
