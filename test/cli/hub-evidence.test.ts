/**
 * `jichitai-network check --hub <artifact> --hub-outputs <file>`: a member of the prefecture security cloud synthesized in
 * another app (its cdk.out written without the guard) judged with its hub's evidence, as the synth-time guard judges it
 * (test/security-cloud/hub-evidence-cdk.test.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { cli } from './support';
import { cdk } from '../../src';
import { connection, DEPLOYED, hubEvidence, HubFiles, MEMBER_CODE, ofType, sha256 } from '../security-cloud/hub-evidence-support';
import { member } from '../security-cloud/member-fixtures';

/** The member's cdk.out, synthesized without validation (its own guard would refuse it: its hub is not in the app). */
function memberOut(hub: HubFiles, join = connection(hub.hub)): string {
  const outdir = path.join(hub.dir, 'member.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Member', { env: { account: '111122223333', region: 'ap-northeast-1' } });
  new cdk.MunicipalNetwork(stack, 'Network', member(undefined, join, MEMBER_CODE));
  app.synth({ skipValidation: true });
  return outdir;
}

let hub: HubFiles;
let out: string;
beforeAll(() => {
  hub = hubEvidence();
  out = memberOut(hub);
});

describe('check --hub', () => {
  test('without the hub\'s evidence the member is refused (exit 1), failing closed', async () => {
    const r = await cli('check', out, '--model', 'beta');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`transit gateway ${DEPLOYED.transitGatewayId} is not in the synthesized output`);
  });

  test('with it the member complies (exit 0), and the JSON report records the files and the bindings', async () => {
    const text = await cli('check', out, '--model', 'beta', '--hub', hub.artifact, '--hub-outputs', hub.outputs);
    expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`hub evidence: ${hub.artifact} and ${hub.outputs}: `);
    const r = await cli('check', out, '--model', 'beta', '--hub', hub.artifact, '--hub-outputs', hub.outputs, '--format', 'json');
    const [report] = JSON.parse(r.stdout);
    expect(report.violations).toEqual([]);
    const record = report.securityCloudHub;
    expect(new Map(record.files.map((f: any) => [f.path, f.sha256])).get(hub.outputs)).toBe(sha256(hub.outputs));
    // The hub node by its construct path, from the manifest's metadata (the additionalMetadataFile the CDK writes), as check reads it.
    expect(record.boundOutputs).toContainEqual(expect.objectContaining({ value: DEPLOYED.transitGatewayId, node: 'Hub/SecurityCloud/TransitGateway' }));
    expect(record.boundAttachments.map((b: any) => [b.localGovernmentCode, b.attachmentId])).toEqual([[MEMBER_CODE, DEPLOYED.memberAttachmentId]]);
  });

  test('the hub stack\'s own tags in its cloud assembly label the hub\'s resources: one that differs from a resource\'s own is GUARD-1', async () => {
    const tagged = hubEvidence();
    const manifestFile = path.join(tagged.artifact, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.artifacts.Hub.properties.tags = { 'jichitai:security-cloud': 'SIEM' };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
    const r = await cli('check', memberOut(tagged), '--model', 'beta', '--hub', tagged.artifact, '--hub-outputs', tagged.outputs, '--format', 'json');
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.violations.filter((f: any) => f.ruleId === 'GUARD-1').map((f: any) => f.message))
      .toContainEqual(expect.stringMatching(/^Tags \(jichitai:security-cloud\) could not be resolved: the stack's tag jichitai:security-cloud = "SIEM" and the resource's own "hub" differ/));
  });

  test('a hub given as one template of its cloud assembly is read with its stack\'s tags, as check of the template reads them (GUARD-1)', async () => {
    const tagged = hubEvidence();
    const manifestFile = path.join(tagged.artifact, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.artifacts.Hub.properties.tags = { 'jichitai:security-cloud': 'SIEM' };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
    const template = path.join(tagged.artifact, 'Hub.template.json');
    const r = await cli('check', memberOut(tagged), '--model', 'beta', '--hub', template, '--hub-outputs', tagged.outputs, '--format', 'json');
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.stdout);
    expect(report.violations.filter((f: any) => f.ruleId === 'GUARD-1').map((f: any) => f.message))
      .toContainEqual(expect.stringMatching(/^Tags \(jichitai:security-cloud\) could not be resolved: the stack's tag jichitai:security-cloud = "SIEM" and the resource's own "hub" differ/));
  });

  test('a manifest beside a hub template that cannot be read, or a broken stack artifact in the hub\'s cdk.out, is unusable evidence (exit 2)', async () => {
    const broken = hubEvidence();
    const manifestFile = path.join(broken.artifact, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const memberDir = memberOut(broken);
    fs.writeFileSync(manifestFile, '{ "artifacts": ');
    const beside = await cli('check', memberDir, '--model', 'beta', '--hub', path.join(broken.artifact, 'Hub.template.json'), '--hub-outputs', broken.outputs);
    expect(beside.code).toBe(2);
    expect(beside.stderr).toMatch(/--hub .*Hub\.template\.json: the cloud assembly manifest beside it .*manifest\.json\) cannot be read/);
    // An artifact naming no template: check of the cdk.out refuses it; the hub's evidence skipped it.
    manifest.artifacts.OtherMember.properties.templateFile = undefined;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 1));
    const r = await cli('check', memberDir, '--model', 'beta', '--hub', broken.artifact, '--hub-outputs', broken.outputs);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--hub .*manifest\.json: stack artifact OtherMember names no templateFile/);
  });

  test('a hub manifest that names a key twice is ambiguous evidence (exit 2), as check refuses it: JSON.parse would keep the last', async () => {
    const twice = hubEvidence();
    const manifestFile = path.join(twice.artifact, 'manifest.json');
    const text = fs.readFileSync(manifestFile, 'utf8');
    const props = /"Hub": \{[^]*?"properties": \{/.exec(text)!;
    const at = props.index + props[0].length;
    fs.writeFileSync(manifestFile, `${text.slice(0, at)}"tags": { "jichitai:security-cloud": "SIEM" }, "tags": {},${text.slice(at)}`);
    const joined = await cli('check', memberOut(twice), '--model', 'beta', '--hub', twice.artifact, '--hub-outputs', twice.outputs);
    expect(joined.code).toBe(2);
    expect(joined.stderr).toMatch(/--hub .*manifest\.json: an object names the same key twice \(artifacts\.Hub\.properties\.tags\)/);
    const alone = await cli('check', twice.artifact, '--model', 'beta');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/manifest\.json: an object names the same key twice \(artifacts\.Hub\.properties\.tags\)/);
  });

  test('a hub cdk.out whose stacks are in a stage\'s nested assembly (assembly-*) is followed, as check of the cdk.out follows it', async () => {
    const staged = hubEvidence();
    const outer = path.join(staged.dir, 'staged.out');
    fs.mkdirSync(outer);
    fs.renameSync(staged.artifact, path.join(outer, 'assembly-Pref'));
    fs.writeFileSync(path.join(outer, 'manifest.json'), JSON.stringify({
      version: '36.0.0',
      artifacts: { 'assembly-Pref': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Pref', displayName: 'Pref' } } },
    }, null, 1));
    const r = await cli('check', memberOut(staged), '--model', 'beta', '--hub', outer, '--hub-outputs', staged.outputs, '--format', 'json');
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const [report] = JSON.parse(r.stdout);
    expect(report.securityCloudHub.stacks).toEqual(['Hub', 'OtherMember']);
    expect(report.securityCloudHub.boundAttachments.map((b: any) => b.localGovernmentCode)).toEqual([MEMBER_CODE]);
  });

  test('the same verdict as the synth-time guard on a faulty hub: its proxy around the inspection firewall (SC-2)', async () => {
    const faulty = hubEvidence((t) => {
      const [[nat]] = ofType(t.Hub, 'AWS::EC2::NatGateway');
      for (const [, route] of ofType(t.Hub, 'AWS::EC2::Route')) {
        const table = t.Hub.Resources[route.Properties.RouteTableId.Ref];
        const name = (table.Properties.Tags ?? []).find((x: any) => x.Key === 'Name')?.Value ?? '';
        if (route.Properties.DestinationCidrBlock === '0.0.0.0/0' && /services/.test(name)) {
          delete route.Properties.VpcEndpointId;
          route.Properties.NatGatewayId = { Ref: nat };
        }
      }
    });
    const r = await cli('check', out, '--model', 'beta', '--hub', faulty.artifact, '--hub-outputs', faulty.outputs);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SC-2 .*hub proxy, around the inspection firewall/);
  });

  test('--hub without --hub-outputs, and unreadable evidence, are unusable input (exit 2) naming the flags', async () => {
    const alone = await cli('check', out, '--model', 'beta', '--hub', hub.artifact);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--hub is given without --hub-outputs');
    const missing = path.join(hub.dir, 'nothing.json');
    const bad = path.join(hub.dir, 'bad.json');
    fs.writeFileSync(bad, '[]');
    const r = await cli('check', out, '--model', 'beta', '--hub', missing, '--hub-outputs', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--hub .*nothing\.json: cannot read it \(ENOENT\)/);
    expect(r.stderr).toMatch(/--hub-outputs .*bad\.json: must be a JSON object/);
  });
});

describe('explain, diff and docs --hub: the network check judged', () => {
  test('explain: without the hub\'s evidence the Internet segment may reach everywhere through the unknown transit gateway (MN-2); with it, not', async () => {
    const without = await cli('explain', 'MN-2', out, '--model', 'beta');
    expect(without.code).toBe(1);
    expect(without.stdout).toContain(`transit gateway ${DEPLOYED.transitGatewayId} is not in the synthesized output`);
    const withHub = await cli('explain', 'MN-2', out, '--model', 'beta', '--hub', hub.artifact, '--hub-outputs', hub.outputs);
    expect({ code: withHub.code, stderr: withHub.stderr }).toEqual({ code: 0, stderr: '' });
    expect(withHub.stdout).toMatch(/no MN-2 finding/);
  });

  test('docs: refused without the hub\'s evidence (exit 1), documented as compliant with it', async () => {
    const without = await cli('docs', out, '--model', 'beta', '--format', 'md', '--out-dir', path.join(hub.dir, 'docs-without'));
    expect(without.code).toBe(1);
    const dir = path.join(hub.dir, 'docs-with');
    const withHub = await cli('docs', out, '--model', 'beta', '--format', 'md', '--out-dir', dir, '--hub', hub.artifact, '--hub-outputs', hub.outputs);
    expect({ code: withHub.code, stderr: withHub.stderr }).toEqual({ code: 0, stderr: `jichitai-network: wrote 1 file(s) for 1 stack(s) to ${dir}\n` });
    const md = fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.md'))!), 'utf8');
    // The documents' verdict row (ガードの判定): refused without the evidence, not with it.
    const mdWithout = path.join(hub.dir, 'docs-without');
    expect(fs.readFileSync(path.join(mdWithout, fs.readdirSync(mdWithout).find((f) => f.endsWith('.md'))!), 'utf8')).toMatch(/\| ガードの判定 \| 拒否（ブロッキングな指摘 \d+ 件） \|/);
    expect(md).toMatch(/\| ガードの判定 \| /);
    expect(md).not.toMatch(/\| ガードの判定 \| 拒否/);
  });

  test('diff: both sides read with the hub, and the flags checked as check checks them', async () => {
    const same = await cli('diff', out, out, '--hub', hub.artifact, '--hub-outputs', hub.outputs);
    expect({ code: same.code, stdout: same.stdout.trim() }).toEqual({ code: 0, stdout: 'no change in reachability' });
    const alone = await cli('diff', out, out, '--hub', hub.artifact);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--hub is given without --hub-outputs');
  });
});
