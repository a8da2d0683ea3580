/**
 * Security-group rules toward another segment's VPC addresses that no subnet of the output holds (docs/guard-semantics.md
 * §2, §10, MN-3 / LG-2 security-group part): a subnet created there later may be as small as AWS allows (a /28 of IPv4),
 * so rules whose CIDRs between them cover such a block for one protocol and port are judged as rules covering a subnet
 * of the output whole. The check once read only the blocks of the output's subnets, so a rule for one port toward a /24
 * of those addresses passed. Where a block of a VPC of the other side cannot be read, those subnets may be anywhere.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { exampleFindings } from './example-findings';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { untouchedTf } from '../support/untouched';

// The α example: My Number VPC 10.0.0.0/18 (its subnets leave 10.0.32.96–10.0.63.255 free: 10.0.48.0/20 among it), LGWAN
// VPC 10.0.64.0/18 (10.0.96.96–10.0.127.255 free: 10.0.112.0/20 among it), Internet VPC 10.0.128.0/18.
const egressGroup = (vpc: 'internet' | 'myNumber' | 'lgwan', cidrIp: string, ipProtocol = 'tcp') => (stack: any, net: any) => {
  new ec2.CfnSecurityGroup(stack, 'Wide', {
    vpcId: net[vpc].vpc.vpcId,
    groupDescription: 'x',
    securityGroupEgress: [{ ipProtocol, fromPort: 443, toPort: 443, cidrIp }],
  });
};

/** The reasons given for the test's group, one a line. */
const reasons = (found: string[]) => found.filter((f) => f.startsWith('[Wide')).map((f) => f.replace(/^.*?: its /, '').replace(/\. Fix:.*$/s, ''));

describe('CloudFormation: a rule toward the other segment\'s unheld addresses', () => {
  test('an Internet group\'s egress for one port to a /24 of the LGWAN VPC\'s unheld addresses ⇒ LG-2 names the block', () => {
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.112.0/24')))).toEqual([
      expect.stringMatching(/^egress rules toward the LGWAN segment cover a whole smallest subnet AWS allows \(10\.0\.112\.0\/28\) in 10\.0\.112\.0\/20 of VPC NetworkLgwanVpc\w+, which no subnet of the output holds \(tcp 443\)$/),
    ]);
  });

  test('a /28 is a subnet AWS allows there; a /29 is narrower than any; an output subnet is judged as before', () => {
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.112.16/28')))).toEqual([
      expect.stringContaining('(10.0.112.16/28) in 10.0.112.0/20 of VPC'),
    ]);
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.112.0/29')))).toEqual([]);
    // The unheld addresses from 10.0.96.96: a /27 there is held by no subnet (10.0.96.96/27), its first /28 counts.
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.96.96/27')))).toEqual([
      expect.stringContaining('(10.0.96.96/28) in 10.0.96.96/27 of VPC'),
    ]);
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.64.0/20')))).toEqual([
      'egress rules toward the LGWAN segment cover the whole subnet 10.0.64.0/20 (tcp 443)',
    ]);
  });

  test('every protocol without ports (ICMP) counts as well', () => {
    expect(reasons(exampleFindings('alpha', 'LG-2', egressGroup('internet', '10.0.112.0/24', 'icmp')))).toEqual([
      expect.stringMatching(/\(10\.0\.112\.0\/28\) in 10\.0\.112\.0\/20 of VPC NetworkLgwanVpc\w+, which no subnet of the output holds \(icmp\)$/),
    ]);
  });

  test('a My Number group toward the LGWAN VPC\'s unheld addresses ⇒ MN-3 (besides the ports no declared flow names)', () => {
    const found = reasons(exampleFindings('alpha', 'MN-3', egressGroup('myNumber', '10.0.112.0/24')));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/cover a whole smallest subnet AWS allows \(10\.0\.112\.0\/28\) in 10\.0\.112\.0\/20 of VPC NetworkLgwanVpc\w+, which no subnet of the output holds \(tcp 443\)/);
  });

});

describe('Terraform, a hand-built stack (no declared flows)', () => {
  const tf = () => {
    // The untouched example, synthesized once per test run (test/support/untouched.ts): a copy of its own here.
    const c = untouchedTf('alpha').config;
    const r = c.resource;
    const name = (type: string, part: string) => Object.keys(r[type]).find((k) => k.includes(part))!;
    const lgVpc = name('aws_vpc', 'Lgwan');
    const mnVpc = name('aws_vpc', 'MyNumber');
    const inVpc = name('aws_vpc', 'Internet');
    /** A group of `vpc` with egress rules (written as separate resources) for tcp 443 to each CIDR. */
    const group = (vpc: string, ...cidrs: string[]) => {
      r.aws_security_group = { ...r.aws_security_group, Wide: { vpc_id: `\${aws_vpc.${vpc}.id}`, description: 'x' } };
      r.aws_vpc_security_group_egress_rule = Object.fromEntries(cidrs.map((cidr, i) => [`Wide${i}`,
        { security_group_id: '${aws_security_group.Wide.id}', ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: cidr }]));
      return c;
    };
    return { c, group, lgVpc, mnVpc, inVpc };
  };
  const findings = (c: unknown, rule: string) => checkTopology(extractTerraform({ s: c as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === rule && f.path === 'aws_security_group.Wide');
  const found = (c: unknown, rule: string) => findings(c, rule).map((f) => f.message);

  test('an LGWAN group toward a /24 of the My Number VPC\'s unheld addresses ⇒ MN-3', () => {
    const t = tf();
    expect(found(t.group(t.lgVpc, '10.0.48.0/24'), 'MN-3')).toEqual([
      `security group aws_security_group.Wide: its egress rules toward the MY_NUMBER segment cover a whole smallest subnet AWS allows (10.0.48.0/28) in 10.0.48.0/20 of VPC aws_vpc.${t.mnVpc}, which no subnet of the output holds (tcp 443)`,
    ]);
    expect(findings(t.c, 'MN-3').map((f) => f.ja?.message)).toEqual([
      `セキュリティグループ aws_security_group.Wide: マイナンバー利用事務系へのアウトバウンドルールが合成結果のどのサブネットも持たない VPC aws_vpc.${t.mnVpc} の 10.0.48.0/20 のうち、AWS が許す最小のサブネット（10.0.48.0/28）全体を対象にしている（tcp 443）`,
    ]);
  });

  test('two rules that between them cover a /28 of the unheld addresses count together; two /29 apart do not', () => {
    const t = tf();
    expect(found(t.group(t.inVpc, '10.0.112.0/29', '10.0.112.8/29'), 'LG-2')).toEqual([
      expect.stringContaining('(10.0.112.0/28) in 10.0.112.0/20 of VPC'),
    ]);
    expect(found(tf().group(t.inVpc, '10.0.112.8/29', '10.0.112.16/29'), 'LG-2')).toEqual([]);
  });

  test('a block of a VPC of the other side the guard cannot read (an IPAM pool): a /28 anywhere but the group\'s own VPC counts', () => {
    const t = tf();
    t.c.resource.aws_vpc_ipv4_cidr_block_association = { Pool: { vpc_id: `\${aws_vpc.${t.lgVpc}.id}`, ipv4_ipam_pool_id: 'ipam-pool-0123456789abcdef0', ipv4_netmask_length: 20 } };
    expect(found(t.group(t.inVpc, '192.168.0.0/24'), 'LG-2')).toEqual([
      `security group aws_security_group.Wide: its egress rules toward the LGWAN segment cover a whole smallest subnet AWS allows (192.168.0.0/28), which may lie in a block of VPC aws_vpc.${t.lgVpc} the guard cannot read (tcp 443)`,
    ]);
    // The group's own VPC's addresses are delivered in that VPC (its local route), never to another; the LGWAN VPC's
    // read blocks hold no part of the unread one (a VPC's blocks do not overlap): a /24 of an LGWAN subnet is no whole
    // subnet there; a /29 is no subnet.
    expect(found(t.group(t.inVpc, '10.0.128.0/24'), 'LG-2')).toEqual([]);
    expect(found(t.group(t.inVpc, '10.0.80.0/24'), 'LG-2')).toEqual([]);
    expect(found(t.group(t.inVpc, '192.168.0.0/29'), 'LG-2')).toEqual([]);
  });
});
