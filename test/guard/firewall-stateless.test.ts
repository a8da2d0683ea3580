/**
 * The stateless engine of a Network Firewall policy runs before its stateful rules: `aws:pass` there (a default action, a
 * fragment default action, a rule of a stateless rule group) lets packets around the FQDN allow-list (AP-1), the stand-in's
 * IPS (IN-1) and the hub's inspection (SC-2). One shared check (rules/stateless-engine.ts), in both engines. Also IN-1's
 * reading of an override that turns a managed group's drops into alerts (API_StatefulRuleGroupOverride).
 * https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RuleDefinition.html
 */
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { exampleFindings } from './example-findings';
import { prefectureCfn, prefectureTf } from './security-cloud-fixture';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';

const MANAGED = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder';

const cfnPolicy = (segment: IConstruct) =>
  segment.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as CfnResource;
const tfPolicy = (segment: IConstruct) =>
  segment.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as NetworkfirewallFirewallPolicy;

/** One rule's findings on a CDKTF reference example after a change (the guard's own run skipped). */
function tfFindings(name: string, ruleId: string, change: (stack: any, net: tf.MunicipalNetwork) => void): string[] {
  const { stack, network } = buildTfExample(name, Testing.app());
  change(stack, network);
  const json = JSON.parse(Testing.synth(stack, false));
  const options = { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase };
  return checkTopology(extractTerraform({ [stack.node.id]: json }), options)
    .filter((f) => f.ruleId === ruleId).map(formatFinding);
}

/** A CloudFormation stateless rule group whose one rule has `actions` (match attributes: every packet, unless given). */
function cfnStatelessGroup(stack: Stack, actions: unknown, match: Record<string, unknown> = {}): string {
  return new nfw.CfnRuleGroup(stack, 'MutStateless', {
    ruleGroupName: 'mut-stateless',
    type: 'STATELESS',
    capacity: 10,
    ruleGroup: {
      rulesSource: {
        statelessRulesAndCustomActions: {
          statelessRules: [{ priority: 1, ruleDefinition: { actions: actions as string[], matchAttributes: match } }],
        },
      },
    },
  }).attrRuleGroupArn;
}

/** A Terraform stateless rule group whose one rule has `actions`. */
function tfStatelessGroup(stack: any, actions: string[]): string {
  return new NetworkfirewallRuleGroup(stack, 'MutStateless', {
    name: 'mut-stateless',
    type: 'STATELESS',
    capacity: 10,
    ruleGroup: {
      rulesSource: { statelessRulesAndCustomActions: { statelessRule: [{ priority: 1, ruleDefinition: { actions, matchAttributes: {} } }] } },
    } as any,
  }).arn;
}

describe('AP-1: the α′ breakout firewall hands every packet to its stateful engine', () => {
  test('the untouched example complies in both engines', () => {
    expect(exampleFindings('alpha-prime', 'AP-1')).toEqual([]);
    expect(tfFindings('alpha-prime', 'AP-1', () => undefined)).toEqual([]);
  });

  test.each([
    ['StatelessDefaultActions', 'stateless default actions'],
    ['StatelessFragmentDefaultActions', 'stateless fragment default actions'],
  ])('CloudFormation: %s aws:pass is refused (critical)', (property, words) => {
    const found = exampleFindings('alpha-prime', 'AP-1', (_, net) =>
      cfnPolicy(net.lgwan).addPropertyOverride(`FirewallPolicy.${property}`, ['aws:pass'])).join('\n');
    expect(found).toMatch(new RegExp(`AP-1 critical .*firewall \\S+ does not hand every packet to the stateful engine \\(${words}: aws:pass\\)\\. Fix: set the stateless default actions`));
  });

  test.each([
    ['statelessDefaultActions', 'stateless default actions'],
    ['statelessFragmentDefaultActions', 'stateless fragment default actions'],
  ])('Terraform: %s aws:pass is refused (critical)', (property, words) => {
    const found = tfFindings('alpha-prime', 'AP-1', (_, net) => {
      const policy = tfPolicy(net.lgwan);
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, [property]: ['aws:pass'] });
    }).join('\n');
    expect(found).toMatch(new RegExp(`AP-1 critical .*does not hand every packet to the stateful engine \\(${words}: aws:pass\\)`));
  });

  test('a stateless rule group passing packets is refused in both engines, naming the rule; one that forwards or drops (with a custom action) is not', () => {
    const withGroup = (actions: unknown, match?: Record<string, unknown>) => exampleFindings('alpha-prime', 'AP-1', (stack, net) =>
      cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessRuleGroupReferences', [{ Priority: 1, ResourceArn: cfnStatelessGroup(stack, actions, match) }]));
    expect(withGroup(['aws:pass']).join('\n'))
      .toMatch(/does not hand every packet to the stateful engine: stateless rule group MutStateless passes packets around it \(priority 1, any protocol from anywhere to anywhere any port; actions: aws:pass\)/);
    // Whatever it matches: a stateless rule sees no domain name.
    expect(withGroup(['aws:pass', 'MyMetrics'], { protocols: [17], destinations: [{ addressDefinition: '203.0.113.0/24' }], destinationPorts: [{ fromPort: 53, toPort: 53 }] }).join('\n'))
      .toMatch(/passes packets around it \(priority 1, protocols 17 from anywhere to 203\.0\.113\.0\/24 ports 53; actions: aws:pass, MyMetrics\)/);
    expect(withGroup(['aws:forward_to_sfe', 'MyMetrics'])).toEqual([]);
    expect(withGroup(['aws:drop'])).toEqual([]);
    const tfFound = tfFindings('alpha-prime', 'AP-1', (stack, net) => {
      const policy = tfPolicy(net.lgwan);
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessRuleGroupReference: [{ priority: 1, resourceArn: tfStatelessGroup(stack, ['aws:pass']) }] });
    }).join('\n');
    expect(tfFound).toMatch(/stateless rule group aws_networkfirewall_rule_group\.MutStateless passes packets around it \(priority 1, .*actions: aws:pass\)/);
  });

  test('what the guard cannot judge counts as passing (fail closed): an expression, an unknown action, a stateless group outside the output', () => {
    const param = exampleFindings('alpha-prime', 'AP-1', (stack, net) =>
      cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessDefaultActions', [new CfnParameter(stack, 'Action', { default: 'aws:forward_to_sfe' }).valueAsString]));
    expect(param.join('\n')).toMatch(/does not hand every packet to the stateful engine \(stateless default actions: \{\{"Ref":"Action"\}\}\)/);
    // The expression beside aws:forward_to_sfe may still be aws:pass.
    const beside = exampleFindings('alpha-prime', 'AP-1', (stack, net) => cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessDefaultActions',
      ['aws:forward_to_sfe', new CfnParameter(stack, 'Extra').valueAsString]));
    expect(beside.join('\n')).toMatch(/stateless default actions: aws:forward_to_sfe, \{\{"Ref":"Extra"\}\}/);
    const ruleParam = exampleFindings('alpha-prime', 'AP-1', (stack, net) =>
      cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessRuleGroupReferences',
        [{ Priority: 1, ResourceArn: cfnStatelessGroup(stack, [new CfnParameter(stack, 'RuleAction').valueAsString]) }]));
    expect(ruleParam.join('\n')).toMatch(/the actions of a rule of stateless rule group MutStateless cannot be judged/);
    expect(exampleFindings('alpha-prime', 'AP-1', (_, net) => cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessDefaultActions', ['aws:forward_sfe'])).join('\n'))
      .toMatch(/stateless default actions: aws:forward_sfe/);
    const foreign = 'arn:aws:network-firewall:ap-northeast-1:111122223333:stateless-rulegroup/x';
    expect(exampleFindings('alpha-prime', 'AP-1', (_, net) =>
      cfnPolicy(net.lgwan).addPropertyOverride('FirewallPolicy.StatelessRuleGroupReferences', [{ Priority: 1, ResourceArn: foreign }])).join('\n'))
      .toMatch(/stateless rule group arn:aws:network-firewall:.*stateless-rulegroup\/x is outside the synthesized output, so its rules cannot be read/);
  });
});

describe('IN-1: the β′ stand-in for the security cloud', () => {
  test('a stateless aws:pass default is refused in both engines', () => {
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) =>
      cfnPolicy(net.internet).addPropertyOverride('FirewallPolicy.StatelessDefaultActions', ['aws:pass'])).join('\n'))
      .toMatch(/IN-1 error .*does not stand in for the security cloud: firewall \S+ does not hand every packet to the stateful engine \(stateless default actions: aws:pass\)/);
    expect(tfFindings('beta-prime', 'IN-1', (_, net) => {
      const policy = tfPolicy(net.internet);
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statelessFragmentDefaultActions: ['aws:pass'] });
    }).join('\n')).toMatch(/does not hand every packet to the stateful engine \(stateless fragment default actions: aws:pass\)/);
  });

  test('an AWS managed group overridden to alert (DROP_TO_ALERT) is no IPS in drop mode, in both engines', () => {
    // The managed group alone, under aws:drop_strict (aws:drop_established would also need a rule dropping what is not TCP).
    const cfnManaged = (override?: unknown) => exampleFindings('beta-prime', 'IN-1', (_, net) => {
      cfnPolicy(net.internet).addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', [{ Priority: 100, ResourceArn: MANAGED, ...(override ? { Override: override } : {}) }]);
      cfnPolicy(net.internet).addPropertyOverride('FirewallPolicy.StatefulDefaultActions', ['aws:drop_strict']);
    });
    expect(cfnManaged()).toEqual([]);
    expect(cfnManaged({ Action: 'DROP_TO_ALERT' }).join('\n'))
      .toMatch(/has no IPS in drop mode \(its AWS managed threat-signature groups are overridden to alert\): no AWS managed threat-signature group without an override to alert, nor any drop rule written by hand/);
    const tfManaged = (override?: { action: string }) => tfFindings('beta-prime', 'IN-1', (_, net) => {
      const policy = tfPolicy(net.internet);
      const references = [{ priority: 100, resourceArn: MANAGED, ...(override ? { override } : {}) }];
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulRuleGroupReference: references, statefulDefaultActions: ['aws:drop_strict'] });
    });
    expect(tfManaged()).toEqual([]);
    expect(tfManaged({ action: 'DROP_TO_ALERT' }).join('\n')).toMatch(/has no IPS in drop mode \(its AWS managed threat-signature groups are overridden to alert\)/);
  });

  test('a managed group overridden to alert is not the IPS a pass group needs ahead of it (rule order)', () => {
    const reordered = (override?: unknown) => exampleFindings('beta-prime', 'IN-1', (_, net) => {
      const policy = cfnPolicy(net.internet) as nfw.CfnFirewallPolicy;
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const refs = fp.statefulRuleGroupReferences as nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty[];
      // The managed group first (overridden), the plan's own dropping groups (IPS, deny-list) after the web pass group (300).
      policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', [
        { Priority: 1, ResourceArn: MANAGED, ...(override ? { Override: override } : {}) },
        ...refs.map((r) => ({ ResourceArn: r.resourceArn, Priority: (r.priority as number) < 300 ? (r.priority as number) + 800 : r.priority })),
      ]);
    });
    expect(reordered()).toEqual([]);
    expect(reordered({ Action: 'DROP_TO_ALERT' }).join('\n')).toMatch(/passes traffic in rule group \S+ \(priority 300\) before any IPS group drops it/);
  });
});

describe('SC-2: the hub\'s inspection firewall shares the check', () => {
  const sc2 = (graph: ReturnType<typeof extractCloudFormation>) => checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'SC-2').map(formatFinding);

  test('a stateless pass rule group or fragment default is refused in CloudFormation and Terraform; the reference passes', () => {
    const cfnWith = (edit: (fp: any, t: any) => void) => {
      const templates = prefectureCfn();
      const t = Object.values(templates)[0] as any;
      edit(t.Resources.FirewallPolicy.Properties.FirewallPolicy, t);
      return sc2(extractCloudFormation(templates));
    };
    expect(cfnWith(() => undefined)).toEqual([]);
    expect(cfnWith((fp) => { fp.StatelessFragmentDefaultActions = ['aws:pass']; }).join('\n'))
      .toMatch(/SC-2 error .*not the hub's inspection firewall: firewall \S+ does not hand every packet to the stateful engine \(stateless fragment default actions: aws:pass\)/);
    expect(cfnWith((fp, t) => {
      const rules = { StatelessRules: [{ Priority: 1, RuleDefinition: { Actions: ['aws:pass'], MatchAttributes: {} } }] };
      t.Resources.PassAll = {
        Type: 'AWS::NetworkFirewall::RuleGroup',
        Properties: { Type: 'STATELESS', Capacity: 10, RuleGroupName: 'p', RuleGroup: { RulesSource: { StatelessRulesAndCustomActions: rules } } },
      };
      fp.StatelessRuleGroupReferences = [{ Priority: 1, ResourceArn: { 'Fn::GetAtt': ['PassAll', 'RuleGroupArn'] } }];
    }).join('\n')).toMatch(/stateless rule group PassAll passes packets around it/);
    const config = prefectureTf() as any;
    const policy = Object.values(config.resource.aws_networkfirewall_firewall_policy)[0] as any;
    const rules = { stateless_rule: [{ priority: 1, rule_definition: { actions: ['aws:pass'], match_attributes: {} } }] };
    config.resource.aws_networkfirewall_rule_group = {
      ...config.resource.aws_networkfirewall_rule_group,
      pass_all: { name: 'p', type: 'STATELESS', capacity: 10, rule_group: { rules_source: { stateless_rules_and_custom_actions: rules } } },
    };
    policy.firewall_policy.stateless_rule_group_reference = [{ priority: 1, resource_arn: '${aws_networkfirewall_rule_group.pass_all.arn}' }];
    expect(sc2(extractTerraform({ prefecture: config })).join('\n')).toMatch(/stateless rule group aws_networkfirewall_rule_group\.pass_all passes packets around it/);
  });
});

