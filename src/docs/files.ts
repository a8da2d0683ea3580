/**
 * The design-document files of one stack, shared by the synth-time option (src/cdk/guard.ts, src/cdktf/guard.ts) and
 * `jichitai-network docs` (src/cli/docs.ts): the same input gives the same bytes either way.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { renderNetworkDiagram } from './diagram';
import { DesignDocuments } from './document';
import { buildDesignDocuments, DesignDocumentsInput } from './model';
import { renderCsv, renderHtml, renderMarkdown } from './render';
import { writeFileAtomic } from '../cli/io';
import { DEFAULT_DESIGN_FORMATS, DesignDocumentFormat, DesignDocumentsOptions } from '../model/design-documents';

/** One file to write, relative to the directory the documents go to. */
export interface DesignFile {
  readonly file: string;
  readonly content: string | Buffer;
}

/**
 * The documents of one stack and the files of every format but the workbook (`workbookSync`, or write-excel-file's
 * `renderWorkbook`); `svg` is the diagram when the HTML or SVG format asked for it.
 */
export function designFiles(
  input: DesignDocumentsInput, base: string, formats: readonly string[],
): { docs: DesignDocuments; files: DesignFile[]; svg?: string } {
  const docs = buildDesignDocuments(input);
  const files: DesignFile[] = [];
  const wants = (f: DesignDocumentFormat) => formats.includes(f);
  // Every finding with a path is drawn (refusals in red); acknowledged ones were accepted, so they are not.
  const outcome = input.outcome;
  const findings = outcome ? [...outcome.blocking, ...outcome.warned] : [...input.findings ?? []];
  const svg = wants(DesignDocumentFormat.HTML) || wants(DesignDocumentFormat.SVG)
    ? renderNetworkDiagram({
      graph: input.graph,
      flows: input.flows,
      findings,
      language: docs.language,
      title: docs.title,
      confidentiality: docs.label,
      describedStacks: input.describedStacks,
    })
    : undefined;
  if (wants(DesignDocumentFormat.HTML)) files.push({ file: `${base}.design.html`, content: renderHtml(docs, { diagramSvg: svg }) });
  if (wants(DesignDocumentFormat.SVG)) files.push({ file: `${base}.design.svg`, content: svg! });
  if (wants(DesignDocumentFormat.MARKDOWN)) files.push({ file: `${base}.design.md`, content: renderMarkdown(docs) });
  if (wants(DesignDocumentFormat.CSV)) {
    for (const [name, content] of Object.entries(renderCsv(docs))) files.push({ file: path.join(`${base}.design`, name), content });
  }
  return { docs, files, svg };
}

/** The workbook's file name next to the others. */
export function workbookFile(base: string): string {
  return `${base}.design.xlsx`;
}

/**
 * The workbook, synchronously: write-excel-file only offers a Promise and a synthesis cannot wait for one, so a child
 * `node` renders it from the documents (plain data, as JSON on stdin) and hands back the bytes on stdout.
 */
export function workbookSync(docs: DesignDocuments): Buffer {
  const ts = path.extname(__filename) === '.ts';
  const script = path.join(__dirname, `workbook-process${ts ? '.ts' : '.js'}`);
  // From the TypeScript sources (this repository's tests) the child needs ts-node, a development dependency.
  const args = ts ? ['-r', 'ts-node/register/transpile-only', script] : [script];
  return execFileSync(process.execPath, args, { input: JSON.stringify(docs), maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Write the files under `dir`, each atomically (a temporary file renamed into place): nothing is left half-written. */
export function writeDesignFiles(dir: string, files: readonly DesignFile[]): void {
  for (const f of files) {
    const file = path.join(dir, f.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, f.content);
  }
}

/**
 * The synth-time option: once the synthesizer has written the stack (`templateFile`), write its design documents into
 * `dir` as `<base>.design.*`, with the SHA-256 of the written template.
 */
export function writeAtSynthesis(input: Omit<DesignDocumentsInput, 'templates' | 'language' | 'label' | 'date'>, o: DesignDocumentsOptions,
  base: string, dir: string, templateFile: string): void {
  const formats = o.formats ?? DEFAULT_DESIGN_FORMATS;
  const { docs, files } = designFiles({
    ...input,
    templates: [{ name: path.basename(templateFile), content: fs.readFileSync(templateFile) }],
    language: o.language,
    label: o.label,
    date: o.date,
  }, base, formats);
  // Everything is made before anything is written.
  const all = formats.includes(DesignDocumentFormat.XLSX) ? [...files, { file: workbookFile(base), content: workbookSync(docs) }] : files;
  writeDesignFiles(dir, all);
}
