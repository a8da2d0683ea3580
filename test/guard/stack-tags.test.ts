/**
 * A stack's own tags (semantics §3): AWS CDK's `new Stack(…, { tags })` and `stack.addStackTag` tag the stack only —
 * nothing of them is in the template — and the CDK CLI passes them (the cloud assembly manifest's `tags` of the stack
 * artifact) to CloudFormation, which gives them to the stack's resources. A `jichitai:role` stack tag made every resource
 * of the stack a My Number system at deploy while the guard read them unlabelled: PL-1 never saw them, at synth or in
 * `jichitai-network check` on the cloud assembly. Now a stack's `jichitai:` tags are labels of its resources; a resource's
 * own tag of the same key with another value is unresolved (GUARD-1: CloudFormation does not document which one wins),
 * and so is a stack tag the guard cannot read (a token).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Fn, Stack, StackProps, Tags } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { cdk, NetworkModel } from '../../src';
import { checkTopology } from '../../src/guard/check';
import { extractCloudFormation, StackTags } from '../../src/guard/extract-cloudformation';
import { cli, readJson, tempDir } from '../cli/support';
import { myNumberAndLgwan } from '../support/two-segments';

const ROLE = 'jichitai:role';
const SEGMENT = 'jichitai:segment';

/** The two segments and an unlabelled instance in the LGWAN subnet (`Host`), as L1 resources of `stack`. */
function network(stack: Stack, resources: Record<string, any> = myNumberAndLgwan()): Stack {
  const all: Record<string, any> = { ...resources, Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'LgSub' } } } };
  for (const [id, r] of Object.entries(all)) new CfnResource(stack, id, { type: r.Type, properties: r.Properties });
  return stack;
}

/** The guard's refusal of a guarded stack (its message), or '' when it synthesizes. */
function refusal(stack: Stack): string {
  cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA });
  try {
    Template.fromStack(stack);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

/** `rule path` of the PL-1 and GUARD-1 findings of one template judged with stack tags. */
function verdicts(resources: Record<string, any>, tags?: StackTags): string[] {
  const template = { Resources: { ...resources, Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'LgSub' } } } } };
  return checkTopology(extractCloudFormation({ s: template }, {}, {}, tags ? { s: tags } : {}), { model: NetworkModel.ALPHA })
    .filter((f) => f.ruleId === 'PL-1' || f.ruleId === 'GUARD-1').map((f) => `${f.ruleId} ${f.path}`).sort();
}

const stackProps: StackProps = { env: { region: 'ap-northeast-1' } };

describe('aws-cdk-lib puts a stack\'s own tags in the manifest, not in the template (pinned: an upgrade that changes it fails here)', () => {
  test('StackProps.tags, addStackTag and Tags.of limited to the stack: the manifest only; Tags.of(stack): the resources and the manifest', () => {
    const out = tempDir('stack-tags-pin');
    try {
      const app = new App({ outdir: out });
      const props = new Stack(app, 'Props', { tags: { [SEGMENT]: 'MY_NUMBER' } });
      new ec2.CfnVPC(props, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      const added = new Stack(app, 'Added');
      new ec2.CfnVPC(added, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      added.addStackTag(ROLE, 'MY_NUMBER_SYSTEM');
      const aspect = new Stack(app, 'Aspect');
      new ec2.CfnVPC(aspect, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      Tags.of(aspect).add(SEGMENT, 'LGWAN');
      const only = new Stack(app, 'StackOnly');
      new ec2.CfnVPC(only, 'Vpc', { cidrBlock: '10.0.0.0/16' });
      Tags.of(only).add(ROLE, 'BUSINESS_SYSTEM', { includeResourceTypes: ['aws:cdk:stack'] });
      app.synth();
      const manifest = readJson(path.join(out, 'manifest.json'));
      const tagsOf = (id: string) => manifest.artifacts[id].properties.tags;
      const vpcTags = (id: string) => readJson(path.join(out, `${id}.template.json`)).Resources.Vpc.Properties.Tags;
      expect([tagsOf('Props'), vpcTags('Props')]).toEqual([{ [SEGMENT]: 'MY_NUMBER' }, undefined]);
      expect([tagsOf('Added'), vpcTags('Added')]).toEqual([{ [ROLE]: 'MY_NUMBER_SYSTEM' }, undefined]);
      expect([tagsOf('Aspect'), vpcTags('Aspect')]).toEqual([{ [SEGMENT]: 'LGWAN' }, [{ Key: SEGMENT, Value: 'LGWAN' }]]);
      expect([tagsOf('StackOnly'), vpcTags('StackOnly')]).toEqual([{ [ROLE]: 'BUSINESS_SYSTEM' }, undefined]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('a stack\'s jichitai: tags are labels of its resources', () => {
  test('CDK at synth: a stack tagged as a My Number system with an instance in the LGWAN segment is refused (PL-1)', () => {
    const control = refusal(network(new Stack(new App(), 'Plain', stackProps)));
    expect(control).not.toMatch(/PL-1/);
    const tagged = refusal(network(new Stack(new App(), 'Tagged', { ...stackProps, tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } })));
    expect(tagged).toMatch(/\[Tagged\/Host\] PL-1 error \(配置\): a My Number system/);
    const added = network(new Stack(new App(), 'Added', stackProps));
    added.addStackTag(ROLE, 'MY_NUMBER_SYSTEM');
    expect(refusal(added)).toMatch(/\[Added\/Host\] PL-1 error/);
  });

  test('CDK at synth: a stack segment tag that differs from a VPC\'s own is unresolved (GUARD-1); the same value is none', () => {
    const differs = refusal(network(new Stack(new App(), 'Differs', { ...stackProps, tags: { [SEGMENT]: 'MY_NUMBER' } })));
    expect(differs).toMatch(/\[Differs\/LgVpc\] GUARD-1 critical \(三層の対策\): Tags \(jichitai:segment\) could not be resolved: the stack's tag jichitai:segment = "MY_NUMBER" and the resource's own "LGWAN" differ/);
    expect(differs).not.toMatch(/\[Differs\/MnVpc\] GUARD-1/);
  });

  test('CDK at synth: a stack tag given by a token is unresolved (GUARD-1)', () => {
    const token = refusal(network(new Stack(new App(), 'Token', { ...stackProps, tags: { [ROLE]: Fn.ref('AWS::Region') } })));
    expect(token).toMatch(/\[Token\/Tags\] GUARD-1 critical \(三層の対策\): Tags could not be resolved: the stack's tag .*AWS::Region.* cannot be read at synth time/);
  });

  test('the extractor: a stack label over the resources\' own tags', () => {
    const stack = (key: string, value: unknown) => [{ Key: key, Value: value }, { Key: 'CostCenter', Value: 'x' }];
    expect(verdicts(myNumberAndLgwan())).toEqual([]);
    expect(verdicts(myNumberAndLgwan(), stack(ROLE, 'MY_NUMBER_SYSTEM'))).toContain('PL-1 Host');
    // An unlabelled VPC takes the stack's segment: no longer an unlabelled VPC.
    const unlabelled = { ...myNumberAndLgwan(), MnVpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } };
    expect(verdicts(unlabelled)).toContain('GUARD-1 MnVpc');
    expect(verdicts(unlabelled, [{ Key: SEGMENT, Value: 'MY_NUMBER' }])).toEqual(['GUARD-1 LgVpc', 'GUARD-1 LgVpc']);
    expect(verdicts(myNumberAndLgwan(), stack(ROLE, { Ref: 'AWS::Region' }))).toEqual(['GUARD-1 s/Tags']);
    expect(verdicts(myNumberAndLgwan(), stack('Name', { Ref: 'AWS::Region' }))).toEqual([]);
  });
});

describe('jichitai-network check', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir('stack-tags');
    const app = new App({ outdir: out });
    // Synthesized without the guard, as a pipeline may meet it.
    network(new Stack(app, 'Tagged', { ...stackProps, tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } }));
    // aws-cdk-lib writes a token's placeholder ("${Token[…]}") into the manifest's tags, which the CDK CLI would deploy.
    network(new Stack(app, 'TokenTagged', { ...stackProps, tags: { [ROLE]: Fn.ref('AWS::Region') } }));
    app.synth();
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('a cloud assembly: the stack artifact\'s tags label its resources (PL-1)', async () => {
    const r = await cli('check', out, '--model', 'α', '--format', 'json');
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.violations.filter((f: { ruleId: string }) => f.ruleId === 'PL-1').map((f: { path: string }) => f.path)).toContain('Tagged/Host');
  });

  test('a cloud assembly: a stack tag holding a token\'s placeholder is unresolved (GUARD-1)', async () => {
    expect(readJson(path.join(out, 'manifest.json')).artifacts.TokenTagged.properties.tags[ROLE]).toMatch(/^\$\{Token\[/);
    const r = await cli('check', out, '--model', 'α', '--format', 'json', '--stack', 'TokenTagged');
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.violations.filter((f: { ruleId: string }) => f.ruleId === 'GUARD-1').map((f: { path: string }) => f.path)).toEqual(['TokenTagged/Tags']);
  });

  test('a bare template holds no stack tags: tags given at deployment are outside what the guard reads (semantics §3)', async () => {
    // Outside the cloud assembly: no manifest beside it names it (test/cli/template-in-assembly.test.ts: one that does).
    const bare = tempDir('stack-tags-bare');
    try {
      fs.copyFileSync(path.join(out, 'Tagged.template.json'), path.join(bare, 'Tagged.template.json'));
      const r = await cli('check', path.join(bare, 'Tagged.template.json'), '--model', 'α', '--format', 'json');
      const [report] = JSON.parse(r.stdout);
      expect(report.violations.filter((f: { ruleId: string }) => f.ruleId === 'PL-1')).toEqual([]);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });
});
