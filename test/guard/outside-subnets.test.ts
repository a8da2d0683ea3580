/**
 * Subnets the output does not hold (docs/guard-semantics.md §2): a subnet created outside the output in a segment's VPC
 * uses the VPC's main route table, so a route there is followed even when no subnet of the output uses it; and an
 * association naming a subnet by its id (outside the output) is refused, its traffic being unknown.
 */
import { App } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCdkExample } from '../../examples/cdk/_app';
import { GuardLanguage, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf } from '../../src/guard/graph';
import { formatFindingIn } from '../../src/guard/rule';
import { englishRun } from '../support/japanese';
import { untouchedTf } from '../support/untouched';

/** The α example (CDKTF) as synthesized, with the names of the resources the cases below use. */
function tfAlpha() {
  // The example as it is: synthesized once per test run (test/support/untouched.ts), a copy of its own here.
  const c = untouchedTf('alpha').config;
  const r = c.resource;
  const name = (type: string, part: string) => Object.keys(r[type]).find((k) => k.includes(part))!;
  return {
    c,
    r,
    mnVpc: name('aws_vpc', 'MyNumber'),
    mnTgwTable: name('aws_ec2_transit_gateway_route_table', 'MY_NUMBER'),
    internetAttachment: name('aws_ec2_transit_gateway_vpc_attachment', 'Internet'),
    tgw: Object.keys(r.aws_ec2_transit_gateway)[0],
  };
}

const blocking = (c: unknown) => checkTopology(extractTerraform({ s: c as any }), { model: NetworkModel.ALPHA })
  .filter((f) => f.severity !== 'warning').map((f) => `${f.ruleId} ${f.path}`);

describe('a route of the main route table that no subnet of the output uses is followed (subnets outside the output)', () => {
  /** The My Number transit table also sends the internet VPC's workload block to the internet attachment: no My Number subnet routes there. */
  const latent = (t: ReturnType<typeof tfAlpha>) => {
    t.r.aws_ec2_transit_gateway_route.Latent = {
      destination_cidr_block: '10.0.128.0/24',
      transit_gateway_route_table_id: `\${aws_ec2_transit_gateway_route_table.${t.mnTgwTable}.id}`,
      transit_gateway_attachment_id: `\${aws_ec2_transit_gateway_vpc_attachment.${t.internetAttachment}.id}`,
    };
  };

  test('a route added to the My Number VPC\'s main route table (main_route_table_id)', () => {
    const t = tfAlpha();
    latent(t);
    expect(blocking(t.c)).toEqual([]);
    t.r.aws_route.Main = {
      route_table_id: `\${aws_vpc.${t.mnVpc}.main_route_table_id}`,
      destination_cidr_block: '10.0.128.0/24',
      transit_gateway_id: `\${aws_ec2_transit_gateway.${t.tgw}.id}`,
    };
    expect(blocking(t.c)).toEqual([`MN-2 aws_vpc.${t.mnVpc}#subnets-outside-the-output`]);
  });

  test('the same route through aws_default_route_table', () => {
    const t = tfAlpha();
    latent(t);
    t.r.aws_default_route_table = {
      Main: {
        default_route_table_id: `\${aws_vpc.${t.mnVpc}.default_route_table_id}`,
        route: [{ cidr_block: '10.0.128.0/24', transit_gateway_id: `\${aws_ec2_transit_gateway.${t.tgw}.id}` }],
      },
    };
    expect(blocking(t.c)).toEqual([`MN-2 aws_vpc.${t.mnVpc}#subnets-outside-the-output`]);
  });

  test('control: a route of the main route table that leads nowhere forbidden is followed and passes', () => {
    const t = tfAlpha();
    // The My Number transit table drops the internet VPC's blocks (no latent route): nothing to find.
    t.r.aws_route.Main = {
      route_table_id: `\${aws_vpc.${t.mnVpc}.main_route_table_id}`,
      destination_cidr_block: '10.0.128.0/24',
      transit_gateway_id: `\${aws_ec2_transit_gateway.${t.tgw}.id}`,
    };
    const g = extractTerraform({ s: t.c });
    // One per VPC: the example's subnets fill none of its VPCs (semantics §2).
    expect(nodesOf(g, 'subnet').filter((s) => s.outside).map((s) => s.id)).toContain(`aws_vpc.${t.mnVpc}#subnets-outside-the-output`);
    expect(blocking(t.c)).toEqual([]);
  });

  test('controls: a main route table with its local routes only adds nothing; the examples pass with their outside subnets', () => {
    // The examples' subnets fill none of their VPCs: each VPC has its outside subnet (semantics §2), which reaches nothing
    // forbidden.
    const t = tfAlpha();
    const outside = (g: ReturnType<typeof extractTerraform>) => nodesOf(g, 'subnet').filter((s) => s.outside).map((s) => s.id);
    expect(outside(extractTerraform({ s: t.c }))).toHaveLength(3);
    t.r.aws_default_route_table = { Main: { default_route_table_id: `\${aws_vpc.${t.mnVpc}.default_route_table_id}`, route: [] } };
    expect(outside(extractTerraform({ s: t.c }))).toHaveLength(3);
    expect(blocking(t.c)).toEqual([]);
    const { stack } = buildCdkExample('alpha', new App());
    const g = extractCloudFormation({ S: (stack as any)._toCloudFormation() });
    expect(outside(g)).toHaveLength(3);
    expect(checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.severity !== 'warning' && f.path.endsWith('#subnets-outside-the-output'))).toEqual([]);
  });
});

describe('an association naming a subnet outside the output is refused (GUARD-1)', () => {
  test('CloudFormation: a route table or network ACL associated with a subnet by its id', () => {
    const { stack } = buildCdkExample('alpha', new App());
    const vpc = stack.node.findAll().find((c) => c instanceof ec2.CfnVPC && /MyNumber/.test(c.node.path)) as ec2.CfnVPC;
    const rt = new ec2.CfnRouteTable(stack, 'Rt', { vpcId: vpc.ref });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Assoc', { routeTableId: rt.ref, subnetId: 'subnet-0123456789abcdef0' });
    const acl = new ec2.CfnNetworkAcl(stack, 'Acl', { vpcId: vpc.ref });
    new ec2.CfnSubnetNetworkAclAssociation(stack, 'AclAssoc', { networkAclId: acl.ref, subnetId: 'subnet-0123456789abcdef0' });
    const g = extractCloudFormation({ S: (stack as any)._toCloudFormation() });
    expect(g.unresolved.filter((u) => /Assoc/.test(u.node)).map((u) => `${u.property}: ${u.reason}`)).toEqual([
      'SubnetId: subnet subnet-0123456789abcdef0 is not in the synthesized output, and the guard does not follow its traffic',
      'SubnetId: subnet subnet-0123456789abcdef0 is not in the synthesized output, and the guard does not follow its traffic',
    ]);
    const found = checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1' && /Assoc/.test(f.path));
    expect(found).toHaveLength(2);
    for (const f of found) expect(englishRun(formatFindingIn(f, GuardLanguage.JAPANESE))).toBeUndefined();
  });

  test('Terraform: aws_route_table_association, aws_network_acl_association, aws_network_acl subnet_ids', () => {
    const t = tfAlpha();
    const table = Object.keys(t.r.aws_route_table)[0];
    const acl = Object.keys(t.r.aws_network_acl)[0];
    t.r.aws_route_table_association.Outside = { route_table_id: `\${aws_route_table.${table}.id}`, subnet_id: 'subnet-0123456789abcdef0' };
    t.r.aws_network_acl_association = { Outside: { network_acl_id: `\${aws_network_acl.${acl}.id}`, subnet_id: 'subnet-0123456789abcdef0' } };
    t.r.aws_network_acl.Listed = { vpc_id: `\${aws_vpc.${t.mnVpc}.id}`, subnet_ids: ['subnet-0fedcba9876543210'] };
    expect(extractTerraform({ s: t.c }).unresolved.filter((u) => /Outside|Listed/.test(u.node)).map((u) => `${u.node} ${u.property}`).sort()).toEqual([
      'aws_network_acl.Listed subnet_ids',
      'aws_network_acl_association.Outside subnet_id',
      'aws_route_table_association.Outside subnet_id',
    ]);
  });
});
