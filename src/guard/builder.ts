import { ALL_V6, coveredBy, GLOBAL_UNICAST_V6, parsePrefix, Prefix } from './address-space';
import {
  attachmentPlaces, BridgeAttachment, bridgedWith, BridgeOptions, gatewayBridges, internetIngress, launchBridges, launchedDefaultGroup,
  launchedLabels, launchedPlaces, PendingBridge, PendingLauncher, PendingTemplate, PendingUnknownOccupant, resolveBridges, unknownOccupants,
} from './bridges';
import {
  describeRef, DnsRuleGroupNode, EndpointPolicy, GraphNode, implicitId, NetworkAclEntry, NetworkAclNode, NodeBase, propagatedDestination, Ref,
  RoleLabelNode, RouteEdge, RouteTableNode, RouteTarget, SecurityGroupNode, SecurityGroupRuleNode, SubnetNode, TopologyGraph, TransitAttachmentNode,
  TransitGatewayNode,
  TransitRouteTableNode, UnresolvedValue, VpcNode,
} from './graph';
import {
  DEFAULT_GROUP_FALLBACK, DEFAULT_GROUP_PARTS, EKS_CLUSTER_GROUP_USERS, EKS_CLUSTERS, groupMemberships, labelPlacesNothing, LITERAL_SUBNET_ID,
  NO_DOCUMENTED_FALLBACK, REMOTE_ACCESS_PORTS, remoteAccess, SOURCE_CHECK_FIX, SourceCheckOff, SubnetMention, UNKNOWN_SUBNET,
} from './occupants';
import { DEFAULT_EVENT_BUS } from './relay-read';
import { collectUnreadable, expressionText, isDynamicReference, pathTo } from './unreadable';
import { isLabelNamespace, labelProblems } from '../model/labels';
import { MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_HUB, SECURITY_CLOUD_TAG_KEY } from '../model/security-cloud';
import { ROLE_TAG_KEY, Segment, SEGMENT_TAG_KEY } from '../model/segment';

const SEGMENTS = new Set<string>(Object.values(Segment));

/** The fix for a resource that deploys a template of its own (a stack set, a provisioned product, a Terraform-made stack), in both extractors. */
export const TEMPLATE_DEPLOYER_FIX = 'write the network resources in a stack or configuration the guard reads, or check the deployed stack\'s template with jichitai-network check';

/** A network interface's id as AWS writes it. */
const LITERAL_INTERFACE_ID = /^eni-[0-9a-f]+$/;

/**
 * The reason for a route with a target and no destination, in both extractors (a plan leaves out a destination known
 * only after apply that the configuration does not name): not followed, unresolved (GUARD-1).
 */
export const NO_DESTINATION = 'a route needs one destination and one target; found a target and no destination (in a plan: a destination known only '
  + 'after apply that the configuration does not name)';

/** The segment a tag set names, if it names a valid one. */
export function segmentOfTags(tags: Readonly<Record<string, string>>): Segment | undefined {
  const value = tags[SEGMENT_TAG_KEY];
  return value !== undefined && SEGMENTS.has(value) ? value as Segment : undefined;
}

/** Report a reference (of `property` of `source`) that names a node of none of the `types`. */
type Expect = (source: string, property: string, ref: Ref | undefined, ...types: string[]) => void;
type ReferenceCheck = (n: GraphNode, expect: Expect) => void;

/** A reference check of the node types `types`, typed by them. */
function check<T extends GraphNode['type']>(types: readonly T[], fn: (n: Extract<GraphNode, { type: T }>, expect: Expect) => void): [readonly string[], ReferenceCheck] {
  return [types, fn as ReferenceCheck];
}

/**
 * The references of each node type and what they must name: one small function per type, not one switch in the loop
 * over every node, so that V8 does not compile (and, at each new node shape, recompile) one function for all of them.
 */
const REFERENCE_CHECKS: ReadonlyMap<string, ReferenceCheck> = new Map([
  check(['subnet'], (n, expect) => expect(n.id, 'VpcId', n.vpc, 'vpc')),
  check(['route-table'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    n.subnets.forEach((s) => expect(n.id, 'SubnetId', { kind: 'node', id: s }, 'subnet'));
  }),
  check(['nat-gateway'], (n, expect) => expect(n.id, 'SubnetId', n.subnet, 'subnet')),
  check(['firewall'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    n.subnets.forEach((s) => expect(n.id, 'SubnetMappings', s, 'subnet'));
  }),
  check(['transit-attachment'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    expect(n.id, 'TransitGatewayId', n.transitGateway, 'transit-gateway');
    n.subnets.forEach((s) => expect(n.id, 'SubnetIds', s, 'subnet'));
  }),
  check(['transit-route-table'], (n, expect) => {
    expect(n.id, 'TransitGatewayId', n.transitGateway, 'transit-gateway');
    // A Cloud WAN peering is named for the attachment it makes, which the guard does not model (semantics §5): not a wrong type.
    [...n.associations, ...n.propagations].forEach((a) => expect(n.id, 'TransitGatewayAttachmentId', a, 'transit-attachment', 'cloud-wan-peering'));
    n.routes.forEach((r) => expect(r.source, 'TransitGatewayAttachmentId', r.attachment, 'transit-attachment', 'cloud-wan-peering'));
  }),
  check(['vpc-peering'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    expect(n.id, 'PeerVpcId', n.peerVpc, 'vpc');
  }),
  check(['vpc-endpoint'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    n.subnets.forEach((s) => expect(n.id, 'SubnetIds', s, 'subnet'));
  }),
  check(['network-acl'], (n, expect) => {
    expect(n.id, 'VpcId', n.vpc, 'vpc');
    n.subnets.forEach((s) => expect(n.id, 'SubnetId', { kind: 'node', id: s }, 'subnet'));
  }),
  check(['security-group'], (n, expect) => expect(n.id, 'VpcId', n.vpc, 'vpc')),
  check(['user-data'], (n, expect) => n.securityGroups.forEach((g) => expect(n.id, 'SecurityGroupIds', g, 'security-group'))),
  check(['load-balancer'], (n, expect) => {
    n.subnets.forEach((s) => expect(n.id, 'Subnets', s, 'subnet'));
    n.securityGroups.forEach((g) => expect(n.id, 'SecurityGroups', g, 'security-group'));
  }),
  check(['auto-scaling-group'], (n, expect) => {
    expect(n.id, 'LaunchTemplate', n.launchTemplate, 'user-data');
    n.subnets.forEach((s) => expect(n.id, 'VPCZoneIdentifier', s, 'subnet'));
  }),
  check(['lb-listener'], (n, expect) => expect(n.id, 'LoadBalancerArn', n.loadBalancer, 'load-balancer')),
  check(['waf-association'], (n, expect) => expect(n.id, 'WebACLArn', n.webAcl, 'waf-web-acl')),
  check(['waf-logging'], (n, expect) => expect(n.id, 'ResourceArn', n.webAcl, 'waf-web-acl')),
  check(['query-log-association'], (n, expect) => {
    expect(n.id, 'ResolverQueryLogConfigId', n.config, 'query-log-config');
    expect(n.id, 'ResourceId', n.vpc, 'vpc');
  }),
  check(['log-subscription'], (n, expect) => expect(n.id, 'LogGroupName', n.logGroup, 'log-group')),
  check(['internet-gateway', 'egress-only-internet-gateway', 'vpn-gateway'], (n, expect) => n.vpcs.forEach((v) => expect(n.id, 'VpcId', v, 'vpc'))),
].flatMap(([types, fn]) => types.map((t) => [t, fn] as const)));

/** How a reader reads what `GraphBuilder.securityGroupsOf` asks of a resource's properties. */
export interface GroupReading {
  /** A value naming a security group. */
  readonly group: (value: unknown) => Ref;
  /** A value naming subnets (a fallback's own, `NO_DOCUMENTED_FALLBACK`). */
  readonly subnets: (value: unknown) => Ref[];
  /** Any other reference (an EKS cluster, a remote-access source group). */
  readonly ref: (value: unknown) => Ref;
  /** Whether a node group's launch template value (as written) is a template of the output that names security groups. */
  readonly templateNamesGroups: (value: unknown) => boolean;
  /** Whether a value names an EKS cluster of the output (by reference or by its name). */
  readonly clusterOfOutput: (value: unknown) => boolean;
}

/** A resource of the output that runs with a security group (`GraphBuilder.memberOf`): where it names it, and where it runs. */
export interface GroupUser {
  readonly resource: string;
  /** The property path that names the group. */
  readonly property: string;
  readonly path?: string;
  /** The subnets it runs in. */
  readonly subnets: readonly Ref[];
}

/**
 * Literal ids the caller proved to name nodes of the synthesized output (a security cloud hub's deployed outputs, bound by
 * `hub-evidence.ts`): literal → node id; and what the binding could not prove, reported as unresolved values.
 */
export interface BoundIds {
  readonly bindings?: ReadonlyMap<string, string>;
  readonly unresolved?: readonly UnresolvedValue[];
}

/** Mutable graph under construction; the extractors fill it, then `build()` freezes the order. */
export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly unresolved: UnresolvedValue[] = [];
  /** Routes and associations met before their table (the order of resources is arbitrary). */
  private readonly pendingRoutes: { table: Ref; edge: RouteEdge }[] = [];
  private readonly pendingAssociations: { table: Ref; subnet: Ref; source: string; property: string }[] = [];
  private readonly pendingGatewayEndpoints: { table: Ref; endpoint: string }[] = [];
  private readonly pendingEndpointPolicies: { endpoint: Ref; policy: EndpointPolicy | undefined; source: string }[] = [];
  private readonly pendingTransit: { table: Ref; apply: (t: TransitRouteTableNode) => void }[] = [];
  private readonly pendingPolicyAssociations: { attachment: Ref; policyTable: Ref; source: string; property: string }[] = [];
  private readonly pendingPolicyEntries: { policyTable: Ref; target: Ref }[] = [];
  private readonly pendingDefaultTables: { gateway: Ref; table: Ref; which: 'association' | 'propagation'; source: string }[] = [];
  private readonly pendingDirectConnect: { node: NodeBase; gateway: Ref; property?: string }[] = [];
  private readonly pendingShares: { gateway: Ref; by: string }[] = [];
  private readonly pendingAccepters: {
    node: NodeBase; attachment: Ref; kind: 'vpc' | 'peering'; switches: { defaultAssociation?: boolean; defaultPropagation?: boolean };
  }[] = [];
  private readonly pendingAttachments: { gateway: Ref; vpc: Ref; outside?: { kind: 'internet-gateway' | 'vpn-gateway'; at: string } }[] = [];
  private readonly pendingDnsRules: { group: Ref; rule: DnsRuleGroupNode['rules'][number] }[] = [];
  private readonly pendingAclEntries: { acl: Ref; entry: NetworkAclEntry; source: string }[] = [];
  private readonly pendingAclAssociations: { acl: Ref; subnet: Ref; source: string; property: string }[] = [];
  private readonly pendingBlocks: { vpc: Ref; block: { cidr?: unknown; amazonIpv6?: boolean }; source: string; property: string }[] = [];
  private readonly pendingSubnetBlocks: { subnet: Ref; cidr: unknown; source: string }[] = [];
  private readonly pendingEdgeAssociations: { table: Ref; gateway: Ref; source: string }[] = [];
  private readonly pendingMainTables: { vpc: Ref; table: Ref; source: string }[] = [];
  private readonly pendingVpnZones: { gateway: Ref; zone: string }[] = [];
  private readonly pendingGroupVpcs: { group: Ref; vpc: Ref; base: Omit<NodeBase, 'type'>; property: string }[] = [];
  private readonly pendingBridges: PendingBridge[] = [];
  /** Resources read with the reader of another type (`readAs`), by their own type: the one their findings name (`shownAs`). */
  private readonly ownTypes = new Map<string, string>();
  private readonly pendingTemplates: PendingTemplate[] = [];
  private readonly pendingLaunchers: PendingLauncher[] = [];
  /** Resources that name a subnet by a value known only at deploy time, with those properties (`occupant`). */
  private readonly pendingUnplaced: { node: string; properties: string[] }[] = [];
  /** Occupants of a type the guard does not know, with the subnets they name (`occupant`, `unknownOccupants`). */
  private readonly pendingUnknownTypes: PendingUnknownOccupant[] = [];
  /** Role labels with the resources of the output their resource names where it runs (a subnet group), and its type (`roleLabel`). */
  private readonly pendingLabels: { label: string; through: readonly Ref[]; resourceType: string }[] = [];
  /** Default NACLs whose entries Terraform replaces (`aws_default_network_acl`), by id. */
  private readonly replacedDefaultAcls = new Set<string>();
  /** Default security groups Terraform's `aws_default_security_group` takes over (their rules are the listed ones only). */
  private readonly replacedDefaultGroups = new Set<string>();
  /** Subnets where an instance of the output runs with no security group of its own (`usesDefaultGroup`). */
  private readonly defaultGroupUsers: Ref[] = [];
  /** Security groups resources of the output name for themselves (`memberOf`): a VPC's default group among them is used. */
  private readonly namedGroups = new Set<string>();
  /** The security groups of the output that resources name for themselves, checked once every node is read (`memberOf`). */
  private readonly pendingMemberships: { group: string; user: GroupUser }[] = [];
  /** Security groups AWS makes for resources of the output, with the rules it documents, and where they run (`serviceGroup`). */
  private readonly pendingServiceGroups: { group: Omit<SecurityGroupNode, 'vpc' | 'tags' | 'type'>; subnets: readonly Ref[] }[] = [];
  /** Resources of the output that run with a security group the guard cannot read, and where (`usesUnknownGroup`). */
  private readonly unknownGroupUsers: { resource: string; path?: string; subnets: readonly Ref[] }[] = [];

  /**
   * @param bindings literal ids proven to name a node of the graph (a hub's deployed outputs, `hub-evidence.ts`): a literal
   * equal to one is read as a reference to that node. Only exact physical ids are bound: two resources never share one.
   * @param unresolved what a binding could not prove, reported as the extractors' unresolved values are (GUARD-1)
   */
  constructor(private readonly engine: TopologyGraph['engine'], private readonly bindings: ReadonlyMap<string, string> = new Map(),
    unresolved: readonly UnresolvedValue[] = []) {
    this.unresolved.push(...unresolved);
  }

  /** A literal id from outside the template: a node of the graph when the evidence binds it, else external. */
  public external(value: string): Ref {
    const id = this.bindings.get(value) ?? this.bindings.get(s3BucketArnOf(value) ?? '');
    return id !== undefined ? { kind: 'node', id } : { kind: 'external', value };
  }

  /** A literal subnet id (`subnet-…`) that names no subnet of the output (`subnetMentions`' `outside`): the id, else undefined. */
  public outsideSubnet(value: unknown): string | undefined {
    return typeof value === 'string' && LITERAL_SUBNET_ID.test(value) && this.external(value).kind === 'external' ? value : undefined;
  }

  /** The account's default event bus as a relay (relay-read.ts `DEFAULT_EVENT_BUS`), added once by whichever reader meets it first. */
  public defaultEventBus(): void {
    this.virtualRelay(DEFAULT_EVENT_BUS, 'the default event bus', 'events');
  }

  /**
   * A relay the output names but does not hold, that is the own account's all the same (a log group named by a
   * subscription filter: CloudWatch Logs subscriptions are within one account), added once: the endpoints of its service
   * reach it as they reach the output's.
   */
  public virtualRelay(id: string, resourceType: string, service: string): void {
    if (this.nodes.has(id)) return;
    this.nodes.set(id, { id, tags: {}, type: 'relay', resource: id, resourceType, service, flows: [] });
  }

  public add(node: GraphNode): void {
    // The security cloud's labels, read here once for both extractors: the hub VPC and a member's code (SC rules).
    if (node.type === 'vpc') {
      const hub = node.tags[SECURITY_CLOUD_TAG_KEY] === SECURITY_CLOUD_HUB;
      const municipality = node.tags[MUNICIPALITY_TAG_KEY];
      this.nodes.set(node.id, { ...node, ...(hub ? { hub } : {}), ...(municipality !== undefined ? { municipality } : {}) });
      return;
    }
    this.nodes.set(node.id, node);
  }

  /**
   * A resource's labels against the label vocabulary (src/model/labels.ts), for both extractors: a key of the library's
   * namespace (`jichitai:`) the guard does not know, or a value an enumerated key does not take, is unresolved (GUARD-1)
   * at the resource, `property(key)` naming the tag (docs/guard-semantics.md §3). Read as absent or unknown, a misspelt
   * label would take the resource out of the rules that judge labels: a My Number system labelled `MY_NUMBER_SYTEM` in an
   * LGWAN subnet would pass PL-1, a subnet's misspelt segment would give it its VPC's.
   */
  public labels(node: string, tags: Readonly<Record<string, string>>, property: (key: string) => string, path?: string): void {
    for (const p of labelProblems(tags)) {
      if (p.problem === 'key') {
        this.unresolvedValue(node, property(p.key), `${p.key} is not a label key the guard knows, and the jichitai: prefix is the library's namespace: `
          + 'a misspelt label would leave the resource unlabelled, out of the rules that judge labels',
        `use one of the label keys ${p.valid.join(', ')}, or remove the tag`, undefined, path);
      } else {
        this.unresolvedValue(node, property(p.key), `${JSON.stringify(p.value)} is not a value of the label ${p.key}: the rules that judge it would pass over the resource`,
          `give ${p.key} one of its values: ${p.valid.join(', ')}`, undefined, path);
      }
    }
  }

  /**
   * The role that tags for instances (a launch template's or a fleet's, `tags`, read by the engine's reader) give what
   * `node` launches, with its labels, after checking them against the label vocabulary (`labels`, `property(key)` naming
   * the tag); undefined without a role (semantics §3).
   */
  public launchedRole(node: string, tags: Readonly<Record<string, string>>, property: (key: string) => string, path?: string):
  { role: string; tags: Record<string, string> } | undefined {
    this.labels(node, tags, property, path);
    const role = tags[ROLE_TAG_KEY];
    if (role === undefined) return undefined;
    return { role, tags: Object.fromEntries(Object.entries(tags).filter(([k]) => isLabelNamespace(k))) };
  }

  /**
   * The role label that tags for instances (a fleet's, `tags`, read by the engine's reader at `at`) give what `node`
   * launches (`launchedRole`), placed where `placement` runs them: none without a role.
   */
  public launchedLabel(node: string, at: string, tags: Readonly<Record<string, string>>, property: (key: string) => string,
    placement: readonly BridgeAttachment[], path?: string): void {
    const launched = this.launchedRole(node, tags, property, path);
    if (!launched) return;
    this.add({ id: `${node}#role:${at}`, type: 'role-label', ...launched, resource: node, ...attachmentPlaces(placement), ...(path !== undefined ? { path } : {}) });
  }

  public unresolvedValue(node: string, property: string, reason: string, fix?: string, rule?: UnresolvedValue['rule'], path?: string): void {
    this.unresolved.push({ node, property, reason, fix, ...(rule ? { rule } : {}), ...(path !== undefined ? { path } : {}) });
  }

  /**
   * Read one resource (`read`), then record what its readers noted as unreadable (`unreadable`): one unresolved value
   * (GUARD-1) per place, named by its property path in `properties`.
   */
  public reading(node: string, properties: unknown, read: () => void): void {
    const found = collectUnreadable(read);
    if (found.length === 0) return;
    const places = new Set<string>();
    for (const v of found) {
      const where = pathTo(properties, v) ?? expressionText(v);
      if (places.has(where)) continue;
      places.add(where);
      this.unresolvedValue(node, where, `${expressionText(v)} cannot be read at synth time, and the guard reads what it holds`,
        'write it out as literal values in the template or configuration (no parameter, condition or variable), so that the guard can judge what it allows');
    }
  }

  /**
   * A resource of a type the guard does not know, at the subnets or VPCs of `mentions` (a VPC where it names no subnet:
   * occupants.ts `vpcMentionKey`): judged where they lie once every resource is read (`unknownOccupants`, GUARD-2, and
   * SC-3 in the security cloud). Alone (a VPC), it makes no occupant node: what runs in which subnet it does not say.
   */
  public unknownTypeAt(base: NodeBase, resourceType: string, mentions: readonly SubnetMention[]): void {
    this.pendingUnknownTypes.push({ node: base.id, type: resourceType, mentions, ...(base.path !== undefined ? { path: base.path } : {}) });
  }

  /**
   * A resource that names subnets (`subnetMentions`): an occupant of those it names; a placement it cannot read
   * (`UNKNOWN_SUBNET`) is unresolved, once per property, unless the resource's reader already reported a value of it.
   * Of a type the guard does not know (`knownType` false, occupants.ts `knownOccupant`), it is also judged where it lies
   * once every subnet is read (`unknownOccupants`, GUARD-2).
   */
  public occupant(base: NodeBase, resourceType: string, mentions: readonly SubnetMention[], knownType = true, forwards?: SourceCheckOff): void {
    if (!knownType) this.unknownTypeAt(base, resourceType, mentions);
    const unknown = mentions.filter((m) => m.subnet === UNKNOWN_SUBNET);
    if (unknown.length > 0) this.pendingUnplaced.push({ node: base.id, properties: [...new Set(unknown.map((m) => m.property))] });
    const plain = unknown.length === 0 && !mentions.some((m) => m.outside);
    const known = plain ? mentions : mentions.filter((m) => m.subnet !== UNKNOWN_SUBNET && !m.outside);
    // Subnets outside the output, named by a literal id, and interfaces outside it (`SubnetMention.outside`): kept apart, for AP-7.
    const outside = plain ? [] : mentions.filter((m) => m.outside)
      .map(({ property, subnet, via }) => ({ property, subnet, ...(via ? { via } : {}) }));
    if (known.length > 0 || outside.length > 0) {
      this.add({
        ...base,
        id: `${base.id}#placed`,
        type: 'occupant',
        resource: base.id,
        resourceType,
        subnets: known,
        ...(outside.length > 0 ? { outside } : {}),
        ...(forwards ? { forwards: forwards.property } : {}),
      });
    }
    if (forwards?.unreadable && known.length > 0) {
      this.unresolvedValue(base.id, forwards.property,
        `${forwards.property} cannot be read at synth time: with its source/destination check off, ${base.id} sends packets with any source address `
          + '(read so meanwhile), which network ACL entries matching by source do not stop', SOURCE_CHECK_FIX, undefined, base.path);
    }
  }

  /**
   * A resource's role label (`jichitai:role`, semantics §7), placed where the guard's occupant reading of the resource
   * places it (`subnetMentions`, the same reading for both engines): each subnet it names (one the guard cannot read, or
   * outside the output, may be of any segment), each network interface outside the output it runs on; and, once every
   * resource is read, the subnets of each resource of the output it names where it runs (`through`: a database's subnet
   * group, which is an occupant of its subnets). Naming none, it is placed by `vpc` (its `VpcId`, the default VPC, the
   * VPC itself); naming nothing at all, it is a label the guard cannot place (`RoleLabelNode.nowhere`), unless its type
   * runs nothing in a network (`labelPlacesNothing`).
   */
  public roleLabel(label: Omit<RoleLabelNode, 'subnets' | 'vpc' | 'elsewhere' | 'nowhere'>, resourceType: string,
    mentions: readonly SubnetMention[], through: readonly Ref[], vpc: Ref | undefined): void {
    const subnets: Ref[] = [];
    const elsewhere: { ref: Ref; what: 'network interface' }[] = [];
    const seen = new Set<string>();
    for (const m of mentions) {
      if (m.via) {
        elsewhere.push({ ref: LITERAL_INTERFACE_ID.test(m.subnet) ? { kind: 'external', value: m.subnet } : { kind: 'unresolved', expression: m.subnet }, what: m.via });
      } else if (m.subnet === UNKNOWN_SUBNET) {
        subnets.push({ kind: 'unresolved', expression: m.property });
      } else if (m.outside) {
        subnets.push({ kind: 'external', value: m.subnet });
      } else if (!seen.has(m.subnet)) {
        seen.add(m.subnet);
        subnets.push({ kind: 'node', id: m.subnet });
      }
    }
    this.add({ ...label, vpc, subnets, ...(elsewhere.length > 0 ? { elsewhere } : {}) });
    this.pendingLabels.push({ label: label.id, through, resourceType });
  }

  /**
   * The role labels' placements through the resources their resources name (`roleLabel`), once every occupant is read;
   * a label still placed by nothing is one the guard cannot place (`RoleLabelNode.nowhere`).
   */
  private applyLabels(): void {
    for (const { label, through, resourceType } of this.pendingLabels) {
      const node = this.nodes.get(label);
      if (node?.type !== 'role-label') continue;
      const subnets = [...node.subnets];
      const seen = new Set(subnets.map((r) => (r.kind === 'node' ? r.id : '')));
      for (const ref of through) {
        if (ref.kind !== 'node') continue;
        // A subnet named by a literal id the evidence binds (a hub's), which the occupant reading of a template does not read.
        if (this.nodes.get(ref.id)?.type === 'subnet') {
          if (!seen.has(ref.id)) subnets.push(ref);
          seen.add(ref.id);
          continue;
        }
        // A subnet group whose subnets the guard cannot read (a parameter, a variable): reported at the group (`applyUnplaced`).
        if (this.pendingUnplaced.some((u) => u.node === ref.id)) subnets.push({ kind: 'unresolved', expression: ref.id });
        const occupant = this.nodes.get(`${ref.id}#placed`);
        if (occupant?.type !== 'occupant') continue;
        for (const { subnet } of occupant.subnets) {
          if (seen.has(subnet)) continue;
          seen.add(subnet);
          subnets.push({ kind: 'node', id: subnet });
        }
        for (const o of occupant.outside ?? []) if (!o.via) subnets.push({ kind: 'external', value: o.subnet });
      }
      const nowhere = subnets.length === 0 && !node.elsewhere && node.vpc === undefined && !labelPlacesNothing(resourceType);
      if (subnets.length !== node.subnets.length || nowhere) this.nodes.set(label, { ...node, subnets, ...(nowhere ? { nowhere: true } : {}) });
    }
  }

  /**
   * A gateway the output does not hold (`id`, a literal), attached to one of its VPCs: a node of its own, named by the
   * attachment's path, so that the rules see it as they see one of the output's — an internet gateway in the My Number
   * VPC, a VPN gateway without a zone label (a bridge, `gatewayBridges`).
   */
  private outsideGateway(id: string, vpc: Ref, outside: { kind: 'internet-gateway' | 'vpn-gateway'; at: string }): void {
    const known = this.nodes.get(id);
    if (known?.type === 'internet-gateway' || known?.type === 'vpn-gateway') {
      known.vpcs.push(vpc);
      return;
    }
    const base = { id, path: outside.at, tags: {} };
    this.nodes.set(id, outside.kind === 'internet-gateway' ? { ...base, type: 'internet-gateway', vpcs: [vpc] }
      : { ...base, type: 'vpn-gateway', vpcs: [vpc], zones: [], ingressTables: [], tagged: false, directConnect: [], outside: true });
  }

  /** The occupants' placements the guard cannot read, once every reader and bridge has reported what it could not resolve. */
  private applyUnplaced(): void {
    const reported = new Set(this.unresolved.map((u) => u.node));
    for (const { node, properties } of this.pendingUnplaced) {
      if (reported.has(node)) continue;
      for (const property of properties) {
        this.unresolvedValue(node, property, 'the subnet it names is known only at deploy time, so it may run in any subnet, the egress chain\'s own included',
          'name the subnet by a reference to a subnet of the same app (Ref / GetAtt, or a Terraform reference), so that the guard can tell where it runs');
      }
    }
  }

  /** Record the resolution result, noting unresolved references. */
  public noted(node: string, property: string, ref: Ref): Ref {
    if (ref.kind === 'unresolved') this.unresolvedValue(node, property, ref.expression);
    return ref;
  }

  public route(table: Ref, edge: RouteEdge): void {
    this.pendingRoutes.push({ table, edge });
  }

  /**
   * Route propagation from a VPN gateway into a route table (`AWS::EC2::VPNGatewayRoutePropagation`, Terraform
   * `aws_vpn_gateway_route_propagation` / `propagating_vgws`): a route to the gateway for the prefixes it learns.
   */
  public propagation(table: Ref, gateway: Ref, source: string): void {
    const destination = propagatedDestination(describeRef(gateway));
    this.route(table, { source, destination, target: RouteTarget.VPN_GATEWAY, ref: gateway, propagated: true });
  }

  /**
   * Route propagation from a VPC Route Server into a route table (`AWS::EC2::RouteServerPropagation`, Terraform
   * `aws_vpc_route_server_propagation`): the routes its BGP peers advertise, toward their network interfaces. Any prefix
   * may come, so it is a route with a destination the guard cannot read — beside the longest match for every address,
   * the VPC's own blocks included (semantics §4) — to a target the guard cannot follow.
   */
  public routeServerPropagation(table: Ref, server: Ref, source: string): void {
    this.route(table, { source, destination: propagatedDestination(`route server ${describeRef(server)}`), target: RouteTarget.ROUTE_SERVER, ref: server });
  }

  /** A subnet's association with a route table (`property`: where the resource `source` names the subnet). */
  public association(table: Ref, subnet: Ref, source: string, property: string): void {
    this.pendingAssociations.push({ table, subnet, source, property });
  }

  public gatewayEndpoint(table: Ref, endpoint: string): void {
    this.pendingGatewayEndpoints.push({ table, endpoint });
  }

  /**
   * A policy written apart from its endpoint (Terraform's `aws_vpc_endpoint_policy`): it replaces the endpoint's policy,
   * and without a `policy` sets AWS's full-access default. With an inline `policy` on the endpoint too, terraform writes
   * one over the other on every apply (outside auditor, red team 38): unresolved (GUARD-1), the standalone one judged.
   */
  public endpointPolicy(endpoint: Ref, policy: EndpointPolicy | undefined, source: string): void {
    this.pendingEndpointPolicies.push({ endpoint, policy, source });
  }

  public transit(table: Ref, apply: (t: TransitRouteTableNode) => void): void {
    this.pendingTransit.push({ table, apply });
  }

  /**
   * An attachment associated with a transit gateway policy table (`AWS::EC2::TransitGatewayPolicyTableAssociation`,
   * `aws_ec2_transit_gateway_policy_table_association`) instead of a route table: what arrives on it is routed by the route
   * table the first matching entry of the policy table names (Transit Gateway Guide, "Transit gateway policy tables").
   */
  public transitPolicyAssociation(attachment: Ref, policyTable: Ref, source: string, property: string): void {
    this.pendingPolicyAssociations.push({ attachment, policyTable, source, property });
  }

  /** A policy table's entry (`AWS::EC2::TransitGatewayPolicyTableEntry`) choosing route table `target`. */
  public transitPolicyEntry(policyTable: Ref, target: Ref): void {
    this.pendingPolicyEntries.push({ policyTable, target });
  }

  /**
   * A transit gateway's default association or propagation table named by a resource of its own (Terraform
   * `aws_ec2_transit_gateway_default_route_table_association` / `_propagation`): it replaces the implicit default table.
   */
  public transitDefaultTable(gateway: Ref, table: Ref, which: 'association' | 'propagation', source: string): void {
    this.pendingDefaultTables.push({ gateway, table, which, source });
  }

  /**
   * A Direct Connect gateway associated with a gateway (`AWS::DirectConnect::DirectConnectGatewayAssociation`,
   * `aws_dx_gateway_association`, `aws_dx_gateway_association_proposal`), or a private virtual interface on a VPN gateway
   * (`property`: where it names the gateway): with a transit gateway it is an attachment of its own, which neither engine
   * can name; with a VPN gateway it is one of the networks behind that gateway (only the gateway's own label says where).
   */
  public directConnectAssociation(node: NodeBase, gateway: Ref, property?: string): void {
    this.pendingDirectConnect.push({ node, gateway, property });
  }

  /**
   * A Terraform accepter of another account's attachment (`aws_ec2_transit_gateway_vpc_attachment_accepter`,
   * `_peering_attachment_accepter`): when the attachment it accepts is in the output, the accepter stands for it (its
   * default-table switches apply); otherwise it is an attachment of its own whose network the output does not hold.
   */
  public accepter(node: NodeBase, attachment: Ref, kind: 'vpc' | 'peering', switches: { defaultAssociation?: boolean; defaultPropagation?: boolean }): void {
    this.pendingAccepters.push({ node, attachment, kind, switches });
  }

  /**
   * A transit gateway the output shares with other accounts (`by`: an AWS RAM share naming it, or the gateway itself when
   * it accepts shared attachments automatically): their attachments, which the output cannot hold, join its default tables.
   */
  public sharedTransitGateway(gateway: Ref, by: string): void {
    this.pendingShares.push({ gateway, by });
  }

  /**
   * A gateway attached to a VPC. `outside`: what kind of gateway the attachment names and where it is written, for a
   * gateway the output does not hold (a literal id): attached to a VPC of the output, it opens the same as one it holds.
   */
  public gatewayAttachment(gateway: Ref, vpc: Ref, outside?: { kind: 'internet-gateway' | 'vpn-gateway'; at: string }): void {
    this.pendingAttachments.push({ gateway, vpc, outside });
  }

  /**
   * An address block of a VPC: its primary block, a secondary one, or an Amazon-provided IPv6 block (given a symbolic
   * block at build time). A block that is not a literal prefix is recorded as unresolved.
   */
  public vpcBlock(vpc: Ref, block: { cidr?: unknown; amazonIpv6?: boolean }, source: string, property: string): void {
    this.pendingBlocks.push({ vpc, block, source, property });
  }

  /**
   * A route table associated with a gateway (an edge association: `AWS::EC2::GatewayRouteTableAssociation`, Terraform
   * `aws_route_table_association` with `gateway_id`): it routes what enters the VPC through that gateway.
   */
  public edgeAssociation(table: Ref, gateway: Ref, source: string): void {
    this.pendingEdgeAssociations.push({ table, gateway, source });
  }

  /** An IPv6 block associated with a subnet by a resource of its own (`AWS::EC2::SubnetCidrBlock`). */
  public subnetIpv6Block(subnet: Ref, cidr: unknown, source: string): void {
    this.pendingSubnetBlocks.push({ subnet, cidr, source });
  }

  /** A route table made the VPC's main table (Terraform `aws_main_route_table_association`). */
  public mainRouteTable(vpc: Ref, table: Ref, source: string): void {
    this.pendingMainTables.push({ vpc, table, source });
  }

  /** The zone tag of a VPN connection on a virtual private gateway. */
  public vpnGatewayZone(gateway: Ref, zone: string): void {
    this.pendingVpnZones.push({ gateway, zone });
  }

  /**
   * Resource `node` of type `type` is read as another type is (a Terraform Spot Instance request as the `aws_instance` it
   * launches): its bridges name its own type, with what the other type connects with.
   */
  public readAs(node: string, type: string): void {
    this.ownTypes.set(node, type);
  }

  /** A bridge naming its resource's own type (`readAs`). */
  private shownAs<B extends { readonly node: string; readonly type: string; readonly bridged?: string }>(bridge: B): B {
    const own = this.ownTypes.get(bridge.node);
    return own === undefined || own === bridge.type ? bridge : { ...bridge, type: own, bridged: bridge.bridged ?? bridgedWith(bridge.type) };
  }

  /**
   * A resource that opens a network path the guard does not model (Client VPN, PrivateLink, traffic mirroring...; see
   * bridges.ts): what it attaches to, placed once every resource is read.
   */
  public bridge(node: string, type: string, attachments: readonly BridgeAttachment[], path?: string, fix?: string, options?: BridgeOptions): void {
    this.pendingBridges.push({ node, type, attachments, ...(path !== undefined ? { path } : {}), ...(fix !== undefined ? { fix } : {}), ...options });
  }

  /**
   * A launch template or launch configuration (`exposed`: the attachments of its interfaces that ask for a public IP
   * address, undefined when none asks): a bridge placed where what launches it runs (bridges.ts `launchBridges`).
   */
  public launchTemplate(template: PendingTemplate): void {
    this.pendingTemplates.push(template);
  }

  /** What launches instances from launch templates: the templates it names and where its instances run. */
  public launcher(launcher: PendingLauncher): void {
    this.pendingLaunchers.push(launcher);
  }

  /** Terraform's `aws_default_security_group` of the VPC `vpc`: the group's rules are the listed ones only. */
  public replaceDefaultGroup(vpc: Ref): void {
    if (vpc.kind === 'node') this.replacedDefaultGroups.add(implicitId.defaultSecurityGroup(vpc.id));
  }

  /**
   * An instance of the output in `subnet` that names no security group (and no network interface or launch template that
   * may), or one launched there from a template that names none (bridges.ts `launchedDefaultGroup`): EC2 gives it its
   * VPC's default group (outside auditor, red team 38), whose rules then count (`addImplicitNodes`).
   */
  public usesDefaultGroup(subnet: Ref): void {
    this.defaultGroupUsers.push(subnet);
  }

  /**
   * A resource of the output (`user`) names `group` as one of its own (`occupants.ts` `groupMemberships`). Naming its
   * VPC's default group (`Fn::GetAtt [Vpc, DefaultSecurityGroup]`, `aws_vpc.x.default_security_group_id`) uses it, as
   * naming none does (`usesDefaultGroup`). A group outside the output — a literal id (`sg-…`, a shared-services group; in
   * a Terraform plan also a data source's id read at plan time), or a node of the output that is no security group — has
   * rules the guard cannot read, which may open anything: reported (GUARD-1, as a group named by a parameter is) and read
   * as a group open to all traffic both ways where the resource runs (`usesUnknownGroup`); the rules the output writes for
   * it (`outsideGroups`) cannot narrow that.
   */
  public memberOf(group: Ref, user: GroupUser): void {
    if (group.kind === 'node') this.pendingMemberships.push({ group: group.id, user });
    else if (group.kind === 'external') this.outsideGroup(group.value, user);
  }

  /**
   * `memberOf` a group outside the output: `id`, a literal, or a node of the output that is no security group (`node`).
   * GUARD-1 at the resource, naming the group, and a group open to all traffic where it runs.
   */
  private outsideGroup(id: string, { resource, property, path, subnets }: GroupUser, node = false): void {
    const open = 'and reads it as a group open to all traffic both ways';
    if (node) {
      this.unresolvedValue(resource, property, `${id} is no security group of the synthesized output: the guard cannot read the rules of the group it gives, ${open}`,
        'name a security group of the output (by a reference to it), so that the guard reads its rules', undefined, path);
    } else {
      this.unresolvedValue(resource, property, `security group ${id} is not in the synthesized output: the guard cannot read its rules, ${open}`,
        `declare security group ${id} in the output (a security group of this app, named by reference rather than by its id), so that the guard reads `
        + 'its rules; a group shared from outside the app (a shared-services group) cannot be judged: give the resource a group of the output with the rules it needs',
        undefined, path);
    }
    this.usesUnknownGroup(resource, path, subnets);
  }

  /**
   * A security group AWS makes for a resource of the output, with the rules AWS documents for it (`usesClusterGroup`,
   * `usesRemoteAccessGroup`), in the VPC of the subnets where the resource runs (the first the guard places; none placed,
   * no group: the subnets are reported where they are read).
   */
  private serviceGroup(group: Omit<SecurityGroupNode, 'vpc' | 'tags' | 'type'>, subnets: readonly Ref[]): void {
    this.pendingServiceGroups.push({ group, subnets });
  }

  /**
   * A node group or Fargate profile of the output (`user`) whose EKS cluster, named `cluster`, is not in the output: it
   * runs with that cluster's security group (occupants.ts `EKS_CLUSTER_GROUP_USERS`), whose rules the guard cannot read
   * (GUARD-1; a group open to all traffic where it runs, as `memberOf` a group outside the output).
   */
  public outsideClusterGroup(cluster: string, { resource, property, path, subnets }: GroupUser): void {
    this.unresolvedValue(resource, property, `EKS cluster ${cluster} is not in the synthesized output: the guard cannot read the rules of its cluster `
      + 'security group, which EKS gives this resource, and reads it as a group open to all traffic both ways',
    'guard the cluster together with this resource (the stack or configuration that creates it), or give a node group a launch template of the output '
      + 'that names security groups of the output', undefined, path);
    this.usesUnknownGroup(resource, path, subnets);
  }

  /**
   * An EKS cluster of the output (`cluster`, running in `subnets`): its cluster security group (occupants.ts
   * `EKS_CLUSTERS`), all inbound from itself and all outbound, both families, as EKS makes it.
   */
  public usesClusterGroup(cluster: string, path: string | undefined, subnets: readonly Ref[]): void {
    const id = implicitId.clusterSecurityGroup(cluster);
    const ingress = [{ protocol: '-1', peerGroup: { kind: 'node', id } as Ref }];
    const egress = [{ protocol: '-1', cidr: '0.0.0.0/0' }, { protocol: '-1', cidr: '::/0' }];
    this.serviceGroup({ id, ...(path !== undefined ? { path } : {}), ingress, egress }, subnets);
  }

  /**
   * A managed node group of the output with SSH access (occupants.ts `remoteAccess`): the group EKS makes for it, which
   * admits SSH and RDP from `sources` (none: from everywhere) and, as any new group, sends everywhere.
   */
  public usesRemoteAccessGroup(nodegroup: string, path: string | undefined, sources: readonly Ref[], subnets: readonly Ref[]): void {
    const peers: { cidr?: string; peerGroup?: Ref }[] = sources.length > 0 ? sources.map((peerGroup) => ({ peerGroup })) : [{ cidr: '0.0.0.0/0' }, { cidr: '::/0' }];
    const ingress = REMOTE_ACCESS_PORTS.flatMap((p) => peers.map((peer) => ({ protocol: 'tcp', fromPort: p, toPort: p, ...peer })));
    const egress = [{ protocol: '-1', cidr: '0.0.0.0/0' }, { protocol: '-1', cidr: '::/0' }];
    this.serviceGroup({ id: implicitId.remoteAccessSecurityGroup(nodegroup), ...(path !== undefined ? { path } : {}), ingress, egress }, subnets);
  }

  /** The groups of `serviceGroup`, each in the VPC of the first of its subnets the guard places. */
  private addServiceGroups(): void {
    for (const { group, subnets } of this.pendingServiceGroups) {
      if (this.nodes.has(group.id)) continue;
      const vpc = subnets.map((s) => (s.kind === 'node' ? this.nodes.get(s.id) : undefined))
        .find((n): n is SubnetNode => n?.type === 'subnet' && n.vpc.kind === 'node')?.vpc;
      if (vpc) this.add({ ...group, tags: {}, type: 'security-group', vpc } satisfies SecurityGroupNode);
    }
  }

  /**
   * The groups resources name (`memberOf`), once every node is read: a default group is used; a node that is no security
   * group of the output (nor the default group of one of its VPCs) is a group outside the output.
   */
  private applyMemberships(): void {
    if (this.pendingMemberships.length === 0) return;
    const defaults = new Set([...this.nodes.values()].filter((n) => n.type === 'vpc').map((v) => implicitId.defaultSecurityGroup(v.id)));
    for (const { group, user } of this.pendingMemberships) {
      const node = this.nodes.get(group);
      if (node?.type === 'security-group') continue;
      if (node === undefined && defaults.has(group)) this.namedGroups.add(group);
      else this.outsideGroup(group, user, true);
    }
  }

  /**
   * The security groups a resource of `type` (properties `p`) runs with, in the subnets `where` gives, as both readers read
   * them (their `securityGroups`): naming none, its VPC's default one (occupants.ts `DEFAULT_GROUP_FALLBACK`; a part of it
   * naming none, in that part's subnets: `DEFAULT_GROUP_PARTS`), or one the
   * guard cannot read where AWS documents no fallback (`NO_DOCUMENTED_FALLBACK`, GUARD-1); each group it names
   * (`groupMemberships`) read by `read.group` — one the reader cannot resolve may be any group (GUARD-1), one of the
   * output or outside it is `memberOf`. A group the guard cannot read counts as open to all traffic both ways where the
   * resource runs (`usesUnknownGroup`; a fallback's own subnets, read by `read.subnets`, where it names them).
   */
  public securityGroupsOf(type: string, p: any, base: { readonly id: string; readonly path?: string }, where: () => Ref[], read: GroupReading): void {
    if (DEFAULT_GROUP_FALLBACK[type]?.(p)) for (const s of where()) this.usesDefaultGroup(s);
    // Parts that name no group where others may (a Spot Fleet's launch specifications, an instance's own interfaces): theirs.
    for (const s of DEFAULT_GROUP_PARTS[type]?.(p).flatMap(read.subnets) ?? []) this.usesDefaultGroup(s);
    const unknown: Ref[] = [];
    const fallback = NO_DOCUMENTED_FALLBACK[type]?.(p);
    if (fallback) {
      this.namesNoGroup(base.id, fallback.property, base.path);
      unknown.push(...fallback.subnets ? fallback.subnets.flatMap(read.subnets) : where());
    }
    let unread = false;
    for (const { property, value } of groupMemberships(type, p)) {
      const group = read.group(value);
      if (group.kind === 'unresolved') {
        this.unresolvedOnce(base.id, property, group.expression, base.path);
        unread = true;
      } else {
        this.memberOf(group, { resource: base.id, property, path: base.path, subnets: where() });
      }
    }
    if (unread) unknown.push(...where());
    if (fallback || unread) this.usesUnknownGroup(base.id, base.path, unknown);
    this.eksGroups(type, p, base, where, read);
  }

  /**
   * The security groups Amazon EKS makes (occupants.ts `EKS_CLUSTERS`, `remoteAccess`): a cluster's cluster security group,
   * where the cluster runs; a node group's remote-access group. A node group (but one whose launch template of the output
   * names groups: `read.templateNamesGroups`) or a Fargate profile of a cluster outside the output (`read.clusterOfOutput`)
   * runs with a group the guard cannot read.
   */
  private eksGroups(type: string, p: any, base: { readonly id: string; readonly path?: string }, where: () => Ref[], read: GroupReading): void {
    if (EKS_CLUSTERS.has(type)) {
      this.usesClusterGroup(base.id, base.path, where());
      return;
    }
    const access = remoteAccess(type, p);
    if (access) this.usesRemoteAccessGroup(base.id, base.path, access.sources.map((v, i) => this.noted(base.id, `${access.property}[${i}]`, read.ref(v))), where());
    const use = EKS_CLUSTER_GROUP_USERS[type];
    if (!use) return;
    if (use.template !== undefined && read.templateNamesGroups(p[use.template])) return;
    // A cluster of the output: its group is there already (EKS runs a cluster's nodes and pods in its VPC).
    const value = p[use.cluster];
    if (read.clusterOfOutput(value)) return;
    const cluster = read.ref(value);
    if (cluster.kind === 'unresolved') {
      this.unresolvedOnce(base.id, use.cluster, cluster.expression, base.path);
      this.usesUnknownGroup(base.id, base.path, where());
    } else {
      this.outsideClusterGroup(describeRef(cluster), { resource: base.id, property: use.cluster, path: base.path, subnets: where() });
    }
  }

  /**
   * A resource of the output that runs in `subnets` with a security group the guard cannot read — one given by a value
   * known only at deploy time or after apply, or none where AWS documents no fallback (`occupants.ts`
   * `NO_DOCUMENTED_FALLBACK`) — reported by its extractor (GUARD-1): it may be any group, one outside the output with any
   * rules, so it counts as a group open to all traffic both ways in each VPC of those subnets (`addImplicitNodes`).
   */
  public usesUnknownGroup(resource: string, path: string | undefined, subnets: readonly Ref[]): void {
    this.unknownGroupUsers.push({ resource, subnets, ...(path !== undefined ? { path } : {}) });
  }

  /**
   * A resource of `occupants.ts` `NO_DOCUMENTED_FALLBACK` that names no security group in `property`: reported (GUARD-1),
   * and read as running with a group open to all traffic (`usesUnknownGroup`, by its extractor).
   */
  public namesNoGroup(node: string, property: string, path?: string): void {
    this.unresolvedValue(node, property, 'it names no security group, and AWS documents no group that this resource type gets then (the VPC\'s default '
      + 'group, or one of the service\'s own, with rules no template shows): read as a group open to all traffic both ways',
    `name a security group of the output in ${property}, so that the guard reads its rules`, undefined, path);
  }

  /** `unresolvedValue`, unless the value is reported at `node` already (its reader read it, with the same reason). */
  public unresolvedOnce(node: string, property: string, reason: string, path?: string): void {
    if (this.unresolved.some((u) => u.node === node && u.reason === reason)) return;
    this.unresolvedValue(node, property, reason, undefined, undefined, path);
  }

  /** Terraform manages a VPC's default NACL: its entries are the listed ones only. */
  public replaceDefaultAcl(acl: Ref): void {
    if (acl.kind === 'node') this.replacedDefaultAcls.add(acl.id);
  }

  /** A DNS Firewall rule given as its own resource (Terraform), added to its rule group. */
  public dnsRule(group: Ref, rule: DnsRuleGroupNode['rules'][number]): void {
    this.pendingDnsRules.push({ group, rule });
  }

  /**
   * A network ACL entry, added to its ACL. Its direction, action and rule number as written: one the guard cannot read at
   * synth time (a parameter, a variable) is unresolved, and the entry is over-approximated meanwhile (docs/guard-semantics.md
   * §6): an `allow` of unknown direction holds in both, of unknown number comes first; a `deny` of unknown direction or
   * number matches nothing; an unknown action allows.
   */
  public aclEntry(acl: Ref, input: AclEntryInput, source: string): void {
    const { egress: rawEgress, action: rawAction, ruleNumber: rawNumber, names, ports, ...rest } = input;
    const unreadable = (property: string, value: unknown, what: string) => this.unresolvedValue(source, property,
      `${JSON.stringify(value)} cannot be read at synth time: the entry's ${what} decides what the NACL lets through`,
      `write the ${what} of the entry as a literal`);
    const egress = aclFlag(rawEgress);
    const literalAction = typeof rawAction === 'string' ? rawAction.toLowerCase() : undefined;
    const action = literalAction === 'allow' || literalAction === 'deny' ? literalAction : undefined;
    const ruleNumber = typeof rawNumber === 'number' ? rawNumber : typeof rawNumber === 'string' && /^\d+$/.test(rawNumber) ? Number(rawNumber) : undefined;
    if (egress === undefined) unreadable(names.egress, rawEgress, 'direction');
    if (action === undefined) unreadable(names.action, rawAction, 'action');
    if (ruleNumber === undefined) unreadable(names.ruleNumber, rawNumber, 'rule number');
    // A port given that is no literal number (a TCP / UDP entry's range decides; other protocols' are ignored by AWS).
    const unreadPorts = (ports ?? []).filter(([, v]) => v !== undefined && v !== null && v !== '' && port(v) === undefined);
    for (const [property, value] of unreadPorts) unreadable(property, value, 'port range');
    const allow = action !== 'deny';
    if (!allow && (egress === undefined || ruleNumber === undefined)) return;
    const portsUnknown = unreadPorts.length > 0 ? { portsUnknown: true } : {};
    for (const e of egress === undefined ? [false, true] : [egress]) {
      this.pendingAclEntries.push({ acl, entry: { ...rest, ...portsUnknown, ruleNumber: ruleNumber ?? 0, egress: e, action: allow ? 'allow' : 'deny' }, source });
    }
  }

  /**
   * A security group associated with another VPC (`AWS::EC2::SecurityGroupVpcAssociation`,
   * `aws_vpc_security_group_vpc_association`): instances of that VPC may use it, with its rules. The association becomes
   * a group of that VPC with the group's rules (inline and separate), which the rules judge as any group of the VPC.
   */
  public securityGroupVpcAssociation(group: Ref, vpc: Ref, base: Omit<NodeBase, 'type'>, property: string): void {
    this.pendingGroupVpcs.push({ group, vpc, base, property });
  }

  /** A subnet's association with a network ACL (a subnet has exactly one). */
  public aclAssociation(acl: Ref, subnet: Ref, source: string, property: string): void {
    this.pendingAclAssociations.push({ acl, subnet, source, property });
  }

  public build(): TopologyGraph {
    this.addTransitAttachments();
    this.addImplicitNodes();
    this.applyBlocks();
    this.applySubnetBlocks();
    const table = (ref: Ref, what: string, source: string): RouteTableNode | undefined => {
      const node = ref.kind === 'node' ? this.nodes.get(ref.id) : undefined;
      if (node?.type === 'route-table') return node;
      this.unresolvedValue(source, what, `route table ${describeRef(ref)} is not in the synthesized output`);
      return undefined;
    };
    for (const { table: t, edge } of this.pendingRoutes) table(t, 'RouteTableId', edge.source)?.routes.push(edge);
    for (const { table: t, subnet } of this.pendingAssociations) {
      if (subnet.kind === 'node') table(t, 'RouteTableId', subnet.id)?.subnets.push(subnet.id);
    }
    for (const { subnet, source, property } of [...this.pendingAssociations, ...this.pendingAclAssociations]) {
      // A subnet the output does not hold, named by its id: the table or ACL decides its traffic, which the guard does not
      // follow (its addresses are unknown). A value the guard cannot resolve is reported where it is read (`noted`).
      if (subnet.kind === 'external') {
        this.unresolvedValue(source, property, `subnet ${describeRef(subnet)} is not in the synthesized output, and the guard does not follow its traffic`);
      }
    }
    for (const { table: t, endpoint } of this.pendingGatewayEndpoints) table(t, 'RouteTableIds', endpoint)?.gatewayEndpoints.push(endpoint);
    for (const { endpoint, policy, source } of this.pendingEndpointPolicies) {
      const node = endpoint.kind === 'node' ? this.nodes.get(endpoint.id) : undefined;
      if (node?.type !== 'vpc-endpoint') continue;
      if (node.policy !== undefined) {
        this.unresolvedValue(source, 'policy', `the endpoint ${node.id} has a policy of its own too, and terraform writes one over the other on each apply: `
          + 'which policy the endpoint has is not what the configuration shows', 'give the endpoint its policy in one place: its policy argument or one aws_vpc_endpoint_policy');
      }
      (node as { policy?: EndpointPolicy }).policy = policy;
    }
    for (const { table: t, apply } of this.pendingTransit) {
      const node = t.kind === 'node' ? this.nodes.get(t.id) : undefined;
      if (node?.type === 'transit-route-table') apply(node);
      else this.unresolvedValue(describeRef(t), 'TransitGatewayRouteTableId', `transit gateway route table ${describeRef(t)} is not in the synthesized output`);
    }
    for (const { gateway, vpc, outside } of this.pendingAttachments) {
      const node = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      if (node?.type === 'internet-gateway' || node?.type === 'egress-only-internet-gateway' || node?.type === 'vpn-gateway') node.vpcs.push(vpc);
      else if (gateway.kind === 'external' && outside && vpc.kind === 'node' && this.nodes.get(vpc.id)?.type === 'vpc') this.outsideGateway(gateway.value, vpc, outside);
    }
    for (const { gateway, zone } of this.pendingVpnZones) {
      const node = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      if (node?.type === 'vpn-gateway') node.zones.push(zone);
    }
    // Only a VPN gateway's ingress routing matters: the guard walks in from labelled VPN gateways, not from the internet.
    for (const { table: t, gateway, source } of this.pendingEdgeAssociations) {
      const node = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      if (node?.type === 'vpn-gateway' && table(t, 'RouteTableId', source) && t.kind === 'node') node.ingressTables.push(t.id);
    }
    for (const { vpc, table: t, source } of this.pendingMainTables) {
      const node = vpc.kind === 'node' ? this.nodes.get(vpc.id) : undefined;
      if (node?.type === 'vpc' && table(t, 'route_table_id', source)) node.mainRouteTables.push(t);
      else if (node?.type !== 'vpc') this.unresolvedValue(source, 'vpc_id', `VPC ${describeRef(vpc)} is not in the synthesized output`);
    }
    this.addOutsideSubnets();
    for (const { group, rule } of this.pendingDnsRules) {
      const node = group.kind === 'node' ? this.nodes.get(group.id) : undefined;
      if (node?.type === 'dns-rule-group') node.rules.push(rule);
      else this.unresolvedValue(describeRef(group), 'firewall_rule_group_id', `DNS Firewall rule group ${describeRef(group)} is not in the synthesized output`);
    }
    const acl = (ref: Ref, source: string) => {
      const node = ref.kind === 'node' ? this.nodes.get(ref.id) : undefined;
      if (node?.type === 'network-acl') return node;
      this.unresolvedValue(source, 'NetworkAclId', `network ACL ${describeRef(ref)} is not in the synthesized output`);
      return undefined;
    };
    for (const { acl: a, entry, source } of this.pendingAclEntries) acl(a, source)?.entries.push(entry);
    for (const { acl: a, subnet, source } of this.pendingAclAssociations) {
      if (subnet.kind === 'node') acl(a, source)?.subnets.push(subnet.id);
    }
    this.applyPolicyTables();
    this.applyAccepters();
    this.applyTransitDefaults();
    const launched = launchBridges(this.pendingTemplates, this.pendingLaunchers);
    // Launch templates' role labels, at what launches them (semantics §3, §7).
    const ownRole = (node: string) => {
      const own = this.nodes.get(`${node}#role`);
      return own?.type === 'role-label' ? own.role : undefined;
    };
    for (const label of launchedLabels(this.pendingTemplates, this.pendingLaunchers, ownRole,
      (node, property, reason, fix, rule, path) => this.unresolvedValue(node, property, reason, fix, rule, path))) this.add(label);
    const bridges = [...this.pendingBridges, ...launched, ...gatewayBridges(this.nodes, this.engine)].map((b) => this.shownAs(b));
    resolveBridges(this.nodes, bridges,
      (node, property, reason, fix, rule, path) => this.unresolvedValue(node, property, reason, fix, rule, path));
    this.applyUnplaced();
    const unknownTypes = unknownOccupants(this.nodes, this.pendingUnknownTypes,
      (node, property, reason, fix, rule, path) => this.unresolvedValue(node, property, reason, fix, rule, path));
    this.applyLabels();
    this.applyGroupVpcs();
    this.checkIpv6Ambiguity();
    this.checkReferenceTypes();
    const ordered = new Map([...this.nodes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    // The bridges that let the internet in, wherever they attach (a launch template's public IP addresses at what launches
    // it): SC-3 judges those in the security cloud (bridges.ts `internetIngress`).
    const ingress = [...this.pendingBridges, ...launched, ...unknownTypes].map((b) => this.shownAs(b)).filter((b) => internetIngress(b) !== undefined)
      .map(({ node, type, path, attachments, bridged }) => ({
        node, type, ...(bridged !== undefined ? { bridged } : {}), ...(path !== undefined ? { path } : {}), attachments,
      }))
      .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    return { engine: this.engine, nodes: ordered, unresolved: [...this.unresolved], ...(ingress.length > 0 ? { ingress } : {}) };
  }

  /** A security group associated with another VPC: a group of that VPC with the same rules (`securityGroupVpcAssociation`). */
  private applyGroupVpcs(): void {
    for (const { group, vpc, base, property } of this.pendingGroupVpcs) {
      const node = group.kind === 'node' ? this.nodes.get(group.id) : undefined;
      if (node?.type !== 'security-group') {
        if (group.kind !== 'unresolved') {
          this.unresolvedValue(base.id, property, `security group ${describeRef(group)} is not in the synthesized output: its rules, which the VPC it is `
            + 'associated with may use, cannot be read');
        }
        continue;
      }
      const separate = [...this.nodes.values()]
        .filter((n): n is SecurityGroupRuleNode => n.type === 'security-group-rule' && n.group.kind === 'node' && n.group.id === node.id);
      const rules = (egress: boolean) => [
        ...(egress ? node.egress : node.ingress),
        ...separate.filter((r) => r.egress === egress).map((r) => r.rule),
      ];
      // The group's own labels (jichitai:host, a role): the same group, used in another VPC. Rules that name the group as
      // their peer find its VPCs through `associationOf` (`groupVpcs`).
      this.add({
        ...base, tags: node.tags, type: 'security-group', vpc, ingress: rules(false), egress: rules(true), associationOf: node.id,
      } satisfies SecurityGroupNode);
      // A role (PL-1) holds for the group's members in that VPC too.
      const role = this.nodes.get(`${node.id}#role`);
      if (role?.type === 'role-label') this.add({ ...role, id: `${base.id}#role`, path: base.path, resource: base.id, vpc, subnets: [] });
    }
  }

  /**
   * The subnets of a VPC that the output does not hold use its main route table (semantics §2): one subnet node stands
   * for them (`SubnetNode.outside`) where that table routes anywhere but inside the VPC (a route, a gateway endpoint), so
   * that the rules follow those routes too, and where the VPC has addresses no subnet of the output holds, so that what
   * another VPC routes there arrives (a subnet created there later receives it) instead of being dropped, and where a
   * block of the VPC cannot be read (its free addresses are unknown: specific communication counts them reached whole,
   * §10). Without it a
   * route no subnet of the output used was never followed, and a route into the VPC's free addresses never arrived.
   */
  private addOutsideSubnets(): void {
    const held = new Map<string, Prefix[]>();
    for (const s of this.nodes.values()) {
      if (s.type !== 'subnet' || s.vpc.kind !== 'node') continue;
      // Only the blocks the guard reads: a subnet with an unread block holds its VPC's (reachability) but the outside
      // subnets still hold what the read ones leave, as Reachability.placeOutside computes it.
      for (const c of [s.cidr, s.ipv6Cidr]) {
        const p = parsePrefix(c);
        if (p) (held.get(s.vpc.id) ?? held.set(s.vpc.id, []).get(s.vpc.id)!).push(p);
      }
    }
    for (const vpc of [...this.nodes.values()].filter((n): n is VpcNode => n.type === 'vpc')) {
      const mains = [implicitId.mainRouteTable(vpc.id), ...vpc.mainRouteTables.map((r) => (r.kind === 'node' ? r.id : ''))]
        .map((id) => this.nodes.get(id)).filter((t): t is RouteTableNode => t?.type === 'route-table');
      const routesOut = mains.some((t) => t.routes.length > 0 || t.gatewayEndpoints.length > 0);
      const free = vpc.cidrs.some((c) => {
        const block = parsePrefix(c);
        return block !== undefined && !coveredBy(block, held.get(vpc.id) ?? []);
      });
      if (!routesOut && !free && !vpc.unreadBlock) continue;
      this.add({
        id: implicitId.outsideSubnets(vpc.id),
        path: vpc.path ? `${vpc.path}/(subnets outside the output)` : undefined,
        tags: {},
        type: 'subnet',
        vpc: { kind: 'node', id: vpc.id },
        mapPublicIpOnLaunch: false,
        outside: true,
      } satisfies SubnetNode);
    }
  }

  /**
   * What AWS creates with every VPC and transit gateway, and templates can only refer to: the main route table (local
   * routes only, unless Terraform's `aws_default_route_table` gives it routes), the default NACL (allow all, IPv4 and
   * IPv6, unless Terraform replaces its entries), the default security group (only the rules the template adds are
   * known), and the transit gateway's default route table (docs/guard-semantics.md §4–§6).
   */
  private addImplicitNodes(): void {
    this.addServiceGroups();
    this.applyMemberships();
    // Instances launched from templates that name no group, by launchers that name none (bridges.ts `launchedDefaultGroup`).
    for (const subnet of launchedDefaultGroup(this.pendingTemplates, this.pendingLaunchers)) this.usesDefaultGroup(subnet);
    // The VPCs whose default group an instance of the output uses (`usesDefaultGroup`).
    const defaultGroupVpcs = new Set<string>();
    for (const s of this.defaultGroupUsers) {
      const subnet = s.kind === 'node' ? this.nodes.get(s.id) : undefined;
      if (subnet?.type === 'subnet' && subnet.vpc.kind === 'node') defaultGroupVpcs.add(subnet.vpc.id);
    }
    for (const vpc of [...this.nodes.values()].filter((n): n is VpcNode => n.type === 'vpc')) {
      const self: Ref = { kind: 'node', id: vpc.id };
      const base = { path: vpc.path ? `${vpc.path}/(implicit)` : undefined, tags: {} };
      const main = implicitId.mainRouteTable(vpc.id);
      if (!this.nodes.has(main)) this.add({ ...base, id: main, type: 'route-table', vpc: self, main: true, routes: [], subnets: [], gatewayEndpoints: [] });
      const acl = implicitId.defaultNetworkAcl(vpc.id);
      if (!this.nodes.has(acl)) {
        // EC2's default NACL: rule 100 allows all IPv4, rule 101 all IPv6, both ways.
        const entries = this.replacedDefaultAcls.has(acl) ? [] : [false, true].flatMap((egress) => [
          { ruleNumber: 100, egress, action: 'allow' as const, protocol: '-1', cidr: '0.0.0.0/0' },
          { ruleNumber: 101, egress, action: 'allow' as const, protocol: '-1', cidr: '::/0' },
        ]);
        this.add({ ...base, id: acl, type: 'network-acl', vpc: self, default: true, subnets: [], entries } satisfies NetworkAclNode);
      }
      const sg = implicitId.defaultSecurityGroup(vpc.id);
      // EC2's rules of a default group (Amazon VPC User Guide, "Default security groups for your VPCs": all inbound from
      // the group itself, all outbound), when an instance of the output uses the group and Terraform does not take it over.
      const used = !this.replacedDefaultGroups.has(sg) && (defaultGroupVpcs.has(vpc.id) || this.namedGroups.has(sg));
      const ingress = used ? [{ protocol: '-1', peerGroup: { kind: 'node', id: sg } as Ref }] : [];
      // IPv6 too: an Amazon-provided block is added later (`applyBlocks`), and ::/0 only widens.
      const egress = used ? [{ protocol: '-1', cidr: '0.0.0.0/0' }, { protocol: '-1', cidr: '::/0' }] : [];
      if (!this.nodes.has(sg)) this.add({ ...base, id: sg, type: 'security-group', vpc: self, default: true, ingress, egress } satisfies SecurityGroupNode);
    }
    this.addUnknownGroups();
    for (const tgw of [...this.nodes.values()].filter((n): n is TransitGatewayNode => n.type === 'transit-gateway')) {
      const id = implicitId.defaultTransitRouteTable(tgw.id);
      if (!this.nodes.has(id)) {
        this.add({
          id,
          path: tgw.path ? `${tgw.path}/(default route table)` : undefined,
          tags: {},
          type: 'transit-route-table',
          default: true,
          transitGateway: { kind: 'node', id: tgw.id },
          associations: [],
          propagations: [],
          routes: [],
        } satisfies TransitRouteTableNode);
      }
    }
  }

  /**
   * The groups the guard cannot read that resources of the output run with (`usesUnknownGroup`): one per resource and VPC
   * of its subnets, at the resource, open to all traffic both ways (IPv4 and IPv6), as a group outside the output may be.
   * Named `<resource>#unknown-security-group`, with the VPC after it where the resource runs in more than one. A launch
   * template's or launch configuration's is where its launchers run what it launches, besides its own interfaces' subnets.
   */
  private addUnknownGroups(): void {
    for (const { resource, path, subnets } of this.unknownGroupUsers) {
      const vpcs = new Set<string>();
      // A launch template's or configuration's group runs where its launchers run its instances (bridges.ts `launchedPlaces`).
      for (const s of [...subnets, ...launchedPlaces(this.pendingTemplates, this.pendingLaunchers, resource)]) {
        const subnet = s.kind === 'node' ? this.nodes.get(s.id) : undefined;
        if (subnet?.type === 'subnet' && subnet.vpc.kind === 'node') vpcs.add(subnet.vpc.id);
      }
      for (const vpc of [...vpcs].sort(compareText)) {
        const id = vpcs.size === 1 ? `${resource}#unknown-security-group` : `${resource}#unknown-security-group(${vpc})`;
        if (this.nodes.has(id)) continue;
        const all = () => [{ protocol: '-1', cidr: '0.0.0.0/0' }, { protocol: '-1', cidr: '::/0' }];
        this.add({ id, ...(path !== undefined ? { path } : {}), tags: {}, type: 'security-group', vpc: { kind: 'node', id: vpc }, ingress: all(), egress: all() } satisfies SecurityGroupNode);
      }
    }
  }

  /** VPC address blocks; Amazon-provided IPv6 blocks get symbolic /56s inside 2000::/3, one per block, in id order. */
  private applyBlocks(): void {
    let symbolic = 0;
    const pending = [...this.pendingBlocks].sort((a, b) => compareText(describeRef(a.vpc), describeRef(b.vpc)) || compareText(a.source, b.source));
    for (const { vpc, block, source, property } of pending) {
      const node = vpc.kind === 'node' ? this.nodes.get(vpc.id) : undefined;
      if (node?.type !== 'vpc') {
        this.unresolvedValue(source, property, `VPC ${describeRef(vpc)} is not in the synthesized output`);
        continue;
      }
      if (block.amazonIpv6) {
        const n = symbolic++;
        const text = `2600:1f00:${(0xf000 + Math.floor(n / 256)).toString(16)}:${((n % 256) * 256).toString(16)}::/56`;
        node.cidrs.push(text);
        node.symbolicIpv6.push(text);
      } else if (typeof block.cidr === 'string' && parsePrefix(block.cidr)) {
        if (!node.cidrs.includes(block.cidr)) node.cidrs.push(block.cidr);
      } else {
        this.unresolvedValue(source, property, `${JSON.stringify(block.cidr)} is not an address block the guard can read`);
        // Where the VPC's subnets outside the output lie is then unknown (semantics §2): they count as reached whole.
        (node as { unreadBlock?: boolean }).unreadBlock = true;
      }
    }
  }

  /**
   * IPv6 blocks given to subnets by their own resources. A literal block is the subnet's (it has no other); one the
   * guard cannot read (an IPAM pool, `Fn::Cidr`), or a second one, may be anywhere in the VPC's IPv6 space (semantics §3).
   * Unread, the subnet would hold no IPv6 address, and what the VPC delivers there would count as dropped.
   */
  private applySubnetBlocks(): void {
    for (const { subnet, cidr, source } of this.pendingSubnetBlocks) {
      const node = subnet.kind === 'node' ? this.nodes.get(subnet.id) : undefined;
      if (node?.type !== 'subnet') {
        this.unresolvedValue(source, 'SubnetId', `subnet ${describeRef(subnet)} is not in the synthesized output`);
        continue;
      }
      const literal = typeof cidr === 'string' && parsePrefix(cidr)?.family === 6 ? cidr : undefined;
      const first = literal && node.ipv6Cidr === undefined && !node.ipv6FromVpc;
      this.nodes.set(node.id, first ? { ...node, ipv6Cidr: literal } : { ...node, ipv6FromVpc: true });
    }
  }

  /**
   * The attachments that resources other than an attachment make (Direct Connect gateway associations with a transit
   * gateway, accepters of attachments the output does not hold), and the default tables named by resources of their own.
   */
  private addTransitAttachments(): void {
    for (const { node, gateway, property } of this.pendingDirectConnect) {
      const target = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      const literal = gateway.kind === 'external' && /^tgw-/.test(gateway.value);
      if (target?.type === 'transit-gateway' || literal) {
        this.add({ ...node, type: 'transit-attachment', kind: 'direct-connect', transitGateway: gateway, subnets: [] } satisfies TransitAttachmentNode);
      } else if (target?.type === 'vpn-gateway') {
        target.directConnect.push(node.id);
      } else if (gateway.kind !== 'unresolved' && !(gateway.kind === 'external' && /^vgw-/.test(gateway.value))) {
        // (An unresolved reference is reported where it was read.)
        this.unresolvedValue(node.id, property ?? (this.engine === 'terraform' ? 'associated_gateway_id' : 'AssociatedGatewayId'), `gateway ${describeRef(gateway)} is neither a transit gateway nor a VPN gateway the guard can place`,
          'associate the Direct Connect gateway with a transit gateway or VPN gateway of the same app, or by its literal id');
      }
    }
    for (const { node, attachment, kind, switches } of this.pendingAccepters) {
      const target = attachment.kind === 'node' ? this.nodes.get(attachment.id) : undefined;
      if (target?.type === 'transit-attachment') continue;
      if (target) {
        this.unresolvedValue(node.id, 'transit_gateway_attachment_id', `${describeRef(attachment)} is a ${target.type}, not a transit-attachment`,
          'accept a transit gateway attachment (its id)');
        continue;
      }
      this.add({
        ...node,
        type: 'transit-attachment',
        kind,
        transitGateway: { kind: 'external', value: 'known after apply' },
        gatewayUnknown: true,
        subnets: [],
        ...(switches.defaultAssociation !== undefined ? { defaultAssociation: switches.defaultAssociation } : {}),
        ...(switches.defaultPropagation !== undefined ? { defaultPropagation: switches.defaultPropagation } : {}),
      } satisfies TransitAttachmentNode);
    }
    // One stand-in per shared gateway whose default tables take attachments in (a gateway without them takes another
    // account's attachment only where a table of the output associates it by id, which the guard reads as such).
    for (const { gateway, by } of this.pendingShares) {
      const tgw = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      const id = `${gateway.kind === 'node' ? gateway.id : ''}#shared-attachments`;
      if (tgw?.type !== 'transit-gateway' || this.nodes.has(id) || !(tgw.defaultRouteTableAssociation || tgw.defaultRouteTablePropagation)) continue;
      this.add({
        id,
        path: tgw.path ? `${tgw.path}/(attachments of the accounts it is shared with)` : undefined,
        tags: {},
        type: 'transit-attachment',
        kind: 'vpc',
        transitGateway: gateway,
        subnets: [],
        sharedBy: by,
      } satisfies TransitAttachmentNode);
    }
    for (const { gateway, table, which, source } of this.pendingDefaultTables) {
      const node = gateway.kind === 'node' ? this.nodes.get(gateway.id) : undefined;
      if (node?.type !== 'transit-gateway') {
        this.unresolvedValue(source, 'transit_gateway_id', `transit gateway ${describeRef(gateway)} is not in the synthesized output`);
        continue;
      }
      this.nodes.set(node.id, which === 'association' ? { ...node, associationDefaultRouteTable: table } : { ...node, propagationDefaultRouteTable: table });
    }
  }

  /**
   * An accepter of an attachment the output holds stands for that attachment: what names the accepter (an association,
   * a propagation, a route) names the attachment, and the accepter's default-table switches are the attachment's.
   */
  private applyAccepters(): void {
    const alias = new Map<string, string>();
    for (const { node, attachment, switches } of this.pendingAccepters) {
      const target = attachment.kind === 'node' ? this.nodes.get(attachment.id) : undefined;
      if (target?.type !== 'transit-attachment') continue;
      alias.set(node.id, target.id);
      this.nodes.set(target.id, {
        ...target,
        ...(switches.defaultAssociation !== undefined ? { defaultAssociation: switches.defaultAssociation } : {}),
        ...(switches.defaultPropagation !== undefined ? { defaultPropagation: switches.defaultPropagation } : {}),
      });
    }
    if (alias.size === 0) return;
    const to = (r: Ref): Ref => (r.kind === 'node' && alias.has(r.id) ? { kind: 'node', id: alias.get(r.id)! } : r);
    for (const n of [...this.nodes.values()]) {
      if (n.type !== 'transit-route-table') continue;
      n.associations.splice(0, n.associations.length, ...n.associations.map(to));
      n.propagations.splice(0, n.propagations.length, ...n.propagations.map(to));
      n.routes.splice(0, n.routes.length, ...n.routes.map((r) => (r.attachment ? { ...r, attachment: to(r.attachment) } : r)));
    }
  }

  /**
   * An attachment on a policy table is routed by the route tables its entries choose: associated with each of them (their
   * match criteria — addresses, ports, protocol — are left out: more traffic, never less). Entries that are not all in the
   * output (Terraform's provider has no resource for them; a route table outside the output; a policy table the guard
   * cannot name) may choose any route table of the gateway: associated with every one of them, and unresolved (GUARD-1).
   */
  private applyPolicyTables(): void {
    const tables = [...this.nodes.values()].filter((n): n is TransitRouteTableNode => n.type === 'transit-route-table');
    for (const { attachment, policyTable, source, property } of this.pendingPolicyAssociations) {
      const entries = policyTable.kind === 'node' ? this.pendingPolicyEntries.filter((e) => e.policyTable.kind === 'node' && e.policyTable.id === policyTable.id) : [];
      const chosen = entries.map((e) => (e.target.kind === 'node' ? this.nodes.get(e.target.id) : undefined));
      if (entries.length > 0 && chosen.every((t) => t?.type === 'transit-route-table')) {
        for (const t of chosen as TransitRouteTableNode[]) t.associations.push(attachment);
        continue;
      }
      this.unresolvedValue(source, property, `the attachment is routed by transit gateway policy table ${describeRef(policyTable)}, whose entries are not all in the `
        + 'synthesized output: any route table of the gateway may route its traffic', 'give every entry of the policy table in the output '
        + '(AWS::EC2::TransitGatewayPolicyTableEntry), or associate the attachment with a route table instead');
      const node = attachment.kind === 'node' ? this.nodes.get(attachment.id) : undefined;
      const gateway = node?.type === 'transit-attachment' && !node.gatewayUnknown ? node.transitGateway : undefined;
      for (const t of tables) {
        if (gateway === undefined || (gateway.kind === 'node' && t.transitGateway.kind === 'node' && t.transitGateway.id === gateway.id)) t.associations.push(attachment);
      }
    }
  }

  /**
   * The transit gateway's default route tables as AWS applies them: an attachment without an explicit association is
   * associated with the default association table, and every attachment propagates into the default propagation table,
   * when the gateway (and, in Terraform, the attachment) leaves those defaults on.
   */
  private applyTransitDefaults(): void {
    const tables = [...this.nodes.values()].filter((n): n is TransitRouteTableNode => n.type === 'transit-route-table');
    const associated = new Set(tables.flatMap((t) => t.associations.filter((a) => a.kind === 'node').map((a) => (a as { id: string }).id)));
    const attachments = [...this.nodes.values()].filter((n): n is TransitAttachmentNode => n.type === 'transit-attachment');
    for (const tgw of [...this.nodes.values()].filter((n): n is TransitGatewayNode => n.type === 'transit-gateway')) {
      const defaultTable = (named: Ref | undefined): TransitRouteTableNode | undefined => {
        const node = named?.kind === 'node' ? this.nodes.get(named.id) : this.nodes.get(implicitId.defaultTransitRouteTable(tgw.id));
        return node?.type === 'transit-route-table' ? node : undefined;
      };
      // An attachment whose gateway is known only after apply may be on any gateway of the output (fail closed).
      const mine = attachments.filter((a) => a.gatewayUnknown || (a.transitGateway.kind === 'node' && a.transitGateway.id === tgw.id));
      const association = defaultTable(tgw.associationDefaultRouteTable);
      if (tgw.defaultRouteTableAssociation && association) {
        for (const a of mine) if (!associated.has(a.id) && a.defaultAssociation !== false) association.associations.push({ kind: 'node', id: a.id });
      }
      const propagation = defaultTable(tgw.propagationDefaultRouteTable);
      if (tgw.defaultRouteTablePropagation && propagation) {
        for (const a of mine) {
          const already = propagation.propagations.some((p) => p.kind === 'node' && p.id === a.id);
          if (!already && a.defaultPropagation !== false && a.kind !== 'peering') propagation.propagations.push({ kind: 'node', id: a.id });
        }
      }
    }
  }

  /**
   * A reference that resolves to a node of the wrong type (a subnet whose VpcId names something that is not a VPC) would
   * silently drop that resource from every path: it is unresolved instead (fail closed).
   */
  private checkReferenceTypes(): void {
    const expect: Expect = (source, property, ref, ...types) => {
      if (ref?.kind !== 'node') return;
      const node = this.nodes.get(ref.id);
      if (node && !types.includes(node.type)) {
        this.unresolvedValue(source, property, `${ref.id} is a ${node.type}, not a ${types.join(' or ')}`, `refer to the ${types[0]} itself (its id)`);
      }
    };
    for (const n of this.nodes.values()) REFERENCE_CHECKS.get(n.type)?.(n, expect);
  }

  /**
   * A symbolic (Amazon-provided) IPv6 block is exact only if no literal IPv6 prefix could hold part of the space it
   * stands for: any literal inside 2000::/3 other than 2000::/3 itself makes the verdict depend on the address AWS
   * hands out, so the guard fails closed (docs/guard-semantics.md §3).
   */
  private checkIpv6Ambiguity(): void {
    const vpcs = [...this.nodes.values()].filter((n): n is VpcNode => n.type === 'vpc');
    if (!vpcs.some((v) => v.symbolicIpv6.length > 0)) return;
    const literals: { text: string; where: string }[] = [];
    for (const n of this.nodes.values()) {
      if (n.type === 'vpc') literals.push(...n.cidrs.filter((c) => !n.symbolicIpv6.includes(c)).map((text) => ({ text, where: n.id })));
      if (n.type === 'subnet' && n.ipv6Cidr) literals.push({ text: n.ipv6Cidr, where: n.id });
      if (n.type === 'route-table') literals.push(...n.routes.map((r) => ({ text: r.destination, where: r.source })));
      if (n.type === 'transit-route-table') literals.push(...n.routes.map((r) => ({ text: r.destination, where: r.source })));
      // A default NACL too: its implicit entries are ::/0 (never ambiguous), but entries added to it are read as any other.
      if (n.type === 'network-acl') literals.push(...n.entries.map((e) => ({ text: e.cidr ?? '', where: n.id })));
      // Security group rules too: a peer such as the region's Amazon pool may hold the block (outside auditor, red team 38).
      if (n.type === 'security-group') literals.push(...[...n.ingress, ...n.egress].map((r) => ({ text: r.cidr ?? '', where: n.id })));
      if (n.type === 'security-group-rule') literals.push({ text: n.rule.cidr ?? '', where: n.id });
    }
    for (const { text, where } of literals) {
      const p = parsePrefix(text);
      if (!p || p.family !== 6 || p.length === 0 || (p.lo <= GLOBAL_UNICAST_V6.lo && p.hi >= GLOBAL_UNICAST_V6.hi)) continue;
      if (p.hi < GLOBAL_UNICAST_V6.lo || p.lo > GLOBAL_UNICAST_V6.hi || p.lo < ALL_V6.lo) continue;
      this.unresolvedValue(where, 'IPv6 prefix',
        `${text} may or may not hold the Amazon-provided IPv6 block of ${vpcs.filter((v) => v.symbolicIpv6.length > 0).map((v) => v.id).join(', ')}, which is known only after deployment`,
        'give the VPC a literal IPv6 block (IPAM / BYOIP), or use only ::/0 in routes, NACL entries and security group rules');
    }
  }
}

/** The bucket's ARN of an S3 object ARN (`arn:aws:s3:::bucket/members/131016/`): an object or prefix names its bucket. */
function s3BucketArnOf(value: string): string | undefined {
  const m = /^(arn:[a-z-]+:s3:::[^/]+)\/.*$/.exec(value);
  return m ? m[1] : undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A literal string, or undefined: a CloudFormation dynamic reference (`isDynamicReference`) is none. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && !isDynamicReference(v) ? v : undefined;
}

/** `ENABLED` / `DISABLED` as a boolean; anything else (a reference, a typo) is unreadable. */
export function failOpenOf(value: unknown): boolean | undefined {
  return value === 'ENABLED' ? true : value === 'DISABLED' ? false : undefined;
}

/**
 * A log group's retention in days: undefined when absent (CloudWatch Logs keeps the events forever: CloudFormation's
 * `RetentionInDays` and Terraform's `retention_in_days`, whose `0` means the same:
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#retention_in_days);
 * `unknown` when not a literal whole number (a reference, a variable: known only at deploy time).
 */
export function retentionOf(value: unknown, zeroKeepsForever: boolean): number | 'unknown' | undefined {
  if (value === undefined || value === null) return undefined;
  const days = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(days) || days < 0) return 'unknown';
  return days === 0 && zeroKeepsForever ? undefined : days;
}

/** A literal IPv4 address (dotted quad), else undefined: a reference or interpolation cannot be judged. */
export function literalIp(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{1,3}(\.\d{1,3}){3}$/.test(value) ? value : undefined;
}

/** A network ACL entry as an engine reads it: direction, action and rule number as written, with their property names. */
export interface AclEntryInput extends Omit<NetworkAclEntry, 'ruleNumber' | 'egress' | 'action' | 'portsUnknown'> {
  /** The port range as written (`[property, value]`): one given that is not a literal number is unresolved. */
  readonly ports?: readonly (readonly [string, unknown])[];
  readonly ruleNumber: unknown;
  /** Absent: inbound (both engines' default). */
  readonly egress: unknown;
  readonly action: unknown;
  /** The engine's names of the three properties, for the unresolved value. */
  readonly names: { readonly ruleNumber: string; readonly egress: string; readonly action: string };
}

/** A port (or ICMP type/code) given as a number or a numeric string, else undefined (both readers read them so). */
export function port(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** A NACL entry's direction: absent is inbound; anything but a literal boolean is unknown. */
function aclFlag(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === false || v === 'false') return false;
  return v === true || v === 'true' ? true : undefined;
}
