import { HostRole } from '../../model/flows';
import { MODEL_JA, MODEL_PLACEMENT, NetworkModel } from '../../model/network-model';
import { Segment, SEGMENT_JA } from '../../model/segment';
import { deref, nodesOf, RoleLabelNode, SubnetNode, TopologyGraph, VpcNode } from '../graph';
import { ALL_MODELS, bi, finding, Finding, GuardRule, Severity } from '../rule';
import { nameOf, segmentOf } from '../topology';

/** Where a labelled resource sits: its VPC's segment, else the segment of the subnets it names (one, or none if they disagree). */
export function segmentOfLabel(graph: TopologyGraph, label: RoleLabelNode): Segment | undefined {
  const vpc = deref<VpcNode>(graph, label.vpc);
  if (vpc?.type === 'vpc' && vpc.segment) return vpc.segment;
  const segments = new Set(label.subnets.map((r) => deref<SubnetNode>(graph, r)).filter((s): s is SubnetNode => s?.type === 'subnet')
    .map((s) => segmentOf(graph, s)));
  return segments.size === 1 ? [...segments][0] : undefined;
}

/** The segments the model allows for a role; undefined when the placement table says nothing about it. */
function allowedSegments(model: NetworkModel, role: string): readonly Segment[] | undefined {
  const placement = MODEL_PLACEMENT[model];
  switch (role) {
    case HostRole.BUSINESS_TERMINALS: return [placement.terminalSegment];
    case HostRole.BUSINESS_SYSTEM: return placement.businessSystemSegments;
    case HostRole.MY_NUMBER_SYSTEM: return [Segment.MY_NUMBER];
    default: return undefined;
  }
}

/** Each role in Japanese alone. */
const ROLE_ONLY_JA: Readonly<Record<string, string>> = {
  [HostRole.BUSINESS_TERMINALS]: '業務端末',
  [HostRole.BUSINESS_SYSTEM]: '業務システム',
  [HostRole.MY_NUMBER_SYSTEM]: 'マイナンバー利用事務系の業務システム',
};

const ROLE_JA: Readonly<Record<string, string>> = {
  [HostRole.BUSINESS_TERMINALS]: 'business terminals (業務端末)',
  [HostRole.BUSINESS_SYSTEM]: 'a business system (業務システム)',
  [HostRole.MY_NUMBER_SYSTEM]: 'a My Number system (マイナンバー利用事務系の業務システム)',
};

/** PL-1: terminals and business systems sit where the model places them (REQUIREMENTS.md §2). */
export const PL1: GuardRule = {
  id: 'PL-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '配置',
  summary: 'Resources labelled as business terminals, business systems or My Number systems (`jichitai:role`) sit in the segment the model places them in.',
  check(ctx) {
    const findings: Finding[] = [];
    for (const label of nodesOf(ctx.graph, 'role-label')) {
      const allowed = allowedSegments(ctx.model, label.role);
      const segment = segmentOfLabel(ctx.graph, label);
      if (!allowed || segment === undefined || allowed.includes(segment)) continue;
      findings.push(finding(this, label.path ?? nameOf(ctx.graph, label.resource),
        bi(`${ROLE_JA[label.role]} in ${SEGMENT_JA[segment]}, but ${MODEL_JA[ctx.model]} places them in ${allowed.map((s) => SEGMENT_JA[s]).join(' or ')}`,
          `${ROLE_ONLY_JA[label.role]}が${SEGMENT_JA[segment]}にあるが、${MODEL_JA[ctx.model]}では${allowed.map((s) => SEGMENT_JA[s]).join('または')}に置く`),
        bi(`move it to ${allowed.join(' or ')}, or build the network in the model that matches where it is`,
          `${allowed.map((s) => `${SEGMENT_JA[s]}（${s}）`).join('または')}へ移すか、今の配置に合うモデルでネットワークを構築する`)));
    }
    return findings;
  },
};
