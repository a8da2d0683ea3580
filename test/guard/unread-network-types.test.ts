/**
 * Resource types the guard does not read must fail closed in both engines (src/guard/network-types.ts, occupants.ts
 * `literalVpcMentions`; outside tester, red team 49): an unread type of a service that makes or changes the network
 * (EC2, Network Firewall, Route 53 Resolver, VPC Lattice, Network Manager, Direct Connect) is GUARD-1 unless listed as changing no path
 * (`NETWORK_INERT`); a type the guard does not know that names a VPC only by its literal id is GUARD-2 (it cannot be
 * placed); a regional NAT gateway is GUARD-1 with a message that says what it is and what to do.
 */
import * as fs from 'fs';
import * as path from 'path';
import { GuardLanguage, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { NETWORK_INERT, TF_EC2_UNPREFIXED, unreadNetworkType } from '../../src/guard/network-types';
import { formatFinding, formatFindingIn } from '../../src/guard/rule';
import { englishRun } from '../support/japanese';

/** The findings of a rule, formatted, of the resources `ids`. */
function findings(g: TopologyGraph, rule: string, ids: readonly string[]): string[] {
  return checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === rule && ids.includes(f.path)).map(formatFinding);
}

/** An Internet-segment VPC with a public subnet, and `extra` resources (CloudFormation). */
function cfn(extra: Record<string, any>): TopologyGraph {
  return extractCloudFormation({
    S: {
      Resources: {
        V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'INTERNET' }] } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'V' }, CidrBlock: '10.2.0.0/24' } },
        ...extra,
      },
    },
  });
}

/** The same network in Terraform JSON, and `extra` resources by type and name. */
function tf(extra: Record<string, Record<string, any>>): TopologyGraph {
  return extractTerraform({
    t: {
      resource: {
        aws_vpc: { V: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
        aws_subnet: { Sub: { vpc_id: '${aws_vpc.V.id}', cidr_block: '10.2.0.0/24' } },
        ...extra,
      },
    },
  });
}

describe('an unread type of a service that makes or changes the network (GUARD-1, both engines)', () => {
  test('CloudFormation: an invented EC2 type, a VPN connection route, a carrier gateway, a VPC Lattice service network are refused at Type', () => {
    const g = cfn({
      Future: { Type: 'AWS::EC2::TransitGatewayFutureRouting', Properties: { TransitGatewayId: 'tgw-0123456789abcdef0' } },
      VpnRoute: { Type: 'AWS::EC2::VPNConnectionRoute', Properties: { VpnConnectionId: 'vpn-0123456789abcdef0', DestinationCidrBlock: '0.0.0.0/0' } },
      Carrier: { Type: 'AWS::EC2::CarrierGateway', Properties: { VpcId: { Ref: 'V' } } },
      Lattice: { Type: 'AWS::VpcLattice::ServiceNetwork', Properties: { Name: 'n' } },
    });
    const found = findings(g, 'GUARD-1', ['Future', 'VpnRoute', 'Carrier', 'Lattice']);
    expect(found).toHaveLength(4);
    expect(found).toContain('[Future] GUARD-1 critical (三層の対策): Type could not be resolved: AWS::EC2::TransitGatewayFutureRouting is a resource type of a '
      + 'service that makes or changes the network (routes, gateways, attachments, firewalls, DNS resolution, service networks), and the guard does not '
      + 'read it: it may open, close or redirect a path the guard cannot see. Fix: make the network with the resource types the guard reads '
      + '(docs/guard-semantics.md §10), or remove the resource; if AWS documents that the type changes no network path, ask the project to list it as '
      + 'such (src/guard/network-types.ts `NETWORK_INERT`)');
  });

  test('Terraform: an invented aws_ec2_ type, an endpoint security group association, a VPN connection route are refused at type', () => {
    const g = tf({
      aws_ec2_transit_gateway_future_routing: { F: { transit_gateway_id: 'tgw-0123456789abcdef0' } },
      aws_vpc_endpoint_security_group_association: { A: { vpc_endpoint_id: 'vpce-0123456789abcdef0', security_group_id: 'sg-0123456789abcdef0' } },
      aws_vpn_connection_route: { R: { vpn_connection_id: 'vpn-0123456789abcdef0', destination_cidr_block: '0.0.0.0/0' } },
    });
    const ids = ['aws_ec2_transit_gateway_future_routing.F', 'aws_vpc_endpoint_security_group_association.A', 'aws_vpn_connection_route.R'];
    const found = findings(g, 'GUARD-1', ids).filter((f) => f.includes('type could not be resolved'));
    expect(found).toHaveLength(3);
    expect(found[0]).toContain('aws_ec2_transit_gateway_future_routing is a resource type of a service that makes or changes the network');
  });

  test('not: types listed as changing no path, types of other services, types the guard reads', () => {
    const g = cfn({
      Key: { Type: 'AWS::EC2::KeyPair', Properties: { KeyName: 'k' } },
      Vol: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'ap-northeast-1a', Size: 8 } },
      Ipam: { Type: 'AWS::EC2::IPAM', Properties: {} },
      Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { BgpAsn: 65000, IpAddress: '203.0.113.1', Type: 'ipsec.1' } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    });
    expect(findings(g, 'GUARD-1', ['Key', 'Vol', 'Ipam', 'Cgw', 'Topic', 'Igw'])).toEqual([]);
    const t = tf({
      aws_ec2_host: { H: { availability_zone: 'ap-northeast-1a', instance_type: 'c5.large' } },
      aws_vpc_ipam: { I: { operating_regions: [{ region_name: 'ap-northeast-1' }] } },
      aws_customer_gateway: { C: { bgp_asn: '65000', ip_address: '203.0.113.1', type: 'ipsec.1' } },
      aws_sns_topic: { T: {} },
      aws_internet_gateway: { G: { vpc_id: '${aws_vpc.V.id}' } },
    });
    expect(findings(t, 'GUARD-1', ['aws_ec2_host.H', 'aws_vpc_ipam.I', 'aws_customer_gateway.C', 'aws_sns_topic.T', 'aws_internet_gateway.G'])).toEqual([]);
  });
});

describe('a type the guard does not know that names a VPC only by its literal id (GUARD-2, both engines)', () => {
  test('CloudFormation and Terraform: refused, naming the id; a VPC id held as data or of a type listed as opening no path is not', () => {
    const g = cfn({
      Peer: { Type: 'AWS::Foo::Peering', Properties: { PeerVpcId: 'vpc-0123456789abcdef0' } },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'vpc-0123456789abcdef0' } },
      Zone: { Type: 'AWS::Route53::HostedZone', Properties: { Name: 'example.internal', VPCs: [{ VPCId: 'vpc-0123456789abcdef0', VPCRegion: 'ap-northeast-1' }] } },
    });
    expect(findings(g, 'GUARD-2', ['Peer', 'Param', 'Zone'])).toEqual([
      expect.stringMatching(/^\[Peer\] GUARD-2 error \(三層の対策\): PeerVpcId: AWS::Foo::Peering runs in vpc-0123456789abcdef0 \(PeerVpcId\), which is not in the synthesized output/),
    ]);
    const t = tf({
      aws_foo_peering: { P: { peer_vpc_id: 'vpc-0123456789abcdef0' } },
      aws_ssm_parameter: { S: { name: 'v', type: 'String', value: 'vpc-0123456789abcdef0' } },
      aws_route53_zone: { Z: { name: 'example.internal', vpc: [{ vpc_id: 'vpc-0123456789abcdef0' }] } },
    });
    expect(findings(t, 'GUARD-2', ['aws_foo_peering.P', 'aws_ssm_parameter.S', 'aws_route53_zone.Z'])).toEqual([
      expect.stringMatching(/^\[aws_foo_peering\.P\] GUARD-2 error .*peer_vpc_id: aws_foo_peering runs in vpc-0123456789abcdef0 \(peer_vpc_id\), which is not/),
    ]);
  });
});

describe('a type the guard does not know that names only a security group of a closed segment (GUARD-2, both engines)', () => {
  test('refused at the group\'s My Number VPC; not at an Internet one', () => {
    const vpcs = {
      Mn: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
      MnSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Mn' }, GroupDescription: 'mn', SecurityGroupEgress: [] } },
      InSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'V' }, GroupDescription: 'in', SecurityGroupEgress: [] } },
    };
    const g = cfn({
      ...vpcs,
      Closed: { Type: 'AWS::Foo::Attacher', Properties: { SecurityGroupIds: [{ 'Fn::GetAtt': ['MnSg', 'GroupId'] }] } },
      Open: { Type: 'AWS::Foo::Attacher', Properties: { SecurityGroupIds: [{ Ref: 'InSg' }] } },
    });
    expect(findings(g, 'GUARD-2', ['Closed', 'Open'])).toEqual([
      expect.stringMatching(/^\[Closed\] GUARD-2 error .*SecurityGroupIds\[0\]: AWS::Foo::Attacher runs in VPC Mn of the MY_NUMBER segment/),
    ]);
    const t = tf({
      aws_vpc: {
        V: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } },
        Mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } },
      },
      aws_security_group: { MnSg: { vpc_id: '${aws_vpc.Mn.id}', egress: [] }, InSg: { vpc_id: '${aws_vpc.V.id}', egress: [] } },
      aws_foo_attacher: { Closed: { security_group_ids: ['${aws_security_group.MnSg.id}'] }, Open: { security_group_ids: ['${aws_security_group.InSg.id}'] } },
    });
    expect(findings(t, 'GUARD-2', ['aws_foo_attacher.Closed', 'aws_foo_attacher.Open'])).toEqual([
      expect.stringMatching(/^\[aws_foo_attacher\.Closed\] GUARD-2 error .*security_group_ids\[0\]: aws_foo_attacher runs in VPC aws_vpc\.Mn of the MY_NUMBER/),
    ]);
  });
});

describe('a type the guard does not know that names a security group only by its literal id (GUARD-2, both engines; red team 49)', () => {
  // Under a key that is no membership key (occupants.ts `groupMemberships`), so that no GUARD-1 of the group's rules
  // reports it either: before, it passed unseen, where the same type naming a literal VPC id was GUARD-2.
  test('refused, naming the id; a group id held as data is not', () => {
    const g = cfn({
      Attacher: { Type: 'AWS::Foo::Attacher', Properties: { ClusterSecurityGroup: 'sg-0123456789abcdef0' } },
      Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'sg-0123456789abcdef0' } },
    });
    expect(findings(g, 'GUARD-2', ['Attacher', 'Param'])).toEqual([
      expect.stringMatching(/^\[Attacher\] GUARD-2 error \(三層の対策\): ClusterSecurityGroup: AWS::Foo::Attacher runs in sg-0123456789abcdef0 \(ClusterSecurityGroup\), which is not in the synthesized output/),
    ]);
    const t = tf({
      aws_foo_attacher: { A: { cluster_security_group: 'sg-0123456789abcdef0' } },
      aws_ssm_parameter: { S: { name: 'g', type: 'String', value: 'sg-0123456789abcdef0' } },
    });
    expect(findings(t, 'GUARD-2', ['aws_foo_attacher.A', 'aws_ssm_parameter.S'])).toEqual([
      expect.stringMatching(/^\[aws_foo_attacher\.A\] GUARD-2 error .*cluster_security_group: aws_foo_attacher runs in sg-0123456789abcdef0 \(cluster_security_group\), which is not/),
    ]);
  });
});

describe('a regional NAT gateway (GUARD-1 with its own message, both engines)', () => {
  const reason = 'it is a regional NAT gateway, one for the whole VPC across its Availability Zones with no subnet of its own';
  test('refused in the Internet segment at AvailabilityMode, saying what it is and the fix; a zonal one (given or left out) is not', () => {
    const g = cfn({
      Regional: { Type: 'AWS::EC2::NatGateway', Properties: { AvailabilityMode: 'regional', VpcId: { Ref: 'V' } } },
      Zonal: { Type: 'AWS::EC2::NatGateway', Properties: { AvailabilityMode: 'zonal', SubnetId: { Ref: 'Sub' }, AllocationId: 'eipalloc-0123456789abcdef0' } },
    });
    const found = findings(g, 'GUARD-1', ['Regional', 'Zonal']);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`[Regional] GUARD-1 critical (三層の対策): AvailabilityMode could not be resolved: ${reason}`);
    expect(found[0]).toContain('Fix: use zonal NAT gateways');
    expect(found[0]).not.toContain('missing value');
    const t = tf({
      aws_nat_gateway: {
        R: { availability_mode: 'regional', vpc_id: '${aws_vpc.V.id}' },
        Z: { subnet_id: '${aws_subnet.Sub.id}', allocation_id: 'eipalloc-0123456789abcdef0' },
      },
    });
    const tfFound = findings(t, 'GUARD-1', ['aws_nat_gateway.R', 'aws_nat_gateway.Z']);
    expect(tfFound).toHaveLength(1);
    expect(tfFound[0]).toContain(`[aws_nat_gateway.R] GUARD-1 critical (三層の対策): availability_mode could not be resolved: ${reason}`);
  });
});

test('in Japanese: the reasons and fixes of an unread network type and a regional NAT gateway leave no English', () => {
  const g = cfn({
    Future: { Type: 'AWS::EC2::TransitGatewayFutureRouting', Properties: {} },
    Regional: { Type: 'AWS::EC2::NatGateway', Properties: { AvailabilityMode: 'regional', VpcId: { Ref: 'V' } } },
  });
  const found = checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && ['Future', 'Regional'].includes(f.path));
  expect(found).toHaveLength(2);
  for (const f of found) {
    const text = formatFindingIn(f, GuardLanguage.JAPANESE).replace(/AWS::\S+|AvailabilityMode|availability_mode|docs\/\S+|src\/\S+|`NETWORK_INERT`/g, '');
    expect(englishRun(text)).toBeUndefined();
  }
});

test('every type NETWORK_INERT lists is one its engine has: an L1 of aws-cdk-lib, a resource of the provider cdktf binds', () => {
  const lib = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));
  const missing = [...NETWORK_INERT].filter((t) => {
    if (t.startsWith('AWS::')) {
      const dir = path.join(lib('aws-cdk-lib'), `aws-${t.split('::')[1].toLowerCase()}`, 'lib');
      return !fs.readdirSync(dir).filter((f) => f.endsWith('.generated.js')).some((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes(`"${t}"`));
    }
    return !fs.existsSync(path.join(lib('@cdktf/provider-aws'), 'lib', t.replace(/^aws_/, '').replace(/_/g, '-')));
  });
  expect(missing).toEqual([]);
});

/**
 * The AWS provider names many EC2 / VPC types without a prefix of their service (`aws_subnet`, `aws_route`,
 * `aws_security_group`, `aws_network_interface_sg_attachment`...): `TF_EC2_UNPREFIXED`, derived from the provider's EC2
 * service package for provider 5.100.0. Before, only `aws_customer_gateway` of them was covered, so such a type that no
 * reader read (an interface's security group attachment) passed unseen.
 */
describe('the provider\'s EC2 types without a service prefix (Terraform)', () => {
  const providerDir = path.dirname(require.resolve('@cdktf/provider-aws/package.json'));
  /** Every resource type of the provider cdktf binds: its bindings' folders (`subnet` → `aws_subnet`), data sources left out. */
  const providerTypes = fs.readdirSync(path.join(providerDir, 'lib'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('data-') && d.name !== 'provider').map((d) => `aws_${d.name.replace(/-/g, '_')}`);
  const known = new Set(providerTypes);

  test('the list was derived from the provider cdktf binds: a newer one fails here until its EC2 types are classified', () => {
    const binding = fs.readFileSync(path.join(providerDir, 'lib', 'subnet', 'index.js'), 'utf8');
    expect(/providerVersion: '([^']+)'/.exec(binding)?.[1]).toBe('5.100.0');
    expect(providerTypes.length).toBeGreaterThan(1000);
    expect([...TF_EC2_UNPREFIXED].filter((t) => !known.has(t))).toEqual([]);
  });

  test('every EC2 type of the provider is of a network service: read, listed as changing no path, or refused when unread', () => {
    const ec2 = providerTypes.filter((t) => TF_EC2_UNPREFIXED.has(t) || /^aws_(ec2|vpc|vpn|verifiedaccess)_/.test(t));
    expect(ec2.length).toBeGreaterThan(140);
    // A type the extractor did not know would be GUARD-1 unless listed: nothing of the service escapes the check.
    expect(ec2.filter((t) => !NETWORK_INERT.has(t) && !unreadNetworkType(t, false))).toEqual([]);
    // A type named like one of the list (`aws_nat_gateway_…`, `aws_ebs_volume_…`) is one the list must hold too.
    const kin = providerTypes.filter((t) => [...TF_EC2_UNPREFIXED].some((e) => t.startsWith(`${e}_`)));
    expect(kin.filter((t) => !TF_EC2_UNPREFIXED.has(t) && !/^aws_(ec2|vpc|vpn|verifiedaccess)_/.test(t))).toEqual([]);
    // Each one, alone in a configuration: refused as unread, or not (read by a reader, or listed as changing no path).
    const refused = ec2.filter((t) => {
      const g = extractTerraform({ t: { resource: { [t]: { X: {} } } } });
      return checkTopology(g, { model: NetworkModel.ALPHA }).some((f) => f.ruleId === 'GUARD-1' && f.path === `${t}.X`
        && f.message.includes('is a resource type of a service that makes or changes the network'));
    });
    for (const t of refused) expect(NETWORK_INERT.has(t)).toBe(false);
    expect(refused).toEqual(expect.arrayContaining(['aws_network_interface_sg_attachment', 'aws_vpn_connection_route']));
    expect(refused).not.toEqual(expect.arrayContaining(['aws_subnet']));
  });

  test('an unread one that changes a path (a security group attached to an interface) is refused at type; images, volumes, key pairs are not', () => {
    const g = tf({
      aws_network_interface: { E: { subnet_id: '${aws_subnet.Sub.id}' } },
      aws_network_interface_sg_attachment: { A: { network_interface_id: '${aws_network_interface.E.id}', security_group_id: 'sg-0123456789abcdef0' } },
      aws_ami_copy: { C: { name: 'c', source_ami_id: 'ami-0123456789abcdef0', source_ami_region: 'ap-northeast-1' } },
      aws_ebs_volume: { V: { availability_zone: 'ap-northeast-1a', size: 8 } },
      aws_key_pair: { K: { key_name: 'k', public_key: 'ssh-ed25519 AAAA' } },
    });
    const ids = ['aws_network_interface_sg_attachment.A', 'aws_ami_copy.C', 'aws_ebs_volume.V', 'aws_key_pair.K'];
    expect(findings(g, 'GUARD-1', ids).filter((f) => f.includes('type could not be resolved'))).toEqual([
      '[aws_network_interface_sg_attachment.A] GUARD-1 critical (三層の対策): type could not be resolved: aws_network_interface_sg_attachment is a resource '
        + 'type of a service that makes or changes the network (routes, gateways, attachments, firewalls, DNS resolution, service networks), and the '
        + 'guard does not read it: it may open, close or redirect a path the guard cannot see. Fix: make the network with the resource types the guard '
        + 'reads (docs/guard-semantics.md §10), or remove the resource; if AWS documents that the type changes no network path, ask the project to list '
        + 'it as such (src/guard/network-types.ts `NETWORK_INERT`)',
    ]);
  });
});

/**
 * Four types the last reading could not confirm (src/guard/network-types.ts): SQL Server HA standby detection (a licence
 * fee waiver) and the serial console setting (console access through the EC2 API) change no network path; an
 * application status check sends probes from an interface it makes in a source subnet, still refused; an endpoint
 * service's permissions are read as a way in at the service (test/guard/bridges.test.ts), and an empty list opens nothing.
 */
describe('types whose reading was not confirmed', () => {
  test('CloudFormation: SqlHaStandbyDetectedInstance and an empty endpoint service permission list pass; an application status check is refused', () => {
    const g = cfn({
      Sql: { Type: 'AWS::EC2::SqlHaStandbyDetectedInstance', Properties: { InstanceId: 'i-0123456789abcdef0' } },
      Check: { Type: 'AWS::EC2::ApplicationStatusCheck', Properties: { Port: 80, Protocol: 'http', HealthCheckPaths: [{ Source: { SubnetId: { Ref: 'Sub' } } }] } },
      Revoke: { Type: 'AWS::EC2::VPCEndpointServicePermissions', Properties: { ServiceId: 'vpce-svc-0123456789abcdef0', AllowedPrincipals: [] } },
    });
    const found = findings(g, 'GUARD-1', ['Sql', 'Check', 'Revoke']);
    expect(found).toEqual([expect.stringContaining('[Check] GUARD-1 critical (三層の対策): Type could not be resolved: AWS::EC2::ApplicationStatusCheck is a resource type')]);
  });
  test('Terraform: the serial console setting passes, enabled or not', () => {
    const g = tf({ aws_ec2_serial_console_access: { On: { enabled: true }, Off: { enabled: false } } });
    expect(findings(g, 'GUARD-1', ['aws_ec2_serial_console_access.On', 'aws_ec2_serial_console_access.Off'])).toEqual([]);
  });
});

/**
 * Direct Connect joins on-premises networks to VPCs; it was no network service here, so a type of it that no reader read
 * passed unseen (helper report, session 50). Its associations and private virtual interfaces are read (bridges to the
 * networks behind a gateway); its links, gateway and the other interfaces are listed as changing no path; anything else
 * of the service is refused as unread.
 */
describe('Direct Connect (both engines)', () => {
  test('an unread type of the service is refused at its type; its links, gateway and transit or public interfaces are not', () => {
    const g = cfn({
      Future: { Type: 'AWS::DirectConnect::FutureGatewayRoute', Properties: { DirectConnectGatewayId: 'dx-gw' } },
      Conn: { Type: 'AWS::DirectConnect::Connection', Properties: { Bandwidth: '1Gbps', ConnectionName: 'c', Location: 'EqTY2' } },
      Gw: { Type: 'AWS::DirectConnect::DirectConnectGateway', Properties: { DirectConnectGatewayName: 'g' } },
      Vif: { Type: 'AWS::DirectConnect::TransitVirtualInterface', Properties: { ConnectionId: { Ref: 'Conn' }, VirtualInterfaceName: 'v', Vlan: 101 } },
    });
    expect(findings(g, 'GUARD-1', ['Future', 'Conn', 'Gw', 'Vif']).map((f) => f.slice(0, f.indexOf(':')))).toEqual(['[Future] GUARD-1 critical (三層の対策)']);
    const t = tf({
      aws_dx_future_gateway_route: { F: { dx_gateway_id: 'dx-gw' } },
      aws_dx_connection: { C: { bandwidth: '1Gbps', location: 'EqTY2', name: 'c' } },
      aws_dx_gateway: { G: { name: 'g', amazon_side_asn: '64512' } },
      aws_dx_transit_virtual_interface: { V: { connection_id: '${aws_dx_connection.C.id}', dx_gateway_id: '${aws_dx_gateway.G.id}', name: 'v', vlan: 101 } },
    });
    const ids = ['aws_dx_future_gateway_route.F', 'aws_dx_connection.C', 'aws_dx_gateway.G', 'aws_dx_transit_virtual_interface.V'];
    expect(findings(t, 'GUARD-1', ids).filter((f) => f.includes('type could not be resolved')).map((f) => f.slice(0, f.indexOf(']') + 1)))
      .toEqual(['[aws_dx_future_gateway_route.F]']);
  });

  test('every Direct Connect type of the provider is read or listed as changing no path', () => {
    const providerDir = path.dirname(require.resolve('@cdktf/provider-aws/package.json'));
    const dx = fs.readdirSync(path.join(providerDir, 'lib')).filter((d) => d.startsWith('dx-')).map((d) => `aws_${d.replace(/-/g, '_')}`);
    expect(dx.length).toBeGreaterThan(15);
    const refused = dx.filter((type) => {
      const g = extractTerraform({ t: { resource: { [type]: { X: {} } } } });
      return checkTopology(g, { model: NetworkModel.ALPHA }).some((f) => f.ruleId === 'GUARD-1' && f.path === `${type}.X`
        && f.message.includes('is a resource type of a service that makes or changes the network'));
    });
    expect(refused).toEqual([]);
    expect(dx.filter((type) => unreadNetworkType(type, false) && !NETWORK_INERT.has(type)).sort())
      .toEqual(['aws_dx_gateway_association', 'aws_dx_gateway_association_proposal', 'aws_dx_hosted_private_virtual_interface_accepter',
        'aws_dx_private_virtual_interface']);
  });
});
