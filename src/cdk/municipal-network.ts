import { Arn, ArnFormat, Stack, Tags, Token } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TopologyGuard } from './guard';
import { LogArchive } from './log-archive';
import { IdsMirroring } from './mirroring';
import { SegmentNetwork } from './segment-network';
import { TenantProxy } from './tenant-proxy';
import { SecurityCloudMembership, TransitHub } from './transit-hub';
import { declareBlueprint, declareFlows, declareHosts, declareSiem, flowsOfBlueprint, hostsOfBlueprint, siemOfLogging } from '../guard/declared';
import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { joinSecurityCloud } from '../model/join-security-cloud';
import { ISecurityCloud } from '../model/security-cloud';
import { Segment, Zone } from '../model/segment';
import { Blueprint } from '../model/validate';
import { planOf } from '../plan/cache';

/** Props of `MunicipalNetwork`: the blueprint itself, and the prefecture security cloud hub to join, if any. */
export interface MunicipalNetworkProps extends MunicipalNetworkBlueprintProps {
  /**
   * The prefecture security cloud hub (自治体情報セキュリティクラウド) of the same app to join: fills
   * `internet.securityCloudHub` from `securityCloud.connectionFor(localGovernmentCode)` (give one or the other, not both).
   * @default - no hub of the same app (`internet.securityCloudHub` may still name one by its attributes)
   */
  readonly securityCloud?: ISecurityCloud;
}

/**
 * A whole municipality's network in one construct, in the MIC model of your choice (α, α′, β, β′):
 * one VPC per segment of the three-layer separation (三層の対策), a transit gateway that carries only
 * the declared flows, the α′ local breakout or the Internet segment's egress, DNS Firewall, flow and
 * firewall logs. The props are validated first; every problem is reported at once.
 */
export class MunicipalNetwork extends Construct {
  /** The validated blueprint. */
  public readonly blueprint: Blueprint;
  /** My Number segment (マイナンバー利用事務系). */
  public readonly myNumber: SegmentNetwork;
  /** LGWAN segment (LGWAN接続系). */
  public readonly lgwan: SegmentNetwork;
  /** Internet segment (インターネット接続系). */
  public readonly internet: SegmentNetwork;
  /** The transit gateway ID. */
  public readonly transitGatewayId: string;
  /** ARN of the bucket that receives flow and firewall logs. */
  public readonly logBucketArn: string;
  /** The log bucket, if this construct created it (not when a SIEM bucket was given). */
  public readonly logBucket?: s3.IBucket;
  /** The tenant-restriction forward proxy (α′ cases イ/ウ), if any: configure terminals with its address. */
  public readonly tenantProxy?: TenantProxy;
  /**
   * With `InternetEgressMode.BUILT_IN`, `host:port` of the Internet segment's web proxy (standing in for the security
   * cloud's): the Internet segment's workloads have no other way to the internet and use it as their HTTP(S) proxy.
   */
  public readonly standInProxyEndpoint?: string;
  /** Traffic mirroring to the IDS, if configured. */
  public readonly mirroring?: IdsMirroring;
  /** The Internet segment's attachment to the prefecture security cloud hub's transit gateway, when joined. */
  public readonly securityCloudHubAttachmentId?: string;
  /** The member's own route table on the hub's transit gateway, when joined in the same app (`hubRouteTableId` given). */
  public readonly securityCloudRouteTableId?: string;
  /** The hub's web proxy (`host:port`) to configure in the Internet segment's browsers, when joined and given. */
  public readonly securityCloudProxyEndpoint?: string;

  constructor(scope: Construct, id: string, props: MunicipalNetworkProps) {
    // Validate before joining the construct tree, so that bad props leave nothing half-built behind.
    // The stack's region, when it is known at synth time, is the one the availability zones must belong to.
    const region = Stack.of(scope).region;
    const blueprint = Blueprint.validate(joinSecurityCloud(props), Token.isUnresolved(region) ? undefined : region);
    // Planning can still refuse (e.g. a proxy configuration over the user-data limit): also before joining the tree.
    const plan = planOf(blueprint);
    super(scope, id);
    this.blueprint = blueprint;

    for (const [key, value] of Object.entries(plan.tags)) Tags.of(this).add(key, value);

    const logs = new LogArchive(this, 'Logs', plan.logging);
    this.logBucketArn = logs.bucketArn;
    this.logBucket = logs.bucket;
    const logBucketName = logs.bucket
      ? logs.bucket.bucketName
      : Token.isUnresolved(logs.bucketArn)
        ? Arn.split(logs.bucketArn, ArnFormat.NO_RESOURCE_NAME).resource
        : logs.bucketArn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];

    const hub = new TransitHub(this, 'Transit', plan.transitGateway, plan.municipality.replace(/[^A-Za-z0-9-]/g, '') || 'jichitai');
    this.transitGatewayId = hub.transitGatewayId;

    const segmentProps = { blueprint: this.blueprint, transitGatewayId: hub.transitGatewayId, logBucketArn: logs.bucketArn, logBucketName };
    this.myNumber = new SegmentNetwork(this, 'MyNumber', { ...segmentProps, segment: Segment.MY_NUMBER });
    this.lgwan = new SegmentNetwork(this, 'Lgwan', { ...segmentProps, segment: Segment.LGWAN });
    this.internet = new SegmentNetwork(this, 'Internet', { ...segmentProps, segment: Segment.INTERNET });

    this.tenantProxy = this.lgwan.tenantProxy;
    this.standInProxyEndpoint = this.internet.standInProxy?.endpoint;

    // A member of the prefecture security cloud hub: in the same app, its own table on the hub's transit gateway.
    const membership = plan.securityCloudMembership;
    this.securityCloudHubAttachmentId = this.internet.securityCloudHubAttachmentId;
    this.securityCloudProxyEndpoint = membership?.proxyEndpoint;
    if (membership?.hubRouteTableId && membership.hubAttachmentId && this.securityCloudHubAttachmentId) {
      this.securityCloudRouteTableId = new SecurityCloudMembership(this, 'SecurityCloudMembership', membership, this.securityCloudHubAttachmentId,
        plan.municipality.replace(/[^A-Za-z0-9-]/g, '') || 'jichitai').routeTableId;
    }

    hub.wire(new Map([
      [Zone.MY_NUMBER, this.myNumber.transitGatewayAttachmentId!],
      [Zone.LGWAN, this.lgwan.transitGatewayAttachmentId!],
      [Zone.INTERNET, this.internet.transitGatewayAttachmentId!],
    ]));

    // The guard reads what is synthesized (ours and anything added to the stack by hand) and refuses a forbidden topology;
    // it also proves the declared flows open (FLOW-1).
    TopologyGuard.apply(this, {
      model: plan.model, alphaPrimeCase: plan.alphaPrimeCase, language: blueprint.props.language, designDocuments: blueprint.props.designDocuments,
    });
    // On the stack (what its guard checks) and on the network itself (which part of the stack declared them).
    const flows = flowsOfBlueprint(blueprint.hosts, blueprint.flows);
    const hosts = hostsOfBlueprint(blueprint.hosts, blueprint.props.breakout?.updateClients);
    declareFlows(Stack.of(this), flows);
    declareFlows(this, flows);
    declareBlueprint(Stack.of(this), blueprint.props);
    declareHosts(Stack.of(this), hosts);
    declareHosts(this, hosts);
    // The SIEM its logs must reach in β / β′ (LOG-1): a literal ARN, or the hub's bucket by a reference (a token).
    const siem = siemOfLogging(plan.logging, (v) => Token.isUnresolved(v));
    if (siem) {
      declareSiem(Stack.of(this), siem);
      declareSiem(this, siem);
    }

    if (plan.trafficMirroring) {
      this.mirroring = new IdsMirroring(this, 'IdsMirroring', {
        target: plan.trafficMirroring.target,
        networkInterfaceIds: plan.trafficMirroring.networkInterfaceIds,
      });
    }
  }
}
