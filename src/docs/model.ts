/**
 * The design documents (設計書, issue 15) built from what was synthesized: the topology graph of the stack(s), the guard's
 * verdict on it, the declared flows and hosts, and — where one exists — the blueprint. Nothing here reasons about
 * reachability itself: whether a flow is carried is FLOW-1's finding, and the path that carries it is the exact
 * reachability engine's (`Reachability.probeFromSubnet` / `probeFromZone`, `steps`), as FLOW-1 and `explain` use it.
 *
 * Deterministic: rows are sorted, nothing reads the clock; the date is the caller's, else `SOURCE_DATE_EPOCH`'s, else
 * "not recorded".
 */
import { createHash } from 'crypto';
import { DesignDocument, DesignDocuments, DocColumn, DocLanguage, DocRow, DocTable } from './document';
import { MUTATION_SUITE, OUT_OF_SCOPE_MEASURES } from './evidence';
import { DescribedStack, describedNodes, Describes, describesOf } from './scope';
import { packageInfo } from '../cli/formats';
import { AcknowledgedFinding, Acknowledgement, applyAcknowledgements } from '../guard/acknowledge';
import { parsePrefix } from '../guard/address-space';
import { guardContext } from '../guard/check';
import { DeclaredFlow, DeclaredHost, DeclaredSegmentHost } from '../guard/declared';
import { carriedAt, describeElement } from '../guard/elements';
import { evaluateTopology } from '../guard/evaluate';
import {
  deref, describeRef, GraphNode, NetworkAclNode, nodesOf, Ref, rulesOf, SecurityGroupRule, TopologyGraph, VpcNode,
} from '../guard/graph';
import { Arrival } from '../guard/reachability';
import { Finding, findingText, GuardContext, Severity } from '../guard/rule';
import { ALL_RULES } from '../guard/rules';
import { proxyConfigs } from '../guard/rules/breakout-controls';
import { RULE_DOCUMENTATION } from '../guard/rules/catalogue';
import { arrivesAt, startingSubnets } from '../guard/rules/flows';
import { segmentOf } from '../guard/topology';
import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { BreakoutServiceProps, CloudServiceCategory } from '../model/cloud-service';
import { FLOW_KIND_JA, FlowKind } from '../model/flows';
import { GuardLanguage, TopologyGuardOptions } from '../model/guard-options';
import { ALPHA_PRIME_CASE_JA, MODEL_JA, NetworkModel } from '../model/network-model';
import { Segment, SEGMENT_JA } from '../model/segment';
import { Blueprint } from '../model/validate';
import { planOf } from '../plan/cache';

/** The guard's verdict split as `GuardOutcome` holds it. */
export interface DocsOutcome {
  readonly blocking: readonly Finding[];
  readonly warned: readonly Finding[];
  readonly acknowledged: readonly AcknowledgedFinding[];
}

/** A synthesized file whose exact bytes the documents fingerprint (SHA-256). */
export interface DocsTemplate {
  /** File name as the reader knows it (e.g. `AlphaStack.template.json`). */
  readonly name: string;
  /** The bytes as written (a string is taken as UTF-8). */
  readonly content: string | Uint8Array;
}

/** What the design documents are built from. */
export interface DesignDocumentsInput {
  /** The topology graph of what was synthesized (one stack, or the stacks linked by cross-stack references). */
  readonly graph: TopologyGraph;
  /** The stack (or guarded scope) described; names the files. */
  readonly stack: string;
  /** The model (and α′ case) the guard judged against. */
  readonly options: TopologyGuardOptions;
  /**
   * The guard's verdict on this stack, split as `GuardOutcome` (blocking / warned / acknowledged).
   * @default - from `findings` and `acknowledgements`, else the guard is run here on `graph`
   */
  readonly outcome?: DocsOutcome;
  /** Raw findings, split here with `acknowledgements` (ignored when `outcome` is given). @default - see `outcome` */
  readonly findings?: readonly Finding[];
  /** Acknowledgements applying to `findings` (or to the guard run here). @default none */
  readonly acknowledgements?: readonly Acknowledgement[];
  /** The declared flows (通信要件). @default none */
  readonly flows?: readonly DeclaredFlow[];
  /** The declared hosts of the segments. @default none */
  readonly hosts?: readonly DeclaredSegmentHost[];
  /**
   * The blueprint the network implements (validated already): flow purposes, VPN parameters, the α′ cloud services, and
   * the plan's reason for each route.
   * @default - none: what only the blueprint knows is written as not recorded
   */
  readonly blueprint?: MunicipalNetworkBlueprintProps;
  /** The synthesized files, fingerprinted in the evidence header. @default none */
  readonly templates?: readonly DocsTemplate[];
  /** @default 'ja' */
  readonly language?: DocLanguage;
  /**
   * The date printed (any text, e.g. `2026-04-01`).
   * @default - from SOURCE_DATE_EPOCH when set, else "not recorded"
   */
  readonly date?: string;
  /** The library version printed. @default - this package's version */
  readonly version?: string;
  /** The confidentiality label. @default '取扱注意' (ja) / 'Confidential — handle with care' (en) */
  readonly label?: string;
  /**
   * The stacks whose nodes the documents list and draw, when `graph` holds more (a CDK prefecture member's graph holds
   * the hub and every other member): the parameter sheet's rows and the diagram's boxes are those of these stacks; the
   * flows' paths are still followed through the whole graph, and what a listed element points at outside them (a route's
   * target) is still named. Lists of other elements in a cell (a hub route table's propagations) count those outside.
   * @default - every node of `graph`
   */
  readonly describedStacks?: readonly DescribedStack[];
  /**
   * `describedStacks` are every stack of the graph because which of them were guarded at synth is not recorded (a cloud
   * assembly without the guard's reports, read by `jichitai-network docs`): the evidence's scope says so.
   * @default false
   */
  readonly describedUnrecorded?: boolean;
}

type Words = Record<string, { ja: string; en: string }>;

const W = {
  notRecorded: { ja: '未記録', en: 'not recorded' },
  notRegistered: { ja: '未登録', en: 'not recorded' },
  none: { ja: 'なし', en: 'none' },
  yes: { ja: 'はい', en: 'yes' },
  no: { ja: 'いいえ', en: 'no' },
  all: { ja: 'すべて', en: 'all' },
  any: { ja: '任意', en: 'any' },
  carried: { ja: '疎通する', en: 'carried' },
  notCarried: { ja: '疎通しない', en: 'not carried' },
  blackhole: { ja: 'ブラックホール', en: 'blackhole' },
  inbound: { ja: 'インバウンド', en: 'inbound' },
  outbound: { ja: 'アウトバウンド', en: 'outbound' },
  allow: { ja: '許可', en: 'allow' },
  deny: { ja: '拒否', en: 'deny' },
  noReason: { ja: 'テンプレートに記録なし（利用者が追加した経路）', en: 'not recorded in the template (a route added outside the blueprint)' },
  noBlueprint: { ja: '未記録（設計図 blueprint なし。経路の理由はテンプレートに記録されない）', en: 'not recorded (no blueprint; templates do not record route reasons)' },
} satisfies Words;

/** Result codes of the 対応表 (stable in both languages; `data-result` carries them). */
export const RESULT = { PASS: 'PASS', FAIL: 'FAIL', WARNING: 'WARNING', ACKNOWLEDGED: 'ACKNOWLEDGED', OUT_OF_SCOPE: 'OUT_OF_SCOPE' } as const;

const RESULT_JA: Record<string, string> = {
  PASS: 'PASS（適合）', FAIL: 'FAIL（不適合）', WARNING: 'WARNING（警告）', ACKNOWLEDGED: 'ACKNOWLEDGED（承認済みの例外）', OUT_OF_SCOPE: '対象外（ネットワーク外の対策）',
};
const RESULT_EN: Record<string, string> = {
  PASS: 'PASS', FAIL: 'FAIL', WARNING: 'WARNING', ACKNOWLEDGED: 'ACKNOWLEDGED (exception accepted)', OUT_OF_SCOPE: 'OUT OF SCOPE (not a network measure)',
};

const FLOW_KIND_EN: Record<string, string> = {
  [FlowKind.SPECIFIC_COMMUNICATION]: 'specific communication (特定通信)',
  [FlowKind.SANITIZATION]: 'sanitization (無害化)',
  [FlowKind.SCREEN_TRANSFER]: 'screen transfer (画面転送)',
  [FlowKind.LGWAN_ASP]: 'LGWAN-ASP',
};

const ZONE_JA: Record<string, string> = {
  MY_NUMBER: SEGMENT_JA[Segment.MY_NUMBER],
  LGWAN: SEGMENT_JA[Segment.LGWAN],
  INTERNET: SEGMENT_JA[Segment.INTERNET],
  LGWAN_WAN: 'LGWAN（WAN）',
  SECURITY_CLOUD: '自治体情報セキュリティクラウド',
};

const CATEGORY_JA: Record<string, string> = {
  [CloudServiceCategory.IDENTITY]: '認証基盤',
  [CloudServiceCategory.COMMUNICATION_TOOL]: 'コミュニケーションツール',
  [CloudServiceCategory.SECURITY_UPDATE]: 'セキュリティ更新',
  [CloudServiceCategory.LICENSE]: 'ライセンス認証',
  [CloudServiceCategory.OTHER]: 'その他',
};

/** Build the design documents of one stack. Pure: the same input gives the same documents. */
export function buildDesignDocuments(input: DesignDocumentsInput): DesignDocuments {
  const lang: DocLanguage = input.language ?? 'ja';
  const t = (w: { ja: string; en: string }) => w[lang];
  const b = new Builder(input, lang);
  const outcome = b.outcome;
  const model = `${MODEL_JA[input.options.model]}${input.options.alphaPrimeCase ? ` ${ALPHA_PRIME_CASE_JA[input.options.alphaPrimeCase]}` : ''}`;
  const modelText = lang === 'ja' ? model : `${input.options.model}${input.options.alphaPrimeCase ? ` ${input.options.alphaPrimeCase}` : ''} (${model})`;
  const verdict = outcome.blocking.length > 0
    ? (lang === 'ja' ? `拒否（ブロッキングな指摘 ${outcome.blocking.length} 件）` : `refused (${outcome.blocking.length} blocking finding(s))`)
    : (lang === 'ja' ? '適合' : 'complies');
  const suite = MUTATION_SUITE;
  const tally = lang === 'ja'
    ? `CDK: ${suite.cdk.mutations} 種の変更 × 例 = ${suite.cdk.cases} ケース、CDKTF: ${suite.cdktf.mutations} 種 = ${suite.cdktf.cases} ケース（すべて該当ルールで拒否されることをテストで確認）`
    : `CDK: ${suite.cdk.mutations} changes, ${suite.cdk.cases} cases over the examples; CDKTF: ${suite.cdktf.mutations} changes, ${suite.cdktf.cases} cases (each must be refused by its rule)`;
  const facts = [
    { key: 'stack', label: lang === 'ja' ? 'スタック' : 'Stack', value: input.stack },
    ...(input.describedStacks ? [{
      key: 'scope',
      label: lang === 'ja' ? '記載範囲' : 'Scope',
      value: `${uniqueSorted(input.describedStacks.map((s) => s.name)).join(', ')}${input.describedUnrecorded
        ? (lang === 'ja'
          ? '（合成時にどのスタックがガードされたかの記録（jichitai-guard-report.<stack>.json）がないため、接続されたすべてのスタックを記載）'
          : ' (no guard report, jichitai-guard-report.<stack>.json, records which stacks were guarded at synth: every connected stack is described)')
        : (lang === 'ja'
          ? '（接続された他のスタックは、通信経路と参照先の名前のみ記載）'
          : ' (other connected stacks appear only on flow paths and as named targets)')}`,
    }] : []),
    { key: 'municipality', label: lang === 'ja' ? '団体名' : 'Municipality', value: input.blueprint?.municipality ?? t(W.notRecorded) },
    { key: 'engine', label: lang === 'ja' ? '生成エンジン' : 'Engine', value: input.graph.engine === 'cloudformation' ? 'AWS CloudFormation' : 'Terraform' },
    { key: 'model', label: lang === 'ja' ? 'モデル' : 'Model', value: modelText },
    { key: 'verdict', label: lang === 'ja' ? 'ガードの判定' : 'Guard verdict', value: verdict },
    { key: 'version', label: lang === 'ja' ? 'ライブラリのバージョン' : 'Library version', value: `jichitai-network ${input.version ?? packageInfo().version}` },
    { key: 'date', label: lang === 'ja' ? '作成日' : 'Date', value: documentDate(input.date) ?? t(W.notRecorded) },
    ...[...(input.templates ?? [])].sort((x, y) => cmp(x.name, y.name)).map((f) => ({
      key: `sha256:${f.name}`, label: `SHA-256 ${f.name}`, value: sha256(f.content),
    })),
    { key: 'mutations', label: lang === 'ja' ? 'ミューテーションテスト' : 'Mutation suite', value: tally },
  ];
  const documents: DesignDocument[] = [
    { id: 'flows', title: lang === 'ja' ? '通信要件一覧（通信マトリクス）' : 'Communication matrix (通信要件一覧)', tables: [b.flowTable()] },
    {
      id: 'parameters',
      title: lang === 'ja' ? 'パラメータシート' : 'Parameter sheet (パラメータシート)',
      tables: [b.vpcTable(), b.subnetTable(), b.routeTable(), b.transitTable(), b.vpnTable(), b.securityGroupTable(), b.naclTable(),
        b.dnsTable(), b.networkFirewallTable(), b.squidTable()],
    },
    ...(input.options.model === NetworkModel.ALPHA_PRIME ? [{
      id: 'cloud-services',
      title: lang === 'ja' ? '接続先クラウドサービス一覧' : 'Cloud services reached (接続先クラウドサービス一覧)',
      tables: [b.cloudServiceTable(), b.tenantTable()],
    }] : []),
    {
      id: 'compliance',
      title: lang === 'ja' ? 'ガイドライン対応表（監査証跡）' : 'Guideline conformance (ガイドライン対応表) and audit evidence',
      tables: [b.evidenceTable(facts), b.ruleTable(), b.outOfScopeTable()],
    },
  ];
  const municipality = input.blueprint?.municipality;
  return {
    language: lang,
    title: `${lang === 'ja' ? '設計書' : 'Design documents'}${municipality ? ` — ${municipality}` : ''} (${input.stack})`,
    stack: input.stack,
    label: input.label ?? (lang === 'ja' ? '取扱注意' : 'Confidential — handle with care'),
    facts,
    documents,
  };
}

/** The date to print: the caller's, else SOURCE_DATE_EPOCH's (reproducible builds), else none. Never the clock. */
function documentDate(given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || !/^\d+$/.test(epoch.trim())) return undefined;
  return new Date(Number(epoch.trim()) * 1000).toISOString().slice(0, 10);
}

function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(typeof content === 'string' ? Buffer.from(content, 'utf8') : content).digest('hex');
}

/** Code-unit order, the same on every machine (never locale-dependent). */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(cmp);
}

/** `tcp/443`, `udp/3478-3481` (blueprints read from JSON hold plain objects, not `Port`s). */
function portText(p: { readonly protocol: string; readonly fromPort: number; readonly toPort: number }): string {
  const protocol = String(p.protocol).toLowerCase();
  return p.fromPort === p.toPort ? `${protocol}/${p.fromPort}` : `${protocol}/${p.fromPort}-${p.toPort}`;
}

function row(cells: readonly string[], attributes: Record<string, string> = {}): DocRow {
  return { cells, attributes };
}

/** Rows sorted by their cells, for tables without a natural order. */
function sortRows(rows: DocRow[]): DocRow[] {
  return rows.sort((a, b) => cmp(a.cells.join('\u0000'), b.cells.join('\u0000')));
}

class Builder {
  public readonly outcome: DocsOutcome;
  private readonly graph: TopologyGraph;
  /** Whether the documents list a node (see `describedStacks`); paths and names use the whole graph. */
  private readonly describes: Describes;
  private readonly ctx: GuardContext;
  private readonly blueprint?: Blueprint;
  private readonly flowPurpose = new Map<string, string>();

  constructor(private readonly input: DesignDocumentsInput, private readonly lang: DocLanguage) {
    this.graph = input.graph;
    this.describes = describesOf(input.describedStacks);
    // The same context as the guard's (declared hosts' blocks as classes of their own), for the flows' evidence.
    this.ctx = guardContext(input.graph, input.options, { flows: input.flows ?? [], hosts: input.hosts ?? [] });
    this.outcome = input.outcome ?? this.judge();
    if (input.blueprint) {
      this.blueprint = Blueprint.validate(input.blueprint);
      for (const f of input.blueprint.flows ?? []) if (f.purpose !== undefined) this.flowPurpose.set(f.name, f.purpose);
    }
  }

  private judge(): DocsOutcome {
    if (this.input.findings) {
      const { blocking: open, acknowledged } = applyAcknowledgements([...this.input.findings], this.input.acknowledgements ?? []);
      const warning = (f: Finding) => f.severity === Severity.WARNING;
      return { blocking: open.filter((f) => !warning(f)), warned: open.filter(warning), acknowledged };
    }
    // No verdict given: run the guard, so that a PASS is never printed for a rule that did not run.
    const o = evaluateTopology(this.input.stack, this.graph, this.input.options, this.input.acknowledgements ?? [],
      { flows: this.input.flows, hosts: this.input.hosts });
    return { blocking: o.blocking, warned: o.warned, acknowledged: o.acknowledged };
  }

  private t(w: { ja: string; en: string }): string {
    return w[this.lang];
  }

  /** The documents' language as the guard names it (findings carry their text in both). */
  private guardLanguage(): GuardLanguage {
    return this.ja() ? GuardLanguage.JAPANESE : GuardLanguage.ENGLISH;
  }

  private ja(): boolean {
    return this.lang === 'ja';
  }

  private cols(spec: readonly [string, string, string][]): DocColumn[] {
    return spec.map(([key, ja, en]) => ({ key, header: this.ja() ? ja : en }));
  }

  private name(id: string | undefined): string {
    if (id === undefined) return this.t(W.notRecorded);
    return this.graph.nodes.get(id)?.path ?? id;
  }

  private ref(r: Ref | undefined): string {
    if (!r) return this.t(W.none);
    return r.kind === 'node' ? this.name(r.id) : describeRef(r);
  }

  /** The nodes of a type that the documents list (all of them unless `describedStacks` says otherwise). */
  private listedNodes<K extends GraphNode['type']>(type: K): Extract<GraphNode, { type: K }>[] {
    return describedNodes(this.graph, type, this.describes);
  }

  /**
   * A cell's list of other elements (by graph id or reference), as `text` names them, sorted: those outside the described
   * stacks are counted, not named (the hub's route table propagates every member's attachment).
   */
  private listOf<T extends string | Ref | GraphNode>(items: readonly T[], text: (item: T) => string): string[] {
    const listed = (item: T) => {
      const it: string | Ref | GraphNode = item;
      if (typeof it !== 'string' && 'type' in it) return this.describes(it);
      const id = typeof it === 'string' ? it : it.kind === 'node' ? it.id : undefined;
      const n = id === undefined ? undefined : this.graph.nodes.get(id);
      return n === undefined || this.describes(n);
    };
    const inside = items.filter(listed);
    const others = items.length - inside.length;
    return [...inside.map(text).sort(cmp), ...(others > 0 ? [this.ja() ? `ほか ${others} 件（この設計書の対象外）` : `${others} more outside these documents`] : [])];
  }

  private zone(zone: string): string {
    return this.ja() ? ZONE_JA[zone] ?? zone : zone;
  }

  private segment(s: Segment | undefined): string {
    if (s === undefined) return this.t(W.notRecorded);
    return this.ja() ? SEGMENT_JA[s] : s;
  }

  private protocol(p: string): string {
    return p === '-1' ? this.t(W.all) : p;
  }

  private ports(from: number | undefined, to: number | undefined, protocol: string): string {
    if (protocol === '-1' || protocol === 'icmp') return this.t(W.all);
    if (from === undefined && to === undefined) return this.t(W.all);
    return from === to ? String(from) : `${from ?? 0}-${to ?? 65535}`;
  }

  // --- 通信要件一覧 -------------------------------------------------------------------------------------------------

  public flowTable(): DocTable {
    const columns = this.cols([
      ['name', '通信名', 'Flow'], ['kind', '種別', 'Kind'], ['from', '送信元', 'From'], ['from-zone', '送信元の系', 'From zone'],
      ['to', '宛先', 'To'], ['to-zone', '宛先の系', 'To zone'], ['ports', 'プロトコル/ポート', 'Protocol/ports'], ['purpose', '目的', 'Purpose'],
      ['carried', '疎通（FLOW-1）', 'Carried (FLOW-1)'], ['routes', '経路（ルート・TGW）', 'Path (routes, transit gateway)'],
      ['filters', 'セキュリティグループ・NACL', 'Security groups, NACLs'], ['firewalls', 'ファイアウォール', 'Firewalls'],
    ]);
    const flow1 = [...this.outcome.blocking, ...this.outcome.warned, ...this.outcome.acknowledged.map((a) => a.finding)].filter((f) => f.ruleId === 'FLOW-1');
    const rows = [...(this.input.flows ?? [])].sort((a, b) => cmp(a.name, b.name)).map((f) => {
      const problem = flow1.find((x) => x.message.includes(`declared flow "${f.name}" (`));
      const evidence = problem ? undefined : this.flowEvidence(f);
      const carried = !problem && evidence !== undefined && evidence.routes.length > 0;
      const host = (h: DeclaredHost) => `${h.name} (${h.cidrs.join(', ')})`;
      const kind = this.ja() ? FLOW_KIND_JA[f.kind as FlowKind] ?? f.kind : FLOW_KIND_EN[f.kind] ?? f.kind;
      return row([
        f.name, kind, host(f.from), this.zone(f.from.zone), host(f.to), this.zone(f.to.zone),
        f.ports.map((p) => `${p.protocol} ${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}`).join(', '),
        this.flowPurpose.get(f.name) ?? this.t(W.notRecorded),
        carried ? this.t(W.carried) : `${this.t(W.notCarried)}${problem ? `: ${findingText(problem, this.guardLanguage()).message}` : ''}`,
        (evidence?.routes ?? []).join('\n'), (evidence?.filters ?? []).join('\n'), (evidence?.firewalls ?? []).join('\n') || this.t(W.none),
      ], { 'flow': f.name, 'carried': carried ? 'yes' : 'no', 'from-zone': f.from.zone, 'to-zone': f.to.zone });
    });
    const notes = [
      this.ja()
        ? '疎通は FLOW-1（宣言した通信が双方向で端から端まで通ること）の判定。経路は厳密な到達性解析が要求方向で辿った各ホップ（ルートテーブルの経路、Transit Gateway のルート・関連付け・伝播）。'
        : 'Carried is FLOW-1\'s verdict (the declared flow works end to end, both ways). The path is each hop the exact reachability analysis took for the request (route table routes, transit gateway routes, associations, propagations).',
      ...(this.input.flows?.length ? [] : [this.ja() ? '宣言された通信はありません（設計図 blueprint を指定すると一覧になります）。' : 'No flows are declared (give the blueprint to list them).']),
    ];
    return { id: 'flows', title: this.ja() ? '通信要件一覧' : 'Communication matrix', columns, rows, notes };
  }

  /** The path of a declared flow's request, from the reachability engine, with the filters on it. */
  private flowEvidence(f: DeclaredFlow): { routes: string[]; filters: string[]; firewalls: string[] } | undefined {
    const reach = this.ctx.reach;
    const routes = new Set<string>();
    const crossed = new Set<string>();
    const firewalls = new Set<string>();
    for (const s of f.from.cidrs) {
      const sp = parsePrefix(s);
      if (!sp) return undefined;
      for (const d of f.to.cidrs) {
        const probes: Arrival[][] = [];
        const arrived = arrivesAt(this.ctx, f.to, d);
        const starting = startingSubnets(this.ctx, f.from, sp);
        if (starting) {
          // As FLOW-1 probes it: from every subnet of the segment (or the hub) holding part of the host's block.
          for (const { t: sub, p } of starting) {
            const headers = reach.headersFor(p.length >= sp.length ? (sub.cidr ?? sub.ipv6Cidr)! : s, d, f.ports);
            if (headers) probes.push(reach.probeFromSubnet(sub.id, headers).arrivals);
          }
        } else {
          const headers = reach.headersFor(s, d, f.ports);
          if (headers) probes.push(reach.probeFromZone(f.from.zone, headers).arrivals);
        }
        for (const a of probes.flat().filter(arrived)) {
          const steps = reach.steps(a);
          steps.forEach((step, i) => {
            const elements = carriedAt(this.graph, steps, i).map((e) => describeElement(this.graph, e));
            if (step.kind === 'route' || step.kind === 'tgw-route') routes.add(elements[0] ?? step.label);
            else elements.forEach((e) => routes.add(e));
            if (step.kind === 'subnet') crossed.add(step.node);
          });
          if (a.end.kind === 'subnet') crossed.add(a.end.subnet);
          a.firewalls.forEach((fw) => firewalls.add(this.name(fw)));
        }
      }
    }
    const filters = new Set<string>();
    for (const h of [f.from, f.to]) {
      // The described stacks' groups: another member's host of the same name is not this flow's.
      for (const g of this.listedNodes('security-group').filter((x) => x.tags['jichitai:host'] === h.name)) {
        filters.add(`${this.ja() ? 'SG' : 'security group'} ${this.name(g.id)} (${h.name})`);
      }
    }
    for (const acl of nodesOf(this.graph, 'network-acl')) {
      if (acl.subnets.some((s) => crossed.has(s)) && acl.entries.length > 0 && !acl.default) filters.add(`NACL ${this.name(acl.id)}`);
    }
    return { routes: uniqueSorted(routes), filters: uniqueSorted(filters), firewalls: uniqueSorted(firewalls) };
  }

  // --- パラメータシート ---------------------------------------------------------------------------------------------

  public vpcTable(): DocTable {
    const columns = this.cols([['vpc', 'VPC', 'VPC'], ['segment', '系', 'Segment'], ['cidrs', 'CIDR', 'CIDRs']]);
    const rows = this.listedNodes('vpc').map((v) => row([this.name(v.id), this.segment(v.segment), v.cidrs.join('\n') || this.t(W.notRecorded)],
      { segment: v.segment ?? 'none', vpc: v.id }));
    return { id: 'parameters-vpcs', title: this.ja() ? 'VPC と CIDR' : 'VPCs and CIDRs', columns, rows: sortRows(rows), notes: [] };
  }

  public subnetTable(): DocTable {
    const columns = this.cols([
      ['subnet', 'サブネット', 'Subnet'], ['segment', '系', 'Segment'], ['vpc', 'VPC', 'VPC'], ['az', 'AZ', 'AZ'],
      ['cidr', 'IPv4 CIDR', 'IPv4 CIDR'], ['ipv6', 'IPv6 CIDR', 'IPv6 CIDR'], ['route-table', 'ルートテーブル', 'Route table'], ['nacl', 'NACL', 'NACL'],
    ]);
    const tables = nodesOf(this.graph, 'route-table');
    const acls = nodesOf(this.graph, 'network-acl');
    const rows = this.listedNodes('subnet').map((s) => {
      const seg = segmentOf(this.graph, s);
      const own = tables.filter((rt) => rt.subnets.includes(s.id)).map((rt) => this.name(rt.id));
      const nacl = acls.filter((a) => a.subnets.includes(s.id)).map((a) => this.name(a.id));
      return row([
        this.name(s.id), this.segment(seg), this.ref(s.vpc), s.availabilityZone ?? this.t(W.notRecorded), s.cidr ?? this.t(W.notRecorded),
        s.ipv6Cidr ?? (s.ipv6FromVpc ? (this.ja() ? 'VPC の IPv6 ブロックから' : 'from the VPC\'s IPv6 block') : this.t(W.none)),
        own.join('\n') || (this.ja() ? 'メインルートテーブル' : 'main route table'), nacl.join('\n') || (this.ja() ? '既定の NACL' : 'default NACL'),
      ], { segment: seg ?? 'none', cidr: s.cidr ?? '' });
    });
    return { id: 'parameters-subnets', title: this.ja() ? 'サブネット' : 'Subnets', columns, rows: sortRows(rows), notes: [] };
  }

  /** The plan's reasons by route table key (`<segment label>/RouteTable-<key>` or `Transit/RouteTable-<zone>`) and destination. */
  private planReasons(): Map<string, string> | undefined {
    if (!this.blueprint) return undefined;
    const plan = planOf(this.blueprint);
    const out = new Map<string, string>();
    for (const s of plan.segments) for (const t of s.routeTables) for (const r of t.routes) out.set(`${s.label}/RouteTable-${t.key}|${r.destination}`, r.reason);
    for (const t of plan.transitGateway.routeTables) for (const r of t.routes) out.set(`Transit/RouteTable-${t.zone}|${r.destination}`, r.reason);
    return out;
  }

  /** The plan's reason of a route of a table (matched by the table's construct path and the destination). */
  private reasonOf(reasons: Map<string, string> | undefined, table: GraphNode, destination: string): string {
    if (!reasons) return this.t(W.noBlueprint);
    const path = table.path ?? '';
    for (const [key, reason] of reasons) {
      const [suffix, dest] = key.split('|');
      if (dest === destination && (path.endsWith(`/${suffix}`) || path === suffix)) return reason;
    }
    return this.t(W.noReason);
  }

  public routeTable(): DocTable {
    const columns = this.cols([
      ['table', 'ルートテーブル', 'Route table'], ['segment', '系', 'Segment'], ['subnets', '関連付けたサブネット', 'Associated subnets'],
      ['destination', '宛先', 'Destination'], ['target-type', 'ターゲット種別', 'Target type'], ['target', 'ターゲット', 'Target'], ['reason', '理由', 'Reason'],
    ]);
    const reasons = this.planReasons();
    const rows: DocRow[] = [];
    for (const rt of this.listedNodes('route-table')) {
      const vpc = deref<VpcNode>(this.graph, rt.vpc);
      const subnets = this.listOf(rt.subnets, (s) => this.name(s)).join('\n') || (rt.main ? (this.ja() ? '（メイン: 関連付けのないサブネット）' : '(main: subnets without an association)') : this.t(W.none));
      const local = (vpc?.cidrs ?? []).map((c) => ({ destination: c, target: 'local', ref: this.ja() ? 'VPC 内' : 'within the VPC', reason: this.ja() ? 'VPC 内（AWS の local ルート）' : 'within the VPC (AWS local route)' }));
      const routes = [
        ...local,
        ...rt.routes.map((r) => ({
          destination: r.destination, target: r.target as string, ref: this.ref(r.ref), reason: this.reasonOf(reasons, rt, r.destination),
        })),
        ...rt.gatewayEndpoints.map((e) => ({ destination: this.ja() ? 'プレフィックスリスト' : 'prefix list', target: 'vpc-endpoint', ref: this.name(e), reason: this.ja() ? 'ゲートウェイエンドポイント' : 'gateway endpoint' })),
      ];
      for (const r of routes) {
        rows.push(row([this.name(rt.id), this.segment(vpc?.segment), subnets, r.destination, r.target, r.ref, r.reason],
          { segment: vpc?.segment ?? 'none', table: rt.id }));
      }
      if (routes.length === 0) rows.push(row([this.name(rt.id), this.segment(vpc?.segment), subnets, this.t(W.none), '', '', ''], { segment: vpc?.segment ?? 'none', table: rt.id }));
    }
    const notes = [this.blueprint
      ? (this.ja() ? '理由は設計図（blueprint）から計画した経路の理由。CloudFormation / Terraform の経路にはタグも説明もないため、テンプレート自体には記録されない。'
        : 'Reasons are those of the plan computed from the blueprint; routes carry no tags or descriptions in CloudFormation / Terraform, so the templates do not record them.')
      : (this.ja() ? '経路の理由はテンプレートに記録されないため、設計図（blueprint）を指定した場合のみ記載する。' : 'Route reasons are not recorded in templates; they are listed only when the blueprint is given.')];
    return { id: 'parameters-routes', title: this.ja() ? 'ルートテーブルと経路' : 'Route tables and routes', columns, rows: sortRows(rows), notes };
  }

  public transitTable(): DocTable {
    const columns = this.cols([
      ['gateway', 'Transit Gateway', 'Transit gateway'], ['table', 'TGW ルートテーブル', 'TGW route table'], ['associations', '関連付け', 'Associations'],
      ['propagations', '伝播', 'Propagations'], ['destination', '宛先', 'Destination'], ['target', 'ターゲット', 'Target'], ['reason', '理由', 'Reason'],
    ]);
    const reasons = this.planReasons();
    const rows: DocRow[] = [];
    for (const gw of this.listedNodes('transit-gateway')) {
      const settings = this.ja()
        ? `既定ルートテーブルへの関連付け: ${gw.defaultRouteTableAssociation ? '有効' : '無効'}、伝播: ${gw.defaultRouteTablePropagation ? '有効' : '無効'}`
        : `default route table association: ${gw.defaultRouteTableAssociation ? 'enabled' : 'disabled'}, propagation: ${gw.defaultRouteTablePropagation ? 'enabled' : 'disabled'}`;
      rows.push(row([this.name(gw.id), this.ja() ? '（設定）' : '(settings)', '', '', settings, '', ''], { gateway: gw.id }));
    }
    for (const tt of this.listedNodes('transit-route-table')) {
      const assoc = this.listOf(tt.associations, (r) => this.attachmentText(r)).join('\n') || this.t(W.none);
      const prop = this.listOf(tt.propagations, (r) => this.attachmentText(r)).join('\n') || this.t(W.none);
      const routes = [...tt.routes].sort((a, b) => cmp(a.destination, b.destination));
      for (const r of routes) {
        rows.push(row([this.ref(tt.transitGateway), this.name(tt.id), assoc, prop, r.destination,
          r.blackhole ? this.t(W.blackhole) : this.attachmentText(r.attachment), this.reasonOf(reasons, tt, r.destination)], { table: tt.id }));
      }
      if (routes.length === 0) rows.push(row([this.ref(tt.transitGateway), this.name(tt.id), assoc, prop, this.t(W.none), '', ''], { table: tt.id }));
    }
    return { id: 'parameters-transit', title: this.ja() ? 'Transit Gateway とルートテーブル' : 'Transit gateway and route tables', columns, rows: sortRows(rows), notes: [] };
  }

  private attachmentText(r: Ref | undefined): string {
    const a = deref(this.graph, r);
    if (a?.type === 'transit-attachment') {
      const where = a.kind === 'vpc' ? this.ref(a.vpc) : a.zone ? this.zone(a.zone) : a.kind;
      return `${this.name(a.id)} (${a.kind}: ${where})`;
    }
    return this.ref(r);
  }

  public vpnTable(): DocTable {
    const columns = this.cols([
      ['connection', '接続', 'Connection'], ['kind', '種別', 'Kind'], ['zone', '接続先', 'Leads to'],
      ['customer-gateway', 'カスタマーゲートウェイ IP', 'Customer gateway IP'], ['asn', 'BGP ASN', 'BGP ASN'], ['attachment-id', '既存アタッチメント ID', 'Existing attachment ID'],
    ]);
    const bp = this.input.blueprint;
    const connectionOf = (zone: string | undefined) => (zone === 'LGWAN_WAN' ? bp?.lgwan.connection : zone === 'SECURITY_CLOUD' ? bp?.internet?.securityCloud : undefined);
    const rows: DocRow[] = [];
    for (const a of this.listedNodes('transit-attachment').filter((x) => x.kind !== 'vpc')) {
      const c = connectionOf(a.zone);
      rows.push(row([this.name(a.id), a.kind, a.zone ? this.zone(a.zone) : this.t(W.notRecorded), c?.customerGatewayIp ?? this.t(W.notRecorded),
        c?.customerGatewayIp ? String(c.customerGatewayAsn ?? 65000) : this.t(W.notRecorded), c?.attachmentId ?? this.t(W.none)], { zone: a.zone ?? 'none' }));
    }
    for (const g of this.listedNodes('vpn-gateway')) {
      rows.push(row([this.name(g.id), 'vpn-gateway', g.zones.map((z) => this.zone(z)).join(', ') || this.t(W.notRecorded), this.t(W.notRecorded), this.t(W.notRecorded), this.t(W.none)], { zone: g.zones.join(',') }));
    }
    // Attachments that exist outside the template (an existing Direct Connect or peering) are named by id only.
    for (const [zone, c] of [['LGWAN_WAN', bp?.lgwan.connection], ['SECURITY_CLOUD', bp?.internet?.securityCloud]] as const) {
      if (c?.attachmentId) rows.push(row([c.attachmentId, this.ja() ? '既存アタッチメント' : 'existing attachment', this.zone(zone), this.t(W.none), this.t(W.none), c.attachmentId], { zone }));
    }
    const notes = [this.ja() ? 'カスタマーゲートウェイの IP と ASN は設計図（blueprint）から。事前共有鍵はテンプレートにも本書にも含めない。'
      : 'Customer gateway IP and ASN come from the blueprint. Pre-shared keys are in neither the templates nor these documents.'];
    return { id: 'parameters-vpn', title: this.ja() ? 'VPN・外部接続' : 'VPN and external connections', columns, rows: sortRows(rows), notes };
  }

  public securityGroupTable(): DocTable {
    const columns = this.cols([
      ['group', 'セキュリティグループ', 'Security group'], ['vpc', 'VPC', 'VPC'], ['host', 'ホスト', 'Host'], ['direction', '方向', 'Direction'],
      ['protocol', 'プロトコル', 'Protocol'], ['ports', 'ポート', 'Ports'], ['peer', '相手', 'Peer'],
    ]);
    const rows: DocRow[] = [];
    const peer = (r: SecurityGroupRule) => r.cidr ?? (r.peerGroup ? `SG ${this.ref(r.peerGroup)}` : r.prefixList ? `pl ${r.prefixList}` : this.t(W.any));
    for (const g of this.listedNodes('security-group')) {
      const host = g.tags['jichitai:host'] ?? '';
      const vpc = this.ref(g.vpc);
      const rules = [
        ...rulesOf(this.graph, g, false).map((r) => ({ r, dir: this.t(W.inbound) })),
        ...rulesOf(this.graph, g, true).map((r) => ({ r, dir: this.t(W.outbound) })),
      ];
      for (const { r, dir } of rules) {
        const cells = [this.name(g.id), vpc, host, dir, this.protocol(r.protocol), this.ports(r.fromPort, r.toPort, r.protocol), peer(r)];
        rows.push(row(cells, { group: g.id }));
      }
      if (rules.length === 0) rows.push(row([this.name(g.id), vpc, host, this.t(W.none), '', '', ''], { group: g.id }));
    }
    return { id: 'parameters-security-groups', title: this.ja() ? 'セキュリティグループ' : 'Security groups', columns, rows: sortRows(rows), notes: [] };
  }

  public naclTable(): DocTable {
    const columns = this.cols([
      ['acl', 'NACL', 'Network ACL'], ['subnets', 'サブネット', 'Subnets'], ['rule', 'ルール番号', 'Rule number'], ['direction', '方向', 'Direction'],
      ['action', '動作', 'Action'], ['protocol', 'プロトコル', 'Protocol'], ['ports', 'ポート', 'Ports'], ['cidr', 'CIDR', 'CIDR'],
    ]);
    const rows: DocRow[] = [];
    const acls = this.listedNodes('network-acl').filter((a: NetworkAclNode) => !a.default || a.subnets.length > 0 || a.entries.length > 0);
    for (const a of acls) {
      const subnets = this.listOf(a.subnets, (s) => this.name(s)).join('\n') || this.t(W.none);
      const entries = [...a.entries].sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber);
      for (const e of entries) {
        rows.push(row([this.name(a.id), subnets, String(e.ruleNumber), e.egress ? this.t(W.outbound) : this.t(W.inbound), e.action === 'allow' ? this.t(W.allow) : this.t(W.deny),
          this.protocol(e.protocol), this.ports(e.fromPort, e.toPort, e.protocol), e.cidr ?? this.t(W.any)], { acl: a.id }));
      }
      if (entries.length === 0) rows.push(row([this.name(a.id), subnets, '', '', a.default ? (this.ja() ? 'すべて許可（既定）' : 'allow all (default)') : this.t(W.none), '', '', ''], { acl: a.id }));
    }
    return { id: 'parameters-nacls', title: this.ja() ? 'ネットワーク ACL' : 'Network ACLs', columns, rows, notes: [this.ja() ? '各方向の最後に暗黙の「すべて拒否」がある。' : 'Each direction ends in an implicit "deny all".'] };
  }

  public dnsTable(): DocTable {
    const columns = this.cols([
      ['rule-group', 'DNS Firewall ルールグループ', 'DNS Firewall rule group'], ['vpcs', '関連付けた VPC', 'Associated VPCs'], ['priority', '優先度', 'Priority'],
      ['action', '動作', 'Action'], ['list', 'ドメインリスト', 'Domain list'], ['domains', 'ドメイン', 'Domains'],
    ]);
    const rows: DocRow[] = [];
    const associations = nodesOf(this.graph, 'dns-association');
    for (const g of this.listedNodes('dns-rule-group')) {
      // An association lies in the stack of its VPC (a member may associate the hub's group): counted when outside.
      const vpcs = this.listOf(associations.filter((a) => a.ruleGroup.kind === 'node' && a.ruleGroup.id === g.id), (a) => this.ref(a.vpc)).join('\n') || this.t(W.none);
      for (const r of [...g.rules].sort((a, b) => a.priority - b.priority)) {
        const list = deref(this.graph, r.domainList);
        const domains = list?.type === 'dns-domain-list' ? [...list.domains].sort(cmp).join('\n') : this.t(W.notRecorded);
        rows.push(row([this.name(g.id), vpcs, String(r.priority), r.action, this.ref(r.domainList), domains], { 'rule-group': g.id }));
      }
    }
    for (const c of this.listedNodes('dns-firewall-config')) {
      const open = c.failOpen === undefined ? this.t(W.notRecorded) : c.failOpen ? 'fail open' : 'fail closed';
      rows.push(row([this.name(c.id), this.ref(c.vpc), '', this.ja() ? `障害時の動作: ${open}` : `on failure: ${open}`, '', ''], {}));
    }
    return { id: 'parameters-dns-firewall', title: this.ja() ? 'DNS Firewall' : 'DNS Firewall', columns, rows, notes: [] };
  }

  public networkFirewallTable(): DocTable {
    const columns = this.cols([
      ['firewall', 'ファイアウォール', 'Firewall'], ['vpc', 'VPC', 'VPC'], ['policy', 'ポリシー', 'Policy'], ['defaults', '既定の動作', 'Default actions'],
      ['rule-group', 'ルールグループ', 'Rule group'], ['priority', '優先度', 'Priority'], ['rules', 'ルール', 'Rules'],
    ]);
    const rows: DocRow[] = [];
    for (const fw of this.listedNodes('firewall')) {
      const policy = deref(this.graph, fw.policy);
      const p = policy?.type === 'firewall-policy' ? policy : undefined;
      const defaults = p ? `stateless: ${p.statelessDefaultActions.join(', ') || '-'}; stateful: ${p.statefulDefaultActions.join(', ') || '-'}; ${p.ruleOrder}` : this.t(W.notRecorded);
      const groups = p?.ruleGroups ?? [];
      groups.forEach((g, i) => {
        const node = deref(this.graph, g);
        const rules = node?.type === 'rule-group'
          ? node.domainList ? `${node.domainList.generatedRulesType} ${node.domainList.targetTypes.join('/')}:\n${[...node.domainList.targets].sort(cmp).join('\n')}` : node.rulesString ?? this.t(W.notRecorded)
          : this.t(W.notRecorded);
        rows.push(row([this.name(fw.id), this.ref(fw.vpc), this.ref(fw.policy), defaults, this.ref(g), p?.ruleGroupPriorities[i] === undefined ? '' : String(p.ruleGroupPriorities[i]), rules], { firewall: fw.id }));
      });
      if (groups.length === 0) rows.push(row([this.name(fw.id), this.ref(fw.vpc), this.ref(fw.policy), defaults, this.t(W.none), '', ''], { firewall: fw.id }));
    }
    return { id: 'parameters-network-firewall', title: this.ja() ? 'Network Firewall' : 'Network Firewall', columns, rows, notes: [] };
  }

  public squidTable(): DocTable {
    const columns = this.cols([['proxy', 'プロキシ（起動スクリプト）', 'Proxy (boot script)'], ['item', '項目', 'Item'], ['value', '設定', 'Setting']]);
    const rows: DocRow[] = [];
    const shown = ['http_port', 'https_port', 'ssl_bump', 'http_access', 'request_header_access', 'request_header_add', 'http_reply_access',
      'icap_service', 'icap_enable', 'adaptation_access', 'sslproxy_cert_error', 'tls_outgoing_options', 'access_log'];
    for (const { node, conf } of proxyConfigs(this.graph).filter((c) => this.describes(c.node))) {
      const proxy = this.name(node.id);
      for (const [name, lines] of [...conf.acls].sort((a, b) => cmp(a[0], b[0]))) {
        for (const l of lines) rows.push(row([proxy, `acl ${name} ${l.type}`, [...l.flags, ...l.values].join(' ')], { item: 'acl' }));
      }
      for (const d of conf.directives.filter((x) => shown.includes(x[0]))) rows.push(row([proxy, d[0], d.slice(1).join(' ')], { item: d[0] }));
      const domains = uniqueSorted([...conf.acls.values()].flat().filter((l) => l.type === 'dstdomain' || l.type === 'ssl::server_name').flatMap((l) => l.values));
      rows.push(row([proxy, this.ja() ? '許可ドメイン（dstdomain / ssl::server_name の ACL）' : 'domains (dstdomain / ssl::server_name ACLs)', domains.join('\n') || this.t(W.none)], { item: 'domains' }));
    }
    const notes = [this.ja()
      ? '合成結果の起動スクリプト（user data）にある squid.conf を、ガードのルール（AP-3〜AP-6）と同じ読み取りで要約した。設定の順序は squid.conf のとおり。'
      : 'The squid.conf in the synthesized boot scripts (user data), read as the guard rules AP-3 to AP-6 read it; directives in squid.conf order.'];
    return { id: 'parameters-squid', title: this.ja() ? 'プロキシ（Squid）設定の要約' : 'Proxy (Squid) configuration summary', columns, rows, notes };
  }

  // --- 接続先クラウドサービス一覧 -------------------------------------------------------------------------------

  private services(): BreakoutServiceProps[] {
    return [...(this.input.blueprint?.breakout?.services ?? [])].sort((a, b) => cmp(a.service.id, b.service.id));
  }

  public cloudServiceTable(): DocTable {
    const columns = this.cols([
      ['id', 'ID', 'ID'], ['name', 'サービス', 'Service'], ['category', '区分', 'Category'], ['ismap', 'ISMAP 登録', 'ISMAP listed'],
      ['ismap-scope', 'ISMAP 登録の範囲', 'Scope of the ISMAP registration'], ['data-location', 'データの保存場所', 'Data location'],
      ['no-documents', '行政文書を扱わない', 'Handles no administrative documents'], ['url-restricted', 'URL による接続先制限', 'Restricted by URL'],
      ['certificate', '信頼できる証明書による認証', 'Trusted certificate'], ['domains', 'ドメイン', 'Domains'], ['ports', 'ポート', 'Ports'],
      ['ports-reason', '443 以外のポートの理由', 'Reason for ports other than 443'], ['documentation', '資料', 'Documentation'],
    ]);
    const nr = this.t(W.notRegistered);
    const yn = (v: boolean | undefined) => (v === undefined ? nr : v ? this.t(W.yes) : this.t(W.no));
    const rows = this.services().map(({ service: s }) => {
      const c = s.securityUpdateConditions;
      const ports = (s.ports ?? []).map(portText);
      const tcp443Only = (s.ports ?? []).every((p) => String(p.protocol).toLowerCase() === 'tcp' && p.fromPort === 443 && p.toPort === 443);
      const media = s.media ? `${s.media.ports.map(portText).join(', ')} → ${s.media.cidrs.join(', ')}` : '';
      const reason = [tcp443Only ? '' : s.portsReason ?? nr, s.media ? s.media.reason : ''].filter((x) => x).join('\n');
      return row([
        s.id, s.name, this.ja() ? CATEGORY_JA[s.category] ?? s.category : s.category, yn(s.ismapListed),
        nr, nr, yn(c?.handlesNoAdministrativeDocuments), yn(c?.restrictedByUrl), yn(c?.authenticatedByTrustedCertificate),
        [...s.domains].join('\n'), [ports.length > 0 ? ports.join(', ') : 'tcp/443', media].filter((x) => x).join('\n'), reason || this.t(W.none), s.documentationUrl,
      ], { service: s.id });
    });
    const notes = [
      this.ja()
        ? 'ISMAP 登録の範囲とデータの保存場所はカタログに記録がないため「未登録」。設計時に ISMAP クラウドサービスリストで登録の範囲を確認し記入すること（「表題のみで許可は判断できない」）。'
        : 'The scope of the ISMAP registration and the data location are not held by the catalogue ("not recorded"): check the ISMAP cloud service list at design time and fill them in.',
      ...(this.input.blueprint ? [] : [this.ja() ? '設計図（blueprint）が指定されていないため、サービスを列挙できない。' : 'No blueprint was given: the services cannot be listed.']),
    ];
    return { id: 'cloud-services', title: this.ja() ? '接続先クラウドサービス一覧' : 'Cloud services', columns, rows, notes };
  }

  public tenantTable(): DocTable {
    const columns = this.cols([
      ['service', 'サービス', 'Service'], ['scheme', '方式', 'Scheme'], ['hosts', '対象ホスト', 'Hosts'], ['header', 'ヘッダー', 'Header'],
      ['value', '値', 'Value'], ['tenant-ids', 'テナント ID', 'Tenant IDs'], ['documentation', '資料', 'Documentation'],
      ['checked-on', '定期確認日', 'Periodic check (date)'], ['checked-by', '確認者', 'Checked by'],
    ]);
    const rows: DocRow[] = [];
    for (const sp of this.services()) {
      const tr = sp.service.tenantRestriction;
      if (!tr) continue;
      const tenants = sp.tenantIds ?? [];
      const directoryId = sp.directoryId ?? tenants[0];
      for (const h of tr.headers) {
        const value = h.valueTemplate.replace('{tenants}', tenants.join(h.separator ?? ','))
          .replace('{directoryId}', directoryId ?? '{directoryId}').replace('{policyId}', sp.policyId ?? '{policyId}');
        rows.push(row([sp.service.name, tr.scheme, tr.hosts.join('\n'), h.name, value, tenants.join('\n') || this.t(W.notRecorded), tr.documentationUrl, '', ''], { service: sp.service.id }));
      }
    }
    const notes = [this.ja()
      ? 'テナントアクセス制御 設定確認シート。定期確認日・確認者は団体が記入する（テナント設定とヘッダーの値が一致していることを定期的に確認する）。'
      : 'Tenant access control check sheet: the municipality fills in the date and the person of each periodic check (the tenant settings still match the header values).'];
    return { id: 'tenant-control', title: this.ja() ? 'テナントアクセス制御 設定確認シート' : 'Tenant access control check sheet', columns, rows, notes };
  }

  // --- ガイドライン対応表 -----------------------------------------------------------------------------------------

  public evidenceTable(facts: readonly { key: string; label: string; value: string }[]): DocTable {
    const columns = this.cols([['item', '項目', 'Item'], ['value', '内容', 'Value']]);
    return {
      id: 'evidence',
      title: this.ja() ? '監査証跡' : 'Audit evidence',
      columns,
      rows: facts.map((f) => row([f.label, f.value], { fact: f.key })),
      notes: [],
    };
  }

  public ruleTable(): DocTable {
    const columns = this.cols([
      ['rule', 'ルール', 'Rule'], ['term', 'ガイドラインの用語', 'Guideline term'], ['severity', '重大度', 'Severity'], ['summary', '内容', 'What is checked'],
      ['source', '出典', 'Source'], ['result', '結果', 'Result'], ['details', '指摘・承認理由', 'Findings / reasons'],
    ]);
    const rows = ALL_RULES.filter((r) => r.models.includes(this.input.options.model)).map((r) => {
      const blocking = this.outcome.blocking.filter((f) => f.ruleId === r.id);
      const warned = this.outcome.warned.filter((f) => f.ruleId === r.id);
      const acked = this.outcome.acknowledged.filter((a) => a.finding.ruleId === r.id);
      const result = blocking.length > 0 ? RESULT.FAIL : warned.length > 0 ? RESULT.WARNING : acked.length > 0 ? RESULT.ACKNOWLEDGED : RESULT.PASS;
      const doc = RULE_DOCUMENTATION[r.id];
      const source = (doc?.citations ?? []).map((c) => `${c.source.id} ${c.where}`).join('\n') || this.t(W.notRecorded);
      const details = [
        ...blocking.map((f) => `[${f.path}] ${findingText(f, this.guardLanguage()).message}`),
        ...warned.map((f) => `[${f.path}] ${findingText(f, this.guardLanguage()).message}`),
        ...acked.map((a) => `[${a.finding.path}] ${findingText(a.finding, this.guardLanguage()).message} — ${this.ja() ? '承認理由' : 'reason'}: ${a.reason}`),
      ].join('\n');
      return row([r.id, r.term, r.severity, this.ja() ? doc?.summaryJa ?? r.summary : r.summary, source,
        this.ja() ? RESULT_JA[result] : RESULT_EN[result], details], { rule: r.id, result });
    });
    const notes = [this.ja()
      ? 'モデルのすべてのルールを合成結果に対して実行した結果。PASS はルールが実行され指摘がなかったことを示す。'
      : 'Every rule of the model, run on what was synthesized. PASS means the rule ran and found nothing.'];
    return { id: 'compliance', title: this.ja() ? 'ガイドライン対応表' : 'Guideline conformance', columns, rows, notes };
  }

  public outOfScopeTable(): DocTable {
    const columns = this.cols([['measure', '対策', 'Measure'], ['carried-by', '担うもの', 'Carried by'], ['source', '出典', 'Source'], ['result', '結果', 'Result']]);
    const rows = OUT_OF_SCOPE_MEASURES.map((m) => row([this.ja() ? m.ja : m.en, this.ja() ? m.carriedByJa : m.carriedByEn, `${m.source.id} ${m.where}`,
      this.ja() ? RESULT_JA.OUT_OF_SCOPE : RESULT_EN.OUT_OF_SCOPE], { measure: m.id, result: RESULT.OUT_OF_SCOPE }));
    return {
      id: 'out-of-scope',
      title: this.ja() ? 'ネットワークの範囲外の対策' : 'Measures outside the network',
      columns,
      rows,
      notes: [this.ja() ? 'ネットワーク構成では示せない対策。本書は適合を主張しない。' : 'Measures a network cannot show; these documents claim nothing about them.'],
    };
  }
}
