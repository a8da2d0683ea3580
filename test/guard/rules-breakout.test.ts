/**
 * AP-3…AP-6: the α′ breakout controls besides the firewall itself, each with compliant and non-compliant cases,
 * read from what was synthesized (firewall rule groups, the proxy configuration inside launch-template user data).
 */
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { App, CfnParameter, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { Fn as TfFn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { applianceEndpoint, editManagedGroups, exampleFindings, withoutManagedGroups } from './example-findings';
import { alphaPrimeSanitization, BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { AlphaPrimeCase, Blueprint, cdk, CloudServiceCatalogue } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { BASE64_REFERENCE, nodesOf } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';
import { hasIpsSignature } from '../../src/guard/rules/alpha-prime';
import { nonTlsPorts } from '../../src/guard/rules/breakout-controls';
import { planOf } from '../../src/plan/cache';
import { untouchedCdk } from '../support/untouched';

const blueprint = BLUEPRINTS['alpha-prime'];

function l1<T extends CfnResource>(scope: IConstruct, suffix: string): T {
  const c = scope.node.findAll().find((x) => x.node.path.endsWith(suffix));
  if (!c) throw new Error(`test setup: no construct ending in ${suffix}`);
  return c as T;
}

/** The α′ example's findings for one rule after a change, without the guard refusing first. */
const findingsAfter = (
  change: ((stack: Stack, net: cdk.MunicipalNetwork) => void) | undefined, ruleId: string, alphaPrimeCase = blueprint.alphaPrimeCase,
): string[] =>
  exampleFindings('alpha-prime', ruleId, change, alphaPrimeCase);

/** Replace the proxy's boot script (what a user overriding the launch template would do). */
function withBootScript(edit: (script: string) => string) {
  return (_: Stack, net: cdk.MunicipalNetwork) => {
    const script = planOf(net.blueprint).tenantProxy!.bootScript;
    l1<ec2.CfnLaunchTemplate>(net.lgwan, 'TenantProxy/LaunchTemplate').addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(edit(script)));
  };
}

/**
 * One rule's findings on the α′ example with its proxy's boot script edited in the synthesized template, not in the app:
 * the same user data `withBootScript` writes (the plan's boot script, base64-encoded by CloudFormation), without a
 * synthesis per variant, for tests that try many squid.conf variants.
 */
function findingsWithScript(edit: (script: string) => string, ruleId: string): string[] {
  const untouched = untouchedCdk('alpha-prime');
  const templates = Object.values<any>(untouched.template.Resources).filter((r) => r.Type === 'AWS::EC2::LaunchTemplate'
    && typeof r.Properties?.LaunchTemplateData?.UserData?.['Fn::Base64'] === 'string' && r.Properties.LaunchTemplateData.UserData['Fn::Base64'].includes('squid'));
  if (templates.length !== 1) throw new Error(`test setup: ${templates.length} proxy launch templates`);
  const data = templates[0].Properties.LaunchTemplateData.UserData;
  data['Fn::Base64'] = edit(data['Fn::Base64']);
  const graph = extractCloudFormation({ [untouched.stackName]: untouched.template });
  const options = { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase };
  return checkTopology(graph, options, { hosts: untouched.hosts, flows: untouched.flows }).filter((f) => f.ruleId === ruleId).map(formatFinding);
}

const dropLines = (pattern: RegExp) => (script: string) => script.split('\n').filter((l) => !pattern.test(l)).join('\n');
/** Insert lines before the first line matching `before`. */
const insertBefore = (before: RegExp, ...lines: string[]) => (script: string) => {
  const all = script.split('\n');
  const at = all.findIndex((l) => before.test(l));
  if (at < 0) throw new Error(`test setup: no line matching ${before}`);
  return [...all.slice(0, at), ...lines, ...all.slice(at)].join('\n');
};

/** Add a stateful rule group to the breakout policy at a priority (what a user adding a group by hand would do). */
function withRuleGroup(rulesString: string | undefined, priority: number, arn?: string) {
  return (stack: Stack, net: cdk.MunicipalNetwork) => {
    const resourceArn = arn ?? new nfw.CfnRuleGroup(stack, 'ExtraGroup', {
      ruleGroupName: 'extra',
      type: 'STATEFUL',
      capacity: 10,
      ruleGroup: { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' }, rulesSource: { rulesString } },
    }).attrRuleGroupArn;
    const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
    const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
    policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: [...(fp.statefulRuleGroupReferences as any[]), { resourceArn, priority }] };
  };
}

const PASS_ALL = 'pass ip $HOME_NET any -> $EXTERNAL_NET any (msg:"everything"; sid:1000900; rev:1;)';

describe('AP-1 the allow-list decides: no rule group passes traffic ahead of it', () => {
  test('the α′ example is compliant: drop-only groups ahead of the allow-list, the media pass rules after it', () => {
    expect(findingsAfter(undefined, 'AP-1')).toEqual([]);
  });

  test('under aws:drop_established, a breakout without its non-TCP drop lets UDP and ICMP out one way: refused (critical), with the fix', () => {
    const found = findingsAfter((_, net) => {
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const refs = (policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty).statefulRuleGroupReferences as any[];
      policy.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', refs.filter((r) => r.priority !== 900).map((r) => ({ ResourceArn: r.resourceArn, Priority: r.priority })));
    }, 'AP-1').join('\n');
    expect(found).toMatch(/AP-1 critical \(ローカルブレイクアウト\): .*drops by default with aws:drop_established only, which drops the packets of established connections: UDP, ICMP and other non-TCP traffic sent one way is never established and passes/);
    expect(found).toMatch(/Fix: add, in a rule group without an override to alert, a rule dropping all non-TCP traffic, after the groups that pass \(drop ip any any -> \$EXTERNAL_NET any \(ip_proto:!6; …\)/);
  });

  test('a breakout firewall that goes on with a connection broken midstream (stream exception policy CONTINUE) is refused (critical), with the fix', () => {
    const found = findingsAfter((_, net) => l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy')
      .addPropertyOverride('FirewallPolicy.StatefulEngineOptions.StreamExceptionPolicy', 'CONTINUE'), 'AP-1').join('\n');
    expect(found).toMatch(/AP-1 critical .*goes on with a connection broken midstream \(stream exception policy CONTINUE\)/);
    expect(found).toMatch(/Fix: set the policy's stream exception policy \(StatefulEngineOptions\.StreamExceptionPolicy\) to DROP, AWS's default, or REJECT/);
  });

  test('a group with a pass rule ahead of the allow-list under strict order is refused (critical)', () => {
    const found = findingsAfter(withRuleGroup(PASS_ALL, 50), 'AP-1').join('\n');
    expect(found).toMatch(/AP-1 critical \(ローカルブレイクアウト\): .*lets traffic around its FQDN allow-list: rule group \S+ holds a pass rule \(pass ip \$HOME_NET any/);
    expect(found).toMatch(/runs ahead of the allow-list \(priority 50; the allow-list's 400\)/);
    expect(found).toMatch(/Fix: use STRICT_ORDER and keep rule groups ahead of the allow-list to drop, reject and alert rules/);
  });

  test('after the allow-list, what it does not judge (every protocol but HTTP and TLS) still reaches a pass rule: a whole transport or an open destination is refused', () => {
    const found = findingsAfter(withRuleGroup(PASS_ALL, 900), 'AP-1').join('\n');
    expect(found).toMatch(/lets traffic around its FQDN allow-list: rule group \S+ holds a pass rule to destinations that are not literal address blocks, or for a whole transport \(pass ip /);
    expect(found).toMatch(/reaches it after the allow-list \(priority 900; the allow-list's 400\)/);
    const ssh = 'pass ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"ssh"; sid:1000901; rev:1;)';
    expect(findingsAfter(withRuleGroup(ssh, 600), 'AP-1').join('\n')).toMatch(/holds a pass rule to destinations that are not literal address blocks.*\(pass ssh /);
    const everywhere = 'pass udp $HOME_NET any -> [0.0.0.0/0] 5000:5010 (msg:"all"; sid:1000902; rev:1;)';
    expect(findingsAfter(withRuleGroup(everywhere, 600), 'AP-1').join('\n')).toMatch(/the pass rules after it \(rule groups [^)]*\) reach, their blocks merged, 4294967296 IPv4 addresses/);
  });

  test('after the allow-list, a pass to literal address blocks on given ports is an IP allow-list (as the media allowances are); a group the guard cannot read fails closed', () => {
    const vendor = 'pass udp $HOME_NET any -> [203.0.113.0/24,2001:db8::/48] 5000:5010 (msg:"vendor media"; sid:1000903; rev:1;)';
    expect(findingsAfter(withRuleGroup(vendor, 600), 'AP-1')).toEqual([]);
    const foreign = 'arn:aws:network-firewall:ap-northeast-1:111122223333:stateful-rulegroup/unknown';
    expect(findingsAfter(withRuleGroup(undefined, 900, foreign), 'AP-1').join('\n')).toMatch(/rule group arn:aws:network-firewall:.*unknown is outside the synthesized output.*after the allow-list/);
    const managed = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareWebStrictOrder';
    expect(findingsAfter(withRuleGroup(undefined, 900, managed), 'AP-1')).toEqual([]);
  });

  test('after the allow-list, literal blocks that together cover most of the internet are no IP allow-list: merged per family, bounded by a /8 of IPv4 and a /12 of IPv6', () => {
    // The whole internet in two halves, on given ports: literal blocks, none a /0, yet everything.
    const halves = 'pass udp $HOME_NET any -> [0.0.0.0/1,128.0.0.0/1] 3478:3481 (msg:"halves"; sid:1000904; rev:1;)';
    const found = findingsAfter(withRuleGroup(halves, 600), 'AP-1').join('\n');
    expect(found).toMatch(/AP-1 critical .*lets traffic around its FQDN allow-list: the pass rules after it \(rule groups \S+RuleGroupmedia\S+, ExtraGroup\) reach, their blocks merged, 4294967296 IPv4 addresses \(the widest run 0\.0\.0\.0\/0\), more than a \/8 holds/);
    expect(found).toMatch(/Fix: .*together no more addresses than a \/8 of IPv4 or a \/12 of IPv6/);
    // Adjacent and overlapping blocks are joined; two rules (here on different ports) count together, with the media
    // group's Teams ranges (52.112.0.0/14, 52.122.0.0/15: 393,216 addresses).
    const split = [
      'pass tcp $HOME_NET any -> [10.0.0.0/8,11.0.0.0/8] 443 (msg:"a"; sid:1000905; rev:1;)',
      'pass udp $HOME_NET any -> [12.0.0.0/7,12.128.0.0/9] 3478 (msg:"b"; sid:1000906; rev:1;)',
    ].join('\n');
    expect(findingsAfter(withRuleGroup(split, 600), 'AP-1').join('\n')).toMatch(/reach, their blocks merged, 67502080 IPv4 addresses \(the widest run 10\.0\.0\.0\/7 \+ 12\.0\.0\.0\/7\)/);
    // A /9 besides the media ranges is within the bound, a /8 besides them is not; an IPv6 list wider than a /12 is not
    // either (the families are bounded apart).
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [3.0.0.0/9,2001:db8::/32] 3478 (msg:"c"; sid:1000907; rev:1;)', 600), 'AP-1')).toEqual([]);
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [3.0.0.0/8] 3478 (msg:"c"; sid:1000907; rev:1;)', 600), 'AP-1').join('\n'))
      .toMatch(/reach, their blocks merged, 17170432 IPv4 addresses \(the widest run 3\.0\.0\.0\/8\), more than a \/8 holds/);
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [2000::/4,3000::/4] 3478 (msg:"d"; sid:1000908; rev:1;)', 600), 'AP-1').join('\n'))
      .toMatch(/reach, their blocks merged, \d+ IPv6 addresses \(the widest run 2000::\/3\), more than a \/12 holds/);
    // Literal blocks on every port (a range written out, as `any` is) pass a whole transport, however narrow the blocks.
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [203.0.113.0/24] 1:65535 (msg:"f"; sid:1000929; rev:1;)', 600), 'AP-1').join('\n'))
      .toMatch(/holds a pass rule to destinations that are not literal address blocks, or for a whole transport \(pass udp /);
    // A /0 written with two digits is the whole space too.
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [0.0.0.0/00] 3478 (msg:"e"; sid:1000909; rev:1;)', 600), 'AP-1').join('\n')).toMatch(/4294967296 IPv4 addresses/);
  });

  test('after the allow-list, an address list with spaces is read as Suricata reads it (the same bound); a negated list and any stay refused', () => {
    // Suricata splits the header on spaces outside brackets and skips spaces before each item of a list.
    const spaced = 'pass udp $HOME_NET any -> [0.0.0.0/1, 128.0.0.0/1] 3478 (msg:"spaced"; sid:1000910; rev:1;)';
    expect(findingsAfter(withRuleGroup(spaced, 600), 'AP-1').join('\n')).toMatch(/reach, their blocks merged, 4294967296 IPv4 addresses/);
    expect(findingsAfter(withRuleGroup('pass udp $HOME_NET any -> [203.0.113.0/24, 198.51.100.0/24] 3478 (msg:"ok"; sid:1000911; rev:1;)', 600), 'AP-1')).toEqual([]);
    // A spaced list in the source field no longer shifts the port field: tcp to every port is a whole transport.
    expect(findingsAfter(withRuleGroup('pass tcp [10.0.0.0/8, 172.16.0.0/12] any -> [203.0.113.0/24, 198.51.100.0/24] any (msg:"t"; sid:1000912; rev:1;)', 600), 'AP-1').join('\n'))
      .toMatch(/not literal address blocks, or for a whole transport/);
    for (const to of ['![10.0.0.0/8]', '[0.0.0.0/1,!10.0.0.0/8]', 'any', '$EXTERNAL_NET', '@media_ranges']) {
      expect(findingsAfter(withRuleGroup(`pass udp $HOME_NET any -> ${to} 3478 (msg:"n"; sid:1000913; rev:1;)`, 600), 'AP-1').join('\n')).toMatch(/not literal address blocks/);
    }
  });

  test('two groups after the allow-list each passing half the internet pass all of it', () => {
    const second = (stack: Stack, net: cdk.MunicipalNetwork) => {
      withRuleGroup('pass udp $HOME_NET any -> [0.0.0.0/1] 3478 (msg:"low"; sid:1000914; rev:1;)', 600)(stack, net);
      const group = new nfw.CfnRuleGroup(stack, 'ExtraGroup2', {
        ruleGroupName: 'extra2',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: { statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' }, rulesSource: { rulesString: 'pass udp $HOME_NET any -> [128.0.0.0/1] 3478 (msg:"high"; sid:1000915; rev:1;)' } },
      });
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const references = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority: 700 }];
      policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: references };
    };
    expect(findingsAfter(second, 'AP-1').join('\n')).toMatch(/the pass rules after it \(rule groups \S+, ExtraGroup, ExtraGroup2\) reach, their blocks merged, 4294967296 IPv4 addresses/);
  });

  test('under the default action order every pass rule wins: the example\'s own media rules then bypass the allow-list', () => {
    const found = findingsAfter((_, net) => l1(net.lgwan, 'Firewall/Policy')
      .addPropertyOverride('FirewallPolicy.StatefulEngineOptions.RuleOrder', 'DEFAULT_ACTION_ORDER'), 'AP-1').join('\n');
    expect(found).toMatch(/holds a pass rule \(pass udp .*under the default action order every pass rule wins over the allow-list/);
  });

  test('a group the guard cannot read ahead of the allow-list fails closed; an AWS managed group does not pass', () => {
    const foreign = 'arn:aws:network-firewall:ap-northeast-1:111122223333:stateful-rulegroup/unknown';
    expect(findingsAfter(withRuleGroup(undefined, 50, foreign), 'AP-1').join('\n')).toMatch(/rule group arn:aws:network-firewall:.*unknown is outside the synthesized output/);
    const managed = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareWebStrictOrder';
    expect(findingsAfter(withRuleGroup(undefined, 50, managed), 'AP-1')).toEqual([]);
  });

  test('a domain list whose generated rules type is not exactly one that passes nothing may be an allow-list of its own (allowlist, another case)', () => {
    const domainList = (type: string) => (stack: Stack, net: cdk.MunicipalNetwork) => {
      const group = new nfw.CfnRuleGroup(stack, 'ExtraList', {
        ruleGroupName: 'extra-list',
        type: 'STATEFUL',
        capacity: 10,
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: { rulesSourceList: { generatedRulesType: type, targets: ['.example.com'], targetTypes: ['TLS_SNI', 'HTTP_HOST'] } },
        },
      });
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const references = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: group.attrRuleGroupArn, priority: 50 }];
      policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: references };
    };
    expect(findingsAfter(domainList('DENYLIST'), 'AP-1')).toEqual([]);
    expect(findingsAfter(domainList('allowlist'), 'AP-1').join('\n'))
      .toMatch(/rule group ExtraList generates its rules as allowlist, not exactly a type that passes nothing \(DENYLIST, REJECTLIST, ALERTLIST\): it may be an allow-list of its own.*runs ahead of the allow-list \(priority 50/);
  });

  test('the IPS group turned into a pass rule is an allow-list bypass too', () => {
    expect(findingsAfter((_, net) => l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', PASS_ALL), 'AP-1').join('\n'))
      .toMatch(/RuleGroup-?ips\S* holds a pass rule.*\(priority 100; the allow-list's 400\)/);
  });
});

describe('AP-2 allow-list of qualifying services (ISMAP / 許可リスト)', () => {
  test('the α′ example allows catalogue services that qualify only', () => {
    expect(findingsAfter(undefined, 'AP-2')).toEqual([]);
  });

  test('a well-formed domain of a service that is not ISMAP-listed is refused, and can be acknowledged with a reason', () => {
    const addOwnService = (_: Stack, net: cdk.MunicipalNetwork) => l1(net.lgwan, 'Firewall/RuleGroup-allowlist')
      .addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.Targets', ['login.microsoftonline.com', '.files.example.jp']);
    expect(findingsAfter(addOwnService, 'AP-2').join('\n'))
      .toMatch(/AP-2 error \(ISMAP \/ 許可リスト\): allow-list entry "\.files\.example\.jp" is not a domain of a catalogue service that is ISMAP-listed/);
    const app = new App();
    const { stack, network } = buildCdkExample('alpha-prime', app);
    addOwnService(stack, network);
    expect(() => Template.fromStack(stack)).toThrow(/AP-2 error/);
    const again = buildCdkExample('alpha-prime', new App());
    addOwnService(again.stack, again.network);
    cdk.TopologyGuard.acknowledge(again.network.lgwan, 'AP-2', 'Our own file service is ISMAP-listed under registration C20XX-0000 (checked 2026-11).');
    // In case イ the guard cannot tell that a service it does not know is tenant-restricted either (AP-3, fail closed).
    expect(() => Template.fromStack(again.stack)).toThrow(/AP-3 error .*files\.example\.jp/);
    const third = buildCdkExample('alpha-prime', new App());
    addOwnService(third.stack, third.network);
    cdk.TopologyGuard.acknowledge(third.network.lgwan, 'AP-2', 'Our own file service is ISMAP-listed under registration C20XX-0000 (checked 2026-11).');
    cdk.TopologyGuard.acknowledge(third.network.lgwan, 'AP-3', 'The file service admits only accounts of the city\'s own tenant (admin console: sign-in restriction).');
    expect(() => Template.fromStack(third.stack)).not.toThrow();
  });
});

describe('AP-3 tenant access control (テナントアクセス制御)', () => {
  test('the α′ example (case イ, Microsoft 365 with tenant restrictions v2) is compliant', () => {
    expect(findingsAfter(undefined, 'AP-3')).toEqual([]);
  });

  test('a proxy that adds the header but lets the client\'s forged copy through is refused', () => {
    const found = findingsWithScript(dropLines(/^request_header_access sec-Restrict-Tenant-Access-Policy deny/), 'AP-3');
    expect(found.join('\n')).toMatch(/AP-3 error \(テナントアクセス制御\): the proxy does not bump login\.microsoft\.com, login\.microsoftonline\.com, login\.windows\.net and replace .* for Microsoft 365/);
  });

  test('per host: the Microsoft 365 header added for login.live.com only leaves the Entra sign-in hosts unrestricted', () => {
    const found = findingsAfter(withBootScript((script) => script.replace(
      /^(request_header_add sec-Restrict-Tenant-Access-Policy "[0-9a-f-]+:[0-9a-f-]+") tenant_microsoft_365$/m, '$1 tenant_microsoft_consumer_account_block')), 'AP-3');
    expect(found.join('\n')).toMatch(/the proxy does not bump login\.microsoft\.com, login\.microsoftonline\.com, login\.windows\.net and replace the client's tenant header there for Microsoft 365/);
    expect(found.join('\n')).not.toMatch(/login\.live\.com/);
  });

  test('per host: a header of the same name for another service does not count (Microsoft 365 without its tenant restriction)', () => {
    const found = findingsWithScript(dropLines(/tenant_microsoft_365\b/), 'AP-3');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/login\.microsoft\.com, login\.microsoftonline\.com, login\.windows\.net/);
  });

  test('a rule that lets the client\'s copy through first, or a splice ahead of the bump, is refused', () => {
    const allowFirst = insertBefore(/^request_header_access /, 'request_header_access sec-Restrict-Tenant-Access-Policy allow all');
    const found = findingsWithScript(allowFirst, 'AP-3').join('\n');
    expect(found).toMatch(/does not bump login\.microsoft\.com, login\.microsoftonline\.com, login\.windows\.net and replace/);
    expect(found).toMatch(/does not bump login\.live\.com and replace/);
    const spliceFirst = insertBefore(/^ssl_bump bump /, 'ssl_bump splice all');
    expect(findingsWithScript(spliceFirst, 'AP-3').join('\n')).toMatch(/the proxy does not bump login\.live\.com/);
  });

  test('no proxy at all while the sign-in hosts are allow-listed is refused', () => {
    const found = findingsAfter((_, net) => { net.lgwan.node.tryRemoveChild('TenantProxy'); }, 'AP-3');
    expect(found.join('\n')).toMatch(/no tenant-restriction proxy configuration is in the synthesized output/);
  });

  test('every communication tool needs tenant control: Zoom (no header scheme) is refused until acknowledged with the service-side setting', () => {
    const services = [...blueprint.breakout!.services, { service: CloudServiceCatalogue.ZOOM }];
    const withZoom = { ...blueprint, breakout: { ...blueprint.breakout!, services } };
    const build = () => {
      const stack = new Stack(new App(), 'Zoom', { env: { region: 'ap-northeast-1' } });
      const network = new cdk.MunicipalNetwork(stack, 'Network', withZoom);
      cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', 'Zoom and Teams meeting media use UDP (vendor network requirements).');
      return { stack, network };
    };
    const refused = build();
    expect(() => Template.fromStack(refused.stack)).toThrow(/AP-3 error \(テナントアクセス制御\): Zoom Meetings \(\*\.zoom\.us, zoom\.us\) is allow-listed in case イ, but it has no tenant-restriction header/);
    const accepted = build();
    cdk.TopologyGuard.acknowledge(accepted.network.lgwan, 'AP-3', 'Zoom: sign-in restricted to the city\'s SSO domain (Zoom admin: Single Sign-On, "Restrict sign-in to SSO").');
    expect(() => Template.fromStack(accepted.stack)).not.toThrow();
  });

  test('an allow-listed place no catalogue service lists passes only where the proxy replaces a header of its own', () => {
    const found = findingsAfter((_, net) => {
      l1<nfw.CfnRuleGroup>(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.Targets', ['.office.com', 'files.example-city.jp']);
    }, 'AP-3');
    expect(found).toEqual([expect.stringMatching(/AP-3 error .*: files\.example-city\.jp is allow-listed, belong to no catalogue service, and the proxy replaces no tenant header there/)]);
  });

  test('case ア does not ask for tenant restriction', () => {
    expect(findingsAfter((_, net) => { net.lgwan.node.tryRemoveChild('TenantProxy'); }, 'AP-3', AlphaPrimeCase.LICENSE_AND_UPDATES)).toEqual([]);
  });

  test('the Terraform extractor reads the proxy configuration around a secret ARN given as a reference', () => {
    const stack = new TerraformStack(Testing.app(), 'ud');
    const arn = new TerraformVariable(stack, 'ca', { type: 'string' });
    const { head, tail } = planOf(new cdk.MunicipalNetwork(new Stack(new App(), 'x'), 'n', blueprint).blueprint).tenantProxy!.bootScriptParts;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    // The way src/cdktf/tenant-proxy.ts writes it when the ARN is a reference: the ARN only ever base64-encoded.
    new LaunchTemplate(stack, 'Lt', { userData: TfFn.base64encode(TfFn.join('', [TfFn.base64decode(b64(head)), TfFn.base64encode(arn.stringValue), TfFn.base64decode(b64(tail))])) });
    const [node] = nodesOf(extractTerraform({ ud: JSON.parse(Testing.synth(stack)) }), 'user-data');
    expect(node.text).toBe(`${head}${BASE64_REFERENCE}${tail}`);
    expect(node.text).toMatch(/^request_header_add sec-Restrict-Tenant-Access-Policy "/m);
  });

  test('plain user_data is a Terraform template: an interpolation or a directive in it may add or remove lines, so it is unknown', () => {
    const textOf = (userData: string) => {
      const stack = new TerraformStack(Testing.app(), 'ud');
      new Instance(stack, 'Proxy', { ami: 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', instanceType: 't3.micro', userData });
      return nodesOf(extractTerraform({ ud: JSON.parse(Testing.synth(stack)) }), 'user-data')[0].text;
    };
    expect(textOf('#!/bin/bash\n# ${"\\nsed -i s/deny/allow/ /etc/squid/squid.conf"}\nhttp_port 3128\n')).toBe('{reference}');
    expect(textOf('#!/bin/bash\n# %{ if false }\nhttp_access deny all\n# %{ endif }\n')).toBe('{reference}');
    expect(textOf('#!/bin/bash\necho $${HOME}\n')).toBe('#!/bin/bash\necho $${HOME}\n');
  });

  test('the Terraform extractor reads no part of a user-data expression it does not know: another function or item makes it all unknown', () => {
    const { head, tail } = planOf(new cdk.MunicipalNetwork(new Stack(new App(), 'x'), 'n', blueprint).blueprint).tenantProxy!.bootScriptParts;
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const textOf = (items: (arn: string) => string[]) => {
      const stack = new TerraformStack(Testing.app(), 'ud');
      const arn = new TerraformVariable(stack, 'ca', { type: 'string' });
      new LaunchTemplate(stack, 'Lt', { userData: TfFn.base64encode(TfFn.join('', items(arn.stringValue))) });
      return nodesOf(extractTerraform({ ud: JSON.parse(Testing.synth(stack)) }), 'user-data')[0].text;
    };
    // The ARN not encoded (it may hold a quote and a command), a file's text appended, or a part the reader skipped before.
    expect(textOf((arn) => [TfFn.base64decode(b64(head)), arn, TfFn.base64decode(b64(tail))])).toBe('{reference}');
    expect(textOf((arn) => [TfFn.base64decode(b64(head)), TfFn.base64encode(arn), TfFn.base64decode(b64(tail)), TfFn.file('extra.sh')])).toBe('{reference}');
    expect(textOf((arn) => [TfFn.base64decode(b64(head)), TfFn.base64encode(arn), TfFn.base64decode(b64(tail)), TfFn.upper(arn)])).toBe('{reference}');
  });
});

describe('AP-4 IDS/IPS on the breakout path', () => {
  test('signatures are told apart from port and domain filters', () => {
    expect(hasIpsSignature('drop ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; sid:1;)')).toBe(true);
    // An alert detects and blocks nothing: AP-4 asks for 検知及び遮断.
    expect(hasIpsSignature('alert tcp any any -> any 443 (msg:"x"; app-layer-protocol:!tls; sid:1;)')).toBe(false);
    expect(hasIpsSignature('reject tcp any any -> any 443 (msg:"x"; app-layer-protocol:!tls; sid:1;)')).toBe(true);
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET !443 (msg:"ports"; flow:to_server; sid:1;)')).toBe(false);
    expect(hasIpsSignature('pass udp $HOME_NET any -> [52.112.0.0/14] 3478:3481 (msg:"media"; sid:1;)')).toBe(false);
  });

  test('a keyword is read as an option, never as a word in another option\'s value', () => {
    // Port filters whose messages name detection keywords: no signature.
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"content filter for tls.sni and http.host"; sid:1;)')).toBe(false);
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET 25 (msg:"x\\; content:\\"y\\""; sid:1;)')).toBe(false);
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"ssh pcre dsize"; flow:to_server; sid:1;)')).toBe(false);
    // A protocol-like word that is not the header's protocol field.
    expect(hasIpsSignature('drop tls-x $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; sid:1;)')).toBe(false);
    // The keywords themselves, spaced as Suricata allows.
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"x";  content:"evil"; sid:1;)')).toBe(true);
    expect(hasIpsSignature('drop tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; tls.sni; content:"evil.example"; sid:1;)')).toBe(true);
    expect(hasIpsSignature('reject tcp $HOME_NET any -> $EXTERNAL_NET any (msg:"x"; ja3.hash; content:"e7d705a3286e19ea42f587b344ee6865"; sid:1;)')).toBe(true);
  });

  test('the α′ example (AWS managed threat signatures ahead of the built-in rules) is compliant', () => {
    expect(findingsAfter(undefined, 'AP-4')).toEqual([]);
  });

  test('without the managed threat signatures, IPS rules replaced by a plain pass rule are refused', () => {
    const found = findingsAfter((_, net) => {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"anything"; sid:1000101; rev:1;)');
    }, 'AP-4');
    expect(found.join('\n')).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall .* has no IDS\/IPS: no AWS managed threat-signature group in drop mode/);
  });

  test('drop rules written by hand alone are no IDS/IPS the guard can judge: a finding to acknowledge with the rule set\'s source', () => {
    // The library's built-in rules (non-TLS on 443, SSH out) are a port filter by protocol; a user's own rules are judged alike.
    const found = findingsAfter((_, net) => withoutManagedGroups(net), 'AP-4').join('\n');
    expect(found).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+'s only IDS\/IPS is drop rules written by hand: the guard cannot judge a hand-written rule set as an IDS\/IPS/);
    expect(found).toMatch(/Fix: reference AWS managed threat signatures \(breakout.managedThreatSignatures.*or acknowledge AP-4 with a reason that names the rule set's source \(e\.g\. a vendor's signature feed and its version\)/);
    expect(found.split('\n')).toHaveLength(2);
  });

  test('an AWS managed threat-signature group counts as IPS; another AWS managed group does not', () => {
    const only = (arn: string) => findingsAfter((_, net) => {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', 'pass tcp any any -> any 443 (msg:"x"; sid:1000101;)');
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences.0.ResourceArn', arn);
    }, 'AP-4');
    expect(only('arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareWebStrictOrder')).toEqual([]);
    expect(only('arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/MalwareDomainsStrictOrder').join('\n')).toMatch(/has no IDS\/IPS/);
  });

  test('a managed group\'s ARN is read around the deploying partition and region only: any other value in it is unresolved (AP-1, fail closed)', () => {
    // CloudFormation: a template parameter where the region goes.
    const cfn = exampleFindings('alpha-prime', 'AP-1', (stack, net) => {
      const region = new CfnParameter(stack, 'FirewallRegion', { type: 'String' });
      editManagedGroups(net, (r, i) => (i === 0 ? { ...r, resourceArn: `arn:aws:network-firewall:${region.valueAsString}:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder` } : r));
    }).join('\n');
    expect(cfn).toMatch(/AP-1 critical .*a rule group reference \(template parameter FirewallRegion is known only at deploy time\) cannot be resolved/);
    // Terraform: a variable where the region goes.
    const { stack, network } = buildTfExample('alpha-prime', Testing.app());
    const region = new TerraformVariable(stack, 'firewall_region', { type: 'string' });
    const policy = network.lgwan.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as NetworkfirewallFirewallPolicy;
    const input = policy.firewallPolicyInput!;
    let first = true;
    policy.putFirewallPolicy({
      ...input,
      statefulRuleGroupReference: (input.statefulRuleGroupReference as any[]).map((r) => {
        if (!String(r.resourceArn).includes(':aws-managed:') || !first) return r;
        first = false;
        return { ...r, resourceArn: `arn:aws:network-firewall:${region.stringValue}:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder` };
      }),
    });
    const graph = extractTerraform({ tf: JSON.parse(Testing.synth(stack)) });
    expect(checkTopology(graph, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase }).filter((f) => f.ruleId === 'AP-1').map(formatFinding).join('\n'))
      .toMatch(/AP-1 critical .*a rule group reference \(.*var\.firewall_region.*\) cannot be resolved/);
  });

  test('the IPS runs before what the breakout passes (strict order): the managed groups behind the allow-list are refused', () => {
    const late = findingsAfter((_, net) => editManagedGroups(net, (r, i) => ({ ...r, priority: 1000 + i })), 'AP-4').join('\n');
    expect(late).toMatch(/AP-4 error \(IDS\/IPS\): the breakout's IDS\/IPS does not inspect what the breakout passes: firewall \S+ passes traffic in rule group \S+ \(priority 400\) before any IPS group drops it/);
    // The hand-written group behind the allow-list, the managed groups gone: both findings.
    const handLate = findingsAfter((_, net) => {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences.0.Priority', 450);
    }, 'AP-4').join('\n');
    expect(handLate).toMatch(/before any IPS group drops it/);
    expect(handLate).toMatch(/only IDS\/IPS is drop rules written by hand/);
    // One managed group moved behind, the others ahead: they inspect.
    expect(findingsAfter((_, net) => editManagedGroups(net, (r, i) => (i === 0 ? { ...r, priority: 1000 } : r)), 'AP-4')).toEqual([]);
  });

  test('with managed groups, a passing group\'s own signature above its pass does not make up for them behind it (as IN-1 and SC-2 judge it)', () => {
    const found = findingsAfter((stack, net) => {
      const early = new nfw.CfnRuleGroup(stack, 'EarlyPass', {
        capacity: 10,
        ruleGroupName: 'early-pass',
        type: 'STATEFUL',
        ruleGroup: {
          statefulRuleOptions: { ruleOrder: 'STRICT_ORDER' },
          rulesSource: {
            rulesString: [
              'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"bad"; tls.sni; content:"bad.example"; sid:1000431; rev:1;)',
              'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"tls"; flow:to_server,established; sid:1000432; rev:1;)',
            ].join('\n'),
          },
        },
      });
      const policy = l1<nfw.CfnFirewallPolicy>(net.lgwan, 'Firewall/Policy');
      const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
      const refs = [...(fp.statefulRuleGroupReferences as any[]), { resourceArn: early.attrRuleGroupArn, priority: 5 }];
      policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: refs };
    }, 'AP-4').join('\n');
    expect(found).toMatch(/AP-4 error \(IDS\/IPS\): the breakout's IDS\/IPS does not inspect what subnet \S+ sends out: firewall \S+ passes traffic in rule group EarlyPass \(priority 5\) before any IPS group drops it/);
  });

  test('IDS/IPS blocks what it detects (検知及び遮断): managed threat groups overridden to alert (DROP_TO_ALERT) or alert-only signatures are refused', () => {
    const alerting = findingsAfter((_, net) => {
      l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString', 'drop tcp any any -> any 443 (msg:"port"; sid:1000101; rev:1;)');
      editManagedGroups(net, (r) => ({ ...r, override: { action: 'DROP_TO_ALERT' } }));
    }, 'AP-4').join('\n');
    expect(alerting).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall .* has no IDS\/IPS: no AWS managed threat-signature group in drop mode \(only filters by port or domain, alert rules, or groups overridden to alert\)/);
    expect(alerting).toMatch(/Fix: reference AWS managed threat signatures .*without an override to alert/);
    // One managed group overridden, the others not: still an IPS.
    expect(findingsAfter((_, net) => editManagedGroups(net, (r, i) => (i === 0 ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r)), 'AP-4')).toEqual([]);
    // The hand-written group overridden to alert, no managed group: no IPS at all.
    expect(findingsAfter((_, net) => {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences.0.Override', { Action: 'DROP_TO_ALERT' });
    }, 'AP-4').join('\n')).toMatch(/has no IDS\/IPS: no AWS managed/);
    // Signatures that only alert.
    expect(findingsAfter((_, net) => {
      withoutManagedGroups(net);
      l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString',
        'alert ssh $HOME_NET any -> $EXTERNAL_NET any (msg:"ssh"; flow:to_server,established; sid:1000102; rev:1;)');
    }, 'AP-4').join('\n')).toMatch(/has no IDS\/IPS: no AWS managed/);
  });

  test('IDS/IPS in Terraform: the managed threat groups overridden to alert are refused; without them, hand-written rules are a finding', () => {
    const found = (edit: (refs: any[]) => any[]) => {
      const { stack, network } = buildTfExample('alpha-prime', Testing.app());
      const policy = network.lgwan.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as NetworkfirewallFirewallPolicy;
      const input = policy.firewallPolicyInput!;
      policy.putFirewallPolicy({ ...input, statefulRuleGroupReference: edit(input.statefulRuleGroupReference as any[]) });
      const graph = extractTerraform({ tf: JSON.parse(Testing.synth(stack)) });
      return checkTopology(graph, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase })
        .filter((f) => f.ruleId === 'AP-4').map(formatFinding).join('\n');
    };
    const managed = (r: any) => String(r.resourceArn).includes(':aws-managed:');
    expect(found((refs) => refs)).toBe('');
    expect(found((refs) => refs.map((r) => (managed(r) ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r))))
      .toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall .* only IDS\/IPS is drop rules written by hand/);
    expect(found((refs) => refs.filter((r) => !managed(r)))).toMatch(/only IDS\/IPS is drop rules written by hand/);
    expect(found((refs) => refs.map((r) => (managed(r) ? { ...r, priority: 1000 + r.priority } : r)))).toMatch(/before any IPS group drops it/);
  });
});

describe('AP-4: the breakout\'s IDS/IPS applies to the addresses the LGWAN segment sends from (a signature on $HOME_NET inspects nothing outside it)', () => {
  const setHome = (net: cdk.MunicipalNetwork, definition: unknown) =>
    l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RuleVariables.IPSets.HOME_NET.Definition', definition);
  const setPolicyHome = (net: cdk.MunicipalNetwork, definition: unknown) =>
    l1(net.lgwan, 'Firewall/Policy').addPropertyOverride('FirewallPolicy.PolicyVariables.RuleVariables.HOME_NET.Definition', definition);
  const notApplied = /AP-4 error \(IDS\/IPS\): the breakout's IDS\/IPS does not apply to what subnet \S+ sends out through firewall \S+: the IPS rules in drop mode of firewall \S+ do not apply to this traffic \(from 10\.\d+\.\d+\.\d+\/\d+/;

  test('the managed groups under the policy\'s default HOME_NET (the VPC\'s block, AWS\'s default) hold the subnets: compliant', () => {
    expect(findingsAfter(undefined, 'AP-4')).toEqual([]);
    expect(findingsAfter((_, net) => l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyDeletionOverride('RuleGroup.RuleVariables'), 'AP-4')).toEqual([]);
  });

  test('the managed groups under the policy\'s HOME_NET of another block, or the hand-written group\'s: refused, naming the subnet and the addresses', () => {
    const other = findingsAfter((_, net) => setPolicyHome(net, ['10.99.0.0/16']), 'AP-4').join('\n');
    expect(other).toMatch(notApplied);
    expect(other).toMatch(/Fix: give the IPS rule group \(and the policy\) a HOME_NET that holds the LGWAN segment's addresses/);
    expect(findingsAfter((_, net) => {
      withoutManagedGroups(net);
      setHome(net, ['10.99.0.0/16']);
    }, 'AP-4').join('\n')).toMatch(notApplied);
  });

  test('beside the managed groups the hand-written group does not count: managed groups that do not apply are refused though it applies', () => {
    // The managed groups (10…) no longer apply; the hand-written group, which does, is no IDS/IPS the guard can judge.
    const found = findingsAfter((_, net) => {
      setPolicyHome(net, ['10.99.0.0/16']);
      setHome(net, ['10.0.0.0/8']);
    }, 'AP-4').join('\n');
    expect(found).toMatch(notApplied);
    expect(findingsAfter((_, net) => setPolicyHome(net, ['10.0.0.0/8']), 'AP-4')).toEqual([]);
  });

  test('the same in Terraform', () => {
    const found = (change: (network: any) => void) => {
      const { stack, network } = buildTfExample('alpha-prime', Testing.app());
      change(network);
      const graph = extractTerraform({ tf: JSON.parse(Testing.synth(stack)) });
      return checkTopology(graph, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase }).filter((f) => f.ruleId === 'AP-4').map(formatFinding).join('\n');
    };
    const policy = (network: any) => network.lgwan.node.findAll().find((c: IConstruct) => c.node.path.endsWith('Firewall/Policy'));
    expect(found((network) => policy(network).addOverride('firewall_policy.policy_variables', { rule_variables: [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }] })))
      .toMatch(notApplied);
    expect(found(() => undefined)).toBe('');
  });
});

describe('AP-4: a GWLB endpoint counts only when declared an IDS appliance\'s, and only on the way out', () => {
  const noIps = (net: cdk.MunicipalNetwork) => {
    withoutManagedGroups(net);
    l1(net.lgwan, 'Firewall/RuleGroup-ips').addPropertyOverride('RuleGroup.RulesSource.RulesString',
      'pass tcp $HOME_NET any -> $EXTERNAL_NET 443 (msg:"anything"; sid:1000101; rev:1;)');
  };
  /** A GWLB endpoint in a subnet of its own in the LGWAN VPC, whose table sends 0.0.0.0/0 on to the firewall endpoint. */
  const endpoint = (stack: Stack, net: cdk.MunicipalNetwork, declared = true) => {
    const vpcId = (net.lgwan.vpc as ec2.IVpc).vpcId;
    const subnet = new ec2.CfnSubnet(stack, 'ApplianceSubnet', { vpcId, cidrBlock: '10.0.97.0/28', availabilityZone: 'ap-northeast-1a' });
    const table = new ec2.CfnRouteTable(stack, 'ApplianceTable', { vpcId });
    new ec2.CfnSubnetRouteTableAssociation(stack, 'ApplianceAssoc', { subnetId: subnet.ref, routeTableId: table.ref });
    const proxyRoute = net.lgwan.node.findAll().find((c) => c instanceof ec2.CfnRoute && c.node.path.includes('Route-proxy-1-') && c.destinationCidrBlock === '0.0.0.0/0') as ec2.CfnRoute;
    new ec2.CfnRoute(stack, 'ApplianceOut', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', vpcEndpointId: proxyRoute.vpcEndpointId });
    const gwlb = applianceEndpoint(stack, vpcId, subnet.ref, declared);
    return { proxyRoute, gwlb };
  };
  const through = (which: RegExp, declared = true) => findingsAfter((stack, net) => {
    noIps(net);
    const { gwlb } = endpoint(stack, net, declared);
    for (const c of net.lgwan.node.findAll()) {
      if (!(c instanceof ec2.CfnRoute) || c.vpcEndpointId === undefined || !which.test(c.node.path)) continue;
      c.addPropertyDeletionOverride('VpcEndpointId');
      c.addPropertyOverride('VpcEndpointId', gwlb.ref);
    }
  }, 'AP-4');

  test('an endpoint no route leads through inspects nothing: the breakout without IPS is refused', () => {
    expect(findingsAfter((stack, net) => {
      noIps(net);
      endpoint(stack, net);
    }, 'AP-4').join('\n')).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall .* has no IDS\/IPS: .* and no declared IDS appliance's GWLB endpoint on the way out/);
  });

  test('every way out through a declared endpoint needs no IPS of the firewall\'s; the terminals\' media routes straight to the firewall still do', () => {
    // The proxies' default routes only: the terminals reach the meeting media ranges through the firewall alone.
    expect(through(/Route-proxy-/).join('\n')).toMatch(/the breakout firewall \S+ has no IDS\/IPS/);
    expect(through(/Route-(proxy|terminals)-/)).toEqual([]);
  });

  test('an endpoint not declared an IDS appliance\'s counts for nothing, and the finding says how to declare it', () => {
    const found = through(/Route-(proxy|terminals)-/, false).join('\n');
    expect(found).toMatch(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+ has no IDS\/IPS: .*; GWLB endpoint \S+ is on the way out but not declared an IDS appliance's/);
    expect(found).toMatch(/Fix: .*tag the GWLB endpoint jichitai:inspection=IDS_IPS if its appliance is an IDS\/IPS that blocks what it detects/);
  });
});
describe('AP-5 通信路暗号化: only TLS to cloud services, and the proxy authenticates them by their certificates', () => {
  test('cleartext HTTP: only the list of the services that declare port 80 has HTTP_HOST targets, and it needs the written reason', () => {
    // The example allow-lists Windows Update (port 80, with its vendor's reason, acknowledged) beside Microsoft 365.
    const cleartext = (change?: (stack: Stack, net: cdk.MunicipalNetwork) => void) => findingsAfter(change, 'AP-5').filter((f) => /cleartext HTTP/.test(f));
    const untouched = cleartext();
    expect(untouched).toEqual([expect.stringMatching(/^\[\S+allowlisthttp\S*\] AP-5 error \(通信路暗号化\): the FQDN allow-list passes cleartext HTTP \(HTTP_HOST targets\) to .*windowsupdate\.com/)]);
    expect(untouched[0]).not.toMatch(/office|teams|cloud\.microsoft/);
    // HTTP_HOST on the TLS allow-list: cleartext HTTP to Microsoft 365 too.
    const both = cleartext((_, net) => l1(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.TargetTypes', ['HTTP_HOST', 'TLS_SNI']));
    expect(both).toHaveLength(2);
    expect(both.join('\n')).toMatch(/cleartext HTTP \(HTTP_HOST targets\) to .*(office|microsoft)/);
    // A target type the guard cannot read, or none, counts as cleartext (fail closed).
    const unread = cleartext((stack, net) => l1(net.lgwan, 'Firewall/RuleGroup-allowlist').addPropertyOverride('RuleGroup.RulesSource.RulesSourceList.TargetTypes',
      [new CfnParameter(stack, 'TargetType', { default: 'TLS_SNI' }).valueAsString]));
    expect(unread).toHaveLength(2);
  });

  test('cleartext HTTP in Terraform: the same lists, the same findings', () => {
    const found = (change: (network: any) => void) => {
      const { stack, network } = buildTfExample('alpha-prime', Testing.app());
      change(network);
      const graph = extractTerraform({ tf: JSON.parse(Testing.synth(stack)) });
      return checkTopology(graph, { model: blueprint.model, alphaPrimeCase: blueprint.alphaPrimeCase }).filter((f) => f.ruleId === 'AP-5')
        .map(formatFinding).filter((f) => /cleartext HTTP/.test(f));
    };
    expect(found(() => undefined)).toEqual([expect.stringMatching(/cleartext HTTP \(HTTP_HOST targets\) to .*windowsupdate\.com/)]);
    const allowlist = (network: any) => network.lgwan.node.findAll().find((c: IConstruct) => c.node.path.endsWith('Firewall/RuleGroup-allowlist'));
    expect(found((network) => allowlist(network).addOverride('rule_group.rules_source.rules_source_list.target_types', ['HTTP_HOST', 'TLS_SNI']))).toHaveLength(2);
  });

  test('ports besides 443 are read from pass rules and from the port filter', () => {
    expect(nonTlsPorts([
      'pass udp $HOME_NET any -> [52.112.0.0/14] 3478:3481 (msg:"media"; sid:1;)',
      'drop tcp $HOME_NET any -> $EXTERNAL_NET ![80,443] (msg:"ports"; flow:to_server; sid:2;)',
      'pass tls $HOME_NET any -> $EXTERNAL_NET 443 (msg:"tls"; sid:3;)',
    ].join('\n'))).toEqual(['tcp/80', 'udp/3478:3481']);
    expect(nonTlsPorts('drop tcp $HOME_NET any -> $EXTERNAL_NET !443 (msg:"ports"; sid:2;)')).toEqual([]);
  });

  test('a pass rule\'s header is read as Suricata splits it: spaced lists, any port, both port fields of <>, a header cut short', () => {
    const rules = (...lines: string[]) => nonTlsPorts(lines.map((l, i) => `${l} (msg:"r"; sid:${i + 1};)`).join('\n'));
    expect(rules('pass udp $HOME_NET any -> [52.112.0.0/14, 52.122.0.0/15] 3478:3481')).toEqual(['udp/3478:3481']);
    expect(rules('pass tcp $HOME_NET any -> [203.0.113.0/24] [443, 8443]')).toEqual(['tcp/8443']);
    expect(rules('pass udp $HOME_NET any -> [203.0.113.0/24] any')).toEqual(['udp/any']);
    expect(rules('pass tcp [203.0.113.0/24] 8443 <> $HOME_NET any')).toEqual(['tcp/8443', 'tcp/any']);
    expect(rules('pass ip $HOME_NET any -> [203.0.113.0/24] any')).toEqual(['ip/any']);
    expect(nonTlsPorts('pass udp $HOME_NET any ->')).toEqual(['udp/?']);
    // A rule continued with a backslash is one rule to Suricata's loader; one that nothing continues cannot be read.
    expect(nonTlsPorts('pass udp $HOME_NET any -> \\\n[203.0.113.0/24] 3478 (msg:"r"; sid:1;)')).toEqual(['udp/3478']);
    expect(nonTlsPorts('pass udp $HOME_NET any -> \\')).toEqual(['?']);
  });

  test('the port filter\'s header is read the same way: a spaced negated list, the action in capitals, a reject', () => {
    const rules = (...lines: string[]) => nonTlsPorts(lines.map((l, i) => `${l} (msg:"r"; flow:to_server; sid:${i + 1};)`).join('\n'));
    expect(rules('drop tcp $HOME_NET any -> $EXTERNAL_NET ![80, 443, 8080]')).toEqual(['tcp/80', 'tcp/8080']);
    expect(rules('DROP tcp $HOME_NET any -> $EXTERNAL_NET ![443,8443]')).toEqual(['tcp/8443']);
    expect(rules('reject tcp [10.0.0.0/16, 10.1.0.0/16] any -> $EXTERNAL_NET !25')).toEqual(['tcp/25']);
    // A drop of named ports opens nothing.
    expect(rules('drop tcp $HOME_NET any -> $EXTERNAL_NET [25, 587]')).toEqual([]);
  });

  test('unacknowledged, other ports are refused; the examples acknowledge them with the catalogue\'s vendor reasons', () => {
    const stack = new Stack(new App(), 'Bare');
    new cdk.MunicipalNetwork(stack, 'Network', blueprint);
    expect(() => Template.fromStack(stack)).toThrow(/AP-5 error \(通信路暗号化\): the breakout lets .*udp\/3478:3481.* through besides TLS 443/);
    const { stack: example } = buildCdkExample('alpha-prime', new App());
    Annotations.fromStack(example).hasInfo('*', Match.stringLikeRegexp('acknowledged \\(jichitai-guard::AP-5\\): .*AP-5 error.*Reason: Microsoft 365 .*: Teams audio/video media is UDP'));
    expect(() => Template.fromStack(example)).not.toThrow();
  });

  test('the generated proxy verifies certificates; a bypass of verification is refused whichever way it is written', () => {
    expect(findingsAfter(undefined, 'AP-5', blueprint.alphaPrimeCase).filter((f) => /certificates/.test(f))).toEqual([]);
    const cases: [string, (script: string) => string][] = [
      ['sslproxy_cert_error allow', insertBefore(/^sslproxy_cert_error deny all$/, 'sslproxy_cert_error allow all')],
      ['DONT_VERIFY_PEER', (script) => script.replace(/^(tls_outgoing_options .*)$/m, '$1 flags=DONT_VERIFY_PEER')],
      // Any valid certificate, whoever it was issued to (outside tester, red team 37).
      ['DONT_VERIFY_DOMAIN', (script) => script.replace(/^(tls_outgoing_options .*)$/m, '$1 flags=DONT_VERIFY_DOMAIN')],
      ['no trusted authority', (script) => script.replace(/default-ca=on/, 'default-ca=off')],
      ['a certificate validator of its own', insertBefore(/^sslproxy_cert_error deny all$/, 'sslcrtvalidator_program /usr/local/bin/accept-everything')],
    ];
    for (const [what, edit] of cases) {
      const found = findingsWithScript(edit, 'AP-5').filter((f) => /certificates/.test(f));
      expect([what, found]).toEqual([what, [expect.stringMatching(/AP-5 critical \(通信路暗号化\): the proxy does not authenticate the cloud services by their certificates: /)]]);
    }
  });

  test('the acknowledgement the examples give for the ports does not cover a proxy that accepts forged certificates', () => {
    const { stack, network } = buildCdkExample('alpha-prime', new App());
    withBootScript(insertBefore(/^sslproxy_cert_error deny all$/, 'sslproxy_cert_error allow all'))(stack, network);
    expect(() => Template.fromStack(stack)).toThrow(/AP-5 critical \(通信路暗号化\): the proxy does not authenticate/);
  });
});

describe('AP-6 case イ download restriction (ファイルダウンロード制限)', () => {
  test('the α′ example (case イ) is compliant', () => {
    expect(findingsAfter(undefined, 'AP-6')).toEqual([]);
  });

  test('an allow rule ahead of the download denials (what an injected line did) is refused', () => {
    const change = withBootScript(insertBefore(/^http_reply_access deny /, 'http_reply_access allow all'));
    expect(findingsAfter(change, 'AP-6').join('\n')).toMatch(/AP-6 error .*case イ allows Microsoft 365.*no proxy refuses file downloads from them \(\*\.cloud\.microsoft/);
  });

  test('a proxy that differs from one already judged only in a value the guard reads is judged afresh (answers shared by configuration shape)', () => {
    // The answers about one configuration are reused for another of the same shape: one whose clients' addresses (a
    // `src` ACL, never read) differ. The first judging runs here; the attachment ACL's pattern, a value the guard does
    // read, then changes so that no attachment is denied: a shape that left it out would reuse the pass.
    expect(findingsWithScript((script) => script.replace(/^acl clients src .*$/m, 'acl clients src 10.250.0.0/16'), 'AP-6')).toEqual([]);
    const inline = (script: string) => script.replace(/^(acl download_disposition rep_header Content-Disposition -i) .*$/m, '$1 ^[[:space:]]*inline');
    expect(findingsWithScript((script) => inline(script.replace(/^acl clients src .*$/m, 'acl clients src 10.250.0.0/16')), 'AP-6').join('\n'))
      .toMatch(/AP-6 error .*no proxy refuses file downloads from them/);
  });

  test('a reply of another type let through is refused even when attachments are denied', () => {
    expect(findingsWithScript(dropLines(/^http_reply_access deny comm_dst$/), 'AP-6')).toHaveLength(1);
  });

  test('a proxy that refuses a list of file types lets unlisted ones through and is refused (outside auditor)', () => {
    // The library's own rules before 2026-12-07: octet-streams, archives, executables, OOXML / ms- Office types and PDF
    // denied, anything else allowed: application/msword, ODF, gzip, images, a type no list names and a reply without a
    // type pass.
    const denyList = withBootScript((script) => {
      const lines = script.split('\n').filter((l) => !/^(acl (page_mime|contentless_status) |http_reply_access (allow|deny) comm_dst)/.test(l));
      const at = lines.findIndex((l) => l === 'http_reply_access allow all');
      expect(at).toBeGreaterThan(0);
      lines.splice(at, 0, 'acl download_mime rep_mime_type -i ^application/octet-stream ^application/zip ^application/x-zip-compressed '
        + '^application/x-7z-compressed ^application/x-msdownload ^application/vnd\\.openxmlformats-officedocument\\. ^application/vnd\\.ms- ^application/pdf',
      'http_reply_access deny comm_dst download_disposition', 'http_reply_access deny comm_dst download_mime');
      return lines.join('\n');
    });
    expect(findingsAfter(denyList, 'AP-6').join('\n')).toMatch(/AP-6 error .*no proxy refuses file downloads from them/);
    // The same list with every other type refused passes: the list does no harm, the last denial does the work.
    const denyListThenRest = withBootScript((script) => script.replace(/^http_reply_access allow comm_dst page_mime$/m,
      'acl download_mime rep_mime_type -i ^application/octet-stream\nhttp_reply_access deny comm_dst download_mime\nhttp_reply_access allow comm_dst page_mime'));
    expect(findingsAfter(denyListThenRest, 'AP-6')).toEqual([]);
  });

  test('images, a type no list names and replies without a type are files too (case イ refuses what case ウ sanitizes)', () => {
    const allowing = (acl: string) => insertBefore(/^http_reply_access deny comm_dst$/, `${acl}\nhttp_reply_access allow comm_dst let_through`);
    for (const acl of ['acl let_through rep_mime_type -i ^image/', 'acl let_through rep_mime_type -i ^application/x-', 'acl let_through rep_mime_type ^$',
      'acl let_through http_status 200', 'acl let_through http_status 100-299', 'acl let_through http_status 200-']) {
      expect([acl, findingsWithScript(allowing(acl), 'AP-6').join('\n')]).toEqual([acl, expect.stringMatching(/AP-6 error .*no proxy refuses file downloads/)]);
    }
    // Statuses without content, a status range that holds no 200, and an unreadable status value (fail closed).
    for (const [acl, refused] of [['acl let_through http_status 204 304', false], ['acl let_through http_status 300-', false],
      ['acl let_through http_status 2xx', true]] as const) {
      expect([acl, findingsWithScript(allowing(acl), 'AP-6').length > 0]).toEqual([acl, refused]);
    }
  });

  test('login.live.com allow-listed for the consumer-account block alone is not taken as Microsoft 365\'s (no false alarm)', () => {
    const stack = new Stack(new App(), 'ConsumerBlockOnly');
    new cdk.MunicipalNetwork(stack, 'Network', {
      ...blueprint,
      breakout: {
        ...blueprint.breakout!,
        services: [{ service: CloudServiceCatalogue.GOOGLE_WORKSPACE, tenantIds: ['city.example.lg.jp'] }, { service: CloudServiceCatalogue.MICROSOFT_CONSUMER_ACCOUNT_BLOCK }],
      },
    });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('a proxy without the download rules is refused in case イ, and in case ウ too: a relay alone is not sanitization', () => {
    const change = withBootScript(dropLines(/^http_reply_access deny/));
    expect(findingsAfter(change, 'AP-6').join('\n')).toMatch(/AP-6 error \(ファイルダウンロード制限\): case イ allows Microsoft 365.*no proxy refuses file downloads/);
    // The example declares a relay (sanitizer, INTERNET): files would still reach LGWAN unsanitized from the tools.
    expect(findingsAfter(change, 'AP-6', AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION).join('\n'))
      .toMatch(/AP-6 error .*case ウ allows Microsoft 365.*, but file replies from .* are neither handed to a sanitization service \(無害化: ICAP RESPMOD, bypass=off\) nor denied/);
  });

  test('case ウ with the downloads denied at the proxy and a relay for files is the rule\'s other way (compliant)', () => {
    expect(findingsAfter(undefined, 'AP-6', AlphaPrimeCase.COMMUNICATION_WITH_SANITIZATION)).toEqual([]);
  });
});

describe('AP-6 case ウ sanitization at the proxy (無害化, ICAP RESPMOD)', () => {
  const SANITIZING = 'alpha-prime-sanitization';
  const sanitizingFindings = (change?: (stack: Stack, net: cdk.MunicipalNetwork) => void) => exampleFindings(SANITIZING, 'AP-6', change);

  test('the case ウ example is compliant: the tools are bumped and their file replies go to an essential ICAP service in LGWAN', () => {
    expect(sanitizingFindings()).toEqual([]);
    const conf = planOf(Blueprint.validate(alphaPrimeSanitization)).tenantProxy!.squidConfig;
    expect(conf).toMatch(/^icap_service \S+ respmod_precache icap:\/\/10\.0\.65\.40:1344\/respmod bypass=off/m);
  });

  test.each([
    ['bypass=on (a dead sanitizer would pass files)', withBootScript((s) => s.replace(/^(icap_service .*)bypass=off/m, '$1bypass=on')), /is bypassable \(bypass=on\): while it is down, files pass unsanitized/],
    ['the legacy positional bypass flag 1', withBootScript((s) => s.replace(/^(icap_service \S+) respmod_precache (\S+) bypass=off/m, '$1 respmod_precache 1 $2')), /is bypassable/],
    ['on-overload=bypass', withBootScript((s) => s.replace(/on-overload=wait/, 'on-overload=bypass')), /skips itself when overloaded \(on-overload=bypass\)/],
    ['icap_enable off', withBootScript((s) => s.replace(/^icap_enable on$/m, 'icap_enable off')), /ICAP is not enabled/],
    ['the ICAP service removed', withBootScript(dropLines(/^icap_service /)), /is not one icap_service the guard can read/],
    ['an adaptation_access deny for attachments ahead of the allow', withBootScript(insertBefore(/^adaptation_access /, 'adaptation_access sanitizer deny comm_dst download_disposition')),
      /no adaptation_access sends its attachments to a sanitization service/],
    ['the allow rules removed (files of a file MIME type unsent)', withBootScript(dropLines(/^adaptation_access sanitizer allow comm_dst$/)), /no adaptation_access sends its application\/octet-stream replies/],
    ['the service pointed at the relay in the Internet segment', withBootScript((s) => s.replace(/icap:\/\/10\.0\.65\.40:/, 'icap://10.0.128.20:')), /is not at an address of the LGWAN segment/],
    ['the service at a host name the guard cannot place', withBootScript((s) => s.replace(/icap:\/\/10\.0\.65\.40:/, 'icap://sanitizer.example.lg.jp:')), /is not at an address of the LGWAN segment/],
    ['an option the guard does not know (fail closed)', withBootScript((s) => s.replace(/on-overload=wait/, 'on-overload=wait max-conn=4 future-option=x')), /has the option future-option=x, which the guard cannot read/],
    ['the tools no longer bumped (replies unreadable)', withBootScript(dropLines(/^ssl_bump bump /)), /is not bumped, so the proxy never reads its replies/],
    ['a bypassable service picked first for the same replies', withBootScript(insertBefore(/^adaptation_access /,
      'icap_service quick respmod_precache icap://10.0.65.40:1344/quick bypass=on', 'adaptation_access quick allow all')), /"quick" is bypassable/],
  ])('refused: %s', (_, change, why) => {
    const findings = sanitizingFindings(change);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatch(/AP-6 error \(ファイルダウンロード制限\): case ウ allows Microsoft 365.*, but file replies from .* are neither handed to a sanitization service \(無害化: ICAP RESPMOD, bypass=off\) nor denied/);
    expect(findings[0]).toMatch(why);
    expect(findings[0]).toMatch(/Fix: give breakout\.sanitizationService/);
  });

  test('a request-modification service ahead never sees replies, and a deny for replies it also denies is fine (no false alarm)', () => {
    expect(sanitizingFindings(withBootScript(insertBefore(/^adaptation_access /,
      'icap_service req reqmod_precache icap://10.0.65.40:1344/reqmod bypass=on', 'adaptation_access req allow all')))).toEqual([]);
    expect(sanitizingFindings(withBootScript(insertBefore(/^adaptation_access /, 'http_reply_access deny comm_dst download_disposition', 'http_reply_access allow all'))))
      .toEqual([]);
  });

  test('sanitized files need a SANITIZATION_RELAY labelled in LGWAN: the sanitizer\'s label removed is refused', () => {
    const findings = sanitizingFindings((_, net) => {
      l1<ec2.CfnSecurityGroup>(net.lgwan, 'HostSecurityGroup-lgwan-sanitizer').addPropertyOverride('Tags', [{ Key: 'Name', Value: 'x' }]);
    });
    expect(findings.join('\n')).toMatch(/case ウ hands file replies to an ICAP service, but no host labelled SANITIZATION_RELAY \(無害化\) is in the LGWAN segment/);
  });

  describe('CDKTF', () => {
    const tfFindings = (edit?: (script: string) => string): string[] => {
      const { stack, network } = buildTfExample(SANITIZING, Testing.app());
      if (edit) {
        const script = edit(planOf(network.blueprint).tenantProxy!.bootScript);
        network.lgwan.node.findAll().map((c) => c as LaunchTemplate).find((c) => c.node.path.endsWith('TenantProxy/LaunchTemplate'))!
          .addOverride('user_data', Buffer.from(script).toString('base64'));
      }
      const graph = extractTerraform({ [stack.node.id]: JSON.parse(Testing.synth(stack)) });
      return checkTopology(graph, { model: network.blueprint.model, alphaPrimeCase: network.blueprint.alphaPrimeCase })
        .filter((f) => f.ruleId === 'AP-6').map(formatFinding);
    };

    test('the case ウ example is compliant', () => {
      expect(tfFindings()).toEqual([]);
    });

    test('bypass=on and the ICAP service removed are refused', () => {
      expect(tfFindings((s) => s.replace(/^(icap_service .*)bypass=off/m, '$1bypass=on')).join('\n')).toMatch(/AP-6 error .*case ウ .*is bypassable \(bypass=on\)/);
      expect(tfFindings((s) => s.split('\n').filter((l) => !/^icap_service /.test(l)).join('\n')).join('\n')).toMatch(/AP-6 error .*case ウ .*is not one icap_service/);
    });

    test('the proxy instances may reach the sanitizer on the ICAP port, and the sanitizer admits the proxy subnets on it', () => {
      const { stack } = buildTfExample(SANITIZING, Testing.app());
      const tfJson = JSON.parse(Testing.synth(stack));
      const groups = Object.values(tfJson.resource.aws_security_group) as any[];
      const proxy = groups.find((g) => /Tenant-restriction proxy instances/.test(g.description));
      expect(proxy.egress).toEqual(expect.arrayContaining([expect.objectContaining({ cidr_blocks: ['10.0.65.40/32'], from_port: 1344, to_port: 1344, protocol: 'tcp' })]));
      const sanitizer = groups.find((g) => g.tags?.['jichitai:host'] === 'lgwan-sanitizer');
      const rules = [...(sanitizer.ingress ?? []), ...Object.values(tfJson.resource.aws_vpc_security_group_ingress_rule ?? {})
        .filter((r: any) => JSON.stringify(r.security_group_id).includes('lgwan-sanitizer'))];
      expect(JSON.stringify(rules)).toMatch(/1344/);
    });
  });

  test('CDK: the proxy instances may reach the sanitizer on the ICAP port, and the sanitizer admits the proxy subnets on it', () => {
    const { stack } = buildCdkExample(SANITIZING, new App());
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('Tenant-restriction proxy instances'),
      SecurityGroupEgress: Match.arrayWith([Match.objectLike({ CidrIp: '10.0.65.40/32', FromPort: 1344, ToPort: 1344, IpProtocol: 'tcp' })]),
    });
    expect(JSON.stringify(template.toJSON())).toMatch(/ICAP from the tenant-restriction proxy \(alpha-prime case 3, sanitization\): tcp\/1344/);
  });
});
