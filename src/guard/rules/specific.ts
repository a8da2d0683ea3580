import { Segment, SEGMENT_JA } from '../../model/segment';
import { alignedBlockWithin, familyOf, formatAddress, intervalToPrefixes, parsePrefix, Prefix } from '../address-space';
import { DEFAULT_VPC } from '../bridges';
import { DeclaredFlow } from '../declared';
import {
  deref, describeRef, groupVpcs, nodesOf, outsideGroups, Ref, rulePeerCidrs, rulePeerText, rulesOf, SecurityGroupNode, SecurityGroupRule, SubnetNode,
  TopologyGraph, VpcNode,
} from '../graph';
import { appendAll, Box, everything, HeaderSet, MAX_PORT } from '../header-set';
import { jaDestinations } from '../ja-engine';
import { oncePer } from '../memo';
import { Arrival, SMALLEST_SUBNET, subtractAll } from '../reachability';
import { bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, joinBi } from '../rule';
import { nameOf, segmentBlocks, subnetsIn } from '../topology';

/**
 * What specific communication (特定通信) means over what was synthesized, shared by the rules that require it (MN-3 between
 * My Number and LGWAN or the LGWAN WAN, LG-2, LG-3, AP-7): paths that carry whole subnets or wide runs of addresses, and
 * security groups that are not narrowed to hosts and ports (semantics §10).
 */

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
    const wide: { target: string; block: { en: string; ja: string }; via: Arrival }[] = [];
    for (const [target, arrivals] of byTarget) {
      const headers = headersOf(arrivals);
      // The subnet standing for those outside the output: any smallest subnet of its addresses (semantics §2, §10).
      const whole = ctx.reach.wholeBlock(target, headers);
      if (whole !== undefined) wide.push({ target, block: whole, via: arrivals[0] });
    }
    if (wide.length === 0) continue;
    // One finding per source subnet, naming the subnets it reaches whole.
    const [first, ...more] = wide;
    findings.push(finding(rule, nameOf(ctx.graph, source.id), {
      en: `traffic from this ${from} subnet reaches the whole ${to} subnet ${nameOf(ctx.graph, first.target)} (${first.block.en})`
        + `${more.length > 0 ? ` and ${more.length} more (${more.map((w) => w.block.en).join(', ')})` : ''}, not declared hosts`,
      ja: `この${SEGMENT_JA[from]}のサブネットからの通信が、宣言したホストではなく${SEGMENT_JA[to]}のサブネット ${nameOf(ctx.graph, first.target)}（${first.block.ja}）全体に届く`
        + `${more.length > 0 ? `（ほか ${more.length} 個: ${more.map((w) => w.block.ja).join(', ')}）` : ''}`,
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
export function unnarrowedGroups(ctx: GuardContext, rule: GuardRule, own: Segment, other: Segment, fix: Bilingual, ports = false): Finding[] {
  const otherBlocks = segmentBlocks(ctx.graph, other);
  const otherSubnets = subnetsIn(ctx, other).flatMap((s) => [s.cidr, s.ipv6Cidr].map((text) => ({ text, p: parsePrefix(text) })))
    .filter((x): x is { text: string; p: Prefix } => !!x.p);
  const side = { name: bi(`${other} segment`, SEGMENT_JA[other]), segment: other, blocks: otherBlocks, wholes: otherSubnets, unheld: unheldSpaces(ctx, other), ports };
  return unnarrowedGroupsToward(ctx, rule, own, side, fix);
}

/**
 * The addresses of a VPC that no subnet of the output holds (semantics §2: the subnet standing for those outside the
 * output holds them), or that a block of it cannot be read (where those subnets lie is then unknown).
 */
export interface UnheldSpace {
  readonly vpc: string;
  /** Its blocks less the literal blocks of the output's subnets in it: sorted, disjoint. */
  readonly ranges: readonly Pick<Prefix, 'lo' | 'hi'>[];
  /** A block of the VPC the guard cannot read (`VpcNode.unreadBlock`, GUARD-1). */
  readonly unread: boolean;
  /** The blocks of the VPC the guard reads: an unread block lies outside them (a VPC's blocks do not overlap). */
  readonly blocks: readonly Prefix[];
}

/**
 * The output's subnets by the VPC they are in (subnets standing for those outside the output, and subnets of a VPC the
 * guard cannot resolve, left out): asked for every VPC of a segment, which in a prefecture is a hundred members' VPCs.
 */
const subnetsByVpc = oncePer((graph: TopologyGraph): ReadonlyMap<string, readonly SubnetNode[]> => {
  const byVpc = new Map<string, SubnetNode[]>();
  for (const s of nodesOf(graph, 'subnet')) {
    if (s.outside || s.vpc.kind !== 'node') continue;
    const list = byVpc.get(s.vpc.id);
    if (list) list.push(s);
    else byVpc.set(s.vpc.id, [s]);
  }
  return byVpc;
});

/** `unheldSpacesOf` per graph and segment: several rules ask (MN-3, LG-2, LG-3 and the others of specific communication). */
const UNHELD = oncePer((): Map<Segment, UnheldSpace[]> => new Map());

/** `UnheldSpace` of every VPC of the segment that has any (as `Reachability.placeOutside` places the outside subnet's addresses). */
function unheldSpaces(ctx: GuardContext, segment: Segment): UnheldSpace[] {
  const known = UNHELD(ctx.graph);
  let spaces = known.get(segment);
  if (!spaces) known.set(segment, spaces = unheldSpacesOf(ctx.graph, segment));
  return spaces;
}

function unheldSpacesOf(graph: TopologyGraph, segment: Segment): UnheldSpace[] {
  const out: UnheldSpace[] = [];
  const byVpc = subnetsByVpc(graph);
  for (const v of nodesOf(graph, 'vpc')) {
    if (v.segment !== segment) continue;
    const held: Prefix[] = [];
    for (const s of byVpc.get(v.id) ?? []) {
      for (const c of [s.cidr, s.ipv6Cidr]) {
        const p = parsePrefix(c);
        if (p) held.push(p);
      }
    }
    held.sort(byLo);
    const ranges: { lo: bigint; hi: bigint }[] = [];
    const blocks: Prefix[] = [];
    for (const c of v.cidrs) {
      const block = parsePrefix(c);
      if (!block) continue;
      blocks.push(block);
      let next = block.lo;
      for (const h of held) {
        if (h.hi < next || h.lo > block.hi) continue;
        if (h.lo > next) ranges.push({ lo: next, hi: h.lo - 1n });
        next = h.hi + 1n;
      }
      if (next <= block.hi) ranges.push({ lo: next, hi: block.hi });
    }
    if (ranges.length > 0 || v.unreadBlock === true) out.push({ vpc: v.id, ranges: ranges.sort(byLo), unread: v.unreadBlock === true, blocks });
  }
  return out;
}

/** The other side of `unnarrowedGroupsToward`: its address blocks, the blocks a rule must not cover whole, its segment (for peer groups). */
export interface OtherSide {
  readonly name: Bilingual;
  readonly segment?: Segment;
  readonly blocks: readonly Prefix[];
  readonly wholes: readonly { text: string; p: Prefix }[];
  /** Its VPCs' addresses no subnet of the output holds, read as any smallest subnet AWS allows among them (semantics §2, §10). */
  readonly unheld?: readonly UnheldSpace[];
  /** Whether the ports toward a host of the other side must be those of the declared flows (特定通信: MN-3, LG-3; `undeclaredPorts`). */
  readonly ports?: boolean;
}

/** `unnarrowedGroups` toward any address space (a segment, or the LGWAN WAN as far as it is routed: LG-3). */
export function unnarrowedGroupsToward(ctx: GuardContext, rule: GuardRule, own: Segment, other: OtherSide, fix: Bilingual): Finding[] {
  const findings: Finding[] = [];
  const otherBlocks = [...other.blocks];
  const otherSubnets = [...other.wholes];
  const unheld = other.unheld ?? [];
  const unread = unheld.some((u) => u.unread);
  for (const group of judgedGroups(ctx)) {
    const placed = groupIn(ctx, group, own);
    if (!placed) continue;
    // A group of another model's part of a prefecture: its findings are that model's check's (`GuardContext.keeps`).
    if (ctx.keeps && !ctx.keeps(groupPath(ctx, group))) continue;
    for (const egress of [false, true]) {
      const relevant: RelevantRule[] = [];
      // With a block of the other side the guard cannot read, a CIDR peer outside its known blocks may lie in it (the
      // whole-subnet part reads them, fail closed).
      const stray: RelevantRule[] = [];
      for (const r of rulesOf(ctx.graph, group, egress)) {
        const peerGroup = deref<SecurityGroupNode>(ctx.graph, r.peerGroup);
        const where = other.segment !== undefined && peerGroup?.type === 'security-group' ? peerGroupIn(ctx, peerGroup, other.segment, group) : undefined;
        if (peerGroup && where) {
          relevant.push({ rule: r, group: peerGroup.id, where });
          continue;
        }
        // A peer group the guard cannot place (a literal id of a group outside the output, a value it cannot read) may be a
        // group of the other segment: counted as one (fail closed, semantics §10).
        const outside = outsidePeerGroup(ctx, r);
        if (other.segment !== undefined && outside !== undefined) {
          relevant.push({ rule: r, group: outside, where: OUTSIDE });
          continue;
        }
        // Parsed in the loop, not `rulePeerCidrs(r).map(parsePrefix)`: an optimized map returns a holey array, and this
        // loop's site, fed packed ones before, deoptimized on it.
        for (const c of rulePeerCidrs(r)) {
          const peer = parsePrefix(c);
          if (peer && otherBlocks.some((b) => b.lo <= peer.hi && peer.lo <= b.hi)) relevant.push({ rule: r, peer });
          else if (peer && unread && peer.length > 0) stray.push({ rule: r, peer });
        }
      }
      const problems = groupProblems(relevant, otherBlocks, otherSubnets, unheld, stray, unread ? ownBlocks(ctx, group) : []);
      // Judged against the flows of the part being checked (a prefecture member's): only that part's groups.
      if (other.ports) {
        problems.push(...undeclaredPorts(ctx, group, relevant, own, egress, otherBlocks, other.segment));
      }
      if (problems.length > 0) {
        const all = joinBi(problems, '; ', '、');
        findings.push(finding(rule, groupPath(ctx, group), {
          en: `security group ${group.id}${placed.en}: its ${egress ? 'egress rules toward' : 'ingress rules from'} the ${other.name.en} ${all.en}`,
          ja: `${placed.ja}セキュリティグループ ${group.id}: ${other.name.ja}${egress ? 'へのアウトバウンドルール' : 'からのインバウンドルール'}が${all.ja}`,
        }, fix));
      }
    }
  }
  return findings;
}

/**
 * With flows declared, what a rule opens toward a host of the other side must be what the declared flows between the host
 * and the group's segment name (特定通信: 「アプリケーションプロトコル（ポート番号）のレベルでの限定も行うこと」, REQUIREMENTS MN-3
 * *rev*): an egress rule's TCP / UDP ports those of flows from the segment to the host, an ingress rule's those of flows
 * from the host into the segment (replies need no rule: security groups are stateful); no other protocol (no declared
 * flow names one, and AWS opens every port of a protocol other than TCP, UDP and ICMP: "traffic on all ports is
 * allowed", AuthorizeSecurityGroupIngress; IP-in-IP or GRE carry anything). The host is:
 * - a peer address inside the other side's blocks, as it is;
 * - a wider peer (0.0.0.0/0, a /12 holding a WAN host): each declared host of a flow between the other side and the
 *   segment that it holds, where a path carries what the rule opens beyond the flows between the host and a subnet of the
 *   group's VPCs (outside auditor, red team 38: a /0 rule opened RDP to the 中間サーバー unseen); the rest of what it holds
 *   is judged by the paths, as the whole-subnet check leaves it. Not a forward proxy's group's rule toward every address
 *   (the α′ breakout's internet egress: any subnet of the VPC may hold a member, and the terminals' subnets route to the
 *   WAN), left to the paths;
 * - a peer group of the other segment: judged against every flow between the two segments, whichever host it is.
 * Without declared flows (a hand-built stack, the CLI without --blueprint) there is nothing to compare with. Declared and
 * empty (a blueprint's `flows: []`), there are no declared hosts: a rule whose peer lies inside the other side's blocks,
 * or is a peer group of the other segment, opens ports no flow names (as toward a host no declared flow names); a wider
 * peer holds no declared host, and is left to the paths as it is with flows declared.
 */
function undeclaredPorts(
  ctx: GuardContext, group: SecurityGroupNode, relevant: readonly RelevantRule[], own: Segment, egress: boolean, otherBlocks: readonly Prefix[],
  otherSegment: Segment | undefined,
): Bilingual[] {
  // The group's own part's flows (a prefecture's member), else the scope's: one member's declaration admits no other's rule.
  const flows = declaredAt(ctx, groupPath(ctx, group)).flows;
  if (flows === undefined) return [];
  const inOther = (p: Prefix) => otherBlocks.some((b) => b.family === p.family && b.lo <= p.lo && p.hi <= b.hi);
  // The flows between the segment and the other side in the rule's direction, and their hosts on the other side.
  const between = flows.filter((f) => (egress ? f.from.zone === own : f.to.zone === own));
  const declaredHosts: Prefix[] = [];
  for (const f of between) {
    for (const c of (egress ? f.to : f.from).cidrs) {
      const p = parsePrefix(c);
      if (p && inOther(p) && !declaredHosts.some((h) => h.family === p.family && h.lo === p.lo && h.hi === p.hi)) declaredHosts.push(p);
    }
  }
  const problems: Bilingual[] = [];
  for (const x of relevant) {
    const { rule: r, peer } = x;
    if (r.protocol === '-1' || r.protocol === 'icmp' || r.protocol === '58' || r.protocol === 'icmpv6') continue;
    const targets: { host: Prefix | undefined; matching: readonly DeclaredFlow[] }[] = [];
    if (peer) {
      // A forward proxy's rule toward every address is the α′ breakout's internet egress: what it reaches of the WAN the
      // paths judge (README known gaps: ports toward declared hosts).
      if (!inOther(peer) && peer.length === 0 && proxyGroups(ctx).has(group.id)) continue;
      const hosts = inOther(peer) ? [peer] : declaredHosts.filter((h) => h.family === peer.family && peer.lo <= h.lo && h.hi <= peer.hi);
      for (const host of hosts) {
        targets.push({ host, matching: between.filter((f) => cidrsCover((egress ? f.to : f.from).cidrs, host)) });
      }
    } else if (x.group !== undefined && otherSegment !== undefined) {
      targets.push({ host: undefined, matching: between.filter((f) => (egress ? f.to.zone : f.from.zone) === otherSegment) });
    }
    for (const { host, matching } of targets) {
      const wide = host !== undefined && peer !== undefined && !inOther(peer);
      if (wide && (r.protocol === 'tcp' || r.protocol === 'udp')
        && !carried(ctx, group, egress, host, r.protocol, undeclaredRanges(matching, r.protocol, r.fromPort ?? 0, r.toPort ?? MAX_PORT))) continue;
      const peerText = peer ? `${formatAddress(peer.lo)}/${peer.length}` : `security group ${x.group}`;
      const held = host && peer && (host.lo !== peer.lo || host.hi !== peer.hi) ? `${formatAddress(host.lo)}/${host.length}` : undefined;
      const where = bi(`${egress ? 'to' : 'from'} ${peerText}${held ? `, which holds the declared host ${held}` : ''}`,
        `${peerText}${held ? `（宣言したホスト ${held} を含む）` : ''} ${egress ? 'へ' : 'から'}`);
      if (r.protocol !== 'tcp' && r.protocol !== 'udp') {
        problems.push(bi(`open protocol ${r.protocol} (every port) ${where.en}, which no declared flow names`,
          `${where.ja}プロトコル ${r.protocol}（全ポート）を開いていて、それを名指す宣言した通信がない`));
        continue;
      }
      const from = r.fromPort ?? 0;
      const to = r.toPort ?? MAX_PORT;
      const next = firstUndeclaredPort(matching, r.protocol, from);
      if (next > to) continue;
      const opened = from === to ? `${r.protocol}/${from}` : `${r.protocol}/${from}-${to}`;
      problems.push(bi(`open ${opened} ${where.en}, beyond the ports of the declared flows (${r.protocol}/${next} is in none)`,
        `${where.ja} ${opened} を開いていて、宣言した通信のポートを超えている（${r.protocol}/${next} はどの通信にもない）`));
    }
  }
  return problems;
}

/**
 * The security groups of forward proxies: of the instances a boot script starts that configures Squid (`http_port`, as
 * breakout-controls.ts `proxyConfigs` finds proxies).
 */
const proxyGroups = oncePer((ctx: GuardContext): ReadonlySet<string> => {
  const out = new Set<string>();
  for (const n of nodesOf(ctx.graph, 'user-data')) {
    if (!/^[ \t]*http_port\b/m.test(n.text)) continue;
    for (const g of n.securityGroups) if (g.kind === 'node') out.add(g.id);
  }
  return out;
});

/** The port ranges within `from`–`to` of `protocol` that none of the flows names. */
function undeclaredRanges(flows: readonly DeclaredFlow[], protocol: 'tcp' | 'udp', from: number, to: number): { fromPort: number; toPort: number }[] {
  const out: { fromPort: number; toPort: number }[] = [];
  for (let next = firstUndeclaredPort(flows, protocol, from); next <= to;) {
    // The run of undeclared ports from `next`: up to the first declared one after it.
    let end = to;
    for (const f of flows) for (const p of f.ports) if (p.protocol === protocol && p.fromPort > next && p.fromPort - 1 < end) end = p.fromPort - 1;
    out.push({ fromPort: next, toPort: end });
    next = firstUndeclaredPort(flows, protocol, end + 1);
  }
  return out;
}

/**
 * Whether some path carries packets of `protocol` on one of the port ranges between `host` (a declared host of the other
 * side) and a subnet of the group's VPCs, in the rule's direction: from the subnets to the host (egress), or from the host
 * — its subnet, or the LGWAN WAN for a host no subnet of the output holds — to the subnets (ingress). What the guard
 * cannot probe (a block it cannot read, a VPC it cannot place) counts as carried (fail closed).
 */
function carried(
  ctx: GuardContext, group: SecurityGroupNode, egress: boolean, host: Prefix, protocol: 'tcp' | 'udp', ranges: readonly { fromPort: number; toPort: number }[],
): boolean {
  if (ranges.length === 0) return false;
  const ports = ranges.map((r) => ({ protocol, ...r }));
  const hostText = `${formatAddress(host.lo)}/${host.length}`;
  const vpcs = groupVpcs(ctx.graph, group).map((v) => deref<VpcNode>(ctx.graph, v.vpc));
  if (vpcs.some((v) => v?.type !== 'vpc')) return true;
  const ids = new Set(vpcs.map((v) => v!.id));
  const subnets = nodesOf(ctx.graph, 'subnet').filter((s) => s.vpc.kind === 'node' && ids.has(s.vpc.id));
  // The subnet that holds the host (ingress only; null: none of the output, the WAN), found once.
  let holder: SubnetNode | null | undefined;
  for (const s of subnets) {
    // The subnets outside the output (semantics §2) hold addresses of their VPC's blocks: each stands for their block.
    const blocks = (s.outside ? (deref<VpcNode>(ctx.graph, s.vpc)?.cidrs ?? []) : [s.cidr, s.ipv6Cidr])
      .filter((c): c is string => parsePrefix(c)?.family === host.family);
    if (blocks.length === 0) return true;
    for (const block of blocks) {
      const headers = egress ? ctx.reach.headersFor(block, hostText, ports) : ctx.reach.headersFor(hostText, block, ports);
      if (headers === undefined) return true;
      if (egress) {
        if (ctx.reach.probeFromSubnet(s.id, headers).arrivals.length > 0) return true;
        continue;
      }
      holder ??= nodesOf(ctx.graph, 'subnet').find((h) => cidrsCover([h.cidr, h.ipv6Cidr].filter((c): c is string => c !== undefined), host)) ?? null;
      const from = holder ? ctx.reach.probeFromSubnet(holder.id, headers) : ctx.reach.probeFromZone('LGWAN_WAN', headers);
      if (from.arrivals.some((a) => a.end.kind !== 'subnet' || a.end.subnet === s.id)) return true;
    }
  }
  return false;
}

/** Whether one of the CIDRs holds the whole `peer` block. */
export function cidrsCover(cidrs: readonly string[], peer: Prefix): boolean {
  return cidrs.some((c) => {
    const p = parsePrefix(c);
    return p !== undefined && p.family === peer.family && p.lo <= peer.lo && peer.hi <= p.hi;
  });
}

/** The first port from `from` up that none of the flows' port ranges of `protocol` names (past the last run they cover). */
export function firstUndeclaredPort(flows: readonly DeclaredFlow[], protocol: string, from: number): number {
  const ranges = flows.flatMap((f) => f.ports.filter((p) => p.protocol === protocol)).sort((a, b) => a.fromPort - b.fromPort);
  let next = from;
  for (const p of ranges) if (p.fromPort <= next && p.toPort >= next) next = p.toPort + 1;
  return next;
}

/** A rule toward the other side: its peer address, or its peer group and how that group may be of the other side (`where`). */
type RelevantRule = { rule: SecurityGroupRule; peer?: Prefix; group?: string; where?: Bilingual };

/** Said of a peer group outside the output: after its name in English, before it in Japanese. */
/**
 * The header sets of the arrivals in one list, pushed (`flatMap` builds a holey array, the reachability's sets are packed:
 * two array shapes at `coversWhole`'s sites).
 */
function headersOf(arrivals: readonly Arrival[]): Box[] {
  const out: Box[] = [];
  for (const a of arrivals) appendAll(out, a.headers);
  return out;
}

const OUTSIDE = bi(' outside what the guard reads', 'ガードが読む範囲外の');

/**
 * A security group is judged as a group of `segment` when its VPC is of that segment (nothing said) — or when the guard
 * cannot place its VPC (a literal `vpc-…` id, a parameter or variable, a Terraform data source, none given: the default
 * VPC), an association's or the group's own: its members may be in a VPC of any segment (fail closed, semantics §7, §10),
 * and the VPC is named, after the group's name in English and before it in Japanese. Undefined otherwise.
 */
export function groupIn(ctx: GuardContext, group: SecurityGroupNode, segment: Segment): Bilingual | undefined {
  if (group.outside) {
    return bi(`, a group outside what the guard reads, which may be of the ${segment} segment`, `ガードが読む範囲外の、${SEGMENT_JA[segment]}のものかもしれない`);
  }
  const vpc = deref<VpcNode>(ctx.graph, group.vpc);
  if (vpc?.type === 'vpc') return vpc.segment === segment ? NOTHING : undefined;
  const where = inUnplacedVpc(group.vpc, bi(`the ${segment} segment`, SEGMENT_JA[segment]));
  return bi(`, ${where.en}`, where.ja);
}

const NOTHING = bi('', '');

/** What `inUnplacedVpc` names, in Japanese (a space before a Latin word). */
const UNPLACED_JA = { 'VPC': ' VPC', 'subnet': 'サブネット', 'network interface': 'ネットワークインターフェース', 'launch template': '起動テンプレート' } as const;

/**
 * Where something in a VPC (or subnet) the guard cannot place is, and which segments that VPC may be of (`may`: "the LGWAN segment",
 * "LGWAN接続系"): in English a phrase (`in VPC vpc-…, which the guard cannot place (it may be of the LGWAN segment)`), in
 * Japanese one that goes before the thing's name. A literal id is named as written, no VpcId as the default VPC; a value
 * the guard cannot read is reported by GUARD-1 with its expression.
 */
export function inUnplacedVpc(ref: Ref, may: Bilingual, what: 'VPC' | 'subnet' | 'network interface' | 'launch template' | 'nothing' = 'VPC'): Bilingual {
  const maybe = bi(`(it may be of ${may.en})`, `（${may.ja}のものかもしれない）`);
  // A labelled resource that names no subnet, VPC, interface or template the guard reads (RoleLabelNode.nowhere).
  if (what === 'nothing') {
    return bi(`where the guard cannot place it, naming no subnet or VPC that it reads ${maybe.en}`,
      `ガードが読めるサブネットも VPC も指定しておらず、位置を特定できない場所${maybe.ja}にある`);
  }
  const ja = UNPLACED_JA[what];
  if (what === 'VPC' && ref.kind === 'unresolved' && ref.expression === describeRef(DEFAULT_VPC)) {
    return bi(`in the default VPC, which the guard does not model ${maybe.en}`, `ガードがモデル化しない既定の VPC${maybe.ja}にある`);
  }
  if (ref.kind === 'unresolved') return bi(`in a ${what} the guard cannot read ${maybe.en}`, `ガードが読めない${ja}${maybe.ja}にある`);
  return bi(`in ${what} ${describeRef(ref)}, which the guard cannot place ${maybe.en}`, `ガードが位置を特定できない${ja} ${describeRef(ref)}${maybe.ja}にある`);
}

/**
 * Whether a peer security group may have members in `segment`, and how, said after the group's name in English and before
 * it in Japanese: its own VPC is of that segment (nothing said), or one the guard cannot place (named); it is associated
 * with a VPC of it (`groupVpcs`), or with one the guard cannot place (a literal `vpc-…` id, a parameter or variable: fail
 * closed), the association named. Undefined when none of its VPCs is of the segment. A peer whose own VPC is that of the
 * group being judged (`judged`: the group itself, or one of the same literal VPC id) has its members there in the judged
 * group's segment, not the other.
 */
export function peerGroupIn(ctx: GuardContext, group: SecurityGroupNode, segment: Segment, judged?: SecurityGroupNode): Bilingual | undefined {
  for (const { vpc: ref, via } of groupVpcs(ctx.graph, group)) {
    const vpc = deref<VpcNode>(ctx.graph, ref);
    if (via === undefined) {
      if (vpc?.type === 'vpc') {
        if (vpc.segment === segment) return NOTHING;
        continue;
      }
      if (judged && sameVpc(group, judged)) continue;
      const where = inUnplacedVpc(ref, bi(`the ${segment} segment`, SEGMENT_JA[segment]));
      return bi(`, ${where.en}`, where.ja);
    }
    if (vpc?.type === 'vpc' && vpc.segment === segment) {
      return bi(`, associated with ${segment} VPC ${vpc.id} by ${via}`, `${via} で${SEGMENT_JA[segment]}の VPC ${vpc.id} に関連付けられた`);
    }
    if (vpc?.type !== 'vpc') {
      // A literal id is named as written; a value the guard cannot read is reported by GUARD-1 with its expression.
      const named = ref.kind === 'unresolved' ? bi('a VPC it cannot read', 'ガードが読めない VPC') : bi(`VPC ${describeRef(ref)}`, `ガードが位置を特定できない VPC ${describeRef(ref)}`);
      return bi(`, associated by ${via} with ${named.en}, which the guard cannot place (it may be of the ${segment} segment)`,
        `${via} で、${named.ja}（${SEGMENT_JA[segment]}のものかもしれない）に関連付けられた`);
    }
  }
  return undefined;
}

/**
 * Whether a peer group's own VPC, one the guard cannot place, is the judged group's VPC: the same literal `vpc-…` id (two
 * values it cannot read may differ), or the same group in a literal VPC or the default one. A group whose VpcId the guard
 * cannot read (a parameter, a variable, a value known after apply) naming itself is a peer it cannot place, as a group
 * outside the output naming itself is (`outsidePeerGroup`): what the value stands for is not known, nor which VPCs the
 * group's members are in, so the rule may open the group between segments (fail closed; semantics §7).
 */
function sameVpc(peer: SecurityGroupNode, judged: SecurityGroupNode): boolean {
  if (peer.id === judged.id) return judged.vpc.kind !== 'unresolved' || judged.vpc.expression === describeRef(DEFAULT_VPC);
  return peer.vpc.kind === 'external' && judged.vpc.kind === 'external' && peer.vpc.value === judged.vpc.value;
}

/**
 * The peer group of a rule when it is no security group of the graph (a literal `sg-…` id, another account's group, a
 * value the guard cannot resolve), named as written; undefined otherwise. A group outside the output naming itself (the
 * same literal id) is such a peer too: its members may be in any VPC the output does not show it associated with
 * (`AWS::EC2::SecurityGroupVpcAssociation` made elsewhere), of the other segment as well, so the rule opens what it
 * names between segments (fail closed; semantics §7).
 */
export function outsidePeerGroup(ctx: GuardContext, r: SecurityGroupRule): string | undefined {
  if (r.peerGroup === undefined || deref<SecurityGroupNode>(ctx.graph, r.peerGroup)?.type === 'security-group') return undefined;
  return describeRef(r.peerGroup);
}

/**
 * The groups the rules on security groups judge: those of the output, then stand-ins for groups outside it that rule
 * resources are written for (`outsideGroups`, semantics §7).
 */
export function judgedGroups(ctx: GuardContext): readonly SecurityGroupNode[] {
  return [...nodesOf(ctx.graph, 'security-group'), ...outsideGroups(ctx.graph)];
}

/** Where a finding about a group points: the group, or for a stand-in the rule resource that names it first. */
export function groupPath(ctx: GuardContext, group: SecurityGroupNode): string {
  if (!group.outside) return nameOf(ctx.graph, group.id);
  // A rule resource read as several nodes (`<id>#<n>`) is named as the resource.
  return ctx.graph.nodes.get(group.outside.at)?.path ?? group.outside.at.replace(/#.*$/, '');
}

/** Why the rules of one group and direction toward the other side are too wide (every reason, in a fixed order). */
function groupProblems(
  relevant: RelevantRule[], otherBlocks: Prefix[], otherSubnets: { text: string; p: Prefix }[], unheld: readonly UnheldSpace[],
  stray: readonly RelevantRule[], own: readonly Prefix[],
): Bilingual[] {
  // Most groups have no rule toward the other side at all. (Split in small functions: V8 compiles each on its own.)
  if (relevant.length === 0 && stray.length === 0) return [];
  const problems: Bilingual[] = [];
  for (const x of relevant) {
    if (x.rule.protocol !== '-1') continue;
    const where = x.where ?? bi('', '');
    problems.push(bi(`allow all traffic (${x.group ? `security group ${x.group}${where.en}` : rulePeerText(x.rule).en})`,
      `すべての通信を許可している（${x.group ? `${where.ja}セキュリティグループ ${x.group}` : rulePeerText(x.rule).ja}）`));
  }
  for (const protocol of ['tcp', 'udp']) everyPortProblems(relevant.filter((x) => x.rule.protocol === protocol), protocol, otherBlocks, problems);
  wholeSubnetProblem(relevant, otherSubnets, unheld, stray, own, problems);
  return problems;
}

/** Rules of one protocol (TCP or UDP) that between them open every port to one peer group or one peer address. */
function everyPortProblems(ported: RelevantRule[], protocol: string, otherBlocks: Prefix[], problems: Bilingual[]): void {
  if (ported.length === 0) return;
  // One peer group at a time; one peer address at a time, at the lower ends of the rules' CIDRs clipped to the other side.
  const groups = [...new Set(ported.map((x) => x.group).filter((g): g is string => !!g))];
  for (const g of groups) {
    const where = ported.find((x) => x.group === g)?.where ?? bi('', '');
    if (coversAllPorts(ported.filter((x) => x.group === g))) {
      problems.push(bi(`open every ${protocol} port to security group ${g}${where.en}`, `${where.ja}セキュリティグループ ${g} に ${protocol} の全ポートを開いている`));
    }
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

/**
 * One protocol and port at a time: the union of CIDRs other than /0 covering a whole subnet of the other side — one of
 * the output; else a smallest subnet AWS allows (a /28, a /64: `SMALLEST_SUBNET`) among the addresses of a VPC of the
 * other side that no subnet of the output holds, where a subnet created later is covered whole as one of the output
 * would be; else, where a block of such a VPC cannot be read, such a block anywhere but that VPC's other blocks (a VPC's
 * blocks do not overlap) and the group's own VPC (`own`: an address there is delivered by that VPC's local route, never
 * to another VPC), `stray` peers outside the known blocks included (semantics §2, §10). One reason per protocol.
 */
function wholeSubnetProblem(
  relevant: readonly RelevantRule[], otherSubnets: readonly { text: string; p: Prefix }[], unheld: readonly UnheldSpace[],
  stray: readonly RelevantRule[], own: readonly Prefix[], problems: Bilingual[],
): void {
  const narrow = [...relevant, ...stray].filter((x) => x.peer && x.peer.length > 0 && x.rule.protocol !== '-1');
  if (narrow.length === 0) return;
  const isStray = new Set(stray);
  const unread = unheld.filter((u) => u.unread);
  for (const protocol of [...new Set(narrow.map((x) => x.rule.protocol))].sort()) {
    const same = narrow.filter((x) => x.rule.protocol === protocol);
    const ported = protocol === 'tcp' || protocol === 'udp';
    const ports = ported ? [...new Set(same.map((x) => x.rule.fromPort ?? 0))].sort((a, b) => a - b) : [0];
    ports: for (const port of ports) {
      const on = same.filter((x) => !ported || ((x.rule.fromPort ?? 0) <= port && port <= (x.rule.toPort ?? MAX_PORT)));
      const covering = on.filter((x) => !isStray.has(x)).map((x) => x.peer!).sort(byLo);
      const tail = `${protocol}${ported ? ` ${port}` : ''}`;
      const subnet = otherSubnets.find((t) => covered(covering, t.p));
      if (subnet) {
        problems.push(bi(`cover the whole subnet ${subnet.text} (${tail})`, `サブネット ${subnet.text} 全体を対象にしている（${tail}）`));
        break;
      }
      const free = smallestSubnetIn(covering, unheld);
      if (free) {
        problems.push(bi(`cover a whole smallest subnet AWS allows (${free.block}) in ${free.within} of VPC ${free.vpc}, which no subnet of the output holds (${tail})`,
          `合成結果のどのサブネットも持たない VPC ${free.vpc} の ${free.within} のうち、AWS が許す最小のサブネット（${free.block}）全体を対象にしている（${tail}）`));
        break;
      }
      const peers = on.map((x) => x.peer!).sort(byLo);
      for (const u of unread) {
        const block = runsLess(peers, [...own, ...u.blocks]).map((r) => alignedBlockWithin(r.lo, r.hi, SMALLEST_SUBNET)).find((b) => b !== undefined);
        if (!block) continue;
        problems.push(bi(`cover a whole smallest subnet AWS allows (${block}), which may lie in a block of VPC ${u.vpc} the guard cannot read (${tail})`,
          `ガードが読めない VPC ${u.vpc} のブロックにありうる、AWS が許す最小のサブネット（${block}）全体を対象にしている（${tail}）`));
        break ports;
      }
    }
  }
}

/** The first smallest subnet AWS allows that the peers (sorted, `byLo`) hold whole among a VPC's unheld addresses: it, the unheld prefix around it, the VPC. */
function smallestSubnetIn(peers: readonly Prefix[], unheld: readonly UnheldSpace[]): { block: string; within: string; vpc: string } | undefined {
  if (peers.length === 0) return undefined;
  for (const u of unheld) {
    for (const range of u.ranges) {
      const clipped: { lo: bigint; hi: bigint }[] = [];
      for (const p of peers) {
        if (p.lo <= range.hi && range.lo <= p.hi) clipped.push({ lo: p.lo > range.lo ? p.lo : range.lo, hi: p.hi < range.hi ? p.hi : range.hi });
      }
      for (const run of runsLess(clipped, [])) {
        const block = alignedBlockWithin(run.lo, run.hi, SMALLEST_SUBNET);
        if (block === undefined) continue;
        const lo = parsePrefix(block)!.lo;
        // The unheld range named as the prefix of its fewest that holds the block (`10.1.64.0/18`).
        const within = intervalToPrefixes(range.lo, range.hi).find((c) => {
          const p = parsePrefix(c)!;
          return p.lo <= lo && lo <= p.hi;
        })!;
        return { block, within, vpc: u.vpc };
      }
    }
  }
  return undefined;
}

/** The runs of addresses the ranges (sorted by their lower end) hold between them, less those of `cut`. */
function runsLess(ranges: readonly Pick<Prefix, 'lo' | 'hi'>[], cut: readonly Pick<Prefix, 'lo' | 'hi'>[]): { lo: bigint; hi: bigint }[] {
  const merged: { lo: bigint; hi: bigint }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    // One family at a time: IPv6 follows IPv4 on the one address axis.
    if (last && r.lo <= last.hi + 1n && familyOf(r.lo) === familyOf(last.lo)) last.hi = last.hi > r.hi ? last.hi : r.hi;
    else merged.push({ lo: r.lo, hi: r.hi });
  }
  let out = merged;
  for (const c of cut) {
    const next: { lo: bigint; hi: bigint }[] = [];
    for (const r of out) {
      if (c.hi < r.lo || r.hi < c.lo) {
        next.push(r);
        continue;
      }
      if (r.lo < c.lo) next.push({ lo: r.lo, hi: c.lo - 1n });
      if (c.hi < r.hi) next.push({ lo: c.hi + 1n, hi: r.hi });
    }
    out = next;
  }
  return out;
}

/** The blocks of a group's VPC, where it is one VPC the guard places (no association): its addresses never leave that VPC. */
function ownBlocks(ctx: GuardContext, group: SecurityGroupNode): Prefix[] {
  const vpcs = groupVpcs(ctx.graph, group);
  const vpc = vpcs.length === 1 ? deref<VpcNode>(ctx.graph, vpcs[0].vpc) : undefined;
  if (vpc?.type !== 'vpc') return [];
  return vpc.cidrs.map((c) => parsePrefix(c)).filter((p): p is Prefix => !!p);
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

export const byLo = (a: Pick<Prefix, 'lo'>, b: Pick<Prefix, 'lo'>) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0);

/** Whether the union of the prefixes (sorted by their lower end, `byLo`) holds every address of `block`. */
export function covered(prefixes: readonly Pick<Prefix, 'lo' | 'hi'>[], block: Pick<Prefix, 'lo' | 'hi'>): boolean {
  let next = block.lo;
  for (const p of prefixes) {
    if (p.hi < next) continue;
    if (p.lo > next) return false;
    next = p.hi + 1n;
    if (next > block.hi) return true;
  }
  return next > block.hi;
}


/** The LGWAN WAN's zone label (`jichitai:zone`): the J-LIS closed network behind a VPN or transit gateway attachment. */
export const WAN_ZONE = 'LGWAN_WAN';

/**
 * The most addresses of the LGWAN WAN that a subnet may reach in one run when nothing is declared (semantics §10, MN-3
 * and LG-3): a /24. The hosts reached there (LGWAN-ASP services, the 中間サーバー) are hosts or small host ranges; a run
 * wider than a /24 is a network, not a service (a hand-built stack routes its services' host prefixes).
 */
const MAX_UNDECLARED_RUN = 256n;

/** The runs of addresses (lo, hi) some box of `headers` holds, each family apart, in order. */
function addressRuns(ctx: GuardContext, headers: HeaderSet): [bigint, bigint][] {
  const sorted = headers.map((b) => [ctx.reach.atoms.lo(b.d0), ctx.reach.atoms.hi(b.d1)] as [bigint, bigint])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    // IPv6 follows IPv4 on the one address axis: a run never crosses from one family into the other.
    if (last && r[0] <= last[1] + 1n && familyOf(r[0]) === familyOf(last[0])) last[1] = last[1] > r[1] ? last[1] : r[1];
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** What `wanPaths` asks the reachability about a segment, which no model or declaration changes. */
interface WanReach {
  /** Each subnet of the segment that reaches the WAN: its arrivals there and the runs of WAN addresses they carry. */
  readonly toWan: readonly { source: string; arrivals: Arrival[]; runs: [bigint, bigint][] }[];
  /** Every WAN address block some subnet of the segment reaches (for the security-group check). */
  readonly wanBlocks: readonly Prefix[];
  /** What the WAN may send to each subnet of the segment. */
  readonly fromWan: ReadonlyMap<string, Arrival[]>;
}

/**
 * `WanReach` once per reachability and segment: a prefecture's graph is checked once per model present (`checkParts`),
 * and MN-3 and LG-3 ask in every pass; only the findings below read the declared flows.
 */
const wanReachOf = oncePer((_reach: GuardContext['reach']) => new Map<Segment, WanReach>());

function wanReach(ctx: GuardContext, segment: Segment): WanReach {
  const known = wanReachOf(ctx.reach);
  const had = known.get(segment);
  if (had) return had;
  const toWan: { source: string; arrivals: Arrival[]; runs: [bigint, bigint][] }[] = [];
  const wanBlocks: Prefix[] = [];
  for (const source of subnetsIn(ctx, segment)) {
    const arrivals = ctx.reach.arrivals(source.id).filter((a) => a.end.kind === 'zone' && a.end.zone === WAN_ZONE);
    if (arrivals.length === 0) continue;
    const runs = addressRuns(ctx, arrivals.flatMap((a) => a.headers));
    for (const [lo, hi] of runs) wanBlocks.push({ family: familyOf(lo), lo, hi, length: 1 });
    toWan.push({ source: source.id, arrivals, runs });
  }
  // Everything the WAN may send (the reachability caches the walk: MN-3, LG-1 and LG-3 ask the same question).
  const fromWan = new Map<string, Arrival[]>();
  for (const a of ctx.reach.probeFromZone(WAN_ZONE, ctx.reach.everyHeader()).arrivals) {
    if (a.end.kind !== 'subnet' || ctx.reach.segmentOf(a.end.subnet) !== segment) continue;
    const list = fromWan.get(a.end.subnet);
    if (list) list.push(a);
    else fromWan.set(a.end.subnet, [a]);
  }
  const made = { toWan, wanBlocks, fromWan };
  known.set(segment, made);
  return made;
}

/** How one rule names its side and its declared flows in the findings of `wanPaths`. */
export interface WanWords {
  /** `this LGWAN subnet`, `この LGWAN接続系のサブネット`. */
  readonly subnet: Bilingual;
  /** The kind of declared flow that may cross: `LGWAN-ASP`, `specific communication (特定通信)`; in Japanese as it stands
   * between 「宣言したどの」 and 「の通信」, spaces included (` LGWAN-ASP `, `特定通信`). */
  readonly flow: Bilingual;
  /** What may be reached in the WAN: `LGWAN-ASP service hosts`. */
  readonly service: Bilingual;
}

/**
 * Paths between the subnets of `segment` and the LGWAN WAN, both ways, that go beyond specific communication (特定通信):
 * with flows declared (an empty list too: then none crosses), WAN addresses no declared flow between `segment` and the
 * WAN names (and, from the WAN, addresses of `segment` none names); with none declared at all (a hand-built stack), a
 * run of WAN addresses wider than a /24 (and, from the WAN, a whole subnet). Then the security groups of `segment` toward what is routed of the WAN: no rule for all
 * traffic or every port.
 */
export function wanPaths(ctx: GuardContext, rule: GuardRule, segment: Segment, words: WanWords, fix: Bilingual): Finding[] {
  const findings: Finding[] = [];
  // What the declared flows between the segment and the WAN allow, per declaration: a subnet's own part's flows (a
  // prefecture's member, `declaredAt`), else the scope's — one member's flow to a WAN service admits no other member's path.
  const allowedBy = new Map<readonly DeclaredFlow[] | undefined, { declared: boolean; wan: HeaderSet; here: HeaderSet }>();
  const allowedAt = (path: string) => {
    const flows = declaredAt(ctx, path).flows;
    let allowed = allowedBy.get(flows);
    if (!allowed) {
      const crossing = (flows ?? []).filter((f) => new Set([f.from.zone, f.to.zone]).size === 2
        && [f.from.zone, f.to.zone].includes(segment) && [f.from.zone, f.to.zone].includes(WAN_ZONE));
      const hostBoxes = (zone: string) => crossing.flatMap((f) => [f.from, f.to]).filter((h) => h.zone === zone).flatMap((h) => h.cidrs)
        .flatMap((c) => {
          const p = parsePrefix(c);
          if (!p) return [];
          try {
            return everything(ctx.reach.protocols, ctx.reach.atoms.range(p), ctx.reach.atoms.family(p.family));
          } catch {
            return [];
          }
        });
      allowedBy.set(flows, allowed = { declared: flows !== undefined, wan: hostBoxes(WAN_ZONE), here: hostBoxes(segment) });
    }
    return allowed;
  };

  // Segment → WAN. Every arrival of the subnet at the WAN counts together (semantics §10: the subnet's arrivals): two
  // adjacent /24 routes make one run of 512 addresses.
  const { toWan: reaching, wanBlocks, fromWan } = wanReach(ctx, segment);
  for (const { source, arrivals: toWan, runs: reached } of reaching) {
    // The WAN blocks serve the security-group check of every part; the finding below is this subnet's alone.
    if (ctx.keeps && !ctx.keeps(nameOf(ctx.graph, source))) continue;
    const { declared, wan: allowedWan } = allowedAt(nameOf(ctx.graph, source));
    let wide: { a: Arrival; extra: HeaderSet } | undefined;
    if (declared) {
      wide = toWan.map((a) => ({ a, extra: subtractAll(a.headers, allowedWan) })).find((x) => x.extra.length > 0);
    } else {
      const run = reached.find(([lo, hi]) => hi - lo + 1n > MAX_UNDECLARED_RUN);
      const inRun = (b: Box) => ctx.reach.atoms.lo(b.d0) <= run![1] && run![0] <= ctx.reach.atoms.hi(b.d1);
      const a = run && toWan.find((x) => x.headers.some(inRun));
      if (a) wide = { a, extra: toWan.flatMap((x) => x.headers.filter(inRun)) };
    }
    if (!wide) continue;
    const extra = ctx.reach.destinations(wide.extra);
    findings.push(finding(rule, nameOf(ctx.graph, source), declared
      ? bi(`traffic from ${words.subnet.en} reaches LGWAN WAN addresses that no declared ${words.flow.en} flow names (${extra})`,
        `${words.subnet.ja}からの通信が、宣言したどの${words.flow.ja}の通信にもない LGWAN のアドレスに届く（${jaDestinations(extra)}）`)
      : bi(`traffic from ${words.subnet.en} reaches a run of LGWAN WAN addresses wider than a /24 (${extra}), not ${words.service.en}`,
        `${words.subnet.ja}からの通信が、${words.service.ja}ではなく、/24 より広い LGWAN のアドレス範囲に届く（${jaDestinations(extra)}）`),
    fix, ctx.reach.hops(wide.a)));
  }

  // WAN → segment: what every entry delivers to one subnet counts together (a /25 route and a propagated /16 can
  // between them carry the whole subnet).
  for (const [target, arrivals] of fromWan) {
    if (ctx.keeps && !ctx.keeps(nameOf(ctx.graph, target))) continue;
    const { declared, here: allowedHere } = allowedAt(nameOf(ctx.graph, target));
    const beyond = declared ? arrivals.map((a) => ({ a, extra: subtractAll(a.headers, allowedHere) })).find((x) => x.extra.length > 0) : undefined;
    const union = declared ? [] : headersOf(arrivals);
    const whole = declared ? undefined : ctx.reach.wholeBlock(target, union);
    if (!beyond && !whole) continue;
    findings.push(finding(rule, nameOf(ctx.graph, target), beyond
      ? bi(`the LGWAN WAN reaches addresses of ${words.subnet.en} that no declared ${words.flow.en} flow names (${ctx.reach.destinations(beyond.extra)})`,
        `LGWAN から、宣言したどの${words.flow.ja}の通信にもない、${words.subnet.ja}のアドレスに届く（${jaDestinations(ctx.reach.destinations(beyond.extra))}）`)
      : bi(`the LGWAN WAN reaches the whole ${SEGMENT_EN[segment]} subnet ${whole!.en}, not declared hosts`,
        `LGWAN から、宣言したホストではなく${SEGMENT_JA[segment]}のサブネット ${whole!.ja} 全体に届く`),
    fix, ctx.reach.hops(beyond?.a ?? arrivals[0])));
  }

  // Security groups toward what is routed of the WAN.
  if (wanBlocks.length > 0) {
    findings.push(...unnarrowedGroupsToward(ctx, rule, segment, { name: bi('LGWAN WAN', 'LGWAN（WAN）'), blocks: wanBlocks, wholes: [], ports: true }, fix));
  }
  return findings;
}

/** The segments' names in English findings. */
const SEGMENT_EN: Record<Segment, string> = {
  [Segment.MY_NUMBER]: 'My Number',
  [Segment.LGWAN]: 'LGWAN',
  [Segment.INTERNET]: 'Internet-segment',
};
