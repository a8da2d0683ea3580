import type { Ref, StreamBackup, StreamPrefix } from './graph';
import { blockGiven, blocks, expressionText, isExpression, oneBlock } from './unreadable';

/**
 * What keeps a log from reaching its destination whole, where SC-4 (every log reaches the SIEM) takes a delivery for
 * reaching it: a WAF logging filter that may drop requests, a Firehose stream whose processing may drop records. Both
 * engines' spellings (CloudFormation `LoggingFilter` / `ProcessingConfiguration`, Terraform `logging_filter` /
 * `processing_configuration`). An outside tester passed SC-4 with each.
 */

/**
 * Why a WAF logging configuration's filter may drop requests, or undefined when it keeps them all (no filter, or a
 * default of KEEP with KEEP filters only). https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html
 */
export function wafLogFilterProblem(filter: unknown): string | undefined {
  const f = oneBlock(filter);
  if (f === undefined || f === null) return undefined;
  const spelt = (x: any, cfn: string, tf: string) => (x?.[cfn] ?? x?.[tf]);
  const keeps = (v: unknown) => typeof v === 'string' && v.toUpperCase() === 'KEEP';
  const filters = blocks(spelt(f, 'Filters', 'filter'));
  if (keeps(spelt(f, 'DefaultBehavior', 'default_behavior')) && filters.every((x: any) => keeps(spelt(x, 'Behavior', 'behavior')))) return undefined;
  return 'its logging filter may drop requests (a default or a filter that is not KEEP): not every request of the web ACL reaches the log destination';
}

/**
 * Why a Firehose delivery stream's record processing may drop records (a Lambda processor answers `Dropped` for any it
 * likes), or undefined when processing is off. https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
 */
export function firehoseProcessingProblem(configs: readonly unknown[]): string | undefined {
  for (const c of configs) {
    const processing = oneBlock((c as any)?.ProcessingConfiguration ?? (c as any)?.processing_configuration);
    if (processing === undefined || processing === null) continue;
    const enabled = processing.Enabled ?? processing.enabled;
    if (enabled === false || enabled === 'false') continue;
    return 'its records pass a processor (ProcessingConfiguration / processing_configuration), which may drop any of them before they reach the bucket';
  }
  return undefined;
}


/**
 * The key path of an S3 log destination's ARN written out (`arn:aws:s3:::bucket/prefix/` → `prefix/`; `''` at the bucket's
 * root), or undefined when the text is no S3 ARN. A flow log delivered to S3 names "a subfolder in the bucket" so
 * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-create-flow-log.html, "bucket_ARN/subfolder_name/"); SC-4
 * reads members' prefixes (`members/<code>/`) from it.
 */
export function s3ArnKeyPath(text: string): string | undefined {
  const m = /^arn:[^:]*:s3:::[^/]+(?:\/([^]*))?$/.exec(text);
  return m ? m[1] ?? '' : undefined;
}

/**
 * The key path after the bucket of a destination written as the bucket's ARN (or name, after the ARN's head) followed by
 * literal text: `rest` is the text after it, which must be empty (the root) or start at a `/` (a bucket's ARN or name holds
 * none). Undefined for any other text: the guard cannot tell where in the bucket the objects go.
 */
export function keyPathAfterBucket(rest: string): string | undefined {
  if (rest === '') return '';
  return rest.startsWith('/') ? rest.slice(1) : undefined;
}

/**
 * The fields a flow log record must keep for the SIEM to analyse the traffic (who talked to whom, on which port and
 * protocol, when, and whether it was let through): the default format's srcaddr, dstaddr, srcport, dstport, protocol,
 * start, end and action (https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html, "Default format" and
 * "Available fields").
 */
export const SIEM_FLOW_LOG_FIELDS = ['srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'action', 'start', 'end'] as const;

/** The fields of a custom flow log format (`${srcaddr} ${dstaddr} …`) that the SIEM needs and it lacks; none for the default format. */
export function missingFlowLogFields(format: string | undefined): string[] {
  if (format === undefined) return [];
  const fields = new Set([...format.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((m) => m[1]));
  return SIEM_FLOW_LOG_FIELDS.filter((f) => !fields.has(f));
}

/**
 * A Firehose S3 destination's `Prefix` / `ErrorOutputPrefix` (SC-4): the text as written (`''` when none is given: Firehose
 * then writes at the bucket's root, its default prefixes being a time and an error type,
 * https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html), or why the guard cannot read it (`literal` says which
 * strings the engine leaves unevaluated). Firehose's own expressions (`!{timestamp:…}`, `!{partitionKeyFromQuery:…}`)
 * stay in the text: SC-4 reads the literal head before them.
 */
export function firehosePrefix(value: unknown, literal: (text: string) => boolean): StreamPrefix {
  if (value === undefined || value === null) return { text: '' };
  if (typeof value === 'string' && literal(value)) return { text: value };
  return { unread: `${expressionText(value)} is an expression` };
}

/** A Firehose S3 destination configuration's prefixes, in either engine's spelling (`Prefix`, `prefix`). */
export function firehosePrefixes(config: any, literal: (text: string) => boolean): { prefix: StreamPrefix; errorPrefix: StreamPrefix } {
  return {
    prefix: firehosePrefix(config?.Prefix ?? config?.prefix, literal),
    errorPrefix: firehosePrefix(config?.ErrorOutputPrefix ?? config?.error_output_prefix, literal),
  };
}

/**
 * The source record backups of Firehose S3 destination configurations, in either engine's spelling (`S3BackupMode`,
 * `S3BackupConfiguration`; `s3_backup_mode`, `s3_backup_configuration`): with the mode `Enabled`, Firehose copies every
 * source record, untransformed, to the backup's bucket beside what it delivers (Amazon Data Firehose Developer Guide,
 * "Back up source records": https://docs.aws.amazon.com/firehose/latest/dev/data-transformation-source-record-backup.html;
 * the mode is `Disabled` or `Enabled`, `Disabled` when left out). A mode the guard cannot read counts as `Enabled` (fail
 * closed); a backup configuration it cannot read is noted as unreadable (`oneBlock`) and its bucket is unresolved.
 * `bucketOf` reads the backup's `BucketARN` / `bucket_arn`, `literal` says which prefixes are text (`firehosePrefix`).
 */
export function firehoseBackups(configs: readonly unknown[], bucketOf: (arn: unknown) => Ref, literal: (text: string) => boolean): StreamBackup[] {
  return configs.flatMap((c: any) => {
    const mode = c?.S3BackupMode ?? c?.s3_backup_mode;
    const given = c?.S3BackupConfiguration ?? c?.s3_backup_configuration;
    if (mode === undefined || mode === null || !blockGiven(given)) return [];
    if (typeof mode === 'string' && !isExpression(mode) && mode.toLowerCase() === 'disabled') return [];
    const backup = oneBlock(given);
    if (backup === undefined || backup === null) {
      const unread: StreamPrefix = { unread: `the S3 backup configuration ${expressionText(given)} is an expression` };
      return [{ bucket: { kind: 'unresolved', expression: `the S3 backup configuration ${expressionText(given)} is an expression` }, prefix: unread, errorPrefix: unread }];
    }
    return [{ bucket: bucketOf(backup.BucketARN ?? backup.bucket_arn), ...firehosePrefixes(backup, literal) }];
  });
}
