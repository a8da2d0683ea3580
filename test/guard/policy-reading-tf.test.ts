/**
 * The Terraform twin of policy-reading.test.ts (red team 43): a resource policy's principal that is the configuration's
 * own role in the token forms cdktf writes, `Principal: "*"` held to own roles by `aws:PrincipalArn`, an EKS access
 * entry naming a role without running code with it, a literal ARN of the configuration's own role or task definition
 * that runs code with it (an account the guard cannot read may be the deploying one), and, in a plan (`terraform show
 * -json`), known JSON text that holds a literal ARN of the configuration's own role (a Batch job's container
 * properties), read as the configuration's is.
 */
import { NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractTerraform } from '../../src/guard/extract-terraform';
import { extractTerraformPlan } from '../../src/guard/extract-terraform-plan';
import { handPlan, PlannedResource } from '../support/hand-plan';

const RELAY = /through AWS services that deliver it on their own/;
const OWN = '${data.aws_caller_identity.me.account_id}';
type Resources = Record<string, Record<string, unknown>>;
const SEGMENTS: Record<string, [string, string]> = { mn: ['10.0', 'MY_NUMBER'], lg: ['10.1', 'LGWAN'], in: ['10.2', 'INTERNET'] };

function config(resources: Resources): any {
  const resource: Resources = { aws_vpc: {}, aws_subnet: {}, aws_security_group: {} };
  for (const [s, [cidr, segment]] of Object.entries(SEGMENTS)) {
    resource.aws_vpc[s] = { cidr_block: `${cidr}.0.0/16`, tags: { 'jichitai:segment': segment } };
    resource.aws_subnet[s] = { vpc_id: `\${aws_vpc.${s}.id}`, cidr_block: `${cidr}.0.0/24` };
    resource.aws_security_group[s] = { vpc_id: `\${aws_vpc.${s}.id}` };
  }
  for (const [type, named] of Object.entries(resources)) resource[type] = { ...resource[type], ...named };
  return { data: { aws_caller_identity: { me: {} }, aws_region: { here: {} }, aws_partition: { p: {} } }, resource };
}
function relays(c: any): string[] {
  return checkTopology(extractTerraform({ t: c }), { model: NetworkModel.ALPHA }).filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

const LAMBDA_TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const policy = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
/** A My Number function polling queue q, with role `aws_iam_role.worker` (named `worker`). */
const WORKER: Resources = {
  aws_iam_role: { worker: { name: 'worker', assume_role_policy: LAMBDA_TRUST } },
  aws_lambda_function: {
    worker: {
      role: '${aws_iam_role.worker.arn}',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      filename: 'fn.zip',
      vpc_config: { subnet_ids: ['${aws_subnet.mn.id}'], security_group_ids: ['${aws_security_group.mn.id}'] },
    },
  },
  aws_sqs_queue: { q: { name: 'q' } },
  aws_lambda_event_source_mapping: { m: { event_source_arn: '${aws_sqs_queue.q.arn}', function_name: '${aws_lambda_function.worker.arn}' } },
};
const sendBy = (s: Record<string, unknown>) => ({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.q.arn}', ...s });
const policed = (text: string) => relays(config({ ...WORKER, aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.id}', policy: text } } }));

describe('Terraform: a resource policy\'s principal that is the configuration\'s own role', () => {
  test('an interpolation of its ARN (cdktf\'s token), jsonencode() of HCL, an ARN of the caller identity\'s account with its name: own', () => {
    expect(policed(policy([sendBy({ Principal: { AWS: '${aws_iam_role.worker.arn}' } })]))).toEqual([]);
    expect(policed('${jsonencode({"Statement" = [{"Effect" = "Allow", "Principal" = {"AWS" = aws_iam_role.worker.arn}, "Action" = "sqs:SendMessage", "Resource" = "*"}]})}'))
      .toEqual([]);
    expect(policed(policy([sendBy({ Principal: { AWS: `arn:aws:iam::${OWN}:role/\${aws_iam_role.worker.name}` } })]))).toEqual([]);
    // Controls: another account's role; a variable.
    expect(policed(policy([sendBy({ Principal: { AWS: 'arn:aws:iam::999999999999:role/worker' } })]))).toHaveLength(1);
    expect(policed(policy([sendBy({ Principal: { AWS: '${var.who}' } })]))).toHaveLength(1);
  });
});

describe('Terraform: Principal "*" held by aws:PrincipalArn', () => {
  const held = (condition: Record<string, unknown>) => policed(policy([sendBy({ Principal: { AWS: '*' }, Condition: condition })]));
  test('StringEquals, ArnEquals or ArnLike with the own roles: those roles; another account\'s role named exactly: that principal', () => {
    expect(held({ ArnEquals: { 'aws:PrincipalArn': '${aws_iam_role.worker.arn}' } })).toEqual([]);
    expect(held({ StringEquals: { 'aws:PrincipalArn': [`arn:aws:iam::${OWN}:role/worker`] } })).toEqual([]);
    expect(held({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/x' } }))
      .toEqual([expect.stringMatching(/from principal arn:aws:iam::999999999999:role\/x \(aws:PrincipalArn; another account/)]);
  });
  test('what does not bound the callers exactly stays everyone', () => {
    const everyone = [expect.stringMatching(/from everyone \(Principal "\*"\)/)];
    expect(held({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/worker' } })).toEqual(everyone);
    expect(held({ 'ForAnyValue:ArnEquals': { 'aws:PrincipalArn': '${aws_iam_role.worker.arn}' } })).toEqual(everyone);
    expect(held({ ArnNotEquals: { 'aws:PrincipalArn': '${aws_iam_role.worker.arn}' } })).toEqual(everyone);
    expect(held({ ArnEquals: { 'aws:PrincipalArn': '${var.who}' } })).toEqual(everyone);
  });
});

describe('Terraform: what names a role without running code with it (the unplaced-code backstop)', () => {
  const OBJECTS = '${aws_s3_bucket.b.arn}/*';
  const MN: Resources = {
    ...WORKER,
    aws_s3_bucket: { b: {} },
    aws_iam_role: {
      worker: {
        name: 'worker',
        assume_role_policy: LAMBDA_TRUST,
        inline_policy: [{ name: 'p', policy: policy([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: OBJECTS }]) }],
      },
    },
  };
  const code = /^MN-1 aws_lambda_function\.worker: .*to code that (aws_eks_pod_identity_association|aws_batch_job_definition) \S+ \(in a subnet the guard cannot place\)/;
  test('an EKS access entry (and its policy association) names the role that may call the cluster\'s API: no code; a pod identity association runs pods with it', () => {
    expect(relays(config(MN))).toEqual([]);
    const entry = { aws_eks_access_entry: { e: { cluster_name: 'c', principal_arn: '${aws_iam_role.worker.arn}' } } };
    const association = {
      aws_eks_access_policy_association: { a: { cluster_name: 'c', principal_arn: '${aws_iam_role.worker.arn}', policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', access_scope: { type: 'cluster' } } },
    };
    expect(relays(config({ ...MN, ...entry, ...association }))).toEqual([]);
    const pods = { aws_eks_pod_identity_association: { p: { cluster_name: 'c', namespace: 'n', service_account: 's', role_arn: '${aws_iam_role.worker.arn}' } } };
    expect(relays(config({ ...MN, ...entry, ...pods }))).toContainEqual(expect.stringMatching(code));
  });
  test('a literal ARN of the own role, built from the caller identity, in JSON text a job runs with', () => {
    const job = (container: string) => ({ aws_batch_job_definition: { job: { name: 'j', type: 'container', container_properties: container } } });
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: `arn:aws:iam::${OWN}:role/worker` })) }))).toContainEqual(expect.stringMatching(code));
    // A literal account: the configuration does not know the deploying one, which it may be (as the CloudFormation
    // reader reads a literal account); another name is not the configuration's role.
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: 'arn:aws:iam::999999999999:role/worker' })) }))).toContainEqual(expect.stringMatching(code));
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: 'arn:aws:iam::999999999999:role/other' })) }))).toEqual([]);
  });
  test('a literal account in a principal a policy is attached to, or code runs with, may be the deploying one', () => {
    // A policy attached by a literal ARN of the role's name: the configuration's role holds it (the bucket it lets the
    // My Number function write is read by the Internet function `reader`).
    const READER: Resources = {
      aws_iam_role: { ...MN.aws_iam_role, reader: { name: 'reader', assume_role_policy: LAMBDA_TRUST } },
      aws_lambda_function: {
        ...MN.aws_lambda_function,
        reader: {
          role: '${aws_iam_role.reader.arn}',
          runtime: 'nodejs20.x',
          handler: 'index.handler',
          filename: 'fn.zip',
          vpc_config: { subnet_ids: ['${aws_subnet.in.id}'], security_group_ids: ['${aws_security_group.in.id}'] },
        },
      },
      aws_s3_bucket: { ...MN.aws_s3_bucket, c: { bucket: 'c-bucket' } },
      aws_s3_bucket_notification: { n: { bucket: '${aws_s3_bucket.c.id}', lambda_function: [{ lambda_function_arn: '${aws_lambda_function.reader.arn}', events: ['s3:ObjectCreated:*'] }] } },
    };
    const attached = (role: string) => ({
      aws_iam_policy: { w: { policy: policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::c-bucket/*' }]) } },
      aws_iam_role_policy_attachment: { a: { role, policy_arn: '${aws_iam_policy.w.arn}' } },
    });
    const reads = /^MN-1 aws_lambda_function\.worker: .*aws_lambda_function\.reader/;
    expect(relays(config({ ...MN, ...READER }))).toEqual([]);
    expect(relays(config({ ...MN, ...READER, ...attached('worker') }))).toContainEqual(expect.stringMatching(reads));
    expect(relays(config({ ...MN, ...READER, ...attached('arn:aws:iam::999999999999:role/worker') }))).toContainEqual(expect.stringMatching(reads));
  });
  test('an account the guard cannot read (a variable) may be the deploying one; text that does not parse as JSON still names the role', () => {
    const job = (container: string) => ({ aws_batch_job_definition: { job: { name: 'j', type: 'container', container_properties: container } } });
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: 'arn:aws:iam::${var.account}:role/worker' })) }))).toContainEqual(expect.stringMatching(code));
    const pods = { aws_eks_pod_identity_association: { p: { cluster_name: 'c', namespace: 'n', service_account: 's', role_arn: 'arn:aws:iam::${var.account}:role/worker' } } };
    expect(relays(config({ ...MN, ...pods }))).toContainEqual(expect.stringMatching(code));
    // An interpolation outside a string: the text's quoted strings.
    expect(relays(config({ ...MN, ...job(`{"image":"x","vcpus":\${var.cpu},"jobRoleArn":"arn:aws:iam::${OWN}:role/worker"}`) }))).toContainEqual(expect.stringMatching(code));
    // Another name: not the configuration's role.
    expect(relays(config({ ...MN, ...job(JSON.stringify({ image: 'x', jobRoleArn: 'arn:aws:iam::${var.account}:role/worker2' })) }))).toEqual([]);
  });
  test('a task definition by the ARN of its family runs with its roles', () => {
    const TASK = { aws_ecs_task_definition: { mn: { family: 'mn-task', task_role_arn: '${aws_iam_role.worker.arn}', container_definitions: '[{"name":"c","image":"x"}]' } } };
    const target = (arn: string) => ({
      aws_cloudwatch_event_rule: { r: { schedule_expression: 'rate(1 hour)' } },
      aws_cloudwatch_event_target: { run: { rule: '${aws_cloudwatch_event_rule.r.name}', arn: 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/c', ecs_target: [{ task_definition_arn: arn }] } },
    });
    const runs = /^MN-1 aws_lambda_function\.worker: .*to code that aws_cloudwatch_event_target aws_cloudwatch_event_target\.run \(in a subnet the guard cannot place\)/;
    expect(relays(config({ ...MN, ...TASK }))).toEqual([]);
    expect(relays(config({ ...MN, ...TASK, ...target(`arn:aws:ecs:ap-northeast-1:${OWN}:task-definition/mn-task:3`) }))).toContainEqual(expect.stringMatching(runs));
    expect(relays(config({ ...MN, ...TASK, ...target(`arn:aws:ecs:ap-northeast-1:${OWN}:task-definition/other:3`) }))).toEqual([]);
  });
});

describe('Terraform plan: known JSON text holding a literal ARN of the own role', () => {
  const ACCOUNT = '123456789012';
  const unknownId = { id: true, arn: true };
  const refs = (...references: string[]) => ({ references });
  /** The My Number VPC, a function in it whose role (`worker`) writes and reads a bucket, and `more`. */
  const planOf = (more: PlannedResource[], account?: string) => {
    const resources: PlannedResource[] = [
      { address: 'aws_vpc.mn', values: { cidr_block: '10.0.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' }, tags_all: { 'jichitai:segment': 'MY_NUMBER' } }, unknown: unknownId },
      { address: 'aws_vpc.in', values: { cidr_block: '10.2.0.0/16', tags: { 'jichitai:segment': 'INTERNET' }, tags_all: { 'jichitai:segment': 'INTERNET' } }, unknown: unknownId },
      { address: 'aws_subnet.mn', values: { cidr_block: '10.0.0.0/24' }, unknown: { ...unknownId, vpc_id: true }, expressions: { vpc_id: refs('aws_vpc.mn.id', 'aws_vpc.mn') } },
      { address: 'aws_security_group.mn', values: {}, unknown: { ...unknownId, vpc_id: true }, expressions: { vpc_id: refs('aws_vpc.mn.id', 'aws_vpc.mn') } },
      { address: 'aws_s3_bucket.b', values: { bucket: 'b-bucket' }, unknown: unknownId },
      {
        address: 'aws_iam_role.worker',
        values: {
          name: 'worker',
          assume_role_policy: LAMBDA_TRUST,
          inline_policy: [{ name: 'p', policy: policy([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::b-bucket/*' }]) }],
        },
        unknown: unknownId,
      },
      {
        address: 'aws_lambda_function.worker',
        values: { runtime: 'nodejs20.x', handler: 'index.handler', filename: 'fn.zip', vpc_config: [{}] },
        unknown: { ...unknownId, role: true, vpc_config: [{ subnet_ids: true, security_group_ids: true }] },
        expressions: {
          role: refs('aws_iam_role.worker.arn', 'aws_iam_role.worker'),
          vpc_config: [{ subnet_ids: refs('aws_subnet.mn.id', 'aws_subnet.mn'), security_group_ids: refs('aws_security_group.mn.id', 'aws_security_group.mn') }],
        },
      },
      ...more,
    ];
    return checkTopology(extractTerraformPlan(handPlan(resources) as any, account === undefined ? {} : { account }), { model: NetworkModel.ALPHA })
      .filter((f) => RELAY.test(f.message)).map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
  };
  const job = (arn: string): PlannedResource => ({
    address: 'aws_batch_job_definition.job',
    values: { name: 'j', type: 'container', container_properties: JSON.stringify({ image: 'x', jobRoleArn: arn }) },
    unknown: unknownId,
  });
  const code = /^MN-1 aws_lambda_function\.worker: .*to code that aws_batch_job_definition aws_batch_job_definition\.job \(in a subnet the guard cannot place\)/;
  test('a Batch job\'s container properties naming the role by a literal ARN run with it; a policy naming it as principal does not', () => {
    expect(planOf([])).toEqual([]);
    expect(planOf([job(`arn:aws:iam::${ACCOUNT}:role/worker`)], ACCOUNT)).toContainEqual(expect.stringMatching(code));
    // The account the plan deploys to unknown: the role of that name may be the own one (fail closed).
    expect(planOf([job(`arn:aws:iam::${ACCOUNT}:role/worker`)])).toContainEqual(expect.stringMatching(code));
    // Another account than the plan's: not the configuration's role.
    expect(planOf([job('arn:aws:iam::999999999999:role/worker')], ACCOUNT)).toEqual([]);
    const bucketPolicy: PlannedResource = {
      address: 'aws_s3_bucket_policy.p',
      values: { bucket: 'b-bucket', policy: policy([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/worker` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b-bucket/*' }]) },
      unknown: { id: true },
    };
    expect(planOf([bucketPolicy], ACCOUNT)).toEqual([]);
  });
  test('a template known only after apply whose account is another resource\'s attribute: may be the deploying account', () => {
    const member: PlannedResource = { address: 'aws_organizations_account.member', values: { name: 'm', email: 'm@example.com' }, unknown: { id: true, arn: true } };
    const pods = (arn: string): PlannedResource => ({
      address: 'aws_eks_pod_identity_association.p',
      values: { cluster_name: 'c', namespace: 'n', service_account: 's' },
      unknown: { id: true, role_arn: true },
      expressions: { role_arn: { constant_value: arn, references: ['aws_organizations_account.member.id', 'aws_organizations_account.member'] } },
    });
    const runs = /^MN-1 aws_lambda_function\.worker: .*to code that aws_eks_pod_identity_association aws_eks_pod_identity_association\.p \(in a subnet the guard cannot place\)/;
    expect(planOf([member, pods('arn:aws:iam::${aws_organizations_account.member.id}:role/worker')], ACCOUNT)).toContainEqual(expect.stringMatching(runs));
    expect(planOf([member, pods('arn:aws:iam::${aws_organizations_account.member.id}:role/other')], ACCOUNT)).toEqual([]);
  });
});
