import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { judgedScope, withModelOptions } from './blueprint';
import { CliError, CliIo, EXIT, writeAtomic } from './io';
import { loadJudged, mappingAcknowledgementsFor, withLoadOptions } from './load';
import { DocLanguage } from '../docs/document';
import type * as Files from '../docs/files';
import type * as Png from '../docs/png';
import type * as Render from '../docs/render';
import { evaluateTopology } from '../guard/evaluate';
import { MunicipalNetworkBlueprintProps } from '../model/blueprint';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';

/** The formats `docs` writes. */
export const DOC_FORMATS = ['html', 'md', 'csv', 'xlsx', 'svg', 'png'] as const;
export type DocFormat = typeof DOC_FORMATS[number];

interface DocsFlags {
  readonly model?: NetworkModel;
  readonly blueprint?: string;
  readonly case?: AlphaPrimeCase;
  readonly mapping?: string;
  readonly segment: string[];
  readonly stack: string[];
  readonly hub?: string;
  readonly hubOutputs?: string;
  readonly outDir: string;
  /** `--language` (from withModelOptions): the documents' language too, Japanese when not given. */
  readonly language?: DocLanguage;
  readonly format: DocFormat[];
  readonly label?: string;
  readonly chromium?: string;
}

function parseFormats(value: string): DocFormat[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
  const wrong = formats.filter((f) => !(DOC_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || wrong.length > 0) throw new InvalidArgumentError(`"${value}": give one or more of ${DOC_FORMATS.join(', ')}, comma-separated`);
  return [...new Set(formats)] as DocFormat[];
}

/** Register `docs` on the program; `setExit` receives the command's exit code. */
export function registerDocs(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program.command('docs')
    .summary('write the design documents (設計書) of synthesized artifacts (exit 0 written, 1 written but the guard refuses, 2 unusable input)')
    .description('Write the design documents (設計書) of each stack of the artifact: 通信要件一覧 (communication matrix), パラメータシート '
      + '(parameter sheet), 接続先クラウドサービス一覧 (α′), ガイドライン対応表 (every rule of the model with its result) and the audit evidence, '
      + 'and the network diagram (ネットワーク構成図), as <stack>.design.html (diagram and tables), <stack>.design.md, <stack>.design.xlsx, '
      + '<stack>.design/<table>.csv, <stack>.design.svg and, with --format png (needs chromium), <stack>.design.png in --out-dir.\n\n'
      + 'A stack of a cdk.out linked to others by cross-stack references (a prefecture member and its hub) is judged on all of them, '
      + 'but its documents describe, as the guard\'s at synth do, the stack and the linked stacks the guard did not check at synth '
      + '(no jichitai-guard-report.<stack>.json next to their templates: the hub); with no such report at all, every linked stack '
      + '(the 記載範囲 / Scope row and a warning say so).\n\n'
      + 'The documents are written even when the guard refuses the network (the 対応表 shows FAIL); the exit code is then 1.')
    .argument('<artifact...>', 'cdk.out directory, template JSON, cdk.tf.json, cdktf.out directory or Terraform plan JSON');
  withLoadOptions(withModelOptions(command), 'document only the stacks of these names (glob, * and ?; repeatable); default: every stack')
    .requiredOption('--out-dir <dir>', 'the directory to write the documents to (created if missing)')
    .addOption(new Option('--format <formats>', `comma-separated formats: ${DOC_FORMATS.join(', ')} (png needs chromium)`).argParser(parseFormats)
      .default(DOC_FORMATS.filter((f) => f !== 'png')))
    .option('--label <text>', 'confidentiality label printed on every page (default 取扱注意 / Confidential)')
    .option('--chromium <path>', 'the Chromium binary for --format png (default: chromium, then chromium-browser, on PATH)')
    .action(async (artifacts: string[], flags: DocsFlags) => {
      setExit(await runDocs(artifacts, flags, io));
    });
}

/** The docs command's work; returns the exit code. */
export async function runDocs(artifacts: readonly string[], flags: DocsFlags, io: CliIo): Promise<number> {
  const { options, scope } = judgedScope(flags);
  const blueprint = flags.blueprint ? JSON.parse(fs.readFileSync(flags.blueprint, 'utf8')) as MunicipalNetworkBlueprintProps : undefined;
  const { units, acknowledgements: acks } = loadJudged(artifacts, flags);
  // The documents' code (the diagram's layout library, the workbook writer) is loaded by this command only, so that
  // `check`, `explain` and `diff` start as they did.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { designFiles, workbookFile } = require('../docs/files') as typeof Files;
  const { renderWorkbook } = require('../docs/render') as typeof Render;
  const { svgToPng } = require('../docs/png') as typeof Png;
  /* eslint-enable @typescript-eslint/no-require-imports */

  // Render everything first: nothing is written unless every document of every stack could be made.
  const files: { file: string; content: string | Buffer }[] = [];
  let refused = false;
  const names = new Set<string>();
  for (const u of units) {
    const templates = [...new Set(u.stacks.map((s) => s.file).filter((f): f is string => f !== undefined && fs.statSync(f).isFile()))]
      .map((f) => ({ name: path.basename(f), content: fs.readFileSync(f) }));
    const own = u.artifact.acknowledgements ?? [];
    const unrecorded = u.stacks.filter((s) => s.described?.guardUnrecorded);
    if (unrecorded.length > 0) {
      io.stderr(`jichitai-network: warning: ${u.artifact.input}: no guard report (jichitai-guard-report.<stack>.json) records which of the connected stacks `
        + `${unrecorded[0].described!.stacks.map((s) => s.name).join(', ')} were guarded at synth, so the documents of ${unrecorded.map((s) => s.name).join(', ')} `
        + 'describe every one of them (the 記載範囲 / Scope row says so). To describe each member and the hub only, synthesize with the guard into an empty directory\n');
    }
    for (const stack of u.stacks) {
      // The documents count the findings of every stack they describe (the templates they hash are those the guard hashes
      // at synth: the stacks checked, not the unguarded ones described beside them).
      const outcome = evaluateTopology(stack.name, u.graph, options, [...mappingAcknowledgementsFor(acks, stack.name), ...own],
        { reports: stack.documents ?? stack.reports, emptyIsError: false, hubEvidence: u.hubEvidence, ...scope });
      if (outcome.blocking.length > 0) refused = true;
      const base = safeFileName(stack.name);
      if (names.has(base)) throw new CliError(`two stacks are both written as ${base}.design.*; pick one with --stack`);
      names.add(base);
      const made = designFiles({
        graph: u.graph,
        stack: stack.name,
        options,
        outcome,
        flows: scope.flows,
        hosts: scope.hosts,
        blueprint,
        templates,
        // A stack of a multi-stack unit (a CDK prefecture member): itself and the connected stacks nobody guarded.
        describedStacks: stack.described?.stacks,
        describedUnrecorded: stack.described?.guardUnrecorded,
        language: flags.language ?? 'ja',
        label: flags.label,
      }, base, flags.format.includes('png') ? [...flags.format, 'svg'] : flags.format);
      files.push(...made.files.filter((f) => flags.format.includes('svg') || !f.file.endsWith('.design.svg')));
      // The PNG is Chromium's drawing of the same SVG (where the user asks for one: it needs chromium).
      if (flags.format.includes('png')) files.push({ file: `${base}.design.png`, content: svgToPng(made.svg!, { chromium: flags.chromium }) });
      if (flags.format.includes('xlsx')) files.push({ file: workbookFile(base), content: await renderWorkbook(made.docs) });
    }
  }
  for (const f of files) {
    const file = path.join(flags.outDir, f.file);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    } catch (e) {
      throw new CliError(`cannot create ${path.dirname(file)} (${(e as NodeJS.ErrnoException).code ?? String(e)}); give --out-dir a writable directory`);
    }
    writeAtomic(file, f.content, '--out-dir');
  }
  io.stderr(`jichitai-network: wrote ${files.length} file(s) for ${names.size} stack(s) to ${flags.outDir}${refused ? ' (the guard refuses the network: see the ガイドライン対応表)' : ''}\n`);
  return refused ? EXIT.FINDINGS : EXIT.COMPLIANT;
}

/** A stack name as a file name: path separators and characters file systems refuse become `_`. */
function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_');
  return s.length > 0 ? s : '_';
}
