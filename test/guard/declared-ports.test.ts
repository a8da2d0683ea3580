/**
 * 特定通信 is narrowed to the declared hosts *and ports* (「アプリケーションプロトコル（ポート番号）のレベルでの限定も行うこと」,
 * REQUIREMENTS MN-3 rev; outside auditor, red team 37): a security-group rule toward a declared host of the other side
 * that opens ports no declared flow between them names is refused (MN-3 toward LGWAN and the WAN, LG-3 toward the
 * WAN), not only one that opens every port.
 */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { exampleFindings } from './example-findings';

/** The α′ example with an egress rule added to the security group whose logical ID contains `part`. */
const withEgress = (part: string, cidrIp: string, fromPort: number, toPort: number) => (stack: Stack) => {
  const sg = stack.node.findAll().find((c): c is ec2.CfnSecurityGroup => c instanceof ec2.CfnSecurityGroup && stack.getLogicalId(c).includes(part));
  if (!sg) throw new Error(`test setup: no security group ${part}`);
  const existing = (sg.securityGroupEgress as ec2.CfnSecurityGroup.EgressProperty[] ?? [])
    .map((r) => ({ CidrIp: r.cidrIp, Description: r.description, FromPort: r.fromPort, IpProtocol: r.ipProtocol, ToPort: r.toPort }));
  sg.addPropertyOverride('SecurityGroupEgress', [...existing, { CidrIp: cidrIp, FromPort: fromPort, ToPort: toPort, IpProtocol: 'tcp', Description: 'added' }]);
};

/** The 中間サーバー (intermediate server) the α′ example's My Number system reaches on tcp/443, and its LGWAN-ASP host. */
const INTERMEDIATE = '172.20.10.5/32';
const ASP = '172.20.30.10/32';

test('the example: no finding of either rule', () => {
  expect(exampleFindings('alpha-prime', 'MN-3')).toEqual([]);
  expect(exampleFindings('alpha-prime', 'LG-3')).toEqual([]);
});

test('MN-3: tcp 1-65534, or tcp/3389, from the My Number system to the 中間サーバー (declared tcp/443): refused', () => {
  expect(exampleFindings('alpha-prime', 'MN-3', withEgress('MyNumberHostSecurityGroupresidentregistry', INTERMEDIATE, 1, 65534)).join('\n'))
    .toMatch(/MN-3 critical .*open tcp\/1-65534 to 172\.20\.10\.5\/32, beyond the ports of the declared flows \(tcp\/1 is in none\)/);
  expect(exampleFindings('alpha-prime', 'MN-3', withEgress('MyNumberHostSecurityGroupresidentregistry', INTERMEDIATE, 3389, 3389)).join('\n'))
    .toMatch(/open tcp\/3389 to 172\.20\.10\.5\/32, beyond the ports of the declared flows/);
  // The declared port itself is no finding.
  expect(exampleFindings('alpha-prime', 'MN-3', withEgress('MyNumberHostSecurityGroupresidentregistry', INTERMEDIATE, 443, 443))).toEqual([]);
});

test('LG-3: tcp 1-65534 from the LGWAN terminals to the LGWAN-ASP host (declared tcp/443): refused', () => {
  expect(exampleFindings('alpha-prime', 'LG-3', withEgress('LgwanHostSecurityGrouplgwanterminals', ASP, 1, 65534)).join('\n'))
    .toMatch(/LG-3 error .*open tcp\/1-65534 to 172\.20\.30\.10\/32, beyond the ports of the declared flows/);
});

/**
 * What the checks above left out (outside auditor, red team 38): a rule whose peer is wider than the host (0.0.0.0/0, a
 * /12), a peer security group of the other segment, and protocols other than TCP and UDP (AWS opens every port of them).
 */
describe('wide peers, peer groups and other protocols toward declared hosts', () => {
  const group = (stack: Stack, part: string) => {
    const sg = stack.node.findAll().find((c): c is ec2.CfnSecurityGroup => c instanceof ec2.CfnSecurityGroup && stack.getLogicalId(c).includes(part));
    if (!sg) throw new Error(`test setup: no security group ${part}`);
    return sg;
  };
  /** An egress rule (CloudFormation spelling) added to the group whose logical ID contains `part`. */
  const withRule = (part: string, rule: (stack: Stack) => Record<string, unknown>) => (stack: Stack) => {
    const sg = group(stack, part);
    const existing = (sg.securityGroupEgress as ec2.CfnSecurityGroup.EgressProperty[] ?? [])
      .map((r) => ({ CidrIp: r.cidrIp, Description: r.description, FromPort: r.fromPort, IpProtocol: r.ipProtocol, ToPort: r.toPort }));
    sg.addPropertyOverride('SecurityGroupEgress', [...existing, { Description: 'added', ...rule(stack) }]);
  };
  const MN_SYSTEM = 'MyNumberHostSecurityGroupresidentregistry';
  const TERMINALS = 'LgwanHostSecurityGrouplgwanterminals';
  const tcp = (cidr: string, port: number) => () => ({ CidrIp: cidr, IpProtocol: 'tcp', FromPort: port, ToPort: port });

  test('LG-3: tcp/22 from the terminals to 172.16.0.0/12 or 0.0.0.0/0, which hold the LGWAN-ASP host their subnets route to: refused', () => {
    expect(exampleFindings('alpha-prime', 'LG-3', withRule(TERMINALS, tcp('172.16.0.0/12', 22))).join('\n'))
      .toMatch(/open tcp\/22 to 172\.16\.0\.0\/12, which holds the declared host 172\.20\.30\.10\/32, beyond the ports of the declared flows/);
    expect(exampleFindings('alpha-prime', 'LG-3', withRule(TERMINALS, tcp('0.0.0.0/0', 22))).join('\n'))
      .toMatch(/open tcp\/22 to 0\.0\.0\.0\/0, which holds the declared host 172\.20\.30\.10\/32/);
    // The declared port toward the one declared host it holds is no finding (the example's proxy keeps its own 0.0.0.0/0
    // egress for the internet); the /12 holds another declared host, whose flows name other ports.
    expect(exampleFindings('alpha-prime', 'LG-3', withRule(TERMINALS, tcp('172.20.30.0/24', 443)))).toEqual([]);
    expect(exampleFindings('alpha-prime', 'LG-3', withRule(TERMINALS, tcp('172.16.0.0/12', 443))).join('\n'))
      .toMatch(/open tcp\/443 to 172\.16\.0\.0\/12, which holds the declared host 172\.20\.20\.25\/32/);
  });

  test('MN-3: a /0 rule is judged where a path carries its ports to the declared host: the My Number NACL drops tcp/3389 there, not tcp/443', () => {
    // The example's My Number NACL lets out only the declared flows' ports: tcp/3389 toward the 中間サーバー goes nowhere.
    expect(exampleFindings('alpha-prime', 'MN-3', withRule(MN_SYSTEM, tcp('0.0.0.0/0', 3389)))).toEqual([]);
    // Without that NACL (the subnets on the VPC's default one), the path carries it: refused.
    const withoutNacl = (stack: Stack) => {
      const associations = stack.node.findAll().filter((c) => c instanceof ec2.CfnSubnetNetworkAclAssociation);
      for (const a of associations) a.node.scope!.node.tryRemoveChild(a.node.id);
      withRule(MN_SYSTEM, tcp('0.0.0.0/0', 3389))(stack);
    };
    expect(exampleFindings('alpha-prime', 'MN-3', withoutNacl).join('\n'))
      .toMatch(/open tcp\/3389 to 0\.0\.0\.0\/0, which holds the declared host 172\.20\.10\.5\/32, beyond the ports of the declared flows/);
  });

  test('MN-3: tcp/22 to the LGWAN file server\'s security group, which no declared flow between the segments names: refused', () => {
    const toGroup = withRule(MN_SYSTEM, (stack) => ({
      DestinationSecurityGroupId: group(stack, 'LgwanHostSecurityGrouplgwanfileserver').attrGroupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22,
    }));
    expect(exampleFindings('alpha-prime', 'MN-3', toGroup).join('\n'))
      .toMatch(/open tcp\/22 to security group \S+lgwanfileserver\S*, beyond the ports of the declared flows \(tcp\/22 is in none\)/);
  });

  test.each(['132', '4', '47'])('MN-3 and LG-3: protocol %s (every port) toward a declared host: refused', (protocol) => {
    const other = (cidr: string) => () => ({ CidrIp: cidr, IpProtocol: protocol, FromPort: -1, ToPort: -1 });
    expect(exampleFindings('alpha-prime', 'MN-3', withRule(MN_SYSTEM, other(INTERMEDIATE))).join('\n'))
      .toMatch(new RegExp(`open protocol ${protocol} \\(every port\\) to 172\\.20\\.10\\.5/32, which no declared flow names`));
    expect(exampleFindings('alpha-prime', 'LG-3', withRule(TERMINALS, other(ASP))).join('\n')).toMatch(/LG-3 error .*open protocol/);
  });
});
