import { closedResolverFindings } from './closed-dns';
import { hostGroups } from './flows';
import { arrivalsFrom, inboundFindings, INTERNET_SIDE_ZONES, OUTPOST_LAN, outOrUnknown, pathFindings } from './paths';
import { relayFindings } from './relays';
import { byLo, covered, groupIn, groupPath, judgedGroups, outsidePeerGroup, peerGroupIn, unnarrowedGroups, WAN_ZONE, wanPaths, widePaths } from './specific';
import { FlowKind } from '../../model/flows';
import { MODEL_JA, MODEL_PLACEMENT, NetworkModel } from '../../model/network-model';
import { HOST_TAG_KEY, Segment, SEGMENT_JA } from '../../model/segment';
import { GLOBAL_UNICAST_V6, parsePrefix, Prefix } from '../address-space';
import { DeclaredFlow } from '../declared';
import { deref, nodesOf, rulePeerCidrs, rulePeerText, rulesOf, SecurityGroupNode, SecurityGroupRule, SubnetNode, VpcNode } from '../graph';
import { ALL_MODELS, bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, modelIndependent, Severity } from '../rule';
import { nameOf, segmentBlocks, subnetsIn } from '../topology';

/**
 * LG-1: in α, β and β′ the LGWAN segment has no way to the internet at all; and in every model the LGWAN WAN and the
 * Internet segment never meet — the closed WAN is reached from LGWAN接続系 only (a path from the Internet segment into it,
 * or from it into the Internet segment, would join LGWAN and the internet around the three layers; α′'s breakout is
 * from LGWAN接続系 and is no exception).
 */
export const LG1: GuardRule = {
  id: 'LG-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: 'LGWAN接続系 → インターネット',
  summary: 'No path from LGWAN to the internet (or the security cloud) in α, β and β′; in every model, no path between the Internet segment and the LGWAN WAN, '
    + 'either way, nothing entering from the security cloud arrives in LGWAN, and no LGWAN subnet hands out public IP addresses (nor holds global IPv6 '
    + 'addresses in a VPC with an internet gateway); in α, β and β′ its VPCs\' Amazon-provided resolver answers no internet name, and no AWS service that '
    + 'delivers on its own carries data between its functions or endpoints and anything outside it (as MN-1).',
  check(ctx) {
    const out = ctx.model === NetworkModel.ALPHA_PRIME ? [] : arrivalsFrom(ctx, subnetsIn(ctx, Segment.LGWAN), outOrUnknown(ctx));
    const findings = pathFindings(ctx, this, out, bi('an LGWAN subnet', 'LGWAN接続系のサブネットから'),
      bi('remove the route that leads out; only α′ has a local breakout, and only through the firewall (AP-1)',
        '外部へ向かうルートを削除する。ローカルブレイクアウトがあるのは α′ モデルだけで、それもファイアウォール経由に限る（AP-1）'));
    const fix = bi('remove the route (VPC or transit gateway) between the Internet segment and the LGWAN WAN, and blackhole the Internet segment in the WAN\'s transit table: '
      + 'LGWAN is reached from the LGWAN segment (LGWAN接続系) only',
    'インターネット接続系と LGWAN の間のルート（VPC または Transit Gateway）を削除し、LGWAN 側の Transit Gateway ルートテーブルでインターネット接続系をブラックホールにする。'
      + 'LGWAN に接続するのは LGWAN接続系だけ');
    findings.push(...pathFindings(ctx, this, arrivalsFrom(ctx, subnetsIn(ctx, Segment.INTERNET), (a) => a.end.kind === 'zone' && a.end.zone === WAN_ZONE),
      bi('an Internet-segment subnet', 'インターネット接続系のサブネットから'), fix));
    findings.push(...inboundFindings(ctx, this, [WAN_ZONE], Segment.INTERNET, bi('this Internet-segment subnet', 'このインターネット接続系のサブネット'), fix));
    for (const s of subnetsIn(ctx, Segment.LGWAN).filter((x) => x.outpostLan !== undefined)) {
      findings.push(finding(this, nameOf(ctx.graph, s.id), OUTPOST_LAN.message(s.outpostLan!), OUTPOST_LAN.fix(s.outpostLan!)));
    }
    // α′'s LGWAN resolver is judged by AP-1: a way out around the breakout; so are AWS services that deliver data out of
    // the segment, or into it, on their own (relays.ts).
    if (ctx.model !== NetworkModel.ALPHA_PRIME) {
      findings.push(...closedResolverFindings(ctx, this, Segment.LGWAN), ...relayFindings(ctx, this, Segment.LGWAN));
    }
    // Nothing from the internet side enters LGWAN, in any model (α′'s breakout is outbound, through its firewall). An
    // instance with a public IP address is reached through its VPC's internet gateway whatever the subnet's routes (the
    // gateway translates the address and delivers; α′'s LGWAN VPC has one for the breakout), so a subnet that hands them
    // out is a way in.
    for (const s of subnetsIn(ctx, Segment.LGWAN).filter((x) => x.mapPublicIpOnLaunch)) {
      findings.push(finding(this, nameOf(ctx.graph, s.id),
        bi('the LGWAN subnet gives instances public IP addresses (MapPublicIpOnLaunch): through an internet gateway on its VPC the internet reaches them',
          'LGWAN接続系のサブネットがインスタンスにパブリック IP アドレスを付与する（MapPublicIpOnLaunch）: VPC のインターネットゲートウェイを通ってインターネットから届く'),
        bi('set MapPublicIpOnLaunch to false; the breakout\'s NAT gateway has its own Elastic IP', 'MapPublicIpOnLaunch を false にする。ブレイクアウトの NAT ゲートウェイは自身の Elastic IP を持つ')));
    }
    // IPv6 has no NAT: an internet gateway on the VPC delivers to a global unicast address whatever the subnet's routes,
    // so an LGWAN subnet holding such addresses is a way in from the internet, as a public IPv4 address is (above).
    const gatewayVpcs = new Set(nodesOf(ctx.graph, 'internet-gateway').flatMap((g) => g.vpcs.flatMap((v) => (v.kind === 'node' ? [v.id] : []))));
    for (const s of subnetsIn(ctx, Segment.LGWAN)) {
      const block = s.vpc.kind === 'node' && gatewayVpcs.has(s.vpc.id) ? globalIpv6Block(ctx, s) : undefined;
      if (!block) continue;
      findings.push(finding(this, nameOf(ctx.graph, s.id),
        bi(`the LGWAN subnet holds global IPv6 addresses (${block.en}) in a VPC with an internet gateway: the internet reaches them through the gateway, whatever the subnet's routes`,
          `LGWAN接続系のサブネットが、インターネットゲートウェイのある VPC でグローバル IPv6 アドレス（${block.ja}）を持つ: ルートにかかわらず、ゲートウェイを通ってインターネットから届く`),
        bi('give the subnet no IPv6 block from global unicast space (2000::/3), or keep the internet gateway off its VPC; the breakout is IPv4 through the NAT gateway',
          'サブネットにグローバルユニキャスト（2000::/3）の IPv6 ブロックを割り当てない、または VPC にインターネットゲートウェイを置かない。ブレイクアウトは NAT ゲートウェイを通る IPv4')));
    }
    findings.push(...inboundFindings(ctx, this, INTERNET_SIDE_ZONES, Segment.LGWAN, bi('this LGWAN subnet', 'この LGWAN接続系のサブネット'),
      bi('remove the transit gateway route toward the LGWAN segment from the security cloud\'s table (blackhole it): nothing enters LGWAN from the internet side',
        '自治体情報セキュリティクラウド側の Transit Gateway ルートテーブルから LGWAN接続系へのルートを削除する（ブラックホールにする）。インターネット側から LGWAN接続系へは何も入らない')));
    return findings;
  },
};

/**
 * The subnet's IPv6 block when it holds global unicast (internet) addresses: its own literal block inside 2000::/3, or,
 * with a block the guard cannot read (carved from the VPC's), a global block of its VPC (an Amazon-provided one is).
 */
function globalIpv6Block(ctx: GuardContext, s: SubnetNode): Bilingual | undefined {
  const global = (text: string | undefined) => {
    const p = parsePrefix(text);
    return p?.family === 6 && p.lo <= GLOBAL_UNICAST_V6.hi && p.hi >= GLOBAL_UNICAST_V6.lo;
  };
  if (s.ipv6Cidr !== undefined) return global(s.ipv6Cidr) ? { en: s.ipv6Cidr, ja: s.ipv6Cidr } : undefined;
  const vpc = s.ipv6FromVpc ? deref<VpcNode>(ctx.graph, s.vpc) : undefined;
  const blocks = (vpc?.cidrs ?? []).filter(global);
  if (!vpc || blocks.length === 0) return undefined;
  // An Amazon-provided block has only a symbolic stand-in (semantics §3): named as what it is.
  const amazon = blocks.some((b) => vpc.symbolicIpv6.includes(b));
  const literal = blocks.filter((b) => !vpc.symbolicIpv6.includes(b));
  return {
    en: `carved from ${[...(amazon ? ['the VPC\'s Amazon-provided block'] : []), ...literal].join(', ')}`,
    ja: `${[...(amazon ? ['VPC の Amazon 提供ブロック'] : []), ...literal].join('、')}から切り出したもの`,
  };
}

/**
 * LG-2: LGWAN ↔ Internet segment only through declared sanitization relays (無害化) or screen transfer (画面転送),
 * host- and port-restricted: no path that carries a whole subnet of the other side, no security group that opens all
 * traffic, every port or a whole subnet toward it (semantics §10).
 */
export const LG2: GuardRule = {
  id: 'LG-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '無害化 / 画面転送',
  summary: 'LGWAN ↔ INTERNET segment only through declared sanitization relays or screen transfer: no path that carries a whole subnet of the other '
    + 'side, no security-group rule toward it that opens all traffic, every port or a whole subnet, and no security group that lets the other '
    + 'segment open connections beyond the declared flows in the model\'s direction (sanitization into LGWAN, screen transfer from the terminals\' segment).',
  check(ctx) {
    const fix = bi('connect the segments only through the declared relay or screen-transfer hosts, on their ports (無害化 / 画面転送)',
      '系どうしは、宣言した無害化の中継ホストか画面転送のホストを通じて、そのポートでのみつなぐ（無害化 / 画面転送）');
    return [
      // Paths read only the graph: once for every model of a prefecture (the direction below reads the model).
      ...modelIndependent(ctx, 'LG-2 paths', () => [
        ...widePaths(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
        ...widePaths(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
      ]),
      // Groups per model, each model's check judging its own parts' groups (`GuardContext.keeps`, which
      // `modelIndependent` must not read).
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
      ...unnarrowedGroups(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
      ...wrongDirection(ctx, this, Segment.LGWAN, Segment.INTERNET),
      ...wrongDirection(ctx, this, Segment.INTERNET, Segment.LGWAN),
    ];
  },
};

/**
 * Who may open a connection into `own` from `other` (REQUIREMENTS.md LG-2: "in the direction the model gives"): a security
 * group of `own` admits the other segment only where a declared flow in that direction admits it — sanitization
 * (無害化) from the Internet segment's relay into LGWAN, and screen transfer (画面転送) from the segment of the model's
 * terminals into the other's screen server (α, α′: LGWAN → Internet; β, β′: Internet → LGWAN); the flow's source addresses
 * and, for the rule's protocol, a port range of the flow that holds the rule's. Security groups are stateful, so their
 * ingress decides who opens a connection (semantics §10). When the scope declares no flows at all (a hand-built stack, the
 * CLI without a blueprint) the direction cannot be judged: each such group is a warning (reported, acknowledged with a
 * reason), not a pass. A scope that declares an empty list (a blueprint's `flows: []`) declares that nothing crosses:
 * each such group is an error, as with flows that do not admit it.
 */
function wrongDirection(ctx: GuardContext, rule: GuardRule, own: Segment, other: Segment): Finding[] {
  const terminals = MODEL_PLACEMENT[ctx.model].terminalSegment;
  const otherBlocks = segmentBlocks(ctx.graph, other);
  // What the flows declared where a group lies admit (`declaredAt`: a prefecture's member declares its own, and another
  // member's flow from its relay admits nothing into this member's groups), worked out once per declaration.
  const admittedBy = new Map<readonly DeclaredFlow[] | undefined, { allowed: DeclaredFlow[]; intoGroup: Map<SecurityGroupNode, DeclaredFlow[]> }>();
  const admitted = (flows: readonly DeclaredFlow[] | undefined) => {
    let out = admittedBy.get(flows);
    if (out) return out;
    // A zone of a declared host is named like the segment it lies in (MY_NUMBER, LGWAN, INTERNET).
    const allowed = (flows ?? []).filter((f) => f.from.zone === other && f.to.zone === own
      && (f.kind === FlowKind.SANITIZATION ? other === Segment.INTERNET : f.kind === FlowKind.SCREEN_TRANSFER && other === terminals));
    // The flows into each labelled group, found once (a prefecture has a thousand groups and hundreds of flows).
    const intoGroup = new Map<SecurityGroupNode, DeclaredFlow[]>();
    for (const f of allowed) {
      for (const g of hostGroups(ctx, f.to)) {
        const list = intoGroup.get(g);
        if (list) list.push(f);
        else intoGroup.set(g, [f]);
      }
    }
    admittedBy.set(flows, out = { allowed, intoGroup });
    return out;
  };
  const findings: Finding[] = [];
  for (const group of judgedGroups(ctx)) {
    // Its one finding is at the group: one the caller drops (another model's part of a prefecture) is not worked out.
    if (ctx.keeps && !ctx.keeps(groupPath(ctx, group))) continue;
    const placed = groupIn(ctx, group, own);
    if (!placed) continue;
    const flows = declaredAt(ctx, groupPath(ctx, group)).flows;
    const { allowed, intoGroup } = admitted(flows);
    // Said of the group: of `own`, or in a VPC the guard cannot place (which may be of `own`).
    const ofOwn = placed.en.length > 0 ? bi(`${placed.en},`, placed.ja) : bi(` of the ${own} segment`, `${SEGMENT_JA[own]}の`);
    const wrong: { en: string; ja: string }[] = [];
    // A group labelled as a host's (jichitai:host) is admitted only by the flows into that host: the relay's flow into the
    // file server does not let the relay open connections into another server. An unlabelled group may guard any host,
    // so any flow in the direction counts for it.
    const into = group.tags[HOST_TAG_KEY] === undefined ? allowed : intoGroup.get(group) ?? [];
    for (const r of rulesOf(ctx.graph, group, false)) {
      const peerGroup = deref<SecurityGroupNode>(ctx.graph, r.peerGroup);
      if (peerGroup?.type === 'security-group') {
        // A group of the other segment, or one associated with a VPC of it (or with one the guard cannot place).
        const where = peerGroupIn(ctx, peerGroup, other, group);
        if (where) {
          wrong.push(bi(`${describe(r)} from security group ${peerGroup.id}${where.en.length > 0 ? where.en : ` of the ${other} segment`}`,
            `${where.ja.length > 0 ? where.ja : SEGMENT_JA[other] + 'の'}セキュリティグループ ${peerGroup.id} からの ${describeJa(r)}`));
        }
        continue;
      }
      // A peer group the guard cannot place may be one of the other segment (fail closed, as MN-3 / LG-2's group part).
      const outside = outsidePeerGroup(ctx, r);
      if (outside !== undefined) {
        wrong.push(bi(`${describe(r)} from security group ${outside}, outside what the guard reads (it may be of the ${other} segment)`,
          `ガードが読む範囲外のセキュリティグループ ${outside}（${SEGMENT_JA[other]}のものかもしれない）からの ${describeJa(r)}`));
        continue;
      }
      // The part of the peer in the other segment must lie within the sources of the declared flows in this direction
      // that admit the rule's ports.
      const parts = rulePeerCidrs(r).map((c) => parsePrefix(c)).filter((peer): peer is Prefix => !!peer)
        .flatMap((peer) => otherBlocks.filter((b) => b.lo <= peer.hi && peer.lo <= b.hi)
          .map((b) => ({ lo: b.lo > peer.lo ? b.lo : peer.lo, hi: b.hi < peer.hi ? b.hi : peer.hi })));
      if (parts.length === 0) continue;
      const holds = (x: DeclaredFlow) => x.ports.some((p) => p.protocol === r.protocol
        && p.fromPort <= (r.fromPort ?? 0) && (r.toPort ?? 65535) <= p.toPort);
      const sources = into.filter(holds).flatMap((f) => f.from.cidrs.map((x) => parsePrefix(x))).filter((x): x is Prefix => !!x).sort(byLo);
      const peer = rulePeerText(r);
      if (!parts.every((part) => covered(sources, part))) wrong.push(bi(`${describe(r)} from ${peer.en}`, `${peer.ja} からの ${describeJa(r)}`));
    }
    if (wrong.length === 0) continue;
    if (flows === undefined) {
      // Nothing declared at all (a hand-built stack, or the CLI without --blueprint): the direction cannot be judged, and
      // that is said, as a warning that asks for the declarations or a reason, not passed over. Declared and empty is no
      // such case: nothing may cross, and the error below says so (GuardContext.flows).
      findings.push({
        ...finding(rule, groupPath(ctx, group), {
          en: `security group ${group.id}${ofOwn.en} lets the ${other} segment open connections into it (${wrong.map((w) => w.en).join('; ')}); with no flow declared, `
            + 'the guard cannot tell whether that is the direction the model gives (sanitization relay into LGWAN, screen transfer from the terminals\' segment)',
          ja: `${ofOwn.ja}セキュリティグループ ${group.id} が、${SEGMENT_JA[other]}からの接続開始を受け入れている（${wrong.map((w) => w.ja).join('、')}）。`
            + '通信が 1 つも宣言されていないため、それがモデルの定める向き（無害化の中継から LGWAN接続系へ、画面転送は端末のある系から）かどうかをガードが判断できない',
        }, bi('declare the flows (MunicipalNetwork flows, or --blueprint for the CLI) so that the direction is proven, or acknowledge LG-2 here with the reason',
          '向きを証明できるよう通信を宣言する（MunicipalNetwork の flows、CLI では --blueprint）か、ここで理由を付けて LG-2 を例外承認する')),
        severity: Severity.WARNING,
      });
      continue;
    }
    const ways = [
      ...(own === Segment.LGWAN ? [bi('sanitization relays sending files in (無害化)', '無害化の中継がファイルを送り込む場合（無害化）')] : []),
      ...(other === terminals ? [bi('its terminals\' screen transfer (画面転送)', '端末からの画面転送（画面転送）')] : []),
    ];
    findings.push(finding(rule, groupPath(ctx, group), {
      en: `security group ${group.id}${ofOwn.en} lets the ${other} segment open connections into it (${wrong.map((w) => w.en).join('; ')}), `
        + `which no declared ${other} → ${own} flow of the model's direction admits; in ${ctx.model} the ${other} segment opens connections into ${own} `
        + `${ways.length > 0 ? `only as ${ways.map((w) => w.en).join(' and ')}` : 'never (screen transfer goes from the terminals\' segment, files only into LGWAN)'}`,
      ja: `${ofOwn.ja}セキュリティグループ ${group.id} が、${SEGMENT_JA[other]}からの接続開始を受け入れている（${wrong.map((w) => w.ja).join('、')}）が、`
        + `これを認める、モデルの向きの ${other} → ${own} の宣言済み通信がない。${MODEL_JA[ctx.model]}で${SEGMENT_JA[other]}から${SEGMENT_JA[own]}へ接続を開始できるのは`
        + `${ways.length > 0 ? `${ways.map((w) => w.ja).join('と')}だけ` : '一切なし（画面転送は端末のある系から、ファイルは LGWAN接続系へのみ）'}`,
    }, {
      en: `admit the ${other} segment only as a declared ${other} → ${own} flow does (hosts and ports; declare it, or pass --blueprint to the CLI), or reverse the rule: `
        + 'the segment of the terminals opens the screen transfer, and sanitized files come from the relay into LGWAN',
      ja: `${SEGMENT_JA[other]}からは、宣言した ${other} → ${own} の通信が認める範囲（ホストとポート）だけを受け入れる（通信を宣言するか、CLI に --blueprint を渡す）か、`
        + 'ルールの向きを逆にする: 画面転送は端末のある系から開始し、無害化したファイルは中継から LGWAN接続系へ送る',
    }));
  }
  return findings;
}

/** `describe` in Japanese: `tcp/443`, `全通信`. */
function describeJa(r: SecurityGroupRule): string {
  return r.protocol === '-1' ? '全通信' : describe(r);
}

/** `tcp/443`, `all traffic`, `udp/1024-65535`. */
function describe(r: SecurityGroupRule): string {
  if (r.protocol === '-1') return 'all traffic';
  const ports = r.fromPort === undefined ? '' : r.fromPort === r.toPort ? `/${r.fromPort}` : `/${r.fromPort}-${r.toPort}`;
  return `${r.protocol}${ports}`;
}

/**
 * LG-3: LGWAN ↔ LGWAN WAN only to the declared LGWAN-ASP services (seed 001 「LGWAN-ASP（LGWANメール含む）など特定通信限定とすること」).
 * Over the exact paths (routes, transit gateway tables, blackholes, NACLs), both ways: with declared flows, nothing of the
 * WAN beyond the WAN hosts of the LGWAN ↔ LGWAN WAN flows, and nothing of LGWAN beyond their LGWAN hosts from the WAN;
 * with none declared (a hand-built stack), no run of WAN addresses wider than a /24 and no whole LGWAN subnet from the
 * WAN. The security groups of LGWAN toward what is routed of the WAN open neither all traffic nor every port (MN-3's
 * check).
 */
export const LG3: GuardRule = {
  id: 'LG-3',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'LGWAN-ASP（特定通信）',
  summary: 'LGWAN ↔ LGWAN WAN only to declared LGWAN-ASP services: no path to WAN addresses beyond the declared service hosts (none declared: '
    + 'no run wider than a /24), none from the WAN beyond the declared LGWAN hosts (none declared: no whole subnet), no security-group rule toward '
    + 'the routed WAN that opens all traffic or every port, nor (flows declared) a port toward a WAN host that no declared flow names.',
  check(ctx) {
    return wanPaths(ctx, this, Segment.LGWAN, {
      subnet: bi('this LGWAN subnet', 'この LGWAN接続系のサブネット'),
      flow: bi('LGWAN-ASP', ' LGWAN-ASP '),
      service: bi('LGWAN-ASP service hosts', 'LGWAN-ASP のサービスのホスト'),
    }, bi('route and allow only the declared LGWAN-ASP services (host CIDRs and ports) between LGWAN and the LGWAN WAN; blackhole the rest of the WAN ranges (LGWAN-ASP)',
      'LGWAN接続系と LGWAN の間では、宣言した LGWAN-ASP のサービス（ホストの CIDR とポート）だけをルーティングして許可し、残りの WAN のアドレス範囲はブラックホールにする（LGWAN-ASP）'));
  },
};
