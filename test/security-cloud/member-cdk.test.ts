/**
 * A member of the prefecture security cloud hub synthesized with AWS CDK, without the guard (the hub is not built here,
 * and the guard refuses, failing closed, a transit gateway it cannot see): the hub attachment, the routes to the hub
 * CIDR and no default route, DNS forwarding, the SIEM prefix, the tags, the same-app membership on the hub's
 * transit gateway, and cross-stack references that go member → hub only.
 */
import { App, Stack, aws_ec2 as ec2, aws_s3 as s3 } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CROSS_ACCOUNT_HUB, HUB, member } from './member-fixtures';
import { alphaPrime, beta } from '../../examples/blueprints';
import { cdk, ISecurityCloud, MunicipalNetworkBlueprintProps, SecurityCloudConnectionProps } from '../../src';

const ENV = { region: 'ap-northeast-1' };
type Resources = Record<string, { Type: string; Properties?: any; DependsOn?: string[] }>;

/** Synthesize without running validations (the topology guard is one). */
function synth(props: cdk.MunicipalNetworkProps): { template: Template; json: any; network: cdk.MunicipalNetwork } {
  const app = new App();
  const stack = new Stack(app, 'Member', { env: ENV });
  const network = new cdk.MunicipalNetwork(stack, 'Network', props);
  const json = app.synth({ skipValidation: true }).getStackByName('Member').template;
  return { template: Template.fromJSON(json), json, network };
}
const ofType = (json: any, type: string): Resources =>
  Object.fromEntries(Object.entries(json.Resources as Resources).filter(([, r]) => r.Type === type));
const tag = (r: { Properties?: any }, key: string) => (r.Properties?.Tags ?? []).find((t: any) => t.Key === key)?.Value;
const refOf = (v: any) => v?.Ref;

describe('β member, literal hub IDs', () => {
  const { json } = synth(member());

  test('the Internet VPC has a second attachment, to the hub\'s transit gateway, in its transit subnets', () => {
    const attachments = ofType(json, 'AWS::EC2::TransitGatewayAttachment');
    const toHub = Object.entries(attachments).filter(([, a]) => a.Properties.TransitGatewayId === HUB.transitGatewayId);
    expect(toHub).toHaveLength(1);
    const [, hubAttachment] = toHub[0];
    expect(tag(hubAttachment, 'jichitai:segment')).toBe('INTERNET');
    const subnets = ofType(json, 'AWS::EC2::Subnet');
    const transit = Object.entries(subnets).filter(([, s]) => tag(s, 'jichitai:segment') === 'INTERNET' && tag(s, 'jichitai:subnet-role') === 'transit').map(([id]) => id);
    expect(hubAttachment.Properties.SubnetIds.map(refOf).sort()).toEqual(transit.sort());
    // Three VPC attachments to the member's own gateway, one to the hub's.
    expect(Object.values(attachments).filter((a) => refOf(a.Properties.TransitGatewayId))).toHaveLength(3);
  });

  test('routes to the hub: the hub CIDR only, from the Internet workload and endpoint tables, after the attachment', () => {
    const routes = Object.values(ofType(json, 'AWS::EC2::Route')).filter((r) => r.Properties.TransitGatewayId === HUB.transitGatewayId);
    expect(routes).toHaveLength(4);
    const hubAttachmentId = Object.entries(ofType(json, 'AWS::EC2::TransitGatewayAttachment')).find(([, a]) => a.Properties.TransitGatewayId === HUB.transitGatewayId)![0];
    const tables = ofType(json, 'AWS::EC2::RouteTable');
    for (const r of routes) {
      expect(r.Properties.DestinationCidrBlock).toBe('172.31.0.0/16');
      const table = tables[refOf(r.Properties.RouteTableId)];
      expect(tag(table, 'jichitai:segment')).toBe('INTERNET');
      expect(tag(table, 'Name')).toMatch(/^Internet-(workload|endpoints)-[12]$/);
      expect(r.DependsOn).toContain(hubAttachmentId);
    }
  });

  test('no default route anywhere, and nothing of the security cloud on the member\'s own transit gateway', () => {
    expect(Object.values(ofType(json, 'AWS::EC2::Route')).filter((r) => r.Properties.DestinationCidrBlock === '0.0.0.0/0')).toEqual([]);
    // One customer gateway: the LGWAN WAN's; no VPN to a security cloud.
    expect(Object.values(ofType(json, 'AWS::EC2::CustomerGateway')).map((c) => c.Properties.IpAddress)).toEqual(['203.0.113.10']);
    const ownTables = Object.values(ofType(json, 'AWS::EC2::TransitGatewayRouteTable')).filter((t) => refOf(t.Properties.TransitGatewayId));
    expect(ownTables.map((t) => tag(t, 'jichitai:zone')).sort()).toEqual(['INTERNET', 'LGWAN', 'LGWAN_WAN', 'MY_NUMBER']);
    const tgwRoutes = Object.values(ofType(json, 'AWS::EC2::TransitGatewayRoute'));
    for (const r of tgwRoutes.filter((x) => x.Properties.DestinationCidrBlock === '0.0.0.0/0')) expect(r.Properties.Blackhole).toBe(true);
  });

  test('every name is forwarded to the hub\'s DNS through the outbound endpoint in the endpoint subnets', () => {
    const rules = Object.values(ofType(json, 'AWS::Route53Resolver::ResolverRule'));
    expect(rules.map((r) => [r.Properties.DomainName, r.Properties.RuleType, r.Properties.TargetIps])).toEqual([
      ['.', 'FORWARD', [{ Ip: '172.31.1.10', Port: '53' }, { Ip: '172.31.2.10', Port: '53' }]],
    ]);
    const [endpoint] = Object.values(ofType(json, 'AWS::Route53Resolver::ResolverEndpoint'));
    const subnets = ofType(json, 'AWS::EC2::Subnet');
    for (const a of endpoint.Properties.IpAddresses) expect(tag(subnets[refOf(a.SubnetId)], 'jichitai:subnet-role')).toBe('endpoints');
  });

  test('flow logs go to the hub\'s SIEM under members/<code>/, and no log bucket is created', () => {
    const destinations = Object.values(ofType(json, 'AWS::EC2::FlowLog')).map((f) => f.Properties.LogDestination).sort();
    expect(destinations).toEqual(['internet', 'lgwan', 'mynumber'].map((s) => `arn:aws:s3:::aws-waf-logs-example-pref-siem/members/131016/vpc-flow-logs/${s}/`));
    expect(ofType(json, 'AWS::S3::Bucket')).toEqual({});
  });

  test('every tagged resource carries jichitai:municipality = the local government code', () => {
    const tagged = Object.entries(json.Resources as Resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(50);
    for (const [id, r] of tagged) {
      expect([id, tag(r, 'jichitai:municipality')]).toEqual([id, '131016']);
      expect([id, tag(r, 'jichitai:municipality-name')]).toEqual([id, 'Sample City']);
    }
  });

  test('same app: the member\'s own table on the hub\'s gateway, its association, and both propagations', () => {
    const hubAttachmentId = Object.entries(ofType(json, 'AWS::EC2::TransitGatewayAttachment')).find(([, a]) => a.Properties.TransitGatewayId === HUB.transitGatewayId)![0];
    const tables = Object.entries(ofType(json, 'AWS::EC2::TransitGatewayRouteTable')).filter(([, t]) => t.Properties.TransitGatewayId === HUB.transitGatewayId);
    expect(tables).toHaveLength(1);
    const [memberTable] = tables[0];
    const associations = Object.values(ofType(json, 'AWS::EC2::TransitGatewayRouteTableAssociation'))
      .filter((a) => refOf(a.Properties.TransitGatewayRouteTableId) === memberTable);
    expect(associations.map((a) => refOf(a.Properties.TransitGatewayAttachmentId))).toEqual([hubAttachmentId]);
    const propagations = Object.values(ofType(json, 'AWS::EC2::TransitGatewayRouteTablePropagation')).map((p) => p.Properties);
    expect(propagations).toHaveLength(2);
    expect(propagations).toContainEqual({ TransitGatewayAttachmentId: HUB.hubAttachmentId, TransitGatewayRouteTableId: { Ref: memberTable } });
    expect(propagations).toContainEqual({ TransitGatewayAttachmentId: { Ref: hubAttachmentId }, TransitGatewayRouteTableId: HUB.hubRouteTableId });
  });
});

test('across accounts: the attachment only (the hub\'s owner creates the member\'s table)', () => {
  const { json } = synth(member(beta, CROSS_ACCOUNT_HUB));
  expect(Object.values(ofType(json, 'AWS::EC2::TransitGatewayAttachment')).filter((a) => a.Properties.TransitGatewayId === HUB.transitGatewayId)).toHaveLength(1);
  expect(ofType(json, 'AWS::EC2::TransitGatewayRouteTablePropagation')).toEqual({});
  expect(Object.values(ofType(json, 'AWS::EC2::TransitGatewayRouteTable')).filter((t) => t.Properties.TransitGatewayId === HUB.transitGatewayId)).toEqual([]);
});

test('α′ member: the breakout firewall logs to the hub\'s SIEM under members/<code>/network-firewall/', () => {
  const { json } = synth(member(alphaPrime));
  const configs = Object.values(ofType(json, 'AWS::NetworkFirewall::LoggingConfiguration')).flatMap((c) => c.Properties.LoggingConfiguration.LogDestinationConfigs);
  expect(configs.length).toBeGreaterThan(0);
  for (const c of configs) {
    expect(c.LogDestination.bucketName).toBe('aws-waf-logs-example-pref-siem');
    expect(c.LogDestination.prefix).toMatch(/^members\/131016\/network-firewall\/breakout\/(alert|flow)$/);
  }
});

test('securityCloud: hub gives the same template as the hub\'s attributes written in the blueprint', () => {
  const asked: string[] = [];
  const hub: ISecurityCloud = { connectionFor: (code) => { asked.push(code); return HUB; } };
  const { internet: _, ...base } = member();
  const built = synth({ ...base, securityCloud: hub });
  const sugar = built.json;
  expect(built.network.securityCloudProxyEndpoint).toBe('proxy.pref.example.lg.jp:8080');
  expect(built.network.securityCloudRouteTableId).toBeDefined();
  expect(asked).toEqual(['131016']);
  expect(JSON.stringify(sugar)).toBe(JSON.stringify(synth(member()).json));
  expect(() => synth({ ...member(), securityCloud: hub })).toThrow(/\[securityCloud\] is given with internet\.securityCloudHub/);
});

describe('a hub in another stack of the same app: tokens and cross-stack references, member → hub only', () => {
  const app = new App();
  const hubStack = new Stack(app, 'Hub', { env: ENV });
  const tgw = new ec2.CfnTransitGateway(hubStack, 'Tgw', { defaultRouteTableAssociation: 'disable', defaultRouteTablePropagation: 'disable' });
  const vpc = new ec2.CfnVPC(hubStack, 'Vpc', { cidrBlock: '172.31.0.0/16' });
  const subnet = new ec2.CfnSubnet(hubStack, 'Transit', { vpcId: vpc.ref, cidrBlock: '172.31.0.0/28', availabilityZone: 'ap-northeast-1a' });
  const hubAttachment = new ec2.CfnTransitGatewayAttachment(hubStack, 'Attachment', { transitGatewayId: tgw.ref, vpcId: vpc.ref, subnetIds: [subnet.ref] });
  const hubTable = new ec2.CfnTransitGatewayRouteTable(hubStack, 'HubTable', { transitGatewayId: tgw.ref });
  const siem = new s3.Bucket(hubStack, 'Siem');
  const connection: SecurityCloudConnectionProps = {
    transitGatewayId: tgw.ref,
    hubCidr: '172.31.0.0/16',
    dnsAddresses: ['172.31.1.10'],
    siemBucketArn: siem.bucketArn,
    hubRouteTableId: hubTable.ref,
    hubAttachmentId: hubAttachment.ref,
  };
  const hub: ISecurityCloud = { connectionFor: () => connection };
  const memberStack = new Stack(app, 'Member', { env: ENV });
  const { internet: _, ...base } = member();
  new cdk.MunicipalNetwork(memberStack, 'Network', { ...base, securityCloud: hub } as MunicipalNetworkBlueprintProps & cdk.MunicipalNetworkProps);
  const assembly = app.synth({ skipValidation: true });
  const hubJson = assembly.getStackByName('Hub').template;
  const memberJson = assembly.getStackByName('Member').template;

  test('the member imports the hub\'s gateway, tables, attachment and bucket; the hub imports nothing', () => {
    const text = JSON.stringify(memberJson);
    expect(text).toContain('Fn::ImportValue');
    expect(JSON.stringify(hubJson)).not.toContain('Fn::ImportValue');
    expect(Object.keys(hubJson.Outputs ?? {}).length).toBeGreaterThanOrEqual(4);
    const imported = (v: any) => JSON.stringify(v).includes('Fn::ImportValue');
    const attachment = Object.values(ofType(memberJson, 'AWS::EC2::TransitGatewayAttachment')).filter((a) => imported(a.Properties.TransitGatewayId));
    expect(attachment).toHaveLength(1);
    const propagations = Object.values(ofType(memberJson, 'AWS::EC2::TransitGatewayRouteTablePropagation'));
    expect(propagations.filter((p) => imported(p.Properties.TransitGatewayAttachmentId))).toHaveLength(1);
    expect(propagations.filter((p) => imported(p.Properties.TransitGatewayRouteTableId))).toHaveLength(1);
    for (const f of Object.values(ofType(memberJson, 'AWS::EC2::FlowLog'))) {
      expect(imported(f.Properties.LogDestination)).toBe(true);
      expect(JSON.stringify(f.Properties.LogDestination)).toContain('/members/131016/vpc-flow-logs/');
    }
  });

  test('the member depends on the hub, never the reverse (no cycle)', () => {
    expect(memberStack.dependencies).toContain(hubStack);
    expect(hubStack.dependencies).not.toContain(memberStack);
  });
});
