/**
 * The CDKTF `SecurityCloud` (自治体情報セキュリティクラウド): synthesized with cdktf's Testing helpers and read back
 * from cdk.tf.json. Expected values come from the plan (`planSecurityCloud`) or from the contract of issue 16 (which
 * route goes where, which tags every resource carries), never from the renderer.
 */
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
// Declares the cdktf matchers (toHaveResourceWithProperties...) for the type checker; Testing.setupJest registers them.
import 'cdktf/lib/testing/adapters/jest';
import { hubProps } from './fixtures';
import { tf } from '../../src';
import { HUB_FUNCTION_TAG_KEY, HubFunction, MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_HUB, SECURITY_CLOUD_TAG_KEY, SecurityCloudProps } from '../../src/model/security-cloud';
import { SEGMENT_TAG_KEY } from '../../src/model/segment';
import { HubTier, planSecurityCloud } from '../../src/plan/security-cloud';

Testing.setupJest();

const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

interface Synth {
  readonly json: string;
  readonly config: any;
  readonly hub: tf.SecurityCloud;
  readonly stack: TerraformStack;
}

function synth(props: SecurityCloudProps = hubProps(), app: App = Testing.app()): Synth {
  const stack = new TerraformStack(app, 'hub');
  const hub = new tf.SecurityCloud(stack, 'Hub', props);
  const c = hub.connectionFor('132012');
  // The attributes as outputs, to read what their tokens resolve to in the configuration.
  const outputs: Record<string, string> = {
    transitGatewayId: hub.transitGatewayId,
    hubRouteTableId: hub.hubRouteTableId,
    hubAttachmentId: hub.hubAttachmentId,
    siemBucketArn: hub.siemBucketArn,
    proxyEndpoint: hub.proxyEndpoint,
    vpcId: hub.vpcId,
    connTransitGatewayId: c.transitGatewayId,
    connSiemBucketArn: c.siemBucketArn,
    connHubRouteTableId: c.hubRouteTableId!,
    connHubAttachmentId: c.hubAttachmentId!,
    connProxyEndpoint: c.proxyEndpoint!,
  };
  for (const [key, value] of Object.entries(outputs)) new TerraformOutput(stack, key, { value });
  const json = Testing.synth(stack);
  return { json, config: JSON.parse(json), hub, stack };
}

/** What an attribute of the hub resolves to in the configuration (its output). */
const out = (config: any, key: string): string => config.output[key].value;

/** [logical id, body] of every resource of a type. */
const all = (config: any, type: string): [string, any][] => Object.entries(config.resource[type] ?? {});
/** The logical id of the one resource of `type` whose Name tag is `name`. */
function named(config: any, type: string, name: string): string {
  const found = all(config, type).filter(([, r]) => r.tags?.Name === name).map(([id]) => id);
  expect(found).toHaveLength(1);
  return found[0];
}
const ref = (type: string, id: string, attr = 'id') => `\${${type}.${id}.${attr}}`;

describe('CDKTF SecurityCloud (自治体情報セキュリティクラウド)', () => {
  const props = hubProps();
  const plan = planSecurityCloud(props);
  const { config, json, hub, stack } = synth(props);
  const n = (suffix: string) => `${plan.namePrefix}-${suffix}`;

  test('validates before joining the tree: bad props throw every problem, and leave no construct behind', () => {
    const s = new TerraformStack(Testing.app(), 'bad');
    expect(() => new tf.SecurityCloud(s, 'Hub', { ...hubProps(), cidr: '8.8.0.0/16', prefecture: '1 bad name' })).toThrow(/cidr[\s\S]*prefecture|prefecture[\s\S]*cidr/);
    expect(s.node.tryFindChild('Hub')).toBeUndefined();
  });

  test('the hub VPC and the plan\'s subnets, four tiers per AZ, none with public IPs on launch', () => {
    const vpcs = all(config, 'aws_vpc');
    expect(vpcs.map(([, v]) => v.cidr_block)).toEqual([props.cidr]);
    const subnets = all(config, 'aws_subnet').map(([, s]) => [s.cidr_block, s.availability_zone, s.map_public_ip_on_launch, s.vpc_id]).sort();
    expect(subnets).toEqual(plan.subnets.map((s) => [s.cidr, s.availabilityZone, false, ref('aws_vpc', vpcs[0][0])]).sort());
    expect(new Set(plan.subnets.map((s) => s.tier))).toEqual(new Set(Object.values(HubTier)));
    expect(plan.subnets).toHaveLength(4 * props.availabilityZones!.length);
  });

  test('routes per the contract: services → firewall of the AZ and RFC 1918 → TGW; firewall → NAT; public → IGW, services via firewall, RFC 1918 → TGW', () => {
    const tgw = ref('aws_ec2_transit_gateway', all(config, 'aws_ec2_transit_gateway')[0][0]);
    const igw = ref('aws_internet_gateway', all(config, 'aws_internet_gateway')[0][0]);
    const routes = all(config, 'aws_route').map(([, r]) => r);
    const of = (key: string) => routes.filter((r) => r.route_table_id === ref('aws_route_table', named(config, 'aws_route_table', n(key))));
    const target = (r: any) => r.transit_gateway_id ?? r.vpc_endpoint_id ?? r.nat_gateway_id ?? r.gateway_id;
    const servicesCidrs = plan.subnets.filter((s) => s.tier === HubTier.SERVICES).map((s) => s.cidr);
    for (const s of plan.subnets) {
      const table = of(s.routeTable);
      const dest = (d: string) => table.filter((r) => r.destination_cidr_block === d);
      const natId = all(config, 'aws_nat_gateway').find(([, g]) => g.subnet_id === ref('aws_subnet', named(config, 'aws_subnet', n(`public-${s.azIndex + 1}`))))![0];
      switch (s.tier) {
        case HubTier.TRANSIT:
          expect(table).toEqual([]);
          break;
        case HubTier.SERVICES:
          expect(dest('0.0.0.0/0').map((r) => r.vpc_endpoint_id)).toEqual([expect.stringContaining(`Firewall-${s.azIndex + 1}`)]);
          for (const c of RFC1918) expect(dest(c).map(target)).toEqual([tgw]);
          break;
        case HubTier.FIREWALL:
          expect(table.map((r) => [r.destination_cidr_block, r.nat_gateway_id])).toEqual([['0.0.0.0/0', ref('aws_nat_gateway', natId)]]);
          break;
        default:
          expect(dest('0.0.0.0/0').map(target)).toEqual([igw]);
          servicesCidrs.forEach((c, az) => expect(dest(c).map((r) => r.vpc_endpoint_id)).toEqual([expect.stringContaining(`Firewall-${az + 1}`)]));
          for (const c of RFC1918) expect(dest(c).map(target)).toEqual([tgw]);
      }
      // Exactly the plan's routes, nothing more.
      const planned = plan.routeTables.find((t) => t.key === s.routeTable)!.routes.map((r) => r.destination);
      expect(table.map((r) => r.destination_cidr_block).sort()).toEqual(planned.sort());
    }
  });

  test('transit gateway: no default tables; the hub table holds the hub attachment and a static route to each cross-account member, each member table only the hub', () => {
    const [[tgwId, gateway]] = all(config, 'aws_ec2_transit_gateway');
    expect(gateway).toMatchObject({ default_route_table_association: 'disable', default_route_table_propagation: 'disable' });
    // The only transit routes: one per member in another account (below).
    expect(all(config, 'aws_ec2_transit_gateway_route')).toHaveLength(props.members!.filter((m) => m.attachmentId).length);
    const [[attachmentId, attachment]] = all(config, 'aws_ec2_transit_gateway_vpc_attachment');
    expect(attachment.transit_gateway_id).toBe(ref('aws_ec2_transit_gateway', tgwId));
    const transitSubnets = plan.subnets.filter((s) => s.tier === HubTier.TRANSIT).map((s) => ref('aws_subnet', named(config, 'aws_subnet', n(s.key))));
    expect([...attachment.subnet_ids].sort()).toEqual(transitSubnets.sort());
    const hubAttachment = ref('aws_ec2_transit_gateway_vpc_attachment', attachmentId);

    const crossAccount = props.members!.filter((m) => m.attachmentId);
    expect(crossAccount.length).toBeGreaterThan(0);
    const tables = all(config, 'aws_ec2_transit_gateway_route_table');
    expect(tables).toHaveLength(1 + crossAccount.length);
    const associations = all(config, 'aws_ec2_transit_gateway_route_table_association').map(([, a]) => [a.transit_gateway_attachment_id, a.transit_gateway_route_table_id]);
    const propagations = all(config, 'aws_ec2_transit_gateway_route_table_propagation').map(([, a]) => [a.transit_gateway_attachment_id, a.transit_gateway_route_table_id]);
    const hubTable = associations.find(([a]) => a === hubAttachment)![1];
    expect(out(config, 'hubRouteTableId')).toBe(hubTable);
    expect(out(config, 'hubAttachmentId')).toBe(hubAttachment);
    for (const m of crossAccount) {
      const memberTable = associations.find(([a]) => a === m.attachmentId)![1];
      expect(memberTable).not.toBe(hubTable);
      // Into the member's table: only the hub's attachment (the hub CIDR); into the hub table: the member.
      expect(propagations.filter(([, t]) => t === memberTable)).toEqual([[hubAttachment, memberTable]]);
      // Nothing propagated from another account into the hub table: a static route to the member's declared block.
      expect(propagations.filter(([a]) => a === m.attachmentId)).toEqual([]);
      const routes = all(config, 'aws_ec2_transit_gateway_route').map(([, r]) => r);
      expect(routes.filter((r) => r.transit_gateway_attachment_id === m.attachmentId))
        .toEqual([{
          transit_gateway_route_table_id: hubTable, destination_cidr_block: m.internetCidr, transit_gateway_attachment_id: m.attachmentId,
        }]);
      const [, table] = tables.find(([id]) => ref('aws_ec2_transit_gateway_route_table', id) === memberTable)!;
      expect(table.tags[MUNICIPALITY_TAG_KEY]).toBe(m.localGovernmentCode);
    }
    // Same-app members make their own table and propagations: nothing here for them.
    const sameApp = props.members!.filter((m) => !m.attachmentId).map((m) => m.localGovernmentCode);
    expect(sameApp.length).toBeGreaterThan(0);
    expect(JSON.stringify(propagations)).not.toMatch(new RegExp(sameApp.join('|')));
    expect(json).toHaveResourceWithProperties(Ec2TransitGatewayRouteTablePropagation, { transit_gateway_attachment_id: hubAttachment });
  });

  test('inspection: default drop in strict order, the plan\'s Suricata rules, ALERT and FLOW logs to the SIEM bucket', () => {
    const [[, policy]] = all(config, 'aws_networkfirewall_firewall_policy');
    expect(policy.firewall_policy.stateful_default_actions).toEqual(['aws:drop_strict', 'aws:alert_strict']);
    expect(policy.firewall_policy.stateless_default_actions).toEqual(['aws:forward_to_sfe']);
    expect(policy.firewall_policy.stateful_engine_options.rule_order).toBe('STRICT_ORDER');
    const groups = all(config, 'aws_networkfirewall_rule_group').map(([, g]) => g.rule_group.rules_source.rules_string).sort();
    expect(groups).toEqual(plan.firewall.ruleGroups.map((g) => g.rulesString).sort());
    // The IPS drops the blocked domains (drop mode, not alert).
    for (const d of props.proxy!.blockedDomains!) expect(groups.join('\n')).toContain(`drop tls $HOME_NET any -> $EXTERNAL_NET any (msg:"SC blocked domain ${d}`);
    const firewalls = all(config, 'aws_networkfirewall_firewall');
    expect(firewalls).toHaveLength(props.availabilityZones!.length);
    const bucket = ref('aws_s3_bucket', all(config, 'aws_s3_bucket')[0][0], 'bucket');
    for (const [, logging] of all(config, 'aws_networkfirewall_logging_configuration')) {
      const destinations = logging.logging_configuration.log_destination_config;
      expect(destinations.map((d: any) => [d.log_type, d.log_destination_type, d.log_destination.bucketName])).toEqual([['ALERT', 'S3', bucket], ['FLOW', 'S3', bucket]]);
    }
  });

  test('user data: the proxy\'s and the relay\'s are exactly the plan\'s (squid.conf denies private destinations before allowing members)', () => {
    const templates = all(config, 'aws_launch_template').map(([, t]) => Buffer.from(t.user_data, 'base64').toString('utf8')).sort();
    expect(templates).toEqual([plan.proxy.userData, plan.mailRelay.userData].sort());
    const squid = plan.proxy.squidConfig.split('\n');
    const denyPrivate = squid.findIndex((l) => /^http_access deny .*private/.test(l));
    expect(denyPrivate).toBeGreaterThan(-1);
    expect(denyPrivate).toBeLessThan(squid.findIndex((l) => /^http_access allow /.test(l)));
    expect(hub.squidConfig).toBe(plan.proxy.squidConfig);
    for (const [, t] of all(config, 'aws_launch_template')) {
      expect(t.image_id).toBe(`resolve:ssm:${plan.proxy.imageParameter}`);
      expect(t.metadata_options.http_tokens).toBe('required');
      expect(t.key_name).toBeUndefined();
    }
  });

  test('members reach the proxy port and SMTP on one internal NLB; the internet reaches the relay on an internet-facing NLB on TCP 25 only', () => {
    const lbs = all(config, 'aws_lb').filter(([, l]) => l.load_balancer_type === 'network');
    expect(lbs).toHaveLength(2);
    const [internalId, internal] = lbs.find(([, l]) => l.internal === true)!;
    const [publicId, external] = lbs.find(([, l]) => l.internal === false)!;
    const subnetsOf = (tier: HubTier) => plan.subnets.filter((s) => s.tier === tier).map((s) => ref('aws_subnet', named(config, 'aws_subnet', n(s.key)))).sort();
    expect([...internal.subnets].sort()).toEqual(subnetsOf(HubTier.SERVICES));
    expect([...external.subnets].sort()).toEqual(subnetsOf(HubTier.PUBLIC));
    expect(external.tags[HUB_FUNCTION_TAG_KEY]).toBe(HubFunction.MAIL_RELAY);

    // Listener → target group → Auto Scaling group whose launch template runs the proxy's or the relay's user data.
    const templates = new Map(all(config, 'aws_launch_template').map(([id, t]) => [ref('aws_launch_template', id), Buffer.from(t.user_data, 'base64').toString('utf8')]));
    const fleetOf = (targetGroupArn: string) => {
      const group = all(config, 'aws_autoscaling_group').map(([, g]) => g).find((g) => g.target_group_arns.includes(targetGroupArn))!;
      const script = templates.get(group.launch_template.id)!;
      return script === plan.proxy.userData ? 'proxy' : script === plan.mailRelay.userData ? 'relay' : 'unknown';
    };
    const listeners = (lbId: string) => all(config, 'aws_lb_listener').map(([, l]) => l).filter((l) => l.load_balancer_arn === ref('aws_lb', lbId, 'arn'))
      .map((l) => [l.port, fleetOf(l.default_action[0].target_group_arn)]).sort();
    expect(listeners(internalId)).toEqual([[25, 'relay'], [props.proxy?.port ?? 8080, 'proxy']].sort());
    expect(listeners(publicId)).toEqual([[25, 'relay']]);

    // The internet reaches the relay's load balancer on 25 and nothing else.
    const groupOf = (l: any) => all(config, 'aws_security_group').find(([id]) => l.security_groups.includes(ref('aws_security_group', id)))![1];
    expect(groupOf(external).ingress.map((r: any) => [r.cidr_blocks, r.from_port, r.to_port])).toEqual([[['0.0.0.0/0'], 25, 25]]);
    // The internal one takes members (RFC 1918) only.
    expect([...new Set(groupOf(internal).ingress.flatMap((r: any) => r.cidr_blocks))].sort()).toEqual([...RFC1918].sort());
    expect(out(config, 'proxyEndpoint')).toBe(`${ref('aws_lb', internalId, 'dns_name')}:${plan.proxy.port}`);
    const groups = all(config, 'aws_autoscaling_group').map(([, g]) => g);
    expect(groups.map((g) => g.min_size).sort()).toEqual([plan.proxy.minInstances, plan.mailRelay.minInstances].sort());
  });

  test('internet ingress only at the two entrances (SC-3): HTTPS on the public web ALB, SMTP on the mail NLB', () => {
    const open = all(config, 'aws_security_group').flatMap(([, g]) => g.ingress.filter((r: any) => r.cidr_blocks.includes('0.0.0.0/0'))
      .map((r: any) => [g.tags[HUB_FUNCTION_TAG_KEY], r.from_port, r.to_port])).sort();
    expect(open).toEqual([[HubFunction.MAIL_RELAY, 25, 25], [HubFunction.PUBLIC_WEB, 443, 443]]);
  });

  test('DNS: an inbound endpoint at the plan\'s fixed addresses, DNS Firewall blocking the listed domains (fail closed), query logs to the SIEM', () => {
    const [[, endpoint]] = all(config, 'aws_route53_resolver_endpoint');
    expect(endpoint.direction).toBe('INBOUND');
    expect(endpoint.ip_address.map((a: any) => [a.ip, a.subnet_id])).toEqual(plan.dns.inboundAddresses.map((a) => [a.ip, ref('aws_subnet', named(config, 'aws_subnet', n(a.subnetKey)))]));
    expect(hub.dnsAddresses).toEqual(plan.dns.inboundAddresses.map((a) => a.ip));
    // Inside the services subnets, as the contract puts them.
    const services = plan.subnets.filter((s) => s.tier === HubTier.SERVICES).map((s) => s.key);
    expect(plan.dns.inboundAddresses.map((a) => a.subnetKey)).toEqual(services);
    const lists = all(config, 'aws_route53_resolver_firewall_domain_list').flatMap(([, l]) => l.domains);
    for (const d of props.dnsBlockedDomains!) expect(lists).toContain(d);
    expect(all(config, 'aws_route53_resolver_firewall_rule').map(([, r]) => r.action)).toEqual(['BLOCK']);
    expect(all(config, 'aws_route53_resolver_firewall_config')[0][1].firewall_fail_open).toBe('DISABLED');
    const bucketArn = ref('aws_s3_bucket', all(config, 'aws_s3_bucket')[0][0], 'arn');
    expect(all(config, 'aws_route53_resolver_query_log_config')[0][1].destination_arn).toBe(`${bucketArn}/${plan.dns.queryLogPrefix}`);
  });

  test('public web: ALB + HTTPS + host rules per site to IP targets (AZ all), WAF with the SQL-injection rule set associated and logging to the SIEM, Shield', () => {
    const [[albId, alb]] = all(config, 'aws_lb').filter(([, l]) => l.load_balancer_type === 'application');
    expect(alb.internal).toBe(false);
    expect(alb.tags[HUB_FUNCTION_TAG_KEY]).toBe(HubFunction.PUBLIC_WEB);
    const [[aclId, acl]] = all(config, 'aws_wafv2_web_acl');
    expect(acl.scope).toBe('REGIONAL');
    expect(acl.rule.map((r: any) => r.statement.managed_rule_group_statement)).toContainEqual({ name: 'AWSManagedRulesSQLiRuleSet', vendor_name: 'AWS' });
    expect(json).toHaveResourceWithProperties(Wafv2WebAclAssociation, { resource_arn: ref('aws_lb', albId, 'arn'), web_acl_arn: ref('aws_wafv2_web_acl', aclId, 'arn') });
    const bucketArn = ref('aws_s3_bucket', all(config, 'aws_s3_bucket')[0][0], 'arn');
    expect(all(config, 'aws_wafv2_web_acl_logging_configuration')[0][1].log_destination_configs).toEqual([bucketArn]);
    const sites = props.publicWeb!.sites;
    const rules = all(config, 'aws_lb_listener_rule').map(([, r]) => r.condition[0].host_header.values).flat().sort();
    expect(rules).toEqual(sites.map((s) => s.hostName).sort());
    const attachments = all(config, 'aws_lb_target_group_attachment').map(([, a]) => [a.target_id, a.availability_zone]).sort();
    expect(attachments).toEqual(sites.flatMap((s) => s.targets.map((t) => [t, 'all'])).sort());
    const listener = all(config, 'aws_lb_listener').find(([, l]) => l.load_balancer_arn === ref('aws_lb', albId, 'arn'))![1];
    expect([listener.protocol, listener.certificate_arn, listener.default_action[0].fixed_response.status_code]).toEqual(['HTTPS', props.publicWeb!.certificateArn, '404']);
    expect(all(config, 'aws_shield_protection').map(([, p]) => p.resource_arn)).toEqual([ref('aws_lb', albId, 'arn')]);
    expect(all(config, 'aws_cloudfront_distribution')).toEqual([]);
  });

  test('CDN option: CloudFront in front of the ALB with the given CLOUDFRONT web ACL and certificate, Shield on both', () => {
    const cdnAcl = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/pref-cdn/12345678-1234-1234-1234-123456789012';
    const cdnCert = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';
    const base = hubProps();
    const publicWeb = { ...base.publicWeb!, cdn: true, cdnWebAclArn: cdnAcl, cdnCertificateArn: cdnCert, shieldAdvanced: true };
    const withCdn = synth({ ...base, publicWeb }).config;
    const [[cdnId, cdn]] = all(withCdn, 'aws_cloudfront_distribution');
    expect(cdn.web_acl_id).toBe(cdnAcl);
    expect(cdn.viewer_certificate.acm_certificate_arn).toBe(cdnCert);
    const [[albId]] = all(withCdn, 'aws_lb').filter(([, l]) => l.load_balancer_type === 'application');
    expect(cdn.origin[0].domain_name).toBe(ref('aws_lb', albId, 'dns_name'));
    expect(cdn.aliases).toEqual(base.publicWeb!.sites.map((s) => s.hostName).sort());
    expect(all(withCdn, 'aws_shield_protection').map(([, p]) => p.resource_arn).sort())
      .toEqual([ref('aws_cloudfront_distribution', cdnId, 'arn'), ref('aws_lb', albId, 'arn')].sort());
  });

  test('SIEM: one aws-waf-logs- bucket, locked down; flow logs, and proxy / mail logs through Firehose under hub/proxy/ and hub/mail/', () => {
    const [[bucketId, bucket]] = all(config, 'aws_s3_bucket');
    expect(bucket.bucket).toMatch(/^aws-waf-logs-/);
    expect(out(config, 'siemBucketArn')).toBe(ref('aws_s3_bucket', bucketId, 'arn'));
    expect(all(config, 'aws_s3_bucket_public_access_block')[0][1]).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(all(config, 'aws_s3_bucket_versioning')[0][1].versioning_configuration.status).toBe('Enabled');
    expect(all(config, 'aws_s3_bucket_lifecycle_configuration')[0][1].rule[0].expiration[0].days).toBe(plan.siem.retentionDays);
    const policy = all(config, 'aws_s3_bucket_policy')[0][1].policy as string;
    expect(policy).toContain('aws:SecureTransport');
    // Log delivery may write the hub's prefix and the members' (every member's flow logs go under members/<code>/).
    expect(policy).toContain('/hub/*');
    expect(policy).toContain('/members/*');
    expect(plan.members.map((m) => m.siemPrefix)).toEqual(props.members!.map((m) => `members/${m.localGovernmentCode}/`).sort());
    const arn = ref('aws_s3_bucket', bucketId, 'arn');
    const [[, flowLog]] = all(config, 'aws_flow_log');
    expect([flowLog.log_destination, flowLog.traffic_type]).toEqual([`${arn}/${plan.siem.flowLogPrefix}`, 'ALL']);
    const streams = all(config, 'aws_kinesis_firehose_delivery_stream');
    expect(streams.map(([, s]) => [s.extended_s3_configuration.bucket_arn, s.extended_s3_configuration.prefix]).sort())
      .toEqual([[arn, plan.proxy.accessLog.siemPrefix], [arn, plan.mailRelay.mailLog.siemPrefix]].sort());
    expect([plan.proxy.accessLog.siemPrefix, plan.mailRelay.mailLog.siemPrefix].sort()).toEqual(['hub/mail/', 'hub/proxy/']);
    const groups = all(config, 'aws_cloudwatch_log_group').map(([id, g]) => [id, g.name]);
    expect(groups.map(([, name]) => name).sort()).toEqual([plan.proxy.accessLog.logGroupName, plan.mailRelay.mailLog.logGroupName].sort());
    const filters = all(config, 'aws_cloudwatch_log_subscription_filter').map(([, f]) => [f.log_group_name, f.destination_arn]).sort();
    const streamOf = (prefix: string) => ref('aws_kinesis_firehose_delivery_stream', streams.find(([, s]) => s.extended_s3_configuration.prefix === prefix)![0], 'arn');
    const groupRef = (name: string) => ref('aws_cloudwatch_log_group', groups.find(([, g]) => g === name)![0], 'name');
    expect(filters).toEqual([
      [groupRef(plan.proxy.accessLog.logGroupName), streamOf(plan.proxy.accessLog.siemPrefix)],
      [groupRef(plan.mailRelay.mailLog.logGroupName), streamOf(plan.mailRelay.mailLog.siemPrefix)],
    ].sort());
  });

  test('monitoring: every planned alarm notifies the topic, with the e-mail subscriptions', () => {
    const [[topicId]] = all(config, 'aws_sns_topic');
    const topic = ref('aws_sns_topic', topicId, 'arn');
    const alarms = all(config, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    expect(alarms.map((a) => [a.alarm_name, a.namespace, a.metric_name, a.threshold]).sort())
      .toEqual(plan.monitoring.alarms.map((a) => [n(a.key), a.namespace, a.metricName, a.threshold]).sort());
    for (const a of alarms) {
      expect(a.alarm_actions).toEqual([topic]);
      expect(Object.keys(a.dimensions).length).toBeGreaterThan(0);
    }
    // Ping, service and URL checks (seed 004).
    expect(new Set(alarms.map((a) => a.namespace))).toEqual(new Set(['AWS/EC2', 'AWS/NetworkELB', 'AWS/ApplicationELB']));
    // CloudWatch may publish (the topic is not under the AWS managed SNS key, whose policy would refuse it).
    expect(all(config, 'aws_sns_topic')[0][1].kms_master_key_id).toBeUndefined();
    const [[, topicPolicy]] = all(config, 'aws_sns_topic_policy');
    expect([topicPolicy.arn, topicPolicy.policy]).toEqual([topic, expect.stringContaining('cloudwatch.amazonaws.com')]);
    expect(all(config, 'aws_sns_topic_subscription').map(([, s]) => [s.protocol, s.endpoint])).toEqual(props.monitoring!.notificationEmails!.map((e) => ['email', e]));
  });

  test('tags: every taggable resource carries jichitai:security-cloud=hub and no segment tag; the functional ones name their function', () => {
    const functions = new Set<string>();
    let tagged = 0;
    for (const [type, byName] of Object.entries(config.resource as Record<string, Record<string, any>>)) {
      for (const [id, r] of Object.entries(byName)) {
        const tags = r.tags ?? (type === 'aws_autoscaling_group' ? Object.fromEntries(r.tag.map((t: any) => [t.key, t.value])) : undefined);
        if (!tags) continue;
        tagged++;
        expect([`${type}.${id}`, tags[SECURITY_CLOUD_TAG_KEY]]).toEqual([`${type}.${id}`, SECURITY_CLOUD_HUB]);
        expect(tags[SEGMENT_TAG_KEY]).toBeUndefined();
        expect(tags.Project).toBe(props.tags!.Project);
        if (tags[HUB_FUNCTION_TAG_KEY]) functions.add(tags[HUB_FUNCTION_TAG_KEY]);
      }
    }
    expect(tagged).toBeGreaterThan(50);
    expect(functions).toEqual(new Set(Object.values(HubFunction)));
    // Resources whose type takes tags but were written without: none.
    const untaggedTaggable = ['aws_vpc', 'aws_subnet', 'aws_route_table', 'aws_security_group', 'aws_lb', 'aws_lb_target_group', 'aws_launch_template',
      'aws_networkfirewall_firewall', 'aws_s3_bucket', 'aws_sns_topic', 'aws_kinesis_firehose_delivery_stream', 'aws_cloudwatch_metric_alarm', 'aws_ec2_transit_gateway']
      .flatMap((type) => all(config, type).filter(([, r]) => !r.tags).map(([id]) => `${type}.${id}`));
    expect(untaggedTaggable).toEqual([]);
  });

  test('connectionFor(code): the hub\'s attributes for a member, its references resolving to the hub\'s resources', () => {
    const c = hub.connectionFor('132012');
    expect(c.hubCidr).toBe(props.cidr);
    expect(c.dnsAddresses).toEqual(plan.dns.inboundAddresses.map((a) => a.ip));
    expect(out(config, 'connTransitGatewayId')).toBe(ref('aws_ec2_transit_gateway', all(config, 'aws_ec2_transit_gateway')[0][0]));
    expect(out(config, 'connSiemBucketArn')).toBe(ref('aws_s3_bucket', all(config, 'aws_s3_bucket')[0][0], 'arn'));
    expect(out(config, 'connHubRouteTableId')).toBe(out(config, 'hubRouteTableId'));
    expect(out(config, 'connHubAttachmentId')).toBe(out(config, 'hubAttachmentId'));
    expect(out(config, 'connProxyEndpoint')).toBe(out(config, 'proxyEndpoint'));
    expect(() => hub.connectionFor('13101')).toThrow(/local government code/);
    // A member declared with its own attachment has its table in the hub already: it cannot join from this app too.
    const declared = props.members!.find((m) => m.attachmentId)!.localGovernmentCode;
    expect(() => hub.connectionFor(declared)).toThrow(new RegExp(`member ${declared} is declared with an attachmentId`));
    expect(out(config, 'vpcId')).toBe(ref('aws_vpc', all(config, 'aws_vpc')[0][0]));
  });

  test('no guard inside: the construct leaves the stack unguarded (a prefecture app guards its stacks)', () => {
    expect(stack.node.tryFindChild('JichitaiGuardReport')).toBeUndefined();
    // TopologyGuard.apply adds a validation to the stack: as many as an empty stack has.
    const validations = (s: TerraformStack) => (s.node as unknown as { _validations: unknown[] })._validations.length;
    expect(validations(stack)).toBe(validations(new TerraformStack(Testing.app(), 'empty')));
  });

  test('byte-identical synthesis run after run', () => {
    expect(synth(hubProps(), Testing.app()).json).toBe(json);
  });
});
