/**
 * A Route 53 Resolver forwarding rule shared with other accounts through AWS RAM (Terraform `aws_ram_resource_association`,
 * CloudFormation `AWS::RAM::ResourceShare`): the VPCs they associate it with send their DNS queries through the rule's
 * outbound endpoint, from its subnets. With the endpoint in the My Number or LGWAN segment, other accounts' traffic enters
 * and leaves that segment: a bridge, refused.
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';

/** The refusals at the share (the bridge a shared rule opens). */
function bridged(findings: ReturnType<typeof checkTopology>): string[] {
  return findings.filter((f) => (f.path === 'Share' || f.path === 'aws_ram_resource_association.r') && (f.severity === 'critical' || f.severity === 'error'))
    .map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);
}

function tf(segment: string, shared: boolean): string[] {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': segment } } },
    aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.0.0/24' }, b: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24' } },
    aws_security_group: { r: { vpc_id: '${aws_vpc.v.id}', name: 'resolver' } },
    aws_route53_resolver_endpoint: {
      out: { direction: 'OUTBOUND', security_group_ids: ['${aws_security_group.r.id}'], ip_address: [{ subnet_id: '${aws_subnet.a.id}' }, { subnet_id: '${aws_subnet.b.id}' }] },
    },
    aws_route53_resolver_rule: {
      r: { rule_type: 'FORWARD', domain_name: 'corp.example', resolver_endpoint_id: '${aws_route53_resolver_endpoint.out.id}', target_ip: [{ ip: '10.9.0.2' }] },
    },
  };
  if (shared) {
    resource.aws_ram_resource_share = { s: { name: 'dns' } };
    resource.aws_ram_resource_association = { r: { resource_arn: '${aws_route53_resolver_rule.r.arn}', resource_share_arn: '${aws_ram_resource_share.s.arn}' } };
  }
  return bridged(checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }));
}

describe('Terraform', () => {
  test('the rule shared from a My Number endpoint: a bridge into the segment, refused', () => {
    expect(tf('MY_NUMBER', true).join('\n')).toMatch(/(critical|error): .*a forwarding rule is shared with \(AWS RAM\)/);
  });

  test('not shared, or shared from an Internet-segment endpoint: no such finding', () => {
    expect(tf('MY_NUMBER', false)).toEqual([]);
    expect(tf('INTERNET', true)).toEqual([]);
  });
});

describe('CloudFormation', () => {
  function cfn(segment: string, arns: unknown[] | undefined): string[] {
    const resources: Record<string, unknown> = {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: segment }] } },
      A: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
      B: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      Out: {
        Type: 'AWS::Route53Resolver::ResolverEndpoint',
        Properties: { Direction: 'OUTBOUND', SecurityGroupIds: [], IpAddresses: [{ SubnetId: { Ref: 'A' } }, { SubnetId: { Ref: 'B' } }] },
      },
      Rule: {
        Type: 'AWS::Route53Resolver::ResolverRule',
        Properties: { RuleType: 'FORWARD', DomainName: 'corp.example', ResolverEndpointId: { 'Fn::GetAtt': ['Out', 'ResolverEndpointId'] }, TargetIps: [{ Ip: '10.9.0.2' }] },
      },
      Other: { Type: 'AWS::Route53Resolver::ResolverRule', Properties: { RuleType: 'SYSTEM', DomainName: 'other.example' } },
    };
    if (arns) resources.Share = { Type: 'AWS::RAM::ResourceShare', Properties: { Name: 'dns', ResourceArns: arns, Principals: ['111122223333'] } };
    return bridged(checkTopology(extractCloudFormation({ S: { Resources: resources } } as any), { model: NetworkModel.ALPHA }));
  }

  test('the rule shared from a My Number endpoint (by its Arn attribute or a Sub of it): a bridge into the segment, refused', () => {
    expect(cfn('MY_NUMBER', [{ 'Fn::GetAtt': ['Rule', 'Arn'] }]).join('\n')).toMatch(/(critical|error): .*a forwarding rule is shared with \(AWS RAM\)/);
    expect(cfn('LGWAN', [{ 'Fn::Sub': 'arn:aws:route53resolver:${AWS::Region}:${AWS::AccountId}:resolver-rule/${Rule.ResolverRuleId}' }]).join('\n'))
      .toMatch(/a forwarding rule is shared with \(AWS RAM\)/);
  });

  test('not shared, a rule without an endpoint shared, or shared from an Internet-segment endpoint: no such finding', () => {
    expect(cfn('MY_NUMBER', undefined)).toEqual([]);
    expect(cfn('MY_NUMBER', [{ 'Fn::GetAtt': ['Other', 'Arn'] }])).toEqual([]);
    expect(cfn('INTERNET', [{ 'Fn::GetAtt': ['Rule', 'Arn'] }])).toEqual([]);
  });
});

test('the finding reads in Japanese too', () => {
  const resource = {
    aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.0.0/24' } },
    aws_route53_resolver_endpoint: { out: { direction: 'OUTBOUND', security_group_ids: [], ip_address: [{ subnet_id: '${aws_subnet.a.id}' }] } },
    aws_route53_resolver_rule: { r: { rule_type: 'FORWARD', domain_name: 'corp.example', resolver_endpoint_id: '${aws_route53_resolver_endpoint.out.id}' } },
    aws_ram_resource_association: { r: { resource_arn: '${aws_route53_resolver_rule.r.arn}', resource_share_arn: 'arn:aws:ram:ap-northeast-1:111122223333:resource-share/x' } },
  };
  const found = checkTopology(extractTerraform({ t: { resource } as any }), { model: NetworkModel.ALPHA }).find((f) => f.path === 'aws_ram_resource_association.r');
  expect(found?.ja?.message).toContain('転送ルールを共有した（AWS RAM）アカウントの VPC');
  expect(found?.ja?.fix).toContain('アウトバウンド Resolver エンドポイントがインターネット接続系のサブネットにある転送ルールだけを共有する');
});
