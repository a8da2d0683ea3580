import { FlowKind, HostRole } from '../../src/model/flows';
import { Port } from '../../src/model/port';
import { Segment, Zone } from '../../src/model/segment';
import { layoutSubnets } from '../../src/plan/addressing';
import { resolveFlows } from '../../src/plan/flows';
import { RouteTargetKind, SubnetRole } from '../../src/plan/network-plan';
import { planRouteTables, planTransitRouteTables, routeTableKey } from '../../src/plan/routing';

const cidrs = { [Segment.MY_NUMBER]: '10.0.0.0/18', [Segment.LGWAN]: '10.0.64.0/18', [Segment.INTERNET]: '10.0.128.0/18' };
const hosts = [
  { name: 'juki', zone: Zone.MY_NUMBER, cidrs: ['10.0.0.10/32'], role: HostRole.MY_NUMBER_SYSTEM },
  { name: 'chukan', zone: Zone.LGWAN_WAN, cidrs: ['172.20.10.5/32'] },
  { name: 'terminals', zone: Zone.LGWAN, cidrs: ['10.0.64.0/24'] },
  { name: 'browser', zone: Zone.INTERNET, cidrs: ['10.0.128.10/32'] },
];
const flows = resolveFlows(hosts, [
  { name: 'juki-chukan', kind: FlowKind.SPECIFIC_COMMUNICATION, from: 'juki', to: 'chukan', ports: [Port.tcp(443)] },
  { name: 'vb', kind: FlowKind.SCREEN_TRANSFER, from: 'terminals', to: 'browser', ports: [Port.tcp(443)] },
]);

function lookup(tables: ReturnType<typeof planTransitRouteTables>, zone: Zone, destination: string) {
  return tables.find((t) => t.zone === zone)!.routes.find((r) => r.destination === destination);
}

describe('transit gateway route tables', () => {
  const tables = planTransitRouteTables({ segmentCidrs: cidrs, lgwanWanCidrs: ['172.20.0.0/16'], securityCloud: true, flows });

  test('declared flows get host routes both ways', () => {
    expect(lookup(tables, Zone.MY_NUMBER, '172.20.10.5/32')).toMatchObject({ targetZone: Zone.LGWAN_WAN, blackhole: false });
    expect(lookup(tables, Zone.LGWAN_WAN, '10.0.0.10/32')).toMatchObject({ targetZone: Zone.MY_NUMBER, blackhole: false });
    expect(lookup(tables, Zone.LGWAN, '10.0.128.10/32')).toMatchObject({ targetZone: Zone.INTERNET });
    expect(lookup(tables, Zone.INTERNET, '10.0.64.0/24')).toMatchObject({ targetZone: Zone.LGWAN });
  });

  test('forbidden pairs are blackholed, including the default route of closed zones', () => {
    for (const [zone, dest] of [
      [Zone.MY_NUMBER, '0.0.0.0/0'], [Zone.MY_NUMBER, cidrs.INTERNET], [Zone.MY_NUMBER, cidrs.LGWAN],
      [Zone.INTERNET, cidrs.MY_NUMBER], [Zone.LGWAN, '0.0.0.0/0'], [Zone.LGWAN_WAN, '0.0.0.0/0'],
      [Zone.SECURITY_CLOUD, cidrs.MY_NUMBER], [Zone.SECURITY_CLOUD, cidrs.LGWAN],
    ] as const) {
      expect(lookup(tables, zone, dest)).toMatchObject({ blackhole: true });
    }
  });

  test('only the Internet segment has a default route, and it goes to the security cloud', () => {
    const defaults = tables.flatMap((t) => t.routes.filter((r) => r.destination === '0.0.0.0/0' && !r.blackhole).map(() => t.zone));
    expect(defaults).toEqual([Zone.INTERNET]);
    expect(lookup(tables, Zone.INTERNET, '0.0.0.0/0')!.targetZone).toBe(Zone.SECURITY_CLOUD);
  });

  test('without the security cloud (built-in egress) the Internet default route is a blackhole and no SECURITY_CLOUD table exists', () => {
    const t = planTransitRouteTables({ segmentCidrs: cidrs, lgwanWanCidrs: ['172.20.0.0/16'], securityCloud: false, flows });
    expect(t.map((x) => x.zone)).not.toContain(Zone.SECURITY_CLOUD);
    expect(lookup(t, Zone.INTERNET, '0.0.0.0/0')).toMatchObject({ blackhole: true });
  });

  test('routes are sorted by address and the output is deterministic', () => {
    const again = planTransitRouteTables({ segmentCidrs: cidrs, lgwanWanCidrs: ['172.20.0.0/16'], securityCloud: true, flows: [...flows].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(tables));
  });
});

describe('VPC route tables', () => {
  const subnets = layoutSubnets('Lgwan', cidrs.LGWAN, ['a', 'c'],
    new Set([SubnetRole.WORKLOAD, SubnetRole.TRANSIT, SubnetRole.FIREWALL, SubnetRole.EGRESS, SubnetRole.PROXY]), routeTableKey);
  const tables = planRouteTables({
    segment: Segment.LGWAN,
    transitDestinations: [{ destination: '172.20.0.0/16', reason: 'LGWAN WAN' }],
    defaultRoute: { target: RouteTargetKind.FIREWALL_ENDPOINT, reason: 'breakout' },
  }, subnets);
  const table = (key: string) => tables.find((t) => t.key === key)!;

  test('workload: WAN to the TGW, default to the firewall endpoint of the same AZ', () => {
    expect(table('workload-2').routes).toEqual([
      expect.objectContaining({ destination: '172.20.0.0/16', target: RouteTargetKind.TRANSIT_GATEWAY }),
      expect.objectContaining({ destination: '0.0.0.0/0', target: RouteTargetKind.FIREWALL_ENDPOINT, azIndex: 1 }),
    ]);
  });

  test('firewall → NAT; egress → IGW with return routes to the inspected subnets through the firewall', () => {
    expect(table('firewall-1').routes).toEqual([expect.objectContaining({ destination: '0.0.0.0/0', target: RouteTargetKind.NAT_GATEWAY, azIndex: 0 })]);
    const egress = table('egress-1').routes;
    expect(egress[0]).toMatchObject({ destination: '0.0.0.0/0', target: RouteTargetKind.INTERNET_GATEWAY });
    const inspected = subnets
      .filter((s) => s.azIndex === 0 && (s.role === SubnetRole.WORKLOAD || s.role === SubnetRole.PROXY))
      .map((s) => s.cidr).sort();
    expect(egress.slice(1).map((r) => r.destination).sort()).toEqual(inspected);
    for (const r of egress.slice(1)) expect(r).toMatchObject({ target: RouteTargetKind.FIREWALL_ENDPOINT, azIndex: 0 });
  });

  test('transit subnets have only the local route', () => {
    expect(table('transit-1').routes).toEqual([]);
  });
});
