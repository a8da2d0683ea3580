/**
 * A security cloud hub written by hand in a CDKTF member's stack (no `SecurityCloud` construct): a transit gateway, a
 * hub VPC with one transit subnet and its attachment, a route table for the member and a SIEM bucket, handed to the
 * member as `securityCloud`, so that the member's references to it are Terraform references. For the member tests of
 * test/security-cloud/member-cdktf.test.ts and test/integration/security-cloud-member-terraform.test.ts. (A file of its
 * own: test/security-cloud/member-fixtures.ts serves the AWS CDK tests too, which need not load cdktf.)
 */
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformStack } from 'cdktf';
import { ISecurityCloud } from '../../src';

/** The hub's resources in `stack` (ids HubTgw, HubVpc, HubTransit, HubAttachment, HubTable, HubSiem), as a security cloud. */
export function handWrittenHub(stack: TerraformStack, dnsAddresses: string[]): ISecurityCloud {
  const tgw = new Ec2TransitGateway(stack, 'HubTgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
  const vpc = new Vpc(stack, 'HubVpc', { cidrBlock: '172.31.0.0/16' });
  const subnet = new Subnet(stack, 'HubTransit', { vpcId: vpc.id, cidrBlock: '172.31.0.0/28', availabilityZone: 'ap-northeast-1a' });
  const attachment = new Ec2TransitGatewayVpcAttachment(stack, 'HubAttachment', { transitGatewayId: tgw.id, vpcId: vpc.id, subnetIds: [subnet.id] });
  const table = new Ec2TransitGatewayRouteTable(stack, 'HubTable', { transitGatewayId: tgw.id });
  const bucket = new S3Bucket(stack, 'HubSiem', { bucketPrefix: 'aws-waf-logs-' });
  return {
    connectionFor: () => ({
      transitGatewayId: tgw.id,
      hubCidr: '172.31.0.0/16',
      dnsAddresses,
      siemBucketArn: bucket.arn,
      hubRouteTableId: table.id,
      hubAttachmentId: attachment.id,
    }),
  };
}
