import { Port } from './port';
import { Zone } from './segment';

/** What a declared host is, for the placement rule PL-1. */
export enum HostRole {
  /** Business terminals (業務端末) of the internal-affairs staff; placed per model. */
  BUSINESS_TERMINALS = 'BUSINESS_TERMINALS',
  /** An internal business system (業務システム: finance, documents, HR...); placed per model. */
  BUSINESS_SYSTEM = 'BUSINESS_SYSTEM',
  /** A system of the My Number work (住民記録, 税, 福祉...). Always in MY_NUMBER. */
  MY_NUMBER_SYSTEM = 'MY_NUMBER_SYSTEM',
  /** A sanitization relay (無害化 server), file CDR or mail text-ization. */
  SANITIZATION_RELAY = 'SANITIZATION_RELAY',
  /** A screen-transfer server (画面転送: VDI, virtual browser). */
  SCREEN_TRANSFER_SERVER = 'SCREEN_TRANSFER_SERVER',
  /** Anything else (servers, appliances) that flows refer to. */
  OTHER = 'OTHER',
}

/**
 * A named host or host group that flows refer to. Flows name hosts, never whole segments,
 * so that specific communication (特定通信) is narrowed to host addresses by construction.
 */
export interface HostDeclaration {
  /** Unique name, referenced by flows. Letters, digits and hyphens. */
  readonly name: string;
  /** Where the host lives. */
  readonly zone: Zone;
  /** Host addresses (`/32`) or small host ranges, inside the zone's CIDR. */
  readonly cidrs: string[];
  /**
   * What the host is, for the placement rule PL-1.
   * @default HostRole.OTHER
   */
  readonly role?: HostRole;
  /**
   * Free text for the design document (設計書).
   * @default - none
   */
  readonly description?: string;
}

/** The kind of a declared cross-segment flow. */
export enum FlowKind {
  /** Specific communication (特定通信): host CIDRs and application ports only. */
  SPECIFIC_COMMUNICATION = 'SPECIFIC_COMMUNICATION',
  /** Sanitization (無害化): one way into LGWAN, from a relay host. */
  SANITIZATION = 'SANITIZATION',
  /** Screen transfer (画面転送): terminals to registered screen servers and ports. */
  SCREEN_TRANSFER = 'SCREEN_TRANSFER',
  /**
   * LGWAN-ASP / LGWAN services (LGWAN-ASP, LGWANメール): between an LGWAN-segment host and a declared LGWAN WAN host (an
   * ASP's service addresses, the LGWAN mail relay), either way (mail is delivered both ways), on the service's ports only.
   * Nothing else of the WAN is routed (LG-3, seed 001 「LGWAN-ASP（LGWANメール含む）など特定通信限定とすること」).
   */
  LGWAN_ASP = 'LGWAN_ASP',
}

/** Japanese guideline term of each flow kind. */
export const FLOW_KIND_JA: Readonly<Record<FlowKind, string>> = {
  [FlowKind.SPECIFIC_COMMUNICATION]: '特定通信',
  [FlowKind.SANITIZATION]: '無害化通信',
  [FlowKind.SCREEN_TRANSFER]: '画面転送',
  [FlowKind.LGWAN_ASP]: 'LGWAN-ASP',
};

/**
 * A declared flow between two named hosts in different segments (or a segment and LGWAN WAN).
 * The flow is one-way: the source opens connections to the destination on the given ports;
 * return traffic of those connections is allowed by stateful filtering.
 */
export interface FlowDeclaration {
  /** Unique name, used in security group descriptions and reports. */
  readonly name: string;
  /** The kind of flow. */
  readonly kind: FlowKind;
  /** Name of the source host (a `HostDeclaration.name`). */
  readonly from: string;
  /** Name of the destination host (a `HostDeclaration.name`). */
  readonly to: string;
  /** Destination ports. At least one; never all ports. */
  readonly ports: Port[];
  /**
   * Why the flow is needed, for the communication matrix (通信要件一覧).
   * @default - none
   */
  readonly purpose?: string;
}
