/**
 * A template checked on its own that lies in a cloud assembly (semantics §3): the sibling manifest.json names it as a
 * stack artifact's `templateFile`, and that artifact's `tags` are the tags the CDK CLI deploys the stack with, which
 * CloudFormation gives to its resources. `check cdk.out/X.template.json` read it as a bare template, without them: a
 * `jichitai:role` stack tag was missed (PL-1 passed). Now its artifact's tags are read as `check cdk.out` reads them,
 * and a manifest beside it that cannot be read, or that gives the file two stacks' different tags, is refused (GUARD-1,
 * exit 2) rather than guessed at.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Fn, Stack, Stage } from 'aws-cdk-lib';
import { cli, tempDir, writeJson } from './support';
import { myNumberAndLgwan } from '../support/two-segments';

const ROLE = 'jichitai:role';

/** The two segments and an unlabelled instance in the LGWAN subnet (`Host`), as L1 resources of `stack`. */
function network(stack: Stack): Stack {
  const all: Record<string, any> = {
    ...myNumberAndLgwan(),
    Host: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', SubnetId: { Ref: 'LgSub' } } },
  };
  for (const [id, r] of Object.entries(all)) new CfnResource(stack, id, { type: r.Type, properties: r.Properties });
  return stack;
}

/** `rule path` of the PL-1 and GUARD-1 findings of a check in JSON (the two segments' network has findings of other rules). */
async function verdicts(...argv: string[]): Promise<string[]> {
  const r = await cli('check', ...argv, '--model', 'α', '--format', 'json');
  if (r.code === 2) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as any[]).flatMap((report) => report.violations)
    .filter((f: any) => f.ruleId === 'PL-1' || f.ruleId === 'GUARD-1').map((f: any) => `${f.ruleId} ${f.path}`).sort();
}

const env = { region: 'ap-northeast-1' };

describe('check of one template of a cloud assembly', () => {
  let out: string;
  beforeAll(() => {
    out = tempDir('template-in-assembly');
    const app = new App({ outdir: out });
    // Synthesized without the guard, as a pipeline may meet it.
    network(new Stack(app, 'Tagged', { env, tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } }));
    network(new Stack(app, 'TokenTagged', { env, tags: { [ROLE]: Fn.ref('AWS::Region') } }));
    network(new Stack(app, 'Plain', { env }));
    network(new Stack(new Stage(app, 'Pref'), 'Member', { env, tags: { [ROLE]: 'MY_NUMBER_SYSTEM' } }));
    app.synth();
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  test('its stack artifact\'s tags label its resources, as in check of the cdk.out (PL-1)', async () => {
    const alone = await verdicts(path.join(out, 'Tagged.template.json'));
    expect(alone).toContain('PL-1 Host');
    expect(alone).toEqual((await verdicts(out, '--stack', 'Tagged')).map((v) => v.replace(' Tagged/', ' ')));
    expect(await verdicts(path.join(out, 'Plain.template.json'))).toEqual([]);
  });

  test('a stack tag holding a token\'s placeholder is unresolved (GUARD-1), as in check of the cdk.out', async () => {
    expect(await verdicts(path.join(out, 'TokenTagged.template.json'))).toEqual(['GUARD-1 TokenTagged/Tags']);
  });

  test('a stage\'s nested assembly: its own manifest beside the template names it', async () => {
    const nested = fs.readdirSync(out).find((f) => f.startsWith('assembly-'))!;
    const template = fs.readdirSync(path.join(out, nested)).find((f) => f.endsWith('.template.json'))!;
    expect(await verdicts(path.join(out, nested, template))).toContain('PL-1 Host');
  });

  describe('beside a manifest of its own making', () => {
    let dir: string;
    beforeEach(() => {
      dir = tempDir('template-manifest');
      fs.copyFileSync(path.join(out, 'Tagged.template.json'), path.join(dir, 'Tagged.template.json'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const template = () => path.join(dir, 'Tagged.template.json');
    const stack = (templateFile: string, tags?: Record<string, unknown>) =>
      ({ type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/ap-northeast-1', properties: { templateFile, ...(tags ? { tags } : {}) } });

    test('no manifest: a bare template, whose stack tags are unknown (semantics §3)', async () => {
      expect(await verdicts(template())).toEqual([]);
    });

    test('a manifest that names another file: a bare template', async () => {
      writeJson(path.join(dir, 'manifest.json'), { version: '48.0.0', artifacts: { Other: stack('Other.template.json', { [ROLE]: 'MY_NUMBER_SYSTEM' }) } });
      expect(await verdicts(template())).toEqual([]);
    });

    test('two artifacts naming it with the same tags: those tags', async () => {
      const tags = { [ROLE]: 'MY_NUMBER_SYSTEM' };
      writeJson(path.join(dir, 'manifest.json'), { version: '48.0.0', artifacts: { A: stack('Tagged.template.json', tags), B: stack('./Tagged.template.json', tags) } });
      expect(await verdicts(template())).toContain('PL-1 Host');
    });

    test('two artifacts naming it with different tags: refused (GUARD-1), not guessed', async () => {
      writeJson(path.join(dir, 'manifest.json'), {
        version: '48.0.0', artifacts: { A: stack('Tagged.template.json', { [ROLE]: 'MY_NUMBER_SYSTEM' }), B: stack('Tagged.template.json') },
      });
      const r = await cli('check', template(), '--model', 'α');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/stack artifacts A and B of .*manifest\.json name it with different tags/);
      expect(r.stderr).toMatch(/GUARD-1/);
    });

    test('a manifest that cannot be parsed: refused (GUARD-1), with the fix', async () => {
      fs.writeFileSync(path.join(dir, 'manifest.json'), '{ "artifacts": ');
      const r = await cli('check', template(), '--model', 'α');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/manifest\.json.*cannot be read.*GUARD-1.*check the cdk\.out directory.*or remove the manifest/si);
    });

    test('tags that are no map of strings: refused, as check of the cdk.out refuses them', async () => {
      writeJson(path.join(dir, 'manifest.json'), { version: '48.0.0', artifacts: { A: { ...stack('Tagged.template.json'), properties: { templateFile: 'Tagged.template.json', tags: ['x'] } } } });
      const r = await cli('check', template(), '--model', 'α');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/stack artifact A has tags that are no map of strings/);
    });
  });
});
