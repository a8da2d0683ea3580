/**
 * The artifact kinds of `check` besides one CDK stack: a cloud assembly whose stacks refer to each other
 * (Fn::ImportValue of an export, followed across stacks), and cdktf's output (stacks/<name>/cdk.tf.json).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TfApp } from 'cdktf';
import { cli, readJson, tempDir, writeJson } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildTfExample } from '../../examples/tf/_app';
import { find } from '../guard/mutation-suite';

let work: string;
beforeAll(() => { work = tempDir('artifacts'); });
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test('a cdk.out of two stacks: an internet gateway in the second, attached by import to the first one\'s My Number VPC, is MN-1 in the second', async () => {
  const out = path.join(work, 'two-stacks.out');
  const app = new App({ outdir: out });
  const { network } = buildCdkExample('alpha', app);
  const other = new Stack(app, 'SampleCity-extras', { env: { region: 'ap-northeast-1' } });
  // A harmless cross-stack reference, so that the first stack exports the My Number VPC's ID (an unused route table).
  const vpc = find<ec2.CfnVPC>(network.myNumber, '/Vpc');
  new ec2.CfnRouteTable(other, 'SpareTable', { vpcId: vpc.ref });
  app.synth();
  // Then the forbidden change, by hand in the second template (the guard would refuse it at synth).
  const file = path.join(out, 'SampleCity-extras.template.json');
  const template = readJson(file);
  const imported = template.Resources.SpareTable.Properties.VpcId;
  expect(Object.keys(imported)).toEqual(['Fn::ImportValue']);
  template.Resources.HandIgw = { Type: 'AWS::EC2::InternetGateway' };
  template.Resources.HandIgwAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: imported, InternetGatewayId: { Ref: 'HandIgw' } } };
  writeJson(file, template);

  const r = await cli('check', out, '--model', 'α', '--format', 'json');
  expect(r.code).toBe(1);
  const reports = JSON.parse(r.stdout);
  expect(reports.map((x: { stack: string }) => x.stack)).toEqual(['SampleCity-alpha', 'SampleCity-extras']);
  expect(reports[0].violations).toEqual([]);
  expect(reports[1].violations.map((f: { ruleId: string; path: string }) => [f.ruleId, f.path])).toEqual([['MN-1', 'SampleCity-extras/HandIgw']]);

  // Only the second stack reported: still judged with the first one it imports from.
  const picked = await cli('check', out, '--model', 'α', '--format', 'json', '--stack', 'SampleCity-extras');
  expect(picked.code).toBe(1);
  expect(JSON.parse(picked.stdout)).toEqual([reports[1]]);
  // The second template alone holds no network: the import names no export the guard was given.
  const alone = await cli('check', file, '--model', 'α');
  expect(alone.code).toBe(2);
  expect(alone.stderr).toContain('holds no VPC and no subnet');
});

test('a cdktf.out: the render of the same blueprint is judged alike, and stacks/<name>/cdk.tf.json alone too', async () => {
  const out = path.join(work, 'cdktf.out');
  const { app } = buildTfExample('alpha', new TfApp({ outdir: out }));
  app.synth();
  const stackDir = path.join(out, 'stacks', 'SampleCity-alpha');
  const synthReport = readJson(path.join(stackDir, 'jichitai-guard-report.SampleCity-alpha.json'));
  const blueprint = path.join(work, 'alpha.blueprint.json');
  fs.writeFileSync(blueprint, JSON.stringify(BLUEPRINTS.alpha));
  for (const input of [out, path.join(stackDir, 'cdk.tf.json')]) {
    const r = await cli('check', input, '--blueprint', blueprint, '--format', 'json');
    expect({ input, code: r.code, stderr: r.stderr }).toEqual({ input, code: 0, stderr: '' });
    expect(JSON.parse(r.stdout)).toEqual([synthReport]);
  }
});
