import { Segment, SEGMENT_JA } from '../../model/segment';
import { ALL_V4, ALL_V6, parsePrefix, Prefix, prefixAt } from '../address-space';
import { DeclaredFlow, DeclaredHost } from '../declared';
import {
  deref, describeRef, FirewallNode, nodesOf, Ref, rulePeerText, rulesOf, SecurityGroupNode, SubnetNode, TopologyGraph, TransitAttachmentNode, VpcNode,
} from '../graph';
import { Box, intersect, MAX_PORT } from '../header-set';
import { jaDestinations, jaOrEn } from '../ja-engine';
import { oncePer } from '../memo';
import { Arrival, Drop, subtractAll } from '../reachability';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardContext, GuardRule, Severity, spaced } from '../rule';
import { nameOf, subnetsIn } from '../topology';
import { arrivalTraffic } from './alpha-prime';
import { FirewallVerdict, firewallVerdict } from './firewall-flows';

/**
 * The ports a reply goes to: the client's ephemeral ports, Linux's 32768–60999 and Windows's 49152–65535 together
 * (https://learn.microsoft.com/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang,
 * /proc/sys/net/ipv4/ip_local_port_range). A stateless NACL must let all of them back.
 */
const EPHEMERAL = { fromPort: 32768, toPort: MAX_PORT };

const SEGMENTS = new Set<string>(Object.values(Segment));

type Ports = DeclaredFlow['ports'];

/**
 * FLOW-1: every declared flow is open end to end in what was synthesized — the positive half of the communication
 * matrix (通信要件一覧): what is allowed works; the other rules prove everything else is closed. Each direction is traced
 * with the exact reachability (routes, transit gateway tables, blackholes, NACLs), each Network Firewall the path crosses
 * is judged on the flow's connection in that direction (firewall-flows.ts) and, where its stateful engine judges it, must be on both
 * directions' paths at one endpoint (`symmetryProblems`), and the hosts' security groups are read; a finding names the
 * hop that drops the flow.
 */
export const FLOW1: GuardRule = {
  id: 'FLOW-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '通信要件（特定通信・無害化・画面転送）',
  summary: 'Every declared flow is open end to end: its requests reach every address of the destination host on its ports and the replies come '
    + 'back (routes both ways, transit gateway tables, blackholes, NACLs), every Network Firewall on the way is shown to pass it (its stateless rules '
    + 'on each direction that crosses it, its stateful rules or default on the connection; a domain list, a content rule, a group the guard cannot read or the appliances '
    + 'behind a Gateway Load Balancer endpoint show nothing), one whose stateful engine judges the flow is on the reply\'s path too at the same endpoint '
    + '(Network Firewall does not support asymmetric routing: a transit gateway in front of it in appliance mode, one endpoint per firewall), '
    + 'and both hosts\' security groups allow it.',
  check(ctx) {
    const findings: Finding[] = [];
    // Every part's flows of the check (the union, not a place's part's `declaredAt`): each flow is proven open between
    // its own hosts' addresses and on the groups labelled as its hosts in the VPCs that hold them (`hostGroups`), so a
    // member's flow is checked at that member's places, and a flow only adds findings, never excuses one.
    for (const flow of ctx.flows ?? []) {
      let problems: Problem[] = [];
      // What surely arrives, by direction and by the client's and the server's blocks (`client|server`): the request's
      // and the reply's paths, for the firewalls whose stateful engine must see both (`symmetryProblems`).
      const reached = { request: new Map<string, Arrival[]>(), reply: new Map<string, Arrival[]>() };
      for (const direction of ['request', 'reply'] as const) {
        const [src, dst] = direction === 'request' ? [flow.from, flow.to] : [flow.to, flow.from];
        const ports: Ports = direction === 'request' ? flow.ports
          : [...new Set(flow.ports.map((p) => p.protocol))].map((protocol) => ({ protocol, ...EPHEMERAL }));
        for (const s of src.cidrs) {
          for (const d of dst.cidrs) {
            const arrivals: Arrival[] = [];
            // The replies' firewalls are judged knowing the request's paths (traced first): whether each meets the request too.
            const requests = direction === 'reply' ? reached.request.get(`${d}|${s}`) ?? [] : undefined;
            problems.push(...traceDirection(ctx, direction, src, s, dst, d, ports, flow.ports, arrivals, requests));
            reached[direction].set(direction === 'request' ? `${s}|${d}` : `${d}|${s}`, arrivals);
          }
        }
      }
      for (const [pair, requests] of reached.request) problems.push(...symmetryProblems(ctx, requests, reached.reply.get(pair) ?? [], flow.ports));
      problems.push(...groupProblems(ctx, flow));
      if (problems.length === 0) continue;
      // A firewall's verdict is on the whole connection: each is said once, whichever blocks and direction met it.
      const said = new Set<string>();
      problems = problems.filter((p) => {
        if (!p.firewall) return true;
        if (said.has(p.text.en)) return false;
        said.add(p.text.en);
        return true;
      });
      const fixes = (lang: 'en' | 'ja') => `${problems.some((p) => p.unread) ? UNREAD_FIX[lang] : ''}${problems.some((p) => p.tie) ? TIE_FIX[lang] : ''}`
        + `${problems.some((p) => p.firewall && !p.asymmetric) ? FIREWALL_FIX[lang] : ''}${problems.some((p) => p.asymmetric) ? SYMMETRY_FIX[lang] : ''}`;
      const unread = bi(fixes('en'), fixes('ja'));
      const where = hostGroups(ctx, flow.from)[0] ?? hostGroups(ctx, flow.to)[0];
      findings.push(finding(this, where ? nameOf(ctx.graph, where.id) : `(flow ${flow.name})`, {
        en: `declared flow "${flow.name}" (${flow.kind}: ${flow.from.name} → ${flow.to.name}, ${portsText(flow.ports)}) does not work: ${problems.map((p) => p.text.en).join('; ')}`,
        ja: `宣言した通信 "${flow.name}"（${flow.kind}: ${flow.from.name} → ${flow.to.name}、${portsText(flow.ports)}）が通らない: ${problems.map((p) => p.text.ja).join('。')}`,
      }, bi('open the hop named (route both ways, transit gateway route, NACL entry, security group rule) for the declared hosts and ports only, or '
          + `correct the declaration${unread.en}`,
      `指摘した箇所（往復のルート、Transit Gateway のルート、NACL のエントリ、セキュリティグループのルール）を、宣言したホストとポートに限って開けるか、宣言を直す${unread.ja}`),
      problems.find((p) => p.hops)?.hops ?? []));
    }
    return findings;
  },
};

const UNREAD_FIX = bi('; for a route whose destination the guard cannot read, write the destination as a literal CIDR or define the prefix list in the same '
  + 'app (its entries are then read)', '。ガードが読めない宛先のルートは、宛先を CIDR のリテラルで書くか、プレフィックスリストを同じアプリで定義する（エントリが読まれる）');
const FIREWALL_FIX = bi('; for a firewall on the path, pass the declared hosts and ports ahead of what drops them (a stateful pass rule on the flow\'s '
  + 'protocol, blocks and ports, by header only, before the drop rule or the default drop; no stateless aws:drop for them) — where the guard cannot tell '
  + '(a domain list, a rule matching content or flow state, a group or appliance it cannot read), such a pass rule ahead of it decides, or acknowledge '
  + 'FLOW-1 once the firewall is checked to pass the flow',
'。経路上のファイアウォールでは、破棄するものより先に、宣言したホストとポートを通す（通信のプロトコル・アドレス範囲・ポートをヘッダーだけで指定する '
  + 'ステートフルの pass ルールを drop ルールや既定の破棄より先に置き、ステートレスの aws:drop をかけない）。ガードが判断できない場合（ドメインリスト、'
  + '内容やフローの状態で一致するルール、読めないグループやアプライアンス）は、その前にそのような pass ルールを置くか、ファイアウォールが通信を通すことを確認して FLOW-1 を例外承認する');
const SYMMETRY_FIX = bi('; for a firewall whose stateful engine sees only one direction (or whose endpoint the guard cannot tell), route the reply through '
  + 'the same firewall endpoint as the request: the return route to the firewall of the same Availability Zone (one firewall per AZ, with one subnet '
  + 'mapping each, names each endpoint), and for an inspection VPC behind a transit gateway appliance mode on its attachment (ApplianceModeSupport / '
  + 'appliance_mode_support = "enable"), or acknowledge FLOW-1 once both directions are checked to meet the same endpoint',
'。ステートフルエンジンが片方向しか見ないファイアウォール（またはエンドポイントをガードが判断できないもの）では、応答を要求と同じファイアウォールエンドポイント'
  + 'に通す（同じアベイラビリティーゾーンのファイアウォールへの戻りのルート。AZ ごとに一つのサブネットマッピングのファイアウォールを置けば各エンドポイントを'
  + '指定できる。Transit Gateway の先の検査 VPC では、そのアタッチメントのアプライアンスモード（ApplianceModeSupport / appliance_mode_support = "enable"）を'
  + '有効にする）か、両方向が同じエンドポイントを通ることを確認して FLOW-1 を例外承認する');
const TIE_FIX = bi('; give a block one route (a static route, or one prefix list\'s entry) toward the target the flow needs',
  '。一つのアドレス範囲には、通信に必要なターゲットへのルートを一つだけ（静的ルートか、一つのプレフィックスリストのエントリ）書く');

/** What keeps a flow from being shown open: the text, the path it names, and which fix it calls for. */
interface Problem {
  readonly text: Bilingual;
  readonly hops?: ReturnType<GuardContext['reach']['hops']>;
  /** A route whose destination the guard cannot read is on the way. */
  readonly unread?: boolean;
  /** The route taken is one AWS may not use (another of the same block may win). */
  readonly tie?: boolean;
  /** A firewall (or an appliance behind a Gateway Load Balancer endpoint) on the way drops the flow, or may. */
  readonly firewall?: boolean;
  /** A firewall's stateful engine is not shown to see both directions on the same endpoint. */
  readonly asymmetric?: boolean;
}

/** One direction of a flow between two blocks: what of it does not arrive, and where it is lost. */
function traceDirection(
  ctx: GuardContext, direction: 'request' | 'reply', src: DeclaredHost, s: string, dst: DeclaredHost, d: string, ports: Ports, flowPorts: Ports,
  reached: Arrival[], requests?: readonly Arrival[],
): Problem[] {
  const what = bi(`the ${direction} (${portsText(ports)}) from ${s} to ${d}`, `${s} から ${d} への${direction === 'request' ? '要求' : '応答'}（${portsText(ports)}）`);
  const unreadable = (x: string) => bi(`${what.en}: ${x} is not an address block the guard can read`, `${what.ja}: ${x} はガードが読めるアドレス範囲ではない`);
  const sp = parsePrefix(s);
  if (!sp) return [{ text: unreadable(s) }];
  const probes: { arrivals: Arrival[]; drops: Drop[]; requested: Box[] }[] = [];
  const holding = startingSubnets(ctx, src, sp);
  if (holding) {
    if (holding.length === 0) {
      return [{ text: bi(`${what.en}: no subnet of the ${src.zone} segment holds ${s}`, `${what.ja}: ${s} を含む${SEGMENT_JA[src.zone as Segment]}のサブネットがない`) }];
    }
    for (const { t, p } of holding) {
      // Blocks nest or are disjoint: the part of the host in this subnet is the longer of the two prefixes.
      const requested = ctx.reach.headersFor(p!.length >= sp.length ? (t.cidr ?? t.ipv6Cidr)! : s, d, ports);
      if (!requested) return [{ text: unreadable(d) }];
      probes.push({ ...ctx.reach.probeFromSubnet(t.id, requested, { sure: true }), requested });
    }
  } else {
    const requested = ctx.reach.headersFor(s, d, ports);
    if (!requested) return [{ text: unreadable(d) }];
    probes.push({ ...ctx.reach.probeFromZone(src.zone, requested, { sure: true }), requested });
  }
  const out: Problem[] = [];
  const arrived = arrivesAt(ctx, dst, d);
  for (const { arrivals, drops, requested } of probes) {
    // The walk over-approximates routing (semantics §4, §5): what arrives along a table holding a route whose destination
    // it cannot read, or by a route AWS may not use, is what may arrive, no proof that it does (fail closed).
    const reaching = arrivals.filter(arrived).map((a) => ({ a, doubt: doubtOnPath(ctx, a) }));
    for (const x of reaching) {
      if (x.doubt) continue;
      out.push(...filterProblems(ctx, direction, x.a, flowPorts, requests ?? []));
      reached.push(x.a);
    }
    const missing = subtractAll(requested, reaching.filter((x) => !x.doubt).flatMap((x) => x.a.headers));
    if (missing.length === 0) continue;
    const doubted = reaching.find((x) => x.doubt && overlaps(x.a.headers, missing));
    const destinations = ctx.reach.destinations(missing);
    if (doubted) {
      const { why, unread } = doubted.doubt!;
      out.push({
        text: bi(`${what.en} is not shown to arrive: on its way, ${why.en} (fail closed) (${destinations})`,
          `${what.ja}が届くとは示せない: 経路上の${spaced(why.ja)}（フェイルクローズ）（${jaDestinations(destinations)}）`),
        hops: ctx.reach.hops(doubted.a),
        ...unread ? { unread: true } : { tie: true },
      });
      continue;
    }
    const lost = drops.find((x) => overlaps(x.headers, missing));
    const elsewhere = arrivals.find((a) => !arrived(a) && overlaps(a.headers, missing));
    const where = lost ? bi(`dropped by ${lost.reason}`, `が ${jaOrEn(lost.reason)} で破棄される`)
      : elsewhere ? bi(`it ends at ${endText(ctx, elsewhere).en}`, `が${spaced(endText(ctx, elsewhere).ja)}に行き着く`) : bi('no path carries it', 'を運ぶ経路がない');
    out.push({
      text: bi(`${what.en} is ${where.en} (${destinations})`, `${what.ja}${where.ja}（${jaDestinations(destinations)}）`),
      hops: elsewhere ? ctx.reach.hops(elsewhere) : undefined,
    });
  }
  return out;
}

/**
 * What the filters an arrival passed do with the flow (firewalls.ts): each Network Firewall on its path must pass the
 * flow's connection — the client's and the server's addresses as the firewall sees them (`arrivalTraffic`: the sources
 * where the packets passed it), for each of the flow's protocols and ports — in the arrival's direction (its stateless
 * engine sees that direction's packets only; the other direction's path is judged where it crosses a firewall) — and
 * an appliance behind a Gateway Load Balancer endpoint is one whose rules the guard cannot read (fail closed). A reply
 * is judged as each firewall's stateful engine meets it (`replyMeets`): with the request, or alone.
 */
function filterProblems(ctx: GuardContext, direction: 'request' | 'reply', a: Arrival, flowPorts: Ports, requests: readonly Arrival[]): Problem[] {
  const out: Problem[] = [];
  for (const fw of new Set(a.firewalls)) {
    const seen = arrivalTraffic(ctx, a, fw);
    const [clients, servers] = direction === 'request' ? [seen.sources, seen.destinations] : [seen.destinations, seen.sources];
    for (const alone of direction === 'request' ? [false] : replyMeets(ctx, a, fw, requests)) {
      for (const port of flowPorts) {
        const verdict = firewallVerdict(ctx.graph, fw, {
          protocol: port.protocol, clients, servers, fromPort: port.fromPort, toPort: port.toPort, crossing: direction, ...alone ? { alone } : {},
        });
        if ('passes' in verdict) continue;
        const name = nameOf(ctx.graph, fw);
        out.push({
          text: 'drops' in verdict
            ? bi(`firewall ${name} drops the flow: ${verdict.drops.en}`, `ファイアウォール ${name} がこの通信を破棄する: ${verdict.drops.ja}`)
            : bi(`firewall ${name} is not shown to pass the flow: ${verdict.unknown.en} (fail closed)`,
              `ファイアウォール ${name} がこの通信を通すとは示せない: ${verdict.unknown.ja}（フェイルクローズ）`),
          hops: ctx.reach.hops(a),
          firewall: true,
          // Met alone, the reply is lost to the routing: the fix is the return route (SYMMETRY_FIX), not a rule.
          ...alone ? { asymmetric: true } : {},
        });
      }
    }
  }
  // Most graphs hold no Gateway Load Balancer endpoint: the path is not walked again for one.
  for (const endpoint of hasGatewayLoadBalancer(ctx.graph) ? new Set(ctx.reach.endpointsPassed(a)) : []) {
    const name = nameOf(ctx.graph, endpoint);
    out.push({
      text: bi(`the flow passes Gateway Load Balancer endpoint ${name}, and the appliances behind it decide by rules the guard cannot read, so it is not shown `
        + 'to pass them (fail closed)', `通信が Gateway Load Balancer エンドポイント ${name} を通り、その先のアプライアンスがガードの読めないルールで判断するため、通るとは示せない（フェイルクローズ）`),
      hops: ctx.reach.hops(a),
      firewall: true,
    });
  }
  return out;
}

/**
 * The firewalls both directions of a flow must meet. AWS Network Firewall does not support asymmetric routing: its
 * stateful engine tracks a connection only when "the traffic [is] routed to the Network Firewall endpoint in both
 * directions" (https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html); a reply on
 * another path meets no connection there (or another endpoint's engine, which never saw the request) and is dropped.
 * For each request path and each reply path between the same two places that AWS may take together (`mayPair`), a
 * firewall whose stateful engine judges the flow on either (`statefulFirewalls`: all but a pass of that direction by the
 * stateless engine alone, which keeps no state; FLOW-1 reads its stateless rules on each direction that crosses it) must
 * be on both. One on both with more than one endpoint (subnet)
 * is not shown to be met at the same endpoint: a route names an endpoint by its place in an unordered list
 * (`EndpointIds`, `sync_states`), not by its Availability Zone, and the walk follows every subnet (fail closed).
 */
function symmetryProblems(ctx: GuardContext, requests: readonly Arrival[], replies: readonly Arrival[], flowPorts: Ports): Problem[] {
  const out: Problem[] = [];
  // Most flows cross no firewall: their paths are not read again.
  if (!requests.some((a) => a.firewalls.length > 0) && !replies.some((a) => a.firewalls.length > 0)) return out;
  const said = new Set<string>();
  const onReplies = replies.map((p) => statefulFirewalls(ctx, 'reply', p, flowPorts));
  for (const r of requests) {
    const onRequest = statefulFirewalls(ctx, 'request', r, flowPorts);
    for (let i = 0; i < replies.length; i++) {
      const p = replies[i];
      if (onRequest.length === 0 && onReplies[i].length === 0) continue;
      if (p.from !== placeOf(r) || placeOf(p) !== r.from || !mayPair(ctx, r, p)) continue;
      for (const fw of new Set([...onRequest, ...onReplies[i]])) {
        if (said.has(fw)) continue;
        const [inRequest, inReply] = [r.firewalls.includes(fw), p.firewalls.includes(fw)];
        const subnets = (ctx.graph.nodes.get(fw) as FirewallNode | undefined)?.subnets.length ?? 0;
        if (inRequest && inReply && subnets <= 1) continue;
        said.add(fw);
        const name = nameOf(ctx.graph, fw);
        const paths = bi(`the request's path: ${pathText(ctx, r)}; the reply's path: ${pathText(ctx, p)}`,
          `要求の経路: ${pathText(ctx, r)}。応答の経路: ${pathText(ctx, p)}`);
        if (inRequest && inReply) {
          out.push({
            text: bi(`firewall ${name}, whose stateful engine judges the flow, has ${subnets} endpoints (subnets), and the guard cannot tell that the request and `
              + `the reply meet the same one (a route names an endpoint by its place in an unordered list, not by its Availability Zone) (fail closed) (${paths.en})`,
            `ステートフルエンジンでこの通信を判断するファイアウォール ${name} にはエンドポイント（サブネット）が ${subnets} つあり、要求と応答が同じエンドポイントを通ることを`
              + `ガードが判断できない（ルートはエンドポイントを AZ ではなく順序のないリストの位置で指定する）（フェイルクローズ）（${paths.ja}）`),
            hops: ctx.reach.hops(r),
            firewall: true,
            asymmetric: true,
          });
          continue;
        }
        const why = transitSplit(ctx, r, p);
        const routing = bi(`asymmetric routing${why ? `: ${why.en}` : ''}`, `非対称ルーティング${why ? `: ${why.ja}` : ''}`);
        // The reply alone: what its stateful engine does with the packets it meets (firewall-flows.ts), which `filterProblems`
        // names where it drops them or cannot tell; where its rules pass them by their own header, Network Firewall still
        // does not support asymmetric routing (fail closed).
        if (!inRequest && !('passes' in replyAloneVerdict(ctx, p, fw, flowPorts))) continue;
        out.push({
          text: inRequest
            ? bi(`firewall ${name}, whose stateful engine judges the flow, is on the request's path but not on the reply's, so it does not see the `
              + `connection both ways and drops it (${routing.en}) (${paths.en})`,
            `ステートフルエンジンでこの通信を判断するファイアウォール ${name} が要求の経路にはあるが応答の経路になく、接続を両方向で見られないため破棄する`
              + `（${routing.ja}）（${paths.ja}）`)
            : bi(`firewall ${name}, whose stateful engine judges the flow, is on the reply's path but not on the request's, so it does not see the connection both `
              + `ways (${routing.en}): its rules pass the reply by the reply's own header, but Network Firewall does not support asymmetric routing (fail closed) `
              + `(${paths.en})`, `ステートフルエンジンでこの通信を判断するファイアウォール ${name} が応答の経路にはあるが要求の経路になく、接続を両方向で見られない`
              + `（${routing.ja}）: ルールは応答をそれ自身のヘッダーで通すが、Network Firewall は非対称ルーティングをサポートしない（フェイルクローズ）（${paths.ja}）`),
          hops: ctx.reach.hops(inRequest ? r : p),
          firewall: true,
          asymmetric: true,
        });
      }
    }
  }
  return out;
}

/**
 * How a firewall on a reply's path meets it: with the request (`false`: a request path AWS may pair with the reply,
 * `mayPair`, crosses the same firewall, whose stateful engine then judges the connection on the request), alone (`true`:
 * such a path goes around it, so its stateful engine meets the reply without the request and judges what it sees,
 * firewall-flows.ts), or both. No request path to pair with (the request is not shown to arrive, which FLOW-1 says):
 * both (fail closed).
 */
function replyMeets(ctx: GuardContext, reply: Arrival, fw: string, requests: readonly Arrival[]): boolean[] {
  const paired = requests.filter((r) => reply.from === placeOf(r) && placeOf(reply) === r.from && mayPair(ctx, r, reply));
  const out: boolean[] = [];
  if (paired.length === 0 || paired.some((r) => r.firewalls.includes(fw))) out.push(false);
  if (paired.length === 0 || paired.some((r) => !r.firewalls.includes(fw))) out.push(true);
  return out;
}

/**
 * What a firewall whose stateful engine meets a reply without its request does with it (firewall-flows.ts, `alone`),
 * over the flow's ports: a drop where one is dropped, else an unknown where one cannot be told, else a pass.
 */
function replyAloneVerdict(ctx: GuardContext, reply: Arrival, fw: string, flowPorts: Ports): FirewallVerdict {
  const seen = arrivalTraffic(ctx, reply, fw);
  const verdicts = flowPorts.map((port) => firewallVerdict(ctx.graph, fw, {
    protocol: port.protocol, clients: seen.destinations, servers: seen.sources, fromPort: port.fromPort, toPort: port.toPort, crossing: 'reply', alone: true,
  }));
  return verdicts.find((v) => 'drops' in v) ?? verdicts.find((v) => 'unknown' in v) ?? verdicts[0];
}

/** The firewalls on an arrival's path whose stateful engine judges the flow: any verdict but a pass by the stateless engine alone. */
function statefulFirewalls(ctx: GuardContext, direction: 'request' | 'reply', a: Arrival, flowPorts: Ports): string[] {
  const out: string[] = [];
  for (const fw of new Set(a.firewalls)) {
    const seen = arrivalTraffic(ctx, a, fw);
    const [clients, servers] = direction === 'request' ? [seen.sources, seen.destinations] : [seen.destinations, seen.sources];
    const stateful = flowPorts.some((port) => {
      const verdict = firewallVerdict(ctx.graph, fw, {
        protocol: port.protocol, clients, servers, fromPort: port.fromPort, toPort: port.toPort, crossing: direction,
      });
      return !('passes' in verdict && verdict.statelessOnly);
    });
    if (stateful) out.push(fw);
  }
  return out;
}

/** Where an arrival ends, in the terms of a probe's start (`Arrival.from`): a subnet's id, or `zone <name>`. */
function placeOf(a: Arrival): string | undefined {
  return a.end.kind === 'subnet' ? a.end.subnet : a.end.kind === 'zone' ? `zone ${a.end.zone}` : undefined;
}

/** The subnets through which an arrival's path entered each VPC attachment from its transit gateway, by attachment id. */
function transitEntries(ctx: GuardContext, a: Arrival): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const steps = ctx.reach.steps(a);
  for (let i = 1; i < steps.length; i++) {
    if (steps[i].kind !== 'subnet' || steps[i - 1].kind !== 'attachment') continue;
    const at = steps[i - 1].node;
    let set = out.get(at);
    if (!set) out.set(at, set = new Set());
    set.add(steps[i].node);
  }
  return out;
}

/** Whether a VPC attachment is in appliance mode (`TransitAttachmentNode.applianceMode`). */
function applianceMode(ctx: GuardContext, attachment: string): boolean {
  const node = ctx.graph.nodes.get(attachment) as TransitAttachmentNode | undefined;
  return node?.type === 'transit-attachment' && node.applianceMode === true;
}

/**
 * Whether AWS may carry a request on path `r` and its reply on path `p`. The walk follows every subnet of an attachment
 * the transit gateway enters a VPC by (it does not know the AZ); in appliance mode the gateway sends both directions of a
 * flow through one of them ("the same Availability Zone for the VPC attachment over the lifetime of a flow",
 * https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-tgw-multi-az.html), so paths that
 * entered such an attachment through different subnets are not a pair. Without it, the gateway keeps the AZ each
 * direction entered it by, which the guard does not know: any two may pair.
 */
function mayPair(ctx: GuardContext, r: Arrival, p: Arrival): boolean {
  const [rs, ps] = [transitEntries(ctx, r), transitEntries(ctx, p)];
  for (const [attachment, subnets] of rs) {
    const other = ps.get(attachment);
    if (other && applianceMode(ctx, attachment) && ![...subnets].some((x) => other.has(x))) return false;
  }
  return true;
}

/** An attachment both paths entered through different subnets, not in appliance mode: the likely cause, in words. */
function transitSplit(ctx: GuardContext, r: Arrival, p: Arrival): Bilingual | undefined {
  const [rs, ps] = [transitEntries(ctx, r), transitEntries(ctx, p)];
  for (const [attachment, subnets] of rs) {
    const other = ps.get(attachment);
    if (!other || applianceMode(ctx, attachment) || [...subnets].some((x) => other.has(x))) continue;
    const name = nameOf(ctx.graph, attachment);
    return bi(`the transit gateway may send the two directions into attachment ${name} through different subnets (Availability Zones), its appliance mode being off`,
      `Transit Gateway が両方向をアタッチメント ${name} の異なるサブネット（AZ）に送り得る（アプライアンスモードが無効）`);
  }
  return undefined;
}

/** A path in words: the places it passes (subnets, gateways, firewalls, attachments), without the routes. */
function pathText(ctx: GuardContext, a: Arrival): string {
  let out = '';
  for (const step of ctx.reach.steps(a)) {
    if (step.kind === 'route' || step.kind === 'tgw-route') continue;
    out += `${out === '' ? '' : ' → '}${step.label}`;
  }
  return out;
}

/** Whether the graph holds a Gateway Load Balancer endpoint (a route may lead through one); once per graph. */
const hasGatewayLoadBalancer = oncePer((graph: TopologyGraph): boolean => nodesOf(graph, 'vpc-endpoint').some((e) => e.endpointType === 'GatewayLoadBalancer'));

/** The routes of each route table (VPC or transit) whose destination the guard cannot read, by table id; built once per graph. */
const unreadRoutes = oncePer((graph: TopologyGraph): Map<string, string[]> => {
  const unread = new Map<string, string[]>();
  for (const t of nodesOf(graph, 'route-table')) {
    const routes = t.routes.filter((r) => !r.propagated && parsePrefix(r.destination) === undefined).map((r) => r.destination);
    if (routes.length > 0) unread.set(t.id, [...new Set(routes)]);
  }
  for (const t of nodesOf(graph, 'transit-route-table')) {
    const routes = t.routes.filter((r) => parsePrefix(r.destination) === undefined).map((r) => r.destination);
    if (routes.length > 0) unread.set(t.id, [...new Set(routes)]);
  }
  return unread;
});

/** A route of a table as FLOW-1 weighs it against the others of its block: its resource, target, and prefix list. */
interface BlockRoute {
  readonly source: string;
  /** The target, as a key: the same key, the same place. */
  readonly target: string;
  /** The target in words. */
  readonly name: string;
  readonly prefixList?: string;
}

const blockKey = (p: Prefix) => `${p.family}:${p.lo}/${p.length}`;

/**
 * The literal routes of each route table (VPC or transit) by their block (`family:start/length`), by table id, for the
 * blocks whose routes go toward more than one target (the others decide nothing); built once per graph. Propagated
 * routes are left out.
 */
const contestedBlocks = oncePer((graph: TopologyGraph): Map<string, Map<string, BlockRoute[]>> => {
  const tables = new Map<string, Map<string, BlockRoute[]>>();
  const add = (table: string, destination: string, r: BlockRoute) => {
    const p = parsePrefix(destination);
    if (!p) return;
    let t = tables.get(table);
    if (!t) tables.set(table, t = new Map());
    const list = t.get(blockKey(p));
    if (list) list.push(r);
    else t.set(blockKey(p), [r]);
  };
  const named = (ref: Ref) => (ref.kind === 'node' ? nameOf(graph, ref.id) : describeRef(ref));
  for (const t of nodesOf(graph, 'route-table')) {
    for (const r of t.routes) {
      if (r.propagated) continue;
      add(t.id, r.destination, { source: r.source, target: `${r.target} ${describeRef(r.ref)}`, name: named(r.ref), prefixList: r.prefixList });
    }
  }
  for (const t of nodesOf(graph, 'transit-route-table')) {
    for (const r of t.routes) {
      const target = r.blackhole ? 'blackhole' : r.attachment ? describeRef(r.attachment) : 'no attachment';
      const name = r.blackhole || !r.attachment ? target : named(r.attachment);
      add(t.id, r.destination, { source: r.source, target, name, prefixList: r.prefixList });
    }
  }
  for (const [id, t] of tables) {
    for (const [key, routes] of t) if (new Set(routes.map((r) => r.target)).size <= 1) t.delete(key);
    if (t.size === 0) tables.delete(id);
  }
  return tables;
});

/** Why an arrival proves nothing: in words, and whether a route the guard cannot read is the cause. */
interface Doubt {
  readonly why: Bilingual;
  readonly unread: boolean;
}

/**
 * Why what an arrival carries may not arrive, at the first route table on its path where the walk (semantics §4, §5)
 * may have followed a route AWS does not use:
 * - the table holds a route whose destination the guard cannot read (a prefix list the output does not hold, a
 *   parameter or variable): it may match the packets with a longer prefix than the route they took, or be the one they
 *   took without matching them. Only a literal host route (/32, /128) is sure to win: nothing is longer, and AWS prefers
 *   a static route to a prefix list of the same length. Propagated routes are not values the guard failed to read;
 * - the route taken is one of several of the table with the same block toward different targets, and AWS may prefer
 *   another: a static route wins over a prefix list's entry of the same length (VPC "Route priority and prefix lists",
 *   transit gateway "Route evaluation order"); among prefix lists' entries AWS picks one; of static duplicates AWS
 *   keeps one. Inline routes of one table share their source: when the taken route cannot be told from a loser of its
 *   block that way, neither proves.
 */
function doubtOnPath(ctx: GuardContext, a: Arrival): Doubt | undefined {
  const unread = unreadRoutes(ctx.graph);
  const blocks = contestedBlocks(ctx.graph);
  if (unread.size === 0 && blocks.size === 0) return undefined;
  for (const s of ctx.reach.steps(a)) {
    if (s.table === undefined || (s.kind !== 'route' && s.kind !== 'tgw-route')) continue;
    const table = nameOf(ctx.graph, s.table);
    // The destination of the route taken, without a suffix (`10.0.0.0/16 local`, `… (propagated)`).
    const [first, suffix] = (s.detail ?? '').split(' ');
    const taken = parsePrefix(first);
    const routes = unread.get(s.table);
    if (routes && !(taken && taken.length === (taken.family === 4 ? 32 : 128))) {
      const list = routes.join(', ');
      return {
        why: bi(`${table} holds a route to ${list}, a destination the guard cannot read (a prefix list the output does not hold, or a value known only at deploy `
          + 'time), so which route the packets take is unknown',
        `${table} に、ガードが読めない宛先 ${list}（出力にないプレフィックスリスト、またはデプロイ時にしか分からない値）へのルートがあり、パケットがどのルートを通るか分からない`),
        unread: true,
      };
    }
    const block = !taken || suffix !== undefined ? undefined : blocks.get(s.table)?.get(blockKey(taken));
    if (!block) continue;
    const took = block.filter((r) => r.source === s.node);
    const statics = block.filter((r) => !r.prefixList);
    const winners = statics.length > 0 ? statics : block;
    const targets = [...new Map(winners.map((r) => [r.target, r.name])).values()];
    if (targets.length === 1 && took.length > 0 && took.every((r) => r.target === winners[0].target)) continue;
    const list = took.find((r) => r.prefixList)?.prefixList;
    const route = bi(`${table} routes it by ${first}${list ? ` (an entry of prefix list ${nameOf(ctx.graph, list)})` : ''}`,
      `${table} は ${first}${list ? `（プレフィックスリスト ${nameOf(ctx.graph, list)} のエントリ）` : ''} のルートで運ぶ`);
    const why = statics.length > 0 && targets.length === 1
      ? bi(`a static route to the same block toward ${targets[0]} takes priority over a prefix list's entry (AWS route priority)`,
        `同じ範囲への静的ルート（${targets[0]} 宛て）がプレフィックスリストのエントリより優先される（AWS のルートの優先順位）`)
      : statics.length > 0
        ? bi(`routes to the same block go toward different targets (${targets.join(', ')}), and AWS keeps one of them`,
          `同じ範囲へのルートが異なるターゲット（${targets.join('、')}）に向かい、AWS はそのうち一つしか持たない`)
        : bi(`prefix lists hold the same block toward different targets (${targets.join(', ')}), and AWS picks one of them`,
          `同じ範囲を異なるターゲット（${targets.join('、')}）に向けるプレフィックスリストがあり、AWS はそのうち一つを選ぶ`);
    return {
      why: bi(`${route.en}, which AWS may not use: ${why.en}`, `${route.ja}が、AWS がそれを使うとは限らない: ${why.ja}`),
      unread: false,
    };
  }
  return undefined;
}

/** A segment's subnets with their blocks sorted by the block's start, and the widest block's span; built once per graph. */
interface SegmentBlocks {
  readonly blocks: { t: SubnetNode; p: Prefix; rank: number }[];
  readonly widest: bigint;
}

const BLOCKS_BY_SEGMENT = new WeakMap<TopologyGraph, Map<string, SegmentBlocks>>();

/**
 * The subnets of a segment whose block overlaps `sp`, in the order `subnetsIn` gives. Looked up in the segment's subnets
 * sorted by where their blocks start (a prefecture's segment has hundreds, asked once per declared flow): only blocks
 * starting at or before the end of `sp`, and no earlier than its start minus the widest block, can overlap it.
 */
function subnetsOverlapping(ctx: GuardContext, segment: Segment, sp: Prefix): { t: SubnetNode; p: Prefix }[] {
  let index = BLOCKS_BY_SEGMENT.get(ctx.graph);
  if (!index) {
    index = new Map();
    BLOCKS_BY_SEGMENT.set(ctx.graph, index);
  }
  let known = index.get(segment);
  if (!known) {
    // Pushed, not `map(...).filter(...)`: the filter's site deoptimized on the holey array an optimized map returns.
    const blocks: { t: SubnetNode; p: Prefix; rank: number }[] = [];
    subnetsIn(ctx, segment).forEach((t, rank) => {
      const p = parsePrefix(t.cidr) ?? parsePrefix(t.ipv6Cidr);
      if (p !== undefined) blocks.push({ t, p, rank });
    });
    blocks.sort((a, b) => a.p.family - b.p.family || (a.p.lo < b.p.lo ? -1 : a.p.lo > b.p.lo ? 1 : 0));
    known = { blocks, widest: blocks.reduce((w, x) => (x.p.hi - x.p.lo > w ? x.p.hi - x.p.lo : w), 0n) };
    index.set(segment, known);
  }
  const { blocks, widest } = known;
  // The first block starting after sp's end (same family), by binary search; every overlapping block lies before it.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const p = blocks[mid].p;
    if (p.family < sp.family || (p.family === sp.family && p.lo <= sp.hi)) lo = mid + 1;
    else hi = mid;
  }
  const out: { t: SubnetNode; p: Prefix; rank: number }[] = [];
  for (let i = lo - 1; i >= 0 && blocks[i].p.family === sp.family && blocks[i].p.lo + widest >= sp.lo; i--) {
    if (blocks[i].p.hi >= sp.lo) out.push(blocks[i]);
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** The security cloud zone (`Zone.SECURITY_CLOUD`): outside the graph behind a VPN, or a hub VPC of the same app. */
const SECURITY_CLOUD = 'SECURITY_CLOUD';

/**
 * Where a declared flow from `src` (its block `sp`) starts: every subnet of the host's segment that holds part of the
 * block; for a host of the security cloud whose address lies in a hub VPC of the graph (a prefecture's app), the hub's
 * subnets holding it. Undefined: the host is in a zone outside the graph (the LGWAN WAN, a security cloud behind a
 * VPN), whose entries the probe starts from. FLOW-1 and the design documents' communication matrix both ask.
 */
export function startingSubnets(ctx: GuardContext, src: DeclaredHost, sp: Prefix): { t: SubnetNode; p: Prefix }[] | undefined {
  if (SEGMENTS.has(src.zone)) return subnetsOverlapping(ctx, src.zone as Segment, sp);
  const inHub = src.zone === SECURITY_CLOUD ? hubSubnetsOverlapping(ctx, sp) : [];
  return inHub.length > 0 ? inHub : undefined;
}

/** Whether an arrival reaches the flow's destination host `dst` (block `d`): its segment, the hub subnets holding it, or its zone. */
export function arrivesAt(ctx: GuardContext, dst: DeclaredHost, d: string): (a: Arrival) => boolean {
  if (SEGMENTS.has(dst.zone)) return (a) => a.end.kind === 'subnet' && ctx.reach.segmentOf(a.end.subnet) === dst.zone;
  const dp = parsePrefix(d);
  const hub = dst.zone === SECURITY_CLOUD && dp ? new Set(hubSubnetsOverlapping(ctx, dp).map((x) => x.t.id)) : new Set<string>();
  return (a) => (a.end.kind === 'zone' && a.end.zone === dst.zone) || (a.end.kind === 'subnet' && hub.has(a.end.subnet));
}

const HUB_SUBNETS = new WeakMap<TopologyGraph, { t: SubnetNode; blocks: Prefix[] }[]>();

/** The subnets of the hub VPCs in the graph (`jichitai:security-cloud` = `hub`) whose block overlaps `sp`, each with that block. */
function hubSubnetsOverlapping(ctx: GuardContext, sp: Prefix): { t: SubnetNode; p: Prefix }[] {
  let hub = HUB_SUBNETS.get(ctx.graph);
  if (!hub) {
    hub = nodesOf(ctx.graph, 'subnet').filter((t) => deref<VpcNode>(ctx.graph, t.vpc)?.hub === true)
      .map((t) => ({ t, blocks: [parsePrefix(t.cidr), parsePrefix(t.ipv6Cidr)].filter((p): p is Prefix => p !== undefined) }));
    HUB_SUBNETS.set(ctx.graph, hub);
  }
  return hub.flatMap(({ t, blocks }) => {
    const p = blocks.find((b) => b.family === sp.family && b.lo <= sp.hi && sp.lo <= b.hi);
    return p ? [{ t, p }] : [];
  });
}

function overlaps(a: readonly Box[], b: readonly Box[]): boolean {
  return a.some((x) => b.some((y) => intersect(x, y) !== undefined));
}

function endText(ctx: GuardContext, a: Arrival): Bilingual {
  switch (a.end.kind) {
    case 'subnet': return bi(`subnet ${nameOf(ctx.graph, a.end.subnet)}`, `サブネット ${nameOf(ctx.graph, a.end.subnet)}`);
    case 'zone': return bi(a.end.zone, a.end.zone);
    case 'internet': return bi('the internet', 'インターネット');
    default: return bi(`a place the guard cannot follow (${a.end.reason})`, `ガードが追跡できない先（${jaOrEn(a.end.reason)}）`);
  }
}

/**
 * The security groups labelled with each host name (`jichitai:host`), built once per graph, in graph order: those the
 * host's blocks cannot rule out (a VPC the guard cannot read, or one with no readable block) apart, and the others by
 * each block of their VPC (`blockKey`), so that a host finds the groups whose VPC holds it by its own blocks' prefixes
 * instead of comparing every group of its name (a prefecture's members each declare hosts of the same names: comparing
 * each with every member's group grew with the square of the members).
 */
interface NamedGroups {
  readonly all: readonly { readonly g: SecurityGroupNode; readonly vpc?: VpcNode }[];
  /** Indexes into `all` of the groups whose VPC is unreadable (always candidates) or has no readable block. */
  readonly loose: readonly number[];
  /** Indexes into `all` by a block of the group's VPC. */
  readonly byBlock: ReadonlyMap<string, readonly number[]>;
}

const GROUPS_BY_HOST = new WeakMap<TopologyGraph, Map<string, NamedGroups>>();

/** Each declared host's groups, per graph: every model's FLOW-1 and LG-2 ask for the same hosts (a prefecture's hundreds). */
const GROUPS_OF_HOST = new WeakMap<TopologyGraph, WeakMap<DeclaredHost, readonly SecurityGroupNode[]>>();

/**
 * The security groups labelled as a host's (`jichitai:host`), in its segment: in a VPC of the host's segment whose
 * blocks hold the host's (a prefecture's members declare hosts of the same names, each in its own address space); a
 * group whose VPC the guard cannot read stays a candidate.
 */
export function hostGroups(ctx: GuardContext, host: DeclaredHost): readonly SecurityGroupNode[] {
  if (!SEGMENTS.has(host.zone)) return [];
  let known = GROUPS_OF_HOST.get(ctx.graph);
  if (!known) GROUPS_OF_HOST.set(ctx.graph, known = new WeakMap());
  let groups = known.get(host);
  if (!groups) known.set(host, groups = findHostGroups(ctx, host));
  return groups;
}

function namedGroups(graph: TopologyGraph): Map<string, NamedGroups> {
  let index = GROUPS_BY_HOST.get(graph);
  if (index) return index;
  const building = new Map<string, { all: { g: SecurityGroupNode; vpc?: VpcNode }[]; loose: number[]; byBlock: Map<string, number[]> }>();
  for (const g of nodesOf(graph, 'security-group')) {
    const name = g.tags['jichitai:host'];
    if (name === undefined) continue;
    let entry = building.get(name);
    if (!entry) building.set(name, entry = { all: [], loose: [], byBlock: new Map() });
    const vpc = deref<VpcNode>(graph, g.vpc);
    const at = entry.all.length;
    const placed = vpc?.type === 'vpc' ? vpc : undefined;
    entry.all.push({ g, vpc: placed });
    const own = placed ? prefixesOf(placed.cidrs) : [];
    if (own.length === 0) {
      entry.loose.push(at);
      continue;
    }
    for (const v of own) {
      const key = blockKey(v);
      const list = entry.byBlock.get(key);
      if (list) {
        if (list[list.length - 1] !== at) list.push(at);
      } else {
        entry.byBlock.set(key, [at]);
      }
    }
  }
  index = building;
  GROUPS_BY_HOST.set(graph, index);
  return index;
}

function findHostGroups(ctx: GuardContext, host: DeclaredHost): SecurityGroupNode[] {
  const named = namedGroups(ctx.graph).get(host.name);
  if (!named) return [];
  // A group whose VPC is of another segment is not the host's; one the guard cannot place may be.
  const inSegment = (i: number) => {
    const vpc = named.all[i].vpc;
    return vpc === undefined || vpc.segment === undefined || vpc.segment === host.zone;
  };
  const blocks = prefixesOf(host.cidrs);
  // Lists pushed, not mapped: a mapped list here (holey) deoptimized the function ("wrong map", --trace-deopt).
  const out: SecurityGroupNode[] = [];
  // No readable block of the host: every group of its name in its segment may be its.
  if (blocks.length === 0) {
    for (let i = 0; i < named.all.length; i++) if (inSegment(i)) out.push(named.all[i].g);
    return out;
  }
  const chosen = new Set<number>();
  for (const i of named.loose) if (inSegment(i)) chosen.add(i);
  // A VPC block holds the host's block when it is one of the block's own prefixes: look each of them up.
  for (const b of blocks) {
    const offset = b.lo - (b.family === 4 ? ALL_V4.lo : ALL_V6.lo);
    for (let length = 0; length <= b.length; length++) {
      for (const i of named.byBlock.get(blockKey(prefixAt(b.family, offset, length))) ?? []) if (inSegment(i)) chosen.add(i);
    }
  }
  const order: number[] = [];
  for (const i of chosen) order.push(i);
  order.sort((x, y) => x - y);
  for (const i of order) out.push(named.all[i].g);
  return out;
}

function prefixesOf(cidrs: readonly string[]): Prefix[] {
  return cidrs.map((c) => parsePrefix(c)).filter((p): p is Prefix => p !== undefined);
}

/** The hosts' security groups must allow the request (they are stateful: the reply follows). */
function groupProblems(ctx: GuardContext, flow: DeclaredFlow): { text: Bilingual }[] {
  const out: { text: Bilingual }[] = [];
  for (const [own, peer, egress] of [[flow.from, flow.to, true], [flow.to, flow.from, false]] as const) {
    if (!SEGMENTS.has(own.zone)) continue;
    const groups = hostGroups(ctx, own);
    if (groups.length === 0) {
      out.push({
        text: bi(`no security group is labelled jichitai:host=${own.name}, so the guard cannot show that ${own.name} may ${egress ? 'send' : 'receive'} it`,
          `ラベル jichitai:host=${own.name} のセキュリティグループがなく、${own.name} がこの通信を${egress ? '送信' : '受信'}できることをガードが示せない`),
      });
      continue;
    }
    const peerGroups = new Set(hostGroups(ctx, peer).map((g) => g.id));
    const rules = groups.flatMap((g) => rulesOf(ctx.graph, g, egress));
    for (const c of peer.cidrs) {
      const cp = parsePrefix(c);
      for (const port of flow.ports) {
        // A host's instance may carry any of its groups: together they must open the port to the peer's block.
        const ranges = rules.filter((r) => {
          const rp = parsePrefix(r.cidr);
          const peerOk = (rp && cp && rp.family === cp.family && rp.lo <= cp.lo && cp.hi <= rp.hi) || (r.peerGroup?.kind === 'node' && peerGroups.has(r.peerGroup.id));
          return peerOk && (r.protocol === '-1' || r.protocol === port.protocol);
        }).map((r) => (r.protocol === '-1' ? [0, MAX_PORT] : [r.fromPort ?? 0, r.toPort ?? MAX_PORT]) as [number, number]).sort((a, b) => a[0] - b[0]);
        let next = port.fromPort;
        for (const [a, b] of ranges) if (a <= next && b >= next) next = b + 1;
        if (next <= port.toPort) {
          const ids = groups.map((g) => g.id).join(', ');
          // A rule to a prefix list the output does not hold may or may not hold the peer: not counted, and said so.
          const unread = [...new Map(rules.filter((r) => r.cidr === undefined && r.prefixList !== undefined && (r.protocol === '-1' || r.protocol === port.protocol))
            .map((r) => [r.prefixList, rulePeerText(r)] as const)).values()];
          const why = unread.length === 0 ? bi('', '') : bi(` (their rules to ${unread.map((u) => u.en).join(', ')} count for nothing: the guard cannot read whether `
            + `it holds ${c}, fail closed)`, `（${unread.map((u) => u.ja).join('、')} へのルールは数えない: ${c} を含むかガードが読めない。フェイルクローズ）`);
          out.push({
            text: bi(`the ${egress ? 'egress' : 'ingress'} rules of ${ids} do not allow ${port.protocol} ${portText(port)} ${egress ? 'to' : 'from'} ${c}${why.en}`,
              `${ids} の${egress ? 'アウトバウンド' : 'インバウンド'}ルールが、${c} ${egress ? 'への' : 'からの'} ${port.protocol} ${portText(port)} を許可していない${why.ja}`),
          });
        }
      }
    }
  }
  return out;
}

function portText(p: { fromPort: number; toPort: number }): string {
  return p.fromPort === p.toPort ? String(p.fromPort) : `${p.fromPort}-${p.toPort}`;
}

function portsText(ports: Ports): string {
  // Concatenated, not `map(...).join`: the join's site deoptimized on the holey array an optimized map returns.
  let out = '';
  for (let i = 0; i < ports.length; i++) out += `${i === 0 ? '' : ', '}${ports[i].protocol} ${portText(ports[i])}`;
  return out;
}
