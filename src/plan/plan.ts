import { layoutSubnets } from './addressing';
import { planDnsFirewall, planDnsForwarding } from './dns';
import { EndpointPolicyStatementPlan, myNumberEndpointPolicy } from './endpoint-policy';
import { planHostSecurityGroups, planMyNumberNacl } from './filters';
import { planBreakoutFirewall, planBuiltInEgressFirewall } from './firewall-rules';
import { resolveFlows } from './flows';
import {
  AttachmentKind, FirewallPlan, LoggingPlan, NetworkPlan, RouteTargetKind, SecurityCloudMembershipPlan, SecurityGroupPlan, SegmentPlan, SubnetRole,
  StandInProxyPlan, TenantProxyPlan, TransitAttachmentPlan,
} from './network-plan';
import { planStandInProxy, planTenantProxy } from './proxy';
import { compareCidr, flowTransitDestinations, planRouteTables, planTransitRouteTables, routeTableKey, SegmentRouting } from './routing';
import { BreakoutOptions, InternetEgressMode, MunicipalNetworkBlueprintProps, TransitConnectionProps } from '../model/blueprint';
import { DEFAULT_INTERFACE_ENDPOINTS, LOG_RETENTION_DAYS } from '../model/defaults';
import { AlphaPrimeCase, MODEL_PLACEMENT, NetworkModel } from '../model/network-model';
import { Protocol } from '../model/port';
import { MUNICIPALITY_TAG_KEY } from '../model/security-cloud';
import { ALL_SEGMENTS, Segment, SEGMENT_LABEL, Zone } from '../model/segment';
import { Blueprint } from '../model/validate';

/**
 * Amazon-side ASN of the transit gateway: from the private range AWS accepts (64512-65534), and
 * different from the customer-gateway default (65000).
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html
 */
const TRANSIT_GATEWAY_ASN = 64512;

/** Default log retention: a little over a year, so that a yearly audit (監査) still finds the previous year (LOG-1's floor). */
const DEFAULT_RETENTION_DAYS = LOG_RETENTION_DAYS;

/** What decides the subnet roles of a segment (see `segmentSubnetRoles`). */
export interface SubnetRolesInput {
  readonly model: NetworkModel;
  readonly alphaPrimeCase?: AlphaPrimeCase;
  /** Whether the α′ breakout has a tenant-restriction proxy. */
  readonly tenantProxy: boolean;
  readonly internetEgress: InternetEgressMode;
}

/**
 * The subnet roles of a segment's VPC: workload, endpoints and transit everywhere; terminals, firewall and egress in the
 * α′ LGWAN breakout; firewall and egress in the built-in Internet egress; proxy subnets for the α′ tenant-restriction proxy (cases
 * イ/ウ) and for the built-in Internet egress's web proxy (the stand-in's, IN-1). Shared with validation, which lays the subnets out before planning to check host addresses against them.
 */
export function segmentSubnetRoles(segment: Segment, input: SubnetRolesInput): Set<SubnetRole> {
  const roles = new Set([SubnetRole.WORKLOAD, SubnetRole.ENDPOINTS, SubnetRole.TRANSIT]);
  const breakout = segment === Segment.LGWAN && MODEL_PLACEMENT[input.model].lgwanLocalBreakout;
  const builtIn = segment === Segment.INTERNET && input.internetEgress === InternetEgressMode.BUILT_IN;
  // α′: only terminal pools and update clients break out (AP-7); hosts My Number talks to stay off it (MN-4).
  if (breakout) roles.add(SubnetRole.TERMINALS);
  if (breakout || builtIn) {
    roles.add(SubnetRole.FIREWALL);
    roles.add(SubnetRole.EGRESS);
  }
  if (breakout && input.tenantProxy && input.alphaPrimeCase !== undefined && input.alphaPrimeCase !== AlphaPrimeCase.LICENSE_AND_UPDATES) {
    roles.add(SubnetRole.PROXY);
  }
  // The stand-in browses through a web proxy of its own, as the security cloud's members do through the hub's (IN-1).
  if (builtIn) roles.add(SubnetRole.PROXY);
  return roles;
}

/**
 * Where a validated blueprint's flow and firewall logs go: a member of the security cloud hub's to the hub's SIEM sink,
 * under its own prefix (SC-4); else to `logging.siemBucketArn`, or to a bucket the network creates.
 */
export function planLogging(props: MunicipalNetworkBlueprintProps): LoggingPlan {
  const builtInEgress = (props.internet?.egress ?? InternetEgressMode.SECURITY_CLOUD) === InternetEgressMode.BUILT_IN;
  const hub = builtInEgress ? undefined : props.internet?.securityCloudHub;
  return hub ? {
    bucketArn: hub.siemBucketArn,
    prefix: `members/${props.localGovernmentCode}/`,
    retentionDays: props.logging?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    siem: true,
  } : {
    bucketArn: props.logging?.siemBucketArn,
    retentionDays: props.logging?.retentionDays ?? DEFAULT_RETENTION_DAYS,
    siem: props.logging?.siemBucketArn !== undefined,
  };
}

/**
 * Plan a municipal network from a validated blueprint: a pure function; the same blueprint always
 * gives an equal plan (and byte-identical JSON).
 */
export function planNetwork(blueprint: Blueprint): NetworkPlan {
  const props = blueprint.props;
  const model = blueprint.model;
  const azs = [...blueprint.availabilityZones];
  const flows = resolveFlows(blueprint.hosts, blueprint.flows);
  const cidr = {} as Record<Segment, string>;
  for (const s of ALL_SEGMENTS) cidr[s] = blueprint.segmentCidr(s);

  const breakout = MODEL_PLACEMENT[model].lgwanLocalBreakout ? props.breakout : undefined;
  const internetEgress = props.internet?.egress ?? InternetEgressMode.SECURITY_CLOUD;
  const builtInEgress = internetEgress === InternetEgressMode.BUILT_IN;
  // A member of the prefecture security cloud hub: the Internet segment is attached to the hub's transit gateway itself.
  const hub = builtInEgress ? undefined : props.internet?.securityCloudHub;
  const membership: SecurityCloudMembershipPlan | undefined = hub ? {
    localGovernmentCode: props.localGovernmentCode!,
    segment: Segment.INTERNET,
    attachment: { zone: Zone.SECURITY_CLOUD, kind: AttachmentKind.HUB_VPC, transitGatewayId: hub.transitGatewayId },
    hubCidr: hub.hubCidr,
    dnsAddresses: [...hub.dnsAddresses],
    proxyEndpoint: hub.proxyEndpoint,
    hubRouteTableId: hub.hubRouteTableId,
    hubAttachmentId: hub.hubAttachmentId,
  } : undefined;
  // The member's own transit gateway carries no security-cloud traffic: flows to the hub's hosts take the hub's.
  const transitFlows = hub ? flows.filter((f) => f.from.zone !== Zone.SECURITY_CLOUD && f.to.zone !== Zone.SECURITY_CLOUD) : flows;

  const layoutInput: SubnetRolesInput = {
    model,
    alphaPrimeCase: blueprint.alphaPrimeCase,
    tenantProxy: breakout?.tenantProxy !== undefined,
    internetEgress,
  };
  const layout = (segment: Segment) =>
    layoutSubnets(SEGMENT_LABEL[segment], cidr[segment], azs, segmentSubnetRoles(segment, layoutInput), routeTableKey);

  const firewalls: FirewallPlan[] = [];
  if (breakout) firewalls.push(planBreakoutFirewall(cidr[Segment.LGWAN], breakout));
  if (builtInEgress) {
    const internet = props.internet;
    const proxyCidrs = layout(Segment.INTERNET).filter((s) => s.role === SubnetRole.PROXY).map((s) => s.cidr);
    firewalls.push(planBuiltInEgressFirewall(
      cidr[Segment.INTERNET], internet?.dnsBlockedDomains ?? [], internet?.managedThreatSignatures, proxyCidrs));
  }

  const segmentOptions = {
    [Segment.MY_NUMBER]: props.myNumber,
    [Segment.LGWAN]: props.lgwan,
    [Segment.INTERNET]: props.internet,
  };

  let tenantProxy: TenantProxyPlan | undefined;
  let standInProxy: StandInProxyPlan | undefined;
  const segments: SegmentPlan[] = ALL_SEGMENTS.map((segment) => {
    const label = SEGMENT_LABEL[segment];
    const options = segmentOptions[segment];
    const firewall = firewalls.find((f) => f.segment === segment);
    // The α′ tenant-restriction proxy; the Internet segment's stand-in proxy is planned apart (`standIn`).
    const proxied = segment === Segment.LGWAN && segmentSubnetRoles(segment, layoutInput).has(SubnetRole.PROXY);
    const standIn = segment === Segment.INTERNET && builtInEgress;
    const subnets = layout(segment);

    const transitDestinations = flowTransitDestinations(segment, transitFlows);
    if (segment === Segment.LGWAN) {
      // The whole WAN goes to the transit gateway, never to the α′ breakout's default route; there only the declared
      // LGWAN-ASP hosts are routed on and the rest is blackholed (LG-3).
      const reason = 'LGWAN WAN (LGWAN接続): declared LGWAN-ASP hosts only, the rest blackholed at the transit gateway (LG-3)';
      for (const wan of props.lgwan.wanCidrs) transitDestinations.push({ destination: wan, reason });
    }
    let defaultRoute: SegmentRouting['defaultRoute'];
    if (segment === Segment.LGWAN && breakout) {
      defaultRoute = { target: RouteTargetKind.FIREWALL_ENDPOINT, reason: 'α′ local breakout through the firewall (AP-1)' };
    } else if (segment === Segment.INTERNET && !hub) {
      defaultRoute = builtInEgress
        ? { target: RouteTargetKind.FIREWALL_ENDPOINT, reason: 'built-in egress through the firewall (IN-1)' }
        : { target: RouteTargetKind.TRANSIT_GATEWAY, reason: 'egress through the security cloud (IN-1, 自治体情報セキュリティクラウド)' };
    }
    // IN-2: with the security cloud, the Internet segment resolves every name through the security cloud's DNS.
    const dnsTargets = segment === Segment.INTERNET && !builtInEgress ? [...(hub?.dnsAddresses ?? props.internet?.securityCloudDns ?? [])] : [];
    const routing: SegmentRouting = {
      segment,
      transitDestinations,
      defaultRoute,
      // The stand-in's workload subnets have no way out of their own: they browse through the proxy (IN-1).
      proxied: proxied ? { mediaDestinations: mediaDestinations(breakout!) } : standIn ? { mediaDestinations: [] } : undefined,
      endpointTransitDestinations: hub ? [] : [...dnsTargets].sort().map((t) => ({ destination: `${t}/32`, reason: 'security cloud DNS resolver (IN-2)' }))
        .sort((a, b) => compareCidr(a.destination, b.destination)),
      hubDestinations: hub && segment === Segment.INTERNET
        ? [{ destination: hub.hubCidr, reason: 'the prefecture security cloud hub (自治体情報セキュリティクラウド): proxy, mail relay, DNS (IN-1, IN-2)' }]
        : undefined,
    };
    if (proxied) {
      tenantProxy = planTenantProxy({
        breakout: breakout!,
        alphaPrimeCase: blueprint.alphaPrimeCase!,
        subnets,
        hosts: blueprint.hosts,
        logRetentionDays: props.logging?.retentionDays ?? DEFAULT_RETENTION_DAYS,
      });
    }
    if (standIn) standInProxy = planStandInProxy(subnets, props.logging?.retentionDays ?? DEFAULT_RETENTION_DAYS);

    const allowedDomains = [...(options?.dnsAllowedDomains ?? [])];
    if (segment === Segment.LGWAN && breakout) {
      allowedDomains.push(...breakout.services.flatMap((s) => s.service.domains));
    }

    return {
      segment,
      label,
      vpcCidr: cidr[segment],
      subnets,
      routeTables: planRouteTables(routing, subnets),
      internetGateway: firewall !== undefined,
      natGatewayAzs: firewall ? azs.map((_, i) => i) : [],
      firewall: firewall?.key,
      // The proxy reads its CA from Secrets Manager at boot and ships its access log to CloudWatch Logs (LOG-1); without
      // the endpoints those calls would meet the firewall's allow-list.
      interfaceEndpoints: uniqueInOrder([
        ...(options?.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS[segment]),
        ...(proxied ? ['secretsmanager', 'logs'] : []),
      ]),
      // The closed segments' endpoints are held to the own account (MN-5, LG-4); the proxy's own endpoints too.
      endpointPolicies: segment === Segment.INTERNET ? {}
        : closedEndpointPolicies([...(options?.interfaceEndpoints ?? DEFAULT_INTERFACE_ENDPOINTS[segment]), ...(proxied ? ['secretsmanager', 'logs'] : [])]),
      securityGroups: withIcapIngress(planHostSecurityGroups(segment, blueprint.hosts, flows), proxied ? tenantProxy : undefined),
      networkAcl: segment === Segment.MY_NUMBER ? planMyNumberNacl(cidr[segment], flows) : undefined,
      dnsFirewall: planDnsFirewall(segment, allowedDomains, options?.dnsBlockedDomains ?? [], segment === Segment.INTERNET && builtInEgress),
      dnsForwarding: dnsTargets.length > 0
        ? planDnsForwarding(dnsTargets, subnets.filter((s) => s.role === SubnetRole.ENDPOINTS).map((s) => s.key))
        : undefined,
    };
  });

  const attachments: TransitAttachmentPlan[] = [
    ...ALL_SEGMENTS.map((s) => ({ zone: s as unknown as Zone, kind: AttachmentKind.VPC })),
    connectionAttachment(Zone.LGWAN_WAN, props.lgwan.connection),
  ];
  if (!builtInEgress && props.internet?.securityCloud) {
    attachments.push(connectionAttachment(Zone.SECURITY_CLOUD, props.internet.securityCloud));
  }

  return {
    municipality: props.municipality,
    model,
    alphaPrimeCase: blueprint.alphaPrimeCase,
    availabilityZones: azs,
    segments,
    transitGateway: {
      amazonSideAsn: TRANSIT_GATEWAY_ASN,
      attachments,
      routeTables: planTransitRouteTables({
        segmentCidrs: cidr,
        lgwanWanCidrs: [...props.lgwan.wanCidrs],
        securityCloud: !builtInEgress && !hub,
        flows: transitFlows,
      }),
    },
    firewalls,
    logging: planLogging(props),
    trafficMirroring: props.trafficMirroring
      ? { target: props.trafficMirroring.target, networkInterfaceIds: [...(props.trafficMirroring.networkInterfaceIds ?? [])].sort() }
      : undefined,
    tenantProxy,
    standInProxy,
    ...(membership ? { securityCloudMembership: membership } : {}),
    // A member of the hub is told apart from the others by its code (SC-1): jichitai:municipality carries the code,
    // and the name moves to jichitai:municipality-name. Outside a hub the tags stay as they were.
    tags: membership ? {
      [MUNICIPALITY_TAG_KEY]: membership.localGovernmentCode,
      'jichitai:municipality-name': props.municipality,
      'jichitai:model': model,
      'jichitai:local-government-code': membership.localGovernmentCode,
    } : {
      'jichitai:municipality': props.municipality,
      'jichitai:model': model,
      ...(props.localGovernmentCode ? { 'jichitai:local-government-code': props.localGovernmentCode } : {}),
    },
  };
}

/**
 * Case ウ: the sanitizer's host security group admits the proxy subnets on the ICAP port (the proxy hands file responses
 * to it, AP-6). The proxy instances' own group allows exactly that address and port outward.
 */
function withIcapIngress(groups: SecurityGroupPlan[], proxy: TenantProxyPlan | undefined): SecurityGroupPlan[] {
  const icap = proxy?.sanitizationService;
  if (!icap) return groups;
  return groups.map((g) => (g.hostName !== icap.hostName ? g : {
    ...g,
    // The proxy instances live in the proxy subnets (the ones the load balancer's health checks come from).
    ingress: [...g.ingress, ...proxy.healthCheckCidrs.map((cidr) => ({
      cidr,
      protocol: Protocol.TCP,
      fromPort: icap.port,
      toPort: icap.port,
      description: `ICAP from the tenant-restriction proxy (alpha-prime case 3, sanitization): tcp/${icap.port}`,
    }))],
  }));
}

function connectionAttachment(zone: Zone, c: TransitConnectionProps): TransitAttachmentPlan {
  return c.attachmentId
    ? { zone, kind: AttachmentKind.EXISTING, attachmentId: c.attachmentId }
    : { zone, kind: AttachmentKind.VPN, customerGatewayIp: c.customerGatewayIp, customerGatewayAsn: c.customerGatewayAsn ?? 65000 };
}

/** Meeting-media destinations of the breakout services (UDP, never proxied), for the workload subnets' routes. */
function mediaDestinations(breakout: BreakoutOptions): { destination: string; reason: string }[] {
  const out = new Map<string, string[]>();
  for (const s of breakout.services) {
    for (const cidr of s.service.media?.cidrs ?? []) out.set(cidr, [...(out.get(cidr) ?? []), s.service.id]);
  }
  return [...out.entries()]
    .sort(([a], [b]) => compareCidr(a, b))
    .map(([destination, ids]) => ({ destination, reason: `meeting media of ${[...new Set(ids)].sort().join(', ')} through the firewall (AP-5)` }));
}

/** The closed segments' endpoint policies (MN-5, LG-4), by service. */
function closedEndpointPolicies(services: readonly string[]): Record<string, EndpointPolicyStatementPlan[]> {
  const out: Record<string, EndpointPolicyStatementPlan[]> = {};
  for (const service of uniqueInOrder([...services])) out[service] = myNumberEndpointPolicy(service);
  return out;
}

/** The list without repeats, first occurrence kept. */
function uniqueInOrder(list: string[]): string[] {
  return [...new Set(list)];
}

/**
 * Most resources one CloudFormation stack may hold (CloudFormation quotas:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). aws-cdk-lib refuses to
 * synthesize a bigger stack.
 */
export const CLOUDFORMATION_MAX_RESOURCES = 500;

/**
 * How many CloudFormation resources the AWS CDK rendering of a plan holds (src/cdk). Validation refuses a blueprint
 * whose network alone would not fit in one stack; the blueprint fuzz (test/fuzz) checks this count against every
 * template it synthesizes, so that it follows the renderer.
 */
export function cloudFormationResourceCount(plan: NetworkPlan): number {
  let n = plan.logging.bucketArn ? 0 : 2; // log bucket and its policy
  // Transit gateway; each VPN: customer gateway, VPN connection and the attachment look-up (custom resource and its policy).
  n += 1;
  const vpns = plan.transitGateway.attachments.filter((a) => a.kind === AttachmentKind.VPN).length;
  n += vpns * 4 + (vpns > 0 ? 2 : 0); // the look-up's provider function and role, once per stack
  for (const table of plan.transitGateway.routeTables) n += 2 + table.routes.length; // table, association, routes
  for (const s of plan.segments) {
    n += 1 + 1 + 1; // VPC, transit gateway attachment, flow log
    n += s.routeTables.length + s.routeTables.reduce((m, t) => m + t.routes.length, 0);
    n += s.subnets.length * 2; // subnet and its route table association
    if (s.internetGateway) n += 2; // gateway and attachment
    n += s.natGatewayAzs.length * 2; // Elastic IP and NAT gateway
    n += s.securityGroups.length;
    if (s.networkAcl) n += 1 + s.networkAcl.entries.length + s.subnets.filter((x) => s.networkAcl!.subnetRoles.includes(x.role)).length;
    if (s.interfaceEndpoints.length > 0) n += 1 + s.interfaceEndpoints.length; // their security group, the endpoints
    n += s.dnsFirewall.rules.length + 3; // domain lists; rule group, association, configuration
    if (s.dnsForwarding) n += 4; // outbound endpoint, its security group, forwarding rule, rule association
    const firewall = plan.firewalls.find((f) => f.key === s.firewall);
    if (firewall) n += firewall.ruleGroups.length + 1 + s.subnets.filter((x) => x.role === SubnetRole.FIREWALL).length * 2;
  }
  // Tenant-restriction proxy: two security groups, instance profile, launch template, load balancer, target group,
  // listener, Auto Scaling group, scaling policy, S3 gateway endpoint, role and policy, access log group.
  if (plan.tenantProxy) n += 13; // and the access log group (LOG-1)
  // The Internet stand-in's web proxy: the same fleet without the S3 gateway endpoint (it reaches the repositories through the firewall).
  if (plan.standInProxy) n += 12;
  if (plan.trafficMirroring) n += 4 + plan.trafficMirroring.networkInterfaceIds.length; // target, filter, 2 rules, sessions
  // Hub membership: the attachment to the hub; same app also the member's hub route table, association, two propagations.
  if (plan.securityCloudMembership) n += 1 + (plan.securityCloudMembership.hubRouteTableId ? 4 : 0);
  return n;
}
