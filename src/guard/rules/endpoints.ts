import { Segment } from '../../model/segment';
import { deref, nodesOf, VpcEndpointNode, VpcNode } from '../graph';
import { jaOrEn } from '../ja-engine';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardContext, GuardRule, joinBi, Severity } from '../rule';
import { nameOf } from '../topology';

/**
 * Operators that require the key to be present and equal to a value, spelt as AWS documents them (another spelling is
 * not taken for them: fail closed). `…IfExists` variants pass when the key is absent and `StringNotEquals` /
 * `StringLike` with wildcards do not pin one account, so they do not count.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
const EXACT_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase']);

/**
 * The elements of a policy statement and document (IAM JSON policy element reference). A statement with any other key
 * (`resource` beside `Resource`, a misspelling) is not read: whether AWS takes it for one of these is not known.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */
const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const DOCUMENT_ELEMENTS = new Set(['Version', 'Id', 'Statement']);

/**
 * The deploying account as the readers write it: CloudFormation's `AWS::AccountId`, Terraform's caller identity read (or
 * a transit gateway's owner made) with the endpoint's own provider configuration, and, in a plan, the account ID the plan
 * deploys to. A literal account ID or an organisation is
 * not: the guard cannot tell it is the municipality's own account (an organisation holds other accounts too).
 */
const OWN_ACCOUNT = '{accountid}';

/**
 * The message channels of the Systems Manager agent: their actions name no resource type, so a request carries no
 * resource account to compare (src/plan/endpoint-policy.ts); only the principal side can be held.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsessionmanagermessagegatewayservice.html
 */
const MESSAGE_CHANNELS = /(^|\.)(ssmmessages|ec2messages)$/;

/**
 * What a statement's StringEquals conditions say of `key`: pinned to the own account, or the first other value given.
 * Context key names are not case-sensitive (IAM, Condition element): one operator block may name a key in two spellings,
 * and then every spelling must hold the own account only (which of them AWS applies, or how it joins them, is not known).
 */
function conditionOn(condition: Record<string, unknown>, key: string): { pinned: boolean; other?: unknown } {
  let other: unknown;
  for (const [operator, keys] of Object.entries(condition)) {
    if (!EXACT_OPERATORS.has(operator) || keys === null || typeof keys !== 'object') continue;
    const spellings = Object.entries(keys as Record<string, unknown>).filter(([k]) => k.toLowerCase() === key);
    // Conditions are ANDed, values of one key ORed: one block whose every value is the own account pins the key.
    const values = spellings.map(([, value]) => (Array.isArray(value) ? value : [value]));
    if (values.length > 0 && values.every((vs) => vs.length > 0 && vs.every((v) => v === OWN_ACCOUNT))) return { pinned: true };
    other ??= values.flat().find((v) => v !== OWN_ACCOUNT);
  }
  return { pinned: false, other };
}

/** Principals that are all the own account's: `{ AWS: … }` naming the account or IAM ARNs in it (never `*`, a service or a federation). */
function ownPrincipals(principal: unknown): boolean {
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) return false;
  return Object.entries(principal as Record<string, unknown>).every(([kind, v]) => kind === 'AWS'
    && (Array.isArray(v) ? v : [v]).every((x) => x === OWN_ACCOUNT || (typeof x === 'string' && /^arn:[^:]+:iam::\{accountid\}:/.test(x))));
}

/**
 * A resource the own account holds, by its ARN: an account field that is the own account (S3 ARNs have none), or
 * AWS's own Systems Manager documents and public parameters (an empty account field), which the agent reads.
 * https://github.com/aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/ssm_endpoint_policy.json)
 */
function ownOrAwsResource(resource: unknown): boolean {
  if (typeof resource !== 'string') return false;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] === 's3') return false;
  if (parts[4] === OWN_ACCOUNT) return true;
  return parts[2] === 'ssm' && parts[4] === '' && /^(document\/|parameter\/aws\/)/.test(parts.slice(5).join(':'));
}

/** ` (the value: why it is not the own account)` for a message, or nothing. */
function otherValue(value: unknown): Bilingual {
  return value === undefined ? bi('', '') : bi(` (${JSON.stringify(value)} is a literal account, an organisation or a value known only at deploy time, `
    + 'not the deploying account as the guard can read it; fail closed)', `（${JSON.stringify(value)} はリテラルのアカウント、組織、またはデプロイ時にしか決まらない値で、`
    + 'ガードが読めるデプロイ先のアカウントではない。フェイルクローズ）');
}

/**
 * Why one Allow statement is not held to the own account, or undefined when it is: both sides must be the deploying
 * account's — who acts (a StringEquals on `aws:PrincipalAccount`, or principals named in the account) and on what (a
 * StringEquals on `aws:ResourceAccount`, or resource ARNs in the account or AWS's own SSM documents), but for the
 * message channels, which have no resources. Either side open is a path to another account: the own principals writing
 * to a bucket elsewhere, or someone else's credentials used from the segment.
 */
function statementProblem(s: unknown, index: number, serviceName: string): Bilingual | undefined {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return bi(`statement ${index} cannot be read`, `ステートメント ${index} を読めない`);
  const st = s as Record<string, unknown>;
  const label = `statement ${typeof st.Sid === 'string' ? `"${st.Sid}"` : index}`;
  const labelJa = `ステートメント ${typeof st.Sid === 'string' ? `"${st.Sid}"` : index}`;
  const unknown = Object.keys(st).filter((k) => !STATEMENT_ELEMENTS.has(k));
  if (unknown.length > 0) {
    return bi(`${label} has elements the guard does not read (${unknown.map((k) => JSON.stringify(k)).join(', ')}): AWS may read them as others`,
      `${labelJa} にガードが読まない要素がある（${unknown.map((k) => JSON.stringify(k)).join('、')}）: AWS がほかの要素として読みうる`);
  }
  if (st.Effect === 'Deny') return undefined;
  if (packageRepositoryRead(st)) return undefined;
  if (st.Effect !== 'Allow') return bi(`${label} has an effect the guard cannot read (${JSON.stringify(st.Effect)})`, `${labelJa} の Effect をガードが読めない（${JSON.stringify(st.Effect)}）`);
  if ('NotPrincipal' in st || 'NotResource' in st) {
    return bi(`${label} uses NotPrincipal / NotResource, which allows everything not listed`, `${labelJa} が NotPrincipal / NotResource を使っていて、列挙したもの以外をすべて許可する`);
  }
  const condition = st.Condition ?? {};
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return bi(`${label} has a condition the guard cannot read`, `${labelJa} の Condition をガードが読めない`);
  const problems: Bilingual[] = [];
  const principals = conditionOn(condition as Record<string, unknown>, 'aws:principalaccount');
  if (!principals.pinned && !ownPrincipals(st.Principal)) {
    const why = otherValue(principals.other);
    problems.push(bi(`${label} lets principals of other accounts act (${JSON.stringify(st.Principal ?? '*')}): no StringEquals condition on aws:PrincipalAccount `
      + `names the deploying account only${why.en}`,
    `${labelJa} が他のアカウントのプリンシパルにも操作を許可している（${JSON.stringify(st.Principal ?? '*')}）: aws:PrincipalAccount に対する StringEquals の条件で`
      + `デプロイ先のアカウントだけを指定していない${why.ja}`));
  }
  const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
  const owned = conditionOn(condition as Record<string, unknown>, 'aws:resourceaccount');
  if (!MESSAGE_CHANNELS.test(serviceName) && !owned.pinned && !(resources.length > 0 && resources.every(ownOrAwsResource))) {
    const why = otherValue(owned.other);
    problems.push(bi(`${label} allows other accounts' resources (${JSON.stringify(st.Resource)}): no StringEquals condition on aws:ResourceAccount `
      + `names the deploying account only${why.en}`,
    `${labelJa} が他のアカウントのリソース（${JSON.stringify(st.Resource)}）への操作も許可している: aws:ResourceAccount に対する StringEquals の条件で`
      + `デプロイ先のアカウントだけを指定していない${why.ja}`));
  }
  return problems.length > 0 ? joinBi(problems) : undefined;
}

/**
 * Amazon Linux 2023's package repositories, an S3 bucket AWS owns in each region (`al2023-repos-<region>-de612dc2`, Amazon
 * Linux 2023 User Guide, "Package repositories"), read by an S3 gateway endpoint (the α′ proxy's, src/plan/proxy.ts):
 * an Allow of `s3:GetObject` alone on that bucket's objects and on no other condition carries no data out of the segment
 * whoever's credentials sign it, so it is a named exception, as AWS's SSM documents are.
 */
const PACKAGE_REPOSITORY = /^arn:(\{partition\}|aws(-[a-z]+)*):s3:::al2023-repos-(\{region\}|[a-z]{2}(-[a-z]+)+-\d)-de612dc2\/\*$/;
function packageRepositoryRead(st: Record<string, unknown>): boolean {
  const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
  const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
  return st.Effect === 'Allow' && st.Condition === undefined && actions.length > 0 && actions.every((a) => a === 's3:GetObject')
    && resources.length > 0 && resources.every((r) => typeof r === 'string' && PACKAGE_REPOSITORY.test(r));
}

/** Why an endpoint's policy does not hold it to the own account, or undefined when it does. */
export function endpointPolicyProblem(e: VpcEndpointNode): Bilingual | undefined {
  if (!e.policy) {
    return bi('it has no endpoint policy, so AWS attaches the default one, which allows full access to any account\'s resources',
      'エンドポイントポリシーがなく、AWS が既定のポリシー（どのアカウントのリソースにもフルアクセスを許可する）を付ける');
  }
  if (e.policy.kind === 'unreadable') {
    return bi(`its endpoint policy cannot be read: ${e.policy.reason} (fail closed)`, `エンドポイントポリシーを読めない: ${jaOrEn(e.policy.reason)}（フェイルクローズ）`);
  }
  const doc = e.policy.document as Record<string, unknown> | undefined;
  const unknown = doc && typeof doc === 'object' && !Array.isArray(doc) ? Object.keys(doc).filter((k) => !DOCUMENT_ELEMENTS.has(k)) : [];
  if (unknown.length > 0) {
    return bi(`its endpoint policy has elements the guard does not read (${unknown.map((k) => JSON.stringify(k)).join(', ')}; fail closed)`,
      `エンドポイントポリシーにガードが読まない要素がある（${unknown.map((k) => JSON.stringify(k)).join('、')}。フェイルクローズ）`);
  }
  const statements = doc && typeof doc === 'object' ? doc.Statement : undefined;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
  if (!list) return bi('its endpoint policy has no statement list the guard can read (fail closed)', 'エンドポイントポリシーに、ガードが読める Statement のリストがない（フェイルクローズ）');
  const problems = list.map((s, i) => statementProblem(s, i, e.serviceName)).filter((x): x is Bilingual => x !== undefined);
  return problems.length > 0 ? joinBi(problems) : undefined;
}

/**
 * MN-5: every VPC endpoint (interface, gateway, Gateway Load Balancer) of a My Number VPC has a policy, and no Allow
 * statement of it lets any principal act on any account's resources unless a condition pins the account
 * (`aws:ResourceAccount`, `aws:ResourceOrgID`, `aws:PrincipalAccount`, `aws:PrincipalOrgID` with StringEquals and a value
 * the guard can read). Otherwise the endpoint is a path from the segment to another account's data through AWS APIs.
 */
export const MN5: GuardRule = {
  id: 'MN-5',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'マイナンバー利用事務系のVPCエンドポイント',
  summary: 'Every VPC endpoint of a MY_NUMBER VPC has a policy that holds it to the own account on both sides: every Allow pins who acts (a '
    + 'StringEquals condition on aws:PrincipalAccount, or principals named in the account) and on what (aws:ResourceAccount, or resource ARNs in '
    + 'the account or AWS\'s own SSM documents; not for the SSM message channels) to the deploying account as the guard reads it — not a literal '
    + 'account ID, an organisation or a deploy-time value.',
  check(ctx: GuardContext): Finding[] {
    return endpointFindings(ctx, this, Segment.MY_NUMBER);
  },
};

/**
 * LG-4: the LGWAN segment's VPC endpoints are held to the own account as MN-5 holds My Number's. With another account's
 * principals or resources, the closed segment writes to (or is driven from) resources the internet reaches, through AWS
 * APIs and no route: 001 forbids communication with a network that reaches the internet 「直接、間接を問わず」. An outside
 * tester (red team 39) found the library's own LGWAN endpoints on AWS's full-access default policy.
 */
export const LG4: GuardRule = {
  id: 'LG-4',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'LGWAN接続系のVPCエンドポイント',
  summary: 'Every VPC endpoint of an LGWAN VPC has a policy that holds it to the own account on both sides, as MN-5 requires of My Number\'s '
    + '(AWS\'s own SSM documents, and Amazon Linux 2023\'s package repositories read by s3:GetObject alone, as named exceptions).',
  check(ctx: GuardContext): Finding[] {
    return endpointFindings(ctx, this, Segment.LGWAN);
  },
};

/** The endpoints of a segment's VPCs whose policy does not hold them to the own account (MN-5, LG-4). */
function endpointFindings(ctx: GuardContext, rule: GuardRule, segment: Segment.MY_NUMBER | Segment.LGWAN): Finding[] {
  const findings: Finding[] = [];
  const where = segment === Segment.MY_NUMBER ? bi('the My Number VPC', 'マイナンバー利用事務系の VPC') : bi('the LGWAN VPC', 'LGWAN接続系の VPC');
  for (const e of nodesOf(ctx.graph, 'vpc-endpoint')) {
    if (deref<VpcNode>(ctx.graph, e.vpc)?.segment !== segment) continue;
    const problem = endpointPolicyProblem(e);
    if (!problem) continue;
    findings.push(finding(rule, nameOf(ctx.graph, e.id),
      bi(`VPC endpoint ${e.id} (${e.serviceName}) in ${where.en}: ${problem.en}`, `${where.ja}の VPC エンドポイント ${e.id}（${e.serviceName}）: ${problem.ja}`),
      bi('give the endpoint a policy that allows only the own account\'s principals on the own account\'s resources '
        + '(aws:PrincipalAccount and aws:ResourceAccount = the account ID), with the AWS-owned resources the service needs as named exceptions',
      'エンドポイントに、自団体のアカウントのプリンシパルが自団体のアカウントのリソースを操作することだけを許可するポリシーを付ける'
        + '（aws:PrincipalAccount と aws:ResourceAccount = アカウント ID）。サービスが必要とする AWS 所有のリソースは、名前を挙げて例外にする')));
  }
  return findings;
}
