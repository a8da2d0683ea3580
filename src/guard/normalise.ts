import {
  deref, FirewallNode, NatGatewayNode, nodesOf, Ref, RouteTarget, RuleGroupNode, SubnetNode, TopologyGraph, TransitAttachmentNode, VpcNode,
  VpcEndpointNode,
} from './graph';
import { HOST_TAG_KEY } from '../model/segment';

/**
 * An engine-neutral description of a network, without any engine id: what the parity tests compare between
 * the CloudFormation and the Terraform rendering of one blueprint. Everything is named by meaning (segment,
 * CIDR, target kind, service) and sorted, so equal networks give equal JSON whatever the order of resources.
 */
export interface NeutralNetwork {
  readonly vpcs: { segment: string; cidr: string }[];
  /** `segment` is the subnet's own label, `vpc` the label of its VPC: both are read by the guard, so both are compared. */
  readonly subnets: { segment: string; vpc: string; role: string; cidr: string; availabilityZone: string; mapPublicIpOnLaunch: boolean }[];
  readonly routeTables: {
    segment: string;
    subnets: string[];
    routes: { destination: string; target: string; via: string }[];
    gatewayEndpoints: string[];
  }[];
  readonly internetGateways: { segments: string[] }[];
  readonly natGateways: { subnet: string; public: boolean }[];
  readonly transitGateways: { defaultRouteTableAssociation: boolean; defaultRouteTablePropagation: boolean }[];
  /** What each attachment connects (a segment, or `vpn:<zone>`), and the subnets it sits in. */
  readonly transitAttachments: { attachment: string; subnets: string[] }[];
  readonly transitRouteTables: { associations: string[]; propagations: string[]; routes: { destination: string; target: string }[] }[];
  readonly peerings: { between: string[] }[];
  readonly firewalls: {
    segment: string;
    subnets: string[];
    statelessDefaultActions: string[];
    statelessFragmentDefaultActions: string[];
    /** The stateless rule groups' rules (priority, actions, what they match), one list per group. */
    statelessRules: string[][];
    /** The stateful rule groups' overrides (`DROP_TO_ALERT`), by group position; `none` where a group has none. */
    overrides: string[];
    statefulDefaultActions: string[];
    /** What the stateful engine does after a connection breaks midstream; the policy's HOME_NET (`none` when not given). */
    streamExceptionPolicy: string;
    homeNet: string[];
    /** Each stateful rule group's own HOME_NET and EXTERNAL_NET, as JSON. */
    ipSets: string[];
    domainLists: { targets: string[]; targetTypes: string[]; generatedRulesType: string }[];
    /** One entry per Suricata rule group, its lines in their written order (under STRICT_ORDER the order is meaning). */
    rules: string[][];
    logs: { logType: string; destinationType: string; destination: string }[];
  }[];
  readonly dnsFirewalls: { segment: string; rules: { priority: number; action: string; domains: string[] }[] }[];
  readonly vpcEndpoints: { segment: string; type: string; service: string; subnets: string[] }[];
  readonly flowLogs: { segment: string; trafficType: string; destinationType: string; destination: string }[];
  /**
   * Resources labelled with a host role (PL-1): where each one sits, and what else places it that the guard cannot place
   * (an interface or launch template outside the output, `what:reference`).
   */
  readonly roleLabels: { role: string; host: string; segment: string; subnets: string[]; elsewhere: string[] }[];
  /** Boot scripts (the tenant proxy's configuration), as the guard reads them (AP-3, AP-6). */
  readonly userData: { resourceType: string; text: string }[];
  /**
   * What runs in which subnets (resources that name subnets, their plumbing aside), by the blocks of those subnets, and
   * the subnets outside the output it names (`subnet:reference` or `network interface:reference`).
   */
  readonly occupants: { subnets: string[]; outside: string[] }[];
}

const UNKNOWN = '?';

/** A rule group's HOME_NET and EXTERNAL_NET as text, in a fixed order whichever order the engine wrote them in. */
function ipSetsText(sets: RuleGroupNode['ipSets']): string {
  const one = (v: readonly string[] | 'unknown' | undefined) => (v === undefined ? 'none' : v === 'unknown' ? UNKNOWN : [...v].sort().join(','));
  return `HOME_NET=${one(sets.HOME_NET)} EXTERNAL_NET=${one(sets.EXTERNAL_NET)}`;
}
const UNLABELLED = 'unlabelled';
const SUBNET_ROLE_TAG_KEY = 'jichitai:subnet-role';

/** Describe a topology graph by meaning only. */
export function normalise(graph: TopologyGraph): NeutralNetwork {
  /**
   * A reference that does not lead to what was expected, without engine ids: a literal id from outside the output
   * is kept (it is the same text in both engines), a node of the graph is named by its type only, and an
   * unresolved expression (whose wording names engine ids) is just `unresolved`; the parity tests check
   * separately that nothing is unresolved.
   */
  const other = (ref: Ref | undefined): string => {
    if (ref === undefined) return UNKNOWN;
    if (ref.kind === 'external') return `external:${ref.value}`;
    if (ref.kind === 'unresolved') return 'unresolved';
    return `{${graph.nodes.get(ref.id)?.type ?? 'missing'}}`;
  };
  const vpc = (ref: Ref | undefined) => deref<VpcNode>(graph, ref);
  const vpcLabel = (v: VpcNode) => v.segment ?? `${UNLABELLED}:${v.cidr ?? UNKNOWN}`;
  const segmentOfVpc = (ref: Ref | undefined) => {
    const v = vpc(ref);
    return v?.type === 'vpc' ? vpcLabel(v) : other(ref);
  };
  const subnetCidr = (ref: Ref | undefined) => {
    const s = deref<SubnetNode>(graph, ref);
    return s?.type === 'subnet' ? s.cidr ?? UNKNOWN : other(ref);
  };

  /** What a transit attachment connects: a segment, an external zone, or an id from outside. */
  const attachmentLabel = (ref: Ref | undefined): string => {
    const a = deref<TransitAttachmentNode>(graph, ref);
    if (!a || a.type !== 'transit-attachment') return other(ref);
    if (a.kind === 'vpc') return segmentOfVpc(a.vpc);
    return `${a.kind}:${a.zone ?? UNKNOWN}`;
  };

  /** Where a route goes, by meaning: the NAT's subnet, the firewall's subnets, the endpoint's service. */
  const via = (target: RouteTarget, ref: Ref): string => {
    const node = deref(graph, ref);
    switch (target) {
      case RouteTarget.NAT_GATEWAY: return `nat in ${subnetCidr((node as NatGatewayNode | undefined)?.subnet)}`;
      case RouteTarget.FIREWALL_ENDPOINT: return `firewall in ${((node as FirewallNode | undefined)?.subnets ?? []).map(subnetCidr).sort().join(',')}`;
      case RouteTarget.VPC_ENDPOINT: return `endpoint ${node?.type === 'vpc-endpoint' ? node.serviceName : other(ref)}`;
      default: return node ? target : other(ref);
    }
  };

  const firewallLogs = new Map<string, NeutralNetwork['firewalls'][number]['logs']>();
  for (const l of nodesOf(graph, 'firewall-logging')) {
    if (l.firewall.kind !== 'node') continue;
    const logs = l.destinations.map((d) => ({ logType: d.logType, destinationType: d.destinationType, destination: d.destination ?? UNKNOWN }));
    firewallLogs.set(l.firewall.id, [...(firewallLogs.get(l.firewall.id) ?? []), ...logs]);
  }

  return {
    vpcs: sorted(nodesOf(graph, 'vpc').map((v) => ({ segment: vpcLabel(v), cidr: v.cidr ?? UNKNOWN }))),
    // The subnet standing for those outside the output (semantics §2) is the guard's: derived alike in both engines.
    subnets: sorted(nodesOf(graph, 'subnet').filter((s) => !s.outside).map((s) => ({
      segment: s.segment ?? UNLABELLED,
      vpc: segmentOfVpc(s.vpc),
      role: s.tags[SUBNET_ROLE_TAG_KEY] ?? UNLABELLED,
      cidr: s.cidr ?? UNKNOWN,
      availabilityZone: s.availabilityZone ?? UNKNOWN,
      mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    }))),
    // The implicit main and default tables count only where the template gave them something.
    routeTables: sorted(nodesOf(graph, 'route-table').filter((t) => !t.main || t.routes.length > 0 || t.subnets.length > 0).map((t) => ({
      segment: segmentOfVpc(t.vpc),
      subnets: t.subnets.map((id) => subnetCidr({ kind: 'node', id })).sort(),
      routes: sorted(t.routes.map((r) => ({ destination: r.propagated ? 'any prefix (propagated)' : r.destination, target: r.target, via: via(r.target, r.ref) }))),
      gatewayEndpoints: t.gatewayEndpoints.map((id) => (graph.nodes.get(id) as VpcEndpointNode | undefined)?.serviceName ?? UNKNOWN).sort(),
    }))),
    internetGateways: sorted(nodesOf(graph, 'internet-gateway').map((g) => ({ segments: g.vpcs.map(segmentOfVpc).sort() }))),
    natGateways: sorted(nodesOf(graph, 'nat-gateway').map((n) => ({ subnet: subnetCidr(n.subnet), public: n.public }))),
    transitGateways: sorted(nodesOf(graph, 'transit-gateway').map((g) => ({
      defaultRouteTableAssociation: g.defaultRouteTableAssociation,
      defaultRouteTablePropagation: g.defaultRouteTablePropagation,
    }))),
    transitAttachments: sorted(nodesOf(graph, 'transit-attachment').map((a) => ({
      attachment: attachmentLabel({ kind: 'node', id: a.id }),
      subnets: a.subnets.map(subnetCidr).sort(),
    }))),
    transitRouteTables: sorted(nodesOf(graph, 'transit-route-table').filter((t) => !t.default || t.routes.length + t.associations.length + t.propagations.length > 0).map((t) => ({
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
        // Default actions are a set: the API gives their order no meaning.
        statelessDefaultActions: policy?.type === 'firewall-policy' ? [...policy.statelessDefaultActions].sort() : [],
        statelessFragmentDefaultActions: policy?.type === 'firewall-policy' ? [...policy.statelessFragmentDefaultActions].sort() : [],
        statelessRules: policy?.type === 'firewall-policy' ? policy.statelessRuleGroups.map((r) => {
          const g = deref(graph, r);
          return g?.type === 'rule-group' ? (g.statelessRules ?? []).map((x) => JSON.stringify({ ...x, actions: [...x.actions].sort() })).sort() : [other(r)];
        }).sort((a, b) => (a.join() < b.join() ? -1 : a.join() > b.join() ? 1 : 0)) : [],
        overrides: policy?.type === 'firewall-policy' ? policy.ruleGroupOverrides.map((o) => o ?? 'none').sort() : [],
        statefulDefaultActions: policy?.type === 'firewall-policy' ? [...policy.statefulDefaultActions].sort() : [],
        streamExceptionPolicy: policy?.type === 'firewall-policy' ? policy.streamExceptionPolicy : UNKNOWN,
        homeNet: policy?.type !== 'firewall-policy' ? [UNKNOWN] : policy.homeNet === undefined ? ['none'] : policy.homeNet === 'unknown' ? [UNKNOWN] : [...policy.homeNet].sort(),
        ipSets: sorted(groups.flatMap((g) => (g?.type === 'rule-group' && g.rulesString ? [ipSetsText(g.ipSets)] : []))),
        domainLists: sorted(groups.flatMap((g) => (g?.type === 'rule-group' && g.domainList
          ? [{
            targets: [...g.domainList.targets].sort(),
            targetTypes: [...g.domainList.targetTypes].sort(),
            generatedRulesType: g.domainList.generatedRulesType,
          }]
          : []))),
        rules: sorted(groups.flatMap((g) => (g?.type === 'rule-group' && g.rulesString ? [g.rulesString.split('\n')] : []))),
        logs: sorted(firewallLogs.get(f.id) ?? []),
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
    vpcEndpoints: sorted(nodesOf(graph, 'vpc-endpoint').map((e) => ({
      segment: segmentOfVpc(e.vpc),
      type: e.endpointType,
      service: e.serviceName,
      subnets: e.subnets.map(subnetCidr).sort(),
      policy: e.policy ?? 'default (full access)',
    }))),
    flowLogs: sorted(nodesOf(graph, 'flow-log').map((l) => ({
      segment: segmentOfVpc(l.resource),
      trafficType: l.trafficType,
      destinationType: l.destinationType,
      destination: l.destination ?? UNKNOWN,
    }))),
    roleLabels: sorted(nodesOf(graph, 'role-label').map((r) => ({
      role: r.role,
      host: r.tags[HOST_TAG_KEY] ?? UNKNOWN,
      segment: r.vpc === undefined ? UNKNOWN : segmentOfVpc(r.vpc),
      subnets: r.subnets.map(subnetCidr).sort(),
      elsewhere: (r.elsewhere ?? []).map((e) => `${e.what}:${other(e.ref)}`).sort(),
    }))),
    userData: sorted(nodesOf(graph, 'user-data').map((u) => ({ resourceType: u.resourceType, text: u.text }))),
    occupants: sorted(nodesOf(graph, 'occupant').map((o) => ({
      subnets: [...new Set(o.subnets.map((s) => subnetCidr({ kind: 'node', id: s.subnet })))].sort(),
      // A literal id is the same text in both engines; an expression's wording names engine ids.
      outside: [...new Set((o.outside ?? []).map((x) => `${x.via ?? 'subnet'}:${/^(subnet|eni)-[0-9a-f]+$/.test(x.subnet) ? x.subnet : 'expression'}`))].sort(),
    }))),
  };
}

/** Sort by canonical JSON, so that the order of resources in the output never matters. */
function sorted<T>(items: T[]): T[] {
  return items.map((i) => [JSON.stringify(i), i] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, i]) => i);
}
