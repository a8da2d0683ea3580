/**
 * S3 lifecycle rules as LOG-1 reads them (how long a bucket keeps the flow and firewall logs it receives), from both
 * engines. Read without reporting: a value the guard cannot read is kept as unknown and judged by LOG-1 (fail closed),
 * not recorded as an unresolved value of the resource.
 */
import { BucketLifecycleRule } from './graph';
import { expressionText, isExpression } from './unreadable';

export type LifecycleRules = readonly BucketLifecycleRule[] | 'unknown';

/** A written-out block (an object that is no expression). */
const isBlock = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isExpression(v);

/** A list of blocks (a single block is a list of one); `unknown` when the list or an element is an expression. */
function blockList(v: unknown): Record<string, any>[] | 'unknown' {
  if (v === undefined || v === null) return [];
  if (isBlock(v)) return [v];
  if (!Array.isArray(v) || !v.every(isBlock)) return 'unknown';
  return v;
}

/** The first block of a nested block (cdktf and plans write a list of one), `unknown` when it cannot be read. */
function firstBlock(v: unknown): Record<string, any> | 'unknown' | undefined {
  const list = blockList(v);
  return list === 'unknown' ? 'unknown' : list[0];
}

/** A text: the literal, or its expression in braces (`{…}`: related to nothing, LOG-1). Unset (null) is absent. */
function text(v: unknown, emptyIsAbsent = false): string | undefined {
  if (v === undefined || v === null || (emptyIsAbsent && v === '')) return undefined;
  return typeof v === 'string' && !isExpression(v) ? v : `{${expressionText(v)}}`;
}

/**
 * Days as a literal whole number; `unknown` otherwise. `zeroIsAbsent`: the AWS provider writes an unset `days` as 0
 * (S3 accepts only a positive number of days:
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html).
 */
function days(v: unknown, zeroIsAbsent: boolean): number | 'unknown' | undefined {
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0) return 'unknown';
  return n === 0 && zeroIsAbsent ? undefined : n;
}

/**
 * CloudFormation `AWS::S3::Bucket.LifecycleConfiguration`: `Rules[]` with `Status`, `Prefix`, `ExpirationInDays`,
 * `ExpirationDate` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-rule.html).
 * `TagFilters` and `ObjectSizeGreaterThan` / `ObjectSizeLessThan` narrow a rule to objects the guard cannot tell from the
 * logs: the rule counts as covering them.
 */
export function cloudFormationLifecycle(config: unknown): LifecycleRules | undefined {
  if (config === undefined || config === null) return undefined;
  if (!isBlock(config)) return 'unknown';
  const rules = blockList(config.Rules);
  if (rules === 'unknown') return 'unknown';
  return rules.map((r) => ({
    id: typeof r.Id === 'string' ? r.Id : undefined,
    enabled: r.Status !== 'Disabled',
    prefix: text(r.Prefix),
    expirationDays: days(r.ExpirationInDays, false),
    expirationDate: text(r.ExpirationDate),
  }));
}

/** The expiration of current objects in a Terraform rule's `expiration` block (`days`, `date`); a plan writes unset ones as 0 and "". */
function terraformExpiration(v: unknown): Pick<BucketLifecycleRule, 'expirationDays' | 'expirationDate'> {
  const e = firstBlock(v);
  if (e === 'unknown') return { expirationDays: 'unknown' };
  return { expirationDays: days(e?.days, true), expirationDate: text(e?.date, true) };
}

/**
 * Terraform `aws_s3_bucket_lifecycle_configuration`'s `rule` blocks: `status`, `filter { prefix }` or
 * `filter { and { prefix } }` (or the deprecated `prefix`), `expiration { days, date }`
 * (https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_lifecycle_configuration).
 * A filter the guard cannot read, or on tags or sizes only, counts as covering every key.
 */
export function terraformLifecycleRules(rules: unknown): LifecycleRules {
  const list = blockList(rules);
  if (list === 'unknown') return 'unknown';
  return list.map((r) => {
    const filter = firstBlock(r.filter);
    const and = filter === 'unknown' ? undefined : firstBlock(filter?.and);
    const prefix = filter === 'unknown' || and === 'unknown' ? undefined : text(filter?.prefix) ?? text(and?.prefix) ?? text(r.prefix);
    return { id: typeof r.id === 'string' ? r.id : undefined, enabled: r.status !== 'Disabled', prefix, ...terraformExpiration(r.expiration) };
  });
}

/**
 * The deprecated inline `lifecycle_rule` blocks of `aws_s3_bucket` (provider 5.100: `enabled`, `prefix`,
 * `expiration { days, date }`; https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket#lifecycle_rule).
 */
export function terraformInlineLifecycle(rules: unknown): LifecycleRules | undefined {
  if (rules === undefined || rules === null) return undefined;
  const list = blockList(rules);
  if (list === 'unknown') return 'unknown';
  if (list.length === 0) return undefined;
  return list.map((r) => ({
    id: typeof r.id === 'string' ? r.id : undefined,
    enabled: r.enabled !== false && r.enabled !== 'false',
    prefix: text(r.prefix),
    ...terraformExpiration(r.expiration),
  }));
}
