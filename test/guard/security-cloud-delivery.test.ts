/**
 * SC-4 (every log of the security cloud reaches the SIEM bucket) over the hand-built prefecture
 * (test/guard/security-cloud-fixture.ts), in both engines: Firehose destinations other than S3 and the buckets they back
 * up to, a subscription filter to a Lambda function, a Kinesis data stream or a Firehose stream named by a literal ARN, a
 * log delivered to a bucket outside the SIEM, and a stream of the hub's stack meant for a member.
 */
import { Mutation, prefectureCfn, prefectureTf } from './security-cloud-fixture';
import { GuardLanguage, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { TopologyGraph } from '../../src/guard/graph';
import { Finding, formatFinding, formatFindingIn } from '../../src/guard/rule';
import { notJapanese } from '../support/japanese';

const ENGINES: Record<string, (m?: Mutation) => TopologyGraph> = {
  'CloudFormation': (m) => extractCloudFormation(prefectureCfn(m)),
  'CloudFormation, two stacks': (m) => extractCloudFormation(prefectureCfn(m, true)),
  'Terraform': (m) => extractTerraform({ prefecture: prefectureTf(m) }),
};

const check = (graph: TopologyGraph): Finding[] => checkTopology(graph, { model: NetworkModel.ALPHA });
const lines = (findings: readonly Finding[]) => findings.map(formatFinding);
type Kinesis = 'literal-target' | 'literal-source' | 'ref-source';

describe.each(Object.keys(ENGINES))('SC-4 log delivery in %s', (engine) => {
  const graphOf = ENGINES[engine];

  const passes = (m: Mutation) => expect(lines(check(graphOf(m)))).toEqual([]);
  const refuses = (m: Mutation, expected: RegExp) => {
    const findings = check(graphOf(m));
    expect(lines(findings).join('\n')).toMatch(expected);
    // Every SC-4 finding worded in Japanese, and formatted with its fix.
    for (const f of findings.filter((x) => x.ruleId === 'SC-4')) {
      expect([notJapanese(f.ja?.message), notJapanese(f.ja?.fix)]).toEqual([undefined, undefined]);
      expect(formatFindingIn(f, GuardLanguage.JAPANESE)).toMatch(/\] SC-4 エラー（[^]*対処: /);
    }
  };

  // 1. A destination other than S3 delivers nothing to the SIEM; its S3 backup of every record does, under the member's prefix.
  test.each([['http'], ['splunk'], ['redshift']] as const)('a stream to %s backing up every record into the SIEM under the member\'s prefix carries member A\'s only flow log there', (type) => {
    passes({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type } } });
  });

  test('a stream to an HTTP endpoint backing up failed records only (or by a mode the guard cannot read) does not deliver the flow log', () => {
    for (const mode of ['FailedDataOnly', 'expression']) {
      refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'http', mode } } }, new RegExp('SC-4 error .*the flow log of VPC \\S+ goes to .*, not to the hub\'s '
        + 'SIEM bucket \\(delivery stream \\S+ delivers to an HTTP endpoint \\((HttpEndpointDestinationConfiguration|http_endpoint_configuration)\\), not to S3, and does not back '
        + 'up every record into the SIEM bucket under members/131016/; what it backs up there is failed records only'));
    }
    refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'redshift', mode: 'Disabled' } } }, /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket \(delivery stream \S+ delivers to Redshift/);
  });

  // Whose the destination other than S3 is (another account's OpenSearch domain, an HTTP endpoint of anyone) the guard does
  // not judge: only an S3 backup of every record under the member's prefix of the SIEM delivers the log.
  test('a stream to another account\'s OpenSearch domain delivers member A\'s only flow log by its S3 backup of every document under A\'s prefix, and by nothing else', () => {
    passes({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'opensearch' } } });
    const notDelivered = (type: string) => new RegExp(`SC-4 error .*the flow log of VPC \\S+ goes to .*, not to the hub's SIEM bucket \\(delivery stream \\S+ delivers to ${type}`);
    refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'opensearch', mode: 'FailedDocumentsOnly' } } }, notDelivered('OpenSearch Service'));
    refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'opensearch', mode: 'expression' } } }, notDelivered('OpenSearch Service'));
    // Every record backed up, but under another member's prefix or into member B's bucket: not A's log in the SIEM.
    for (const type of ['http', 'splunk', 'opensearch'] as const) {
      refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type, prefix: 'members/132012/' } } }, notDelivered('(an HTTP endpoint|Splunk|OpenSearch Service)'));
      refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type, backupTo: 'other' } } }, /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket\./);
    }
  });

  test('a destination the guard does not know delivers nothing (fail closed)', () => {
    refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'unknown' } } },
      /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket \(delivery stream \S+ delivers to a destination the guard does not know \((FutureDestinationConfiguration|destination future)\)/);
  });

  test('the S3 backup of a destination other than S3 keeps the member\'s logs in their place: not under another member\'s prefix, not in its bucket (failed records too)', () => {
    refuses({ memberStreamA: { via: 'flow-log', elsewhere: { type: 'http', prefix: 'members/132012/' } } },
      /SC-4 error .*delivery stream \S+, which carries flow log \S+ of VPC \S+, copies every record by its S3 backup \((HttpEndpointDestinationConfiguration\.S3Configuration|http_endpoint_configuration\.s3_configuration) Prefix\): it writes to the SIEM bucket under members\/132012\//);
    refuses({ memberStreamA: { via: 'flow-log', elsewhere: { type: 'splunk', mode: 'FailedEventsOnly', backupTo: 'other' } } },
      /SC-4 error .*delivery stream \S+, which carries flow log \S+ of VPC \S+, copies some records \(failed records only .*\) by its S3 backup \(\S+\) to member 132012's bucket \S+, not to a bucket of member 131016's own nor to the SIEM/);
  });

  if (engine === 'Terraform') {
    test('providers before 5.0: an HTTP endpoint\'s s3_configuration beside it is its backup bucket, not the stream\'s S3 destination', () => {
      refuses({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'v4-http', mode: 'FailedDataOnly' } } },
        /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket \(delivery stream \S+ delivers to an HTTP endpoint \(http_endpoint_configuration\), not to S3/);
      passes({ memberStreamA: { via: 'flow-log', only: true, elsewhere: { type: 'v4-http' } } });
    });
  }

  // 2. A subscription filter to a Lambda function: the function may forward the log anywhere; never delivered.
  test('a flow log whose log group is subscribed to a Lambda function does not count as delivered, and says why', () => {
    refuses({ memberStreamA: { via: 'subscription', only: true, toFunction: true } },
      /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket \(subscription filter \S+ of its log group sends it to Lambda function arn:aws:lambda:ap-northeast-1:123456789012:function:forward, whose code may forward it anywhere or nowhere/);
  });

  test('the proxy log group subscribed to a Lambda function is not subscribed to a stream into the SIEM', () => {
    const graph = graphOf({});
    const proxy = [...graph.nodes.values()].find((n) => n.type === 'log-subscription' && /proxy/i.test(n.id))! as { destination: unknown };
    proxy.destination = { kind: 'external', value: 'arn:aws:lambda:ap-northeast-1:123456789012:function:forward' };
    expect(lines(check(graph)).join('\n')).toMatch(/SC-4 error .*log group \/hub\/proxy\/access is not subscribed, with every event .*\(subscription filter \S+ of its log group sends it to Lambda function/);
  });

  // 3. A Kinesis data stream named by reference on one side and by a literal ARN (or Ref) on the other.
  // Terraform names a stream's ARN by `.arn`; CloudFormation's `Ref` of a stream (its name) is read as the stream too.
  test.each((engine === 'Terraform' ? [['literal-target'], ['literal-source']] : [['literal-target'], ['literal-source'], ['ref-source']]) as [Kinesis][])('a Kinesis data stream named %s is the stream of that name: member A\'s only flow log reaches the SIEM through it', (kinesisBy) => {
    passes({ memberDestinationA: { via: 'kinesis', only: true, kinesisBy } });
    refuses({ memberDestinationA: { via: 'kinesis', kinesisBy, code: '132012', prefix: 'members/132012/' } },
      /SC-4 error .*delivery stream \S+ \(Prefix\), which carries flow log \S+ of VPC \S+, through .*Kinesis data stream .*writes to the SIEM bucket under members\/132012\//);
  });

  test('a literal Kinesis ARN of another name is another stream; of a stream whose name the guard cannot read, it may be it (a leak), never a delivery (fail closed)', () => {
    refuses({ memberDestinationA: { via: 'kinesis', only: true, kinesisBy: 'literal-target', kinesisArnName: 'member-b-central' } },
      /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket/);
    refuses({ memberDestinationA: { via: 'kinesis', only: true, kinesisBy: 'literal-target', unnamedKinesis: true } },
      /SC-4 error .*the flow log of VPC \S+ goes to .*, not to the hub's SIEM bucket/);
    refuses({ memberDestinationA: { via: 'kinesis', kinesisBy: 'literal-target', unnamedKinesis: true, code: '132012', prefix: 'members/132012/' } },
      /SC-4 error .*delivery stream \S+ \(Prefix\), which carries flow log \S+ of VPC \S+, through .*writes to the SIEM bucket under members\/132012\//);
  });

  // 5. A literal Firehose ARN as a flow log's destination.
  test('a flow log to a literal Firehose ARN goes to the stream of that name; to one of no stream of the output, it is refused (fail closed)', () => {
    passes({ memberStreamA: { via: 'flow-log', only: true, literalArn: 'member-a-logs' } });
    refuses({ memberStreamA: { via: 'flow-log', literalArn: 'member-a-logs', prefix: 'members/132012/' } },
      /SC-4 error .*delivery stream \S+ \(Prefix\), which carries flow log \S+ of VPC \S+, writes to the SIEM bucket under members\/132012\//);
    refuses({ memberStreamA: { via: 'flow-log', literalArn: 'member-a-other' } },
      /SC-4 error .*the flow log of VPC \S+ goes to delivery stream arn:aws:firehose:ap-northeast-1:123456789012:deliverystream\/member-a-other, and no stream of the output has that name: the guard cannot tell where it writes.*\(fail closed\): to the SIEM, it must be under members\/131016\//);
  });

  // 4. A log delivered (not backed up) to a bucket outside the SIEM.
  test('a flow log delivered to member A\'s own bucket beside the one to the SIEM passes; to member B\'s, or a bucket outside the output, it is refused', () => {
    passes({ memberFlowLogBucketA: 'own' });
    refuses({ memberFlowLogBucketA: 'other' },
      /SC-4 error .*the flow log of VPC \S+ delivers to member 132012's bucket \S+, not to a bucket of member 131016's own nor to the SIEM/);
    refuses({ memberFlowLogBucketA: 'external' },
      /SC-4 error .*the flow log of VPC \S+ delivers to arn:aws:s3:::member-a-archive, a bucket outside the output, not to a bucket of member 131016's own nor to the SIEM/);
  });

  test('a member\'s stream delivering to member B\'s bucket is refused', () => {
    refuses({ memberStreamA: { via: 'tagged', otherBucket: true } },
      /SC-4 error .*delivery stream \S+, which carries logs of member 131016, delivers to member 132012's bucket \S+, not to a bucket of member 131016's own nor to the SIEM/);
  });

  // 7. A CloudWatch Logs destination takes the logs of whichever accounts its policy lets in: only one tagged with the
  // member's code (or in a stack of that member only) carries the member's log under its prefix.
  test('a destination tagged with member A\'s code carries its only flow log; untagged or the hub\'s, it does not, and an untagged one is refused (fail closed)', () => {
    passes({ memberDestinationA: { via: 'firehose', only: true } });
    passes({ memberDestinationA: { via: 'kinesis', only: true } });
    for (const via of ['firehose', 'kinesis'] as const) {
      refuses({ memberDestinationA: { via, only: true, destinationTag: 'none' } }, new RegExp('SC-4 error .*the flow log of VPC \\S+ goes to .*, not to the hub\'s SIEM bucket '
        + '\\(CloudWatch Logs destination \\S+, which the guard can tie to no member .*, takes logs from other accounts, so the guard does not count what passes it as the log '
        + 'of members/131016/ \\(fail closed\\)'));
    }
    refuses({ memberDestinationA: { via: 'firehose', destinationTag: 'none' } }, new RegExp('SC-4 error .*CloudWatch Logs destination \\S+ takes logs from other accounts '
      + 'into delivery stream \\S+, which writes to the SIEM bucket, and the guard can tie it to no member and not to the hub \\(untagged, in '
      + `${engine === 'CloudFormation, two stacks' ? 'the hub\'s stack, which does not make it the hub\'s' : 'a stack shared by several members or by members and the hub'}\\).*`
      + 'Fix: give each member its own destination tagged jichitai:municipality = <the member\'s code>'));
    // The hub's (labelled with a hub function): its stream writes under hub/, and member A's log through it is not A's.
    refuses({ memberDestinationA: { via: 'firehose', only: true, destinationTag: 'hub' } },
      /SC-4 error .*the flow log of VPC \S+ goes to .*\(CloudWatch Logs destination \S+, which is the hub's, takes logs from other accounts/);
    refuses({ memberDestinationA: { via: 'firehose', destinationTag: 'hub' } },
      /SC-4 error .*delivery stream \S+ \(Prefix\), which carries logs of the hub, through CloudWatch Logs destination \S+, writes to the SIEM bucket under members\/131016\/central\/, not under its own hub\//);
  });

  if (engine === 'CloudFormation, two stacks') {
    test('an untagged destination of the hub\'s stack fed only from outside the output (its stream the hub\'s, under hub/) is refused, not taken as the hub\'s', () => {
      const graph = graphOf({ memberDestinationA: { via: 'firehose', untagged: true, prefix: 'hub/central/', destinationTag: 'none' } });
      // The member's side is another account's: not in the output.
      for (const id of [...graph.nodes.keys()].filter((x) => /^Members\/Central/.test(x))) (graph.nodes as Map<string, unknown>).delete(id);
      const found = lines(check(graph)).join('\n');
      expect(found).toMatch(/SC-4 error .*CloudWatch Logs destination Hub\/CentralDestinationA takes logs from other accounts into delivery stream Hub\/CentralStreamA, which writes to the SIEM bucket/);
      expect(found).not.toMatch(/CentralFlowLogA/);
    });
  }

  // 6. An untagged stream of the hub's stack carrying a member's logs.
  test('an untagged stream carrying member A\'s logs: traced, it passes under A\'s prefix and is refused under the hub\'s; in the hub\'s stack the fix says to tag it', () => {
    refuses({ memberDestinationA: { via: 'firehose', untagged: true, prefix: 'hub/member-a/' } },
      /SC-4 error .*delivery stream \S+ \(Prefix\), which carries flow log \S+ of VPC \S+, through .*writes to the SIEM bucket under hub\/member-a\/, not under its own members\/131016\//);
    if (engine !== 'CloudFormation, two stacks') {
      passes({ memberDestinationA: { via: 'firehose', untagged: true } });
      return;
    }
    refuses({ memberDestinationA: { via: 'firehose', untagged: true } }, new RegExp('SC-4 error .*delivery stream Hub/CentralStreamA \\(Prefix\\), which carries logs of the hub '
      + '\\(untagged, in the hub\'s stack\\), writes to the SIEM bucket under members/131016/central/, not under its own hub/.*Fix: .*tag it jichitai:municipality = <the member\'s code>'));
  });
});
