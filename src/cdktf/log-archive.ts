import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { resourceTags } from './tags';
import { LoggingPlan } from '../plan/network-plan';

/** Inputs of `LogArchive`. */
export interface LogArchiveProps {
  readonly plan: LoggingPlan;
  /** The plan's tags. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The account ID the bucket policy lets log delivery write for. An attribute of a resource (not the
   * `aws_caller_identity` data source), so that `terraform plan` needs no AWS call.
   */
  readonly accountId: string;
}

/**
 * Where flow logs and firewall logs go (Terraform): a created, locked-down bucket, or the SIEM's bucket.
 * The same bucket settings as the AWS CDK renderer's log archive.
 */
export class LogArchive extends Construct {
  /** ARN of the log bucket. */
  public readonly bucketArn: string;
  /** Name of the log bucket. */
  public readonly bucketName: string;
  /** The created bucket, if we created one. */
  public readonly bucket?: S3Bucket;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const { plan, tags, accountId } = props;
    if (plan.bucketArn) {
      // The SIEM sink is someone else's bucket: its policy must let delivery.logs.amazonaws.com write.
      this.bucketArn = plan.bucketArn;
      this.bucketName = bucketNameOf(plan.bucketArn);
      return;
    }
    const bucket = new S3Bucket(this, 'Bucket', {
      bucketPrefix: 'jichitai-logs-',
      // Logs are audit evidence (監査証跡): Terraform refuses to destroy the bucket (the AWS CDK renderer retains it).
      // https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#prevent_destroy
      lifecycle: { preventDestroy: true },
      tags: resourceTags(tags, 'log-archive'),
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    const versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: bucket.id,
      rule: [{
        id: 'expire-logs',
        status: 'Enabled',
        // An empty filter applies the rule to every object.
        // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/s3_bucket_lifecycle_configuration#specifying-an-empty-filter
        filter: [{}],
        expiration: [{ days: plan.retentionDays }],
        noncurrentVersionExpiration: [{ noncurrentDays: 30 }],
      }],
      // A lifecycle configuration on a versioned bucket must follow the versioning configuration.
      dependsOn: [versioning],
    });
    // Log delivery for VPC flow logs and Network Firewall writes as delivery.logs.amazonaws.com; an explicit
    // policy avoids depending on the deploying role's right to edit the bucket policy at delivery setup.
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-permissions.html
    const delivery = { Service: 'delivery.logs.amazonaws.com' };
    new S3BucketPolicy(this, 'Policy', {
      bucket: bucket.id,
      policy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:*',
            Resource: [bucket.arn, `${bucket.arn}/*`],
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
          {
            Sid: 'AWSLogDeliveryWrite',
            Effect: 'Allow',
            Principal: delivery,
            Action: 's3:PutObject',
            Resource: [`${bucket.arn}/AWSLogs/${accountId}/*`, `${bucket.arn}/*/AWSLogs/${accountId}/*`],
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': accountId } },
          },
          {
            Sid: 'AWSLogDeliveryAclCheck',
            Effect: 'Allow',
            Principal: delivery,
            Action: ['s3:GetBucketAcl', 's3:ListBucket'],
            Resource: bucket.arn,
            Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
          },
        ],
      }),
      // S3 rejects a bucket policy while the public access block is being written.
      dependsOn: [publicAccess],
    });
    this.bucket = bucket;
    this.bucketArn = bucket.arn;
    this.bucketName = bucket.bucket;
  }
}

/** The bucket name of an S3 bucket ARN (`arn:aws:s3:::name`), computed by Terraform when the ARN is a reference. */
function bucketNameOf(arn: string): string {
  if (Token.isUnresolved(arn) || arn.includes('${')) return Token.asString(Fn.element(Fn.split(':::', arn), 1));
  return arn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
}
