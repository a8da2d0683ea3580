/**
 * Found by an outside tester (red team 36): resources that connect a My Number subnet to what lies outside, which the
 * guard read as nothing — a VPN concentrator aggregating VPN connections onto a transit gateway (CloudFormation),
 * carrier IP addresses (a Wavelength Zone's public addresses on the carrier network) on an instance's or a launch
 * template's interfaces (both engines), another account's permission on an interface (both engines) and an Outposts
 * local gateway route to an interface (CloudFormation).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

const SEGMENTS: [string, string, string][] = [['Mn', '10.0.0.0/16', 'MY_NUMBER'], ['In', '10.2.0.0/16', 'INTERNET']];

/** A My Number and an Internet VPC with one subnet and table each; critical findings with their place. */
function cfnCritical(extra: Record<string, unknown>): string[] {
  const r: Record<string, unknown> = {};
  for (const [p, cidr, segment] of SEGMENTS) {
    r[`${p}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: cidr, Tags: [{ Key: 'jichitai:segment', Value: segment }] } };
    r[`${p}Sub`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${p}Vpc` }, CidrBlock: cidr.replace('/16', '/24') } };
    r[`${p}Rt`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: `${p}Vpc` } } };
    r[`${p}RtA`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: `${p}Sub` }, RouteTableId: { Ref: `${p}Rt` } } };
  }
  return checkTopology(extractCloudFormation({ S: { Resources: { ...r, ...extra } } as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`);
}

describe('a VPN concentrator on a transit gateway the My Number segment routes to', () => {
  const tgw = {
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: {} },
    MnAtt: { Type: 'AWS::EC2::TransitGatewayVpcAttachment', Properties: { TransitGatewayId: { Ref: 'Tgw' }, VpcId: { Ref: 'MnVpc' }, SubnetIds: [{ Ref: 'MnSub' }] } },
    MnOut: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: { Ref: 'Tgw' } } },
    Cgw: { Type: 'AWS::EC2::CustomerGateway', Properties: { BgpAsn: 65001, IpAddress: '203.0.113.1', Type: 'ipsec.1' } },
  };
  const concentrator = (tags: unknown[] = []) => ({
    Conc: { Type: 'AWS::EC2::VPNConcentrator', Properties: { TransitGatewayId: { Ref: 'Tgw' }, Type: 'ipsec.1', Tags: tags } },
    Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { CustomerGatewayId: { Ref: 'Cgw' }, Type: 'ipsec.1', VpnConcentratorId: { Ref: 'Conc' } } },
  });

  test('its attachment joins the default tables, and an unlabelled one leads where the guard cannot follow: MN-1, as a VPN on the gateway', () => {
    expect(cfnCritical(tgw)).toEqual([]);
    expect(cfnCritical({ ...tgw, ...concentrator() })).toEqual(expect.arrayContaining(['MN-1 MnSub']));
    const direct = { ...tgw, Vpn: { Type: 'AWS::EC2::VPNConnection', Properties: { CustomerGatewayId: { Ref: 'Cgw' }, Type: 'ipsec.1', TransitGatewayId: { Ref: 'Tgw' } } } };
    expect(cfnCritical(direct)).toEqual(expect.arrayContaining(['MN-1 MnSub']));
  });

  test('one labelled as the LGWAN WAN leads there (the label, not an unknown end)', () => {
    const found = cfnCritical({ ...tgw, ...concentrator([{ Key: 'jichitai:zone', Value: 'LGWAN_WAN' }]) });
    expect(found.filter((f) => f.startsWith('MN-1'))).toEqual([]);
  });
});

describe('carrier IP addresses on My Number interfaces (a Wavelength Zone\'s addresses, reached from the carrier network)', () => {
  test('CloudFormation: an instance\'s interface and a launch template\'s ask for one: GUARD-1 at each, as a public IP address is', () => {
    const instance = (flag: string) => ({
      Edge: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: '0', [flag]: true, SubnetId: { Ref: 'MnSub' } }] } },
    });
    expect(cfnCritical(instance('AssociatePublicIpAddress'))).toContain('GUARD-1 Edge');
    expect(cfnCritical(instance('AssociateCarrierIpAddress'))).toContain('GUARD-1 Edge');
    expect(cfnCritical(instance('DeleteOnTermination'))).not.toContain('GUARD-1 Edge');
    const template = {
      Lt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, AssociateCarrierIpAddress: true, SubnetId: { Ref: 'MnSub' } }] } } },
    };
    expect(cfnCritical(template)).toContain('GUARD-1 Lt');
  });

  test('Terraform: a launch template\'s interface asks for one: GUARD-1', () => {
    const config = {
      resource: {
        aws_vpc: { Mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
        aws_subnet: { Mn: { vpc_id: '${aws_vpc.Mn.id}', cidr_block: '10.0.0.0/24' } },
        aws_launch_template: { Lt: { network_interfaces: [{ device_index: 0, associate_carrier_ip_address: 'true', subnet_id: '${aws_subnet.Mn.id}' }] } },
      },
    };
    const found = checkTopology(extractTerraform({ t: config as any }), { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`);
    expect(found).toContain('GUARD-1 aws_launch_template.Lt');
  });
});

describe('an interface of the output reached from elsewhere', () => {
  const eni = { Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { Ref: 'MnSub' } } } };
  test('CloudFormation: another account\'s permission on it, a local gateway route to it: GUARD-1 at the interface\'s subnet', () => {
    expect(cfnCritical(eni)).toEqual([]);
    for (const permission of ['INSTANCE-ATTACH', 'EIP-ASSOCIATE']) {
      expect(cfnCritical({ ...eni, Perm: { Type: 'AWS::EC2::NetworkInterfacePermission', Properties: { NetworkInterfaceId: { Ref: 'Eni' }, AwsAccountId: '999999999999', Permission: permission } } }))
        .toContain('GUARD-1 Perm');
    }
    expect(cfnCritical({ ...eni, Lgw: { Type: 'AWS::EC2::LocalGatewayRoute', Properties: { DestinationCidrBlock: '192.168.0.0/16', LocalGatewayRouteTableId: 'lgw-rtb-0123456789abcdef0', NetworkInterfaceId: { Ref: 'Eni' } } } }))
      .toContain('GUARD-1 Lgw');
  });

  test('Terraform: another account\'s permission on it: GUARD-1', () => {
    const config = {
      resource: {
        aws_vpc: { Mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
        aws_subnet: { Mn: { vpc_id: '${aws_vpc.Mn.id}', cidr_block: '10.0.0.0/24' } },
        aws_network_interface: { Eni: { subnet_id: '${aws_subnet.Mn.id}' } },
        aws_network_interface_permission: { Perm: { network_interface_id: '${aws_network_interface.Eni.id}', aws_account_id: '999999999999', permission: 'INSTANCE-ATTACH' } },
      },
    };
    const found = checkTopology(extractTerraform({ t: config as any }), { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical').map((f) => `${f.ruleId} ${f.path}`);
    expect(found).toContain('GUARD-1 aws_network_interface_permission.Perm');
  });
});
