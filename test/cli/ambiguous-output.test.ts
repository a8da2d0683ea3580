/**
 * An output directory is read as one kind only when it is that kind alone (found by an outside tester, red team 37): a
 * cloud assembly with CDKTF files beside it was read as CDKTF output, so its CloudFormation stacks (which
 * `cdk deploy --app <dir>` deploys) were never checked; a cdktf.out's stack directory without its cdk.tf.json, or a
 * stack its manifest lists but stacks/ lacks, was skipped. Each is now refused (exit 2) with what to do.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

function write(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
}

/** A My Number subnet routed to an internet gateway: MN-1. */
const FORBIDDEN = {
  Resources: {
    Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'jichitai:segment', Value: 'MY_NUMBER' }] } },
    Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24' } },
    Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
    RtA: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
    Igw: { Type: 'AWS::EC2::InternetGateway', Properties: {} },
    Att: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: 'Vpc' }, InternetGatewayId: { Ref: 'Igw' } } },
    Out: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Rt' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } } },
  },
};

/** A Terraform configuration with a My Number VPC, its flow log and nothing else: compliant on its own. */
const COMPLIANT_TF = {
  resource: {
    // DNS support off: a subnet created in the VPC later (docs/guard-semantics.md §2) would otherwise ask its resolver (MN-1).
    aws_vpc: { v: { cidr_block: '10.9.0.0/16', enable_dns_support: false, tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    aws_s3_bucket: { logs: { bucket: 'logs-bucket-x' } },
    aws_flow_log: { f: { vpc_id: '${aws_vpc.v.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: '${aws_s3_bucket.logs.arn}' } },
  },
};

function cdkOut(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ambiguous-'));
  write(path.join(dir, 'Mn.template.json'), FORBIDDEN);
  write(path.join(dir, 'manifest.json'), {
    version: '36.0.0',
    artifacts: { Mn: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'Mn.template.json' } } },
  });
  return dir;
}

function cdktfOut(stacks: string[], listed = stacks): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdktf-'));
  for (const s of stacks) write(path.join(dir, 'stacks', s, 'cdk.tf.json'), COMPLIANT_TF);
  write(path.join(dir, 'manifest.json'), { version: '0.21.0', stacks: Object.fromEntries(listed.map((s) => [s, { name: s, workingDirectory: `stacks/${s}` }])) });
  return dir;
}

test('a cloud assembly alone is read as one (MN-1, exit 1)', async () => {
  const r = await cli('check', cdkOut(), '--model', 'alpha');
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/MN-1 critical/);
});

test.each([
  ['stacks/x/cdk.tf.json', 'stacks/x/cdk.tf.json'],
  ['cdk.tf.json', 'cdk.tf.json'],
])('a cloud assembly with %s beside its manifest is refused, not read as CDKTF output', async (_what, file) => {
  const dir = cdkOut();
  write(path.join(dir, file), COMPLIANT_TF);
  const r = await cli('check', dir, '--model', 'alpha');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/holds both a cloud assembly .* and CDKTF output/);
});

test('a cdktf.out whose manifest and stacks/ agree is read (exit 0)', async () => {
  const r = await cli('check', cdktfOut(['a', 'b']), '--model', 'alpha');
  expect(r.code).toBe(0);
});

test('a cdktf.out stack directory without its cdk.tf.json is refused, not skipped', async () => {
  const dir = cdktfOut(['a']);
  fs.mkdirSync(path.join(dir, 'stacks', 'b'));
  const r = await cli('check', dir, '--model', 'alpha');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('stacks/b holds no cdk.tf.json');
});

test('a stack the cdktf manifest lists but stacks/ lacks, or the other way round, is refused', async () => {
  const missing = await cli('check', cdktfOut(['a'], ['a', 'b']), '--model', 'alpha');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('b: in the manifest, not in stacks/');
  const unlisted = await cli('check', cdktfOut(['a', 'b'], ['a']), '--model', 'alpha');
  expect(unlisted.code).toBe(2);
  expect(unlisted.stderr).toContain('b: in stacks/, not in the manifest');
});

test('a directory with both a cdk.tf.json and stacks/ is refused', async () => {
  const dir = cdktfOut(['a']);
  write(path.join(dir, 'cdk.tf.json'), COMPLIANT_TF);
  const r = await cli('check', dir, '--model', 'alpha');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('holds both a cdk.tf.json and a stacks/ directory');
});
