/**
 * An independent reference reading of docs/guard-semantics.md §10, the bullet "Code that runs while the template is
 * deployed" (GUARD-1). Written from the documentation alone, without reading src/guard/deploy-code.ts or its tests.
 *
 * CloudFormation: `cfnFlagged(template)` is the set of custom resources whose code "may change the network" (the guard
 * must then report an unresolved value on their `ServiceToken`). Terraform: `tfRefused(config)` is the set of
 * `node|kind` keys refused outright (kind: the provisioner type, or '' for a data source / resource refused whole).
 *
 * Random generators of templates and configurations (seeded, no Math.random) are at the end.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

// ---------------------------------------------------------------------------------------------------------------
// Actions: how the doc classifies each action of the vocabulary.
// ---------------------------------------------------------------------------------------------------------------

/**
 * - `quiet`: changes nothing a rule reads (reads, tags, a function's own logs, S3 objects and a bucket's policy or
 *   notifications, SSM parameters, and services neither read by the guard nor running code).
 * - `counts`: may change a service the guard reads, or a service that runs code / applies templates / grants.
 * - `invoke` / `start`: `lambda:InvokeFunction` / `states:StartExecution`, followed on functions / state machines of
 *   the template, counting on anything else.
 */
export type ActionClass = 'quiet' | 'counts' | 'invoke' | 'start';

/** Keys are lower case: IAM action names and wildcards match case-insensitively. */
export const ACTIONS: Record<string, ActionClass> = {
  // "actions that read (describe…, get…, list…, search…, lookup…, batchGet…)"; wildcards at their widest match reads only
  'ec2:describeroutetables': 'quiet',
  'ec2:describe*': 'quiet',
  'ec2:describe?outetables': 'quiet',
  's3:getobject': 'quiet',
  'ec2:get*': 'quiet',
  'ec2:list*': 'quiet',
  'iam:get*': 'quiet',
  'iam:list*': 'quiet',
  'lambda:getfunction': 'quiet',
  'sts:getcalleridentity': 'quiet',
  'dynamodb:batchgetitem': 'quiet',
  'cloudformation:describestacks': 'quiet',
  // "may change a service whose resources the guard reads (ec2:CreateRoute, ec2:*, *, elasticloadbalancing:CreateListener…)"
  'ec2:createroute': 'counts',
  'ec2:*': 'counts',
  'ec2:create*': 'counts',
  'ec2:*route': 'counts',
  '*': 'counts',
  'elasticloadbalancing:createlistener': 'counts',
  'network-firewall:updaterulegroup': 'counts',
  // "a service that runs code or applies templates with credentials of its own or grants permissions (iam, sts, ssm but
  // its parameters, cloudformation, codebuild, ecs, lambda, states, events, scheduler…)"
  'iam:passrole': 'counts',
  'sts:assumerole': 'counts',
  'ssm:sendcommand': 'counts',
  'ssm:*': 'counts',
  'codebuild:startbuild': 'counts',
  'cloudformation:createstack': 'counts',
  'events:puttargets': 'counts',
  'ecs:runtask': 'counts',
  'scheduler:createschedule': 'counts',
  'lambda:*': 'counts',
  'lambda:updatefunctioncode': 'counts',
  'states:*': 'counts',
  // only states:StartExecution and lambda:InvokeFunction are named as followed: the other ways to start them count
  // (known deviation K1: the library follows these two as well)
  'states:startsyncexecution': 'counts',
  'lambda:invokeasync': 'counts',
  // "tags, a function's own logs (its log group, streams, events and retention …), S3 objects and a bucket's policy or
  // notifications …, and SSM parameters change nothing a rule reads"
  'ssm:putparameter': 'quiet',
  'ssm:deleteparameter': 'quiet',
  'ec2:createtags': 'quiet',
  'ec2:deletetags': 'quiet',
  'logs:createloggroup': 'quiet',
  'logs:createlogstream': 'quiet',
  'logs:putlogevents': 'quiet',
  'logs:putretentionpolicy': 'quiet',
  's3:putobject': 'quiet',
  's3:deleteobject*': 'quiet',
  's3:putbucketpolicy': 'quiet',
  's3:putbucketnotification': 'quiet',
  'dynamodb:putitem': 'quiet',
  'ses:sendemail': 'quiet',
  // "not deleting a log group or changing a subscription filter", "not deleting the bucket, a log destination"
  'logs:deleteloggroup': 'counts',
  'logs:putsubscriptionfilter': 'counts',
  'logs:deletesubscriptionfilter': 'counts',
  'logs:put*': 'counts', // at its widest: logs:PutSubscriptionFilter
  'logs:*': 'counts',
  's3:deletebucket': 'counts',
  's3:*': 'counts',
  // followed
  'lambda:invokefunction': 'invoke',
  'states:startexecution': 'start',
};

/**
 * Known deviations of the library from the doc's letter, each a reading the oracle can switch to (see the report):
 * - `followAlso` (K1): `states:StartSyncExecution` and `lambda:InvokeAsync` are followed like `states:StartExecution` /
 *   `lambda:InvokeFunction` (the doc names only those two; "on anything else they count").
 * - `byName` (K2): an `AWS::IAM::Policy` / `ManagedPolicy` of the template whose `Roles` names the role by its literal
 *   `RoleName` is read as attached (the doc lists "policies attached to the role … by the role's name" as not read).
 */
export interface Reading {
  followAlso?: boolean;
  byName?: boolean;
}

const FOLLOWED_ALSO: Record<string, ActionClass> = { 'states:startsyncexecution': 'start', 'lambda:invokeasync': 'invoke' };

/** The two AWS managed policies the doc says allow nothing of the network. */
const QUIET_MANAGED = ['service-role/AWSLambdaBasicExecutionRole', 'service-role/AWSLambdaVPCAccessExecutionRole'];

/** The AWS managed policy an ARN value names (literal, `Fn::Join` or `Fn::Sub` with `AWS::Partition`), if any. */
function awsManagedName(v: Json): string | undefined {
  let text: string | undefined;
  if (typeof v === 'string') {text = v;} else if (v && Array.isArray(v['Fn::Join']) && v['Fn::Join'][0] === '' && Array.isArray(v['Fn::Join'][1])) {
    text = v['Fn::Join'][1].map((p: Json) => (typeof p === 'string' ? p : p?.Ref === 'AWS::Partition' ? 'aws' : '\u0000')).join('');
  } else if (v && typeof v['Fn::Sub'] === 'string') {text = v['Fn::Sub'].replace('${AWS::Partition}', 'aws');}
  const m = text !== undefined ? /^arn:aws:iam::aws:policy\/(.+)$/.exec(text) : null;
  return m ? m[1] : undefined;
}

const asList = (v: Json): Json[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function getAttArn(v: Json): string | undefined {
  const g = v?.['Fn::GetAtt'];
  if (Array.isArray(g) && g.length === 2 && g[1] === 'Arn' && typeof g[0] === 'string') return g[0];
  if (typeof g === 'string' && g.endsWith('.Arn')) return g.slice(0, -4);
  return undefined;
}

/** The function of the template a policy `Resource` names: its ARN, or its ARN with `:*` (its versions and aliases). */
function functionOf(resources: Json, v: Json): string | undefined {
  let id = getAttArn(v);
  const join = v?.['Fn::Join'];
  if (!id && Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].length === 2 && join[1][1] === ':*') {
    id = getAttArn(join[1][0]);
  }
  return id && resources[id]?.Type === 'AWS::Lambda::Function' ? id : undefined;
}

function stateMachineOf(resources: Json, v: Json): string | undefined {
  const id = getAttArn(v) ?? (typeof v?.Ref === 'string' ? v.Ref : undefined);
  return id && resources[id]?.Type === 'AWS::StepFunctions::StateMachine' ? id : undefined;
}

/** The reason a custom resource's code is unbounded or may change the network, or undefined when it may not. */
export function cfnVerdict(template: Json, id: string, reading: Reading = {}): string | undefined {
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  const seen = new Set<string>();

  /** Does a `Roles` value (AWS::IAM::Policy, AWS::IAM::ManagedPolicy) attach the policy to role `r`? */
  const attaches = (roles: Json, r: string): boolean => {
    // Roles given whole by a parameter: which roles is not written out, so it may be r (see report: ambiguity A2).
    if (roles && typeof roles.Ref === 'string' && roles.Ref in parameters) return true;
    // A literal role name is "attached … by the role's name": not read (K2), unless reading.byName.
    const name = resources[r].Properties?.RoleName;
    return asList(roles).some((e) => e?.Ref === r || (typeof e?.Ref === 'string' && e.Ref in parameters)
      || (reading.byName === true && typeof e === 'string' && e === name));
  };

  const docCounts = (doc: Json, where: string): string | undefined => {
    for (const s of asList(doc?.Statement)) {
      if (s?.Effect !== 'Allow') continue; // "Deny left out"
      if (s.NotAction !== undefined) return `${where}: NotAction (unreadable)`;
      for (const a of asList(s.Action)) {
        const key = typeof a === 'string' ? a.toLowerCase() : '';
        const cls = (reading.followAlso ? FOLLOWED_ALSO[key] : undefined) ?? ACTIONS[key];
        if (cls === undefined) throw new Error(`oracle: action ${JSON.stringify(a)} not in the vocabulary`);
        if (cls === 'quiet') continue;
        if (cls === 'counts') return `${where}: ${a}`;
        for (const res of asList(s.Resource)) {
          if (cls === 'invoke') {
            const g = functionOf(resources, res);
            const why = g ? functionCounts(g) : `${where}: ${a} on ${JSON.stringify(res)}`;
            if (why) return why;
          } else {
            const sm = stateMachineOf(resources, res);
            if (!sm) return `${where}: ${a} on ${JSON.stringify(res)}`;
            const r2 = getAttArn(resources[sm].Properties?.RoleArn);
            const why = r2 && resources[r2]?.Type === 'AWS::IAM::Role' ? roleCounts(r2) : `state machine ${sm}: role not of the template`;
            if (why) return why;
          }
        }
      }
    }
    return undefined;
  };

  const roleCounts = (r: string): string | undefined => {
    if (seen.has(r)) return undefined; // reachability: each role judged once
    seen.add(r);
    const p = resources[r].Properties ?? {};
    for (const arn of asList(p.ManagedPolicyArns)) {
      const name = awsManagedName(arn);
      if (name !== undefined) {
        if (QUIET_MANAGED.includes(name)) continue;
        return `${r}: AWS managed ${name} not written out`;
      }
      const m = typeof arn?.Ref === 'string' ? arn.Ref : undefined;
      if (m && resources[m]?.Type === 'AWS::IAM::ManagedPolicy') {
        const why = docCounts(resources[m].Properties?.PolicyDocument, m);
        if (why) return why;
        continue;
      }
      return `${r}: managed policy ${JSON.stringify(arn)} not written out`;
    }
    for (const inline of asList(p.Policies)) {
      const why = docCounts(inline?.PolicyDocument, `${r}.${inline?.PolicyName}`);
      if (why) return why;
    }
    for (const [pid, res] of Object.entries<Json>(resources)) {
      const pp = res.Properties ?? {};
      let attached = false;
      if (res.Type === 'AWS::IAM::Policy' || res.Type === 'AWS::IAM::ManagedPolicy') attached = attaches(pp.Roles, r);
      else if (res.Type === 'AWS::IAM::RolePolicy') attached = pp.RoleName?.Ref === r;
      if (attached) {
        const why = docCounts(pp.PolicyDocument, pid);
        if (why) return why;
      }
    }
    return undefined;
  };

  const functionCounts = (f: string): string | undefined => {
    const r = getAttArn(resources[f].Properties?.Role);
    if (!r || resources[r]?.Type !== 'AWS::IAM::Role') return `function ${f}: role not a role of the template`;
    return roleCounts(r);
  };

  const token = resources[id].Properties?.ServiceToken;
  const f = getAttArn(token);
  if (!f || resources[f]?.Type !== 'AWS::Lambda::Function') return `service token ${JSON.stringify(token)} no function of the template`;
  return functionCounts(f);
}

export function isCustomResource(type: string): boolean {
  return type === 'AWS::CloudFormation::CustomResource' || (type.startsWith('Custom::') && type !== 'Custom::VpcRestrictDefaultSG');
}

export function cfnFlagged(template: Json, reading: Reading = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, res] of Object.entries<Json>(template.Resources ?? {})) {
    if (!isCustomResource(res.Type)) continue;
    const why = cfnVerdict(template, id, reading);
    if (why) out.set(id, why);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Terraform
// ---------------------------------------------------------------------------------------------------------------

/** The provisioner types of a resource body's `provisioner` value (array of single-key objects, or the object form). */
function provisionerKinds(v: Json): string[] {
  const kinds: string[] = [];
  for (const el of asList(v)) {
    if (el && typeof el === 'object') kinds.push(...Object.keys(el));
  }
  return kinds;
}

/** `node|kind` keys: a provisioner other than `file`, `aws_lambda_invocation` (both), `data.external`. */
export function tfRefused(config: Json): Set<string> {
  const out = new Set<string>();
  for (const block of asList(config.resource)) {
    for (const [type, names] of Object.entries<Json>(block ?? {})) {
      for (const namesEl of asList(names)) {
        for (const [name, bodies] of Object.entries<Json>(namesEl ?? {})) {
          for (const body of asList(bodies)) {
            const node = `${type}.${name}`;
            if (type === 'aws_lambda_invocation') out.add(`${node}|`);
            for (const k of provisionerKinds(body?.provisioner)) if (k !== 'file') out.add(`${node}|${k}`);
          }
        }
      }
    }
  }
  for (const block of asList(config.data)) {
    for (const [type, names] of Object.entries<Json>(block ?? {})) {
      for (const namesEl of asList(names)) {
        for (const name of Object.keys(namesEl ?? {})) {
          if (type === 'external' || type === 'aws_lambda_invocation') out.add(`data.${type}.${name}|`);
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded generation
// ---------------------------------------------------------------------------------------------------------------

/* eslint-disable no-bitwise -- mulberry32 is defined on 32-bit integer operations */
/** mulberry32 */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /* eslint-enable no-bitwise */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
}

const QUIET_VOCAB = Object.keys(ACTIONS).filter((a) => ACTIONS[a] === 'quiet');
const COUNT_VOCAB = Object.keys(ACTIONS).filter((a) => ACTIONS[a] === 'counts');

/** Spell an action as the IAM docs do (service lower case, name capitalised), sometimes in another case. */
const SPELLING: Record<string, string> = {
  'ec2:describeroutetables': 'ec2:DescribeRouteTables',
  'ec2:describe*': 'ec2:Describe*',
  'ec2:describe?outetables': 'ec2:Describe?outeTables',
  'ec2:createroute': 'ec2:CreateRoute',
  'ec2:create*': 'ec2:Create*',
  'ec2:*route': 'ec2:*Route',
  'lambda:invokefunction': 'lambda:InvokeFunction',
  'states:startexecution': 'states:StartExecution',
};
function spell(rng: Rng, a: string): string {
  if (rng.chance(0.05)) return rng.chance(0.5) ? a.toUpperCase() : a;
  if (SPELLING[a]) return SPELLING[a];
  const [svc, name] = a.split(':');
  if (name === undefined) return a;
  return `${svc}:${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

export interface GenOptions {
  /** Generate `Roles: ["literal-name"]` policies (the "by the role's name" clause). */
  literalRoleNames?: boolean;
}

export function genTemplate(rng: Rng, opts: GenOptions = {}): Json {
  const R: Record<string, Json> = {};
  const P: Record<string, Json> = {};
  const roles = Array.from({ length: rng.int(1, 4) }, (_, i) => `Role${i}`);
  const fns = Array.from({ length: rng.int(1, 4) }, (_, i) => `Fn${i}`);
  const sms = Array.from({ length: rng.int(0, 2) }, (_, i) => `Sm${i}`);
  const managed = Array.from({ length: rng.int(0, 2) }, (_, i) => `Managed${i}`);
  const hasTopic = rng.chance(0.3);

  const resourceFor = (cls: ActionClass): Json => {
    if (cls === 'invoke') {
      const g = rng.pick(fns);
      const forms: Json[] = [
        { 'Fn::GetAtt': [g, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [g, 'Arn'] }, ':*']] },
        '*',
        'arn:aws:lambda:us-east-1:123456789012:function:elsewhere',
      ];
      const pickOne = () => (rng.chance(0.85) ? forms[rng.int(0, 1)] : rng.pick(forms));
      return rng.chance(0.15) ? [pickOne(), pickOne()] : pickOne();
    }
    if (cls === 'start') {
      if (sms.length && rng.chance(0.9)) {
        const sm = rng.pick(sms);
        return rng.chance(0.5) ? { Ref: sm } : { 'Fn::GetAtt': [sm, 'Arn'] };
      }
      return rng.chance(0.5) ? '*' : 'arn:aws:states:us-east-1:123456789012:stateMachine:elsewhere';
    }
    return rng.pick<Json>(['*', '*', 'arn:aws:s3:::some-bucket/*', { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] }]);
  };

  const pickAction = (): string => {
    const x = rng.next();
    if (x < 0.68) return rng.pick(QUIET_VOCAB);
    if (x < 0.76) return rng.pick(COUNT_VOCAB);
    if (x < 0.9 || !sms.length) return 'lambda:invokefunction';
    return 'states:startexecution';
  };

  const genDoc = (): Json => {
    const statements = Array.from({ length: rng.int(1, 2) }, () => {
      const n = rng.int(1, 3);
      const acts = Array.from({ length: n }, () => pickAction());
      // the resource follows the first followed action, if any
      const lead = acts.find((a) => ACTIONS[a] === 'invoke' || ACTIONS[a] === 'start');
      const s: Json = { Effect: rng.chance(0.85) ? 'Allow' : 'Deny' };
      const spelled = acts.map((a) => spell(rng, a));
      const key = rng.chance(0.02) ? 'NotAction' : 'Action';
      s[key] = spelled.length === 1 && rng.chance(0.5) ? spelled[0] : spelled;
      s.Resource = resourceFor(lead ? ACTIONS[lead] : 'quiet');
      return s;
    });
    return { Version: '2012-10-17', Statement: rng.chance(0.1) && statements.length === 1 ? statements[0] : statements };
  };

  const basic = 'service-role/AWSLambdaBasicExecutionRole';
  const managedArn = (): Json => {
    const x = rng.next();
    if (x < 0.75) {
      const name = rng.chance(0.7) ? basic : 'service-role/AWSLambdaVPCAccessExecutionRole';
      const form = rng.int(0, 2);
      if (form === 0) return `arn:aws:iam::aws:policy/${name}`;
      if (form === 1) return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]] };
      return { 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/${name}` };
    }
    if (x < 0.8) return 'arn:aws:iam::aws:policy/AdministratorAccess';
    if (x < 0.83) return 'arn:aws:iam::123456789012:policy/customer-managed';
    if (managed.length) return { Ref: rng.pick(managed) };
    return `arn:aws:iam::aws:policy/${basic}`;
  };

  for (const r of roles) {
    const props: Json = {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    };
    if (rng.chance(0.8)) props.ManagedPolicyArns = Array.from({ length: rng.int(1, 2) }, managedArn);
    if (rng.chance(0.5)) props.Policies = Array.from({ length: rng.int(1, 2) }, (_, i) => ({ PolicyName: `${r}Inline${i}`, PolicyDocument: genDoc() }));
    if (opts.literalRoleNames) props.RoleName = `${r.toLowerCase()}-name`;
    R[r] = { Type: 'AWS::IAM::Role', Properties: props };
  }
  for (const m of managed) {
    const props: Json = { PolicyDocument: genDoc() };
    if (rng.chance(0.3)) props.Roles = [{ Ref: rng.pick(roles) }];
    R[m] = { Type: 'AWS::IAM::ManagedPolicy', Properties: props };
  }
  for (let i = 0, n = rng.int(0, 3); i < n; i++) {
    const props: Json = { PolicyName: `Policy${i}`, PolicyDocument: genDoc() };
    const x = rng.next();
    if (x < 0.7) {props.Roles = [{ Ref: rng.pick(roles) }];} else if (x < 0.8) {
      P.RoleNames = { Type: 'CommaDelimitedList' };
      props.Roles = { Ref: 'RoleNames' };
    } else if (x < 0.9 || !opts.literalRoleNames) {
      P.RoleName = { Type: 'String' };
      props.Roles = [{ Ref: 'RoleName' }];
    } else {props.Roles = [`${rng.pick(roles).toLowerCase()}-name`];}
    R[`Policy${i}`] = { Type: 'AWS::IAM::Policy', Properties: props };
  }
  if (rng.chance(0.2)) {
    R.RolePolicy0 = { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'rp', RoleName: { Ref: rng.pick(roles) }, PolicyDocument: genDoc() } };
  }
  const roleArn = (): Json => (rng.chance(0.95) ? { 'Fn::GetAtt': [rng.pick(roles), 'Arn'] } : 'arn:aws:iam::123456789012:role/elsewhere');
  for (const f of fns) {
    R[f] = {
      Type: 'AWS::Lambda::Function',
      Properties: { Role: roleArn(), Handler: 'index.handler', Runtime: 'nodejs20.x', Code: { ZipFile: 'exports.handler = async () => {};' } },
    };
  }
  for (const sm of sms) {
    R[sm] = {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { RoleArn: roleArn(), DefinitionString: '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' },
    };
  }
  if (hasTopic) R.Topic = { Type: 'AWS::SNS::Topic', Properties: {} };
  for (let i = 0, n = rng.int(1, 3); i < n; i++) {
    const x = rng.next();
    let token: Json;
    if (x < 0.85) token = { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] };
    else if (x < 0.9) token = 'arn:aws:lambda:us-east-1:123456789012:function:provider';
    else if (x < 0.95 && hasTopic) token = { Ref: 'Topic' };
    else if (sms.length) token = { 'Fn::GetAtt': [rng.pick(sms), 'Arn'] }; // a "function" of another type
    else token = { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] };
    const type = rng.chance(0.25) ? 'AWS::CloudFormation::CustomResource' : rng.pick(['Custom::Something', 'Custom::Seeder']);
    R[`Custom${i}`] = { Type: type, Properties: { ServiceToken: token, Payload: `value-${i}` } };
  }
  const t: Json = { Resources: R };
  if (Object.keys(P).length) t.Parameters = P;
  return t;
}

export function genTerraform(rng: Rng): Json {
  const resource: Json = {};
  const data: Json = {};
  const add = (block: Json, type: string, name: string, body: Json) => {
    block[type] = block[type] ?? {};
    block[type][name] = rng.chance(0.15) ? [body] : body; // a body may be an array of objects
  };
  const provisioner = (): Json => {
    const kinds = Array.from({ length: rng.int(1, 3) }, () => rng.pick(['local-exec', 'remote-exec', 'file', 'file', 'salt-masterless']));
    const bodyOf = (k: string): Json => {
      const b: Json =
        k === 'local-exec' ? { command: 'echo hi' } : k === 'remote-exec' ? { inline: ['echo hi'] } : k === 'file' ? { source: 'a', destination: '/tmp/a' } : {};
      if (rng.chance(0.2)) b.when = 'destroy';
      return rng.chance(0.15) ? [b] : b;
    };
    if (rng.chance(0.3)) {
      const o: Json = {};
      for (const k of kinds) o[k] = bodyOf(k);
      return o; // the object form
    }
    return kinds.map((k) => ({ [k]: bodyOf(k) }));
  };
  for (let i = 0, n = rng.int(1, 5); i < n; i++) {
    const x = rng.next();
    if (x < 0.35) {
      const body: Json = rng.chance(0.8) ? { provisioner: provisioner() } : {};
      if (rng.chance(0.3)) body.connection = { type: 'ssh', host: '10.0.0.1' };
      add(resource, rng.pick(['terraform_data', 'null_resource']), `r${i}`, body);
    } else if (x < 0.45) {add(resource, 'aws_s3_bucket', `b${i}`, rng.chance(0.5) ? { provisioner: provisioner() } : { bucket: `b-${i}` });} else if (x < 0.55) {add(resource, 'aws_ssm_parameter', `p${i}`, { name: `/p/${i}`, type: 'String', value: 'v' });} else if (x < 0.65) {add(resource, 'aws_lambda_invocation', `i${i}`, { function_name: 'fn', input: '{}' });} else if (x < 0.75) {add(data, 'aws_lambda_invocation', `j${i}`, { function_name: 'fn', input: '{}' });} else if (x < 0.87) {add(data, 'external', `e${i}`, { program: ['python3', 'x.py'] });} else {add(data, rng.pick(['aws_caller_identity', 'aws_region']), `d${i}`, {});}
  }
  const c: Json = { resource };
  if (Object.keys(data).length) c.data = data;
  return c;
}
