/**
 * The reference prefecture (examples/prefecture.ts: a security cloud hub and members of every model) under the guard, and
 * the integration bugs it found: SC-2 took the α′ member's LGWAN breakout for a member's own exit, the extractors could
 * not read the SIEM bucket named through its ARN (CloudFormation) or through its `bucket` attribute (Terraform), AP-7 took
 * the hub's proxy for one that relays to the breakout, and two security group descriptions CloudFormation refuses.
 */
import { App, aws_ec2 as ec2, aws_s3 as s3 } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Testing } from 'cdktf';
import { buildCdkPrefecture } from '../../examples/cdk/_prefecture';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { declareSiem } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { nodesOf, TopologyGraph } from '../../src/guard/graph';
import { Arrival, Reachability } from '../../src/guard/reachability';
import { formatFinding } from '../../src/guard/rule';

// The reference prefecture synthesized under the guard, once per engine for the tests of this file that do not change it.
let tfSynthesized: string | undefined;
const tfPrefecture = (): string => (tfSynthesized ??= Testing.synth(buildTfPrefecture(4, Testing.app()).stack, true));
let cdkSynthesized: CloudAssembly | undefined;
const cdkPrefecture = (): CloudAssembly => (cdkSynthesized ??= buildCdkPrefecture(4).app.synth());

let tfGraph: TopologyGraph;
beforeAll(() => {
  tfGraph = extractTerraform({ prefecture: JSON.parse(tfPrefecture()) });
});

const lines = (graph: TopologyGraph, model: NetworkModel, rule: string) =>
  checkTopology(graph, { model }).filter((f) => f.ruleId === rule).map(formatFinding);

describe('the reference prefecture synthesizes under the guard', () => {
  test('CDK: the hub stack and one stack per member', () => {
    expect(() => cdkPrefecture()).not.toThrow();
  });

  test('CDKTF: one stack', () => {
    expect(() => tfPrefecture()).not.toThrow();
  });

  test('CDK: no warning in any stack, as `cdk synth --strict` (npm run synth:examples) requires', () => {
    const asm = cdkPrefecture();
    const warnings = asm.stacks.flatMap((s) => s.messages.filter((m) => m.level === 'warning').map((m) => `${m.id}: ${String(m.entry.data).slice(0, 120)}`));
    expect(warnings).toEqual([]);
  });

  test('CDK: a finding in the hub\'s stack (which no guard is applied to) is reported once, not by every member', () => {
    const p = buildCdkPrefecture(4, new App());
    const association = p.hubStack.node.findAll().find((c) => c.node.id === 'PublicWebAclAssociation')!;
    association.node.scope!.node.tryRemoveChild('PublicWebAclAssociation');
    let message = '';
    try {
      p.app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const hubFindings = message.split('\n').filter((l) => / SC-3 error /.test(l));
    expect(hubFindings).toHaveLength(1);
    expect(hubFindings[0]).toMatch(/^\s*\[ExamplePref-Member001\] \[ExamplePref-SecurityCloud\//);
  });

  test('every security group description is one CloudFormation accepts (EC2 GroupDescription characters)', () => {
    const asm = buildCdkPrefecture(1, new App()).app.synth({ skipValidation: true });
    const bad = asm.stacks.flatMap((s) => Object.entries<any>(s.template.Resources)
      .filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup' && !/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/.test(r.Properties.GroupDescription))
      .map(([id, r]) => `${id}: ${r.Properties.GroupDescription}`));
    expect(bad).toEqual([]);
  });
});

describe('SC-2 and the α′ LGWAN breakout', () => {
  test('under α′ the member\'s LGWAN breakout (its own internet gateway and NAT gateways, governed by the AP rules) is no own exit', () => {
    expect(lines(tfGraph, NetworkModel.ALPHA_PRIME, 'SC-2')).toEqual([]);
  });

  test('under any other model an internet gateway in an LGWAN VPC is a member\'s own exit', () => {
    const found = lines(tfGraph, NetworkModel.ALPHA, 'SC-2');
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/Member002_Lgwan_InternetGateway_\w+\] SC-2 error .*has its own internet gateway/)]));
  });
});

describe('AP-7 and the hub proxy', () => {
  // The α′ member's LGWAN server (10.2.65.20, in what the hub proxy's groups admit: 10.0.0.0/8), and its terminal pools.
  const server = { name: 'lgwan-file-server', role: 'OTHER', zone: 'LGWAN', cidrs: ['10.2.65.20/32'], breakoutClient: false };

  test('the hub\'s proxy relays through the hub\'s firewall, not the breakout: the LGWAN hosts of the α′ member do not use it', () => {
    const found = checkTopology(tfGraph, { model: NetworkModel.ALPHA_PRIME }, { hosts: [server] }).filter((f) => f.ruleId === 'AP-7');
    expect(found.map(formatFinding)).toEqual([]);
  });

  test('the α′ tenant proxy in LGWAN still relays to the breakout: a server its groups admit is refused', () => {
    // The tenant proxy's load balancer admits the terminal subnets (10.2.80.0/21 of the α′ member).
    const inPool = { ...server, cidrs: ['10.2.80.10/32'] };
    const found = checkTopology(tfGraph, { model: NetworkModel.ALPHA_PRIME }, { hosts: [inPool] }).filter((f) => f.ruleId === 'AP-7').map(formatFinding);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/declared host lgwan-file-server .*(may use the forward proxy \S*TenantProxy|lies in this subnet)/)]));
    expect(found.join('\n')).not.toMatch(/forward proxy \S*SecurityCloud/);
  });

  test('no LGWAN subnet of any member reaches a subnet of the hub (LGWAN hosts cannot reach the hub proxy at all)', () => {
    const reach = new Reachability(tfGraph);
    const hub = new Set(nodesOf(tfGraph, 'subnet').filter((s) => s.vpc.kind === 'node' && (tfGraph.nodes.get(s.vpc.id) as any)?.hub).map((s) => s.id));
    const lgwan = nodesOf(tfGraph, 'subnet').filter((s) => reach.segmentOf(s.id) === 'LGWAN');
    expect(lgwan.length).toBeGreaterThan(0);
    const into = lgwan.flatMap((s) => reach.arrivals(s.id)).filter((a: Arrival) => a.end.kind === 'subnet' && hub.has(a.end.subnet));
    expect(into).toEqual([]);
  });
});

describe('log destinations that name the SIEM bucket', () => {
  const bucket = { Type: 'AWS::S3::Bucket', Properties: {} };
  const logging = (bucketName: unknown) => ({
    Type: 'AWS::NetworkFirewall::LoggingConfiguration',
    Properties: {
      FirewallArn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall/x',
      LoggingConfiguration: { LogDestinationConfigs: [{ LogDestinationType: 'S3', LogType: 'ALERT', LogDestination: { bucketName, prefix: 'members/1/' } }] },
    },
  });
  const sinkOf = (bucketName: unknown) => {
    const graph = extractCloudFormation({ t: { Resources: { Siem: bucket, Logging: logging(bucketName) } } });
    return nodesOf(graph, 'firewall-logging')[0].destinations[0].sink;
  };
  const cut = (index: number, arn: unknown) => ({ 'Fn::Select': [index, { 'Fn::Split': [':', arn] }] });

  test('CloudFormation: the sixth field of the bucket\'s ARN split at \':\' is the bucket', () => {
    expect(sinkOf(cut(5, { 'Fn::GetAtt': ['Siem', 'Arn'] }))).toEqual({ kind: 'node', id: 'Siem' });
    expect(sinkOf(cut(5, 'arn:aws:s3:::aws-waf-logs-siem'))).toEqual({ kind: 'external', value: 'aws-waf-logs-siem' });
  });

  test('CloudFormation: any other field of the ARN names no bucket', () => {
    expect(sinkOf(cut(4, { 'Fn::GetAtt': ['Siem', 'Arn'] }))?.kind).toBe('unresolved');
  });

  test('Terraform: a bucket\'s `bucket` attribute is the bucket, even when its name interpolates another resource', () => {
    const graph = extractTerraform({
      t: {
        resource: {
          aws_ec2_transit_gateway: { tgw: {} },
          aws_s3_bucket: { siem: { bucket: 'aws-waf-logs-x-${aws_ec2_transit_gateway.tgw.owner_id}' } },
          aws_networkfirewall_logging_configuration: {
            l: {
              firewall_arn: 'arn:aws:network-firewall:ap-northeast-1:111122223333:firewall/x',
              logging_configuration: { log_destination_config: [{ log_destination_type: 'S3', log_type: 'ALERT', log_destination: { bucketName: '${aws_s3_bucket.siem.bucket}' } }] },
            },
          },
        },
      },
    });
    expect(nodesOf(graph, 'firewall-logging')[0].destinations[0].sink).toEqual({ kind: 'node', id: 'aws_s3_bucket.siem' });
  });
});

describe('two members of one model: each member\'s logs are judged by the SIEM it declares, not another member\'s', () => {
  // Members 3 and 7 are both β, each in its own stack. Member 3 declares, besides the hub's, a SIEM bucket of its own
  // (a bucket of its stack tagged as the SIEM, named by its literal ARN); member 7 declares another, and its LGWAN flow
  // log goes to member 3's. Only member 3's declaration names that bucket: LOG-1 and SC-4 refuse member 7's log.
  const synthErrors = (otherDeclares: boolean): string[] => {
    const p = buildCdkPrefecture(7, new App());
    const [a, b] = [p.members[2], p.members[6]];
    expect([a.network, b.network].map((n) => n.node.path)).toEqual(['ExamplePref-Member003/Network', 'ExamplePref-Member007/Network']);
    const declare = (m: typeof a, bucketArn: string) => {
      declareSiem(m.stack, { bucketArn });
      declareSiem(m.network, { bucketArn });
    };
    declare(a, otherDeclares ? 'arn:aws:s3:::member003-siem' : 'arn:aws:s3:::member003-archive');
    declare(b, 'arn:aws:s3:::member007-siem');
    new s3.CfnBucket(a.stack, 'OwnSiem', { bucketName: 'member003-siem', tags: [{ key: 'jichitai:hub-function', value: 'siem' }] });
    const flowLog = b.stack.node.findAll().find((c) => c.node.path === 'ExamplePref-Member007/Network/Lgwan/FlowLog') as ec2.CfnFlowLog;
    flowLog.addPropertyOverride('LogDestination', 'arn:aws:s3:::member003-siem/members/990007/vpc-flow-logs/lgwan/');
    try {
      p.app.synth();
    } catch (e) {
      return (e as Error).message.split('\n').filter((l) => / (LOG-1|SC-4) error /.test(l) && l.includes('ExamplePref-Member007/Network/Lgwan/'));
    }
    return [];
  };
  const refused = [
    expect.stringMatching(/LOG-1 error .*the flow log of the LGWAN VPC goes to arn:aws:s3:::member003-siem\/members\/990007\/vpc-flow-logs\/lgwan\/ .*not to the declared SIEM \(the security cloud hub's SIEM bucket or arn:aws:s3:::member007-siem\)/),
    expect.stringMatching(/Lgwan\/Vpc\] SC-4 error .*goes to arn:aws:s3:::member003-siem\/members\/990007\/vpc-flow-logs\/lgwan\/, not to the hub's SIEM bucket/),
  ];
  test('CDK: a bucket another member declares as its SIEM is not this member\'s', () => {
    expect(synthErrors(true)).toEqual(expect.arrayContaining(refused));
  }, 300_000);
  test('CDK: the same without that declaration (sanity)', () => {
    expect(synthErrors(false)).toEqual(expect.arrayContaining(refused));
  }, 300_000);
});
