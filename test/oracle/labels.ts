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
import {
  groupTagId, LabelKey, MISSPELT_ROLE, Network, OTHER_ZONE, otherZoneLabel, ownTagKey, Role, Segment, TaggedKind, TagResource, Zone,
} from './network';

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

/**
 * Where each model places the roles PL-1 judges (README "The four network models": business terminals and systems; a My
 * Number system in the My Number segment in every model). β′ keeps some business systems in LGWAN: both are allowed there.
 * Other roles (`OTHER`) are not judged by PL-1.
 */
const PLACES: Record<string, Partial<Record<Role, readonly Segment[]>>> = {
  ALPHA: { BUSINESS_TERMINALS: ['LGWAN'], BUSINESS_SYSTEM: ['LGWAN'], MY_NUMBER_SYSTEM: ['MY_NUMBER'] },
  ALPHA_PRIME: { BUSINESS_TERMINALS: ['LGWAN'], BUSINESS_SYSTEM: ['LGWAN'], MY_NUMBER_SYSTEM: ['MY_NUMBER'] },
  BETA: { BUSINESS_TERMINALS: ['INTERNET'], BUSINESS_SYSTEM: ['LGWAN'], MY_NUMBER_SYSTEM: ['MY_NUMBER'] },
  BETA_PRIME: { BUSINESS_TERMINALS: ['INTERNET'], BUSINESS_SYSTEM: ['INTERNET', 'LGWAN'], MY_NUMBER_SYSTEM: ['MY_NUMBER'] },
};

export interface LaunchVerdicts {
  /** Why PL-1 holds (empty: it does not). */
  readonly pl1: string[];
  /** Launcher id or group tag resource id (network.ts groupTagId) → why GUARD-1 holds there. */
  readonly unresolved: Map<string, string>;
}

/**
 * PL-1 and GUARD-1 for the roles of launchers and launch templates (§3 "A launch template's tags for instances", §7), on a
 * network whose segments are read (resolveLabels):
 * - a launcher's own role: its own tag, and in Terraform a group's `aws_autoscaling_group_tag` read with it (two values: GUARD-1
 *   at the tag resource, read as absent, §3);
 * - a template's role "is a role label of each launcher of the output that names the template … placed where that launcher runs
 *   its instances": a group's subnets (none: the default VPC), an instance's subnet, else the template's interfaces (none here:
 *   the default VPC). "A launcher with its own role of the same value is judged by that label already. With another value …
 *   GUARD-1 at the launcher's property that names the template, and neither value picked for its instances": the template's role
 *   is not placed there, the launcher's own label stays the launcher's (§3: "a label declares the group");
 * - "A labelled template that no launcher of the output names … its label is placed … at the template itself, which the guard
 *   cannot place, so that PL-1 reports it"; a label in the default VPC "is reported so" (§7): a label the guard cannot place
 *   may be in a segment the model does not allow for the role.
 */
export function launchVerdicts(net: Network, model: string): LaunchVerdicts {
  const pl1: string[] = [];
  const unresolved = new Map<string, string>();
  const places = PLACES[model];
  const segmentOf = (subnet: string) => net.vpcs.find((v) => v.id === net.subnets.find((s) => s.id === subnet)!.vpc)!.segment;
  const judge = (role: Role | undefined, where: string, subnets: string[] | undefined) => {
    const allowed = role !== undefined ? places[role] : undefined;
    if (!allowed) return;
    if (subnets === undefined || subnets.length === 0) {
      pl1.push(`${role} ${where} cannot be placed (${subnets === undefined ? 'a template nothing launches' : 'the default VPC'})`);
      return;
    }
    for (const s of subnets) {
      const seg = segmentOf(s);
      if (seg === undefined || !allowed.includes(seg)) pl1.push(`${role} ${where} in subnet ${s} of ${seg ?? 'no segment'}`);
    }
  };
  const templates = net.launchTemplates ?? [];
  const launchers = net.launchers ?? [];
  for (const l of launchers) {
    const values = new Set<Role>();
    if (l.role !== undefined && !(l.kind === 'fleet' && net.engine === 'terraform')) values.add(l.role);
    // §3 vocabulary: a misspelt role in the launcher's own tags is GUARD-1 at it, read as written meanwhile.
    if (values.has(MISSPELT_ROLE)) unresolved.set(l.id, `launcher ${l.id}'s own tags give jichitai:role = ${MISSPELT_ROLE}, no role`);
    const byTagResource = net.engine === 'terraform' && l.kind !== 'fleet' ? l.tagResourceRole : undefined;
    if (byTagResource !== undefined) values.add(byTagResource);
    let own: Role | undefined = [...values][0];
    if (values.size > 1) {
      unresolved.set(groupTagId(l.id), `jichitai:role set to ${[...values].join(' and ')} on ${l.kind} ${l.id}: ambiguous, read as absent`);
      own = undefined;
    }
    judge(own, `(launcher ${l.id}'s own)`, l.subnets);
    // §10: a launcher naming a template by a literal name launches a template the output does not hold: "a bridge of its own at its
    // subnets" (GUARD-1 at it), reported where an attachment "lies in a My Number or LGWAN VPC"; "Attachments only in the Internet
    // segment or the prefecture hub are not reported" (§10 "Network bridges"). The model's template is not launched by it.
    if (l.literalName) {
      const guarded = l.subnets.filter((s) => segmentOf(s) === 'MY_NUMBER' || segmentOf(s) === 'LGWAN');
      if (guarded.length > 0) unresolved.set(l.id, `launcher ${l.id} launches a template outside the output (a literal name) in ${guarded.join(', ')}`);
      continue;
    }
    const template = templates.find((t) => t.id === l.template)!.role;
    // §3: a fleet's own tags for its instances and its template's are each judged.
    if (l.kind === 'fleet') {
      judge(template, `(template ${l.template}, launched by fleet ${l.id})`, l.subnets);
      continue;
    }
    if (template === undefined || template === own) continue;
    if (own !== undefined) {
      unresolved.set(l.id, `launcher ${l.id}'s own role ${own} and template ${l.template}'s ${template} for its instances`);
      continue;
    }
    judge(template, `(template ${l.template}, launched by ${l.id})`, l.subnets);
  }
  for (const t of templates) {
    if (!launchers.some((l) => l.template === t.id && !l.literalName)) judge(t.role, `(template ${t.id})`, undefined);
    // §3 vocabulary: a value of an enumerated key that is not one of its values, GUARD-1 at the resource that carries it.
    if (t.role === MISSPELT_ROLE) unresolved.set(t.id, `template ${t.id}'s tags for instances give jichitai:role = ${t.role}, no role`);
  }
  return { pl1, unresolved };
}
