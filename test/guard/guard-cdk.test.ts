import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCdkExample } from '../../examples/cdk/_app';
import { cdk, NetworkModel } from '../../src';

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-guard-'));
}

describe('TopologyGuard (AWS CDK)', () => {
  test('a refused topology writes no template and no manifest, and lists every violation at once', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildCdkExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    new ec2.CfnVPC(stack, 'Stray', { cidrBlock: '192.168.0.0/24' });
    expect(() => app.synth()).toThrow(/LOG-1 error[\s\S]*GUARD-1 critical|GUARD-1 critical[\s\S]*LOG-1 error/);
    const files = fs.readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.template.json') || f === 'manifest.json')).toEqual([]);
  });

  test('critical rules cannot be acknowledged, and a reason must say something', () => {
    const { stack } = buildCdkExample('alpha', new App());
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'MN-1', 'The auditor agreed to this exception in writing.')).toThrow(/MN-1 is critical.*can never be acknowledged/);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', 'ok')).toThrow(/reason for acknowledging LOG-1 must say why/);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'LOG-1', 'todo')).toThrow(/must say why/);
    expect(() => cdk.TopologyGuard.acknowledge(stack, 'XX-9', 'A perfectly fine reason for a rule that does not exist.')).toThrow(/not a guard rule/);
  });

  test('an acknowledged finding synthesizes with a warning and is written to the report next to the template', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { stack, network } = buildCdkExample('alpha', app);
    network.myNumber.node.tryRemoveChild('FlowLog');
    const reason = 'Flow logs of this VPC are collected by the prefecture SIEM agent instead (ticket SEC-123).';
    cdk.TopologyGuard.acknowledge(network.myNumber, 'LOG-1', reason);
    const assembly = app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(dir, `jichitai-guard-report.${stack.artifactId}.json`), 'utf8'));
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toEqual([expect.objectContaining({ ruleId: 'LOG-1', reason })]);
    expect(assembly.getStackByName(stack.stackName).messages.map((m) => String(m.entry.data)).join('\n')).toContain(`acknowledged: [${network.myNumber.node.path}/Vpc] LOG-1`);
  });

  test('an acknowledgement covers its scope only', () => {
    const { stack, network } = buildCdkExample('alpha', new App());
    network.myNumber.node.tryRemoveChild('FlowLog');
    cdk.TopologyGuard.acknowledge(network.lgwan, 'LOG-1', 'Only the LGWAN segment is covered by this written exception.');
    expect(() => Template.fromStack(stack)).toThrow(/LOG-1/);
  });

  test('apply() guards a stack built by hand from raw L1 resources, reading segments from tags', () => {
    const app = new App();
    const stack = new Stack(app, 'HandMade');
    cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
    const vpc = new ec2.CfnVPC(stack, 'Vpc', { cidrBlock: '10.9.0.0/16' });
    Tags.of(vpc).add('jichitai:segment', 'MY_NUMBER');
    const subnet = new ec2.CfnSubnet(stack, 'Subnet', { vpcId: vpc.ref, cidrBlock: '10.9.0.0/24' });
    const table = new ec2.CfnRouteTable(stack, 'Table', { vpcId: vpc.ref });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'Assoc', { subnetId: subnet.ref, routeTableId: table.ref });
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    new ec2.CfnVPCGatewayAttachment(stack, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnRoute(stack, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    new ec2.CfnFlowLog(stack, 'Flow', { resourceId: vpc.ref, resourceType: 'VPC', trafficType: 'ALL', logDestinationType: 's3', logDestination: 'arn:aws:s3:::logs' });
    expect(() => app.synth()).toThrow(/\[HandMade\/Subnet\] MN-1 critical \(マイナンバー利用事務系 → インターネット\): .*subnet HandMade\/Subnet \(10\.9\.0\.0\/24\) → HandMade\/Table 0\.0\.0\.0\/0 → igw HandMade\/Igw/);
  });

  test('apply() on an app guards the stacks added after it', () => {
    const app = new App();
    cdk.TopologyGuard.apply(app, { model: NetworkModel.BETA });
    const stack = new Stack(app, 'Later');
    new ec2.CfnVPC(stack, 'Unlabelled', { cidrBlock: '10.8.0.0/16' });
    expect(() => app.synth()).toThrow(/\[Later\/Unlabelled\] GUARD-1 critical \(三層の対策\): the VPC has no segment label/);
  });

  test('a path through another stack of the same app (cross-stack references) is followed and refused', () => {
    const app = new App();
    const { network } = buildCdkExample('alpha', app);
    const other = new Stack(app, 'AddedLater', { env: { region: 'ap-northeast-1' } });
    const vpc = network.myNumber.node.findChild('Vpc') as ec2.CfnVPC;
    // The endpoint subnets have no segment NACL, so the route alone decides.
    const table = network.myNumber.node.findChild('RouteTable-endpoints-1') as ec2.CfnRouteTable;
    const igw = new ec2.CfnInternetGateway(other, 'Igw');
    new ec2.CfnVPCGatewayAttachment(other, 'Attach', { vpcId: vpc.ref, internetGatewayId: igw.ref });
    new ec2.CfnRoute(other, 'Out', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    // The route and gateway live in the unguarded stack; the guarded one reports them, and the hop list crosses stacks.
    expect(message).toMatch(/\[AddedLater\/Igw\] MN-1 critical .*attached to the My Number VPC/);
    expect(message).toMatch(/\[SampleCity-alpha\/Network\/MyNumber\/Subnet-endpoints-1\] MN-1 critical .*→ igw AddedLater\/Igw/);
    expect(message).not.toMatch(/GUARD-1/);
  });

  test('a stack guarded twice with different models is an error', () => {
    const { stack } = buildCdkExample('alpha', new App());
    expect(() => cdk.TopologyGuard.apply(stack, { model: NetworkModel.BETA })).toThrow(/already guarded as ALPHA/);
  });

  test('the untouched example carries no guard warning', () => {
    const { stack } = buildCdkExample('beta-prime', new App());
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('jichitai:guard'));
  });
});
