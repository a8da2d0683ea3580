/**
 * IPv6 has no NAT: an internet gateway on a VPC delivers to a subnet's global unicast addresses whatever its routes, the
 * way it delivers to a public IPv4 address (LG-1's MapPublicIpOnLaunch case). An LGWAN subnet holding such addresses in a
 * VPC with an internet gateway (α′'s LGWAN VPC has one, for the breakout's NAT gateway) passed before LG-1 read it.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { NetworkModel } from '../../src/model/network-model';

/** An LGWAN VPC with the given IPv6 block (Amazon-provided with `amazon`), one subnet, and an internet gateway if `igw`. */
function lg1(subnetIpv6: unknown, options: { amazon?: boolean; vpcBlock?: string; igw?: boolean } = {}): string[] {
  const resources: Record<string, any> = {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'LGWAN' }] } },
    V6: { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: 'Vpc' }, ...(options.amazon ? { AmazonProvidedIpv6CidrBlock: true } : { Ipv6CidrBlock: options.vpcBlock ?? '2001:db8::/56' }) } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.1.0/24', ...(subnetIpv6 === undefined ? {} : { Ipv6CidrBlock: subnetIpv6 }) } },
    ...(options.igw === false ? {} : {
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    }),
  };
  const findings = checkTopology(extractCloudFormation({ S: { Resources: resources } }), { model: NetworkModel.ALPHA_PRIME });
  return findings.filter((f) => f.ruleId === 'LG-1').map((f) => f.message);
}

const carved = { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::Select': [0, { 'Fn::GetAtt': ['Vpc', 'Ipv6CidrBlocks'] }] }, 256, 64] }] };

describe('an LGWAN subnet with global IPv6 addresses in a VPC with an internet gateway (LG-1)', () => {
  test('a literal global block, or one carved from an Amazon-provided or global block: the internet reaches it', () => {
    expect(lg1('2001:db8::/64')).toEqual([expect.stringMatching(/holds global IPv6 addresses \(2001:db8::\/64\) in a VPC with an internet gateway/)]);
    expect(lg1(carved, { amazon: true })).toEqual([expect.stringMatching(/\(carved from the VPC's Amazon-provided block\)/)]);
    expect(lg1(carved)).toEqual([expect.stringMatching(/\(carved from 2001:db8::\/56\)/)]);
  });

  test('no IPv6 block, a unique local block (fd00::/8), or no internet gateway on the VPC: no way in', () => {
    expect(lg1(undefined)).toEqual([]);
    expect(lg1('fd00:1::/64', { vpcBlock: 'fd00:1::/56' })).toEqual([]);
    expect(lg1(carved, { vpcBlock: 'fd00:1::/56' })).toEqual([]);
    expect(lg1('2001:db8::/64', { igw: false })).toEqual([]);
  });
});
