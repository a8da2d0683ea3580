/**
 * A CDK prefecture member's design documents (設計書) describe that member and the hub it joins, not the whole prefecture:
 * the guard judges each member on the graph of every stack connected to it (all members, through the hub), but the
 * listings and the diagram's boxes are the member's and the hub's; paths are still followed through the hub.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { parseCsv } from './support';
import { buildCdkPrefecture } from '../../examples/cdk/_prefecture';
import { prefectureHub, prefectureMember } from '../../examples/prefecture';
import { NetworkModel } from '../../src';
import { renderNetworkDiagram } from '../../src/docs/diagram';
import { buildDesignDocuments } from '../../src/docs/model';
import { declaredFlowsOf } from '../../src/guard/declared';
import { extractCloudFormation } from '../../src/guard/extract-cloudformation';
import { nodesOf } from '../../src/guard/graph';
import { cli, tempDir, writeJson } from '../cli/support';

const MEMBERS = 3;

/** The VPCs' and subnets' construct paths and the subnets' CIDRs of a stack, read from its construct tree. */
function network(stack: Stack): { paths: string[]; cidrs: string[] } {
  const vpcs = stack.node.findAll().filter((c): c is ec2.CfnVPC => c instanceof ec2.CfnVPC);
  const subnets = stack.node.findAll().filter((c): c is ec2.CfnSubnet => c instanceof ec2.CfnSubnet);
  return {
    paths: [...vpcs, ...subnets].map((c) => c.node.path),
    cidrs: subnets.map((s) => s.cidrBlock).filter((c): c is string => typeof c === 'string'),
  };
}

/** Markdown's backslash escapes and the XML entities undone, so that names are found as written. */
const plain = (file: string, text: string) => (file.endsWith('.md') ? text.replace(/\\(.)/g, '$1')
  : /\.(html|svg)$/.test(file) ? text.replace(/&(lt|gt|quot|#39|#x27|amp);/g, (_, e: string) => ({ 'lt': '<', 'gt': '>', 'quot': '"', '#39': "'", '#x27': "'", 'amp': '&' })[e]!) : text);

/** Every text file of a stack's design documents, as plain text (the workbook is the same tables, zipped). */
function documentFiles(dir: string, base: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of [`${base}.design.md`, `${base}.design.html`, `${base}.design.svg`]) files[f] = plain(f, fs.readFileSync(path.join(dir, f), 'utf8'));
  for (const f of fs.readdirSync(path.join(dir, `${base}.design`)).sort()) files[`${base}.design/${f}`] = fs.readFileSync(path.join(dir, `${base}.design`, f), 'utf8');
  return files;
}

describe('a CDK prefecture member\'s design documents: the member and the hub', () => {
  const outdir = path.join(tempDir('member-docs'), 'cdk.out');
  const app = new App({ outdir, context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', 'jichitai:design-documents': 'true' } });
  const prefecture = buildCdkPrefecture(MEMBERS, app);
  app.synth();
  const [first, second, third] = prefecture.members.map((m) => m.stack);
  const files = documentFiles(outdir, second.artifactId);
  const own = network(second);
  const hub = network(prefecture.hubStack);

  test('the hub is no guarded network and writes no documents; every member writes its own', () => {
    expect(fs.existsSync(path.join(outdir, `${prefecture.hubStack.artifactId}.design.md`))).toBe(false);
    for (const m of prefecture.members) expect(fs.existsSync(path.join(outdir, `${m.stack.artifactId}.design.md`))).toBe(true);
  });

  test('member 2\'s documents list its own VPCs and subnets and the hub\'s', () => {
    expect(own.paths.length).toBeGreaterThanOrEqual(6);
    expect(hub.paths.length).toBeGreaterThanOrEqual(3);
    for (const [file, text] of Object.entries(files).filter(([f]) => /\.(md|html)$/.test(f) || f.endsWith('parameters-subnets.csv'))) {
      expect({ file, missing: [...own.paths, ...hub.paths].filter((p) => !text.includes(p)) }).toEqual({ file, missing: [] });
      expect({ file, missing: [...own.cidrs, ...hub.cidrs].filter((c) => !text.includes(c)) }).toEqual({ file, missing: [] });
    }
    // The diagram draws every subnet CIDR (boxes by role, with each CIDR on them), the hub's included.
    const svg = files[`${second.artifactId}.design.svg`];
    expect([...own.cidrs, ...hub.cidrs].filter((c) => !svg.includes(c))).toEqual([]);
  });

  test('no file of member 2\'s documents names member 1\'s or member 3\'s stack, VPCs, subnets or subnet CIDRs', () => {
    const others = [first, third].map(network);
    expect(others.every((o) => o.paths.length >= 6 && o.cidrs.length >= 6)).toBe(true);
    for (const [file, text] of Object.entries(files)) {
      const found = [
        ...[first, third].flatMap((s) => [s.stackName, s.node.path]).filter((n) => text.includes(`${n}/`)),
        ...others.flatMap((o) => o.cidrs).filter((c) => text.includes(c)),
      ];
      expect({ file, found }).toEqual({ file, found: [] });
    }
  });

  test('the evidence says what is described; the hub\'s route table counts the other members\' attachments without naming them', () => {
    const md = files[`${second.artifactId}.design.md`];
    expect(md).toContain(`| 記載範囲 | ${second.stackName}, ${prefecture.hubStack.stackName}（`);
    const transit = parseCsv(files[`${second.artifactId}.design/parameters-transit.csv`].replace(/^\uFEFF/, ''));
    const column = (key: string) => transit[0].indexOf(key);
    const hubTable = transit.filter((r) => r[column('TGW ルートテーブル')] === `${prefecture.hubStack.node.path}/SecurityCloud/HubRouteTable`);
    expect(hubTable.length).toBeGreaterThan(0);
    // Propagated into the hub's table: member 2's attachment by name, the other members' counted.
    const propagations = hubTable[0][column('伝播')].split(/\r?\n/);
    expect(propagations).toEqual([expect.stringContaining(`${second.node.path}/Network/`), `ほか ${MEMBERS - 1} 件（この設計書の対象外）`]);
  });

  test('the diagram draws member 2\'s route to the hub through the hub\'s transit gateway', () => {
    const svg = files[`${second.artifactId}.design.svg`];
    const edges = [...svg.matchAll(/class="jn-edge jn-route" data-from="([^"]*)" data-to="([^"]*)"/g)].map((m) => [m[1], m[2]] as const);
    const hubTgw = [...svg.matchAll(/data-id="(tgw:[^"]*)"/g)].map((m) => m[1]).filter((id) => id.startsWith(`tgw:${prefecture.hubStack.stackName}/`));
    expect(hubTgw).toHaveLength(1);
    // From a member 2 subnet box along route arrows, through a transit table, to a hub subnet box.
    const reached = new Set(edges.map(([from]) => from).filter((f) => f.startsWith(`subnets:${second.stackName}/`)));
    const before = reached.size;
    let grown = true;
    while (grown) {
      grown = false;
      for (const [from, to] of edges) if (reached.has(from) && !reached.has(to) && (to.startsWith('tgw-table:') || to.startsWith(`subnets:${prefecture.hubStack.stackName}/`))) { reached.add(to); grown = true; }
    }
    expect(before).toBeGreaterThan(0);
    expect([...reached].some((id) => id.startsWith(`subnets:${prefecture.hubStack.stackName}/`))).toBe(true);
    expect(svg).not.toMatch(/data-id="[^"]*(Member001|Member003)/);
  });

  test('limiting what is listed changes no flow\'s path: the flows table is the same as over the whole prefecture', () => {
    const templates = Object.fromEntries([prefecture.hubStack, first, second, third]
      .map((s) => [s.stackName, JSON.parse(fs.readFileSync(path.join(outdir, s.templateFile), 'utf8'))]));
    const graph = extractCloudFormation(templates);
    const input = { graph, stack: second.stackName, options: { model: NetworkModel.ALPHA_PRIME }, flows: declaredFlowsOf(second), findings: [] };
    const scoped = buildDesignDocuments({ ...input, describedStacks: [{ name: second.stackName }, { name: prefecture.hubStack.stackName }] });
    const whole = buildDesignDocuments(input);
    const table = (d: typeof whole, id: string) => d.documents.flatMap((x) => x.tables).find((t) => t.id === id)!;
    expect(table(scoped, 'flows').rows.length).toBeGreaterThan(0);
    // Every column but the filters: the security groups of a flow's hosts are the member's own, not every member's
    // group of a host of the same name.
    const filters = table(whole, 'flows').columns.findIndex((c) => c.key === 'filters');
    const without = (d: typeof whole) => table(d, 'flows').rows.map((r) => r.cells.filter((_, i) => i !== filters));
    expect(without(scoped)).toEqual(without(whole));
    const groups = (d: typeof whole) => table(d, 'flows').rows.flatMap((r) => r.cells[filters].split('\n')).filter((l) => l.startsWith('SG '));
    expect(groups(whole).some((g) => g.includes(`${first.stackName}/`))).toBe(true);
    expect(groups(scoped).length).toBeGreaterThan(0);
    expect(groups(scoped).filter((g) => !g.startsWith(`SG ${second.stackName}/`))).toEqual([]);
    // …while the parameter sheet of the whole lists every member's VPCs and the scoped one only member 2's and the hub's.
    const vpcs = (d: typeof whole) => table(d, 'parameters-vpcs').rows.map((r) => r.attributes.vpc).sort();
    expect(vpcs(whole)).toEqual(nodesOf(graph, 'vpc').map((v) => v.id).sort());
    expect(vpcs(scoped)).toEqual(nodesOf(graph, 'vpc').map((v) => v.id).filter((id) => id.startsWith(`${second.stackName}/`) || id.startsWith(`${prefecture.hubStack.stackName}/`)).sort());
    // Member 2 alone: its routes to the hub's transit gateway still name it (not "outside the output", not unknown), and
    // its table on the hub counts the hub's propagated attachment.
    const alone = [{ name: second.stackName }];
    const hubTgw = nodesOf(graph, 'transit-gateway').map((g) => g.id).filter((id) => id.startsWith(`${prefecture.hubStack.stackName}/`));
    expect(hubTgw).toHaveLength(1);
    const routes = table(buildDesignDocuments({ ...input, describedStacks: alone }), 'parameters-routes').rows;
    expect(routes.some((r) => r.cells.includes('transit-gateway') && r.cells.includes(hubTgw[0]))).toBe(true);
    expect(routes.every((r) => r.attributes.table.startsWith(`${second.stackName}/`))).toBe(true);
    const svg = renderNetworkDiagram({ graph, describedStacks: alone });
    expect(svg).not.toContain('出力外');
    expect(svg).toContain('伝播: ほか 1 件 (本書の対象外)');
    expect(svg).not.toMatch(new RegExp(`data-id="[^"]*(${prefecture.hubStack.stackName}|${first.stackName}|${third.stackName})/`));
    // Byte-identical from a graph extracted afresh.
    expect(renderNetworkDiagram({ graph: extractCloudFormation(JSON.parse(JSON.stringify(templates))), describedStacks: alone })).toBe(svg);
  });

  describe('jichitai-network docs on the prefecture\'s cdk.out: the same scope as at synth', () => {
    const work = tempDir('member-docs-cli');
    // Member 2's blueprint as JSON: joining the hub by `securityCloud: hub` (same app) is written as the hub's attributes,
    // which a blueprint file holds as literals; the documents show none of them (no VPN of the member's own).
    const member = prefectureMember(1);
    const blueprint = path.join(work, 'member-2.blueprint.json');
    writeJson(blueprint, {
      ...member,
      internet: {
        ...member.internet,
        securityCloudHub: {
          transitGatewayId: 'tgw-0123456789abcdef0',
          hubCidr: prefectureHub(MEMBERS).cidr,
          dnsAddresses: prefecture.hub.connectionFor(member.localGovernmentCode!).dnsAddresses,
          siemBucketArn: 'arn:aws:s3:::example-pref-siem',
        },
      },
    });
    const docs = async (cdkOut: string, out: string, ...more: string[]) =>
      cli('docs', cdkOut, '--blueprint', blueprint, '--out-dir', out, '--format', 'html,md,csv,svg', ...more);
    const vpcsOf = (s: Stack) => s.node.findAll().filter((c): c is ec2.CfnVPC => c instanceof ec2.CfnVPC).map((c) => c.node.path);

    test('member 2\'s documents by the CLI (--stack) are the bytes the guard wrote at synth', async () => {
      const out = path.join(work, 'scoped');
      const r = await docs(outdir, out, '--stack', second.stackName);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('1 stack(s)') });
      expect(r.stderr).not.toContain('warning');
      // With --stack the CLI fingerprints only the selected stack's template, as the guard does at synth; given the same
      // blueprint (flows, hosts, route reasons) and language, nothing is left to differ, the date included (none is set).
      const made = documentFiles(out, second.stackName);
      expect(Object.keys(made)).toEqual(Object.keys(files).map((f) => f.replace(second.artifactId, second.stackName)));
      for (const [f, text] of Object.entries(files)) {
        const name = f.replace(second.artifactId, second.stackName);
        // Each file on its own, so that a difference names the file (the diagram's node ids, the parameter sheet's rows).
        expect({ name, same: made[name] === text }).toEqual({ name, same: true });
      }
      const ids = (svg: string) => [...svg.matchAll(/data-id="([^"]*)"/g)].map((m) => m[1]).sort();
      expect(ids(made[`${second.stackName}.design.svg`]).length).toBeGreaterThan(0);
      expect(ids(made[`${second.stackName}.design.svg`])).toEqual(ids(files[`${second.artifactId}.design.svg`]));
      // No other member's VPC is named anywhere; the hub's and member 2's are listed.
      for (const [f, text] of Object.entries(made)) {
        expect({ f, found: [first, third].flatMap(vpcsOf).filter((v) => text.includes(v)) }).toEqual({ f, found: [] });
      }
      const vpcs = made[`${second.stackName}.design/parameters-vpcs.csv`];
      expect([...vpcsOf(second), ...vpcsOf(prefecture.hubStack)].filter((v) => !vpcs.includes(v))).toEqual([]);
    });

    test('every stack documented at once: each member describes itself and the hub only, the hub itself only', async () => {
      const out = path.join(work, 'all');
      const r = await docs(outdir, out);
      expect(r.stderr).not.toContain('warning');
      expect(r.stderr).toContain(`${MEMBERS + 1} stack(s)`);
      for (const m of prefecture.members.map((x) => x.stack)) {
        const md = plain('.md', fs.readFileSync(path.join(out, `${m.stackName}.design.md`), 'utf8'));
        expect(md).toContain(`| 記載範囲 | ${m.stackName}, ${prefecture.hubStack.stackName}（`);
        expect(vpcsOf(prefecture.hubStack).filter((v) => !md.includes(v))).toEqual([]);
        expect(vpcsOf(m).filter((v) => !md.includes(v))).toEqual([]);
        const others = prefecture.members.map((x) => x.stack).filter((x) => x !== m);
        expect({ m: m.stackName, found: others.flatMap(vpcsOf).filter((v) => md.includes(v)) }).toEqual({ m: m.stackName, found: [] });
      }
      // The hub, which nobody guarded, is documented by the CLI (the guard writes it no documents): only its own nodes.
      const hubMd = plain('.md', fs.readFileSync(path.join(out, `${prefecture.hubStack.stackName}.design.md`), 'utf8'));
      expect(hubMd).toContain(`| 記載範囲 | ${prefecture.hubStack.stackName}（`);
      expect(prefecture.members.map((x) => x.stack).flatMap(vpcsOf).filter((v) => hubMd.includes(v))).toEqual([]);
    });

    test('a cloud assembly without the guard\'s reports: every linked stack is described, and the scope and a warning say so', async () => {
      const bare = path.join(work, 'bare.out');
      fs.mkdirSync(bare);
      for (const f of fs.readdirSync(outdir).filter((x) => fs.statSync(path.join(outdir, x)).isFile() && !x.startsWith('jichitai-guard-report.'))) {
        fs.copyFileSync(path.join(outdir, f), path.join(bare, f));
      }
      const out = path.join(work, 'unrecorded');
      const r = await docs(bare, out, '--stack', second.stackName);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/warning: .*no guard report \(jichitai-guard-report\.<stack>\.json\)/);
      const md = plain('.md', fs.readFileSync(path.join(out, `${second.stackName}.design.md`), 'utf8'));
      const all = [prefecture.hubStack, first, second, third].map((s) => s.stackName).sort();
      expect(md).toContain(`| 記載範囲 | ${all.join(', ')}（合成時にどのスタックがガードされたかの記録`);
      // Too much rather than too little: member 2, the hub and the other members are all listed.
      expect([prefecture.hubStack, first, second, third].flatMap(vpcsOf).filter((v) => !md.includes(v))).toEqual([]);
    });
  });
});
