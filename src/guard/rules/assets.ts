import { labelMayBeIn } from './placement';
import { cidrsCover, firstUndeclaredPort, groupPath } from './specific';
import { HostRole } from '../../model/flows';
import { NetworkModel } from '../../model/network-model';
import { ALL_SEGMENTS, HOST_TAG_KEY, ROLE_TAG_KEY, Segment } from '../../model/segment';
import { parsePrefix, Prefix } from '../address-space';
import { nodesOf, rulesOf, SecurityGroupNode, SecurityGroupRule } from '../graph';
import { MAX_PORT } from '../header-set';
import { bi, Bilingual, declaredAt, finding, Finding, GuardContext, GuardRule, joinBi, Severity } from '../rule';
import { nameOf, subnetsIn } from '../topology';

/**
 * BP-1 (β′): access control per information asset (情報資産単位でのアクセス制御, seed 000). In β′ the business systems move
 * into the Internet segment, next to the terminals and the internet; each one keeps its own security group, which
 * admits its clients and ports only — never all traffic, never a whole subnet or segment, and, where the scope declares
 * flows (an empty list too), nothing that no declared flow to it names.
 */
export const BP1: GuardRule = {
  id: 'BP-1',
  severity: Severity.ERROR,
  models: [NetworkModel.BETA_PRIME],
  term: '情報資産単位でのアクセス制御',
  summary: 'β′: every business system in the INTERNET segment has its own security group, admitting only its declared clients and ports: '
    + 'no all-traffic rule, no whole subnet or segment, nothing no declared flow names.',
  check(ctx) {
    const findings: Finding[] = [];
    const subnetBlocks = ALL_SEGMENTS.flatMap((s) => subnetsIn(ctx, s)).flatMap((t) => [t.cidr, t.ipv6Cidr].map((c) => parsePrefix(c)))
      .filter((p): p is Prefix => !!p);
    // A business system the guard cannot place (a VPC or subnet outside what it reads, subnets of two segments) may be in
    // the Internet segment: judged as one there, named (fail closed, as PL-1).
    const labels = nodesOf(ctx.graph, 'role-label').filter((l) => l.role === HostRole.BUSINESS_SYSTEM)
      .flatMap((label) => {
        const where = labelMayBeIn(ctx.graph, label, Segment.INTERNET);
        return where ? [{ label, where }] : [];
      });
    const groups = nodesOf(ctx.graph, 'security-group');
    for (const { label, where } of labels) {
      const labelled = ctx.graph.nodes.get(label.resource);
      const host = label.tags[HOST_TAG_KEY];
      // The asset's own groups: the labelled group itself, or the groups labelled as the same host's.
      const own = labelled?.type === 'security-group' ? [labelled]
        : groups.filter((g) => host !== undefined && g.tags[HOST_TAG_KEY] === host && g.tags[ROLE_TAG_KEY] === HostRole.BUSINESS_SYSTEM);
      if (own.length === 0) {
        findings.push(finding(this, label.path ?? nameOf(ctx.graph, label.resource),
          bi(`business system ${host ?? label.resource}${where.en} has no security group of its own (labelled ${HOST_TAG_KEY} and ${ROLE_TAG_KEY}=${HostRole.BUSINESS_SYSTEM})`,
            `${where.ja}業務システム ${host ?? label.resource} に専用のセキュリティグループ（ラベル ${HOST_TAG_KEY} と ${ROLE_TAG_KEY}=${HostRole.BUSINESS_SYSTEM}）がない`),
          bi('give each business system its own security group that admits only its declared clients and ports',
            '業務システムごとに、宣言したクライアントとポートだけを受け入れる専用のセキュリティグループを設ける')));
        continue;
      }
      for (const g of own) {
        const problems = ingressProblems(ctx, g, subnetBlocks);
        if (problems.length > 0) {
          const all = joinBi(problems, '; ', '、');
          findings.push(finding(this, nameOf(ctx.graph, g.id),
            bi(`business system ${g.tags[HOST_TAG_KEY] ?? g.id}${where.en}: security group ${g.id} ${all.en}`,
              `${where.ja}業務システム ${g.tags[HOST_TAG_KEY] ?? g.id}: セキュリティグループ ${g.id} が${all.ja}`),
            bi('admit only the declared clients (host CIDRs or their security groups) on the declared ports (情報資産単位でのアクセス制御)',
              '宣言したクライアント（ホストの CIDR か、そのセキュリティグループ）だけを、宣言したポートで受け入れる（情報資産単位でのアクセス制御）')));
        }
      }
    }
    return findings;
  },
};

/** What a business system's group admits beyond its declared clients and ports. */
function ingressProblems(ctx: GuardContext, group: SecurityGroupNode, subnetBlocks: Prefix[]): Bilingual[] {
  const problems: Bilingual[] = [];
  const host = group.tags[HOST_TAG_KEY];
  // The flows declared where the group lies (`declaredAt`): two members of a prefecture declare hosts of the same names,
  // and one member's flow to its system names no client of another's.
  const flows = declaredAt(ctx, groupPath(ctx, group)).flows;
  const declared = (flows ?? []).filter((f) => host !== undefined && f.to.name === host);
  for (const r of rulesOf(ctx.graph, group, false)) {
    const peer = parsePrefix(r.cidr);
    const peerText = r.cidr ?? (r.peerGroup?.kind === 'node' ? `security group ${r.peerGroup.id}` : r.prefixList ?? 'an unknown peer');
    const peerJa = r.cidr ?? (r.peerGroup?.kind === 'node' ? `セキュリティグループ ${r.peerGroup.id}` : r.prefixList ?? '不明な相手');
    if (r.protocol === '-1') {
      problems.push(bi(`admits all traffic from ${peerText}`, `${peerJa} からのすべての通信を受け入れている`));
      continue;
    }
    // A prefix list the guard could not read as entries (a literal id, a parameter) may hold a whole segment or the
    // internet, declared flows or not (fail closed, as `rulePeerCidrs` reads it).
    if (r.cidr === undefined && r.prefixList !== undefined && r.peerGroup === undefined) {
      problems.push(bi(`admits a prefix list ${r.prefixList} the guard cannot read, which may hold a whole subnet or segment`,
        `ガードが読めないプレフィックスリスト ${r.prefixList} を受け入れており、サブネットや系の全体を含みうる`));
      continue;
    }
    if (peer && (peer.length === 0 || subnetBlocks.some((b) => peer.lo <= b.lo && b.hi <= peer.hi))) {
      problems.push(bi(`admits a whole subnet or segment (${r.cidr})`, `サブネットか系の全体（${r.cidr}）を受け入れている`));
      continue;
    }
    // Declared flows, even none (GuardContext.flows), name every client the asset may admit.
    if (flows !== undefined && !declaredCovers(declared, r, peer)) {
      problems.push(bi(`admits ${r.protocol} ${portText(r)} from ${peerText}, which no declared flow to it names`,
        `${peerJa} からの ${r.protocol} ${portText(r)} を受け入れているが、この業務システムへの宣言済みの通信にない`));
    }
  }
  return problems;
}

/** Whether declared flows to the host name the rule's peer and every port it opens. */
function declaredCovers(declared: GuardContext['flows'] & object, r: SecurityGroupRule, peer: Prefix | undefined): boolean {
  if (!peer) return false;
  return firstUndeclaredPort(declared.filter((f) => cidrsCover(f.from.cidrs, peer)), r.protocol, r.fromPort ?? 0) > (r.toPort ?? MAX_PORT);
}

function portText(r: SecurityGroupRule): string {
  const from = r.fromPort ?? 0;
  const to = r.toPort ?? MAX_PORT;
  return from === to ? String(from) : `${from}-${to}`;
}
