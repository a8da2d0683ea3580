import { Segment, SEGMENT_TAG_KEY } from '../model/segment';

/**
 * The tags of a resource: the plan's tags (municipality, model...), then its Name. Tags are written on each
 * resource rather than in the provider's `default_tags`, because the provider belongs to the user's stack.
 */
export function resourceTags(
  common: Readonly<Record<string, string>>,
  name: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { ...common, ...extra, Name: name };
}

/** The tags of a segment resource: also its segment, which the guard reads from the synthesized configuration. */
export function segmentTags(common: Readonly<Record<string, string>>, segment: Segment, name: string): Record<string, string> {
  return resourceTags(common, name, { [SEGMENT_TAG_KEY]: segment });
}
