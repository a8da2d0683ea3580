/**
 * AP-2 (接続先制限) for the pass rules that follow the α′ breakout firewall's FQDN allow-list (outside tester, red team
 * 37): AP-1 bounded them to a /8 of addresses in all, so a pass to any /8 of the internet on 443 went through. A public
 * block they reach must now lie in the media ranges an allow-listed catalogue service publishes.
 */
import { Stack } from 'aws-cdk-lib';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { exampleFindings } from './example-findings';

/** The α′ example with its media group's rules replaced by one pass rule to `destination`. */
const passTo = (destination: string, port = '443') => exampleFindings('alpha-prime', 'AP-2', (stack) => {
  const media = stack.node.findAll().find((c): c is nfw.CfnRuleGroup => c instanceof nfw.CfnRuleGroup && /media/i.test(c.node.path));
  if (!media) throw new Error('test setup: the α′ example has no media rule group');
  media.addPropertyOverride('RuleGroup.RulesSource.RulesString', `pass tcp $HOME_NET any -> ${destination} ${port} (msg:"test"; sid:1000301; rev:1;)`);
});

test('the α′ example complies: its media group passes to the ranges Microsoft publishes for Teams', () => {
  expect(exampleFindings('alpha-prime', 'AP-2')).toEqual([]);
});

test('a pass to a /8 of the internet no allow-listed service publishes is refused (AP-2), naming the block', () => {
  expect(passTo('[8.0.0.0/8]').join('\n')).toMatch(/AP-2 error .*a pass rule after the allow-list reaches 8\.0\.0\.0\/8, which no allow-listed catalogue service publishes/);
  expect(passTo('[52.112.0.0/14, 203.0.113.0/24]').join('\n')).toMatch(/reaches 203\.0\.113\.0\/24,/);
});

test('a pass within the published ranges, or to private addresses, is no finding', () => {
  expect(passTo('[52.112.1.0/24]')).toEqual([]);
  expect(passTo('[10.9.0.0/16]')).toEqual([]);
});

test('AP-5: without a port filter the allow-list passes TLS to its domains on every port, which needs a reason too (outside auditor)', () => {
  const withoutPortFilter = (stack: Stack) => {
    const policy = stack.node.findAll().find((c): c is nfw.CfnFirewallPolicy => c instanceof nfw.CfnFirewallPolicy);
    const ports = stack.node.findAll().find((c): c is nfw.CfnRuleGroup => c instanceof nfw.CfnRuleGroup && /RuleGroup-ports/.test(c.node.path));
    if (!policy || !ports) throw new Error('test setup: the α′ example has no firewall policy or port filter');
    type Reference = nfw.CfnFirewallPolicy.StatefulRuleGroupReferenceProperty;
    const refs = ((policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences ?? []) as Reference[];
    const arn = JSON.stringify(stack.resolve(ports.attrRuleGroupArn));
    const kept = refs.filter((r) => JSON.stringify(stack.resolve(r.resourceArn)) !== arn);
    expect(kept.length).toBe(refs.length - 1);
    policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', kept.map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority })));
  };
  expect(exampleFindings('alpha-prime', 'AP-5').join('\n')).not.toMatch(/no port filter/);
  expect(exampleFindings('alpha-prime', 'AP-5', withoutPortFilter).join('\n'))
    .toMatch(/AP-5 error .*no port filter drops TCP to other ports than the allowed ones: the FQDN allow-list passes TLS \(and HTTP\) to its domains on every port/);
});
