/**
 * A member of the prefecture security cloud hub synthesized with CDKTF (Testing.synth runs no validation, so not the
 * guard: the hub is not built here): the hub attachment, the routes to the hub CIDR and no default route, DNS
 * forwarding, the SIEM prefix, the tags, the same-app membership; a hub of the same stack referenced by tokens.
 */
import { Testing, TerraformStack } from 'cdktf';
import { CROSS_ACCOUNT_HUB, HUB, member } from './member-fixtures';
import { handWrittenHub } from './tf-hand-written-hub';
import { alphaPrime, beta } from '../../examples/blueprints';
import { offlineTokyoStack } from '../../examples/tf/_app';
import { ISecurityCloud, tf } from '../../src';

function synth(props: tf.MunicipalNetworkProps, hubOf?: (stack: TerraformStack) => ISecurityCloud): any {
  const stack = offlineTokyoStack(Testing.app(), 'member');
  new tf.MunicipalNetwork(stack, 'Network', hubOf ? { ...props, securityCloud: hubOf(stack) } : props);
  return JSON.parse(Testing.synth(stack));
}
const of = (config: any, type: string): Record<string, any> => config.resource?.[type] ?? {};
const refName = (v: unknown, type: string) => (typeof v === 'string' ? new RegExp(`\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.`).exec(v)?.[1] : undefined);

describe('β member, literal hub IDs', () => {
  const config = synth(member());

  test('the Internet VPC has a second attachment, to the hub\'s transit gateway, in its transit subnets', () => {
    const attachments = of(config, 'aws_ec2_transit_gateway_vpc_attachment');
    const toHub = Object.values(attachments).filter((a) => a.transit_gateway_id === HUB.transitGatewayId);
    expect(toHub).toHaveLength(1);
    expect(toHub[0].tags['jichitai:segment']).toBe('INTERNET');
    expect(toHub[0].transit_gateway_default_route_table_association).toBe(false);
    const subnets = of(config, 'aws_subnet');
    for (const s of toHub[0].subnet_ids) {
      const subnet = subnets[refName(s, 'aws_subnet')!];
      expect([subnet.tags['jichitai:segment'], subnet.tags['jichitai:subnet-role']]).toEqual(['INTERNET', 'transit']);
    }
  });

  test('routes to the hub: the hub CIDR only, from the Internet workload and endpoint tables; no default route', () => {
    const routes = Object.values(of(config, 'aws_route'));
    const toHub = routes.filter((r) => r.transit_gateway_id === HUB.transitGatewayId);
    expect(toHub).toHaveLength(4);
    const tables = of(config, 'aws_route_table');
    for (const r of toHub) {
      expect(r.destination_cidr_block).toBe('172.31.0.0/16');
      expect(tables[refName(r.route_table_id, 'aws_route_table')!].tags.Name).toMatch(/^Internet-(workload|endpoints)-[12]$/);
      expect(r.depends_on.join()).toMatch(/aws_ec2_transit_gateway_vpc_attachment\.Network_Internet_SecurityCloudHubAttachment/);
    }
    expect(routes.filter((r) => r.destination_cidr_block === '0.0.0.0/0')).toEqual([]);
    expect(Object.values(of(config, 'aws_customer_gateway')).map((c) => c.ip_address)).toEqual(['203.0.113.10']);
    for (const r of Object.values(of(config, 'aws_ec2_transit_gateway_route')).filter((x) => x.destination_cidr_block === '0.0.0.0/0')) expect(r.blackhole).toBe(true);
  });

  test('DNS forwarding to the hub, flow logs under members/<code>/, the code as jichitai:municipality', () => {
    const rules = Object.values(of(config, 'aws_route53_resolver_rule'));
    expect(rules.map((r) => [r.domain_name, r.rule_type, r.target_ip])).toEqual([['.', 'FORWARD', [{ ip: '172.31.1.10', port: 53 }, { ip: '172.31.2.10', port: 53 }]]]);
    const destinations = Object.values(of(config, 'aws_flow_log')).map((f) => f.log_destination).sort();
    expect(destinations).toEqual(['internet', 'lgwan', 'mynumber'].map((s) => `arn:aws:s3:::aws-waf-logs-example-pref-siem/members/131016/vpc-flow-logs/${s}/`));
    expect(of(config, 'aws_s3_bucket')).toEqual({});
    const tagged = Object.values(config.resource as Record<string, Record<string, any>>)
      .flatMap((byName) => Object.entries(byName)).filter(([, r]) => r.tags);
    expect(tagged.length).toBeGreaterThan(50);
    for (const [name, r] of tagged) expect([name, r.tags['jichitai:municipality']]).toEqual([name, '131016']);
  });

  test('same app: the member\'s own table on the hub\'s gateway, its association, and both propagations', () => {
    const tables = Object.entries(of(config, 'aws_ec2_transit_gateway_route_table')).filter(([, t]) => t.transit_gateway_id === HUB.transitGatewayId);
    expect(tables).toHaveLength(1);
    const [table] = tables[0];
    const associations = Object.values(of(config, 'aws_ec2_transit_gateway_route_table_association'))
      .filter((a) => refName(a.transit_gateway_route_table_id, 'aws_ec2_transit_gateway_route_table') === table);
    expect(associations.map((a) => refName(a.transit_gateway_attachment_id, 'aws_ec2_transit_gateway_vpc_attachment'))).toEqual([expect.stringMatching(/^Network_Internet_SecurityCloudHubAttachment/)]);
    const propagations = Object.values(of(config, 'aws_ec2_transit_gateway_route_table_propagation'));
    expect(propagations).toHaveLength(2);
    expect(propagations.find((p) => p.transit_gateway_attachment_id === HUB.hubAttachmentId)?.transit_gateway_route_table_id).toBe(`\${aws_ec2_transit_gateway_route_table.${table}.id}`);
    expect(refName(propagations.find((p) => p.transit_gateway_route_table_id === HUB.hubRouteTableId)?.transit_gateway_attachment_id, 'aws_ec2_transit_gateway_vpc_attachment'))
      .toMatch(/^Network_Internet_SecurityCloudHubAttachment/);
  });
});

test('across accounts: the attachment only', () => {
  const config = synth(member(beta, CROSS_ACCOUNT_HUB));
  expect(Object.values(of(config, 'aws_ec2_transit_gateway_vpc_attachment')).filter((a) => a.transit_gateway_id === HUB.transitGatewayId)).toHaveLength(1);
  expect(of(config, 'aws_ec2_transit_gateway_route_table_propagation')).toEqual({});
});

test('α′ member: the breakout firewall logs under members/<code>/network-firewall/', () => {
  const config = synth(member(alphaPrime));
  const destinations = Object.values(of(config, 'aws_networkfirewall_logging_configuration'))
    .flatMap((c) => c.logging_configuration.log_destination_config);
  expect(destinations.length).toBeGreaterThan(0);
  for (const d of destinations) expect(d.log_destination.prefix).toMatch(/^members\/131016\/network-firewall\/breakout\/(alert|flow)$/);
});

test('a hub of the same stack, by securityCloud: tokens become Terraform references', () => {
  const { internet: _, ...base } = member();
  const config = synth(base, (stack) => handWrittenHub(stack, ['172.31.1.10']));
  const attachments = Object.values(of(config, 'aws_ec2_transit_gateway_vpc_attachment'));
  expect(attachments.filter((a) => a.transit_gateway_id === '${aws_ec2_transit_gateway.HubTgw.id}')).toHaveLength(2); // the hub's own and the member's
  const propagations = Object.values(of(config, 'aws_ec2_transit_gateway_route_table_propagation'));
  expect(propagations.map((p) => p.transit_gateway_route_table_id)).toContain('${aws_ec2_transit_gateway_route_table.HubTable.id}');
  expect(propagations.map((p) => p.transit_gateway_attachment_id)).toContain('${aws_ec2_transit_gateway_vpc_attachment.HubAttachment.id}');
  for (const f of Object.values(of(config, 'aws_flow_log'))) expect(f.log_destination).toMatch(/^\$\{aws_s3_bucket\.HubSiem\.arn\}\/members\/131016\/vpc-flow-logs\//);
});
