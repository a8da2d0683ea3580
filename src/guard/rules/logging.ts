import { proxyConfigs, SquidConf } from './breakout-controls';
import { isSiemSink } from './security-cloud';
import { LOG_RETENTION_DAYS } from '../../model/defaults';
import { NetworkModel } from '../../model/network-model';
import { Segment, SEGMENT_JA } from '../../model/segment';
import { AGENT_CONF_EOF } from '../../plan/proxy';
import { AGENT_START, scriptCommands } from '../boot-script';
import { DeclaredSiem } from '../declared';
import { BucketLifecycleRule, BucketNode, firewallLogDestinations, flowLogsOf, LogGroupNode, namedNodes, nodesOf, Ref, TopologyGraph, UserDataNode } from '../graph';
import { missingFlowLogFields } from '../log-delivery';
import { ALL_MODELS, bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, Severity, spaced } from '../rule';
import { nameOf } from '../topology';

/** β and β′ require log management with a SIEM (seed 000; REQUIREMENTS.md §2). */
const SIEM_MODELS: readonly NetworkModel[] = [NetworkModel.BETA, NetworkModel.BETA_PRIME];

/** A log destination as flow logs and firewall logging configurations give it (graph.ts). */
type Destination = { readonly destination?: string; readonly destinationType: string; readonly sink?: Ref; readonly prefix?: string };

/** A bucket's ARN: `arn:<partition>:s3:::<name>[/<key prefix>]` (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html). */
const BUCKET_ARN = /^arn:[^:]*:s3:::([^/]*)/;
/**
 * A log group's ARN: `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]`
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html, resource type log-group).
 */
const LOG_GROUP_ARN = /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:([^:]*)/;

/**
 * The bucket or log group of the synthesized output a log destination names: the node itself, or the output's bucket /
 * log group whose literal name a literal ARN or name gives. The ARN's account and region are not compared (the
 * output's are known only at deploy time): a bucket or group of that name in the output counts as the one named.
 */
export function outputSink(graph: TopologyGraph, d: Destination): BucketNode | LogGroupNode | undefined {
  const sink = d.sink;
  if (sink?.kind === 'node') {
    const n = graph.nodes.get(sink.id);
    return n?.type === 's3-bucket' || n?.type === 'log-group' ? n : undefined;
  }
  if (sink?.kind !== 'external') return undefined;
  const v = sink.value;
  // A plain name is a bucket's or a log group's as the destination type says (flow logs: `s3`, `cloud-watch-logs`;
  // Network Firewall: `S3`, `CloudWatchLogs`); a delivery stream's name is neither.
  const plain = !v.startsWith('arn:');
  const bucket = BUCKET_ARN.exec(v)?.[1] ?? (plain && /^s3$/i.test(d.destinationType) ? v.split('/')[0] : undefined);
  const group = LOG_GROUP_ARN.exec(v)?.[1] ?? (plain && /^cloud-?watch-?logs$/i.test(d.destinationType) ? v : undefined);
  return (bucket === undefined ? undefined : namedNodes(graph, 's3-bucket', bucket)[0])
    ?? (group === undefined ? undefined : namedNodes(graph, 'log-group', group)[0]);
}

/**
 * Why a log group keeps its events too briefly for LOG-1: fewer days than LOG_RETENTION_DAYS, or unreadable. A retention
 * set apart from the group by its name (aws-cdk-lib's `Custom::LogRetention`, read as a log group of that name) counts
 * too: which one is applied last is not known, so the shorter decides.
 */
function retentionProblem(graph: TopologyGraph, group: LogGroupNode): Bilingual | undefined {
  const same = group.name === undefined ? [] : namedNodes(graph, 'log-group', group.name).filter((g) => g !== group);
  return [group, ...same].map((g) => ownRetentionProblem(graph, g)).find((p) => p !== undefined);
}

function ownRetentionProblem(graph: TopologyGraph, group: LogGroupNode): Bilingual | undefined {
  const days = group.retentionDays;
  const name = nameOf(graph, group.id);
  if (days === 'unknown') {
    return bi(`log group ${name} keeps its events for a number of days the guard cannot read`, `ロググループ ${name} がイベントを保持する日数をガードが読めない`);
  }
  if (days !== undefined && days < LOG_RETENTION_DAYS) {
    return bi(`log group ${name} keeps its events ${days} day${days === 1 ? '' : 's'}, fewer than ${LOG_RETENTION_DAYS}`,
      `ロググループ ${name} がイベントを保持するのは ${days} 日で、${LOG_RETENTION_DAYS} 日に満たない`);
  }
  return undefined;
}

/**
 * The keys a flow log or a firewall writes its log objects under in a bucket: `<folder>/AWSLogs/…`, the folder being what
 * follows the bucket in a flow log's ARN (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html) or
 * Network Firewall's `prefix` (https://docs.aws.amazon.com/network-firewall/latest/developerguide/logging-s3.html).
 * A folder known only in part (`{…}`) gives its literal beginning.
 */
function logKeys(d: Destination): string {
  let folder = d.prefix;
  if (folder === undefined) {
    const text = d.destination ?? '';
    // The first `/` outside a rendered reference (`{s3-bucket}/vpc-flow-logs/…`, `arn:aws:s3:::name/…`).
    let depth = 0;
    let slash = -1;
    for (let i = 0; i < text.length && slash < 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth = Math.max(0, depth - 1);
      else if (text[i] === '/' && depth === 0) slash = i;
    }
    folder = slash < 0 ? '' : text.slice(slash + 1);
  }
  const open = folder.indexOf('{');
  if (open >= 0) return folder.slice(0, open);
  return `${folder === '' ? '' : `${folder.replace(/\/+$/, '')}/`}AWSLogs/`;
}

/**
 * Whether a lifecycle rule's filter may take log objects under `keys`: no prefix (every key, or a filter on tags or sizes
 * the guard does not relate to the logs), one it cannot read, or a prefix either side of the other (the two key sets
 * meet exactly then).
 */
const covers = (prefix: string | undefined, keys: string) => prefix === undefined || prefix.includes('{') || keys.startsWith(prefix) || prefix.startsWith(keys);

/** Why a lifecycle rule expires current log objects under `keys` too early, if it does. */
function ruleProblem(where: Bilingual, rule: BucketLifecycleRule, keys: string): Bilingual | undefined {
  if (!rule.enabled || !covers(rule.prefix, keys)) return undefined;
  const which = rule.id === undefined ? '' : ` ${rule.id}`;
  // An empty prefix takes every key, as none does.
  const prefix = !rule.prefix ? '' : ` (prefix ${rule.prefix})`;
  const prefixJa = !rule.prefix ? '' : `（プレフィックス ${rule.prefix}）`;
  if (rule.expirationDays === 'unknown') {
    return bi(`${where.en} has a lifecycle rule${which}${prefix} that expires the log objects (${keys}…) after a number of days the guard cannot read`,
      `${where.ja}のライフサイクルルール${which}${prefixJa}が、ログのオブジェクト（${keys}…）を失効させる日数をガードが読めない`);
  }
  if (rule.expirationDays !== undefined && rule.expirationDays < LOG_RETENTION_DAYS) {
    const n = rule.expirationDays;
    return bi(`${where.en} has a lifecycle rule${which}${prefix} that expires the log objects (${keys}…) after ${n} day${n === 1 ? '' : 's'}, fewer than ${LOG_RETENTION_DAYS}`,
      `${where.ja}のライフサイクルルール${which}${prefixJa}が、ログのオブジェクト（${keys}…）を ${n} 日で失効させ、${LOG_RETENTION_DAYS} 日に満たない`);
  }
  // On and after the date every object the rule takes expires, whatever its age (a log written the day before included).
  if (rule.expirationDate !== undefined) {
    return bi(`${where.en} has a lifecycle rule${which}${prefix} that expires the log objects (${keys}…) on a date (${rule.expirationDate}), whatever their age`,
      `${where.ja}のライフサイクルルール${which}${prefixJa}が、ログのオブジェクト（${keys}…）を経過日数にかかわらず日付（${rule.expirationDate}）で失効させる`);
  }
  return undefined;
}

/**
 * Why a bucket of the output keeps the log objects under `keys` too briefly: a lifecycle rule in effect that may take
 * them (by its prefix) and expires current objects in fewer than LOG_RETENTION_DAYS days or on a date, or a lifecycle
 * configuration the guard cannot read — the bucket's own, one of a resource that names it (by reference or literal
 * name), or one whose bucket the guard cannot resolve (it may be this one). Non-current version expiration, transitions
 * and expired delete markers delete no current log object and are not read.
 */
function lifecycleProblem(graph: TopologyGraph, bucket: BucketNode, keys: string): Bilingual | undefined {
  const name = nameOf(graph, bucket.id);
  const own = bi(`bucket ${name}`, `バケット ${name} `);
  const configs: { where: Bilingual; rules: readonly BucketLifecycleRule[] | 'unknown' }[] = bucket.lifecycle ? [{ where: own, rules: bucket.lifecycle }] : [];
  for (const c of nodesOf(graph, 's3-lifecycle')) {
    const b = c.bucket;
    if (b.kind === 'node' ? b.id === bucket.id : b.kind === 'external' ? bucket.name !== undefined && b.value === bucket.name : false) {
      configs.push({ where: bi(`bucket ${name} (${nameOf(graph, c.id)})`, `バケット ${name}（${nameOf(graph, c.id)}）`), rules: c.rules });
    } else if (b.kind === 'unresolved') {
      configs.push({
        where: bi(`the lifecycle configuration ${nameOf(graph, c.id)}, whose bucket the guard cannot resolve (it may be ${name}),`,
          `バケットをガードが解決できないライフサイクル設定 ${nameOf(graph, c.id)}（${name} かもしれない）`),
        rules: c.rules,
      });
    }
  }
  for (const { where, rules } of configs) {
    if (rules === 'unknown') {
      return bi(`${where.en} has a lifecycle configuration the guard cannot read`, `${where.ja}のライフサイクル設定をガードが読めない`);
    }
    const problem = rules.map((r) => ruleProblem(where, r, keys)).find((p) => p !== undefined);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Why a flow-log or firewall-log destination keeps too little (LOG-1), and its fix: a log group of the output kept too
 * briefly, a bucket of the output whose lifecycle expires the log objects too early, or a CloudWatch Logs destination the
 * guard cannot resolve (its retention cannot be read). A destination outside the output (a literal of no bucket or group
 * of the output) is not judged: its retention is not in the output.
 */
function keepsTooLittle(graph: TopologyGraph, d: Destination): { why: Bilingual; fix: Bilingual } | undefined {
  const local = outputSink(graph, d);
  if (local?.type === 'log-group') {
    const why = retentionProblem(graph, local);
    return why && { why, fix: RETENTION_FIX };
  }
  if (local?.type === 's3-bucket') {
    const why = lifecycleProblem(graph, local, logKeys(d));
    return why && { why, fix: LIFECYCLE_FIX };
  }
  if (!local && d.sink?.kind === 'unresolved' && /^cloud-?watch-?logs$/i.test(d.destinationType)) {
    return {
      why: bi(`it goes to a log group the guard cannot resolve (${d.destination ?? d.sink.expression}), whose retention it cannot read`,
        `送り先のロググループ（${d.destination ?? d.sink.expression}）をガードが解決できず、保持期間を読めない`),
      fix: RETENTION_FIX,
    };
  }
  return undefined;
}

/** The fix of a log group kept too briefly. */
const RETENTION_FIX = bi(`keep the log group's events at least ${LOG_RETENTION_DAYS} days (RetentionInDays / retention_in_days; absent keeps them for ever), `
  + 'a literal the guard can read', `ロググループのイベントを ${LOG_RETENTION_DAYS} 日以上保持する（RetentionInDays・retention_in_days。指定しなければ無期限）。値はガードが読めるリテラルにする`);

/** The fix of a bucket whose lifecycle expires the logs too early. */
const LIFECYCLE_FIX = bi(`expire the log objects no sooner than ${LOG_RETENTION_DAYS} days (ExpirationInDays / expiration.days, a literal the guard can read; `
  + 'no expiration date), or give the expiring rule a prefix apart from the logs\' (logging.retentionDays of the blueprint sets the library\'s bucket)',
`ログのオブジェクトを ${LOG_RETENTION_DAYS} 日より前に失効させない（ExpirationInDays・expiration.days はガードが読めるリテラルにし、失効日は指定しない）か、`
  + '失効させるルールのプレフィックスをログのものと分ける（ライブラリのバケットはブループリントの logging.retentionDays で設定する）');

/**
 * A destination is the SIEM sink when it is named by ARN / name from outside the synthesized output; a bucket or log group
 * of the output is only an archive, whether referenced (rendered `{s3-bucket}`) or named by a literal ARN / name
 * (`outputSink`) — unless it is the security cloud hub's SIEM bucket of the same app (`isSiemSink`, SC-4). When the scope
 * declares its SIEM (`GuardContext.siem`: the blueprint's `logging.siemBucketArn`, or the hub's), a literal destination
 * must name a declared one (`namesDeclaredSiem`); when it declares none (a stack built by hand, the CLI without a
 * blueprint), any literal destination outside the output counts as the SIEM (docs/guard-semantics.md, LOG-1).
 */
const external = (graph: TopologyGraph, d: Destination) =>
  d.destination !== undefined && !d.destination.includes('{') && outputSink(graph, d) === undefined;

/** The bucket name of an S3 bucket ARN (`arn:<partition>:s3:::<name>`). */
const bucketNameOf = (arn: string): string | undefined => BUCKET_ARN.exec(arn)?.[1];

/**
 * Whether a literal destination names a declared SIEM bucket: an S3 destination whose ARN is the bucket's ARN or an ARN
 * under it (`<bucket ARN>/<key prefix>`, as a flow log's `LogDestination` names a folder:
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html), or, given as a plain name (Network Firewall's
 * `bucketName`, which takes the key prefix apart in `prefix`:
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_LogDestinationConfig.html), the bucket's name.
 * A SIEM declared by a reference (`bucketArn` undefined) is named by no literal.
 */
function namesDeclaredSiem(d: Destination, siems: readonly DeclaredSiem[]): boolean {
  const v = d.destination;
  if (v === undefined || !/^s3$/i.test(d.destinationType)) return false;
  return siems.some(({ bucketArn }) => {
    if (bucketArn === undefined) return false;
    return v.startsWith('arn:') ? v === bucketArn || v.startsWith(`${bucketArn}/`) : v.split('/')[0] === bucketNameOf(bucketArn);
  });
}

/** Whether a flow-log or firewall-log destination reaches the SIEM (β / β′), by the SIEMs `siems` declared. */
function reachesSiem(graph: TopologyGraph, siems: readonly DeclaredSiem[] | undefined, d: Destination): boolean {
  if (isSiemSink(graph, d.sink, siems)) return true;
  if (!external(graph, d)) return false;
  return siems === undefined || siems.length === 0 || namesDeclaredSiem(d, siems);
}

/** The declared SIEMs in words: their ARNs, or the hub's SIEM bucket for one declared by a reference. */
function declaredInWords(siems: readonly DeclaredSiem[], ja = false): string {
  const names = [...new Set(siems.map((x) => x.bucketArn ?? (ja ? 'セキュリティクラウドのハブの SIEM バケット' : "the security cloud hub's SIEM bucket")))];
  return names.join(ja ? '、' : ' or ');
}

/** A destination as a finding names it: its rendering, and the output's bucket / log group a literal one names. */
function shown(graph: TopologyGraph, d: Destination, ja = false): string {
  const local = d.destination !== undefined && !d.destination.includes('{') ? outputSink(graph, d) : undefined;
  const what = local && (ja ? `（合成結果の${local.type === 's3-bucket' ? 'バケット' : 'ロググループ'} ${nameOf(graph, local.id)}）`
    : ` (${local.type === 's3-bucket' ? 'bucket' : 'log group'} ${nameOf(graph, local.id)} of the synthesized output)`);
  return `${d.destination ?? d.destinationType}${what ?? ''}`;
}

function siemFindings(ctx: GuardContext, add: (id: string, message: Bilingual, fix: Bilingual) => void): void {
  // Each VPC's and firewall's logs are judged by the SIEMs declared where it lies (`declaredAt`: a prefecture's member
  // declares its own), so that a literal destination naming another member's SIEM does not count for it.
  const words = new Map<readonly DeclaredSiem[] | undefined, { fix: Bilingual; sink: Bilingual }>();
  const judged = (id: string) => {
    const siems = declaredAt(ctx, nameOf(ctx.graph, id)).siem;
    let said = words.get(siems);
    if (!said) words.set(siems, said = siemWords(siems));
    return { siems, ...said };
  };
  for (const vpc of nodesOf(ctx.graph, 'vpc').filter((v) => v.segment !== undefined)) {
    const logs = flowLogsOf(ctx.graph, vpc.id).filter((l) => l.trafficType === 'ALL');
    const { siems, fix, sink } = judged(vpc.id);
    if (logs.length > 0 && !logs.some((l) => reachesSiem(ctx.graph, siems, l))) {
      const to = (ja?: boolean) => logs.map((l) => shown(ctx.graph, l, ja)).join(', ');
      add(vpc.id, bi(`the flow log of the ${vpc.segment} VPC goes to ${to()}, not to ${sink.en}`,
        `${SEGMENT_JA[vpc.segment as Segment]}の VPC のフローログの送り先が、${spaced(sink.ja)}ではなく ${to(true)}`), fix);
    }
  }
  for (const fw of nodesOf(ctx.graph, 'firewall')) {
    const destinations = firewallLogDestinations(ctx.graph, fw.id);
    const { siems, fix, sink } = judged(fw.id);
    const local = destinations.filter((d) => !reachesSiem(ctx.graph, siems, d));
    if (local.length > 0) {
      add(fw.id, bi(`firewall ${fw.id} sends ${local.map((d) => `${d.logType} logs to ${shown(ctx.graph, d)}`).join(', ')}, not to ${sink.en}`,
        `ファイアウォール ${fw.id} のログの送り先が ${spaced(sink.ja)}ではない（${local.map((d) => `${d.logType} ログ → ${shown(ctx.graph, d, true)}`).join(', ')}）`), fix);
    }
  }
}

/** The fix of a log not delivered to the SIEM, and the SIEM in words, by the SIEMs declared. */
function siemWords(siems: readonly DeclaredSiem[] | undefined): { fix: Bilingual; sink: Bilingual } {
  const declared = siems !== undefined && siems.length > 0 ? siems : undefined;
  const fix = declared
    ? bi(`deliver the log to the declared SIEM, ${declaredInWords(declared)} (logging.siemBucketArn), or to a key prefix under it, as β/β′ require (ログ管理, SIEM)`,
      `β・β′ モデルが求めるとおり、ログを宣言した SIEM（${declaredInWords(declared, true)}、logging.siemBucketArn）か、その下のキープレフィックスへ送る（ログ管理、SIEM）`)
    : bi('deliver the log to the SIEM\'s ingestion bucket (logging.siemBucketArn), as β/β′ require (ログ管理, SIEM)',
      'β・β′ モデルが求めるとおり、ログを SIEM の取り込み用バケット（logging.siemBucketArn）へ送る（ログ管理、SIEM）');
  const sink = declared ? bi(`the declared SIEM (${declaredInWords(declared)})`, `宣言した SIEM（${declaredInWords(declared, true)}）`) : bi('a SIEM sink', 'SIEM');
  return { fix, sink };
}

/**
 * The files a boot script has the CloudWatch agent ship, with their log groups: the agent configuration the script
 * writes between `<<'JICHITAI_CWAGENT_CONF'` and its delimiter (JSON), counted only when a later command of the script
 * (`scriptCommands`: not a comment, not inside a heredoc) loads it and starts the agent (`AGENT_START`, the whole line:
 * `true || …` is not it).
 */
export function shippedFiles(node: UserDataNode): { file: string; group: string }[] {
  const commands = scriptCommands(node.text);
  const out: { file: string; group: string }[] = [];
  commands.forEach((c, i) => {
    const start = new RegExp(`^cat > (\\S+) <<'${AGENT_CONF_EOF}'$`).exec(c.line);
    if (!start || !c.heredoc) return;
    const started = commands.slice(i + 1).some((l) => AGENT_START.exec(l.line)?.[1] === start[1]);
    if (!started) return;
    let config: any;
    try {
      config = JSON.parse(c.heredoc.join('\n'));
    } catch {
      return;
    }
    const list = config?.logs?.logs_collected?.files?.collect_list;
    for (const entry of Array.isArray(list) ? list : []) {
      if (typeof entry?.file_path === 'string' && typeof entry?.log_group_name === 'string') out.push({ file: entry.file_path, group: entry.log_group_name });
    }
  });
  return out;
}

/** The log formats Squid has built in (https://www.squid-cache.org/Doc/config/logformat/, Default Value). */
const BUILT_IN_LOG_FORMATS = ['squid', 'common', 'combined', 'referrer', 'useragent'];

/**
 * The ACLs an `access_log` line logs under, besides `all` (which matches every request). Squid's syntax
 * (https://www.squid-cache.org/Doc/config/access_log/): `access_log <module>:<place> [option ...] [acl acl ...]`, options
 * holding `=`, or the older `access_log <module>:<place> [<logformat name> [acl acl ...]]`; Squid logs there "those
 * entries which match ALL the acl's specified", and every request only when no ACL is given. ACL names are matched
 * without case, as Squid finds them.
 */
function accessLogAcls(d: readonly string[], formats: ReadonlySet<string>): string[] {
  let rest = d.slice(2);
  while (rest.length > 0 && rest[0].includes('=')) rest = rest.slice(1);
  if (rest.length > 0 && formats.has(rest[0])) rest = rest.slice(1);
  return rest.filter((a) => a.toLowerCase() !== 'all');
}

/**
 * Why a proxy's access log is not shipped: Squid writes every request (an `access_log` line without ACLs) to a file
 * (`access_log stdio:<file>`) that the CloudWatch agent of the same boot script sends to a log group of the synthesized
 * output (by its literal name). Else undefined.
 */
function proxyLogProblem(graph: TopologyGraph, node: UserDataNode, conf: SquidConf): Bilingual | undefined {
  const accessLogs = conf.directives.filter((d) => d[0] === 'access_log');
  if (accessLogs.length === 0 || accessLogs.some((d) => d[1] === 'none')) {
    return bi('Squid writes no access log (access_log none or absent)', 'Squid がアクセスログを書き出さない（access_log が none か、指定がない）');
  }
  const formats = new Set([...BUILT_IN_LOG_FORMATS, ...conf.directives.filter((d) => d[0] === 'logformat' && d[1] !== undefined).map((d) => d[1])]);
  if (accessLogs.every((d) => accessLogAcls(d, formats).length > 0)) {
    const lines = accessLogs.map((d) => d.join(' ')).join('; ');
    return bi(`every access_log line logs only the requests that match its ACLs (${lines})`,
      `どの access_log の行も、その ACL に合う要求しか記録しない（${lines}）`);
  }
  const files = accessLogs.map((d) => d[1]);
  const notFile = files.find((f) => !f.startsWith('stdio:'));
  if (notFile) {
    return bi(`the access log goes to ${notFile}, which the guard cannot follow to a sink (only stdio:<file> shipped by the CloudWatch agent can)`,
      `アクセスログの書き出し先 ${notFile} から送り先までをガードが追跡できない（追跡できるのは、CloudWatch エージェントが送る stdio:<file> だけ）`);
  }
  const shipped = shippedFiles(node);
  for (const f of files.map((x) => x.slice('stdio:'.length))) {
    const entries = shipped.filter((s) => s.file === f);
    if (entries.length === 0) {
      return bi(`the access log ${f} is not shipped: the boot script configures and starts no CloudWatch agent that collects it`,
        `アクセスログ ${f} が転送されていない: 起動スクリプトが、これを収集する CloudWatch エージェントを設定・起動していない`);
    }
    const missing = entries.find((e) => namedNodes(graph, 'log-group', e.group).length === 0);
    if (missing) {
      return bi(`the access log ${f} is shipped to log group ${missing.group}, which is not in the synthesized output`,
        `アクセスログ ${f} の転送先のロググループ ${missing.group} が合成結果にない`);
    }
  }
  return undefined;
}

/**
 * Why a shipped access log is kept too briefly: a log group the CloudWatch agent sends it to (every group of that name:
 * which one the agent writes to is the deploying account's) keeps its events fewer days than LOG_RETENTION_DAYS.
 */
function proxyRetentionProblem(graph: TopologyGraph, node: UserDataNode): Bilingual | undefined {
  const names = new Set(shippedFiles(node).map((s) => s.group));
  return nodesOf(graph, 'log-group').filter((g) => g.name !== undefined && names.has(g.name)).map((g) => retentionProblem(graph, g)).find((p) => p !== undefined);
}

/** LOG-1: flow logs on every segment VPC, alert and flow logs on every firewall, the proxy's access log shipped. */
export const LOG1: GuardRule = {
  id: 'LOG-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'ログ管理',
  summary: 'Flow logs (all traffic, with the default record format\'s fields) on every segment VPC; alert and flow logs on every firewall; the forward proxy\'s access log shipped to a log '
    + `group by the CloudWatch agent; log groups of the output that hold them kept at least ${LOG_RETENTION_DAYS} days (a retention aws-cdk-lib's LogRetention sets `
    + 'on their name counts too), and buckets of the output that receive '
    + 'flow or firewall logs not expiring them sooner (lifecycle rules); in β/β′ all of them delivered to the declared SIEM sink (a literal destination names '
    + 'the blueprint\'s logging.siemBucketArn when one is declared).',
  check(ctx) {
    const findings: Finding[] = [];
    const add = (id: string, message: Bilingual, fix: Bilingual) =>
      findings.push(finding(this, nameOf(ctx.graph, id), message, fix));
    for (const vpc of nodesOf(ctx.graph, 'vpc').filter((v) => v.segment !== undefined)) {
      const all = flowLogsOf(ctx.graph, vpc.id).filter((l) => l.trafficType === 'ALL');
      // A record format without the addresses, ports, protocol, times and verdict (or one the guard cannot read) logs that
      // traffic passed, not which: no 証跡 of who talked to whom (the default format has them all: log-delivery.ts).
      const logs = all.filter((l) => l.logFormatUnread === undefined && missingFlowLogFields(l.logFormat).length === 0);
      const kept = logs.filter((l) => !keepsTooLittle(ctx.graph, l));
      if (logs.length === 0) {
        const partial = all[0];
        const lacks = partial === undefined ? bi('', '') : partial.logFormatUnread !== undefined
          ? bi(` (flow log ${nameOf(ctx.graph, partial.id)} has a record format the guard cannot read: ${partial.logFormatUnread})`,
            `（フローログ ${nameOf(ctx.graph, partial.id)} のレコード形式をガードが読めない: ${partial.logFormatUnread}）`)
          : bi(` (the record format of flow log ${nameOf(ctx.graph, partial.id)} leaves out ${missingFlowLogFields(partial.logFormat).join(', ')})`,
            `（フローログ ${nameOf(ctx.graph, partial.id)} のレコード形式に ${missingFlowLogFields(partial.logFormat).join('、')} がない）`);
        add(vpc.id, bi(`the ${vpc.segment} VPC has no flow log of all traffic${lacks.en}`, `${SEGMENT_JA[vpc.segment as Segment]}の VPC に、全通信のフローログがない${lacks.ja}`),
          bi('add a VPC flow log with TrafficType ALL and the default record format (or one with its fields) to the log bucket or the SIEM sink',
            'TrafficType ALL で既定のレコード形式（またはそのフィールドを含む形式）の VPC フローログを、ログ用バケットか SIEM へ送るように追加する'));
      } else if (kept.length === 0) {
        const { why, fix } = keepsTooLittle(ctx.graph, logs[0])!;
        add(vpc.id, bi(`the flow log of the ${vpc.segment} VPC keeps too little: ${why.en}`, `${SEGMENT_JA[vpc.segment as Segment]}の VPC のフローログの保持が足りない: ${why.ja}`),
          fix);
      }
    }
    for (const fw of nodesOf(ctx.graph, 'firewall')) {
      const destinations = firewallLogDestinations(ctx.graph, fw.id);
      const types = new Set(destinations.filter((d) => !keepsTooLittle(ctx.graph, d)).map((d) => d.logType));
      const missing = ['ALERT', 'FLOW'].filter((t) => !types.has(t));
      const short = missing.map((t) => destinations.find((d) => d.logType === t)).find((d) => d !== undefined);
      if (short) {
        const { why, fix } = keepsTooLittle(ctx.graph, short)!;
        add(fw.id, bi(`firewall ${fw.id} keeps too little of its ${short.logType} logs: ${why.en}`, `ファイアウォール ${fw.id} の ${short.logType} ログの保持が足りない: ${why.ja}`),
          fix);
      } else if (missing.length > 0) {
        add(fw.id, bi(`firewall ${fw.id} does not log ${missing.join(' and ')}`, `ファイアウォール ${fw.id} が ${missing.join(' と ')} のログを記録していない`),
          bi('add a logging configuration with ALERT and FLOW destinations', 'ALERT と FLOW の送り先を持つログ設定を追加する'));
      }
    }
    for (const { node, conf } of proxyConfigs(ctx.graph)) {
      // What Squid loads cannot be read: its access_log neither.
      const problem = conf.unreadable ?? proxyLogProblem(ctx.graph, node, conf);
      if (problem) {
        add(node.id, bi(`the proxy's access log is not shipped: ${problem.en}`, `プロキシのアクセスログが転送されていない: ${problem.ja}`),
          bi('keep access_log stdio:/var/log/squid/access.log and the CloudWatch agent configuration of the generated boot script, and the log group it names',
            '生成した起動スクリプトの access_log stdio:/var/log/squid/access.log と CloudWatch エージェントの設定、その設定が指すロググループを残す'));
      } else {
        const short = proxyRetentionProblem(ctx.graph, node);
        if (short) add(node.id, bi(`the proxy's access log is kept too briefly: ${short.en}`, `プロキシのアクセスログの保持が足りない: ${short.ja}`), RETENTION_FIX);
      }
    }
    if (SIEM_MODELS.includes(ctx.model)) siemFindings(ctx, add);
    return findings;
  },
};
