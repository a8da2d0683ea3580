/**
 * Fail closed (GUARD-1) and what AWS does by default (docs/guard-semantics.md): nothing to check is an error, what the
 * guard cannot read is critical, provider default tags label resources, and the implicit tables, NACLs and groups are
 * modelled. Small hand-built stacks of raw L1 / provider resources, in both engines.
 */
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, CfnCondition, CfnStack, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { TerraformStack, Testing } from 'cdktf';
import { buildTfExample } from '../../examples/tf/_app';
import { cdk, GuardLanguage, NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding, formatFindingIn } from '../../src/guard/rule';
import { englishRun } from '../support/japanese';

const segment = (value: string) => [{ key: 'jichitai:segment', value }];

/** Findings of a raw CloudFormation stack, all rules. */
function cfnFindings(build: (stack: Stack) => void, model = NetworkModel.ALPHA): string[] {
  const stack = new Stack(new App(), 'S');
  build(stack);
  return checkTopology(extractCloudFormation({ S: (stack as any)._toCloudFormation() }), { model }).map(formatFinding);
}

/** Findings of a raw Terraform stack, all rules. */
function tfFindings(build: (stack: TerraformStack) => void, model = NetworkModel.ALPHA): string[] {
  const stack = new TerraformStack(Testing.app(), 't');
  new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
  build(stack);
  return checkTopology(extractTerraform({ t: JSON.parse(Testing.synth(stack)) }), { model }).map(formatFinding);
}

describe('nothing to check is an error, not a pass (GUARD-1)', () => {
  test('CDK: a guarded stack without a VPC or subnet is refused', () => {
    const app = new App();
    const stack = new Stack(app, 'Empty');
    new s3.CfnBucket(stack, 'Bucket');
    cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    expect(() => app.synth()).toThrow(/\[Empty\] GUARD-1 critical \(三層の対策\): the guarded scope holds no VPC and no subnet: there is nothing to check/);
  });

  test('CDK: in an app guarded as a whole, a stack without a network is fine while another stack holds one; alone it is not', () => {
    const app = new App();
    new s3.CfnBucket(new Stack(app, 'Logs'), 'Bucket');
    const net = new Stack(app, 'Net');
    new ec2.CfnVPC(net, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: segment('LGWAN') });
    cdk.TopologyGuard.apply(app, { model: NetworkModel.ALPHA });
    // LOG-1 (no flow log) refuses the network stack; the logs stack says nothing.
    expect(() => app.synth()).toThrow(/\[Net\/Vpc\] LOG-1/);
    let message = '';
    try { app.synth(); } catch (e) { message = (e as Error).message; }
    expect(message).not.toMatch(/nothing to check/);

    const lonely = new App();
    new s3.CfnBucket(new Stack(lonely, 'Logs'), 'Bucket');
    cdk.TopologyGuard.apply(lonely, { model: NetworkModel.ALPHA });
    expect(() => lonely.synth()).toThrow(/GUARD-1 critical .*nothing to check/);
  });

  test('CDKTF: a guarded stack without a VPC or subnet is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'empty');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
    new S3Bucket(stack, 'Bucket', {});
    tf.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    expect(() => Testing.synth(stack, true)).toThrow(/GUARD-1 critical \(三層の対策\): the guarded scope holds no VPC and no subnet/);
  });
});

describe('what the guard cannot read is critical (GUARD-1) and cannot be acknowledged', () => {
  test('GUARD-1 is critical', () => {
    const stack = new Stack(new App(), 'S');
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'GUARD-1', 'The value is filled in by the pipeline at deploy time.')).toThrow(/GUARD-1 is critical/);
  });

  test('CloudFormation: a resource under a condition, a nested stack, a parameter as a route target', () => {
    const found = cfnFindings((stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: segment('MY_NUMBER') });
      const sub = new ec2.CfnSubnet(stack, 'Sub', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
      const rt = new ec2.CfnRouteTable(stack, 'Rt', { vpcId: vpc.ref });
      new ec2.CfnSubnetRouteTableAssociation(stack, 'Assoc', { routeTableId: rt.ref, subnetId: sub.ref });
      const condition = new CfnCondition(stack, 'Maybe', { expression: Fn.conditionEquals('a', 'b') });
      const hole = new ec2.CfnRoute(stack, 'Guarded', { routeTableId: rt.ref, destinationCidrBlock: '10.9.0.0/16', networkInterfaceId: 'eni-0123456789abcdef0' });
      hole.cfnOptions.condition = condition;
      new CfnStack(stack, 'Nested', { templateUrl: 'https://example.invalid/t.json' });
    });
    expect(found.join('\n')).toMatch(/\[Guarded\] GUARD-1 critical .*Condition could not be resolved: the resource exists only if condition "Maybe" holds/);
    expect(found.join('\n')).toMatch(/\[Nested\] GUARD-1 critical .*a nested stack's resources are not read/);
    // The route to a network interface is followed as "reaches everywhere": MN-1 and MN-2 say so, naming what to fix.
    expect(found.join('\n')).toMatch(/\[Sub\] MN-1 critical .*a My Number subnet may reach everywhere: the route target eni-0123456789abcdef0 \(network-interface\) is not in the synthesized output/);
  });

  test('a transit gateway attachment\'s subnets: AddSubnetIds adds to them (red team 36), and one the guard cannot resolve is unresolved, both engines', () => {
    const attachment = (stack: Stack, extra: Record<string, unknown>) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: segment('MY_NUMBER') });
      const a = new ec2.CfnSubnet(stack, 'A', { vpcId: vpc.ref, cidrBlock: '10.0.0.0/24' });
      const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', {});
      const att = new ec2.CfnTransitGatewayVpcAttachment(stack, 'Att', { transitGatewayId: tgw.ref, vpcId: vpc.ref, subnetIds: [a.ref] });
      for (const [k, v] of Object.entries(extra)) att.addPropertyOverride(k, v);
    };
    const graphOf = (extra: Record<string, unknown>) => {
      const stack = new Stack(new App(), 'S');
      attachment(stack, extra);
      new ec2.CfnSubnet(stack, 'B', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.1.0/24' });
      return extractCloudFormation({ S: (stack as any)._toCloudFormation() });
    };
    const added = graphOf({ AddSubnetIds: [{ Ref: 'B' }] });
    expect((added.nodes.get('Att') as any).subnets.map((r: any) => r.id)).toEqual(['A', 'B']);
    const param = graphOf({ SubnetIds: [{ Ref: 'A' }, { 'Fn::ImportValue': 'Other' }] });
    expect(param.unresolved.map((u) => `${u.node} ${u.property}`)).toEqual(['Att SubnetIds[1]']);
    const tfStack = new TerraformStack(Testing.app(), 't');
    new AwsProvider(tfStack, 'aws', { region: 'ap-northeast-1' });
    const vpc = new Vpc(tfStack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } });
    const tgw = new Ec2TransitGateway(tfStack, 'Tgw', {});
    new Ec2TransitGatewayVpcAttachment(tfStack, 'Att', { transitGatewayId: tgw.id, vpcId: vpc.id, subnetIds: ['${var.subnet}'] });
    const g = extractTerraform({ t: JSON.parse(Testing.synth(tfStack)) });
    expect(g.unresolved.map((u) => `${u.node} ${u.property}`)).toContain('aws_ec2_transit_gateway_vpc_attachment.Att subnet_ids[0]');
  });

  test('Terraform: count, a module, and a subnet whose vpc_id names something that is not a VPC', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } });
    const rt = new RouteTable(stack, 'Rt', { vpcId: vpc.id });
    new Subnet(stack, 'Sub', { vpcId: rt.id, cidrBlock: '10.0.0.0/24' });
    const many = new Route(stack, 'Many', { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', networkInterfaceId: 'eni-0123456789abcdef0' });
    many.addOverride('count', 2);
    const json = JSON.parse(Testing.synth(stack));
    json.module = { edge: { source: './edge' } };
    const found = checkTopology(extractTerraform({ t: json }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(found).toMatch(/\[aws_route\.Many\] GUARD-1 critical .*count could not be resolved/);
    expect(found).toMatch(/\[module\.edge\] GUARD-1 critical .*a module's resources are not read/);
    expect(found).toMatch(/\[aws_subnet\.Sub\] GUARD-1 critical .*VpcId could not be resolved: aws_route_table\.Rt is a route-table, not a vpc\. Fix: refer to the vpc itself/);
  });

  test('Terraform: a dynamic block nested in a block the guard reads is unresolved; those its reader takes as unknown, and other resources\' ones, are not', () => {
    const found = (change: (network: tf.MunicipalNetwork, json: any) => void) => {
      const { stack, network } = buildTfExample('beta-prime', Testing.app());
      const json = JSON.parse(Testing.synth(stack, false));
      change(network, json);
      return checkTopology(extractTerraform({ t: json }), { model: network.blueprint.model })
        .filter((f) => f.ruleId === 'GUARD-1').map(formatFinding).join('\n');
    };
    const only = (json: any, type: string) => Object.values(json.resource[type])[0] as any;
    const policyOf = (json: any) => Object.entries(json.resource.aws_networkfirewall_firewall_policy).find(([k]) => k.includes('Internet'))![1] as any;
    // A stateless rule group reference the guard would read as absent: it may pass every packet around the stateful engine.
    expect(found((_, json) => {
      policyOf(json).firewall_policy.dynamic = { stateless_rule_group_reference: { for_each: '${var.groups}', content: { priority: 1, resource_arn: '${stateless_rule_group_reference.value}' } } };
    })).toMatch(/\[aws_networkfirewall_firewall_policy\.\S+\] GUARD-1 critical .*firewall_policy\.dynamic\.stateless_rule_group_reference could not be resolved: a dynamic block makes stateless_rule_group_reference blocks the guard does not expand\. Fix: write the blocks out, one per block, in a guarded stack/);
    // A rule group's stateless rules, deeper down.
    expect(found((_, json) => {
      const group = only(json, 'aws_networkfirewall_rule_group');
      group.rule_group.rules_source.dynamic = { stateless_rules_and_custom_actions: { for_each: '${var.rules}', content: {} } };
    })).toMatch(/GUARD-1 critical .*rule_group\.rules_source\.dynamic\.stateless_rules_and_custom_actions could not be resolved/);
    // What the readers take as unknown themselves (the engine options, the rule variables) is theirs to judge.
    expect(found((_, json) => {
      policyOf(json).firewall_policy.dynamic = { stateful_engine_options: { for_each: '${var.engine}', content: { rule_order: 'STRICT_ORDER' } } };
      const group = only(json, 'aws_networkfirewall_rule_group');
      group.rule_group.rule_variables = { dynamic: { ip_sets: { for_each: '${var.sets}', content: { key: 'HOME_NET', ip_set: { definition: ['10.0.0.0/8'] } } } } };
    })).toBe('');
    // A resource the guard does not read.
    expect(found((_, json) => {
      json.resource.aws_s3_bucket_lifecycle_configuration = { life: { bucket: 'b', rule: [{ id: 'r', status: 'Enabled', dynamic: { transition: { for_each: '${var.t}', content: { days: 30, storage_class: 'GLACIER' } } } }] } };
    })).toBe('');
  });

  test('an Amazon-provided IPv6 block next to a literal IPv6 prefix inside 2000::/3 is ambiguous', () => {
    const found = cfnFindings((stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: segment('LGWAN') });
      new ec2.CfnVPCCidrBlock(stack, 'V6', { vpcId: vpc.ref, amazonProvidedIpv6CidrBlock: true });
      const rt = new ec2.CfnRouteTable(stack, 'Rt', { vpcId: vpc.ref });
      new ec2.CfnRoute(stack, 'Narrow', { routeTableId: rt.ref, destinationIpv6CidrBlock: '2600:1f00::/24', transitGatewayId: 'tgw-0123456789abcdef0' });
    });
    expect(found.join('\n')).toMatch(/\[Narrow\] GUARD-1 critical .*2600:1f00::\/24 may or may not hold the Amazon-provided IPv6 block of Vpc/);
    // With ::/0 only, the symbolic block is exact: no ambiguity.
    const fine = cfnFindings((stack) => {
      const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: segment('LGWAN') });
      new ec2.CfnVPCCidrBlock(stack, 'V6', { vpcId: vpc.ref, amazonProvidedIpv6CidrBlock: true });
      const rt = new ec2.CfnRouteTable(stack, 'Rt', { vpcId: vpc.ref });
      new ec2.CfnRoute(stack, 'All', { routeTableId: rt.ref, destinationIpv6CidrBlock: '::/0', transitGatewayId: 'tgw-0123456789abcdef0' });
    });
    expect(fine.join('\n')).not.toMatch(/may or may not hold/);
  });
});

describe('labels from provider default tags (Terraform)', () => {
  /** A compliant My Number VPC and subnet whose segment comes only from the (aliased) provider's default tags. */
  const labelled = (stack: TerraformStack, alias?: string) => {
    const provider = new AwsProvider(stack, alias ?? 'default', {
      region: 'ap-northeast-1', alias, defaultTags: [{ tags: { 'jichitai:segment': 'MY_NUMBER' } }],
    });
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', provider });
    const sub = new Subnet(stack, 'Sub', { vpcId: vpc.id, cidrBlock: '10.0.0.0/24', provider });
    const rt = new RouteTable(stack, 'Rt', { vpcId: vpc.id, provider });
    new RouteTableAssociation(stack, 'Assoc', { routeTableId: rt.id, subnetId: sub.id, provider });
    return { vpc, rt };
  };

  test.each([undefined, 'mn'])('a VPC labelled by default_tags (alias %s) is a My Number VPC: no GUARD-1, and a way out is MN-1', (alias) => {
    const stack = new TerraformStack(Testing.app(), 't');
    labelled(stack, alias);
    const graph = extractTerraform({ t: JSON.parse(Testing.synth(stack)) });
    const found = checkTopology(graph, { model: NetworkModel.ALPHA }).map(formatFinding);
    expect(found.filter((f) => /GUARD-1|SEG-1/.test(f))).toEqual([]);
    const out = new TerraformStack(Testing.app(), 'u');
    const { rt } = labelled(out, alias);
    new Route(out, 'Out', { routeTableId: rt.id, destinationCidrBlock: '0.0.0.0/0', networkInterfaceId: 'eni-0123456789abcdef0' });
    const refused = checkTopology(extractTerraform({ u: JSON.parse(Testing.synth(out)) }), { model: NetworkModel.ALPHA }).map(formatFinding);
    expect(refused.join('\n')).toMatch(/MN-1 critical/);
  });

  test('a resource\'s own tag wins over the default tag', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1', defaultTags: [{ tags: { 'jichitai:segment': 'MY_NUMBER' } }] });
    new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } });
    const graph = extractTerraform({ t: JSON.parse(Testing.synth(stack)) });
    expect([...graph.nodes.values()].find((n) => n.type === 'vpc')).toEqual(expect.objectContaining({ segment: 'INTERNET' }));
  });
});

describe('a Terraform template directive (%{ … }) is an expression wherever the JSON syntax reads templates (red team 36)', () => {
  // Terraform's JSON syntax reads an object's keys as templates too: a key written as a directive is a label once
  // rendered (`terraform plan` gives the VPC tags_all {"jichitai:segment": "INTERNET"}), which the default tag loses to.
  const json = (key: string) => ({
    provider: { aws: [{ region: 'ap-northeast-1', default_tags: [{ tags: { 'jichitai:segment': 'MY_NUMBER' } }] }] },
    resource: { aws_vpc: { inet: { cidr_block: '10.2.0.0/16', tags: { [key]: 'INTERNET' } } } },
  });
  const unresolved = (key: string) => extractTerraform({ t: json(key) as any }).unresolved.map((u) => `${u.node} ${u.property}`);

  test('a tag key written as a directive may be a label: unresolved, as an interpolated one is', () => {
    expect(unresolved('jichitai:segment')).toEqual([]);
    expect(unresolved('${"jichitai:segment"}')).toEqual(['aws_vpc.inet tags.${"jichitai:segment"}']);
    expect(unresolved('%{ if true }jichitai:segment%{ endif }')).toEqual(['aws_vpc.inet tags.%{ if true }jichitai:segment%{ endif }']);
    // A key of no label either way.
    expect(unresolved('Name')).toEqual([]);
  });

  test('so is a provider default tag key written so', () => {
    const defaults = { ...json('Name'), provider: { aws: [{ region: 'ap-northeast-1', default_tags: [{ tags: { '%{ if true }jichitai:segment%{ endif }': 'INTERNET' } }] }] } };
    expect(extractTerraform({ t: defaults as any }).unresolved.map((u) => u.node)).toContain('provider.aws');
  });
});

describe('what AWS does by default', () => {
  test('a transit gateway with default association and propagation joins My Number and the Internet segment (MN-2), both engines', () => {
    const cfn = cfnFindings((stack) => {
      const tgw = new ec2.CfnTransitGateway(stack, 'Tgw', {});
      for (const [id, cidr, label] of [['Mn', '10.0.0.0/16', 'MY_NUMBER'], ['In', '10.1.0.0/16', 'INTERNET']] as const) {
        const vpc = new ec2.CfnVPC(stack, `${id}Vpc`, { cidrBlock: cidr, tags: segment(label) });
        const sub = new ec2.CfnSubnet(stack, `${id}Sub`, { vpcId: vpc.ref, cidrBlock: cidr.replace('/16', '/24') });
        const rt = new ec2.CfnRouteTable(stack, `${id}Rt`, { vpcId: vpc.ref });
        new ec2.CfnSubnetRouteTableAssociation(stack, `${id}Assoc`, { routeTableId: rt.ref, subnetId: sub.ref });
        new ec2.CfnTransitGatewayAttachment(stack, `${id}Att`, { transitGatewayId: tgw.ref, vpcId: vpc.ref, subnetIds: [sub.ref] });
        new ec2.CfnRoute(stack, `${id}Route`, { routeTableId: rt.ref, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgw.ref });
      }
    });
    expect(cfn.join('\n')).toMatch(/\[MnSub\] MN-2 critical .*reaches subnet InSub \(10\.1\.0\.0\/24\)\. .*Tgw#default-route-table 10\.1\.0\.0\/16 \(propagated\)/);
    expect(cfn.join('\n')).toMatch(/\[InSub\] MN-2 critical/);
    expect(cfn.join('\n')).toMatch(/SEG-1 error .*default route table association\/propagation is enabled/);
  });

  test('Terraform: an attachment that turns default association off is not in the default table; one from a variable may be in it', () => {
    const found = (association: boolean | string) => tfFindings((stack) => {
      const tgw = new Ec2TransitGateway(stack, 'Tgw', {});
      for (const [id, cidr, label] of [['Mn', '10.0.0.0/16', 'MY_NUMBER'], ['In', '10.1.0.0/16', 'INTERNET']] as const) {
        const vpc = new Vpc(stack, `${id}Vpc`, { cidrBlock: cidr, tags: { 'jichitai:segment': label } });
        const sub = new Subnet(stack, `${id}Sub`, { vpcId: vpc.id, cidrBlock: cidr.replace('/16', '/24') });
        const rt = new RouteTable(stack, `${id}Rt`, { vpcId: vpc.id });
        new RouteTableAssociation(stack, `${id}Assoc`, { routeTableId: rt.id, subnetId: sub.id });
        new Ec2TransitGatewayVpcAttachment(stack, `${id}Att`, {
          transitGatewayId: tgw.id, vpcId: vpc.id, subnetIds: [sub.id], transitGatewayDefaultRouteTableAssociation: (id === 'Mn' ? association : true) as boolean,
        });
        new Route(stack, `${id}Route`, { routeTableId: rt.id, destinationCidrBlock: '10.0.0.0/8', transitGatewayId: tgw.id });
      }
    }).filter((f) => / MN-2 /.test(f)).map((f) => f.slice(0, f.indexOf(']') + 1));
    expect(found(true)).toEqual(['[aws_subnet.InSub]', '[aws_subnet.MnSub]']);
    // My Number's attachment has no table then (dropped); the way back still arrives.
    expect(found(false)).toEqual(['[aws_subnet.InSub]']);
    // A variable may be true: in the default table (fail closed).
    expect(found('${var.association}')).toEqual(['[aws_subnet.InSub]', '[aws_subnet.MnSub]']);
  });
});

describe('a value the guard cannot read at synth time is read as the most it could allow', () => {
  /** A template with parameter P, a My Number VPC (`Vpc`) and `resources`. */
  const withParameter = (resources: Record<string, unknown>) => extractCloudFormation({
    S: { Parameters: { P: { Type: 'String' } }, Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } }, ...resources } },
  });
  /** A My Number subnet whose route leads to an internet gateway, and a NACL whose outbound entry 100 alone lets it out. */
  const mnBehindAcl = (entry: Record<string, unknown>) => withParameter({
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'Rt' }, SubnetId: { Ref: 'Sub' } } },
    Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
    Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
    AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { NetworkAclId: { Ref: 'Acl' }, SubnetId: { Ref: 'Sub' } } },
    E100: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, Protocol: -1, CidrBlock: '0.0.0.0/0', Egress: true, RuleAction: 'allow', RuleNumber: 100, ...entry } },
    E200: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, Protocol: -1, CidrBlock: '0.0.0.0/0', Egress: true, RuleAction: 'deny', RuleNumber: 200 } },
    In100: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, Protocol: -1, CidrBlock: '0.0.0.0/0', Egress: false, RuleAction: 'allow', RuleNumber: 100 } },
  });
  const findings = (g: ReturnType<typeof extractCloudFormation>) => checkTopology(g, { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
  const WAY_OUT = /\[Sub\] MN-1 critical .*a My Number subnet reaches the internet/;
  /** A Terraform My Number subnet routed to an internet gateway behind NACL `n` (allow-all inbound), with `egress` entries and `extra` resources. */
  const tfBehindAcl = (egress: unknown[], extra: Record<string, unknown> = {}, variable = 'a') => ({
    variable: { [variable]: { type: 'string' } },
    resource: {
      aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
      aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24' } },
      aws_internet_gateway: { i: { vpc_id: '${aws_vpc.v.id}' } },
      aws_route_table: { r: { vpc_id: '${aws_vpc.v.id}', route: [{ cidr_block: '0.0.0.0/0', gateway_id: '${aws_internet_gateway.i.id}' }] } },
      aws_route_table_association: { ra: { route_table_id: '${aws_route_table.r.id}', subnet_id: '${aws_subnet.s.id}' } },
      aws_network_acl: {
        n: {
          vpc_id: '${aws_vpc.v.id}',
          subnet_ids: ['${aws_subnet.s.id}'],
          ingress: [{ rule_no: 100, action: 'allow', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }],
          egress,
        },
      },
      ...extra,
    },
  });

  test('CloudFormation: the literal entry lets the subnet out (the path the next cases must keep finding)', () => {
    expect(findings(mnBehindAcl({}))).toMatch(WAY_OUT);
    expect(findings(mnBehindAcl({ RuleAction: 'deny' }))).not.toMatch(WAY_OUT);
  });

  test.each(['Egress', 'RuleAction', 'RuleNumber'])('CloudFormation: a NACL entry\'s %s from a parameter is unresolved, and the entry still allows', (property) => {
    const found = findings(mnBehindAcl({ [property]: { Ref: 'P' } }));
    expect(found).toMatch(new RegExp(`\\[E100\\] GUARD-1 critical .*${property} could not be resolved: \\{"Ref":"P"\\} cannot be read at synth time`));
    expect(found).toMatch(WAY_OUT);
  });

  test('Terraform: a NACL rule\'s rule_action from a variable, and an inline block\'s action, are unresolved and still allow', () => {
    const json = (inline: boolean) => tfBehindAcl([{ rule_no: 200, action: 'deny', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 },
      ...(inline ? [{ rule_no: 100, action: '${var.a}', protocol: '-1', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 0 }] : [])],
    inline ? {} : { aws_network_acl_rule: { e: { network_acl_id: '${aws_network_acl.n.id}', rule_number: 100, egress: true, rule_action: '${var.a}', protocol: '-1', cidr_block: '0.0.0.0/0' } } });
    const rule = checkTopology(extractTerraform({ t: json(false) }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(rule).toMatch(/\[aws_network_acl_rule\.e\] GUARD-1 critical .*rule_action could not be resolved: "\$\{var\.a\}" cannot be read at synth time/);
    expect(rule).toMatch(/\[aws_subnet\.s\] MN-1 critical .*a My Number subnet reaches the internet/);
    const inline = checkTopology(extractTerraform({ t: json(true) }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(inline).toMatch(/\[aws_network_acl\.n\] GUARD-1 critical .*egress\.action could not be resolved/);
    expect(inline).toMatch(/\[aws_subnet\.s\] MN-1 critical .*a My Number subnet reaches the internet/);
  });

  test('a NACL entry\'s port range the guard cannot read: unresolved, and a deny holds for no port, an allow for every port (red team 36), both engines', () => {
    // Denies of TCP and UDP on ports from a parameter ahead of allows of all TCP and UDP: read as denying every port, the
    // way out was closed; AWS denies one port.
    const entry = (n: number, protocol: number, action: string, ports: unknown) => ({
      Type: 'AWS::EC2::NetworkAclEntry',
      Properties: { NetworkAclId: { Ref: 'Acl' }, Protocol: protocol, CidrBlock: '0.0.0.0/0', Egress: true, RuleAction: action, RuleNumber: n, PortRange: ports },
    });
    const resources = (ports: unknown) => ({
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      IgwAtt: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'Rt' }, SubnetId: { Ref: 'Sub' } } },
      Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
      Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
      AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { NetworkAclId: { Ref: 'Acl' }, SubnetId: { Ref: 'Sub' } } },
      D10: entry(10, 6, 'deny', ports),
      D20: entry(20, 17, 'deny', ports),
      A100: entry(100, 6, 'allow', { From: 0, To: 65535 }),
      A110: entry(110, 17, 'allow', { From: 0, To: 65535 }),
      In100: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, Protocol: -1, CidrBlock: '0.0.0.0/0', Egress: false, RuleAction: 'allow', RuleNumber: 100 } },
    });
    expect(findings(withParameter(resources({ From: 0, To: 65535 })))).not.toMatch(WAY_OUT);
    expect(findings(withParameter(resources({ From: 5, To: 5 })))).toMatch(WAY_OUT);
    for (const ports of [{ From: { Ref: 'P' }, To: { Ref: 'P' } }, { Ref: 'P' }]) {
      const found = findings(withParameter(resources(ports)));
      expect(found).toMatch(/\[D10\] GUARD-1 critical .*PortRange(\.From)? could not be resolved: .*cannot be read at synth time: the entry's port range decides/);
      expect(found).toMatch(WAY_OUT);
    }
    const tfNacl = (from: unknown) => checkTopology(extractTerraform({
      t: tfBehindAcl([
        { rule_no: 10, action: 'deny', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: from, to_port: from },
        { rule_no: 20, action: 'deny', protocol: 'udp', cidr_block: '0.0.0.0/0', from_port: from, to_port: from },
        { rule_no: 100, action: 'allow', protocol: 'tcp', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 65535 },
        { rule_no: 110, action: 'allow', protocol: 'udp', cidr_block: '0.0.0.0/0', from_port: 0, to_port: 65535 },
      ], {}, 'port') as any,
    }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(tfNacl(5)).toMatch(/\[aws_subnet\.s\] MN-1 critical/);
    for (const from of ['${var.port}', '%{ if true }5%{ endif }']) {
      const found = tfNacl(from);
      expect(found).toMatch(/\[aws_network_acl\.n\] GUARD-1 critical .*egress\.from_port could not be resolved/);
      expect(found).toMatch(/\[aws_subnet\.s\] MN-1 critical .*a My Number subnet reaches the internet/);
    }
  });

  test('a route whose destination is a parameter is unresolved, and the message says so', () => {
    const found = findings(withParameter({
      Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
      R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: { Ref: 'P' }, TransitGatewayId: 'tgw-0123456789abcdef0' } },
    }));
    expect(found).toMatch(/\[R\] GUARD-1 critical .*the route's destination \{"Ref":"P"\} cannot be read at synth time/);
  });

  test('MapPublicIpOnLaunch / map_public_ip_on_launch from a parameter or variable may be true (MN-1)', () => {
    const cfn = findings(withParameter({
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', MapPublicIpOnLaunch: { Ref: 'P' } } },
    }));
    expect(cfn).toMatch(/\[Sub\] MN-1 critical .*gives instances public IP addresses \(MapPublicIpOnLaunch\)/);
    const tfText = (value: unknown) => checkTopology(extractTerraform({
      t: {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
          aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24', map_public_ip_on_launch: value } },
        },
      },
    }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
    expect(tfText('${var.public}')).toMatch(/\[aws_subnet\.s\] MN-1 critical .*gives instances public IP addresses/);
    expect(tfText(false)).not.toMatch(/public IP addresses/);
  });

  test('Terraform: a security group rule\'s self and a VPC\'s assign_generated_ipv6_cidr_block from a variable may be true', () => {
    const g = extractTerraform({
      t: {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16', assign_generated_ipv6_cidr_block: '${var.v6}', tags: { 'jichitai:segment': 'LGWAN' } } },
          aws_security_group: { g: { vpc_id: '${aws_vpc.v.id}' } },
          aws_security_group_rule: {
            r: { type: 'ingress', security_group_id: '${aws_security_group.g.id}', protocol: 'tcp', from_port: 443, to_port: 443, self: '${var.self}' },
            t: { type: '${var.type}', security_group_id: '${aws_security_group.g.id}', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] },
          },
        },
      },
    });
    const rule = g.nodes.get('aws_security_group_rule.r#0') as any;
    expect(rule?.rule?.peerGroup).toEqual({ kind: 'node', id: 'aws_security_group.g' });
    // A rule whose protocol is a variable (or a parameter) allows every protocol; a literal stays as written.
    const protocolOf = (protocol: unknown) => (extractTerraform({
      t: { resource: { aws_security_group_rule: { p: { type: 'ingress', security_group_id: 'sg-0123456789abcdef0', protocol, from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] } } } },
    }).nodes.get('aws_security_group_rule.p#0') as any)?.rule?.protocol;
    expect([protocolOf('${var.protocol}'), protocolOf('tcp'), protocolOf('6')]).toEqual(['-1', 'tcp', 'tcp']);
    const cfnProtocol = (extractCloudFormation({
      S: { Resources: { R: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0123456789abcdef0', IpProtocol: { Ref: 'P' }, FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' } } } },
    }).nodes.get('R') as any)?.rule?.protocol;
    expect(cfnProtocol).toBe('-1');
    // A rule whose type is a variable allows both ways.
    expect(['aws_security_group_rule.t#0', 'aws_security_group_rule.t#1'].map((id) => (g.nodes.get(id) as any)?.egress)).toEqual([false, true]);
    expect((g.nodes.get('aws_vpc.v') as any)?.symbolicIpv6).toHaveLength(1);
  });
});

/** The findings (all rules, α) of a template with parameter P, a VPC `Vpc` labelled `label` and `resources`; `more` adds to the template. */
function templateFindings(resources: Record<string, unknown>, more: Record<string, unknown> = {}, label = 'MY_NUMBER'): string {
  const vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: label }] } };
  return checkTopology(extractCloudFormation({ S: { Parameters: { P: { Type: 'String' } }, Resources: { Vpc: vpc, ...resources }, ...more } as any }),
    { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
}

/** The findings (all rules, α) of a Terraform configuration with a VPC `aws_vpc.v` labelled `label` and `resources`. */
function configFindings(resources: Record<string, Record<string, unknown>>, label = 'MY_NUMBER'): string {
  return checkTopology(extractTerraform({ t: { resource: { aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': label } } }, ...resources } } }),
    { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
}

describe('what the guard reads inside must be written out: a block, a list or a rules string given by an expression is unresolved', () => {
  /** With condition C too. */
  const cfn = (resources: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    templateFindings(resources, { Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } }, ...more });
  const tfText = configFindings;
  const unresolved = (node: string, property: string) => new RegExp(`\\[${node.replace(/[.[\]]/g, '\\$&')}\\] GUARD-1 critical \\(三層の対策\\): ${property.replace(/[.[\]]/g, '\\$&')} could not be resolved: `);

  test('CloudFormation: a security group\'s rules from a parameter or a condition (it was a crash), and one rule that is a condition', () => {
    const group = (ingress: unknown) => ({ G: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, GroupDescription: 'g', SecurityGroupIngress: ingress } } });
    expect(cfn(group({ Ref: 'P' }))).toMatch(unresolved('G', 'SecurityGroupIngress'));
    const rule = { IpProtocol: '-1', CidrIp: '0.0.0.0/0' };
    expect(cfn(group({ 'Fn::If': ['C', [rule], []] }))).toMatch(unresolved('G', 'SecurityGroupIngress'));
    expect(cfn(group([{ 'Fn::If': ['C', rule, { Ref: 'AWS::NoValue' }] }]))).toMatch(unresolved('G', 'SecurityGroupIngress[0]'));
    expect(cfn(group([rule]))).not.toMatch(/GUARD-1/);
  });

  test('CloudFormation: a firewall\'s allow-list entry, rules string and rule group references from parameters', () => {
    const found = cfn({
      List: { Type: 'AWS::NetworkFirewall::RuleGroup', Properties: { Type: 'STATEFUL', Capacity: 10, RuleGroupName: 'l', RuleGroup: { RulesSource: { RulesSourceList: { Targets: ['.office.com', { Ref: 'P' }], TargetTypes: ['TLS_SNI'], GeneratedRulesType: 'ALLOWLIST' } } } } },
      Rules: { Type: 'AWS::NetworkFirewall::RuleGroup', Properties: { Type: 'STATEFUL', Capacity: 10, RuleGroupName: 'r', RuleGroup: { RulesSource: { RulesString: { Ref: 'P' } } } } },
      Policy: { Type: 'AWS::NetworkFirewall::FirewallPolicy', Properties: { FirewallPolicyName: 'p', FirewallPolicy: { StatelessDefaultActions: ['aws:forward_to_sfe'], StatelessFragmentDefaultActions: ['aws:forward_to_sfe'], StatefulRuleGroupReferences: { Ref: 'P' } } } },
    });
    expect(found).toMatch(unresolved('List', 'RuleGroup.RulesSource.RulesSourceList.Targets[1]'));
    expect(found).toMatch(unresolved('Rules', 'RuleGroup.RulesSource.RulesString'));
    expect(found).toMatch(unresolved('Policy', 'FirewallPolicy.StatefulRuleGroupReferences'));
    expect(found).toMatch(/\{"Ref":"P"\} cannot be read at synth time, and the guard reads what it holds\. Fix: write it out as literal values/);
  });

  test('CloudFormation: a value chosen by a condition, a transform; aws-cdk-lib\'s conditional CDKMetadata is no finding', () => {
    const found = cfn({
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', MapPublicIpOnLaunch: { 'Fn::If': ['C', true, false] } } },
      CDKMetadata: { Type: 'AWS::CDK::Metadata', Condition: 'C', Properties: { Analytics: 'v2' } },
    }, { Transform: 'AWS::Serverless-2016-10-31' });
    expect(found).toMatch(unresolved('Sub', 'MapPublicIpOnLaunch'));
    expect(found).toMatch(unresolved('Transform', 'Transform'));
    expect(found).toMatch(/the template is processed by "AWS::Serverless-2016-10-31" before deployment, and the guard reads it as written/);
    expect(found).not.toMatch(/CDKMetadata/);
  });

  test('CloudFormation: a macro called inside the template (Fn::Transform) in the properties of a type the guard reads, or in place of resources', () => {
    // AWS::Include inserts a snippet from S3 where it is called: beside a subnet's properties it may switch public IPs on.
    const include = { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } };
    const subnet = { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' };
    const found = templateFindings({
      'Sub': { Type: 'AWS::EC2::Subnet', Properties: { ...subnet, 'Fn::Transform': include } },
      'G': { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: 'Vpc' }, GroupDescription: 'g', SecurityGroupIngress: [{ 'IpProtocol': 'tcp', 'FromPort': 443, 'ToPort': 443, 'CidrIp': '10.0.0.0/8', 'Fn::Transform': include }] } },
      'Whole': { 'Type': 'AWS::EC2::RouteTable', 'Fn::Transform': include, 'Properties': { VpcId: { Ref: 'Vpc' } } },
      'Fn::Transform': include,
      // A type no rule reads: its macro rewrites that resource only.
      'Dashboard': { Type: 'AWS::CloudWatch::Dashboard', Properties: { 'DashboardBody': '{}', 'Fn::Transform': include } },
    });
    expect(found).toMatch(unresolved('Sub', 'Fn::Transform'));
    expect(found).toMatch(unresolved('G', 'SecurityGroupIngress[0]'));
    expect(found).toMatch(unresolved('Whole', 'Fn::Transform'));
    expect(found).toMatch(unresolved('Fn::Transform', 'Resources.Fn::Transform'));
    expect(found).toMatch(/a macro \(Fn::Transform\) rewrites this part of the template before deployment, and the guard reads it as written/);
    expect(found).not.toMatch(/\[Dashboard\]/);
    // A resource without a Type was a crash.
    expect(templateFindings({ NoType: { Properties: subnet } })).toMatch(/\[NoType\] GUARD-1 critical \(三層の対策\): Type could not be resolved: the resource has no Type the guard can read/);
    expect(templateFindings({ Sub: { Type: 'AWS::EC2::Subnet', Properties: subnet } })).not.toMatch(/GUARD-1/);
    const ja = checkTopology(extractCloudFormation({
      S: {
        Resources: {
          'Vpc': { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
          'Fn::Transform': include,
          'NoType': {},
        },
      } as any,
    }), { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => formatFindingIn(f, GuardLanguage.JAPANESE));
    expect(ja).toEqual([expect.stringMatching(/マクロ（Fn::Transform）/), expect.stringMatching(/Type がない/)]);
    for (const text of ja) expect(englishRun(text)).toBeUndefined();
  });

  test('CDK: an environment-agnostic stack with version reporting on (as `cdk synth` runs it) synthesizes under the guard', () => {
    const app = new App({ analyticsReporting: true });
    const stack = new Stack(app, 'Agnostic');
    // DNS support off: a subnet created in the VPC later (semantics §2) would otherwise ask its resolver (MN-1).
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.0.0.0/16', enableDnsSupport: false, tags: segment('MY_NUMBER') });
    new ec2.CfnFlowLog(stack, 'Flow', { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::flow-logs' });
    cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    const template = app.synth().getStackByName('Agnostic').template;
    // The condition the guard must not refuse is there.
    expect(template.Resources.CDKMetadata.Condition).toBe('CDKMetadataAvailable');
  });

  test('Terraform: a security group\'s rule blocks, an allow-list entry, a rules string and interfaces from variables', () => {
    const found = tfText({
      aws_security_group: {
        all: { vpc_id: '${aws_vpc.v.id}', ingress: '${var.rules}' },
        one: { vpc_id: '${aws_vpc.v.id}', egress: ['${var.rule}'] },
      },
      aws_networkfirewall_rule_group: {
        list: { name: 'l', type: 'STATEFUL', capacity: 10, rule_group: { rules_source: { rules_source_list: { targets: ['.office.com', '${var.domain}'], target_types: ['TLS_SNI'], generated_rules_type: 'ALLOWLIST' } } } },
        rules: { name: 'r', type: 'STATEFUL', capacity: 10, rule_group: { rules_source: { rules_string: '${var.rules}' } } },
      },
      aws_launch_template: { lt: { network_interfaces: '${var.interfaces}' } },
    });
    expect(found).toMatch(unresolved('aws_security_group.all', 'ingress'));
    expect(found).toMatch(unresolved('aws_security_group.one', 'egress[0]'));
    expect(found).toMatch(unresolved('aws_networkfirewall_rule_group.list', 'rule_group.rules_source.rules_source_list.targets[1]'));
    expect(found).toMatch(unresolved('aws_networkfirewall_rule_group.rules', 'rule_group.rules_source.rules_string'));
    expect(found).toMatch(unresolved('aws_launch_template.lt', 'network_interfaces'));
    // Written out, none of them is unresolved.
    expect(tfText({ aws_security_group: { all: { vpc_id: '${aws_vpc.v.id}', ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] }] } } })).not.toMatch(/GUARD-1/);
  });
});

describe('what invokes a function, or runs in a subnet, named by a value known only at deploy time may be anywhere', () => {
  const cfn = (resources: Record<string, unknown>) => templateFindings(resources);
  const tfText = configFindings;

  test('CloudFormation: a Cognito trigger and an API Gateway integration whose function is a parameter are refused; a literal non-Lambda URI is not', () => {
    expect(cfn({ Pool: { Type: 'AWS::Cognito::UserPool', Properties: { LambdaConfig: { PreSignUp: { Ref: 'P' } } } } }))
      .toMatch(/\[Pool\] GUARD-1 critical .*AWS::Cognito::UserPool opens a path between .*LambdaConfig, which cannot be resolved/);
    const method = (uri: unknown) => cfn({ M: { Type: 'AWS::ApiGateway::Method', Properties: { HttpMethod: 'GET', ResourceId: 'r', RestApiId: 'a', Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: uri } } } });
    expect(method({ Ref: 'P' })).toMatch(/\[M\] GUARD-1 critical .*Integration\.Uri, which cannot be resolved/);
    expect(method('arn:aws:apigateway:ap-northeast-1:sqs:path/123456789012/queue')).not.toMatch(/\[M\]/);
    // A parameter inside an Fn::Sub is known only at deploy time too; a service integration's URI names its service.
    expect(method({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${P}/invocations' })).toMatch(/\[M\] GUARD-1 critical/);
    expect(method({ 'Fn::Sub': 'arn:aws:apigateway:${AWS::Region}:sqs:path/${AWS::AccountId}/${P}' })).not.toMatch(/\[M\]/);
    expect(method({ 'Fn::Sub': ['${Arn}', { Arn: { Ref: 'P' } }] })).toMatch(/\[M\] GUARD-1 critical/);
  });

  test('Terraform: an IoT rule, an API Gateway integration and an App Runner egress from variables are refused', () => {
    const found = tfText({
      aws_iot_topic_rule: { r: { name: 'r', enabled: true, sql: 'SELECT * FROM \'t\'', sql_version: '2016-03-23', lambda: [{ function_arn: '${var.fn}' }] } },
      aws_api_gateway_integration: { i: { rest_api_id: 'a', resource_id: 'r', http_method: 'GET', type: 'AWS_PROXY', uri: '${var.uri}' } },
      aws_apprunner_service: { s: { service_name: 's', network_configuration: { egress_configuration: { egress_type: '${var.egress}', vpc_connector_arn: '${var.connector}' } } } },
    });
    expect(found).toMatch(/\[aws_iot_topic_rule\.r\] GUARD-1 critical .*lambda\.function_arn, which cannot be resolved/);
    expect(found).toMatch(/\[aws_api_gateway_integration\.i\] GUARD-1 critical .*uri, which cannot be resolved/);
    expect(found).toMatch(/\[aws_apprunner_service\.s\] GUARD-1 critical/);
  });

  test('an instance whose subnet is a parameter or a variable may run anywhere (GUARD-1); a literal subnet id outside the output raises no GUARD-1 (in α′, AP-7 judges it: label-placement.test.ts)', () => {
    const unknown = /GUARD-1 critical .*could not be resolved: the subnet it names is known only at deploy time, so it may run in any subnet, the egress chain's own included/;
    expect(cfn({ I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { Ref: 'P' } } } })).toMatch(new RegExp(`\\[I\\] ${unknown.source}`));
    expect(cfn({ I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: 'subnet-0123456789abcdef0' } } })).not.toMatch(/\[I\]/);
    expect(cfn({ I: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', SubnetId: { 'Fn::Sub': '${P}' } } } })).toMatch(new RegExp(`\\[I\\] ${unknown.source}`));
    expect(tfText({ aws_instance: { i: { ami: 'ami-0123456789abcdef0', subnet_id: '${var.subnet}' } } })).toMatch(new RegExp(`\\[aws_instance\\.i\\] ${unknown.source}`));
    expect(tfText({ aws_network_interface: { n: { subnet_id: '${local.subnet}' } } })).toMatch(/\[aws_network_interface\.n\] GUARD-1 critical .*subnet_id could not be resolved/);
    // A block under a placing key places by its own keys: a parameter beside its subnet (an address) places nothing.
    const nlb = (mapping: Record<string, unknown>) => cfn({
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      Nlb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'network', Scheme: 'internal', SubnetMappings: [mapping] } },
    });
    expect(nlb({ SubnetId: { Ref: 'Sub' }, PrivateIPv4Address: { Ref: 'P' } })).not.toMatch(/\[Nlb\]/);
    expect(nlb({ SubnetId: { Ref: 'P' } })).toMatch(/\[Nlb\] GUARD-1 critical/);
  });
});

describe('a gateway outside the output attached to a VPC of it opens what one of the output would', () => {
  const cfn = (label: string, attachment: Record<string, unknown>) =>
    templateFindings({ Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, ...attachment } } }, {}, label);
  const tfText = (label: string, type: string, attachment: Record<string, unknown>) =>
    configFindings({ [type]: { a: { vpc_id: '${aws_vpc.v.id}', ...attachment } } }, label);

  test('an internet gateway by literal id in the My Number VPC is MN-1, both engines', () => {
    expect(cfn('MY_NUMBER', { InternetGatewayId: 'igw-0123456789abcdef0' })).toMatch(/\[Att\] MN-1 critical .*internet-gateway igw-0123456789abcdef0 is attached to the My Number VPC/);
    expect(tfText('MY_NUMBER', 'aws_internet_gateway_attachment', { internet_gateway_id: 'igw-0123456789abcdef0' }))
      .toMatch(/\[aws_internet_gateway_attachment\.a\] MN-1 critical .*internet-gateway igw-0123456789abcdef0 is attached to the My Number VPC/);
    // In the Internet segment it is what the segment may have.
    expect(cfn('INTERNET', { InternetGatewayId: 'igw-0123456789abcdef0' })).not.toMatch(/\[Att\]/);
  });

  test('a VPN gateway by literal id in the LGWAN VPC has no zone label: GUARD-1, both engines', () => {
    const unlabelled = 'GUARD-1 critical .*opens a path between the networks behind a VPN gateway without a zone label .* of the LGWAN segment';
    expect(cfn('LGWAN', { VpnGatewayId: 'vgw-0123456789abcdef0' })).toMatch(new RegExp(`\\[Att\\] ${unlabelled}`));
    expect(tfText('LGWAN', 'aws_vpn_gateway_attachment', { vpn_gateway_id: 'vgw-0123456789abcdef0' })).toMatch(new RegExp(`\\[aws_vpn_gateway_attachment\\.a\\] ${unlabelled}`));
  });
});


describe('Terraform JSON written with arrays where it takes objects is read as Terraform reads it', () => {
  // Terraform's JSON syntax takes an array of objects wherever it takes an object for a block, each element a block of
  // its own (https://developer.hashicorp.com/terraform/language/syntax/json): read as an object, an array body would be a
  // resource without arguments.
  const publicDb = { db_subnet_group_name: 'given-elsewhere', publicly_accessible: true, engine: 'postgres', instance_class: 'db.t3.micro' };
  const subnet = { aws_subnet: { s: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.0.0/24', map_public_ip_on_launch: true } } };
  const findings = (resource: unknown, provider?: unknown) => checkTopology(extractTerraform({
    t: { resource, ...(provider !== undefined ? { provider } : {}) } as any,
  }), { model: NetworkModel.ALPHA }).map(formatFinding).join('\n');
  const vpc = { aws_vpc: { v: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } } };

  test.each([
    ['a body', { ...vpc, ...subnet, aws_db_instance: { d: [publicDb] } }],
    ['a type\'s names', { ...vpc, ...subnet, aws_db_instance: [{ d: publicDb }] }],
    ['the resource block', [vpc, subnet, { aws_db_instance: { d: publicDb } }]],
  ])('%s as an array of objects: the publicly accessible database and the public subnet are read', (_what, resource) => {
    const found = findings(resource);
    expect(found).toMatch(/aws_db_instance\.d\] GUARD-1 critical .*public endpoint of a publicly accessible database/);
    expect(found).toMatch(/aws_subnet\.s\] MN-1 critical .*MapPublicIpOnLaunch/);
  });

  test('a provider block as an array: its default tags label the resources', () => {
    const found = findings({ aws_vpc: { v: { cidr_block: '10.0.0.0/16' } }, ...subnet },
      [{ aws: [{ region: 'ap-northeast-1', default_tags: [{ tags: { 'jichitai:segment': 'MY_NUMBER' } }] }] }]);
    expect(found).toMatch(/aws_subnet\.s\] MN-1 critical .*MapPublicIpOnLaunch/);
    expect(found).not.toMatch(/no segment label/);
  });

  test.each([
    ['a body that is a string', { ...vpc, aws_db_instance: { d: 'publicly accessible' } }, /aws_db_instance\.d\] GUARD-1 critical .*not a JSON object/],
    ['two bodies for one address', { ...vpc, aws_db_instance: { d: [{ engine: 'postgres' }, publicDb] } }, /aws_db_instance\.d\] GUARD-1 critical .*declared more than once/],
    ['one address declared in two elements', [vpc, { aws_db_instance: { d: { engine: 'postgres' } } }, { aws_db_instance: { d: publicDb } }],
      /aws_db_instance\.d\] GUARD-1 critical .*declared more than once/],
  ])('%s is unresolved (GUARD-1), not dropped', (_what, resource, expected) => {
    expect(findings(resource)).toMatch(expected);
  });

  test('worded in Japanese without English left over', () => {
    const found = checkTopology(extractTerraform({ t: { resource: { ...vpc, aws_db_instance: { d: 'x', e: [{}, {}] } } } as any }), { model: NetworkModel.ALPHA })
      .filter((f) => f.ruleId === 'GUARD-1').map((f) => formatFindingIn(f, GuardLanguage.JAPANESE));
    expect(found).toEqual([expect.stringMatching(/JSON オブジェクトでない値/), expect.stringMatching(/複数回宣言されている/)]);
    for (const ja of found) expect(englishRun(ja)).toBeUndefined();
  });
});
