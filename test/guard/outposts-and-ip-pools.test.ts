/**
 * Ways in and out beside the VPC's routes that newer AWS features open (outside auditor, red team 38): an Outpost's
 * local network interface (EnableLniAtDeviceIndex) or customer-owned IP addresses (MapCustomerOwnedIpOnLaunch) join a
 * subnet's instances to the on-premises network (AWS Outposts User Guide, "Local network interfaces", "Customer-owned
 * IP addresses"): MN-1 / LG-1 as a subnet handing out public IP addresses is; and BYOIP ingress routing
 * (AWS::EC2::IpPoolRouteTableAssociation) sends a public pool's addresses from the internet gateway to a route table's
 * targets, which the guard does not follow: GUARD-1.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding } from '../../src/guard/rule';
import { NetworkModel } from '../../src/model/network-model';

const tag = (s: string) => [{ Key: 'jichitai:segment', Value: s }];
const at = (found: readonly Finding[], path: string) => [...new Set(found.filter((f) => f.path === path).map((f) => f.ruleId))].sort();

function cfn(segment: string, subnet: Record<string, unknown>, extra: Record<string, unknown> = {}): readonly Finding[] {
  return checkTopology(extractCloudFormation({
    S: {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag(segment) } },
        Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', ...subnet } },
        ...extra,
      },
    } as any,
  }), { model: NetworkModel.ALPHA });
}

function tf(subnet: Record<string, unknown>): readonly Finding[] {
  return checkTopology(extractTerraform({
    t: {
      resource: {
        aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
        aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24', ...subnet } },
      },
    } as any,
  }), { model: NetworkModel.ALPHA });
}

describe('an Outpost subnet joined to the on-premises network', () => {
  test.each([
    ['a local network interface', { OutpostArn: 'arn:aws:outposts:ap-northeast-1:111122223333:outpost/op-0123456789abcdef0', EnableLniAtDeviceIndex: 1 }],
    ['customer-owned IP addresses', { MapCustomerOwnedIpOnLaunch: true, CustomerOwnedIpv4Pool: 'ipv4pool-coip-0123456789abcdef0' }],
  ])('CloudFormation, %s: MN-1 in My Number, LG-1 in LGWAN, nothing in the Internet segment', (_, props) => {
    expect(at(cfn('MY_NUMBER', props), 'Sub')).toContain('MN-1');
    expect(at(cfn('LGWAN', props), 'Sub')).toContain('LG-1');
    expect(at(cfn('INTERNET', props), 'Sub')).toEqual([]);
  });

  test('Terraform, enable_lni_at_device_index or map_customer_owned_ip_on_launch: MN-1; neither (or false): none', () => {
    expect(at(tf({ enable_lni_at_device_index: 1 }), 'aws_subnet.mn')).toContain('MN-1');
    expect(at(tf({ map_customer_owned_ip_on_launch: true }), 'aws_subnet.mn')).toContain('MN-1');
    expect(at(tf({ map_customer_owned_ip_on_launch: false, enable_lni_at_device_index: null }), 'aws_subnet.mn')).toEqual([]);
  });
});

describe('BYOIP ingress routing through an internet gateway\'s route table', () => {
  test('the pool\'s association with a route table is GUARD-1', () => {
    const found = cfn('LGWAN', {}, {
      Edge: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Pool: { Type: 'AWS::EC2::IpPoolRouteTableAssociation', Properties: { PublicIpv4Pool: 'ipv4pool-ec2-0123456789abcdef0', RouteTableId: { Ref: 'Edge' } } },
    });
    expect(found.filter((f) => f.ruleId === 'GUARD-1' && f.path === 'Pool').map((f) => f.message))
      .toEqual([expect.stringMatching(/the internet reaches the targets of this route table for the addresses of a public IPv4 address pool/)]);
  });
});
