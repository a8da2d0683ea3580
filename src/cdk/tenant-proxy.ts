import { Aws, Fn, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { suppressNag } from './nag';
import { segmentTags } from './tags';
import { Blueprint } from '../model/validate';
import { CDK_TOKEN, secretArnForm, show } from '../model/validate-breakout';
import { planOf } from '../plan/cache';
import { ProxyFleetPlan } from '../plan/network-plan';

/** Props of `TenantProxy`. */
export interface TenantProxyProps {
  /** The validated blueprint (α′ case イ or ウ with `breakout.tenantProxy`). */
  readonly blueprint: Blueprint;
  /** The LGWAN segment's VPC ID. */
  readonly vpcId: string;
  /** The LGWAN segment's proxy subnet IDs, in the plan's order (one per AZ). */
  readonly subnetIds: string[];
  /** The proxy subnets' route table IDs, which get the S3 gateway endpoint for the package repositories. */
  readonly routeTableIds: string[];
}

/**
 * The tenant-restriction forward proxy (テナントアクセス制御) of the α′ breakout: Squid on Amazon Linux 2023 in an
 * Auto Scaling group across the AZs, behind an internal Network Load Balancer, in the LGWAN segment's proxy
 * subnets. Terminals use `loadBalancerDnsName:port` as their HTTP proxy. The interception CA is read at boot
 * from the Secrets Manager secret in the blueprint; instances are managed by SSM (no SSH, no key pair) and
 * accept IMDSv2 only.
 */
export class TenantProxy extends Construct {
  /** DNS name of the internal load balancer: the proxy address for terminals. */
  public readonly loadBalancerDnsName: string;
  /** The proxy port. */
  public readonly port: number;
  /** Name of the Auto Scaling group. */
  public readonly autoScalingGroupName: string;
  /** Security group of the proxy instances. */
  public readonly instanceSecurityGroupId: string;
  /** The instances' IAM role. */
  public readonly role: iam.IRole;
  /** The CloudWatch Logs group the instances ship Squid's access log to (LOG-1). */
  public readonly accessLogGroupName: string;
  /** The generated squid.conf, for design documents (設計書) and reviews. */
  public readonly squidConfig: string;

  constructor(scope: Construct, id: string, props: TenantProxyProps) {
    super(scope, id);
    const plan = planOf(props.blueprint).tenantProxy;
    if (!plan) {
      throw new Error(`[${this.node.path}] the blueprint has no tenant-restriction proxy: it needs model ALPHA_PRIME, case イ or ウ, and breakout.tenantProxy`);
    }
    if (props.subnetIds.length !== plan.subnetKeys.length) {
      throw new Error(`[${this.node.path}] subnetIds has ${props.subnetIds.length} subnets; the plan has ${plan.subnetKeys.length} proxy subnets (${plan.subnetKeys.join(', ')})`);
    }
    this.port = plan.port;
    this.squidConfig = plan.squidConfig;
    const tags = (name: string) => segmentTags(plan.segment, `Lgwan-proxy-${name}`);
    // In AWS CDK a reference is a token; anything else holding "${" would be written into the template as text.
    for (const [prop, value, literal] of [
      ['caSecretArn', plan.caSecretArn, secretArnForm(plan.caSecretArn) === 'literal'],
      ['caSecretKmsKeyArn', plan.caSecretKmsKeyArn, plan.caSecretKmsKeyArn === undefined || !plan.caSecretKmsKeyArn.includes('${')],
    ] as const) {
      if (!literal && !(typeof value === 'string' && CDK_TOKEN.test(value) && Token.isUnresolved(value))) {
        throw new Error(`[${this.node.path}] breakout.tenantProxy.${prop} ${show(value)} is neither an ARN nor an AWS CDK token. `
          + 'Fix: give the ARN, or the secret\'s (key\'s) own secretArn / keyArn attribute.');
      }
    }

    const statements = [new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [plan.caSecretArn] })];
    if (plan.caSecretKmsKeyArn) {
      statements.push(new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [plan.caSecretKmsKeyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Aws.REGION}.amazonaws.com` } },
      }));
    }
    const fleet = proxyFleet(this, plan, props, {
      name: 'Lgwan-proxy',
      lbGroup: 'Tenant-restriction proxy load balancer: the proxy port from LGWAN terminals only',
      clientRule: 'Proxy clients (LGWAN terminal subnets)',
      instanceGroup: 'Tenant-restriction proxy instances: clients in, allow-listed ports out through the firewall',
      // Out: only the proxied ports; the breakout firewall then allows only the allow-listed domains (AP-1).
      egressRule: (port) => `Proxied traffic on ${port} (through the breakout firewall)`,
      // Case ウ: file responses go to the sanitizer over ICAP (AP-6, 無害化), its address and port only.
      extraEgress: plan.sanitizationService ? [tcpRule(plan.sanitizationService.cidr, plan.sanitizationService.port, `ICAP to the sanitizer ${plan.sanitizationService.hostName} (alpha-prime case 3, sanitization)`)] : [],
      openEgressReason: 'Ingress is limited to the LGWAN terminal and proxy subnets; the 0.0.0.0/0 rules are egress on the proxied ports, which the breakout firewall narrows to the FQDN allow-list',
      roleDescription: 'Tenant-restriction proxy instances: SSM management and the interception CA secret',
      policyId: 'CaSecretPolicy',
      statements,
      // A literal ARN is in the plan's script already; a token is encoded by CloudFormation (Fn::Base64) at deploy time,
      // so that no value can end the quoted word it sits in (src/plan/proxy.ts).
      userData: secretArnForm(plan.caSecretArn) === 'literal' ? Fn.base64(plan.bootScript)
        : Fn.base64(Fn.join('', [plan.bootScriptParts.head, Fn.base64(plan.caSecretArn), plan.bootScriptParts.tail])),
    });
    this.instanceSecurityGroupId = fleet.instanceSecurityGroupId;
    this.accessLogGroupName = fleet.accessLogGroupName;
    this.role = fleet.role;
    this.loadBalancerDnsName = fleet.loadBalancerDnsName;
    this.autoScalingGroupName = fleet.autoScalingGroupName;

    // Package repositories without internet access: an S3 gateway endpoint that serves only AL2023's bucket.
    const repositoryBucket = plan.packageRepositoryBucket.replace('{region}', Aws.REGION);
    new ec2.CfnVPCEndpoint(this, 'PackageRepositoryEndpoint', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${Aws.REGION}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      tags: tags('s3-endpoint'),
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AmazonLinux2023Repositories',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:${Aws.PARTITION}:s3:::${repositoryBucket}/*`,
        }],
      },
    });
  }
}

function tcpRule(cidr: string, port: number, description: string): ec2.CfnSecurityGroup.IngressProperty & ec2.CfnSecurityGroup.EgressProperty {
  return { ipProtocol: 'tcp', cidrIp: cidr, fromPort: port, toPort: port, description };
}

/** The names and words of one proxy fleet, and what differs between the tenant proxy and the stand-in's. */
interface FleetText {
  /** The Name tag's stem (`Lgwan-proxy`). */
  readonly name: string;
  readonly lbGroup: string;
  readonly clientRule: string;
  readonly instanceGroup: string;
  readonly egressRule: (port: number) => string;
  readonly extraEgress: ec2.CfnSecurityGroup.EgressProperty[];
  /** Why the instances' egress to 0.0.0.0/0 on the proxied ports is fine (cdk-nag AwsSolutions-EC23). */
  readonly openEgressReason: string;
  readonly roleDescription: string;
  /** The construct id of the instances' inline policy. */
  readonly policyId: string;
  /** The policy's statements besides the access log's. */
  readonly statements: iam.PolicyStatement[];
  /** The launch template's user data, base64-encoded. */
  readonly userData: string;
}

/** What a fleet exposes to its construct. */
interface Fleet {
  readonly instanceSecurityGroupId: string;
  readonly accessLogGroupName: string;
  readonly role: iam.IRole;
  readonly loadBalancerDnsName: string;
  readonly autoScalingGroupName: string;
}

/**
 * A web proxy fleet (the tenant-restriction proxy's, the Internet stand-in's): security groups, the access log's group
 * (LOG-1), the instances' role, a launch template (IMDSv2 only, SSM-managed, no key pair), an internal Network Load
 * Balancer and an Auto Scaling group across the proxy subnets.
 */
function proxyFleet(scope: Construct, plan: ProxyFleetPlan, props: { vpcId: string; subnetIds: string[] }, text: FleetText): Fleet {
  const tags = (name: string) => segmentTags(plan.segment, `${text.name}-${name}`);
  const lbGroup = new ec2.CfnSecurityGroup(scope, 'LoadBalancerSecurityGroup', {
    vpcId: props.vpcId,
    groupDescription: text.lbGroup,
    securityGroupIngress: plan.clientCidrs.map((cidr) => tcpRule(cidr, plan.port, text.clientRule)),
    securityGroupEgress: plan.healthCheckCidrs.map((cidr) => tcpRule(cidr, plan.port, 'To the proxy instances')),
    tags: tags('lb'),
  });
  const instanceGroup = new ec2.CfnSecurityGroup(scope, 'InstanceSecurityGroup', {
    vpcId: props.vpcId,
    groupDescription: text.instanceGroup,
    securityGroupIngress: [
      // The load balancer keeps the client address, so the instances see the clients' CIDRs.
      ...plan.clientCidrs.map((cidr) => tcpRule(cidr, plan.port, 'Proxy clients through the load balancer')),
      ...plan.healthCheckCidrs.map((cidr) => tcpRule(cidr, plan.port, 'Load balancer health checks')),
    ],
    securityGroupEgress: [...plan.egressTcpPorts.map((port) => tcpRule('0.0.0.0/0', port, text.egressRule(port))), ...text.extraEgress],
    tags: tags('instances'),
  });
  suppressNag(instanceGroup, [{ id: 'AwsSolutions-EC23', reason: text.openEgressReason }]);

  // LOG-1: the access log's group; the CloudWatch agent the boot script configures writes every request to it.
  const accessLog = new logs.CfnLogGroup(scope, 'AccessLog', {
    logGroupName: plan.accessLog.logGroupName,
    retentionInDays: plan.accessLog.retentionDays,
    tags: segmentTags(plan.segment, `${text.name}-access-log`),
  });
  // Logs are audit evidence (監査証跡): never deleted with the stack, like the log bucket.
  accessLog.applyRemovalPolicy(RemovalPolicy.RETAIN);

  const role = new iam.Role(scope, 'InstanceRole', {
    assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    description: text.roleDescription,
    managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
  });
  // The CloudWatch agent writes the access log to its own group only (the group exists: no CreateLogGroup).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html
  const policy = new iam.Policy(scope, text.policyId, {
    statements: [...text.statements, new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
      resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:${plan.accessLog.logGroupName}:*`],
    })],
  });
  role.attachInlinePolicy(policy);
  suppressNag(policy, [{
    id: 'AwsSolutions-IAM5',
    reason: 'The wildcard is the log streams of the access log group (one per instance, named by instance ID at launch); the group itself is fixed',
    applies_to: [`Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${plan.accessLog.logGroupName}:*`],
  }]);
  suppressNag(role, [{
    id: 'AwsSolutions-IAM4',
    reason: 'AmazonSSMManagedInstanceCore is the AWS-maintained minimum for Session Manager; it replaces SSH (no key pair, no port 22)',
  }]);
  const profile = new iam.CfnInstanceProfile(scope, 'InstanceProfile', { roles: [role.roleName] });

  const template = new ec2.CfnLaunchTemplate(scope, 'LaunchTemplate', {
    launchTemplateData: {
      // EC2 resolves the public parameter at each launch: always the current AL2023 image, and a stable template.
      // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id
      imageId: `resolve:ssm:${plan.imageParameter}`,
      instanceType: plan.instanceType,
      iamInstanceProfile: { arn: profile.attrArn },
      securityGroupIds: [instanceGroup.attrGroupId],
      userData: text.userData,
      // IMDSv2 only, and not reachable from containers or forwarded hops.
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: true, deleteOnTermination: true } }],
      monitoring: { enabled: true },
      tagSpecifications: [
        { resourceType: 'instance', tags: tags('instance') },
        { resourceType: 'volume', tags: tags('volume') },
      ],
    },
    tagSpecifications: [{ resourceType: 'launch-template', tags: tags('launch-template') }],
  });

  const lb = new elbv2.CfnLoadBalancer(scope, 'LoadBalancer', {
    type: 'network',
    scheme: 'internal',
    subnets: props.subnetIds,
    securityGroups: [lbGroup.attrGroupId],
    // Spread clients over every healthy instance, whatever AZ they connect through.
    loadBalancerAttributes: [{ key: 'load_balancing.cross_zone.enabled', value: 'true' }],
    tags: tags('nlb'),
  });
  suppressNag(lb, [{
    id: 'AwsSolutions-ELB2',
    reason: 'Network Load Balancer access logs exist only for TLS listeners; this TCP listener is logged per request by Squid (SIEM format) and per flow by the VPC flow log',
  }]);
  const targets = new elbv2.CfnTargetGroup(scope, 'TargetGroup', {
    vpcId: props.vpcId,
    protocol: 'TCP',
    port: plan.port,
    targetType: 'instance',
    healthCheckProtocol: 'TCP',
    healthCheckIntervalSeconds: 10,
    healthyThresholdCount: 3,
    unhealthyThresholdCount: 3,
    targetGroupAttributes: [
      { key: 'preserve_client_ip.enabled', value: 'true' },
      // Give long downloads and CONNECT tunnels a minute to finish when an instance is replaced.
      { key: 'deregistration_delay.timeout_seconds', value: '60' },
    ],
    tags: tags('targets'),
  });
  new elbv2.CfnListener(scope, 'Listener', {
    loadBalancerArn: lb.ref,
    protocol: 'TCP',
    port: plan.port,
    defaultActions: [{ type: 'forward', targetGroupArn: targets.ref }],
  });

  const group = new autoscaling.CfnAutoScalingGroup(scope, 'AutoScalingGroup', {
    minSize: String(plan.minInstances),
    maxSize: String(plan.maxInstances),
    vpcZoneIdentifier: props.subnetIds,
    launchTemplate: { launchTemplateId: template.ref, version: template.attrLatestVersionNumber },
    targetGroupArns: [targets.ref],
    healthCheckType: 'ELB',
    // dnf install (and the tenant proxy's certificate database) take a few minutes on first boot.
    healthCheckGracePeriod: 600,
    tags: [
      { key: 'Name', value: text.name, propagateAtLaunch: true },
    ],
  });
  // Replace instances one at a time when the configuration changes, keeping the minimum in service.
  group.cfnOptions.updatePolicy = {
    autoScalingRollingUpdate: { minInstancesInService: plan.minInstances, maxBatchSize: 1, pauseTime: 'PT10M' },
  };
  suppressNag(group, [{
    id: 'AwsSolutions-AS3',
    reason: 'Scaling events are visible in CloudTrail and the group\'s activity history; the municipality\'s SIEM collects them, so no SNS topic is created here',
  }]);
  new autoscaling.CfnScalingPolicy(scope, 'CpuScaling', {
    autoScalingGroupName: group.ref,
    policyType: 'TargetTrackingScaling',
    // Scale out before the instances saturate (TLS interception, where there is one, is CPU-bound).
    targetTrackingConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
      targetValue: 60,
    },
  });
  return {
    instanceSecurityGroupId: instanceGroup.attrGroupId,
    accessLogGroupName: plan.accessLog.logGroupName,
    role,
    loadBalancerDnsName: lb.attrDnsName,
    autoScalingGroupName: group.ref,
  };
}

/** Props of `StandInProxy`. */
export interface StandInProxyProps {
  /** The validated blueprint (`internet.egress` `InternetEgressMode.BUILT_IN`). */
  readonly blueprint: Blueprint;
  /** The Internet segment's VPC ID. */
  readonly vpcId: string;
  /** The Internet segment's proxy subnet IDs, in the plan's order (one per AZ). */
  readonly subnetIds: string[];
}

/**
 * The Internet segment's web proxy, standing in for the security cloud's (`InternetEgressMode.BUILT_IN`, IN-1): Squid on
 * Amazon Linux 2023 in an Auto Scaling group across the AZs, behind an internal Network Load Balancer, in the segment's
 * proxy subnets, the only subnets that route to the stand-in firewall. The workload subnets have no way out of their
 * own: they use `endpoint` (`host:port`) as their HTTP(S) proxy. No TLS interception; every private destination is
 * denied before anything is allowed (the hub proxy's squid.conf); the access log goes to CloudWatch Logs (LOG-1).
 */
export class StandInProxy extends Construct {
  /** `host:port` of the internal load balancer: the HTTP(S) proxy of the Internet segment's workloads. */
  public readonly endpoint: string;
  /** DNS name of the internal load balancer. */
  public readonly loadBalancerDnsName: string;
  /** The proxy port. */
  public readonly port: number;
  /** Name of the Auto Scaling group. */
  public readonly autoScalingGroupName: string;
  /** Security group of the proxy instances. */
  public readonly instanceSecurityGroupId: string;
  /** The instances' IAM role. */
  public readonly role: iam.IRole;
  /** The CloudWatch Logs group the instances ship Squid's access log to (LOG-1). */
  public readonly accessLogGroupName: string;
  /** The generated squid.conf, for design documents (設計書) and reviews. */
  public readonly squidConfig: string;

  constructor(scope: Construct, id: string, props: StandInProxyProps) {
    super(scope, id);
    const plan = planOf(props.blueprint).standInProxy;
    if (!plan) throw new Error(`[${this.node.path}] the blueprint has no stand-in proxy: it needs internet.egress InternetEgressMode.BUILT_IN`);
    if (props.subnetIds.length !== plan.subnetKeys.length) {
      throw new Error(`[${this.node.path}] subnetIds has ${props.subnetIds.length} subnets; the plan has ${plan.subnetKeys.length} proxy subnets (${plan.subnetKeys.join(', ')})`);
    }
    this.port = plan.port;
    this.squidConfig = plan.squidConfig;
    const fleet = proxyFleet(this, plan, props, {
      name: 'Internet-proxy',
      lbGroup: 'Internet-segment web proxy load balancer: the proxy port from the workload subnets only',
      clientRule: 'Proxy clients (Internet-segment workload subnets)',
      instanceGroup: 'Internet-segment web proxy instances: clients in, the web out through the stand-in firewall',
      egressRule: (port) => `Proxied web traffic on ${port} (through the stand-in firewall)`,
      extraEgress: [],
      openEgressReason: 'Ingress is limited to the Internet-segment workload and proxy subnets; the 0.0.0.0/0 rules are egress on the web ports, '
        + 'which the stand-in firewall inspects (default drop, managed threat signatures)',
      roleDescription: 'Internet-segment web proxy instances: SSM management and the access log',
      policyId: 'AccessLogPolicy',
      statements: [],
      userData: Fn.base64(plan.userData),
    });
    this.instanceSecurityGroupId = fleet.instanceSecurityGroupId;
    this.accessLogGroupName = fleet.accessLogGroupName;
    this.role = fleet.role;
    this.loadBalancerDnsName = fleet.loadBalancerDnsName;
    this.autoScalingGroupName = fleet.autoScalingGroupName;
    this.endpoint = `${fleet.loadBalancerDnsName}:${plan.port}`;
  }
}
