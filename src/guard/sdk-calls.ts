/**
 * The AWS API calls a CloudFormation custom resource of aws-cdk-lib's `AwsCustomResource` makes at deploy time
 * (`Custom::AWS`, or the type it was given). Such a call can change the network after the template was judged — a
 * `createRoute` into a My Number route table, an `authorizeSecurityGroupIngress`, a transit gateway route — and the
 * template holds only its text, never the resource it makes. The guard reads the call: one that changes a service whose
 * resources the guard reads is unresolved (GUARD-1); a read-only one (the VPN attachment lookup this library makes
 * itself) changes nothing.
 *
 * aws-cdk-lib renders each call as a JSON string in the `Create` / `Update` / `Delete` property (`service`, `action`,
 * `parameters`, ...), joined around the tokens it holds, and marks the resource with `InstallLatestAwsSdk`
 * (aws-cdk-lib/custom-resources/lib/aws-custom-resource/aws-custom-resource.ts, `AwsCustomResource`).
 */
import type { OutputWord } from './deploy-code';
import { parseEmbeddedJson } from './strict-json';

/** One SDK call: the service as written (`EC2`, `@aws-sdk/client-ec2`) and the action (`createRoute`, `CreateRouteCommand`). */
export interface SdkCall {
  readonly service: string;
  readonly action: string;
}

/** The call in a rendered `Create` / `Update` property, or undefined when the text is no SDK call the guard can read. */
export function parseSdkCall(text: string): SdkCall | undefined {
  let parsed: unknown;
  try {
    parsed = parseEmbeddedJson(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { service, action } = parsed as Record<string, unknown>;
  return typeof service === 'string' && typeof action === 'string' ? { service, action } : undefined;
}

/**
 * A service name as both SDK generations and CloudFormation write it, lower case without separators: `EC2`,
 * `@aws-sdk/client-ec2` and `AWS::EC2::…` are all `ec2`. SDK clients named otherwise than the CloudFormation namespace
 * map to it (v2 class names and v3 package names, https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/).
 */
export function serviceKey(name: string): string {
  const key = name.replace(/^@aws-sdk\/client-/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  return SDK_ALIASES[key] ?? key;
}

const SDK_ALIASES: Readonly<Record<string, string>> = {
  elbv2: 'elasticloadbalancingv2',
  elb: 'elasticloadbalancing',
  cloudwatchlogs: 'logs',
  eventbridge: 'events',
  cloudwatchevents: 'events',
  firehose: 'kinesisfirehose',
  kafka: 'msk',
  cognitoidentityserviceprovider: 'cognito',
  cognitoidentityprovider: 'cognito',
  databasemigrationservice: 'dms',
  sfn: 'stepfunctions',
};

/** Actions that read only (`describeRouteTables`, `getManagedPrefixListEntries`, `listTagsForResource` ...). */
export const READ_ONLY = /^(describe|get|list|search|lookup|batchget)/;

/**
 * Actions that change something no rule reads: tags (the guard reads the template's labels, and AWS routes no packet by
 * a tag), S3 objects (not a bucket's configuration), a log stream's events, a function's invocation (its code runs as
 * any function's does; the guard reads where it runs), a CloudFront invalidation (cached objects, not a distribution's
 * origins: CloudFront is read for its VPC origins, and a deployment's invalidation is the common call to it) — but a call that
 * starts code counts whatever the list says (`startsCodeOrGrants`) —, SSM
 * parameters (SSM is read for what runs commands on instances — associations, maintenance windows —, not parameters);
 * the data a relay carries (rules/relays.ts reads its deliveries, not its messages): messages of a queue or topic, events,
 * records of a stream or delivery stream, executions of a state machine and their task tokens.
 */
const CHANGES_NOTHING_READ = new Set([
  'createtags', 'deletetags', 'tagresource', 'untagresource', 'addtagstoresource', 'removetagsfromresource', 'addtags', 'removetags',
  'putobject', 'deleteobject', 'deleteobjects', 'copyobject', 'putlogevents', 'createlogstream', 'invoke', 'createinvalidation',
  'putparameter', 'deleteparameter', 'deleteparameters', 'labelparameterversion', 'unlabelparameterversion',
  'sendmessage', 'sendmessagebatch', 'receivemessage', 'deletemessage', 'deletemessagebatch', 'changemessagevisibility', 'changemessagevisibilitybatch',
  'purgequeue', 'publish', 'publishbatch', 'putevents', 'putrecord', 'putrecords', 'putrecordbatch', 'startexecution', 'startsyncexecution',
  'stopexecution', 'sendtasksuccess', 'sendtaskfailure', 'sendtaskheartbeat',
]);

/** The action as a v2 method name would write it, lower case: `CreateRouteCommand` and `createRoute` are `createroute`. */
export function actionKey(action: string): string {
  return action.replace(/Command$/, '').toLowerCase();
}

/** Whether an action (`actionKey`) changes nothing any rule reads (tags, S3 objects, log events...). */
export function changesNothingRead(action: string): boolean {
  return CHANGES_NOTHING_READ.has(action);
}

/**
 * A service name as the SDKs and CloudFormation write one (`EC2`, `ELBv2`, `@aws-sdk/client-ec2`, `elasticloadbalancing`)
 * and an action's name (`createRoute`, `CreateRouteCommand`): anything else — a reference rendered into the call
 * (`{P}`, `${var.service}`), a placeholder — names a service or action the guard cannot tell.
 */
const SERVICE_NAME = /^(?:@aws-sdk\/client-)?[A-Za-z][A-Za-z0-9 .-]*$/;
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Whether the call may change what the guard reads: an action that is neither read-only nor one of those that change
 * nothing read, of one of `services` (keys, `serviceKey`), or one that starts code or changes permissions
 * (`startsCodeOrGrants`), whatever service. A service or action the guard cannot name (empty, or a value given at deploy
 * time: `describe{P}` is no read-only action, `{P}` no service it can rule out) may change anything (fail closed).
 */
export function changesReadService(call: SdkCall, services: ReadonlySet<string>): boolean {
  if (!SERVICE_NAME.test(call.service) || !ACTION_NAME.test(call.action)) return true;
  if (startsCodeOrGrants(call)) return true;
  if (!services.has(serviceKey(call.service))) return false;
  const action = actionKey(call.action);
  return action === '' || (!READ_ONLY.test(action) && !CHANGES_NOTHING_READ.has(action));
}

/**
 * Calls that start code with a role of its own — a function, a state machine, a build, a task, a job, a pipeline, a
 * workflow, a runbook —, by service (`serviceKey`) and action (`actionKey`): what that code does is not in the call, and
 * the trigger rule refuses the same code named as a target (deploy-code.ts `unboundedCodeReason`, `outsideCodeReason`),
 * so a call naming it must not pass either (fail closed; the call's parameters, which name the code, are not read).
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html
 */
const STARTS_CODE: Readonly<Record<string, RegExp>> = {
  lambda: /^invoke(?:async|withresponsestream)?$/,
  stepfunctions: /^start(?:sync)?execution$/,
  codebuild: /^(?:start|retry)build(?:batch)?$/,
  ecs: /^(?:runtask|starttask)$/,
  batch: /^submitjob$/,
  sagemaker: /^(?:start|create)(?:pipelineexecution|processingjob|trainingjob|transformjob|notebookinstance)$/,
  glue: /^start(?:jobrun|workflowrun|crawler|trigger)$/,
  codepipeline: /^(?:startpipelineexecution|retrystageexecution)$/,
  ssm: /^(?:startautomationexecution|sendcommand|startsession|startassociationsonce|startchangerequestexecution)$/,
  imagebuilder: /^startimagepipelineexecution$/,
  ec2: /^(?:runinstances|startinstances)$/,
};

/**
 * Whether a call starts code (`STARTS_CODE`) or changes what principals may do: any IAM action that is not read-only (a
 * policy written, a role made or trusted), which changes the grants the relay rules follow (rules/relays.ts). An action
 * the guard cannot name (empty) of such a service counts.
 */
export function startsCodeOrGrants(call: SdkCall): boolean {
  const service = serviceKey(call.service);
  const action = actionKey(call.action);
  if (service === 'iam') return action === '' || !READ_ONLY.test(action);
  const starts = STARTS_CODE[service];
  return starts !== undefined && (action === '' || starts.test(action));
}

/**
 * Service integrations that call any AWS API by name when they run: a Step Functions task
 * (`arn:aws:states:::aws-sdk:ec2:createRoute`, https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html)
 * and an EventBridge Scheduler universal target (`arn:aws:scheduler:::aws-sdk:ec2:createRoute`,
 * https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html). The partition may be a
 * rendered reference (`arn:{partition}:states:::…`), or split from the rest by a join: the pattern starts at `:states:::`.
 * The service and the action are taken as written, up to the next colon (the action up to a `.waitForTaskToken` too),
 * whatever they hold: a reference rendered into them (`aws-sdk:{Service}:createRoute`) is a call the guard cannot name,
 * which `changesReadService` counts as a change (fail closed), not text that is no call.
 */
const SDK_INTEGRATION = /:(?:states|scheduler):::aws-sdk:([^:"\\\s]*):([^:."\\\s]*)/g;

/** The AWS API calls a text (a state machine's definition, a schedule's target) makes through SDK integrations. */
export function sdkIntegrationCalls(text: string): SdkCall[] {
  return [...text.matchAll(SDK_INTEGRATION)].map((m) => ({ service: m[1], action: m[2] }));
}

/** Who makes a call, and when: the words of the unresolved value's reason (and of its Japanese). */
export type SdkCaller = 'custom resource' | 'state machine' | 'schedule' | 'automation document';

/**
 * The reason a call that may change a service the guard reads is unresolved (GUARD-1), in the words of the reader's output
 * (`OutputWord`: the template, or the app's templates when the guard read several stacks).
 */
export function sdkCallReason(caller: SdkCaller, call: SdkCall, output: OutputWord = 'template'): string {
  const when = caller === 'custom resource' ? 'at deploy time' : 'when it runs';
  if (startsCodeOrGrants(call)) {
    return `${caller} calls ${call.service} ${call.action} ${when}: it starts code or changes permissions the guard does not judge, and that may change the network`;
  }
  return `${caller} calls ${call.service} ${call.action} ${when}: what that changes is not in the ${output}, and the guard judges the ${output}`;
}

/** The fix for such a call. */
export const SDK_CALL_FIX = 'declare what the call makes as a resource of the template, which the guard reads (AWS::EC2::Route for createRoute, '
  + 'AWS::EC2::SecurityGroupIngress for authorizeSecurityGroupIngress...), or call only actions that read (describe..., get..., list...)';

/** The reason a text that names a resource's calls cannot be read (a parameter, a condition, a file): it may name any. */
export function sdkCallsUnreadable(caller: SdkCaller): string {
  return `the AWS API calls this ${caller} makes when it runs cannot be read at synth time`;
}

/** The fix for such a text. */
export const SDK_CALLS_UNREADABLE_FIX = 'write the definition or target out in the template or configuration (no parameter, condition, import, '
  + 'variable or file), so that the guard can read which AWS APIs it calls';
