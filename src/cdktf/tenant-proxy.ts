import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup, SecurityGroupEgress } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn, ref, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SEGMENT_TAG_KEY } from '../model/segment';
import { Blueprint } from '../model/validate';
import { CDKTF_TOKEN, secretArnForm, show, TERRAFORM_KMS_REFERENCE } from '../model/validate-breakout';
import { planOf } from '../plan/cache';
import { BootScriptParts, ProxyFleetPlan } from '../plan/network-plan';

/** Props of `TenantProxy` (CDKTF). */
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
 * The tenant-restriction forward proxy (テナントアクセス制御) of the α′ breakout, for Terraform: the same resources as
 * the AWS CDK `TenantProxy`, from the same plan — Squid on Amazon Linux 2023 in an Auto Scaling group behind an
 * internal Network Load Balancer in the LGWAN proxy subnets, the interception CA read at boot from the user's
 * Secrets Manager secret, SSM-managed, no SSH, IMDSv2 only.
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
  /** Name of the instances' IAM role. */
  public readonly roleName: string;
  /** The CloudWatch Logs group the instances ship Squid's access log to (LOG-1). */
  public readonly accessLogGroupName: string;
  /** The generated squid.conf, for design documents (設計書) and reviews. */
  public readonly squidConfig: string;

  constructor(scope: Construct, id: string, props: TenantProxyProps) {
    super(scope, id);
    const network = planOf(props.blueprint);
    const plan = network.tenantProxy;
    if (!plan) {
      throw new Error(`[${this.node.path}] the blueprint has no tenant-restriction proxy: it needs model ALPHA_PRIME, case イ or ウ, and breakout.tenantProxy`);
    }
    if (props.subnetIds.length !== plan.subnetKeys.length) {
      throw new Error(`[${this.node.path}] subnetIds has ${props.subnetIds.length} subnets; the plan has ${plan.subnetKeys.length} proxy subnets (${plan.subnetKeys.join(', ')})`);
    }
    this.port = plan.port;
    this.squidConfig = plan.squidConfig;
    // In CDKTF a reference is a cdktf token or exactly ${aws_secretsmanager_secret.<name>.arn} (${aws_kms_key.<name>.arn});
    // anything else holding "${" would be a Terraform expression of the user's choosing.
    const arnForm = secretArnForm(plan.caSecretArn);
    const keyArn = plan.caSecretKmsKeyArn;
    for (const [prop, value, ok] of [
      ['caSecretArn', plan.caSecretArn, arnForm === 'literal' || arnForm === 'terraform-reference' || isTfToken(plan.caSecretArn)],
      ['caSecretKmsKeyArn', keyArn, keyArn === undefined || !keyArn.includes('${') || isTfToken(keyArn) || TERRAFORM_KMS_REFERENCE.test(keyArn)],
    ] as const) {
      if (!ok) {
        throw new Error(`[${this.node.path}] breakout.tenantProxy.${prop} ${show(value)} is neither an ARN nor a CDKTF token or Terraform reference to one. `
          + 'Fix: give the ARN, the resource\'s own arn attribute, or ${aws_secretsmanager_secret.<name>.arn}.');
      }
    }
    // A reference written as text becomes a cdktf reference: inside an expression, cdktf would escape it to literal text.
    const stack = TerraformStack.of(this);
    const asReference = (v: string) => (/^\$\{aws_[a-z_]+\.[A-Za-z_][A-Za-z0-9_-]*\.arn\}$/.test(v) ? Token.asString(ref(v.slice(2, -1), stack)) : v);
    const secretArn = asReference(plan.caSecretArn);
    const kmsKeyArn = keyArn === undefined ? undefined : asReference(keyArn);
    const region = new DataAwsRegion(this, 'Region');
    const partition = new DataAwsPartition(this, 'Partition');

    const statements: object[] = [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn }];
    if (kmsKeyArn) {
      statements.push({
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: kmsKeyArn,
        Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region.name}.amazonaws.com` } },
      });
    }
    const fleet = proxyFleet(this, plan, props, { region, partition, networkTags: network.tags }, {
      name: 'Lgwan-proxy',
      lbGroup: 'Tenant-restriction proxy load balancer: the proxy port from LGWAN terminals only',
      clientRule: 'Proxy clients (LGWAN terminal subnets)',
      instanceGroup: 'Tenant-restriction proxy instances: clients in, allow-listed ports out through the firewall',
      // Out: only the proxied ports; the breakout firewall then allows only the allow-listed domains (AP-1).
      egressRule: (port) => `Proxied traffic on ${port} (through the breakout firewall)`,
      // Case ウ: file responses go to the sanitizer over ICAP (AP-6, 無害化), its address and port only.
      extraEgress: plan.sanitizationService ? [tcpRule(plan.sanitizationService.cidr, plan.sanitizationService.port, `ICAP to the sanitizer ${plan.sanitizationService.hostName} (alpha-prime case 3, sanitization)`)] : [],
      roleDescription: 'Tenant-restriction proxy instances: SSM management and the interception CA secret',
      policyId: 'CaSecretPolicy',
      statements,
      // Encoded here when the ARN is a literal (byte-identical output); by Terraform when it is a reference.
      userData: arnForm === 'literal' ? Buffer.from(plan.bootScript).toString('base64') : userData(plan.bootScriptParts, secretArn),
    });
    this.instanceSecurityGroupId = fleet.instanceSecurityGroupId;
    this.roleName = fleet.roleName;
    this.accessLogGroupName = fleet.accessLogGroupName;
    this.loadBalancerDnsName = fleet.loadBalancerDnsName;
    this.autoScalingGroupName = fleet.autoScalingGroupName;
    const tags = (name: string) => ({ ...network.tags, Name: `Lgwan-proxy-${name}`, [SEGMENT_TAG_KEY]: plan.segment });

    // Package repositories without internet access: an S3 gateway endpoint that serves only AL2023's bucket.
    const repositoryBucket = plan.packageRepositoryBucket.replace('{region}', region.name);
    new VpcEndpoint(this, 'PackageRepositoryEndpoint', {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${region.name}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: props.routeTableIds,
      // JSON text rather than jsonencode(): the guard reads endpoint policies at synth time (MN-5's reader).
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Sid: 'AmazonLinux2023Repositories',
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: `arn:${partition.partition}:s3:::${repositoryBucket}/*`,
        }],
      }),
      tags: tags('s3-endpoint'),
    });
  }
}

/** True for exactly one CDKTF string token. */
function isTfToken(v: string): boolean {
  return CDKTF_TOKEN.test(v) && Token.isUnresolved(v);
}

/**
 * The user data when the secret ARN is a reference: Terraform joins the literal parts around `base64encode(<ARN>)` and
 * encodes the result, so that the ARN's value reaches the script only in base64 (src/plan/proxy.ts). The literal parts
 * travel base64-encoded, because squid.conf's regular expressions (`\.`) are not valid escapes in a Terraform string.
 */
function userData(parts: BootScriptParts, secretArn: string): string {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return Fn.base64encode(Fn.join('', [Fn.base64decode(b64(parts.head)), Fn.base64encode(secretArn), Fn.base64decode(b64(parts.tail))]));
}

/** An inline rule; Terraform's JSON syntax needs every attribute of the block, so the unused ones are empty. */
function tcpRule(cidr: string, port: number, description: string): SecurityGroupEgress {
  return {
    cidrBlocks: [cidr],
    fromPort: port,
    toPort: port,
    protocol: 'tcp',
    description,
    ipv6CidrBlocks: [],
    prefixListIds: [],
    securityGroups: [],
    selfAttribute: false,
  };
}

/** The names and words of one proxy fleet, and what differs between the tenant proxy and the stand-in's. */
interface FleetText {
  /** The Name tag's stem (`Lgwan-proxy`). */
  readonly name: string;
  readonly lbGroup: string;
  readonly clientRule: string;
  readonly instanceGroup: string;
  readonly egressRule: (port: number) => string;
  readonly extraEgress: SecurityGroupEgress[];
  readonly roleDescription: string;
  /** The construct id of the instances' inline policy. */
  readonly policyId: string;
  /** The policy's statements besides the access log's. */
  readonly statements: object[];
  /** The launch template's user data, base64-encoded. */
  readonly userData: string;
}

/** What a fleet exposes to its construct. */
interface Fleet {
  readonly instanceSecurityGroupId: string;
  readonly roleName: string;
  readonly accessLogGroupName: string;
  readonly loadBalancerDnsName: string;
  readonly autoScalingGroupName: string;
}

/** The data sources and tags a fleet is rendered with. */
interface FleetContext {
  readonly region: DataAwsRegion;
  readonly partition: DataAwsPartition;
  readonly networkTags: Record<string, string>;
}

/**
 * A web proxy fleet (the tenant-restriction proxy's, the Internet stand-in's), the same resources as the AWS CDK one:
 * security groups, the access log's group (LOG-1), the instances' role, a launch template (IMDSv2 only, SSM-managed, no
 * key pair), an internal Network Load Balancer and an Auto Scaling group across the proxy subnets.
 */
function proxyFleet(
  scope: Construct, plan: ProxyFleetPlan, props: { vpcId: string; subnetIds: string[] }, ctx: FleetContext, text: FleetText,
): Fleet {
  const { region, partition } = ctx;
  const tags = (name: string) => ({ ...ctx.networkTags, Name: `${text.name}-${name}`, [SEGMENT_TAG_KEY]: plan.segment });
  const lbGroup = new SecurityGroup(scope, 'LoadBalancerSecurityGroup', {
    vpcId: props.vpcId,
    description: text.lbGroup,
    ingress: plan.clientCidrs.map((cidr) => tcpRule(cidr, plan.port, text.clientRule)),
    egress: plan.healthCheckCidrs.map((cidr) => tcpRule(cidr, plan.port, 'To the proxy instances')),
    tags: tags('lb'),
  });
  const instanceGroup = new SecurityGroup(scope, 'InstanceSecurityGroup', {
    vpcId: props.vpcId,
    description: text.instanceGroup,
    ingress: [
      // The load balancer keeps the client address, so the instances see the clients' CIDRs.
      ...plan.clientCidrs.map((cidr) => tcpRule(cidr, plan.port, 'Proxy clients through the load balancer')),
      ...plan.healthCheckCidrs.map((cidr) => tcpRule(cidr, plan.port, 'Load balancer health checks')),
    ],
    egress: [...plan.egressTcpPorts.map((port) => tcpRule('0.0.0.0/0', port, text.egressRule(port))), ...text.extraEgress],
    tags: tags('instances'),
  });

  const role = new IamRole(scope, 'InstanceRole', {
    description: text.roleDescription,
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
    tags: tags('role'),
  });
  // The AWS-maintained minimum for Session Manager, which replaces SSH.
  new IamRolePolicyAttachment(scope, 'SsmManagedInstanceCore', {
    role: role.name,
    policyArn: `arn:${partition.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
  });
  // LOG-1: the access log's group; the CloudWatch agent the boot script configures writes every request to it.
  new CloudwatchLogGroup(scope, 'AccessLog', {
    name: plan.accessLog.logGroupName,
    retentionInDays: plan.accessLog.retentionDays,
    tags: tags('access-log'),
    // Logs are audit evidence (監査証跡): never deleted with the stack, like the log bucket.
    lifecycle: { preventDestroy: true },
  });
  // The CloudWatch agent writes the access log to its own group only (the group exists: no CreateLogGroup).
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/create-iam-roles-for-cloudwatch-agent.html
  // The account is a wildcard so that planning needs no STS look-up (the examples plan offline); an identity policy
  // only ever reaches the role's own account's log groups, as CloudWatch Logs has no cross-account resource policy for writes.
  const statements = [...text.statements, {
    Effect: 'Allow',
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
    Resource: `arn:${partition.partition}:logs:${region.name}:*:log-group:${plan.accessLog.logGroupName}:*`,
  }];
  new IamRolePolicy(scope, text.policyId, {
    role: role.name,
    policy: Fn.jsonencode({ Version: '2012-10-17', Statement: statements }),
  });
  const profile = new IamInstanceProfile(scope, 'InstanceProfile', { role: role.name, tags: tags('profile') });

  const template = new LaunchTemplate(scope, 'LaunchTemplate', {
    // EC2 resolves the public parameter at each launch: always the current AL2023 image, and a stable configuration.
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/create-launch-template.html#use-an-ssm-parameter-instead-of-an-ami-id
    imageId: `resolve:ssm:${plan.imageParameter}`,
    instanceType: plan.instanceType,
    iamInstanceProfile: { arn: profile.arn },
    vpcSecurityGroupIds: [instanceGroup.id],
    userData: text.userData,
    // IMDSv2 only, and not reachable from containers or forwarded hops.
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
    monitoring: { enabled: true },
    tagSpecifications: [
      { resourceType: 'instance', tags: tags('instance') },
      { resourceType: 'volume', tags: tags('volume') },
    ],
    tags: tags('launch-template'),
  });

  const lb = new Lb(scope, 'LoadBalancer', {
    loadBalancerType: 'network',
    internal: true,
    subnets: props.subnetIds,
    securityGroups: [lbGroup.id],
    // Spread clients over every healthy instance, whatever AZ they connect through.
    enableCrossZoneLoadBalancing: true,
    tags: tags('nlb'),
  });
  const targets = new LbTargetGroup(scope, 'TargetGroup', {
    vpcId: props.vpcId,
    protocol: 'TCP',
    port: plan.port,
    targetType: 'instance',
    preserveClientIp: 'true',
    // Give long downloads and CONNECT tunnels a minute to finish when an instance is replaced.
    deregistrationDelay: '60',
    healthCheck: { protocol: 'TCP', interval: 10, healthyThreshold: 3, unhealthyThreshold: 3 },
    tags: tags('targets'),
  });
  new LbListener(scope, 'Listener', {
    loadBalancerArn: lb.arn,
    protocol: 'TCP',
    port: plan.port,
    defaultAction: [{ type: 'forward', targetGroupArn: targets.arn }],
    tags: tags('listener'),
  });

  const group = new AutoscalingGroup(scope, 'AutoScalingGroup', {
    minSize: plan.minInstances,
    maxSize: plan.maxInstances,
    vpcZoneIdentifier: props.subnetIds,
    launchTemplate: { id: template.id, version: template.latestVersion.toString() },
    targetGroupArns: [targets.arn],
    healthCheckType: 'ELB',
    // dnf install (and the tenant proxy's certificate database) take a few minutes on first boot.
    healthCheckGracePeriod: 600,
    // Replace instances when the configuration changes, launching before terminating (as the CDK rolling update).
    instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 200 } },
    tag: [{ key: 'Name', value: text.name, propagateAtLaunch: true }],
  });
  new AutoscalingPolicy(scope, 'CpuScaling', {
    name: `${text.name}-cpu`,
    autoscalingGroupName: group.name,
    policyType: 'TargetTrackingScaling',
    // Scale out before the instances saturate (TLS interception, where there is one, is CPU-bound).
    targetTrackingConfiguration: {
      predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
      targetValue: 60,
    },
  });
  return {
    instanceSecurityGroupId: instanceGroup.id,
    roleName: role.name,
    accessLogGroupName: plan.accessLog.logGroupName,
    loadBalancerDnsName: lb.dnsName,
    autoScalingGroupName: group.name,
  };
}

/** Props of `StandInProxy` (CDKTF). */
export interface StandInProxyProps {
  /** The validated blueprint (`internet.egress` `InternetEgressMode.BUILT_IN`). */
  readonly blueprint: Blueprint;
  /** The Internet segment's VPC ID. */
  readonly vpcId: string;
  /** The Internet segment's proxy subnet IDs, in the plan's order (one per AZ). */
  readonly subnetIds: string[];
}

/**
 * The Internet segment's web proxy standing in for the security cloud's (`InternetEgressMode.BUILT_IN`, IN-1), for
 * Terraform: the same resources as the AWS CDK `StandInProxy`, from the same plan. The workload subnets have no way out of
 * their own: they use `endpoint` (`host:port`) as their HTTP(S) proxy.
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
  /** Name of the instances' IAM role. */
  public readonly roleName: string;
  /** The CloudWatch Logs group the instances ship Squid's access log to (LOG-1). */
  public readonly accessLogGroupName: string;
  /** The generated squid.conf, for design documents (設計書) and reviews. */
  public readonly squidConfig: string;

  constructor(scope: Construct, id: string, props: StandInProxyProps) {
    super(scope, id);
    const network = planOf(props.blueprint);
    const plan = network.standInProxy;
    if (!plan) throw new Error(`[${this.node.path}] the blueprint has no stand-in proxy: it needs internet.egress InternetEgressMode.BUILT_IN`);
    if (props.subnetIds.length !== plan.subnetKeys.length) {
      throw new Error(`[${this.node.path}] subnetIds has ${props.subnetIds.length} subnets; the plan has ${plan.subnetKeys.length} proxy subnets (${plan.subnetKeys.join(', ')})`);
    }
    this.port = plan.port;
    this.squidConfig = plan.squidConfig;
    const context = { region: new DataAwsRegion(this, 'Region'), partition: new DataAwsPartition(this, 'Partition'), networkTags: network.tags };
    const fleet = proxyFleet(this, plan, props, context, {
      name: 'Internet-proxy',
      lbGroup: 'Internet-segment web proxy load balancer: the proxy port from the workload subnets only',
      clientRule: 'Proxy clients (Internet-segment workload subnets)',
      instanceGroup: 'Internet-segment web proxy instances: clients in, the web out through the stand-in firewall',
      egressRule: (port) => `Proxied web traffic on ${port} (through the stand-in firewall)`,
      extraEgress: [],
      roleDescription: 'Internet-segment web proxy instances: SSM management and the access log',
      policyId: 'AccessLogPolicy',
      statements: [],
      userData: Buffer.from(plan.userData).toString('base64'),
    });
    this.instanceSecurityGroupId = fleet.instanceSecurityGroupId;
    this.roleName = fleet.roleName;
    this.accessLogGroupName = fleet.accessLogGroupName;
    this.loadBalancerDnsName = fleet.loadBalancerDnsName;
    this.autoScalingGroupName = fleet.autoScalingGroupName;
    this.endpoint = `${fleet.loadBalancerDnsName}:${plan.port}`;
  }
}
