import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { suppressNag } from './nag';
import { Zone } from '../model/segment';
import { cidrId } from '../plan/ids';
import { AttachmentKind, SecurityCloudMembershipPlan, TransitAttachmentPlan, TransitGatewayPlan } from '../plan/network-plan';

/** Construct id of the AwsCustomResource provider singleton (aws-cdk-lib custom-resources). */
const AWS_CUSTOM_RESOURCE_SINGLETON = 'AWS679f53fac002430cb0da5b7982bd2287';

/**
 * The transit gateway: one route table per attachment zone, no default association or propagation,
 * static routes and blackholes only, as planned.
 */
export class TransitHub extends Construct {
  /** The transit gateway ID. */
  public readonly transitGatewayId: string;
  private readonly gateway: ec2.CfnTransitGateway;

  constructor(scope: Construct, id: string, private readonly plan: TransitGatewayPlan, namePrefix: string) {
    super(scope, id);
    this.gateway = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      amazonSideAsn: plan.amazonSideAsn,
      // Nothing is associated or propagated implicitly: every route is declared (SEG-1).
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      description: `${namePrefix} transit gateway (三層の対策)`,
      tags: [{ key: 'Name', value: `${namePrefix}-tgw` }],
    });
    this.transitGatewayId = this.gateway.ref;
  }

  /**
   * Create the external attachments (VPN / existing) and the route tables, given the VPC attachments.
   * Separate from the constructor because the VPC attachments need the gateway ID first.
   */
  public wire(vpcAttachments: ReadonlyMap<Zone, string>): void {
    const attachmentIds = new Map<Zone, string>(vpcAttachments);
    for (const a of this.plan.attachments) {
      if (a.kind === AttachmentKind.VPC) continue;
      attachmentIds.set(a.zone, this.externalAttachment(a));
    }
    for (const table of this.plan.routeTables) {
      const attachmentId = attachmentIds.get(table.zone);
      if (!attachmentId) continue;
      const rt = new ec2.CfnTransitGatewayRouteTable(this, `RouteTable-${table.zone}`, {
        transitGatewayId: this.transitGatewayId,
        tags: [{ key: 'Name', value: `tgw-rt-${table.zone}` }, { key: 'jichitai:zone', value: table.zone }],
      });
      new ec2.CfnTransitGatewayRouteTableAssociation(this, `Association-${table.zone}`, {
        transitGatewayAttachmentId: attachmentId,
        transitGatewayRouteTableId: rt.ref,
      });
      for (const r of table.routes) {
        const target = r.targetZone ? attachmentIds.get(r.targetZone) : undefined;
        if (!r.blackhole && !target) continue;
        new ec2.CfnTransitGatewayRoute(this, `Route-${table.zone}-${cidrId(r.destination)}`, {
          transitGatewayRouteTableId: rt.ref,
          destinationCidrBlock: r.destination,
          blackhole: r.blackhole ? true : undefined,
          transitGatewayAttachmentId: r.blackhole ? undefined : target,
        });
      }
    }
  }

  private externalAttachment(a: TransitAttachmentPlan): string {
    if (a.kind === AttachmentKind.EXISTING) return a.attachmentId!;
    const cgw = new ec2.CfnCustomerGateway(this, `CustomerGateway-${a.zone}`, {
      ipAddress: a.customerGatewayIp!,
      bgpAsn: a.customerGatewayAsn!,
      type: 'ipsec.1',
      tags: [{ key: 'Name', value: `cgw-${a.zone}` }, { key: 'jichitai:zone', value: a.zone }],
    });
    const vpn = new ec2.CfnVPNConnection(this, `Vpn-${a.zone}`, {
      customerGatewayId: cgw.ref,
      transitGatewayId: this.transitGatewayId,
      type: 'ipsec.1',
      // Routes live in the transit gateway route tables, where they are declared and checked.
      staticRoutesOnly: true,
      tags: [{ key: 'Name', value: `vpn-${a.zone}` }, { key: 'jichitai:zone', value: a.zone }],
    });
    // AWS::EC2::VPNConnection does not return its transit gateway attachment ID; look it up at deploy
    // time (not at synth time: synthesis needs no AWS call).
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeTransitGatewayAttachments.html
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeTransitGatewayAttachments',
      parameters: {
        Filters: [
          { Name: 'resource-id', Values: [vpn.ref] },
          { Name: 'transit-gateway-id', Values: [this.transitGatewayId] },
        ],
      },
      physicalResourceId: cr.PhysicalResourceId.of(`${a.zone}-vpn-attachment`),
      outputPaths: ['TransitGatewayAttachments.0.TransitGatewayAttachmentId'],
    };
    const lookup = new cr.AwsCustomResource(this, `VpnAttachmentLookup-${a.zone}`, {
      onCreate: call,
      onUpdate: call,
      // DescribeTransitGatewayAttachments supports no resource-level permissions.
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    lookup.node.addDependency(vpn);
    const policy = lookup.node.tryFindChild('CustomResourcePolicy');
    if (policy) {
      suppressNag(policy, [{
        id: 'AwsSolutions-IAM5',
        reason: 'ec2:DescribeTransitGatewayAttachments is read-only and supports no resource-level permissions (Service Authorization Reference for Amazon EC2), so its resource must be "*".',
      }]);
    }
    // The provider function is a stack-level singleton of aws-cdk-lib's AwsCustomResource.
    const provider = Stack.of(this).node.tryFindChild(AWS_CUSTOM_RESOURCE_SINGLETON);
    const role = provider?.node.tryFindChild('ServiceRole');
    if (role) {
      suppressNag(role, [{
        id: 'AwsSolutions-IAM4',
        reason: 'The AwsCustomResource provider of aws-cdk-lib uses the AWS managed AWSLambdaBasicExecutionRole only to write its own CloudWatch Logs.',
      }]);
    }
    return lookup.getResponseField('TransitGatewayAttachments.0.TransitGatewayAttachmentId');
  }
}

/**
 * A same-app member's side of the prefecture security cloud hub's transit gateway (自治体情報セキュリティクラウド): its own
 * route table there, associated with its attachment and holding only the propagation of the hub VPC attachment (the
 * hub CIDR), and the propagation of its attachment into the hub table. Created by the member, so that references go
 * member → hub only (no cross-stack cycle). Nothing when the hub's owner creates the member's table (other account).
 */
export class SecurityCloudMembership extends Construct {
  /** The member's route table on the hub's transit gateway. */
  public readonly routeTableId: string;

  constructor(scope: Construct, id: string, membership: SecurityCloudMembershipPlan, attachmentId: string, namePrefix: string) {
    super(scope, id);
    const zoneTag = { key: 'jichitai:zone', value: membership.attachment.zone };
    const table = new ec2.CfnTransitGatewayRouteTable(this, 'RouteTable', {
      transitGatewayId: membership.attachment.transitGatewayId!,
      tags: [{ key: 'Name', value: `${namePrefix}-security-cloud-member` }, zoneTag],
    });
    new ec2.CfnTransitGatewayRouteTableAssociation(this, 'Association', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: table.ref,
    });
    new ec2.CfnTransitGatewayRouteTablePropagation(this, 'HubPropagation', {
      transitGatewayAttachmentId: membership.hubAttachmentId!,
      transitGatewayRouteTableId: table.ref,
    });
    new ec2.CfnTransitGatewayRouteTablePropagation(this, 'MemberPropagation', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: membership.hubRouteTableId!,
    });
    this.routeTableId = table.ref;
  }
}
