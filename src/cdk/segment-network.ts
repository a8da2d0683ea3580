import { Aws, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as r53r from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { suppressNag } from './nag';
import { PlannedFirewall } from './network-firewall';
import { segmentTags } from './tags';
import { StandInProxy, TenantProxy } from './tenant-proxy';
import { Segment, SEGMENT_JA } from '../model/segment';
import { Blueprint } from '../model/validate';
import { planOf } from '../plan/cache';
import { endpointPolicyDocument } from '../plan/endpoint-policy';
import { cidrId } from '../plan/ids';
import { RouteTargetKind, SecurityGroupRulePlan, SegmentPlan, SubnetRole } from '../plan/network-plan';

/** Props of one segment's network. */
export interface SegmentNetworkProps {
  /** The validated blueprint (see `Blueprint.validate`). */
  readonly blueprint: Blueprint;
  /** Which segment to build. */
  readonly segment: Segment;
  /**
   * The transit gateway the segment attaches to.
   * @default - no attachment (a stand-alone segment with no way out)
   */
  readonly transitGatewayId?: string;
  /** ARN of the S3 bucket for flow logs and firewall logs. */
  readonly logBucketArn: string;
  /** Name of that bucket. */
  readonly logBucketName: string;
}

/**
 * One segment of the three-layer separation (三層の対策) as its own VPC, rendered from the plan:
 * subnets by role and AZ, route tables, the declared flows' security groups, DNS Firewall, flow logs,
 * and (α′ LGWAN, built-in Internet egress) the inspected egress chain firewall → NAT → IGW.
 * Every VPC and subnet is tagged `jichitai:segment`.
 */
export class SegmentNetwork extends Construct {
  /** The segment. */
  public readonly segment: Segment;
  /** The segment's VPC, for placing workloads. */
  public readonly vpc: ec2.IVpc;
  /** The VPC's CIDR. */
  public readonly vpcCidr: string;
  /**
   * Subnets for workloads, one per AZ: terminals and servers; in the α′ LGWAN segment the servers and every host the My
   * Number segment talks to (no breakout route).
   */
  public readonly workloadSubnets: ec2.SubnetSelection;
  /**
   * α′ LGWAN only (empty otherwise): subnets for the terminal pools (業務端末) and security-update clients that use the
   * local breakout, one per AZ.
   */
  public readonly terminalSubnets: ec2.SubnetSelection;
  /** Subnets holding the interface endpoints. */
  public readonly endpointSubnets: ec2.SubnetSelection;
  /** Subnets for the tenant-restriction proxy (α′ LGWAN) or the stand-in's web proxy (Internet, built-in egress); empty otherwise. */
  public readonly proxySubnets: ec2.SubnetSelection;
  /** The transit gateway attachment ID, if attached. */
  public readonly transitGatewayAttachmentId?: string;
  /** VPC endpoint IDs of the firewall, by AZ index (empty if the segment has no firewall). */
  public readonly firewallEndpointIds: string[];
  /** The tenant-restriction forward proxy (α′ LGWAN, cases イ/ウ), if any. */
  public readonly tenantProxy?: TenantProxy;
  /**
   * The Internet segment's web proxy standing in for the security cloud's (`InternetEgressMode.BUILT_IN`), if any: the
   * workload subnets' only way to the internet (`standInProxy.endpoint` is their HTTP(S) proxy).
   */
  public readonly standInProxy?: StandInProxy;
  /**
   * The attachment to the prefecture security cloud hub's transit gateway (a member's Internet segment), if any.
   */
  public readonly securityCloudHubAttachmentId?: string;

  private readonly hostGroups = new Map<string, ec2.ISecurityGroup>();
  private readonly plan: SegmentPlan;

  constructor(scope: Construct, id: string, props: SegmentNetworkProps) {
    super(scope, id);
    const network = planOf(props.blueprint);
    const plan = network.segments.find((s) => s.segment === props.segment)!;
    this.plan = plan;
    this.segment = plan.segment;
    this.vpcCidr = plan.vpcCidr;
    const name = (suffix: string) => `${plan.label}-${suffix}`;
    // AZs are named in the blueprint on purpose: synthesis stays free of look-ups and identical in CDK and CDKTF.
    Validations.of(this).acknowledge({
      id: 'CloudFormation-Validate::W3010',
      reason: 'Availability zones are chosen by name in the blueprint (availabilityZones) so that synthesis is deterministic and engine-neutral',
    });

    const vpc = new ec2.CfnVPC(this, 'Vpc', {
      cidrBlock: plan.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: segmentTags(plan.segment, name('vpc')),
    });

    const subnetIds = new Map<string, string>();
    const subnetsByRole = new Map<SubnetRole, ec2.ISubnet[]>();
    const routeTableIds = new Map<string, string>();
    for (const table of plan.routeTables) {
      const rt = new ec2.CfnRouteTable(this, `RouteTable-${table.key}`, { vpcId: vpc.ref, tags: segmentTags(plan.segment, name(table.key)) });
      routeTableIds.set(table.key, rt.ref);
    }
    for (const s of plan.subnets) {
      const subnet = new ec2.CfnSubnet(this, `Subnet-${s.key}`, {
        vpcId: vpc.ref,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: [...segmentTags(plan.segment, name(s.key)), { key: 'jichitai:subnet-role', value: s.role }],
      });
      new ec2.CfnSubnetRouteTableAssociation(this, `Subnet-${s.key}-RouteTable`, { subnetId: subnet.ref, routeTableId: routeTableIds.get(s.routeTable)! });
      subnetIds.set(s.key, subnet.ref);
      const imported = ec2.Subnet.fromSubnetAttributes(this, `Imported-${s.key}`, {
        subnetId: subnet.ref,
        availabilityZone: s.availabilityZone,
        ipv4CidrBlock: s.cidr,
        routeTableId: routeTableIds.get(s.routeTable),
      });
      subnetsByRole.set(s.role, [...(subnetsByRole.get(s.role) ?? []), imported]);
    }
    const workload = subnetsByRole.get(SubnetRole.WORKLOAD) ?? [];
    this.workloadSubnets = { subnets: workload };
    this.terminalSubnets = { subnets: subnetsByRole.get(SubnetRole.TERMINALS) ?? [] };
    this.endpointSubnets = { subnets: subnetsByRole.get(SubnetRole.ENDPOINTS) ?? [] };
    this.proxySubnets = { subnets: subnetsByRole.get(SubnetRole.PROXY) ?? [] };
    this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Imported', {
      vpcId: vpc.ref,
      vpcCidrBlock: plan.vpcCidr,
      availabilityZones: network.availabilityZones,
      isolatedSubnetIds: workload.map((s) => s.subnetId),
      isolatedSubnetRouteTableIds: workload.map((s) => s.routeTable.routeTableId),
      isolatedSubnetIpv4CidrBlocks: workload.map((s) => s.ipv4CidrBlock),
    });

    // Inspected egress chain (α′ LGWAN breakout, built-in Internet egress): IGW and NATs only here.
    let igwId: string | undefined;
    if (plan.internetGateway) {
      const igw = new ec2.CfnInternetGateway(this, 'InternetGateway', { tags: segmentTags(plan.segment, name('igw')) });
      new ec2.CfnVPCGatewayAttachment(this, 'InternetGatewayAttachment', { vpcId: vpc.ref, internetGatewayId: igw.ref });
      igwId = igw.ref;
    }
    const natIds: string[] = [];
    for (const az of plan.natGatewayAzs) {
      const egressSubnet = plan.subnets.find((s) => s.role === SubnetRole.EGRESS && s.azIndex === az)!;
      const eip = new ec2.CfnEIP(this, `NatEip-${az + 1}`, { domain: 'vpc', tags: segmentTags(plan.segment, name(`nat-${az + 1}`)) });
      const nat = new ec2.CfnNatGateway(this, `NatGateway-${az + 1}`, {
        subnetId: subnetIds.get(egressSubnet.key)!,
        allocationId: eip.attrAllocationId,
        tags: segmentTags(plan.segment, name(`nat-${az + 1}`)),
      });
      natIds[az] = nat.ref;
    }
    let firewallEndpoints: string[] = [];
    const firewallPlan = network.firewalls.find((f) => f.key === plan.firewall);
    if (firewallPlan) {
      const fw = new PlannedFirewall(this, 'Firewall', {
        plan: firewallPlan,
        vpcId: vpc.ref,
        subnets: plan.subnets.filter((s) => s.role === SubnetRole.FIREWALL),
        subnetIds,
        logBucketName: props.logBucketName,
        logPrefix: network.logging.prefix,
        namePrefix: plan.label,
      });
      firewallEndpoints = fw.endpointIds;
    }
    this.firewallEndpointIds = firewallEndpoints;

    // Transit gateway attachment in the dedicated transit subnets.
    let attachmentId: string | undefined;
    let attachment: ec2.CfnTransitGatewayAttachment | undefined;
    if (props.transitGatewayId) {
      attachment = new ec2.CfnTransitGatewayAttachment(this, 'TransitGatewayAttachment', {
        transitGatewayId: props.transitGatewayId,
        vpcId: vpc.ref,
        subnetIds: plan.subnets.filter((s) => s.role === SubnetRole.TRANSIT).map((s) => subnetIds.get(s.key)!),
        tags: segmentTags(plan.segment, name('tgw-attachment')),
      });
      attachmentId = attachment.ref;
    }
    this.transitGatewayAttachmentId = attachmentId;

    // A member of the prefecture security cloud hub: the second attachment, to the hub's transit gateway, in the same
    // transit subnets. It carries the hub CIDR only (the member's routes), never the member's other segments.
    const membership = network.securityCloudMembership?.segment === plan.segment ? network.securityCloudMembership : undefined;
    let hubAttachment: ec2.CfnTransitGatewayAttachment | undefined;
    if (membership) {
      hubAttachment = new ec2.CfnTransitGatewayAttachment(this, 'SecurityCloudHubAttachment', {
        transitGatewayId: membership.attachment.transitGatewayId!,
        vpcId: vpc.ref,
        subnetIds: plan.subnets.filter((s) => s.role === SubnetRole.TRANSIT).map((s) => subnetIds.get(s.key)!),
        tags: [...segmentTags(plan.segment, name('security-cloud-hub-attachment')), { key: 'jichitai:zone', value: membership.attachment.zone }],
      });
      this.securityCloudHubAttachmentId = hubAttachment.ref;
    }

    for (const table of plan.routeTables) {
      table.routes.forEach((r) => {
        if (r.target === RouteTargetKind.TRANSIT_GATEWAY && !props.transitGatewayId) return;
        if (r.target === RouteTargetKind.SECURITY_CLOUD_HUB && !hubAttachment) return;
        // Keyed by destination, not position, so that adding a flow does not replace unrelated routes.
        const route = new ec2.CfnRoute(this, `Route-${table.key}-${cidrId(r.destination)}`, {
          routeTableId: routeTableIds.get(table.key)!,
          destinationCidrBlock: r.destination,
          transitGatewayId: r.target === RouteTargetKind.TRANSIT_GATEWAY ? props.transitGatewayId
            : r.target === RouteTargetKind.SECURITY_CLOUD_HUB ? membership!.attachment.transitGatewayId : undefined,
          vpcEndpointId: r.target === RouteTargetKind.FIREWALL_ENDPOINT ? firewallEndpoints[r.azIndex!] : undefined,
          natGatewayId: r.target === RouteTargetKind.NAT_GATEWAY ? natIds[r.azIndex!] : undefined,
          gatewayId: r.target === RouteTargetKind.INTERNET_GATEWAY ? igwId : undefined,
        });
        // A TGW route is only valid once the VPC is attached.
        if (attachment && r.target === RouteTargetKind.TRANSIT_GATEWAY) route.node.addDependency(attachment);
        if (hubAttachment && r.target === RouteTargetKind.SECURITY_CLOUD_HUB) route.node.addDependency(hubAttachment);
      });
    }

    // α′ cases イ/ウ: the tenant-restriction proxy in the proxy subnets; their default route leads to the firewall.
    if (network.tenantProxy && network.tenantProxy.segment === plan.segment) {
      this.tenantProxy = new TenantProxy(this, 'TenantProxy', {
        blueprint: props.blueprint,
        vpcId: vpc.ref,
        subnetIds: network.tenantProxy.subnetKeys.map((k) => subnetIds.get(k)!),
        routeTableIds: network.tenantProxy.gatewayEndpointRouteTables.map((k) => routeTableIds.get(k)!),
      });
    }
    // The Internet segment's stand-in for the security cloud: its web proxy, the only way out of the workload subnets (IN-1).
    if (network.standInProxy && network.standInProxy.segment === plan.segment) {
      this.standInProxy = new StandInProxy(this, 'StandInProxy', {
        blueprint: props.blueprint,
        vpcId: vpc.ref,
        subnetIds: network.standInProxy.subnetKeys.map((k) => subnetIds.get(k)!),
      });
    }

    // One security group per declared host: exactly its declared flows (特定通信 etc.), nothing more.
    for (const sg of plan.securityGroups) {
      const group = new ec2.CfnSecurityGroup(this, `HostSecurityGroup-${sg.key}`, {
        vpcId: vpc.ref,
        groupDescription: sg.description,
        securityGroupIngress: sg.ingress.map(toCfnRule),
        // An empty egress list makes EC2 add "allow all"; a rule that matches nothing keeps the group closed.
        securityGroupEgress: sg.egress.length > 0
          ? sg.egress.map(toCfnRule)
          : [NO_EGRESS],
        tags: [...segmentTags(plan.segment, name(`host-${sg.hostName}`)), ...Object.entries(sg.labels).map(([key, value]) => ({ key, value }))],
      });
      this.hostGroups.set(sg.hostName, ec2.SecurityGroup.fromSecurityGroupId(this, `Imported-HostSecurityGroup-${sg.key}`, group.attrGroupId, { allowAllOutbound: false, mutable: false }));
    }

    if (plan.networkAcl) {
      const aclReason = [{
        id: 'AwsSolutions-VPC3',
        reason: 'A deliberate second, stateless layer for the My Number segment (MN-1 to MN-3): every entry is derived from a declared specific communication (特定通信), and everything else is denied.',
      }];
      const acl = new ec2.CfnNetworkAcl(this, 'NetworkAcl', { vpcId: vpc.ref, tags: segmentTags(plan.segment, name('nacl')) });
      suppressNag(acl, aclReason);
      for (const e of plan.networkAcl.entries) {
        const entry = new ec2.CfnNetworkAclEntry(this, `NetworkAcl-${e.egress ? 'Out' : 'In'}-${e.ruleNumber}`, {
          networkAclId: acl.ref,
          ruleNumber: e.ruleNumber,
          egress: e.egress,
          protocol: e.protocol === 'all' ? -1 : e.protocol === 'tcp' ? 6 : 17,
          cidrBlock: e.cidr,
          ruleAction: e.action,
          portRange: e.fromPort !== undefined ? { from: e.fromPort, to: e.toPort } : undefined,
        });
        suppressNag(entry, aclReason);
      }
      for (const s of plan.subnets.filter((x) => plan.networkAcl!.subnetRoles.includes(x.role))) {
        new ec2.CfnSubnetNetworkAclAssociation(this, `NetworkAcl-${s.key}`, { networkAclId: acl.ref, subnetId: subnetIds.get(s.key)! });
      }
    }

    // Interface endpoints: AWS APIs without leaving the segment.
    if (plan.interfaceEndpoints.length > 0) {
      const endpointSg = new ec2.CfnSecurityGroup(this, 'EndpointSecurityGroup', {
        vpcId: vpc.ref,
        groupDescription: `HTTPS from the ${plan.label} VPC to its interface endpoints`,
        securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: plan.vpcCidr, description: 'HTTPS from the VPC' }],
        securityGroupEgress: [NO_EGRESS],
        tags: segmentTags(plan.segment, name('endpoints')),
      });
      for (const service of plan.interfaceEndpoints) {
        new ec2.CfnVPCEndpoint(this, `Endpoint-${service}`, {
          vpcId: vpc.ref,
          serviceName: `com.amazonaws.${Aws.REGION}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: plan.subnets.filter((s) => s.role === SubnetRole.ENDPOINTS).map((s) => subnetIds.get(s.key)!),
          securityGroupIds: [endpointSg.attrGroupId],
          // MN-5: the own account only (src/plan/endpoint-policy.ts); other segments keep AWS's default policy.
          policyDocument: plan.endpointPolicies[service]
            ? endpointPolicyDocument(plan.endpointPolicies[service], { account: Aws.ACCOUNT_ID, region: Aws.REGION, partition: Aws.PARTITION })
            : undefined,
          tags: segmentTags(plan.segment, name(`endpoint-${service}`)),
        });
      }
    }

    // Route 53 Resolver DNS Firewall.
    const ruleGroup = new r53r.CfnFirewallRuleGroup(this, 'DnsFirewall', {
      name: name('dns-firewall'),
      firewallRules: plan.dnsFirewall.rules.map((rule) => {
        const list = new r53r.CfnFirewallDomainList(this, `DnsFirewall-${rule.name}`, {
          name: name(`dns-${rule.name}`),
          domains: rule.domains,
          tags: segmentTags(plan.segment, name(`dns-${rule.name}`)),
        });
        return {
          firewallDomainListId: list.attrId,
          priority: rule.priority,
          action: rule.action,
          blockResponse: rule.action === 'BLOCK' ? 'NXDOMAIN' : undefined,
        };
      }),
      tags: segmentTags(plan.segment, name('dns-firewall')),
    });
    new r53r.CfnFirewallRuleGroupAssociation(this, 'DnsFirewallAssociation', {
      firewallRuleGroupId: ruleGroup.attrId,
      vpcId: vpc.ref,
      // 101-9900 is the range customers may use (100 and 9901+ are reserved for AWS Firewall Manager).
      priority: 101,
      mutationProtection: 'ENABLED',
      name: name('dns-firewall'),
      tags: segmentTags(plan.segment, name('dns-firewall')),
    });
    // Closed segments fail closed: no resolution is better than unfiltered resolution.
    new r53r.CfnFirewallConfig(this, 'DnsFirewallConfig', { resourceId: vpc.ref, firewallFailOpen: plan.dnsFirewall.failOpen ? 'ENABLED' : 'DISABLED' });

    // IN-2: every name forwarded to the security cloud's DNS through an outbound endpoint in the endpoint subnets.
    if (plan.dnsForwarding) {
      const fwd = plan.dnsForwarding;
      const resolverSg = new ec2.CfnSecurityGroup(this, 'DnsForwardingSecurityGroup', {
        vpcId: vpc.ref,
        groupDescription: `DNS from the ${plan.label} Resolver outbound endpoint to the security cloud resolvers`,
        // Outbound endpoints need egress to the resolvers on 53 (TCP and UDP); answers return on the tracked connection.
        // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
        securityGroupEgress: fwd.targets.flatMap((t) => ['udp', 'tcp'].map((ipProtocol) => ({
          ipProtocol, fromPort: fwd.port, toPort: fwd.port, cidrIp: `${t}/32`, description: 'DNS to the security cloud (IN-2)',
        }))),
        tags: segmentTags(plan.segment, name('dns-forwarding')),
      });
      const endpoint = new r53r.CfnResolverEndpoint(this, 'DnsForwardingEndpoint', {
        direction: 'OUTBOUND',
        name: name('dns-forwarding'),
        securityGroupIds: [resolverSg.attrGroupId],
        ipAddresses: fwd.endpointSubnetKeys.map((k) => ({ subnetId: subnetIds.get(k)! })),
        tags: segmentTags(plan.segment, name('dns-forwarding')),
      });
      const rule = new r53r.CfnResolverRule(this, 'DnsForwardingRule', {
        domainName: fwd.domainName,
        ruleType: 'FORWARD',
        name: name('dns-forwarding'),
        resolverEndpointId: endpoint.attrResolverEndpointId,
        targetIps: fwd.targets.map((ip) => ({ ip, port: String(fwd.port) })),
        tags: segmentTags(plan.segment, name('dns-forwarding')),
      });
      new r53r.CfnResolverRuleAssociation(this, 'DnsForwardingAssociation', {
        resolverRuleId: rule.attrResolverRuleId,
        vpcId: vpc.ref,
        name: name('dns-forwarding'),
      });
    }

    // VPC flow logs: every VPC, all traffic (LOG-1).
    new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceId: vpc.ref,
      resourceType: 'VPC',
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${props.logBucketArn}/${network.logging.prefix ?? ''}vpc-flow-logs/${plan.label.toLowerCase()}/`,
      maxAggregationInterval: 60,
      tags: segmentTags(plan.segment, name('flow-log')),
    });
  }

  /**
   * The security group of a declared host of this segment: its declared flows only. Attach it to the
   * host's network interfaces.
   */
  public securityGroupFor(hostName: string): ec2.ISecurityGroup {
    const group = this.hostGroups.get(hostName);
    if (!group) {
      const known = [...this.hostGroups.keys()].join(', ') || 'none';
      throw new Error(`[${this.node.path}] no declared host "${hostName}" in the ${this.plan.label} segment (${SEGMENT_JA[this.segment]}); declared: ${known}`);
    }
    return group;
  }
}

function toCfnRule(r: SecurityGroupRulePlan) {
  return { ipProtocol: r.protocol, cidrIp: r.cidr, fromPort: r.fromPort, toPort: r.toPort, description: r.description };
}

/** A rule that matches no packet (ICMP type 252 code 86 to 255.255.255.255/32), so EC2 adds no default egress. */
const NO_EGRESS = { ipProtocol: 'icmp', cidrIp: '255.255.255.255/32', fromPort: 252, toPort: 86, description: 'No egress' };
