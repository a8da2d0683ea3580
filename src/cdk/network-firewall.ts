import { Aws, Fn } from 'aws-cdk-lib';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Construct } from 'constructs';
import { SEGMENT_TAG_KEY } from '../model/segment';
import { managedRuleGroupArn } from '../model/threat-signatures';
import { FirewallPlan, SubnetPlan } from '../plan/network-plan';

/** Inputs of `PlannedFirewall`. */
export interface PlannedFirewallProps {
  readonly plan: FirewallPlan;
  readonly vpcId: string;
  /** The firewall subnets, one per AZ. */
  readonly subnets: SubnetPlan[];
  /** Subnet IDs by subnet key. */
  readonly subnetIds: ReadonlyMap<string, string>;
  readonly logBucketName: string;
  /** Key prefix of the log objects, ending in `/` (a member of the security cloud hub: `members/<code>/`); none by default. */
  readonly logPrefix?: string;
  readonly namePrefix: string;
}

/**
 * AWS Network Firewall rendered from a `FirewallPlan`: one policy and its rule groups, and one firewall
 * per AZ. One firewall per AZ (same policy, same price per endpoint) makes each firewall's single
 * endpoint ID addressable in routes without a deploy-time look-up, since `EndpointIds` is unordered.
 */
export class PlannedFirewall extends Construct {
  /** VPC endpoint ID of the firewall in each AZ, by AZ index. */
  public readonly endpointIds: string[] = [];
  /** The firewall policy ARN. */
  public readonly policyArn: string;
  /** The firewalls, by AZ index. */
  public readonly firewalls: nfw.CfnFirewall[] = [];

  constructor(scope: Construct, id: string, props: PlannedFirewallProps) {
    super(scope, id);
    const { plan, vpcId, subnets, subnetIds, logBucketName, namePrefix } = props;
    const tags = [{ key: SEGMENT_TAG_KEY, value: plan.segment }];

    const groupRefs: nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty[] = plan.ruleGroups.map((g) => {
      const ruleGroupName = `${namePrefix}-${plan.key}-${g.key}`;
      const group = new nfw.CfnRuleGroup(this, `RuleGroup-${g.key}`, {
        ruleGroupName,
        type: 'STATEFUL',
        capacity: g.capacity,
        description: g.description,
        tags: [...tags, { key: 'Name', value: ruleGroupName }],
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          ruleVariables: { ipSets: { HOME_NET: { definition: g.homeNet } } },
          rulesSource: g.domainList
            ? { rulesSourceList: { ...g.domainList } }
            : { rulesString: g.rulesString },
        },
      });
      return { resourceArn: group.attrRuleGroupArn, priority: g.priority };
    });
    // AWS managed groups in the deploying partition and region (pseudo parameters: the template stays region-agnostic).
    for (const g of plan.managedRuleGroups) {
      groupRefs.push({ resourceArn: managedRuleGroupArn(Aws.PARTITION, Aws.REGION, g.name), priority: g.priority });
    }
    plan.extraStatefulRuleGroupArns.forEach((arn, i) => groupRefs.push({ resourceArn: arn, priority: 1000 + i * 10 }));

    const policyName = `${namePrefix}-${plan.key}`;
    const policy = new nfw.CfnFirewallPolicy(this, 'Policy', {
      firewallPolicyName: policyName,
      description: plan.description,
      tags: [...tags, { key: 'Name', value: policyName }],
      firewallPolicy: {
        statelessDefaultActions: plan.statelessDefaultActions,
        statelessFragmentDefaultActions: plan.statelessFragmentDefaultActions,
        statefulDefaultActions: plan.statefulDefaultActions,
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
        statefulRuleGroupReferences: groupRefs,
      },
    });
    this.policyArn = policy.attrFirewallPolicyArn;

    for (const subnet of subnets) {
      const firewall = new nfw.CfnFirewall(this, `Firewall-${subnet.azIndex + 1}`, {
        firewallName: `${namePrefix}-${plan.key}-${subnet.azIndex + 1}`,
        description: `${plan.description} (${subnet.availabilityZone})`,
        firewallPolicyArn: policy.attrFirewallPolicyArn,
        vpcId,
        subnetMappings: [{ subnetId: subnetIds.get(subnet.key)! }],
        deleteProtection: true,
        firewallPolicyChangeProtection: false,
        subnetChangeProtection: true,
        tags: [...tags, { key: 'Name', value: `${namePrefix}-${plan.key}-${subnet.azIndex + 1}` }],
      });
      // EndpointIds is ["<az>:<vpce-id>"]; a single-subnet firewall has exactly one.
      this.endpointIds[subnet.azIndex] = splitEndpoint(firewall);
      new nfw.CfnLoggingConfiguration(this, `Logging-${subnet.azIndex + 1}`, {
        firewallArn: firewall.attrFirewallArn,
        loggingConfiguration: {
          logDestinationConfigs: ['ALERT', 'FLOW'].map((logType) => ({
            logType,
            logDestinationType: 'S3',
            logDestination: { bucketName: logBucketName, prefix: `${props.logPrefix ?? ''}network-firewall/${plan.key.toLowerCase()}/${logType.toLowerCase()}` },
          })),
        },
      });
      this.firewalls[subnet.azIndex] = firewall;
    }
  }
}

function splitEndpoint(firewall: nfw.CfnFirewall): string {
  return Fn.select(1, Fn.split(':', Fn.select(0, firewall.attrEndpointIds)));
}
