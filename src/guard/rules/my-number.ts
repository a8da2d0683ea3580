import { closedResolverFindings } from './closed-dns';
import { arrivalsFrom, endOf, inboundFindings, INTERNET_SIDE_ZONES, intoSegmentOrUnknown, OUTPOST_LAN, outOrUnknown, pathFindings } from './paths';
import { relayFindings } from './relays';
import { unnarrowedGroups, WAN_ZONE, wanPaths, widePaths } from './specific';
import { byCodePoint } from '../../model/order';
import { Segment } from '../../model/segment';
import { nodesOf } from '../graph';
import { jaDestinations, jaOrEn } from '../ja-engine';
import { Arrival } from '../reachability';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardRule, modelIndependent, Severity, spaced } from '../rule';
import { nameOf, subnetsIn } from '../topology';

const MY_NUMBER_TO_INTERNET = 'マイナンバー利用事務系 → インターネット';

/** MN-1: no way from the My Number segment to the internet or the security cloud. */
export const MN1: GuardRule = {
  id: 'MN-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: MY_NUMBER_TO_INTERNET,
  summary: 'No path from a MY_NUMBER subnet to the internet or the security cloud: no IGW, NAT or public IP in the segment, no route that ends there; '
    + 'and nothing entering from the security cloud arrives in the segment; its VPCs\' Amazon-provided resolver answers no internet name (DNS support off, a DNS Firewall '
    + 'that blocks every other domain and does not fail open, or "." forwarded); and no AWS service that delivers on its own (a queue, topic, rule, destination, '
    + 'subscription filter, notification, integration, resource policy) carries data between its functions or endpoints and anything outside it.',
  check(ctx) {
    const findings: Finding[] = [];
    const subnets = subnetsIn(ctx, Segment.MY_NUMBER);
    const myVpcs = new Set(nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === Segment.MY_NUMBER).map((v) => v.id));
    const structural = (path: string, message: Bilingual, fix: Bilingual) =>
      findings.push(finding(this, path, message, fix));
    for (const g of [...nodesOf(ctx.graph, 'internet-gateway'), ...nodesOf(ctx.graph, 'egress-only-internet-gateway')]) {
      if (g.vpcs.some((v) => v.kind === 'node' && myVpcs.has(v.id))) {
        structural(nameOf(ctx.graph, g.id),
          bi(`${g.type} ${g.id} is attached to the My Number VPC`,
            `${g.type === 'internet-gateway' ? 'インターネットゲートウェイ' : 'Egress-only インターネットゲートウェイ'} ${g.id} がマイナンバー利用事務系の VPC にアタッチされている`),
          bi('remove the gateway and its attachment; the segment has no internet access (三層の対策)',
            'ゲートウェイとそのアタッチメントを削除する。マイナンバー利用事務系はインターネットに接続しない（三層の対策）'));
      }
    }
    const subnetIds = new Set(subnets.map((s) => s.id));
    for (const n of nodesOf(ctx.graph, 'nat-gateway')) {
      if (n.subnet.kind === 'node' && subnetIds.has(n.subnet.id)) {
        structural(nameOf(ctx.graph, n.id), bi(`NAT gateway ${n.id} sits in a My Number subnet`, `NAT ゲートウェイ ${n.id} がマイナンバー利用事務系のサブネットにある`),
          bi('remove it; reach declared hosts over the transit gateway only', 'NAT ゲートウェイを削除し、宣言した接続先へは Transit Gateway 経由でのみ通信する'));
      }
    }
    for (const s of subnets.filter((x) => x.mapPublicIpOnLaunch)) {
      structural(nameOf(ctx.graph, s.id),
        bi('the subnet gives instances public IP addresses (MapPublicIpOnLaunch)', 'サブネットがインスタンスにパブリック IP アドレスを付与する（MapPublicIpOnLaunch）'),
        bi('set MapPublicIpOnLaunch to false', 'MapPublicIpOnLaunch を false にする'));
    }
    for (const s of subnets.filter((x) => x.outpostLan !== undefined)) {
      structural(nameOf(ctx.graph, s.id), OUTPOST_LAN.message(s.outpostLan!), OUTPOST_LAN.fix(s.outpostLan!));
    }
    findings.push(...closedResolverFindings(ctx, this, Segment.MY_NUMBER));
    findings.push(...relayFindings(ctx, this, Segment.MY_NUMBER));
    findings.push(...pathFindings(ctx, this, arrivalsFrom(ctx, subnets, outOrUnknown(ctx)), bi('a My Number subnet', 'マイナンバー利用事務系のサブネットから'),
      bi('remove the route (or the transit gateway route) that leads out; the My Number segment only reaches declared hosts (特定通信)',
        '外部へ向かうルート（または Transit Gateway のルート）を削除する。マイナンバー利用事務系が通信できるのは、宣言した接続先だけ（特定通信）')));
    // Nor the other way: nothing entering from the security cloud arrives in the segment (a one-way path is a path).
    findings.push(...inboundFindings(ctx, this, INTERNET_SIDE_ZONES, Segment.MY_NUMBER, bi('this My Number subnet', 'このマイナンバー利用事務系のサブネット'),
      bi('remove the transit gateway route toward the My Number segment from the security cloud\'s table (blackhole it): the segment never talks to the internet side',
        '自治体情報セキュリティクラウド側の Transit Gateway ルートテーブルからマイナンバー利用事務系へのルートを削除する（ブラックホールにする）。マイナンバー利用事務系はインターネット側と通信しない')));
    return findings;
  },
};

/** MN-2: no path between the My Number and the Internet segments, either way. */
export const MN2: GuardRule = {
  id: 'MN-2',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: 'マイナンバー利用事務系 ↔ インターネット接続系',
  summary: 'No path between MY_NUMBER and the INTERNET segment, in either direction.',
  check(ctx) {
    const there = arrivalsFrom(ctx, subnetsIn(ctx, Segment.MY_NUMBER), intoSegmentOrUnknown(ctx, Segment.INTERNET));
    const back = arrivalsFrom(ctx, subnetsIn(ctx, Segment.INTERNET), intoSegmentOrUnknown(ctx, Segment.MY_NUMBER));
    const fix = bi('remove the routes (VPC, transit gateway, peering) between the two segments; they never talk (三層の対策)',
      '2 つの系の間のルート（VPC、Transit Gateway、ピアリング）を削除する。この 2 つの系は互いに通信しない（三層の対策）');
    return [
      ...pathFindings(ctx, this, there, bi('a My Number subnet', 'マイナンバー利用事務系のサブネットから'), fix),
      ...pathFindings(ctx, this, back, bi('an Internet-segment subnet', 'インターネット接続系のサブネットから'), fix),
    ];
  },
};

/**
 * MN-3: My Number ↔ LGWAN, and My Number ↔ the LGWAN WAN (the 中間サーバー), only as specific communication (特定通信): no
 * path that carries a whole subnet of the other side, none to WAN addresses beyond the declared hosts (none declared: no
 * run wider than a /24) or from the WAN beyond the declared My Number hosts, no security-group rule toward the other side
 * that opens all traffic, all ports or a whole subnet (semantics §10). Critical: the guideline makes it a must (seed 001
 * 「特定通信限定とする」), for the LGWAN WAN too (the 中間サーバー is reached over LGWAN as specific communication).
 */
export const MN3: GuardRule = {
  id: 'MN-3',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: '特定通信',
  summary: 'MY_NUMBER ↔ LGWAN and MY_NUMBER ↔ LGWAN WAN only as specific communication: no path that carries a whole subnet of the other side (routes, '
    + 'transit gateway tables, blackholes and NACLs counted), none to WAN addresses beyond the declared hosts such as the 中間サーバー (none declared: '
    + 'no run wider than a /24) or from the WAN beyond the declared hosts, no security-group rule toward the other side that opens all traffic, every port or a whole subnet, nor (flows declared) a port toward a host of the other side that no declared flow between them names.',
  check(ctx) {
    const wanFix = bi('route and allow only the declared hosts of the LGWAN WAN (e.g. the 中間サーバー, host CIDRs and ports) from the My Number segment; blackhole the rest of the WAN ranges (特定通信)',
      'マイナンバー利用事務系と LGWAN の間では、宣言した接続先（中間サーバーなど、ホストの CIDR とポート）だけをルーティングして許可し、残りの WAN のアドレス範囲はブラックホールにする（特定通信）');
    const fix = bi('route and allow only the declared hosts (host CIDRs) and ports of the specific communication (特定通信)',
      '特定通信として宣言した接続先（ホストの CIDR）とポートだけをルーティングし、許可する');
    return [
      // Paths read only the graph: once for every model of a prefecture (the WAN below reads the declared hosts).
      ...modelIndependent(ctx, 'MN-3 paths', () => [
        ...widePaths(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix),
        ...widePaths(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix),
      ]),
      // Groups are judged against the declared flows (ports), so per model, each model's check its own parts' groups
      // (`GuardContext.keeps`): computed once for all models, a prefecture's groups were judged against the first model's
      // flows only, and the other models' members' undeclared ports went unreported.
      ...unnarrowedGroups(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix, true),
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix, true),
      ...wanPaths(ctx, this, Segment.MY_NUMBER, {
        subnet: bi('this My Number subnet', 'このマイナンバー利用事務系のサブネット'),
        flow: bi('specific communication (特定通信)', '特定通信'),
        service: bi('declared hosts such as the 中間サーバー', '中間サーバーなどの宣言したホスト'),
      }, wanFix),
      // What enters from the WAN along a path the guard cannot follow may carry every My Number subnet whole (§9, critical).
      ...inboundFindings(ctx, this, [WAN_ZONE], Segment.MY_NUMBER, bi('this My Number subnet', 'このマイナンバー利用事務系のサブネット'), wanFix, true),
    ];
  },
};

/**
 * MN-4: a host the My Number segment may reach has no way to the internet itself. Over the exact paths: the subnets of
 * other segments that a My Number subnet reaches, and whether they reach the internet or the security cloud (or a path
 * the guard cannot follow). Hosts of the Internet segment are MN-2's business. The α′ local breakout is no exception
 * (seed 001: 「特定通信先のサーバーや端末もインターネットとの通信ができないこと」): a path through the allow-list firewall
 * is a path to the internet.
 */
export const MN4: GuardRule = {
  id: 'MN-4',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: 'マイナンバー利用事務系の接続先',
  summary: 'A subnet the My Number segment may reach has no path to the internet, the security cloud or a cloud service itself — in α′ too: the local breakout is no exception.',
  check(ctx) {
    const reached = new Map<string, Arrival>();
    // The hub's subnets are the Internet side itself: a My Number arrival there is MN-1's (semantics §10).
    const candidate = (id: string) => {
      const segment = ctx.reach.segmentOf(id);
      return segment !== Segment.MY_NUMBER && segment !== Segment.INTERNET && !ctx.reach.inHub(id);
    };
    // A path the guard cannot follow reaches every subnet (semantics §9, fail closed): each one is a candidate peer.
    let others: string[] | undefined;
    for (const a of arrivalsFrom(ctx, subnetsIn(ctx, Segment.MY_NUMBER), (x) => x.end.kind === 'subnet' || x.end.kind === 'unknown')) {
      const ids = a.end.kind === 'subnet' ? [a.end.subnet].filter(candidate)
        : (others ??= nodesOf(ctx.graph, 'subnet').map((s) => s.id).filter(candidate).sort());
      for (const id of ids) if (!reached.has(id)) reached.set(id, a);
    }
    const findings: Finding[] = [];
    const isOut = outOrUnknown(ctx);
    for (const [id, inbound] of [...reached].sort(([a], [b]) => byCodePoint(a, b))) {
      const leak = ctx.reach.arrivals(id).find(isOut);
      if (!leak) continue;
      const how = inbound.end.kind === 'unknown'
        ? bi(`the My Number segment may reach this subnet along a path the guard cannot follow (${inbound.end.reason}; fail closed)`,
          `マイナンバー利用事務系から、ガードが追跡できない経路でこのサブネットに届くおそれがあり（${jaOrEn(inbound.end.reason)}。フェイルクローズ）`)
        : bi(`the My Number segment reaches this subnet (${ctx.reach.destinations(inbound.headers)})`,
          `マイナンバー利用事務系からこのサブネットに届き（${jaDestinations(ctx.reach.destinations(inbound.headers))}）`);
      const end = endOf(ctx, leak);
      const detail = leak.end.kind === 'unknown' ? { en: leak.end.reason, ja: jaOrEn(leak.end.reason) }
        : { en: ctx.reach.destinations(leak.headers), ja: jaDestinations(ctx.reach.destinations(leak.headers)) };
      findings.push(finding(this, nameOf(ctx.graph, id),
        bi(`${how.en}, and it reaches ${end.en} (${detail.en})`, `${how.ja}、このサブネットから${spaced(end.ja)}に届く（${detail.ja}）`),
        bi('keep hosts that talk to the My Number segment off any internet path, the α′ breakout included: remove the route out of their subnet, or move them to a subnet without one (MunicipalNetwork: an LGWAN workload subnet, not a terminal subnet)',
          'マイナンバー利用事務系と通信するホストは、α′ のローカルブレイクアウトも含め、インターネットへのどの経路にも置かない: そのサブネットから外部へ向かうルートを削除するか、'
            + 'そうしたルートのないサブネットへ移す（MunicipalNetwork では、端末用サブネットではなく LGWAN接続系の業務サブネット）'),
        ctx.reach.hops(leak)));
    }
    return findings;
  },
};
