import { Ec2TrafficMirrorTarget } from '@cdktf/provider-aws/lib/ec2-traffic-mirror-target';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { NetworkfirewallLoggingConfiguration } from '@cdktf/provider-aws/lib/networkfirewall-logging-configuration';
import { NetworkfirewallRuleGroup } from '@cdktf/provider-aws/lib/networkfirewall-rule-group';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { TerraformStack, Testing } from 'cdktf';
// Declares the cdktf matchers (toHaveResourceWithProperties...) for the type checker; Testing.setupJest registers them.
import 'cdktf/lib/testing/adapters/jest';
import { refName, resourcesOf, subnetsOf } from './synth-cache';
import { alpha, alphaPrime, betaPrime, breakoutPortReason } from '../../examples/blueprints';
import { Blueprint, MunicipalNetworkBlueprintProps, Segment, tf } from '../../src';

Testing.setupJest();

function synth(props: MunicipalNetworkBlueprintProps): { json: string; config: any; network: tf.MunicipalNetwork; stack: TerraformStack } {
  const stack = new TerraformStack(Testing.app(), 'test');
  const network = new tf.MunicipalNetwork(stack, 'Network', props);
  const json = Testing.synth(stack);
  return { json, config: JSON.parse(json), network, stack };
}

describe('MunicipalNetwork (CDKTF)', () => {
  test('invalid props are refused at construction, listing every problem, and leave nothing in the stack', () => {
    const stack = new TerraformStack(Testing.app(), 'bad');
    expect(() => new tf.MunicipalNetwork(stack, 'Network', { ...alpha, municipality: '', addressSpace: '10.0.0.0/8' }))
      .toThrow(/Blueprint has 2 errors:\n\[municipality\] is empty.*\n\[addressSpace\] 10\.0\.0\.0\/8 is a \/8/s);
    expect(stack.node.children).toEqual([]);
    expect(JSON.parse(Testing.synth(stack)).resource).toBeUndefined();
  });

  test('the availability zones must be of the default AWS provider\'s region', () => {
    const stack = new TerraformStack(Testing.app(), 'us');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    expect(() => new tf.MunicipalNetwork(stack, 'Network', alpha)).toThrow(/\[availabilityZones\] defaults to the zones of ap-northeast-1 \(Tokyo\), but the stack is in us-east-1/);
  });

  test('synthesis is deterministic: two builds give byte-identical configurations', () => {
    const a = synth(alphaPrime).json;
    const b = synth(alphaPrime).json;
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThan(10_000);
  });

  test('the construct creates no provider: the user\'s stack owns it', () => {
    expect(synth(alpha).config.provider).toBeUndefined();
  });

  test('construct ids are the AWS CDK renderer\'s, so resource names are readable and stable', () => {
    const { config } = synth(alpha);
    const myNumberCidr = Blueprint.validate(alpha).segmentCidr(Segment.MY_NUMBER);
    expect(myNumberCidr).toBe('10.0.0.0/18');
    expect(Object.keys(resourcesOf(config, 'aws_subnet'))).toContainEqual(expect.stringMatching(/^Network_MyNumber_Subnet-workload-1_[0-9A-F]{8}$/));
    // Route-<table>-<cidr as hex network and prefix>: 172.20.10.5/32 is ac140a05p32.
    expect(Object.keys(resourcesOf(config, 'aws_route'))).toContainEqual(expect.stringMatching(/^Network_MyNumber_Route-workload-1-ac140a05p32_[0-9A-F]{8}$/));
  });

  test('existing attachments are used as given, with no VPN', () => {
    const { json, config } = synth({
      ...alpha,
      lgwan: { ...alpha.lgwan, connection: { attachmentId: 'tgw-attach-0123456789abcdef0' } },
      internet: { ...alpha.internet, securityCloud: { attachmentId: 'tgw-attach-0fedcba9876543210' } },
    });
    expect(resourcesOf(config, 'aws_vpn_connection')).toEqual({});
    expect(resourcesOf(config, 'aws_customer_gateway')).toEqual({});
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: '172.20.20.25/32', transit_gateway_attachment_id: 'tgw-attach-0123456789abcdef0' });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, { destination_cidr_block: '0.0.0.0/0', transit_gateway_attachment_id: 'tgw-attach-0fedcba9876543210' });
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRouteTableAssociation, { transit_gateway_attachment_id: 'tgw-attach-0123456789abcdef0' });
  });

  test('a VPN attachment is the VPN connection\'s own attribute: no look-up', () => {
    const { json, config } = synth(alpha);
    const vpns = resourcesOf(config, 'aws_vpn_connection');
    expect(Object.keys(vpns)).toHaveLength(2);
    expect(json).toHaveResourceWithProperties(VpnConnection, { static_routes_only: true, type: 'ipsec.1', transit_gateway_id: expect.stringMatching(/^\$\{aws_ec2_transit_gateway\./) });
    const lgwanWan = Object.entries(vpns).find(([, v]) => v.tags['jichitai:zone'] === 'LGWAN_WAN')![0];
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRoute, {
      // The declared LGWAN-ASP mail relay (LG-3); the rest of the WAN is blackholed.
      destination_cidr_block: '172.20.20.25/32',
      transit_gateway_attachment_id: `\${aws_vpn_connection.${lgwanWan}.transit_gateway_attachment_id}`,
    });
    const gateways = Object.values(resourcesOf(config, 'aws_customer_gateway'));
    const connections = [alpha.lgwan.connection, alpha.internet!.securityCloud!];
    expect(gateways.map((g) => g.ip_address).sort()).toEqual(connections.map((x) => x.customerGatewayIp).sort());
    expect(gateways.map((g) => g.bgp_asn).sort()).toEqual(connections.map((x) => String(x.customerGatewayAsn)).sort());
  });

  test('traffic mirroring sends the chosen ENIs to the IDS target with an accept-all filter', () => {
    const stack = new TerraformStack(Testing.app(), 'mirror');
    const network = new tf.MunicipalNetwork(stack, 'Network', {
      ...alpha, trafficMirroring: { target: 'vpce-0123456789abcdef0', networkInterfaceIds: ['eni-0123456789abcdef0'] },
    });
    network.mirroring!.addMirroredInterface('eni-0fedcba9876543210');
    const json = Testing.synth(stack);
    const config = JSON.parse(json);
    expect(json).toHaveResourceWithProperties(Ec2TrafficMirrorTarget, { gateway_load_balancer_endpoint_id: 'vpce-0123456789abcdef0' });
    expect(Object.values(resourcesOf(config, 'aws_ec2_traffic_mirror_filter_rule')).map((r) => r.traffic_direction).sort()).toEqual(['egress', 'ingress']);
    const sessions = Object.values(resourcesOf(config, 'aws_ec2_traffic_mirror_session')).map((s) => s.network_interface_id);
    expect(sessions.sort()).toEqual(['eni-0123456789abcdef0', 'eni-0fedcba9876543210']);
  });

  test('user IPS rules and extra rule groups land on the breakout firewall policy (IDS/IPS hook, AP-4)', () => {
    const arn = 'arn:aws:network-firewall:ap-northeast-1:123456789012:stateful-rulegroup/managed-threats';
    const rule = 'drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"test"; tls.sni; content:"bad.example"; sid:2000001; rev:1;)';
    const { json, config } = synth({ ...alphaPrime, breakout: { ...alphaPrime.breakout!, ipsRules: [rule], extraStatefulRuleGroupArns: [arn] } });
    expect(json).toHaveResourceWithProperties(NetworkfirewallRuleGroup, {
      rule_group: expect.objectContaining({ rules_source: { rules_string: rule } }),
    });
    const policy = Object.values(resourcesOf(config, 'aws_networkfirewall_firewall_policy'))[0];
    expect(policy.firewall_policy.stateful_rule_group_reference).toContainEqual({ resource_arn: arn, priority: 1000 });
  });

  test('AWS managed threat signatures are the breakout\'s IDS/IPS, ahead of the allow-list in the partition and region of data sources; without them the guard asks for an acknowledgement (AP-4)', () => {
    const { config } = synth(alphaPrime);
    const policy = Object.values(resourcesOf(config, 'aws_networkfirewall_firewall_policy'))[0];
    const partition = Object.keys(config.data.aws_partition).find((k) => k.includes('Firewall'))!;
    const region = Object.keys(config.data.aws_region).find((k) => k.includes('Firewall'))!;
    expect(policy.firewall_policy.stateful_rule_group_reference).toContainEqual({
      resource_arn: `arn:\${data.aws_partition.${partition}.partition}:network-firewall:\${data.aws_region.${region}.name}:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder`,
      priority: 10,
    });
    const own = { ...alphaPrime, breakout: { ...alphaPrime.breakout!, managedThreatSignatures: [] } };
    const guarded = (acknowledge: boolean) => {
      const stack = new TerraformStack(Testing.app(), 'guarded');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
      const network = new tf.MunicipalNetwork(stack, 'Network', own);
      tf.TopologyGuard.acknowledge(network.lgwan, 'AP-5', breakoutPortReason(own)!);
      if (acknowledge) tf.TopologyGuard.acknowledge(network.lgwan, 'AP-4', 'Rules from the vendor ExampleSec feed, version 2026.11, reviewed by the security team.');
      return () => Testing.synth(stack, true);
    };
    expect(guarded(false)).toThrow(/AP-4 error \(IDS\/IPS\): the breakout firewall \S+'s only IDS\/IPS is drop rules written by hand/);
    expect(guarded(true)).not.toThrow();
  });

  test('the stand-in (BUILT_IN) browses through a web proxy fleet of its own: only its proxy subnets route to the firewall, the workload subnets have no way out, and the firewall passes the web from the proxy subnets alone (IN-1)', () => {
    const { config, network } = synth(betaPrime);
    const tableOf = (name: string) => refName(Object.values(resourcesOf(config, 'aws_route_table_association'))
      .find((a: any) => refName(a.subnet_id, 'aws_subnet') === name)!.route_table_id, 'aws_route_table');
    const defaultRoutes = (table: string | undefined) => Object.values(resourcesOf(config, 'aws_route'))
      .filter((r: any) => refName(r.route_table_id, 'aws_route_table') === table && r.destination_cidr_block === '0.0.0.0/0');
    const proxySubnets = subnetsOf(config, 'INTERNET', 'proxy');
    expect(Object.keys(proxySubnets)).toHaveLength(2);
    for (const name of Object.keys(proxySubnets)) {
      expect(defaultRoutes(tableOf(name)).map((r: any) => r.vpc_endpoint_id !== undefined)).toEqual([true]);
    }
    const workloads = subnetsOf(config, 'INTERNET', 'workload');
    expect(Object.keys(workloads)).toHaveLength(2);
    for (const name of Object.keys(workloads)) expect(defaultRoutes(tableOf(name))).toEqual([]);
    const proxy = network.internet.standInProxy!;
    expect(network.standInProxyEndpoint).toBe(proxy.endpoint);
    const [group] = Object.values(resourcesOf(config, 'aws_autoscaling_group')).filter((g: any) => g.tag.some((t: any) => t.value === 'Internet-proxy')) as any[];
    expect(group.vpc_zone_identifier.map((r: string) => refName(r, 'aws_subnet'))).toEqual(Object.keys(proxySubnets));
    const [lb] = Object.values(resourcesOf(config, 'aws_lb')).filter((l: any) => l.tags.Name === 'Internet-proxy-nlb') as any[];
    expect(lb.internal).toBe(true);
    const [lbGroup] = Object.values(resourcesOf(config, 'aws_security_group')).filter((g: any) => g.tags.Name === 'Internet-proxy-lb') as any[];
    expect(lbGroup.ingress.map((r: any) => r.cidr_blocks[0])).toEqual(Object.values(workloads).map((w: any) => w.cidr_block));
    expect(Object.values(resourcesOf(config, 'aws_cloudwatch_log_group')).map((g: any) => g.name)).toContain('/jichitai/internet/proxy/access');
    expect(proxy.squidConfig.indexOf('http_access deny private_dst')).toBeLessThan(proxy.squidConfig.indexOf('http_access allow members'));
    const web = Object.values(resourcesOf(config, 'aws_networkfirewall_rule_group')).find((g: any) => /of the web proxy passes/.test(g.description)) as any;
    expect(web.rule_group.rule_variables.ip_sets[0].ip_set.definition).toEqual(Object.values(proxySubnets).map((p: any) => p.cidr_block));
  });

  test('the stand-in (BUILT_IN) references AWS managed threat signatures as its IDS/IPS; its protocol rules alone, or the managed groups overridden to alert, are an IN-1 finding on the firewall, acknowledged with their source', () => {
    const { config } = synth(betaPrime);
    const policy = Object.values(resourcesOf(config, 'aws_networkfirewall_firewall_policy'))[0];
    const partition = Object.keys(config.data.aws_partition).find((k) => k.includes('Firewall'))!;
    const region = Object.keys(config.data.aws_region).find((k) => k.includes('Firewall'))!;
    const refs = policy.firewall_policy.stateful_rule_group_reference;
    expect(refs).toContainEqual({
      resource_arn: `arn:\${data.aws_partition.${partition}.partition}:network-firewall:\${data.aws_region.${region}.name}:aws-managed:stateful-rulegroup/ThreatSignaturesBotnetStrictOrder`,
      priority: 10,
    });
    const own = { ...betaPrime, internet: { ...betaPrime.internet, managedThreatSignatures: [] } };
    const guarded = (props: MunicipalNetworkBlueprintProps, acknowledge: boolean, edit: (network: tf.MunicipalNetwork) => void = () => undefined) => {
      const stack = new TerraformStack(Testing.app(), 'guarded');
      new AwsProvider(stack, 'aws', { region: 'ap-northeast-1' });
      const network = new tf.MunicipalNetwork(stack, 'Network', props);
      edit(network);
      if (acknowledge) {
        tf.TopologyGuard.acknowledge(network.internet.node.findChild('Firewall'), 'IN-1', 'Protocol rules of the library, reviewed by the security team for this proof of concept (PoC-42).');
      }
      return () => Testing.synth(stack, true);
    };
    const handWritten = /IN-1 error \(自治体情報セキュリティクラウド\): the stand-in for the security cloud has no IDS\/IPS the guard can judge: firewall \S+'s only IPS is drop rules written by hand/;
    expect(guarded(own, false)).toThrow(handWritten);
    expect(guarded(own, true)).not.toThrow();
    const alerting = (network: tf.MunicipalNetwork) => {
      const p = network.internet.node.findAll().find((c) => c.node.path.endsWith('Firewall/Policy')) as any;
      const input = p.firewallPolicyInput;
      p.putFirewallPolicy({
        ...input,
        statefulRuleGroupReference: input.statefulRuleGroupReference.map((r: any) => (String(r.resourceArn).includes(':aws-managed:') ? { ...r, override: { action: 'DROP_TO_ALERT' } } : r)),
      });
    };
    expect(guarded(betaPrime, false, alerting)).toThrow(/only IPS is drop rules written by hand \(its AWS managed threat-signature groups are overridden to alert\)/);
  });

  test('segments expose their VPC, subnets and the security group of each declared host', () => {
    const { network } = synth(alpha);
    expect(network.myNumber.workloadSubnetIds).toHaveLength(alpha.availabilityZones?.length ?? 2);
    expect(network.lgwan.proxySubnetIds).toHaveLength(0);
    expect(network.myNumber.vpcCidr).toBe(Blueprint.validate(alpha).segmentCidr(Segment.MY_NUMBER));
    expect(network.myNumber.securityGroupFor('resident-registry').id).toMatch(/^\$\{TfToken\[/);
    expect(network.tenantProxy).toBeUndefined();
    expect(() => network.myNumber.securityGroupFor('finance-system'))
      .toThrow(/no declared host "finance-system" in the MyNumber segment \(マイナンバー利用事務系\); declared: resident-registry/);
  });

  test('α′ with a tenant proxy exposes it', () => {
    const { network } = synth(alphaPrime);
    expect(network.tenantProxy).toBeDefined();
    expect(network.tenantProxy!.port).toBe(3128);
    expect(network.lgwan.proxySubnetIds).toHaveLength(2);
  });

  test('a SIEM bucket replaces the created log bucket for flow and firewall logs', () => {
    const { json, config, network } = synth({ ...alphaPrime, logging: { siemBucketArn: 'arn:aws:s3:::city-siem' } });
    expect(network.logBucket).toBeUndefined();
    expect(json).not.toHaveResource(S3Bucket);
    expect(resourcesOf(config, 'aws_s3_bucket_policy')).toEqual({});
    expect(json).toHaveResourceWithProperties(FlowLog, { log_destination: 'arn:aws:s3:::city-siem/vpc-flow-logs/mynumber/' });
    expect(json).toHaveResourceWithProperties(NetworkfirewallLoggingConfiguration, {
      logging_configuration: {
        log_destination_config: [
          expect.objectContaining({ log_type: 'ALERT', log_destination: expect.objectContaining({ bucketName: 'city-siem' }) }),
          expect.objectContaining({ log_type: 'FLOW' }),
        ],
      },
    });
  });

  test('the log bucket policy names the deploying account without an AWS call at plan time', () => {
    const { config } = synth(alpha);
    expect(config.data?.aws_caller_identity).toBeUndefined();
    const policy = Object.values(resourcesOf(config, 'aws_s3_bucket_policy'))[0].policy as string;
    // Terraform's jsonencode of the statements: the transit gateway's owner is the account.
    expect(policy).toMatch(/"aws:SourceAccount" = aws_ec2_transit_gateway\.\w+\.owner_id/);
    expect(policy).toContain('/AWSLogs/${aws_ec2_transit_gateway.');
  });
});

describe('SegmentNetwork (CDKTF) on its own', () => {
  test('without a transit gateway: no attachment and no transit gateway route', () => {
    const stack = new TerraformStack(Testing.app(), 'segment');
    const segment = new tf.SegmentNetwork(stack, 'MyNumber', {
      blueprint: Blueprint.validate(alpha),
      segment: Segment.MY_NUMBER,
      logBucketArn: 'arn:aws:s3:::logs',
      logBucketName: 'logs',
    });
    const config = JSON.parse(Testing.synth(stack));
    expect(segment.transitGatewayAttachmentId).toBeUndefined();
    expect(resourcesOf(config, 'aws_ec2_transit_gateway_vpc_attachment')).toEqual({});
    expect(resourcesOf(config, 'aws_route')).toEqual({});
    const vpc = Object.keys(resourcesOf(config, 'aws_vpc'))[0];
    expect(Object.values(resourcesOf(config, 'aws_flow_log')).map((f) => refName(f.vpc_id, 'aws_vpc'))).toEqual([vpc]);
  });
});
