/**
 * FLOW-1 and asymmetric routing through a stateful firewall: AWS Network Firewall's stateful engine tracks a connection
 * only when both directions meet the same endpoint (https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html),
 * so a declared flow whose reply may come back through another firewall (another AZ's) is refused, and so is one
 * through a firewall with several endpoints, whose AZ a route does not say (fail closed). Both engines.
 *
 * Topology (centralized inspection): My Number VPC 10.1/16 (subnet `mn`, the app host 10.1.1.10) and Internet VPC 10.2/16
 * (subnet `web`, the web host 10.2.1.10) are spokes of a transit gateway whose spoke table sends 10/8 to the inspection
 * VPC 10.3/16. There the attachment subnets `attA` (AZ a) and `attB` (AZ b) send 10/8 to the firewall endpoint of their
 * AZ (`FwA` in `fwA`, `FwB` in `fwB`; or one firewall `Fw` with both subnets, `oneFirewall`), and the firewall subnets
 * send 10/8 back to the transit gateway, whose inspection table routes each spoke to its attachment. Without appliance
 * mode on the inspection attachment, the gateway may send the request into AZ a and the reply into AZ b.
 *
 * An external zone (`wan`): a VPN labelled `jichitai:zone` = LGWAN_WAN (the intermediate server 172.20.10.5) on the same
 * gateway, associated with the spoke table; the inspection table sends 172.20/16 to the VPN, and the spoke table sends it
 * to the inspection VPC (symmetric) or straight to the VPN (the My Number side's packets skip the firewall). A flow
 * from or to the zone starts or ends at the zone's entries, and its paths pair as any others.
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';

const APP = '10.1.1.10/32';
const WEB = '10.2.1.10/32';

const FLOW: DeclaredFlow = {
  name: 'app-to-web',
  kind: 'SPECIFIC_COMMUNICATION',
  from: { name: 'mn-app', zone: 'MY_NUMBER', cidrs: [APP] },
  to: { name: 'inet-web', zone: 'INTERNET', cidrs: [WEB] },
  ports: [{ protocol: 'tcp', fromPort: 443, toPort: 443 }],
};

/** The intermediate server (中間サーバー) in the LGWAN WAN, behind a VPN labelled `jichitai:zone` = LGWAN_WAN (`wan`). */
const WAN = '172.20.10.5/32';

const FROM_WAN: DeclaredFlow = {
  name: 'wan-to-app',
  kind: 'SPECIFIC_COMMUNICATION',
  from: { name: 'intermediate-server', zone: 'LGWAN_WAN', cidrs: [WAN] },
  to: { name: 'mn-app', zone: 'MY_NUMBER', cidrs: [APP] },
  ports: [{ protocol: 'tcp', fromPort: 443, toPort: 443 }],
};

const TO_WAN: DeclaredFlow = { ...FROM_WAN, name: 'app-to-wan', from: FROM_WAN.to, to: FROM_WAN.from };

const RULES = 'pass tcp 10.1.1.10 any -> 10.2.1.10 443 (msg:"app to web"; sid:1;)\npass tcp 172.20.10.5 any -> 10.1.1.10 443 (msg:"wan to app"; sid:2;)\n'
  + 'pass tcp 10.1.1.10 any -> 172.20.10.5 443 (msg:"app to wan"; sid:3;)';

interface Spec {
  /** `ApplianceModeSupport` / `appliance_mode_support` of the inspection attachment (omitted: not written). */
  readonly applianceMode?: string;
  /** One firewall with both subnets instead of one per AZ. */
  readonly oneFirewall?: boolean;
  /** The stateless default actions (`aws:forward_to_sfe` when not given). */
  readonly statelessDefault?: string[];
  /**
   * A VPN into the LGWAN WAN (172.20/16) on the transit gateway, associated with the spoke table (its requests go to the
   * inspection VPC); the spoke table sends 172.20/16 to the inspection VPC too (`symmetric`), or straight to the VPN
   * (`asymmetric`: the replies skip the firewall).
   */
  readonly wan?: 'symmetric' | 'asymmetric';
}

const SUBNETS: readonly (readonly [string, string, string, string])[] = [
  ['mn', 'mn', '10.1.1.0/24', 'a'], ['web', 'inet', '10.2.1.0/24', 'a'],
  ['attA', 'insp', '10.3.0.0/28', 'a'], ['attB', 'insp', '10.3.0.16/28', 'b'], ['fwA', 'insp', '10.3.1.0/28', 'a'], ['fwB', 'insp', '10.3.1.16/28', 'b'],
];
const VPCS: readonly (readonly [string, string, string | undefined])[] = [['mn', '10.1.0.0/16', 'MY_NUMBER'], ['inet', '10.2.0.0/16', 'INTERNET'], ['insp', '10.3.0.0/16', undefined]];

/** The firewalls by name, with their subnets, and the firewall whose endpoint each attachment subnet routes to. */
const firewalls = (spec: Spec): Record<string, string[]> => (spec.oneFirewall ? { Fw: ['fwA', 'fwB'] } : { FwA: ['fwA'], FwB: ['fwB'] });
const endpointOf = (spec: Spec, subnet: 'attA' | 'attB'): [string, number] => (spec.oneFirewall ? ['Fw', subnet === 'attA' ? 0 : 1] : [subnet === 'attA' ? 'FwA' : 'FwB', 0]);

function terraform(spec: Spec): any {
  const tgw = '${aws_ec2_transit_gateway.t.id}';
  const endpoint = (subnet: 'attA' | 'attB') => {
    const [fw, i] = endpointOf(spec, subnet);
    return `\${tolist(aws_networkfirewall_firewall.${fw}.firewall_status[0].sync_states)[${i}].attachment[0].endpoint_id}`;
  };
  const attachment = (vpc: string, subnets: string[], extra: object = {}) => ({
    transit_gateway_id: tgw,
    vpc_id: `\${aws_vpc.${vpc}.id}`,
    subnet_ids: subnets.map((s) => `\${aws_subnet.${s}.id}`),
    transit_gateway_default_route_table_association: false,
    transit_gateway_default_route_table_propagation: false,
    ...extra,
  });
  const att = (n: string) => `\${aws_ec2_transit_gateway_vpc_attachment.${n}.id}`;
  const vpn = '${aws_vpn_connection.wan.transit_gateway_attachment_id}';
  const tgwRoute = (destination: string, target: string, table: string) => ({
    destination_cidr_block: destination, transit_gateway_attachment_id: target, transit_gateway_route_table_id: `\${aws_ec2_transit_gateway_route_table.${table}.id}`,
  });
  const wan = spec.wan === undefined ? undefined : {
    vpn: { wan: { transit_gateway_id: tgw, customer_gateway_id: 'cgw-0123456789abcdef0', type: 'ipsec.1', tags: { 'jichitai:zone': 'LGWAN_WAN' } } },
    association: { wan: { transit_gateway_attachment_id: vpn, transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.spoke.id}' } },
    routes: { toWan: tgwRoute('172.20.0.0/16', vpn, 'insp'), spokeWan: tgwRoute('172.20.0.0/16', spec.wan === 'symmetric' ? att('insp') : vpn, 'spoke') },
  };
  return {
    resource: {
      aws_vpc: Object.fromEntries(VPCS.map(([n, cidr, segment]) => [n, { cidr_block: cidr, ...segment ? { tags: { 'jichitai:segment': segment } } : {} }])),
      aws_subnet: Object.fromEntries(SUBNETS.map(([n, vpc, cidr, az]) => [n, { vpc_id: `\${aws_vpc.${vpc}.id}`, cidr_block: cidr, availability_zone: `ap-northeast-1${az}` }])),
      aws_route_table: Object.fromEntries(SUBNETS.map(([n, vpc]) => [n, { vpc_id: `\${aws_vpc.${vpc}.id}` }])),
      aws_route_table_association: Object.fromEntries(SUBNETS.map(([n]) => [n, { subnet_id: `\${aws_subnet.${n}.id}`, route_table_id: `\${aws_route_table.${n}.id}` }])),
      aws_route: {
        mn: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: '10.2.0.0/16', transit_gateway_id: tgw },
        web: { route_table_id: '${aws_route_table.web.id}', destination_cidr_block: '10.1.0.0/16', transit_gateway_id: tgw },
        attA: { route_table_id: '${aws_route_table.attA.id}', destination_cidr_block: '10.0.0.0/8', vpc_endpoint_id: endpoint('attA') },
        attB: { route_table_id: '${aws_route_table.attB.id}', destination_cidr_block: '10.0.0.0/8', vpc_endpoint_id: endpoint('attB') },
        fwA: { route_table_id: '${aws_route_table.fwA.id}', destination_cidr_block: '10.0.0.0/8', transit_gateway_id: tgw },
        fwB: { route_table_id: '${aws_route_table.fwB.id}', destination_cidr_block: '10.0.0.0/8', transit_gateway_id: tgw },
        ...wan ? {
          mnWan: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: '172.20.0.0/16', transit_gateway_id: tgw },
          attAWan: { route_table_id: '${aws_route_table.attA.id}', destination_cidr_block: '172.20.0.0/16', vpc_endpoint_id: endpoint('attA') },
          attBWan: { route_table_id: '${aws_route_table.attB.id}', destination_cidr_block: '172.20.0.0/16', vpc_endpoint_id: endpoint('attB') },
          fwAWan: { route_table_id: '${aws_route_table.fwA.id}', destination_cidr_block: '172.20.0.0/16', transit_gateway_id: tgw },
          fwBWan: { route_table_id: '${aws_route_table.fwB.id}', destination_cidr_block: '172.20.0.0/16', transit_gateway_id: tgw },
        } : {},
      },
      ...wan ? { aws_vpn_connection: wan.vpn } : {},
      aws_ec2_transit_gateway: { t: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
      aws_ec2_transit_gateway_vpc_attachment: {
        mn: attachment('mn', ['mn']),
        inet: attachment('inet', ['web']),
        insp: attachment('insp', ['attA', 'attB'], spec.applianceMode === undefined ? {} : { appliance_mode_support: spec.applianceMode }),
      },
      aws_ec2_transit_gateway_route_table: { spoke: { transit_gateway_id: tgw }, insp: { transit_gateway_id: tgw } },
      aws_ec2_transit_gateway_route_table_association: {
        mn: { transit_gateway_attachment_id: att('mn'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.spoke.id}' },
        inet: { transit_gateway_attachment_id: att('inet'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.spoke.id}' },
        insp: { transit_gateway_attachment_id: att('insp'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.insp.id}' },
        ...wan?.association,
      },
      aws_ec2_transit_gateway_route: {
        spoke: { destination_cidr_block: '10.0.0.0/8', transit_gateway_attachment_id: att('insp'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.spoke.id}' },
        toMn: { destination_cidr_block: '10.1.0.0/16', transit_gateway_attachment_id: att('mn'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.insp.id}' },
        toInet: { destination_cidr_block: '10.2.0.0/16', transit_gateway_attachment_id: att('inet'), transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.insp.id}' },
        ...wan?.routes,
      },
      aws_networkfirewall_firewall: Object.fromEntries(Object.entries(firewalls(spec)).map(([n, subnets]) => [n, {
        name: n,
        vpc_id: '${aws_vpc.insp.id}',
        firewall_policy_arn: '${aws_networkfirewall_firewall_policy.p.arn}',
        subnet_mapping: subnets.map((s) => ({ subnet_id: `\${aws_subnet.${s}.id}` })),
      }])),
      aws_networkfirewall_firewall_policy: {
        p: {
          name: 'p',
          firewall_policy: [{
            stateless_default_actions: spec.statelessDefault ?? ['aws:forward_to_sfe'],
            stateless_fragment_default_actions: spec.statelessDefault ?? ['aws:forward_to_sfe'],
            stateful_default_actions: ['aws:drop_strict'],
            stateful_engine_options: [{ rule_order: 'STRICT_ORDER' }],
            stateful_rule_group_reference: [{ resource_arn: '${aws_networkfirewall_rule_group.stateful.arn}', priority: 10 }],
          }],
        },
      },
      aws_networkfirewall_rule_group: {
        stateful: {
          name: 'stateful',
          type: 'STATEFUL',
          capacity: 100,
          rule_group: [{ rules_source: [{ rules_string: RULES }], stateful_rule_options: [{ rule_order: 'STRICT_ORDER' }] }],
        },
      },
      aws_security_group: {
        app: {
          vpc_id: '${aws_vpc.mn.id}',
          tags: { 'jichitai:host': 'mn-app' },
          egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [WEB, WAN] }],
          ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [WAN] }],
        },
        web: { vpc_id: '${aws_vpc.inet.id}', tags: { 'jichitai:host': 'inet-web' }, ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [APP] }] },
      },
    },
  };
}

function cloudFormation(spec: Spec): any {
  const ref = (id: string) => ({ Ref: id });
  const endpoint = (subnet: 'attA' | 'attB') => {
    const [fw, i] = endpointOf(spec, subnet);
    return { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::Select': [i, { 'Fn::GetAtt': [fw, 'EndpointIds'] }] }] }] };
  };
  const r: Record<string, any> = {
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
    MnAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('mnVpc'), SubnetIds: [ref('mn')] } },
    InetAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('inetVpc'), SubnetIds: [ref('web')] } },
    InspAtt: {
      Type: 'AWS::EC2::TransitGatewayVpcAttachment',
      Properties: {
        TransitGatewayId: ref('Tgw'),
        VpcId: ref('inspVpc'),
        SubnetIds: [ref('attA'), ref('attB')],
        ...spec.applianceMode === undefined ? {} : { Options: { ApplianceModeSupport: spec.applianceMode } },
      },
    },
    SpokeRt: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref('Tgw') } },
    InspRt: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref('Tgw') } },
    Policy: {
      Type: 'AWS::NetworkFirewall::FirewallPolicy',
      Properties: {
        FirewallPolicyName: 'p',
        FirewallPolicy: {
          StatelessDefaultActions: spec.statelessDefault ?? ['aws:forward_to_sfe'],
          StatelessFragmentDefaultActions: spec.statelessDefault ?? ['aws:forward_to_sfe'],
          StatefulDefaultActions: ['aws:drop_strict'],
          StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
          StatefulRuleGroupReferences: [{ ResourceArn: { 'Fn::GetAtt': ['Stateful', 'RuleGroupArn'] }, Priority: 10 }],
        },
      },
    },
    Stateful: {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: { RuleGroupName: 'stateful', Type: 'STATEFUL', Capacity: 100, RuleGroup: { RulesSource: { RulesString: RULES }, StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' } } },
    },
    AppSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'app',
        VpcId: ref('mnVpc'),
        Tags: [{ Key: 'jichitai:host', Value: 'mn-app' }],
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: WEB }, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: WAN }],
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: WAN }],
      },
    },
    WebSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'web', VpcId: ref('inetVpc'), Tags: [{ Key: 'jichitai:host', Value: 'inet-web' }], SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: APP }] },
    },
  };
  for (const [n, cidr, segment] of VPCS) {
    r[`${n}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: cidr, ...segment ? { Tags: [{ Key: 'jichitai:segment', Value: segment }] } : {} } };
  }
  for (const [n, vpc, cidr, az] of SUBNETS) {
    r[n] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref(`${vpc}Vpc`), CidrBlock: cidr, AvailabilityZone: `ap-northeast-1${az}` } };
    r[`${n}Rt`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(`${vpc}Vpc`) } };
    r[`${n}Assoc`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: ref(`${n}Rt`), SubnetId: ref(n) } };
  }
  const route = (table: string, destination: string, target: object) => ({ Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`${table}Rt`), DestinationCidrBlock: destination, ...target } });
  Object.assign(r, {
    MnRoute: route('mn', '10.2.0.0/16', { TransitGatewayId: ref('Tgw') }),
    WebRoute: route('web', '10.1.0.0/16', { TransitGatewayId: ref('Tgw') }),
    AttARoute: route('attA', '10.0.0.0/8', { VpcEndpointId: endpoint('attA') }),
    AttBRoute: route('attB', '10.0.0.0/8', { VpcEndpointId: endpoint('attB') }),
    FwARoute: route('fwA', '10.0.0.0/8', { TransitGatewayId: ref('Tgw') }),
    FwBRoute: route('fwB', '10.0.0.0/8', { TransitGatewayId: ref('Tgw') }),
  });
  const tgwRoutes: string[][] = [['Spoke', '10.0.0.0/8', 'InspAtt', 'SpokeRt'], ['ToMn', '10.1.0.0/16', 'MnAtt', 'InspRt'], ['ToInet', '10.2.0.0/16', 'InetAtt', 'InspRt']];
  const associations = [['MnAtt', 'SpokeRt'], ['InetAtt', 'SpokeRt'], ['InspAtt', 'InspRt']];
  if (spec.wan !== undefined) {
    r.Wan = {
      Type: 'AWS::EC2::VPNConnection',
      Properties: { TransitGatewayId: ref('Tgw'), CustomerGatewayId: 'cgw-0123456789abcdef0', Type: 'ipsec.1', Tags: [{ Key: 'jichitai:zone', Value: 'LGWAN_WAN' }] },
    };
    associations.push(['Wan', 'SpokeRt']);
    tgwRoutes.push(['ToWan', '172.20.0.0/16', 'Wan', 'InspRt'], ['SpokeWan', '172.20.0.0/16', spec.wan === 'symmetric' ? 'InspAtt' : 'Wan', 'SpokeRt']);
    Object.assign(r, {
      MnWanRoute: route('mn', '172.20.0.0/16', { TransitGatewayId: ref('Tgw') }),
      AttAWanRoute: route('attA', '172.20.0.0/16', { VpcEndpointId: endpoint('attA') }),
      AttBWanRoute: route('attB', '172.20.0.0/16', { VpcEndpointId: endpoint('attB') }),
      FwAWanRoute: route('fwA', '172.20.0.0/16', { TransitGatewayId: ref('Tgw') }),
      FwBWanRoute: route('fwB', '172.20.0.0/16', { TransitGatewayId: ref('Tgw') }),
    });
  }
  for (const [n, table] of associations) {
    r[`${n}Assoc`] = { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayAttachmentId: ref(n), TransitGatewayRouteTableId: ref(table) } };
  }
  for (const [n, destination, attachment, table] of tgwRoutes) {
    r[`${n}TgwRoute`] = {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: { DestinationCidrBlock: destination, TransitGatewayAttachmentId: ref(attachment), TransitGatewayRouteTableId: ref(table) },
    };
  }
  for (const [n, subnets] of Object.entries(firewalls(spec))) {
    r[n] = {
      Type: 'AWS::NetworkFirewall::Firewall',
      Properties: {
        FirewallName: n,
        VpcId: ref('inspVpc'),
        FirewallPolicyArn: { 'Fn::GetAtt': ['Policy', 'FirewallPolicyArn'] },
        SubnetMappings: subnets.map((s) => ({ SubnetId: ref(s) })),
      },
    };
  }
  return { Resources: r };
}

const ENGINES: readonly (readonly [string, (spec: Spec) => TopologyGraph])[] = [
  ['Terraform', (spec) => extractTerraform({ t: terraform(spec) })],
  ['CloudFormation', (spec) => extractCloudFormation({ S: cloudFormation(spec) })],
];

const flow1 = (read: (spec: Spec) => TopologyGraph, spec: Spec, flow: DeclaredFlow = FLOW) =>
  checkTopology(read(spec), { model: NetworkModel.ALPHA }, { flows: [flow] }).filter((f) => f.ruleId === 'FLOW-1');
const text = (read: (spec: Spec) => TopologyGraph, spec: Spec, flow?: DeclaredFlow) => flow1(read, spec, flow).map(formatFinding).join('\n');

describe.each(ENGINES)('FLOW-1 refuses a declared flow whose reply may skip the firewall its request passed (%s)', (_, read) => {
  test('an inspection VPC behind a transit gateway without appliance mode: the reply may come back through the other AZ\'s firewall', () => {
    const found = text(read, {});
    expect(found).toMatch(/declared flow "app-to-web" .* does not work: .*firewall \S*Fw[AB], whose stateful engine judges the flow, is on the (request|reply)'s path but not on the (request|reply)'s, so it does not see the connection both ways and drops it \(asymmetric routing: the transit gateway may send the two directions into attachment \S*[Ii]nsp\S* through different subnets \(Availability Zones\), its appliance mode being off\)/);
    expect(found).toMatch(/the request's path: subnet \S*mn \(10\.1\.1\.0\/24\) → .*firewall \S*Fw[AB] → .*subnet \S*web \(10\.2\.1\.0\/24\); the reply's path: subnet \S*web \(10\.2\.1\.0\/24\) → .*firewall \S*Fw[AB] → .*subnet \S*mn \(10\.1\.1\.0\/24\)/);
    expect(found).toMatch(/Fix: .*appliance mode on its attachment \(ApplianceModeSupport \/ appliance_mode_support = "enable"\)/);
    expect(flow1(read, {})[0].ja!.message).toMatch(/Transit Gateway が両方向をアタッチメント \S+ の異なるサブネット（AZ）に送り得る（アプライアンスモードが無効）/);
    // A value other than the literal `enable` is not appliance mode.
    expect(text(read, { applianceMode: 'disable' })).toMatch(/asymmetric routing/);
  });

  test('the same with appliance mode on: both directions of a flow enter through one subnet, meet one firewall, and the flow is shown open', () => {
    expect(text(read, { applianceMode: 'enable' })).toBe('');
  });

  test('a firewall passing the flow by its stateless engine alone keeps no state: no appliance mode needed', () => {
    expect(text(read, { statelessDefault: ['aws:pass'] })).toBe('');
  });

  test('one firewall with an endpoint in each AZ: the guard cannot tell that both directions meet the same endpoint (fail closed), even in appliance mode', () => {
    const found = text(read, { oneFirewall: true, applianceMode: 'enable' });
    expect(found).toMatch(/firewall \S*Fw, whose stateful engine judges the flow, has 2 endpoints \(subnets\), and the guard cannot tell that the request and the reply meet the same one .*\(fail closed\)/);
    expect(found).toMatch(/Fix: .*one firewall per AZ, with one subnet mapping each, names each endpoint/);
  });
});

describe.each(ENGINES)('FLOW-1\'s symmetry for a declared flow from an external zone, behind a VPN (%s)', (_, read) => {
  test('the request from the LGWAN WAN crosses the inspection firewall and the reply goes straight back to the VPN: refused, both paths named', () => {
    const found = text(read, { wan: 'asymmetric', applianceMode: 'enable' }, FROM_WAN);
    expect(found).toMatch(/declared flow "wan-to-app" \(SPECIFIC_COMMUNICATION: intermediate-server → mn-app, tcp 443\) does not work: firewall \S*Fw[AB], whose stateful engine judges the flow, is on the request's path but not on the reply's, so it does not see the connection both ways and drops it \(asymmetric routing\)/);
    expect(found).toMatch(/the request's path: attachment \S*(wan|Wan) \(LGWAN_WAN\) → .*firewall \S*Fw[AB] → .*subnet \S*mn \(10\.1\.1\.0\/24\); the reply's path: subnet \S*mn \(10\.1\.1\.0\/24\) → tgw \S* → attachment \S*(wan|Wan) \(LGWAN_WAN\)\)/);
    expect(found).toMatch(/Fix: .*route the reply through the same firewall endpoint as the request/);
    // A firewall that passes the flow by its stateless engine alone keeps no state: the reply may skip it.
    expect(text(read, { wan: 'asymmetric', applianceMode: 'enable', statelessDefault: ['aws:pass'] }, FROM_WAN)).toBe('');
  });

  test('the reply routed back through the inspection VPC in appliance mode: both directions meet one firewall, the flow is shown open', () => {
    expect(text(read, { wan: 'symmetric', applianceMode: 'enable' }, FROM_WAN)).toBe('');
    expect(text(read, { wan: 'symmetric', applianceMode: 'enable' }, TO_WAN)).toBe('');
  });

  test('a flow to the LGWAN WAN whose request goes straight to the VPN and whose reply comes back through the firewall: refused', () => {
    // The firewall's stateful engine meets the reply without the request: judged as it sees it (a TCP connection it did not
    // see begin, dropped by the stream exception policy), not on the request's header.
    expect(text(read, { wan: 'asymmetric', applianceMode: 'enable' }, TO_WAN)).toMatch(
      /declared flow "app-to-wan" .* does not work: firewall \S*Fw[AB] drops the flow: the reply \(tcp 32768-65535 from 172\.20\.10\.5\/32 to 10\.1\.1\.10\/32\) meets its stateful engine without the request \(asymmetric routing\): a TCP connection it did not see begin, which its stream exception policy DROP \(AWS's default\) drops as one broken midstream/);
  });

  test('the same without appliance mode: the reply may come back through the other AZ\'s firewall, refused', () => {
    expect(text(read, { wan: 'symmetric' }, FROM_WAN)).toMatch(/firewall \S*Fw[AB], whose stateful engine judges the flow, is on the (request|reply)'s path but not on the (request|reply)'s, .*\(asymmetric routing: the transit gateway may send the two directions into attachment \S*[Ii]nsp\S* through different subnets/);
  });
});
