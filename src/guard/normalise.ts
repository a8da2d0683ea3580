import { describe } from './builder';
import {
  deref, FirewallNode, NatGatewayNode, nodesOf, Ref, RouteTarget, SubnetNode, TopologyGraph, TransitAttachmentNode, VpcNode, VpcEndpointNode,
} from './graph';

/**
 * An engine-neutral description of a network, without any engine id: what the parity tests compare between
 * the CloudFormation and the Terraform rendering of one blueprint. Everything is named by meaning (segment,
 * CIDR, target kind) and sorted, so equal networks give equal JSON.
 */
export interface NeutralNetwork {
  readonly vpcs: { segment: string; cidr: string }[];
  readonly subnets: { segment: string; cidr: string; availabilityZone: string; mapPublicIpOnLaunch: boolean }[];
  readonly routeTables: {
    segment: string;
    subnets: string[];
    routes: { destination: string; target: string; via: string }[];
    gatewayEndpoints: string[];
  }[];
  readonly internetGateways: { segments: string[] }[];
  readonly natGateways: { subnet: string; public: boolean }[];
  readonly transitGateways: { defaultRouteTableAssociation: boolean; defaultRouteTablePropagation: boolean }[];
  readonly transitRouteTables: { associations: string[]; propagations: string[]; routes: { destination: string; target: string }[] }[];
  readonly peerings: { between: string[] }[];
  readonly firewalls: {
    segment: string;
    subnets: string[];
    statelessDefaultActions: string[];
    statefulDefaultActions: string[];
    domainLists: { targets: string[]; targetTypes: string[]; generatedRulesType: string }[];
    rules: string[];
    logs: string[];
  }[];
  readonly dnsFirewalls: { segment: string; rules: { priority: number; action: string; domains: string[] }[] }[];
  readonly vpcEndpoints: { segment: string; type: string; service: string }[];
  readonly flowLogs: { segment: string; trafficType: string; destinationType: string; destination: string }[];
}

const UNKNOWN = '?';

/** Describe a topology graph by meaning only. */
export function normalise(graph: TopologyGraph): NeutralNetwork {
  const vpc = (ref: Ref | undefined) => deref<VpcNode>(graph, ref);
  const segmentOfVpc = (ref: Ref | undefined) => vpc(ref)?.segment ?? (ref ? `unlabelled:${describe(ref)}` : UNKNOWN);
  const subnet = (ref: Ref | undefined) => deref<SubnetNode>(graph, ref);
  const subnetCidr = (ref: Ref | undefined) => subnet(ref)?.cidr ?? (ref ? describe(ref) : UNKNOWN);

  /** What a transit attachment connects: a segment, an external zone, or an id from outside. */
  const attachmentLabel = (ref: Ref | undefined): string => {
    const a = deref<TransitAttachmentNode>(graph, ref);
    if (!a || a.type !== 'transit-attachment') return ref ? `external:${describe(ref)}` : UNKNOWN;
    if (a.kind === 'vpc') return segmentOfVpc(a.vpc);
    return `${a.kind}:${a.zone ?? UNKNOWN}`;
  };

  /** Where a route goes, by meaning: the NAT's subnet, the firewall's subnets, the endpoint's service. */
  const via = (target: RouteTarget, ref: Ref): string => {
    const node = deref(graph, ref);
    switch (target) {
      case RouteTarget.NAT_GATEWAY: return `nat in ${subnetCidr((node as NatGatewayNode | undefined)?.subnet)}`;
      case RouteTarget.FIREWALL_ENDPOINT: return `firewall in ${((node as FirewallNode | undefined)?.subnets ?? []).map(subnetCidr).sort().join(',')}`;
      case RouteTarget.VPC_ENDPOINT: return `endpoint ${(node as VpcEndpointNode | undefined)?.serviceName ?? describe(ref)}`;
      case RouteTarget.TRANSIT_GATEWAY:
      case RouteTarget.INTERNET_GATEWAY:
        return node ? target : `external:${describe(ref)}`;
      default: return node ? target : describe(ref);
    }
  };

  const firewallLogs = new Map<string, string[]>();
  for (const l of nodesOf(graph, 'firewall-logging')) {
    if (l.firewall.kind === 'node') {
      const logs = l.destinations.map((d) => `${d.logType}:${d.destinationType}:${d.destination ?? UNKNOWN}`);
      firewallLogs.set(l.firewall.id, [...(firewallLogs.get(l.firewall.id) ?? []), ...logs]);
    }
  }

  return {
    vpcs: sorted(nodesOf(graph, 'vpc').map((v) => ({ segment: v.segment ?? `unlabelled:${v.id}`, cidr: v.cidr ?? UNKNOWN }))),
    subnets: sorted(nodesOf(graph, 'subnet').map((s) => ({
      segment: s.segment ?? segmentOfVpc(s.vpc),
      cidr: s.cidr ?? UNKNOWN,
      availabilityZone: s.availabilityZone ?? UNKNOWN,
      mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    }))),
    routeTables: sorted(nodesOf(graph, 'route-table').map((t) => ({
      segment: segmentOfVpc(t.vpc),
      subnets: t.subnets.map((id) => subnetCidr({ kind: 'node', id })).sort(),
      routes: sorted(t.routes.map((r) => ({ destination: r.destination, target: r.target, via: via(r.target, r.ref) }))),
      gatewayEndpoints: t.gatewayEndpoints.map((id) => (graph.nodes.get(id) as VpcEndpointNode | undefined)?.serviceName ?? UNKNOWN).sort(),
    }))),
    internetGateways: sorted(nodesOf(graph, 'internet-gateway').map((g) => ({ segments: g.vpcs.map(segmentOfVpc).sort() }))),
    natGateways: sorted(nodesOf(graph, 'nat-gateway').map((n) => ({ subnet: subnetCidr(n.subnet), public: n.public }))),
    transitGateways: sorted(nodesOf(graph, 'transit-gateway').map((g) => ({
      defaultRouteTableAssociation: g.defaultRouteTableAssociation,
      defaultRouteTablePropagation: g.defaultRouteTablePropagation,
    }))),
    transitRouteTables: sorted(nodesOf(graph, 'transit-route-table').map((t) => ({
      associations: t.associations.map(attachmentLabel).sort(),
      propagations: t.propagations.map(attachmentLabel).sort(),
      routes: sorted(t.routes.map((r) => ({ destination: r.destination, target: r.blackhole ? 'blackhole' : attachmentLabel(r.attachment) }))),
    }))),
    peerings: sorted(nodesOf(graph, 'vpc-peering').map((p) => ({ between: [segmentOfVpc(p.vpc), segmentOfVpc(p.peerVpc)].sort() }))),
    firewalls: sorted(nodesOf(graph, 'firewall').map((f) => {
      const policy = deref(graph, f.policy);
      const groups = policy?.type === 'firewall-policy' ? policy.ruleGroups.map((r) => deref(graph, r)) : [];
      return {
        segment: segmentOfVpc(f.vpc),
        subnets: f.subnets.map(subnetCidr).sort(),
        statelessDefaultActions: policy?.type === 'firewall-policy' ? [...policy.statelessDefaultActions] : [],
        statefulDefaultActions: policy?.type === 'firewall-policy' ? [...policy.statefulDefaultActions] : [],
        domainLists: sorted(groups.flatMap((g) => (g?.type === 'rule-group' && g.domainList
          ? [{
            targets: [...g.domainList.targets].sort(),
            targetTypes: [...g.domainList.targetTypes].sort(),
            generatedRulesType: g.domainList.generatedRulesType,
          }]
          : []))),
        rules: groups.flatMap((g) => (g?.type === 'rule-group' && g.rulesString ? g.rulesString.split('\n') : [])).sort(),
        logs: (firewallLogs.get(f.id) ?? []).sort(),
      };
    })),
    dnsFirewalls: sorted(nodesOf(graph, 'dns-association').map((a) => {
      const group = deref(graph, a.ruleGroup);
      return {
        segment: segmentOfVpc(a.vpc),
        rules: group?.type === 'dns-rule-group'
          ? sorted(group.rules.map((r) => {
            const list = deref(graph, r.domainList);
            return { priority: r.priority, action: r.action, domains: list?.type === 'dns-domain-list' ? [...list.domains].sort() : [UNKNOWN] };
          }))
          : [],
      };
    })),
    vpcEndpoints: sorted(nodesOf(graph, 'vpc-endpoint').map((e) => ({ segment: segmentOfVpc(e.vpc), type: e.endpointType, service: e.serviceName }))),
    flowLogs: sorted(nodesOf(graph, 'flow-log').map((l) => ({
      segment: segmentOfVpc(l.resource),
      trafficType: l.trafficType,
      destinationType: l.destinationType,
      destination: l.destination ?? UNKNOWN,
    }))),
  };
}

/** Sort by canonical JSON, so that the order of resources in the output never matters. */
function sorted<T>(items: T[]): T[] {
  return items.map((i) => [JSON.stringify(i), i] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, i]) => i);
}
