import { Ec2TrafficMirrorFilter } from '@cdktf/provider-aws/lib/ec2-traffic-mirror-filter';
import { Ec2TrafficMirrorFilterRule } from '@cdktf/provider-aws/lib/ec2-traffic-mirror-filter-rule';
import { Ec2TrafficMirrorSession } from '@cdktf/provider-aws/lib/ec2-traffic-mirror-session';
import { Ec2TrafficMirrorTarget } from '@cdktf/provider-aws/lib/ec2-traffic-mirror-target';
import { Construct } from 'constructs';

/** Props of `IdsMirroring`. */
export interface IdsMirroringProps {
  /** A Gateway Load Balancer endpoint ID (`vpce-...`), an NLB ARN, or an ENI ID (`eni-...`). */
  readonly target: string;
  /**
   * ENIs to mirror now; more can be added with `addMirroredInterface`.
   * @default - none
   */
  readonly networkInterfaceIds?: string[];
  /**
   * Tags for the mirroring resources.
   * @default - none
   */
  readonly tags?: Record<string, string>;
}

/**
 * The IDS hook (Terraform): VPC traffic mirroring of chosen ENIs to a third-party IDS appliance
 * (a GWLB endpoint, an NLB, or an ENI), with a filter that mirrors everything.
 * https://docs.aws.amazon.com/vpc/latest/mirroring/what-is-traffic-mirroring.html
 */
export class IdsMirroring extends Construct {
  /** The mirror target ID. */
  public readonly targetId: string;
  /** The mirror filter ID. */
  public readonly filterId: string;
  private readonly tags: Record<string, string>;
  private sessions = 0;

  constructor(scope: Construct, id: string, props: IdsMirroringProps) {
    super(scope, id);
    this.tags = { ...props.tags };
    const t = props.target;
    const target = new Ec2TrafficMirrorTarget(this, 'Target', {
      description: 'IDS appliance (jichitai-network IDS hook)',
      gatewayLoadBalancerEndpointId: t.startsWith('vpce-') ? t : undefined,
      networkInterfaceId: t.startsWith('eni-') ? t : undefined,
      networkLoadBalancerArn: t.startsWith('arn:') ? t : undefined,
      tags: { ...this.tags, Name: 'ids-target' },
    });
    const filter = new Ec2TrafficMirrorFilter(this, 'Filter', { description: 'Mirror all traffic to the IDS', tags: { ...this.tags, Name: 'ids-filter' } });
    for (const direction of ['ingress', 'egress']) {
      new Ec2TrafficMirrorFilterRule(this, `Filter-${direction}`, {
        trafficMirrorFilterId: filter.id,
        trafficDirection: direction,
        ruleNumber: 100,
        ruleAction: 'accept',
        sourceCidrBlock: '0.0.0.0/0',
        destinationCidrBlock: '0.0.0.0/0',
        description: `all ${direction} traffic`,
      });
    }
    this.targetId = target.id;
    this.filterId = filter.id;
    for (const eni of props.networkInterfaceIds ?? []) this.addMirroredInterface(eni);
  }

  /** Mirror one more network interface to the IDS. The topology guard refuses the session unless SEG-1 is acknowledged (see `TrafficMirroringOptions`). */
  public addMirroredInterface(networkInterfaceId: string): void {
    this.sessions += 1;
    new Ec2TrafficMirrorSession(this, `Session-${this.sessions}`, {
      networkInterfaceId,
      trafficMirrorTargetId: this.targetId,
      trafficMirrorFilterId: this.filterId,
      sessionNumber: 1,
      description: `Mirror ${networkInterfaceId} to the IDS`,
      tags: { ...this.tags, Name: `ids-session-${this.sessions}` },
    });
  }
}
