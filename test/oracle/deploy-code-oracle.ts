/**
 * An independent reference reading of docs/guard-semantics.md §10, the bullet "Code that runs while the template is
 * deployed" (GUARD-1), as revised in d244311 and again in b294c82 (S3 wildcards, state machines by `Fn::GetAtt`, managed
 * policies by `Fn::GetAtt [M, PolicyArn]`, retention "setting or removing"). Written from the documentation alone, without reading
 * src/guard/deploy-code.ts or its tests; each rule cites the clause it rests on.
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
 * - `quiet`: "What changes nothing a rule reads" (reads, tags but IAM's own, a function's own logs, S3 but deleting a
 *   bucket, SSM parameters), and services neither read by the guard nor running code nor granting.
 * - `counts`: "may change a service whose resources the guard reads", or "a service that runs code or applies templates
 *   with credentials of its own or grants permissions"; and "A wildcard counts unless what precedes it is a read verb".
 * - `invoke` / `start`: "`lambda:InvokeFunction` / `lambda:InvokeAsync` on functions of the template … and
 *   `states:StartExecution` / `states:StartSyncExecution` on state machines of the template (`Ref`, `Fn::GetAtt [SM, Arn]`)
 *   are followed to their own roles …; on anything else they count."
 *
 * S3 keys are also classified by the clause itself (`s3Class`): "S3 but deleting a bucket (…; an S3 wildcard counts only
 * when it may match `DeleteBucket`, as `s3:*` and `s3:Delete*` do and `s3:Put*` does not)".
 */
export type ActionClass = 'quiet' | 'counts' | 'invoke' | 'start';

/** Keys are lower case: IAM action names and wildcards match case-insensitively. */
export const ACTIONS: Record<string, ActionClass> = {
  // "actions that read (describe…, get…, list…, search…, lookup…, batchGet…)"; "A wildcard counts unless what precedes
  // it is a read verb (ec2:Describe*)"
  'ec2:describeroutetables': 'quiet',
  'ec2:describe*': 'quiet',
  'ec2:describe?outetables': 'quiet',
  's3:getobject': 'quiet',
  'ec2:get*': 'quiet',
  'ec2:list*': 'quiet',
  'ec2:search*': 'quiet',
  'ec2:batchget*': 'quiet',
  'iam:get*': 'quiet',
  'iam:list*': 'quiet',
  'lambda:get*': 'quiet',
  'lambda:getfunction': 'quiet',
  'sts:getcalleridentity': 'quiet',
  'dynamodb:batchgetitem': 'quiet',
  'cloudtrail:lookupevents': 'quiet',
  'cloudformation:describestacks': 'quiet',
  // "may change a service whose resources the guard reads (ec2:CreateRoute, ec2:*, *, elasticloadbalancing:CreateListener…)";
  // a wildcard after no read verb counts ("the guard holds no list of every action")
  'ec2:createroute': 'counts',
  'ec2:*': 'counts',
  'ec2:create*': 'counts',
  'ec2:*route': 'counts',
  'ec2:describ*': 'counts', // "Describ" is no read verb
  '*': 'counts',
  'elasticloadbalancing:createlistener': 'counts',
  'network-firewall:updaterulegroup': 'counts',
  // "a service that runs code or applies templates with credentials of its own or grants permissions (iam, sts, ssm but
  // its parameters, cloudformation, codebuild, ecs, lambda, states, events, scheduler…)"
  'iam:passrole': 'counts',
  'iam:createservicelinkedrole': 'counts',
  'sts:assumerole': 'counts',
  'ssm:sendcommand': 'counts',
  'ssm:*': 'counts',
  'ssm:*parameter': 'counts', // a wildcard after no read verb
  'codebuild:startbuild': 'counts',
  'cloudformation:createstack': 'counts',
  'events:puttargets': 'counts',
  'ecs:runtask': 'counts',
  'scheduler:createschedule': 'counts',
  'lambda:*': 'counts',
  'lambda:updatefunctioncode': 'counts',
  'lambda:invokefunctionurl': 'counts', // lambda runs code; only InvokeFunction / InvokeAsync are followed
  'lambda:invoke*': 'counts', // a wildcard after no read verb; not one of the followed actions
  'states:*': 'counts',
  'states:start*': 'counts',
  // "tags (CreateTags, TagResource…; not IAM's own tagging, iam:TagRole, which conditions may turn into permissions)"
  'ec2:createtags': 'quiet',
  'ec2:deletetags': 'quiet',
  'lambda:tagresource': 'quiet',
  'states:tagresource': 'quiet',
  'elasticloadbalancing:addtags': 'quiet',
  'iam:tagrole': 'counts',
  'iam:untagrole': 'counts',
  'iam:tag*': 'counts',
  'ec2:*tags': 'counts', // "A wildcard counts unless what precedes it is a read verb"
  'ec2:createtag*': 'counts', // likewise
  // "a function's own logs (creating its log group and streams, writing events, setting or removing its retention; any
  // other CloudWatch Logs change counts: deleting a log group, a subscription filter, a destination)"
  'logs:createloggroup': 'quiet',
  'logs:createlogstream': 'quiet',
  'logs:putlogevents': 'quiet',
  'logs:putretentionpolicy': 'quiet',
  'logs:deleteretentionpolicy': 'quiet', // removing its retention
  'logs:*retentionpolicy': 'counts', // "A wildcard counts unless what precedes it is a read verb"
  'logs:putretention*': 'counts', // likewise
  'logs:describeloggroups': 'quiet', // a read
  'logs:deleteloggroup': 'counts',
  'logs:deletelogstream': 'counts',
  'logs:putsubscriptionfilter': 'counts',
  'logs:deletesubscriptionfilter': 'counts',
  'logs:putdestination': 'counts',
  'logs:putresourcepolicy': 'counts',
  'logs:put*': 'counts',
  'logs:create*': 'counts',
  'logs:*': 'counts',
  // "S3 but deleting a bucket (objects, a bucket's policy, notifications and settings …; an S3 wildcard counts only when
  // it may match DeleteBucket, as s3:* and s3:Delete* do and s3:Put* does not)". Each class written here is checked
  // against s3Class (the clause as a rule) when the module loads.
  's3:putobject': 'quiet',
  's3:deleteobject': 'quiet',
  's3:putbucketpolicy': 'quiet',
  's3:deletebucketpolicy': 'quiet', // a bucket's policy, not the bucket
  's3:putbucketnotification': 'quiet',
  's3:putbucketacl': 'quiet',
  's3:createbucket': 'quiet',
  's3:deletebucket': 'counts',
  's3:*': 'counts',
  's3:delete*': 'counts',
  's3:*bucket': 'counts',
  's3:deletebucket*': 'counts', // `*` may match nothing: DeleteBucket itself
  's3:delete?ucket': 'counts',
  's3:*bucket*': 'counts',
  's3:d*': 'counts',
  's3:?*': 'counts',
  's3:put*': 'quiet',
  's3:deleteobject*': 'quiet',
  's3:putbucket*': 'quiet',
  's3:deletebucketp*': 'quiet',
  's3:create*': 'quiet',
  // the doc reads these quiet (no match of DeleteBucket), the library counts them (a test.failing; NOT_GENERATED)
  's3:*object': 'quiet',
  's3:*object*': 'quiet',
  's3:*policy': 'quiet',
  's3:deletebucket?*': 'quiet', // at least one more character: DeleteBucketPolicy…, never DeleteBucket
  's3:delete?': 'quiet',
  's3:get*': 'quiet', // a read as well
  // "and SSM parameters"
  'ssm:putparameter': 'quiet',
  'ssm:deleteparameter': 'quiet',
  'ssm:deleteparameters': 'quiet',
  // neither read by the guard nor running code nor granting; SNS / SQS: "functions started indirectly by what a role may
  // write (… an SNS message's or SQS message's subscribers)" are not read
  'dynamodb:putitem': 'quiet',
  'ses:sendemail': 'quiet',
  'sns:publish': 'quiet',
  'sqs:sendmessage': 'quiet',
  // followed
  'lambda:invokefunction': 'invoke',
  'lambda:invokeasync': 'invoke',
  'states:startexecution': 'start',
  'states:startsyncexecution': 'start',
};

/** "an S3 wildcard counts only when it may match `DeleteBucket`": `*` any run of characters, `?` one; case-insensitive. */
export function s3Class(key: string): ActionClass {
  const name = key.toLowerCase().replace(/^s3:/, '');
  const pattern = [...name].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : /[a-z0-9]/.test(c) ? c : `\\${c}`)).join('');
  return new RegExp(`^${pattern}$`).test('deletebucket') ? 'counts' : 'quiet';
}
for (const [k, cls] of Object.entries(ACTIONS)) {
  if (k.startsWith('s3:') && s3Class(k) !== cls) throw new Error(`oracle: ${k} written ${cls}, the S3 clause reads ${s3Class(k)}`);
}

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

/** "functions of the template (`Fn::GetAtt [G, Arn]`, also joined with `:*`)" */
function functionOf(resources: Json, v: Json): string | undefined {
  let id = getAttArn(v);
  const join = v?.['Fn::Join'];
  if (!id && Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].length === 2 && join[1][1] === ':*') {
    id = getAttArn(join[1][0]);
  }
  return id && resources[id]?.Type === 'AWS::Lambda::Function' ? id : undefined;
}

/** "state machines of the template (`Ref`, `Fn::GetAtt [SM, Arn]`)" */
function stateMachineOf(resources: Json, v: Json): string | undefined {
  const id = typeof v?.Ref === 'string' ? v.Ref : getAttArn(v);
  return id && resources[id]?.Type === 'AWS::StepFunctions::StateMachine' ? id : undefined;
}

/** A value "not written out (a parameter, a condition's choice, an import: such a policy may name it, and counts)". */
function notWrittenOut(parameters: Json, v: Json): boolean {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if (typeof v.Ref === 'string' && v.Ref in parameters) return true;
    if ('Fn::If' in v || 'Fn::ImportValue' in v) return true;
  }
  return false;
}

/** The reason a custom resource's code is unbounded or may change the network, or undefined when it may not. */
export function cfnVerdict(template: Json, id: string): string | undefined {
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  const seen = new Set<string>();

  /** Does one role value (an element of `Roles`, or `AWS::IAM::RolePolicy` `RoleName`) name role `r`? */
  const names = (v: Json, r: string): boolean => {
    // "that name it, by `Ref` or by its `RoleName`"
    if (v?.Ref === r) return true;
    const name = resources[r].Properties?.RoleName;
    if (typeof v === 'string' && typeof name === 'string' && v === name) return true;
    // "or whose roles are not written out"
    return notWrittenOut(parameters, v);
  };
  /** `Roles` of an `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy`: the whole list may itself be not written out. */
  const rolesName = (roles: Json, r: string): boolean =>
    roles !== undefined && (notWrittenOut(parameters, roles) || asList(roles).some((e) => names(e, r)));

  const docCounts = (doc: Json, where: string): string | undefined => {
    for (const s of asList(doc?.Statement)) {
      if (s?.Effect !== 'Allow') continue; // "Deny left out"
      if (s.NotAction !== undefined) return `${where}: NotAction (unreadable)`;
      for (const a of asList(s.Action)) {
        const key = typeof a === 'string' ? a.toLowerCase() : '';
        const cls = ACTIONS[key];
        if (cls === undefined) throw new Error(`oracle: action ${JSON.stringify(a)} not in the vocabulary`);
        if (cls === 'quiet') continue;
        // "the statement's `Resource` is not read, but for the followed actions"
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
        // "AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole allow nothing of the network …; another
        // managed policy the template does not hold bounds nothing"
        if (QUIET_MANAGED.includes(name)) continue;
        return `${r}: AWS managed ${name} not written out`;
      }
      // "the managed policies of the template its ManagedPolicyArns names (Ref M or Fn::GetAtt [M, PolicyArn])"
      const g = arn?.['Fn::GetAtt'];
      const m = typeof arn?.Ref === 'string' ? arn.Ref : Array.isArray(g) && g[1] === 'PolicyArn' ? g[0] : undefined;
      if (m && resources[m]?.Type === 'AWS::IAM::ManagedPolicy') {
        const why = docCounts(resources[m].Properties?.PolicyDocument, m);
        if (why) return why;
        continue;
      }
      return `${r}: managed policy ${JSON.stringify(arn)} not written out`;
    }
    // "inline `Policies`"
    for (const inline of asList(p.Policies)) {
      const why = docCounts(inline?.PolicyDocument, `${r}.${inline?.PolicyName}`);
      if (why) return why;
    }
    // "the template's AWS::IAM::Policy, AWS::IAM::ManagedPolicy and AWS::IAM::RolePolicy that name it, by Ref or by its
    // RoleName, or whose roles are not written out"
    for (const [pid, res] of Object.entries<Json>(resources)) {
      const pp = res.Properties ?? {};
      let attached = false;
      if (res.Type === 'AWS::IAM::Policy' || res.Type === 'AWS::IAM::ManagedPolicy') attached = rolesName(pp.Roles, r);
      else if (res.Type === 'AWS::IAM::RolePolicy') attached = pp.RoleName !== undefined && names(pp.RoleName, r);
      if (attached) {
        const why = docCounts(pp.PolicyDocument, pid);
        if (why) return why;
      }
    }
    return undefined;
  };

  const functionCounts = (f: string): string | undefined => {
    // "its role a role of the template"
    const r = getAttArn(resources[f].Properties?.Role);
    if (!r || resources[r]?.Type !== 'AWS::IAM::Role') return `function ${f}: role not a role of the template`;
    return roleCounts(r);
  };

  // "The service token must be a Lambda function of the template (Fn::GetAtt [F, Arn]; anything else — a literal ARN,
  // an SNS topic, Ref F — bounds nothing)"
  const token = resources[id].Properties?.ServiceToken;
  const f = getAttArn(token);
  if (!f || resources[f]?.Type !== 'AWS::Lambda::Function') return `service token ${JSON.stringify(token)} no function of the template`;
  return functionCounts(f);
}

/** "A custom resource (`Custom::…`, `AWS::CloudFormation::CustomResource`)"; "aws-cdk-lib's `Custom::VpcRestrictDefaultSG`
 * … is left out". */
export function isCustomResource(type: string): boolean {
  return type === 'AWS::CloudFormation::CustomResource' || (type.startsWith('Custom::') && type !== 'Custom::VpcRestrictDefaultSG');
}

export function cfnFlagged(template: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, res] of Object.entries<Json>(template.Resources ?? {})) {
    if (!isCustomResource(res.Type)) continue;
    const why = cfnVerdict(template, id);
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

/**
 * Classified above, but kept out of the generator: the doc decides them against the library (see the test.failing):
 * S3 wildcards that cannot match DeleteBucket although what precedes their first wildcard may begin it.
 */
const NOT_GENERATED = new Set(['s3:*object', 's3:*object*', 's3:*policy', 's3:deletebucket?*', 's3:delete?']);
const QUIET_VOCAB = Object.keys(ACTIONS).filter((a) => ACTIONS[a] === 'quiet' && !NOT_GENERATED.has(a));
const COUNT_VOCAB = Object.keys(ACTIONS).filter((a) => ACTIONS[a] === 'counts' && !NOT_GENERATED.has(a));
/** S3 wildcards, picked more often than their share of the vocabulary would. */
const S3_WILDCARDS = Object.keys(ACTIONS).filter((a) => a.startsWith('s3:') && /[*?]/.test(a) && !NOT_GENERATED.has(a));

/** Spell an action as the IAM docs do (service lower case, name capitalised), sometimes in another case. */
const SPELLING: Record<string, string> = {
  'ec2:describeroutetables': 'ec2:DescribeRouteTables',
  'ec2:describe*': 'ec2:Describe*',
  'ec2:describe?outetables': 'ec2:Describe?outeTables',
  'ec2:createroute': 'ec2:CreateRoute',
  'ec2:create*': 'ec2:Create*',
  'ec2:*route': 'ec2:*Route',
  'ec2:*tags': 'ec2:*Tags',
  'ec2:createtags': 'ec2:CreateTags',
  'ec2:createtag*': 'ec2:CreateTag*',
  'iam:tagrole': 'iam:TagRole',
  'iam:untagrole': 'iam:UntagRole',
  'logs:deletelogstream': 'logs:DeleteLogStream',
  'logs:putresourcepolicy': 'logs:PutResourcePolicy',
  's3:putbucketacl': 's3:PutBucketAcl',
  's3:createbucket': 's3:CreateBucket',
  's3:deletebucket': 's3:DeleteBucket',
  's3:deletebucketpolicy': 's3:DeleteBucketPolicy',
  's3:deletebucket*': 's3:DeleteBucket*',
  's3:delete?ucket': 's3:Delete?ucket',
  's3:*bucket*': 's3:*Bucket*',
  's3:deleteobject*': 's3:DeleteObject*',
  's3:*object': 's3:*Object',
  's3:*object*': 's3:*Object*',
  's3:putbucket*': 's3:PutBucket*',
  's3:deletebucketp*': 's3:DeleteBucketP*',
  's3:deletebucket?*': 's3:DeleteBucket?*',
  's3:*policy': 's3:*Policy',
  'logs:deleteretentionpolicy': 'logs:DeleteRetentionPolicy',
  'logs:putretentionpolicy': 'logs:PutRetentionPolicy',
  'logs:*retentionpolicy': 'logs:*RetentionPolicy',
  'logs:putretention*': 'logs:PutRetention*',
  'lambda:invokefunction': 'lambda:InvokeFunction',
  'lambda:invokeasync': 'lambda:InvokeAsync',
  'states:startexecution': 'states:StartExecution',
  'states:startsyncexecution': 'states:StartSyncExecution',
};
function spell(rng: Rng, a: string): string {
  if (rng.chance(0.05)) return rng.chance(0.5) ? a.toUpperCase() : a;
  if (SPELLING[a]) return SPELLING[a];
  const [svc, name] = a.split(':');
  if (name === undefined) return a;
  return `${svc}:${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}

/**
 * A random template: roles (some with a `RoleName`), functions, state machines, managed policies, `AWS::IAM::Policy`
 * and `AWS::IAM::RolePolicy` wired to roles by `Ref`, by name (matching or not), by a parameter, a condition's choice or
 * an import, and custom resources on several kinds of service token.
 *
 * Produced since the revision in b294c82: S3 wildcards on both sides of `DeleteBucket` (`s3:Put*`, `s3:DeleteObject*`,
 * `s3:DeleteBucketP*`, `s3:DeleteBucket*`, `s3:Delete?ucket`…; not those of NOT_GENERATED), `states:Start…` on
 * `Fn::GetAtt [SM, Arn]`, managed policies
 * by `Fn::GetAtt [M, PolicyArn]`, `logs:DeleteRetentionPolicy`.
 *
 * Left out on purpose (reported as ambiguities): `ec2:DescribeRoute*`, `logs:TagResource`, `logs:FilterLogEvents`,
 * `sts:TagSession`, `sts:GetSessionToken`, `Fn::Sub '${G.Arn}:*'`.
 */
export function genTemplate(rng: Rng): Json {
  const R: Record<string, Json> = {};
  const P: Record<string, Json> = {};
  let conditions = false;
  const roles = Array.from({ length: rng.int(1, 4) }, (_, i) => `Role${i}`);
  const fns = Array.from({ length: rng.int(1, 4) }, (_, i) => `Fn${i}`);
  const sms = Array.from({ length: rng.int(0, 2) }, (_, i) => `Sm${i}`);
  const managed = Array.from({ length: rng.int(0, 2) }, (_, i) => `Managed${i}`);
  const hasTopic = rng.chance(0.3);
  const roleName = (r: string) => `${r.toLowerCase()}-name`;

  const resourceFor = (cls: ActionClass): Json => {
    if (cls === 'invoke') {
      const g = rng.pick(fns);
      const forms: Json[] = [
        { 'Fn::GetAtt': [g, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [g, 'Arn'] }, ':*']] },
        '*',
        'arn:aws:lambda:us-east-1:123456789012:function:elsewhere',
        { Ref: g }, // "anything else": a function's name, not its ARN
        ...(sms.length ? [{ Ref: rng.pick(sms) }] : []), // not a function
      ];
      const pickOne = () => (rng.chance(0.85) ? forms[rng.int(0, 1)] : rng.pick(forms));
      return rng.chance(0.15) ? [pickOne(), pickOne()] : pickOne();
    }
    if (cls === 'start') {
      // "state machines of the template (Ref, Fn::GetAtt [SM, Arn])"
      if (sms.length && rng.chance(0.85)) {
        const sm = rng.pick(sms);
        return rng.chance(0.5) ? { Ref: sm } : { 'Fn::GetAtt': [sm, 'Arn'] };
      }
      return rng.pick<Json>(['*', 'arn:aws:states:us-east-1:123456789012:stateMachine:elsewhere', { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] }]);
    }
    return rng.pick<Json>(['*', '*', 'arn:aws:s3:::some-bucket/*', { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] }]);
  };

  const pickAction = (): string => {
    const x = rng.next();
    if (x < 0.62) return rng.pick(QUIET_VOCAB);
    if (x < 0.66) return rng.pick(S3_WILDCARDS);
    if (x < 0.7) return rng.chance(0.5) ? 'logs:deleteretentionpolicy' : 'logs:putretentionpolicy';
    if (x < 0.77) return rng.pick(COUNT_VOCAB);
    if (x < 0.9 || !sms.length) return rng.chance(0.75) ? 'lambda:invokefunction' : 'lambda:invokeasync';
    return rng.chance(0.75) ? 'states:startexecution' : 'states:startsyncexecution';
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

  /** One role value: by `Ref`, by name (a role's, perhaps one without `RoleName`, or no role's), a parameter, a
   * condition's choice, an import. */
  const oneRole = (): Json => {
    const x = rng.next();
    if (x < 0.55) return { Ref: rng.pick(roles) };
    if (x < 0.7) return rng.chance(0.85) ? roleName(rng.pick(roles)) : 'no-such-role';
    if (x < 0.8) {
      P.RoleParam = { Type: 'String' };
      return { Ref: 'RoleParam' };
    }
    if (x < 0.92) {
      conditions = true;
      return { 'Fn::If': ['IsProd', { Ref: rng.pick(roles) }, rng.chance(0.5) ? { Ref: 'AWS::NoValue' } : { Ref: rng.pick(roles) }] };
    }
    return { 'Fn::ImportValue': 'shared-role-name' };
  };
  /** A `Roles` list: usually a list of role values, sometimes a parameter or a condition's choice as a whole. */
  const rolesList = (): Json => {
    const x = rng.next();
    if (x < 0.85) return Array.from({ length: rng.int(1, 2) }, oneRole);
    if (x < 0.93) {
      P.RoleNames = { Type: 'CommaDelimitedList' };
      return { Ref: 'RoleNames' };
    }
    conditions = true;
    return { 'Fn::If': ['IsProd', [{ Ref: rng.pick(roles) }], [{ Ref: rng.pick(roles) }]] };
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
    // "the managed policies of the template its ManagedPolicyArns names (Ref M or Fn::GetAtt [M, PolicyArn])"
    if (managed.length) return rng.chance(0.5) ? { Ref: rng.pick(managed) } : { 'Fn::GetAtt': [rng.pick(managed), 'PolicyArn'] };
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
    if (rng.chance(0.5)) {
      props.Policies = Array.from({ length: rng.int(1, 2) }, (_, i) => ({ PolicyName: `${r}Inline${i}`, PolicyDocument: genDoc() }));
    }
    if (rng.chance(0.5)) props.RoleName = roleName(r);
    R[r] = { Type: 'AWS::IAM::Role', Properties: props };
  }
  for (const m of managed) {
    const props: Json = { PolicyDocument: genDoc() };
    if (rng.chance(0.4)) props.Roles = rolesList();
    R[m] = { Type: 'AWS::IAM::ManagedPolicy', Properties: props };
  }
  for (let i = 0, n = rng.int(0, 3); i < n; i++) {
    const props: Json = { PolicyName: `Policy${i}`, PolicyDocument: genDoc() };
    if (rng.chance(0.93)) props.Roles = rolesList();
    else props.Users = ['some-user']; // names no role
    R[`Policy${i}`] = { Type: 'AWS::IAM::Policy', Properties: props };
  }
  if (rng.chance(0.3)) {
    R.RolePolicy0 = { Type: 'AWS::IAM::RolePolicy', Properties: { PolicyName: 'rp', RoleName: oneRole(), PolicyDocument: genDoc() } };
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
    if (x < 0.82) token = { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] };
    else if (x < 0.86) token = 'arn:aws:lambda:us-east-1:123456789012:function:provider';
    else if (x < 0.9) token = { Ref: rng.pick(fns) }; // "Ref F — bounds nothing"
    else if (x < 0.95 && hasTopic) token = { Ref: 'Topic' };
    else if (sms.length) token = { 'Fn::GetAtt': [rng.pick(sms), 'Arn'] }; // a "function" of another type
    else token = { 'Fn::GetAtt': [rng.pick(fns), 'Arn'] };
    const type = rng.chance(0.1) ? 'Custom::VpcRestrictDefaultSG'
      : rng.chance(0.25) ? 'AWS::CloudFormation::CustomResource' : rng.pick(['Custom::Something', 'Custom::Seeder']);
    R[`Custom${i}`] = { Type: type, Properties: { ServiceToken: token, Payload: `value-${i}` } };
  }
  const t: Json = { Resources: R };
  if (conditions) {
    P.Env = { Type: 'String' };
    t.Conditions = { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } };
  }
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
        k === 'local-exec' ? { command: 'echo hi' }
          : k === 'remote-exec' ? { inline: ['echo hi'] }
            : k === 'file' ? { source: 'a', destination: '/tmp/a' } : {};
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
    } else if (x < 0.45) {
      add(resource, 'aws_s3_bucket', `b${i}`, rng.chance(0.5) ? { provisioner: provisioner() } : { bucket: `b-${i}` });
    } else if (x < 0.55) {
      add(resource, 'aws_ssm_parameter', `p${i}`, { name: `/p/${i}`, type: 'String', value: 'v' });
    } else if (x < 0.65) {
      add(resource, 'aws_lambda_invocation', `i${i}`, { function_name: 'fn', input: '{}' });
    } else if (x < 0.75) {
      add(data, 'aws_lambda_invocation', `j${i}`, { function_name: 'fn', input: '{}' });
    } else if (x < 0.87) {
      add(data, 'external', `e${i}`, { program: ['python3', 'x.py'] });
    } else {
      add(data, rng.pick(['aws_caller_identity', 'aws_region']), `d${i}`, {});
    }
  }
  const c: Json = { resource };
  if (Object.keys(data).length) c.data = data;
  return c;
}
