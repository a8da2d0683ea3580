import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { hubProps } from './fixtures';
import { SecurityCloud } from '../../src/cdk';
import { SecurityCloudProps } from '../../src/model/security-cloud';

function synth(props: SecurityCloudProps = hubProps()): { template: Template; hub: SecurityCloud; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'Hub', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const hub = new SecurityCloud(stack, 'SecurityCloud', props);
  return { template: Template.fromStack(stack), hub, stack };
}

describe('SecurityCloud (AWS CDK)', () => {
  const { template, hub, stack } = synth();
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: any }>;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const refOf = (logicalId: string) => ({ Ref: logicalId });

  test('every taggable resource carries jichitai:security-cloud=hub; function resources their jichitai:hub-function', () => {
    const tagged = Object.entries(resources).filter(([, r]) => Array.isArray(r.Properties?.Tags));
    expect(tagged.length).toBeGreaterThan(40);
    for (const [id, r] of tagged) {
      expect([id, r.Properties.Tags]).toEqual([id, expect.arrayContaining([expect.objectContaining({ Key: 'jichitai:security-cloud', Value: 'hub' })])]);
    }
    // What has no Tags is a type CloudFormation cannot tag (associations, routes, policies, ...), nothing else.
    const untaggable = new Set([
      'AWS::EC2::LaunchTemplate', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::TransitGatewayRouteTableAssociation',
      'AWS::EC2::TransitGatewayRouteTablePropagation', 'AWS::EC2::TransitGatewayRoute', 'AWS::EC2::VPCGatewayAttachment', 'AWS::IAM::InstanceProfile', 'AWS::Logs::SubscriptionFilter',
      'AWS::NetworkFirewall::LoggingConfiguration', 'AWS::Route53Resolver::FirewallConfig', 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation',
      'AWS::S3::BucketPolicy', 'AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy', 'AWS::WAFv2::LoggingConfiguration', 'AWS::WAFv2::WebACLAssociation',
    ]);
    expect(Object.values(resources).filter((r) => !Array.isArray(r.Properties?.Tags) && !untaggable.has(r.Type)).map((r) => r.Type)).toEqual([]);
    // The launch templates tag what they launch.
    for (const [, lt] of ofType('AWS::EC2::LaunchTemplate')) {
      for (const spec of lt.Properties.LaunchTemplateData.TagSpecifications) expect(spec.Tags).toContainEqual({ Key: 'jichitai:security-cloud', Value: 'hub' });
    }
    const fn = (type: string) => ofType(type).map(([, r]) => r.Properties.Tags.find((t: any) => t.Key === 'jichitai:hub-function')?.Value);
    expect(fn('AWS::NetworkFirewall::Firewall')).toEqual(['inspection', 'inspection']);
    expect(fn('AWS::S3::Bucket')).toEqual(['siem']);
    expect(fn('AWS::WAFv2::WebACL')).toEqual(['public-web']);
    expect(fn('AWS::Route53Resolver::ResolverEndpoint')).toEqual(['dns']);
    expect(fn('AWS::SNS::Topic')).toEqual(['monitoring']);
    expect(new Set(fn('AWS::AutoScaling::AutoScalingGroup'))).toEqual(new Set(['proxy', 'mail-relay']));
  });

  test('transit gateway: no default tables; the hub table with the hub attachment and a static route to the cross-account member; its own table holds the hub only', () => {
    template.hasResourceProperties('AWS::EC2::TransitGateway', { DefaultRouteTableAssociation: 'disable', DefaultRouteTablePropagation: 'disable', AutoAcceptSharedAttachments: 'disable' });
    const tables = ofType('AWS::EC2::TransitGatewayRouteTable');
    expect(tables).toHaveLength(2);
    const [hubAttachment] = ofType('AWS::EC2::TransitGatewayAttachment').map(([id]) => id);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const hubTable = ofType('AWS::EC2::TransitGatewayRouteTableAssociation')
      .find(([, r]) => same(r.Properties.TransitGatewayAttachmentId, refOf(hubAttachment)))![1].Properties.TransitGatewayRouteTableId;
    const memberTable = tables.map(([id]) => refOf(id)).find((t) => JSON.stringify(t) !== JSON.stringify(hubTable))!;
    const propagations = ofType('AWS::EC2::TransitGatewayRouteTablePropagation').map(([, r]) => r.Properties);
    // Into the member's table: the hub VPC attachment, nothing else (no other member).
    const into = (table: unknown) => propagations.filter((p) => same(p.TransitGatewayRouteTableId, table)).map((p) => p.TransitGatewayAttachmentId);
    expect(into(memberTable)).toEqual([refOf(hubAttachment)]);
    // Into the hub table: nothing propagated from another account; a static route to the member's declared Internet
    // segment block instead (what that account's VPC announces is not trusted).
    expect(into(hubTable)).toEqual([]);
    const member = hubProps().members!.find((m) => m.attachmentId === 'tgw-attach-0123456789abcdef0')!;
    expect(ofType('AWS::EC2::TransitGatewayRoute').map(([, r]) => r.Properties)).toEqual([
      { TransitGatewayRouteTableId: hubTable, DestinationCidrBlock: member.internetCidr, TransitGatewayAttachmentId: 'tgw-attach-0123456789abcdef0' },
    ]);
    template.hasResourceProperties('AWS::EC2::TransitGatewayRouteTableAssociation', { TransitGatewayAttachmentId: 'tgw-attach-0123456789abcdef0', TransitGatewayRouteTableId: memberTable });
  });

  test('inspection firewall: strict order, default drop_strict + alert_strict, logs to the SIEM bucket', () => {
    template.hasResourceProperties('AWS::NetworkFirewall::FirewallPolicy', {
      FirewallPolicy: Match.objectLike({
        StatelessDefaultActions: ['aws:forward_to_sfe'],
        StatefulDefaultActions: ['aws:drop_strict', 'aws:alert_strict'],
        StatefulEngineOptions: { RuleOrder: 'STRICT_ORDER' },
      }),
    });
    template.resourceCountIs('AWS::NetworkFirewall::LoggingConfiguration', 2);
    const bucketId = ofType('AWS::S3::Bucket')[0][0];
    template.hasResourceProperties('AWS::NetworkFirewall::LoggingConfiguration', {
      LoggingConfiguration: {
        LogDestinationConfigs: Match.arrayWith([Match.objectLike({ LogType: 'ALERT', LogDestination: { bucketName: refOf(bucketId), prefix: 'hub/network-firewall/alert' } })]),
      },
    });
  });

  test('SIEM bucket: aws-waf-logs- name, encrypted, versioned, public access blocked, TLS only, retention, log delivery allowed', () => {
    const [[bucketId, bucket]] = ofType('AWS::S3::Bucket');
    expect(JSON.stringify(bucket.Properties.BucketName)).toMatch(/aws-waf-logs-/);
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(400);
    expect(bucket.Properties.BucketEncryption).toBeDefined();
    const policy = ofType('AWS::S3::BucketPolicy')[0][1].Properties;
    expect(policy.Bucket).toEqual(refOf(bucketId));
    const statements = policy.PolicyDocument.Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'delivery.logs.amazonaws.com' }, Action: 's3:PutObject' }));
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3' });
    // Proxy and mail logs: a subscription to a Firehose stream writing under hub/proxy/ and hub/mail/.
    template.resourceCountIs('AWS::Logs::SubscriptionFilter', 2);
    for (const prefix of ['hub/proxy/', 'hub/mail/']) {
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', { ExtendedS3DestinationConfiguration: Match.objectLike({ Prefix: prefix }) });
    }
  });

  test('public web: internet-facing ALB, HTTPS with the certificate, IP targets outside the VPC, WAF with the SQL-injection rules, Shield', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'application', Scheme: 'internet-facing' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Port: 443, Certificates: [{ CertificateArn: hubProps().publicWeb!.certificateArn }] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip', Targets: [{ Id: '10.11.2.80', Port: 443, AvailabilityZone: 'all' }, { Id: '10.11.3.80', Port: 443, AvailabilityZone: 'all' }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['www.city-a.example.lg.jp'] } }] });
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } } })]),
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    template.resourceCountIs('AWS::Shield::Protection', 1);
  });

  test('proxy, relay, DNS: internal NLB on 8080 and 25, internet NLB on 25 only, Resolver inbound on the planned addresses', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'TCP', Port: 8080 });
    const nlbs = ofType('AWS::ElasticLoadBalancingV2::LoadBalancer').filter(([, r]) => r.Properties.Type === 'network');
    expect(nlbs.map(([, r]) => r.Properties.Scheme).sort()).toEqual(['internal', 'internet-facing']);
    const publicNlb = nlbs.find(([, r]) => r.Properties.Scheme === 'internet-facing')![0];
    const listeners = ofType('AWS::ElasticLoadBalancingV2::Listener').filter(([, r]) => JSON.stringify(r.Properties.LoadBalancerArn) === JSON.stringify(refOf(publicNlb)));
    expect(listeners.map(([, r]) => [r.Properties.Protocol, r.Properties.Port])).toEqual([['TCP', 25]]);
    const endpoint = ofType('AWS::Route53Resolver::ResolverEndpoint')[0][1].Properties;
    expect(endpoint.Direction).toBe('INBOUND');
    expect(endpoint.IpAddresses.map((a: any) => a.Ip)).toEqual(hub.dnsAddresses);
    template.hasResourceProperties('AWS::Route53Resolver::FirewallConfig', { FirewallFailOpen: 'DISABLED' });
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 1);
    // The launch templates carry the plan's user data (base64 by CloudFormation) on Debian 12.
    for (const [, lt] of ofType('AWS::EC2::LaunchTemplate')) {
      expect(lt.Properties.LaunchTemplateData.ImageId).toBe('resolve:ssm:/aws/service/debian/release/12/latest/amd64');
      expect(lt.Properties.LaunchTemplateData.UserData['Fn::Base64']).toMatch(/^#!\/bin\/bash\n/);
    }
  });

  test('alarms notify the topic: status checks, service checks, the URL check', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, r]) => r.Properties);
    expect(alarms.map((a) => a.MetricName).sort()).toEqual(['HealthyHostCount', 'HealthyHostCount', 'StatusCheckFailed', 'StatusCheckFailed', 'UnHealthyHostCount']);
    const topic = ofType('AWS::SNS::Topic')[0][0];
    for (const a of alarms) expect(a.AlarmActions).toEqual([refOf(topic)]);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'soc@pref.example.lg.jp' });
  });

  test('connectionFor: the hub\'s attributes for a same-app member; refused for a cross-account member or a bad code', () => {
    const c = stack.resolve(hub.connectionFor('132012'));
    expect(c.hubCidr).toBe('10.200.0.0/20');
    expect(c.dnsAddresses).toEqual(hub.dnsAddresses);
    expect(c.transitGatewayId).toEqual(refOf(ofType('AWS::EC2::TransitGateway')[0][0]));
    expect(c.hubAttachmentId).toEqual(refOf(ofType('AWS::EC2::TransitGatewayAttachment')[0][0]));
    expect(c.siemBucketArn).toEqual({ 'Fn::GetAtt': [ofType('AWS::S3::Bucket')[0][0], 'Arn'] });
    expect(JSON.stringify(c.proxyEndpoint)).toContain(':8080');
    expect(() => hub.connectionFor('131016')).toThrow(/declared with an attachmentId/);
    expect(() => hub.connectionFor('1310')).toThrow(/not a local government code/);
  });

  test('refused props throw before anything joins the tree', () => {
    const app = new App();
    const s = new Stack(app, 'Bad');
    expect(() => new SecurityCloud(s, 'Hub', { ...hubProps(), cidr: '10.200.0.0/24', mailRelayHostname: 'x' })).toThrow(/2 errors/);
    expect(s.node.children).toHaveLength(0);
  });

  test('the same props synthesize the same template', () => {
    expect(JSON.stringify(synth().template.toJSON())).toBe(JSON.stringify(template.toJSON()));
  });
});
