import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as nfw from 'aws-cdk-lib/aws-networkfirewall';
import { buildCdkExample } from '../../examples/cdk/_app';
import { AlphaPrimeCase, cdk } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredSegmentHost, declaredFlowsOf, declaredHostsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { Finding, formatFinding } from '../../src/guard/rule';
import { exampleBlueprint, untouchedCdk } from '../support/untouched';

/**
 * One rule's findings on a CDK reference example after a change, formatted, without the guard refusing first
 * (validation is skipped, so a test sees exactly what one rule says), with the hosts and flows the network declares. The model comes from the example's blueprint;
 * the α′ case too, unless given; `declared.hosts` replaces the network's declared hosts.
 */
export function exampleFindings(
  name: string,
  ruleId: string,
  change?: (stack: Stack, net: cdk.MunicipalNetwork) => void,
  alphaPrimeCase?: AlphaPrimeCase,
  declared: { hosts?: DeclaredSegmentHost[] } = {},
): string[] {
  const blueprint = exampleBlueprint(name);
  const options = { model: blueprint.model, alphaPrimeCase: alphaPrimeCase ?? blueprint.alphaPrimeCase };
  if (!change) {
    // The example as it is: its output synthesized once per run (test/support/untouched.ts), its findings once per file.
    const key = JSON.stringify([name, options.alphaPrimeCase ?? null, declared.hosts ?? null]);
    let all = untouchedFindings.get(key);
    if (!all) {
      const untouched = untouchedCdk(name);
      const graph = extractCloudFormation({ [untouched.stackName]: untouched.template });
      all = checkTopology(graph, options, { hosts: declared.hosts ?? untouched.hosts, flows: untouched.flows });
      untouchedFindings.set(key, all);
    }
    return all.filter((f) => f.ruleId === ruleId).map(formatFinding);
  }
  // Only the guard's graph is under test: CloudFormation's own lint of the deliberately odd resources a test adds
  // (hard-coded AMIs, duplicated routes) would only print its report (console.error) over a passing test.
  const app = new App({ builtinCloudFormationValidation: false });
  const { stack, network } = buildCdkExample(name, app);
  change(stack, network);
  const template = app.synth({ skipValidation: true }).getStackByName(stack.stackName).template;
  const graph = extractCloudFormation({ [stack.stackName]: template });
  // The declared hosts and flows go with it, as at synth (AP-7 judges the hosts; LG-2 the direction of the flows).
  return checkTopology(graph, options, { hosts: declared.hosts ?? declaredHostsOf(stack), flows: declaredFlowsOf(stack) })
    .filter((f) => f.ruleId === ruleId).map(formatFinding);
}

/** Every finding on an untouched example, by example, α′ case and declared hosts: one check per test file. */
const untouchedFindings = new Map<string, Finding[]>();

/**
 * Take the AWS managed groups (the threat signatures, AP-4) out of the α′ breakout policy of a CDK network (or of the
 * Internet segment's stand-in, IN-1), leaving the library's own groups: what a blueprint with
 * `managedThreatSignatures: []` renders.
 */
export function withoutManagedGroups(net: cdk.MunicipalNetwork, segment: 'lgwan' | 'internet' = 'lgwan'): void {
  const policy = net[segment].node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as nfw.CfnFirewallPolicy;
  const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
  const refs = (fp.statefulRuleGroupReferences as any[]).filter((r) => !String(r.resourceArn).includes(':aws-managed:'));
  policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: refs };
}

/** Change each AWS managed group reference of the α′ breakout policy (or the stand-in's) of a CDK network (priority, override). */
export function editManagedGroups(net: cdk.MunicipalNetwork, edit: (ref: any, i: number) => any, segment: 'lgwan' | 'internet' = 'lgwan'): void {
  const policy = net[segment].node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as nfw.CfnFirewallPolicy;
  const fp = policy.firewallPolicy as nfw.CfnFirewallPolicy.FirewallPolicyProperty;
  let i = 0;
  const refs = (fp.statefulRuleGroupReferences as any[]).map((r) => (String(r.resourceArn).includes(':aws-managed:') ? edit(r, i++) : r));
  policy.firewallPolicy = { ...fp, statefulRuleGroupReferences: refs };
}

/**
 * A Gateway Load Balancer endpoint named `Appliance` in `subnetId`, declared the endpoint of an IDS/IPS appliance
 * (`jichitai:inspection=IDS_IPS`) or not: what AP-4, IN-1 and SC-2 take in place of a firewall's IPS when declared.
 */
export function applianceEndpoint(stack: Stack, vpcId: string, subnetId: string, declared: boolean): ec2.CfnVPCEndpoint {
  return new ec2.CfnVPCEndpoint(stack, 'Appliance', {
    vpcId,
    serviceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
    vpcEndpointType: 'GatewayLoadBalancer',
    subnetIds: [subnetId],
    ...declared ? { tags: [{ key: 'jichitai:inspection', value: 'IDS_IPS' }] } : {},
  });
}
