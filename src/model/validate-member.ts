/**
 * Validation of `internet.securityCloudHub`: a municipality joining the prefecture security cloud (自治体情報セキュリティ
 * クラウド) hub by declaration. Its values reach the synthesized template (transit gateway IDs, route tables, the SIEM
 * bucket's ARN), so each one is checked against its real grammar or accepted as exactly one engine reference.
 * Every problem is reported (never thrown), whatever the input.
 */
import { bi } from './bilingual';
import { Ipv4Cidr, cidrSpellingProblem, ipv4AddressSpellingProblem } from './cidr';
import { CDK_TOKEN, CDKTF_TOKEN } from './validate-breakout';
import { isObject, isStringArray, LIMITS, Problems, RFC1918, show } from './validate-common';

const PATH = 'internet.securityCloudHub';
const KNOWN = ['transitGatewayId', 'hubCidr', 'dnsAddresses', 'proxyEndpoint', 'siemBucketArn', 'hubRouteTableId', 'hubAttachmentId'];

/** A string token of either engine, exactly (a value resolved at deploy time: an attribute of the same app's hub). */
const isToken = (v: unknown): boolean => typeof v === 'string' && (CDK_TOKEN.test(v) || CDKTF_TOKEN.test(v));
const TGW_ID = /^tgw-[0-9a-f]{8,17}$/;
const TGW_ROUTE_TABLE_ID = /^tgw-rtb-[0-9a-f]{8,17}$/;
const TGW_ATTACHMENT_ID = /^tgw-attach-[0-9a-f]{8,17}$/;
/** S3 bucket ARN (bucket names: 3-63 of lower-case letters, digits, `.` and `-`), as `logging.siemBucketArn`. */
export const S3_BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** A DNS host name (RFC 1123 labels), for the proxy endpoint. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A token of either engine inside a larger string (`${Token[...]}:8080` from a same-app hub's load balancer). */
const TOKEN_HOST = /^\$\{(?:Tf)?Token\[[A-Za-z0-9:._-]+\]\}$/;

/** What the rest of validation needs from a valid (or partly valid) hub connection. */
export interface MemberCheckResult {
  /** The hub CIDR, when it parsed: the default of `internet.securityCloudCidrs`. */
  readonly hubCidr?: Ipv4Cidr;
}

/** The context the connection is checked in. */
export interface MemberCheckContext {
  readonly securityCloudGiven: boolean;
  readonly securityCloudDnsGiven: boolean;
  readonly builtIn: boolean;
  readonly localGovernmentCode: unknown;
  readonly segments: readonly Ipv4Cidr[];
  readonly wan: readonly Ipv4Cidr[];
  /** `internet.securityCloudCidrs` as given (each must then lie inside the hub CIDR: the member reaches nothing else). */
  readonly securityCloudCidrs: readonly Ipv4Cidr[];
  /** `logging.siemBucketArn` as given. */
  readonly loggingSiemBucketArn: unknown;
}

/** Check `internet.securityCloudHub` (present); returns the hub CIDR when it parsed. */
export function checkSecurityCloudHub(p: Problems, hub: unknown, ctx: MemberCheckContext): MemberCheckResult {
  const example = '{ transitGatewayId: "tgw-...", hubCidr: "172.30.0.0/16", dnsAddresses: ["172.30.0.10"], siemBucketArn: "arn:aws:s3:::aws-waf-logs-..." }, or securityCloud: hub on the construct';
  if (!isObject(hub)) {
    p.add(PATH, bi('must be an object', 'はオブジェクトでなければならない'), bi(`give ${example}`, `${example} を指定する`));
    return {};
  }
  if (ctx.builtIn) {
    p.add(PATH, bi('is set but internet.egress is BUILT_IN: a member of the security cloud reaches the internet only through the hub (IN-1)', 'が指定されているが、internet.egress が BUILT_IN: 自治体情報セキュリティクラウドの構成団体はハブ経由でのみインターネットへ出る（IN-1）'),
      bi('remove internet.egress (SECURITY_CLOUD is the default), or remove securityCloudHub', 'internet.egress を削除する（既定は SECURITY_CLOUD）か、securityCloudHub を削除する'));
  }
  if (ctx.securityCloudGiven) {
    p.add(`${PATH}`, bi('and internet.securityCloud are both set: the Internet segment joins the hub directly over its transit gateway, or reaches an external security cloud over a VPN / attachment, not both', 'と internet.securityCloud の両方が指定されている: インターネット接続系は、ハブの Transit Gateway に直接参加するか、VPN / アタッチメントで外部の自治体情報セキュリティクラウドへつなぐかのどちらか一方'),
      bi('remove internet.securityCloud (joining the hub), or remove securityCloudHub', 'internet.securityCloud を削除する（ハブに参加する場合）か、securityCloudHub を削除する'));
  }
  if (ctx.securityCloudDnsGiven) {
    p.add('internet.securityCloudDns', bi('is set with internet.securityCloudHub, whose dnsAddresses are the resolvers (IN-2)', 'が internet.securityCloudHub と一緒に指定されている: リゾルバは securityCloudHub.dnsAddresses（IN-2）'),
      bi('remove internet.securityCloudDns and give the hub\'s resolvers in securityCloudHub.dnsAddresses', 'internet.securityCloudDns を削除し、ハブのリゾルバを securityCloudHub.dnsAddresses に指定する'));
  }
  const code = ctx.localGovernmentCode;
  if (code === undefined) {
    p.add('localGovernmentCode', bi('is missing: a member of the security cloud is told apart from the others by its local government code (全国地方公共団体コード, tag jichitai:municipality; SC-1)', 'がない: 自治体情報セキュリティクラウドの構成団体は、全国地方公共団体コード（タグ jichitai:municipality）で互いに区別される（SC-1）'),
      bi('give localGovernmentCode, the six digits with the check digit', 'localGovernmentCode に検査数字を含む 6 桁を指定する'));
  }
  for (const prop of Object.keys(hub)) {
    if (!KNOWN.includes(prop)) {
      p.add(`${PATH}.${prop}`, bi(`is not a property of the hub connection (${KNOWN.join(', ')})`, `はハブへの接続のプロパティではない（${KNOWN.join(', ')}）`), bi('remove it, or correct its name', '削除するか、名前を直す'));
    }
  }

  const tokenFix = (what: string, form: string) => bi(`give the ${what} (${form}) the hub's owner gives you, or the attribute of the same app's hub (securityCloud: hub)`,
    `ハブの運用者から受け取った ${what}（${form}）を指定するか、同じアプリのハブの属性（securityCloud: hub）を使う`);
  const checkId = (prop: string, value: unknown, re: RegExp, what: string, form: string) => {
    if (value === undefined) {
      p.add(`${PATH}.${prop}`, bi(`is missing: the ${what}`, `がない: ${what}`), tokenFix(what, form));
    } else if (!(typeof value === 'string' && (re.test(value) || isToken(value)))) {
      p.add(`${PATH}.${prop}`, bi(`${show(value)} is not a ${what} ID or a reference to one`, `${show(value)} は ${what} の ID でも、その参照でもない`), tokenFix(what, form));
    }
  };
  checkId('transitGatewayId', hub.transitGatewayId, TGW_ID, 'hub transit gateway', 'tgw-0123456789abcdef0');

  const siem = hub.siemBucketArn;
  if (siem === undefined) {
    p.add(`${PATH}.siemBucketArn`, bi('is missing: the member\'s flow and firewall logs go to the hub\'s SIEM sink (SC-4, ログ収集)', 'がない: 構成団体のフローログとファイアウォールのログはハブの SIEM に送る（SC-4、ログ収集）'), tokenFix('SIEM bucket ARN', 'arn:aws:s3:::bucket-name'));
  } else if (!(typeof siem === 'string' && (S3_BUCKET_ARN.test(siem) || isToken(siem)))) {
    p.add(`${PATH}.siemBucketArn`, bi(`${show(siem)} is not an S3 bucket ARN or a reference to one`, `${show(siem)} は S3 バケットの ARN でも、その参照でもない`), tokenFix('SIEM bucket ARN', 'arn:aws:s3:::bucket-name'));
  }
  const loggingSiem = ctx.loggingSiemBucketArn;
  if (loggingSiem !== undefined && loggingSiem !== siem) {
    p.add('logging.siemBucketArn', bi('is set with internet.securityCloudHub: a member\'s logs go to the hub\'s SIEM sink under members/<code>/ (SC-4)', 'が internet.securityCloudHub と一緒に指定されている: 構成団体のログはハブの SIEM の members/<コード>/ に送る（SC-4）'),
      bi('remove logging.siemBucketArn (securityCloudHub.siemBucketArn is used)', 'logging.siemBucketArn を削除する（securityCloudHub.siemBucketArn が使われる）'));
  }

  const rt = hub.hubRouteTableId;
  const at = hub.hubAttachmentId;
  if ((rt === undefined) !== (at === undefined)) {
    const missing = rt === undefined ? 'hubRouteTableId' : 'hubAttachmentId';
    p.add(`${PATH}.${missing}`, bi('is missing: hubRouteTableId and hubAttachmentId go together (same app: the member creates its own hub route table, associates it and propagates both ways)', 'がない: hubRouteTableId と hubAttachmentId は両方指定する（同じアプリでは、構成団体が自身のハブのルートテーブルを作り、関連付けと双方向の伝播を行う）'),
      bi('give both (securityCloud: hub fills them in), or neither when the hub\'s owner declares you in SecurityCloudProps.members', '両方を指定する（securityCloud: hub なら自動で入る）か、ハブの運用者が SecurityCloudProps.members で宣言する場合はどちらも省略する'));
  }
  if (rt !== undefined) checkId('hubRouteTableId', rt, TGW_ROUTE_TABLE_ID, 'hub transit gateway route table', 'tgw-rtb-0123456789abcdef0');
  if (at !== undefined) checkId('hubAttachmentId', at, TGW_ATTACHMENT_ID, 'hub VPC transit gateway attachment', 'tgw-attach-0123456789abcdef0');

  const proxy = hub.proxyEndpoint;
  if (proxy !== undefined && proxyEndpointProblem(proxy)) {
    p.add(`${PATH}.proxyEndpoint`, bi(`${show(proxy)} is not host:port`, `${show(proxy)} は host:port の形ではない`),
      bi('write the proxy\'s host name or IPv4 address and its port, e.g. "proxy.pref.example.lg.jp:8080", or leave it out', 'プロキシのホスト名か IPv4 アドレスとポートを書く（例: "proxy.pref.example.lg.jp:8080"）か、省略する'));
  }

  // The hub CIDR: the only destination the member routes to the hub.
  let hubCidr: Ipv4Cidr | undefined;
  const text = hub.hubCidr;
  if (text === undefined) {
    p.add(`${PATH}.hubCidr`, bi('is missing: the hub VPC\'s CIDR, the only destination the member routes to the hub', 'がない: ハブの VPC の CIDR（構成団体がハブへ経路を持つ唯一の宛先）'), bi('give the hub\'s CIDR, e.g. "172.30.0.0/16"', 'ハブの CIDR を指定する。例: "172.30.0.0/16"'));
  } else {
    const problem = cidrSpellingProblem(text);
    if (problem) {
      p.add(`${PATH}.hubCidr`, problem, 'write a.b.c.d/n canonically: decimal octets without leading zeros, the host bits zero, no spaces');
    } else {
      const cidr = Ipv4Cidr.parse(text as string);
      if (!RFC1918.some((r) => r.contains(cidr))) {
        p.add(`${PATH}.hubCidr`, bi(`${cidr} is not private address space (RFC 1918)`, `${cidr} はプライベートアドレス空間（RFC 1918）ではない`), bi('give the hub VPC\'s CIDR (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)', 'ハブの VPC の CIDR（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16 のいずれかの中）を指定する'));
      }
      for (const s of ctx.segments) {
        if (s.overlaps(cidr)) p.add(`${PATH}.hubCidr`, bi(`${cidr} overlaps the segment CIDR ${s} (SEG-2)`, `${cidr} が系の CIDR ${s} と重なっている（SEG-2）`), bi('renumber the segments or correct the hub CIDR', '系のアドレスを振り直すか、ハブの CIDR を直す'));
      }
      for (const w of ctx.wan) {
        if (w.overlaps(cidr)) p.add(`${PATH}.hubCidr`, bi(`${cidr} overlaps lgwan.wanCidrs ${w}: the LGWAN WAN and the security cloud are separate networks (LG-1)`, `${cidr} が lgwan.wanCidrs ${w} と重なっている: LGWAN と自治体情報セキュリティクラウドは別のネットワーク（LG-1）`), bi('correct the hub CIDR or the WAN ranges', 'ハブの CIDR か WAN のアドレス範囲を直す'));
      }
      ctx.securityCloudCidrs.forEach((c, i) => {
        if (!cidr.contains(c)) {
          p.add(`internet.securityCloudCidrs[${i}]`, bi(`${c} is outside securityCloudHub.hubCidr ${cidr}: a member reaches only the hub`, `${c} が securityCloudHub.hubCidr ${cidr} の外にある: 構成団体が届くのはハブだけ`), bi('list ranges inside the hub CIDR, or leave securityCloudCidrs out (it defaults to the hub CIDR)', 'ハブの CIDR の中の範囲を挙げるか、securityCloudCidrs を省略する（既定はハブの CIDR）'));
        }
      });
      hubCidr = cidr;
    }
  }

  const dns = hub.dnsAddresses;
  const dnsPath = `${PATH}.dnsAddresses`;
  if (!isStringArray(dns) || dns.length === 0 || dns.length > LIMITS.securityCloudDns) {
    p.add(dnsPath, bi(`${dns === undefined ? 'is missing' : 'is not a list of 1 to ' + LIMITS.securityCloudDns + ' IPv4 addresses'}: the hub's DNS (Route 53 Resolver inbound endpoint) the member forwards every name to (IN-2)`, `${dns === undefined ? 'がない' : `が 1 個から ${LIMITS.securityCloudDns} 個の IPv4 アドレスのリストではない`}: 構成団体がすべての名前を転送するハブの DNS（Route 53 Resolver のインバウンドエンドポイント）（IN-2）`),
      bi('give the hub\'s resolver addresses, e.g. ["172.30.0.10", "172.30.1.10"]', 'ハブのリゾルバのアドレスを指定する。例: ["172.30.0.10", "172.30.1.10"]'));
  } else {
    const seen = new Set<string>();
    dns.forEach((a, i) => {
      const problem = ipv4AddressSpellingProblem(a);
      if (problem) {
        p.add(`${dnsPath}[${i}]`, problem, 'write a.b.c.d canonically: decimal octets without leading zeros, no spaces');
        return;
      }
      if (seen.has(a)) p.add(`${dnsPath}[${i}]`, bi(`lists ${a} more than once`, `に ${a} が重複している`), bi('list each resolver once', 'リゾルバは 1 回ずつ挙げる'));
      seen.add(a);
      if (hubCidr && !hubCidr.contains(Ipv4Cidr.parse(`${a}/32`))) {
        p.add(`${dnsPath}[${i}]`, bi(`${a} is outside hubCidr ${hubCidr}: the member reaches only the hub (IN-2)`, `${a} が hubCidr ${hubCidr} の外にある: 構成団体が届くのはハブだけ（IN-2）`), bi('give the hub\'s resolver addresses', 'ハブのリゾルバのアドレスを指定する'));
      }
    });
  }
  return { hubCidr };
}

/** Whether `v` is not `host:port` (host: a DNS name, a canonical IPv4 address or one engine token; port 1-65535). */
function proxyEndpointProblem(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 300) return true;
  const m = /^(.+):(\d{1,5})$/.exec(v);
  if (!m) return true;
  const port = Number(m[2]);
  if (!(port >= 1 && port <= 65535) || String(port) !== m[2]) return true;
  const host = m[1];
  if (TOKEN_HOST.test(host)) return false;
  if (/^[\d.]+$/.test(host)) return ipv4AddressSpellingProblem(host) !== undefined;
  return !HOST_NAME.test(host);
}
