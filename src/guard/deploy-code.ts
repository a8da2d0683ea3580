/**
 * Code that runs while a template is deployed: a custom resource's function (a CloudFormation `Custom::…` resource whose
 * service token is a Lambda function), a Terraform provisioner, an `external` data source, an `aws_lambda_invocation`.
 * Its code is not in the template, so what it changes never reaches the guard: a function that calls `ec2:CreateRoute`
 * could add a default route to a My Number route table after the template was judged.
 *
 * The guard cannot read the code, but it can read what the code is allowed to do: the IAM policies of the function's role,
 * when they are in the template. A role allowed to change a service the guard reads (`ec2:CreateRoute`, `ec2:*`, `*`), to
 * run other code (`ssm:SendCommand`, `codebuild:StartBuild`, an invocation of a function the guard cannot follow) or to
 * grant itself more (`iam:*`, `sts:AssumeRole`) may change the network: GUARD-1, fail closed. So is a role, policy or
 * service token the guard cannot read. A role that can only read, write logs, or touch what no rule reads changes no
 * verdict (docs/guard-semantics.md §10).
 */
import { actionKey, changesNothingRead, changesReadService, READ_ONLY, sdkCallReason, serviceKey } from './sdk-calls';
import { parseEmbeddedJson } from './strict-json';
import { isDynamicReference } from './unreadable';

/**
 * IAM service prefixes named otherwise than the CloudFormation namespace whose resources the guard reads
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 */
const IAM_PREFIXES: Readonly<Record<string, readonly string[]>> = {
  elasticloadbalancing: ['elasticloadbalancing', 'elasticloadbalancingv2'],
  es: ['opensearchservice', 'elasticsearch'],
  airflow: ['mwaa'],
  ds: ['directoryservice'],
  elasticmapreduce: ['emr'],
  firehose: ['kinesisfirehose'],
};

/**
 * Services whose changes run code or apply templates with credentials of their own, or grant permissions: a role allowed
 * to change them may make anything happen, the network included (fail closed). Keys as `serviceKey` writes them.
 */
const RUNS_OR_GRANTS: ReadonlySet<string> = new Set([
  'iam', 'sts', 'ssm', 'ssmincidents', 'cloudformation', 'servicecatalog', 'codebuild', 'codepipeline', 'codedeploy', 'ecs', 'eks',
  'batch', 'glue', 'sagemaker', 'elasticmapreduce', 'emrserverless', 'emrcontainers', 'datapipeline', 'scheduler', 'events', 'pipes',
  'apprunner', 'amplify', 'elasticbeanstalk', 'imagebuilder', 'organizations', 'ram', 'config', 'lambda', 'states', 'lightsail',
  'cloud9', 'gamelift', 'airflow', 'mwaa', 'ec2instanceconnect', 'ssmmessages', 'ec2messages',
]);

/**
 * Changes of those services that run nothing and grant nothing: writing and deleting SSM parameters (aws-cdk-lib's
 * cross-region references write them; a value the guard reads from a parameter is unresolved anyway).
 */
const HARMLESS_ACTIONS: ReadonlySet<string> = new Set([
  'ssm:putparameter', 'ssm:deleteparameter', 'ssm:deleteparameters', 'ssm:labelparameterversion', 'ssm:unlabelparameterversion',
]);

/** Actions that start code the guard can follow to a role of the template: a function's invocation, a state machine's execution. */
const FOLLOWED: Readonly<Record<string, 'function' | 'state machine'>> = {
  'lambda:invokefunction': 'function',
  'lambda:invokeasync': 'function',
  'states:startexecution': 'state machine',
  'states:startsyncexecution': 'state machine',
};

/** CloudWatch Logs actions on a function's own logs (AWSLambdaBasicExecutionRole's, and aws-cdk-lib's log retention). */
const LOGS_OWN: ReadonlySet<string> = new Set([
  'createloggroup', 'createlogstream', 'putlogevents', 'putretentionpolicy', 'deleteretentionpolicy', 'tagloggroup', 'untagloggroup',
]);

/** What an IAM action allowed to deploy-time code means for the network. */
export type ActionPower =
  /** May change the network (or run or grant anything that could). */
  | 'changes'
  /** Starts a function or state machine the caller may follow to its role (`FOLLOWED`). */
  | 'function' | 'state machine'
  /** Changes nothing the guard reads. */
  | undefined;

/**
 * What one IAM action (`ec2:CreateRoute`, `ec2:Describe*`, `*`) lets code do, given the services the guard reads
 * (`serviceKey` keys). Wildcards are taken at their widest: `ec2:Create*` may create a route, `s3:*` anything of S3.
 */
export function actionPower(action: string, readServices: ReadonlySet<string>): ActionPower {
  const colon = action.indexOf(':');
  if (colon < 0) return 'changes'; // `*`, or no action the guard can name
  const prefix = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1).toLowerCase();
  if (/[*?]/.test(prefix) || name === '') return 'changes';
  const wild = name.search(/[*?]/);
  const literal = wild < 0 ? name : name.slice(0, wild);
  // Read-only verbs as `sdk-calls` reads an SDK call's: a wildcard after such a prefix reads only too.
  if (READ_ONLY.test(literal)) return undefined;
  const keyed = `${prefix}:${name}`;
  if (wild < 0) {
    if (FOLLOWED[keyed]) return FOLLOWED[keyed];
    if (HARMLESS_ACTIONS.has(keyed) || changesNothingRead(actionKey(name))) return undefined;
  }
  // CloudWatch Logs: a function's own log group, stream, events and retention are nothing a rule reads; deleting a log
  // group or changing a subscription filter (a flow log's destination, the SIEM delivery of LOG-1) is.
  if (prefix === 'logs' && wild < 0 && LOGS_OWN.has(name)) return undefined;
  // S3: only deleting a bucket counts, `s3:DeleteBucket` or a wildcard whose whole pattern may match it (`s3:*`,
  // `s3:Delete*`; not `s3:*Object`, `s3:Put*`): a log destination deleted loses the logs LOG-1 and SC-4 read. Every other
  // S3 action passes here, objects and a bucket's policy, ACL, notifications, replication and lifecycle alike, though the
  // guard reads those settings (as relays, and a log bucket's lifecycle as its retention): aws-cdk-lib's own providers put
  // a bucket's policy (automatic object deletion) and notifications at deploy time, and pass so (a known gap, README).
  if (prefix === 's3' && !matchesAction(name, 'deletebucket')) return undefined;
  // Sending mail changes no SES receipt rule (the SES resources the guard reads).
  if (prefix === 'ses' && name.startsWith('send')) return undefined;
  const services = IAM_PREFIXES[prefix] ?? [serviceKey(prefix)];
  if (services.some((s) => readServices.has(s)) || RUNS_OR_GRANTS.has(serviceKey(prefix))) return 'changes';
  return undefined;
}

/** Whether an IAM action pattern (lower case; `*` any run of characters, `?` one) matches an action name (lower case). */
function matchesAction(pattern: string, action: string): boolean {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(action);
}

/**
 * Whether a policy document or principal is an object written out in the template: not a reference or a condition's
 * choice (`Ref`, `Fn::If`...), which may be any.
 */
export function writtenOut(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

/** The allowing statements of a policy document: their actions and resources as written. */
export interface AllowedStatement {
  readonly actions: readonly string[];
  /** The statement's `Resource`, as one list (a single value becomes a list of one). */
  readonly resources: readonly unknown[];
}

/**
 * The allowing statements of an IAM policy document, or why it cannot be read (a document, statement list or action list
 * given by a reference or condition; `NotAction`, which allows every action but those it names). A `Deny` is left out:
 * the guard takes what is allowed at its widest.
 */
export function allowedStatements(document: unknown, output: OutputWord = 'template'): { readonly statements: AllowedStatement[]; readonly problem?: string } {
  const statements: AllowedStatement[] = [];
  if (!writtenOut(document)) {
    return { statements, problem: `its policy document is not written out in the ${output}` };
  }
  const raw = (document as Record<string, unknown>).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  for (const s of list) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) return { statements, problem: 'a statement of its policy is not written out' };
    const st = s as Record<string, unknown>;
    if (st.Effect === 'Deny') continue;
    if (st.NotAction !== undefined) return { statements, problem: 'a statement allows every action but those it names (NotAction)' };
    const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
    // A dynamic reference (CloudFormation, `isDynamicReference`) may be any action.
    if (!actions.every((a): a is string => typeof a === 'string' && !isDynamicReference(a))) return { statements, problem: 'an action of its policy is not written out' };
    const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
    statements.push({ actions, resources });
  }
  return { statements };
}

/**
 * AWS managed policies for Lambda functions that allow nothing of the network: writing the function's own logs, and the
 * network interfaces Lambda makes for a function in a VPC (an interface of the function's subnets and groups, which the
 * guard reads from the function; creating or deleting one attaches it to nothing).
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaVPCAccessExecutionRole.html
 * The whole ARN, from its start: a customer managed policy's path may hold `:iam::aws:policy/service-role/` (a path is any
 * printable text between slashes), and its name may be the same.
 */
export const HARMLESS_MANAGED_POLICY = /^arn:(aws|aws-cn|aws-us-gov|\{partition\}|\$\{AWS::Partition\}):iam::aws:policy\/service-role\/(AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole)$/;

/**
 * What the messages call the output the guard judges: a CloudFormation template, a Terraform configuration (or plan).
 * The readers of both engines share the message builders below and give their word.
 */
export type OutputWord = 'template' | 'configuration' | 'app\'s templates' | 'app\'s configurations';

/**
 * A reader's output word (`OutputWord`): its template or configuration, or, when the guard read several stacks of the app
 * (`several`), the app's templates or configurations — what it looks for code in and judges is all of them, not one.
 */
export function outputWord(engine: 'cloudformation' | 'terraform', several: boolean): OutputWord {
  const one = engine === 'cloudformation' ? 'template' : 'configuration';
  return several ? `app's ${one}s` as OutputWord : one;
}

/** "the template does not hold" / "the app's templates do not hold". */
const doesNotHold = (output: OutputWord): string => `the ${output} ${output.startsWith('app\'s') ? 'do' : 'does'} not hold`;

/** The reason deploy-time code may change the network: the first few of what allows it. */
export function deployCodeReason(what: string, powers: readonly string[], when: 'at deploy time' | 'whenever it is triggered' = 'at deploy time',
  output: OutputWord = 'template'): string {
  const shown = powers.slice(0, 3).join('; ');
  const more = powers.length > 3 ? ` (and ${powers.length - 3} more)` : '';
  return `${what} runs code ${when} that ${doesNotHold(output)}, and it may change the network: ${shown}${more}`;
}

/** The fix for deploy-time code that may change the network, in the words of the engine's output. */
export function deployCodeFix(output: OutputWord): string {
  return `declare what the code makes as resources of the ${output}, which the guard reads (routes, gateways, `
    + 'security group rules...), and give the function\'s role only actions that read (describe..., get..., list...) or touch no network '
    + `(logs, S3 objects, SSM parameters), written out in the ${output}`;
}

/** The fix for deploy-time code that may change the network (a template's). */
export const DEPLOY_CODE_FIX = deployCodeFix('template');

/** What starts code once the output is deployed (`unseenCodeReason`): a rule's target, a schedule's, an event source mapping… */
export type Trigger = 'rule' | 'schedule' | 'pipe' | 'event source mapping' | 'subscription' | 'Config rule';

/** Whether a trigger's target may name any code (a rule's, schedule's or pipe's target), not only a function. */
export function anyTargetOf(trigger: Trigger): boolean {
  return trigger === 'rule' || trigger === 'schedule' || trigger === 'pipe';
}

/**
 * Why a function or state machine outside the output that a trigger starts, named by a literal, is unresolved: of the
 * deploying account (which the output cannot tell from another written as a number: the deploying account is not known
 * at synth time), it may run in any VPC with any role, and its code may change the network.
 */
export function outsideCodeReason(trigger: Trigger, kind: 'function' | 'state machine', text: string, output: OutputWord): string {
  return `the ${kind} ${text} this ${trigger} starts is not in the ${output}: of the deploying account, as far as the guard can tell, it may run `
    + `in any VPC with any role, and its ${kind === 'function' ? 'code' : 'definition'} may change the network`;
}

/** The fix for code outside the output that a trigger starts. */
export const OUTSIDE_CODE_FIX = 'declare the function or state machine the trigger starts in the guarded template or configuration (with its role), so that '
  + 'the guard bounds its code by its role';

/**
 * Why code of a service that runs it with a role of its own (a CodeBuild project, an ECS task, a Batch job, a SageMaker
 * pipeline, a CodePipeline pipeline, a Glue workflow, an Image Builder pipeline, an Incident Manager response plan) that
 * a trigger starts is unresolved: the deploy-code check does not bound it by that role (fail closed).
 */
export function unboundedCodeReason(trigger: Trigger, text: string): string {
  return `this ${trigger} starts ${text}, which runs code with a role of its own that the guard does not bound, and that code may change the network`;
}

/** The fix for code a trigger starts that the guard does not bound by its role. */
export const UNBOUNDED_CODE_FIX = 'start a function of the guarded template or configuration whose role allows only actions that read, or start '
  + 'the project, task, job or pipeline outside the guarded output';

/**
 * Resource types (CloudFormation and Terraform) a target names by reference that run code with a role of their own
 * (EventBridge User Guide, "Amazon EventBridge targets"; EventBridge Pipes targets): `unboundedCodeReason`.
 */
export const UNBOUNDED_CODE_TYPES: ReadonlySet<string> = new Set([
  'AWS::CodeBuild::Project', 'AWS::ECS::Cluster', 'AWS::Batch::JobQueue', 'AWS::SageMaker::Pipeline', 'AWS::CodePipeline::Pipeline',
  'AWS::Glue::Workflow', 'AWS::ImageBuilder::ImagePipeline', 'AWS::SSMIncidents::ResponsePlan',
  'aws_codebuild_project', 'aws_ecs_cluster', 'aws_batch_job_queue', 'aws_sagemaker_pipeline', 'aws_codepipeline', 'aws_glue_workflow',
  'aws_imagebuilder_image_pipeline', 'aws_ssmincidents_response_plan',
]);

/**
 * Whether a literal target ARN (a rule's, schedule's or pipe's) names code the guard does not bound: any ARN that names
 * no code by `namesNoCode`, but Lambda's and Step Functions' (judged by what they name) and a schedule's universal
 * target (`arn:aws:scheduler:::aws-sdk:…`, judged as the API call it is).
 */
export function unboundedTarget(text: string): boolean {
  const service = /^arn:[^:]*:([^:]*):/.exec(text)?.[1];
  return !namesNoCode(text) && service !== 'lambda' && service !== 'states' && !/^arn:[^:]*:scheduler:::aws-sdk:/.test(text);
}

/**
 * Why code a trigger starts is unresolved when the output names it by a value the guard cannot read (a template
 * parameter, an import, a custom resource's answer, a Terraform variable, a value known only after apply): it may be
 * any function — of the output, bounded by a role the guard would read, or not — or, for a rule's or schedule's target
 * (`anyTarget`), a state machine or an Automation runbook too. `shown`: the value as written.
 */
export function unseenCodeReason(trigger: Trigger, shown: string, anyTarget: boolean): string {
  return `the ${anyTarget ? 'target' : 'function'} this ${trigger} starts is named by ${shown}, which the guard cannot read: it may be any `
    + `${anyTarget ? 'function, state machine or Automation runbook' : 'function'}, and its code may change the network`;
}

/** The fix for code a trigger starts that is named by a value the guard cannot read. */
export const UNSEEN_CODE_FIX = 'name what the trigger starts by a reference to a function, state machine or Automation document of the guarded '
  + 'template or configuration (not a parameter, import, variable or value another resource returns), so that the guard can judge its code';

/** The fix for Terraform's deploy-time code (provisioners, `external`, `aws_lambda_invocation`). */
export const TERRAFORM_CODE_FIX = 'declare what the command or function makes as resources of the configuration, which the guard reads, '
  + 'and run other commands outside the guarded configuration';

/** The fix for a resource of a registry type that is no AWS type (a private or third-party extension). */
export const REGISTRY_TYPE_FIX = 'declare what the extension makes with AWS resource types, which the guard reads, or deploy the extension\'s '
  + 'resources outside the guarded template';

/** The fix for a hook type registered or activated in the template (its handler's code and role are not in it). */
export const HOOK_FIX = 'register and activate hook types outside the guarded template, or use a Lambda hook whose function and role are of the template '
  + 'and allow only actions that read';

/**
 * Systems Manager Automation actions that change nothing the guard reads (they wait, branch, assert, pause, tag, or
 * handle instances and images); every other action runs code, calls other automation or deploys templates.
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-actions.html
 */
const QUIET_AUTOMATION_ACTIONS: ReadonlySet<string> = new Set([
  'aws:approve', 'aws:assertAwsResourceProperty', 'aws:branch', 'aws:pause', 'aws:sleep', 'aws:waitForAwsResourceProperty', 'aws:updateVariable',
  'aws:createTags', 'aws:changeInstanceState', 'aws:copyImage', 'aws:createImage', 'aws:deleteImage',
]);

/**
 * An `aws:executeAwsApi` step's `Service` (the namespace as the AWS SDK for Python names it: `ec2`, `elbv2`,
 * `network-firewall`) and `Api` (the operation: `CreateRoute`) written out, not an Automation variable (`{{ Service }}`).
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-action-executeAwsApi.html
 */
const AUTOMATION_SERVICE = /^[A-Za-z0-9-]+$/;
const AUTOMATION_API = /^[A-Za-z0-9]+$/;
const textOf = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Why an Automation document the template runs automatically may change the network (one reason per step), none when
 * every step is quiet: an `aws:executeAwsApi` call to a service the guard reads that is not a read (sdk-calls.ts), or an
 * action that runs code or other automation (`aws:executeScript`, `aws:invokeLambdaFunction`, `aws:createStack`,
 * `aws:runCommand`...); steps of `aws:loop` too. `readServices`: the services whose resources the engine's reader reads. Content the guard cannot read (YAML, a reference) may hold any step.
 */
export function automationSteps(content: unknown, readServices: ReadonlySet<string>, output: OutputWord = 'template'): string[] {
  let doc: unknown = content;
  if (typeof content === 'string') {
    try {
      doc = parseEmbeddedJson(content);
    } catch {
      return ['the Automation document it runs is not JSON the guard can read (YAML, or a value known at deploy time), so any step may change the network'];
    }
  }
  const steps = (doc as { mainSteps?: unknown } | null)?.mainSteps;
  if (!Array.isArray(steps)) return ['the Automation document it runs has no mainSteps the guard can read, so any step may change the network'];
  const reasons: string[] = [];
  const walk = (list: readonly any[]) => {
    for (const step of list) {
      const action = typeof step?.action === 'string' ? step.action : '(unreadable)';
      const name = typeof step?.name === 'string' ? step.name : '(unnamed)';
      if (action === 'aws:loop' && Array.isArray(step.inputs?.Steps)) {
        walk(step.inputs.Steps);
      } else if (action === 'aws:executeAwsApi' && !(AUTOMATION_SERVICE.test(textOf(step.inputs?.Service)) && AUTOMATION_API.test(textOf(step.inputs?.Api)))) {
        // A service or API given when the document runs (an input parameter `{{ Service }}`, a parameter of Parameter Store
        // `{{ssm:name}}`), or left out, may be any call (fail closed).
        reasons.push(`the Automation document it runs has step ${name} (aws:executeAwsApi), whose service or API the guard cannot read, `
          + 'so it may make any call, one that may change the network among them');
      } else if (action === 'aws:executeAwsApi') {
        const call = { service: step.inputs.Service, action: step.inputs.Api };
        if (changesReadService(call, readServices)) reasons.push(sdkCallReason('automation document', call, output));
      } else if (!QUIET_AUTOMATION_ACTIONS.has(action)) {
        reasons.push(`the Automation document it runs has step ${name} (${action}), which runs code or other automation that may change the network`);
      }
    }
  };
  walk(steps);
  return reasons;
}

/** The fix for an Automation document the output runs automatically, in the words of the engine's output. */
export function automationFix(output: OutputWord): string {
  return `declare what the document makes as resources of the ${output}, which the guard reads, or give it only steps that read `
    + '(aws:executeAwsApi with describe..., get..., list..., aws:assertAwsResourceProperty, aws:waitForAwsResourceProperty)';
}

/** The fix for an Automation document the template runs automatically. */
export const AUTOMATION_FIX = automationFix('template');

/**
 * AWS-owned Command documents (SSM User Guide, "AWS Systems Manager documents" and the Run Command walkthroughs): an
 * association runs them on its instances, with the instances' own roles — commands on instances, which the guard reads as
 * such (`InstanceCommandNode`), not automation that runs with a role of its own. (`AWS-` is reserved for AWS's documents:
 * "aws", "amazon" and "amzn" prefixes cannot name a document of the account.)
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-command-ssm-plugin-reference.html
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateDocument.html (Name)
 */
const AWS_COMMAND_DOCUMENTS: ReadonlySet<string> = new Set([
  'AWS-RunShellScript', 'AWS-RunPowerShellScript', 'AWS-RunPatchBaseline', 'AWS-RunPatchBaselineAssociation', 'AWS-RunPatchBaselineWithHooks',
  'AWS-GatherSoftwareInventory', 'AWS-UpdateSSMAgent', 'AWS-ConfigureAWSPackage', 'AWS-RunRemoteScript', 'AWS-ApplyAnsiblePlaybooks',
  'AWS-RunAnsiblePlaybook', 'AWS-UpdateEC2Config', 'AWS-RefreshAssociation', 'AWS-ApplyDSCMofs', 'AWS-InstallApplication', 'AWS-ConfigureDocker',
  'AWS-RunInspecChecks', 'AWS-ApplyChefRecipes', 'AWS-JoinDirectoryServiceDomain', 'AWS-ConfigureWindowsUpdate', 'AWS-InstallWindowsUpdates',
  'AWS-FindWindowsUpdates',
]);

/**
 * AWS-owned Automation runbooks that change nothing the guard reads: publishing a notification.
 * https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-publishsnsnotification.html
 */
const QUIET_AWS_AUTOMATION: ReadonlySet<string> = new Set(['AWS-PublishSNSNotification']);

/**
 * Why an SSM document outside the template or configuration that a Config remediation (always an Automation document)
 * or a State Manager association runs may change the network: its steps are not in the output, so any step may
 * (fail closed), unless it is an AWS-owned document the guard knows — a quiet runbook, or (for an association) a
 * Command document, which runs on the instances. `name`: the document's name or ARN as a literal, undefined when the
 * output gives it by a value the guard cannot read (a parameter, a variable, another resource's attribute).
 */
export function outsideDocumentReason(name: string | undefined, by: 'remediation' | 'association'): string | undefined {
  if (name === undefined) {
    return 'the SSM document it runs is named by a value the guard cannot read, so it may be an Automation document any of whose steps may change the network';
  }
  // A document's ARN (`arn:aws:ssm:<region>:<account>:document/<name>`) names it as its name does.
  const short = /^arn:[^:]*:ssm:[^:]*:[^:]*:document\/(.+)$/.exec(name)?.[1] ?? name;
  if (QUIET_AWS_AUTOMATION.has(short) || (by === 'association' && AWS_COMMAND_DOCUMENTS.has(short))) return undefined;
  return `the SSM document ${name} it runs is not in the output, so it may be an Automation document any of whose steps may change the network`;
}

/**
 * The SSM document an ARN written as text names when only its partition, region or account are left to deploy or plan
 * time (CloudFormation's pseudo parameters as `{partition}`, `{region}`, `{accountid}`; Terraform's partition, region
 * and caller identity data sources): its name, for `outsideDocumentReason`. Undefined when anything else is an
 * expression, the document's name above all.
 */
export function documentNameInArn(text: string): string | undefined {
  const fields = contextFields(text);
  if (/[{}$]/.test(fields)) return undefined;
  return /^arn:[^:]*:ssm:[^:]*:[^:]*:document\/([A-Za-z0-9_.-]+)$/.exec(fields)?.[1];
}

/**
 * The Automation runbook a target ARN starts directly, when it is one
 * (`arn:<partition>:ssm:<region>:<account>:automation-definition/<name>:<version>`, the version `$DEFAULT`, `$LATEST` or a
 * number: EventBridge User Guide, "Amazon EventBridge targets", Systems Manager Automation;
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html): its name, as `documentNameInArn`
 * reads a document's — undefined when anything but the partition, region or account is an expression. Undefined
 * altogether when the ARN is no runbook's.
 */
export function runbookInArn(text: string): { readonly name?: string } | undefined {
  const m = /^arn:([^:]*):ssm:([^:]*):([^:]*):automation-definition\/(.+)$/.exec(text);
  if (!m) return undefined;
  const name = /^([A-Za-z0-9_.-]+)(?::(?:\$DEFAULT|\$LATEST|[0-9]+))?$/.exec(m[4])?.[1];
  return { name: /[{}$]/.test(contextFields(`${m[1]}:${m[2]}:${m[3]}`)) ? undefined : name };
}

/** Text with the deploying partition, region and account (`documentNameInArn`'s expressions of them) written as `x`. */
function contextFields(text: string): string {
  return text
    .replace(/\{(partition|region|accountid)\}/g, 'x')
    .replace(/\$\{data\.aws_(partition\.[\w-]+\.partition|region\.[\w-]+\.(name|region)|caller_identity\.[\w-]+\.account_id)\}/g, 'x');
}

/**
 * Whether the text of a target ARN, some of it unreadable (`{reference}`, a Terraform interpolation), proves that it names
 * no code a trigger starts: an ARN whose service is written out and runs no code for the trigger (`NO_CODE_SERVICES`:
 * a queue, a topic, an event bus, a stream, a log group, an API…), or an SSM document's ARN (`…:document/…`), which a
 * rule sends as a Run Command to instances (a Command document: Run Command runs no other), judged as commands on
 * instances (`InstanceCommandNode`). Anything else may name a function, a state machine, a runbook or code that runs
 * with a role of its own (a CodeBuild project, an ECS task, a Batch job, a SageMaker pipeline…; fail closed), whatever
 * account it names: the deploying account is not known at synth time.
 */
export function namesNoCode(text: string): boolean {
  const service = /^arn:[^:]*:([^:]*):/.exec(text)?.[1];
  if (service === 'ssm') return /^arn:[^:]*:ssm:[^:]*:[^:]*:document\//.test(text);
  return service !== undefined && NO_CODE_SERVICES.has(service);
}

/**
 * The services of target ARNs that run no code for the trigger (EventBridge User Guide, "Amazon EventBridge targets"):
 * queues, topics, event buses and API destinations, streams, delivery streams, log groups, APIs (their integrations are
 * read as relays).
 */
const NO_CODE_SERVICES: ReadonlySet<string> = new Set(['sqs', 'sns', 'events', 'kinesis', 'firehose', 'logs', 'execute-api', 'apigateway']);

/** The fix for an SSM document outside the output that the output runs automatically. */
export const OUTSIDE_DOCUMENT_FIX = 'declare the Automation document in the guarded template or configuration (with steps that only read), or run only '
  + 'AWS-owned documents the guard knows (AWS-PublishSNSNotification; for an association, Command documents such as AWS-RunPatchBaseline)';
