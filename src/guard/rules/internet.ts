import { infrastructureSubnets, internetProbes, pathsBetween, subnetsIn } from '../probes';
import { ALL_MODELS, GuardRule, Severity } from '../rule';
import { pathFindings } from './paths';
import { Segment } from '../../model/segment';

/** IN-1: the Internet segment goes out through the security cloud (or, in proofs of concept, an inspecting firewall). */
export const IN1: GuardRule = {
  id: 'IN-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '自治体情報セキュリティクラウド',
  summary: 'INTERNET-segment egress only via the security cloud (proxy and IDS), never a direct IGW/NAT route from workload subnets.',
  check(ctx) {
    const chain = infrastructureSubnets(ctx.graph);
    const subnets = subnetsIn(ctx, Segment.INTERNET).filter((s) => !chain.has(s.id));
    const traces = subnets.flatMap((s) => pathsBetween(ctx, [s], internetProbes(ctx.reach, s), (t) => t.end.kind === 'internet' && t.firewalls.length === 0));
    return pathFindings(ctx, this, traces, (t) => `${t.address} is reached directly, without the security cloud or a firewall`,
      'route the default route to the transit gateway toward the security cloud (or, for a proof of concept, through the built-in egress firewall)');
  },
};
