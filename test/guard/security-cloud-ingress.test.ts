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
type Kind = 'vpc-origin' | 'accelerator' | 'cross-account' | 'rest-link' | 'http-link' | 'instance-connect';

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
