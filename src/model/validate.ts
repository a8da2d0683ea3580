import { bi } from './bilingual';
import { MunicipalNetworkBlueprintProps, InternetEgressMode, TransitConnectionProps } from './blueprint';
import { cidrSpellingProblem, Ipv4Cidr, ipv4AddressSpellingProblem } from './cidr';
import {
  ADDRESS_SPACE_PREFIX, DEFAULT_ADDRESS_SPACE, DEFAULT_AVAILABILITY_ZONES, LOG_RETENTION_DAYS, MAX_SEGMENT_PREFIX, resolveSegmentCidrs, SEGMENT_PROP,
} from './defaults';
import { designDocumentsProblems } from './design-documents-problems';
import { domainProblems } from './domains';
import { FLOW_KIND_JA, FlowDeclaration, FlowKind, HostDeclaration, HostRole } from './flows';
import { GuardLanguage } from './guard-options';
import { AlphaPrimeCase, MODEL_JA, MODEL_PLACEMENT, NetworkModel } from './network-model';
import { Port, Protocol } from './port';
import { ALL_SEGMENTS, Segment, SEGMENT_JA, SEGMENT_LABEL, segmentOfZone, Zone } from './segment';
import { checkBreakout, checkManagedThreatSignatures } from './validate-breakout';
import {
  AWS_RESERVED_ASNS, AZ_NAME, checkCidrList, checkPort, ENDPOINT_NAME, isObject, isStringArray, LIMITS, NAME, NOT_PUBLIC, portCount, portUnion,
  Problems, RFC1918, show, toPlainData, unsafeTextCharacter, withinBound, ZONE_JA,
} from './validate-common';
import { checkSecurityCloudHub } from './validate-member';
import { layoutSubnets } from '../plan/addressing';
import { myNumberNaclEntries, NACL_RULES_PER_DIRECTION } from '../plan/filters';
import { ResolvedFlow } from '../plan/flows';
import { SubnetPlan, SubnetRole } from '../plan/network-plan';
import { CLOUDFORMATION_MAX_RESOURCES, cloudFormationResourceCount, planNetwork, segmentSubnetRoles } from '../plan/plan';
import { icapServiceOf, planTenantProxy } from '../plan/proxy';
import { routeTableKey } from '../plan/routing';

/**
 * The widest port set one flow (or the flows of one host toward one address) may open per protocol: 16,384 ports, the
 * size of the dynamic port range 49152-65535 (RFC 6335 §6), the widest range an application legitimately asks for
 * (e.g. Windows RPC's dynamic ports). Anything wider is "all ports" in all but name: specific communication (特定通信)
 * names application ports (MN-3), and so do sanitization and screen transfer (LG-2).
 */
export const MAX_FLOW_PORTS = 16_384;

/**
 * AWS limits the plan must stay within, checked here so that a blueprint over them is refused with the other problems
 * instead of failing at deploy time. https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html
 */
const AWS_LIMITS = {
  /** Routes per VPC route table: 50 by default, at most 1,000 on request. */
  vpcRoutes: 1_000,
  /** Rules per security group and direction: 60 by default; rules × groups per interface at most 1,000. */
  securityGroupRules: 1_000,
  /** Static routes per transit gateway route table (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-quotas.html). */
  transitRoutes: 10_000,
  /** S3 lifecycle expiration days are an Integer (https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html). */
  retentionDays: 2_147_483_647,
} as const;

/**
 * Tag values: at most 256 Unicode characters, and the characters every service accepts (IAM, Network Firewall and S3
 * resources carry our tags too): letters, digits, spaces and `_ . : / = + - @`. A value may not begin with `aws:`.
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (Tag naming limits and requirements)
 */
export const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const TAG_LIMITS = { key: 128, value: 256 } as const;

/** A declared host with its addresses parsed (only the valid ones). */
interface HostInfo {
  readonly decl: HostDeclaration;
  readonly path: string;
  readonly cidrs: Ipv4Cidr[];
}

function checkConnection(p: Problems, path: string, c: unknown): void {
  if (!isObject(c)) {
    p.add(path, bi('is missing', 'がない'), bi('give { customerGatewayIp } for a site-to-site VPN, or { attachmentId } for an existing attachment', 'サイト間 VPN なら { customerGatewayIp }、既存のアタッチメントなら { attachmentId } を指定する'));
    return;
  }
  const conn = c as TransitConnectionProps;
  const hasIp = conn.customerGatewayIp !== undefined;
  const hasAttachment = conn.attachmentId !== undefined;
  if (hasIp === hasAttachment) {
    p.add(path, bi(hasIp ? 'gives both customerGatewayIp and attachmentId' : 'gives neither customerGatewayIp nor attachmentId', hasIp ? 'に customerGatewayIp と attachmentId の両方がある' : 'に customerGatewayIp も attachmentId もない'),
      bi('give exactly one: customerGatewayIp (we create a VPN) or attachmentId (an existing transit gateway attachment)', 'どちらか一方だけを指定する: customerGatewayIp（VPN を作成する）か attachmentId（既存の Transit Gateway アタッチメント）'));
  }
  if (hasIp) {
    const problem = ipv4AddressSpellingProblem(conn.customerGatewayIp);
    if (problem) {
      p.add(`${path}.customerGatewayIp`, problem, 'give the public IPv4 address of your router, written canonically');
    } else if (NOT_PUBLIC.some((r) => r.contains(Ipv4Cidr.parse(`${conn.customerGatewayIp}/32`)))) {
      p.add(`${path}.customerGatewayIp`, bi(`${conn.customerGatewayIp} is not a public address`, `${conn.customerGatewayIp} はパブリックアドレスではない`), bi('a VPN customer gateway needs the public IPv4 address of your router', 'VPN のカスタマーゲートウェイには、ルーターのパブリック IPv4 アドレスが必要'));
    }
  }
  if (hasAttachment && (typeof conn.attachmentId !== 'string' || !/^tgw-attach-[0-9a-f]{8,17}$/.test(conn.attachmentId))) {
    p.add(`${path}.attachmentId`, bi(`${show(conn.attachmentId)} is not a transit gateway attachment ID`, `${show(conn.attachmentId)} は Transit Gateway アタッチメントの ID ではない`), bi('give an ID like tgw-attach-0123456789abcdef0', 'tgw-attach-0123456789abcdef0 のような ID を指定する'));
  }
  const asn = conn.customerGatewayAsn;
  // AWS reserves 7224, 9059, 10124 and 17493 in some Regions (Site-to-Site VPN customer gateway options).
  if (asn !== undefined && (!Number.isInteger(asn) || asn < 1 || asn > 4294967294 || AWS_RESERVED_ASNS.includes(asn))) {
    p.add(`${path}.customerGatewayAsn`, bi(`${show(asn)} is not a usable BGP ASN`, `${show(asn)} は使える BGP の ASN ではない`),
      bi('use 1-4294967294, avoiding the ASNs AWS reserves per Region (7224, 9059, 10124, 17493); private ASNs are 64512-65534', '1-4294967294 の範囲で、AWS がリージョンごとに予約する ASN（7224, 9059, 10124, 17493）を避ける。プライベート ASN は 64512-65534'));
  }
}

function checkSegmentOptions(p: Problems, key: string, opts: unknown): void {
  if (opts === undefined) return;
  if (!isObject(opts)) {
    p.add(key, bi('must be an object', 'はオブジェクトでなければならない'), bi(`give ${key}: { ... } or leave it out`, `${key}: { ... } を指定するか、省略する`));
    return;
  }
  if (opts.interfaceEndpoints !== undefined) {
    if (!isStringArray(opts.interfaceEndpoints)) {
      p.add(`${key}.interfaceEndpoints`, bi('must be a list of service short names', 'はサービスの短い名前のリストでなければならない'), bi('e.g. ["ssm", "logs"]', '例: ["ssm", "logs"]'));
    } else if (withinBound(p, `${key}.interfaceEndpoints`, opts.interfaceEndpoints, LIMITS.interfaceEndpoints, 'the quota of interface endpoints per VPC')) {
      opts.interfaceEndpoints.forEach((e, i) => {
        // Service names are short (`ssmmessages`, `ecr.dkr`, `secretsmanager`); 100 characters is far above any.
        if (!ENDPOINT_NAME.test(e) || e.length > 100) p.add(`${key}.interfaceEndpoints[${i}]`, bi(`${show(e)} is not a service short name`, `${show(e)} はサービスの短い名前ではない`), bi('write the part after com.amazonaws.<region>., e.g. "ssm"', 'com.amazonaws.<region>. より後ろの部分を書く。例: "ssm"'));
      });
      const dup = opts.interfaceEndpoints.filter((e, i, a) => a.indexOf(e) !== i);
      if (dup.length > 0) p.add(`${key}.interfaceEndpoints`, bi(`lists ${[...new Set(dup)].map((d) => show(d)).join(', ')} more than once`, `に ${[...new Set(dup)].map((d) => show(d)).join(', ')} が重複している`), bi('list each endpoint once', 'エンドポイントは 1 回ずつ挙げる'));
    }
  }
  for (const list of ['dnsAllowedDomains', 'dnsBlockedDomains']) {
    const v = opts[list];
    if (v === undefined) continue;
    if (!isStringArray(v)) {
      p.add(`${key}.${list}`, bi('must be a list of domain strings', 'はドメイン文字列のリストでなければならない'), bi('e.g. ["*.example.com"]', '例: ["*.example.com"]'));
      continue;
    }
    if (!withinBound(p, `${key}.${list}`, v, LIMITS.dnsDomains, 'one DNS Firewall domain list')) continue;
    v.forEach((d, i) => {
      for (const pr of domainProblems(d)) p.add(`${key}.${list}[${i}]`, `${show(d)} ${pr}`, 'write "host.example.com" or "*.example.com" under a registrable domain');
    });
  }
  // A known option is no near miss (nearMiss passes it), so one list of the segment's options serves both.
  const known = [...SEGMENT_OPTION_PROPS, ...(SEGMENT_OWN_PROPS[key] ?? [])];
  for (const prop of Object.keys(opts)) {
    const near = nearMiss(prop, known);
    if (near) p.add(`${key}.${prop}`, bi(`is not an option; ${key}.${near} is`, `はオプションではない。正しくは ${key}.${near}`), bi(`rename it to ${near}`, `${near} に名前を直す`));
  }
}

const SEGMENT_OPTION_PROPS = ['cidr', 'interfaceEndpoints', 'dnsAllowedDomains', 'dnsBlockedDomains'];
/** The options one segment has besides `SEGMENT_OPTION_PROPS`. */
const SEGMENT_OWN_PROPS: Readonly<Record<string, readonly string[]>> = {
  lgwan: ['wanCidrs', 'connection'],
  internet: ['egress', 'securityCloud', 'securityCloudCidrs', 'securityCloudDns', 'securityCloudHub', 'managedThreatSignatures'],
};
const BLUEPRINT_PROPS = [
  'municipality', 'localGovernmentCode', 'model', 'alphaPrimeCase', 'addressSpace', 'availabilityZones', 'myNumber', 'lgwan', 'internet',
  'hosts', 'flows', 'breakout', 'logging', 'trafficMirroring', 'designDocuments', 'language',
];

/**
 * A known property that `prop` is probably a misspelling of (same letters ignoring case, or one letter added, dropped or
 * changed), else undefined. Other unknown properties are ignored: callers may pass objects that also carry their own
 * settings, but a near miss (`wanCidr`, `availabilityzones`) silently drops what the user meant to say.
 */
function nearMiss(prop: string, known: readonly string[]): string | undefined {
  if (known.includes(prop) || prop.length > 40) return undefined;
  const a = prop.toLowerCase();
  return known.find((k) => {
    const b = k.toLowerCase();
    if (a === b) return true;
    if (Math.abs(a.length - b.length) > 1) return false;
    // One edit at most (Levenshtein distance ≤ 1).
    let i = 0;
    let j = 0;
    let edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length >= b.length) i++;
      if (b.length >= a.length) j++;
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  });
}

/** `portRule` in Japanese. */
function portRuleJa(rule: string): string {
  return rule.replace(/^(\S+), 特定通信 requires application ports$/, '$1: 特定通信ではアプリケーションのポートに限る')
    .replace(/^(\S+), LGWAN-ASP on the service's ports \(特定通信\)$/, '$1: LGWAN-ASP はサービスのポートに限る（特定通信）')
    .replace(/^(\S+), (.+) on the relay's or screen server's ports$/, '$1: $2は中継か画面転送サーバーのポートに限る')
    .replace(/^(\S+), declared flows on application ports$/, '$1: 宣言した通信はアプリケーションのポートに限る')
    .replace(/^(\S+), (.+) on application ports$/, '$1: $2はアプリケーションのポートに限る');
}

/** The language the blueprint asks for (read before it is validated: an invalid value is reported in English). */
function languageOf(props: unknown): GuardLanguage {
  return isObject(props) && props.language === GuardLanguage.JAPANESE ? GuardLanguage.JAPANESE : GuardLanguage.ENGLISH;
}

/** The rule and guideline term that make a flow name application ports, by where its ends are. */
function portRule(kind: unknown, zones: readonly (Zone | undefined)[]): string {
  if (zones.includes(Zone.MY_NUMBER)) return 'MN-3, 特定通信 requires application ports';
  if (zones.includes(Zone.LGWAN) && zones.includes(Zone.LGWAN_WAN)) return 'LG-3, LGWAN-ASP on the service\'s ports (特定通信)';
  if (zones.includes(Zone.LGWAN) && zones.includes(Zone.INTERNET)) {
    return `LG-2, ${kind === FlowKind.SANITIZATION ? '無害化通信' : kind === FlowKind.SCREEN_TRANSFER ? '画面転送' : '無害化 / 画面転送'} on the relay's or screen server's ports`;
  }
  return kind === FlowKind.SPECIFIC_COMMUNICATION || kind === undefined
    ? 'MN-3, 特定通信 requires application ports'
    : `LG-2, ${FLOW_KIND_JA[kind as FlowKind] ?? 'declared flows'} on application ports`;
}

/** `tcp 1-32767, 32768-65535`: ranges as given (sorted), so that the user recognises them. */
const describeRanges = (protocol: string, ranges: readonly { fromPort: number; toPort: number }[]): string => {
  const sorted = [...ranges].sort((a, b) => a.fromPort - b.fromPort || a.toPort - b.toPort);
  return `${protocol} ${sorted.slice(0, 6).map((r) => (r.fromPort === r.toPort ? `${r.fromPort}` : `${r.fromPort}-${r.toPort}`)).join(', ')}${sorted.length > 6 ? ', …' : ''}`;
};

/**
 * Check a blueprint and return every problem at once, each as `[prop.path] what is wrong. Fix: how.`,
 * naming the rule (REQUIREMENTS §3) and the guideline's Japanese term where one applies.
 * Never throws and never hangs, whatever the input (JSON, YAML and JavaScript callers can pass anything; every list and
 * string is bounded, see `LIMITS`). Give `region` (the stack's, when known) to check the availability zones against it.
 */
export function validateBlueprint(props: MunicipalNetworkBlueprintProps, region?: string): string[] {
  return inspect(props, region).errors;
}

/** Every problem of the input, and the plain copy that was validated (when it could be read). */
function inspect(props: unknown, region: unknown): { errors: string[]; copy?: MunicipalNetworkBlueprintProps; language: GuardLanguage } {
  // The language is read from the plain copy, never from the input itself: a getter or proxy may throw or answer
  // differently a second time (problems found before the copy is made are worded in English).
  const p = new Problems(GuardLanguage.ENGLISH);
  let copy: MunicipalNetworkBlueprintProps | undefined;
  let language = GuardLanguage.ENGLISH;
  try {
    const plain = toPlainData(props);
    language = languageOf(plain.value);
    p.setLanguage(language);
    if (plain.tooLarge) {
      p.add('(blueprint)', bi(`is larger than any blueprint: over ${LIMITS.values.toLocaleString('en-US')} values or ${LIMITS.totalText.toLocaleString('en-US')} characters of text`, `がどのブループリントよりも大きい: 値が ${LIMITS.values.toLocaleString('en-US')} 個、またはテキストが ${LIMITS.totalText.toLocaleString('en-US')} 文字を超えている`),
        bi('give the blueprint itself; check for a list or text that grew by mistake', 'ブループリントそのものを渡す。誤って増えたリストやテキストがないか確認する'));
      return { errors: p.list, language };
    }
    for (const problem of plain.problems) p.addUnreadable(pathForms(problem.path, plain.value), problem.what, problem.fix);
    copy = plain.value as MunicipalNetworkBlueprintProps;
    check(p, copy, region);
    if (p.list.length === 0) dryRun(p, copy);
  } catch (e) {
    // A shape we did not foresee: report it instead of crashing, so the user still sees the other problems.
    p.add('(blueprint)', bi(`could not be fully checked (${show((e as Error)?.message ?? e, 200)})`, `を最後まで検査できなかった（${show((e as Error)?.message ?? e, 200)}）`), bi('make the props match MunicipalNetworkBlueprintProps, and report this message', 'props を MunicipalNetworkBlueprintProps に合わせ、このメッセージを報告する'));
  }
  return { errors: p.list, copy, language };
}

/**
 * The paths under which later checks name the value at `path`: the index path, and for hosts and flows with a valid name
 * also `hosts.<name>…` / `flows.<name>…`, the form the checks use.
 */
function pathForms(path: string, root: unknown): string[] {
  const m = /^(hosts|flows)\[(\d+)\](.*)$/.exec(path);
  if (!m || !isObject(root)) return [path];
  const list = root[m[1]];
  const name = Array.isArray(list) && isObject(list[Number(m[2])]) ? list[Number(m[2])].name : undefined;
  return typeof name === 'string' && NAME.test(name) ? [path, `${m[1]}.${name}${m[3]}`] : [path];
}

/**
 * Plan the validated blueprint once: planning must never fail on a blueprint validation accepted. A failure here is a
 * gap in validation, reported under `(plan)` rather than thrown, so that the caller still gets a list of problems.
 */
function dryRun(p: Problems, props: MunicipalNetworkBlueprintProps): void {
  try {
    // eslint-disable-next-line dot-notation -- the private factory: only validation makes a Blueprint of checked props
    const plan = planNetwork(Blueprint['unchecked'](props));
    // Known only once everything else is valid: the size of the whole network.
    const resources = cloudFormationResourceCount(plan);
    if (resources > CLOUDFORMATION_MAX_RESOURCES) {
      p.add('(blueprint)', bi(`the network needs ${resources} CloudFormation resources; one stack holds at most ${CLOUDFORMATION_MAX_RESOURCES} (CloudFormation quotas)`, `このネットワークには CloudFormation のリソースが ${resources} 個必要だが、1 つのスタックに置けるのは ${CLOUDFORMATION_MAX_RESOURCES} 個まで（CloudFormation のクォータ）`),
        bi('use fewer availability zones (each adds a subnet, route table and association per role), fewer host CIDRs in flows, or fewer hosts', 'アベイラビリティゾーン（ゾーンごとに、ロールごとのサブネット・ルートテーブル・関連付けが増える）、通信のホスト CIDR、ホストのいずれかを減らす'));
    }
  } catch (e) {
    p.add('(plan)', bi(`the blueprint passed validation but could not be planned: ${show((e as Error)?.message ?? e, 500)}`, `ブループリントは検査を通ったが、計画を作れなかった: ${show((e as Error)?.message ?? e, 500)}`),
      bi('this is a gap in validation: please report it with the blueprint', '検査の漏れなので、ブループリントを添えて報告する'));
  }
}

function check(p: Problems, props: MunicipalNetworkBlueprintProps, region: unknown): void {
  if (!isObject(props)) {
    p.add('(blueprint)', bi('is not an object', 'がオブジェクトではない'), bi('pass the MunicipalNetworkBlueprintProps object', 'MunicipalNetworkBlueprintProps のオブジェクトを渡す'));
    return;
  }
  for (const prop of Object.keys(props)) {
    const near = nearMiss(prop, BLUEPRINT_PROPS);
    if (near) p.add(prop, bi(`is not a blueprint property; ${near} is`, `はブループリントのプロパティではない。正しくは ${near}`), bi(`rename it to ${near}`, `${near} に名前を直す`));
  }
  checkMunicipality(p, props.municipality);
  if (props.language !== undefined && !(Object.values(GuardLanguage) as unknown[]).includes(props.language)) {
    p.add('language', bi(`${show(props.language)} is not a GuardLanguage`, `${show(props.language)} は GuardLanguage ではない`), bi('use GuardLanguage.ENGLISH (\'en\') or GuardLanguage.JAPANESE (\'ja\')', 'GuardLanguage.ENGLISH（\'en\'）か GuardLanguage.JAPANESE（\'ja\'）を指定する'));
  }
  if (props.localGovernmentCode !== undefined && !(typeof props.localGovernmentCode === 'string' && /^\d{6}$/.test(props.localGovernmentCode))) {
    p.add('localGovernmentCode', bi(`${show(props.localGovernmentCode)} is not a six-digit local government code (全国地方公共団体コード)`, `${show(props.localGovernmentCode)} は 6 桁の全国地方公共団体コードではない`), bi('give the six digits, check digit included', '検査数字を含む 6 桁を指定する'));
  }

  const model = props.model;
  const knownModel = Object.values(NetworkModel).includes(model);
  if (!knownModel) {
    p.add('model', bi(`${show(model)} is not a network model`, `${show(model)} はネットワークモデルではない`), bi(`use one of ${Object.values(NetworkModel).join(', ')}`, `${Object.values(NetworkModel).join(', ')} のいずれかを指定する`));
  }
  const alphaPrime = model === NetworkModel.ALPHA_PRIME;
  const knownCase = Object.values(AlphaPrimeCase).includes(props.alphaPrimeCase as AlphaPrimeCase);
  if (alphaPrime && !knownCase) {
    p.add('alphaPrimeCase', bi(`${props.alphaPrimeCase === undefined ? 'is missing' : `${show(props.alphaPrimeCase)} is not an α′ case`} (α'モデル requires one)`, `${props.alphaPrimeCase === undefined ? 'がない' : `${show(props.alphaPrimeCase)} は α′ のケースではない`}（α'モデルでは必須）`),
      bi(`choose ${Object.values(AlphaPrimeCase).join(', ')} (ケース ア/イ/ウ of the MIC 2024 revision)`, `${Object.values(AlphaPrimeCase).join(', ')} のいずれかを選ぶ（総務省 2024 年改定のケース ア/イ/ウ）`));
  }
  if (!alphaPrime && props.alphaPrimeCase !== undefined && knownModel) {
    p.add('alphaPrimeCase', bi(`is set but the model is ${model} (${MODEL_JA[model]})`, `が指定されているが、モデルは ${model}（${MODEL_JA[model]}）`), bi('remove it, or use model ALPHA_PRIME', '削除するか、モデルを ALPHA_PRIME にする'));
  }

  // Addressing (SEG-2).
  const spaceText = props.addressSpace ?? DEFAULT_ADDRESS_SPACE;
  const spaceProblem = checkCidrText(p, 'addressSpace', spaceText);
  const space = spaceProblem ? undefined : Ipv4Cidr.parse(spaceText);
  // Segment CIDRs derived from a bad address space would only repeat its problem; they are not checked.
  const spaceUsable = space !== undefined && space.prefixLength >= ADDRESS_SPACE_PREFIX.min && space.prefixLength <= ADDRESS_SPACE_PREFIX.max;
  if (space && !spaceUsable) {
    p.add('addressSpace', bi(`${space} is a /${space.prefixLength}; each segment takes a quarter of it`, `${space} は /${space.prefixLength} で、各系はその 4 分の 1 を使う`),
      bi(`use a /${ADDRESS_SPACE_PREFIX.min} to /${ADDRESS_SPACE_PREFIX.max}, or give each segment its own cidr`, `/${ADDRESS_SPACE_PREFIX.min} から /${ADDRESS_SPACE_PREFIX.max} を指定するか、系ごとに cidr を指定する`));
  }
  for (const key of ['myNumber', 'lgwan', 'internet'] as const) checkSegmentOptions(p, key, props[key]);
  const lgwan = props.lgwan;
  if (!isObject(lgwan)) {
    p.add('lgwan', bi('is missing', 'がない'), bi('give lgwan: { wanCidrs, connection } (the LGWAN WAN ranges and how it is attached)', 'lgwan: { wanCidrs, connection }（LGWAN の WAN のアドレス範囲と接続方法）を指定する'));
  }
  const resolved = resolveSegmentCidrs({ ...props, addressSpace: space ? spaceText : '(invalid)', lgwan: isObject(lgwan) ? lgwan : {} as any });
  const segmentCidrs = new Map<Segment, Ipv4Cidr>();
  for (const segment of ALL_SEGMENTS) {
    const path = `${SEGMENT_PROP[segment]}.cidr`;
    const text = resolved[segment];
    const explicit = isObject((props as any)[SEGMENT_PROP[segment]]) && (props as any)[SEGMENT_PROP[segment]].cidr !== undefined;
    if (text === undefined || (!explicit && !spaceUsable)) continue; // addressSpace already reported
    if (checkCidrText(p, path, text)) continue;
    const cidr = Ipv4Cidr.parse(text);
    if (cidr.prefixLength > MAX_SEGMENT_PREFIX) {
      p.add(path, bi(`${cidr} is too small for the segment's subnets`, `${cidr} は系のサブネットを置くには小さすぎる`), bi(`use a /${MAX_SEGMENT_PREFIX} or larger`, `/${MAX_SEGMENT_PREFIX} 以上の大きさにする`));
    } else if (cidr.prefixLength < 16) {
      p.add(path, bi(`${cidr} is larger than a VPC can be (/16)`, `${cidr} は VPC の上限（/16）より大きい`), bi('use a /16 to /22', '/16 から /22 を指定する'));
    }
    if (!RFC1918.some((r) => r.contains(cidr))) {
      p.add(path, bi(`${cidr} is not private address space (RFC 1918)`, `${cidr} はプライベートアドレス空間（RFC 1918）ではない`), bi('use 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16', '10.0.0.0/8、172.16.0.0/12、192.168.0.0/16 のいずれかの中から指定する'));
    }
    segmentCidrs.set(segment, cidr);
  }
  const segList = [...segmentCidrs.entries()];
  segList.forEach(([a, ca], i) => {
    for (const [b, cb] of segList.slice(i + 1)) {
      if (ca.overlaps(cb)) {
        p.add(`${SEGMENT_PROP[b]}.cidr`, bi(`${cb} overlaps ${SEGMENT_PROP[a]}.cidr ${ca} (SEG-2: ${SEGMENT_JA[b]} / ${SEGMENT_JA[a]})`, `${cb} が ${SEGMENT_PROP[a]}.cidr ${ca} と重なっている（SEG-2: ${SEGMENT_JA[b]} / ${SEGMENT_JA[a]}）`),
          bi('give each segment its own non-overlapping CIDR', '系ごとに重ならない CIDR を指定する'));
      }
    }
  });

  // External networks: the LGWAN WAN and the security cloud.
  const wanCidrs = isObject(lgwan) ? checkCidrList(p, 'lgwan.wanCidrs', lgwan.wanCidrs, true) : [];
  if (isObject(lgwan)) checkConnection(p, 'lgwan.connection', lgwan.connection);
  const internet = isObject(props.internet) ? props.internet : undefined;
  const securityCloudCidrs = checkCidrList(p, 'internet.securityCloudCidrs', internet?.securityCloudCidrs, false);
  const externalLists = [['lgwan.wanCidrs', wanCidrs, 'the LGWAN WAN is a closed network (LG-1)'], ['internet.securityCloudCidrs', securityCloudCidrs, 'list the security cloud\'s service ranges (proxy, mail relay, DNS)']] as const;
  for (const [name, list, why] of externalLists) {
    list.forEach((ext, i) => {
      if (ext.prefixLength === 0) {
        p.add(`${name}[${i}]`, bi(`0.0.0.0/0 is every IPv4 address, i.e. the internet: ${why}`, `0.0.0.0/0 はすべての IPv4 アドレス、つまりインターネット: ${name === 'lgwan.wanCidrs' ? 'LGWAN は閉域網（LG-1）' : '自治体情報セキュリティクラウドのサービスのアドレス範囲（プロキシ、メール中継、DNS）を挙げる'}`), bi('list the actual ranges', '実際のアドレス範囲を挙げる'));
        return;
      }
      for (const [segment, cidr] of segList) {
        if (ext.overlaps(cidr)) {
          p.add(`${name}[${i}]`, bi(`${ext} overlaps ${SEGMENT_PROP[segment]}.cidr ${cidr} (SEG-2)`, `${ext} が ${SEGMENT_PROP[segment]}.cidr ${cidr} と重なっている（SEG-2）`), bi('segments must not overlap external networks; renumber one of them', '系と外部のネットワークは重ねない。どちらかのアドレスを振り直す'));
        }
      }
    });
  }
  wanCidrs.forEach((w, i) => securityCloudCidrs.forEach((s, j) => {
    if (w.prefixLength > 0 && s.prefixLength > 0 && w.overlaps(s)) {
      p.add(`internet.securityCloudCidrs[${j}]`, bi(`${s} overlaps lgwan.wanCidrs[${i}] ${w}: the LGWAN WAN and the security cloud are separate networks (LG-1)`, `${s} が lgwan.wanCidrs[${i}] ${w} と重なっている: LGWAN と自治体情報セキュリティクラウドは別のネットワーク（LG-1）`), bi('renumber, or correct the range', 'アドレスを振り直すか、範囲を直す'));
    }
  }));
  const egress = internet?.egress ?? InternetEgressMode.SECURITY_CLOUD;
  const knownEgress = Object.values(InternetEgressMode).includes(egress);
  // Joining the prefecture hub by declaration (自治体情報セキュリティクラウドへの参加): the hub's CIDR is then the only
  // security-cloud destination, and the default of internet.securityCloudCidrs.
  const joining = internet?.securityCloudHub !== undefined;
  const hubCidr = joining ? checkSecurityCloudHub(p, internet!.securityCloudHub, {
    securityCloudGiven: internet?.securityCloud !== undefined,
    securityCloudDnsGiven: internet?.securityCloudDns !== undefined,
    builtIn: egress === InternetEgressMode.BUILT_IN,
    localGovernmentCode: props.localGovernmentCode,
    segments: segList.map(([, c]) => c),
    wan: wanCidrs,
    securityCloudCidrs,
    loggingSiemBucketArn: isObject(props.logging) ? props.logging.siemBucketArn : undefined,
  }).hubCidr : undefined;
  const scCidrs = securityCloudCidrs.length === 0 && hubCidr ? [hubCidr] : securityCloudCidrs;
  if (!knownEgress) {
    p.add('internet.egress', bi(`${show(egress)} is not an egress mode`, `${show(egress)} は出口のモードではない`), bi(`use ${Object.values(InternetEgressMode).join(' or ')}`, `${Object.values(InternetEgressMode).join(' または ')} を指定する`));
  } else if (egress === InternetEgressMode.SECURITY_CLOUD && joining) {
    // checkSecurityCloudHub reported a securityCloud or securityCloudDns given with it; its dnsAddresses are the resolvers.
  } else if (egress === InternetEgressMode.SECURITY_CLOUD) {
    if (internet?.securityCloud === undefined) {
      p.add('internet.securityCloud', bi('is missing: the Internet segment reaches the internet only through the security cloud (IN-1, 自治体情報セキュリティクラウド)', 'がない: インターネット接続系からインターネットへは、自治体情報セキュリティクラウド経由でのみ接続する（IN-1、自治体情報セキュリティクラウド）'),
        bi('give internet.securityCloud (customerGatewayIp or attachmentId), or internet.securityCloudHub to join the prefecture\'s hub, or internet.egress: BUILT_IN for a proof of concept', 'internet.securityCloud（customerGatewayIp か attachmentId）を指定するか、都道府県のハブに参加するなら internet.securityCloudHub を、検証環境なら internet.egress: BUILT_IN を指定する'));
    } else {
      checkConnection(p, 'internet.securityCloud', internet.securityCloud);
    }
    checkSecurityCloudDns(p, internet?.securityCloudDns, securityCloudCidrs, segList.map(([, c]) => c), wanCidrs);
  } else {
    checkManagedThreatSignatures(p, internet?.managedThreatSignatures, 'internet.managedThreatSignatures', 'IN-1');
    if (internet?.securityCloud !== undefined) {
      p.add('internet.securityCloud', bi('is set but internet.egress is BUILT_IN, which does not use it', 'が指定されているが、internet.egress が BUILT_IN のため使われない'), bi('remove one of them', 'どちらかを削除する'));
    }
    if (internet?.securityCloudCidrs !== undefined) {
      p.add('internet.securityCloudCidrs', bi('is set but internet.egress is BUILT_IN: there is no security cloud to reach', 'が指定されているが、internet.egress が BUILT_IN で、接続する自治体情報セキュリティクラウドがない'), bi('remove it, or use egress SECURITY_CLOUD', '削除するか、egress を SECURITY_CLOUD にする'));
    }
    // The stand-in's resolver is the VPC resolver behind its DNS Firewall: a rule group that blocks nothing filters nothing (IN-2).
    if (!Array.isArray(internet?.dnsBlockedDomains) || internet.dnsBlockedDomains.length === 0) {
      p.add('internet.dnsBlockedDomains', bi('is empty, but internet.egress is BUILT_IN: the stand-in\'s resolver would filter nothing, an unfiltered resolver (IN-2)',
        'が空だが、internet.egress が BUILT_IN: 代替構成のリゾルバが何も遮断せず、フィルタのないリゾルバになる（IN-2）'),
      bi('list the domains the stand-in\'s DNS Firewall blocks (the security cloud\'s block list, e.g. "*.example-malware.test")',
        '代替構成の DNS Firewall が遮断するドメイン（自治体情報セキュリティクラウドの遮断リスト。例: "*.example-malware.test"）を列挙する'));
    }
    if (internet?.securityCloudDns !== undefined) {
      p.add('internet.securityCloudDns', bi('is set but internet.egress is BUILT_IN: the stand-in resolves through the VPC resolver behind a fail-closed DNS Firewall (IN-2)', 'が指定されているが、internet.egress が BUILT_IN: 代替構成はフェイルクローズの DNS Firewall の後ろにある VPC リゾルバで名前解決する（IN-2）'),
        bi('remove it, or use egress SECURITY_CLOUD', '削除するか、egress を SECURITY_CLOUD にする'));
    }
  }
  if (knownEgress && egress === InternetEgressMode.SECURITY_CLOUD && internet?.managedThreatSignatures !== undefined) {
    p.add('internet.managedThreatSignatures', bi('is set but internet.egress is SECURITY_CLOUD: only the built-in stand-in has a firewall of its own (IN-1)',
      'が指定されているが、internet.egress が SECURITY_CLOUD: 自前のファイアウォールを持つのは組み込みの代替構成だけ（IN-1）'),
    bi('remove it, or use egress BUILT_IN', '削除するか、egress を BUILT_IN にする'));
  }
  const builtIn = egress === InternetEgressMode.BUILT_IN;
  checkConnectionsApart(p, isObject(lgwan) ? lgwan.connection : undefined, builtIn ? undefined : internet?.securityCloud);

  // Availability zones.
  const azs = checkAvailabilityZones(p, props.availabilityZones, region);

  // The subnets the library lays out, for the host checks below (and the planner's own limits).
  const breakout = props.breakout;
  const layouts = new Map<Segment, SubnetPlan[]>();
  if (knownModel && azs && knownEgress && (!alphaPrime || knownCase)) {
    for (const [segment, cidr] of segList) {
      if (cidr.prefixLength > MAX_SEGMENT_PREFIX || cidr.prefixLength < 16) continue;
      const roles = segmentSubnetRoles(segment, {
        model, alphaPrimeCase: props.alphaPrimeCase, tenantProxy: isObject(breakout) && breakout.tenantProxy !== undefined, internetEgress: egress,
      });
      try {
        layouts.set(segment, layoutSubnets(SEGMENT_LABEL[segment], cidr.toString(), azs, roles, routeTableKey));
      } catch {
        p.add(`${SEGMENT_PROP[segment]}.cidr`, bi(`${cidr} is too small for ${azs.length} availability zones × ${roles.size} subnet roles (${[...roles].join(', ')})`, `${cidr} は、アベイラビリティゾーン ${azs.length} 個 × サブネットのロール ${roles.size} 種類（${[...roles].join(', ')}）には小さすぎる`),
          bi('give the segment a larger CIDR (e.g. a /20) or fewer availability zones', '系の CIDR を大きくする（例: /20）か、アベイラビリティゾーンを減らす'));
      }
    }
  }

  // Hosts.
  const hosts = new Map<string, HostDeclaration>();
  const infos = new Map<string, HostInfo>();
  const hostValue = props.hosts ?? [];
  const hostList = Array.isArray(hostValue) && withinBound(p, 'hosts', hostValue, LIMITS.hosts, 'each host is a security group') ? hostValue : [];
  if (!Array.isArray(hostValue)) p.add('hosts', bi('must be a list', 'はリストでなければならない'), bi('give hosts: [{ name, zone, cidrs }]', 'hosts: [{ name, zone, cidrs }] を指定する'));
  hostList.forEach((h, i) => {
    const path = `hosts[${i}]`;
    if (!isObject(h)) {
      p.add(path, bi('is not an object', 'がオブジェクトではない'), bi('give { name, zone, cidrs }', '{ name, zone, cidrs } を指定する'));
      return;
    }
    const named = typeof h.name === 'string' && NAME.test(h.name) ? `hosts.${h.name}` : path;
    if (typeof h.name !== 'string' || !NAME.test(h.name)) {
      p.add(`${path}.name`, bi(`${show(h.name)} is not a host name`, `${show(h.name)} はホスト名ではない`), bi('use lower-case letters, digits and hyphens (max 63)', '英小文字・数字・ハイフンで書く（63 文字まで）'));
    } else if (hosts.has(h.name)) {
      p.add(named, bi('is declared twice', 'が 2 回宣言されている'), bi('give every host a unique name', 'ホストには重ならない名前を付ける'));
    }
    const zoneOk = Object.values(Zone).includes(h.zone);
    if (!zoneOk) {
      p.add(`${named}.zone`, bi(`${show(h.zone)} is not a zone`, `${show(h.zone)} はゾーンではない`), bi(`use one of ${Object.values(Zone).join(', ')}`, `${Object.values(Zone).join(', ')} のいずれかを指定する`));
    }
    if (h.role !== undefined && !Object.values(HostRole).includes(h.role)) {
      p.add(`${named}.role`, bi(`${show(h.role)} is not a host role`, `${show(h.role)} はホストのロールではない`), bi(`use one of ${Object.values(HostRole).join(', ')}`, `${Object.values(HostRole).join(', ')} のいずれかを指定する`));
    }
    checkFreeText(p, `${named}.description`, h.description);
    if (h.zone === Zone.SECURITY_CLOUD && builtIn) {
      p.add(`${named}.zone`, bi('is SECURITY_CLOUD, but internet.egress is BUILT_IN: there is no security cloud attachment to reach it', 'が SECURITY_CLOUD だが、internet.egress が BUILT_IN で、そこへ届く自治体情報セキュリティクラウドのアタッチメントがない'), bi('use egress SECURITY_CLOUD, or remove the host', 'egress を SECURITY_CLOUD にするか、ホストを削除する'));
    }
    const cidrs = checkCidrList(p, `${named}.cidrs`, h.cidrs, true, LIMITS.hostCidrs);
    const segment = zoneOk ? segmentOfZone(h.zone) : undefined;
    const segCidr = segment ? segmentCidrs.get(segment) : undefined;
    cidrs.forEach((c, j) => {
      const at = `${named}.cidrs[${j}]`;
      if (segment) {
        if (!segCidr) return;
        if (!segCidr.contains(c)) {
          p.add(at, bi(`${c} is outside ${SEGMENT_PROP[segment]}.cidr ${segCidr} (${SEGMENT_JA[segment]})`, `${c} が ${SEGMENT_PROP[segment]}.cidr ${segCidr}（${SEGMENT_JA[segment]}）の外にある`), bi('put the host inside its segment, or change its zone', 'ホストを系の中に置くか、ゾーンを変える'));
        } else if (c.network === segCidr.network && c.prefixLength === segCidr.prefixLength) {
          p.add(at, bi(`${c} is the whole segment; flows must name hosts, not segments (MN-3, 特定通信)`, `${c} は系全体: 通信には系ではなくホストを指定する（MN-3、特定通信）`), bi('declare the host addresses (/32) or a small range', 'ホストのアドレス（/32）か、小さな範囲を宣言する'));
        } else {
          checkAgainstLayout(p, at, c, segment, layouts.get(segment));
        }
        return;
      }
      // External zones: the LGWAN WAN and the security cloud.
      if (c.prefixLength === 0) {
        p.add(at, bi(`0.0.0.0/0 is every IPv4 address, i.e. the internet, not a host of ${ZONE_JA[h.zone as Zone]}`, `0.0.0.0/0 はすべての IPv4 アドレス、つまりインターネットで、${ZONE_JA[h.zone as Zone]}のホストではない`), bi('declare the service\'s own addresses', 'サービス自身のアドレスを宣言する'));
        return;
      }
      for (const [seg, cidr] of segList) {
        if (c.overlaps(cidr)) {
          p.add(at, bi(`${c} is a ${h.zone} host but overlaps ${SEGMENT_PROP[seg]}.cidr ${cidr} (${SEGMENT_JA[seg]})`, `${c} は ${h.zone} のホストだが、${SEGMENT_PROP[seg]}.cidr ${cidr}（${SEGMENT_JA[seg]}）と重なっている`), bi(`change its zone to ${seg}, or correct the address`, `ゾーンを ${seg} にするか、アドレスを直す`));
        }
      }
      if (h.zone === Zone.LGWAN_WAN && wanCidrs.length > 0 && !wanCidrs.some((w) => w.contains(c))) {
        p.add(at, bi(`${c} is outside lgwan.wanCidrs`, `${c} が lgwan.wanCidrs の外にある`), bi('add its range to lgwan.wanCidrs or fix the address', 'その範囲を lgwan.wanCidrs に加えるか、アドレスを直す'));
      }
      if (h.zone === Zone.LGWAN_WAN && scCidrs.some((s) => s.overlaps(c))) {
        p.add(at, bi(`${c} is an LGWAN host inside internet.securityCloudCidrs (LG-1)`, `${c} は LGWAN のホストだが、internet.securityCloudCidrs の中にある（LG-1）`), bi('correct the address or the zone', 'アドレスかゾーンを直す'));
      }
      if (h.zone === Zone.SECURITY_CLOUD && scCidrs.length > 0 && !scCidrs.some((w) => w.contains(c))) {
        p.add(at, bi(`${c} is outside internet.securityCloudCidrs${securityCloudCidrs.length === 0 ? ' (the hub CIDR)' : ''}`, `${c} が internet.securityCloudCidrs${securityCloudCidrs.length === 0 ? '（ハブの CIDR）' : ''}の外にある`), bi('add its range to internet.securityCloudCidrs or fix the address', 'その範囲を internet.securityCloudCidrs に加えるか、アドレスを直す'));
      }
      if (h.zone === Zone.SECURITY_CLOUD && wanCidrs.some((w) => w.overlaps(c))) {
        p.add(at, bi(`${c} is a security-cloud host inside lgwan.wanCidrs: the LGWAN WAN and the internet side are separate networks (LG-1)`, `${c} は自治体情報セキュリティクラウドのホストだが、lgwan.wanCidrs の中にある: LGWAN とインターネット側は別のネットワーク（LG-1）`), bi('correct the address or the zone', 'アドレスかゾーンを直す'));
      }
    });
    // Placement (PL-1, REQUIREMENTS §2).
    if (knownModel && segment !== undefined) {
      const placement = MODEL_PLACEMENT[model];
      if (h.role === HostRole.BUSINESS_TERMINALS && segment !== placement.terminalSegment) {
        p.add(`${named}.zone`, bi(`business terminals (業務端末) in ${SEGMENT_JA[segment]}, but ${MODEL_JA[model]} places them in ${SEGMENT_JA[placement.terminalSegment]} (PL-1)`, `業務端末が${SEGMENT_JA[segment]}にあるが、${MODEL_JA[model]}では${SEGMENT_JA[placement.terminalSegment]}に置く（PL-1）`),
          bi(`move them to ${placement.terminalSegment}, or choose the model that matches your placement`, `${placement.terminalSegment} へ移すか、配置に合うモデルを選ぶ`));
      }
      if (h.role === HostRole.BUSINESS_SYSTEM && !placement.businessSystemSegments.includes(segment)) {
        p.add(`${named}.zone`, bi(`a business system (業務システム) in ${SEGMENT_JA[segment]}, but ${MODEL_JA[model]} places them in ${placement.businessSystemSegments.map((s) => SEGMENT_JA[s]).join(' or ')} (PL-1)`, `業務システムが${SEGMENT_JA[segment]}にあるが、${MODEL_JA[model]}では${placement.businessSystemSegments.map((s) => SEGMENT_JA[s]).join('または')}に置く（PL-1）`),
          bi(`move it to ${placement.businessSystemSegments.join(' or ')}`, `${placement.businessSystemSegments.join(' または ')} へ移す`));
      }
    }
    if (h.role === HostRole.MY_NUMBER_SYSTEM && h.zone !== Zone.MY_NUMBER) {
      p.add(`${named}.zone`, bi('a My Number system outside the My Number segment (マイナンバー利用事務系) (PL-1)', 'マイナンバー利用事務系の業務システムが、マイナンバー利用事務系の外にある（PL-1）'), bi('set zone MY_NUMBER', 'zone を MY_NUMBER にする'));
    } else if (zoneOk && segment === undefined && h.role !== undefined && h.role !== HostRole.OTHER) {
      // The municipality's own terminals, systems, relays and screen servers live in its segments: only there do they
      // get the labelled security group the guard reads (PL-1, AP-6), and only from there can flows reach them.
      p.add(`${named}.zone`, bi(`${h.zone} is outside the municipality's segments, but a ${h.role} host is one of the municipality's own (PL-1)`, `${h.zone} は団体の系の外だが、ロール ${h.role} のホストは団体自身のもの（PL-1）`),
        bi('put it in MY_NUMBER, LGWAN or INTERNET, or declare it with role OTHER', 'MY_NUMBER・LGWAN・INTERNET のいずれかに置くか、ロール OTHER で宣言する'));
    }
    if (typeof h.name === 'string' && NAME.test(h.name) && !hosts.has(h.name)) {
      hosts.set(h.name, h as HostDeclaration);
      if (zoneOk) infos.set(h.name, { decl: h as HostDeclaration, path: named, cidrs });
    }
  });
  checkExternalHostsApart(p, [...infos.values()]);

  // Flows.
  const flowValue = props.flows ?? [];
  const flowList = Array.isArray(flowValue) && withinBound(p, 'flows', flowValue, LIMITS.flows, 'each flow adds routes and filter rules') ? flowValue : [];
  if (!Array.isArray(flowValue)) p.add('flows', bi('must be a list', 'はリストでなければならない'), bi('give flows: [{ name, kind, from, to, ports }]', 'flows: [{ name, kind, from, to, ports }] を指定する'));
  const flowNames = new Set<string>();
  const myNumberReaches = new Set<string>();
  const internetSources = new Set<string>();
  const resolvedFlows: { f: FlowDeclaration; from: HostDeclaration; to: HostDeclaration; path: string; ports: Port[] }[] = [];
  flowList.forEach((f, i) => {
    const path0 = `flows[${i}]`;
    if (!isObject(f)) {
      p.add(path0, bi('is not an object', 'がオブジェクトではない'), bi('give { name, kind, from, to, ports }', '{ name, kind, from, to, ports } を指定する'));
      return;
    }
    const path = typeof f.name === 'string' && NAME.test(f.name) ? `flows.${f.name}` : path0;
    if (typeof f.name !== 'string' || !NAME.test(f.name)) p.add(`${path0}.name`, bi(`${show(f.name)} is not a flow name`, `${show(f.name)} は通信の名前ではない`), bi('use lower-case letters, digits and hyphens (max 63)', '英小文字・数字・ハイフンで書く（63 文字まで）'));
    else if (flowNames.has(f.name)) p.add(path, bi('is declared twice', 'が 2 回宣言されている'), bi('give every flow a unique name', '通信には重ならない名前を付ける'));
    else flowNames.add(f.name);
    const kindOk = Object.values(FlowKind).includes(f.kind);
    if (!kindOk) p.add(`${path}.kind`, bi(`${show(f.kind)} is not a flow kind`, `${show(f.kind)} は通信の種類ではない`), bi(`use one of ${Object.values(FlowKind).join(', ')}`, `${Object.values(FlowKind).join(', ')} のいずれかを指定する`));
    checkFreeText(p, `${path}.purpose`, f.purpose);
    const from = typeof f.from === 'string' ? hosts.get(f.from) : undefined;
    const to = typeof f.to === 'string' ? hosts.get(f.to) : undefined;
    const known = [...hosts.keys()];
    const suggestion = `declare it in hosts, or use one of: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}${known.length === 0 ? '(none declared)' : ''}`;
    if (!from) p.add(`${path}.from`, bi(`names an unknown host ${show(f.from)}`, `が未宣言のホスト ${show(f.from)} を指している`), bi(suggestion, `hosts で宣言するか、次のいずれかを使う: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}${known.length === 0 ? '（宣言なし）' : ''}`));
    if (!to) p.add(`${path}.to`, bi(`names an unknown host ${show(f.to)}`, `が未宣言のホスト ${show(f.to)} を指している`), bi(suggestion, `hosts で宣言するか、次のいずれかを使う: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}${known.length === 0 ? '（宣言なし）' : ''}`));
    const rule = portRule(f.kind, [from?.zone, to?.zone]);
    const ports: Port[] = [];
    if (!Array.isArray(f.ports) || f.ports.length === 0) {
      p.add(`${path}.ports`, bi('is empty', 'が空'), bi('list the application ports, e.g. [Port.tcp(443)]', 'アプリケーションのポートを挙げる。例: [Port.tcp(443)]'));
    } else if (withinBound(p, `${path}.ports`, f.ports, LIMITS.flowPorts, 'each becomes security-group rules and NACL entries')) {
      f.ports.forEach((port: unknown, j: number) => {
        if (!checkPort(p, `${path}.ports[${j}]`, port)) return;
        if (port.fromPort === 1 && port.toPort === 65535) {
          p.add(`${path}.ports[${j}]`, bi(`is every port, i.e. all traffic (${rule})`, `はすべてのポート、つまり全通信（${portRuleJa(rule)}）`), bi('list only the ports the application uses', 'アプリケーションが使うポートだけを挙げる'));
        } else {
          ports.push(port);
        }
      });
      for (const protocol of [Protocol.TCP, Protocol.UDP]) {
        const given = ports.filter((q) => q.protocol === protocol);
        const count = portCount(portUnion(given));
        const ranges = describeRanges(protocol, given);
        if (count === 65535) {
          p.add(`${path}.ports`, bi(`${ranges} ${given.length > 1 ? 'together are' : 'is'} every ${protocol} port, i.e. all traffic (${rule})`, `${ranges} ${given.length > 1 ? 'を合わせると' : 'は'} ${protocol} のすべてのポート、つまり全通信（${portRuleJa(rule)}）`), bi('list only the ports the application uses', 'アプリケーションが使うポートだけを挙げる'));
        } else if (count > MAX_FLOW_PORTS) {
          p.add(`${path}.ports`, bi(`${ranges} ${given.length > 1 ? 'together open' : 'opens'} ${count} ${protocol} ports, more than the whole dynamic range 49152-65535 (${MAX_FLOW_PORTS}, RFC 6335): all ports in all but name (${rule})`, `${ranges} ${given.length > 1 ? 'を合わせると' : 'で'} ${protocol} のポートを ${count} 個開き、動的ポート範囲 49152-65535 全体（${MAX_FLOW_PORTS} 個、RFC 6335）より多い: 名前だけ違う全ポート（${portRuleJa(rule)}）`),
            bi('list only the ports the application uses', 'アプリケーションが使うポートだけを挙げる'));
        }
      }
    }
    if (!from || !to || !kindOk) return;
    resolvedFlows.push({ f: f as FlowDeclaration, from, to, path, ports });
  });
  for (const { f, from, to, path } of resolvedFlows) {
    const zones = [from.zone, to.zone];
    const kindJa = FLOW_KIND_JA[f.kind];
    if (from.zone === to.zone) {
      p.add(path, bi(`both ends are in ${ZONE_JA[from.zone]}; declared flows are for crossing a boundary`, `両端が${ZONE_JA[from.zone]}にある: 宣言する通信は、境界を越えるためのもの`), bi('drop the flow (traffic inside a segment is not restricted by the library)', 'この通信を削除する（系の中の通信はライブラリが制限しない）'));
      continue;
    }
    const has = (z: Zone) => zones.includes(z);
    if (has(Zone.MY_NUMBER) && (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD))) {
      p.add(path, bi(`connects マイナンバー利用事務系 and ${ZONE_JA[has(Zone.INTERNET) ? Zone.INTERNET : Zone.SECURITY_CLOUD]} (${has(Zone.INTERNET) ? 'MN-2' : 'MN-1'}, critical)`, `がマイナンバー利用事務系と${ZONE_JA[has(Zone.INTERNET) ? Zone.INTERNET : Zone.SECURITY_CLOUD]}をつないでいる（${has(Zone.INTERNET) ? 'MN-2' : 'MN-1'}、重大）`),
        bi('the My Number segment never talks to the Internet segment or the internet; remove the flow', 'マイナンバー利用事務系は、インターネット接続系ともインターネットとも通信しない。この通信を削除する'));
      continue;
    }
    if (has(Zone.MY_NUMBER)) {
      if (f.kind !== FlowKind.SPECIFIC_COMMUNICATION) {
        p.add(`${path}.kind`, bi(`${f.kind} (${kindJa}) touches マイナンバー利用事務系, which allows only specific communication (MN-3, 特定通信)`, `${f.kind}（${kindJa}）がマイナンバー利用事務系に関わるが、マイナンバー利用事務系で認められるのは特定通信だけ（MN-3、特定通信）`), bi('use kind SPECIFIC_COMMUNICATION with host CIDRs and ports', '種類を SPECIFIC_COMMUNICATION にし、ホストの CIDR とポートを指定する'));
      }
      const other = from.zone === Zone.MY_NUMBER ? to : from;
      if (other.zone !== Zone.LGWAN && other.zone !== Zone.LGWAN_WAN) {
        p.add(path, bi(`connects マイナンバー利用事務系 to ${ZONE_JA[other.zone]} (MN-3)`, `がマイナンバー利用事務系と${ZONE_JA[other.zone]}をつないでいる（MN-3）`), bi('the My Number segment talks only to LGWAN接続系 or LGWAN (e.g. 中間サーバー)', 'マイナンバー利用事務系の通信相手は、LGWAN接続系か LGWAN（例: 中間サーバー）だけ'));
      }
      if (other.zone === Zone.LGWAN_WAN) {
        for (const c of infos.get(other.name)?.cidrs ?? []) {
          const whole = wanCidrs.find((w) => c.contains(w));
          if (whole) {
            p.add(path, bi(`reaches ${other.name} (${c}), which is the whole LGWAN WAN range ${whole}, not a host (MN-3, 特定通信)`, `が ${other.name}（${c}）に届くが、これはホストではなく LGWAN の WAN のアドレス範囲 ${whole} 全体（MN-3、特定通信）`),
              bi(`declare the addresses of the host the My Number segment talks to (e.g. the 中間サーバー), not the range, on hosts.${other.name}`, `hosts.${other.name} には範囲ではなく、マイナンバー利用事務系が通信するホスト（例: 中間サーバー）のアドレスを宣言する`));
          }
        }
      }
      myNumberReaches.add(other.name);
    }
    if (f.kind === FlowKind.LGWAN_ASP && !(has(Zone.LGWAN) && has(Zone.LGWAN_WAN))) {
      p.add(`${path}.kind`, bi(`LGWAN_ASP (LGWAN-ASP) connects ${ZONE_JA[from.zone]} and ${ZONE_JA[to.zone]}; it is for an LGWAN接続系 host and an LGWAN WAN service (LG-3)`, `LGWAN_ASP（LGWAN-ASP）が${ZONE_JA[from.zone]}と${ZONE_JA[to.zone]}をつないでいる: LGWAN-ASP は LGWAN接続系のホストと LGWAN のサービスの間の通信（LG-3）`),
        bi('set one end to an LGWAN host and the other to the LGWAN-ASP service\'s host in LGWAN_WAN, or use the flow kind of these zones', '一端を LGWAN のホスト、もう一端を LGWAN_WAN の LGWAN-ASP サービスのホストにするか、このゾーンの組に合う種類を使う'));
    }
    if (has(Zone.LGWAN) && has(Zone.LGWAN_WAN)) {
      if (f.kind !== FlowKind.LGWAN_ASP && f.kind !== FlowKind.SPECIFIC_COMMUNICATION) {
        p.add(`${path}.kind`, bi(`${f.kind} (${kindJa}) between LGWAN接続系 and the LGWAN WAN; only LGWAN-ASP services are reached there (LG-3)`, `${f.kind}（${kindJa}）が LGWAN接続系と LGWAN の間にある: そこで通信できるのは LGWAN-ASP のサービスだけ（LG-3）`), bi('use kind LGWAN_ASP with the service\'s host CIDRs and ports', '種類を LGWAN_ASP にし、サービスのホストの CIDR とポートを指定する'));
      }
      const wanHost = from.zone === Zone.LGWAN_WAN ? from : to;
      for (const c of infos.get(wanHost.name)?.cidrs ?? []) {
        const whole = wanCidrs.find((w) => c.contains(w));
        if (whole) {
          p.add(path, bi(`reaches ${wanHost.name} (${c}), which is the whole LGWAN WAN range ${whole}, not an LGWAN-ASP service (LG-3, 「LGWAN-ASP（LGWANメール含む）など特定通信限定とすること」)`, `が ${wanHost.name}（${c}）に届くが、これは LGWAN-ASP のサービスではなく LGWAN の WAN のアドレス範囲 ${whole} 全体（LG-3、「LGWAN-ASP（LGWANメール含む）など特定通信限定とすること」）`),
            bi(`declare the addresses of the LGWAN-ASP service (e.g. the LGWAN mail relay) on hosts.${wanHost.name}, not the range`, `hosts.${wanHost.name} には範囲ではなく、LGWAN-ASP のサービス（例: LGWAN メールの中継）のアドレスを宣言する`));
        }
      }
    }
    const lgwanInternet = (has(Zone.LGWAN) || has(Zone.LGWAN_WAN)) && (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD));
    if (lgwanInternet) {
      if (has(Zone.LGWAN_WAN) || has(Zone.SECURITY_CLOUD)) {
        p.add(path, bi(`connects ${ZONE_JA[from.zone]} and ${ZONE_JA[to.zone]} (LG-1)`, `が${ZONE_JA[from.zone]}と${ZONE_JA[to.zone]}をつないでいる（LG-1）`), bi('LGWAN and the internet side meet only through sanitization or screen transfer inside the municipality', 'LGWAN とインターネット側は、団体内の無害化か画面転送を通じてのみつなぐ'));
      } else if (f.kind === FlowKind.SANITIZATION) {
        if (!(from.zone === Zone.INTERNET && to.zone === Zone.LGWAN)) {
          p.add(path, bi('is a sanitization flow (無害化通信) out of LGWAN; sanitization is one way into LGWAN (LG-2)', 'は LGWAN から外へ向かう無害化通信: 無害化は LGWAN接続系へ入る一方向だけ（LG-2）'), bi('set from to the relay in INTERNET and to to the LGWAN host', 'from を INTERNET の中継に、to を LGWAN のホストにする'));
        }
        if (from.role !== HostRole.SANITIZATION_RELAY) {
          p.add(`${path}.from`, bi(`"${from.name}" is not a SANITIZATION_RELAY host (LG-2, 無害化)`, `"${from.name}" は SANITIZATION_RELAY のホストではない（LG-2、無害化）`), bi(`set role: HostRole.SANITIZATION_RELAY on hosts.${from.name}, or send the files through the relay`, `hosts.${from.name} に role: HostRole.SANITIZATION_RELAY を設定するか、ファイルを中継経由で送る`));
        }
      } else if (f.kind === FlowKind.SCREEN_TRANSFER) {
        if (to.role !== HostRole.SCREEN_TRANSFER_SERVER) {
          p.add(`${path}.to`, bi(`"${to.name}" is not a SCREEN_TRANSFER_SERVER host (LG-2, 画面転送)`, `"${to.name}" は SCREEN_TRANSFER_SERVER のホストではない（LG-2、画面転送）`), bi(`set role: HostRole.SCREEN_TRANSFER_SERVER on hosts.${to.name}`, `hosts.${to.name} に role: HostRole.SCREEN_TRANSFER_SERVER を設定する`));
        }
        // The model gives the direction: the terminals' segment opens the screen of the other (α: LGWAN terminals → the
        // Internet segment's virtual browser; β: Internet-segment terminals → LGWAN's VDI). The reverse would let the other
        // segment drive a terminal's screen session into the terminals' own segment.
        const terminals = knownModel ? MODEL_PLACEMENT[model].terminalSegment : undefined;
        if (terminals !== undefined && segmentOfZone(from.zone) !== terminals) {
          p.add(path, bi(`is a screen transfer (画面転送) from ${ZONE_JA[from.zone]} into ${ZONE_JA[to.zone]}, but in ${MODEL_JA[model]} the terminals sit in `
            + `${SEGMENT_JA[terminals]} and screen transfer goes from there (LG-2)`, `は${ZONE_JA[from.zone]}から${ZONE_JA[to.zone]}への画面転送だが、${MODEL_JA[model]}では端末は${SEGMENT_JA[terminals]}にあり、画面転送はそこから行う（LG-2）`),
          bi(`reverse it (from the terminals in ${terminals} to the screen-transfer server of the other segment), or choose the model that matches your placement`, `向きを逆にする（${terminals} の端末から、もう一方の系の画面転送サーバーへ）か、配置に合うモデルを選ぶ`));
        }
      } else {
        p.add(`${path}.kind`, bi(`${f.kind} (${kindJa}) between LGWAN接続系 and インターネット接続系 (LG-2)`, `${f.kind}（${kindJa}）が LGWAN接続系とインターネット接続系の間にある（LG-2）`), bi('use SANITIZATION (無害化) or SCREEN_TRANSFER (画面転送)', 'SANITIZATION（無害化）か SCREEN_TRANSFER（画面転送）を使う'));
      }
    }
    if (has(Zone.INTERNET) || has(Zone.SECURITY_CLOUD)) {
      const local = from.zone === Zone.INTERNET || from.zone === Zone.SECURITY_CLOUD ? to : from;
      internetSources.add(local.name);
    }
  }
  for (const name of [...myNumberReaches].sort()) {
    if (internetSources.has(name)) {
      p.add(`hosts.${name}`, bi('is reached from マイナンバー利用事務系 and also has a declared flow with the Internet segment (MN-4)', 'はマイナンバー利用事務系から通信を受けるうえ、インターネット接続系との通信も宣言されている（MN-4）'),
        bi('a host the My Number segment reaches must have no path to the internet; split it into two hosts', 'マイナンバー利用事務系が通信するホストは、インターネットへの経路を持ってはならない。2 つのホストに分ける'));
    }
  }

  // What the flows become: security-group rules, NACL entries and routes, within the rules and AWS's limits.
  const planned: ResolvedFlow[] = resolvedFlows
    .filter((r) => r.from.zone !== r.to.zone)
    .map((r) => ({
      flow: { ...r.f, ports: r.ports },
      from: { ...r.from, cidrs: (infos.get(r.from.name)?.cidrs ?? []).map(String) },
      to: { ...r.to, cidrs: (infos.get(r.to.name)?.cidrs ?? []).map(String) },
    }));
  checkHostPortUnions(p, planned);
  checkSubnetCoverage(p, planned, layouts);
  checkPlanLimits(p, planned, segmentCidrs, wanCidrs);

  // α′ breakout.
  if (knownModel && !alphaPrime && breakout !== undefined) {
    p.add('breakout', bi(`is set but ${MODEL_JA[model]} has no local breakout (LG-1)`, `が指定されているが、${MODEL_JA[model]}にはローカルブレイクアウトがない（LG-1）`), bi('remove it, or use model ALPHA_PRIME', '削除するか、モデルを ALPHA_PRIME にする'));
  }
  if (alphaPrime) {
    if (!isObject(breakout) || !Array.isArray(breakout.services) || breakout.services.length === 0) {
      p.add('breakout.services', bi("is empty: α'モデル needs the allow-listed cloud services (AP-1)", "が空: α'モデルでは許可するクラウドサービスが必要（AP-1）"), bi('list them, e.g. [{ service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: [...] }]', '挙げる。例: [{ service: CloudServiceCatalogue.MICROSOFT_365, tenantIds: [...] }]'));
    } else {
      const before = p.list.length;
      checkBreakout(p, props, hosts);
      checkBreakoutPlacement(p, breakout.updateClients, infos, planned, layouts.get(Segment.LGWAN));
      checkMediaRoutes(p, breakout.services, wanCidrs, segList);
      // The proxy configuration is generated from the breakout alone: when that is clean, generate it now, so that its
      // own limits (EC2 user data) and refusals are reported with the other problems.
      const lgwanLayout = layouts.get(Segment.LGWAN);
      if (p.list.length === before && knownCase && lgwanLayout) checkProxy(p, props, lgwanLayout, [...hosts.values()]);
    }
  }

  // Design documents (設計書) written at synthesis.
  for (const problem of designDocumentsProblems(props.designDocuments, 'designDocuments')) p.add(problem.prop, problem.what, problem.fix);

  // Logging (LOG-1).
  const logging = props.logging;
  if (logging !== undefined && !isObject(logging)) p.add('logging', bi('must be an object', 'はオブジェクトでなければならない'), bi('give logging: { siemBucketArn } or leave it out', 'logging: { siemBucketArn } を指定するか、省略する'));
  const siem = isObject(logging) ? logging.siemBucketArn : undefined;
  if (siem !== undefined && !(typeof siem === 'string' && /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(siem))) {
    p.add('logging.siemBucketArn', bi(`${show(siem)} is not an S3 bucket ARN`, `${show(siem)} は S3 バケットの ARN ではない`), bi('write arn:aws:s3:::bucket-name', 'arn:aws:s3:::bucket-name の形で書く'));
  }
  // A member of the hub ships its logs to the hub's SIEM sink (checked with securityCloudHub).
  if (knownModel && MODEL_PLACEMENT[model].requiresSiem && siem === undefined && !isObject(internet?.securityCloudHub)) {
    p.add('logging.siemBucketArn', bi(`is missing: ${MODEL_JA[model]} requires log management with a SIEM (LOG-1, ログ管理)`, `がない: ${MODEL_JA[model]}では SIEM によるログ管理が必要（LOG-1、ログ管理）`), bi("give the SIEM's ingestion bucket ARN", 'SIEM の取り込み用バケットの ARN を指定する'));
  }
  const retention = isObject(logging) ? logging.retentionDays : undefined;
  // At least what LOG-1 accepts of the log groups it judges (the proxy's access log keeps this many days).
  if (retention !== undefined && !(Number.isInteger(retention) && retention >= LOG_RETENTION_DAYS && retention <= AWS_LIMITS.retentionDays)) {
    p.add('logging.retentionDays', bi(`${show(retention)} is not a whole number of days from ${LOG_RETENTION_DAYS} (LOG-1) to ${AWS_LIMITS.retentionDays}`,
      `${show(retention)} は ${LOG_RETENTION_DAYS}（LOG-1）から ${AWS_LIMITS.retentionDays} までの整数の日数ではない`), bi(`e.g. ${LOG_RETENTION_DAYS}`, `例: ${LOG_RETENTION_DAYS}`));
  }

  // Traffic mirroring.
  const mirroring = props.trafficMirroring;
  if (mirroring !== undefined) {
    const t = isObject(mirroring) ? mirroring.target : undefined;
    if (!(typeof t === 'string' && (/^vpce-[0-9a-f]{8,17}$/.test(t) || /^eni-[0-9a-f]{8,17}$/.test(t) || /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/.test(t)))) {
      p.add('trafficMirroring.target', bi(`${show(t)} is not a mirror target`, `${show(t)} はミラーリング先ではない`), bi('give a GWLB endpoint ID (vpce-...), an ENI ID (eni-...) or an NLB ARN', 'GWLB エンドポイントの ID（vpce-...）、ENI の ID（eni-...）、NLB の ARN のいずれかを指定する'));
    }
    const enis = isObject(mirroring) ? mirroring.networkInterfaceIds : undefined;
    if (enis !== undefined && !(isStringArray(enis) && enis.every((e) => /^eni-[0-9a-f]{8,17}$/.test(e)))) {
      p.add('trafficMirroring.networkInterfaceIds', bi('must be a list of ENI IDs', 'は ENI の ID のリストでなければならない'), bi('e.g. ["eni-0123456789abcdef0"]', '例: ["eni-0123456789abcdef0"]'));
    } else if (enis !== undefined && withinBound(p, 'trafficMirroring.networkInterfaceIds', enis, LIMITS.mirroredInterfaces, 'one mirror session each')) {
      const twice = enis.filter((e, i) => enis.indexOf(e) !== i);
      if (twice.length > 0) p.add('trafficMirroring.networkInterfaceIds', bi(`lists ${[...new Set(twice)].join(', ')} more than once`, `に ${[...new Set(twice)].join(', ')} が重複している`), bi('list each interface once', 'インターフェースは 1 回ずつ挙げる'));
      if (typeof t === 'string' && enis.includes(t)) p.add('trafficMirroring.networkInterfaceIds', bi(`mirrors the target ${t} itself`, `がミラーリング先の ${t} 自身をミラーリングしている`), bi('mirror the workloads\' interfaces, not the IDS target', 'IDS のミラーリング先ではなく、業務の通信のインターフェースをミラーリングする'));
    }
  }
}

/** The municipality name: a tag value on every resource (AWS tag limits) and the root of the transit gateway's name. */
function checkMunicipality(p: Problems, m: unknown): void {
  if (typeof m !== 'string' || m.trim() === '') {
    p.add('municipality', bi('is empty', 'が空'), bi('give the municipality name, e.g. "Sample City サンプル市"', '団体名を指定する。例: "Sample City サンプル市"'));
    return;
  }
  if (m.length > LIMITS.municipality) {
    p.add('municipality', bi(`is ${m.length} characters long; at most ${LIMITS.municipality} are accepted (it becomes a tag value on every resource, at most ${TAG_LIMITS.value})`, `が ${m.length} 文字ある: 受け付けるのは ${LIMITS.municipality} 文字まで（すべてのリソースのタグの値になり、上限は ${TAG_LIMITS.value} 文字）`), bi('give the municipality\'s name', '団体名を指定する'));
    return;
  }
  if (m !== m.trim()) p.add('municipality', bi(`${show(m)} has leading or trailing spaces`, `${show(m)} の前後に空白がある`), bi(`write ${show(m.trim())}`, `${show(m.trim())} と書く`));
  if (!TAG_VALUE.test(m)) {
    const bad = [...new Set([...m].filter((ch) => !TAG_VALUE.test(ch)))].slice(0, 10);
    p.add('municipality', bi(`${show(m)} contains characters AWS does not accept in tag values on every resource (${bad.map((ch) => show(ch)).join(' ')})`, `${show(m)} に、AWS がタグの値として受け付けない文字がある（${bad.map((ch) => show(ch)).join(' ')}）`),
      bi(`use letters, digits, spaces and _ . : / = + - @ only, e.g. ${show(m.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, ' ').replace(/\s+/g, ' ').trim())}`, `文字・数字・空白と _ . : / = + - @ だけを使う。例: ${show(m.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, ' ').replace(/\s+/g, ' ').trim())}`));
  }
  if (/^aws:/i.test(m)) p.add('municipality', bi('begins with "aws:", which AWS reserves in tag values', 'が "aws:" で始まっている: AWS がタグの値で予約している'), bi('give the municipality\'s name', '団体名を指定する'));
}

/** Free text kept for the design document: a string of bounded length, or nothing. */
function checkFreeText(p: Problems, path: string, v: unknown): void {
  if (v === undefined) return;
  if (typeof v !== 'string') {p.add(path, bi(`${show(v)} is not text`, `${show(v)} はテキストではない`), bi('give a string, or leave it out', '文字列を指定するか、省略する'));} else if (v.length > LIMITS.freeText) {p.add(path, bi(`is ${v.length} characters long; at most ${LIMITS.freeText} are accepted`, `が ${v.length} 文字ある: 受け付けるのは ${LIMITS.freeText} 文字まで`), bi('shorten it; the design document can say more', '短くする。詳しくは設計書に書ける'));} else {
    // Printed in the design documents (HTML, CSV, workbook): a bidirectional override would show a reader other text.
    const unsafe = unsafeTextCharacter(v, true);
    if (unsafe) {
      p.add(path, bi(`holds ${unsafe}, an invisible formatting, separator or control character (it can make the design document show other text than it holds)`,
        `に ${unsafe}（見えない書式文字・区切り文字・制御文字）が含まれている（設計書が、保持する文字列と違う文字列を表示しうる）`),
      bi('write plain text: letters, digits, punctuation, spaces, line feeds', '通常の文字・数字・記号・空白・改行だけで書く'));
    }
  }
}

/** A single CIDR: reports a non-canonical spelling; returns true when there was a problem. */
function checkCidrText(p: Problems, path: string, text: unknown): boolean {
  const problem = typeof text === 'string' ? cidrSpellingProblem(text) : `${show(text)} is not an IPv4 CIDR block (not a string)`;
  if (problem) p.add(path, problem, 'write a.b.c.d/n canonically: decimal octets without leading zeros, the host bits zero, no spaces');
  return problem !== undefined;
}


/**
 * The LGWAN WAN and the security cloud are reached over different attachments: one attachment (or one router) for both
 * would join the LGWAN WAN and the internet side outside the municipality (LG-1), and the transit gateway would have one
 * route table for two zones.
 */
function checkConnectionsApart(p: Problems, lgwan: unknown, securityCloud: unknown): void {
  if (!isObject(lgwan) || !isObject(securityCloud)) return;
  if (typeof lgwan.attachmentId === 'string' && lgwan.attachmentId === securityCloud.attachmentId) {
    p.add('internet.securityCloud.attachmentId', bi(`${lgwan.attachmentId} is also lgwan.connection.attachmentId: one attachment would carry the LGWAN WAN and the security cloud (LG-1)`, `${lgwan.attachmentId} は lgwan.connection.attachmentId と同じ: 1 つのアタッチメントが LGWAN と自治体情報セキュリティクラウドの両方を運ぶことになる（LG-1）`),
      bi('give each external network its own transit gateway attachment', '外部のネットワークごとに別の Transit Gateway アタッチメントを指定する'));
  }
  if (typeof lgwan.customerGatewayIp === 'string' && lgwan.customerGatewayIp === securityCloud.customerGatewayIp) {
    p.add('internet.securityCloud.customerGatewayIp', bi(`${lgwan.customerGatewayIp} is also lgwan.connection.customerGatewayIp: one router would join the LGWAN WAN and the security cloud (LG-1)`, `${lgwan.customerGatewayIp} は lgwan.connection.customerGatewayIp と同じ: 1 台のルーターが LGWAN と自治体情報セキュリティクラウドをつなぐことになる（LG-1）`),
      bi('give the security cloud\'s own customer gateway address', '自治体情報セキュリティクラウド用のカスタマーゲートウェイのアドレスを指定する'));
  }
}

/** Availability zones: 2 to 6 names of one region (the stack's, when known). Returns the zones when usable. */
function checkAvailabilityZones(p: Problems, given: unknown, region: unknown): string[] | undefined {
  const azs = given ?? [...DEFAULT_AVAILABILITY_ZONES];
  // Six is the most any region has (us-east-1); every zone adds a subnet of each role.
  if (!isStringArray(azs) || azs.length < 2 || azs.length > 6) {
    p.add('availabilityZones', bi('must list 2 to 6 availability zone names', 'にはアベイラビリティゾーン名を 2 個から 6 個挙げる'), bi('e.g. ["ap-northeast-1a", "ap-northeast-1c"]', '例: ["ap-northeast-1a", "ap-northeast-1c"]'));
    return undefined;
  }
  const regions = new Set<string>();
  let ok = true;
  azs.forEach((az, i) => {
    const m = AZ_NAME.exec(az);
    if (!m) {
      p.add(`availabilityZones[${i}]`, bi(`${show(az)} is not an availability zone name`, `${show(az)} はアベイラビリティゾーン名ではない`), bi('write names like "ap-northeast-1a"', '"ap-northeast-1a" のような名前を書く'));
      ok = false;
    } else {
      regions.add(m[1]);
    }
  });
  if (new Set(azs).size !== azs.length) {
    p.add('availabilityZones', bi('lists a zone more than once', 'に同じゾーンが重複している'), bi('list each zone once', 'ゾーンは 1 回ずつ挙げる'));
    ok = false;
  }
  if (regions.size > 1) {
    p.add('availabilityZones', bi(`mixes regions (${[...regions].sort().join(', ')})`, `に複数のリージョンが混ざっている（${[...regions].sort().join(', ')}）`), bi('use zones of one region, the stack\'s', '1 つのリージョン（スタックのリージョン）のゾーンを使う'));
    ok = false;
  }
  const known = typeof region === 'string' && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region) ? region : undefined;
  if (known && regions.size === 1 && !regions.has(known)) {
    p.add('availabilityZones', bi(`${given === undefined ? 'defaults to the zones of ap-northeast-1 (Tokyo)' : `are zones of ${[...regions][0]}`}, but the stack is in ${known}`, `${given === undefined ? 'の既定値は ap-northeast-1（東京）のゾーン' : `は ${[...regions][0]} のゾーン`}だが、スタックは ${known} にある`),
      bi(`list zones of ${known}, e.g. ["${known}a", "${known}c"]`, `${known} のゾーンを挙げる。例: ["${known}a", "${known}c"]`));
    ok = false;
  }
  return ok ? azs : undefined;
}

/**
 * A segment host's range against the subnets the library lays out: it must lie in a workload subnet, and not cover a
 * whole subnet (flows name hosts, not subnets: the guard's MN-3 / LG-2 refuse a path that carries a whole subnet).
 */
function checkAgainstLayout(p: Problems, path: string, c: Ipv4Cidr, segment: Segment, layout: SubnetPlan[] | undefined): void {
  if (!layout) return;
  const workload = layout.filter((s) => s.role === SubnetRole.WORKLOAD || s.role === SubnetRole.TERMINALS);
  const inside = `workload${workload.some((s) => s.role === SubnetRole.TERMINALS) ? ' and terminal' : ''} subnets of ${SEGMENT_JA[segment]}: ${workload.map((s) => s.cidr).join(', ')}`;
  const covered = layout.find((s) => c.contains(Ipv4Cidr.parse(s.cidr)));
  if (covered) {
    p.add(path, bi(`${c} covers the whole ${covered.role} subnet ${covered.key} (${covered.cidr}) that the library lays out in ${SEGMENT_JA[segment]}; flows name hosts, not subnets (MN-3 / LG-2, 特定通信)`, `${c} が、ライブラリが${SEGMENT_JA[segment]}に配置する ${covered.role} のサブネット ${covered.key}（${covered.cidr}）全体を覆っている: 通信にはサブネットではなくホストを指定する（MN-3 / LG-2、特定通信）`),
      bi(`narrow it to the addresses the host uses, inside one workload subnet and smaller than it (${inside})`, `ホストが使うアドレスに絞り、1 つの業務サブネットの中でそれより小さくする（${inside}）`));
  } else if (!workload.some((s) => Ipv4Cidr.parse(s.cidr).contains(c))) {
    const other = layout.find((s) => Ipv4Cidr.parse(s.cidr).overlaps(c));
    p.add(path, bi(`${c} is not inside a workload subnet${other ? `: it lies in the ${other.role} subnet ${other.key} (${other.cidr}), which holds the library's own interfaces` : ''}`, `${c} が業務サブネットの中にない${other ? `: ライブラリ自身のインターフェースを置く ${other.role} のサブネット ${other.key}（${other.cidr}）にある` : ''}`),
      bi(`place the host in a workload subnet (${inside})`, `ホストを業務サブネットに置く（${inside}）`));
  }
}

/**
 * α′: only the LGWAN terminal subnets route to the breakout. The terminal pools (業務端末) and the declared update
 * clients belong there (else they have no way to their cloud services), every other LGWAN host belongs in a workload
 * subnet (AP-7), and so does every host the My Number segment talks to, whatever its role: 「特定通信先のサーバーや端末も
 * インターネットとの通信ができないこと」 (MN-4).
 */
function checkBreakoutPlacement(p: Problems, updateClients: unknown, infos: Map<string, HostInfo>, flows: readonly ResolvedFlow[],
  layout: SubnetPlan[] | undefined): void {
  const clients = new Set<string>();
  if (updateClients !== undefined) {
    if (!isStringArray(updateClients)) {
      p.add('breakout.updateClients', bi('must be a list of declared host names', 'は宣言したホスト名のリストでなければならない'), bi('e.g. ["antivirus-manager"]', '例: ["antivirus-manager"]'));
    } else if (withinBound(p, 'breakout.updateClients', updateClients, LIMITS.hosts, 'each names a declared host')) {
      updateClients.forEach((name, i) => {
        const info = infos.get(name);
        if (!info) {
          p.add(`breakout.updateClients[${i}]`, bi(`names an unknown host ${show(name)}`, `が未宣言のホスト ${show(name)} を指している`), bi('declare it in hosts (zone LGWAN) or remove it', 'hosts で（zone LGWAN として）宣言するか、削除する'));
        } else if (info.decl.zone !== Zone.LGWAN) {
          p.add(`breakout.updateClients[${i}]`, bi(`${name} is in ${info.decl.zone}, but only LGWAN hosts use the local breakout (AP-7)`, `${name} は ${info.decl.zone} にあるが、ローカルブレイクアウトを使えるのは LGWAN のホストだけ（AP-7）`), bi('name an LGWAN host', 'LGWAN のホストを指定する'));
        } else if (clients.has(name)) {
          p.add(`breakout.updateClients[${i}]`, bi(`lists ${name} twice`, `に ${name} が重複している`), bi('list each host once', 'ホストは 1 回ずつ挙げる'));
        }
        clients.add(name);
      });
    }
  }
  if (!layout) return;
  const terminals = layout.filter((s) => s.role === SubnetRole.TERMINALS).map((s) => Ipv4Cidr.parse(s.cidr));
  const workload = layout.filter((s) => s.role === SubnetRole.WORKLOAD).map((s) => Ipv4Cidr.parse(s.cidr));
  const list = (cidrs: Ipv4Cidr[]) => cidrs.map(String).join(', ');
  const myNumberPeers = new Set(flows.filter((f) => f.from.zone === Zone.MY_NUMBER || f.to.zone === Zone.MY_NUMBER)
    .flatMap((f) => [f.from, f.to]).filter((h) => h.zone === Zone.LGWAN).map((h) => h.name));
  for (const info of [...infos.values()].filter((h) => h.decl.zone === Zone.LGWAN)) {
    const name = info.decl.name;
    const inTerminals = info.cidrs.filter((c) => terminals.some((t) => t.contains(c)));
    const inWorkload = info.cidrs.filter((c) => workload.some((w) => w.contains(c)));
    const breaksOut = info.decl.role === HostRole.BUSINESS_TERMINALS || clients.has(name);
    if (myNumberPeers.has(name)) {
      if (inTerminals.length > 0) {
        p.add(`${info.path}.cidrs`, bi(`${list(inTerminals)} lies in an LGWAN terminal subnet, which breaks out to the cloud services; the My Number segment talks to ${name}, and a host it talks to must have no way to the internet (MN-4)`, `${list(inTerminals)} は、クラウドサービスへブレイクアウトする LGWAN接続系の端末用サブネットにある: マイナンバー利用事務系は ${name} と通信し、その通信相手のホストはインターネットへの経路を持ってはならない（MN-4）`),
          bi(`move ${name} into a workload subnet (${list(workload)}), and keep terminals that use the cloud services in a separate pool`, `${name} を業務サブネット（${list(workload)}）へ移し、クラウドサービスを使う端末は別の端末プールに分ける`));
      }
      if (clients.has(name)) {
        p.add('breakout.updateClients', bi(`lists ${name}, which the My Number segment talks to: it may not use the breakout (MN-4)`, `にマイナンバー利用事務系の通信相手 ${name} がある: このホストはブレイクアウトを使えない（MN-4）`), bi(`remove ${name}, and update it from inside LGWAN`, `${name} を削除し、LGWAN接続系の中から更新する`));
      }
    } else if (breaksOut && inWorkload.length > 0) {
      p.add(`${info.path}.cidrs`, bi(`${list(inWorkload)} lies in an LGWAN workload subnet, which has no route to the breakout, but ${name} is ${clients.has(name) ? 'an update client' : 'a terminal pool (業務端末)'} (AP-7)`, `${list(inWorkload)} は、ブレイクアウトへのルートがない LGWAN接続系の業務サブネットにあるが、${name} は${clients.has(name) ? 'セキュリティ更新の取得元' : '業務端末（端末プール）'}（AP-7）`),
        bi(`place it in a terminal subnet (${list(terminals)})`, `端末用サブネット（${list(terminals)}）に置く`));
    } else if (!breaksOut && inTerminals.length > 0) {
      p.add(`${info.path}.cidrs`, bi(`${list(inTerminals)} lies in an LGWAN terminal subnet, which breaks out to the cloud services; only terminal pools (業務端末) and update clients belong there (AP-7)`, `${list(inTerminals)} は、クラウドサービスへブレイクアウトする LGWAN接続系の端末用サブネットにある: そこに置けるのは業務端末（端末プール）とセキュリティ更新の取得元だけ（AP-7）`),
        bi(`move ${name} into a workload subnet (${list(workload)}), or declare it with role BUSINESS_TERMINALS or in breakout.updateClients`, `${name} を業務サブネット（${list(workload)}）へ移すか、ロール BUSINESS_TERMINALS で宣言するか、breakout.updateClients に挙げる`));
    }
  }
}

/** Hosts of the LGWAN WAN and of the security cloud never share addresses: they are different networks (LG-1). */
function checkExternalHostsApart(p: Problems, infos: HostInfo[]): void {
  const wan = infos.filter((h) => h.decl.zone === Zone.LGWAN_WAN);
  for (const sc of infos.filter((h) => h.decl.zone === Zone.SECURITY_CLOUD)) {
    for (const w of wan) {
      // 0.0.0.0/0 is refused on its own; it would overlap everything.
      const a = sc.cidrs.find((c) => c.prefixLength > 0 && w.cidrs.some((d) => d.prefixLength > 0 && d.overlaps(c)));
      if (a) {
        p.add(`${sc.path}.cidrs`, bi(`${a} overlaps ${w.path} of the LGWAN WAN: the LGWAN WAN and the security cloud are separate networks (LG-1)`, `${a} が LGWAN の ${w.path} と重なっている: LGWAN と自治体情報セキュリティクラウドは別のネットワーク（LG-1）`), bi('correct the address or the zone of one of them', 'どちらかのアドレスかゾーンを直す'));
      }
    }
  }
}

/**
 * The ports one host's security group opens toward one address, over all its flows, per direction and protocol: the
 * guard's MN-3 / LG-2 count rules that between them open every port as one rule that does. With canonical (aligned)
 * blocks, two overlapping blocks nest, so the network addresses of the peers are the points to look at.
 */
function checkHostPortUnions(p: Problems, flows: readonly ResolvedFlow[]): void {
  type Rule = { flow: string; peer: Ipv4Cidr; port: Port; rule: string };
  const byGroup = new Map<string, Rule[]>();
  for (const f of flows) {
    const rule = portRule(f.flow.kind, [f.from.zone, f.to.zone]);
    for (const [local, peer, outbound] of [[f.from, f.to, true], [f.to, f.from, false]] as const) {
      if (!segmentOfZone(local.zone)) continue;
      const key = `${local.name}\u0000${outbound ? 'egress' : 'ingress'}`;
      const list = byGroup.get(key) ?? [];
      for (const c of peer.cidrs) for (const port of f.flow.ports) list.push({ flow: f.flow.name, peer: Ipv4Cidr.parse(c), port, rule });
      byGroup.set(key, list);
    }
  }
  for (const [key, rules] of byGroup) {
    const [host, direction] = key.split('\u0000');
    const reported = new Set<string>();
    for (const point of [...new Set(rules.map((r) => r.peer.network))].sort((a, b) => a - b)) {
      const at = rules.filter((r) => r.peer.network <= point && point <= r.peer.last);
      const flowNames = [...new Set(at.map((r) => r.flow))].sort();
      if (flowNames.length < 2) continue; // one flow: its own ports were checked above
      for (const protocol of [Protocol.TCP, Protocol.UDP]) {
        const given = at.filter((r) => r.port.protocol === protocol).map((r) => r.port);
        const count = portCount(portUnion(given));
        if (count <= MAX_FLOW_PORTS || reported.has(`${protocol}${flowNames.join()}`)) continue;
        reported.add(`${protocol}${flowNames.join()}`);
        p.add(`hosts.${host}`, bi(`its ${direction} flows ${flowNames.join(', ')} toward ${Ipv4Cidr.formatAddress(point)} together open ${count === 65535 ? `every ${protocol} port` : `${count} ${protocol} ports (more than the ${MAX_FLOW_PORTS} of the whole dynamic range)`}: ${describeRanges(protocol, given)} (${at[0].rule})`, `${direction === 'ingress' ? '受信' : '送信'}方向の通信 ${flowNames.join(', ')} が、${Ipv4Cidr.formatAddress(point)} に向けて合わせて${count === 65535 ? ` ${protocol} のすべてのポート` : ` ${protocol} のポートを ${count} 個（動的ポート範囲全体の ${MAX_FLOW_PORTS} 個より多い）`}を開く: ${describeRanges(protocol, given)}（${portRuleJa(at[0].rule)}）`),
          bi('declare only the ports the applications use; flows toward the same address count together', 'アプリケーションが使うポートだけを宣言する。同じアドレスへの通信は合わせて数える'));
      }
    }
  }
}

/**
 * The hosts of a segment that declared flows name must not, between them, cover a whole subnet: the routes and rules
 * for them would carry the whole subnet, which the guard's MN-3 / LG-2 refuse (a path that reaches a whole subnet of
 * the other side). Conservative: all flow-named hosts of the segment count together, whatever their peers and ports.
 */
function checkSubnetCoverage(p: Problems, flows: readonly ResolvedFlow[], layouts: ReadonlyMap<Segment, SubnetPlan[]>): void {
  for (const [segment, layout] of layouts) {
    const named = new Map<string, Ipv4Cidr[]>();
    for (const f of flows) {
      for (const h of [f.from, f.to]) if (segmentOfZone(h.zone) === segment) named.set(h.name, h.cidrs.map((c) => Ipv4Cidr.parse(c)));
    }
    const all = [...named.entries()].flatMap(([name, cidrs]) => cidrs.map((c) => ({ name, c })));
    for (const subnet of layout) {
      const block = Ipv4Cidr.parse(subnet.cidr);
      const parts = all.filter((x) => block.contains(x.c)).sort((a, b) => a.c.network - b.c.network);
      let next = block.network;
      for (const x of parts) if (x.c.network <= next) next = Math.max(next, x.c.last + 1);
      if (parts.length > 1 && next > block.last) {
        const names = [...new Set(parts.map((x) => x.name))].sort();
        p.add(`hosts.${names[0]}`, bi(`hosts ${names.join(', ')} together cover the whole ${subnet.role} subnet ${subnet.key} (${subnet.cidr}) of ${SEGMENT_JA[segment]}, and declared flows name them; flows name hosts, not subnets (MN-3 / LG-2, 特定通信)`, `ホスト ${names.join(', ')} が合わせて${SEGMENT_JA[segment]}の ${subnet.role} のサブネット ${subnet.key}（${subnet.cidr}）全体を覆い、宣言した通信がそれらを指している: 通信にはサブネットではなくホストを指定する（MN-3 / LG-2、特定通信）`),
          bi('declare only the addresses the hosts use, so that part of the subnet stays out of every flow', 'ホストが使うアドレスだけを宣言し、サブネットの一部がどの通信にも含まれないようにする'));
      }
    }
  }
}

/** What the planner would build from the flows, counted against the NACL quota and AWS's hard limits. */
function checkPlanLimits(
  p: Problems, flows: readonly ResolvedFlow[], segmentCidrs: ReadonlyMap<Segment, Ipv4Cidr>, wanCidrs: readonly Ipv4Cidr[],
): void {
  const myNumber = segmentCidrs.get(Segment.MY_NUMBER);
  if (myNumber) {
    const { inbound, outbound } = myNumberNaclEntries(myNumber.toString(), flows);
    for (const [direction, list] of [['inbound', inbound], ['outbound', outbound]] as const) {
      if (list.length > NACL_RULES_PER_DIRECTION) {
        p.add('flows', bi(`the flows of マイナンバー利用事務系 need ${list.length} ${direction} NACL rules (one per peer CIDR and port, one per return leg, one for the VPC); a network ACL holds ${NACL_RULES_PER_DIRECTION} per direction (the default quota, https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-nacls)`, `マイナンバー利用事務系の通信に ${direction === 'inbound' ? '受信' : '送信'}方向の NACL ルールが ${list.length} 個必要（相手の CIDR とポートごとに 1 個、戻りごとに 1 個、VPC に 1 個）だが、ネットワーク ACL に置けるのは 1 方向 ${NACL_RULES_PER_DIRECTION} 個まで（既定のクォータ、https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-nacls）`),
          bi('declare fewer peer CIDRs or ports for the My Number flows (e.g. one port list per pair of hosts)', 'マイナンバー利用事務系の通信の相手 CIDR やポートを減らす（例: ホストの組ごとにポートのリストを 1 つにする）'));
      }
    }
  }
  // Security-group rules per host and direction; routes per VPC route table and transit gateway route table.
  const rules = new Map<string, number>();
  const vpcRoutes = new Map<Zone, Set<string>>();
  const tgwRoutes = new Map<Zone, Set<string>>();
  const add = (m: Map<Zone, Set<string>>, z: Zone, c: string) => m.set(z, (m.get(z) ?? new Set()).add(c));
  for (const f of flows) {
    const n = f.flow.ports.length;
    rules.set(`${f.from.name} egress`, (rules.get(`${f.from.name} egress`) ?? 0) + n * f.to.cidrs.length);
    rules.set(`${f.to.name} ingress`, (rules.get(`${f.to.name} ingress`) ?? 0) + n * f.from.cidrs.length);
    for (const c of f.to.cidrs) { add(vpcRoutes, f.from.zone, c); add(tgwRoutes, f.from.zone, c); }
    for (const c of f.from.cidrs) { add(vpcRoutes, f.to.zone, c); add(tgwRoutes, f.to.zone, c); }
  }
  // The whole WAN to the transit gateway (VPC); blackholed there but for the declared hosts (LG-3), both ways.
  for (const w of wanCidrs) { add(vpcRoutes, Zone.LGWAN, w.toString()); add(tgwRoutes, Zone.LGWAN, w.toString()); }
  for (const [key, count] of rules) {
    if (count > AWS_LIMITS.securityGroupRules) {
      const [host, direction] = key.split(' ');
      p.add(`hosts.${host}`, bi(`its flows need ${count} ${direction} security-group rules; a group holds at most ${AWS_LIMITS.securityGroupRules}`, `の通信にはセキュリティグループの${direction === 'ingress' ? '受信' : '送信'}ルールが ${count} 個必要だが、1 つのグループに置けるのは ${AWS_LIMITS.securityGroupRules} 個まで`), bi('declare fewer CIDRs or ports', 'CIDR かポートを減らして宣言する'));
    }
  }
  for (const [zone, set] of vpcRoutes) {
    if (segmentOfZone(zone) && set.size + 2 > AWS_LIMITS.vpcRoutes) {
      p.add('flows', bi(`the workload route tables of ${ZONE_JA[zone]} would need ${set.size + 2} routes; a route table holds at most ${AWS_LIMITS.vpcRoutes}`, `${ZONE_JA[zone]}の業務用ルートテーブルにはルートが ${set.size + 2} 個必要だが、1 つのルートテーブルに置けるのは ${AWS_LIMITS.vpcRoutes} 個まで`), bi('declare fewer, wider host ranges', 'ホストの範囲を減らし、広めにまとめて宣言する'));
    }
  }
  for (const [zone, set] of tgwRoutes) {
    if (set.size + 5 > AWS_LIMITS.transitRoutes) {
      p.add('flows', bi(`the transit gateway route table of ${ZONE_JA[zone]} would need ${set.size + 5} routes; it holds at most ${AWS_LIMITS.transitRoutes}`, `${ZONE_JA[zone]}の Transit Gateway ルートテーブルにはルートが ${set.size + 5} 個必要だが、置けるのは ${AWS_LIMITS.transitRoutes} 個まで`), bi('declare fewer host ranges', 'ホストの範囲を減らして宣言する'));
    }
  }
}

/**
 * Meeting-media ranges are routed from the LGWAN workload subnets to the breakout firewall; the LGWAN WAN ranges and the
 * segments to the transit gateway. A range in both would be one route with two targets (LG-1: LGWAN traffic would leave
 * toward the internet, or the media toward the WAN).
 */
function checkMediaRoutes(p: Problems, services: unknown[], wanCidrs: readonly Ipv4Cidr[], segList: readonly [Segment, Ipv4Cidr][]): void {
  services.forEach((entry, i) => {
    const media = isObject(entry) && isObject(entry.service) && isObject(entry.service.media) ? entry.service.media : undefined;
    if (!media || !isStringArray(media.cidrs)) return;
    media.cidrs.forEach((text, j) => {
      const c = cidrSpellingProblem(text) ? undefined : Ipv4Cidr.parse(text);
      if (!c || c.prefixLength === 0) return;
      const wan = wanCidrs.find((w) => w.overlaps(c));
      const seg = segList.find(([, s]) => s.overlaps(c));
      if (wan || seg) {
        p.add(`breakout.services[${i}].service.media.cidrs[${j}]`, bi(`${c} overlaps ${wan ? `lgwan.wanCidrs ${wan}` : `${SEGMENT_PROP[seg![0]]}.cidr ${seg![1]}`}: media ranges go to the internet through the breakout firewall, these stay inside (LG-1)`, `${c} が ${wan ? `lgwan.wanCidrs ${wan}` : `${SEGMENT_PROP[seg![0]]}.cidr ${seg![1]}`} と重なっている: メディアのアドレス範囲へはブレイクアウトのファイアウォールを通ってインターネットへ出るが、こちらは内部に留まる（LG-1）`),
          bi('use the vendor\'s published media ranges, or renumber', 'ベンダーが公開するメディアのアドレス範囲を使うか、アドレスを振り直す'));
      }
    });
  });
}

/** Generate the tenant-restriction proxy's configuration now, and report why it cannot be generated, if it cannot. */
function checkProxy(p: Problems, props: MunicipalNetworkBlueprintProps, lgwanLayout: SubnetPlan[], hosts: HostDeclaration[]): void {
  const breakout = props.breakout!;
  if (breakout.tenantProxy === undefined || props.alphaPrimeCase === AlphaPrimeCase.LICENSE_AND_UPDATES) return;
  // Case ウ without a usable sanitization service is reported by the breakout validation already. The hosts are the
  // well-formed declarations only (a list entry that is no object was reported and is not among them).
  if (props.alphaPrimeCase === AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION && icapServiceOf(breakout, hosts) === undefined) return;
  try {
    planTenantProxy({ breakout, alphaPrimeCase: props.alphaPrimeCase!, subnets: lgwanLayout, hosts });
  } catch (e) {
    const message = String((e as Error)?.message ?? e);
    const lines = message.split('\n');
    const one = /^\[([^\]]+)\] ([\s\S]*?)\.? Fix: ([\s\S]*)$/.exec(message);
    if (one) {
      p.add(one[1] === 'breakout' ? 'breakout.services' : one[1], one[2], one[3].replace(/\.$/, ''));
    } else {
      for (const line of lines.length > 1 ? lines.slice(1) : lines) {
        p.add('breakout.services', bi(`cannot be turned into the tenant-restriction proxy's configuration (AP-3): ${show(line, 300)}`, `をテナント制限プロキシの設定に変換できない（AP-3）: ${show(line, 300)}`), bi('correct the value named; tenant identifiers and policy IDs are plain identifiers', '指摘された値を直す。テナント ID やポリシー ID は単純な識別子'));
      }
    }
  }
}

/**
 * Thrown by `Blueprint.validate` with every problem of the blueprint. Not part of the jsii API (it
 * extends the JavaScript `Error`); other languages see an exception with the same message.
 */
export class BlueprintValidationError extends Error {
  constructor(public readonly errors: string[], language: GuardLanguage = GuardLanguage.ENGLISH) {
    super(language === GuardLanguage.JAPANESE ? `ブループリントに ${errors.length} 件のエラーがある:\n${errors.join('\n')}`
      : `Blueprint has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.join('\n')}`);
    this.name = 'BlueprintValidationError';
  }
}

/**
 * A validated blueprint with its defaults resolved. Create it with `Blueprint.validate(props)`.
 */
export class Blueprint {
  /**
   * Validate the props; throws an error listing every problem at once. The blueprint keeps a plain copy of the props,
   * made once during validation: what was validated is what gets built, whatever happens to the object passed in.
   * @param props the blueprint
   * @param region the stack's region, when known: the availability zones must be in it
   */
  public static validate(props: MunicipalNetworkBlueprintProps, region?: string): Blueprint {
    const { errors, copy, language } = inspect(props, region);
    if (errors.length > 0) throw new BlueprintValidationError(errors, language);
    return new Blueprint(copy!);
  }

  /**
   * Every problem of the props (empty if valid), without throwing.
   * @param props the blueprint
   * @param region the stack's region, when known
   */
  public static check(props: MunicipalNetworkBlueprintProps, region?: string): string[] {
    return validateBlueprint(props, region);
  }

  /** A blueprint of props that were checked already (the validator's own dry run). */
  private static unchecked(props: MunicipalNetworkBlueprintProps): Blueprint {
    return new Blueprint(props);
  }

  /** The props as validated: a plain copy of what was passed, taken once. */
  public readonly props: MunicipalNetworkBlueprintProps;
  /** Availability zones, defaults applied. */
  public readonly availabilityZones: string[];
  /** Declared hosts. */
  public readonly hosts: HostDeclaration[];
  /** Declared flows. */
  public readonly flows: FlowDeclaration[];
  private readonly cidrs: Record<Segment, string | undefined>;

  private constructor(props: MunicipalNetworkBlueprintProps) {
    this.props = props;
    this.availabilityZones = [...(props.availabilityZones ?? DEFAULT_AVAILABILITY_ZONES)];
    this.hosts = [...(props.hosts ?? [])];
    this.flows = [...(props.flows ?? [])];
    this.cidrs = resolveSegmentCidrs(props);
  }

  /** The network model. */
  public get model(): NetworkModel {
    return this.props.model;
  }

  /** The α′ case, or undefined for other models. */
  public get alphaPrimeCase(): AlphaPrimeCase | undefined {
    return this.props.model === NetworkModel.ALPHA_PRIME ? this.props.alphaPrimeCase : undefined;
  }

  /** The VPC CIDR of a segment (given, or allocated from `addressSpace`). */
  public segmentCidr(segment: Segment): string {
    return this.cidrs[segment]!;
  }

  /** A declared host by name. */
  public host(name: string): HostDeclaration | undefined {
    return this.hosts.find((h) => h.name === name);
  }
}

/**
 * The security cloud's DNS resolvers (IN-2): one to `LIMITS.securityCloudDns` IPv4 host addresses, canonical, each
 * once, inside `internet.securityCloudCidrs` when those are given, and never inside a segment or the LGWAN WAN. The
 * Internet segment forwards every name (`.`) to them, so without them it would resolve unfiltered.
 */
function checkSecurityCloudDns(
  p: Problems, value: unknown, securityCloudCidrs: readonly Ipv4Cidr[], segments: readonly Ipv4Cidr[], wan: readonly Ipv4Cidr[],
): void {
  const path = 'internet.securityCloudDns';
  if (value === undefined) {
    p.add(path, bi('is missing: the Internet segment resolves names through the security cloud\'s DNS (IN-2, 自治体情報セキュリティクラウド), '
      + 'and the library forwards every query there', 'がない: インターネット接続系は自治体情報セキュリティクラウドの DNS で名前解決し（IN-2、自治体情報セキュリティクラウド）、ライブラリはすべての問い合わせをそこへ転送する'), bi('give the security cloud\'s DNS resolver addresses, e.g. securityCloudDns: ["172.30.0.53"] '
      + '(ask the prefecture\'s security cloud operator), or internet.egress: BUILT_IN for a proof of concept', '自治体情報セキュリティクラウドの DNS リゾルバのアドレスを指定する（例: securityCloudDns: ["172.30.0.53"]。都道府県のセキュリティクラウドの運用者に確認する）か、検証環境なら internet.egress: BUILT_IN にする'));
    return;
  }
  if (!isStringArray(value) || value.length === 0) {
    p.add(path, bi('must be a non-empty list of IPv4 address strings', 'は IPv4 アドレス文字列の空でないリストでなければならない'), bi('e.g. ["172.30.0.53", "172.30.0.54"]', '例: ["172.30.0.53", "172.30.0.54"]'));
    return;
  }
  if (!withinBound(p, path, value, LIMITS.securityCloudDns, 'the resolvers of one forwarding rule')) return;
  const seen = new Set<string>();
  value.forEach((a, i) => {
    const problem = ipv4AddressSpellingProblem(a);
    if (problem) {
      p.add(`${path}[${i}]`, problem, 'write a.b.c.d canonically: decimal octets without leading zeros, no spaces');
      return;
    }
    if (seen.has(a)) p.add(`${path}[${i}]`, bi(`lists ${a} more than once`, `に ${a} が重複している`), bi('list each resolver once', 'リゾルバは 1 回ずつ挙げる'));
    seen.add(a);
    const host = Ipv4Cidr.parse(`${a}/32`);
    if (securityCloudCidrs.length > 0 && !securityCloudCidrs.some((c) => c.contains(host))) {
      p.add(`${path}[${i}]`, bi(`${a} is outside internet.securityCloudCidrs: it would not be the security cloud's resolver (IN-2)`, `${a} が internet.securityCloudCidrs の外にある: 自治体情報セキュリティクラウドのリゾルバにならない（IN-2）`), bi('correct the address, or add its range to internet.securityCloudCidrs', 'アドレスを直すか、その範囲を internet.securityCloudCidrs に加える'));
    }
    for (const c of segments) {
      if (c.contains(host)) p.add(`${path}[${i}]`, bi(`${a} is inside the segment CIDR ${c}: a resolver in a segment is no security cloud (IN-2)`, `${a} が系の CIDR ${c} の中にある: 系の中のリゾルバは自治体情報セキュリティクラウドではない（IN-2）`), bi('give the security cloud\'s resolver addresses', '自治体情報セキュリティクラウドのリゾルバのアドレスを指定する'));
    }
    for (const c of wan) {
      if (c.contains(host)) p.add(`${path}[${i}]`, bi(`${a} is inside lgwan.wanCidrs ${c}: the LGWAN WAN is not the security cloud (LG-1, IN-2)`, `${a} が lgwan.wanCidrs ${c} の中にある: LGWAN は自治体情報セキュリティクラウドではない（LG-1、IN-2）`), bi('give the security cloud\'s resolver addresses', '自治体情報セキュリティクラウドのリゾルバのアドレスを指定する'));
    }
  });
}
