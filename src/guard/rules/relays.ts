import { Segment, SEGMENT_JA } from '../../model/segment';
import { deref, describeRef, nodesOf, Ref, RelayFlow, RelayNode, TopologyGraph, VpcEndpointNode } from '../graph';
import { jaOrEn } from '../ja-engine';
import { actionDirections, DEFAULT_EVENT_BUS, everyResource, everyService, PRINCIPAL } from '../relay-read';
import { bi, Bilingual, finding, Finding, GuardContext, GuardRule } from '../rule';
import { nameOf } from '../topology';

/**
 * Service relays (docs/guard-semantics.md §14): what a closed segment reaches through AWS services that deliver data on
 * their own, with no packet of the segment's on the way — an SQS queue a function polls, an SNS topic's subscriptions,
 * an EventBridge rule's targets, a function's asynchronous destinations and dead-letter queue, a state machine's tasks,
 * a CloudWatch Logs subscription filter, a Firehose stream's destination, S3 notifications and replication, an API's
 * integrations, a resource policy that lets other accounts or everyone in. The readers record each such resource as a
 * relay node with the deliveries it declares (`RelayNode.flows`); this module follows them.
 *
 * Where a closed segment touches them:
 * - a function of the output whose VPC configuration puts it in the segment: what is delivered to it (its triggers) and
 *   what it delivers (its destinations);
 * - a VPC endpoint of the segment for a relaying service (`sqs`, `sns`, `events`, `lambda`, `states`, `logs`, `s3`,
 *   `execute-api`, `firehose`, `kinesis`): the segment's hosts put data into, and take it from, every resource of that
 *   service in the output (MN-5 and LG-4 hold the endpoints to the own account, not to given resources), in the ways the
 *   endpoint's policy allows (`endpointDirections`: a write-only policy puts in only, so only where the data goes counts).
 * From there, deliveries are followed through the resources that only carry data (queues, topics, buses, state machines,
 * log groups, streams, buckets, APIs) to where data enters or leaves them: a function (an end: where it runs), or the
 * outside — a URL, an e-mail address, another account or everyone by a resource policy, a resource the output does not
 * hold or the guard does not follow, a value it cannot read (fail closed). An end outside the segment (another segment, a
 * function outside every VPC, which has the internet, the outside) is a finding: data crosses the three-layer separation
 * without a route.
 *
 * IAM grants are deliveries too (`RelayNode.grants`): what a role's, user's or group's policies let its code put into
 * and take from relaying resources goes with the code that runs with it (functions, instances, Auto Scaling groups, ECS
 * services: runners, placed like functions) and with whoever else may act with it (`RelayNode.actors`: the outside).
 * Not followed: code of the own account outside the output, conditions (only widening), changes made at run time.
 */

/** A resource's name in a message: its construct path or id; the account's default event bus in words. */
function label(graph: TopologyGraph, id: string): string {
  if (id === DEFAULT_EVENT_BUS) return 'the default event bus';
  // The code a resource runs with a principal of the output (the readers' unplaced code): the resource.
  if (id.endsWith('#code')) return nameOf(graph, id.slice(0, -'#code'.length));
  if (id.startsWith('#log-group:')) return `log group ${id.slice('#log-group:'.length)}`;
  return nameOf(graph, id);
}

/** Where an end runs: a segment, the prefecture hub, or somewhere the guard cannot tell. */
type Place = Segment | 'hub' | 'unknown';

/** One delivery step: to `key`, declared by resource `via` in `property`. */
export interface Hop {
  readonly to: string;
  readonly via: string;
  readonly property: string;
}

/** An end of a chain: where data enters or leaves the relays. `places` undefined: the outside. */
export interface End {
  readonly what: Bilingual;
  readonly places?: readonly Place[];
}

/** A reached end and the hops that reach it. */
export interface Reached {
  readonly key: string;
  readonly end: End;
  readonly hops: readonly Hop[];
}

/** The relay graph of one topology graph, built once. */
interface RelayIndex {
  readonly forward: ReadonlyMap<string, readonly Hop[]>;
  readonly backward: ReadonlyMap<string, readonly Hop[]>;
  readonly byResource: ReadonlyMap<string, RelayNode>;
  readonly byService: ReadonlyMap<string, readonly RelayNode[]>;
  /** Memo of `reach`, by direction and start key. */
  readonly memo: Map<string, readonly Reached[]>;
}

const INDEX = new WeakMap<TopologyGraph, RelayIndex>();

function keyOf(ref: Ref): string {
  return ref.kind === 'node' ? `n:${ref.id}` : ref.kind === 'external' ? `x:${ref.value}` : `u:${ref.expression}`;
}

function indexOf(graph: TopologyGraph): RelayIndex {
  let index = INDEX.get(graph);
  if (index) return index;
  const forward = new Map<string, Hop[]>();
  const backward = new Map<string, Hop[]>();
  const byResource = new Map<string, RelayNode>();
  const byService = new Map<string, RelayNode[]>();
  const add = (map: Map<string, Hop[]>, from: string, hop: Hop) => {
    const list = map.get(from);
    if (!list) map.set(from, [hop]);
    else if (!list.some((h) => h.to === hop.to && h.via === hop.via && h.property === hop.property)) list.push(hop);
  };
  const relays = nodesOf(graph, 'relay');
  for (const r of relays) {
    byResource.set(r.resource, r);
    if (r.service !== undefined) {
      const list = byService.get(r.service);
      if (list) list.push(r);
      else byService.set(r.service, [r]);
    }
  }
  // The keys a reference stands for: every resource of a service for `everyResource`, the code for `PRINCIPAL`.
  const every = new Map<string, string[]>();
  const everyKeys = (service: string): string[] => {
    let keys = every.get(service);
    if (!keys) {
      const of = service === '*' ? [...byService.values()].flat() : byService.get(service) ?? [];
      keys = of.map((r) => `n:${r.resource}`);
      every.set(service, keys);
    }
    return keys;
  };
  const keysOf = (ref: Ref, code: string | undefined): string[] => {
    if (ref.kind === 'node') {
      if (ref.id === PRINCIPAL) return code === undefined ? [] : [code];
      const service = everyService(ref.id);
      if (service !== undefined) return everyKeys(service);
    }
    return [keyOf(ref)];
  };
  const addFlow = (via: string, f: RelayFlow, code?: string) => {
    for (const from of f.from) {
      for (const a of keysOf(from, code)) {
        for (const to of f.to) {
          for (const b of keysOf(to, code)) {
            if (a === b) continue;
            add(forward, a, { to: b, via, property: f.property });
            add(backward, b, { to: a, via, property: f.property });
          }
        }
      }
    }
  };
  for (const r of relays) for (const f of r.flows) addFlow(r.resource, f);
  // IAM grants: what each principal's policies let its code do, given to the code (a function, an instance, an ECS
  // service of the output; the outside for those beyond the output its trust policy lets act with it).
  const grantsOf = new Map<string, { via: string; flow: RelayFlow }[]>();
  const grant = (principal: string, via: string, flow: RelayFlow) => {
    const list = grantsOf.get(principal);
    if (list) list.push({ via, flow });
    else grantsOf.set(principal, [{ via, flow }]);
  };
  // What attaches to a principal (`grantsTo`: a policy, a Terraform attachment or membership) is held by it: its grants
  // and the principals it holds in turn (an attachment's policy of the output, a membership's groups).
  const attached = new Map<string, Ref[]>();
  for (const r of relays) {
    for (const flow of r.grants ?? []) grant(r.resource, r.resource, flow);
    for (const to of r.grantsTo ?? []) {
      if (to.kind !== 'node') continue;
      const list = attached.get(to.id);
      if (list) list.push({ kind: 'node', id: r.resource });
      else attached.set(to.id, [{ kind: 'node', id: r.resource }]);
    }
  }
  const withGrants = (code: string, via: string, principals: readonly Ref[]) => {
    const seen = new Set<string>();
    const stack = [...principals];
    while (stack.length > 0) {
      const ref = stack.pop()!;
      const principal = ref.kind === 'node' ? byResource.get(ref.id) : undefined;
      if (!principal) {
        // A principal the guard cannot read (a role given by a parameter, by an ARN the output does not hold): anything.
        const at = `principal ${label(graph, describeRef(ref))}, which the guard cannot read`;
        addFlow(via, { from: [{ kind: 'node', id: PRINCIPAL }], to: [everyResource('*')], property: at }, code);
        addFlow(via, { from: [everyResource('*')], to: [{ kind: 'node', id: PRINCIPAL }], property: at }, code);
        continue;
      }
      if (seen.has(principal.resource)) continue;
      seen.add(principal.resource);
      for (const g of grantsOf.get(principal.resource) ?? []) addFlow(g.via, g.flow, code);
      stack.push(...principal.principals ?? [], ...attached.get(principal.resource) ?? []);
    }
  };
  for (const r of relays) {
    if (r.runs !== undefined && r.principals !== undefined) withGrants(`n:${r.resource}`, r.resource, r.principals);
    for (const actor of r.actors ?? []) withGrants(keyOf(actor), r.resource, [{ kind: 'node', id: r.resource }]);
  }
  index = { forward, backward, byResource, byService, memo: new Map() };
  INDEX.set(graph, index);
  return index;
}

/** Where a subnet of a function's VPC configuration lies. */
function placeOf(graph: TopologyGraph, ref: Ref): Place {
  const subnet = deref(graph, ref);
  if (subnet?.type !== 'subnet') return 'unknown';
  const vpc = deref(graph, subnet.vpc);
  if (vpc?.type !== 'vpc') return 'unknown';
  return subnet.segment ?? vpc.segment ?? (vpc.hub ? 'hub' : 'unknown');
}

/** Where a resource policy is, in Japanese (`the queue policy P` → `キューポリシー P`). */
function whereJa(where: string): string {
  const permission = /^the Lambda permission (.+)$/.exec(where);
  if (permission) return `Lambda のアクセス許可 ${permission[1]}`;
  const m = /^the (queue|topic|bucket|event bus|stream|table) policy (of )?(.+)$/.exec(where);
  if (!m) return where;
  const kind = { 'queue': 'キュー', 'topic': 'トピック', 'bucket': 'バケット', 'event bus': 'イベントバス', 'stream': 'ストリーム', 'table': 'テーブル' }[m[1]];
  return `${kind}ポリシー ${m[3]}`;
}

/** The kinds of outside end a subscription, destination or integration names, in Japanese. */
const KIND_JA: Readonly<Record<string, string>> = {
  'an HTTP subscription': 'HTTP サブスクリプション',
  'an HTTPS subscription': 'HTTPS サブスクリプション',
  'an e-mail subscription': 'メールのサブスクリプション',
  'an e-mail (JSON) subscription': 'メール（JSON）のサブスクリプション',
  'an SMS subscription': 'SMS のサブスクリプション',
  'a mobile push subscription': 'モバイルプッシュのサブスクリプション',
  'an EventBridge API destination': 'EventBridge の API 送信先',
  'an HTTP integration': 'HTTP 統合',
  'an IoT topic rule': 'IoT トピックルール',
  'an SES receipt rule': 'SES 受信ルール',
  'an IoT rule HTTP action': 'IoT ルールの HTTP アクション',
};

/**
 * The Japanese of an outside end's description as the readers write it (relay-read.ts `outside`, the readers' relay
 * readers); one it does not know stays in English.
 */
export function outsideJa(what: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^(.*), which is not in the synthesized output$/s, (m) => `合成結果にない ${m[1]}`],
    [/^everyone \(Principal "\*"\), by (.*)$/s, (m) => `${whereJa(m[1])} が認める全員（Principal "*"）`],
    [/^principal (.*) \(another account, as far as the guard can tell\), by (.*)$/s, (m) => `${whereJa(m[2])} が認めるプリンシパル ${m[1]}（ガードが判断できる限り他のアカウント）`],
    [/^principal (.*), which the guard cannot read, by (.*)$/s, (m) => `${whereJa(m[2])} が認める、ガードが読めないプリンシパル ${m[1]}`],
    [/^(.*) acting for any resource of any account \(no aws:SourceArn or aws:SourceAccount\), by (.*)$/s,
      (m) => `${whereJa(m[2])} が認める、任意のアカウントの任意のリソースのために動く ${m[1]}（aws:SourceArn も aws:SourceAccount もない）`],
    [/^every principal but those NotPrincipal names, by (.*)$/s, (m) => `${whereJa(m[1])} が認める、NotPrincipal に挙げたもの以外のすべてのプリンシパル`],
    [/^anyone a policy the guard cannot read may let in, by (.*)$/s, (m) => `ガードが読めない ${whereJa(m[1])} が受け入れうる誰でも`],
    [/^whatever a definition the guard cannot read \((.*)\) calls$/s, (m) => `ガードが読めない定義（${m[1]}）が呼び出すもの`],
    [/^the internet, through the API's public endpoint$/, () => 'API の公開エンドポイントを通じたインターネット'],
    [/^anyone a statement the guard cannot read may let in, by (.*)$/s, (m) => `ガードが読めない ${whereJa(m[1])} のステートメントが受け入れうる誰でも`],
    [/^every principal held to account (.*), which the guard cannot tell is the own one, by (.*)$/s,
      (m) => `${whereJa(m[2])} が認める、アカウント ${m[1]} に限ったすべてのプリンシパル（自団体のアカウントか判断できない）`],
    [/^(\S+) held to account (.*), which the guard cannot tell is the own one, by (.*)$/s,
      (m) => `${whereJa(m[3])} が認める、アカウント ${m[2]} に限った ${m[1]}（自団体のアカウントか判断できない）`],
    [/^an IoT rule (\S+) action, which the guard does not follow$/, (m) => `ガードが追跡しない IoT ルールの ${m[1]} アクション`],
    [/^an IoT rule action the guard cannot read \((.*)\)$/s, (m) => `ガードが読めない IoT ルールのアクション（${m[1]}）`],
    [/^account (.*), which owns the bucket the pipe logs to$/, (m) => `パイプがログを書くバケットを所有するアカウント ${m[1]}`],
    [/^Kinesis Data Analytics application (.*), whose code the guard does not read$/, (m) => `ガードがコードを読まない Kinesis Data Analytics アプリケーション ${m[1]}`],
    [/^whatever an API definition the guard cannot read \((.*)\) integrates with$/s, (m) => `ガードが読めない API 定義（${m[1]}）が統合するもの`],
    [/^mail to any address \(Amazon SES through its SMTP endpoint\)$/, () => '任意のアドレスへのメール（SMTP エンドポイント経由の Amazon SES）'],
    [/^mail to any address \(Amazon SES\)$/, () => '任意のアドレスへのメール（Amazon SES）'],
    [/^devices publishing to AWS IoT Core \(an IoT topic rule\)$/, () => 'AWS IoT Core に発行するデバイス（IoT トピックルール）'],
    [/^mail from the internet \(an SES receipt rule\)$/, () => 'インターネットからのメール（SES 受信ルール）'],
    [/^the callers of an AppSync GraphQL API$/, () => 'AppSync GraphQL API の呼び出し元'],
    [/^an HTTPS endpoint a task calls \(http:invoke\)$/, () => 'タスクが呼び出す HTTPS エンドポイント（http:invoke）'],
    [/^an activity worker, which may run anywhere$/, () => 'どこでも動きうるアクティビティのワーカー'],
    [/^a Step Functions (.*) integration, which the guard does not follow$/, (m) => `ガードが追跡しない Step Functions の ${m[1]} 統合`],
    [/^an API Gateway (.*) integration, which the guard does not follow$/, (m) => `ガードが追跡しない API Gateway の ${m[1]} 統合`],
    [/^a (.*) resource the integration names, not in the synthesized output$/, (m) => `統合が指定する、合成結果にない ${m[1]} のリソース`],
    [/^account (.*), which replication copies objects to$/, (m) => `レプリケーションがオブジェクトをコピーするアカウント ${m[1]}`],
    [/^everyone, by the canned ACL (.*)$/, (m) => `既定 ACL ${m[1]} による全員`],
    [/^partner event source (.*)$/, (m) => `パートナーイベントソース ${m[1]}`],
    [/^a self-managed Apache Kafka cluster \(SelfManagedEventSource\)$/, () => 'セルフマネージドの Apache Kafka クラスター（SelfManagedEventSource）'],
    [/^an Amazon MSK cluster \(MSKSourceConfiguration\)$/, () => 'Amazon MSK クラスター（MSKSourceConfiguration）'],
    [/^the destination of a policy document the guard cannot read \((.*)\)$/s, (m) => `ガードが読めないポリシードキュメント（${m[1]}）の送信先`],
    [/^a Firehose (.*), which the guard does not follow$/, (m) => `ガードが追跡しない Firehose の ${m[1]}`],
    [/^(.*) \(a Firehose (.*)\)$/s, (m) => `${m[1]}（Firehose の ${m[2]}）`],
    [/^the people assigned IAM Identity Center permission set (.*), who may act from anywhere$/s, (m) => `どこからでも操作できる、IAM Identity Center の許可セット ${m[1]} を割り当てられた人`],
    [/^IAM user (.*), whose credentials may be used from anywhere$/s, (m) => `どこからでも認証情報を使える IAM ユーザー ${m[1]}`],
    [/^the members of IAM group (.*), whose credentials may be used from anywhere$/s, (m) => `どこからでも認証情報を使える IAM グループ ${m[1]} のメンバー`],
    [/^anyone a trust policy the guard cannot read lets act as role (.*)$/s, (m) => `ガードが読めない信頼ポリシーがロール ${m[1]} として動くことを認める誰でも`],
    [/^principals the trust policy of role (.*) lets act as it \((.*)\)$/s, (m) => `ロール ${m[1]} の信頼ポリシーがそのロールとして動くことを認めるプリンシパル（${m[2]}）`],
    [/^code (.*) runs with role (.*), which the guard does not place$/s, (m) => `${m[1]} がロール ${m[2]} で動かす、ガードが配置を特定できないコード`],
    [/^(\S+) principal (.*), by (.*)$/s, (m) => `${whereJa(m[3])} が認める ${m[1]} プリンシパル ${m[2]}`],
    [/^(.*) \(([^()]*)\)$/s, (m) => (KIND_JA[m[2]] !== undefined ? `${m[1]}（${KIND_JA[m[2]]}）` : m[0])],
  ];
  for (const [pattern, ja] of rules) {
    const m = pattern.exec(what);
    if (m) return ja(m);
  }
  return what;
}

/** The end a key stands for, or undefined for a resource that carries data on (followed further). */
function endOf(graph: TopologyGraph, index: RelayIndex, key: string): End | undefined {
  const value = key.slice(2);
  if (key.startsWith('x:')) return { what: bi(value, outsideJa(value)) };
  if (key.startsWith('u:')) return { what: bi(`a value the guard cannot read (${value}), which may name anything`, `ガードが読めない値（${value}）。何を指していてもおかしくない`) };
  const relay = index.byResource.get(value);
  const name = label(graph, value);
  if (!relay) {
    return {
      what: bi(`${name}, a resource the guard does not follow as a relay (what it does with the data is not known)`,
        `${name}（ガードが中継として追わないリソース。データをどう扱うかわからない）`),
    };
  }
  if (relay.runs === 'internet') {
    const noun = codeNoun(relay.resourceType, relay.resource);
    return { what: bi(`${noun.en} ${name}, which runs outside every VPC, with the internet`, `VPC の外で動き、インターネットに出られる${noun.ja} ${name}`) };
  }
  if (relay.runs !== undefined) {
    const places = relay.runs.length === 0 ? ['unknown' as const] : relay.runs.map((s) => placeOf(graph, s));
    const noun = codeNoun(relay.resourceType, relay.resource);
    return { what: bi(`${noun.en} ${name} (${placesText(places).en})`, `${noun.ja} ${name}（${placesText(places).ja}）`), places };
  }
  return undefined;
}

/** What code runs in a runner (`RelayNode.runs`), in words: a function, an instance, an Auto Scaling group, an ECS service. */
function codeNoun(resourceType: string, resource = ''): Bilingual {
  if (resource.endsWith('#code')) return bi(`code that ${resourceType}`, `${resourceType} が動かすコード`);
  if (/^(AWS::Lambda::Function|aws_lambda_function)$/.test(resourceType)) return bi('function', '関数');
  if (/^(AWS::EC2::Instance|aws_instance)$/.test(resourceType)) return bi('instance', 'インスタンス');
  if (/^(AWS::AutoScaling::AutoScalingGroup|aws_autoscaling_group)$/.test(resourceType)) return bi('Auto Scaling group', 'Auto Scaling グループ');
  if (/^(AWS::ECS::Service|aws_ecs_service)$/.test(resourceType)) return bi('ECS service', 'ECS サービス');
  if (/^(AWS::Scheduler::Schedule|aws_scheduler_schedule)$/.test(resourceType)) return bi('schedule', 'スケジュール');
  return bi('resource', 'リソース');
}

function placesText(places: readonly Place[]): Bilingual {
  const unique = [...new Set(places)];
  const en = unique.map((p) => (p === 'hub' ? 'the security cloud hub' : p === 'unknown' ? 'a subnet the guard cannot place' : `the ${p} segment`));
  const ja = unique.map((p) => (p === 'hub' ? '自治体情報セキュリティクラウドのハブ' : p === 'unknown' ? 'ガードが位置を特定できないサブネット' : SEGMENT_JA[p]));
  return bi(`in ${en.join(' and ')}`, `${ja.join('・')}で動く`);
}

/**
 * Every end reached from `start` following deliveries in `direction` (forward: where its data goes; backward: where the
 * data it receives comes from), through resources that carry data on, each with the first hops found (breadth first).
 */
function reach(graph: TopologyGraph, index: RelayIndex, start: string, direction: 'forward' | 'backward'): readonly Reached[] {
  const memoKey = `${direction}\u0000${start}`;
  const known = index.memo.get(memoKey);
  if (known) return known;
  const edges = direction === 'forward' ? index.forward : index.backward;
  const seen = new Set<string>([start]);
  const out: Reached[] = [];
  let frontier: { key: string; hops: readonly Hop[] }[] = [{ key: start, hops: [] }];
  while (frontier.length > 0) {
    const next: { key: string; hops: readonly Hop[] }[] = [];
    for (const { key, hops } of frontier) {
      for (const hop of edges.get(key) ?? []) {
        if (seen.has(hop.to)) continue;
        seen.add(hop.to);
        const path = [...hops, hop];
        const end = endOf(graph, index, hop.to);
        if (end) out.push({ key: hop.to, end, hops: path });
        else next.push({ key: hop.to, hops: path });
      }
    }
    frontier = next;
  }
  index.memo.set(memoKey, out);
  return out;
}

/** The endpoint service names a relaying service's endpoint ends with, and the relay service it reaches. */
const ENDPOINT_SERVICES: Readonly<Record<string, string>> = {
  'sqs': 'sqs',
  'sns': 'sns',
  'events': 'events',
  'lambda': 'lambda',
  'states': 'states',
  'sync-states': 'states',
  'logs': 'logs',
  's3': 's3',
  'execute-api': 'execute-api',
  'kinesis-firehose': 'firehose',
  'kinesis-streams': 'kinesis',
  'dynamodb': 'dynamodb',
  // IoT Core's data plane: what a host publishes there, the account's topic rules act on.
  'iot.data': 'iot',
};

/**
 * Endpoint services whose API delivers to the outside by itself: SES sends mail to any address, through its SMTP
 * interface and its API (the sending identity is the own account's, which MN-5 and LG-4 let through). (SNS's `Publish`
 * to a phone number names no resource, so the own-account endpoint policy MN-5 and LG-4 require, with
 * `aws:ResourceAccount`, does not allow it.)
 */
const ENDPOINT_OUTSIDE: Readonly<Record<string, string>> = {
  'email-smtp': 'mail to any address (Amazon SES through its SMTP endpoint)',
  'email': 'mail to any address (Amazon SES)',
};

/** The endpoint service's own name (`sqs`, `iot.data`), from a service name as written (`com.amazonaws.{region}.sqs`, an expression's text). */
function endpointServiceOf(serviceName: string): string | undefined {
  const m = /com\.amazonaws\.(?:\$\{[^}]*\}|\{[^}]*\}|[a-z0-9-]+)\.([a-z0-9.-]+?)[^a-z0-9.-]*$/.exec(serviceName);
  // A FIPS endpoint is the same service (`sqs-fips`).
  return m?.[1].replace(/-fips$/, '');
}

/** The relay service a VPC endpoint reaches, from its service name (`com.amazonaws.{region}.sqs`), if it relays. */
export function endpointRelayService(serviceName: string): string | undefined {
  const service = endpointServiceOf(serviceName);
  return service === undefined ? undefined : ENDPOINT_SERVICES[service];
}

/** What an endpoint's own API reaches outside (`ENDPOINT_OUTSIDE`), if anything. */
function endpointOutside(serviceName: string): string | undefined {
  const service = endpointServiceOf(serviceName);
  return service === undefined ? undefined : ENDPOINT_OUTSIDE[service];
}

/** Where a VPC endpoint lies: its subnets' segments, else its VPC's. */
function endpointPlaces(graph: TopologyGraph, e: VpcEndpointNode): Place[] {
  const subnets = e.subnets.map((s) => placeOf(graph, s));
  if (subnets.length > 0) return subnets;
  const vpc = deref(graph, e.vpc);
  return [vpc?.type === 'vpc' ? vpc.segment ?? (vpc.hub ? 'hub' : 'unknown') : 'unknown'];
}

/** Which ways a closed segment uses an endpoint: `forward`, it puts data in (follow where it goes); `backward`, it takes data out (follow where it comes from). */
interface EndpointDirections {
  readonly forward: boolean;
  readonly backward: boolean;
}

const BOTH_WAYS: EndpointDirections = { forward: true, backward: true };

/**
 * The actions of a statement's `Action` that a request through an endpoint of `service` can be (`service` is also the
 * IAM prefix of every relay service: `sqs`, `logs`, `firehose`, `kinesis`, `iot`…): a request to a `logs` endpoint is a
 * CloudWatch Logs API call, so `ec2:*` in its policy allows nothing through it. An action whose prefix is a wildcard
 * (`*`, `lo*:…`) that matches the service counts; one the guard cannot read (no prefix, a reference, not a string) is kept.
 */
function actionsOfService(action: unknown, service: string): unknown[] {
  const list = Array.isArray(action) ? action : [action];
  return list.filter((a) => {
    if (typeof a !== 'string') return true;
    const colon = a.indexOf(':');
    if (colon < 0) return true;
    const prefix = a.slice(0, colon).toLowerCase();
    if (!/^[a-z0-9.*?-]+$/.test(prefix)) return true;
    // IAM's wildcards: `*` any run of characters, `?` any one (IAM User Guide, "IAM JSON policy elements: Action").
    return new RegExp(`^${prefix.replace(/[.-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(service);
  });
}

/**
 * Which ways an endpoint's policy lets the segment use the resources of `service` in the output. Each statement that
 * allows and may name a resource of the output counts, with the directions of its actions of the endpoint's service
 * (relay-read.ts `actionDirections`, as for resource policies): only data puts (`logs:PutLogEvents`,
 * `logs:CreateLogStream`, `sqs:SendMessage`, `s3:PutObject`…) — the segment only puts data in, so only where it goes
 * (forward) is followed; only reads — only where it comes from (backward); only settings and descriptions
 * (`logs:DescribeLogGroups`…) — neither; anything else both. A statement names no resource of the output when every
 * resource is an S3 ARN whose literal bucket is no bucket of the output (the α′ proxy's package repository endpoint, which
 * reaches Amazon Linux's own bucket only, src/plan/endpoint-policy.ts). Deny statements only take away, so they are not
 * read. No policy (AWS's full-access default), one the guard cannot read, a statement it cannot read, `NotAction`, no
 * `Action`, `*`: both ways (fail closed); `NotResource`, a wildcard or a reference: every resource of the service.
 */
function endpointDirections(graph: TopologyGraph, e: VpcEndpointNode, service: string): EndpointDirections {
  if (e.policy?.kind !== 'document') return BOTH_WAYS;
  const statements = (e.policy.document as any)?.Statement;
  const list: unknown[] = Array.isArray(statements) ? statements : [statements];
  const buckets = nodesOf(graph, 's3-bucket');
  const touchesOutput = (s: any): boolean => {
    if (s.NotResource !== undefined || s.Resource === undefined) return true;
    const resources: unknown[] = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    return resources.some((r) => {
      // A literal bucket name; `{region}` (the deploying region, as the readers render it) may be any region's name.
      const bucket = typeof r === 'string' ? /^arn:(?:[a-z-]+|\{partition\}):s3:::((?:[a-z0-9.-]|\{region\})+)(\/.*)?$/.exec(r)?.[1] : undefined;
      if (bucket === undefined) return true;
      const pattern = new RegExp(`^${bucket.split('{region}').map((x) => x.replace(/\./g, '\\.')).join('[a-z0-9-]+')}$`);
      // A bucket named by an expression may be this one when its name's pattern admits the literal (`{region}` read as
      // a region's name); one whose name the engine generates cannot be named by a literal of the output.
      const sample = bucket.replace(/\{region\}/g, 'ap-northeast-1');
      return buckets.some((b) => (b.name !== undefined && pattern.test(b.name))
        || (b.namePattern !== undefined && new RegExp(b.namePattern).test(sample)));
    });
  };
  let forward = false;
  let backward = false;
  for (const s of list as any[]) {
    if (!s || typeof s !== 'object' || s.Effect !== 'Allow') {
      if (s?.Effect === 'Deny') continue;
      return BOTH_WAYS;
    }
    if (!touchesOutput(s)) continue;
    const directions = s.NotAction !== undefined || s.Action === undefined ? { in: true, out: true }
      : actionDirections(actionsOfService(s.Action, service));
    forward ||= directions.in;
    backward ||= directions.out;
  }
  return { forward, backward };
}

/**
 * Renders a chain from `start` (a name) through its hops, each hop's resource and the property that declares it; for
 * Japanese readers (`ja`), the outside as `outsideJa` words it and a hop through a principal the guard cannot read
 * (`indexOf`, `withGrants`) with that principal worded; resource names and property paths as they are.
 */
function chainText(graph: TopologyGraph, start: string, hops: readonly Hop[], direction: 'forward' | 'backward', ja = false): string {
  const name = (key: string) => (key.startsWith('n:') ? label(graph, key.slice(2)) : ja && key.startsWith('x:') ? outsideJa(key.slice(2)) : key.slice(2));
  const property = (text: string) => (!ja ? text : text.replace(/^principal (.+), which the guard cannot read$/s, (_m, who: string) => {
    const outsideWords = outsideJa(who);
    return `ガードが読めないプリンシパル ${outsideWords !== who ? outsideWords : jaOrEn(who)}`;
  }));
  const steps = hops.map((h) => `${name(h.to)} (${label(graph, h.via)} ${property(h.property)})`);
  return direction === 'forward' ? [start, ...steps].join(' → ') : [start, ...steps].join(' ← ');
}

/** One chain from a start of a closed segment to an end. */
export interface RelayChain {
  /** The end's key: `n:<resource id>`, `x:<outside, described>`, `u:<unreadable value>`. */
  readonly end: string;
  readonly direction: 'forward' | 'backward';
  /** Whether the end lies outside the segment (a finding). */
  readonly outside: boolean;
  readonly reached: Reached;
  readonly text: string;
  /** `text` for Japanese readers. */
  readonly textJa: string;
}

/** A function or relaying endpoint of a closed segment, with every chain from it. */
export interface RelayStart {
  /** The function's resource id, or the endpoint's id. */
  readonly id: string;
  /** `function`: code of the segment (a function, an instance, an Auto Scaling group, an ECS service; `noun` says which). */
  readonly kind: 'function' | 'endpoint';
  /** For code: what it is, in words. */
  readonly noun?: Bilingual;
  readonly chains: readonly RelayChain[];
  /** For an endpoint: the relay service it reaches. */
  readonly service?: string;
}

/**
 * Every start of a closed segment (functions of the segment, in resource order; then its relaying endpoints, in id order)
 * with the ends its chains reach (each end once per direction from each resource an endpoint reaches).
 */
export function relayStarts(graph: TopologyGraph, segment: Segment): RelayStart[] {
  if (nodesOf(graph, 'relay').length === 0 && nodesOf(graph, 'vpc-endpoint').length === 0) return [];
  const index = indexOf(graph);
  const starts: RelayStart[] = [];
  const chain = (reached: Reached, direction: 'forward' | 'backward', text: string, textJa = text): RelayChain => ({
    end: reached.key, direction, outside: reached.end.places === undefined || reached.end.places.some((p) => p !== segment), reached, text, textJa,
  });
  // Functions of the segment: what reaches them, and where what they deliver goes.
  for (const r of [...index.byResource.values()].sort((a, b) => (a.resource < b.resource ? -1 : 1))) {
    if (r.runs === undefined || r.runs === 'internet') continue;
    // A function that may run in the segment (or whose subnets the guard cannot place: it may run anywhere).
    const places = r.runs.length === 0 ? ['unknown' as const] : r.runs.map((s) => placeOf(graph, s));
    if (!places.includes(segment) && !places.includes('unknown')) continue;
    const key = `n:${r.resource}`;
    const name = label(graph, r.resource);
    const chains = (['forward', 'backward'] as const).flatMap((direction) => reach(graph, index, key, direction)
      .map((reached) => chain(reached, direction, chainText(graph, name, reached.hops, direction),
        chainText(graph, name, reached.hops, direction, true))));
    starts.push({ id: r.resource, kind: 'function', chains, noun: codeNoun(r.resourceType, r.resource) });
  }
  // Endpoints of the segment for a relaying service: every resource of that service in the output, the ways its policy allows.
  for (const e of [...nodesOf(graph, 'vpc-endpoint')].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const service = endpointRelayService(e.serviceName);
    const beyond = endpointOutside(e.serviceName);
    if ((service === undefined && beyond === undefined) || !endpointPlaces(graph, e).includes(segment)) continue;
    const name = label(graph, e.id);
    const chains: RelayChain[] = [];
    if (beyond !== undefined) {
      const key = `x:${beyond}`;
      chains.push(chain({ key, end: { what: bi(beyond, outsideJa(beyond)) }, hops: [] }, 'forward', `${name} → ${beyond}`, `${name} → ${outsideJa(beyond)}`));
    }
    const directions = service === undefined ? { forward: false, backward: false } : endpointDirections(graph, e, service);
    if (service === undefined || (!directions.forward && !directions.backward)) {
      starts.push({ id: e.id, kind: 'endpoint', chains, service: endpointServiceOf(e.serviceName) });
      continue;
    }
    const ways = (['forward', 'backward'] as const).filter((d) => directions[d]);
    for (const touched of index.byService.get(service) ?? []) {
      const key = `n:${touched.resource}`;
      const start = `${name} → ${label(graph, touched.resource)}`;
      const end = endOf(graph, index, key);
      if (end) {
        // A function the endpoint invokes (lambda): an end itself, whichever way the policy lets the segment use it.
        chains.push(chain({ key, end, hops: [] }, 'forward', start));
        continue;
      }
      for (const direction of ways) {
        for (const reached of reach(graph, index, key, direction)) {
          chains.push(chain(reached, direction, chainText(graph, start, reached.hops, direction),
            chainText(graph, start, reached.hops, direction, true)));
        }
      }
    }
    starts.push({ id: e.id, kind: 'endpoint', chains, service });
  }
  return starts;
}

/**
 * The relay findings of a closed segment for `rule`: every function of the segment and every relaying endpoint of it
 * whose chains reach an end outside the segment, at most three chains per start (and how many more).
 */
export function relayFindings(ctx: GuardContext, rule: GuardRule, segment: Segment): Finding[] {
  const graph = ctx.graph;
  const segmentName = bi(segment === Segment.MY_NUMBER ? 'My Number' : segment === Segment.LGWAN ? 'LGWAN' : 'Internet', SEGMENT_JA[segment]);
  const findings: Finding[] = [];
  for (const start of relayStarts(graph, segment)) {
    const bad = start.chains.filter((c) => c.outside);
    if (bad.length === 0) continue;
    const name = label(graph, start.id);
    const noun = start.noun ?? bi('function', '関数');
    const subject = start.kind === 'function' ? bi(`${noun.en} ${name} of the ${segmentName.en} segment`, `${segmentName.ja}の${noun.ja} ${name}`)
      : bi(`the ${segmentName.en} segment's ${start.service} endpoint ${name} (the segment's hosts call every ${start.service} resource of the account through it)`,
        `${segmentName.ja}の ${start.service} エンドポイント ${name}（この系のホストはこれを通してアカウントのすべての ${start.service} リソースを呼び出せる）`);
    const shown = bad.slice(0, 3);
    const more = bad.length - shown.length;
    const en = shown.map((c) => `${c.direction === 'forward' ? 'to' : 'from'} ${c.reached.end.what.en}: ${c.text}`).join('; ');
    const ja = shown.map((c) => `${c.reached.end.what.ja}${c.direction === 'forward' ? 'へ' : 'から'}: ${c.textJa}`).join('。');
    findings.push(finding(rule, name, {
      en: `${subject.en} exchanges data with what lies outside the ${segmentName.en} segment through AWS services that deliver it on their own, `
        + `with no route: ${en}${more > 0 ? ` (and ${more} more)` : ''}`,
      ja: `${subject.ja}が、ルートを通らずに AWS のサービスが自ら届けるデータで、${segmentName.ja}の外とやり取りしている: ${ja}${more > 0 ? `（ほか ${more} 件）` : ''}`,
    }, bi('remove the delivery (subscription, event source mapping, rule target, destination, notification, replication, subscription filter, '
      + 'integration) or the resource policy that lets other accounts or everyone in, or keep every end of it in this segment: data crossing the three-layer '
      + 'separation through a service is communication with the other side (三層の対策: 「直接、間接を問わず」)',
    '配信（サブスクリプション、イベントソースマッピング、ルールのターゲット、送信先、通知、レプリケーション、サブスクリプションフィルター、統合）や、他アカウント・全員を受け入れる'
      + 'リソースポリシーを削除するか、その両端をこの系の中に収める。サービスを介して三層の分離を越えるデータも、相手側との通信にあたる（三層の対策:「直接、間接を問わず」）')));
  }
  return findings;
}
