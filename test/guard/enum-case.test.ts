/**
 * Enumerations the readers ask "open or not" of (src/guard/enums.ts): only a value exactly as AWS documents one of the
 * closed values is read as closed; the same word in another case (`public_only`, `vpc`), or a value AWS does not list,
 * is read as the open value, as an expression is (docs/guard-semantics.md §2, "Enumerations"). Both engines, on one
 * LGWAN subnet.
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { formatFinding } from '../../src/guard/rule';

const cfnNetwork = {
  LgVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'LGWAN' }] } },
  LgSub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'LgVpc' }, CidrBlock: '10.1.0.0/24' } },
  Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: 'r', Code: { ZipFile: 'x' }, VpcConfig: { SubnetIds: [{ Ref: 'LgSub' }], SecurityGroupIds: [] } } },
};

function cfn(type: string, properties: unknown, others: Record<string, unknown> = {}): TopologyGraph {
  return extractCloudFormation({ S: { Resources: { ...cfnNetwork, ...others, Bridge: { Type: type, Properties: properties } } } });
}

function tf(type: string, body: unknown, others: Record<string, Record<string, unknown>> = {}): TopologyGraph {
  const resource: Record<string, Record<string, unknown>> = {
    aws_vpc: { Lg: { cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'LGWAN' } } },
    aws_subnet: { Lg: { vpc_id: '${aws_vpc.Lg.id}', cidr_block: '10.1.0.0/24' } },
    aws_lambda_function: { fn: { function_name: 'fn', role: 'r', vpc_config: [{ subnet_ids: ['${aws_subnet.Lg.id}'], security_group_ids: [] }] } },
  };
  for (const [t, byName] of Object.entries(others)) resource[t] = { ...resource[t], ...byName };
  resource[type] = { ...resource[type], Bridge: body };
  return extractTerraform({ t: { resource } });
}

/** The GUARD-1 findings at a resource: a bridge into the LGWAN subnet. */
const bridges = (graph: TopologyGraph, id: string) => checkTopology(graph, { model: NetworkModel.ALPHA }).map(formatFinding)
  .filter((f) => f.startsWith(`[${id}] GUARD-1 critical`));
const LGWAN = /subnet (LgSub|aws_subnet\.Lg) of the LGWAN segment/;

describe('an enumeration is closed only when it is exactly a documented closed value; any other literal is read as open', () => {
  test('MWAA WebserverAccessMode: PRIVATE_ONLY is private; public_only (another case) is the web server on the internet', () => {
    const mwaa = (mode: string) => bridges(cfn('AWS::MWAA::Environment', { Name: 'e', NetworkConfiguration: { SubnetIds: [{ Ref: 'LgSub' }] }, WebserverAccessMode: mode }), 'Bridge');
    const tfMwaa = (mode: string) => bridges(tf('aws_mwaa_environment', { name: 'e', network_configuration: [{ subnet_ids: ['${aws_subnet.Lg.id}'] }], webserver_access_mode: mode }),
      'aws_mwaa_environment.Bridge');
    expect(mwaa('PRIVATE_ONLY')).toEqual([]);
    expect(tfMwaa('PRIVATE_ONLY')).toEqual([]);
    for (const mode of ['public_only', 'Private_Only', 'PRIVATE']) {
      expect(mwaa(mode)).toEqual([expect.stringMatching(LGWAN)]);
      expect(tfMwaa(mode)).toEqual([expect.stringMatching(LGWAN)]);
    }
  });

  test('SageMaker domain AppNetworkAccessType: VpcOnly is closed; vpconly is not', () => {
    const domain = (access: string) => bridges(cfn('AWS::SageMaker::Domain', { DomainName: 'd', SubnetIds: [{ Ref: 'LgSub' }], AppNetworkAccessType: access }), 'Bridge');
    const tfDomain = (access: string) => bridges(tf('aws_sagemaker_domain', { domain_name: 'd', subnet_ids: ['${aws_subnet.Lg.id}'], app_network_access_type: access }),
      'aws_sagemaker_domain.Bridge');
    expect(domain('VpcOnly')).toEqual([]);
    expect(tfDomain('VpcOnly')).toEqual([]);
    expect(domain('vpconly')).toEqual([expect.stringMatching(LGWAN)]);
    expect(tfDomain('VPCONLY')).toEqual([expect.stringMatching(LGWAN)]);
  });

  test('App Runner EgressType: DEFAULT leaves from App Runner\'s network; vpc (another case) enters the VPC', () => {
    const connector = { Conn: { Type: 'AWS::AppRunner::VpcConnector', Properties: { Subnets: [{ Ref: 'LgSub' }] } } };
    const service = (type: string) => bridges(cfn('AWS::AppRunner::Service',
      { NetworkConfiguration: { EgressConfiguration: { EgressType: type, VpcConnectorArn: { 'Fn::GetAtt': ['Conn', 'VpcConnectorArn'] } } } }, connector), 'Bridge');
    const tfService = (type: string) => bridges(tf('aws_apprunner_service', {
      service_name: 's',
      network_configuration: [{ egress_configuration: [{ egress_type: type, vpc_connector_arn: '${aws_apprunner_vpc_connector.c.arn}' }] }],
    }, { aws_apprunner_vpc_connector: { c: { subnets: ['${aws_subnet.Lg.id}'] } } }), 'aws_apprunner_service.Bridge');
    expect(service('DEFAULT')).toEqual([]);
    expect(tfService('DEFAULT')).toEqual([]);
    expect(service('vpc')).toEqual([expect.stringMatching(LGWAN)]);
    expect(tfService('vpc')).toEqual([expect.stringMatching(LGWAN)]);
  });

  test('Transfer Family EndpointType: PUBLIC and VPC_ENDPOINT are not in the VPC; vpc (another case) with Elastic IPs is internet-facing', () => {
    const server = (type: string) => bridges(cfn('AWS::Transfer::Server',
      { EndpointType: type, EndpointDetails: { VpcId: { Ref: 'LgVpc' }, SubnetIds: [{ Ref: 'LgSub' }], AddressAllocationIds: ['eipalloc-0123'] } }), 'Bridge');
    const tfServer = (type: string) => bridges(tf('aws_transfer_server',
      { endpoint_type: type, endpoint_details: { vpc_id: '${aws_vpc.Lg.id}', subnet_ids: ['${aws_subnet.Lg.id}'], address_allocation_ids: ['eipalloc-0123'] } }),
    'aws_transfer_server.Bridge');
    for (const closed of ['PUBLIC', 'VPC_ENDPOINT']) {
      expect(server(closed)).toEqual([]);
      expect(tfServer(closed)).toEqual([]);
    }
    expect(server('vpc')).toEqual([expect.stringMatching(LGWAN)]);
    expect(tfServer('Vpc')).toEqual([expect.stringMatching(LGWAN)]);
  });

  test('what invokes functions: a load balancer target group\'s TargetType, an AppSync data source\'s Type, a VPC Lattice target group\'s Type', () => {
    const fn = { 'Fn::GetAtt': ['Fn', 'Arn'] };
    const targets = (type: string) => bridges(cfn('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: type, Targets: [{ Id: fn }] }), 'Bridge');
    expect(targets('ip')).toEqual([]);
    expect(targets('Lambda')).toEqual([expect.stringMatching(LGWAN)]);
    const source = (type: string) => bridges(cfn('AWS::AppSync::DataSource', { ApiId: 'a', Name: 'd', Type: type, LambdaConfig: { LambdaFunctionArn: fn } }), 'Bridge');
    const tfSource = (type: string) => bridges(tf('aws_appsync_datasource',
      { api_id: 'a', name: 'd', type, lambda_config: [{ function_arn: '${aws_lambda_function.fn.arn}' }] }), 'aws_appsync_datasource.Bridge');
    expect(source('AMAZON_DYNAMODB')).toEqual([]);
    expect(tfSource('NONE')).toEqual([]);
    expect(source('aws_lambda')).toEqual([expect.stringMatching(LGWAN)]);
    expect(tfSource('Aws_Lambda')).toEqual([expect.stringMatching(LGWAN)]);
    const lattice = (type: string) => bridges(cfn('AWS::VpcLattice::TargetGroup', { Type: type, Targets: [{ Id: fn }] }), 'Bridge');
    expect(lattice('lambda')).toEqual(expect.arrayContaining([expect.stringMatching(/Targets\.Id .*subnet LgSub of the LGWAN segment/)]));
    const tfLattice = (type: string) => bridges(tf('aws_vpclattice_target_group_attachment',
      { target_group_identifier: '${aws_vpclattice_target_group.tg.id}', target: [{ id: '${aws_lambda_function.fn.arn}' }] },
      { aws_vpclattice_target_group: { tg: { name: 'tg', type } } }), 'aws_vpclattice_target_group_attachment.Bridge');
    expect(tfLattice('IP')).toEqual([]);
    expect(tfLattice('lambda')).toEqual([expect.stringMatching(LGWAN)]);
  });
});
