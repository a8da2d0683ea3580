import { inUnplacedVpc } from './specific';
import { HostRole } from '../../model/flows';
import { MODEL_JA, MODEL_PLACEMENT, NetworkModel } from '../../model/network-model';
import { ALL_SEGMENTS, Segment, SEGMENT_JA } from '../../model/segment';
import { deref, nodesOf, Ref, RoleLabelNode, SubnetNode, TopologyGraph, VpcNode } from '../graph';
import { ALL_MODELS, bi, finding, Finding, GuardRule, Severity } from '../rule';
import { nameOf, segmentOf } from '../topology';

/**
 * Where a labelled resource sits: its VPC's segment, else the segment of the subnets it names (one, or none if they
 * disagree, a subnet in a VPC without a segment label included). For a label that meets a requirement (AP-6: a
 * sanitization relay in the scope, in LGWAN), where none means it does not count (fail closed); rules that refuse what
 * a label may be (PL-1, BP-1, AP-7) use `labelPlaces`, which takes each segment it may be in.
 */
export function segmentOfLabel(graph: TopologyGraph, label: RoleLabelNode): Segment | undefined {
  const vpc = deref<VpcNode>(graph, label.vpc);
  if (vpc?.type === 'vpc' && vpc.segment) return vpc.segment;
  const segments = new Set(label.subnets.map((r) => deref<SubnetNode>(graph, r)).filter((s): s is SubnetNode => s?.type === 'subnet')
    .map((s) => segmentOf(graph, s)));
  return segments.size === 1 ? [...segments][0] : undefined;
}

/** What places a label that the guard cannot place. */
type Unplaced = { ref: Ref; what: 'VPC' | 'subnet' | 'network interface' | 'launch template' | 'nothing' };

/**
 * Where a labelled resource may sit, for PL-1: the segments of its VPC, else of the subnets it names (each of them); and
 * the first VPC, subnet, network interface or launch template it names that the guard cannot place (a literal id, a
 * parameter or variable, none given for a security group: the default VPC), which may be of any segment (fail closed). A
 * VPC or subnet of the output without a segment label places it nowhere: GUARD-1 reports that VPC.
 */
function labelPlaces(graph: TopologyGraph, label: RoleLabelNode): { segments: Segment[]; unplaced?: Unplaced } {
  const vpc = label.vpc === undefined ? undefined : deref<VpcNode>(graph, label.vpc);
  if (vpc?.type === 'vpc' && vpc.segment) return { segments: [vpc.segment] };
  const segments = new Set<Segment>();
  let unplaced: Unplaced | undefined = label.elsewhere?.[0];
  for (const ref of label.subnets) {
    const subnet = deref<SubnetNode>(graph, ref);
    if (subnet?.type !== 'subnet') {
      unplaced ??= { ref, what: 'subnet' };
      continue;
    }
    const segment = segmentOf(graph, subnet);
    if (segment !== undefined) segments.add(segment);
  }
  // Subnets the guard places say where it is, whatever VPC it names.
  if (label.subnets.length === 0 && !label.elsewhere && label.vpc !== undefined && vpc?.type !== 'vpc') unplaced = { ref: label.vpc, what: 'VPC' };
  // Naming nothing that places it (a function outside any VPC, a service whose subnets are not read): any segment.
  if (label.nowhere) unplaced = { ref: { kind: 'unresolved', expression: label.resource }, what: 'nothing' };
  return { segments: [...segments], unplaced };
}

/**
 * Whether a labelled resource may sit in `segment`, and how that is said (after its name in English, before it in
 * Japanese): its VPC or one of its subnets is of the segment (nothing said), or — placed in no segment by what the guard
 * reads — it names a VPC or subnet the guard cannot place (named: it may be of the segment, fail closed). Undefined
 * otherwise. Rules that judge a role in one segment (BP-1) judge such a label too, as PL-1 does.
 */
export function labelMayBeIn(graph: TopologyGraph, label: RoleLabelNode, segment: Segment): { en: string; ja: string } | undefined {
  const { segments, unplaced } = labelPlaces(graph, label);
  if (segments.includes(segment)) return bi('', '');
  if (!unplaced) return undefined;
  const where = inUnplacedVpc(unplaced.ref, bi(`the ${segment} segment`, SEGMENT_JA[segment]), unplaced.what);
  return bi(`, ${where.en}`, where.ja);
}

/**
 * Where a labelled resource names a VPC, subnet, network interface or launch template the guard cannot place, said as
 * `labelMayBeIn` says it (`in subnet subnet-…, which the guard cannot place (it may be of the LGWAN segment)`), whatever
 * else places it; undefined when it names none. AP-7 judges such a label as one that may be in an LGWAN subnet with a way
 * out (fail closed).
 */
export function labelUnplacedIn(graph: TopologyGraph, label: RoleLabelNode, segment: Segment): { en: string; ja: string } | undefined {
  const { unplaced } = labelPlaces(graph, label);
  return unplaced && inUnplacedVpc(unplaced.ref, bi(`the ${segment} segment`, SEGMENT_JA[segment]), unplaced.what);
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
      if (!allowed) continue;
      const { segments, unplaced } = labelPlaces(ctx.graph, label);
      const places = allowed.map((s) => SEGMENT_JA[s]);
      const at = label.path ?? nameOf(ctx.graph, label.resource);
      // Every segment it is in must be allowed (subnets of two segments: the wrong one is named).
      const segment = segments.find((s) => !allowed.includes(s));
      if (segment !== undefined) {
        findings.push(finding(this, at,
          bi(`${ROLE_JA[label.role]} in ${SEGMENT_JA[segment]}, but ${MODEL_JA[ctx.model]} places them in ${places.join(' or ')}`,
            `${ROLE_ONLY_JA[label.role]}が${SEGMENT_JA[segment]}にあるが、${MODEL_JA[ctx.model]}では${places.join('または')}に置く`),
          bi(`move it to ${allowed.join(' or ')}, or build the network in the model that matches where it is`,
            `${allowed.map((s) => `${SEGMENT_JA[s]}（${s}）`).join('または')}へ移すか、今の配置に合うモデルでネットワークを構築する`)));
        continue;
      }
      if (!unplaced) continue;
      // A VPC or subnet the guard cannot place may be of a segment the model does not allow (fail closed).
      const others = ALL_SEGMENTS.filter((s) => !allowed.includes(s)).map((s) => SEGMENT_JA[s]);
      const where = inUnplacedVpc(unplaced.ref, bi(others.join(' or '), others.join('または')), unplaced.what);
      // An interface or a launch template outside the output: its subnet is what to reference.
      const kind = unplaced.what === 'VPC' ? 'VPC' : 'subnet';
      findings.push(finding(this, at,
        bi(`${ROLE_JA[label.role]} ${where.en}, but ${MODEL_JA[ctx.model]} places them in ${places.join(' or ')}`,
          `${ROLE_ONLY_JA[label.role]}が${where.ja}が、${MODEL_JA[ctx.model]}では${places.join('または')}に置く`),
        bi(`place it by a reference to a ${kind} of ${allowed.join(' or ')} in the same app (Ref / GetAtt, or a Terraform reference), `
          + 'not a literal id or a value known only at deploy time, so that the guard can tell where it is',
        `ガードが位置を判断できるよう、リテラルの ID やデプロイ時に決まる値ではなく、同じアプリの${allowed.map((s) => `${SEGMENT_JA[s]}（${s}）`).join('または')}の`
          + `${kind === 'VPC' ? 'VPC' : 'サブネット'}を参照して置く（Ref / GetAtt、または Terraform の参照）`)));
    }
    return findings;
  },
};
