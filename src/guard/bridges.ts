/**
 * Network bridges the guard does not model (docs/guard-semantics.md §10, GUARD-1): resources that open a path into or
 * out of a VPC without a route the reachability engine follows — Client VPN, PrivateLink endpoint services, traffic
 * mirroring, Transit Gateway Connect and multicast, Verified Access, Global Accelerator (endpoint groups — custom
 * routing ones too —, cross-account attachments), CloudFront VPC origins, API Gateway VPC links, App Runner VPC
 * ingress and public services with a VPC connector, Lambda function URLs on functions in a VPC and the API Gateway integrations, authorizers and OpenAPI
 * definitions, load balancer and VPC Lattice target groups, AppSync data sources and Lambda authorizers, IoT topic
 * rules, SES receipt rules and Cognito user pool triggers that invoke such functions, Cloud9 environments connecting by
 * SSH, Resolver rule associations forwarding through another VPC's outbound endpoint, Outposts local gateways, Cloud WAN, Oracle
 * Database@AWS peerings, GameLift fleets peered with a VPC, Refactor Spaces, compute registered in VPC Lattice target groups, VPN gateways
 * without a zone label, VPC endpoints to another network's endpoint service, VPC Lattice service networks, EC2 Instance
 * Connect Endpoints, EKS clusters with a public API endpoint, internet-facing Transfer Family servers, an instance with
 * a public IP address, an Elastic IP address or network interfaces in more than one VPC, ECS tasks (and Batch Fargate
 * jobs) with public IP addresses, Terraform's adopted default VPC, an internet-facing load balancer, a publicly
 * accessible database, replication instance or notebook, an AppStream fleet or image builder in a VPC, WorkSpaces Secure
 * Browser network settings, an MSK cluster with public access, an Elastic Beanstalk
 * environment with public instances or load balancer, a launch template asking for a public IP address (placed where
 * what launches it runs), what launches a template whose network interfaces are in more than one VPC (and such a
 * template nothing in the output launches), and what launches a template the output does not hold. The extractors record what each one
 * attaches to; once every resource is read, `resolveBridges` places the attachments and records one unresolved value
 * per resource that touches the My Number or LGWAN segment, an unlabelled VPC, or anything it cannot place (fail
 * closed).
 *
 * An attachment only in the Internet segment (or the prefecture hub) is not recorded: public ingress into and egress
 * from the Internet segment is the security cloud's concern (SC-2, SC-3), and the three-layer separation holds as long
 * as the bridge ends there; with a hub, SC-3 judges those that let the internet in (`internetIngress`, kept in
 * `TopologyGraph.ingress`). This is a known limit for the others: the guard does not judge such a bridge's own reach.
 * A Cloud WAN VPC attachment there is IN-1's (`cloudWanInInternet`): none of those rules reads a core network.
 */
import { CLOSED, literallyClosed } from './enums';
import { gatewayZone, GraphNode, Ref, RoleLabelNode, SubnetNode, UnresolvedValue, VpcNode, VpnGatewayNode } from './graph';
import { bareTemplateInterfaces, LAUNCH_GROUPS, SubnetMention, UNKNOWN_SUBNET } from './occupants';
import { blocks, expressionText, isExpression } from './unreadable';
import { Segment, SEGMENT_JA } from '../model/segment';

/** What an internet-facing load balancer opens. */
const INTERNET_FACING = 'the internet through an internet-facing load balancer';

/** How to fix an internet-facing load balancer in the My Number or LGWAN segment. */
export const INTERNET_FACING_FIX = 'make the load balancer internal (Scheme: internal, internal = true), or put it only in subnets of the Internet segment: '
  + 'no ingress from the internet into the My Number or LGWAN segment is acceptable (三層の対策)';

/** What a publicly accessible database or replication instance opens. */
const PUBLIC_ENDPOINT = 'the internet through the public endpoint of a publicly accessible database or replication instance';

/**
 * What an Aurora cluster's Data API opens: an HTTPS endpoint of AWS on which any principal the account's policies allow
 * runs SQL on the cluster from anywhere, the internet included (`EnableHttpEndpoint` / `enable_http_endpoint`; RDS User
 * Guide, "Using the Amazon RDS Data API"). AppSync's RELATIONAL_DATABASE data sources reach a cluster through it.
 * Outside tester, red team 39.
 */
export const DATA_API = 'the callers of the RDS Data API, an HTTPS endpoint of AWS that runs SQL on the cluster';

/** How to fix an Aurora cluster in the My Number or LGWAN segment with its Data API on. */
export const DATA_API_FIX = 'turn the Data API off (EnableHttpEndpoint / enable_http_endpoint false), or run the cluster only in subnets of the Internet segment: '
  + 'its callers run SQL inside the segment from outside it (三層の対策)';

/** Whether an Aurora cluster's Data API may be on: given true, or a value the guard cannot read (left out: off). */
export function dataApiOn(type: string, p: any): boolean {
  return type === 'AWS::RDS::DBCluster' ? mayBeOn(p.EnableHttpEndpoint) : type === 'aws_rds_cluster' && mayBeOn(p.enable_http_endpoint);
}

/** How to fix a publicly accessible managed service in the My Number or LGWAN segment. */
export const PUBLIC_SERVICE_FIX = 'make it private: PubliclyAccessible (publicly_accessible) false for a database or replication instance, '
  + 'DirectInternetAccess (direct_internet_access) Disabled for a notebook instance; or run it only in subnets of the Internet segment (三層の対策)';

/** How to fix an AppStream fleet or image builder with default internet access in the My Number or LGWAN segment. */
export const APPSTREAM_FIX = 'turn default internet access off (EnableDefaultInternetAccess / enable_default_internet_access false), '
  + 'or run the fleet or image builder only in subnets of the Internet segment (三層の対策)';

/**
 * What an AppStream 2.0 fleet or image builder in a VPC opens whatever its internet access: its streaming instances have
 * a network interface in its subnets (API reference, VpcConfig `SubnetIds`: "the subnets to which a network interface is
 * attached from the fleet instance or image builder instance"), and AppStream streams their desktop to its users, who
 * connect from the internet. Like an EC2 Instance Connect Endpoint, it lets people on the internet work inside the subnet.
 */
export const APPSTREAM_STREAMING = 'remote users streaming the desktop of an AppStream fleet or image builder';

/** How to fix an AppStream fleet or image builder streaming from the My Number or LGWAN segment. */
export const APPSTREAM_STREAMING_FIX = 'run the fleet or image builder only in subnets of the Internet segment, or outside every VPC: its users stream, '
  + 'from the internet, a desktop that works in its subnets (三層の対策)';

/** How to fix WorkSpaces Secure Browser network settings in the My Number or LGWAN segment. */
export const SECURE_BROWSER_FIX = 'give the portal network settings only in subnets of the Internet segment: its users browse, from the internet, '
  + 'with browsers that work in those subnets (三層の対策)';

/**
 * How to fix Amazon WorkSpaces in the My Number or LGWAN segment: a WorkSpace works in the subnets its directory is
 * registered with (`aws_workspaces_directory` `subnet_ids`), and its user connects to it from the internet.
 */
export const WORKSPACES_FIX = 'register the WorkSpaces directory with subnets of the Internet segment only (aws_workspaces_directory subnet_ids) in the '
  + 'configuration: its users work, from the internet, on desktops in those subnets (三層の対策)';

/** How to fix a managed application open to the internet whose code runs in the VPC (an MWAA environment, a SageMaker domain). */
export const MANAGED_APP_FIX = 'make it private (WebserverAccessMode / webserver_access_mode PRIVATE_ONLY for an MWAA environment, '
  + 'AppNetworkAccessType / app_network_access_type VpcOnly for a SageMaker domain), or run it only in subnets of the Internet segment (三層の対策)';

/** How to fix a managed VPC connection to a cluster of another VPC or account in the My Number or LGWAN segment. */
export const MANAGED_CONNECTION_FIX = 'remove the managed VPC connection, or make it only in subnets of the Internet segment: from the My Number or LGWAN '
  + 'segment reach only clusters in the segment\'s own VPC (三層の対策)';

/** What a managed VPC connection opens: a cluster anywhere, in another VPC or account. */
const MANAGED_CONNECTION = 'a cluster of another VPC or account through a managed VPC connection (MSK multi-VPC connectivity, a Redshift-managed VPC endpoint)';

/**
 * What a managed VPC connection opens at its cluster's end: an MSK cluster with multi-VPC private connectivity, a Redshift
 * cluster another account may make endpoints to (an endpoint authorization), or a cluster of the output that a managed
 * VPC connection or Redshift-managed VPC endpoint of the output reaches from its subnets: interfaces in other VPCs (other
 * accounts' too) that forward into the cluster's subnets (Amazon MSK Developer Guide, "Amazon MSK multi-VPC private
 * connectivity in a single Region"; Amazon Redshift Management Guide, "Working with Redshift-managed VPC endpoints").
 * Outside tester, red team 49: a connection from the Internet segment to a cluster of the My Number segment passed.
 */
export const MANAGED_TARGET = 'other VPCs or accounts through managed VPC connections to a cluster (MSK multi-VPC connectivity, Redshift-managed VPC endpoints)';

/**
 * What an endpoint of a managed service made in another VPC than the service's opens: its interfaces forward into the
 * service's VPC — an RDS Proxy endpoint ("you can create a proxy endpoint in a different VPC", Amazon RDS User Guide,
 * "Accessing Aurora and RDS databases across VPCs"), an OpenSearch (Elasticsearch) domain's VPC endpoint (OpenSearch
 * Service Developer Guide, "Access Amazon OpenSearch Service using an OpenSearch Service-managed VPC endpoint (AWS
 * PrivateLink)"), a Redshift Serverless endpoint access. Read as a bridge over both VPCs (`multiVpc`) when the output
 * holds the service, at the endpoint's subnets when it does not (the service may be anywhere); another account's
 * authorization to make such endpoints (`aws_opensearch_authorize_vpc_endpoint_access`) at the domain. Outside tester,
 * red team 49: one in the Internet segment to a proxy, domain or workgroup of the My Number segment passed.
 */
export const SERVICE_ENDPOINT = 'another VPC through a managed service\'s endpoint in it (an RDS Proxy, OpenSearch or Redshift Serverless VPC endpoint)';

/** How to fix an endpoint of a managed service in another VPC than the service's. */
export const SERVICE_ENDPOINT_FIX = 'make the endpoint in the VPC of its proxy, domain or workgroup, or remove it (and any authorization for other accounts to '
  + 'make one): an endpoint in another VPC joins the two (三層の対策)';

/**
 * What an MSK Serverless cluster with VPC configurations in more than one VPC opens: its clients in each VPC produce to and
 * consume from one cluster, which carries their data between the VPCs (Amazon MSK Developer Guide, "Create an MSK
 * Serverless cluster": up to five VPCs). Read as a bridge over its VPCs (`multiVpc`). Outside tester, red team 49: one
 * with a VPC configuration in the My Number segment and one in the Internet segment passed.
 */
export const MULTI_VPC_CLUSTER = 'the other VPCs of an MSK Serverless cluster whose VPC configurations are in more than one VPC';

/** How to fix an MSK Serverless cluster in more than one VPC. */
export const MULTI_VPC_CLUSTER_FIX = 'give the cluster VPC configurations of one VPC only (its segment\'s): a cluster in two VPCs carries data between them (三層の対策)';

/**
 * What a database replicated by AWS opens: its data reaches the other VPCs its replicas or sources are in, over AWS's own
 * network (Amazon RDS User Guide, "Working with DB instance read replicas"; Aurora User Guide, "Using Amazon Aurora global
 * databases": any cluster of the account may be added as a secondary; ElastiCache, "Replication across AWS Regions using
 * global datastores"). A read replica (or Aurora replica cluster) with its source in the output is a bridge over both
 * (`multiVpc`); a member of a global database or datastore, and a replica whose source the output does not hold, one at
 * its own subnets (the others may be anywhere). Outside tester, red team 49: a read replica in the Internet segment of a
 * database of the My Number segment passed.
 */
export const REPLICATED = 'the other places a database replicates to or from (a read replica, an Aurora global database, an ElastiCache global datastore)';

/** How to fix a database replicated out of or into the My Number or LGWAN segment. */
export const REPLICATED_FIX = 'keep a database and its replicas in one VPC of its segment (no read replica, global database or global datastore across VPCs), '
  + 'or run them only in subnets of the Internet segment: a replica carries the data between them (三層の対策)';

/** How to fix a cluster of the My Number or LGWAN segment that managed VPC connections reach. */
export const MANAGED_TARGET_FIX = 'remove the managed VPC connections to the cluster, its endpoint authorizations and its multi-VPC connectivity, or run the '
  + 'cluster only in subnets of the Internet segment: through them other VPCs and accounts reach into the segment (三層の対策)';

/**
 * Whether an MSK cluster's brokers may take managed VPC connections from other VPCs: multi-VPC private connectivity with
 * a client authentication turned on (or not readable) — `ConnectivityInfo.VpcConnectivity.ClientAuthentication`
 * (`Sasl.Iam`, `Sasl.Scram`, `Tls` `Enabled`), Terraform's `connectivity_info.vpc_connectivity.client_authentication`
 * (`sasl.iam`, `sasl.scram`, `tls`).
 */
export function mskMultiVpc(engine: 'cloudformation' | 'terraform', info: any): boolean {
  if (engine === 'cloudformation') {
    const auth = info?.ConnectivityInfo?.VpcConnectivity?.ClientAuthentication;
    if (auth === undefined || auth === null) return false;
    if (isExpression(auth)) return true;
    return [auth.Sasl?.Iam?.Enabled, auth.Sasl?.Scram?.Enabled, auth.Tls?.Enabled].some(mayBeOn);
  }
  const vpc = blocks(blocks(info?.connectivity_info)[0]?.vpc_connectivity)[0];
  const auth = vpc === undefined ? undefined : isExpression(vpc) ? vpc : isExpression(vpc.client_authentication) ? vpc.client_authentication
    : blocks(vpc.client_authentication)[0];
  if (auth === undefined || auth === null) return false;
  if (isExpression(auth)) return true;
  const sasl = isExpression(auth.sasl) ? { iam: auth.sasl } : blocks(auth.sasl)[0];
  return [sasl?.iam, sasl?.scram, auth.tls].some(mayBeOn);
}

/** The managed applications `MANAGED_APP_FIX` is for. */
export const MANAGED_APPS: ReadonlySet<string> = new Set(['AWS::MWAA::Environment', 'aws_mwaa_environment', 'AWS::SageMaker::Domain', 'aws_sagemaker_domain']);

/** How to fix an MSK cluster with public access in the My Number or LGWAN segment. */
export const MSK_FIX = 'turn public access off (BrokerNodeGroupInfo.ConnectivityInfo.PublicAccess.Type / public_access.type DISABLED), '
  + 'or run the brokers only in subnets of the Internet segment (三層の対策)';

/** How to fix an Elastic Beanstalk environment open to the internet in the My Number or LGWAN segment. */
export const BEANSTALK_FIX = 'set aws:ec2:vpc AssociatePublicIpAddress to false and ELBScheme to internal, '
  + 'or run the environment only in subnets of the Internet segment (三層の対策)';

/**
 * Where an Elastic Beanstalk environment lets the internet in (its option settings, `[namespace, name, value]`): its
 * instances' subnets when `aws:ec2:vpc` `AssociatePublicIpAddress` may be on (true, or a value the guard cannot read),
 * and its load balancer's subnets (`ELBSubnets`, else the instances') unless `ELBScheme` is `internal` or the
 * environment is a single instance — Elastic Beanstalk makes a public load balancer by default. `subnets` turns a
 * setting's value into the subnets it names. Source: Elastic Beanstalk developer guide, "General options for all
 * environments" (aws:ec2:vpc, aws:elasticbeanstalk:environment).
 */
export function beanstalkEntries(settings: readonly (readonly [unknown, unknown, unknown])[], subnets: (value: unknown) => unknown): BridgeEntry[] {
  const get = (namespace: string, name: string) => settings.find(([n, o]) => n === namespace && o === name)?.[2];
  const instances = get('aws:ec2:vpc', 'Subnets');
  const own = get('aws:ec2:vpc', 'ELBSubnets');
  const out: BridgeEntry[] = [];
  if (instances !== undefined && mayBeOn(get('aws:ec2:vpc', 'AssociatePublicIpAddress'))) out.push(['aws:ec2:vpc Subnets', subnets(instances)]);
  const single = get('aws:elasticbeanstalk:environment', 'EnvironmentType') === 'SingleInstance';
  if ((own ?? instances) !== undefined && !single && get('aws:ec2:vpc', 'ELBScheme') !== 'internal') {
    out.push(own !== undefined ? ['aws:ec2:vpc ELBSubnets', subnets(own)] : ['aws:ec2:vpc Subnets (the load balancer\'s)', subnets(instances)]);
  }
  return out;
}

/**
 * Whether a managed service may be publicly accessible: its setting is true ("Enabled"), cannot be read at synth time, or
 * is left out where the default can be public — RDS (CloudFormation: AWS makes it public when the VPC has an internet
 * gateway; `aws_rds_cluster_instance`'s is computed), DMS (AWS's default is true), Redshift in provider 5.x (its default
 * is true), SageMaker notebooks (`Enabled`). Left out is private for `aws_db_instance` (the provider's default is false)
 * and `AWS::Redshift::Cluster` (the API's default is false). Sources: the CloudFormation resource references and the
 * AWS provider 5.100 documentation of each argument.
 */
export function publiclyAccessible(type: string, p: any): boolean {
  switch (type) {
    case 'AWS::RDS::DBInstance': case 'AWS::DMS::ReplicationInstance': case 'AWS::Redshift::Cluster':
      return p.PubliclyAccessible === undefined ? type !== 'AWS::Redshift::Cluster' : mayBeOn(p.PubliclyAccessible);
    // A Multi-AZ DB cluster (one with a DB instance class of its own; an Aurora cluster's instances carry the setting): left
    // out, public when its subnets' VPC has an internet gateway (CloudFormation reference, AWS::RDS::DBCluster
    // PubliclyAccessible, "Valid for: Multi-AZ DB clusters only").
    case 'AWS::RDS::DBCluster': return p.DBClusterInstanceClass !== undefined && (p.PubliclyAccessible === undefined || mayBeOn(p.PubliclyAccessible));
    // Provider 5.100's `aws_rds_cluster` has no `publicly_accessible`: AWS's default above always applies to a Multi-AZ one.
    case 'aws_rds_cluster': return p.db_cluster_instance_class !== undefined && p.db_cluster_instance_class !== null;
    case 'aws_db_instance': case 'aws_rds_cluster_instance': case 'aws_redshift_cluster': case 'aws_dms_replication_instance':
      return p.publicly_accessible === undefined || p.publicly_accessible === null ? type !== 'aws_db_instance' : mayBeOn(p.publicly_accessible);
    // Left out: private (Redshift Serverless API reference, CreateWorkgroup `publiclyAccessible`: public access is turned
    // on; the console and the provider 5.100 documentation of `publicly_accessible` leave it off).
    case 'AWS::RedshiftServerless::Workgroup': return mayBeOn(p.PubliclyAccessible);
    // A Neptune instance's public endpoint (engine 1.4.6 and later), set per instance; left out, off (Neptune User Guide,
    // "Neptune public endpoints": "new Neptune databases are created with public endpoints disabled"). Outside tester, red team 39.
    case 'AWS::Neptune::DBInstance': return mayBeOn(p.PubliclyAccessible);
    case 'aws_neptune_cluster_instance': return mayBeOn(p.publicly_accessible);
    case 'aws_redshiftserverless_workgroup': return mayBeOn(p.publicly_accessible);
    // An AppStream fleet or image builder in a VPC with default internet access: AWS gives its streaming instances public
    // IP addresses in its subnets. Left out: off (CloudFormation reference, AWS::AppStream::Fleet EnableDefaultInternetAccess).
    case 'AWS::AppStream::Fleet': case 'AWS::AppStream::ImageBuilder': return p.VpcConfig !== undefined && mayBeOn(p.EnableDefaultInternetAccess);
    case 'aws_appstream_fleet': case 'aws_appstream_image_builder': return p.vpc_config !== undefined && mayBeOn(p.enable_default_internet_access);
    // An MWAA environment's Airflow web server on the internet (`PUBLIC_ONLY`; left out, `PRIVATE_ONLY`: the provider 5.100
    // documentation of `webserver_access_mode`): its users run DAGs whose workers are in the environment's subnets.
    case 'AWS::MWAA::Environment': return p.WebserverAccessMode !== undefined && !literallyClosed(p.WebserverAccessMode, CLOSED.mwaaWebserverAccess);
    case 'aws_mwaa_environment': return p.webserver_access_mode !== undefined && p.webserver_access_mode !== null && !literallyClosed(p.webserver_access_mode, CLOSED.mwaaWebserverAccess);
    // A SageMaker domain with internet access (`PublicInternetOnly`, also when left out: the CloudFormation reference of
    // AWS::SageMaker::Domain AppNetworkAccessType and the provider's `app_network_access_type`): its users' Studio apps
    // reach the internet and the domain's subnets.
    case 'AWS::SageMaker::Domain': return p.AppNetworkAccessType === undefined || !literallyClosed(p.AppNetworkAccessType, CLOSED.sagemakerAppNetworkAccess);
    case 'aws_sagemaker_domain': return p.app_network_access_type === undefined || p.app_network_access_type === null
      || !literallyClosed(p.app_network_access_type, CLOSED.sagemakerAppNetworkAccess);
    case 'AWS::SageMaker::NotebookInstance': return p.SubnetId !== undefined && p.DirectInternetAccess !== 'Disabled';
    case 'aws_sagemaker_notebook_instance': return p.subnet_id !== undefined && p.direct_internet_access !== 'Disabled';
    default: return false;
  }
}

/**
 * VPN gateways attached to a VPC without one known zone label (`jichitai:zone` on the gateway, or agreeing on every VPN
 * connection on it): whatever is behind them — VPN connections, Direct Connect virtual interfaces — enters the VPCs they
 * are attached to, which the guard cannot walk from (it walks in only from the zones). One bridge each, at those VPCs.
 */
export function gatewayBridges(nodes: ReadonlyMap<string, GraphNode>, engine: 'cloudformation' | 'terraform'): PendingBridge[] {
  const type = engine === 'cloudformation' ? 'AWS::EC2::VPNGateway' : 'aws_vpn_gateway';
  return [...nodes.values()].filter((g): g is VpnGatewayNode => g.type === 'vpn-gateway' && g.vpcs.length > 0 && gatewayZone(g) === undefined)
    .map((g) => ({
      node: g.id,
      type,
      attachments: g.vpcs.map((ref) => ({ property: 'VpcId', ref })),
      ...(g.path !== undefined ? { path: g.path } : {}),
      fix: 'tag the VPN gateway jichitai:zone = LGWAN_WAN or SECURITY_CLOUD (where every VPN connection or Direct Connect interface on it leads), or detach it',
    }));
}

/**
 * Whether a VPC endpoint's service name is an AWS service's (`com.amazonaws.<region>.<service>`, SageMaker's
 * `aws.sagemaker.<region>.<service>`), not an endpoint service of another network (`com.amazonaws.vpce.<region>.vpce-svc-…`,
 * AWS Marketplace and partner services alike). Every part is written out, except that the region may be the stack's
 * own (`REGION`: `AWS::Region`, an `aws_region` data source): a name with any other reference in it — a parameter, a
 * variable, a `Fn::Sub` variable — may spell another network's service (`com.amazonaws.${S}` with `S` =
 * `vpce.<region>.vpce-svc-…`), and a name the guard cannot read at all is not an AWS service either (fail closed).
 * Source: Amazon VPC User Guide, "AWS services that integrate with AWS PrivateLink".
 */
export function awsService(name: string): boolean {
  const m = /^(com\.amazonaws|aws\.sagemaker)\.([a-z0-9-]+|\{region\})\.([a-z0-9-]+(?:\.[a-z0-9-]+)*)$/.exec(name);
  return m !== null && !(m[1] === 'com.amazonaws' && m[2] === 'vpce');
}

/** How a service name's region is written where it is the stack's own (`awsService`). */
export const REGION = '{region}';

/** How to fix a VPC endpoint to another network's service in the My Number or LGWAN segment. */
export const ENDPOINT_SERVICE_FIX = 'from the My Number or LGWAN segment connect only to AWS services (com.amazonaws.<region>.<service>); reach another '
  + 'network\'s endpoint service from the Internet segment, or, in α′, through the breakout (三層の対策)';

/**
 * What an Oracle Database@AWS peering opens: an ODB network holds Exadata VM clusters that Oracle manages over connections
 * of its own, and it may peer with other VPCs and ODB networks (CreateOdbPeeringConnection: "the peer network … can be
 * either a VPC ID or another ODB network ID"); the peering also adds routes to the ODB network to the VPC's route tables
 * it names (`PeerNetworkRouteTableIds`). https://docs.aws.amazon.com/odb/latest/UserGuide/network-topology.html
 */
export const ODB_NETWORK = 'an Oracle Database@AWS ODB network (its VM clusters, Oracle\'s management connections, the other networks it peers with)';

/** How to fix an ODB peering connection with the My Number or LGWAN segment. */
export const ODB_PEERING_FIX = 'peer an ODB network only with VPCs of the Internet segment, or remove the peering: an ODB network is managed by Oracle over '
  + 'connections of its own and may peer with other networks, which the guard does not model (三層の対策)';

/**
 * What a GameLift fleet peered with a VPC opens (AWS::GameLift::Fleet `PeerVpcId`): its instances, in GameLift's own VPC,
 * take game clients' connections from the internet on their public addresses, and the peering joins that VPC with the
 * one named. https://docs.aws.amazon.com/gamelift/latest/developerguide/vpc-peering.html
 */
export const GAMELIFT_FLEET = 'the internet through the instances of a GameLift fleet whose VPC is peered with it';

/** How to fix a GameLift fleet peered with the My Number or LGWAN segment. */
export const GAMELIFT_FIX = 'peer a GameLift fleet only with a VPC of the Internet segment, or remove PeerVpcId: game clients on the internet reach '
  + 'the fleet\'s instances, whose VPC the peering joins with it (三層の対策)';

/**
 * What a Migration Hub Refactor Spaces application or service opens: the application's proxy is an API Gateway API (a
 * regional one on the internet) with a VPC link into the application's VPC, which routes to the services' endpoints — a
 * URL in the service's VPC, or a Lambda function —, and an environment with the `TRANSIT_GATEWAY` network fabric joins
 * the VPCs of its applications and services through a transit gateway Refactor Spaces makes and routes itself.
 * https://docs.aws.amazon.com/migrationhub-refactor-spaces/latest/userguide/what-is-mhub-refactor-spaces.html
 */
export const REFACTOR_SPACES = 'the callers of a Refactor Spaces application (its API Gateway proxy, the transit gateway its environment makes between VPCs)';

/** How to fix a Refactor Spaces application or service in the My Number or LGWAN segment. */
export const REFACTOR_SPACES_FIX = 'put Refactor Spaces applications and services only in VPCs of the Internet segment, with functions that run there: '
  + 'its proxy and its transit gateway join networks the guard does not model (三層の対策)';

/**
 * How to fix compute registered as targets of a VPC Lattice target group in the My Number or LGWAN segment: an ECS
 * service's `VpcLatticeConfigurations` (`vpc_lattice_configurations`), an Auto Scaling group's traffic source of type
 * `vpc-lattice` (`TrafficSources`, `traffic_source`, `aws_autoscaling_traffic_source_attachment`). The target group's
 * service network lets its clients, in other VPCs and accounts, reach the targets, as an `AWS::VpcLattice::TargetGroup`
 * in the VPC does; the target group may be outside the output (named by its ARN), so the bridge is placed where the
 * targets run. Red team 49: unread, such a registration passed.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-vpc-lattice.html,
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-vpc-lattice.html
 */
export const LATTICE_TARGETS_FIX = 'register as VPC Lattice targets only tasks or instances that run in subnets of the Internet segment: a target group\'s '
  + 'service network lets its clients, in other VPCs or accounts, reach its targets (三層の対策)';

/** Whether an Auto Scaling traffic source (its `Type` / `type`) may be a VPC Lattice target group: not literally `elb` or `elbv2`. */
export function latticeTrafficSource(type: unknown): boolean {
  return !literallyClosed(type, CLOSED.trafficSourceNotLattice);
}

/** How to fix an EKS cluster whose public API endpoint reaches the My Number or LGWAN segment. */
export const EKS_ENDPOINT_FIX = 'turn the public API endpoint off (ResourcesVpcConfig.EndpointPublicAccess / vpc_config.endpoint_public_access false, '
  + 'with the private endpoint on), or run the cluster only in subnets of the Internet segment: kubectl from the internet reaches the nodes and pods (三層の対策)';

/**
 * Whether an EKS cluster's public API endpoint may be on: true, unreadable, or left out — its default is true
 * (CloudFormation reference, AWS::EKS::Cluster ResourcesVpcConfig `EndpointPublicAccess`; provider 5.100
 * `aws_eks_cluster` `vpc_config.endpoint_public_access`, "Default: true").
 */
export function publicApiEndpoint(value: unknown): boolean {
  return value === undefined || value === null || mayBeOn(value);
}

/** What a VPC Lattice association, target group or resource gateway opens (and compute registered in a target group). */
export const LATTICE = 'the services or clients of a VPC Lattice service network';

/** What ECS tasks with public IP addresses open. */
const ECS_TASKS = 'the internet through public IP addresses of ECS tasks';

/** How to fix ECS tasks with public IP addresses in the My Number or LGWAN segment. */
export const ECS_TASKS_FIX = 'set AssignPublicIp to DISABLED (assign_public_ip = false) for tasks in subnets of the My Number or LGWAN segment, '
  + 'or run them only in subnets of the Internet segment (三層の対策)';

/**
 * The subnets of awsvpc ECS tasks that ask for a public IP address, as bridge entries (none when they do not): the
 * awsvpc configuration `config` (read from `property`) with `AssignPublicIp` ENABLED or unreadable (CloudFormation), or
 * `assign_public_ip` true, `ENABLED` (an EventBridge pipe's) or unreadable (Terraform). Its default is DISABLED / false
 * (Amazon ECS API reference, AwsVpcConfiguration `assignPublicIp`).
 */
export function taskEntries(engine: 'cloudformation' | 'terraform', config: any, property: string): BridgeEntry[] {
  if (!config || typeof config !== 'object') return [];
  if (engine === 'cloudformation') {
    const v = config.AssignPublicIp;
    return v === undefined || v === 'DISABLED' ? [] : [[`${property}.Subnets`, config.Subnets]];
  }
  // `aws_pipes_pipe` writes it as ENABLED / DISABLED, not a boolean.
  return mayBeOn(config.assign_public_ip) && config.assign_public_ip !== 'DISABLED' ? [[`${property}.subnets`, config.subnets]] : [];
}

/** How to fix a Lambda function URL on a function in the My Number or LGWAN segment. */
export const FUNCTION_URL_FIX = 'remove the function URL, or give the function a VpcConfig (vpc_config) with subnets of the Internet segment only: '
  + 'a function URL lets the internet call code that runs inside the VPC (三層の対策)';

/** How to fix a function in the My Number or LGWAN segment whose resource policy lets callers outside the account invoke it. */
export const PERMISSION_FIX = 'grant lambda:InvokeFunction only to principals of the account, or to a service with a SourceArn of a resource in the output, '
  + 'or give the function a VpcConfig (vpc_config) with subnets of the Internet segment only: anyone the permission names runs code inside the VPC (三層の対策)';

/**
 * Whether a Lambda permission (`AWS::Lambda::Permission`, `aws_lambda_permission`) lets a caller outside the output's own
 * account invoke the function, each value as written (`own` tells a reference to the deploying account): an action that
 * invokes (`lambda:InvokeFunction`, `lambda:InvokeFunctionUrl`, a wildcard; one the guard cannot read) granted to
 * everyone (`*`), to an account or principal given literally or by a value the guard cannot read (another account, as far
 * as the guard can tell), or to a service principal with neither `SourceArn` nor `SourceAccount` — "any resource of that
 * service in any account", the confused deputy the Lambda Developer Guide warns of ("Working with resource-based IAM
 * policies in Lambda"); or with a `SourceArn` written literally (its account cannot be told from the deploying one).
 * Outside tester, red team 39: an invoke permission for `*` on a My Number function passed.
 */
export function permissionOpensFunction(
  action: unknown, principal: unknown, sourceArn: unknown, sourceAccount: unknown, own: (v: unknown) => boolean,
): boolean {
  if (typeof action === 'string' && !/^(\*|lambda:\*|lambda:invoke[a-z]*\*?)$/i.test(action)) return false;
  if (own(principal)) return false;
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (typeof principal === 'string' && /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(principal)) {
    if (given(sourceAccount)) return !own(sourceAccount);
    return !given(sourceArn) || typeof sourceArn === 'string';
  }
  return true;
}

/** How to fix a public App Runner service whose VPC connector is in the My Number or LGWAN segment. */
export const APP_RUNNER_FIX = 'make the service private (IsPubliclyAccessible / is_publicly_accessible false, reached through a VPC ingress connection), '
  + 'or give its VPC connector subnets of the Internet segment only: a public service lets the internet call code whose traffic leaves into the VPC (三層の対策)';

/** A function's VPC configuration as the output holds it, the subnets in it, and the properties that give them. */
export interface FunctionPlacement {
  readonly config: unknown;
  readonly subnets: unknown;
  readonly configAt: string;
  readonly subnetsAt: string;
}

/**
 * Where one function of the output runs, as bridge entries (named from `property`): the subnets of its VPC configuration.
 * Without a VPC configuration, or with no subnet in it, the function runs outside every VPC: no entry. A configuration
 * the guard cannot read is an entry that cannot be resolved.
 */
function functionEntries(property: string, fn: FunctionPlacement): BridgeEntry[] {
  if (fn.config === undefined || fn.config === null || (Array.isArray(fn.subnets) && fn.subnets.length === 0)) return [];
  if (fn.subnets === undefined || fn.subnets === null) return [[`${property} → ${fn.configAt}`, fn.config]];
  return [[`${property} → ${fn.subnetsAt}`, fn.subnets]];
}

/** How to fix a function in the My Number or LGWAN segment that an API, a load balancer, a VPC Lattice service or an AppSync API invokes. */
export const INVOKED_FIX = 'let no API Gateway API or authorizer, load balancer or VPC Lattice target group, AppSync data source or authorizer invoke a function whose VpcConfig (vpc_config) '
  + 'is in subnets of the My Number or LGWAN segment; run such a function in subnets of the Internet segment only: its callers reach code that runs inside the VPC (三層の対策)';

/** How to fix a function in the My Number or LGWAN segment that an IoT rule or a Cognito user pool trigger invokes. */
export const TRIGGERED_FIX = 'let no IoT topic rule or Cognito user pool trigger invoke a function whose VpcConfig (vpc_config) is in subnets of the My Number '
  + 'or LGWAN segment; run such a function in subnets of the Internet segment only: devices and users on the internet reach code that runs inside the VPC (三層の対策)';

/** How to fix a function in the My Number or LGWAN segment that an SES receipt rule invokes. */
export const MAIL_FIX = 'let no SES receipt rule invoke a function whose VpcConfig (vpc_config) is in subnets of the My Number or LGWAN segment; '
  + 'run such a function in subnets of the Internet segment only: mail from the internet reaches code that runs inside the VPC (三層の対策)';

/** What a resolver rule association opens: the resolvers its rule forwards a VPC's queries to, from another VPC's endpoint. */
export const RESOLVER_FORWARDING = 'the resolvers a forwarding rule sends DNS queries to, through an outbound Resolver endpoint of another VPC';

/** How to fix a resolver rule association whose queries leave the VPC through another VPC's outbound endpoint. */
export const RESOLVER_FORWARDING_FIX = 'associate a forwarding rule only with the VPC of its outbound Resolver endpoint (the endpoint in subnets of the VPC\'s own '
  + 'segment, whose routes the guard reads): the DNS queries of a My Number or LGWAN VPC sent out through another VPC\'s endpoint leave their segment, '
  + 'and another VPC\'s queries sent through a My Number or LGWAN endpoint enter it (三層の対策)';

/** What a forwarding rule shared through AWS RAM opens: the other accounts' VPCs it is associated with send their queries through its endpoint. */
export const RESOLVER_SHARED = 'the VPCs of the accounts a forwarding rule is shared with (AWS RAM), whose DNS queries leave through its outbound Resolver endpoint';

/** How to fix a shared forwarding rule whose outbound endpoint is in a closed segment. */
export const RESOLVER_SHARED_FIX = 'share only forwarding rules whose outbound Resolver endpoint is in subnets of the Internet segment, or do not share the rule: '
  + 'other accounts\' DNS queries sent through a My Number or LGWAN endpoint enter and leave that segment (三層の対策)';

/** How to fix a Cloud9 environment in the My Number or LGWAN segment. */
export const CLOUD9_FIX = 'use ConnectionType (connection_type) CONNECT_SSM, or run the Cloud9 environment only in subnets of the Internet segment: with SSH, '
  + 'Cloud9 connects from the internet to the environment\'s instance (三層の対策)';

/**
 * A REST API's AWS integration URI of a Step Functions action (`arn:aws:apigateway:{region}:states:action/StartExecution`),
 * as written, in an `Fn::Sub` or a Terraform interpolation (`${AWS::Region}`, `${data.aws_region.current.name}`), or rendered (`{region}`).
 */
export const STATES_INTEGRATION = /:apigateway:(?:\$\{[^}]*\}|[^:"]*):states:/;

/**
 * API Gateway integration types that never invoke a Lambda function (`HTTP`, `HTTP_PROXY`: a URL; `MOCK`: nothing). Any
 * other (`AWS`, `AWS_PROXY`, left out, unreadable) may.
 */
export const NOT_FUNCTION_INTEGRATIONS: ReadonlySet<unknown> = new Set(['HTTP', 'HTTP_PROXY', 'MOCK']);

/**
 * Where the functions something invokes run, as bridge entries: each function of the output it names (`functions`) at
 * its VPC configuration's subnets (`functionEntries`; none for a function outside every VPC). When it names no function
 * of the output but its text (`text`) names a Lambda function (an ARN or invocation URI of a function elsewhere), or it
 * holds a value known only at deploy time (`deployTime`: a parameter, a variable), which may name any function, the value
 * itself is the entry: the guard cannot tell where that function runs (fail closed). Else none.
 */
export function invokedEntries(
  property: string, value: unknown, functions: readonly FunctionPlacement[], text: string, deployTime: boolean,
): BridgeEntry[] {
  if (functions.length > 0 || /:lambda:|lambda\.amazonaws|aws_lambda_/.test(text)) return namedFunctionEntries(property, value, functions);
  // A deploy-time value may name any function, unless the URI's own text names another service (an API Gateway service
  // integration: `arn:aws:apigateway:{region}:sqs:path/…`).
  const service = /:apigateway:(?:\$\{[^}]*\}|[^:"]*):([a-z0-9-]+):/.exec(text)?.[1];
  return deployTime && (service === undefined || service === 'lambda') ? namedFunctionEntries(property, value, functions) : [];
}

/**
 * Where the functions a value names run (a function URL's target, what an invoker calls): each function of the output
 * at its VPC configuration's subnets (`functionEntries`); naming none of the output, the value itself (fail closed).
 */
export function namedFunctionEntries(property: string, value: unknown, functions: readonly FunctionPlacement[]): BridgeEntry[] {
  return functions.length === 0 ? [[property, value]] : functions.flatMap((fn) => functionEntries(property, fn));
}

/** `namedFunctionEntries` for the functions of the output only: a value naming none of them has no placement to judge (a Lambda permission). */
export function placedFunctionEntries(property: string, value: unknown, functions: readonly FunctionPlacement[]): BridgeEntry[] {
  return functions.length === 0 ? [] : namedFunctionEntries(property, value, functions);
}

/** One state machine's definition as a reader finds it (`stateMachineEntries`). */
export interface StateMachineDefinition {
  /** Where the definition is, for the entries' names (`Sm.Definition`, `aws_sfn_state_machine.sm.definition`). */
  readonly at: string;
  readonly definition: unknown;
  /** The definition cannot be read (in S3, a parameter or variable): what stands for it. */
  readonly unreadable?: { readonly value: unknown };
  /** The functions of the output the definition names anywhere. */
  readonly functions: readonly FunctionPlacement[];
  /** The state machines of the output the definition names (it may start them). */
  readonly next: readonly string[];
}

/**
 * Where the functions run that the state machines `roots` (named by an API integration that starts one) invoke, as
 * bridge entries: every function each definition names, through the state machines it names in turn, each machine once;
 * a definition the guard cannot read is an entry that cannot be resolved. No state machine of the output named: the value
 * itself, which cannot be placed (fail closed). Outside tester, red team 39: an HTTP API's
 * `StepFunctions-StartSyncExecution` integration ran a My Number function for internet callers.
 */
export function stateMachineEntries(
  property: string, value: unknown, roots: readonly string[], read: (machine: string) => StateMachineDefinition,
): BridgeEntry[] {
  if (roots.length === 0) return [[property, value]];
  const out: BridgeEntry[] = [];
  const seen = new Set<string>();
  const visit = (machine: string) => {
    if (seen.has(machine)) return;
    seen.add(machine);
    const d = read(machine);
    const at = `${property} → ${d.at}`;
    if (d.unreadable) out.push([at, d.unreadable.value]);
    if (d.functions.length > 0) out.push(...namedFunctionEntries(at, d.definition, d.functions));
    d.next.forEach(visit);
  };
  roots.forEach(visit);
  return out;
}

/**
 * Whether an App Runner service lets the internet call code whose traffic enters a VPC: its egress type is `VPC` (or
 * cannot be read), and it is publicly accessible (the default; or cannot be read). Default egress leaves from App
 * Runner's own network; a private service is reached through a VPC ingress connection, a bridge of its own.
 */
export function publicServiceIntoVpc(egressType: unknown, isPublic: unknown): boolean {
  // Unreadable: a reference or dynamic reference (CloudFormation) or an interpolation (Terraform).
  const vpcEgress = egressType !== undefined && egressType !== null && !literallyClosed(egressType, CLOSED.appRunnerEgress);
  // Left out, it is public (App Runner's default); only a literal false makes it private.
  return vpcEgress && isPublic !== false && isPublic !== 'false';
}

/** What a launcher of instances opens when the guard cannot read its launch template. */
const LAUNCHED = 'the internet through public IP addresses that a launch template outside the synthesized output may give';

/** What an instance with network interfaces in more than one VPC opens. */
export const MULTI_HOMED = 'the other VPCs of an instance whose network interfaces are in more than one VPC';

/** What each resource type connects a VPC with (no " and " in a phrase: the Japanese wording splits on it). */
const BRIDGED: Readonly<Record<string, string>> = {
  'AWS::EC2::ClientVpnEndpoint': 'remote users of a Client VPN endpoint',
  'aws_ec2_client_vpn_endpoint': 'remote users of a Client VPN endpoint',
  'AWS::EC2::ClientVpnTargetNetworkAssociation': 'remote users of a Client VPN endpoint',
  'aws_ec2_client_vpn_network_association': 'remote users of a Client VPN endpoint',
  'AWS::EC2::VPCEndpointService': 'other accounts\' VPCs over a PrivateLink endpoint service',
  'aws_vpc_endpoint_service': 'other accounts\' VPCs over a PrivateLink endpoint service',
  'AWS::EC2::VPCEndpointServicePermissions': 'other accounts\' VPCs over a PrivateLink endpoint service',
  'aws_vpc_endpoint_service_allowed_principal': 'other accounts\' VPCs over a PrivateLink endpoint service',
  'AWS::EC2::TransitGatewayConnect': 'the GRE / BGP peers of a Transit Gateway Connect attachment',
  'aws_ec2_transit_gateway_connect': 'the GRE / BGP peers of a Transit Gateway Connect attachment',
  'AWS::EC2::TransitGatewayMulticastDomainAssociation': 'the members of a Transit Gateway multicast domain',
  'aws_ec2_transit_gateway_multicast_domain_association': 'the members of a Transit Gateway multicast domain',
  'AWS::EC2::TrafficMirrorSession': 'the target a traffic mirror session copies the traffic to',
  'aws_ec2_traffic_mirror_session': 'the target a traffic mirror session copies the traffic to',
  'AWS::EC2::VerifiedAccessEndpoint': 'the users of a Verified Access endpoint',
  'aws_verifiedaccess_endpoint': 'the users of a Verified Access endpoint',
  'AWS::GlobalAccelerator::EndpointGroup': 'the internet through a Global Accelerator endpoint group',
  'aws_globalaccelerator_endpoint_group': 'the internet through a Global Accelerator endpoint group',
  // A custom routing accelerator's endpoints are subnets, whose instances take the internet's traffic on the mapped ports.
  'aws_globalaccelerator_custom_routing_endpoint_group': 'the internet through a Global Accelerator endpoint group',
  // Another account's accelerator may add the endpoints it lists (load balancers, instances) to its endpoint groups.
  'AWS::GlobalAccelerator::CrossAccountAttachment': 'the internet through accelerators of other accounts (a Global Accelerator cross-account attachment)',
  'aws_globalaccelerator_cross_account_attachment': 'the internet through accelerators of other accounts (a Global Accelerator cross-account attachment)',
  // CloudFront reaches a private load balancer or instance from the internet: placed at its subnets (`originEntries`).
  'AWS::CloudFront::VpcOrigin': 'the internet through a CloudFront VPC origin',
  'aws_cloudfront_vpc_origin': 'the internet through a CloudFront VPC origin',
  'AWS::ApiGateway::VpcLink': 'the callers of an API Gateway VPC link',
  'aws_api_gateway_vpc_link': 'the callers of an API Gateway VPC link',
  'AWS::ApiGatewayV2::VpcLink': 'the callers of an API Gateway VPC link',
  'aws_apigatewayv2_vpc_link': 'the callers of an API Gateway VPC link',
  'AWS::AppRunner::VpcIngressConnection': 'an App Runner service through a VPC ingress connection',
  'aws_apprunner_vpc_ingress_connection': 'an App Runner service through a VPC ingress connection',
  'AWS::EC2::LocalGatewayRouteTableVPCAssociation': 'the on-premises network of an Outposts local gateway',
  // A local gateway route to a network interface: the on-premises network sends there (the VPC's association with the
  // route table may be outside the output). https://docs.aws.amazon.com/outposts/latest/userguide/routing.html
  'AWS::EC2::LocalGatewayRoute': 'the on-premises network of an Outposts local gateway',
  // Another account may attach the interface to an instance of its own (a host in two networks) or associate an
  // Elastic IP address with it. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkInterfacePermission.html
  'AWS::EC2::NetworkInterfacePermission': 'another account, which may attach the interface to an instance of its own or give it an Elastic IP address',
  'aws_network_interface_permission': 'another account, which may attach the interface to an instance of its own or give it an Elastic IP address',
  'aws_ec2_local_gateway_route_table_vpc_association': 'the on-premises network of an Outposts local gateway',
  'AWS::NetworkManager::VpcAttachment': 'a Cloud WAN core network (Network Manager)',
  'aws_networkmanager_vpc_attachment': 'a Cloud WAN core network (Network Manager)',
  // An Oracle Database@AWS peering with a VPC (red team 49: read by neither engine before, so a peering into the My Number
  // VPC passed).
  'AWS::ODB::OdbPeeringConnection': ODB_NETWORK,
  'aws_odb_network_peering_connection': ODB_NETWORK,
  // Red team 49: a GameLift fleet peered with a VPC, Refactor Spaces applications and services (CloudFormation only: the
  // AWS provider has no such arguments or resources; the awscc provider's are refused as Cloud Control resources).
  'AWS::GameLift::Fleet': GAMELIFT_FLEET,
  'AWS::RefactorSpaces::Application': REFACTOR_SPACES,
  'AWS::RefactorSpaces::Service': REFACTOR_SPACES,
  // Read as a bridge only when attached without one known zone label (`gatewayBridges`): its label says where the networks
  // behind it (VPN connections, Direct Connect virtual interfaces) are; without one the guard cannot tell.
  'AWS::EC2::VPNGateway': 'the networks behind a VPN gateway without a zone label (VPN connections, Direct Connect)',
  'aws_vpn_gateway': 'the networks behind a VPN gateway without a zone label (VPN connections, Direct Connect)',
  // Read as a bridge only when its service is not an AWS service (`awsService`): an endpoint service of another network.
  'AWS::EC2::VPCEndpoint': 'another network through its PrivateLink endpoint service (not an AWS service)',
  'aws_vpc_endpoint': 'another network through its PrivateLink endpoint service (not an AWS service)',
  // Read as a bridge only when its tasks ask for a public IP address (`taskEntries`): awsvpc tasks in the subnets get one.
  'AWS::ECS::Service': ECS_TASKS,
  'aws_ecs_service': ECS_TASKS,
  'AWS::ECS::TaskSet': ECS_TASKS,
  'aws_ecs_task_set': ECS_TASKS,
  'AWS::Events::Rule': ECS_TASKS,
  'aws_cloudwatch_event_target': ECS_TASKS,
  'AWS::Scheduler::Schedule': ECS_TASKS,
  'aws_scheduler_schedule': ECS_TASKS,
  'AWS::Pipes::Pipe': ECS_TASKS,
  'aws_pipes_pipe': ECS_TASKS,
  // Read as a bridge only when a Task state runs ECS tasks asking for one (`runTaskEntries`).
  'AWS::StepFunctions::StateMachine': ECS_TASKS,
  'aws_sfn_state_machine': ECS_TASKS,
  // Read as a bridge only when a Fargate container asks for a public IP address (`publicJob`); not placeable.
  'AWS::Batch::JobDefinition': 'the internet through public IP addresses of AWS Batch Fargate jobs',
  'aws_batch_job_definition': 'the internet through public IP addresses of AWS Batch Fargate jobs',
  // A VPC Lattice service network joins its VPCs' clients with its services anywhere, other VPCs and accounts included.
  'AWS::VpcLattice::ServiceNetworkVpcAssociation': LATTICE,
  'aws_vpclattice_service_network_vpc_association': LATTICE,
  'AWS::VpcLattice::TargetGroup': LATTICE,
  'aws_vpclattice_target_group': LATTICE,
  'AWS::VpcLattice::ResourceGateway': LATTICE,
  'aws_vpclattice_resource_gateway': LATTICE,
  // Read as a bridge only when its traffic source may be a VPC Lattice target group (`latticeTrafficSource`), at the
  // group's subnets: an ECS service's or Auto Scaling group's own is recorded with this phrase too (`LATTICE_TARGETS_FIX`).
  'aws_autoscaling_traffic_source_attachment': LATTICE,
  // Application-layer ways in: the internet calls code whose traffic leaves into the VPC. Read as a bridge only when the
  // function has a VPC configuration (a function URL), or the service is public with VPC egress (App Runner).
  'AWS::Lambda::Url': 'the internet through a Lambda function URL',
  // Read as a bridge only when the permission lets a caller outside the account invoke (`permissionOpensFunction`).
  'AWS::Lambda::Permission': 'the callers a Lambda function\'s resource policy lets invoke it from outside the account',
  'aws_lambda_permission': 'the callers a Lambda function\'s resource policy lets invoke it from outside the account',
  'aws_lambda_function_url': 'the internet through a Lambda function URL',
  'AWS::ApiGateway::Method': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_api_gateway_integration': 'the callers of an API Gateway API invoking a Lambda function',
  'AWS::ApiGatewayV2::Integration': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_apigatewayv2_integration': 'the callers of an API Gateway API invoking a Lambda function',
  // An authorizer runs its function for every caller of the API, before any integration; an HTTP API made by quick
  // create (`Target`) integrates its target, and its OpenAPI definition (`Body`) may hold integrations and authorizers.
  'AWS::ApiGateway::Authorizer': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_api_gateway_authorizer': 'the callers of an API Gateway API invoking a Lambda function',
  'AWS::ApiGatewayV2::Authorizer': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_apigatewayv2_authorizer': 'the callers of an API Gateway API invoking a Lambda function',
  'AWS::ApiGatewayV2::Api': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_apigatewayv2_api': 'the callers of an API Gateway API invoking a Lambda function',
  // Its OpenAPI definition (`definitionUris`), or one the guard cannot read.
  'AWS::ApiGateway::RestApi': 'the callers of an API Gateway API invoking a Lambda function',
  'aws_api_gateway_rest_api': 'the callers of an API Gateway API invoking a Lambda function',
  'AWS::ElasticLoadBalancingV2::TargetGroup': 'the clients of a load balancer invoking a Lambda function',
  'aws_lb_target_group_attachment': 'the clients of a load balancer invoking a Lambda function',
  'AWS::AppSync::DataSource': 'the callers of an AppSync API invoking a Lambda function',
  'aws_appsync_datasource': 'the callers of an AppSync API invoking a Lambda function',
  'AWS::AppSync::GraphQLApi': 'the callers of an AppSync API invoking a Lambda function',
  'aws_appsync_graphql_api': 'the callers of an AppSync API invoking a Lambda function',
  // A target group of type LAMBDA (`AWS::VpcLattice::TargetGroup` above): the service network's clients invoke its functions.
  'aws_vpclattice_target_group_attachment': LATTICE,
  // Devices publishing to AWS IoT, users signing up or in to a user pool: the internet, with data the code reads.
  'AWS::IoT::TopicRule': 'the devices publishing to an IoT topic rule invoking a Lambda function',
  'aws_iot_topic_rule': 'the devices publishing to an IoT topic rule invoking a Lambda function',
  // Mail from anyone on the internet, which an SES receipt rule hands to a Lambda action.
  'AWS::SES::ReceiptRule': 'the senders of mail to an SES receipt rule invoking a Lambda function',
  'aws_ses_receipt_rule': 'the senders of mail to an SES receipt rule invoking a Lambda function',
  // Read as a bridge only when the association's VPC and its rule's outbound endpoint are not in one VPC (multiVpc).
  'AWS::Route53Resolver::ResolverRuleAssociation': RESOLVER_FORWARDING,
  'aws_route53_resolver_rule_association': RESOLVER_FORWARDING,
  // A Route 53 profile's resolver rules, applied to the VPC it is associated with.
  'AWS::Route53Profiles::ProfileAssociation': RESOLVER_FORWARDING,
  'aws_route53profiles_association': RESOLVER_FORWARDING,
  // SSH from Cloud9's service on the internet into the environment's instance (`ConnectionType` CONNECT_SSH, the default).
  'AWS::Cloud9::EnvironmentEC2': 'remote users of a Cloud9 environment connecting by SSH',
  'aws_cloud9_environment_ec2': 'remote users of a Cloud9 environment connecting by SSH',
  'AWS::Cognito::UserPool': 'the users of a Cognito user pool whose triggers invoke a Lambda function',
  'aws_cognito_user_pool': 'the users of a Cognito user pool whose triggers invoke a Lambda function',
  'AWS::AppRunner::Service': 'the internet through a public App Runner service with a VPC connector',
  'aws_apprunner_service': 'the internet through a public App Runner service with a VPC connector',
  // SSH / RDP from anywhere an IAM principal is, tunnelled into the subnet's instances.
  'AWS::EC2::InstanceConnectEndpoint': 'remote users of an EC2 Instance Connect Endpoint',
  'aws_ec2_instance_connect_endpoint': 'remote users of an EC2 Instance Connect Endpoint',
  // Read as a bridge only when its public API endpoint may be on (`publicApiEndpoint`): kubectl exec, port-forward and
  // proxy from anywhere reach the pods and nodes in the cluster's subnets.
  'AWS::EKS::Cluster': 'remote users of the public API endpoint of an EKS cluster',
  'aws_eks_cluster': 'remote users of the public API endpoint of an EKS cluster',
  // Read as a bridge only when internet-facing: a VPC endpoint with Elastic IP addresses (`AddressAllocationIds`).
  'AWS::Transfer::Server': 'the internet through an internet-facing Transfer Family server',
  'aws_transfer_server': 'the internet through an internet-facing Transfer Family server',
  // Read as a bridge only when it asks for a public IP address (`instanceEntries`): an internet gateway on its VPC
  // delivers to that address whatever the subnet's routes.
  'AWS::EC2::Instance': 'the internet through a public IP address of an instance',
  'aws_instance': 'the internet through a public IP address of an instance',
  // An instance is also one (`MULTI_HOMED`, its own phrase) when its interfaces span VPCs (`homeEntries`), as is what
  // attaches an interface of one VPC to an instance of another.
  'AWS::EC2::NetworkInterfaceAttachment': MULTI_HOMED,
  'aws_network_interface_attachment': MULTI_HOMED,
  'aws_network_interface': MULTI_HOMED,
  // Read as a bridge only when associated with an instance or a network interface: placed at that instance's or
  // interface's subnet when the output holds it (`eipEntries`), else it cannot be placed.
  'AWS::EC2::EIP': 'the internet through an Elastic IP address',
  'aws_eip': 'the internet through an Elastic IP address',
  'AWS::EC2::EIPAssociation': 'the internet through an Elastic IP address',
  'aws_eip_association': 'the internet through an Elastic IP address',
  // Read as a bridge only when internet-facing (also when the scheme is not given, ELB's default, or cannot be read): the
  // internet reaches its listeners, which forward into its targets' subnets. A Gateway Load Balancer has no scheme.
  'AWS::ElasticLoadBalancingV2::LoadBalancer': INTERNET_FACING,
  'aws_lb': INTERNET_FACING,
  'aws_alb': INTERNET_FACING,
  'AWS::ElasticLoadBalancing::LoadBalancer': INTERNET_FACING,
  'aws_elb': INTERNET_FACING,
  // Read as a bridge only when publicly accessible (`publiclyAccessible`): AWS gives it a public IP address in its
  // subnets (those of its subnet group), which an internet gateway on the VPC delivers to whatever the routes.
  'AWS::MSK::Cluster': 'the internet through the public brokers of an MSK cluster',
  'aws_msk_cluster': 'the internet through the public brokers of an MSK cluster',
  'AWS::ElasticBeanstalk::Environment': 'the internet through the public instances or load balancer of an Elastic Beanstalk environment',
  'aws_elastic_beanstalk_environment': 'the internet through the public instances or load balancer of an Elastic Beanstalk environment',
  'AWS::RDS::DBInstance': PUBLIC_ENDPOINT,
  'AWS::RDS::DBCluster': PUBLIC_ENDPOINT,
  'aws_rds_cluster': PUBLIC_ENDPOINT,
  'aws_db_instance': PUBLIC_ENDPOINT,
  'aws_rds_cluster_instance': PUBLIC_ENDPOINT,
  'AWS::Redshift::Cluster': PUBLIC_ENDPOINT,
  'aws_redshift_cluster': PUBLIC_ENDPOINT,
  'AWS::RedshiftServerless::Workgroup': PUBLIC_ENDPOINT,
  'aws_redshiftserverless_workgroup': PUBLIC_ENDPOINT,
  'AWS::DMS::ReplicationInstance': PUBLIC_ENDPOINT,
  'aws_dms_replication_instance': PUBLIC_ENDPOINT,
  'AWS::Neptune::DBInstance': PUBLIC_ENDPOINT,
  'aws_neptune_cluster_instance': PUBLIC_ENDPOINT,
  // An AppStream fleet or image builder in a VPC: its users stream its desktop from the internet (`APPSTREAM_STREAMING`); with
  // default internet access, also the internet through the public IP addresses AWS gives its instances (the phrase below).
  // WorkSpaces Secure Browser network settings: once associated with a web portal, the streaming instances of the portal's
  // browsers connect to the VPC through network interfaces in `SubnetIds` (CloudFormation reference,
  // AWS::WorkSpacesWeb::NetworkSettings; provider 5.100 `aws_workspacesweb_network_settings` `subnet_ids`); the portal's
  // users browse from the internet. The portal may be made outside the output (provider 5.100 has no portal resource).
  // Amazon WorkSpaces: a WorkSpace works in the subnets its directory is registered with (RegisterWorkspaceDirectory
  // `SubnetIds`; `aws_workspaces_directory` `subnet_ids`, left out: chosen by AWS), its user connects from the internet.
  // CloudFormation has no registration: an `AWS::WorkSpaces::Workspace` cannot be placed.
  'AWS::WorkSpaces::Workspace': 'remote users of Amazon WorkSpaces desktops',
  'aws_workspaces_directory': 'remote users of Amazon WorkSpaces desktops',
  'aws_workspaces_workspace': 'remote users of Amazon WorkSpaces desktops',
  'AWS::WorkSpacesWeb::NetworkSettings': 'remote users of the browsers of a WorkSpaces Secure Browser portal',
  'aws_workspacesweb_network_settings': 'remote users of the browsers of a WorkSpaces Secure Browser portal',
  'AWS::AppStream::Fleet': 'the internet through the default internet access of an AppStream fleet or image builder',
  'aws_appstream_fleet': 'the internet through the default internet access of an AppStream fleet or image builder',
  'AWS::AppStream::ImageBuilder': 'the internet through the default internet access of an AppStream fleet or image builder',
  'aws_appstream_image_builder': 'the internet through the default internet access of an AppStream fleet or image builder',
  // A notebook instance in a subnet with direct internet access reaches the internet through SageMaker's own network.
  // Endpoints AWS makes in the subnets for a cluster that may be in any VPC or account (always a bridge: what is behind
  // them is another network). Sources: Amazon MSK Developer Guide, "Multi-VPC private connectivity"; Amazon Redshift
  // Management Guide, "Working with Redshift-managed VPC endpoints".
  'aws_elasticache_global_replication_group': REPLICATED,
  'AWS::ElastiCache::GlobalReplicationGroup': REPLICATED,
  'AWS::MSK::ServerlessCluster': MULTI_VPC_CLUSTER,
  'aws_msk_serverless_cluster': MULTI_VPC_CLUSTER,
  'AWS::RDS::DBProxyEndpoint': SERVICE_ENDPOINT,
  'aws_db_proxy_endpoint': SERVICE_ENDPOINT,
  'aws_opensearch_vpc_endpoint': SERVICE_ENDPOINT,
  'aws_elasticsearch_vpc_endpoint': SERVICE_ENDPOINT,
  'aws_redshiftserverless_endpoint_access': SERVICE_ENDPOINT,
  'aws_opensearch_authorize_vpc_endpoint_access': SERVICE_ENDPOINT,
  'AWS::Redshift::EndpointAuthorization': MANAGED_TARGET,
  'aws_redshift_endpoint_authorization': MANAGED_TARGET,
  'AWS::MSK::VpcConnection': MANAGED_CONNECTION,
  'aws_msk_vpc_connection': MANAGED_CONNECTION,
  'AWS::Redshift::EndpointAccess': MANAGED_CONNECTION,
  'aws_redshift_endpoint_access': MANAGED_CONNECTION,
  'AWS::MWAA::Environment': 'the internet through the public web server of an MWAA environment',
  'aws_mwaa_environment': 'the internet through the public web server of an MWAA environment',
  'AWS::SageMaker::Domain': 'the internet through the internet access of a SageMaker domain',
  'aws_sagemaker_domain': 'the internet through the internet access of a SageMaker domain',
  'AWS::SageMaker::NotebookInstance': 'the internet through the direct internet access of a SageMaker notebook instance',
  'aws_sagemaker_notebook_instance': 'the internet through the direct internet access of a SageMaker notebook instance',
  // Read as a bridge only when an interface asks for a public IP address (`launchBridges`): placed at the subnets of what
  // launches it in the output, or nowhere when nothing does. A template whose interfaces are in more than one VPC makes
  // what launches it a bridge (`MULTI_HOMED`, its own phrase), or itself when nothing in the output launches it.
  // Terraform only: the account's default VPC, adopted (`adoptedDefaultEntries`), when labelled or giving public IP addresses.
  'aws_default_vpc': 'the internet through the internet gateway AWS made for the default VPC',
  'aws_default_subnet': 'the internet through the internet gateway AWS made for the default VPC',
  'AWS::EC2::LaunchTemplate': 'the internet through public IP addresses of the instances a launch template starts',
  'aws_launch_template': 'the internet through public IP addresses of the instances a launch template starts',
  'AWS::AutoScaling::LaunchConfiguration': 'the internet through public IP addresses of the instances a launch template starts',
  'aws_launch_configuration': 'the internet through public IP addresses of the instances a launch template starts',
  // What launches instances from a template: a bridge itself only when its template is not in the output (the guard
  // cannot read whether it asks for public IP addresses), or, for a Spot Fleet, when an inline specification asks.
  'AWS::AutoScaling::AutoScalingGroup': LAUNCHED,
  'aws_autoscaling_group': LAUNCHED,
  'AWS::EKS::Nodegroup': LAUNCHED,
  'aws_eks_node_group': LAUNCHED,
  'AWS::Batch::ComputeEnvironment': LAUNCHED,
  'aws_batch_compute_environment': LAUNCHED,
  'AWS::EC2::EC2Fleet': LAUNCHED,
  'aws_ec2_fleet': LAUNCHED,
  'AWS::EC2::SpotFleet': LAUNCHED,
  'aws_spot_fleet_request': LAUNCHED,
};

/** What SC-3 calls a way the internet gets in (`internetIngress`), and how it is turned off where a setting does. */
export interface IngressName {
  readonly en: string;
  readonly ja: string;
  /**
   * A public IP address (of an instance, a task, a database...): reached from the internet only through an internet
   * gateway of its VPC (Amazon VPC User Guide, "Enable internet access for a VPC using an internet gateway"), as SC-3
   * judges a subnet that maps public IP addresses.
   */
  readonly address?: boolean;
  /** The setting that closes it, where one does (English, Japanese); otherwise the fix is to remove it. */
  readonly off?: { readonly en: string; readonly ja: string };
  /**
   * A resource of a type the guard does not know (`UNKNOWN_TYPE_INGRESS`): whether it lets the internet in cannot be
   * told, so SC-3 counts it as a way in (fail closed) that an acknowledgement with AWS's documentation may lift.
   */
  readonly unknownType?: boolean;
}

/**
 * What an occupant of a type the guard does not know (`unknownOccupants`) may connect with where it lies in the Internet
 * segment or the security cloud's hub, which GUARD-2 leaves alone: the guard cannot tell whether the type takes
 * connections from the internet (a public endpoint of its own, a load balancer AWS runs for it), so SC-3 judges it as a
 * way in (outside tester, red team 49: a type the guard does not know was never asked there).
 */
export const UNKNOWN_TYPE_INGRESS = 'the internet, for all the guard can tell, through a resource of a type it does not know';

/**
 * The bridges that let the internet into a VPC beside the load balancers SC-3 reads, by what each connects with
 * (`bridgedWith`, or a bridge's own `bridged`), named as SC-3 calls them: the builder keeps them in
 * `TopologyGraph.ingress` wherever they attach, for SC-3 to judge those in the security cloud's hub and members, which
 * `resolveBridges` leaves out (docs/guard-semantics.md §10). Each is read only where it is a way in (a publicly
 * accessible database, an EKS cluster whose API endpoint is public, an Elastic IP address associated with an instance or
 * interface — a NAT gateway's is none: it takes no connection from outside). CloudFront reaches a VPC origin's load
 * balancer or instance from its edge (CloudFront Developer Guide, "Restrict access with VPC origins"); an accelerator's
 * listeners on the internet forward to its endpoints (Global Accelerator Developer Guide, "Endpoints"), another
 * account's to those a cross-account attachment lists; an API's callers reach the load balancers (REST: `TargetArns`)
 * or subnets (HTTP: `SubnetIds`) of its VPC link (API Gateway Developer Guide, "VPC links"); a Verified Access endpoint
 * takes its users from the internet to a load balancer, an interface or subnets (Verified Access User Guide, "Verified
 * Access endpoints"); an EC2 Instance Connect Endpoint tunnels SSH / RDP from wherever an IAM principal is into its
 * subnet, as a Client VPN endpoint does its remote users and AppStream, WorkSpaces and Secure Browser their users'
 * sessions; a function URL, an API, an AppSync API, an IoT topic rule, an SES receipt rule or a Cognito user pool runs,
 * for callers on the internet, a function in its VPC's subnets, as a public App Runner service does its code through a
 * VPC connector and the RDS Data API SQL on a cluster. Not here: what connects with other VPCs or networks (PrivateLink,
 * Transit Gateway, Lattice, Resolver rules, a host in two VPCs), a SageMaker notebook's or domain's internet access (its
 * traffic out through SageMaker's network, not a way in), and the internet-facing load balancers SC-3 reads as such.
 */
const INGRESS: Readonly<Record<string, IngressName>> = {
  'the internet through a CloudFront VPC origin': { en: 'a CloudFront VPC origin', ja: 'CloudFront の VPC オリジン' },
  'the internet through a Global Accelerator endpoint group': { en: 'a Global Accelerator endpoint group', ja: 'Global Accelerator のエンドポイントグループ' },
  'the internet through accelerators of other accounts (a Global Accelerator cross-account attachment)':
    { en: 'a Global Accelerator cross-account attachment', ja: 'Global Accelerator のクロスアカウントアタッチメント' },
  'the callers of an API Gateway VPC link': { en: 'an API Gateway VPC link', ja: 'API Gateway の VPC リンク' },
  'remote users of an EC2 Instance Connect Endpoint': { en: 'an EC2 Instance Connect Endpoint', ja: 'EC2 Instance Connect エンドポイント' },
  'the users of a Verified Access endpoint': { en: 'a Verified Access endpoint', ja: 'Verified Access エンドポイント' },
  'remote users of a Client VPN endpoint': { en: 'a Client VPN endpoint', ja: 'Client VPN エンドポイント' },
  'the internet through a Lambda function URL': { en: 'a Lambda function URL', ja: 'Lambda 関数 URL' },
  'the callers a Lambda function\'s resource policy lets invoke it from outside the account': {
    en: 'a Lambda permission for callers outside the account',
    ja: 'アカウントの外の呼び出し元への Lambda の呼び出し許可',
    off: { en: 'grant lambda:InvokeFunction only to principals of the account', ja: 'lambda:InvokeFunction はアカウント内のプリンシパルにだけ許可する' },
  },
  'the callers of an API Gateway API invoking a Lambda function': { en: 'an API Gateway API invoking a Lambda function', ja: 'Lambda 関数を呼び出す API Gateway の API' },
  'the callers of an AppSync API invoking a Lambda function': { en: 'an AppSync API invoking a Lambda function', ja: 'Lambda 関数を呼び出す AppSync の API' },
  'the devices publishing to an IoT topic rule invoking a Lambda function': { en: 'an IoT topic rule invoking a Lambda function', ja: 'Lambda 関数を呼び出す IoT トピックルール' },
  'the senders of mail to an SES receipt rule invoking a Lambda function': { en: 'an SES receipt rule invoking a Lambda function', ja: 'Lambda 関数を呼び出す SES 受信ルール' },
  'the users of a Cognito user pool whose triggers invoke a Lambda function': { en: 'a Cognito user pool trigger', ja: 'Cognito ユーザープールのトリガー' },
  'the internet through a public App Runner service with a VPC connector': {
    en: 'a public App Runner service with a VPC connector',
    ja: 'VPC コネクタを持つ公開 App Runner サービス',
    off: { en: 'make the service private (IsPubliclyAccessible / is_publicly_accessible false)', ja: 'サービスを非公開にする（IsPubliclyAccessible / is_publicly_accessible を false）' },
  },
  [DATA_API]: {
    en: 'the RDS Data API of a cluster',
    ja: 'クラスターの RDS Data API',
    off: { en: 'turn the Data API off (EnableHttpEndpoint / enable_http_endpoint false)', ja: 'Data API を無効にする（EnableHttpEndpoint / enable_http_endpoint を false）' },
  },
  'remote users of the public API endpoint of an EKS cluster': {
    en: 'the public API endpoint of an EKS cluster',
    ja: 'EKS クラスターのパブリック API エンドポイント',
    off: { en: 'turn the public API endpoint off (EndpointPublicAccess / endpoint_public_access false)', ja: 'パブリック API エンドポイントを無効にする（EndpointPublicAccess / endpoint_public_access を false）' },
  },
  'the internet through an internet-facing Transfer Family server': {
    en: 'an internet-facing Transfer Family server',
    ja: 'インターネット向けの Transfer Family サーバー',
    address: true,
    off: { en: 'give the server\'s VPC endpoint no Elastic IP address (AddressAllocationIds / address_allocation_ids)', ja: 'サーバーの VPC エンドポイントに Elastic IP アドレスを割り当てない（AddressAllocationIds / address_allocation_ids）' },
  },
  'the internet through a public IP address of an instance': {
    en: 'a public IP address of an instance',
    ja: 'インスタンスのパブリック IP アドレス',
    address: true,
    off: { en: 'ask for no public IP address (AssociatePublicIpAddress / associate_public_ip_address false)', ja: 'パブリック IP アドレスを要求しない（AssociatePublicIpAddress / associate_public_ip_address を false）' },
  },
  'the internet through an Elastic IP address': {
    en: 'an Elastic IP address',
    ja: 'Elastic IP アドレス',
    address: true,
    off: { en: 'associate it with no instance or network interface (a NAT gateway\'s is no way in)', ja: 'インスタンスやネットワークインターフェースに関連付けない（NAT ゲートウェイのものは入口ではない）' },
  },
  [ECS_TASKS]: {
    en: 'public IP addresses of ECS tasks',
    ja: 'ECS タスクのパブリック IP アドレス',
    address: true,
    off: { en: 'set AssignPublicIp to DISABLED (assign_public_ip = false)', ja: 'AssignPublicIp を DISABLED にする（assign_public_ip = false）' },
  },
  'the internet through public IP addresses of AWS Batch Fargate jobs': {
    en: 'public IP addresses of AWS Batch Fargate jobs',
    ja: 'AWS Batch の Fargate ジョブのパブリック IP アドレス',
    address: true,
    off: { en: 'set assignPublicIp to DISABLED', ja: 'assignPublicIp を DISABLED にする' },
  },
  'the internet through public IP addresses of the instances a launch template starts': {
    en: 'public IP addresses of the instances a launch template starts',
    ja: '起動テンプレートが起動するインスタンスのパブリック IP アドレス',
    address: true,
    off: {
      en: 'ask for no public IP address in the launch template (AssociatePublicIpAddress / associate_public_ip_address false)',
      ja: '起動テンプレートでパブリック IP アドレスを要求しない（AssociatePublicIpAddress / associate_public_ip_address を false）',
    },
  },
  [LAUNCHED]: {
    en: 'public IP addresses a launch template outside the synthesized output may give',
    ja: '合成結果にない起動テンプレートが付与しうるパブリック IP アドレス',
    address: true,
    off: { en: 'launch from a launch template of the same app that asks for no public IP address', ja: 'パブリック IP アドレスを要求しない同じアプリの起動テンプレートから起動する' },
  },
  [PUBLIC_ENDPOINT]: {
    en: 'a publicly accessible database or replication instance',
    ja: 'パブリックアクセス可能なデータベース・レプリケーションインスタンス',
    address: true,
    off: { en: 'make it private (PubliclyAccessible / publicly_accessible false)', ja: '非公開にする（PubliclyAccessible / publicly_accessible を false）' },
  },
  'the internet through the public brokers of an MSK cluster': {
    en: 'the public brokers of an MSK cluster',
    ja: 'MSK クラスターの公開ブローカー',
    address: true,
    off: { en: 'turn public access off (PublicAccess.Type / public_access.type DISABLED)', ja: 'パブリックアクセスを無効にする（PublicAccess.Type / public_access.type を DISABLED）' },
  },
  'the internet through the public instances or load balancer of an Elastic Beanstalk environment': {
    en: 'the public instances or load balancer of an Elastic Beanstalk environment',
    ja: 'Elastic Beanstalk 環境の公開インスタンスやロードバランサー',
    address: true,
    off: { en: 'set aws:ec2:vpc AssociatePublicIpAddress to false and ELBScheme to internal', ja: 'aws:ec2:vpc の AssociatePublicIpAddress を false、ELBScheme を internal にする' },
  },
  'remote users of a Cloud9 environment connecting by SSH': {
    en: 'a Cloud9 environment connecting by SSH',
    ja: 'SSH で接続する Cloud9 環境',
    address: true,
    off: { en: 'use ConnectionType (connection_type) CONNECT_SSM', ja: 'ConnectionType（connection_type）を CONNECT_SSM にする' },
  },
  'the internet through the public web server of an MWAA environment': {
    en: 'the public web server of an MWAA environment',
    ja: 'MWAA 環境の公開 Web サーバー',
    off: { en: 'make the web server private (WebserverAccessMode / webserver_access_mode PRIVATE_ONLY)', ja: 'Web サーバーを非公開にする（WebserverAccessMode / webserver_access_mode を PRIVATE_ONLY）' },
  },
  'remote users of Amazon WorkSpaces desktops': { en: 'Amazon WorkSpaces desktops', ja: 'Amazon WorkSpaces のデスクトップ' },
  'remote users of the browsers of a WorkSpaces Secure Browser portal': { en: 'a WorkSpaces Secure Browser portal', ja: 'WorkSpaces Secure Browser ポータル' },
  'the internet through the default internet access of an AppStream fleet or image builder':
    { en: 'an AppStream fleet or image builder with default internet access', ja: '既定のインターネットアクセスを持つ AppStream のフリート・イメージビルダー' },
  [APPSTREAM_STREAMING]: { en: 'an AppStream fleet or image builder', ja: 'AppStream のフリート・イメージビルダー' },
};

/**
 * A Classic Load Balancer, internet-facing: no load balancer node of the graph (SC-3 reads the others as entrances),
 * and never the public web entrance — AWS WAF protects Application Load Balancers, not Classic ones (AWS WAF Developer
 * Guide, "Resources that you can protect").
 */
const CLASSIC: IngressName = {
  en: 'an internet-facing Classic Load Balancer',
  ja: 'インターネット向けの Classic Load Balancer',
  off: { en: 'make it internal (Scheme: internal, internal = true)', ja: '内部向けにする（Scheme: internal、internal = true）' },
};
const CLASSIC_TYPES: ReadonlySet<string> = new Set(['AWS::ElasticLoadBalancing::LoadBalancer', 'aws_elb']);

/** What SC-3 calls a bridge that lets the internet in (`INGRESS`), undefined for any other bridge. */
export function internetIngress(bridge: { readonly type: string; readonly bridged?: string }): IngressName | undefined {
  if (CLASSIC_TYPES.has(bridge.type)) return CLASSIC;
  if (bridge.bridged === UNKNOWN_TYPE_INGRESS) {
    return { en: `a resource of type ${bridge.type}, which the guard does not know,`, ja: `ガードが知らない種類 ${bridge.type} のリソース`, unknownType: true };
  }
  const phrase = bridge.bridged ?? bridgedWith(bridge.type);
  return Object.prototype.hasOwnProperty.call(INGRESS, phrase) ? INGRESS[phrase] : undefined;
}

/**
 * Whether GUARD-1 leaves an attachment of a bridge to the SC rules: it lies in the Internet segment or the prefecture
 * hub (`placesOf` finds nothing to refuse). The rest — the My Number or LGWAN segment, an unlabelled VPC, what the
 * guard cannot place — GUARD-1 reports already.
 */
export function leftToSecurityCloud(nodes: ReadonlyMap<string, GraphNode>, attachment: BridgeAttachment): boolean {
  return placesOf(nodes, attachment).length === 0;
}

/** Bridge entries `[property, value, networkInterface?]`, as `bridgeAttachments` takes them. */
export type BridgeEntry = [string, unknown, boolean?];

/**
 * Where an Elastic IP address lands, as bridge entries: the subnets of the instance or network interface it names when
 * the output holds that resource (`place` reads it: the instance's or interface's subnets, the default VPC for an
 * instance without one), else the value itself (an instance by id is not in the output; an interface by id is an ENI
 * the guard does not model). Properties that name nothing give no entry.
 */
export function eipEntries(
  instance: readonly [string, unknown], networkInterface: readonly [string, unknown],
  place: (kind: 'instance' | 'interface', value: unknown) => BridgeEntry[] | undefined,
): BridgeEntry[] {
  const out: BridgeEntry[] = [];
  for (const [kind, [property, value]] of [['instance', instance], ['interface', networkInterface]] as const) {
    if (value === undefined || value === null) continue;
    const placed = place(kind, value);
    if (placed) out.push(...placed.map(([p, v, eni]): BridgeEntry => [`${property} → ${p}`, v, eni]));
    else out.push([property, value, kind === 'interface']);
  }
  return out;
}

/**
 * Where a CloudFront VPC origin lets the internet in, as bridge entries: its endpoint (`property` = `value`, the ARN of
 * an Application or Network Load Balancer or an EC2 instance: CloudFormation reference, AWS::CloudFront::VpcOrigin
 * VpcOriginEndpointConfig `Arn`) at the subnets of the instance when the output holds it (`instance` reads them, as for
 * an Elastic IP address), else the value itself: a load balancer of the output is placed at its subnets, anything else
 * cannot be placed.
 */
export function originEntries(property: string, value: unknown, instance: (value: unknown) => BridgeEntry[] | undefined): BridgeEntry[] {
  const placed = value === undefined || value === null ? undefined : instance(value);
  return placed ? placed.map(([p, v, eni]): BridgeEntry => [`${property} → ${p}`, v, eni]) : [[property, value]];
}

/** Whether a setting may be on: true, "true", or anything the guard cannot read at synth time (fail closed). */
export function mayBeOn(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== 'false';
}

/**
 * A subnet's `outpostLan` (graph.ts `SubnetNode`): the property that connects an Outpost's instances to the on-premises
 * network, a local network interface at a device index (any value but none; AWS Outposts User Guide, "Local network
 * interfaces") or customer-owned IP addresses on launch (`mayBeOn`; "Customer-owned IP addresses ... communicate with
 * resources on your on-premises network", which may reach the internet). Outside auditor, red team 38.
 */
export function outpostLan(lni: unknown, lniProperty: string, coip: unknown, coipProperty: string): { outpostLan?: string } {
  if (lni !== undefined && lni !== null) return { outpostLan: lniProperty };
  return mayBeOn(coip) ? { outpostLan: coipProperty } : {};
}

/**
 * An EC2 instance's attachments as a bridge: with `onlyPublic`, those of its interfaces that ask for a public IP address
 * (none when none does), else all of them (where an Elastic IP associated with the instance lands). CloudFormation: an
 * interface's `SubnetId`, else the instance's (`AssociatePublicIpAddress` or `AssociateCarrierIpAddress` on `NetworkInterfaces[]`); an interface given
 * by `NetworkInterfaceId` is an ENI the guard does not model. Terraform: `subnet_id` (`associate_public_ip_address`).
 * Without a subnet the instance lands in the account's default VPC.
 */
export function instanceEntries(engine: 'cloudformation' | 'terraform', p: any, onlyPublic: boolean): BridgeEntry[] {
  if (engine === 'terraform') return !onlyPublic || mayBeOn(p.associate_public_ip_address) ? [['subnet_id', p.subnet_id ?? DEFAULT_VPC]] : [];
  // Interfaces given by a parameter or condition are unreadable (GUARD-1): they may ask for a public IP address.
  const interfaces: any[] = blocks(p.NetworkInterfaces);
  const own: BridgeEntry = ['SubnetId', p.SubnetId ?? DEFAULT_VPC];
  const out = interfaces.flatMap((n, i): BridgeEntry[] => {
    if (onlyPublic && !mayBeOn(n?.AssociatePublicIpAddress) && !mayBeOn(n?.AssociateCarrierIpAddress)) return [];
    if (n?.SubnetId !== undefined) return [[`NetworkInterfaces[${i}].SubnetId`, n.SubnetId]];
    if (n?.NetworkInterfaceId !== undefined) return [[`NetworkInterfaces[${i}].NetworkInterfaceId`, n.NetworkInterfaceId, true]];
    return [own];
  });
  return out.length === 0 && !onlyPublic ? [own] : out;
}

/** The property names of a network interface of a launch template, per engine. */
const INTERFACE_KEYS = {
  cloudformation: { publicIp: 'AssociatePublicIpAddress', carrierIp: 'AssociateCarrierIpAddress', subnet: 'SubnetId', eni: 'NetworkInterfaceId' },
  terraform: { publicIp: 'associate_public_ip_address', carrierIp: 'associate_carrier_ip_address', subnet: 'subnet_id', eni: 'network_interface_id' },
} as const;

/**
 * The interfaces of a launch template (`interfaces`, read from `property`) that ask for a public IP address, as bridge
 * entries: each one's subnet, or its ENI; one naming neither lands where what launches the template runs (no entry).
 * Undefined when none asks for a public IP address: the template is no bridge.
 */
export function exposedInterfaces(engine: 'cloudformation' | 'terraform', interfaces: unknown, property: string): BridgeEntry[] | undefined {
  const keys = INTERFACE_KEYS[engine];
  const all: any[] = blocks(interfaces);
  let exposed = false;
  const out: BridgeEntry[] = [];
  all.forEach((n, i) => {
    // A carrier IP address (a subnet in a Wavelength Zone) is reached from the carrier network and the internet as a public one is.
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_LaunchTemplateInstanceNetworkInterfaceSpecificationRequest.html (AssociateCarrierIpAddress)
    if (!mayBeOn(n?.[keys.publicIp]) && !mayBeOn(n?.[keys.carrierIp])) return;
    exposed = true;
    if (n[keys.subnet] !== undefined) out.push([`${property}[${i}].${keys.subnet}`, n[keys.subnet]]);
    else if (n[keys.eni] !== undefined) out.push([`${property}[${i}].${keys.eni}`, n[keys.eni], true]);
  });
  return exposed ? out : undefined;
}

/**
 * The network interfaces a launch template (`interfaces`, read from `property`) gives every instance it launches, as
 * `launchBridges` judges a host in more than one VPC (docs/guard-semantics.md §7, §10): how many there are (`count`),
 * where those that name a subnet or an interface lie (`homes`: its `SubnetId` / `subnet_id`; an interface by id at that
 * interface's subnet when the output holds it, `eniSubnet`, else the ENI, which the guard does not model), and whether
 * one names neither (`open`: it lands where what launches the template puts the instance). EC2 attaches every one at
 * launch, each in its own subnet, and an instance may have interfaces in several VPCs of the account (multi-VPC ENI
 * attachments): a template whose interfaces name subnets of two VPCs makes every instance it launches a bridge, as the
 * same interfaces written on the instance do (`homeEntries`). An interface, or the list, given by an expression may
 * name any subnet, or hold any number of interfaces: a home that cannot be placed (fail closed; the template's reading
 * already notes it unreadable).
 */
export function templateInterfaces(
  engine: 'cloudformation' | 'terraform', interfaces: unknown, property: string, eniSubnet: (id: unknown) => unknown,
): TemplateInterfaces {
  const k = INTERFACE_KEYS[engine];
  if (interfaces === undefined || interfaces === null) return { count: 0, homes: [], open: false };
  if (typeof interfaces !== 'object' || isExpression(interfaces)) return { count: 2, homes: [[property, interfaces]], open: false };
  const list: unknown[] = Array.isArray(interfaces) ? interfaces : [interfaces];
  const homes: BridgeEntry[] = [];
  let open = false;
  let count = 0;
  list.forEach((n: any, i) => {
    if (n === undefined || n === null) return;
    count++;
    const at = Array.isArray(interfaces) ? `${property}[${i}]` : property;
    if (typeof n !== 'object' || isExpression(n)) {
      homes.push([at, n]);
    } else if (n[k.subnet] !== undefined && n[k.subnet] !== null) {
      homes.push([`${at}.${k.subnet}`, n[k.subnet]]);
    } else if (n[k.eni] !== undefined && n[k.eni] !== null) {
      const subnet = eniSubnet(n[k.eni]);
      homes.push(subnet !== undefined && subnet !== null ? [`${at}.${k.eni} → ${k.subnet}`, subnet] : [`${at}.${k.eni}`, n[k.eni], true]);
    } else {
      open = true;
    }
  });
  return { count, homes, open };
}

/** A launch template's interfaces as `templateInterfaces` reads them: how many, where those naming a subnet or interface lie, whether one names neither. */
export interface TemplateInterfaces {
  readonly count: number;
  readonly homes: readonly BridgeEntry[];
  readonly open: boolean;
}

/**
 * The network interfaces of its own an EC2 instance launched from a template adds to the template's, as `launchBridges`
 * reads them: how many it lists (`NetworkInterfaces` / `network_interface`), and where it and they lie (`homes`, from
 * `homeEntries`: its own subnet and its interfaces' subnets; none when it gives neither, `placed` false). RunInstances
 * parameters override the template's (EC2 API reference, LaunchTemplateConfig `Overrides`; the provider's
 * `aws_instance` `launch_template`), but the guard does not model how EC2 merges two interface lists: it counts both
 * (conservatively, a host may get every one of them).
 */
export function launcherInterfaces(engine: 'cloudformation' | 'terraform', p: any, homes: readonly BridgeEntry[], placed: boolean): LauncherInterfaces {
  const list = p[engine === 'cloudformation' ? 'NetworkInterfaces' : 'network_interface'];
  const interfaces = Array.isArray(list) ? list.filter((n) => n !== undefined && n !== null).length : list !== undefined && list !== null ? 1 : 0;
  return { interfaces, homes: placed ? homes : [] };
}

/** An instance's own interfaces beside its template's (`launcherInterfaces`). */
export interface LauncherInterfaces {
  readonly interfaces: number;
  readonly homes: readonly BridgeEntry[];
}

/**
 * Where a managed service's public endpoint lands, given its subnet group (`property` = `value`): the group's subnets
 * (`key` of the group's properties) when `group` finds the group in the output, the value itself otherwise (not
 * placeable), the default VPC when no group is given.
 */
export function subnetGroupEntries(property: string, value: unknown, group: (value: unknown) => any, key: string): BridgeEntry[] {
  if (value === undefined || value === null) return [[property, DEFAULT_VPC]];
  const named = group(value);
  return named ? [[`${property} → ${key}`, named[key]]] : [[property, value]];
}

/** A launch configuration's `AssociatePublicIpAddress` / `associate_public_ip_address`: no entry of its own when it may be on. */
export function exposedConfiguration(value: unknown): BridgeEntry[] | undefined {
  return mayBeOn(value) ? [] : undefined;
}

/** How a bridge differs from its type's: what it connects with, and whether it is one only across VPCs (`PendingBridge`). */
export interface BridgeOptions {
  readonly bridged?: string;
  readonly multiVpc?: boolean;
}

/** Where the extractors hand bridges, launch templates and launchers on (the graph builder). */
export interface BridgeSink {
  bridge(node: string, type: string, attachments: readonly BridgeAttachment[], path?: string, fix?: string, options?: BridgeOptions): void;
  launchTemplate(template: PendingTemplate): void;
  launcher(launcher: PendingLauncher): void;
}

/** The resource a reader is reading, as the recorders below need it, and how its extractor resolves a value. */
export interface BridgeSource {
  readonly b: BridgeSink;
  readonly id: string;
  readonly type: string;
  readonly base: { readonly path: string | undefined };
}

/** Record a resource that opens a path the guard does not model: what it attaches to, placed when the graph is built. */
export function recordBridge(
  { b, id, type, base }: BridgeSource, ref: (v: unknown) => Ref, entries: readonly BridgeEntry[], fix?: string, options?: BridgeOptions,
): void {
  b.bridge(id, type, bridgeAttachments(entries, ref), base.path, fix, options);
}

/** How to fix an instance with network interfaces in more than one VPC. */
export const MULTI_HOMED_FIX = 'give an instance network interfaces in the subnets of one VPC only (its segment\'s), and connect segments only through '
  + 'the routes and gateways the guard reads: a host in two VPCs forwards between them whatever their routes (三層の対策)';

/**
 * The subnets of all the network interfaces of an instance, as bridge entries: its own subnet (`SubnetId` / `subnet_id`;
 * with neither it nor interfaces, the default VPC), each interface's `SubnetId`, and each interface given by id at that
 * interface's subnet when the output holds it (`eniSubnet`), else the ENI (not placeable). With more than one they are a
 * bridge (`MULTI_HOMED`) unless all lie in one VPC of the output: a host in two VPCs joins them.
 */
export function homeEntries(engine: 'cloudformation' | 'terraform', p: any, eniSubnet: (id: unknown) => unknown): BridgeEntry[] {
  const k = engine === 'cloudformation' ? { own: 'SubnetId', list: 'NetworkInterfaces', eni: 'NetworkInterfaceId' }
    : { own: 'subnet_id', list: 'network_interface', eni: 'network_interface_id' };
  const interfaces: any[] = blocks(p[k.list]);
  const out: BridgeEntry[] = p[k.own] !== undefined || interfaces.length === 0 ? [[k.own, p[k.own] ?? DEFAULT_VPC]] : [];
  interfaces.forEach((n, i) => {
    const at = `${k.list}[${i}]`;
    if (n?.[k.own] !== undefined) {
      out.push([`${at}.${k.own}`, n[k.own]]);
    } else if (n?.[k.eni] !== undefined) {
      const subnet = eniSubnet(n[k.eni]);
      out.push(subnet !== undefined && subnet !== null ? [`${at}.${k.eni} → ${k.own}`, subnet] : [`${at}.${k.eni}`, n[k.eni], true]);
    }
  });
  return out;
}

/**
 * One place an instance may run, for its role label: a subnet (`value` names it), a network interface or launch template
 * the guard cannot place (given by id outside the output, or by an expression), or the default VPC.
 */
export type InstancePlace = readonly ['subnet' | 'network interface' | 'launch template', unknown] | readonly ['default VPC'];

/** The property names `instancePlaces` reads, per engine. */
const PLACE_KEYS = {
  cloudformation: { own: 'SubnetId', lists: ['NetworkInterfaces'], eni: 'NetworkInterfaceId', template: 'LaunchTemplate' },
  terraform: { own: 'subnet_id', lists: ['network_interface', 'primary_network_interface'], eni: 'network_interface_id', template: 'launch_template' },
} as const;

/**
 * Where a labelled EC2 instance may run (PL-1, BP-1, AP-7; docs/guard-semantics.md §7), read as `homeEntries` reads its
 * interfaces for reachability: its own subnet (`SubnetId` / `subnet_id`), each interface's subnet, an interface given by
 * id at that interface's subnet when the output holds it (`eniSubnet`), else that interface. Without a subnet or an
 * interface of its own, it runs where its launch template's interfaces say (`template` gives the template's interface
 * list when the output holds the template, undefined when not: a template outside the output may put it anywhere). A
 * list or an interface given by an expression may name any subnet (fail closed). With none of these it runs in the
 * account's default VPC. Terraform's `network_interface` / `primary_network_interface` give an ENI by id only.
 */
export function instancePlaces(
  engine: 'cloudformation' | 'terraform', p: any, eniSubnet: (id: unknown) => unknown, template: (spec: unknown) => { interfaces: unknown } | undefined,
): InstancePlace[] {
  const k = PLACE_KEYS[engine];
  const out: InstancePlace[] = [];
  const interfaces = (list: unknown) => {
    for (const n of Array.isArray(list) ? list : list === undefined || list === null ? [] : [list]) {
      if (typeof n !== 'object' || n === null || isExpression(n)) {
        out.push(['network interface', n]);
      } else if (n[k.own] !== undefined) {
        out.push(['subnet', n[k.own]]);
      } else if (n[k.eni] !== undefined) {
        const subnet = eniSubnet(n[k.eni]);
        out.push(subnet !== undefined && subnet !== null ? ['subnet', subnet] : ['network interface', n[k.eni]]);
      }
    }
  };
  if (p[k.own] !== undefined && p[k.own] !== null) out.push(['subnet', p[k.own]]);
  for (const list of k.lists) interfaces(isExpression(p[list]) ? [p[list]] : p[list]);
  const spec = p[k.template];
  if (out.length === 0 && spec !== undefined && spec !== null) {
    const held = template(spec);
    if (held === undefined) out.push(['launch template', spec]);
    else interfaces(isExpression(held.interfaces) ? [held.interfaces] : held.interfaces);
  }
  return out.length > 0 ? out : [['default VPC']];
}

/** Where a launch template's data and interfaces are (`interfacesElsewhere`), by engine. */
const TEMPLATE_INTERFACES = {
  cloudformation: { data: 'LaunchTemplateData', lists: ['NetworkInterfaces'] },
  terraform: { data: undefined, lists: ['network_interfaces'] },
} as const;

/**
 * The network interfaces an EC2 instance — or, with `template`, a launch template for what it launches
 * (`LaunchTemplateData.NetworkInterfaces`, `network_interfaces`) — names that the guard cannot place (semantics §10),
 * each with the property that names it, as an `outside` mention (`via`) naming the interface by its id or expression: an
 * interface by id the output does not hold (`eniSubnet` gives no subnet for it: a literal `eni-…`, a parameter, a
 * variable), or an interface or list given by an expression. An unlabelled instance on one may run in any subnet (AP-7
 * judges it, fail closed); a labelled one is placed by `instancePlaces`.
 */
export function interfacesElsewhere(engine: 'cloudformation' | 'terraform', p: any, eniSubnet: (id: unknown) => unknown, template = false): SubnetMention[] {
  const k = PLACE_KEYS[engine];
  const t = TEMPLATE_INTERFACES[engine];
  const out: SubnetMention[] = [];
  const push = (property: string, value: unknown) => out.push({ property, subnet: expressionText(value), outside: true, via: 'network interface' });
  const data = template && t.data ? p?.[t.data] : p;
  if (typeof data !== 'object' || data === null || isExpression(data)) return out;
  for (const list of template ? t.lists : k.lists) {
    const v = data[list];
    if (v === undefined || v === null) continue;
    const name = template && t.data ? `${t.data}.${list}` : list;
    (Array.isArray(v) ? v : [v]).forEach((n: any, i: number) => {
      const at = Array.isArray(v) ? `${name}[${i}]` : name;
      if (typeof n !== 'object' || n === null || isExpression(n)) push(at, n);
      else if (n[k.own] === undefined && n[k.eni] !== undefined && (eniSubnet(n[k.eni]) ?? null) === null) push(`${at}.${k.eni}`, n[k.eni]);
    });
  }
  return out;
}

/**
 * Record a launch template or launch configuration, with the entries of its interfaces that ask for a public IP address,
 * the role its instance tag specifications give the instances it launches (`launchedLabels`), and the network
 * interfaces it gives them (`templateInterfaces`; a launch configuration has none).
 */
export function recordTemplate(
  { b, id, type, base, p }: BridgeSource & { readonly p: unknown }, ref: (v: unknown) => Ref, exposed: readonly BridgeEntry[] | undefined,
  role?: TemplateRole, interfaces?: TemplateInterfaces,
): void {
  const path = base.path !== undefined ? { path: base.path } : {};
  const homes = interfaces ? { interfaces: { count: interfaces.count, homes: bridgeAttachments(interfaces.homes, ref), open: interfaces.open } } : {};
  const publicIp = exposed ? { exposed: bridgeAttachments(exposed, ref) } : {};
  const groups = LAUNCH_GROUPS[type]?.(p) ?? true;
  // A template naming groups on some interfaces and none on others (occupants.ts `bareTemplateInterfaces`).
  const data = type === 'AWS::EC2::LaunchTemplate' ? (p as any)?.LaunchTemplateData : type === 'aws_launch_template' ? p : undefined;
  const found = groups && data !== undefined ? bareTemplateInterfaces(data) : undefined;
  const bare = found ? { bare: { homes: bridgeAttachments(found.subnets.map((v) => ['NetworkInterfaces', v] as BridgeEntry), ref), launcher: found.launcher } } : {};
  b.launchTemplate({ node: id, type, ...publicIp, ...(role ? { role } : {}), ...homes, groups, ...bare, ...path });
}

/**
 * Record what launches instances from `templates` (`[property, template]`), its instances running at `placement`
 * (`labelPlaces`: where an instance's role label is placed, `instancePlaces`, when it is an instance; `own`: an
 * instance's own interfaces, `launcherInterfaces`).
 */
export function recordLauncher(
  { b, id, type, base, p }: BridgeSource & { readonly p: unknown }, ref: (v: unknown) => Ref, templates: readonly (readonly [string, Ref])[],
  placement: readonly BridgeEntry[], labelPlaces?: LabelPlaces, own?: LauncherInterfaces,
): void {
  b.launcher({
    node: id,
    type,
    templates,
    placement: bridgeAttachments(placement, ref),
    ...(labelPlaces ? { labelPlaces } : {}),
    ...(own ? { own: { interfaces: own.interfaces, homes: bridgeAttachments(own.homes, ref) } } : {}),
    ...(LAUNCH_GROUPS[type] ? { groups: LAUNCH_GROUPS[type](p) } : {}),
    ...(base.path !== undefined ? { path: base.path } : {}),
  });
}

/**
 * Record that a launcher boots a launch template with a machine image of its own (`LaunchImageNode`, one per property
 * that gives it): `image` as text when it is a literal string, otherwise an image the output does not name.
 */
export function recordLaunchImage(
  { id, type, base }: BridgeSource, b: { add(node: GraphNode): void }, property: string, template: Ref, image: string | undefined,
): void {
  b.add({ ...base, tags: {}, id: `${id}#${property}`, type: 'launch-image', resourceType: type, template, ...(image !== undefined ? { image } : {}) });
}

/** The resource types the extractors read as bridges (both engines). */
export const BRIDGE_TYPES: readonly string[] = Object.keys(BRIDGED).sort();

/** `BRIDGE_TYPES` as a set, for the extractors' occupant reading (occupants.ts `knownOccupant`). */
export const BRIDGE_TYPE_SET: ReadonlySet<string> = new Set(BRIDGE_TYPES);

/** What a bridge connects with, as `resolveBridges` words it. */
export function bridgedWith(type: string): string {
  return BRIDGED[type] ?? 'a network the guard does not model';
}

/** One thing a bridge attaches to: the property that names it and what it names. */
export interface BridgeAttachment {
  readonly property: string;
  readonly ref: Ref;
  /** The property names a network interface (ENI), which the guard does not model: never placed. */
  readonly networkInterface?: boolean;
}

/** An attachment left out where it names the VPC: the account's default VPC, which no template holds. */
export const DEFAULT_VPC: Ref = { kind: 'unresolved', expression: 'not given, which means the default VPC' };

/** Where Terraform's adopted default VPC or default subnet lies: the account's default VPC, which no template models. */
export const ADOPTED_DEFAULT_VPC: Ref = { kind: 'unresolved', expression: 'the account\'s default VPC, which AWS made with an internet gateway and the guard does not model' };

/** How to fix an adopted default VPC or default subnet that is labelled as a segment or gives public IP addresses. */
export const DEFAULT_VPC_FIX = 'build the segments with aws_vpc and aws_subnet labelled jichitai:segment, not in the account\'s default VPC; '
  + 'adopt it (aws_default_vpc, aws_default_subnet) only without a segment label and with map_public_ip_on_launch = false (三層の対策)';

/**
 * Terraform's adoption of the account's default VPC (`aws_default_vpc`) or of one of its default subnets
 * (`aws_default_subnet`), as bridge entries: none when it is no way in. AWS made the default VPC with an internet gateway
 * and a main route table that sends 0.0.0.0/0 to it, and its default subnets give their instances public IPv4 addresses
 * (Amazon VPC User Guide, "Default VPCs"); the guard does not model it. Either one labelled as a segment
 * (`jichitai:segment`, or tags the guard cannot read), and a default subnet whose `map_public_ip_on_launch` is left out
 * (AWS's setting stays: on) or may be on, lie there: not placeable (fail closed). Untagged, the lock-down use (adopting
 * it to remove its rules or turn public addresses off) is no bridge.
 */
export function adoptedDefaultEntries(type: string, p: any, tags: Readonly<Record<string, string>>): BridgeEntry[] {
  const out: BridgeEntry[] = [];
  const publicAddresses = p.map_public_ip_on_launch === undefined || p.map_public_ip_on_launch === null || mayBeOn(p.map_public_ip_on_launch);
  if (type === 'aws_default_subnet' && publicAddresses) out.push(['map_public_ip_on_launch', ADOPTED_DEFAULT_VPC]);
  if (tags['jichitai:segment'] !== undefined || typeof p.tags === 'string') out.push(['tags.jichitai:segment', ADOPTED_DEFAULT_VPC]);
  return out;
}

/** Where the functions of an API definition the guard cannot read run: it may name any function (fail closed). */
export const UNREAD_DEFINITION: Ref = {
  kind: 'unresolved',
  expression: 'an API definition the guard cannot read (in S3, in a file or known only at deploy time), which may invoke any function',
};

/** Where an AWS Batch job runs: the compute environment of the job queue it is submitted to, which no template names. */
export const SUBMITTED_JOB: Ref = { kind: 'unresolved', expression: 'the subnets of the compute environment that runs the job, chosen when the job is submitted' };

/** Where the ECS tasks of a state machine definition the guard cannot parse run. */
export const UNREAD_TASKS: Ref = { kind: 'unresolved', expression: 'the subnets of the ECS tasks a state machine definition the guard cannot parse runs' };

/** Bridge entry values that are their own attachment, not values to resolve. */
const OWN_REFS: ReadonlySet<unknown> = new Set([DEFAULT_VPC, ADOPTED_DEFAULT_VPC, UNREAD_DEFINITION, SUBMITTED_JOB, UNREAD_TASKS]);

/** How to fix an AWS Batch job definition whose Fargate containers ask for a public IP address. */
export const BATCH_FIX = 'set networkConfiguration.assignPublicIp to DISABLED in the job definition (a Fargate job reaches the internet through a NAT gateway): '
  + 'where a job runs is chosen when it is submitted, so the guard cannot place its public IP address (三層の対策)';

/**
 * Whether the Fargate containers of an AWS Batch job definition (`config`: its container properties, or one of its ECS
 * properties' task properties) may ask for a public IP address: `network`.`assign` (`NetworkConfiguration.AssignPublicIp`,
 * `networkConfiguration.assignPublicIp`) is `ENABLED` or cannot be read; left out, it is `DISABLED` (AWS Batch API
 * reference, NetworkConfiguration `assignPublicIp`). Such a job is not placeable (`SUBMITTED_JOB`): it runs in the
 * compute environment of the queue it is submitted to.
 */
export function publicJob(config: unknown, network: string, assign: string): boolean {
  if (config === undefined || config === null) return false;
  if (typeof config !== 'object' || isExpression(config)) return true;
  const n = (config as Record<string, unknown>)[network];
  if (n === undefined || n === null) return false;
  if (typeof n !== 'object' || isExpression(n)) return true;
  const v = (n as Record<string, unknown>)[assign];
  return v !== undefined && v !== null && v !== 'DISABLED';
}

/**
 * The ECS tasks a Step Functions state machine runs with a public IP address, as bridge entries (`taskEntries`): each
 * Task state whose `Resource` is the ECS run-task integration (`arn:…:states:::ecs:runTask`, `.sync`,
 * `.waitForTaskToken`), anywhere in the parsed definition (`Parallel` branches, `Map` iterators included), at its
 * `Parameters` (JSONata: `Arguments`) `NetworkConfiguration.AwsvpcConfiguration` `Subnets` when `AssignPublicIp` is
 * `ENABLED` or unreadable (a JSONPath `AssignPublicIp.$`, a JSONata expression). `subnets` maps a subnet value of the
 * definition back to what the template or configuration wrote. Source: Step Functions developer guide, "Run Amazon ECS
 * or Fargate tasks with Step Functions".
 */
export function runTaskEntries(definition: unknown, property: string, subnets: (v: unknown) => unknown): BridgeEntry[] {
  const out: BridgeEntry[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${at}[${i}]`));
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, any>;
    if (o.Type === 'Task' && typeof o.Resource === 'string' && /:states:::ecs:runTask/.test(o.Resource)) {
      const config = (o.Parameters ?? o.Arguments)?.NetworkConfiguration?.AwsvpcConfiguration;
      if (config && typeof config === 'object') {
        const assign = config.AssignPublicIp ?? config['AssignPublicIp.$'];
        const listed = config.Subnets ?? config['Subnets.$'];
        const mapped = Array.isArray(listed) ? listed.map(subnets) : listed === undefined ? undefined : subnets(listed);
        out.push(...taskEntries('cloudformation', { AssignPublicIp: assign, Subnets: mapped }, `${at}.NetworkConfiguration.AwsvpcConfiguration`));
      }
    }
    for (const [k, x] of Object.entries(o)) walk(x, `${at}.${k}`);
  };
  walk(definition, property);
  return out;
}

/**
 * The URIs through which an OpenAPI definition of an API Gateway API (`Body` / `body`) may invoke a Lambda function:
 * each `x-amazon-apigateway-integration`'s `uri` unless its `type` is `http`, `http_proxy` or `mock`, and each
 * `x-amazon-apigateway-authorizer`'s `authorizerUri`, wherever they are (paths, methods, security schemes, components).
 * Source: API Gateway developer guide, "OpenAPI extensions to API Gateway".
 */
export function definitionUris(definition: unknown): unknown[] {
  const out: unknown[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      v.forEach(walk);
      return;
    }
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v as Record<string, any>)) {
      if (k === 'x-amazon-apigateway-integration' && x && typeof x === 'object') {
        const type = typeof x.type === 'string' ? x.type.toUpperCase() : x.type;
        if (x.uri !== undefined && !NOT_FUNCTION_INTEGRATIONS.has(type)) out.push(x.uri);
      } else if (k === 'x-amazon-apigateway-authorizer' && x && typeof x === 'object') {
        if (x.authorizerUri !== undefined) out.push(x.authorizerUri);
      } else {
        walk(x);
      }
    }
  };
  walk(definition);
  return out;
}

/**
 * The attachments of a bridge from `[property, value, networkInterface?]` entries: a list value gives one attachment per
 * element, an absent value none (`DEFAULT_VPC` stands for itself). A bridge with no attachment at all has one that is
 * missing (fail closed: the guard cannot tell where it ends).
 */
export function bridgeAttachments(entries: readonly (readonly [string, unknown, boolean?])[], ref: (value: unknown) => Ref): BridgeAttachment[] {
  const out: BridgeAttachment[] = [];
  for (const [property, value, networkInterface] of entries) {
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      out.push({ property, ref: OWN_REFS.has(v) ? v as Ref : ref(v), ...(networkInterface ? { networkInterface } : {}) });
    }
  }
  if (out.length === 0 && entries.length > 0) out.push({ property: entries.map(([p]) => p).join(' / '), ref: { kind: 'unresolved', expression: 'missing value' } });
  return out;
}

/** A bridge resource as an extractor read it. */
export interface PendingBridge {
  readonly node: string;
  readonly type: string;
  readonly attachments: readonly BridgeAttachment[];
  /** The resource's construct path, when the output records it (a bridge is no graph node: findings are located by it). */
  readonly path?: string;
  /** What it connects with, when not its type's (`bridgedWith`). */
  readonly bridged?: string;
  /** How to fix it, when not by removing it or moving it to the Internet segment. */
  readonly fix?: string;
  /** A bridge only when its attachments do not all lie in one VPC of the output (a host with interfaces in several). */
  readonly multiVpc?: boolean;
}

/**
 * A launch template or launch configuration as an extractor read it: the attachments of its interfaces that ask for a
 * public IP address (`exposed`, empty when such interfaces name no subnet), or undefined when none asks for one.
 */
export interface PendingTemplate {
  readonly node: string;
  readonly type: string;
  readonly exposed?: readonly BridgeAttachment[];
  /** The role its instance tag specifications give what it launches (`launchedLabels`). */
  readonly role?: TemplateRole;
  /** The network interfaces it gives what it launches (`templateInterfaces`), their homes placed; none for a launch configuration. */
  readonly interfaces?: { readonly count: number; readonly homes: readonly BridgeAttachment[]; readonly open: boolean };
  /** It names the security groups of what it launches (occupants.ts `LAUNCH_GROUPS`). */
  readonly groups: boolean;
  /**
   * Naming groups, its interfaces that name none (occupants.ts `bareTemplateInterfaces`): the subnets they name
   * (`homes`), and whether one of them lands where the launcher puts the instance (`launcher`).
   */
  readonly bare?: { readonly homes: readonly BridgeAttachment[]; readonly launcher: boolean };
  readonly path?: string;
}

/** Where a role label is placed: a VPC, subnets, and what places it that the guard cannot place. */
export type LabelPlaces = Pick<RoleLabelNode, 'vpc' | 'subnets' | 'elsewhere'>;

/**
 * The role (`jichitai:role`) a launch template's tag specifications for instances give every instance it launches
 * (CloudFormation `LaunchTemplateData.TagSpecifications[]`, Terraform `tag_specifications`, `ResourceType` instance),
 * with the template's other `jichitai:` tags for instances, and where its own interfaces place those instances.
 */
export interface TemplateRole {
  readonly role: string;
  readonly tags: Readonly<Record<string, string>>;
  /** Where its instances run when what launches it names no subnet or interface (an instance): its interfaces' places. */
  readonly places: LabelPlaces;
}

/** What launches instances from launch templates (an Auto Scaling group, an instance, a fleet...): the templates, and where the instances run. */
export interface PendingLauncher {
  readonly node: string;
  readonly type: string;
  /** `[property, template]`: each template it names. */
  readonly templates: readonly (readonly [string, Ref])[];
  readonly placement: readonly BridgeAttachment[];
  /** An instance: where its role label is placed (`instancePlaces`), its launch template's interfaces included. */
  readonly labelPlaces?: LabelPlaces;
  /** An instance: the interfaces of its own and where it and they lie (`launcherInterfaces`), beside its template's. */
  readonly own?: { readonly interfaces: number; readonly homes: readonly BridgeAttachment[] };
  /**
   * Whether it names its instances' security groups itself (occupants.ts `LAUNCH_GROUPS`); undefined where its instances
   * never fall back to their VPC's default group (an EKS node group: its cluster's group).
   */
  readonly groups?: boolean;
  readonly path?: string;
}

const TEMPLATE_FIX = 'ask for no public IP address (AssociatePublicIpAddress) in a launch template whose instances run in the My Number or LGWAN segment, '
  + 'and launch a template that asks for one only from Auto Scaling groups or instances of the same app in subnets of the Internet segment (三層の対策)';

const LAUNCHER_FIX = 'launch from a launch template of the same app (the guard then reads whether it asks for a public IP address), '
  + 'or run the instances only in subnets of the Internet segment (三層の対策)';

/**
 * Launch templates as bridges (docs/guard-semantics.md §10): one whose interfaces ask for a public IP address lands
 * where its interfaces' subnets and the subnets of everything in the output that launches it are; with neither, it
 * cannot be placed (what launches it is outside the output). A launcher naming a template the output does not hold is a
 * bridge of its own at its subnets: the guard cannot read whether that template asks for public IP addresses.
 *
 * A host in more than one VPC (`MULTI_HOMED`) through a template's interfaces: every launcher of the output (an
 * instance, an Auto Scaling group, a fleet, a node group, a compute environment) is one for each template it launches
 * whose interfaces, with the subnets the launcher gives them (`launchedHomes`), do not all lie in one VPC of the output;
 * a template no launcher of the output names is one itself when its own interfaces do not (whatever launches it from
 * outside gets them all).
 */
export function launchBridges(templates: readonly PendingTemplate[], launchers: readonly PendingLauncher[]): PendingBridge[] {
  const byId = new Map(templates.map((t) => [t.node, t]));
  const users = new Map<string, BridgeAttachment[]>();
  const launched = new Set<string>();
  const out: PendingBridge[] = [];
  const multiHomed = (node: string, type: string, attachments: readonly BridgeAttachment[], path: string | undefined): PendingBridge => ({
    node, type, attachments, bridged: MULTI_HOMED, fix: MULTI_HOMED_FIX, multiVpc: true, ...(path !== undefined ? { path } : {}),
  });
  for (const l of launchers) {
    const unknown: string[] = [];
    const homed = new Set<string>();
    for (const [property, ref] of l.templates) {
      const template = ref.kind === 'node' ? byId.get(ref.id) : undefined;
      if (template) launched.add(template.node);
      // Once per template (an Auto Scaling group may name one twice, as its own and an override's).
      const homes = template && !homed.has(template.node) ? launchedHomes(l, template, property) : undefined;
      if (template) homed.add(template.node);
      if (homes) out.push(multiHomed(l.node, l.type, homes, l.path));
      if (!template) {unknown.push(`${property} (${show(ref)})`);} else if (template.exposed) {
        const list = users.get(template.node) ?? [];
        // No placement of its own (an instance that gives no subnet): the template's interfaces' subnets, else the default VPC.
        const placement = l.placement.length > 0 ? l.placement : template.exposed.length > 0 ? [] : [{ property: 'SubnetId', ref: DEFAULT_VPC }];
        list.push(...placement.map((a) => ({ ...a, property: `launched by ${l.node} → ${a.property}` })));
        users.set(template.node, list);
      }
    }
    if (unknown.length > 0) {
      const placement = l.placement.length > 0 ? l.placement
        : [{ property: 'placement', ref: { kind: 'unresolved', expression: 'the instances run where the launch template puts them' } as Ref }];
      out.push({
        node: l.node,
        type: l.type,
        bridged: LAUNCHED,
        fix: LAUNCHER_FIX,
        ...(l.path !== undefined ? { path: l.path } : {}),
        attachments: placement.map((a) => ({ ...a, property: `${unknown.join(', ')} → ${a.property}` })),
      });
    }
  }
  for (const t of templates) {
    // Launched from outside the output only: its own interfaces are every launched instance's.
    const own = t.interfaces;
    if (!launched.has(t.node) && own && own.count >= 2 && own.homes.length > 0) out.push(multiHomed(t.node, t.type, own.homes, t.path));
    if (!t.exposed) continue;
    const attachments = [...t.exposed, ...users.get(t.node) ?? []];
    if (attachments.length === 0) {
      attachments.push({ property: 'launched by', ref: { kind: 'unresolved', expression: 'nothing in the synthesized output launches it' } });
    }
    out.push({ node: t.node, type: t.type, attachments, fix: TEMPLATE_FIX, ...(t.path !== undefined ? { path: t.path } : {}) });
  }
  return out;
}

/**
 * Where instances launched from a launch template or configuration of the output use their VPC's default security
 * group: neither it nor their launcher names one (occupants.ts `LAUNCH_GROUPS`; an EKS node group's instances get their
 * cluster's group instead). They run where the launcher puts them, or, with no placement of its own (an instance without
 * a subnet), where the template's interfaces do — as their role label is placed (`launchedLabels`). A template the output
 * does not hold is a bridge of the launcher already (`launchBridges`, GUARD-1); one nothing in the output launches runs
 * where the guard cannot tell.
 */
export function launchedDefaultGroup(templates: readonly PendingTemplate[], launchers: readonly PendingLauncher[]): Ref[] {
  const byId = new Map(templates.map((t) => [t.node, t]));
  const out: Ref[] = [];
  const subnets = (placement: readonly BridgeAttachment[]) => out.push(...placement.filter((a) => !a.networkInterface).map((a) => a.ref));
  for (const l of launchers) {
    if (l.groups === true) continue;
    for (const [, ref] of l.templates) {
      const t = ref.kind === 'node' ? byId.get(ref.id) : undefined;
      if (!t) continue;
      // A template naming groups on some interfaces only: the others are in the default group, where they land (an EKS
      // node group's too: EKS adds its cluster group only to a template naming none).
      if (t.groups) {
        if (t.bare) subnets([...t.bare.homes, ...t.bare.launcher ? l.placement : []]);
        continue;
      }
      if (l.groups === undefined) continue;
      subnets(l.placement.length > 0 ? l.placement : t.interfaces?.homes ?? []);
    }
  }
  return out;
}

/**
 * Where the instances launched from launch template (or configuration) `template` run: where each launcher of the output
 * that names it puts them, or, with no placement of its own, where the template's interfaces do (`launchedDefaultGroup`).
 * A group of the template the guard cannot read is open there (the builder's `usesUnknownGroup`).
 */
export function launchedPlaces(templates: readonly PendingTemplate[], launchers: readonly PendingLauncher[], template: string): Ref[] {
  const t = templates.find((x) => x.node === template);
  if (!t) return [];
  return launchers.filter((l) => l.templates.some(([, ref]) => ref.kind === 'node' && ref.id === template))
    .flatMap((l) => (l.placement.length > 0 ? l.placement : t.interfaces?.homes ?? []))
    .filter((a) => !a.networkInterface).map((a) => a.ref);
}

/**
 * The interfaces an instance that `l` launches from template `t` (named at `property`) may get, as attachments for a
 * multi-VPC bridge (`oneVpc`), or undefined when it cannot be in two VPCs through the template: the template names no
 * subnet or interface for any of its interfaces (all land in the one subnet the launcher picks for the instance), or
 * the instance gets a single interface. Else the template's interfaces that name one (as `<property> (<template>) →
 * <its property>`), with where the launcher puts the instance — it fills or overrides the subnet of the instance's
 * primary interface (RunInstances parameters and fleet or Auto Scaling overrides override the template's): an
 * instance's own subnet and interfaces (counted beside the template's, conservatively: `launcherInterfaces`), the
 * subnets of any other launcher. Where the launcher names no subnet (an instance without one; a fleet without overrides,
 * an Auto Scaling group without subnets, read as the default VPC), an interface of the template naming none lands in
 * the default VPC, and one that names its subnet keeps it.
 */
function launchedHomes(l: PendingLauncher, t: PendingTemplate, property: string): BridgeAttachment[] | undefined {
  const i = t.interfaces;
  if (!i || i.homes.length === 0 || i.count + (l.own?.interfaces ?? 0) < 2) return undefined;
  const fixed = i.homes.map((a) => ({ ...a, property: `${property} (${t.node}) → ${a.property}` }));
  // `DEFAULT_VPC` stands for "no subnet given": it holds only an interface that names none.
  const placement = l.own ? l.own.homes : l.placement;
  const given = placement.filter((a) => a.ref !== DEFAULT_VPC);
  if (given.length > 0 || !i.open) return [...fixed, ...given];
  const unset = placement.filter((a) => a.ref === DEFAULT_VPC);
  return [...fixed, ...unset.length > 0 ? unset : [{ property: l.type.startsWith('AWS::') ? 'SubnetId' : 'subnet_id', ref: DEFAULT_VPC }]];
}

/** How to fix a launcher whose own role differs from its launch template's. */
export const LAUNCHED_ROLE_FIX = 'give the label one value: remove it from the launch template\'s tag specifications or from the resource\'s tags, or make the two equal';

/**
 * Role labels of launch templates (docs/guard-semantics.md §3, §7): a template whose tag specifications for instances
 * give `jichitai:role` labels every instance it launches. Each launcher of the output that names a template of the
 * output with a role (an Auto Scaling group, an instance, a fleet, a node group, a compute environment) gets that label,
 * placed where it runs its instances (`placement`; an instance by `labelPlaces`; none given: the template's own
 * interfaces). A launcher with its own role of the same value is judged by it already; of another value, which one its
 * instances get is not decided by the guard (GUARD-1 at the property naming the template). A labelled template no
 * launcher of the output names may be launched from outside it, anywhere: a label placed at its own interfaces' subnets
 * and at the template itself, which the guard cannot place (PL-1 reports it, fail closed).
 */
export function launchedLabels(
  templates: readonly PendingTemplate[], launchers: readonly PendingLauncher[], ownRole: (node: string) => string | undefined, unresolved: Unresolved,
): RoleLabelNode[] {
  const byId = new Map(templates.map((t) => [t.node, t]));
  const launched = new Set<string>();
  const out: RoleLabelNode[] = [];
  for (const l of launchers) {
    const labelled = new Set<string>();
    for (const [property, ref] of l.templates) {
      const t = ref.kind === 'node' ? byId.get(ref.id) : undefined;
      if (!t) continue;
      launched.add(t.node);
      if (!t.role || labelled.has(t.node)) continue;
      labelled.add(t.node);
      const own = ownRole(l.node);
      if (own === t.role.role) continue;
      if (own !== undefined) {
        unresolved(l.node, property, `launch template ${t.node} gives the instances it launches the tag jichitai:role = ${JSON.stringify(t.role.role)} and the `
          + `resource's own is ${JSON.stringify(own)}, and the guard does not decide which one the instances get`, LAUNCHED_ROLE_FIX, undefined, l.path);
        continue;
      }
      const places = l.labelPlaces ?? (l.placement.length > 0 ? attachmentPlaces(l.placement) : t.role.places);
      out.push({
        id: `${l.node}#role:${t.node}`, type: 'role-label', tags: t.role.tags, resource: l.node, role: t.role.role, ...places, ...(l.path !== undefined ? { path: l.path } : {}),
      });
    }
  }
  for (const t of templates) {
    if (!t.role || launched.has(t.node)) continue;
    const self = { ref: { kind: 'node', id: t.node } as Ref, what: 'launch template' as const };
    out.push({
      id: `${t.node}#launched-role`,
      type: 'role-label',
      tags: t.role.tags,
      resource: t.node,
      role: t.role.role,
      subnets: t.role.places.subnets,
      elsewhere: [self, ...t.role.places.elsewhere ?? []],
      ...(t.path !== undefined ? { path: t.path } : {}),
    });
  }
  return out;
}

/**
 * Where an instance's places (`instancePlaces`) put its role label: subnets (`ref` names them), the default VPC, and the
 * network interfaces and launch templates the guard cannot place (`templateRef` names a template as the engine does).
 */
export function instanceLabelPlaces(places: readonly InstancePlace[], ref: (v: unknown) => Ref, templateRef: (v: unknown) => Ref): LabelPlaces {
  const subnets: Ref[] = [];
  const elsewhere: { ref: Ref; what: 'network interface' | 'launch template' }[] = [];
  let vpc: Ref | undefined;
  for (const [what, value] of places) {
    if (what === 'default VPC') vpc = DEFAULT_VPC;
    else if (what === 'subnet') subnets.push(ref(value));
    else elsewhere.push({ ref: what === 'launch template' ? templateRef(value) : ref(value), what });
  }
  return { vpc, subnets, ...(elsewhere.length > 0 ? { elsewhere } : {}) };
}

/** Where a launcher's placement attachments place a label: subnets, network interfaces (not placeable), the default VPC. */
export function attachmentPlaces(placement: readonly BridgeAttachment[]): LabelPlaces {
  let vpc: Ref | undefined;
  const subnets: Ref[] = [];
  const elsewhere: { ref: Ref; what: 'network interface' }[] = [];
  for (const a of placement) {
    if (a.networkInterface) elsewhere.push({ ref: a.ref, what: 'network interface' });
    else if (a.ref === DEFAULT_VPC) vpc = DEFAULT_VPC;
    else subnets.push(a.ref);
  }
  return { vpc, subnets, ...(elsewhere.length > 0 ? { elsewhere } : {}) };
}

type Unresolved = (node: string, property: string, reason: string, fix: string, rule?: UnresolvedValue['rule'], path?: string) => void;

/**
 * Traffic mirror sessions copy an interface's packets to a target; the IDS hook (`trafficMirroring`) makes them for
 * interfaces given by id, which the guard cannot place. A copy leaving its segment breaks the separation (SEG-1), but an
 * IDS of the same segment is what the guideline's monitoring asks for: SEG-1, an error acknowledged with the reason that
 * names the IDS appliance and the mirrored interfaces' segment, not GUARD-1 (never acknowledged), which made the IDS hook
 * unusable.
 */
const MIRROR_SESSIONS = new Set(['AWS::EC2::TrafficMirrorSession', 'aws_ec2_traffic_mirror_session']);

/**
 * Place every bridge's attachments (VPC; subnet → its VPC; load balancer → its subnets; transit gateway attachment →
 * its VPC and subnets) and record, once per resource, those that lie in the My Number or LGWAN segment, in a VPC without
 * a segment label, or nowhere the guard can tell. Resources in id order.
 */
export function resolveBridges(nodes: ReadonlyMap<string, GraphNode>, pending: readonly PendingBridge[], unresolvedValue: Unresolved): void {
  const sorted = [...pending].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  for (const bridge of sorted) {
    if (bridge.multiVpc && oneVpc(nodes, bridge.attachments)) continue;
    const places = [...new Set(bridge.attachments.flatMap((a) => placesOf(nodes, a)))];
    const properties = bridge.attachments.map((a) => a.property).filter((p, i, all) => all.indexOf(p) === i).join(', ');
    if (places.length === 0) {
      if (CLOUD_WAN_ATTACHMENTS.has(bridge.type)) cloudWanInInternet(nodes, bridge, properties, unresolvedValue);
      continue;
    }
    if (MIRROR_SESSIONS.has(bridge.type)) {
      unresolvedValue(bridge.node, properties,
        `${bridge.type} mirrors ${places.join('; ')}, to a target the guard cannot place: a copy of My Number or LGWAN traffic could leave its segment`,
        'mirror only interfaces of one segment to an IDS appliance (mirror target) in that same segment, and acknowledge SEG-1 on the session '
          + 'with the reason naming the IDS appliance and the mirrored interfaces\' segment; or remove the session', 'SEG-1', bridge.path);
      continue;
    }
    unresolvedValue(bridge.node, properties,
      `${bridge.type} opens a path between ${bridge.bridged ?? bridgedWith(bridge.type)} and ${places.join('; ')}; the guard does not model it`,
      bridge.fix ?? `remove ${bridge.type}, or attach it only to a VPC labelled jichitai:segment = INTERNET (or a subnet or load balancer in one) in the same app `
        + '(or build it in another network\'s stack): into the My Number or LGWAN segment no form of it is acceptable (三層の対策)');
  }
}

/** Cloud WAN's VPC attachments (AWS Network Manager): a VPC joined to a core network. */
const CLOUD_WAN_ATTACHMENTS: ReadonlySet<string> = new Set(['AWS::NetworkManager::VpcAttachment', 'aws_networkmanager_vpc_attachment']);

/**
 * A Cloud WAN VPC attachment whose every attachment lies in the Internet segment (of a municipality: not the prefecture
 * hub), which `resolveBridges` would leave to the security cloud's rules. None of them reads it: the core network joins
 * the VPC to whatever else attaches to it — VPCs of other accounts and Regions, on-premises networks through Connect,
 * Site-to-Site VPN or Direct Connect attachments — and its segments' routes are in the core network policy, which no
 * output holds (AWS Cloud WAN User Guide, "Attachments in AWS Cloud WAN": Connect, Direct Connect gateway, transit gateway
 * route table, VPC and Site-to-Site VPN attachments; "Core network policy version parameters in AWS Cloud WAN"). So the Internet
 * segment has a way out that does not pass the security cloud's inspection and a way in from networks the guard cannot
 * see: IN-1 (an error, red team 49), acknowledged with a reason naming the policy segment when that segment reaches only
 * the security cloud, as a stand-in's hand-written drop rules are acknowledged with their source.
 */
function cloudWanInInternet(nodes: ReadonlyMap<string, GraphNode>, bridge: PendingBridge, properties: string, unresolvedValue: Unresolved): void {
  const vpcs = [...new Set(bridge.attachments.flatMap((a) => internetVpcOf(nodes, a)))];
  if (vpcs.length === 0) return;
  unresolvedValue(bridge.node, properties, `${bridge.type} attaches ${vpcs.map((v) => `VPC ${v}`).join(', ')} of the INTERNET segment (インターネット接続系) `
    + 'to a Cloud WAN core network, which joins it to whatever else attaches to the core network (VPCs of other accounts, on-premises networks through '
    + 'Connect, VPN or Direct Connect attachments): a way out that does not pass the security cloud\'s inspection, and a way in from networks the guard cannot see',
  'reach the security cloud through a transit gateway whose route tables the output holds, not through a Cloud WAN core network; if the core network '
    + 'policy gives this attachment a segment that reaches only the security cloud, acknowledge IN-1 on the attachment with a reason naming that segment '
    + 'and the policy (自治体情報セキュリティクラウド)', 'IN-1', bridge.path);
}

/** The VPC (its id) of a bridge's attachment when it is a VPC or a subnet of the Internet segment that is no hub's. */
function internetVpcOf(nodes: ReadonlyMap<string, GraphNode>, a: BridgeAttachment): string[] {
  const node = a.ref.kind === 'node' ? nodes.get(a.ref.id) : undefined;
  const vpcRef = node?.type === 'subnet' ? node.vpc : node?.type === 'vpc' ? a.ref : undefined;
  const vpc = vpcRef?.kind === 'node' ? nodes.get(vpcRef.id) : undefined;
  if (vpc?.type !== 'vpc' || vpc.hub) return [];
  const segment = node?.type === 'subnet' ? node.segment ?? vpc.segment : vpc.segment;
  return segment === Segment.INTERNET ? [vpc.id] : [];
}

/** An occupant of a type the guard does not know (occupants.ts `knownOccupant`), with the subnets it names. */
export interface PendingUnknownOccupant {
  readonly node: string;
  readonly type: string;
  readonly mentions: readonly SubnetMention[];
  readonly path?: string;
}

/** Where an occupant names a subnet by a value known only at deploy time (`UNKNOWN_SUBNET`). */
const DEPLOY_TIME_SUBNET = 'a subnet known only at deploy time';

/** How to fix an occupant of a type the guard does not know in the My Number or LGWAN segment (GUARD-2). */
export function unknownOccupantFix(type: string): string {
  return `run ${type} only in subnets of the Internet segment; or, if AWS documents that ${type} has no network path of its own (only network interfaces `
    + 'in the subnets it names, whose traffic follows their routes), acknowledge GUARD-2 on this resource with that reason, and ask the project to add the '
    + 'type to the occupants the guard knows (三層の対策)';
}

/**
 * Occupants of a type the guard does not know (docs/guard-semantics.md §10, GUARD-2): the subnets each names are placed
 * as a bridge's are (`placesOf`: a subnet by its own and its VPC's segment label; a subnet outside the output, one named
 * by a deploy-time value or a network interface the output does not hold cannot be placed), and one unresolved value of
 * rule GUARD-2 is recorded per resource that lies in the My Number or LGWAN segment, an unlabelled VPC, or anywhere the
 * guard cannot place. Its traffic is judged by its subnets' routes as any occupant's is; what the guard cannot tell is
 * whether the type opens a path of its own beside them (a public endpoint, a load balancer of its own, calls from the
 * internet). In the Internet segment only it is not recorded, as a bridge is not. Resources in id order.
 */
export function unknownOccupants(
  nodes: ReadonlyMap<string, GraphNode>, pending: readonly PendingUnknownOccupant[], unresolvedValue: Unresolved,
): UnknownOccupantIngress[] {
  const sorted = [...pending].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  const ingress: UnknownOccupantIngress[] = [];
  for (const o of sorted) {
    // In property order (`SubnetIds[0]` before `SubnetIds[2]`), whichever way the walk found them (`subnetMentions`).
    const mentions = [...o.mentions].sort((a, b) => a.property.localeCompare(b.property, 'en', { numeric: true }));
    const attachments = mentions.map((m): BridgeAttachment => {
      if (m.via) return { property: m.property, ref: { kind: 'external', value: m.subnet }, networkInterface: true };
      if (m.subnet === UNKNOWN_SUBNET) return { property: m.property, ref: { kind: 'unresolved', expression: DEPLOY_TIME_SUBNET } };
      return { property: m.property, ref: m.outside ? { kind: 'external', value: m.subnet } : { kind: 'node', id: m.subnet } };
    });
    // Wherever it lies, SC-3 asks of its attachments in the hub or a member's Internet segment whether it lets the internet in.
    ingress.push({ node: o.node, type: o.type, bridged: UNKNOWN_TYPE_INGRESS, ...(o.path !== undefined ? { path: o.path } : {}), attachments });
    const places = [...new Set(attachments.flatMap((a) => placesOf(nodes, a)))];
    if (places.length === 0) continue;
    const properties = attachments.map((a) => a.property).filter((p, i, all) => all.indexOf(p) === i).join(', ');
    unresolvedValue(o.node, properties, `${o.type} runs in ${places.join('; ')}, and the guard does not know whether this resource type opens a network `
      + 'path of its own beside the routes of its subnets (a public endpoint, a load balancer of its own, calls from the internet)',
    unknownOccupantFix(o.type), 'GUARD-2', o.path);
  }
  return ingress;
}

/** An occupant of a type the guard does not know, as the way in SC-3 judges it (`UNKNOWN_TYPE_INGRESS`, `TopologyGraph.ingress`). */
export interface UnknownOccupantIngress {
  readonly node: string;
  readonly type: string;
  readonly bridged: string;
  readonly path?: string;
  readonly attachments: readonly BridgeAttachment[];
}

/** Whether every attachment lies in one and the same VPC of the output (a subnet by its VPC). */
function oneVpc(nodes: ReadonlyMap<string, GraphNode>, attachments: readonly BridgeAttachment[]): boolean {
  const vpcs = attachments.map((a) => {
    const node = !a.networkInterface && a.ref.kind === 'node' ? nodes.get(a.ref.id) : undefined;
    return node?.type === 'vpc' ? node.id : node?.type === 'subnet' && node.vpc.kind === 'node' ? node.vpc.id : undefined;
  });
  return vpcs.every((v) => v !== undefined) && new Set(vpcs).size <= 1;
}

/** The places of one attachment the guard must refuse (empty: it lies only in the Internet segment or the hub). */
function placesOf(nodes: ReadonlyMap<string, GraphNode>, a: BridgeAttachment): string[] {
  const ref = a.ref;
  if (a.networkInterface) return [`network interface ${show(ref)} (${a.property}), which the guard does not model`];
  if (ref.kind === 'unresolved') return [`${a.property}, which cannot be resolved (${ref.expression})`];
  if (ref.kind === 'external') return [`${ref.value} (${a.property}), which is not in the synthesized output`];
  const node = nodes.get(ref.id);
  if (!node) return [`${ref.id} (${a.property}), which is not in the synthesized output`];
  switch (node.type) {
    case 'vpc': return vpcPlaces(node, undefined);
    case 'subnet': return subnetPlaces(nodes, node, `subnet ${node.id}`);
    case 'load-balancer':
      if (node.subnets.length === 0) return [`load balancer ${node.id}, whose subnets are not in the synthesized output`];
      return node.subnets.flatMap((s) => {
        const subnet = s.kind === 'node' ? nodes.get(s.id) : undefined;
        return subnet?.type === 'subnet' ? subnetPlaces(nodes, subnet, `load balancer ${node.id} in subnet ${subnet.id}`)
          : [`load balancer ${node.id}, whose subnets are not in the synthesized output`];
      });
    case 'transit-attachment': {
      const vpc = node.vpc?.kind === 'node' ? nodes.get(node.vpc.id) : undefined;
      if (node.kind !== 'vpc' || vpc?.type !== 'vpc') return [`transit gateway attachment ${node.id}, whose VPC is not in the synthesized output`];
      return [...vpcPlaces(vpc, undefined), ...node.subnets.flatMap((s) => {
        const subnet = s.kind === 'node' ? nodes.get(s.id) : undefined;
        return subnet?.type === 'subnet' ? subnetPlaces(nodes, subnet, `subnet ${subnet.id}`) : [];
      })];
    }
    default: return [`${node.id} (${a.property}), which is a ${node.type}, not a VPC, subnet or load balancer`];
  }
}

/** A subnet is refused if it or its VPC is labelled MY_NUMBER or LGWAN, or its VPC is unlabelled or unknown. */
function subnetPlaces(nodes: ReadonlyMap<string, GraphNode>, subnet: SubnetNode, what: string): string[] {
  const vpc = subnet.vpc.kind === 'node' ? nodes.get(subnet.vpc.id) : undefined;
  if (vpc?.type !== 'vpc') return [`${what}, whose VPC is not in the synthesized output`];
  const closed = closedSegment(subnet.segment);
  return closed ? [segmentPlace(what, closed)] : vpcPlaces(vpc, what);
}

/** A VPC (or `what` in it) is refused if labelled MY_NUMBER or LGWAN, or unlabelled (the hub aside). */
function vpcPlaces(vpc: VpcNode, what: string | undefined): string[] {
  const closed = closedSegment(vpc.segment);
  if (closed) return [segmentPlace(what ?? `VPC ${vpc.id}`, closed)];
  // The prefecture hub carries no segment label on purpose (the SC rules judge it).
  if (vpc.segment === undefined && !vpc.hub) return [`${what === undefined ? '' : `${what} in `}VPC ${vpc.id}, which has no segment label`];
  return [];
}

function closedSegment(segment: Segment | undefined): Segment | undefined {
  return segment === Segment.MY_NUMBER || segment === Segment.LGWAN ? segment : undefined;
}

function segmentPlace(what: string, segment: Segment): string {
  return `${what} of the ${segment} segment (${SEGMENT_JA[segment]})`;
}

function show(ref: Ref): string {
  return ref.kind === 'node' ? ref.id : ref.kind === 'external' ? ref.value : `(${ref.expression})`;
}
