import { isExpression } from './unreadable';

/**
 * Whether a setting is literally one of an enumeration's documented closed values (private, not a function, not in the
 * VPC…): exactly as AWS documents it. Any other literal — the same word in another case (`public_only`, `vpc`), or a
 * value the documentation does not list — is read as the open value, as an expression is: the guard does not know
 * what AWS makes of it (some APIs compare enumerations without regard to case), so it fails closed
 * (docs/guard-semantics.md §2, "Enumerations").
 */
export function literallyClosed(v: unknown, closed: readonly string[]): boolean {
  return typeof v === 'string' && !isExpression(v) && closed.includes(v);
}

/**
 * The documented values of each enumeration a reader asks "open or not" of, but for the open one (named in each
 * comment). Sources: the CloudFormation template reference of each property (the Terraform arguments take the API's
 * values).
 */
export const CLOSED = {
  /** AWS::MWAA::Environment WebserverAccessMode / `webserver_access_mode`: PRIVATE_ONLY | PUBLIC_ONLY (open). */
  mwaaWebserverAccess: ['PRIVATE_ONLY'],
  /** AWS::SageMaker::Domain AppNetworkAccessType / `app_network_access_type`: PublicInternetOnly (open) | VpcOnly. */
  sagemakerAppNetworkAccess: ['VpcOnly'],
  /** AWS::AppRunner::Service EgressConfiguration.EgressType / `egress_type`: DEFAULT | VPC (open: its traffic enters the VPC). */
  appRunnerEgress: ['DEFAULT'],
  /** AWS::Transfer::Server EndpointType / `endpoint_type`: PUBLIC | VPC (open, with Elastic IP addresses) | VPC_ENDPOINT. */
  transferEndpoint: ['PUBLIC', 'VPC_ENDPOINT'],
  /** AWS::ElasticLoadBalancingV2::TargetGroup TargetType: instance | ip | lambda (open: it invokes functions) | alb. */
  elbTargetType: ['instance', 'ip', 'alb'],
  /**
   * AWS::AppSync::DataSource Type / `type`: AWS_LAMBDA (open) | AMAZON_DYNAMODB | AMAZON_ELASTICSEARCH |
   * AMAZON_OPENSEARCH_SERVICE | AMAZON_EVENTBRIDGE | AMAZON_BEDROCK_RUNTIME | HTTP | RELATIONAL_DATABASE | NONE.
   */
  appSyncDataSource: ['AMAZON_DYNAMODB', 'AMAZON_ELASTICSEARCH', 'AMAZON_OPENSEARCH_SERVICE', 'AMAZON_EVENTBRIDGE',
    'AMAZON_BEDROCK_RUNTIME', 'HTTP', 'RELATIONAL_DATABASE', 'NONE'],
  /** AWS::VpcLattice::TargetGroup Type / `type`, the types that are not LAMBDA: IP | LAMBDA (open: it invokes functions) | INSTANCE | ALB. */
  latticeNotLambda: ['IP', 'INSTANCE', 'ALB'],
  /** AWS::VpcLattice::TargetGroup Type / `type`, the type without a VPC: LAMBDA (every other type's targets are in its VPC, open). */
  latticeWithoutVpc: ['LAMBDA'],
  /**
   * AWS::NetworkFirewall::RuleGroup RulesSourceList.GeneratedRulesType / `generated_rules_type`, the types that pass
   * nothing: ALLOWLIST (open: it passes its domains) | DENYLIST | REJECTLIST | ALERTLIST
   * (https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RulesSourceList.html).
   */
  domainListNotAllow: ['DENYLIST', 'REJECTLIST', 'ALERTLIST'],
  /**
   * AWS::EC2::TransitGatewayAttachmentNatConfiguration NatGatewaySupport: enable (open: its rules translate) | disable
   * (the rules are staged, "retained and become active when this is later set to enable").
   */
  transitNatSupport: ['disable'],
  /**
   * AWS::AutoScaling::AutoScalingGroup TrafficSources[].Type / `traffic_source.type`: elb | elbv2 | vpc-lattice (open:
   * a VPC Lattice target group, whose service network's clients reach the instances).
   */
  trafficSourceNotLattice: ['elb', 'elbv2'],
} as const satisfies Record<string, readonly string[]>;

/** A Network Firewall policy's stateful rule order (both readers): absent means AWS's default action order; anything unreadable is `unknown`. */
export function ruleOrder(v: unknown): 'STRICT_ORDER' | 'DEFAULT_ACTION_ORDER' | 'unknown' {
  if (v === undefined || v === null) return 'DEFAULT_ACTION_ORDER';
  return v === 'STRICT_ORDER' || v === 'DEFAULT_ACTION_ORDER' ? v : 'unknown';
}

/** A Network Firewall policy's stream exception policy (both readers): absent means AWS's default, `DROP`; anything unreadable is `unknown`. */
export function streamExceptionPolicy(v: unknown): 'DROP' | 'REJECT' | 'CONTINUE' | 'unknown' {
  if (v === undefined || v === null) return 'DROP';
  return v === 'DROP' || v === 'REJECT' || v === 'CONTINUE' ? v : 'unknown';
}
