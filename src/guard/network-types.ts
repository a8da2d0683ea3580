/**
 * Resource types of the services that make or change the network (docs/guard-semantics.md §10) that the guard does not
 * read: fail closed in both engines. A type of EC2 (its VPC, transit gateway, VPN and Verified Access parts), Network
 * Firewall, Route 53 Resolver, VPC Lattice, Network Manager or Direct Connect that no reader of the engine reads, that is no known
 * occupant, plumbing or bridge, and that is not listed here as known to change no path (`NETWORK_INERT`), is unresolved
 * (GUARD-1): it may change routing as `AWS::EC2::TransitGatewayAttachmentNatConfiguration` did before it was read (outside
 * tester, red team 49), or be a type AWS adds next year. Before, CloudFormation and Terraform both let such a type pass
 * unless it named a subnet or a VPC of the output.
 */

/** The services that make or change the network, as CloudFormation names them (`AWS::<Service>::…`). */
const CFN_NETWORK_SERVICE = /^AWS::(EC2|NetworkFirewall|Route53Resolver|VpcLattice|NetworkManager|DirectConnect)::/;

/**
 * The same services as the AWS provider names their resources: `aws_ec2_…`, `aws_vpc_…`, `aws_vpn_…`, `aws_verifiedaccess_…`,
 * `aws_networkfirewall_…`, `aws_route53_resolver_…`, `aws_vpclattice_…`, `aws_networkmanager_…`, `aws_dx_…`, and the EC2 types it names
 * without a prefix of their service (`TF_EC2_UNPREFIXED`).
 */
const TF_NETWORK_SERVICE = /^aws_(ec2|vpc|vpn|verifiedaccess|networkfirewall|route53_resolver|vpclattice|networkmanager|dx)_/;

/**
 * The resource types of the AWS provider's EC2 service package (terraform-provider-aws `internal/service/ec2`, whose
 * generated service package registers every EC2, VPC, transit gateway, Site-to-Site VPN and Verified Access resource) that
 * carry no `aws_ec2_` / `aws_vpc_` / `aws_vpn_` / `aws_verifiedaccess_` prefix, as provider 5.100.0 (the one
 * `@cdktf/provider-aws` 20.1.0 binds) has them. Without this list a subnet, route, route table association, network ACL,
 * security group, interface, gateway or instance no reader read would pass unseen; with it such a type is read, listed in
 * `NETWORK_INERT`, or unresolved (GUARD-1). test/guard/unread-network-types.test.ts checks the provider has each and that each
 * is classified, and pins the provider version, so that a newer provider's types are classified before it is used.
 */
export const TF_EC2_UNPREFIXED: ReadonlySet<string> = new Set([
  'aws_ami', 'aws_ami_copy', 'aws_ami_from_instance', 'aws_ami_launch_permission', 'aws_customer_gateway',
  'aws_default_network_acl', 'aws_default_route_table', 'aws_default_security_group', 'aws_default_subnet', 'aws_default_vpc',
  'aws_default_vpc_dhcp_options', 'aws_ebs_default_kms_key', 'aws_ebs_encryption_by_default', 'aws_ebs_fast_snapshot_restore',
  'aws_ebs_snapshot', 'aws_ebs_snapshot_block_public_access', 'aws_ebs_snapshot_copy', 'aws_ebs_snapshot_import', 'aws_ebs_volume',
  'aws_egress_only_internet_gateway', 'aws_eip', 'aws_eip_association', 'aws_eip_domain_name', 'aws_flow_log', 'aws_instance',
  'aws_internet_gateway', 'aws_internet_gateway_attachment', 'aws_key_pair', 'aws_launch_template', 'aws_main_route_table_association',
  'aws_nat_gateway', 'aws_network_acl', 'aws_network_acl_association', 'aws_network_acl_rule', 'aws_network_interface',
  'aws_network_interface_attachment', 'aws_network_interface_permission', 'aws_network_interface_sg_attachment', 'aws_placement_group',
  'aws_route', 'aws_route_table', 'aws_route_table_association', 'aws_security_group', 'aws_security_group_rule',
  'aws_snapshot_create_volume_permission', 'aws_spot_datafeed_subscription', 'aws_spot_fleet_request', 'aws_spot_instance_request',
  'aws_subnet', 'aws_volume_attachment', 'aws_vpc',
]);

/**
 * Types of those services known to open, close or redirect no network path, each group with its reason:
 *
 * - Storage, images, keys, capacity and hosts: block storage volumes and snapshots, key pairs, placement groups,
 *   Dedicated Hosts, capacity reservations, instance event windows, FPGA images, an instance's state or account defaults
 *   for its metadata options and credit specification hold data or capacity for instances (Amazon EC2 User Guide,
 *   "Amazon EBS", "Amazon EC2 key pairs", "Placement groups", "Dedicated Hosts", "On-Demand Capacity Reservations");
 *   the instances themselves are read. So do machine images (AMIs, copied, made from an instance, or shared by a launch
 *   permission) and the account's EBS defaults (encryption, its KMS key, fast snapshot restore, snapshot public access
 *   block, a snapshot's create-volume permission): who may use an image or a snapshot, not where traffic goes (Amazon
 *   EC2 User Guide, "Amazon Machine Images", "Share an AMI"; Amazon EBS User Guide, "Share an Amazon EBS snapshot").
 *   A Nitro Enclaves certificate role association only lets an enclave read a certificate. SQL Server HA standby
 *   detection only watches an instance's metadata to waive a standby node's licence fee
 *   (`AWS::EC2::SqlHaStandbyDetectedInstance`: "monitors the metadata for the instance ... applies SQL Server licensing
 *   fee waiver"). The account's serial console setting (`aws_ec2_serial_console_access`) lets IAM principals reach an
 *   instance's serial port through the EC2 API, as Session Manager reaches its agent (Amazon EC2 User Guide, "EC2 Serial
 *   Console for instances", "Manage account access to the EC2 serial console"): console access, not a network path of a
 *   VPC. Not listed, refused until AWS documents where their probes run: `AWS::EC2::ApplicationStatusCheck` and its
 *   instance and tag associations, whose health check paths create an interface in a source subnet that sends HTTP(S)
 *   probes to destination subnets (EC2 API Reference, "HealthCheckPathSourceRequestObject").
 * - Observation, metrics and logs: Reachability Analyzer and Network Access Analyzer analyses (their paths and scopes are
 *   `VPC_INERT`), network performance metric subscriptions, endpoint connection notifications (events to an SNS topic),
 *   transit gateway metering policies (who is billed), VPC Lattice access log subscriptions, Verified Access logging,
 *   Resolver DNSSEC validation (Amazon VPC User Guide, "Infrastructure Performance"; PrivateLink Guide, "Receive alerts
 *   for interface endpoint events"; VPC Lattice User Guide, "Access logs"; Route 53 Developer Guide, "Enabling DNSSEC
 *   validation"): they observe or account for traffic and carry none. So do the Spot Instance data feed (usage logs to
 *   an S3 bucket: Amazon EC2 User Guide, "Spot Instance data feed") and an Elastic IP address's domain name (its reverse
 *   DNS record: "Use reverse DNS for email applications"), which names an address and routes nothing.
 * - IPAM: its scopes, pools, allocations and resource discoveries plan and audit addresses (Amazon VPC IP Address
 *   Manager User Guide, "What is IPAM?"); an address block reaches the network only where a VPC, subnet or prefix list
 *   the guard reads takes it (a prefix list an IPAM prefix list resolver fills is read as unreadable: its resolver
 *   target), so the resolver itself changes nothing.
 * - Network Manager's inventory: a global network, its sites, devices, links, connections, link and customer gateway
 *   associations, transit gateway registrations and connect peer associations describe a network to visualise and
 *   monitor it (AWS Network Manager User Guide, "Global networks": "you can register ... and define your on-premises
 *   network"); Cloud WAN's core network and attachments, which do join networks, are not here.
 * - Direct Connect's links and the interfaces that end at a Direct Connect gateway: a dedicated or hosted connection, a
 *   LAG, their association, confirmation and MACsec keys, a resiliency group, a BGP peer, a Direct Connect gateway itself,
 *   and transit and public virtual interfaces (hosted or accepted). On-premises networks reach a VPC through Direct
 *   Connect only where a Direct Connect gateway is associated with its transit gateway or virtual private gateway, or a
 *   private virtual interface ends at its virtual private gateway — both read (builder.ts `directConnectAssociation`) — whatever
 *   links and interfaces lead to the gateway; a public virtual interface reaches AWS's public endpoints, not a VPC; a
 *   hosted private virtual interface is the other account's to accept, at its own gateway (Direct Connect User Guide,
 *   "Direct Connect gateways", "Virtual interfaces", "Hosted virtual interfaces").
 * - A customer gateway only records the on-premises end of a Site-to-Site VPN; the VPN connection, which the guard reads,
 *   makes the path (Site-to-Site VPN User Guide, "Customer gateway").
 * - Verified Access instances, groups and trust providers admit no one on their own: the endpoint, read as a bridge,
 *   is the way in (Verified Access User Guide, "How Verified Access works").
 * - A VPC Route Server, its endpoints, BGP peers and VPC associations put routes into a route table only through a route
 *   server propagation, which the guard reads (as any prefix toward the peers' interfaces: builder.ts
 *   `routeServerPropagation`; Amazon VPC User Guide, "Dynamic routing in your VPC with VPC Route Server").
 * - Traffic mirroring's filters, filter rules and targets: a filter says which packets a session copies and a target
 *   where it sends the copies, and neither copies anything without a traffic mirror session (Traffic Mirroring Guide,
 *   "Traffic mirror targets", "Traffic mirror filters"), which the guard reads (SEG-1: it cannot place the mirrored
 *   interfaces). The library's IDS mirroring (`MunicipalNetwork`'s mirroring option) makes them.
 * - Read by name where the types that use them are read: prefix lists (a route's or rule's destination) and, in
 *   Terraform, `aws_ec2_tag` (a tag on another resource) and Resolver query log configurations (LOG rules).
 */
export const NETWORK_INERT: ReadonlySet<string> = new Set([
  // Storage, images, keys, capacity and hosts.
  'AWS::EC2::Volume', 'AWS::EC2::VolumeAttachment', 'AWS::EC2::Snapshot', 'AWS::EC2::SnapshotBlockPublicAccess', 'AWS::EC2::KeyPair',
  'AWS::EC2::PlacementGroup', 'AWS::EC2::Host', 'AWS::EC2::CapacityReservation', 'AWS::EC2::CapacityReservationFleet',
  'AWS::EC2::InstanceEventWindow', 'AWS::EC2::FpgaImage', 'AWS::EC2::EnclaveCertificateIamRoleAssociation', 'AWS::EC2::CapacityManagerDataExport',
  'aws_ec2_capacity_reservation', 'aws_ec2_capacity_block_reservation', 'aws_ec2_host', 'aws_ec2_instance_state', 'aws_ec2_instance_metadata_defaults',
  'aws_ec2_default_credit_specification', 'aws_ec2_image_block_public_access', 'aws_ec2_availability_zone_group',
  'aws_ebs_volume', 'aws_volume_attachment', 'aws_ebs_snapshot', 'aws_ebs_snapshot_copy', 'aws_ebs_snapshot_import', 'aws_ebs_default_kms_key',
  'aws_ebs_encryption_by_default', 'aws_ebs_fast_snapshot_restore', 'aws_ebs_snapshot_block_public_access', 'aws_snapshot_create_volume_permission',
  'aws_key_pair', 'aws_placement_group', 'aws_ami', 'aws_ami_copy', 'aws_ami_from_instance', 'aws_ami_launch_permission',
  'AWS::EC2::SqlHaStandbyDetectedInstance', 'aws_ec2_serial_console_access',
  // Observation, metrics and logs.
  'AWS::EC2::NetworkInsightsAnalysis', 'AWS::EC2::NetworkInsightsAccessScopeAnalysis', 'AWS::EC2::NetworkPerformanceMetricSubscription',
  'AWS::EC2::VPCEndpointConnectionNotification', 'AWS::EC2::TransitGatewayMeteringPolicy', 'AWS::EC2::TransitGatewayMeteringPolicyEntry',
  'AWS::VpcLattice::AccessLogSubscription', 'AWS::Route53Resolver::ResolverDNSSECConfig',
  'aws_ec2_network_insights_analysis', 'aws_vpc_network_performance_metric_subscription', 'aws_vpc_endpoint_connection_notification',
  'aws_vpclattice_access_log_subscription', 'aws_verifiedaccess_instance_logging_configuration', 'aws_route53_resolver_dnssec_config',
  'aws_spot_datafeed_subscription', 'aws_eip_domain_name',
  // IPAM.
  'AWS::EC2::IPAM', 'AWS::EC2::IPAMScope', 'AWS::EC2::IPAMPool', 'AWS::EC2::IPAMPoolCidr', 'AWS::EC2::IPAMAllocation', 'AWS::EC2::IPAMResourceDiscovery',
  'AWS::EC2::IPAMResourceDiscoveryAssociation', 'AWS::EC2::IpamExternalResourceVerificationToken', 'AWS::EC2::IPAMPrefixListResolver',
  'aws_vpc_ipam', 'aws_vpc_ipam_scope', 'aws_vpc_ipam_pool', 'aws_vpc_ipam_pool_cidr', 'aws_vpc_ipam_pool_cidr_allocation', 'aws_vpc_ipam_preview_next_cidr',
  'aws_vpc_ipam_resource_discovery', 'aws_vpc_ipam_resource_discovery_association', 'aws_vpc_ipam_organization_admin_account',
  // Network Manager's inventory.
  'AWS::NetworkManager::GlobalNetwork', 'AWS::NetworkManager::Site', 'AWS::NetworkManager::Device', 'AWS::NetworkManager::Link',
  'AWS::NetworkManager::LinkAssociation', 'AWS::NetworkManager::Connection', 'AWS::NetworkManager::CustomerGatewayAssociation',
  'AWS::NetworkManager::TransitGatewayRegistration',
  'aws_networkmanager_global_network', 'aws_networkmanager_site', 'aws_networkmanager_device', 'aws_networkmanager_link',
  'aws_networkmanager_link_association', 'aws_networkmanager_connection', 'aws_networkmanager_customer_gateway_association',
  'aws_networkmanager_transit_gateway_registration', 'aws_networkmanager_transit_gateway_connect_peer_association',
  // Direct Connect's links, its gateway and the interfaces that end at one (its associations and private interfaces are read).
  'AWS::DirectConnect::Connection', 'AWS::DirectConnect::Lag', 'AWS::DirectConnect::ResiliencyGroup', 'AWS::DirectConnect::DirectConnectGateway',
  'AWS::DirectConnect::TransitVirtualInterface', 'AWS::DirectConnect::PublicVirtualInterface',
  'aws_dx_connection', 'aws_dx_hosted_connection', 'aws_dx_lag', 'aws_dx_connection_association', 'aws_dx_connection_confirmation',
  'aws_dx_macsec_key_association', 'aws_dx_bgp_peer', 'aws_dx_gateway', 'aws_dx_transit_virtual_interface', 'aws_dx_hosted_transit_virtual_interface',
  'aws_dx_hosted_transit_virtual_interface_accepter', 'aws_dx_public_virtual_interface', 'aws_dx_hosted_public_virtual_interface',
  'aws_dx_hosted_public_virtual_interface_accepter', 'aws_dx_hosted_private_virtual_interface',
  // A customer gateway; Verified Access's parts other than its endpoints.
  'AWS::EC2::CustomerGateway', 'aws_customer_gateway',
  'AWS::EC2::VerifiedAccessInstance', 'AWS::EC2::VerifiedAccessGroup', 'AWS::EC2::VerifiedAccessTrustProvider',
  'aws_verifiedaccess_instance', 'aws_verifiedaccess_group', 'aws_verifiedaccess_trust_provider', 'aws_verifiedaccess_instance_trust_provider_attachment',
  // A route server's parts (its propagation is read).
  'AWS::EC2::RouteServer', 'AWS::EC2::RouteServerEndpoint', 'AWS::EC2::RouteServerPeer', 'AWS::EC2::RouteServerAssociation',
  'aws_vpc_route_server', 'aws_vpc_route_server_endpoint', 'aws_vpc_route_server_peer', 'aws_vpc_route_server_vpc_association',
  // Traffic mirroring's filters, rules and targets (its sessions are read).
  'AWS::EC2::TrafficMirrorFilter', 'AWS::EC2::TrafficMirrorFilterRule', 'AWS::EC2::TrafficMirrorTarget',
  'aws_ec2_traffic_mirror_filter', 'aws_ec2_traffic_mirror_filter_rule', 'aws_ec2_traffic_mirror_target',
  // Read by name.
  'AWS::EC2::PrefixList', 'aws_ec2_managed_prefix_list', 'aws_ec2_managed_prefix_list_entry', 'aws_ec2_tag',
  'aws_route53_resolver_query_log_config', 'aws_route53_resolver_query_log_config_association',
]);

/**
 * Whether a resource of `type` is of a service that makes or changes the network and the guard does not read it: `known`
 * says whether the engine knows it otherwise (read, a relay, a known occupant, plumbing, a bridge, `VPC_INERT`).
 */
export function unreadNetworkType(type: string, known: boolean): boolean {
  if (known || NETWORK_INERT.has(type)) return false;
  return CFN_NETWORK_SERVICE.test(type) || TF_NETWORK_SERVICE.test(type) || TF_EC2_UNPREFIXED.has(type);
}

/** Why an unread type of a network service is unresolved (GUARD-1), and its fix. */
export function unreadNetworkTypeReason(type: string): string {
  return `${type} is a resource type of a service that makes or changes the network (routes, gateways, attachments, firewalls, `
    + 'DNS resolution, service networks), and the guard does not read it: it may open, close or redirect a path the guard cannot see';
}

export const UNREAD_NETWORK_TYPE_FIX = 'make the network with the resource types the guard reads (docs/guard-semantics.md §10), or remove the '
  + 'resource; if AWS documents that the type changes no network path, ask the project to list it as such (src/guard/network-types.ts `NETWORK_INERT`)';

/**
 * A regional NAT gateway (`AvailabilityMode` / `availability_mode` `regional`): one NAT gateway for a whole VPC, working
 * across its Availability Zones with no subnet of its own (AWS::EC2::NatGateway AvailabilityMode, "zonal | regional").
 * The guard places a NAT gateway by its subnet (whose route table sends its traffic to the internet gateway) and
 * cannot place this one: unresolved wherever it is (GUARD-1), the Internet segment too. A value other than `zonal`
 * (left out: zonal, AWS's default) is read as regional (fail closed).
 */
export function regionalNatGateway(mode: unknown): boolean {
  return mode !== undefined && mode !== null && mode !== 'zonal';
}

export const REGIONAL_NAT_REASON = 'it is a regional NAT gateway, one for the whole VPC across its Availability Zones with no subnet of its own, and the '
  + 'guard places a NAT gateway by its subnet (whose routes carry its traffic to the internet gateway): it cannot tell which segment the '
  + 'gateway serves, so it refuses it wherever it is, the Internet segment included';

export const REGIONAL_NAT_FIX = 'use zonal NAT gateways (AvailabilityMode / availability_mode zonal, the default), one in a public subnet of the '
  + 'Internet segment per Availability Zone';
