import { Ipv4Cidr } from '../../model/cidr';
import { SEGMENT_TAG_KEY } from '../../model/segment';
import { deref, nodesOf, TransitAttachmentNode, VpcNode } from '../graph';
import { nameOf, segmentOf } from '../probes';
import { ALL_MODELS, finding, Finding, GuardRule, Severity } from '../rule';

/** SEG-1: every VPC and subnet belongs to exactly one segment; no peering or propagation between segments. */
export const SEG1: GuardRule = {
  id: 'SEG-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Every VPC/subnet in a guarded scope belongs to exactly one segment; no peering, propagation or default route table shared between segments.',
  check(ctx) {
    const findings: Finding[] = [];
    const add = (id: string, message: string, fix: string) =>
      findings.push(finding(this, nameOf(ctx.graph, id), message, fix));
    for (const vpc of nodesOf(ctx.graph, 'vpc')) {
      if (!vpc.segment) {
        const tag = vpc.tags[SEGMENT_TAG_KEY];
        add(vpc.id, tag === undefined ? 'the VPC has no segment label' : `the VPC's segment label "${tag}" is not MY_NUMBER, LGWAN or INTERNET`,
          `tag it ${SEGMENT_TAG_KEY} = MY_NUMBER | LGWAN | INTERNET (fail closed: the guard does not guess)`);
      }
    }
    for (const s of nodesOf(ctx.graph, 'subnet')) {
      const own = s.segment;
      const vpcSegment = deref<VpcNode>(ctx.graph, s.vpc)?.segment;
      if (own && vpcSegment && own !== vpcSegment) add(s.id, `the subnet is labelled ${own} but its VPC is ${vpcSegment}`, 'a VPC holds one segment only; move the subnet or fix the label');
      if (!segmentOf(ctx.graph, s) && s.vpc.kind !== 'node') add(s.id, 'the subnet is in a VPC outside the synthesized output, so its segment is unknown', `tag it ${SEGMENT_TAG_KEY}`);
    }
    for (const p of nodesOf(ctx.graph, 'vpc-peering')) {
      const a = deref<VpcNode>(ctx.graph, p.vpc)?.segment;
      const b = deref<VpcNode>(ctx.graph, p.peerVpc)?.segment;
      if (a !== b) add(p.id, `peering connects ${a ?? 'an unlabelled VPC'} and ${b ?? 'an unlabelled VPC'}`, 'remove the peering; segments meet only through transit gateway routes for declared flows');
    }
    const segmentOfAttachment = (a: TransitAttachmentNode | undefined) =>
      (a?.kind === 'vpc' ? deref<VpcNode>(ctx.graph, a.vpc)?.segment : undefined) ?? (a ? a.zone ?? a.id : undefined);
    for (const t of nodesOf(ctx.graph, 'transit-route-table')) {
      const owners = new Set(t.associations.map((r) => segmentOfAttachment(deref<TransitAttachmentNode>(ctx.graph, r))));
      for (const p of t.propagations) {
        const from = segmentOfAttachment(deref<TransitAttachmentNode>(ctx.graph, p));
        if (![...owners].every((o) => o === from)) {
          add(t.id, `a propagation from ${from ?? 'an unknown attachment'} leaks its whole address space into the table of ${[...owners].join(', ') || 'no attachment'}`,
            'remove the propagation; declare static host routes for the declared flows instead');
        }
      }
    }
    for (const tgw of nodesOf(ctx.graph, 'transit-gateway')) {
      if (tgw.defaultRouteTableAssociation || tgw.defaultRouteTablePropagation) {
        add(tgw.id, 'default route table association/propagation is enabled: every attachment would share one table',
          'set DefaultRouteTableAssociation and DefaultRouteTablePropagation to disable');
      }
    }
    return findings;
  },
};

/** SEG-2: segment CIDRs do not overlap. */
export const SEG2: GuardRule = {
  id: 'SEG-2',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Segment VPC CIDRs do not overlap each other.',
  check(ctx) {
    const findings: Finding[] = [];
    const vpcs = nodesOf(ctx.graph, 'vpc').filter((v) => v.segment && v.cidr && Ipv4Cidr.tryParse(v.cidr));
    for (let i = 0; i < vpcs.length; i++) {
      for (let j = i + 1; j < vpcs.length; j++) {
        const [a, b] = [vpcs[i], vpcs[j]];
        if (a.segment !== b.segment && Ipv4Cidr.parse(a.cidr!).overlaps(Ipv4Cidr.parse(b.cidr!))) {
          findings.push(finding(this, nameOf(ctx.graph, b.id), `${b.segment} ${b.cidr} overlaps ${a.segment} ${a.cidr}`, 'give each segment its own address range'));
        }
      }
    }
    return findings;
  },
};

/** GUARD-1: a value the guard cannot resolve is an error (fail closed), saying what and why. */
export const GUARD1: GuardRule = {
  id: 'GUARD-1',
  severity: Severity.ERROR,
  models: ALL_MODELS,
  term: '三層の対策',
  summary: 'Every reference the guard needs (route targets, VPC and subnet IDs) resolves to something in the synthesized output.',
  check(ctx) {
    return ctx.graph.unresolved.map((u) => finding(this, nameOf(ctx.graph, u.node), `${u.property} could not be resolved: ${u.reason}`,
      'refer to resources of the same app (Ref / GetAtt, or a Terraform reference) instead of deploy-time values, or acknowledge with a reason'));
  },
};
