import { overlapsAny, parsePrefix, Prefix } from './address-space';
import { deref, nodesOf, OccupantNode, SubnetNode, TopologyGraph, VpcNode } from './graph';
import { GuardContext } from './rule';
import { Segment, stricterSegment } from '../model/segment';

/** The segment of a subnet: its own tag, else its VPC's; the stricter of the two when they differ (`stricterSegment`). */
export function segmentOf(graph: TopologyGraph, subnet: SubnetNode): Segment | undefined {
  return stricterSegment(subnet.segment, deref<VpcNode>(graph, subnet.vpc)?.segment);
}


/** The subnets of each segment, built once per graph: rules ask per flow and per source (a prefecture has thousands). */
const BY_SEGMENT = new WeakMap<TopologyGraph, Map<Segment | undefined, SubnetNode[]>>();

/** The subnets of a segment, in id order. */
export function subnetsIn(ctx: GuardContext, segment: Segment): SubnetNode[] {
  let index = BY_SEGMENT.get(ctx.graph);
  if (!index) {
    index = new Map();
    for (const s of nodesOf(ctx.graph, 'subnet')) {
      const key = segmentOf(ctx.graph, s);
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    BY_SEGMENT.set(ctx.graph, index);
  }
  return [...(index.get(segment) ?? [])];
}

/** The subnets of a segment that hold workloads: all of them but the egress chain's own (`infrastructureSubnets`). */
export function workloadSubnetsIn(ctx: GuardContext, segment: Segment): SubnetNode[] {
  const chain = infrastructureSubnets(ctx.graph);
  return subnetsIn(ctx, segment).filter((s) => !chain.has(s.id));
}

/**
 * The subnets of a segment that may hold its hosts: the workload subnets, and those of the egress chain that a declared
 * host of the segment overlaps (a block the guard cannot read overlaps every one) or whose role tag says they hold hosts
 * (MunicipalNetwork's `terminals`, `workload`, `proxy`): a NAT gateway or firewall endpoint placed in a terminal subnet
 * does not make the terminals part of the chain. Terminals are no resources of the output, so nothing else tells.
 * The declared hosts are every part's of the check (`GuardContext.hosts`, not the subnet's part's `declaredAt`): a
 * declared address says where a host is whoever declared it, and a subnet more only adds to what is judged.
 */
export function hostSubnetsIn(ctx: GuardContext, segment: Segment): SubnetNode[] {
  const chain = infrastructureSubnets(ctx.graph);
  const declared = declaredHostIn(ctx, segment);
  return subnetsIn(ctx, segment).filter((s) => !chain.has(s.id) || HOST_ROLES.has(s.tags[SUBNET_ROLE_TAG]) || declared(s));
}

/**
 * Whether a declared host of the segment may lie in a subnet: one of its blocks overlaps the subnet's (a block the guard
 * cannot read, on either side, overlaps every one).
 */
export function declaredHostIn(ctx: GuardContext, segment: Segment): (subnet: SubnetNode) => boolean {
  const overlaps = overlapsAny((ctx.hosts ?? []).filter((h) => h.zone === segment).flatMap((h) => h.cidrs.map((c) => parsePrefix(c))));
  return (subnet) => overlaps(parsePrefix(subnet.cidr));
}

/** The tag MunicipalNetwork puts on every subnet it lays out (src/cdk, src/cdktf segment networks). */
export const SUBNET_ROLE_TAG = 'jichitai:subnet-role';

/** The values of MunicipalNetwork's subnet role tag (src/plan) whose subnets hold hosts, not the egress chain. */
const HOST_ROLES: ReadonlySet<string | undefined> = new Set(['terminals', 'workload', 'proxy']);

/** Subnets that hold the egress chain itself (a NAT gateway or a firewall / GWLB endpoint), not workloads. */
export function infrastructureSubnets(graph: TopologyGraph): Set<string> {
  const out = new Set<string>();
  for (const n of nodesOf(graph, 'nat-gateway')) if (n.subnet.kind === 'node') out.add(n.subnet.id);
  for (const f of nodesOf(graph, 'firewall')) for (const s of f.subnets) if (s.kind === 'node') out.add(s.id);
  for (const e of nodesOf(graph, 'vpc-endpoint')) {
    if (e.endpointType === 'GatewayLoadBalancer') for (const s of e.subnets) if (s.kind === 'node') out.add(s.id);
  }
  return out;
}

/** What runs in each subnet (`OccupantNode`), built once per graph. */
const OCCUPANTS = new WeakMap<TopologyGraph, Map<string, OccupantNode[]>>();

/** The resources the graph counts as running in a subnet (fail closed: whatever names it and is not its plumbing), in id order. */
export function occupantsOf(graph: TopologyGraph, subnetId: string): readonly OccupantNode[] {
  let index = OCCUPANTS.get(graph);
  if (!index) {
    index = new Map();
    for (const o of nodesOf(graph, 'occupant')) {
      for (const subnet of new Set(o.subnets.map((s) => s.subnet))) {
        const list = index.get(subnet);
        if (list) list.push(o);
        else index.set(subnet, [o]);
      }
    }
    OCCUPANTS.set(graph, index);
  }
  return index.get(subnetId) ?? [];
}

/**
 * The egress chain's own subnets in a segment (`infrastructureSubnets`) that hold anything else, with what they hold.
 * What runs there starts its connections from the chain's route tables, whose routes lead out around the filter the
 * chain is there for (the firewall subnet's to the NAT gateway, the NAT gateway's to the internet gateway): such a
 * subnet must hold the chain only (semantics §10).
 */
export function occupiedInfrastructureIn(ctx: GuardContext, segment: Segment): { subnet: SubnetNode; occupants: readonly OccupantNode[] }[] {
  const chain = infrastructureSubnets(ctx.graph);
  return subnetsIn(ctx, segment).filter((s) => chain.has(s.id))
    .map((subnet) => ({ subnet, occupants: occupantsOf(ctx.graph, subnet.id) }))
    .filter((o) => o.occupants.length > 0);
}

/** Load balancers as occupants: they run no code of their own (what they let in is judged by the rules that read them). */
export const LOAD_BALANCERS: ReadonlySet<string> = new Set(['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer', 'aws_lb', 'aws_alb', 'aws_elb']);

/** What a subnet holds, in words: each occupant's name and resource type. */
export function occupantsInWords(graph: TopologyGraph, occupants: readonly OccupantNode[]): string {
  return occupants.map((o) => `${o.path ?? nameOf(graph, o.resource)} (${o.resourceType})`).join(', ');
}

/** The printable name of a node: its construct path when known, else its id. */
export function nameOf(graph: TopologyGraph, id: string): string {
  return graph.nodes.get(id)?.path ?? id;
}

/** The address blocks (every block of every VPC) of a segment, parsed; blocks the guard cannot read are left out. */
export function segmentBlocks(graph: TopologyGraph, segment: Segment): Prefix[] {
  return nodesOf(graph, 'vpc').filter((v) => v.segment === segment).flatMap((v) => v.cidrs.map((c) => parsePrefix(c)))
    .filter((p): p is Prefix => !!p);
}
