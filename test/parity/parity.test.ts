/**
 * Parity of the two engines (issue 3): for each model, the same blueprint rendered with AWS CDK and with CDKTF,
 * read back from the synthesized CloudFormation and Terraform JSON (not from our plan), described by meaning only
 * (segments, CIDRs, route targets, transit routes, firewall lists and default actions, DNS lists, log
 * destinations), must be the same network.
 */
import { NetworkfirewallFirewallPolicy } from '@cdktf/provider-aws/lib/networkfirewall-firewall-policy';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { Route } from '@cdktf/provider-aws/lib/route';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Testing } from 'cdktf';
import { IConstruct } from 'constructs';
import { BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { buildTfExample } from '../../examples/tf/_app';
import { NetworkModel } from '../../src';
import { CloudFormationTemplate, extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform, TerraformJson } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { NeutralNetwork, normalise } from '../../src/guard/normalise';
import { untouchedCdk, untouchedTf } from '../support/untouched';

type TfBuild = ReturnType<typeof buildTfExample>;

/**
 * The CloudFormation template of an untouched example, synthesized once per test run (test/support/untouched.ts; that the
 * guard passes them is shown by the mutation suites and the examples' own tests).
 */
function cdkTemplate(name: string): CloudFormationTemplate {
  return untouchedCdk(name).template;
}

/**
 * The Terraform configuration of an example, after `change` (untouched: synthesized once per test run). The guard runs
 * on a changed one, unless told not to: a mutated configuration may well be one it refuses, and the negative tests are
 * about the comparison, not the guard.
 */
function tfConfig(name: string, change?: (built: TfBuild) => void, guarded = true): TerraformJson {
  if (!change) return untouchedTf(name).config;
  const built = buildTfExample(name, Testing.app());
  change(built);
  return JSON.parse(Testing.synth(built.stack, guarded));
}

const cdkGraph = (template: CloudFormationTemplate): TopologyGraph => extractCloudFormation({ stack: template });
const tfGraph = (config: TerraformJson): TopologyGraph => extractTerraform({ stack: config });

function find<T extends IConstruct>(scope: IConstruct, test: (c: IConstruct) => boolean, what: string): T {
  const found = scope.node.findAll().find(test);
  if (!found) throw new Error(`test setup: no ${what}`);
  return found as T;
}

const ALL_EXAMPLES: Record<string, (typeof BLUEPRINTS)[string]> = { ...BLUEPRINTS, ...SUPPLEMENTARY_BLUEPRINTS };

describe.each(Object.keys(ALL_EXAMPLES))('the %s blueprint', (name) => {
  let cdkG: TopologyGraph;
  let tfG: TopologyGraph;
  let cdk: NeutralNetwork;
  let tf: NeutralNetwork;
  beforeAll(() => {
    cdkG = cdkGraph(cdkTemplate(name));
    tfG = tfGraph(tfConfig(name));
    cdk = normalise(cdkG);
    tf = normalise(tfG);
  });

  test('is read completely from both outputs: no reference is left unresolved', () => {
    // An unresolved reference would be described as just "unresolved" on both sides and could hide a difference.
    expect(cdkG.unresolved).toEqual([]);
    expect(tfG.unresolved).toEqual([]);
  });

  test('is the same network in CloudFormation and in Terraform', () => {
    expect(tf).toEqual(cdk);
  });

  test('and the description is not trivially empty', () => {
    const model = ALL_EXAMPLES[name].model;
    expect(cdk.vpcs).toEqual([
      { segment: 'INTERNET', cidr: '10.0.128.0/18' },
      { segment: 'LGWAN', cidr: '10.0.64.0/18' },
      { segment: 'MY_NUMBER', cidr: '10.0.0.0/18' },
    ]);
    expect(cdk.subnets.length).toBeGreaterThanOrEqual(18);
    expect(cdk.subnets.every((s) => s.segment === s.vpc && s.role !== 'unlabelled')).toBe(true);
    const routes = cdk.routeTables.flatMap((t) => t.routes);
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.some((r) => r.target === 'transit-gateway')).toBe(true);
    expect(cdk.transitAttachments.map((a) => a.attachment)).toEqual(expect.arrayContaining(['INTERNET', 'LGWAN', 'MY_NUMBER', 'vpn:LGWAN_WAN']));
    expect(cdk.transitRouteTables.flatMap((t) => t.routes).some((r) => r.target === 'blackhole')).toBe(true);
    expect(cdk.transitRouteTables.flatMap((t) => t.routes).some((r) => r.target === 'vpn:LGWAN_WAN')).toBe(true);
    expect(cdk.dnsFirewalls.map((d) => d.segment)).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(cdk.dnsFirewalls.flatMap((d) => d.rules).every((r) => r.domains.length > 0 && !r.domains.includes('?'))).toBe(true);
    expect(cdk.flowLogs.map((l) => l.segment)).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    expect(cdk.flowLogs.every((l) => l.trafficType === 'ALL' && l.destination.endsWith(`/vpc-flow-logs/${l.segment.replace('_', '').toLowerCase()}/`))).toBe(true);
    expect(cdk.roleLabels.length).toBeGreaterThan(0);
    if (model === NetworkModel.ALPHA_PRIME) {
      const breakout = cdk.firewalls.filter((f) => f.segment === 'LGWAN');
      expect(breakout).toHaveLength(2);
      for (const f of breakout) {
        expect(f.statefulDefaultActions).toContain('aws:drop_established');
        // Every service on TLS SNI; cleartext HTTP only to the update services that declare port 80 (AP-5).
        expect(f.domainLists.map((d) => [d.generatedRulesType, d.targetTypes])).toEqual([['ALLOWLIST', ['TLS_SNI']], ['ALLOWLIST', ['HTTP_HOST']]]);
        expect(f.domainLists[0].targets).toContain('.sharepoint.com');
        expect(f.domainLists[1].targets).toContain('.windowsupdate.com');
        expect(f.domainLists[1].targets).not.toContain('.sharepoint.com');
        expect(f.rules.length).toBeGreaterThan(0);
        expect(f.logs.map((l) => l.logType)).toEqual(['ALERT', 'FLOW']);
        expect(f.logs.every((l) => l.destination !== '?')).toBe(true);
      }
      expect(routes.some((r) => r.target === 'firewall-endpoint')).toBe(true);
      expect(cdk.userData).toHaveLength(1);
    }
    if (model === NetworkModel.BETA_PRIME) {
      expect(cdk.firewalls.map((f) => f.domainLists.map((d) => d.generatedRulesType))).toEqual([['DENYLIST'], ['DENYLIST']]);
      expect(cdk.firewalls.flatMap((f) => f.logs).every((l) => l.destination === 'sample-city-siem-ingest')).toBe(true);
    }
  });
});

describe('the comparison', () => {
  let cdk: NeutralNetwork;
  beforeAll(() => {
    cdk = normalise(cdkGraph(cdkTemplate('alpha')));
  });

  test('sees one Terraform route re-pointed by override, and nothing else', () => {
    const tf = normalise(tfGraph(tfConfig('alpha', ({ network }) => {
      const route = find<Route>(network.myNumber, (c) => c instanceof Route, 'route in the My Number segment');
      route.addOverride('destination_cidr_block', '10.99.0.0/16');
    }, false)));
    expect(tf).not.toEqual(cdk);
    expect(tf.routeTables.flatMap((t) => t.routes).some((r) => r.destination === '10.99.0.0/16')).toBe(true);
    expect({ ...tf, routeTables: cdk.routeTables }).toEqual(cdk);
  });

  test('sees one domain added to a Terraform DNS Firewall list', () => {
    const tf = normalise(tfGraph(tfConfig('alpha', ({ network }) => {
      const list = find<Route53ResolverFirewallDomainList>(network.lgwan, (c) => c instanceof Route53ResolverFirewallDomainList, 'DNS domain list in LGWAN');
      list.addOverride('domains', [...list.domainsInput!, 'example.test']);
    }, false)));
    expect(tf).not.toEqual(cdk);
    expect({ ...tf, dnsFirewalls: cdk.dnsFirewalls }).toEqual(cdk);
  });

  test('sees a Terraform rule group\'s HOME_NET changed (the non-TCP drop\'s $EXTERNAL_NET depends on it), and a policy\'s stream exception policy', () => {
    const cdkPrime = normalise(cdkGraph(cdkTemplate('beta-prime')));
    const group = (network: any) => find<NetworkfirewallRuleGroup>(network.internet, (c) => c.node.path.endsWith('Firewall/RuleGroup-nontcp'), 'non-TCP drop group');
    const home = normalise(tfGraph(tfConfig('beta-prime', ({ network }) => {
      group(network).addOverride('rule_group.rule_variables.ip_sets', [{ key: 'HOME_NET', ip_set: { definition: ['10.99.0.0/16'] } }]);
    }, false)));
    expect(home).not.toEqual(cdkPrime);
    expect({ ...home, firewalls: cdkPrime.firewalls }).toEqual(cdkPrime);
    const stream = normalise(tfGraph(tfConfig('beta-prime', ({ network }) => {
      const policy = find<NetworkfirewallFirewallPolicy>(network.internet, (c) => c instanceof NetworkfirewallFirewallPolicy, 'firewall policy');
      policy.putFirewallPolicy({ ...policy.firewallPolicyInput!, statefulEngineOptions: { ruleOrder: 'STRICT_ORDER', streamExceptionPolicy: 'REJECT' } });
    }, false)));
    expect(stream.firewalls.map((f) => f.streamExceptionPolicy)).toContain('REJECT');
    expect({ ...stream, firewalls: cdkPrime.firewalls }).toEqual(cdkPrime);
  });

  test('compares what places a resource outside the output (an interface, a literal subnet), and sees it differ', () => {
    // A role-labelled instance on an interface the output does not hold, and an instance in a literal subnet.
    const template = cdkTemplate('alpha');
    const role = [{ Key: 'jichitai:role', Value: 'MY_NUMBER_SYSTEM' }];
    const withInstances = (eni: string) => ({
      ...template,
      Resources: {
        ...template.Resources,
        LabelledOnEni: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', Tags: role, NetworkInterfaces: [{ DeviceIndex: '0', NetworkInterfaceId: eni }] } },
        InLiteralSubnet: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: 'subnet-0abc1234' } },
      },
    });
    const config = tfConfig('alpha');
    const withTfInstances = (eni: string): TerraformJson => ({
      ...config,
      resource: {
        ...config.resource,
        aws_instance: {
          ...(config.resource?.aws_instance ?? {}),
          labelled_on_eni: { ami: 'ami-12345678', tags: { 'jichitai:role': 'MY_NUMBER_SYSTEM' }, network_interface: [{ device_index: 0, network_interface_id: eni }] },
          in_literal_subnet: { ami: 'ami-12345678', subnet_id: 'subnet-0abc1234' },
        },
      },
    });
    const cdkOut = normalise(cdkGraph(withInstances('eni-0abc1234')));
    expect(cdkOut.roleLabels.flatMap((r) => r.elsewhere)).toEqual(['network interface:external:eni-0abc1234']);
    expect(cdkOut.occupants.flatMap((o) => o.outside)).toEqual(expect.arrayContaining(['subnet:subnet-0abc1234']));
    expect(normalise(tfGraph(withTfInstances('eni-0abc1234')))).toEqual(cdkOut);
    // Another interface in one engine only is a difference the comparison must see.
    expect(normalise(tfGraph(withTfInstances('eni-0def5678')))).not.toEqual(cdkOut);
  });

  test('sees a firewall policy\'s stateless fragment default action changed in Terraform (fields AP-1, IN-1, SC-2 read)', () => {
    const cdkPrime = normalise(cdkGraph(cdkTemplate('alpha-prime')));
    const config = tfConfig('alpha-prime');
    expect(normalise(tfGraph(config))).toEqual(cdkPrime);
    const policies = (config.resource as Record<string, Record<string, any>>).aws_networkfirewall_firewall_policy;
    const [first] = Object.values(policies);
    const body = Array.isArray(first.firewall_policy) ? first.firewall_policy[0] : first.firewall_policy;
    body.stateless_fragment_default_actions = ['aws:pass'];
    const changed = normalise(tfGraph(config));
    expect(changed).not.toEqual(cdkPrime);
    expect(changed.firewalls.some((f) => f.statelessFragmentDefaultActions.includes('aws:pass'))).toBe(true);
    expect({ ...changed, firewalls: cdkPrime.firewalls }).toEqual(cdkPrime);
  });

  test('does not depend on the order of resources in either output', () => {
    const reversed = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).reverse());
    const template = cdkTemplate('alpha');
    const config = tfConfig('alpha');
    const shuffledTemplate = { ...template, Resources: reversed(template.Resources ?? {}) };
    const byType = Object.entries(config.resource ?? {}).map(([type, byName]) => [type, reversed(byName)] as const);
    const shuffledConfig = { ...config, resource: reversed(Object.fromEntries(byType)) };
    expect(normalise(cdkGraph(shuffledTemplate))).toEqual(cdk);
    expect(normalise(tfGraph(shuffledConfig))).toEqual(cdk);
  });
});
