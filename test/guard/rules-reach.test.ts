/** MN-4 (hosts My Number reaches stay off the internet) and LG-2 (LGWAN ↔ Internet segment by host only), compliant and not. */
import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { exampleFindings as findings } from './example-findings';

const l1 = <T>(scope: IConstruct, suffix: string) => scope.node.findAll().find((c) => c.node.path.endsWith(suffix)) as T;

/** Route the My Number workload subnet to an LGWAN host (10.0.65.20, the file server) over the transit gateway. */
function myNumberToLgwanHost(stack: Stack, net: any): void {
  new ec2.CfnRoute(stack, 'ToHost', { routeTableId: l1<ec2.CfnRouteTable>(net.myNumber, '/RouteTable-workload-1').ref, destinationCidrBlock: '10.0.65.20/32', transitGatewayId: net.transitGatewayId });
  new ec2.CfnTransitGatewayRoute(stack, 'TgwToHost', {
    transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-MY_NUMBER').ref,
    destinationCidrBlock: '10.0.65.20/32',
    transitGatewayAttachmentId: net.lgwan.transitGatewayAttachmentId,
  });
}

describe('MN-4 hosts the My Number segment reaches (マイナンバー利用事務系の接続先)', () => {
  test('α: an LGWAN host reached from My Number, in a subnet without a way out, is compliant', () => {
    expect(findings('alpha', 'MN-4', myNumberToLgwanHost)).toEqual([]);
  });

  test('α′: the same host behind the checked breakout firewall is not flagged; a NAT route that bypasses it is', () => {
    expect(findings('alpha-prime', 'MN-4', myNumberToLgwanHost)).toEqual([]);
    const bypass = findings('alpha-prime', 'MN-4', (stack, net) => {
      myNumberToLgwanHost(stack, net);
      new ec2.CfnRoute(stack, 'Bypass', { routeTableId: l1<ec2.CfnRouteTable>(net.lgwan, '/RouteTable-workload-1').ref, destinationCidrBlock: '0.0.0.0/0', natGatewayId: l1<ec2.CfnNatGateway>(net.lgwan, '/NatGateway-1').ref });
    });
    expect(bypass).toEqual([expect.stringMatching(/MN-4 error \(マイナンバー利用事務系の接続先\): the My Number segment reaches this subnet \(10\.0\.65\.20\), and it reaches the internet/)]);
  });
});

describe('LG-2 LGWAN ↔ Internet segment by host only (無害化 / 画面転送)', () => {
  test.each(['alpha', 'beta', 'beta-prime'])('the %s example (relays and screen transfer by host routes) is compliant', (name) => {
    expect(findings(name, 'LG-2', () => undefined)).toEqual([]);
  });

  test('a transit gateway route to the whole Internet segment is refused', () => {
    const found = findings('beta', 'LG-2', (stack, net) => {
      new ec2.CfnTransitGatewayRoute(stack, 'Wide', {
        transitGatewayRouteTableId: l1<ec2.CfnTransitGatewayRouteTable>(net, 'Transit/RouteTable-LGWAN').ref,
        destinationCidrBlock: net.internet.vpcCidr,
        transitGatewayAttachmentId: net.internet.transitGatewayAttachmentId,
      });
    });
    expect(found.join('\n')).toMatch(/LG-2 error \(無害化 \/ 画面転送\): transit gateway route 10\.0\.128\.0\/18 .* covers the whole INTERNET subnet/);
  });
});
