import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { suppressNag } from './nag';
import { LoggingPlan } from '../plan/network-plan';

/**
 * Where flow logs and firewall logs go: a created, locked-down bucket, or the SIEM's bucket.
 */
export class LogArchive extends Construct {
  /** ARN of the log bucket. */
  public readonly bucketArn: string;
  /** The created bucket, if we created one. */
  public readonly bucket?: s3.IBucket;

  constructor(scope: Construct, id: string, plan: LoggingPlan) {
    super(scope, id);
    if (plan.bucketArn) {
      // The SIEM sink is someone else's bucket: its policy must let delivery.logs.amazonaws.com write.
      this.bucketArn = plan.bucketArn;
      return;
    }
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(plan.retentionDays), noncurrentVersionExpiration: Duration.days(30) }],
      // Logs are audit evidence (監査証跡): never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Log delivery for VPC flow logs and Network Firewall writes as delivery.logs.amazonaws.com; an explicit
    // policy avoids depending on the deploying role's right to edit the bucket policy at delivery setup.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
    const account = Stack.of(this).account;
    const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSLogDeliveryWrite',
      principals: [delivery],
      actions: ['s3:PutObject'],
      resources: [bucket.arnForObjects(`AWSLogs/${account}/*`), bucket.arnForObjects(`*/AWSLogs/${account}/*`)],
      // The account as CloudFormation's pseudo parameter, even when the stack's env names it: a literal account ID cannot
      // be told from another account's (the guard reads this policy for relays, rules/relays.ts, as MN-5 reads endpoints').
      conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    bucket.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AWSLogDeliveryAclCheck',
      principals: [delivery],
      actions: ['s3:GetBucketAcl', 's3:ListBucket'],
      resources: [bucket.bucketArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }));
    suppressNag(bucket, [{
      id: 'AwsSolutions-S1',
      reason: 'This is the log archive itself: logging its access into itself would loop, and into another bucket only moves the question. Use CloudTrail S3 data events where the audit requires object-level access records.',
    }]);
    this.bucket = bucket;
    this.bucketArn = bucket.bucketArn;
  }
}
