import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { alpha, alphaPrime, betaPrime, breakoutPortReason } from '../../examples/blueprints';
import { cdk, MunicipalNetworkBlueprintProps } from '../../src';

function synth(props: MunicipalNetworkBlueprintProps): { template: Template; network: cdk.MunicipalNetwork } {
  const stack = new Stack(new App(), 'Test', { env: { region: 'ap-northeast-1' } });
  const network = new cdk.MunicipalNetwork(stack, 'Network', props);
  // AP-5: the vendor reasons for ports besides TLS 443, as the examples give them.
  const portReason = breakoutPortReason(props);
  if (portReason && props.breakout) cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', portReason);
  return { template: Template.fromStack(stack), network };
}

describe('MunicipalNetwork', () => {
  test('invalid props are refused at construction, listing every problem', () => {
    const stack = new Stack(new App(), 'Bad');
    expect(() => new cdk.MunicipalNetwork(stack, 'Network', { ...alpha, municipality: '', addressSpace: '10.0.0.0/8' }))
      .toThrow(/Blueprint has 2 errors:\n\[municipality\] is empty.*\n\[addressSpace\] 10\.0\.0\.0\/8 is a \/8/s);
    expect(stack.node.findAll().filter((c) => c.node.path.includes('Network'))).toEqual([]);
  });

  test('the availability zones must be of the stack\'s region when it is known; an environment-agnostic stack is not judged', () => {
    expect(() => new cdk.MunicipalNetwork(new Stack(new App(), 'Us', { env: { region: 'us-east-1' } }), 'Network', alpha))
      .toThrow(/\[availabilityZones\] defaults to the zones of ap-northeast-1 \(Tokyo\), but the stack is in us-east-1/);
    expect(() => new cdk.MunicipalNetwork(new Stack(new App(), 'Agnostic'), 'Network', alpha)).not.toThrow();
  });

  test('synthesis is deterministic: two builds give byte-identical templates', () => {
    const a = JSON.stringify(synth(alphaPrime).template.toJSON());
    const b = JSON.stringify(synth(alphaPrime).template.toJSON());
    expect(a).toBe(b);
  });

  test('existing attachments are used as given, with no VPN and no look-up', () => {
    const { template } = synth({
      ...alpha,
      lgwan: { ...alpha.lgwan, connection: { attachmentId: 'tgw-attach-0123456789abcdef0' } },
      internet: { ...alpha.internet, securityCloud: { attachmentId: 'tgw-attach-0fedcba9876543210' } },
    });
    expect(template.findResources('AWS::EC2::VPNConnection')).toEqual({});
    expect(template.findResources('Custom::AWS')).toEqual({});
    template.hasResourceProperties('AWS::EC2::TransitGatewayRoute', { DestinationCidrBlock: '172.20.20.25/32', TransitGatewayAttachmentId: 'tgw-attach-0123456789abcdef0' });
    template.hasResourceProperties('AWS::EC2::TransitGatewayRoute', { DestinationCidrBlock: '0.0.0.0/0', TransitGatewayAttachmentId: 'tgw-attach-0fedcba9876543210' });
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: 'tgw-attach-0123456789abcdef0' });
  });

  test('a VPN attachment is looked up at deploy time by the VPN and gateway IDs', () => {
    const { template } = synth(alpha);
    expect(Object.keys(template.findResources('AWS::EC2::VPNConnection'))).toHaveLength(2);
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true, Type: 'ipsec.1' });
    const lookups = Object.values(template.findResources('Custom::AWS')) as any[];
    expect(lookups).toHaveLength(2);
    for (const l of lookups) expect(JSON.stringify(l.Properties.Create)).toContain('describeTransitGatewayAttachments');
  });

  test('traffic mirroring renders the IDS target and an accept-all filter; the guard refuses mirror sessions unless acknowledged (SEG-1: it cannot place the mirrored interfaces)', () => {
    const stack = new Stack(new App(), 'Mirror', { env: { region: 'ap-northeast-1' } });
    new cdk.MunicipalNetwork(stack, 'Network', { ...alpha, trafficMirroring: { target: 'vpce-0123456789abcdef0' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::TrafficMirrorTarget', { GatewayLoadBalancerEndpointId: 'vpce-0123456789abcdef0' });
    template.resourceCountIs('AWS::EC2::TrafficMirrorFilterRule', 2);
    template.resourceCountIs('AWS::EC2::TrafficMirrorSession', 0);

    // A session copies an interface's traffic to the target; neither is anything the guard can place in a segment, so a
    // copy of My Number traffic could leave it (docs/guard-semantics.md §10): SEG-1, which a reason naming the IDS acknowledges.
    const mirrored = (acknowledge: boolean) => {
      const withSessions = new Stack(new App(), 'Mirror', { env: { region: 'ap-northeast-1' } });
      const network = new cdk.MunicipalNetwork(withSessions, 'Network', {
        ...alpha, trafficMirroring: { target: 'vpce-0123456789abcdef0', networkInterfaceIds: ['eni-0123456789abcdef0'] },
      });
      network.mirroring!.addMirroredInterface('eni-0fedcba9876543210');
      if (acknowledge) cdk.TopologyGuard.acknowledge(withSessions, 'SEG-1', 'IDS appliance vpce-0123456789abcdef0 in the LGWAN segment; both interfaces are LGWAN terminals');
      const sessions = network.mirroring!.node.findAll().filter((c): c is ec2.CfnTrafficMirrorSession => c instanceof ec2.CfnTrafficMirrorSession);
      expect(sessions.map((s) => s.networkInterfaceId).sort()).toEqual(['eni-0123456789abcdef0', 'eni-0fedcba9876543210']);
      return () => Template.fromStack(withSessions);
    };
    expect(mirrored(false)).toThrow(/SEG-1 error .*AWS::EC2::TrafficMirrorSession mirrors network interface eni-0123456789abcdef0 .*, to a target the guard cannot place/);
    expect(mirrored(false)).not.toThrow(/GUARD-1/);
    const template2 = mirrored(true)();
    template2.resourceCountIs('AWS::EC2::TrafficMirrorSession', 2);
  });

  test('user IPS rules and extra rule groups land on the breakout firewall policy (IDS/IPS hook, AP-4)', () => {
    const arn = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder';
    const rule = 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"test"; tls.sni; content:"bad.example"; sid:2000001; rev:1;)';
    // A group of the account's own is outside the synthesized output: the guard cannot read whether it passes what the
    // allow-list does not judge, so AP-1 refuses it (fail closed); an AWS managed group passes nothing.
    const own = 'arn:aws:network-firewall:ap-northeast-1:123456789012:stateful-rulegroup/own-threats';
    expect(() => synth({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, extraStatefulRuleGroupArns: [own] } }))
      .toThrow(/AP-1 critical .*rule group arn:aws:network-firewall:ap-northeast-1:123456789012:stateful-rulegroup\/own-threats is outside the synthesized output/);
    const { template } = synth({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, ipsRules: [rule], extraStatefulRuleGroupArns: [arn] } });
    template.hasResourceProperties('AWS::NetworkFirewall::RuleGroup', { RuleGroup: { RulesSource: { RulesString: rule } } });
    const policy = Object.values(template.findResources('AWS::NetworkFirewall::FirewallPolicy'))[0] as any;
    expect(policy.Properties.FirewallPolicy.StatefulRuleGroupReferences).toContainEqual({ ResourceArn: arn, Priority: 1000 });
  });

  test('AWS managed threat signatures are the breakout\'s IDS/IPS, ahead of the allow-list in the deploying partition and region; without them the guard asks for an acknowledgement naming the rule set (AP-4)', () => {
    const { template } = synth(alphaPrime);
    const policy = Object.values(template.findResources('AWS::NetworkFirewall::FirewallPolicy'))[0] as any;
    const managed = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':network-firewall:', { Ref: 'AWS::Region' }, `:aws-managed:stateful-rulegroup/${name}`]] });
    const refs = policy.Properties.FirewallPolicy.StatefulRuleGroupReferences;
    expect(refs).toContainEqual({ ResourceArn: managed('ThreatSignaturesBotnetStrictOrder'), Priority: 10 });
    expect(refs).toContainEqual({ ResourceArn: managed('ThreatSignaturesEmergingEventsStrictOrder'), Priority: 13 });
    expect(refs.filter((r: any) => r.Override !== undefined)).toEqual([]);
    // The user's own rules alone: AP-4, which an acknowledgement naming their source lets through.
    const own = { ...alphaPrime, breakout: { ...alphaPrime.breakout!, managedThreatSignatures: [] } };
    expect(() => synth(own)).toThrow(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+'s only IDS\/IPS is drop rules written by hand/);
    const stack = new Stack(new App(), 'Acknowledged', { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', own);
    cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-5', breakoutPortReason(own)!);
    cdk.TopologyGuard.acknowledge(network.lgwan, 'AP-4', 'Rules from the vendor ExampleSec feed, version 2026.11, reviewed by the security team.');
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('the stand-in (BUILT_IN) browses through a web proxy fleet of its own: only its proxy subnets route to the firewall, the workload subnets have no way out, and the firewall passes the web from the proxy subnets alone (IN-1)', () => {
    const { template, network } = synth(betaPrime);
    const json = template.toJSON();
    const byId = (id: string) => json.Resources[id];
    const logicalId = (c: any) => Stack.of(c).getLogicalId(c);
    const subnetsOf = (role: string) => Object.entries(json.Resources as Record<string, any>)
      .filter(([, r]) => r.Type === 'AWS::EC2::Subnet' && r.Properties.Tags.some((t: any) => t.Key === 'jichitai:segment' && t.Value === 'INTERNET')
        && r.Properties.Tags.some((t: any) => t.Key === 'jichitai:subnet-role' && t.Value === role));
    const tableOf = (subnetId: string) => Object.values(json.Resources as Record<string, any>)
      .find((r) => r.Type === 'AWS::EC2::SubnetRouteTableAssociation' && r.Properties.SubnetId.Ref === subnetId)!.Properties.RouteTableId.Ref;
    const defaultRoutes = (table: string) => Object.values(json.Resources as Record<string, any>)
      .filter((r) => r.Type === 'AWS::EC2::Route' && r.Properties.RouteTableId.Ref === table && r.Properties.DestinationCidrBlock === '0.0.0.0/0');
    const proxySubnets = subnetsOf('proxy');
    expect(proxySubnets).toHaveLength(2);
    for (const [id] of proxySubnets) expect(defaultRoutes(tableOf(id)).map((r) => Object.keys(r.Properties).filter((k) => /Id$/.test(k) && k !== 'RouteTableId'))).toEqual([['VpcEndpointId']]);
    expect(subnetsOf('workload')).toHaveLength(2);
    for (const [id] of subnetsOf('workload')) expect(defaultRoutes(tableOf(id))).toEqual([]);
    // The fleet: an internal NLB and an Auto Scaling group in the proxy subnets, the workloads its only clients.
    const proxy = network.internet.standInProxy!;
    expect(network.standInProxyEndpoint).toBe(proxy.endpoint);
    expect(proxy.port).toBe(3128);
    const group = byId(logicalId(proxy.node.findChild('AutoScalingGroup')));
    expect(group.Properties.VPCZoneIdentifier).toEqual(proxySubnets.map(([id]) => ({ Ref: id })));
    expect(byId(logicalId(proxy.node.findChild('LoadBalancer'))).Properties.Scheme).toBe('internal');
    const workloadCidrs = subnetsOf('workload').map(([, r]) => r.Properties.CidrBlock);
    expect(byId(logicalId(proxy.node.findChild('LoadBalancerSecurityGroup'))).Properties.SecurityGroupIngress.map((r: any) => r.CidrIp)).toEqual(workloadCidrs);
    expect(proxy.squidConfig).toMatch(/^acl members src (10\.\S+ ?)+$/m);
    expect(proxy.squidConfig.indexOf('http_access deny private_dst')).toBeLessThan(proxy.squidConfig.indexOf('http_access allow members'));
    expect(byId(logicalId(proxy.node.findChild('AccessLog'))).Properties.LogGroupName).toBe('/jichitai/internet/proxy/access');
    // The firewall's web group: HOME_NET the proxy subnets (the IPS keeps the segment's block).
    const web = Object.values(template.findResources('AWS::NetworkFirewall::RuleGroup')).find((r: any) => r.Properties.RuleGroupName?.includes?.('web')
      || /of the web proxy passes/.test(r.Properties.Description)) as any;
    expect(web.Properties.RuleGroup.RuleVariables.IPSets.HOME_NET.Definition).toEqual(proxySubnets.map(([, r]) => r.Properties.CidrBlock));
  });

  test('the stand-in (BUILT_IN) references AWS managed threat signatures as its IDS/IPS; its protocol rules alone are an IN-1 finding on the firewall, acknowledged with their source, as is a managed group overridden to alert', () => {
    const { template } = synth(betaPrime);
    const policy = Object.values(template.findResources('AWS::NetworkFirewall::FirewallPolicy'))[0] as any;
    const managed = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':network-firewall:', { Ref: 'AWS::Region' }, `:aws-managed:stateful-rulegroup/${name}`]] });
    const refs = policy.Properties.FirewallPolicy.StatefulRuleGroupReferences;
    expect(refs).toContainEqual({ ResourceArn: managed('ThreatSignaturesBotnetStrictOrder'), Priority: 10 });
    expect(refs).toContainEqual({ ResourceArn: managed('ThreatSignaturesEmergingEventsStrictOrder'), Priority: 13 });
    expect(refs.filter((r: any) => r.Override !== undefined)).toEqual([]);
    const chosen = synth({ ...betaPrime, internet: { ...betaPrime.internet, managedThreatSignatures: ['ThreatSignaturesScannersStrictOrder'] } }).template;
    const chosenPolicy = Object.values(chosen.findResources('AWS::NetworkFirewall::FirewallPolicy'))[0] as any;
    expect(chosenPolicy.Properties.FirewallPolicy.StatefulRuleGroupReferences.filter((r: any) => r.Priority < 100))
      .toEqual([{ ResourceArn: managed('ThreatSignaturesScannersStrictOrder'), Priority: 10 }]);
    const own = { ...betaPrime, internet: { ...betaPrime.internet, managedThreatSignatures: [] } };
    const reason = 'Protocol rules of the library, reviewed by the security team for this proof of concept (PoC-42).';
    type Edit = (network: cdk.MunicipalNetwork) => void;
    const guarded = (props: MunicipalNetworkBlueprintProps, acknowledge: boolean, edit: Edit = () => undefined) => {
      const stack = new Stack(new App(), 'StandIn', { env: { region: 'ap-northeast-1' } });
      const network = new cdk.MunicipalNetwork(stack, 'Network', props);
      edit(network);
      if (acknowledge) cdk.TopologyGuard.acknowledge(network.internet.node.findChild('Firewall'), 'IN-1', reason);
      return stack;
    };
    const handWritten = /IN-1 error \(自治体情報セキュリティクラウド\): the stand-in for the security cloud has no IDS\/IPS the guard can judge: firewall \S+'s only IPS is drop rules written by hand/;
    expect(() => Template.fromStack(guarded(own, false))).toThrow(handWritten);
    const acknowledged = guarded(own, true);
    expect(() => Template.fromStack(acknowledged)).not.toThrow();
    Annotations.fromStack(acknowledged).hasInfo('*', Match.stringLikeRegexp(`acknowledged \\(jichitai-guard::IN-1\\): .*IN-1 error.*written by hand.*Reason: ${reason.slice(0, 20)}`));
    // The default managed groups overridden to alert (DROP_TO_ALERT): they detect and block nothing.
    const alerting = (network: cdk.MunicipalNetwork) => {
      const fw = network.internet.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as any;
      fw.addPropertyOverride('FirewallPolicy.StatefulRuleGroupReferences', refs.map((r: any) => (r.Priority < 100 ? { ...r, Override: { Action: 'DROP_TO_ALERT' } } : r)));
    };
    expect(() => Template.fromStack(guarded(betaPrime, false, alerting))).toThrow(/only IPS is drop rules written by hand \(its AWS managed threat-signature groups are overridden to alert\)/);
  });

  test('segments expose their VPC, subnets and the security group of each declared host', () => {
    const { network } = synth(alpha);
    expect(network.myNumber.workloadSubnets.subnets).toHaveLength(2);
    expect(network.myNumber.vpc.isolatedSubnets).toHaveLength(2);
    expect(network.lgwan.proxySubnets.subnets).toHaveLength(0);
    expect(network.myNumber.securityGroupFor('resident-registry').securityGroupId).toBeDefined();
    expect(() => network.myNumber.securityGroupFor('finance-system'))
      .toThrow(/no declared host "finance-system" in the MyNumber segment \(マイナンバー利用事務系\); declared: resident-registry/);
  });

  test('a SIEM bucket replaces the created log bucket for flow and firewall logs', () => {
    const { template, network } = synth({ ...alphaPrime, logging: { siemBucketArn: 'arn:aws:s3:::city-siem' } });
    expect(network.logBucket).toBeUndefined();
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', { LogDestination: 'arn:aws:s3:::city-siem/vpc-flow-logs/mynumber/' });
    template.hasResourceProperties('AWS::NetworkFirewall::LoggingConfiguration', {
      LoggingConfiguration: { LogDestinationConfigs: [{ LogType: 'ALERT', LogDestination: { bucketName: 'city-siem' } }, { LogType: 'FLOW' }] },
    });
  });
});
