import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverFirewallConfig } from '@cdktf/provider-aws/lib/route53-resolver-firewall-config';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { SecurityGroup, SecurityGroupIngress } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PlannedFirewall } from './network-firewall';
import { segmentTags } from './tags';
import { StandInProxy, TenantProxy } from './tenant-proxy';
import { Protocol } from '../model/port';
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
  /**
   * The municipality's AWS account ID, which the My Number segment's endpoint policies admit (MN-5). `MunicipalNetwork`
   * passes the transit gateway's `owner_id`, so that `terraform plan` needs no AWS call.
   * @default - the `aws_caller_identity` data source
   */
  readonly accountId?: string;
}

/**
 * One segment of the three-layer separation (三層の対策) as its own VPC, rendered from the plan for Terraform:
 * subnets by role and AZ, route tables, the declared flows' security groups, DNS Firewall, flow logs,
 * and (α′ LGWAN, built-in Internet egress) the inspected egress chain firewall → NAT → IGW.
 * Every VPC and subnet is tagged `jichitai:segment`. The same construct ids as the AWS CDK `SegmentNetwork`.
 */
export class SegmentNetwork extends Construct {
  /** The segment. */
  public readonly segment: Segment;
  /** The segment's VPC, for placing workloads. */
  public readonly vpc: Vpc;
  /** The VPC ID. */
  public readonly vpcId: string;
  /** The VPC's CIDR. */
  public readonly vpcCidr: string;
  /**
   * IDs of the subnets for workloads, one per AZ: terminals and servers; in the α′ LGWAN segment the servers and every
   * host the My Number segment talks to (no breakout route).
   */
  public readonly workloadSubnetIds: string[];
  /**
   * α′ LGWAN only (empty otherwise): IDs of the subnets for the terminal pools (業務端末) and security-update clients that
   * use the local breakout, one per AZ.
   */
  public readonly terminalSubnetIds: string[];
  /** IDs of the subnets holding the interface endpoints. */
  public readonly endpointSubnetIds: string[];
  /** IDs of the subnets for the tenant-restriction proxy (α′ LGWAN) or the stand-in's web proxy (Internet, built-in egress); empty otherwise. */
  public readonly proxySubnetIds: string[];
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
  /** The attachment to the prefecture security cloud hub's transit gateway (a member's Internet segment), if any. */
  public readonly securityCloudHubAttachmentId?: string;

  private readonly hostGroups = new Map<string, SecurityGroup>();
  private readonly plan: SegmentPlan;

  constructor(scope: Construct, id: string, props: SegmentNetworkProps) {
    super(scope, id);
    const network = planOf(props.blueprint);
    const plan = network.segments.find((s) => s.segment === props.segment)!;
    this.plan = plan;
    this.segment = plan.segment;
    this.vpcCidr = plan.vpcCidr;
    const name = (suffix: string) => `${plan.label}-${suffix}`;
    const tags = (suffix: string) => segmentTags(network.tags, plan.segment, name(suffix));

    const vpc = new Vpc(this, 'Vpc', {
      cidrBlock: plan.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tags('vpc'),
    });
    this.vpc = vpc;
    this.vpcId = vpc.id;

    const subnetIds = new Map<string, string>();
    const subnetIdsByRole = new Map<SubnetRole, string[]>();
    const routeTableIds = new Map<string, string>();
    for (const table of plan.routeTables) {
      const rt = new RouteTable(this, `RouteTable-${table.key}`, { vpcId: vpc.id, tags: tags(table.key) });
      routeTableIds.set(table.key, rt.id);
    }
    for (const s of plan.subnets) {
      const subnet = new Subnet(this, `Subnet-${s.key}`, {
        vpcId: vpc.id,
        cidrBlock: s.cidr,
        // AZs are named in the blueprint on purpose: synthesis stays free of look-ups and identical in CDK and CDKTF.
        availabilityZone: s.availabilityZone,
        mapPublicIpOnLaunch: false,
        tags: { ...tags(s.key), 'jichitai:subnet-role': s.role },
      });
      new RouteTableAssociation(this, `Subnet-${s.key}-RouteTable`, { subnetId: subnet.id, routeTableId: routeTableIds.get(s.routeTable)! });
      subnetIds.set(s.key, subnet.id);
      subnetIdsByRole.set(s.role, [...(subnetIdsByRole.get(s.role) ?? []), subnet.id]);
    }
    this.workloadSubnetIds = subnetIdsByRole.get(SubnetRole.WORKLOAD) ?? [];
    this.terminalSubnetIds = subnetIdsByRole.get(SubnetRole.TERMINALS) ?? [];
    this.endpointSubnetIds = subnetIdsByRole.get(SubnetRole.ENDPOINTS) ?? [];
    this.proxySubnetIds = subnetIdsByRole.get(SubnetRole.PROXY) ?? [];

    // Inspected egress chain (α′ LGWAN breakout, built-in Internet egress): IGW and NATs only here.
    let igw: InternetGateway | undefined;
    if (plan.internetGateway) {
      igw = new InternetGateway(this, 'InternetGateway', { vpcId: vpc.id, tags: tags('igw') });
    }
    const natIds: string[] = [];
    for (const az of plan.natGatewayAzs) {
      const egressSubnet = plan.subnets.find((s) => s.role === SubnetRole.EGRESS && s.azIndex === az)!;
      // The Elastic IP and the NAT gateway need the VPC's internet gateway first.
      // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/nat_gateway
      const afterIgw: ITerraformDependable[] = igw ? [igw] : [];
      const eip = new Eip(this, `NatEip-${az + 1}`, { domain: 'vpc', tags: tags(`nat-${az + 1}`), dependsOn: afterIgw });
      const nat = new NatGateway(this, `NatGateway-${az + 1}`, {
        subnetId: subnetIds.get(egressSubnet.key)!,
        allocationId: eip.allocationId,
        tags: tags(`nat-${az + 1}`),
        dependsOn: afterIgw,
      });
      natIds[az] = nat.id;
    }
    let firewallEndpoints: string[] = [];
    const firewallPlan = network.firewalls.find((f) => f.key === plan.firewall);
    if (firewallPlan) {
      const fw = new PlannedFirewall(this, 'Firewall', {
        plan: firewallPlan,
        vpcId: vpc.id,
        subnets: plan.subnets.filter((s) => s.role === SubnetRole.FIREWALL),
        subnetIds,
        logBucketName: props.logBucketName,
        logPrefix: network.logging.prefix,
        namePrefix: plan.label,
        tags: network.tags,
      });
      firewallEndpoints = fw.endpointIds;
    }
    this.firewallEndpointIds = firewallEndpoints;

    // Transit gateway attachment in the dedicated transit subnets.
    let attachment: Ec2TransitGatewayVpcAttachment | undefined;
    if (props.transitGatewayId) {
      attachment = new Ec2TransitGatewayVpcAttachment(this, 'TransitGatewayAttachment', {
        transitGatewayId: props.transitGatewayId,
        vpcId: vpc.id,
        subnetIds: plan.subnets.filter((s) => s.role === SubnetRole.TRANSIT).map((s) => subnetIds.get(s.key)!),
        // The gateway has no default route table: the hub associates every attachment with its own table.
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: tags('tgw-attachment'),
      });
    }
    this.transitGatewayAttachmentId = attachment?.id;

    // A member of the prefecture security cloud hub: the second attachment, to the hub's transit gateway, in the same
    // transit subnets. It carries the hub CIDR only (the member's routes), never the member's other segments.
    const membership = network.securityCloudMembership?.segment === plan.segment ? network.securityCloudMembership : undefined;
    let hubAttachment: Ec2TransitGatewayVpcAttachment | undefined;
    if (membership) {
      hubAttachment = new Ec2TransitGatewayVpcAttachment(this, 'SecurityCloudHubAttachment', {
        transitGatewayId: membership.attachment.transitGatewayId!,
        vpcId: vpc.id,
        subnetIds: plan.subnets.filter((s) => s.role === SubnetRole.TRANSIT).map((s) => subnetIds.get(s.key)!),
        // The hub has no default route table either: the member's own table is associated explicitly.
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: { ...tags('security-cloud-hub-attachment'), 'jichitai:zone': membership.attachment.zone },
      });
      this.securityCloudHubAttachmentId = hubAttachment.id;
    }

    for (const table of plan.routeTables) {
      for (const r of table.routes) {
        if (r.target === RouteTargetKind.TRANSIT_GATEWAY && !props.transitGatewayId) continue;
        if (r.target === RouteTargetKind.SECURITY_CLOUD_HUB && !hubAttachment) continue;
        const dependsOn = r.target === RouteTargetKind.TRANSIT_GATEWAY ? attachment
          : r.target === RouteTargetKind.SECURITY_CLOUD_HUB ? hubAttachment : undefined;
        // Keyed by destination, not position, so that adding a flow does not replace unrelated routes.
        new Route(this, `Route-${table.key}-${cidrId(r.destination)}`, {
          routeTableId: routeTableIds.get(table.key)!,
          destinationCidrBlock: r.destination,
          transitGatewayId: r.target === RouteTargetKind.TRANSIT_GATEWAY ? props.transitGatewayId
            : r.target === RouteTargetKind.SECURITY_CLOUD_HUB ? membership!.attachment.transitGatewayId : undefined,
          vpcEndpointId: r.target === RouteTargetKind.FIREWALL_ENDPOINT ? firewallEndpoints[r.azIndex!] : undefined,
          natGatewayId: r.target === RouteTargetKind.NAT_GATEWAY ? natIds[r.azIndex!] : undefined,
          gatewayId: r.target === RouteTargetKind.INTERNET_GATEWAY ? igw?.id : undefined,
          // A transit gateway route is only valid once the VPC is attached.
          dependsOn: dependsOn ? [dependsOn] : undefined,
        });
      }
    }

    // α′ cases イ/ウ: the tenant-restriction proxy in the proxy subnets; their default route leads to the firewall.
    if (network.tenantProxy && network.tenantProxy.segment === plan.segment) {
      this.tenantProxy = new TenantProxy(this, 'TenantProxy', {
        blueprint: props.blueprint,
        vpcId: vpc.id,
        subnetIds: network.tenantProxy.subnetKeys.map((k) => subnetIds.get(k)!),
        routeTableIds: network.tenantProxy.gatewayEndpointRouteTables.map((k) => routeTableIds.get(k)!),
      });
    }
    // The Internet segment's stand-in for the security cloud: its web proxy, the only way out of the workload subnets (IN-1).
    if (network.standInProxy && network.standInProxy.segment === plan.segment) {
      this.standInProxy = new StandInProxy(this, 'StandInProxy', {
        blueprint: props.blueprint,
        vpcId: vpc.id,
        subnetIds: network.standInProxy.subnetKeys.map((k) => subnetIds.get(k)!),
      });
    }

    // One security group per declared host: exactly its declared flows (特定通信 etc.), nothing more.
    for (const sg of plan.securityGroups) {
      const group = new SecurityGroup(this, `HostSecurityGroup-${sg.key}`, {
        vpcId: vpc.id,
        description: sg.description,
        ingress: sg.ingress.map(toRule),
        // An empty list is written out, and Terraform then removes the "allow all" rule EC2 adds to a new group:
        // the group stays closed (the AWS CDK renderer needs a rule that matches nothing for the same effect).
        // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/security_group#egress
        egress: sg.egress.map(toRule),
        tags: { ...tags(`host-${sg.hostName}`), ...sg.labels },
      });
      this.hostGroups.set(sg.hostName, group);
    }

    if (plan.networkAcl) {
      const acl = new NetworkAcl(this, 'NetworkAcl', { vpcId: vpc.id, tags: tags('nacl') });
      for (const e of plan.networkAcl.entries) {
        new NetworkAclRule(this, `NetworkAcl-${e.egress ? 'Out' : 'In'}-${e.ruleNumber}`, {
          networkAclId: acl.id,
          ruleNumber: e.ruleNumber,
          egress: e.egress,
          // IANA protocol numbers, as the EC2 API takes them.
          protocol: e.protocol === 'all' ? '-1' : e.protocol === 'tcp' ? '6' : '17',
          cidrBlock: e.cidr,
          ruleAction: e.action,
          fromPort: e.fromPort,
          toPort: e.toPort,
        });
      }
      for (const s of plan.subnets.filter((x) => plan.networkAcl!.subnetRoles.includes(x.role))) {
        new NetworkAclAssociation(this, `NetworkAcl-${s.key}`, { networkAclId: acl.id, subnetId: subnetIds.get(s.key)! });
      }
    }

    // Interface endpoints: AWS APIs without leaving the segment.
    if (plan.interfaceEndpoints.length > 0) {
      const region = new DataAwsRegion(this, 'Region');
      const policies = Object.keys(plan.endpointPolicies).length > 0;
      const partition = policies ? new DataAwsPartition(this, 'Partition') : undefined;
      const account = policies ? props.accountId ?? new DataAwsCallerIdentity(this, 'Account').accountId : undefined;
      const endpointSg = new SecurityGroup(this, 'EndpointSecurityGroup', {
        vpcId: vpc.id,
        description: `HTTPS from the ${plan.label} VPC to its interface endpoints`,
        ingress: [toRule({ protocol: Protocol.TCP, fromPort: 443, toPort: 443, cidr: plan.vpcCidr, description: 'HTTPS from the VPC' })],
        // Endpoints only answer; see the host groups for why an empty list keeps the group closed.
        egress: [],
        tags: tags('endpoints'),
      });
      for (const service of plan.interfaceEndpoints) {
        new VpcEndpoint(this, `Endpoint-${service}`, {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${region.name}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: this.endpointSubnetIds,
          securityGroupIds: [endpointSg.id],
          // MN-5: the own account only (src/plan/endpoint-policy.ts); other segments keep AWS's default policy.
          policy: plan.endpointPolicies[service]
            ? JSON.stringify(endpointPolicyDocument(plan.endpointPolicies[service], {
              account: account!, region: region.name, partition: partition!.partition,
            }))
            : undefined,
          tags: tags(`endpoint-${service}`),
        });
      }
    }

    // Route 53 Resolver DNS Firewall.
    const ruleGroup = new Route53ResolverFirewallRuleGroup(this, 'DnsFirewall', { name: name('dns-firewall'), tags: tags('dns-firewall') });
    for (const rule of plan.dnsFirewall.rules) {
      const list = new Route53ResolverFirewallDomainList(this, `DnsFirewall-${rule.name}`, {
        name: name(`dns-${rule.name}`),
        domains: rule.domains,
        tags: tags(`dns-${rule.name}`),
      });
      new Route53ResolverFirewallRule(this, `DnsFirewallRule-${rule.name}`, {
        name: name(`dns-${rule.name}`),
        firewallRuleGroupId: ruleGroup.id,
        firewallDomainListId: list.id,
        priority: rule.priority,
        action: rule.action,
        blockResponse: rule.action === 'BLOCK' ? 'NXDOMAIN' : undefined,
      });
    }
    new Route53ResolverFirewallRuleGroupAssociation(this, 'DnsFirewallAssociation', {
      firewallRuleGroupId: ruleGroup.id,
      vpcId: vpc.id,
      // 101-9900 is the range customers may use (100 and 9901+ are reserved for AWS Firewall Manager).
      // https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_AssociateFirewallRuleGroup.html
      priority: 101,
      mutationProtection: 'ENABLED',
      name: name('dns-firewall'),
      tags: tags('dns-firewall'),
    });
    // Closed segments fail closed: no resolution is better than unfiltered resolution.
    new Route53ResolverFirewallConfig(this, 'DnsFirewallConfig', { resourceId: vpc.id, firewallFailOpen: plan.dnsFirewall.failOpen ? 'ENABLED' : 'DISABLED' });

    // IN-2: every name forwarded to the security cloud's DNS through an outbound endpoint in the endpoint subnets.
    if (plan.dnsForwarding) {
      const fwd = plan.dnsForwarding;
      const resolverSg = new SecurityGroup(this, 'DnsForwardingSecurityGroup', {
        vpcId: vpc.id,
        description: `DNS from the ${plan.label} Resolver outbound endpoint to the security cloud resolvers`,
        ingress: [],
        // Outbound endpoints need egress to the resolvers on 53 (TCP and UDP); answers return on the tracked connection.
        // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-scaling.html
        egress: fwd.targets.flatMap((t) => [Protocol.UDP, Protocol.TCP].map((protocol) => toRule({
          protocol, fromPort: fwd.port, toPort: fwd.port, cidr: `${t}/32`, description: 'DNS to the security cloud (IN-2)',
        }))),
        tags: tags('dns-forwarding'),
      });
      const endpoint = new Route53ResolverEndpoint(this, 'DnsForwardingEndpoint', {
        direction: 'OUTBOUND',
        name: name('dns-forwarding'),
        securityGroupIds: [resolverSg.id],
        ipAddress: fwd.endpointSubnetKeys.map((k) => ({ subnetId: subnetIds.get(k)! })),
        tags: tags('dns-forwarding'),
      });
      const rule = new Route53ResolverRule(this, 'DnsForwardingRule', {
        domainName: fwd.domainName,
        ruleType: 'FORWARD',
        name: name('dns-forwarding'),
        resolverEndpointId: endpoint.id,
        targetIp: fwd.targets.map((ip) => ({ ip, port: fwd.port })),
        tags: tags('dns-forwarding'),
      });
      new Route53ResolverRuleAssociation(this, 'DnsForwardingAssociation', {
        resolverRuleId: rule.id,
        vpcId: vpc.id,
        name: name('dns-forwarding'),
      });
    }

    // VPC flow logs: every VPC, all traffic (LOG-1).
    new FlowLog(this, 'FlowLog', {
      vpcId: vpc.id,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${props.logBucketArn}/${network.logging.prefix ?? ''}vpc-flow-logs/${plan.label.toLowerCase()}/`,
      maxAggregationInterval: 60,
      tags: tags('flow-log'),
    });
  }

  /**
   * The security group of a declared host of this segment: its declared flows only. Attach it to the
   * host's network interfaces (its `id`).
   */
  public securityGroupFor(hostName: string): SecurityGroup {
    const group = this.hostGroups.get(hostName);
    if (!group) {
      const known = [...this.hostGroups.keys()].join(', ') || 'none';
      throw new Error(`[${this.node.path}] no declared host "${hostName}" in the ${this.plan.label} segment (${SEGMENT_JA[this.segment]}); declared: ${known}`);
    }
    return group;
  }
}

/** An inline rule; Terraform's JSON syntax needs every attribute of the block, so the unused ones are empty. */
function toRule(r: SecurityGroupRulePlan): SecurityGroupIngress {
  return {
    protocol: r.protocol,
    cidrBlocks: [r.cidr],
    fromPort: r.fromPort,
    toPort: r.toPort,
    description: r.description,
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: false,
  };
}
