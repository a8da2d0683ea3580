import { deref, nodesOf, rulesOf, SecurityGroupNode, SubnetNode, VpcNode } from '../graph';
import { internetProbes, nameOf, pathsBetween, probesInto, segmentOf, subnetsIn } from '../probes';
import { Trace } from '../reachability';
import { breakoutFirewallProblem } from './alpha-prime';
import { NetworkModel } from '../../model/network-model';
import { ALL_MODELS, finding, Finding, GuardContext, GuardRule, Severity } from '../rule';
import { endOf, pathFindings } from './paths';
import { Ipv4Cidr } from '../../model/cidr';
import { Segment } from '../../model/segment';

const MY_NUMBER_TO_INTERNET = 'マイナンバー利用事務系 → インターネット';

/** MN-1: no way from the My Number segment to the internet or the security cloud. */
export const MN1: GuardRule = {
  id: 'MN-1',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: MY_NUMBER_TO_INTERNET,
  summary: 'No path from a MY_NUMBER subnet to the internet or the security cloud: no IGW, NAT or public IP in the segment, no route that ends there.',
  check(ctx) {
    const findings: Finding[] = [];
    const subnets = subnetsIn(ctx, Segment.MY_NUMBER);
    const myVpcs = new Set(nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === Segment.MY_NUMBER).map((v) => v.id));
    const structural = (path: string, message: string, fix: string) =>
      findings.push(finding(this, path, message, fix));
    for (const g of [...nodesOf(ctx.graph, 'internet-gateway'), ...nodesOf(ctx.graph, 'egress-only-internet-gateway')]) {
      if (g.vpcs.some((v) => v.kind === 'node' && myVpcs.has(v.id))) {
        structural(nameOf(ctx.graph, g.id), `${g.type} ${g.id} is attached to the My Number VPC`, 'remove the gateway and its attachment; the segment has no internet access (三層の対策)');
      }
    }
    const subnetIds = new Set(subnets.map((s) => s.id));
    for (const n of nodesOf(ctx.graph, 'nat-gateway')) {
      if (n.subnet.kind === 'node' && subnetIds.has(n.subnet.id)) {
        structural(nameOf(ctx.graph, n.id), `NAT gateway ${n.id} sits in a My Number subnet`, 'remove it; reach declared hosts over the transit gateway only');
      }
    }
    for (const s of subnets.filter((x) => x.mapPublicIpOnLaunch)) {
      structural(nameOf(ctx.graph, s.id), 'the subnet gives instances public IP addresses (MapPublicIpOnLaunch)', 'set MapPublicIpOnLaunch to false');
    }
    const traces = subnets.flatMap((s) => pathsBetween(ctx, [s], internetProbes(ctx.reach, s),
      (t) => t.end.kind === 'internet' || (t.end.kind === 'zone' && t.end.zone === 'SECURITY_CLOUD')));
    findings.push(...pathFindings(ctx, this, traces, (t) => `a My Number subnet reaches ${endOf(t)} (${t.address})`,
      'remove the route (or the transit gateway route) that leads out; the My Number segment only reaches declared hosts (特定通信)'));
    return findings;
  },
};

/** MN-2: no path between the My Number and the Internet segments, either way. */
export const MN2: GuardRule = {
  id: 'MN-2',
  severity: Severity.CRITICAL,
  models: ALL_MODELS,
  term: 'マイナンバー利用事務系 ↔ インターネット接続系',
  summary: 'No path between MY_NUMBER and the INTERNET segment, in either direction.',
  check(ctx) {
    const into = (target: Segment) => (t: { end: { kind: string; subnet?: string } }) =>
      t.end.kind === 'subnet' && segmentOf(ctx.graph, ctx.graph.nodes.get(t.end.subnet!) as SubnetNode) === target;
    const there = pathsBetween(ctx, subnetsIn(ctx, Segment.MY_NUMBER), probesInto(ctx, Segment.INTERNET), into(Segment.INTERNET));
    const back = pathsBetween(ctx, subnetsIn(ctx, Segment.INTERNET), probesInto(ctx, Segment.MY_NUMBER), into(Segment.MY_NUMBER));
    return pathFindings(ctx, this, [...there, ...back], (t) => `${t.address} in the other segment is reachable`,
      'remove the routes (VPC, transit gateway, peering) between the two segments; they never talk (三層の対策)');
  },
};

/**
 * MN-3 (routing part): My Number ↔ LGWAN routes carry declared hosts only, never a whole subnet of the other side.
 * The filtering part (security groups / NACLs narrowed to host CIDRs and ports) is checked with the flows.
 */
export const MN3: GuardRule = {
  id: 'MN-3',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '特定通信',
  summary: 'MY_NUMBER ↔ LGWAN only as specific communication: routes and security groups name host CIDRs and ports, never all traffic, all ports or a whole subnet of the other side.',
  check(ctx) {
    const fix = 'route and allow only the declared hosts (host CIDRs) and ports of the specific communication (特定通信)';
    return [
      ...wholeSubnetRoutes(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix),
      ...wholeSubnetRoutes(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix),
      ...unnarrowedGroups(ctx, this, Segment.MY_NUMBER, Segment.LGWAN, fix),
      ...unnarrowedGroups(ctx, this, Segment.LGWAN, Segment.MY_NUMBER, fix),
    ];
  },
};

/**
 * Routes from the `from` segment (its VPC route tables, and the transit gateway tables its attachments are associated
 * with) whose destination covers a whole subnet of the `to` segment: traffic between them must name hosts.
 * Default routes (prefix 0) are the internet rules' business (MN-1, LG-1, AP-1).
 */
export function wholeSubnetRoutes(ctx: GuardContext, rule: GuardRule, from: Segment, to: Segment, fix: string): Finding[] {
  const findings: Finding[] = [];
  const targets = subnetsIn(ctx, to).map((s) => Ipv4Cidr.tryParse(s.cidr ?? '')).filter((c): c is Ipv4Cidr => !!c);
  const covered = (destination: string) => {
    const d = Ipv4Cidr.tryParse(destination);
    return d && d.prefixLength > 0 ? targets.find((t) => d.contains(t)) : undefined;
  };
  const add = (source: string, message: string) =>
    findings.push(finding(rule, nameOf(ctx.graph, source), message, fix));
  for (const table of nodesOf(ctx.graph, 'route-table')) {
    if (deref<VpcNode>(ctx.graph, table.vpc)?.segment !== from) continue;
    for (const r of table.routes) {
      const whole = covered(r.destination);
      if (whole) add(r.source, `route ${r.destination} in ${table.id} covers the whole ${to} subnet ${whole.toString()}`);
    }
  }
  const fromAttachments = new Set(nodesOf(ctx.graph, 'transit-attachment')
    .filter((a) => a.kind === 'vpc' && deref<VpcNode>(ctx.graph, a.vpc)?.segment === from).map((a) => a.id));
  for (const table of nodesOf(ctx.graph, 'transit-route-table')) {
    if (!table.associations.some((a) => a.kind === 'node' && fromAttachments.has(a.id))) continue;
    for (const r of table.routes.filter((x) => !x.blackhole)) {
      const whole = covered(r.destination);
      if (whole) add(r.source, `transit gateway route ${r.destination} in ${table.id} covers the whole ${to} subnet ${whole.toString()}`);
    }
  }
  return findings;
}

/**
 * Security groups in the `own` segment with a rule toward the `other` segment that is not narrowed to hosts and ports —
 * all protocols, all ports, or a CIDR that covers a whole subnet of the other side. The peer is a CIDR overlapping the
 * other segment's VPCs, or a security group in one of them.
 * A rule to 0.0.0.0/0 on one port (e.g. the proxy's HTTPS egress in LGWAN) is left to the routes; with all protocols
 * it is flagged.
 */
export function unnarrowedGroups(ctx: GuardContext, rule: GuardRule, own: Segment, other: Segment, fix: string): Finding[] {
  const findings: Finding[] = [];
  const vpcCidr = (seg: Segment) => nodesOf(ctx.graph, 'vpc').filter((v) => v.segment === seg).map((v) => Ipv4Cidr.tryParse(v.cidr ?? '')).filter((c): c is Ipv4Cidr => !!c);
  const subnetCidrs = (seg: Segment) => subnetsIn(ctx, seg).map((s) => Ipv4Cidr.tryParse(s.cidr ?? '')).filter((c): c is Ipv4Cidr => !!c);
  {
    const otherVpcs = vpcCidr(other);
    const otherSubnets = subnetCidrs(other);
    for (const group of nodesOf(ctx.graph, 'security-group')) {
      if (deref<VpcNode>(ctx.graph, group.vpc)?.segment !== own) continue;
      for (const egress of [false, true]) {
        for (const r of rulesOf(ctx.graph, group, egress)) {
          // The peer: a CIDR overlapping the other segment, or a security group in one of its VPCs (whose members are
          // hosts, so only the protocol and ports can be too wide).
          const c = Ipv4Cidr.tryParse(r.cidr ?? '');
          const peerGroup = deref<SecurityGroupNode>(ctx.graph, r.peerGroup);
          const toGroup = peerGroup?.type === 'security-group' && deref<VpcNode>(ctx.graph, peerGroup.vpc)?.segment === other;
          if (!toGroup && (!c || !otherVpcs.some((v) => v.overlaps(c)))) continue;
          const allProtocols = r.protocol === '-1';
          const allPorts = (r.protocol === 'tcp' || r.protocol === 'udp') && (r.fromPort ?? 0) <= 0 && (r.toPort ?? 65535) >= 65535;
          const wholeSubnet = !!c && c.prefixLength > 0 && otherSubnets.some((s) => c.contains(s));
          if (!allProtocols && !allPorts && !wholeSubnet) continue;
          const what = allProtocols ? 'all traffic' : allPorts ? `all ${r.protocol} ports` : `a whole ${other} subnet`;
          const peer = toGroup ? `security group ${peerGroup!.id}` : r.cidr;
          const message = `security group ${group.id} allows ${what} ${egress ? 'to' : 'from'} ${peer}, which ${toGroup ? 'is in' : 'reaches'} the ${other} segment`;
          findings.push(finding(rule, nameOf(ctx.graph, group.id), message, fix));
        }
      }
    }
  }
  return findings;
}

/**
 * MN-4: a host the My Number segment may reach has no way to the internet itself. Over the graph: the subnets of other
 * VPCs that a My Number subnet reaches, and whether they reach the internet or the security cloud (hosts of the Internet
 * segment are reached only as declared relays or screen transfer, which LG-2 checks).
 * In α′ the LGWAN subnets break out through the allow-list firewall that AP-1 checks; such a path is not flagged here
 * (a stricter reading would keep My Number peers off the breakout entirely; see the README).
 */
export const MN4: GuardRule = {
  id: 'MN-4',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: 'マイナンバー利用事務系の接続先',
  summary: 'A subnet the My Number segment may reach has no path to the internet or the security cloud itself (α′: except through the checked breakout firewall).',
  check(ctx) {
    const reached = new Map<string, Trace>();
    for (const target of [Segment.LGWAN, Segment.INTERNET]) {
      const probes = probesInto(ctx, target);
      for (const t of pathsBetween(ctx, subnetsIn(ctx, Segment.MY_NUMBER), probes, (x) => x.end.kind === 'subnet')) {
        const id = (t.end as { subnet: string }).subnet;
        if (!reached.has(id)) reached.set(id, t);
      }
    }
    const findings: Finding[] = [];
    const internetSubnets = new Set(subnetsIn(ctx, Segment.INTERNET).map((s) => s.id));
    for (const [id, inbound] of [...reached].sort(([a], [b]) => a.localeCompare(b))) {
      const subnet = ctx.graph.nodes.get(id) as SubnetNode;
      const out = ctx.reach;
      // The internet and the security cloud; declared screen-transfer / relay hosts of the Internet segment are LG-2's.
      const leaks = internetProbes(out, subnet).map((a) => out.trace(id, a)).filter((t) =>
        (t.end.kind === 'internet' || (t.end.kind === 'zone' && t.end.zone === 'SECURITY_CLOUD'))
        && !(ctx.model === NetworkModel.ALPHA_PRIME && t.firewalls.some((f) => breakoutFirewallProblem(ctx, f) === undefined)));
      if (leaks.length === 0 || internetSubnets.has(id)) continue;
      findings.push(finding(this, nameOf(ctx.graph, id),
        `the My Number segment reaches this subnet (${inbound.address}), and it reaches ${endOf(leaks[0])} (${leaks[0].address})`,
        'keep hosts that talk to the My Number segment off any internet path: remove the route out of their subnet, or move them to a subnet without one',
        leaks[0].hops));
    }
    return findings;
  },
};
