/**
 * The network diagram (ネットワーク構成図) of what was synthesized: an SVG drawn from the guard's `TopologyGraph`, so that
 * it shows what will be deployed (what the user added by hand included), with the declared flows as labelled arrows and
 * the guard's forbidden paths in red. Laid out by @dagrejs/dagre (synchronous, so it runs inside a synthesis); the only
 * coordinates placed here are the title, legend and confidentiality label around dagre's drawing.
 *
 * What is drawn and why:
 * - The three segments are clusters in the Okabe–Ito colour-blind-safe palette (reddish purple = マイナンバー利用事務系,
 *   bluish green = LGWAN接続系, blue = インターネット接続系; orange for the transit gateway, yellow for external networks,
 *   vermillion only for forbidden paths; firewalls are black with a wall mark, so nothing depends on colour alone). VPCs are clusters inside their segment.
 * - Subnets of one VPC are grouped by role (the `jichitai:subnet-role` tag, else CDK's `aws-cdk:subnet-name`): the AZ
 *   copies of a role route alike, so one box per role lists every CIDR with its AZ, and a 100-resource municipality
 *   stays a handful of boxes per VPC (the security cloud hub's subnets by their tier). A subnet without a role is a box
 *   of its own. Subnets that hold the egress chain (firewall, GWLB endpoint, NAT gateway; `infrastructureSubnets`) are
 *   drawn as that element, with their CIDRs on it.
 * - The prefecture's security cloud hub (its VPC and transit gateway, tagged `jichitai:security-cloud=hub`) is a cluster
 *   of its own beside the segments (sky blue): it is no municipality's segment.
 * - Grey arrows are routes between boxes (one arrow per pair, whatever the number of routes), transit gateway route
 *   tables list their routes, black arrows are declared flows (name, protocol and ports), red (vermillion, thick,
 *   dashed) arrows follow a finding's hops node by node.
 * - Every text and attribute goes through `xml()`, by construction: elements are built with `el()`, which escapes.
 */
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import { DescribedStack, describedNodes, Describes, describesOf } from './scope';
import { parsePrefix, Prefix } from '../guard/address-space';
import { DeclaredFlow, DeclaredHost } from '../guard/declared';
import { documentText } from '../guard/display';
import {
  FirewallNode, GraphNode, implicitId, InternetGatewayNode, nodesOf, Ref, RouteTableNode, RouteTarget, SubnetNode, TopologyGraph,
  TransitAttachmentNode,
} from '../guard/graph';
import { Finding } from '../guard/rule';
import { SECURITY_CLOUD_HUB, SECURITY_CLOUD_TAG_KEY, SUBNET_TIER_TAG_KEY } from '../model/security-cloud';
import { ALL_SEGMENTS, SEGMENT_JA, Segment } from '../model/segment';

// dagre ships as an ES module with a CommonJS build (`require` condition); the library is compiled to CommonJS, so it
// takes the CommonJS build at run time and only the types from the ES module's declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre: typeof Dagre = require('@dagrejs/dagre');

/** What the diagram is drawn from. */
export interface DiagramInput {
  /** The topology of what was synthesized. */
  readonly graph: TopologyGraph;
  /** The declared flows, drawn as labelled arrows. @default none */
  readonly flows?: readonly DeclaredFlow[];
  /** The guard's findings; those with hops are drawn in red. @default none */
  readonly findings?: readonly Finding[];
  /** Language of the labels. @default 'ja' */
  readonly language?: 'ja' | 'en';
  /** Title at the top. @default ネットワーク構成図 / Network diagram */
  readonly title?: string;
  /** Confidentiality label, top right and in the legend. @default 取扱注意 / Confidential */
  readonly confidentiality?: string;
  /**
   * The stacks whose elements are drawn when `graph` holds more (`DesignDocumentsInput.describedStacks`): a route to an
   * element outside them ends at a box naming it; a transit route table's propagations outside them are counted.
   * @default - every node of `graph`
   */
  readonly describedStacks?: readonly DescribedStack[];
}

// ---------------------------------------------------------------------------------------------------------------
// Colours (Okabe–Ito, https://jfly.uni-koeln.de/color/): full colour for strokes, a light tint for fills.

const SEGMENT_COLOURS: Readonly<Record<Segment, { stroke: string; fill: string }>> = {
  [Segment.MY_NUMBER]: { stroke: '#CC79A7', fill: '#F7E4EF' },
  [Segment.LGWAN]: { stroke: '#009E73', fill: '#DDF1EA' },
  [Segment.INTERNET]: { stroke: '#0072B2', fill: '#DDEBF5' },
};
const UNASSIGNED = { stroke: '#7F7F7F', fill: '#F0F0F0' };
const TRANSIT = { stroke: '#E69F00', fill: '#FCF0D6' };
const EXTERNAL = { stroke: '#A89A00', fill: '#FBF8D5' };
const EXTERNAL_CLUSTER = { stroke: '#A89A00', fill: '#FFFFFF' };
/** The prefecture's security cloud hub (sky blue): no segment of a municipality, a network of its own. */
const SECURITY_CLOUD = { stroke: '#56B4E9', fill: '#E6F3FB' };
const VPC_FILL = '#FFFFFF';
const NODE_FILL = '#FFFFFF';
/** Firewalls: black with a wall mark (vermillion is for forbidden paths only). */
const FIREWALL = { stroke: '#000000', fill: '#EDEDED' };
/** Vermillion: the only red of the palette, kept for forbidden paths. */
export const FORBIDDEN_COLOUR = '#D55E00';
const ROUTE_COLOUR = '#8C8C8C';
const FLOW_COLOUR = '#000000';
const TEXT_COLOUR = '#1A1A1A';

const FONT = "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'DejaVu Sans', Arial, sans-serif";
const FONT_SIZE = 12;
const LINE = 16;
const PAD = 8;

// ---------------------------------------------------------------------------------------------------------------
// Text

const TEXT = {
  ja: {
    title: 'ネットワーク構成図',
    confidentiality: '取扱注意',
    unassigned: 'セグメント未設定',
    hub: '都道府県セキュリティクラウド (ハブ)',
    externals: '外部ネットワーク',
    vpc: 'VPC',
    subnets: 'サブネット',
    firewall: 'Network Firewall',
    gwlb: 'Gateway Load Balancer エンドポイント',
    nat: 'NAT ゲートウェイ',
    natPrivate: 'NAT ゲートウェイ (プライベート)',
    igw: 'インターネットゲートウェイ',
    eigw: 'Egress-only インターネットゲートウェイ',
    vgw: '仮想プライベートゲートウェイ',
    endpoints: 'VPC エンドポイント',
    loadBalancer: 'ロードバランサ',
    proxy: 'フォワードプロキシ (Squid)',
    peering: 'VPC ピアリング',
    tgw: 'Transit Gateway',
    tgwTable: 'TGW ルートテーブル',
    blackhole: 'ブラックホール',
    propagated: '伝播',
    more: (n: number) => `ほか ${n} 件 (パラメータシート参照)`,
    none: '(なし)',
    LGWAN_WAN: 'LGWAN (総合行政ネットワーク)',
    SECURITY_CLOUD: '都道府県セキュリティクラウド',
    INTERNET: 'インターネット',
    CLOUD_SERVICE: 'クラウドサービス (許可ドメイン)',
    outside: '出力外',
    notDescribed: '本書の対象外',
    elsewhere: (n: number) => `ほか ${n} 件 (本書の対象外)`,
    legend: '凡例',
    legendRoute: 'ルート (VPC / TGW ルートテーブル)',
    legendFlow: '宣言された通信 (名前・プロトコル/ポート)',
    legendForbidden: '禁止経路 (ガードの検出)',
    legendLink: '接続 (VPN・関連付け)',
    legendPalette: '配色: Okabe–Ito (色覚多様性に配慮)',
    findings: '検出された禁止経路',
    unknownZone: 'ゾーン不明',
    kinds: {
      SPECIFIC_COMMUNICATION: '特定通信',
      SANITIZATION: '無害化',
      SCREEN_TRANSFER: '画面転送',
      LGWAN_ASP: 'LGWAN-ASP',
      LOCAL_BREAKOUT: 'ローカルブレイクアウト',
    } as Record<string, string>,
    segment: (s: Segment) => SEGMENT_JA[s],
  },
  en: {
    title: 'Network diagram',
    confidentiality: 'Confidential',
    unassigned: 'No segment',
    hub: 'Prefecture security cloud (hub)',
    externals: 'External networks',
    vpc: 'VPC',
    subnets: 'subnets',
    firewall: 'Network Firewall',
    gwlb: 'Gateway Load Balancer endpoint',
    nat: 'NAT gateway',
    natPrivate: 'NAT gateway (private)',
    igw: 'Internet gateway',
    eigw: 'Egress-only internet gateway',
    vgw: 'Virtual private gateway',
    endpoints: 'VPC endpoints',
    loadBalancer: 'Load balancer',
    proxy: 'Forward proxy (Squid)',
    peering: 'VPC peering',
    tgw: 'Transit gateway',
    tgwTable: 'TGW route table',
    blackhole: 'blackhole',
    propagated: 'propagated',
    more: (n: number) => `${n} more (see the parameter sheet)`,
    none: '(none)',
    LGWAN_WAN: 'LGWAN WAN',
    SECURITY_CLOUD: 'Prefecture security cloud',
    INTERNET: 'Internet',
    CLOUD_SERVICE: 'Cloud services (allowed domains)',
    outside: 'outside the output',
    notDescribed: 'not described here',
    elsewhere: (n: number) => `${n} more (not described here)`,
    legend: 'Legend',
    legendRoute: 'route (VPC / TGW route table)',
    legendFlow: 'declared flow (name, protocol/ports)',
    legendForbidden: 'forbidden path (guard finding)',
    legendLink: 'link (VPN, association)',
    legendPalette: 'Colours: Okabe–Ito (colour-blind safe)',
    findings: 'Forbidden paths found',
    unknownZone: 'unknown zone',
    kinds: {
      SPECIFIC_COMMUNICATION: 'specific communication',
      SANITIZATION: 'sanitization',
      SCREEN_TRANSFER: 'screen transfer',
      LGWAN_ASP: 'LGWAN-ASP',
      LOCAL_BREAKOUT: 'local breakout',
    } as Record<string, string>,
    segment: (s: Segment) => ({ [Segment.MY_NUMBER]: 'My Number segment', [Segment.LGWAN]: 'LGWAN segment', [Segment.INTERNET]: 'Internet segment' })[s],
  },
};
type Texts = typeof TEXT.ja;

/** The one XML escape: every text node and attribute value of the drawing goes through it. */
export function xml(value: string): string {
  // Characters XML 1.0 does not allow become U+FFFD, the other hidden ones their escapes (`documentText`).
  return documentText(value)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Markup built by `el`; a plain string given as a child is text and is escaped. */
interface Markup { readonly markup: string }

type Attrs = Readonly<Record<string, string | number | undefined>>;

/** An element: attribute values and string children escaped, numbers formatted with `num`. */
function el(tag: string, attrs: Attrs, ...children: (Markup | string)[]): Markup {
  const a = Object.entries(attrs).filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xml(typeof v === 'number' ? num(v) : v!)}"`).join('');
  const body = children.map((c) => (typeof c === 'string' ? xml(c) : c.markup)).join('');
  return { markup: body === '' ? `<${tag}${a}/>` : `<${tag}${a}>${body}</${tag}>` };
}

/** Fixed number formatting: one decimal at most, never `-0`. */
function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Advance widths (em) of DejaVu Sans, the widest of the usual fallback fonts, so that an estimate made without font
 * metrics at synth still holds the text when a narrower font (Noto Sans CJK, Arial) draws it.
 */
const WIDTHS: Readonly<Record<string, number>> = (() => {
  const table: [string, number][] = [
    [' .,:;|!\'', 0.34], ['iljIJ', 0.3], ['frt()[]{}', 0.41], ['-', 0.37], ['/\\', 0.34],
    ['scz', 0.56], ['vxykLF_"', 0.6], ['aeo', 0.62], ['bdghnpqu0123456789#$?*+=<>~^', 0.64],
    ['EPSTYZ', 0.66], ['ABKRVX&', 0.7], ['CUHNDGOQ', 0.79], ['w', 0.82], ['mM%', 0.98], ['W', 1.0],
  ];
  const out: Record<string, number> = {};
  for (const [chars, w] of table) for (const c of chars) out[c] = w;
  return out;
})();

/** Estimated width of a text line in px: DejaVu Sans widths, wide (CJK) characters 1em, anything else 0.84em (→, ×). */
function textWidth(s: string, size = FONT_SIZE, bold = false): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide = c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
      || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || c >= 0x20000);
    w += (wide ? 1 : WIDTHS[ch] ?? 0.84) * size;
  }
  return bold ? w * 1.12 : w;
}

// ---------------------------------------------------------------------------------------------------------------
// The diagram's model, built from the graph before layout.

type Shape = 'box' | 'gateway' | 'firewall' | 'external' | 'table';

interface DNode {
  readonly id: string;
  readonly parent?: string;
  /** First line bold. */
  readonly lines: string[];
  readonly shape: Shape;
  readonly kind: string;
  readonly stroke: string;
  readonly fill: string;
}

interface DCluster {
  readonly id: string;
  readonly parent?: string;
  readonly label: string;
  readonly kind: 'segment' | 'security-cloud' | 'vpc' | 'transit-gateway' | 'externals';
  readonly segment?: string;
  readonly stroke: string;
  readonly fill: string;
}

type EdgeKind = 'route' | 'link' | 'flow' | 'forbidden' | 'grid';

interface DEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  label: string[];
  /** Declared flow name (flows) or rule ids (forbidden), for the data attributes. */
  data?: string;
}

const refId = (r: Ref | undefined): string | undefined => (r?.kind === 'node' ? r.id : undefined);
const describe = (r: Ref): string => (r.kind === 'node' ? r.id : r.kind === 'external' ? r.value : r.expression);
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A node's short display name: its Name tag, else the last meaningful part of its construct path, else its id. */
function nameOf(n: GraphNode | undefined, id: string): string {
  if (!n) return id;
  if (n.tags.Name) return n.tags.Name;
  if (n.path) return n.path.replace(/\/(Resource|Default)$/, '').split('/').slice(-2).join('/');
  return n.id;
}

/** A resource of the prefecture's security cloud hub (tagged `jichitai:security-cloud=hub`). */
const isHub = (n: GraphNode): boolean => n.tags[SECURITY_CLOUD_TAG_KEY] === SECURITY_CLOUD_HUB;

function contains(outer: Prefix, inner: Prefix): boolean {
  return outer.family === inner.family && outer.lo <= inner.lo && inner.hi <= outer.hi;
}

function portsText(flow: DeclaredFlow): string {
  return flow.ports.map((p) => `${p.protocol.toUpperCase()} ${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}`).join(', ');
}

class DiagramModel {
  public readonly nodes = new Map<string, DNode>();
  public readonly clusters = new Map<string, DCluster>();
  public readonly edges: DEdge[] = [];
  public readonly findingLines: string[] = [];
  /** Graph node id (subnet, gateway, firewall, table...) → diagram node id. */
  private readonly drawnAs = new Map<string, string>();
  /** Route resource id → its route table; static TGW route id → its transit table. */
  private readonly routeTable = new Map<string, string>();
  private readonly edgeKeys = new Map<string, DEdge>();
  private readonly vpcSegment = new Map<string, string>();

  constructor(private readonly graph: TopologyGraph, private readonly t: Texts, private readonly describes: Describes) {}

  /** The nodes of a type that are drawn (those of the described stacks); look-ups by id still see the whole graph. */
  private of<K extends GraphNode['type']>(type: K): Extract<GraphNode, { type: K }>[] {
    return describedNodes(this.graph, type, this.describes);
  }

  public build(flows: readonly DeclaredFlow[], findings: readonly Finding[]): void {
    this.segments();
    this.vpcs();
    this.subnets();
    this.gateways();
    this.transit();
    this.externals(flows);
    this.routes();
    this.declaredFlows(flows);
    this.forbidden(findings);
  }

  private addEdge(from: string | undefined, to: string | undefined, kind: EdgeKind, label: string[] = [], data?: string): DEdge | undefined {
    if (!from || !to || from === to) return undefined;
    const key = `${kind}\u0000${from}\u0000${to}`;
    const existing = this.edgeKeys.get(key);
    if (existing) return existing;
    const e: DEdge = { from, to, kind, label, data };
    this.edgeKeys.set(key, e);
    this.edges.push(e);
    return e;
  }

  private segments(): void {
    for (const s of ALL_SEGMENTS) {
      this.clusters.set(`segment:${s}`, { id: `segment:${s}`, label: this.t.segment(s), kind: 'segment', segment: s, ...SEGMENT_COLOURS[s] });
    }
  }

  private segmentCluster(segment: string | undefined): string {
    if (segment && this.clusters.has(`segment:${segment}`)) return `segment:${segment}`;
    const id = 'segment:unassigned';
    if (!this.clusters.has(id)) this.clusters.set(id, { id, label: this.t.unassigned, kind: 'segment', segment: 'unassigned', ...UNASSIGNED });
    return id;
  }

  /** The security cloud hub's own cluster, beside the segments (its VPC carries no segment tag). */
  private hubCluster(): string {
    const id = 'security-cloud';
    if (!this.clusters.has(id)) this.clusters.set(id, { id, label: this.t.hub, kind: 'security-cloud', ...SECURITY_CLOUD });
    return id;
  }

  private vpcCluster(vpc: string | undefined): string | undefined {
    return vpc && this.clusters.has(`vpc:${vpc}`) ? `vpc:${vpc}` : undefined;
  }

  private vpcs(): void {
    for (const v of this.of('vpc').sort(byId)) {
      const segment = v.segment ?? nodesOf(this.graph, 'subnet').find((s) => refId(s.vpc) === v.id && s.segment)?.segment;
      const parent = isHub(v) ? this.hubCluster() : this.segmentCluster(segment);
      this.vpcSegment.set(v.id, parent);
      const blocks = v.cidrs.length > 0 ? v.cidrs.join(', ') : v.cidr ?? '';
      this.clusters.set(`vpc:${v.id}`, {
        id: `vpc:${v.id}`, parent, label: `${this.t.vpc} ${nameOf(v, v.id)}${blocks ? `  ${blocks}` : ''}`, kind: 'vpc', stroke: '#4D4D4D', fill: VPC_FILL,
      });
    }
  }

  /** Subnets grouped by role per VPC; subnets of the egress chain go to the element they hold. */
  private subnets(): void {
    const holder = new Map<string, string>();
    const inVpc = (vpc: string | undefined, kind: string) => `${kind}:${vpc ?? 'none'}`;
    for (const f of this.of('firewall').sort(byId)) for (const s of f.subnets) if (refId(s)) holder.set(refId(s)!, inVpc(refId(f.vpc), 'firewall'));
    for (const e of this.of('vpc-endpoint').sort(byId)) {
      if (e.endpointType === 'GatewayLoadBalancer') for (const s of e.subnets) if (refId(s) && !holder.has(refId(s)!)) holder.set(refId(s)!, inVpc(refId(e.vpc), 'gwlb'));
    }
    for (const n of this.of('nat-gateway').sort(byId)) {
      const s = refId(n.subnet);
      const vpc = s ? refId((this.graph.nodes.get(s) as SubnetNode | undefined)?.vpc) : undefined;
      if (s && !holder.has(s)) holder.set(s, inVpc(vpc, n.public ? 'nat' : 'nat-private'));
    }
    const groups = new Map<string, { vpc?: string; title: string; subnets: SubnetNode[]; kind: string }>();
    for (const s of this.of('subnet').sort(byId)) {
      const vpc = refId(s.vpc) && this.graph.nodes.get(refId(s.vpc)!)?.type === 'vpc' ? refId(s.vpc) : undefined;
      const held = holder.get(s.id);
      // The hub's subnets by tier (transit, services, firewall, public), a member's by role.
      const role = s.tags['jichitai:subnet-role'] ?? s.tags['aws-cdk:subnet-name'] ?? s.tags[SUBNET_TIER_TAG_KEY];
      const key = held ?? (role !== undefined ? `subnets:${vpc ?? describe(s.vpc)}:${role}` : `subnet:${s.id}`);
      const title = role ?? nameOf(s, s.id);
      const g = groups.get(key) ?? { vpc, title, subnets: [], kind: held ? held.split(':')[0] : 'subnet' };
      g.subnets.push(s);
      groups.set(key, g);
    }
    for (const [key, g] of [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const parent = this.vpcCluster(g.vpc) ?? this.segmentCluster(g.subnets[0].segment);
      const cidrLines = g.subnets.map((s) => [s.cidr ?? '?', s.ipv6Cidr, s.availabilityZone ? `(${s.availabilityZone})` : undefined].filter((x) => x).join(' '));
      const count = g.subnets.length > 1 ? ` ×${g.subnets.length}` : '';
      let node: DNode;
      if (g.kind === 'subnet') {
        node = { id: key, parent, lines: [`${g.title}${count}`, ...cidrLines], shape: 'box', kind: 'subnet', stroke: '#4D4D4D', fill: NODE_FILL };
      } else {
        // The element itself is added by gateways(); here its subnets' CIDRs.
        node = { id: key, parent, lines: cidrLines, shape: g.kind === 'firewall' ? 'firewall' : 'gateway', kind: g.kind, stroke: '#4D4D4D', fill: NODE_FILL };
      }
      const existing = this.nodes.get(key);
      this.nodes.set(key, existing ? { ...existing, lines: [...existing.lines, ...cidrLines] } : node);
      for (const s of g.subnets) this.drawnAs.set(s.id, key);
    }
  }

  /** Firewalls, NAT, GWLB endpoints (with the subnets they hold), gateways, endpoints, load balancers, proxies. */
  private gateways(): void {
    const parentOf = (vpc: string | undefined) => this.vpcCluster(vpc) ?? this.segmentCluster(undefined);
    type Colours = { stroke: string; fill: string };
    const element = (id: string, vpc: string | undefined, title: string, names: string[], shape: Shape, kind: string, colours: Colours) => {
      const cidrs = this.nodes.get(id)?.lines ?? [];
      this.nodes.set(id, { id, parent: parentOf(vpc), lines: [title, ...names, ...cidrs], shape, kind, ...colours });
    };
    const byVpc = <T extends GraphNode>(items: T[], vpcOf: (n: T) => string | undefined) => {
      const m = new Map<string, T[]>();
      for (const n of items.sort(byId)) m.set(vpcOf(n) ?? 'none', [...(m.get(vpcOf(n) ?? 'none') ?? []), n]);
      return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    };
    const vpcOfSubnet = (r: Ref | undefined) => refId((this.graph.nodes.get(refId(r) ?? '') as SubnetNode | undefined)?.vpc);
    const count = (n: number) => (n > 1 ? ` ×${n}` : '');
    for (const [vpc, fws] of byVpc(this.of('firewall'), (f: FirewallNode) => refId(f.vpc))) {
      const id = `firewall:${vpc}`;
      element(id, vpc, `${this.t.firewall}${count(fws.length)}`, fws.map((f) => nameOf(f, f.id)), 'firewall', 'firewall', FIREWALL);
      for (const f of fws) this.drawnAs.set(f.id, id);
    }
    const gwlbs = this.of('vpc-endpoint').filter((e) => e.endpointType === 'GatewayLoadBalancer');
    for (const [vpc, es] of byVpc(gwlbs, (e) => refId(e.vpc))) {
      const id = `gwlb:${vpc}`;
      element(id, vpc, `${this.t.gwlb}${count(es.length)}`, [], 'firewall', 'gwlb', FIREWALL);
      for (const e of es) this.drawnAs.set(e.id, id);
    }
    for (const pub of [true, false]) {
      const nats = this.of('nat-gateway').filter((n) => n.public === pub);
      for (const [vpc, ns] of byVpc(nats, (n) => vpcOfSubnet(n.subnet))) {
        const id = `${pub ? 'nat' : 'nat-private'}:${vpc}`;
        element(id, vpc, `${pub ? this.t.nat : this.t.natPrivate}${count(ns.length)}`, [], 'gateway', 'nat', { stroke: '#4D4D4D', fill: NODE_FILL });
        for (const n of ns) this.drawnAs.set(n.id, id);
      }
    }
    for (const type of ['internet-gateway', 'egress-only-internet-gateway'] as const) {
      for (const g of this.of(type).sort(byId) as InternetGatewayNode[]) {
        const vpc = g.vpcs.map(refId).find((v) => v && this.clusters.has(`vpc:${v}`));
        const id = `${type}:${g.id}`;
        element(id, vpc, type === 'internet-gateway' ? this.t.igw : this.t.eigw, [nameOf(g, g.id)], 'gateway', type, { stroke: '#4D4D4D', fill: NODE_FILL });
        this.drawnAs.set(g.id, id);
      }
    }
    for (const g of this.of('vpn-gateway').sort(byId)) {
      const vpc = g.vpcs.map(refId).find((v) => v && this.clusters.has(`vpc:${v}`));
      const id = `vpn-gateway:${g.id}`;
      element(id, vpc, this.t.vgw, [nameOf(g, g.id)], 'gateway', 'vpn-gateway', { stroke: '#4D4D4D', fill: NODE_FILL });
      this.drawnAs.set(g.id, id);
    }
    const others = this.of('vpc-endpoint').filter((e) => e.endpointType !== 'GatewayLoadBalancer');
    for (const [vpc, es] of byVpc(others, (e) => refId(e.vpc))) {
      const id = `endpoints:${vpc}`;
      const services = (type: string) => es.filter((e) => e.endpointType === type).map((e) => e.serviceName.split('.').pop() ?? e.serviceName);
      const lines = [...new Set(es.map((e) => e.endpointType))].sort().map((type) => `${type}: ${[...new Set(services(type))].sort().join(', ')}`);
      element(id, vpc, `${this.t.endpoints}${count(es.length)}`, wrap(lines, 48), 'gateway', 'vpc-endpoint', { stroke: '#4D4D4D', fill: NODE_FILL });
      for (const e of es) this.drawnAs.set(e.id, id);
    }
    for (const lb of this.of('load-balancer').sort(byId)) {
      const vpc = lb.subnets.map(vpcOfSubnet).find((v) => v);
      const id = `load-balancer:${lb.id}`;
      element(id, vpc, this.t.loadBalancer, [nameOf(lb, lb.id)], 'gateway', 'load-balancer', { stroke: '#4D4D4D', fill: NODE_FILL });
      this.drawnAs.set(lb.id, id);
    }
    // A Squid configuration in a boot script is the forward proxy (the guard reads it for AP-3 / AP-6).
    for (const u of this.of('user-data').sort(byId).filter((n) => /^\s*http_port\s/m.test(n.text))) {
      const group = u.securityGroups.map((r) => this.graph.nodes.get(refId(r) ?? '')).find((g) => g?.type === 'security-group');
      const vpc = group?.type === 'security-group' ? refId(group.vpc) : undefined;
      const id = `proxy:${u.id}`;
      element(id, vpc, this.t.proxy, [nameOf(u, u.id)], 'gateway', 'proxy', { stroke: '#4D4D4D', fill: NODE_FILL });
      this.drawnAs.set(u.id, id);
    }
    for (const p of this.of('vpc-peering').sort(byId)) {
      const id = `peering:${p.id}`;
      this.nodes.set(id, { id, lines: [this.t.peering, nameOf(p, p.id)], shape: 'gateway', kind: 'vpc-peering', stroke: '#4D4D4D', fill: NODE_FILL });
      this.drawnAs.set(p.id, id);
    }
  }

  private transit(): void {
    for (const g of this.of('transit-gateway').sort(byId)) {
      // The hub's transit gateway is part of the security cloud; a member's stands on its own.
      const parent = isHub(g) ? this.hubCluster() : undefined;
      this.clusters.set(`tgw:${g.id}`, { id: `tgw:${g.id}`, parent, label: `${this.t.tgw} ${nameOf(g, g.id)}`, kind: 'transit-gateway', ...TRANSIT });
    }
    for (const table of this.of('transit-route-table').sort(byId)) {
      const tgw = refId(table.transitGateway);
      // The implicit default table is drawn only when something uses it.
      if (table.default && table.associations.length === 0 && table.routes.length === 0 && table.propagations.length === 0) continue;
      const parent = tgw && this.clusters.has(`tgw:${tgw}`) ? `tgw:${tgw}` : undefined;
      const id = `tgw-table:${table.id}`;
      const routes = [...table.routes].sort((a, b) => (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0));
      const forwarding = routes.filter((r) => !r.blackhole).map((r) => `${r.destination} → ${this.attachmentName(r.attachment)}`);
      // The hub's table propagates every member's attachment: those of stacks not described are counted, not named.
      const shown = table.propagations.filter((p) => this.drawsRef(p));
      const propagated = [
        ...shown.map((p) => `${this.t.propagated}: ${this.attachmentName(p)}`),
        ...(shown.length < table.propagations.length ? [`${this.t.propagated}: ${this.t.elsewhere(table.propagations.length - shown.length)}`] : []),
      ];
      const holes = routes.filter((r) => r.blackhole).map((r) => r.destination);
      const LIMIT = 8;
      const listed = [...forwarding, ...propagated];
      const lines = [
        `${this.t.tgwTable} ${table.default ? 'default' : nameOf(table, table.id)}`,
        ...listed.slice(0, LIMIT),
        ...(listed.length > LIMIT ? [this.t.more(listed.length - LIMIT)] : []),
        ...(holes.length > 0 ? wrap([`${this.t.blackhole}: ${holes.join(', ')}`], 56) : []),
      ];
      this.nodes.set(id, { id, parent, lines, shape: 'table', kind: 'transit-route-table', ...TRANSIT });
      this.drawnAs.set(table.id, id);
      for (const r of table.routes) this.routeTable.set(r.source, table.id);
    }
    if (this.of('transit-gateway').length > 0) {
      // A gateway whose tables are all implicit and unused still shows as its cluster.
      for (const g of this.of('transit-gateway').sort(byId)) {
        const cluster = `tgw:${g.id}`;
        if (![...this.nodes.values()].some((n) => n.parent === cluster)) {
          this.nodes.set(`tgw-empty:${g.id}`, { id: `tgw-empty:${g.id}`, parent: cluster, lines: [this.t.none], shape: 'table', kind: 'placeholder', ...TRANSIT });
        }
      }
    }
  }

  private attachmentName(r: Ref | undefined): string {
    if (!r) return '?';
    const a = this.graph.nodes.get(refId(r) ?? '') as TransitAttachmentNode | undefined;
    if (!a || a.type !== 'transit-attachment') return describe(r);
    if (a.kind === 'vpn') return `VPN ${a.zone ? this.zoneName(a.zone) : this.t.unknownZone}`;
    const vpc = this.graph.nodes.get(refId(a.vpc) ?? '');
    return vpc ? `VPC ${nameOf(vpc, vpc.id)}` : nameOf(a, a.id);
  }

  private zoneName(zone: string): string {
    const t = this.t as unknown as Record<string, unknown>;
    return typeof t[zone] === 'string' ? t[zone] as string : zone;
  }

  private zoneNode(zone: string, extra: string[] = []): string {
    const id = `external:${zone}`;
    if (!this.clusters.has('externals')) this.clusters.set('externals', { id: 'externals', label: this.t.externals, kind: 'externals', ...EXTERNAL_CLUSTER });
    if (!this.nodes.has(id)) this.nodes.set(id, { id, parent: 'externals', lines: [this.zoneName(zone), ...extra], shape: 'external', kind: 'external', ...EXTERNAL });
    return id;
  }

  /** External networks: where VPNs, gateways and declared flows lead. */
  private externals(flows: readonly DeclaredFlow[]): void {
    for (const a of this.of('transit-attachment').sort(byId)) {
      if (a.kind !== 'vpn') continue;
      const zone = a.zone === 'LGWAN_WAN' || a.zone === 'SECURITY_CLOUD' ? this.zoneNode(a.zone) : this.zoneNode(`VPN ${a.zone ?? this.t.unknownZone}`);
      this.drawnAs.set(a.id, zone);
      // Traffic from the VPN enters the transit gateway through the tables it is associated with.
      for (const t of this.of('transit-route-table').sort(byId)) {
        // Drawn from the table to the network, like the table's routes, so that the networks stay below the gateway.
        if (t.associations.some((x) => refId(x) === a.id)) this.addEdge(this.drawnAs.get(t.id), zone, 'link');
      }
    }
    for (const g of this.of('vpn-gateway').sort(byId)) {
      const zones = [...new Set(g.zones)].sort();
      const zone = zones.length === 1 && (zones[0] === 'LGWAN_WAN' || zones[0] === 'SECURITY_CLOUD') ? this.zoneNode(zones[0]) : this.zoneNode(`VPN ${zones.join(', ') || this.t.unknownZone}`);
      this.addEdge(this.drawnAs.get(g.id), zone, 'link');
    }
    const gateways = [...this.of('internet-gateway'), ...this.of('egress-only-internet-gateway')].sort(byId);
    if (gateways.length > 0) {
      const internet = this.zoneNode('INTERNET');
      for (const g of gateways) this.addEdge(this.drawnAs.get(g.id), internet, 'link');
    }
    for (const f of flows) for (const h of [f.from, f.to]) if (h.zone === 'LGWAN_WAN' || h.zone === 'SECURITY_CLOUD') this.zoneNode(h.zone);
    if (this.nodes.has('external:SECURITY_CLOUD') && this.nodes.has('external:INTERNET')) {
      this.addEdge('external:SECURITY_CLOUD', 'external:INTERNET', 'link');
    }
    // Cloud services (α′): the domains Network Firewall lets through.
    const domains = [...new Set(this.of('rule-group').flatMap((g) => g.domainList?.targets ?? []))].sort();
    if (domains.length > 0) {
      const LIMIT = 10;
      const list = [...domains.slice(0, LIMIT), ...(domains.length > LIMIT ? [this.t.more(domains.length - LIMIT)] : [])];
      const cloud = this.zoneNode('CLOUD_SERVICE', list);
      this.addEdge(this.zoneNode('INTERNET'), cloud, 'link');
    }
  }

  /** One grey arrow per pair of boxes that a route of the first box's tables connects. */
  private routes(): void {
    const tablesOf = new Map<string, RouteTableNode[]>();
    for (const t of this.of('route-table').sort(byId)) {
      for (const s of t.subnets) tablesOf.set(s, [...(tablesOf.get(s) ?? []), t]);
      for (const r of t.routes) this.routeTable.set(r.source, t.id);
    }
    const attachmentsOf = new Map<string, TransitAttachmentNode[]>();
    for (const a of this.of('transit-attachment').sort(byId)) {
      if (a.kind === 'vpc' && refId(a.vpc)) attachmentsOf.set(refId(a.vpc)!, [...(attachmentsOf.get(refId(a.vpc)!) ?? []), a]);
    }
    const associated = (attachment: string) => this.of('transit-route-table').sort(byId)
      .filter((t) => t.associations.some((x) => refId(x) === attachment)).map((t) => this.drawnAs.get(t.id));
    for (const s of this.of('subnet').sort(byId)) {
      const from = this.drawnAs.get(s.id);
      const vpc = refId(s.vpc);
      const vpcNode = vpc ? this.graph.nodes.get(vpc) : undefined;
      const mains = vpcNode?.type === 'vpc'
        ? [implicitId.mainRouteTable(vpcNode.id), ...vpcNode.mainRouteTables.map(refId)].map((id) => this.graph.nodes.get(id ?? ''))
          .filter((t): t is RouteTableNode => t?.type === 'route-table')
        : [];
      for (const table of tablesOf.get(s.id) ?? mains) {
        for (const r of table.routes) {
          const target = refId(r.ref);
          if (r.target === RouteTarget.LOCAL) continue;
          if (r.target === RouteTarget.TRANSIT_GATEWAY) {
            for (const a of (vpc ? attachmentsOf.get(vpc) ?? [] : []).filter((x) => refId(x.transitGateway) === target)) {
              for (const t of associated(a.id)) this.addEdge(from, t, 'route');
            }
            continue;
          }
          this.addEdge(from, target ? this.drawnAs.get(target) ?? this.notDrawn(target) : this.outside(describe(r.ref)), 'route');
        }
      }
    }
    // NAT gateways send on from their subnets: the element and its subnets are one box, so nothing to add. Transit
    // tables: to where their routes and propagations lead.
    for (const t of this.of('transit-route-table').sort(byId)) {
      const from = this.drawnAs.get(t.id);
      if (!from) continue;
      // Propagations of attachments outside the described stacks are counted on the table, not drawn.
      const targets = [...t.routes.filter((r) => !r.blackhole).map((r) => r.attachment), ...t.propagations.filter((p) => this.drawsRef(p))];
      for (const ref of targets) for (const to of this.attachmentTargets(ref)) this.addEdge(from, to, 'route');
    }
  }

  /** Where a transit gateway attachment leads: the boxes of its VPC subnets, or its external network. */
  private attachmentTargets(ref: Ref | undefined): string[] {
    if (!ref) return [];
    const a = this.graph.nodes.get(refId(ref) ?? '');
    if (a?.type !== 'transit-attachment') return [this.outside(describe(ref))];
    if (!this.describes(a)) return [this.notDrawn(a.id, this.attachmentName(ref))];
    if (a.kind === 'vpn') return [this.drawnAs.get(a.id)!].filter((x) => x);
    return [...new Set(a.subnets.map((s) => this.drawnAs.get(refId(s) ?? '')).filter((x): x is string => !!x))];
  }

  /** Whether a reference's node is drawn (an unknown or external one counts as drawn: it is named as before). */
  private drawsRef(r: Ref | undefined): boolean {
    const n = this.graph.nodes.get(refId(r) ?? '');
    return !n || this.describes(n);
  }

  /** The box of a route target that is not drawn: named, when it lies in a stack the documents do not describe. */
  private notDrawn(id: string, label?: string): string {
    const n = this.graph.nodes.get(id);
    if (!n || this.describes(n)) return this.outside(id);
    const node = `elsewhere:${id}`;
    if (!this.nodes.has(node)) {
      this.nodes.set(node, { id: node, lines: [this.t.notDescribed, label ?? nameOf(n, id)], shape: 'external', kind: 'outside', stroke: UNASSIGNED.stroke, fill: UNASSIGNED.fill });
    }
    return node;
  }

  /** A box for something a route or path names that is not in the output. */
  private outside(id: string): string {
    const node = `outside:${id}`;
    if (!this.nodes.has(node)) this.nodes.set(node, { id: node, lines: [this.t.outside, id], shape: 'external', kind: 'outside', stroke: UNASSIGNED.stroke, fill: UNASSIGNED.fill });
    return node;
  }

  /** The box of a declared host: the subnet box holding its first address, else a box of its own in its segment. */
  private hostBox(h: DeclaredHost): string {
    if (h.zone === 'LGWAN_WAN' || h.zone === 'SECURITY_CLOUD') return this.zoneNode(h.zone);
    const first = h.cidrs.map((c) => parsePrefix(c)).find((p): p is Prefix => !!p);
    if (first) {
      const subnet = this.of('subnet').sort(byId).find((s) => [s.cidr, s.ipv6Cidr].some((c) => {
        const p = parsePrefix(c);
        return p !== undefined && contains(p, first);
      }));
      if (subnet && this.drawnAs.has(subnet.id)) return this.drawnAs.get(subnet.id)!;
    }
    const id = `host:${h.name}`;
    if (!this.nodes.has(id)) {
      this.nodes.set(id, { id, parent: this.segmentCluster(h.zone), lines: [h.name, ...h.cidrs], shape: 'box', kind: 'host', stroke: '#4D4D4D', fill: NODE_FILL });
    }
    return id;
  }

  private declaredFlows(flows: readonly DeclaredFlow[]): void {
    const sorted = [...flows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const f of sorted) {
      const kind = this.t.kinds[f.kind] ?? f.kind;
      const from = this.hostBox(f.from);
      const to = this.hostBox(f.to);
      const label = [f.name, `${portsText(f)} [${kind}]`];
      if (from === to) continue;
      // Distinct flows between the same boxes are distinct arrows (multigraph), each with its label.
      const e: DEdge = { from, to, kind: 'flow', label, data: f.name };
      this.edges.push(e);
    }
  }

  /** The hops of each finding, mapped to boxes, as red arrows. */
  private forbidden(findings: readonly Finding[]): void {
    const sorted = [...findings].filter((f) => f.hops.length > 0);
    for (const f of sorted) {
      const boxes: string[] = [];
      for (const hop of f.hops) {
        const box = this.hopBox(hop.node);
        if (box && boxes[boxes.length - 1] !== box) boxes.push(box);
      }
      const last = f.hops[f.hops.length - 1];
      // A path that ends at an internet gateway ends on the internet.
      const lastNode = this.graph.nodes.get(last.node);
      if (lastNode?.type === 'internet-gateway' || lastNode?.type === 'egress-only-internet-gateway') boxes.push(this.zoneNode('INTERNET'));
      if (boxes.length < 2) continue;
      this.findingLines.push(`${f.ruleId} (${f.term}): ${nameOfPath(f.path)}`);
      for (let i = 0; i + 1 < boxes.length; i++) {
        const e = this.addEdge(boxes[i], boxes[i + 1], 'forbidden', []);
        if (e) {
          const ids = new Set((e.data ?? '').split(' ').filter((x) => x));
          ids.add(f.ruleId);
          e.data = [...ids].sort().join(' ');
          if (i === 0) e.label = [[...ids].sort().join(', ')];
        }
      }
    }
  }

  /** The box a hop's node is drawn as; route hops are the arrow itself (their table is not a box). */
  private hopBox(node: string): string | undefined {
    const drawn = this.drawnAs.get(node);
    if (drawn) return drawn;
    const table = this.routeTable.get(node);
    if (table) return this.drawnAs.get(table);
    const n = this.graph.nodes.get(node);
    if (n?.type === 'route-table' || n?.type === 'transit-attachment') return undefined;
    if (n?.type === 'transit-gateway') return undefined;
    return n ? undefined : this.outside(node);
  }
}

function nameOfPath(path: string): string {
  return path.replace(/\/Resource$/, '');
}

/** Lines longer than `max` characters broken at ", ". */
function wrap(lines: string[], max: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    let current = '';
    for (const part of line.split(', ')) {
      const next = current === '' ? part : `${current}, ${part}`;
      if (next.length > max && current !== '') {
        out.push(`${current},`);
        current = `  ${part}`;
      } else {
        current = next;
      }
    }
    out.push(current);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout and drawing

const CLUSTER_LABEL = 22;

interface Laid { x: number; y: number; width: number; height: number }
/** An arrow as dagre laid it out: its bends, and its label's centre and size when it has one. */
interface LaidEdge { points?: { x: number; y: number }[]; x?: number; y?: number; width?: number; height?: number }

function nodeSize(n: DNode): { width: number; height: number } {
  const width = Math.max(80, ...n.lines.map((l, i) => (i === 0 ? textWidth(l, FONT_SIZE + 1, true) : textWidth(l)))) + 2 * PAD + (n.shape === 'firewall' ? 12 : 0);
  return { width: Math.ceil(width), height: n.lines.length * LINE + 2 * PAD };
}

/**
 * Subnet boxes of one VPC have no arrows between them, so dagre would put them all in one row: invisible edges put
 * them in columns of at most three, which keeps a VPC of many roles compact.
 */
function gridEdges(model: DiagramModel): DEdge[] {
  const byParent = new Map<string, string[]>();
  for (const n of model.nodes.values()) if (n.parent?.startsWith('vpc:') && n.kind === 'subnet') byParent.set(n.parent, [...(byParent.get(n.parent) ?? []), n.id]);
  const out: DEdge[] = [];
  for (const [, ids] of [...byParent.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = ids.sort();
    for (let i = 0; i + 3 < sorted.length; i++) out.push({ from: sorted[i], to: sorted[i + 3], kind: 'grid', label: [] });
  }
  return out;
}

/** dagre's layout graph during ordering: nodes carry their rank and order, cluster border nodes their side. */
type LayoutGraph = Dagre.graphlib.Graph;
interface OrderLabel { rank?: number; order?: number; borderType?: string }

/**
 * dagre's ordering (crossing reduction), kept when every rank came out a permutation with each cluster contiguous, and
 * otherwise repaired. dagre keeps sibling clusters in order across ranks through a constraint graph that it builds from
 * the orders found so far; when clusters interleave differently from one rank to the next (a prefecture: the hub, its
 * transit gateway and every member's VPCs linked across the three segments) that graph gets a cycle, the clusters on
 * the cycle drop out of the rank's order, their nodes keep stale positions and the positioning ends with NaN
 * coordinates ("Not possible to find intersection inside of the rectangle"). The repair sorts each rank by the cluster
 * tree: siblings by the mean position dagre gave their nodes (then by id), a cluster's left border first and right
 * border last, so that every cluster is one contiguous block, in the same sibling order on every rank.
 */
function orderWithinClusters(g: LayoutGraph, defaultOrder: (graph: LayoutGraph, opts: object) => void): void {
  defaultOrder(g, {});
  const label = (v: string) => g.node(v) as unknown as OrderLabel;
  const leaves = g.nodes().filter((v: string) => g.children(v).length === 0 && typeof label(v).rank === 'number').sort();
  const ranks = new Map<number, string[]>();
  for (const v of leaves) ranks.set(label(v).rank!, [...(ranks.get(label(v).rank!) ?? []), v]);
  /** Ancestors, outermost first, then the node. */
  const chain = (v: string): string[] => {
    const out = [v];
    for (let p = g.parent(v); p !== undefined; p = g.parent(p)) out.unshift(p);
    return out;
  };
  if ([...ranks.values()].every((layer) => wellOrdered(layer, label, chain))) return;

  // Mean order of the leaves under each node (a leaf: its own), dagre's view of where it belongs.
  const sum = new Map<string, { total: number; n: number }>();
  for (const v of leaves) {
    for (const a of chain(v)) {
      const s = sum.get(a) ?? { total: 0, n: 0 };
      s.total += label(v).order ?? 0;
      s.n += 1;
      sum.set(a, s);
    }
  }
  const position = (v: string): number => {
    const side = label(v).borderType;
    if (side === 'borderLeft') return -Infinity;
    if (side === 'borderRight') return Infinity;
    const s = sum.get(v)!;
    return s.total / s.n;
  };
  const compare = (a: string[], b: string[]): number => {
    let i = 0;
    while (a[i] === b[i]) i++;
    const pa = position(a[i]);
    const pb = position(b[i]);
    return pa !== pb ? (pa < pb ? -1 : 1) : a[i] < b[i] ? -1 : 1;
  };
  for (const layer of ranks.values()) {
    const chains = layer.map(chain).sort(compare);
    chains.forEach((c, i) => { label(c[c.length - 1]).order = i; });
  }
}

/** Whether one rank's orders are 0..n-1 with every cluster's nodes side by side, its border nodes at its two ends. */
function wellOrdered(layer: readonly string[], label: (v: string) => OrderLabel, chain: (v: string) => string[]): boolean {
  const sorted = [...layer].sort((a, b) => label(a).order! - label(b).order!);
  if (sorted.some((v, i) => label(v).order !== i)) return false;
  // A cluster, once left, must not come back; its left border opens it, its right border closes it.
  const closed = new Set<string>();
  let open: string[] = [];
  for (const v of sorted) {
    const ancestors = chain(v).slice(0, -1);
    let common = 0;
    while (common < open.length && common < ancestors.length && open[common] === ancestors[common]) common++;
    for (const c of open.slice(common)) closed.add(c);
    if (ancestors.slice(common).some((c) => closed.has(c))) return false;
    const side = label(v).borderType;
    if (side === 'borderLeft' && common === ancestors.length) return false;
    open = ancestors;
    if (side === 'borderRight') closed.add(open.pop()!);
  }
  return true;
}

/** The SVG of the network: three segment clusters, VPCs, subnets, gateways, transit tables, externals, flows, findings. */
export function renderNetworkDiagram(input: DiagramInput): string {
  const language = input.language ?? 'ja';
  const t = TEXT[language];
  const model = new DiagramModel(input.graph, t, describesOf(input.describedStacks));
  model.build(input.flows ?? [], input.findings ?? []);

  // Empty segments still show: a placeholder box keeps the cluster.
  for (const c of [...model.clusters.values()].filter((x) => x.kind === 'segment')) {
    const hasChild = [...model.nodes.values()].some((n) => n.parent === c.id) || [...model.clusters.values()].some((x) => x.parent === c.id);
    if (!hasChild) model.nodes.set(`empty:${c.id}`, { id: `empty:${c.id}`, parent: c.id, lines: [t.none], shape: 'box', kind: 'placeholder', stroke: c.stroke, fill: c.fill });
  }

  const g = new dagre.graphlib.Graph({ multigraph: true, compound: true });
  // Left to right: boxes are wider than tall, so ranks side by side keep the drawing near A3 landscape. dagre puts
  // `edgesep` between nested cluster borders and `(edgesep + nodesep) / 2` between a border and a box: both leave room
  // for the cluster label (CLUSTER_LABEL) drawn inside the cluster's top edge.
  g.setGraph({ rankdir: 'LR', nodesep: 30, edgesep: 26, ranksep: 46, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const clusters = [...model.clusters.values()].sort(byId);
  for (const c of clusters) g.setNode(c.id, { label: c.label, width: 0, height: 0 });
  for (const c of clusters) if (c.parent) g.setParent(c.id, c.parent);
  const nodes = [...model.nodes.values()].sort(byId);
  for (const n of nodes) {
    g.setNode(n.id, nodeSize(n));
    if (n.parent) g.setParent(n.id, n.parent);
  }
  const edges = [...model.edges, ...gridEdges(model)];
  edges.forEach((e, i) => {
    const labelWidth = Math.max(0, ...e.label.map((l, line) => textWidth(l, FONT_SIZE - 1, line === 0)));
    g.setEdge(e.from, e.to, {
      width: e.label.length > 0 ? Math.ceil(labelWidth) + 8 : 0,
      height: e.label.length * (LINE - 2),
      labelpos: 'c',
      weight: e.kind === 'grid' ? 4 : e.kind === 'route' ? 2 : 1,
    }, `e${i}`);
  });
  dagre.layout(g, { customOrder: orderWithinClusters });

  const box = (id: string): Laid => g.node(id) as unknown as Laid;
  let minX = Infinity; let minY = Infinity; let maxX = -Infinity; let maxY = -Infinity;
  const grow = (x0: number, y0: number, x1: number, y1: number) => {
    minX = Math.min(minX, x0); minY = Math.min(minY, y0); maxX = Math.max(maxX, x1); maxY = Math.max(maxY, y1);
  };
  for (const id of [...clusters.map((c) => c.id), ...nodes.map((n) => n.id)]) {
    const b = box(id);
    grow(b.x - b.width / 2, b.y - b.height / 2, b.x + b.width / 2, b.y + b.height / 2);
  }
  const laidEdges = edges.map((e, i) => ({ e, label: g.edge(e.from, e.to, `e${i}`) as LaidEdge }));
  for (const { label } of laidEdges) {
    for (const p of label.points ?? []) grow(p.x, p.y, p.x, p.y);
    if (label.x !== undefined && label.y !== undefined && label.width && label.height) {
      grow(label.x - label.width / 2, label.y - label.height / 2, label.x + label.width / 2, label.y + label.height / 2);
    }
  }

  const title = input.title ?? t.title;
  const confidentiality = input.confidentiality ?? t.confidentiality;
  const HEADER = 48;
  const legendLines = model.findingLines.length > 0 ? model.findingLines.length + 1 : 0;
  const LEGEND = 6 * LINE + 24 + legendLines * LINE;
  const dx = 16 - minX;
  const dy = HEADER + 16 - minY;
  const width = Math.ceil(Math.max(maxX - minX + 32, 720));
  const height = Math.ceil(maxY - minY + HEADER + 32 + LEGEND);
  const X = (x: number) => x + dx;
  const Y = (y: number) => y + dy;

  const parts: Markup[] = [];
  parts.push(el('rect', { x: 0, y: 0, width, height, fill: '#FFFFFF' }));
  parts.push(el('text', { 'x': 16, 'y': 30, 'font-size': 20, 'font-weight': 'bold', 'class': 'jn-title' }, title));
  parts.push(confidentialityMark(width - 16, 14, confidentiality));

  // Clusters, outermost first.
  const depth = (c: DCluster): number => (c.parent ? 1 + depth(model.clusters.get(c.parent)!) : 0);
  const clusterMarkup = [...clusters].sort((a, b) => depth(a) - depth(b) || byId(a, b)).map((c) => {
    const b = box(c.id);
    const x = X(b.x - b.width / 2);
    const y = Y(b.y - b.height / 2);
    return el('g', { 'class': `jn-cluster jn-${c.kind}`, 'data-id': c.id, 'data-segment': c.segment },
      el('rect', { x, y, 'width': b.width, 'height': b.height, 'rx': 6, 'fill': c.fill, 'stroke': c.stroke, 'stroke-width': c.kind === 'segment' || c.kind === 'security-cloud' ? 2.5 : 1.2 }),
      el('text', { 'x': x + 8, 'y': y + CLUSTER_LABEL - 6, 'font-size': c.kind === 'segment' || c.kind === 'security-cloud' ? 14 : FONT_SIZE, 'font-weight': 'bold', 'class': 'jn-cluster-label' }, c.label));
  });
  parts.push(el('g', { class: 'jn-clusters' }, ...clusterMarkup));

  // Edges: routes and links under flows under forbidden paths.
  const order: Record<EdgeKind, number> = { grid: 0, route: 1, link: 2, flow: 3, forbidden: 4 };
  const edgeMarkup = laidEdges.filter(({ e }) => e.kind !== 'grid').map((x, i) => ({ ...x, i }))
    .sort((a, b) => order[a.e.kind] - order[b.e.kind] || a.i - b.i)
    .map(({ e, label }) => drawEdge(e, label, X, Y));
  parts.push(el('g', { class: 'jn-edges' }, ...edgeMarkup));

  parts.push(el('g', { class: 'jn-nodes' }, ...nodes.map((n) => drawNode(n, box(n.id), X, Y))));
  parts.push(legend(16, Math.ceil(maxY - minY + HEADER + 40), t, confidentiality, model.findingLines, model.clusters.has('security-cloud')));

  const defs = el('defs', {},
    marker('jn-arrow-flow', FLOW_COLOUR), marker('jn-arrow-route', ROUTE_COLOUR), marker('jn-arrow-forbidden', FORBIDDEN_COLOUR));
  const svg = el('svg', {
    'xmlns': 'http://www.w3.org/2000/svg',
    'width': width,
    'height': height,
    'viewBox': `0 0 ${width} ${height}`,
    'font-family': FONT,
    'font-size': FONT_SIZE,
    'fill': TEXT_COLOUR,
    'role': 'img',
    'aria-label': `${title} (${confidentiality})`,
    'class': 'jn-diagram',
  }, el('title', {}, `${title} (${confidentiality})`), defs, ...parts);
  return `${svg.markup}\n`;
}

function marker(id: string, colour: string): Markup {
  return el('marker', { id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    el('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }));
}

function drawEdge(e: DEdge, label: LaidEdge, X: (x: number) => number, Y: (y: number) => number): Markup {
  const points = label.points ?? [];
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(X(p.x))},${num(Y(p.y))}`).join(' ');
  const style: Record<EdgeKind, Attrs> = {
    grid: {},
    route: { 'stroke': ROUTE_COLOUR, 'stroke-width': 1.2, 'marker-end': 'url(#jn-arrow-route)' },
    link: { 'stroke': ROUTE_COLOUR, 'stroke-width': 1.2, 'stroke-dasharray': '2 3' },
    flow: { 'stroke': FLOW_COLOUR, 'stroke-width': 1.6, 'marker-end': 'url(#jn-arrow-flow)' },
    forbidden: { 'stroke': FORBIDDEN_COLOUR, 'stroke-width': 4, 'stroke-dasharray': '10 4', 'marker-end': 'url(#jn-arrow-forbidden)' },
  };
  const children: Markup[] = [el('path', { d, fill: 'none', ...style[e.kind] })];
  if (e.label.length > 0 && label.x !== undefined && label.y !== undefined) {
    const colour = e.kind === 'forbidden' ? FORBIDDEN_COLOUR : FLOW_COLOUR;
    const top = Y(label.y) - (e.label.length * (LINE - 2)) / 2 + (LINE - 2) - 3;
    const w = Math.max(...e.label.map((l, i) => textWidth(l, FONT_SIZE - 1, i === 0))) + 8;
    children.push(el('rect', { 'x': X(label.x) - w / 2, 'y': Y(label.y) - (e.label.length * (LINE - 2)) / 2, 'width': w, 'height': e.label.length * (LINE - 2), 'fill': '#FFFFFF', 'fill-opacity': 0.85 }));
    children.push(el('text', { 'x': X(label.x), 'y': top, 'text-anchor': 'middle', 'font-size': FONT_SIZE - 1, 'fill': colour, 'class': 'jn-edge-label' },
      ...e.label.map((l, i) => el('tspan', { 'x': X(label.x!), 'dy': i === 0 ? 0 : LINE - 2, 'font-weight': i === 0 ? 'bold' : undefined }, l))));
  }
  return el('g', { 'class': `jn-edge jn-${e.kind}`, 'data-from': e.from, 'data-to': e.to, 'data-flow': e.kind === 'flow' ? e.data : undefined, 'data-rules': e.kind === 'forbidden' ? e.data : undefined }, ...children);
}

function drawNode(n: DNode, b: Laid, X: (x: number) => number, Y: (y: number) => number): Markup {
  const x = X(b.x - b.width / 2);
  const y = Y(b.y - b.height / 2);
  const shapes: Record<Shape, Attrs> = {
    box: { rx: 3 },
    gateway: { rx: 12 },
    firewall: { 'rx': 2, 'stroke-width': 2 },
    external: { 'rx': 18, 'stroke-dasharray': '6 3' },
    table: { rx: 0 },
  };
  const children: Markup[] = [el('rect', { x, y, 'width': b.width, 'height': b.height, 'fill': n.fill, 'stroke': n.stroke, 'stroke-width': 1.2, ...shapes[n.shape] })];
  if (n.shape === 'firewall') {
    // A brick-wall mark on the left edge, so firewalls read as firewalls without colour.
    children.push(el('path', { 'd': `M${num(x + 4)},${num(y + 4)} h8 v${num(b.height - 8)} h-8 z M${num(x + 4)},${num(y + b.height / 2)} h8`, 'fill': 'none', 'stroke': n.stroke, 'stroke-width': 1.5 }));
  }
  const left = x + PAD + (n.shape === 'firewall' ? 12 : 0);
  children.push(el('text', { x: left, y: y + PAD + LINE - 4, class: 'jn-node-label' },
    ...n.lines.map((l, i) => el('tspan', { 'x': left, 'dy': i === 0 ? 0 : LINE, 'font-weight': i === 0 ? 'bold' : undefined, 'font-size': i === 0 ? FONT_SIZE + 1 : undefined }, l))));
  return el('g', { 'class': `jn-node jn-${n.kind}`, 'data-id': n.id }, ...children);
}

function confidentialityMark(right: number, top: number, label: string): Markup {
  const w = textWidth(label, 14, true) + 20;
  return el('g', { class: 'jn-confidentiality' },
    el('rect', { 'x': right - w, 'y': top, 'width': w, 'height': 26, 'fill': '#FFFFFF', 'stroke': '#000000', 'stroke-width': 2 }),
    el('text', { 'x': right - w / 2, 'y': top + 18, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 'bold' }, label));
}

function legend(x: number, y: number, t: Texts, confidentiality: string, findingLines: string[], hub: boolean): Markup {
  const rows: Markup[] = [el('text', { 'x': x, 'y': y + 12, 'font-weight': 'bold' }, `${t.legend} (${confidentiality})`)];
  let yy = y + 30;
  const line = (label: string, attrs: Attrs, cls: string) => {
    rows.push(el('g', { class: `jn-legend-${cls}` },
      el('path', { d: `M${num(x)},${num(yy - 4)} h44`, fill: 'none', ...attrs }),
      el('text', { x: x + 54, y: yy }, label)));
    yy += LINE;
  };
  line(t.legendFlow, { 'stroke': FLOW_COLOUR, 'stroke-width': 1.6, 'marker-end': 'url(#jn-arrow-flow)' }, 'flow');
  line(t.legendRoute, { 'stroke': ROUTE_COLOUR, 'stroke-width': 1.2, 'marker-end': 'url(#jn-arrow-route)' }, 'route');
  line(t.legendLink, { 'stroke': ROUTE_COLOUR, 'stroke-width': 1.2, 'stroke-dasharray': '2 3' }, 'link');
  line(t.legendForbidden, { 'stroke': FORBIDDEN_COLOUR, 'stroke-width': 4, 'stroke-dasharray': '10 4' }, 'forbidden');
  // Swatches of the segment colours.
  let sx = x;
  const swatches: Markup[] = [];
  const swatch = (label: string, colours: { stroke: string; fill: string }) => {
    swatches.push(el('rect', { 'x': sx, 'y': yy - 10, 'width': 14, 'height': 12, 'fill': colours.fill, 'stroke': colours.stroke, 'stroke-width': 2 }));
    swatches.push(el('text', { x: sx + 20, y: yy }, label));
    sx += 20 + textWidth(label) + 20;
  };
  for (const s of ALL_SEGMENTS) swatch(t.segment(s), SEGMENT_COLOURS[s]);
  if (hub) swatch(t.hub, SECURITY_CLOUD);
  swatches.push(el('text', { x: sx, y: yy }, t.legendPalette));
  rows.push(el('g', { class: 'jn-legend-segments' }, ...swatches));
  yy += LINE + 8;
  if (findingLines.length > 0) {
    rows.push(el('text', { 'x': x, 'y': yy, 'font-weight': 'bold', 'fill': FORBIDDEN_COLOUR }, t.findings));
    yy += LINE;
    for (const l of findingLines) {
      rows.push(el('text', { x: x + 8, y: yy, fill: FORBIDDEN_COLOUR }, l));
      yy += LINE;
    }
  }
  return el('g', { class: 'jn-legend' }, ...rows);
}
