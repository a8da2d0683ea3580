import { checkTopology } from '../../src/guard/check';
import { TopologyGraph } from '../../src/guard/graph';
import { NetworkModel } from '../../src/model/network-model';

/**
 * The smallest CloudFormation network two segments make: a My Number VPC 10.0.0.0/16 and an LGWAN VPC 10.1.0.0/16, one
 * /24 subnet each (MnVpc / MnSub, LgVpc / LgSub), for tests that add what joins or separates them.
 */
export function myNumberAndLgwan(): Record<string, unknown> {
  const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
  return {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: tag('MY_NUMBER') } },
    MnSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'MnVpc' }, CidrBlock: '10.0.0.0/24' } },
    LgVpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
    LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
  };
}

/** The same two segments as Terraform resources: `aws_vpc.mn` / `aws_subnet.mn` and `aws_vpc.lg` / `aws_subnet.lg`. */
export function myNumberAndLgwanTf(): { aws_vpc: Record<string, unknown>; aws_subnet: Record<string, unknown> } {
  const tags = (segment: string) => ({ 'jichitai:segment': segment });
  return {
    aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.0.0.0/16', tags: tags('MY_NUMBER') }, lg: { enable_dns_support: false, cidr_block: '10.1.0.0/16', tags: tags('LGWAN') } },
    aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
  };
}

/** The findings of `rules` on `graph` in `model` (α unless given), each as `<rule> <path>: <message>`, sorted. */
export function findings(graph: TopologyGraph, rules: string[], model = NetworkModel.ALPHA): string[] {
  return checkTopology(graph, { model }).filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`).sort();
}

/** PL-1 (as `findings` writes it) for a My Number system in the LGWAN segment (α), at `at`. */
export const PL1_LG = (at: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in LGWAN接続系, but αモデル places them in マイナンバー利用事務系`;
