/**
 * IN-1 (the stand-in for the security cloud inspects) and IN-2 (the Internet segment's names are resolved by the
 * security cloud's DNS or the stand-in's filtered resolver), on the reference examples of both engines.
 */
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { CfnResource, Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import * as r53r from 'aws-cdk-lib/aws-route53resolver';
import { TerraformResource, Testing } from 'cdktf';
import { applianceEndpoint, exampleFindings } from './example-findings';
import { buildTfExample } from '../../examples/tf/_app';
import { tf } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';
import { coversEveryPort } from '../../src/guard/rules/alpha-prime';
import { planOf } from '../../src/plan/cache';

const cfn = (net: any, segment: 'internet', suffix: string) =>
  net[segment].node.findAll().find((c: any) => c.node.path.endsWith(suffix)) as CfnResource;

/**
 * Rewrite the β′ stand-in policy's stateful rule group references (CloudFormation's casing): `keep` picks the ones to
 * keep, `extra` adds properties (an `Override`) to one.
 */
function editStandInGroups(net: any, keep: (priority: number) => boolean, extra: (priority: number) => object = () => ({})): void {
  const policy = cfn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
  const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
  policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences',
    refs.filter((r) => keep(r.priority)).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority, ...extra(r.priority) })));
}

/**
 * The stand-in's AWS managed threat groups (priorities below 100) taken out of its policy: its IPS is then the
 * hand-written rules alone, which IN-1 judges as before (default drop, scope, order) and reports on the firewall
 * (`HAND_WRITTEN`, acknowledgeable), so that the tests of those rules' semantics keep their meaning.
 */
const handWrittenOnly = (net: any) => editStandInGroups(net, (priority) => priority >= 100);
/** IN-1's finding on a stand-in whose only IPS is written by hand. */
const HAND_WRITTEN = /IN-1 error .*the stand-in for the security cloud has no IDS\/IPS the guard can judge: firewall \S+'s only IPS is drop rules written by hand/;
/** Whether IN-1's findings are the hand-written IPS's alone (one per firewall, one per availability zone). */
const handWrittenAlone = (lines: string[]) => lines.length > 0 && lines.every((l) => HAND_WRITTEN.test(l));
/** IN-1's findings without the hand-written IPS's own. */
const beyondHandWritten = (lines: string[]) => lines.filter((l) => !HAND_WRITTEN.test(l));

/** One rule's findings on a CDKTF reference example after a change (the guard's own run skipped). */
function tfFindings(name: string, ruleId: string, change: (net: tf.MunicipalNetwork) => void = () => undefined): string[] {
  const { stack, network } = buildTfExample(name, Testing.app());
  change(network);
  const json = JSON.parse(Testing.synth(stack, false));
  const graph = extractTerraform({ [stack.node.id]: json });
  return checkTopology(graph, { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase })
    .filter((f) => f.ruleId === ruleId).map(formatFinding);
}
const tfr = (net: tf.MunicipalNetwork, suffix: string) =>
  net.internet.node.findAll().find((c) => c.node.path.endsWith(suffix)) as TerraformResource;
/** `handWrittenOnly` in Terraform: the policy's references below priority 100 taken out. */
const tfHandWrittenOnly = (net: tf.MunicipalNetwork) => {
  const policy = tfr(net, 'Firewall/Policy') as NetworkfirewallFirewallPolicy;
  const refs = policy.firewallPolicyInput!.statefulRuleGroupReference as { priority?: number }[];
  policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulRuleGroupReference: refs.filter((r) => (r.priority ?? 0) >= 100) as any });
};
/** IN-1's findings on the β′ example (the built-in stand-in) with its web pass group's rules replaced. */
const withWebRules = (rules: string) => exampleFindings('beta-prime', 'IN-1', (_, net) =>
  cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString', rules)).join('\n');

describe('IN-1: the built-in stand-in for the security cloud inspects', () => {
  test('the β′ example (built-in stand-in) and the α example (security cloud) comply, in both engines', () => {
    expect(exampleFindings('beta-prime', 'IN-1')).toEqual([]);
    expect(exampleFindings('alpha', 'IN-1')).toEqual([]);
    expect(tfFindings('beta-prime', 'IN-1')).toEqual([]);
  });

  test('a stand-in that passes by default is refused, naming the firewall and its default actions', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) =>
      cfn(net, 'internet', 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulDefaultActions', ['aws:alert_established']));
    expect(found.join('\n')).toMatch(/IN-1 error .*does not stand in for the security cloud: firewall .* passes by default \(stateful default actions: aws:alert_established\)/);
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => {
      const policy = tfr(net, 'Firewall/Policy') as NetworkfirewallFirewallPolicy;
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulDefaultActions: ['aws:alert_established'] });
    });
    expect(tfFound.join('\n')).toMatch(/passes by default/);
  });

  test('a stand-in whose IPS group holds no drop rule (and no deny-list) is refused', () => {
    const alertOnly = (net: any) => cfn(net, 'internet', 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString',
      'alert tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"log only"; sid:1000401; rev:1;)');
    // The deny-list drops too: with it the firewall still inspects (by hand: reported on the firewall).
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) => alertOnly(net))).toEqual([]);
    expect(handWrittenAlone(exampleFindings('beta-prime', 'IN-1', (_, net) => {
      alertOnly(net);
      handWrittenOnly(net);
    }))).toBe(true);
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) => {
      alertOnly(net);
      editStandInGroups(net, (priority) => priority >= 100 && priority !== 200);
    });
    expect(found.join('\n')).toMatch(/has no IPS in drop mode/);
  });

  test('a port filter\'s drop is no IPS: a stand-in whose only drop rules filter ports, or name keywords only in a message, is refused', () => {
    const withoutDenyList = (ipsRules: string) => exampleFindings('beta-prime', 'IN-1', (_, net) => {
      cfn(net, 'internet', 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', ipsRules);
      editStandInGroups(net, (priority) => priority >= 100 && priority !== 200);
    }).join('\n');
    expect(withoutDenyList('drop tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"no SMTP out"; sid:1000402; rev:1;)')).toMatch(/has no IPS in drop mode/);
    expect(withoutDenyList('drop tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"content and pcre"; sid:1000402; rev:1;)')).toMatch(/has no IPS in drop mode/);
    // A signature, its action in capitals as Suricata accepts: the stand-in inspects, by hand (reported on the firewall).
    expect(withoutDenyList('DROP tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000402; rev:1;)')).toMatch(HAND_WRITTEN);
  });

  test('a pass rule over a whole transport defeats the default drop and is refused; an application-layer pass is not', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) =>
      cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"all"; sid:1000411; rev:1;)'));
    expect(found.join('\n')).toMatch(/passes a whole transport \(pass ip /);
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) =>
      cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass tls $HOME_NET any -> $EXTERNAL_NET any (msg:"tls"; flow:to_server,established; sid:1000411; rev:1;)'))).toEqual([]);
  });
});

describe('IN-1: the stand-in has a web proxy, and the Internet segment reaches the internet only through it (revised 2026-12-01: "plus a proxy")', () => {
  const NO_PROXY = /IN-1 error .*the Internet segment's stand-in for the security cloud has no web proxy whose way to the internet passes the inspecting firewall/;
  const AROUND = (subnet: string) => new RegExp(`\\[[^\\]]*${subnet}[^\\]]*\\] IN-1 error .*an Internet-segment subnet that is not the stand-in's web proxy's own, `
    + 'through the inspecting firewall but around the proxy, reaches the internet.*Fix: remove the subnet\'s way out');
  const UNREAD = /IN-1 error .*the guard cannot tell which subnets the stand-in's web proxy runs in/;
  const RELAY = /IN-1 error .*the stand-in's web proxy may relay the Internet segment's workloads into private networks its subnets reach: its http_access rules do not deny 10\.0\.0\.0\/8/;
  const find = (net: any, suffix: string) => net.internet.node.findAll().find((c: any) => c.node.path.endsWith(suffix));

  test('a stand-in without a web proxy is refused, naming the VPC; its emptied proxy subnets reach the internet around any proxy (CDK, Terraform)', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) => { net.internet.node.tryRemoveChild('StandInProxy'); }).join('\n');
    expect(found).toMatch(NO_PROXY);
    expect(found).toMatch(AROUND('proxy1'));
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => { net.internet.node.tryRemoveChild('StandInProxy'); }).join('\n');
    expect(tfFound).toMatch(NO_PROXY);
    expect(tfFound).toMatch(AROUND('proxy-1'));
  });

  test('a workload subnet routed to the stand-in firewall directly is refused, naming the subnet and the fix; the proxy subnets stay the proxy\'s own (CDK, Terraform)', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (stack, net) => {
      new ec2.CfnRoute(stack, 'MutRoute', {
        routeTableId: (find(net, '/RouteTable-workload-1') as ec2.CfnRouteTable).ref, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: net.internet.firewallEndpointIds[0],
      });
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(AROUND('workload1'));
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => {
      new Route(net.internet, 'MutRoute', {
        routeTableId: (find(net, '/RouteTable-workload-1') as RouteTable).id, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: net.internet.firewallEndpointIds[0],
      });
    });
    expect(tfFound).toHaveLength(1);
    expect(tfFound[0]).toMatch(AROUND('workload-1'));
  });

  test('a proxy whose subnets the guard cannot read is refused (fail closed), in both engines', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) =>
      (find(net, 'StandInProxy/AutoScalingGroup') as CfnResource).addPropertyOverride('VPCZoneIdentifier', ['subnet-0123456789abcdef0'])).join('\n');
    expect(found).toMatch(UNREAD);
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) =>
      (find(net, 'StandInProxy/AutoScalingGroup') as TerraformResource).addOverride('vpc_zone_identifier', ['subnet-0123456789abcdef0'])).join('\n');
    expect(tfFound).toMatch(UNREAD);
  });

  test('a proxy that does not deny private destinations before it allows is refused: a relay into what its subnets reach (SC-1\'s check), in both engines', () => {
    const open = (userData: string) => userData.replace('http_access deny private_dst\n', '');
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) =>
      (find(net, 'StandInProxy/LaunchTemplate') as CfnResource).addPropertyOverride('LaunchTemplateData.UserData',
        Fn.base64(open(planOf(net.blueprint).standInProxy!.userData))));
    expect(found.join('\n')).toMatch(RELAY);
    expect(found).toHaveLength(1);
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) =>
      (find(net, 'StandInProxy/LaunchTemplate') as TerraformResource).addOverride('user_data',
        Buffer.from(open(planOf(net.blueprint).standInProxy!.userData)).toString('base64')));
    expect(tfFound.join('\n')).toMatch(RELAY);
  });
});

describe('IN-1: a pass rule passes a whole transport when its ports cover every port, or its protocol is no application-layer one', () => {
  test.each([
    ['every port as a range', 'pass tcp $HOME_NET any -> $EXTERNAL_NET 1:65535'],
    ['two ranges that meet', 'pass udp $HOME_NET any -> $EXTERNAL_NET [1:1023, 1024:]'],
    ['a nested list', 'pass tcp $HOME_NET any -> $EXTERNAL_NET [[1:80],81:65535]'],
    ['a negation (every port but one)', 'pass tcp $HOME_NET any -> $EXTERNAL_NET !25'],
    ['a port variable the guard does not read', 'pass tcp $HOME_NET any -> $EXTERNAL_NET $ALL_PORTS'],
    ['pkthdr (any packet)', 'pass pkthdr $HOME_NET any -> $EXTERNAL_NET any'],
    ['a protocol the guard does not know', 'pass gre $HOME_NET any -> $EXTERNAL_NET any'],
  ])('%s is refused', (_, rule) => {
    expect(withWebRules(`${rule} (msg:"wide"; sid:1000415; rev:1;)`)).toMatch(/passes a whole transport \(pass /);
  });

  test.each([
    ['named ports', 'pass tcp $HOME_NET any -> $EXTERNAL_NET [80,443]'],
    ['every port but port 1', 'pass tcp $HOME_NET any -> $EXTERNAL_NET 2:65535'],
    ['an application-layer protocol on any port', 'pass dns $HOME_NET any -> $EXTERNAL_NET any'],
  ])('%s passes no whole transport', (_, rule) => {
    expect(withWebRules(`${rule} (msg:"narrow"; sid:1000416; rev:1;)`)).not.toMatch(/whole transport/);
  });
});

describe('IN-1: a bidirectional pass rule (<>) matches both ways, and a TCP rule held to the handshake passes no whole transport', () => {
  test.each([
    // Back the other way: from port 443 of the home network to every port outside.
    ['named ports one way, every port back', 'pass tcp $EXTERNAL_NET any <> $HOME_NET 443 (msg:"both ways"; sid:1000417; rev:1;)'],
    ['a direction the guard does not read', 'pass tcp $EXTERNAL_NET any => $HOME_NET 443 (msg:"odd"; sid:1000417; rev:1;)'],
    // UDP has no handshake: a one-way stream is never established.
    ['UDP held to not_established', 'pass udp $HOME_NET any <> $EXTERNAL_NET 443 (msg:"udp"; flow:not_established; sid:1000417; rev:1;)'],
    // An escaped semicolon belongs to the value: the flow keyword inside msg is no option.
    ['a flow keyword inside another option\'s value', 'pass tcp $HOME_NET any <> $EXTERNAL_NET 443 (msg:"x\\; flow:not_established"; sid:1000417; rev:1;)'],
    ['not_established beside stateless', 'pass tcp $HOME_NET any <> $EXTERNAL_NET 443 (msg:"s"; flow:stateless,not_established; sid:1000417; rev:1;)'],
    ['two flow options', 'pass tcp $HOME_NET any <> $EXTERNAL_NET 443 (msg:"two"; flow:not_established; flow:to_server; sid:1000417; rev:1;)'],
  ])('%s is refused', (_, rule) => {
    expect(withWebRules(rule)).toMatch(/passes a whole transport \(pass /);
  });

  test.each([
    // AWS's strict-order pattern, and the security cloud hub's own rule.
    ['the TCP handshake both ways', 'pass tcp $HOME_NET any <> $EXTERNAL_NET [80,443] (msg:"handshake"; flow:not_established; sid:1000418; rev:1;)'],
    ['the TCP handshake to every port, spaced', 'pass tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"handshake"; flow: to_server, not_established; sid:1000418; rev:1;)'],
    ['named ports both ways', 'pass tcp $HOME_NET [1024:65000] <> $EXTERNAL_NET 443 (msg:"narrow"; sid:1000418; rev:1;)'],
  ])('%s passes no whole transport', (_, rule) => {
    expect(withWebRules(rule)).not.toMatch(/whole transport/);
  });
});

describe('IN-1: under aws:drop_established, a rule drops what is not TCP (one-way UDP and ICMP are never established)', () => {
  /** IN-1's findings on the β′ example with the non-TCP drop group's rules replaced. */
  const withNonTcpRules = (rules: string) => exampleFindings('beta-prime', 'IN-1', (_, net) =>
    cfn(net, 'internet', 'Firewall/RuleGroup-nontcp').addPropertyOverride('RuleGroup.RulesSource.RulesString', rules)).join('\n');
  const refused = /does not stand in for the security cloud: firewall \S+ drops by default with aws:drop_established only, which drops the packets of established connections: UDP, ICMP and other non-TCP traffic sent one way is never established and passes, and no rule drops it/;

  test('a stand-in without its non-TCP drop group is refused, in both engines', () => {
    const withoutGroup = exampleFindings('beta-prime', 'IN-1', (_, net) => {
      editStandInGroups(net, (priority) => priority !== 900);
    });
    expect(withoutGroup.join('\n')).toMatch(refused);
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => {
      const policy = tfr(net, 'Firewall/Policy') as NetworkfirewallFirewallPolicy;
      const input = policy.firewallPolicyInput!;
      const refs = input.statefulRuleGroupReference as any[];
      policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: refs.filter((r) => r.priority !== 900) });
    });
    expect(tfFound.join('\n')).toMatch(/drops by default with aws:drop_established only/);
  });

  test('its drop rule overridden to alert is refused; under aws:drop_strict no such rule is needed', () => {
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) => {
      editStandInGroups(net, () => true, (priority) => (priority === 900 ? { Override: { Action: 'DROP_TO_ALERT' } } : {}));
    }).join('\n')).toMatch(refused);
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) => {
      cfn(net, 'internet', 'Firewall/RuleGroup-nontcp').addPropertyOverride('RuleGroup.RulesSource.RulesString', 'alert ip any any -> any any (msg:"log"; sid:1000431; rev:1;)');
      cfn(net, 'internet', 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulDefaultActions', ['aws:drop_strict', 'aws:alert_strict']);
    })).toEqual([]);
  });

  test.each([
    ['UDP only', 'drop udp any any -> $EXTERNAL_NET any (msg:"udp"; sid:1000432; rev:1;)'],
    ['an alert', 'alert ip any any -> $EXTERNAL_NET any (msg:"log"; ip_proto:!6; sid:1000432; rev:1;)'],
    ['UDP left out too', 'drop ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!17; sid:1000432; rev:1;)'],
    ['one protocol only', 'drop ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto:1; sid:1000432; rev:1;)'],
    ['two ip_proto options', 'drop ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!6; ip_proto:!17; sid:1000432; rev:1;)'],
    ['an option that narrows it', 'drop ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!6; flow:established; sid:1000432; rev:1;)'],
    ['a threshold', 'drop ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!6; threshold:type limit, track by_src, count 1, seconds 60; sid:1000432; rev:1;)'],
    // A host outside the variable (another block of the segment, a VPC routed through the firewall) is not matched.
    ['a $HOME_NET source', 'drop ip $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!6; sid:1000432; rev:1;)'],
    ['a literal source block', 'drop ip 10.0.128.0/24 any -> $EXTERNAL_NET any (msg:"x"; ip_proto:!6; sid:1000432; rev:1;)'],
    ['a literal destination block', 'drop ip any any -> 203.0.113.0/24 any (msg:"x"; ip_proto:!6; sid:1000432; rev:1;)'],
    ['another variable as destination', 'drop ip any any -> $INTERNET any (msg:"x"; ip_proto:!6; sid:1000432; rev:1;)'],
    ['the words only in a message', 'alert ip any any -> $EXTERNAL_NET any (msg:"drop ip any any -> $EXTERNAL_NET any\\; ip_proto:!6"; sid:1000432; rev:1;)'],
    ['a direction the guard does not read', 'drop ip any any => $EXTERNAL_NET any (msg:"x"; ip_proto:!6; sid:1000432; rev:1;)'],
  ])('%s is refused', (_, rule) => {
    expect(withNonTcpRules(rule)).toMatch(refused);
  });

  test.each([
    ['the plan\'s own rule, spaced, TCP by name', 'DROP ip any any -> $EXTERNAL_NET any (msg:"x"; ip_proto: ! tcp; sid:1000433; rev:1;)'],
    ['every packet, both ways', 'reject ip any any <> any any (msg:"all"; classtype:policy-violation; sid:1000433; rev:2;)'],
    ['beside other rules', 'drop udp $HOME_NET any -> $EXTERNAL_NET 53 (msg:"dns"; sid:1000434; rev:1;)\ndrop ip any any -> any any (msg:"x"; ip_proto:!6; metadata:created 2026; sid:1000433; rev:1;)'],
  ])('%s keeps the stand-in inspecting', (_, rule) => {
    expect(withNonTcpRules(rule)).toBe('');
  });
});

describe('IN-1: the non-TCP drop\'s $EXTERNAL_NET holds every internet address only when every HOME_NET that may apply holds no public one', () => {
  const refused = /firewall \S+ drops by default with aws:drop_established only/;
  const group = (net: any) => cfn(net, 'internet', 'Firewall/RuleGroup-nontcp');
  const policy = (net: any) => cfn(net, 'internet', 'Firewall/Policy');
  const found = (change: (net: any) => void) => exampleFindings('beta-prime', 'IN-1', (_, net) => change(net)).join('\n');

  test('the plan\'s HOME_NET (the segment\'s block) holds no public address; so does the VPC\'s block, AWS\'s default when none is given', () => {
    expect(found(() => undefined)).toBe('');
    expect(found((net) => group(net).addPropertyDeletionOverride('RuleGroup.RuleVariables'))).toBe('');
  });

  test.each([
    ['the group\'s HOME_NET is everything', (net: any) => group(net).addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', ['0.0.0.0/0'])],
    ['the group\'s HOME_NET holds a public block', (net: any) => group(net).addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', ['10.0.128.0/18', '203.0.113.0/24'])],
    ['the group\'s HOME_NET cannot be read', (net: any) => group(net).addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', { 'Fn::Split': [',', { 'Fn::ImportValue': 'home' }] })],
    ['the group defines EXTERNAL_NET', (net: any) => group(net).addPropertyOverride('RuleGroup.RuleVariables.IPSets.EXTERNAL_NET.Definition', ['198.51.100.0/24'])],
    ['the policy\'s HOME_NET holds a public block', (net: any) => policy(net).addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', ['0.0.0.0/1'])],
    ['neither gives one, and the VPC has an Amazon-provided IPv6 block', (net: any) => {
      group(net).addPropertyDeletionOverride('RuleGroup.RuleVariables');
      new ec2.CfnVPCCidrBlock(net.internet, 'MutIpv6', { vpcId: (net.internet.vpc as ec2.IVpc).vpcId, amazonProvidedIpv6CidrBlock: true });
    }],
  ])('%s: refused', (_, change) => {
    expect(found(change)).toMatch(refused);
  });

  test('the same in Terraform', () => {
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => {
      tfr(net, 'Firewall/RuleGroup-nontcp').addOverride('rule_group.rule_variables.ip_sets', [{ key: 'HOME_NET', ip_set: { definition: ['0.0.0.0/0'] } }]);
    });
    expect(tfFound.join('\n')).toMatch(refused);
    // A dynamic block may define HOME_NET as anything: the guard does not expand it.
    expect(tfFindings('beta-prime', 'IN-1', (net) => {
      const tfGroup = tfr(net, 'Firewall/RuleGroup-nontcp');
      tfGroup.addOverride('rule_group.rule_variables.ip_sets', undefined);
      tfGroup.addOverride('rule_group.rule_variables.dynamic.ip_sets', { for_each: '${var.sets}', content: { key: '${ip_sets.key}', ip_set: { definition: '${ip_sets.value}' } } });
    }).join('\n')).toMatch(refused);
    expect(tfFindings('beta-prime', 'IN-1', (net) => {
      tfr(net, 'Firewall/RuleGroup-nontcp').addOverride('rule_group.rule_variables.ip_sets', [{ key: 'HOME_NET', ip_set: { definition: ['10.0.128.0/18'] } }]);
    })).toEqual([]);
  });
});

describe('IN-1: a stand-in that goes on with a connection broken midstream (stream exception policy CONTINUE) no longer inspects it', () => {
  const withStreamPolicy = (value: unknown) => exampleFindings('beta-prime', 'IN-1', (_, net) =>
    cfn(net, 'internet', 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulEngineOptions.StreamExceptionPolicy', value)).join('\n');

  test('CONTINUE, or a value the guard cannot read, is refused; REJECT and DROP are not', () => {
    expect(withStreamPolicy('CONTINUE')).toMatch(/does not stand in for the security cloud: firewall \S+ goes on with a connection broken midstream \(stream exception policy CONTINUE\): its rules then see the packets without the connection's context, so the allow-list, the IPS signatures and aws:drop_established no longer match them/);
    expect(withStreamPolicy({ 'Fn::ImportValue': 'stream-policy' })).toMatch(/goes on with a connection broken midstream \(stream exception policy a value the guard cannot read\)/);
    expect(withStreamPolicy('REJECT')).toBe('');
    expect(withStreamPolicy('DROP')).toBe('');
  });

  test('the same in Terraform', () => {
    const found = tfFindings('beta-prime', 'IN-1', (net) => {
      const policy = tfr(net, 'Firewall/Policy') as NetworkfirewallFirewallPolicy;
      const input = policy.firewallPolicyInput!;
      policy.putFirewallPolicy({ ...input, statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'CONTINUE' } });
    });
    expect(found.join('\n')).toMatch(/goes on with a connection broken midstream \(stream exception policy CONTINUE\)/);
    // A dynamic block may set it to anything: the guard does not expand it.
    const dynamic = tfFindings('beta-prime', 'IN-1', (net) => {
      const policy = tfr(net, 'Firewall/Policy');
      policy.addOverride('firewall_policy.stateful_engine_options', undefined);
      policy.addOverride('firewall_policy.dynamic.stateful_engine_options', { for_each: '${var.engine}', content: { rule_order: 'STRICT_ORDER', stream_exception_policy: '${stateful_engine_options.value}' } });
    });
    expect(dynamic.join('\n')).toMatch(/goes on with a connection broken midstream \(stream exception policy a value the guard cannot read\)/);
  });
});

describe('coversEveryPort: a Suricata port field read as Suricata reads it, unreadable counting as every port', () => {
  test.each([
    ['any', true], ['1:65535', true], ['0:65535', true], ['1:', true], ['[1:100,101:65535]', true], ['[101:65535, 1:100]', true],
    ['[1:100,[101:200,201:]]', true], ['!80', true], ['[1:1024,!80]', true], ['$HTTP_PORTS', true], ['', true], ['1:70000', true],
    ['80', false], ['[80,443]', false], ['2:65535', false], ['1:65534', false], ['[1:100,102:65535]', false], ['1024:', false],
  ])('%s → %s', (field, every) => {
    expect(coversEveryPort(field)).toBe(every);
  });
});

describe('IN-1: the stand-in\'s IPS applies to the addresses the segment sends from (a signature on $HOME_NET inspects nothing outside it)', () => {
  // The hand-written IPS's scope: the managed groups taken out first (a change may put references back).
  const found = (change: (net: any) => void) => beyondHandWritten(exampleFindings('beta-prime', 'IN-1', (_, net) => {
    handWrittenOnly(net);
    change(net);
  })).join('\n');
  const group = (net: any, key: string) => cfn(net, 'internet', `Firewall/RuleGroup-${key}`);
  const policy = (net: any) => cfn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
  const homeOf = (net: any, key: string, definition: unknown) => group(net, key).addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', definition);
  const rules = (net: any, key: string, lines: string[]) => group(net, key).addPropertyOverride('RuleGroup.RulesSource.RulesString', lines.join('\n'));
  const notApplied = /does not stand in for the security cloud: the IPS rules in drop mode of firewall \S+ do not apply to this traffic \(from 10\.0\.1\d\d\.\d+\/\d+ to [^)]+\): no signature's addresses hold both ends/;
  /** The stand-in's groups but the IPS group and the deny-list, with an AWS managed threat group at priority 100. */
  const managedOnly = (net: any) => {
    const refs = (policy(net).firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
    policy(net).addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', [
      { ResourceArn: 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder', Priority: 100 },
      ...refs.filter((r) => r.priority > 200).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority })),
    ]);
  };

  test('the plan\'s groups hold the segment\'s block as HOME_NET; without it, the VPC\'s block (AWS\'s default) holds the subnets too', () => {
    expect(found(() => undefined)).toBe('');
    expect(found((net) => ['ips', 'denylist'].forEach((k) => group(net, k).addPropertyDeletionOverride('RuleGroup.RuleVariables')))).toBe('');
  });

  test.each([
    ['the IPS group\'s and the deny-list\'s HOME_NET are another block', (net: any) => ['ips', 'denylist'].forEach((k) => homeOf(net, k, ['10.99.0.0/16']))],
    ['neither sets HOME_NET, and the policy\'s is another block (a centralized firewall given other spokes)', (net: any) => {
      ['ips', 'denylist'].forEach((k) => group(net, k).addPropertyDeletionOverride('RuleGroup.RuleVariables'));
      policy(net).addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', ['10.99.0.0/16']);
    }],
    ['the IPS group\'s HOME_NET cannot be read', (net: any) => {
      homeOf(net, 'ips', { 'Fn::Split': [',', { 'Fn::ImportValue': 'home' }] });
      homeOf(net, 'denylist', ['10.99.0.0/16']);
    }],
    ['the signatures name other literal sources and destinations, or a negation', (net: any) => {
      rules(net, 'ips', [
        'drop tls 10.99.0.0/16 any -> 198.51.100.0/24 any (msg:"x"; tls.sni; content:"bad.example"; sid:1000431; rev:1;)',
        'drop tls [!10.99.0.0/16] any -> any any (msg:"x"; tls.sni; content:"bad.example"; sid:1000432; rev:1;)',
      ]);
      homeOf(net, 'denylist', ['10.99.0.0/16']);
    }],
    ['an AWS managed threat group, with the policy\'s HOME_NET another block', (net: any) => {
      managedOnly(net);
      policy(net).addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', ['10.99.0.0/16']);
    }],
  ])('%s: refused, naming the addresses', (_, change) => {
    expect(found(change)).toMatch(notApplied);
  });

  test('a signature from any source, or on $EXTERNAL_NET toward $HOME_NET (what comes back), applies; so does a managed group under the VPC\'s block', () => {
    const viaIps = (line: string) => found((net) => {
      rules(net, 'ips', [line]);
      homeOf(net, 'denylist', ['10.99.0.0/16']);
    });
    expect(viaIps('drop tls any any -> any any (msg:"x"; tls.sni; content:"bad.example"; sid:1000433; rev:1;)')).toBe('');
    expect(viaIps('drop http $EXTERNAL_NET any -> $HOME_NET any (msg:"x"; flow:to_client; http.stat_code; content:"200"; sid:1000434; rev:1;)')).toBe('');
    expect(viaIps('drop tls [10.0.0.0/8,$HOME_NET] any -> any any (msg:"x"; tls.sni; content:"bad.example"; sid:1000435; rev:1;)')).toBe('');
    expect(found(managedOnly)).toBe('');
  });

  test('what passes must meet an IPS that applies first: one ahead that does not apply does not count', () => {
    const refs = (net: any) => (policy(net).firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
    // The web group at 150: behind the IPS group (100), ahead of the deny-list (200).
    const webAt150 = (net: any) => policy(net).addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences',
      refs(net).filter((r) => r.priority >= 100).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority === 300 ? 150 : r.priority })));
    expect(found(webAt150)).toBe('');
    expect(found((net) => {
      webAt150(net);
      homeOf(net, 'ips', ['10.99.0.0/16']);
    })).toMatch(/passes traffic in rule group \S*RuleGroupweb\S* \(priority 150\) before any IPS group drops it/);
  });

  test('the same in Terraform', () => {
    const other = [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }];
    expect(tfFindings('beta-prime', 'IN-1', (net) => {
      tfHandWrittenOnly(net);
      ['ips', 'denylist'].forEach((k) => tfr(net, `Firewall/RuleGroup-${k}`).addOverride('rule_group.rule_variables.ip_sets', other));
    }).join('\n')).toMatch(notApplied);
    expect(handWrittenAlone(tfFindings('beta-prime', 'IN-1', (net) => {
      tfHandWrittenOnly(net);
      tfr(net, 'Firewall/RuleGroup-denylist').addOverride('rule_group.rule_variables.ip_sets', other);
    }))).toBe(true);
  });
});

describe('IN-1: what the stand-in passes must have met its IPS first (rule order)', () => {
  /** The stand-in policy's group references, with the web pass group moved to `webPriority`. */
  const reorder = (net: any, webPriority: number) => {
    const policy = cfn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
    const web = (cfn(net, 'internet', 'Firewall/RuleGroup-web') as nfw.CfnRuleGroup).attrRuleGroupArn;
    const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
    // The hand-written IPS's order: the managed groups (priorities below 100) taken out.
    policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', refs.filter((r) => r.priority >= 100).map((r) => ({
      ResourceArn: r.resourceArn, Priority: r.resourceArn === web ? webPriority : r.priority,
    })));
  };

  test('a web pass group ahead of the IPS group under strict order is refused, naming the group and its priority', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) => reorder(net, 50));
    expect(found.join('\n')).toMatch(/IN-1 error .*passes traffic in rule group \S*RuleGroupweb\S* \(priority 50\) before any IPS group drops it/);
  });

  test('the default action order runs every pass before every drop: refused', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) =>
      cfn(net, 'internet', 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulEngineOptions.RuleOrder', 'DEFAULT_ACTION_ORDER'));
    expect(found.join('\n')).toMatch(/passes traffic in rule group .* without its IPS: under the default action order every pass rule runs before every drop rule/);
    const tfFound = tfFindings('beta-prime', 'IN-1', (net) => {
      const policy = tfr(net, 'Firewall/Policy') as NetworkfirewallFirewallPolicy;
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulEngineOptions: { ruleOrder: 'DEFAULT_ACTION_ORDER' } });
    });
    expect(tfFound.join('\n')).toMatch(/without its IPS: under the default action order/);
  });

  test('a group whose own drop rule comes before its pass rule inspects what it passes, even ahead of the IPS group', () => {
    expect(beyondHandWritten(exampleFindings('beta-prime', 'IN-1', (_, net) => {
      reorder(net, 50);
      cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString', [
        'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000421; rev:1;)',
        'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"tls"; flow:to_server,established; sid:1000422; rev:1;)',
      ].join('\n'));
    }))).toEqual([]);
    // The same two rules the other way round: the pass ends the flow before the drop is tried.
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) => {
      reorder(net, 50);
      cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString', [
        'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"tls"; flow:to_server,established; sid:1000422; rev:1;)',
        'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000421; rev:1;)',
      ].join('\n'));
    });
    expect(found.join('\n')).toMatch(/before any IPS group drops it/);
  });

  test('a priority the guard cannot read counts as running first (fail closed)', () => {
    const found = exampleFindings('beta-prime', 'IN-1', (_, net) => {
      const policy = cfn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
      const web = (cfn(net, 'internet', 'Firewall/RuleGroup-web') as nfw.CfnRuleGroup).attrRuleGroupArn;
      const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
      policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', refs.map((r) => ({
        ResourceArn: r.resourceArn, Priority: r.resourceArn === web ? { Ref: 'WebPriority' } : r.priority,
      })));
    });
    expect(found.join('\n')).toMatch(/\(priority unreadable\) before any IPS group drops it/);
  });
});

describe('IN-1: the stand-in\'s IDS/IPS is what AP-4 counts (AWS managed threat signatures, or a declared IDS appliance on the way out)', () => {
  const policy = (net: any) => cfn(net, 'internet', 'Firewall/Policy') as nfw.CfnFirewallPolicy;
  const refs = (net: any) => (policy(net).firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];

  test('with managed groups, they alone are judged: a passing group\'s own signature above its pass does not make up for them behind it', () => {
    const webFirst = (net: any) => {
      const web = (cfn(net, 'internet', 'Firewall/RuleGroup-web') as nfw.CfnRuleGroup).attrRuleGroupArn;
      policy(net).addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences',
        refs(net).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.resourceArn === web ? 5 : r.priority })));
      cfn(net, 'internet', 'Firewall/RuleGroup-web').addPropertyOverride('RuleGroup.RulesSource.RulesString', [
        'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000421; rev:1;)',
        'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"tls"; flow:to_server,established; sid:1000422; rev:1;)',
      ].join('\n'));
    };
    expect(exampleFindings('beta-prime', 'IN-1', (_, net) => webFirst(net)).join('\n'))
      .toMatch(/IN-1 error .*passes traffic in rule group \S*RuleGroupweb\S* \(priority 5\) before any IPS group drops it/);
  });

  /** The β′ proxy subnets' default routes (the only ones out) through a GWLB endpoint (its own subnet routing on to the firewall). */
  const viaAppliance = (declared: boolean) => (stack: any, net: any) => {
    handWrittenOnly(net);
    const vpcId = (net.internet.vpc as ec2.IVpc).vpcId;
    const subnet = new ec2.CfnSubnet(stack, 'ApplianceSubnet', { vpcId, cidrBlock: '10.0.176.0/28', availabilityZone: 'ap-northeast-1a' });
    const table = new ec2.CfnRouteTable(stack, 'ApplianceTable', { vpcId });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'ApplianceAssoc', { subnetId: subnet.ref, routeTableId: table.ref });
    const routes = net.internet.node.findAll().filter((c: any) => c instanceof ec2.CfnRoute && c.node.path.includes('Route-proxy-')
      && c.destinationCidrBlock === '0.0.0.0/0') as ec2.CfnRoute[];
    new ec2.CfnRoute(stack, 'ApplianceOut', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: routes[0].vpcEndpointId });
    const gwlb = applianceEndpoint(stack, vpcId, subnet.ref, declared);
    for (const r of routes) {
      r.addPropertyDeletionOverride('VpcEndpointId');
      r.addPropertyOverride('VpcEndpointId', gwlb.ref);
    }
  };

  test('a declared IDS appliance\'s GWLB endpoint on the way out needs no IPS of the firewall\'s; an undeclared one counts for nothing', () => {
    expect(exampleFindings('beta-prime', 'IN-1', viaAppliance(true))).toEqual([]);
    expect(handWrittenAlone(exampleFindings('beta-prime', 'IN-1', viaAppliance(false)))).toBe(true);
  });
});

describe('IN-2: Internet-segment name resolution through the security cloud or the stand-in\'s filtered resolver', () => {
  test('the examples comply in both engines, and their graphs hold what IN-2 reads', () => {
    for (const name of ['alpha', 'beta', 'beta-prime']) {
      expect(exampleFindings(name, 'IN-2')).toEqual([]);
      expect(tfFindings(name, 'IN-2')).toEqual([]);
    }
    const { stack } = buildTfExample('alpha', Testing.app());
    const graph = extractTerraform({ a: JSON.parse(Testing.synth(stack, false)) });
    const [rule] = nodesOf(graph, 'resolver-rule');
    expect(rule).toMatchObject({ ruleType: 'FORWARD', domainName: '.', targets: [{ ip: '172.30.0.53', port: 53 }, { ip: '172.30.0.54', port: 53 }] });
    expect(nodesOf(graph, 'resolver-endpoint')[0]).toMatchObject({ direction: 'OUTBOUND' });
    expect(nodesOf(graph, 'resolver-endpoint')[0].subnets).toHaveLength(2);
    expect(nodesOf(graph, 'resolver-rule-association')).toHaveLength(1);
  });

  test('without the forwarding rule, the security-cloud Internet segment resolves unfiltered: refused', () => {
    const found = exampleFindings('alpha', 'IN-2', (_, net) => { net.internet.node.tryRemoveChild('DnsForwardingAssociation'); });
    expect(found.join('\n')).toMatch(/IN-2 error .*no resolver rule forwards "\." to resolvers in the SECURITY_CLOUD zone/);
    expect(tfFindings('alpha', 'IN-2', (net) => { net.internet.node.tryRemoveChild('DnsForwardingAssociation'); }).join('\n')).toMatch(/no resolver rule forwards/);
  });

  test('a forwarding target that is not the security cloud\'s, or cannot be read, is refused', () => {
    // A public resolver is refused by its address before any path is asked (rules-internet-dns.test.ts); a private address
    // the endpoint subnets do not route to the security cloud is refused by its path.
    const publicResolver = exampleFindings('alpha', 'IN-2', (_, net) => cfn(net, 'internet', '/DnsForwardingRule').addPropertyOverride('TargetIps', [{ Ip: '8.8.8.8', Port: '53' }]));
    expect(publicResolver.join('\n')).toMatch(/forwards \. to resolvers that are not the security cloud's: 8\.8\.8\.8, .* is an internet address outside/);
    const unrouted = exampleFindings('alpha', 'IN-2', (_, net) => cfn(net, 'internet', '/DnsForwardingRule').addPropertyOverride('TargetIps', [{ Ip: '192.168.200.53', Port: '53' }]));
    expect(unrouted.join('\n')).toMatch(/forwards \. to resolvers that are not the security cloud's: queries to 192\.168\.200\.53 .* reach nothing/);
    const unreadable = exampleFindings('alpha', 'IN-2', (_, net) => cfn(net, 'internet', '/DnsForwardingRule').addPropertyOverride('TargetIps', [{ Ip: { Ref: 'AWS::NoValue' } }]));
    expect(unreadable.join('\n')).toMatch(/is not a literal address/);
    // A resolver inside the LGWAN WAN is reached, but in the wrong zone.
    const wan = tfFindings('alpha', 'IN-2', (net) => {
      tfr(net, '/DnsForwardingRule').addOverride('target_ip', [{ ip: '172.20.0.53', port: 53 }]);
      tfr(net, '/Route-endpoints-1-ac1e0035p32').addOverride('destination_cidr_block', '172.20.0.53/32');
    });
    expect(wan.join('\n')).toMatch(/IN-2 error/);
  });

  test('a SYSTEM resolver rule (the VPC resolver for a domain, around the forwarding of ".") is refused, except on the stand-in\'s filtered resolver', () => {
    const system = (stack: any, net: any) => {
      const rule = new r53r.CfnResolverRule(stack, 'MutSystemRule', { domainName: 'com', ruleType: 'SYSTEM' });
      new r53r.CfnResolverRuleAssociation(stack, 'MutSystemAssoc', { resolverRuleId: rule.attrResolverRuleId, vpcId: net.internet.vpc.vpcId });
    };
    expect(exampleFindings('alpha', 'IN-2', system).join('\n'))
      .toMatch(/IN-2 error .*resolves com with the VPC's own resolver \(a SYSTEM resolver rule\), around the security cloud's DNS/);
    expect(exampleFindings('beta-prime', 'IN-2', system)).toEqual([]);
    expect(exampleFindings('beta-prime', 'IN-2', (stack, net) => {
      system(stack, net);
      cfn(net, 'internet', '/DnsFirewallConfig').addPropertyOverride('FirewallFailOpen', 'ENABLED');
    }).join('\n')).toMatch(/resolves com with the VPC's own resolver .* without a fail-closed DNS Firewall/);
    const tfFound = tfFindings('alpha', 'IN-2', (net) => {
      const rule = new Route53ResolverRule(net, 'MutSystemRule', { domainName: 'com', ruleType: 'SYSTEM' });
      new Route53ResolverRuleAssociation(net, 'MutSystemAssoc', { resolverRuleId: rule.id, vpcId: net.internet.vpc.id });
    });
    expect(tfFound.join('\n')).toMatch(/resolves com with the VPC's own resolver \(a SYSTEM resolver rule\)/);
  });

  test('the stand-in\'s resolver must fail closed and be filtered', () => {
    const open = exampleFindings('beta-prime', 'IN-2', (_, net) => cfn(net, 'internet', '/DnsFirewallConfig').addPropertyOverride('FirewallFailOpen', 'ENABLED'));
    expect(open.join('\n')).toMatch(/the stand-in's resolver is unfiltered: its DNS Firewall does not fail closed/);
    const unassociated = exampleFindings('beta-prime', 'IN-2', (_, net) => { net.internet.node.tryRemoveChild('DnsFirewallAssociation'); });
    expect(unassociated.join('\n')).toMatch(/no DNS Firewall rule group is associated/);
    const tfOpen = tfFindings('beta-prime', 'IN-2', (net) => tfr(net, '/DnsFirewallConfig').addOverride('firewall_fail_open', 'ENABLED'));
    expect(tfOpen.join('\n')).toMatch(/does not fail closed/);
  });
});
