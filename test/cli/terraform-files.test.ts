/**
 * Terraform loads every `.tf` and `.tf.json` file of its working directory and merges the override files into the
 * others; the CLI reads `cdk.tf.json` only. Any other configuration file beside the one it reads (in a cdktf.out's
 * stack directory, or beside a cdk.tf.json given on the command line) is GUARD-1, named by its file name; variable
 * files, state, the lock file and `.terraform/` are no configuration and are not.
 */
import * as fs from 'fs';
import * as path from 'path';
import { cli, tempDir, writeJson } from './support';
import { notJapanese } from '../support/japanese';

let work: string;
beforeAll(() => { work = tempDir('terraform-files'); });
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A compliant configuration: one labelled My Number VPC, its subnet and its flow log (LOG-1). */
const CONFIG = {
  resource: {
    aws_vpc: { mn: { enable_dns_support: false, cidr_block: '10.1.0.0/16', tags: { 'jichitai:segment': 'MY_NUMBER' } } },
    aws_subnet: { a: { vpc_id: '${aws_vpc.mn.id}', cidr_block: '10.1.0.0/24', availability_zone: 'ap-northeast-1a' } },
    aws_flow_log: { mn: { vpc_id: '${aws_vpc.mn.id}', traffic_type: 'ALL', log_destination: 'arn:aws:s3:::logs' } },
  },
};

/** A route to an internet gateway from the My Number VPC, in HCL: what a hand-written file beside cdk.tf.json adds. */
const EXTRA_TF = `resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.mn.id
}
resource "aws_default_route_table" "main" {
  default_route_table_id = aws_vpc.mn.default_route_table_id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
`;

/** A cdktf.out with stacks/net/cdk.tf.json and `files` (name → content; a name ending in "/" is a directory) beside it. */
function cdktfOut(name: string, files: Record<string, string>): { out: string; stack: string } {
  const out = path.join(work, name);
  const stack = path.join(out, 'stacks', 'net');
  fs.mkdirSync(stack, { recursive: true });
  writeJson(path.join(out, 'manifest.json'), { version: '0.20.0', stacks: { net: { name: 'net', synthesizedStackPath: 'stacks/net/cdk.tf.json', workingDirectory: 'stacks/net' } } });
  writeJson(path.join(stack, 'cdk.tf.json'), CONFIG);
  for (const [file, content] of Object.entries(files)) {
    if (file.endsWith('/')) fs.mkdirSync(path.join(stack, file), { recursive: true });
    else fs.writeFileSync(path.join(stack, file), content);
  }
  return { out, stack };
}

async function violations(...argv: string[]): Promise<{ code: number; found: [string, string][]; report: any[] }> {
  const r = await cli('check', ...argv, '--model', 'α', '--format', 'json');
  expect(r.stderr).toBe('');
  const report = JSON.parse(r.stdout);
  return { code: r.code, found: report.flatMap((s: any) => s.violations.map((v: any) => [v.ruleId, v.path])), report };
}

test('a cdktf.out whose stack directory holds extra.tf (a route to an internet gateway) is GUARD-1 at extra.tf, with why and the fix', async () => {
  const { out } = cdktfOut('extra.out', { 'extra.tf': EXTRA_TF });
  const { code, found, report } = await violations(out);
  expect(code).toBe(1);
  expect(found).toEqual([['GUARD-1', 'extra.tf']]);
  const v = report[0].violations[0];
  expect(v.severity).toBe('critical');
  expect(v.message).toBe('file could not be resolved: it is a Terraform configuration file beside cdk.tf.json: Terraform loads every .tf / .tf.json file of '
    + 'the directory (OpenTofu also .tofu / .tofu.json) and merges override files; the guard reads cdk.tf.json only');
  expect(v.fix).toBe('move the resources into the CDKTF app, or check terraform show -json of a plan of this directory instead');
});

test('an override file (main_override.tf.json) beside cdk.tf.json is GUARD-1: Terraform merges it into cdk.tf.json', async () => {
  const override = JSON.stringify({ resource: { aws_vpc: { mn: { tags: { 'jichitai:segment': 'INTERNET' } } } } });
  const { code, found } = await violations(cdktfOut('override.out', { 'main_override.tf.json': override }).out);
  expect(code).toBe(1);
  expect(found).toEqual([['GUARD-1', 'main_override.tf.json']]);
});

test('variable files, state, the lock file, plans, hidden files and .terraform/ beside cdk.tf.json are no configuration: no finding', async () => {
  const { out } = cdktfOut('tfvars.out', {
    'terraform.tfvars': 'region = "ap-northeast-1"\n',
    'prod.tfvars.json': '{}',
    '.terraform.lock.hcl': '',
    'terraform.net.tfstate': '{}',
    'terraform.tfstate.backup': '{}',
    'plan': '',
    '.hidden.tf': EXTRA_TF,
    '.terraform/': '',
    'modules.tf/': '',
    'jichitai-guard-report.net.json': '{}',
  });
  fs.writeFileSync(path.join(out, 'stacks', 'net', '.terraform', 'extra.tf'), EXTRA_TF);
  const { code, found } = await violations(out);
  expect({ code, found }).toEqual({ code: 0, found: [] });
});

test('a cdk.tf.json given directly: every other .tf / .tf.json / .tofu file beside it is GUARD-1, in name order, worded in Japanese too', async () => {
  const { stack } = cdktfOut('direct.out', { 'b.tf': EXTRA_TF, 'a.tf.json': '{}', 'override.tf': '', 'c.tofu': '' });
  const file = path.join(stack, 'cdk.tf.json');
  const { code, found } = await violations(file);
  expect(code).toBe(1);
  expect(found).toEqual(['a.tf.json', 'b.tf', 'c.tofu', 'override.tf'].map((f) => ['GUARD-1', f]));

  const ja = await cli('check', file, '--model', 'α', '--format', 'json', '--language', 'ja');
  const texts = JSON.parse(ja.stdout)[0].violations.flatMap((v: any) => [v.ja.message, v.ja.fix]);
  expect(texts).toHaveLength(8);
  expect(texts.map((t: string) => notJapanese(t))).toEqual(texts.map(() => undefined));
  // Control: the same configuration under another name is no file of a Terraform working directory.
  const elsewhere = path.join(work, 'loose');
  fs.mkdirSync(elsewhere);
  writeJson(path.join(elsewhere, 'net.json'), CONFIG);
  fs.writeFileSync(path.join(elsewhere, 'extra.tf'), EXTRA_TF);
  expect(await violations(path.join(elsewhere, 'net.json'))).toMatchObject({ code: 0, found: [] });
});
