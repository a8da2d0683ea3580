/**
 * A wide path into another segment's VPC addresses that no subnet of the output holds (docs/guard-semantics.md §2, §10):
 * it arrives at the subnet standing for the subnets outside the output, whose addresses are the VPC's blocks less the
 * output's subnets' blocks. A subnet created there may be as small as AWS allows (a /28), so a path that covers such a
 * block for one source address, protocol and port is judged as one to a real subnet of that block: MN-3 / LG-2 / LG-3
 * once read only the literal blocks of the output's subnets, and the outside subnet's "unknown" block passed.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { exampleFindings } from './example-findings';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';

// The α example: My Number VPC 10.0.0.0/18 (its subnets leave 10.0.48.0/20 free), LGWAN VPC 10.0.64.0/18 (10.0.112.0/20
// free). The Internet subnets route 0.0.0.0/0 to the transit gateway; the LGWAN subnets route only declared hosts and
// the WAN there. The transit tables blackhole the other segments' VPC blocks.
const transitTable = (net: any, zone: string) =>
  (net.node.findAll().find((c: any) => c.node.path.endsWith(`Transit/RouteTable-${zone}`)) as ec2.CfnTransitGatewayRouteTable).ref;

describe('CloudFormation: a transit gateway route into the other segment\'s unheld addresses', () => {
  const into = (zone: string, dest: string, vpc: 'myNumber' | 'lgwan', from?: 'lgwan') => (stack: any, net: any) => {
    new ec2.CfnTransitGatewayRoute(stack, 'Unheld', { transitGatewayRouteTableId: transitTable(net, zone), destinationCidrBlock: dest, transitGatewayAttachmentId: net[vpc].transitGatewayAttachmentId });
    if (!from) return;
    // The source subnets' own route there (the LGWAN workload subnets route only declared hosts to the gateway).
    const tgw = net.node.findAll().find((c: any) => c instanceof ec2.CfnTransitGateway) as ec2.CfnTransitGateway;
    for (const c of net.node.findAll()) {
      if (c instanceof ec2.CfnRouteTable && c.node.path.includes('Lgwan/RouteTable-workload')) {
        new ec2.CfnRoute(stack, `To${c.node.id}`, { routeTableId: c.ref, destinationCidrBlock: dest, transitGatewayId: tgw.ref });
      }
    }
  };

  test('the Internet segment into a /24 of the LGWAN VPC no subnet holds ⇒ LG-2 from each Internet workload subnet', () => {
    const found = exampleFindings('alpha', 'LG-2', into('INTERNET', '10.0.112.0/24', 'lgwan'));
    expect(found).toHaveLength(2);
    for (const f of found) {
      expect(f).toMatch(/^\[NetworkInternetSubnetworkload\d\w+\] LG-2 error .*reaches the whole LGWAN subnet NetworkLgwanVpc\w+#subnets-outside-the-output \(10\.0\.112\.0\/28\), not declared hosts/);
    }
  });

  test('a /28 is a subnet AWS allows there; a /29 or a host is narrower than any: no LG-2', () => {
    expect(exampleFindings('alpha', 'LG-2', into('INTERNET', '10.0.112.16/28', 'lgwan'))).toEqual([
      expect.stringContaining('#subnets-outside-the-output (10.0.112.16/28)'),
      expect.stringContaining('#subnets-outside-the-output (10.0.112.16/28)'),
    ]);
    expect(exampleFindings('alpha', 'LG-2', into('INTERNET', '10.0.112.0/29', 'lgwan'))).toEqual([]);
    expect(exampleFindings('alpha', 'LG-2', into('INTERNET', '10.0.112.5/32', 'lgwan'))).toEqual([]);
    expect(exampleFindings('alpha', 'LG-2')).toEqual([]);
  });

  test('LGWAN into a /24 of the My Number VPC no subnet holds ⇒ MN-3 from each LGWAN workload subnet', () => {
    const found = exampleFindings('alpha', 'MN-3', into('LGWAN', '10.0.48.0/24', 'myNumber', 'lgwan'));
    expect(found).toHaveLength(2);
    for (const f of found) {
      expect(f).toMatch(/^\[NetworkLgwanSubnetworkload\d\w+\] MN-3 critical .*reaches the whole MY_NUMBER subnet NetworkMyNumberVpc\w+#subnets-outside-the-output \(10\.0\.48\.0\/28\), not declared hosts/);
    }
    expect(exampleFindings('alpha', 'MN-3')).toEqual([]);
  });
});

describe('Terraform, a hand-built stack (no declared flows): the same, and from the LGWAN WAN', () => {
  const tf = () => {
    const c = JSON.parse(Testing.synth(buildTfExample('alpha', Testing.app()).stack));
    const r = c.resource;
    const name = (type: string, part: string) => Object.keys(r[type]).find((k) => k.includes(part))!;
    const route = (zone: string, dest: string, vpc: string) => {
      r.aws_ec2_transit_gateway_route.Unheld = {
        destination_cidr_block: dest,
        transit_gateway_route_table_id: `\${aws_ec2_transit_gateway_route_table.${name('aws_ec2_transit_gateway_route_table', zone)}.id}`,
        transit_gateway_attachment_id: `\${aws_ec2_transit_gateway_vpc_attachment.${name('aws_ec2_transit_gateway_vpc_attachment', vpc)}.id}`,
      };
      return c;
    };
    return { c, route, lgVpc: name('aws_vpc', 'Lgwan'), mnVpc: name('aws_vpc', 'MyNumber') };
  };
  // Errors and critical findings: without declared flows, LG-2's direction part warns about each host group (§10).
  const found = (c: unknown, rule: string) => checkTopology(extractTerraform({ s: c as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === rule && f.severity !== 'warning').map((f) => `${f.path}: ${f.message}`);

  test('the Internet segment into the LGWAN VPC\'s unheld addresses ⇒ LG-2', () => {
    const t = tf();
    expect(found(t.c, 'LG-2')).toEqual([]);
    expect(found(t.route('INTERNET', '10.0.112.0/24', 'Lgwan'), 'LG-2')).toEqual([
      expect.stringMatching(new RegExp(`^aws_subnet\\.Network_Internet_Subnet-workload-1_\\w+: .*the whole LGWAN subnet aws_vpc\\.${t.lgVpc}#subnets-outside-the-output \\(10\\.0\\.112\\.0/28\\)`)),
      expect.stringMatching(new RegExp(`^aws_subnet\\.Network_Internet_Subnet-workload-2_\\w+: .*the whole LGWAN subnet aws_vpc\\.${t.lgVpc}#subnets-outside-the-output \\(10\\.0\\.112\\.0/28\\)`)),
    ]);
  });

  test('the LGWAN WAN into the unheld addresses of the LGWAN VPC ⇒ LG-3, of the My Number VPC ⇒ MN-3 (not declared: whole subnets)', () => {
    const t = tf();
    expect(found(t.c, 'LG-3')).toEqual([]);
    expect(found(t.c, 'MN-3')).toEqual([]);
    expect(found(t.route('LGWAN_WAN', '10.0.112.0/24', 'Lgwan'), 'LG-3')).toEqual([
      `aws_vpc.${t.lgVpc}#subnets-outside-the-output: the LGWAN WAN reaches the whole LGWAN subnet 10.0.112.0/28, not declared hosts`,
    ]);
    expect(found(tf().route('LGWAN_WAN', '10.0.48.0/24', 'MyNumber'), 'MN-3')).toEqual([
      `aws_vpc.${t.mnVpc}#subnets-outside-the-output: the LGWAN WAN reaches the whole My Number subnet 10.0.48.0/28, not declared hosts`,
    ]);
    // A host of the unheld addresses is no subnet.
    expect(found(tf().route('LGWAN_WAN', '10.0.112.5/32', 'Lgwan'), 'LG-3')).toEqual([]);
  });

  test('a block of the VPC the guard cannot read (an IPAM pool): where a subnet may be created is unknown, so a host route counts whole', () => {
    const t = tf();
    t.c.resource.aws_vpc_ipv4_cidr_block_association = { Pool: { vpc_id: `\${aws_vpc.${t.lgVpc}.id}`, ipv4_ipam_pool_id: 'ipam-pool-0123456789abcdef0', ipv4_netmask_length: 20 } };
    expect(found(t.route('INTERNET', '10.0.112.5/32', 'Lgwan'), 'LG-2')).toEqual([
      expect.stringMatching(/workload-1_\w+: .*#subnets-outside-the-output \(a block of its VPC the guard cannot read\)/),
      expect.stringMatching(/workload-2_\w+: .*#subnets-outside-the-output \(a block of its VPC the guard cannot read\)/),
    ]);
    expect(found(t.c, 'GUARD-1')).toEqual([expect.stringContaining('ipam-pool-0123456789abcdef0')]);
  });
});
