/**
 * Noted by red team 23: a security group rule whose peer is a group the guard cannot place — a literal `sg-…` id (a
 * group made by hand, in another stack or account, possibly in the LGWAN VPC) or a value it cannot resolve. MN-3's and
 * LG-2's security-group parts and LG-2's direction part read a peer group only when it is a group of the output in a VPC
 * of the other segment: a My Number group opening all traffic to `sg-0123…` was no rule toward LGWAN at all, and passed
 * (MN-3 is critical). Now such a peer counts as a group of the other segment (fail closed, docs/guard-semantics.md §10).
 */
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { NetworkModel } from '../../src/model/network-model';
import { notJapanese } from '../support/japanese';
import { findings, myNumberAndLgwan } from '../support/two-segments';

const OUTSIDE_SG = 'sg-0123456789abcdef0';
const NARROW_EGRESS = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' };

/** A My Number group whose ingress rule (inline) and egress rule (a resource of its own) name `peer`, with `protocol`. */
function cfn(peer: unknown, protocol: Record<string, unknown>): Record<string, any> {
  return {
    Resources: {
      ...myNumberAndLgwan(),
      // An egress rule of its own: CloudFormation's implicit allow-all egress would be MN-3 by itself.
      LgSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'LGWAN hosts', VpcId: { Ref: 'LgVpc' }, SecurityGroupEgress: [NARROW_EGRESS] } },
      MnSg: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'My Number hosts',
          VpcId: { Ref: 'MnVpc' },
          SecurityGroupIngress: [{ ...protocol, SourceSecurityGroupId: peer }],
          SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }],
        },
      },
      MnOut: { Type: 'AWS::EC2::SecurityGroupEgress', Properties: { GroupId: { 'Fn::GetAtt': ['MnSg', 'GroupId'] }, ...protocol, DestinationSecurityGroupId: peer } },
    },
  };
}

function tf(peer: string, protocol: { p: string; from: number; to: number }): TerraformJson {
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
      aws_subnet: { mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.0.0.0/24' }, lg: { vpc_id: '${aws_vpc.lg.id}', cidr_block: '10.1.0.0/24' } },
      aws_security_group: {
        lg: { vpc_id: '${aws_vpc.lg.id}' },
        mn: { vpc_id: '${aws_vpc.mn.id}', ingress: [{ protocol: protocol.p, from_port: protocol.from, to_port: protocol.to, security_groups: [peer] }] },
      },
      aws_vpc_security_group_egress_rule: {
        out: { security_group_id: '${aws_security_group.mn.id}', ip_protocol: protocol.p, from_port: protocol.from, to_port: protocol.to, referenced_security_group_id: peer },
      },
    },
  };
}

const ALL = { IpProtocol: '-1' };
const TCP_ALL_PORTS = { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 };
const HTTPS = { IpProtocol: 'tcp', FromPort: 443, ToPort: 443 };
const TF_ALL = { p: '-1', from: 0, to: 0 };
const TF_HTTPS = { p: 'tcp', from: 443, to: 443 };

describe('a security group rule whose peer group lies outside what the guard reads (MN-3 security-group part)', () => {
  test('all traffic to and from a literal group id: MN-3 in both directions, both engines, named as written', () => {
    const expected = (group: string) => [
      `MN-3 ${group}: security group ${group}: its egress rules toward the LGWAN segment allow all traffic (security group ${OUTSIDE_SG} outside what the guard reads)`,
      `MN-3 ${group}: security group ${group}: its ingress rules from the LGWAN segment allow all traffic (security group ${OUTSIDE_SG} outside what the guard reads)`,
    ];
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_SG, ALL) }), ['MN-3'])).toEqual(expected('MnSg'));
    expect(findings(extractTerraform({ s: tf(OUTSIDE_SG, TF_ALL) }), ['MN-3'])).toEqual(expected('aws_security_group.mn'));
  });

  test('every TCP port to a literal group id is MN-3; one port is specific communication', () => {
    const wide = findings(extractCloudFormation({ s: cfn(OUTSIDE_SG, TCP_ALL_PORTS) }), ['MN-3']);
    expect(wide).toHaveLength(2);
    expect(wide[0]).toContain(`open every tcp port to security group ${OUTSIDE_SG} outside what the guard reads`);
    expect(findings(extractCloudFormation({ s: cfn(OUTSIDE_SG, HTTPS) }), ['MN-3'])).toEqual([]);
    expect(findings(extractTerraform({ s: tf(OUTSIDE_SG, TF_HTTPS) }), ['MN-3'])).toEqual([]);
  });

  test('an ingress peer named by its group name (SourceSecurityGroupName) is a group outside what the guard reads, not a rule without a peer', () => {
    // Before, the rule had no peer at all and a My Number group admitting everything from a group named by name passed MN-3.
    const named = (name: string, protocol: Record<string, unknown>) => {
      const t = cfn(OUTSIDE_SG, protocol);
      t.Resources.MnSg.Properties.SecurityGroupIngress = [{ ...protocol, SourceSecurityGroupName: name }];
      delete t.Resources.MnOut;
      return t;
    };
    expect(findings(extractCloudFormation({ s: named('default', ALL) }), ['MN-3'])).toEqual([
      'MN-3 MnSg: security group MnSg: its ingress rules from the LGWAN segment allow all traffic (security group default outside what the guard reads)',
    ]);
    // Control: one port is specific communication.
    expect(findings(extractCloudFormation({ s: named('default', HTTPS) }), ['MN-3'])).toEqual([]);
  });

  test('a group of the output in the My Number VPC itself is no peer of the other side: no finding', () => {
    expect(findings(extractCloudFormation({ s: cfn({ 'Fn::GetAtt': ['MnSg', 'GroupId'] }, ALL) }), ['MN-3'])).toEqual([]);
  });

  test('the same rule toward the LGWAN group of the output is MN-3 as before', () => {
    expect(findings(extractCloudFormation({ s: cfn({ 'Fn::GetAtt': ['LgSg', 'GroupId'] }, ALL) }), ['MN-3'])).toHaveLength(2);
    expect(findings(extractTerraform({ s: tf('${aws_security_group.lg.id}', TF_ALL) }), ['MN-3'])).toHaveLength(2);
  });

  test('worded in Japanese too', () => {
    const graph = extractCloudFormation({ s: cfn(OUTSIDE_SG, ALL) });
    const mn3 = checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3');
    expect(mn3).toHaveLength(2);
    for (const f of mn3) {
      expect(f.ja?.message).toContain(`ガードが読む範囲外のセキュリティグループ ${OUTSIDE_SG}`);
      expect(notJapanese(f.ja?.message)).toBeUndefined();
    }
  });
});

describe('LG-2: an LGWAN group admitting a peer group outside what the guard reads', () => {
  /** An LGWAN group admitting HTTPS from `peer`, next to an Internet-segment VPC. */
  function lgwanAdmits(peer: string): Record<string, any> {
    const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
    return {
      Resources: {
        LgVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tag('LGWAN') } },
        LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
        InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tag('INTERNET') } },
        InSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'InVpc' }, CidrBlock: '10.2.0.0/24' } },
        LgSg: {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: { GroupDescription: 'LGWAN server', VpcId: { Ref: 'LgVpc' }, SecurityGroupIngress: [{ ...HTTPS, SourceSecurityGroupId: peer }], SecurityGroupEgress: [NARROW_EGRESS] },
        },
      },
    };
  }

  test('the direction part counts it as a group of the Internet segment (a warning when nothing is declared, as for any such rule)', () => {
    const lg2 = findings(extractCloudFormation({ s: lgwanAdmits(OUTSIDE_SG) }), ['LG-2']);
    expect(lg2).toHaveLength(1);
    expect(lg2[0]).toContain(`from security group ${OUTSIDE_SG}, outside what the guard reads (it may be of the INTERNET segment)`);
  });
});
