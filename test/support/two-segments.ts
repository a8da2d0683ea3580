import { PlannedResource } from './hand-plan';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
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

/**
 * The same two segments as a hand-written plan's resources (`handPlan`): `aws_vpc.mn` / `aws_subnet.mn` and `aws_vpc.lg`
 * / `aws_subnet.lg`, each subnet's VPC id known only after apply and referring to its VPC.
 */
export function myNumberAndLgwanPlan(): PlannedResource[] {
  const vpc = (s: string, i: number, segment: string): PlannedResource => ({
    address: `aws_vpc.${s}`, values: { cidr_block: `10.${i}.0.0/16`, enable_dns_support: false, tags: { 'jichitai:segment': segment } },
  });
  return [
    vpc('mn', 0, 'MY_NUMBER'),
    vpc('lg', 1, 'LGWAN'),
    ...['mn', 'lg'].map((s, i): PlannedResource => ({
      address: `aws_subnet.${s}`,
      values: { cidr_block: `10.${i}.0.0/24` },
      unknown: { vpc_id: true, id: true },
      expressions: { vpc_id: { references: [`aws_vpc.${s}.id`, `aws_vpc.${s}`] } },
    })),
  ];
}

/** The findings of `rules` on `graph` in `model` (α unless given), each as `<rule> <path>: <message>`, sorted. */
export function findings(graph: TopologyGraph, rules: string[], model = NetworkModel.ALPHA): string[] {
  return checkTopology(graph, { model }).filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`).sort();
}

/** PL-1 (as `findings` writes it) for a My Number system in the LGWAN segment (α), at `at`. */
export const PL1_LG = (at: string) => `PL-1 ${at}: a My Number system (マイナンバー利用事務系の業務システム) in LGWAN接続系, but αモデル places them in マイナンバー利用事務系`;

/**
 * MN-3 and GUARD-1 (as `findings` writes them) of a configuration of the two segments (`myNumberAndLgwanTf`), a narrow
 * group of the My Number VPC (`aws_security_group.own`: egress TCP 443 within the VPC only) and `extra`; `variables`: an
 * input variable `sg` is declared.
 */
export function narrowGroupTfFindings(extra: Record<string, Record<string, unknown>>, variables = false): string[] {
  return findings(extractTerraform({
    t: {
      ...variables ? { variable: { sg: { type: 'string' } } } : {},
      resource: {
        ...myNumberAndLgwanTf(),
        aws_security_group: { own: { vpc_id: '${aws_vpc.mn.id}', egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/16'] }] } },
        ...extra,
      },
    } as any,
  }), ['MN-3', 'GUARD-1']);
}
