import { arrivalInspection, DECLARE_APPLIANCE, handWrittenFindings, inspectedOnPath, inspectionWords } from './alpha-prime';
import { proxyConfigs } from './breakout-controls';
import { standInFilterProblem } from './closed-dns';
import { arrivalsFrom, endOf, firewallGateFindings, occupiedChainFindings, pathFindings } from './paths';
import { proxySubnets } from './proxy-clients';
import { PROXY_SUBNET_ROLE, proxyFleet, proxyOnlyOf } from './proxy-exits';
import { isHubSubnet, proxyExits, proxyVpcs, relayProblem, WebProxy } from './security-cloud';
import { leftFor } from './segments';
import { Segment, Zone } from '../../model/segment';
import { isInternet, parsePrefix } from '../address-space';
import { DeclaredFlow } from '../declared';
import {
  AMAZON_PROVIDED_DNS, deref, describeRef, DhcpOptionsNode, FirewallNode, nodesInVpc, nodesOf, ResolverEndpointNode, resolverRuleDomain,
  resolverRuleKind, ResolverRuleNode, SubnetNode, VpcNode,
} from '../graph';
import { Arrival } from '../reachability';
import { ALL_MODELS, bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, Severity, spaced } from '../rule';
import { nameOf, SUBNET_ROLE_TAG, workloadSubnetsIn } from '../topology';

/** How to give the stand-in a web proxy the guard counts. */
const STAND_IN_PROXY_FIX = bi('run the stand-in\'s web proxy (Squid; InternetEgressMode.BUILT_IN plans one) in subnets of its own, tagged '
  + `${SUBNET_ROLE_TAG}=${PROXY_SUBNET_ROLE}, whose default route goes to the inspecting firewall, in an Auto Scaling group or instance whose subnets the guard can read`,
'代替構成の Web プロキシ（Squid。InternetEgressMode.BUILT_IN が構成する）を、タグ '
  + `${SUBNET_ROLE_TAG}=${PROXY_SUBNET_ROLE} を付けた専用のサブネット（デフォルトルートが検査するファイアウォールへ向かう）で、ガードがサブネットを読める Auto Scaling グループまたはインスタンスとして動かす`);

/**
 * The VPCs of the Internet segment's stand-ins: those holding a firewall that an internet path from an Internet-segment
 * subnet passes (not a hub's: SC-2 judges the security cloud's own inspection). The real security cloud's path ends in
 * the SECURITY_CLOUD zone, not on the internet.
 */
function standInVpcs(ctx: GuardContext, arrivals: readonly Arrival[]): VpcNode[] {
  const out = new Map<string, VpcNode>();
  for (const f of new Set(arrivals.flatMap((a) => a.firewalls))) {
    // A firewall whose VPC the guard cannot read stands in nowhere it can name: its paths are judged as inspected above.
    const vpc = firewallVpc(ctx, f);
    if (vpc?.type === 'vpc' && !vpc.hub) out.set(vpc.id, vpc);
  }
  return [...out.values()];
}

/** A firewall's VPC, or undefined when the guard cannot read it. */
function firewallVpc(ctx: GuardContext, id: string): VpcNode | undefined {
  const fw = ctx.graph.nodes.get(id) as FirewallNode | undefined;
  return fw?.type === 'firewall' ? deref<VpcNode>(ctx.graph, fw.vpc) : undefined;
}

/** Whether a firewall is in a hub VPC (the security cloud's own inspection, SC-2's). */
function hubFirewall(ctx: GuardContext, id: string): boolean {
  return firewallVpc(ctx, id)?.hub === true;
}

/** Whether a subnet is in a VPC. */
function inVpc(vpc: VpcNode, s: SubnetNode): boolean {
  return s.vpc.kind === 'node' && s.vpc.id === vpc.id;
}

/** The web proxies of a stand-in's VPC: running in its subnets, or placed there by their security groups, or unplaced (fail closed). */
function standInProxies(ctx: GuardContext, vpc: VpcNode): WebProxy[] {
  return proxyConfigs(ctx.graph).flatMap(({ node, conf }) => {
    const subnets = proxySubnets(ctx.graph, node);
    const here = subnets ? subnets.some((s) => inVpc(vpc, s)) : proxyVpcs(ctx.graph, node).some((v) => v === undefined || v.id === vpc.id);
    return here ? [{ node, conf, subnets }] : [];
  });
}

/**
 * IN-1's stand-in must have a web proxy, as the security cloud does (revised 2026-12-01: "default-drop or IPS in drop
 * mode plus a proxy"): per stand-in VPC, (a) a Squid whose subnets the guard reads, whose way to the internet passes the
 * inspection (`proxyExits`, shared with SC-2's hub proxy) and that denies every private destination before it allows
 * (`relayProblem`, SC-1's: otherwise a workload could use it as a relay into whatever its subnets reach), and (b) no
 * other Internet-segment subnet of the VPC reaching the internet through the inspection but around the proxy (a proxy's
 * own subnet as `proxyOnlyOf` has it: tagged, no declared host in it, nothing but the proxy and its load balancer).
 * Paths the inspection does not take are the gate's findings already.
 */
function standInProxyFindings(
  ctx: GuardContext, rule: GuardRule, inspectedArrivals: readonly Arrival[], inspected: (a: Arrival) => boolean,
): Finding[] {
  const findings: Finding[] = [];
  for (const vpc of standInVpcs(ctx, inspectedArrivals)) {
    const exits = proxyExits(ctx, standInProxies(ctx, vpc), inspected);
    for (const { proxy, bad } of exits) {
      if (!bad) {
        findings.push(finding(rule, nameOf(ctx.graph, proxy.node.id), bi('the guard cannot tell which subnets the stand-in\'s web proxy runs in '
          + '(no Auto Scaling group or instance subnet it can read), so it cannot tell that the proxy\'s way out passes the inspecting firewall',
        '代替構成の Web プロキシがどのサブネットで動くかをガードが判断できない（読める Auto Scaling グループやインスタンスのサブネットがない）ため、'
          + 'プロキシの出口が検査するファイアウォールを通るか判断できない'), STAND_IN_PROXY_FIX));
        continue;
      }
      const relay = relayProblem(proxy.conf, vpc.cidrs.filter((c) => !vpc.symbolicIpv6.includes(c)),
        vpc.symbolicIpv6.map(() => `an Amazon-provided IPv6 block of ${nameOf(ctx.graph, vpc.id)}`));
      if (relay) {
        findings.push(finding(rule, nameOf(ctx.graph, proxy.node.id), {
          en: `the stand-in's web proxy may relay the Internet segment's workloads into private networks its subnets reach: ${relay.en}`,
          ja: `代替構成の Web プロキシが、インターネット接続系の業務端末からの要求を、プロキシのサブネットから届くプライベートなネットワークへ中継しうる: ${relay.ja}`,
        }, bi('deny every RFC 1918, link-local and loopback destination and the segment\'s own blocks (acl ... dst) with http_access deny before any http_access allow',
          'http_access allow より前に、すべての RFC 1918・リンクローカル・ループバックの宛先とセグメント自身のアドレス範囲（acl ... dst）を http_access deny で拒否する')));
      }
    }
    const good = exits.filter((x) => x.good).map((x) => x.proxy);
    if (good.length === 0 && exits.every((x) => x.bad)) {
      findings.push(finding(rule, nameOf(ctx.graph, vpc.id), bi('the Internet segment\'s stand-in for the security cloud has no web proxy whose way to the '
        + 'internet passes the inspecting firewall (a stand-in must inspect and proxy, as the security cloud does)',
      'インターネット接続系の自治体情報セキュリティクラウドの代替構成に、検査するファイアウォールを通ってインターネットに出る Web プロキシがない'
        + '（代替構成も、自治体情報セキュリティクラウドと同じく検査とプロキシの両方を備える）'), STAND_IN_PROXY_FIX));
    }
    const own = proxyOnlyOf(ctx, good.flatMap((p) => p.subnets!).map((s) => s.id), proxyFleet(ctx.graph, good.map((p) => p.node)), Segment.INTERNET);
    const around = inspectedArrivals.filter((a) => !own.has(a.from) && inVpc(vpc, ctx.graph.nodes.get(a.from) as SubnetNode));
    findings.push(...pathFindings(ctx, rule, around,
      bi('an Internet-segment subnet that is not the stand-in\'s web proxy\'s own, through the inspecting firewall but around the proxy,',
        'Web プロキシ専用ではないインターネット接続系のサブネットから、検査するファイアウォールを通るがプロキシを通らずに'),
      bi('remove the subnet\'s way out (its default route to the stand-in firewall): the Internet segment\'s workloads browse through the stand-in\'s web proxy '
        + '(MunicipalNetwork.standInProxyEndpoint); a proxy\'s own subnet is tagged '
        + `${SUBNET_ROLE_TAG}=${PROXY_SUBNET_ROLE}, overlaps no declared host and holds nothing but the proxy (booted at its template's latest version) and its load balancer`,
      'サブネットの出口（代替構成のファイアウォールへのデフォルトルート）を外す。インターネット接続系の業務端末は、代替構成の Web プロキシ（MunicipalNetwork.standInProxyEndpoint）'
        + `を経由して閲覧する。プロキシ専用のサブネットはタグ ${SUBNET_ROLE_TAG}=${PROXY_SUBNET_ROLE} を持ち、宣言したホストと重ならず、`
        + 'プロキシ（テンプレートの最新バージョンで起動）とそのロードバランサーのほかに何も置かない')));
  }
  return findings;
}

/**
 * IN-1: the Internet segment goes out through the security cloud, or, in proofs of concept, through a stand-in that
 * inspects (drops by default, with an IDS/IPS as AP-4 counts one: AWS managed threat-signature groups in drop mode, or a
 * declared IDS appliance's GWLB endpoint on the path); a firewall that passes by default does not count. A stand-in whose
 * only IPS is drop rules written by hand is reported on the firewall, to acknowledge with the rule set's source. Since the
 * requirement's revision of 2026-12-01 the stand-in also proxies, as the security cloud does (`standInProxyFindings`).
 */
export const IN1: GuardRule = {
  id: 'IN-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド',
  summary: 'INTERNET-segment egress only via the security cloud, never a direct IGW/NAT route from workload subnets; a built-in stand-in must '
    + 'itself inspect (drop by default, with aws:drop_strict or with aws:drop_established and a rule dropping what is not TCP, and a connection broken '
    + 'midstream dropped, not continued; every packet to the '
    + 'stateful engine; an IDS/IPS as AP-4 counts one: AWS managed threat-signature groups, not overridden to alert, that apply to the traffic\'s addresses '
    + '(HOME_NET) and run before anything passes, or a GWLB endpoint declared an IDS appliance\'s (tag jichitai:inspection=IDS_IPS) on the path; drop rules '
    + 'written by hand alone are a finding on the firewall, to acknowledge with their source): a firewall that passes by default does not count; '
    + 'the stand-in has a web proxy (Squid, in subnets the guard reads) whose way out passes it and that denies every private destination before it '
    + 'allows, and no other subnet of its VPC reaches the internet around the proxy; '
    + 'nothing but the chain runs in the egress chain\'s own subnets (firewall, NAT gateway); '
    + 'no Cloud WAN VPC attachment joins an Internet-segment VPC to a core network (a way around the security cloud; acknowledge with the policy segment '
    + 'that reaches only the security cloud).',
  check(ctx) {
    // Stand-ins whose only IPS is drop rules written by hand, by firewall: reported once each, where an acknowledgement names their source.
    const handWritten = new Map<string, Bilingual>();
    const inspected = (a: Arrival) => inspectedOnPath(a, (f, x) => arrivalInspection(ctx, f, x), handWritten);
    const out = arrivalsFrom(ctx, workloadSubnetsIn(ctx, Segment.INTERNET), (a) => a.end.kind === 'internet');
    const uninspected = out.filter((a) => !inspected(a));
    // Through a stand-in (not the hub's inspection, SC-2's): the stand-in's proxy and the ways around it.
    const standIn = standInProxyFindings(ctx, this, out.filter((a) => inspected(a) && !a.firewalls.some((f) => hubFirewall(ctx, f))), inspected);
    // What runs in the egress chain's own subnets (a stand-in's firewall and NAT gateway, or a NAT gateway the user added)
    // leaves by their routes, around the inspection: those subnets hold the chain only (semantics §10).
    const placed = occupiedChainFindings(ctx, this, Segment.INTERNET, (a) => a.end.kind === 'internet' && !inspected(a), (held) => ({
      subject: bi(`${held}, placed in a subnet of the egress chain itself (firewall or NAT gateway), without the security cloud or an inspecting firewall,`,
        `出口経路自体のサブネット（ファイアウォール・NAT ゲートウェイ用）に置かれた ${held} から、自治体情報セキュリティクラウドも検査するファイアウォールも通らずに`),
      fix: bi(`move ${held} to an Internet-segment workload subnet: the subnets of the firewall endpoints and the NAT gateway hold nothing else`,
        `${held} をインターネット接続系の業務サブネットへ移す。ファイアウォールのエンドポイントと NAT ゲートウェイのサブネットには、ほかに何も置かない`),
    }));
    const gate = firewallGateFindings(ctx, this, uninspected, (f, a) => inspectionWords(arrivalInspection(ctx, f, a)), {
      firewall: bi('does not stand in for the security cloud', '自治体情報セキュリティクラウドの代わりにならない'),
      firewallFix: bi('give the stand-in firewall\'s policy stateless default actions aws:forward_to_sfe (no stateless aws:pass), aws:drop_strict (or aws:drop_established '
        + 'with a rule dropping all non-TCP traffic: drop ip any any -> $EXTERNAL_NET any (ip_proto:!6; …)), the stream exception policy DROP (the default) '
        + 'or REJECT, and AWS managed threat-signature groups (no override to alert) whose HOME_NET holds the segment\'s addresses, STRICT_ORDER with '
        + 'them at lower priority numbers than any group that passes, and no rule group passing a whole transport (InternetEgressMode.BUILT_IN plans this), or route the default route to the transit gateway toward the security cloud',
      '代替ファイアウォールのポリシーにステートレスのデフォルトアクション aws:forward_to_sfe（ステートレスの aws:pass なし）、aws:drop_strict（または aws:drop_established と、'
        + 'TCP 以外のすべての通信を遮断するルール。送信元 any・宛先 $EXTERNAL_NET・ip_proto:!6 の drop ip ルール）、ストリーム例外ポリシー DROP（既定）または REJECT と'
        + 'HOME_NET にセグメントのアドレスを含む AWS マネージドの脅威シグネチャのグループ（アラートへのオーバーライドなし）を設定し、STRICT_ORDER でそれらを'
        + '通過させるどのグループよりも小さい優先度番号にして、トランスポート全体を通過させるルールグループを置かない（InternetEgressMode.BUILT_IN がこの構成を作る）か、'
        + 'デフォルトルートを Transit Gateway 経由で自治体情報セキュリティクラウドへ向ける'),
      subject: bi('an Internet-segment workload subnet, directly, without the security cloud or a firewall,',
        'インターネット接続系の業務サブネットから、自治体情報セキュリティクラウドもファイアウォールも通らずに直接'),
      fix: bi('route the default route to the transit gateway toward the security cloud (or, for a proof of concept, through the built-in egress firewall)',
        'デフォルトルートを Transit Gateway 経由で自治体情報セキュリティクラウドへ向ける（検証環境では、組み込みの出口ファイアウォール経由でもよい）'),
    });
    const hand = handWrittenFindings(this, ctx, handWritten,
      bi('the stand-in for the security cloud has no IDS/IPS the guard can judge', '自治体情報セキュリティクラウドの代替に、ガードが判断できる IDS/IPS がない'),
      bi('reference AWS managed threat signatures in the stand-in\'s policy without an override to alert, ahead of every group that passes '
        + '(internet.managedThreatSignatures with InternetEgressMode.BUILT_IN: leave it out for the default set), or route the egress through the GWLB endpoint '
        + `of an IDS appliance and ${DECLARE_APPLIANCE.en}; or acknowledge IN-1 on the firewall with a reason that names the rule set's source `
        + '(e.g. a vendor\'s signature feed and its version)',
      '代替構成のポリシーで、AWS マネージドの脅威シグネチャをアラートへのオーバーライドなしで、通信を通すどのグループよりも先に参照する（InternetEgressMode.BUILT_IN の '
        + `internet.managedThreatSignatures: 省略すれば既定の組）か、出口を IDS アプライアンスの GWLB エンドポイント経由にして、${DECLARE_APPLIANCE.ja}。`
        + 'またはルールの組の出所（例: ベンダーのシグネチャ配信とその版）を理由に書いて、ファイアウォールで IN-1 を例外承認する'));
    // What the builder left for IN-1: a Cloud WAN VPC attachment of the Internet segment (bridges.ts `cloudWanInInternet`).
    return [...placed, ...gate, ...standIn, ...hand, ...leftFor(ctx, this)];
  },
};

/** A DNS query to one resolver, over UDP and TCP. */
const DNS_PORTS = (port: number) => [{ protocol: 'udp' as const, fromPort: port, toPort: port }, { protocol: 'tcp' as const, fromPort: port, toPort: port }];

/** `.` (every name) as Route 53 Resolver and Terraform write it. */
const isRoot = (domain: string | undefined) => domain === '.' || domain === '';

/**
 * Whether a resolver's address may be the security cloud's: a private one (not an internet address, semantics §9), or an
 * internet address inside a block the security cloud declares — a hub VPC of the graph, or a host of the
 * `SECURITY_CLOUD` zone a declared flow names. Where the packets to an address arrive says nothing of who answers there:
 * the security cloud routes its members' traffic to the internet too, so a public resolver (8.8.8.8) reached over its
 * transit arrives "in the SECURITY_CLOUD zone" as its own resolvers do.
 */
function securityCloudAddress(ctx: GuardContext, flows: readonly DeclaredFlow[] | undefined, ip: string): boolean {
  const address = parsePrefix(`${ip}/32`);
  if (address !== undefined && !isInternet(address.lo)) return true;
  const holds = (block: string) => {
    const b = parsePrefix(block);
    return address !== undefined && b !== undefined && b.lo <= address.lo && address.hi <= b.hi;
  };
  if (nodesOf(ctx.graph, 'vpc').some((v) => v.hub === true && v.cidrs.some(holds))) return true;
  return (flows ?? []).some((f) => [f.from, f.to].some((h) => h.zone === Zone.SECURITY_CLOUD && h.cidrs.some(holds)));
}

/**
 * Why the queries of a FORWARD rule do not reach the security cloud: each target must be a literal address that may be
 * the security cloud's (`securityCloudAddress`), reached from every subnet of the rule's outbound endpoint (in the same
 * VPC) only in the SECURITY_CLOUD zone. Else undefined.
 */
function forwardingProblem(ctx: GuardContext, rule: ResolverRuleNode, vpcId: string): Bilingual | undefined {
  const endpoint = deref<ResolverEndpointNode>(ctx.graph, rule.endpoint);
  if (endpoint?.type !== 'resolver-endpoint') {
    return bi(`the outbound endpoint of resolver rule ${rule.id} is not in the synthesized output`, `リゾルバルール ${rule.id} のアウトバウンドエンドポイントが合成結果にない`);
  }
  if (endpoint.direction !== 'OUTBOUND') {
    return bi(`endpoint ${endpoint.id} of resolver rule ${rule.id} is not an OUTBOUND endpoint`, `リゾルバルール ${rule.id} のエンドポイント ${endpoint.id} が OUTBOUND のエンドポイントではない`);
  }
  const subnets = endpoint.subnets.map((r) => deref<SubnetNode>(ctx.graph, r));
  if (subnets.length === 0 || subnets.some((s) => s?.type !== 'subnet' || s.cidr === undefined)) {
    return bi(`the subnets of endpoint ${endpoint.id} cannot be read`, `エンドポイント ${endpoint.id} のサブネットを読めない`);
  }
  if (subnets.some((s) => s!.vpc.kind !== 'node' || s!.vpc.id !== vpcId)) return bi(`endpoint ${endpoint.id} has addresses outside the VPC`, `エンドポイント ${endpoint.id} に VPC の外のアドレスがある`);
  if (rule.targets.length === 0) return bi(`resolver rule ${rule.id} has no target`, `リゾルバルール ${rule.id} に転送先がない`);
  // The flows declared where the VPC lies (`declaredAt`): a prefecture's member forwards only to the security cloud's
  // resolvers that its own flows name, not to one another member's names (a shared rule of the hub judged per VPC).
  const flows = declaredAt(ctx, nameOf(ctx.graph, vpcId)).flows;
  for (const t of rule.targets) {
    if (t.ip === undefined) {
      return bi(`a target of resolver rule ${rule.id} is not a literal address, so where it leads cannot be told`,
        `リゾルバルール ${rule.id} の転送先がリテラルのアドレスではなく、どこへ向かうか判断できない`);
    }
    if (!securityCloudAddress(ctx, flows, t.ip)) {
      return bi(`${t.ip}, a target of resolver rule ${rule.id}, is an internet address outside every block the security cloud declares (a hub VPC, `
        + 'a declared host of the SECURITY_CLOUD zone): reached over the security cloud\'s transit, it is still a resolver on the internet',
      `リゾルバルール ${rule.id} の転送先 ${t.ip} は、自治体情報セキュリティクラウドが宣言するどのアドレス範囲（ハブの VPC、SECURITY_CLOUD ゾーンの宣言済みホスト）にもない`
        + 'インターネット上のアドレスで、自治体情報セキュリティクラウドを経由して届くとしても、インターネット上のリゾルバである');
    }
    for (const s of subnets) {
      const headers = ctx.reach.headersFor(s!.cidr!, `${t.ip}/32`, DNS_PORTS(t.port));
      if (!headers) return bi(`the path from ${s!.id} to ${t.ip} cannot be read`, `${s!.id} から ${t.ip} への経路を読めない`);
      const { arrivals } = ctx.reach.probeFromSubnet(s!.id, headers);
      // The security cloud is an external zone, or a hub VPC of the same app (its Resolver inbound endpoint).
      const elsewhere = arrivals.find((a) => !(a.end.kind === 'zone' && a.end.zone === 'SECURITY_CLOUD') && !(a.end.kind === 'subnet' && isHubSubnet(ctx.graph, a.end.subnet)));
      if (elsewhere) {
        const end = endOf(ctx, elsewhere);
        return bi(`queries to ${t.ip} from ${nameOf(ctx.graph, s!.id)} reach ${end.en}, not the security cloud`,
          `${nameOf(ctx.graph, s!.id)} から ${t.ip} への問い合わせが、自治体情報セキュリティクラウドではなく${spaced(end.ja)}に届く`);
      }
      if (arrivals.length === 0) {
        return bi(`queries to ${t.ip} from ${nameOf(ctx.graph, s!.id)} reach nothing (no route to the security cloud)`,
          `${nameOf(ctx.graph, s!.id)} から ${t.ip} への問い合わせがどこにも届かない（自治体情報セキュリティクラウドへのルートがない）`);
      }
    }
  }
  return undefined;
}

/**
 * The DNS servers a DHCP option set associated with the Internet-segment VPC gives its instances: every one but
 * `AmazonProvidedDNS` (the VPC's own resolver, where the forwarding rules and the DNS Firewall apply) is asked directly,
 * around the security cloud's DNS or the stand-in's filter (EC2 CreateDhcpOptions: once associated, "all existing and new
 * instances that you launch in the VPC use this set"). A set the output does not hold, or servers the guard cannot read,
 * are findings too (fail closed); `default` (no option set) names no server.
 * https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html
 */
function dhcpFindings(ctx: GuardContext, rule: GuardRule, vpcId: string): Finding[] {
  const fix = bi('give the Internet-segment VPC no DHCP option set, or one whose only DNS server is AmazonProvidedDNS (the VPC resolver forwards "." to '
    + 'the security cloud, or the stand-in\'s DNS Firewall filters it)',
  'インターネット接続系の VPC に DHCP オプションセットを関連付けないか、DNS サーバーを AmazonProvidedDNS だけにする（VPC のリゾルバが "." を自治体情報セキュリティクラウドへ'
    + '転送し、または代替構成の DNS Firewall がフィルタする）');
  const findings: Finding[] = [];
  for (const a of nodesInVpc(ctx.graph, 'dhcp-association', vpcId).filter((x) => x.options !== undefined)) {
    const set = deref<DhcpOptionsNode>(ctx.graph, a.options!);
    if (set?.type !== 'dhcp-options' || set.dnsServers === undefined) {
      findings.push(finding(rule, nameOf(ctx.graph, a.id), bi(`the DNS servers that DHCP option set ${set?.type === 'dhcp-options' ? set.id : describeRef(a.options!)} gives the `
        + 'Internet-segment VPC\'s instances cannot be read (a set outside the output, or servers not written as literals), so they may ask a resolver around the '
        + 'security cloud\'s DNS (fail closed)',
      `DHCP オプションセット ${set?.type === 'dhcp-options' ? set.id : describeRef(a.options!)} がインターネット接続系の VPC のインスタンスに渡す DNS サーバーを読めない`
        + '（出力にないセット、またはリテラルでないサーバー）ため、インスタンスが自治体情報セキュリティクラウドの DNS を迂回するリゾルバに問い合わせうる（フェイルクローズ）'), fix));
      continue;
    }
    const others = set.dnsServers.filter((server) => server !== AMAZON_PROVIDED_DNS);
    if (others.length > 0) {
      findings.push(finding(rule, nameOf(ctx.graph, a.id), bi(`DHCP option set ${set.id} gives the Internet-segment VPC's instances the DNS servers `
        + `${others.join(', ')}, which they ask directly, around the VPC resolver's forwarding to the security cloud and its DNS Firewall`,
      `DHCP オプションセット ${set.id} がインターネット接続系の VPC のインスタンスに DNS サーバー ${others.join('、')} を渡しており、インスタンスは VPC のリゾルバの`
        + '自治体情報セキュリティクラウドへの転送も DNS Firewall も通らずに直接問い合わせる'), fix));
    }
  }
  return findings;
}

/**
 * IN-2: the Internet segment resolves names through the security cloud's DNS (a Route 53 Resolver FORWARD rule for `.`
 * whose resolvers are reached in the SECURITY_CLOUD zone), or, where the VPC holds the built-in stand-in firewall,
 * through the VPC resolver behind a DNS Firewall that fails closed. Every other forwarding rule of the VPC must lead to
 * the security cloud as well, and a SYSTEM rule (the VPC resolver for a domain) is allowed only on the stand-in's filtered
 * resolver; nor may a DHCP option set give the instances other DNS servers than the VPC resolver: no unfiltered fallback.
 */
export const IN2: GuardRule = {
  id: 'IN-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド（外部DNS）',
  summary: 'INTERNET-segment name resolution goes to the security cloud\'s DNS (a resolver forwarding rule for "." to resolvers in the '
    + 'SECURITY_CLOUD zone) or, with the built-in stand-in, to the VPC resolver behind a fail-closed DNS Firewall that blocks something, '
    + 'with no rule letting every name, a TLD or an unreadable list through ahead of its blocks; no unfiltered fallback '
    + '(no other resolver rule around it, no DHCP option set giving the instances other DNS servers than AmazonProvidedDNS).',
  check(ctx) {
    const findings: Finding[] = [];
    const forwardFix = bi('forward "." to the security cloud\'s resolvers (internet.securityCloudDns) through an outbound Resolver endpoint whose '
      + 'subnets route them over the transit gateway to the security cloud',
    '"." を、自治体情報セキュリティクラウドのリゾルバ（internet.securityCloudDns）へ転送する。転送はアウトバウンドの Resolver エンドポイントから行い、'
      + 'そのサブネットは Transit Gateway 経由で自治体情報セキュリティクラウドへルーティングする');
    for (const vpc of nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === Segment.INTERNET)) {
      const rules = nodesInVpc(ctx.graph, 'resolver-rule-association', vpc.id)
        .map((a) => ({ association: a, rule: deref<ResolverRuleNode>(ctx.graph, a.rule) }));
      // The stand-in's filtered resolver: a DNS Firewall rule group on the VPC that fails closed.
      // A rule group that blocks nothing (none of its rules, or an ALLOW of "*" first) is no filter.
      const unfiltered = standInFilterProblem(ctx, vpc);
      const filtered = unfiltered === undefined;
      const configs = nodesInVpc(ctx.graph, 'dns-firewall-config', vpc.id);
      const closed = configs.length > 0 && configs.every((c) => c.failOpen === false);
      const standIn = nodesInVpc(ctx.graph, 'firewall', vpc.id).length > 0;
      findings.push(...dhcpFindings(ctx, this, vpc.id));
      let root = false;
      for (const { association, rule } of rules) {
        if (rule?.type !== 'resolver-rule') {
          findings.push(finding(this, nameOf(ctx.graph, association.id),
            bi(`the resolver rule of association ${association.id} cannot be read (fail closed)`, `関連付け ${association.id} のリゾルバルールを読めない（フェイルクローズ）`), forwardFix));
          continue;
        }
        const kind = resolverRuleKind(rule);
        const domain = resolverRuleDomain(rule);
        if (kind === undefined) {
          // Only a literal SYSTEM rule is the VPC's own resolver, and only FORWARD and DELEGATE rules send through an
          // endpoint: anything else (a type given by a parameter, RECURSIVE, a SYSTEM rule naming an endpoint) may be either.
          findings.push(finding(this, nameOf(ctx.graph, rule.id),
            bi(`the type of resolver rule ${rule.id} cannot be read (${rule.ruleType === undefined ? 'not a literal' : `${rule.ruleType}${rule.endpoint ? ' with an outbound endpoint' : ''}`}; `
              + 'FORWARD, DELEGATE or SYSTEM without an endpoint is read), so where the Internet-segment VPC\'s queries go cannot be told (fail closed)',
            `リゾルバルール ${rule.id} の種類を読めない（${rule.ruleType === undefined ? 'リテラルではない' : `${rule.ruleType}${rule.endpoint ? '、アウトバウンドエンドポイントあり' : ''}`}。`
              + '読めるのは FORWARD、DELEGATE、エンドポイントのない SYSTEM）ため、インターネット接続系の VPC の問い合わせの行き先がわからない（フェイルクローズ）'), forwardFix));
          continue;
        }
        if (kind === 'system') {
          // A SYSTEM rule sends its domain (and every name under it) to the VPC's own resolver, around a forwarding rule for
          // a shorter name: that resolver answers for the internet. Only the stand-in's resolver, behind a fail-closed DNS
          // Firewall, may do so. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-overview-forward-vpc-to-network.html
          if (!(standIn && filtered && closed)) {
            findings.push(finding(this, nameOf(ctx.graph, rule.id), {
              en: `the Internet-segment VPC resolves ${domain ?? 'a domain the guard cannot read'} `
                + `with the VPC's own resolver (a SYSTEM resolver rule), around the security cloud's DNS${standIn ? ' and without a fail-closed DNS Firewall' : ''}`,
              ja: `インターネット接続系の VPC が、${domain !== undefined ? `"${domain}"` : 'ガードが読めないドメイン'} の名前解決を、自治体情報セキュリティクラウドの DNS を経由せず`
                + `${standIn ? '、フェイルクローズの DNS Firewall もなしに' : ''} VPC 自身のリゾルバ（SYSTEM のリゾルバルール）で行う`,
            }, bi('remove the SYSTEM rule from the Internet-segment VPC (forward the domain to the security cloud\'s resolvers), or filter the VPC resolver '
              + 'with a DNS Firewall rule group whose fail-open is DISABLED',
            'インターネット接続系の VPC から SYSTEM ルールを削除する（そのドメインを自治体情報セキュリティクラウドのリゾルバへ転送する）か、'
              + 'フェイルオープンを DISABLED にした DNS Firewall のルールグループで VPC のリゾルバをフィルタする')));
          }
          continue;
        }
        // FORWARD and DELEGATE alike send their queries through the outbound endpoint to the targets (CreateResolverRule:
        // "to forward DNS queries for specified domain name to resolvers on your network, specify FORWARD or DELEGATE").
        const problem = forwardingProblem(ctx, rule, vpc.id);
        const delegates = rule.ruleType === 'DELEGATE';
        if (problem) {
          findings.push(finding(this, nameOf(ctx.graph, rule.id), {
            en: `the Internet-segment VPC ${delegates ? 'delegates' : 'forwards'} ${domain ?? 'a domain the guard cannot read'}${delegates ? ' (a DELEGATE resolver rule)' : ''} `
              + `to resolvers that are not the security cloud's: ${problem.en}`,
            ja: `インターネット接続系の VPC が、${domain !== undefined ? `"${domain}"` : 'ガードが読めないドメイン'} を${delegates ? '（DELEGATE のリゾルバルールで）' : ''}`
              + `自治体情報セキュリティクラウドではないリゾルバへ転送している: ${problem.ja}`,
          }, forwardFix));
        } else if (!delegates && isRoot(rule.domainName)) {
          // A DELEGATE rule sends only the names whose delegation records point at its record: never every name.
          root = true;
        }
      }
      if (root) continue;
      if (!standIn) {
        findings.push(finding(this, nameOf(ctx.graph, vpc.id), bi('the Internet-segment VPC resolves names without the security cloud\'s DNS: '
          + 'no resolver rule forwards "." to resolvers in the SECURITY_CLOUD zone',
        'インターネット接続系の VPC が、自治体情報セキュリティクラウドの DNS を使わずに名前解決している: "." を SECURITY_CLOUD ゾーンのリゾルバへ転送するリゾルバルールがない'), forwardFix));
        continue;
      }
      if (!filtered || !closed) {
        findings.push(finding(this, nameOf(ctx.graph, vpc.id), {
          en: 'the stand-in\'s resolver is unfiltered: '
            + `${unfiltered ? unfiltered.en : 'its DNS Firewall does not fail closed (FirewallFailOpen is not DISABLED)'}`,
          ja: '代替構成のリゾルバにフィルタがない: '
            + `${unfiltered ? unfiltered.ja : 'DNS Firewall がフェイルクローズにならない（FirewallFailOpen が DISABLED ではない）'}`,
        }, bi('associate a DNS Firewall rule group that blocks (internet.dnsBlockedDomains) with the VPC and set its firewall configuration\'s fail-open to DISABLED (InternetEgressMode.BUILT_IN plans this), '
          + 'or forward "." to the security cloud\'s resolvers',
        'VPC に、遮断するルール（internet.dnsBlockedDomains）を持つ DNS Firewall のルールグループを関連付け、ファイアウォール設定のフェイルオープンを DISABLED にする（InternetEgressMode.BUILT_IN がこの構成を作る）か、'
          + '"." を自治体情報セキュリティクラウドのリゾルバへ転送する')));
      }
    }
    return findings;
  },
};
