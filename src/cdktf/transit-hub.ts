import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { Construct } from 'constructs';
import { resourceTags } from './tags';
import { Zone } from '../model/segment';
import { cidrId } from '../plan/ids';
import { AttachmentKind, SecurityCloudMembershipPlan, TransitAttachmentPlan, TransitGatewayPlan } from '../plan/network-plan';

/** Inputs of `TransitHub`. */
export interface TransitHubProps {
  readonly plan: TransitGatewayPlan;
  /** Prefix of resource names. */
  readonly namePrefix: string;
  /** The plan's tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The transit gateway (Terraform): one route table per attachment zone, no default association or propagation,
 * static routes and blackholes only, as planned.
 */
export class TransitHub extends Construct {
  /** The transit gateway ID. */
  public readonly transitGatewayId: string;
  /** The account that owns the transit gateway (the deploying account), known after apply. */
  public readonly ownerId: string;
  private readonly plan: TransitGatewayPlan;
  private readonly tags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: TransitHubProps) {
    super(scope, id);
    this.plan = props.plan;
    this.tags = props.tags;
    const gateway = new Ec2TransitGateway(this, 'TransitGateway', {
      amazonSideAsn: props.plan.amazonSideAsn,
      // Nothing is associated or propagated implicitly: every route is declared (SEG-1).
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      autoAcceptSharedAttachments: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'enable',
      description: `${props.namePrefix} transit gateway (三層の対策)`,
      tags: resourceTags(props.tags, `${props.namePrefix}-tgw`),
    });
    this.transitGatewayId = gateway.id;
    this.ownerId = gateway.ownerId;
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
      const rt = new Ec2TransitGatewayRouteTable(this, `RouteTable-${table.zone}`, {
        transitGatewayId: this.transitGatewayId,
        tags: resourceTags(this.tags, `tgw-rt-${table.zone}`, { 'jichitai:zone': table.zone }),
      });
      new Ec2TransitGatewayRouteTableAssociation(this, `Association-${table.zone}`, {
        transitGatewayAttachmentId: attachmentId,
        transitGatewayRouteTableId: rt.id,
      });
      for (const r of table.routes) {
        const target = r.targetZone ? attachmentIds.get(r.targetZone) : undefined;
        if (!r.blackhole && !target) continue;
        new Ec2TransitGatewayRoute(this, `Route-${table.zone}-${cidrId(r.destination)}`, {
          transitGatewayRouteTableId: rt.id,
          destinationCidrBlock: r.destination,
          blackhole: r.blackhole ? true : undefined,
          transitGatewayAttachmentId: r.blackhole ? undefined : target,
        });
      }
    }
  }

  private externalAttachment(a: TransitAttachmentPlan): string {
    if (a.kind === AttachmentKind.EXISTING) return a.attachmentId!;
    const zoneTags = (name: string) => resourceTags(this.tags, name, { 'jichitai:zone': a.zone });
    const cgw = new CustomerGateway(this, `CustomerGateway-${a.zone}`, {
      ipAddress: a.customerGatewayIp!,
      bgpAsn: String(a.customerGatewayAsn!),
      type: 'ipsec.1',
      tags: zoneTags(`cgw-${a.zone}`),
    });
    const vpn = new VpnConnection(this, `Vpn-${a.zone}`, {
      customerGatewayId: cgw.id,
      transitGatewayId: this.transitGatewayId,
      type: 'ipsec.1',
      // Routes live in the transit gateway route tables, where they are declared and checked.
      staticRoutesOnly: true,
      tags: zoneTags(`vpn-${a.zone}`),
    });
    // Unlike AWS::EC2::VPNConnection, aws_vpn_connection returns its transit gateway attachment: no look-up needed.
    // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/vpn_connection#transit_gateway_attachment_id
    return vpn.transitGatewayAttachmentId;
  }
}

/**
 * A same-app member's side of the prefecture security cloud hub's transit gateway (自治体情報セキュリティクラウド), Terraform:
 * its own route table there, associated with its attachment and holding only the propagation of the hub VPC attachment
 * (the hub CIDR), and the propagation of its attachment into the hub table. Created by the member, so that references
 * go member → hub only. Nothing when the hub's owner creates the member's table (other account).
 */
export class SecurityCloudMembership extends Construct {
  /** The member's route table on the hub's transit gateway. */
  public readonly routeTableId: string;

  constructor(scope: Construct, id: string, membership: SecurityCloudMembershipPlan, attachmentId: string, namePrefix: string,
    tags: Readonly<Record<string, string>>) {
    super(scope, id);
    const table = new Ec2TransitGatewayRouteTable(this, 'RouteTable', {
      transitGatewayId: membership.attachment.transitGatewayId!,
      tags: resourceTags(tags, `${namePrefix}-security-cloud-member`, { 'jichitai:zone': membership.attachment.zone }),
    });
    new Ec2TransitGatewayRouteTableAssociation(this, 'Association', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: table.id,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, 'HubPropagation', {
      transitGatewayAttachmentId: membership.hubAttachmentId!,
      transitGatewayRouteTableId: table.id,
    });
    new Ec2TransitGatewayRouteTablePropagation(this, 'MemberPropagation', {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: membership.hubRouteTableId!,
    });
    this.routeTableId = table.id;
  }
}
