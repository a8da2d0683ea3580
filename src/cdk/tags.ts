import { CfnTag } from 'aws-cdk-lib';
import { Segment, SEGMENT_TAG_KEY } from '../model/segment';

/** The tags every segment resource carries: its Name and its segment, read by the guard. */
export function segmentTags(segment: Segment, name: string): CfnTag[] {
  return [
    { key: 'Name', value: name },
    { key: SEGMENT_TAG_KEY, value: segment },
  ];
}
