/**
 * SC-2's IDS/IPS of the hub's inspection firewall (不正通信検知) counts what AP-4 counts: the hub references AWS managed
 * threat-signature groups by default (SecurityCloudProps.managedThreatSignatures); its protocol rules and blocked domains
 * alone are a finding on the firewall, which an acknowledgement naming their source lets through. A prefecture of one
 * member, in both engines.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Testing } from 'cdktf';
import { memberPortReason, prefectureHub, prefectureMember } from '../../examples/prefecture';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { cdk, tf } from '../../src';
import { SecurityCloudProps } from '../../src/model/security-cloud';

const REASON = 'Protocol rules and blocked domains of the library, reviewed by the prefecture CSIRT (ticket SC-77).';
const HAND_WRITTEN = /SC-2 error \S+: the hub's inspection firewall has no IDS\/IPS the guard can judge \(不正通信検知\): firewall \S+'s only IPS is drop rules written by hand/;
const firewallsOf = (hub: { node: { findAll(): { node: { id: string } }[] } }) => hub.node.findAll().filter((c) => /^Firewall-\d$/.test(c.node.id));

/** The prefecture of one member (β′ aside: the α model) in the AWS CDK, the hub changed by `hub`. */
function cdkPrefecture(hub: Partial<SecurityCloudProps>, acknowledge: boolean): { app: App } {
  const app = new App();
  const env = { region: 'ap-northeast-1' };
  const hubStack = new Stack(app, 'Hub', { env });
  const securityCloud = new cdk.SecurityCloud(hubStack, 'SecurityCloud', { ...prefectureHub(1), ...hub });
  if (acknowledge) for (const f of firewallsOf(securityCloud)) cdk.TopologyGuard.acknowledge(f as any, 'SC-2', REASON);
  const member = new Stack(app, 'Member', { env });
  const network = new cdk.MunicipalNetwork(member, 'Network', { ...prefectureMember(0), securityCloud });
  const reason = memberPortReason(0);
  if (reason) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
  return { app };
}

/** The same in CDKTF: one stack. */
function tfPrefecture(hub: Partial<SecurityCloudProps>, acknowledge: boolean): () => string {
  const stack = offlineTokyoStack(Testing.app(), 'Prefecture');
  const securityCloud = new tf.SecurityCloud(stack, 'SecurityCloud', { ...prefectureHub(1), ...hub });
  if (acknowledge) for (const f of firewallsOf(securityCloud)) tf.TopologyGuard.acknowledge(f as any, 'SC-2', REASON);
  const network = new tf.MunicipalNetwork(stack, 'Member001', { ...prefectureMember(0), securityCloud });
  const reason = memberPortReason(0);
  if (reason) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', reason);
  return () => Testing.synth(stack, true);
}

describe('SC-2: the hub\'s IDS/IPS is AWS managed threat signatures (AWS CDK)', () => {
  test('by default the hub references them ahead of its own groups, and the prefecture synthesizes', () => {
    const { app } = cdkPrefecture({}, false);
    const asm = app.synth();
    const hub = asm.getStackByName('Hub').template;
    const policy = Object.values<any>(hub.Resources).find((r) => r.Type === 'AWS::NetworkFirewall::FirewallPolicy');
    const refs = policy.Properties.FirewallPolicy.StatefulRuleGroupReferences;
    const managed = refs.filter((r: any) => JSON.stringify(r.ResourceArn).includes('aws-managed:stateful-rulegroup/ThreatSignatures'));
    expect(managed.map((r: any) => r.Priority)).toEqual([10, 11, 12, 13]);
    const others = refs.filter((r: any) => !managed.includes(r)).map((r: any) => r.Priority);
    expect(Math.max(...managed.map((r: any) => r.Priority))).toBeLessThan(Math.min(...others));
    expect(refs.filter((r: any) => r.Override !== undefined)).toEqual([]);
  });

  test('none: the hub\'s own rules alone are refused, on the firewall; acknowledged with their source, they pass with a note', () => {
    expect(() => cdkPrefecture({ managedThreatSignatures: [] }, false).app.synth()).toThrow(HAND_WRITTEN);
    const { app } = cdkPrefecture({ managedThreatSignatures: [] }, true);
    // The note is on the hub's firewall, in the hub's stack (which the member's guard reports for).
    const infos = app.synth().stacks.flatMap((s) => s.messages.filter((m) => m.level === 'info').map((m) => String(m.entry.data)));
    expect(infos).toEqual(expect.arrayContaining([expect.stringMatching(/^acknowledged \(jichitai-guard::SC-2\): .*SC-2 error.*written by hand.*Reason: Protocol rules/)]));
  });
});

describe('SC-2: the hub\'s IDS/IPS is AWS managed threat signatures (CDKTF)', () => {
  test('by default the hub references them in the partition and region of its data sources, and the prefecture synthesizes', () => {
    const json = JSON.parse(tfPrefecture({}, false)());
    const policy = Object.values<any>(json.resource.aws_networkfirewall_firewall_policy).find((p) => /sc-inspection$/.test(p.name))!;
    const refs = policy.firewall_policy.stateful_rule_group_reference;
    const managed = refs.filter((r: any) => /^arn:\$\{data\.aws_partition\.\S+\.partition\}:network-firewall:\$\{data\.aws_region\.\S+\.name\}:aws-managed:stateful-rulegroup\/ThreatSignatures/.test(r.resource_arn));
    expect(managed.map((r: any) => r.priority)).toEqual([10, 11, 12, 13]);
  });

  test('none: refused on the firewall; acknowledged, it passes', () => {
    expect(tfPrefecture({ managedThreatSignatures: [] }, false)).toThrow(HAND_WRITTEN);
    expect(tfPrefecture({ managedThreatSignatures: [] }, true)).not.toThrow();
  });
});
