/**
 * What runs in a subnet (docs/guard-semantics.md §10, the egress chain's own subnets): every resource that names a
 * subnet, its plumbing aside, is read as an occupant of that subnet, in both engines. AP-1 (α′) and IN-1 refuse an
 * occupant of the egress chain's own subnets (firewall, NAT gateway): it leaves by their routes, around the filter.
 * Before this, an instance placed in the α′ breakout's firewall subnet passed the guard and reached the internet
 * through the NAT gateway without the FQDN allow-list.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCdkExample } from '../../examples/cdk/_app';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf, TopologyGraph } from '../../src/guard/graph';

/** Each occupant as `resource: property → subnet`, sorted. */
const occupants = (g: TopologyGraph) => nodesOf(g, 'occupant').flatMap((o) => o.subnets.map((s) => `${o.resource}: ${s.property} → ${s.subnet}`)).sort();

describe('occupants: what names a subnet, its plumbing aside', () => {
  test('CloudFormation: Ref, Fn::GetAtt SubnetId, ${subnet} in Fn::Sub, an export of another stack; not a subnet\'s CIDR, not its plumbing', () => {
    const sub = { Ref: 'Sub' };
    const g = extractCloudFormation({
      A: {
        Resources: {
          Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
          Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24' } },
          Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
          Inst: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-0123456789abcdef0', NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: sub }] } },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { VpcConfig: { SubnetIds: [{ 'Fn::GetAtt': ['Sub', 'SubnetId'] }] } } },
          Share: {
            Type: 'AWS::RAM::ResourceShare',
            Properties: { Name: 's', ResourceArns: [{ 'Fn::Sub': 'arn:aws:ec2:${AWS::Region}:${AWS::AccountId}:subnet/${Sub}' }] },
          },
          // Plumbing, and other attributes of the subnet: none is an occupant.
          Assoc: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: sub, RouteTableId: { Ref: 'Rt' } } },
          Nat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: sub, ConnectivityType: 'private' } },
          Endpoint: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: { Ref: 'Vpc' }, ServiceName: 'com.amazonaws.ap-northeast-1.ssm', VpcEndpointType: 'Interface', SubnetIds: [sub] } },
          Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'g', VpcId: { 'Fn::GetAtt': ['Sub', 'VpcId'] } } },
          In: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { Ref: 'Sg' }, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Sub', 'CidrBlock'] } } },
        },
        Outputs: { SubOut: { Value: sub, Export: { Name: 'A-Sub' } } },
      },
      B: {
        Resources: {
          Eni: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: { 'Fn::ImportValue': 'A-Sub' } } },
          Other: { Type: 'AWS::EC2::NetworkInterface', Properties: { SubnetId: 'subnet-0123456789abcdef0' } },
        },
      },
    });
    expect(occupants(g)).toEqual([
      'A/Fn: VpcConfig.SubnetIds[0] → A/Sub',
      'A/Inst: NetworkInterfaces[0].SubnetId → A/Sub',
      'A/Share: ResourceArns[0] → A/Sub',
      'B/Eni: SubnetId → A/Sub',
    ]);
  });

  test('Terraform: an interpolation of a subnet\'s id or ARN, nested blocks too; not its CIDR, not text outside ${}, not its plumbing', () => {
    const id = '${aws_subnet.a.id}';
    const g = extractTerraform({
      t: {
        resource: {
          aws_vpc: { v: { cidr_block: '10.0.0.0/16' } },
          aws_subnet: { a: { vpc_id: '${aws_vpc.v.id}', cidr_block: '10.0.1.0/24' } },
          aws_route_table: { r: { vpc_id: '${aws_vpc.v.id}' } },
          aws_instance: { i: { ami: 'ami-0123456789abcdef0', instance_type: 't3.micro', subnet_id: id } },
          aws_lambda_function: { f: { function_name: 'f', role: 'arn:aws:iam::123456789012:role/r', vpc_config: [{ subnet_ids: [id], security_group_ids: [] }] } },
          aws_ram_resource_association: { s: { resource_arn: '${aws_subnet.a.arn}', resource_share_arn: 'arn:aws:ram:ap-northeast-1:123456789012:resource-share/x' } },
          aws_route_table_association: { a: { subnet_id: id, route_table_id: '${aws_route_table.r.id}' } },
          aws_network_acl: { n: { vpc_id: '${aws_vpc.v.id}', subnet_ids: [id] } },
          aws_nat_gateway: { n: { subnet_id: id, connectivity_type: 'private' } },
          aws_security_group: { g: { vpc_id: '${aws_subnet.a.vpc_id}', description: 'placed next to aws_subnet.a.id', ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['${aws_subnet.a.cidr_block}'] }] } },
        },
      },
    });
    expect(occupants(g)).toEqual([
      'aws_instance.i: subnet_id → aws_subnet.a',
      'aws_lambda_function.f: vpc_config[0].subnet_ids[0] → aws_subnet.a',
      'aws_ram_resource_association.s: resource_arn → aws_subnet.a',
    ]);
  });
});

describe('AP-1 / IN-1: the egress chain\'s own subnets hold nothing else', () => {
  /** The findings of `rule` the guard refuses the example's synth with, after placing an instance in its subnet `key` of `segment`. */
  function withInstance(example: string, segment: 'lgwan' | 'internet', key: string, rule: string): string[] {
    const { app, stack, network } = buildCdkExample(example);
    const subnet = network[segment].node.findAll().find((c) => c instanceof ec2.CfnSubnet && c.node.path.includes(`/Subnet-${key}`)) as ec2.CfnSubnet;
    new ec2.CfnInstance(stack, 'Placed', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet.ref });
    try {
      app.synth();
      return [];
    } catch (e) {
      return String((e as Error).message).split('\n').map((l) => l.trim().replace(/^\[[^\]]+\] /, '')).filter((l) => l.includes(` ${rule} `));
    }
  }

  test('α′: an instance in the breakout firewall subnet reaches the internet through the NAT gateway, around the allow-list (AP-1)', () => {
    expect(withInstance('alpha-prime', 'lgwan', 'firewall-1', 'AP-1')).toEqual([expect.stringMatching(new RegExp(
      '^\\[SampleCity-alpha-prime/Network/Lgwan/Subnet-firewall-1\\] AP-1 critical \\(ローカルブレイクアウト\\): SampleCity-alpha-prime/Placed \\(AWS::EC2::Instance\\), '
      + 'placed in a subnet of the breakout itself \\(firewall or NAT gateway\\), without passing a breakout firewall, reaches the internet .*'
      + '→ nat Lgwan/NatGateway-1 → .* → igw Lgwan/InternetGateway\\. Fix: move SampleCity-alpha-prime/Placed \\(AWS::EC2::Instance\\) to an LGWAN subnet'))]);
  });

  test('α′: the same instance in a terminal subnet is no such finding (its route goes through the firewall)', () => {
    expect(withInstance('alpha-prime', 'lgwan', 'terminals-1', 'AP-1')).toEqual([]);
  });

  test('β′: an instance in the built-in stand-in\'s NAT gateway subnet reaches the internet uninspected (IN-1)', () => {
    expect(withInstance('beta-prime', 'internet', 'egress-1', 'IN-1')).toEqual([expect.stringMatching(new RegExp(
      '^\\[SampleCity-beta-prime/Network/Internet/Subnet-egress-1\\] IN-1 error .*SampleCity-beta-prime/Placed \\(AWS::EC2::Instance\\), placed in a subnet of the egress chain itself '
      + '.* reaches the internet .*→ igw Internet/InternetGateway\\. Fix: move SampleCity-beta-prime/Placed'))]);
  });
});

describe('AP-7: a forward proxy\'s subnet holds the proxy only', () => {
  test('α′: an instance placed beside the tenant proxy uses the breakout as the proxy does: AP-7 names it; the untouched example passes', () => {
    const { app, stack, network } = buildCdkExample('alpha-prime');
    const subnet = network.lgwan.node.findAll().find((c) => c instanceof ec2.CfnSubnet && c.node.path.includes('/Subnet-proxy-1')) as ec2.CfnSubnet;
    new ec2.CfnInstance(stack, 'Beside', { imageId: 'ami-0123456789abcdef0', instanceType: 't3.micro', subnetId: subnet.ref });
    expect(() => app.synth()).toThrow(new RegExp('AP-7 error \\(ローカルブレイクアウトの利用端末\\): this LGWAN subnet reaches .*, and the guard cannot tell that it holds only terminal pools '
      + '.* it holds a forward proxy, but also SampleCity-alpha-prime/Beside \\(AWS::EC2::Instance\\) \\(fail closed\\)'));
    expect(() => buildCdkExample('alpha-prime').app.synth()).not.toThrow();
  });
});
