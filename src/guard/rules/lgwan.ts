import { NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { internetProbes, pathsBetween, subnetsIn } from '../probes';
import { ALL_MODELS, GuardRule, Severity } from '../rule';
import { unnarrowedGroups, wholeSubnetRoutes } from './my-number';
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

/**
 * LG-2: LGWAN ↔ Internet segment only through declared sanitization relays (無害化) or screen transfer (画面転送),
 * host- and port-restricted: no route that covers a whole subnet of the other side, no security group that opens all
 * traffic, all ports or a whole subnet toward it.
 */
export const LG2: GuardRule = {
  id: 'LG-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '無害化 / 画面転送',
  summary: 'LGWAN ↔ INTERNET segment only through declared sanitization relays or screen transfer: routes and security groups name hosts and ports, never '
    + 'whole subnets, all ports or all traffic.',
  check(ctx) {
    const fix = 'connect the segments only through the declared relay or screen-transfer hosts, on their ports (無害化 / 画面転送)';
    return [
      ...wholeSubnetRoutes(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
      ...wholeSubnetRoutes(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
      ...unnarrowedGroups(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
    ];
  },
};
