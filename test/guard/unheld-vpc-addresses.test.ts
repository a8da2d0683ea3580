/**
 * A route into another segment's VPC addresses that no subnet of the output holds (docs/guard-semantics.md §2): a subnet
 * created there later (main route table, default NACL) receives it, so the subnet standing for the subnets outside the
 * output holds those addresses whatever the main route table routes. The guard once added it only where the main table
 * routed out of the VPC, and such a route arrived nowhere: a forbidden path passed.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Testing } from 'cdktf';
import { exampleFindings } from './example-findings';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf } from '../../src/guard/graph';

// The α example: My Number VPC 10.0.0.0/18, whose subnets hold 10.0.0.0/19 and 10.0.32.0/25 (10.0.48.0/20 is free);
// LGWAN VPC 10.0.64.0/18, whose subnets hold 10.0.64.0/19 and 10.0.96.0/25 (10.0.112.0/20 is free). The Internet
// subnets route 0.0.0.0/0 to the transit gateway; the INTERNET transit table blackholes 10.0.0.0/18 and 10.0.64.0/18.
const MN_FREE = '10.0.48.0/20';
const LG_FREE = '10.0.112.0/20';

const transitTable = (net: any, zone: string) =>
  (net.node.findAll().find((c: any) => c.node.path.endsWith(`Transit/RouteTable-${zone}`)) as ec2.CfnTransitGatewayRouteTable).ref;

describe('CloudFormation: a transit gateway route into addresses no subnet of the output holds arrives at the outside subnet', () => {
  const into = (zone: string, dest: string, vpc: 'myNumber' | 'lgwan') => (stack: any, net: any) => {
    new ec2.CfnTransitGatewayRoute(stack, 'Unheld', { transitGatewayRouteTableId: transitTable(net, zone), destinationCidrBlock: dest, transitGatewayAttachmentId: net[vpc].transitGatewayAttachmentId });
  };

  test('the Internet segment into the My Number VPC ⇒ MN-2, from each Internet workload subnet', () => {
    const found = exampleFindings('alpha', 'MN-2', into('INTERNET', MN_FREE, 'myNumber'));
    expect(found).toHaveLength(2);
    for (const f of found) {
      expect(f).toMatch(/^\[NetworkInternetSubnetworkload\d\w+\] MN-2 critical .* reaches subnet NetworkMyNumberVpc\w+#subnets-outside-the-output \(10\.0\.48\.0\/20\)\./);
    }
  });

  test('the security cloud into the My Number VPC ⇒ MN-1; into the LGWAN VPC ⇒ LG-1', () => {
    expect(exampleFindings('alpha', 'MN-1', into('SECURITY_CLOUD', MN_FREE, 'myNumber'))).toEqual([
      expect.stringMatching(/^\[NetworkMyNumberVpc\w+#subnets-outside-the-output\] MN-1 critical .*entering from the security cloud \(SECURITY_CLOUD\) reaches this My Number subnet \(10\.0\.48\.0\/20\)/),
    ]);
    expect(exampleFindings('alpha', 'LG-1', into('SECURITY_CLOUD', LG_FREE, 'lgwan'))).toEqual([
      expect.stringMatching(/^\[NetworkLgwanVpc\w+#subnets-outside-the-output\] LG-1 critical .*entering from the security cloud \(SECURITY_CLOUD\) reaches this LGWAN subnet \(10\.0\.112\.0\/20\)/),
    ]);
  });

  test('controls: the unchanged example passes; a route outside every block of the VPC is dropped', () => {
    expect(exampleFindings('alpha', 'MN-2')).toEqual([]);
    expect(exampleFindings('alpha', 'MN-1')).toEqual([]);
    expect(exampleFindings('alpha', 'LG-1')).toEqual([]);
    // 10.0.192.0/20 is in no VPC: the My Number attachment drops it (local route none, no other route).
    expect(exampleFindings('alpha', 'MN-2', into('INTERNET', '10.0.192.0/20', 'myNumber'))).toEqual([]);
  });
});

describe('Terraform: the same routes', () => {
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
    return { c, route, mnVpc: name('aws_vpc', 'MyNumber'), lgVpc: name('aws_vpc', 'Lgwan') };
  };
  const blocking = (c: unknown) => checkTopology(extractTerraform({ s: c as any }), { model: NetworkModel.ALPHA })
    .filter((f) => f.severity !== 'warning').map((f) => `${f.ruleId} ${f.path}`);

  test('the Internet segment into the My Number VPC ⇒ MN-2; the security cloud ⇒ MN-1; into LGWAN ⇒ LG-1', () => {
    const t = tf();
    expect(blocking(t.c)).toEqual([]);
    expect(blocking(t.route('INTERNET', MN_FREE, 'MyNumber'))).toEqual([
      expect.stringMatching(/^MN-2 aws_subnet\.Network_Internet_Subnet-workload-1_/),
      expect.stringMatching(/^MN-2 aws_subnet\.Network_Internet_Subnet-workload-2_/),
    ]);
    expect(blocking(tf().route('SECURITY_CLOUD', MN_FREE, 'MyNumber'))).toEqual([`MN-1 aws_vpc.${t.mnVpc}#subnets-outside-the-output`]);
    expect(blocking(tf().route('SECURITY_CLOUD', LG_FREE, 'Lgwan'))).toEqual([`LG-1 aws_vpc.${t.lgVpc}#subnets-outside-the-output`]);
  });

  test('the outside subnet is there for a VPC with free addresses only: a VPC its subnets fill has none', () => {
    const t = tf();
    const outside = (c: unknown) => nodesOf(extractTerraform({ s: c as any }), 'subnet').filter((s) => s.outside).map((s) => s.id).sort();
    expect(outside(t.c)).toHaveLength(3);
    // The My Number VPC narrowed to exactly its first workload subnet's block, and the other subnets dropped: filled.
    const r = t.c.resource;
    r.aws_vpc[t.mnVpc].cidr_block = '10.0.0.0/20';
    for (const k of Object.keys(r.aws_subnet)) if (k.includes('MyNumber') && !k.includes('workload-1')) r.aws_subnet[k].vpc_id = '${aws_vpc.' + t.lgVpc + '.id}';
    expect(outside(t.c)).toHaveLength(2);
    expect(outside(t.c)).not.toContain(`aws_vpc.${t.mnVpc}#subnets-outside-the-output`);
    expect(outside(t.c)).toContain(`aws_vpc.${t.lgVpc}#subnets-outside-the-output`);
  });
});
