/**
 * The prefecture security cloud (自治体情報セキュリティクラウド): SC-1 … SC-4 over a hub VPC (tag `jichitai:security-cloud`
 * = `hub`) and its member municipalities (tag `jichitai:municipality`), as the app synthesized them. The paths are the
 * exact reachability engine's (docs/guard-semantics.md); the hub's functions are found by `jichitai:hub-function`.
 */
import { arrivalInspection, DECLARE_APPLIANCE, handWrittenFindings, Inspection, inspectedOnPath, inspectionWords } from './alpha-prime';
import { proxyConfigs, SquidConf } from './breakout-controls';
import { shippedFiles } from './logging';
import { firewallGateFindings } from './paths';
import { proxySubnets } from './proxy-clients';
import { NetworkModel } from '../../model/network-model';
import { HUB_FUNCTION_TAG_KEY, HubFunction, MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_MEMBER_ZONE } from '../../model/security-cloud';
import { Segment } from '../../model/segment';
import { parsePrefix, Prefix } from '../address-space';
import { IngressName, internetIngress, leftToSecurityCloud } from '../bridges';
import { DeclaredSiem } from '../declared';
import {
  BucketNode, deref, DeliveryStreamNode, describeRef, FirewallNode, firewallLogDestinations, FlowLogNode, GraphNode, groupBy, groupVpcs,
  IngressBridge, LoadBalancerNode, LogDestinationNode, NatGatewayNode, nodesInVpc, nodesOf, Ref, StreamBackup, StreamPrefix, SubnetNode,
  TopologyGraph, UserDataNode, VpcNode, WafRule, WafWebAclNode,
} from '../graph';
import { jaDestinations, jaOrEn } from '../ja-engine';
import { missingFlowLogFields, SIEM_FLOW_LOG_FIELDS } from '../log-delivery';
import { oncePer } from '../memo';
import { Arrival } from '../reachability';
import { relayLiteral } from '../relay-read';
import { ALL_MODELS, bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, Severity, spaced } from '../rule';
import { LOAD_BALANCERS, nameOf, occupantsInWords, occupantsOf } from '../topology';

/** The member municipalities' address space: a proxy must refuse every destination in it (RFC 1918). */
const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** The managed rule group that detects SQL injection (AWS WAF). */
const SQLI_RULE_SET = 'AWSManagedRulesSQLiRuleSet';

/** The hub VPCs (one list per graph: SC-4 asks for each log destination it judges, and a prefecture has thousands). */
const hubVpcList = oncePer((graph: TopologyGraph): readonly VpcNode[] => nodesOf(graph, 'vpc').filter((v) => v.hub === true));
const hubVpcs = (graph: TopologyGraph): VpcNode[] => [...hubVpcList(graph)];

const vpcOf = (graph: TopologyGraph, s: SubnetNode): VpcNode | undefined => {
  const v = deref<VpcNode>(graph, s.vpc);
  return v?.type === 'vpc' ? v : undefined;
};

/** Whether a subnet is in a hub VPC. */
export function isHubSubnet(graph: TopologyGraph, subnetId: string): boolean {
  const s = graph.nodes.get(subnetId);
  return s?.type === 'subnet' && vpcOf(graph, s)?.hub === true;
}

/** The member a subnet belongs to: its own `jichitai:municipality` tag, else its VPC's; none in the hub. */
function memberOf(graph: TopologyGraph, s: SubnetNode): string | undefined {
  const vpc = vpcOf(graph, s);
  if (vpc?.hub) return undefined;
  return s.tags[MUNICIPALITY_TAG_KEY] ?? vpc?.municipality;
}

const hubFunction = (tags: Readonly<Record<string, string>>) => tags[HUB_FUNCTION_TAG_KEY];

/**
 * The stack a node belongs to when the output holds more than one (the readers prefix each id with its stack's name:
 * `Hub/Siem`, `hub:Hub/Siem` for a hub's evidence, `members/aws_s3_bucket.x`); undefined in one stack. A Terraform
 * address whose key holds a slash (`aws_s3_bucket.x["a/b"]`) is no prefix.
 */
const stackOf = (id: string): string | undefined => /^([^/[\]"]+)\//.exec(id)?.[1];

/**
 * The SIEM buckets of the hub: tagged `jichitai:hub-function` = `siem` in a stack that holds a hub VPC (the one stack of
 * a single template or configuration), or, wherever it is, named (literally) by a declared SIEM's ARN (`GuardContext.siem`).
 * The tag alone proves nothing: a member's stack could tag a bucket of its own so, and its logs would never reach the
 * hub's analysts (outside tester).
 */
function siemBuckets(graph: TopologyGraph, declared: readonly DeclaredSiem[] = []): BucketNode[] {
  const hubStacks = hubStacksOf(graph);
  const names = declared.length === 0 ? undefined : new Set(declared.flatMap((d) => (d.bucketArn === undefined ? [] : [bucketNameOf(d.bucketArn)])));
  return taggedSiems(graph).filter((b) => hubStacks.has(stackOf(b.id)) || (b.name !== undefined && names?.has(b.name) === true));
}

/** The stacks that hold a hub VPC (`siemBuckets`), once per graph. */
const hubStacksOf = oncePer((graph: TopologyGraph): ReadonlySet<string | undefined> => new Set(hubVpcList(graph).map((v) => stackOf(v.id))));

/** The buckets tagged as the SIEM (`jichitai:hub-function` = `siem`), wherever they are; once per graph (`siemBuckets` is asked per log). */
const taggedSiemList = oncePer((graph: TopologyGraph): readonly BucketNode[] => nodesOf(graph, 's3-bucket').filter((b) => hubFunction(b.tags) === HubFunction.SIEM));
const taggedSiems = (graph: TopologyGraph): BucketNode[] => [...taggedSiemList(graph)];

/** `arn:aws:s3:::name/prefix` or `name/prefix` → `name`. */
function bucketNameOf(text: string): string {
  return text.replace(/^arn:[^:]*:s3:::/, '').split('/')[0];
}

/**
 * Whether a log destination is the hub's SIEM bucket (`siemBuckets`, with the SIEMs the scope declares): the bucket node
 * itself, or its literal name (or an ARN of it) from outside the app. A bucket whose name is generated can only be
 * matched as a node.
 */
export function isSiemSink(graph: TopologyGraph, sink: Ref | undefined, declared: readonly DeclaredSiem[] = []): boolean {
  if (!sink) return false;
  const buckets = siemBuckets(graph, declared);
  if (sink.kind === 'node') return buckets.some((b) => b.id === sink.id);
  if (sink.kind === 'external') return buckets.some((b) => b.name !== undefined && b.name === bucketNameOf(sink.value));
  return false;
}

/** The SIEM bucket, or a Firehose delivery stream that delivers every record to it (`wholeToSiem`). */
function endsInSiem(graph: TopologyGraph, sink: Ref, declared: readonly DeclaredSiem[] = []): boolean {
  if (isSiemSink(graph, sink, declared)) return true;
  const stream = deref(graph, sink);
  return stream?.type === 'delivery-stream' && wholeToSiem(graph, stream, undefined, declared);
}

/**
 * Whether a delivery stream puts every record it is sent into the SIEM bucket (SC-4), under `expected` when given (its
 * `Prefix` and `ErrorOutputPrefix`; `streamPrefixProblem`): no processor that may drop records (log-delivery.ts); its S3
 * destinations all the SIEM, or — a stream delivering elsewhere than S3 (`DeliveryStreamNode.elsewhere`: an HTTP
 * endpoint, Splunk, OpenSearch…) — an S3 backup of every record of that destination into the SIEM. Failed records only,
 * or a destination the guard does not know, deliver no log whole (fail closed).
 */
function wholeToSiem(g: TopologyGraph, stream: DeliveryStreamNode, expected: string | undefined, siem: readonly DeclaredSiem[]): boolean {
  if (stream.drops !== undefined) return false;
  const under = (p: { prefix: StreamPrefix; errorPrefix: StreamPrefix } | undefined) => p !== undefined
    && (expected === undefined || (!streamPrefixProblem(p.prefix, expected) && !streamPrefixProblem(p.errorPrefix, expected)));
  if ((stream.elsewhere ?? []).length > 0) {
    const known = !(stream.elsewhere ?? []).some((e) => e.startsWith('a destination the guard does not know'));
    return known && (stream.backups ?? []).some((b) => b.field !== undefined && b.some === undefined && isSiemSink(g, b.bucket, siem) && under(b));
  }
  return stream.buckets.length > 0
    && stream.buckets.every((b, i) => isSiemSink(g, b, siem) && (expected === undefined || under(stream.keyPrefixes?.[i])));
}

/**
 * The words `log-delivery.ts` `firehoseDestinations` gives a stream's destinations other than S3 and their backups, in
 * Japanese (names of settings and services stay as written).
 */
function jaStreamWords(text: string): string {
  return text
    .replace(/^failed records only \((\S+) (.+), not (\S+)\)$/, '失敗したレコードだけ（$1 が $2 で、$3 ではない）')
    .replace(/^a destination the guard does not know \((.+)\)$/, 'ガードが知らない送り先（$1）')
    .replace(/^an HTTP endpoint /, 'HTTP エンドポイント ')
    .replace(/^the intermediate bucket Firehose loads (.+) from$/, 'Firehose が $1 へ読み込む中間バケット')
    .replace(/^its backup mode (.+) is not Enabled$/, 'バックアップのモード $1 が Enabled ではない')
    .replace(/^the guard cannot read the destination's configuration$/, 'ガードが送り先の設定を読めない');
}

/** Whether a delivery stream writes anything to the SIEM bucket: an S3 destination or an S3 backup there. */
const writesToSiem = (g: TopologyGraph, stream: DeliveryStreamNode, siem: readonly DeclaredSiem[]): boolean =>
  [...stream.buckets, ...(stream.backups ?? []).map((b) => b.bucket)].some((b) => isSiemSink(g, b, siem));

/**
 * How a firewall inspects a path as the hub's inspection firewall: in a hub VPC or tagged `inspection`, and inspecting as
 * IN-1 asks of the stand-in (`arrivalInspection`: default drop, no group around it, an IDS/IPS as AP-4 counts one ahead of
 * what it passes, or drop rules written by hand, `handWritten`).
 */
function hubInspection(ctx: GuardContext, firewallId: string, arrival: Arrival): Inspection {
  const graph = ctx.graph;
  const fw = graph.nodes.get(firewallId) as FirewallNode | undefined;
  if (fw?.type !== 'firewall') return { problem: bi(`firewall ${firewallId} is not in the synthesized output`, `ファイアウォール ${firewallId} が合成結果にない`) };
  const inHub = deref<VpcNode>(graph, fw.vpc)?.hub === true;
  if (!inHub && hubFunction(fw.tags) !== HubFunction.INSPECTION) {
    return { problem: bi(`firewall ${firewallId} is not the hub's inspection firewall`, `ファイアウォール ${firewallId} はハブの検査用ファイアウォールではない`) };
  }
  // The hub's gateway firewall inspects as IN-1 asks of the stand-in: every packet to the stateful engine, a default
  // drop, no group around it, IDS/IPS in drop mode (the hub's 不正通信検知) ahead of what it passes.
  return arrivalInspection(ctx, firewallId, arrival);
}

/** Why a firewall does not inspect a path as the hub's inspection firewall (`hubInspection`), for findings. */
function inspectionProblem(ctx: GuardContext, firewallId: string, arrival: Arrival): Bilingual | undefined {
  return inspectionWords(hubInspection(ctx, firewallId, arrival));
}

/** A web proxy: a Squid configuration, and the subnets its instances run in (undefined: unknown). */
export interface WebProxy {
  readonly node: UserDataNode;
  readonly conf: SquidConf;
  readonly subnets?: SubnetNode[];
}

/**
 * The VPCs a proxy's security groups place it in: a group's own VPC and those it is associated with (`groupVpcs`);
 * undefined for one the guard cannot place (and for a proxy that names no group: it may run anywhere).
 */
export function proxyVpcs(graph: TopologyGraph, node: UserDataNode): (VpcNode | undefined)[] {
  const vpcs = node.securityGroups.map((g) => deref(graph, g))
    .flatMap((g) => (g?.type === 'security-group' ? groupVpcs(graph, g).map((x) => deref<VpcNode>(graph, x.vpc)) : [undefined]));
  return vpcs.length === 0 ? [undefined] : vpcs;
}

/** How one web proxy reaches the internet (`proxyExits`). */
export interface ProxyExit {
  readonly proxy: WebProxy;
  /** The paths from its subnets to the internet that are not inspected, or that end where the guard cannot follow; undefined when its subnets cannot be read. */
  readonly bad?: Arrival[];
  /** Its subnets can be read, reach the internet, and only by inspected paths. */
  readonly good: boolean;
}

/**
 * Whether web proxies reach the internet through the inspection (SC-2's hub proxy, IN-1's stand-in proxy): per proxy, the
 * paths from its subnets that `inspected` refuses or that the guard cannot follow (fail closed), and whether it reaches
 * the internet with none of them. A proxy whose subnets cannot be read is neither good nor judged (its caller reports it).
 */
export function proxyExits(ctx: GuardContext, proxies: readonly WebProxy[], inspected: (a: Arrival) => boolean): ProxyExit[] {
  return proxies.map((proxy) => {
    if (!proxy.subnets) return { proxy, good: false };
    const arrivals = proxy.subnets.flatMap((s) => ctx.reach.arrivals(s.id));
    const bad = arrivals.filter((a) => (a.end.kind === 'internet' && !inspected(a)) || a.end.kind === 'unknown');
    return { proxy, bad, good: bad.length === 0 && arrivals.some((a) => a.end.kind === 'internet') };
  });
}

/**
 * The hub's proxies: Squid configurations (`http_port`) tagged `proxy`, or whose security groups are in a hub VPC, or —
 * in a graph with a hub — whose groups the guard cannot place (fail closed). Their subnets: the instance's own, or those
 * of the Auto Scaling groups that start the launch template.
 */
function hubProxies(graph: TopologyGraph): WebProxy[] {
  const out: WebProxy[] = [];
  for (const { node, conf } of proxyConfigs(graph)) {
    // An association with the hub VPC makes the instance a possible hub server, one with a VPC the guard cannot place
    // leaves it unplaced.
    const vpcs = proxyVpcs(graph, node);
    const unplaced = vpcs.some((v) => v === undefined);
    const hub = hubFunction(node.tags) === HubFunction.PROXY || vpcs.some((v) => v?.hub === true) || unplaced;
    if (!hub) continue;
    out.push({ node, conf, subnets: proxySubnets(graph, node) });
  }
  return out;
}

/**
 * Squid directives that send a request somewhere else than the host of its URL, after `http_access` judged it: peers,
 * URL rewriters, store-id helpers, ICAP / eCAP adaptation (a REQMOD service may rewrite the request).
 * https://www.squid-cache.org/Doc/config/
 */
const RELAYING_DIRECTIVES: ReadonlySet<string> = new Set([
  'cache_peer', 'cache_peer_access', 'never_direct', 'url_rewrite_program', 'store_id_program', 'icap_service', 'ecap_service',
  'adaptation_service_set', 'adaptation_service_chain', 'adaptation_access', 'adapted_http_access',
]);

/**
 * Why a proxy relays one member to another: its `http_access` rules before the first `allow` must deny (`http_access
 * deny <acl>`, one `dst` ACL of literal prefixes) every RFC 1918 destination and every block of a member VPC. Anything
 * the guard cannot read in those ACLs does not count as denied.
 */
export function relayProblem(conf: SquidConf, memberBlocks: readonly string[], amazonBlocks: readonly string[] = []): Bilingual | undefined {
  const relaying = relayingProblem(conf);
  if (relaying) return relaying;
  const denied = deniedDestinations(conf);
  // A member's IPv6 blocks too (an outside tester relayed over IPv6 past a proxy denying IPv4 only); an Amazon-provided
  // block, known only after deployment, cannot be denied by a literal prefix: open.
  const open = [...RFC1918, ...memberBlocks].filter((text) => {
    const p = parsePrefix(text);
    return p !== undefined && !covered(p, denied);
  }).concat(amazonBlocks);
  if (open.length === 0) return undefined;
  const list = [...new Set(open)].join(', ');
  return bi(`its http_access rules do not deny ${list} before they allow, so it relays requests to member networks`,
    `http_access のルールが、許可より前に ${list} を拒否しておらず、構成団体のネットワークへの要求を中継してしまう`);
}

/**
 * The NAT64 well-known prefix (RFC 6052), the one a NAT gateway translates: it sends a packet for 64:ff9b::<IPv4> to
 * that IPv4 address, in the same VPC, another one or on premises ("DNS64 and NAT64",
 * https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-nat64-dns64.html).
 */
export const NAT64_PREFIX = '64:ff9b::/96';

const NAT64_RANGE = parsePrefix(NAT64_PREFIX)!;

/**
 * Whether IPv6 packets that arrive at a NAT gateway include destinations of the NAT64 prefix: a NAT gateway translates
 * only those to IPv4 ("DNS64 and NAT64": the route sends 64:ff9b::/96 to the NAT gateway), so a route of another IPv6
 * block to it (2001:db8::/32) relays nothing to an IPv4 address. The walk's packets already take the longest match
 * (64:ff9b::/96 routed elsewhere is not among them), a prefix list's entries, and a destination the guard cannot read
 * for every destination (semantics §4: fail closed, unreadable = covers).
 */
function translatesNat64(ctx: GuardContext, a: Arrival): boolean {
  const atoms = ctx.reach.atoms;
  return a.headers.some((h) => atoms.lo(h.d0) <= NAT64_RANGE.hi && atoms.hi(h.d1) >= NAT64_RANGE.lo);
}

/**
 * Why a proxy whose subnet reaches a NAT gateway over IPv6 relays through NAT64: a request for an address of the NAT64
 * prefix matches none of its IPv4 `dst` ACLs, so its http_access rules must deny the prefix itself before they allow.
 */
export function nat64RelayProblem(conf: SquidConf): Bilingual | undefined {
  const relaying = relayingProblem(conf);
  if (relaying) return relaying;
  if (covered(parsePrefix(NAT64_PREFIX)!, deniedDestinations(conf))) return undefined;
  return bi(`its http_access rules do not deny ${NAT64_PREFIX} before they allow (an IPv4 dst ACL does not match it)`,
    `http_access のルールが、許可より前に ${NAT64_PREFIX} を拒否していない（IPv4 の dst ACL はこれに一致しない）`);
}

/** Why nothing a proxy's http_access rules deny counts: its configuration cannot be read, or it sends requests elsewhere. */
function relayingProblem(conf: SquidConf): Bilingual | undefined {
  // What Squid loads cannot be read: nothing in it counts as denying.
  if (conf.unreadable) return conf.unreadable;
  // A request http_access allowed may still be sent elsewhere than its URL's host: to a peer, through a rewriter or an
  // adaptation service (a real Squid 5.7 relayed to a member this way past a dst deny, an outside tester showed).
  const elsewhere = conf.directives.find((d) => RELAYING_DIRECTIVES.has(d[0]));
  if (elsewhere) {
    return bi(`it has ${elsewhere[0]}, which may send a request elsewhere than the host its http_access rules judged, a member network included`,
      `${elsewhere[0]} があり、http_access のルールが判定したホスト以外（構成団体のネットワークを含む）へ要求を送りうる`);
  }
  return undefined;
}

/** The destinations a proxy's http_access rules deny before the first `allow`: `http_access deny <acl>` of one `dst` ACL of literal prefixes. */
function deniedDestinations(conf: SquidConf): Prefix[] {
  const denied: Prefix[] = [];
  for (const d of conf.directives) {
    if (d[0] !== 'http_access') continue;
    if (d[1] === 'allow') break;
    if (d[1] !== 'deny' || d.length !== 3 || d[2].startsWith('!')) continue;
    const lines = conf.acls.get(d[2]) ?? [];
    // `dst -n` matches IP-literal URLs only (no DNS lookup): a name that resolves to a member address passes it.
    if (lines.length === 0 || lines.some((l) => l.type !== 'dst' || l.flags.length > 0)) continue;
    for (const l of lines) {
      for (const v of l.values) {
        // Squid reads an ACL's IPv4 address as glibc's inet_aton does, an octet with a leading zero in octal: `010.0.0.0/8`
        // denies 8.0.0.0/8 (found by the differential test against the real Squid, test/integration/squid-judgment.test.ts).
        if (!v.includes(':') && /(^|\.)0\d/.test(v.split('/')[0])) continue;
        const p = parsePrefix(v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`);
        if (p) denied.push(p);
      }
    }
  }
  return denied;
}

/**
 * The guard's answer about a hub proxy's http_access rules that SC-1 rests on (none: the proxy refuses every RFC 1918
 * and member destination), exported for the differential test against the real Squid
 * (test/integration/squid-judgment.test.ts), which asks it of random configurations.
 */
export const SQUID_RELAY_ANSWERS = { relayProblem } as const;

/** Whether the union of the prefixes holds the whole of `p`. */
function covered(p: Prefix, by: readonly Prefix[]): boolean {
  let next = p.lo;
  for (const q of [...by].filter((x) => x.family === p.family).sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0))) {
    if (q.lo > next) break;
    if (q.hi >= next) next = q.hi + 1n;
    if (next > p.hi) return true;
  }
  return next > p.hi;
}

/** The first arrival of each source subnet that `bad` selects. */
function firstPerSource(arrivals: readonly Arrival[], bad: (a: Arrival) => boolean): Arrival[] {
  const seen = new Set<string>();
  const out: Arrival[] = [];
  for (const a of arrivals) {
    if (seen.has(a.from) || !bad(a)) continue;
    seen.add(a.from);
    out.push(a);
  }
  return out;
}

const SC1_FIX = bi('give each member its own transit gateway route table that holds only the hub VPC attachment\'s propagation, propagate each member only into '
  + 'the hub\'s table, route members only to the hub CIDR, and have the hub proxy deny every RFC 1918 destination before it allows',
'構成団体ごとに、ハブ VPC のアタッチメントの伝播だけを持つ Transit Gateway のルートテーブルを設け、各構成団体はハブのルートテーブルにだけ伝播させ、'
  + '構成団体からはハブの CIDR にだけルーティングし、ハブのプロキシには許可より前にすべての RFC 1918 宛先を拒否させる');

/**
 * SC-1 (critical): no member municipality reaches another — no path from any subnet of one to any subnet of another (any
 * segment), and no hub proxy that would relay between them.
 */
export const SC1: GuardRule = {
  id: 'SC-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド（構成団体間の分離）',
  summary: 'Member municipalities of the security cloud never reach each other: no path (every address, every hop) from a subnet of one member '
    + 'to a subnet of another, and no hub proxy that relays (its Squid configuration denies every RFC 1918 destination before it allows, and the NAT64 '
    + 'prefix 64:ff9b::/96 too where its subnets route that prefix to a NAT gateway).',
  check(ctx) {
    const g = ctx.graph;
    const findings: Finding[] = [];
    const hubs = hubVpcs(g);
    const subnets = nodesOf(g, 'subnet');
    const members = new Map<string, string>();
    for (const s of subnets) {
      const m = memberOf(g, s);
      if (m !== undefined) members.set(s.id, m);
    }
    const codes = new Set(members.values());
    if (hubs.length === 0 && codes.size < 2) return findings;
    // With a hub, every other VPC is a member's: one without a code cannot be told apart from the others (fail closed).
    if (hubs.length > 0) {
      for (const v of nodesOf(g, 'vpc').filter((x) => !x.hub && x.municipality === undefined)) {
        findings.push(finding(this, nameOf(g, v.id),
          bi('the VPC joins a security cloud but carries no municipality code, so the guard cannot tell which member it belongs to',
            'VPC が自治体情報セキュリティクラウドに参加しているが団体コードを持たず、どの構成団体のものかをガードが判断できない'),
          bi(`tag it ${MUNICIPALITY_TAG_KEY} = <local government code> (MunicipalNetwork does so with securityCloud)`,
            `VPC にタグ ${MUNICIPALITY_TAG_KEY} = <団体コード> を付ける（securityCloud を指定した MunicipalNetwork は自動で付ける）`)));
      }
    }
    const sources = subnets.filter((s) => members.has(s.id));
    for (const s of sources) {
      const own = members.get(s.id)!;
      const [a] = firstPerSource(ctx.reach.allArrivals(s.id), (x) => x.end.kind === 'unknown'
        || (x.end.kind === 'zone' && x.end.zone === SECURITY_CLOUD_MEMBER_ZONE)
        || (x.end.kind === 'subnet' && members.has(x.end.subnet) && members.get(x.end.subnet) !== own));
      if (!a) continue;
      if (a.end.kind === 'zone') {
        // The attachment of a member the hub declares in another account or app (its transit table labelled so): another
        // member, whatever lies behind it.
        const destinations = ctx.reach.destinations(a.headers);
        findings.push(finding(this, nameOf(g, s.id), {
          en: `a subnet of member ${own} reaches a member the hub declares in another account or app (${SECURITY_CLOUD_MEMBER_ZONE}: its attachment) (${destinations})`,
          ja: `構成団体 ${own} のサブネットが、ハブが別アカウント・別アプリとして宣言した構成団体（${SECURITY_CLOUD_MEMBER_ZONE}: そのアタッチメント）に届く（${jaDestinations(destinations)}）`,
        }, SC1_FIX, ctx.reach.hops(a)));
        continue;
      }
      if (a.end.kind === 'unknown') {
        findings.push(finding(this, nameOf(g, s.id), {
          en: `a subnet of member ${own} may reach every other member: ${a.end.reason} (fail closed: a path the guard cannot follow counts as reaching everywhere)`,
          ja: `構成団体 ${own} のサブネットが、ほかのすべての構成団体に届くおそれがある: ${jaOrEn(a.end.reason)}（フェイルクローズ: ガードが追跡できない経路は、どこへでも届くものとみなす）`,
        }, { en: a.end.fix, ja: jaOrEn(a.end.fix) }, ctx.reach.hops(a)));
      } else if (a.end.kind === 'subnet') {
        const other = members.get(a.end.subnet)!;
        const destinations = ctx.reach.destinations(a.headers);
        findings.push(finding(this, nameOf(g, s.id), {
          en: `a subnet of member ${own} reaches subnet ${nameOf(g, a.end.subnet)} of member ${other} (${destinations})`,
          ja: `構成団体 ${own} のサブネットが、構成団体 ${other} のサブネット ${nameOf(g, a.end.subnet)} に届く（${jaDestinations(destinations)}）`,
        }, SC1_FIX, ctx.reach.hops(a)));
      }
    }
    // The hub proxy as a relay: a member reaches the proxy, and the proxy reaches another member.
    const memberVpcs = nodesOf(g, 'vpc').filter((v) => !v.hub && (v.municipality !== undefined || hubs.length > 0));
    const memberBlocks = memberVpcs.flatMap((v) => v.cidrs.filter((c) => !v.symbolicIpv6.includes(c)));
    // An Amazon-provided IPv6 block is known only after deployment: no literal prefix of the proxy can be shown to deny it.
    const amazonBlocks = memberVpcs.flatMap((v) => v.symbolicIpv6.map(() => `an Amazon-provided IPv6 block of ${nameOf(g, v.id)}`));
    for (const proxy of hubProxies(g)) {
      // Where the proxy runs; unknown: anywhere in the hub (over-approximation).
      const at = proxy.subnets ?? subnets.filter((s) => vpcOf(g, s)?.hub === true);
      const problem = relayProblem(proxy.conf, memberBlocks, amazonBlocks);
      // IPv6 from the proxy's subnets into a NAT gateway (the walk ends there: NAT64 is not modelled, semantics §4), for
      // destinations the NAT gateway translates to IPv4 (`translatesNat64`).
      const nat64 = at.flatMap((p) => ctx.reach.allArrivals(p.id))
        .filter((x) => x.end.kind === 'unknown' && g.nodes.get(x.end.node)?.type === 'nat-gateway' && translatesNat64(ctx, x));
      const natProblem = nat64.length > 0 ? nat64RelayProblem(proxy.conf) : undefined;
      if (!problem && !natProblem) continue;
      const atIds = new Set(at.map((s) => s.id));
      const reachedBy = new Set(sources.filter((s) => ctx.reach.allArrivals(s.id).some((x) => x.end.kind === 'subnet' && atIds.has(x.end.subnet)))
        .map((s) => members.get(s.id)!));
      const relays = (x: Arrival) => x.end.kind === 'subnet' && members.has(x.end.subnet) && [...reachedBy].some((m) => m !== members.get((x.end as { subnet: string }).subnet));
      const relayed = problem ? at.flatMap((p) => ctx.reach.allArrivals(p.id)).find(relays) : undefined;
      if (problem && relayed?.end.kind === 'subnet') {
        const to = members.get(relayed.end.subnet)!;
        const from = [...reachedBy].filter((m) => m !== to).sort().join(', ');
        findings.push(finding(this, nameOf(g, proxy.node.id), {
          en: `the hub proxy relays member ${from} to subnet ${nameOf(g, relayed.end.subnet)} of member ${to}: ${problem.en}`,
          ja: `ハブのプロキシが、構成団体 ${from} からの要求を構成団体 ${to} のサブネット ${nameOf(g, relayed.end.subnet)} へ中継する: ${problem.ja}`,
        }, bi('deny every RFC 1918, link-local and loopback destination (acl ... dst) with http_access deny before any http_access allow',
          'http_access allow より前に、すべての RFC 1918・リンクローカル・ループバックの宛先（acl ... dst）を http_access deny で拒否する'), ctx.reach.hops(relayed)));
        continue;
      }
      if (natProblem && reachedBy.size > 0) {
        const relay = nat64Relay(ctx, nat64, relays);
        if (relay) findings.push(nat64Finding(this, ctx, proxy, relay, reachedBy, members, natProblem));
      }
    }
    return findings;
  },
};

/** Where a request a hub proxy sends over NAT64 goes: the way into the NAT gateway, and past it. */
interface Nat64Relay {
  /** The proxy subnet's IPv6 into the NAT gateway. */
  readonly into: Arrival;
  /** Past the NAT gateway: a member subnet it reaches, or a place the guard cannot follow (fail closed: every member). */
  readonly beyond: Arrival;
}

/**
 * Where a hub proxy relays over NAT64 (`nat64`: its subnets' IPv6 into NAT gateways): the NAT gateway sends a request
 * for 64:ff9b::<IPv4> to that IPv4 address from its own address, in its subnet, along its subnet's route table — the
 * paths of the IPv4 packets from the NAT gateway's subnet (every destination) that reach a member `relays` names, or
 * that the guard cannot follow.
 */
function nat64Relay(ctx: GuardContext, nat64: readonly Arrival[], relays: (a: Arrival) => boolean): Nat64Relay | undefined {
  for (const into of nat64) {
    if (into.end.kind !== 'unknown') continue;
    const nat = ctx.graph.nodes.get(into.end.node) as NatGatewayNode;
    const subnet = nat.subnet.kind === 'node' ? nat.subnet.id : undefined;
    // Its subnet unknown: the NAT gateway may be anywhere (fail closed).
    if (subnet === undefined) return { into, beyond: into };
    // The translated packets' source is the NAT gateway's IPv4 address, in its subnet's IPv4 block (any address when unread).
    const v4 = ctx.reach.blocksOf(subnet).filter((b) => !b.text.includes(':')).map((b) => b.range);
    const translated = (a: Arrival) => v4.length === 0 || a.headers.some((h) => v4.some(([lo, hi]) => h.s0 <= hi && h.s1 >= lo));
    const beyond = ctx.reach.allArrivals(subnet).find((a) => translated(a) && (relays(a) || a.end.kind === 'unknown'));
    if (beyond) return { into, beyond };
  }
  return undefined;
}

/** SC-1's finding on a hub proxy that relays over NAT64. */
function nat64Finding(
  rule: GuardRule, ctx: GuardContext, proxy: WebProxy, relay: Nat64Relay, reachedBy: ReadonlySet<string>, members: ReadonlyMap<string, string>,
  problem: Bilingual,
): Finding {
  const g = ctx.graph;
  const { into, beyond } = relay;
  const nat = nameOf(g, (into.end as { node: string }).node);
  const how = bi(`its subnet ${nameOf(g, into.from)} routes IPv6 to NAT gateway ${nat}, which sends a request for ${NAT64_PREFIX} + an IPv4 address to that IPv4 `
    + `address (RFC 6052), and ${problem.en}`,
  `そのサブネット ${nameOf(g, into.from)} が IPv6 を NAT ゲートウェイ ${nat} にルーティングし、NAT ゲートウェイは ${NAT64_PREFIX} + IPv4 アドレスへの要求をその IPv4 アドレスへ送る`
    + `（RFC 6052）が、${problem.ja}`);
  const fix = bi(`deny the NAT64 prefix too (acl ... dst ${NAT64_PREFIX}) with http_access deny before any http_access allow, or route no IPv6 from the `
    + 'proxy\'s subnets to a NAT gateway', `http_access allow より前に、NAT64 のプレフィックス（acl ... dst ${NAT64_PREFIX}）も http_access deny で拒否するか、`
    + 'プロキシのサブネットから NAT ゲートウェイへ IPv6 をルーティングしない');
  const hops = [...ctx.reach.hops(into), ...beyond === into ? [] : ctx.reach.hops(beyond)];
  const from = [...reachedBy].sort().join(', ');
  if (beyond.end.kind === 'subnet') {
    const to = members.get(beyond.end.subnet)!;
    const senders = [...reachedBy].filter((m) => m !== to).sort().join(', ');
    return finding(rule, nameOf(g, proxy.node.id), {
      en: `the hub proxy relays member ${senders} to subnet ${nameOf(g, beyond.end.subnet)} of member ${to} over NAT64: ${how.en}`,
      ja: `ハブのプロキシが、構成団体 ${senders} からの要求を NAT64 で構成団体 ${to} のサブネット ${nameOf(g, beyond.end.subnet)} へ中継する: ${how.ja}`,
    }, fix, hops);
  }
  const why = beyond.end.kind === 'unknown' && beyond !== into ? bi(beyond.end.reason, jaOrEn(beyond.end.reason))
    : bi(`the subnet of NAT gateway ${nat} cannot be read`, `NAT ゲートウェイ ${nat} のサブネットを読めない`);
  return finding(rule, nameOf(g, proxy.node.id), {
    en: `the hub proxy may relay member ${from} to every other member over NAT64: ${how.en}; past the NAT gateway, ${why.en} (fail closed: a path the guard `
      + 'cannot follow counts as reaching everywhere)',
    ja: `ハブのプロキシが、構成団体 ${from} からの要求を NAT64 でほかのすべての構成団体へ中継するおそれがある: ${how.ja}。NAT ゲートウェイの先で ${why.ja}`
      + '（フェイルクローズ: ガードが追跡できない経路は、どこへでも届くものとみなす）',
  }, fix, hops);
}

/** The VPCs of the members: every VPC but the hub's, when a hub is present. */
const memberVpcs = (graph: TopologyGraph): VpcNode[] => nodesOf(graph, 'vpc').filter((v) => !v.hub);

const INSPECTION_FIX = bi('route the path through the hub\'s inspection firewall (AWS Network Firewall, stateless default aws:forward_to_sfe, stateful default '
  + 'aws:drop_strict, stream exception policy DROP or REJECT, AWS managed threat-signature groups without an override to alert whose HOME_NET holds the '
  + 'addresses it inspects, ahead of every group that passes) before the NAT gateway',
'経路を NAT ゲートウェイより前に、ハブの検査用ファイアウォール（AWS Network Firewall、ステートレスの既定 aws:forward_to_sfe、ステートフルの既定 aws:drop_strict、'
  + 'ストリーム例外ポリシー DROP または REJECT、検査するアドレスを HOME_NET に含み、アラートへのオーバーライドのない AWS マネージドの脅威シグネチャのグループを、'
  + '通信を通すどのグループよりも先に）に通す');

/** How to give the hub's inspection firewall an IDS/IPS the guard counts, or acknowledge its hand-written rules. */
const HAND_WRITTEN_FIX = bi('reference AWS managed threat signatures in the inspection firewall\'s policy without an override to alert, ahead of every group that '
  + 'passes (SecurityCloudProps.managedThreatSignatures: leave it out for the default set), or route the hub\'s egress through the GWLB endpoint of an IDS '
  + `appliance and ${DECLARE_APPLIANCE.en}; or acknowledge SC-2 on the firewall with a reason that names the rule set's source (e.g. a vendor's signature feed `
  + 'and its version)',
'検査用ファイアウォールのポリシーで、AWS マネージドの脅威シグネチャをアラートへのオーバーライドなしで、通信を通すどのグループよりも先に参照する'
  + `（SecurityCloudProps.managedThreatSignatures: 省略すれば既定の組）か、ハブの出口を IDS アプライアンスの GWLB エンドポイント経由にして、${DECLARE_APPLIANCE.ja}。`
  + 'またはルールの組の出所（例: ベンダーのシグネチャ配信とその版）を理由に書いて、ファイアウォールで SC-2 を例外承認する');

/**
 * SC-2 (error): the members' internet exit is the hub's: no internet gateway, egress-only gateway or public NAT gateway in a
 * member VPC, no internet path from a member's Internet segment that does not pass the hub's inspection firewall, and a
 * hub proxy whose own way to the internet passes it.
 */
export const SC2: GuardRule = {
  id: 'SC-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド（インターネット接続口の集約）',
  summary: 'With a security cloud hub: no internet, egress-only internet or public NAT gateway in a member VPC (but an α′ member\'s LGWAN breakout, '
    + 'which the AP rules govern); every internet path of a member\'s Internet segment passes the hub\'s inspection firewall (every packet to the '
    + 'stateful engine, no stateless aws:pass; stateful default drop, under aws:drop_established with a rule dropping what is not TCP; a connection broken midstream dropped, not continued; no rule group that passes a whole transport or cannot be read; an IDS/IPS as AP-4 counts one — AWS managed threat-signature groups, not overridden to alert, that apply to the traffic\'s addresses, ahead of what it passes, '
    + 'or a GWLB endpoint declared an IDS appliance\'s on the path; drop rules written by hand alone are a finding on the firewall, to acknowledge with their source); '
    + 'the hub has a web proxy whose internet path passes it; what else runs in a hub subnet (a load balancer aside) reaches the internet only through it.',
  check(ctx) {
    const g = ctx.graph;
    const findings: Finding[] = [];
    const hubs = hubVpcs(g);
    if (hubs.length === 0) return findings;
    // An α′ member's LGWAN segment breaks out locally to allow-listed cloud services through the municipality's own
    // firewall (seed 002): its gateways are governed by the AP rules, not by the hub. Judged under the α′ model only (a
    // prefecture's parts are each judged by their own model's rules), and only in a VPC tagged as the LGWAN segment.
    const breakout = (v: VpcNode) => ctx.model === NetworkModel.ALPHA_PRIME && v.segment === Segment.LGWAN;
    const memberVpcIds = new Set(memberVpcs(g).map((v) => v.id));
    const members = new Set(memberVpcs(g).filter((v) => !breakout(v)).map((v) => v.id));
    const gatewayFix = bi('remove the gateway: a member reaches the internet only through the hub (its Internet segment routes the hub CIDR to the hub transit gateway)',
      'ゲートウェイを削除する。構成団体はハブ経由でのみインターネットに出る（インターネット接続系は、ハブの CIDR をハブの Transit Gateway へルーティングする）');
    for (const gw of [...nodesOf(g, 'internet-gateway'), ...nodesOf(g, 'egress-only-internet-gateway')]) {
      for (const v of gw.vpcs) {
        if (v.kind === 'node' && members.has(v.id)) {
          findings.push(finding(this, nameOf(g, gw.id), bi(`member VPC ${nameOf(g, v.id)} has its own ${gw.type === 'internet-gateway' ? 'internet gateway' : 'egress-only internet gateway'}`,
            `構成団体の VPC ${nameOf(g, v.id)} が独自の${gw.type === 'internet-gateway' ? 'インターネットゲートウェイ' : 'Egress-only インターネットゲートウェイ'}を持つ`), gatewayFix));
        }
      }
    }
    for (const nat of nodesOf(g, 'nat-gateway').filter((n) => n.public)) {
      const s = deref<SubnetNode>(g, nat.subnet);
      if (s?.type === 'subnet' && members.has(s.vpc.kind === 'node' ? s.vpc.id : '')) {
        findings.push(finding(this, nameOf(g, nat.id), bi(`member subnet ${nameOf(g, s.id)} holds a public NAT gateway`, `構成団体のサブネット ${nameOf(g, s.id)} にパブリック NAT ゲートウェイがある`), gatewayFix));
      }
    }
    // Hub firewalls whose only IPS is drop rules written by hand, by firewall: reported once each (below).
    const handWritten = new Map<string, Bilingual>();
    const ok = (a: Arrival) => inspectedOnPath(a, (f, x) => hubInspection(ctx, f, x), handWritten);
    const memberInternet = nodesOf(g, 'subnet').filter((s) => memberVpcIds.has(s.vpc.kind === 'node' ? s.vpc.id : '') && ctx.reach.segmentOf(s.id) === Segment.INTERNET);
    const uninspected = memberInternet.flatMap((s) => ctx.reach.arrivals(s.id)).filter((a) => (a.end.kind === 'internet' && !ok(a)) || a.end.kind === 'unknown');
    findings.push(...firewallGateFindings(ctx, this, uninspected, (f, a) => inspectionProblem(ctx, f, a), {
      firewall: bi('is not the hub\'s inspection firewall', 'ハブの検査用ではない'),
      firewallFix: INSPECTION_FIX,
      subject: bi('a member\'s Internet-segment subnet, around the hub\'s inspection firewall,', '構成団体のインターネット接続系のサブネットから、ハブの検査用ファイアウォールを通らずに'),
      fix: bi('route the member\'s Internet segment only to the hub CIDR over the hub transit gateway; browse through the hub proxy',
        '構成団体のインターネット接続系からは、ハブの CIDR だけをハブの Transit Gateway 経由でルーティングし、Web 閲覧はハブのプロキシを経由する'),
    }));
    const proxies = hubProxies(g);
    const proxyFix = bi('run the hub\'s web proxy (SecurityCloud, hub-function proxy) in the services subnets, whose default route goes to the inspection firewall',
      'ハブの Web プロキシ（SecurityCloud、hub-function proxy）を、デフォルトルートが検査用ファイアウォールへ向かう services サブネットで動かす');
    const exits = proxyExits(ctx, proxies, ok);
    for (const { proxy, bad } of exits) {
      if (!bad) {
        findings.push(finding(this, nameOf(g, proxy.node.id), bi('the guard cannot tell which subnets the hub proxy runs in (no Auto Scaling group or instance subnet it can read)',
          'ハブのプロキシがどのサブネットで動くかをガードが判断できない（読める Auto Scaling グループやインスタンスのサブネットがない）'), proxyFix));
        continue;
      }
      findings.push(...firewallGateFindings(ctx, this, bad, (f, a) => inspectionProblem(ctx, f, a), {
        firewall: bi('is not the hub\'s inspection firewall', 'ハブの検査用ではない'),
        firewallFix: INSPECTION_FIX,
        subject: bi('a subnet of the hub proxy, around the inspection firewall,', 'ハブのプロキシのサブネットから、検査用ファイアウォールを通らずに'),
        fix: INSPECTION_FIX,
      }));
    }
    const good = exits.some((x) => x.good);
    // What else runs in the hub's own subnets leaves where their routes lead: from the NAT gateways' or the firewall's
    // subnets, around the inspection firewall. A load balancer runs no code (SC-3 judges what it lets in); the proxy's
    // subnets are judged above.
    const judged = new Set(proxies.flatMap((p) => p.subnets ?? []).map((s) => s.id));
    const hubIds = new Set(hubs.map((v) => v.id));
    for (const s of nodesOf(g, 'subnet').filter((x) => x.vpc.kind === 'node' && hubIds.has(x.vpc.id) && !judged.has(x.id))) {
      const held = occupantsOf(g, s.id).filter((o) => !LOAD_BALANCERS.has(o.resourceType));
      if (held.length === 0) continue;
      const words = occupantsInWords(g, held);
      const bad = ctx.reach.arrivals(s.id).filter((a) => (a.end.kind === 'internet' && !ok(a)) || a.end.kind === 'unknown');
      findings.push(...firewallGateFindings(ctx, this, bad, (f, a) => inspectionProblem(ctx, f, a), {
        firewall: bi('is not the hub\'s inspection firewall', 'ハブの検査用ではない'),
        firewallFix: INSPECTION_FIX,
        subject: bi(`a hub subnet holding ${words}, around the inspection firewall,`, `${words} を置いたハブのサブネットから、検査用ファイアウォールを通らずに`),
        fix: bi('move it to the hub\'s services subnets, whose default route goes to the inspection firewall; the NAT gateways\' and the firewall\'s subnets hold those alone',
          'ハブの services サブネット（デフォルトルートが検査用ファイアウォールへ向かう）に移す。NAT ゲートウェイとファイアウォールのサブネットには、それら以外を置かない'),
      }));
    }
    if (!good && proxies.every((p) => p.subnets !== undefined)) {
      findings.push(finding(this, nameOf(g, hubs[0].id), bi('the hub has no web proxy whose way to the internet passes the inspection firewall',
        'ハブに、検査用ファイアウォールを通ってインターネットに出る Web プロキシがない'), proxyFix));
    }
    findings.push(...handWrittenFindings(this, ctx, handWritten, bi('the hub\'s inspection firewall has no IDS/IPS the guard can judge (不正通信検知)',
      'ハブの検査用ファイアウォールに、ガードが判断できる IDS/IPS（不正通信検知）がない'), HAND_WRITTEN_FIX));
    return findings;
  },
};

/** Why a web ACL does not stop SQL injection, or undefined. */
function sqliProblem(acl: WafWebAclNode): Bilingual | undefined {
  const detecting = acl.rules.filter((r) => r.blocks && (r.managedRuleGroups.includes(SQLI_RULE_SET) || r.sqliMatch));
  // WAF runs the rules by priority and stops at the first that allows or blocks: a rule that may allow ahead of the
  // SQL-injection rule (or whose order the guard cannot read) lets what it matches through unchecked, and a detection
  // narrowed by a scope-down statement or an AndStatement checks only the requests the other condition selects.
  const ahead = (r: WafRule) => acl.rules.filter((x) => x !== r && x.mayAllow
    && (x.priority === undefined || r.priority === undefined || x.priority < r.priority));
  if (detecting.some((r) => r.everyRequest && ahead(r).length === 0)) return undefined;
  const allowing = detecting.flatMap((r) => ahead(r)).map((x) => x.name);
  if (detecting.length > 0 && allowing.length > 0) {
    const names = [...new Set(allowing)].join(', ');
    return bi(`in web ACL ${acl.id} rule ${names} may allow requests before the rule that blocks SQL injection runs (WAF stops at the first rule that allows)`,
      `ウェブ ACL ${acl.id} で、SQL インジェクションを遮断するルールより先にルール ${names} がリクエストを許可しうる（WAF は最初に許可したルールで評価を終える）`);
  }
  if (detecting.length > 0) {
    return bi(`in web ACL ${acl.id} the rule that blocks SQL injection applies only to the requests a scope-down statement or an AndStatement selects`,
      `ウェブ ACL ${acl.id} で、SQL インジェクションを遮断するルールが、スコープダウン文または AndStatement が選ぶリクエストにしか適用されない`);
  }
  return bi(`web ACL ${acl.id} has no rule that blocks SQL injection (the managed ${SQLI_RULE_SET} without a Count override, or a SqliMatchStatement with a Block action)`,
    `ウェブ ACL ${acl.id} に SQL インジェクションを遮断するルールがない（Count で上書きしていないマネージドルール ${SQLI_RULE_SET}、または Block アクションの SqliMatchStatement）`);
}

/** The VPCs of a load balancer's subnets; undefined when one cannot be read. */
function lbVpcs(graph: TopologyGraph, lb: LoadBalancerNode): VpcNode[] | undefined {
  const vpcs = lb.subnets.map((r) => deref<SubnetNode>(graph, r)).map((s) => (s?.type === 'subnet' ? vpcOf(graph, s) : undefined));
  return vpcs.length > 0 && vpcs.every((v) => v !== undefined) ? vpcs as VpcNode[] : undefined;
}

/** What lets the internet in beside an internet-facing load balancer (`TopologyGraph.ingress`), as SC-3 reads it. */
interface IngressWay {
  readonly bridge: IngressBridge;
  /** What SC-3 calls it, and how it is closed (bridges.ts `internetIngress`). */
  readonly name: IngressName;
  /** What SC-3 calls it, as a sentence's subject. */
  readonly what: Bilingual;
  /** Where the finding is located: the resource's construct path, else its id. */
  readonly where: string;
}

/**
 * Where each bridge that lets the internet in attaches, among the nodes SC-3 judges: the load balancers it puts the
 * internet in front of (`behind`, by load balancer), and the subnets and VPCs of the hub and of members' Internet
 * segments it lets the internet into (`into`). Whatever the guard cannot place, and what lies in the My Number or LGWAN
 * segment or an unlabelled VPC, GUARD-1 reports already (bridges.ts `leftToSecurityCloud`).
 */
function ingressWays(graph: TopologyGraph): { behind: Map<string, IngressWay[]>; into: { way: IngressWay; subnet?: SubnetNode; vpc: VpcNode }[] } {
  const behind = new Map<string, IngressWay[]>();
  const into: { way: IngressWay; subnet?: SubnetNode; vpc: VpcNode }[] = [];
  for (const bridge of graph.ingress ?? []) {
    const name = internetIngress(bridge);
    if (!name) continue;
    const way: IngressWay = { bridge, name, what: bi(name.en, spaced(name.ja)), where: bridge.path ?? bridge.node };
    const seen = new Set<string>();
    for (const a of bridge.attachments) {
      const node = !a.networkInterface && a.ref.kind === 'node' ? graph.nodes.get(a.ref.id) : undefined;
      if (!node || seen.has(node.id)) continue;
      seen.add(node.id);
      if (node.type === 'load-balancer') {
        behind.set(node.id, [...behind.get(node.id) ?? [], way]);
      } else if (node.type === 'subnet' && leftToSecurityCloud(graph.nodes, a)) {
        const vpc = vpcOf(graph, node);
        if (vpc) into.push({ way, subnet: node, vpc });
      } else if (node.type === 'vpc' && leftToSecurityCloud(graph.nodes, a)) {
        into.push({ way, vpc: node });
      }
    }
  }
  return { behind, into };
}

/** How to settle a resource of a type the guard does not know in the hub or a member's Internet segment (SC-3). */
const UNKNOWN_TYPE_FIX = bi('run it outside the security cloud (not in the hub or a member\'s Internet segment), or, if AWS documents that this resource type takes no '
  + 'connection from the internet (only network interfaces in its subnets, whose traffic follows their routes), acknowledge SC-3 on this resource with that '
  + 'reason and ask the project to add the type to the ones the guard knows',
'セキュリティクラウドの外（ハブや構成団体のインターネット接続系以外）で動かす。または、このリソースの種類がインターネットからの接続を受けない（サブネット内の'
  + 'ネットワークインターフェースだけを持ち、その通信はルートに従う）と AWS が文書化している場合は、その理由でこのリソースの SC-3 を承認し、ガードが知る種類への'
  + '追加をプロジェクトに依頼する');

/** How to close a way in around the hub's entrances: the setting that closes it (bridges.ts `IngressName.off`), else remove it. */
function ingressFix(name: IngressName): Bilingual {
  const the = name.en.replace(/^an? /, 'the ');
  return {
    en: `${name.off ? `${name.off.en}, or remove ${the}` : `remove ${the}`}: the internet enters the security cloud only through the hub's public web entrance `
      + '(a load balancer tagged hub-function public-web with a WAF web ACL that blocks SQL injection) and the mail relay\'s (hub-function mail-relay, TCP 25 only). '
      + 'Put CloudFront, Global Accelerator or API Gateway in front of one of those load balancers, and reach the hub\'s servers for administration from the '
      + 'operators\' network, not from the internet',
    ja: `${name.off ? `${name.off.ja}か、${spaced(name.ja)}を削除する` : `${spaced(name.ja)}を削除する`}。インターネットからセキュリティクラウドへは、ハブの公開 Web の入口（タグ hub-function public-web で、`
      + 'SQL インジェクションを遮断する WAF のウェブ ACL 付きのロードバランサー）とメールリレーの入口（hub-function mail-relay、TCP 25 のみ）からだけ入る。'
      + 'CloudFront・Global Accelerator・API Gateway はそれらのロードバランサーの前に置き、ハブのサーバーの管理にはインターネットからではなく運用者のネットワークから接続する',
  };
}

/**
 * SC-3 (error): the internet enters the hub only through the public web entrance behind a WAF that blocks SQL injection, or
 * the mail relay's entrance on TCP 25; members take no internet ingress. What puts the internet in front of a load
 * balancer beside its own scheme (a CloudFront VPC origin, an accelerator, an API Gateway VPC link, a Verified Access
 * endpoint) makes that load balancer an entrance, judged as an internet-facing one; what lets the internet into a subnet
 * or VPC of the hub or a member's Internet segment otherwise (bridges.ts `internetIngress`: an EC2 Instance Connect
 * Endpoint, Client VPN, a function URL or an API invoking a function there, App Runner, Transfer Family, a public EKS
 * endpoint, a publicly accessible database, AppStream, WorkSpaces, a Classic Load Balancer; a public IP address of an
 * instance, a task or an Elastic IP address behind an internet gateway of its VPC) is refused, naming it.
 */
export const SC3: GuardRule = {
  id: 'SC-3',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド（Web サーバー・メールリレーの入口）',
  summary: 'With a security cloud hub: internet ingress only through load balancers of the hub tagged public-web with a WAFv2 web ACL that blocks SQL '
    + 'injection, or tagged mail-relay listening on TCP 25 only (internet-facing, or put before the internet by a CloudFront VPC origin, Global Accelerator'
    + ', an API Gateway VPC link or a Verified Access endpoint); no other way in (an EC2 Instance Connect Endpoint, Client VPN, a VPC link or origin to '
    + 'subnets or instances, a function URL or API invoking a function there, App Runner, Transfer Family, a public EKS endpoint, a publicly accessible '
    + 'database, AppStream, WorkSpaces, a Classic Load Balancer, a public IP address behind an internet gateway, a resource of a type the guard does not know, '
    + 'which it cannot tell is none); no public-IP subnet behind an internet '
    + 'gateway; members take no internet ingress.',
  check(ctx) {
    const g = ctx.graph;
    const findings: Finding[] = [];
    if (hubVpcs(g).length === 0) return findings;
    const listeners = nodesOf(g, 'lb-listener');
    const associations = nodesOf(g, 'waf-association');
    const { behind, into } = ingressWays(g);
    const entranceFix = bi('make the load balancer internal, or make it the public web entrance (hub-function public-web, with a WAF web ACL that blocks SQL injection) '
      + 'or the mail relay\'s entrance (hub-function mail-relay, TCP 25 only)',
    'ロードバランサーを内部向けにするか、公開 Web の入口（hub-function public-web、SQL インジェクションを遮断する WAF のウェブ ACL 付き）'
      + 'またはメールリレーの入口（hub-function mail-relay、TCP 25 のみ）にする');
    const wayFix = bi('put it in front of the hub\'s public web entrance (a load balancer tagged hub-function public-web, with a WAF web ACL that blocks SQL injection) '
      + 'or the mail relay\'s (hub-function mail-relay, TCP 25 only), or remove it',
    'ハブの公開 Web の入口（タグ hub-function public-web で、SQL インジェクションを遮断する WAF のウェブ ACL 付きのロードバランサー）'
      + 'またはメールリレーの入口（hub-function mail-relay、TCP 25 のみ）の前に置くか、削除する');
    for (const lb of nodesOf(g, 'load-balancer').filter((x) => x.scheme !== 'internal' || behind.has(x.id))) {
      const facing = lb.scheme !== 'internal';
      const ways = behind.get(lb.id) ?? [];
      const vpcs = lbVpcs(g, lb);
      const where = nameOf(g, lb.id);
      const member = vpcs?.find((v) => !v.hub);
      if (member) {
        if (facing) {
          findings.push(finding(this, where, bi(`an internet-facing load balancer in member VPC ${nameOf(g, member.id)} takes internet ingress`,
            `構成団体の VPC ${nameOf(g, member.id)} に、インターネットからの入口になるロードバランサーがある`),
          bi('make it internal; a member publishes its web sites through the hub\'s public web entrance', '内部向けにする。構成団体の Web サイトは、ハブの公開 Web の入口から公開する')));
        }
        for (const w of ways) {
          findings.push(finding(this, w.where, {
            en: `${w.what.en} puts the internet in front of load balancer ${where} in member VPC ${nameOf(g, member.id)}, which takes no internet ingress`,
            ja: `${w.what.ja}が、インターネットからの入口を持たない構成団体の VPC ${nameOf(g, member.id)} のロードバランサー ${where} の前にインターネットを置いている`,
          }, bi('remove it; a member publishes its web sites through the hub\'s public web entrance', '削除する。構成団体の Web サイトは、ハブの公開 Web の入口から公開する')));
        }
        continue;
      }
      const role = hubFunction(lb.tags);
      if (role === HubFunction.PUBLIC_WEB) {
        // The web ACL associated with the load balancer inspects every request it takes, whichever way it came.
        const acls = associations.filter((a) => a.resource.kind === 'node' && a.resource.id === lb.id).map((a) => deref<WafWebAclNode>(g, a.webAcl));
        const readable = acls.filter((a): a is WafWebAclNode => a?.type === 'waf-web-acl');
        if (readable.some((a) => sqliProblem(a) === undefined)) continue;
        const problem = readable.length > 0 ? sqliProblem(readable[0])!
          : bi('no WAFv2 web ACL is associated with it', 'WAFv2 のウェブ ACL が関連付けられていない');
        findings.push(finding(this, where, { en: `the public web entrance is not protected against SQL injection: ${problem.en}`, ja: `公開 Web の入口が SQL インジェクションから守られていない: ${problem.ja}` },
          bi(`associate a REGIONAL WAFv2 web ACL with the managed ${SQLI_RULE_SET} (override action None) with the load balancer`,
            `マネージドルール ${SQLI_RULE_SET}（上書きアクション None）を含む REGIONAL の WAFv2 ウェブ ACL を、ロードバランサーに関連付ける`)));
      } else if (role === HubFunction.MAIL_RELAY) {
        const other = listeners.filter((l) => l.loadBalancer.kind === 'node' && l.loadBalancer.id === lb.id)
          .filter((l) => l.port !== 25 || (l.protocol ?? '').toUpperCase() !== 'TCP');
        if (other.length === 0) continue;
        const text = other.map((l) => `${l.protocol ?? '?'} ${l.port ?? '?'}`).join(', ');
        findings.push(finding(this, where, bi(`the mail relay's entrance listens on more than TCP 25 (${text})`, `メールリレーの入口が TCP 25 以外でも待ち受けている（${text}）`),
          bi('keep one TCP listener on port 25 on the mail relay\'s load balancer', 'メールリレーのロードバランサーには、ポート 25 の TCP リスナーだけを置く')));
      } else {
        if (facing) {
          findings.push(finding(this, where, bi(vpcs ? 'an internet-facing load balancer of the hub is neither the public web entrance nor the mail relay\'s entrance'
            : 'an internet-facing load balancer whose subnets the guard cannot read may take internet ingress anywhere (fail closed)',
          vpcs ? 'ハブのインターネット向けロードバランサーが、公開 Web の入口でもメールリレーの入口でもない'
            : 'サブネットをガードが読めないインターネット向けロードバランサーが、どこかでインターネットからの入口になるおそれがある（フェイルクローズ）'), entranceFix));
        }
        for (const w of ways) {
          findings.push(finding(this, w.where, vpcs ? {
            en: `${w.what.en} puts the internet in front of load balancer ${where} of the hub, which is neither the public web entrance nor the mail relay's entrance`,
            ja: `${w.what.ja}が、公開 Web の入口でもメールリレーの入口でもないハブのロードバランサー ${where} の前にインターネットを置いている`,
          } : {
            en: `${w.what.en} puts the internet in front of load balancer ${where}, whose subnets the guard cannot read (fail closed)`,
            ja: `${w.what.ja}が、サブネットをガードが読めないロードバランサー ${where} の前にインターネットを置いている（フェイルクローズ）`,
          }, wayFix));
        }
      }
    }
    const withGateway = new Set(nodesOf(g, 'internet-gateway').flatMap((gw) => gw.vpcs).filter((v) => v.kind === 'node').map((v) => (v as { id: string }).id));
    // What lets the internet into a subnet or VPC beside any load balancer: around both entrances. A public IP address is
    // reached only through an internet gateway of its VPC, as a subnet mapping public IP addresses is judged below.
    for (const { way, subnet, vpc } of into) {
      if (way.name.address && !withGateway.has(vpc.id)) continue;
      const place = subnet ? bi(`subnet ${nameOf(g, subnet.id)}`, `サブネット ${nameOf(g, subnet.id)}`) : bi(`VPC ${nameOf(g, vpc.id)}`, `VPC ${nameOf(g, vpc.id)}`);
      if (way.name.unknownType) {
        findings.push(finding(this, way.where, vpc.hub ? {
          en: `${way.what.en} runs in ${place.en} of the hub: whether it lets the internet in around the public web and mail relay entrances cannot be told (fail closed)`,
          ja: `${way.what.ja}がハブの${place.ja}にあり、公開 Web とメールリレーの入口を通らずにインターネットから入れるかどうかを判断できない（フェイルクローズ）`,
        } : {
          en: `${way.what.en} runs in ${place.en} of member VPC ${nameOf(g, vpc.id)}, which takes no internet ingress: whether it lets the internet in cannot be told `
            + '(fail closed)',
          ja: `${way.what.ja}が、インターネットからの入口を持たない構成団体の VPC ${nameOf(g, vpc.id)} の${place.ja}にあり、インターネットから入れるかどうかを判断できない`
            + '（フェイルクローズ）',
        }, UNKNOWN_TYPE_FIX));
        continue;
      }
      findings.push(finding(this, way.where, vpc.hub ? {
        en: `${way.what.en} lets the internet into ${place.en} of the hub, around the public web and mail relay entrances`,
        ja: `${way.what.ja}が、公開 Web とメールリレーの入口を通らずに、インターネットからハブの${place.ja}へ入れる`,
      } : {
        en: `${way.what.en} lets the internet into ${place.en} of member VPC ${nameOf(g, vpc.id)}, which takes no internet ingress`,
        ja: `${way.what.ja}が、インターネットからの入口を持たない構成団体の VPC ${nameOf(g, vpc.id)} の${place.ja}へ、インターネットから入れる`,
      }, ingressFix(way.name)));
    }
    for (const s of nodesOf(g, 'subnet').filter((x) => x.mapPublicIpOnLaunch && x.vpc.kind === 'node' && withGateway.has(x.vpc.id))) {
      findings.push(finding(this, nameOf(g, s.id), bi('the subnet gives its instances public IP addresses behind an internet gateway: each of them takes internet ingress',
        'サブネットがインターネットゲートウェイの内側でインスタンスにパブリック IP アドレスを割り当て、それぞれがインターネットからの入口になる'),
      bi('set MapPublicIpOnLaunch to false; the internet enters only through the public web and mail relay load balancers',
        'MapPublicIpOnLaunch を false にする。インターネットからは、公開 Web とメールリレーのロードバランサーからだけ入る')));
    }
    return findings;
  },
};

/**
 * Where a VPC's logs go in the SIEM bucket: a member's under `members/<its code>/` (the library's prefix, and the only one
 * the hub's bucket policy lets a member account write: src/cdk/security-cloud.ts), the hub's under `hub/`. Undefined for
 * a VPC that is neither (SC-1 reports a member VPC without its code).
 */
function siemPrefix(vpc: VpcNode): string | undefined {
  if (vpc.hub) return 'hub/';
  return vpc.municipality === undefined ? undefined : `members/${vpc.municipality}/`;
}

/** The VPC a flow log records: its resource, or a subnet's VPC (a network interface's is not followed). */
function flowLogVpc(g: TopologyGraph, resource: Ref): string | undefined {
  const r = deref(g, resource);
  if (r?.type === 'vpc') return r.id;
  return r?.type === 'subnet' && r.vpc.kind === 'node' ? r.vpc.id : undefined;
}

/** The flow logs of each VPC (`flowLogVpc`: of the VPC or of one of its subnets), once per graph: SC-4 judges every VPC. */
const flowLogsByVpc = oncePer((g: TopologyGraph): ReadonlyMap<string, readonly FlowLogNode[]> => groupBy(nodesOf(g, 'flow-log'), (l) => flowLogVpc(g, l.resource)));

/**
 * Why a log's key prefix in the SIEM bucket is not the VPC's own (`siemPrefix`): unreadable (fail closed), at the bucket's
 * root, or under another prefix (another member's, the hub's). Worded to follow "the flow log of VPC x" / "the FLOW log".
 */
function prefixProblem(keyPrefix: string | undefined, expected: string | undefined): Bilingual | undefined {
  if (expected === undefined) return undefined;
  if (keyPrefix === undefined) {
    return bi(`writes to the SIEM bucket under a key prefix the guard cannot read (an expression), which may be another member's (fail closed): it must be ${expected}`,
      `が、ガードが読めないキーのプレフィックス（式）で SIEM バケットに書き込み、他の団体のものかもしれない（フェイルクローズ）。${expected} でなければならない`);
  }
  if (keyPrefix.startsWith(expected)) return undefined;
  const where = keyPrefix === '' ? bi('at the bucket\'s root', 'バケットの直下') : bi(`under ${keyPrefix}`, `${keyPrefix} の下`);
  return bi(`writes to the SIEM bucket ${where.en}, not under its own ${expected}: it mixes with other logs of the prefecture`,
    `が SIEM バケットの${where.ja}に書き込み、自らの ${expected} の下ではない。県内の他のログと混ざる`);
}

/**
 * A log whose destination the guard cannot read (a parameter, an input variable, an ARN with a part known only at
 * deploy time, such as the stack's name): it may be the SIEM bucket, or a stream into it, under another member's prefix,
 * so it is judged as one that is (fail closed), worded to follow "the flow log of VPC V" / "the ALERT log of firewall F".
 */
function unreadDestination(sink: Ref | undefined, expected: string | undefined): Bilingual | undefined {
  const what = sink?.kind === 'unresolved' ? { en: sink.expression, ja: jaOrEn(sink.expression) }
    : sink?.kind === 'external' && /\{[^}]*\}/.test(sink.value)
      ? { en: `${sink.value}, whose {…} is known only at deploy time`, ja: `${sink.value}。{…} はデプロイ時にしか決まらない` } : undefined;
  if (what === undefined) return undefined;
  return bi(`goes to a destination the guard cannot read (${what.en}), which may be the hub's SIEM bucket, or a delivery stream into it, under another `
    + `member's prefix (fail closed)${expected === undefined ? '' : `: to the SIEM, it must be under ${expected}`}`,
  `の送り先をガードが読めず（${what.ja}）、ハブの SIEM バケット、またはそこへの配信ストリームで、他の団体のプレフィックスの下かもしれない`
    + `（フェイルクローズ）${expected === undefined ? '' : `。SIEM へは ${expected} の下でなければならない`}`);
}

/**
 * A log sent to a delivery stream by a literal ARN (or a Network Firewall log's stream name, `bare`) that names no stream
 * of the output (`deliveryStreams`, exact): where that stream writes is unknown — the SIEM under another member's prefix,
 * maybe (fail closed) —, worded as `unreadDestination`.
 */
function outsideStream(g: TopologyGraph, sink: Ref | undefined, expected: string | undefined, bare = false): Bilingual | undefined {
  const name = firehoseName(sink, bare);
  if (name === undefined || deliveryStreams(g, sink, true, bare).length > 0) return undefined;
  const text = sink?.kind === 'external' ? sink.value : name;
  return bi(`goes to delivery stream ${text}, and no stream of the output has that name: the guard cannot tell where it writes, which may be the hub's SIEM `
    + `bucket under another member's prefix (fail closed)${expected === undefined ? '' : `: to the SIEM, it must be under ${expected}`}`,
  `の送り先は配信ストリーム ${text} だが、出力にその名前のストリームがなく、どこへ書き込むかをガードが判断できない。ハブの SIEM バケットの他の団体のプレフィックスの下かもしれない`
    + `（フェイルクローズ）${expected === undefined ? '' : `。SIEM へは ${expected} の下でなければならない`}`);
}

/** The Lambda function a reference names: a function of the output, or a literal function ARN. */
function functionNamed(g: TopologyGraph, r: Ref | undefined): string | undefined {
  if (r?.kind === 'node') {
    const relay = g.nodes.get(`${r.id}#relay`);
    return relay?.type === 'relay' && relay.service === 'lambda' ? nameOf(g, r.id) : undefined;
  }
  return r?.kind === 'external' && relayLiteral(r.value)?.service === 'lambda' ? r.value : undefined;
}

/**
 * The subscription filters of the log group a log destination names that send its events to a Lambda function (SC-4), in
 * words: the function's code may forward them anywhere, or nowhere, so the guard never counts them as reaching the SIEM.
 */
function functionSubscriptions(g: TopologyGraph, sink: Ref | undefined): Bilingual[] {
  const key = logGroupKey(g, sink);
  if (key === undefined) return [];
  return nodesOf(g, 'log-subscription').filter((s) => logGroupKey(g, s.logGroup) === key).flatMap((s) => {
    const fn = functionNamed(g, s.destination);
    return fn === undefined ? [] : [bi(`subscription filter ${nameOf(g, s.id)} of its log group sends it to Lambda function ${fn}, whose code may forward it `
      + 'anywhere or nowhere: the guard does not count it as delivered to the SIEM', `ロググループのサブスクリプションフィルター ${nameOf(g, s.id)} が Lambda 関数 ${fn} へ送り、`
      + 'その関数のコードはどこへでも転送しうる（どこへも送らないこともある）ため、ガードは SIEM へ届いたものとみなさない')];
  });
}

const UNREAD_DESTINATION_FIX = bi('name the destination literally or by a resource of the output (the SIEM bucket under the log\'s own prefix, or a '
  + 'destination outside the SIEM)', '送り先を、リテラルか出力のリソースで指定する（自らのプレフィックスの下の SIEM バケット、または SIEM の外の送り先）');

const prefixFix = (expected: string | undefined): Bilingual => bi(`write it under ${expected} of the SIEM bucket (a flow log: LogDestination arn:aws:s3:::<bucket>/${expected}…/;`
  + ' a firewall: the S3 destination\'s prefix)', `SIEM バケットの ${expected} の下へ書き込む（フローログは LogDestination arn:aws:s3:::<バケット>/${expected}…/、ファイアウォールは S3 の送り先の prefix）`);

/** The flow log of a VPC, followed by a problem worded as `prefixProblem`'s. */
const flowLogText = (g: TopologyGraph, vpc: VpcNode, problem: Bilingual): Bilingual =>
  ({ en: `the flow log of VPC ${nameOf(g, vpc.id)} ${problem.en}`, ja: `VPC ${nameOf(g, vpc.id)} のフローログ${problem.ja}` });

/**
 * Why a flow log to the SIEM does not record the VPC's traffic whole: only accepted or only rejected traffic
 * (`TrafficType`; the SIEM needs both to analyse: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html, "Flow
 * log basics"), or a custom format without the fields the SIEM reads (`SIEM_FLOW_LOG_FIELDS`), or one it cannot read.
 */
function contentProblems(l: FlowLogNode): Bilingual[] {
  const problems: Bilingual[] = [];
  if (l.trafficType !== 'ALL') {
    problems.push(bi(`records only ${l.trafficType} traffic (TrafficType), not ALL: the SIEM does not see the rest`,
      `が ${l.trafficType} の通信だけを記録し（TrafficType）、ALL ではない。SIEM に残りが見えない`));
  }
  if (l.logFormatUnread !== undefined) {
    problems.push(bi(`has a record format the guard cannot read (${l.logFormatUnread}), which may leave out fields the SIEM needs (fail closed)`,
      `のレコード形式をガードが読めず（${l.logFormatUnread}）、SIEM に必要なフィールドを欠くおそれがある（フェイルクローズ）`));
  }
  const missing = missingFlowLogFields(l.logFormat);
  if (missing.length > 0) {
    problems.push(bi(`has a custom record format (LogFormat) without ${missing.join(', ')}, which the SIEM needs to analyse the traffic`,
      `のカスタムのレコード形式（LogFormat）に、SIEM が通信を分析するのに必要な ${missing.join('、')} がない`));
  }
  return problems;
}

const FLOW_CONTENT_FIX = bi(`record ALL traffic, in the default format or a custom one keeping ${SIEM_FLOW_LOG_FIELDS.join(', ')}`,
  `すべて（ALL）の通信を、既定の形式か、${SIEM_FLOW_LOG_FIELDS.join('、')} を含むカスタムの形式で記録する`);

const SIEM_FIX = bi('deliver it to the hub\'s SIEM bucket (hub-function siem; members under members/<code>/)',
  'ハブの SIEM バケット（hub-function siem。構成団体は members/<団体コード>/ の下）へ送る');

/** A log carried to the SIEM bucket by a delivery stream, and the prefix it must go under there (`siemPrefix`). */
interface StreamFeed {
  readonly stream: DeliveryStreamNode;
  /** Whose log, worded to follow "delivery stream S, which carries …" / "…を運ぶ配信ストリーム". */
  readonly what: Bilingual;
  readonly expected: string;
  /** How to fix what it writes out of place, when not the usual (`streamPrefixFix`, `backupProblems`). */
  readonly fix?: Bilingual;
}

/** A delivery stream a log reaches, and how (`streamsOf`). */
interface StreamRoute {
  readonly stream: DeliveryStreamNode;
  /** The way there, worded to follow whose log it is (", through subscription filter F of its log group"); none when sent to the stream itself. */
  readonly via?: Bilingual;
  /** Whether every event of the log reaches the stream: sent to it, or through a subscription filter with an empty pattern. */
  readonly everyEvent: boolean;
  /** The CloudWatch Logs destinations on the way (`streamsBehind`), which take logs from other accounts too. */
  readonly through?: readonly LogDestinationNode[];
}

/** A delivery stream and the steps to it past a subscription filter (`streamsBehind`), with the CloudWatch Logs destinations passed. */
type StreamHops = { stream: DeliveryStreamNode; hops: Bilingual[]; through?: LogDestinationNode[] };

/** The steps of a way to a stream, worded to follow whose log it is: ", through A, B" / "（A、B 経由）". */
const viaText = (hops: readonly Bilingual[]): Bilingual =>
  bi(`, through ${hops.map((h) => h.en).join(', ')}`, `（${hops.map((h) => h.ja).join('、')} 経由）`);

/** What a reference names, for comparing what two resources name: a node by its id, a literal by its text. */
const refKey = (r: Ref | undefined): string | undefined => (r?.kind === 'node' ? `node:${r.id}` : r?.kind === 'external' ? `text:${r.value}` : undefined);

/**
 * The CloudWatch Logs destinations a subscription filter's destination names: the destination node, or, by an ARN from
 * outside as a filter of another account names it (`arn:…:logs:<region>:<account>:destination:<name>`; CloudWatch Logs
 * User Guide, "Cross-account cross-Region subscriptions"), the destinations of the output with that literal name — and,
 * unless `exact`, those whose name the guard cannot read, which may be it (fail closed where a leak is looked for).
 */
function logDestinations(g: TopologyGraph, r: Ref | undefined, exact: boolean): LogDestinationNode[] {
  const node = deref(g, r);
  if (node?.type === 'log-destination') return [node];
  const name = r?.kind === 'external' ? /^arn:[^:]*:logs:[^:]*:[^:]*:destination:(.+)$/.exec(r.value)?.[1] : undefined;
  if (name === undefined) return [];
  return nodesOf(g, 'log-destination').filter((d) => d.name === name || (!exact && d.name === undefined));
}

/**
 * The delivery streams what a subscription filter delivers to leads to (SC-4), with the steps past the filter: the stream
 * it names; the target of the CloudWatch Logs destination it names (`logDestinations`), as a filter of another account
 * sends its events to the hub; and the streams whose source is the Kinesis data stream either names
 * (`KinesisStreamSourceConfiguration`, `kinesis_source_configuration`: the stream reads every record of it,
 * https://docs.aws.amazon.com/firehose/latest/dev/writing-with-kinesis-streams.html). A destination's target is no
 * destination (a Kinesis data stream, a Firehose stream or a function), so one is followed once.
 */
function streamsBehind(g: TopologyGraph, r: Ref | undefined, exact: boolean, destinations = true): StreamHops[] {
  const direct = deliveryStreams(g, r, exact);
  if (direct.length > 0) return direct.map((stream) => ({ stream, hops: [] }));
  const out: StreamHops[] = [];
  for (const d of destinations ? logDestinations(g, r, exact) : []) {
    const hop = bi(`CloudWatch Logs destination ${nameOf(g, d.id)}`, `CloudWatch Logs の送信先 ${nameOf(g, d.id)}`);
    for (const x of streamsBehind(g, d.target, exact, false)) out.push({ stream: x.stream, hops: [hop, ...x.hops], through: [d] });
  }
  if (refKey(r) === undefined || r === undefined) return out;
  const kinesis = r.kind === 'node' ? nameOf(g, r.id) : describeRef(r);
  for (const stream of nodesOf(g, 'delivery-stream').filter((s) => sameKinesisStream(g, s.source, r, exact))) {
    out.push({ stream, hops: [bi(`Kinesis data stream ${kinesis}`, `Kinesis データストリーム ${kinesis}`)] });
  }
  return out;
}

/**
 * A Kinesis data stream as a reference names it: its node (by `Ref` or `Fn::GetAtt` Arn, a Terraform `.arn` or `.name`)
 * with its literal name if it has one, or the name a literal ARN gives (`arn:…:kinesis:<region>:<account>:stream/<name>`,
 * Amazon Kinesis Data Streams Developer Guide, "ARN format"). `named: false` for a stream of the output whose name is
 * generated or an expression.
 */
function kinesisStream(g: TopologyGraph, r: Ref | undefined): { node?: string; name?: string; named: boolean } | undefined {
  if (r?.kind === 'node') {
    const relay = g.nodes.get(`${r.id}#relay`);
    if (relay?.type !== 'relay' || relay.service !== 'kinesis') return { node: r.id, named: false };
    return { node: r.id, name: relay.name, named: relay.name !== undefined };
  }
  if (r?.kind !== 'external') return undefined;
  const literal = relayLiteral(r.value);
  return literal?.service === 'kinesis' ? { name: literal.name, named: true } : undefined;
}

/**
 * Whether two references name one Kinesis data stream (SC-4: a Firehose stream's source and what a subscription filter or
 * a CloudWatch Logs destination delivers to): the same node or text, or a node of the output and a literal ARN of its
 * literal name. A literal may also name a stream of the output whose name the guard cannot read, unless `exact` (a leak
 * looked for, not a delivery: fail closed).
 */
function sameKinesisStream(g: TopologyGraph, a: Ref | undefined, b: Ref | undefined, exact: boolean): boolean {
  const key = refKey(a);
  if (key !== undefined && key === refKey(b)) return true;
  const x = kinesisStream(g, a);
  const y = kinesisStream(g, b);
  if (x === undefined || y === undefined || (x.node !== undefined && y.node !== undefined)) return false;
  if (x.named && y.named) return x.name === y.name;
  return !exact;
}

/**
 * The delivery streams a reference names (SC-4): the stream node, or the output's streams of the literal name a Firehose
 * ARN (`arn:…:firehose:<region>:<account>:deliverystream/<name>`) gives — or the bare name, where the destination is known
 * to be a stream (`bare`: a Network Firewall log's `deliveryStream`) — and, unless `exact`, those whose name the guard
 * cannot read, which may be it (fail closed where a leak is looked for).
 */
function deliveryStreams(g: TopologyGraph, r: Ref | undefined, exact: boolean, bare = false): DeliveryStreamNode[] {
  const node = deref(g, r);
  if (node?.type === 'delivery-stream') return [node];
  const name = firehoseName(r, bare);
  if (name === undefined) return [];
  const named = nodesOf(g, 'delivery-stream').filter((s) => s.name === name);
  return named.length > 0 || exact ? named : nodesOf(g, 'delivery-stream').filter((s) => s.name === undefined);
}

/** The Firehose stream name a literal gives: of its ARN, or the text itself when `bare` and it is no ARN. */
function firehoseName(r: Ref | undefined, bare: boolean): string | undefined {
  if (r?.kind !== 'external') return undefined;
  const literal = relayLiteral(r.value);
  if (literal) return literal.service === 'firehose' ? literal.name : undefined;
  return bare && !r.value.startsWith('arn:') && !/\{[^}]*\}/.test(r.value) ? r.value : undefined;
}

/**
 * A log group as a log destination or a subscription filter names it: by its literal name (a node's, or a name or ARN
 * from outside), else by its node. Undefined for what names no log group the guard can tell.
 */
function logGroupKey(g: TopologyGraph, r: Ref | undefined): string | undefined {
  if (r?.kind === 'node') {
    const n = g.nodes.get(r.id);
    return n?.type === 'log-group' && n.name !== undefined ? `name:${n.name}` : `node:${r.id}`;
  }
  if (r?.kind !== 'external') return undefined;
  // arn:aws:logs:<region>:<account>:log-group:<name>[:*]
  return `name:${/:log-group:([^:]+)(?::\*)?$/.exec(r.value)?.[1] ?? r.value}`;
}

/**
 * The delivery streams a log destination reaches (SC-4): the stream it names (a flow log's kinesis-data-firehose, a
 * firewall's KinesisDataFirehose), or the streams that subscription filters of the log group it names lead to
 * (`streamsBehind`: a log in CloudWatch Logs shipped on, through a CloudWatch Logs destination or a Kinesis data stream
 * too). `via` says which way, as `StreamFeed.what` continues; `exact` as `logDestinations` takes it.
 */
function streamsOf(g: TopologyGraph, sink: Ref | undefined, exact = false, bare = false): StreamRoute[] {
  const direct = deliveryStreams(g, sink, exact, bare);
  if (direct.length > 0) return direct.map((stream) => ({ stream, everyEvent: true }));
  if (firehoseName(sink, bare) !== undefined) return [];
  const key = logGroupKey(g, sink);
  if (key === undefined) return [];
  return nodesOf(g, 'log-subscription').filter((s) => logGroupKey(g, s.logGroup) === key).flatMap((s) => {
    const filter = bi(`subscription filter ${nameOf(g, s.id)} of its log group`, `ロググループのサブスクリプションフィルター ${nameOf(g, s.id)}`);
    return streamsBehind(g, s.destination, exact).map(({ stream, hops, through }) => ({
      stream, via: viaText([filter, ...hops]), everyEvent: s.filterPattern === '', ...(through ? { through } : {}),
    }));
  });
}

/**
 * The member a stream or a subscription filter belongs to by where it is, for logs the guard cannot trace to a VPC: its
 * `jichitai:municipality` tag (the hub's resources, labelled with a hub function, are the hub's), or its stack's when the
 * output holds a stack whose VPCs are all of that one member (`stackOwners`).
 */
function placedMember(node: Pick<GraphNode, 'id' | 'tags'>, owners: ReadonlyMap<string, StackOwner>): string | undefined {
  if (hubFunction(node.tags) !== undefined) return undefined;
  const owner = owners.get(stackOf(node.id) ?? '');
  return node.tags[MUNICIPALITY_TAG_KEY] ?? (typeof owner === 'string' ? owner : undefined);
}

/**
 * Whose logs a CloudWatch Logs destination takes, as far as the output tells (SC-4): the hub's when labelled with a hub
 * function, a member's when tagged with its code or in a stack of that member only (`placedMember`). A destination exists
 * to take the logs of other accounts' subscription filters, and which accounts may send there its access policy says, not
 * the resources the guard reads (CloudWatch Logs User Guide, "Cross-account cross-Region subscriptions":
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CrossAccountSubscriptions.html): one untagged in the hub's stack
 * is not the hub's by its stack alone (a member outside the output may send there), and is no one's (fail closed).
 */
function destinationOwner(d: LogDestinationNode, owners: ReadonlyMap<string, StackOwner>): StackOwner | undefined {
  return hubFunction(d.tags) !== undefined ? HUB_OWNER : placedMember(d, owners);
}

/**
 * The first CloudWatch Logs destination on a way to a stream (`StreamRoute.through`) that is not of the owner of the logs
 * under `expected` (`destinationOwner`), in words to follow "the flow log of VPC V goes to …, not to the hub's SIEM bucket (":
 * a log through it does not count as delivered under its owner's prefix (fail closed). Undefined when there is none.
 */
function foreignDestination(g: TopologyGraph, route: StreamRoute, expected: string | undefined,
  owners: ReadonlyMap<string, StackOwner>): Bilingual | undefined {
  const owner = expected === undefined ? undefined : ownerOfPrefix(expected);
  const d = (route.through ?? []).find((x) => owner === undefined || destinationOwner(x, owners) !== owner);
  if (d === undefined) return undefined;
  const whose = destinationOwner(d, owners);
  const name = nameOf(g, d.id);
  const of = whose === undefined
    ? bi(`which the guard can tie to no member (no ${MUNICIPALITY_TAG_KEY} tag, in no stack of one member only)`,
      `ガードがどの構成団体にも結び付けられない（${MUNICIPALITY_TAG_KEY} のタグがなく、ひとつの団体だけのスタックにもない）`)
    : bi(`which is ${ownerText(whose).en}`, `${ownerText(whose).ja}もの`);
  return bi(`CloudWatch Logs destination ${name}, ${of.en}, takes logs from other accounts, so the guard does not count what passes it as the log of `
    + `${expected === undefined ? 'the VPC' : `${expected}`} (fail closed): tag it ${MUNICIPALITY_TAG_KEY} = <the member's code>`,
  `CloudWatch Logs の送信先 ${name}（${of.ja}）は他のアカウントのログも受けるため、そこを通るものを${expected === undefined ? ' VPC ' : ` ${expected} `}のログとはみなさない`
    + `（フェイルクローズ）。${MUNICIPALITY_TAG_KEY} = <団体コード> のタグを付ける`);
}

/** The hub as the owner of a stack (`stackOwners`). */
const HUB_OWNER: unique symbol = Symbol('hub');
/** Whose a stack's VPCs all are: one member's (its code) or the hub's. */
type StackOwner = string | typeof HUB_OWNER;

/** The stacks (`stackOf`) whose VPCs all belong to one owner: a member (its code) or the hub (`HUB_OWNER`). */
function stackOwners(g: TopologyGraph): Map<string, StackOwner> {
  const owners = new Map<string, Set<StackOwner | undefined>>();
  for (const v of nodesOf(g, 'vpc')) {
    const stack = stackOf(v.id);
    if (stack === undefined) continue;
    owners.set(stack, (owners.get(stack) ?? new Set()).add(v.hub ? HUB_OWNER : v.municipality));
  }
  return new Map([...owners].flatMap(([stack, set]) => {
    const [owner] = [...set];
    return set.size === 1 && owner !== undefined ? [[stack, owner] as [string, StackOwner]] : [];
  }));
}

/**
 * The logs delivery streams carry to the SIEM (SC-4): every VPC's flow logs and every firewall's logs sent to a stream,
 * directly or through their log group's subscription filters, under the VPC's prefix; and a member's streams and
 * subscription filters by where they are (`placedMember`), under its `members/<code>/`; the hub's streams (tagged with a
 * hub function, or in a stack of the hub only) under `hub/`. One feed per stream and prefix.
 */
function streamFeeds(g: TopologyGraph): StreamFeed[] {
  const feeds = new Map<string, StreamFeed>();
  const feed = (stream: DeliveryStreamNode, what: Bilingual, expected: string | undefined, via?: Bilingual, fix?: Bilingual) => {
    const key = `${stream.id}\u0000${expected}`;
    if (expected === undefined || feeds.has(key)) return;
    feeds.set(key, { stream, expected, what: via ? { en: what.en + via.en, ja: what.ja + via.ja } : what, ...(fix ? { fix } : {}) });
  };
  for (const l of nodesOf(g, 'flow-log')) {
    const vpcId = flowLogVpc(g, l.resource);
    const vpc = vpcId === undefined ? undefined : g.nodes.get(vpcId);
    if (vpc?.type !== 'vpc') continue;
    const what = bi(`flow log ${nameOf(g, l.id)} of VPC ${nameOf(g, vpc.id)}`, `VPC ${nameOf(g, vpc.id)} のフローログ ${nameOf(g, l.id)}`);
    for (const { stream, via } of streamsOf(g, l.sink)) feed(stream, what, siemPrefix(vpc), via);
  }
  for (const fl of nodesOf(g, 'firewall-logging')) {
    const fw = deref(g, fl.firewall);
    const vpc = fw?.type === 'firewall' ? deref<VpcNode>(g, fw.vpc) : undefined;
    if (fw?.type !== 'firewall' || vpc?.type !== 'vpc') continue;
    for (const d of fl.destinations) {
      const what = bi(`the ${d.logType} log of firewall ${nameOf(g, fw.id)}`, `ファイアウォール ${nameOf(g, fw.id)} の ${d.logType} ログ`);
      for (const { stream, via } of streamsOf(g, d.sink)) feed(stream, what, siemPrefix(vpc), via);
    }
  }
  const owners = stackOwners(g);
  for (const s of nodesOf(g, 'log-subscription')) {
    const group = deref(g, s.logGroup);
    const code = placedMember(s, owners) ?? (group?.type === 'log-group' ? placedMember(group, owners) : undefined);
    if (code === undefined) continue;
    const name = group?.type === 'log-group' ? group.name ?? nameOf(g, group.id) : s.logGroup.kind === 'external' ? s.logGroup.value : nameOf(g, s.id);
    const filter = bi(`subscription filter ${nameOf(g, s.id)}`, `サブスクリプションフィルター ${nameOf(g, s.id)}`);
    for (const { stream, hops } of streamsBehind(g, s.destination, false)) {
      feed(stream, bi(`log group ${name} of member ${code}`, `構成団体 ${code} のロググループ ${name}`), `members/${code}/`, viaText([filter, ...hops]));
    }
  }
  // A CloudWatch Logs destination of a member (tagged with its code, or in a stack of that member only) takes its logs;
  // one labelled with a hub function the hub's (under hub/). One that is no one's is refused (`destinationOwner`).
  for (const d of nodesOf(g, 'log-destination')) {
    const owner = destinationOwner(d, owners);
    if (owner === undefined) continue;
    const destination = bi(`CloudWatch Logs destination ${nameOf(g, d.id)}`, `CloudWatch Logs の送信先 ${nameOf(g, d.id)}`);
    for (const { stream, hops } of streamsBehind(g, d.target, false, false)) {
      if (owner === HUB_OWNER) feed(stream, bi('logs of the hub', 'ハブのログ'), 'hub/', viaText([destination, ...hops]));
      else feed(stream, bi(`logs of member ${owner}`, `構成団体 ${owner} のログ`), `members/${owner}/`, viaText([destination, ...hops]));
    }
  }
  for (const stream of nodesOf(g, 'delivery-stream')) {
    const code = placedMember(stream, owners);
    if (code !== undefined) {
      feed(stream, bi(`logs of member ${code}`, `構成団体 ${code} のログ`), `members/${code}/`);
    } else if (hubFunction(stream.tags) !== undefined) {
      // The hub's own streams (its proxy and mail logs) write under hub/, apart from every member's.
      feed(stream, bi('logs of the hub', 'ハブのログ'), 'hub/');
    } else if (owners.get(stackOf(stream.id) ?? '') === HUB_OWNER) {
      // The hub's by its stack alone: one meant for a member's logs (sent from the member's account) says so by its tag.
      feed(stream, bi('logs of the hub (untagged, in the hub\'s stack)', 'ハブのログ（タグがなく、ハブのスタックにある）'), 'hub/', undefined,
        bi(`write the hub's logs under hub/ (Prefix and ErrorOutputPrefix); a stream for one member's logs: tag it ${MUNICIPALITY_TAG_KEY} = <the member's code> `
          + 'and write under members/<code>/', 'ハブのログは hub/ の下へ書き込む（Prefix と ErrorOutputPrefix）。ある構成団体のログのためのストリームには '
          + `${MUNICIPALITY_TAG_KEY} = <団体コード> のタグを付け、members/<団体コード>/ の下へ書き込む`));
    }
  }
  return [...feeds.values()];
}

/**
 * Why a delivery stream's prefix is not under `expected`: unreadable, or Firehose's own expressions (`!{…}`, evaluated
 * per record: https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html) before `expected` is written out in full
 * (fail closed), else as `prefixProblem`. An expression after it keeps the key under it (an S3 key is plain text).
 */
function streamPrefixProblem(p: StreamPrefix, expected: string): Bilingual | undefined {
  if ('unread' in p) {
    return bi(`writes to the SIEM bucket under a key prefix the guard cannot read (${p.unread}), which may be another member's (fail closed): it must be ${expected}`,
      `が、ガードが読めないキーのプレフィックス（${p.unread}）で SIEM バケットに書き込み、他の団体のものかもしれない（フェイルクローズ）。${expected} でなければならない`);
  }
  const head = p.text.split('!{')[0];
  if (head.startsWith(expected)) return undefined;
  if (head !== p.text) {
    return bi(`writes to the SIEM bucket under ${p.text}, whose Firehose expression (!{…}) is evaluated per record before the prefix reaches its own ${expected}, `
      + 'so the guard cannot tell that it stays there (fail closed)', `が SIEM バケットの ${p.text} の下に書き込み、レコードごとに評価される Firehose の式（!{…}）が自らの ${expected} より前にあるため、`
      + 'その下に収まるとガードは判断できない（フェイルクローズ）');
  }
  return prefixProblem(p.text, expected);
}

const streamPrefixFix = (expected: string): Bilingual => bi(`give the delivery stream's S3 destination a Prefix and an ErrorOutputPrefix (prefix, error_output_prefix) that start with ${expected} `
  + 'written out (Firehose expressions such as !{timestamp:yyyy/MM/dd/} only after it)', `配信ストリームの S3 の送り先の Prefix と ErrorOutputPrefix（prefix、error_output_prefix）を、書き下した ${expected} で始める`
  + '（!{timestamp:yyyy/MM/dd/} のような Firehose の式はその後だけ）');

/**
 * Whether a delivery stream delivers what it is sent whole to the SIEM bucket under `expected` (SC-4; `wholeToSiem`; when
 * the VPC has no expected prefix, SC-1 reports it).
 */
function streamReachesSiem(g: TopologyGraph, stream: DeliveryStreamNode, expected: string | undefined, siem: readonly DeclaredSiem[]): boolean {
  return wholeToSiem(g, stream, expected, siem);
}

/**
 * Why a way to a delivery stream that writes to the SIEM bucket does not take a flow log there whole under `expected`
 * (`streamReachesSiem`), or undefined when it does, or the stream does not write there.
 */
function streamShortfall(g: TopologyGraph, route: StreamRoute, expected: string | undefined, siem: readonly DeclaredSiem[],
  owners: ReadonlyMap<string, StackOwner>): Bilingual | undefined {
  const { stream } = route;
  // A destination the guard does not know may be the SIEM, or not: it says so.
  const unknown = (stream.elsewhere ?? []).filter((e) => e.startsWith('a destination the guard does not know'));
  if (!writesToSiem(g, stream, siem) && unknown.length === 0) return undefined;
  const name = nameOf(g, stream.id);
  if (!route.everyEvent) {
    return bi(`its log group's subscription filter to delivery stream ${name} has a filter pattern, which may leave out events`,
      `配信ストリーム ${name} へのロググループのサブスクリプションフィルターにフィルターパターンがあり、イベントを漏らしうる`);
  }
  const foreign = foreignDestination(g, route, expected, owners);
  if (foreign !== undefined) return foreign;
  if (stream.drops !== undefined) {
    return bi(`delivery stream ${name}: ${stream.drops}`, `配信ストリーム ${name} のレコードがプロセッサーを通り、バケットに届く前に落とされうる`);
  }
  if (streamReachesSiem(g, stream, expected, siem)) return undefined;
  const elsewhere = stream.elsewhere ?? [];
  if (elsewhere.length > 0) {
    // What such a stream puts into the SIEM is its destination's S3 backup: of every record, under the prefix, or none.
    const some = (stream.backups ?? []).filter((b) => b.field !== undefined && isSiemSink(g, b.bucket, siem) && b.some !== undefined)
      .map((b) => b.some!);
    const also = some.length > 0 ? bi(`; what it backs up there is ${some.join('; ')}`, `。そこへのバックアップは ${some.map(jaStreamWords).join('。')}`) : bi('', '');
    return bi(`delivery stream ${name} delivers to ${elsewhere.join(', ')}, not to S3, and does not back up every record into the SIEM bucket under `
      + `${expected ?? 'the VPC\'s own prefix'}${also.en}`, `配信ストリーム ${name} の送り先は S3 ではなく ${elsewhere.map(jaStreamWords).join('、')} で、すべてのレコードを SIEM バケットの `
      + `${expected ?? 'VPC 自らのプレフィックス'} の下へバックアップしていない${also.ja}`);
  }
  return bi(`delivery stream ${name} does not deliver to the SIEM bucket alone, under ${expected ?? 'the VPC\'s own prefix'} (its Prefix and ErrorOutputPrefix)`,
    `配信ストリーム ${name} が SIEM バケットだけに、${expected ?? 'VPC 自らのプレフィックス'} の下へ（Prefix と ErrorOutputPrefix）届けていない`);
}

/** Whose the logs under a prefix of the SIEM are (`siemPrefix`): the hub's `hub/`, a member's `members/<code>/`. */
const ownerOfPrefix = (expected: string): StackOwner | undefined => (expected === 'hub/' ? HUB_OWNER : /^members\/([^/]+)\/$/.exec(expected)?.[1]);

/**
 * Whose a resource is by where it is: the hub's when labelled with a hub function, else its `jichitai:municipality` code,
 * else its stack's owner (`stackOwners`). Undefined when none tells.
 */
function ownerOf(node: Pick<GraphNode, 'id' | 'tags'>, owners: ReadonlyMap<string, StackOwner>): StackOwner | undefined {
  if (hubFunction(node.tags) !== undefined) return HUB_OWNER;
  return node.tags[MUNICIPALITY_TAG_KEY] ?? owners.get(stackOf(node.id) ?? '');
}

const ownerText = (owner: StackOwner): Bilingual => (owner === HUB_OWNER ? bi('the hub\'s', 'ハブの') : bi(`member ${owner}'s`, `構成団体 ${owner} の`));

/**
 * The bucket a reference names: the bucket node, or the output's bucket of the literal name (an ARN or name) it gives.
 */
function bucketNode(g: TopologyGraph, r: Ref | undefined): BucketNode | undefined {
  const node = deref(g, r);
  if (node?.type === 's3-bucket') return node;
  if (r?.kind !== 'external') return undefined;
  const name = bucketNameOf(r.value);
  const named = nodesOf(g, 's3-bucket').filter((b) => b.name === name);
  return named.length === 1 ? named[0] : undefined;
}

/**
 * Where a bucket outside the SIEM that takes logs of `owner` (`ownerOfPrefix`) is, in words, when it is not a bucket of
 * that owner's own: another member's or the hub's, one the guard can tie to no one (untagged in a shared stack), outside
 * the output, or one it cannot read (fail closed). Undefined for the owner's own bucket.
 */
function foreignBucket(g: TopologyGraph, b: Ref, owner: StackOwner | undefined, owners: ReadonlyMap<string, StackOwner>): Bilingual | undefined {
  const bucket = bucketNode(g, b);
  const whose = bucket ? ownerOf(bucket, owners) : undefined;
  if (whose !== undefined && whose === owner) return undefined;
  return bucket
    ? whose === undefined
      ? bi(`bucket ${nameOf(g, bucket.id)}, which the guard can tie to no member and not to the hub (no ${MUNICIPALITY_TAG_KEY} or ${HUB_FUNCTION_TAG_KEY} tag, `
        + 'in a stack shared by several members or by members and the hub)', `バケット ${nameOf(g, bucket.id)}（${MUNICIPALITY_TAG_KEY} も ${HUB_FUNCTION_TAG_KEY} のタグもなく、`
        + '複数の団体か団体とハブが共有するスタックにあり、ガードはどの構成団体にもハブにも結び付けられない）')
      : bi(`${ownerText(whose).en} bucket ${nameOf(g, bucket.id)}`, `${ownerText(whose).ja}バケット ${nameOf(g, bucket.id)}`)
    : b.kind === 'unresolved' ? bi(`a bucket the guard cannot read (${b.expression})`, `ガードが読めないバケット（${jaOrEn(b.expression)}）`)
      : b.kind === 'external' && /\{[^}]*\}/.test(b.value)
        ? bi(`a bucket the guard cannot read (${b.value}, whose {…} is known only at deploy time)`, `ガードが読めないバケット（${b.value}。{…} はデプロイ時にしか決まらない）`)
        : bi(`${b.kind === 'node' ? b.id : b.value}, a bucket outside the output`, `出力の外のバケット ${b.kind === 'node' ? b.id : b.value}`);
}

/**
 * Why a log delivered (not backed up) to a bucket outside the SIEM (SC-4) takes it out of its owner's place, worded to
 * follow "the flow log of VPC V" / "delivery stream S, which carries …,": a bucket that is not the owner's own
 * (`foreignBucket`). The owner's own bucket keeps it in place; that it must reach the SIEM too is judged apart.
 */
function deliveredProblem(g: TopologyGraph, b: Ref | undefined, expected: string | undefined, owners: ReadonlyMap<string, StackOwner>,
  siem: readonly DeclaredSiem[]): { problem: Bilingual; fix: Bilingual } | undefined {
  if (b === undefined || expected === undefined || isSiemSink(g, b, siem)) return undefined;
  const owner = ownerOfPrefix(expected);
  const where = foreignBucket(g, b, owner, owners);
  if (where === undefined) return undefined;
  const own = owner === undefined ? bi('their owner\'s', '持ち主の') : ownerText(owner);
  return {
    problem: bi(`delivers to ${where.en}, not to a bucket of ${own.en} own nor to the SIEM: the logs may mix with another member's (fail closed where the guard `
      + 'cannot tell whose the bucket is)', `の届け先が${where.ja}で、${own.ja}バケットでも SIEM でもない。ログは他の団体のものと混ざりうる（バケットの持ち主をガードが判断できない場合はフェイルクローズ）`),
    fix: bi(`deliver it to the SIEM bucket under ${expected}, or to a bucket of ${own.en} own (tagged so, or in a stack of ${owner === HUB_OWNER ? 'the hub' : 'that member'} only)`,
      `SIEM バケットの ${expected} の下か、${own.ja}バケット（そのタグを付けたもの、またはその持ち主だけのスタックにあるもの）へ届ける`),
  };
}

/**
 * Why a delivery stream's S3 backup (`StreamBackup`: Firehose copies every source record there, or the records a
 * destination other than S3 failed to deliver) takes the logs it carries out of their owner's place (SC-4), worded to
 * follow "delivery stream S, which carries …,": into the SIEM bucket, under a prefix other than `expected` (as the
 * stream's own, `streamPrefixProblem`); elsewhere, into a bucket that is not the owner's own (`foreignBucket`: a member's
 * logs in another member's bucket, or the hub's, leave the member's place as under another prefix of the SIEM: the bucket
 * policy of the SIEM keeps each member to its own prefix for this), or one whose owner the guard cannot tell (untagged in
 * a shared stack, outside the output, unreadable: fail closed).
 */
function backupProblems(g: TopologyGraph, backup: StreamBackup, expected: string, owners: ReadonlyMap<string, StackOwner>,
  siem: readonly DeclaredSiem[]): { problem: Bilingual; fix: Bilingual }[] {
  const owner = ownerOfPrefix(expected);
  const own = owner === undefined ? bi('their owner\'s', '持ち主の') : ownerText(owner);
  const fix = bi(`back it up into the SIEM bucket under ${expected} (S3BackupConfiguration / s3_backup_configuration: a Prefix and ErrorOutputPrefix starting with it), `
    + `or into a bucket of ${own.en} own (tagged so, or in a stack of ${owner === HUB_OWNER ? 'the hub' : 'that member'} only), or turn the backup off (S3BackupMode Disabled)`,
  `SIEM バケットの ${expected} の下へバックアップする（S3BackupConfiguration / s3_backup_configuration の Prefix と ErrorOutputPrefix をそれで始める）か、`
    + `${own.ja}バケット（そのタグを付けたもの、またはその持ち主だけのスタックにあるもの）へバックアップするか、バックアップを止める（S3BackupMode Disabled）`);
  // A destination other than S3 backs up through its S3 configuration: every record, or some (the failed ones).
  const records = backup.some === undefined ? bi('every record', 'すべてのレコード') : bi(`some records (${backup.some})`, `一部のレコード（${jaStreamWords(backup.some)}）`);
  if (isSiemSink(g, backup.bucket, siem)) {
    const fields = backup.field === undefined ? ['S3 backup Prefix', 'S3 backup ErrorOutputPrefix'] : [`${backup.field} Prefix`, `${backup.field} ErrorOutputPrefix`];
    return ([[fields[0], backup.prefix], [fields[1], backup.errorPrefix]] as const).flatMap(([field, prefix]) => {
      const problem = streamPrefixProblem(prefix, expected);
      return problem ? [{
        problem: {
          en: `copies ${records.en} by its S3 backup (${field}): it ${problem.en}`,
          ja: `が S3 バックアップ（${field}）で${records.ja}を複製し、それ${problem.ja}`,
        },
        fix,
      }] : [];
    });
  }
  const where = foreignBucket(g, backup.bucket, owner, owners);
  if (where === undefined) return [];
  const label = backup.field ?? 'S3BackupMode Enabled';
  return [{
    problem: bi(`copies ${records.en} by its S3 backup (${label}) to ${where.en}, not to a bucket of ${own.en} own nor to the SIEM: the copy may mix with `
      + 'another member\'s logs (fail closed where the guard cannot tell whose the bucket is)',
    `が S3 バックアップ（${label}）で${records.ja}を${where.ja}へ複製し、${own.ja}バケットでも SIEM でもない。複製は他の団体のログと混ざりうる`
      + '（バケットの持ち主をガードが判断できない場合はフェイルクローズ）'),
    fix,
  }];
}

/**
 * SC-4 (error): every log of the security cloud ends in the hub's SIEM bucket: every VPC's flow log, every firewall's alert and
 * flow logs, the WAF's logs, the hub's Resolver query logs, and the proxy and mail relay log groups through a subscription.
 * Each VPC's and firewall's logs there go under its own prefix (a member's `members/<code>/`, the hub's `hub/`), through a
 * delivery stream too (`streamFeeds`), and a VPC's traffic reaches it whole (one flow log of ALL traffic keeping
 * `SIEM_FLOW_LOG_FIELDS`; a partial one beside it is no harm, and is still checked for where it writes).
 */
export const SC4: GuardRule = {
  id: 'SC-4',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド（ログ収集・分析）',
  summary: 'With a security cloud hub: flow logs of every VPC (hub and members; all traffic, with the fields the SIEM reads), alert and flow logs of '
    + 'every firewall, WAF logs and the hub\'s Resolver query logs go to the hub\'s SIEM bucket, a member\'s flow and firewall logs under its own '
    + 'members/<code>/ and the hub\'s under hub/, through a Firehose stream too; the proxy and mail relay log groups are subscribed to a delivery '
    + 'stream that ends there.',
  check(ctx) {
    const g = ctx.graph;
    const findings: Finding[] = [];
    const hubs = hubVpcs(g);
    if (hubs.length === 0) return findings;
    const add = (id: string, message: Bilingual, fix: Bilingual = SIEM_FIX) => findings.push(finding(this, nameOf(g, id), message, fix));
    // Each place is judged by the SIEMs declared where it lies (`declaredAt`: a prefecture's member declares its own), so
    // that a bucket one member names as its SIEM does not take another member's logs as the SIEM's (nor vouch for a
    // tagged bucket of another member's); the hub, in no member, by every member's of the model.
    const siemAt = (id: string): readonly DeclaredSiem[] => declaredAt(ctx, nameOf(g, id)).siem ?? [];
    for (const b of taggedSiems(g).filter((x) => !siemBuckets(g, siemAt(x.id)).includes(x))) {
      add(b.id, bi(`bucket ${nameOf(g, b.id)} is tagged as the SIEM (jichitai:hub-function = siem) but is not the hub's: it is in no stack that holds the hub VPC, `
        + 'and no declared SIEM names it, so logs delivered to it do not count as reaching the SIEM',
      `バケット ${nameOf(g, b.id)} は SIEM のタグ（jichitai:hub-function = siem）を持つがハブのものではない。ハブの VPC を持つスタックになく、宣言された SIEM も`
        + 'これを指していないため、ここへ送ったログは SIEM に届いたものとみなさない'),
      bi('deliver the logs to the SIEM bucket of the hub\'s stack (SecurityCloud creates it), and remove the siem tag from this bucket',
        'ログはハブのスタックの SIEM バケット（SecurityCloud が作る）へ送り、このバケットから siem のタグを外す'));
    }
    if (siemBuckets(g, siemAt(hubs[0].id)).length === 0) {
      add(hubs[0].id, bi('the hub has no SIEM bucket (an S3 bucket tagged jichitai:hub-function = siem)', 'ハブに SIEM バケット（タグ jichitai:hub-function = siem の S3 バケット）がない'),
        bi('add the SIEM sink (SecurityCloud creates it)', 'SIEM の受け口を追加する（SecurityCloud が作る）'));
    }
    const owners = stackOwners(g);
    for (const vpc of nodesOf(g, 'vpc')) {
      const siem = siemAt(vpc.id);
      const own = flowLogsByVpc(g).get(vpc.id) ?? [];
      const expected = siemPrefix(vpc);
      const direct = own.filter((l) => isSiemSink(g, l.sink, siem));
      // Through a delivery stream, every event of the log (sent to the stream, or to a log group whose subscription filter
      // of an empty pattern leads to it) reaches the SIEM when the stream ends there whole under the VPC's own prefix
      // (`streamReachesSiem`); where the stream writes otherwise is its feed's finding (`streamFeeds`).
      const streamed = own.filter((l) => !direct.includes(l) && streamsOf(g, l.sink, true)
        .some((r) => r.everyEvent && foreignDestination(g, r, expected, owners) === undefined && streamReachesSiem(g, r.stream, expected, siem)));
      const toSiem = [...direct, ...streamed];
      // Where in the SIEM bucket: every log of the VPC there, under its own prefix (a member's beside another's mixes
      // the members' logs, and the hub's bucket policy gives each member account its own members/<code>/ only).
      for (const l of direct) {
        const problem = prefixProblem(l.keyPrefix, expected);
        if (problem) add(l.id, flowLogText(g, vpc, problem), prefixFix(expected));
      }
      for (const l of own.filter((x) => !toSiem.includes(x))) {
        const problem = unreadDestination(l.sink, expected) ?? outsideStream(g, l.sink, expected);
        if (problem) add(l.id, flowLogText(g, vpc, problem), UNREAD_DESTINATION_FIX);
        // Delivered to a bucket outside the SIEM: the member's own, else out of its place.
        const elsewhere = l.destinationType === 's3' && !problem ? deliveredProblem(g, l.sink, expected, owners, siem) : undefined;
        if (elsewhere) add(l.id, flowLogText(g, vpc, elsewhere.problem), elsewhere.fix);
      }
      const whole = toSiem.filter((l) => l.trafficType === 'ALL' && l.logFormatUnread === undefined && missingFlowLogFields(l.logFormat).length === 0);
      if (whole.length > 0) continue;
      if (toSiem.length > 0) {
        // What the SIEM gets of the VPC's traffic is not whole: each log there says why.
        for (const l of toSiem) {
          for (const problem of contentProblems(l)) add(l.id, flowLogText(g, vpc, problem), FLOW_CONTENT_FIX);
        }
        continue;
      }
      const all = own.filter((l) => l.trafficType === 'ALL');
      const to = all.map((l) => l.destination ?? l.destinationType).join(', ');
      // A stream into the SIEM that does not count says why; so does a function its log group is subscribed to.
      const why = [...all.flatMap((l) => streamsOf(g, l.sink, true)).flatMap((r) => streamShortfall(g, r, expected, siem, owners) ?? []),
        ...all.flatMap((l) => functionSubscriptions(g, l.sink))];
      const because = why.length === 0 ? bi('', '') : bi(` (${why.map((w) => w.en).join('; ')})`, `（${why.map((w) => w.ja).join('。')}）`);
      add(vpc.id, all.length === 0 ? bi(`VPC ${nameOf(g, vpc.id)} has no flow log of all traffic`, `VPC ${nameOf(g, vpc.id)} に全通信のフローログがない`)
        : bi(`the flow log of VPC ${nameOf(g, vpc.id)} goes to ${to}, not to the hub's SIEM bucket${because.en}`,
          `VPC ${nameOf(g, vpc.id)} のフローログの送り先が、ハブの SIEM バケットではなく ${to}${because.ja}`));
    }
    for (const fw of nodesOf(g, 'firewall')) {
      const siem = siemAt(fw.id);
      const destinations = firewallLogDestinations(g, fw.id);
      const missing = ['ALERT', 'FLOW'].filter((t) => !destinations.some((d) => d.logType === t && isSiemSink(g, d.sink, siem)));
      if (missing.length > 0) {
        add(fw.id, bi(`firewall ${nameOf(g, fw.id)} does not deliver its ${missing.join(' and ')} logs to the hub's SIEM bucket`,
          `ファイアウォール ${nameOf(g, fw.id)} が ${missing.join(' と ')} のログをハブの SIEM バケットへ送っていない`));
      }
      const vpc = deref<VpcNode>(g, fw.vpc);
      const expected = vpc?.type === 'vpc' ? siemPrefix(vpc) : undefined;
      for (const d of destinations.filter((x) => !isSiemSink(g, x.sink, siem))) {
        const problem = unreadDestination(d.sink, expected) ?? outsideStream(g, d.sink, expected, d.destinationType === 'KinesisDataFirehose');
        const text = (p: Bilingual) => ({ en: `the ${d.logType} log of firewall ${nameOf(g, fw.id)} ${p.en}`, ja: `ファイアウォール ${nameOf(g, fw.id)} の ${d.logType} ログ${p.ja}` });
        if (problem) add(fw.id, text(problem), UNREAD_DESTINATION_FIX);
        // Delivered to a bucket outside the SIEM: the owner's own, else out of its place.
        const elsewhere = d.destinationType === 'S3' && !problem ? deliveredProblem(g, d.sink, expected, owners, siem) : undefined;
        if (elsewhere) add(fw.id, text(elsewhere.problem), elsewhere.fix);
      }
      for (const d of destinations.filter((x) => isSiemSink(g, x.sink, siem))) {
        const problem = prefixProblem(d.keyPrefix, expected);
        if (!problem) continue;
        add(fw.id, { en: `the ${d.logType} log of firewall ${nameOf(g, fw.id)} ${problem.en}`, ja: `ファイアウォール ${nameOf(g, fw.id)} の ${d.logType} ログ${problem.ja}` },
          prefixFix(expected));
      }
    }
    // What delivery streams carry to the SIEM: under the prefix of whose logs they are, their failed records too (a
    // stream's ErrorOutputPrefix left out puts them at the bucket's root).
    const feeds = streamFeeds(g);
    // A stream into the SIEM that the guard can tie to no member's log and to no place (untagged, in a stack shared by
    // several members or by members and the hub) may carry any member's logs under any prefix (fail closed). Every
    // stream it can tie is fed (`streamFeeds`): a member's, and the hub's own (tagged with a hub function, or in a stack
    // of the hub only) under hub/.
    const fed = new Set(feeds.map((f) => f.stream.id));
    for (const stream of nodesOf(g, 'delivery-stream')) {
      if (fed.has(stream.id)) continue;
      const siem = siemAt(stream.id);
      if (![...stream.buckets, ...(stream.backups ?? []).map((b) => b.bucket)].some((b) => isSiemSink(g, b, siem))) continue;
      add(stream.id, bi(`delivery stream ${nameOf(g, stream.id)} writes to the SIEM bucket, and the guard can tie it to no member and not to the hub (no `
        + `${MUNICIPALITY_TAG_KEY} or ${HUB_FUNCTION_TAG_KEY} tag, in a stack shared by several members or by members and the hub, fed by no log of a VPC or `
        + 'firewall the guard follows): it may carry another member\'s logs under any prefix (fail closed)',
      `配信ストリーム ${nameOf(g, stream.id)} は SIEM バケットに書き込むが、ガードはどの構成団体にもハブにも結び付けられない（${MUNICIPALITY_TAG_KEY} も `
        + `${HUB_FUNCTION_TAG_KEY} のタグもなく、複数の団体か団体とハブが共有するスタックにあり、ガードがたどる VPC やファイアウォールのログも送られていない）。`
        + '他の団体のログを任意のプレフィックスで運ぶかもしれない（フェイルクローズ）'),
      bi(`tag the stream (and the subscription filters that feed it) with ${MUNICIPALITY_TAG_KEY} = <the member's code> and write under members/<code>/, `
        + 'or put it in a stack of that member only', `ストリーム（とそれに送るサブスクリプションフィルター）に ${MUNICIPALITY_TAG_KEY} = <団体コード> のタグを付けて `
        + 'members/<団体コード>/ の下に書き込むか、その団体だけのスタックに置く'));
    }
    // A CloudWatch Logs destination into the SIEM that is no one's (`destinationOwner`): untagged in the hub's stack or in
    // a shared one, it takes the logs of whichever accounts its policy lets in, a member outside the output too, and its
    // stream writes them under whatever prefix it has, the hub's included (fail closed).
    for (const d of nodesOf(g, 'log-destination').filter((x) => destinationOwner(x, owners) === undefined)) {
      const streams = streamsBehind(g, d.target, false, false).filter(({ stream }) => writesToSiem(g, stream, siemAt(d.id)))
        .map(({ stream }) => nameOf(g, stream.id));
      if (streams.length === 0) continue;
      const hubStack = owners.get(stackOf(d.id) ?? '') === HUB_OWNER;
      const where = hubStack ? bi('untagged, in the hub\'s stack, which does not make it the hub\'s', 'タグがなくハブのスタックにあるが、それでハブのものにはならない')
        : bi('untagged, in a stack shared by several members or by members and the hub', 'タグがなく、複数の団体か団体とハブが共有するスタックにある');
      add(d.id, bi(`CloudWatch Logs destination ${nameOf(g, d.id)} takes logs from other accounts into delivery stream ${streams.join(', ')}, which writes to the SIEM bucket, `
        + `and the guard can tie it to no member and not to the hub (${where.en}): which member's logs arrive there its access policy says, not the output, so they may `
        + 'land under another member\'s prefix or the hub\'s (fail closed)',
      `CloudWatch Logs の送信先 ${nameOf(g, d.id)} は他のアカウントのログを、SIEM バケットに書き込む配信ストリーム ${streams.join('、')} へ送るが、ガードはどの構成団体にもハブにも`
        + `結び付けられない（${where.ja}）。どの団体のログが届くかは出力ではなくアクセスポリシーが決めるため、他の団体やハブのプレフィックスの下に入りうる（フェイルクローズ）`),
      bi(`give each member its own destination tagged ${MUNICIPALITY_TAG_KEY} = <the member's code> (its stream writing under members/<code>/), or label one that takes `
        + `the hub's own logs only ${HUB_FUNCTION_TAG_KEY} = <its hub function> (its stream writing under hub/)`,
      `構成団体ごとに ${MUNICIPALITY_TAG_KEY} = <団体コード> のタグを付けた送信先を置く（そのストリームは members/<団体コード>/ の下へ書き込む）か、ハブ自身のログだけを受ける送信先に `
        + `${HUB_FUNCTION_TAG_KEY} = <ハブの機能> のラベルを付ける（そのストリームは hub/ の下へ書き込む）`));
    }
    for (const { stream, what, expected, fix } of feeds) {
      const siem = siemAt(stream.id);
      stream.buckets.forEach((bucket, i) => {
        // An S3 destination outside the SIEM: a bucket of the logs' owner, else out of their place (fail closed).
        const elsewhere = deliveredProblem(g, bucket, expected, owners, siem);
        if (elsewhere) {
          const message = { en: `delivery stream ${nameOf(g, stream.id)}, which carries ${what.en}, ${elsewhere.problem.en}`, ja: `${what.ja}を運ぶ配信ストリーム ${nameOf(g, stream.id)}${elsewhere.problem.ja}` };
          if (!findings.some((f) => f.message === message.en)) add(stream.id, message, elsewhere.fix);
        }
        if (!isSiemSink(g, bucket, siem)) return;
        const unread: StreamPrefix = { unread: 'its prefixes were not read' };
        const prefixes = stream.keyPrefixes?.[i] ?? { prefix: unread, errorPrefix: unread };
        for (const [field, prefix] of [['Prefix', prefixes.prefix], ['ErrorOutputPrefix', prefixes.errorPrefix]] as const) {
          const problem = streamPrefixProblem(prefix, expected);
          if (!problem) continue;
          const message = { en: `delivery stream ${nameOf(g, stream.id)} (${field}), which carries ${what.en}, ${problem.en}`, ja: `${what.ja}を運ぶ配信ストリーム ${nameOf(g, stream.id)}（${field}）${problem.ja}` };
          if (!findings.some((f) => f.message === message.en)) add(stream.id, message, fix ?? streamPrefixFix(expected));
        }
      });
      // Its S3 backup copies every record too: into the SIEM under the same prefix, elsewhere into a bucket of the same owner only.
      for (const backup of stream.backups ?? []) {
        for (const { problem, fix: backupFix } of backupProblems(g, backup, expected, owners, siem)) {
          const message = { en: `delivery stream ${nameOf(g, stream.id)}, which carries ${what.en}, ${problem.en}`, ja: `${what.ja}を運ぶ配信ストリーム ${nameOf(g, stream.id)}${problem.ja}` };
          if (!findings.some((f) => f.message === message.en)) add(stream.id, message, backupFix);
        }
      }
    }
    const wafLogging = nodesOf(g, 'waf-logging');
    for (const acl of nodesOf(g, 'waf-web-acl')) {
      const configs = wafLogging.filter((l) => l.webAcl.kind === 'node' && l.webAcl.id === acl.id);
      // A logging filter that may drop requests does not log every request (log-delivery.ts).
      const logged = configs.some((l) => l.drops === undefined && l.destinations.some((d) => endsInSiem(g, d, siemAt(acl.id))));
      const why = configs.find((l) => l.drops !== undefined)?.drops;
      if (!logged) {
        add(acl.id, bi(`web ACL ${nameOf(g, acl.id)} does not log to the hub's SIEM bucket${why ? ` (${why})` : ''}`,
          `ウェブ ACL ${nameOf(g, acl.id)} のログがハブの SIEM バケットへ送られていない${why ? '（ログのフィルターが要求を落としうる）' : ''}`));
      }
    }
    for (const vpc of hubs) {
      const logged = nodesInVpc(g, 'query-log-association', vpc.id).some((a) => {
        const config = deref(g, a.config);
        return config?.type === 'query-log-config' && isSiemSink(g, config.destination, siemAt(vpc.id));
      });
      if (!logged) add(vpc.id, bi(`the hub VPC ${nameOf(g, vpc.id)} does not log its Resolver queries to the SIEM bucket`, `ハブの VPC ${nameOf(g, vpc.id)} が Resolver のクエリログを SIEM バケットへ送っていない`));
    }
    // The proxy's and mail relay's log groups: tagged so, or named by the CloudWatch agent of a hub server's boot script.
    const groups = nodesOf(g, 'log-group');
    const wanted = new Map<string, string>();
    const serverLog = (tags: Readonly<Record<string, string>>) =>
      hubFunction(tags) === HubFunction.PROXY || hubFunction(tags) === HubFunction.MAIL_RELAY;
    for (const lg of groups.filter((x) => serverLog(x.tags))) wanted.set(lg.name ?? lg.id, lg.id);
    const inHub = (u: UserDataNode) => u.securityGroups.some((r) => {
      const group = deref(g, r);
      return group?.type === 'security-group' && groupVpcs(g, group).some((x) => deref<VpcNode>(g, x.vpc)?.hub === true);
    });
    const hubUserData = nodesOf(g, 'user-data').filter((u) => serverLog(u.tags) || inHub(u) || hubProxies(g).some((p) => p.node.id === u.id));
    for (const u of hubUserData) {
      for (const { group } of shippedFiles(u)) {
        const node = groups.find((x) => x.name === group);
        if (!node) add(u.id, bi(`the hub server ships its log to log group ${group}, which is not in the synthesized output`, `ハブのサーバーがログを送るロググループ ${group} が合成結果にない`));
        else wanted.set(group, node.id);
      }
    }
    const subscriptions = nodesOf(g, 'log-subscription');
    for (const [name, id] of [...wanted.entries()].sort()) {
      const mine = subscriptions.filter((s) => (s.logGroup.kind === 'node' && s.logGroup.id === id) || (s.logGroup.kind === 'external' && s.logGroup.value === name));
      const siem = siemAt(id);
      const ends = (s: (typeof subscriptions)[number]) => endsInSiem(g, s.destination, siem)
        || streamsBehind(g, s.destination, true).some(({ stream }) => endsInSiem(g, { kind: 'node', id: stream.id }, siem));
      if (mine.some((s) => s.filterPattern === '' && ends(s))) continue;
      const why = functionSubscriptions(g, { kind: 'node', id });
      const because = why.length === 0 ? bi('', '') : bi(` (${why.map((w) => w.en).join('; ')})`, `（${why.map((w) => w.ja).join('。')}）`);
      add(id, bi(`log group ${name} is not subscribed, with every event (an empty filter pattern), to a delivery stream that ends in the SIEM bucket${because.en}`,
        `ロググループ ${name} が、すべてのイベント（空のフィルターパターン）で、SIEM バケットに届く配信ストリームにサブスクライブされていない${because.ja}`),
      bi('add a subscription filter with an empty pattern to a Kinesis Data Firehose delivery stream that writes to the SIEM bucket',
        '空のパターンのサブスクリプションフィルターで、SIEM バケットに書き込む Kinesis Data Firehose の配信ストリームへ送る'));
    }
    return findings;
  },
};
