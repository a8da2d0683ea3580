import { sortedUnique } from './domain-syntax';
import { flowsTouching, ResolvedFlow, zoneOf } from './flows';
import {
  RoutePlan, RouteTablePlan, RouteTargetKind, SubnetPlan, SubnetRole, TransitRoutePlan, TransitRouteTablePlan,
} from './network-plan';
import { Ipv4Cidr } from '../model/cidr';
import { Segment, Zone } from '../model/segment';

export const ANY_IPV4 = '0.0.0.0/0';

/** How a segment reaches beyond its VPC. */
export interface SegmentRouting {
  readonly segment: Segment;
  /** Destinations reached over the transit gateway from workload subnets, with reasons. */
  readonly transitDestinations: { destination: string; reason: string }[];
  /** Where the workload default route goes: nowhere, the TGW (security cloud), or the firewall (α′ / built-in egress). */
  readonly defaultRoute?: { target: RouteTargetKind.TRANSIT_GATEWAY | RouteTargetKind.FIREWALL_ENDPOINT; reason: string };
  /**
   * α′ with the tenant-restriction proxy: the default route is the proxy subnets' only; workload subnets get just
   * these destinations (meeting media, which cannot pass an HTTP proxy) toward the firewall, so that TCP to the
   * cloud has no way around the proxy.
   */
  readonly proxied?: { readonly mediaDestinations: { destination: string; reason: string }[] };
  /** Destinations reached over the transit gateway from the endpoint subnets (the security cloud's DNS resolvers, IN-2). */
  readonly endpointTransitDestinations?: { destination: string; reason: string }[];
  /**
   * A member of the prefecture security cloud hub: destinations (the hub CIDR) reached over the hub's transit gateway
   * from the workload and endpoint subnets (the Resolver outbound endpoint forwards to the hub's DNS through it).
   */
  readonly hubDestinations?: { destination: string; reason: string }[];
}

/** Route table key of a subnet role in an AZ: one table per role and AZ, since targets are per AZ. */
export function routeTableKey(role: SubnetRole, azIndex: number): string {
  return `${role}-${azIndex + 1}`;
}

/** Destinations a segment reaches over the TGW because of declared flows (both directions: return routes). */
export function flowTransitDestinations(segment: Segment, flows: readonly ResolvedFlow[]): { destination: string; reason: string }[] {
  const out = new Map<string, string[]>();
  for (const t of flowsTouching(flows, zoneOf(segment))) {
    for (const cidr of t.peer.cidrs) {
      out.set(cidr, [...(out.get(cidr) ?? []), t.flow.flow.name]);
    }
  }
  return [...out.entries()]
    .sort(([a], [b]) => compareCidr(a, b))
    .map(([destination, names]) => ({ destination, reason: `flow ${sortedUnique(names).join(', ')}` }));
}

/** Order CIDRs by network address, then prefix length, for stable output. */
export function compareCidr(a: string, b: string): number {
  const x = Ipv4Cidr.parse(a);
  const y = Ipv4Cidr.parse(b);
  return x.network - y.network || x.prefixLength - y.prefixLength;
}

/**
 * The VPC route tables of one segment, one per role and AZ.
 * - workload / terminals / proxy: declared destinations → TGW (not from the proxy); default route per
 *   `routing.defaultRoute` (with the tenant proxy, client subnets only route meeting media to the firewall; the proxy
 *   subnets hold the default route; the same with the Internet segment's stand-in proxy, whose clients route nothing out). Where terminal subnets exist (α′ LGWAN), only they and the proxy break out: the
 *   workload subnets (servers, My Number's peers) have no route toward the internet at all (MN-4, AP-7).
 * - firewall: default → NAT in the same AZ (the inspected leg continues to the internet).
 * - egress (public): default → IGW; the inspected subnets of the AZ → firewall endpoint of the AZ, so that
 *   return traffic is inspected too (symmetric, as Network Firewall requires).
 * - endpoints: local, and the security cloud's DNS resolvers → TGW (the Resolver outbound endpoint, IN-2); for a member
 *   of the security cloud hub, the hub CIDR → the hub's transit gateway instead (workload subnets too, with no default
 *   route: members browse through the hub's proxy).
 * - transit: local only.
 */
export function planRouteTables(routing: SegmentRouting, subnets: readonly SubnetPlan[]): RouteTablePlan[] {
  const tables: RouteTablePlan[] = [];
  // Where there are terminal subnets (α′ LGWAN), only they break out; the workload subnets keep the declared flows.
  const breakoutRole = subnets.some((s) => s.role === SubnetRole.TERMINALS) ? SubnetRole.TERMINALS : SubnetRole.WORKLOAD;
  const inspected = (azIndex: number) =>
    subnets.filter((s) => s.azIndex === azIndex && (s.role === breakoutRole || s.role === SubnetRole.PROXY));
  for (const subnet of subnets) {
    // One route per destination: construct ids are derived from the destination, and AWS takes one route per prefix.
    const byDestination = new Map<string, RoutePlan>();
    const routes = {
      push(r: RoutePlan): void {
        const existing = byDestination.get(r.destination);
        if (!existing) {
          byDestination.set(r.destination, r);
        } else if (existing.target === r.target && existing.azIndex === r.azIndex) {
          byDestination.set(r.destination, { ...existing, reason: `${existing.reason}; ${r.reason}` });
        } else {
          throw new Error(`[${subnet.routeTable}] ${r.destination} would be routed to both ${existing.target} (${existing.reason}) and ${r.target} (${r.reason}). Fix: declare distinct CIDRs.`);
        }
      },
    };
    switch (subnet.role) {
      case SubnetRole.WORKLOAD:
      case SubnetRole.TERMINALS:
      case SubnetRole.PROXY:
        // The proxy's only business is the breakout; its clients are local.
        if (subnet.role !== SubnetRole.PROXY) {
          for (const d of routing.transitDestinations) {
            routes.push({ destination: d.destination, target: RouteTargetKind.TRANSIT_GATEWAY, reason: d.reason });
          }
          for (const d of routing.hubDestinations ?? []) {
            routes.push({ destination: d.destination, target: RouteTargetKind.SECURITY_CLOUD_HUB, reason: d.reason });
          }
        }
        // α′ servers (業務システム) and My Number's LGWAN peers get no way to the internet, not even the allow-list (MN-4, AP-7).
        if (subnet.role !== breakoutRole && subnet.role !== SubnetRole.PROXY) break;
        // Behind a proxy (α′'s terminals, the Internet stand-in's workloads): the default route is the proxy subnets' alone.
        if (routing.proxied && subnet.role !== SubnetRole.PROXY) {
          for (const d of routing.proxied.mediaDestinations) {
            routes.push({ destination: d.destination, target: RouteTargetKind.FIREWALL_ENDPOINT, azIndex: subnet.azIndex, reason: d.reason });
          }
        } else if (routing.defaultRoute) {
          routes.push({
            destination: ANY_IPV4,
            target: routing.defaultRoute.target,
            azIndex: routing.defaultRoute.target === RouteTargetKind.FIREWALL_ENDPOINT ? subnet.azIndex : undefined,
            reason: routing.defaultRoute.reason,
          });
        }
        break;
      case SubnetRole.FIREWALL:
        routes.push({ destination: ANY_IPV4, target: RouteTargetKind.NAT_GATEWAY, azIndex: subnet.azIndex, reason: 'inspected traffic to the NAT gateway' });
        break;
      case SubnetRole.EGRESS:
        routes.push({ destination: ANY_IPV4, target: RouteTargetKind.INTERNET_GATEWAY, reason: 'NAT gateway to the internet' });
        for (const s of inspected(subnet.azIndex)) {
          routes.push({ destination: s.cidr, target: RouteTargetKind.FIREWALL_ENDPOINT, azIndex: subnet.azIndex, reason: `return traffic to ${s.key} through the firewall` });
        }
        break;
      case SubnetRole.ENDPOINTS:
        for (const d of routing.endpointTransitDestinations ?? []) {
          routes.push({ destination: d.destination, target: RouteTargetKind.TRANSIT_GATEWAY, reason: d.reason });
        }
        for (const d of routing.hubDestinations ?? []) {
          routes.push({ destination: d.destination, target: RouteTargetKind.SECURITY_CLOUD_HUB, reason: d.reason });
        }
        break;
      default:
        break;
    }
    tables.push({ key: subnet.routeTable, routes: [...byDestination.values()] });
  }
  return tables;
}

/** Inputs of the transit gateway route plan. */
export interface TransitRoutingInput {
  readonly segmentCidrs: Readonly<Record<Segment, string>>;
  readonly lgwanWanCidrs: readonly string[];
  /** True when the Internet segment's default route goes to the security cloud attachment. */
  readonly securityCloud: boolean;
  readonly flows: readonly ResolvedFlow[];
}

/**
 * Transit gateway route tables, one per attachment zone, with static routes only (no propagation):
 * - each declared flow gives a host route both ways (A's table: B's hosts → B; B's table: A's hosts → A);
 * - LGWAN ↔ LGWAN WAN: only the host routes of declared LGWAN-ASP flows (LG-3, seed 001 「LGWAN-ASP（LGWANメール含む）など
 *   特定通信限定とすること」); the rest of the WAN ranges and of the LGWAN VPC is blackholed, so the WAN attachment carries
 *   nothing else;
 * - Internet segment → security cloud: the default route, and the way back;
 * - every pair that must never talk is blackholed (whole CIDRs and the default route), so that only the
 *   more specific declared host routes pass (longest prefix match).
 */
export function planTransitRouteTables(input: TransitRoutingInput): TransitRouteTablePlan[] {
  const { segmentCidrs: cidr, lgwanWanCidrs } = input;
  const zones: Zone[] = [Zone.MY_NUMBER, Zone.LGWAN, Zone.INTERNET, Zone.LGWAN_WAN];
  if (input.securityCloud) zones.push(Zone.SECURITY_CLOUD);
  const tables = new Map<Zone, Map<string, TransitRoutePlan>>(zones.map((z) => [z, new Map()]));

  const route = (zone: Zone, destination: string, targetZone: Zone, reason: string) => {
    const table = tables.get(zone)!;
    const existing = table.get(destination);
    if (existing && !existing.blackhole && existing.targetZone !== targetZone) {
      throw new Error(`[transit gateway] ${destination} is routed from ${zone} to both ${existing.targetZone} and ${targetZone}. Fix: declare distinct host CIDRs.`);
    }
    table.set(destination, { destination, targetZone, blackhole: false, reason: existing && !existing.blackhole ? `${existing.reason}; ${reason}` : reason });
  };
  const blackhole = (zone: Zone, destination: string, reason: string) => {
    const table = tables.get(zone)!;
    // A declared (static) route for the same prefix wins over the blanket blackhole.
    if (!table.has(destination)) table.set(destination, { destination, blackhole: true, reason });
  };

  for (const f of input.flows) {
    for (const c of f.to.cidrs) route(f.from.zone, c, f.to.zone, `flow ${f.flow.name}`);
    for (const c of f.from.cidrs) route(f.to.zone, c, f.from.zone, `flow ${f.flow.name} (return)`);
  }
  if (input.securityCloud) {
    route(Zone.INTERNET, ANY_IPV4, Zone.SECURITY_CLOUD, 'Internet egress through the security cloud (自治体情報セキュリティクラウド)');
    route(Zone.SECURITY_CLOUD, cidr[Segment.INTERNET], Zone.INTERNET, 'Internet segment (インターネット接続系)');
  }

  // Blackholes for the pairs that must never talk (beyond the declared host routes).
  const never = 'never routed between these zones (三層の対策)';
  blackhole(Zone.MY_NUMBER, ANY_IPV4, 'MN-1: My Number segment has no way out');
  blackhole(Zone.MY_NUMBER, cidr[Segment.INTERNET], `MN-2: ${never}`);
  blackhole(Zone.MY_NUMBER, cidr[Segment.LGWAN], 'MN-3: only specific communication (特定通信) host routes');
  for (const wan of lgwanWanCidrs) blackhole(Zone.MY_NUMBER, wan, 'MN-3: only specific communication (特定通信) host routes');
  blackhole(Zone.LGWAN, ANY_IPV4, 'LG-1: no internet over the transit gateway from LGWAN');
  blackhole(Zone.LGWAN, cidr[Segment.MY_NUMBER], 'MN-3: only specific communication (特定通信) host routes');
  blackhole(Zone.LGWAN, cidr[Segment.INTERNET], 'LG-2: only sanitization / screen transfer host routes');
  for (const wan of lgwanWanCidrs) blackhole(Zone.LGWAN, wan, 'LG-3: only declared LGWAN-ASP host routes (LGWAN-ASP)');
  blackhole(Zone.INTERNET, ANY_IPV4, 'IN-1: no internet except through the security cloud');
  blackhole(Zone.INTERNET, cidr[Segment.MY_NUMBER], `MN-2: ${never}`);
  blackhole(Zone.INTERNET, cidr[Segment.LGWAN], 'LG-2: only sanitization / screen transfer host routes');
  for (const wan of lgwanWanCidrs) blackhole(Zone.INTERNET, wan, 'LG-1: the Internet segment never reaches the LGWAN WAN');
  blackhole(Zone.LGWAN_WAN, ANY_IPV4, 'LG-1: the LGWAN WAN is closed');
  blackhole(Zone.LGWAN_WAN, cidr[Segment.MY_NUMBER], 'MN-3: only specific communication (特定通信) host routes');
  blackhole(Zone.LGWAN_WAN, cidr[Segment.INTERNET], 'LG-1: the LGWAN WAN never reaches the Internet segment');
  blackhole(Zone.LGWAN_WAN, cidr[Segment.LGWAN], 'LG-3: only declared LGWAN-ASP host routes (LGWAN-ASP)');
  if (input.securityCloud) {
    blackhole(Zone.SECURITY_CLOUD, cidr[Segment.MY_NUMBER], `MN-1: ${never}`);
    blackhole(Zone.SECURITY_CLOUD, cidr[Segment.LGWAN], 'LG-1: the security cloud never reaches LGWAN');
  }

  return zones.map((zone) => ({
    zone,
    routes: [...tables.get(zone)!.values()].sort((a, b) => compareCidr(a.destination, b.destination)),
  }));
}
