import { deref, nodesOf, SubnetNode, TopologyGraph, VpcNode } from './graph';
import { isInternetAddress, Reachability, Trace } from './reachability';
import { GuardContext } from './rule';
import { Ipv4Cidr } from '../model/cidr';
import { Segment } from '../model/segment';

/**
 * Representative internet addresses (documentation ranges, RFC 5737) tried when a route covers all of the
 * internet; the first one no more specific route catches stands for "anywhere".
 */
const ANYWHERE = ['203.0.113.1', '198.51.100.1', '192.0.2.1'];

/** The segment of a subnet: its own tag, else its VPC's. */
export function segmentOf(graph: TopologyGraph, subnet: SubnetNode): Segment | undefined {
  return subnet.segment ?? deref<VpcNode>(graph, subnet.vpc)?.segment;
}

export function subnetsIn(ctx: GuardContext, segment: Segment): SubnetNode[] {
  return nodesOf(ctx.graph, 'subnet').filter((s) => segmentOf(ctx.graph, s) === segment);
}

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

/**
 * Addresses on the internet that a subnet's route table sends somewhere: for every route whose destination
 * is (partly) internet space, one address inside it that no more specific route of the table catches.
 */
export function internetProbes(reach: Reachability, subnet: SubnetNode): string[] {
  const table = reach.routeTableOf(subnet.id);
  const destinations = (table?.routes ?? []).map((r) => Ipv4Cidr.tryParse(r.destination)).filter((d): d is Ipv4Cidr => d !== undefined);
  const out = new Set<string>();
  for (const d of destinations) {
    const moreSpecific = destinations.filter((o) => o.prefixLength > d.prefixLength && d.contains(o));
    const candidates = d.prefixLength === 0 ? ANYWHERE.map((a) => Ipv4Cidr.parse(`${a}/32`).network) : [d.network, d.network + 1, d.last];
    const inside = (a: number) => d.contains(Ipv4Cidr.of(a, 32)) && !moreSpecific.some((m) => m.contains(Ipv4Cidr.of(a, 32)));
    const hit = candidates.find((a) => inside(a) && isInternetAddress(a));
    if (hit !== undefined) out.add(Ipv4Cidr.formatAddress(hit));
  }
  return [...out].sort();
}

/**
 * Addresses inside a segment worth trying: one in each of its subnets, and every route destination (in any VPC
 * or transit route table) that points into it, so that host routes are tried too.
 */
export function probesInto(ctx: GuardContext, segment: Segment): string[] {
  const vpcs = nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === segment).map((v) => Ipv4Cidr.tryParse(v.cidr ?? '')).filter((c): c is Ipv4Cidr => !!c);
  const out = new Set<string>();
  for (const s of subnetsIn(ctx, segment)) {
    const c = s.cidr ? Ipv4Cidr.tryParse(s.cidr) : undefined;
    if (c) out.add(Ipv4Cidr.formatAddress(c.network + Math.min(4, c.size - 1)));
  }
  const destinations = [
    ...nodesOf(ctx.graph, 'route-table').flatMap((t) => t.routes.map((r) => r.destination)),
    ...nodesOf(ctx.graph, 'transit-route-table').flatMap((t) => t.routes.map((r) => r.destination)),
  ];
  for (const d of destinations) {
    const c = Ipv4Cidr.tryParse(d);
    if (c && c.prefixLength > 0 && vpcs.some((v) => v.contains(c))) out.add(Ipv4Cidr.formatAddress(c.network));
  }
  return [...out].sort();
}

/** Every trace from the subnets of `from` to the given addresses that ends where `ends` says. */
export function pathsBetween(ctx: GuardContext, from: SubnetNode[], addresses: string[], ends: (t: Trace) => boolean): Trace[] {
  const out: Trace[] = [];
  for (const s of from) {
    for (const a of addresses) {
      const t = ctx.reach.trace(s.id, a);
      if (ends(t)) out.push(t);
    }
  }
  return out;
}

/** The printable name of a node: its construct path when known, else its id. */
export function nameOf(graph: TopologyGraph, id: string): string {
  return graph.nodes.get(id)?.path ?? id;
}
