import * as ec2 from 'aws-cdk-lib/aws-ec2';
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
}

/**
 * The IDS hook: VPC traffic mirroring of chosen ENIs to a third-party IDS appliance
 * (a GWLB endpoint, an NLB, or an ENI), with a filter that mirrors everything.
 * https://docs.aws.amazon.com/vpc/latest/mirroring/what-is-traffic-mirroring.html
 */
export class IdsMirroring extends Construct {
  /** The mirror target ID. */
  public readonly targetId: string;
  /** The mirror filter ID. */
  public readonly filterId: string;
  private sessions = 0;

  constructor(scope: Construct, id: string, props: IdsMirroringProps) {
    super(scope, id);
    const t = props.target;
    const target = new ec2.CfnTrafficMirrorTarget(this, 'Target', {
      description: 'IDS appliance (jichitai-network IDS hook)',
      gatewayLoadBalancerEndpointId: t.startsWith('vpce-') ? t : undefined,
      networkInterfaceId: t.startsWith('eni-') ? t : undefined,
      networkLoadBalancerArn: t.startsWith('arn:') ? t : undefined,
    });
    const filter = new ec2.CfnTrafficMirrorFilter(this, 'Filter', { description: 'Mirror all traffic to the IDS' });
    for (const direction of ['ingress', 'egress']) {
      new ec2.CfnTrafficMirrorFilterRule(this, `Filter-${direction}`, {
        trafficMirrorFilterId: filter.ref,
        trafficDirection: direction,
        ruleNumber: 100,
        ruleAction: 'accept',
        sourceCidrBlock: '0.0.0.0/0',
        destinationCidrBlock: '0.0.0.0/0',
        description: `all ${direction} traffic`,
      });
    }
    this.targetId = target.ref;
    this.filterId = filter.ref;
    for (const eni of props.networkInterfaceIds ?? []) this.addMirroredInterface(eni);
  }

  /** Mirror one more network interface to the IDS. The topology guard refuses the session unless SEG-1 is acknowledged (see `TrafficMirroringOptions`). */
  public addMirroredInterface(networkInterfaceId: string): void {
    this.sessions += 1;
    new ec2.CfnTrafficMirrorSession(this, `Session-${this.sessions}`, {
      networkInterfaceId,
      trafficMirrorTargetId: this.targetId,
      trafficMirrorFilterId: this.filterId,
      sessionNumber: 1,
      description: `Mirror ${networkInterfaceId} to the IDS`,
    });
  }
}
