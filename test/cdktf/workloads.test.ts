/**
 * What an integrator adds to a CDKTF network with `@cdktf/provider-aws`, placed the way the README says (a segment's
 * `vpcId`, `workloadSubnetIds`, `securityGroupFor(host)`): a launch template and an Auto Scaling group, an instance, an
 * RDS database, a Lambda function and an EFS mount target in the My Number segment; an internal load balancer in front
 * of an ECS Fargate service in LGWAN. With narrow security groups the app synthesizes under the guard (nothing it writes
 * is unreadable: no GUARD-1); with the load balancer internet-facing and a group open to everywhere, it is refused.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App, Fn, TerraformStack } from 'cdktf';
import { alpha } from '../../examples/blueprints';
import { tf } from '../../src';

/** Synthesize the α example with the workloads into a temporary directory; `open`: an internet-facing LB and a wide group. */
function synth(open: boolean): { error?: string; report?: any } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-tf-workloads-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'City');
    new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
    const net = new tf.MunicipalNetwork(stack, 'Network', alpha);
    const mn = net.myNumber;
    const lg = net.lgwan;
    const egress = open ? [{ protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: ['0.0.0.0/0'] }] : [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.0.0/18'] }];
    const mnSg = new SecurityGroup(stack, 'MnSg', { vpcId: mn.vpcId, egress });
    const template = new LaunchTemplate(stack, 'Lt', { imageId: 'ami-12345678', instanceType: 't3.micro', vpcSecurityGroupIds: [mnSg.id] });
    new AutoscalingGroup(stack, 'Asg', { minSize: 1, maxSize: 1, vpcZoneIdentifier: mn.workloadSubnetIds, launchTemplate: { id: template.id, version: '$Latest' } });
    const hostGroup = mn.securityGroupFor('resident-registry');
    new Instance(stack, 'Registry', { ami: 'ami-12345678', instanceType: 't3.micro', subnetId: mn.workloadSubnetIds[0], vpcSecurityGroupIds: [hostGroup.id] });
    const subnets = new DbSubnetGroup(stack, 'DbSubnets', { subnetIds: mn.workloadSubnetIds });
    new DbInstance(stack, 'Db', {
      engine: 'postgres',
      instanceClass: 'db.t3.micro',
      allocatedStorage: 20,
      username: 'app',
      manageMasterUserPassword: true,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: [mnSg.id],
      skipFinalSnapshot: true,
    });
    new LambdaFunction(stack, 'Fn', {
      functionName: 'fn',
      role: 'arn:aws:iam::111122223333:role/fn',
      packageType: 'Image',
      imageUri: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/fn:1',
      vpcConfig: { subnetIds: mn.workloadSubnetIds, securityGroupIds: [mnSg.id] },
    });
    const files = new EfsFileSystem(stack, 'Files', { encrypted: true });
    new EfsMountTarget(stack, 'FilesTarget', { fileSystemId: files.id, subnetId: mn.workloadSubnetIds[0], securityGroups: [mnSg.id] });
    const lgSg = new SecurityGroup(stack, 'LgSg', {
      vpcId: lg.vpcId,
      ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.64.0/18'] }],
      egress: [{ protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrBlocks: ['10.0.64.0/18'] }],
    });
    const lb = new Lb(stack, 'Lb', { internal: !open, loadBalancerType: 'application', subnets: lg.workloadSubnetIds, securityGroups: [lgSg.id] });
    const targets = new LbTargetGroup(stack, 'Targets', { port: 8080, protocol: 'HTTP', targetType: 'ip', vpcId: lg.vpcId });
    new LbListener(stack, 'Http', { loadBalancerArn: lb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }] });
    const cluster = new EcsCluster(stack, 'Cluster', { name: 'lg' });
    const task = new EcsTaskDefinition(stack, 'Task', {
      family: 'app',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: Fn.jsonencode([{ name: 'app', image: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1', portMappings: [{ containerPort: 8080 }] }]),
    });
    new EcsService(stack, 'Svc', {
      name: 'app',
      cluster: cluster.id,
      taskDefinition: task.arn,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { subnets: lg.workloadSubnetIds, securityGroups: [lgSg.id], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: targets.arn, containerName: 'app', containerPort: 8080 }],
    });
    try {
      app.synth();
    } catch (e) {
      return { error: (e as Error).message };
    }
    return { report: JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'City', 'jichitai-guard-report.City.json'), 'utf8')) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe('@cdktf/provider-aws workloads placed in the segments', () => {
  test('with narrow security groups and an internal load balancer the app synthesizes under the guard', () => {
    const { error, report } = synth(false);
    expect(error).toBeUndefined();
    expect(report.violations).toEqual([]);
  });

  test('an internet-facing load balancer in LGWAN and a My Number group open to everywhere are refused, and nothing is unreadable', () => {
    const { error } = synth(true);
    expect(error).toMatch(/\[City\/MnSg\] MN-3 critical .*its egress rules toward the LGWAN segment allow all traffic/);
    expect(error).toMatch(/\[City\/Lb\] GUARD-1 critical .*an internet-facing load balancer and subnet \S+ of the LGWAN segment/);
    // Only the load balancer is GUARD-1: everything else the workloads write is read.
    expect([...(error ?? '').matchAll(/\[([^\]]+)\] GUARD-1/g)].map((m) => m[1])).toEqual(['City/Lb']);
  });
});
