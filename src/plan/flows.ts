import { FlowDeclaration, HostDeclaration } from '../model/flows';
import { byCodePoint } from '../model/order';
import { Segment, segmentOfZone, Zone } from '../model/segment';

/** A declared flow with its two hosts looked up. */
export interface ResolvedFlow {
  readonly flow: FlowDeclaration;
  readonly from: HostDeclaration;
  readonly to: HostDeclaration;
}

/** Look up the hosts of every flow, sorted by flow name (validation guarantees they exist). */
export function resolveFlows(hosts: readonly HostDeclaration[], flows: readonly FlowDeclaration[]): ResolvedFlow[] {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  return [...flows]
    .sort((a, b) => byCodePoint(a.name, b.name))
    .map((flow) => {
      const from = byName.get(flow.from);
      const to = byName.get(flow.to);
      if (!from || !to) {
        throw new Error(`[flows.${flow.name}] names a host that is not declared; validate the blueprint first`);
      }
      return { flow, from, to };
    });
}

/** A flow seen from one of its ends. */
export interface FlowEnd {
  readonly flow: ResolvedFlow;
  /** The host on this side. */
  readonly local: HostDeclaration;
  /** The host on the other side. */
  readonly peer: HostDeclaration;
  /** True if the local host opens the connections. */
  readonly outbound: boolean;
}

/** The flows with one end in `zone`, each seen from that side. */
export function flowsTouching(flows: readonly ResolvedFlow[], zone: Zone): FlowEnd[] {
  const out: FlowEnd[] = [];
  for (const f of flows) {
    if (f.from.zone === zone) out.push({ flow: f, local: f.from, peer: f.to, outbound: true });
    if (f.to.zone === zone) out.push({ flow: f, local: f.to, peer: f.from, outbound: false });
  }
  return out;
}

/** The zone of a segment (they share names). */
export function zoneOf(segment: Segment): Zone {
  return segment as unknown as Zone;
}

/** True if the zone is one of our segments. */
export function isSegmentZone(zone: Zone): boolean {
  return segmentOfZone(zone) !== undefined;
}
