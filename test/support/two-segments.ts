/**
 * The smallest CloudFormation network two segments make: a My Number VPC 10.0.0.0/16 and an LGWAN VPC 10.1.0.0/16, one
 * /24 subnet each (MnVpc / MnSub, LgVpc / LgSub), for tests that add what joins or separates them.
 */
export function myNumberAndLgwan(): Record<string, unknown> {
  const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
  return {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    LgVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
  };
}
