import { unnarrowedGroups, widePaths } from './my-number';
import { arrivalsFrom, OUT_OR_UNKNOWN, pathFindings } from './paths';
import { NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { ALL_MODELS, GuardRule, Severity } from '../rule';
import { subnetsIn } from '../topology';

/** LG-1: in α, β and β′ the LGWAN segment has no way to the internet at all. */
export const LG1: GuardRule = {
  id: 'LG-1',
  severity: Severity.CRITICAL,
  models: [NetworkModel.ALPHA, NetworkModel.BETA, NetworkModel.BETA_PRIME],
  term: 'LGWAN接続系 → インターネット',
  summary: 'No path from LGWAN to the internet (or the security cloud) in α, β and β′.',
  check(ctx) {
    return pathFindings(ctx, this, arrivalsFrom(ctx, subnetsIn(ctx, Segment.LGWAN), OUT_OR_UNKNOWN), 'an LGWAN subnet',
      'remove the route that leads out; only α′ has a local breakout, and only through the firewall (AP-1)');
  },
};

/**
 * LG-2: LGWAN ↔ Internet segment only through declared sanitization relays (無害化) or screen transfer (画面転送),
 * host- and port-restricted: no path that carries a whole subnet of the other side, no security group that opens all
 * traffic, every port or a whole subnet toward it (semantics §10).
 */
export const LG2: GuardRule = {
  id: 'LG-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '無害化 / 画面転送',
  summary: 'LGWAN ↔ INTERNET segment only through declared sanitization relays or screen transfer: no path that carries a whole subnet of the other '
    + 'side, no security-group rule toward it that opens all traffic, every port or a whole subnet.',
  check(ctx) {
    const fix = 'connect the segments only through the declared relay or screen-transfer hosts, on their ports (無害化 / 画面転送)';
    return [
      ...widePaths(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
      ...widePaths(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.INTERNET, fix),
      ...unnarrowedGroups(ctx, this, Segment.INTERNET, Segment.LGWAN, fix),
    ];
  },
};
