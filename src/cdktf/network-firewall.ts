import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { NetworkfirewallFirewallPolicy, NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { Construct } from 'constructs';
import { resourceTags } from './tags';
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
  /** The plan's tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * AWS Network Firewall rendered from a `FirewallPlan` (Terraform): one policy and its rule groups, and one
 * firewall per AZ, as the AWS CDK renderer does. A single-subnet firewall has exactly one endpoint, so each AZ's
 * endpoint ID can be named in routes although `sync_states` is an unordered set.
 */
export class PlannedFirewall extends Construct {
  /** VPC endpoint ID of the firewall in each AZ, by AZ index. */
  public readonly endpointIds: string[] = [];
  /** The firewall policy ARN. */
  public readonly policyArn: string;
  /** The firewalls, by AZ index. */
  public readonly firewalls: NetworkfirewallFirewall[] = [];

  constructor(scope: Construct, id: string, props: PlannedFirewallProps) {
    super(scope, id);
    const { plan, vpcId, subnets, subnetIds, logBucketName, namePrefix } = props;
    const tags = (name: string) => resourceTags(props.tags, name, { [SEGMENT_TAG_KEY]: plan.segment });

    const groupRefs: NetworkfirewallFirewallPolicyFirewallPolicyStatefulRuleGroupReference[] = plan.ruleGroups.map((g) => {
      const name = `${namePrefix}-${plan.key}-${g.key}`;
      const group = new NetworkfirewallRuleGroup(this, `RuleGroup-${g.key}`, {
        name,
        type: 'STATEFUL',
        capacity: g.capacity,
        description: g.description,
        tags: tags(name),
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          ruleVariables: { ipSets: [{ key: 'HOME_NET', ipSet: { definition: g.homeNet } }] },
          rulesSource: g.domainList
            ? {
              rulesSourceList: {
                targets: g.domainList.targets,
                targetTypes: g.domainList.targetTypes,
                generatedRulesType: g.domainList.generatedRulesType,
              },
            }
            : { rulesString: g.rulesString },
        },
      });
      return { resourceArn: group.arn, priority: g.priority };
    });
    // AWS managed groups in the deploying partition and region, read by data sources as the other ARNs of the library are.
    if (plan.managedRuleGroups.length > 0) {
      const partition = new DataAwsPartition(this, 'Partition');
      const region = new DataAwsRegion(this, 'Region');
      for (const g of plan.managedRuleGroups) {
        groupRefs.push({ resourceArn: managedRuleGroupArn(partition.partition, region.name, g.name), priority: g.priority });
      }
    }
    plan.extraStatefulRuleGroupArns.forEach((arn, i) => groupRefs.push({ resourceArn: arn, priority: 1000 + i * 10 }));

    const policyName = `${namePrefix}-${plan.key}`;
    const policy = new NetworkfirewallFirewallPolicy(this, 'Policy', {
      name: policyName,
      description: plan.description,
      tags: tags(policyName),
      firewallPolicy: {
        statelessDefaultActions: plan.statelessDefaultActions,
        statelessFragmentDefaultActions: plan.statelessFragmentDefaultActions,
        statefulDefaultActions: plan.statefulDefaultActions,
        statefulEngineOptions: { ruleOrder: 'STRICT_ORDER' },
        statefulRuleGroupReference: groupRefs,
      },
    });
    this.policyArn = policy.arn;

    for (const subnet of subnets) {
      const name = `${namePrefix}-${plan.key}-${subnet.azIndex + 1}`;
      const firewall = new NetworkfirewallFirewall(this, `Firewall-${subnet.azIndex + 1}`, {
        name,
        description: `${plan.description} (${subnet.availabilityZone})`,
        firewallPolicyArn: policy.arn,
        vpcId,
        subnetMapping: [{ subnetId: subnetIds.get(subnet.key)! }],
        deleteProtection: true,
        firewallPolicyChangeProtection: false,
        subnetChangeProtection: true,
        tags: tags(name),
      });
      // sync_states holds one element per subnet mapping, here exactly one.
      // https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/networkfirewall_firewall#sync_states
      this.endpointIds[subnet.azIndex] = `\${tolist(${firewall.fqn}.firewall_status[0].sync_states)[0].attachment[0].endpoint_id}`;
      new NetworkfirewallLoggingConfiguration(this, `Logging-${subnet.azIndex + 1}`, {
        firewallArn: firewall.arn,
        loggingConfiguration: {
          logDestinationConfig: ['ALERT', 'FLOW'].map((logType) => ({
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
