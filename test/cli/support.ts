/**
 * Shared by the CLI tests: run `jichitai-network` in-process, synthesize example stacks to a temporary cdk.out, and
 * read its outputs the way a pipeline does (a JUnit parser in a child process, the official SARIF schema).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { buildCdkExample } from '../../examples/cdk/_app';
import { main } from '../../src/cli/main';
import { find } from '../guard/mutation-suite';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI in-process. */
export async function cli(...argv: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `jichitai-cli-${prefix}-`));
}

/**
 * Synthesize an example blueprint to a fresh cdk.out. `mutateMyNumberNat` adds the mutation suite's first MN-1 case
 * after synthesis, straight into the template (the guard refuses it at synth, so a pipeline would meet it only in a
 * template built without the guard): a NAT gateway in a My Number subnet and a default route to it.
 */
export function synthExample(name: string, dir: string): string {
  const { app } = buildCdkExample(name, new App({ outdir: dir }));
  app.synth();
  return dir;
}

export function templateFile(cdkOut: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(cdkOut, 'manifest.json'), 'utf8'));
  const stack = Object.values(manifest.artifacts as Record<string, any>).find((a) => a.type === 'aws:cloudformation:stack');
  return path.join(cdkOut, stack.properties.templateFile);
}

export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, JSON.stringify(value, null, 1));
}

/** Copy a cdk.out directory (shallow: the files at its top level). */
export function copyCdkOut(from: string, to: string): string {
  fs.mkdirSync(to, { recursive: true });
  for (const f of fs.readdirSync(from)) if (fs.statSync(path.join(from, f)).isFile()) fs.copyFileSync(path.join(from, f), path.join(to, f));
  return to;
}

/** Logical IDs by construct path, from the cdk.out's metadata (what `cdk synth` records). */
export function logicalIds(cdkOut: string): Record<string, string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(cdkOut, 'manifest.json'), 'utf8'));
  const stack = Object.values(manifest.artifacts as Record<string, any>).find((a) => a.type === 'aws:cloudformation:stack');
  const metadata = { ...stack.metadata, ...(stack.additionalMetadataFile ? readJson(path.join(cdkOut, stack.additionalMetadataFile)) : {}) };
  const out: Record<string, string> = {};
  for (const [where, entries] of Object.entries(metadata as Record<string, any[]>)) {
    for (const e of entries) if (e.type === 'aws:cdk:logicalId') out[where.replace(/^\//, '')] = e.data;
  }
  return out;
}

/**
 * My Number → NAT gateway → internet, written into a synthesized example's template as raw CloudFormation (the guard
 * refuses it at synth, so a pipeline meets it only in a template built without the guard): the mutation suite's "a NAT
 * gateway and a default route to it in MY_NUMBER", with the NAT in a public subnet of its own so that the path reaches
 * the internet hop by hop (workload subnet → NAT gateway → internet gateway).
 */
export function addMyNumberNat(cdkOut: string, stackName: string): void {
  const ids = logicalIds(cdkOut);
  const vpc = ids[`${stackName}/Network/MyNumber/Vpc`];
  const table = ids[`${stackName}/Network/MyNumber/RouteTable-workload-1`];
  if (!vpc || !table) throw new Error(`test setup: no My Number VPC / workload-1 route table in ${cdkOut}`);
  const file = templateFile(cdkOut);
  const template = readJson(file);
  Object.assign(template.Resources, {
    MutIgw: { Type: 'AWS::EC2::InternetGateway' },
    MutIgwAttachment: { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: { Ref: vpc }, InternetGatewayId: { Ref: 'MutIgw' } } },
    // 10.0.48.0/24: unused in the My Number VPC 10.0.0.0/18 of the α example (its subnets end at 10.0.32.95).
    MutPublicSubnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: vpc }, CidrBlock: '10.0.48.0/24', AvailabilityZone: 'ap-northeast-1a' } },
    MutPublicTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: vpc } } },
    MutPublicAssociation: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'MutPublicSubnet' }, RouteTableId: { Ref: 'MutPublicTable' } } },
    MutPublicRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'MutPublicTable' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'MutIgw' } } },
    MutEip: { Type: 'AWS::EC2::EIP', Properties: { Domain: 'vpc' } },
    MutNat: { Type: 'AWS::EC2::NatGateway', Properties: { SubnetId: { Ref: 'MutPublicSubnet' }, AllocationId: { 'Fn::GetAtt': ['MutEip', 'AllocationId'] } } },
    MutRoute: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: table }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: 'MutNat' } } },
  });
  writeJson(file, template);
}

/** Remove every `jichitai:segment` tag from a template (a third party's template has none). */
export function stripSegmentTags(file: string): void {
  const template = readJson(file);
  for (const r of Object.values(template.Resources as Record<string, any>)) {
    if (Array.isArray(r.Properties?.Tags)) r.Properties.Tags = r.Properties.Tags.filter((t: { Key: string }) => t.Key !== 'jichitai:segment');
  }
  writeJson(file, template);
}

/** Parse JUnit XML with junit2json (an ES module: read in a child Node process, as a CI dashboard would read the file). */
export function parseJunit(xml: string): any {
  const script = 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",async()=>{const m=await import("junit2json");process.stdout.write(JSON.stringify(await m.parse(s)))})';
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { input: xml, encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..') }));
}

/** Validate a SARIF log against the official SARIF 2.1.0 JSON schema (draft-04). Returns the errors. */
export function sarifErrors(log: unknown): unknown[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv-draft-04');
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('ajv-formats')(ajv);
  const schema = readJson(path.resolve(__dirname, '..', '..', 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'));
  const validate = ajv.compile(schema);
  return validate(log) ? [] : validate.errors;
}

export { ec2, find };
