import { unnarrowedGroups, unnarrowedGroupsToward, widePaths } from './my-number';
import { arrivalsFrom, OUT_OR_UNKNOWN, pathFindings } from './paths';
import { NetworkModel } from '../../model/network-model';
import { Segment } from '../../model/segment';
import { parsePrefix, Prefix } from '../address-space';
import { everything, HeaderSet } from '../header-set';
import { subtractAll } from '../reachability';
import { ALL_MODELS, finding, Finding, GuardRule, Severity } from '../rule';
import { nameOf, subnetsIn } from '../topology';

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

const WAN = 'LGWAN_WAN';

/**
 * The most addresses of the LGWAN WAN that an LGWAN subnet may reach in one run when nothing is declared (semantics
 * §10, LG-3): a /24. LGWAN-ASP services are hosts or small host ranges; a run wider than a /24 is a network, not a
 * service (a hand-built stack routes its services' host prefixes).
 */
const MAX_UNDECLARED_RUN = 256n;

/**
 * LG-3: LGWAN ↔ LGWAN WAN only to the declared LGWAN-ASP services (seed 001 「LGWAN-ASP（LGWANメール含む）など特定通信限定とすること」).
 * Over the exact paths (routes, transit gateway tables, blackholes, NACLs), both ways: with declared flows, nothing of the
 * WAN beyond the WAN hosts of the LGWAN ↔ LGWAN WAN flows, and nothing of LGWAN beyond their LGWAN hosts from the WAN;
 * with none declared (a hand-built stack), no run of WAN addresses wider than a /24 and no whole LGWAN subnet from the
 * WAN. The security groups of LGWAN toward what is routed of the WAN open neither all traffic nor every port (MN-3's
 * check).
 */
export const LG3: GuardRule = {
  id: 'LG-3',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'LGWAN-ASP（特定通信）',
  summary: 'LGWAN ↔ LGWAN WAN only to declared LGWAN-ASP services: no path to WAN addresses beyond the declared service hosts (none declared: '
    + 'no run wider than a /24), none from the WAN beyond the declared LGWAN hosts (none declared: no whole subnet), no security-group rule toward '
    + 'the routed WAN that opens all traffic or every port.',
  check(ctx) {
    const findings: Finding[] = [];
    const fix = 'route and allow only the declared LGWAN-ASP services (host CIDRs and ports) between LGWAN and the LGWAN WAN; blackhole the rest of the WAN ranges (LGWAN-ASP)';
    const declared = (ctx.flows ?? []).length > 0;
    const asp = (ctx.flows ?? []).filter((f) => new Set([f.from.zone, f.to.zone]).size === 2
      && [f.from.zone, f.to.zone].includes(Segment.LGWAN) && [f.from.zone, f.to.zone].includes(WAN));
    const hostBoxes = (zone: string) => asp.flatMap((f) => [f.from, f.to]).filter((h) => h.zone === zone).flatMap((h) => h.cidrs)
      .flatMap((c) => {
        const p = parsePrefix(c);
        if (!p) return [];
        try {
          return everything(ctx.reach.protocols, ctx.reach.atoms.range(p), ctx.reach.atoms.family(p.family));
        } catch {
          return [];
        }
      });
    const runs = (headers: HeaderSet): [bigint, bigint][] => {
      const sorted = headers.map((b) => [ctx.reach.atoms.lo(b.d0), ctx.reach.atoms.hi(b.d1)] as [bigint, bigint])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const out: [bigint, bigint][] = [];
      for (const r of sorted) {
        const last = out[out.length - 1];
        if (last && r[0] <= last[1] + 1n) last[1] = last[1] > r[1] ? last[1] : r[1];
        else out.push([r[0], r[1]]);
      }
      return out;
    };

    // LGWAN → WAN.
    const wanBlocks: Prefix[] = [];
    const allowedWan = hostBoxes(WAN);
    for (const source of subnetsIn(ctx, Segment.LGWAN)) {
      const toWan = ctx.reach.arrivals(source.id).filter((a) => a.end.kind === 'zone' && a.end.zone === WAN);
      for (const a of toWan) for (const [lo, hi] of runs(a.headers)) wanBlocks.push({ family: lo >= 2n ** 32n ? 6 : 4, lo, hi, length: 1 });
      const tooWide = (a: (typeof toWan)[number]) => runs(a.headers).some(([lo, hi]) => hi - lo + 1n > MAX_UNDECLARED_RUN);
      const wide = toWan.map((a) => ({ a, extra: declared ? subtractAll(a.headers, allowedWan) : tooWide(a) ? [...a.headers] : [] }))
        .find((x) => x.extra.length > 0);
      if (!wide) continue;
      findings.push(finding(this, nameOf(ctx.graph, source.id), declared
        ? `traffic from this LGWAN subnet reaches LGWAN WAN addresses that no declared LGWAN-ASP flow names (${ctx.reach.destinations(wide.extra)})`
        : `traffic from this LGWAN subnet reaches a run of LGWAN WAN addresses wider than a /24 (${ctx.reach.destinations(wide.extra)}), not LGWAN-ASP service hosts`,
      fix, ctx.reach.hops(wide.a)));
    }

    // WAN → LGWAN.
    const all = [4, 6].flatMap((f) => everything(ctx.reach.protocols, ctx.reach.atoms.family(f as 4 | 6), ctx.reach.atoms.family(f as 4 | 6)));
    const inbound = ctx.reach.probeFromZone(WAN, all).arrivals
      .filter((a) => a.end.kind === 'subnet' && ctx.reach.segmentOf(a.end.subnet) === Segment.LGWAN);
    const allowedLgwan = hostBoxes(Segment.LGWAN);
    const reported = new Set<string>();
    for (const a of inbound) {
      const target = (a.end as { subnet: string }).subnet;
      if (reported.has(target)) continue;
      const extra = declared ? subtractAll(a.headers, allowedLgwan) : [];
      const whole = declared ? undefined : ctx.reach.blocksOf(target).find((b) => ctx.reach.coversWhole(a.headers, b.range));
      if (extra.length === 0 && !whole) continue;
      reported.add(target);
      findings.push(finding(this, nameOf(ctx.graph, target), declared
        ? `the LGWAN WAN reaches addresses of this LGWAN subnet that no declared LGWAN-ASP flow names (${ctx.reach.destinations(extra)})`
        : `the LGWAN WAN reaches the whole LGWAN subnet ${whole!.text}, not declared hosts`,
      fix, ctx.reach.hops(a)));
    }

    // Security groups toward what is routed of the WAN.
    if (wanBlocks.length > 0) {
      findings.push(...unnarrowedGroupsToward(ctx, this, Segment.LGWAN, { name: 'LGWAN WAN', blocks: wanBlocks, wholes: [] }, fix));
    }
    return findings;
  },
};
