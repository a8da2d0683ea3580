/**
 * CloudFormation dynamic references (`{{resolve:ssm:…}}`, `{{resolve:ssm-secure:…}}`, `{{resolve:secretsmanager:…}}`):
 * CloudFormation puts in the stored value when it deploys the stack
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html), so the guard cannot read it
 * at synth time, as it cannot a template parameter: wherever the guard reads a value, one is unresolved (GUARD-1) and
 * judged fail-closed, never read as a literal (docs/guard-semantics.md §3). In Terraform `{{resolve:` is text.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { buildCdkExample } from '../../examples/cdk/_app';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { isExpression, readingCloudFormation } from '../../src/guard/unreadable';
import { NetworkModel } from '../../src/model/network-model';
import { myNumberAndLgwan } from '../support/two-segments';

const D = (name: string) => `{{resolve:ssm:/net/${name}}}`;

/** The unresolved values (GUARD-1) of the two segments with `extra`, as `<node> <message>`. */
function guard1(extra: Record<string, unknown>, model = NetworkModel.ALPHA): string[] {
  const g = extractCloudFormation({ S: { Resources: { ...myNumberAndLgwan(), ...extra } } as any });
  return checkTopology(g, { model }).filter((f) => f.ruleId === 'GUARD-1').map((f) => `${f.path} ${f.message}`);
}

/** The blocking findings of the two segments with `extra`, as `<rule> <node>`. */
function blocking(extra: Record<string, unknown>): string[] {
  const g = extractCloudFormation({ S: { Resources: { ...myNumberAndLgwan(), ...extra } } as any });
  return checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.severity === 'critical' || f.severity === 'error').map((f) => `${f.ruleId} ${f.path}`);
}

const OUTBOUND = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.10/32' }];
const sg = (ingress: Record<string, unknown>) => ({
  Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'd', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: OUTBOUND, SecurityGroupIngress: [{ IpProtocol: '-1', ...ingress }] } },
});

describe('a dynamic reference where the guard reads a value is unresolved (GUARD-1), as a template parameter is', () => {
  test('a security group rule\'s CIDR (MN-3 / FLOW-1 see an unresolved rule, not none)', () => {
    expect(guard1(sg({ CidrIp: D('peer') }))).toEqual([expect.stringMatching(/^Sg CidrIp could not be resolved: "\{\{resolve:ssm:\/net\/peer\}\}" is not an address block .*dynamic reference/)]);
    expect(guard1(sg({ CidrIpv6: D('peer6') }))).toEqual([expect.stringMatching(/^Sg CidrIpv6 could not be resolved: .*dynamic reference/)]);
    // With text around it: still known only at deploy time.
    expect(guard1(sg({ CidrIp: `${D('prefix')}/32` }))).toEqual([expect.stringMatching(/^Sg CidrIp could not be resolved/)]);
    const separate = {
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'd', VpcId: { Ref: 'MnVpc' }, SecurityGroupEgress: OUTBOUND } },
      Ing: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, IpProtocol: '-1', CidrIp: D('peer') } },
    };
    expect(guard1(separate)).toEqual([expect.stringMatching(/^Ing CidrIp could not be resolved: .*dynamic reference/)]);
  });

  test('an id that places a resource: a NAT gateway\'s SubnetId, an internet gateway attachment\'s VpcId', () => {
    expect(guard1({ N: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: D('subnet') } } }))
      .toEqual(['N SubnetId could not be resolved: dynamic reference {{resolve:ssm:/net/subnet}} is known only at deploy time']);
    expect(guard1({
      G: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
      A: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: D('vpc'), InternetGatewayId: { Ref: 'G' } } },
    })).toEqual(['A VpcId could not be resolved: dynamic reference {{resolve:ssm:/net/vpc}} is known only at deploy time']);
  });

  test('a subnet a resource runs in (an occupant), the reference alone or in an Fn::Sub', () => {
    for (const subnet of [D('subnet'), { 'Fn::Sub': D('subnet') }]) {
      const fn = { F: { Type: 'AWS::Lambda::Function', Properties: { Role: 'arn:aws:iam::111122223333:role/r', Code: { ZipFile: 'x' }, VpcConfig: { SubnetIds: [subnet], SecurityGroupIds: [] } } } };
      expect(guard1(fn)).toEqual([expect.stringMatching(/^F VpcConfig\.SubnetIds could not be resolved: the subnet it names is known only at deploy time/)]);
    }
  });

  test('a tag\'s key, and a label\'s value', () => {
    expect(guard1({ I: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { Ref: 'LgSub' }, Tags: [{ Key: D('k'), Value: 'MY_NUMBER_SYSTEM' }] } } }))
      .toEqual([expect.stringMatching(/^I Tags\[0\] could not be resolved: .* cannot be read at synth time/)]);
    expect(guard1({ I: { Type: 'AWS::EC2::Instance', Properties: { SubnetId: { Ref: 'LgSub' }, Tags: [{ Key: 'jichitai:role', Value: D('v') }] } } }))
      .toEqual([expect.stringMatching(/^I Tags\[0\]\.Value could not be resolved: \{\{resolve:ssm:\/net\/v\}\} cannot be read at synth time/)]);
  });

  test('an enumerated value that opens a bridge: MWAA WebserverAccessMode, Transfer EndpointType', () => {
    const mwaa = { M: { Type: 'AWS::MWAA::Environment', Properties: { Name: 'm', WebserverAccessMode: D('mode'), NetworkConfiguration: { SubnetIds: [{ Ref: 'MnSub' }, { Ref: 'MnSub' }], SecurityGroupIds: ['sg-0123456789abcdef0'] } } } };
    expect(blocking(mwaa)).toContain('GUARD-1 M');
    const transfer = { T: { Type: 'AWS::Transfer::Server', Properties: { EndpointType: D('type'), EndpointDetails: { AddressAllocationIds: ['eipalloc-0123456789abcdef0'], SubnetIds: [{ Ref: 'MnSub' }], VpcId: { Ref: 'MnVpc' } } } } };
    expect(blocking(transfer)).toContain('GUARD-1 T');
  });

  test('a firewall\'s rules string and stateless default actions', () => {
    const group = { RG: { Type: 'AWS::NetworkFirewall::RuleGroup', Properties: { Type: 'STATEFUL', Capacity: 10, RuleGroupName: 'g', RuleGroup: { RulesSource: { RulesString: D('rules') } } } } };
    expect(guard1(group)).toEqual([expect.stringMatching(/^RG RuleGroup\.RulesSource\.RulesString could not be resolved: \{\{resolve:ssm:\/net\/rules\}\} cannot be read/)]);
    const policy = {
      P: {
        Type: 'AWS::NetworkFirewall::FirewallPolicy',
        Properties: {
          FirewallPolicyName: 'p',
          FirewallPolicy: {
            StatelessDefaultActions: [D('sda')], StatelessFragmentDefaultActions: ['aws:forward_to_sfe'], StatefulDefaultActions: ['aws:drop_established'],
          },
        },
      },
    };
    expect(guard1(policy)).toEqual([expect.stringMatching(/^P FirewallPolicy\.StatelessDefaultActions\[0\] could not be resolved/)]);
  });

  test('a stateful rule group reference\'s override action: unresolved (it may turn the group\'s drops into alerts)', () => {
    const policy = {
      P: {
        Type: 'AWS::NetworkFirewall::FirewallPolicy',
        Properties: {
          FirewallPolicyName: 'p',
          FirewallPolicy: {
            StatelessDefaultActions: ['aws:forward_to_sfe'],
            StatelessFragmentDefaultActions: ['aws:forward_to_sfe'],
            StatefulDefaultActions: ['aws:drop_established'],
            StatefulRuleGroupReferences: [{
              ResourceArn: 'arn:aws:network-firewall:ap-northeast-1:aws-managed:stateful-rulegroup/ThreatSignaturesMalwareStrictOrder',
              Priority: 1,
              Override: { Action: D('override') },
            }],
          },
        },
      },
    };
    expect(guard1(policy)).toEqual([expect.stringMatching(/^P FirewallPolicy\.StatefulRuleGroupReferences\[0\]\.Override\.Action could not be resolved/)]);
  });

  test('a route\'s destination: unresolved, and followed for every address', () => {
    const peering = {
      Pcx: { Type: 'AWS::EC2::VPCPeeringConnection', Properties: { VpcId: { Ref: 'MnVpc' }, PeerVpcId: { Ref: 'LgVpc' } } },
      MnRt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'MnVpc' } } },
      MnAssoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { RouteTableId: { Ref: 'MnRt' }, SubnetId: { Ref: 'MnSub' } } },
      R: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MnRt' }, DestinationCidrBlock: D('dst'), VpcPeeringConnectionId: { Ref: 'Pcx' } } },
    };
    expect(guard1(peering)).toContain('R Destination/target could not be resolved: the route\'s destination "{{resolve:ssm:/net/dst}}" cannot be read at synth time');
    expect(blocking(peering)).toContain('MN-3 MnSub');
  });

  test('a dynamic reference is text in Terraform, and an expression only while a CloudFormation template is read', () => {
    expect(isExpression(D('x'))).toBe(false);
    expect(readingCloudFormation(() => isExpression(D('x')))).toBe(true);
    expect(readingCloudFormation(() => isExpression('10.0.0.0/16'))).toBe(false);
    // A Terraform string holding `{{resolve:` is read as written: a label value the vocabulary does not hold, not a value
    // known only at deploy time.
    const g = extractTerraform({
      t: {
        resource: {
          aws_vpc: { mn: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER', 'Name': D('name') } } },
          aws_instance: { i: { ami: 'ami-1', subnet_id: 'subnet-0123456789abcdef0', tags: { 'jichitai:role': D('role') } } },
        },
      } as any,
    });
    const messages = checkTopology(g, { model: NetworkModel.ALPHA }).filter((f) => f.ruleId === 'GUARD-1').map((f) => f.message);
    expect(messages.some((m) => m.includes('"{{resolve:ssm:/net/role}}" is not a value of the label jichitai:role'))).toBe(true);
    expect(messages.some((m) => m.includes('known only at deploy time') || m.includes('cannot be read at synth time'))).toBe(false);
  });
});

describe('a dynamic reference in what bounds deploy-time code counts, as a parameter does', () => {
  /** The unresolved reasons at a custom resource's service token, with the policy `policy` of the template. */
  const serviceToken = (policy: Record<string, unknown>) => {
    const resources = {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'x' } } },
      Policy: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', ...policy } },
      Seed: { Type: 'Custom::Seed', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    };
    return extractCloudFormation({ S: { Resources: resources } as any }).unresolved.filter((u) => u.property === 'ServiceToken').map((u) => u.reason);
  };

  test('an action of the role\'s policy: it may be any action', () => {
    expect(serviceToken({ Roles: [{ Ref: 'Role' }], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: D('action'), Resource: '*' }] } }))
      .toEqual([expect.stringMatching(/an action of its policy is not written out$/)]);
  });

  test('a permission\'s principal: it may be the role, which may then invoke the function named', () => {
    const resources = {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { ZipFile: 'x' } } },
      Perm: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:InvokeFunction', FunctionName: 'arn:aws:lambda:ap-northeast-1:111122223333:function:other', Principal: D('principal') } },
      Seed: { Type: 'Custom::Seed', Properties: { ServiceToken: { 'Fn::GetAtt': ['Fn', 'Arn'] } } },
    };
    const reasons = extractCloudFormation({ S: { Resources: resources } as any }).unresolved.filter((u) => u.property === 'ServiceToken').map((u) => u.reason);
    expect(reasons).toEqual([expect.stringMatching(/permission Perm lets Role invoke .*function:other, not a function of this template/)]);
  });

  test('a role a policy is attached to: it may be this role', () => {
    expect(serviceToken({ Roles: [D('role')], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:CreateRoute', Resource: '*' }] } }))
      .toEqual([expect.stringMatching(/Role allows ec2:CreateRoute$/)]);
  });
});

describe('aws-cdk-lib\'s ssm.StringParameter.valueForStringParameter', () => {
  test('as the peer of a My Number security group rule: synthesis is refused (GUARD-1)', () => {
    const app = new App();
    const { stack, network } = buildCdkExample('alpha', app);
    const group = new ec2.SecurityGroup(stack as Stack, 'DynrefSg', { vpc: network.myNumber.vpc, allowAllOutbound: false });
    group.addIngressRule(ec2.Peer.ipv4(ssm.StringParameter.valueForStringParameter(stack, '/net/peer-cidr', 1)), ec2.Port.allTraffic());
    expect(() => app.synth()).toThrow(/GUARD-1 critical[^\n]*CidrIp could not be resolved: "\{\{resolve:ssm:\/net\/peer-cidr:1\}\}"/);
  });
});
