/**
 * The engine-neutral plan of a member of the prefecture security cloud hub: the Internet segment attached to the hub's
 * transit gateway with routes to the hub CIDR only, nothing of the security cloud on the member's own transit gateway,
 * DNS forwarded to the hub, logs under members/<code>/ in the hub's SIEM, the code as jichitai:municipality.
 */
import { CROSS_ACCOUNT_HUB, HUB, member } from './member-fixtures';
import { alphaPrime, BLUEPRINTS, SUPPLEMENTARY_BLUEPRINTS } from '../../examples/blueprints';
import { Blueprint, FlowKind, Port, Segment, Zone } from '../../src';
import { AttachmentKind, NetworkPlan, RouteTargetKind, SubnetRole } from '../../src/plan/network-plan';
import { cloudFormationResourceCount, planNetwork } from '../../src/plan/plan';

const plan = (props: Parameters<typeof Blueprint.validate>[0]): NetworkPlan => planNetwork(Blueprint.validate(props));
const segment = (p: NetworkPlan, s: Segment) => p.segments.find((x) => x.segment === s)!;
const tableOf = (p: NetworkPlan, s: Segment, role: SubnetRole, az = 0) => {
  const seg = segment(p, s);
  const key = seg.subnets.find((x) => x.role === role && x.azIndex === az)!.routeTable;
  return seg.routeTables.find((t) => t.key === key)!;
};

describe('a member (β) joined to the hub', () => {
  const p = plan(member());

  test('its Internet segment routes the hub CIDR to the hub\'s transit gateway from the workload and endpoint subnets', () => {
    for (const role of [SubnetRole.WORKLOAD, SubnetRole.ENDPOINTS]) {
      for (const az of [0, 1]) {
        const hubRoutes = tableOf(p, Segment.INTERNET, role, az).routes.filter((r) => r.target === RouteTargetKind.SECURITY_CLOUD_HUB);
        expect(hubRoutes.map((r) => r.destination)).toEqual(['172.31.0.0/16']);
      }
    }
    // The transit subnets (both attachments' ENIs) stay local.
    expect(tableOf(p, Segment.INTERNET, SubnetRole.TRANSIT).routes).toEqual([]);
  });

  test('no default route in any segment, and the declared Internet ↔ LGWAN flow still takes the member\'s own transit gateway', () => {
    for (const s of p.segments) for (const t of s.routeTables) expect(t.routes.filter((r) => r.destination === '0.0.0.0/0')).toEqual([]);
    // β: internet-terminals (10.0.129.0/24) → lgwan-vdi 10.0.65.30/32 by screen transfer.
    expect(tableOf(p, Segment.INTERNET, SubnetRole.WORKLOAD).routes.find((r) => r.destination === '10.0.65.30/32'))
      .toMatchObject({ target: RouteTargetKind.TRANSIT_GATEWAY });
  });

  test('the member\'s own transit gateway has no security-cloud attachment or table, and the Internet table no way out', () => {
    expect(p.transitGateway.attachments.map((a) => a.zone)).not.toContain(Zone.SECURITY_CLOUD);
    expect(p.transitGateway.routeTables.map((t) => t.zone)).not.toContain(Zone.SECURITY_CLOUD);
    const internet = p.transitGateway.routeTables.find((t) => t.zone === Zone.INTERNET)!;
    for (const r of internet.routes) expect(r.targetZone).not.toBe(Zone.SECURITY_CLOUD);
    // The default route is a blackhole (fail closed), never a path.
    expect(internet.routes.filter((r) => r.destination === '0.0.0.0/0')).toEqual([expect.objectContaining({ blackhole: true })]);
  });

  test('the hub attachment and the same-app membership are planned', () => {
    expect(p.securityCloudMembership).toEqual({
      localGovernmentCode: '131016',
      segment: Segment.INTERNET,
      attachment: { zone: Zone.SECURITY_CLOUD, kind: AttachmentKind.HUB_VPC, transitGatewayId: 'tgw-0a1b2c3d4e5f60718' },
      hubCidr: '172.31.0.0/16',
      dnsAddresses: ['172.31.1.10', '172.31.2.10'],
      proxyEndpoint: 'proxy.pref.example.lg.jp:8080',
      hubRouteTableId: 'tgw-rtb-0f0e0d0c0b0a09080',
      hubAttachmentId: 'tgw-attach-0123456789abcdef0',
    });
  });

  test('every name is forwarded to the hub\'s DNS from the endpoint subnets', () => {
    const fwd = segment(p, Segment.INTERNET).dnsForwarding!;
    expect(fwd).toMatchObject({ domainName: '.', targets: ['172.31.1.10', '172.31.2.10'], port: 53 });
    const endpointSubnets = segment(p, Segment.INTERNET).subnets.filter((s) => s.role === SubnetRole.ENDPOINTS).map((s) => s.key);
    expect(fwd.endpointSubnetKeys).toEqual(endpointSubnets);
    // No /32 routes to the resolvers over the member's own transit gateway (the hub CIDR covers them, over the hub's).
    expect(tableOf(p, Segment.INTERNET, SubnetRole.ENDPOINTS).routes.filter((r) => r.target === RouteTargetKind.TRANSIT_GATEWAY)).toEqual([]);
  });

  test('logs go to the hub\'s SIEM under members/<code>/, and the code is the jichitai:municipality tag', () => {
    expect(p.logging).toEqual({ bucketArn: 'arn:aws:s3:::aws-waf-logs-example-pref-siem', prefix: 'members/131016/', retentionDays: 400, siem: true });
    expect(p.tags).toEqual({
      'jichitai:municipality': '131016', 'jichitai:municipality-name': 'Sample City', 'jichitai:model': 'BETA', 'jichitai:local-government-code': '131016',
    });
  });

  test('the resource count includes the attachment and the membership (4) and no log bucket', () => {
    const crossAccount = plan(member(undefined, CROSS_ACCOUNT_HUB));
    expect(cloudFormationResourceCount(p) - cloudFormationResourceCount(crossAccount)).toBe(4);
    expect(crossAccount.securityCloudMembership!.hubRouteTableId).toBeUndefined();
  });
});

test('a flow to a hub host is routed over the hub (the hub CIDR), not the member\'s own transit gateway', () => {
  const base = member();
  const props = {
    ...base,
    hosts: [...base.hosts!, { name: 'hub-relay', zone: Zone.SECURITY_CLOUD, cidrs: ['172.31.3.25/32'] }],
    flows: [...base.flows!, { name: 'terminals-to-hub-relay', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'internet-terminals', to: 'hub-relay', ports: [Port.tcp(587)] }],
  };
  const errors = Blueprint.check(props);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const p = plan(props);
  const workload = tableOf(p, Segment.INTERNET, SubnetRole.WORKLOAD);
  expect(workload.routes.find((r) => r.destination === '172.31.3.25/32')).toBeUndefined();
  expect(workload.routes.find((r) => r.destination === '172.31.0.0/16')).toMatchObject({ target: RouteTargetKind.SECURITY_CLOUD_HUB });
  for (const t of p.transitGateway.routeTables) expect(t.routes.find((r) => r.destination === '172.31.3.25/32')).toBeUndefined();
});

test('α′ member: the breakout firewall stays, and only the LGWAN segment has a default route (to its firewall)', () => {
  const p = plan(member(alphaPrime));
  expect(p.firewalls.map((f) => f.segment)).toEqual([Segment.LGWAN]);
  for (const t of segment(p, Segment.INTERNET).routeTables) expect(t.routes.filter((r) => r.destination === '0.0.0.0/0')).toEqual([]);
  expect(p.logging.prefix).toBe('members/131016/');
});

test.each(Object.entries({ ...BLUEPRINTS, ...SUPPLEMENTARY_BLUEPRINTS }))('example %s: no membership, no log prefix, its tags unchanged', (_, props) => {
  const p = plan(props);
  expect(p.securityCloudMembership).toBeUndefined();
  expect('securityCloudMembership' in p).toBe(false);
  expect(p.logging.prefix).toBeUndefined();
  expect(p.tags['jichitai:municipality']).toBe('Sample City');
  expect(p.tags['jichitai:municipality-name']).toBeUndefined();
  for (const s of p.segments) for (const t of s.routeTables) for (const r of t.routes) expect(r.target).not.toBe(RouteTargetKind.SECURITY_CLOUD_HUB);
});

test('the hub connection is data: a changed HUB constant changes the plan (the fixture is not read back from the code)', () => {
  const other = plan(member(undefined, { ...HUB, hubCidr: '192.168.0.0/16', dnsAddresses: ['192.168.0.2'] }));
  const hubRoutes = tableOf(other, Segment.INTERNET, SubnetRole.WORKLOAD).routes.filter((r) => r.target === RouteTargetKind.SECURITY_CLOUD_HUB);
  expect(hubRoutes.map((r) => r.destination))
    .toEqual(['192.168.0.0/16']);
});
