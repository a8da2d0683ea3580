/**
 * SC-3 over the other ways the internet gets into a VPC of the security cloud than an internet-facing load balancer: a
 * CloudFront VPC origin, Global Accelerator (an endpoint group, a cross-account attachment), an API Gateway VPC link and
 * an EC2 Instance Connect Endpoint in the hub or a member (outside tester: each passed SC-3, and GUARD-1 leaves bridges
 * that end in the hub or an Internet segment to the SC rules). What such a bridge puts in front of one of the hub's
 * load balancers is judged as that load balancer's entrance (the public web behind its WAF, the mail relay on TCP 25);
 * anything else in the hub or a member is refused. Both engines, over the hand-built prefecture of
 * security-cloud-fixture.ts.
 */
import { prefectureCfn, prefectureTf } from './security-cloud-fixture';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { Finding, formatFinding } from '../../src/guard/rule';
import { notJapanese } from '../support/japanese';

/** Where a bridge is put: a load balancer of the fixture, an internal one added to the hub's services subnet or to member A, or a subnet. */
type Target = 'web' | 'mail' | 'hub-internal' | 'hub-internal-web' | 'member-internal' | 'hub-subnet' | 'member-subnet';

/** The bridges under test, each spelt in both engines. */
type Kind = 'vpc-origin' | 'accelerator' | 'cross-account' | 'rest-link' | 'http-link' | 'instance-connect' | 'verified-access';

const CFN_LB: Record<Target, string> = {
  'web': 'WebAlb', 'mail': 'MailNlb', 'hub-internal': 'IntLb', 'hub-internal-web': 'IntLb', 'member-internal': 'IntLb', 'hub-subnet': '', 'member-subnet': '',
};
const TF_LB: Record<Target, string> = {
  'web': 'aws_lb.web', 'mail': 'aws_lb.mail', 'hub-internal': 'aws_lb.int', 'hub-internal-web': 'aws_lb.int', 'member-internal': 'aws_lb.int', 'hub-subnet': '', 'member-subnet': '',
};

function cfn(kind: Kind, target: Target) {
  const template = prefectureCfn().Prefecture;
  const r = template.Resources as Record<string, any>;
  const subnet = target.startsWith('member') ? 'SubnetA' : 'HubservicesSubnet';
  if (target.endsWith('internal') || target === 'hub-internal-web') {
    const tags = target === 'hub-internal-web' ? [{ Key: 'jichitai:security-cloud', Value: 'hub' }, { Key: 'jichitai:hub-function', Value: 'public-web' }] : [];
    r.IntLb = { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Type: 'application', Scheme: 'internal', Subnets: [{ Ref: subnet }], Tags: tags } };
  }
  const lb = { Ref: CFN_LB[target] };
  const s = { Ref: subnet };
  r.Way = {
    'vpc-origin': { Type: 'AWS::CloudFront::VpcOrigin', Properties: { VpcOriginEndpointConfig: { Name: 'o', Arn: lb, HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } } },
    'accelerator': {
      Type: 'AWS::GlobalAccelerator::EndpointGroup',
      Properties: { ListenerArn: 'arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l', EndpointGroupRegion: 'ap-northeast-1', EndpointConfigurations: [{ EndpointId: lb }] },
    },
    'cross-account': { Type: 'AWS::GlobalAccelerator::CrossAccountAttachment', Properties: { Name: 'x', Principals: ['444455556666'], Resources: [{ EndpointId: lb }] } },
    'rest-link': { Type: 'AWS::ApiGateway::VpcLink', Properties: { Name: 'link', TargetArns: [lb] } },
    'http-link': { Type: 'AWS::ApiGatewayV2::VpcLink', Properties: { Name: 'link', SubnetIds: [s] } },
    'instance-connect': { Type: 'AWS::EC2::InstanceConnectEndpoint', Properties: { SubnetId: s } },
    'verified-access': { Type: 'AWS::EC2::VerifiedAccessEndpoint', Properties: { EndpointType: 'load-balancer', LoadBalancerOptions: { LoadBalancerArn: lb, Port: 443, Protocol: 'https' } } },
  }[kind];
  return extractCloudFormation({ Prefecture: template });
}

function tf(kind: Kind, target: Target) {
  const config = prefectureTf();
  const r = config.resource as Record<string, Record<string, any>>;
  const subnet = target.startsWith('member') ? 'aws_subnet.a' : 'aws_subnet.hub_services';
  if (target.endsWith('internal') || target === 'hub-internal-web') {
    const tags = target === 'hub-internal-web' ? { 'jichitai:security-cloud': 'hub', 'jichitai:hub-function': 'public-web' } : {};
    (r.aws_lb ??= {}).int = { load_balancer_type: 'application', internal: true, subnets: [`\${${subnet}.id}`], tags };
  }
  const lb = `\${${TF_LB[target]}.arn}`;
  const s = `\${${subnet}.id}`;
  const [type, body] = {
    'vpc-origin': ['aws_cloudfront_vpc_origin', { vpc_origin_endpoint_config: [{ name: 'o', arn: lb, http_port: 80, https_port: 443, origin_protocol_policy: 'https-only' }] }],
    'accelerator': ['aws_globalaccelerator_endpoint_group', { listener_arn: 'arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l', endpoint_configuration: [{ endpoint_id: lb }] }],
    'cross-account': ['aws_globalaccelerator_cross_account_attachment', { name: 'x', principals: ['444455556666'], resource: [{ endpoint_id: lb }] }],
    'rest-link': ['aws_api_gateway_vpc_link', { name: 'link', target_arns: [lb] }],
    'http-link': ['aws_apigatewayv2_vpc_link', { name: 'link', subnet_ids: [s], security_group_ids: [] }],
    'instance-connect': ['aws_ec2_instance_connect_endpoint', { subnet_id: s }],
    'verified-access': ['aws_verifiedaccess_endpoint', { endpoint_type: 'load-balancer', load_balancer_options: [{ load_balancer_arn: lb, port: 443, protocol: 'https' }] }],
  }[kind] as [string, any];
  (r[type] ??= {}).way = body;
  return extractTerraform({ prefecture: config });
}

const ENGINES = { CloudFormation: cfn, Terraform: tf };

const sc3 = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'SC-3');

describe.each(Object.keys(ENGINES) as (keyof typeof ENGINES)[])('SC-3 over internet ingress other than an internet-facing load balancer (%s)', (engine) => {
  const graphOf = ENGINES[engine];
  const check = (kind: Kind, target: Target) => checkTopology(graphOf(kind, target), { model: NetworkModel.ALPHA });

  const refused: [string, Kind, Target, RegExp][] = [
    ['a CloudFront VPC origin at an internal load balancer of the hub that is no entrance', 'vpc-origin', 'hub-internal',
      /SC-3 error .*a CloudFront VPC origin puts the internet in front of load balancer \S+ of the hub, which is neither the public web entrance nor the mail relay's entrance/],
    ['a CloudFront VPC origin at the hub\'s internal public web load balancer without a WAF', 'vpc-origin', 'hub-internal-web',
      /SC-3 error .*the public web entrance is not protected against SQL injection: no WAFv2 web ACL is associated/],
    ['a Global Accelerator endpoint group at an internal load balancer of member A', 'accelerator', 'member-internal',
      /SC-3 error .*a Global Accelerator endpoint group puts the internet in front of load balancer \S+ in member VPC \S+/],
    ['a Global Accelerator cross-account attachment at an internal load balancer of the hub', 'cross-account', 'hub-internal',
      /SC-3 error .*a Global Accelerator cross-account attachment puts the internet in front of load balancer \S+ of the hub, which is neither/],
    ['an API Gateway (REST) VPC link at an internal load balancer of the hub', 'rest-link', 'hub-internal',
      /SC-3 error .*an API Gateway VPC link puts the internet in front of load balancer \S+ of the hub, which is neither/],
    ['an API Gateway (HTTP) VPC link in the hub\'s services subnet', 'http-link', 'hub-subnet',
      /SC-3 error .*an API Gateway VPC link lets the internet into subnet \S+ of the hub, around the public web and mail relay entrances/],
    ['an API Gateway (HTTP) VPC link in member A', 'http-link', 'member-subnet',
      /SC-3 error .*an API Gateway VPC link lets the internet into subnet \S+ of member VPC \S+/],
    ['an EC2 Instance Connect Endpoint in the hub\'s services subnet', 'instance-connect', 'hub-subnet',
      /SC-3 error .*an EC2 Instance Connect Endpoint lets the internet into subnet \S+ of the hub, around the public web and mail relay entrances/],
    ['an EC2 Instance Connect Endpoint in member A', 'instance-connect', 'member-subnet',
      /SC-3 error .*an EC2 Instance Connect Endpoint lets the internet into subnet \S+ of member VPC \S+/],
    ['a Verified Access endpoint at an internal load balancer of the hub', 'verified-access', 'hub-internal',
      /SC-3 error .*a Verified Access endpoint puts the internet in front of load balancer \S+ of the hub, which is neither/],
  ];

  test.each(refused)('refuses %s', (_, kind, target, expected) => {
    const findings = sc3(check(kind, target));
    expect(findings.map(formatFinding).join('\n')).toMatch(expected);
    for (const f of findings) expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
  });

  // The WAF associated with the public web load balancer inspects every request the load balancer takes, whichever way
  // it came (CloudFront, an accelerator); the mail relay's listeners are TCP 25 alone. Nothing goes around them.
  test.each([
    ['a CloudFront VPC origin', 'public web', 'vpc-origin', 'web'],
    ['a Global Accelerator endpoint group', 'public web', 'accelerator', 'web'],
    ['a Global Accelerator endpoint group', 'mail relay', 'accelerator', 'mail'],
  ] as [string, string, Kind, Target][])('accepts %s in front of the hub\'s %s entrance', (_, __, kind, target) => {
    expect(check(kind, target).map(formatFinding)).toEqual([]);
  });
});

/**
 * SC-4's SIEM is the hub's bucket, not any bucket tagged `jichitai:hub-function = siem` (outside tester: a member's stack
 * tagged a bucket of its own so and delivered its flow log there, and SC-4 passed).
 */
describe('SC-4: a bucket tagged as the SIEM outside the hub\'s stack is not the SIEM', () => {
  const siemTags = [{ Key: 'jichitai:hub-function', Value: 'siem' }, { Key: 'jichitai:security-cloud', Value: 'hub' }];
  const sc4 = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'SC-4').map(formatFinding).join('\n');

  test('CloudFormation (hub and members in two stacks): member A\'s flow log to a siem-tagged bucket of the members\' stack', () => {
    const stacks = prefectureCfn({}, true);
    const members = stacks.Members.Resources as Record<string, any>;
    members.OwnSiemA = { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'member-a-siem', Tags: siemTags } };
    members.FlowLogA.Properties.LogDestination = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['OwnSiemA', 'Arn'] }, '/members/131016/']] };
    const findings = checkTopology(extractCloudFormation(stacks), { model: NetworkModel.ALPHA });
    expect(sc4(findings)).toMatch(/SC-4 error .*the flow log of VPC \S*VpcA goes to .*, not to the hub's SIEM bucket/);
    expect(sc4(findings)).toMatch(/SC-4 error .*bucket \S*OwnSiemA is tagged as the SIEM \(jichitai:hub-function = siem\) but is not the hub's/);
    for (const f of findings.filter((x) => x.ruleId === 'SC-4')) expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
    // The reference, split the same way, passes: the hub's SIEM bucket is in the hub VPC's stack.
    expect(sc4(checkTopology(extractCloudFormation(prefectureCfn({}, true)), { model: NetworkModel.ALPHA }))).toBe('');
  });

  test('Terraform (two configurations): member A\'s flow log, by literal ARN, to a siem-tagged bucket of another configuration', () => {
    const hub = prefectureTf();
    (hub.resource as any).aws_flow_log.a.log_destination = 'arn:aws:s3:::member-a-siem/members/131016/';
    const other = { resource: { aws_s3_bucket: { own: { bucket: 'member-a-siem', tags: { 'jichitai:hub-function': 'siem', 'jichitai:security-cloud': 'hub' } } } } };
    const findings = checkTopology(extractTerraform({ prefecture: hub, membera: other }), { model: NetworkModel.ALPHA });
    expect(sc4(findings)).toMatch(/SC-4 error .*the flow log of VPC \S*aws_vpc\.a goes to .*, not to the hub's SIEM bucket/);
    expect(sc4(findings)).toMatch(/SC-4 error .*bucket membera\/aws_s3_bucket\.own is tagged as the SIEM/);
    // A SIEM the scope declares by that ARN is the SIEM wherever its bucket is.
    const declared = checkTopology(extractTerraform({ prefecture: hub, membera: other }), { model: NetworkModel.ALPHA }, { siem: [{ bucketArn: 'arn:aws:s3:::member-a-siem' }] });
    expect(sc4(declared)).toBe('');
  });
});

/**
 * The other bridges the guard reads that let the internet into the hub or a member's Internet segment (outside
 * tester, README known gap): each passed SC-3, as GUARD-1 leaves what ends there to the SC rules. None of them is the
 * WAF'd public web entrance or the mail relay's, so each is refused in the hub and in a member, naming what it is; a
 * public IP address only behind an internet gateway of its VPC (the hub has one; member A gets one with `memberIgw`),
 * as a subnet mapping public IP addresses is judged. The fixture's NAT gateway's Elastic IP address takes no connection
 * from outside: no way in (the accepted fixture above holds it).
 */
type Way = 'instance' | 'eip' | 'ecs' | 'template' | 'function-url' | 'api' | 'app-runner' | 'transfer' | 'eks' | 'rds' | 'client-vpn' | 'appstream'
  | 'secure-browser' | 'workspaces' | 'classic' | 'cloud9' | 'instance-connect';
/** Where: the hub's services subnet, member A's subnet (with its own internet gateway), or member A relabelled as an LGWAN segment. */
type Place = 'hub' | 'member' | 'member-igw' | 'member-lgwan';

function cfnWay(way: Way, place: Place) {
  const template = prefectureCfn(place === 'member-igw' ? { memberIgw: true } : {}).Prefecture;
  const r = template.Resources as Record<string, any>;
  const s = { Ref: place === 'hub' ? 'HubservicesSubnet' : 'SubnetA' };
  const vpc = { Ref: place === 'hub' ? 'HubVpc' : 'VpcA' };
  const fn = () => {
    r.Fn = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Role: 'arn:aws:iam::123456789012:role/r',
        Runtime: 'nodejs20.x',
        Handler: 'i.h',
        Code: { ZipFile: 'x' },
        VpcConfig: { SubnetIds: [s], SecurityGroupIds: [] },
      },
    };
  };
  if (place === 'member-lgwan') {
    for (const id of ['VpcA', 'SubnetA']) {
      r[id].Properties.Tags = r[id].Properties.Tags.map((t: any) => (t.Key === 'jichitai:segment' ? { ...t, Value: 'LGWAN' } : t));
    }
  }
  switch (way) {
    case 'instance':
      r.Way = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: s, AssociatePublicIpAddress: true }] } };
      break;
    case 'eip':
      r.Host = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', SubnetId: s } };
      r.Way = { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc', InstanceId: { Ref: 'Host' } } };
      break;
    case 'ecs':
      r.Way = { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED', Subnets: [s] } } } };
      break;
    case 'template':
      r.Template = { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-1', NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }] } } };
      r.Way = {
        Type: 'AWS::AutoScaling::AutoScalingGroup',
        Properties: {
          MinSize: '1',
          MaxSize: '1',
          VPCZoneIdentifier: [s],
          LaunchTemplate: { LaunchTemplateId: { Ref: 'Template' }, Version: '1' },
        },
      };
      break;
    case 'function-url':
      fn();
      r.Way = { Type: 'AWS::Lambda::Url', Properties: { TargetFunctionArn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, AuthType: 'NONE' } };
      break;
    case 'api':
      fn();
      r.Way = { Type: 'AWS::ApiGatewayV2::Integration', Properties: { ApiId: 'api-1', IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] } } };
      break;
    case 'app-runner':
      r.Connector = { Type: 'AWS::AppRunner::VpcConnector', Properties: { Subnets: [s] } };
      r.Way = {
        Type: 'AWS::AppRunner::Service',
        Properties: {
          SourceConfiguration: {},
          NetworkConfiguration: { EgressConfiguration: { EgressType: 'VPC', VpcConnectorArn: { 'Fn::GetAtt': ['Connector', 'VpcConnectorArn'] } }, IngressConfiguration: { IsPubliclyAccessible: true } },
        },
      };
      break;
    case 'transfer':
      r.Way = { Type: 'AWS::Transfer::Server', Properties: { EndpointType: 'VPC', EndpointDetails: { VpcId: vpc, SubnetIds: [s], AddressAllocationIds: ['eipalloc-1'] } } };
      break;
    case 'eks':
      r.Way = { Type: 'AWS::EKS::Cluster', Properties: { RoleArn: 'arn:aws:iam::123456789012:role/r', ResourcesVpcConfig: { SubnetIds: [s], EndpointPublicAccess: true } } };
      break;
    case 'rds':
      r.DbSubnets = { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: 'd', SubnetIds: [s] } };
      r.Way = { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t4g.micro', PubliclyAccessible: true, DBSubnetGroupName: { Ref: 'DbSubnets' } } };
      break;
    case 'client-vpn':
      r.Way = { Type: 'AWS::EC2::ClientVpnTargetNetworkAssociation', Properties: { ClientVpnEndpointId: 'cvpn-endpoint-1', SubnetId: s } };
      break;
    case 'appstream':
      r.Way = { Type: 'AWS::AppStream::Fleet', Properties: { Name: 'f', InstanceType: 'stream.standard.small', VpcConfig: { SubnetIds: [s] }, EnableDefaultInternetAccess: false } };
      break;
    case 'secure-browser':
    case 'workspaces':
      // An AWS::WorkSpaces::Workspace names only its directory, whose subnets are registered outside the template (GUARD-1).
      r.Way = { Type: 'AWS::WorkSpacesWeb::NetworkSettings', Properties: { VpcId: vpc, SubnetIds: [s], SecurityGroupIds: [] } };
      break;
    case 'classic':
      r.Way = { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { Subnets: [s], Listeners: [{ LoadBalancerPort: '25', InstancePort: '25', Protocol: 'TCP' }] } };
      break;
    case 'cloud9':
      r.Way = { Type: 'AWS::Cloud9::EnvironmentEC2', Properties: { InstanceType: 't3.small', ImageId: 'amazonlinux-2023-x86_64', SubnetId: s } };
      break;
    case 'instance-connect':
      r.Way = { Type: 'AWS::EC2::InstanceConnectEndpoint', Properties: { SubnetId: s } };
      break;
  }
  return extractCloudFormation({ Prefecture: template });
}

function tfWay(way: Way, place: Place) {
  const config = prefectureTf(place === 'member-igw' ? { memberIgw: true } : {});
  const r = config.resource as Record<string, Record<string, any>>;
  const put = (type: string, name: string, body: unknown) => { (r[type] ??= {})[name] = body; };
  const s = place === 'hub' ? '${aws_subnet.hub_services.id}' : '${aws_subnet.a.id}';
  const vpc = place === 'hub' ? '${aws_vpc.hub.id}' : '${aws_vpc.a.id}';
  const fn = () => put('aws_lambda_function', 'fn', {
    function_name: 'fn',
    role: 'arn:aws:iam::123456789012:role/r',
    runtime: 'nodejs20.x',
    handler: 'i.h',
    vpc_config: { subnet_ids: [s], security_group_ids: [] },
  });
  if (place === 'member-lgwan') for (const t of [r.aws_vpc.a, r.aws_subnet.a]) t.tags = { ...t.tags, 'jichitai:segment': 'LGWAN' };
  switch (way) {
    case 'instance': put('aws_instance', 'way', { ami: 'ami-1', subnet_id: s, associate_public_ip_address: true }); break;
    case 'eip':
      put('aws_instance', 'host', { ami: 'ami-1', subnet_id: s });
      put('aws_eip', 'way', { domain: 'vpc', instance: '${aws_instance.host.id}' });
      break;
    case 'ecs': put('aws_ecs_service', 'way', { name: 'svc', network_configuration: { subnets: [s], assign_public_ip: true } }); break;
    case 'template':
      put('aws_launch_template', 'way', { image_id: 'ami-1', network_interfaces: [{ device_index: 0, associate_public_ip_address: 'true' }] });
      put('aws_autoscaling_group', 'way', { min_size: 1, max_size: 1, vpc_zone_identifier: [s], launch_template: { id: '${aws_launch_template.way.id}', version: '$Latest' } });
      break;
    case 'function-url':
      fn();
      put('aws_lambda_function_url', 'way', { function_name: '${aws_lambda_function.fn.function_name}', authorization_type: 'NONE' });
      break;
    case 'api':
      fn();
      put('aws_apigatewayv2_integration', 'way', { api_id: 'api-1', integration_type: 'AWS_PROXY', integration_uri: '${aws_lambda_function.fn.arn}' });
      break;
    case 'app-runner':
      put('aws_apprunner_vpc_connector', 'c', { vpc_connector_name: 'c', subnets: [s], security_groups: [] });
      put('aws_apprunner_service', 'way', {
        service_name: 'svc',
        network_configuration: { egress_configuration: { egress_type: 'VPC', vpc_connector_arn: '${aws_apprunner_vpc_connector.c.arn}' }, ingress_configuration: { is_publicly_accessible: true } },
      });
      break;
    case 'transfer':
      put('aws_transfer_server', 'way', { endpoint_type: 'VPC', endpoint_details: { vpc_id: vpc, subnet_ids: [s], address_allocation_ids: ['eipalloc-1'] } });
      break;
    case 'eks': put('aws_eks_cluster', 'way', { name: 'c', role_arn: 'arn:aws:iam::123456789012:role/r', vpc_config: { subnet_ids: [s], endpoint_public_access: true } }); break;
    case 'rds':
      put('aws_db_subnet_group', 'g', { name: 'g', subnet_ids: [s] });
      put('aws_db_instance', 'way', { engine: 'postgres', instance_class: 'db.t4g.micro', publicly_accessible: true, db_subnet_group_name: '${aws_db_subnet_group.g.name}' });
      break;
    case 'client-vpn': put('aws_ec2_client_vpn_network_association', 'way', { client_vpn_endpoint_id: 'cvpn-endpoint-1', subnet_id: s }); break;
    case 'appstream': put('aws_appstream_fleet', 'way', { name: 'f', instance_type: 'stream.standard.small', vpc_config: { subnet_ids: [s] } }); break;
    case 'secure-browser': put('aws_workspacesweb_network_settings', 'way', { vpc_id: vpc, subnet_ids: [s], security_group_ids: [] }); break;
    case 'workspaces': put('aws_workspaces_directory', 'way', { directory_id: 'd-1', subnet_ids: [s] }); break;
    case 'classic': put('aws_elb', 'way', { subnets: [s], listener: [{ lb_port: 25, lb_protocol: 'tcp', instance_port: 25, instance_protocol: 'tcp' }] }); break;
    case 'cloud9': put('aws_cloud9_environment_ec2', 'way', { name: 'c', instance_type: 't3.small', image_id: 'amazonlinux-2023-x86_64', subnet_id: s }); break;
    case 'instance-connect': put('aws_ec2_instance_connect_endpoint', 'way', { subnet_id: s }); break;
  }
  return extractTerraform({ prefecture: config });
}

/** What SC-3 calls each way in, and how its fix closes it (the setting, or removing it). */
const WAYS: Record<Way, { name: Record<'CloudFormation' | 'Terraform', string>; fix: RegExp; address?: boolean }> = {
  'instance': { name: { CloudFormation: 'a public IP address of an instance', Terraform: 'a public IP address of an instance' }, fix: /^ask for no public IP address/, address: true },
  'eip': { name: { CloudFormation: 'an Elastic IP address', Terraform: 'an Elastic IP address' }, fix: /^associate it with no instance or network interface/, address: true },
  'ecs': { name: { CloudFormation: 'public IP addresses of ECS tasks', Terraform: 'public IP addresses of ECS tasks' }, fix: /^set AssignPublicIp to DISABLED/, address: true },
  'template': {
    name: { CloudFormation: 'public IP addresses of the instances a launch template starts', Terraform: 'public IP addresses of the instances a launch template starts' },
    fix: /^ask for no public IP address in the launch template/,
    address: true,
  },
  'function-url': { name: { CloudFormation: 'a Lambda function URL', Terraform: 'a Lambda function URL' }, fix: /^remove the Lambda function URL: / },
  'api': {
    name: { CloudFormation: 'an API Gateway API invoking a Lambda function', Terraform: 'an API Gateway API invoking a Lambda function' },
    fix: /^remove the API Gateway API invoking a Lambda function: /,
  },
  'app-runner': {
    name: { CloudFormation: 'a public App Runner service with a VPC connector', Terraform: 'a public App Runner service with a VPC connector' },
    fix: /^make the service private \(IsPubliclyAccessible/,
  },
  'transfer': {
    name: { CloudFormation: 'an internet-facing Transfer Family server', Terraform: 'an internet-facing Transfer Family server' },
    fix: /^give the server's VPC endpoint no Elastic IP address/,
    address: true,
  },
  'eks': { name: { CloudFormation: 'the public API endpoint of an EKS cluster', Terraform: 'the public API endpoint of an EKS cluster' }, fix: /^turn the public API endpoint off/ },
  'rds': {
    name: { CloudFormation: 'a publicly accessible database or replication instance', Terraform: 'a publicly accessible database or replication instance' },
    fix: /^make it private \(PubliclyAccessible/,
    address: true,
  },
  'client-vpn': { name: { CloudFormation: 'a Client VPN endpoint', Terraform: 'a Client VPN endpoint' }, fix: /^remove the Client VPN endpoint: / },
  'appstream': { name: { CloudFormation: 'an AppStream fleet or image builder', Terraform: 'an AppStream fleet or image builder' }, fix: /^remove the AppStream fleet or image builder: / },
  'secure-browser': { name: { CloudFormation: 'a WorkSpaces Secure Browser portal', Terraform: 'a WorkSpaces Secure Browser portal' }, fix: /^remove the WorkSpaces Secure Browser portal: / },
  'workspaces': { name: { CloudFormation: 'a WorkSpaces Secure Browser portal', Terraform: 'Amazon WorkSpaces desktops' }, fix: /^remove (the WorkSpaces Secure Browser portal|Amazon WorkSpaces desktops): / },
  'classic': { name: { CloudFormation: 'an internet-facing Classic Load Balancer', Terraform: 'an internet-facing Classic Load Balancer' }, fix: /^make it internal \(Scheme: internal/ },
  'cloud9': { name: { CloudFormation: 'a Cloud9 environment connecting by SSH', Terraform: 'a Cloud9 environment connecting by SSH' }, fix: /^use ConnectionType \(connection_type\) CONNECT_SSM/, address: true },
  'instance-connect': { name: { CloudFormation: 'an EC2 Instance Connect Endpoint', Terraform: 'an EC2 Instance Connect Endpoint' }, fix: /^remove the EC2 Instance Connect Endpoint: / },
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(['CloudFormation', 'Terraform'] as const)('SC-3 over every other way the internet gets into the hub or a member (%s)', (engine) => {
  const graphOf = engine === 'CloudFormation' ? cfnWay : tfWay;
  const check = (way: Way, place: Place) => sc3(checkTopology(graphOf(way, place), { model: NetworkModel.ALPHA }));
  const ways = Object.keys(WAYS) as Way[];

  test.each(ways)('refuses %s in the hub\'s services subnet, naming it', (way) => {
    const findings = check(way, 'hub');
    const name = WAYS[way].name[engine];
    const hit = findings.find((f) => f.message.startsWith(`${name} lets the internet into subnet `));
    expect(findings.map(formatFinding).join('\n')).toMatch(new RegExp(`SC-3 error .*${escape(name)} lets the internet into subnet \\S+ of the hub, around the public web and mail relay entrances`));
    expect(hit?.fix).toMatch(WAYS[way].fix);
    for (const f of findings) expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
  });

  test.each(ways)('refuses %s in member A, behind its own internet gateway', (way) => {
    const name = WAYS[way].name[engine];
    expect(check(way, 'member-igw').map(formatFinding).join('\n'))
      .toMatch(new RegExp(`SC-3 error .*${escape(name)} lets the internet into subnet \\S+ of member VPC \\S+, which takes no internet ingress`));
  });

  // Without an internet gateway in its VPC nothing on the internet reaches a public IP address; every other way in is
  // AWS's own front door (an endpoint, a URL, a streaming gateway) and needs none.
  test.each(ways)('%s in member A without an internet gateway: refused unless it is a public IP address', (way) => {
    const name = WAYS[way].name[engine];
    const found = check(way, 'member').filter((f) => f.message.startsWith(`${name} lets the internet into`));
    expect(found.length > 0).toBe(!WAYS[way].address);
  });

  // GUARD-1 refuses every way in that ends in the My Number or LGWAN segment (never acknowledged); SC-3 judges what it
  // leaves to the SC rules, the hub and the members' Internet segments, and does not say it twice (it did for an
  // Instance Connect Endpoint).
  test.each(['instance-connect', 'client-vpn', 'function-url'] as Way[])('%s in an LGWAN segment of member A: GUARD-1\'s, not SC-3\'s', (way) => {
    const findings = checkTopology(graphOf(way, 'member-lgwan'), { model: NetworkModel.ALPHA });
    expect(sc3(findings).map(formatFinding)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'GUARD-1').map(formatFinding).join('\n')).toMatch(/ GUARD-1 critical .*opens a path between .* of the LGWAN segment/);
  });

  test('member A\'s own internet gateway alone is no way in SC-3 judges (the tests above add one)', () => {
    expect(sc3(checkTopology(engine === 'CloudFormation' ? extractCloudFormation(prefectureCfn({ memberIgw: true })) : extractTerraform({ prefecture: prefectureTf({ memberIgw: true }) }),
      { model: NetworkModel.ALPHA })).map(formatFinding)).toEqual([]);
  });
});

/**
 * A Global Accelerator custom routing accelerator (Terraform; CloudFormation has none) forwards the internet's traffic to
 * the instances in the subnets its endpoint group lists. Outside tester, red team 49: in the hub or a member's Internet
 * segment it was no way in for SC-3 (an unknown occupant there, and GUARD-2 judges only closed segments).
 */
describe('SC-3 over a Global Accelerator custom routing endpoint group (Terraform)', () => {
  const check = (place: 'hub' | 'member') => {
    const config = prefectureTf();
    const r = config.resource as Record<string, Record<string, any>>;
    r.aws_globalaccelerator_custom_routing_endpoint_group = {
      way: {
        listener_arn: 'arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l',
        destination_configuration: [{ from_port: 443, to_port: 443, protocols: ['TCP'] }],
        endpoint_configuration: [{ endpoint_id: place === 'hub' ? '${aws_subnet.hub_services.id}' : '${aws_subnet.a.id}' }],
      },
    };
    return sc3(checkTopology(extractTerraform({ prefecture: config }), { model: NetworkModel.ALPHA })).map(formatFinding).join('\n');
  };
  test('in the hub\'s services subnet: refused', () => {
    expect(check('hub')).toMatch(/SC-3 error .*a Global Accelerator endpoint group lets the internet into subnet \S+ of the hub, around the public web and mail relay entrances/);
  });
  test('in member A: refused', () => {
    expect(check('member')).toMatch(/SC-3 error .*a Global Accelerator endpoint group lets the internet into subnet \S+ of member VPC \S+, which takes no internet ingress/);
  });
});

/** A Spot Instance request (Terraform) with a public IP address is an instance's (outside tester, red team 49: SC-3 passed it). */
test('SC-3 over a Spot Instance request with a public IP address in the hub (Terraform)', () => {
  const config = prefectureTf();
  (config.resource as Record<string, Record<string, any>>).aws_spot_instance_request = {
    way: { ami: 'ami-1', instance_type: 't3.micro', subnet_id: '${aws_subnet.hub_services.id}', associate_public_ip_address: true },
  };
  expect(sc3(checkTopology(extractTerraform({ prefecture: config }), { model: NetworkModel.ALPHA })).map(formatFinding).join('\n'))
    .toMatch(/SC-3 error .*a public IP address of an instance lets the internet into subnet \S+ of the hub/);
});
