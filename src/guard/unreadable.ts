/**
 * Values the extractors read inside (a nested block, a list of blocks or of names, a rules string) that turn out to be
 * expressions the guard cannot read at synth time: a template parameter or condition, a Terraform variable. Read as
 * absent, such a value would hide what it may allow (a rule, a domain, a pass rule, a public IP address): the readers
 * note it (`unreadable`) while `GraphBuilder.reading` reads a resource, which records it as unresolved (GUARD-1,
 * docs/guard-semantics.md §3). Both engines' readers use these accessors.
 */

/** What the readers noted, while `collectUnreadable` runs (`depth` > 0): one array for every resource, emptied as read. */
const noted: unknown[] = [];
let depth = 0;

/** Collect what `read` notes as unreadable (most resources note nothing, and allocate nothing here). */
export function collectUnreadable(read: () => void): readonly unknown[] {
  const start = noted.length;
  depth++;
  try {
    read();
  } finally {
    depth--;
  }
  return noted.length === start ? NOTHING : noted.splice(start);
}

const NOTHING: readonly unknown[] = [];

/** Note `value` as unreadable in the resource being read (outside `GraphBuilder.reading`, nothing is noted). */
export function unreadable(value: unknown): void {
  if (depth > 0) noted.push(value);
}

/**
 * The mark of a value object that stands for something the extractor cannot write out: a Terraform plan's value known
 * only after apply, or its reference to another resource's attribute (`PlanUnknown`, `PlanReference`). A shared symbol,
 * so that this module needs nothing from the extractors.
 */
export const STANDS_FOR_VALUE: unique symbol = Symbol.for('jichitai-network.stands-for-value') as never;

/**
 * Whether `v` is a plan's marker (`STANDS_FOR_VALUE`). The markers are class instances; parsed JSON (every template and
 * configuration) is plain objects, for which the symbol's look-up — asked of every block read — is skipped.
 */
function standsForValue(v: object): boolean {
  return Object.getPrototypeOf(v) !== Object.prototype && (v as { [STANDS_FOR_VALUE]?: boolean })[STANDS_FOR_VALUE] === true;
}

/**
 * The opening of a CloudFormation dynamic reference, `{{resolve:service-name:reference-key}}` (services `ssm`, `ssm-secure`,
 * `secretsmanager`): CloudFormation puts in the value stored in Parameter Store or Secrets Manager when it deploys the
 * stack, wherever the reference stands in a property's string, text around it or not
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html). aws-cdk-lib writes one for
 * `ssm.StringParameter.valueForStringParameter(…, version)` and `SecretValue`s.
 */
const DYNAMIC_REFERENCE = '{{resolve:';

/** Whether a CloudFormation template's text holds a dynamic reference (`DYNAMIC_REFERENCE`), whatever reads it. */
export function holdsDynamicReference(text: string): boolean {
  return text.includes(DYNAMIC_REFERENCE);
}

/** Greater than 0 while a CloudFormation template is read (`readingCloudFormation`): only there is `{{resolve:` an expression. */
let cloudFormation = 0;

/**
 * Read a CloudFormation template (`read`): meanwhile a string holding a dynamic reference (`DYNAMIC_REFERENCE`) is an
 * expression (`isExpression`, `isDynamicReference`), known only at deploy time as a template parameter is. In Terraform
 * (configuration or plan) `{{resolve:` is text, as any other.
 */
export function readingCloudFormation<T>(read: () => T): T {
  cloudFormation++;
  try {
    return read();
  } finally {
    cloudFormation--;
  }
}

/** A string of a CloudFormation template that holds a dynamic reference (`readingCloudFormation`). */
export function isDynamicReference(v: unknown): v is string {
  return cloudFormation > 0 && typeof v === 'string' && v.includes(DYNAMIC_REFERENCE);
}

/**
 * Whether configuration text is a template rather than a literal: an interpolation (`${…}`) or a template directive
 * (`%{ if … }`, `%{ for … }`), which Terraform evaluates — in the JSON syntax in every string, map keys included
 * (https://developer.hashicorp.com/terraform/language/syntax/json, "Expression Mapping"). The escapes `$${` and `%%{`
 * count too (fail closed: the guard does not unescape).
 */
export function templated(v: string): boolean {
  return v.includes('${') || v.includes('%{');
}

/**
 * A string standing for a value, not written out: a Terraform interpolation (`${…}`) or, outside a CloudFormation
 * template, a Terraform template directive (`%{ … }`); while a CloudFormation template is read, a dynamic reference
 * (`isDynamicReference`) too.
 */
function textExpression(v: string): boolean {
  return v.includes('${') || (cloudFormation > 0 ? v.includes(DYNAMIC_REFERENCE) : v.includes('%{'));
}

/**
 * A CloudFormation intrinsic function or dynamic reference, a Terraform interpolation or a plan's marker
 * (`STANDS_FOR_VALUE`): an expression, not a written-out value.
 */
export function isExpression(v: unknown): boolean {
  if (typeof v === 'string') return textExpression(v);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  if (standsForValue(v)) return true;
  // One key, without listing the keys (this is asked about every block read).
  let only: string | undefined;
  for (const k in v) {
    if (only !== undefined) return false;
    only = k;
  }
  return only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'));
}

/**
 * A Network Firewall IP set's definition (a list of CIDR texts) read without reporting: `unknown` when the list, or an
 * element, is an expression or not text; undefined when absent. The rules that read IP sets judge an unknown one
 * themselves (a rule that needs it counts for nothing), so it is no GUARD-1 finding of its own.
 */
export function ipSetDefinition(v: unknown): readonly string[] | 'unknown' | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) return 'unknown';
  for (const x of v) if (typeof x !== 'string' || textExpression(x)) return 'unknown';
  return v as string[];
}

/**
 * A list of names (domains, actions): its literal strings. A list given by an expression, or an element that is one,
 * is noted as unreadable (`unreadable`) rather than left out.
 */
export function strings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    unreadable(v);
    return [];
  }
  const out: string[] = [];
  for (const x of v) {
    if (typeof x === 'string' && !textExpression(x)) out.push(x);
    else unreadable(x);
  }
  return out;
}

/**
 * A list of action names that a rule judges by exact value (a firewall policy's stateless default actions, a stateless
 * rule's actions): `strings`, except that what is given by an expression (the list, or an element) is kept as its
 * expression text in braces as well as noted as unreadable, so that no rule reads it as a known action (fail closed).
 */
export function actionNames(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map(actionName) : [actionName(v)];
}

/**
 * One action name a rule judges by exact value (an element of `actionNames`, a stateful group reference's override
 * action): the literal string, or — given by an expression — its expression text in braces, noted as unreadable.
 */
export function actionName(v: unknown): string {
  if (typeof v === 'string' && !textExpression(v)) return v;
  unreadable(v);
  return `{${expressionText(v)}}`;
}

/**
 * A list of blocks (rules, mappings, references): its written-out elements. The list given by an expression (a template
 * parameter or condition, a Terraform variable), or an element that is one, is noted as unreadable (`unreadable`).
 * cdktf writes a single nested block as an object: that is a list of one.
 */
export function blocks(v: unknown): any[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    if (typeof v === 'object' && !isExpression(v)) return [v];
    unreadable(v);
    return [];
  }
  if (!v.some((x) => typeof x !== 'object' || x === null || isExpression(x))) return v;
  const out: any[] = [];
  for (const x of v) {
    if (typeof x === 'object' && x !== null && !isExpression(x)) out.push(x);
    else unreadable(x);
  }
  return out;
}

/**
 * A list of values (ids, CIDRs, ARNs): each is read by what reads it, which tells a reference from a literal. A single
 * value is a list of one.
 */
export function valueList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/**
 * Whether a nested block (or a list of ids) is given: a list of no blocks is none (a plan writes an unset block as `[]`:
 * `terraform show -json` gives every aws_instance `launch_template: []`; Terraform's unset is `null`), an expression may
 * stand for some.
 */
export function blockGiven(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** One nested block (the first, when cdktf wrote a list); one given by an expression is noted as unreadable. */
export function oneBlock(v: unknown): any {
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined || first === null) return first;
  if (typeof first === 'object' && !isExpression(first)) return first;
  unreadable(first);
  return undefined;
}

/** A text the guard reads inside (a rules string): a literal, or undefined; an expression is noted as unreadable. */
export function literalText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' && !textExpression(v)) return v;
  unreadable(v);
  return undefined;
}

/** Where `value` is in `properties` (`egress[0]`, `RuleGroup.RulesSource.RulesSourceList.Targets`), if it is. */
export function pathTo(properties: unknown, value: unknown): string | undefined {
  const keys: (string | number)[] = [];
  const walk = (v: unknown): boolean => {
    if (v === value) return true;
    if (typeof v !== 'object' || v === null) return false;
    for (const [k, x] of Object.entries(v)) {
      keys.push(Array.isArray(v) ? Number(k) : k);
      if (walk(x)) return true;
      keys.pop();
    }
    return false;
  };
  return walk(properties) && keys.length > 0 ? propertyPath(keys) : undefined;
}

/** A property path in the findings' notation: `NetworkInterfaces[0].SubnetId`, `vpc_config[0].subnet_ids[1]`. */
export function propertyPath(keys: readonly (string | number)[]): string {
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** An unreadable value in words: its expression, shortened. */
export function expressionText(v: unknown): string {
  // A plan's marker says why in full (its reason is the finding).
  if (typeof v === 'object' && v !== null && standsForValue(v)) return String(v);
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}
