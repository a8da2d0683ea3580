import { blocks, oneBlock } from './unreadable';

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

