import { arrivalsFrom, endOf, intoSegmentOrUnknown, OUT_OR_UNKNOWN, pathFindings } from './paths';
import { Segment, SEGMENT_JA } from '../../model/segment';
import { formatAddress, parsePrefix, Prefix } from '../address-space';
import { deref, nodesOf, rulesOf, SecurityGroupNode, SecurityGroupRule, VpcNode } from '../graph';
import { MAX_PORT } from '../header-set';
import { jaDestinations, jaOrEn } from '../ja-engine';
import { Arrival } from '../reachability';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardContext, GuardRule, joinBi, Severity, spaced } from '../rule';
import { nameOf, segmentBlocks, subnetsIn } from '../topology';

const MY_NUMBER_TO_INTERNET = 'マイナンバー利用事務系 → インターネット';

/** MN-1: no way from the My Number segment to the internet or the security cloud. */
export const MN1: GuardRule = {
  id: 'MN-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: MY_NUMBER_TO_INTERNET,
  summary: 'No path from a MY_NUMBER subnet to the internet or the security cloud: no IGW, NAT or public IP in the segment, no route that ends there.',
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
    findings.push(...pathFindings(ctx, this, arrivalsFrom(ctx, subnets, OUT_OR_UNKNOWN), bi('a My Number subnet', 'マイナンバー利用事務系のサブネットから'),
      bi('remove the route (or the transit gateway route) that leads out; the My Number segment only reaches declared hosts (特定通信)',
        '外部へ向かうルート（または Transit Gateway のルート）を削除する。マイナンバー利用事務系が通信できるのは、宣言した接続先だけ（特定通信）')));
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
 * MN-3: My Number ↔ LGWAN only as specific communication (特定通信): no path that carries a whole subnet of the other side,
 * no security-group rule toward it that opens all traffic, all ports or a whole subnet (semantics §10). Critical: the
 * guideline makes it a must (seed 001 「特定通信限定とする」).
 */
export const MN3: GuardRule = {
  id: 'MN-3',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: '特定通信',
  summary: 'MY_NUMBER ↔ LGWAN only as specific communication: no path that carries a whole subnet of the other side (routes, transit gateway tables, '
    + 'blackholes and NACLs counted), no security-group rule toward it that opens all traffic, every port or a whole subnet.',
  check(ctx) {
    const fix = bi('route and allow only the declared hosts (host CIDRs) and ports of the specific communication (特定通信)',
      '特定通信として宣言した接続先（ホストの CIDR）とポートだけをルーティングし、許可する');
    return [
      ...widePaths(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix),
      ...widePaths(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix),
      ...unnarrowedGroups(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix),
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix),
    ];
  },
};

/**
 * Paths from the `from` segment to subnets of the `to` segment that carry the whole block of such a subnet for one source
 * address, protocol and port (semantics §10): traffic between them must name hosts. Blackholes and NACLs count, so a
 * wide route that something further on cuts is not flagged. One finding per pair of subnets.
 */
export function widePaths(ctx: GuardContext, rule: GuardRule, from: Segment, to: Segment, fix: Bilingual): Finding[] {
  const findings: Finding[] = [];
  for (const source of subnetsIn(ctx, from)) {
    const byTarget = new Map<string, Arrival[]>();
    for (const a of ctx.reach.arrivals(source.id)) {
      if (a.end.kind !== 'subnet' || ctx.reach.segmentOf(a.end.subnet) !== to) continue;
      byTarget.set(a.end.subnet, [...(byTarget.get(a.end.subnet) ?? []), a]);
    }
    const wide: { target: string; block: string; via: Arrival }[] = [];
    for (const [target, arrivals] of byTarget) {
      const headers = arrivals.flatMap((a) => a.headers);
      const whole = ctx.reach.blocksOf(target).find((b) => ctx.reach.coversWhole(headers, b.range));
      if (whole) wide.push({ target, block: whole.text, via: arrivals[0] });
    }
    if (wide.length === 0) continue;
    // One finding per source subnet, naming the subnets it reaches whole.
    const [first, ...more] = wide;
    findings.push(finding(rule, nameOf(ctx.graph, source.id), {
      en: `traffic from this ${from} subnet reaches the whole ${to} subnet ${nameOf(ctx.graph, first.target)} (${first.block})`
        + `${more.length > 0 ? ` and ${more.length} more (${more.map((w) => w.block).join(', ')})` : ''}, not declared hosts`,
      ja: `この${SEGMENT_JA[from]}のサブネットからの通信が、宣言したホストではなく${SEGMENT_JA[to]}のサブネット ${nameOf(ctx.graph, first.target)}（${first.block}）全体に届く`
        + `${more.length > 0 ? `（ほか ${more.length} 個: ${more.map((w) => w.block).join(', ')}）` : ''}`,
    }, fix, ctx.reach.hops(first.via)));
  }
  return findings;
}

/**
 * Security groups in the `own` segment whose rules toward the `other` segment are not narrowed to hosts and ports
 * (semantics §10), one direction at a time: a rule for all protocols; for TCP or UDP, rules that between them open every
 * port 1–65535 to one peer address or peer group; or, for one protocol and port, rules whose CIDRs (other than /0)
 * between them cover a whole subnet of the other side. The peer is a CIDR overlapping the other segment's VPCs, or a
 * security group in one of them.
 */
export function unnarrowedGroups(ctx: GuardContext, rule: GuardRule, own: Segment, other: Segment, fix: Bilingual): Finding[] {
  const otherBlocks = segmentBlocks(ctx.graph, other);
  const otherSubnets = subnetsIn(ctx, other).flatMap((s) => [s.cidr, s.ipv6Cidr].map((text) => ({ text, p: parsePrefix(text) })))
    .filter((x): x is { text: string; p: Prefix } => !!x.p);
  return unnarrowedGroupsToward(ctx, rule, own, { name: bi(`${other} segment`, SEGMENT_JA[other]), segment: other, blocks: otherBlocks, wholes: otherSubnets }, fix);
}

/** The other side of `unnarrowedGroupsToward`: its address blocks, the blocks a rule must not cover whole, its segment (for peer groups). */
export interface OtherSide {
  readonly name: Bilingual;
  readonly segment?: Segment;
  readonly blocks: readonly Prefix[];
  readonly wholes: readonly { text: string; p: Prefix }[];
}

/** `unnarrowedGroups` toward any address space (a segment, or the LGWAN WAN as far as it is routed: LG-3). */
export function unnarrowedGroupsToward(ctx: GuardContext, rule: GuardRule, own: Segment, other: OtherSide, fix: Bilingual): Finding[] {
  const findings: Finding[] = [];
  const otherBlocks = [...other.blocks];
  const otherSubnets = [...other.wholes];
  for (const group of nodesOf(ctx.graph, 'security-group')) {
    if (deref<VpcNode>(ctx.graph, group.vpc)?.segment !== own) continue;
    for (const egress of [false, true]) {
      const relevant: { rule: SecurityGroupRule; peer?: Prefix; group?: string }[] = [];
      for (const r of rulesOf(ctx.graph, group, egress)) {
        const peerGroup = deref<SecurityGroupNode>(ctx.graph, r.peerGroup);
        if (other.segment !== undefined && peerGroup?.type === 'security-group' && deref<VpcNode>(ctx.graph, peerGroup.vpc)?.segment === other.segment) {
          relevant.push({ rule: r, group: peerGroup.id });
          continue;
        }
        const peer = parsePrefix(r.cidr);
        if (peer && otherBlocks.some((b) => b.lo <= peer.hi && peer.lo <= b.hi)) relevant.push({ rule: r, peer });
      }
      const problems = groupProblems(relevant, otherBlocks, otherSubnets);
      if (problems.length > 0) {
        const all = joinBi(problems, '; ', '、');
        findings.push(finding(rule, nameOf(ctx.graph, group.id), {
          en: `security group ${group.id}: its ${egress ? 'egress rules toward' : 'ingress rules from'} the ${other.name.en} ${all.en}`,
          ja: `セキュリティグループ ${group.id}: ${other.name.ja}${egress ? 'へのアウトバウンドルール' : 'からのインバウンドルール'}が${all.ja}`,
        }, fix));
      }
    }
  }
  return findings;
}

type RelevantRule = { rule: SecurityGroupRule; peer?: Prefix; group?: string };

/** Why the rules of one group and direction toward the other side are too wide (every reason, in a fixed order). */
function groupProblems(relevant: RelevantRule[], otherBlocks: Prefix[], otherSubnets: { text: string; p: Prefix }[]): Bilingual[] {
  // Most groups have no rule toward the other side at all. (Split in small functions: V8 compiles each on its own.)
  if (relevant.length === 0) return [];
  const problems: Bilingual[] = [];
  for (const x of relevant) {
    if (x.rule.protocol !== '-1') continue;
    problems.push(bi(`allow all traffic (${x.group ? `security group ${x.group}` : x.rule.cidr})`,
      `すべての通信を許可している（${x.group ? `セキュリティグループ ${x.group}` : x.rule.cidr}）`));
  }
  for (const protocol of ['tcp', 'udp']) everyPortProblems(relevant.filter((x) => x.rule.protocol === protocol), protocol, otherBlocks, problems);
  wholeSubnetProblem(relevant, otherSubnets, problems);
  return problems;
}

/** Rules of one protocol (TCP or UDP) that between them open every port to one peer group or one peer address. */
function everyPortProblems(ported: RelevantRule[], protocol: string, otherBlocks: Prefix[], problems: Bilingual[]): void {
  if (ported.length === 0) return;
  // One peer group at a time; one peer address at a time, at the lower ends of the rules' CIDRs clipped to the other side.
  const groups = [...new Set(ported.map((x) => x.group).filter((g): g is string => !!g))];
  for (const g of groups) {
    if (coversAllPorts(ported.filter((x) => x.group === g))) problems.push(bi(`open every ${protocol} port to security group ${g}`, `セキュリティグループ ${g} に ${protocol} の全ポートを開いている`));
  }
  const points = new Set<bigint>();
  for (const x of ported) {
    const peer = x.peer;
    if (!peer) continue;
    for (const b of otherBlocks) if (b.lo <= peer.hi && peer.lo <= b.hi) points.add(peer.lo > b.lo ? peer.lo : b.lo);
  }
  const sorted = [...points].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const open = sorted.find((point) => coversAllPorts(ported.filter((x) => x.peer && x.peer.lo <= point && point <= x.peer.hi)));
  if (open !== undefined) problems.push(bi(`open every ${protocol} port to ${formatAddress(open)}`, `${formatAddress(open)} に ${protocol} の全ポートを開いている`));
}

/** One protocol and port at a time: the union of CIDRs other than /0 covering a whole subnet of the other side. */
function wholeSubnetProblem(relevant: RelevantRule[], otherSubnets: { text: string; p: Prefix }[], problems: Bilingual[]): void {
  const narrow = relevant.filter((x) => x.peer && x.peer.length > 0 && x.rule.protocol !== '-1');
  if (narrow.length === 0) return;
  for (const protocol of [...new Set(narrow.map((x) => x.rule.protocol))].sort()) {
    const same = narrow.filter((x) => x.rule.protocol === protocol);
    const ported = protocol === 'tcp' || protocol === 'udp';
    const ports = ported ? [...new Set(same.map((x) => x.rule.fromPort ?? 0))].sort((a, b) => a - b) : [0];
    for (const port of ports) {
      const covering = same.filter((x) => !ported || ((x.rule.fromPort ?? 0) <= port && port <= (x.rule.toPort ?? MAX_PORT)))
        .map((x) => x.peer!).sort(byLo);
      const subnet = otherSubnets.find((t) => covered(covering, t.p));
      if (subnet) {
        problems.push(bi(`cover the whole subnet ${subnet.text} (${protocol}${ported ? ` ${port}` : ''})`,
          `サブネット ${subnet.text} 全体を対象にしている（${protocol}${ported ? ` ${port}` : ''}）`));
        break;
      }
    }
  }
}

function coversAllPorts(rules: RelevantRule[]): boolean {
  const ranges = rules.map((x) => [Math.max(1, x.rule.fromPort ?? 0), Math.min(MAX_PORT, x.rule.toPort ?? MAX_PORT)] as const)
    .filter(([a, b]) => a <= b).sort((a, b) => a[0] - b[0]);
  let next = 1;
  for (const [a, b] of ranges) {
    if (a > next) return false;
    next = Math.max(next, b + 1);
  }
  return next > MAX_PORT;
}

export const byLo = (a: Prefix, b: Prefix) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);

/** Whether the union of the prefixes (sorted by their lower end, `byLo`) holds every address of `block`. */
export function covered(prefixes: readonly Prefix[], block: Pick<Prefix, 'lo' | 'hi'>): boolean {
  let next = block.lo;
  for (const p of prefixes) {
    if (p.hi < next) continue;
    if (p.lo > next) return false;
    next = p.hi + 1n;
    if (next > block.hi) return true;
  }
  return next > block.hi;
}

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
    const candidate = (id: string) => {
      const segment = ctx.reach.segmentOf(id);
      return segment !== Segment.MY_NUMBER && segment !== Segment.INTERNET;
    };
    // A path the guard cannot follow reaches every subnet (semantics §9, fail closed): each one is a candidate peer.
    let others: string[] | undefined;
    for (const a of arrivalsFrom(ctx, subnetsIn(ctx, Segment.MY_NUMBER), (x) => x.end.kind === 'subnet' || x.end.kind === 'unknown')) {
      const ids = a.end.kind === 'subnet' ? [a.end.subnet].filter(candidate)
        : (others ??= nodesOf(ctx.graph, 'subnet').map((s) => s.id).filter(candidate).sort());
      for (const id of ids) if (!reached.has(id)) reached.set(id, a);
    }
    const findings: Finding[] = [];
    for (const [id, inbound] of [...reached].sort(([a], [b]) => a.localeCompare(b))) {
      const leak = ctx.reach.arrivals(id).find(OUT_OR_UNKNOWN);
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
