/**
 * A small prefecture security cloud, written by hand in both engines' synthesized forms (CloudFormation and Terraform
 * JSON), independent of the hub / member constructs: a hub VPC with the four tiers (transit, services, firewall,
 * public), an inspection firewall, a NAT gateway, a Squid proxy fleet, a public web ALB behind WAF, a mail relay NLB, the
 * SIEM bucket and what delivers to it; a transit gateway with per-member tables; two member municipalities whose
 * Internet segments reach only the hub CIDR. `Mutation` switches one thing away from the contract, for the SC rules'
 * refusal tests.
 */
import { CloudFormationTemplate } from '../../src/guard/extract-cloudformation';
import { TerraformJson } from '../../src/guard/extract-terraform';

/** One change away from the reference topology. */
export interface Mutation {
  /** Member A's transit table also holds member B's propagation. */
  readonly crossPropagation?: boolean;
  /** Member A routes member B's block to the hub transit gateway. */
  readonly routeToB?: boolean;
  /**
   * The proxy's squid.conf: `deny-first` (the reference), `no-deny` (no RFC 1918 deny), `deny-after-allow`, `octal-deny`
   * (the deny first, its 10.0.0.0/8 written `010.0.0.0/8`, which Squid reads as octal: 8.0.0.0/8), `deny-nat64` (the
   * deny first, the NAT64 prefix 64:ff9b::/96 in it too).
   */
  readonly squid?: 'deny-first' | 'no-deny' | 'deny-after-allow' | 'octal-deny' | 'deny-nat64';
  /**
   * NAT64 from the proxy's subnets: the hub VPC and its services subnet get an IPv6 block, and the services table routes
   * the NAT64 prefix 64:ff9b::/96 to the NAT gateway (which sends a request for 64:ff9b::<IPv4> to that IPv4 address).
   * `deny-nat64` in `squid` denies the prefix with the private blocks. A string routes that IPv6 destination to the NAT
   * gateway instead (`2001:db8::/32`, `::/0`), `list:<cidr>` a prefix list of the output holding that one entry, and
   * `pl-…` a prefix list outside the output (a destination the guard cannot read).
   */
  readonly nat64?: boolean | string;
  /** Member A gets its own internet gateway and a default route to it. */
  readonly memberIgw?: boolean;
  /** The hub's services subnets send 0.0.0.0/0 straight to the NAT gateway, around the firewall. */
  readonly servicesToNat?: boolean;
  /** The firewall policy passes by default. */
  readonly firewallPasses?: boolean;
  /** The firewall policy's stateful default drops established connections only (`aws:drop_established`), not every packet. */
  readonly dropEstablished?: boolean;
  /** The firewall policy goes on with a connection broken midstream (stream exception policy `CONTINUE`). */
  readonly streamContinue?: boolean;
  /** A stateful rule group of the firewall policy (strict order, priority 100) holding these Suricata rules. */
  readonly firewallRules?: string;
  /**
   * The firewall's IPS (priority 50): by default an AWS managed threat-signature group (AP-4's IDS/IPS, which SC-2
   * counts); `signature` a group of our own with a hand-written IPS signature in drop mode instead, `port-filter` one
   * holding a port filter's drop; `none` leaves it out; `late` puts the managed group at priority 300, after
   * `firewallRules`; `elsewhere` gives the policy (whose HOME_NET the managed group's signatures use) the members'
   * blocks, which the traffic through the firewall (the hub's proxies) does not come from; `alert` overrides the managed
   * group to alert (DROP_TO_ALERT) beside the hand-written signature group (priority 60).
   */
  readonly ips?: 'managed' | 'signature' | 'none' | 'port-filter' | 'late' | 'elsewhere' | 'alert';
  /** The public web ALB's web ACL. */
  readonly waf?: 'sqli' | 'none' | 'common-only' | 'sqli-count' | 'sqli-match' | 'sqli-not' | 'sqli-after-allow' | 'sqli-scoped' | 'sqli-and';
  /** The mail NLB's listener ports. */
  readonly mailPorts?: readonly number[];
  /** An internet-facing ALB in member A. */
  readonly memberAlb?: boolean;
  /** Member A's flow log goes to a bucket of its own. */
  readonly memberFlowLogElsewhere?: boolean;
  /**
   * Member A's flow log to the SIEM changed (SC-4): `path` the text after the SIEM bucket's ARN (`''` the bucket's root;
   * `expression` a key path the guard cannot read), `trafficType`, a custom `logFormat` (fields as `${srcaddr}`).
   */
  readonly memberFlowLogA?: { readonly path?: string; readonly trafficType?: string; readonly logFormat?: string };
  /**
   * A second flow log of member A's VPC beside its complete one (SC-4): `path` the text after the SIEM bucket's ARN, its
   * `trafficType` (ACCEPT, REJECT); `unreadDestination`: to a bucket the guard cannot read instead (named by the stack's name in
   * CloudFormation, an input variable in Terraform).
   */
  readonly extraFlowLogA?: { readonly path: string; readonly trafficType: string; readonly unreadDestination?: boolean };
  /**
   * Member A's logs also carried to the SIEM by a Firehose delivery stream (SC-4): `via` an extra flow log of its VPC to
   * the stream (`flow-log`), or to a log group subscribed to it (`subscription`), or a stream tagged with member A's code
   * that a log group of its own is subscribed to (`tagged`), or the same untagged (`untagged`: member A's by its stack only); its `prefix` and `errorPrefix` (undefined: left out;
   * `expression`: one the guard cannot read). Defaults: `members/131016/stream/` and `members/131016/stream-errors/`.
   */
  readonly memberStreamA?: {
    readonly via: 'flow-log' | 'subscription' | 'tagged' | 'untagged';
    readonly prefix?: string;
    readonly errorPrefix?: string | null;
    /** Member A's flow log straight to the SIEM left out: the stream's (`flow-log`, `subscription`) is its only one. */
    readonly only?: boolean;
    /** Its records pass a Lambda processor (ProcessingConfiguration), which may drop any. */
    readonly processed?: boolean;
    /** The subscription filter's pattern (`subscription`, `tagged`, `untagged`; default `''`, every event). */
    readonly filterPattern?: string;
    /** Its S3 backup (`S3BackupMode` Enabled). */
    readonly backup?: StreamBackupMutation;
    /** A destination other than S3 in place of its S3 destination (SC-4). */
    readonly elsewhere?: ElsewhereMutation;
    /** The flow log (`flow-log`) names the stream (named `member-a-logs`) by a literal Firehose ARN of this name. */
    readonly literalArn?: string;
    /** The subscription filter (`subscription`) sends to a Lambda function (a literal ARN) instead of the stream. */
    readonly toFunction?: boolean;
    /** Its S3 destination is a bucket of member B's (tagged with its code) instead of the SIEM. */
    readonly otherBucket?: boolean;
  };
  /** An extra flow log of member A's VPC, of all traffic, to a bucket of its own (tagged), of member B's, or outside the output (a literal ARN). */
  readonly memberFlowLogBucketA?: 'own' | 'other' | 'external';
  /**
   * Member A's logs reach a delivery stream of the hub from another account (SC-4): an extra flow log of its VPC to a log
   * group of its own (`/member-a/central`), whose subscription filter names the hub's CloudWatch Logs destination
   * `member-a-logs` by its ARN; the destination's target is the hub's Firehose stream (`firehose`) or a Kinesis data stream
   * that stream reads (`kinesis`). The stream writes to the SIEM under `prefix` (default `members/131016/central/`; its
   * error output under `<prefix>errors/`), tagged with member `code` (default 131016); `only` leaves member A's flow log
   * straight to the SIEM out.
   */
  readonly memberDestinationA?: {
    readonly via: 'firehose' | 'kinesis';
    readonly prefix?: string;
    readonly code?: string;
    readonly only?: boolean;
    /**
     * `kinesis`: how the two sides name the Kinesis data stream (default: both by reference to its ARN): the destination's
     * target (`literal-target`) or the Firehose stream's source (`literal-source`) by a literal ARN of `kinesisArnName`
     * (default the stream's name `member-a-central`), the source by `Ref` (`ref-source`, CloudFormation).
     */
    readonly kinesisBy?: 'literal-target' | 'literal-source' | 'ref-source';
    readonly kinesisArnName?: string;
    /** The Kinesis data stream without a name (generated). */
    readonly unnamedKinesis?: boolean;
    /** The hub's stream without the member's tag (in the hub's stack, split: the hub's by its stack). */
    readonly untagged?: boolean;
    /**
     * The CloudWatch Logs destination's label (default: tagged with member `code`): `none` leaves it untagged (in the hub's
     * stack, split), `hub` labels it with a hub function (siem).
     */
    readonly destinationTag?: 'none' | 'hub';
  };
  /** The key prefix of the hub firewall's logs in the SIEM bucket (instead of `hub/firewall/<type>`). */
  readonly hubFirewallPrefix?: string;
  /** The key prefix of the hub's proxy-log delivery stream in the SIEM bucket (instead of `hub/proxy/`). */
  readonly hubStreamPrefix?: string;
  /** Drop the proxy log group's subscription filter. */
  readonly noProxySubscription?: boolean;
  /** Drop the WAF logging configuration. */
  readonly noWafLogging?: boolean;
  /** Drop the hub's Resolver query logging association. */
  readonly noQueryLogging?: boolean;
  /** The hub VPC without its `jichitai:security-cloud` tag. */
  readonly untaggedHub?: boolean;
  /** Member B's VPC without its municipality code. */
  readonly uncodedMember?: boolean;
  /** The proxy's Auto Scaling group names its launch template by name. */
  readonly asgByName?: boolean;
  /** No Auto Scaling group: where the proxy runs is unknown. */
  readonly noProxyGroup?: boolean;
}

/**
 * A delivery stream's S3 backup (SC-4): into the SIEM under `prefix` (default `members/131016/backup/`), into a bucket of
 * member A's (`own`: tagged with its code), of member B's (`other`), an untagged bucket (`untagged`), a bucket named by a
 * literal ARN from outside (`external`), or one the guard cannot read (`expression`). `mode` (default `Enabled`):
 * `expression` is one the guard cannot read.
 */
export interface StreamBackupMutation {
  readonly to: 'siem' | 'own' | 'other' | 'untagged' | 'external' | 'expression';
  readonly prefix?: string;
  readonly mode?: 'Enabled' | 'Disabled' | 'expression';
}

/**
 * A Firehose destination other than S3 (SC-4): an HTTP endpoint, Splunk, an OpenSearch Service domain of another account
 * (`opensearch`), Redshift (its intermediate bucket the SIEM under
 * `prefix`, its source record backup by `mode`, default `Enabled`), one the guard does not know (`unknown`), or, Terraform
 * only, an HTTP endpoint with the S3 configuration beside it as providers before 5.0 wrote it (`v4-http`). It backs up to
 * the SIEM under `prefix` (default `members/131016/stream/`) or to member B's bucket (`backupTo: 'other'`), by `mode`
 * (default the mode that backs up every record; `expression`: one the guard cannot read).
 */
export interface ElsewhereMutation {
  readonly type: 'http' | 'splunk' | 'opensearch' | 'redshift' | 'unknown' | 'v4-http';
  readonly mode?: string;
  readonly backupTo?: 'siem' | 'other';
  readonly prefix?: string;
}

const EVERY_MODE: Record<ElsewhereMutation['type'], string> = {
  'http': 'AllData', 'splunk': 'AllEvents', 'opensearch': 'AllDocuments', 'redshift': 'Enabled', 'unknown': 'AllData', 'v4-http': 'AllData',
};
/** The OpenSearch Service domain of `opensearch`: another account's (member B's, say), which the guard does not read. */
const OTHER_DOMAIN_ARN = 'arn:aws:es:ap-northeast-1:222233334444:domain/member-b-logs';

export const HUB_CIDR = '10.100.0.0/16';
const TIERS = { transit: '10.100.0.0/24', services: '10.100.1.0/24', firewall: '10.100.2.0/24', public: '10.100.3.0/24' } as const;
export const MEMBERS = [
  { key: 'A', code: '131016', cidr: '10.1.0.0/16', subnet: '10.1.0.0/24' },
  { key: 'B', code: '132012', cidr: '10.2.0.0/16', subnet: '10.2.0.0/24' },
] as const;
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** The hub's IPv6 block and its services subnet's (`Mutation.nat64`), and the NAT64 well-known prefix (RFC 6052). */
const HUB_V6 = '2001:db8:100::/56';
const SERVICES_V6 = '2001:db8:100:1::/64';
const NAT64_PREFIX = '64:ff9b::/96';
/** Where `Mutation.nat64` routes IPv6 to the NAT gateway: a literal block, a prefix list of the output's entry, or a list outside it. */
function nat64Destination(nat64: true | string): { cidr?: string; list?: string; outside?: string } {
  if (nat64 === true) return { cidr: NAT64_PREFIX };
  if (nat64.startsWith('list:')) return { list: nat64.slice('list:'.length) };
  return nat64.startsWith('pl-') ? { outside: nat64 } : { cidr: nat64 };
}
const SIEM_NAME = 'aws-waf-logs-pref-siem';
const DNS_ADDRESS = '10.100.1.10';

/** The proxy's boot script: squid.conf, and the CloudWatch agent shipping the access log to the proxy's log group. */
/** The IPS group's rules: a signature that drops by TLS SNI (suricata tls.sni + content), or a port filter's drop. */
function ipsRules(m: Mutation): string {
  return m.ips === 'port-filter'
    ? 'drop tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"no SMTP but the relay\'s"; sid:2; rev:1;)'
    : 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"blocked domain"; tls.sni; content:"malware.example"; nocase; endswith; sid:2; rev:1;)';
}

/** An AWS managed threat-signature group's ARN (literal: the guard reads it so in both engines). */
const MANAGED_IPS = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder';

/** The hand-written IPS group's priority, or undefined when the policy has none. */
function ipsPriority(m: Mutation): number | undefined {
  return m.ips === 'signature' || m.ips === 'port-filter' ? 50 : m.ips === 'alert' ? 60 : undefined;
}

/** The managed IPS group's priority, or undefined when the policy has none. */
function managedPriority(m: Mutation): number | undefined {
  return m.ips === 'none' || m.ips === 'signature' || m.ips === 'port-filter' ? undefined : m.ips === 'late' ? 300 : 50;
}

/** The hub firewall's stateful default actions when it drops by default. */
function defaultDrop(m: Mutation): string[] {
  return m.dropEstablished ? ['aws:drop_established', 'aws:alert_established'] : ['aws:drop_strict', 'aws:alert_strict'];
}

export function proxyBootScript(variant: Mutation['squid'] = 'deny-first'): string {
  const deny = 'http_access deny to_private';
  const access = variant === 'no-deny' ? ['http_access allow clients']
    : variant === 'deny-after-allow' ? ['http_access allow clients', deny] : [deny, 'http_access allow clients'];
  return [
    '#!/bin/bash',
    'cat > /etc/squid/squid.conf <<\'EOF\'',
    'http_port 8080',
    'acl clients src 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16',
    `acl to_private dst ${variant === 'octal-deny' ? '010.0.0.0/8' : '10.0.0.0/8'} 172.16.0.0/12 192.168.0.0/16 169.254.0.0/16 127.0.0.0/8${variant === 'deny-nat64' ? ' 64:ff9b::/96' : ''}`,
    'acl SSL_ports port 443',
    'acl CONNECT method CONNECT',
    'http_access deny CONNECT !SSL_ports',
    ...access,
    'http_access deny all',
    'access_log stdio:/var/log/squid/access.log',
    'EOF',
    'cat > /opt/aws/amazon-cloudwatch-agent/etc/config.json <<\'JICHITAI_CWAGENT_CONF\'',
    JSON.stringify({ logs: { logs_collected: { files: { collect_list: [{ file_path: '/var/log/squid/access.log', log_group_name: '/hub/proxy/access' }] } } } }),
    'JICHITAI_CWAGENT_CONF',
    '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/config.json',
    '',
  ].join('\n');
}

/** The web ACL's rules, in CloudFormation's spelling. */
function cfnWafRules(variant: NonNullable<Mutation['waf']>): unknown[] {
  const managed = (name: string, priority: number, override: 'None' | 'Count' = 'None') => ({
    Name: name,
    Priority: priority,
    OverrideAction: { [override]: {} },
    Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: name },
  });
  const sqli = { SqliMatchStatement: { FieldToMatch: { Body: {} }, TextTransformations: [{ Priority: 0, Type: 'URL_DECODE' }] } };
  const header = {
    ByteMatchStatement: { SearchString: 'x', FieldToMatch: { SingleHeader: { Name: 'x-test' } }, TextTransformations: [{ Priority: 0, Type: 'NONE' }], PositionalConstraint: 'EXACTLY' },
  };
  const custom = (statement: unknown) => ({
    Name: 'sqli',
    Priority: 2,
    Action: { Block: {} },
    Statement: statement,
    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'sqli' },
  });
  const common = managed('AWSManagedRulesCommonRuleSet', 0);
  switch (variant) {
    case 'common-only': return [common];
    case 'sqli-count': return [common, managed('AWSManagedRulesSQLiRuleSet', 1, 'Count')];
    case 'sqli-match': return [common, custom(sqli)];
    case 'sqli-not': return [common, custom({ NotStatement: { Statement: sqli } })];
    // A header an attacker sets: the Allow rule ahead of the SQL-injection rule ends the evaluation of what it matches.
    case 'sqli-after-allow': return [{ ...custom(header), Name: 'bypass', Priority: 0, Action: { Allow: {} } }, { ...common, Priority: 1 }, managed('AWSManagedRulesSQLiRuleSet', 2)];
    case 'sqli-scoped': {
      const scoped = managed('AWSManagedRulesSQLiRuleSet', 1);
      const statement = { ...scoped.Statement.ManagedRuleGroupStatement, ScopeDownStatement: header };
      return [common, { ...scoped, Statement: { ManagedRuleGroupStatement: statement } }];
    }
    case 'sqli-and': return [common, custom({ AndStatement: { Statements: [sqli, header] } })];
    default: return [common, managed('AWSManagedRulesSQLiRuleSet', 1)];
  }
}

/** The same rules in Terraform's spelling (nested blocks as cdktf writes them). */
function tfWafRules(variant: NonNullable<Mutation['waf']>): unknown[] {
  const visibility = (name: string) => ({ sampled_requests_enabled: true, cloudwatch_metrics_enabled: true, metric_name: name });
  const managed = (name: string, priority: number, override: 'none' | 'count' = 'none') => ({
    name,
    priority,
    override_action: { [override]: {} },
    statement: { managed_rule_group_statement: { vendor_name: 'AWS', name } },
    visibility_config: visibility(name),
  });
  const sqli = { sqli_match_statement: { field_to_match: { body: {} }, text_transformation: [{ priority: 0, type: 'URL_DECODE' }] } };
  const header = {
    byte_match_statement: { search_string: 'x', field_to_match: { single_header: { name: 'x-test' } }, text_transformation: [{ priority: 0, type: 'NONE' }], positional_constraint: 'EXACTLY' },
  };
  const custom = (statement: unknown) => ({ name: 'sqli', priority: 2, action: { block: {} }, statement, visibility_config: visibility('sqli') });
  const common = managed('AWSManagedRulesCommonRuleSet', 0);
  switch (variant) {
    case 'common-only': return [common];
    case 'sqli-count': return [common, managed('AWSManagedRulesSQLiRuleSet', 1, 'count')];
    case 'sqli-match': return [common, custom(sqli)];
    case 'sqli-not': return [common, custom({ not_statement: { statement: sqli } })];
    case 'sqli-after-allow': return [{ ...custom(header), name: 'bypass', priority: 0, action: { allow: {} } }, { ...common, priority: 1 }, managed('AWSManagedRulesSQLiRuleSet', 2)];
    case 'sqli-scoped': {
      const scoped = managed('AWSManagedRulesSQLiRuleSet', 1);
      const statement = { ...scoped.statement.managed_rule_group_statement, scope_down_statement: header };
      return [common, { ...scoped, statement: { managed_rule_group_statement: statement } }];
    }
    case 'sqli-and': return [common, custom({ and_statement: { statement: [sqli, header] } })];
    default: return [common, managed('AWSManagedRulesSQLiRuleSet', 1)];
  }
}

type CfnResources = Record<string, { Type: string; Properties?: any }>;

/**
 * The prefecture as CloudFormation. `split`: the members in a stack of their own that imports the hub's values
 * (`Fn::ImportValue`), as the CDK writes cross-stack references.
 */
export function prefectureCfn(m: Mutation = {}, split = false): Record<string, CloudFormationTemplate> {
  const hub: CfnResources = {};
  const members: CfnResources = split ? {} : hub;
  const outputs: Record<string, { Value: unknown; Export: { Name: string } }> = {};
  const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));
  const hubTags = (fn?: string) => tags({ ...(m.untaggedHub ? {} : { 'jichitai:security-cloud': 'hub' }), ...(fn ? { 'jichitai:hub-function': fn } : {}) });
  /** A hub value as a member stack refers to it: directly, or through an export. */
  const fromHub = (value: unknown, name: string) => {
    if (!split) return value;
    outputs[name] = { Value: value, Export: { Name: `Hub:${name}` } };
    return { 'Fn::ImportValue': `Hub:${name}` };
  };
  const ref = (id: string) => ({ Ref: id });
  const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

  // Hub VPC and tiers.
  hub.HubVpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: HUB_CIDR, Tags: hubTags() } };
  if (m.nat64) hub.HubV6 = { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: ref('HubVpc'), Ipv6CidrBlock: HUB_V6, Ipv6Pool: 'ipv6pool-ec2-0123456789abcdef0' } };
  for (const [tier, cidr] of Object.entries(TIERS)) {
    hub[`Hub${tier}Subnet`] = {
      Type: 'AWS::EC2::Subnet',
      Properties: { VpcId: ref('HubVpc'), CidrBlock: cidr, AvailabilityZone: 'ap-northeast-1a', Tags: hubTags(), ...m.nat64 && tier === 'services' ? { Ipv6CidrBlock: SERVICES_V6 } : {} },
    };
    hub[`Hub${tier}Table`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('HubVpc'), Tags: hubTags() } };
    hub[`Hub${tier}Assoc`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`Hub${tier}Subnet`), RouteTableId: ref(`Hub${tier}Table`) } };
  }
  hub.Igw = { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: hubTags() } };
  hub.IgwAttach = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('HubVpc'), InternetGatewayId: ref('Igw') } };
  hub.NatEip = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } };
  hub.Nat = { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: ref('HubpublicSubnet'), AllocationId: { 'Fn::GetAtt': ['NatEip', 'AllocationId'] }, Tags: hubTags() } };
  hub.FirewallPolicy = {
    Type: 'AWS::NetworkFirewall::FirewallPolicy',
    Properties: {
      FirewallPolicyName: 'hub',
      FirewallPolicy: {
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
        StatefulDefaultActions: m.firewallPasses ? [] : defaultDrop(m),
        StatefulEngineOptions: { RuleOrder: m.firewallPasses ? 'DEFAULT_ACTION_ORDER' : 'STRICT_ORDER', ...(m.streamContinue ? { StreamExceptionPolicy: 'CONTINUE' } : {}) },
        ...(m.ips === 'elsewhere' ? { PolicyVariables: { RuleVariables: { HOME_NET: { Definition: MEMBERS.map((x) => x.cidr) } } } } : {}),
        StatefulRuleGroupReferences: [
          ...(managedPriority(m) !== undefined ? [{
            ResourceArn: MANAGED_IPS, Priority: managedPriority(m), ...(m.ips === 'alert' ? { Override: { Action: 'DROP_TO_ALERT' } } : {}),
          }] : []),
          ...(ipsPriority(m) !== undefined ? [{ ResourceArn: ref('FirewallIps'), Priority: ipsPriority(m) }] : []),
          ...(m.firewallRules !== undefined ? [{ ResourceArn: ref('FirewallRules'), Priority: 100 }] : []),
        ],
      },
      Tags: hubTags('inspection'),
    },
  };
  if (ipsPriority(m) !== undefined) {
    hub.FirewallIps = {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: {
        RuleGroupName: 'hub-ips',
        Type: 'STATEFUL',
        Capacity: 100,
        RuleGroup: {
          StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' },
          RulesSource: { RulesString: ipsRules(m) },
        },
      },
    };
  }
  if (m.firewallRules !== undefined) {
    hub.FirewallRules = {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: {
        RuleGroupName: 'hub-rules',
        Type: 'STATEFUL',
        Capacity: 100,
        RuleGroup: { StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' }, RulesSource: { RulesString: m.firewallRules } },
      },
    };
  }
  hub.Firewall = {
    Type: 'AWS::NetworkFirewall::Firewall',
    Properties: { FirewallName: 'hub', VpcId: ref('HubVpc'), SubnetMappings: [{ SubnetId: ref('HubfirewallSubnet') }], FirewallPolicyArn: ref('FirewallPolicy'), Tags: hubTags('inspection') },
  };
  hub.Siem = { Type: 'AWS::S3::Bucket', Properties: { BucketName: SIEM_NAME, Tags: hubTags('siem') } };
  hub.FirewallLogging = {
    Type: 'AWS::NetworkFirewall::LoggingConfiguration',
    Properties: {
      FirewallArn: ref('Firewall'),
      LoggingConfiguration: {
        LogDestinationConfigs: ['ALERT', 'FLOW'].map((t) => ({ LogType: t, LogDestinationType: 'S3', LogDestination: { bucketName: ref('Siem'), prefix: m.hubFirewallPrefix ?? `hub/firewall/${t.toLowerCase()}` } })),
      },
    },
  };
  // Transit gateway: default tables off, the hub table and one per member.
  hub.Tgw = { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable', Tags: hubTags() } };
  hub.HubAttachment = { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('HubVpc'), SubnetIds: [ref('HubtransitSubnet')] } };
  hub.HubTgwTable = { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref('Tgw'), Tags: hubTags() } };
  hub.HubTgwAssoc = { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: ref('HubTgwTable'), TransitGatewayAttachmentId: ref('HubAttachment') } };
  // Hub routes.
  const route = (into: CfnResources, id: string, table: string, destination: string, target: Record<string, unknown>) => {
    into[id] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(table), DestinationCidrBlock: destination, ...target } };
  };
  route(hub, 'ServicesDefault', 'HubservicesTable', '0.0.0.0/0', m.servicesToNat ? { NatGatewayId: ref('Nat') } : { VpcEndpointId: ref('Firewall') });
  RFC1918.forEach((c, i) => route(hub, `ServicesPrivate${i}`, 'HubservicesTable', c, { TransitGatewayId: ref('Tgw') }));
  if (m.nat64) {
    const to = nat64Destination(m.nat64);
    if (to.list) hub.Nat64List = { Type: 'AWS::EC2::PrefixList', Properties: { AddressFamily: 'IPv6', MaxEntries: 1, PrefixListName: 'nat64', Entries: [{ Cidr: to.list }] } };
    const destination = to.cidr ? { DestinationIpv6CidrBlock: to.cidr } : { DestinationPrefixListId: to.outside ?? { 'Fn::GetAtt': ['Nat64List', 'PrefixListId'] } };
    hub.ServicesNat64 = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('HubservicesTable'), ...destination, NatGatewayId: ref('Nat') } };
  }
  route(hub, 'FirewallDefault', 'HubfirewallTable', '0.0.0.0/0', { NatGatewayId: ref('Nat') });
  route(hub, 'PublicDefault', 'HubpublicTable', '0.0.0.0/0', { GatewayId: ref('Igw') });
  route(hub, 'PublicReturn', 'HubpublicTable', TIERS.services, { VpcEndpointId: ref('Firewall') });
  RFC1918.forEach((c, i) => route(hub, `PublicPrivate${i}`, 'HubpublicTable', c, { TransitGatewayId: ref('Tgw') }));
  // The proxy fleet.
  hub.ProxySg = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'proxy', VpcId: ref('HubVpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '10.0.0.0/8' }], Tags: hubTags('proxy') } };
  hub.ProxyTemplate = {
    Type: 'AWS::EC2::LaunchTemplate',
    Properties: { LaunchTemplateName: 'hub-proxy', LaunchTemplateData: { ImageId: 'resolve:ssm:/aws/service/debian/release/12/latest/amd64', SecurityGroupIds: [{ 'Fn::GetAtt': ['ProxySg', 'GroupId'] }], UserData: { 'Fn::Base64': proxyBootScript(m.squid) } } },
  };
  const template = m.asgByName ? { LaunchTemplateName: { 'Fn::GetAtt': ['ProxyTemplate', 'LaunchTemplateName'] } } : { LaunchTemplateId: ref('ProxyTemplate') };
  if (!m.noProxyGroup) {
    hub.ProxyGroup = {
      Type: 'AWS::AutoScaling::AutoScalingGroup',
      Properties: { MinSize: '2', MaxSize: '4', LaunchTemplate: { ...template, Version: { 'Fn::GetAtt': ['ProxyTemplate', 'LatestVersionNumber'] } }, VPCZoneIdentifier: [ref('HubservicesSubnet')] },
    };
  }
  // 400 days: LOG-1 refuses a proxy access-log group kept fewer (the library's default retention).
  hub.ProxyLog = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/hub/proxy/access', RetentionInDays: 400, Tags: hubTags('proxy') } };
  hub.LogStream = {
    Type: 'AWS::KinesisFirehose::DeliveryStream',
    Properties: { DeliveryStreamType: 'DirectPut', ExtendedS3DestinationConfiguration: { BucketARN: arn('Siem'), Prefix: m.hubStreamPrefix ?? 'hub/proxy/', ErrorOutputPrefix: 'hub/proxy/errors/', RoleARN: 'arn:aws:iam::123456789012:role/firehose' }, Tags: hubTags('siem') },
  };
  if (!m.noProxySubscription) {
    hub.ProxyLogSubscription = {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: { LogGroupName: ref('ProxyLog'), FilterPattern: '', DestinationArn: arn('LogStream'), RoleArn: 'arn:aws:iam::123456789012:role/logs' },
    };
  }
  // Public web and mail relay entrances.
  hub.WebAlb = {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Type: 'application', Scheme: 'internet-facing', Subnets: [ref('HubpublicSubnet')], Tags: hubTags('public-web') },
  };
  hub.WebListener = { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: ref('WebAlb'), Port: 443, Protocol: 'HTTPS' } };
  if (m.waf !== 'none') {
    hub.WebAcl = {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        Rules: cfnWafRules(m.waf ?? 'sqli'),
        VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'web' },
        Tags: hubTags('public-web'),
      },
    };
    hub.WebAclAssociation = { Type: 'AWS::WAFv2::WebACLAssociation', Properties: { ResourceArn: ref('WebAlb'), WebACLArn: arn('WebAcl') } };
    if (!m.noWafLogging) hub.WebAclLogging = { Type: 'AWS::WAFv2::LoggingConfiguration', Properties: { ResourceArn: arn('WebAcl'), LogDestinationConfigs: [arn('Siem')] } };
  }
  hub.MailNlb = {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: { Type: 'network', Scheme: 'internet-facing', Subnets: [ref('HubpublicSubnet')], Tags: hubTags('mail-relay') },
  };
  (m.mailPorts ?? [25]).forEach((p) => {
    hub[`MailListener${p}`] = { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: ref('MailNlb'), Port: p, Protocol: 'TCP' } };
  });
  // The hub's own logs.
  hub.HubFlowLog = { Type: 'AWS::EC2::FlowLog', Properties: { ResourceId: ref('HubVpc'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::Join': ['', [arn('Siem'), '/hub/flow/']] } } };
  hub.QueryLogConfig = { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', Properties: { DestinationArn: arn('Siem') } };
  if (!m.noQueryLogging) {
    hub.QueryLogAssociation = { Type: 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', Properties: { ResolverQueryLogConfigId: { 'Fn::GetAtt': ['QueryLogConfig', 'Id'] }, ResourceId: ref('HubVpc') } };
  }

  // Members: the Internet segment, attached to the hub transit gateway, with their own tables and propagations.
  const tgw = fromHub(ref('Tgw'), 'Tgw');
  const hubTable = fromHub(ref('HubTgwTable'), 'HubTgwTable');
  const hubAttachment = fromHub(ref('HubAttachment'), 'HubAttachment');
  const siemArn = fromHub(arn('Siem'), 'SiemArn');
  for (const member of MEMBERS) {
    const k = member.key;
    const mt = tags({ 'jichitai:segment': 'INTERNET', ...(m.uncodedMember && k === 'B' ? {} : { 'jichitai:municipality': member.code }) });
    members[`Vpc${k}`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: member.cidr, Tags: mt } };
    members[`Subnet${k}`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref(`Vpc${k}`), CidrBlock: member.subnet, AvailabilityZone: 'ap-northeast-1a', Tags: mt } };
    members[`Table${k}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(`Vpc${k}`), Tags: mt } };
    members[`Assoc${k}`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`Subnet${k}`), RouteTableId: ref(`Table${k}`) } };
    members[`Attachment${k}`] = { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: tgw, VpcId: ref(`Vpc${k}`), SubnetIds: [ref(`Subnet${k}`)], Tags: mt } };
    members[`ToHub${k}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`Table${k}`), DestinationCidrBlock: HUB_CIDR, TransitGatewayId: tgw } };
    members[`TgwTable${k}`] = { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: tgw, Tags: mt } };
    members[`TgwAssoc${k}`] = { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayRouteTableId: ref(`TgwTable${k}`), TransitGatewayAttachmentId: ref(`Attachment${k}`) } };
    members[`TgwFromHub${k}`] = { Type: 'AWS::EC2::TransitGatewayRouteTablePropagation', Properties: { TransitGatewayRouteTableId: ref(`TgwTable${k}`), TransitGatewayAttachmentId: hubAttachment } };
    members[`TgwIntoHub${k}`] = { Type: 'AWS::EC2::TransitGatewayRouteTablePropagation', Properties: { TransitGatewayRouteTableId: hubTable, TransitGatewayAttachmentId: ref(`Attachment${k}`) } };
    members[`FlowLog${k}`] = {
      Type: 'AWS::EC2::FlowLog',
      Properties: { ResourceId: ref(`Vpc${k}`), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: { 'Fn::Join': ['', [siemArn, `/members/${member.code}/`]] } },
    };
    // DNS: "." forwarded to the hub's inbound resolver over the hub transit gateway (IN-2).
    members[`ResolverSg${k}`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'dns', VpcId: ref(`Vpc${k}`) } };
    members[`Outbound${k}`] = { Type: 'AWS::Route53Resolver::ResolverEndpoint', Properties: { Direction: 'OUTBOUND', IpAddresses: [{ SubnetId: ref(`Subnet${k}`) }], SecurityGroupIds: [ref(`ResolverSg${k}`)] } };
    members[`Forward${k}`] = { Type: 'AWS::Route53Resolver::ResolverRule', Properties: { RuleType: 'FORWARD', DomainName: '.', ResolverEndpointId: ref(`Outbound${k}`), TargetIps: [{ Ip: DNS_ADDRESS, Port: '53' }] } };
    members[`ForwardAssoc${k}`] = { Type: 'AWS::Route53Resolver::ResolverRuleAssociation', Properties: { ResolverRuleId: { 'Fn::GetAtt': [`Forward${k}`, 'ResolverRuleId'] }, VPCId: ref(`Vpc${k}`) } };
  }
  if (m.crossPropagation) {
    members.TgwLeak = { Type: 'AWS::EC2::TransitGatewayRouteTablePropagation', Properties: { TransitGatewayRouteTableId: ref('TgwTableA'), TransitGatewayAttachmentId: ref('AttachmentB') } };
  }
  if (m.routeToB) {
    members.ToB = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('TableA'), DestinationCidrBlock: MEMBERS[1].cidr, TransitGatewayId: tgw } };
  }
  if (m.memberIgw) {
    members.IgwA = { Type: 'AWS::EC2::InternetGateway' };
    members.IgwAttachA = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('VpcA'), InternetGatewayId: ref('IgwA') } };
    members.DefaultA = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('TableA'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('IgwA') } };
  }
  if (m.memberAlb) {
    members.AlbA = { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internet-facing', Subnets: [ref('SubnetA')] } };
  }
  if (m.memberFlowLogElsewhere) {
    members.OwnLogsA = { Type: 'AWS::S3::Bucket' };
    members.FlowLogA.Properties.LogDestination = arn('OwnLogsA');
  }
  const a = m.memberFlowLogA;
  if (a) {
    const props = members.FlowLogA.Properties;
    // A pseudo parameter in the key path: known only at deploy time (CloudFormation pseudo parameters).
    if (a.path !== undefined) props.LogDestination = { 'Fn::Join': ['', a.path === 'expression' ? [siemArn, '/', { Ref: 'AWS::StackName' }, '/'] : [siemArn, a.path]] };
    if (a.trafficType !== undefined) props.TrafficType = a.trafficType;
    if (a.logFormat !== undefined) props.LogFormat = a.logFormat;
  }
  if (m.memberFlowLogBucketA) {
    const to = m.memberFlowLogBucketA;
    if (to !== 'external') members.FlowBucketA = { Type: 'AWS::S3::Bucket', Properties: { Tags: tags({ 'jichitai:municipality': MEMBERS[to === 'own' ? 0 : 1].code }) } };
    members.BucketFlowLogA = {
      Type: 'AWS::EC2::FlowLog',
      Properties: { ResourceId: ref('VpcA'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: to === 'external' ? 'arn:aws:s3:::member-a-archive' : arn('FlowBucketA') },
    };
  }
  if (m.extraFlowLogA) {
    members.ExtraFlowLogA = {
      Type: 'AWS::EC2::FlowLog',
      Properties: {
        ResourceId: ref('VpcA'),
        ResourceType: 'VPC',
        TrafficType: m.extraFlowLogA.trafficType,
        LogDestinationType: 's3',
        LogDestination: m.extraFlowLogA.unreadDestination ? { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'AWS::StackName' }, '-logs/']] } : { 'Fn::Join': ['', [siemArn, m.extraFlowLogA.path]] },
      },
    };
  }
  const sa = m.memberStreamA;
  if (sa) {
    // A prefix the guard cannot read: a pseudo parameter in it (known only at deploy time).
    const prefix = (v: string | null | undefined, fallback: string) => (v === null ? undefined : v === 'expression' ? { 'Fn::Join': ['', ['members/', { Ref: 'AWS::StackName' }, '/']] } : v ?? fallback);
    const backup = sa.backup;
    if (backup?.to === 'own' || backup?.to === 'other' || backup?.to === 'untagged') {
      const code = backup.to === 'own' ? MEMBERS[0].code : MEMBERS[1].code;
      members.BackupBucketA = { Type: 'AWS::S3::Bucket', Properties: backup.to === 'untagged' ? {} : { Tags: tags({ 'jichitai:municipality': code }) } };
    }
    const backupArn = (to: StreamBackupMutation['to']) => (to === 'siem' ? siemArn : to === 'external' ? 'arn:aws:s3:::member-a-backup'
      : to === 'expression' ? { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'AWS::StackName' }, '-backup']] } : arn('BackupBucketA'));
    if (sa.elsewhere?.backupTo === 'other' || sa.otherBucket) members.OtherBucketA = { Type: 'AWS::S3::Bucket', Properties: { Tags: tags({ 'jichitai:municipality': MEMBERS[1].code }) } };
    members.StreamA = {
      Type: 'AWS::KinesisFirehose::DeliveryStream',
      Properties: {
        DeliveryStreamType: 'DirectPut',
        DeliveryStreamName: 'member-a-logs',
        ExtendedS3DestinationConfiguration: {
          BucketARN: sa.otherBucket ? arn('OtherBucketA') : siemArn,
          RoleARN: 'arn:aws:iam::123456789012:role/firehose',
          Prefix: prefix(sa.prefix, 'members/131016/stream/'),
          ErrorOutputPrefix: prefix(sa.errorPrefix, 'members/131016/stream-errors/'),
          ...(sa.processed ? {
            ProcessingConfiguration: { Enabled: true, Processors: [{ Type: 'Lambda', Parameters: [{ ParameterName: 'LambdaArn', ParameterValue: 'arn:aws:lambda:ap-northeast-1:123456789012:function:filter' }] }] },
          } : {}),
          ...(backup ? {
            // A dynamic reference: known only at deploy time.
            S3BackupMode: backup.mode === 'expression' ? '{{resolve:ssm:/member-a/backup-mode}}' : backup.mode ?? 'Enabled',
            S3BackupConfiguration: {
              BucketARN: backupArn(backup.to),
              RoleARN: 'arn:aws:iam::123456789012:role/firehose',
              Prefix: backup.prefix ?? 'members/131016/backup/',
              ErrorOutputPrefix: `${backup.prefix ?? 'members/131016/backup/'}errors/`,
            },
          } : {}),
        },
        ...(sa.via === 'tagged' ? { Tags: tags({ 'jichitai:municipality': '131016' }) } : {}),
      },
    };
    const e = sa.elsewhere;
    if (e) {
      const props = members.StreamA.Properties;
      delete props.ExtendedS3DestinationConfiguration;
      const s3 = (p: string) => ({ BucketARN: e.backupTo === 'other' ? arn('OtherBucketA') : siemArn, RoleARN: 'arn:aws:iam::123456789012:role/firehose', Prefix: p, ErrorOutputPrefix: `${p}errors/` });
      const mode = e.mode === 'expression' ? '{{resolve:ssm:/member-a/backup-mode}}' : e.mode ?? EVERY_MODE[e.type];
      const toS3 = { S3BackupMode: mode, S3Configuration: s3(e.prefix ?? 'members/131016/stream/') };
      if (e.type === 'http') props.HttpEndpointDestinationConfiguration = { EndpointConfiguration: { Url: 'https://siem.example.jp/ingest' }, ...toS3 };
      if (e.type === 'splunk') props.SplunkDestinationConfiguration = { HECEndpoint: 'https://splunk.example.jp:8088', HECEndpointType: 'Raw', HECToken: 'token', ...toS3 };
      if (e.type === 'unknown') props.FutureDestinationConfiguration = toS3;
      if (e.type === 'opensearch') {
        props.AmazonopensearchserviceDestinationConfiguration = { DomainARN: OTHER_DOMAIN_ARN, IndexName: 'logs', RoleARN: 'arn:aws:iam::123456789012:role/firehose', ...toS3 };
      }
      if (e.type === 'redshift') {
        props.RedshiftDestinationConfiguration = {
          ClusterJDBCURL: 'jdbc:redshift://example.jp:5439/logs',
          CopyCommand: { DataTableName: 'logs' },
          Username: 'u',
          Password: 'p',
          RoleARN: 'arn:aws:iam::123456789012:role/firehose',
          S3Configuration: s3('members/131016/intermediate/'),
          S3BackupMode: mode,
          S3BackupConfiguration: s3(e.prefix ?? 'members/131016/stream/'),
        };
      }
    }
    if (sa.only) delete members.FlowLogA;
    if (sa.via === 'flow-log') {
      members.StreamFlowLogA = {
        Type: 'AWS::EC2::FlowLog',
        Properties: {
          ResourceId: ref('VpcA'),
          ResourceType: 'VPC',
          TrafficType: 'ALL',
          LogDestinationType: 'kinesis-data-firehose',
          LogDestination: sa.literalArn !== undefined ? `arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/${sa.literalArn}` : arn('StreamA'),
        },
      };
    } else {
      members.LogGroupA = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/member-a/logs', RetentionInDays: 400 } };
      members.SubscriptionA = {
        Type: 'AWS::Logs::SubscriptionFilter',
        Properties: {
          LogGroupName: ref('LogGroupA'),
          FilterPattern: sa.filterPattern ?? '',
          RoleArn: 'arn:aws:iam::123456789012:role/logs',
          DestinationArn: sa.toFunction ? 'arn:aws:lambda:ap-northeast-1:123456789012:function:forward' : arn('StreamA'),
        },
      };
      if (sa.via === 'subscription') {
        members.GroupFlowLogA = {
          Type: 'AWS::EC2::FlowLog',
          Properties: { ResourceId: ref('VpcA'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: ref('LogGroupA'), DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow' },
        };
      }
    }
  }
  const da = m.memberDestinationA;
  if (da) {
    // The hub's side: the destination, the Kinesis data stream it may target, the Firehose stream into the SIEM.
    const kinesisArn = `arn:aws:kinesis:ap-northeast-1:123456789012:stream/${da.kinesisArnName ?? 'member-a-central'}`;
    hub.CentralStreamA = {
      Type: 'AWS::KinesisFirehose::DeliveryStream',
      Properties: {
        DeliveryStreamType: da.via === 'kinesis' ? 'KinesisStreamAsSource' : 'DirectPut',
        ...(da.via === 'kinesis' ? {
          KinesisStreamSourceConfiguration: {
            KinesisStreamARN: da.kinesisBy === 'literal-source' ? kinesisArn : da.kinesisBy === 'ref-source' ? ref('CentralKinesisA')
              : arn('CentralKinesisA'),
            RoleARN: 'arn:aws:iam::123456789012:role/firehose',
          },
        } : {}),
        ExtendedS3DestinationConfiguration: {
          BucketARN: arn('Siem'),
          RoleARN: 'arn:aws:iam::123456789012:role/firehose',
          Prefix: da.prefix ?? 'members/131016/central/',
          ErrorOutputPrefix: `${da.prefix ?? 'members/131016/central/'}errors/`,
        },
        ...(da.untagged ? {} : { Tags: tags({ 'jichitai:municipality': da.code ?? '131016' }) }),
      },
    };
    if (da.via === 'kinesis') hub.CentralKinesisA = { Type: 'AWS::Kinesis::Stream', Properties: { ...(da.unnamedKinesis ? {} : { Name: 'member-a-central' }), ShardCount: 1 } };
    hub.CentralDestinationA = {
      Type: 'AWS::Logs::Destination',
      Properties: {
        DestinationName: 'member-a-logs',
        TargetArn: da.via === 'kinesis' && da.kinesisBy === 'literal-target' ? kinesisArn : arn(da.via === 'kinesis' ? 'CentralKinesisA' : 'CentralStreamA'),
        RoleArn: 'arn:aws:iam::123456789012:role/logs-destination',
        ...(da.destinationTag === 'none' ? {} : { Tags: tags(da.destinationTag === 'hub' ? { 'jichitai:hub-function': 'siem' } : { 'jichitai:municipality': da.code ?? '131016' }) }),
        DestinationPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }] }),
      },
    };
    // Member A's side, as another account writes it: the destination by its ARN.
    members.CentralLogGroupA = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/member-a/central', RetentionInDays: 400 } };
    members.CentralSubscriptionA = {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: { LogGroupName: ref('CentralLogGroupA'), FilterPattern: '', DestinationArn: 'arn:aws:logs:ap-northeast-1:123456789012:destination:member-a-logs' },
    };
    members.CentralFlowLogA = {
      Type: 'AWS::EC2::FlowLog',
      Properties: { ResourceId: ref('VpcA'), ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs', LogGroupName: ref('CentralLogGroupA'), DeliverLogsPermissionArn: 'arn:aws:iam::123456789012:role/flow' },
    };
    if (da.only) delete members.FlowLogA;
  }
  if (!split) return { Prefecture: { Resources: hub } };
  return { Hub: { Resources: hub, Outputs: outputs }, Members: { Resources: members } };
}

type TfResources = Record<string, Record<string, any>>;

/** The prefecture as one synthesized Terraform JSON configuration (cdk.tf.json). */
export function prefectureTf(m: Mutation = {}): TerraformJson {
  const r: TfResources = {};
  const put = (type: string, name: string, body: any) => { (r[type] ??= {})[name] = body; };
  const hubTags = (fn?: string) => ({ ...(m.untaggedHub ? {} : { 'jichitai:security-cloud': 'hub' }), ...(fn ? { 'jichitai:hub-function': fn } : {}) });
  const id = (address: string) => `\${${address}.id}`;
  const arn = (address: string) => `\${${address}.arn}`;

  put('aws_vpc', 'hub', { cidr_block: HUB_CIDR, ...m.nat64 ? { ipv6_cidr_block: HUB_V6 } : {}, tags: hubTags() });
  for (const [tier, cidr] of Object.entries(TIERS)) {
    put('aws_subnet', `hub_${tier}`, {
      vpc_id: id('aws_vpc.hub'), cidr_block: cidr, ...m.nat64 && tier === 'services' ? { ipv6_cidr_block: SERVICES_V6 } : {}, availability_zone: 'ap-northeast-1a', tags: hubTags(),
    });
    put('aws_route_table', `hub_${tier}`, { vpc_id: id('aws_vpc.hub'), tags: hubTags() });
    put('aws_route_table_association', `hub_${tier}`, { subnet_id: id(`aws_subnet.hub_${tier}`), route_table_id: id(`aws_route_table.hub_${tier}`) });
  }
  put('aws_internet_gateway', 'hub', { vpc_id: id('aws_vpc.hub'), tags: hubTags() });
  put('aws_eip', 'nat', { domain: 'vpc' });
  put('aws_nat_gateway', 'hub', { subnet_id: id('aws_subnet.hub_public'), allocation_id: id('aws_eip.nat'), tags: hubTags() });
  put('aws_networkfirewall_firewall_policy', 'hub', {
    name: 'hub',
    firewall_policy: {
      stateless_default_actions: ['aws:forward_to_sfe'],
      stateless_fragment_default_actions: ['aws:forward_to_sfe'],
      stateful_default_actions: m.firewallPasses ? [] : defaultDrop(m),
      stateful_engine_options: { rule_order: m.firewallPasses ? 'DEFAULT_ACTION_ORDER' : 'STRICT_ORDER', ...(m.streamContinue ? { stream_exception_policy: 'CONTINUE' } : {}) },
      ...(m.ips === 'elsewhere' ? { policy_variables: { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: MEMBERS.map((x) => x.cidr) } }] } } : {}),
      stateful_rule_group_reference: [
        ...(managedPriority(m) !== undefined ? [{
          resource_arn: MANAGED_IPS, priority: managedPriority(m), ...(m.ips === 'alert' ? { override: { action: 'DROP_TO_ALERT' } } : {}),
        }] : []),
        ...(ipsPriority(m) !== undefined ? [{ resource_arn: arn('aws_networkfirewall_rule_group.hub_ips'), priority: ipsPriority(m) }] : []),
        ...(m.firewallRules !== undefined ? [{ resource_arn: arn('aws_networkfirewall_rule_group.hub'), priority: 100 }] : []),
      ],
    },
    tags: hubTags('inspection'),
  });
  if (ipsPriority(m) !== undefined) {
    put('aws_networkfirewall_rule_group', 'hub_ips', {
      name: 'hub-ips',
      type: 'STATEFUL',
      capacity: 100,
      rule_group: {
        stateful_rule_options: { rule_order: 'STRICT_ORDER' },
        rules_source: { rules_string: ipsRules(m) },
      },
    });
  }
  if (m.firewallRules !== undefined) {
    put('aws_networkfirewall_rule_group', 'hub', {
      name: 'hub-rules',
      type: 'STATEFUL',
      capacity: 100,
      rule_group: { stateful_rule_options: { rule_order: 'STRICT_ORDER' }, rules_source: { rules_string: m.firewallRules } },
    });
  }
  put('aws_networkfirewall_firewall', 'hub', {
    name: 'hub', vpc_id: id('aws_vpc.hub'), subnet_mapping: [{ subnet_id: id('aws_subnet.hub_firewall') }], firewall_policy_arn: arn('aws_networkfirewall_firewall_policy.hub'), tags: hubTags('inspection'),
  });
  put('aws_s3_bucket', 'siem', { bucket: SIEM_NAME, tags: hubTags('siem') });
  put('aws_networkfirewall_logging_configuration', 'hub', {
    firewall_arn: arn('aws_networkfirewall_firewall.hub'),
    logging_configuration: {
      log_destination_config: ['ALERT', 'FLOW'].map((t) => ({ log_type: t, log_destination_type: 'S3', log_destination: { bucketName: '${aws_s3_bucket.siem.bucket}', prefix: m.hubFirewallPrefix ?? `hub/firewall/${t.toLowerCase()}` } })),
    },
  });
  put('aws_ec2_transit_gateway', 'hub', { default_route_table_association: 'disable', default_route_table_propagation: 'disable', tags: hubTags() });
  put('aws_ec2_transit_gateway_vpc_attachment', 'hub', {
    transit_gateway_id: id('aws_ec2_transit_gateway.hub'),
    vpc_id: id('aws_vpc.hub'),
    subnet_ids: [id('aws_subnet.hub_transit')],
    transit_gateway_default_route_table_association: false,
    transit_gateway_default_route_table_propagation: false,
  });
  put('aws_ec2_transit_gateway_route_table', 'hub', { transit_gateway_id: id('aws_ec2_transit_gateway.hub'), tags: hubTags() });
  put('aws_ec2_transit_gateway_route_table_association', 'hub', { transit_gateway_route_table_id: id('aws_ec2_transit_gateway_route_table.hub'), transit_gateway_attachment_id: id('aws_ec2_transit_gateway_vpc_attachment.hub') });
  const route = (name: string, table: string, destination: string, target: Record<string, string>) =>
    put('aws_route', name, { route_table_id: id(`aws_route_table.${table}`), destination_cidr_block: destination, ...target });
  route('services_default', 'hub_services', '0.0.0.0/0', m.servicesToNat ? { nat_gateway_id: id('aws_nat_gateway.hub') } : { vpc_endpoint_id: id('aws_networkfirewall_firewall.hub') });
  RFC1918.forEach((c, i) => route(`services_private${i}`, 'hub_services', c, { transit_gateway_id: id('aws_ec2_transit_gateway.hub') }));
  if (m.nat64) {
    const to = nat64Destination(m.nat64);
    if (to.list) put('aws_ec2_managed_prefix_list', 'nat64', { name: 'nat64', address_family: 'IPv6', max_entries: 1, entry: [{ cidr: to.list }] });
    const destination = to.cidr ? { destination_ipv6_cidr_block: to.cidr } : { destination_prefix_list_id: to.outside ?? id('aws_ec2_managed_prefix_list.nat64') };
    put('aws_route', 'services_nat64', { route_table_id: id('aws_route_table.hub_services'), ...destination, nat_gateway_id: id('aws_nat_gateway.hub') });
  }
  route('firewall_default', 'hub_firewall', '0.0.0.0/0', { nat_gateway_id: id('aws_nat_gateway.hub') });
  route('public_default', 'hub_public', '0.0.0.0/0', { gateway_id: id('aws_internet_gateway.hub') });
  route('public_return', 'hub_public', TIERS.services, { vpc_endpoint_id: id('aws_networkfirewall_firewall.hub') });
  RFC1918.forEach((c, i) => route(`public_private${i}`, 'hub_public', c, { transit_gateway_id: id('aws_ec2_transit_gateway.hub') }));
  put('aws_security_group', 'proxy', { vpc_id: id('aws_vpc.hub'), ingress: [{ protocol: 'tcp', from_port: 8080, to_port: 8080, cidr_blocks: ['10.0.0.0/8'] }], tags: hubTags('proxy') });
  put('aws_launch_template', 'proxy', {
    name: 'hub-proxy', image_id: 'resolve:ssm:/aws/service/debian/release/12/latest/amd64', vpc_security_group_ids: [id('aws_security_group.proxy')], user_data: Buffer.from(proxyBootScript(m.squid)).toString('base64'), tags: hubTags('proxy'),
  });
  const template = m.asgByName ? { name: '${aws_launch_template.proxy.name}' } : { id: id('aws_launch_template.proxy') };
  if (!m.noProxyGroup) put('aws_autoscaling_group', 'proxy', { min_size: 2, max_size: 4, launch_template: { ...template, version: '$Latest' }, vpc_zone_identifier: [id('aws_subnet.hub_services')] });
  put('aws_cloudwatch_log_group', 'proxy', { name: '/hub/proxy/access', retention_in_days: 400, tags: hubTags('proxy') });
  put('aws_kinesis_firehose_delivery_stream', 'logs', {
    name: 'hub-logs', destination: 'extended_s3', extended_s3_configuration: { bucket_arn: arn('aws_s3_bucket.siem'), prefix: m.hubStreamPrefix ?? 'hub/proxy/', error_output_prefix: 'hub/proxy/errors/', role_arn: 'arn:aws:iam::123456789012:role/firehose' }, tags: hubTags('siem'),
  });
  if (!m.noProxySubscription) {
    put('aws_cloudwatch_log_subscription_filter', 'proxy', {
      name: 'proxy', log_group_name: '${aws_cloudwatch_log_group.proxy.name}', filter_pattern: '', destination_arn: arn('aws_kinesis_firehose_delivery_stream.logs'), role_arn: 'arn:aws:iam::123456789012:role/logs',
    });
  }
  put('aws_lb', 'web', { load_balancer_type: 'application', internal: false, subnets: [id('aws_subnet.hub_public')], tags: hubTags('public-web') });
  put('aws_lb_listener', 'web', { load_balancer_arn: arn('aws_lb.web'), port: 443, protocol: 'HTTPS' });
  if (m.waf !== 'none') {
    put('aws_wafv2_web_acl', 'web', {
      name: 'web',
      scope: 'REGIONAL',
      default_action: { allow: {} },
      rule: tfWafRules(m.waf ?? 'sqli'),
      visibility_config: { sampled_requests_enabled: true, cloudwatch_metrics_enabled: true, metric_name: 'web' },
      tags: hubTags('public-web'),
    });
    put('aws_wafv2_web_acl_association', 'web', { resource_arn: arn('aws_lb.web'), web_acl_arn: arn('aws_wafv2_web_acl.web') });
    if (!m.noWafLogging) put('aws_wafv2_web_acl_logging_configuration', 'web', { resource_arn: arn('aws_wafv2_web_acl.web'), log_destination_configs: [arn('aws_s3_bucket.siem')] });
  }
  put('aws_lb', 'mail', { load_balancer_type: 'network', subnets: [id('aws_subnet.hub_public')], tags: hubTags('mail-relay') });
  (m.mailPorts ?? [25]).forEach((p) => put('aws_lb_listener', `mail${p}`, { load_balancer_arn: arn('aws_lb.mail'), port: p, protocol: 'TCP' }));
  put('aws_flow_log', 'hub', { vpc_id: id('aws_vpc.hub'), traffic_type: 'ALL', log_destination_type: 's3', log_destination: `${arn('aws_s3_bucket.siem')}/hub/flow/` });
  put('aws_route53_resolver_query_log_config', 'hub', { name: 'hub', destination_arn: arn('aws_s3_bucket.siem') });
  if (!m.noQueryLogging) put('aws_route53_resolver_query_log_config_association', 'hub', { resolver_query_log_config_id: id('aws_route53_resolver_query_log_config.hub'), resource_id: id('aws_vpc.hub') });

  for (const member of MEMBERS) {
    const k = member.key.toLowerCase();
    const mt = { 'jichitai:segment': 'INTERNET', ...(m.uncodedMember && k === 'b' ? {} : { 'jichitai:municipality': member.code }) };
    put('aws_vpc', k, { cidr_block: member.cidr, tags: mt });
    put('aws_subnet', k, { vpc_id: id(`aws_vpc.${k}`), cidr_block: member.subnet, availability_zone: 'ap-northeast-1a', tags: mt });
    put('aws_route_table', k, { vpc_id: id(`aws_vpc.${k}`), tags: mt });
    put('aws_route_table_association', k, { subnet_id: id(`aws_subnet.${k}`), route_table_id: id(`aws_route_table.${k}`) });
    put('aws_ec2_transit_gateway_vpc_attachment', k, {
      transit_gateway_id: id('aws_ec2_transit_gateway.hub'),
      vpc_id: id(`aws_vpc.${k}`),
      subnet_ids: [id(`aws_subnet.${k}`)],
      transit_gateway_default_route_table_association: false,
      transit_gateway_default_route_table_propagation: false,
      tags: mt,
    });
    put('aws_route', `to_hub_${k}`, { route_table_id: id(`aws_route_table.${k}`), destination_cidr_block: HUB_CIDR, transit_gateway_id: id('aws_ec2_transit_gateway.hub') });
    put('aws_ec2_transit_gateway_route_table', k, { transit_gateway_id: id('aws_ec2_transit_gateway.hub'), tags: mt });
    put('aws_ec2_transit_gateway_route_table_association', k, { transit_gateway_route_table_id: id(`aws_ec2_transit_gateway_route_table.${k}`), transit_gateway_attachment_id: id(`aws_ec2_transit_gateway_vpc_attachment.${k}`) });
    put('aws_ec2_transit_gateway_route_table_propagation', `${k}_from_hub`, { transit_gateway_route_table_id: id(`aws_ec2_transit_gateway_route_table.${k}`), transit_gateway_attachment_id: id('aws_ec2_transit_gateway_vpc_attachment.hub') });
    put('aws_ec2_transit_gateway_route_table_propagation', `${k}_into_hub`, { transit_gateway_route_table_id: id('aws_ec2_transit_gateway_route_table.hub'), transit_gateway_attachment_id: id(`aws_ec2_transit_gateway_vpc_attachment.${k}`) });
    put('aws_flow_log', k, { vpc_id: id(`aws_vpc.${k}`), traffic_type: 'ALL', log_destination_type: 's3', log_destination: `${arn('aws_s3_bucket.siem')}/members/${member.code}/` });
    put('aws_security_group', `resolver_${k}`, { vpc_id: id(`aws_vpc.${k}`) });
    put('aws_route53_resolver_endpoint', `outbound_${k}`, { direction: 'OUTBOUND', security_group_ids: [id(`aws_security_group.resolver_${k}`)], ip_address: [{ subnet_id: id(`aws_subnet.${k}`) }] });
    put('aws_route53_resolver_rule', `forward_${k}`, { rule_type: 'FORWARD', domain_name: '.', resolver_endpoint_id: id(`aws_route53_resolver_endpoint.outbound_${k}`), target_ip: [{ ip: DNS_ADDRESS, port: 53 }] });
    put('aws_route53_resolver_rule_association', `forward_${k}`, { resolver_rule_id: id(`aws_route53_resolver_rule.forward_${k}`), vpc_id: id(`aws_vpc.${k}`) });
  }
  if (m.crossPropagation) {
    put('aws_ec2_transit_gateway_route_table_propagation', 'leak', { transit_gateway_route_table_id: id('aws_ec2_transit_gateway_route_table.a'), transit_gateway_attachment_id: id('aws_ec2_transit_gateway_vpc_attachment.b') });
  }
  if (m.routeToB) put('aws_route', 'to_b', { route_table_id: id('aws_route_table.a'), destination_cidr_block: MEMBERS[1].cidr, transit_gateway_id: id('aws_ec2_transit_gateway.hub') });
  if (m.memberIgw) {
    put('aws_internet_gateway', 'a', { vpc_id: id('aws_vpc.a') });
    put('aws_route', 'default_a', { route_table_id: id('aws_route_table.a'), destination_cidr_block: '0.0.0.0/0', gateway_id: id('aws_internet_gateway.a') });
  }
  if (m.memberAlb) put('aws_lb', 'a', { subnets: [id('aws_subnet.a')] });
  if (m.memberFlowLogElsewhere) {
    put('aws_s3_bucket', 'own_a', {});
    r.aws_flow_log.a.log_destination = arn('aws_s3_bucket.own_a');
  }
  const a = m.memberFlowLogA;
  if (a) {
    const log = r.aws_flow_log.a;
    if (a.path !== undefined) log.log_destination = `${arn('aws_s3_bucket.siem')}${a.path === 'expression' ? '/${var.member_prefix}/' : a.path}`;
    if (a.trafficType !== undefined) log.traffic_type = a.trafficType;
    // Terraform's escape of `${` in a literal: `$${srcaddr}` is the text `${srcaddr}`.
    if (a.logFormat !== undefined) log.log_format = a.logFormat.replace(/\$\{/g, '$$${');
  }
  if (m.memberFlowLogBucketA) {
    const to = m.memberFlowLogBucketA;
    if (to !== 'external') put('aws_s3_bucket', 'flow_a', { tags: { 'jichitai:municipality': MEMBERS[to === 'own' ? 0 : 1].code } });
    put('aws_flow_log', 'bucket_a', { vpc_id: id('aws_vpc.a'), traffic_type: 'ALL', log_destination_type: 's3', log_destination: to === 'external' ? 'arn:aws:s3:::member-a-archive' : arn('aws_s3_bucket.flow_a') });
  }
  if (m.extraFlowLogA) {
    put('aws_flow_log', 'extra_a', {
      vpc_id: id('aws_vpc.a'),
      traffic_type: m.extraFlowLogA.trafficType,
      log_destination_type: 's3',
      log_destination: m.extraFlowLogA.unreadDestination ? '${var.log_destination}' : `${arn('aws_s3_bucket.siem')}${m.extraFlowLogA.path}`,
    });
  }
  const sa = m.memberStreamA;
  if (sa) {
    // A prefix the guard cannot read: an interpolation, known only at apply time.
    const prefix = (v: string | null | undefined, fallback: string) => (v === null ? undefined : v === 'expression' ? 'members/${var.member_code}/' : v ?? fallback);
    const backup = sa.backup;
    if (backup?.to === 'own' || backup?.to === 'other' || backup?.to === 'untagged') {
      const code = backup.to === 'own' ? MEMBERS[0].code : MEMBERS[1].code;
      put('aws_s3_bucket', 'backup_a', backup.to === 'untagged' ? {} : { tags: { 'jichitai:municipality': code } });
    }
    const backupArn = (to: StreamBackupMutation['to']) => (to === 'siem' ? arn('aws_s3_bucket.siem') : to === 'external' ? 'arn:aws:s3:::member-a-backup'
      : to === 'expression' ? '${var.backup_bucket_arn}' : arn('aws_s3_bucket.backup_a'));
    if (sa.elsewhere?.backupTo === 'other' || sa.otherBucket) put('aws_s3_bucket', 'other_a', { tags: { 'jichitai:municipality': MEMBERS[1].code } });
    put('aws_kinesis_firehose_delivery_stream', 'a', {
      name: 'member-a-logs',
      destination: 'extended_s3',
      extended_s3_configuration: {
        bucket_arn: sa.otherBucket ? arn('aws_s3_bucket.other_a') : arn('aws_s3_bucket.siem'),
        role_arn: 'arn:aws:iam::123456789012:role/firehose',
        prefix: prefix(sa.prefix, 'members/131016/stream/'),
        error_output_prefix: prefix(sa.errorPrefix, 'members/131016/stream-errors/'),
        ...(sa.processed ? {
          processing_configuration: {
            enabled: true,
            processors: [{ type: 'Lambda', parameters: [{ parameter_name: 'LambdaArn', parameter_value: 'arn:aws:lambda:ap-northeast-1:123456789012:function:filter' }] }],
          },
        } : {}),
        ...(backup ? {
          s3_backup_mode: backup.mode === 'expression' ? '${var.backup_mode}' : backup.mode ?? 'Enabled',
          s3_backup_configuration: {
            bucket_arn: backupArn(backup.to),
            role_arn: 'arn:aws:iam::123456789012:role/firehose',
            prefix: backup.prefix ?? 'members/131016/backup/',
            error_output_prefix: `${backup.prefix ?? 'members/131016/backup/'}errors/`,
          },
        } : {}),
      },
      ...(sa.via === 'tagged' ? { tags: { 'jichitai:municipality': '131016' } } : {}),
    });
    const e = sa.elsewhere;
    if (e) {
      const stream = r.aws_kinesis_firehose_delivery_stream.a;
      delete stream.extended_s3_configuration;
      const s3 = (p: string) => ({
        bucket_arn: e.backupTo === 'other' ? arn('aws_s3_bucket.other_a') : arn('aws_s3_bucket.siem'),
        role_arn: 'arn:aws:iam::123456789012:role/firehose',
        prefix: p,
        error_output_prefix: `${p}errors/`,
      });
      const mode = e.mode === 'expression' ? '${var.backup_mode}' : e.mode ?? EVERY_MODE[e.type];
      const toS3 = { s3_backup_mode: mode, s3_configuration: s3(e.prefix ?? 'members/131016/stream/') };
      if (e.type === 'http') Object.assign(stream, { destination: 'http_endpoint', http_endpoint_configuration: { url: 'https://siem.example.jp/ingest', ...toS3 } });
      if (e.type === 'splunk') Object.assign(stream, { destination: 'splunk', splunk_configuration: { hec_endpoint: 'https://splunk.example.jp:8088', hec_token: 'token', ...toS3 } });
      if (e.type === 'unknown') Object.assign(stream, { destination: 'future', future_configuration: toS3 });
      if (e.type === 'opensearch') {
        Object.assign(stream, {
          destination: 'opensearch',
          opensearch_configuration: { domain_arn: OTHER_DOMAIN_ARN, index_name: 'logs', role_arn: 'arn:aws:iam::123456789012:role/firehose', ...toS3 },
        });
      }
      if (e.type === 'v4-http') {
        Object.assign(stream, { destination: 'http_endpoint', s3_configuration: toS3.s3_configuration, http_endpoint_configuration: { url: 'https://siem.example.jp/ingest', s3_backup_mode: mode } });
      }
      if (e.type === 'redshift') {
        Object.assign(stream, {
          destination: 'redshift',
          redshift_configuration: {
            cluster_jdbcurl: 'jdbc:redshift://example.jp:5439/logs',
            data_table_name: 'logs',
            username: 'u',
            password: 'p',
            role_arn: 'arn:aws:iam::123456789012:role/firehose',
            s3_configuration: s3('members/131016/intermediate/'),
            s3_backup_mode: mode,
            s3_backup_configuration: s3(e.prefix ?? 'members/131016/stream/'),
          },
        });
      }
    }
    if (sa.only) delete r.aws_flow_log.a;
    if (sa.via === 'flow-log') {
      put('aws_flow_log', 'stream_a', {
        vpc_id: id('aws_vpc.a'),
        traffic_type: 'ALL',
        log_destination_type: 'kinesis-data-firehose',
        log_destination: sa.literalArn !== undefined ? `arn:aws:firehose:ap-northeast-1:123456789012:deliverystream/${sa.literalArn}` : arn('aws_kinesis_firehose_delivery_stream.a'),
      });
    } else {
      put('aws_cloudwatch_log_group', 'a', { name: '/member-a/logs', retention_in_days: 400 });
      put('aws_cloudwatch_log_subscription_filter', 'a', {
        name: 'a',
        log_group_name: '${aws_cloudwatch_log_group.a.name}',
        filter_pattern: sa.filterPattern ?? '',
        destination_arn: sa.toFunction ? 'arn:aws:lambda:ap-northeast-1:123456789012:function:forward' : arn('aws_kinesis_firehose_delivery_stream.a'),
        role_arn: 'arn:aws:iam::123456789012:role/logs',
      });
      if (sa.via === 'subscription') {
        put('aws_flow_log', 'group_a', {
          vpc_id: id('aws_vpc.a'),
          traffic_type: 'ALL',
          log_destination_type: 'cloud-watch-logs',
          log_destination: arn('aws_cloudwatch_log_group.a'),
          iam_role_arn: 'arn:aws:iam::123456789012:role/flow',
        });
      }
    }
  }
  const da = m.memberDestinationA;
  if (da) {
    // The hub's side: the destination, the Kinesis data stream it may target, the Firehose stream into the SIEM.
    const kinesisArn = `arn:aws:kinesis:ap-northeast-1:123456789012:stream/${da.kinesisArnName ?? 'member-a-central'}`;
    put('aws_kinesis_firehose_delivery_stream', 'central_a', {
      name: 'member-a-central',
      destination: 'extended_s3',
      ...(da.via === 'kinesis' ? {
        kinesis_source_configuration: {
          kinesis_stream_arn: da.kinesisBy === 'literal-source' ? kinesisArn : da.kinesisBy === 'ref-source' ? '${aws_kinesis_stream.central_a.name}' : arn('aws_kinesis_stream.central_a'),
          role_arn: 'arn:aws:iam::123456789012:role/firehose',
        },
      } : {}),
      extended_s3_configuration: {
        bucket_arn: arn('aws_s3_bucket.siem'),
        role_arn: 'arn:aws:iam::123456789012:role/firehose',
        prefix: da.prefix ?? 'members/131016/central/',
        error_output_prefix: `${da.prefix ?? 'members/131016/central/'}errors/`,
      },
      ...(da.untagged ? {} : { tags: { 'jichitai:municipality': da.code ?? '131016' } }),
    });
    if (da.via === 'kinesis') put('aws_kinesis_stream', 'central_a', { ...(da.unnamedKinesis ? {} : { name: 'member-a-central' }), shard_count: 1 });
    put('aws_cloudwatch_log_destination', 'central_a', {
      name: 'member-a-logs',
      role_arn: 'arn:aws:iam::123456789012:role/logs-destination',
      ...(da.destinationTag === 'none' ? {} : { tags: da.destinationTag === 'hub' ? { 'jichitai:hub-function': 'siem' } : { 'jichitai:municipality': da.code ?? '131016' } }),
      target_arn: da.via === 'kinesis' && da.kinesisBy === 'literal-target' ? kinesisArn : arn(da.via === 'kinesis' ? 'aws_kinesis_stream.central_a' : 'aws_kinesis_firehose_delivery_stream.central_a'),
    });
    // Member A's side, as another account writes it: the destination by its ARN.
    put('aws_cloudwatch_log_group', 'central_a', { name: '/member-a/central', retention_in_days: 400 });
    put('aws_cloudwatch_log_subscription_filter', 'central_a', {
      name: 'central-a',
      log_group_name: '${aws_cloudwatch_log_group.central_a.name}',
      filter_pattern: '',
      destination_arn: 'arn:aws:logs:ap-northeast-1:123456789012:destination:member-a-logs',
    });
    put('aws_flow_log', 'central_a', {
      vpc_id: id('aws_vpc.a'),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: arn('aws_cloudwatch_log_group.central_a'),
      iam_role_arn: 'arn:aws:iam::123456789012:role/flow',
    });
    if (da.only) delete r.aws_flow_log.a;
  }
  return { resource: r };
}
