/**
 * The synth-time option (`designDocuments` on the blueprint / TopologyGuard options): the design documents are written
 * next to what each engine writes, carry the SHA-256 of the written template, are the same bytes `jichitai-network docs`
 * writes from that output, and a refused synthesis writes none.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { App as TfApp } from 'cdktf';
import { BLUEPRINTS } from '../../examples/blueprints';
import { buildCdkExample } from '../../examples/cdk/_app';
import { buildCdkPrefecture } from '../../examples/cdk/_prefecture';
import { REFERENCE_MEMBERS } from '../../examples/prefecture';
import { buildTfExample } from '../../examples/tf/_app';
import { buildTfPrefecture } from '../../examples/tf/_prefecture';
import { cdk, DesignDocumentFormat, DocumentLanguage, GuardLanguage, MunicipalNetworkBlueprintProps, NetworkModel, validateBlueprint } from '../../src';
import { cli, tempDir, writeJson } from '../cli/support';

const ALL = [DesignDocumentFormat.HTML, DesignDocumentFormat.MARKDOWN, DesignDocumentFormat.CSV, DesignDocumentFormat.SVG, DesignDocumentFormat.XLSX];
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('design documents at synthesis', () => {
  const work = tempDir('docs-synth');

  test('CDK: every format next to the template, hashing the written template, the same bytes as the CLI writes', async () => {
    const out = path.join(work, 'cdk.out');
    const app = new App({ outdir: out, context: { 'aws:cdk:enable-path-metadata': true } });
    buildCdkExample('alpha', app);
    // buildCdkExample without the context key builds no documents: ask for them the way the examples' apps do.
    const withDocs = new App({ outdir: path.join(work, 'cdk-docs.out'), context: { 'jichitai:design-documents': 'true', 'aws:cdk:enable-path-metadata': true } });
    buildCdkExample('alpha', withDocs);
    withDocs.synth();
    app.synth();
    const dir = path.join(work, 'cdk-docs.out');
    const base = 'SampleCity-alpha';
    for (const f of [`${base}.design.html`, `${base}.design.md`, `${base}.design.svg`, `${base}.design.xlsx`, `${base}.design/compliance.csv`]) {
      expect({ f, written: fs.existsSync(path.join(dir, f)) }).toEqual({ f, written: true });
    }
    // Without the option nothing but the report is written.
    expect(fs.readdirSync(out).filter((f) => f.includes('.design'))).toEqual([]);
    const md = fs.readFileSync(path.join(dir, `${base}.design.md`), 'utf8');
    expect(md).toContain(sha256(path.join(dir, `${base}.template.json`)));
    expect(fs.readFileSync(path.join(dir, `${base}.design.xlsx`)).subarray(0, 2).toString()).toBe('PK');

    // The CLI reads the same output and writes the same documents.
    const blueprint = path.join(work, 'alpha.json');
    writeJson(blueprint, BLUEPRINTS.alpha);
    const cliOut = path.join(work, 'cli-docs');
    expect((await cli('docs', dir, '--blueprint', blueprint, '--out-dir', cliOut)).code).toBe(0);
    for (const f of [`${base}.design.html`, `${base}.design.md`, `${base}.design.svg`, `${base}.design.xlsx`, `${base}.design/flows.csv`]) {
      expect({ f, same: fs.readFileSync(path.join(cliOut, f)).equals(fs.readFileSync(path.join(dir, f))) }).toEqual({ f, same: true });
    }
  });

  test('CDKTF: next to cdk.tf.json, hashing it', () => {
    const outdir = path.join(work, 'cdktf.out');
    const saved = process.env.JICHITAI_DESIGN_DOCUMENTS;
    process.env.JICHITAI_DESIGN_DOCUMENTS = 'true';
    try {
      buildTfExample('beta-prime', new TfApp({ outdir })).app.synth();
    } finally {
      if (saved === undefined) delete process.env.JICHITAI_DESIGN_DOCUMENTS;
      else process.env.JICHITAI_DESIGN_DOCUMENTS = saved;
    }
    const dir = path.join(outdir, 'stacks', 'SampleCity-beta-prime');
    const base = 'SampleCity-beta-prime';
    expect(fs.readdirSync(dir).filter((f) => f.includes('.design')).sort())
      .toEqual([`${base}.design`, `${base}.design.html`, `${base}.design.md`, `${base}.design.svg`, `${base}.design.xlsx`]);
    expect(fs.readFileSync(path.join(dir, `${base}.design.md`), 'utf8')).toContain(sha256(path.join(dir, 'cdk.tf.json')));
  });

  test('the reference prefecture: its Terraform stack (hub and members) and each AWS CDK member stack get the diagram and the HTML', () => {
    const saved = process.env.JICHITAI_DESIGN_DOCUMENTS;
    process.env.JICHITAI_DESIGN_DOCUMENTS = 'true';
    const tfOut = path.join(work, 'prefecture-tf.out');
    try {
      // The diagram's layout threw on this stack ("Not possible to find intersection inside of the rectangle").
      buildTfPrefecture(REFERENCE_MEMBERS, new TfApp({ outdir: tfOut })).app.synth();
    } finally {
      if (saved === undefined) delete process.env.JICHITAI_DESIGN_DOCUMENTS;
      else process.env.JICHITAI_DESIGN_DOCUMENTS = saved;
    }
    const cdkOut = path.join(work, 'prefecture-cdk.out');
    const app = new App({ outdir: cdkOut, context: { '@aws-cdk/core:defaultCrossStackReferences': 'strong', 'jichitai:design-documents': 'true' } });
    const { members } = buildCdkPrefecture(REFERENCE_MEMBERS, app);
    app.synth();
    const written = [
      path.join(tfOut, 'stacks', 'ExamplePref', 'ExamplePref'),
      ...members.map((m) => path.join(cdkOut, m.stack.artifactId)),
    ];
    for (const base of written) {
      const svg = fs.readFileSync(`${base}.design.svg`, 'utf8');
      const html = fs.readFileSync(`${base}.design.html`, 'utf8');
      // The hub drawn as the security cloud, inline in the HTML report as in the SVG file.
      expect({ base, hub: svg.includes('class="jn-cluster jn-security-cloud"') }).toEqual({ base, hub: true });
      expect({ base, inline: html.includes(svg.trim()) }).toEqual({ base, inline: true });
    }
  }, 180_000);

  test('a refused synthesis writes no documents', () => {
    const outdir = path.join(work, 'refused.out');
    const app = new App({ outdir });
    const stack = new Stack(app, 'Refused', { env: { region: 'ap-northeast-1' } });
    const network = new cdk.MunicipalNetwork(stack, 'Network', { ...BLUEPRINTS.alpha, designDocuments: { formats: ALL } });
    // MN-1: an internet gateway routed from a My Number subnet.
    const igw = new ec2.CfnInternetGateway(stack, 'Igw');
    const vpc = network.myNumber.vpc;
    new ec2.CfnVPCGatewayAttachment(stack, 'Attach', { vpcId: vpc.vpcId, internetGatewayId: igw.ref });
    const table = vpc.isolatedSubnets[0] ?? vpc.privateSubnets[0];
    new ec2.CfnRoute(stack, 'Out', { routeTableId: table.routeTable.routeTableId, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.ref });
    expect(() => app.synth()).toThrow(/MN-1/);
    expect(fs.existsSync(outdir) ? fs.readdirSync(outdir).filter((f) => f.includes('.design')) : []).toEqual([]);
  });

  test('bad options are refused with every problem, naming the prop', () => {
    const bad = {
      ...BLUEPRINTS.alpha,
      designDocuments: { formats: ['pdf' as DesignDocumentFormat], language: 'fr' as DocumentLanguage, label: 'a\nb', date: '2026-13-01' },
    } as MunicipalNetworkBlueprintProps;
    const errors = validateBlueprint(bad).join('\n');
    for (const prop of ['designDocuments.formats', 'designDocuments.language', 'designDocuments.label', 'designDocuments.date']) expect(errors).toContain(`[${prop}]`);
    // In Japanese, as the blueprint asks (language: GuardLanguage.JAPANESE).
    const ja = validateBlueprint({ ...bad, language: GuardLanguage.JAPANESE }).join('\n');
    expect(ja).toContain('[designDocuments.date] "2026-13-01" は日付ではない。対処: YYYY-MM-DD の形で書く');
    const stack = new Stack(new App(), 'S');
    expect(() => cdk.TopologyGuard.apply(stack, { model: NetworkModel.ALPHA, designDocuments: { date: 'yesterday' } })).toThrow(/\[designDocuments\.date\]/);
  });
});
