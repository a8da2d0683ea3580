/**
 * FLOW-1 proves a declared flow OPEN, so it needs what surely arrives (an under-approximation), where the forbidden-path
 * rules need every packet that may arrive. The NACL cases where the two differ, in both engines (outside tester, red team
 * 39): the sender's own NACL when its subnet is also the transit gateway attachment subnet, attachment subnets in other
 * Availability Zones, and a subnet with two NACL associations.
 *
 * Topology: My Number VPC 10.1/16 (attachment subnet `mn` 10.1.1.0/24, AZ a) ↔ Internet VPC 10.2/16 (attachment subnet
 * `inet` 10.2.1.0/24) over a transit gateway with one route table per attachment; the web host is 10.2.1.10.
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { DeclaredFlow } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding, formatFinding } from '../../src/guard/rule';

/** What a case adds to the base topology, engine-neutral. */
interface Spec {
  /** The app host's block (a /32 in `mn` or `app`). */
  readonly src: string;
  /** An app subnet 10.1.2.0/24 beside the attachment subnet, on the same route table (AZ given). */
  readonly app?: string;
  /** A second attachment subnet 10.1.3.0/24 in this AZ. */
  readonly second?: string;
  /** The AZ of the attachment subnet `mn` (default ap-northeast-1a). */
  readonly mnAz?: string;
  /** NACLs: entries per direction, and the subnets (mn, app, second) each is associated with. */
  readonly nacls?: { name: string; subnets: string[]; egress: Entry[]; ingress: Entry[] }[];
  /** A route from the My Number table to the Internet VPC (the forbidden path) and back: on by default. */
  readonly routes?: boolean;
}

interface Entry { rule: number; allow: boolean; cidr: string; protocol: 'tcp' | 'all'; port?: number }

const ALLOW_ALL = (rule: number): Entry => ({ rule, allow: true, cidr: '0.0.0.0/0', protocol: 'all' });
const DENY = (rule: number, cidr: string, port?: number): Entry => ({ rule, allow: false, cidr, protocol: port === undefined ? 'all' : 'tcp', port });

const WEB = '10.2.1.10/32';

const flow = (src: string): DeclaredFlow => ({
  name: 'app-to-web',
  kind: 'SPECIFIC_COMMUNICATION',
  from: { name: 'mn-app', zone: 'MY_NUMBER', cidrs: [src] },
  to: { name: 'inet-web', zone: 'INTERNET', cidrs: [WEB] },
  ports: [{ protocol: 'tcp', fromPort: 443, toPort: 443 }],
});

const SUBNETS: Record<string, string> = { mn: '10.1.1.0/24', app: '10.1.2.0/24', second: '10.1.3.0/24' };

/** An Availability Zone the guard cannot read: a data source / Fn::GetAZs pick, as env-agnostic code writes it. */
const UNREAD_AZ = 'unread';
const tfAz = (az: string) => (az === UNREAD_AZ ? '${data.aws_availability_zones.all.names[0]}' : az);
const cfnAz = (az: string) => (az === UNREAD_AZ ? { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } : az);

function terraform(spec: Spec): any {
  const seg = (s: string) => ({ 'jichitai:segment': s });
  const tgw = '${aws_ec2_transit_gateway.t.id}';
  const subnet: Record<string, any> = {
    mn: { vpc_id: '${aws_vpc.mn.id}', cidr_block: SUBNETS.mn, availability_zone: tfAz(spec.mnAz ?? 'ap-northeast-1a') },
    inet: { vpc_id: '${aws_vpc.inet.id}', cidr_block: '10.2.1.0/24', availability_zone: 'ap-northeast-1a' },
  };
  const assoc: Record<string, any> = {
    mn: { subnet_id: '${aws_subnet.mn.id}', route_table_id: '${aws_route_table.mn.id}' },
    inet: { subnet_id: '${aws_subnet.inet.id}', route_table_id: '${aws_route_table.inet.id}' },
  };
  for (const [name, az] of [['app', spec.app], ['second', spec.second]] as const) {
    if (az === undefined) continue;
    subnet[name] = { vpc_id: '${aws_vpc.mn.id}', cidr_block: SUBNETS[name], availability_zone: tfAz(az) };
    assoc[name] = { subnet_id: `\${aws_subnet.${name}.id}`, route_table_id: '${aws_route_table.mn.id}' };
  }
  const entry = (e: Entry) => ({
    protocol: e.protocol === 'all' ? '-1' : 'tcp',
    rule_no: e.rule,
    action: e.allow ? 'allow' : 'deny',
    cidr_block: e.cidr,
    from_port: e.port ?? 0,
    to_port: e.port ?? 0,
  });
  const acls: Record<string, any> = {};
  const aclAssoc: Record<string, any> = {};
  for (const n of spec.nacls ?? []) {
    acls[n.name] = { vpc_id: '${aws_vpc.mn.id}', egress: n.egress.map(entry), ingress: n.ingress.map(entry) };
    // Separate associations: one subnet may be named by two of them (a NACL's subnet_ids would conflict).
    for (const s of n.subnets) aclAssoc[`${n.name}_${s}`] = { network_acl_id: `\${aws_network_acl.${n.name}.id}`, subnet_id: `\${aws_subnet.${s}.id}` };
  }
  return {
    resource: {
      aws_vpc: { mn: { cidr_block: '10.1.0.0/16', tags: seg('MY_NUMBER') }, inet: { cidr_block: '10.2.0.0/16', tags: seg('INTERNET') } },
      aws_subnet: subnet,
      aws_route_table: { mn: { vpc_id: '${aws_vpc.mn.id}' }, inet: { vpc_id: '${aws_vpc.inet.id}' } },
      aws_route_table_association: assoc,
      ...spec.routes === false ? {} : {
        aws_route: {
          mn: { route_table_id: '${aws_route_table.mn.id}', destination_cidr_block: '10.2.0.0/16', transit_gateway_id: tgw },
          inet: { route_table_id: '${aws_route_table.inet.id}', destination_cidr_block: '10.1.0.0/16', transit_gateway_id: tgw },
        },
      },
      ...spec.nacls ? { aws_network_acl: acls, aws_network_acl_association: aclAssoc } : {},
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
          subnet_ids: ['${aws_subnet.mn.id}', ...spec.second ? ['${aws_subnet.second.id}'] : []],
          transit_gateway_default_route_table_association: false,
          transit_gateway_default_route_table_propagation: false,
        },
        inet: {
          transit_gateway_id: tgw,
          vpc_id: '${aws_vpc.inet.id}',
          subnet_ids: ['${aws_subnet.inet.id}'],
          transit_gateway_default_route_table_association: false,
          transit_gateway_default_route_table_propagation: false,
        },
      },
      aws_security_group: {
        app: { vpc_id: '${aws_vpc.mn.id}', tags: { 'jichitai:host': 'mn-app' }, egress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [WEB] }] },
        web: { vpc_id: '${aws_vpc.inet.id}', tags: { 'jichitai:host': 'inet-web' }, ingress: [{ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: [spec.src] }] },
      },
    },
  };
}

function cloudFormation(spec: Spec): any {
  const tags = (k: string, v: string) => [{ Key: k, Value: v }];
  const ref = (id: string) => ({ Ref: id });
  const r: Record<string, any> = {
    MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: tags('jichitai:segment', 'MY_NUMBER') } },
    InVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.2.0.0/16', Tags: tags('jichitai:segment', 'INTERNET') } },
    mn: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('MnVpc'), CidrBlock: SUBNETS.mn, AvailabilityZone: cfnAz(spec.mnAz ?? 'ap-northeast-1a') } },
    inet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('InVpc'), CidrBlock: '10.2.1.0/24', AvailabilityZone: 'ap-northeast-1a' } },
    MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('MnVpc') } },
    InRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('InVpc') } },
    MnAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: ref('MnRt'), SubnetId: ref('mn') } },
    InAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: ref('InRt'), SubnetId: ref('inet') } },
    Tgw: { Type: 'AWS::EC2::TransitGateway', Properties: { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable' } },
    MnAtt: {
      Type: 'AWS::EC2::TransitGatewayAttachment',
      Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('MnVpc'), SubnetIds: [ref('mn'), ...spec.second ? [ref('second')] : []] },
    },
    InAtt: { Type: 'AWS::EC2::TransitGatewayAttachment', Properties: { TransitGatewayId: ref('Tgw'), VpcId: ref('InVpc'), SubnetIds: [ref('inet')] } },
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
    AppSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'app',
        VpcId: ref('MnVpc'),
        Tags: tags('jichitai:host', 'mn-app'),
        SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: WEB }],
      },
    },
    WebSg: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web',
        VpcId: ref('InVpc'),
        Tags: tags('jichitai:host', 'inet-web'),
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: spec.src }],
      },
    },
  };
  if (spec.routes !== false) {
    r.MnRoute = { Type: 'AWS::EC2::Route', DependsOn: 'MnAtt', Properties: { RouteTableId: ref('MnRt'), DestinationCidrBlock: '10.2.0.0/16', TransitGatewayId: ref('Tgw') } };
    r.InRoute = { Type: 'AWS::EC2::Route', DependsOn: 'InAtt', Properties: { RouteTableId: ref('InRt'), DestinationCidrBlock: '10.1.0.0/16', TransitGatewayId: ref('Tgw') } };
  }
  for (const [name, az] of [['app', spec.app], ['second', spec.second]] as const) {
    if (az === undefined) continue;
    r[name] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('MnVpc'), CidrBlock: SUBNETS[name], AvailabilityZone: cfnAz(az) } };
    r[`${name}Assoc`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: ref('MnRt'), SubnetId: ref(name) } };
  }
  for (const n of spec.nacls ?? []) {
    r[n.name] = { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: ref('MnVpc') } };
    for (const [egress, list] of [[true, n.egress], [false, n.ingress]] as const) {
      for (const e of list) {
        r[`${n.name}${egress ? 'Out' : 'In'}${e.rule}`] = {
          Type: 'AWS::EC2::NetworkAclEntry',
          Properties: {
            NetworkAclId: ref(n.name),
            RuleNumber: e.rule,
            Egress: egress,
            RuleAction: e.allow ? 'allow' : 'deny',
            CidrBlock: e.cidr,
            Protocol: e.protocol === 'all' ? -1 : 6,
            ...e.port === undefined ? {} : { PortRange: { From: e.port, To: e.port } },
          },
        };
      }
    }
    for (const s of n.subnets) {
      r[`${n.name}Assoc${s}`] = { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { NetworkAclId: ref(n.name), SubnetId: ref(s) } };
    }
  }
  return { Resources: r };
}

const ENGINES = [
  ['Terraform', (spec: Spec) => extractTerraform({ t: terraform(spec) })],
  ['CloudFormation', (spec: Spec) => extractCloudFormation({ S: cloudFormation(spec) })],
] as const;

function findings(read: (spec: Spec) => ReturnType<typeof extractTerraform>, spec: Spec): Finding[] {
  return checkTopology(read(spec), { model: NetworkModel.ALPHA }, { flows: [flow(spec.src)] });
}
const flow1 = (read: (spec: Spec) => ReturnType<typeof extractTerraform>, spec: Spec) =>
  findings(read, spec).filter((f) => f.ruleId === 'FLOW-1').map(formatFinding).join('\n');
/** The forbidden-path findings of a path out of the My Number subnet `mn` toward the Internet segment (MN-2). */
const mnOut = (read: (spec: Spec) => ReturnType<typeof extractTerraform>, spec: Spec) =>
  findings(read, spec).filter((f) => f.ruleId === 'MN-2' && /^a My Number subnet reaches subnet \S*inet\b/.test(formatFinding(f).split(': ').slice(1).join(': '))).length;

describe.each(ENGINES)('FLOW-1 counts only the NACL verdicts that surely let the flow through (%s)', (_, read) => {
  test('control: no NACL of its own, the flow from the attachment subnet is shown open (and MN-2 sees the forbidden path)', () => {
    expect(flow1(read, { src: '10.1.1.10/32' })).toBe('');
    expect(mnOut(read, { src: '10.1.1.10/32' })).toBeGreaterThan(0);
  });

  test('control: a host in a subnet of its own whose NACL denies tcp 443 out is reported', () => {
    const spec: Spec = { src: '10.1.2.10/32', app: 'ap-northeast-1a', nacls: [{ name: 'appacl', subnets: ['app'], egress: [DENY(10, WEB, 443), ALLOW_ALL(100)], ingress: [ALLOW_ALL(100)] }] };
    expect(flow1(read, spec)).toMatch(/FLOW-1 error .*the request \(tcp 443\) from 10\.1\.2\.10\/32 to 10\.2\.1\.10\/32 is dropped by the outbound entries of/);
  });
});

describe.each(ENGINES)('the sender in the transit gateway attachment subnet: its NACL counts both ways (%s)', (_, read) => {
  // AWS Transit Gateway guide, "Network ACLs for transit gateways" (tgw-nacls.html), "Same subnet for EC2 instances and
  // transit gateway association": for traffic from the instances to the transit gateway, the subnet's outbound rules are
  // evaluated on the destination address and its inbound rules on the source address.
  test('its outbound entries deny tcp 443 to the web host: FLOW-1 reports the NACL', () => {
    const spec: Spec = { src: '10.1.1.10/32', nacls: [{ name: 'mnacl', subnets: ['mn'], egress: [DENY(10, WEB, 443), ALLOW_ALL(100)], ingress: [ALLOW_ALL(100)] }] };
    expect(flow1(read, spec)).toMatch(/the request \(tcp 443\) from 10\.1\.1\.10\/32 to 10\.2\.1\.10\/32 is dropped by the outbound entries of \S*mnacl/);
  });

  test('its inbound entries deny the host itself as a source: FLOW-1 reports the NACL', () => {
    const spec: Spec = { src: '10.1.1.10/32', nacls: [{ name: 'mnacl', subnets: ['mn'], egress: [ALLOW_ALL(100)], ingress: [DENY(10, '10.1.1.10/32'), ALLOW_ALL(100)] }] };
    expect(flow1(read, spec)).toMatch(/the request \(tcp 443\) from 10\.1\.1\.10\/32 to 10\.2\.1\.10\/32 is dropped by the inbound entries of \S*mnacl/);
  });

  test('the reply from the gateway into the same subnet passes no NACL: an inbound deny of the web host does not stop it', () => {
    // Same page: for traffic from the transit gateway to the instances, neither direction's rules are evaluated. The
    // request's source is the app host, which this NACL lets in; only the reply's source (the web host) is denied.
    const spec: Spec = { src: '10.1.1.10/32', nacls: [{ name: 'mnacl', subnets: ['mn'], egress: [ALLOW_ALL(100)], ingress: [DENY(10, WEB), ALLOW_ALL(100)] }] };
    expect(flow1(read, spec)).toBe('');
  });

  test('the forbidden-path walk counts it too: a NACL denying everything out of the attachment subnet closes MN-2\'s path', () => {
    const spec: Spec = { src: '10.1.1.10/32', nacls: [{ name: 'mnacl', subnets: ['mn'], egress: [], ingress: [ALLOW_ALL(100)] }] };
    expect(mnOut(read, spec)).toBe(0);
    // Opened again, the path is there: the test can fail.
    expect(mnOut(read, { ...spec, nacls: [{ ...spec.nacls![0], egress: [ALLOW_ALL(100)] }] })).toBeGreaterThan(0);
  });
});

describe.each(ENGINES)('attachment subnets in several Availability Zones: FLOW-1 takes the one in the sender\'s zone (%s)', (_, read) => {
  // AWS Transit Gateway guide, "Amazon VPC attachments" (tgw-vpc-attachments.html), Limits: traffic is forwarded to the
  // transit gateway only when the attachment has a subnet in the same Availability Zone. The app subnet is in AZ a.
  const denyApp = (subnets: string[]) => [{ name: 'tgwacl', subnets, egress: [ALLOW_ALL(100)], ingress: [DENY(10, SUBNETS.app), ALLOW_ALL(100)] }];
  const spec = (over: Partial<Spec> = {}): Spec => ({ src: '10.1.2.10/32', app: 'ap-northeast-1a', second: 'ap-northeast-1c', ...over });

  test('control: both attachment subnets let the app subnet in, the flow is shown open', () => {
    expect(flow1(read, spec())).toBe('');
  });

  test('the attachment subnet of AZ a denies the app subnet in: FLOW-1 reports it, though the one of AZ c lets it in', () => {
    expect(flow1(read, spec({ nacls: denyApp(['mn']) }))).toMatch(/the request \(tcp 443\) from 10\.1\.2\.10\/32 to 10\.2\.1\.10\/32 is dropped by the inbound entries of \S*tgwacl \(subnet \S*mn\)/);
  });

  test('the attachment subnet of AZ c denies it, the one of AZ a (the sender\'s) lets it in: the flow is shown open', () => {
    expect(flow1(read, spec({ nacls: denyApp(['second']) }))).toBe('');
  });

  test('the forbidden-path walk keeps the union: either attachment subnet may carry the app subnet\'s packets', () => {
    const outOfApp = (s: Spec) => findings(read, s).filter((f) => f.ruleId === 'MN-2' && /^a My Number subnet reaches/.test(f.message) && /app\b/.test(f.path)).length;
    expect(outOfApp(spec({ nacls: denyApp(['mn']) }))).toBeGreaterThan(0);
    // Both closed: no path out of the app subnet (the check above could fail).
    expect(outOfApp(spec({ nacls: denyApp(['mn', 'second']) }))).toBe(0);
  });

  test('an Availability Zone the guard cannot read: every attachment subnet must let the flow through', () => {
    expect(flow1(read, spec({ app: UNREAD_AZ, nacls: denyApp(['second']) }))).toMatch(/is dropped by the inbound entries of \S*tgwacl \(subnet \S*second\)/);
    expect(flow1(read, spec({ second: UNREAD_AZ, nacls: denyApp(['second']) }))).toMatch(/is dropped by the inbound entries of \S*tgwacl \(subnet \S*second\)/);
    expect(flow1(read, spec({ app: UNREAD_AZ }))).toBe('');
  });

  test('no attachment subnet in the sender\'s Availability Zone: nothing reaches the gateway, FLOW-1 says so', () => {
    expect(flow1(read, spec({ app: 'ap-northeast-1d' }))).toMatch(
      /the request \(tcp 443\) from 10\.1\.2\.10\/32 to 10\.2\.1\.10\/32 is dropped by attachment \S*(mn|MnAtt), which has no subnet in ap-northeast-1d \(the Availability Zone of subnet \S*app\)/);
    const ja = findings(read, spec({ app: 'ap-northeast-1d' })).find((f) => f.ruleId === 'FLOW-1')!.ja!.message;
    expect(ja).toMatch(/アタッチメント \S+（サブネット \S*app のアベイラビリティーゾーン ap-northeast-1d にアタッチメントのサブネットがない） で破棄される/);
  });
});

describe.each(ENGINES)('a subnet associated with two NACLs: FLOW-1 counts what both let through (%s)', (_, read) => {
  // A subnet has one network ACL at a time (Amazon VPC user guide, "Network ACL basics"); two associations of one subnet
  // replace each other, the one applied last wins, and nothing in the output fixes which that is.
  const OPEN = { name: 'openacl', subnets: ['app'], egress: [ALLOW_ALL(100)], ingress: [ALLOW_ALL(100)] };
  const CLOSED = { name: 'closedacl', subnets: ['app'], egress: [], ingress: [] };
  const spec = (nacls: Spec['nacls']): Spec => ({ src: '10.1.2.10/32', app: 'ap-northeast-1a', nacls });

  test('control: two open NACLs, the flow is shown open', () => {
    expect(flow1(read, spec([OPEN, { ...OPEN, name: 'openacl2' }]))).toBe('');
  });

  test('one of them denies everything: FLOW-1 reports it, naming the subnet\'s several NACLs', () => {
    const found = findings(read, spec([OPEN, CLOSED])).filter((f) => f.ruleId === 'FLOW-1');
    expect(found.map(formatFinding).join('\n')).toMatch(new RegExp('the request \\(tcp 443\\) from 10\\.1\\.2\\.10/32 to 10\\.2\\.1\\.10/32 is dropped by the outbound entries of '
      + '\\S*(openacl, \\S*closedacl|closedacl, \\S*openacl) \\(subnet \\S*app, associated with several network ACLs: AWS applies one of them, the association made last\\)'));
    expect(found[0].ja!.message).toMatch(/のアウトバウンドエントリ（サブネット \S*app。複数のネットワーク ACL に関連付けられており、AWS はそのうち最後に関連付けた一つだけを適用する） で破棄される/);
  });

  test('the forbidden-path walk keeps the union: either NACL may be the one applied', () => {
    const outOfApp = (s: Spec) => findings(read, s).filter((f) => f.ruleId === 'MN-2' && /^a My Number subnet reaches/.test(f.message) && /app\b/.test(f.path)).length;
    expect(outOfApp(spec([OPEN, CLOSED]))).toBeGreaterThan(0);
    expect(outOfApp(spec([CLOSED, { ...CLOSED, name: 'closedacl2' }]))).toBe(0);
  });
});
