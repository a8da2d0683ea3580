/**
 * The design documents in four formats: Markdown, CSV (one file per table), one self-contained printable HTML page, and
 * an Excel workbook (one sheet per table). User text reaches each format through that format's one escaping function
 * (`mdCell`, `csvField`, `html`, `xlsxText`), never by concatenation; every renderer is deterministic.
 */
import { allTables, DesignDocuments, DocTable } from './document';
import { documentText } from '../guard/display';

// --- text hygiene shared by all formats --------------------------------------------------------------------------

/**
 * Characters XML 1.0 forbids (C0 controls but tab / LF / CR, lone surrogates, U+FFFE/U+FFFF) are replaced by U+FFFD in
 * every format: an HTML or xlsx file holding them is malformed, a CSV holding them confuses readers. The other hidden
 * characters a name read from a template may hold (bidirectional overrides, zero-width characters, DEL and C1 controls,
 * line separators) are shown as their escapes (`visible`), so that a reviewer reads the name that is there.
 */
function clean(text: string): string {
  return documentText(text.replace(/\r\n?/g, '\n'));
}

// --- Markdown ----------------------------------------------------------------------------------------------------

/** A Markdown table cell or line of text: HTML-escaped (Markdown passes raw HTML through), Markdown syntax escaped, newlines as `<br>`. */
function mdCell(text: string): string {
  // Markdown punctuation first (so that the entities made next stay whole), then the HTML characters, then line breaks.
  return html(clean(text).replace(/[\\`*_[\]{}()#+!|~-]/g, (c) => `\\${c}`)).replace(/\n/g, '<br>');
}

/** The documents as one Markdown file (GitHub-flavoured tables). */
export function renderMarkdown(docs: DesignDocuments): string {
  const out: string[] = [];
  out.push(`# ${mdCell(docs.title)}`, '', `**${mdCell(docs.label)}**`, '');
  out.push(`| ${mdCell(docs.language === 'ja' ? '項目' : 'Item')} | ${mdCell(docs.language === 'ja' ? '内容' : 'Value')} |`, '| --- | --- |');
  for (const f of docs.facts) out.push(`| ${mdCell(f.label)} | ${mdCell(f.value)} |`);
  out.push('', `## ${mdCell(docs.language === 'ja' ? '目次' : 'Contents')}`, '');
  for (const d of docs.documents) {
    out.push(`- ${mdCell(d.title)}`);
    for (const t of d.tables) out.push(`  - ${mdCell(t.title)}`);
  }
  for (const d of docs.documents) {
    out.push('', `## ${mdCell(d.title)}`);
    for (const t of d.tables) {
      out.push('', `### ${mdCell(t.title)}`, '');
      for (const n of t.notes) out.push(mdCell(n), '');
      out.push(`| ${t.columns.map((c) => mdCell(c.header)).join(' | ')} |`, `|${t.columns.map(() => ' --- |').join('')}`);
      for (const r of t.rows) out.push(`| ${r.cells.map(mdCell).join(' | ')} |`);
      if (t.rows.length === 0) out.push(`| ${t.columns.map((_, i) => (i === 0 ? mdCell(docs.language === 'ja' ? '（該当なし）' : '(none)') : '')).join(' | ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

// --- CSV ---------------------------------------------------------------------------------------------------------

/**
 * One RFC 4180 field, always quoted (quotes doubled). A field a spreadsheet would read as a formula (starting with `=`,
 * `+`, `-`, `@`, tab or CR: OWASP "CSV Injection") is prefixed with `'`, so that Excel shows it as text — also after
 * leading spaces, and for the fullwidth forms (`＝＋－＠`, which a Japanese-locale spreadsheet may take for the ASCII
 * ones: an outside tester's finding, not reproducible here without Excel; fail closed).
 */
function csvField(text: string): string {
  const t = clean(text);
  const safe = /^[\t\r]|^[ \u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(t) ? `'${t}` : t;
  return `"${safe.replace(/"/g, '""').replace(/\n/g, '\r\n')}"`;
}

const BOM = '\uFEFF';

/** One table as CSV: UTF-8 with a byte order mark (so that Excel reads Japanese), CRLF line ends, a header row. */
export function renderCsvTable(table: DocTable): string {
  const lines = [table.columns.map((c) => csvField(c.header)), ...table.rows.map((r) => r.cells.map(csvField))];
  return `${BOM}${lines.map((l) => l.join(',')).join('\r\n')}\r\n`;
}

/** Every table as a CSV file: file name (`<table id>.csv`) → content, in document order. */
export function renderCsv(docs: DesignDocuments): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of allTables(docs)) out[`${t.id}.csv`] = renderCsvTable(t);
  return out;
}

// --- HTML --------------------------------------------------------------------------------------------------------

/** Text and attribute values in HTML: the five characters that can end or open markup. */
function html(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `data-*` attribute names: lower-case letters, digits and hyphens only (anything else is dropped). */
function dataName(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9-]/g, '');
}

/** Options of the HTML report. */
export interface HtmlOptions {
  /**
   * The network diagram (ネットワーク構成図), an SVG document generated by the library; embedded inline as its own
   * section. It must be an `<svg` element (an XML declaration before it is dropped).
   * @default - no diagram section
   */
  readonly diagramSvg?: string;
}

const CSS = `
:root{--ink:#1a1a1a;--rule:#b9b9b9;--head:#eef1f5;--pass:#1b6e2e;--fail:#b00020;--warn:#8a5a00;--ack:#1f4f99;--oos:#555}
*{box-sizing:border-box}
body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;color:var(--ink);margin:0 auto;max-width:1400px;padding:2.5rem 1.5rem;font-size:13px;line-height:1.5}
.label{position:fixed;top:0;right:0;left:0;text-align:right;padding:.3rem 1rem;font-weight:bold;color:var(--fail);background:#fff;border-bottom:1px solid var(--fail);z-index:10}
h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.3rem;border-bottom:2px solid var(--ink);margin-top:2.5rem}h3{font-size:1.05rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;table-layout:auto}
th,td{border:1px solid var(--rule);padding:.25rem .4rem;vertical-align:top;text-align:left;white-space:pre-wrap;word-break:break-word}
th{background:var(--head)}
thead{display:table-header-group}
tr{break-inside:avoid}
.note{color:#333;margin:.2rem 0}
.result-PASS{color:var(--pass);font-weight:bold}.result-FAIL{color:var(--fail);font-weight:bold}.result-WARNING{color:var(--warn);font-weight:bold}
.result-ACKNOWLEDGED{color:var(--ack);font-weight:bold}.result-OUT_OF_SCOPE{color:var(--oos)}
tr[data-carried="no"] td{background:#fdecee}
nav ol{columns:2}
.diagram svg{max-width:100%;height:auto;border:1px solid var(--rule)}
@media print{body{max-width:none;padding:1.8rem 0 0;font-size:9pt}section{break-before:page}section#summary{break-before:auto}a{color:inherit;text-decoration:none}}
@page{size:A4 landscape;margin:12mm}
`;

/** The documents as one self-contained printable HTML page (no external resource; inline CSS). */
export function renderHtml(docs: DesignDocuments, options: HtmlOptions = {}): string {
  const ja = docs.language === 'ja';
  const out: string[] = [];
  out.push('<!DOCTYPE html>', `<html lang="${docs.language}">`, '<head>', '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No script, no external resource: the page is a document.
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    `<title>${html(docs.title)}</title>`, `<style>${CSS}</style>`, '</head>', `<body data-stack="${html(docs.stack)}">`);
  out.push(`<div class="label" data-label>${html(docs.label)}</div>`);
  out.push(`<h1>${html(docs.title)}</h1>`);
  out.push('<section id="summary" data-document="summary">', '<table class="facts"><tbody>');
  for (const f of docs.facts) out.push(`<tr data-fact="${html(f.key)}"><th scope="row">${html(f.label)}</th><td>${html(f.value)}</td></tr>`);
  out.push('</tbody></table>');
  out.push(`<nav aria-label="${ja ? '目次' : 'Contents'}"><h2>${ja ? '目次' : 'Contents'}</h2><ol>`);
  if (options.diagramSvg !== undefined) out.push(`<li><a href="#diagram">${ja ? 'ネットワーク構成図' : 'Network diagram'}</a></li>`);
  for (const d of docs.documents) {
    out.push(`<li><a href="#doc-${html(d.id)}">${html(d.title)}</a><ol>`);
    for (const t of d.tables) out.push(`<li><a href="#${html(t.id)}">${html(t.title)}</a></li>`);
    out.push('</ol></li>');
  }
  out.push('</ol></nav>', '</section>');
  if (options.diagramSvg !== undefined) {
    out.push(`<section id="diagram" data-document="diagram" class="diagram"><h2>${ja ? 'ネットワーク構成図' : 'Network diagram'}</h2>`, svgElement(options.diagramSvg), '</section>');
  }
  for (const d of docs.documents) {
    out.push(`<section id="doc-${html(d.id)}" data-document="${html(d.id)}">`, `<h2>${html(d.title)}</h2>`);
    for (const t of d.tables) out.push(tableHtml(t, ja));
    out.push('</section>');
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

/** The diagram as an inline `<svg>` element; anything else is refused (the slot takes the library's diagram only). */
function svgElement(svg: string): string {
  const body = svg.replace(/^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?/, '');
  if (!/^<svg[\s>]/.test(body)) throw new Error('renderHtml: diagramSvg must be an SVG document (an <svg> element)');
  return body;
}

function tableHtml(t: DocTable, ja: boolean): string {
  const out: string[] = [];
  out.push(`<h3 id="${html(t.id)}">${html(t.title)}</h3>`);
  for (const n of t.notes) out.push(`<p class="note">${html(n)}</p>`);
  out.push(`<table data-table="${html(t.id)}">`, '<thead><tr>');
  out.push(...t.columns.map((c) => `<th scope="col" data-column="${html(c.key)}">${html(c.header)}</th>`));
  out.push('</tr></thead>', '<tbody>');
  for (const r of t.rows) {
    const attrs = Object.keys(r.attributes).sort().map((k) => ` data-${dataName(k)}="${html(r.attributes[k])}"`).join('');
    const cells = r.cells.map((c, i) => {
      const key = t.columns[i]?.key ?? '';
      const cls = key === 'result' && r.attributes.result ? ` class="result-${html(r.attributes.result)}"` : '';
      return `<td data-column="${html(key)}"${cls}>${html(c)}</td>`;
    });
    out.push(`<tr${attrs}>${cells.join('')}</tr>`);
  }
  if (t.rows.length === 0) out.push(`<tr data-empty><td colspan="${t.columns.length}">${ja ? '（該当なし）' : '(none)'}</td></tr>`);
  out.push('</tbody>', '</table>');
  return out.join('\n');
}

// --- Excel -------------------------------------------------------------------------------------------------------

/** A cell of the workbook: always a string cell (write-excel-file writes it as a shared string, never as a formula). */
function xlsxText(text: string): { value: string; type: StringConstructor; wrap: boolean } {
  return { value: clean(text), type: String, wrap: true };
}

/** A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, not starting or ending with `'`; unique. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * The documents as an Excel workbook: one sheet per table — the confidentiality label and the title in the first row,
 * the header in the second, then the rows, then the notes. The summary (facts) is the first sheet.
 *
 * write-excel-file stamps every zip entry with the current time (fflate's default `mtime`, no option to set it), so the
 * archive's timestamps are set to a fixed one afterwards (`fixZipTimes`): the same documents give the same bytes.
 */
export async function renderWorkbook(docs: DesignDocuments): Promise<Buffer> {
  // A bundled runtime dependency; its Node entry point is CommonJS.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const writeXlsxFile = require('write-excel-file/node') as (sheets: unknown[], options?: unknown) => { toBuffer(): Promise<Buffer> };
  const used = new Set<string>();
  const ja = docs.language === 'ja';
  const sheets: unknown[] = [];
  const summary: TableLike = {
    title: ja ? '概要' : 'Summary',
    header: [ja ? '項目' : 'Item', ja ? '内容' : 'Value'],
    rows: docs.facts.map((f) => [f.label, f.value]),
    notes: [],
  };
  const tables: TableLike[] = [summary, ...allTables(docs).map((t) => ({
    title: t.title, header: t.columns.map((c) => c.header), rows: t.rows.map((r) => [...r.cells]), notes: [...t.notes],
  }))];
  for (const t of tables) {
    const width = Math.max(t.header.length, 1);
    const data = [
      [xlsxText(`${docs.label} — ${t.title}`), ...Array.from({ length: width - 1 }, () => null)],
      t.header.map((h) => ({ ...xlsxText(h), fontWeight: 'bold', backgroundColor: '#EEF1F5' })),
      ...t.rows.map((r) => r.map(xlsxText)),
      ...t.notes.map((n) => [xlsxText(n), ...Array.from({ length: width - 1 }, () => null)]),
    ];
    sheets.push({ data, sheet: sheetName(t.title, used), columns: t.header.map(() => ({ width: 28 })), stickyRowsCount: 2 });
  }
  const buffer = await writeXlsxFile(sheets, { fontFamily: 'Yu Gothic' }).toBuffer();
  return fixZipTimes(Buffer.from(buffer));
}

interface TableLike {
  readonly title: string;
  readonly header: string[];
  readonly rows: string[][];
  readonly notes: string[];
}

/** 1980-01-01 00:00, the earliest DOS date: the time every entry of the workbook's zip archive is given. */
const DOS_TIME = 0x0000;
const DOS_DATE = 0x0021;

/**
 * Set the modification time of every entry of a zip archive (local headers and central directory, APPNOTE 4.3.7 and
 * 4.3.12) to `DOS_DATE`/`DOS_TIME`, walking the central directory from the end record. Throws on anything it cannot
 * walk (never returns a half-patched archive). CRCs cover the data only, so they stay valid.
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('renderWorkbook: the workbook is not a zip archive (no end of central directory)');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('renderWorkbook: unexpected zip central directory');
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('renderWorkbook: unexpected zip local header');
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
