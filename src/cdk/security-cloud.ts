import { Aws, CfnOutput, CfnTag, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as r53r from 'aws-cdk-lib/aws-route53resolver';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as shield from 'aws-cdk-lib/aws-shield';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { suppressNag } from './nag';
import {
  HubFunction, MUNICIPALITY_TAG_KEY, ISecurityCloud, SECURITY_CLOUD_MEMBER_ZONE, SecurityCloudConnectionProps, SecurityCloudProps,
  SUBNET_TIER_TAG_KEY,
} from '../model/security-cloud';
import { managedRuleGroupArn } from '../model/threat-signatures';
import { cidrId } from '../plan/ids';
import {
  HubAlarmSubject, HubLogShippingPlan, hubOutputs, hubTags, HubRouteTarget, HubTier, planSecurityCloud, sameAppJoinRefusal, SecurityCloudPlan,
} from '../plan/security-cloud';
import { RFC1918_CIDRS } from '../plan/web-proxy';

/**
 * The prefecture security cloud's hub (自治体情報セキュリティクラウド), rendered from `planSecurityCloud` with L1
 * resources: the hub VPC (transit, services, firewall and public subnets in each AZ), the transit gateway members
 * attach to (a hub table, and one table per member so that members never reach each other), the inspection firewall
 * (AWS Network Firewall, strict order, default drop, IPS in drop mode), the web proxy fleet (Squid on Debian 12 behind
 * an internal NLB), the mail relay (Postfix on Debian 12, internet SMTP through an NLB), the Route 53 Resolver inbound
 * endpoint with fixed addresses behind a DNS Firewall, the optional public web entrance (ALB + WAF with the SQL
 * injection rules, CloudFront and Shield Advanced as options), the SIEM bucket every log goes to, and alarms on the
 * servers to an SNS topic. The props are validated before anything joins the construct tree (every problem at once).
 *
 * Members of the same app join with `MunicipalNetwork`'s `securityCloud: hub` (see `connectionFor`); members of other
 * accounts are declared in `members` with their `accountId` (the transit gateway is shared with it through AWS RAM) and,
 * once the hub's owner has accepted it, their attachment.
 */
export class SecurityCloud extends Construct implements ISecurityCloud {
  /** The hub's transit gateway. */
  public readonly transitGatewayId: string;
  /** The hub table (associated with the hub VPC attachment; members propagate into it). */
  public readonly hubRouteTableId: string;
  /** The hub VPC's attachment to the transit gateway. */
  public readonly hubAttachmentId: string;
  /** ARN of the SIEM sink bucket. */
  public readonly siemBucketArn: string;
  /** Name of the SIEM sink bucket. */
  public readonly siemBucketName: string;
  /** The Resolver inbound endpoint's fixed addresses: members forward every name to them. */
  public readonly dnsAddresses: string[];
  /** `host:port` of the proxy fleet's internal load balancer. */
  public readonly proxyEndpoint: string;
  /** The hub VPC. */
  public readonly vpcId: string;
  /** The hub VPC's CIDR. */
  public readonly cidr: string;
  /** The SNS topic alarms notify. */
  public readonly alarmTopicArn: string;
  /** The generated squid.conf of the proxy servers (for reviews and design documents). */
  public readonly squidConfig: string;
  /** Why a member cannot join from this app (`connectionFor`), if it cannot. */
  private readonly joinRefusal: (localGovernmentCode: unknown) => string | undefined;

  constructor(scope: Construct, id: string, props: SecurityCloudProps) {
    // Validated (and planned) before joining the construct tree: a refused hub leaves nothing behind.
    const plan = planSecurityCloud(props);
    super(scope, id);
    this.cidr = plan.cidr;
    this.squidConfig = plan.proxy.squidConfig;
    this.joinRefusal = sameAppJoinRefusal(plan);
    const r = new Renderer(this, plan);
    this.transitGatewayId = r.transitGatewayId;
    this.hubRouteTableId = r.hubRouteTableId;
    this.hubAttachmentId = r.hubAttachmentId;
    this.siemBucketArn = r.siemBucketArn;
    this.siemBucketName = r.siemBucketName;
    this.dnsAddresses = plan.dns.inboundAddresses.map((a) => a.ip);
    this.proxyEndpoint = `${r.internalLoadBalancerDnsName}:${plan.proxy.port}`;
    this.vpcId = r.vpcId;
    this.alarmTopicArn = r.topicArn;
    // Members in other apps or accounts join with these values; their guard binds its literal IDs with them.
    for (const o of hubOutputs(this, r.memberRouteTableIds)) new CfnOutput(this, o.name, { value: o.value, description: o.description });
  }

  /**
   * The hub's attributes for a member of the same app (its local government code). Its own `MunicipalNetwork` creates
   * the member's transit gateway route table, association and propagations from `hubRouteTableId` / `hubAttachmentId`.
   */
  public connectionFor(localGovernmentCode: string): SecurityCloudConnectionProps {
    const refusal = this.joinRefusal(localGovernmentCode);
    if (refusal) throw new Error(`[${this.node.path}] ${refusal}`);
    return {
      transitGatewayId: this.transitGatewayId,
      hubCidr: this.cidr,
      dnsAddresses: [...this.dnsAddresses],
      proxyEndpoint: this.proxyEndpoint,
      siemBucketArn: this.siemBucketArn,
      hubRouteTableId: this.hubRouteTableId,
      hubAttachmentId: this.hubAttachmentId,
    };
  }
}

type Rule = ec2.CfnSecurityGroup.IngressProperty & ec2.CfnSecurityGroup.EgressProperty;
const tcp = (cidr: string, port: number, description: string): Rule => ({ ipProtocol: 'tcp', cidrIp: cidr, fromPort: port, toPort: port, description });

/** Renders the plan into the construct (kept apart so that the construct's public surface stays small). */
class Renderer {
  public transitGatewayId!: string;
  public hubRouteTableId!: string;
  public hubAttachmentId!: string;
  public siemBucketArn!: string;
  public siemBucketName!: string;
  public internalLoadBalancerDnsName!: string;
  public vpcId!: string;
  public topicArn!: string;
  /** The route tables created for members declared with `attachmentId`, by local government code. */
  public readonly memberRouteTableIds = new Map<string, string>();

  private readonly subnetIds = new Map<string, string>();
  private readonly routeTableIds = new Map<string, string>();
  private readonly firewallEndpoints: string[] = [];
  private readonly natIds: string[] = [];
  private igwId!: string;
  private readonly asgNames = new Map<HubFunction, string>();
  private readonly targetDimensions = new Map<string, { targetGroup: string; loadBalancer: string }>();
  private servicesCidrs: string[];
  private tgwAttachment!: ec2.CfnTransitGatewayAttachment;
  private firehoseRoleArn!: string;
  private internalLb?: elbv2.CfnLoadBalancer;

  constructor(private readonly scope: Construct, private readonly plan: SecurityCloudPlan) {
    this.servicesCidrs = plan.subnets.filter((s) => s.tier === HubTier.SERVICES).map((s) => s.cidr);
    this.siem();
    this.network();
    this.transitGateway();
    this.inspection();
    this.routes();
    this.dns();
    const logRole = this.logShipping();
    this.proxy(logRole);
    this.mailRelay(logRole);
    if (plan.publicWeb) this.publicWeb();
    this.monitoring();
  }

  /** Every hub resource's tags: the plan's, its function (if it has one) and its Name; sorted by key. */
  private tags(fn: HubFunction | undefined, name: string): CfnTag[] {
    return Object.entries(hubTags(this.plan, fn, name)).map(([key, value]) => ({ key, value }));
  }

  private get s(): Construct {
    return this.scope;
  }

  private siem(): void {
    const { siem } = this.plan;
    const bucketName = `${siem.bucketNamePrefix}-${Aws.ACCOUNT_ID}`;
    const bucket = new s3.CfnBucket(this.s, 'SiemBucket', {
      bucketName,
      bucketEncryption: { serverSideEncryptionConfiguration: [{ serverSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] },
      versioningConfiguration: { status: 'Enabled' },
      publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
      lifecycleConfiguration: {
        rules: [{ id: 'retention', status: 'Enabled', expirationInDays: siem.retentionDays, noncurrentVersionExpiration: { noncurrentDays: 30 } }],
      },
      tags: this.tags(HubFunction.SIEM, 'siem'),
    });
    // Logs are audit evidence (監査証跡): never deleted with the stack.
    bucket.applyRemovalPolicy(RemovalPolicy.RETAIN);
    suppressNag(bucket, [{ id: 'AwsSolutions-S1', reason: 'This is the SIEM sink itself: logging its access into itself would loop' }]);
    const arn = bucket.attrArn;
    const delivery = { Service: 'delivery.logs.amazonaws.com' };
    new s3.CfnBucketPolicy(this.s, 'SiemBucketPolicy', {
      bucket: bucket.ref,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: [arn, `${arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            // The hub's own flow, firewall, Resolver query and WAF logs.
            Sid: 'HubLogDelivery',
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: [`${arn}/hub/*`, `${arn}/${siem.wafPrefix}*`],
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
          {
            // Members in the hub's account (same-app members join after planning, through connectionFor): members/.
            Sid: 'HubAccountMemberLogDelivery',
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: `${arn}/${siem.hubAccountMemberPrefix}*`,
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
          // Members in other accounts: each account writes its own members' prefixes (members/<code>/) only.
          ...siem.memberAccountDeliveries.map((d) => ({
            Sid: `MemberLogDelivery${d.accountId}`,
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: d.prefixes.map((prefix) => `${arn}/${prefix}*`),
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': d.accountId } },
          })),
          { Sid: 'LogDeliveryAclCheck', Effect: 'Allow', Principal: delivery, Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: arn },
        ],
      },
    });
    this.siemBucketArn = arn;
    this.siemBucketName = bucket.ref;
  }

  private network(): void {
    const p = this.plan;
    // AZs are named in the props on purpose, as in MunicipalNetwork: synthesis stays free of look-ups and identical in CDK
    // and CDKTF (`cdk synth --strict` would otherwise fail on CloudFormation's W3010 warning).
    Validations.of(this.s).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason: 'Availability zones are chosen by name in the props (availabilityZones) so that synthesis is deterministic and engine-neutral',
    });
    const vpc = new ec2.CfnVPC(this.s, 'Vpc', { cidrBlock: p.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: this.tags(undefined, 'vpc') });
    this.vpcId = vpc.ref;
    for (const t of p.routeTables) {
      const rt = new ec2.CfnRouteTable(this.s, `RouteTable-${t.key}`, { vpcId: vpc.ref, tags: this.tags(undefined, t.key) });
      this.routeTableIds.set(t.key, rt.ref);
    }
    for (const sub of p.subnets) {
      const subnet = new ec2.CfnSubnet(this.s, `Subnet-${sub.key}`, {
        vpcId: vpc.ref,
        cidrBlock: sub.cidr,
        availabilityZone: sub.availabilityZone,
        mapPublicIpOnLaunch: false,
        // The tier tag as on the CDKTF hub: the design documents' diagram draws one box per tier.
        tags: [...this.tags(undefined, sub.key), { key: SUBNET_TIER_TAG_KEY, value: sub.tier }].sort((a, b) => (a.key < b.key ? -1 : 1)),
      });
      this.subnetIds.set(sub.key, subnet.ref);
      new ec2.CfnSubnetRouteTableAssociation(this.s, `Subnet-${sub.key}-RouteTable`, { subnetId: subnet.ref, routeTableId: this.routeTableIds.get(sub.routeTable)! });
    }
    const igw = new ec2.CfnInternetGateway(this.s, 'InternetGateway', { tags: this.tags(undefined, 'igw') });
    const igwAttachment = new ec2.CfnVPCGatewayAttachment(this.s, 'InternetGatewayAttachment', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    this.igwId = igw.ref;
    p.natGatewaySubnetKeys.forEach((key, az) => {
      const eip = new ec2.CfnEIP(this.s, `NatEip-${az + 1}`, { domain: 'vpc', tags: this.tags(undefined, `nat-${az + 1}`) });
      eip.node.addDependency(igwAttachment);
      const nat = new ec2.CfnNatGateway(this.s, `NatGateway-${az + 1}`, { subnetId: this.subnetIds.get(key)!, allocationId: eip.attrAllocationId, tags: this.tags(undefined, `nat-${az + 1}`) });
      this.natIds[az] = nat.ref;
    });
    // Every VPC's flow log goes to the SIEM (SC-4).
    new ec2.CfnFlowLog(this.s, 'FlowLog', {
      resourceId: vpc.ref,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${this.siemBucketArn}/${p.siem.flowLogPrefix}`,
      maxAggregationInterval: 60,
      tags: this.tags(HubFunction.SIEM, 'flow-log'),
    });
  }

  private transitGateway(): void {
    const t = this.plan.transitGateway;
    const tgw = new ec2.CfnTransitGateway(this.s, 'TransitGateway', {
      // Nothing is associated or propagated implicitly: members never share a table (SC-1).
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      description: t.description,
      tags: this.tags(undefined, 'tgw'),
    });
    this.transitGatewayId = tgw.ref;
    const attachment = new ec2.CfnTransitGatewayAttachment(this.s, 'HubAttachment', {
      transitGatewayId: tgw.ref, vpcId: this.vpcId, subnetIds: t.attachmentSubnetKeys.map((k) => this.subnetIds.get(k)!), tags: this.tags(undefined, 'tgw-attachment'),
    });
    this.hubAttachmentId = attachment.ref;
    if (t.resourceShare) {
      // Members in other accounts see the transit gateway through AWS RAM; their attachments still wait for the hub's
      // owner to accept them (autoAcceptSharedAttachments is disabled above).
      new ram.CfnResourceShare(this.s, 'TransitGatewayShare', {
        name: t.resourceShare.name,
        resourceArns: [ec2.CfnTransitGateway.arnForTransitGateway(tgw)],
        principals: t.resourceShare.principals,
        allowExternalPrincipals: t.resourceShare.allowExternalPrincipals,
        tags: this.tags(undefined, 'tgw-share'),
      });
    }
    const hubTable = new ec2.CfnTransitGatewayRouteTable(this.s, 'HubRouteTable', { transitGatewayId: tgw.ref, tags: this.tags(undefined, 'tgw-hub') });
    this.hubRouteTableId = hubTable.ref;
    new ec2.CfnTransitGatewayRouteTableAssociation(this.s, 'HubRouteTableAssociation', { transitGatewayAttachmentId: attachment.ref, transitGatewayRouteTableId: hubTable.ref });
    for (const m of t.memberRouteTables) {
      const table = new ec2.CfnTransitGatewayRouteTable(this.s, `MemberRouteTable-${m.localGovernmentCode}`, {
        transitGatewayId: tgw.ref,
        tags: [
          ...this.tags(undefined, m.key), { key: MUNICIPALITY_TAG_KEY, value: m.localGovernmentCode },
          // The guard's boundary: this attachment leads to a member of the security cloud (SECURITY_CLOUD_MEMBER_ZONE).
          { key: 'jichitai:zone', value: SECURITY_CLOUD_MEMBER_ZONE },
        ],
      });
      this.memberRouteTableIds.set(m.localGovernmentCode, table.ref);
      new ec2.CfnTransitGatewayRouteTableAssociation(this.s, `MemberAssociation-${m.localGovernmentCode}`, { transitGatewayAttachmentId: m.attachmentId, transitGatewayRouteTableId: table.ref });
      // The member's table holds the hub CIDR only; the hub table routes the member's declared block to it (static: what a
      // VPC of another account announces is not the hub's to trust, HubMemberRouteTablePlan.internetCidr).
      new ec2.CfnTransitGatewayRouteTablePropagation(this.s, `MemberHubPropagation-${m.localGovernmentCode}`, { transitGatewayAttachmentId: attachment.ref, transitGatewayRouteTableId: table.ref });
      new ec2.CfnTransitGatewayRoute(this.s, `HubMemberRoute-${m.localGovernmentCode}`, {
        transitGatewayRouteTableId: hubTable.ref, destinationCidrBlock: m.internetCidr, transitGatewayAttachmentId: m.attachmentId,
      });
    }
    this.tgwAttachment = attachment;
  }

  private inspection(): void {
    const f = this.plan.firewall;
    const name = (x: string) => `${this.plan.namePrefix}-${x}`;
    const refs = f.ruleGroups.map((g) => {
      const group = new nfw.CfnRuleGroup(this.s, `FirewallRuleGroup-${g.key}`, {
        ruleGroupName: name(`${f.key}-${g.key}`),
        type: 'STATEFUL',
        capacity: g.capacity,
        description: g.description,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: f.ruleOrder },
          ruleVariables: { ipSets: { HOME_NET: { definition: g.homeNet } } },
          rulesSource: g.domainList ? { rulesSourceList: { ...g.domainList } } : { rulesString: g.rulesString },
        },
        tags: this.tags(HubFunction.INSPECTION, `${f.key}-${g.key}`),
      });
      return { resourceArn: group.attrRuleGroupArn, priority: g.priority };
    });
    // AWS managed groups in the deploying partition and region (pseudo parameters: the template stays region-agnostic).
    for (const g of f.managedRuleGroups) refs.push({ resourceArn: managedRuleGroupArn(Aws.PARTITION, Aws.REGION, g.name), priority: g.priority });
    const policy = new nfw.CfnFirewallPolicy(this.s, 'FirewallPolicy', {
      firewallPolicyName: name(f.key),
      description: f.description,
      firewallPolicy: {
        statelessDefaultActions: f.statelessDefaultActions,
        statelessFragmentDefaultActions: f.statelessFragmentDefaultActions,
        statefulDefaultActions: f.statefulDefaultActions,
        statefulEngineOptions: { ruleOrder: f.ruleOrder },
        statefulRuleGroupReferences: refs,
      },
      tags: this.tags(HubFunction.INSPECTION, f.key),
    });
    f.subnetKeys.forEach((key, az) => {
      const firewall = new nfw.CfnFirewall(this.s, `Firewall-${az + 1}`, {
        firewallName: name(`${f.key}-${az + 1}`),
        description: f.description,
        firewallPolicyArn: policy.attrFirewallPolicyArn,
        vpcId: this.vpcId,
        subnetMappings: [{ subnetId: this.subnetIds.get(key)! }],
        deleteProtection: true,
        subnetChangeProtection: true,
        tags: this.tags(HubFunction.INSPECTION, `${f.key}-${az + 1}`),
      });
      // EndpointIds is ["<az>:<vpce-id>"]; a single-subnet firewall has exactly one.
      this.firewallEndpoints[az] = Fn.select(1, Fn.split(':', Fn.select(0, firewall.attrEndpointIds)));
      new nfw.CfnLoggingConfiguration(this.s, `FirewallLogging-${az + 1}`, {
        firewallArn: firewall.attrFirewallArn,
        loggingConfiguration: {
          logDestinationConfigs: [['ALERT', f.alertLogPrefix], ['FLOW', f.flowLogPrefix]].map(([logType, prefix]) => ({
            logType, logDestinationType: 'S3', logDestination: { bucketName: this.siemBucketName, prefix },
          })),
        },
      });
    });
  }

  private routes(): void {
    for (const t of this.plan.routeTables) {
      for (const r of t.routes) {
        const route = new ec2.CfnRoute(this.s, `Route-${t.key}-${cidrId(r.destination)}`, {
          routeTableId: this.routeTableIds.get(t.key)!,
          destinationCidrBlock: r.destination,
          transitGatewayId: r.target === HubRouteTarget.TRANSIT_GATEWAY ? this.transitGatewayId : undefined,
          vpcEndpointId: r.target === HubRouteTarget.FIREWALL_ENDPOINT ? this.firewallEndpoints[r.azIndex!] : undefined,
          natGatewayId: r.target === HubRouteTarget.NAT_GATEWAY ? this.natIds[r.azIndex!] : undefined,
          gatewayId: r.target === HubRouteTarget.INTERNET_GATEWAY ? this.igwId : undefined,
        });
        // A transit gateway route is valid once the VPC is attached.
        if (r.target === HubRouteTarget.TRANSIT_GATEWAY) route.node.addDependency(this.tgwAttachment);
      }
    }
  }

  private dns(): void {
    const d = this.plan.dns;
    const name = (x: string) => `${this.plan.namePrefix}-${x}`;
    const sg = new ec2.CfnSecurityGroup(this.s, 'ResolverSecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'Route 53 Resolver inbound endpoint: DNS from the members (RFC 1918)',
      securityGroupIngress: RFC1918_CIDRS.flatMap((cidr) => ['udp', 'tcp'].map((ipProtocol) => ({ ipProtocol, cidrIp: cidr, fromPort: 53, toPort: 53, description: 'DNS from members' }))),
      securityGroupEgress: [{ ipProtocol: 'icmp', cidrIp: '255.255.255.255/32', fromPort: 252, toPort: 86, description: 'No egress' }],
      tags: this.tags(HubFunction.DNS, 'resolver'),
    });
    new r53r.CfnResolverEndpoint(this.s, 'ResolverInbound', {
      direction: 'INBOUND',
      name: name('resolver-inbound'),
      securityGroupIds: [sg.attrGroupId],
      ipAddresses: d.inboundAddresses.map((a) => ({ subnetId: this.subnetIds.get(a.subnetKey)!, ip: a.ip })),
      tags: this.tags(HubFunction.DNS, 'resolver-inbound'),
    });
    const group = new r53r.CfnFirewallRuleGroup(this.s, 'DnsFirewall', {
      name: name('dns-firewall'),
      firewallRules: d.firewall.rules.map((rule) => {
        const list = new r53r.CfnFirewallDomainList(this.s, `DnsFirewall-${rule.name}`, { name: name(`dns-${rule.name}`), domains: rule.domains, tags: this.tags(HubFunction.DNS, `dns-${rule.name}`) });
        return { firewallDomainListId: list.attrId, priority: rule.priority, action: rule.action, blockResponse: rule.action === 'BLOCK' ? 'NXDOMAIN' : undefined };
      }),
      tags: this.tags(HubFunction.DNS, 'dns-firewall'),
    });
    new r53r.CfnFirewallRuleGroupAssociation(this.s, 'DnsFirewallAssociation', {
      firewallRuleGroupId: group.attrId, vpcId: this.vpcId, priority: 101, mutationProtection: 'ENABLED', name: name('dns-firewall'), tags: this.tags(HubFunction.DNS, 'dns-firewall'),
    });
    new r53r.CfnFirewallConfig(this.s, 'DnsFirewallConfig', { resourceId: this.vpcId, firewallFailOpen: d.firewall.failOpen ? 'ENABLED' : 'DISABLED' });
    const queryLog = new r53r.CfnResolverQueryLoggingConfig(this.s, 'ResolverQueryLogging', {
      name: name('dns-queries'),
      destinationArn: `${this.siemBucketArn}/${d.queryLogPrefix}`,
      tags: this.tags(HubFunction.SIEM, 'dns-queries'),
    });
    new r53r.CfnResolverQueryLoggingConfigAssociation(this.s, 'ResolverQueryLoggingAssociation', { resolverQueryLogConfigId: queryLog.attrId, resourceId: this.vpcId });
  }

  /** The delivery stream of the proxy's or the mail relay's log. */
  private streamName(key: string): string {
    return `${this.plan.namePrefix}-${key}-log`;
  }

  /** The role CloudWatch Logs uses to hand the proxy and mail logs to Firehose. */
  private logShipping(): iam.CfnRole {
    const firehoseRole = new iam.CfnRole(this.s, 'FirehoseRole', {
      assumeRolePolicyDocument: trust('firehose.amazonaws.com'),
      description: 'Firehose delivery of the hub\'s proxy and mail logs to the SIEM bucket',
      policies: [{
        policyName: 'siem-write',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: [`${this.siemBucketArn}/hub/proxy/*`, `${this.siemBucketArn}/hub/mail/*`] },
            { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: this.siemBucketArn },
          ],
        },
      }],
      tags: this.tags(HubFunction.SIEM, 'firehose-role'),
    });
    this.firehoseRoleArn = firehoseRole.attrArn;
    suppressNag(firehoseRole, [{ id: 'AwsSolutions-IAM5', reason: 'The wildcards are the objects Firehose writes under the proxy and mail log prefixes of the SIEM bucket (named by delivery time)' }]);
    return new iam.CfnRole(this.s, 'LogSubscriptionRole', {
      assumeRolePolicyDocument: trust('logs.amazonaws.com'),
      description: 'CloudWatch Logs subscription of the hub\'s proxy and mail logs to Firehose',
      policies: [{
        policyName: 'firehose-put',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: ['proxy', 'mail'].map((k) => `arn:${Aws.PARTITION}:firehose:${Aws.REGION}:${Aws.ACCOUNT_ID}:deliverystream/${this.streamName(k)}`) }],
        },
      }],
      tags: this.tags(HubFunction.SIEM, 'log-subscription-role'),
    });
  }

  /** A log group, its Firehose delivery stream to the SIEM prefix, and the subscription between them. */
  private shippedLog(fn: HubFunction, key: string, log: HubLogShippingPlan, subscriptionRole: iam.CfnRole): void {
    const group = new logs.CfnLogGroup(this.s, `${key}LogGroup`, { logGroupName: log.logGroupName, retentionInDays: log.retentionDays, tags: this.tags(fn, `${key.toLowerCase()}-log`) });
    group.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const stream = new firehose.CfnDeliveryStream(this.s, `${key}LogDelivery`, {
      deliveryStreamName: this.streamName(key.toLowerCase()),
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.siemBucketArn,
        roleArn: this.firehoseRoleArn,
        prefix: log.siemPrefix,
        errorOutputPrefix: `${log.siemPrefix}errors/`,
        // CloudWatch Logs sends gzip-compressed batches already.
        compressionFormat: 'UNCOMPRESSED',
        bufferingHints: { intervalInSeconds: 60, sizeInMBs: 5 },
      },
      tags: this.tags(HubFunction.SIEM, `${key.toLowerCase()}-log-delivery`),
    });
    const sub = new logs.CfnSubscriptionFilter(this.s, `${key}LogSubscription`, {
      logGroupName: log.logGroupName, filterPattern: '', destinationArn: stream.attrArn, roleArn: subscriptionRole.attrArn,
    });
    sub.node.addDependency(group);
  }

  private instanceRole(fn: HubFunction, key: string, logGroupName: string): iam.CfnInstanceProfile {
    const role = new iam.CfnRole(this.s, `${key}InstanceRole`, {
      assumeRolePolicyDocument: trust('ec2.amazonaws.com'),
      description: `Security cloud ${fn} servers: SSM management and their log group`,
      managedPolicyArns: [`arn:${Aws.PARTITION}:iam::aws:policy/AmazonSSMManagedInstanceCore`],
      policies: [{
        policyName: 'log-write',
        policyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${logGroupName}:*`,
          }],
        },
      }],
      tags: this.tags(fn, `${key.toLowerCase()}-role`),
    });
    suppressNag(role, [
      { id: 'AwsSolutions-IAM4', reason: 'AmazonSSMManagedInstanceCore is the AWS-maintained minimum for Session Manager; it replaces SSH' },
      { id: 'AwsSolutions-IAM5', reason: 'The wildcard is the log streams of the server\'s own log group (one per instance)' },
    ]);
    return new iam.CfnInstanceProfile(this.s, `${key}InstanceProfile`, { roles: [role.ref] });
  }

  private launchTemplate(fn: HubFunction, key: string, imageParameter: string, instanceType: string, userData: string, securityGroupId: string,
    profile: iam.CfnInstanceProfile): ec2.CfnLaunchTemplate {
    return new ec2.CfnLaunchTemplate(this.s, `${key}LaunchTemplate`, {
      launchTemplateData: {
        imageId: `resolve:ssm:${imageParameter}`,
        instanceType,
        iamInstanceProfile: { arn: profile.attrArn },
        securityGroupIds: [securityGroupId],
        userData: Fn.base64(userData),
        metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
        // Detailed monitoring: EC2 then publishes the status check per Auto Scaling group (the ping-equivalent alarm).
        monitoring: { enabled: true },
        tagSpecifications: ['instance', 'volume'].map((resourceType) => ({ resourceType, tags: this.tags(fn, `${key.toLowerCase()}-${resourceType}`) })),
      },
      tagSpecifications: [{ resourceType: 'launch-template', tags: this.tags(fn, `${key.toLowerCase()}-launch-template`) }],
    });
  }

  private autoScalingGroup(fn: HubFunction, key: string, template: ec2.CfnLaunchTemplate, min: number, max: number, subnetKeys: string[],
    targetGroupArns: string[]): void {
    const group = new autoscaling.CfnAutoScalingGroup(this.s, `${key}AutoScalingGroup`, {
      minSize: String(min),
      maxSize: String(max),
      vpcZoneIdentifier: subnetKeys.map((k) => this.subnetIds.get(k)!),
      launchTemplate: { launchTemplateId: template.ref, version: template.attrLatestVersionNumber },
      targetGroupArns,
      healthCheckType: 'ELB',
      // apt-get and the first configuration take a few minutes.
      healthCheckGracePeriod: 600,
      tags: this.tags(fn, key.toLowerCase()).map((t) => ({ ...t, propagateAtLaunch: true })),
    });
    group.cfnOptions.updatePolicy = { autoScalingRollingUpdate: { minInstancesInService: min, maxBatchSize: 1, pauseTime: 'PT10M' } };
    suppressNag(group, [{ id: 'AwsSolutions-AS3', reason: 'Scaling events reach the SIEM through CloudTrail; the servers\' health alarms notify the hub\'s SNS topic' }]);
    this.asgNames.set(fn, group.ref);
  }

  private targetGroup(fn: HubFunction, key: string, port: number, preserveClientIp: boolean): elbv2.CfnTargetGroup {
    return new elbv2.CfnTargetGroup(this.s, `${key}TargetGroup`, {
      vpcId: this.vpcId,
      protocol: 'TCP',
      port,
      targetType: 'instance',
      healthCheckProtocol: 'TCP',
      healthCheckIntervalSeconds: 10,
      healthyThresholdCount: 3,
      unhealthyThresholdCount: 3,
      targetGroupAttributes: [
        { key: 'preserve_client_ip.enabled', value: String(preserveClientIp) },
        { key: 'deregistration_delay.timeout_seconds', value: '60' },
      ],
      tags: this.tags(fn, `${key.toLowerCase()}-targets`),
    });
  }

  /** The internal NLB in the services subnets: the proxy port and SMTP for the members. */
  private internalLoadBalancer(): elbv2.CfnLoadBalancer {
    if (this.internalLb) return this.internalLb;
    const p = this.plan;
    const sg = new ec2.CfnSecurityGroup(this.s, 'InternalLoadBalancerSecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'Internal load balancer of the hub: the proxy port and SMTP from the members (RFC 1918)',
      securityGroupIngress: RFC1918_CIDRS.flatMap((cidr) => [tcp(cidr, p.proxy.port, 'Proxy from members'), tcp(cidr, p.mailRelay.smtpPort, 'SMTP from members')]),
      securityGroupEgress: this.servicesCidrs.flatMap((cidr) => [tcp(cidr, p.proxy.port, 'To the proxy servers'), tcp(cidr, p.mailRelay.smtpPort, 'To the mail relay')]),
      tags: this.tags(HubFunction.PROXY, 'internal-lb'),
    });
    this.internalLb = new elbv2.CfnLoadBalancer(this.s, 'InternalLoadBalancer', {
      type: 'network',
      scheme: 'internal',
      subnets: p.proxy.subnetKeys.map((k) => this.subnetIds.get(k)!),
      securityGroups: [sg.attrGroupId],
      loadBalancerAttributes: [{ key: 'load_balancing.cross_zone.enabled', value: 'true' }],
      tags: this.tags(HubFunction.PROXY, 'internal-lb'),
    });
    suppressNag(this.internalLb, [{ id: 'AwsSolutions-ELB2', reason: 'TCP listeners: Squid and Postfix log every request and message to the SIEM, the flow log every connection' }]);
    this.internalLoadBalancerDnsName = this.internalLb.attrDnsName;
    return this.internalLb;
  }

  private proxy(subscriptionRole: iam.CfnRole): void {
    const p = this.plan.proxy;
    this.shippedLog(HubFunction.PROXY, 'Proxy', p.accessLog, subscriptionRole);
    const lb = this.internalLoadBalancer();
    const sg = new ec2.CfnSecurityGroup(this.s, 'ProxySecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'Web proxy servers: members in on the proxy port; the web out through the inspection firewall',
      securityGroupIngress: p.clientCidrs.map((cidr) => tcp(cidr, p.port, 'Members and the load balancer\'s health checks')),
      securityGroupEgress: p.egressTcpPorts.map((port) => tcp('0.0.0.0/0', port, `The web on ${port} (through the inspection firewall)`)),
      tags: this.tags(HubFunction.PROXY, 'proxy'),
    });
    suppressNag(sg, [{ id: 'AwsSolutions-EC23', reason: 'Ingress is RFC 1918 only (members through the transit gateway); 0.0.0.0/0 is egress on 80/443 through the inspection firewall' }]);
    const targets = this.targetGroup(HubFunction.PROXY, 'Proxy', p.port, true);
    new elbv2.CfnListener(this.s, 'ProxyListener', { loadBalancerArn: lb.ref, protocol: 'TCP', port: p.port, defaultActions: [{ type: 'forward', targetGroupArn: targets.ref }], tags: this.tags(HubFunction.PROXY, 'proxy-listener') });
    this.targetDimensions.set('proxy', { targetGroup: targets.attrTargetGroupFullName, loadBalancer: lb.attrLoadBalancerFullName });
    const profile = this.instanceRole(HubFunction.PROXY, 'Proxy', p.accessLog.logGroupName);
    const template = this.launchTemplate(HubFunction.PROXY, 'Proxy', p.imageParameter, p.instanceType, p.userData, sg.attrGroupId, profile);
    this.autoScalingGroup(HubFunction.PROXY, 'Proxy', template, p.minInstances, p.maxInstances, p.subnetKeys, [targets.ref]);
  }

  private mailRelay(subscriptionRole: iam.CfnRole): void {
    const m = this.plan.mailRelay;
    this.shippedLog(HubFunction.MAIL_RELAY, 'Mail', m.mailLog, subscriptionRole);
    const publicCidrs = this.plan.subnets.filter((s) => s.tier === HubTier.PUBLIC).map((s) => s.cidr);
    const sg = new ec2.CfnSecurityGroup(this.s, 'MailRelaySecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'Mail relay: SMTP in from the members and the internet load balancer; SMTP and packages out through the inspection firewall',
      securityGroupIngress: [
        ...RFC1918_CIDRS.map((cidr) => tcp(cidr, m.smtpPort, 'SMTP from members and the load balancers')),
      ],
      securityGroupEgress: [
        tcp('0.0.0.0/0', m.smtpPort, 'SMTP to the internet and the members\' servers'),
        tcp('0.0.0.0/0', 443, 'Packages and the log agent (through the inspection firewall)'),
        tcp('0.0.0.0/0', 80, 'Debian packages (through the inspection firewall)'),
        ...(m.filter.onRelay ? [] : [tcp(`${m.filter.address}/32`, m.filter.port, 'The spam / malware filter (milter)')]),
      ],
      tags: this.tags(HubFunction.MAIL_RELAY, 'mail-relay'),
    });
    suppressNag(sg, [{ id: 'AwsSolutions-EC23', reason: 'Ingress is RFC 1918 only; 0.0.0.0/0 is egress through the inspection firewall' }]);
    const internal = this.targetGroup(HubFunction.MAIL_RELAY, 'MailInternal', m.smtpPort, true);
    new elbv2.CfnListener(this.s, 'MailInternalListener', { loadBalancerArn: this.internalLoadBalancer().ref, protocol: 'TCP', port: m.smtpPort, defaultActions: [{ type: 'forward', targetGroupArn: internal.ref }], tags: this.tags(HubFunction.MAIL_RELAY, 'mail-internal-listener') });
    const external = this.targetGroup(HubFunction.MAIL_RELAY, 'MailPublic', m.smtpPort, m.preserveClientIp);
    const publicSg = new ec2.CfnSecurityGroup(this.s, 'MailPublicLoadBalancerSecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'The mail relay internet entrance: SMTP (TCP 25) only',
      securityGroupIngress: [tcp('0.0.0.0/0', m.smtpPort, 'Internet mail')],
      securityGroupEgress: this.servicesCidrs.map((cidr) => tcp(cidr, m.smtpPort, 'To the mail relay (through the inspection firewall)')),
      tags: this.tags(HubFunction.MAIL_RELAY, 'mail-entrance'),
    });
    suppressNag(publicSg, [{ id: 'AwsSolutions-EC23', reason: 'The mail relay\'s internet entrance: SMTP from anyone is its purpose (SC-3 (b))' }]);
    const publicLb = new elbv2.CfnLoadBalancer(this.s, 'MailPublicLoadBalancer', {
      type: 'network',
      scheme: 'internet-facing',
      subnets: publicCidrs.map((_, i) => this.subnetIds.get(this.plan.natGatewaySubnetKeys[i])!),
      securityGroups: [publicSg.attrGroupId],
      loadBalancerAttributes: [{ key: 'load_balancing.cross_zone.enabled', value: 'true' }],
      tags: this.tags(HubFunction.MAIL_RELAY, 'mail-entrance'),
    });
    suppressNag(publicLb, [{ id: 'AwsSolutions-ELB2', reason: 'A TCP listener: Postfix logs every session and message to the SIEM' }]);
    new elbv2.CfnListener(this.s, 'MailPublicListener', { loadBalancerArn: publicLb.ref, protocol: 'TCP', port: m.smtpPort, defaultActions: [{ type: 'forward', targetGroupArn: external.ref }], tags: this.tags(HubFunction.MAIL_RELAY, 'mail-public-listener') });
    this.targetDimensions.set('mail', { targetGroup: internal.attrTargetGroupFullName, loadBalancer: this.internalLoadBalancer().attrLoadBalancerFullName });
    const profile = this.instanceRole(HubFunction.MAIL_RELAY, 'Mail', m.mailLog.logGroupName);
    const template = this.launchTemplate(HubFunction.MAIL_RELAY, 'Mail', m.imageParameter, m.instanceType, m.userData, sg.attrGroupId, profile);
    this.autoScalingGroup(HubFunction.MAIL_RELAY, 'Mail', template, m.minInstances, m.maxInstances, m.subnetKeys, [internal.ref, external.ref]);
  }

  private publicWeb(): void {
    const w = this.plan.publicWeb!;
    const name = (x: string) => `${this.plan.namePrefix}-${x}`;
    const sg = new ec2.CfnSecurityGroup(this.s, 'PublicWebSecurityGroup', {
      vpcId: this.vpcId,
      groupDescription: 'Public web entrance: HTTPS from the internet, to member web servers only',
      securityGroupIngress: [tcp('0.0.0.0/0', 443, 'HTTPS from the internet (behind the WAF)')],
      securityGroupEgress: w.sites.flatMap((site) => site.targets.map((t) => tcp(`${t}/32`, site.port, `${site.hostName} web server`))),
      tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web'),
    });
    suppressNag(sg, [{ id: 'AwsSolutions-EC23', reason: 'The public web entrance: HTTPS from anyone, behind the WAF web ACL with the SQL-injection rules (SC-3 (a))' }]);
    const alb = new elbv2.CfnLoadBalancer(this.s, 'PublicWebLoadBalancer', {
      type: 'application',
      scheme: 'internet-facing',
      subnets: w.subnetKeys.map((k) => this.subnetIds.get(k)!),
      securityGroups: [sg.attrGroupId],
      loadBalancerAttributes: [
        { key: 'routing.http.drop_invalid_header_fields.enabled', value: 'true' },
      ],
      tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web'),
    });
    suppressNag(alb, [{ id: 'AwsSolutions-ELB2', reason: 'Every request is logged by the WAF web ACL into the SIEM bucket (the load balancer\'s own access logs need a per-region ELB account in the bucket policy)' }]);
    const listener = new elbv2.CfnListener(this.s, 'PublicWebListener', {
      loadBalancerArn: alb.ref,
      protocol: 'HTTPS',
      port: 443,
      certificates: [{ certificateArn: w.certificateArn }],
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      defaultActions: [{ type: 'fixed-response', fixedResponseConfig: { statusCode: '404', contentType: 'text/plain', messageBody: 'Not found' } }],
      tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web-listener'),
    });
    for (const site of w.sites) {
      const tg = new elbv2.CfnTargetGroup(this.s, `Site-${site.key}`, {
        vpcId: this.vpcId,
        targetType: 'ip',
        protocol: site.protocol,
        port: site.port,
        // The web servers are in the member's VPC, reached through the transit gateway: outside this VPC, hence "all".
        targets: site.targets.map((id) => ({ id, port: site.port, availabilityZone: 'all' })),
        healthCheckProtocol: site.protocol,
        healthCheckPath: '/',
        healthCheckIntervalSeconds: 30,
        matcher: { httpCode: '200-399' },
        tags: [...this.tags(HubFunction.PUBLIC_WEB, site.key), { key: MUNICIPALITY_TAG_KEY, value: site.localGovernmentCode }],
      });
      new elbv2.CfnListenerRule(this.s, `SiteRule-${site.key}`, {
        listenerArn: listener.ref,
        priority: site.priority,
        conditions: [{ field: 'host-header', hostHeaderConfig: { values: [site.hostName] } }],
        actions: [{ type: 'forward', targetGroupArn: tg.ref }],
        tags: this.tags(HubFunction.PUBLIC_WEB, `${site.key}-rule`),
      });
      this.targetDimensions.set(site.key, { targetGroup: tg.attrTargetGroupFullName, loadBalancer: alb.attrLoadBalancerFullName });
    }
    const acl = new wafv2.CfnWebACL(this.s, 'PublicWebAcl', {
      name: name('public-web'),
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name('public-web'), sampledRequestsEnabled: true },
      rules: w.managedRuleGroups.map((g) => ({
        name: g.name,
        priority: g.priority,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: g.vendorName, name: g.name } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: g.name, sampledRequestsEnabled: true },
      })),
      tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web-acl'),
    });
    new wafv2.CfnWebACLAssociation(this.s, 'PublicWebAclAssociation', { resourceArn: alb.ref, webAclArn: acl.attrArn });
    new wafv2.CfnLoggingConfiguration(this.s, 'PublicWebAclLogging', { resourceArn: acl.attrArn, logDestinationConfigs: [this.siemBucketArn] });
    if (w.shieldAdvanced) {
      new shield.CfnProtection(this.s, 'PublicWebShield', { name: name('public-web'), resourceArn: alb.ref, tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web-shield') });
    }
    if (w.cdn) {
      const cdn = new cloudfront.CfnDistribution(this.s, 'PublicWebCdn', {
        distributionConfig: {
          enabled: true,
          comment: `${this.plan.prefecture} security cloud public web`,
          aliases: w.cdn.aliases,
          webAclId: w.cdn.webAclArn,
          viewerCertificate: { acmCertificateArn: w.cdn.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
          origins: [{ id: 'alb', domainName: alb.attrDnsName, customOriginConfig: { originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] } }],
          defaultCacheBehavior: {
            targetOriginId: 'alb',
            viewerProtocolPolicy: 'redirect-to-https',
            allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            // Managed policies: CachingDisabled and AllViewer (the sites decide what may be cached).
            cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
            originRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3',
          },
        },
        tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web-cdn'),
      });
      suppressNag(cdn, [
        { id: 'AwsSolutions-CFR1', reason: 'Municipal public web sites serve residents wherever they are; the CDN\'s web ACL can add geo rules' },
        { id: 'AwsSolutions-CFR3', reason: 'Standard logging needs bucket ACLs, which the SIEM bucket disables; the CDN\'s web ACL logs every request' },
      ]);
      if (w.shieldAdvanced) {
        new shield.CfnProtection(this.s, 'PublicWebCdnShield', {
          name: name('public-web-cdn'), resourceArn: `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${cdn.ref}`, tags: this.tags(HubFunction.PUBLIC_WEB, 'public-web-cdn-shield'),
        });
      }
    }
  }

  private monitoring(): void {
    const mon = this.plan.monitoring;
    const topic = new sns.CfnTopic(this.s, 'AlarmTopic', { topicName: `${this.plan.namePrefix}-alarms`, tags: this.tags(HubFunction.MONITORING, 'alarms') });
    // Not encrypted with the AWS managed key alias/aws/sns: its key policy does not let CloudWatch alarms publish.
    suppressNag(topic, [{ id: 'AwsSolutions-SNS2', reason: 'CloudWatch alarms cannot publish to a topic encrypted with the AWS managed SNS key; the notifications carry alarm names only' }]);
    new sns.CfnTopicPolicy(this.s, 'AlarmTopicPolicy', {
      topics: [topic.ref],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.ref,
            Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
          { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic.ref, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      },
    });
    this.topicArn = topic.ref;
    mon.notificationEmails.forEach((email, i) => new sns.CfnSubscription(this.s, `AlarmEmail-${i + 1}`, { topicArn: topic.ref, protocol: 'email', endpoint: email }));
    for (const a of mon.alarms) {
      let dimensions: cloudwatch.CfnAlarm.DimensionProperty[];
      const targets = (key: string) => {
        const d = this.targetDimensions.get(key)!;
        return [{ name: 'TargetGroup', value: d.targetGroup }, { name: 'LoadBalancer', value: d.loadBalancer }];
      };
      switch (a.subject) {
        case HubAlarmSubject.PROXY_INSTANCES: dimensions = [{ name: 'AutoScalingGroupName', value: this.asgNames.get(HubFunction.PROXY)! }]; break;
        case HubAlarmSubject.MAIL_RELAY_INSTANCES: dimensions = [{ name: 'AutoScalingGroupName', value: this.asgNames.get(HubFunction.MAIL_RELAY)! }]; break;
        case HubAlarmSubject.PROXY_TARGETS: dimensions = targets('proxy'); break;
        case HubAlarmSubject.MAIL_RELAY_TARGETS: dimensions = targets('mail'); break;
        default: dimensions = targets(a.siteKey!);
      }
      new cloudwatch.CfnAlarm(this.s, `Alarm-${a.key}`, {
        alarmName: `${this.plan.namePrefix}-${a.key}`,
        alarmDescription: a.description,
        namespace: a.namespace,
        metricName: a.metricName,
        statistic: a.statistic,
        dimensions,
        comparisonOperator: a.comparisonOperator,
        threshold: a.threshold,
        period: a.periodSeconds,
        evaluationPeriods: a.evaluationPeriods,
        treatMissingData: a.treatMissingData,
        alarmActions: [topic.ref],
        okActions: [topic.ref],
        tags: this.tags(HubFunction.MONITORING, a.key),
      });
    }
  }
}

function trust(service: string): object {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] };
}
