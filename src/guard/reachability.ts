import {
  deref, FirewallNode, NatGatewayNode, nodesOf, Ref, RouteTableNode, RouteTarget, SubnetNode, TopologyGraph, TransitAttachmentNode,
  TransitRouteTableNode, VpcEndpointNode, VpcNode, PeeringNode,
} from './graph';
import { Ipv4Cidr } from '../model/cidr';

/** Where a packet ends up. */
export type Destination =
  | { readonly kind: 'internet' }
  | { readonly kind: 'zone'; readonly zone: string }
  | { readonly kind: 'subnet'; readonly subnet: string }
  | { readonly kind: 'dropped'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** One step of a path, as it is printed in a finding. */
export interface Hop {
  /** Node id (logical ID / Terraform address). */
  readonly node: string;
  readonly label: string;
}

export interface Trace {
  readonly from: string;
  readonly address: string;
  readonly hops: Hop[];
  readonly end: Destination;
  /** Firewalls the packet passed, in order. */
  readonly firewalls: string[];
}

/** Address ranges that are never the internet (RFC 1918, CGNAT, loopback, link-local, multicast and reserved). */
const NOT_INTERNET = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '0.0.0.0/8', '224.0.0.0/3']
  .map((c) => Ipv4Cidr.parse(c));

export function isInternetAddress(address: number): boolean {
  return !NOT_INTERNET.some((c) => c.contains(Ipv4Cidr.of(address, 32)));
}

const MAX_HOPS = 32;

/** Follows packets through the graph: route tables by longest prefix, gateways, firewalls, the transit gateway. */
export class Reachability {
  private readonly tableOfSubnet = new Map<string, RouteTableNode>();
  private readonly subnetsOfVpc = new Map<string, SubnetNode[]>();

  constructor(private readonly graph: TopologyGraph) {
    for (const t of nodesOf(graph, 'route-table')) for (const s of t.subnets) this.tableOfSubnet.set(s, t);
    for (const s of nodesOf(graph, 'subnet')) {
      if (s.vpc.kind === 'node') this.subnetsOfVpc.set(s.vpc.id, [...(this.subnetsOfVpc.get(s.vpc.id) ?? []), s]);
    }
  }

  public subnetsOf(vpcId: string): SubnetNode[] {
    return this.subnetsOfVpc.get(vpcId) ?? [];
  }

  public routeTableOf(subnetId: string): RouteTableNode | undefined {
    return this.tableOfSubnet.get(subnetId);
  }

  /** Where a packet from `subnetId` to `address` (dotted quad) goes. */
  public trace(subnetId: string, address: string): Trace {
    const target = Ipv4Cidr.parse(`${address}/32`);
    const hops: Hop[] = [];
    const firewalls: string[] = [];
    const seen = new Set<string>();
    const start = this.graph.nodes.get(subnetId) as SubnetNode;
    hops.push({ node: subnetId, label: `subnet ${label(start)}` });
    let vpcRef: Ref = start.vpc;
    let from: SubnetNode = start;
    let table = this.tableOfSubnet.get(subnetId);
    const done = (end: Destination): Trace => ({ from: subnetId, address, hops, end, firewalls });

    for (let step = 0; step < MAX_HOPS; step++) {
      const vpc = deref<VpcNode>(this.graph, vpcRef);
      const vpcCidr = vpc?.cidr ? Ipv4Cidr.tryParse(vpc.cidr) : undefined;
      if (!table) {
        // No explicit association: the VPC's main route table, which holds only the local route here.
        if (vpcCidr?.contains(target)) return done(this.deliver(vpcRef, target, hops));
        return done({ kind: 'dropped', reason: `no route table association for ${label(from)} (main route table: local only)` });
      }
      if (seen.has(table.id)) return done({ kind: 'unknown', reason: `routing loop at ${table.id}` });
      seen.add(table.id);

      const route = longestMatch(table, target);
      if (!route || (vpcCidr && vpcCidr.prefixLength >= Ipv4Cidr.parse(route.destination).prefixLength && vpcCidr.contains(target))) {
        if (vpcCidr?.contains(target)) return done(this.deliver(vpcRef, target, hops));
        return done({ kind: 'dropped', reason: `no route to ${address} in ${table.id}` });
      }
      hops.push({ node: table.id, label: `${this.name(table.id)} ${route.destination}` });
      const node = deref(this.graph, route.ref);
      switch (route.target) {
        case RouteTarget.INTERNET_GATEWAY:
        case RouteTarget.EGRESS_ONLY_INTERNET_GATEWAY:
          hops.push({ node: describeRef(route.ref), label: `${route.target === RouteTarget.INTERNET_GATEWAY ? 'igw' : 'eigw'} ${this.refName(route.ref)}` });
          return done(isInternetAddress(target.network) ? { kind: 'internet' } : { kind: 'dropped', reason: 'private address to an internet gateway' });
        case RouteTarget.NAT_GATEWAY: {
          const nat = node as NatGatewayNode | undefined;
          hops.push({ node: describeRef(route.ref), label: `nat ${this.refName(route.ref)}` });
          const natSubnet = deref<SubnetNode>(this.graph, nat?.subnet);
          if (!natSubnet) return done({ kind: 'unknown', reason: `NAT gateway ${describeRef(route.ref)} is not in the synthesized output` });
          from = natSubnet;
          vpcRef = natSubnet.vpc;
          table = this.tableOfSubnet.get(natSubnet.id);
          break;
        }
        case RouteTarget.FIREWALL_ENDPOINT:
        case RouteTarget.VPC_ENDPOINT: {
          const inspection = this.inspectionSubnet(node, from);
          hops.push({ node: describeRef(route.ref), label: `${route.target === RouteTarget.FIREWALL_ENDPOINT ? 'firewall' : 'endpoint'} ${this.refName(route.ref)}` });
          if (route.target === RouteTarget.FIREWALL_ENDPOINT && route.ref.kind === 'node') firewalls.push(route.ref.id);
          if (!inspection) return done({ kind: 'unknown', reason: `${describeRef(route.ref)} is not a firewall or endpoint of the synthesized output` });
          // The path continues through the inspection subnet's own route table.
          from = inspection;
          vpcRef = inspection.vpc;
          table = this.tableOfSubnet.get(inspection.id);
          break;
        }
        case RouteTarget.TRANSIT_GATEWAY: {
          const next = this.throughTransit(vpcRef, route.ref, target, hops);
          if ('end' in next) return done(next.end);
          from = next.subnet ?? from;
          vpcRef = next.vpc;
          if (next.delivered) return done(this.deliver(vpcRef, target, hops));
          table = next.subnet ? this.tableOfSubnet.get(next.subnet.id) : undefined;
          break;
        }
        case RouteTarget.VPC_PEERING: {
          const peering = node as PeeringNode | undefined;
          if (!peering || peering.type !== 'vpc-peering') return done({ kind: 'unknown', reason: `peering ${describeRef(route.ref)} is not in the synthesized output` });
          const other = sameRef(peering.vpc, vpcRef) ? peering.peerVpc : peering.vpc;
          hops.push({ node: peering.id, label: `peering ${this.name(peering.id)}` });
          const peerVpc = deref<VpcNode>(this.graph, other);
          // Peering is not transitive: the packet is delivered in the peer VPC or nowhere.
          if (peerVpc?.cidr && Ipv4Cidr.parse(peerVpc.cidr).contains(target)) return done(this.deliver(other, target, hops));
          return done({ kind: peerVpc ? 'dropped' : 'unknown', reason: `peering ${peering.id} does not carry ${address}` });
        }
        case RouteTarget.LOCAL:
          return done(this.deliver(vpcRef, target, hops));
        default:
          hops.push({ node: describeRef(route.ref), label: `${route.target} ${this.refName(route.ref)}` });
          return done({ kind: 'unknown', reason: `${route.target} ${describeRef(route.ref)} forwards traffic where the guard cannot follow` });
      }
    }
    return done({ kind: 'unknown', reason: 'path longer than the guard follows' });
  }

  /** A short, readable name: the last two parts of the construct path, else the id. */
  private name(id: string): string {
    const p = this.graph.nodes.get(id)?.path;
    return p ? p.replace(/\/Resource$/, '').split('/').slice(-2).join('/') : id;
  }

  private refName(ref: Ref): string {
    return ref.kind === 'node' ? this.name(ref.id) : describeRef(ref);
  }

  private deliver(vpcRef: Ref, target: Ipv4Cidr, hops: Hop[]): Destination {
    const subnet = vpcRef.kind === 'node' ? this.subnetsOf(vpcRef.id).find((s) => s.cidr && Ipv4Cidr.parse(s.cidr).contains(target)) : undefined;
    if (!subnet) return { kind: 'dropped', reason: 'no subnet holds the address' };
    hops.push({ node: subnet.id, label: `subnet ${label(subnet)}` });
    return { kind: 'subnet', subnet: subnet.id };
  }

  /** The subnet where a firewall or endpoint sits, in the AZ of the packet when there are several. */
  private inspectionSubnet(node: unknown, from: SubnetNode): SubnetNode | undefined {
    const n = node as FirewallNode | VpcEndpointNode | undefined;
    if (!n || (n.type !== 'firewall' && n.type !== 'vpc-endpoint')) return undefined;
    const subnets = n.subnets.map((r) => deref<SubnetNode>(this.graph, r)).filter((s): s is SubnetNode => s !== undefined);
    return subnets.find((s) => s.availabilityZone === from.availabilityZone) ?? subnets[0];
  }

  private throughTransit(vpcRef: Ref, gateway: Ref, target: Ipv4Cidr, hops: Hop[]):
  { end: Destination } | { vpc: Ref; subnet?: SubnetNode; delivered: boolean } {
    const attachments = nodesOf(this.graph, 'transit-attachment');
    const mine = attachments.find((a) => a.kind === 'vpc' && sameRef(a.vpc, vpcRef) && (gateway.kind !== 'node' || sameRef(a.transitGateway, gateway)));
    if (!mine) return { end: { kind: gateway.kind === 'node' ? 'dropped' : 'unknown', reason: `the VPC has no attachment to transit gateway ${describeRef(gateway)}` } };
    hops.push({ node: describeRef(gateway), label: `tgw ${this.refName(gateway)}` });
    const tables = nodesOf(this.graph, 'transit-route-table').filter((t) => t.associations.some((a) => a.kind === 'node' && a.id === mine.id));
    if (tables.length === 0) {
      const tgw = deref(this.graph, mine.transitGateway);
      if (tgw?.type === 'transit-gateway' && tgw.defaultRouteTableAssociation) {
        return { end: { kind: 'unknown', reason: `attachment ${mine.id} uses the default transit gateway route table, which the guard cannot see` } };
      }
      return { end: { kind: 'dropped', reason: `attachment ${mine.id} has no transit gateway route table` } };
    }
    const table = tables[0];
    const route = this.transitMatch(table, target);
    hops.push({ node: table.id, label: `${this.name(table.id)} ${route?.destination ?? '(no route)'}` });
    if (!route) return { end: { kind: 'dropped', reason: `no route in ${table.id}` } };
    if (route.blackhole) return { end: { kind: 'dropped', reason: `blackhole ${route.destination} in ${table.id}` } };
    const next = deref<TransitAttachmentNode>(this.graph, route.attachment);
    if (!next || next.type !== 'transit-attachment') {
      return { end: { kind: 'zone', zone: `external:${route.attachment ? describeRef(route.attachment) : '?'}` } };
    }
    hops.push({ node: next.id, label: `attachment ${this.name(next.id)}${next.zone ? ` (${next.zone})` : ''}` });
    if (next.kind === 'vpn') return { end: { kind: 'zone', zone: next.zone ?? `vpn:${next.id}` } };
    if (next.kind !== 'vpc' || !next.vpc) return { end: { kind: 'unknown', reason: `${next.kind} attachment ${next.id}` } };
    const peerVpc = deref<VpcNode>(this.graph, next.vpc);
    if (peerVpc?.cidr && Ipv4Cidr.parse(peerVpc.cidr).contains(target)) return { vpc: next.vpc, delivered: true };
    // Not for this VPC: it forwards the packet through its attachment subnets' route table (an inspection VPC).
    const subnet = deref<SubnetNode>(this.graph, next.subnets[0]);
    return { vpc: next.vpc, subnet, delivered: false };
  }

  /** Longest-prefix match in a transit route table; propagated attachments contribute their VPC CIDR (VPNs: anything). */
  private transitMatch(table: TransitRouteTableNode, target: Ipv4Cidr): { destination: string; blackhole: boolean; attachment?: Ref } | undefined {
    const candidates: { destination: string; blackhole: boolean; attachment?: Ref; prefix: number; static: boolean }[] = [];
    for (const r of table.routes) {
      const d = Ipv4Cidr.tryParse(r.destination);
      if (d?.contains(target)) candidates.push({ ...r, prefix: d.prefixLength, static: true });
    }
    for (const p of table.propagations) {
      const a = deref<TransitAttachmentNode>(this.graph, p);
      const cidr = a?.kind === 'vpc' ? deref<VpcNode>(this.graph, a.vpc)?.cidr : a ? '0.0.0.0/0' : undefined;
      const d = cidr ? Ipv4Cidr.tryParse(cidr) : Ipv4Cidr.parse('0.0.0.0/0');
      if (d?.contains(target)) candidates.push({ destination: `${d.toString()} (propagated)`, blackhole: false, attachment: p, prefix: d.prefixLength, static: false });
    }
    // Longest prefix wins; a static route beats a propagated one of the same length.
    candidates.sort((a, b) => b.prefix - a.prefix || Number(b.static) - Number(a.static));
    return candidates[0];
  }
}

function longestMatch(table: RouteTableNode, target: Ipv4Cidr) {
  let best: RouteTableNode['routes'][number] | undefined;
  let bestPrefix = -1;
  for (const r of table.routes) {
    const d = Ipv4Cidr.tryParse(r.destination);
    if (d && d.contains(target) && d.prefixLength > bestPrefix) {
      best = r;
      bestPrefix = d.prefixLength;
    }
  }
  return best;
}

function sameRef(a: Ref | undefined, b: Ref | undefined): boolean {
  if (!a || !b) return false;
  if (a.kind === 'node' && b.kind === 'node') return a.id === b.id;
  if (a.kind === 'external' && b.kind === 'external') return a.value === b.value;
  return false;
}

function describeRef(ref: Ref): string {
  return ref.kind === 'node' ? ref.id : ref.kind === 'external' ? ref.value : ref.expression;
}

function label(subnet: SubnetNode): string {
  return `${subnet.path ?? subnet.id}${subnet.cidr ? ` (${subnet.cidr})` : ''}`;
}
