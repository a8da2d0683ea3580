/**
 * The label vocabulary: every tag key of the library's namespace (`jichitai:`) that the library writes or the guard reads,
 * with the values of those whose values are enumerated. The guard refuses (GUARD-1) a `jichitai:` key that is not one of
 * them and a value of an enumerated key that is not one of its values: a misspelt label would otherwise be read as absent
 * or unknown, and the rules that judge labels would pass over the resource (docs/guard-semantics.md §3).
 */
import { HostRole } from './flows';
import { NetworkModel } from './network-model';
import {
  HUB_FUNCTION_TAG_KEY, HubFunction, MUNICIPALITY_TAG_KEY, SECURITY_CLOUD_HUB, SECURITY_CLOUD_MEMBER_ZONE, SECURITY_CLOUD_TAG_KEY,
  SUBNET_TIER_TAG_KEY,
} from './security-cloud';
import { HOST_TAG_KEY, LABEL_TAG_PREFIX, ROLE_TAG_KEY, Segment, SEGMENT_TAG_KEY, Zone } from './segment';
import { SubnetRole } from '../plan/network-plan';
import { HubTier } from '../plan/security-cloud';

/**
 * Tag key of the external network a VPN connection, VPN gateway or transit route table leads to (one of {@link Zone}, or
 * {@link SECURITY_CLOUD_MEMBER_ZONE}).
 */
export const ZONE_TAG_KEY = 'jichitai:zone';
/** Tag key of a segment subnet's role (one of {@link SubnetRole}); α′ reads `terminals` (AP rules). */
export const SUBNET_ROLE_TAG_KEY = 'jichitai:subnet-role';
/** Tag key of the network model a municipality's network is built in (documentation: no rule reads it). */
export const MODEL_TAG_KEY = 'jichitai:model';
/** Tag key of a municipality's name, beside its code in `jichitai:municipality` (documentation). */
export const MUNICIPALITY_NAME_TAG_KEY = 'jichitai:municipality-name';
/** Tag key of a municipality's local government code (documentation). */
export const LOCAL_GOVERNMENT_CODE_TAG_KEY = 'jichitai:local-government-code';
/** Tag key of the host name of a site the security cloud publishes (documentation). */
export const SITE_TAG_KEY = 'jichitai:site';
/**
 * Tag key that declares what an appliance behind a Gateway Load Balancer endpoint does: {@link INSPECTION_IDS_IPS}, an
 * IDS/IPS inline that detects and blocks (AP-4, IN-1 and SC-2 count a path through such an endpoint as inspected).
 */
export const INSPECTION_TAG_KEY = 'jichitai:inspection';
/** The value of {@link INSPECTION_TAG_KEY} of an IDS/IPS appliance's endpoint. */
export const INSPECTION_IDS_IPS = 'IDS_IPS';

/**
 * Every label key, with its values: the list of values of an enumerated key, `undefined` for a key whose value is free
 * text by design (a host name, a municipality's code or name, a site's host name). In the order the docs list them.
 */
export const LABEL_VOCABULARY: ReadonlyMap<string, readonly string[] | undefined> = new Map<string, readonly string[] | undefined>([
  [SEGMENT_TAG_KEY, Object.values(Segment)],
  [ROLE_TAG_KEY, Object.values(HostRole)],
  [HOST_TAG_KEY, undefined],
  [ZONE_TAG_KEY, [...Object.values(Zone), SECURITY_CLOUD_MEMBER_ZONE]],
  [SUBNET_ROLE_TAG_KEY, Object.values(SubnetRole)],
  [SECURITY_CLOUD_TAG_KEY, [SECURITY_CLOUD_HUB]],
  [HUB_FUNCTION_TAG_KEY, Object.values(HubFunction)],
  [SUBNET_TIER_TAG_KEY, Object.values(HubTier)],
  [MUNICIPALITY_TAG_KEY, undefined],
  [MUNICIPALITY_NAME_TAG_KEY, undefined],
  [LOCAL_GOVERNMENT_CODE_TAG_KEY, undefined],
  [MODEL_TAG_KEY, Object.values(NetworkModel)],
  [SITE_TAG_KEY, undefined],
  [INSPECTION_TAG_KEY, [INSPECTION_IDS_IPS]],
]);

/** A label the vocabulary does not hold: an unknown key of the namespace, or a value its key does not take. */
export interface LabelProblem {
  readonly key: string;
  readonly value: string;
  /** `key`: the key is not in the vocabulary; `value`: the value is not one of the key's. */
  readonly problem: 'key' | 'value';
  /** The keys of the vocabulary (`key`), or the key's values (`value`). */
  readonly valid: readonly string[];
}

/**
 * Whether a tag key is of the library's namespace: it starts with `jichitai:`, in any case (`Jichitai:Role` is a label
 * misspelt, not a tag of the user's own).
 */
export function isLabelNamespace(key: string): boolean {
  return key.slice(0, LABEL_TAG_PREFIX.length).toLowerCase() === LABEL_TAG_PREFIX;
}

/** The labels of a tag set that the vocabulary does not hold, in key order. */
export function labelProblems(tags: Readonly<Record<string, string>>): LabelProblem[] {
  const out: LabelProblem[] = [];
  // Every resource's tags are asked about, and almost none has a problem: sorted only when one has.
  for (const key in tags) {
    if (!isLabelNamespace(key)) continue;
    const value = tags[key];
    if (!LABEL_VOCABULARY.has(key)) {
      out.push({ key, value, problem: 'key', valid: [...LABEL_VOCABULARY.keys()] });
      continue;
    }
    const values = LABEL_VOCABULARY.get(key);
    if (values !== undefined && !values.includes(value)) out.push({ key, value, problem: 'value', valid: values });
  }
  return out.length > 1 ? out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) : out;
}
