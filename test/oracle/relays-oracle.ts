/**
 * An independent oracle for service relays (docs/guard-semantics.md §14), written from that section, not from
 * src/guard/rules/relays.ts: a random abstract network of functions, queues, topics, an event bus, a bucket, the
 * deliveries between them, resource policies and VPC endpoints; rendered as a CloudFormation template for the library;
 * judged here by enumerating every simple path of deliveries (depth first), which the library does breadth first over
 * its own graph.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Rng } from './deploy-code-oracle';

export { Rng };

export type Place = 'Mn' | 'Lg' | 'In' | 'none';
export type Access = 'write' | 'read' | 'both';

/** The abstract network. Names are CloudFormation logical IDs. */
export interface RelayNet {
  readonly functions: { name: string; place: Place }[];
  readonly queues: string[];
  readonly topics: string[];
  /** A custom event bus (`Bus`) when true. */
  readonly bus: boolean;
  /** A bucket (`Bucket`) when true. */
  readonly bucket: boolean;
  /** Deliveries: from → to, by a declaring resource of `kind`. `OUT:<what>` is the outside. */
  readonly deliveries: { kind: string; from: string; to: string }[];
  /** Schedule-only rules targeting something: they deliver nothing from a bus. */
  readonly schedules: { target: string }[];
  /** Resource policies letting everyone in (write), out (read) or both, on a queue, topic, bus or bucket. */
  readonly policies: { resource: string; access: Access; own: boolean }[];
  /** VPC endpoints: segment, service. */
  readonly endpoints: { name: string; place: 'Mn' | 'Lg'; service: string }[];
}

const SERVICES = ['sqs', 'sns', 'lambda', 'events', 's3', 'kms'];

export function genNet(rng: Rng): RelayNet {
  const functions = Array.from({ length: rng.int(1, 4) }, (_, i) => ({ name: `Fn${i}`, place: rng.pick<Place>(['Mn', 'Mn', 'Lg', 'In', 'none']) }));
  const queues = Array.from({ length: rng.int(0, 2) }, (_, i) => `Queue${i}`);
  const topics = Array.from({ length: rng.int(0, 2) }, (_, i) => `Topic${i}`);
  const bus = rng.chance(0.4);
  const bucket = rng.chance(0.4);
  const fnNames = functions.map((f) => f.name);
  const deliveries: { kind: string; from: string; to: string }[] = [];
  const n = rng.int(0, 6);
  for (let i = 0; i < n; i++) {
    const kind = rng.pick(['esm', 'subscription', 'destination', 'dlq', 'rule', 'notification']);
    if (kind === 'esm' && queues.length > 0) {
      deliveries.push({ kind, from: rng.chance(0.15) ? 'OUT:arn:aws:sqs:ap-northeast-1:999999999999:elsewhere' : rng.pick(queues), to: rng.pick(fnNames) });
    } else if (kind === 'subscription' && topics.length > 0) {
      const to = rng.pick([...fnNames, ...queues, 'OUT:https://collector.example.net/']);
      deliveries.push({ kind, from: rng.pick(topics), to });
    } else if (kind === 'destination') {
      const to = rng.pick([...fnNames, ...queues, ...topics, 'OUT:arn:aws:sns:ap-northeast-1:999999999999:elsewhere']);
      deliveries.push({ kind, from: rng.pick(fnNames), to });
    } else if (kind === 'dlq' && queues.length > 0) {
      // A function has one dead-letter queue (DeadLetterConfig).
      const from = rng.pick(fnNames);
      if (!deliveries.some((d) => d.kind === 'dlq' && d.from === from)) deliveries.push({ kind, from, to: rng.pick(queues) });
    } else if (kind === 'rule') {
      const to = rng.pick([...fnNames, ...queues, ...topics]);
      if (rng.chance(0.2)) deliveries.push({ kind: 'schedule', from: '', to });
      else deliveries.push({ kind, from: bus && rng.chance(0.6) ? 'Bus' : 'DEFAULT_BUS', to });
    } else if (kind === 'notification' && bucket) {
      deliveries.push({ kind, from: 'Bucket', to: rng.pick([...fnNames, ...queues, ...topics]) });
    }
  }
  const schedules = deliveries.filter((d) => d.kind === 'schedule').map((d) => ({ target: d.to }));
  const policyTargets = [...queues, ...topics, ...(bus ? ['Bus'] : []), ...(bucket ? ['Bucket'] : [])];
  const policies = policyTargets.filter(() => rng.chance(0.3)).map((resource) => ({ resource, access: rng.pick<Access>(['write', 'read', 'both']), own: rng.chance(0.3) }));
  const endpoints = Array.from({ length: rng.int(0, 2) }, (_, i) => ({ name: `Endpoint${i}`, place: rng.pick<'Mn' | 'Lg'>(['Mn', 'Lg']), service: rng.pick(SERVICES) }));
  return { functions, queues, topics, bus, bucket, deliveries: deliveries.filter((d) => d.kind !== 'schedule'), schedules, policies, endpoints };
}

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
const getArn = (name: string) => (name.startsWith('Queue') || name.startsWith('Fn') ? { 'Fn::GetAtt': [name, 'Arn'] } : { Ref: name });
const target = (name: string) => (name.startsWith('OUT:') ? name.slice(4) : getArn(name));

/** The CloudFormation template of a network. */
export function renderCfn(net: RelayNet): Record<string, any> {
  const r: Record<string, any> = { Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } } };
  for (const [name, cidr, segment] of [['Mn', '10.0', 'MY_NUMBER'], ['Lg', '10.1', 'LGWAN'], ['In', '10.2', 'INTERNET']]) {
    r[`${name}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `${cidr}.0.0/16`, Tags: tag(segment), EnableDnsSupport: false } };
    r[`${name}Sub`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${name}Vpc` }, CidrBlock: `${cidr}.0.0/24` } };
    r[`${name}Sg`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: `${name}Vpc` }, GroupDescription: name } };
  }
  for (const f of net.functions) {
    r[f.name] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
        Runtime: 'nodejs20.x',
        Handler: 'i.h',
        Code: { ZipFile: 'x' },
        ...f.place !== 'none' ? { VpcConfig: { SubnetIds: [{ Ref: `${f.place}Sub` }], SecurityGroupIds: [{ Ref: `${f.place}Sg` }] } } : {},
      },
    };
  }
  net.queues.forEach((q) => { r[q] = { Type: 'AWS::SQS::Queue', Properties: {} }; });
  net.topics.forEach((t) => { r[t] = { Type: 'AWS::SNS::Topic', Properties: {} }; });
  if (net.bus) r.Bus = { Type: 'AWS::Events::EventBus', Properties: { Name: 'bus' } };
  const notifications: any = { LambdaConfigurations: [], QueueConfigurations: [], TopicConfigurations: [] };
  net.deliveries.forEach((d, i) => {
    const id = `Delivery${i}`;
    switch (d.kind) {
      case 'esm': r[id] = { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: target(d.from), FunctionName: { Ref: d.to } } }; break;
      case 'subscription': {
        const protocol = d.to.startsWith('OUT:') ? 'https' : d.to.startsWith('Queue') ? 'sqs' : 'lambda';
        r[id] = { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: d.from }, Protocol: protocol, Endpoint: target(d.to) } };
        break;
      }
      case 'destination':
        r[id] = {
          Type: 'AWS::Lambda::EventInvokeConfig',
          Properties: {
            FunctionName: { Ref: d.from },
            Qualifier: '$LATEST',
            DestinationConfig: { OnFailure: { Destination: target(d.to) } },
          },
        };
        break;
      case 'dlq': r[d.from].Properties.DeadLetterConfig = { TargetArn: target(d.to) }; break;
      case 'rule':
        r[id] = {
          Type: 'AWS::Events::Rule',
          Properties: {
            ...d.from === 'Bus' ? { EventBusName: { Ref: 'Bus' } } : {},
            EventPattern: { source: ['x'] },
            Targets: [{ Id: 't', Arn: target(d.to) }],
          },
        };
        break;
      case 'notification': {
        const key = d.to.startsWith('Fn') ? ['LambdaConfigurations', 'Function'] : d.to.startsWith('Queue') ? ['QueueConfigurations', 'Queue'] : ['TopicConfigurations', 'Topic'];
        notifications[key[0]].push({ Event: 's3:ObjectCreated:*', [key[1]]: target(d.to) });
        break;
      }
    }
  });
  net.schedules.forEach((s, i) => {
    r[`Schedule${i}`] = { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 't', Arn: target(s.target) }] } };
  });
  if (net.bucket) r.Bucket = { Type: 'AWS::S3::Bucket', Properties: { NotificationConfiguration: notifications } };
  net.policies.forEach((p, i) => {
    const principal = p.own ? { AWS: { Ref: 'AWS::AccountId' } } : '*';
    const actions: Record<string, Record<Access, string[]>> = {
      Queue: { write: ['sqs:SendMessage'], read: ['sqs:ReceiveMessage'], both: ['sqs:*'] },
      Topic: { write: ['sns:Publish'], read: ['sns:GetTopicAttributes', 'sns:Subscribe'], both: ['sns:*'] },
      Bus: { write: ['events:PutEvents'], read: ['events:PutRule'], both: ['events:*'] },
      Bucket: { write: ['s3:PutObject'], read: ['s3:GetObject'], both: ['s3:*'] },
    };
    const kind = p.resource.replace(/\d+$/, '');
    const statement = { Effect: 'Allow', Principal: principal, Action: actions[kind][p.access], Resource: '*' };
    const id = `Policy${i}`;
    if (kind === 'Queue') r[id] = { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: p.resource }], PolicyDocument: { Statement: [statement] } } };
    if (kind === 'Topic') r[id] = { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: p.resource }], PolicyDocument: { Statement: [statement] } } };
    if (kind === 'Bus') r[id] = { Type: 'AWS::Events::EventBusPolicy', Properties: { EventBusName: { Ref: 'Bus' }, StatementId: 's', Statement: statement } };
    if (kind === 'Bucket') r[id] = { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Bucket' }, PolicyDocument: { Statement: [statement] } } };
  });
  for (const e of net.endpoints) {
    r[e.name] = {
      Type: 'AWS::EC2::VPCEndpoint',
      Properties: {
        VpcId: { Ref: `${e.place}Vpc` },
        VpcEndpointType: 'Interface',
        ServiceName: `com.amazonaws.ap-northeast-1.${e.service}`,
        SubnetIds: [{ Ref: `${e.place}Sub` }],
        SecurityGroupIds: [{ Ref: `${e.place}Sg` }],
      },
    };
  }
  return { Resources: r };
}

/**
 * The oracle's verdict for segment `segment` (`Mn`, `Lg`): for each start (a function placed there, an endpoint there
 * of a relaying service), the ends outside the segment its chains reach — a function's name, or `OUTSIDE`.
 */
export function oracleVerdict(net: RelayNet, segment: 'Mn' | 'Lg'): Map<string, Set<string>> {
  // Deliveries as directed edges between named things; the outside is one node per description, all judged OUTSIDE.
  const edges: [string, string][] = net.deliveries.map((d) => [d.from, d.to]);
  // A policy letting everyone write: everyone → resource; read: resource → everyone (§14 "Resource policies"). The
  // topics' read actions here (GetTopicAttributes, Subscribe): Subscribe is neither a put nor a read verb: both ways.
  for (const p of net.policies) {
    if (p.own) continue;
    const kind = p.resource.replace(/\d+$/, '');
    const into = p.access !== 'read' || kind === 'Topic' || kind === 'Bus';
    const out = p.access !== 'write';
    if (into) edges.push([`OUT:everyone-${p.resource}`, p.resource]);
    if (out) edges.push([p.resource, `OUT:everyone-${p.resource}`]);
  }
  const place = new Map(net.functions.map((f) => [f.name, f.place]));
  const isEnd = (x: string) => x.startsWith('OUT:') || place.has(x);
  const normal = (x: string) => (x.startsWith('OUT:') ? 'OUTSIDE' : x);
  const bad = (x: string) => x.startsWith('OUT:') || place.get(x) !== segment;
  /** Every end reached from `start` along simple paths (depth first), not passing through an end. */
  const ends = (start: string, forward: boolean): Set<string> => {
    const found = new Set<string>();
    const walk = (at: string, onPath: Set<string>) => {
      for (const [a, b] of edges) {
        const [from, to] = forward ? [a, b] : [b, a];
        if (from !== at || onPath.has(to)) continue;
        if (isEnd(to)) {
          found.add(to);
          continue;
        }
        onPath.add(to);
        walk(to, onPath);
        onPath.delete(to);
      }
    };
    walk(start, new Set([start]));
    return found;
  };
  const verdict = new Map<string, Set<string>>();
  const record = (start: string, reached: Iterable<string>) => {
    const set = verdict.get(start) ?? new Set<string>();
    for (const e of reached) if (e !== start && bad(e)) set.add(normal(e));
    verdict.set(start, set);
  };
  for (const f of net.functions.filter((x) => x.place === segment)) record(f.name, [...ends(f.name, true), ...ends(f.name, false)]);
  const usesDefaultBus = net.deliveries.some((d) => d.from === 'DEFAULT_BUS');
  for (const e of net.endpoints.filter((x) => x.place === segment)) {
    const reached: string[] = [];
    const resources = e.service === 'sqs' ? net.queues : e.service === 'sns' ? net.topics : e.service === 'lambda' ? net.functions.map((f) => f.name)
      : e.service === 'events' ? [...net.bus ? ['Bus'] : [], ...usesDefaultBus ? ['DEFAULT_BUS'] : []] : e.service === 's3' && net.bucket ? ['Bucket'] : [];
    if (e.service === 'kms') continue;
    for (const t of resources) {
      if (isEnd(t)) reached.push(t);
      else reached.push(...ends(t, true), ...ends(t, false));
    }
    record(e.name, reached);
  }
  return verdict;
}
