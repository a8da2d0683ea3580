/**
 * FLOW-1 judges every Network Firewall a declared flow's path crosses (rules/firewall-flows.ts): the firewall's policy must
 * pass the flow's connection — its stateless engine each direction that crosses it, its stateful engine the request (a
 * passed flow's replies pass with it) — and a firewall that drops it, or of which the guard cannot tell, is named; so is
 * a Gateway Load Balancer endpoint, whose appliances the guard cannot read. Both engines.
 *
 * Topology: My Number VPC 10.1/16 (subnet `mn` 10.1.1.0/24, the app host 10.1.1.10) ↔ Internet VPC 10.2/16 over a transit
 * gateway. In the Internet VPC the attachment subnet `att` (10.2.0.0/28) sends the web subnet (10.2.1.0/24, the web host
 * 10.2.1.10) to the firewall endpoint in `fw` (10.2.0.16/28) (or delivers it by the local route, `requestAround`), and the
 * web subnet sends the replies back through it (or straight to the transit gateway, `replyAround`); the firewall subnet
 * routes the My Number VPC to the transit gateway.
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

interface StatelessSpec {
  readonly priority: number;
  readonly actions: string[];
  readonly protocols?: number[];
  readonly destinations?: string[];
  readonly sources?: string[];
  readonly destinationPorts?: [number, number][];
  readonly sourcePorts?: [number, number][];
}

/** What a case puts in the firewall's policy, engine-neutral. */
interface Spec {
  readonly statelessDefault?: string[];
  readonly stateless?: StatelessSpec[];
  readonly statefulDefault?: string[];
  /** One stateful rule group's rules (STRICT_ORDER, priority 10), if any. */
  readonly rules?: string;
  /** The web subnet's replies go straight to the transit gateway, not through the firewall. */
  readonly replyAround?: boolean;
  /** The attachment subnet delivers the requests to the web subnet by the local route, not through the firewall. */
  readonly requestAround?: boolean;
  /** A Gateway Load Balancer endpoint takes the firewall's place (an appliance the guard cannot read). */
  readonly gwlb?: boolean;
  /** A domain allow-list group (TLS SNI / HTTP Host) at priority 5, ahead of the rules. */
  readonly allowList?: boolean;
  /** An AWS managed threat signature group at priority 1. */
  readonly managed?: boolean;
  /** The policy's HOME_NET (`PolicyVariables`); the firewall VPC's block when not given. */
  readonly homeNet?: string[];
  /** The policy's stream exception policy (AWS's default DROP when not given); `unread`: a value the guard cannot read. */
  readonly streamException?: string;
}

const MANAGED = 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder';

const policyDefaults = (spec: Spec) => ({
  stateless: spec.statelessDefault ?? ['aws:forward_to_sfe'],
  stateful: spec.statefulDefault ?? ['aws:drop_strict'],
});

function terraform(spec: Spec): any {
  const tgw = '${aws_ec2_transit_gateway.t.id}';
  const endpoint = spec.gwlb ? '${aws_vpc_endpoint.gwlb.id}' : '${tolist(aws_networkfirewall_firewall.fw.firewall_status[0].sync_states)[0].attachment[0].endpoint_id}';
  const d = policyDefaults(spec);
  const groups: Record<string, any> = {};
  if (spec.rules !== undefined) {
    groups.stateful = {
      name: 'stateful',
      type: 'STATEFUL',
      capacity: 100,
      rule_group: [{ rules_source: [{ rules_string: spec.rules }], stateful_rule_options: [{ rule_order: 'STRICT_ORDER' }] }],
    };
  }
  if (spec.allowList) {
    groups.allow = {
      name: 'allow',
      type: 'STATEFUL',
      capacity: 100,
      rule_group: [{
        rules_source: [{ rules_source_list: [{ generated_rules_type: 'ALLOWLIST', target_types: ['TLS_SNI', 'HTTP_HOST'], targets: ['.example.jp'] }] }],
        stateful_rule_options: [{ rule_order: 'STRICT_ORDER' }],
      }],
    };
  }
  if (spec.stateless) {
    groups.stateless = {
      name: 'stateless',
      type: 'STATELESS',
      capacity: 100,
      rule_group: [{
        rules_source: [{
          stateless_rules_and_custom_actions: [{
            stateless_rule: spec.stateless.map((r) => ({
              priority: r.priority,
              rule_definition: [{
                actions: r.actions,
                match_attributes: [{
                  protocols: r.protocols ?? [],
                  source: (r.sources ?? []).map((a) => ({ address_definition: a })),
                  destination: (r.destinations ?? []).map((a) => ({ address_definition: a })),
                  destination_port: (r.destinationPorts ?? []).map(([from, to]) => ({ from_port: from, to_port: to })),
                  source_port: (r.sourcePorts ?? []).map(([from, to]) => ({ from_port: from, to_port: to })),
                }],
              }],
            })),
          }],
        }],
      }],
    };
  }
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } }, inet: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' } } },
      aws_subnet: {
        mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.1.1.0/24', availability_zone: 'ap-northeast-1a' },
        att: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.0.0/28', availability_zone: 'ap-northeast-1a' },
        fw: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.0.16/28', availability_zone: 'ap-northeast-1a' },
        web: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.1.0/24', availability_zone: 'ap-northeast-1a' },
      },
      aws_route_table: Object.fromEntries(['mn', 'att', 'fw', 'web'].map((n) => [n, { vpc_id: n === 'mn' ? '${aws_vpc.mn.id}' : '${aws_vpc.inet.id}' }])),
      aws_route_table_association: Object.fromEntries(['mn', 'att', 'fw', 'web'].map((n) => [n, { subnet_id: `\${aws_subnet.${n}.id}`, route_table_id: `\${aws_route_table.${n}.id}` }])),
      aws_route: {
        mn: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: '10.2.0.0/16', transit_gateway_id: tgw },
        ...spec.requestAround ? {} : { att: { route_table_id: '${aws_route_table.att.id}', destination_cidr_block: '10.2.1.0/24', vpc_endpoint_id: endpoint } },
        fw: { route_table_id: '${aws_route_table.fw.id}', destination_cidr_block: '10.1.0.0/16', transit_gateway_id: tgw },
        web: spec.replyAround
          ? { route_table_id: '${aws_route_table.web.id}', destination_cidr_block: '10.1.0.0/16', transit_gateway_id: tgw }
          : { route_table_id: '${aws_route_table.web.id}', destination_cidr_block: '10.1.0.0/16', vpc_endpoint_id: endpoint },
      },
      aws_ec2_transit_gateway: { t: { default_route_table_association: 'disable', default_route_table_propagation: 'disable' } },
      aws_ec2_transit_gateway_route_table: { mn: { transit_gateway_id: tgw }, inet: { transit_gateway_id: tgw } },
      aws_ec2_transit_gateway_route_table_association: {
        mn: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.mn.id}' },
        inet: { transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.inet.id}', transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}' },
      },
      aws_ec2_transit_gateway_route: {
        mn: {
          destination_cidr_block: '10.2.0.0/16',
          transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.inet.id}',
          transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.mn.id}',
        },
        inet: {
          destination_cidr_block: '10.1.0.0/16',
          transit_gateway_attachment_id: '${aws_ec2_transit_gateway_vpc_attachment.mn.id}',
          transit_gateway_route_table_id: '${aws_ec2_transit_gateway_route_table.inet.id}',
        },
      },
      aws_ec2_transit_gateway_vpc_attachment: {
        mn: {
          transit_gateway_id: tgw,
          vpc_id: '${aws_vpc.mn.id}',
          subnet_ids: ['${aws_subnet.mn.id}'],
          transit_gateway_default_route_table_association: false,
          transit_gateway_default_route_table_propagation: false,
        },
        inet: {
          transit_gateway_id: tgw,
          vpc_id: '${aws_vpc.inet.id}',
          subnet_ids: ['${aws_subnet.att.id}'],
          transit_gateway_default_route_table_association: false,
          transit_gateway_default_route_table_propagation: false,
        },
      },
      ...spec.gwlb
        ? {
          aws_vpc_endpoint: {
            gwlb: {
              vpc_id: '${aws_vpc.inet.id}',
              vpc_endpoint_type: 'GatewayLoadBalancer',
              subnet_ids: ['${aws_subnet.fw.id}'],
              service_name: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0',
            },
          },
        }
        : {
          aws_networkfirewall_firewall: {
            fw: { name: 'fw', vpc_id: '${aws_vpc.inet.id}', firewall_policy_arn: '${aws_networkfirewall_firewall_policy.p.arn}', subnet_mapping: [{ subnet_id: '${aws_subnet.fw.id}' }] },
          },
          aws_networkfirewall_firewall_policy: {
            p: {
              name: 'p',
              firewall_policy: [{
                stateless_default_actions: d.stateless,
                stateless_fragment_default_actions: d.stateless,
                stateful_default_actions: d.stateful,
                stateful_engine_options: [{
                  rule_order: 'STRICT_ORDER',
                  ...spec.streamException ? { stream_exception_policy: spec.streamException === 'unread' ? '${var.stream}' : spec.streamException } : {},
                }],
                ...spec.homeNet ? { policy_variables: [{ rule_variables: [{ key: 'HOME_NET', ip_set: [{ definition: spec.homeNet }] }] }] } : {},
                stateful_rule_group_reference: [
                  ...spec.managed ? [{ resource_arn: MANAGED, priority: 1 }] : [],
                  ...spec.allowList ? [{ resource_arn: '${aws_networkfirewall_rule_group.allow.arn}', priority: 5 }] : [],
                  ...spec.rules === undefined ? [] : [{ resource_arn: '${aws_networkfirewall_rule_group.stateful.arn}', priority: 10 }],
                ],
                stateless_rule_group_reference: spec.stateless ? [{ resource_arn: '${aws_networkfirewall_rule_group.stateless.arn}', priority: 1 }] : [],
              }],
            },
          },
          ...Object.keys(groups).length > 0 ? { aws_networkfirewall_rule_group: groups } : {},
        },
      aws_security_group: {
        app: { vpc_id: '${aws_vpc.mn.id}', tags: { 'jichitai:host': 'mn-app' }, egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [WEB] }] },
        web: { vpc_id: '${aws_vpc.inet.id}', tags: { 'jichitai:host': 'inet-web' }, ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [APP] }] },
      },
    },
  };
}

function cloudFormation(spec: Spec): any {
  const tags = (k: string, v: string) => [{ Key: k, Value: v }];
  const ref = (id: string) => ({ Ref: id });
  const d = policyDefaults(spec);
  const endpoint = spec.gwlb ? ref('Gwlb') : { 'Fn::Select': [1, { 'Fn::Split': [':', { 'Fn::Select': [0, { 'Fn::GetAtt': ['Fw', 'EndpointIds'] }] }] }] };
  const r: Record<string, any> = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tags('jichitai:segment', 'MY_NUMBER') } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tags('jichitai:segment', 'INTERNET') } },
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
    MnAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('MnVpc'), SubnetIds: [ref('mn')] } },
    InAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('InVpc'), SubnetIds: [ref('att')] } },
    MnTgwRt: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref('Tgw') } },
    InTgwRt: { Type: 'AWS::EC2::TransitGatewayRouteTable', Properties: { TransitGatewayId: ref('Tgw') } },
    MnTgwAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayAttachmentId: ref('MnAtt'), TransitGatewayRouteTableId: ref('MnTgwRt') } },
    InTgwAssoc: { Type: 'AWS::EC2::TransitGatewayRouteTableAssociation', Properties: { TransitGatewayAttachmentId: ref('InAtt'), TransitGatewayRouteTableId: ref('InTgwRt') } },
    MnTgwRoute: {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: { DestinationCidrBlock: '10.2.0.0/16', TransitGatewayAttachmentId: ref('InAtt'), TransitGatewayRouteTableId: ref('MnTgwRt') },
    },
    InTgwRoute: {
      Type: 'AWS::EC2::TransitGatewayRoute',
      Properties: { DestinationCidrBlock: '10.1.0.0/16', TransitGatewayAttachmentId: ref('MnAtt'), TransitGatewayRouteTableId: ref('InTgwRt') },
    },
    MnRoute: { Type: 'AWS::EC2::Route', DependsOn: 'MnAtt', Properties: { RouteTableId: ref('mnRt'), DestinationCidrBlock: '10.2.0.0/16', TransitGatewayId: ref('Tgw') } },
    ...spec.requestAround ? {} : { AttRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref('attRt'), DestinationCidrBlock: '10.2.1.0/24', VpcEndpointId: endpoint } } },
    FwRoute: { Type: 'AWS::EC2::Route', DependsOn: 'InAtt', Properties: { RouteTableId: ref('fwRt'), DestinationCidrBlock: '10.1.0.0/16', TransitGatewayId: ref('Tgw') } },
    WebRoute: {
      Type: 'AWS::EC2::Route',
      Properties: { RouteTableId: ref('webRt'), DestinationCidrBlock: '10.1.0.0/16', ...spec.replyAround ? { TransitGatewayId: ref('Tgw') } : { VpcEndpointId: endpoint } },
    },
    AppSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'app', VpcId: ref('MnVpc'), Tags: tags('jichitai:host', 'mn-app'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: WEB }] },
    },
    WebSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'web', VpcId: ref('InVpc'), Tags: tags('jichitai:host', 'inet-web'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: APP }] },
    },
  };
  for (const [name, vpc, cidr] of [['mn', 'MnVpc', '10.1.1.0/24'], ['att', 'InVpc', '10.2.0.0/28'], ['fw', 'InVpc', '10.2.0.16/28'], ['web', 'InVpc', '10.2.1.0/24']]) {
    r[name] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref(vpc), CidrBlock: cidr, AvailabilityZone: 'ap-northeast-1a' } };
    r[`${name}Rt`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref(vpc) } };
    r[`${name}Assoc`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: ref(`${name}Rt`), SubnetId: ref(name) } };
  }
  if (spec.gwlb) {
    r.Gwlb = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: { VpcId: ref('InVpc'), VpcEndpointType: 'GatewayLoadBalancer', SubnetIds: [ref('fw')], ServiceName: 'com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0' },
    };
    return { Resources: r };
  }
  r.Fw = {
    Type: 'AWS::NetworkFirewall::Firewall',
    Properties: { FirewallName: 'fw', VpcId: ref('InVpc'), FirewallPolicyArn: { 'Fn::GetAtt': ['Policy', 'FirewallPolicyArn'] }, SubnetMappings: [{ SubnetId: ref('fw') }] },
  };
  r.Policy = {
    Type: 'AWS::NetworkFirewall::FirewallPolicy',
    Properties: {
      FirewallPolicyName: 'p',
      FirewallPolicy: {
        StatelessDefaultActions: d.stateless,
        StatelessFragmentDefaultActions: d.stateless,
        StatefulDefaultActions: d.stateful,
        StatefulEngineOptions: {
          RuleOrder: 'STRICT_ORDER',
          ...spec.streamException ? { StreamExceptionPolicy: spec.streamException === 'unread' ? { Ref: 'Stream' } : spec.streamException } : {},
        },
        ...spec.homeNet ? { PolicyVariables: { RuleVariables: { HOME_NET: { Definition: spec.homeNet } } } } : {},
        StatefulRuleGroupReferences: [
          ...spec.managed ? [{ ResourceArn: MANAGED, Priority: 1 }] : [],
          ...spec.allowList ? [{ ResourceArn: { 'Fn::GetAtt': ['Allow', 'RuleGroupArn'] }, Priority: 5 }] : [],
          ...spec.rules === undefined ? [] : [{ ResourceArn: { 'Fn::GetAtt': ['Stateful', 'RuleGroupArn'] }, Priority: 10 }],
        ],
        StatelessRuleGroupReferences: spec.stateless ? [{ ResourceArn: { 'Fn::GetAtt': ['Stateless', 'RuleGroupArn'] }, Priority: 1 }] : [],
      },
    },
  };
  if (spec.rules !== undefined) {
    r.Stateful = {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: {
        RuleGroupName: 'stateful',
        Type: 'STATEFUL',
        Capacity: 100,
        RuleGroup: { RulesSource: { RulesString: spec.rules }, StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' } },
      },
    };
  }
  if (spec.allowList) {
    r.Allow = {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: {
        RuleGroupName: 'allow',
        Type: 'STATEFUL',
        Capacity: 100,
        RuleGroup: {
          RulesSource: { RulesSourceList: { GeneratedRulesType: 'ALLOWLIST', TargetTypes: ['TLS_SNI', 'HTTP_HOST'], Targets: ['.example.jp'] } },
          StatefulRuleOptions: { RuleOrder: 'STRICT_ORDER' },
        },
      },
    };
  }
  if (spec.stateless) {
    r.Stateless = {
      Type: 'AWS::NetworkFirewall::RuleGroup',
      Properties: {
        RuleGroupName: 'stateless',
        Type: 'STATELESS',
        Capacity: 100,
        RuleGroup: {
          RulesSource: {
            StatelessRulesAndCustomActions: {
              StatelessRules: spec.stateless.map((x) => ({
                Priority: x.priority,
                RuleDefinition: {
                  Actions: x.actions,
                  MatchAttributes: {
                    ...x.protocols ? { Protocols: x.protocols } : {},
                    ...x.sources ? { Sources: x.sources.map((a) => ({ AddressDefinition: a })) } : {},
                    ...x.destinations ? { Destinations: x.destinations.map((a) => ({ AddressDefinition: a })) } : {},
                    ...x.destinationPorts ? { DestinationPorts: x.destinationPorts.map(([from, to]) => ({ FromPort: from, ToPort: to })) } : {},
                    ...x.sourcePorts ? { SourcePorts: x.sourcePorts.map(([from, to]) => ({ FromPort: from, ToPort: to })) } : {},
                  },
                },
              })),
            },
          },
        },
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

const PASS_FLOW = 'pass tcp 10.1.1.10 any -> 10.2.1.10 443 (msg:"app to web"; sid:1;)';

describe.each(ENGINES)('FLOW-1 sees a firewall that drops a declared flow (%s)', (_, read) => {
  test('the stateful default aws:drop_strict with no pass rule drops the flow: the finding names the firewall and the default', () => {
    expect(text(read, {})).toMatch(/FLOW-1 error .*declared flow "app-to-web" .* does not work: firewall \S*[Ff]w drops the flow: no rule passes the request, and the stateful default action aws:drop_strict drops it.*Fix: .*for a firewall on the path, pass the declared hosts and ports/);
  });

  test('the stateful default aws:drop_established drops the connection once established; a policy without a stateful default drops nothing', () => {
    expect(text(read, { statefulDefault: ['aws:drop_established'] })).toMatch(
      /firewall \S*[Ff]w drops the flow: no rule passes the request, and the stateful default action aws:drop_established drops it once the connection is established/);
    expect(text(read, { statefulDefault: [] })).toBe('');
    expect(text(read, { statefulDefault: ['aws:alert_strict'] })).toBe('');
  });

  test('a pass rule on the flow\'s header ahead of the default drop: the flow is shown open', () => {
    expect(text(read, { rules: PASS_FLOW })).toBe('');
  });

  test('a pass rule for another port does not pass it', () => {
    expect(text(read, { rules: 'pass tcp 10.1.1.10 any -> 10.2.1.10 8443 (sid:1;)' })).toMatch(/firewall \S*[Ff]w drops the flow: no rule passes the request, and the stateful default action aws:drop_strict/);
  });

  test('a pass rule from $HOME_NET (the firewall VPC\'s block by default) does not hold the My Number client; one to $HOME_NET holds the web host', () => {
    expect(text(read, { rules: 'pass tcp $HOME_NET any -> any 443 (sid:1;)' })).toMatch(/firewall \S*[Ff]w drops the flow/);
    expect(text(read, { rules: 'pass tcp any any -> $HOME_NET 443 (sid:1;)' })).toBe('');
  });

  test('a drop rule ahead of the pass rule (strict order) drops it, naming the rule', () => {
    const found = text(read, { rules: `drop tcp any any -> 10.2.1.0/24 any (sid:2;)\n${PASS_FLOW}` });
    expect(found).toMatch(/firewall \S*[Ff]w drops the flow: the request \(tcp 443 from 10\.1\.1\.10\/32 to 10\.2\.1\.10\/32\): dropped by rule group \S*[Ss]tateful's rule "drop tcp any any -> 10\.2\.1\.0\/24 any \(sid:2;\)"/);
  });

  test('a pass rule that matches content (a TLS SNI) cannot be told to pass: a finding that says so (fail closed)', () => {
    const found = text(read, { rules: 'pass tls 10.1.1.10 any -> 10.2.1.10 443 (tls.sni; content:"web.example.jp"; sid:1;)' });
    expect(found).toMatch(/firewall \S*[Ff]w is not shown to pass the flow: the request .*may or may not match them, and decides \(the guard cannot tell which\) \(fail closed\)/);
  });

  test('a stateless aws:drop rule for the web host\'s port drops the request, whatever the stateful rules pass', () => {
    const found = text(read, { rules: PASS_FLOW, stateless: [{ priority: 1, actions: ['aws:drop'], protocols: [6], destinations: ['10.2.1.0/24'], destinationPorts: [[443, 443]] }] });
    expect(found).toMatch(/firewall \S*[Ff]w drops the flow: the request \(tcp 443 from 10\.1\.1\.10\/32 to 10\.2\.1\.10\/32\): dropped by stateless rule group \S*[Ss]tateless's rule \(priority 1, protocols 6 from anywhere to 10\.2\.1\.0\/24 ports 443; actions: aws:drop\) \(aws:drop\)/);
  });

  test('the reply direction: a stateless aws:drop rule for the replies\' source port 443 drops them', () => {
    const found = text(read, { rules: PASS_FLOW, stateless: [{ priority: 1, actions: ['aws:drop'], protocols: [6], sources: ['10.2.1.0/24'], sourcePorts: [[443, 443]] }] });
    expect(found).toMatch(/firewall \S*[Ff]w drops the flow: the reply \(tcp 32768-65535 from 10\.2\.1\.10\/32 to 10\.1\.1\.10\/32\): dropped by stateless rule group \S*'s rule .*actions: aws:drop\) \(aws:drop\)/);
  });

  test('stateless rules that pass both directions, or hand them to a stateful pass: the flow is open', () => {
    const both: StatelessSpec[] = [
      { priority: 1, actions: ['aws:pass'], protocols: [6], sources: [APP], destinations: [WEB], destinationPorts: [[443, 443]] },
      { priority: 2, actions: ['aws:pass'], protocols: [6], sources: [WEB], destinations: [APP], sourcePorts: [[443, 443]] },
    ];
    expect(text(read, { stateless: both, statelessDefault: ['aws:drop'] })).toBe('');
    // Only the request passed statelessly: the replies meet the stateless default drop.
    expect(text(read, { stateless: both.slice(0, 1), statelessDefault: ['aws:drop'] })).toMatch(
      /firewall \S*[Ff]w drops the flow: the reply \(tcp 32768-65535 from 10\.2\.1\.10\/32 to 10\.1\.1\.10\/32\): dropped by the stateless default actions \(aws:drop\)/);
  });

  test('the reply passes through the firewall too: a stateful pass of the request passes its replies (the reply crosses it, the request around)', () => {
    expect(text(read, { rules: PASS_FLOW })).toBe('');
    // The replies around the firewall: the request still crosses it and must be passed.
    expect(text(read, { replyAround: true })).toMatch(/firewall \S*[Ff]w drops the flow: no rule passes the request/);
  });

  test('replies around a firewall whose stateful engine passes the request: asymmetric routing, refused with both paths named', () => {
    // Network Firewall's stateful engine must see both directions on the same endpoint (asymmetric-routing.html).
    const found = text(read, { replyAround: true, rules: PASS_FLOW });
    expect(found).toMatch(/declared flow "app-to-web" .* does not work: firewall \S*[Ff]w, whose stateful engine judges the flow, is on the request's path but not on the reply's, so it does not see the connection both ways and drops it \(asymmetric routing\)/);
    expect(found).toMatch(/the request's path: subnet \S*mn \(10\.1\.1\.0\/24\) → .*firewall \S*[Ff]w → .*subnet \S*web \(10\.2\.1\.0\/24\); the reply's path: subnet \S*web \(10\.2\.1\.0\/24\) → tgw \S* → attachment \S*[Mm]n\S* → subnet \S*mn \(10\.1\.1\.0\/24\)\)/);
    expect(found).toMatch(/Fix: .*route the reply through the same firewall endpoint as the request.*appliance mode on its attachment/);
    expect(flow1(read, { replyAround: true, rules: PASS_FLOW })[0].ja!.message).toMatch(/が要求の経路にはあるが応答の経路になく、接続を両方向で見られないため破棄する（非対称ルーティング）/);
    // A firewall that passes the flow by its stateless engine alone (aws:pass both ways) keeps no state: the path back may skip it.
    expect(text(read, { replyAround: true, statelessDefault: ['aws:pass'] })).toBe('');
    const both: StatelessSpec[] = [
      { priority: 1, actions: ['aws:pass'], protocols: [6], sources: [APP], destinations: [WEB], destinationPorts: [[443, 443]] },
      { priority: 2, actions: ['aws:pass'], protocols: [6], sources: [WEB], destinations: [APP], sourcePorts: [[443, 443]] },
    ];
    expect(text(read, { replyAround: true, stateless: both, statelessDefault: ['aws:drop'] })).toBe('');
    // The request handed to the stateful engine (the rest passed statelessly) is enough to need the reply there too.
    const forward: StatelessSpec = { ...both[0], actions: ['aws:forward_to_sfe'] };
    expect(text(read, { replyAround: true, rules: PASS_FLOW, stateless: [forward], statelessDefault: ['aws:pass'] })).toMatch(/asymmetric routing/);
    expect(text(read, { rules: PASS_FLOW, stateless: [forward], statelessDefault: ['aws:pass'] })).toBe('');
  });

  test('a firewall on one direction\'s path only: its stateless rules are judged on that direction, not on the one that does not cross it', () => {
    const request: StatelessSpec = { priority: 1, actions: ['aws:pass'], protocols: [6], sources: [APP], destinations: [WEB], destinationPorts: [[443, 443]] };
    const reply: StatelessSpec = { priority: 2, actions: ['aws:pass'], protocols: [6], sources: [WEB], destinations: [APP], sourcePorts: [[443, 443]] };
    // The request crosses the firewall, the replies go around it: the stateless default drop would meet only replies that are not there.
    expect(text(read, { replyAround: true, stateless: [request], statelessDefault: ['aws:drop'] })).toBe('');
    // The replies cross the firewall, the requests are delivered around it: only the replies meet its stateless rules.
    expect(text(read, { requestAround: true, stateless: [reply], statelessDefault: ['aws:drop'] })).toBe('');
    // The direction that crosses is still judged: the replies crossing it meet the stateless default drop.
    expect(text(read, { requestAround: true, stateless: [request], statelessDefault: ['aws:drop'] })).toMatch(
      /firewall \S*[Ff]w drops the flow: the reply \(tcp 32768-65535 from 10\.2\.1\.10\/32 to 10\.1\.1\.10\/32\): dropped by the stateless default actions \(aws:drop\)/);
    expect(text(read, { replyAround: true, stateless: [reply], statelessDefault: ['aws:drop'] })).toMatch(
      /firewall \S*[Ff]w drops the flow: the request \(tcp 443 from 10\.1\.1\.10\/32 to 10\.2\.1\.10\/32\): dropped by the stateless default actions \(aws:drop\)/);
    // A reply that crosses the firewall forwarded to its stateful engine, whose request went around it: asymmetric, its
    // stateful engine meets the reply without the request (below).
    const forward: StatelessSpec = { ...reply, actions: ['aws:forward_to_sfe'] };
    expect(text(read, { requestAround: true, rules: PASS_FLOW, stateless: [forward], statelessDefault: ['aws:drop'] })).toMatch(
      /firewall \S*[Ff]w drops the flow: the reply \(tcp 32768-65535 from 10\.2\.1\.10\/32 to 10\.1\.1\.10\/32\) meets its stateful engine without the request \(asymmetric routing\)/);
  });

  test('a reply that meets the firewall without its request (the request around it) is judged as the firewall sees it, not on the request\'s header', () => {
    // AWS Network Firewall does not support asymmetric routing (asymmetric-routing.html): its stateful engine meets the
    // reply's packets (source = the server) with no connection begun. TCP: a connection broken midstream, which the stream
    // exception policy DROP (AWS's default) or REJECT drops whatever the rules pass (stream-exception-policy.html).
    const reply = 'the reply \\(tcp 32768-65535 from 10\\.2\\.1\\.10\\/32 to 10\\.1\\.1\\.10\\/32\\)';
    const midstream = (policy: string) => new RegExp(`firewall \\S*[Ff]w drops the flow: ${reply} meets its stateful engine without the request \\(asymmetric `
      + `routing\\): a TCP connection it did not see begin, which its stream exception policy ${policy} drops as one broken midstream`);
    expect(text(read, { requestAround: true, rules: PASS_FLOW })).toMatch(midstream('DROP \\(AWS\'s default\\)'));
    expect(text(read, { requestAround: true, rules: PASS_FLOW, streamException: 'REJECT' })).toMatch(midstream('REJECT'));
    expect(flow1(read, { requestAround: true, rules: PASS_FLOW })[0].ja!.message).toMatch(
      /ファイアウォール \S*[Ff]w がこの通信を破棄する: 応答（10\.2\.1\.10\/32 から 10\.1\.1\.10\/32 への tcp 32768-65535）が要求なしにステートフルエンジンに届く（非対称ルーティング）: 開始を見ていない TCP 接続で、ストリーム例外ポリシー DROP（AWS の既定）が途中で切れた接続として破棄する/);
    // Not the request's header, which the firewall never sees.
    expect(text(read, { requestAround: true })).not.toMatch(/no rule passes the request/);
    expect(text(read, { requestAround: true, streamException: 'unread' })).toMatch(new RegExp(`firewall \\S*[Ff]w is not shown to pass the flow: ${reply} meets `
      + 'its stateful engine without the request \\(asymmetric routing\\): a TCP connection it did not see begin, and what its stream exception policy \\(a value '
      + 'the guard cannot read\\) does with one broken midstream cannot be told \\(fail closed\\)'));
    // CONTINUE: the rules judge the reply's own header. The request's pass rule does not hold it: the default drops it.
    expect(text(read, { requestAround: true, rules: PASS_FLOW, streamException: 'CONTINUE' })).toMatch(new RegExp('firewall \\S*[Ff]w drops the flow: no rule '
      + `passes ${reply}, which its stateful engine meets without the request \\(asymmetric routing\\) and judges by its own header, and the stateful default `
      + 'action aws:drop_strict drops it'));
    // A pass rule on the reply's header passes it; asymmetric routing is still refused (AWS does not support it: fail closed).
    const passReply = 'pass tcp 10.2.1.10 443 -> 10.1.1.10 any (sid:1;)';
    const found = text(read, { requestAround: true, rules: passReply, streamException: 'CONTINUE' });
    expect(found).toMatch(/firewall \S*[Ff]w, whose stateful engine judges the flow, is on the reply's path but not on the request's, so it does not see the connection both ways \(asymmetric routing\): its rules pass the reply by the reply's own header, but Network Firewall does not support asymmetric routing \(fail closed\)/);
    expect(found).not.toMatch(/drops the flow/);
    expect(flow1(read, { requestAround: true, rules: passReply, streamException: 'CONTINUE' })[0].ja!.message).toMatch(
      /が応答の経路にはあるが要求の経路になく、接続を両方向で見られない（非対称ルーティング）: ルールは応答をそれ自身のヘッダーで通すが、Network Firewall は非対称ルーティングをサポートしない（フェイルクローズ）/);
    expect(flow1(read, { requestAround: true, rules: PASS_FLOW, streamException: 'CONTINUE' })[0].ja!.message).toMatch(
      /ステートフルエンジンが要求なしに受け取り（非対称ルーティング）、それ自身のヘッダーで判断する応答（.*）を通すルールがなく、ステートフルのデフォルトアクション aws:drop_strict が破棄する/);
    // A rule only for packets to the server may match the reply's first packet (the engine may take it for the client's).
    expect(text(read, { requestAround: true, rules: `drop tcp 10.2.1.0/24 any -> any any (flow:to_server; sid:2;)\n${passReply}`, streamException: 'CONTINUE' }))
      .toMatch(new RegExp(`firewall \\S*[Ff]w is not shown to pass the flow: ${reply}: rule group \\S*'s rule "drop tcp 10\\.2\\.1\\.0/24 .*" may or may not match them`));
    // The request through the firewall too: judged on the request as before.
    expect(text(read, { rules: passReply, streamException: 'CONTINUE' })).toMatch(/firewall \S*[Ff]w drops the flow: no rule passes the request/);
  });

  test('a UDP reply met without its request is the first datagram of a flow of its own: the stateful rules judge its header (no stream to break)', () => {
    const udp: DeclaredFlow = { ...FLOW, ports: [{ protocol: 'udp', fromPort: 514, toPort: 514 }] };
    expect(text(read, { requestAround: true, rules: 'pass udp 10.1.1.10 any -> 10.2.1.10 514 (sid:1;)' }, udp)).toMatch(
      /firewall \S*[Ff]w drops the flow: no rule passes the reply \(udp 32768-65535 from 10\.2\.1\.10\/32 to 10\.1\.1\.10\/32\), which its stateful engine meets without the request \(asymmetric routing\) and judges by its own header, and the stateful default action aws:drop_strict drops it/);
    const passReply = text(read, { requestAround: true, rules: 'pass udp 10.2.1.10 514 -> 10.1.1.10 any (sid:1;)' }, udp);
    expect(passReply).toMatch(/its rules pass the reply by the reply's own header, but Network Firewall does not support asymmetric routing \(fail closed\)/);
    expect(passReply).not.toMatch(/drops the flow/);
  });

  test('a domain allow-list ahead of the pass rule decides a TCP flow by host name, which the declared flow does not give: not shown open', () => {
    // Its generated rules match from $HOME_NET (the firewall VPC's block by default, which does not hold the client) to $EXTERNAL_NET.
    expect(text(read, { allowList: true, rules: PASS_FLOW })).toBe('');
    expect(text(read, { allowList: true, rules: PASS_FLOW, homeNet: ['10.1.0.0/16'] })).toMatch(
      /firewall \S*[Ff]w is not shown to pass the flow: the request .*: rule group \S*[Aa]llow, a domain list \(ALLOWLIST\) deciding TLS and HTTP by host name \(which the declared flow does not give\), may or may not match them/);
    // A UDP flow is neither TLS nor HTTP: the allow-list does not judge it, the pass rule does.
    const udp: DeclaredFlow = { ...FLOW, ports: [{ protocol: 'udp', fromPort: 514, toPort: 514 }] };
    expect(text(read, { allowList: true, homeNet: ['10.1.0.0/16'], rules: 'pass udp 10.1.1.10 any -> 10.2.1.10 514 (sid:1;)' }, udp)).not.toMatch(/firewall/);
  });

  test('an AWS managed threat signature group ahead of the pass rule does not block the clean flow', () => {
    expect(text(read, { managed: true, rules: PASS_FLOW })).toBe('');
  });

  test('a Gateway Load Balancer endpoint on the path: its appliances are not read, the flow is not shown open', () => {
    expect(text(read, { gwlb: true })).toMatch(/the flow passes Gateway Load Balancer endpoint \S*(gwlb|Gwlb), and the appliances behind it decide by rules the guard cannot read/);
  });

  test('the Japanese message names the firewall too', () => {
    const ja = flow1(read, {})[0].ja!.message;
    expect(ja).toMatch(/ファイアウォール \S*[Ff]w がこの通信を破棄する: 要求を通すルールがなく、ステートフルのデフォルトアクション aws:drop_strict が破棄する/);
  });
});
