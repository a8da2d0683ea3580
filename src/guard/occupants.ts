/**
 * What runs in a subnet (docs/guard-semantics.md §10, "the egress chain's own subnets"): every resource that names a
 * subnet anywhere in its properties, except the subnet's own plumbing, is read as an occupant of that subnet. The
 * extractors find the names (a `Ref`, an attribute, an export, an interpolation); this module walks the properties and
 * holds the plumbing list, the same for both engines.
 *
 * Why a walk over every property rather than a list of placement properties: the resource types that run code or hold
 * network interfaces in a subnet are many and grow every year (instances, interfaces, launch templates, Auto Scaling
 * groups, functions, containers, clusters, databases, resolver endpoints…); a resource the guard has no entry for must
 * not pass unseen (fail closed). What is known to be plumbing is the short list, so that is the list kept.
 */
import { isExpression, propertyPath } from './unreadable';

/**
 * Resource types that name a subnet without running anything in it: its route table and network ACL associations (and a
 * Terraform network ACL's `subnet_ids`), its own IPv6 block, what makes a subnet part of the egress chain (NAT gateway,
 * Network Firewall, VPC endpoints, which answer for an AWS service or a load balancer and start no connection of their
 * own), its flow log, and the transit gateway attachment's interfaces (which only forward what the transit gateway
 * routes). A resolver endpoint is not here: an outbound endpoint sends DNS queries from the subnet.
 */
export const SUBNET_PLUMBING: ReadonlySet<string> = new Set([
  'AWS::EC2::Subnet', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::SubnetNetworkAclAssociation', 'AWS::EC2::SubnetCidrBlock',
  'AWS::EC2::NatGateway', 'AWS::NetworkFirewall::Firewall', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::FlowLog',
  'AWS::EC2::TransitGatewayAttachment', 'AWS::EC2::TransitGatewayVpcAttachment',
  'aws_subnet', 'aws_route_table_association', 'aws_network_acl', 'aws_network_acl_association', 'aws_default_network_acl',
  'aws_nat_gateway', 'aws_networkfirewall_firewall', 'aws_vpc_endpoint', 'aws_vpc_endpoint_subnet_association', 'aws_flow_log',
  'aws_ec2_transit_gateway_vpc_attachment', 'aws_ec2_subnet_cidr_reservation',
]);

/** Keys whose values never place anything: tags (a subnet id in a tag value is a label, not a placement). */
const NOT_PLACING = new Set(['//', 'Tags', 'tags', 'tags_all']);

/**
 * The subnet of a mention whose value cannot be read at synth time (`subnetMentions`' `unplaceable`): it may be any
 * subnet, the egress chain's own included.
 */
export const UNKNOWN_SUBNET = '';

/**
 * One subnet a resource names (`subnetMentions`): a subnet node's id, `UNKNOWN_SUBNET`, or — `outside` — the literal id
 * (`subnet-…`) of a subnet the output does not hold, or — `outside` and `via` — a network interface the output does not
 * hold that places an instance (bridges.ts `interfacesElsewhere`), named by its id or expression.
 */
export interface SubnetMention {
  readonly property: string;
  readonly subnet: string;
  readonly outside?: boolean;
  readonly via?: 'network interface';
}

/** A subnet's id as AWS writes it: a literal value naming one outside the output. */
export const LITERAL_SUBNET_ID = /^subnet-[0-9a-f]+$/;

/** Whether a key names where a resource runs (`SubnetId`, `subnet_ids`, `DBSubnetGroupName`, `VPCZoneIdentifier`). */
function placingKey(k: string): boolean {
  return k.includes('ubnet') || k === 'VPCZoneIdentifier' || k === 'vpc_zone_identifier';
}

/**
 * A nested block (`SubnetMappings[0]`, a Terraform `subnet_mapping`): its own keys say where it places, and the walk
 * reaches them; its other values (an address, an allocation) place nothing. Not a block: a value, or an expression
 * standing for one (`isExpression`).
 */
function isBlock(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isExpression(v);
}

/**
 * The subnets a resource's properties name, each with the property path that names it, in property order. `subnetsIn`
 * tells which subnets (graph node ids) one value names, or an empty list to look inside it; it is asked about every
 * object that is not an array, and about strings only when `strings` is set (a Terraform interpolation is a string; a
 * CloudFormation reference never is). Tags, and the `//` metadata of a Terraform JSON resource, are skipped.
 *
 * A key that names a placement (`placingKey`) whose value, or an element of it, `unplaceable` says is known only at
 * deploy time (a template parameter, an input variable) is a mention of `UNKNOWN_SUBNET`: the guard cannot tell where
 * the resource runs (fail closed). One whose value, or an element of it, `outside` gives a literal subnet id for (a
 * subnet the output does not hold) is an `outside` mention of that id.
 */
export function subnetMentions(properties: unknown, subnetsIn: (value: unknown) => readonly string[], strings = false,
  unplaceable?: (value: unknown) => boolean, outside?: (value: unknown) => string | undefined): SubnetMention[] {
  const found: SubnetMention[] = [];
  // The path is kept as a stack and joined only on a hit: most resources name no subnet, and their walk builds no text.
  const keys: (string | number)[] = [];
  const hit = (named: readonly string[]) => {
    const property = propertyPath(keys);
    for (const subnet of named) found.push({ property, subnet });
  };
  const unknownAt = (v: unknown) => !isBlock(v) && unplaceable!(v);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (strings) {
        const named = subnetsIn(value);
        if (named.length > 0) hit(named);
      }
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        keys.push(i);
        walk(value[i]);
        keys.pop();
      }
      return;
    }
    const named = subnetsIn(value);
    if (named.length > 0) {
      hit(named);
      return;
    }
    for (const k in value) {
      if (NOT_PLACING.has(k)) continue;
      const v = (value as Record<string, unknown>)[k];
      keys.push(k);
      if (unplaceable && placingKey(k) && (Array.isArray(v) ? v.some(unknownAt) : unknownAt(v))) hit([UNKNOWN_SUBNET]);
      if (outside && placingKey(k)) {
        const list = Array.isArray(v);
        (list ? v : [v]).forEach((x: unknown, i: number) => {
          const id = typeof x === 'string' ? outside(x) : undefined;
          if (id !== undefined) found.push({ property: propertyPath(list ? [...keys, i] : keys), subnet: id, outside: true });
        });
      }
      walk(v);
      keys.pop();
    }
  };
  walk(properties);
  return found;
}

/**
 * The values a resource's properties give under a key that names where it runs (`placingKey`: `DBSubnetGroupName`,
 * `CacheSubnetGroupName`, `subnet_group_name`…), nested blocks included and tags skipped, each element of a list on its
 * own: what may name a resource of the output (a subnet group) whose own subnets place it (`GraphBuilder.roleLabel`).
 */
export function placingValues(properties: unknown): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    for (const k in value) {
      if (NOT_PLACING.has(k)) continue;
      const v = (value as Record<string, unknown>)[k];
      if (placingKey(k)) for (const x of Array.isArray(v) ? v : [v]) if (!isBlock(x)) found.push(x);
      walk(v);
    }
  };
  walk(properties);
  return found;
}

/**
 * Resource types a role label (`jichitai:role`) cannot place and that run nothing in a network, so that a label on one —
 * from a CloudFormation stack's tags or a Terraform provider's `default_tags`, which label every resource, or from
 * `Tags.of(construct)` reaching a construct's IAM role — is not judged (docs/guard-semantics.md §7): identity, keys,
 * logs, metrics, buckets, parameters, secrets, queues and topics, image repositories, event rules, a function's
 * permissions, versions, aliases and URLs (the function is placed by its own `VpcConfig`), a launch template's own tags
 * (its tags for instances label what it launches, §3), and the network's own structure that names no subnet or VPC
 * (routes, gateways and their attachments, addresses, rules written apart from their group or ACL, transit gateways,
 * VPN connections, prefix lists, DHCP options, tag resources). Every other labelled resource that names no subnet or VPC
 * the guard reads is a label it cannot place (fail closed).
 */
const PLACES_NOTHING = new RegExp('^(?:AWS::(?:IAM|KMS|Logs|S3|S3Express|SSM|SNS|SQS|SecretsManager|CloudWatch|Events|ECR|CDK)::'
  + '|AWS::Lambda::(?:Permission|Version|Alias|EventInvokeConfig|Url)$'
  + '|AWS::EC2::(?:LaunchTemplate|Route|InternetGateway|EgressOnlyInternetGateway|VPCGatewayAttachment|EIP|EIPAssociation|SecurityGroupIngress'
  + '|SecurityGroupEgress|NetworkAclEntry|TransitGateway\\w*|VPNGateway|VPNGatewayRoutePropagation|CustomerGateway|VPNConnection|VPNConnectionRoute'
  + '|PrefixList|DHCPOptions|VPCDHCPOptionsAssociation)$'
  + '|aws_(?:iam|kms|cloudwatch|s3|ssm|sns|sqs|secretsmanager|ecr)_'
  + '|aws_lambda_(?:permission|alias|function_url|function_event_invoke_config)$'
  + '|aws_(?:launch_template|route|internet_gateway|internet_gateway_attachment|egress_only_internet_gateway|eip|eip_association|security_group_rule'
  + '|vpc_security_group_ingress_rule|vpc_security_group_egress_rule|network_acl_rule|vpn_gateway|vpn_gateway_attachment|vpn_gateway_route_propagation'
  + '|customer_gateway|vpn_connection|vpn_connection_route|ec2_managed_prefix_list|ec2_managed_prefix_list_entry|vpc_dhcp_options'
  + '|vpc_dhcp_options_association|ec2_tag|autoscaling_group_tag|ecs_tag|dynamodb_tag|transfer_tag)$'
  + '|aws_ec2_transit_gateway\\w*$)');

/** Whether a role label on a resource of this type places nothing and is not judged (`PLACES_NOTHING`). */
export function labelPlacesNothing(resourceType: string): boolean {
  return PLACES_NOTHING.test(resourceType);
}
