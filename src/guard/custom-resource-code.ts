/**
 * What a CloudFormation custom resource's code may do at deploy time (deploy-code.ts), read from the template: its
 * service token's Lambda function, that function's role, and every policy of the template attached to the role. A
 * function the role may invoke (aws-cdk-lib's custom resource provider framework invokes the user's handler) or a state
 * machine it may start is followed to its own role.
 */
import { actionPower, allowedStatements, HARMLESS_MANAGED_POLICY } from './deploy-code';

type Resources = Readonly<Record<string, { Type: string; Properties?: any }>>;

/** How the template is read: its resources, a value as text, and the services the guard reads. */
export interface TemplateView {
  readonly resources: Resources;
  /** The template's `AWS::IAM::Policy`, `AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources (`iamPolicies`). */
  readonly policies: readonly (readonly [string, { Type: string; Properties?: any }])[];
  readonly render: (value: unknown) => string;
  readonly readServices: ReadonlySet<string>;
}

/**
 * What lets the custom resource with properties `p` change the network at deploy time (phrases for the reason), none
 * when its code is bounded by roles of the template that allow nothing of the network. `declared`: the IAM actions
 * (`service:action`, lower case) its own calls were already judged by (an aws-cdk-lib `AwsCustomResource`'s).
 */
export function customResourcePowers(view: TemplateView, p: any, declared: ReadonlySet<string>): string[] {
  const start = codeAt(view, p.ServiceToken, 'function');
  if (!start) return [`its service token ${view.render(p.ServiceToken)} is no Lambda function of this template, so nothing bounds the code it runs`];
  const powers: string[] = [];
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const logicalId = queue.shift()!;
    const code = view.resources[logicalId];
    const roleValue = code.Type === 'AWS::Lambda::Function' ? code.Properties?.Role : code.Properties?.RoleArn;
    const role = roleId(view, roleValue);
    if (!role) {
      powers.push(`the role of ${logicalId} (${view.render(roleValue)}) is not a role of this template`);
      continue;
    }
    for (const { source, document } of policiesOf(view, role)) {
      if (document === undefined) {
        powers.push(`${role} has ${source}, which is not in the template`);
        continue;
      }
      const { statements, problem } = allowedStatements(document);
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
            powers.push(`${role} allows ${action} on ${s.resources.map((r) => view.render(r)).join(', ')}, not only on ${power === 'function' ? 'functions' : 'state machines'} of this template`);
            continue;
          }
          for (const t of targets as string[]) {
            if (!seen.has(t)) {
              seen.add(t);
              queue.push(t);
            }
          }
        }
      }
    }
  }
  return powers;
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
  // (a parameter, a condition's choice, an import) may be attached to this role: counted as attached (fail closed).
  const roleName = p.RoleName;
  const names = (v: unknown) => v !== undefined && (Array.isArray(v) ? v : [v]).some((x: any) => {
    if (typeof x === 'string') return x === roleName;
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

/** The IAM policy resources of a template, found once per template (`TemplateView.policies`). */
export function iamPolicies(resources: Resources): [string, { Type: string; Properties?: any }][] {
  return Object.entries(resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::RolePolicy');
}
