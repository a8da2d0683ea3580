/**
 * Endpoint policies of the My Number segment's VPC endpoints (MN-5): AWS APIs reached through them act only for the
 * municipality's own account — its principals (`aws:PrincipalAccount`) on its resources (`aws:ResourceAccount`) — so
 * that the endpoints are no path to another account's resources (a personal account's bucket, say). Without a policy,
 * AWS attaches the default one, which allows full access
 * (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
 *
 * Exceptions, after AWS's data perimeter examples (https://github.com/aws-samples/data-perimeter-policy-examples,
 * vpc_endpoint_policies/ssm_endpoint_policy.json and service_specific_guidance/ssm-specific-guidance.md):
 * - `ssm`: Session Manager, Run Command and State Manager read service-owned documents and public parameters
 *   (`AWS-StartSSHSession`, `/aws/service/...`), which live in AWS's accounts; they are allowed for the own account's
 *   principals on those ARNs only (the account field of an AWS-owned document or public parameter ARN is empty).
 * - `ssmmessages`, `ec2messages`: the agent's message channels. Their actions name no resource type
 *   (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsessionmanagermessagegatewayservice.html,
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonmessagedeliveryservice.html), so a request
 *   carries no resource account to compare; the policy limits them to the own account's principals.
 * - `logs`: writing logs only (`LOGS_WRITE`). What the closed segments' hosts send to CloudWatch Logs — the CloudWatch
 *   agent, Session Manager's session logs, the α′ proxy's access log — only writes; an endpoint that also let them read
 *   would take into the segment what anyone else (a function outside every VPC, with the internet) writes into any log
 *   group of the account (the guard follows each relaying endpoint in the ways its policy allows: docs/guard-semantics.md §14).
 */

/** `{account}`, `{region}` and `{partition}` in the ARNs are filled in by the renderer (CloudFormation pseudo parameters, Terraform data). */
export interface EndpointPolicyStatementPlan {
  readonly sid: string;
  readonly actions: string[];
  readonly resources: string[];
  /** Whether the statement also requires `aws:ResourceAccount` to be the own account (it always requires `aws:PrincipalAccount`). */
  readonly resourceAccount: boolean;
}

/** Services whose actions name no resource (the Systems Manager agent's message channels): principals only. */
const PRINCIPAL_ONLY = new Set(['ssmmessages', 'ec2messages']);

/**
 * What a host writing logs calls: Session Manager's session logs need `logs:CreateLogStream`, `logs:PutLogEvents`,
 * `logs:DescribeLogGroups` and `logs:DescribeLogStreams` (Systems Manager User Guide, "Create a custom IAM role for
 * Session Manager": https://docs.aws.amazon.com/systems-manager/latest/userguide/getting-started-create-iam-instance-profile.html);
 * the CloudWatch agent the same (AWS managed policy CloudWatchAgentServerPolicy:
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/CloudWatchAgentServerPolicy.html), which also grants
 * `logs:CreateLogGroup` and `logs:PutRetentionPolicy` for groups the agent creates itself or whose retention its
 * configuration sets (`retention_in_days`). Those two are left out: they change the account's groups, not the data,
 * and the library creates its groups with their retention (LOG-1); a host of a closed segment writes into groups the
 * output creates. A read (`logs:GetLogEvents`, `logs:FilterLogEvents`, `logs:StartQuery`…) is not allowed.
 */
const LOGS_WRITE = ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'];

/** The statements of the endpoint policy of one service's endpoint in the My Number segment (and in LGWAN: LG-4). */
export function myNumberEndpointPolicy(service: string): EndpointPolicyStatementPlan[] {
  if (PRINCIPAL_ONLY.has(service)) {
    return [{ sid: 'OwnAccountPrincipalsOnly', actions: ['*'], resources: ['*'], resourceAccount: false }];
  }
  if (service === 'logs') {
    return [{ sid: 'OwnAccountPrincipalsWriteLogsToOwnAccount', actions: LOGS_WRITE, resources: ['*'], resourceAccount: true }];
  }
  const own: EndpointPolicyStatementPlan = { sid: 'OwnAccountPrincipalsToOwnAccountResources', actions: ['*'], resources: ['*'], resourceAccount: true };
  if (service !== 'ssm') return [own];
  return [own, {
    sid: 'OwnAccountPrincipalsToAwsOwnedSsmResources',
    actions: ['ssm:Describe*', 'ssm:List*', 'ssm:Get*', 'ssm:SendCommand', 'ssm:CreateAssociation', 'ssm:StartSession'],
    resources: ['arn:{partition}:ssm:{region}::document/*', 'arn:{partition}:ssm:{region}::parameter/aws/*'],
    resourceAccount: false,
  }];
}

/** What the renderer puts for the placeholders: literals or its engine's references (tokens). */
export interface EndpointPolicyValues {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

/** The IAM policy document of an endpoint, with the engine's values for the account, region and partition. */
export function endpointPolicyDocument(statements: readonly EndpointPolicyStatementPlan[], values: EndpointPolicyValues): Record<string, unknown> {
  // Replacement functions: engine tokens may hold `$` sequences that a replacement string would interpret.
  const fill = (s: string) => s.replace(/\{account\}/g, () => values.account).replace(/\{region\}/g, () => values.region)
    .replace(/\{partition\}/g, () => values.partition);
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      // An endpoint policy must name a principal; "*" with the account condition below is AWS's own pattern.
      Principal: { AWS: '*' },
      Action: s.actions,
      Resource: s.resources.map(fill),
      Condition: {
        StringEquals: {
          'aws:PrincipalAccount': values.account,
          ...(s.resourceAccount ? { 'aws:ResourceAccount': values.account } : {}),
        },
      },
    })),
  };
}
