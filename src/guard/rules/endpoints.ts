import { Segment } from '../../model/segment';
import { deref, nodesOf, VpcEndpointNode, VpcNode } from '../graph';
import { jaOrEn } from '../ja-engine';
import { ALL_MODELS, bi, Bilingual, finding, Finding, GuardContext, GuardRule, joinBi, Severity } from '../rule';
import { nameOf } from '../topology';

/**
 * Condition keys that tie a request to one account or organisation: the caller's (`aws:PrincipalAccount`,
 * `aws:PrincipalOrgID`) or the resource owner's (`aws:ResourceAccount`, `aws:ResourceOrgID`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const ACCOUNT_KEYS = new Set(['aws:resourceaccount', 'aws:resourceorgid', 'aws:principalaccount', 'aws:principalorgid']);

/**
 * Operators that require the key to be present and equal to a value. `…IfExists` variants pass when the key is absent
 * and `StringNotEquals` / `StringLike` with wildcards do not pin one account, so they do not count.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
const EXACT_OPERATORS = new Set(['stringequals', 'stringequalsignorecase']);

/** A value the guard can read as one account or organisation: the deploying account, a 12-digit account ID, an organisation ID. */
function pinnedValue(v: unknown): boolean {
  return typeof v === 'string' && (v === '{accountid}' || /^\d{12}$/.test(v) || /^o-[a-z0-9]{10,32}$/.test(v));
}

/** `*`, or an ARN pattern whose account field holds a wildcard: any account's resources. */
function anyAccount(resource: unknown): boolean {
  if (typeof resource !== 'string') return true;
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return true;
  // S3 ARNs have no account field: a bucket pattern with a wildcard may name any account's bucket.
  if (parts[2] === 's3') return /[*?]/.test(parts.slice(5).join(':').split('/')[0]);
  return /[*?]/.test(parts[4]);
}

function anyPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object') {
    return Object.values(principal as Record<string, unknown>).some((v) => v === '*' || (Array.isArray(v) && v.includes('*')));
  }
  return false;
}

/** Why one Allow statement is not held to one account, or undefined when it is. */
function statementProblem(s: unknown, index: number): Bilingual | undefined {
  if (!s || typeof s !== 'object' || Array.isArray(s)) return bi(`statement ${index} cannot be read`, `ステートメント ${index} を読めない`);
  const st = s as Record<string, unknown>;
  const label = `statement ${typeof st.Sid === 'string' ? `"${st.Sid}"` : index}`;
  const labelJa = `ステートメント ${typeof st.Sid === 'string' ? `"${st.Sid}"` : index}`;
  if (st.Effect === 'Deny') return undefined;
  if (st.Effect !== 'Allow') return bi(`${label} has an effect the guard cannot read (${JSON.stringify(st.Effect)})`, `${labelJa} の Effect をガードが読めない（${JSON.stringify(st.Effect)}）`);
  if ('NotPrincipal' in st || 'NotResource' in st) {
    return bi(`${label} uses NotPrincipal / NotResource, which allows everything not listed`, `${labelJa} が NotPrincipal / NotResource を使っていて、列挙したもの以外をすべて許可する`);
  }
  const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
  if (!anyPrincipal(st.Principal) && typeof st.Principal === 'object') return undefined;
  if (!resources.some(anyAccount)) return undefined;
  const condition = st.Condition;
  if (condition !== undefined && (typeof condition !== 'object' || condition === null)) return bi(`${label} has a condition the guard cannot read`, `${labelJa} の Condition をガードが読めない`);
  const values = Object.entries((condition ?? {}) as Record<string, unknown>)
    .filter(([operator, keys]) => EXACT_OPERATORS.has(operator.toLowerCase()) && keys !== null && typeof keys === 'object')
    .flatMap(([, keys]) => Object.entries(keys as Record<string, unknown>).filter(([key]) => ACCOUNT_KEYS.has(key.toLowerCase())))
    .map(([, value]) => value);
  if (values.some((value) => (Array.isArray(value) ? value.length > 0 && value.every(pinnedValue) : pinnedValue(value)))) return undefined;
  // A value the guard cannot read (a reference other than the deploying account) could name any account: fail closed.
  const unread = values.find((value) => value !== undefined);
  return bi(`${label} allows any principal on any account's resources (${JSON.stringify(st.Resource)}) without a StringEquals condition on `
    + `aws:ResourceAccount, aws:ResourceOrgID or aws:PrincipalAccount${unread !== undefined
      ? ` with a value the guard can read (${JSON.stringify(unread)} is known only at deploy time or is no account; fail closed)` : ''}`,
  `${labelJa} が、どのプリンシパルにもどのアカウントのリソース（${JSON.stringify(st.Resource)}）への操作も許可している。`
    + `aws:ResourceAccount・aws:ResourceOrgID・aws:PrincipalAccount に対する${unread !== undefined ? 'ガードが読める値の' : ''} StringEquals の条件がない${unread !== undefined
      ? `（${JSON.stringify(unread)} はデプロイ時にしか決まらないか、アカウントではない。フェイルクローズ）` : ''}`);
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
  const statements = doc && typeof doc === 'object' ? doc.Statement : undefined;
  const list = Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
  if (!list) return bi('its endpoint policy has no statement list the guard can read (fail closed)', 'エンドポイントポリシーに、ガードが読める Statement のリストがない（フェイルクローズ）');
  const problems = list.map((s, i) => statementProblem(s, i)).filter((x): x is Bilingual => x !== undefined);
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
  summary: 'Every VPC endpoint of a MY_NUMBER VPC has a policy that holds it to the own account: no Allow for any principal on any '
    + 'account\'s resources without a StringEquals condition on aws:ResourceAccount / aws:ResourceOrgID / aws:PrincipalAccount the guard can read.',
  check(ctx: GuardContext): Finding[] {
    const findings: Finding[] = [];
    for (const e of nodesOf(ctx.graph, 'vpc-endpoint')) {
      if (deref<VpcNode>(ctx.graph, e.vpc)?.segment !== Segment.MY_NUMBER) continue;
      const problem = endpointPolicyProblem(e);
      if (!problem) continue;
      findings.push(finding(this, nameOf(ctx.graph, e.id),
        bi(`VPC endpoint ${e.id} (${e.serviceName}) in the My Number VPC: ${problem.en}`, `マイナンバー利用事務系の VPC の VPC エンドポイント ${e.id}（${e.serviceName}）: ${problem.ja}`),
        bi('give the endpoint a policy that allows only the own account\'s principals on the own account\'s resources '
          + '(aws:PrincipalAccount and aws:ResourceAccount = the account ID), with the AWS-owned resources the service needs as named exceptions',
        'エンドポイントに、自団体のアカウントのプリンシパルが自団体のアカウントのリソースを操作することだけを許可するポリシーを付ける'
          + '（aws:PrincipalAccount と aws:ResourceAccount = アカウント ID）。サービスが必要とする AWS 所有のリソースは、名前を挙げて例外にする')));
    }
    return findings;
  },
};
