import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogSubscriptionFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-subscription-filter';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { KinesisFirehoseDeliveryStream } from '@cdktf/provider-aws/lib/kinesis-firehose-delivery-stream';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { Route53ResolverQueryLogConfig } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config';
import { Route53ResolverQueryLogConfigAssociation } from '@cdktf/provider-aws/lib/route53-resolver-query-log-config-association';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecurityGroup, SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group';
import { ShieldProtection } from '@cdktf/provider-aws/lib/shield-protection';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Fn, TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { resourceTags } from './tags';
import { HubFunction, ISecurityCloud, MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_MEMBER_ZONE, SecurityCloudConnectionProps, SecurityCloudProps, SUBNET_TIER_TAG_KEY } from '../model/security-cloud';
import { managedRuleGroupArn } from '../model/threat-signatures';
import { cidrId } from '../plan/ids';
import {
  HubAlarmSubject, HubLogShippingPlan, hubOutputs, HubRouteTarget, HubTier, hubTags, planSecurityCloud, sameAppJoinRefusal,
  SecurityCloudPlan,
} from '../plan/security-cloud';

/**
 * The prefecture security cloud (自治体情報セキュリティクラウド) for Terraform (CDKTF): the hub the member
 * municipalities' Internet segments attach to, rendered with `@cdktf/provider-aws` from the same engine-neutral plan as
 * the AWS CDK `SecurityCloud` (`planSecurityCloud`, src/plan/security-cloud.ts), with the same props:
 *
 * - one hub VPC (transit, services, firewall and public subnets per AZ), routes symmetric through the AZ's firewall;
 * - a transit gateway with no default association or propagation: the hub table (hub VPC attachment, every member
 *   propagated) and one table per member in another account (its attachment, only the hub propagated), so members reach
 *   the hub CIDR and never each other; shared through AWS RAM with the members' accounts (`accountId`), their
 *   attachments accepted by the hub's owner;
 * - AWS Network Firewall (default drop, IPS in drop mode), the Squid proxy fleet behind an internal NLB, the Postfix
 *   mail relay behind an internet-facing NLB on TCP 25, the Route 53 Resolver inbound endpoint at fixed addresses with
 *   DNS Firewall and query logging, the optional public web entrance (ALB + WAFv2 with the SQL-injection rule set,
 *   CloudFront and Shield Advanced options), the SIEM sink bucket every log reaches, and CloudWatch alarms to an SNS topic.
 *
 * The props are validated before the construct joins the tree; every problem is reported at once. Every resource is
 * tagged `jichitai:security-cloud=hub`, the functional ones also `jichitai:hub-function`. Put it in a `TerraformStack`
 * that configures the AWS provider (this construct creates none). It applies no topology guard: a prefecture app guards
 * its stacks itself.
 */
export class SecurityCloud extends Construct implements ISecurityCloud {
  /** The hub's transit gateway, which members attach to. */
  public readonly transitGatewayId: string;
  /** The transit route table of the hub VPC's attachment (members propagate their attachments into it). */
  public readonly hubRouteTableId: string;
  /** The hub VPC's attachment to the transit gateway (propagated into each member's table). */
  public readonly hubAttachmentId: string;
  /** ARN of the SIEM sink bucket (`aws-waf-logs-...`), where every log of the hub and its members goes. */
  public readonly siemBucketArn: string;
  /** Name of the SIEM sink bucket. */
  public readonly siemBucketName: string;
  /** The fixed IPv4 addresses of the hub's DNS (Route 53 Resolver inbound endpoint), one per AZ. */
  public readonly dnsAddresses: string[];
  /** The proxy address members configure: `<internal load balancer DNS name>:<port>`. */
  public readonly proxyEndpoint: string;
  /** The hub VPC's ID. */
  public readonly vpcId: string;
  /** The hub VPC's CIDR. */
  public readonly cidr: string;
  /** ARN of the SNS topic the alarms notify (インシデント通知). */
  public readonly alarmTopicArn: string;
  /** DNS name of the public web entrance (the ALB, or the CDN when there is one), if any. */
  public readonly publicWebDnsName?: string;
  /** The generated squid.conf of the proxy fleet, for design documents and reviews. */
  public readonly squidConfig: string;
  /** Why a member cannot join from this app (`connectionFor`), if it cannot. */
  private readonly joinRefusal: (localGovernmentCode: unknown) => string | undefined;

  constructor(scope: Construct, id: string, props: SecurityCloudProps) {
    // Validate and plan before joining the construct tree, so that bad props leave nothing half-built behind
    // (planSecurityCloud validates first and throws every problem at once).
    const plan = planSecurityCloud(props);
    super(scope, id);
    this.joinRefusal = sameAppJoinRefusal(plan);
    this.cidr = plan.cidr;
    this.squidConfig = plan.proxy.squidConfig;
    const name = (suffix: string) => `${plan.namePrefix}-${suffix}`;
    // Network resources carry the hub tag only; those doing one of the hub's functions also name it (the SC rules read it).
    const netTags = (suffix: string) => resourceTags(plan.tags, name(suffix));
    const fnTags = (fn: HubFunction, suffix: string) => hubTags(plan, fn, name(suffix));

    // --- Transit gateway first: its owner is the account the bucket is named after, known without an AWS call.
    const tgw = new Ec2TransitGateway(this, 'TransitGateway', {
      description: plan.transitGateway.description,
      // Nothing is associated or propagated implicitly: every member's reach is declared (SC-1).
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      // Attachments from other accounts are accepted by the hub's owner, one by one.
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      tags: netTags('tgw'),
    });
    this.transitGatewayId = tgw.id;
    const accountId = tgw.ownerId;
    const region = new DataAwsRegion(this, 'Region');
    const partition = new DataAwsPartition(this, 'Partition');

    // --- SIEM sink: everything below logs to it.
    const siem = this.siemBucket(plan, accountId, fnTags(HubFunction.SIEM, 'siem'));
    this.siemBucketArn = siem.arn;
    this.siemBucketName = siem.bucket;

    // --- VPC, subnets, route tables.
    const vpc = new Vpc(this, 'Vpc', { cidrBlock: plan.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: netTags('vpc') });
    this.vpcId = vpc.id;
    const subnetIds = new Map<string, string>();
    const routeTableIds = new Map<string, string>();
    for (const table of plan.routeTables) {
      routeTableIds.set(table.key, new RouteTable(this, `RouteTable-${table.key}`, { vpcId: vpc.id, tags: netTags(table.key) }).id);
    }
    for (const s of plan.subnets) {
      const subnet = new Subnet(this, `Subnet-${s.key}`, {
        vpcId: vpc.id,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { ...netTags(s.key), [SUBNET_TIER_TAG_KEY]: s.tier },
      });
      new RouteTableAssociation(this, `Subnet-${s.key}-RouteTable`, { subnetId: subnet.id, routeTableId: routeTableIds.get(s.routeTable)! });
      subnetIds.set(s.key, subnet.id);
    }
    const ids = (keys: readonly string[]) => keys.map((k) => subnetIds.get(k)!);
    const cidrsOf = (tier: HubTier) => plan.subnets.filter((s) => s.tier === tier).map((s) => s.cidr);

    // --- Internet gateway and one NAT gateway per AZ in the public tier.
    const igw = new InternetGateway(this, 'InternetGateway', { vpcId: vpc.id, tags: netTags('igw') });
    const natIds = plan.natGatewaySubnetKeys.map((key, az) => {
      // The Elastic IP and the NAT gateway need the VPC's internet gateway first.
      const eip = new Eip(this, `NatEip-${az + 1}`, { domain: 'vpc', tags: netTags(`nat-${az + 1}`), dependsOn: [igw] });
      return new NatGateway(this, `NatGateway-${az + 1}`, {
        subnetId: subnetIds.get(key)!, allocationId: eip.allocationId, tags: netTags(`nat-${az + 1}`), dependsOn: [igw],
      }).id;
    });

    // --- Inspection (ゲートウェイ FW / IPS).
    const firewallEndpoints = this.inspection(plan, vpc.id, subnetIds, siem.bucket, (suffix) => fnTags(HubFunction.INSPECTION, suffix),
      partition.partition, region.name);

    // --- The hub VPC's attachment and the transit route tables.
    const attachment = new Ec2TransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
      transitGatewayId: tgw.id,
      vpcId: vpc.id,
      subnetIds: ids(plan.transitGateway.attachmentSubnetKeys),
      transitGatewayDefaultRouteTableAssociation: false,
      transitGatewayDefaultRouteTablePropagation: false,
      dnsSupport: 'enable',
      tags: netTags('tgw-attachment'),
    });
    this.hubAttachmentId = attachment.id;
    const share = plan.transitGateway.resourceShare;
    if (share) {
      // Members in other accounts see the transit gateway through AWS RAM; their attachments still wait for the hub's
      // owner to accept them (autoAcceptSharedAttachments is disabled above).
      const resourceShare = new RamResourceShare(this, 'TransitGatewayShare', {
        name: share.name, allowExternalPrincipals: share.allowExternalPrincipals, tags: netTags('tgw-share'),
      });
      new RamResourceAssociation(this, 'TransitGatewayShareResource', { resourceArn: tgw.arn, resourceShareArn: resourceShare.arn });
      for (const principal of share.principals) {
        new RamPrincipalAssociation(this, `TransitGatewayShare-${principal}`, { principal, resourceShareArn: resourceShare.arn });
      }
    }
    const hubTable = new Ec2TransitGatewayRouteTable(this, `TransitRouteTable-${plan.transitGateway.hubRouteTableKey}`, {
      transitGatewayId: tgw.id,
      tags: netTags(`tgw-rt-${plan.transitGateway.hubRouteTableKey}`),
    });
    this.hubRouteTableId = hubTable.id;
    new Ec2TransitGatewayRouteTableAssociation(this, 'TransitHubAssociation', {
      transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: hubTable.id,
    });
    const memberTables = new Map<string, string>();
    for (const m of plan.transitGateway.memberRouteTables) {
      const memberTags = { ...netTags(`tgw-${m.key}`), [MUNICIPALITY_TAG_KEY]: m.localGovernmentCode, 'jichitai:zone': SECURITY_CLOUD_MEMBER_ZONE };
      // The member's attachment comes from another account through the RAM share; the hub's owner accepts it (shared
      // attachments are not accepted automatically), and it joins no table until associated here.
      const table = new Ec2TransitGatewayRouteTable(this, `TransitRouteTable-${m.key}`, { transitGatewayId: tgw.id, tags: memberTags });
      memberTables.set(m.localGovernmentCode, table.id);
      new Ec2TransitGatewayRouteTableAssociation(this, `TransitAssociation-${m.key}`, {
        transitGatewayAttachmentId: m.attachmentId, transitGatewayRouteTableId: table.id,
      });
      // The member's table holds the hub CIDR only; the hub table routes the member's declared block to it (static: what a
      // VPC of another account announces is not the hub's to trust, HubMemberRouteTablePlan.internetCidr).
      new Ec2TransitGatewayRouteTablePropagation(this, `TransitPropagation-${m.key}-hub`, {
        transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: table.id,
      });
      new Ec2TransitGatewayRoute(this, `TransitRoute-hub-${m.key}`, {
        transitGatewayRouteTableId: hubTable.id, destinationCidrBlock: m.internetCidr, transitGatewayAttachmentId: m.attachmentId,
      });
    }

    // --- VPC routes, keyed by destination so that adding a member or a subnet replaces no unrelated route.
    for (const table of plan.routeTables) {
      for (const r of table.routes) {
        new Route(this, `Route-${table.key}-${cidrId(r.destination)}`, {
          routeTableId: routeTableIds.get(table.key)!,
          destinationCidrBlock: r.destination,
          transitGatewayId: r.target === HubRouteTarget.TRANSIT_GATEWAY ? tgw.id : undefined,
          vpcEndpointId: r.target === HubRouteTarget.FIREWALL_ENDPOINT ? firewallEndpoints[r.azIndex!] : undefined,
          natGatewayId: r.target === HubRouteTarget.NAT_GATEWAY ? natIds[r.azIndex!] : undefined,
          gatewayId: r.target === HubRouteTarget.INTERNET_GATEWAY ? igw.id : undefined,
          // A transit gateway route is only valid once the VPC is attached.
          dependsOn: r.target === HubRouteTarget.TRANSIT_GATEWAY ? [attachment] : undefined,
        });
      }
    }

    // --- Flow logs of the hub VPC to the SIEM (SC-4).
    new FlowLog(this, 'FlowLog', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${siem.arn}/${plan.siem.flowLogPrefix}`,
      maxAggregationInterval: 60,
      tags: fnTags(HubFunction.SIEM, 'flow-log'),
    });

    // --- Log shipping: CloudWatch Logs -> Kinesis Data Firehose -> the SIEM bucket (proxy and mail logs).
    const shipping = new LogShipping(this, 'LogShipping', {
      bucketArn: siem.arn,
      accountId,
      region: region.name,
      partition: partition.partition,
      namePrefix: plan.namePrefix,
      prefixes: [plan.proxy.accessLog.siemPrefix, plan.mailRelay.mailLog.siemPrefix],
      tags: (suffix) => fnTags(HubFunction.SIEM, suffix),
    });

    // --- Servers: the web proxy fleet and the mail relay. Members reach both through one internal load balancer in the
    // services subnets (the proxy port and SMTP); the internet reaches the relay through its own load balancer on TCP 25.
    const servicesCidrs = cidrsOf(HubTier.SERVICES);
    const relay = plan.mailRelay;
    const internalGroup = new SecurityGroup(this, 'InternalLoadBalancerSecurityGroup', {
      vpcId: vpc.id,
      description: 'Internal load balancer of the hub: the proxy port and SMTP from the members (RFC 1918)',
      ingress: plan.proxy.clientCidrs.flatMap((c) => [tcpRule(c, plan.proxy.port, 'Proxy from members'), tcpRule(c, relay.smtpPort, 'SMTP from members')]),
      egress: servicesCidrs.flatMap((c) => [tcpRule(c, plan.proxy.port, 'To the proxy servers'), tcpRule(c, relay.smtpPort, 'To the mail relay')]),
      tags: fnTags(HubFunction.PROXY, 'internal-lb'),
    });
    const internalLb = new Lb(this, 'InternalLoadBalancer', {
      loadBalancerType: 'network',
      internal: true,
      subnets: ids(plan.proxy.subnetKeys),
      securityGroups: [internalGroup.id],
      // Spread members over every healthy server, whatever AZ they arrive in.
      enableCrossZoneLoadBalancing: true,
      tags: fnTags(HubFunction.PROXY, 'internal-lb'),
    });
    this.proxyEndpoint = `${internalLb.dnsName}:${plan.proxy.port}`;
    const serverProps = { vpcId: vpc.id, shipping, partition: partition.partition, region: region.name };

    const proxy = new HubServers(this, 'Proxy', {
      ...serverProps,
      subnetIds: ids(plan.proxy.subnetKeys),
      imageParameter: plan.proxy.imageParameter,
      instanceType: plan.proxy.instanceType,
      minInstances: plan.proxy.minInstances,
      maxInstances: plan.proxy.maxInstances,
      userData: plan.proxy.userData,
      log: plan.proxy.accessLog,
      logKey: 'proxy',
      description: 'Web proxy servers: members in on the proxy port; the web out through the inspection firewall',
      tags: (suffix) => fnTags(HubFunction.PROXY, `proxy-${suffix}`),
      ingress: plan.proxy.clientCidrs.map((c) => tcpRule(c, plan.proxy.port, 'Members and the load balancer health checks')),
      egress: plan.proxy.egressTcpPorts.map((port) => tcpRule('0.0.0.0/0', port, `The web on ${port} (through the inspection firewall)`)),
      entrances: [{ key: 'Internal', loadBalancer: internalLb, port: plan.proxy.port, preserveClientIp: true }],
    });

    const publicGroup = new SecurityGroup(this, 'MailPublicLoadBalancerSecurityGroup', {
      vpcId: vpc.id,
      description: 'The mail relay internet entrance: SMTP (TCP 25) only',
      // SC-3: internet ingress to the relay is TCP 25 only.
      ingress: [tcpRule('0.0.0.0/0', relay.smtpPort, 'Internet mail')],
      egress: servicesCidrs.map((c) => tcpRule(c, relay.smtpPort, 'To the mail relay (through the inspection firewall)')),
      tags: fnTags(HubFunction.MAIL_RELAY, 'mail-entrance'),
    });
    const publicLb = new Lb(this, 'MailPublicLoadBalancer', {
      loadBalancerType: 'network',
      internal: false,
      subnets: ids(plan.subnets.filter((x) => x.tier === HubTier.PUBLIC).map((x) => x.key)),
      securityGroups: [publicGroup.id],
      enableCrossZoneLoadBalancing: true,
      tags: fnTags(HubFunction.MAIL_RELAY, 'mail-entrance'),
    });
    const relayServers = new HubServers(this, 'MailRelay', {
      ...serverProps,
      subnetIds: ids(relay.subnetKeys),
      imageParameter: relay.imageParameter,
      instanceType: relay.instanceType,
      minInstances: relay.minInstances,
      maxInstances: relay.maxInstances,
      userData: relay.userData,
      log: relay.mailLog,
      logKey: 'mail',
      description: 'Mail relay: SMTP in from the members and the internet load balancer; SMTP and packages out through the inspection firewall',
      tags: (suffix) => fnTags(HubFunction.MAIL_RELAY, `mail-relay-${suffix}`),
      // RFC 1918: members through the internal load balancer (client addresses kept) and the internet load balancer's
      // own addresses in the public subnets (client addresses not kept). Postfix decides who may relay (mynetworks).
      ingress: plan.proxy.clientCidrs.map((c) => tcpRule(c, relay.smtpPort, 'SMTP from members and the load balancers')),
      egress: [
        tcpRule('0.0.0.0/0', relay.smtpPort, 'SMTP to the internet and to member mail servers'),
        tcpRule('0.0.0.0/0', 443, 'Packages and the log agent (through the inspection firewall)'),
        tcpRule('0.0.0.0/0', 80, 'Debian packages (through the inspection firewall)'),
        ...(relay.filter.onRelay ? [] : [tcpRule(`${relay.filter.address}/32`, relay.filter.port, 'The spam / malware filter (milter)')]),
      ],
      entrances: [
        { key: 'Internal', loadBalancer: internalLb, port: relay.smtpPort, preserveClientIp: true },
        { key: 'Public', loadBalancer: publicLb, port: relay.smtpPort, preserveClientIp: relay.preserveClientIp },
      ],
    });

    // --- DNS (external DNS, キャッシュ DNS).
    this.dnsAddresses = plan.dns.inboundAddresses.map((a) => a.ip);
    this.dns(plan, vpc.id, subnetIds, siem.arn, (suffix) => fnTags(HubFunction.DNS, suffix));

    // --- Public web entrance (公開 Web: WAF, CDN, Shield).
    const sites = plan.publicWeb ? this.publicWeb(plan, vpc.id, subnetIds, siem.arn, (suffix) => fnTags(HubFunction.PUBLIC_WEB, suffix)) : undefined;
    this.publicWebDnsName = sites?.dnsName;

    // --- Monitoring (死活監視 / サービス監視 / URL 監視) and notification.
    // Not encrypted with the AWS managed key alias/aws/sns: its key policy does not let CloudWatch alarms publish.
    const topic = new SnsTopic(this, 'AlarmTopic', { name: name('alarms'), tags: fnTags(HubFunction.MONITORING, 'alarms') });
    new SnsTopicPolicy(this, 'AlarmTopicPolicy', {
      arn: topic.arn,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          },
          { Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic.arn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      }),
    });
    this.alarmTopicArn = topic.arn;
    plan.monitoring.notificationEmails.forEach((endpoint, i) => {
      new SnsTopicSubscription(this, `Notification-${i + 1}`, { topicArn: topic.arn, protocol: 'email', endpoint });
    });
    for (const a of plan.monitoring.alarms) {
      let dimensions: Record<string, string>;
      switch (a.subject) {
        case HubAlarmSubject.PROXY_INSTANCES: dimensions = { AutoScalingGroupName: proxy.autoScalingGroupName }; break;
        case HubAlarmSubject.MAIL_RELAY_INSTANCES: dimensions = { AutoScalingGroupName: relayServers.autoScalingGroupName }; break;
        case HubAlarmSubject.PROXY_TARGETS: dimensions = proxy.targetDimensions; break;
        case HubAlarmSubject.MAIL_RELAY_TARGETS: dimensions = relayServers.targetDimensions; break;
        default: {
          const site = sites?.dimensions.get(a.siteKey!);
          if (!site) throw new Error(`[${this.node.path}] alarm ${a.key} names site ${a.siteKey}, which the plan has no target group for`);
          dimensions = site;
        }
      }
      new CloudwatchMetricAlarm(this, `Alarm-${a.key}`, {
        alarmName: name(a.key),
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
        alarmActions: [topic.arn],
        okActions: [topic.arn],
        tags: fnTags(HubFunction.MONITORING, `alarm-${a.key}`),
      });
    }

    // Members in other apps or accounts join with these values; their guard binds its literal IDs with them.
    for (const o of hubOutputs(this, memberTables)) new TerraformOutput(this, o.name, { value: o.value, description: o.description });
  }

  /**
   * The hub's attributes for a member of the same app (its local government code), for `MunicipalNetwork`'s
   * `securityCloud`: the member's own network creates its transit gateway route table, association and propagations from
   * `hubRouteTableId` / `hubAttachmentId`. A member declared with an `attachmentId` already has its table here: refused.
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

  /**
   * The SIEM sink (ログ収集・分析): encrypted, versioned, public access blocked, TLS only, expiring after the retention
   * period. Its name starts with `aws-waf-logs-` so that WAF logs to it directly, and ends with the account ID so that
   * it is unique without a random suffix.
   */
  private siemBucket(plan: SecurityCloudPlan, accountId: string, tags: Record<string, string>): S3Bucket {
    const bucket = new S3Bucket(this, 'SiemBucket', {
      bucket: `${plan.siem.bucketNamePrefix}-${accountId}`,
      // Logs are audit evidence (監査証跡): Terraform refuses to destroy the bucket (the AWS CDK renderer retains it).
      lifecycle: { preventDestroy: true },
      tags,
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'SiemPublicAccessBlock', {
      bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'SiemOwnershipControls', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'SiemEncryption', {
      bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const versioning = new S3BucketVersioningA(this, 'SiemVersioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
    new S3BucketLifecycleConfiguration(this, 'SiemLifecycle', {
      bucket: bucket.id,
      rule: [{
        id: 'expire-logs',
        status: 'Enabled',
        // An empty filter applies the rule to every object.
        filter: [{}],
        expiration: [{ days: plan.siem.retentionDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
      }],
      // A lifecycle configuration on a versioned bucket must follow the versioning configuration.
      dependsOn: [versioning],
    });
    // Log delivery (VPC flow logs, Network Firewall, Resolver query logs, WAF) writes as delivery.logs.amazonaws.com: the
    // hub's account under hub/, AWSLogs/ (WAF's fixed prefix) and members/ (members in its account), each member account
    // under its own members' members/<code>/ only.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
    const delivery = { Service: 'delivery.logs.amazonaws.com' };
    const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
    new S3BucketPolicy(this, 'SiemPolicy', {
      bucket: bucket.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'HubLogDelivery',
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: [`${bucket.arn}/hub/*`, `${bucket.arn}/${plan.siem.wafPrefix}*`],
            Condition: { StringEquals: { ...acl, 'aws:SourceAccount': accountId } },
          },
          {
            // Members in the hub's account (same-app members join after planning, through connectionFor): members/.
            Sid: 'HubAccountMemberLogDelivery',
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: `${bucket.arn}/${plan.siem.hubAccountMemberPrefix}*`,
            Condition: { StringEquals: { ...acl, 'aws:SourceAccount': accountId } },
          },
          // Members in other accounts: each account writes its own members' prefixes (members/<code>/) only.
          ...plan.siem.memberAccountDeliveries.map((d) => ({
            Sid: `MemberLogDelivery${d.accountId}`,
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: d.prefixes.map((prefix) => `${bucket.arn}/${prefix}*`),
            Condition: { StringEquals: { ...acl, 'aws:SourceAccount': d.accountId } },
          })),
          {
            Sid: 'LogDeliveryAclCheck',
            Effect: 'Allow',
            Principal: delivery,
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
            Resource: bucket.arn,
          },
        ],
      }),
      // S3 rejects a bucket policy while the public access block is being written.
      dependsOn: [publicAccess],
    });
    return bucket;
  }

  /** AWS Network Firewall: one policy, its rule groups, one firewall per AZ; ALERT and FLOW logs to the SIEM. */
  private inspection(plan: SecurityCloudPlan, vpcId: string, subnetIds: ReadonlyMap<string, string>, bucketName: string,
    tags: (suffix: string) => Record<string, string>, partition: string, region: string): string[] {
    const fw = plan.firewall;
    const base = `${plan.namePrefix}-${fw.key.toLowerCase()}`;
    const groups = fw.ruleGroups.map((g) => {
      const group = new NetworkfirewallRuleGroup(this, `FirewallRuleGroup-${g.key}`, {
        name: `${base}-${g.key}`,
        type: 'STATEFUL',
        capacity: g.capacity,
        description: g.description,
        tags: tags(`${fw.key.toLowerCase()}-${g.key}`),
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: fw.ruleOrder },
          ruleVariables: { ipSets: [{ key: 'HOME_NET', ipSet: { definition: g.homeNet } }] },
          rulesSource: g.domainList
            ? {
              rulesSourceList: {
                targets: g.domainList.targets, targetTypes: g.domainList.targetTypes, generatedRulesType: g.domainList.generatedRulesType,
              },
            }
            : { rulesString: g.rulesString },
        },
      });
      return { resourceArn: group.arn, priority: g.priority };
    });
    // AWS managed groups in the deploying partition and region, read by the hub's data sources.
    for (const g of fw.managedRuleGroups) groups.push({ resourceArn: managedRuleGroupArn(partition, region, g.name), priority: g.priority });
    const policy = new NetworkfirewallFirewallPolicy(this, 'FirewallPolicy', {
      name: base,
      description: fw.description,
      tags: tags(fw.key.toLowerCase()),
      firewallPolicy: {
        statelessDefaultActions: fw.statelessDefaultActions,
        statelessFragmentDefaultActions: fw.statelessFragmentDefaultActions,
        statefulDefaultActions: fw.statefulDefaultActions,
        statefulEngineOptions: { ruleOrder: fw.ruleOrder },
        statefulRuleGroupReference: groups,
      },
    });
    const endpoints: string[] = [];
    for (const key of fw.subnetKeys) {
      const subnet = plan.subnets.find((s) => s.key === key)!;
      const n = subnet.azIndex + 1;
      const firewall = new NetworkfirewallFirewall(this, `Firewall-${n}`, {
        name: `${base}-${n}`,
        description: fw.description,
        firewallPolicyArn: policy.arn,
        vpcId,
        subnetMapping: [{ subnetId: subnetIds.get(key)! }],
        deleteProtection: true,
        firewallPolicyChangeProtection: false,
        subnetChangeProtection: true,
        tags: tags(`${fw.key.toLowerCase()}-${n}`),
      });
      // sync_states holds one element per subnet mapping, here exactly one, so each AZ's endpoint can be named.
      // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/networkfirewall_firewall#sync_states
      endpoints[subnet.azIndex] = `\${tolist(${firewall.fqn}.firewall_status[0].sync_states)[0].attachment[0].endpoint_id}`;
      new NetworkfirewallLoggingConfiguration(this, `FirewallLogging-${n}`, {
        firewallArn: firewall.arn,
        loggingConfiguration: {
          logDestinationConfig: [['ALERT', fw.alertLogPrefix], ['FLOW', fw.flowLogPrefix]].map(([logType, prefix]) => ({
            logType, logDestinationType: 'S3', logDestination: { bucketName, prefix },
          })),
        },
      });
    }
    return endpoints;
  }

  /**
   * The Route 53 Resolver inbound endpoint at the plan's fixed addresses (what members forward every name to), the DNS
   * Firewall of the hub VPC's resolver (fails closed), and query logging to the SIEM.
   */
  private dns(plan: SecurityCloudPlan, vpcId: string, subnetIds: ReadonlyMap<string, string>, bucketArn: string,
    tags: (suffix: string) => Record<string, string>): void {
    const name = (suffix: string) => `${plan.namePrefix}-${suffix}`;
    const group = new SecurityGroup(this, 'DnsSecurityGroup', {
      vpcId,
      description: 'Hub DNS (Route 53 Resolver inbound endpoint): DNS from the members through the transit gateway',
      ingress: plan.proxy.clientCidrs.flatMap((cidr) => ['udp', 'tcp'].map((protocol) => rule(protocol, cidr, 53, 'DNS from the members (RFC 1918)'))),
      // Answers go back on the tracked connection: nothing is opened outward.
      egress: [],
      tags: tags('resolver-inbound'),
    });
    new Route53ResolverEndpoint(this, 'DnsInboundEndpoint', {
      direction: 'INBOUND',
      name: name('resolver-inbound'),
      securityGroupIds: [group.id],
      ipAddress: plan.dns.inboundAddresses.map((a) => ({ subnetId: subnetIds.get(a.subnetKey)!, ip: a.ip })),
      tags: tags('resolver-inbound'),
    });
    const ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'DnsFirewall', { name: name('dns-firewall'), tags: tags('dns-firewall') });
    for (const r of plan.dns.firewall.rules) {
      const list = new Route53ResolverFirewallDomainList(this, `DnsFirewall-${r.name}`, { name: name(`dns-${r.name}`), domains: r.domains, tags: tags(`dns-${r.name}`) });
      new Route53ResolverFirewallRule(this, `DnsFirewallRule-${r.name}`, {
        name: name(`dns-${r.name}`),
        firewallRuleGroupId: ruleGroup.id,
        firewallDomainListId: list.id,
        priority: r.priority,
        action: r.action,
        blockResponse: r.action === 'BLOCK' ? 'NXDOMAIN' : undefined,
      });
    }
    new Route53ResolverFirewallRuleGroupAssociation(this, 'DnsFirewallAssociation', {
      firewallRuleGroupId: ruleGroup.id,
      vpcId,
      // 101-9900 is the range customers may use (100 and 9901+ are reserved for AWS Firewall Manager).
      priority: 101,
      mutationProtection: 'ENABLED',
      name: name('dns-firewall'),
      tags: tags('dns-firewall'),
    });
    new Route53ResolverFirewallConfig(this, 'DnsFirewallConfig', { resourceId: vpcId, firewallFailOpen: plan.dns.firewall.failOpen ? 'ENABLED' : 'DISABLED' });
    const queryLog = new Route53ResolverQueryLogConfig(this, 'DnsQueryLog', {
      name: name('dns-queries'),
      destinationArn: `${bucketArn}/${plan.dns.queryLogPrefix}`,
      tags: tags('dns-queries'),
    });
    new Route53ResolverQueryLogConfigAssociation(this, 'DnsQueryLogAssociation', { resolverQueryLogConfigId: queryLog.id, resourceId: vpcId });
  }

  /**
   * The public web entrance: an internet-facing ALB (HTTPS, host-header rules, fixed 404 otherwise) in front of the
   * members' web servers (IP targets outside the VPC), a REGIONAL WAFv2 web ACL with the managed rule groups (SQL
   * injection first) logging to the SIEM, and the CDN and Shield Advanced options.
   */
  private publicWeb(plan: SecurityCloudPlan, vpcId: string, subnetIds: ReadonlyMap<string, string>, bucketArn: string,
    tags: (suffix: string) => Record<string, string>): { dnsName: string; dimensions: Map<string, Record<string, string>> } {
    const web = plan.publicWeb!;
    const name = (suffix: string) => `${plan.namePrefix}-${suffix}`;
    const group = new SecurityGroup(this, 'PublicWebSecurityGroup', {
      vpcId,
      description: 'Public web entrance: HTTPS from the internet, to member web servers only',
      ingress: [tcpRule('0.0.0.0/0', 443, 'HTTPS from the internet (through the WAF)')],
      egress: web.sites.flatMap((site) => site.targets.map((t) => tcpRule(`${t}/32`, site.port, `${site.hostName} web server`))),
      tags: tags('web-alb'),
    });
    const alb = new Lb(this, 'PublicWebLoadBalancer', {
      loadBalancerType: 'application',
      internal: false,
      subnets: web.subnetKeys.map((k) => subnetIds.get(k)!),
      securityGroups: [group.id],
      dropInvalidHeaderFields: true,
      tags: tags('web-alb'),
    });
    const listener = new LbListener(this, 'PublicWebListener', {
      loadBalancerArn: alb.arn,
      protocol: 'HTTPS',
      port: 443,
      certificateArn: web.certificateArn,
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      defaultAction: [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not Found' } }],
      tags: tags('web-listener'),
    });
    const dimensions = new Map<string, Record<string, string>>();
    for (const site of web.sites) {
      const targets = new LbTargetGroup(this, `Site-${site.key}`, {
        vpcId,
        targetType: 'ip',
        protocol: site.protocol,
        port: site.port,
        healthCheck: { protocol: site.protocol, path: '/', matcher: '200-399', interval: 30, healthyThreshold: 3, unhealthyThreshold: 3 },
        tags: { ...tags(`web-${site.key}`), [MUNICIPALITY_TAG_KEY]: site.localGovernmentCode, 'jichitai:site': site.hostName },
      });
      site.targets.forEach((ip, i) => {
        // The web servers live in the member's VPC, reached through the transit gateway: outside this VPC, hence AZ "all".
        new LbTargetGroupAttachment(this, `Site-${site.key}-Target-${i + 1}`, { targetGroupArn: targets.arn, targetId: ip, port: site.port, availabilityZone: 'all' });
      });
      new LbListenerRule(this, `Site-${site.key}-Rule`, {
        listenerArn: listener.arn,
        priority: site.priority,
        condition: [{ hostHeader: { values: [site.hostName] } }],
        action: [{ type: 'forward', targetGroupArn: targets.arn }],
        tags: tags(`web-${site.key}`),
      });
      dimensions.set(site.key, { TargetGroup: targets.arnSuffix, LoadBalancer: alb.arnSuffix });
    }
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const acl = new Wafv2WebAcl(this, 'PublicWebAcl', {
      name: name('public-web'),
      scope: 'REGIONAL',
      description: 'Public web entrance of the security cloud: managed rule groups, SQL injection first (seed 004)',
      defaultAction: { allow: {} },
      rule: web.managedRuleGroups.map((g) => ({
        name: g.name,
        priority: g.priority,
        overrideAction: { none: {} },
        // The statement is schema-less in the generated provider: Terraform's own (snake_case) names.
        statement: { managed_rule_group_statement: { name: g.name, vendor_name: g.vendorName } },
        visibilityConfig: visibility(g.name),
      })),
      visibilityConfig: visibility(name('public-web')),
      tags: tags('public-web-acl'),
    });
    new Wafv2WebAclAssociation(this, 'PublicWebAclAssociation', { resourceArn: alb.arn, webAclArn: acl.arn });
    new Wafv2WebAclLoggingConfiguration(this, 'PublicWebAclLogging', { resourceArn: acl.arn, logDestinationConfigs: [bucketArn] });
    let dnsName = alb.dnsName;
    let cdn: CloudfrontDistribution | undefined;
    if (web.cdn) {
      cdn = new CloudfrontDistribution(this, 'PublicWebCdn', {
        enabled: true,
        comment: `${plan.prefecture} security cloud public web`,
        aliases: web.cdn.aliases,
        webAclId: web.cdn.webAclArn,
        origin: [{
          originId: 'alb',
          domainName: alb.dnsName,
          customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
        }],
        defaultCacheBehavior: {
          targetOriginId: 'alb',
          viewerProtocolPolicy: 'redirect-to-https',
          allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
          cachedMethods: ['GET', 'HEAD'],
          // AWS managed policies: CachingDisabled (the sites decide what may be cached) and AllViewer (the Host header
          // reaches the load balancer's host rules).
          // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
          cachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          originRequestPolicyId: '216adef6-5c7f-47e4-b989-5492eafa07d3',
        },
        restrictions: { geoRestriction: { restrictionType: 'none' } },
        viewerCertificate: { acmCertificateArn: web.cdn.certificateArn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' },
        tags: tags('web-cdn'),
      });
      dnsName = cdn.domainName;
    }
    if (web.shieldAdvanced) {
      new ShieldProtection(this, 'PublicWebShield', { name: name('public-web'), resourceArn: alb.arn, tags: tags('web-shield') });
      if (cdn) new ShieldProtection(this, 'PublicWebCdnShield', { name: name('public-web-cdn'), resourceArn: cdn.arn, tags: tags('web-cdn-shield') });
    }
    return { dnsName, dimensions };
  }
}

/** Inputs of `LogShipping`. */
interface LogShippingProps {
  readonly bucketArn: string;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly namePrefix: string;
  /** The SIEM prefixes the streams write under. */
  readonly prefixes: string[];
  readonly tags: (suffix: string) => Record<string, string>;
}

/**
 * CloudWatch Logs -> Kinesis Data Firehose -> the SIEM bucket, for the servers' log files (Squid's access log, Postfix's
 * log): one delivery stream per log group, each writing under its own prefix.
 */
class LogShipping extends Construct {
  private readonly firehoseRole: IamRole;
  private readonly logsRole: IamRole;
  private readonly streamArns: string[] = [];

  constructor(scope: Construct, id: string, private readonly props: LogShippingProps) {
    super(scope, id);
    this.firehoseRole = new IamRole(this, 'FirehoseRole', {
      description: 'Security cloud log delivery streams: write to the SIEM bucket',
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        // Firehose names the account as the external ID: only this account's streams take the role.
        Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': props.accountId } } }],
      }),
      tags: props.tags('firehose-role'),
    });
    new IamRolePolicy(this, 'FirehosePolicy', {
      role: this.firehoseRole.name,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          // Its own prefixes only (hub/proxy/, hub/mail/).
          { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: props.prefixes.map((prefix) => `${props.bucketArn}/${prefix}*`) },
          { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], Resource: props.bucketArn },
        ],
      }),
    });
    // CloudWatch Logs puts the subscribed events into the streams with this role.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#FirehoseExample
    this.logsRole = new IamRole(this, 'LogsRole', {
      description: 'CloudWatch Logs subscription filters of the security cloud: put records into the delivery streams',
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Principal: { Service: 'logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringLike: { 'aws:SourceArn': `arn:${props.partition}:logs:${props.region}:${props.accountId}:*` } },
        }],
      }),
      tags: props.tags('logs-role'),
    });
  }

  /** Ship a log group to the SIEM under `log.siemPrefix`. */
  public ship(scope: Construct, key: string, logGroup: CloudwatchLogGroup, log: HubLogShippingPlan): void {
    const stream = new KinesisFirehoseDeliveryStream(this, `Stream-${key}`, {
      name: `${this.props.namePrefix}-${key}-log`,
      destination: 'extended_s3',
      extendedS3Configuration: {
        roleArn: this.firehoseRole.arn,
        bucketArn: this.props.bucketArn,
        prefix: log.siemPrefix,
        errorOutputPrefix: `${log.siemPrefix}errors/`,
        // CloudWatch Logs already sends gzip-compressed batches.
        compressionFormat: 'UNCOMPRESSED',
        bufferingInterval: 60,
        bufferingSize: 5,
      },
      serverSideEncryption: { enabled: true, keyType: 'AWS_OWNED_CMK' },
      tags: this.props.tags(`${key}-log-delivery`),
    });
    this.streamArns.push(stream.arn);
    const policy = new IamRolePolicy(this, `LogsPolicy-${key}`, {
      role: this.logsRole.name,
      policy: Fn.jsonencode({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'], Resource: stream.arn }] }),
    });
    new CloudwatchLogSubscriptionFilter(scope, 'SiemSubscription', {
      name: `${this.props.namePrefix}-${key}-to-siem`,
      logGroupName: logGroup.name,
      filterPattern: '',
      destinationArn: stream.arn,
      roleArn: this.logsRole.arn,
      // CloudWatch Logs checks that it may put records when the filter is created.
      dependsOn: [policy],
    });
  }
}

/** A load balancer listener in front of a fleet. */
interface Entrance {
  /** Construct id suffix of its target group and listener. */
  readonly key: string;
  readonly loadBalancer: Lb;
  readonly port: number;
  /** Whether the servers see the client's address (the target group's `preserve_client_ip.enabled`). */
  readonly preserveClientIp: boolean;
}

/** Inputs of `HubServers`. */
interface HubServersProps {
  readonly vpcId: string;
  readonly subnetIds: string[];
  readonly imageParameter: string;
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly userData: string;
  readonly log: HubLogShippingPlan;
  /** Name fragment of the log's delivery stream. */
  readonly logKey: string;
  readonly shipping: LogShipping;
  readonly partition: string;
  readonly region: string;
  /** The instances' security group description. */
  readonly description: string;
  readonly tags: (suffix: string) => Record<string, string>;
  readonly ingress: SecurityGroupIngress[];
  readonly egress: SecurityGroupIngress[];
  /** The first one's target group is the service check's (サービス監視). */
  readonly entrances: Entrance[];
}

/**
 * A fleet of hub servers (the proxy, the mail relay): Debian from the public SSM parameter in an Auto Scaling group,
 * SSM-managed (no SSH, no key pair), IMDSv2 only, registered behind its load balancers; its log file shipped to the SIEM.
 */
class HubServers extends Construct {
  public readonly autoScalingGroupName: string;
  /** The CloudWatch dimensions of the first entrance's target group (service checks). */
  public readonly targetDimensions: Record<string, string>;

  constructor(scope: Construct, id: string, props: HubServersProps) {
    super(scope, id);
    const { tags } = props;
    const instanceGroup = new SecurityGroup(this, 'InstanceSecurityGroup', {
      vpcId: props.vpcId, description: props.description, ingress: props.ingress, egress: props.egress, tags: tags('instances'),
    });
    const role = new IamRole(this, 'InstanceRole', {
      description: 'Security cloud servers: SSM management and their log group',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
      tags: tags('role'),
    });
    // The AWS-maintained minimum for Session Manager, which replaces SSH.
    new IamRolePolicyAttachment(this, 'SsmManagedInstanceCore', {
      role: role.name, policyArn: `arn:${props.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    });
    const logGroup = new CloudwatchLogGroup(this, 'Log', {
      name: props.log.logGroupName,
      retentionInDays: props.log.retentionDays,
      // Logs are audit evidence (監査証跡): never deleted with the stack, like the SIEM bucket.
      lifecycle: { preventDestroy: true },
      tags: tags('log'),
    });
    // The CloudWatch agent writes to its own group only (the account is a wildcard so that planning needs no look-up;
    // an identity policy reaches the role's own account's log groups only).
    new IamRolePolicy(this, 'LogPolicy', {
      role: role.name,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `arn:${props.partition}:logs:${props.region}:*:log-group:${props.log.logGroupName}:*`,
        }],
      }),
    });
    props.shipping.ship(this, props.logKey, logGroup, props.log);
    const profile = new IamInstanceProfile(this, 'InstanceProfile', { role: role.name, tags: tags('profile') });
    const template = new LaunchTemplate(this, 'LaunchTemplate', {
      // EC2 resolves the public parameter at each launch: always the current image of the release.
      imageId: `resolve:ssm:${props.imageParameter}`,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [instanceGroup.id],
      // Plain text in the plan, encoded here: the output stays byte-identical.
      userData: Buffer.from(props.userData).toString('base64'),
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
      // Detailed monitoring: EC2 then publishes the status check per Auto Scaling group (the ping-equivalent alarm).
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: 'instance', tags: tags('instance') },
        { resourceType: 'volume', tags: tags('volume') },
      ],
      tags: tags('launch-template'),
    });
    const targetGroups = props.entrances.map((e) => {
      const targets = new LbTargetGroup(this, `TargetGroup-${e.key}`, {
        vpcId: props.vpcId,
        protocol: 'TCP',
        port: e.port,
        targetType: 'instance',
        preserveClientIp: String(e.preserveClientIp),
        deregistrationDelay: '60',
        // The service check (サービス監視): a TCP connection to the service port.
        healthCheck: { protocol: 'TCP', interval: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
        tags: tags(`targets-${e.key.toLowerCase()}`),
      });
      new LbListener(this, `Listener-${e.key}`, {
        loadBalancerArn: e.loadBalancer.arn,
        protocol: 'TCP',
        port: e.port,
        defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
        tags: tags(`listener-${e.key.toLowerCase()}`),
      });
      return { targets, loadBalancer: e.loadBalancer };
    });
    const group = new AutoscalingGroup(this, 'AutoScalingGroup', {
      minSize: props.minInstances,
      maxSize: props.maxInstances,
      vpcZoneIdentifier: props.subnetIds,
      launchTemplate: { id: template.id, version: template.latestVersion.toString() },
      targetGroupArns: targetGroups.map((t) => t.targets.arn),
      healthCheckType: 'ELB',
      // apt-get and the first configuration take a few minutes.
      healthCheckGracePeriod: 600,
      // Replace instances when the configuration changes, launching before terminating.
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } },
      tag: Object.entries(tags('instance')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    });
    this.autoScalingGroupName = group.name;
    const [first] = targetGroups;
    this.targetDimensions = { TargetGroup: first.targets.arnSuffix, LoadBalancer: first.loadBalancer.arnSuffix };
  }
}

/** An inline TCP rule; Terraform's JSON syntax needs every attribute of the block, so the unused ones are empty. */
function tcpRule(cidr: string, port: number, description: string): SecurityGroupIngress {
  return rule('tcp', cidr, port, description);
}

/** The characters EC2 takes in a security group rule's description (terraform validate checks the same). */
const RULE_DESCRIPTION = /^[0-9A-Za-z_ .:/()#,@[\]+=&;{}!$*-]{0,255}$/;

function rule(protocol: string, cidr: string, port: number, description: string): SecurityGroupIngress {
  if (!RULE_DESCRIPTION.test(description)) throw new Error(`security group rule description ${JSON.stringify(description)} has characters EC2 refuses`);
  return {
    protocol,
    cidrBlocks: [cidr],
    fromPort: port,
    toPort: port,
    description,
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: false,
  };
}
