import { arrivalsFrom, pathFindings } from './paths';
import { Segment } from '../../model/segment';
import { ALL_MODELS, GuardRule, Severity } from '../rule';
import { infrastructureSubnets, subnetsIn } from '../topology';

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
    return pathFindings(ctx, this, arrivalsFrom(ctx, subnets, (a) => a.end.kind === 'internet' && a.firewalls.length === 0),
      'an Internet-segment workload subnet, directly, without the security cloud or a firewall,',
      'route the default route to the transit gateway toward the security cloud (or, for a proof of concept, through the built-in egress firewall)');
  },
};
