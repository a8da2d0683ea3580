/**
 * Reading service relays (rules/relays.ts) for both engines: what a subscription, a resource policy, a state machine's
 * definition, a Firehose stream's destination or an API integration delivers, as `RelayFlow`s between the resources of
 * the output and the outside. The readers (extract-cloudformation.ts, extract-terraform.ts) give each value to these
 * functions through a `RelayValues`, which knows their engine's references.
 */
import { Ref, RelayFlow } from './graph';
import { parseEmbeddedJson } from './strict-json';

/** How an engine's reader reads the values these functions are given. */
export interface RelayValues {
  /**
   * The resources a value names: each resource of the output it refers to (by graph id); a literal that names none of
   * them is outside the output (`external`, described with `outsideOutput`); a value known only at deploy time is
   * unresolved. Nothing for a value left out.
   */
  refs(value: unknown): Ref[];
  /** Whether a value is the deploying account, or an IAM principal ARN of it (`arn:…:iam::<own>:root`, a role of it). */
  own(value: unknown): boolean;
  /** The value as text, references as `{…}` (for patterns: a URL, an integration URI, a definition). */
  text(value: unknown): string;
  /**
   * What an IAM policy's `Resource` value names, as `refs` reads it, but a literal log group the output does not hold is
   * the own account's group of that name (`virtualLogGroups`), as a log destination's is.
   */
  grantRefs(value: unknown): Ref[];
  /** An IAM policy's `Resource` value as literal text, references and pseudo parameters as `{…}` (for its wildcards). */
  grantText(value: unknown): string;
  /**
   * A policy document the engine writes as an expression over JSON text (CloudFormation's `Fn::Sub` or `Fn::Join` of
   * literal pieces and references) as the object it is, its references kept as expressions; anything else as it is.
   */
  document?(value: unknown): unknown;
}

/** Id of the account's default event bus, which rules naming no bus are on (one per account and region). */
export const DEFAULT_EVENT_BUS = '#default-event-bus';

/** The outside, described: what a relay delivers to or takes from beyond the output. */
export function outside(what: string): Ref {
  return { kind: 'external', value: what };
}

/** How `outsideOutput` describes a literal (`outsideLiteral` reads it back). */
const NOT_IN_OUTPUT = ', which is not in the synthesized output';

/** A literal that names no resource of the output. */
export function outsideOutput(value: string): Ref {
  return outside(`${value}${NOT_IN_OUTPUT}`);
}

/** The literal an `outsideOutput` reference stands for; undefined for any other reference. */
export function outsideLiteral(ref: Ref): string | undefined {
  return ref.kind === 'external' && ref.value.endsWith(NOT_IN_OUTPUT) ? ref.value.slice(0, -NOT_IN_OUTPUT.length) : undefined;
}

/** Where the readers add a relay the output names but does not hold (`GraphBuilder.virtualRelay`). */
export interface VirtualRelays {
  virtualRelay(id: string, resourceType: string, service: string): void;
}

/**
 * Log groups named by literals the output does not hold, as the account's own groups (`#log-group:<name>`, added to
 * `relays`), which the segment's `logs` endpoints reach as they reach the output's: a literal logs ARN whose account is
 * the own one (`own`), or a bare name (`bare` says which literal texts are names). Other references as they are.
 */
export function virtualLogGroups(
  refs: readonly Ref[], relays: VirtualRelays, own: (account: string | undefined) => boolean, bare: (text: string) => boolean,
): Ref[] {
  return refs.map((r) => {
    const text = outsideLiteral(r);
    if (text === undefined) return r;
    const literal = relayLiteral(text);
    const name = literal?.service === 'logs' && own(literal.account) ? literal.name : literal === undefined && bare(text) ? text : undefined;
    if (name === undefined) return r;
    const id = `#log-group:${name}`;
    relays.virtualRelay(id, `log group ${name}${NOT_IN_OUTPUT}`, 'logs');
    return { kind: 'node', id } as const;
  });
}

/** A relaying resource as a literal names it: its service, its name, and the account the literal gives (if any). */
export interface RelayLiteral {
  readonly service: string;
  readonly name: string;
  /** The account field as written (`{accountid}` for the deploying account as the readers render it); none for S3. */
  readonly account?: string;
}

/**
 * What a literal ARN or queue URL names (ARN formats: Service Authorization Reference, each service's "Resource types";
 * SQS queue URLs: `https://sqs.<region>.amazonaws.com/<account>/<name>`, and the legacy `https://<region>.queue.amazonaws.com/…`).
 * A function's qualified ARN (`…:function:name:alias`) names the function. Anything else: undefined.
 */
export function relayLiteral(text: string): RelayLiteral | undefined {
  const url = /^https?:\/\/(?:sqs\.[^/]+|[^/]+\.queue\.amazonaws\.com[^/]*)\/([^/]+)\/([^/?#]+)\/?$/.exec(text);
  if (url) return { service: 'sqs', account: url[1], name: url[2] };
  const s3 = /^arn:[^:]*:s3:::([^/*]+)(?:\/.*)?$/.exec(text);
  if (s3) return { service: 's3', name: s3[1] };
  const arn = /^arn:[^:]*:([a-z0-9-]+):[^:]*:([^:]*):(.+)$/.exec(text);
  if (!arn) return undefined;
  const [, service, account, resource] = arn;
  const pattern: Readonly<Record<string, RegExp>> = {
    sqs: /^([^:/]+)$/,
    sns: /^([^:/]+)$/,
    lambda: /^function:([^:]+)(?::[^:]+)?$/,
    states: /^stateMachine:([^:]+)$/,
    events: /^event-bus\/(.+)$/,
    logs: /^log-group:([^:]+)(?::\*)?$/,
    firehose: /^deliverystream\/(.+)$/,
    // A stream's consumer (`stream/<name>/consumer/<consumer>:<timestamp>`) reads the stream: it names the stream.
    kinesis: /^stream\/([^/]+)(?:\/consumer\/.+)?$/,
    dynamodb: /^table\/([^/]+)(?:\/stream\/.*)?$/,
  };
  const name = pattern[service]?.exec(resource)?.[1];
  return name === undefined ? undefined : { service, name, account };
}

/** A principal code runs with, as a literal ARN names it (`principalArn`). */
export interface PrincipalArn {
  readonly kind: 'role' | 'user' | 'group' | 'policy' | 'instance-profile' | 'task-definition';
  /** The account field as written (`{accountid}` for the deploying account as the readers render it). */
  readonly account: string;
  /** The name, its IAM path left out; a task definition's family, its revision left out. */
  readonly name: string;
}

/**
 * What a literal ARN names among the principals code runs with: an IAM role, user, group, policy or instance profile
 * (`arn:…:iam::<account>:role/[path/]name`, any path), or an ECS task definition (`…:task-definition/family[:revision]`).
 * The readers look the name up among their own resources (`principalNamed`, `iamNamed`), each holding its own rule for
 * which accounts are the deploying one. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export function principalArn(text: string): PrincipalArn | undefined {
  const iam = /^arn:[^:]*:iam::([^:]*):(role|user|group|policy|instance-profile)\/(?:.*\/)?([^/]+)$/.exec(text);
  if (iam) return { kind: iam[2] as PrincipalArn['kind'], account: iam[1], name: iam[3] };
  const task = /^arn:[^:]*:ecs:[^:]*:([^:]*):task-definition\/([^:/]+)(?::\d+)?$/.exec(text);
  return task ? { kind: 'task-definition', account: task[1], name: task[2] } : undefined;
}

/**
 * Whether an ARN's account, as the readers render it, is an expression the guard cannot read (a template parameter or
 * a variable as `{…}`, a plan's template as `${…}`): it may be the deploying account (fail closed where that matters).
 */
export function unreadAccount(account: string): boolean {
  return account !== '{accountid}' && /[{}$]/.test(account);
}

/**
 * The literal ARNs a value holds (for `principalArn`): each string of it that is one, JSON text parsed (a policy, ECS
 * container definitions, a Batch job's container properties); in text that does not parse (an expression outside a
 * string, `"cpu": ${Cpu}`; a key given twice), each string it quotes, so that a broken text hides none.
 */
export function literalArns(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(literalArns);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(literalArns);
  if (typeof value !== 'string' || !value.includes('arn:')) return [];
  if (value.startsWith('arn:')) return [value];
  if (/^\s*[[{]/.test(value)) {
    try {
      return literalArns(parseEmbeddedJson(value));
    } catch {
      // Not JSON: its quoted strings below.
    }
  }
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].flatMap((m) => {
    const quoted = parseJson(`"${m[1]}"`);
    return typeof quoted === 'string' && quoted !== value ? literalArns(quoted) : [];
  });
}

/** The relay service names this reader gives nodes (`RelayNode.service`): the last part of their endpoint services' names. */
export type RelayService = 'sqs' | 'sns' | 'events' | 'lambda' | 'states' | 'logs' | 's3' | 'execute-api' | 'firehose' | 'kinesis' | 'dynamodb' | 'iot'
  // Instances Systems Manager runs commands and sessions on (no endpoint of it is followed as a relay: `ssm` grants only).
  | 'ssm';

/**
 * SNS subscription protocols and what receives: `lambda`, `sqs` and `firehose` a resource (the endpoint is its ARN);
 * `http`, `https`, `email`, `email-json`, `sms`, `application` (mobile push) the outside. SNS Developer Guide,
 * "Subscribing to an Amazon SNS topic" (protocols).
 */
const RESOURCE_PROTOCOLS = new Set(['lambda', 'sqs', 'firehose']);
const OUTSIDE_PROTOCOLS: Readonly<Record<string, string>> = {
  'http': 'an HTTP subscription',
  'https': 'an HTTPS subscription',
  'email': 'an e-mail subscription',
  'email-json': 'an e-mail (JSON) subscription',
  'sms': 'an SMS subscription',
  'application': 'a mobile push subscription',
};

/** Where an SNS subscription delivers the topic's messages. */
export function subscriptionTargets(values: RelayValues, protocol: unknown, endpoint: unknown): Ref[] {
  const p = typeof protocol === 'string' ? protocol.toLowerCase() : undefined;
  if (p !== undefined && RESOURCE_PROTOCOLS.has(p)) {
    const refs = values.refs(endpoint);
    return refs.length > 0 ? refs : [{ kind: 'unresolved', expression: 'a subscription endpoint left out' }];
  }
  if (p !== undefined && OUTSIDE_PROTOCOLS[p] !== undefined) return [outside(`${values.text(endpoint)} (${OUTSIDE_PROTOCOLS[p]})`)];
  return [{ kind: 'unresolved', expression: `subscription protocol ${values.text(protocol)}, which the guard does not read` }];
}

/**
 * Condition keys that hold a request to the own account (IAM global condition keys): the caller's account, or, for a
 * service principal, the account of the resource that makes the service call.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
const ACCOUNT_KEYS = new Set(['aws:sourceaccount', 'aws:principalaccount', 'aws:sourceowner']);
/** Condition keys that name the resource a service principal acts for (`aws:SourceArn`; SNS's and S3's older spellings). */
const SOURCE_KEYS = new Set(['aws:sourcearn']);
/** Operators that require the key to equal (or match) the values given; `…IfExists` and negations do not hold anything. */
const HOLDING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
/** The condition key that holds the caller's ARN (IAM global condition keys, `aws:PrincipalArn`). */
const PRINCIPAL_ARN_KEYS = new Set(['aws:principalarn']);
/**
 * Operators under which `aws:PrincipalArn` bounds the callers exactly to the values given: `StringEquals` compares
 * them literally; `ArnEquals`, `ArnLike` and `StringLike` match wildcards (`*`, `?`), so only a value without one bounds
 * them (IAM User Guide, "IAM JSON policy elements: Condition operators"). Set operators (`ForAnyValue:`…), `…IfExists`,
 * negations and case-insensitive comparisons do not.
 */
const EXACT_OPERATORS = new Set(['stringequals', 'arnequals', 'arnlike', 'stringlike']);

/**
 * Actions that put data in and change nothing else: a queue's messages, a topic's, a bus's events, a stream's records, a
 * bucket's objects (and their uploads), a log group's events. Not `PutRule`, `PutTargets`, `PutBucketPolicy`,
 * `PutSubscriptionFilter`…: those change where the data goes (both ways).
 */
const PUTS_DATA = /^(sendmessage|sendmessagebatch|publish|publishbatch|putevents|putrecord|putrecords|putrecordbatch|putobject|putlogevents|createlogstream|uploadpart|uploadpartcopy|createmultipartupload|completemultipartupload)$/;

/**
 * Actions that only put data in (`PUTS_DATA`: `sqs:SendMessage`, `sns:Publish`, `events:PutEvents`,
 * `s3:PutObject`, `kinesis:PutRecord`, `firehose:PutRecordBatch`, `logs:PutLogEvents`); that only take data out
 * (`Get…`, `List…`, `Receive…`, `Select…`, `Head…`, `Read…`); that touch neither (`METADATA`). Anything else — a wildcard,
 * an action that changes where the data goes (`Subscribe`, `PutRule`, a policy, a target), one the guard cannot read — both.
 */
export function actionDirections(action: unknown): { in: boolean; out: boolean } {
  const list = Array.isArray(action) ? action : [action];
  let into = false;
  let out = false;
  for (const a of list) {
    const name = typeof a === 'string' ? a.split(':')[1]?.toLowerCase() : undefined;
    const service = typeof a === 'string' ? a.split(':')[0].toLowerCase() : undefined;
    if (name !== undefined && METADATA.test(name) && !name.includes('*') && !(service !== undefined && DATA_DESCRIPTIONS.has(service))) continue;
    if (name !== undefined && PUTS_DATA.test(name)) {
      into = true;
    } else if (name !== undefined && /^(get|list|describe|receive|select|head|read)/.test(name) && !name.includes('*')) {
      out = true;
    } else {
      return { in: true, out: true };
    }
  }
  return { in: into, out };
}

/**
 * Actions that read or write a resource's settings, not the data it carries: a bucket's ACL, location or policy and the
 * listing of its keys (which the log delivery service reads before it writes: VPC User Guide, "Flow log records to
 * Amazon S3", bucket permissions `s3:GetBucketAcl`, `s3:ListBucket`), a queue's or topic's attributes, descriptions.
 * Object keys are names, not contents: a bucket everyone may list but not read is not judged a way out (a known limit).
 */
const METADATA = /^(getbucket[a-z]*|listbucket|listbucketversions|listmultipartuploads|getqueueattributes|getqueueurl|gettopicattributes|getsubscriptionattributes|describe[a-z]*|listtagsfor[a-z]*)$/;

/** The values of a condition key (any spelling) under the holding operators: undefined when the statement gives none. */
function conditionValues(condition: unknown, keys: ReadonlySet<string>): unknown[] | undefined {
  if (!condition || typeof condition !== 'object') return undefined;
  let found: unknown[] | undefined;
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!HOLDING_OPERATORS.has(operator.toLowerCase()) || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!keys.has(key.toLowerCase())) continue;
      found = [...found ?? [], ...(Array.isArray(value) ? value : [value])];
    }
  }
  return found;
}

/**
 * The callers a statement's condition bounds `aws:PrincipalArn` to exactly (`EXACT_OPERATORS`): the values of one
 * block that names the key, every value an own principal (`values.own`) or a literal, neither with wildcards or policy
 * variables; undefined when no block bounds it so (then the principal stands: a deploy-time value may be anyone).
 * Blocks of the same condition all hold (IAM evaluates them with AND): any one of them bounds the callers.
 */
function principalArnBound(values: RelayValues, condition: unknown): unknown[] | undefined {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return undefined;
  const bounds: unknown[][] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    const op = operator.toLowerCase();
    if (!EXACT_OPERATORS.has(op) || !block || typeof block !== 'object' || Array.isArray(block)) continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!PRINCIPAL_ARN_KEYS.has(key.toLowerCase())) continue;
      const list = Array.isArray(value) ? value : [value];
      // An own principal as the engine reads it (a reference, an ARN of the deploying account) without wildcards, or a
      // literal without policy variables (`${aws:username}`) or, where the operator matches them, wildcards.
      const exact = list.length > 0 && list.every((v) => (values.own(v) ? !/[*?]/.test(values.text(v))
        : typeof v === 'string' && !v.includes('${') && (op === 'stringequals' || !/[*?]/.test(v))));
      if (exact) bounds.push(list);
    }
  }
  // The bound of the fewest callers outside the own account (an own-only bound, when one holds).
  return bounds.sort((a, b) => a.filter((v) => !values.own(v)).length - b.filter((v) => !values.own(v)).length)[0];
}

/**
 * Who a statement's principal lets in, beyond the own account: nothing (the own account only), the resources of the
 * output a service principal acts for (`aws:SourceArn`), or the outside (everyone, another account, a service acting for
 * anyone's resources — the confused deputy of the IAM User Guide —, a federation, a principal the guard cannot read).
 */
function principalOpeners(values: RelayValues, statement: Record<string, unknown>, where: string): Ref[] {
  if (statement.NotPrincipal !== undefined) return [outside(`every principal but those NotPrincipal names, by ${where}`)];
  const principal = statement.Principal;
  const condition = statement.Condition;
  const accounts = conditionValues(condition, ACCOUNT_KEYS);
  if (accounts !== undefined && accounts.length > 0 && accounts.every((v) => values.own(v))) return [];
  // Held to an account the guard cannot tell is the own one (a literal account ID is not read as it: as MN-5).
  const held = accounts !== undefined && accounts.length > 0 ? ` held to account ${accounts.map((v) => values.text(v)).join(', ')}, which the guard cannot tell is the own one` : undefined;
  const sources = conditionValues(condition, SOURCE_KEYS);
  const bySource = (): Ref[] | undefined => (sources !== undefined && sources.length > 0 ? sources.flatMap((v) => values.refs(v)) : undefined);
  const everyone = principal === '*' || (principal !== null && typeof principal === 'object' && !Array.isArray(principal)
    && Object.values(principal as Record<string, unknown>).some((v) => v === '*' || (Array.isArray(v) && v.includes('*'))));
  // Everyone, held by `aws:PrincipalArn` to callers named exactly: those callers, as if the principal named them.
  const bound = everyone && bySource() === undefined ? principalArnBound(values, condition) : undefined;
  if (bound !== undefined) {
    return bound.filter((v) => !values.own(v)).map((v) => outside(`principal ${values.text(v)} (aws:PrincipalArn; another account, as far as the guard can tell), by ${where}`));
  }
  if (everyone) return bySource() ?? [outside(held !== undefined ? `every principal${held}, by ${where}` : `everyone (Principal "*"), by ${where}`)];
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) {
    return [outside(`principal ${values.text(principal)}, which the guard cannot read, by ${where}`)];
  }
  const out: Ref[] = [];
  for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
    const list = Array.isArray(value) ? value : [value];
    if (kind === 'AWS') {
      for (const v of list) if (!values.own(v)) out.push(outside(`principal ${values.text(v)} (another account, as far as the guard can tell), by ${where}`));
    } else if (kind === 'Service') {
      out.push(...bySource() ?? list.map((v) => outside(held !== undefined ? `${values.text(v)}${held}, by ${where}`
        : `${values.text(v)} acting for any resource of any account (no aws:SourceArn or aws:SourceAccount), by ${where}`)));
    } else {
      out.push(outside(`${kind} principal ${values.text(value)}, by ${where}`));
    }
  }
  return out;
}

/**
 * What a resource policy lets in and out of `resources`: for each statement that allows, the principals beyond the own
 * account (`principalOpeners`) put data in when its actions put, and take it out when they read. A document the guard
 * cannot read (not an object with statements) lets everyone in and out (fail closed).
 */
export function policyFlows(values: RelayValues, resources: readonly Ref[], document: unknown, property: string, where: string): RelayFlow[] {
  if (resources.length === 0 || document === undefined || document === null) return [];
  const list = statementsOf(values.document?.(document) ?? document);
  if (list === undefined) {
    const anyone = outside(`anyone a policy the guard cannot read may let in, by ${where}`);
    return [{ from: [anyone], to: resources, property }, { from: resources, to: [anyone], property }];
  }
  const flows: RelayFlow[] = [];
  for (const s of list) {
    if (!s || typeof s !== 'object') continue;
    const statement = s as Record<string, unknown>;
    // A statement, or its effect, chosen by a condition or given by a parameter (`Fn::If`, `{ Ref }`): it may allow anyone.
    if (isIntrinsic(statement) || (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')) {
      const anyone = outside(`anyone a statement the guard cannot read may let in, by ${where}`);
      flows.push({ from: [anyone], to: resources, property }, { from: resources, to: [anyone], property });
      continue;
    }
    if (statement.Effect !== 'Allow') continue;
    const openers = principalOpeners(values, statement, where);
    if (openers.length === 0) continue;
    const directions = statement.NotAction !== undefined ? { in: true, out: true } : actionDirections(statement.Action);
    if (directions.in) flows.push({ from: openers, to: resources, property });
    if (directions.out) flows.push({ from: resources, to: openers, property });
  }
  return flows;
}

/** A Lambda permission's action that invokes the function (a wildcard that may), which bridges.ts `permissionOpensFunction` judges. */
const INVOKING = /^(\*|lambda:\*|lambda:invoke[a-z]*\*?)$/i;

/** A Lambda permission's statement, as the Lambda API adds it to the function's resource policy (`permissionFlows`). */
export interface PermissionStatement {
  readonly action: unknown;
  readonly principal: unknown;
  readonly sourceArn?: unknown;
  readonly sourceAccount?: unknown;
}

/**
 * What a Lambda permission (`AWS::Lambda::Permission`, `aws_lambda_permission`) lets out of and into `functions` beyond
 * invoking them: read as the resource policy statement it adds (Lambda API Reference, AddPermission: the principal, the
 * action, `SourceArn` and `SourceAccount` as `aws:SourceArn` / `aws:SourceAccount` conditions), by `policyFlows`, as an
 * IAM grant of the same action is read. `lambda:GetFunction` (which AddPermission grants besides the invoking actions)
 * lets its principal download the function's code and read its configuration, environment variables included (Lambda
 * API Reference, GetFunction): data out of the function to another account (red team 49: such a permission passed, while
 * a role of another account granted the same action was MN-1). An invoking action, or one the guard cannot read, is the
 * bridge's to judge (its callers run code in the function's subnets: GUARD-1), not read here again.
 */
export function permissionFlows(
  values: RelayValues, functions: readonly Ref[], s: PermissionStatement, property: string, where: string,
): RelayFlow[] {
  if (typeof s.action !== 'string' || INVOKING.test(s.action)) return [];
  const principal = s.principal === '*' ? '*'
    : typeof s.principal === 'string' && /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(s.principal) ? { Service: s.principal } : { AWS: s.principal };
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  const condition = {
    ...given(s.sourceArn) ? { ArnLike: { 'aws:SourceArn': s.sourceArn } } : {},
    ...given(s.sourceAccount) ? { StringEquals: { 'aws:SourceAccount': s.sourceAccount } } : {},
  };
  const statement = { Effect: 'Allow', Principal: principal, Action: s.action, ...Object.keys(condition).length > 0 ? { Condition: condition } : {} };
  return policyFlows(values, functions, { Statement: [statement] }, property, where);
}

/**
 * A policy document's statements (JSON text parsed; one statement written as an object is a list of one), or undefined
 * for a document the guard cannot read (not an object with statements: an expression, text that is not JSON).
 */
function statementsOf(document: unknown): unknown[] | undefined {
  const doc = typeof document === 'string' ? parseJson(document) : document;
  const statements = doc && typeof doc === 'object' ? (doc as Record<string, unknown>).Statement : undefined;
  return Array.isArray(statements) ? statements : statements && typeof statements === 'object' ? [statements] : undefined;
}

/** Whether an object is an intrinsic function or reference (one key, `Ref` or `Fn::…`). */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Step Functions service integrations whose data stays with resources the definition names (Lambda, SQS, SNS,
 * EventBridge, Step Functions itself): `arn:aws:states:::<service>:<action>` (Step Functions Developer Guide,
 * "Integrating services with Step Functions"). Any other — `http:invoke` (an HTTPS endpoint), `aws-sdk:*` (any API of
 * any service), an activity (a worker anywhere), an integration the guard does not follow — delivers to the outside.
 */
const FOLLOWED_INTEGRATIONS = new Set(['lambda', 'sqs', 'sns', 'events', 'states']);

/**
 * A state machine's deliveries: to and from every resource of the output its definition names (a task sends its input
 * there and takes the result back), and to the outside for every task of an integration that is not followed, an
 * activity, or a definition the guard cannot read (`unreadable`).
 */
export function stateMachineFlows(values: RelayValues, self: Ref, definition: unknown, property: string, unreadable?: unknown): RelayFlow[] {
  const flows: RelayFlow[] = [];
  if (unreadable !== undefined) {
    const unread = outside(`whatever a definition the guard cannot read (${values.text(unreadable)}) calls`);
    flows.push({ from: [self], to: [unread], property }, { from: [unread], to: [self], property });
  }
  const text = values.text(definition);
  const others = new Set<string>();
  for (const m of text.matchAll(/:states:::([a-z0-9-]+)(?::|")/g)) if (!FOLLOWED_INTEGRATIONS.has(m[1])) others.add(m[1]);
  if (/:activity:/.test(text)) others.add('activity');
  for (const o of [...others].sort()) {
    const what = outside(o === 'http' ? 'an HTTPS endpoint a task calls (http:invoke)' : o === 'activity' ? 'an activity worker, which may run anywhere'
      : `a Step Functions ${o} integration, which the guard does not follow`);
    flows.push({ from: [self], to: [what], property }, { from: [what], to: [self], property });
  }
  // What the definition names: resources of the output it refers to, and, among its literal strings, ARNs and queue URLs
  // of relaying services (the output's or the outside) and bare names of the output's resources (a task's `FunctionName`).
  const mentioned = values.refs(definition).filter((r) => r.kind === 'node');
  const literals = stringLeaves(definition).filter((t) => !/:states:::/.test(t)).flatMap((t) => {
    const refs = values.refs(t);
    return relayLiteral(t) !== undefined ? refs : refs.filter((r) => r.kind === 'node');
  });
  const selfId = self.kind === 'node' ? self.id : undefined;
  const named = [...mentioned, ...literals].filter((r) => !(r.kind === 'node' && r.id === selfId));
  if (named.length > 0) flows.push({ from: [self], to: named, property }, { from: named, to: [self], property });
  return flows;
}

/** Every string in a value (JSON text parsed, so that a definition written as text is read as one written as an object). */
export function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return stringLeaves(JSON.parse(trimmed), out);
      } catch {
        // Not JSON (a template with substitutions that break it): its own text only.
      }
    }
    out.push(value);
  } else if (Array.isArray(value)) {
    value.forEach((v) => stringLeaves(v, out));
  } else if (value && typeof value === 'object') {
    Object.values(value).forEach((v) => stringLeaves(v, out));
  }
  return out;
}

/** Both ways between `a` and `b` (an API and its integration: the request goes there, the response comes back). */
export function bothWays(a: readonly Ref[], b: readonly Ref[], property: string): RelayFlow[] {
  return a.length === 0 || b.length === 0 ? [] : [{ from: a, to: b, property }, { from: b, to: a, property }];
}

/** API Gateway AWS integrations to services whose resources the guard follows as relays (`integrationService`). */
export const INTEGRATED_SERVICES: ReadonlySet<string> = new Set(['sqs', 'sns', 'events', 'eventbridge', 'kinesis', 'firehose', 'states', 'stepfunctions', 's3']);

/** The internet, calling a public API. */
export const PUBLIC_API = outside('the internet, through the API\'s public endpoint');

/**
 * API Gateway AWS-service integrations that carry data to and from resources of a service the guard follows, by the
 * service in the integration URI (`arn:aws:apigateway:{region}:sqs:path/…`; API Gateway Developer Guide, "Set up an API
 * integration request") or an HTTP API's subtype (`SQS-SendMessage`, `EventBridge-PutEvents`, `Kinesis-PutRecord`,
 * `StepFunctions-StartExecution`, "Integration subtype reference").
 */
export function integrationService(uriText: string, subtype: unknown): string | undefined {
  const service = /:apigateway:(?:\{[^}]*\}|\$\{[^}]*\}|[^:"]*):([a-z0-9-]+):/.exec(uriText)?.[1];
  if (service !== undefined) return service;
  if (typeof subtype === 'string') return subtype.split('-')[0].toLowerCase();
  return subtype === undefined ? undefined : 'unknown';
}

/**
 * In `RelayNode.grants`: stands for the code that runs with the principal's permissions (a function, an instance, an
 * ECS task, or the outside for a principal anyone beyond the output may use), put in its place when the grants are
 * followed (rules/relays.ts).
 */
export const PRINCIPAL = '#principal';

/**
 * Keys that only name whom a policy or a permission grants access: a policy statement's `Principal` and `NotPrincipal`
 * (IAM User Guide, "IAM JSON policy elements: Principal"), a policy document data source's `principals` and
 * `not_principals` blocks (Terraform AWS provider, `aws_iam_policy_document`), a permission's principal
 * (`AWS::Lambda::LayerVersionPermission`, `aws_lambda_layer_version_permission`…).
 */
const GRANTEE_KEYS: ReadonlySet<string> = new Set(['Principal', 'NotPrincipal', 'principal', 'principals', 'not_principals']);

/**
 * Properties of a resource (by type) that only name a principal to grant it access, running no code with it: an EKS
 * access entry's principal, which may call the cluster's Kubernetes API (Amazon EKS User Guide, "Grant IAM users access
 * to Kubernetes with EKS access entries"; the nodes that join with a node role run with it by their instance profile or
 * node group, read as code), and its Terraform access policy association; a Lake Formation permission's principal; a
 * RAM share's principals; a KMS grant's grantee and retiring principal. Not an EKS pod identity association's role:
 * the pods run with it (Amazon EKS User Guide, "EKS Pod Identity").
 */
const GRANTEE_PROPERTIES: Readonly<Record<string, ReadonlySet<string>>> = {
  'AWS::EKS::AccessEntry': new Set(['PrincipalArn']),
  'aws_eks_access_entry': new Set(['principal_arn']),
  'aws_eks_access_policy_association': new Set(['principal_arn']),
  'AWS::LakeFormation::Permissions': new Set(['DataLakePrincipal']),
  'AWS::RAM::ResourceShare': new Set(['Principals']),
  'aws_kms_grant': new Set(['grantee_principal', 'retiring_principal']),
};

/**
 * Whether the property `key` of `holder` only names whom a policy grants access, which runs no code with that principal
 * (the readers' unplaced-code backstop skips it): `GRANTEE_KEYS`, a statement's `Condition`, which may hold the
 * principal's ARN (`aws:PrincipalArn`: IAM User Guide, "AWS global condition context keys"), and, where `holder` is
 * the properties of a resource of type `type`, its `GRANTEE_PROPERTIES`.
 */
export function namesGrantee(key: string, holder: object, type?: string): boolean {
  return GRANTEE_KEYS.has(key) || ((key === 'Condition' || key === 'condition') && ('Effect' in holder || 'effect' in holder))
    || (type !== undefined && GRANTEE_PROPERTIES[type]?.has(key) === true);
}

/** In `RelayNode.grants`: every resource of the output of a relaying service (`*`: of every one), by a wildcard. */
export function everyResource(service: string): Ref {
  return { kind: 'node', id: `#every:${service}` };
}

/** The service `everyResource` stands for, or undefined for any other id. */
export function everyService(id: string): string | undefined {
  return id.startsWith('#every:') ? id.slice('#every:'.length) : undefined;
}

/**
 * The relay service of an IAM action's service prefix (Service Authorization Reference, each service's "service prefix");
 * undefined for a service that is not followed as a relay (`ec2`, `ssm`, `kms`…).
 */
const ACTION_SERVICES: Readonly<Record<string, RelayService>> = {
  'sqs': 'sqs',
  'sns': 'sns',
  'events': 'events',
  'lambda': 'lambda',
  'states': 'states',
  'logs': 'logs',
  's3': 's3',
  'execute-api': 'execute-api',
  'firehose': 'firehose',
  'kinesis': 'kinesis',
  'dynamodb': 'dynamodb',
  'iot': 'iot',
};
const ALL_SERVICES = '*';

/** An action name's IAM wildcards (`*`, `?`) as a pattern of whole action names (lower case). */
function actionPattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/**
 * IAM actions that give the caller, or code it starts, other grants than its own (IAM User Guide, "Grant a user
 * permissions to pass a role to an AWS service"; Service Authorization Reference, AWS Identity and Access Management):
 * passing a role to a function, instance or task it creates; writing or attaching a policy, a policy version, a trust
 * policy; joining a group; making credentials or a console password for a user. The guard does not follow which roles
 * and policies they reach: such a grant counts as everything (fail closed; red team 49).
 */
const IAM_ESCALATES = ['passrole', 'putrolepolicy', 'attachrolepolicy', 'putuserpolicy', 'attachuserpolicy', 'putgrouppolicy',
  'attachgrouppolicy', 'createpolicyversion', 'setdefaultpolicyversion', 'updateassumerolepolicy', 'addusertogroup',
  'createaccesskey', 'createloginprofile', 'updateloginprofile'];

/**
 * Systems Manager actions that run code on, or open a session with, managed instances (AWS Systems Manager User Guide,
 * "Run Command", "Session Manager", "Automation", "State Manager" associations, "Maintenance Windows" tasks): the
 * caller's data goes in and the instance's comes back.
 */
const SSM_RUNS = ['sendcommand', 'startsession', 'resumesession', 'startautomationexecution', 'sendautomationsignal', 'createassociation',
  'createassociationbatch', 'updateassociation', 'startassociationsonce', 'registertaskwithmaintenancewindow', 'updatemaintenancewindowtask'];

/**
 * Actions that touch neither the data nor where it goes, beside `METADATA`: creating a log group (which then holds
 * nothing), retention, deleting (a message once received, an object: nothing leaves with it), visibility timeouts,
 * tags. Actions that change where data goes or who may read it (`PutBucketPolicy`, `SetQueueAttributes`,
 * `AddPermission`, `Subscribe`, `PutSubscriptionFilter`, `PutTargets`…) are not among them: both ways.
 */
const SETTINGS_ONLY = /^(createloggroup|putretentionpolicy|deleteretentionpolicy|changemessagevisibility[a-z]*|tag[a-z]*|untag[a-z]*|abortmultipartupload)$/;

/**
 * Services whose deletions return nothing of what they delete (a message once received, an object, a log group): for
 * the others a deletion may (DynamoDB's `DeleteItem` with `ReturnValues: ALL_OLD` returns the item): both ways.
 */
const SILENT_DELETES = new Set(['sqs', 's3', 'logs']);

/**
 * Descriptions that carry data (Step Functions' `DescribeExecution` returns the execution's input and output: Step
 * Functions API Reference): read, not metadata.
 */
const DATA_DESCRIPTIONS = new Set(['states']);

/** The directions of one IAM action name (the part after the service prefix; wildcards allowed) in an identity policy. */
function grantDirections(service: string, name: string): { in: boolean; out: boolean } {
  const literal = name.split(/[*?]/)[0];
  const wild = literal !== name;
  if (DATA_DESCRIPTIONS.has(service) && /^describe/.test(literal)) return { in: false, out: true };
  // Every action the name may match starts with the literal part: a read-only family (`Get*`, `s3:GetObject*`).
  if (/^(getbucket|describe|listtagsfor)/.test(literal) && (wild || METADATA.test(name))) return { in: false, out: false };
  if (!wild && (METADATA.test(name) || SETTINGS_ONLY.test(name))) return { in: false, out: false };
  if (/^delete/.test(literal)) return SILENT_DELETES.has(service) ? { in: false, out: false } : { in: true, out: true };
  if (/^(get|list|describe|receive|select|head|read)/.test(literal)) return { in: false, out: true };
  if (!wild && PUTS_DATA.test(name)) return { in: true, out: false };
  return { in: true, out: true };
}

/**
 * What an identity policy (a role's, a user's, a managed policy) lets the code running with it do to relaying resources:
 * for each statement that allows, put data into the resources it names when its actions put, take data out when they
 * read (`grantDirections`), per relaying service of its actions (`ACTION_SERVICES`; other services' actions are not
 * followed). A resource named by a wildcard (`*`, `arn:aws:sqs:*:*:app-*`), `NotResource` or none is every resource of
 * the action's service in the output; a resource named otherwise is what `values.refs` reads (the outside for a
 * literal naming nothing of the output). `PRINCIPAL` stands for the code. Conditions and denials can only take away:
 * not read (fail closed). A document or statement the guard cannot read grants everything.
 */
export function grantFlows(values: RelayValues, document: unknown, property: string): RelayFlow[] {
  if (document === undefined || document === null) return [];
  const principal: Ref = { kind: 'node', id: PRINCIPAL };
  const list = statementsOf(values.document?.(document) ?? document);
  const everything = (at: string): RelayFlow[] => [
    { from: [principal], to: [everyResource(ALL_SERVICES)], property: at },
    { from: [everyResource(ALL_SERVICES)], to: [principal], property: at },
  ];
  if (list === undefined) return everything(property);
  const flows: RelayFlow[] = [];
  list.forEach((s, i) => {
    const at = `${property}.Statement[${i}]`;
    if (!s || typeof s !== 'object') return;
    const statement = s as Record<string, unknown>;
    if (isIntrinsic(statement) || (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')) {
      flows.push(...everything(at));
      return;
    }
    if (statement.Effect !== 'Allow') return;
    // Per service: the directions its actions take.
    let escalates = false;
    const services = new Map<string, { in: boolean; out: boolean }>();
    const merge = (service: string, d: { in: boolean; out: boolean }) => {
      const known = services.get(service) ?? { in: false, out: false };
      services.set(service, { in: known.in || d.in, out: known.out || d.out });
    };
    if (statement.NotAction !== undefined || statement.Action === undefined) {
      merge(ALL_SERVICES, { in: true, out: true });
    } else {
      for (const a of Array.isArray(statement.Action) ? statement.Action : [statement.Action]) {
        if (typeof a !== 'string') {
          merge(ALL_SERVICES, { in: true, out: true });
          continue;
        }
        if (a === '*') {
          merge(ALL_SERVICES, { in: true, out: true });
          continue;
        }
        const [prefix, name] = a.toLowerCase().split(':', 2);
        if (name === undefined || /[*?]/.test(prefix)) {
          merge(ALL_SERVICES, { in: true, out: true });
          continue;
        }
        if (prefix === 'iam') {
          if (IAM_ESCALATES.some((escalate) => actionPattern(name).test(escalate))) escalates = true;
          continue;
        }
        if (prefix === 'ssm') {
          // Systems Manager runs commands and sessions on instances: both ways with them. Its other actions (parameters,
          // documents, inventory) carry nothing between resources the guard follows.
          if (SSM_RUNS.some((run) => actionPattern(name).test(run))) merge('ssm', { in: true, out: true });
          continue;
        }
        const service = ACTION_SERVICES[prefix];
        if (service !== undefined) merge(service, grantDirections(service, name));
      }
    }
    // What it passes or writes may grant anything, on any resource, whatever the statement's `Resource` names.
    if (escalates) {
      flows.push(...everything(at));
      return;
    }
    const directions = [...services].filter(([, d]) => d.in || d.out);
    if (directions.length === 0) return;
    // What the statement names: every resource of a service for a wildcard; what a value names otherwise.
    const raw = statement.NotResource !== undefined || statement.Resource === undefined ? ['*']
      : Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
    let wildcard = false;
    const named: Ref[] = [];
    for (const r of raw) {
      // A document or automation runbook is what a command runs, not where it runs.
      if (services.has('ssm') && services.size === 1 && /:(document|automation-definition)\//.test(typeof r === 'string' ? r : values.grantText(r))) continue;
      // A reference inside a resource's name (an object key `arn:aws:s3:::b/${Role}`, `app-${X}`) does not name the
      // resource it refers to: the ARN is a pattern (`referencePattern`).
      const pattern = referencePattern(values.grantText(r));
      if (pattern !== undefined) {
        if (pattern.literal !== undefined) named.push(...values.grantRefs(pattern.literal));
        else wildcard = true;
        // What the guard cannot read in it (a parameter, a value another resource returns) stays unread (fail closed).
        named.push(...values.grantRefs(r).filter((ref) => ref.kind !== 'node'));
        continue;
      }
      // A bucket's objects (`…:::name/*`), a log group's streams (`…:log-group:name:*`) name the bucket, the group; a
      // wildcard elsewhere (`arn:aws:s3:::*`, `…:sqs:…:app-*`) is a pattern.
      const text = (typeof r === 'string' ? r : values.grantText(r))
        .replace(/^(arn:[^:]*:s3:::[^/*?]+)\/\*$/, '$1').replace(/^(\$?\{[^}]*\})(?:\/\*|:log-stream:\*|:\*)$/, '$1')
        .replace(/(:log-group:[^:*?]+)(?::log-stream:\*|:\*)$/, '$1');
      if (/[*?]/.test(text)) wildcard = true;
      else named.push(...values.grantRefs(typeof r === 'string' ? text : r));
    }
    for (const [service, d] of directions) {
      const to = [...named, ...(wildcard ? [everyResource(service)] : [])];
      if (to.length === 0) continue;
      if (d.in) flows.push({ from: [principal], to, property: at });
      if (d.out) flows.push({ from: to, to: [principal], property: at });
    }
  });
  return flows;
}

/** A reference in text as the readers render it (`{reference}`, `{iam-role}`), not the deploying partition, region or account. */
const REFERENCE_MARK = /\{(?!(?:partition|region|accountid|urlsuffix)\})[^{}]*\}/;

/**
 * An identity policy's resource ARN (rendered: references as `{…}`) that holds a reference inside its name rather than
 * as the name: undefined when it holds none so (a reference that is the whole value, the whole resource name between
 * `:` and `/`, or a bucket's whole ARN or name before its object key, names that resource). An S3 object key that holds
 * a reference (`arn:aws:s3:::b/${Role}/*`, `${Bucket.Arn}/${Role}`) names objects of its bucket whose keys start with
 * the literal part (a prefix match): the bucket (`literal`: its ARN, when written out), or, when the bucket is a
 * reference too, every bucket (fail closed); a reference with other text around it in a name (`…:queue-${X}`) makes
 * the ARN a pattern of every resource of the service (fail closed).
 */
export function referencePattern(text: string): { readonly literal?: string } | undefined {
  const object = /^(arn:[^:]*:s3:::[^/]*|\{[^{}]*\})\/(.*)$/.exec(text);
  if (object) {
    if (!REFERENCE_MARK.test(object[2])) return undefined;
    return REFERENCE_MARK.test(object[1]) ? {} : { literal: object[1] };
  }
  const arn = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.*)$/.exec(text);
  const name = arn ? arn[1] : text;
  for (const m of name.matchAll(new RegExp(REFERENCE_MARK.source, 'g'))) {
    const before = name[m.index! - 1];
    const after = name[m.index! + m[0].length];
    if ((before !== undefined && before !== ':' && before !== '/') || (after !== undefined && after !== ':' && after !== '/')) return {};
  }
  return undefined;
}

/**
 * AWS managed policies whose relaying grants the guard knows (AWS Managed Policy Reference Guide, each policy's "Policy
 * version" document; only the statements on relaying services are kept, the rest are not followed): the name after
 * `arn:aws:iam::aws:policy/`. Any other managed policy grants everything (fail closed).
 */
const MANAGED_POLICIES: Readonly<Record<string, readonly { Action: readonly string[]; Resource: string }[]>> = {
  // logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents on "*".
  'service-role/AWSLambdaBasicExecutionRole': [{ Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  // The same logs actions, and EC2's network interface actions (not relaying).
  'service-role/AWSLambdaVPCAccessExecutionRole': [{ Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  // Systems Manager, ssmmessages and ec2messages only: nothing relaying.
  'AmazonSSMManagedInstanceCore': [],
  // CloudWatch agent: metrics, EC2 and SSM reads, and logs:PutLogEvents, CreateLogStream, CreateLogGroup, Describe*, PutRetentionPolicy.
  'CloudWatchAgentServerPolicy': [{
    Action: ['logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups', 'logs:CreateLogStream', 'logs:CreateLogGroup',
      'logs:PutRetentionPolicy'],
    Resource: '*',
  }],
  // Lambda's pollers: sqs:ReceiveMessage, DeleteMessage, GetQueueAttributes; kinesis / dynamodb stream reads; and the logs actions.
  'service-role/AWSLambdaSQSQueueExecutionRole': [{
    Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup',
      'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }],
  'service-role/AWSLambdaKinesisExecutionRole': [{
    Action: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator',
      'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }],
  'service-role/AWSLambdaDynamoDBExecutionRole': [{
    Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams',
      'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    Resource: '*',
  }],
};

/**
 * The identity policy document of a managed policy ARN the output does not hold (`arn:aws:iam::aws:policy/…`, as text
 * with `{partition}` for the partition): a known AWS managed policy's relaying statements, or everything (another AWS
 * managed policy, a customer managed policy of any account, an ARN the guard cannot read: fail closed).
 */
export function managedPolicyDocument(arn: string): unknown {
  const name = /^arn:(?:\{partition\}|aws[a-z-]*):iam::aws:policy\/(.+)$/.exec(arn)?.[1];
  const known = name === undefined ? undefined : MANAGED_POLICIES[name];
  if (known === undefined) return { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  return { Statement: known.map((s) => ({ Effect: 'Allow', ...s })) };
}

/**
 * Service principals whose use of a role the output declares as relays of its own (Step Functions, EventBridge rules,
 * pipes and Scheduler, Firehose, CloudWatch Logs subscriptions, log delivery and flow logs, S3 replication, API
 * Gateway, IoT rules, AppSync, Kinesis Data Analytics, SNS delivery logging): their deliveries are the relays read
 * (§14), not the role's grants. Lambda, EC2 and ECS tasks run the output's code: their grants go with that code.
 */
const RELAYING_SERVICES = new Set(['states', 'events', 'pipes', 'scheduler', 'firehose', 'logs', 'delivery.logs', 'vpc-flow-logs', 's3', 'apigateway',
  'iot', 'appsync', 'kinesisanalytics', 'sns']);
const RUNNING_SERVICES = new Set(['lambda', 'ec2', 'ecs-tasks', 'edgelambda']);

/**
 * Who beyond the output's code may act with a role, by its trust policy: principals of accounts (its own too: a person
 * or program anywhere), federated users, everyone, services that run code the guard does not place (CodeBuild, Glue…):
 * the outside, described. Lambda, EC2 and ECS tasks run the output's functions, instances and tasks (read where they
 * name the role); the relaying services act as declared. A policy the guard cannot read lets anyone.
 */
export function trustOutside(values: RelayValues, document: unknown, role: string): Ref[] {
  const list = statementsOf(values.document?.(document) ?? document);
  if (list === undefined) return [outside(`anyone a trust policy the guard cannot read lets act as role ${role}`)];
  const out: Ref[] = [];
  for (const s of list) {
    if (!s || typeof s !== 'object') continue;
    const statement = s as Record<string, unknown>;
    if (isIntrinsic(statement) || (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')) {
      out.push(outside(`anyone a trust policy the guard cannot read lets act as role ${role}`));
      continue;
    }
    if (statement.Effect !== 'Allow') continue;
    const principal = statement.Principal;
    if (statement.NotPrincipal !== undefined || principal === '*' || !principal || typeof principal !== 'object' || Array.isArray(principal)) {
      out.push(outside(`principals the trust policy of role ${role} lets act as it (${values.text(statement.NotPrincipal ?? principal)})`));
      continue;
    }
    for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        const service = kind === 'Service' && typeof v === 'string' ? /^([a-z0-9.-]+?)\.amazonaws\.com(?:\.cn)?$/.exec(v)?.[1] : undefined;
        if (service !== undefined && (RUNNING_SERVICES.has(service) || RELAYING_SERVICES.has(service))) continue;
        out.push(outside(service !== undefined ? `code ${values.text(v)} runs with role ${role}, which the guard does not place`
          : `principals the trust policy of role ${role} lets act as it (${kind} ${values.text(v)})`));
      }
    }
  }
  return out;
}
