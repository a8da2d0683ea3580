/**
 * The three segments of the MIC three-layer separation (三層の対策).
 */
export enum Segment {
  /** My Number segment (マイナンバー利用事務系 / 個人番号利用事務系): resident registry, tax, social security. Closed. */
  MY_NUMBER = 'MY_NUMBER',
  /** LGWAN segment (LGWAN接続系): internal affairs systems connected to the J-LIS closed WAN. */
  LGWAN = 'LGWAN',
  /** Internet segment (インターネット接続系): web, internet mail, website management. */
  INTERNET = 'INTERNET',
}

/** The segments from the most closed to the most open. */
const STRICTNESS: readonly Segment[] = [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET];

/**
 * A subnet labelled otherwise than its VPC (the guard's SEG-1) is judged as the more closed of the two segments, fail closed: a
 * My Number VPC's subnet labelled INTERNET would otherwise turn MN-1 (critical, never acknowledged) into findings that
 * can be acknowledged (the label mismatch, the Internet segment's egress), and a My Number label inside an Internet VPC
 * is what the label says it holds.
 */
export function stricterSegment(own: Segment | undefined, vpc: Segment | undefined): Segment | undefined {
  if (own === undefined || vpc === undefined || own === vpc) return own ?? vpc;
  return STRICTNESS.indexOf(own) <= STRICTNESS.indexOf(vpc) ? own : vpc;
}

/**
 * Networks outside the municipality's segments that flows and routes can reach.
 */
export enum ExternalNetwork {
  /** LGWAN / LGWAN-ASP, the J-LIS closed WAN. Reached over VPN / Direct Connect / TGW, never the internet. */
  LGWAN_WAN = 'LGWAN_WAN',
  /** The prefecture's aggregated internet exit (自治体情報セキュリティクラウド). */
  SECURITY_CLOUD = 'SECURITY_CLOUD',
  /** Anything not private (インターネット). */
  INTERNET = 'INTERNET',
  /** A named SaaS reached by α′ local breakout (クラウドサービス). */
  CLOUD_SERVICE = 'CLOUD_SERVICE',
}

/**
 * Where a declared host lives: one of the three segments, or an external network.
 */
export enum Zone {
  /** In the My Number segment (マイナンバー利用事務系). */
  MY_NUMBER = 'MY_NUMBER',
  /** In the LGWAN segment (LGWAN接続系). */
  LGWAN = 'LGWAN',
  /** In the Internet segment (インターネット接続系). */
  INTERNET = 'INTERNET',
  /** In the LGWAN WAN or at an LGWAN-ASP (e.g. the intermediate server, 中間サーバー). */
  LGWAN_WAN = 'LGWAN_WAN',
  /** In the prefecture security cloud (自治体情報セキュリティクラウド). */
  SECURITY_CLOUD = 'SECURITY_CLOUD',
}

/** The prefix of every tag key the guard reads as a label (segment, host, role, zone, the security cloud's). */
export const LABEL_TAG_PREFIX = 'jichitai:';

/** Tag key that carries a resource's segment; the guard reads it from synthesized output. */
export const SEGMENT_TAG_KEY = 'jichitai:segment';

/**
 * Tag keys that say which declared host a resource serves and its role (業務端末, 業務システム...): the guard checks
 * the placement of labelled resources against the model (PL-1), whoever created them.
 */
export const HOST_TAG_KEY = 'jichitai:host';
export const ROLE_TAG_KEY = 'jichitai:role';

/** All segments in a fixed order; every list the library emits follows it, for deterministic output. */
export const ALL_SEGMENTS: readonly Segment[] = [Segment.MY_NUMBER, Segment.LGWAN, Segment.INTERNET];

/** Japanese guideline term of each segment, used in error messages and reports. */
export const SEGMENT_JA: Readonly<Record<Segment, string>> = {
  [Segment.MY_NUMBER]: 'マイナンバー利用事務系',
  [Segment.LGWAN]: 'LGWAN接続系',
  [Segment.INTERNET]: 'インターネット接続系',
};

/** English label of each segment, as used in construct ids and docs. */
export const SEGMENT_LABEL: Readonly<Record<Segment, string>> = {
  [Segment.MY_NUMBER]: 'MyNumber',
  [Segment.LGWAN]: 'Lgwan',
  [Segment.INTERNET]: 'Internet',
};

/** The segment a zone lies in, or undefined for external zones. */
export function segmentOfZone(zone: Zone): Segment | undefined {
  switch (zone) {
    case Zone.MY_NUMBER: return Segment.MY_NUMBER;
    case Zone.LGWAN: return Segment.LGWAN;
    case Zone.INTERNET: return Segment.INTERNET;
    default: return undefined;
  }
}
