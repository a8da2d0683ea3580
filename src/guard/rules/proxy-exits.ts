import { parsePrefix, Prefix } from '../address-space';
import { proxyConfigs, SquidConf } from './breakout-controls';
import { outOrUnknown, pathFindings } from './paths';
import { proxyClients, proxyLaunchers, proxySubnets } from './proxy-clients';
import { CloudServiceCatalogue } from '../../model/catalogue';
import { Segment } from '../../model/segment';
import { DeclaredSegmentHost } from '../declared';
import { AutoScalingGroupNode, SubnetNode, TopologyGraph, UserDataNode } from '../graph';
import { Box, makeBox } from '../header-set';
import { Arrival, Reachability } from '../reachability';
import { bi, Bilingual, Finding, GuardContext, GuardRule } from '../rule';
import { declaredHostIn, hostSubnetsIn, LOAD_BALANCERS, occupantsOf, SUBNET_ROLE_TAG } from '../topology';

/*
 * Where the α′ breakout's web traffic may leave LGWAN in cases イ/ウ (semantics §10, forward proxies): the proxy controls
 * (tenant headers, AP-3; downloads and sanitization, AP-6) hold only if every way out passes a proxy that applies them.
 * So the proxies that count are those that run where their traffic takes the breakout, every one of them must comply,
 * and no other LGWAN subnet has a way out, but to the meeting-media ranges the vendors list.
 */

/**
 * The resources that run forward proxies: a proxy instance itself, its launch template, and the Auto Scaling groups that
 * launch it — only those whose every template (mixed-instances overrides too) is a proxy's, at its latest version: an
 * override may boot anything, and a pinned version the data of an earlier deployment.
 */
export function proxyFleet(graph: TopologyGraph, proxies: readonly UserDataNode[]): Set<string> {
  const ids = new Set(proxies.map((p) => p.id));
  const onlyProxies = (a: AutoScalingGroupNode) => a.currentVersion && [a.launchTemplate, ...a.overrides].every((t) => t.kind === 'node' && ids.has(t.id));
  return new Set(proxies.flatMap((p) => [p.id, ...proxyLaunchers(graph, p).filter(onlyProxies).map((a) => a.id)]));
}

/** A proxy subnet's value of the subnet role tag. */
export const PROXY_SUBNET_ROLE = 'proxy';

/**
 * The subnets of `places` that are a forward proxy's own. A proxy's subnet holds the proxy only if it says so and
 * nothing says otherwise. Terminals and servers are no resources of the output (the hosts MunicipalNetwork declares
 * stand for them), so the absence of other occupants is no evidence: the subnet must be declared a proxy subnet (the role
 * tag MunicipalNetwork puts on it), no declared host of `segment` may overlap its block, and every occupant is the
 * proxies' fleet (`proxyFleet`) or a load balancer (which runs no code of its own). Every part's hosts of the check (not
 * the subnet's part's, `declaredAt`): a declared address says where a host is whoever declared it, and a host more only
 * takes a subnet out of the proxy's own (fail closed).
 */
export function proxyOnlyOf(ctx: GuardContext, places: Iterable<string>, fleet: ReadonlySet<string>, segment: Segment): Set<string> {
  const declared = declaredHostIn(ctx, segment);
  return new Set([...places].filter((id) => {
    const subnet = ctx.graph.nodes.get(id) as SubnetNode;
    return subnet.tags[SUBNET_ROLE_TAG] === PROXY_SUBNET_ROLE && !declared(subnet)
      && occupantsOf(ctx.graph, id).every((o) => fleet.has(o.resource) || LOAD_BALANCERS.has(o.resourceType));
  }));
}

/** What the proxy subnets and the ways around them are, for one set of declared hosts (`exits`). */
interface HostExits {
  readonly proxyOnly: Set<string>;
  around?: Arrival[];
}

/**
 * Per walk of the paths (a reachability), the answers below: several rules ask them. Which subnets are a proxy's own
 * reads the declared hosts (none may overlap one), and a prefecture's graph is walked once for the checks of every model
 * present, each with its own members' hosts (`checkParts`): those answers are kept per set of hosts, or a model's
 * check would take another's proxy subnets as its own members'.
 */
const EXITS = new WeakMap<Reachability, ProxyWalk>();

/** The proxies that relay to the breakout, and the answers per set of declared hosts (`EXITS`). */
interface ProxyWalk {
  readonly running: { node: UserDataNode; conf: SquidConf }[];
  readonly byHosts: WeakMap<object, HostExits>;
}

/** The key of "no hosts declared" (`GuardContext.hosts` undefined). */
const NO_HOSTS: readonly DeclaredSegmentHost[] = [];

function walkExits(ctx: GuardContext): ProxyWalk {
  let walk = EXITS.get(ctx.reach);
  if (!walk) {
    const running = proxyConfigs(ctx.graph).filter((c) => relaysToBreakout(ctx, c.node));
    EXITS.set(ctx.reach, walk = { running, byHosts: new WeakMap() });
  }
  return walk;
}

function exits(ctx: GuardContext): HostExits {
  const walk = walkExits(ctx);
  const hosts = ctx.hosts ?? NO_HOSTS;
  let out = walk.byHosts.get(hosts);
  if (!out) {
    const proxies = proxyClients(ctx.graph).map((c) => c.proxy);
    const places = new Set(proxies.flatMap((p) => proxySubnets(ctx.graph, p) ?? []).map((s) => s.id));
    const proxyOnly = proxyOnlyOf(ctx, places, proxyFleet(ctx.graph, proxies), Segment.LGWAN);
    walk.byHosts.set(hosts, out = { proxyOnly });
  }
  return out;
}

/** The LGWAN subnets that are a forward proxy's own and hold nothing besides the proxy and its load balancers. */
export function proxyOnlySubnets(ctx: GuardContext): ReadonlySet<string> {
  return exits(ctx).proxyOnly;
}

/**
 * Whether a proxy's relayed traffic can take the breakout: its instances' subnets reach the internet or a cloud service
 * (or a place the guard cannot follow) along a path through an LGWAN subnet — the α′ tenant proxy. A prefecture hub's
 * proxy in the same graph relays through the hub's own firewall and NAT. A proxy whose subnets the guard cannot read
 * may run anywhere, the breakout too (fail closed), and so may a launch template no Auto Scaling group launches.
 */
export function relaysToBreakout(ctx: GuardContext, proxy: UserDataNode): boolean {
  const isOut = outOrUnknown(ctx);
  const placed = proxySubnets(ctx.graph, proxy);
  return !placed || placed.some((s) => ctx.reach.arrivals(s.id).some((a) => isOut(a)
    && ctx.reach.hops(a).some((h) => ctx.graph.nodes.get(h.node)?.type === 'subnet' && ctx.reach.segmentOf(h.node) === Segment.LGWAN)));
}

/**
 * The Squid configurations of the proxies that relay to the breakout (`relaysToBreakout`): each of them must apply the
 * controls, since a terminal may be sent to any. One that nothing runs there (a prefecture hub's) does not vouch for them.
 */
export function breakoutProxyConfigs(ctx: GuardContext): readonly { node: UserDataNode; conf: SquidConf }[] {
  return walkExits(ctx).running;
}

/** The vendor-listed meeting-media ranges of the catalogue's services (UDP media, which no HTTP proxy carries). */
const MEDIA: readonly Prefix[] = CloudServiceCatalogue.all().flatMap((s) => s.media?.cidrs ?? []).map((c) => parsePrefix(c)!);

/** The packets of `box` bound outside the atom ranges `skip` (sorted, disjoint). */
function outside(box: Box, skip: readonly (readonly [number, number])[]): Box[] {
  const out: Box[] = [];
  let from = box.d0;
  for (const [a, b] of skip) {
    if (b < from || a > box.d1) continue;
    if (a > from) out.push(makeBox(from, a - 1, box.s0, box.s1, box.p, box.q0, box.q1));
    from = b + 1;
  }
  if (from <= box.d1) out.push(from === box.d0 ? box : makeBox(from, box.d1, box.s0, box.s1, box.p, box.q0, box.q1));
  return out;
}

/**
 * The ways out of LGWAN around the proxies, in cases イ/ウ: every path from an LGWAN subnet that is not a proxy's own
 * (`proxyOnlySubnets`) to the internet, the security cloud or a place the guard cannot follow, with the packets that
 * get there — but those bound for the meeting-media ranges the catalogue lists (Microsoft publishes its sign-in hosts
 * elsewhere, so no tenant header is at stake there). A firewall on the path is not counted on: its allow-list lets the
 * sign-in hosts through by name, whatever address a terminal sends them to.
 */
export function aroundTheProxy(ctx: GuardContext): readonly Arrival[] {
  const x = exits(ctx);
  if (!x.around) {
    const isOut = outOrUnknown(ctx);
    // Atoms of their own (the Reachability adds them), so that what lies outside them is a union of atoms.
    const media = MEDIA.map((p) => ctx.reach.atoms.range(p)).sort((a, b) => a[0] - b[0]);
    const around: Arrival[] = [];
    for (const subnet of hostSubnetsIn(ctx, Segment.LGWAN)) {
      if (x.proxyOnly.has(subnet.id)) continue;
      for (const a of ctx.reach.arrivals(subnet.id)) {
        if (!isOut(a)) continue;
        const headers = a.end.kind === 'internet' ? a.headers.flatMap((b) => outside(b, media)) : a.headers;
        if (headers.length > 0) around.push({ ...a, headers });
      }
    }
    x.around = around;
  }
  return x.around;
}

/**
 * AP-3's and AP-6's findings for the ways out around the proxies (`aroundTheProxy`): one per source subnet, naming the
 * control the path escapes (`control`: "the proxy's tenant headers").
 */
export function aroundTheProxyFindings(rule: GuardRule, ctx: GuardContext, control: Bilingual): Finding[] {
  return pathFindings(ctx, rule, aroundTheProxy(ctx),
    bi(`an LGWAN subnet that is not a forward proxy's own, around ${control.en},`, `フォワードプロキシ専用ではない LGWAN接続系のサブネットから、${control.ja}を通らずに`),
    bi('remove the way out: in cases イ/ウ LGWAN subnets reach cloud services only through the tenant-restriction proxy (breakout.tenantProxy), '
      + 'but for routes to the meeting-media ranges a catalogue service lists; a proxy\'s own subnet is tagged jichitai:subnet-role=proxy, overlaps no '
      + 'declared host and holds nothing but the proxy (booted at its template\'s latest version) and its load balancer',
    '外へ出る経路を外す。ケース（イ）（ウ）では、LGWAN接続系のサブネットはテナント制限のプロキシ（breakout.tenantProxy）を通ってだけクラウドサービスに届く'
      + '（カタログのサービスが挙げる Web 会議メディアの範囲へのルートは除く）。プロキシ専用のサブネットはタグ jichitai:subnet-role=proxy を持ち、宣言したホストと重ならず、'
      + 'プロキシ（テンプレートの最新バージョンで起動）とそのロードバランサーのほかに何も置かない'));
}
