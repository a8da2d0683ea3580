import * as fc from 'fast-check';
import { alpha } from '../../examples/blueprints';
import { Blueprint, Ipv4Cidr, validateBlueprint } from '../../src';

describe('validation never crashes', () => {
  test('property: arbitrary JSON in any field gives a list of strings', () => {
    const keys = ['municipality', 'model', 'alphaPrimeCase', 'addressSpace', 'availabilityZones', 'myNumber', 'lgwan', 'internet', 'hosts', 'flows', 'breakout', 'logging', 'trafficMirroring', 'localGovernmentCode'];
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), fc.anything()), fc.boolean(), (garbage, onTop) => {
      const props = onTop ? { ...alpha, ...garbage } : garbage;
      const errors = validateBlueprint(props as any);
      expect(Array.isArray(errors)).toBe(true);
      for (const e of errors) expect(typeof e).toBe('string');
      if (!onTop) expect(errors.length).toBeGreaterThan(0);
    }), { numRuns: 300 });
  });

  test('property: nested garbage inside hosts, flows and the breakout is reported, never thrown', () => {
    const some = fc.array(fc.anything(), { maxLength: 4 });
    fc.assert(fc.property(some, some, fc.anything(), (hosts, flows, breakout) => {
      const errors = validateBlueprint({ ...alpha, hosts: hosts as any, flows: flows as any, breakout: breakout as any });
      expect(Array.isArray(errors)).toBe(true);
    }), { numRuns: 300 });
  });

  test('property: overlapping segment CIDRs are always reported (SEG-2)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 22 }), fc.integer({ min: 16, max: 22 }), (b, p1, p2) => {
      const base = Ipv4Cidr.parse(`10.${b}.0.0/16`);
      const errors = validateBlueprint({
        ...alpha,
        myNumber: { cidr: base.subnet(p1, 0).toString() },
        lgwan: { ...alpha.lgwan, cidr: base.subnet(p2, 0).toString() },
      });
      expect(errors.some((e) => /^\[lgwan\.cidr\] .* overlaps myNumber\.cidr .*SEG-2/.test(e))).toBe(true);
    }));
  });

  test('property: any valid renumbering of the segments validates and keeps its CIDRs', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 16, max: 20 }), (b, prefix) => {
      const space = `10.${b}.0.0/${prefix}`; // host bits are in the third and fourth octets: always zero here
      const props = { ...alpha, addressSpace: space, hosts: [], flows: [] };
      const bp = Blueprint.validate(props);
      const quarters = [0, 1, 2].map((i) => Ipv4Cidr.parse(space).subnet(prefix + 2, i).toString());
      expect(['MY_NUMBER', 'LGWAN', 'INTERNET'].map((s) => bp.segmentCidr(s as any))).toEqual(quarters);
    }));
  });
});
