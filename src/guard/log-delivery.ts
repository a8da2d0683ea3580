import type { Ref, StreamBackup, StreamPrefix } from './graph';
import { blockGiven, blocks, expressionText, isExpression, oneBlock, templated } from './unreadable';

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

/**
 * The buckets a stream's destinations other than S3 back up to (`FirehoseDestinations.backups`) as the graph holds them:
 * each with where the stream names it (`field`) and, when it holds failed records only, why (`some`). `bucketOf` reads a
 * configuration's `BucketARN` / `bucket_arn` at `field`; a configuration given by an expression has an unresolved bucket.
 */
export function destinationBackups(backups: FirehoseDestinations['backups'], bucketOf: (field: string, arn: unknown) => Ref,
  literal: (text: string) => boolean): StreamBackup[] {
  return backups.map((x): StreamBackup => ({
    bucket: x.config === undefined ? { kind: 'unresolved', expression: `${x.field} is an expression` } : bucketOf(x.field, x.config.BucketARN ?? x.config.bucket_arn),
    ...firehosePrefixes(x.config, literal),
    field: x.field,
    ...(x.some !== undefined ? { some: x.some } : {}),
  }));
}

/**
 * A Firehose destination other than S3 (SC-4): its configuration's name in each engine, what SC-4 calls it, and the
 * `S3BackupMode` that backs up every record to its S3 configuration's bucket (`AllData`…; the other mode, the default,
 * backs up failed records only). Redshift backs up source records by `S3BackupConfiguration` (mode `Enabled`), and its
 * `S3Configuration` is the intermediate bucket it loads from. AWS::KinesisFirehose::DeliveryStream,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-kinesisfirehose-deliverystream.html
 * (each destination's S3BackupMode); Amazon Data Firehose Developer Guide, "Configure backup settings".
 */
interface OtherDestination {
  readonly cfn: string;
  readonly tf: string;
  /** Terraform's `destination` argument for it. */
  readonly destination: string;
  readonly words: string;
  /** The mode that backs up every record; undefined for Redshift (`S3BackupConfiguration`, mode `Enabled`). */
  readonly every?: string;
}

const OTHER_DESTINATIONS: readonly OtherDestination[] = [
  { cfn: 'HttpEndpointDestinationConfiguration', tf: 'http_endpoint_configuration', destination: 'http_endpoint', words: 'an HTTP endpoint', every: 'AllData' },
  { cfn: 'SplunkDestinationConfiguration', tf: 'splunk_configuration', destination: 'splunk', words: 'Splunk', every: 'AllEvents' },
  { cfn: 'AmazonopensearchserviceDestinationConfiguration', tf: 'opensearch_configuration', destination: 'opensearch', words: 'OpenSearch Service', every: 'AllDocuments' },
  { cfn: 'ElasticsearchDestinationConfiguration', tf: 'elasticsearch_configuration', destination: 'elasticsearch', words: 'Elasticsearch', every: 'AllDocuments' },
  {
    cfn: 'AmazonOpenSearchServerlessDestinationConfiguration',
    tf: 'opensearchserverless_configuration',
    destination: 'opensearchserverless',
    words: 'OpenSearch Serverless',
    every: 'AllDocuments',
  },
  { cfn: 'SnowflakeDestinationConfiguration', tf: 'snowflake_configuration', destination: 'snowflake', words: 'Snowflake', every: 'AllData' },
  { cfn: 'IcebergDestinationConfiguration', tf: 'iceberg_configuration', destination: 'iceberg', words: 'Apache Iceberg tables', every: 'AllData' },
  { cfn: 'RedshiftDestinationConfiguration', tf: 'redshift_configuration', destination: 'redshift', words: 'Redshift' },
];

/** Terraform's `destination` values of an S3 destination (`s3` in providers before 5.0). */
const TF_S3_DESTINATIONS: ReadonlySet<string> = new Set(['extended_s3', 's3']);

/** A Firehose delivery stream's destinations as SC-4 reads them (`firehoseDestinations`). */
export interface FirehoseDestinations {
  /** Its S3 destination configurations (`ExtendedS3DestinationConfiguration` …, `extended_s3_configuration` …). */
  readonly s3: readonly unknown[];
  /** Its destinations other than S3, in words (`DeliveryStreamNode.elsewhere`). */
  readonly elsewhere: readonly string[];
  /** The buckets those back up to: the S3 configuration (`BucketARN`, `bucket_arn` read by the caller), where, and which records. */
  readonly backups: readonly { readonly config: any; readonly field: string; readonly some?: string }[];
}

/**
 * A Firehose delivery stream's destinations (SC-4), in either engine (`p` its properties or arguments): the S3 ones; the
 * others in words, with the S3 bucket each backs up to — every record under the mode that says so, else failed records
 * only (a mode the guard cannot read counts as failed only: what reaches the SIEM is not shown whole); Redshift's source
 * record backup (`S3BackupMode` Enabled) and its intermediate bucket. A destination the guard does not know (another
 * `…DestinationConfiguration`, Terraform's `destination` of another value or an expression) is one elsewhere (fail closed).
 * Terraform before provider 5.0 gave a destination's S3 configuration beside it (top-level `s3_configuration`), the
 * destination itself by `destination`.
 */
export function firehoseDestinations(p: any, engine: 'cloudformation' | 'terraform'): FirehoseDestinations {
  const tf = engine === 'terraform';
  const s3: unknown[] = [];
  const elsewhere: string[] = [];
  const backups: { config: any; field: string; some?: string }[] = [];
  const destination = tf ? p?.destination : undefined;
  const s3Destination = !tf || destination === undefined || destination === null || (typeof destination === 'string' && TF_S3_DESTINATIONS.has(destination));
  const named = (key: string) => (tf ? blocks(p?.[key]) : p?.[key] === undefined || p?.[key] === null ? [] : [p[key]]);
  for (const key of tf ? ['extended_s3_configuration', 's3_configuration'] : ['ExtendedS3DestinationConfiguration', 'S3DestinationConfiguration']) {
    if (tf && key === 's3_configuration' && !s3Destination) continue;
    s3.push(...named(key));
  }
  if (tf && !s3Destination && !OTHER_DESTINATIONS.some((d) => d.destination === destination)) {
    elsewhere.push(`a destination the guard does not know (destination ${typeof destination === 'string' && !templated(destination) ? destination : expressionText(destination)})`);
  }
  if (!tf) {
    for (const key of Object.keys(p ?? {})) {
      if (key.endsWith('DestinationConfiguration') && !/^(Extended)?S3DestinationConfiguration$/.test(key) && !OTHER_DESTINATIONS.some((d) => d.cfn === key)) {
        elsewhere.push(`a destination the guard does not know (${key})`);
      }
    }
  }
  for (const d of OTHER_DESTINATIONS) {
    const key = tf ? d.tf : d.cfn;
    for (const config of named(key).map((c) => oneBlock(c))) {
      elsewhere.push(`${d.words} (${key})`);
      if (config === undefined || config === null) {
        backups.push({ config: undefined, field: key, some: 'the guard cannot read the destination\'s configuration' });
        continue;
      }
      const spelt = (cfn: string, tfName: string) => (tf ? config[tfName] : config[cfn]);
      // Terraform before provider 5.0: the S3 configuration beside the destination's.
      const s3Config = spelt('S3Configuration', 's3_configuration') ?? (tf && destination === d.destination ? p?.s3_configuration : undefined);
      const mode = spelt('S3BackupMode', 's3_backup_mode');
      const modeText = typeof mode === 'string' && !isExpression(mode) && !templated(mode) ? mode : undefined;
      const s3Field = `${key}.${tf ? 's3_configuration' : 'S3Configuration'}`;
      if (d.every === undefined) {
        // Redshift: the intermediate bucket holds what is loaded; the source record backup every record.
        if (blockGiven(s3Config)) backups.push({ config: oneBlock(s3Config), field: s3Field, some: `the intermediate bucket Firehose loads ${d.words} from` });
        const backup = spelt('S3BackupConfiguration', 's3_backup_configuration');
        if (blockGiven(backup) && !(modeText !== undefined && modeText.toLowerCase() === 'disabled')) {
          backups.push({
            config: oneBlock(backup),
            field: `${key}.${tf ? 's3_backup_configuration' : 'S3BackupConfiguration'}`,
            ...(modeText === undefined || modeText.toLowerCase() !== 'enabled' ? { some: `its backup mode ${mode === undefined ? '(Disabled by default)' : expressionText(mode)} is not Enabled` } : {}),
          });
        }
        continue;
      }
      if (!blockGiven(s3Config)) continue;
      const every = modeText !== undefined && modeText === d.every;
      backups.push({
        config: oneBlock(s3Config),
        field: s3Field,
        ...(every ? {} : { some: `failed records only (${tf ? 's3_backup_mode' : 'S3BackupMode'} ${mode === undefined ? 'left out' : expressionText(mode)}, not ${d.every})` }),
      });
    }
  }
  return { s3, elsewhere, backups };
}
