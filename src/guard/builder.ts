import { DnsRuleGroupNode, GraphNode, NetworkAclEntry, Ref, RouteEdge, RouteTableNode, TopologyGraph, TransitRouteTableNode, UnresolvedValue } from './graph';
import { Segment, SEGMENT_TAG_KEY } from '../model/segment';

const SEGMENTS = new Set<string>(Object.values(Segment));

/** The segment a tag set names, if it names a valid one. */
export function segmentOfTags(tags: Readonly<Record<string, string>>): Segment | undefined {
  const value = tags[SEGMENT_TAG_KEY];
  return value !== undefined && SEGMENTS.has(value) ? value as Segment : undefined;
}

/** Mutable graph under construction; the extractors fill it, then `build()` freezes the order. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly unresolved: UnresolvedValue[] = [];
  /** Routes and associations met before their table (the order of resources is arbitrary). */
  private readonly pendingRoutes: { table: Ref; edge: RouteEdge }[] = [];
  private readonly pendingAssociations: { table: Ref; subnet: Ref }[] = [];
  private readonly pendingGatewayEndpoints: { table: Ref; endpoint: string }[] = [];
  private readonly pendingTransit: { table: Ref; apply: (t: TransitRouteTableNode) => void }[] = [];
  private readonly pendingAttachments: { gateway: Ref; vpc: Ref }[] = [];
  private readonly pendingDnsRules: { group: Ref; rule: DnsRuleGroupNode['rules'][number] }[] = [];
  private readonly pendingAclEntries: { acl: Ref; entry: NetworkAclEntry; source: string }[] = [];
  private readonly pendingAclAssociations: { acl: Ref; subnet: Ref; source: string }[] = [];

  constructor(private readonly engine: TopologyGraph['engine']) {}

  public add(node: GraphNode): void {
    this.nodes.set(node.id, node);
  }

  public unresolvedValue(node: string, property: string, reason: string): void {
    this.unresolved.push({ node, property, reason });
  }

  /** Record the resolution result, noting unresolved references. */
  public noted(node: string, property: string, ref: Ref): Ref {
    if (ref.kind === 'unresolved') this.unresolvedValue(node, property, ref.expression);
    return ref;
  }

  public route(table: Ref, edge: RouteEdge): void {
    this.pendingRoutes.push({ table, edge });
  }

  public association(table: Ref, subnet: Ref): void {
    this.pendingAssociations.push({ table, subnet });
  }

  public gatewayEndpoint(table: Ref, endpoint: string): void {
    this.pendingGatewayEndpoints.push({ table, endpoint });
  }

  public transit(table: Ref, apply: (t: TransitRouteTableNode) => void): void {
    this.pendingTransit.push({ table, apply });
  }

  public gatewayAttachment(gateway: Ref, vpc: Ref): void {
    this.pendingAttachments.push({ gateway, vpc });
  }

  /** A DNS Firewall rule given as its own resource (Terraform), added to its rule group. */
  public dnsRule(group: Ref, rule: DnsRuleGroupNode['rules'][number]): void {
    this.pendingDnsRules.push({ group, rule });
  }

  /** A network ACL entry given as its own resource, added to its ACL. */
  public aclEntry(acl: Ref, entry: NetworkAclEntry, source: string): void {
    this.pendingAclEntries.push({ acl, entry, source });
  }

  /** A subnet's association with a network ACL (a subnet has exactly one). */
  public aclAssociation(acl: Ref, subnet: Ref, source: string): void {
    this.pendingAclAssociations.push({ acl, subnet, source });
  }

  public build(): TopologyGraph {
    const table = (ref: Ref, what: string, source: string): RouteTableNode | undefined => {
      const node = ref.kind === 'node' ? this.nodes.get(ref.id) : undefined;
      if (node?.type === 'route-table') return node;
      this.unresolvedValue(source, what, `route table ${describe(ref)} is not in the synthesized output`);
      return undefined;
    };
    for (const { table: t, edge } of this.pendingRoutes) table(t, 'RouteTableId', edge.source)?.routes.push(edge);
    for (const { table: t, subnet } of this.pendingAssociations) {
      if (subnet.kind === 'node') table(t, 'RouteTableId', subnet.id)?.subnets.push(subnet.id);
    }
    for (const { table: t, endpoint } of this.pendingGatewayEndpoints) table(t, 'RouteTableIds', endpoint)?.gatewayEndpoints.push(endpoint);
    for (const { table: t, apply } of this.pendingTransit) {
      const node = t.kind === 'node' ? this.nodes.get(t.id) : undefined;
      if (node?.type === 'transit-route-table') apply(node);
      else this.unresolvedValue(describe(t), 'TransitGatewayRouteTableId', `transit gateway route table ${describe(t)} is not in the synthesized output`);
    }
    for (const { gateway, vpc } of this.pendingAttachments) {
      const node = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      if (node?.type === 'internet-gateway' || node?.type === 'egress-only-internet-gateway') node.vpcs.push(vpc);
    }
    for (const { group, rule } of this.pendingDnsRules) {
      const node = group.kind === 'node' ? this.nodes.get(group.id) : undefined;
      if (node?.type === 'dns-rule-group') node.rules.push(rule);
      else this.unresolvedValue(describe(group), 'firewall_rule_group_id', `DNS Firewall rule group ${describe(group)} is not in the synthesized output`);
    }
    const acl = (ref: Ref, source: string) => {
      const node = ref.kind === 'node' ? this.nodes.get(ref.id) : undefined;
      if (node?.type === 'network-acl') return node;
      this.unresolvedValue(source, 'NetworkAclId', `network ACL ${describe(ref)} is not in the synthesized output`);
      return undefined;
    };
    for (const { acl: a, entry, source } of this.pendingAclEntries) acl(a, source)?.entries.push(entry);
    for (const { acl: a, subnet, source } of this.pendingAclAssociations) {
      if (subnet.kind === 'node') acl(a, source)?.subnets.push(subnet.id);
    }
    const ordered = new Map([...this.nodes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return { engine: this.engine, nodes: ordered, unresolved: [...this.unresolved] };
  }
}

export function describe(ref: Ref): string {
  switch (ref.kind) {
    case 'node': return ref.id;
    case 'external': return ref.value;
    default: return ref.expression;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
