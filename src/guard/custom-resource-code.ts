/**
 * What a CloudFormation custom resource's code may do at deploy time (deploy-code.ts), read from the template: its
 * service token's Lambda function, that function's role, and every policy of the template attached to the role. A
 * function the role may invoke (aws-cdk-lib's custom resource provider framework invokes the user's handler) or a state
 * machine it may start is followed to its own role, and so are what the template grants the role by resource-based
 * policies (a role whose trust policy names it, a function whose permission names it) and access keys it hands on.
 */
import { actionPower, allowedStatements, HARMLESS_MANAGED_POLICY, OutputWord, writtenOut } from './deploy-code';
import { isDynamicReference } from './unreadable';

type Resources = Readonly<Record<string, { Type: string; Properties?: any }>>;

/** How the template is read: its resources, a value as text, and the services the guard reads. */
export interface TemplateView {
  readonly resources: Resources;
  /** The template's `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources (`templateIam`). */
  readonly policies: readonly (readonly [string, { Type: string; Properties?: any }])[];
  /** The template's roles and Lambda permissions, what may grant a role more without its own policy (`templateIam`). */
  readonly grants: readonly (readonly [string, { Type: string; Properties?: any }])[];
  /** The active access keys whose secret the template hands on (`templateIam`). */
  readonly handedKeys: readonly string[];
  readonly render: (value: unknown) => string;
  readonly readServices: ReadonlySet<string>;
  /** What the messages call the output (a Terraform configuration's view is written as a template); `template` if unset. */
  readonly output?: OutputWord;
}

/**
 * What lets the custom resource with properties `p` change the network at deploy time (phrases for the reason), none
 * when its code is bounded by roles of the template that allow nothing of the network. `declared`: the IAM actions
 * (`service:action`, lower case) its own calls were already judged by (an aws-cdk-lib `AwsCustomResource`'s).
 */
export function customResourcePowers(view: TemplateView, p: any, declared: ReadonlySet<string>): string[] {
  const output = view.output ?? 'template';
  const first = codeAt(view, p.ServiceToken, 'function');
  if (!first) return [`its service token ${view.render(p.ServiceToken)} is no Lambda function of this ${output}, so nothing bounds the code it runs`];
  const powers = view.handedKeys.map((id) => `the ${output} makes access key ${id}, whose secret the code may be given`);
  const seen = new Set<string>([first]);
  const queue = [first];
  const visit = (id: string) => {
    if (!seen.has(id)) {
      seen.add(id);
      queue.push(id);
    }
  };
  while (queue.length > 0) {
    const logicalId = queue.shift()!;
    const code = view.resources[logicalId];
    let role: string | undefined = logicalId;
    if (code.Type !== 'AWS::IAM::Role') {
      const roleValue = code.Type === 'AWS::Lambda::Function' ? code.Properties?.Role : code.Properties?.RoleArn;
      role = roleId(view, roleValue);
      if (!role) {
        powers.push(`the role of ${logicalId} (${view.render(roleValue)}) is not a role of this ${output}`);
        continue;
      }
      if (seen.has(role)) continue;
      seen.add(role);
    }
    grantsTo(view, role, powers).forEach(visit);
    for (const { source, document } of policiesOf(view, role)) {
      if (document === undefined) {
        powers.push(`${role} has ${source}, which is not in the ${output}`);
        continue;
      }
      const { statements, problem } = allowedStatements(document, output);
      if (problem) powers.push(`${source} of ${role}: ${problem}`);
      for (const s of statements) {
        for (const action of s.actions) {
          if (declared.has(action.toLowerCase())) continue;
          const power = actionPower(action, view.readServices);
          if (power === undefined) continue;
          if (power === 'changes') {
            powers.push(`${role} allows ${action}`);
            continue;
          }
          // A function or state machine it may start: followed when every resource of the statement is one of the template.
          const targets = s.resources.map((r) => codeAt(view, r, power));
          if (targets.some((t) => t === undefined)) {
            powers.push(`${role} allows ${action} on ${s.resources.map((r) => view.render(r)).join(', ')}, not only on ${power === 'function' ? 'functions' : 'state machines'} of this ${output}`);
            continue;
          }
          (targets as string[]).forEach(visit);
        }
      }
    }
  }
  return powers;
}

/**
 * What the template lets `role` do without a policy of its own, by a resource-based policy (in one account, one that
 * names the role needs no identity-based policy): roles whose trust policy lets it (or anyone: `*`, a principal the guard
 * cannot read, unauthenticated Cognito identities) assume them, and functions whose `AWS::Lambda::Permission` lets it
 * (or anyone) invoke them. The logical IDs to follow; a function outside the template is a power of its own.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
function grantsTo(view: TemplateView, role: string, powers: string[]): string[] {
  const out: string[] = [];
  for (const [id, r] of view.grants) {
    const q = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::Role' && id !== role && trusts(view, role, q.AssumeRolePolicyDocument)) out.push(id);
    if (r.Type === 'AWS::Lambda::Permission' && namesRole(view, role, q.Principal)) {
      const target = codeAt(view, q.FunctionName, 'function') ?? (typeof q.FunctionName?.Ref === 'string' && view.resources[q.FunctionName.Ref]?.Type === 'AWS::Lambda::Function'
        ? q.FunctionName.Ref : undefined);
      if (target !== undefined) out.push(target);
      else powers.push(`permission ${id} lets ${role} invoke ${view.render(q.FunctionName)}, not a function of this ${view.output ?? 'template'}`);
    }
  }
  return out;
}

/** Whether a trust policy may let `role` assume its role: an allowing statement whose principal may be the role. */
function trusts(view: TemplateView, role: string, document: unknown): boolean {
  if (!writtenOut(document)) return true;
  const raw = document.Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.some((s: any) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return true;
    if (s.Effect === 'Deny') return false;
    if (s.NotPrincipal !== undefined) return true;
    const principal = s.Principal;
    if (!writtenOut(principal)) return true;
    // Unauthenticated Cognito identities: anyone may get the role's credentials, the code included.
    const federated = Array.isArray(principal.Federated) ? principal.Federated : [principal.Federated];
    if (federated.some((f: unknown) => typeof f !== 'string' ? f !== undefined : f === 'cognito-identity.amazonaws.com')) return true;
    return principal.AWS !== undefined && namesRole(view, role, principal.AWS);
  });
}

/**
 * Whether a principal (`AWS` of a trust policy, a permission's `Principal`) may be `role` itself: the role's ARN, `*`, a
 * literal role ARN of its name (or any, when the role has no `RoleName`: CloudFormation names it), or a value the guard
 * cannot read. An account (`123456789012`, `…:root`) or a service needs the role's own policy, judged above.
 */
function namesRole(view: TemplateView, role: string, value: unknown): boolean {
  const list = Array.isArray(value) ? value : [value];
  const roleName = view.resources[role]?.Properties?.RoleName;
  return list.some((v: any) => {
    if (v === undefined || v === null) return false;
    // A dynamic reference (`isDynamicReference`) may name the role, as a parameter may.
    if (isDynamicReference(v)) return true;
    const att = attOf(v, 'Arn');
    if (att !== undefined && view.resources[att] !== undefined) return att === role;
    const text = typeof v === 'string' ? v : view.render(v);
    if (text === '*') return true;
    if (/^\d{12}$/.test(text) || /:root$/.test(text) || /\.amazonaws\.com(\.cn)?$/.test(text)) return false;
    const name = /:role\/(?:.*\/)?([^/]+)$/.exec(text)?.[1];
    if (typeof v === 'string' && name !== undefined) return typeof roleName !== 'string' || roleName === name;
    return typeof v !== 'string';
  });
}

/**
 * The logical ID of the function (`Fn::GetAtt [F, Arn]`, also joined with `:*` for its versions) or state machine (`Ref`,
 * its ARN) a value names, or undefined.
 */
function codeAt(view: TemplateView, value: unknown, kind: 'function' | 'state machine'): string | undefined {
  const type = kind === 'function' ? 'AWS::Lambda::Function' : 'AWS::StepFunctions::StateMachine';
  const v = value as any;
  if (typeof v !== 'object' || v === null) return undefined;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].length === 2 && join[1][1] === ':*') return codeAt(view, join[1][0], kind);
  const id = kind === 'function' ? attOf(v, 'Arn') : typeof v.Ref === 'string' ? v.Ref : attOf(v, 'Arn');
  return id !== undefined && view.resources[id]?.Type === type ? id : undefined;
}

/** The logical ID of the `AWS::IAM::Role` a role ARN names (`Fn::GetAtt [R, Arn]`), or undefined. */
function roleId(view: TemplateView, value: unknown): string | undefined {
  const id = attOf(value, 'Arn');
  return id !== undefined && view.resources[id]?.Type === 'AWS::IAM::Role' ? id : undefined;
}

function attOf(value: unknown, attribute: string): string | undefined {
  const att = (value as any)?.['Fn::GetAtt'];
  const parts = Array.isArray(att) ? att : typeof att === 'string' ? att.split('.') : undefined;
  return parts?.length === 2 && parts[1] === attribute && typeof parts[0] === 'string' ? parts[0] : undefined;
}

/**
 * Every policy of the template that applies to `role`: its inline policies, the managed policies it names (an AWS managed
 * one known to allow nothing of the network is left out; another the template does not hold has no document), and the
 * `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources attached to it.
 */
function policiesOf(view: TemplateView, role: string): { source: string; document: unknown }[] {
  const out: { source: string; document: unknown }[] = [];
  const p = view.resources[role].Properties ?? {};
  const inline = Array.isArray(p.Policies) ? p.Policies : p.Policies === undefined ? [] : [p.Policies];
  inline.forEach((policy: any, i: number) => out.push({ source: `inline policy ${policy?.PolicyName ?? i}`, document: policy?.PolicyDocument ?? null }));
  const managed = Array.isArray(p.ManagedPolicyArns) ? p.ManagedPolicyArns : p.ManagedPolicyArns === undefined ? [] : [p.ManagedPolicyArns];
  for (const arn of managed) {
    // A managed policy of the template, by `Ref` (its ARN) or `Fn::GetAtt [M, PolicyArn]`.
    const named = typeof arn?.Ref === 'string' ? arn.Ref : attOf(arn, 'PolicyArn');
    const local = named !== undefined && view.resources[named]?.Type === 'AWS::IAM::ManagedPolicy' ? named : undefined;
    if (local !== undefined) continue; // read below, with the managed policies attached from their side
    // aws-cdk-lib's own providers name the AWS managed policy with `Fn::Sub` around the partition.
    const text = typeof arn?.['Fn::Sub'] === 'string' ? arn['Fn::Sub'] : view.render(arn);
    if (!HARMLESS_MANAGED_POLICY.test(text)) out.push({ source: `managed policy ${text}`, document: undefined });
  }
  // A policy names its roles by `Ref` (or by a literal name, the role's `RoleName`); one whose roles are not written out
  // (a parameter, a condition's choice, an import, a dynamic reference) may be attached to this role: counted as attached
  // (fail closed).
  const roleName = p.RoleName;
  const names = (v: unknown) => v !== undefined && (Array.isArray(v) ? v : [v]).some((x: any) => {
    if (typeof x === 'string') return x === roleName || isDynamicReference(x);
    return typeof x?.Ref === 'string' ? x.Ref === role || view.resources[x.Ref] === undefined : true;
  });
  for (const [id, r] of view.policies) {
    const q = r.Properties ?? {};
    const attached = (r.Type === 'AWS::IAM::Policy' && names(q.Roles)) || (r.Type === 'AWS::IAM::RolePolicy' && names(q.RoleName))
      || (r.Type === 'AWS::IAM::ManagedPolicy' && (names(q.Roles) || managed.some((m: any) => m?.Ref === id || attOf(m, 'PolicyArn') === id)));
    if (attached) out.push({ source: `policy ${id}`, document: q.PolicyDocument ?? null });
  }
  return out;
}

/**
 * What of a template's IAM the custom resources are judged against, found once per template (a scan of every resource per
 * custom resource made the guard's extraction 8% slower at 100 municipalities): its policies, what may grant a role more
 * (roles, Lambda permissions), and its active access keys whose secret it hands on (`Fn::GetAtt [K, SecretAccessKey]`
 * anywhere in its resources or outputs: the secret may reach the code — a property, an environment variable, a secret or
 * parameter it may read, a stack output — which may then do whatever the keys' user may, fail closed; a secret nothing
 * reads reaches no one).
 */
export function templateIam(resources: Resources, outputs?: unknown): Pick<TemplateView, 'policies' | 'grants' | 'handedKeys'> {
  // One pass pushing into lists, not filter and map chains: an optimized `map` returns a holey array that the next
  // method's site, fed packed ones before, deoptimizes on (TurboFan recompiled the reader's `codeView` for it).
  type Entry = TemplateView['policies'][number];
  const policies: Entry[] = [];
  const grants: Entry[] = [];
  const keys: string[] = [];
  for (const entry of Object.entries(resources)) {
    const r = entry[1];
    if (r.Type === 'AWS::IAM::AccessKey') {
      if (r.Properties?.Status !== 'Inactive') keys.push(entry[0]);
    } else if (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::RolePolicy') {
      policies.push(entry);
    } else if (r.Type === 'AWS::IAM::Role' || r.Type === 'AWS::Lambda::Permission') {
      grants.push(entry);
    }
  }
  // Anywhere: a stack output too, which the code may read with cloudformation:DescribeStacks (a read).
  const text = keys.length > 0 ? JSON.stringify([resources, outputs ?? null]) : '';
  const handedKeys: string[] = [];
  for (const id of keys) if (text.includes(`"${id}","SecretAccessKey"`) || text.includes(`${id}.SecretAccessKey`)) handedKeys.push(id);
  return { policies, grants, handedKeys };
}
