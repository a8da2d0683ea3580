import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NetworkAcl } from '@cdktf/provider-aws/lib/network-acl';
import { NetworkAclAssociation } from '@cdktf/provider-aws/lib/network-acl-association';
import { NetworkAclRule } from '@cdktf/provider-aws/lib/network-acl-rule';
import { NetworkfirewallFirewall } from '@cdktf/provider-aws/lib/networkfirewall-firewall';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Route53ResolverFirewallDomainList } from '@cdktf/provider-aws/lib/route53-resolver-firewall-domain-list';
import { Route53ResolverFirewallRule } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule';
import { Route53ResolverFirewallRuleGroup } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group';
import { Route53ResolverFirewallRuleGroupAssociation } from '@cdktf/provider-aws/lib/route53-resolver-firewall-rule-group-association';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf, RouteTarget, rulesOf } from '../../src/guard/graph';
import { normalise } from '../../src/guard/normalise';

/** A small hand-written Terraform network, the way a user might write one with cdktf. */
function sample(extra: (stack: TerraformStack, vpc: Vpc) => void = () => undefined) {
  const stack = new TerraformStack(Testing.app(), 'sample');
  const vpc = new Vpc(stack, 'Lgwan', { cidrBlock: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } });
  const subnet = new Subnet(stack, 'Workload', { vpcId: vpc.id, cidrBlock: '10.1.0.0/24', availabilityZone: 'ap-northeast-1a', tags: { 'jichitai:segment': 'LGWAN' } });
  const firewall = new NetworkfirewallFirewall(stack, 'Fw', { name: 'fw', vpcId: vpc.id, firewallPolicyArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall-policy/p', subnetMapping: [{ subnetId: subnet.id }] });
  // Inline route in the table, and a separate aws_route to the firewall endpoint (an expression over firewall_status).
  const table = new RouteTable(stack, 'Table', { vpcId: vpc.id, route: [{ cidrBlock: '172.20.0.0/16', transitGatewayId: 'tgw-0123456789abcdef0' }] });
  new Route(stack, 'ToFirewall', {
    routeTableId: table.id,
    destinationCidrBlock: '0.0.0.0/0',
    vpcEndpointId: `\${tolist(${firewall.fqn}.firewall_status[0].sync_states)[0].attachment[0].endpoint_id}`,
  });
  new RouteTableAssociation(stack, 'Assoc', { routeTableId: table.id, subnetId: subnet.id });
  const tgw = new Ec2TransitGateway(stack, 'Tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
  const attachment = new Ec2TransitGatewayVpcAttachment(stack, 'Attach', { transitGatewayId: tgw.id, vpcId: vpc.id, subnetIds: [subnet.id] });
  const vpn = new VpnConnection(stack, 'Vpn', { customerGatewayId: 'cgw-0123456789abcdef0', type: 'ipsec.1', transitGatewayId: tgw.id, tags: { 'jichitai:zone': 'LGWAN_WAN' } });
  const tgwTable = new Ec2TransitGatewayRouteTable(stack, 'TgwTable', { transitGatewayId: tgw.id });
  new Ec2TransitGatewayRouteTableAssociation(stack, 'TgwAssoc', { transitGatewayAttachmentId: attachment.id, transitGatewayRouteTableId: tgwTable.id });
  new Ec2TransitGatewayRoute(stack, 'ToWan', { transitGatewayRouteTableId: tgwTable.id, destinationCidrBlock: '172.20.0.0/16', transitGatewayAttachmentId: vpn.transitGatewayAttachmentId });
  new Ec2TransitGatewayRoute(stack, 'Hole', { transitGatewayRouteTableId: tgwTable.id, destinationCidrBlock: '0.0.0.0/0', blackhole: true });
  const list = new Route53ResolverFirewallDomainList(stack, 'Allowed', { name: 'allowed', domains: ['*.example.com'] });
  const group = new Route53ResolverFirewallRuleGroup(stack, 'Dns', { name: 'dns' });
  new Route53ResolverFirewallRule(stack, 'DnsRule', { name: 'allow', firewallRuleGroupId: group.id, firewallDomainListId: list.id, priority: 100, action: 'ALLOW' });
  new Route53ResolverFirewallRuleGroupAssociation(stack, 'DnsAssoc', { name: 'a', firewallRuleGroupId: group.id, vpcId: vpc.id, priority: 101 });
  const bucket = new S3Bucket(stack, 'Logs', {});
  new FlowLog(stack, 'Flow', { vpcId: vpc.id, trafficType: 'ALL', logDestinationType: 's3', logDestination: `${bucket.arn}/vpc-flow-logs/lgwan/` });
  extra(stack, vpc);
  return extractTerraform({ sample: JSON.parse(Testing.synth(stack)) });
}

describe('Terraform extractor', () => {
  test('reads segments, inline and separate routes, firewall endpoints, transit routes through a VPN, DNS rules and flow logs', () => {
    const g = sample();
    expect(g.unresolved).toEqual([]);
    const n = normalise(g);
    expect(n.vpcs).toEqual([{ segment: 'LGWAN', cidr: '10.1.0.0/16' }]);
    expect(n.routeTables).toEqual([{
      segment: 'LGWAN',
      subnets: ['10.1.0.0/24'],
      routes: [
        { destination: '0.0.0.0/0', target: RouteTarget.FIREWALL_ENDPOINT, via: 'firewall in 10.1.0.0/24' },
        { destination: '172.20.0.0/16', target: RouteTarget.TRANSIT_GATEWAY, via: 'external:tgw-0123456789abcdef0' },
      ],
      gatewayEndpoints: [],
    }]);
    expect(n.transitRouteTables).toEqual([{
      associations: ['LGWAN'],
      propagations: [],
      routes: [{ destination: '0.0.0.0/0', target: 'blackhole' }, { destination: '172.20.0.0/16', target: 'vpn:LGWAN_WAN' }],
    }]);
    expect(n.dnsFirewalls).toEqual([{ segment: 'LGWAN', rules: [{ priority: 100, action: 'ALLOW', domains: ['*.example.com'] }] }]);
    expect(n.flowLogs).toEqual([{ segment: 'LGWAN', trafficType: 'ALL', destinationType: 's3', destination: '{s3-bucket}/vpc-flow-logs/lgwan/' }]);
  });

  test('a value from an input variable is unresolved, named with its resource and argument', () => {
    const g = sample((stack, vpc) => {
      const target = new TerraformVariable(stack, 'target', { type: 'string' });
      const table = new RouteTable(stack, 'Extra', { vpcId: vpc.id });
      new Route(stack, 'FromVariable', { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: target.stringValue });
    });
    expect(g.unresolved).toContainEqual({ node: 'aws_route.FromVariable', property: 'gateway_id', reason: expect.stringMatching(/input variable/) });
  });

  test('an internet gateway given inline with vpc_id is attached to that VPC', () => {
    const g = sample((stack, vpc) => {
      new InternetGateway(stack, 'Igw', { vpcId: vpc.id });
    });
    expect(nodesOf(g, 'internet-gateway')[0].vpcs).toEqual([{ kind: 'node', id: 'aws_vpc.Lgwan' }]);
  });
});

describe('Terraform extractor: security groups and network ACLs', () => {
  test('a network ACL: inline entries and subnet_ids, aws_network_acl_rule and aws_network_acl_association joined to it', () => {
    const g = sample((stack, vpc) => {
      const a = new Subnet(stack, 'A', { vpcId: vpc.id, cidrBlock: '10.1.1.0/24' });
      const c = new Subnet(stack, 'C', { vpcId: vpc.id, cidrBlock: '10.1.2.0/24' });
      const acl = new NetworkAcl(stack, 'Acl', {
        vpcId: vpc.id,
        subnetIds: [a.id],
        ingress: [{ protocol: '-1', ruleNo: 100, action: 'allow', cidrBlock: '10.1.0.0/16', fromPort: 0, toPort: 0 }],
      });
      new NetworkAclRule(stack, 'Out', { networkAclId: acl.id, ruleNumber: 110, egress: true, protocol: '6', ruleAction: 'deny', cidrBlock: '0.0.0.0/0', fromPort: 22, toPort: 22 });
      new NetworkAclAssociation(stack, 'AclC', { networkAclId: acl.id, subnetId: c.id });
    });
    expect(g.unresolved).toEqual([]);
    expect(nodesOf(g, 'network-acl').filter((a) => !a.default)).toEqual([expect.objectContaining({
      id: 'aws_network_acl.Acl',
      vpc: { kind: 'node', id: 'aws_vpc.Lgwan' },
      subnets: ['aws_subnet.A', 'aws_subnet.C'],
      entries: [
        { ruleNumber: 100, egress: false, action: 'allow', protocol: '-1', cidr: '10.1.0.0/16', fromPort: 0, toPort: 0, icmpSpecific: false },
        { ruleNumber: 110, egress: true, action: 'deny', protocol: 'tcp', cidr: '0.0.0.0/0', fromPort: 22, toPort: 22, icmpSpecific: false },
      ],
    })]);
  });

  test('security group peers: CIDRs (a VPC\'s cidr_block followed), other groups, self and prefix lists, one rule each', () => {
    const g = sample((stack, vpc) => {
      const other = new SecurityGroup(stack, 'Other', { vpcId: vpc.id });
      const group = new SecurityGroup(stack, 'Host', {
        vpcId: vpc.id,
        ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, cidrBlocks: [vpc.cidrBlock], securityGroups: [other.id], selfAttribute: true, prefixListIds: ['pl-0123456789abcdef0'] }],
      });
      new VpcSecurityGroupIngressRule(stack, 'FromOther', { securityGroupId: group.id, ipProtocol: '-1', referencedSecurityGroupId: other.id });
    });
    expect(g.unresolved).toEqual([]);
    const host = nodesOf(g, 'security-group').find((x) => x.id === 'aws_security_group.Host')!;
    const tcp443 = { protocol: 'tcp', fromPort: 443, toPort: 443 };
    expect(host.ingress).toEqual([
      { ...tcp443, cidr: '10.1.0.0/16' },
      { ...tcp443, peerGroup: { kind: 'node', id: 'aws_security_group.Other' } },
      { ...tcp443, peerGroup: { kind: 'node', id: 'aws_security_group.Host' } },
      { ...tcp443, prefixList: 'pl-0123456789abcdef0' },
    ]);
    // Terraform removes the default egress rule: a group without egress blocks has none.
    expect(rulesOf(g, host, true)).toEqual([]);
    expect(rulesOf(g, host, false)).toContainEqual({ protocol: '-1', fromPort: undefined, toPort: undefined, peerGroup: { kind: 'node', id: 'aws_security_group.Other' } });
  });

  test('a rule whose CIDRs come from an input variable is unresolved (fail closed)', () => {
    const g = sample((stack, vpc) => {
      const cidrs = new TerraformVariable(stack, 'peers', { type: 'list(string)' });
      const group = new SecurityGroup(stack, 'Host', { vpcId: vpc.id });
      new SecurityGroupRule(stack, 'FromPeers', { type: 'ingress', securityGroupId: group.id, protocol: '-1', fromPort: 0, toPort: 0, cidrBlocks: cidrs.listValue });
    });
    expect(g.unresolved).toContainEqual({ node: 'aws_security_group_rule.FromPeers', property: 'cidr_blocks', reason: expect.stringMatching(/known only at plan time/) });
  });
});
