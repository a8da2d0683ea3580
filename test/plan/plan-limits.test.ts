/**
 * The planner's side of issue 11: routes are one per destination (construct ids come from destinations), the subnet
 * roles validation lays out are the planner's, the CloudFormation resource count follows the AWS CDK renderer, and every
 * tag the plan puts on resources is within AWS's limits.
 */
import { BLUEPRINTS } from '../../examples/blueprints';
import { Blueprint, InternetEgressMode, NetworkModel, AlphaPrimeCase, Segment, SEGMENT_TAG_KEY } from '../../src';
import { TAG_LIMITS } from '../../src/model/validate';
import { planOf } from '../../src/plan/cache';
import { RouteTargetKind, SubnetPlan, SubnetRole } from '../../src/plan/network-plan';
import { cloudFormationResourceCount, segmentSubnetRoles } from '../../src/plan/plan';
import { planRouteTables } from '../../src/plan/routing';
import { randomValidBlueprint } from '../fuzz/generate';
import { Rng } from '../fuzz/rng';
import { exampleBlueprint, untouchedCdk } from '../support/untouched';

const subnet = (key: string, role: SubnetRole, cidr: string): SubnetPlan => ({
  key, role, azIndex: 0, availabilityZone: 'ap-northeast-1a', cidr, routeTable: key, mapPublicIpOnLaunch: false,
});

describe('VPC route tables: one route per destination', () => {
  const subnets = [subnet('workload-1', SubnetRole.WORKLOAD, '10.0.64.0/20')];

  test('the same destination for the same target twice is one route with both reasons', () => {
    const [table] = planRouteTables({
      segment: Segment.LGWAN,
      transitDestinations: [{ destination: '172.20.0.0/16', reason: 'flow a' }, { destination: '172.20.0.0/16', reason: 'LGWAN WAN' }],
    }, subnets);
    expect(table.routes).toEqual([{ destination: '172.20.0.0/16', target: RouteTargetKind.TRANSIT_GATEWAY, reason: 'flow a; LGWAN WAN' }]);
  });

  test('one destination for two targets is refused (validation never lets it through)', () => {
    expect(() => planRouteTables({
      segment: Segment.LGWAN,
      transitDestinations: [{ destination: '0.0.0.0/0', reason: 'a host of 0.0.0.0/0' }],
      defaultRoute: { target: RouteTargetKind.FIREWALL_ENDPOINT, reason: 'breakout' },
    }, subnets)).toThrow(/0\.0\.0\.0\/0 would be routed to both transit-gateway .* and firewall-endpoint/);
  });
});

describe('subnet roles', () => {
  const roles = (
    segment: Segment, model: NetworkModel, alphaPrimeCase?: AlphaPrimeCase, tenantProxy = false, internetEgress = InternetEgressMode.SECURITY_CLOUD,
  ) =>
    [...segmentSubnetRoles(segment, { model, alphaPrimeCase, tenantProxy, internetEgress })].sort();
  test('firewall and egress subnets where a firewall sits, terminal subnets for the α′ breakout, proxy subnets for the α′ proxy and the stand-in\'s', () => {
    expect(roles(Segment.MY_NUMBER, NetworkModel.ALPHA_PRIME, AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD, true)).toEqual(['endpoints', 'transit', 'workload']);
    expect(roles(Segment.LGWAN, NetworkModel.ALPHA_PRIME, AlphaPrimeCase.COMMUNICATION_NO_DOWNLOAD, true)).toEqual(['egress', 'endpoints', 'firewall', 'proxy', 'terminals', 'transit', 'workload']);
    expect(roles(Segment.LGWAN, NetworkModel.ALPHA_PRIME, AlphaPrimeCase.LICENSE_AND_UPDATES, false)).toEqual(['egress', 'endpoints', 'firewall', 'terminals', 'transit', 'workload']);
    expect(roles(Segment.LGWAN, NetworkModel.BETA)).toEqual(['endpoints', 'transit', 'workload']);
    expect(roles(Segment.INTERNET, NetworkModel.BETA_PRIME, undefined, false, InternetEgressMode.BUILT_IN)).toEqual(['egress', 'endpoints', 'firewall', 'proxy', 'transit', 'workload']);
  });
});

describe('the CloudFormation resource count follows the AWS CDK renderer', () => {
  test.each(Object.keys(BLUEPRINTS))('%s', (name) => {
    // The untouched example, synthesized once per test run (test/support/untouched.ts).
    const resources = Object.keys(untouchedCdk(name).template.Resources).length;
    expect(cloudFormationResourceCount(planOf(exampleBlueprint(name)))).toBe(resources);
  });
});

describe('tags within AWS limits (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html)', () => {
  // Keys at most 128 characters, values at most 256, the characters every service accepts, no aws: prefix.
  const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  test('property: every tag of the plan of a random valid blueprint', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 60; i++) {
      const plan = planOf(Blueprint.validate(randomValidBlueprint(rng.fork())));
      const tags: [string, string][] = [
        ...Object.entries(plan.tags),
        ...plan.segments.map((s) => [SEGMENT_TAG_KEY, s.segment] as [string, string]),
        ...plan.segments.flatMap((s) => s.securityGroups.flatMap((g) => Object.entries(g.labels))),
      ];
      for (const [key, value] of tags) {
        expect(key.length).toBeLessThanOrEqual(TAG_LIMITS.key);
        expect(value.length).toBeLessThanOrEqual(TAG_LIMITS.value);
        expect(key).toMatch(TAG_TEXT);
        expect(value).toMatch(TAG_TEXT);
        expect(value).not.toMatch(/^aws:/i);
      }
    }
  });
});
