/**
 * The Terraform readers of the prefecture security cloud's resources (SC-1 … SC-4): load balancer listeners, WAFv2, the
 * SIEM bucket and what delivers to it (Auto Scaling groups are read with the launchers in extract-terraform.ts). Kept
 * apart from extract-terraform.ts, which dispatches to `readHubResource` for the types it does not read itself; plans
 * reach them through the same reader (§11).
 */
import { GraphBuilder, str } from './builder';
import { GraphNode, namePatternOf, Ref } from './graph';
import { terraformInlineLifecycle, terraformLifecycleRules } from './lifecycle';
import { destinationBackups, firehoseBackups, firehoseDestinations, firehosePrefixes, firehoseProcessingProblem, wafLogFilterProblem } from './log-delivery';
import { parseEmbeddedJson } from './strict-json';
import { blockGiven, blocks, oneBlock, templated, valueList } from './unreadable';
import { wafRule } from './waf';

/** What a reader is given: the resource's arguments, its node's base, and the configuration reader's reference resolution. */
export interface HubReadContext {
  readonly b: GraphBuilder;
  readonly id: string;
  readonly base: { readonly id: string; readonly path: string | undefined; readonly tags: Record<string, string> };
  readonly p: any;
  /** Resolve an argument and record it when unresolved (GUARD-1). */
  readonly noted: (property: string, value: unknown) => Ref;
  /** Resolve a list argument (each element), recording a plan's unknown elements. */
  readonly refs: (value: unknown) => Ref[];
  /** Resolve an argument without recording it. */
  readonly ref: (value: unknown) => Ref;
}

type HubReader = (c: HubReadContext) => void;


function port(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * What a log destination names: a literal ARN or name (external), or the one resource an interpolation names
 * (`${aws_s3_bucket.siem.arn}/members/131/`: the bucket). A plan's template (`PlanTemplate`) reads as its text.
 */
function sink(c: HubReadContext, value: unknown): Ref {
  const text = value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as any).text === 'string' ? (value as any).text as string : undefined;
  if (text !== undefined) {
    const named = [...text.matchAll(/\$\{([^}]+)\.(arn|id|bucket|name)\}/g)].map((m) => m[1]);
    return named.length === 1 ? { kind: 'node', id: named[0] } : c.ref(value);
  }
  return c.ref(value);
}

const listener: HubReader = ({ b, base, noted, p }) => {
  b.add({ ...base, type: 'lb-listener', loadBalancer: noted('load_balancer_arn', p.load_balancer_arn), protocol: str(p.protocol), port: port(p.port) });
};

const READERS: ReadonlyMap<string, HubReader> = new Map<string, HubReader>([
  ['aws_lb_listener', listener],
  ['aws_alb_listener', listener],
  ['aws_wafv2_web_acl', ({ b, base, p, id }) => {
    let rules: unknown[] = blocks(p.rule);
    if (p.rule_json !== undefined) {
      // A web ACL may give its rules as JSON text (CloudFormation's spelling); an expression cannot be read.
      try {
        rules = [...rules, ...blocks(parseEmbeddedJson(String(p.rule_json)))];
      } catch {
        b.unresolvedValue(id, 'rule_json', 'the rules are not JSON text the guard can read');
      }
    }
    b.add({ ...base, type: 'waf-web-acl', scope: String(p.scope), rules: rules.map(wafRule) });
  }],
  ['aws_wafv2_web_acl_association', ({ b, base, noted, p }) => {
    b.add({ ...base, type: 'waf-association', webAcl: noted('web_acl_arn', p.web_acl_arn), resource: noted('resource_arn', p.resource_arn) });
  }],
  ['aws_wafv2_web_acl_logging_configuration', (c) => {
    const { b, base, noted, p, id } = c;
    const drops = wafLogFilterProblem(p.logging_filter);
    b.add({ ...base, ...(drops ? { drops } : {}), type: 'waf-logging', webAcl: noted('resource_arn', p.resource_arn), destinations: valueList(p.log_destination_configs).map((d) => b.noted(id, 'log_destination_configs', sink(c, d))) });
  }],
  ['aws_s3_bucket', ({ b, base, p }) => {
    const literal = typeof p.bucket === 'string' && !templated(p.bucket) ? p.bucket : undefined;
    // A name from an expression, or from `bucket_prefix` (the provider appends a unique suffix), matches its pattern.
    const pattern = literal !== undefined ? undefined : typeof p.bucket === 'string' ? namePatternOf(p.bucket.replace(/\$\{[^}]*\}/g, '{reference}'))
      : p.bucket !== undefined && p.bucket !== null ? '.*'
        : typeof p.bucket_prefix === 'string' ? namePatternOf(`${p.bucket_prefix.replace(/\$\{[^}]*\}/g, '{reference}')}{suffix}`)
          : p.bucket_prefix !== undefined && p.bucket_prefix !== null ? '.*' : undefined;
    const lifecycle = terraformInlineLifecycle(p.lifecycle_rule);
    b.add({ ...base, type: 's3-bucket', name: literal, ...pattern !== undefined ? { namePattern: pattern } : {}, ...(lifecycle ? { lifecycle } : {}) });
  }],
  // Which bucket it configures is resolved without recording (LOG-1 counts a bucket it cannot resolve as any bucket).
  ['aws_s3_bucket_lifecycle_configuration', ({ b, base, p, ref }) => {
    b.add({ ...base, type: 's3-lifecycle', bucket: ref(p.bucket), rules: terraformLifecycleRules(p.rule) });
  }],
  ['aws_route53_resolver_query_log_config', (c) => {
    c.b.add({ ...c.base, type: 'query-log-config', destination: c.b.noted(c.id, 'destination_arn', sink(c, c.p.destination_arn)) });
  }],
  ['aws_route53_resolver_query_log_config_association', ({ b, base, noted, p }) => {
    b.add({ ...base, type: 'query-log-association', config: noted('resolver_query_log_config_id', p.resolver_query_log_config_id), vpc: noted('resource_id', p.resource_id) });
  }],
  ['aws_cloudwatch_log_subscription_filter', (c) => {
    const { b, base, noted, p, id } = c;
    b.add({
      ...base,
      type: 'log-subscription',
      logGroup: noted('log_group_name', p.log_group_name),
      destination: b.noted(id, 'destination_arn', sink(c, p.destination_arn)),
      filterPattern: typeof p.filter_pattern === 'string' ? p.filter_pattern : undefined,
    });
  }],
  // A CloudWatch Logs destination: what a subscription filter of another account names to reach a stream of this one.
  ['aws_cloudwatch_log_destination', (c) => {
    const { b, base, p, id } = c;
    b.add({ ...base, type: 'log-destination', name: typeof p.name === 'string' && !templated(p.name) ? p.name : undefined, target: b.noted(id, 'target_arn', sink(c, p.target_arn)) });
  }],
  ['aws_kinesis_firehose_delivery_stream', (c) => {
    const { b, base, p, id } = c;
    const destinations = firehoseDestinations(p, 'terraform');
    const configs = destinations.s3 as any[];
    const drops = firehoseProcessingProblem(configs);
    // An interpolation is known only at apply time (a plan's unknown value is no string either).
    const literal = (t: string) => !templated(t);
    const name = typeof p.name === 'string' && literal(p.name) ? p.name : undefined;
    // What its destinations other than S3 back up to: every record, or those it failed to deliver (SC-4).
    const others = destinationBackups(destinations.backups, (field, arn) => b.noted(id, `${field}.bucket_arn`, sink(c, arn)), literal);
    // A Kinesis data stream as its source: what is put on that stream reaches this one.
    const source = blockGiven(p.kinesis_source_configuration) ? oneBlock(p.kinesis_source_configuration) : undefined;
    b.add({
      ...(drops ? { drops } : {}),
      ...base,
      type: 'delivery-stream',
      buckets: configs.map((x) => b.noted(id, 'bucket_arn', sink(c, x?.bucket_arn))),
      keyPrefixes: configs.map((x) => firehosePrefixes(x, literal)),
      backups: [...firehoseBackups(configs, (arn) => b.noted(id, 's3_backup_configuration.bucket_arn', sink(c, arn)), literal), ...others],
      ...(source ? { source: b.noted(id, 'kinesis_source_configuration.kinesis_stream_arn', sink(c, source.kinesis_stream_arn)) } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(destinations.elsewhere.length > 0 ? { elsewhere: destinations.elsewhere } : {}),
    });
  }],
]);

/** Whether `readHubResource` reads resources of `type`. */
export function readsHubResource(type: string): boolean {
  return READERS.has(type);
}

/** Read a resource of a type the security cloud's rules need; other types are left alone. */
export function readHubResource(type: string, c: HubReadContext): void {
  READERS.get(type)?.(c);
}

/** What a flow log's or firewall log's destination names (SC-4), for the readers of extract-terraform.ts. */
export function logSink(ref: (value: unknown) => Ref, value: unknown): Ref | undefined {
  return value === undefined || value === null ? undefined : sink({ ref } as HubReadContext, value);
}

/** The load balancer's scheme and type (SC-3): Terraform's `internal` defaults to false, `load_balancer_type` to application. */
export function loadBalancerScheme(p: any): Pick<Extract<GraphNode, { type: 'load-balancer' }>, 'scheme' | 'lbType'> {
  const internal = p.internal;
  return {
    scheme: internal === undefined || internal === null || internal === false || internal === 'false' ? 'internet-facing'
      : internal === true || internal === 'true' ? 'internal' : 'unknown',
    lbType: String(p.load_balancer_type ?? 'application'),
  };
}
