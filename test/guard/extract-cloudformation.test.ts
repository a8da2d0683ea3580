import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { alphaPrime } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { nodesOf, RouteTarget, rulesOf } from '../../src/guard/graph';
import { normalise } from '../../src/guard/normalise';
import { NetworkModel } from '../../src/model/network-model';
import { untouchedCdk } from '../support/untouched';

function graphOf(build?: (stack: Stack) => void) {
  if (!build) {
    // The example as it is: synthesized once per test run (test/support/untouched.ts).
    const untouched = untouchedCdk('alpha-prime');
    return extractCloudFormation({ [untouched.stackName]: untouched.template });
  }
  const app = new App();
  const { stack } = buildCdkExample('alpha-prime', app);
  build(stack);
  // These tests look at the graph of changes the guard would refuse, so its validation is skipped here.
  return extractCloudFormation({ [stack.stackName]: app.synth({ skipValidation: true }).getStackByName(stack.stackName).template });
}

describe('CloudFormation extractor', () => {
  test('the α′ example resolves completely: every VPC and subnet is labelled, nothing is unresolved', () => {
    const g = graphOf();
    expect(g.unresolved).toEqual([]);
    expect(nodesOf(g, 'vpc').map((v) => v.segment).sort()).toEqual(['INTERNET', 'LGWAN', 'MY_NUMBER']);
    // (The subnets outside the output, semantics §2, have their VPC's segment and no label of their own.)
    expect(nodesOf(g, 'subnet').filter((s) => s.segment === undefined && !s.outside)).toEqual([]);
  });

  test('firewall endpoints behind Fn::Select/Fn::Split are recognised, and the VPN attachment is followed through the look-up', () => {
    const n = normalise(graphOf());
    const lgwanWorkload = n.routeTables.filter((t) => t.segment === 'LGWAN' && t.routes.some((r) => r.target === RouteTarget.FIREWALL_ENDPOINT));
    expect(lgwanWorkload.length).toBeGreaterThan(0);
    for (const t of lgwanWorkload) {
      for (const r of t.routes.filter((x) => x.target === RouteTarget.FIREWALL_ENDPOINT)) expect(r.via).toMatch(/^firewall in 10\./);
    }
    const lgwanTable = n.transitRouteTables.find((t) => t.associations.includes('LGWAN'))!;
    // The declared LGWAN-ASP hosts go to the WAN's VPN attachment; the rest of the WAN is blackholed (LG-3).
    for (const host of alphaPrime.hosts!.filter((h) => h.zone === 'LGWAN_WAN' && alphaPrime.flows!.some((f) => f.kind === 'LGWAN_ASP' && [f.from, f.to].includes(h.name)))) {
      for (const c of host.cidrs) expect(lgwanTable.routes).toContainEqual({ destination: c, target: 'vpn:LGWAN_WAN' });
    }
    for (const wan of alphaPrime.lgwan.wanCidrs) {
      expect(lgwanTable.routes).toContainEqual({ destination: wan, target: 'blackhole' });
    }
  });

  test('the normalised firewall domain list is the blueprint\'s allow-list (Network Firewall syntax)', () => {
    const n = normalise(graphOf());
    const expected = [...new Set(alphaPrime.breakout!.services.flatMap((s) => s.service.domains).map((d) => (d.startsWith('*.') ? d.slice(1) : d)))].sort();
    expect(n.firewalls.length).toBeGreaterThan(0);
    // The TLS SNI list holds every service; the HTTP Host list only the update services that declare port 80 (AP-5).
    const cleartext = [...new Set(alphaPrime.breakout!.services.filter((s) => (s.service.ports ?? []).some((p) => p.fromPort === 80))
      .flatMap((s) => s.service.domains).map((d) => (d.startsWith('*.') ? d.slice(1) : d)))].sort();
    for (const f of n.firewalls) expect(f.domainLists.map((l) => [l.targetTypes, l.targets])).toEqual([[['TLS_SNI'], expected], [['HTTP_HOST'], cleartext]]);
  });

  test('resources a user adds by hand, and property overrides, are what the graph shows', () => {
    const g = graphOf((stack) => {
      const igw = new ec2.CfnInternetGateway(stack, 'HandMadeIgw');
      const lgwanTable = stack.node.findAll().find((c) => c.node.path.endsWith('Lgwan/RouteTable-workload-1')) as ec2.CfnRouteTable;
      const route = new ec2.CfnRoute(stack, 'HandMadeRoute', { routeTableId: lgwanTable.ref, destinationCidrBlock: '198.51.100.0/24', transitGatewayId: 'tgw-0123456789abcdef0' });
      // Re-point the route through an override: the graph must follow the override, not the props.
      route.addPropertyOverride('TransitGatewayId', undefined);
      route.addPropertyOverride('GatewayId', igw.ref);
    });
    const table = nodesOf(g, 'route-table').find((t) => t.routes.some((r) => r.source === 'HandMadeRoute'))!;
    const route = table.routes.find((r) => r.source === 'HandMadeRoute')!;
    expect(route).toMatchObject({ destination: '198.51.100.0/24', target: RouteTarget.INTERNET_GATEWAY, ref: { kind: 'node', id: 'HandMadeIgw' } });
  });

  test('a value known only at deploy time is reported as unresolved, with where it was', () => {
    const g = graphOf((stack) => {
      const vpc = stack.node.findAll().find((c) => c.node.path.endsWith('MyNumber/Vpc')) as ec2.CfnVPC;
      const param = new CfnParameter(stack, 'Target', { type: 'String' });
      const table = new ec2.CfnRouteTable(stack, 'ParamTable', { vpcId: vpc.ref });
      new ec2.CfnRoute(stack, 'ParamRoute', { routeTableId: table.ref, destinationCidrBlock: '0.0.0.0/0', gatewayId: param.valueAsString });
    });
    expect(g.unresolved).toContainEqual({ node: 'ParamRoute', property: 'GatewayId', reason: expect.stringMatching(/template parameter Target/) });
  });

  test('several stacks of one app are read together, their ids prefixed by stack', () => {
    const app = new App();
    const { stack } = buildCdkExample('alpha', app);
    const other = new Stack(app, 'Other');
    new ec2.CfnVPC(other, 'Extra', { enableDnsSupport: false, cidrBlock: '192.168.0.0/24' });
    const g = extractCloudFormation({ [stack.stackName]: Template.fromStack(stack).toJSON(), Other: Template.fromStack(other).toJSON() });
    const extra = nodesOf(g, 'vpc').find((v) => v.id === 'Other/Extra');
    expect(extra).toMatchObject({ cidr: '192.168.0.0/24', segment: undefined });
    expect(nodesOf(g, 'vpc').filter((v) => v.id.startsWith(`${stack.stackName}/`))).toHaveLength(3);
  });
});

describe('CloudFormation extractor: security groups and network ACLs', () => {
  const find = <T>(stack: Stack, suffix: string) => stack.node.findAll().find((c) => c.node.path.endsWith(suffix)) as unknown as T;

  test('the My Number NACL: entries with protocol numbers normalised, separate entries and associations joined to the ACL', () => {
    const g = graphOf();
    // Besides the VPCs' implicit default NACLs (allow-all, docs/guard-semantics.md §6).
    const explicit = nodesOf(g, 'network-acl').filter((a) => !a.default);
    const [acl] = explicit;
    expect(explicit).toHaveLength(1);
    expect(nodesOf(g, 'network-acl').filter((a) => a.default)).toHaveLength(3);
    const vpc = nodesOf(g, 'vpc').find((v) => acl.vpc.kind === 'node' && v.id === acl.vpc.id);
    expect(vpc?.segment).toBe('MY_NUMBER');
    // The plan's NACL covers the workload subnets only.
    const subnets = acl.subnets.map((id) => nodesOf(g, 'subnet').find((s) => s.id === id)!);
    expect(subnets.map((s) => [s.segment, s.tags['jichitai:subnet-role']])).toEqual([['MY_NUMBER', 'workload'], ['MY_NUMBER', 'workload']]);
    expect(acl.entries).toContainEqual({ ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '10.0.0.0/18', icmpSpecific: false });
    expect(acl.entries).toContainEqual({ ruleNumber: 110, egress: true, action: 'allow', protocol: 'tcp', cidr: '172.20.10.5/32', fromPort: 443, toPort: 443, icmpSpecific: false });
  });

  test('a group with an empty egress list keeps EC2\'s allow-all; CIDRs given as a VPC\'s CidrBlock and peer groups are read', () => {
    const g = graphOf((stack) => {
      const lgwanVpc = find<ec2.CfnVPC>(stack, 'Lgwan/Vpc');
      const other = new ec2.CfnSecurityGroup(stack, 'Other', { vpcId: lgwanVpc.ref, groupDescription: 'other', securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.0.10/32' }] });
      const group = new ec2.CfnSecurityGroup(stack, 'HandMade', {
        vpcId: lgwanVpc.ref,
        groupDescription: 'hand made',
        securityGroupIngress: [{ ipProtocol: '17', fromPort: 53, toPort: 53, cidrIp: lgwanVpc.attrCidrBlock }],
        securityGroupEgress: [],
      });
      new ec2.CfnSecurityGroupIngress(stack, 'FromOther', { groupId: group.attrGroupId, ipProtocol: 'tcp', fromPort: 22, toPort: 22, sourceSecurityGroupId: other.attrGroupId });
    });
    expect(g.unresolved).toEqual([]);
    const group = nodesOf(g, 'security-group').find((x) => x.id === 'HandMade')!;
    expect(group.ingress).toEqual([{ protocol: 'udp', fromPort: 53, toPort: 53, cidr: '10.0.64.0/18' }]);
    expect(group.egress).toEqual([{ protocol: '-1', cidr: '0.0.0.0/0' }]);
    expect(rulesOf(g, group, false)).toContainEqual({ protocol: 'tcp', fromPort: 22, toPort: 22, cidr: undefined, peerGroup: { kind: 'node', id: 'Other' }, prefixList: undefined });
  });

  test('a rule CIDR known only at deploy time is unresolved, so that the guard fails closed (GUARD-1)', () => {
    const g = graphOf((stack) => {
      const cidr = new CfnParameter(stack, 'Peer', { type: 'String' });
      new ec2.CfnSecurityGroup(stack, 'FromParameter', {
        vpcId: find<ec2.CfnVPC>(stack, 'MyNumber/Vpc').ref,
        groupDescription: 'x',
        securityGroupIngress: [{ ipProtocol: '-1', cidrIp: cidr.valueAsString }],
      });
    });
    expect(g.unresolved).toContainEqual({
      node: 'FromParameter',
      property: 'CidrIp',
      reason: expect.stringMatching(/not an address block the guard can read: it comes from template parameter Peer, known only at deploy time/),
      fix: expect.stringMatching(/write the CIDR as a literal/),
    });
  });
});

describe('an IPv6 block given to a subnet by AWS::EC2::SubnetCidrBlock', () => {
  /**
   * A My Number VPC with an IPv6 block, a VPN gateway of the security cloud on it, and a NACL that lets in IPv6 only. The
   * default NACL lets nothing in: the VPC's addresses no subnet holds (the subnet outside the output, semantics §2) use it.
   */
  const template = (block: unknown) => ({
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { EnableDnsSupport: false, CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
      V6: { Type: 'AWS::EC2::VPCCidrBlock', Properties: { VpcId: { Ref: 'Vpc' }, Ipv6CidrBlock: '2001:db8::/56' } },
      Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
      ...(block === undefined ? {} : { Block: { Type: 'AWS::EC2::SubnetCidrBlock', Properties: { SubnetId: { Ref: 'Sub' }, Ipv6CidrBlock: block } } }),
      Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
      In6: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { Ref: 'Acl' }, RuleNumber: 100, Protocol: -1, RuleAction: 'allow', Egress: false, Ipv6CidrBlock: '::/0' } },
      AclAssoc: { Type: 'AWS::EC2::SubnetNetworkAclAssociation', Properties: { SubnetId: { Ref: 'Sub' }, NetworkAclId: { Ref: 'Acl' } } },
      Vgw: { Type: 'AWS::EC2::VPNGateway', Properties: { Type: 'ipsec.1', Tags: [{ Key: 'jichitai:zone', Value: 'SECURITY_CLOUD' }] } },
      Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, VpnGatewayId: { Ref: 'Vgw' } } },
      DefaultIn: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { 'Fn::GetAtt': ['Vpc', 'DefaultNetworkAcl'] }, RuleNumber: 10, Protocol: -1, RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' } },
      DefaultIn6: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { NetworkAclId: { 'Fn::GetAtt': ['Vpc', 'DefaultNetworkAcl'] }, RuleNumber: 11, Protocol: -1, RuleAction: 'deny', Egress: false, Ipv6CidrBlock: '::/0' } },
    },
  });
  const mn1 = (block: unknown) => checkTopology(extractCloudFormation({ S: template(block) }), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'MN-1').map((f) => f.message);

  test('the subnet holds the block: IPv6 from the security cloud arrives there (MN-1); without the block nothing does', () => {
    expect(mn1(undefined)).toEqual([]);
    expect(mn1('2001:db8::/64')).toEqual([expect.stringMatching(/entering from the security cloud \(SECURITY_CLOUD\) reaches this My Number subnet \(2001:db8::\/64\)/)]);
    const g = extractCloudFormation({ S: template('2001:db8::/64') });
    expect(nodesOf(g, 'subnet')[0]).toMatchObject({ ipv6Cidr: '2001:db8::/64' });
  });

  test('a block the guard cannot read (Fn::Cidr of the VPC\'s block) may be anywhere in the VPC\'s IPv6 space', () => {
    const carved = { 'Fn::Select': [0, { 'Fn::Cidr': [{ 'Fn::Select': [0, { 'Fn::GetAtt': ['Vpc', 'Ipv6CidrBlocks'] }] }, 1, 64] }] };
    expect(nodesOf(extractCloudFormation({ S: template(carved) }), 'subnet')[0]).toMatchObject({ ipv6FromVpc: true });
    expect(mn1(carved)).toHaveLength(1);
  });
});
