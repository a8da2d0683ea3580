import * as fc from 'fast-check';
import { CidrAllocator, Ipv4Cidr } from '../../src';

const anyCidr = fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([addr, prefix]) => Ipv4Cidr.of(addr, prefix));

describe('Ipv4Cidr', () => {
  test('parse rejects malformed text and set host bits', () => {
    for (const bad of ['10.0.0.0', '10.0.0.1/24', '256.0.0.0/8', '10.0.0.0/33', 'ten/8', '']) expect(Ipv4Cidr.tryParse(bad)).toBeUndefined();
    expect(() => Ipv4Cidr.parse('10.0.0.1/24')).toThrow(/host bits zero/);
  });
  test('parsing is remembered, for good and bad text alike (the guard parses the same blocks many times)', () => {
    for (let round = 0; round < 2; round++) {
      expect(Ipv4Cidr.tryParse('10.0.0.1/24')).toBeUndefined();
      expect(Ipv4Cidr.tryParse(' 10.1.0.0/16 ')?.toString()).toBe('10.1.0.0/16');
      expect(() => Ipv4Cidr.parse('ten/8')).toThrow(/not an IPv4 CIDR block/);
    }
    expect(Ipv4Cidr.tryParse('10.2.0.0/16')).toBe(Ipv4Cidr.tryParse('10.2.0.0/16'));
    // Far more distinct blocks than the cache holds: still parsed right.
    for (let i = 0; i < 12_000; i++) expect(Ipv4Cidr.tryParse(Ipv4Cidr.of(i * 256, 24).toString())!.network).toBe(i * 256);
  });
  test('property: toString and parse round-trip; a block contains itself and its subnets', () => {
    fc.assert(fc.property(anyCidr, fc.integer({ min: 0, max: 8 }), (c, extra) => {
      expect(Ipv4Cidr.parse(c.toString()).toString()).toBe(c.toString());
      expect(c.contains(c)).toBe(true);
      const p = Math.min(32, c.prefixLength + extra);
      const sub = c.subnet(p, 2 ** (p - c.prefixLength) - 1);
      expect(c.contains(sub)).toBe(true);
      expect(c.overlaps(sub)).toBe(true);
    }));
  });
  test('property: overlap is symmetric and matches containment of the smaller block', () => {
    fc.assert(fc.property(anyCidr, anyCidr, (a, b) => {
      expect(a.overlaps(b)).toBe(b.overlaps(a));
      const [big, small] = a.prefixLength <= b.prefixLength ? [a, b] : [b, a];
      expect(a.overlaps(b)).toBe(big.contains(small));
    }));
  });
});

describe('CidrAllocator', () => {
  test('property: allocated blocks are aligned, inside the parent and never overlap', () => {
    const sizesArb = fc.array(fc.integer({ min: 0, max: 8 }), { minLength: 1, maxLength: 20 });
    fc.assert(fc.property(fc.integer({ min: 8, max: 24 }), sizesArb, (parentPrefix, sizes) => {
      const parent = Ipv4Cidr.parse('10.0.0.0/8').subnet(parentPrefix, 0);
      const alloc = new CidrAllocator(parent);
      const taken: Ipv4Cidr[] = [];
      for (const s of [...sizes].sort((x, y) => x - y)) {
        try {
          taken.push(alloc.take(Math.min(32, parentPrefix + s)));
        } catch (e) {
          expect((e as Error).message).toMatch(/no room left/);
          break;
        }
      }
      taken.forEach((b, i) => {
        expect(parent.contains(b)).toBe(true);
        expect(b.network % b.size).toBe(0);
        for (const o of taken.slice(i + 1)) expect(b.overlaps(o)).toBe(false);
      });
    }));
  });
});
