import { MunicipalNetworkBlueprintProps } from './blueprint';
import { Ipv4Cidr } from './cidr';
import { ALL_SEGMENTS, Segment } from './segment';

/**
 * Days the network's logs are kept, at least and by default (LOG-1, ログ管理: 証跡管理 for an incident): a little over a
 * year, so that a yearly audit (監査) still finds the previous year. The guidelines name no period; this is the library's
 * own default, and one CloudWatch Logs accepts (PutRetentionPolicy `retentionInDays`:
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html). The guard refuses
 * a flow-log, firewall-log or proxy access-log group kept shorter.
 */
export const LOG_RETENTION_DAYS = 400;

/** Default address space when `addressSpace` is not given. */
export const DEFAULT_ADDRESS_SPACE = '10.0.0.0/16';

/** Default availability zones: Tokyo (ap-northeast-1) a and c, which every account has. */
export const DEFAULT_AVAILABILITY_ZONES: readonly string[] = ['ap-northeast-1a', 'ap-northeast-1c'];

/** Smallest and largest address space we allocate segments from (each segment takes a quarter). */
export const ADDRESS_SPACE_PREFIX = { min: 16, max: 20 } as const;

/** Smallest segment VPC we accept: every role subnet in every AZ must fit (see plan/addressing). */
export const MAX_SEGMENT_PREFIX = 22;

/** Default interface endpoints per segment: what SSM Session Manager and CloudWatch Logs need. */
export const DEFAULT_INTERFACE_ENDPOINTS: Readonly<Record<Segment, readonly string[]>> = {
  [Segment.MY_NUMBER]: ['ssm', 'ssmmessages', 'ec2messages', 'logs'],
  [Segment.LGWAN]: ['ssm', 'ssmmessages', 'ec2messages', 'logs'],
  [Segment.INTERNET]: [],
};

/** Key of each segment's options in the blueprint props, for error messages (`lgwan.cidr`). */
export const SEGMENT_PROP: Readonly<Record<Segment, 'myNumber' | 'lgwan' | 'internet'>> = {
  [Segment.MY_NUMBER]: 'myNumber',
  [Segment.LGWAN]: 'lgwan',
  [Segment.INTERNET]: 'internet',
};

/**
 * The CIDR of each segment: the explicit `<segment>.cidr`, else quarter i of `addressSpace`
 * (MY_NUMBER 0, LGWAN 1, INTERNET 2; the fourth quarter is left for growth).
 * Returns undefined for a segment whose CIDR cannot be determined (malformed input); validation reports why.
 */
export function resolveSegmentCidrs(props: MunicipalNetworkBlueprintProps): Record<Segment, string | undefined> {
  const space = Ipv4Cidr.tryParse(props.addressSpace ?? DEFAULT_ADDRESS_SPACE);
  const out = {} as Record<Segment, string | undefined>;
  ALL_SEGMENTS.forEach((segment, index) => {
    const explicit = (props as any)[SEGMENT_PROP[segment]]?.cidr as string | undefined;
    if (explicit !== undefined) {
      out[segment] = explicit;
    } else if (space && space.prefixLength <= 30) {
      out[segment] = space.subnet(space.prefixLength + 2, index).toString();
    } else {
      out[segment] = undefined;
    }
  });
  return out;
}
