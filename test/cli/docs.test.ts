import * as fs from 'fs';
import * as path from 'path';
import { addMyNumberNat, cli, copyCdkOut, synthExample, tempDir, writeJson } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
import { FORBIDDEN_COLOUR } from '../../src/docs/diagram';
import { parseCsv } from '../docs/support';

describe('jichitai-network docs', () => {
  const work = tempDir('docs');
  const compliant = synthExample('alpha-prime', path.join(work, 'alpha-prime.out'));
  const blueprint = path.join(work, 'alpha-prime.blueprint.json');
  writeJson(blueprint, BLUEPRINTS['alpha-prime']);
  const stack = 'SampleCity-alpha-prime';

  test('writes every format for each stack (exit 0), byte-identical on a second run', async () => {
    const out = path.join(work, 'docs-1');
    const r = await cli('docs', compliant, '--blueprint', blueprint, '--out-dir', out);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('wrote') });
    const files = fs.readdirSync(out).sort();
    expect(files).toEqual([`${stack}.design`, `${stack}.design.html`, `${stack}.design.md`, `${stack}.design.svg`, `${stack}.design.xlsx`]);
    const csv = fs.readdirSync(path.join(out, `${stack}.design`));
    expect(csv).toEqual(expect.arrayContaining(['flows.csv', 'compliance.csv', 'parameters-subnets.csv', 'cloud-services.csv', 'tenant-control.csv']));
    // Every declared flow of the blueprint is a row of the matrix, carried.
    const flows = parseCsv(fs.readFileSync(path.join(out, `${stack}.design`, 'flows.csv'), 'utf8').slice(1));
    expect(flows.slice(1).map((row) => row[0]).sort()).toEqual(BLUEPRINTS['alpha-prime'].flows!.map((f) => f.name).sort());
    expect(flows.slice(1).every((row) => row[flows[0].indexOf('疎通（FLOW-1）')] === '疎通する')).toBe(true);
    const html = fs.readFileSync(path.join(out, `${stack}.design.html`), 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('data-rule="AP-3"');
    // The report carries the network diagram, the same drawing as the .svg file.
    const svg = fs.readFileSync(path.join(out, `${stack}.design.svg`), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(html).toContain(svg.trim());
    expect(svg).not.toContain(FORBIDDEN_COLOUR.toLowerCase());

    const again = path.join(work, 'docs-2');
    expect((await cli('docs', compliant, '--blueprint', blueprint, '--out-dir', again)).code).toBe(0);
    for (const f of [`${stack}.design.html`, `${stack}.design.md`, `${stack}.design.xlsx`, `${stack}.design/flows.csv`]) {
      expect({ f, same: fs.readFileSync(path.join(again, f)).equals(fs.readFileSync(path.join(out, f))) }).toEqual({ f, same: true });
    }
    // No temporary file is left behind.
    expect(fs.readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('a refused network is documented too, with FAIL in the 対応表, and exits 1', async () => {
    const mutated = copyCdkOut(synthExample('alpha', path.join(work, 'alpha.out')), path.join(work, 'alpha-mutated.out'));
    addMyNumberNat(mutated, 'SampleCity-alpha');
    const out = path.join(work, 'docs-refused');
    const r = await cli('docs', mutated, '--model', 'α', '--out-dir', out, '--format', 'csv,md,html', '--language', 'en');
    expect(r.code).toBe(1);
    expect(fs.readdirSync(out).sort()).toEqual(['SampleCity-alpha.design', 'SampleCity-alpha.design.html', 'SampleCity-alpha.design.md']);
    // The forbidden path is drawn in red in the report's diagram, labelled with the rule that refuses it.
    const html = fs.readFileSync(path.join(out, 'SampleCity-alpha.design.html'), 'utf8');
    const diagram = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(diagram).toMatch(new RegExp(`stroke="${FORBIDDEN_COLOUR}"[^>]*stroke-width="4"|stroke-width="4"[^>]*stroke="${FORBIDDEN_COLOUR}"`, 'i'));
    expect(diagram).toContain('MN-1');
    const rules = parseCsv(fs.readFileSync(path.join(out, 'SampleCity-alpha.design', 'compliance.csv'), 'utf8').slice(1));
    const result = rules[0].indexOf('Result');
    expect(rules.find((row) => row[0] === 'MN-1')![result]).toBe('FAIL');
    // Without a blueprint there are no declared flows, and what only the blueprint knows is not invented.
    expect(fs.readFileSync(path.join(out, 'SampleCity-alpha.design.md'), 'utf8')).toContain('No flows are declared');
  });

  test('usage errors exit 2 and write nothing', async () => {
    const out = path.join(work, 'docs-none');
    expect((await cli('docs', compliant, '--out-dir', out)).code).toBe(2);
    expect((await cli('docs', compliant, '--model', 'α′', '--case', 'イ', '--out-dir', out, '--format', 'pdf')).code).toBe(2);
    expect((await cli('docs', compliant, '--model', 'α′', '--case', 'イ')).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});
