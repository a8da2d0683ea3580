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
