import * as fc from 'fast-check';
import { Ipv4Cidr } from '../../src/model/cidr';
import { layoutSubnets } from '../../src/plan/addressing';
import { SubnetRole } from '../../src/plan/network-plan';

const ALL_ROLES = [SubnetRole.WORKLOAD, SubnetRole.ENDPOINTS, SubnetRole.PROXY, SubnetRole.TRANSIT, SubnetRole.FIREWALL, SubnetRole.EGRESS];
const azNames = (n: number) => Array.from({ length: n }, (_, i) => `ap-northeast-1${'abcdef'[i]}`);

describe('subnet layout', () => {
  test('property: subnets lie inside the VPC, never overlap, and are aligned, for any VPC /16../22 and 1..4 AZs', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 22 }), fc.integer({ min: 1, max: 4 }),
      fc.subarray(ALL_ROLES.slice(1)),
      (second, prefix, azCount, extra) => {
        const vpc = Ipv4Cidr.parse(`10.${second}.0.0/16`).subnet(prefix, 0);
        const roles = new Set([SubnetRole.WORKLOAD, ...extra]);
        const subnets = layoutSubnets('Test', vpc.toString(), azNames(azCount), roles, (r, i) => `${r}-${i}`);
        expect(subnets).toHaveLength(roles.size * azCount);
        const blocks = subnets.map((s) => Ipv4Cidr.parse(s.cidr));
        blocks.forEach((b, i) => {
          expect(vpc.contains(b)).toBe(true);
          expect(b.network % b.size).toBe(0);
          for (const other of blocks.slice(i + 1)) expect(b.overlaps(other)).toBe(false);
        });
        // Workload subnets together take half of the VPC when the AZ count is a power of two.
        const workload = blocks.filter((_, i) => subnets[i].role === SubnetRole.WORKLOAD);
        const total = workload.reduce((n, b) => n + b.size, 0);
        expect(total).toBeLessThanOrEqual(vpc.size / 2);
        expect(total).toBeGreaterThanOrEqual(vpc.size / 4);
      }));
  });

  test('deterministic: the same input gives the same layout', () => {
    const a = layoutSubnets('T', '10.1.0.0/18', azNames(2), new Set(ALL_ROLES), (r, i) => `${r}-${i}`);
    const b = layoutSubnets('T', '10.1.0.0/18', azNames(2), new Set([...ALL_ROLES].reverse()), (r, i) => `${r}-${i}`);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.find((s) => s.key === 'workload-1')!.cidr).toBe('10.1.0.0/20');
    expect(a.find((s) => s.key === 'workload-2')!.cidr).toBe('10.1.16.0/20');
  });

  test('a VPC too small for the roles is refused with the segment and the fix', () => {
    expect(() => layoutSubnets('MyNumber', '10.1.0.0/26', azNames(3), new Set(ALL_ROLES), (r, i) => `${r}-${i}`))
      .toThrow(/\[MyNumber\] 10\.1\.0\.0\/26 is too small .*Fix: give the segment a larger CIDR/);
  });
});
