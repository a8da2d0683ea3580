/**
 * A prefecture hub synthesized in its own app, and the outputs its deployment would write, for the tests of a member in
 * another app guarded with the hub's evidence (`securityCloudHub`). The deployed values are made up the way AWS makes
 * them (a `tgw-…` id, the bucket's name and ARN): the tests give the member the same literals, as the hub's owner would.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hubProps } from './fixtures';
import { SecurityCloudProps } from '../../src/model/security-cloud';

/** The member under test: its code, and its Internet segment's VPC CIDR (the β blueprint's, read from its template). */
export const MEMBER_CODE = '131016';
export const MEMBER_INTERNET_CIDR = '10.0.128.0/17';
/** The hub's deployed ids. */
export const DEPLOYED = {
  transitGatewayId: 'tgw-0a1b2c3d4e5f60718',
  siemBucketName: 'aws-waf-logs-example-pref-siem-123456789012',
  siemBucketArn: 'arn:aws:s3:::aws-waf-logs-example-pref-siem-123456789012',
  memberAttachmentId: 'tgw-attach-0123456789abcdef0',
};

/** Hub props declaring the member under test in another account, with its attachment; the other member joins in the hub's app. */
export function crossAppHubProps(): SecurityCloudProps {
  const base = hubProps();
  return {
    ...base,
    members: [
      { ...base.members![0], localGovernmentCode: MEMBER_CODE, internetCidr: MEMBER_INTERNET_CIDR, mailServer: '10.0.130.25', attachmentId: DEPLOYED.memberAttachmentId },
      base.members![1],
    ],
    publicWeb: { ...base.publicWeb!, sites: [{ hostName: 'www.city-a.example.lg.jp', localGovernmentCode: MEMBER_CODE, targets: ['10.0.130.80'] }] },
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-hub-'));
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/**
 * A made-up physical id for a resource type (what a deployment would return), stable per logical id: the transit gateway
 * and the SIEM bucket get the ids the member is given.
 */
export function deployedId(type: string, logicalId: string, attribute: 'ref' | 'arn'): string {
  if (type === 'AWS::EC2::TransitGateway' || type === 'aws_ec2_transit_gateway') return DEPLOYED.transitGatewayId;
  if (type === 'AWS::S3::Bucket' || type === 'aws_s3_bucket') return attribute === 'arn' ? DEPLOYED.siemBucketArn : DEPLOYED.siemBucketName;
  const hex = createHash('sha256').update(logicalId).digest('hex').slice(0, 17);
  const prefix: Record<string, string> = {
    'AWS::EC2::TransitGatewayRouteTable': 'tgw-rtb',
    'aws_ec2_transit_gateway_route_table': 'tgw-rtb',
    'AWS::EC2::TransitGatewayAttachment': 'tgw-attach',
    'aws_ec2_transit_gateway_vpc_attachment': 'tgw-attach',
  };
  return `${prefix[type] ?? 'id'}-${hex}`;
}
