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

/** The statements of the endpoint policy of one service's endpoint in the My Number segment. */
export function myNumberEndpointPolicy(service: string): EndpointPolicyStatementPlan[] {
  if (PRINCIPAL_ONLY.has(service)) {
    return [{ sid: 'OwnAccountPrincipalsOnly', actions: ['*'], resources: ['*'], resourceAccount: false }];
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
