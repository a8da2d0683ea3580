import { SECURITY_CLOUD_MEMBER_ZONE } from '../../model/security-cloud';
import { Segment } from '../../model/segment';
import { SubnetNode } from '../graph';
import { jaDestinations, jaOrEn } from '../ja-engine';
import { Arrival } from '../reachability';
import { bi, Bilingual, finding, Finding, GuardContext, GuardRule, spaced } from '../rule';
import { nameOf, occupantsInWords, occupiedInfrastructureIn, subnetsIn } from '../topology';

/** Every arrival from the given subnets that `ends` selects, source by source in id order. */
export function arrivalsFrom(ctx: GuardContext, from: readonly SubnetNode[], ends: (a: Arrival) => boolean): Arrival[] {
  return from.flatMap((s) => ctx.reach.arrivals(s.id).filter(ends));
}

/**
 * The internet, the security cloud, or a path the guard cannot follow (which reaches everywhere: semantics §9). The
 * security cloud is its zone, a member of it the hub declares in another account or app (a label on a transit table
 * must not make a path from My Number or LGWAN to another municipality pass), and a subnet of a hub VPC in the graph:
 * the Internet side of the three layers whether the hub is behind a VPN or in the same app.
 */
export function outOrUnknown(ctx: GuardContext): (a: Arrival) => boolean {
  return (a) => a.end.kind === 'internet' || a.end.kind === 'unknown'
    || (a.end.kind === 'zone' && (a.end.zone === 'SECURITY_CLOUD' || a.end.zone === SECURITY_CLOUD_MEMBER_ZONE))
    || (a.end.kind === 'subnet' && ctx.reach.inHub(a.end.subnet));
}

/** A subnet of the segment, or a path the guard cannot follow. */
export function intoSegmentOrUnknown(ctx: GuardContext, segment: Segment): (a: Arrival) => boolean {
  return (a) => a.end.kind === 'unknown' || (a.end.kind === 'subnet' && ctx.reach.segmentOf(a.end.subnet) === segment);
}

/**
 * `subject` is the English noun phrase (`a My Number subnet`) and the Japanese phrase before 「…に届く」
 * (`マイナンバー利用事務系のサブネットから`).
 *
 * One finding per source subnet (its first offending path), so that a report stays readable. A path the guard cannot
 * follow is reported as such — what could not be resolved and how to make it resolvable — since it counts as reaching
 * everywhere (fail closed, GUARD-1).
 */
export function pathFindings(ctx: GuardContext, rule: GuardRule, arrivals: readonly Arrival[], subject: Bilingual, fix: Bilingual): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const first of arrivals) {
    if (seen.has(first.from)) continue;
    seen.add(first.from);
    const where = nameOf(ctx.graph, first.from);
    // A finding the caller drops (another model's part of a prefecture: `checkParts` checks the graph once per model) is
    // not worded: its hops and destinations were most of a prefecture's path rules. Asked only with a finding to make, so
    // that a rule that finds nothing stays shared between the models' checks (check.ts `tracked`).
    if (ctx.keeps && !ctx.keeps(where)) continue;
    // The route table splits one route's destinations into runs; the same path and end read as one set.
    const hops = ctx.reach.hops(first);
    const path = hops.map((h) => h.label).join('\u0000');
    const same = arrivals.filter((x) => x.from === first.from && sameEnd(x, first) && ctx.reach.hops(x).map((h) => h.label).join('\u0000') === path);
    const a: Arrival = { ...first, headers: same.flatMap((x) => x.headers) };
    if (a.end.kind === 'unknown') {
      out.push(finding(rule, where, {
        en: `${subject.en} may reach everywhere: ${a.end.reason} (fail closed: a path the guard cannot follow counts as reaching the internet and every segment)`,
        ja: `${subject.ja}、どこへでも届くおそれがある: ${jaOrEn(a.end.reason)}（フェイルクローズ: ガードが追跡できない経路は、インターネットとすべての系に届くものとみなす）`,
      }, { en: a.end.fix, ja: jaOrEn(a.end.fix) }, hops));
    } else {
      const destinations = ctx.reach.destinations(a.headers);
      const end = endOf(ctx, a);
      out.push(finding(rule, where, {
        en: `${subject.en} reaches ${end.en} (${destinations})`,
        ja: `${subject.ja}${spaced(end.ja)}に届く（${jaDestinations(destinations)}）`,
      }, fix, hops));
    }
  }
  return out;
}

/**
 * The findings of a rule that lets traffic out only through firewalls of a kind (AP-1: the breakout filter; IN-1: a
 * stand-in that inspects). `arrivals` are those that pass no acceptable firewall: one finding per source reached through
 * a firewall that falls short (the first one's problem named), the rest — no firewall at all, or a path the guard cannot
 * follow — as `pathFindings`.
 */
export function firewallGateFindings(
  ctx: GuardContext, rule: GuardRule, arrivals: readonly Arrival[], problemOf: (firewall: string, arrival: Arrival) => Bilingual | undefined,
  words: { readonly firewall: Bilingual; readonly firewallFix: Bilingual; readonly subject: Bilingual; readonly fix: Bilingual },
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const a of arrivals.filter((x) => x.end.kind === 'internet' && x.firewalls.length > 0)) {
    if (seen.has(a.from)) continue;
    seen.add(a.from);
    const destinations = ctx.reach.destinations(a.headers);
    const problem = problemOf(a.firewalls[0], a);
    findings.push(finding(rule, nameOf(ctx.graph, a.from), {
      en: `${destinations} on the internet is reached through a firewall that ${words.firewall.en}: ${problem?.en}`,
      ja: `インターネットの ${jaDestinations(destinations)} に、${words.firewall.ja}ファイアウォールを通って届く: ${problem?.ja}`,
    }, words.firewallFix, ctx.reach.hops(a)));
  }
  findings.push(...pathFindings(ctx, rule, arrivals.filter((a) => !seen.has(a.from) && (a.end.kind === 'unknown' || a.firewalls.length === 0)),
    words.subject, words.fix));
  return findings;
}

function sameEnd(a: Arrival, b: Arrival): boolean {
  return JSON.stringify(a.end) === JSON.stringify(b.end);
}

/** Where an arrival ends, in words. */
export function endOf(ctx: GuardContext, a: Pick<Arrival, 'end'>): Bilingual {
  switch (a.end.kind) {
    case 'internet': return { en: 'the internet', ja: 'インターネット' };
    case 'zone':
      if (a.end.zone === SECURITY_CLOUD_MEMBER_ZONE) {
        return {
          en: `a member of the security cloud in another account or app (${SECURITY_CLOUD_MEMBER_ZONE})`,
          ja: `別アカウント・別アプリの自治体情報セキュリティクラウドの構成団体（${SECURITY_CLOUD_MEMBER_ZONE}）`,
        };
      }
      if (a.end.zone === 'LGWAN_WAN') return { en: 'the LGWAN WAN (LGWAN_WAN)', ja: 'LGWAN（LGWAN_WAN）' };
      return a.end.zone === 'SECURITY_CLOUD' ? { en: 'the security cloud (SECURITY_CLOUD)', ja: '自治体情報セキュリティクラウド（SECURITY_CLOUD）' }
        : { en: a.end.zone, ja: a.end.zone };
    case 'subnet':
      return ctx.reach.inHub(a.end.subnet)
        ? { en: `the security cloud hub's subnet ${nameOf(ctx.graph, a.end.subnet)}`, ja: `自治体情報セキュリティクラウドのハブのサブネット ${nameOf(ctx.graph, a.end.subnet)}` }
        : { en: `subnet ${nameOf(ctx.graph, a.end.subnet)}`, ja: `サブネット ${nameOf(ctx.graph, a.end.subnet)}` };
    default: return { en: 'a place the guard cannot follow', ja: 'ガードが追跡できない先' };
  }
}

/** The zones of the Internet side that traffic can enter from: the security cloud, and a member of it in another account or app. */
export const INTERNET_SIDE_ZONES: readonly string[] = ['SECURITY_CLOUD', SECURITY_CLOUD_MEMBER_ZONE];

/**
 * The fix for what enters through a VPN gateway attached to the subnet's VPC: the rules' fixes speak of the transit
 * gateway tables a zone usually comes through, but traffic from a gateway labelled with the zone enters the VPC directly
 * (no route of the VPC decides it, only network ACLs), so the gateway's attachment is what has to go.
 */
function gatewayFix(ctx: GuardContext, entry: string | undefined): Bilingual | undefined {
  const node = entry === undefined ? undefined : ctx.graph.nodes.get(entry);
  if (node?.type !== 'vpn-gateway') return undefined;
  const name = nameOf(ctx.graph, node.id);
  return {
    en: `detach VPN gateway ${name} from this subnet's VPC (delete its VPC gateway attachment): what enters through it reaches the VPC's subnets directly, with only network ACLs in the way`,
    ja: `VPN ゲートウェイ ${name} をこのサブネットの VPC からデタッチする（VPC ゲートウェイアタッチメントを削除する）。このゲートウェイから入る通信は VPC のサブネットに直接届き、間にあるのはネットワーク ACL だけ`,
  };
}

/** Where inbound traffic comes from: its words (the subject of "… reaches this subnet"), and its paths. */
interface InboundSource {
  /** Unknown ends are reported once per kind of source (a zone, or the hub's subnets together) and place lost. */
  readonly kind: string;
  readonly from: Bilingual;
  readonly arrivals: () => readonly Arrival[];
  /** The fix for this source's arrivals, when it is not the rule's. */
  readonly fix?: Bilingual;
}

/**
 * What enters from external zones (every address, protocol and port; semantics §5) and arrives at subnets of the segment:
 * one finding per subnet reached (its first arrival), worded "<zone> reaches this <segment> subnet", and one per path the
 * guard cannot follow (`onlyUnknown`: those alone, for a rule that judges the arrivals itself). The reachability caches
 * each zone's walk, so rules asking about several segments share it. With `SECURITY_CLOUD` among the zones, a security
 * cloud hub VPC in the graph (in the same app, or joined from its evidence) is that zone itself: what its subnets send
 * counts the same (semantics §10, MN-1 and LG-1).
 */
export function inboundFindings(
  ctx: GuardContext, rule: GuardRule, zones: readonly string[], segment: Segment, subject: Bilingual, fix: Bilingual, onlyUnknown = false,
): Finding[] {
  const sources: InboundSource[] = zones.map((zone) => {
    const words = endOf(ctx, { end: { kind: 'zone', zone } });
    return {
      kind: zone,
      from: { en: `traffic entering from ${words.en}`, ja: `${spaced(words.ja)}から入る通信が` },
      arrivals: () => ctx.reach.probeFromZone(zone, ctx.reach.everyHeader()).arrivals,
    };
  });
  if (zones.includes('SECURITY_CLOUD')) {
    for (const id of ctx.reach.hubSubnets()) {
      sources.push({
        kind: 'hub',
        from: {
          en: `the security cloud hub's subnet ${nameOf(ctx.graph, id)} (SECURITY_CLOUD)`,
          ja: `自治体情報セキュリティクラウドのハブのサブネット ${nameOf(ctx.graph, id)}（SECURITY_CLOUD）から`,
        },
        arrivals: () => ctx.reach.arrivals(id),
      });
    }
  }
  return inboundFrom(ctx, rule, sources, segment, subject, fix, onlyUnknown);
}

/**
 * What runs in the egress chain's own subnets of a segment (`occupiedInfrastructureIn`; AP-1, IN-1): for each such subnet,
 * its arrivals that `ends` selects, worded with what it holds (`words` gives the subject and the fix).
 */
export function occupiedChainFindings(
  ctx: GuardContext, rule: GuardRule, segment: Segment, ends: (a: Arrival) => boolean,
  words: (held: string) => { subject: Bilingual; fix: Bilingual },
): Finding[] {
  return occupiedInfrastructureIn(ctx, segment).flatMap(({ subnet, occupants }) => {
    const { subject, fix } = words(occupantsInWords(ctx.graph, occupants));
    return pathFindings(ctx, rule, arrivalsFrom(ctx, [subnet], ends), subject, fix);
  });
}

/**
 * What enters the transit gateways from networks the guard cannot place (`Reachability.unplacedEntries`: a VPN without a
 * known zone label, a peering attachment, an attachment by id whose tables carry no zone label) counts as anything, the
 * internet included (fail closed, semantics §5 and §10): its arrivals at subnets of the segment, worded as
 * `inboundFindings` words a zone's.
 */
export function unplacedInboundFindings(ctx: GuardContext, rule: GuardRule, segment: Segment, subject: Bilingual, fix: Bilingual): Finding[] {
  const sources: InboundSource[] = ctx.reach.unplacedEntries().map((entry) => ({
    kind: `entry ${entry.id}`,
    from: { en: `traffic entering through ${entry.what}`, ja: `${jaOrEn(entry.what)}から入る通信が` },
    arrivals: () => ctx.reach.probeFromEntry(entry).arrivals,
    ...(entry.vpcs ? { fix: PEERING_FIX } : entry.unmodelled ? { fix: UNMODELLED_FIX } : {}),
  }));
  return inboundFrom(ctx, rule, sources, segment, subject, fix, false);
}

/** How to fix a peering with a VPC the guard cannot place. */
const PEERING_FIX = bi('remove the peering, or peer only VPCs of the same app with a segment label (segments meet only through transit gateway routes for declared flows)',
  'ピアリングを削除するか、同じアプリの系のラベルを持つ VPC とだけピアリングする（系の間は、宣言した通信のための Transit Gateway の経路でだけつなぐ）');

/** How to fix a transit gateway route table associated with what the guard does not model as an attachment (a Cloud WAN peering). */
const UNMODELLED_FIX = bi('associate the transit gateway route table only with attachments the guard reads (VPC attachments of the same app, labelled VPNs, '
  + 'an attachment by its literal id), or give the table no route toward the My Number and LGWAN segments (blackhole them)',
'Transit Gateway ルートテーブルは、ガードが読めるアタッチメント（同じアプリの VPC アタッチメント、ラベル付きの VPN、リテラルの ID で指定したアタッチメント）とだけ関連付けるか、'
  + 'そのルートテーブルにマイナンバー利用事務系・LGWAN接続系へのルートを置かない（ブラックホールにする）');

/** The findings of inbound sources at subnets of a segment (`inboundFindings`, `unplacedInboundFindings`). */
function inboundFrom(
  ctx: GuardContext, rule: GuardRule, sources: readonly InboundSource[], segment: Segment, subject: Bilingual, fix: Bilingual, onlyUnknown: boolean,
): Finding[] {
  const reported = new Set<string>();
  const out: Finding[] = [];
  // A path the guard cannot follow reaches every subnet (semantics §9, the critical rules): with subnets of the segment
  // present, each such end is a finding, located where the path is lost.
  const present = subnetsIn(ctx, segment).length > 0;
  for (const { kind, from, arrivals, fix: own } of sources) {
    for (const a of arrivals()) {
      if (a.end.kind === 'unknown' && present) {
        const key = `${kind}\u0000${a.end.node}\u0000${a.end.reason}`;
        const path = nameOf(ctx.graph, a.end.node);
        if (reported.has(key) || (ctx.keeps && !ctx.keeps(path))) continue;
        reported.add(key);
        out.push(finding(rule, path, {
          en: `${from.en} may reach ${subject.en.replace(/^this /, 'every ')}: ${a.end.reason} (fail closed: a path the guard cannot follow counts as reaching every segment)`,
          ja: `${from.ja}、${subject.ja.replace(/^この/, 'すべての')}に届くおそれがある: ${jaOrEn(a.end.reason)}（フェイルクローズ: ガードが追跡できない経路は、すべての系に届くものとみなす）`,
        }, { en: a.end.fix, ja: jaOrEn(a.end.fix) }, ctx.reach.hops(a)));
        continue;
      }
      if (onlyUnknown || a.end.kind !== 'subnet' || ctx.reach.segmentOf(a.end.subnet) !== segment || reported.has(a.end.subnet)) continue;
      reported.add(a.end.subnet);
      const path = nameOf(ctx.graph, a.end.subnet);
      if (ctx.keeps && !ctx.keeps(path)) continue;
      const destinations = ctx.reach.destinations(a.headers);
      const hops = ctx.reach.hops(a);
      // A source's own fix first: an association naming a VPN gateway (a wrong type) enters at the gateway's id, but no VPC gateway attachment lets it in.
      out.push(finding(rule, path, {
        en: `${from.en} reaches ${subject.en} (${destinations})`,
        ja: `${from.ja}${subject.ja}に届く（${jaDestinations(destinations)}）`,
      }, own ?? gatewayFix(ctx, hops[0]?.node) ?? fix, hops));
    }
  }
  return out;
}

/**
 * A My Number or LGWAN subnet whose Outpost instances join the on-premises network beside the VPC's routes (graph.ts
 * `SubnetNode.outpostLan`): a way out (and in) the guard does not follow (MN-1, LG-1; outside auditor, red team 38).
 */
export const OUTPOST_LAN = {
  message: (property: string): Bilingual => bi(`the subnet connects its instances to an Outpost's on-premises network (${property}), beside the VPC's routes`,
    `サブネットがインスタンスを Outpost のオンプレミスネットワークにつなぐ（${property}）。VPC のルートとは別の経路になる`),
  fix: (property: string): Bilingual => bi(`remove ${property} from the subnet: the segment reaches other networks only through the routes the guard reads (三層の対策)`,
    `サブネットから ${property} を外す。この系がほかのネットワークに届くのは、ガードが読むルートを通る場合だけにする（三層の対策）`),
};
