/**
 * A firewall's rules string is judged by the rules Suricata loads from it, not by its lines as they look. Suricata's
 * rule-file loader (DetectLoadSigFile, src/detect-engine-loader.c) skips a line that starts with `#`, a space or a tab,
 * joins a line ending in a backslash to the next one in place of the backslash, and reads into a buffer of 8,192
 * bytes. Read line by line, `pa\` + `ss ip …` hid a pass rule from IN-1 and AP-1, and an indented drop signature,
 * which never runs, made an IPS for IN-1 and AP-4.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { TerraformResource, Testing } from 'cdktf';
import { exampleFindings, withoutManagedGroups } from './example-findings';
import { buildTfExample } from '../../examples/tf/_app';
import { cdk, tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { formatFinding } from '../../src/guard/rule';
import { hasIpsSignature } from '../../src/guard/rules/alpha-prime';
import { loadedRules } from '../../src/guard/suricata-rules';

const rulesOf = (text: string) => {
  const loaded = loadedRules(text);
  return 'rules' in loaded ? loaded.rules : `unreadable: ${loaded.problem.en}`;
};

describe('loadedRules: the rules Suricata\'s loader takes from a rules string', () => {
  test('one rule per line; comments, empty lines and lines of blanks only are skipped', () => {
    expect(rulesOf('# a comment\n\ndrop tcp any any -> any 25 (sid:1;)\n   \nalert ip any any -> any any (sid:2;)\n'))
      .toEqual(['drop tcp any any -> any 25 (sid:1;)', 'alert ip any any -> any any (sid:2;)']);
    expect(rulesOf('')).toEqual([]);
  });

  test('a line ending in a backslash goes on with the next line, joined in place of the backslash', () => {
    expect(rulesOf('pa\\\nss ip any any -> any any (sid:1;)')).toEqual(['pass ip any any -> any any (sid:1;)']);
    // Blanks after the backslash do not stop it; the next line's indentation is kept; a third line continues too.
    expect(rulesOf('drop tcp any any \\  \n  -> any 25 \\\n(sid:1;)')).toEqual(['drop tcp any any   -> any 25 (sid:1;)']);
    // A comment line is skipped before the loader looks for a backslash: it continues nothing.
    expect(rulesOf('# note \\\npass ip any any -> any any (sid:1;)')).toEqual(['pass ip any any -> any any (sid:1;)']);
  });

  test('what the loader would read differently from the lines as they look cannot be read', () => {
    expect(rulesOf(' drop tls any any -> any any (tls.sni; content:"x"; sid:1;)')).toMatch(/^unreadable: line 1 starts with a space or tab/);
    expect(rulesOf('alert ip any any -> any any (sid:1;)\n\tdrop tls any any -> any any (sid:2;)')).toMatch(/^unreadable: line 2 starts with a space or tab/);
    expect(rulesOf('drop tcp any any -> any 25 (sid:1;)\r\n')).toMatch(/^unreadable: line 1 holds a carriage return/);
    expect(rulesOf('drop tcp any any -> any 25 (sid:1;)\0pass ip any any -> any any (sid:2;)')).toMatch(/^unreadable: line 1 holds a NUL/);
    expect(rulesOf('drop tcp any any -> any 25 \\')).toMatch(/^unreadable: line 1 goes on with a backslash, and no line follows it/);
    expect(rulesOf('\u00a0drop tls any any -> any any (sid:1;)')).toMatch(/^unreadable: the rule on line 1 holds a character other than printable ASCII before its options/);
    // Text of other scripts in the options (a message) is read as it is.
    expect(rulesOf('drop tls any any -> any any (msg:"ブロック"; tls.sni; content:"x"; sid:1;)')).toHaveLength(1);
  });

  test('a line longer than the loader\'s buffer (8,191 bytes, counted in UTF-8) is read in pieces: it cannot be read', () => {
    const rule = (msg: string) => `alert ip any any -> any any (msg:"${msg}"; sid:1;)`;
    const fixed = rule('').length;
    expect(rulesOf(rule('x'.repeat(8191 - fixed)))).toHaveLength(1);
    expect(rulesOf(`${rule('x'.repeat(8190 - fixed))}\n`)).toHaveLength(1);
    expect(rulesOf(`${rule('x'.repeat(8191 - fixed))}\n`)).toMatch(/^unreadable: line 1 is longer than Suricata's rule buffer/);
    // Three bytes each in UTF-8.
    expect(rulesOf(rule('あ'.repeat(Math.ceil((8192 - fixed) / 3))))).toMatch(/longer than Suricata's rule buffer/);
    // The pieces of a continued rule count together.
    expect(rulesOf(`alert ip any any -> any any \\\n(msg:"${'x'.repeat(8200)}"; sid:1;)`)).toMatch(/^unreadable: line 1 is longer/);
  });

  test('an IPS signature counts only where Suricata loads it', () => {
    const signature = 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; tls.sni; content:"bad.example"; sid:1;)';
    expect(hasIpsSignature(signature)).toBe(true);
    expect(hasIpsSignature(`  ${signature}`)).toBe(false);
    expect(hasIpsSignature(`# ${signature}`)).toBe(false);
    expect(hasIpsSignature('drop tls $HOME_NET any -> \\\n$EXTERNAL_NET any (msg:"x"; tls.sni; content:"bad.example"; sid:1;)')).toBe(true);
  });
});

const cfnIn = (net: any, segment: 'internet' | 'lgwan', suffix: string) =>
  net[segment].node.findAll().find((c: any) => c.node.path.endsWith(suffix)) as CfnResource;

/** The β′ stand-in's policy without its deny-list group (priority 200): its IPS is then the IPS group's rules alone. */
function withoutDenyList(net: any): void {
  const policy = cfnIn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
  const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
  policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences',
    refs.filter((r) => r.priority !== 200).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority })));
}

const SIGNATURE = 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000402; rev:1;)';

describe('IN-1: the stand-in is judged by the rules Suricata loads', () => {
  const web = (rules: string) => exampleFindings('beta-prime', 'IN-1', (_, net) =>
    cfnIn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString', rules)).join('\n');
  const ips = (rules: string) => exampleFindings('beta-prime', 'IN-1', (_, net) => {
    cfnIn(net, 'internet', 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', rules);
    withoutDenyList(net);
  }).join('\n');

  test('a pass over a whole transport continued over two lines is the same pass: refused', () => {
    expect(web('pa\\\nss ip $HOME_NET any -> $EXTERNAL_NET any (msg:"all"; sid:1000411; rev:1;)'))
      .toMatch(/IN-1 error .*passes a whole transport \(pass ip \$HOME_NET any -> \$EXTERNAL_NET any/);
  });

  test('an indented drop signature never runs: the group cannot be read, and the stand-in is refused', () => {
    expect(ips(SIGNATURE)).toBe('');
    expect(ips(`    ${SIGNATURE}`)).toMatch(/IN-1 error .*the rules of rule group \S+ cannot be read: line 1 starts with a space or tab, and Suricata's rule loader skips such a line/);
  });

  test('the same in Terraform', () => {
    const tfIn1 = (change: (net: tf.MunicipalNetwork) => void) => {
      const { stack, network } = buildTfExample('beta-prime', Testing.app());
      change(network);
      const graph = extractTerraform({ [stack.node.id]: JSON.parse(Testing.synth(stack, false)) });
      return checkTopology(graph, { model: network.blueprint.model }).filter((f) => f.ruleId === 'IN-1').map(formatFinding).join('\n');
    };
    const group = (net: tf.MunicipalNetwork, key: string) =>
      net.internet.node.findAll().find((c) => c.node.path.endsWith(`Firewall/RuleGroup-${key}`)) as TerraformResource;
    expect(tfIn1((net) => group(net, 'web').addOverride('rule_group.rules_source.rules_string',
      'pass ip $HOME_NET any -> \\\n$EXTERNAL_NET any (msg:"all"; sid:1000411; rev:1;)'))).toMatch(/passes a whole transport \(pass ip /);
    expect(tfIn1((net) => group(net, 'web').addOverride('rule_group.rules_source.rules_string',
      'pass tls $HOME_NET any -> $EXTERNAL_NET any (msg:"tls"; sid:1000411; rev:1;)\r\n'))).toMatch(/cannot be read: line 1 holds a carriage return/);
  });
});

describe('AP-1 and AP-4: the breakout firewall is judged by the rules Suricata loads', () => {
  /** Add a stateful rule group to the α′ breakout policy at a priority. */
  const withGroup = (rulesString: string, priority: number) => (stack: Stack, net: cdk.MunicipalNetwork) => {
    const group = new nfw.CfnRuleGroup(stack, 'ExtraGroup', {
      ruleGroupName: 'extra',
      type: 'STATEFUL',
      capacity: 10,
      ruleGroup: { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' }, rulesSource: { rulesString } },
    });
    const policy = cfnIn(net, 'lgwan', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
    const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
    const refs = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority }];
    policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: refs };
  };

  test('a pass rule continued over two lines, in a group ahead of the allow-list, is refused (AP-1)', () => {
    const continued = '# a comment first\npa\\\nss ip $HOME_NET any -> $EXTERNAL_NET any (sid:1000900; rev:1;)';
    expect(exampleFindings('alpha-prime', 'AP-1', withGroup(continued, 50)).join('\n'))
      .toMatch(/AP-1 critical .*lets traffic around its FQDN allow-list: rule group \S+ holds a pass rule \(pass ip \$HOME_NET any/);
    expect(exampleFindings('alpha-prime', 'AP-1', withGroup('# pa\\\n# ss ip $HOME_NET any -> $EXTERNAL_NET any (sid:1000900; rev:1;)', 50))).toEqual([]);
  });

  test('breakout IPS rules that Suricata skips make no IPS (AP-4)', () => {
    // Without the managed threat signatures: hand-written signatures are a finding of their own, rules Suricata skips none at all.
    const ipsRules = (rules: string) => exampleFindings('alpha-prime', 'AP-4', (_, net) => {
      withoutManagedGroups(net);
      cfnIn(net, 'lgwan', 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', rules);
    }).join('\n');
    expect(ipsRules(SIGNATURE)).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+'s only IDS\/IPS is drop rules written by hand/);
    expect(ipsRules(SIGNATURE.split('\n').map((l) => `\t${l}`).join('\n'))).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+ has no IDS\/IPS: no AWS managed/);
  });
});
