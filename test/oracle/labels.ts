/**
 * Where the oracle's labels come from (docs/guard-semantics.md §3), read before the walk: an element's own tags (the
 * network's fields, less `ownTagsOmitted`) and, in Terraform, the tag resources (`tagResources`) that name it.
 *
 * §3, "A Terraform resource that tags another": a `jichitai:` tag set by `aws_ec2_tag` "is a label of the target, read with
 * its own tags, when the target is a resource of the output named by its id or ARN". "A label set to two values — by the
 * target's own tags (or its provider's `default_tags`) and a tag resource, or by two tag resources — is ambiguous … The guard
 * does not pick one: GUARD-1 at each tag resource that sets it, and the label read as absent. The same value set both ways is
 * that value." Fail closed: "a `jichitai:` tag on a target it cannot tie to a resource of the output — … a literal id of a
 * resource outside the output …, another attribute (… `transit_gateway_attachment_id`, `default_security_group_id`: what AWS
 * makes with a resource is not the resource)" is GUARD-1 at the tag resource. "A tag resource whose key is literal and no label
 * (`Name`) changes nothing and is not reported, whatever its target." CloudFormation has no such resource (§3), so there the
 * own tags are all.
 *
 * The result is the network with each label field set to what the guard reads (an ambiguous label removed), which the walk
 * then uses as before, and the tag resources at which GUARD-1 holds.
 */
import { LabelKey, Network, OTHER_ZONE, otherZoneLabel, ownTagKey, Segment, TaggedKind, TagResource, Zone } from './network';

export interface ResolvedLabels {
  readonly net: Network;
  /** Tag resource id → why GUARD-1 holds there. */
  readonly unresolved: Map<string, string>;
}

const ZONES: readonly string[] = ['LGWAN_WAN', 'SECURITY_CLOUD'];

export function resolveLabels(input: Network): ResolvedLabels {
  const unresolved = new Map<string, string>();
  if (input.engine === 'cloudformation' || ((input.tagResources ?? []).length === 0 && (input.ownTagsOmitted ?? []).length === 0
    && !input.subnets.some((s) => s.segmentTag !== undefined))) {
    return { net: input, unresolved };
  }
  const net: Network = JSON.parse(JSON.stringify(input));
  const omitted = new Set(net.ownTagsOmitted ?? []);
  const tags = net.tagResources ?? [];
  const isLabel = (key: string) => key.toLowerCase().startsWith('jichitai:');

  // §3: a jichitai: tag on a target the guard cannot tie to a resource of the output.
  for (const t of tags) {
    if (t.untied && isLabel(t.key)) unresolved.set(t.id, `${t.key} = ${t.value} on an untied target ${JSON.stringify(t.untied)}`);
  }

  /** The label `key` of one element: its own tag (unless omitted) and the tied tag resources' values. */
  const read = (kind: TaggedKind, id: string, key: LabelKey, own: string | undefined): string | undefined => {
    const values = new Set<string>();
    if (own !== undefined && !omitted.has(ownTagKey(kind, id, key))) values.add(own);
    const setters: TagResource[] = tags.filter((t) => t.target && t.target.kind === kind && t.target.id === id && t.key === key);
    for (const t of setters) values.add(t.value);
    if (values.size <= 1) return [...values][0];
    for (const t of setters) unresolved.set(t.id, `${key} set to ${[...values].join(' and ')} on ${kind} ${id}: ambiguous, read as absent`);
    return undefined;
  };

  for (const v of net.vpcs) {
    const seg = read('vpc', v.id, 'jichitai:segment', v.segment);
    const hub = read('vpc', v.id, 'jichitai:security-cloud', v.securityCloud);
    // The model has no VPC without a segment but the hub's (the generator never makes one ambiguous).
    if (seg === undefined && hub !== 'hub') throw new Error(`oracle: VPC ${v.id} reads no segment (the model has no such VPC)`);
    if (seg === undefined) delete v.segment;
    else v.segment = seg as Segment;
    if (hub === 'hub') v.securityCloud = 'hub';
    else delete v.securityCloud;
    // A member's code is on the VPC unless the renderers write it on its subnets (network.ts municipalityOnSubnets).
    if (v.municipality !== undefined && v.municipalityOnSubnets === undefined && tags.some((t) => t.key === 'jichitai:municipality')) {
      throw new Error(`oracle: VPC ${v.id}'s code is placed by a renderer's coin; a tag resource needs it decided`);
    }
    const code = read('vpc', v.id, 'jichitai:municipality', v.municipalityOnSubnets ? undefined : v.municipality);
    if (v.municipalityOnSubnets) {
      if (tags.some((t) => t.target?.kind === 'vpc' && t.target.id === v.id && t.key === 'jichitai:municipality')) {
        throw new Error(`oracle: a tag resource gives VPC ${v.id} a code the renderers write on its subnets`);
      }
    } else if (code === undefined) {delete v.municipality;} else {v.municipality = code;}
  }
  for (const s of net.subnets) {
    const seg = read('subnet', s.id, 'jichitai:segment', s.segmentTag);
    const vpc = net.vpcs.find((v) => v.id === s.vpc)!;
    // §3: a subnet's segment is its own tag, else its VPC's. The model has no subnet of another segment than its VPC's.
    if (seg !== undefined && seg !== vpc.segment) throw new Error(`oracle: subnet ${s.id} reads segment ${seg}, its VPC ${vpc.segment}`);
    delete s.segmentTag;
  }
  for (const v of net.vpnAttachments) {
    const own = v.zone ?? (otherZoneLabel(input, v.id) ? OTHER_ZONE : undefined);
    const zone = read('vpn', v.id, 'jichitai:zone', own);
    // §5: a connection without a zone label, or with one other than the zones, is an unplaced entry (zone absent here).
    if (zone !== undefined && ZONES.includes(zone)) v.zone = zone as Zone;
    else delete v.zone;
  }
  for (const g of net.vpnGateways) {
    const zone = read('vgw', g.id, 'jichitai:zone', g.zone);
    if (zone !== undefined && ZONES.includes(zone)) g.zone = zone as Zone;
    else delete g.zone;
  }
  return { net, unresolved };
}
