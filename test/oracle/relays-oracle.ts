/**
 * An independent oracle for service relays (docs/guard-semantics.md §14), written from that section, not from
 * src/guard/rules/relays.ts: a random abstract network of functions, queues, topics, an event bus, a bucket, the
 * deliveries between them, resource policies, VPC endpoints and IAM grants (each function's own role, outside
 * principals); rendered as a CloudFormation template for the library; judged here by enumerating every simple path of
 * deliveries (depth first), which the library does breadth first over its own graph.
 *
 * Grants (§14 "Grants"), in the oracle's own terms: a statement is {service, access, resource}; `write` is an edge from
 * the code to the resource, `read` from the resource to the code, `both` both, `metadata` none; a resource `*` is every
 * resource of that service in the network; "everything" (a role by a literal ARN, an AWS managed policy the semantics
 * does not describe, `Action: *`, `NotAction`) is both ways with every queue, topic, bus, the default bus when a rule
 * uses it, the bucket and every function. The concrete actions rendered for each access are picked from the section's
 * classification (ACTIONS below), not from the library's tables.
 *
 * Not modelled: instances, Auto Scaling groups and ECS services as code running with a role; log groups (so what the
 * Lambda execution roles write); `NotResource`, conditions, denials; `AWS::IAM::RolePolicy`, a managed policy of the
 * output named in `ManagedPolicyArns`, a customer managed policy by a literal ARN; a user's groups; trust of a
 * federation or everyone; a role given by a parameter; grants on Step Functions, Logs, Kinesis, Firehose, DynamoDB,
 * IoT or API Gateway; resource ARNs with a literal account number (the resource and the outside); Terraform.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Rng } from './deploy-code-oracle';

export { Rng };

export type Place = 'Mn' | 'Lg' | 'In' | 'none';
export type Access = 'write' | 'read' | 'both';

/** A statement of an identity policy: `service` `any` is `Action: *` (or `NotAction`), everything. */
export type GrantService = 'sqs' | 'sns' | 's3' | 'lambda' | 'events' | 'any';
export type GrantAccess = Access | 'metadata';
export interface Grant {
  readonly service: GrantService;
  readonly access: GrantAccess;
  /** A resource's logical ID, or `*` (rendered as `*` or an ARN pattern of the service). */
  readonly resource: string;
  /** Which concrete actions (ACTIONS[service][access][i]) and which resource form to render: rendering only. */
  readonly form: number;
}
/**
 * Who may act with a role besides the code that names it (§14 "And whoever else may act with them"): the own account
 * (a person or program anywhere), another account, CodeBuild (code the guard does not place) — the outside; Step
 * Functions — a service that relays on its own: only its declared deliveries, so nothing here.
 */
export type Trust = 'account' | 'other-account' | 'codebuild' | 'states';
/** A function's role: its grants, how they are attached, an AWS managed policy, an extra trusted principal. */
export interface RoleSpec {
  readonly grants: Grant[];
  /** Inline `Policies`, a separate `AWS::IAM::Policy` or `AWS::IAM::ManagedPolicy` naming the role. */
  readonly attach: 'inline' | 'policy' | 'managed-policy';
  /** AWS managed policies by ARN: the Lambda execution roles touch only logs (nothing here); SQS full access is unknown. */
  readonly managed?: 'basic' | 'vpc' | 'sqs-full';
  readonly trust?: Trust;
}
/** A principal no function runs with: a role some trusted principal assumes, an IAM user, an IAM group. */
export interface Principal {
  readonly name: string;
  readonly kind: 'role' | 'user' | 'group';
  /** For a role. */
  readonly trust?: Trust;
  readonly grants: Grant[];
  readonly attach: 'inline' | 'policy';
}

/** The abstract network. Names are CloudFormation logical IDs. */
export interface RelayNet {
  /** `role`: absent, a role of its own with no grants; `literal`, a role by a literal ARN the output does not hold. */
  readonly functions: { name: string; place: Place; role?: RoleSpec | 'literal' }[];
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
  /** Principals that run no function of the network (absent: none). */
  readonly principals?: Principal[];
}

/**
 * The actions rendered for each access, from §14's classification: puts (`SendMessage`, `Publish`, `PutEvents`,
 * `PutObject`; `InvokeFunction` hands data to the function), reads (`Receive…`, `Get…` of data), settings alone
 * (attributes, a bucket's ACL and location, the listing of its keys, descriptions, tags, deleting, visibility: neither),
 * anything else both (a wildcard, `SetQueueAttributes`, `Subscribe`, `PutBucketPolicy`, `PutRule`/`PutTargets`, code
 * updates). Mixed lists take the union: a put with settings is a put, a read with settings a read. Lambda has no
 * read here: whether a function's configuration or code is its data the section does not say, and a function is an end
 * either way, so the direction of an edge to it never matters.
 */
export const ACTIONS: Record<Exclude<GrantService, 'any'>, Partial<Record<GrantAccess, string[][]>>> = {
  sqs: {
    write: [['sqs:SendMessage'], ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']],
    read: [['sqs:ReceiveMessage'], ['sqs:Receive*'],
      ['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']],
    both: [['sqs:*'], ['sqs:SendMessage', 'sqs:ReceiveMessage'], ['sqs:SetQueueAttributes']],
    metadata: [['sqs:GetQueueAttributes'], ['sqs:TagQueue', 'sqs:DeleteQueue']],
  },
  sns: {
    write: [['sns:Publish']],
    both: [['sns:*'], ['sns:Subscribe']],
    metadata: [['sns:GetTopicAttributes'], ['sns:TagResource']],
  },
  s3: {
    write: [['s3:PutObject'], ['s3:PutObject', 's3:DeleteObject']],
    read: [['s3:GetObject'], ['s3:GetObject*', 's3:List*']],
    both: [['s3:*'], ['s3:GetObject', 's3:PutObject'], ['s3:PutBucketPolicy']],
    metadata: [['s3:GetBucketLocation'], ['s3:ListBucket'], ['s3:GetBucketAcl']],
  },
  lambda: {
    write: [['lambda:InvokeFunction']],
    both: [['lambda:*'], ['lambda:UpdateFunctionCode']],
    metadata: [['lambda:TagResource']],
  },
  events: {
    write: [['events:PutEvents']],
    both: [['events:*'], ['events:PutRule', 'events:PutTargets']],
    metadata: [['events:DescribeEventBus'], ['events:TagResource']],
  },
};

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
  const resourcesOf = (service: GrantService): string[] => ({
    sqs: queues, sns: topics, s3: bucket ? ['Bucket'] : [], lambda: fnNames, events: bus ? ['Bus'] : [], any: [],
  })[service];
  const grant = (): Grant => {
    const service = rng.chance(0.06) ? 'any' : rng.pick<GrantService>(['sqs', 'sqs', 's3', 'sns', 'lambda', 'events']);
    if (service === 'any') return { service, access: 'both', resource: '*', form: rng.int(0, 1) };
    const accesses = Object.keys(ACTIONS[service]) as GrantAccess[];
    const access = rng.pick(accesses);
    const named = resourcesOf(service);
    const resource = named.length > 0 && rng.chance(0.6) ? rng.pick(named) : '*';
    return { service, access, resource, form: rng.int(0, 5) };
  };
  const grants = () => Array.from({ length: rng.pick([0, 1, 1, 2]) }, grant);
  const withRoles = functions.map((f) => {
    if (rng.chance(0.05)) return { ...f, role: 'literal' as const };
    const role: RoleSpec = {
      grants: grants(),
      attach: rng.pick(['inline', 'inline', 'policy', 'managed-policy'] as const),
      ...rng.chance(0.15) ? { managed: rng.pick(['basic', 'basic', 'vpc', 'sqs-full'] as const) } : {},
      ...rng.chance(0.08) ? { trust: rng.pick<Trust>(['account', 'other-account', 'codebuild', 'states']) } : {},
    };
    return { ...f, role };
  });
  const principals: Principal[] = [];
  if (rng.chance(0.2)) {
    const kind = rng.pick(['role', 'role', 'user', 'group'] as const);
    principals.push({
      name: 'Principal0',
      kind,
      grants: [grant(), ...rng.chance(0.4) ? [grant()] : []],
      attach: rng.pick(['inline', 'policy'] as const),
      ...kind === 'role' ? { trust: rng.pick<Trust>(['account', 'other-account', 'codebuild', 'states']) } : {},
    });
  }
  return { functions: withRoles, queues, topics, bus, bucket, deliveries: deliveries.filter((d) => d.kind !== 'schedule'), schedules, policies, endpoints, principals };
}

const tag = (segment: string) => [{ Key: 'jichitai:segment', Value: segment }];
const getArn = (name: string) => (name.startsWith('Queue') || name.startsWith('Fn') ? { 'Fn::GetAtt': [name, 'Arn'] } : { Ref: name });
const target = (name: string) => (name.startsWith('OUT:') ? name.slice(4) : getArn(name));


const SUB = (text: string) => ({ 'Fn::Sub': text });
/** A resource's ARN as an identity policy names it; `*` as `*` or an ARN pattern of the service. */
function grantResource(g: Grant): unknown {
  const all: Record<GrantService, unknown[]> = {
    sqs: ['*', SUB('arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:*')],
    sns: ['*', 'arn:aws:sns:*:*:*'],
    // `arn:aws:s3:::*` was read as a bucket outside the output until the oracle found it (test/guard/service-relays-iam-s3-pattern.test.ts).
    s3: ['*', 'arn:aws:s3:::*/*', SUB('arn:${AWS::Partition}:s3:::*'), 'arn:aws:s3:::*'],
    lambda: ['*', SUB('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*')],
    events: ['*', SUB('arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/*')],
    any: ['*'],
  };
  if (g.resource === '*') return all[g.service][g.form % all[g.service].length];
  switch (g.service) {
    case 'sqs': return { 'Fn::GetAtt': [g.resource, 'Arn'] };
    case 'sns': return { Ref: g.resource };
    case 'lambda': return { 'Fn::GetAtt': [g.resource, 'Arn'] };
    case 'events': return { 'Fn::GetAtt': [g.resource, 'Arn'] };
    default: {
      // A bucket's objects `…/*` name the bucket (§14 "Grants"); settings actions name the bucket itself.
      if (g.access === 'metadata') return { 'Fn::GetAtt': [g.resource, 'Arn'] };
      const objects = [
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [g.resource, 'Arn'] }, '/*']] },
        SUB(`arn:\${AWS::Partition}:s3:::\${${g.resource}}/*`),
        [{ 'Fn::GetAtt': [g.resource, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [g.resource, 'Arn'] }, '/*']] }],
        // An object key holding a reference names the bucket's objects, not what it refers to; the bucket a reference too:
        // every bucket of the output (§14 "Grants"), which is this one.
        SUB(`arn:\${AWS::Partition}:s3:::\${${g.resource}}/\${${g.resource}.Arn}/*`),
      ];
      return objects[g.form % objects.length];
    }
  }
}
function grantStatement(g: Grant): Record<string, unknown> {
  if (g.service === 'any') return g.form % 2 === 0 ? { Effect: 'Allow', Action: '*', Resource: '*' } : { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' };
  const lists = ACTIONS[g.service][g.access]!;
  const actions = lists[g.form % lists.length];
  return { Effect: 'Allow', Action: actions.length === 1 && g.form % 2 === 0 ? actions[0] : actions, Resource: grantResource(g) };
}
const policyDocument = (grants: Grant[]) => ({ Version: '2012-10-17', Statement: grants.map(grantStatement) });
function trustStatement(t: Trust): Record<string, unknown> {
  const who = {
    'account': { AWS: SUB('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
    'other-account': { AWS: '999999999999' },
    'codebuild': { Service: 'codebuild.amazonaws.com' },
    'states': { Service: 'states.amazonaws.com' },
  }[t];
  return { Effect: 'Allow', Principal: who, Action: 'sts:AssumeRole' };
}
const LAMBDA_TRUST = { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' };
const MANAGED: Record<NonNullable<RoleSpec['managed']>, string> = {
  'basic': 'service-role/AWSLambdaBasicExecutionRole',
  'vpc': 'service-role/AWSLambdaVPCAccessExecutionRole',
  'sqs-full': 'AmazonSQSFullAccess',
};

/** The CloudFormation template of a network. */
export function renderCfn(net: RelayNet): Record<string, any> {
  const r: Record<string, any> = {};
  /** A principal `name` of `type` with `grants` attached as `attach` says. */
  const addPrincipal = (name: string, type: string, grants: Grant[], attach: RoleSpec['attach'], properties: Record<string, unknown>) => {
    const plural = { 'AWS::IAM::Role': 'Roles', 'AWS::IAM::User': 'Users', 'AWS::IAM::Group': 'Groups' }[type]!;
    r[name] = { Type: type, Properties: { ...properties, ...attach === 'inline' && grants.length > 0 ? { Policies: [{ PolicyName: 'p', PolicyDocument: policyDocument(grants) }] } : {} } };
    if (attach === 'policy' && grants.length > 0) {
      r[`${name}Policy`] = { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'p', PolicyDocument: policyDocument(grants), [plural]: [{ Ref: name }] } };
    }
    if (attach === 'managed-policy' && grants.length > 0) {
      r[`${name}Policy`] = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: policyDocument(grants), [plural]: [{ Ref: name }] } };
    }
  };
  for (const f of net.functions) {
    if (f.role === 'literal') continue;
    const role = f.role ?? { grants: [], attach: 'inline' };
    addPrincipal(`${f.name}Role`, 'AWS::IAM::Role', role.grants, role.attach, {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [LAMBDA_TRUST, ...role.trust ? [trustStatement(role.trust)] : []] },
      ...role.managed ? { ManagedPolicyArns: [SUB(`arn:\${AWS::Partition}:iam::aws:policy/${MANAGED[role.managed]}`)] } : {},
    });
  }
  for (const p of net.principals ?? []) {
    const type = { role: 'AWS::IAM::Role', user: 'AWS::IAM::User', group: 'AWS::IAM::Group' }[p.kind];
    addPrincipal(p.name, type, p.grants, p.attach, p.kind === 'role' ? { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [trustStatement(p.trust ?? 'account')] } } : {});
  }
  for (const [name, cidr, segment] of [['Mn', '10.0', 'MY_NUMBER'], ['Lg', '10.1', 'LGWAN'], ['In', '10.2', 'INTERNET']]) {
    r[`${name}Vpc`] = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: `${cidr}.0.0/16`, Tags: tag(segment), EnableDnsSupport: false } };
    r[`${name}Sub`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: `${name}Vpc` }, CidrBlock: `${cidr}.0.0/24` } };
    r[`${name}Sg`] = { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { Ref: `${name}Vpc` }, GroupDescription: name } };
  }
  for (const f of net.functions) {
    r[f.name] = {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Role: f.role === 'literal' ? 'arn:aws:iam::111122223333:role/existing' : { 'Fn::GetAtt': [`${f.name}Role`, 'Arn'] },
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
  // Grants (§14 "Grants"): the code running with a principal puts into what it may put into and takes out of what it
  // may read. A function runs with its role; whoever else a role's trust policy lets act (but a service that relays on
  // its own), an IAM user and a group's members are the outside, one end per principal.
  const usesDefaultBus = net.deliveries.some((d) => d.from === 'DEFAULT_BUS');
  const buses = [...net.bus ? ['Bus'] : [], ...usesDefaultBus ? ['DEFAULT_BUS'] : []];
  const fnNames = net.functions.map((f) => f.name);
  const ofService: Record<GrantService, string[]> = {
    sqs: net.queues, sns: net.topics, s3: net.bucket ? ['Bucket'] : [], lambda: fnNames, events: buses, any: [],
  };
  const everything = [...net.queues, ...net.topics, ...buses, ...net.bucket ? ['Bucket'] : [], ...fnNames];
  const grant = (who: string, grants: Grant[], all: boolean) => {
    if (all) for (const x of everything) edges.push([who, x], [x, who]);
    for (const g of grants) {
      if (g.service === 'any') {
        for (const x of everything) edges.push([who, x], [x, who]);
        continue;
      }
      for (const x of g.resource === '*' ? ofService[g.service] : [g.resource]) {
        if (g.access === 'write' || g.access === 'both') edges.push([who, x]);
        if (g.access === 'read' || g.access === 'both') edges.push([x, who]);
      }
    }
  };
  const outsideTrust = (t?: Trust) => t !== undefined && t !== 'states';
  for (const f of net.functions) {
    if (f.role === 'literal') {
      grant(f.name, [], true);
      continue;
    }
    if (!f.role) continue;
    const all = f.role.managed === 'sqs-full';
    grant(f.name, f.role.grants, all);
    if (outsideTrust(f.role.trust)) grant(`OUT:trust-${f.name}Role`, f.role.grants, all);
  }
  for (const p of net.principals ?? []) {
    if (p.kind !== 'role' || outsideTrust(p.trust)) grant(`OUT:principal-${p.name}`, p.grants, false);
  }
  // Each edge once (grants repeat deliveries and each other), as successor and predecessor sets.
  const succ = new Map<string, Set<string>>();
  const pred = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    if (!succ.has(a)) succ.set(a, new Set());
    if (!pred.has(b)) pred.set(b, new Set());
    succ.get(a)!.add(b);
    pred.get(b)!.add(a);
  }
  const place = new Map(net.functions.map((f) => [f.name, f.place]));
  const isEnd = (x: string) => x.startsWith('OUT:') || place.has(x);
  const normal = (x: string) => (x.startsWith('OUT:') ? 'OUTSIDE' : x);
  const bad = (x: string) => x.startsWith('OUT:') || place.get(x) !== segment;
  /** Every end reached from `start` along simple paths (depth first), not passing through an end. */
  const ends = (start: string, forward: boolean): Set<string> => {
    const found = new Set<string>();
    const walk = (at: string, onPath: Set<string>) => {
      for (const to of (forward ? succ : pred).get(at) ?? []) {
        if (onPath.has(to)) continue;
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
  for (const e of net.endpoints.filter((x) => x.place === segment)) {
    const reached: string[] = [];
    const resources = e.service === 'sqs' ? net.queues : e.service === 'sns' ? net.topics : e.service === 'lambda' ? net.functions.map((f) => f.name)
      : e.service === 'events' ? buses : e.service === 's3' && net.bucket ? ['Bucket'] : [];
    if (e.service === 'kms') continue;
    for (const t of resources) {
      if (isEnd(t)) reached.push(t);
      else reached.push(...ends(t, true), ...ends(t, false));
    }
    record(e.name, reached);
  }
  return verdict;
}
