/**
 * Declared intent the guard checks what was synthesized against: the flows a blueprint declares (特定通信, 無害化, 画面転送,
 * LGWAN-ASP), which FLOW-1 proves open end to end. `MunicipalNetwork` declares its blueprint's flows on its stack; the
 * guard never takes a declaration as permission, only as something that must work.
 */

import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { FlowDeclaration, HostDeclaration, HostRole } from '../model/flows';
import { byCodePoint } from '../model/order';
import { segmentOfZone } from '../model/segment';
import { LoggingPlan } from '../plan/network-plan';

/** One end of a declared flow. */
export interface DeclaredHost {
  readonly name: string;
  /** `MY_NUMBER` | `LGWAN` | `INTERNET` | `LGWAN_WAN` | `SECURITY_CLOUD`. */
  readonly zone: string;
  readonly cidrs: readonly string[];
}

/** A declared flow: `from` opens connections to `to` on the ports. */
export interface DeclaredFlow {
  readonly name: string;
  readonly kind: string;
  readonly from: DeclaredHost;
  readonly to: DeclaredHost;
  readonly ports: readonly { readonly protocol: 'tcp' | 'udp'; readonly fromPort: number; readonly toPort: number }[];
}

/**
 * The SIEM a network's flow and firewall logs must reach in β / β′ (LOG-1): the blueprint's `logging.siemBucketArn`, or
 * for a member of the security cloud hub the hub's `siemBucketArn` (the network's `LoggingPlan`).
 */
export interface DeclaredSiem {
  /**
   * The SIEM bucket's ARN (`arn:<partition>:s3:::<name>`); undefined when the blueprint names it by a reference known only
   * at deploy time (the hub's SIEM bucket of the same app), which only the hub's SIEM bucket itself answers (SC-4).
   */
  readonly bucketArn?: string;
}

/** A declared host of the municipality's own segments, with what AP-7 needs to know about it. */
export interface DeclaredSegmentHost extends DeclaredHost {
  /** The host's role (`HostRole`), e.g. `BUSINESS_TERMINALS`. */
  readonly role: string;
  /** Whether the host may use the α′ local breakout: a terminal pool (業務端末) or a declared update client. */
  readonly breakoutClient: boolean;
}

/**
 * What is declared on each stack (CDK `Stack` or CDKTF `TerraformStack`), one kind of declaration per registry. Each
 * declaration is kept as it was made (`declarations`): an empty one still declares (a blueprint's `flows: []`), and the
 * same list declared on a stack and on a network in it is known as the network's (`withDeclarations`).
 */
function registry<T>(): {
  add(stack: object, items: readonly T[]): void;
  of(stack: object): readonly T[];
  declarations(stack: object): readonly (readonly T[])[];
} {
  const declared = new WeakMap<object, (readonly T[])[]>();
  return {
    add: (stack, items) => { declared.set(stack, [...(declared.get(stack) ?? []), items]); },
    of: (stack) => (declared.get(stack) ?? []).flat(),
    declarations: (stack) => declared.get(stack) ?? [],
  };
}

const FLOWS = registry<DeclaredFlow>();
/** The validated blueprints built on a stack, for the design documents (flow purposes, α′ services). */
const BLUEPRINTS = registry<MunicipalNetworkBlueprintProps>();

/** Record the validated blueprint a `MunicipalNetwork` was built from on its stack. */
export function declareBlueprint(stack: object, props: MunicipalNetworkBlueprintProps): void {
  BLUEPRINTS.add(stack, [props]);
}

/** The blueprint built on a stack, when exactly one was. */
export function declaredBlueprintOf(stack: object): MunicipalNetworkBlueprintProps | undefined {
  const all = BLUEPRINTS.of(stack);
  return all.length === 1 ? all[0] : undefined;
}
const HOSTS = registry<DeclaredSegmentHost>();
const SIEMS = registry<DeclaredSiem>();

/** Declare the SIEM a network's logs must reach on a stack (or a network); called by `MunicipalNetwork`. */
export function declareSiem(stack: object, siem: DeclaredSiem): void {
  SIEMS.add(stack, [siem]);
}

/** The SIEMs declared on a stack (or a network), or undefined when none was (a stack built by hand: `GuardContext.siem`). */
export function declaredSiemsOf(stack: object): readonly DeclaredSiem[] | undefined {
  const all = SIEMS.of(stack);
  return all.length > 0 ? all : undefined;
}

/**
 * The SIEM a network's logging plan declares, if any (`siem`: a SIEM's bucket given, not the bucket the network
 * creates); `unresolved` tells a reference known only at deploy time (a token) from a literal ARN.
 */
export function siemOfLogging(logging: LoggingPlan, unresolved: (value: string) => boolean): DeclaredSiem | undefined {
  if (!logging.siem || logging.bucketArn === undefined) return undefined;
  return unresolved(logging.bucketArn) ? {} : { bucketArn: logging.bucketArn };
}

/** Declare hosts on a stack; called by `MunicipalNetwork`. */
export function declareHosts(stack: object, hosts: readonly DeclaredSegmentHost[]): void {
  HOSTS.add(stack, hosts);
}

/** The hosts declared on a stack. */
export function declaredHostsOf(stack: object): readonly DeclaredSegmentHost[] {
  return HOSTS.of(stack);
}

/** A validated blueprint's hosts in its own segments, in name order. */
export function hostsOfBlueprint(hosts: readonly HostDeclaration[], updateClients: readonly string[] = []): DeclaredSegmentHost[] {
  return [...hosts].filter((h) => segmentOfZone(h.zone) !== undefined).sort((a, b) => byCodePoint(a.name, b.name)).map((h) => {
    const role = h.role ?? HostRole.OTHER;
    const breakoutClient = role === HostRole.BUSINESS_TERMINALS || updateClients.includes(h.name);
    return { name: h.name, zone: h.zone, cidrs: [...h.cidrs], role, breakoutClient };
  });
}

/** Declare flows on a stack (CDK `Stack` or CDKTF `TerraformStack`); called by `MunicipalNetwork`. */
export function declareFlows(stack: object, flows: readonly DeclaredFlow[]): void {
  FLOWS.add(stack, flows);
}

/**
 * The flows declared on a stack (or a network), or undefined when nothing declared flows on it (a stack built by hand):
 * a `MunicipalNetwork` always declares, even none (`GuardContext.flows`).
 */
export function declaredFlowsOf(stack: object): readonly DeclaredFlow[] | undefined {
  return FLOWS.declarations(stack).length > 0 ? FLOWS.of(stack) : undefined;
}

/** A validated blueprint's flows, with their hosts looked up (flows naming an undeclared host are left out). */
export function flowsOfBlueprint(hosts: readonly HostDeclaration[], flows: readonly FlowDeclaration[]): DeclaredFlow[] {
  const byName = new Map(hosts.map((h) => [h.name, h]));
  const host = (h: HostDeclaration): DeclaredHost => ({ name: h.name, zone: h.zone, cidrs: [...h.cidrs] });
  return [...flows].sort((a, b) => byCodePoint(a.name, b.name)).flatMap((f) => {
    const from = byName.get(f.from);
    const to = byName.get(f.to);
    if (!from || !to) return [];
    const ports = f.ports.map((p) => ({ protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort }));
    return [{ name: f.name, kind: f.kind, from: host(from), to: host(to), ports }];
  });
}

/** A part of a stack guarded under its own model, with the construct it was guarded through (see `GuardedPart`). */
export interface PartScope<P> {
  readonly part: P;
  readonly scope: object;
}

/**
 * The parts of a stack with the declarations each made (`MunicipalNetwork` declares its flows, hosts and SIEM on itself
 * as well as on its stack), so that each model checks only its own networks' declarations; what no part declared goes to
 * the part guarding the stack itself. When some declaration would belong to no part, every part keeps the stack's (none
 * set). A part that declared no flows at all has none (undefined); one that declared an empty list has that
 * (`GuardContext.flows`). A part that declared no SIEM has none (undefined, `GuardContext.siem`).
 */
export function withDeclarations<P extends object>(stack: object, parts: readonly PartScope<P>[]):
(P & { flows?: readonly DeclaredFlow[]; hosts?: readonly DeclaredSegmentHost[]; siem?: readonly DeclaredSiem[] })[] {
  const owned = parts.filter((p) => p.scope !== stack)
    .map((p) => ({ p, flows: declaredFlowsOf(p.scope), hosts: HOSTS.of(p.scope), siem: declaredSiemsOf(p.scope) }));
  // Flow declarations by the list declared (a network declares the same list on its stack): an empty one is one too.
  const ownedFlows = new Set(owned.flatMap((o) => FLOWS.declarations(o.p.scope)));
  const ownedHosts = new Set(owned.flatMap((o) => o.hosts));
  const ownedSiems = new Set(owned.flatMap((o) => o.siem ?? []));
  const restDeclarations = FLOWS.declarations(stack).filter((d) => !ownedFlows.has(d));
  const restFlows = restDeclarations.length > 0 ? restDeclarations.flat() : undefined;
  const restHosts = HOSTS.of(stack).filter((h) => !ownedHosts.has(h));
  const restSiems = SIEMS.of(stack).filter((x) => !ownedSiems.has(x));
  const stackPart = parts.find((p) => p.scope === stack);
  if (!stackPart && (restFlows !== undefined || restHosts.length > 0 || restSiems.length > 0)) return parts.map((p) => ({ ...p.part }));
  return parts.map((p) => {
    if (p === stackPart) return { ...p.part, flows: restFlows, hosts: restHosts, siem: restSiems.length > 0 ? restSiems : undefined };
    const o = owned.find((x) => x.p === p)!;
    return { ...p.part, flows: o.flows, hosts: o.hosts, siem: o.siem };
  });
}
