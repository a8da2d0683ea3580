import { NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { internetProbes, pathsBetween, subnetsIn } from '../probes';
import { GuardRule, Severity } from '../rule';
import { endOf, pathFindings } from './paths';

/** LG-1: in α, β and β′ the LGWAN segment has no way to the internet at all. */
export const LG1: GuardRule = {
  id: 'LG-1',
  severity: Severity.CRITICAL,
  models: [NetworkModel.ALPHA, NetworkModel.BETA, NetworkModel.BETA_PRIME],
  term: 'LGWAN接続系 → インターネット',
  summary: 'No path from LGWAN to the internet (or the security cloud) in α, β and β′.',
  check(ctx) {
    const traces = subnetsIn(ctx, Segment.LGWAN).flatMap((s) => pathsBetween(ctx, [s], internetProbes(ctx.reach, s),
      (t) => t.end.kind === 'internet' || (t.end.kind === 'zone' && t.end.zone === 'SECURITY_CLOUD')));
    return pathFindings(ctx, this, traces, (t) => `an LGWAN subnet reaches ${endOf(t)} (${t.address})`,
      'remove the route that leads out; only α′ has a local breakout, and only through the firewall (AP-1)');
  },
};
