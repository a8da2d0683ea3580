/**
 * Terraform JSON configurations for the service-relay and IAM-grant tests (test/guard/service-relays-tf.test.ts,
 * test/guard/service-relays-iam-tf.test.ts, and their plans with the real terraform in
 * test/integration/terraform-relays.test.ts): three VPCs, one per segment, with one subnet and one security group
 * each, and the resources of a case merged in by type.
 */
import { AWS_PROVIDER } from './terraform';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding } from '../../src/guard/rule';

/** How a relay finding's message starts its path (src/guard/rules/relays.ts). */
export const RELAY = /through AWS services that deliver it on their own/;
/** The own account, as a configuration reads it. */
export const OWN = '${data.aws_caller_identity.me.account_id}';
export const PARTITION = '${data.aws_partition.p.partition}';
/** The library's own endpoint policy shape (MN-5, LG-4): own principals on own resources. */
export const OWN_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': OWN, 'aws:ResourceAccount': OWN } } }],
});
export type Segment = 'mn' | 'lg' | 'in';
const SEGMENTS: Record<Segment, [string, string]> = { mn: ['10.0', 'MY_NUMBER'], lg: ['10.1', 'LGWAN'], in: ['10.2', 'INTERNET'] };
/** Resources (or data sources) of a configuration: type → name → arguments. */
export type Resources = Record<string, Record<string, unknown>>;

/**
 * A My Number VPC, an LGWAN VPC and an Internet VPC, one subnet and one group each, with `base` and then `resources`
 * merged in by type; the data sources of the own account, region and partition, and `data`.
 */
export function threeSegments(resources: Resources, data: Resources = {}, base: Resources = {}): any {
  const resource: Resources = { aws_vpc: {}, aws_subnet: {}, aws_security_group: {} };
  for (const [s, [cidr, segment]] of Object.entries(SEGMENTS)) {
    resource.aws_vpc[s] = { cidr_block: `${cidr}.0.0/16`, tags: { 'jichitai:segment': segment } };
    resource.aws_subnet[s] = { vpc_id: `\${aws_vpc.${s}.id}`, cidr_block: `${cidr}.0.0/24` };
    resource.aws_security_group[s] = { vpc_id: `\${aws_vpc.${s}.id}` };
  }
  for (const more of [base, resources]) for (const [type, named] of Object.entries(more)) resource[type] = { ...resource[type], ...named };
  return { data: { aws_caller_identity: { me: {} }, aws_region: { here: {} }, aws_partition: { p: {} }, ...data }, resource };
}

/** An interface endpoint of `service` in `segment`'s VPC, held to the own account. */
export const endpoint = (service: string, segment: Segment = 'mn') => ({
  vpc_id: `\${aws_vpc.${segment}.id}`,
  vpc_endpoint_type: 'Interface',
  service_name: `com.amazonaws.\${data.aws_region.here.name}.${service}`,
  subnet_ids: [`\${aws_subnet.${segment}.id}`],
  security_group_ids: [`\${aws_security_group.${segment}.id}`],
  private_dns_enabled: true,
  policy: OWN_POLICY,
});

/** A function running with role `roleName` of the configuration, in `segment`'s subnet or outside every VPC. */
export const roleFn = (roleName: string, segment?: Segment, more: Record<string, unknown> = {}) => ({
  role: `\${aws_iam_role.${roleName}.arn}`,
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  filename: 'fn.zip',
  ...segment ? { vpc_config: { subnet_ids: [`\${aws_subnet.${segment}.id}`], security_group_ids: [`\${aws_security_group.${segment}.id}`] } } : {},
  ...more,
});

export const trust = (principal: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
export const LAMBDA_TRUST = trust({ Service: 'lambda.amazonaws.com' });
export const EC2_TRUST = trust({ Service: 'ec2.amazonaws.com' });
export const ECS_TRUST = trust({ Service: 'ecs-tasks.amazonaws.com' });
export const statement = (action: string | string[], resource: unknown) => ({ Effect: 'Allow', Action: action, Resource: resource });
export const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** A role with one inline policy of `statements`. */
export const role = (statements: unknown[], assume = LAMBDA_TRUST, more: Record<string, unknown> = {}) => ({
  assume_role_policy: assume,
  ...statements.length > 0 ? { inline_policy: [{ name: 'p', policy: policy(statements) }] } : {},
  ...more,
});

/**
 * The role `fn`, which grants nothing: the functions of the relay cases run with it (service-relays-iam-tf.test.ts judges
 * grants; a role the guard cannot read, such as a literal ARN of another account, grants everything).
 */
export const NO_GRANTS_ROLE: Resources = { aws_iam_role: { fn: { assume_role_policy: LAMBDA_TRUST } } };
/** An event source mapping from `source` to the configuration's function `fnName`. */
export const mapping = (source: string, fnName: string) => ({ event_source_arn: source, function_name: `\${aws_lambda_function.${fnName}.arn}` });
/** A subscription of `target` (by `protocol`) to the configuration's topic `topic`. */
export const subscription = (topic: string, protocol: string, target: string) => ({ topic_arn: `\${aws_sns_topic.${topic}.arn}`, protocol, endpoint: target });

/** A REST API whose integration receives from the queue `q` with the configuration's role `roleName` (red team 41). */
export const sqsApi = (roleName: string): Resources => ({
  aws_api_gateway_rest_api: { api: { name: 'a' } },
  aws_api_gateway_integration: {
    i: {
      rest_api_id: '${aws_api_gateway_rest_api.api.id}',
      resource_id: '${aws_api_gateway_rest_api.api.root_resource_id}',
      http_method: 'GET',
      type: 'AWS',
      integration_http_method: 'POST',
      uri: 'arn:aws:apigateway:ap-northeast-1:sqs:action/ReceiveMessage',
      credentials: `\${aws_iam_role.${roleName}.arn}`,
    },
  },
});

/**
 * An HTTP API whose EventBridge integration delivers nothing from the queue by what it declares, with `credentials`
 * (`credentials_arn`: its role may read the queue for the API's callers).
 */
export const httpApi = (credentials: Record<string, unknown>): Resources => ({
  aws_apigatewayv2_api: { api: { name: 'a', protocol_type: 'HTTP' } },
  aws_apigatewayv2_integration: {
    i: {
      api_id: '${aws_apigatewayv2_api.api.id}',
      integration_type: 'AWS_PROXY',
      integration_subtype: 'EventBridge-PutEvents',
      payload_format_version: '1.0',
      request_parameters: { Detail: '$request.body', DetailType: 'x', Source: 'y' },
      ...credentials,
    },
  },
});

/** The relay findings among `findings`: `rule path: message`. */
export function relayLines(findings: readonly Finding[]): string[] {
  return findings.filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

/** The relay findings of a configuration: `rule path: message`. */
export function relays(c: any, model = NetworkModel.ALPHA): string[] {
  return relayLines(checkTopology(extractTerraform({ t: c }), { model }));
}

/** The literal account the offline plans use in place of the caller identity (no credentials can be checked offline). */
export const OFFLINE_ACCOUNT = '111122223333';

/**
 * `c` as terraform plans it offline: the AWS provider as the examples configure it, without credentials, and the own
 * account a literal (no caller identity can be read offline; the plan's reader is given it, as a user gives `--account`).
 */
export function offline(c: any): any {
  const provider = {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER.version } } },
    provider: {
      aws: {
        region: 'ap-northeast-1',
        access_key: 'x',
        secret_key: 'x',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
      },
    },
  };
  const out = JSON.parse(JSON.stringify({ ...provider, ...c }).split(OWN).join(OFFLINE_ACCOUNT));
  delete out.data.aws_caller_identity;
  return out;
}
