/**
 * What runs in a subnet (docs/guard-semantics.md §10, "the egress chain's own subnets"): every resource that names a
 * subnet anywhere in its properties, except the subnet's own plumbing, is read as an occupant of that subnet. The
 * extractors find the names (a `Ref`, an attribute, an export, an interpolation); this module walks the properties and
 * holds the plumbing list, the same for both engines.
 *
 * Why a walk over every property rather than a list of placement properties: the resource types that run code or hold
 * network interfaces in a subnet are many and grow every year (instances, interfaces, launch templates, Auto Scaling
 * groups, functions, containers, clusters, databases, resolver endpoints…); a resource the guard has no entry for must
 * not pass unseen (fail closed). What is known to be plumbing is the short list, so that is the list kept. Whether an
 * occupant's traffic only follows its subnets' routes is known for the types of `KNOWN_OCCUPANTS`; one of another type
 * in the My Number or LGWAN segment is reported (GUARD-2, bridges.ts `unknownOccupants`).
 */
import { blockGiven, isExpression, oneBlock, propertyPath } from './unreadable';

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

/**
 * Occupant types the guard knows (docs/guard-semantics.md §10): resources whose only network presence is network
 * interfaces in the subnets they name (or their subnet group names), so that their traffic follows those subnets' routes,
 * which the guard models. A resource of any other type that names a subnet (`knownOccupant`) may open a path of its own
 * beside the VPC's routes — a public endpoint, a load balancer AWS makes for it, an invocation from the internet — which
 * the guard cannot tell: in the My Number or LGWAN segment, an unlabelled VPC or where the guard cannot place it, it is
 * reported (GUARD-2), as every type AWS adds after this list. A type that does open such a path, when the guard reads it
 * (bridges.ts), is known through `BRIDGE_TYPES` and keeps its own finding; what the extractors read themselves and the
 * subnets' plumbing (`SUBNET_PLUMBING`) are known too (`knownOccupant`).
 */
export const KNOWN_OCCUPANTS: ReadonlySet<string> = new Set([
  // Compute. An instance, its interfaces, what launches instances (Amazon EC2 User Guide, "Elastic network interfaces":
  // an interface is in one subnet and its traffic uses that subnet's route table); a public address is a bridge
  // (bridges.ts). Lambda: "Lambda creates a Hyperplane ENI ... in the subnets of the VPC configuration" and a function in
  // a VPC reaches the internet only through a NAT gateway of the VPC (Lambda Developer Guide, "Giving Lambda functions
  // access to resources in an Amazon VPC"). ECS awsvpc tasks and Fargate (EKS) pods get an interface each in the
  // service's or profile's subnets (Amazon ECS Developer Guide, "Amazon ECS task networking"; EKS User Guide, "Fargate
  // profile"); EKS node groups and Batch compute environments launch EC2 instances there. CodeBuild builds, Synthetics
  // canaries and SageMaker models (VpcConfig) run with interfaces in the given subnets ("Use CodeBuild with Amazon VPC";
  // "Running a canary in a VPC"; "Give SageMaker hosted endpoints access to resources in your Amazon VPC").
  'AWS::EC2::Instance', 'AWS::EC2::NetworkInterface', 'AWS::EC2::NetworkInterfaceAttachment', 'AWS::EC2::LaunchTemplate', 'AWS::EC2::SpotFleet',
  'AWS::EC2::EC2Fleet', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::Lambda::Function', 'AWS::ECS::Service', 'AWS::ECS::TaskSet',
  'AWS::EKS::Nodegroup', 'AWS::EKS::FargateProfile', 'AWS::Batch::ComputeEnvironment', 'AWS::CodeBuild::Project', 'AWS::CodeBuild::Fleet',
  'AWS::Synthetics::Canary', 'AWS::SageMaker::Model',
  'aws_instance', 'aws_network_interface', 'aws_network_interface_attachment', 'aws_launch_template', 'aws_spot_fleet_request', 'aws_ec2_fleet',
  'aws_autoscaling_group', 'aws_lambda_function', 'aws_ecs_service', 'aws_ecs_task_set', 'aws_eks_node_group', 'aws_eks_fargate_profile',
  'aws_batch_compute_environment', 'aws_codebuild_project', 'aws_codebuild_fleet', 'aws_synthetics_canary', 'aws_sagemaker_model',
  // Databases and caches in a VPC: the instances' interfaces are in the subnets of their subnet group, and a publicly
  // accessible one is a bridge (bridges.ts `publiclyAccessible`); the others have no endpoint outside the VPC (Amazon RDS
  // User Guide, "Working with a DB instance in a VPC"; DocumentDB, Neptune: "Amazon VPC and Amazon DocumentDB / Neptune";
  // ElastiCache, MemoryDB, DAX, Redshift: their subnet groups; an RDS Proxy "is in the same VPC as the database ... not
  // publicly accessible", RDS User Guide, "Amazon RDS Proxy").
  'AWS::RDS::DBSubnetGroup', 'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::RDS::DBProxy', 'AWS::RDS::DBProxyEndpoint',
  'AWS::DocDB::DBSubnetGroup', 'AWS::DocDB::DBCluster', 'AWS::DocDB::DBInstance', 'AWS::DocDBElastic::Cluster',
  'AWS::Neptune::DBSubnetGroup', 'AWS::Neptune::DBCluster', 'AWS::Neptune::DBInstance',
  'AWS::ElastiCache::SubnetGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::ServerlessCache',
  'AWS::MemoryDB::SubnetGroup', 'AWS::MemoryDB::Cluster', 'AWS::Redshift::ClusterSubnetGroup', 'AWS::DAX::SubnetGroup', 'AWS::DAX::Cluster',
  'aws_db_subnet_group', 'aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_db_proxy', 'aws_db_proxy_endpoint',
  'aws_docdb_subnet_group', 'aws_docdb_cluster', 'aws_docdb_cluster_instance', 'aws_docdbelastic_cluster',
  'aws_neptune_subnet_group', 'aws_neptune_cluster', 'aws_neptune_cluster_instance',
  'aws_elasticache_subnet_group', 'aws_elasticache_cluster', 'aws_elasticache_replication_group', 'aws_elasticache_serverless_cache',
  'aws_memorydb_subnet_group', 'aws_memorydb_cluster', 'aws_redshift_subnet_group', 'aws_dax_subnet_group', 'aws_dax_cluster',
  // Storage and search: mount targets and file systems are interfaces in their subnets ("Amazon EFS: mount targets";
  // FSx: "the file system's elastic network interfaces"); an OpenSearch domain in a VPC "has no public endpoint" (OpenSearch
  // Service Developer Guide, "Launching your domains within a VPC"), and OpenSearch Serverless VPC endpoints are interface
  // endpoints of the service. A domain's VPC endpoint in another VPC than the domain's is a bridge too (bridges.ts
  // `SERVICE_ENDPOINT`), as is an RDS Proxy endpoint in another VPC than its proxy's.
  'AWS::EFS::MountTarget', 'AWS::FSx::FileSystem', 'AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain', 'AWS::OpenSearchServerless::VpcEndpoint',
  'aws_efs_mount_target', 'aws_fsx_lustre_file_system', 'aws_fsx_windows_file_system', 'aws_fsx_ontap_file_system', 'aws_fsx_openzfs_file_system',
  'aws_opensearch_domain', 'aws_elasticsearch_domain', 'aws_opensearchserverless_vpc_endpoint', 'aws_opensearch_vpc_endpoint', 'aws_elasticsearch_vpc_endpoint',
  // Messaging: MSK Serverless and MSK Connect workers are interfaces in the given subnets (a provisioned cluster with public
  // access is a bridge). An Amazon MQ broker only when it is not publicly accessible (`knownOccupant`): a public one "can be
  // accessed from outside the VPC" (Amazon MQ Developer Guide, "Accessing ... brokers").
  'AWS::MSK::ServerlessCluster', 'AWS::KafkaConnect::Connector', 'AWS::AmazonMQ::Broker',
  'aws_msk_serverless_cluster', 'aws_mskconnect_connector', 'aws_mq_broker',
  // Directories, DNS and integration: Directory Service domain controllers, Resolver endpoints' IP addresses, Glue
  // connections, DMS replication subnet groups and serverless replications, App Runner VPC connectors (the service's
  // outbound traffic only; a public service with one is a bridge) are interfaces in the subnets they name (AWS Directory
  // Service Admin Guide, "Prerequisites"; Route 53 Developer Guide, "Resolver endpoints"; Glue, "Connecting to a VPC";
  // DMS, "Setting up a network for a replication instance"; App Runner, "Enabling VPC access for outgoing traffic").
  'AWS::DirectoryService::MicrosoftAD', 'AWS::DirectoryService::SimpleAD', 'AWS::Route53Resolver::ResolverEndpoint', 'AWS::Glue::Connection',
  'AWS::DMS::ReplicationSubnetGroup', 'AWS::DMS::ReplicationConfig', 'AWS::AppRunner::VpcConnector',
  'aws_directory_service_directory', 'aws_route53_resolver_endpoint', 'aws_glue_connection', 'aws_dms_replication_subnet_group',
  'aws_dms_replication_config', 'aws_apprunner_vpc_connector',
]);

/**
 * Types an engine's reader reads for something else than where they run, and so not known occupants by being read: a
 * resource share is read for the transit gateways it shares — a subnet it shares lets other accounts run in that subnet
 * whatever they like, which no output of this app holds (AWS RAM User Guide, "Shareable resources": "Amazon VPC subnets");
 * a delivery stream is read for the buckets it delivers logs to (SC-4) — in a VPC it delivers what any caller of the
 * Firehose API puts into interfaces in its subnets (Amazon Data Firehose Developer Guide, "Deliver data to ... in a VPC").
 */
const READ_FOR_OTHER_REASONS: ReadonlySet<string> = new Set([
  'AWS::RAM::ResourceShare', 'aws_ram_resource_association', 'AWS::KinesisFirehose::DeliveryStream', 'aws_kinesis_firehose_delivery_stream',
]);

/** Amazon MQ brokers, known occupants only when not publicly accessible (`KNOWN_OCCUPANTS`). */
const BROKERS: Readonly<Record<string, string>> = { 'AWS::AmazonMQ::Broker': 'PubliclyAccessible', 'aws_mq_broker': 'publicly_accessible' };

/**
 * Resource types that name a VPC without opening a path into or out of it, which a type the guard does not read may not
 * be taken to be (`vpcMentionKey`, GUARD-2 at the VPC): a private hosted zone (and its association, authorization) or a
 * Cloud Map private namespace answers the VPC's DNS queries and sends nothing (Route 53 Developer Guide, "Working with
 * private hosted zones"); a block public access exclusion only lifts a block the guard never counts on; encryption
 * control, Reachability Analyzer paths and Network Access Analyzer scopes observe traffic and carry none; a load balancer's
 * target group holds targets of its VPC, where its load balancer (read, an internet-facing one a bridge) sends.
 */
export const VPC_INERT: ReadonlySet<string> = new Set([
  'AWS::Route53::HostedZone', 'AWS::ServiceDiscovery::PrivateDnsNamespace', 'AWS::EC2::VPCBlockPublicAccessExclusion', 'AWS::EC2::VPCEncryptionControl',
  'AWS::EC2::NetworkInsightsPath', 'AWS::EC2::NetworkInsightsAccessScope',
  'aws_route53_zone', 'aws_route53_zone_association', 'aws_route53_vpc_association_authorization', 'aws_service_discovery_private_dns_namespace',
  'aws_vpc_block_public_access_exclusion', 'aws_ec2_network_insights_path', 'aws_lb_target_group', 'aws_alb_target_group',
]);

/**
 * Whether a property path where a resource names a VPC says that the resource joins it (a key with `vpc` or `peer` in it:
 * `VpcId`, `PeerVpcId`, `PeerNetworkId`, `VPCs[0].VPCId`, `vpc_id`), rather than holding its id as data (an SSM
 * parameter's `Value`, a tag). A resource of a type the guard does not read that names a VPC there and no subnet may
 * join the VPC to a network of its own, as an ODB peering, a GameLift fleet's peering or Refactor Spaces do (outside
 * tester, red team 49: each passed unseen): in the My Number or LGWAN segment, an unlabelled VPC or one the guard cannot
 * place, GUARD-2 (bridges.ts `unknownOccupants`), unless it is `VPC_INERT`.
 */
export function vpcMentionKey(property: string): boolean {
  return /vpc|peer/i.test(property);
}

/**
 * Whether a property path where a resource names a security group says that it runs with it (`SecurityGroupIds`,
 * `security_group_ids`, `NetworkConfiguration.SecurityGroups[0]`): a type the guard does not read that names only a
 * group of a closed segment may attach network interfaces with it in the group's VPC (GUARD-2 at that VPC, as one naming
 * the VPC is). Outside tester, red team 49: it passed unseen.
 */
export function groupMentionKey(property: string): boolean {
  return /group/i.test(property);
}

/** A VPC's id as AWS writes it (`vpc-` and 8 or 17 hexadecimal digits): a literal value naming one outside the output. */
const LITERAL_VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * The VPCs outside the output a resource names by a literal id (`vpc-0123…`), as `outside` mentions (`vpcMentionKey`
 * filters them as the VPCs of the output are): a type the guard does not read that joins such a VPC cannot be placed
 * (GUARD-2, bridges.ts `unknownOccupants`). Outside tester, red team 49: only a reference to a VPC of the output was
 * asked about. `bound`: a literal the engine reads as a VPC of the output (a plan's deployed id), mentioned already.
 */
export function literalVpcMentions(p: unknown, bound: (id: string) => boolean = () => false): SubnetMention[] {
  return literalMentions(p, LITERAL_VPC_ID, bound);
}

/** A security group's id as AWS writes it (`sg-` and 8 or 17 hexadecimal digits): a literal value naming one outside the output. */
const LITERAL_GROUP_ID = /^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/**
 * The security groups outside the output a resource names by a literal id (`sg-0123…`), as `outside` mentions
 * (`groupMentionKey` filters them as the groups of the output are): a type the guard does not read that runs with such
 * a group may attach network interfaces in its VPC, which the guard cannot place (GUARD-2, bridges.ts
 * `unknownOccupants`), as one naming a literal VPC id cannot be. Red team 49: only a group of the output was asked about,
 * and a group named under a key that is no membership key (`groupMemberships`) passed unseen. `bound` as for
 * `literalVpcMentions`.
 */
export function literalGroupMentions(p: unknown, bound: (id: string) => boolean = () => false): SubnetMention[] {
  return literalMentions(p, LITERAL_GROUP_ID, bound);
}

/** The literal ids `pattern` matches that `bound` does not read as of the output, as `outside` mentions. */
function literalMentions(p: unknown, pattern: RegExp, bound: (id: string) => boolean): SubnetMention[] {
  const named = (v: unknown): readonly string[] => (typeof v === 'string' && pattern.test(v) && !bound(v) ? [v] : []);
  return subnetMentions(p, named, true).map((m) => ({ ...m, outside: true }));
}

/**
 * Whether a resource of `type` (properties `p`) naming a subnet is an occupant the guard knows: one of `KNOWN_OCCUPANTS`
 * (a broker only when not publicly accessible), the subnets' plumbing, a type the engine's reader reads (`reads`, but
 * `READ_FOR_OTHER_REASONS`), or a bridge (`bridges`: bridges.ts `BRIDGE_TYPES`), which keeps its own finding. A resource
 * of the CloudFormation registry that is no AWS type is refused on its own (GUARD-1) and not asked about here. A custom
 * resource is not known: its handler may make anything in the subnets it is given.
 */
export function knownOccupant(type: string, p: any, reads: boolean, bridges: ReadonlySet<string>): boolean {
  if ((reads && !READ_FOR_OTHER_REASONS.has(type)) || SUBNET_PLUMBING.has(type) || bridges.has(type)) return true;
  if (/^(?!AWS::|Custom::|Alexa::)\w+::/.test(type)) return true;
  if (!KNOWN_OCCUPANTS.has(type)) return false;
  const broker = BROKERS[type];
  if (broker === undefined) return true;
  // Left out: private in the provider (5.100 documentation of `publicly_accessible`, default false); CloudFormation requires it.
  const v = p?.[broker];
  return v === false || v === 'false' || (type === 'aws_mq_broker' && (v === undefined || v === null));
}

/**
 * The property that turns an instance's or a network interface's source/destination check off (Amazon EC2 User Guide,
 * "Change the source or destination checking": with it on, "the instance must be the source or destination of any traffic
 * it sends or receives"; off, it sends packets with any source address, as a NAT or router instance does). Terraform's
 * `aws_spot_instance_request` is an instance too.
 */
const SOURCE_DEST_CHECK: Readonly<Record<string, string>> = {
  'AWS::EC2::Instance': 'SourceDestCheck',
  'AWS::EC2::NetworkInterface': 'SourceDestCheck',
  'aws_instance': 'source_dest_check',
  'aws_network_interface': 'source_dest_check',
  'aws_spot_instance_request': 'source_dest_check',
};

/** A list of security groups left out or empty (`blockGiven`). */
const noGroups = (v: unknown) => !blockGiven(v);

/**
 * Resource types that AWS gives their VPC's default security group when they name none, each with whether `p` names
 * none (EC2 instances are read by their readers, with their interfaces and launch templates). Sources: Amazon VPC User
 * Guide, "Default security groups for your VPCs" (network interfaces); PrivateLink Guide, "Create an interface endpoint"
 * (security groups: "If you do not specify a security group, we associate the default security group"); RDS User Guide,
 * "Controlling access with security groups" (a DB instance or cluster created without VPC security groups gets the
 * VPC's default one; an Aurora instance uses its cluster's); ECS Developer Guide, "awsvpcConfiguration" (securityGroups:
 * "If you don't specify a security group, the default security group for the VPC is used"); Elastic Load Balancing,
 * "Security groups for your Application Load Balancer" (created without one, the VPC's default group); the others' sources
 * at their entries. Outside auditor, red team 38: only EC2 instances counted. Not here, because AWS refuses them without a
 * group or gives them one of their own: a Lambda function's VpcConfig ("SubnetIds and SecurityIds must coexist or be both
 * empty list", InvalidParameterValueException; the provider requires security_group_ids), an EKS cluster (AWS makes a
 * cluster security group for its interfaces, `EKS_CLUSTERS`), a Batch compute environment ("One or more security groups must be
 * specified"). DocumentDB, Neptune and MSK Serverless clusters, Amazon MQ brokers and RDS proxies, whose references say
 * nothing of a fallback, are read as reaching everywhere instead (`NO_DOCUMENTED_FALLBACK`).
 */
export const DEFAULT_GROUP_FALLBACK: Readonly<Record<string, (p: any) => boolean>> = {
  'AWS::EC2::NetworkInterface': (p) => noGroups(p.GroupSet),
  'aws_network_interface': (p) => noGroups(p.security_groups),
  'AWS::EC2::VPCEndpoint': (p) => p.VpcEndpointType === 'Interface' && noGroups(p.SecurityGroupIds),
  'aws_vpc_endpoint': (p) => p.vpc_endpoint_type === 'Interface' && noGroups(p.security_group_ids),
  'AWS::RDS::DBInstance': (p) => p.DBClusterIdentifier === undefined && noGroups(p.VPCSecurityGroups) && noGroups(p.DBSecurityGroups),
  'AWS::RDS::DBCluster': (p) => noGroups(p.VpcSecurityGroupIds),
  'aws_db_instance': (p) => noGroups(p.vpc_security_group_ids) && noGroups(p.security_group_names),
  'aws_rds_cluster': (p) => noGroups(p.vpc_security_group_ids),
  'AWS::ECS::Service': (p) => p.NetworkConfiguration?.AwsvpcConfiguration !== undefined && noGroups(p.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups),
  'aws_ecs_service': (p) => blockGiven(p.network_configuration) && noGroups(oneBlock(p.network_configuration)?.security_groups),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': (p) => (p.Type === undefined || p.Type === 'application') && noGroups(p.SecurityGroups),
  'aws_lb': (p) => (p.load_balancer_type === undefined || p.load_balancer_type === null || p.load_balancer_type === 'application') && noGroups(p.security_groups),
  'aws_alb': (p) => (p.load_balancer_type === undefined || p.load_balancer_type === null || p.load_balancer_type === 'application') && noGroups(p.security_groups),
  // ElastiCache: a serverless cache's SecurityGroupIds, "If no other information is given this will be the VPC's Default
  // Security Group" (ElastiCache API Reference, CreateServerlessCache); a node-based cluster's or replication group's
  // likewise (ElastiCache User Guide, "Accessing your cluster": the group "will be named default" unless one was created;
  // the getting-started tutorial's SecurityGroupIds: "If not defined, default will be used"). A cluster that joins a
  // replication group (Terraform's replication_group_id), or a group built on an existing primary cluster (PrimaryClusterId),
  // takes that one's groups. The cache security group names are EC2-Classic's, and count as groups given.
  'AWS::ElastiCache::CacheCluster': (p) => noGroups(p.VpcSecurityGroupIds) && noGroups(p.CacheSecurityGroupNames),
  'AWS::ElastiCache::ReplicationGroup': (p) => p.PrimaryClusterId === undefined && noGroups(p.SecurityGroupIds) && noGroups(p.CacheSecurityGroupNames),
  'AWS::ElastiCache::ServerlessCache': (p) => noGroups(p.SecurityGroupIds),
  'aws_elasticache_cluster': (p) => !blockGiven(p.replication_group_id) && noGroups(p.security_group_ids),
  'aws_elasticache_replication_group': (p) => noGroups(p.security_group_ids) && noGroups(p.security_group_names),
  'aws_elasticache_serverless_cache': (p) => noGroups(p.security_group_ids),
  // An EFS mount target's interface: "If the request provides SecurityGroups, this network interface is associated with
  // those security groups. Otherwise, it belongs to the default security group for the subnet's VPC" (Amazon EFS API
  // Reference, CreateMountTarget). CloudFormation requires the property (AWS::EFS::MountTarget SecurityGroups, "Required:
  // Yes") but not that the list hold one; the provider's security_groups is optional (5.100).
  'AWS::EFS::MountTarget': (p) => noGroups(p.SecurityGroups),
  'aws_efs_mount_target': (p) => noGroups(p.security_groups),
  // Redshift: VpcSecurityGroupIds, "Default: The default VPC security group is associated with the cluster" (Amazon
  // Redshift API Reference, CreateCluster); ClusterSecurityGroups are the EC2-Classic kind, counted as given.
  'AWS::Redshift::Cluster': (p) => noGroups(p.VpcSecurityGroupIds) && noGroups(p.ClusterSecurityGroups),
  'aws_redshift_cluster': (p) => noGroups(p.vpc_security_group_ids),
  // An OpenSearch (Elasticsearch) domain in a VPC: "If you do not provide a security group ID, OpenSearch Service uses the
  // default security group for the VPC" (OpenSearch Service API Reference, VPCOptions); outside a VPC it has no interface.
  'AWS::OpenSearchService::Domain': (p) => p.VPCOptions !== undefined && noGroups(p.VPCOptions?.SecurityGroupIds),
  'AWS::Elasticsearch::Domain': (p) => p.VPCOptions !== undefined && noGroups(p.VPCOptions?.SecurityGroupIds),
  'aws_opensearch_domain': (p) => blockGiven(p.vpc_options) && noGroups(oneBlock(p.vpc_options)?.security_group_ids),
  'aws_elasticsearch_domain': (p) => blockGiven(p.vpc_options) && noGroups(oneBlock(p.vpc_options)?.security_group_ids),
  // An MSK cluster's brokers: "If you don't specify a security group, Amazon MSK uses the default security group
  // associated with the VPC" (MSK API Reference, BrokerNodeGroupInfo). The provider requires security_groups (5.100).
  'AWS::MSK::Cluster': (p) => noGroups(p.BrokerNodeGroupInfo?.SecurityGroups),
  // DAX: "If this parameter is not specified, DAX assigns the default VPC security group to each node" (DAX API
  // Reference, CreateCluster SecurityGroupIds).
  'AWS::DAX::Cluster': (p) => noGroups(p.SecurityGroupIds),
  'aws_dax_cluster': (p) => noGroups(p.security_group_ids),
  // An App Runner VPC connector: "If not specified, App Runner uses the default security group of the Amazon VPC"
  // (AWS::AppRunner::VpcConnector SecurityGroups). The provider requires security_groups (5.100).
  'AWS::AppRunner::VpcConnector': (p) => noGroups(p.SecurityGroups),
  // An RDS Proxy endpoint: "The default is the default security group for the VPC" (RDS API Reference,
  // CreateDBProxyEndpoint VpcSecurityGroupIds).
  'AWS::RDS::DBProxyEndpoint': (p) => noGroups(p.VpcSecurityGroupIds),
  'aws_db_proxy_endpoint': (p) => noGroups(p.vpc_security_group_ids),
};

/** Where a resource that names no security group runs with one the guard cannot read (`NO_DOCUMENTED_FALLBACK`). */
export interface UnknownFallback {
  /** The property that would name its groups. */
  readonly property: string;
  /** The subnets of the parts that name none (an MSK Serverless cluster's VPC configurations); left out: wherever it runs. */
  readonly subnets?: readonly unknown[];
}

/** The values of a list of subnets (one value, or none, as a list). */
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** `UnknownFallback` of a resource whose groups are one list, `property`. */
const groupList = (property: string) => (p: any): UnknownFallback | undefined => (noGroups(p[property]) ? { property } : undefined);

/**
 * Resource types that may name no security group and whose references do not say what AWS gives their network
 * interfaces then, each with what `p` leaves without one. The reference of each says nothing of a default: DocumentDB and
 * Neptune CreateDBCluster, VpcSecurityGroupIds ("A list of EC2 VPC security groups to associate with this cluster");
 * MSK CreateClusterV2, the serverless VpcConfig's SecurityGroupIds ("The IDs of the security groups associated with the
 * cluster"; AWS::MSK::ServerlessCluster VpcConfig SecurityGroups, "Required: No", no description); Amazon MQ CreateBroker,
 * securityGroups ("The list of rules (1 minimum, 125 maximum) that authorize connections to brokers"; optional); RDS
 * CreateDBProxy, VpcSecurityGroupIds ("One or more VPC security group IDs to associate with the new proxy") — where a proxy
 * endpoint's says "The default is the default security group for the VPC" (CreateDBProxyEndpoint, in
 * `DEFAULT_GROUP_FALLBACK`). The VPC's default group is no bound then: a service may give its interfaces a group of its
 * own, with rules it chooses and no template shows (as EKS makes a cluster security group), and one that admits more
 * than the default group's own members would pass as the default group. So each is read as one open to all traffic both
 * ways, in the VPCs it runs in (the builder's `usesUnknownGroup`), and reported (GUARD-1, the builder's `namesNoGroup`): name a group.
 */
export const NO_DOCUMENTED_FALLBACK: Readonly<Record<string, (p: any) => UnknownFallback | undefined>> = {
  'AWS::DocDB::DBCluster': groupList('VpcSecurityGroupIds'),
  'aws_docdb_cluster': groupList('vpc_security_group_ids'),
  'AWS::Neptune::DBCluster': groupList('VpcSecurityGroupIds'),
  'aws_neptune_cluster': groupList('vpc_security_group_ids'),
  // Up to five VPC configurations, each with its subnets and groups: only those without groups.
  'AWS::MSK::ServerlessCluster': (p) => {
    const bare = listOf(p.VpcConfigs).filter((c: any) => noGroups(c?.SecurityGroups));
    return bare.length > 0 ? { property: 'VpcConfigs.SecurityGroups', subnets: bare.flatMap((c: any) => listOf(c?.SubnetIds)) } : undefined;
  },
  'aws_msk_serverless_cluster': (p) => {
    const bare = listOf(p.vpc_config).filter((c: any) => noGroups(c?.security_group_ids));
    return bare.length > 0 ? { property: 'vpc_config.security_group_ids', subnets: bare.flatMap((c: any) => listOf(c?.subnet_ids)) } : undefined;
  },
  'AWS::AmazonMQ::Broker': groupList('SecurityGroups'),
  'aws_mq_broker': groupList('security_groups'),
  'AWS::RDS::DBProxy': groupList('VpcSecurityGroupIds'),
  'aws_db_proxy': groupList('vpc_security_group_ids'),
};

/**
 * The types of `DEFAULT_GROUP_FALLBACK` and `NO_DOCUMENTED_FALLBACK` that run in the subnets of a subnet group they
 * name, not in subnets they name themselves (the extractors' `serviceSubnets` finds the group's).
 */
export const RUNS_IN_SUBNET_GROUP: ReadonlySet<string> = new Set([
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::CacheCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::Redshift::Cluster',
  'AWS::DAX::Cluster', 'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster',
  'aws_db_instance', 'aws_rds_cluster', 'aws_elasticache_cluster', 'aws_elasticache_replication_group', 'aws_redshift_cluster', 'aws_dax_cluster',
  'aws_docdb_cluster', 'aws_neptune_cluster',
]);

/**
 * Amazon EKS makes a security group for every cluster, its cluster security group (Amazon EKS User Guide, "View Amazon
 * EKS security group requirements for clusters"), with the default rules "Inbound | All | All | Self" and "Outbound |
 * All | All | 0.0.0.0/0 (IPv4) or ::/0 (IPv6)" (both families here: fail closed), and "automatically associates this
 * security group to ... 2–4 elastic network interfaces ... that are created when you create your cluster [and] network
 * interfaces of the nodes in any managed node group" — but a node group whose launch template names security groups
 * ("If you specify custom security groups in the launch template ..., Amazon EKS doesn't add the cluster security
 * group", "Customize managed nodes with launch templates"); Fargate pods "are automatically configured to use the
 * cluster security group" ("Get started with AWS Fargate for your cluster"). The guard reads it with those rules, in the
 * cluster's VPC, with the rules the output adds to it (`ClusterSecurityGroupId`, `vpc_config[0].cluster_security_group_id`);
 * a change made to it outside the output is not seen, as for a VPC's default group.
 */
export const EKS_CLUSTERS: ReadonlySet<string> = new Set(['AWS::EKS::Cluster', 'aws_eks_cluster']);

/** What else runs with its EKS cluster's security group (`EKS_CLUSTERS`): the property naming the cluster, a node group's launch template. */
export const EKS_CLUSTER_GROUP_USERS: Readonly<Record<string, { readonly cluster: string; readonly template?: string }>> = {
  'AWS::EKS::Nodegroup': { cluster: 'ClusterName', template: 'LaunchTemplate' },
  'aws_eks_node_group': { cluster: 'cluster_name', template: 'launch_template' },
  'AWS::EKS::FargateProfile': { cluster: 'ClusterName' },
  'aws_eks_fargate_profile': { cluster: 'cluster_name' },
};

/** Whether a launch template's data (CloudFormation `LaunchTemplateData`, an `aws_launch_template`'s arguments) names security groups. */
export function templateNamesGroups(data: any): boolean {
  const interfaces = listOf(data?.NetworkInterfaces ?? data?.network_interfaces);
  return [data?.SecurityGroupIds, data?.SecurityGroups, data?.vpc_security_group_ids, data?.security_group_names,
    ...interfaces.flatMap((i: any) => [i?.Groups, i?.security_groups])].some(blockGiven);
}

/** The elements of a list of blocks that are written out (an element given by an expression is read elsewhere, GUARD-1). */
const writtenBlocks = (v: unknown): any[] => listOf(v).filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && !isExpression(x));

/**
 * The network interfaces of a launch template's data that name no security group, where another part of it names some
 * (`templateNamesGroups` true): EC2 puts such an interface in its VPC's default group, as an instance launched with none
 * named (Amazon VPC User Guide, "Default security groups for your VPCs": "If you don't specify a security group when you
 * launch an instance, the instance is automatically associated with the default security group for the VPC"). An
 * interface by id (`NetworkInterfaceId`) has the groups of that interface, read at it. `subnets`: the subnets such
 * interfaces name themselves; `launcher`: one of them takes the subnet the launcher gives (it names none, or it may be the
 * primary one, whose subnet a launcher's subnets override: device index 0, left out, or a value the guard cannot read).
 * Undefined when there is none.
 */
export function bareTemplateInterfaces(data: any): { readonly subnets: readonly unknown[]; readonly launcher: boolean } | undefined {
  const subnets: unknown[] = [];
  let launcher = false;
  let bare = false;
  for (const n of writtenBlocks(data?.NetworkInterfaces ?? data?.network_interfaces)) {
    if (blockGiven(n.Groups) || blockGiven(n.security_groups) || blockGiven(n.NetworkInterfaceId) || blockGiven(n.network_interface_id)) continue;
    bare = true;
    const subnet = n.SubnetId ?? n.subnet_id;
    if (subnet !== undefined && subnet !== null) subnets.push(subnet);
    const index = n.DeviceIndex ?? n.device_index;
    if (subnet === undefined || subnet === null || !(typeof index === 'number' || (typeof index === 'string' && /^\d+$/.test(index))) || Number(index) === 0) launcher = true;
  }
  return bare ? { subnets, launcher } : undefined;
}

/**
 * Resource types with parts that each launch instances or make interfaces of their own, each part with its own security
 * groups, and the subnets (as written) of the parts that name none: those run with their VPC's default group (the
 * builder's `usesDefaultGroup`; Amazon VPC User Guide, "Default security groups for your VPCs": an instance launched
 * without a group gets the VPC's default one; RunInstances SecurityGroupIds: "If you don't specify a security group ID,
 * we use the default security group"). A Spot Fleet's inline launch specifications (CloudFormation
 * `SpotFleetRequestConfigData.LaunchSpecifications`, Terraform `aws_spot_fleet_request.launch_specification`) launch
 * EC2 instances as RunInstances does; the EC2 API Reference's SpotFleetLaunchSpecification SecurityGroups names no other
 * fallback ("If you specify a network interface, you must specify any security groups as part of the network
 * interface"). A specification's interfaces are parts of their own, as an instance's are: an EC2 instance's own
 * `NetworkInterfaces` (CloudFormation) that name no `GroupSet` nor an interface by id. (Terraform's `aws_instance`
 * `network_interface` names an `aws_network_interface`, read with its own groups, `DEFAULT_GROUP_FALLBACK`.)
 */
export const DEFAULT_GROUP_PARTS: Readonly<Record<string, (p: any) => readonly unknown[]>> = {
  'AWS::EC2::SpotFleet': (p) => writtenBlocks(p.SpotFleetRequestConfigData?.LaunchSpecifications).flatMap((spec: any) => {
    const interfaces = writtenBlocks(spec.NetworkInterfaces);
    if (interfaces.length === 0) return noGroups(spec.SecurityGroups) ? listOf(spec.SubnetId) : [];
    return interfaces.filter((n) => noGroups(n.Groups) && !blockGiven(n.NetworkInterfaceId)).flatMap((n) => listOf(n.SubnetId ?? spec.SubnetId));
  }),
  'aws_spot_fleet_request': (p) => writtenBlocks(p.launch_specification).filter((spec: any) => noGroups(spec.vpc_security_group_ids)).flatMap((spec: any) => listOf(spec.subnet_id)),
  'AWS::EC2::Instance': (p) => writtenBlocks(p.NetworkInterfaces).filter((n) => noGroups(n.GroupSet) && !blockGiven(n.NetworkInterfaceId)).flatMap((n) => listOf(n.SubnetId ?? p.SubnetId)),
};

/**
 * Launch templates, launch configurations and what launches instances from them, each with whether it names the security
 * groups of the instances launched. An instance launched with none named — neither by its template or configuration nor
 * by its launcher — gets its VPC's default group, as one launched without a template does (EC2 User Guide, "Default
 * security groups for your VPCs"; RunInstances SecurityGroupIds: "If you don't specify a security group ID, we use the
 * default security group"): the builder's `usesDefaultGroup` where the launcher runs them (`launchedDefaultGroup`). An Auto
 * Scaling group or fleet names none of its own (its overrides take no groups); an instance names its own groups or
 * interfaces (an interface of its own may bring its groups, as for an instance without a template); a Batch compute
 * environment's SecurityGroupIds come before its template's (AWS Batch API Reference, ComputeResource securityGroupIds,
 * which AWS requires in one of the two: read here all the same). Not here: an EKS managed node group, which runs with
 * its cluster's security group then (`EKS_CLUSTER_GROUP_USERS`).
 */
export const LAUNCH_GROUPS: Readonly<Record<string, (p: any) => boolean>> = {
  'AWS::EC2::LaunchTemplate': (p) => templateNamesGroups(p.LaunchTemplateData),
  'aws_launch_template': (p) => templateNamesGroups(p),
  'AWS::AutoScaling::LaunchConfiguration': (p) => blockGiven(p.SecurityGroups),
  'aws_launch_configuration': (p) => blockGiven(p.security_groups),
  'AWS::EC2::Instance': (p) => [p.SecurityGroupIds, p.SecurityGroups, p.NetworkInterfaces].some(blockGiven),
  'aws_instance': (p) => [p.vpc_security_group_ids, p.security_groups, p.network_interface, p.primary_network_interface].some(blockGiven),
  'AWS::AutoScaling::AutoScalingGroup': () => false,
  'aws_autoscaling_group': () => false,
  'AWS::EC2::EC2Fleet': () => false,
  'AWS::EC2::SpotFleet': () => false,
  'aws_ec2_fleet': () => false,
  'aws_spot_fleet_request': () => false,
  'AWS::Batch::ComputeEnvironment': (p) => blockGiven(p.ComputeResources?.SecurityGroupIds),
  'aws_batch_compute_environment': (p) => blockGiven(oneBlock(p.compute_resources)?.security_group_ids),
};

/**
 * A managed node group's SSH access: EKS makes a group for it that admits "SSH access (port 22) to the nodes. For
 * Windows, the port is 3389", from `sources`; "If you specify an Amazon EC2 SSH key but don't specify a source security
 * group ..., then the port on the nodes is opened to the internet (0.0.0.0/0)" (Amazon EKS API Reference,
 * RemoteAccessConfig). Its outbound rules are not documented: EC2's for a new group, all outbound (both families, fail
 * closed). Undefined without remote access.
 */
export function remoteAccess(type: string, p: any): { readonly property: string; readonly sources: readonly unknown[] } | undefined {
  if (type === 'AWS::EKS::Nodegroup' && blockGiven(p?.RemoteAccess)) {
    return { property: 'RemoteAccess.SourceSecurityGroups', sources: listOf(p.RemoteAccess?.SourceSecurityGroups) };
  }
  if (type === 'aws_eks_node_group' && blockGiven(p?.remote_access)) {
    const block = oneBlock(p.remote_access);
    return { property: 'remote_access.source_security_group_ids', sources: listOf(block?.source_security_group_ids) };
  }
  return undefined;
}

/** The ports a node group's remote-access group opens (`remoteAccess`): SSH, and RDP for Windows nodes. */
export const REMOTE_ACCESS_PORTS: readonly number[] = [22, 3389];

/**
 * Keys under which a resource names the security groups of its own network interfaces, as CloudFormation and the AWS
 * provider spell them (`SecurityGroupIds`, `VpcSecurityGroupIds`, an interface's `GroupSet`, `vpc_security_group_ids`, an
 * attachment's `security_group_id`…); a launch template's interfaces name theirs `Groups` (`GROUPS_IN`).
 */
const MEMBERSHIP_KEYS: ReadonlySet<string> = new Set([
  'SecurityGroupIds', 'SecurityGroups', 'VpcSecurityGroupIds', 'VPCSecurityGroups', 'GroupSet',
  'security_group_ids', 'security_groups', 'vpc_security_group_ids', 'security_group_id',
  // A Glue connection's PhysicalConnectionRequirements (physical_connection_requirements): the security groups of the
  // network interfaces Glue sets up in the connection's subnet for the jobs and crawlers that use it (AWS Glue API
  // Reference, PhysicalConnectionRequirements SecurityGroupIdList; Developer Guide, "Setting up network access to data
  // stores"). Red team 49: a group outside the output named there passed unseen.
  'SecurityGroupIdList', 'security_group_id_list',
]);

/** The block whose `Groups` are its security groups: a launch template's network interface. */
const GROUPS_IN = 'NetworkInterfaces';

/**
 * Types whose group-valued keys name a rule's group or peer, not groups they are members of: the groups and their rules
 * (an `aws_security_group`'s ingress `security_groups` are peers).
 */
const NOT_MEMBERS = /^(?:AWS::EC2::SecurityGroup(?:Ingress|Egress|VpcAssociation)?|aws_(?:default_)?security_group(?:_rule)?|aws_vpc_security_group_\w+)$/;

/** Maps whose keys the user chooses (environment variables, parameters, substitutions): a key there names no group. */
const USER_KEYS: ReadonlySet<string> = new Set(['Variables', 'variables', 'Parameters', 'parameters', 'Metadata', 'DefinitionSubstitutions',
  'definition_substitutions', 'InputParameters', 'input_parameters']);

/** A security group a resource names for itself (`groupMemberships`), with the property path that names it. */
export interface GroupMembership {
  readonly property: string;
  readonly value: unknown;
}

/**
 * The security groups a resource of `type` names for its own network interfaces (`MEMBERSHIP_KEYS`), each element of a
 * list on its own (a spot fleet's `{ GroupId }` blocks by their `GroupId`), tags and user-keyed maps skipped. None for a
 * custom resource or a registry type (its properties are its handler's input) or a group or rule (`NOT_MEMBERS`). The
 * extractors resolve each: a value they cannot read may be any group — the VPC's default group, or one outside the output
 * with any rules — and is read as reaching everywhere; the default group named is the default group used.
 */
export function groupMemberships(type: string, properties: unknown): GroupMembership[] {
  if (!/^(?:AWS::|aws_)/.test(type) || NOT_MEMBERS.test(type)) return [];
  const found: GroupMembership[] = [];
  const keys: (string | number)[] = [];
  const take = (v: unknown, at: (string | number)[]) => {
    if (v === undefined || v === null) return;
    if (!isBlock(v)) found.push({ property: propertyPath(at), value: v });
    else if ((v as any).GroupId !== undefined) found.push({ property: propertyPath([...at, 'GroupId']), value: (v as any).GroupId });
  };
  const walk = (value: unknown, parent: string | undefined): void => {
    if (typeof value !== 'object' || value === null || isExpression(value)) return;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        keys.push(i);
        walk(v, parent);
        keys.pop();
      });
      return;
    }
    for (const k in value) {
      if (NOT_PLACING.has(k) || USER_KEYS.has(k)) continue;
      const v = (value as Record<string, unknown>)[k];
      keys.push(k);
      if (MEMBERSHIP_KEYS.has(k) || (k === 'Groups' && parent === GROUPS_IN)) {
        if (Array.isArray(v)) v.forEach((x, i) => take(x, [...keys, i]));
        else take(v, keys);
      } else {
        walk(v, k);
      }
      keys.pop();
    }
  };
  walk(properties, undefined);
  return found;
}

/** A resource whose source/destination check is, or may be, off (`sourceCheckOff`): the property, and whether its value is unreadable. */
export interface SourceCheckOff {
  readonly property: string;
  /** The value is no literal (a parameter, a condition, a variable): the check may be off (fail closed), reported as GUARD-1. */
  readonly unreadable: boolean;
}

/**
 * Whether a resource of `type` (properties `p`) may send packets whose source is not its own address: its source/destination
 * check is off (`false`), or given by a value the guard cannot read. Left out (or `null`, Terraform's unset) it is on: the
 * default of both engines (CloudFormation `AWS::EC2::Instance` SourceDestCheck; provider 5.100 `source_dest_check`, "Defaults
 * true"). Any other literal than true is read as off (fail closed).
 */
export function sourceCheckOff(type: string, p: any): SourceCheckOff | undefined {
  const property = SOURCE_DEST_CHECK[type];
  if (property === undefined) return undefined;
  const v = p?.[property];
  if (v === undefined || v === null || v === true || v === 'true') return undefined;
  return { property, unreadable: v !== false && v !== 'false' };
}

/** The fix for a source/destination check the guard cannot read. */
export const SOURCE_CHECK_FIX = 'write SourceDestCheck (source_dest_check) out as a literal (true unless the instance forwards, as a NAT or router '
  + 'instance does), so that the guard can read which addresses it sends from';

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
 * Keys (case and underscores aside) under which AWS resource types write where they run in a VPC, as a block or list
 * that holds the subnets: Lambda's, CodeBuild's and SageMaker's `VpcConfig`, ECS's and Bedrock AgentCore's
 * `NetworkConfiguration` (with its `NetworkModeConfig`), Directory Service's `VpcSettings`, OpenSearch's `VPCOptions`,
 * an instance's `NetworkInterfaces`, and any key naming subnets.
 */
const NETWORK_BLOCK = /^(?:vpcconfig(?:uration)?|networkconfig(?:uration)?|networkmodeconfig|vpcsettings|vpcoptions|networkinterfaces?|.*subnet.*)$/;

/**
 * The first property (path) where a resource gives where it runs in a VPC by a value the guard cannot read: a key of
 * `NETWORK_BLOCK` whose value, or an element of it, `unreadable` says is known only at deploy time (a block or list
 * given by a template parameter or an input variable). Asked of a resource of a type the guard does not know that names
 * no subnet it can read (`subnetMentions` found none): such a value may hold any subnet, so the resource may run in any
 * (GUARD-2, fail closed). Tags are skipped. Undefined when there is none.
 */
export function unreadNetworkBlock(properties: unknown, unreadable: (value: unknown) => boolean): string | undefined {
  const keys: (string | number)[] = [];
  const walk = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null || isExpression(value)) return false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        keys.push(i);
        if (walk(value[i])) return true;
        keys.pop();
      }
      return false;
    }
    for (const k in value) {
      if (NOT_PLACING.has(k)) continue;
      const v = (value as Record<string, unknown>)[k];
      keys.push(k);
      if (NETWORK_BLOCK.test(k.replace(/_/g, '').toLowerCase()) && (Array.isArray(v) ? v.some((x) => unreadable(x)) : unreadable(v))) return true;
      if (walk(v)) return true;
      keys.pop();
    }
    return false;
  };
  return walk(properties) ? propertyPath(keys) : undefined;
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
