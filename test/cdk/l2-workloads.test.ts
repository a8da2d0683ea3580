/**
 * What an integrator adds to a network with aws-cdk-lib's L2 constructs, placed the way the README says (a segment's
 * `vpc`, `workloadSubnets`, `securityGroupFor(host)`): an instance, an Auto Scaling group, an RDS database, a Lambda
 * function and an EFS file system in the My Number segment; an ECS Fargate service behind an internal load balancer in
 * LGWAN. With narrow security groups the app synthesizes under the guard; with the L2 defaults (allow all outbound) it
 * is refused, each group by name. Written after such an app met a GUARD-1 on every L2 Auto Scaling group (it launches
 * from a launch configuration, read as a launch template given by a missing value).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import { alpha } from '../../examples/blueprints';
import { MunicipalNetwork } from '../../src/cdk';

/** The α example with the workloads; `narrow`: groups without allow-all egress, the load balancer's with an inline rule. */
function app(narrow: boolean): App {
  const root = new App();
  const stack = new Stack(root, 'City', { env: { region: 'ap-northeast-1', account: '111122223333' } });
  const net = new MunicipalNetwork(stack, 'Network', alpha);
  const mn = net.myNumber;
  const lg = net.lgwan;
  const group = (id: string, vpc: ec2.IVpc) => (narrow ? new ec2.SecurityGroup(stack, id, { vpc, allowAllOutbound: false }) : undefined);
  const image = ec2.MachineImage.genericLinux({ 'ap-northeast-1': 'ami-12345678' });
  const instanceType = new ec2.InstanceType('t3.small');
  new ec2.Instance(stack, 'Registry', { vpc: mn.vpc, vpcSubnets: mn.workloadSubnets, instanceType, machineImage: image, securityGroup: mn.securityGroupFor('resident-registry') });
  new autoscaling.AutoScalingGroup(stack, 'Workers', { vpc: mn.vpc, vpcSubnets: mn.workloadSubnets, instanceType, machineImage: image, securityGroup: group('WorkersSg', mn.vpc) });
  const dbGroup = group('DbSg', mn.vpc);
  new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc: mn.vpc,
    vpcSubnets: mn.workloadSubnets,
    securityGroups: dbGroup && [dbGroup],
  });
  const fnGroup = group('FnSg', mn.vpc);
  new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => 1'),
    vpc: mn.vpc,
    vpcSubnets: mn.workloadSubnets,
    securityGroups: fnGroup && [fnGroup],
    timeout: Duration.seconds(10),
  });
  new efs.FileSystem(stack, 'Files', { vpc: mn.vpc, vpcSubnets: mn.workloadSubnets, securityGroup: group('FilesSg', mn.vpc) });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc: lg.vpc });
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1'), portMappings: [{ containerPort: 8080 }] });
  const svcGroup = group('SvcSg', lg.vpc);
  const service = new ecs.FargateService(stack, 'Svc', { cluster, taskDefinition: task, vpcSubnets: lg.workloadSubnets, securityGroups: svcGroup && [svcGroup] });
  const albGroup = group('AlbSg', lg.vpc);
  // A rule to an address block is written into the group (a rule to the targets' group is a resource of its own, which
  // leaves EC2's default allow-all egress in place as far as AWS documents it).
  albGroup?.addEgressRule(ec2.Peer.ipv4('10.0.64.0/18'), ec2.Port.tcp(8080), 'to the targets');
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc: lg.vpc, internetFacing: false, vpcSubnets: lg.workloadSubnets, securityGroup: albGroup });
  alb.addListener('Http', { port: 80, open: false }).addTargets('App', { port: 8080, targets: [service] });
  return root;
}

describe('aws-cdk-lib L2 workloads placed in the segments', () => {
  test('with narrow security groups the app synthesizes under the guard', () => {
    const assembly = app(true).synth();
    expect(assembly.getStackByName('City').template.Resources).toBeDefined();
  });

  test('with the L2 defaults (allow all outbound) each group is refused by name (MN-3, LG-2, LG-3)', () => {
    let message = '';
    try {
      app(false).synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const refused = [...new Set([...message.matchAll(/\[City\/([A-Za-z]+)\/[A-Za-z]*SecurityGroup\/Resource\] (MN-3|LG-2|LG-3)/g)].map((m) => `${m[1]} ${m[2]}`))].sort();
    expect(refused).toEqual(['Alb LG-2', 'Alb LG-3', 'Alb MN-3', 'Db MN-3', 'Files MN-3', 'Fn MN-3', 'Svc LG-2', 'Svc LG-3', 'Svc MN-3', 'Workers MN-3']);
    // No GUARD-1: everything the L2 constructs write is read.
    expect(message).not.toMatch(/GUARD-1/);
    // The load balancer's group has only a rule written as a resource of its own: the finding says where its 0.0.0.0/0 comes from.
    expect(message).toMatch(/\[City\/Alb\/SecurityGroup\/Resource\] MN-3 critical \(特定通信\): .*allow all traffic \(0\.0\.0\.0\/0: the default egress rule EC2 gives a group whose SecurityGroupEgress lists no rule/);
  });
});
