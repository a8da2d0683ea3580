/** MN-3's filter part: security groups between the My Number and LGWAN segments must name hosts and ports (特定通信). */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { TerraformStack, Testing } from 'cdktf';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf, rulesOf } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';

/** Two labelled VPCs with one subnet each, and whatever security groups the test adds to the My Number one. */
function cfn(add: (stack: Stack, myNumberVpc: ec2.CfnVPC) => void) {
  const stack = new Stack(new App(), 'S');
  const mn = new ec2.CfnVPC(stack, 'Mn', { cidrBlock: '10.0.0.0/18', tags: [{ key: 'jichitai:segment', value: 'MY_NUMBER' }] });
  const lg = new ec2.CfnVPC(stack, 'Lg', { cidrBlock: '10.0.64.0/18', tags: [{ key: 'jichitai:segment', value: 'LGWAN' }] });
  new ec2.CfnSubnet(stack, 'MnSubnet', { vpcId: mn.ref, cidrBlock: '10.0.0.0/20' });
  new ec2.CfnSubnet(stack, 'LgSubnet', { vpcId: lg.ref, cidrBlock: '10.0.64.0/20' });
  add(stack, mn);
  const template = (stack as any)._toCloudFormation();
  return extractCloudFormation({ S: template });
}

const mn3 = (graph: ReturnType<typeof cfn>) => checkTopology(graph, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'MN-3').map(formatFinding);

describe('MN-3 security groups (特定通信)', () => {
  test('a group narrowed to a host and a port is compliant', () => {
    const graph = cfn((stack, vpc) => new ec2.CfnSecurityGroup(stack, 'Host', {
      vpcId: vpc.ref,
      groupDescription: 'x',
      securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 8443, toPort: 8443, cidrIp: '10.0.65.20/32' }],
      securityGroupEgress: [{ ipProtocol: 'icmp', fromPort: 252, toPort: 86, cidrIp: '255.255.255.255/32' }],
    }));
    expect(mn3(graph)).toEqual([]);
  });

  test('CloudFormation\'s implicit allow-all egress counts: a group without egress rules opens everything', () => {
    const graph = cfn((stack, vpc) => new ec2.CfnSecurityGroup(stack, 'Host', { vpcId: vpc.ref, groupDescription: 'x' }));
    const [group] = nodesOf(graph, 'security-group');
    expect(rulesOf(graph, group, true)).toEqual([{ protocol: '-1', cidr: '0.0.0.0/0' }]);
    expect(mn3(graph)).toEqual([expect.stringMatching(/MN-3 critical \(特定通信\): security group Host: its egress rules toward the LGWAN segment allow all traffic \(0\.0\.0\.0\/0: the default egress rule EC2 gives a group whose SecurityGroupEgress lists no rule/)]);
  });

  test('a peer security group in the LGWAN VPC: a port is narrow enough, all traffic is not', () => {
    const quiet = { ipProtocol: 'icmp', fromPort: 252, toPort: 86, cidrIp: '255.255.255.255/32' };
    const graph = cfn((stack, vpc) => {
      const lgwanVpc = stack.node.findChild('Lg') as ec2.CfnVPC;
      const peer = new ec2.CfnSecurityGroup(stack, 'LgClients', { vpcId: lgwanVpc.ref, groupDescription: 'x', securityGroupEgress: [quiet] });
      const own = new ec2.CfnSecurityGroup(stack, 'MnPeers', { vpcId: vpc.ref, groupDescription: 'x', securityGroupEgress: [quiet] });
      const host = new ec2.CfnSecurityGroup(stack, 'Host', {
        vpcId: vpc.ref,
        groupDescription: 'x',
        securityGroupIngress: [{ ipProtocol: 'tcp', fromPort: 8443, toPort: 8443, sourceSecurityGroupId: peer.attrGroupId }],
        securityGroupEgress: [quiet],
      });
      new ec2.CfnSecurityGroupIngress(stack, 'Wide', { groupId: host.attrGroupId, ipProtocol: '-1', sourceSecurityGroupId: peer.attrGroupId });
      // A group of the same segment is not the other side.
      new ec2.CfnSecurityGroupIngress(stack, 'Own', { groupId: host.attrGroupId, ipProtocol: '-1', sourceSecurityGroupId: own.attrGroupId });
    });
    expect(mn3(graph).map((f) => f.replace(/^.*: its /, '').replace(/\. Fix:.*$/, ''))).toEqual([
      'ingress rules from the LGWAN segment allow all traffic (security group LgClients)',
    ]);
  });

  test('all ports, protocol numbers and whole-subnet CIDRs are caught; a rule on the own VPC is not', () => {
    const graph = cfn((stack, vpc) => {
      const g = new ec2.CfnSecurityGroup(stack, 'Host', {
        vpcId: vpc.ref,
        groupDescription: 'x',
        securityGroupIngress: [{ ipProtocol: '6', fromPort: 0, toPort: 65535, cidrIp: '10.0.65.20/32' }, { ipProtocol: 'tcp', fromPort: 22, toPort: 22, cidrIp: '10.0.0.0/18' }],
        securityGroupEgress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.64.0/20' }],
      });
      new ec2.CfnSecurityGroupIngress(stack, 'Extra', { groupId: g.attrGroupId, ipProtocol: '-1', cidrIp: '10.0.66.0/24' });
    });
    expect(mn3(graph).map((f) => f.replace(/^.*: its /, '').replace(/\. Fix:.*$/, '')).sort()).toEqual([
      'ingress rules from the LGWAN segment allow all traffic (10.0.66.0/24); open every tcp port to 10.0.65.20',
      'egress rules toward the LGWAN segment cover the whole subnet 10.0.64.0/20 (tcp 443)',
    ].sort());
  });

  test('rules are judged together: ranges that between them open every port, or CIDRs that between them cover a subnet, are caught', () => {
    const graph = cfn((stack, vpc) => new ec2.CfnSecurityGroup(stack, 'Host', {
      vpcId: vpc.ref,
      groupDescription: 'x',
      securityGroupIngress: [
        { ipProtocol: 'tcp', fromPort: 1, toPort: 32767, cidrIp: '10.0.65.0/24' },
        { ipProtocol: 'tcp', fromPort: 32768, toPort: 65535, cidrIp: '10.0.65.20/32' },
        // Split ranges to different hosts open no host completely.
        { ipProtocol: 'udp', fromPort: 1, toPort: 32767, cidrIp: '10.0.65.1/32' },
        { ipProtocol: 'udp', fromPort: 32768, toPort: 65535, cidrIp: '10.0.65.2/32' },
      ],
      securityGroupEgress: [
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.64.0/21' },
        { ipProtocol: 'tcp', fromPort: 400, toPort: 500, cidrIp: '10.0.72.0/21' },
      ],
    }));
    expect(mn3(graph).map((f) => f.replace(/^.*: its /, '').replace(/\. Fix:.*$/, '')).sort()).toEqual([
      'egress rules toward the LGWAN segment cover the whole subnet 10.0.64.0/20 (tcp 443)',
      'ingress rules from the LGWAN segment open every tcp port to 10.0.65.20',
    ]);
  });

  test('Terraform removes the default egress: a group without egress blocks has none', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    new SecurityGroup(stack, 'Host', { vpcId: 'vpc-0123456789abcdef0', ingress: [{ protocol: '6', fromPort: 443, toPort: 443, cidrBlocks: ['10.0.65.20/32', '10.0.65.21/32'] }] });
    const graph = extractTerraform({ t: JSON.parse(Testing.synth(stack)) });
    const [group] = nodesOf(graph, 'security-group');
    expect(rulesOf(graph, group, true)).toEqual([]);
    expect(rulesOf(graph, group, false).map((r) => `${r.protocol} ${r.fromPort}-${r.toPort} ${r.cidr}`)).toEqual(['tcp 443-443 10.0.65.20/32', 'tcp 443-443 10.0.65.21/32']);
  });
});
