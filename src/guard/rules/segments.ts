import { SECURITY_CLOUD_MEMBER_ZONE } from '../../model/security-cloud';
import { Segment, SEGMENT_JA, SEGMENT_TAG_KEY, Zone } from '../../model/segment';
import { parsePrefix, Prefix } from '../address-space';
import { deref, nodesOf, TransitAttachmentNode, VpcNode } from '../graph';
import { jaOrEn } from '../ja-engine';
import { unplacedInboundFindings } from './paths';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardContext, GuardRule, Severity } from '../rule';
import { nameOf, segmentOf } from '../topology';

/** How SEG-1 names the security cloud hub's VPC attachments (no segment of a municipality). */
const HUB = 'SECURITY_CLOUD_HUB';

/** A segment's Japanese name, or the value itself when it is no segment. */
const segJa = (s: string | undefined) => (s !== undefined && s in SEGMENT_JA ? SEGMENT_JA[s as Segment] : String(s));

/** SEG-1: every VPC and subnet belongs to exactly one segment; no peering or propagation between segments. */
export const SEG1: GuardRule = {
  id: 'SEG-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Every subnet in a guarded scope belongs to exactly one segment (the VPC\'s); no peering, propagation or default route table shared between segments.',
  check(ctx) {
    const findings: Finding[] = [];
    const add = (id: string, message: Bilingual, fix: Bilingual) =>
      findings.push(finding(this, nameOf(ctx.graph, id), message, fix));
    for (const s of nodesOf(ctx.graph, 'subnet')) {
      const own = s.segment;
      const vpcSegment = deref<VpcNode>(ctx.graph, s.vpc)?.segment;
      if (own && vpcSegment && own !== vpcSegment) {
        add(s.id, bi(`the subnet is labelled ${own} but its VPC is ${vpcSegment}`, `サブネットのラベルは ${own}（${segJa(own)}）だが、その VPC は ${vpcSegment}（${segJa(vpcSegment)}）`),
          bi('a VPC holds one segment only; move the subnet or fix the label', '1 つの VPC には 1 つの系しか置かない。サブネットを移すか、ラベルを直す'));
      }
      if (!segmentOf(ctx.graph, s) && s.vpc.kind !== 'node') {
        add(s.id, bi('the subnet is in a VPC outside the synthesized output, so its segment is unknown', 'サブネットが合成結果の外の VPC にあり、どの系に属するか分からない'),
          bi(`tag it ${SEGMENT_TAG_KEY}`, `サブネットにタグ ${SEGMENT_TAG_KEY} を付ける`));
      }
    }
    for (const p of nodesOf(ctx.graph, 'vpc-peering')) {
      const a = deref<VpcNode>(ctx.graph, p.vpc)?.segment;
      const b = deref<VpcNode>(ctx.graph, p.peerVpc)?.segment;
      if (a !== b) {
        add(p.id, bi(`peering connects ${a ?? 'an unlabelled VPC'} and ${b ?? 'an unlabelled VPC'}`,
          `ピアリングが ${a ?? 'ラベルのない VPC'} と ${b ?? 'ラベルのない VPC'} をつないでいる`),
        bi('remove the peering; segments meet only through transit gateway routes for declared flows',
          'ピアリングを削除する。系どうしは、宣言した通信のための Transit Gateway のルートでのみつなぐ'));
      }
    }
    const segmentOfAttachment = (a: TransitAttachmentNode | undefined) => {
      const vpc = a?.kind === 'vpc' ? deref<VpcNode>(ctx.graph, a.vpc) : undefined;
      return (vpc?.hub ? HUB : vpc?.segment) ?? (a ? a.zone ?? a.id : undefined);
    };
    // A security cloud hub and its members' Internet segments propagate into each other's tables by design (SC-1 judges
    // what that lets members reach).
    const compatible = (owner: string | undefined, from: string | undefined) =>
      owner === from || (owner === HUB && from === Segment.INTERNET) || (owner === Segment.INTERNET && from === HUB);
    // The implicit default route table is reported once, on the gateway, below.
    for (const t of nodesOf(ctx.graph, 'transit-route-table').filter((x) => !x.default)) {
      // A hub's table for a member declared in another account or app (labelled SECURITY_CLOUD_MEMBER_ZONE) is associated
      // with that member's attachment by id: the member's Internet segment, as the hub declares it.
      const declaredMember = t.tags['jichitai:zone'] === SECURITY_CLOUD_MEMBER_ZONE;
      const owners = new Set(t.associations.map((r) => (declaredMember && r.kind === 'external' ? Segment.INTERNET
        : segmentOfAttachment(deref<TransitAttachmentNode>(ctx.graph, r)))));
      for (const p of t.propagations) {
        const from = segmentOfAttachment(deref<TransitAttachmentNode>(ctx.graph, p));
        if (![...owners].every((o) => compatible(o, from))) {
          add(t.id, bi(`a propagation from ${from ?? 'an unknown attachment'} leaks its whole address space into the table of ${[...owners].join(', ') || 'no attachment'}`,
            `${from ?? '不明なアタッチメント'} からの伝播で、そのアドレス空間全体が ${[...owners].join(', ') || '（アタッチメントなし）'} のルートテーブルに漏れている`),
          bi('remove the propagation; declare static host routes for the declared flows instead', '伝播を削除し、代わりに宣言した通信のホストへの静的ルートを設定する'));
        }
      }
    }
    for (const tgw of nodesOf(ctx.graph, 'transit-gateway')) {
      if (tgw.defaultRouteTableAssociation || tgw.defaultRouteTablePropagation) {
        add(tgw.id, bi('default route table association/propagation is enabled: every attachment would share one table',
          'デフォルトルートテーブルへの関連付け・伝播が有効で、すべてのアタッチメントが 1 つのルートテーブルを共有してしまう'),
        bi('set DefaultRouteTableAssociation and DefaultRouteTablePropagation to disable', 'DefaultRouteTableAssociation と DefaultRouteTablePropagation を disable にする'));
      }
    }
    // What the extractors left for SEG-1 rather than GUARD-1: traffic mirror sessions (src/guard/bridges.ts).
    findings.push(...leftFor(ctx, this));
    return findings;
  },
};

/** SEG-2: segment CIDRs do not overlap. */
export const SEG2: GuardRule = {
  id: 'SEG-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Segment VPC address blocks (primary and secondary, IPv4 and IPv6) do not overlap each other or the declared external networks '
    + '(hosts in the LGWAN WAN or the security cloud).',
  check(ctx) {
    const findings: Finding[] = [];
    const blocks = nodesOf(ctx.graph, 'vpc').filter((v) => v.segment)
      .flatMap((v) => v.cidrs.map((text) => ({ vpc: v, text, p: parsePrefix(text) })))
      .filter((x): x is { vpc: VpcNode; text: string; p: Prefix } => x.p !== undefined);
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        const [a, b] = [blocks[i], blocks[j]];
        if (a.vpc.segment !== b.vpc.segment && a.p.lo <= b.p.hi && b.p.lo <= a.p.hi) {
          findings.push(finding(this, nameOf(ctx.graph, b.vpc.id),
            bi(`${b.vpc.segment} ${b.text} overlaps ${a.vpc.segment} ${a.text}`, `${segJa(b.vpc.segment)}の ${b.text} が${segJa(a.vpc.segment)}の ${a.text} と重なっている`),
            bi('give each segment its own address range', '系ごとに重ならないアドレス範囲を割り当てる')));
        }
      }
    }
    // The declared external networks: hosts in the LGWAN WAN or the security cloud, declared or named by a declared flow.
    // A segment block over one keeps the traffic to it in the VPC (the local route is the most specific there), and a
    // route to it would also carry the segment (validation refuses the same in a blueprint: src/model/validate.ts).
    const external = new Map<string, { name: string; zone: string; text: string; p: Prefix }>();
    for (const h of [...(ctx.hosts ?? []), ...(ctx.flows ?? []).flatMap((f) => [f.from, f.to])]) {
      if (h.zone !== Zone.LGWAN_WAN && h.zone !== Zone.SECURITY_CLOUD) continue;
      for (const text of h.cidrs) {
        const p = parsePrefix(text);
        if (p) external.set(`${h.zone} ${h.name} ${text}`, { name: h.name, zone: h.zone, text, p });
      }
    }
    for (const b of blocks) {
      for (const e of external.values()) {
        if (b.p.family !== e.p.family || b.p.hi < e.p.lo || e.p.hi < b.p.lo) continue;
        findings.push(finding(this, nameOf(ctx.graph, b.vpc.id),
          bi(`${b.vpc.segment} ${b.text} overlaps ${e.text} of the declared ${e.zone} host ${e.name}`,
            `${segJa(b.vpc.segment)}の ${b.text} が、宣言した ${e.zone} のホスト ${e.name} の ${e.text} と重なっている`),
          bi('give the segment an address range apart from the LGWAN WAN and the security cloud', '系には LGWAN と自治体情報セキュリティクラウドから離れたアドレス範囲を割り当てる')));
      }
    }
    return findings;
  },
};

/**
 * GUARD-1 (critical): fail closed. A value the guard cannot resolve, a VPC without a segment label, a resource that may
 * not exist or exists many times, a nested stack or module it does not read, an IPv6 ambiguity — or a guarded scope
 * with nothing to check at all (docs/guard-semantics.md §10). No acknowledgement can let one through.
 */
export const GUARD1: GuardRule = {
  id: 'GUARD-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Fail closed: everything the guard needs resolves to something in the synthesized output (route targets, tables, VPC and subnet IDs, '
    + 'address blocks, segment labels), and a guarded scope holds something to check.',
  check(ctx) {
    const findings = ctx.graph.unresolved.filter((u) => u.rule === undefined).map((u) => finding(this, u.path ?? nameOf(ctx.graph, u.node),
      bi(`${u.property} could not be resolved: ${u.reason}`, `${u.property} を解決できない: ${jaOrEn(u.reason)}`),
      u.fix ? bi(u.fix, jaOrEn(u.fix))
        : bi('refer to resources of the same app (Ref / GetAtt, or a Terraform reference) instead of deploy-time values, so that the guard can follow them',
          'ガードが追跡できるよう、デプロイ時に決まる値ではなく同じアプリのリソースを参照する（Ref / GetAtt、または Terraform の参照）')));
    // The security cloud's hub VPC is no municipality's segment: the SC rules judge it.
    for (const vpc of nodesOf(ctx.graph, 'vpc')) {
      if (!vpc.segment && !vpc.hub) {
        const tag = vpc.tags[SEGMENT_TAG_KEY];
        // A value outside the label vocabulary is reported where the extractor read it, once (builder.ts `labels`).
        if (tag !== undefined && ctx.graph.unresolved.some((u) => u.node === vpc.id && u.property.endsWith(`(${SEGMENT_TAG_KEY})`))) continue;
        findings.push(finding(this, nameOf(ctx.graph, vpc.id),
          tag === undefined ? bi('the VPC has no segment label, so the guard cannot tell which rules protect it', 'VPC に系のラベルがなく、どのルールで守るべきかをガードが判断できない')
            : bi(`the VPC's segment label "${tag}" is not MY_NUMBER, LGWAN or INTERNET`, `VPC の系のラベル "${tag}" が MY_NUMBER・LGWAN・INTERNET のいずれでもない`),
          bi(`tag it ${SEGMENT_TAG_KEY} = MY_NUMBER | LGWAN | INTERNET (fail closed: the guard does not guess)`,
            `VPC にタグ ${SEGMENT_TAG_KEY} = MY_NUMBER | LGWAN | INTERNET を付ける（フェイルクローズ: ガードは推測しない）`)));
      }
    }
    // What enters the transit gateways from a network the guard cannot place counts as anything, the internet included.
    const placeIt = bi('tag the VPN connection (or the transit gateway route table an attachment named by id is associated with) jichitai:zone = LGWAN_WAN or '
      + 'SECURITY_CLOUD, or give its route table no route toward the My Number and LGWAN segments (blackhole them)',
    'VPN 接続（または ID で指定したアタッチメントを関連付けた Transit Gateway ルートテーブル）にタグ jichitai:zone = LGWAN_WAN または SECURITY_CLOUD を付けるか、'
      + 'そのルートテーブルにマイナンバー利用事務系・LGWAN接続系へのルートを置かない（ブラックホールにする）');
    findings.push(
      ...unplacedInboundFindings(ctx, this, Segment.MY_NUMBER, bi('this My Number subnet', 'このマイナンバー利用事務系のサブネット'), placeIt),
      ...unplacedInboundFindings(ctx, this, Segment.LGWAN, bi('this LGWAN subnet', 'この LGWAN接続系のサブネット'), placeIt),
    );
    if (ctx.emptyIsError !== false && nodesOf(ctx.graph, 'vpc').length === 0 && nodesOf(ctx.graph, 'subnet').length === 0) {
      findings.push(finding(this, ctx.scope ?? '(guarded scope)',
        bi('the guarded scope holds no VPC and no subnet: there is nothing to check, which is not a pass',
          'ガード対象に VPC もサブネットもない: 検査するものがないことは合格ではない'),
        bi('apply the guard to the stacks that hold the network, or add the network to this stack', 'ネットワークを持つスタックにガードを適用するか、このスタックにネットワークを追加する')));
    }
    return findings;
  },
};

/**
 * GUARD-2: an occupant of a resource type the guard does not know (src/guard/occupants.ts `KNOWN_OCCUPANTS`) in the My
 * Number or LGWAN segment, an unlabelled VPC or where the guard cannot place it (docs/guard-semantics.md §10). Its
 * traffic is judged by its subnets' routes; whether the type opens a path of its own beside them the guard cannot tell.
 * Not critical, unlike GUARD-1: a legitimate type AWS added after the guard's list would otherwise have no way through
 * but a release of the guard; a reason citing AWS's documentation of the type acknowledges it on that resource.
 */
export const GUARD2: GuardRule = {
  id: 'GUARD-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Fail closed on resource types: what runs in a subnet of the My Number or LGWAN segment (or one the guard cannot place) is of a type the guard knows '
    + 'has no network path of its own beside the subnet\'s routes, or is acknowledged with a reason.',
  check(ctx) {
    return leftFor(ctx, this);
  },
};

/**
 * The findings the extractors left for `rule` rather than GUARD-1 (`UnresolvedValue.rule`: an unknown occupant for
 * GUARD-2, a traffic mirror session for SEG-1, a Cloud WAN attachment of the Internet segment for IN-1), each at its
 * resource with the reason and fix given there.
 */
export function leftFor(ctx: GuardContext, rule: GuardRule): Finding[] {
  return ctx.graph.unresolved.filter((u) => u.rule === rule.id).map((u) => finding(rule, u.path ?? nameOf(ctx.graph, u.node),
    bi(`${u.property}: ${u.reason}`, `${u.property}: ${jaOrEn(u.reason)}`), bi(u.fix ?? '', jaOrEn(u.fix ?? ''))));
}
