import { Template } from 'aws-cdk-lib/assertions';
import { exampleTemplate, refId, resourcesTagged, routesOfSegment } from './synth-cache';
import { alphaPrime } from '../../examples/blueprints';
import { CloudServiceCatalogue } from '../../src';

const MODELS = ['alpha', 'alpha-prime', 'beta', 'beta-prime'];

function subnetsOf(t: Template, segment: string, role?: string): Record<string, any> {
  const subnets = resourcesTagged(t, 'AWS::EC2::Subnet', segment);
  return Object.fromEntries(Object.entries(subnets).filter(([, s]) =>
    role === undefined || s.Properties.Tags.some((tag: any) => tag.Key === 'jichitai:subnet-role' && tag.Value === role)));
}

describe.each(MODELS)('%s: My Number segment (マイナンバー利用事務系) is closed', (name) => {
  const t = () => exampleTemplate(name);

  test('no internet gateway, NAT gateway, EIP or public-IP subnet in the segment', () => {
    const vpcs = Object.keys(resourcesTagged(t(), 'AWS::EC2::VPC', 'MY_NUMBER'));
    expect(vpcs).toHaveLength(1);
    const attachments = Object.values(t().findResources('AWS::EC2::VPCGatewayAttachment'));
    expect(attachments.filter((a: any) => refId(a.Properties.VpcId) === vpcs[0])).toEqual([]);
    const myNumberSubnets = Object.keys(subnetsOf(t(), 'MY_NUMBER'));
    const nats = Object.values(t().findResources('AWS::EC2::NatGateway'));
    expect(nats.filter((n: any) => myNumberSubnets.includes(refId(n.Properties.SubnetId)!))).toEqual([]);
    expect(Object.keys(resourcesTagged(t(), 'AWS::EC2::EIP', 'MY_NUMBER'))).toEqual([]);
    for (const s of Object.values(subnetsOf(t(), 'MY_NUMBER'))) expect(s.Properties.MapPublicIpOnLaunch).toBe(false);
  });

  test('no default route, and every route goes to the transit gateway with a host-sized destination', () => {
    const routes = routesOfSegment(t(), 'MY_NUMBER');
    expect(routes.length).toBeGreaterThan(0);
    for (const { route } of routes) {
      expect(route.DestinationCidrBlock).not.toBe('0.0.0.0/0');
      expect(Object.keys(route).filter((k) => /GatewayId|NatGatewayId|VpcEndpointId|VpcPeeringConnectionId|NetworkInterfaceId/.test(k))).toEqual(['TransitGatewayId']);
      expect(Number(route.DestinationCidrBlock.split('/')[1])).toBeGreaterThanOrEqual(24);
    }
  });

  test('host security groups carry no all-traffic rule and no whole-segment CIDR', () => {
    const groups = resourcesTagged(t(), 'AWS::EC2::SecurityGroup', 'MY_NUMBER');
    expect(Object.keys(groups).length).toBeGreaterThan(0);
    for (const g of Object.values(groups)) {
      for (const rule of [...(g.Properties.SecurityGroupIngress ?? []), ...(g.Properties.SecurityGroupEgress ?? [])]) {
        expect(rule.IpProtocol).not.toBe('-1');
        expect(rule.CidrIp).not.toBe('0.0.0.0/0');
      }
    }
  });
});

describe.each(MODELS)('%s: transit gateway carries only declared flows', (name) => {
  test('no default association or propagation, and no propagation resource at all', () => {
    const t = exampleTemplate(name);
    t.hasResourceProperties('AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' });
    expect(t.findResources('AWS::EC2::TransitGatewayRouteTablePropagation')).toEqual({});
  });

  test('the My Number route table blackholes the default route and the Internet segment', () => {
    const t = exampleTemplate(name);
    const tables = t.findResources('AWS::EC2::TransitGatewayRouteTable');
    const myNumberTable = Object.entries(tables).find(([, r]: any) => r.Properties.Tags.some((x: any) => x.Value === 'MY_NUMBER'))![0];
    const routes = Object.values(t.findResources('AWS::EC2::TransitGatewayRoute'))
      .map((r: any) => r.Properties).filter((r) => refId(r.TransitGatewayRouteTableId) === myNumberTable);
    expect(routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.Blackhole).toBe(true);
    expect(routes.find((r) => r.DestinationCidrBlock === '10.0.128.0/18')?.Blackhole).toBe(true);
  });
});

describe.each(MODELS)('%s: logs', (name) => {
  test('a flow log on every VPC (LOG-1)', () => {
    const t = exampleTemplate(name);
    const vpcs = Object.keys(t.findResources('AWS::EC2::VPC')).sort();
    const logged = Object.values(t.findResources('AWS::EC2::FlowLog')).map((f: any) => refId(f.Properties.ResourceId)).sort();
    expect(logged).toEqual(vpcs);
  });

  test('the closed segments\' logs endpoints allow writing logs only, held to the own account (MN-5, LG-4; guard §14)', () => {
    // Reading (GetLogEvents, FilterLogEvents, StartQuery…) would take into the segment whatever anyone else writes into a
    // log group of the account; the CloudWatch agent, Session Manager and the proxy's access log only write.
    for (const segment of ['MY_NUMBER', 'LGWAN']) {
      const endpoints = Object.values(resourcesTagged(exampleTemplate(name), 'AWS::EC2::VPCEndpoint', segment))
        .filter((e: any) => JSON.stringify(e.Properties.ServiceName).endsWith('.logs"]]}'));
      expect(endpoints).toHaveLength(1);
      expect(endpoints[0].Properties.PolicyDocument.Statement).toEqual([{
        Sid: 'OwnAccountPrincipalsWriteLogsToOwnAccount',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams'],
        Resource: ['*'],
        Condition: { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' }, 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } } },
      }]);
    }
  });

  test('every segment resource is labelled with its segment, and named', () => {
    const t = exampleTemplate(name);
    // The CDKTF renderer tags the same resources (test/cdktf/models.test.ts): an auditor finds them by Name either way.
    const types = ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::SecurityGroup',
      'AWS::Route53Resolver::FirewallRuleGroup', 'AWS::Route53Resolver::FirewallRuleGroupAssociation',
      'AWS::NetworkFirewall::Firewall', 'AWS::NetworkFirewall::FirewallPolicy', 'AWS::NetworkFirewall::RuleGroup'];
    for (const type of types) {
      for (const [id, r] of Object.entries(t.findResources(type))) {
        const keys = ((r as any).Properties.Tags ?? []).map((x: any) => x.Key);
        expect({ id, keys }).toEqual({ id, keys: expect.arrayContaining(['Name', 'jichitai:segment']) });
      }
    }
  });
});

describe('α′: LGWAN local breakout (ローカルブレイクアウト)', () => {
  const t = () => exampleTemplate('alpha-prime');

  test('the default route is the proxy subnets\' only, and it targets a breakout firewall endpoint', () => {
    expect(Object.values(subnetsOf(t(), 'LGWAN', 'proxy'))).toHaveLength(2);
    const defaults = routesOfSegment(t(), 'LGWAN').filter(({ route }) => route.DestinationCidrBlock === '0.0.0.0/0');
    const firewalls = t().findResources('AWS::NetworkFirewall::Firewall');
    const viaFirewall = defaults.filter(({ route }) => route.VpcEndpointId);
    expect(viaFirewall.map(({ table }) => table).sort()).toEqual([expect.stringMatching(/proxy1/), expect.stringMatching(/proxy2/)]);
    for (const { route } of viaFirewall) {
      // Fn::Select [1, Fn::Split [":", Fn::Select [0, GetAtt <firewall>.EndpointIds]]]
      const fwId = route.VpcEndpointId['Fn::Select'][1]['Fn::Split'][1]['Fn::Select'][1]['Fn::GetAtt'][0];
      expect(Object.keys(firewalls)).toContain(fwId);
    }
    // The only other default routes are the egress subnets' (NAT → IGW) and the firewall subnets' (→ NAT).
    for (const { table, route } of defaults.filter((d) => !d.route.VpcEndpointId)) {
      expect(table).toMatch(/egress|firewall/);
      expect(route.GatewayId ?? route.NatGatewayId).toBeDefined();
    }
  });

  test('terminal subnets have no way around the tenant proxy: only the meeting-media ranges go to the firewall', () => {
    const media = CloudServiceCatalogue.MICROSOFT_365.media!.cidrs;
    const terminals = routesOfSegment(t(), 'LGWAN').filter(({ table }) => /terminals/.test(table));
    expect(terminals.length).toBeGreaterThan(0);
    expect(terminals.filter(({ route }) => route.DestinationCidrBlock === '0.0.0.0/0')).toEqual([]);
    const toFirewall = terminals.filter(({ route }) => route.VpcEndpointId).map(({ route }) => route.DestinationCidrBlock);
    expect([...toFirewall].sort()).toEqual([...media, ...media].sort());
  });

  test('workload subnets (servers, My Number\'s peers) have no route toward the breakout at all (MN-4, AP-7)', () => {
    const workload = routesOfSegment(t(), 'LGWAN').filter(({ table }) => /workload/.test(table));
    expect(workload.length).toBeGreaterThan(0);
    expect(workload.filter(({ route }) => route.DestinationCidrBlock === '0.0.0.0/0' || route.VpcEndpointId)).toEqual([]);
  });

  test('the firewall drops by default and its domain list equals the allow-list', () => {
    t().hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: { StatefulDefaultActions: ['aws:drop_established', 'aws:alert_established'] },
    });
    const expected = [...new Set(alphaPrime.breakout!.services.flatMap((s) => s.service.domains)
      .map((d) => (d.startsWith('*.') ? d.slice(1) : d)))].sort();
    const lists = Object.values(t().findResources('AWS::NetworkFirewall::RuleGroup'))
      .map((g: any) => g.Properties.RuleGroup.RulesSource.RulesSourceList).filter(Boolean);
    // One list on TLS SNI of every service; cleartext HTTP (HTTP Host) only to the services that declare port 80 (AP-5).
    const cleartext = [...new Set(alphaPrime.breakout!.services.filter((s) => (s.service.ports ?? []).some((p) => p.fromPort === 80))
      .flatMap((s) => s.service.domains).map((d) => (d.startsWith('*.') ? d.slice(1) : d)))].sort();
    expect(cleartext.length).toBeGreaterThan(0);
    expect(lists.map((l) => [l.GeneratedRulesType, l.TargetTypes, [...l.Targets].sort()]))
      .toEqual([['ALLOWLIST', ['TLS_SNI'], expected], ['ALLOWLIST', ['HTTP_HOST'], cleartext]]);
  });

  test('IGW and NAT exist only in the LGWAN egress subnets, behind the firewall', () => {
    const egress = Object.keys(subnetsOf(t(), 'LGWAN', 'egress'));
    const nats = Object.values(t().findResources('AWS::EC2::NatGateway')).map((n: any) => refId(n.Properties.SubnetId));
    expect(nats.length).toBe(2);
    for (const s of nats) expect(egress).toContain(s);
    const igwRoutes = routesOfSegment(t(), 'LGWAN').filter(({ route }) => route.GatewayId);
    expect(igwRoutes.length).toBe(2);
    for (const { table } of igwRoutes) expect(table).toMatch(/egress/);
  });

  test('firewall alert and flow logs are on', () => {
    const logging = Object.values(t().findResources('AWS::NetworkFirewall::LoggingConfiguration'));
    expect(logging).toHaveLength(2);
    for (const l of logging as any[]) {
      expect(l.Properties.LoggingConfiguration.LogDestinationConfigs.map((c: any) => c.LogType).sort()).toEqual(['ALERT', 'FLOW']);
    }
  });
});

describe.each(['alpha', 'beta'])('%s: no internet path from LGWAN (LG-1)', (name) => {
  test('no firewall, NAT or IGW anywhere in LGWAN', () => {
    const t = exampleTemplate(name);
    expect(resourcesTagged(t, 'AWS::EC2::InternetGateway', 'LGWAN')).toEqual({});
    for (const { route } of routesOfSegment(t, 'LGWAN')) {
      expect(route.DestinationCidrBlock).not.toBe('0.0.0.0/0');
    }
  });
});

describe('β′: terminals and groupware sit in the Internet segment', () => {
  test('the terminals and groupware security groups are in the Internet VPC', () => {
    const t = exampleTemplate('beta-prime');
    const internetVpc = Object.keys(resourcesTagged(t, 'AWS::EC2::VPC', 'INTERNET'))[0];
    const groups = t.findResources('AWS::EC2::SecurityGroup');
    for (const host of ['internet-terminals', 'groupware']) {
      const g = Object.values(groups).find((x: any) => x.Properties.Tags.some((tag: any) => tag.Key === 'Name' && tag.Value === `Internet-host-${host}`)) as any;
      expect(g).toBeDefined();
      expect(refId(g.Properties.VpcId)).toBe(internetVpc);
    }
  });

  test('Internet egress goes through the web proxy and the built-in firewall, never straight to the IGW: only the proxy subnets route out (IN-1)', () => {
    const t = exampleTemplate('beta-prime');
    const routes = routesOfSegment(t, 'INTERNET');
    const out = (re: RegExp) => routes.filter(({ table, route }) => re.test(table) && route.DestinationCidrBlock === '0.0.0.0/0');
    expect(out(/workload/)).toEqual([]);
    expect(out(/proxy/)).toHaveLength(2);
    expect(out(/proxy/).every(({ route }) => route.VpcEndpointId)).toBe(true);
    expect(routes.some(({ table, route }) => /workload|proxy/.test(table) && (route.GatewayId || route.NatGatewayId))).toBe(false);
  });
});

describe.each(['alpha', 'beta'])('%s: Internet egress through the security cloud', (name) => {
  test('the Internet workload default route goes to the transit gateway', () => {
    const t = exampleTemplate(name);
    const defaults = routesOfSegment(t, 'INTERNET').filter(({ route }) => route.DestinationCidrBlock === '0.0.0.0/0');
    expect(defaults.length).toBe(2);
    for (const { route } of defaults) expect(route.TransitGatewayId).toBeDefined();
  });
});

describe.each(MODELS)('%s: snapshot', (name) => {
  test('template', () => {
    expect(exampleTemplate(name).toJSON()).toMatchSnapshot();
  });
});
