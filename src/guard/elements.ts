/**
 * The configuration elements a path is carried by — routes, transit gateway routes, associations and propagations,
 * network ACL entries, peering connections — and a graph transformer that removes some of them exactly (a new graph;
 * the input is never changed). `explain` searches for the smallest set of them whose removal closes a finding.
 *
 * Security group rules and Network Firewall rules are not among them: the reachability engine follows routing and NACLs
 * (docs/guard-semantics.md); security groups and firewall rule groups are judged by rules of their own, so removing one
 * never closes a path the engine reports.
 */
import { familyOf, parsePrefix } from './address-space';
import { GraphNode, implicitId, NetworkAclNode, nodesOf, TopologyGraph, TransitAttachmentNode } from './graph';
import { HeaderSet } from './header-set';
import { PathStep, Reachability } from './reachability';

/** One removable piece of configuration. */
export type ConfigElement =
  /** A VPC route: `source` is the route's own node (a separate route resource) or its table (an inline route). */
  | { readonly kind: 'route'; readonly table: string; readonly source: string; readonly destination: string }
  | { readonly kind: 'transit-route'; readonly table: string; readonly source: string; readonly destination: string }
  | { readonly kind: 'transit-association'; readonly table: string; readonly attachment: string }
  | { readonly kind: 'transit-propagation'; readonly table: string; readonly attachment: string }
  | { readonly kind: 'nacl-entry'; readonly acl: string; readonly ruleNumber: number; readonly egress: boolean }
  /** A peering connection, with every route through it. */
  | { readonly kind: 'peering'; readonly peering: string };

/** A stable key of an element (for sets and ordering). */
export function elementKey(e: ConfigElement): string {
  switch (e.kind) {
    case 'route':
    case 'transit-route': return `${e.kind}|${e.table}|${e.source}|${e.destination}`;
    case 'transit-association':
    case 'transit-propagation': return `${e.kind}|${e.table}|${e.attachment}`;
    case 'nacl-entry': return `${e.kind}|${e.acl}|${e.egress ? 'egress' : 'ingress'}|${e.ruleNumber}`;
    default: return `${e.kind}|${e.peering}`;
  }
}

/** An element in words, with construct paths where the output records them. */
export function describeElement(graph: TopologyGraph, e: ConfigElement): string {
  const name = (id: string) => graph.nodes.get(id)?.path ?? id;
  switch (e.kind) {
    case 'route': return `route ${e.destination} in ${name(e.table)}${e.source !== e.table ? ` (${name(e.source)})` : ''}`;
    case 'transit-route': return `transit gateway route ${e.destination} in ${name(e.table)}${e.source !== e.table ? ` (${name(e.source)})` : ''}`;
    case 'transit-association': return `association of ${name(e.attachment)} with transit gateway route table ${name(e.table)}`;
    case 'transit-propagation': return `propagation of ${name(e.attachment)} into transit gateway route table ${name(e.table)}`;
    case 'nacl-entry': {
      const acl = graph.nodes.get(e.acl) as NetworkAclNode | undefined;
      const entry = acl?.entries.find((x) => x.ruleNumber === e.ruleNumber && x.egress === e.egress);
      const what = entry ? ` (allow ${entry.protocol === '-1' ? 'all' : entry.protocol}${entry.fromPort !== undefined ? ` ${entry.fromPort}-${entry.toPort}` : ''} ${entry.cidr ?? 'any'})` : '';
      return `${e.egress ? 'outbound' : 'inbound'} NACL entry ${e.ruleNumber}${what} of ${name(e.acl)}`;
    }
    default: return `peering connection ${name(e.peering)} and its routes`;
  }
}

/** A new graph without the given elements (exact: only those routes, entries, associations; the input is unchanged). */
export function withoutElements(graph: TopologyGraph, elements: readonly ConfigElement[]): TopologyGraph {
  const drop = new Set(elements.map(elementKey));
  const peerings = new Set(elements.flatMap((e) => (e.kind === 'peering' ? [e.peering] : [])));
  const nodes = new Map<string, GraphNode>();
  for (const [id, n] of graph.nodes) {
    if (peerings.has(id)) continue;
    switch (n.type) {
      case 'route-table':
        nodes.set(id, {
          ...n,
          routes: n.routes.filter((r) => !drop.has(elementKey({ kind: 'route', table: id, source: r.source, destination: r.destination }))
            && !(r.ref.kind === 'node' && peerings.has(r.ref.id))),
        });
        break;
      case 'transit-route-table':
        nodes.set(id, {
          ...n,
          routes: n.routes.filter((r) => !drop.has(elementKey({ kind: 'transit-route', table: id, source: r.source, destination: r.destination }))),
          associations: n.associations.filter((a) => !(a.kind === 'node' && drop.has(elementKey({ kind: 'transit-association', table: id, attachment: a.id })))),
          propagations: n.propagations.filter((a) => !(a.kind === 'node' && drop.has(elementKey({ kind: 'transit-propagation', table: id, attachment: a.id })))),
        });
        break;
      case 'network-acl':
        nodes.set(id, { ...n, entries: n.entries.filter((e) => !drop.has(elementKey({ kind: 'nacl-entry', acl: id, ruleNumber: e.ruleNumber, egress: e.egress }))) });
        break;
      default:
        nodes.set(id, n);
    }
  }
  return { ...graph, nodes };
}

/**
 * The elements that carry a path, in path order: its routes and transit gateway elements first, then the allow entries
 * of the NACLs of the subnets it passes that match its address family. A superset is harmless (the search re-checks
 * every candidate set); a missing element would not be (semantics §12).
 */
export function elementsOfPath(graph: TopologyGraph, reach: Reachability, steps: readonly PathStep[], headers: HeaderSet): ConfigElement[] {
  const carried = steps.flatMap((_, i) => carriedAt(graph, steps, i));
  const filters: ConfigElement[] = [];
  const families = new Set(headers.map((b) => familyOf(reach.atoms.lo(b.d0))));
  // The NACLs a path crosses: those of its subnets, and of the subnets of the attachment it enters a transit gateway by.
  const crossed = steps.flatMap((s, i) => (s.kind === 'subnet' ? [s.node] : s.kind === 'tgw'
    ? enteringAttachments(graph, steps, i).flatMap((a) => a.subnets.flatMap((r) => (r.kind === 'node' ? [r.id] : []))) : []));
  for (const subnet of crossed) {
    for (const acl of aclsOf(graph, subnet)) {
      for (const e of acl.entries) {
        const family = parsePrefix(e.cidr)?.family;
        if (e.action === 'allow' && (family === undefined || families.has(family))) {
          filters.push({ kind: 'nacl-entry', acl: acl.id, ruleNumber: e.ruleNumber, egress: e.egress });
        }
      }
    }
  }
  const seen = new Set<string>();
  return [...carried, ...filters].filter((e) => {
    const k = elementKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The elements that carried a path at its i-th step (a route, a transit gateway route, association or propagation...). */
export function carriedAt(graph: TopologyGraph, steps: readonly PathStep[], i: number): ConfigElement[] {
  const s = steps[i];
  const next = steps[i + 1];
  switch (s.kind) {
    case 'route':
      // The local route of a VPC cannot be removed (AWS).
      return s.table && s.detail && !(s.node === s.table && s.detail.endsWith(' local')) ? [{ kind: 'route', table: s.table, source: s.node, destination: s.detail }] : [];
    case 'tgw-route':
      if (!s.table || !s.detail) return [];
      if (s.detail.endsWith('(propagated)')) return next?.kind === 'attachment' ? [{ kind: 'transit-propagation', table: s.table, attachment: next.node }] : [];
      return [{ kind: 'transit-route', table: s.table, source: s.node, destination: s.detail }];
    case 'tgw': {
      // Entering the gateway through the sending VPC's attachment: its association with the table that routed.
      const table = next?.kind === 'tgw-route' ? graph.nodes.get(next.table ?? '') : undefined;
      if (table?.type !== 'transit-route-table') return [];
      return enteringAttachments(graph, steps, i).filter((a) => table.associations.some((r) => r.kind === 'node' && r.id === a.id))
        .map((a): ConfigElement => ({ kind: 'transit-association', table: table.id, attachment: a.id }));
    }
    case 'peering':
      return [{ kind: 'peering', peering: s.node }];
    default:
      return [];
  }
}

/** The attachments a path at a `tgw` step enters the gateway by: those of the sending subnet's VPC to that gateway. */
function enteringAttachments(graph: TopologyGraph, steps: readonly PathStep[], i: number): TransitAttachmentNode[] {
  const subnet = steps.slice(0, i).reverse().find((x) => x.kind === 'subnet');
  const node = subnet ? graph.nodes.get(subnet.node) : undefined;
  const vpc = node?.type === 'subnet' && node.vpc.kind === 'node' ? node.vpc.id : undefined;
  if (!vpc) return [];
  return nodesOf(graph, 'transit-attachment')
    .filter((a) => a.vpc?.kind === 'node' && a.vpc.id === vpc && a.transitGateway.kind === 'node' && a.transitGateway.id === steps[i].node);
}

/** The NACLs of a subnet: those associated with it, else its VPC's default one (as the engine reads them). */
function aclsOf(graph: TopologyGraph, subnetId: string): NetworkAclNode[] {
  const explicit = nodesOf(graph, 'network-acl').filter((a) => a.subnets.includes(subnetId));
  if (explicit.length > 0) return explicit;
  const subnet = graph.nodes.get(subnetId);
  if (subnet?.type !== 'subnet' || subnet.vpc.kind !== 'node') return [];
  const fallback = graph.nodes.get(implicitId.defaultNetworkAcl(subnet.vpc.id));
  return fallback?.type === 'network-acl' ? [fallback] : [];
}
