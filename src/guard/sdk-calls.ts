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

/** One SDK call: the service as written (`EC2`, `@aws-sdk/client-ec2`) and the action (`createRoute`, `CreateRouteCommand`). */
export interface SdkCall {
  readonly service: string;
  readonly action: string;
}

/** The call in a rendered `Create` / `Update` property, or undefined when the text is no SDK call the guard can read. */
export function parseSdkCall(text: string): SdkCall | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
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
};

/** Actions that read only (`describeRouteTables`, `getManagedPrefixListEntries`, `listTagsForResource` ...). */
const READ_ONLY = /^(describe|get|list|search|lookup|batchget)/;

/**
 * Actions that change something no rule reads: tags (the guard reads the template's labels, and AWS routes no packet by
 * a tag), S3 objects (not a bucket's configuration), a log stream's events, a function's invocation (its code runs as
 * any function's does; the guard reads where it runs).
 */
const CHANGES_NOTHING_READ = new Set([
  'createtags', 'deletetags', 'tagresource', 'untagresource', 'addtagstoresource', 'removetagsfromresource', 'addtags', 'removetags',
  'putobject', 'deleteobject', 'deleteobjects', 'copyobject', 'putlogevents', 'createlogstream', 'invoke',
]);

/** The action as a v2 method name would write it, lower case: `CreateRouteCommand` and `createRoute` are `createroute`. */
function actionKey(action: string): string {
  return action.replace(/Command$/, '').toLowerCase();
}

/**
 * Whether the call may change what the guard reads: an action that is neither read-only nor one of those that change
 * nothing read, of one of `services` (keys, `serviceKey`). An action the guard cannot name (empty) may change anything.
 */
export function changesReadService(call: SdkCall, services: ReadonlySet<string>): boolean {
  if (!services.has(serviceKey(call.service))) return false;
  const action = actionKey(call.action);
  return action === '' || (!READ_ONLY.test(action) && !CHANGES_NOTHING_READ.has(action));
}
